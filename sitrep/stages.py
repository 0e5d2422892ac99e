"""The stages as plain functions: paths and rows in, rows out. The Prefect flow (sitrep.flow) wraps each in a
thin task; tests and benchmarks call them directly.

    scan -> ingest -> clean -> extract -> load -> retire
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sitrep import warehouse
from sitrep.ingest import DEFAULT_MAX_BYTES, TEXT_SUFFIXES, FileEntry, RawDocument, Rejection, read_documents, scan_folder
from sitrep.rows import CleanedDocument, ExtractedDocument, document_rows, merge, source_file_row

__all__ = ["DEFAULT_MAX_BYTES", "ScanResult", "scan", "ingest", "clean", "extract", "load", "retire"]


@dataclass
class ScanResult:
    to_read: list[FileEntry]
    rejections: list[Rejection]
    files_seen: int
    unchanged: int
    present: list[str]  # paths of every file the scan accepted, read this time or not
    hidden: int = 0  # hidden files and folders skipped


def scan(input_dir: Path, db_path: Path, allow_outside_links: bool = False,
         suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> ScanResult:
    """Which files need reading: new paths, and known paths whose size or modification time changed."""
    entries, rejections, hidden = scan_folder(input_dir, allow_outside_links, suffixes)
    known = warehouse.known_files(db_path)
    to_read = [e for e in entries if known.get(e.path, (None, None))[:2] != (e.byte_size, e.mtime_ns)]
    return ScanResult(to_read, rejections, files_seen=len(entries) + len(rejections),
                      unchanged=len(entries) - len(to_read), present=[e.path for e in entries], hidden=hidden)


def ingest(entries: list[FileEntry], db_path: Path, max_bytes: int) -> tuple[list[RawDocument], list[RawDocument], list[Rejection]]:
    """Read a batch; split it into new documents, documents already in the warehouse, and rejections."""
    docs, rejections = [], []
    for item in read_documents(entries, max_bytes):
        (rejections if isinstance(item, Rejection) else docs).append(item)
    existing = warehouse.existing_doc_ids(db_path, [d.doc_id for d in docs])
    new, seen_ids, known = [], set(), []
    for doc in docs:
        if doc.doc_id in existing or doc.doc_id in seen_ids:
            known.append(doc)
        else:
            seen_ids.add(doc.doc_id)
            new.append(doc)
    return new, known, rejections


def clean(docs: list[RawDocument]) -> list[CleanedDocument]:
    """Each document is cleaned on its own. Corpus-wide template lines (sitrep.clean.template_lines) are not used:
    they would make a document's clean text depend on which batch it arrived in, and they strip the body of a
    wire story that many outlets republish."""
    from sitrep.clean import clean_document  # here, not at the top: a run with nothing new never loads it

    return [CleanedDocument(d, clean_document(d.raw_text)) for d in docs]


def extract(cleaned: list[CleanedDocument]) -> list[ExtractedDocument]:
    """A month-only date line ("JULY 2020") is not a publication date, but it still tells the year of a
    "March 26" in the body: extraction gets it as the reference date when there is nothing better."""
    from sitrep.extract import extract_facts  # spaCy takes a second to import: only a run with new documents pays

    return [
        ExtractedDocument(
            c.raw,
            c.clean,
            extract_facts(c.clean.clean_text, c.clean.published_on or c.clean.date_hint, c.clean.title),
        )
        for c in cleaned
    ]


def retire(db_path: Path, input_dir: Path, found: ScanResult, rejections: list[Rejection],
           prune: bool = False) -> tuple[list[dict], int]:
    """After loading: files loaded before that are deleted or refused now are marked, once (their documents stay,
    unless `prune`). Returns the newly gone files and how many documents were deleted."""
    return warehouse.retire_files(db_path, input_dir, found.present, [r.__dict__ for r in rejections], prune)


def load(db_path: Path, extracted: list[ExtractedDocument], known: list[RawDocument]) -> dict[str, int]:
    now = dt.datetime.now()
    rows = merge([document_rows(d, now) for d in extracted])
    files = [source_file_row(d.raw, now) for d in extracted] + [source_file_row(d, now) for d in known]
    return warehouse.load_batch(db_path, rows, files)
