"""The `sitrep` command line: run the pipeline, query the warehouse."""
from __future__ import annotations

import argparse
import shlex
import shutil
import signal
import sys
from pathlib import Path

from sitrep import __version__
from sitrep.config import ConfigError, resolve
from sitrep.ingest import DEFAULT_MAX_BYTES, TEXT_SUFFIXES
from sitrep.resources import shipped_sql
from sitrep.sqlout import FORMATS

WAREHOUSE_HELP = ("DuckDB file (default: $SITREP_WAREHOUSE, else `warehouse` in ./sitrep.toml, "
                  "else warehouse/sitrep.duckdb under the working directory)")
INPUT_HELP = "folder of text files (default: $SITREP_INPUT, else `input` in ./sitrep.toml, else ./seeds)"

STAGES = ("ingest", "clean", "extract", "load", "validate")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        for name in ("warehouse", "input"):
            if hasattr(args, name):
                setattr(args, name, resolve(name, getattr(args, name)))
    except ConfigError as exc:
        return _fail(str(exc))
    return args.handler(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description=__doc__)
    parser.add_argument("--version", action="version", version=f"sitrep {__version__}")
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="ingest a folder of text files into the warehouse, then validate it")
    run.add_argument("--input", type=Path, help=INPUT_HELP)
    run.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP)
    _add_run_options(run)
    run.add_argument("--task-runner", choices=("default", "dask"), default="default",
                     help="where cleaning and extraction run: this process (default) or a Dask cluster")
    run.add_argument("--dask-address", help="scheduler of an existing Dask cluster (default: start a local one)")
    run.add_argument("--dask-workers", type=int, default=2, help="workers of the local Dask cluster (default: 2)")
    run.set_defaults(handler=_run)

    serve = sub.add_parser("serve", help="run the flow on a schedule, on a local Prefect server started for it")
    serve.add_argument("--input", type=Path, help=INPUT_HELP)
    serve.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP)
    _add_run_options(serve)
    when = serve.add_mutually_exclusive_group()
    when.add_argument("--cron", default=None, help='cron schedule (default: "*/15 * * * *")')
    when.add_argument("--interval", type=float, help="seconds between runs, instead of --cron")
    serve.add_argument("--port", type=int, default=4242, help="port of the local Prefect server (default: 4242)")
    serve.add_argument("--name", default="sitrep-scheduled", help="deployment name (default: sitrep-scheduled)")
    serve.set_defaults(handler=_serve)

    sql = sub.add_parser("sql", help="run read-only SQL against the warehouse and print a table")
    sql.add_argument("query", nargs="?", help="SQL, one statement or several separated by ';'")
    sql.add_argument("-f", "--file", type=Path,
                     help="a .sql file (e.g. sql/queries/money.sql, found in the package too), or - for stdin")
    sql.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP)
    sql.add_argument("--format", choices=FORMATS, default="table",
                     help="table (default), csv, json, markdown, or line (one column = value per line)")
    sql.add_argument("--max-rows", type=int, default=100, help="rows shown per result (default: 100; -1: all)")
    sql.add_argument("--max-width", type=int, default=60,
                     help="characters per table cell before it is cut (default: 60; 0: whole cells)")
    sql.set_defaults(handler=_sql)

    dash = sub.add_parser("dashboard", help="write an offline HTML page of recent runs, checks and flagged rows")
    dash.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP)
    dash.add_argument("--output", type=Path, help="HTML file to write (default: dashboard.html beside the warehouse)")
    dash.set_defaults(handler=_dashboard)
    return parser


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--batch-size", type=int, default=500, help="documents per load transaction (default: 500)")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                        help=f"larger files are rejected (default: {DEFAULT_MAX_BYTES // 2**20} MiB)")
    parser.add_argument("--wait", type=float, default=30.0,
                        help="seconds to wait for another run holding the warehouse (default: 30)")
    parser.add_argument("--suffix", action="append", dest="suffixes", metavar="SUFFIX",
                        help=f"read files with this suffix too (repeatable; read by default: {' '.join(TEXT_SUFFIXES)})")
    parser.add_argument("--allow-outside-links", action="store_true",
                        help="follow symbolic links to files outside the input folder (refused by default)")
    parser.add_argument("--revalidate", action="store_true",
                        help="run every check even when nothing new was loaded (after editing a suite)")


def _check_run_args(args: argparse.Namespace) -> str | None:
    if not args.input.is_dir():
        return f"input folder not found: {args.input}"
    if args.batch_size < 1:
        return "--batch-size must be at least 1"
    if args.max_bytes < 1:
        return "--max-bytes must be at least 1"
    return None


def _check_schedule(args: argparse.Namespace) -> str | None:
    """Refused before any server starts: a schedule Prefect would reject only after start-up."""
    if args.interval is not None and args.interval <= 0:
        return f"--interval must be a positive number of seconds (got {args.interval:g})"
    if args.cron is not None:
        from prefect.client.schemas.schedules import CronSchedule
        from pydantic import ValidationError

        try:
            CronSchedule(cron=args.cron)
        except ValidationError:
            return f"--cron {args.cron!r} is not a cron schedule (five fields, e.g. \"*/15 * * * *\")"
    return None


def _flow_parameters(args: argparse.Namespace) -> dict:
    return {
        "input_dir": str(args.input.resolve()),
        "warehouse_path": str(args.warehouse.resolve()),
        "batch_size": args.batch_size,
        "max_bytes": args.max_bytes,
        "lock_wait_seconds": args.wait,
        "revalidate": args.revalidate,
        "allow_outside_links": args.allow_outside_links,
        "suffixes": list(TEXT_SUFFIXES) + [s for s in args.suffixes or [] if s not in TEXT_SUFFIXES],
    }


def _run(args: argparse.Namespace) -> int:
    problem = _check_run_args(args)
    if problem:
        return _fail(problem)
    from sitrep import prefect_env, warehouse

    prefect_env.configure(args.warehouse)
    from sitrep.flow import sitrep_flow
    from sitrep.runners import task_runner

    try:
        runner = task_runner(args.task_runner, args.dask_address, args.dask_workers)
    except ValueError as exc:
        return _fail(str(exc))
    flow = sitrep_flow.with_options(task_runner=runner) if runner else sitrep_flow
    parameters = _flow_parameters(args)
    if runner:
        parameters["in_flight"] = args.dask_workers + 1
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` ends the run as Ctrl-C does: marked cancelled, server stopped
    try:
        state = flow(**parameters, return_state=True)
    except KeyboardInterrupt:
        return _fail("run cancelled; batches loaded before the signal are kept", code=EXIT_CANCELLED)
    run_id = str(state.state_details.flow_run_id)
    summary = None
    try:
        summary = warehouse.run_summary(args.warehouse, run_id)
    except warehouse.WarehouseError:
        pass
    if summary:
        print(format_summary(summary))
    if state.is_completed():
        return 0
    reason = (summary or {}).get("message") or _state_reason(state)
    return _fail(f"run {run_id} failed: {reason}")


def _state_reason(state) -> str:
    try:
        state.result()
    except Exception as exc:  # the flow's own exception, re-raised by Prefect
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    return state.message or state.name


def format_summary(s: dict) -> str:
    rows = s.get("rows", {})
    lines = [
        f"sitrep run {s['run_id']}",
        f"  input      {s['input_dir']}",
        f"  warehouse  {s['warehouse']}",
        f"  files      {s['files_seen']} seen, {s['files_unchanged']} unchanged, {s['documents_new']} new documents, "
        f"{s['documents_known']} already loaded, {s['files_rejected']} rejected",
    ]
    for r in s.get("rejected", []):
        lines.append(f"    rejected {r['source_file']}: {r['reason']}")
    lines.append(f"  cleaning   {s['blocks_removed']} blocks removed, {rows.get('comments', 0)} comments kept apart")
    lines.append("  new rows   " + ", ".join(f"{t} {n}" for t, n in rows.items()))
    if s.get("totals"):
        lines.append("  totals     " + ", ".join(f"{t} {n}" for t, n in s["totals"].items()) + " (whole warehouse)")
    lines.append(f"  checks     {s['checks_passed']} passed, {s['checks_failed']} failed "
                 f"({len(s['critical_failures'])} critical, {len(s['warnings'])} warnings)")
    for w in s.get("critical_failures", []):
        lines.append(f"    CRITICAL {w}")
    for w in s.get("warnings", []):
        lines.append(f"    warning  {w}")
    lines.append("  seconds    " + ", ".join(f"{k} {s['seconds'].get(k, 0):.2f}" for k in STAGES))
    if s.get("validation", "ran") != "ran":
        lines.append(f"  validation {s['validation']}")
    lines.append(f"  DQ report  {s.get('dq_report') or '(not built)'}")
    lines.append(f"  flags      {_self_command()} sql --warehouse {shlex.quote(s['warehouse'])} "
                 "\"SELECT * FROM dq_flags\"")
    return "\n".join(lines)


def _self_command() -> str:
    """How to call this sitrep again from any shell: the name when it is on PATH, else the full path."""
    me = Path(sys.argv[0])
    if me.name == "sitrep" and shutil.which("sitrep") == str(me.resolve()):
        return "sitrep"
    return shlex.quote(str(me.resolve())) if me.name == "sitrep" else f"{shlex.quote(sys.executable)} -m sitrep.cli"


def _serve(args: argparse.Namespace) -> int:
    problem = _check_run_args(args) or _check_schedule(args)
    if problem:
        return _fail(problem)
    from sitrep import prefect_env

    prefect_env.configure(args.warehouse)
    from sitrep.serve import serve

    try:
        serve(_flow_parameters(args), cron=args.cron, interval=args.interval, port=args.port, name=args.name)
    except KeyboardInterrupt:
        print("sitrep serve: stopped")
    except RuntimeError as exc:
        return _fail(str(exc))
    return 0


def _dashboard(args: argparse.Namespace) -> int:
    import duckdb

    from sitrep import warehouse
    from sitrep.report.dashboard import build_dashboard

    try:
        path = build_dashboard(args.warehouse, args.output)
    except warehouse.WarehouseError as exc:
        return _fail(str(exc))
    except duckdb.CatalogException as exc:  # a warehouse from before the dashboard's views: a run upgrades it
        return _fail(f"{str(exc).splitlines()[0]} (run `sitrep run` once to bring the warehouse up to date)")
    print(f"dashboard written to {path}")
    return 0


def _sql(args: argparse.Namespace) -> int:
    from sitrep import warehouse
    from sitrep.sqlout import render

    if bool(args.query) == bool(args.file):
        return _fail("give either a SQL statement or -f FILE (-f - reads standard input)")
    if args.file and str(args.file) == "-":
        statement = sys.stdin.read()
    elif args.file:
        path = args.file if args.file.exists() else shipped_sql(args.file)
        if path is None:
            return _fail(f"no such SQL file: {args.file}")
        statement = path.read_text(encoding="utf-8")
    else:
        statement = args.query
    try:
        results = warehouse.query_all(args.warehouse, statement)
    except warehouse.WarehouseError as exc:
        return _fail(str(exc))
    except Exception as exc:  # a SQL error from DuckDB: the user's mistake, shown whole (with its hints)
        return _fail(str(exc).strip())
    shown = [render(columns, rows, args.format, args.max_rows, args.max_width) for columns, rows in results]
    print(("\n\n" if args.format == "table" else "\n").join(t for t in shown if t))
    return 0


EXIT_CANCELLED = 130  # as a shell reports a command ended by Ctrl-C


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _fail(reason: str, code: int = 1) -> int:
    print(f"sitrep: {reason}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
