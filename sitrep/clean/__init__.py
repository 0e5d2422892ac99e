"""The cleaning stage: raw page text in, the article body and everything removed from it out.

Pure functions; the only I/O is reading the data files in sitrep/gazetteers/ once (lexicon.py).
"""
from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable

import ftfy

from . import captions, metadata, sentences
from .blocks import Line, split_lines
from .classify import Labelled, label
from .lexicon import fold_line, phrases, stopword_index, stopwords
from .model import KINDS, Block, CleanDoc, Comment
from .settings import DEFAULTS, CleanSettings
from .signals import Features, guess_language_from_words, line_shape, with_stop_ratio
from .threads import parse_comments, thread_start

__all__ = ["KINDS", "Block", "CleanDoc", "CleanSettings", "Comment", "clean_document", "template_lines"]

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, explain=True)
_ENCODING_STEPS = {"encode", "decode", "transcode"}
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
# Characters that UTF-8 read as Latin-1/Windows-1252 (or cp437 etc.) produces, C1 controls, replacement
# characters, HTML entities: what ftfy can repair.
_SUSPECT = re.compile("[\u00c2\u00c3\u00c5\u00ce\u00cf\u00d0\u00d1\u00e2\u0080-\u009f\ufffd\u2020\u0192\u0161\u017e\u0152\u0153\u02c6\u2039\u203a]" r"|&#?\w+;")


def _repair(text: str, notes: list[str] | None = None) -> str:
    """Undo mojibake with ftfy. Text without any character mojibake is made of cannot hold any, so it
    skips the fixer (which costs more than the rest of cleaning together)."""
    text = _INVISIBLE.sub("", text)
    if text.isascii() and "&" not in text or not _SUSPECT.search(text):
        return text
    fixed, steps = ftfy.fix_and_explain(text, config=_FTFY)
    if notes is not None and steps and any(step[0] in _ENCODING_STEPS for step in steps):
        notes.append("mojibake repaired")
    return fixed


def clean_document(raw_text: str, template_lines: frozenset[str] = frozenset(),
                   settings: CleanSettings = DEFAULTS) -> CleanDoc:
    """Split raw_text into blocks, label each, and assemble the body, title, date, publisher and comments.

    template_lines: folded lines seen across many documents of the corpus (see template_lines()); they are
    site furniture wherever they appear. settings: every threshold of the rules (sitrep.clean.settings).
    """
    lines, feats, lab, notes = analyse(raw_text, template_lines, settings)
    if not lines:
        return CleanDoc(None, None, None, "", [], [], notes)

    pieces = sentences.split_furniture(lines, lab.kinds, [f.n_words for f in feats], phrases(), lab.lang, settings)
    blocks: list[Block] = []
    paragraphs: list[str] = []
    for i, (kind, ln) in enumerate(zip(lab.kinds, lines)):
        parts = [Block(k, a, b, raw_text[a:b]) for k, a, b in pieces.get(i, [(kind, ln.start, ln.end)])]
        blocks.extend(parts)
        if kind == "body":
            paragraphs.append(" ".join(p.text for p in parts if p.kind == "body"))
    body_idx = [i for i, k in enumerate(lab.kinds) if k == "body"]
    clean_text = _repair("\n\n".join(p for p in paragraphs if p), notes)

    title = _repair(feats[lab.title_lines[0]].text) if lab.title_lines else None
    comments: list[Comment] = []
    if lab.thread_at is not None:
        span = range(lab.thread_at, len(lines))
        widget = [lab.kinds[i] != "comments" or _is_widget(feats[i], settings) for i in span]
        comments = parse_comments([lines[i] for i in span], [feats[i] for i in span], widget, _repair)

    published_on = _published_on(feats, lab.kinds, body_idx, settings)
    publisher = metadata.find_publisher(
        feats[body_idx[0]].text if body_idx else None,
        [f.text for f, k in zip(feats, lab.kinds) if k == "donation"],
        [feats[i].text for i in range(len(lines)) if lab.kinds[i] == "navigation" and i > (body_idx or [0])[-1]],
    )
    date_hint = None if published_on else _date_hint(feats, lab.kinds, settings)
    return CleanDoc(title, publisher, published_on, clean_text, blocks, comments, notes, date_hint)


def analyse(
    raw_text: str, template_lines: frozenset[str] = frozenset(), settings: CleanSettings = DEFAULTS
) -> tuple[list[Line], list[Features], Labelled | None, list[str]]:
    """The lines of raw_text, their features and labels, and notes: what clean_document assembles its result
    from (also what a person debugging a miss wants to see: sitrep.clean.evaluate.explain_misses)."""
    lines = split_lines(raw_text or "")
    if not lines:
        return [], [], None, ["empty document"]
    notes: list[str] = []
    shapes = [line_shape(ln.text) for ln in lines]
    lang, _share = guess_language_from_words(_sample_words(shapes), stopword_index())
    stop = stopwords().get(lang, frozenset()) if lang else frozenset()
    notes.append(f"language: {lang}" if lang else "language: unknown (shape rules only)")
    feats = _with_stop_ratios(shapes, stop)
    lab = label(lines, feats, phrases(), template_lines, lang, thread_start, settings)
    notes.extend(lab.notes)
    return lines, feats, lab, notes


def _sample_words(shapes: list[Features], size: int = 10_000) -> list[str]:
    """Words of the first lines up to ~size characters: enough for the language's function words to show."""
    words: list[str] = []
    seen = 0
    for s in shapes:
        words.extend(s.words)
        seen += s.n_chars
        if seen > size:
            break
    return words


def _with_stop_ratios(shapes: list[Features], stop: frozenset[str]) -> list[Features]:
    if not stop:
        return shapes
    hit = stop.__contains__
    return [with_stop_ratio(s, sum(map(hit, s.words)) / s.n_words) if s.n_words else s for s in shapes]


def _is_widget(f: Features, s: CleanSettings) -> bool:
    lex = phrases().lookup(f.text, f.n_words) if f.n_words <= s.lexicon_max_words else None
    return lex is not None


def _published_on(feats: list[Features], kinds: list[str], body_idx: list[int], s: CleanSettings):
    """A date alone on a line before the body, else in a dateline opening the body (a wire's, or a place and a
    date), else in a short byline or meta line ("Posted on 14 August 2025 by ...", "Syria | 16.03.2025 | 14:07")
    near the top of the article.
    Never from a picture's caption (a picture is often older than the story it illustrates; a source note is no
    picture's), nor from a list of other stories and their dates (a date line there is navigation)."""
    kinds = ["other" if k == "caption" and captions.is_source_note(f.text) else k for k, f in zip(kinds, feats)]
    first = body_idx[0] if body_idx else len(feats)
    for i in range(first):
        if kinds[i] not in ("body", "caption", "navigation") and metadata.is_date_line(feats[i].text):
            d = metadata.find_date(feats[i].text)
            if d:
                return d
    if body_idx:
        head = feats[body_idx[0]].text[:80]
        if metadata.DATELINE.match(head):
            return metadata.find_date(head)
        place = metadata.DATED_PLACE.match(head)
        dated = metadata.find_date(place.group()) if place else None
        if dated:
            return dated
    # the article's first few lines, and every line above it: bylines and meta lines carry the date too
    reach = body_idx[min(len(body_idx) - 1, s.meta_reach)] if body_idx else len(feats)
    for i in range(reach):
        if (kinds[i] not in ("body", "comments", "caption") and feats[i].n_words <= s.meta_words
                and not (kinds[i] == "navigation" and metadata.is_date_line(feats[i].text))):
            d = metadata.find_date(feats[i].text)
            if d:
                return d
    return None


def _date_hint(feats: list[Features], kinds: list[str], s: CleanSettings) -> datetime.date | None:
    """The month the first removed date line of the page names (comment timestamps aside)."""
    for i in range(len(feats)):
        if kinds[i] not in ("body", "comments") and feats[i].n_words <= s.date_line_max_words:
            month = metadata.month_of_date_line(feats[i].text)
            if month:
                return month
    return None


def template_lines(raw_texts: Iterable[str], min_docs: int = 5) -> frozenset[str]:
    """Folded lines that occur in at least min_docs documents: the site's template (menus, footers).

    Prose repeated across pages is rare; only short lines are counted so a syndicated paragraph is not
    mistaken for furniture.
    """
    seen: Counter[str] = Counter()
    for text in raw_texts:
        seen.update({fold_line(ln.text) for ln in split_lines(text) if len(ln.text) <= 120})
    return frozenset(line for line, c in seen.items() if c >= min_docs and line)
