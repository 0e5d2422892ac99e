"""Shape features of one line: the general evidence the classifier weighs.

Body text is prose: long, many function words (jusText's stopword density), ends in sentence punctuation
(C4 / Gopher line rules). Boilerplate is short, capitalised like a menu, link- or number-heavy, or a payment
string. None of these alone decides; classify.py combines them with position and context.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

# Invisible format characters: zero-width spaces and joiners, word joiner, invisible separators and operators,
# direction marks, soft hyphen, BOM.
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e]")
_UNICODE_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ODD_SPACE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b\w[\w.-]*\.(?:com|org|net|ru|de|io|info|uk|fr|pl)\b/?\S*",
                  re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Crypto payment addresses: bech32/legacy bitcoin, cashaddr, ethereum, tron. Long mixed-case-and-digit runs.
_WALLET = re.compile(r"\b(?:0x[0-9a-fA-F]{40}|(?:bc1|[13])[a-km-zA-HJ-NP-Z1-9]{25,62}|q[02-9ac-hj-np-z]{38,60}|"
                     r"T[1-9A-HJ-NP-Za-km-z]{33})\b")
_CURRENCY_ONLY = re.compile(r"^(?:[$€£¥₽]\s*)?\d[\d,.\s]*(?:\s*[$€£¥₽]|\s*(?:usd|eur|gbp|rub))?$", re.IGNORECASE)
_HAS_CURRENCY = re.compile(r"[$€£¥₽]|\b(?:usd|eur|gbp)\b", re.IGNORECASE)
_BULLET_CHARS = "•·▪◦●○■□►▶‣⁃–—-*+"
_BULLET = re.compile(r"^[•·▪◦●○■□►▶‣⁃–—\-*+]\s*")
_TERMINAL = set(".!?…:;。！？")
CLOSERS = "\"'”’»)]"  # quotes and brackets that may follow a sentence's final stop
# Two words glued where a menu's links met without a space: "OpinionMiddle", "EastWar".
_GLUED = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ][a-zà-ÿ]")


def normalise(text: str) -> str:
    """Text for feature extraction: zero-width characters gone, any Unicode space a plain space."""
    if text.isascii() or not _ODD_SPACE.search(text):
        return text
    return _UNICODE_SPACE.sub(" ", _ZERO_WIDTH.sub("", text))


class Features(NamedTuple):
    """Shape features of one line. A named tuple: built for every line of every page, it must be cheap."""

    text: str  # normalised line text
    n_chars: int
    words: tuple[str, ...]  # lower-cased word tokens
    n_words: int
    terminal: bool  # ends in sentence punctuation (closing quotes/brackets ignored)
    cap_ratio: float  # share of words starting with a capital letter
    digit_ratio: float  # ASCII digits among non-space characters
    alpha_ratio: float  # letters among non-space characters
    url_chars: int  # characters inside URLs and e-mail addresses
    has_wallet: bool
    currency_only: bool  # a number with a currency sign and nothing else ("2,500 $")
    bullet: bool
    glued: int  # count of lowerUpper joints: menus glued together
    name_like: bool  # could be a person's name or handle: 1-4 short tokens, no sentence punctuation
    stop_ratio: float = 0.0  # share of words that are function words of the document's language


_JOINERS = "'’.-"  # inner characters of a word token that are not letters ("O'Brien", "U.S.", "al-Assad")
_NAME_PUNCT = re.compile(r"[,:;?!]")
# Only a line holding one of these can hold a URL or an e-mail address (the full patterns are slower).
_URL_HINT = re.compile(r"(?:www|WWW)\.|\.(?:com|org|net|ru|de|io|info|uk|fr|pl)\b", re.IGNORECASE)
# Shapes of short lines, which repeat across the pages of a site (menus, share buttons, footers): computed once.
_SHAPES: dict[str, tuple] = {}
_SHAPE_CACHE_LINE = 80
_SHAPE_CACHE_SIZE = 50_000


def features(raw_line: str, stop: frozenset[str]) -> Features:
    """Features of one line, function words counted against `stop` (the document language's list)."""
    shape = line_shape(raw_line)
    words = shape[2]
    ratio = sum(map(stop.__contains__, words)) / len(words) if words and stop else 0.0
    return with_stop_ratio(shape, ratio)


def with_stop_ratio(shape: Features, ratio: float) -> Features:
    return tuple.__new__(Features, shape[:-1] + (ratio,))


def line_shape(raw_line: str) -> Features:
    """Features of one line that do not depend on the document's language (stop_ratio left at 0)."""
    shape = _SHAPES.get(raw_line)
    if shape is None:
        shape = _shape(raw_line)
        if len(raw_line) <= _SHAPE_CACHE_LINE:
            if len(_SHAPES) >= _SHAPE_CACHE_SIZE:
                _SHAPES.clear()
            _SHAPES[raw_line] = shape
    return shape


def _shape(raw_line: str) -> Features:
    text = normalise(raw_line).strip()
    bullet = len(text) > 1 and text[0] in _BULLET_CHARS and bool(_BULLET.match(text))
    core = _BULLET.sub("", text) if bullet else text
    tokens = _WORD.findall(core)
    n_chars = len(core)
    n_words = len(tokens)
    # Letters and digits all sit inside word tokens, so counting over the joined tokens counts them in core.
    joined = " ".join(tokens)
    words = tuple(joined.lower().split(" ")) if tokens else ()
    if len(words) != n_words:  # lower-casing made a space-like character (never seen): keep them aligned
        words = tuple(t.lower() for t in tokens)
    digits = len(_DIGIT.findall(joined)) if not joined.isalpha() else 0
    alpha = len(joined) - n_words + 1 - digits - sum(map(joined.count, _JOINERS)) if tokens else 0
    stripped = core.rstrip(CLOSERS)
    terminal = bool(stripped) and stripped[-1] in _TERMINAL
    caps = sum(map(str.isupper, [t[0] for t in tokens]))
    n_ns = (n_chars - core.count(" ")) or 1
    url_chars = 0
    if "." in core and ("://" in core or "@" in core or _URL_HINT.search(core)):
        url_chars = sum(map(len, _URL.findall(core)))
        if "@" in core:
            url_chars += sum(map(len, _EMAIL.findall(core)))
    name_like = (
        1 <= n_words <= 5
        and n_chars <= 40
        and (not terminal or (n_words > 1 and len(tokens[-1]) == 1 and core.endswith(".")))  # "Kevin D."
        and url_chars == 0
        and not _NAME_PUNCT.search(core)
    )
    # Glued menu words matter only on a line that could be a menu or a headline, never on one ending a sentence
    # with a full stop (and the scan is one of the dearer steps on long prose lines).
    glued = len(_GLUED.findall(core)) if n_chars > 2 and not core.endswith(".") else 0
    return tuple.__new__(Features, (
        core,
        n_chars,
        words,
        n_words,
        terminal,
        caps / n_words if n_words else 0.0,
        digits / n_ns,
        alpha / n_ns,
        url_chars,
        digits >= 5 and bool(_WALLET.search(core)),
        digits > 0 and bool(_CURRENCY_ONLY.match(core)) and bool(_HAS_CURRENCY.search(core)),
        bullet,
        glued,
        name_like,
        0.0,
    ))


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
    return guess_language_from_words([w for t in sample for w in _WORD.findall(t.lower())], index)


def guess_language_from_words(tokens: list[str], index: dict[str, tuple[str, ...]]) -> tuple[str | None, float]:
    """guess_language() over lower-cased word tokens already split (the first ~10,000 characters' worth)."""
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
