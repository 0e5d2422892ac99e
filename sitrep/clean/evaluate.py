"""Score cleaning output against gold keep/drop/title labels, by the rule of shared/eval/score.py.

Lives beside the cleaner so that tests and the benchmark judge it by one definition.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\xa0": " "})


def fold(text: str | None) -> str:
    """Whitespace folded, NFKC, curly quotes straightened."""
    return " ".join(unicodedata.normalize("NFKC", text or "").translate(_QUOTES).split())


def norm_words(text: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text).lower()))


@dataclass
class Score:
    keep_hit: int = 0
    keep_total: int = 0
    drop_hit: int = 0  # drop snippets still present (leaks)
    drop_total: int = 0
    title_hit: int = 0
    title_total: int = 0

    def add(self, clean_text: str, title: str | None, gold: dict) -> list[str]:
        """Tally one document; return the failures as readable lines."""
        text = fold(clean_text)
        misses = []
        for s in gold.get("keep", []):
            self.keep_total += 1
            if fold(s) in text:
                self.keep_hit += 1
            else:
                misses.append(f"lost keep: {s[:80]!r}")
        for s in gold.get("drop", []):
            self.drop_total += 1
            if fold(s) in text:
                self.drop_hit += 1
                misses.append(f"leaked drop: {s[:80]!r}")
        if gold.get("title"):
            self.title_total += 1
            if norm_words(gold["title"]) == norm_words(title):
                self.title_hit += 1
            else:
                misses.append(f"title {title!r} != {gold['title']!r}")
        return misses

    @property
    def keep(self) -> float:
        return self.keep_hit / self.keep_total if self.keep_total else 1.0

    @property
    def leak(self) -> float:
        return self.drop_hit / self.drop_total if self.drop_total else 0.0

    @property
    def title(self) -> float:
        return self.title_hit / self.title_total if self.title_total else 1.0


def explain_misses(raw_text: str, gold: dict) -> list[str]:
    """For each gold keep snippet missing from the clean text, the lines that hold it and why each was dropped:
    its kind, quality class (good / near / short / bad), the hard kind fixed by the line alone, the body region
    and the comment-thread cut. Leaked drop snippets are listed the same way."""
    from . import analyse, clean_document  # here, not at the top: sitrep.clean imports this module's users

    doc = clean_document(raw_text)
    lines, feats, lab, _notes = analyse(raw_text)
    text = fold(doc.clean_text)
    out: list[str] = []
    checks = (("lost keep", gold.get("keep", []), True), ("leaked drop", gold.get("drop", []), False))
    for what, snippets, missing in checks:
        for s in snippets:
            if (fold(s) not in text) != missing:
                continue
            out.append(f"{what}: {fold(s)[:90]!r}")
            want = fold(s)
            for i, ln in enumerate(lines):
                have = fold(ln.text)
                if have and (have in want or want in have or (len(want) > 60 and want[:60] in have)):
                    f = feats[i]
                    out.append(
                        f"   line {i} {lab.kinds[i]} quality={lab.qual[i]} hard={lab.hard[i]} region={lab.region} "
                        f"thread_at={lab.thread_at} chars={f.n_chars} stop={f.stop_ratio:.2f} terminal={f.terminal}"
                        f" | {ln.text[:60]!r}"
                    )
    return out
