"""Troop contingents and movements: a count bound to a troop noun ("around 5,000 U.S. forces"), a cut to a
number ("will be cut down to 3,000"), or a numberless force that moves ("Croatian forces will withdraw").

Each mention reads its action, origin and location from a window that stops at the neighbouring mention
and at clause breaks ("while", "but", ";"), so two contingents in one sentence do not share a verb.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .bases import ANAPHOR, resolve_anaphor
from .context import DocContext, is_place_use
from .dates import DateResolver
from .gazetteer import Gazetteer, load, trie_pattern
from .numbers import NUMBER, Count, make_count, qualifier_pattern, vague_pattern
from .sentences import Sentence

DETERMINERS = r"(?:the|its|their|his|her|our|these|those|an\s+additional|additional|another|extra)"
FUNCTION_WORDS = (r"(?:and|or|but|to|from|in|into|at|on|with|were|are|is|was|will|would|have|has|had|of|by|for|"
                  r"that|which|who|as|than|percent)")
MOD = rf"(?:(?!{FUNCTION_WORDS}\b)[\w.’'\-]+\s+)"
CLAUSE_BREAK = re.compile(r";|,?\s+while\s+|,?\s+whereas\s+|,?\s+but\s+|,\s+and\s+(?=[A-Z])|\s+–\s+(?=[A-Z])")
REDUCE_HINT = re.compile(r"\btroops?\b|\bforces\b|\bsoldiers\b|\bpersonnel\b")
PLACE_LEAD = re.compile(r"(?:the\s+)?(?:neighbou?ring\s+|nearby\s+|northern\s+|southern\s+|western\s+|eastern\s+)?"
                        r"(?:[A-Z]\w+\s+(?:capital|city|town|province|region),\s*)?")
THE_COUNTRY = re.compile(r"the\s+country\b")
LIST_JOIN = re.compile(r",\s*|\s+and\s+|\s+or\s+")
PREP_RE = re.compile(r"\b(from|out of|into|to|in|at|inside|within|toward|towards|across|throughout)\s+")
OF_FROM = re.compile(r"\s+(of|from)\s+(?:the\s+)?")
POSSESSIVE = re.compile(r"([\w.\-]+(?:\s+[\w.\-]+)?)[’'‘]s\s+(?:\w+\s+)?$")
LEAVE_RE = re.compile(r"\b(?:leave|leaves|leaving|left|evacuat(?:e|ed|es|ing)|vacat(?:e|ed|es|ing)|depart(?:ed|s|ing)?|"
                      r"exit(?:ed|s|ing)?|quit)\s+")
GOAL_RE = re.compile(r"(?:to|into|toward|towards)\b")
LAST_WORD = re.compile(r"[\w.’'\-]+\s+\Z")
NEGATION = re.compile(r"\b(?:not|n[’']t|never|no)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
PLACE_PREPS = {"from": "origin", "out of": "origin", "to": "location", "into": "location", "in": "location",
               "at": "location", "inside": "location", "within": "location", "toward": "location",
               "towards": "location", "across": "location", "throughout": "location"}


@dataclass
class TroopMention:
    start: int
    end: int
    count: Count
    noun_start: int
    noun_end: int
    mods: tuple[int, int]
    reduce: bool = False


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    gaz = load()
    nouns = trie_pattern(list(gaz.troop_noun_kind))
    qual, vague = qualifier_pattern(), vague_pattern()
    # Both end at the troop noun (\Z): they are run on the short stretch before each noun found.
    counted = re.compile(
        rf"(?:\b(?P<qual>(?i:{qual}))\s+)?(?P<num>\b{NUMBER})(?:[-\s]strong)?\s+(?:of\s+)?(?:{DETERMINERS}\s+)?"
        rf"(?P<mods>{MOD}{{0,3}}?)(?P<noun>{nouns})\Z")
    vaguep = re.compile(
        rf"\b(?P<vague>(?i:{vague}))\s+(?:of\s+)?(?:{DETERMINERS}\s+)?(?P<mods>{MOD}{{0,3}}?)(?P<noun>{nouns})\Z")
    reduce = re.compile(
        rf"\b(?:cut|reduced?|reducing|drawn\s+down|draw\s+down|brought\s+down|lowered|trimmed|slashed|"
        rf"scaled?\s+back)(?:\s+down)?\s+to\s+(?:(?P<qual>{qual})\s+)?(?P<num>{NUMBER})\b(?!\s*(?:percent|%))")
    bare = re.compile(rf"(?<![\w-])(?P<noun>{nouns})\b")
    return counted, vaguep, reduce, bare


def _mentions(sent: Sentence) -> list[TroopMention]:
    counted, vaguep, reduce, bare = _patterns()
    gaz = load()
    out: list[TroopMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    def mods_ok(mods: str) -> bool:
        return all(w[:1].isupper() or w.lower() in gaz.troop_modifiers for w in mods.split())

    o = sent.start
    nouns = list(bare.finditer(sent.text))
    for n in nouns:
        lo = max(0, n.start() - 90)
        m = counted.search(sent.text[lo:n.end()])
        if not m or not mods_ok(m.group("mods")) or not free(o + lo + m.start(), o + lo + m.end()):
            continue
        o2 = o + lo
        c = make_count(m.group("qual"), m.group("num"), None)
        out.append(TroopMention(o2 + m.start(), o2 + m.end(), c, o2 + m.start("noun"), o2 + m.end("noun"),
                                (o2 + m.start("mods"), o2 + m.end("mods"))))
        taken.append((o2 + m.start(), o2 + m.end()))
    if REDUCE_HINT.search(sent.text):
        for m in reduce.finditer(sent.text):
            if free(o + m.start("num"), o + m.end()):
                c = make_count(m.group("qual"), m.group("num"), None)
                out.append(TroopMention(o + m.start("num") - (len(m.group("qual")) + 1 if m.group("qual") else 0),
                                        o + m.end(), c, o + m.end(), o + m.end(), (o + m.end(), o + m.end()), True))
                taken.append((o + m.start(), o + m.end()))
    for n in nouns:
        lo = max(0, n.start() - 90)
        m = vaguep.search(sent.text[lo:n.end()])
        o2 = o + lo
        if m and free(o2 + m.start(), o2 + m.end()) and mods_ok(m.group("mods")):
            c = make_count(None, None, m.group("vague"))
            out.append(TroopMention(o2 + m.start(), o2 + m.end(), c, o2 + m.start("noun"), o2 + m.end("noun"),
                                    (o2 + m.start("mods"), o2 + m.end("mods"))))
            taken.append((o2 + m.start(), o2 + m.end()))
    for n in nouns:
        if n.group() in ("force", "troop", "contingent") or not free(o + n.start(), o + n.end()):
            continue
        keep = LAST_WORD.search(sent.text, max(0, n.start() - 40), n.start())
        keep = keep if keep and mods_ok(keep.group()) else None
        ms = o + n.start() - (len(keep.group()) if keep else 0)
        out.append(TroopMention(ms, o + n.end(), make_count(None, None, None), o + n.start(),
                                o + n.end(), (ms, o + n.start())))
        taken.append((ms, o + n.end()))
    out.sort(key=lambda t: t.start)
    return [t for t in out if not _is_non_troop(sent, t, gaz)]


def _is_non_troop(sent: Sentence, t: TroopMention, gaz: Gazetteer) -> bool:
    """Trained soldiers, casualties and alliance members are numbers about troops, not posture."""
    lo = max(sent.start, t.start - 25) - sent.start
    hi = min(sent.end, t.end + 35) - sent.start
    window = sent.text[lo:hi]
    return any(p.search(window) for p in gaz.non_troop_res)


def _window(sent: Sentence, t: TroopMention, others: list[TroopMention], text: str) -> tuple[int, int]:
    lo, hi = sent.start, sent.end
    for u in others:
        if u is t:
            continue
        if u.end <= t.start:
            lo = max(lo, u.end)
        elif u.start >= t.end:
            hi = min(hi, u.start)
    for m in CLAUSE_BREAK.finditer(text, lo, hi):
        if m.end() <= t.start:
            lo = max(lo, m.end())
        elif m.start() >= t.end:
            hi = min(hi, m.start())
            break
    return lo, hi


def _action(text: str, t: TroopMention, lo: int, hi: int, gaz: Gazetteer) -> str | None:
    found: list[tuple[int, int, str]] = []
    pat, labels = gaz.actions
    for m in pat.finditer(text, lo, hi):
        if not t.noun_start <= m.start() < t.noun_end:
            found.append((m.start(), m.end(), labels[int(m.lastgroup[1:])]))
    if t.reduce:
        return "reduce"
    if any(f[2] != "present" for f in found):
        # "soldiers who had been based in Baghdad were moved to Kuwait": the movement is the news
        found = [f for f in found if f[2] != "present"]
    if not found:
        return None
    a, b, action = min(found, key=lambda f: (max(t.start - f[1], f[0] - t.end, 0), f[0] < t.start))
    if NEGATION.search(text[max(lo, a - 30):a]):
        return "present" if action == "deploy" else "remain" if action != "present" else action
    return action


def _place_at(text: str, start: int, ctx: DocContext, gaz: Gazetteer) -> tuple[str, object] | None:
    """The place named right at `start` (after a preposition), with the anaphors resolved."""
    m = PLACE_LEAD.match(text, start, start + 80)
    pos = m.end()
    base = next((b for b in ctx.bases if b.start == pos), None)
    if base:
        return base.text, base
    an = ANAPHOR.match(text, start)
    if an:
        b = resolve_anaphor(text, start, ctx)
        return (b.text, b) if b else None
    if THE_COUNTRY.match(text, start):
        c = ctx.last_before(ctx.countries, start)
        return (c.text, None) if c else None
    pm = gaz.place_re.match(text, pos)
    if pm:
        end = pm.end()
        while True:
            more = LIST_JOIN.match(text[end:end + 6])
            nxt = gaz.place_re.match(text, end + more.end()) if more else None
            if not nxt:
                break
            end = nxt.end()
        return text[pos:end], None
    return None


def _places(text: str, lo: int, hi: int, t: TroopMention, ctx: DocContext, gaz: Gazetteer, moving: bool) -> dict:
    slots: dict[str, list[tuple[int, str, object]]] = {"origin": [], "location": []}
    for m in PREP_RE.finditer(text, lo, hi):
        a = m.start()
        if t.start <= a < t.end and not t.reduce:
            continue
        got = _place_at(text, m.end(), ctx, gaz)
        if got:
            slots[PLACE_PREPS[m.group(1)]].append((a, got[0], got[1]))
    for m in LEAVE_RE.finditer(text, lo, hi):          # "left K-2", "will leave Taji": the object is the origin
        got = _place_at(text, m.end(), ctx, gaz)
        if got:
            slots["origin"].append((m.start(), got[0], got[1]))
    if moving:
        goal = [i for i in slots["location"] if GOAL_RE.match(text, i[0])]
        slots["location"] = goal or slots["location"]
    out: dict = {}
    for slot, items in slots.items():
        items.sort(key=lambda i: i[0])
        after = [i for i in items if i[0] >= t.end]
        before = [i for i in items if i[0] < t.start]
        pick = after[0] if after else (before[-1] if before else None)
        out[slot] = pick
    return out


def _actor(text: str, sent: Sentence, t: TroopMention, ctx: DocContext, gaz: Gazetteer) -> tuple[str, str] | None:
    """Whose troops: inside the noun phrase, then 'of/from the X' after it, then a possessive, then the
    nearest agent named before it in the sentence, then after it, then the last one named in the text."""
    ms, me = t.mods
    for m in gaz.actor_re.finditer(text, ms, me):
        return gaz.actor_code[m.group()], text[m.start():t.noun_end]
    tail = text[t.noun_end:min(sent.end, t.noun_end + 60)]
    pm = OF_FROM.match(tail)
    if pm:
        for pat, code in gaz.units:
            um = pat.search(tail)
            if um:
                return code, um.group()
        am = gaz.actor_re.match(text, t.noun_end + pm.end())
        kind = gaz.actor_kind.get(am.group()) if am else None
        if am and (kind == "institution" or (kind == "name" and pm.group(1) == "of")
                   or (kind == "demonym" and gaz.troop_noun_re.match(text, am.end() + 1))):
            return gaz.actor_code[am.group()], am.group()
    poss = POSSESSIVE.search(text[max(sent.start, t.start - 40):t.start])
    if poss:
        am = gaz.actor_re.search(poss.group(1))
        if am:
            return gaz.actor_code[am.group()], am.group()
    before = [a for a in ctx.actors if sent.start <= a.start and a.end <= t.start]
    if before:
        return before[-1].value, before[-1].text
    after = [a for a in ctx.actors if t.end <= a.start and a.end <= sent.end
             and not is_place_use(text, a.start)]
    if after:
        return after[0].value, after[0].text
    last = ctx.last_before(ctx.actors, sent.start)
    return (last.value, last.text) if last else None


@functools.lru_cache(maxsize=1)
def _unit_re() -> re.Pattern[str]:
    types = trie_pattern(load().unit_types)
    one = rf"\d+(?:st|nd|rd|th)\s+(?:[A-Z]\w+\s+){{0,2}}(?:{types})\b"
    return re.compile(rf"\b{one}(?:(?:,\s*|\s+of\s+the\s+){one})*")


def _unit(text: str, lo: int, hi: int, gaz: Gazetteer) -> str | None:
    seg = text[lo:hi]
    chain = _unit_re().search(seg)
    if chain:
        return chain.group()
    for pat, _ in gaz.units:
        m = pat.search(seg)
        if m:
            return m.group()
    return None


def extract(sentences: list[Sentence], ctx: DocContext, dates: DateResolver) -> list[dict]:
    gaz = load()
    text = ctx.text
    rows: list[dict] = []
    seen: set[tuple] = set()
    for sent in sentences:
        if not gaz.troop_noun_re.search(sent.text):
            continue
        mentions = _mentions(sent)
        for t in mentions:
            lo, hi = _window(sent, t, mentions, text)
            action = _action(text, t, lo, hi, gaz)
            if t.count.kind == "none" and action in (None, "present"):
                continue
            actor = _actor(text, sent, t, ctx, gaz)
            if actor is None:
                continue
            places = _places(text, lo, hi, t, ctx, gaz, action in ("deploy", "relocate", "withdraw", "evacuate"))
            origin = places["origin"][1] if places["origin"] else None
            location = places["location"][1] if places["location"] else None
            base = places["location"][2] if places["location"] else None
            sd = dates.dates_in(sent.text, sent.start)
            # the same contingent restated (a quote repeating the figure) is one row, not two
            key = (actor[0], t.count.value) if t.count.value is not None else (sent.start, actor[0], t.count.text, action)
            if key in seen:
                continue
            seen.add(key)
            rows.append({
                "actor": actor[0], "actor_text": actor[1], "unit": _unit(text, lo, hi, gaz),
                "troop_count": t.count.value, "count_text": t.count.text or None, "count_kind": t.count.kind,
                "action": action or "present", "origin": origin, "location": location,
                "event_date": sd[0][2] if sd else None,
                "evidence": sent.text, "start_offset": sent.start, "end_offset": sent.end,
                "_base": base.value if base is not None else None,
            })
    return rows
