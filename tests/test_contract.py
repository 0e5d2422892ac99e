"""The contract (sitrep/contract.py) is the one declaration of the tables: what is derived from it matches the
warehouse a run builds, and a new declaration reaches every derived place without another edit."""
from __future__ import annotations

import csv
import dataclasses

import duckdb
import pytest

from sitrep import contract, migrate, quality, warehouse
from sitrep.resources import GAZETTEER_DIR


def _information_schema(db) -> dict[str, dict[str, tuple[str, bool]]]:
    with warehouse.connect(db, read_only=True) as con:
        rows = con.execute("SELECT c.table_name, c.column_name, c.data_type, c.is_nullable = 'YES' "
                           "FROM information_schema.columns AS c JOIN information_schema.tables AS t "
                           "USING (table_schema, table_name) "
                           "WHERE t.table_type = 'BASE TABLE' AND c.table_schema = current_schema()").fetchall()
    out: dict[str, dict[str, tuple[str, bool]]] = {}
    for table, column, type_, nullable in rows:
        out.setdefault(table, {})[column] = (type_, nullable)
    return out


def _declared() -> dict[str, dict[str, tuple[str, bool]]]:
    return {t.name: {c.name: (c.type, c.nullable) for c in t.columns} for t in contract.TABLES}


def test_the_warehouse_has_exactly_the_declared_tables_columns_types_and_nulls(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    actual = _information_schema(warehouse_path)
    actual.pop("contract_columns")
    assert actual == _declared()


def test_the_column_type_check_lists_every_contract_column_and_finds_none_wrong(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    _, rows = warehouse.query(warehouse_path, "SELECT table_name, column_name, expected_type, actual_type "
                                              "FROM dq_column_types")
    expected = {(t.name, c.name, c.type, c.type) for t in contract.TABLES for c in t.columns if c.contract}
    assert set(rows) == expected


def test_each_table_suite_checks_the_contract_columns_of_its_table():
    for suite in quality.load_suites():
        declared = contract.BY_NAME.get(suite.table)
        if declared is None:
            continue
        column_sets = [e["kwargs"]["column_set"] for e in suite.expectations
                       if e["type"] == "expect_table_columns_to_match_set"]
        assert column_sets == [list(declared.contract_columns)], suite.name


def test_every_document_part_and_fact_table_has_a_suite():
    tables = {s.table for s in quality.load_suites()}
    assert {t.name for t in contract.tables("document", "part", "fact")} <= tables


def test_an_enumeration_is_enforced_by_the_schema_and_checked_by_its_suite(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    with warehouse.connect(warehouse_path) as con, pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO troops (doc_id, mention_no, actor, count_kind, action, evidence, start_offset, "
                    "end_offset) VALUES ('d', 1, 'USA', 'exact', 'picnic', 'e', 0, 1)")
    troops = next(s for s in quality.load_suites() if s.table == "troops")
    value_sets = {e["kwargs"]["column"]: e["kwargs"]["value_set"] for e in troops.expectations
                  if e["type"] == "expect_column_values_to_be_in_set"}
    assert value_sets["action"] == list(contract.TROOP_ACTIONS)


def test_the_action_and_base_event_gazetteers_use_only_the_contract_labels():
    with open(GAZETTEER_DIR / "action_lemmas.csv", encoding="utf-8") as fh:
        actions = {row["action"] for row in csv.DictReader(fh)}
    with open(GAZETTEER_DIR / "base_event_lemmas.csv", encoding="utf-8") as fh:
        events = {row["event"] for row in csv.DictReader(fh)}
    assert actions <= set(contract.TROOP_ACTIONS)
    assert events <= set(contract.BASE_EVENTS)


def test_a_new_fact_table_is_one_declaration(warehouse_path, monkeypatch):
    """Declared once, it is created, spanned by fact_spans, counted in table_sizes and given the basic checks
    of its declaration."""
    sightings = contract.Table("sightings", "fact", (
        contract.Column("doc_id", "VARCHAR", nullable=False),
        contract.Column("mention_no", "INTEGER", nullable=False),
        contract.Column("vessel", "VARCHAR", nullable=False),
        contract.Column("sighted_on", "DATE"),
        contract.Column("evidence", "VARCHAR", nullable=False),
        contract.Column("start_offset", "INTEGER", nullable=False),
        contract.Column("end_offset", "INTEGER", nullable=False),
    ), key=("doc_id", "mention_no"), date="sighted_on", counted=True)
    tables = contract.TABLES + (sightings,)
    monkeypatch.setattr(contract, "TABLES", tables)
    monkeypatch.setattr(contract, "BY_NAME", {t.name: t for t in tables})
    monkeypatch.setattr(contract, "COUNTED_TABLES", contract.COUNTED_TABLES + ("sightings",))
    warehouse.ensure_schema(warehouse_path)
    with warehouse.connect(warehouse_path) as con:
        con.execute("INSERT INTO documents (doc_id, source_file, raw_text, clean_text, ingested_at, encoding, "
                    "byte_size) VALUES ('d1', 'a.txt', 'A ship.', 'A ship.', now(), 'utf-8', 7)")
        con.execute("INSERT INTO sightings VALUES ('d1', 1, 'Ship', DATE '2020-01-02', 'A ship.', 0, 7)")
        spans = con.execute("SELECT table_name, fact_date, date_column FROM fact_spans").fetchall()
        sizes = dict(con.execute("SELECT * FROM table_sizes").fetchall())
    assert spans == [("sightings", __import__("datetime").date(2020, 1, 2), "sighted_on")]
    assert sizes["sightings"] == 1
    suite = next(s for s in quality.load_suites() if s.table == "sightings")
    assert {e["type"] for e in suite.expectations} >= {"expect_table_columns_to_match_set",
                                                        "expect_compound_columns_to_be_unique"}


def test_a_declared_column_reaches_an_existing_warehouse(warehouse_path, monkeypatch):
    warehouse.ensure_schema(warehouse_path)
    documents = contract.table("documents")
    wider = dataclasses.replace(documents, columns=documents.columns + (contract.Column("language", "VARCHAR"),))
    tables = tuple(wider if t.name == "documents" else t for t in contract.TABLES)
    monkeypatch.setattr(contract, "TABLES", tables)
    monkeypatch.setattr(contract, "BY_NAME", {t.name: t for t in tables})
    warehouse.ensure_schema(warehouse_path)
    assert _information_schema(warehouse_path)["documents"]["language"] == ("VARCHAR", True)


def test_a_not_null_column_cannot_be_added_without_a_schema_step(warehouse_path, monkeypatch):
    warehouse.ensure_schema(warehouse_path)
    documents = contract.table("documents")
    wider = dataclasses.replace(documents, columns=documents.columns + (
        contract.Column("language", "VARCHAR", nullable=False),))
    tables = tuple(wider if t.name == "documents" else t for t in contract.TABLES)
    monkeypatch.setattr(contract, "TABLES", tables)
    monkeypatch.setattr(contract, "BY_NAME", {t.name: t for t in tables})
    with pytest.raises(migrate.MigrationError, match="documents.language"):
        warehouse.ensure_schema(warehouse_path)
