"""Data-quality checks: Great Expectations suites over frames read back from the warehouse.

GX's SQL datasource does not work against DuckDB, so each suite's table (or `sql/dq` view) is read into a pandas
frame and validated there. Suites live in `expectations/*.json` as plain, reviewable files: one per table or view,
each expectation with a severity (critical fails the run; warning only flags) and a `why` a person understands.
Every result becomes a `dq_results` row, and every offending row a `dq_flag_rows` row, so `dq_flags` can show
exactly which rows tripped which check and why.

Checks that compare rows across documents (conflicting handover dates, disagreeing troop strengths, near-duplicate
base names, ...) are SQL views in `sql/dq/`, one row per fact with the measured quantity and a `detail` sentence;
their suites set the tolerance, so every cross-document result is in Data Docs and `dq_results` like any other.
An expectation may name a `show` column: the value `dq_flags` shows for an offending row (say the amount as
written, or the view's `detail`) instead of the checked column's own value (a bare `False`).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep import contract, warehouse
from sitrep.resources import EXPECTATIONS_DIR

if TYPE_CHECKING:  # pandas and GX cost seconds to import; a run that validates nothing never pays it
    import pandas

log = logging.getLogger(__name__)

SAMPLE_SIZE = 20
CHUNK_DOCUMENTS = 5000  # documents whose rows a per-document suite reads at once (memory, not results, depends on it)


@dataclass(frozen=True)
class Suite:
    name: str
    table: str
    key: list[str]
    expectations: list[dict]
    source: Path
    scope: str = "document"  # "warehouse": its rows compare documents with each other (the file says so)

    @property
    def per_document(self) -> bool:
        """Each row it checks belongs to one document, and no row depends on another document's: checking the
        new documents' rows alone is checking everything that changed."""
        return self.scope != "warehouse" and "doc_id" in self.key


@dataclass
class QualityReport:
    results: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    carried_over_from: str | None = None
    documents_checked: int | None = None  # per-document suites read only these (None: every document)

    @property
    def passed(self) -> int:
        return sum(r["success"] for r in self.results)

    @property
    def failed(self) -> int:
        return len(self.results) - self.passed

    @property
    def critical_failures(self) -> list[dict]:
        return [r for r in self.results if r["severity"] == "critical" and not r["success"]]

    @property
    def warnings(self) -> list[dict]:
        return [r for r in self.results if r["severity"] == "warning" and not r["success"]]


def load_suites(directory: Path = EXPECTATIONS_DIR) -> list[Suite]:
    """The suites of `directory`, each contract table's led by the checks its declaration implies
    (sitrep.contract.basic_expectations); a document, part or fact table without a file gets those alone."""
    suites = []
    for path in sorted(directory.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        for i, exp in enumerate(spec["expectations"]):
            if exp.get("severity") not in ("critical", "warning"):
                raise ValueError(f"{path.name}: expectation {i} needs severity critical or warning")
            if not exp.get("why"):
                raise ValueError(f"{path.name}: expectation {i} needs a 'why'")
        declared = contract.BY_NAME.get(spec["table"])
        basics = contract.basic_expectations(declared) if declared else []
        key = list(declared.key) if declared else spec.get("key", [])
        if spec.get("scope", "document") not in ("document", "warehouse"):
            raise ValueError(f"{path.name}: scope must be document or warehouse")
        suites.append(Suite(spec["suite"], spec["table"], key, basics + spec["expectations"], path,
                            spec.get("scope", "document")))
    covered = {s.table for s in suites}
    for t in contract.tables("document", "part", "fact"):
        if t.name not in covered:
            suites.append(Suite(t.name, t.name, list(t.key), contract.basic_expectations(t), Path(t.name)))
    return sorted(suites, key=lambda s: s.source.stem)


def validate_warehouse(db_path: Path, run_id: str, since: dt.datetime | None = None) -> QualityReport:
    """Run every suite and persist results and flags (the dashboard is their report, not GX's Data Docs: those
    load their styles and scripts from CDNs and are blank offline).

    With `since` (when the last validation ran), a suite whose rows each belong to one document reads only the
    documents loaded after it, and the last validation's flags on every other document still in the warehouse
    stand: they are recorded again for this run and counted in its results. So the cost follows the new
    documents, and `dq_flags` still shows every flagged row. Suites that compare documents with each other, and
    the schema's, always read the whole warehouse (in SQL views, one row per fact). Without `since`: everything.
    """
    suites = load_suites()
    seen = warehouse.fingerprint(db_path)
    previous = last_validation(db_path) if since else None
    since = since if previous else None
    context = _context()
    report = QualityReport(documents_checked=None)
    checked_at = dt.datetime.now()
    chunks = _document_chunks(db_path, since)
    for suite in suites:
        parts = [warehouse.read_frame(db_path, warehouse.sql_file("validate/suite_rows_of.sql").format(
                     table=suite.table), {"doc_ids": chunk, "orphans": i == 0}) for i, chunk in enumerate(chunks)] \
            if suite.per_document else \
            [warehouse.read_frame(db_path, f"SELECT * FROM {suite.table}")]
        per_part = []
        for frame in parts:
            outcomes = _run_suite(context, suite, frame.to_pandas())
            per_part.append([_result_row(run_id, checked_at, suite, outcome) for outcome in outcomes])
            report.flags.extend(flag for outcome in outcomes for flag in _flag_rows(run_id, suite, outcome))
        report.results.extend(_merged(per_part))
    if since is not None:
        report.documents_checked = sum(len(c) for c in chunks)
        _count_standing_flags(db_path, report, previous, since, [s.name for s in suites if s.per_document])
    warehouse.append_rows(db_path, "dq_results", report.results)
    warehouse.append_rows(db_path, "dq_flag_rows", report.flags)
    if since is not None:
        _record_standing_flags(db_path, run_id, previous, since, [s.name for s in suites if s.per_document])
    record_table_counts(db_path, run_id, checked_at)
    warehouse.record_fingerprint(db_path, run_id, seen, results_from=run_id)
    return report


def last_validation(db_path: Path) -> tuple[str, dt.datetime] | None:
    """The run that validated last, and when."""
    frame = warehouse.read_frame(db_path, "SELECT run_id, checked_at FROM dq_results ORDER BY checked_at DESC LIMIT 1")
    return (frame.item(0, 0), frame.item(0, 1)) if frame.height else None


def _document_chunks(db_path: Path, since: dt.datetime | None) -> list[list[str]]:
    """The documents per-document suites check (all, or those loaded after `since`), CHUNK_DOCUMENTS at a time:
    a suite never holds more than one chunk's rows, so memory stays flat however large the warehouse."""
    ids = warehouse.read_frame(db_path, "SELECT doc_id FROM documents WHERE $since IS NULL OR ingested_at > $since "
                                        "ORDER BY doc_id", {"since": since})["doc_id"].to_list()
    return [ids[i : i + CHUNK_DOCUMENTS] for i in range(0, len(ids), CHUNK_DOCUMENTS)] or [[]]


def _merged(per_part: list[list[dict]]) -> list[dict]:
    """One result per check from its results on each chunk: failed if it failed anywhere, the offending rows
    added up, the details (sample, observed value) of the first chunk where it failed."""
    merged = []
    for results in zip(*per_part):
        failed = [r for r in results if not r["success"]]
        counts = [r["unexpected_count"] for r in results if r["unexpected_count"] is not None]
        merged.append({**(failed[0] if failed else results[0]), "success": not failed,
                       "unexpected_count": sum(counts) if counts else None})
    return merged


def _count_standing_flags(db_path: Path, report: QualityReport, previous: tuple[str, dt.datetime],
                          since: dt.datetime, suites: list[str]) -> None:
    """A per-document check fails if it fails on the new documents or still stands flagged on an old one."""
    frame = warehouse.read_frame(db_path, warehouse.sql_file("validate/standing_flags.sql"),
                                 {"previous": previous[0], "since": since, "suites": suites})
    standing = {(r["suite"], r["expectation"], r["column_name"]): r["flagged"] for r in frame.to_dicts()}
    for result in report.results:
        extra = standing.get((result["suite"], result["expectation"], result["column_name"]), 0)
        if extra:
            result["unexpected_count"] = (result["unexpected_count"] or 0) + extra
            result["success"] = False


def _record_standing_flags(db_path: Path, run_id: str, previous: tuple[str, dt.datetime], since: dt.datetime,
                           suites: list[str]) -> None:
    with warehouse.connect(db_path) as con:
        con.execute("BEGIN")
        warehouse.run_script(con, "validate/record_standing_flags.sql",
                             {"run": run_id, "previous": previous[0], "since": since, "suites": suites})
        con.execute("COMMIT")


def carry_over(db_path: Path, run_id: str) -> QualityReport | None:
    """Let the last validated run's results stand for `run_id`, when the warehouse has not changed since.

    Nothing is copied: the run's row names the run whose results stand (`results_from`), so a scheduled run over an
    unchanged folder adds one `pipeline_runs` row and nothing else. Returns None when there is nothing to carry
    over (no run was validated yet, or the warehouse is not the one that validation saw: rows came or went since,
    in this run or an interrupted one), so the caller validates.
    """
    previous = warehouse.read_frame(db_path, "SELECT run_id FROM dq_results ORDER BY checked_at DESC LIMIT 1")
    if previous.height == 0:
        return None
    old_run = previous.item(0, 0)
    current = warehouse.fingerprint(db_path)
    if warehouse.validated_fingerprint(db_path, old_run) != current:
        return None
    warehouse.record_fingerprint(db_path, run_id, current, results_from=old_run)
    results = warehouse.read_frame(db_path, "SELECT * FROM dq_results WHERE run_id = ?", [old_run]).to_dicts()
    return QualityReport(results=results, carried_over_from=old_run)


def record_table_counts(db_path: Path, run_id: str, counted_at: dt.datetime) -> None:
    """Row counts of every contract table as validated, so a run's growth (or a lost table) shows over time."""
    with warehouse.connect(db_path) as con:
        con.execute("BEGIN")
        con.execute("DELETE FROM table_counts WHERE run_id = ?", [run_id])
        con.execute("INSERT INTO table_counts SELECT ?, ?, table_name, row_count FROM table_sizes",
                    [run_id, counted_at])
        con.execute("COMMIT")


def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _run_suite(context, suite: Suite, data: pandas.DataFrame) -> list[tuple[dict, object]]:
    """Validate one frame against one suite; returns (spec, GX result) pairs in the suite's order."""
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    source = context.data_sources.add_or_update_pandas("sitrep")
    try:
        asset = source.get_asset(suite.table)
    except LookupError:
        asset = source.add_dataframe_asset(suite.table)
    try:
        batch = asset.get_batch_definition("whole")
    except (KeyError, LookupError):
        batch = asset.add_batch_definition_whole_dataframe("whole")
    specs = suite.expectations
    expectations = [
        ExpectationConfiguration(
            type=spec["type"], kwargs=spec["kwargs"], severity=spec["severity"], meta={"why": spec["why"]}
        ).to_domain_obj()
        for spec in specs
    ]
    gx_suite = context.suites.add_or_update(gx.ExpectationSuite(name=suite.name, expectations=expectations))
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(data=batch, suite=gx_suite, name=suite.name)
    )
    shown = [spec["show"] for spec in specs if spec.get("show")]
    key = [c for c in dict.fromkeys(suite.key + shown) if c in data.columns]
    result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": key} if key else "COMPLETE"
    checkpoint = context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=f"sitrep_{suite.name}",
            validation_definitions=[definition],
            actions=[],
            result_format=result_format,
        )
    )
    outcome = checkpoint.run(batch_parameters={"dataframe": data})
    results = next(iter(outcome.run_results.values())).results
    by_id = {str(r.expectation_config.id): r for r in results}
    return [(spec, by_id[str(exp.id)]) for spec, exp in zip(specs, gx_suite.expectations)]


def _result_row(run_id: str, checked_at: dt.datetime, suite: Suite, outcome: tuple[dict, object]) -> dict:
    spec, result = outcome
    detail = result.result or {}
    error = (result.exception_info or {}).get("exception_message") if not result.success else None
    return {
        "run_id": run_id,
        "checked_at": checked_at,
        "suite": suite.name,
        "expectation": spec["type"],
        "table_name": suite.table,
        "column_name": spec["kwargs"].get("column"),
        "severity": spec["severity"],
        "success": bool(result.success),
        "unexpected_count": detail.get("unexpected_count"),
        "details": json.dumps(
            {
                "why": spec["why"],
                "kwargs": spec["kwargs"],
                "observed_value": detail.get("observed_value"),
                "unexpected_percent": detail.get("unexpected_percent"),
                "sample": (detail.get("partial_unexpected_list") or [])[:SAMPLE_SIZE],
                "error": error,
            },
            default=str,
        ),
    }


def _flag_rows(run_id: str, suite: Suite, outcome: tuple[dict, object]) -> list[dict]:
    spec, result = outcome
    if result.success:
        return []
    column = spec["kwargs"].get("column")
    flags = []
    for index in (result.result or {}).get("unexpected_index_list") or []:
        if not isinstance(index, dict):
            continue
        key = {k: index.get(k) for k in suite.key}
        flags.append(
            {
                "run_id": run_id,
                "suite": suite.name,
                "table_name": key.get("table_name") or suite.table,
                "row_key": json.dumps(key, default=str),
                "doc_id": key.get("doc_id"),
                "expectation": spec["type"],
                "severity": spec["severity"],
                "column_name": column,
                "value": _shown_value(spec, index),
                "reason": spec["why"],
            }
        )
    return flags


def _shown_value(spec: dict, index: dict) -> str | None:
    """What a person needs to see of the offending row: the `show` column, else the checked column(s)."""
    kwargs = spec["kwargs"]
    columns = [spec["show"]] if spec.get("show") else [kwargs["column"]] if kwargs.get("column") else (
        kwargs.get("column_list") or [c for c in (kwargs.get("column_A"), kwargs.get("column_B")) if c]
    )
    values = [index.get(c) for c in columns]
    if not values or all(v is None for v in values):
        return None
    return ", ".join(str(v) for v in values)
