"""Find other stories' headlines, and their teasers, inside an article's region, and lists of dated headlines.

A list of other stories ("Shipyard reports record orders", "READ  Minister opens new barracks") sits between
an article's paragraphs with nothing to mark it but its shape: title-like lines (a few words, no final stop) whose
words the article never uses. A teaser paragraph printed under such a headline shares its words with the
headline, not with the article. The article's own subheadings stay, however witty: they are short, and the paragraph
under one carries on the article.
Words are compared by the crude stem the headline picker uses (metadata.content_stems), which needs no language.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .metadata import content_stems, is_date_line
from .settings import DEFAULTS, CleanSettings
from .signals import Features


def _title_like(f: Features, s: CleanSettings) -> bool:
    """A few words without a final stop (Title Case proves nothing: German capitalises every noun)."""
    return s.teaser_min_words <= f.n_words <= s.teaser_max_words and not f.terminal


# A link's label in capitals before another story's headline: "READ  Minister opens ...", "WATCH: ...".
_LABEL = re.compile(r"^[A-Z]{3,}(?: [A-Z]{2,}){0,2}(?::\s*|\s{2,}|\s+(?=[A-Z]))(?=\S)")


def _labelled(f: Features) -> bool:
    return bool(_LABEL.match(f.text))


def find(feats: Sequence[Features], kinds: Sequence[str], s: CleanSettings = DEFAULTS,
         listed: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """Lines kept as body that are another story's headline, or the teaser under one. The items of a list the
    article announces ("Meet the team:", listed: those the region's rules found) are the article's, whatever their
    words."""
    kept = [i for i, k in enumerate(kinds) if k in ("body", "title")]
    stems = {i: set(content_stems(feats[i])) for i in kept}
    foreign: set[int] = set()
    body = [i for i in kept if kinds[i] == "body"]
    announced = set(listed)  # the run of items under a line that ends with a colon ("Meet the team:")
    for i, j in zip(body, body[1:]):
        if j == i + 1 and not feats[j].terminal and (feats[i].text.endswith(":") or i in announced):
            announced.add(j)
    for i in body[1:-1]:  # the line opening the article is its dek, the closing one its credit line
        if i in foreign or i in announced or not _title_like(feats[i], s) or len(stems[i]) < s.teaser_min_stems:
            continue
        after = next((j for j in kept if j > i), None)  # a teaser under the headline would share its words
        article = set().union(*(stems[j] for j in kept if j not in (i, after) and j not in foreign))
        if len(stems[i] & article) > s.teaser_max_shared * len(stems[i]):
            continue
        nxt = i + 1
        if (feats[i].n_words <= s.subheading_max_words and nxt < len(kinds) and kinds[nxt] == "body"
                and not _labelled(feats[i]) and not _title_like(feats[nxt], s)
                and len(stems[nxt] & article) > len(stems[nxt] & stems[i])):
            continue  # the article's own subheading: the paragraph under it carries on the article
        foreign.add(i)
        block = set(stems[i])
        for j in (k for k in kept if k > i):
            if kinds[j] != "body" or not stems[j]:
                break
            rest = set().union(*(stems[k] for k in kept if k != j and k not in foreign))
            if len(stems[j] & block) <= len(stems[j] & rest - block):
                break  # the article resumes: this line shares more with it than with the other story
            foreign.add(j)
            block |= stems[j]
    return foreign


def dated_list(feats: Sequence[Features], s: CleanSettings = DEFAULTS) -> set[int]:
    """Headlines each followed by its date, two or more in a row: a list of other stories. Its lines, the dates
    included (none of them is the article's publication date)."""
    n = len(feats)
    dated = [i + 1 < n and is_date_line(feats[i + 1].text) and not is_date_line(feats[i].text)
             and s.teaser_min_words <= feats[i].n_words <= s.teaser_max_words for i in range(n)]
    out: set[int] = set()
    for i in range(n):
        if dated[i] and ((i >= 2 and dated[i - 2]) or (i + 2 < n and dated[i + 2])):
            out.update((i, i + 1))
    return out


def bulleted_headlines(feats: Sequence[Features], kinds: Sequence[str], s: CleanSettings = DEFAULTS) -> set[int]:
    """Two or more bulleted headlines in a row inside the article ("- Minister visits troops on the border"): a box
    of links to other stories. An article's own bulleted list reads as sentences or as short items."""
    def headline(i: int) -> bool:
        f = feats[i]
        return f.bullet and not f.terminal and s.teaser_min_words + 1 <= f.n_words <= s.teaser_max_words + 2
    out: set[int] = set()
    i = 0
    while i < len(feats):
        j = i
        while j < len(feats) and headline(j):
            j += 1
        if j - i >= 2:  # the run counts whole, items already removed with a box's header included
            out.update(k for k in range(i, j) if kinds[k] == "body")
        i = max(j, i + 1)
    return out
