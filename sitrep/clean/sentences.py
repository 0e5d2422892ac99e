"""Take furniture out of body lines of several sentences, sentence by sentence.

Some dumps run a whole article into one line, its pictures' captions and the wire's end mark included ("... on
Monday. FILE – Soldiers march past the barracks, May 3, 2017. The ministry said ..."). Line rules cannot remove
part of a line, so a long body line is split into sentences and each is judged alone by the same cues: a caption
or credit (captions.py), a sentence speaking to the reader with a call to act (address.py), a furniture phrase of
the lexicon. What is left stays one paragraph of the body. Offsets stay exact: every piece is a span of the line.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from . import address, captions
from .blocks import Line
from .classify import LEXICON_TO_KIND
from .lexicon import Lexicon
from .settings import DEFAULTS, CleanSettings
from .signals import line_shape

# A sentence ends at a stop (and any closing quote or bracket) after a lower-case letter or digit, where the next
# sentence opens with a capital or a quote, with or without the space a dump may have lost ("2019.The army").
_END = re.compile(r"(?<=[a-z0-9%])[.!?]+[”\"’)]*(?=\s*[A-Z“\"‘(])")
_TOKEN = re.compile(r"[\w'’]+")
# The lexicon's kinds that a sentence of a paragraph can have (a thread marker, a donation line, a profile header
# inside a paragraph are not those); removed as LEXICON_TO_KIND says.
_SENTENCE_LEXICON = frozenset({"navigation", "other", "endmatter", "caption", "related", "appeal"})


def spans(text: str) -> list[tuple[int, int]]:
    """The sentences of text as (start, end) offsets, trimmed of surrounding spaces, together covering its
    non-space characters."""
    out, start = [], 0
    for m in _END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    trimmed = []
    for a, b in out:
        piece = text[a:b]
        a += len(piece) - len(piece.lstrip())
        b -= len(piece) - len(piece.rstrip())
        if a < b:
            trimmed.append((a, b))
    return trimmed


def sentence_kind(text: str, lexicon: Lexicon, lang: str | None, s: CleanSettings = DEFAULTS,
                  edge: bool = True) -> str | None:
    """The removed kind of one sentence of a body line, or None when it is the article's. edge: the line's first or
    last sentence, where a furniture phrase ("Enditem", "Advertisement") is glued; inside, only captions and calls
    to the reader are looked for."""
    n_words = len(text.split())
    c = captions.cues()
    if captions.opens_caption(text, c) or (n_words <= s.credited_caption_words and captions.has_credit(text, c, s)):
        return "caption"
    if edge and n_words <= s.sentence_furniture_words:
        found = lexicon.lookup(text, n_words)
        if found in _SENTENCE_LEXICON:
            return LEXICON_TO_KIND.get(found, found)
    words = address.words(lang) if lang else None
    if words and n_words <= s.address_max_words and words.you & set(_TOKEN.findall(text.lower())):
        if all(address.speaks_to_reader(line_shape(text), words)):
            return "other"
    return None


def split_furniture(lines: Sequence[Line], kinds: Sequence[str], n_words: Sequence[int], lexicon: Lexicon,
                    lang: str | None, s: CleanSettings = DEFAULTS) -> dict[int, list[tuple[str, int, int]]]:
    """For each long body line holding furniture: its pieces as (kind, start, end) raw offsets, in order, the
    article's consecutive sentences merged into one body piece."""
    out: dict[int, list[tuple[str, int, int]]] = {}
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        if kind != "body" or n_words[i] <= s.sentence_split_words:
            continue
        pieces: list[tuple[str, int, int]] = []
        parts = spans(line.text)
        if len(parts) < 2:
            continue
        for n, (a, b) in enumerate(parts):
            k = sentence_kind(line.text[a:b], lexicon, lang, s, edge=n in (0, len(parts) - 1)) or "body"
            if pieces and pieces[-1][0] == k == "body":
                pieces[-1] = ("body", pieces[-1][1], line.start + b)
            else:
                pieces.append((k, line.start + a, line.start + b))
        if any(k != "body" for k, _, _ in pieces):
            out[i] = pieces
    return out
