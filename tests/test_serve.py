"""Scheduled runs: `sitrep serve` creates the deployment and its runs really execute; prefect.yaml deploys."""
from __future__ import annotations

import inspect
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml

from sitrep import warehouse
from tests.conftest import ROOT, copy_seeds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def _completed_runs(db) -> int:
    try:
        _, rows = warehouse.query(db, "SELECT count(*) FROM pipeline_runs WHERE status = 'completed'")
    except warehouse.WarehouseError:
        return 0
    return rows[0][0]


@pytest.mark.slow
def test_serve_creates_the_deployment_and_a_scheduled_run_executes_end_to_end(input_dir, warehouse_path, tmp_path):
    copy_seeds(input_dir, ["001_ee11fe879f1d0503.txt"])
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "PYTHONUNBUFFERED": "1"}
    serve = subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli", "serve", "--input", str(input_dir), "--warehouse", str(warehouse_path),
         "--interval", "5", "--port", str(port), "--name", "test-schedule"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        deployment = None
        while deployment is None and time.monotonic() < deadline:
            try:
                deployment = _get(f"http://127.0.0.1:{port}/api/deployments/name/sitrep/test-schedule")
            except OSError:
                time.sleep(1)
        assert deployment is not None, "the deployment never appeared"
        assert deployment["parameters"]["input_dir"] == str(input_dir)
        assert deployment["parameters"]["warehouse_path"] == str(warehouse_path)
        assert [s["schedule"]["interval"] for s in deployment["schedules"]] == [5.0]
        while _completed_runs(warehouse_path) == 0 and time.monotonic() < deadline:
            time.sleep(2)
        assert _completed_runs(warehouse_path) >= 1, "no scheduled run completed within the wait"
        _, docs = warehouse.query(warehouse_path, "SELECT count(*) FROM documents")
        assert docs == [(1,)]
    finally:
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(timeout=180)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            pytest.fail("sitrep serve did not stop within 180 s of SIGTERM")
    with pytest.raises(OSError):
        _get(f"http://127.0.0.1:{port}/api/health")


def test_prefect_yaml_deploys_the_real_flow_with_valid_parameters():
    from sitrep.flow import sitrep_flow

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (deployment,) = spec["deployments"]
    module_path, flow_name = deployment["entrypoint"].split(":")
    assert (ROOT / module_path).exists() and flow_name == sitrep_flow.fn.__name__
    assert set(deployment["parameters"]) <= set(inspect.signature(sitrep_flow.fn).parameters)
    assert deployment["schedules"][0]["cron"] == "*/15 * * * *"
