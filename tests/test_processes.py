"""No test leaves a process behind: the session's end (tests/conftest.py) looks for every process carrying the
session's mark and fails the run if one is alive. These tests show that the look-up finds what it must."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import PROCESS_MARK, marked_processes, stop_processes


def test_a_process_a_test_starts_carries_the_session_mark_and_is_found():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert child.pid in {p.pid for p in marked_processes()}
    finally:
        stop_processes([p for p in marked_processes() if p.pid == child.pid])
        child.wait()
    assert child.pid not in {p.pid for p in marked_processes()}


def test_a_grandchild_left_behind_by_its_parent_is_found_too():
    """What a `kill -9` of `sitrep run` leaves: its server, reparented away from the test."""
    spawn = ("import subprocess, sys; p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], "
             "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True); print(p.pid)")
    parent = subprocess.run([sys.executable, "-c", spawn], capture_output=True, text=True, check=True)
    orphan = int(parent.stdout)
    found = [p for p in marked_processes() if p.pid == orphan]
    assert found
    stop_processes(found)
    assert orphan not in {p.pid for p in marked_processes()}


def test_a_process_from_another_session_is_not_counted():
    env = {**os.environ, PROCESS_MARK: "another-session"}
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], env=env)
    try:
        assert other.pid not in {p.pid for p in marked_processes()}
    finally:
        other.kill()
        other.wait()
