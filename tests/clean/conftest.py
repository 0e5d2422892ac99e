"""Shared inputs for the cleaning tests: the seed articles with their gold labels, and our own written pages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_GOLD = ROOT.parent / "shared" / "gold" / "seeds"  # shared/ sits beside the repository
OWN_DOCS = sorted((ROOT / "tests" / "data" / "clean").glob("*.txt"))


def read_raw(path: Path) -> str:
    """Read without newline translation so CRLF documents stay CRLF."""
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def seed_gold(path: Path) -> dict:
    local = path.with_suffix(".json")
    source = local if local.exists() else SEED_GOLD / (path.stem + ".json")
    return json.loads(source.read_text(encoding="utf-8"))


def own_gold(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_003() -> str:
    return read_raw(next(p for p in SEEDS if p.name.startswith("003_")))


@pytest.fixture(scope="session")
def seed_001() -> str:
    return read_raw(next(p for p in SEEDS if p.name.startswith("001_")))
