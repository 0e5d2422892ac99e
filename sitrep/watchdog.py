"""Run a command for as long as another process lives: `python -m sitrep.watchdog PID -- COMMAND ...`.

A temporary Prefect server must not outlive the run that started it, and a run killed with `kill -9` can stop
nothing itself. This small parent of the server looks every half second whether the run is still there, and stops
the server when it is not. It imports nothing heavy, so it costs no start-up time.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

POLL_SECONDS = 0.5
STOP_SECONDS = 20.0


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python -m sitrep.watchdog PID -- COMMAND ...", file=sys.stderr)
        return 2
    watched = int(argv[0])
    child = subprocess.Popen(argv[2:])
    signal.signal(signal.SIGTERM, lambda signum, frame: _stop(child, signum))
    while child.poll() is None:
        if not alive(watched):
            _stop(child, signal.SIGTERM)
        time.sleep(POLL_SECONDS)
    return child.returncode


def alive(pid: int) -> bool:
    """The process exists and is not a zombie (dead, its exit status not yet collected)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a dead parent not yet reaped by its own parent is a zombie: gone for our purpose
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def _stop(child: subprocess.Popen, signum: int) -> None:
    if child.poll() is None:
        child.send_signal(signum)
        try:
            child.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    sys.exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
