"""World knowledge as data: every list the extractors consult comes from flows/gazetteers/*.csv.

Loaded once (lazy singleton) because building the big alternation regexes costs milliseconds that
would otherwise be paid per document. Users extend the CSV files, never this module.
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

GAZ_DIR = Path(__file__).resolve().parent.parent / "gazetteers"

# Words that carry no identity in a base name ("al-Qayyarah Air Base" and "Qayyara airbase" share "qayyarah").
BASE_STOPWORDS = {"al", "el", "ar", "as", "an", "at", "air", "base", "airbase", "airfield", "field", "camp", "military",
                  "the", "station", "ab", "site", "army", "airport", "garrison", "complex", "fob", "forward",
                  "operating", "joint", "of", "support", "mission", "cob"}


def read_csv(name: str) -> list[dict[str, str]]:
    with open(GAZ_DIR / name, newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def trie_pattern(phrases: list[str]) -> str:
    """Phrases folded into a prefix tree, written as a regex: Python's re tries alternatives one by one,
    so a flat list of hundreds of names costs hundreds of attempts per character; a trie costs one."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def alternation(phrases: list[str], flags: int = 0, boundary: bool = True) -> re.Pattern[str]:
    """One regex matching any phrase; greedy optional branches make the longest phrase win, so
    'U.S.-led coalition' beats 'U.S.' (backtracking falls back to the shorter one at a word boundary)."""
    parts = sorted({p for p in phrases if p})
    body = trie_pattern(parts)
    if boundary:
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", flags)
    return re.compile(f"(?:{body})", flags)


def labelled(rows: list[dict[str, str]], label: str, wrap: str, flags: int = 0) -> tuple[re.Pattern[str], list[str]]:
    """All rows' patterns as one regex, one named group per row: a single scan instead of one per row.
    At a given position the row listed first wins, so CSV order expresses priority."""
    body = "|".join(f"(?P<g{i}>" + r["pattern"] + ")" for i, r in enumerate(rows))
    return re.compile(wrap.format(body), flags), [r[label] for r in rows]


def base_key(name: str) -> str:
    """Normalise a base name before any lookup or fuzzy match: fold accents, drop generic words,
    and glue letter-digit designators (K-1, K 1 -> k1) so that digits stay significant."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b([a-z])[\s-]+(\d+)\b", r"\1\2", s)
    toks = [t for t in re.findall(r"[a-z0-9]+", s.replace("-", " ")) if t not in BASE_STOPWORDS]
    return " ".join(toks)


@dataclass
class Base:
    canonical: str
    country: str
    icao: str
    keys: set[str] = field(default_factory=set)


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
    non_troop_res: list[re.Pattern[str]]
    actions: tuple[re.Pattern[str], list[str]]
    base_events: list[tuple[re.Pattern[str], str]]
    reporting_verbs: dict[str, str]
    reporting_re: re.Pattern[str]
    channels: tuple[re.Pattern[str], list[str]]
    titles: list[str]
    title_words: set[str]
    title_re: re.Pattern[str]
    speaker_nouns: dict[str, str]
    units: list[tuple[re.Pattern[str], str]]
    unit_types: list[str]


def _country_rows() -> dict[str, str]:
    """Country names from pycountry (name and common name), so every state is recognised without a list."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            n = getattr(c, attr, None)
            if n and "," not in n and "(" not in n:
                out[n] = c.alpha_3
    return out


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
        non_troop_res=[re.compile(r["pattern"], re.IGNORECASE) for r in read_csv("non_troop_cues.csv")],
        actions=labelled(read_csv("actions.csv"), "action", r"\b(?=\w)(?:{})", re.IGNORECASE),
        base_events=[(re.compile(r"\b(?:" + r["pattern"] + r")\b", re.IGNORECASE), r["event"])
                     for r in read_csv("base_events.csv")],
        reporting_verbs=verbs,
        reporting_re=alternation(list(verbs)),
        channels=labelled(read_csv("channels.csv"), "channel", r"(?<![\w])(?:{})(?![\w])"),
        titles=titles,
        title_words=title_words,
        title_re=alternation(titles),
        speaker_nouns={r["noun"]: r["kind"] for r in read_csv("speaker_nouns.csv")},
        units=[(re.compile(r["pattern"]), r["actor"]) for r in read_csv("units.csv")],
        unit_types=[r["word"] for r in read_csv("unit_types.csv")],
    )
