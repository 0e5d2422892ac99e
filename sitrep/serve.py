"""`sitrep serve`: the flow on a schedule, with nothing else to start by hand.

Prefect's `serve` schedules runs only against a real Prefect server, so this serves the flow against the local
server of the warehouse (`sitrep server start`) when one is up, else starts one on loopback for as long as it
serves (its state under `warehouse/prefect`, like every sitrep run) and records it, so ad-hoc `sitrep run`s of
the same warehouse report to it meanwhile. The Prefect UI at http://127.0.0.1:PORT shows the deployment, its
schedule and every run, scheduled or not.
"""
from __future__ import annotations

import contextlib
import os
import shlex
import signal
import sys
import time
from pathlib import Path

from sitrep import server
from sitrep.watchdog import alive

DEFAULT_CRON = "*/15 * * * *"
STOP_SECONDS = 60.0  # how long a run in progress gets to finish its batch and record itself cancelled


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
            dropped = drop_stale_runs(sitrep_flow.name, name, parameters)
            print(starting_message(api_url, name, interval, cron, dropped), flush=True)
            try:
                sitrep_flow.serve(name=name, parameters=parameters, limit=1, print_starting_message=False,
                                  **schedule)
            finally:
                stop_flow_runs()


def drop_stale_runs(flow_name: str, deployment: str, parameters: dict) -> int:
    """Delete the deployment's runs still waiting to start with other parameters than these.

    Prefect creates scheduled runs ahead of time, each with the parameters of its day: after `sitrep serve` is
    restarted with another --input, those would still read the old folder into the old warehouse. (A schedule is
    paused when serving stops, so no new run with the old parameters appears meanwhile.)
    """
    from prefect import get_client
    from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterName, FlowFilter, FlowFilterName,
                                                FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType

    waiting = FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])))
    dropped = 0
    with get_client(sync_client=True) as client:
        while True:
            runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])),
                                         deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[deployment])),
                                         flow_run_filter=waiting, limit=200)
            stale = [run for run in runs if run.parameters != parameters]
            for run in stale:
                client.delete_flow_run(run.id)
            dropped += len(stale)
            if len(runs) < 200 or not stale:
                return dropped


def stop_flow_runs(timeout: float = STOP_SECONDS) -> None:
    """SIGTERM to the flow runs this process started (Prefect's runner runs each in a child process), and wait for
    them, so that stopping `serve` stops a run in progress too: it records itself cancelled."""
    runs = [pid for pid in _children() if pid not in _servers()]
    for pid in runs:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while any(alive(pid) for pid in runs) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in runs:
        with contextlib.suppress(ProcessLookupError):
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def _children() -> list[int]:
    """Pids whose parent is this process (from /proc: Linux)."""
    me, found = str(os.getpid()), []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                if stat.read().rsplit(")", 1)[1].split()[1] == me:
                    found.append(int(entry))
        except (OSError, IndexError):
            continue
    return found


def _servers() -> set[int]:
    """The local server this process keeps (its watchdog is a child too, stopped after the flow runs)."""
    return set(server.started_here())


def starting_message(api_url: str, name: str, interval: float | None, cron: str | None, dropped: int = 0) -> str:
    """What is served and where, with a command that starts a run now and works as pasted in any shell."""
    when = f"every {interval:g} s" if interval else f"cron {cron or DEFAULT_CRON}"
    prefect = shlex.quote(str(Path(sys.executable).with_name("prefect")))
    stale = f"\n  {dropped} runs scheduled with other parameters deleted" if dropped else ""
    return (f"sitrep serve: Prefect UI at {api_url.removesuffix('/api')}; deployment 'sitrep/{name}', {when}\n"
            f"  run it now: PREFECT_API_URL={api_url} {prefect} deployment run {shlex.quote('sitrep/' + name)}\n"
            f"  stop: Ctrl-C (or SIGTERM){stale}")


def _exit_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt
