"""A warehouse built before the current schema is upgraded in place, once, with every row kept."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from sitrep import contract, migrate, warehouse
from tests.conftest import ROOT

OLD = ROOT / "tests" / "data" / "warehouse_v2"   # exported from a warehouse main built at schema version 2


@pytest.fixture
def old_warehouse(tmp_path: Path) -> Path:
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(f"IMPORT DATABASE '{OLD}'")
    con.close()
    return db


def _counts(db: Path) -> dict[str, int]:
    with warehouse.connect(db, read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_type = 'BASE TABLE'").fetchall()]
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_the_fixture_is_a_version_2_warehouse_with_rows(old_warehouse):
    with warehouse.connect(old_warehouse, read_only=True) as con:
        assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5


def test_upgrading_keeps_every_row_of_every_table(old_warehouse):
    before = _counts(old_warehouse)
    assert warehouse.ensure_schema(old_warehouse) == migrate.LATEST
    after = _counts(old_warehouse)
    before["schema_version"] += migrate.LATEST - 2
    after.pop("contract_columns")
    assert after == before


def test_upgrading_applies_each_step_once_and_records_it(old_warehouse):
    warehouse.ensure_schema(old_warehouse)
    warehouse.ensure_schema(old_warehouse)
    _, rows = warehouse.query(old_warehouse, "SELECT version, script FROM schema_version ORDER BY version")
    assert rows == [(s.version, s.name) for s in migrate.STEPS]


def test_an_upgraded_warehouse_accepts_what_the_new_contract_allows(old_warehouse):
    warehouse.ensure_schema(old_warehouse)
    with warehouse.connect(old_warehouse) as con:
        con.execute("INSERT INTO pipeline_runs (run_id, started_at, status) VALUES ('r', now(), 'cancelled')")


def test_an_upgraded_warehouse_has_the_same_columns_as_a_new_one(old_warehouse, warehouse_path):
    warehouse.ensure_schema(old_warehouse)
    warehouse.ensure_schema(warehouse_path)
    query = ("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
             "WHERE table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')")
    assert set(warehouse.query(old_warehouse, query)[1]) == set(warehouse.query(warehouse_path, query)[1])


def test_an_upgraded_warehouse_still_loads_and_validates_its_rows(old_warehouse):
    warehouse.ensure_schema(old_warehouse)
    _, rows = warehouse.query(old_warehouse, "SELECT count(*) FROM fact_spans")
    facts = sum(_counts(old_warehouse)[t] for t in contract.FACT_TABLES)
    assert rows == [(facts,)]
