"""The sitrep flow: the whole order of work, readable in one screen.

    lock -> scan -> for each batch: ingest -> clean -> extract -> load -> validate -> unlock

Each task is a thin wrapper over a plain function that tests call directly. Tasks receive paths, never DuckDB
connections (a connection cannot be hashed or shipped to a worker), and cache nothing: documents are large and
the warehouse, not Prefect, remembers what was loaded. Only the I/O tasks retry.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from sitrep import prefect_env

prefect_env.configure()  # before Prefect is imported; a no-op when the CLI configured it first

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import TerminationSignal
from prefect.runtime import flow_run

from sitrep import interruption, progress, quality, stages, warehouse
from sitrep.config import DEFAULT_INPUT, DEFAULT_WAREHOUSE, dashboard_path
from sitrep.ingest import DEFAULT_MAX_BYTES, TEXT_SUFFIXES, Rejection
from sitrep.runlock import run_lock
from sitrep.stages import ScanResult
from sitrep.summary import STAGES, format_summary

DEFAULT_BATCH_SIZE = 500
DEFAULT_LOCK_WAIT_SECONDS = 30.0


class CriticalChecksFailed(RuntimeError):
    """Raised after loading when a critical data-quality check failed; the data stays queryable."""


@dataclass
class Summary:
    run_id: str
    input_dir: str
    warehouse: str
    files_seen: int = 0
    files_unchanged: int = 0
    documents_new: int = 0
    documents_known: int = 0
    files_rejected: int = 0
    hidden_skipped: int = 0
    rejected: list[dict] = field(default_factory=list)
    gone: list[dict] = field(default_factory=list)  # files loaded before, deleted or refused since (this run)
    documents_pruned: int = 0
    blocks_removed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    checks_passed: int = 0
    checks_failed: int = 0
    critical_failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # rows per table in the whole warehouse after the run
    seconds: dict[str, float] = field(default_factory=dict)
    dq_report: str | None = None
    validation: str = "ran"
    message: str | None = None


# --- Prefect tasks: thin wrappers -----------------------------------------------------------------------------
# clean and extract return (result, seconds): they may run concurrently or on other machines (Dask), so the flow
# cannot time them from the outside. Documents travel between tasks inside a Batch (see below).


class Batch:
    """Documents handed from task to task.

    A plain class on purpose: Prefect walks every list, tuple and dataclass given to a task, down to each fact,
    looking for futures, and that walk cost about as much CPU as cleaning the documents. It does not look inside
    an object like this one. (prefect's quote() does the same for the default runner but is not unwrapped on Dask.)
    """

    __slots__ = ("items",)

    def __init__(self, items: list) -> None:
        self.items = items


@task(name="scan", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def scan_task(input_dir: Path, db_path: Path, allow_outside_links: bool, suffixes: tuple[str, ...]) -> ScanResult:
    return stages.scan(input_dir, db_path, allow_outside_links, suffixes)


@task(name="ingest", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def ingest_task(entries: Batch, db_path: Path, max_bytes: int) -> tuple[Batch, Batch, list[Rejection]]:
    new, known, refused = stages.ingest(entries.items, db_path, max_bytes)
    return Batch(new), Batch(known), refused


@task(name="clean", cache_policy=NO_CACHE)
def clean_task(docs: Batch) -> tuple[Batch, float]:
    started = time.perf_counter()
    return Batch(stages.clean(docs.items)), time.perf_counter() - started


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(cleaned: tuple[Batch, float]) -> tuple[Batch, float]:
    started = time.perf_counter()
    return Batch(stages.extract(cleaned[0].items)), time.perf_counter() - started


@task(name="load", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def load_task(db_path: Path, extracted: Batch, known: Batch) -> dict[str, int]:
    return stages.load(db_path, extracted.items, known.items)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(db_path: Path, run_id: str, changed: bool, revalidate: bool) -> quality.QualityReport:
    """An unchanged warehouse is not validated again: the last validated run's results stand for this run. A
    changed one has the documents loaded since the last validation checked, and the whole of it only with
    `revalidate` (after editing a suite) or when nothing was validated before."""
    report = None if changed else quality.carry_over(db_path, run_id)
    if report:
        return report
    last = None if revalidate else quality.last_validation(db_path)
    return quality.validate_warehouse(db_path, run_id, since=last[1] if last else None)


@task(name="report", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def report_task(db_path: Path, rebuild: bool) -> str:
    """The data-quality report (the dashboard page), rebuilt when validation ran or the page is missing."""
    page = dashboard_path(db_path)
    if page.exists() and not rebuild:
        return str(page)
    from sitrep.report.dashboard import build_dashboard  # charting costs a second to import: only when drawn

    return str(build_dashboard(db_path, page))


# --- the flow -------------------------------------------------------------------------------------------------


@flow(name="sitrep", log_prints=True)
def sitrep_flow(
    input_dir: str = str(DEFAULT_INPUT),
    warehouse_path: str = str(DEFAULT_WAREHOUSE),
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
    in_flight: int = 2,
    revalidate: bool = False,
    allow_outside_links: bool = False,
    suffixes: list[str] | None = None,
    prune: bool = False,
) -> dict:
    """Ingest `input_dir` into the warehouse and validate it.

    Batches are cleaned and extracted as submitted tasks (on Dask workers when the flow runs with a Dask task
    runner) while the flow itself reads files and writes the warehouse: at most `in_flight` batches are in
    memory at once, so memory stays flat however large the folder. A run that finds the warehouse as the last
    validation saw it lets that validation's results stand (recording nothing but its run row) instead of
    re-running every suite, unless `revalidate` (after editing a suite).
    """
    logger = get_run_logger()
    db_path = Path(warehouse_path).resolve()
    run_id = str(flow_run.get_id() or f"local-{dt.datetime.now():%Y%m%dT%H%M%S}")
    with warehouse.lock_wait(lock_wait_seconds), run_lock(db_path, run_id, lock_wait_seconds):
        summary = Summary(run_id=run_id, input_dir=str(Path(input_dir).resolve()), warehouse=str(db_path))
        try:
            warehouse.ensure_schema(db_path)
            warehouse.start_run(db_path, run_id, summary.input_dir)
        except warehouse.WarehouseLocked as exc:  # a long reader: this attempt goes on record with the next run
            warehouse.note_attempt(db_path, run_id, summary.input_dir, str(exc))
            raise
        logger.info("run %s: %s -> %s", run_id, summary.input_dir, db_path)
        try:
            _run(summary, Path(input_dir), db_path, batch_size, max_bytes, max(1, in_flight), revalidate,
                 allow_outside_links, tuple(suffixes or TEXT_SUFFIXES), prune, logger)
        except (KeyboardInterrupt, TerminationSignal):  # Ctrl-C, or SIGTERM (Prefect raises the latter for it)
            summary.message = "cancelled (interrupted by a signal)"
            warehouse.finish_run(db_path, run_id, "cancelled", _as_dict(summary))
            raise
        except Exception as exc:
            if interruption.received():
                summary.message = "cancelled (interrupted by a signal)"
                warehouse.finish_run(db_path, run_id, "cancelled", _as_dict(summary))
                raise KeyboardInterrupt from exc
            summary.message = summary.message or f"{type(exc).__name__}: {exc}".splitlines()[0]
            warehouse.finish_run(db_path, run_id, "failed", _as_dict(summary))
            logger.error("%s\nfailed: %s", format_summary(_as_dict(summary)), summary.message)
            raise
        warehouse.finish_run(db_path, run_id, "completed", _as_dict(summary))
    logger.info("%s", format_summary(_as_dict(summary)))
    return _as_dict(summary)


def _run(summary: Summary, input_dir: Path, db_path: Path, batch_size: int, max_bytes: int, in_flight: int,
         revalidate: bool, allow_outside_links: bool, suffixes: tuple[str, ...], prune: bool, logger) -> None:
    seconds: Counter[str] = Counter()
    started = time.perf_counter()
    found = scan_task(input_dir, db_path, allow_outside_links, suffixes)
    seconds["ingest"] += time.perf_counter() - started
    summary.files_seen, summary.files_unchanged = found.files_seen, found.unchanged
    summary.hidden_skipped = found.hidden
    rejections = list(found.rejections)
    logger.info("%d files seen, %d unchanged since the last run, %d to read", found.files_seen, found.unchanged,
                len(found.to_read))
    progress.start(len(found.to_read))

    batches = [found.to_read[i : i + batch_size] for i in range(0, len(found.to_read), batch_size)]
    rows: Counter[str] = Counter()
    pending: deque = deque()
    done_files = 0

    def load_oldest() -> None:
        nonlocal done_files
        cleaning, extracting, known, n_files = pending.popleft()
        extracted, extract_seconds = extracting.result()
        seconds["clean"] += cleaning.result()[1]
        seconds["extract"] += extract_seconds
        t = time.perf_counter()
        rows.update(load_task(db_path, extracted, known))
        seconds["load"] += time.perf_counter() - t
        done_files += n_files
        progress.advance(n_files)
        logger.info("loaded %d new documents (%d of %d files done)", len(extracted.items), done_files,
                    len(found.to_read))

    for batch in batches:
        t = time.perf_counter()
        new, known, refused = ingest_task(Batch(batch), db_path, max_bytes)
        seconds["ingest"] += time.perf_counter() - t
        rejections += refused
        summary.documents_new += len(new.items)
        summary.documents_known += len(known.items)
        cleaning = clean_task.submit(new)
        pending.append((cleaning, extract_task.submit(cleaning), known, len(batch)))
        while len(pending) >= in_flight:
            load_oldest()
    while pending:
        load_oldest()

    summary.gone, summary.documents_pruned = stages.retire(db_path, input_dir, found, rejections, prune)
    warehouse.record_rejections(db_path, summary.run_id, [r.__dict__ for r in rejections])
    summary.files_rejected = len(rejections)
    summary.rejected = [{"source_file": r.source_file, "reason": r.reason} for r in rejections]
    summary.rows = {table: rows.get(table, 0) for table in warehouse.DOCUMENT_TABLES}
    summary.blocks_removed = rows.get("removed_blocks", 0)
    summary.totals = warehouse.table_totals(db_path)

    t = time.perf_counter()
    changed = revalidate or any(rows.values()) or summary.documents_pruned > 0
    report = validate_task(db_path, summary.run_id, changed, revalidate)
    if report.carried_over_from:
        summary.validation = f"unchanged warehouse: the results of run {report.carried_over_from} stand"
    elif report.documents_checked is not None:
        summary.validation = (f"{report.documents_checked} documents loaded since the last validation checked, with "
                              "the cross-document checks; the flags on the others stand (--revalidate: all)")
    seconds["validate"] += time.perf_counter() - t
    summary.checks_passed, summary.checks_failed = report.passed, report.failed
    summary.critical_failures = [f"{r['suite']}: {r['expectation']} ({r['column_name']})" for r in report.critical_failures]
    summary.warnings = [f"{r['suite']}: {r['expectation']} ({r['column_name']})" for r in report.warnings]
    t = time.perf_counter()
    summary.dq_report = report_task(db_path, rebuild=report.carried_over_from is None)
    seconds["report"] += time.perf_counter() - t
    summary.seconds = {stage: round(seconds[stage], 3) for stage in STAGES}
    if report.critical_failures:
        summary.message = f"{len(report.critical_failures)} critical data-quality check(s) failed: " + "; ".join(
            summary.critical_failures
        )
        raise CriticalChecksFailed(summary.message)


def _as_dict(summary: Summary) -> dict:
    return dict(summary.__dict__)
