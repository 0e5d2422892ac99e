"""Prefect settings for sitrep, applied before Prefect is imported.

Prefect's state (its SQLite database, profiles, logs) lives under `warehouse/prefect`, never in the user's own
~/.prefect. With no API URL configured, flows run on Prefect's temporary local server, which takes ~15-25 s to
start cold on a small machine: its start-up timeout is raised from 20 s. There is no network here, so analytics
are off. Anything the user sets explicitly in the environment wins.
"""
from __future__ import annotations

import os

from flows.paths import PROJECT_ROOT

PREFECT_HOME = PROJECT_ROOT / "warehouse" / "prefect"

DEFAULTS = {
    "PREFECT_HOME": str(PREFECT_HOME),
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LOG_PRINTS": "true",
    "GX_ANALYTICS_ENABLED": "false",
}


def configure() -> None:
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    os.makedirs(os.environ["PREFECT_HOME"], exist_ok=True)


configure()
