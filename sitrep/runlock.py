"""One writer per warehouse: an advisory lock file beside the DuckDB file, held for a whole run.

`flock` locks vanish with the process that held them, so a run killed with `kill -9` leaves no stale lock. The lock
file also says who holds it, so a second run can name the run it is waiting for.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse for longer than this run was willing to wait."""


def lock_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".lock")


@contextlib.contextmanager
def run_lock(db_path: Path, run_id: str, wait_seconds: float) -> Iterator[None]:
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        _acquire(handle, path, wait_seconds)
        try:
            handle.seek(0)
            handle.truncate()
            json.dump({"run_id": run_id, "pid": os.getpid(), "since": dt.datetime.now().isoformat(timespec="seconds")},
                      handle)
            handle.flush()
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _acquire(handle, path: Path, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise WarehouseBusy(f"warehouse is in use by {holder(path)}; waited {wait_seconds:.0f} s "
                                    f"(lock file {path})") from None
            time.sleep(0.2)


def holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "another run"
    return f"run {info.get('run_id')} (pid {info.get('pid')}, since {info.get('since')})"
