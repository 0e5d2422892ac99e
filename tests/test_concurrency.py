"""One writer at a time; readers and writers wait for each other only briefly; a killed run loses nothing."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest

from sitrep import cli, warehouse
from sitrep.runlock import WarehouseBusy, run_lock
from tests.conftest import ROOT, load_folder, marked_processes, stop_processes, table_snapshot, varied_seeds


def test_a_second_run_lock_names_the_run_that_holds_it(warehouse_path):
    with run_lock(warehouse_path, "run-A", wait_seconds=0):
        with pytest.raises(WarehouseBusy, match="warehouse is in use by run run-A"):
            with run_lock(warehouse_path, "run-B", wait_seconds=0.3):
                pass


def test_the_run_lock_is_free_again_after_a_run(warehouse_path):
    with run_lock(warehouse_path, "run-A", wait_seconds=0):
        pass
    with run_lock(warehouse_path, "run-B", wait_seconds=0):
        pass


def test_a_lock_held_by_a_killed_process_is_released(warehouse_path):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from sitrep.runlock import run_lock\n"
        f"with run_lock(Path({str(warehouse_path)!r}), 'doomed', 0):\n"
        "    print('locked', flush=True); time.sleep(60)\n")], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    with run_lock(warehouse_path, "next", wait_seconds=5):
        pass


@pytest.mark.slow
def test_sitrep_run_exits_with_a_clear_message_while_another_run_holds_the_warehouse(
        input_dir, warehouse_path, seeds_dir, capsys):
    (input_dir / "a.txt").write_text((seeds_dir / sorted(p.name for p in seeds_dir.glob("*.txt"))[0]).read_text())
    with run_lock(warehouse_path, "run-A", wait_seconds=0):
        code = cli.main(["run", "--input", str(input_dir), "--warehouse", str(warehouse_path), "--wait", "1"])
    err = capsys.readouterr().err
    assert code == cli.Exit.BUSY and "warehouse is in use by run run-A" in err


def test_a_writer_waits_for_a_reader_in_another_process(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    reader = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, time\n"
        f"con = duckdb.connect({str(warehouse_path)!r}, read_only=True)\n"
        "print('reading', flush=True); time.sleep(1.5); con.close()\n")], stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "reading"
    with warehouse.connect(warehouse_path) as con:
        con.execute("CREATE TABLE IF NOT EXISTS written_while_read AS SELECT 1 AS x")
    reader.wait()
    _, rows = warehouse.query(warehouse_path, "SELECT x FROM written_while_read")
    assert rows == [(1,)]


@contextlib.contextmanager
def _held_open(warehouse_path, read_only: bool):
    """Another process with the DuckDB file open (as a `duckdb` shell would), until the block ends; yields its pid."""
    warehouse.ensure_schema(warehouse_path)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, time\n"
        f"con = duckdb.connect({str(warehouse_path)!r}, read_only={read_only})\n"
        "print('open', flush=True); time.sleep(120)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_a_writer_gives_up_with_a_clear_error_when_the_file_stays_locked(warehouse_path):
    with _held_open(warehouse_path, read_only=True):
        with pytest.raises(warehouse.WarehouseLocked, match="is open in .*PID"):
            with warehouse.connect(warehouse_path, timeout=0.5):
                pass


def _run_until_batches_loaded(input_dir, warehouse_path, batches: int, own_server: bool = False
                              ) -> tuple[subprocess.Popen, str]:
    """`sitrep run -v` over 30 documents in batches of 3, as a process carrying its own mark, once `batches`
    batches are committed; returns the process (its output still open) and the mark. With `own_server`, the run
    does not know the session's Prefect server and starts a temporary one."""
    varied_seeds(input_dir, 30)
    mark = uuid.uuid4().hex
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SITREP_TEST_RUN": mark}
    if own_server:
        env.pop("PREFECT_API_URL")
    run = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "run", "-v", "--input", str(input_dir),
                            "--warehouse", str(warehouse_path), "--batch-size", "3"], cwd=ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 240
    for line in run.stdout:
        if "loaded" in line and "files done" in line and f"({3 * batches} of" in line:
            break
        assert time.monotonic() < deadline, "the run never reached loading"
    return run, mark


@pytest.mark.slow
def test_a_run_killed_mid_load_leaves_no_half_document_and_the_next_run_completes_the_work(
        input_dir, warehouse_path, tmp_path):
    run, mark = _run_until_batches_loaded(input_dir, warehouse_path, batches=2)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()

    _, partial = warehouse.query(warehouse_path, "SELECT count(*) FROM documents")
    assert 0 < partial[0][0] < 30
    assert load_folder(input_dir, warehouse_path)["new"] == 30 - partial[0][0]
    reference = tmp_path / "reference.duckdb"
    load_folder(input_dir, reference)
    assert table_snapshot(warehouse_path) == table_snapshot(reference)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signalled_run_is_recorded_as_cancelled_keeps_its_batches_and_stops_its_server(
        sig, input_dir, warehouse_path):
    run, mark = _run_until_batches_loaded(input_dir, warehouse_path, batches=1)
    run.send_signal(sig)
    rest = run.communicate(timeout=120)[0]
    assert run.returncode == 130, rest[-2000:]
    assert "sitrep: run cancelled" in rest
    _, rows = warehouse.query(warehouse_path, "SELECT status, message FROM pipeline_runs")
    assert rows == [("cancelled", "cancelled (interrupted by a signal)")]
    _, docs = warehouse.query(warehouse_path, "SELECT count(*) FROM documents")
    assert docs[0][0] > 0
    time.sleep(2)
    assert marked_processes("SITREP_TEST_RUN", mark) == []


@pytest.mark.slow
def test_the_temporary_prefect_server_of_a_run_killed_with_sigkill_stops_too(input_dir, warehouse_path):
    run, mark = _run_until_batches_loaded(input_dir, warehouse_path, batches=1, own_server=True)
    started = [p for p in marked_processes("SITREP_TEST_RUN", mark) if p.pid != run.pid]
    assert any("uvicorn" in " ".join(p.cmdline()) for p in started), "the run started no server of its own"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 20
    while marked_processes("SITREP_TEST_RUN", mark) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = marked_processes("SITREP_TEST_RUN", mark)
    stop_processes(left)
    assert left == []


@pytest.mark.slow
def test_a_run_facing_a_duckdb_shell_that_holds_the_file_waits_its_wait_and_exits_busy_in_one_line(
        input_dir, warehouse_path, capsys):
    (input_dir / "a.txt").write_text("Base handed over\n\nThe coalition handed over the airfield on Monday.\n")
    with _held_open(warehouse_path, read_only=False) as shell:
        code = cli.main(["run", "--input", str(input_dir), "--warehouse", str(warehouse_path), "--wait", "1"])
    err = capsys.readouterr().err.strip()
    assert code == cli.Exit.BUSY
    assert len(err.splitlines()) == 1 and f"PID {shell}" in err and "readonly" not in err.lower()
    assert "stayed so for 1 s" in err  # its --wait, not the 30 s default


@pytest.mark.slow
def test_a_run_that_gave_up_on_a_long_reader_is_recorded_by_the_next_run(input_dir, warehouse_path, capsys):
    (input_dir / "a.txt").write_text("Base handed over\n\nThe coalition handed over the airfield on Monday.\n")
    with _held_open(warehouse_path, read_only=True):
        assert cli.main(["run", "--input", str(input_dir), "--warehouse", str(warehouse_path), "--wait", "1"]) \
            == cli.Exit.BUSY
    gave_up = capsys.readouterr().err.split()[2]  # "sitrep: run <id> failed: ..."
    assert cli.main(["run", "--input", str(input_dir), "--warehouse", str(warehouse_path)]) == cli.Exit.OK
    runs = warehouse.read_frame(warehouse_path, "SELECT run_id, status, message FROM pipeline_runs "
                                                "ORDER BY started_at").rows()
    assert runs[0][:2] == (gave_up, "failed") and "is open in" in runs[0][2]
    assert [status for _, status, _ in runs[1:]] == ["completed"]
