"""Find the captions and credits of a page's pictures.

A caption reads as prose (it is long and full of function words), so the shape rules keep it; what gives it away is
what surrounds and marks it: a credit ("Photo by A. Name/AGENCY", "(Agency Photo)", "Courtesy ...") in it or on
the line beside it, an image file name above it (the picture's slot), its being printed twice in a row (once with
its credit, once without), or its describing a scene in the present tense ("Soldiers unload a truck at the base")
where news reports in the past. Every cue is a word list in sitrep/gazetteers/caption_cues.csv; the shapes that
combine them are here. A caption never carries a reporting verb or a quotation: those are the article's.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .lexicon import GAZETTEERS, data_rows, is_reported_speech
from .settings import DEFAULTS, CleanSettings
from .signals import Features

CUES_CSV = GAZETTEERS / "caption_cues.csv"
CUE_KINDS = frozenset({"credit", "credit_phrase", "caption_opening", "agency", "scene_verb", "scene_marker",
                       "not_subject", "source"})

_PICTURE_SLOT = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|avif)$", re.IGNORECASE)
_CAP = r"[A-Z][\w.'’&-]*"
# A credit closing the line: "... J. Roe/WIRE", "A. Person / Capital News Agency", "AGENCY-PHOTO/NAME": names
# around a slash, one side an agency or in capitals (a slash between two nouns is not a credit).
_SLASH_CREDIT = re.compile(rf"(?:^|\s)(?P<who>(?:{_CAP}\s){{0,4}}{_CAP})\s?/\s?(?P<src>(?:{_CAP}\s?){{1,6}})$")
_SHOUTED = re.compile(r"\b[A-Z]{3,}\b")
_VIA_CREDIT = re.compile(rf"\bvia\s(?:{_CAP}\s?){{1,6}}(?<![.\s])$")
_BRACKETED_END = re.compile(r"[(\[]([^()\[\]]{1,80})[)\]]$")
_BRACKETED_LINE = re.compile(rf"^[(\[](?:{_CAP}\s?){{1,5}}[)\]]$")


class CaptionCueError(ValueError):
    """A row of caption_cues.csv that cannot be used, named so the user can fix it."""


@dataclass(frozen=True)
class SceneCues:
    """The cues of one language that a picture is described: its verbs, markers and non-subject words."""

    verb: re.Pattern[str]
    marker: re.Pattern[str]
    not_subject: frozenset[str]  # words that cannot open a caption's subject ("will", "they"): it is a noun phrase


@dataclass(frozen=True)
class CaptionCues:
    credit: re.Pattern[str]  # a credit word in a credit's shape ("Photo by", "Foto:") or a credit phrase
    credit_word: re.Pattern[str]
    hint: re.Pattern[str]  # a credit word or phrase anywhere: a cheap first look before the credit's shape
    agency: re.Pattern[str]
    source: re.Pattern[str]  # a source note opening the line: "(Source: ...", "Quelle: ..."
    opening: re.Pattern[str]  # words a caption opens with, as written: "FILE –", "PHOTO:"
    scene: dict[str, SceneCues]  # by language code


def _alternation(terms) -> str:
    return "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(terms, key=len, reverse=True)) or "(?!)"


@functools.cache
def cues(path: Path = CUES_CSV) -> CaptionCues:
    terms: dict[tuple[str, str], list[str]] = {}
    for row in data_rows(path):
        kind, term, lang = ((row.get(k) or "").strip() for k in ("kind", "term", "lang"))
        if kind not in CUE_KINDS or not term:
            raise CaptionCueError(f"{path.name}: row {row}: kind must be one of {sorted(CUE_KINDS)} with a term")
        terms.setdefault((kind, lang), []).append(term)

    def of(kind: str, lang: str = "") -> list[str]:
        return terms.get((kind, lang), [])

    word, phrase = _alternation(of("credit")), _alternation(of("credit_phrase"))
    langs = {lang for _, lang in terms if lang}
    scene = {lang: SceneCues(
        verb=re.compile(rf"\b(?:{_alternation(of('scene_verb', lang))})\b"),  # lower case: "march", not "March"
        marker=re.compile(rf"\b(?:{_alternation(of('scene_marker', lang))})\b"),
        not_subject=frozenset(t.lower() for t in of("not_subject", lang)),
    ) for lang in langs}
    return CaptionCues(
        # the credit word opens the line, a bracket or a new sentence: "Photo: ...", "... 2025. Foto: ..."
        credit=re.compile(rf"(?:^|(?<=[.!?|(\[])\s*|(?<=[.!?|]\s))(?:{word})\s*(?:by\b|:|/)|\b(?:{phrase})\b",
                          re.IGNORECASE),
        credit_word=re.compile(rf"\b(?:{word})\b", re.IGNORECASE),
        hint=re.compile(rf"\b(?:{word}|{phrase})\b", re.IGNORECASE),
        agency=re.compile(rf"(?<![\w-])(?:{_alternation(of('agency'))})(?![\w-])"),
        source=re.compile(rf"^[(\[]?(?:{_alternation(of('source'))})\s*:", re.IGNORECASE),
        opening=re.compile(rf"^(?:{_alternation(of('caption_opening'))})(?=\s|$)"),
        scene=scene,
    )


def has_credit(text: str, c: CaptionCues, s: CleanSettings = DEFAULTS) -> bool:
    """A picture credit in the line: a credit word in a credit's shape, a bracketed credit or agency closing it,
    or a trailing "Name / Outlet". A table's cell separator after it ("... (Picture Army Press) |") does not count."""
    text = text.rstrip(" |")
    if c.hint.search(text) and c.credit.search(text):
        return True
    end = _BRACKETED_END.search(text) if text.endswith((")", "]")) else None
    inside = end.group(1).split() if end else []
    if 0 < len(inside) <= s.bracket_credit_words and (
            c.agency.search(end.group(1)) or (c.credit_word.search(end.group(1)) and len(inside) > 1)):
        return True  # "(Agency Photo)", "[Getty]"; not a headline's "(Photos)" nor a "(... Source: a wire)" note
    slash = _SLASH_CREDIT.search(text) if "/" in text else None
    if slash:
        who, src = slash.group("who", "src")
        named = len(who.split()) >= 2 or who.isupper()
        if c.agency.search(who) or c.agency.search(src) or (named and _SHOUTED.search(who + " " + src)):
            return True  # an agency, or a person's name and capitals: not "Help and advice / FAQ"
    return "via " in text and "." in text and bool(_VIA_CREDIT.search(text))


def opens_caption(text: str, c: CaptionCues | None = None) -> bool:
    """A line or sentence that opens as captions do: "FILE – Soldiers march ...", "PHOTO: ..."."""
    return bool((c or cues()).opening.match(text))


def is_source_note(text: str, c: CaptionCues | None = None) -> bool:
    """A note on where the article comes from ("(Source: Ministry of Defence; issued 25 July 2019)"), not on a picture:
    removed like a caption, but its date is the article's."""
    c = c or cues()
    return bool(c.source.match(text)) and not (c.credit_word.search(text) or c.agency.search(text))


def is_credit_line(f: Features, c: CaptionCues, s: CleanSettings = DEFAULTS, credited: bool | None = None) -> bool:
    """A credit on a line of its own: "(Army Engineers)", "A. NAME/OUTLET", "Photo: Agency". credited: has_credit of
    the line, when known."""
    if f.n_words == 0 or f.n_words > s.credit_line_words:
        return False
    text = f.text
    if credited is None:
        credited = has_credit(text, c, s)
    return bool(_BRACKETED_LINE.match(text) or (credited and not text.endswith(".")))


def is_scene(f: Features, scene: SceneCues | None, s: CleanSettings = DEFAULTS) -> bool:
    """A sentence describing a picture: "pictured", "are seen", or a present-tense scene verb right after a short
    noun phrase ("Two soldiers stand guard", "A US marine waves")."""
    if (scene is None or not s.scene_min_words <= f.n_words <= s.caption_max_words
            or f.cap_ratio > s.caption_max_cap_share):
        return False
    if scene.marker.search(f.text):
        return not f.terminal  # "Troops pictured leaving the base": a sentence with its stop is the article's
    m = scene.verb.search(f.text)
    if not m:
        return False
    before = f.text[: m.start()].split()
    return 1 <= len(before) <= s.scene_subject_words and not any(
        w.lower().strip(",") in scene.not_subject for w in before)


def _near_duplicates(folded: Sequence[str], s: CleanSettings) -> list[tuple[int, int]]:
    """Pairs of lines printed twice within a few lines, one perhaps with something added (a credit); folded: the
    lines as fold_line gives them."""
    out: list[tuple[int, int]] = []
    for i, a in enumerate(folded):
        if len(a) < s.duplicate_min_chars:
            continue
        for j in range(i + 1, min(i + 1 + s.duplicate_window, len(folded))):
            b = folded[j]
            if len(b) >= s.duplicate_min_chars and (a.startswith(b) or b.startswith(a)):
                out.append((i, j))
    return out


def find(feats: Sequence[Features], folded: Sequence[str], hard: Sequence[str | None], lang: str | None,
         s: CleanSettings = DEFAULTS, c: CaptionCues | None = None) -> list[bool]:
    """Per line: is it a picture's caption or credit? Lines with a kind of their own already are left alone.
    folded: the lines as fold_line gives them; lang: the document's language (scene cues are per language, credits
    are not)."""
    c = c or cues()
    scene = c.scene.get(lang or "")
    n = len(feats)
    free = [h is None for h in hard]
    prose = [free[i] and f.n_words <= s.caption_max_words and not is_reported_speech(f.text, f.words)
             for i, f in enumerate(feats)]
    slot = [free[i] and bool(_PICTURE_SLOT.match(feats[i].text)) for i in range(n)]
    # A credit outweighs a reporting verb or a quote: "The commander, shown here, said ... Photo by J. Roe/WIRE"
    credited = [free[i] and feats[i].n_words <= s.credited_caption_words and has_credit(feats[i].text, c, s)
                for i in range(n)]
    credit_line = [free[i] and is_credit_line(feats[i], c, s, credited[i]) for i in range(n)]
    out = [slot[i] or credit_line[i] or credited[i]
           or (prose[i] and (is_scene(feats[i], scene, s) or opens_caption(feats[i].text, c))) for i in range(n)]
    for i, j in _near_duplicates(folded, s):
        longer, shorter = sorted((feats[i].text, feats[j].text), key=len, reverse=True)
        extra = longer[len(shorter):].strip()  # what one copy adds: its credit, "(Army Engineers)" or "Photo: ..."
        if free[i] and free[j] and (out[i] or out[j] or has_credit(extra, c, s) or _BRACKETED_LINE.match(extra)):
            out[i] = out[j] = True  # printed twice, once with its credit: a picture's caption
    picture_credit = [credit_line[i] and bool(_BRACKETED_LINE.match(feats[i].text) or c.credit.search(feats[i].text))
                      for i in range(n)]
    for i in range(n):
        if not prose[i] or out[i] or not _sentence(feats[i], s):
            continue
        if (i + 1 < n and picture_credit[i + 1]) or (i > 0 and slot[i - 1]):
            out[i] = True  # the description whose credit follows it, or that sits under the picture
    return out


def _sentence(f: Features, s: CleanSettings) -> bool:
    """Written as a sentence, not a headline: a source line ("Radio News / Wire Agency") also follows an article."""
    return f.n_words >= s.scene_min_words and f.cap_ratio <= s.caption_max_cap_share
