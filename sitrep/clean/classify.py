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

from . import address, captions, metadata, teasers
from .blocks import Line
from .lexicon import Lexicon, fold_line
from .settings import DEFAULTS, CleanSettings
from .signals import CLOSERS, Features
from .threads import reply_tail

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"


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
    lang: str | None = None  # the document's language, None when no function-word list fits


def quality(f: Features, lang_known: bool, s: CleanSettings = DEFAULTS) -> str:
    """jusText-like class from shape alone (its length and stopword thresholds, as named in CleanSettings)."""
    if f.n_chars == 0 or f.url_chars > f.n_chars * s.bad_url_share:
        return BAD
    if f.alpha_ratio < s.min_alpha_share:
        return SHORT if f.n_chars <= s.tiny_chars else BAD  # "...", "100", "=)": too little to judge
    if (f.n_words >= s.label_row_min_words and f.cap_ratio > s.label_row_cap_share and not f.terminal
            and f.stop_ratio < s.label_row_max_stop_share):
        return BAD  # A Menu Of Capitalised Labels
    if f.glued >= s.glued_words_bad and not f.terminal:
        return BAD
    if lang_known:
        if f.n_chars >= s.good_chars and f.stop_ratio >= s.good_stop_share and (f.terminal or f.n_chars >= s.long_chars):
            return GOOD
        if (f.n_chars >= s.short_good_chars and f.stop_ratio >= s.good_stop_share and f.terminal
                and f.n_words >= s.short_good_words):
            return GOOD
        if f.n_chars >= s.good_chars and f.stop_ratio >= s.near_stop_share:
            return NEAR
        if f.n_chars >= s.long_chars and f.terminal:
            return NEAR
    else:  # no function-word list fits (CJK, unlisted language): length and punctuation only
        if f.n_chars >= s.unknown_good_chars and f.terminal:
            return GOOD
        if f.n_chars >= s.unknown_near_chars:
            return NEAR
    return SHORT if f.n_chars < s.good_chars else BAD


# Lexicon kinds that say more than the removed block's kind: how they are stored.
LEXICON_TO_KIND = {"thread": "comments", "weak-thread": "navigation", "appeal": "other", "related": "navigation",
                    "endmatter": "navigation", "profile": "other"}


def hard_kind(f: Features, lex: str | None, template: bool, s: CleanSettings = DEFAULTS) -> str | None:
    """A kind fixed by the line alone, whatever its neighbours."""
    if lex:
        return LEXICON_TO_KIND.get(lex, lex)
    if f.has_wallet or f.currency_only:
        return "donation"
    if template:
        return "navigation"
    if f.n_chars and f.url_chars >= f.n_chars * s.url_line_share:
        return "navigation"
    if f.n_words <= s.date_line_max_words and metadata.is_date_line(f.text):
        return "other"
    if not f.terminal and _is_link_row(f.text):
        return "navigation"
    if len(_HASHTAG.findall(f.text)) >= s.embed_min_hashtags:
        return "other"  # an embedded social post: "Jets over the runway at the open day #airshow #base #aviation"
    return None


_HASHTAG = re.compile(r"(?:^|\s)#[^\W\d_]\w*")
# A row of links or tags: at least three short items between " | ", " / ", " • " or " · " ("News | Sport | Weather").
_ROW_SEPARATOR = re.compile(r"\s[|/•·]\s")


def _is_link_row(text: str) -> bool:
    items = _ROW_SEPARATOR.split(text)
    return len(items) >= 3 and all(0 < len(item.split()) <= 3 for item in items)


def label(
    lines: Sequence[Line],
    feats: Sequence[Features],
    lexicon: Lexicon,
    template: frozenset[str],
    lang: str | None,
    thread_finder,
    s: CleanSettings = DEFAULTS,
) -> Labelled:
    """lang: the document's language code, None when no function-word list fits (shape rules only)."""
    n = len(lines)
    lang_known = lang is not None
    notes: list[str] = []
    folded = [fold_line(f.text) for f in feats]
    lex = [lexicon.lookup(f.text, f.n_words, fo) if f.n_words <= s.lexicon_max_words else None
           for f, fo in zip(feats, folded)]
    hard = [hard_kind(f, lx, bool(template) and fo in template, s) for f, lx, fo in zip(feats, lex, folded)]
    hard = _profile_boxes(_appeal_pitches(hard, lex, feats, s), lex, feats, s)
    hard = [h or ("caption" if cap else None) for h, cap in zip(hard, captions.find(feats, folded, hard, lang, s))]
    story_list = teasers.dated_list(feats, s)  # headlines with their dates: no article begins inside one
    hard = [("navigation" if i in story_list else h) for i, h in enumerate(hard)]
    qual = [quality(f, lang_known, s) if h is None else BAD for f, h in zip(feats, hard)]
    code = [h is None and q in (SHORT, BAD, NEAR) and is_code_like(f, s) for f, h, q in zip(feats, hard, qual)]
    code = _code_blocks(code, qual, hard, feats, s)
    for i in range(n):
        if code[i]:
            qual[i] = SHORT  # a line of a code listing: text of the article when prose surrounds it
    if GOOD not in qual and NEAR in qual:
        # No line reaches the good class: a language whose function words are rarer than the thresholds assume
        # (Finnish, Hungarian) or one without a list. Near-good is then the best prose the page has.
        qual = [GOOD if q == NEAR else q for q in qual]
        notes.append("no good line: near-good lines promoted")
    counts = Counter(folded)
    repeated = {i for i in range(n) if counts[folded[i]] > 1 and feats[i].n_words <= s.repeated_max_words}

    good_chars: list[int] = []
    acc = 0
    for f, q in zip(feats, qual):
        acc += f.n_chars if q == GOOD else 0
        good_chars.append(acc)
    listed = _colon_lists(qual, hard, feats, s)
    first_any = next((i for i in range(n) if qual[i] in (GOOD, NEAR)), n)
    thread_at, why = thread_finder(lines, feats, lex, first_any, good_chars, s)
    if why:
        notes.append(why)
    end = thread_at if thread_at is not None else n
    closing = closing_lines(feats, hard, lex, qual, s)
    region = main_region(qual, hard, feats, end, code, closing, s)
    if (thread_at is not None and _article_after(region, thread_at, good_chars, s)
            and not (thread_at + 1 < n and feats[thread_at + 1].name_like)):
        # "Write a comment" under the headline: what the marker would cut is the article itself
        notes.append("comment marker ignored: the article follows it")
        thread_at, end = None, n
        region = main_region(qual, hard, feats, end, code, closing, s)
    if region and listed:
        last = region[1]
        while last + 1 < end and last + 1 in listed:
            last += 1  # the list a closing "...as follows:" announces
        region = (region[0], last)
    if region and thread_at is None:
        replies = reply_tail(feats, region, lang, s)
        if replies is not None:
            thread_at = end = replies
            region = (region[0], max(region[0], replies - 1))
            notes.append("readers' replies cut: first person after a third-person report")
    kinds = ["other"] * n
    if region is None:
        notes.append("no body found")
    pre_end = region[0] if region else end
    candidates = [i for i in range(pre_end) if hard[i] is None and metadata.is_headline(feats[i])]
    opening = feats[pre_end] if region else None
    if (opening and metadata.is_headline(opening) and opening.n_words <= s.headline_in_region_words
            and (not opening.terminal or opening.text.rstrip(CLOSERS).endswith("?"))):
        candidates.append(pre_end)  # a headline asked as a question reads as prose and may open the region
    body_stems = _stems_of(feats, region, qual) if region else frozenset()
    first_text = next((i for i in range(n) if hard[i] is None), None)
    t = metadata.pick_title(candidates, feats, repeated, pre_end, body_stems, first_text)
    # the headline wherever the page prints it again, punctuation aside (an image's alt text repeats it in lower case)
    bare_title = _bare(folded[t]) if t is not None else None
    title_set = {i for i in range(n) if bare_title and hard[i] is None
                 and abs(len(folded[i]) - len(folded[t])) <= len(folded[t]) // 4 and _bare(folded[i]) == bare_title}

    lead: set[int] = set()  # lines before the region kept as the article's opening
    if region:
        lead, region = _lead(qual, hard, feats, title_set, region, s)
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
    for i in teasers.find(feats, kinds, s, listed) | teasers.bulleted_headlines(feats, kinds, s):
        kinds[i] = "navigation"  # another story's headline, its teaser or its date
    for i in address.find(feats, kinds, lang, s):
        kinds[i] = "other"  # an appeal or an editor's note to the reader
    for i in range(end, n):
        if hard[i] is None or lex[i] in ("thread", "weak-thread"):
            kinds[i] = "comments"
    return Labelled(kinds, sorted(title_set), region[0] if region else None, thread_at, notes, qual, hard, region, lang)


def _article_after(region: tuple[int, int] | None, thread_at: int, good_chars: Sequence[int],
                   s: CleanSettings) -> bool:
    """Cutting at the comment marker leaves (next to) no article, and more prose follows the marker (unless an
    author's name opens a comment right under it: a page that is nothing but a thread)."""
    before = good_chars[region[1]] - (good_chars[region[0] - 1] if region[0] else 0) if region else 0
    after = good_chars[-1] - good_chars[thread_at]
    return before < s.thread_min_article_chars and after > before


_NON_WORD = re.compile(r"[^\w]+")


def _bare(folded: str) -> str:
    return _NON_WORD.sub(" ", folded).strip()


def _lead(
    qual: Sequence[str], hard: Sequence[str | None], feats: Sequence[Features], title_set: set[int],
    region: tuple[int, int], s: CleanSettings,
) -> tuple[set[int], tuple[int, int]]:
    """Lines before the body region that open the article, and the region widened over the adjacent ones."""
    first, last = region
    top = max((i for i in title_set if i <= first), default=-1)
    # Sentences between the headline and the first good line are the article's lead or standfirst.
    while first - 1 > top and hard[first - 1] is None and _sentence_like(feats[first - 1], s):
        first -= 1
    lead = set(range(first, region[0]))
    # A standfirst printed right under the headline, a byline or share bar between it and the body.
    dek = top + 1
    if (top >= 0 and dek < first and hard[dek] is None and _sentence_like(feats[dek], s)
            and feats[dek].n_words >= s.dek_min_words):
        lead.add(dek)
    lead.update(_standfirst(qual, hard, title_set, top, first, s))
    return lead, (first, last)


def _stems_of(feats: Sequence[Features], region: tuple[int, int], qual: Sequence[str]) -> frozenset[str]:
    """The word stems of the region's good lines: what a headline is about."""
    stem = metadata.STEM
    return frozenset(w[:stem] for i in range(region[0], region[1] + 1) if qual[i] == GOOD for w in feats[i].words)


def _appeal_pitches(hard: list[str | None], lex: Sequence[str | None], feats: Sequence[Features],
                    s: CleanSettings) -> list[str | None]:
    """The pitch under a newsletter or subscription call ("The latest news and analysis from our bureau chiefs"),
    closed by a button, another widget line or the page's end, goes with the call."""
    out = list(hard)
    n = len(hard)
    for i in range(1, n):
        if hard[i] is not None or lex[i - 1] != "appeal" or feats[i].n_words > s.appeal_pitch_words:
            continue
        if feats[i - 1].n_words < 2:
            continue  # "Newsletter" alone is a menu item: the line under it may be anything
        closed = i + 1 == n or hard[i + 1] is not None or (feats[i + 1].n_words <= 3 and not feats[i + 1].terminal)
        if closed:
            out[i] = "other"
    return out


def _profile_boxes(hard: list[str | None], lex: Sequence[str | None], feats: Sequence[Features],
                   s: CleanSettings) -> list[str | None]:
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
        if k < len(feats) and out[k] is None and feats[k].n_words <= s.profile_words:
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
    s: CleanSettings = DEFAULTS,
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
        gap = sum(s.gap_cost_code if code and code[k] else _gap_cost(qual[k], hard[k], s) for k in range(prev + 1, i))
        if gap > s.max_gap:
            boundary = any(_boundary(qual[k], hard[k], feats[k]) for k in range(prev + 1, i))
            clusters.append([i, i, 0, boundary])
        clusters[-1][1] = i
        clusters[-1][2] += feats[i].n_chars
    b = max(range(len(clusters)), key=lambda k: clusters[k][2])
    best = clusters[b]
    kept = [c for c in clusters
            if c is best or c[2] >= (s.join_share_before if c[0] < best[0] else s.join_share) * best[2]]
    # Text after the article's bulk that nothing but unremarkable short lines (a list, a code block, a table)
    # separates from it continues the article; a furniture line ("Related posts", "Share", ©) ends it.
    for c in clusters[b + 1 :]:
        if c[3] or c[2] < min(s.join_share_chained * best[2], s.chained_min_chars):
            break
        kept.append(c)
    for k in range(b, 0, -1):  # likewise text before it: a lead, a list opening the article
        if clusters[k][3] or clusters[k - 1][2] < s.join_share_chained_before * best[2]:
            break
        kept.append(clusters[k - 1])
    first, last = min(c[0] for c in kept), max(c[1] for c in kept)
    while first > 0 and hard[first - 1] is None and qual[first - 1] == NEAR and not metadata.is_headline(feats[first - 1]):
        first -= 1  # a lead paragraph without final punctuation still belongs to the article
    while last + 1 < end and hard[last + 1] is None and qual[last + 1] == NEAR:
        last += 1
    if closing is not None:
        last = _before_closing(feats, qual, closing, first, last, s)
    while last > first and is_author_bio(feats[last].text):
        last -= 1  # "Jane Doe is a senior writer covering ...": the author's note closing the page, not the article
        while last > first and qual[last] not in (GOOD, NEAR):
            last -= 1
    return first, last


_COPYRIGHT = re.compile(r"^(?:copyright\s*)?(?:©|\(c\)|copyright\b)", re.IGNORECASE)
# A magazine's end mark, or a wire's: a line that is only a tombstone symbol, "-30-" or "###".
_END_MARK = re.compile(r"^(?:[■□◼◾∎◆♦▪●]|-30-|#{3})$")


def closing_lines(
    feats: Sequence[Features], hard: Sequence[str | None], lex: Sequence[str | None], qual: Sequence[str],
    s: CleanSettings = DEFAULTS,
) -> list[bool]:
    """Lines that close an article: a copyright notice, an end mark, notes or the author's box, the header of a list
    of other stories ("You might also like", "Related articles") unless the article resumes right after the list."""
    out = []
    for i, (f, h, lx) in enumerate(zip(feats, hard, lex)):
        if lx in ("endmatter", "profile"):
            out.append(True)
        elif lx == "related":
            ahead = range(i + 1, min(i + 1 + s.inline_box_lines, len(feats)))
            out.append(not any(qual[k] == GOOD and feats[k].n_chars >= s.paragraph_chars for k in ahead))
        else:
            out.append((h is not None and bool(_COPYRIGHT.match(f.text))) or bool(_END_MARK.match(f.text)))
    return out


def _before_closing(feats, qual, closing: Sequence[bool], first: int, last: int, s: CleanSettings) -> int:
    """The region ends before a closing line: what follows it (licence notes, bios, other stories) is the footer,
    unless most of the article's text still lies ahead (a picture credit or a "Latest news" box near the top)."""
    total = sum(feats[i].n_chars for i in range(first, last + 1) if qual[i] == GOOD)
    seen = 0
    for i in range(first, last + 1):
        if closing[i] and seen >= s.closing_after_share * total:
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


def _standfirst(qual: Sequence[str], hard: Sequence[str | None], title_set: set[int], top: int, first: int,
                s: CleanSettings) -> range:
    """The good lines that open the page right under the headline, before a picture, contents box or share bar
    parts them from the body region."""
    if top < 0:
        return range(0)
    k, skipped = top + 1, 0
    while k < first and (k in title_set or qual[k] not in (GOOD, NEAR)):
        k, skipped = k + 1, skipped + 1
        if skipped > s.standfirst_skip:
            return range(0)
    start = k
    while k < first and hard[k] is None and qual[k] in (GOOD, NEAR):
        k += 1
    good = any(qual[i] == GOOD for i in range(start, k))
    return range(start, k) if good or skipped <= s.near_standfirst_skip else range(0)


def _sentence_like(f: Features, s: CleanSettings) -> bool:
    """A line written as a sentence, not as a label: several words, few of them capitalised."""
    return f.n_words >= s.sentence_min_words and f.cap_ratio <= s.sentence_max_cap_share and f.url_chars == 0 \
        and not f.bullet


# A line of program code, a shell session, JSON or a directory tree: assignments, calls, brackets, comments,
# prompts, "key": value pairs, tree branches. Menus, share bars and footers have none of these.
_CODE = re.compile(
    r"[=;{}<>]|\w\(|^(?:#|//|\$ |>>> |@\w)|\b[a-z]+_[a-z_]+\b|\b[a-z]\w*\.[a-z_]\w+\b"
)
# Shapes that are code whatever their capitals: a JSON "Key": value pair, a line of brackets, a tree branch.
_STRUCTURE = re.compile(r'^"[^"]{1,60}"\s*:|^[\[\]{}(),;]+$|^[|│ ]*(?:[|`]--|[├└]──)')


def is_code_like(f: Features, s: CleanSettings = DEFAULTS) -> bool:
    if f.n_chars > s.code_max_chars:
        return False
    return (f.cap_ratio < 0.5 and bool(_CODE.search(f.text))) or bool(_STRUCTURE.match(f.text))


def _colon_lists(qual: Sequence[str], hard: Sequence[str | None], feats: Sequence[Features],
                 s: CleanSettings) -> set[int]:
    """Lines that are items of a list a sentence announces ("The results were as follows:"), up to the first line
    that is prose, junk or furniture."""
    items: set[int] = set()
    n = len(qual)
    for i in range(n):
        if qual[i] not in (GOOD, NEAR) or not feats[i].text.endswith(":"):
            continue
        j = i + 1
        while j < n and j - i <= s.list_max_items and hard[j] is None and qual[j] in (SHORT, NEAR):
            f = feats[j]
            if f.n_words >= 2 and f.cap_ratio >= 0.75 and not f.bullet:
                break  # a Title Case label: a menu or the next section, not an item
            items.add(j)
            j += 1
    return items


def _code_blocks(
    code: Sequence[bool], qual: Sequence[str], hard: Sequence[str | None], feats: Sequence[Features],
    s: CleanSettings,
) -> list[bool]:
    """Code lines plus the plain lines inside a listing ("return True", "100", "else:"): a short line with code
    within two lines on both sides belongs to the same block."""
    n = len(code)
    out = list(code)
    for i in range(n):
        if code[i] or hard[i] is not None or qual[i] == GOOD or feats[i].n_chars > s.code_inside_max_chars:
            continue
        if any(code[max(0, i - 2) : i]) and any(code[i + 1 : i + 3]):
            out[i] = True
    return out


def _boundary(q: str, h: str | None, f: Features) -> bool:
    """A line that ends an article rather than sitting inside one: a furniture phrase, junk, a Title Case label."""
    if h is not None:
        return h != "caption"
    return q == BAD or (f.n_words >= 2 and f.cap_ratio >= 0.75)


def _gap_cost(q: str, h: str | None, s: CleanSettings) -> float:
    if h is not None:
        return s.gap_cost_hard
    return {NEAR: s.gap_cost_near, SHORT: s.gap_cost_short, BAD: s.gap_cost_bad}.get(q, 0.0)


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
