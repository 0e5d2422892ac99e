"""`make eval`: the pipeline scored on every local set, in one table, with the shared scorer.

Sets: the seeds, our own articles and cleaning pages, the independent pages, the real pages' dev part, the real
pages' blind part (totals only: its misses are never printed or stored) and the cleaning benchmark (all of it, and
its English pages alone). Each set goes through the stages as plain functions (tests/conftest.load_folder) into its
own DuckDB file; the scorer reads it.
The table is printed and written as JSON; `--compare BEFORE AFTER` prints what changed between two such files.

usage: python -m benchmarks.quality [--out FILE] [--only SET ...]
       python -m benchmarks.quality --compare BEFORE.json AFTER.json
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import real_pages

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.conftest: the stages as plain functions, our articles as published

from tests.conftest import as_published, load_folder  # noqa: E402
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
OUT = ROOT / "benchmarks" / "out" / "quality.json"

# column -> path into the scorer's JSON
COLUMNS = {
    "keep": "clean_keep", "leak": "clean_drop_leak", "title": "title_exact", "date": "published_on_acc",
    "troops P": "troops_counted.P", "troops R": "troops_counted.R", "action": "troop_action_acc",
    "place": "troop_place_acc", "uncounted R": "troops_uncounted_recall", "bases P": "bases.P", "bases R": "bases.R",
    "base date": "base_date_acc", "quotes P": "statements.P", "quotes R": "statements.R", "speaker": "speaker_acc",
    "amounts R": "amounts_recall", "F1": "extraction_f1",
}


def _real_part(split: str, target: Path) -> tuple[Path, Path, list[str]]:
    """The texts and gold of one split of tests/data/real, copied side by side; and the texts that are missing."""
    texts, gold = target / "texts", target / "gold"
    texts.mkdir(parents=True)
    gold.mkdir()
    missing = []
    for e in real_pages.load_manifest():
        if e["split"] != split:
            continue
        src = real_pages.TEXTS / e["file"]
        if not src.exists():
            missing.append(e["file"])
            continue
        shutil.copy(src, texts / e["file"])
        shutil.copy(real_pages.GOLD / (Path(e["file"]).stem + ".json"), gold)
    return texts, gold, missing


def sets(tmp: Path) -> dict[str, tuple[Path, Path, list[str]]]:
    """set name -> (texts, gold, missing texts), built lazily where a set needs a folder of its own."""
    out = {
        "seeds": (ROOT / "seeds", SHARED / "gold" / "seeds", []),
        "own articles": (own := as_published(ROOT / "tests" / "data" / "extract", tmp / "own"), own, []),
        "own cleaning": (ROOT / "tests" / "data" / "clean", ROOT / "tests" / "data" / "clean", []),
        "independent": (ROOT / "tests" / "data" / "independent", ROOT / "tests" / "data" / "independent", []),
        "real dev": _real_part("dev", tmp / "dev"),
        "real blind": _real_part("blind", tmp / "blind"),
    }
    bench = SHARED / "bench" / "cleaning"
    if bench.exists():
        out["cleaning bench"] = (bench / "texts", bench / "gold", [])
        out["cleaning bench en"] = _bench_language(bench, "en", tmp / "bench_en")
    return out


def _bench_language(bench: Path, lang: str, target: Path) -> tuple[Path, Path, list[str]]:
    """The benchmark's pages of one language (its manifest's crude guess): #14 sets a bar on the English ones."""
    target.mkdir(parents=True)
    for e in json.loads((bench / "manifest.json").read_text(encoding="utf-8")):
        if e["lang"] == lang:
            shutil.copy(bench / "texts" / e["doc"], target / e["doc"])
            shutil.copy(bench / "gold" / (Path(e["doc"]).stem + ".json"), target)
    return target, target, []


# column -> what the gold must hold for the column to measure anything (the scorer reports 1.0 for nothing)
NEEDS = {
    "keep": "keep", "leak": "drop", "title": "title",
    "troops P": "counted", "troops R": "counted", "action": "counted", "place": "placed", "uncounted R": "uncounted",
    "bases P": "bases", "bases R": "bases", "base date": "dated_bases", "quotes P": "statements",
    "quotes R": "statements", "speaker": "statements", "amounts R": "amounts", "F1": "facts",
}


def _gold_has(gold: Path) -> set[str]:
    has: set[str] = set()
    for path in gold.glob("*.json"):
        g = json.loads(path.read_text(encoding="utf-8"))
        troops = [t for t in g.get("troops") or [] if t.get("required", True)]
        checks = {
            "keep": g.get("keep"), "drop": g.get("drop"), "title": g.get("title"),
            "published_on": g.get("published_on"), "counted": [t for t in troops if t.get("count") is not None],
            "placed": [t for t in troops if t.get("location") or t.get("origin")],
            "uncounted": [t for t in troops if t.get("count") is None],
            "bases": [b for b in g.get("bases") or [] if b.get("required", True)],
            "dated_bases": [b for b in g.get("bases") or [] if b.get("required", True) and b.get("date")],
            "statements": [x for x in g.get("statements") or [] if x.get("required", True)],
            "amounts": [a for a in g.get("amounts") or [] if a.get("required", True)],
        }
        has |= {k for k, v in checks.items() if v}
    if has & {"counted", "bases", "statements"}:
        has.add("facts")
    return has


def _warm_up() -> None:
    """Data files read and patterns compiled once per process: a cost of start-up, not of throughput."""
    with tempfile.TemporaryDirectory() as tmp:
        load_folder(ROOT / "seeds", Path(tmp) / "warm.duckdb")


def score_set(texts: Path, gold: Path, db: Path) -> dict:
    files = list(texts.glob("*.txt"))
    started = time.perf_counter()
    load_folder(texts, db)
    seconds = time.perf_counter() - started
    out = db.with_suffix(".score.json")
    subprocess.run([sys.executable, str(SCORER), "--db", str(db), "--gold", str(gold), "--json", str(out)],
                   check=True, capture_output=True)
    score = json.loads(out.read_text())
    has = _gold_has(gold)
    row = {col: _get(score, path) if NEEDS.get(col, "always") in has | {"always"} else None
           for col, path in COLUMNS.items()}
    row["docs"] = len(files)
    row["docs/s"] = round(len(files) / seconds, 1) if seconds else None
    row["MB/s"] = round(sum(f.stat().st_size for f in files) / 1e6 / seconds, 2) if seconds else None
    return row


def _get(score: dict, path: str):
    value = score
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return round(value, 3) if isinstance(value, float) else value


def evaluate(only: list[str] | None = None) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="sitrep-eval-"))
    try:
        result = {"measured_at": dt.datetime.now().isoformat(timespec="seconds"), "sets": {}, "missing": {}}
        _warm_up()
        for name, (texts, gold, missing) in sets(tmp).items():
            if only and name not in only:
                continue
            if missing:
                result["missing"][name] = missing
            if not any(texts.glob("*.txt")):
                continue
            result["sets"][name] = score_set(texts, gold, tmp / (name.replace(" ", "_") + ".duckdb"))
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def format_table(result: dict) -> str:
    cols = list(COLUMNS) + ["docs", "docs/s"]
    rows = [[name] + ["" if r.get(c) is None else f"{r[c]:.2f}" if isinstance(r[c], float) else str(r[c])
                      for c in cols] for name, r in result["sets"].items()]
    header = ["set"] + cols
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda vals: "  ".join(str(v).rjust(w) if i else str(v).ljust(w) for i, (v, w) in enumerate(zip(vals, widths)))
    out = [line(header)] + [line(r) for r in rows]
    out.append("(blank: the set's gold has nothing that metric measures; docs/s: the stages as plain functions, "
               "one process)")
    for name, files in result.get("missing", {}).items():
        out.append(f"{name}: {len(files)} texts missing (scored without them): {' '.join(files)}"
                   " -- see tests/data/real/README.md to fetch them")
    return "\n".join(out)


def compare(before: dict, after: dict) -> str:
    lines = []
    for name, row in after["sets"].items():
        old = before["sets"].get(name)
        if not old:
            lines.append(f"{name}: new set")
            continue
        changes = [f"{c} {old[c]} -> {row[c]}" for c in COLUMNS if old.get(c) != row.get(c)]
        lines.append(f"{name}: " + ("; ".join(changes) if changes else "unchanged"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"JSON file to write (default: {OUT.relative_to(ROOT)})")
    parser.add_argument("--only", nargs="+", help="score only these sets (names as in the table)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"),
                        help="print what changed between two result files, and score nothing")
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        print(compare(before, after))
        return 0
    if not SCORER.exists():
        print(f"quality: the shared scorer is missing ({SCORER})", file=sys.stderr)
        return 2
    result = evaluate(args.only)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(format_table(result))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
