"""Find where a reader-comment thread begins and split it into comments.

Comment text is prose, so shape features alone would keep it as body. What gives a thread away is its
structure: a widget marker ("Notify of", "12 Comments", "Leave a Reply"), or bullets whose replies are
indented beneath them. A body's own bulleted list has neither: its items are not followed by deeper lines.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from . import address
from .blocks import Line
from .model import Comment
from .settings import DEFAULTS, CleanSettings
from .signals import Features


def thread_start(
    lines: Sequence[Line],
    feats: Sequence[Features],
    lex_kinds: Sequence[str | None],
    after: int,
    good_chars: Sequence[int],
    s: CleanSettings = DEFAULTS,
) -> tuple[int | None, str | None]:
    """Index of the first line of the comment thread, and why; nested bullets count only from `after`.

    good_chars[i] is the body-quality text up to line i. Markers also appear as links under the headline
    ("12 Comments", "Leave a comment"), so one cuts only when thread widgets or an author line follow it, or
    when a good share of the page's prose is behind it (most of it, for the weak ones).
    """
    total = good_chars[-1] if good_chars else 0
    marker = None
    for i in range(len(lines)):  # markers count from the top: a page may be nothing but a thread
        kind = lex_kinds[i]
        if kind not in ("thread", "weak-thread"):
            continue
        late = total and good_chars[i] >= (s.thread_late_share if kind == "thread" else s.weak_thread_late_share) * total
        # Widget lines of a comment form or thread; a weak marker ("Comments") is also a menu entry, so it is no
        # evidence for the marker above it.
        widgets = any(k in ("thread", "comments") for k in lex_kinds[i + 1 : i + 7])
        # An author line opens the first comment. Under a counter ("12 Comments", which also sits in the header
        # of an article) or a marker above any prose (a "Leave a comment" link under the headline) a short line is
        # as likely a share button or the headline, so there the author must be followed by a sentence.
        author_next = i + 2 < len(lines) and feats[i + 1].name_like and not feats[i + 2].name_like
        if author_next and (kind == "weak-thread" or not good_chars[i]):
            nxt = feats[i + 2]
            author_next = nxt.terminal and nxt.n_words >= 5
        if late or widgets or author_next:
            marker = i
            break
    nested = None
    for i in range(after, len(lines) - 1):
        if feats[i].bullet and _has_indented_reply(lines, feats, i):
            nested = i
            break
    found = [i for i in (marker, nested) if i is not None]
    if not found:
        return None, None
    start = min(found)
    why = f"comment thread cut at marker {lines[start].text[:40]!r}" if start == marker else "nested bullet thread"
    return start, why


def reply_tail(feats: Sequence[Features], region: tuple[int, int], lang: str | None,
               s: CleanSettings = DEFAULTS) -> int | None:
    """First line of readers' replies closing the region without a thread marker: a reposted article on a forum,
    then lines in the first person ("We need more than one brigade there") or a word or two ("+1", "Agreed."). Cut only
    when the report before them is in the third person, so an opinion piece is never cut."""
    w = address.words(lang) if lang else None
    if w is None:
        return None
    first, last = region
    mine = [address.speaks_for_writer(feats[i], w) for i in range(first, last + 1)]  # by offset from first
    run: list[int] = []
    for i in range(last, first, -1):
        if mine[i - first] or feats[i].n_words <= s.reply_short_words:
            run.append(i)
        else:
            break
    if sum(mine[i - first] for i in run) < s.reply_min_lines:
        return None
    start = min(run)
    report = [i for i in range(first, start) if feats[i].n_words > s.reply_short_words]
    if not report or sum(mine[i - first] for i in report) > s.reply_report_first_person * len(report):
        return None
    return start


def _has_indented_reply(lines: Sequence[Line], feats: Sequence[Features], i: int) -> bool:
    """A bullet followed by a line indented deeper than itself: a reply or the comment's own text."""
    nxt = lines[i + 1]
    return nxt.indent > lines[i].indent and (not feats[i + 1].bullet or nxt.indent >= lines[i].indent + 2)


def parse_comments(
    lines: Sequence[Line],
    feats: Sequence[Features],
    widget: Sequence[bool],
    repair: Callable[[str], str],
) -> list[Comment]:
    """Group thread lines into comments, naming the author where a name-like line heads the text.

    Bulleted threads: each bullet opens a comment. Flat threads: an author line (short, name-like, followed by
    text) or a gap of two blank lines opens one.
    """
    comments: list[tuple[str | None, list[str]]] = []
    bulleted = any(f.bullet for f in feats)
    n = len(lines)
    for i, (line, f) in enumerate(zip(lines, feats)):
        if widget[i]:
            continue
        nxt = i + 1 < n and not widget[i + 1]
        if bulleted:
            if f.bullet:
                replies = nxt and lines[i + 1].indent > line.indent and not feats[i + 1].bullet
                if f.name_like and (replies or i + 1 == n or feats[i + 1].bullet):
                    comments.append((f.text, []))
                else:
                    comments.append((None, [f.text]))
                continue
        else:
            author = (
                f.n_words <= 5
                and f.name_like
                and nxt
                and not (feats[i + 1].name_like and feats[i + 1].n_words <= 5)
            )
            if author:
                comments.append((f.text, []))
                continue
            if line.blank_before >= 2 or not comments:
                comments.append((None, [f.text]))
                continue
        if not comments:
            comments.append((None, []))
        comments[-1][1].append(f.text)
    return [
        Comment(comment_no=k, author=repair(a) if a else None, text=repair("\n".join(t)))
        for k, (a, t) in enumerate(comments, start=1)
    ]
