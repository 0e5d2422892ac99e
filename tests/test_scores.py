"""Quality floors, measured with the shared scorer on real pipeline output, held to tests/quality_floors.json.

The floors file pins each corpus's gold by digest (trafilatura's evaluation gate is the model): a changed gold or
a lowered floor fails here until the change is written down in the file's `lowered` list, with the reason.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED, as_published, load_folder

SCORER = SHARED / "eval" / "score.py"
FLOORS_FILE = ROOT / "tests" / "quality_floors.json"
FLOORS = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval/score.py beside the repository")


def gold_digest(folder: Path) -> str:
    """sha256 over the gold files' names and bytes, in name order."""
    h = hashlib.sha256()
    for path in sorted(folder.glob("*.json")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _score(db: Path, gold: Path) -> dict:
    out = db.parent / "score.json"
    subprocess.run([sys.executable, str(SCORER), "--db", str(db), "--gold", str(gold), "--json", str(out)],
                   check=True, capture_output=True)
    return json.loads(out.read_text())


def _metric(score: dict, name: str) -> float:
    value = score
    for part in name.split("."):
        value = value[part]
    return value


def _unmet(score: dict, floors: dict) -> list[str]:
    out = []
    for name, bound in floors.items():
        value = _metric(score, name)
        if ("min" in bound and value < bound["min"]) or ("max" in bound and value > bound["max"]):
            out.append(f"{name} = {value} (floor {bound})")
    return out


@pytest.mark.parametrize("corpus", sorted(FLOORS["corpora"]))
def test_each_corpus_meets_its_pinned_floors(corpus, tmp_path):
    spec = FLOORS["corpora"][corpus]
    texts, gold = ROOT / spec["texts"], ROOT / spec["gold"]
    if corpus == "own_articles":
        texts = gold = as_published(texts, tmp_path / "articles")
    db = tmp_path / f"{corpus}.duckdb"
    load_folder(texts, db)
    assert _unmet(_score(db, gold), spec["floors"]) == []


@pytest.mark.parametrize("corpus", sorted(FLOORS["corpora"]))
def test_each_corpus_is_scored_on_the_gold_its_floors_were_pinned_with(corpus):
    spec = FLOORS["corpora"][corpus]
    assert gold_digest(ROOT / spec["gold"]) == spec["digest"], (
        f"the gold of {corpus} changed: re-measure, then pin the new digest (and any lowered floor) in "
        f"{FLOORS_FILE.name}")


def _previous_floors() -> dict | None:
    """The floors file as the last commit that changed it found it (None outside a git checkout)."""
    rel = FLOORS_FILE.relative_to(ROOT).as_posix()
    try:
        commits = subprocess.run(["git", "log", "-n", "2", "--format=%H", "--", rel], cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout.split()
        head = subprocess.run(["git", "show", f"HEAD:{rel}"], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    current = FLOORS_FILE.read_text(encoding="utf-8")
    ref = "HEAD" if head != current else (commits[1] if len(commits) > 1 else None)
    if ref is None:
        return None
    shown = subprocess.run(["git", "show", f"{ref}:{rel}"], cwd=ROOT, capture_output=True, text=True)
    return json.loads(shown.stdout) if shown.returncode == 0 else None


def lowered_without_reason(before: dict, after: dict) -> list[str]:
    """Floors that `after` lowers (or drops) relative to `before` with no matching `lowered` entry."""
    written = {(e["corpus"], e["metric"]) for e in after.get("lowered", []) if e.get("why")}
    out = []
    for corpus, spec in before["corpora"].items():
        new = after["corpora"].get(corpus, {}).get("floors", {})
        for metric, bound in spec["floors"].items():
            now = new.get(metric)
            lower = now is None or ("min" in bound and now.get("min", -1) < bound["min"]) or (
                "max" in bound and now.get("max", 2) > bound["max"])
            if lower and (corpus, metric) not in written:
                out.append(f"{corpus}.{metric}: {bound} -> {now}")
    return out


def test_no_floor_is_lowered_without_a_written_reason():
    before = _previous_floors()
    if before is None:
        pytest.skip("no earlier version of the floors file in git history")
    assert lowered_without_reason(before, FLOORS) == []


def test_the_gate_catches_a_silently_lowered_floor():
    lowered = json.loads(json.dumps(FLOORS))
    lowered["corpora"]["independent"]["floors"]["extraction_f1"] = {"min": 0.10}
    assert lowered_without_reason(FLOORS, lowered) == ["independent.extraction_f1: {'min': 0.65} -> {'min': 0.1}"]
    lowered["lowered"] = [{"corpus": "independent", "metric": "extraction_f1", "from": 0.65, "to": 0.10,
                           "why": "a test of the gate"}]
    assert lowered_without_reason(FLOORS, lowered) == []
