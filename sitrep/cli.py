"""The `sitrep` command line: run the pipeline, query the warehouse."""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import traceback
from enum import IntEnum
from pathlib import Path

from sitrep import __version__
from sitrep.config import ConfigError, resolve
from sitrep.ingest import DEFAULT_MAX_BYTES, TEXT_SUFFIXES
from sitrep.resources import shipped_sql
from sitrep.sqlout import FORMATS

WAREHOUSE_HELP = ("DuckDB file (default: $SITREP_WAREHOUSE, else `warehouse` in ./sitrep.toml, "
                  "else warehouse/sitrep.duckdb under the working directory)")
DEFAULT_CELL_WIDTH = 60
INPUT_HELP = "folder of text files (default: $SITREP_INPUT, else `input` in ./sitrep.toml, else ./seeds)"


class Exit(IntEnum):
    """sitrep's exit codes, one per kind of failure (the README's table is checked against this)."""

    OK = 0
    INTERNAL = 1  # a bug or an unforeseen failure: run again with -v for the traceback
    USAGE = 2  # a bad option or argument
    INPUT = 3  # what was named is missing or unreadable: input folder, warehouse, SQL file, SQL statement
    BUSY = 4  # another process holds the warehouse for longer than --wait
    CHECKS = 5  # a critical data-quality check failed (the loaded data stays queryable)
    SERVER = 6  # the Prefect server could not be started or reached
    CANCELLED = 130  # Ctrl-C or SIGTERM, as a shell reports it


class Failure(Exception):
    """A failure the person at the keyboard can act on: one line on stderr, and its exit code."""

    def __init__(self, reason: str, code: Exit) -> None:
        super().__init__(reason)
        self.code = code


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return Exit.USAGE
    try:
        for name in ("warehouse", "input"):
            if hasattr(args, name):
                setattr(args, name, resolve(name, getattr(args, name)))
        return args.handler(args)
    except ConfigError as exc:
        return _fail(str(exc), Exit.USAGE)
    except Failure as exc:
        return _fail(str(exc), exc.code)
    except KeyboardInterrupt:
        return _fail("cancelled", Exit.CANCELLED)
    except Exception as exc:  # noqa: BLE001 - the one place an unforeseen error becomes a line, not a traceback
        if args.verbose:
            traceback.print_exc()
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return _fail(f"internal error: {reason}" + ("" if args.verbose else " (run with -v for the traceback)"),
                     Exit.INTERNAL)


def _parser() -> argparse.ArgumentParser:
    loudness = argparse.ArgumentParser(add_help=False)
    group = loudness.add_mutually_exclusive_group()
    group.add_argument("-v", "--verbose", action="count", default=0,
                       help="show Prefect's log lines (-vv: debug) and the traceback of a failure")
    group.add_argument("-q", "--quiet", action="store_true", help="print nothing but failures")

    parser = argparse.ArgumentParser(prog="sitrep", description=__doc__)
    parser.add_argument("--version", action="version", version=f"sitrep {__version__}")
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", parents=[loudness],
                         help="ingest a folder of text files into the warehouse, then validate it")
    run.add_argument("--input", type=Path, help=INPUT_HELP)
    run.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP)
    _add_run_options(run)
    run.add_argument("--task-runner", choices=("default", "dask"), default="default",
                     help="where cleaning and extraction run: this process (default) or a Dask cluster")
    run.add_argument("--dask-address", help="scheduler of an existing Dask cluster (default: start a local one)")
    run.add_argument("--dask-workers", type=int, default=2, help="workers of the local Dask cluster (default: 2)")
    run.set_defaults(handler=_run)

    serve = sub.add_parser("serve", parents=[loudness],
                           help="run the flow on a schedule, on a local Prefect server started for it")
    serve.add_argument("--input", type=Path, help=INPUT_HELP)
    serve.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP)
    _add_run_options(serve)
    when = serve.add_mutually_exclusive_group()
    when.add_argument("--cron", default=None, help='cron schedule (default: "*/15 * * * *")')
    when.add_argument("--interval", type=float, help="seconds between runs, instead of --cron")
    serve.add_argument("--port", type=int, default=None,
                       help="port of the Prefect server it starts (default: 4242; a `sitrep server` already up is "
                            "used as it is)")
    serve.add_argument("--name", default="sitrep-scheduled", help="deployment name (default: sitrep-scheduled)")
    serve.set_defaults(handler=_serve)

    server = sub.add_parser("server", parents=[loudness],
                            help="a local Prefect server that every `sitrep run` of this warehouse reports to")
    server.add_argument("action", choices=("start", "stop", "status"))
    server.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP + "; the server's state is beside it")
    server.add_argument("--port", type=int, default=4242, help="port for `start` (default: 4242)")
    server.set_defaults(handler=_server)

    sql = sub.add_parser("sql", parents=[loudness], help="run read-only SQL against the warehouse and print a table")
    sql.add_argument("query", nargs="?", help="SQL, one statement or several separated by ';'")
    sql.add_argument("-f", "--file", type=Path,
                     help="a .sql file (e.g. sql/queries/money.sql, found in the package too), or - for stdin")
    sql.add_argument("--warehouse", type=Path, help=WAREHOUSE_HELP)
    sql.add_argument("--format", choices=FORMATS, default="table",
                     help="table (default), csv, json, markdown, or line (one column = value per line)")
    sql.add_argument("--allow-export", type=Path, metavar="DIR",
                     help="let statements read and write files inside DIR (e.g. COPY ... TO 'DIR/x.parquet'); "
                          "no other file is ever reachable, and DIR may not hold the warehouse")
    sql.add_argument("--max-rows", type=int, default=100, help="rows shown per result (default: 100; -1: all)")
    sql.add_argument("--max-width", type=int, default=None,
                     help="characters per table cell before it is cut (default: the table fits the terminal, "
                          "or 60 per cell when the output is not one; 0: whole cells, e.g. to read evidence)")
    sql.set_defaults(handler=_sql)

    dash = sub.add_parser("dashboard", parents=[loudness],
                          help="write the data-quality report: an offline HTML page of checks, flagged rows and runs")
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
                        help="check the whole warehouse, even when nothing new was loaded (after editing a suite); "
                             "by default a run checks the documents loaded since the last validation, and the "
                             "cross-document checks over all")
    parser.add_argument("--prune", action="store_true",
                        help="delete the documents whose files are all deleted or refused now (default: keep them, "
                             "marked in source_files.gone_at)")


def _check_run_args(args: argparse.Namespace) -> None:
    if not args.input.is_dir():
        raise Failure(f"input folder not found: {args.input}", Exit.INPUT)
    if args.batch_size < 1:
        raise Failure("--batch-size must be at least 1", Exit.USAGE)
    if args.max_bytes < 1:
        raise Failure("--max-bytes must be at least 1", Exit.USAGE)


def _check_schedule(args: argparse.Namespace) -> None:
    """Refused before any server starts: a schedule Prefect would reject only after start-up."""
    if args.interval is not None and args.interval <= 0:
        raise Failure(f"--interval must be a positive number of seconds (got {args.interval:g})", Exit.USAGE)
    if args.cron is not None:
        from prefect.client.schemas.schedules import CronSchedule
        from pydantic import ValidationError

        try:
            CronSchedule(cron=args.cron)
        except ValidationError:
            raise Failure(f"--cron {args.cron!r} is not a cron schedule (five fields, e.g. \"*/15 * * * *\")",
                          Exit.USAGE) from None


def _flow_parameters(args: argparse.Namespace) -> dict:
    return {
        "input_dir": str(args.input.resolve()),
        "warehouse_path": str(args.warehouse.resolve()),
        "batch_size": args.batch_size,
        "max_bytes": args.max_bytes,
        "lock_wait_seconds": args.wait,
        "revalidate": args.revalidate,
        "allow_outside_links": args.allow_outside_links,
        "prune": args.prune,
        "suffixes": list(TEXT_SUFFIXES) + [s for s in args.suffixes or [] if s not in TEXT_SUFFIXES],
    }


def _run(args: argparse.Namespace) -> int:
    _check_run_args(args)
    from sitrep import interruption, prefect_env, server

    prefect_env.configure(args.warehouse)
    interruption.install()  # `kill` ends the run as Ctrl-C does: marked cancelled, server stopped
    api_url = server.api_url_for_run(args.warehouse)
    if api_url and not server.healthy(api_url):
        raise Failure(f"no Prefect server answers at {api_url} (PREFECT_API_URL): start it, or unset "
                      "PREFECT_API_URL to use a temporary one", Exit.SERVER)
    try:
        with contextlib.nullcontext(api_url) if api_url else server.watched(args.warehouse) as url:
            return _run_flow(args, url)
    except server.ServerError as exc:
        raise Failure(str(exc), Exit.SERVER) from None


def _run_flow(args: argparse.Namespace, api_url: str) -> int:
    os.environ["PREFECT_API_URL"] = api_url  # for anything this run starts (Dask workers)
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from sitrep import progress, warehouse
    from sitrep.flow import CriticalChecksFailed, sitrep_flow
    from sitrep.runlock import WarehouseBusy
    from sitrep.runners import task_runner
    from sitrep.summary import format_summary

    _set_console_logging(args.verbose)
    try:
        runner = task_runner(args.task_runner, args.dask_address, args.dask_workers)
    except ValueError as exc:
        raise Failure(str(exc), Exit.USAGE) from None
    flow = sitrep_flow.with_options(task_runner=runner) if runner else sitrep_flow
    parameters = _flow_parameters(args)
    if runner:
        parameters["in_flight"] = args.dask_workers + 1
    try:
        # No heartbeats: Prefect joins their thread at the end of every run, which costs up to a second here,
        # and nothing of sitrep's reads them (a killed run is marked by the next run and by the watchdog).
        settings = {PREFECT_API_URL: api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
        with temporary_settings(updates=settings), progress.shown(enabled=not args.quiet):
            state = flow(**parameters, return_state=True)
            _send_pending_logs()
    except KeyboardInterrupt:
        raise Failure("run cancelled; batches loaded before the signal are kept", Exit.CANCELLED) from None
    run_id = str(state.state_details.flow_run_id)
    summary = None
    with contextlib.suppress(warehouse.WarehouseError):
        summary = warehouse.run_summary(args.warehouse, run_id)
    if summary and not args.quiet:
        print(format_summary(summary))
    if state.is_completed():
        return Exit.OK
    try:
        state.result()
    except CriticalChecksFailed as exc:
        raise Failure(f"run {run_id} failed: {exc}", Exit.CHECKS) from None
    except (WarehouseBusy, warehouse.WarehouseLocked) as exc:
        raise Failure(f"run {run_id} failed: {exc}", Exit.BUSY) from None
    except Exception as exc:  # noqa: BLE001 - the flow's own exception, re-raised by Prefect
        if args.verbose:
            traceback.print_exception(exc)
        reason = (summary or {}).get("message") or f"{type(exc).__name__}: {exc}".splitlines()[0]
        raise Failure(f"run {run_id} failed: {reason}", Exit.INTERNAL) from None
    raise Failure(f"run {run_id} ended {state.name}: {state.message}", Exit.INTERNAL)


def _send_pending_logs() -> None:
    """Log lines and events still queued for the server go now, while it is up: a temporary server stops next."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=5)
    EventsWorker.drain_all(timeout=5)


def _set_console_logging(verbose: int) -> None:
    """Prefect's log lines on the terminal only when asked for (-v); what goes to the server's UI is unchanged."""
    import logging

    from prefect.logging.handlers import PrefectConsoleHandler

    level = {0: logging.CRITICAL + 1, 1: logging.INFO}.get(verbose, logging.DEBUG)
    for name in ("", "prefect", "prefect.flow_runs", "prefect.task_runs"):
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, PrefectConsoleHandler):
                handler.setLevel(level)


def _serve(args: argparse.Namespace) -> int:
    _check_run_args(args)
    _check_schedule(args)
    from sitrep import prefect_env

    prefect_env.configure(args.warehouse)
    from sitrep import server
    from sitrep.serve import serve

    try:
        serve(_flow_parameters(args), args.warehouse, cron=args.cron, interval=args.interval, port=args.port,
              name=args.name)
    except KeyboardInterrupt:
        print("sitrep serve: stopped")
    except server.ServerError as exc:
        raise Failure(str(exc), Exit.SERVER) from None
    return Exit.OK


def _server(args: argparse.Namespace) -> int:
    from sitrep import prefect_env

    prefect_env.configure(args.warehouse)
    from sitrep import server

    try:
        if args.action == "start":
            up = server.start(args.warehouse, args.port)
            print(f"Prefect server up at {up.ui_url} (pid {up.pid}, log {up.log}); `sitrep run` on this warehouse "
                  "reports to it until `sitrep server stop`")
        elif args.action == "stop":
            down = server.stop(args.warehouse)
            print(f"Prefect server at {down.ui_url} stopped" if down else "no local Prefect server was running")
        else:
            up = server.recorded(args.warehouse)
            print(f"Prefect server up at {up.ui_url} (pid {up.pid})" if up else "no local Prefect server is running")
    except server.ServerError as exc:
        raise Failure(str(exc), Exit.SERVER) from None
    return Exit.OK


def _dashboard(args: argparse.Namespace) -> int:
    import duckdb

    from sitrep import warehouse
    from sitrep.report.dashboard import build_dashboard

    try:
        path = build_dashboard(args.warehouse, args.output)
    except warehouse.WarehouseError as exc:
        raise Failure(str(exc), Exit.INPUT) from None
    except duckdb.CatalogException as exc:  # a warehouse from before the dashboard's views: a run upgrades it
        raise Failure(f"{str(exc).splitlines()[0]} (run `sitrep run` once to bring the warehouse up to date)",
                      Exit.INPUT) from None
    if not args.quiet:
        print(f"dashboard written to {path}")
    return Exit.OK


def _sql(args: argparse.Namespace) -> int:
    import duckdb

    from sitrep import warehouse
    from sitrep.sqlout import render

    if bool(args.query) == bool(args.file):
        raise Failure("give either a SQL statement or -f FILE (-f - reads standard input)", Exit.USAGE)
    if args.file and str(args.file) == "-":
        statement = sys.stdin.read()
    elif args.file:
        path = args.file if args.file.exists() else shipped_sql(args.file)
        if path is None:
            raise Failure(f"no such SQL file: {args.file}", Exit.INPUT)
        statement = path.read_text(encoding="utf-8")
    else:
        statement = args.query
    export = args.allow_export.resolve() if args.allow_export else None
    if export and not export.is_dir():
        raise Failure(f"--allow-export {args.allow_export}: not a folder", Exit.USAGE)
    if export and args.warehouse.resolve().is_relative_to(export):
        raise Failure(f"--allow-export {args.allow_export} holds the warehouse itself: pick a folder outside "
                      f"{args.warehouse.resolve().parent}", Exit.USAGE)
    try:
        results = warehouse.query_all(args.warehouse, statement, export_dir=export)
    except warehouse.WarehouseLocked as exc:
        raise Failure(str(exc), Exit.BUSY) from None
    except warehouse.WarehouseError as exc:
        raise Failure(str(exc), Exit.INPUT) from None
    except duckdb.Error as exc:  # the user's SQL: DuckDB's message shown whole (with its hints)
        raise Failure(str(exc).strip(), Exit.INPUT) from None
    fitted = args.max_width is None and sys.stdout.isatty()
    max_width = DEFAULT_CELL_WIDTH if args.max_width is None else args.max_width
    table_width = shutil.get_terminal_size().columns if fitted else None
    shown = [render(columns, rows, args.format, args.max_rows, max_width, table_width) for columns, rows in results]
    print(("\n\n" if args.format == "table" else "\n").join(t for t in shown if t))
    return Exit.OK


def _fail(reason: str, code: Exit) -> int:
    print(f"sitrep: {reason}", file=sys.stderr)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
