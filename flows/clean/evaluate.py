"""Score cleaning output against gold keep/drop/title labels, by the rule of shared/eval/score.py.

Lives beside the cleaner so that tests and the benchmark judge it by one definition.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\xa0": " "})


def fold(text: str | None) -> str:
    """Whitespace folded, NFKC, curly quotes straightened."""
    return " ".join(unicodedata.normalize("NFKC", text or "").translate(_QUOTES).split())


def norm_words(text: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text).lower()))


@dataclass
class Score:
    keep_hit: int = 0
    keep_total: int = 0
    drop_hit: int = 0  # drop snippets still present (leaks)
    drop_total: int = 0
    title_hit: int = 0
    title_total: int = 0

    def add(self, clean_text: str, title: str | None, gold: dict) -> list[str]:
        """Tally one document; return the failures as readable lines."""
        text = fold(clean_text)
        misses = []
        for s in gold.get("keep", []):
            self.keep_total += 1
            if fold(s) in text:
                self.keep_hit += 1
            else:
                misses.append(f"lost keep: {s[:80]!r}")
        for s in gold.get("drop", []):
            self.drop_total += 1
            if fold(s) in text:
                self.drop_hit += 1
                misses.append(f"leaked drop: {s[:80]!r}")
        if gold.get("title"):
            self.title_total += 1
            if norm_words(gold["title"]) == norm_words(title):
                self.title_hit += 1
            else:
                misses.append(f"title {title!r} != {gold['title']!r}")
        return misses

    @property
    def keep(self) -> float:
        return self.keep_hit / self.keep_total if self.keep_total else 1.0

    @property
    def leak(self) -> float:
        return self.drop_hit / self.drop_total if self.drop_total else 0.0

    @property
    def title(self) -> float:
        return self.title_hit / self.title_total if self.title_total else 1.0
