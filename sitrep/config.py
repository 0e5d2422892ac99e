"""Where the user's data lives: the warehouse file and the input folder.

Each is taken from the first of: the command-line option, an environment variable (SITREP_WAREHOUSE,
SITREP_INPUT), a `sitrep.toml` in the working directory (`warehouse = "..."`, `input = "..."`), or the default,
relative to the working directory. Nothing here points into the installed package.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

CONFIG_FILE = "sitrep.toml"
DEFAULT_WAREHOUSE = Path("warehouse") / "sitrep.duckdb"
DEFAULT_INPUT = Path("seeds")
_ENV = {"warehouse": "SITREP_WAREHOUSE", "input": "SITREP_INPUT"}
_DEFAULTS = {"warehouse": DEFAULT_WAREHOUSE, "input": DEFAULT_INPUT}


class ConfigError(ValueError):
    """A sitrep.toml that cannot be read, phrased for the person running sitrep."""


def resolve(name: str, given: Path | str | None = None, cwd: Path | None = None) -> Path:
    """The path for `name` ("warehouse" or "input") by the order above, made absolute against `cwd`."""
    cwd = Path(cwd or Path.cwd())
    value = given or os.environ.get(_ENV[name]) or _from_file(cwd).get(name) or _DEFAULTS[name]
    path = Path(value).expanduser()
    return path if path.is_absolute() else cwd / path


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
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))} (known: warehouse, input)")
    return {k: str(v) for k, v in section.items()}


def artifacts_dir(warehouse: Path) -> Path:
    """The dashboard, Data Docs and Prefect's state sit beside the warehouse file they describe."""
    return Path(warehouse).resolve().parent
