"""Bringing a warehouse file to the current contract, in place, keeping every row.

A fresh warehouse is created from the contract and stamped with every step. An existing one gets the steps it
has not had, each once and in order, recorded in `schema_version`; then whatever the contract adds (a table, a
nullable column) is added. So a new table or column is only a contract entry; a change that cannot be made by
adding (a new enumeration value, a type, a NOT NULL column) is a step here: its tables are rebuilt from the
contract with their rows copied across, and a script in sql/migrations/ may move data.

The caller (sitrep.warehouse, the only module that opens DuckDB) passes a connection inside a transaction.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from sitrep import contract
from sitrep.resources import SQL_DIR


class MigrationError(RuntimeError):
    """The warehouse cannot be brought to the contract by adding; the message says which step is missing."""


@dataclass(frozen=True)
class Step:
    version: int
    name: str
    rebuild: tuple[str, ...] = ()   # tables rebuilt from the contract, rows kept
    script: str | None = None       # then this file of sql/migrations/, for data changes


# Steps 1 and 2 are the schema as first shipped (the contract's tables then, and table_counts); a warehouse made
# before them had nothing to upgrade, so they need no action of their own beyond what the contract creates.
STEPS: tuple[Step, ...] = (
    Step(1, "001_core.sql"),
    Step(2, "002_dq_history.sql"),
    Step(3, "003_run_status_cancelled", rebuild=("pipeline_runs",)),
)
LATEST = STEPS[-1].version


def upgrade(con: duckdb.DuckDBPyConnection, now: dt.datetime | None = None) -> list[str]:
    """Apply what is missing; returns what was done, one line per change (empty when nothing was)."""
    now = now or dt.datetime.now()
    existing = _tables(con)
    done: list[str] = []
    if not existing & {t.name for t in contract.TABLES}:
        for t in contract.TABLES:
            con.execute(contract.create_table_sql(t))
        _stamp(con, STEPS, now)
        return [f"created the warehouse at schema version {LATEST}"]
    if "schema_version" not in existing:
        con.execute(contract.create_table_sql(contract.table("schema_version")))
    applied = {v for (v,) in con.execute("SELECT version FROM schema_version").fetchall()}
    for step in STEPS:
        if step.version in applied:
            continue
        for name in step.rebuild:
            _rebuild(con, contract.table(name))
        if step.script:
            con.execute((SQL_DIR / "migrations" / step.script).read_text(encoding="utf-8"))
        _stamp(con, [step], now)
        done.append(f"applied schema step {step.version} ({step.name})")
    done += _add_missing(con)
    return done


def _add_missing(con: duckdb.DuckDBPyConnection) -> list[str]:
    done = []
    existing = _tables(con)
    columns = _all_columns(con)
    for t in contract.TABLES:
        if t.name not in existing:
            con.execute(contract.create_table_sql(t))
            done.append(f"created table {t.name}")
            continue
        have = columns.get(t.name, set())
        for c in t.columns:
            if c.name in have:
                continue
            if not c.nullable or c.values or c.check:
                raise MigrationError(f"{t.name}.{c.name} is NOT NULL or checked: it needs a schema step that "
                                     "rebuilds the table (sitrep/migrate.py STEPS)")
            con.execute(f"ALTER TABLE {t.name} ADD COLUMN {c.name} {c.type}")
            done.append(f"added column {t.name}.{c.name}")
    return done


def _rebuild(con: duckdb.DuckDBPyConnection, t: contract.Table) -> None:
    """Replace the table by one made from its declaration, copying the columns both have."""
    shared = [c for c in t.column_names if c in _columns(con, t.name)]
    staging = f"{t.name}__rebuild"
    con.execute(f"DROP TABLE IF EXISTS {staging}")
    con.execute(contract.create_table_sql(t, staging))
    columns = ", ".join(shared)
    con.execute(f"INSERT INTO {staging} ({columns}) SELECT {columns} FROM {t.name}")
    con.execute(f"DROP TABLE {t.name}")
    con.execute(f"ALTER TABLE {staging} RENAME TO {t.name}")


def _stamp(con: duckdb.DuckDBPyConnection, steps, now: dt.datetime) -> None:
    for step in steps:
        con.execute("INSERT INTO schema_version VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [step.version, now, step.name])


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables "
                       "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").fetchall()
    return {r[0] for r in rows}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return _all_columns(con).get(table, set())


def _all_columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """Every base table's columns in one catalog read (information_schema costs ~40 ms per query here)."""
    rows = con.execute("SELECT table_name, column_name FROM duckdb_columns() "
                       "WHERE schema_name = current_schema() AND NOT internal").fetchall()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return found
