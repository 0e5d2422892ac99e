"""Counts as written -> integers: digits with or without separators, number words (via text2num), and
the qualifiers that make a count approximate or vague (from count_words.csv)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from text_to_num import text2num

from .gazetteer import load, trie_pattern

UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety").split()
SCALE_VALUES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
SCALES = tuple(SCALE_VALUES)
NUMBER_WORDS_LIST = UNITS + list(SCALES)
VAGUE_NUMERIC = r"\d+0s"                         # "100s"
SCALED = re.compile(rf"(\d+(?:\.\d+)?)\s*({'|'.join(SCALES)})", re.IGNORECASE)      # "7.5 thousand"


@dataclass(frozen=True)
class Count:
    value: int | None
    text: str
    kind: str           # exact | approximate | vague | none


@functools.lru_cache(maxsize=4096)
def words_to_int(words: str) -> int | None:
    w = re.sub(r"[\s-]+", " ", words.lower().strip())
    if w == "a dozen":
        return 12
    w = re.sub(r"^a (hundred|thousand)", r"one \1", w)
    try:
        return int(text2num(w, "en"))
    except ValueError:
        return None


def parse_number(token: str) -> int | None:
    """'4,000' / '3100' / 'two thousand' -> int; None when the token is not a plain count ('100s')."""
    t = token.strip()
    if re.fullmatch(VAGUE_NUMERIC, t):
        return None
    scaled = SCALED.fullmatch(t)
    if scaled:                      # "7.5 thousand", "1.2 million"
        return round(float(scaled.group(1)) * SCALE_VALUES[scaled.group(2).lower()])
    if t[:1].isdigit():
        digits = re.sub(r"[,.\u202f\u00a0 ]", "", t)
        return int(digits) if digits.isdigit() else None
    return words_to_int(t)


def qualifier_pattern() -> str:
    """Approximators that may stand before a number ('around', 'up to', 'more than')."""
    return trie_pattern([p for p, k in load().count_words if k == "approximate"])


def make_count(qualifier: str | None, number: str | None, vague: str | None) -> Count:
    if number:
        value = parse_number(number)
        text = f"{qualifier} {number}" if qualifier else number
        if value is None:
            return Count(None, text, "vague")
        return Count(value, text, "approximate" if qualifier else "exact")
    if vague:
        return Count(None, vague, "vague")
    return Count(None, "", "none")
