"""Extraction stage: clean article text in, fact rows out (troops, bases, statements, amounts).

Every row carries its evidence sentence and that sentence's exact offsets into clean_text. What needs grammar is
read off spaCy's dependency parse of the sentences that can carry a fact (sitrep.extract.parse): troop counts,
actions, places and owners; who said a quotation; what happened at a base. What needs none stays a scan over the
gazetteers (sitrep/gazetteers/): quotation marks, base names, dates, money amounts. See the module docstrings for
the reasoning behind each extractor.
"""
from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from . import amounts as _amounts
from . import bases as _bases
from . import statements as _statements
from . import troops as _troops
from .context import DocContext
from .context import build as _build_context
from .dates import DateResolver
from .gazetteer import load as _load_gazetteer
from .parse import parse as _parse
from .sentences import Quote, Sentence, find_quotes, mask_quotes, split_sentences

__all__ = ["Facts", "extract_facts"]


# Parsing is what costs (about 30 ms a sentence here); a page of a million dense words would hold a batch for
# hours. Past this many seconds a document keeps the facts of the sentences parsed so far and is flagged
# (documents.extraction_cut_short): a dense 2 MiB page, the largest read by default, needs about a minute.
BUDGET_SECONDS = 120.0


@dataclass
class Facts:
    troops: list[dict] = field(default_factory=list)
    bases: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)
    amounts: list[dict] = field(default_factory=list)
    cut_short: bool = False  # the time budget ran out before every candidate sentence was parsed


def _number(rows: list[dict]) -> list[dict]:
    out = []
    for i, r in enumerate(rows, 1):
        clean = {k: v for k, v in r.items() if not k.startswith("_")}
        out.append({"mention_no": i, **clean})
    return out


def _attach_base_counts(troops: list[dict], bases: list[dict]) -> None:
    """A troop count read at a base ('800 troops were located in the airbase') belongs to that base's row."""
    for t in troops:
        if t.get("_base") and t.get("troop_count") is not None:
            for b in bases:
                if b["base"] == t["_base"] and b["troop_count"] is None:
                    b["troop_count"] = t["troop_count"]
                    break


def candidates(text: str, sentences: list[Sentence], quotes: list[Quote], ctx: DocContext) -> list[Sentence]:
    """The sentences any extractor reads off the parse (each parsed once, shared by all)."""
    chosen = {s.start: s for s in _troops.candidates(sentences, text)}
    chosen.update({s.start: s for s in _statements.candidates(text, sentences, quotes)})
    chosen.update({s.start: s for s in _bases.candidates(sentences, ctx)})
    return sorted(chosen.values(), key=lambda s: s.start)


def extract_facts(clean_text: str, published_on: datetime.date | None = None, title: str | None = None,
                  budget_seconds: float | None = BUDGET_SECONDS) -> Facts:
    """All facts of one article. The title is no evidence, but it tells whose forces the article is about.
    `budget_seconds` bounds the parsing (None: no bound); what needs no parse (amounts) is always read whole."""
    deadline = None if budget_seconds is None else time.monotonic() + budget_seconds
    gaz = _load_gazetteer()
    text = clean_text or ""
    quotes = find_quotes(text)
    sentences = split_sentences(text, mask_quotes(text, quotes))
    ctx = _build_context(text, gaz, _bases.find_mentions(text))
    dates = DateResolver(text, published_on)
    parsed, cut_short = _parse(candidates(text, sentences, quotes, ctx), deadline=deadline)
    troops = _troops.extract(sentences, ctx, dates, parsed, title)
    bases = _bases.extract(sentences, ctx, dates, parsed)
    _attach_base_counts(troops, bases)
    statements = _statements.extract(text, sentences, quotes, ctx, dates, parsed)
    amounts = _amounts.extract(sentences, text)
    return Facts(_number(troops), _number(bases), _number(statements), _number(amounts), cut_short)
