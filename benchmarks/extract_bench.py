"""Extraction alone: documents/second and MB/s over 1,000 article bodies, in one process and in --workers processes,
with the parse's share: tokens parsed over tokens of clean text, and extraction time over the time the same
pipeline needs to parse just the sentences extraction parses (the rule layer's cost), and peak RSS.

The corpus is the seed bodies (cleaned) and the hand-written test articles, repeated with light variation
(paragraphs rotated, numbers changed) so no run is served from a cache.
usage: python -m benchmarks.extract_bench [--docs 1000] [--min-kb 3] [--repeat 3] [--workers 2]
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitrep.extract import extract_facts  # noqa: E402
from sitrep.extract import candidates as _doc_candidates  # noqa: E402
from sitrep.extract import bases as _bases  # noqa: E402
from sitrep.extract.context import build as _context  # noqa: E402
from sitrep.extract.gazetteer import load as _gazetteer  # noqa: E402
from sitrep.extract.parse import pipeline  # noqa: E402
from sitrep.extract.sentences import find_quotes, mask_quotes, split_sentences  # noqa: E402


def bodies() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/data/extract").glob("*.txt"))]
    try:
        from sitrep.clean import clean_document
        texts += [clean_document(p.read_text(encoding="utf-8")).clean_text for p in sorted((ROOT / "seeds").glob("*.txt"))]
    except Exception:           # the cleaner is optional here: extraction is what is timed
        pass
    return [t for t in texts if t.strip()]


def vary(text: str, rng: random.Random) -> str:
    paras = text.split("\n\n")
    k = rng.randrange(len(paras))
    paras = paras[k:] + paras[:k]
    return re.sub(r"\b\d{2,4}\b", lambda m: str(int(m.group()) + rng.randrange(1, 9)), "\n\n".join(paras))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--min-kb", type=float, default=3.0, help="join bodies until a document reaches this size")
    ap.add_argument("--repeat", type=int, default=1, help="time the corpus this many times, report the fastest")
    ap.add_argument("--workers", type=int, default=2, help="processes for the parallel run (0: skip it)")
    a = ap.parse_args()
    rng = random.Random(7)
    base = bodies()
    corpus = []
    for i in range(a.docs):
        parts = [vary(base[(i + k) % len(base)], rng) for k in range(1)]
        while sum(len(p) for p in parts) < a.min_kb * 1024:
            parts.append(vary(base[rng.randrange(len(base))], rng))
        corpus.append("\n\n".join(parts))
    extract_facts(corpus[0])                      # load gazetteers and regexes outside the timing
    size = sum(len(t.encode("utf-8")) for t in corpus)
    best = None
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        rows = 0
        for t in corpus:
            f = extract_facts(t)
            rows += len(f.troops) + len(f.bases) + len(f.statements) + len(f.amounts)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        if best is None or cpu < best[1]:
            best = (dt, cpu)
    dt, cpu = best
    # CPU time too: on a shared machine wall time measures the neighbours as much as this code (and even CPU
    # time swells when the cores are contended, hence the best of --repeat runs).
    print(f"docs={len(corpus)} avg_kb={size / len(corpus) / 1024:.1f} corpus_mb={size / 1e6:.2f} rows={rows} "
          f"wall_s={dt:.2f} cpu_s={cpu:.2f} docs_per_s={len(corpus) / dt:.0f} MB_per_s={size / dt / 1e6:.2f} "
          f"docs_per_cpu_s={len(corpus) / cpu:.0f} MB_per_cpu_s={size / cpu / 1e6:.2f}")
    parse_share(corpus, cpu)
    if a.workers > 1:
        t0 = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(a.workers) as pool:
            n = sum(pool.map(_rows, corpus, chunksize=16))
        dt = time.perf_counter() - t0
        print(f"workers={a.workers} rows={n} wall_s={dt:.2f} docs_per_s={len(corpus) / dt:.0f} "
              f"MB_per_s={size / dt / 1e6:.2f}")
    print(f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


def _rows(text: str) -> int:
    f = extract_facts(text)
    return len(f.troops) + len(f.bases) + len(f.statements) + len(f.amounts)


def _candidates(text: str, sents: list) -> list[str]:
    quotes = find_quotes(text)
    ctx = _context(text, _gazetteer(), _bases.find_mentions(text))
    return [s.text for s in _doc_candidates(text, sents, quotes, ctx)]


def parse_share(corpus: list[str], extract_cpu: float) -> None:
    """The parse alone on the sentences extraction chooses, and the tokens it covers."""
    nlp = pipeline()
    chosen, all_tokens = [], 0
    for t in corpus:
        sents = split_sentences(t, mask_quotes(t, find_quotes(t)))
        chosen += _candidates(t, sents)
        all_tokens += len(nlp.make_doc(t))
    c0 = time.process_time()
    parsed = sum(len(d) for d in nlp.pipe(chosen, batch_size=64))
    parse_cpu = time.process_time() - c0
    print(f"tokens_clean={all_tokens} tokens_parsed={parsed} parsed_share={parsed / all_tokens:.2f} "
          f"parse_cpu_s={parse_cpu:.2f} extraction_over_parse={extract_cpu / parse_cpu:.2f}")


if __name__ == "__main__":
    main()
