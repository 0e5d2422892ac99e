"""Label every line of a document: body, title, or one of the removed kinds.

Three passes, after jusText: (1) each line alone gets a hard label (a lexicon phrase, a payment string, a
date, a template line) or a quality class from its shape (good / near-good / short / bad); lines of a code
listing, JSON or a directory tree count as short whatever their shape, and so do tiny symbol lines ("...", "100");
(2) the body region runs from the biggest cluster of good lines, joined by its neighbours when they are big or
only unremarkable lines part them, to a closing line (copyright, end mark, "Related", "Notes") or the comment
thread; the standfirst under the headline and a list that a closing colon announces join it; (3) inside that
region, lines that are not good themselves are kept by jusText's context rule (near-good ones unless bad text
surrounds them, short ones between good text).
Lines outside the region are removed with a kind saying what they are.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import metadata
from .blocks import Line
from .lexicon import Lexicon, fold_line
from .signals import CLOSERS, Features

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"
# Lines longer than this are prose: no phrase rule is written for them (a consent notice runs to about 60 words).
LEXICON_MAX_WORDS = 80
TINY = 5


@dataclass
class Labelled:
    kinds: list[str]  # one kind per line
    title_lines: list[int]  # indices of headline lines
    first_body: int | None
    thread_at: int | None
    notes: list[str]
    qual: list[str] = field(default_factory=list)  # per line: good / near / short / bad (why a line went)
    hard: list[str | None] = field(default_factory=list)  # per line: the kind fixed by the line alone, if any
    region: tuple[int, int] | None = None  # first and last line of the body region


def quality(f: Features, lang_known: bool) -> str:
    """jusText-like class from shape alone. Thresholds follow jusText (length 70/200, stopwords .30/.32)."""
    if f.n_chars == 0 or f.url_chars > f.n_chars * 0.5:
        return BAD
    if f.alpha_ratio < 0.5:
        return SHORT if f.n_chars <= TINY else BAD  # "...", "100", "=)": too little to judge, as in jusText
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


# Lexicon kinds that say more than the removed block's kind: how they are stored.
_LEXICON_TO_KIND = {"thread": "comments", "weak-thread": "navigation", "appeal": "other", "related": "navigation",
                    "endmatter": "navigation", "profile": "other"}


def hard_kind(f: Features, lex: str | None, template: bool) -> str | None:
    """A kind fixed by the line alone, whatever its neighbours."""
    if lex:
        return _LEXICON_TO_KIND.get(lex, lex)
    if f.has_wallet or f.currency_only:
        return "donation"
    if template:
        return "navigation"
    if f.n_chars and f.url_chars >= f.n_chars * 0.6:
        return "navigation"
    if f.n_words <= 12 and metadata.is_date_line(f.text):
        return "other"
    if not f.terminal and _is_link_row(f.text):
        return "navigation"
    return None


# A row of links or tags: at least three short items between " | ", " / ", " • " or " · " ("News | Sport | Weather").
_ROW_SEPARATOR = re.compile(r"\s[|/•·]\s")


def _is_link_row(text: str) -> bool:
    items = _ROW_SEPARATOR.split(text)
    return len(items) >= 3 and all(0 < len(item.split()) <= 3 for item in items)


# Main-region search: good lines further apart than MAX_GAP junk lines start a new cluster; the cluster with
# the most good text is the article, and others join it only when they carry a fair share of that text.
MAX_GAP = 5.0
JOIN_SHARE = 0.3
JOIN_SHARE_BEFORE = 0.1  # clusters before the largest (a lead, a live blog's first entries) join more easily
# A cluster next to the article with nothing but unremarkable lines between (no furniture phrase, junk or Title
# Case label) joins with a small share: the text after a list or a code block.
JOIN_SHARE_CHAINED = 0.05
CHAINED_MIN_CHARS = 100  # ...or at least one full paragraph
JOIN_SHARE_CHAINED_BEFORE = 0.05


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
    folded = [fold_line(f.text) for f in feats]
    lex = [lexicon.lookup(f.text, f.n_words, fo) if f.n_words <= LEXICON_MAX_WORDS else None
           for f, fo in zip(feats, folded)]
    hard = [hard_kind(f, lx, bool(template) and fo in template) for f, lx, fo in zip(feats, lex, folded)]
    hard = _profile_boxes(_appeal_pitches(hard, lex, feats), lex, feats)
    qual = [quality(f, lang_known) if h is None else BAD for f, h in zip(feats, hard)]
    code = [h is None and q in (SHORT, BAD, NEAR) and is_code_like(f) for f, h, q in zip(feats, hard, qual)]
    code = _code_blocks(code, qual, hard, feats)
    for i in range(n):
        if code[i]:
            qual[i] = SHORT  # a line of a code listing: text of the article when prose surrounds it
    if GOOD not in qual and NEAR in qual:
        # No line reaches the good class: a language whose function words are rarer than the thresholds assume
        # (Finnish, Hungarian) or one without a list. Near-good is then the best prose the page has.
        qual = [GOOD if q == NEAR else q for q in qual]
        notes.append("no good line: near-good lines promoted")
    counts = Counter(folded)
    repeated = {i for i in range(n) if counts[folded[i]] > 1 and feats[i].n_words <= 30}

    good_chars: list[int] = []
    acc = 0
    for f, q in zip(feats, qual):
        acc += f.n_chars if q == GOOD else 0
        good_chars.append(acc)
    listed = _colon_lists(qual, hard, feats)
    first_any = next((i for i in range(n) if qual[i] in (GOOD, NEAR)), n)
    thread_at, why = thread_finder(lines, feats, lex, first_any, good_chars)
    if why:
        notes.append(why)
    end = thread_at if thread_at is not None else n
    region = main_region(qual, hard, feats, end, code, closing_lines(feats, hard, lex, qual))
    if region and listed:
        last = region[1]
        while last + 1 < end and last + 1 in listed:
            last += 1  # the list a closing "...as follows:" announces
        region = (region[0], last)
    kinds = ["other"] * n
    if region is None:
        notes.append("no body found")
    pre_end = region[0] if region else end
    candidates = [i for i in range(pre_end) if hard[i] is None and metadata.is_headline(feats[i])]
    opening = feats[pre_end] if region else None
    if (opening and metadata.is_headline(opening) and opening.n_words <= HEADLINE_IN_REGION_WORDS
            and (not opening.terminal or opening.text.rstrip(CLOSERS).endswith("?"))):
        candidates.append(pre_end)  # a headline asked as a question reads as prose and may open the region
    body_stems = _stems_of(feats, region, qual) if region else frozenset()
    t = metadata.pick_title(candidates, feats, repeated, pre_end, body_stems)
    title_set = {i for i in range(n) if t is not None and folded[i] == folded[t] and hard[i] is None}

    lead: set[int] = set()  # lines before the region kept as the article's opening
    if region and LEAD_EXTENSION:
        lead, region = _lead(qual, hard, feats, title_set, region)
    if region:
        first, last = region
        blocking = [h in BLOCKING and f.n_words <= 3 for h, f in zip(hard, feats)]
        keep = _smooth(qual, hard, first, last, blocking)
        for i in range(n):
            if hard[i] is not None:
                kinds[i] = hard[i]
            elif i in title_set:
                kinds[i] = "title"
            elif i in lead or (first <= i <= last and (keep[i] or i in listed) and not (i in repeated and qual[i] != GOOD)):
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
    return Labelled(kinds, sorted(title_set), region[0] if region else None, thread_at, notes, qual, hard, region)


def _lead(
    qual: Sequence[str], hard: Sequence[str | None], feats: Sequence[Features], title_set: set[int],
    region: tuple[int, int],
) -> tuple[set[int], tuple[int, int]]:
    """Lines before the body region that open the article, and the region widened over the adjacent ones."""
    first, last = region
    top = max((i for i in title_set if i <= first), default=-1)
    # Sentences between the headline and the first good line are the article's lead or standfirst.
    while first - 1 > top and hard[first - 1] is None and _sentence_like(feats[first - 1]):
        first -= 1
    lead = set(range(first, region[0]))
    # A standfirst printed right under the headline, a byline or share bar between it and the body.
    dek = top + 1
    if top >= 0 and dek < first and hard[dek] is None and _sentence_like(feats[dek]) and feats[dek].n_words >= 8:
        lead.add(dek)
    lead.update(_standfirst(qual, hard, title_set, top, first))
    return lead, (first, last)


def _stems_of(feats: Sequence[Features], region: tuple[int, int], qual: Sequence[str]) -> frozenset[str]:
    """The word stems of the region's good lines: what a headline is about."""
    stem = metadata.STEM
    return frozenset(w[:stem] for i in range(region[0], region[1] + 1) if qual[i] == GOOD for w in feats[i].words)


APPEAL_PITCH_WORDS = 40


def _appeal_pitches(hard: list[str | None], lex: Sequence[str | None], feats: Sequence[Features]) -> list[str | None]:
    """The pitch under a newsletter or subscription call ("The latest news and analysis from our bureau chiefs"),
    closed by a button, another widget line or the page's end, goes with the call."""
    out = list(hard)
    n = len(hard)
    for i in range(1, n):
        if hard[i] is not None or lex[i - 1] != "appeal" or feats[i].n_words > APPEAL_PITCH_WORDS:
            continue
        if feats[i - 1].n_words < 2:
            continue  # "Newsletter" alone is a menu item: the line under it may be anything
        closed = i + 1 == n or hard[i + 1] is not None or (feats[i + 1].n_words <= 3 and not feats[i + 1].terminal)
        if closed:
            out[i] = "other"
    return out


PROFILE_WORDS = 150


def _profile_boxes(hard: list[str | None], lex: Sequence[str | None], feats: Sequence[Features]) -> list[str | None]:
    """Under an "About me" / "About the author" header: the name line, the paragraph about the person and a short
    link line ("View my complete profile") belong to the box."""
    out = list(hard)
    for i, kind in enumerate(lex):
        if kind != "profile":
            continue
        k = i + 1
        while k < len(feats) and out[k] is None and feats[k].name_like:
            out[k] = "other"
            k += 1
        if k < len(feats) and out[k] is None and feats[k].n_words <= PROFILE_WORDS:
            out[k] = "other"
            k += 1
            if k < len(feats) and out[k] is None and feats[k].n_words <= 5 and not feats[k].terminal:
                out[k] = "other"
    return out


def main_region(
    qual: Sequence[str],
    hard: Sequence[str | None],
    feats: Sequence[Features],
    end: int,
    code: Sequence[bool] | None = None,
    closing: Sequence[bool] | None = None,
) -> tuple[int, int] | None:
    """First and last line of the article: the largest cluster of good lines, plus clusters nearly as big.

    Good prose also sits in footers, author bios and teasers; what sets the article apart is that its good
    lines are many and close together.
    """
    goods = [i for i in range(end) if qual[i] == GOOD] or [i for i in range(end) if qual[i] == NEAR]
    if not goods:
        return None
    # [first, last, good chars, a boundary line (a widget or furniture phrase) lies between it and the previous one]
    clusters: list[list] = [[goods[0], goods[0], feats[goods[0]].n_chars, False]]
    for prev, i in zip(goods, goods[1:]):
        gap = sum(CODE_COST if code and code[k] else _gap_cost(qual[k], hard[k]) for k in range(prev + 1, i))
        if gap > MAX_GAP:
            boundary = any(_boundary(qual[k], hard[k], feats[k]) for k in range(prev + 1, i))
            clusters.append([i, i, 0, boundary])
        clusters[-1][1] = i
        clusters[-1][2] += feats[i].n_chars
    b = max(range(len(clusters)), key=lambda k: clusters[k][2])
    best = clusters[b]
    kept = [c for c in clusters if c is best or c[2] >= (JOIN_SHARE_BEFORE if c[0] < best[0] else JOIN_SHARE) * best[2]]
    # Text after the article's bulk that nothing but unremarkable short lines (a list, a code block, a table)
    # separates from it continues the article; a furniture line ("Related posts", "Share", ©) ends it.
    for c in clusters[b + 1 :]:
        if c[3] or c[2] < min(JOIN_SHARE_CHAINED * best[2], CHAINED_MIN_CHARS):
            break
        kept.append(c)
    for k in range(b, 0, -1):  # likewise text before it: a lead, a list opening the article
        if clusters[k][3] or clusters[k - 1][2] < JOIN_SHARE_CHAINED_BEFORE * best[2]:
            break
        kept.append(clusters[k - 1])
    first, last = min(c[0] for c in kept), max(c[1] for c in kept)
    while first > 0 and hard[first - 1] is None and qual[first - 1] == NEAR and not metadata.is_headline(feats[first - 1]):
        first -= 1  # a lead paragraph without final punctuation still belongs to the article
    while last + 1 < end and hard[last + 1] is None and qual[last + 1] == NEAR:
        last += 1
    if closing is not None:
        last = _before_closing(feats, qual, closing, first, last)
    while last > first and is_author_bio(feats[last].text):
        last -= 1  # "Jane Doe is a senior writer covering ...": the author's note closing the page, not the article
        while last > first and qual[last] not in (GOOD, NEAR):
            last -= 1
    return first, last


_COPYRIGHT = re.compile(r"^(?:copyright\s*)?(?:©|\(c\)|copyright\b)", re.IGNORECASE)
# A magazine's end mark, or a wire's: a line that is only a tombstone symbol, "-30-" or "###".
_END_MARK = re.compile(r"^(?:[■□◼◾∎◆♦▪●]|-30-|#{3})$")


# A box of links inside the article is followed, within this many lines, by a paragraph of the article again.
INLINE_BOX_LINES = 8
PARAGRAPH_CHARS = 120


def closing_lines(
    feats: Sequence[Features], hard: Sequence[str | None], lex: Sequence[str | None], qual: Sequence[str]
) -> list[bool]:
    """Lines that close an article: a copyright notice, an end mark, notes or the author's box, the header of a list
    of other stories ("You might also like", "Related articles") unless the article resumes right after the list."""
    out = []
    for i, (f, h, lx) in enumerate(zip(feats, hard, lex)):
        if lx in ("endmatter", "profile"):
            out.append(True)
        elif lx == "related":
            ahead = range(i + 1, min(i + 1 + INLINE_BOX_LINES, len(feats)))
            out.append(not any(qual[k] == GOOD and feats[k].n_chars >= PARAGRAPH_CHARS for k in ahead))
        else:
            out.append((h is not None and bool(_COPYRIGHT.match(f.text))) or bool(_END_MARK.match(f.text)))
    return out


def _before_closing(feats, qual, closing: Sequence[bool], first: int, last: int) -> int:
    """The region ends before a closing line: what follows it (licence notes, bios, other stories) is the footer,
    unless most of the article's text still lies ahead (a picture credit or a "Latest news" box near the top)."""
    total = sum(feats[i].n_chars for i in range(first, last + 1) if qual[i] == GOOD)
    seen = 0
    for i in range(first, last + 1):
        if closing[i] and seen >= 0.5 * total:
            k = i - 1
            while k > first and qual[k] not in (GOOD, NEAR):
                k -= 1
            return k
        if qual[i] == GOOD:
            seen += feats[i].n_chars
    return last


# An author's note: a name (one to four capitalised words), then what the person is or does.
_AUTHOR_BIO = re.compile(
    r"^(?!(?:He|She|They|It|This|That|The|We|I|You|There|His|Her|Their)\b)"
    r"(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*,?\s+"
    r"(?:(?:writes|reports) (?:about|on)\b|covers\b|"
    r"(?:is|was|has been|has worked|joined|teaches)\b[^.!?]{0,160}?\b"
    r"(?i:writer|editor|reporter|correspondent|journalist|author|professor|columnist|contributor|fellow|founder|"
    r"analyst|researcher|producer|consultant|developer|director|scientist|lecturer|freelance|covering|since)\b)"
)


def is_author_bio(text: str) -> bool:
    return len(text) <= 600 and bool(_AUTHOR_BIO.match(text))


# Hard kinds whose short labels end the context of the lines around them: the short lines under "Related" or
# "Share" are links, while those around an "Advertisement", a caption or a "Read more: <story>" link still belong
# to the article.
BLOCKING: frozenset[str] = frozenset({"navigation"})
LEAD_EXTENSION = True
HEADLINE_IN_REGION_WORDS = 15


# A standfirst: good paragraphs under the headline, at most this many byline, date or share lines below it.
STANDFIRST_SKIP = 3
NEAR_STANDFIRST_SKIP = 1  # a near-good standfirst (a dek without a final stop) must sit right under it


def _standfirst(qual: Sequence[str], hard: Sequence[str | None], title_set: set[int], top: int, first: int) -> range:
    """The good lines that open the page right under the headline, before a picture, contents box or share bar
    parts them from the body region."""
    if top < 0:
        return range(0)
    k, skipped = top + 1, 0
    while k < first and (k in title_set or qual[k] not in (GOOD, NEAR)):
        k, skipped = k + 1, skipped + 1
        if skipped > STANDFIRST_SKIP:
            return range(0)
    start = k
    while k < first and hard[k] is None and qual[k] in (GOOD, NEAR):
        k += 1
    good = any(qual[i] == GOOD for i in range(start, k))
    return range(start, k) if good or skipped <= NEAR_STANDFIRST_SKIP else range(0)


def _sentence_like(f: Features) -> bool:
    """A line written as a sentence, not as a label: several words, few of them capitalised."""
    return f.n_words >= 6 and f.cap_ratio <= 0.35 and f.url_chars == 0 and not f.bullet
CODE_COST = 0.3
# A line of program code, a shell session, JSON or a directory tree: assignments, calls, brackets, comments,
# prompts, "key": value pairs, tree branches. Menus, share bars and footers have none of these.
_CODE = re.compile(
    r"[=;{}<>]|\w\(|^(?:#|//|\$ |>>> |@\w)|\b[a-z]+_[a-z_]+\b|\b[a-z]\w*\.[a-z_]\w+\b"
)
# Shapes that are code whatever their capitals: a JSON "Key": value pair, a line of brackets, a tree branch.
_STRUCTURE = re.compile(r'^"[^"]{1,60}"\s*:|^[\[\]{}(),;]+$|^[|│ ]*(?:[|`]--|[├└]──)')


def is_code_like(f: Features) -> bool:
    if f.n_chars > 200:
        return False
    return (f.cap_ratio < 0.5 and bool(_CODE.search(f.text))) or bool(_STRUCTURE.match(f.text))


# A list's items: lines under a sentence that ends in a colon, up to the first line that is prose, junk or furniture.
LIST_MAX_ITEMS = 30


def _colon_lists(qual: Sequence[str], hard: Sequence[str | None], feats: Sequence[Features]) -> set[int]:
    """Lines that are items of a list a sentence announces ("The results were as follows:")."""
    items: set[int] = set()
    n = len(qual)
    for i in range(n):
        if qual[i] not in (GOOD, NEAR) or not feats[i].text.endswith(":"):
            continue
        j = i + 1
        while j < n and j - i <= LIST_MAX_ITEMS and hard[j] is None and qual[j] in (SHORT, NEAR):
            f = feats[j]
            if f.n_words >= 2 and f.cap_ratio >= 0.75 and not f.bullet:
                break  # a Title Case label: a menu or the next section, not an item
            items.add(j)
            j += 1
    return items


def _code_blocks(
    code: Sequence[bool], qual: Sequence[str], hard: Sequence[str | None], feats: Sequence[Features]
) -> list[bool]:
    """Code lines plus the plain lines inside a listing ("return True", "100", "else:"): a short line with code
    within two lines on both sides belongs to the same block."""
    n = len(code)
    out = list(code)
    for i in range(n):
        if code[i] or hard[i] is not None or qual[i] == GOOD or feats[i].n_chars > 100:
            continue
        if any(code[max(0, i - 2) : i]) and any(code[i + 1 : i + 3]):
            out[i] = True
    return out


def _boundary(q: str, h: str | None, f: Features) -> bool:
    """A line that ends an article rather than sitting inside one: a furniture phrase, junk, a Title Case label."""
    if h is not None:
        return h != "caption"
    return q == BAD or (f.n_words >= 2 and f.cap_ratio >= 0.75)


def _gap_cost(q: str, h: str | None) -> float:
    if h is not None:
        return 0.5  # an "Advertisement" or caption inside an article barely separates its paragraphs
    return {NEAR: 0.3, SHORT: 1.0, BAD: 1.0}.get(q, 0.0)


def _smooth(
    qual: Sequence[str], hard: Sequence[str | None], first: int, last: int, blocking: Sequence[bool]
) -> list[bool]:
    """Which lines of the body region to keep: good ones, and others that good text surrounds.

    jusText's context rule: a line's neighbours are the nearest lines on each side that are neither short nor
    near-good (beyond the region's edges: bad). A near-good line stays unless both neighbours are bad; a short
    one stays when both are good, or when its bad side is one near-good line away.
    """
    keep = [False] * len(qual)
    prev_q, prev_near = _neighbours(qual, hard, blocking, range(first, last + 1))
    next_q, next_near = _neighbours(qual, hard, blocking, range(last, first - 1, -1))
    for i in range(first, last + 1):
        if hard[i] is not None:
            continue
        sides = (prev_q[i], next_q[i])
        if qual[i] == GOOD:
            keep[i] = True
        elif qual[i] == NEAR:
            keep[i] = sides != (BAD, BAD)
        elif sides == (GOOD, GOOD):
            keep[i] = True
        elif GOOD in sides:
            keep[i] = (sides[0] == BAD and prev_near[i]) or (sides[1] == BAD and next_near[i])
    return keep


def _neighbours(
    qual: Sequence[str], hard: Sequence[str | None], blocking: Sequence[bool], order: range
) -> tuple[dict[int, str], dict[int, bool]]:
    """Walking `order`, for each line: the class (good/bad) of the nearest line before it that is neither short
    nor near-good, and whether a near-good line lies in between."""
    side: dict[int, str] = {}
    near_between: dict[int, bool] = {}
    seen, near = BAD, False
    for i in order:
        side[i], near_between[i] = seen, near
        if blocking[i]:
            seen, near = BAD, False
        elif hard[i] is None and qual[i] != SHORT:
            if qual[i] == NEAR:
                near = True
            else:
                seen, near = qual[i], False
    return side, near_between
