"""Small hand-made warehouses for data-quality tests: documents whose facts point at their own sentences, so the
evidence checks pass and each test sees only the trouble it planted."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sitrep import warehouse

FILLER = ("The ministry gave no further details about the move, and officials declined to say how long it would "
          "take or how many people it would involve in the coming weeks. ")


class Doc:
    """One document: `fact` appends a sentence to the clean text and records a fact row pointing at it."""

    def __init__(self, name: str, published_on: dt.date | None = None, filler: bool = True):
        self.name = name
        self.doc_id = hashlib.sha256(name.encode()).hexdigest()[:16]
        self.published_on = published_on
        self.text = FILLER * 2 if filler else ""
        self.facts: dict[str, list[dict]] = {"troops": [], "bases": [], "statements": [], "amounts": []}

    def fact(self, table: str, sentence: str, **fields) -> Doc:
        start = len(self.text)
        self.text += sentence + " "
        rows = self.facts[table]
        rows.append({"doc_id": self.doc_id, "mention_no": len(rows) + 1, **fields, "evidence": sentence,
                     "start_offset": start, "end_offset": start + len(sentence)})
        return self

    def troops(self, actor: str, count: int | None, location: str | None, action: str = "present",
               count_text: str | None = None, event_date: dt.date | None = None) -> Doc:
        written = count_text or (f"{count:,}" if count else "some")
        return self.fact("troops", f"There are {written} {actor} troops in {location}.", actor=actor,
                         actor_text=actor, troop_count=count, count_text=written,
                         count_kind="exact" if count else "vague", action=action, location=location,
                         event_date=event_date)

    def handover(self, base: str, when: dt.date | None, base_text: str | None = None) -> Doc:
        return self.fact("bases", f"The coalition handed over {base_text or base} on {when}.", base=base,
                         base_text=base_text or base, event="handover", from_party="COALITION", to_party="IRQ",
                         event_date=when)

    def amount(self, amount_text: str, value: float | None, ambiguous: bool) -> Doc:
        return self.fact("amounts", f"The base hosted {amount_text} of coalition equipment.",
                         amount_text=amount_text, currency="USD", value=value, is_ambiguous=ambiguous)

    def statement(self, quote: str, speaker: str | None) -> Doc:
        return self.fact("statements", f"\u201c{quote},\u201d {speaker or 'an official'} said.", speaker=speaker,
                         quote=quote, quote_kind="direct")

    def rows(self) -> dict[str, list[dict]]:
        raw = "Home | News | Donate\n" + self.text
        return {
            "documents": [{"doc_id": self.doc_id, "source_file": self.name, "title": f"About {self.name}",
                           "published_on": self.published_on, "raw_text": raw, "clean_text": self.text,
                           "ingested_at": dt.datetime.now(), "encoding": "utf-8", "byte_size": len(raw)}],
            "removed_blocks": [{"doc_id": self.doc_id, "block_no": 1, "kind": "navigation", "start_offset": 0,
                                "end_offset": 20, "text": raw[:20]}],
            **self.facts,
        }


def load(db: Path, docs: list[Doc]) -> None:
    """Create the schema and load the documents in one batch, through the real bulk path."""
    warehouse.ensure_schema(db)
    batch: dict[str, list[dict]] = {}
    for doc in docs:
        for table, rows in doc.rows().items():
            batch.setdefault(table, []).extend(rows)
    warehouse.load_batch(db, batch, [])
