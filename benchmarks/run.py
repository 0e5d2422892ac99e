"""The throughput benchmark of issue #6: the floor, each stage, the whole flow, and a re-run, on one corpus.

Builds N synthetic page dumps (benchmarks/corpus.py), then measures, on the same files:

  floor     read every file and bulk-insert its raw text into a fresh DuckDB through Arrow: the least any
            pipeline that stores the text must pay, so the flow's cost is judged against it, not in a vacuum;
  stages    pipeline.scan/ingest/clean/extract/load as plain functions in batches (as tests/conftest.load_folder
            chains them), then quality.validate_warehouse once: which stage limits the speed;
  flow      `sitrep run` in a subprocess, as a user runs it: wall time, the time without Prefect's temporary
            server start-up (from when the child's log lines arrive), CPU seconds and peak RSS of the child;
  re-run    the same command on the unchanged corpus: what an incremental run costs, as a ratio to the first;
  dask      optionally, the flow again with --task-runner dask into a fresh warehouse.

Wall time is shared with whatever else runs on the machine, so CPU seconds are recorded beside it. Everything
runs warm: the corpus was just written, so its files are in the page cache for every measurement alike.

usage: python -m benchmarks.run [--docs 10000] [--out benchmarks/out/bench.json] [--keep-corpus DIR]
                                [--skip-flow] [--skip-stages] [--dask] [--compare OTHER.json]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.corpus import DEFAULT_SEED, write_corpus

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "benchmarks" / "out" / "bench.json"
SITREP = Path(sys.executable).with_name("sitrep")
BATCH_SIZE = 500
MB = 1_000_000
FLOW_START = re.compile(r"Beginning flow run")
FLOW_END = re.compile(r"Flow run .* - Finished in state")
TARGET_DOCS_PER_S, TARGET_FLOOR_FACTOR, TARGET_RERUN_RATIO = 100.0, 10.0, 0.05


@dataclass
class Row:
    """One line of the table: a measured piece of work over `docs` documents of `bytes` raw bytes."""

    name: str
    seconds: float
    cpu_seconds: float | None
    docs: int
    bytes: int
    peak_rss_mb: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes / MB / self.seconds if self.seconds else 0.0

    def as_json(self) -> dict:
        return {**asdict(self), "docs_per_s": round(self.docs_per_s, 1), "mb_per_s": round(self.mb_per_s, 3)}


# --- memory ------------------------------------------------------------------------------------------------------


def _status_kb(pid: int | str, key: str) -> int:
    """A VmRSS/VmHWM line of /proc/PID/status in kB; 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    """The process tree under `pid` (Prefect's server, Dask's workers), read from /proc's children lists."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except FileNotFoundError:
            continue
        for tid in tasks:
            try:
                children = Path(f"/proc/{current}/task/{tid}/children").read_text().split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            for child in map(int, children):
                found.append(child)
                todo.append(child)
    return found


class RssSampler:
    """Samples this process's resident memory in a thread and keeps the peak per label.

    ru_maxrss only ever grows over a process's life, so it cannot tell which stage set the peak; sampling
    VmRSS every few milliseconds while a label is active can. A stage's peak is the process's size while that
    stage ran, including what earlier stages left allocated, not what the stage itself allocated.
    """

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.label: str | None = None
        self.peaks_kb: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        label = self.label
        if label is not None:
            rss = _status_kb("self", "VmRSS:")
            self.peaks_kb[label] = max(self.peaks_kb.get(label, 0), rss)

    def peak_mb(self, label: str) -> float:
        return round(self.peaks_kb.get(label, 0) / 1024, 1)


class Clock:
    """Accumulates wall and CPU seconds per stage across batches, and labels the RSS sampler meanwhile."""

    def __init__(self, sampler: RssSampler) -> None:
        self.sampler = sampler
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.sampler.label = name
        self.sampler.sample()
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
            self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu
            self.sampler.sample()
            self.sampler.label = None


# --- facts about the machine and the corpus ----------------------------------------------------------------------


def machine_facts() -> dict:
    """What a reader needs to compare two JSON files: cores, CPU, memory, versions, and how busy the box was."""
    import duckdb
    import polars

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu,
        "memory_total_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "polars": polars.__version__,
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg(),
    }


def corpus_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.txt"))


# --- (a) the floor -----------------------------------------------------------------------------------------------


def measure_floor(files: list[Path], db: Path, clock: Clock) -> Row:
    """Read every file, decode it, and insert (path, raw_text) into DuckDB from Arrow, one batch per statement."""
    import duckdb
    import pyarrow as pa

    warm = pa.table({"raw_text": ["x"]})  # pyarrow's first table costs seconds once: start-up, not throughput
    duckdb.connect().execute("SELECT count(*) FROM warm").fetchall()
    total = 0
    with clock.stage("floor"):
        con = duckdb.connect(str(db))
        con.execute("CREATE TABLE raw_documents (path VARCHAR, raw_text VARCHAR)")
        for start in range(0, len(files), BATCH_SIZE):
            paths = files[start : start + BATCH_SIZE]
            data = [p.read_bytes() for p in paths]
            total += sum(map(len, data))
            batch = pa.table({"path": [str(p) for p in paths], "raw_text": [d.decode("utf-8") for d in data]})
            con.execute("INSERT INTO raw_documents SELECT * FROM batch")
        rows = con.execute("SELECT count(*) FROM raw_documents").fetchone()[0]
        con.close()
    return Row("floor: read + insert raw", clock.wall["floor"], clock.cpu["floor"], rows, total,
               clock.sampler.peak_mb("floor"))


# --- (b) the stages as plain functions ---------------------------------------------------------------------------


def measure_stages(folder: Path, db: Path, clock: Clock) -> list[Row]:
    """The flow's order of work without Prefect, batch by batch, so memory stays what the flow would hold."""
    from sitrep import quality, stages as pipeline, warehouse

    with clock.stage("schema"):
        warehouse.ensure_schema(db)
    with clock.stage("scan"):
        found = pipeline.scan(folder, db)
    files, raw_bytes, new_docs, new_bytes = len(found.to_read), sum(e.byte_size for e in found.to_read), 0, 0
    rows: dict[str, int] = {}
    for start in range(0, files, BATCH_SIZE):
        with clock.stage("ingest"):
            new, known, _ = pipeline.ingest(found.to_read[start : start + BATCH_SIZE], db, pipeline.DEFAULT_MAX_BYTES)
        new_docs += len(new)
        new_bytes += sum(d.byte_size for d in new)
        with clock.stage("clean"):
            cleaned = pipeline.clean(new)
        with clock.stage("extract"):
            extracted = pipeline.extract(cleaned)
        with clock.stage("load"):
            for table, count in pipeline.load(db, extracted, known).items():
                rows[table] = rows.get(table, 0) + count
        del new, known, cleaned, extracted
    with clock.stage("validate"):
        report = quality.validate_warehouse(db, "benchmark")
    sizes = {"scan": (files, raw_bytes), "ingest": (files, raw_bytes)}
    out = []
    for stage in ("scan", "ingest", "clean", "extract", "load", "validate"):
        docs, size = sizes.get(stage, (new_docs, new_bytes))
        peak = clock.sampler.peak_mb(stage)
        out.append(Row(f"stage: {stage}", clock.wall[stage], clock.cpu[stage], docs, size, peak))
    total_wall = sum(clock.wall[s] for s in ("schema", "scan", "ingest", "clean", "extract", "load", "validate"))
    total_cpu = sum(clock.cpu[s] for s in ("schema", "scan", "ingest", "clean", "extract", "load", "validate"))
    peak = max(row.peak_rss_mb or 0 for row in out)
    out.append(Row("stages: total", total_wall, total_cpu, new_docs, new_bytes, peak,
                   {"rows": rows, "checks_passed": report.passed, "checks_failed": report.failed,
                    "critical_failures": len(report.critical_failures)}))
    return out


# --- (c, d, e) the flow in a subprocess --------------------------------------------------------------------------


@dataclass
class ChildRun:
    """What one `sitrep run` child did, seen from outside: its output lines stamped on arrival, and its memory."""

    returncode: int
    wall: float
    cpu: float
    maxrss_mb: float
    hwm_mb: float
    tree_peak_mb: float
    lines: list[tuple[float, str]]


def run_child(command: list[str], env: dict[str, str], log: Path) -> ChildRun:
    """Run `command`, stamping each output line as it arrives and polling the child's memory until it exits.

    VmHWM is the child's own peak RSS (Prefect's server and Dask's workers are separate processes); the tree
    peak adds up every process under the child at each poll. wait4's ru_maxrss is kept as a cross-check: it is
    the largest of the child and its reaped descendants, never their sum.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                            text=True, bufsize=1)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=_read_lines, args=(proc, started, lines), daemon=True)
    reader.start()
    hwm_kb, tree_kb = 0, 0
    while True:
        done, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if done:
            break
        hwm_kb = max(hwm_kb, _status_kb(proc.pid, "VmHWM:"))
        tree = [proc.pid, *_descendants(proc.pid)]
        tree_kb = max(tree_kb, sum(_status_kb(pid, "VmRSS:") for pid in tree))
        time.sleep(0.1)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join(timeout=10)
    log.write_text("".join(f"{t:9.3f} {line}" for t, line in lines), encoding="utf-8")
    return ChildRun(proc.returncode, wall, usage.ru_utime + usage.ru_stime, round(usage.ru_maxrss / 1024, 1),
                    round(hwm_kb / 1024, 1), round(tree_kb / 1024, 1), lines)


def _read_lines(proc: subprocess.Popen, started: float, lines: list[tuple[float, str]]) -> None:
    for line in proc.stdout:
        lines.append((time.perf_counter() - started, line))


def flow_window(lines: list[tuple[float, str]]) -> tuple[float | None, float | None]:
    """When the flow began and finished, by the arrival of Prefect's own log lines (None if not found)."""
    begin = next((t for t, line in lines if FLOW_START.search(line)), None)
    end = next((t for t, line in reversed(lines) if FLOW_END.search(line)), None)
    return begin, end


def latest_run_summary(db: Path) -> dict:
    """The summary the flow stored for its latest run: its own per-stage seconds and row counts."""
    from sitrep import warehouse

    _, rows = warehouse.query(db, "SELECT summary FROM pipeline_runs ORDER BY started_at DESC LIMIT 1")
    return json.loads(rows[0][0]) if rows and rows[0][0] else {}


def measure_flow(name: str, folder: Path, db: Path, workdir: Path, corpus: tuple[int, int],
                 extra_args: list[str] = ()) -> Row:
    """`sitrep run` as a user types it, with Prefect's state in the benchmark's own folder."""
    env = {**os.environ, "PREFECT_HOME": str(workdir / "prefect"), "PYTHONUNBUFFERED": "1"}
    command = [str(SITREP), "run", "-v", "--input", str(folder), "--warehouse", str(db), *extra_args]  # -v: the log lines timed
    log = workdir / f"{name.replace(' ', '_')}.log"
    child = run_child(command, env, log)
    begin, end = flow_window(child.lines)
    summary = latest_run_summary(db) if db.exists() else {}
    in_flow = (end - begin) if begin is not None and end is not None else None
    extra = {
        "command": " ".join(command),
        "returncode": child.returncode,
        "startup_seconds": round(begin, 3) if begin is not None else None,
        "flow_seconds_excluding_startup": round(in_flow, 3) if in_flow is not None else None,
        "child_vmhwm_mb": child.hwm_mb,
        "process_tree_peak_mb": child.tree_peak_mb,
        "wait4_maxrss_mb": child.maxrss_mb,
        "stage_seconds_in_flow": summary.get("seconds"),
        "documents_new": summary.get("documents_new"),
        "files_unchanged": summary.get("files_unchanged"),
        "rows": summary.get("rows"),
        "checks_failed": summary.get("checks_failed"),
        "log": str(log),
    }
    if child.returncode != 0:
        extra["tail"] = "".join(line for _, line in child.lines[-15:])
    docs, size = corpus
    return Row(name, child.wall, child.cpu, docs, size, child.hwm_mb, extra)


def excluding_startup(row: Row) -> Row | None:
    """The same run, timed from Prefect's 'Beginning flow run' to its 'Finished in state' line."""
    seconds = row.extra.get("flow_seconds_excluding_startup")
    if not seconds:
        return None
    return Row(f"{row.name} excl. start-up", seconds, None, row.docs, row.bytes, row.peak_rss_mb)


# --- report ------------------------------------------------------------------------------------------------------


def format_table(rows: list[Row]) -> str:
    header = (f"{'measurement':48} {'docs':>7} {'MB':>7} {'wall s':>8} {'cpu s':>8} {'docs/s':>8} {'MB/s':>7} "
              f"{'peak RSS MB':>12}")
    lines = [header, "-" * len(header)]
    for r in rows:
        cpu = "" if r.cpu_seconds is None else f"{r.cpu_seconds:8.1f}"
        rss = "" if r.peak_rss_mb is None else f"{r.peak_rss_mb:12.0f}"
        lines.append(f"{r.name:48} {r.docs:7d} {r.bytes / MB:7.1f} {r.seconds:8.1f} {cpu:>8} "
                     f"{r.docs_per_s:8.1f} {r.mb_per_s:7.2f} {rss:>12}")
    return "\n".join(lines)


def targets(rows: dict[str, Row]) -> dict:
    """Issue #6's targets, judged on this run (memory flatness needs two runs: see --compare)."""
    floor, flow, rerun = rows.get("floor"), rows.get("flow"), rows.get("rerun")
    out: dict = {}
    if flow:
        core = excluding_startup(flow)
        out["flow_docs_per_s"] = round(flow.docs_per_s, 1)
        out["flow_docs_per_s_excl_startup"] = round(core.docs_per_s, 1) if core else None
        out["flow_docs_per_s_ok"] = (core or flow).docs_per_s >= TARGET_DOCS_PER_S
        if floor:
            out["flow_over_floor"] = round(flow.seconds / floor.seconds, 1)
            out["flow_over_floor_excl_startup"] = round(core.seconds / floor.seconds, 1) if core else None
            out["flow_over_floor_ok"] = (core or flow).seconds <= TARGET_FLOOR_FACTOR * floor.seconds
    if flow and rerun:
        out["rerun_over_first"] = round(rerun.seconds / flow.seconds, 3)
        first_core, again_core = excluding_startup(flow), excluding_startup(rerun)
        if first_core and again_core:
            out["rerun_over_first_excl_startup"] = round(again_core.seconds / first_core.seconds, 3)
        out["rerun_ok"] = out.get("rerun_over_first_excl_startup", out["rerun_over_first"]) <= TARGET_RERUN_RATIO
    return out


def compare(result: dict, other_path: Path) -> dict:
    """Peak memory of this run against another JSON of a different N: flat means the ratio stays near 1."""
    other = json.loads(other_path.read_text(encoding="utf-8"))
    theirs_by_name = {r["name"]: r for r in other["rows"]}
    pairs = {}
    for mine in result["rows"]:
        theirs = theirs_by_name.get(mine["name"])
        if theirs and mine["peak_rss_mb"] and theirs["peak_rss_mb"]:
            name = mine["name"]
            pairs[name] = {"docs": (theirs["docs"], mine["docs"]),
                           "peak_rss_mb": (theirs["peak_rss_mb"], mine["peak_rss_mb"]),
                           "ratio": round(mine["peak_rss_mb"] / theirs["peak_rss_mb"], 2)}
    return {"other": str(other_path), "peak_rss": pairs}


# --- main --------------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the corpus (default: 10000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON result (default: %(default)s)")
    parser.add_argument("--keep-corpus", type=Path,
                        help="write (or reuse) the corpus in this folder instead of a temporary one")
    parser.add_argument("--skip-flow", action="store_true", help="no `sitrep run` subprocesses (floor and stages only)")
    parser.add_argument("--skip-stages", action="store_true", help="no in-process stage timings")
    parser.add_argument("--dask", action="store_true", help="also run the flow with --task-runner dask")
    parser.add_argument("--compare", type=Path, help="an earlier JSON (another N) to compare peak memory with")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    folder = args.keep_corpus.resolve() if args.keep_corpus else workdir / "corpus"
    try:
        return _bench(args, workdir, folder)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _bench(args: argparse.Namespace, workdir: Path, folder: Path) -> int:
    started = time.perf_counter()
    machine = machine_facts()
    print(f"corpus: {args.docs} documents in {folder}", flush=True)
    _, size = write_corpus(folder, args.docs, args.seed)
    files = corpus_files(folder)
    if len(files) != args.docs:
        print(f"{folder} holds {len(files)} .txt files, not {args.docs}: use an empty or dedicated folder")
        return 2
    corpus = (len(files), size)
    rows: dict[str, Row] = {}
    table: list[Row] = []
    with RssSampler() as sampler:
        clock = Clock(sampler)
        print("measuring the floor ...", flush=True)
        rows["floor"] = measure_floor(files, workdir / "floor.duckdb", clock)
        table.append(rows["floor"])
        if not args.skip_stages:
            print("measuring the stages ...", flush=True)
            table += measure_stages(folder, workdir / "stages" / "sitrep.duckdb", clock)
    if not args.skip_flow:
        table += _flows(args, folder, workdir, corpus, rows)
    result = {
        "created_at": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {**machine, "load_average_at_end": os.getloadavg()},
        "corpus": {"docs": corpus[0], "mb": round(corpus[1] / MB, 2), "seed": args.seed,
                   "folder": str(folder) if args.keep_corpus else None, "batch_size": BATCH_SIZE},
        "rows": [r.as_json() for r in table],
        "targets": targets(rows),
        "benchmark_seconds": round(time.perf_counter() - started, 1),
    }
    if args.compare:
        result["compare"] = compare(result, args.compare)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    print()
    print(format_table(table))
    print()
    print("targets:", json.dumps(result["targets"]))
    if "compare" in result:
        print("memory vs", args.compare, json.dumps(result["compare"]["peak_rss"]))
    _print_flow_stages(table)
    print(f"\nwritten: {args.out}")
    return 0


def _flows(args: argparse.Namespace, folder: Path, workdir: Path, corpus: tuple[int, int],
           rows: dict[str, Row]) -> list[Row]:
    """The first run, the re-run on the unchanged corpus, and optionally a Dask run, each with its core time."""
    db = workdir / "flow" / "sitrep.duckdb"
    out = []
    print("running the flow ...", flush=True)
    rows["flow"] = measure_flow("flow", folder, db, workdir, corpus)
    print("re-running the flow on the unchanged corpus ...", flush=True)
    rows["rerun"] = measure_flow("flow re-run (unchanged)", folder, db, workdir, corpus)
    runs = [rows["flow"], rows["rerun"]]
    if args.dask:
        print("running the flow on Dask ...", flush=True)
        rows["dask"] = measure_flow("flow --task-runner dask", folder, workdir / "dask" / "sitrep.duckdb",
                                    workdir, corpus, ["--task-runner", "dask"])
        runs.append(rows["dask"])
    for run in runs:
        out.append(run)
        core = excluding_startup(run)
        if core:
            out.append(core)
    return out


def _print_flow_stages(table: list[Row]) -> None:
    """The flow's own per-stage seconds (from its stored summary), and any child that failed."""
    for row in table:
        if "returncode" not in row.extra:
            continue
        e = row.extra
        print(f"{row.name}: exit {e['returncode']}, start-up {e['startup_seconds']} s, "
              f"stages {e['stage_seconds_in_flow']}, "
              f"new {e['documents_new']}, unchanged {e['files_unchanged']}, child peak {e['child_vmhwm_mb']} MB, "
              f"process tree peak {e['process_tree_peak_mb']} MB")
        if e["returncode"] != 0:
            print(e.get("tail", ""))


if __name__ == "__main__":
    raise SystemExit(main())
