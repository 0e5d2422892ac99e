"""Dates stated in a sentence, resolved to datetime.date.

A day without a year ("March 26") takes the year that puts it nearest the document date, or failing that
the nearest year written earlier in the text; a weekday ("on Tuesday") is resolved only when a reference date exists,
because guessing the week would invent a fact.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DATE_RE = re.compile(      # the look-ahead (every date opens with a capital, a digit, 'y' or 't') speeds the scan
    rf"(?=[JFMASONDTWyt0-9])\b(?:(?P<m1>{MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTHS})(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
    rf"|(?P<wd>{'|'.join(WEEKDAYS)})|(?P<rel>yesterday|today))\b")
# "said on Wednesday", "told reporters Friday": the day of the speaking, not of the event reported
SPEECH_BEFORE = re.compile(r"\b(?:said|says|told(?:\s+\w+){0,2}|added|stated)\s+(?:on\s+|late\s+|early\s+)?$")
YEAR_RE = re.compile(r"(?=[12])\b(?:19|20)\d\d\b")
MONTH_NO = {m[:3].lower(): i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July",
                                                    "August", "September", "October", "November", "December"], 1)}


@functools.lru_cache(maxsize=4096)
def _parse_full(day: str, month: str, year: str) -> dt.date | None:
    """Calendar arithmetic on parts the regex already isolated; dateparser's free-text search costs ~10 ms a
    call, which alone would cap the stage below its throughput target."""
    try:
        return dt.date(int(year), MONTH_NO[month[:3].lower()], int(day))
    except (KeyError, ValueError):
        return None


class DateResolver:
    """Holds the document context (reference date, years written) that resolving a partial date needs."""

    def __init__(self, text: str, published_on: dt.date | None):
        self.published_on = published_on
        self.text = text
        self.years = [(m.start(), int(m.group())) for m in YEAR_RE.finditer(text)]
        self._spans: list[tuple[int, int, re.Match[str]]] | None = None     # every date written, found once

    def _context_year(self, offset: int) -> int | None:
        if self.published_on:
            return self.published_on.year
        before = [y for pos, y in self.years if pos <= offset]
        if before:
            return before[-1]
        return self.years[0][1] if self.years else None

    def resolve(self, m: re.Match[str], offset: int) -> dt.date | None:
        g = m.groupdict()
        if g["wd"] or g["rel"]:
            ref = self.published_on
            if ref is None:
                return None
            if g["rel"]:
                return ref - dt.timedelta(days=1 if g["rel"] == "yesterday" else 0)
            back = (ref.weekday() - WEEKDAYS.index(g["wd"])) % 7
            return ref - dt.timedelta(days=back)
        day, month, year = (g["d1"], g["m1"], g["y1"]) if g["m1"] else (g["d2"], g["m2"], g["y2"])
        explicit = year is not None
        if not explicit:
            y = self._context_year(offset)
            if y is None:
                return None
            year = str(y)
        if explicit or not self.published_on:
            return _parse_full(day, month.rstrip("."), year)
        # news reports the recent past and the near future: take the year nearest the document date
        ref = self.published_on
        cands = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _parse_full(day, month.rstrip("."), str(y)))]
        return min(cands, key=lambda d: abs((d - ref).days)) if cands else None

    def event_dates(self, text: str, offset: int) -> list[tuple[int, int, dt.date]]:
        """dates_in without the dates of the speaking ('..., the spokesman said on Wednesday')."""
        return [d for d in self.dates_in(text, offset) if not SPEECH_BEFORE.search(text, max(0, d[0] - 40), d[0])]

    def dates_in(self, text: str, offset: int) -> list[tuple[int, int, dt.date]]:
        """(start, end, date) relative to `text`, whose first character sits at `offset` in the document."""
        if self.text.startswith(text, offset):          # a stretch of the document: read off the one scan
            if self._spans is None:
                self._spans = [(m.start(), m.end(), m) for m in DATE_RE.finditer(self.text)]
            i = bisect.bisect_left(self._spans, (offset,))
            out = []
            end = offset + len(text)
            for s, e, m in self._spans[i:]:
                if s >= end:
                    break
                if e <= end and (d := self.resolve(m, s)):
                    out.append((s - offset, e - offset, d))
            return out
        out = []
        for m in DATE_RE.finditer(text):
            d = self.resolve(m, offset + m.start())
            if d:
                out.append((m.start(), m.end(), d))
        return out
