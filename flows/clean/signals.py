"""Shape features of one line: the general evidence the classifier weighs.

Body text is prose: long, many function words (jusText's stopword density), ends in sentence punctuation
(C4 / Gopher line rules). Boilerplate is short, capitalised like a menu, link- or number-heavy, or a payment
string. None of these alone decides; classify.py combines them with position and context.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_UNICODE_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_NON_ALPHA = re.compile(r"[\W\d_]+")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b\w[\w.-]*\.(?:com|org|net|ru|de|io|info|uk|fr|pl)\b/?\S*",
                  re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Crypto payment addresses: bech32/legacy bitcoin, cashaddr, ethereum. Long mixed-case-and-digit runs.
_WALLET = re.compile(r"\b(?:0x[0-9a-fA-F]{40}|(?:bc1|[13])[a-km-zA-HJ-NP-Z1-9]{25,62}|q[02-9ac-hj-np-z]{38,60})\b")
_CURRENCY_ONLY = re.compile(r"^(?:[$€£¥₽]\s*)?\d[\d,.\s]*(?:\s*[$€£¥₽]|\s*(?:usd|eur|gbp|rub))?$", re.IGNORECASE)
_HAS_CURRENCY = re.compile(r"[$€£¥₽]|\b(?:usd|eur|gbp)\b", re.IGNORECASE)
_BULLET = re.compile(r"^[•·▪◦●○■□►▶‣⁃–—\-*+]\s*")
_TERMINAL = set(".!?…:;。！？")
_CLOSERS = "\"'”’»)]"
# Two words glued where a menu's links met without a space: "OpinionMiddle", "EastWar".
_GLUED = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ][a-zà-ÿ]")


def normalise(text: str) -> str:
    """Text for feature extraction: zero-width characters gone, any Unicode space a plain space."""
    if text.isascii():
        return text
    return _UNICODE_SPACE.sub(" ", _ZERO_WIDTH.sub("", text))


@dataclass(frozen=True)
class Features:
    text: str  # normalised line text
    n_chars: int
    words: tuple[str, ...]  # lower-cased word tokens
    n_words: int
    stop_ratio: float  # share of words that are function words of the document's language
    terminal: bool  # ends in sentence punctuation (closing quotes/brackets ignored)
    cap_ratio: float  # share of words starting with a capital letter
    digit_ratio: float  # digits among non-space characters
    alpha_ratio: float  # letters among non-space characters
    url_chars: int  # characters inside URLs and e-mail addresses
    has_wallet: bool
    currency_only: bool  # a number with a currency sign and nothing else ("2,500 $")
    bullet: bool
    glued: int  # count of lowerUpper joints: menus glued together
    name_like: bool  # could be a person's name or handle: 1-4 short tokens, no sentence punctuation


def features(raw_line: str, stop: frozenset[str]) -> Features:
    text = normalise(raw_line).strip()
    bullet = bool(_BULLET.match(text)) and len(text) > 1
    core = _BULLET.sub("", text) if bullet else text
    tokens = _WORD.findall(core)
    words = tuple(_WORD.findall(core.lower())) if not core.isascii() else tuple(t.lower() for t in tokens)
    if len(words) != len(tokens):  # lower-casing changed the tokenisation (rare scripts): keep them aligned
        words = tuple(t.lower() for t in tokens)
    n_words = len(words)
    n_stop = sum(map(stop.__contains__, words))
    stripped = core.rstrip(_CLOSERS)
    terminal = bool(stripped) and stripped[-1] in _TERMINAL
    caps = sum(1 for t in tokens if t[0].isupper())
    n_ns = (len(core) - core.count(" ")) or 1
    digits = len(_DIGIT.findall(core))
    alpha = len(core) - sum(map(len, _NON_ALPHA.findall(core)))
    url_chars = 0
    if "." in core:
        url_chars = sum(len(m) for m in _URL.findall(core))
        if "@" in core:
            url_chars += sum(len(m) for m in _EMAIL.findall(core))
    initial_end = len(tokens) > 1 and len(tokens[-1]) == 1 and core.endswith(".")  # "Kevin D."
    name_like = (
        1 <= n_words <= 5
        and len(core) <= 40
        and (not terminal or initial_end)
        and not any(ch in core for ch in ",:;?!")
        and url_chars == 0
    )
    return Features(
        text=core,
        n_chars=len(core),
        words=words,
        n_words=n_words,
        stop_ratio=n_stop / n_words if n_words else 0.0,
        terminal=terminal,
        cap_ratio=caps / n_words if n_words else 0.0,
        digit_ratio=digits / n_ns,
        alpha_ratio=alpha / n_ns,
        url_chars=url_chars,
        has_wallet=digits >= 5 and bool(_WALLET.search(core)),
        currency_only=bool(_CURRENCY_ONLY.match(core)) and bool(_HAS_CURRENCY.search(core)),
        bullet=bullet,
        glued=len(_GLUED.findall(core)),
        name_like=name_like,
    )


def guess_language(texts: list[str], index: dict[str, tuple[str, ...]]) -> tuple[str | None, float]:
    """The language whose function words cover most tokens, and that coverage; None when nothing fits.

    A sample of the first ~10,000 characters is enough: function words are the most frequent words of any
    text. `index` maps a function word to the languages that use it (lexicon.stopword_index()).
    """
    sample: list[str] = []
    size = 0
    for t in texts:
        sample.append(t)
        size += len(t)
        if size > 10_000:
            break
    tokens = _WORD.findall(" ".join(sample).lower())
    if not tokens:
        return None, 0.0
    hits: dict[str, int] = {}
    for w, c in Counter(tokens).items():
        for lang in index.get(w, ()):
            hits[lang] = hits.get(lang, 0) + c
    if not hits:
        return None, 0.0
    best = max(hits, key=hits.__getitem__)
    share = hits[best] / len(tokens)
    return (best, share) if share >= 0.12 else (None, share)
