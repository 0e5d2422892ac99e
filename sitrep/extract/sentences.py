"""Sentences and quotations with exact offsets into clean_text.

Quotations are found first and masked, so a sentence never ends inside a quotation: a multi-sentence quote
and its attribution ("...," the colonel told the radio.) stay one evidence span. Apostrophes ("Latvia‘s", "it’s",
"Iraqis’") are told apart from single quotation marks by what stands on either side of the mark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "maj", "capt", "cmdr", "adm", "sgt", "cpl",
    "pvt", "brig", "gov", "sen", "rep", "prof", "no", "vs", "etc", "inc", "corp", "co", "ltd", "u.s", "u.k",
    "u.n", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mt", "ft", "approx", "est", "dept", "univ", "a.m", "p.m",
}
MAX_QUOTE = 1500



@dataclass(frozen=True)
class Quote:
    start: int          # offset of the opening mark
    end: int            # offset just after the closing mark

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


DOUBLE_RE = re.compile(r'[“„«][^“”„«»"\n]{1,%d}[”»"]|"[^"\n]{1,%d}["”]' % (MAX_QUOTE, MAX_QUOTE))
# A single mark opens a quotation after a space or bracket and before a word; it closes after a non-space
# and before anything but a letter. "Latvia‘s" (letter before) and "it’s" (letters around) are neither.
SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[—–:-]))[‘'‚](?=[\w\[])", re.MULTILINE)
SINGLE_CLOSE_RE = re.compile(r"(?<=[^\s‘'])[’'](?!\w)")
# The same opening test with the mark first (the engine then skips straight to marks) and the look-behind
# done in Python: ~10x faster than SINGLE_OPEN_RE over text full of apostrophes.
SINGLE_MARK_RE = re.compile(r"[‘'‚](?=[\w\[])")
OPEN_AFTER = set("([—–:-")


def _opens(text: str, i: int) -> bool:
    return i == 0 or text[i - 1].isspace() or text[i - 1] in OPEN_AFTER


def _pair_single(text: str, lo: int, hi: int, taken: list[Quote]) -> list[Quote]:
    quotes: list[Quote] = []
    pos = lo
    for m in SINGLE_MARK_RE.finditer(text, lo, hi):
        i = m.start()
        if not _opens(text, i) or i < pos or any(q.start <= i < q.end for q in taken):
            continue
        c = SINGLE_CLOSE_RE.search(text, i + 2, min(hi, i + MAX_QUOTE))
        if c:
            quotes.append(Quote(i, c.end()))
            pos = c.end()
    return quotes


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines are paragraphs in these dumps (list items and crossheads stand on their own line)."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def find_quotes(text: str) -> list[Quote]:
    out: list[Quote] = []
    for lo, hi in paragraphs(text):
        dq = [Quote(m.start(), m.end()) for m in DOUBLE_RE.finditer(text, lo, hi)]
        out.extend(dq)
        out.extend(_pair_single(text, lo, hi, dq))
    out.sort(key=lambda q: q.start)
    return out


def mask_quotes(text: str, quotes: list[Quote]) -> str:
    """Same length as text, quotation interiors replaced by 'x' so no boundary is found inside them."""
    chars = list(text)
    for q in quotes:
        a, b = q.inner
        for k in range(a + 1, b):
            if chars[k] != "\n":
                chars[k] = "x"
    return "".join(chars)


_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")


def _is_abbreviation(masked: str, dot: int) -> bool:
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", masked[max(0, dot - 12):dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha() and masked[dot - 1].isupper()   # initials: "John Q. Public"


def with_hits(sentences: list[Sentence], pattern: re.Pattern[str], text: str) -> list[Sentence]:
    """The sentences holding a match of `pattern`, from one scan of the whole text (cheaper than one scan per
    sentence when most sentences have none)."""
    hits = [m.start() for m in pattern.finditer(text)]
    out, i = [], 0
    for s in sentences:
        while i < len(hits) and hits[i] < s.start:
            i += 1
        if i < len(hits) and hits[i] < s.end:
            out.append(s)
    return out


def split_sentences(text: str, masked: str) -> list[Sentence]:
    """Sentence spans trimmed of surrounding blanks and bullets; boundaries read on the masked text."""
    out: list[Sentence] = []
    for pno, (lo, hi) in enumerate(paragraphs(masked)):
        cuts = [lo]
        for m in _BOUNDARY.finditer(masked, lo, hi):
            if masked[m.start()] == "." and _is_abbreviation(masked, m.start()):
                continue
            cuts.append(m.end())
        cuts.append(hi)
        for a, b in zip(cuts, cuts[1:]):
            seg = text[a:b]
            lead = len(seg) - len(seg.lstrip(" \t•·*-–—\u00a0"))
            trail = len(seg) - len(seg.rstrip(" \t\u00a0;"))
            s, e = a + lead, b - trail
            if e > s:
                out.append(Sentence(s, e, text[s:e], pno))
    return out
