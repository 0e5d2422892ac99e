"""Money amounts in any currency the text names: symbols and currency names (currencies.csv: "$", "₩", "U.S.
dollars", "won"), and ISO 4217 codes before or after the number ("USD 300 million", "300 million USD").

The number is read with Babel's strict parser under an English and a German locale: when the readings disagree
(or only the foreign one works, "$2,5 million") and the currency's own convention does not settle it
(decimal_comma_currencies.csv), the amount is ambiguous and its value stays NULL rather than a guess. A range
("1.5-2 billion dollars") is one amount with no single value: NULL, and not ambiguous.
"""
from __future__ import annotations

import functools
import re

import pycountry
from babel.numbers import NumberFormatError, parse_decimal

from .gazetteer import read_csv
from .sentences import Sentence, with_hits

SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
         "b": 1e9, "trillion": 1e12, "tn": 1e12}
_SCALE = r"(?:thousand|million|billion|trillion|mn|mln|bn|tn|[mbk])\b"
_NUM = r"\d[\d.,\u00a0\u202f]*\d|\d"
_RANGE = rf"(?:{_NUM})(?:\s?(?:-|–|to)\s?(?:{_NUM}))?"


@functools.lru_cache(maxsize=1)
def _currencies() -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    """(symbol -> code, word -> code, ISO codes, decimal-comma codes), from the gazetteers and pycountry."""
    rows = read_csv("currencies.csv")
    symbols = {r["text"]: r["code"] for r in rows if r["kind"] == "symbol"}
    words = {r["text"].lower(): r["code"] for r in rows if r["kind"] == "word"}
    codes = frozenset(c.alpha_3 for c in pycountry.currencies)
    comma = frozenset(r["code"] for r in read_csv("decimal_comma_currencies.csv"))
    return symbols, words, codes, comma


def decimal_comma_currencies() -> frozenset[str]:
    """The currencies whose home convention writes a decimal comma (read the German way; not flagged)."""
    return _currencies()[3]


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    symbols, words, codes, _ = _currencies()
    sym = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    word = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    code = "|".join(sorted(codes))
    amount = re.compile(
        rf"(?P<a>(?:(?P<sym>{sym})|\b(?P<code1>{code})\s)\s?(?P<num>{_RANGE})(?:\s?(?P<scale>{_SCALE}))?"
        rf"(?:\s+(?P<w1>(?i:{word}))\b)?)"
        rf"|(?P<b>\b(?P<num2>{_RANGE})(?:\s?(?P<scale2>{_SCALE}))?\s+(?:(?P<w2>(?i:{word}))\b|(?P<code2>{code})\b))"
        rf"|(?P<c>\b(?:tens\s+of\s+|hundreds\s+of\s+)?(?:billions|millions|trillions)\s+of\s+(?P<w3>(?i:{word}))\b)")
    hint = re.compile(rf"{sym}|\b(?:{code})\b|(?i:{word})")
    return amount, hint


def currency_hint() -> re.Pattern[str]:
    """Any currency symbol, code or name: text without a hit names no money."""
    return _patterns()[1]


@functools.lru_cache(maxsize=4096)
def read_number(num: str, currency: str) -> tuple[float | None, bool]:
    """(value, ambiguous) for the digits as written, under the currency's convention."""
    readings = {}
    for loc in ("en_US", "de_DE"):
        try:
            readings[loc] = float(parse_decimal(num, locale=loc, strict=True))
        except (NumberFormatError, ValueError):
            continue
    comma = currency in decimal_comma_currencies()
    home = "de_DE" if comma else "en_US"
    if not readings:
        return None, True
    if len(readings) == 2 and len(set(readings.values())) == 1:
        return next(iter(readings.values())), False
    if len(readings) == 1:
        loc, val = next(iter(readings.items()))
        return (val, False) if loc == home or comma else (None, True)
    # Both locales read it, differently: only a dollar/pound-style convention settles it.
    return (readings["en_US"], False) if home == "en_US" else (None, True)


def _is_range(num: str) -> bool:
    return bool(re.search(r"\d\s?(?:-|–|to)\s?\d", num))


def extract(sentences: list[Sentence], text: str | None = None) -> list[dict]:
    amount_re, hint = _patterns()
    symbols, words, _, _ = _currencies()
    rows: list[dict] = []
    if text is not None:
        sentences = with_hits(sentences, hint, text)
    for sent in sentences:
        for m in amount_re.finditer(sent.text):
            if m.group("c"):
                rows.append(_row(sent, m, words[" ".join(m.group("w3").lower().split())], None, False))
                continue
            sym = m.group("sym")
            num = m.group("num") or m.group("num2")
            scale = (m.group("scale") or m.group("scale2") or "").lower()
            if m.group("b") and re.fullmatch(r"(19|20)\d\d", num):
                continue
            word = m.group("w1") or m.group("w2")
            currency = (symbols[sym] if sym else words[" ".join(word.lower().split())] if word
                        else m.group("code1") or m.group("code2"))
            if _is_range(num):
                rows.append(_row(sent, m, currency, None, False))
                continue
            value, ambiguous = read_number(num.replace("\u00a0", " ").replace("\u202f", " "), currency)
            if value is not None and scale:
                value *= SCALE[scale]
            rows.append(_row(sent, m, currency, value, ambiguous))
    return rows


def _row(sent: Sentence, m: re.Match[str], currency: str, value: float | None, ambiguous: bool) -> dict:
    return {"amount_text": m.group().strip(), "currency": currency, "value": value, "is_ambiguous": ambiguous,
            "evidence": sent.text, "start_offset": sent.start, "end_offset": sent.end}
