"""`sitrep serve`: the flow on a schedule, with nothing else to start by hand.

Prefect's `serve` schedules runs only against a real Prefect server, not the temporary one `sitrep run` uses, so
this module starts `prefect server start` on loopback (its state under `warehouse/prefect`, like every sitrep
run), waits until it answers, serves the flow against it, and stops the server when serving ends. While it runs,
the Prefect UI at http://127.0.0.1:PORT shows the deployment, its schedule and every run.
"""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

from sitrep import prefect_env

DEFAULT_CRON = "*/15 * * * *"
STARTUP_TIMEOUT_SECONDS = 180.0


def serve(parameters: dict, cron: str | None = None, interval: float | None = None, port: int = 4242,
          name: str = "sitrep-scheduled") -> None:
    """Serve the sitrep flow until interrupted (Ctrl-C or SIGTERM), one run at a time.

    A run that comes due while another is still running waits for it (limit=1) rather than queueing on the
    warehouse lock.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # so the server below is stopped on `kill` too

    with local_server(port) as api_url, temporary_settings(updates={PREFECT_API_URL: api_url}):
        from sitrep.flow import sitrep_flow

        schedule = {"interval": interval} if interval else {"cron": cron or DEFAULT_CRON}
        print(f"sitrep serve: Prefect UI at {api_url.removesuffix('/api')}; deployment 'sitrep/{name}', "
              f"{'every %g s' % interval if interval else 'cron ' + (cron or DEFAULT_CRON)}", flush=True)
        sitrep_flow.serve(name=name, parameters=parameters, limit=1, **schedule)


def _exit_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def local_server(port: int) -> Iterator[str]:
    """A Prefect server on 127.0.0.1:port for as long as the block runs; yields its API URL."""
    prefect_env.configure()
    api_url = f"http://127.0.0.1:{port}/api"
    if _healthy(api_url):
        raise RuntimeError(f"port {port} already serves a Prefect API: stop it or pick another --port")
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "PREFECT_UI_ENABLED": os.environ.get("PREFECT_UI_ENABLED", "true")}
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    try:
        _wait_until_healthy(api_url, server)
        yield api_url
    finally:
        _stop(server)


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _wait_until_healthy(api_url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            error = server.stderr.read().decode(errors="replace").strip().splitlines()[-1:] if server.stderr else []
            raise RuntimeError(f"the Prefect server exited at start-up: {' '.join(error) or 'no output'}")
        if _healthy(api_url):
            return
        time.sleep(0.5)
    raise RuntimeError(f"the Prefect server did not answer at {api_url} within {STARTUP_TIMEOUT_SECONDS:.0f} s")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()
