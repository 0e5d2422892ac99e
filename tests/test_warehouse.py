"""The warehouse: schema applied idempotently, batches replace documents, readers cannot write."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from sitrep import migrate, warehouse


def _doc(doc_id: str, text: str = "Body.") -> dict:
    return {"doc_id": doc_id, "source_file": f"{doc_id}.txt", "title": "T", "raw_text": text, "clean_text": text,
            "ingested_at": dt.datetime(2020, 1, 1), "encoding": "utf-8", "byte_size": len(text)}


def _file(path: str, doc_id: str) -> dict:
    return {"path": path, "source_file": path.rsplit("/", 1)[-1], "doc_id": doc_id, "byte_size": 5, "mtime_ns": 1,
            "loaded_at": dt.datetime(2020, 1, 1)}


def _amount(doc_id: str, n: int) -> dict:
    return {"doc_id": doc_id, "mention_no": n, "amount_text": "$5 million", "currency": "USD", "value": 5e6,
            "is_ambiguous": False, "evidence": "Body.", "start_offset": 0, "end_offset": 5}


def test_schema_is_applied_idempotently_with_a_recorded_version(warehouse_path):
    first = warehouse.ensure_schema(warehouse_path)
    second = warehouse.ensure_schema(warehouse_path)
    assert first == second == migrate.LATEST
    _, rows = warehouse.query(warehouse_path, "SELECT count(*), count(DISTINCT version) FROM schema_version")
    assert rows == [(len(migrate.STEPS),) * 2]


def test_every_contract_table_exists(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    _, rows = warehouse.query(warehouse_path, "SELECT table_name FROM information_schema.tables")
    names = {r[0] for r in rows}
    assert {"documents", "removed_blocks", "comments", "troops", "bases", "statements", "amounts", "dq_results",
            "pipeline_runs", "rejected_files", "dq_flags", "base_handovers", "troops_by_actor",
            "statements_by_speaker"} <= names


def test_enumerations_are_enforced_by_the_schema(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    with warehouse.connect(warehouse_path) as con, pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO bases (doc_id, mention_no, base, base_text, event, evidence, start_offset, "
                    "end_offset) VALUES ('d', 1, 'Taji', 'Taji', 'picnic', 'e', 0, 1)")


def test_loading_a_document_again_replaces_its_rows(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    batch = {"documents": [_doc("a" * 16)], "amounts": [_amount("a" * 16, 1), _amount("a" * 16, 2)]}
    warehouse.load_batch(warehouse_path, batch, [_file("/in/a.txt", "a" * 16)])
    batch = {"documents": [_doc("a" * 16)], "amounts": [_amount("a" * 16, 1)]}
    warehouse.load_batch(warehouse_path, batch, [_file("/in/a.txt", "a" * 16)])
    _, rows = warehouse.query(warehouse_path, "SELECT count(*) FROM amounts")
    assert rows == [(1,)]


def test_a_changed_file_replaces_its_old_document_and_facts(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    old, new = "a" * 16, "b" * 16
    warehouse.load_batch(warehouse_path, {"documents": [_doc(old)], "amounts": [_amount(old, 1)]},
                         [_file("/in/a.txt", old)])
    warehouse.load_batch(warehouse_path, {"documents": [_doc(new)]}, [_file("/in/a.txt", new)])
    _, docs = warehouse.query(warehouse_path, "SELECT doc_id FROM documents")
    _, amounts = warehouse.query(warehouse_path, "SELECT count(*) FROM amounts")
    assert docs == [(new,)] and amounts == [(0,)]


def test_a_batch_that_fails_leaves_nothing_behind(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    bad = {"documents": [_doc("a" * 16)], "amounts": [_amount("a" * 16, 1), _amount("a" * 16, 1)]}
    with pytest.raises(duckdb.ConstraintException):
        warehouse.load_batch(warehouse_path, bad, [_file("/in/a.txt", "a" * 16)])
    _, rows = warehouse.query(warehouse_path, "SELECT count(*) FROM documents")
    assert rows == [(0,)]


def test_ad_hoc_queries_cannot_change_the_warehouse(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    with pytest.raises(duckdb.Error):
        warehouse.query(warehouse_path, "DELETE FROM documents")


def test_reading_a_missing_warehouse_says_how_to_build_it(tmp_path):
    with pytest.raises(warehouse.WarehouseError, match="sitrep run"):
        warehouse.query(tmp_path / "none.duckdb", "SELECT 1")


def test_a_file_refused_again_for_the_same_reason_is_recorded_once(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    for run in ("r1", "r2", "r3"):
        warehouse.record_rejections(warehouse_path, run, [{"source_file": "a.txt", "reason": "empty file"}])
    warehouse.record_rejections(warehouse_path, "r4", [{"source_file": "a.txt", "reason": "whitespace only"}])
    _, rows = warehouse.query(warehouse_path, "SELECT run_id, reason FROM rejected_files ORDER BY rejected_at")
    assert rows == [("r1", "empty file"), ("r4", "whitespace only")]


def test_duckdb_memory_is_bounded_by_the_setting(warehouse_path, monkeypatch):
    monkeypatch.setenv("SITREP_DUCKDB_MEMORY_LIMIT", "300MB")
    warehouse._memory_limit.cache_clear()
    try:
        warehouse.ensure_schema(warehouse_path)
        _, rows = warehouse.query(warehouse_path, "SELECT current_setting('memory_limit')")
    finally:
        warehouse._memory_limit.cache_clear()
    assert rows[0][0].startswith("286")  # 300 MB in MiB, as DuckDB reports it
