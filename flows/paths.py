"""Where things live. Every default path is derived from this file, so sitrep works from any working directory."""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
GAZETTEER_DIR = Path(__file__).resolve().parent / "gazetteers"
DEFAULT_INPUT = PROJECT_ROOT / "seeds"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "sitrep.duckdb"


def artifacts_dir(warehouse: Path) -> Path:
    """Data Docs, the dashboard and Prefect's state sit beside the warehouse file they describe."""
    return Path(warehouse).resolve().parent
