"""The files sitrep ships beside its code: SQL, Great Expectations suites, gazetteers, the dashboard template.

Found through importlib.resources, so they are where the installed package is, never relative to the working
directory. The wheel carries the top-level `sql/` and `expectations/` as `sitrep/data/sql` and
`sitrep/data/expectations`; in a checkout those are symlinks to the same folders.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _package_path(*parts: str) -> Path:
    return Path(str(files("sitrep").joinpath(*parts)))


SQL_DIR = _package_path("data", "sql")
EXPECTATIONS_DIR = _package_path("data", "expectations")
GAZETTEER_DIR = _package_path("gazetteers")
TEMPLATE_DIR = _package_path("report", "templates")


def shipped_sql(relative: str | Path) -> Path | None:
    """A saved query named as in the repository (`sql/queries/money.sql`) or inside sql/ (`queries/money.sql`)."""
    parts = Path(relative).parts
    if parts and parts[0] == "sql":
        parts = parts[1:]
    candidate = SQL_DIR.joinpath(*parts) if parts else None
    return candidate if candidate is not None and candidate.is_file() else None
