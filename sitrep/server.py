"""Which Prefect server a sitrep run talks to, and the local ones sitrep starts.

A run reports to, in order: the server in the user's `PREFECT_API_URL`; the local server recorded beside the
warehouse (`sitrep server start`, or the one `sitrep serve` keeps up while it serves); else a temporary server
started for that run alone. Starting a server costs 10-35 s here, so every ad-hoc run pays it unless a server is
up, and every run, scheduled or not, then shows in the same UI.

A temporary server runs under `sitrep.watchdog`, which stops it when the run that started it is gone however the
run ended (`kill -9` included): Prefect's own temporary server outlives a killed parent.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.config import artifacts_dir
from sitrep.watchdog import alive

DEFAULT_PORT = 4242
STARTUP_TIMEOUT_SECONDS = 180.0
STOP_TIMEOUT_SECONDS = 5.0
RECORD_NAME = "server.json"
_started_here: set[int] = set()


class ServerError(RuntimeError):
    """A Prefect server that cannot be started, reached or stopped, phrased for the person running sitrep."""


@dataclass(frozen=True)
class LocalServer:
    pid: int
    port: int
    api_url: str
    log: str

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/api")


def prefect_home(warehouse: Path) -> Path:
    return Path(os.environ.get("PREFECT_HOME") or artifacts_dir(warehouse) / "prefect")


def record_path(warehouse: Path) -> Path:
    return prefect_home(warehouse) / RECORD_NAME


def api_url_for_run(warehouse: Path) -> str | None:
    """The API a run should report to without starting anything: the user's, else a live recorded local server."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    server = recorded(warehouse)
    return server.api_url if server else None


def recorded(warehouse: Path) -> LocalServer | None:
    """The local server recorded for this warehouse, if it still answers; a stale record is removed."""
    path = record_path(warehouse)
    try:
        server = LocalServer(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if healthy(server.api_url) and alive(server.pid):
        return server
    with contextlib.suppress(OSError):
        path.unlink()
    return None


def start(warehouse: Path, port: int = DEFAULT_PORT) -> LocalServer:
    """Start a lasting local server for this warehouse (until `stop`), or return the one already up."""
    server = recorded(warehouse)
    if server:
        return server
    process, api_url, log = _launch(warehouse, port, watch_pid=None)
    server = LocalServer(pid=process.pid, port=port, api_url=api_url, log=str(log))
    _record(warehouse, server)
    return server


def stop(warehouse: Path) -> LocalServer | None:
    """Stop the recorded local server; None when none was running."""
    server = recorded(warehouse)
    if server is None:
        return None
    _stop_group(server.pid)
    with contextlib.suppress(OSError):
        record_path(warehouse).unlink()
    return server


@contextlib.contextmanager
def watched(warehouse: Path, port: int | None = None, record: bool = False) -> Iterator[str]:
    """A server for as long as the block runs (and never longer than this process); yields its API URL.

    With `record`, it is a full server with the UI, and runs of this warehouse started meanwhile use it too (what
    `sitrep serve` does); without, the API alone on a free port, for one run.
    """
    port = port or free_port()
    process, api_url, log = _launch(warehouse, port, watch_pid=os.getpid(), ui=record)
    _started_here.add(process.pid)
    if record:
        _record(warehouse, LocalServer(pid=process.pid, port=port, api_url=api_url, log=str(log)))
    try:
        yield api_url
    finally:
        if record:
            with contextlib.suppress(OSError):
                record_path(warehouse).unlink()
        _stop_group(process.pid)
        _started_here.discard(process.pid)


def started_here() -> set[int]:
    """Pids of the servers (their watchdogs) this process started and has not stopped yet."""
    return set(_started_here)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _launch(warehouse: Path, port: int, watch_pid: int | None, ui: bool = True
            ) -> tuple[subprocess.Popen, str, Path]:
    api_url = f"http://127.0.0.1:{port}/api"
    if healthy(api_url):
        raise ServerError(f"port {port} already serves a Prefect API: stop it or pick another --port")
    home = prefect_home(warehouse)
    home.mkdir(parents=True, exist_ok=True)
    log = home / f"server-{port}.log"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_UI_API_URL": api_url,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    if ui:
        command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
        env.setdefault("PREFECT_UI_ENABLED", "true")
    else:  # what Prefect's own temporary server runs: the API alone, without the UI and the scheduler's services
        command = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
                   "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"]
        env.update({"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"})
    if watch_pid is not None:
        command = [sys.executable, "-m", "sitrep.watchdog", str(watch_pid), "--", *command]
    env.pop("PREFECT_API_URL", None)
    with open(log, "ab") as out:
        process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                   start_new_session=True)
    try:
        _wait_until_healthy(api_url, process, log)
    except BaseException:
        _stop_group(process.pid)
        raise
    return process, api_url, log


def _wait_until_healthy(api_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            last = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
            raise ServerError(f"the Prefect server exited at start-up: {' '.join(last) or 'no output'} (log {log})")
        if healthy(api_url):
            return
        time.sleep(0.25)
    raise ServerError(f"the Prefect server did not answer at {api_url} within {STARTUP_TIMEOUT_SECONDS:.0f} s "
                      f"(log {log})")


def _record(warehouse: Path, server: LocalServer) -> None:
    path = record_path(warehouse)
    path.write_text(json.dumps(server.__dict__), encoding="utf-8")


def _stop_group(pid: int) -> None:
    """SIGTERM to the server's process group (it leads one), then SIGKILL if it lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                break
        if not alive(pid):
            break
        time.sleep(0.1)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
