"""Label every line of a document: body, title, or one of the removed kinds.

Three passes, after jusText: (1) each line alone gets a hard label (a lexicon phrase, a payment string, a
date, a template line) or a quality class from its shape (good / near-good / short / bad); (2) the body
region runs from the first good line to the last one before any comment thread; (3) inside that region,
lines that are not good themselves are kept when good text surrounds them (sub-headings, short paragraphs),
and dropped otherwise. Lines outside the region are removed with a kind saying what they are.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import metadata
from .blocks import Line
from .lexicon import Lexicon, fold_line
from .signals import Features

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"


@dataclass
class Labelled:
    kinds: list[str]  # one kind per line
    title_lines: list[int]  # indices of headline lines
    first_body: int | None
    thread_at: int | None
    notes: list[str]


def quality(f: Features, lang_known: bool) -> str:
    """jusText-like class from shape alone. Thresholds follow jusText (length 70/200, stopwords .30/.32)."""
    if f.n_chars == 0 or f.alpha_ratio < 0.5 or f.url_chars > f.n_chars * 0.5:
        return BAD
    if f.n_words >= 4 and f.cap_ratio > 0.85 and not f.terminal and f.stop_ratio < 0.15:
        return BAD  # A Menu Of Capitalised Labels
    if f.glued >= 2 and not f.terminal:
        return BAD
    if lang_known:
        if f.n_chars >= 70 and f.stop_ratio >= 0.30 and (f.terminal or f.n_chars >= 200):
            return GOOD
        if f.n_chars >= 40 and f.stop_ratio >= 0.30 and f.terminal and f.n_words >= 7:
            return GOOD
        if f.n_chars >= 70 and f.stop_ratio >= 0.20:
            return NEAR
        if f.n_chars >= 200 and f.terminal:
            return NEAR
    else:  # no function-word list fits (CJK, unlisted language): length and punctuation only
        if f.n_chars >= 80 and f.terminal:
            return GOOD
        if f.n_chars >= 50:
            return NEAR
    return SHORT if f.n_chars < 70 else BAD


def hard_kind(f: Features, lex: str | None, template: bool) -> str | None:
    """A kind fixed by the line alone, whatever its neighbours."""
    if lex:
        return {"thread": "comments", "weak-thread": "navigation"}.get(lex, lex)
    if f.has_wallet or f.currency_only:
        return "donation"
    if template:
        return "navigation"
    if f.n_chars and f.url_chars >= f.n_chars * 0.6:
        return "navigation"
    if f.n_words <= 12 and metadata.is_date_line(f.text):
        return "other"
    return None


# Main-region search: good lines further apart than MAX_GAP junk lines start a new cluster; the cluster with
# the most good text is the article, and others join it only when they carry a fair share of that text.
MAX_GAP = 5.0
JOIN_SHARE = 0.3


def label(
    lines: Sequence[Line],
    feats: Sequence[Features],
    lexicon: Lexicon,
    template: frozenset[str],
    lang_known: bool,
    thread_finder,
) -> Labelled:
    n = len(lines)
    notes: list[str] = []
    lex = [lexicon.lookup(f.text, f.n_words) if f.n_words <= 40 else None for f in feats]
    folded = [fold_line(f.text) for f in feats]
    hard = [hard_kind(f, lx, bool(template) and fo in template) for f, lx, fo in zip(feats, lex, folded)]
    qual = [quality(f, lang_known) if h is None else BAD for f, h in zip(feats, hard)]
    counts = Counter(folded)
    repeated = {i for i in range(n) if counts[folded[i]] > 1 and feats[i].n_words <= 30}

    good_chars: list[int] = []
    acc = 0
    for f, q in zip(feats, qual):
        acc += f.n_chars if q == GOOD else 0
        good_chars.append(acc)
    first_any = next((i for i in range(n) if qual[i] in (GOOD, NEAR)), n)
    thread_at, why = thread_finder(lines, feats, lex, first_any, good_chars)
    if why:
        notes.append(why)
    end = thread_at if thread_at is not None else n
    region = main_region(qual, hard, feats, end)
    kinds = ["other"] * n
    if region is None:
        notes.append("no body found")
    pre_end = region[0] if region else end
    candidates = [i for i in range(pre_end) if hard[i] is None and metadata.is_headline(feats[i])]
    t = metadata.pick_title(candidates, feats, repeated, pre_end)
    title_set = {i for i in range(n) if t is not None and folded[i] == folded[t] and hard[i] is None}

    if region:
        first, last = region
        keep = _smooth(qual, hard, first, last)
        for i in range(n):
            if hard[i] is not None:
                kinds[i] = hard[i]
            elif i in title_set:
                kinds[i] = "title"
            elif first <= i <= last and keep[i] and not (i in repeated and qual[i] != GOOD):
                kinds[i] = "body"
            elif i < first:
                kinds[i] = "navigation" if qual[i] in (SHORT, BAD) else "other"
            else:
                kinds[i] = "other"
    else:
        for i in range(n):
            kinds[i] = hard[i] or ("title" if i in title_set else "other")
    for i in range(end, n):
        if hard[i] is None or lex[i] in ("thread", "weak-thread"):
            kinds[i] = "comments"
    return Labelled(kinds, sorted(title_set), region[0] if region else None, thread_at, notes)


def main_region(
    qual: Sequence[str], hard: Sequence[str | None], feats: Sequence[Features], end: int
) -> tuple[int, int] | None:
    """First and last line of the article: the largest cluster of good lines, plus clusters nearly as big.

    Good prose also sits in footers, author bios and teasers; what sets the article apart is that its good
    lines are many and close together.
    """
    goods = [i for i in range(end) if qual[i] == GOOD] or [i for i in range(end) if qual[i] == NEAR]
    if not goods:
        return None
    clusters: list[list[int]] = [[goods[0], goods[0], feats[goods[0]].n_chars]]
    for prev, i in zip(goods, goods[1:]):
        gap = sum(_gap_cost(qual[k], hard[k]) for k in range(prev + 1, i))
        if gap > MAX_GAP:
            clusters.append([i, i, 0])
        clusters[-1][1] = i
        clusters[-1][2] += feats[i].n_chars
    best = max(clusters, key=lambda c: c[2])
    kept = [c for c in clusters if c is best or c[2] >= JOIN_SHARE * best[2]]
    first, last = min(c[0] for c in kept), max(c[1] for c in kept)
    while first > 0 and hard[first - 1] is None and qual[first - 1] == NEAR and not metadata.is_headline(feats[first - 1]):
        first -= 1  # a lead paragraph without final punctuation still belongs to the article
    while last + 1 < end and hard[last + 1] is None and qual[last + 1] == NEAR:
        last += 1
    return first, last


def _gap_cost(q: str, h: str | None) -> float:
    if h is not None:
        return 0.5  # an "Advertisement" or caption inside an article barely separates its paragraphs
    return {NEAR: 0.3, SHORT: 1.0, BAD: 1.0}.get(q, 0.0)


def _smooth(qual: Sequence[str], hard: Sequence[str | None], first: int, last: int) -> list[bool]:
    """Which lines of the body region to keep: good ones, and others that good text surrounds.

    A non-good line is kept when the nearest classified neighbours on both sides are good (jusText's context
    rule), or it is near-good next to a good line.
    """
    n = len(qual)
    keep = [False] * n
    prev_q: list[str | None] = [None] * n  # nearest non-short, non-hard class before i (within the region)
    next_q: list[str | None] = [None] * n
    seen: str | None = None
    for i in range(first, last + 1):
        prev_q[i] = seen
        if hard[i] is None and qual[i] != SHORT:
            seen = qual[i]
    seen = None
    for i in range(last, first - 1, -1):
        next_q[i] = seen
        if hard[i] is None and qual[i] != SHORT:
            seen = qual[i]
    for i in range(first, last + 1):
        if hard[i] is not None:
            continue
        if qual[i] == GOOD:
            keep[i] = True
        elif qual[i] == NEAR:
            keep[i] = GOOD in (prev_q[i], next_q[i])
        else:
            keep[i] = prev_q[i] == GOOD and next_q[i] == GOOD
    return keep
