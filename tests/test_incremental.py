"""Incremental, idempotent ingestion: only new or changed files are read, and nothing is loaded twice."""
from __future__ import annotations

import os
import shutil

from sitrep import warehouse
from tests.conftest import copy_seeds, load_folder, table_snapshot


def test_an_unchanged_folder_reads_nothing_the_second_time(input_dir, warehouse_path):
    copy_seeds(input_dir)
    assert load_folder(input_dir, warehouse_path)["new"] == 5
    assert load_folder(input_dir, warehouse_path) == {"new": 0, "unchanged": 5}


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
    assert load_folder(input_dir, warehouse_path) == {"new": 4, "unchanged": 1}


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
