"""Split raw text into lines with exact offsets.

A line is the unit of classification: the text dumps this project reads put every HTML block element on its
own line, so a line is the finest grain at which boilerplate and body differ. Offsets are kept into the raw,
unrepaired text so removed blocks can be located exactly, and every non-whitespace character ends up in
exactly one line (the "nothing lost" guarantee rests on this module alone).
"""
from __future__ import annotations

import re
from typing import NamedTuple

_TAB_WIDTH = 4
# A page's metadata printed ahead of its text on the first line (" date 2021-12-09 The headline ..."): a key and an
# ISO date. It is a line of its own, so the date is read as the page's and the headline stays a headline.
_META_PREFIX = re.compile(r"(?:date|published|updated):?\s+(?:19|20)\d\d-\d\d(?:-\d\d)?(?=\s)", re.IGNORECASE)


class Line(NamedTuple):
    start: int  # offset of the first non-whitespace character
    end: int  # offset after the last non-whitespace character
    text: str  # raw_text[start:end]
    indent: int  # leading whitespace width (tabs count as 4): comment widgets nest replies by indentation
    blank_before: int  # blank lines between this line and the previous non-blank one


def split_lines(raw_text: str) -> list[Line]:
    """Non-blank lines of raw_text, stripped of surrounding whitespace, in order.

    str.splitlines breaks on CRLF as one break and on every other Unicode line boundary, so offsets are
    recovered by summing the pieces (with their line ends) back up.
    """
    lines: list[Line] = []
    pos = 0
    blanks = 0
    for piece in raw_text.splitlines(keepends=True):
        stripped = piece.lstrip()
        if stripped:
            body = stripped.rstrip()
            start = pos + len(piece) - len(stripped)
            lead = piece[: len(piece) - len(stripped)]
            indent = len(lead) + (_TAB_WIDTH - 1) * lead.count("\t")
            meta = _META_PREFIX.match(body) if not lines else None
            if meta and body[meta.end():].strip():
                rest = len(body) - len(body[meta.end():].lstrip())
                lines.append(Line(start, start + meta.end(), body[: meta.end()], indent, blanks))
                start, body, indent, blanks = start + rest, body[rest:], 0, 0
            lines.append(Line(start, start + len(body), body, indent, blanks))
            blanks = 0
        else:
            blanks += 1
        pos += len(piece)
    return lines
