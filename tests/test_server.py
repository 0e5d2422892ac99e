"""Which Prefect server a run reports to: a lasting local one (`sitrep server`), else a temporary one of its own
that never outlives it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest

from sitrep import server
from tests.conftest import ROOT, copy_seeds, marked_processes, stop_processes


def _sitrep(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def _own_env(tmp_path, mark: str) -> dict:
    """A user's shell: no PREFECT_API_URL, Prefect's state beside the warehouse, a mark to find what it starts."""
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_HOME")}
    return {**env, "SITREP_TEST_RUN": mark}


def _flow_runs(api_url: str) -> list[dict]:
    request = urllib.request.Request(f"{api_url}/flow_runs/filter", data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.mark.slow
def test_sitrep_run_reports_to_the_local_server_that_sitrep_server_start_keeps_up(input_dir, warehouse_path, tmp_path):
    copy_seeds(input_dir, ["001_ee11fe879f1d0503.txt"])
    mark = uuid.uuid4().hex
    env = _own_env(tmp_path, mark)
    port = str(server.free_port())
    started = _sitrep("server", "start", "--warehouse", str(warehouse_path), "--port", port, env=env)
    try:
        assert started.returncode == 0 and f"127.0.0.1:{port}" in started.stdout, started.stderr
        assert f"127.0.0.1:{port}" in _sitrep("server", "status", "--warehouse", str(warehouse_path), env=env).stdout
        ran = _sitrep("run", "--input", str(input_dir), "--warehouse", str(warehouse_path), env=env)
        assert ran.returncode == 0, ran.stderr
        run_id = ran.stdout.split()[2]
        assert run_id in [r["id"] for r in _flow_runs(f"http://127.0.0.1:{port}/api")]
    finally:
        stopped = _sitrep("server", "stop", "--warehouse", str(warehouse_path), env=env)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert not server.healthy(f"http://127.0.0.1:{port}/api")
    assert "no local Prefect server" in _sitrep("server", "status", "--warehouse", str(warehouse_path),
                                                env=env).stdout


@pytest.mark.slow
def test_a_run_with_no_server_up_starts_a_temporary_one_and_leaves_nothing_running(input_dir, warehouse_path, tmp_path):
    copy_seeds(input_dir, ["001_ee11fe879f1d0503.txt"])
    mark = uuid.uuid4().hex
    ran = _sitrep("run", "-v", "--input", str(input_dir), "--warehouse", str(warehouse_path),
                  env=_own_env(tmp_path, mark))
    assert ran.returncode == 0, ran.stderr
    assert "Beginning flow run" in ran.stderr  # it did run as a Prefect flow run
    left = marked_processes("SITREP_TEST_RUN", mark)
    stop_processes(left)
    assert left == []


def test_the_watchdog_stops_its_command_when_the_watched_process_is_gone():
    watched = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1)"])
    dog = subprocess.Popen([sys.executable, "-m", "sitrep.watchdog", str(watched.pid), "--", "sleep", "120"],
                           cwd=ROOT)
    watched.wait()
    try:
        dog.wait(timeout=30)
    except subprocess.TimeoutExpired:
        dog.kill()
        pytest.fail("the watchdog kept its command running after the watched process ended")
    assert dog.returncode == 0


def test_the_watchdog_leaves_its_command_running_while_the_watched_process_lives():
    dog = subprocess.Popen([sys.executable, "-m", "sitrep.watchdog", str(os.getpid()), "--", "sleep", "120"],
                           cwd=ROOT)
    try:
        time.sleep(1.5)
        assert dog.poll() is None
    finally:
        dog.terminate()
        dog.wait(timeout=30)


def test_a_stale_record_of_a_server_that_is_gone_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    record = server.record_path(tmp_path / "w.duckdb")
    record.parent.mkdir(parents=True)
    port = server.free_port()
    record.write_text(json.dumps({"pid": 2**22 + 1, "port": port, "api_url": f"http://127.0.0.1:{port}/api",
                                  "log": "x"}))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert server.api_url_for_run(tmp_path / "w.duckdb") is None
    assert not record.exists()
