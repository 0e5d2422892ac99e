"""`sitrep serve`: the flow on a schedule, with nothing else to start by hand.

Prefect's `serve` schedules runs only against a real Prefect server, so this serves the flow against the local
server of the warehouse (`sitrep server start`) when one is up, else starts one on loopback for as long as it
serves (its state under `warehouse/prefect`, like every sitrep run) and records it, so ad-hoc `sitrep run`s of
the same warehouse report to it meanwhile. The Prefect UI at http://127.0.0.1:PORT shows the deployment, its
schedule and every run, scheduled or not.
"""
from __future__ import annotations

import contextlib
import shlex
import signal
import sys
from pathlib import Path

from sitrep import server

DEFAULT_CRON = "*/15 * * * *"


def serve(parameters: dict, warehouse: Path, cron: str | None = None, interval: float | None = None,
          port: int | None = None, name: str = "sitrep-scheduled") -> None:
    """Serve the sitrep flow until interrupted (Ctrl-C or SIGTERM), one run at a time.

    A run that comes due while another is still running waits for it (limit=1) rather than queueing on the
    warehouse lock.
    """
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # so a server started here is stopped on `kill` too
    up = server.recorded(warehouse)
    if up and port not in (None, up.port):
        raise server.ServerError(f"the local Prefect server of this warehouse runs on port {up.port}: stop it "
                                 f"(`sitrep server stop`) or leave out --port {port}")
    started = contextlib.nullcontext(up.api_url) if up else server.watched(warehouse, port or server.DEFAULT_PORT,
                                                                          record=True)
    with started as api_url:
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            from sitrep.flow import sitrep_flow

            schedule = {"interval": interval} if interval else {"cron": cron or DEFAULT_CRON}
            print(starting_message(api_url, name, interval, cron), flush=True)
            sitrep_flow.serve(name=name, parameters=parameters, limit=1, print_starting_message=False, **schedule)


def starting_message(api_url: str, name: str, interval: float | None, cron: str | None) -> str:
    """What is served and where, with a command that starts a run now and works as pasted in any shell."""
    when = f"every {interval:g} s" if interval else f"cron {cron or DEFAULT_CRON}"
    prefect = shlex.quote(str(Path(sys.executable).with_name("prefect")))
    return (f"sitrep serve: Prefect UI at {api_url.removesuffix('/api')}; deployment 'sitrep/{name}', {when}\n"
            f"  run it now: PREFECT_API_URL={api_url} {prefect} deployment run {shlex.quote('sitrep/' + name)}\n"
            "  stop: Ctrl-C (or SIGTERM)")


def _exit_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt
