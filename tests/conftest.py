"""Fixtures in one place. Prefect's state goes to a temporary folder, so tests never touch warehouse/ or ~/.prefect."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import psutil
import pytest

_PREFECT_HOME = tempfile.mkdtemp(prefix="sitrep-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME  # before sitrep.prefect_env is imported by any test module
os.environ["PREFECT_LOGGING_TO_API_ENABLED"] = "false"  # log lines after the server stops would fail to send
# Every process a test starts inherits this mark, however far it is reparented: the session's end finds them by it.
PROCESS_MARK = "SITREP_TEST_SESSION"
os.environ[PROCESS_MARK] = uuid.uuid4().hex

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "wh" / "sitrep.duckdb"


@pytest.fixture
def input_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory) -> str:
    """One Prefect server for the whole session, as `sitrep server start` would keep: every flow run of a test,
    in this process or a `sitrep` it starts, reports to it instead of starting a server of its own. It runs
    under sitrep's watchdog, so it stops with this process however pytest ends."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from sitrep import server

    with server.watched(tmp_path_factory.mktemp("prefect-server") / "sitrep.duckdb") as url:
        os.environ["PREFECT_API_URL"] = url
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
        os.environ.pop("PREFECT_API_URL", None)


@pytest.fixture(autouse=True)
def _slow_tests_share_the_prefect_server(request) -> None:
    if request.node.get_closest_marker("slow"):
        request.getfixturevalue("prefect_api")


@pytest.fixture(scope="session")
def seed_runs(tmp_path_factory, prefect_api) -> dict:
    """The full flow, run twice on the seeds into one temporary warehouse (the expensive part, done once)."""
    from sitrep import warehouse
    from sitrep.flow import sitrep_flow

    db = tmp_path_factory.mktemp("seedrun") / "sitrep.duckdb"
    first = sitrep_flow(input_dir=str(SEEDS), warehouse_path=str(db), return_state=True)
    snapshot_1 = table_snapshot(db)
    second = sitrep_flow(input_dir=str(SEEDS), warehouse_path=str(db), return_state=True)
    snapshot_2 = table_snapshot(db)
    return {
        "db": db,
        "states": (first, second),
        "summaries": tuple(warehouse.run_summary(db, str(s.state_details.flow_run_id)) for s in (first, second)),
        "snapshots": (snapshot_1, snapshot_2),
    }


def table_snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every contract table's rows, minus load timestamps, in a stable order."""
    from sitrep import warehouse

    out = {}
    for table in warehouse.DOCUMENT_TABLES:
        frame = warehouse.read_frame(db, f"SELECT * FROM {table}")
        frame = frame.drop([c for c in ("ingested_at",) if c in frame.columns])
        out[table] = sorted(frame.rows(), key=repr)
    return out


def copy_seeds(target: Path, names: list[str] | None = None) -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    if names is not None:
        paths = [p for p in paths if p.name in names]
    return [Path(shutil.copy2(p, target / p.name)) for p in paths]


# Fixtures that start Prefect's temporary server (a flow run): every test using one is slow, marked or not.
_SERVER_FIXTURES = {"seed_runs"}


def pytest_collection_modifyitems(config, items):
    """`make check` leaves out what needs a Prefect server, a Dask cluster or a subprocess: mark it here, from the
    fixtures a test uses and the modules that spawn processes, so a new test cannot slip into the fast loop."""
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1]
        if module in _SPAWNING_MODULES or _SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if module in _VALIDATING_MODULES:
            item.add_marker(pytest.mark.gx)


# Test modules whose tests run every Great Expectations suite over a warehouse (about 2 s each on this machine).
_VALIDATING_MODULES = {"test_quality", "test_dq_checks", "test_dashboard"}
# Test modules whose tests start other processes (a DuckDB holder, the shared scorer, `sitrep` itself).
_SPAWNING_MODULES = {"test_concurrency", "test_scores", "test_serve", "test_dask", "test_install", "test_processes",
                     "test_server"}


def marked_processes(name: str = PROCESS_MARK, value: str | None = None) -> list[psutil.Process]:
    """Live processes, other than this one, whose environment carries `name` (= `value`, default: this session's)."""
    value = value or os.environ[name]
    found = []
    for proc in psutil.process_iter():
        if proc.pid == os.getpid():
            continue
        try:
            if proc.environ().get(name) == value and proc.status() != psutil.STATUS_ZOMBIE and not _ends_with_us(proc):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def _ends_with_us(proc: psutil.Process) -> bool:
    """multiprocessing's resource tracker (started in this process by the Dask test's cluster) reads a pipe from
    this process and exits when it does: it cannot outlive the session."""
    return proc.ppid() == os.getpid() and "multiprocessing.resource_tracker" in " ".join(proc.cmdline())


def stop_processes(procs: list[psutil.Process]) -> None:
    for proc in procs:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(procs, timeout=10)


def pytest_sessionfinish(session, exitstatus):
    """Stop Prefect's temporary server while pytest's streams are still open (its atexit log line would hit a
    closed stream and print a logging traceback), then fail the session if any process a test started is alive."""
    import sys

    server_module = sys.modules.get("prefect.server.api.server")
    if server_module is not None:
        for server in list(server_module.SubprocessASGIServer._instances.values()):
            server.stop()
    deadline = time.monotonic() + 10
    while (left := marked_processes()) and time.monotonic() < deadline:
        time.sleep(0.2)
    if left:
        names = ", ".join(f"{p.pid} {' '.join(p.cmdline()[:4])}" for p in left)
        stop_processes(left)
        print(f"\nprocesses started by tests were still running at the end (now killed): {names}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def load_folder(input_dir: Path, db: Path, batch_size: int = 500, prune: bool = False) -> dict:
    """The flow's stages called as plain functions, without Prefect or validation: fast enough to repeat."""
    from sitrep import stages as pipeline, warehouse

    warehouse.ensure_schema(db)
    found = pipeline.scan(input_dir, db)
    rejections = list(found.rejections)
    new_total = 0
    for i in range(0, len(found.to_read), batch_size):
        new, known, refused = pipeline.ingest(found.to_read[i : i + batch_size], db, pipeline.DEFAULT_MAX_BYTES)
        pipeline.load(db, pipeline.extract(pipeline.clean(new)), known)
        rejections += refused
        new_total += len(new)
    gone, pruned = pipeline.retire(db, input_dir, found, rejections, prune)
    return {"new": new_total, "unchanged": found.unchanged, "gone": gone, "pruned": pruned}


def as_published(articles: Path, target: Path) -> Path:
    """Our extraction articles are bare bodies; give each the headline and date line a real page has."""
    target.mkdir(parents=True)
    for gold_file in sorted(articles.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        day = dt.date.fromisoformat(gold["published_on"])
        body = gold_file.with_suffix(".txt").read_text(encoding="utf-8")
        (target / gold_file.with_suffix(".txt").name).write_text(
            f"{gold['title']}\n\n{day:%B} {day.day}, {day.year}\n\n{body}", encoding="utf-8")
        shutil.copy(gold_file, target)
    return target


def varied_seeds(target: Path, copies: int) -> list[Path]:
    """`copies` distinct documents made from the seeds (a numbered line appended changes each one's bytes)."""
    seeds = sorted(SEEDS.glob("*.txt"))
    paths = []
    for n in range(copies):
        seed = seeds[n % len(seeds)]
        path = target / f"{n:04d}_{seed.name}"
        path.write_text(seed.read_text(encoding="utf-8") + f"\n\nCopy {n}.\n", encoding="utf-8")
        paths.append(path)
    return paths
