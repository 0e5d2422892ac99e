"""Whether this process was told to stop (Ctrl-C or SIGTERM).

A signal that lands while Prefect is starting a task run reaches the flow as another exception ("Task run is not
set") instead of the KeyboardInterrupt, so the flow asks here before it records a run as failed rather than
cancelled. A plain flag: what Dask ships to its workers must stay picklable.
"""
from __future__ import annotations

import signal

_received: list[int] = []


def install() -> None:
    """Ctrl-C and SIGTERM both end the run as a KeyboardInterrupt does, and are remembered."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _interrupt)


def received() -> bool:
    return bool(_received)


def _interrupt(signum, frame) -> None:
    _received.append(signum)
    raise KeyboardInterrupt
