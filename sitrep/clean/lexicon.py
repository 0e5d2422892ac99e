"""Load the data files cleaning relies on: boilerplate phrases and per-language function words.

Both are CSV under sitrep/gazetteers/ so that a user can teach the cleaner a new widget phrase or language
without touching code. They are read once, at first use.
"""
from __future__ import annotations

import csv
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.resources import GAZETTEER_DIR

GAZETTEERS = GAZETTEER_DIR
PHRASES_CSV = GAZETTEERS / "boilerplate_phrases.csv"
STOPWORDS_CSV = GAZETTEERS / "clean_stopwords.csv"
MONTHS_CSV = GAZETTEERS / "months.csv"
REPORTING_CSV = GAZETTEERS / "reporting_verbs.csv"
# Quotation marks: a line holding one quotes somebody, so it is the article's, whoever it addresses.
_QUOTE_MARK = re.compile("[\"“”«»„]")

_EDGE_PUNCT = " \t.,:;!?|»«>›<‹-–—•·*#()[]\"'“”‘’…"


def fold_line(text: str) -> str:
    """The form phrases are matched against: lower case, inner space folded, edge punctuation dropped."""
    return " ".join(text.lower().split()).strip(_EDGE_PUNCT)


@dataclass(frozen=True)
class Rule:
    kind: str
    match: str
    phrase: str
    max_words: int | None
    pattern: re.Pattern[str] | None


@dataclass(frozen=True)
class Lexicon:
    exact: dict[str, str]  # folded line -> kind
    starts: dict[str, tuple[Rule, ...]]  # first character of a "start" phrase -> its rules
    anchored: re.Pattern[str]  # all "^..." regex rules as one alternation, group r<i> = rule i
    loose: tuple[Rule, ...]  # the other regex and "contains" rules
    rules: tuple[Rule, ...]
    _by_length: dict[int, _Screen] = field(default_factory=dict, compare=False, repr=False)
    _memo: dict[tuple[str, int], str | None] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, text: str, n_words: int, folded: str | None = None) -> str | None:
        """Kind of a rule that matches the line, if any (exact lines first, then prefixes, then patterns).

        Most lines match nothing, so each line is first screened by two precompiled alternations of every rule
        its length allows (prefixes and "^" patterns as a prefix trie; the rest); the rules are walked one by
        one, in file order, only when a screen fires. Short lines, which repeat across a site's pages, are
        remembered.
        """
        short = len(text) <= 80  # short lines repeat across a site's pages (menus, buttons): remember them
        if short:
            key = (text, n_words)
            if key in self._memo:
                return self._memo[key]
            if len(self._memo) >= 50_000:
                self._memo.clear()
            kind = self._memo[key] = self._lookup(text, n_words, folded)
            return kind
        return self._lookup(text, n_words, folded)

    def _lookup(self, text: str, n_words: int, folded: str | None) -> str | None:
        if folded is None:
            folded = fold_line(text)
        kind = self.exact.get(folded)
        if kind:
            return kind
        screen = self._screen_for(n_words)
        lowered = " ".join(text.lower().split())
        if screen.head.match(folded) or (lowered != folded and screen.head.match(lowered)):
            for head in {folded[:1], lowered[:1]}:
                for rule in self.starts.get(head, ()):
                    if (rule.max_words is None or n_words <= rule.max_words) and (
                        folded.startswith(rule.phrase) or lowered.startswith(rule.phrase)
                    ):
                        return rule.kind
            for m in self.anchored.finditer(folded):
                rule = self.rules[int(m.lastgroup[1:])]
                if rule.max_words is None or n_words <= rule.max_words:
                    return rule.kind
            for rule in screen.anchored_rules:  # an alternative of the joint pattern shadowed another one
                if rule.pattern.search(folded):
                    return rule.kind
        if screen.loose.search(lowered):
            for rule in screen.loose_rules:
                if rule.match == "contains":
                    if rule.phrase in lowered:
                        return rule.kind
                elif rule.pattern.search(lowered):
                    return rule.kind
        return None

    def _screen_for(self, n_words: int) -> _Screen:
        """The precompiled screens for lines of n_words: most rules only apply to short lines."""
        key = min(n_words, 1000)
        screen = self._by_length.get(key)
        if screen is None:
            fits = [r for r in self.rules if r.max_words is None or key <= r.max_words]
            starts = [r for rs in self.starts.values() for r in rs if r.max_words is None or key <= r.max_words]
            anchored = tuple(r for r in fits if r.phrase.startswith("^"))
            loose = tuple(r for r in self.loose if r.max_words is None or key <= r.max_words)
            screen = _Screen(
                _compiled(_alternation([_trie(r.phrase for r in starts)] + [r.phrase for r in anchored])),
                _compiled(_alternation([_trie(r.phrase for r in loose if r.match == "contains")]
                                       + [r.phrase for r in loose if r.match != "contains"])),
                anchored,
                loose,
            )
            self._by_length[key] = screen
        return screen


@dataclass(frozen=True)
class _Screen:
    head: re.Pattern[str]  # prefixes and "^" patterns, matched at the start of the folded and lower-cased line
    loose: re.Pattern[str]  # searched in the lower-cased line
    anchored_rules: tuple[Rule, ...]
    loose_rules: tuple[Rule, ...]


def _alternation(parts) -> str:
    return "|".join(f"(?:{p})" for p in parts if p)


def _trie(phrases) -> str:
    """One regex matching any of the literal phrases, factored by common prefixes: at a given position the
    engine follows one branch instead of trying every phrase (the regex module has no Aho-Corasick)."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if "" in node and len(node) == 1:
            return ""
        optional = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return emit(root) if root else ""


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern or "(?!)")


def data_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


LEXICON_KINDS = frozenset(
    {"navigation", "donation", "caption", "comments", "other", "thread", "weak-thread", "appeal", "related", "endmatter",
     "profile"}
)
LEXICON_MATCHES = frozenset({"line", "start", "contains", "regex"})


class LexiconError(ValueError):
    """A row of the phrase file that cannot be used, named so that the user can fix it."""


def _checked(row: dict[str, str], path: Path) -> tuple[str, str, str, int | None]:
    kind, match = (row.get("kind") or "").strip(), (row.get("match") or "").strip()
    phrase, words = (row.get("phrase") or "").strip(), (row.get("max_words") or "").strip()
    where = f"{path.name}: row {row}"
    if kind not in LEXICON_KINDS:
        raise LexiconError(f"{where}: kind {kind!r} is not one of {sorted(LEXICON_KINDS)}")
    if match not in LEXICON_MATCHES:
        raise LexiconError(f"{where}: match {match!r} is not one of {sorted(LEXICON_MATCHES)}")
    if not phrase:
        raise LexiconError(f"{where}: empty phrase")
    if words and not words.isdigit():
        raise LexiconError(f"{where}: max_words {words!r} is not a whole number (quote a phrase that holds a comma)")
    if match == "regex":
        try:
            re.compile(phrase)
        except re.error as exc:
            raise LexiconError(f"{where}: bad regex ({exc})") from None
    return kind, match, phrase, int(words) if words else None


@functools.cache
def phrases(path: Path = PHRASES_CSV) -> Lexicon:
    exact: dict[str, str] = {}
    starts: dict[str, list[Rule]] = {}
    rules: list[Rule] = []
    for row in data_rows(path):
        kind, match, phrase, max_words = _checked(row, path)
        if match == "line":
            exact.setdefault(fold_line(phrase), kind)
        elif match == "start":
            starts.setdefault(phrase[:1].lower(), []).append(Rule(kind, match, phrase.lower(), max_words, None))
        else:
            phrase = phrase if match == "regex" else phrase.lower()
            rules.append(Rule(kind, match, phrase, max_words, re.compile(phrase) if match == "regex" else None))
    anchored = "|".join(f"(?P<r{i}>{r.phrase})" for i, r in enumerate(rules) if r.phrase.startswith("^"))
    loose = tuple(r for r in rules if not r.phrase.startswith("^"))
    return Lexicon(exact, {k: tuple(v) for k, v in starts.items()}, re.compile(anchored or "(?!)"), loose, tuple(rules))


@functools.cache
def stopwords(path: Path = STOPWORDS_CSV) -> dict[str, frozenset[str]]:
    """Function words by language code."""
    by_lang: dict[str, set[str]] = {}
    for row in data_rows(path):
        by_lang.setdefault(row["lang"].strip(), set()).add(row["word"].strip().lower())
    return {lang: frozenset(words) for lang, words in by_lang.items()}


@functools.cache
def stopword_index(path: Path = STOPWORDS_CSV) -> dict[str, tuple[str, ...]]:
    """Function word -> languages using it: one dictionary probe per token when guessing the language."""
    index: dict[str, list[str]] = {}
    for lang, words in stopwords(path).items():
        for w in words:
            index.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


@functools.cache
def month_numbers(path: Path = MONTHS_CSV) -> dict[str, int]:
    """Month name or abbreviation as written (lower case) -> 1..12, for date lines in every listed language."""
    out = {}
    for row in data_rows(path):
        month = int(row["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"{path.name}: month {row['month']!r} of {row['name']!r} is not 1-12")
        out[row["name"].strip().lower().rstrip(".")] = month
    return out


@functools.cache
def reporting_verbs(path: Path = REPORTING_CSV) -> frozenset[str]:
    """The finite reporting verbs ("said", "told"): the extractor's list, read here too."""
    return frozenset(r["verb"].strip().lower() for r in data_rows(path) if r["kind"].strip() != "participle")


def is_reported_speech(text: str, words: Sequence[str]) -> bool:
    """Article prose, not furniture: a quotation mark or a reporting verb (words: the line's lower-case tokens)."""
    verbs = reporting_verbs()
    return bool(_QUOTE_MARK.search(text)) or any(w in verbs for w in words)
