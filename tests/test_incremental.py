"""Incremental, idempotent ingestion: only new or changed files are read, and nothing is loaded twice."""
from __future__ import annotations

import os
import shutil

from sitrep import warehouse
from tests.conftest import copy_seeds, load_folder, table_snapshot


def test_an_unchanged_folder_reads_nothing_the_second_time(input_dir, warehouse_path):
    copy_seeds(input_dir)
    assert load_folder(input_dir, warehouse_path)["new"] == 5
    assert load_folder(input_dir, warehouse_path) == {"new": 0, "unchanged": 5, "gone": [], "pruned": 0}


def test_ten_runs_in_a_row_leave_exactly_the_rows_of_one(input_dir, warehouse_path, tmp_path):
    copy_seeds(input_dir)
    once = tmp_path / "once.duckdb"
    load_folder(input_dir, once)
    for _ in range(10):
        load_folder(input_dir, warehouse_path)
    assert table_snapshot(warehouse_path) == table_snapshot(once)


def test_a_new_file_is_loaded_beside_the_old_ones(input_dir, warehouse_path):
    first, *rest = copy_seeds(input_dir)
    rest_names = [p.name for p in rest]
    for p in rest:
        p.unlink()
    load_folder(input_dir, warehouse_path)
    copy_seeds(input_dir, rest_names)
    assert load_folder(input_dir, warehouse_path) == {"new": 4, "unchanged": 1, "gone": [], "pruned": 0}


def test_a_changed_file_replaces_its_document_and_its_facts(input_dir, warehouse_path):
    path = copy_seeds(input_dir)[2]
    load_folder(input_dir, warehouse_path)
    _, before = warehouse.query(warehouse_path, "SELECT count(*) FROM troops")
    path.write_text("Base news\n\nThe garrison of 300 British soldiers will withdraw from the airfield next month, "
                    "the ministry said on Monday.\n", encoding="utf-8")
    assert load_folder(input_dir, warehouse_path)["new"] == 1
    _, docs = warehouse.query(warehouse_path, f"SELECT count(*) FROM documents WHERE source_file = '{path.name}'")
    _, after = warehouse.query(warehouse_path, "SELECT count(*) FROM troops")
    _, gone = warehouse.query(warehouse_path, "SELECT count(*) FROM troops WHERE troop_count = 5000")
    assert docs == [(1,)] and after[0][0] < before[0][0] and gone == [(0,)]


def test_a_file_touched_but_not_changed_is_not_a_new_document(input_dir, warehouse_path):
    path = copy_seeds(input_dir)[0]
    load_folder(input_dir, warehouse_path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert load_folder(input_dir, warehouse_path)["new"] == 0


def test_the_same_bytes_under_two_names_are_one_document(input_dir, warehouse_path):
    path = copy_seeds(input_dir)[0]
    shutil.copy2(path, input_dir / "copy.txt")
    load_folder(input_dir, warehouse_path)
    _, docs = warehouse.query(warehouse_path, "SELECT count(*) FROM documents")
    _, files = warehouse.query(warehouse_path, "SELECT count(*) FROM source_files")
    assert docs == [(5,)] and files == [(6,)]


def test_a_file_name_that_is_not_utf8_costs_nothing_to_its_batch_mates(input_dir, warehouse_path):
    with open(bytes(input_dir) + b"/r\xe9sum\xe9.txt", "wb") as fh:
        fh.write(b"Troops left the base on Sunday, officials said in a statement to reporters.")
    (input_dir / "plain.txt").write_text("Soldiers arrived at the camp on Monday, the ministry said in a statement.",
                                         encoding="utf-8")
    assert load_folder(input_dir, warehouse_path)["new"] == 2
    _, rows = warehouse.query(warehouse_path, "SELECT source_file FROM documents ORDER BY 1")
    assert rows == [("plain.txt",), ("r\\xe9sum\\xe9.txt",)]
    assert load_folder(input_dir, warehouse_path)["unchanged"] == 2


def _documents(db) -> set[str]:
    _, rows = warehouse.query(db, "SELECT source_file FROM documents")
    return {r[0] for r in rows}


def _facts_of(db, source_file: str) -> int:
    _, rows = warehouse.query(db, f"SELECT count(*) FROM troops JOIN documents USING (doc_id) "
                                  f"WHERE source_file = '{source_file}'")
    return rows[0][0]


def test_a_deleted_file_keeps_its_document_and_is_reported_gone_once(input_dir, warehouse_path):
    first, *_ = copy_seeds(input_dir)
    load_folder(input_dir, warehouse_path)
    first.unlink()
    assert load_folder(input_dir, warehouse_path)["gone"] == [{"source_file": first.name, "reason": "deleted"}]
    assert first.name in _documents(warehouse_path)
    assert load_folder(input_dir, warehouse_path)["gone"] == []
    _, rows = warehouse.query(warehouse_path, "SELECT gone_reason FROM source_files WHERE gone_at IS NOT NULL")
    assert rows == [("deleted",)]


def test_prune_deletes_the_document_of_a_deleted_file_with_its_facts(input_dir, warehouse_path):
    first, *_ = copy_seeds(input_dir)
    load_folder(input_dir, warehouse_path)
    assert _facts_of(warehouse_path, first.name) > 0
    first.unlink()
    assert load_folder(input_dir, warehouse_path, prune=True)["pruned"] == 1
    assert first.name not in _documents(warehouse_path) and len(_documents(warehouse_path)) == 4
    assert _facts_of(warehouse_path, first.name) == 0


def test_a_file_emptied_is_gone_with_its_reason(input_dir, warehouse_path):
    first, *_ = copy_seeds(input_dir)
    load_folder(input_dir, warehouse_path)
    first.write_text("")
    assert load_folder(input_dir, warehouse_path)["gone"] == [{"source_file": first.name, "reason": "empty file"}]


def test_a_file_that_comes_back_is_read_again_and_no_longer_gone(input_dir, warehouse_path, tmp_path):
    first, *_ = copy_seeds(input_dir)
    load_folder(input_dir, warehouse_path)
    kept = shutil.move(first, tmp_path / first.name)
    load_folder(input_dir, warehouse_path)
    shutil.move(kept, first)
    assert load_folder(input_dir, warehouse_path)["gone"] == []
    _, rows = warehouse.query(warehouse_path, "SELECT count(*) FROM source_files WHERE gone_at IS NOT NULL")
    assert rows == [(0,)]


def test_prune_keeps_a_document_that_another_file_still_holds(input_dir, warehouse_path):
    first, *_ = copy_seeds(input_dir)
    twin = shutil.copy(first, input_dir / "twin.txt")
    load_folder(input_dir, warehouse_path)
    os.unlink(twin)
    assert load_folder(input_dir, warehouse_path, prune=True)["pruned"] == 0
    assert len(_documents(warehouse_path)) == 5


def test_files_of_another_input_folder_are_not_gone(input_dir, warehouse_path, tmp_path):
    copy_seeds(input_dir)
    load_folder(input_dir, warehouse_path)
    other = tmp_path / "other"
    other.mkdir()
    copy_seeds(other, [sorted(p.name for p in input_dir.glob("*.txt"))[0]])
    assert load_folder(other, warehouse_path)["gone"] == []
