"""Prefect settings for sitrep, applied before Prefect is imported.

Prefect's state (its SQLite database, profiles, logs) lives in `prefect/` beside the warehouse file (by default
`warehouse/prefect` under the working directory), never in the user's own ~/.prefect. With no API URL
configured, flows run on Prefect's temporary local server, which takes ~15-25 s to start cold on a small
machine: its start-up timeout is raised from 20 s. There is no network here, so analytics are off. Anything the
user sets explicitly in the environment wins, and so does the first call of `configure`.
"""
from __future__ import annotations

import os
from pathlib import Path

from sitrep.config import artifacts_dir, resolve

DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LOG_PRINTS": "true",
    "GX_ANALYTICS_ENABLED": "false",
}


def configure(warehouse: Path | None = None) -> None:
    """Apply the defaults; the first call wins, so the CLI calls this with its --warehouse before Prefect loads."""
    home = artifacts_dir(warehouse or resolve("warehouse")) / "prefect"
    os.environ.setdefault("PREFECT_HOME", str(home))
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    os.makedirs(os.environ["PREFECT_HOME"], exist_ok=True)

