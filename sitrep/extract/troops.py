"""Troop contingents and movements: a count bound to a troop noun ("around 3,000 U.S. forces"), a cut to a
number ("will be cut down to 3,000"), or a numberless force that moves ("Croatian forces will withdraw").

Each mention reads its action, origin and location from a window that stops at the neighbouring mention
and at clause breaks ("while", "but", ";", ", where"), so two contingents in one sentence do not share a verb.
"Hundreds of them" is a mention too: its actor is that of the troops named in the same or the previous
sentence (no such antecedent, no row). Uncounted rows are kept only for movements actually reported: not
hypothetical or habitual ones ("if troops are forced to withdraw", "a decision about pulling troops"), not
forces inside a title ("the head of US forces"), not the host country's own forces.

Speed: only sentences with a troop noun (found by one scan of the whole text) are read; what their mentions
share (action words, clause breaks, prepositions, dates) is scanned once per sentence (_Scan), and the
costly count patterns run only where a cheap hint shows a number.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from .bases import ANAPHOR, resolve_anaphor
from .context import DocContext, is_place_use
from .dates import DateResolver
from .gazetteer import Gazetteer, Prescanned, led, load, lower_pattern, lowercase_twin, prescanned, trie_pattern
from .numbers import NUMBER, NUMBER_WORDS_LIST, SCALES, Count, make_count, qualifier_pattern, vague_pattern
from .sentences import Sentence, with_hits

DETERMINERS = r"(?:the|its|their|his|her|our|these|those|an\s+additional|additional|another|extra)"
FUNCTION_WORDS = (r"(?:and|or|but|to|from|in|into|at|on|with|were|are|is|was|will|would|have|has|had|of|by|for|"
                  r"that|which|who|as|than|percent)")
MOD = rf"(?:(?!{FUNCTION_WORDS}\b)[\w.’'\-]+\s+)"
# the leading look-ahead only lets the engine skip positions that cannot start a break (3x faster scan)
# ", where" opens a clause with its own subject ("... relocate to Niger, where 1,000 soldiers are based")
CLAUSE_BREAK = re.compile(r"(?=[;,\s])(?:;|,?\s+while\s+|,?\s+whereas\s+|,?\s+but\s+|,\s+and\s+(?=[A-Z])|"
                          r"\s+–\s+(?=[A-Z])|,\s+where\s+)")
# \bword written as w(?<!\ww)ord: a literal first lets the engine skip ahead (same matches, ~5x faster)
REDUCE_HINT = re.compile(r"t(?<!\wt)roops?\b|f(?<!\wf)orces\b|s(?<!\ws)oldiers\b|p(?<!\wp)ersonnel\b")
PLACE_LEAD = re.compile(r"(?:the\s+)?(?:neighbou?ring\s+|nearby\s+|northern\s+|southern\s+|western\s+|eastern\s+)?"
                        r"(?:[A-Z]\w+\s+(?:capital|city|town|province|region),\s*)?")
THE_COUNTRY = re.compile(r"the\s+country\b")
LIST_JOIN = re.compile(r",\s*|\s+and\s+|\s+or\s+")
PREP_RE = led(re.compile(r"\b(from|out of|into|to|in|at|inside|within|toward|towards|across|throughout)\s+"))
OF_FROM = re.compile(r"\s+(of|from)\s+(?:the\s+)?")
POSSESSIVE = re.compile(r"([\w.\-]+(?:\s+[\w.\-]+)?)[’'‘]s\s+(?:\w+\s+)?$")
LEAVE_RE = led(re.compile(r"\b(?:leave|leaves|leaving|left|evacuat(?:e|ed|es|ing)|vacat(?:e|ed|es|ing)|depart(?:ed|s|ing)?|"
                      r"exit(?:ed|s|ing)?|quit)\s+"))
STATIONED_BEFORE = re.compile(r"\b(?:based|stationed|deployed|posted|garrisoned|serving|located)\s+$")
# "evacuate the U.S. embassy", "officials in Niamey": the name describes people or a building, not a place
PLACE_AS_MODIFIER = re.compile(r"\s+(?:embass(?:y|ies)|consulates?|government|officials|diplomats|parliament|media|"
                               r"people|press|economy|president|citizens|nationals)\b")
GOAL_RE = re.compile(r"(?:to|into|toward|towards|for)\b")
# "left for Germany": after a verb of leaving, 'for' names the destination
LEAVE_FOR = led(re.compile(r"\b(?:leave|leaves|leaving|left|depart(?:ed|s|ing)?|head(?:ed|ing|s)?|bound|set\s+off|"
                       r"set\s+out)\s+(for)\s+"))
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
    pronoun: bool = False       # "hundreds of them": whose troops is read off the antecedent


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
    opens = trie_pattern(list(gaz.troop_noun_kind), r"(?<![\w-](?s:.))")     # boundary checked after 1st char
    bare = re.compile(rf"(?P<noun>{opens})\b")
    return counted, vaguep, led(reduce), bare


# "several hundred", "a few thousand": a scale word after a vague quantity is no number
VAGUE_SCALE = re.compile(r"\b((?i:several|a\s+few|few|many|some|a\s+couple\s+of|a\s+couple))\s+\Z")


# "of them" / "of those" standing for troops named just before ("Hundreds of them will fly out")
PRONOUN_HINT = re.compile(r"of(?<!\wof)\s+(?:them|those|these)\b")


@functools.lru_cache(maxsize=1)
def _pronoun_re() -> re.Pattern[str]:
    qual, vague = qualifier_pattern(), vague_pattern()
    return re.compile(
        rf"(?:\b(?P<qual>(?i:{qual}))\s+)?(?:(?P<num>\b{NUMBER})|\b(?P<vague>(?i:{vague})))\s+of\s+"
        rf"(?P<noun>them\b|(?:those|these)(?=\s*[,.;]|\s+(?:who|that|which|are|were|will|would|have|had|is|was)\b))")


@functools.lru_cache(maxsize=1)
def _qual_reach() -> int:
    return max(len(p) for p, k in load().count_words if k == "approximate") + 12


@functools.lru_cache(maxsize=1)
def _hints() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Unanchored stand-ins for 'a number' and 'a vague quantity': text without a hit cannot match the
    counted/vague patterns, so the costly searches run only where a count can be."""
    opens = r"(?<!\w(?s:.))"              # a word starts here (checked after the first character: fast)
    number = re.compile(r"\d" + opens + "|" + trie_pattern(NUMBER_WORDS_LIST + ["a dozen"], opens))
    vague = re.compile(trie_pattern([p.lower() for p, k in load().count_words if k == "vague"], opens)
                       + r"\s")                  # on lowered text
    return number, vague


@functools.lru_cache(maxsize=1)
def _non_troop_twins() -> list[tuple[re.Pattern[str], bool]]:
    """non_troop_cues.csv patterns, each as (pattern, runs on lowered text)."""
    return [(led(tw), True) if (tw := lowercase_twin(p)) else (led(p), False) for p in load().non_troop_res]


def _any_non_troop(text: str, low: str) -> bool:
    return any(p.search(low if lowered else text) for p, lowered in _non_troop_twins())


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
    number_hint, vague_hint = _hints()
    number_at = [m.start() for m in number_hint.finditer(sent.text)]
    low = sent.text.lower()
    has_vague = vague_hint.search(low) is not None
    for n in nouns if number_at else ():
        lo = max(0, n.start() - 90)
        k = bisect.bisect_left(number_at, lo)
        if k == len(number_at) or number_at[k] >= n.end():
            continue
        window = sent.text[lo:n.end()]
        # a count opens at most a qualifier's length before its number, and the number where its first hint is;
        # when that reading fails ("300 of the roughly 900 soldiers"), the next number may open the count
        m, floor = None, 0
        for at in number_at[k:]:
            if at >= n.start():
                break
            m = counted.search(window, max(floor, at - lo - _qual_reach()))
            if m and mods_ok(m.group("mods")):
                break
            floor = m.end("num") if m else floor
            m = None
        if not m or not free(o + lo + m.start(), o + lo + m.end()):
            continue
        o2 = o + lo
        c = make_count(m.group("qual"), m.group("num"), None)
        start = o2 + m.start()
        if m.group("num").lower() in SCALES:
            vague = VAGUE_SCALE.search(window, 0, m.start("num"))
            if vague:  # "several hundred soldiers": a vague count, not 100
                c = make_count(None, None, f"{vague.group(1)} {m.group('num')}")
                start = o2 + vague.start(1)
        out.append(TroopMention(start, o2 + m.end(), c, o2 + m.start("noun"), o2 + m.end("noun"),
                                (o2 + m.start("mods"), o2 + m.end("mods"))))
        taken.append((start, o2 + m.end()))
    if REDUCE_HINT.search(sent.text):
        for m in reduce.finditer(sent.text):
            if free(o + m.start("num"), o + m.end()):
                c = make_count(m.group("qual"), m.group("num"), None)
                out.append(TroopMention(o + m.start("num") - (len(m.group("qual")) + 1 if m.group("qual") else 0),
                                        o + m.end(), c, o + m.end(), o + m.end(), (o + m.end(), o + m.end()), True))
                taken.append((o + m.start(), o + m.end()))
    for n in nouns if has_vague else ():
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
        keep = _last_word(sent.text, max(0, n.start() - 40), n.start())
        keep = keep if keep and mods_ok(keep) else None
        ms = o + n.start() - (len(keep) if keep else 0)
        out.append(TroopMention(ms, o + n.end(), make_count(None, None, None), o + n.start(),
                                o + n.end(), (ms, o + n.start())))
        taken.append((ms, o + n.end()))
    if PRONOUN_HINT.search(sent.text):
        for m in _pronoun_re().finditer(sent.text):
            if not free(o + m.start(), o + m.end()):
                continue
            if m.group("num"):
                c = make_count(m.group("qual"), m.group("num"), None)
                if c.value is None:
                    continue
            else:
                c = make_count(None, None, m.group("vague"))
            out.append(TroopMention(o + m.start(), o + m.end(), c, o + m.start("noun"), o + m.end("noun"),
                                    (o + m.start("noun"), o + m.start("noun")), pronoun=True))
            taken.append((o + m.start(), o + m.end()))
    out.sort(key=lambda t: t.start)
    if not _any_non_troop(sent.text, low):
        return out
    return [t for t in out if not _is_non_troop(sent, t, gaz)]


def _last_word(text: str, lo: int, hi: int) -> str | None:
    """The word and blanks right before hi (what LAST_WORD finds searching text[lo:hi]), by a backward walk."""
    j = hi
    while j > lo and text[j - 1].isspace():
        j -= 1
    k = j
    while k > lo and (text[k - 1].isalnum() or text[k - 1] in "_.’'-"):
        k -= 1
    return text[k:hi] if lo <= k < j < hi else None


def _is_non_troop(sent: Sentence, t: TroopMention, gaz: Gazetteer) -> bool:
    """Trained soldiers, casualties and alliance members are numbers about troops, not posture."""
    lo = max(sent.start, t.start - 25) - sent.start
    hi = min(sent.end, t.end + 35) - sent.start
    window = sent.text[lo:hi]
    return _any_non_troop(window, window.lower())


def _window(scan: "_Scan", t: TroopMention, others: list[TroopMention]) -> tuple[int, int]:
    lo, hi = scan.sent.start, scan.sent.end
    for u in others:
        if u is t:
            continue
        if u.end <= t.start:
            lo = max(lo, u.end)
        elif u.start >= t.end:
            hi = min(hi, u.start)
    for a, b in scan.breaks():
        if a < lo or b > hi:
            continue
        if b <= t.start:
            lo = max(lo, b)
        elif a >= t.end:
            hi = min(hi, a)
            break
    return lo, hi


def _action(scan: "_Scan", t: TroopMention, lo: int, hi: int) -> tuple[str | None, int]:
    """The action word nearest the mention (movements before stationing), and where it stands."""
    text = scan.text
    found = [f for f in scan.actions() if lo <= f[0] and f[1] <= hi and not t.noun_start <= f[0] < t.noun_end]
    if t.reduce:
        return "reduce", t.start
    if any(f[2] != "present" for f in found):
        # "soldiers who had been based in Baghdad were moved to Kuwait": the movement is the news
        found = [f for f in found if f[2] != "present"]
    if not found:
        return None, t.start
    a, b, action = min(found, key=lambda f: (max(t.start - f[1], f[0] - t.end, 0), f[0] < t.start))
    if NEGATION.search(text[max(lo, a - 30):a]):
        return ("present" if action == "deploy" else "remain" if action != "present" else action), a
    return action, a


def _base_at(ctx: DocContext, pos: int):
    hit = ctx.in_span(ctx.bases, pos, pos + 200)
    return hit[0] if hit and hit[0].start == pos else None


def _place_at(text: str, start: int, ctx: DocContext, gaz: Gazetteer) -> tuple[str, object] | None:
    """The place named right at `start` (after a preposition), with the anaphors resolved."""
    m = PLACE_LEAD.match(text, start, start + 80)
    pos = m.end()
    base = _base_at(ctx, pos)
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
        if PLACE_AS_MODIFIER.match(text, end):
            return None
        return text[pos:end], None
    return None


def _places(scan: "_Scan", lo: int, hi: int, t: TroopMention, action: str | None) -> dict:
    moving = action in ("deploy", "relocate", "withdraw", "evacuate")
    text = scan.text
    slots: dict[str, list[tuple[int, str, object]]] = {"origin": [], "location": []}
    for a, b, prep in scan.preps():
        if a < lo or b > hi or (t.start <= a < t.end and not t.reduce):
            continue
        got = scan.place_at(b)
        if got:
            slots[PLACE_PREPS[prep]].append((a, got[0], got[1]))
    for a, b in scan.leaves_for():
        if lo <= a and b <= hi:
            got = scan.place_at(b)
            if got:
                slots["location"].append((a, got[0], got[1]))
    for a, b in scan.leaves():          # "left K-2", "will leave Bagram": the object is the origin
        if a < lo or b > hi:
            continue
        got = scan.place_at(b)
        if got:
            slots["origin"].append((a, got[0], got[1]))
    if moving:
        goal = [i for i in slots["location"] if GOAL_RE.match(text, i[0])]
        if goal and not slots["origin"]:
            # "soldiers who had been based in Baghdad were moved to Kuwait": where they were is the origin
            slots["origin"] = [i for i in slots["location"] if i not in goal
                               and STATIONED_BEFORE.search(text, max(lo, i[0] - 30), i[0])]
        # troops who leave end up only where a goal says ('pull out of Niger, officials in Niamey said')
        slots["location"] = goal if action in ("withdraw", "evacuate") else goal or slots["location"]
    out: dict = {}
    for slot, items in slots.items():
        items.sort(key=lambda i: i[0])
        after = [i for i in items if i[0] >= t.end]
        before = [i for i in items if i[0] < t.start]
        pick = after[0] if after else (before[-1] if before else None)
        out[slot] = pick
    if out["location"] is None and text.endswith("where ", 0, lo):
        # "... relocate to neighbouring Niger, where 1,000 soldiers are based": 'where' is the place just named
        named = [(a, scan.place_at(b)) for a, b, prep in scan.preps() if b <= lo and PLACE_PREPS[prep] == "location"]
        named = [(a, got) for a, got in named if got]
        if named:
            out["location"] = (named[-1][0], named[-1][1][0], named[-1][1][1])
    return out


# A movement talked about but not made: "if troops are forced to withdraw", "a decision about pulling troops",
# "an earlier plan to pull all forces out", "coalition personnel generally move freely".
HYPOTHETICAL = re.compile(r"\b(?:if|unless|whether|decisions?\s+(?:about|on|to)|decide\s+(?:about|on|whether|to)|"
                          r"plans?\s+to|threat(?:en(?:s|ed)?)?\s+to|consider(?:s|ed|ing)?|generally|usually|"
                          r"routinely|typically|often)\b", re.IGNORECASE)
TITLE_OF = re.compile(r"\b(\w+)\s+of\s+(?:the\s+)?$")


@functools.lru_cache(maxsize=1)
def _role_nouns() -> frozenset[str]:
    g = load()
    return frozenset(n.lower() for n, k in g.speaker_nouns.items() if k == "role") | {"head", "chief", "leader"}


def _speculative(text: str, t: TroopMention, action_at: int, lo: int, ctx: DocContext, actor: str) -> bool:
    """An uncounted row that would be noise: a hypothetical or habitual movement, forces named only inside a
    person's title ('the head of US forces'), or the host nation's own forces merely mentioned."""
    a, b = min(t.start, action_at), max(t.start, action_at)
    if HYPOTHETICAL.search(text, max(lo, a - 45), b):
        return True
    title = TITLE_OF.search(text, max(0, t.start - 40), t.start)
    if title and title.group(1).lower() in _role_nouns():
        return True
    return actor == ctx.host_country()


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
    before = text[max(sent.start, t.start - 40):t.start]
    poss = POSSESSIVE.search(before) if "s" in before and ("’s" in before or "'s" in before or "‘s" in before) else None
    if poss:
        am = gaz.actor_re.search(poss.group(1))
        if am:
            return gaz.actor_code[am.group()], am.group()
    before = ctx.in_span(ctx.actors, sent.start, t.start)
    if before:
        return before[-1].value, before[-1].text
    # after it: an agent ("..., the Pentagon said"), not a demonym describing something else ("the Iraqi border")
    after = [a for a in ctx.in_span(ctx.actors, t.end, sent.end) if not is_place_use(text, a.start)
             and (gaz.actor_kind.get(a.text) != "demonym" or gaz.troop_noun_re.match(text, a.end + 1))]
    if after:
        return after[0].value, after[0].text
    last = ctx.last_before(ctx.actors, sent.start)
    return (last.value, last.text) if last else None


@functools.lru_cache(maxsize=1)
def _unit_re() -> re.Pattern[str]:
    types = trie_pattern(load().unit_types)
    one = rf"\d+(?:st|nd|rd|th)\s+(?:[A-Z]\w+\s+){{0,2}}(?:{types})\b"
    return re.compile(rf"\b{one}(?:(?:,\s*|\s+of\s+the\s+){one})*")


def _unit(scan: "_Scan", lo: int, hi: int) -> str | None:
    if not scan.may_name_unit():
        return None
    seg = scan.text[lo:hi]
    chain = _unit_re().search(seg)
    if chain:
        return chain.group()
    for pat, _ in scan.gaz.units:
        m = pat.search(seg)
        if m:
            return m.group()
    return None


ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\s")


@functools.lru_cache(maxsize=1)
def _unit_hint() -> re.Pattern[str]:
    """Any named unit of units.csv, unanchored: a sentence without a hit has no unit in any stretch of it."""
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in load().units))


@functools.lru_cache(maxsize=1)
def _action_twin() -> re.Pattern[str] | None:
    gaz = load()
    twin = lowercase_twin(gaz.actions[0])
    if twin is None:
        return None
    fast = prescanned(twin, [lower_pattern(p) for p in gaz.action_rows], r"\w", "")
    return fast if isinstance(fast, Prescanned) else led(twin)


class _Scan:
    """What all troop mentions of one sentence share, each scanned once and only when first needed:
    action verbs, clause breaks, place prepositions, leave-verbs, dates, and the place read after each
    preposition. Each mention then filters these by its own window."""

    def __init__(self, sent: Sentence, ctx: DocContext, dates: DateResolver, gaz: Gazetteer):
        self.sent, self.ctx, self.dates, self.gaz, self.text = sent, ctx, dates, gaz, ctx.text
        self._cache: dict = {}

    def _get(self, key: str, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def actions(self) -> list[tuple[int, int, str]]:
        def make():
            pat, labels = self.gaz.actions
            twin = _action_twin()
            s, e = self.sent.start, self.sent.end
            it = twin.finditer(self.ctx.lower, s, e) if twin and self.ctx.lower else pat.finditer(self.text, s, e)
            return [(m.start(), m.end(), labels[int(m.lastgroup[1:])]) for m in it]
        return self._get("actions", make)

    def breaks(self) -> list[tuple[int, int]]:
        return self._get("breaks", lambda: [m.span() for m in
                                            CLAUSE_BREAK.finditer(self.text, self.sent.start, self.sent.end)])

    def preps(self) -> list[tuple[int, int, str]]:
        return self._get("preps", lambda: [(m.start(), m.end(), m.group(1)) for m in
                                           PREP_RE.finditer(self.text, self.sent.start, self.sent.end)])

    def leaves(self) -> list[tuple[int, int]]:
        return self._get("leaves", lambda: [m.span() for m in
                                            LEAVE_RE.finditer(self.text, self.sent.start, self.sent.end)])

    def leaves_for(self) -> list[tuple[int, int]]:
        """Where 'for' names a destination, as (offset of 'for', end of the phrase)."""
        return self._get("leaves_for", lambda: [(m.start(1), m.end()) for m in
                                                LEAVE_FOR.finditer(self.text, self.sent.start, self.sent.end)])

    def dates_in(self) -> list:
        return self._get("dates", lambda: self.dates.dates_in(self.sent.text, self.sent.start))

    def may_name_unit(self) -> bool:
        return self._get("unit", lambda: bool(ORDINAL.search(self.sent.text) or _unit_hint().search(self.sent.text)))

    def place_at(self, pos: int):
        key = ("place", pos)
        if key not in self._cache:
            self._cache[key] = _place_at(self.text, pos, self.ctx, self.gaz)
        return self._cache[key]


def extract(sentences: list[Sentence], ctx: DocContext, dates: DateResolver) -> list[dict]:
    gaz = load()
    text = ctx.text
    rows: list[dict] = []
    seen: set[tuple] = set()
    index = {s.start: i for i, s in enumerate(sentences)}
    chosen = {s.start: s for s in with_hits(sentences, gaz.troop_noun_re, text)}
    chosen.update({s.start: s for s in with_hits(sentences, PRONOUN_HINT, text)})
    antecedent: tuple[int, tuple[str, str]] | None = None       # (sentence index, actor) of the last troops
    for sent in sorted(chosen.values(), key=lambda s: s.start):
        mentions = _mentions(sent)
        if not mentions:
            continue
        si = index[sent.start]
        scan = _Scan(sent, ctx, dates, gaz)
        for t in mentions:
            lo, hi = _window(scan, t, mentions)
            action, action_at = _action(scan, t, lo, hi)
            if t.pronoun:
                # the troops named last, in this sentence or the one before; no antecedent, no row
                if antecedent is None or si - antecedent[0] > 1:
                    continue
                actor = antecedent[1]
                antecedent = (si, actor)        # "Most of them ... Dozens of them ...": the chain goes on
                if action in (None, "present"):
                    continue
            else:
                if t.count.kind == "none" and action in (None, "present"):
                    continue
                actor = _actor(text, sent, t, ctx, gaz)
                if actor is None:
                    continue
                antecedent = (si, actor)
            if t.count.value is None and _speculative(text, t, action_at, lo, ctx, actor[0]):
                continue
            places = _places(scan, lo, hi, t, action)
            origin = places["origin"][1] if places["origin"] else None
            location = places["location"][1] if places["location"] else None
            base = places["location"][2] if places["location"] else None
            sd = scan.dates_in()
            # the same contingent restated (a quote repeating the figure) is one row, not two
            key = (actor[0], t.count.value) if t.count.value is not None else (sent.start, actor[0], t.count.text, action)
            if key in seen:
                continue
            seen.add(key)
            rows.append({
                "actor": actor[0], "actor_text": actor[1], "unit": _unit(scan, lo, hi),
                "troop_count": t.count.value, "count_text": t.count.text or None, "count_kind": t.count.kind,
                "action": action or "present", "origin": origin, "location": location,
                "event_date": sd[0][2] if sd else None,
                "evidence": sent.text, "start_offset": sent.start, "end_offset": sent.end,
                "_base": base.value if base is not None else None,
            })
    # "the number of American forces ... would be reduced to 2,500": the uncounted mention is the counted one
    counted = {(r["start_offset"], r["actor"], r["action"]) for r in rows if r["troop_count"] is not None}
    return [r for r in rows if r["count_kind"] != "none"
            or (r["start_offset"], r["actor"], r["action"]) not in counted]
