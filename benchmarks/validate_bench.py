"""Validation benchmark: every suite over a synthetic 10,000-document warehouse.

The warehouse is built through the real bulk path (`warehouse.load_batch`) from generated articles whose facts
carry true evidence spans, with a sprinkling of the trouble the checks look for (2% ambiguous amounts, 3% troop
counts 20% off the strength other sources give, 2% handover dates three days off, 1% of base mentions under a
misspelt canonical name, a fifth of statements without a named speaker), so the flag paths do real work.
Times `quality.validate_warehouse`, and how long DuckDB alone takes to produce each
suite's frame. Writes benchmarks/out/validate_bench.json.

usage: python -m benchmarks.validate_bench [--docs 10000] [--seed 7] [--keep DIR] [--incremental 0.01]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from sitrep import quality, warehouse

OUT = Path(__file__).resolve().parent / "out" / "validate_bench.json"
OUT_INCREMENTAL = OUT.with_name("validate_incremental.json")
BATCH = 500

ACTORS = [("USA", "U.S. forces"), ("GBR", "British troops"), ("FRA", "French soldiers"), ("DEU", "German troops"),
          ("ITA", "Italian troops"), ("CAN", "Canadian forces"), ("ESP", "Spanish troops"), ("NLD", "Dutch troops"),
          ("NOR", "Norwegian soldiers"), ("DNK", "Danish troops"), ("NATO", "NATO troops"),
          ("COALITION", "coalition forces")]
PLACES = ["Iraq", "Syria", "Kuwait", "Jordan", "Erbil", "Baghdad", "Taji", "Anbar", "Mosul", "Qatar"]
BASES = ["Ain al-Asad Air Base", "Camp Taji", "Qayyarah Air Base", "K1 Air Base", "Al Taqaddum Air Base",
         "Camp Victory", "Erbil Air Base", "Camp Arifjan", "Al Udeid Air Base", "Camp Buehring"]
HANDED_OVER = {base: dt.date(2020, 3, 1) + dt.timedelta(days=7 * i) for i, base in enumerate(BASES)}
ACTIONS = ["deploy", "withdraw", "relocate", "remain", "reduce", "present", "evacuate"]
SPEAKERS = [("Myles B. Caggins III", "Col."), ("Mark Esper", "Defense Secretary"), ("Ben Wallace", "Defence Secretary"),
            (None, "spokesperson"), ("William H. Seely III", "Brig. Gen.")]
FILLER = ("Officials did not say how long the move would take, and the ministry declined to comment on the plans "
          "for the coming weeks. ")
NAV = "Home | World | Middle East | Opinion | Subscribe | Donate\n"


class Article:
    """One generated document: sentences appended to the clean text, each fact pointing at its own sentence."""

    def __init__(self, doc_no: int, rng: random.Random):
        self.rng = rng
        self.doc_no = doc_no
        self.doc_id = hashlib.sha256(f"synthetic-{doc_no}".encode()).hexdigest()[:16]
        self.published = dt.date(2020, 6, 1) + dt.timedelta(days=rng.randrange(0, 1000))
        self.parts: list[str] = []
        self.length = 0
        self.facts: dict[str, list[dict]] = {"troops": [], "bases": [], "statements": [], "amounts": []}

    def sentence(self, text: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def fact(self, table: str, text: str, **fields) -> None:
        start, end = self.sentence(text)
        rows = self.facts[table]
        rows.append({"doc_id": self.doc_id, "mention_no": len(rows) + 1, **fields, "evidence": text,
                     "start_offset": start, "end_offset": end})


def strength(actor: str, place: str) -> int:
    """The one strength every source states for an actor at a place (before the few that disagree)."""
    return 50 + int(hashlib.sha256(f"{actor}{place}".encode()).hexdigest()[:6], 16) % 4000


def build_article(doc_no: int, rng: random.Random) -> Article:
    a = Article(doc_no, rng)
    for _ in range(rng.randint(5, 10)):
        code, text = rng.choice(ACTORS)
        place, action = rng.choice(PLACES), rng.choice(ACTIONS)
        count = rng.choice([None, rng.randint(5, 900), rng.randint(1, 60) * 100])
        if count is not None and action in ("present", "remain"):
            count = strength(code, place)
        if count is not None and rng.random() < 0.03:
            count = round(count * 1.2)
        count_text = None if count is None else f"{count:,}"
        sentence = f"{count_text + ' ' if count_text else ''}{text} will {action} in {place}, officials said."
        a.fact("troops", sentence[0].upper() + sentence[1:], actor=code, actor_text=text, troop_count=count,
               count_text=count_text, count_kind="none" if count is None else "exact", action=action,
               location=place, event_date=a.published - dt.timedelta(days=rng.randrange(0, 30)))
        a.sentence(FILLER)
    for _ in range(rng.choice([0, 1, 1, 2])):
        base = rng.choice(BASES if rng.random() > 0.01 else ["Qayyara Air Base"])
        when = HANDED_OVER.get(base, dt.date(2020, 3, 26)) + dt.timedelta(days=3 if rng.random() < 0.02 else 0)
        a.fact("bases", f"The coalition handed over {base} to Iraqi forces on {when:%B %d, %Y}.", base=base,
               base_text=base, event="handover", from_party="COALITION", to_party="IRQ", event_date=when)
    for _ in range(rng.randint(3, 8)):
        speaker, title = rng.choice(SPEAKERS)
        quote = "We are repositioning forces to prepare for onward movement"
        a.fact("statements", f"\u201c{quote},\u201d the {title} said.", speaker=speaker, speaker_title=title,
               quote=quote, quote_kind="direct", statement_date=a.published)
        a.sentence(FILLER)
    if rng.random() < 0.5:
        ambiguous = rng.random() < 0.02
        amount = "$1,7 million" if ambiguous else f"${rng.randint(1, 900)} million"
        a.fact("amounts", f"The base hosted {amount} of coalition equipment.", amount_text=amount, currency="USD",
               value=None if ambiguous else float(amount[1:].split()[0]) * 1e6, is_ambiguous=ambiguous)
    return a


def document_rows(a: Article) -> dict[str, list[dict]]:
    clean = "".join(a.parts)
    comments = [f"Comment {i}: this is what readers think about the news today." for i in range(a.rng.randint(0, 8))]
    raw = NAV + f"Headline number {a.doc_no}\n" + clean + "\n" + "\n".join(comments)
    blocks = [{"kind": "navigation", "start": 0, "end": len(NAV) - 1}]
    offset = len(raw) - len("\n".join(comments))
    for c in comments:
        blocks.append({"kind": "comments", "start": offset, "end": offset + len(c)})
        offset += len(c) + 1
    return {
        "documents": [{"doc_id": a.doc_id, "source_file": f"{a.doc_no:05d}.txt", "title": f"Headline {a.doc_no}",
                       "publisher": "Synthetic Post", "published_on": a.published, "raw_text": raw,
                       "clean_text": clean, "ingested_at": dt.datetime.now(), "encoding": "utf-8",
                       "byte_size": len(raw.encode())}],
        "removed_blocks": [{"doc_id": a.doc_id, "block_no": i, "kind": b["kind"], "start_offset": b["start"],
                            "end_offset": b["end"], "text": raw[b["start"]:b["end"]]}
                           for i, b in enumerate(blocks, start=1)],
        "comments": [{"doc_id": a.doc_id, "comment_no": i, "author": None, "text": c}
                     for i, c in enumerate(comments, start=1)],
        **a.facts,
    }


def build_warehouse(db: Path, docs: int, seed: int, first_doc: int = 0) -> dict[str, int]:
    """Load documents first_doc .. first_doc + docs - 1 (the same numbers give the same documents)."""
    rng = random.Random(seed + first_doc)
    warehouse.ensure_schema(db)
    totals: dict[str, int] = {}
    for first in range(first_doc, first_doc + docs, BATCH):
        batch: dict[str, list[dict]] = {}
        for doc_no in range(first, min(first + BATCH, first_doc + docs)):
            for table, rows in document_rows(build_article(doc_no, rng)).items():
                batch.setdefault(table, []).extend(rows)
        for table, n in warehouse.load_batch(db, batch, []).items():
            totals[table] = totals.get(table, 0) + n
    return totals


def frame_seconds(db: Path) -> dict[str, float]:
    """DuckDB's share: how long each suite's table or view takes to arrive as a pandas frame."""
    out = {}
    for suite in quality.load_suites():
        t0 = time.perf_counter()
        warehouse.read_frame(db, f"SELECT * FROM {suite.table}").to_pandas()
        out[suite.name] = round(time.perf_counter() - t0, 3)
    return out


def run(docs: int, seed: int, folder: Path) -> dict:
    db = folder / "bench.duckdb"
    t0 = time.perf_counter()
    rows = build_warehouse(db, docs, seed)
    build = time.perf_counter() - t0

    t0 = time.perf_counter()
    report = quality.validate_warehouse(db, "bench-1")
    plain = time.perf_counter() - t0

    return {
        "documents": docs,
        "rows": rows,
        "build_seconds": round(build, 2),
        "validate_seconds": round(plain, 2),
        "frame_seconds": frame_seconds(db),
        "checks": len(report.results),
        "critical_failures": [f"{r['suite']}.{r['column_name']}" for r in report.critical_failures],
        "warnings": {f"{r['suite']}.{r['column_name']}": r["unexpected_count"] for r in report.warnings},
        "flagged_rows": len(report.flags),
    }


def incremental(docs: int, share: float, seed: int, folder: Path) -> dict:
    """What adding `share` new documents to a warehouse of `docs` costs (load, then validate as the flow does:
    the documents loaded since the last validation), against loading and validating those new documents alone
    into an empty warehouse: the cost that should follow the new work."""
    new = max(1, round(docs * share))
    big, alone = folder / "big.duckdb", folder / "alone.duckdb"
    build_warehouse(big, docs, seed)
    quality.validate_warehouse(big, "before")
    timings = {}
    for name, db in (("alone", alone), ("incremental", big)):
        t0 = time.perf_counter()
        last = quality.last_validation(db) if db.exists() else None  # as the flow does: since the last one
        build_warehouse(db, new, seed, first_doc=docs)
        loaded = time.perf_counter() - t0
        quality.validate_warehouse(db, "after", since=last[1] if last else None)
        timings[name] = {"load_seconds": round(loaded, 2), "total_seconds": round(time.perf_counter() - t0, 2)}
    return {"documents": docs, "new_documents": new, **timings,
            "ratio": round(timings["incremental"]["total_seconds"] / timings["alone"]["total_seconds"], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the warehouse here and keep it (default: a temp dir)")
    parser.add_argument("--incremental", type=float, metavar="SHARE",
                        help="instead: add SHARE x --docs new documents (e.g. 0.01) and compare with them alone")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="sitrep-validate-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        result = (incremental(args.docs, args.incremental, args.seed, folder) if args.incremental
                  else run(args.docs, args.seed, folder))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    out = OUT_INCREMENTAL if args.incremental else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
