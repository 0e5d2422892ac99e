"""Named bases: recognition (gazetteer aliases plus name patterns for bases nobody listed), one canonical
name per base, and the event each sentence reports at it.

Canonicalisation normalises first (base_key: accents, "al-", generic words, "K-1" -> "k1") and only then
fuzzy-matches, refusing any match whose digits differ: raw fuzzy matching confuses K-1 with K-2.
"""
from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz, process

from .context import DocContext, Mention
from .dates import DateResolver
from .gazetteer import Gazetteer, base_key, load
from .sentences import Sentence

TYPE_SUFFIX = (r"(?:Air\s+Base|Airbase|Air\s+Field|Airfield|Army\s+Air\s+Field|air\s+base|airbase|airfield|"
               r"military\s+base|Military\s+Base|Naval\s+Base|naval\s+base|Air\s+Station|Base|base|AB)")
NAME_WORD = r"[A-Z][\w’'\-]+"
GENERIC_FIRST = {"the", "a", "an", "this", "that", "its", "their", "our", "another", "key", "large", "main", "major",
                 "new", "old", "former", "remote", "largest", "biggest", "military", "coalition", "international",
                 "joint", "forward", "one", "each", "every", "some", "other", "nearby", "same", "western", "eastern",
                 "northern", "southern", "central", "army", "naval", "air", "strategic", "secret", "temporary"}
PATTERNS = [
    re.compile(rf"\bCamp\s+{NAME_WORD}(?:\s+{NAME_WORD})?"),
    re.compile(rf"\b(?:Forward\s+Operating\s+Base|FOB|Joint\s+Base|Combat\s+Outpost|COB)\s+{NAME_WORD}"),
    re.compile(r"\bK-?\d{1,2}\b"),
]
# "<Name> Air Base": found from the type word backwards, since a scan from every capital letter is slow
SUFFIX_RE = re.compile(rf"\s+{TYPE_SUFFIX}\b")
NAME_BEFORE = re.compile(rf"(?:\b[Aa]l[-\s])?\b{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}\Z")
SUFFIX_AFTER_ALIAS = re.compile(rf"^\s*(?:{TYPE_SUFFIX})\b")
PREFIX_BEFORE_ALIAS = re.compile(r"(?:\b(?:Camp|Joint Base|FOB)\s+|\b[Aa]l[-\s])$")
ANAPHOR = re.compile(r"\b(?:the|this|that)\s+(?:air\s*base|airbase|base|camp|airfield|facility|installation)\b",
                     re.IGNORECASE)


def _name_ok(text: str, gaz: Gazetteer) -> bool:
    words = re.findall(r"[\w’'\-.]+", text)
    if not words:
        return False
    first = words[0].lower()
    if first in GENERIC_FIRST or words[0] in gaz.actor_code:
        return False
    head = " ".join(words[:-1]) if len(words) > 1 else words[0]
    return head not in gaz.actor_code and base_key(text) != ""


@functools.lru_cache(maxsize=4096)
def canonical(name: str) -> str:
    """The one name a base goes by, whatever the spelling ('Qayyara air base' -> 'Qayyarah Air Base')."""
    gaz = load()
    key = base_key(name)
    if key in gaz.base_by_key:
        return gaz.base_by_key[key].canonical
    digits = re.findall(r"\d+", key)
    choices = [k for k in gaz.base_by_key if re.findall(r"\d+", k) == digits]
    if key and choices and not digits:
        hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=84)
        if hit:
            return gaz.base_by_key[hit[0]].canonical
    return _canonical_unknown(name, key)


def _canonical_unknown(name: str, key: str) -> str:
    words = " ".join(w.upper() if re.fullmatch(r"[a-z]\d+", w) else w.capitalize() for w in key.split())
    low = name.lower()
    if re.match(r"\s*camp\b", low):
        return f"Camp {words}"
    if re.search(r"air\s*base|airbase|\bab\b", low):
        return f"{words} Air Base"
    if re.search(r"airfield|air field", low):
        return f"{words} Airfield"
    if re.fullmatch(r"[A-Z]\d+", words):
        return f"{words} Air Base"
    return f"{words} Base"


def find_mentions(text: str) -> list[Mention]:
    """Every named base in the text, longest span wins where candidates overlap."""
    gaz = load()
    cands: list[tuple[int, int]] = []
    for m in gaz.base_alias_re.finditer(text):
        s, e = m.start(), m.end()
        if m.group()[0].islower() and not m.group()[:3].lower() == "al-":
            continue                # gazetteer names are proper nouns; 'taji' in a URL is not a base
        pre = PREFIX_BEFORE_ALIAS.search(text[max(0, s - 12):s])
        if pre:
            s -= len(pre.group())
        suf = SUFFIX_AFTER_ALIAS.match(text[e:e + 20])
        if suf:
            e += suf.end()
        cands.append((s, e))
    for pat in PATTERNS:
        for m in pat.finditer(text):
            if _name_ok(m.group(), gaz):
                cands.append((m.start(), m.end()))
    for m in SUFFIX_RE.finditer(text):
        lo = max(0, m.start() - 60)
        n = NAME_BEFORE.search(text, lo, m.start())
        if n and _name_ok(text[n.start():m.end()], gaz):
            cands.append((n.start(), m.end()))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Mention] = []
    for s, e in cands:
        if out and s < out[-1].end:
            if e > out[-1].end and s == out[-1].start:
                out[-1] = Mention(s, e, text[s:e], canonical(text[s:e]))
            continue
        out.append(Mention(s, e, text[s:e], canonical(text[s:e])))
    return out


def _triggers(sent: Sentence, gaz: Gazetteer, blocked: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for pat, event in gaz.base_events:
        for m in pat.finditer(sent.text):
            a, b = sent.start + m.start(), sent.start + m.end()
            if any(a < y and x < b for x, y in blocked) or any(a < y and x < b for x, y, _ in found):
                continue
            found.append((a, b, event))
    return found


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _actor_in(text: str, gaz: Gazetteer) -> str | None:
    m = gaz.actor_re.search(text)
    return gaz.actor_code[m.group()] if m else None


def extract(sentences: list[Sentence], ctx: DocContext, dates: DateResolver) -> list[dict]:
    gaz = load()
    rows: list[dict] = []
    by_key: dict[tuple[str, str], dict] = {}
    for sent in sentences:
        mentions = [b for b in ctx.bases if sent.start <= b.start and b.end <= sent.end]
        if not mentions:
            continue
        triggers = _triggers(sent, gaz, [(b.start, b.end) for b in mentions])
        if not triggers:
            continue
        sent_dates = dates.dates_in(sent.text, sent.start)
        for b in mentions:
            t = min(triggers, key=lambda tr: _gap((tr[0], tr[1]), (b.start, b.end)))
            event = t[2]
            after = ctx.text[max(t[1], b.end):sent.end]
            to_party = None
            if event in ("handover", "relocate"):
                mt = re.search(r"\bto\s+(?:the\s+)?([^,;.]{0,60})", after)
                if mt:
                    to_party = _actor_in(mt.group(1), gaz)
            subj = [a for a in ctx.actors if sent.start <= a.start < min(t[0], b.start)]
            from_party = subj[0].value if subj else None
            date = None
            if sent_dates:
                anchor = (min(t[0], b.start), max(t[1], b.end))
                date = min(sent_dates, key=lambda d: _gap((sent.start + d[0], sent.start + d[1]), anchor))[2]
            key = (b.value, event)
            if key in by_key:
                row = by_key[key]
                row["event_date"] = row["event_date"] or date
                row["to_party"] = row["to_party"] or to_party
                continue
            row = {"base": b.value, "base_text": b.text, "event": event, "from_party": from_party,
                   "to_party": to_party, "event_date": date, "troop_count": None,
                   "evidence": sent.text, "start_offset": sent.start, "end_offset": sent.end}
            by_key[key] = row
            rows.append(row)
    return rows


def resolve_anaphor(text: str, offset: int, ctx: DocContext) -> Mention | None:
    """'the airbase' -> the base named last before it."""
    return ctx.last_before(ctx.bases, offset)
