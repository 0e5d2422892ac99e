"""Shaping one document's stage outputs into warehouse rows (pure: no I/O)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.contract import FACT_TABLES
from sitrep.ingest import RawDocument

if TYPE_CHECKING:  # annotations only: the flow's process loads no cleaner or parser unless it has documents to read
    from sitrep.clean import CleanDoc
    from sitrep.extract import Facts


@dataclass(frozen=True)
class CleanedDocument:
    raw: RawDocument
    clean: CleanDoc


@dataclass(frozen=True)
class ExtractedDocument:
    raw: RawDocument
    clean: CleanDoc
    facts: Facts


def document_rows(doc: ExtractedDocument, ingested_at: dt.datetime) -> dict[str, list[dict]]:
    """All rows one document contributes, keyed by table name."""
    raw, clean, facts = doc.raw, doc.clean, doc.facts
    removed = [b for b in clean.blocks if b.kind != "body"]
    rows: dict[str, list[dict]] = {
        "documents": [
            {
                "doc_id": raw.doc_id,
                "source_file": raw.source_file,
                "title": clean.title,
                "publisher": clean.publisher,
                "published_on": clean.published_on,
                "raw_text": raw.raw_text,
                "clean_text": clean.clean_text,
                "ingested_at": ingested_at,
                "encoding": raw.encoding,
                "byte_size": raw.byte_size,
                "clean_notes": "; ".join(clean.notes) or None,
                "extraction_cut_short": facts.cut_short,
            }
        ],
        "removed_blocks": [
            {"doc_id": raw.doc_id, "block_no": i, "kind": b.kind, "start_offset": b.start, "end_offset": b.end,
             "text": b.text}
            for i, b in enumerate(removed, start=1)
        ],
        "comments": [
            {"doc_id": raw.doc_id, "comment_no": c.comment_no, "author": c.author, "text": c.text}
            for c in clean.comments
        ],
    }
    for table in FACT_TABLES:
        rows[table] = [{"doc_id": raw.doc_id, **fact} for fact in getattr(facts, table)]
    return rows


def source_file_row(raw: RawDocument, loaded_at: dt.datetime) -> dict:
    return {
        "path": raw.path,
        "source_file": raw.source_file,
        "doc_id": raw.doc_id,
        "byte_size": raw.byte_size,
        "mtime_ns": raw.mtime_ns,
        "loaded_at": loaded_at,
    }


def merge(batches: list[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {}
    for rows in batches:
        for table, table_rows in rows.items():
            merged.setdefault(table, []).extend(table_rows)
    return merged
