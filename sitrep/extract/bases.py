"""Named bases: recognition (gazetteer aliases plus name patterns for bases nobody listed), one canonical
name per base, and the event each sentence reports at it.

Canonicalisation normalises first (base_key: accents, "al-", generic words, "K-1" -> "k1") and only then
fuzzy-matches, refusing any match whose digits differ: raw fuzzy matching confuses K-1 with K-2.

A sentence without a named base may still report an event at one through an anaphor: "the camp", "this
airbase" (the base named within the last three sentences) or a sentence-initial "It" directly before the
event verb (the base named in the sentence just before). Such events mostly elaborate the event reported
where the base is named, so they count only where they add one (see extract).
"""
from __future__ import annotations

import bisect
import functools
import re

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Token

from .context import DocContext, Mention
from .dates import DateResolver
from .gazetteer import Gazetteer, alternation, base_key, fold_accents, load, lowercase_twin
from .sentences import Sentence

# The words that end a base's name ("X Air Base", "X Barracks"), and those that open one ("Camp X", "Naval Station
# X"); the statements module reads both (a name holding one is a place, not a person).
BASE_TYPES = ("Air Base", "Airbase", "Air Field", "Airfield", "Army Air Field", "air base", "airbase", "airfield",
              "military base", "Military Base", "Naval Base", "naval base", "Air Station", "Base", "base", "AB",
              "Barracks", "barracks", "Garrison", "garrison", "camp")
BASE_OPENERS = ("Camp", "Naval Station", "Naval Air Station", "Fort")
TYPE_SUFFIX = "(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in BASE_TYPES) + ")"
NAME_WORD = r"[A-Z][\w’'\-]+"
GENERIC_FIRST = {"the", "a", "an", "this", "that", "its", "their", "our", "another", "key", "large", "main", "major",
                 "new", "old", "former", "remote", "largest", "biggest", "military", "coalition", "international",
                 "joint", "forward", "one", "each", "every", "some", "other", "nearby", "same", "western", "eastern",
                 "northern", "southern", "central", "army", "naval", "air", "strategic", "secret", "temporary"}
PATTERNS = [
    re.compile(rf"Camp(?<!\wCamp)\s+{NAME_WORD}(?:\s+{NAME_WORD})?"),     # = \bCamp, literal first: faster scan
    re.compile(rf"(?=[FJC])\b(?:Forward\s+Operating\s+Base|FOB|Joint\s+Base|Combat\s+Outpost|COB)\s+{NAME_WORD}"),
    re.compile(r"K(?<!\wK)-?\d{1,2}\b"),
]
# the type first: "Naval Station Rota", "Mission Support Site Conoco", "Air Base 101" (the name after it is checked)
TYPE_FIRST_RE = re.compile(rf"(?=[NAMP])\b(?:Naval\s+(?:Air\s+)?Station|Mission\s+Support\s+Site|Patrol\s+Base|"
                           rf"Air\s+Base)\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})?|\d{{2,3}}\b)")
# "<Name> Air Base": found from the type word backwards, since a scan from every capital letter is slow
# the type word after a blank (the blanks before it are walked back in Python: a pattern opening with the
# type word's literal scans far faster than one opening with \s+)
SUFFIX_RE = re.compile(rf"(?<=\s){TYPE_SUFFIX}\b")
NAME_BEFORE = re.compile(rf"(?:\b[Aa]l[-\s])?\b{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}\Z")
SUFFIX_AFTER_ALIAS = re.compile(rf"^\s*(?:{TYPE_SUFFIX})\b")
PREFIX_BEFORE_ALIAS = re.compile(r"(?:\b(?:Camp|Joint Base|FOB)\s+|\b[Aa]l[-\s])$")
ANAPHOR = re.compile(r"(?=[Tt])\b(?:the|this|that)\s+(?:[a-z]+\s+)?(?:air\s*base|airbase|base|camp|airfield|facility|installation|hub|"
                     r"outpost)\b", re.IGNORECASE)
IT_SUBJECT = re.compile(r"It\s+(?:will\s+|would\s+|can\s+|could\s+|is\s+to\s+|also\s+|now\s+|currently\s+)*(?=[a-z])")
FUTURE_BEFORE = re.compile(r"\b(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|expected\s+to)\s+(?:\w+\s+)?$")
ANAPHOR_REACH = 3           # a definite 'the base' may point this many sentences back; 'It' only one


def _name_ok(text: str, gaz: Gazetteer) -> bool:
    words = re.findall(r"[\w’'\-.]+", text)
    if not words:
        return False
    first = words[0].lower()
    if first in GENERIC_FIRST or words[0] in gaz.actor_code:
        return False
    head = " ".join(words[:-1]) if len(words) > 1 else words[0]
    return head not in gaz.actor_code and base_key(text) != ""


def _as_written(canonical_name: str, written: str) -> str:
    """The canonical name with each word accented as the text writes it: "Camp Ādaži" where the article says
    "Ādaži", "Camp Adazi" where it says "Adazi" (the same base either way; see base_key)."""
    by_fold = {fold_accents(w): w for w in re.findall(r"[^\W_]+", written)}

    def accented_as_written(m: re.Match[str]) -> str:
        word = m.group()
        seen = by_fold.get(fold_accents(word))
        if seen is None or seen.isascii() == word.isascii():
            return word  # same accents (capitals stay the canonical name's)
        return seen[:1].upper() + seen[1:] if word[:1].isupper() else seen

    return re.sub(r"[^\W_]+", accented_as_written, canonical_name)


@functools.lru_cache(maxsize=4096)
def canonical(name: str) -> str:
    """The one name a base goes by, whatever the spelling ('Bagram airfield' -> 'Bagram Air Base')."""
    gaz = load()
    key = base_key(name)
    if key in gaz.base_by_key:
        return _as_written(gaz.base_by_key[key].canonical, name)
    digits = re.findall(r"\d+", key)
    choices = [k for k in gaz.base_by_key if re.findall(r"\d+", k) == digits]
    if key and choices and not digits:
        hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=84)
        if hit:
            return _as_written(gaz.base_by_key[hit[0]].canonical, name)
    return _canonical_unknown(name, key)


_TYPE_FIRST = re.compile(r"\s*(naval\s+(?:air\s+)?station|mission\s+support\s+site|patrol\s+base)\b", re.IGNORECASE)


def _canonical_unknown(name: str, key: str) -> str:
    """A name for a base nobody listed: its distinctive words as written (accents kept: "Ādaži"), then its type."""
    written = [w for w in re.findall(r"[^\W_]+", name.replace("-", " ")) if base_key(w)]
    if len(written) == len(key.split()):
        words = " ".join(w if w[:1].isupper() or w[:1].isdigit() else w.capitalize() for w in written)
    else:
        words = " ".join(w.upper() if re.fullmatch(r"[a-z]\d+", w) else w.capitalize() for w in key.split())
    low = name.lower()
    first = _TYPE_FIRST.match(name)
    if first:
        return f"{' '.join(w.capitalize() for w in first.group(1).split())} {name[first.end():].strip()}"
    if words.isdigit():
        return f"Air Base {words}"
    if re.search(r"\bcamp\b", low):
        return f"Camp {words}"
    if re.search(r"\bbarracks\b", low):
        return words if words.lower().endswith("barracks") else f"{words} Barracks"
    if re.search(r"\bgarrison\b", low):
        return f"{words} Garrison"
    if re.search(r"air\s*base|airbase|\bab\b", low):
        return f"{words} Air Base"
    if re.search(r"airfield|air field", low):
        return f"{words} Airfield"
    if re.fullmatch(r"[A-Z]\d+", words):
        return f"{words} Air Base"
    return f"{words} Base"


@functools.lru_cache(maxsize=1)
def _alias_twin() -> re.Pattern[str] | None:
    """base_alias_re for lowercased text: the aliases lowercased, as a case-sensitive trie (fast to scan)."""
    aliases = load().base_aliases
    return alternation([a.lower() for a in aliases]) if aliases else lowercase_twin(load().base_alias_re)


def find_mentions(text: str) -> list[Mention]:
    """Every named base in the text, longest span wins where candidates overlap."""
    gaz = load()
    cands: list[tuple[int, int]] = []
    low, twin = text.lower(), _alias_twin()
    aliases = twin.finditer(low) if twin and len(low) == len(text) else gaz.base_alias_re.finditer(text)
    for m in aliases:
        s, e = m.start(), m.end()
        found = text[s:e]
        if found[0].islower() and not found[:3].lower() == "al-":
            continue                # gazetteer names are proper nouns; 'bagram' in a URL is not a base
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
    for m in TYPE_FIRST_RE.finditer(text):
        if _name_ok(m.group("name"), gaz) or m.group("name").isdigit():
            cands.append((m.start(), m.end()))
    for m in SUFFIX_RE.finditer(text):
        ws = m.start()
        while ws > 0 and text[ws - 1].isspace():
            ws -= 1
        lo = max(0, ws - 60)
        n = NAME_BEFORE.search(text, lo, ws)
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


PARTICLES = {"prt", "advmod", "prep"}


def _event_of(tok: Token, gaz: Gazetteer) -> str | None:
    """The base event a verb or noun names, by lemma and particle (base_event_lemmas.csv)."""
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in PARTICLES and (lemma, c.lower_) in gaz.base_events:
            return gaz.base_events[(lemma, c.lower_)]
    if tok.pos_ in ("NOUN", "PROPN") and lemma in gaz.base_event_verbs:
        return None                 # "the base at X": a noun, not "based at"
    if tok.pos_ in ("VERB", "NOUN", "PROPN", "AUX"):
        return gaz.base_events.get((lemma, "")) or gaz.base_events.get((tok.lower_, ""))
    return None


def _triggers(sent: Sentence, doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> dict[int, tuple[int, int, str, Token]]:
    """For each mention (by start offset), the event its governor names: the nearest verb or event noun above
    the base's name in the tree ('troops left Camp X', 'the handover of X', 'a drone struck X'); lists of bases
    share it. A base named where troops are, under no event word, is a base that hosts them."""
    out: dict[int, tuple[int, int, str, Token]] = {}
    troops_here = any(t.lemma_.lower() in _troop_lemmas() or t.text in gaz.troop_noun_kind for t in doc)
    for b in mentions:
        span = doc.char_span(b.start - sent.start, b.end - sent.start, alignment_mode="expand")
        if span is None:
            continue
        h = span.root
        found = None
        for _ in range(10):
            if h.head == h:
                break
            prev, h = h, h.head
            event = _event_of(h, gaz) if not (span.start <= h.i < span.end) else None
            if event is None and h.dep_ == "prep":         # "... in its hands, like X"
                event = gaz.base_events.get((prev.lemma_.lower(), h.lower_))
            if event is None and h.pos_ in ("VERB", "AUX"):  # "came under drone attack"
                event = next((e for q in h.children if q.dep_ == "prep" for o in q.children
                              if o.dep_ == "pobj" and o.pos_ == "NOUN" and (e := _event_of(o, gaz))), None)
            if event is None and h.pos_ in ("NOUN", "PROPN"):
                # "camps that are under its command, like X": the clause describing the noun passed
                clause = next((c for c in h.children if c.dep_ in ("relcl", "acl") and _event_of(c, gaz)), None)
                if clause is not None:
                    h, event = clause, _event_of(clause, gaz)
                else:               # "camps under coalition control": (control, under) in base_event_lemmas.csv
                    event = next((gaz.base_events[(o.lemma_.lower(), q.lower_)] for q in h.children
                                  if q.dep_ == "prep" for o in q.children
                                  if (o.lemma_.lower(), q.lower_) in gaz.base_events), None)
            if event:
                found = (sent.start + h.idx, sent.start + h.idx + len(h.text), event, h)
                break
        if found is None and troops_here:
            root = span.root
            found = (sent.start + root.idx, sent.start + root.idx + len(root.text), "host", root)
        if found:
            out[b.start] = found
    return out


@functools.lru_cache(maxsize=1)
def _troop_lemmas() -> frozenset[str]:
    return frozenset(n.lower().rstrip("s") for n in load().troop_noun_kind if " " not in n)


def _to_party(gov: Token, gaz: Gazetteer) -> str | None:
    """Who receives a base: the actor named after 'to' under the event's verb ('handed over to Iraqi forces')."""
    for c in gov.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            return _actor_in(gov.doc.text[c.idx:c.right_edge.idx + len(c.right_edge.text)], gaz)
    return None


def candidates(sentences: list[Sentence], ctx: DocContext) -> list[Sentence]:
    """The sentences worth parsing for base events: a named base, or an anaphor that may stand for one."""
    starts = [m.start for m in ctx.bases]
    out = []
    for s in sentences:
        i = bisect.bisect_left(starts, s.start)
        if i < len(starts) and starts[i] < s.end or ANAPHOR.search(s.text) or IT_SUBJECT.match(s.text):
            out.append(s)
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _actor_in(text: str, gaz: Gazetteer) -> str | None:
    m = gaz.actor_re.search(text)
    return gaz.actor_code[m.group()] if m else None


def extract(sentences: list[Sentence], ctx: DocContext, dates: DateResolver, parsed: dict[int, Doc]) -> list[dict]:
    gaz = load()
    rows: list[dict] = []
    by_key: dict[tuple[str, str], dict] = {}
    last_named: tuple[int, Mention] | None = None          # (sentence index, base) named last
    # Events read through an anaphor ('It will host', 'the camp was shelled') mostly elaborate the event
    # reported where the base is named ('...handing over the base; troops will evacuate the base; it hosted
    # 800 troops'). So an anaphoric 'host' counts only for a base with no event yet, and an anaphoric change
    # (handover, evacuate, attack, ...) only for a base whose named events are all 'host'.
    anaphoric: list[dict] = []
    for si, sent in enumerate(sentences):
        mentions = ctx.in_span(ctx.bases, sent.start, sent.end)
        verb_at = None
        if mentions:
            last_named = (si, mentions[-1])
        else:
            mentions, verb_at = _anaphors(sent, si, last_named)
        if not mentions or sent.start not in parsed:
            continue
        triggers = _triggers(sent, parsed[sent.start], mentions, gaz)
        if verb_at is not None:         # 'It' is the base only as the subject of the event verb itself
            triggers = {k: t for k, t in triggers.items() if t[0] == verb_at}
        if not triggers:
            continue
        sent_dates = dates.dates_in(sent.text, sent.start)
        named_starts = {m.start for m in ctx.in_span(ctx.bases, sent.start, sent.end)}
        for b in mentions:
            t = triggers.get(b.start)
            if t is None:
                continue
            event = t[2]
            to_party = _to_party(t[3], gaz) if event in ("handover", "relocate") else None
            subj = [a for a in ctx.actors if sent.start <= a.start < min(t[0], b.start)]
            from_party = subj[0].value if subj else None
            date = None
            usable = sent_dates
            if usable and FUTURE_BEFORE.search(ctx.text, max(sent.start, t[0] - 30), t[0]):
                # 'it will host ..., the spokesman said on Wednesday': a plan has no date from the speaking
                usable = dates.event_dates(sent.text, sent.start)
            if usable:
                anchor = (min(t[0], b.start), max(t[1], b.end))
                date = min(usable, key=lambda d: _gap((sent.start + d[0], sent.start + d[1]), anchor))[2]
            if verb_at is not None or b.start not in named_starts:
                anaphoric.append({"base": b.value, "base_text": b.text, "event": event, "from_party": from_party,
                                  "to_party": to_party, "event_date": date, "troop_count": None,
                                  "evidence": sent.text, "start_offset": sent.start, "end_offset": sent.end})
                continue
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
    named: dict[str, set[str]] = {}
    for r in rows:
        named.setdefault(r["base"], set()).add(r["event"])
    for row in anaphoric:
        known = named.get(row["base"], set())
        fresh = not known if row["event"] == "host" else known <= {"host"}
        if fresh and (row["base"], row["event"]) not in by_key:
            by_key[(row["base"], row["event"])] = row
            rows.append(row)
    return rows


def _anaphors(sent: Sentence, si: int, last_named: tuple[int, Mention] | None) -> tuple[list[Mention], int | None]:
    """'The camp was shelled', 'It will host 600 soldiers': the base named just before, standing at the
    anaphor's place in this sentence (its canonical name and its text as written there), and for 'It' the
    offset where the event verb must stand."""
    if last_named is None:
        return [], None
    distance, base = si - last_named[0], last_named[1]
    if distance > ANAPHOR_REACH:
        return [], None
    m = ANAPHOR.search(sent.text)
    if m and distance <= ANAPHOR_REACH:
        return [Mention(sent.start + m.start(), sent.start + m.end(), base.text, base.value)], None
    m = IT_SUBJECT.match(sent.text)
    if m and distance == 1:
        return [Mention(sent.start, sent.start + 2, base.text, base.value)], sent.start + m.end()
    return [], None


def resolve_anaphor(text: str, offset: int, ctx: DocContext) -> Mention | None:
    """'the airbase' -> the base named last before it."""
    return ctx.last_before(ctx.bases, offset)
