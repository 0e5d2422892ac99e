"""World knowledge as data: every list the extractors consult comes from sitrep/gazetteers/*.csv.

Loaded once (lazy singleton) because building the big alternation regexes costs milliseconds that
would otherwise be paid per document. Users extend the CSV files, never this module.
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field

import pycountry

from sitrep.resources import GAZETTEER_DIR

GAZ_DIR = GAZETTEER_DIR

# Words that carry no identity in a base name ("al-Tanf Garrison" and "Tanf base" share "tanf").
BASE_STOPWORDS = {"al", "el", "ar", "as", "an", "at", "air", "base", "airbase", "airfield", "field", "camp", "military",
                  "the", "station", "ab", "site", "army", "airport", "garrison", "complex", "fob", "forward",
                  "operating", "joint", "of", "support", "mission", "cob"}


def read_csv(name: str) -> list[dict[str, str]]:
    with open(GAZ_DIR / name, newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def trie_pattern(phrases: list[str], after_first: str = "") -> str:
    """Phrases folded into a prefix tree, written as a regex: Python's re tries alternatives one by one,
    so a flat list of hundreds of names costs hundreds of attempts per character; a trie costs one.
    `after_first` is inserted after each phrase's first character (a look-behind standing in for a leading
    boundary: a pattern that opens with a literal lets the engine skip straight to candidate characters)."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, top: bool = False) -> str:
        end = "" in node
        branches = [re.escape(ch) + (after_first if top else "") + emit(child) for ch, child in sorted(node.items())
                    if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return emit(trie, top=True)


def alternation(phrases: list[str], flags: int = 0, boundary: bool = True) -> re.Pattern[str]:
    """One regex matching any phrase; greedy optional branches make the longest phrase win, so
    'U.S.-led coalition' beats 'U.S.' (backtracking falls back to the shorter one at a word boundary).
    The leading boundary is checked after the first character ('(?<![\\w-].)': the character before the
    phrase is no word character), which is the same test but ~20x faster to scan for."""
    parts = sorted({p for p in phrases if p})
    if boundary and not flags & re.IGNORECASE:
        body = trie_pattern(parts, after_first=r"(?<![\w-](?s:.))")
        return re.compile(rf"(?:{body})(?![\w])", flags)
    if boundary:
        return re.compile(rf"(?<![\w-])(?:{trie_pattern(parts)})(?![\w])", flags)
    return re.compile(f"(?:{trie_pattern(parts)})", flags)


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """The characters a match of `pattern` can open with, as a character class ('[...]'), or None when that
    cannot be told simply. A narrow class in front of a pattern that opens with a boundary lets the engine
    skip the positions where no match can start (DATE_RE and the cue patterns scan ~5x faster)."""
    from re import _constants as C, _parser as P     # the standard library's own regex parser

    def first(items: list) -> set[str] | None:
        for op, av in items:
            if op is C.AT or op in (C.ASSERT, C.ASSERT_NOT):
                continue                                  # zero-width: the next item opens the match
            if op is C.LITERAL:
                return {chr(av)}
            if op is C.IN:
                out: set[str] = set()
                for o, a in av:
                    if o is C.LITERAL:
                        out.add(chr(a))
                    elif o is C.RANGE and a[1] - a[0] < 400:
                        out |= {chr(c) for c in range(a[0], a[1] + 1)}
                    else:
                        return None
                return out
            if op is C.BRANCH:
                out = set()
                for alt in av[1]:
                    f = first(list(alt))
                    if f is None:
                        return None
                    out |= f
                return out
            if op is C.SUBPATTERN:
                return first(list(av[-1]))
            if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
                return first(list(av[2]))
            return None
        return None

    try:
        chars = first(list(P.parse(pattern, flags)))
    except Exception:
        return None
    if not chars:
        return None
    if flags & re.IGNORECASE:
        chars |= {c.swapcase() for c in chars if len(c.swapcase()) == 1}
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def led(pat: re.Pattern[str]) -> re.Pattern[str]:
    """`pat` with a look-ahead for its possible first characters in front: the same matches, found faster."""
    fc = first_chars(pat.pattern, pat.flags)
    return re.compile(f"(?={fc})(?:{pat.pattern})", pat.flags) if fc else pat


def _structure(pattern: str, start: int = 0):
    """Yield (index, char, depth) for each character of `pattern` from `start` that is outside a character class
    and not escaped; depth is the group nesting after an opening and before a closing parenthesis."""
    depth, cls, i = 0, False, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        else:
            if c == "(":
                depth += 1
            yield i, c, depth
            if c == ")":
                depth -= 1
        i += 1


def _split_top(pattern: str) -> list[str]:
    """`pattern` cut at its top-level '|' (escapes, classes and groups respected)."""
    parts, start = [], 0
    for i, c, depth in _structure(pattern):
        if c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _group_end(pattern: str, open_at: int) -> int:
    """Index of the ')' closing the group opened at `open_at`."""
    for i, c, depth in _structure(pattern, open_at):
        if c == ")" and depth == 1:
            return i
    return -1


def _literal_led(alt: str, budget: list[int]) -> list[str] | None:
    """`alt` rewritten as alternatives that each open with a plain character ('(?:a|b)c' -> 'ac', 'bc'),
    or None when that cannot be done simply."""
    if alt[:1].isalnum() and alt[1:2] not in ("?", "*", "{"):
        return [alt]
    if alt.startswith("(?:"):
        end = _group_end(alt, 0)
        if end < 0 or alt[end + 1:end + 2] in ("?", "*", "+", "{"):
            return None
        out = []
        for inner in _split_top(alt[3:end]):
            budget[0] -= 1
            got = _literal_led(inner + alt[end + 1:], budget) if budget[0] > 0 else None
            if got is None:
                return None
            out.extend(got)
        return out
    return None


class Prescanned:
    """A labelled pattern behind a fast scanner: the scanner (the same alternatives, without the named groups,
    grouped by first character after a look-behind boundary) finds where a match starts, the exact pattern is
    then run there alone. Same matches as exact.finditer; Python's engine checks literal-led alternatives
    without entering them, which the named groups prevent."""

    def __init__(self, exact: re.Pattern[str], scanner: re.Pattern[str]):
        self.exact, self.scanner = exact, scanner
        self.pattern, self.flags = exact.pattern, exact.flags

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        while pos <= end:
            s = self.scanner.search(text, pos, end)
            if s is None:
                return
            m = self.exact.match(text, s.start(), end)
            if m is None:               # cannot happen (same alternatives); step on rather than loop
                pos = s.start() + 1
                continue
            yield m
            pos = m.end() if m.end() > m.start() else m.start() + 1

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return next(self.finditer(text, pos, endpos), None)


def prescanned(exact: re.Pattern[str], bodies: list[str], boundary: str, tail: str) -> re.Pattern[str] | Prescanned:
    """`exact` behind a scanner built from the row `bodies` when every alternative can be led by a plain
    character; `boundary` is the look-behind that stands for the leading boundary, `tail` what follows."""
    if exact.flags & re.IGNORECASE:
        return exact
    alts: list[str] = []
    for body in bodies:
        for alt in _split_top(body):
            got = _literal_led(alt, [64])
            if got is None:
                return exact
            alts.extend(got)
    by_first: dict[str, list[str]] = {}
    for a in alts:
        by_first.setdefault(a[0], []).append(a[1:])
    groups = [f"{re.escape(c)}(?<!{boundary}{re.escape(c)})(?:{'|'.join(rest)})" for c, rest in by_first.items()]
    try:
        return Prescanned(exact, re.compile(f"(?:{'|'.join(groups)}){tail}", exact.flags))
    except re.error:
        return exact


def labelled(rows: list[dict[str, str]], label: str, wrap: str, flags: int = 0) -> tuple[re.Pattern[str], list[str]]:
    """All rows' patterns as one regex, one named group per row: a single scan instead of one per row.
    At a given position the row listed first wins, so CSV order expresses priority."""
    body = "|".join(f"(?P<g{i}>" + r["pattern"] + ")" for i, r in enumerate(rows))
    return re.compile(wrap.format(body), flags), [r[label] for r in rows]


def lowercase_twin(pat: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-insensitive `pat` as a case-sensitive pattern to run on lowercased text (None for a
    case-sensitive pattern). Python's engine skips ahead on literal prefixes only without IGNORECASE, so the
    twin scans several times faster and finds the same spans. Escapes and group names keep their case."""
    if not pat.flags & re.IGNORECASE or "(?-" in pat.pattern:
        return None
    return re.compile(lower_pattern(pat.pattern), pat.flags & ~re.IGNORECASE)


def lower_pattern(pattern: str) -> str:
    """The pattern's literals lowercased; escapes and group names keep their case."""
    return re.sub(r"\\.|\(\?P[<=]\w+[>)]|[^\\(]+|\(",
                  lambda m: m.group() if m.group().startswith(("\\", "(?P")) else m.group().lower(), pattern)


@functools.lru_cache(maxsize=8192)
def fold_accents(text: str) -> str:
    """Lower case without accents: 'Ādaži' -> 'adazi'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def base_key(name: str) -> str:
    """Normalise a base name before any lookup or fuzzy match: fold accents, drop generic words,
    and glue letter-digit designators (K-1, K 1 -> k1) so that digits stay significant."""
    s = fold_accents(name)
    s = re.sub(r"\b([a-z])[\s-]+(\d+)\b", r"\1\2", s)
    toks = [t for t in re.findall(r"[a-z0-9]+", s.replace("-", " ")) if t not in BASE_STOPWORDS]
    return " ".join(toks)


@dataclass
class Base:
    canonical: str
    country: str
    icao: str
    keys: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class ActionLemma:
    """What a governing verb or noun says of the troops it governs (action_lemmas.csv)."""
    action: str
    object_is: str          # "origin": its direct object is the place left ("leave Bagram"); else ""
    subject_is: str         # "host": its subject is the host, not the troops' owner ("Poland hosts"); else ""


@dataclass
class Gazetteer:
    actor_code: dict[str, str]
    actor_kind: dict[str, str]
    actor_re: re.Pattern[str]
    country_names: dict[str, str]          # code -> display name
    place_country: dict[str, str]          # place text -> country code ('' for regions)
    place_re: re.Pattern[str]
    bases: list[Base]
    base_by_key: dict[str, Base]
    base_alias_re: re.Pattern[str]
    troop_noun_kind: dict[str, str]
    troop_modifiers: set[str]
    troop_noun_re: re.Pattern[str]
    count_words: list[tuple[str, str]]
    non_troop_lemmas: frozenset[str]         # a troop count under one of these is no posture
    action_lemmas: dict[tuple[str, str], ActionLemma]     # (lemma, particle or "") -> its class
    hedges: dict[str, str]                                  # word -> mark | governor | adverb
    base_events: dict[tuple[str, str], str]           # (lemma, particle or "") -> base event
    base_event_verbs: frozenset[str]                  # lemmas that name an event only as verbs ("based at")
    reporting_verbs: dict[str, str]
    reporting_re: re.Pattern[str]
    channels: tuple[re.Pattern[str], list[str]]
    titles: list[str]
    title_words: set[str]
    title_re: re.Pattern[str]
    speaker_nouns: dict[str, str]
    units: list[tuple[re.Pattern[str], str]]
    unit_types: list[str]
    base_aliases: list[str] = field(default_factory=list)      # the names base_alias_re scans for


def _country_rows() -> dict[str, str]:
    """Country names from pycountry (name and common name), so every state is recognised without a list."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            n = getattr(c, attr, None)
            if n and "," not in n and "(" not in n:
                out[n] = c.alpha_3
    return out


def _prescan(lab: tuple[re.Pattern[str], list[str]], bodies: list[str], boundary: str, tail: str):
    return prescanned(lab[0], bodies, boundary, tail), lab[1]


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    countries = _country_rows()
    actor_code: dict[str, str] = dict(countries)
    actor_kind = {k: "name" for k in countries}
    for r in read_csv("actors.csv"):
        actor_code[r["text"]] = r["code"]
        actor_kind[r["text"]] = r["kind"]
    country_names = {code: name for name, code in countries.items()}
    for c in pycountry.countries:
        country_names[c.alpha_3] = getattr(c, "common_name", None) or c.name
    for r in read_csv("actors.csv"):
        if r["kind"] == "name" and r["code"] not in country_names:
            country_names[r["code"]] = r["text"]

    place_country = {n: code for n, code in countries.items()}
    for r in read_csv("actors.csv"):
        if r["kind"] == "name":
            place_country[r["text"]] = r["code"]
    for r in read_csv("places.csv"):
        place_country[r["name"]] = r["country"]

    bases: list[Base] = []
    base_by_key: dict[str, Base] = {}
    scan_aliases: list[str] = []
    for r in read_csv("bases.csv"):
        b = Base(r["canonical"], r["country"], r["icao"])
        names = [r["canonical"]] + [a for a in r["aliases"].split("|") if a]
        for a in names:
            bare = a.lstrip("=")
            if not a.startswith("="):
                scan_aliases.append(bare)
            k = base_key(bare)
            if k:
                b.keys.add(k)
                base_by_key.setdefault(k, b)
        bases.append(b)
    for b in bases:
        place_country.setdefault(b.canonical, b.country)

    troop_noun_kind = {r["noun"]: r["kind"] for r in read_csv("troop_nouns.csv")}
    count_words = [(r["phrase"], r["kind"]) for r in read_csv("count_words.csv")]

    verbs = {r["verb"]: r["kind"] for r in read_csv("reporting_verbs.csv")}
    titles = [r["title"] for r in read_csv("titles.csv")]
    title_words = {w.lower() for t in titles for w in t.split()}
    return Gazetteer(
        actor_code=actor_code,
        actor_kind=actor_kind,
        actor_re=alternation(list(actor_code)),
        country_names=country_names,
        place_country=place_country,
        place_re=alternation(list(place_country)),
        bases=bases,
        base_by_key=base_by_key,
        base_alias_re=alternation(scan_aliases, re.IGNORECASE),
        troop_noun_kind=troop_noun_kind,
        troop_modifiers={r["word"].lower() for r in read_csv("troop_modifiers.csv")},
        troop_noun_re=alternation(list(troop_noun_kind)),
        count_words=count_words,
        non_troop_lemmas=frozenset(r["lemma"] for r in read_csv("non_troop_cues.csv")),
        action_lemmas={(r["lemma"], r["particle"]): ActionLemma(r["action"], r["object"], r["subject"])
                       for r in read_csv("action_lemmas.csv")},
        hedges={r["word"]: r["role"] for r in read_csv("hedges.csv")},
        base_events={(r["lemma"], r["particle"]): r["event"] for r in read_csv("base_event_lemmas.csv")},
        base_event_verbs=frozenset(r["lemma"] for r in read_csv("base_event_lemmas.csv") if r["pos"] == "verb"),
        reporting_verbs=verbs,
        reporting_re=alternation(list(verbs)),
        channels=_prescan(labelled(read_csv("channels.csv"), "channel", r"(?<![\w])(?:{})(?![\w])"),
                          [r["pattern"] for r in read_csv("channels.csv")], r"[\w]", r"(?![\w])"),
        titles=titles,
        title_words=title_words,
        title_re=alternation(titles),
        speaker_nouns={r["noun"]: r["kind"] for r in read_csv("speaker_nouns.csv")},
        units=[(re.compile(r["pattern"]), r["actor"]) for r in read_csv("units.csv")],
        unit_types=[r["word"] for r in read_csv("unit_types.csv")],
        base_aliases=scan_aliases,
    )
