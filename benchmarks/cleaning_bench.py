"""Cleaning benchmark: sitrep.clean versus jusText on real page dumps (shared/bench/cleaning).

Scores keep / leak / title by the rule of shared/eval/score.py, English pages first (the project's language),
then all pages; times clean_document alone, on the bench pages and on the seeds (docs/s and MB/s, CPU and wall).
Writes benchmarks/out/cleaning_bench.json.

usage: python -m benchmarks.cleaning_bench [--bench DIR] [--templates] [--show-failures N] [--explain]
"""
from __future__ import annotations

import argparse
import html
import json
import time
from pathlib import Path

import justext

from sitrep.clean import clean_document, template_lines
from sitrep.clean.evaluate import Score, explain_misses

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "cleaning"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
OUT = Path(__file__).resolve().parent / "out" / "cleaning_bench.json"
JUSTEXT_LANG = {"en": "English", "de": "German", "es": "Spanish", "fr": "French", "pl": "Polish", "it": "Italian"}


def justext_clean(raw: str, lang: str) -> str:
    """jusText over the dump with each line as a paragraph; no stoplist -> its language-independent mode."""
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    if not lines:
        return ""
    page = "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines) + "</body></html>"
    name = JUSTEXT_LANG.get(lang)
    if name:
        paras = justext.justext(page, justext.get_stoplist(name))
    else:
        paras = justext.justext(page, frozenset(), stopwords_low=0, stopwords_high=0)
    return "\n\n".join(p.text for p in paras if not p.is_boilerplate)


def run(bench: Path, use_templates: bool, show: int, explain: bool = False) -> dict:
    manifest = json.loads((bench / "manifest.json").read_text(encoding="utf-8"))
    docs = []
    for entry in manifest:
        raw = (bench / "texts" / entry["doc"]).read_text(encoding="utf-8")
        gold = json.loads((bench / "gold" / (entry["doc"][:-4] + ".json")).read_text(encoding="utf-8"))
        docs.append((entry, raw, gold))
    templates = template_lines((raw for _, raw, _ in docs)) if use_templates else frozenset()

    clean_document(docs[0][1], templates)  # one-off costs (data files read, patterns compiled) are not throughput
    t0, c0 = time.perf_counter(), time.process_time()
    cleaned = [clean_document(raw, templates) for _, raw, _ in docs]
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    n_chars = sum(len(raw) for _, raw, _ in docs)
    n_bytes = sum(len(raw.encode("utf-8")) for _, raw, _ in docs)
    seeds = _seed_speed()

    ours = {"en": Score(), "all": Score()}
    base = {"en": Score(), "all": Score()}
    failures = []
    for (entry, raw, gold), doc in zip(docs, cleaned):
        groups = ["all"] + (["en"] if entry["lang"] == "en" else [])
        jt = justext_clean(raw, entry["lang"])
        for g in groups:
            miss = ours[g].add(doc.clean_text, doc.title, gold)
            base[g].add(jt, None, gold)
        if entry["lang"] == "en" and miss:
            failures.append((entry["doc"], miss))
    for name, miss in failures[:show]:
        print(name, *miss, sep="\n   ")
    if explain:
        for entry, raw, gold in docs:
            if entry["lang"] == "en":
                why = explain_misses(raw, gold)
                if why:
                    print(entry["doc"], *why, sep="\n   ")

    result = {
        "pages": {"en": sum(e["lang"] == "en" for e, _, _ in docs), "all": len(docs)},
        "templates": len(templates),
        "sitrep": {g: _figures(s) for g, s in ours.items()},
        "justext": {g: _figures(s, title=False) for g, s in base.items()},
        "speed": {
            "docs_per_s": round(len(docs) / elapsed, 1),
            "mb_per_s": round(n_bytes / elapsed / 1e6, 2),
            "cpu_docs_per_s": round(len(docs) / cpu, 1),
            "cpu_mb_per_s": round(n_bytes / cpu / 1e6, 2),
            "chars": n_chars,
            "bytes": n_bytes,
            "seconds": round(elapsed, 3),
            "cpu_seconds": round(cpu, 3),
        },
        "seed_speed": seeds,
    }
    print(f"{'':10s}{'keep':>8s}{'leak':>8s}{'title':>8s}")
    for g in ("en", "all"):
        s, j = result["sitrep"][g], result["justext"][g]
        print(f"{g + ' sitrep':10s}{s['keep']:8.3f}{s['leak']:8.3f}{s['title']:8.3f}   ({result['pages'][g]} pages)")
        print(f"{g + ' jusText':10s}{j['keep']:8.3f}{j['leak']:8.3f}{'-':>8s}")
    sp = result["speed"]
    print(f"clean_document, bench pages: {sp['cpu_docs_per_s']} docs/s, {sp['cpu_mb_per_s']} MB/s CPU time "
          f"({sp['docs_per_s']} docs/s, {sp['mb_per_s']} MB/s wall; {len(docs)} pages, {n_bytes / 1e6:.2f} MB, "
          f"mean {n_bytes / len(docs) / 1e3:.1f} KB)")
    if seeds:
        print(f"clean_document, seeds x{seeds['copies']}: {seeds['cpu_docs_per_s']} docs/s, "
              f"{seeds['cpu_mb_per_s']} MB/s CPU time ({seeds['docs_per_s']} docs/s wall; {seeds['docs']} documents, "
              f"mean {seeds['mean_kb']} KB)")
    return result


def _seed_speed(copies: int = 40) -> dict | None:
    """clean_document over the project's seed articles (typical 4-6 KB news pages), each cleaned `copies` times.

    CPU time (time.process_time) is the figure to compare: the machine is shared, so wall time varies with load.
    """
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        return None
    texts = [p.read_text(encoding="utf-8") for p in paths] * copies
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    t0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        clean_document(text)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "copies": copies,
        "docs": len(texts),
        "mean_kb": round(n_bytes / len(texts) / 1e3, 1),
        "docs_per_s": round(len(texts) / elapsed, 1),
        "cpu_docs_per_s": round(len(texts) / cpu, 1),
        "cpu_mb_per_s": round(n_bytes / cpu / 1e6, 2),
    }


def _figures(s: Score, title: bool = True) -> dict:
    out = {"keep": round(s.keep, 4), "leak": round(s.leak, 4), "keep_n": s.keep_total, "drop_n": s.drop_total}
    if title:
        out["title"] = round(s.title, 4)
        out["title_n"] = s.title_total
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=BENCH)
    ap.add_argument("--templates", action="store_true", help="remove lines shared by many pages (template_lines)")
    ap.add_argument("--show-failures", type=int, default=0, metavar="N", help="print the first N failing en pages")
    ap.add_argument("--explain", action="store_true",
                    help="for every en keep miss and leak, print the lines holding it and why they were labelled so")
    args = ap.parse_args()
    result = run(args.bench, args.templates, args.show_failures, args.explain)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
