"""The rows cleaning hands to the pipeline; kept apart so every module can import them without cycles."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

KINDS = ("body", "title", "donation", "navigation", "caption", "comments", "other")


@dataclass(frozen=True)
class Block:
    kind: str  # "body" | "title" | "donation" | "navigation" | "caption" | "comments" | "other"
    start: int  # 0-based offset into raw_text
    end: int  # exclusive
    text: str  # raw_text[start:end]


@dataclass(frozen=True)
class Comment:
    comment_no: int  # 1..n within the document
    author: str | None
    text: str


@dataclass(frozen=True)
class CleanDoc:
    title: str | None
    publisher: str | None
    published_on: datetime.date | None
    clean_text: str
    blocks: list[Block] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # When published_on is None: the first day of the month a date line of the page names ("JULY 2020"). Not a
    # publication date; extraction may take the year from it for dates written without one ("March 26").
    date_hint: datetime.date | None = None
