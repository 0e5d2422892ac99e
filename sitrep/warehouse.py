"""The only module that opens DuckDB.

One writer per warehouse file; readers (`sitrep sql`, the dashboard) open it read-only. Loads are bulk: polars
frames go in through Arrow, one transaction per batch of documents, and a document that is loaded again replaces
its previous rows, so re-running on the same input leaves identical tables.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import re
import time
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path

import duckdb
import polars as pl

from sitrep import config, contract, migrate
from sitrep.contract import DOCUMENT_TABLES, FACT_TABLES
from sitrep.resources import SQL_DIR

__all__ = ["DOCUMENT_TABLES", "FACT_TABLES", "WarehouseError", "connect", "ensure_schema", "load_batch", "query",
           "query_all"]

_POLARS_TYPES = {
    "VARCHAR": pl.String,
    "INTEGER": pl.Int32,
    "BIGINT": pl.Int64,
    "DOUBLE": pl.Float64,
    "BOOLEAN": pl.Boolean,
    "DATE": pl.Date,
    "TIMESTAMP": pl.Datetime("us"),
}


class WarehouseError(RuntimeError):
    """A problem with the warehouse file itself, phrased for the person running sitrep."""


class WarehouseLocked(WarehouseError):
    """Another process (a DuckDB shell, a long query) kept the file open for longer than we would wait."""


CONNECT_TIMEOUT_SECONDS = 30.0
# Readers (`sitrep sql`, the dashboard, validation) can reach no file but the warehouse: no COPY ... TO, no
# ATTACH, no read_text('/etc/passwd'), no extension installs; and no statement can turn that back on. (Applied
# with SET once the database is open: DuckDB takes `allowed_directories` only then, and only while unlocked.)
READER_SETTINGS = ("SET enable_external_access = false", "SET lock_configuration = true")



_lock_wait: ContextVar[float] = ContextVar("sitrep_lock_wait", default=CONNECT_TIMEOUT_SECONDS)


@contextlib.contextmanager
def lock_wait(seconds: float) -> Iterator[None]:
    """How long connections opened inside the block wait for DuckDB's file lock (a run's --wait)."""
    token = _lock_wait.set(seconds)
    try:
        yield
    finally:
        _lock_wait.reset(token)


@contextlib.contextmanager
def connect(
    path: Path | str, read_only: bool = False, timeout: float | None = None, allowed_dir: Path | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse, waiting up to `timeout` seconds (default: `lock_wait`'s) while another process holds
    DuckDB's file lock.

    DuckDB lets one process write or several read, never both; every sitrep connection is short-lived (one
    operation), so a reader and the writer only ever wait for each other briefly. A reader reaches no other file,
    except inside `allowed_dir` when one is given (`sitrep sql --allow-export`).
    """
    timeout = _lock_wait.get() if timeout is None else timeout
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `sitrep run` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only, timeout)
    try:
        con.execute("SET memory_limit = $limit", {"limit": _memory_limit()})
        if read_only:
            if allowed_dir is not None:
                con.execute("SET allowed_directories = $dirs", {"dirs": [str(Path(allowed_dir).resolve()) + "/"]})
            for setting in READER_SETTINGS:
                con.execute(setting)
        yield con
    finally:
        con.close()


@functools.cache
def _memory_limit() -> str:
    """The cross-document checks pair every troop strength with every other for the same actor and place: on
    50,000 documents DuckDB wanted 2.5 GB for it with its default (80% of the machine); bounded, it spills."""
    return config.setting("duckdb_memory_limit")


def _open(path: Path, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise WarehouseLocked(f"warehouse {path} is open in {_lock_holder(exc)} and stayed so for "
                                      f"{timeout:.0f} s: close it there (or wait for its query) and try again") from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def _lock_holder(exc: duckdb.IOException) -> str:
    """DuckDB names the process ("Conflicting lock is held in /usr/bin/duckdb (PID 123)"); its hint about
    read-only mode that follows is advice for readers, wrong for a writer, so only the name is kept."""
    found = re.search(r"lock is held in (.+?\(PID \d+\))", str(exc))
    return found.group(1) if found else "another process"


def sql_file(relative: str) -> str:
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def run_script(con: duckdb.DuckDBPyConnection, relative: str, params: Mapping[str, object]) -> None:
    """Run a multi-statement .sql file with named parameters ($name): DuckDB binds parameters one statement at
    a time, so each statement gets the ones it names. Statements are separated by ';' at a line end."""
    for statement in sql_file(relative).split(";\n"):
        body = "\n".join(line for line in statement.splitlines() if not line.lstrip().startswith("--")).strip()
        if body:
            con.execute(body, {k: v for k, v in params.items() if f"${k}" in body})


# sql/contract/ holds views over every table of a role; each is filled in from the contract.
CONTRACT_VIEWS = {"fact_spans.sql": {"facts": contract.fact_selects},
                  "table_sizes.sql": {"counts": contract.count_selects}}


def view_scripts() -> list[Path]:
    """The views derived from the contract first, then the views, then the data-quality views over them."""
    return [SQL_DIR / "contract" / name for name in CONTRACT_VIEWS] + sorted((SQL_DIR / "views").glob("*.sql")) + \
        sorted((SQL_DIR / "dq").glob("*.sql"))


def view_sql(script: Path) -> str:
    text = script.read_text(encoding="utf-8")
    fills = CONTRACT_VIEWS.get(script.name) if script.parent.name == "contract" else None
    return text.format(**{name: make() for name, make in fills.items()}) if fills else text


def ensure_schema(path: Path | str) -> int:
    """Bring the file to the contract (sitrep.migrate), then (re)create the views. Returns the schema version.

    All in one transaction: a warehouse is either upgraded and usable or left as it was.
    """
    with connect(path) as con:
        con.execute("BEGIN")
        try:
            migrate.upgrade(con)
            columns = pl.DataFrame(contract.column_rows())
            con.register("declared_columns", columns.to_arrow())
            con.execute("CREATE OR REPLACE TABLE contract_columns AS SELECT * FROM declared_columns")
            con.unregister("declared_columns")
            for script in view_scripts():
                con.execute(view_sql(script))
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return con.execute("SELECT max(version) FROM schema_version").fetchone()[0]


def table_schema(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, pl.DataType]:
    described = con.execute(f"DESCRIBE {table}").fetchall()
    return {name: _POLARS_TYPES[ctype] for name, ctype, *_ in described}


def frame(con: duckdb.DuckDBPyConnection, table: str, rows: list[Mapping]) -> pl.DataFrame:
    """Rows (dicts) as a frame typed exactly like the table, so an empty or all-NULL column still loads."""
    schema = table_schema(con, table)
    return pl.from_dicts(rows, schema=schema) if rows else pl.DataFrame(schema=schema)


def known_files(path: Path | str) -> dict[str, tuple[int, int, str]]:
    """path -> (byte_size, mtime_ns, doc_id) of every file loaded before and not gone since (a file that comes
    back is read again, whatever its size and time)."""
    with connect(path) as con:
        rows = con.execute("SELECT path, byte_size, mtime_ns, doc_id FROM source_files WHERE gone_at IS NULL").fetchall()
    return {p: (size, mtime, doc_id) for p, size, mtime, doc_id in rows}


def existing_doc_ids(path: Path | str, doc_ids: list[str]) -> set[str]:
    if not doc_ids:
        return set()
    with connect(path) as con:
        con.register("wanted", pl.DataFrame({"doc_id": doc_ids}).to_arrow())
        rows = con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT doc_id FROM wanted)").fetchall()
    return {r[0] for r in rows}


def load_batch(path: Path | str, rows: Mapping[str, list[Mapping]], source_files: list[Mapping]) -> dict[str, int]:
    """Replace the batch's documents and everything hanging off them, in one transaction.

    `rows` maps each table of DOCUMENT_TABLES to its rows; `source_files` records which file now holds which
    document. A document that a changed file no longer holds, and no other file does, is deleted with its facts.
    """
    with connect(path) as con:
        frames = {table: frame(con, table, rows.get(table, [])) for table in DOCUMENT_TABLES}
        files = frame(con, "source_files", source_files)
        doc_ids = frames["documents"].select("doc_id")
        con.execute("BEGIN")
        try:
            con.register("batch_docs", doc_ids.to_arrow())
            con.register("batch_files", files.to_arrow())
            con.execute(sql_file("load/stale_documents.sql"))
            for table in DOCUMENT_TABLES:
                con.execute(
                    f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM batch_docs UNION SELECT doc_id FROM stale)"
                )
            for table, data in frames.items():
                if data.height:
                    con.register("batch_rows", data.to_arrow())
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
                    con.unregister("batch_rows")
            con.execute("INSERT OR REPLACE INTO source_files BY NAME SELECT * FROM batch_files")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return {table: data.height for table, data in frames.items()}


def retire_files(path: Path | str, input_dir: Path, present: list[str], refused: list[Mapping],
                 prune: bool = False) -> tuple[list[dict], int]:
    """Mark the files of `input_dir` loaded before that are deleted or refused now (each once); with `prune`,
    delete the documents all of whose files are gone. Returns (newly gone files, documents deleted)."""
    root = str(Path(input_dir).resolve()).rstrip("/") + "/"
    with connect(path) as con:
        con.execute("BEGIN")
        try:
            con.register("present", pl.DataFrame({"path": present}, schema={"path": pl.Utf8}).to_arrow())
            con.register("refused", pl.DataFrame([dict(r) for r in refused],
                                                 schema={"source_file": pl.Utf8, "reason": pl.Utf8}).to_arrow())
            gone = con.execute(sql_file("load/gone_files.sql"), {"root": root, "now": dt.datetime.now()}).fetchall()
            pruned = 0
            if prune:
                con.execute(sql_file("load/prune_gone.sql"))
                pruned = con.execute("SELECT count(*) FROM pruned").fetchone()[0]
                for table in (*DOCUMENT_TABLES, "source_files"):
                    con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM pruned)")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return [{"source_file": f, "reason": r} for f, r in sorted(gone)], pruned


def attempts_path(db_path: Path | str) -> Path:
    return Path(str(db_path) + ".attempts")


def note_attempt(path: Path | str, run_id: str, input_dir: str, reason: str) -> None:
    """A run that could not open the warehouse (another process kept it open) cannot record itself there: it
    leaves a line beside it, which the next run that gets in records as a failed run (start_run)."""
    line = {"run_id": run_id, "started_at": dt.datetime.now().isoformat(), "input_dir": input_dir, "message": reason}
    with open(attempts_path(path), "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")


def start_run(path: Path | str, run_id: str, input_dir: str) -> None:
    """Record the run, and the attempts that could not get in before it; runs still marked 'running' were
    interrupted (the caller holds the run lock)."""
    pending = attempts_path(path)
    attempts = [json.loads(line) for line in pending.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if pending.exists() else []
    with connect(path) as con:
        for a in attempts:
            con.execute("INSERT OR IGNORE INTO pipeline_runs (run_id, started_at, finished_at, status, input_dir, "
                        "message) VALUES (?, ?, ?, 'failed', ?, ?)",
                        [a["run_id"], a["started_at"], a["started_at"], a["input_dir"], a["message"]])
        pending.unlink(missing_ok=True)
        con.execute(sql_file("load/interrupted_runs.sql"))
        con.execute(
            "INSERT OR REPLACE INTO pipeline_runs (run_id, started_at, status, input_dir) VALUES (?, ?, 'running', ?)",
            [run_id, dt.datetime.now(), input_dir],
        )


def finish_run(path: Path | str, run_id: str, status: str, summary: Mapping) -> None:
    with connect(path) as con:
        con.execute(
            "UPDATE pipeline_runs SET finished_at = ?, status = ?, files_seen = ?, documents_new = ?, "
            "files_rejected = ?, checks_passed = ?, checks_failed = ?, message = ?, summary = ? WHERE run_id = ?",
            [
                dt.datetime.now(),
                status,
                summary.get("files_seen"),
                summary.get("documents_new"),
                summary.get("files_rejected"),
                summary.get("checks_passed"),
                summary.get("checks_failed"),
                summary.get("message"),
                json.dumps(summary, default=str),
                run_id,
            ],
        )


def record_rejections(path: Path | str, run_id: str, rejections: list[Mapping]) -> None:
    """Record refusals once: a file refused again for the reason on record adds no row."""
    if not rejections:
        return
    now = dt.datetime.now()
    with connect(path) as con:
        data = frame(con, "rejected_files", [{**r, "run_id": run_id, "rejected_at": now} for r in rejections])
        con.register("rejected", data.to_arrow())
        con.execute(sql_file("load/new_rejections.sql"))


def append_rows(path: Path | str, table: str, rows: list[Mapping]) -> None:
    if not rows:
        return
    with connect(path) as con:
        data = frame(con, table, rows)
        con.register("appended", data.to_arrow())
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM appended")


def read_frame(path: Path | str, sql: str, params: list | dict | None = None) -> pl.DataFrame:
    with connect(path, read_only=True) as con:
        return con.execute(sql, params or []).pl()


def run_summary(path: Path | str, run_id: str) -> dict | None:
    with connect(path, read_only=True) as con:
        row = con.execute("SELECT summary FROM pipeline_runs WHERE run_id = ?", [run_id]).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def query(path: Path | str, sql: str) -> tuple[list[str], list[tuple]]:
    """Run ad-hoc SQL read-only (a reader can never change the warehouse): the last statement's result."""
    results = query_all(path, sql)
    return results[-1] if results else ([], [])


def table_totals(path: Path | str) -> dict[str, int]:
    """Rows per counted table of the contract, now."""
    with connect(path, read_only=True) as con:
        return dict(con.execute("SELECT table_name, row_count FROM table_sizes").fetchall())


def fingerprint(path: Path | str) -> str:
    """The warehouse's row counts and document ids in one string: equal strings, same warehouse."""
    with connect(path, read_only=True) as con:
        return con.execute(sql_file("load/fingerprint.sql")).fetchone()[0]


def record_fingerprint(path: Path | str, run_id: str, value: str, results_from: str) -> None:
    with connect(path) as con:
        con.execute("UPDATE pipeline_runs SET validated_fingerprint = ?, results_from = ? WHERE run_id = ?",
                    [value, results_from, run_id])


def validated_fingerprint(path: Path | str, run_id: str) -> str | None:
    with connect(path, read_only=True) as con:
        row = con.execute("SELECT validated_fingerprint FROM pipeline_runs WHERE run_id = ?", [run_id]).fetchone()
    return row[0] if row else None


def query_all(path: Path | str, sql: str, export_dir: Path | None = None) -> list[tuple[list[str], list[tuple]]]:
    """Every statement of `sql`, in order, read-only: (columns, rows) for each (no columns for one without a
    result). With `export_dir`, statements may read and write files inside that folder (`COPY ... TO`), and still
    none outside it."""
    with connect(path, read_only=True, allowed_dir=export_dir) as con:
        results = []
        for statement in con.extract_statements(sql):
            cur = con.execute(statement)
            results.append(([d[0] for d in cur.description], cur.fetchall()) if cur.description else ([], []))
        return results
