"""Money amounts. The number is read with Babel's strict parser under an English and a German locale:
when the readings disagree (or only the foreign one works, "$2,5 million") and the currency's own convention
does not settle it, the amount is ambiguous and its value stays NULL rather than a guess."""
from __future__ import annotations

import functools
import re

from babel.numbers import NumberFormatError, parse_decimal

from .sentences import Sentence, with_hits

SYMBOLS = {"US$": "USD", "U.S.$": "USD", "$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
           "NZ$": "NZD", "€": "EUR", "£": "GBP", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "CHF": "CHF"}
WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
         "pounds sterling": "GBP", "francs": "CHF"}
# Currencies whose home convention writes a decimal comma: a comma there is read the German way.
DECIMAL_COMMA = {"EUR"}
SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
         "b": 1e9, "trillion": 1e12, "tn": 1e12}
_SYM = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
_SCALE = r"(?:thousand|million|billion|trillion|mn|mln|bn|tn|[mbk])\b"
_NUM = r"\d[\d.,\u00a0\u202f]*\d|\d"
AMOUNT_RE = re.compile(
    rf"(?P<a>(?P<sym>{_SYM})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?(?:\s+(?P<w1>{_WORD})\b)?)"
    rf"|(?P<b>\b(?P<num2>{_NUM})(?:\s?(?P<scale2>{_SCALE}))?\s+(?:(?P<w2>{_WORD})|(?P<code2>USD|EUR|GBP)\b))"
    rf"|(?P<c>\b(?:tens\s+of\s+|hundreds\s+of\s+)?(?:billions|millions|trillions)\s+of\s+(?P<w3>{_WORD})\b)")

HINT = re.compile(rf"{_SYM}|dollar|euro|pound|illions of")


@functools.lru_cache(maxsize=4096)
def read_number(num: str, currency: str) -> tuple[float | None, bool]:
    """(value, ambiguous) for the digits as written, under the currency's convention."""
    readings = {}
    for loc in ("en_US", "de_DE"):
        try:
            readings[loc] = float(parse_decimal(num, locale=loc, strict=True))
        except (NumberFormatError, ValueError):
            continue
    home = "de_DE" if currency in DECIMAL_COMMA else "en_US"
    if not readings:
        return None, True
    if len(readings) == 2 and len(set(readings.values())) == 1:
        return next(iter(readings.values())), False
    if len(readings) == 1:
        loc, val = next(iter(readings.items()))
        return (val, False) if loc == home or currency in DECIMAL_COMMA else (None, True)
    # Both locales read it, differently: only a dollar/pound-style convention settles it.
    return (readings["en_US"], False) if home == "en_US" else (None, True)


def extract(sentences: list[Sentence], text: str | None = None) -> list[dict]:
    rows: list[dict] = []
    if text is not None:
        sentences = with_hits(sentences, HINT, text)
    for sent in sentences:
        if not HINT.search(sent.text):
            continue
        for m in AMOUNT_RE.finditer(sent.text):
            if m.group("c"):
                rows.append(_row(sent, m, WORDS[m.group("w3").lower()], None, False))
                continue
            sym = m.group("sym")
            num = m.group("num") or m.group("num2")
            scale = (m.group("scale") or m.group("scale2") or "").lower()
            if m.group("b") and re.fullmatch(r"(19|20)\d\d", num):
                continue
            word = m.group("w1") or m.group("w2")
            currency = SYMBOLS[sym] if sym else WORDS[word.lower()] if word else m.group("code2")
            value, ambiguous = read_number(num.replace("\u00a0", " ").replace("\u202f", " "), currency)
            if value is not None and scale:
                value *= SCALE[scale]
            rows.append(_row(sent, m, currency, value, ambiguous))
    return rows


def _row(sent: Sentence, m: re.Match[str], currency: str, value: float | None, ambiguous: bool) -> dict:
    return {"amount_text": m.group().strip(), "currency": currency, "value": value, "is_ambiguous": ambiguous,
            "evidence": sent.text, "start_offset": sent.start, "end_offset": sent.end}
