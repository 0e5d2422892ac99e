"""Headline, publication date and publisher, read off the lines around the body.

Conservative by design: a NULL publisher or date costs less downstream than a wrong one, so each reader
accepts only a shape that cannot mean anything else (a full date alone on a short line, a wire dateline,
a "Support <Outlet>" appeal, a copyright line).
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from .lexicon import month_numbers
from .signals import Features

_MONTHS = month_numbers()  # sitrep/gazetteers/months.csv
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    # a month glued to the word before it counts too ("By A. NameMarch 3, 2021": a byline run into its date)
    re.compile(rf"(?:\b|(?<=[a-z])(?-i:(?=[A-Z]))){_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\.?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
]
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTH_YEAR = re.compile(rf"^{_MONTH}\s+{_YEAR}$", re.IGNORECASE)
_WEEKDAY_TIME = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?|uhr|h)?|"
    r"\b(?:date|dated|updated|published|posted|on|at|am|um|gmt|utc|cet|est|edt|pst|[ap]\.?m\.?|publié|le|mis à jour|"
    r"veröffentlicht|aktualisiert|publicado|el|actualizado)\b|[|,·•/–—:-]",
    re.IGNORECASE,
)
# "PLACE, 29th January 2024: ...", "Place, Jan. 8, 2020 — ...": a place and a full date opening the first paragraph.
DATED_PLACE = re.compile(r"^[A-Z][^.!?:–—]{0,70}?(?:19|20)\d\d\s*(?::|–|—|--|-\s)")
# "BAGHDAD (Reuters) -", "KABUL, Jan 8 (AP) —": a wire dateline opening the first paragraph.
DATELINE = re.compile(r"^[A-Z][A-Za-z .,'/-]{1,60}?\((?P<pub>[A-Z][\w&.' -]{1,30}?)\)\s*[-–—]")
_SUPPORT = re.compile(r"^support\s+(?P<pub>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)?)$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:copyright\s*)?(?:©|\(c\))\s*(?:(?:19|20)\d\d\s*[-–]?\s*(?:(?:19|20)\d\d)?\s*)?"
                        r"(?P<pub>[A-Z][\w.&' -]{1,40}?)[.,]?\s*(?:all rights reserved\.?)?$", re.IGNORECASE)
# Words that make "Support our work" an appeal, not an outlet's name.
_NOT_A_NAME = {"us", "our", "the", "this", "my", "your", "work", "journalism", "independent", "local", "site", "page"}
_BYLINE = re.compile(
    r"^(?:(?:by|von|par|por|przez|di|door|av|af)(?:\s|:)|(?-i:By[A-Z])|Written by|Posted by)", re.IGNORECASE
)
# An author's role printed under the byline: "Senior Reporter, Land Forces", "Political Editor".
_ROLE = re.compile(
    r"^(?:(?:senior|chief|staff|deputy|associate|contributing|managing|executive|political|foreign|defen[cs]e|"
    r"security|military|diplomatic|business|news|research|visiting|non-resident|guest)\s+){0,2}"
    r"(?:reporter|writer|editor|correspondent|fellow|analyst|columnist|contributor|journalist|researcher|producer)s?\b",
    re.IGNORECASE,
)
# A breadcrumb trail ("Defence › NATO", "Home > News") or a dateline cut from its paragraph ("ROTA, Spain --").
_TRAIL = re.compile(r"\s[›»>]\s|(?:--|[—–-])$")
# A date in a language the date patterns do not know: a day number and a year ("Luni, 19 februarie 2024").
_DATE_ISH = re.compile(r"\b\d{1,2}\b.*\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\b.*\b\d{1,2}\b")
# A row of links joined by separators: "About | Media | Search | Contact".
_MENU_ROW = re.compile(r"(?:[^\s|•·/][^|•·/]{0,25}\s[|•·/]\s){2,}")


def find_date(text: str) -> datetime.date | None:
    """The first complete, valid calendar date written in text."""
    if not _ANY_YEAR.search(text):
        return None
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            g = m.groupdict()
            month = _MONTHS.get(g["mon"].lower().rstrip(".")) if g.get("mon") else int(g["mnum"])
            try:
                return datetime.date(int(g["year"]), month, int(g["day"]))
            except (TypeError, ValueError):
                continue
    return None


_MONTH_YEAR_ANY = re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE)


def month_of_date_line(text: str) -> datetime.date | None:
    """The first day of the month a date line names: "JULY 2020", "Published: März 2021", "January 8, 2020".

    None when the line is not a date line (a sentence that mentions a month is not one).
    """
    if len(text) > 60 or not _ANY_YEAR.search(text):
        return None
    if is_date_line(text):
        d = find_date(text)
        if d:
            return d.replace(day=1)
    m = _MONTH_YEAR_ANY.search(text)
    if m and not _WEEKDAY_TIME.sub(" ", text[: m.start()] + " " + text[m.end():]).strip():
        return datetime.date(int(m.group("year")), _MONTHS[m.group("mon").lower().rstrip(".")], 1)
    return None


def is_date_line(text: str) -> bool:
    """A line that is only a date (possibly with weekday, time and 'Published'): page furniture, not body."""
    if len(text) > 60 or not _ANY_YEAR.search(text):
        return False
    if _MONTH_YEAR.match(text.strip()):
        return True
    for pat in _DATE_PATTERNS:
        m = pat.search(text)
        if m:
            rest = _WEEKDAY_TIME.sub(" ", text[: m.start()] + " " + text[m.end():])
            return not rest.strip()
    return False


def is_headline(f: Features) -> bool:
    """Could this line be a headline: a short run of words, not a sentence (nor a piece of one ending in a comma:
    "from The Daily,"), not a date, not a link."""
    return (
        2 <= f.n_words <= 30
        and f.n_chars <= 200
        and not f.text.endswith((".", ","))
        and f.alpha_ratio >= 0.6
        and f.url_chars == 0
        and f.glued < 2
        and not f.bullet
        and not _BYLINE.match(f.text)
        and not (f.n_words <= 8 and _ROLE.match(f.text))
        and not _TRAIL.search(f.text)
        and not (f.n_words <= 5 and _DATE_ISH.search(f.text))
        and not (f.text.count(" ") >= 4 and _MENU_ROW.search(f.text))
        and not is_date_line(f.text)
    )


def pick_title(
    candidates: Sequence[int],
    feats: Sequence[Features],
    repeated: set[int],
    body_at: int,
    body_stems: frozenset[str] = frozenset(),
    opening: int | None = None,
) -> int | None:
    """Index of the headline among the candidates before the body.

    Points for what marks a headline on a page: a byline or date just under it, a line the page prints twice
    (page title and h1), a standfirst right under it, several words, nearness to the body (site names and section
    labels come first), words the body shares (body_stems: stems of the body's good lines). A long line right under
    a shorter candidate is a standfirst (dek), so the one above it wins; a short label nearer the body loses to the
    page's opening headline (opening: its first line of text) when that is longer and as much about the body.
    """
    if not candidates:
        return None
    scores = {}
    marks: dict[int, bool] = {}  # line -> is a byline or a dated line (each line judged once)

    def marked(k: int) -> bool:
        if k not in marks:
            g = feats[k]
            marks[k] = bool(_BYLINE.match(g.text) or (g.n_words <= 16 and find_date(g.text)))
        return marks[k]

    for rank, i in enumerate(reversed(candidates)):
        f = feats[i]
        score = 0.0
        if any(marked(k) for k in range(i + 1, min(i + 8, body_at))):
            score += 2.0
        if i in repeated:
            score += 1.0
        if i + 1 < body_at and _dek_like(feats[i + 1]) and not _BYLINE.match(feats[i + 1].text):
            score += DEK_WEIGHT  # a standfirst printed right under it
        score += 1.0 if f.n_words >= 4 else (-1.0 if f.n_words <= 2 else 0.0)
        score += 1.5 if rank == 0 else (1.0 if rank == 1 else (0.5 if rank <= 3 else 0.0))
        if body_stems:
            score += ABOUT_WEIGHT * _share_in(f, body_stems)
        scores[i] = score
    best = max(candidates, key=lambda i: (scores[i], i))
    if (opening is not None and opening in candidates and opening < best and feats[best].n_words <= LABEL_WORDS
            and feats[opening].n_words > feats[best].n_words and " | " not in feats[opening].text
            and _share_in(feats[opening], body_stems) >= max(OPENING_MIN_SHARE,
                                                             _share_in(feats[best], body_stems) - OPENING_SHARE_SLACK)):
        return opening  # a short label nearer the body (a picture's, a gallery's) loses to the page's headline
    pos = candidates.index(best)
    if pos > 0 and _dek_like(feats[best]):
        above = candidates[pos - 1]
        f_above = feats[above]
        headline_like = f_above.n_words >= 4 or _share_in(f_above, body_stems) >= 0.5  # not "Your Account"
        if headline_like and f_above.n_chars < feats[best].n_chars and not _dek_like(f_above) and best - above <= 3:
            return above
    return best


# A headline is about the article: most of its content words come back in the body; a site name, section label
# or share button's do not. Words are compared by a crude stem that needs no language ("robot" ~ "robotic").
ABOUT_WEIGHT = 3.0
STEM = 5
DEK_WORDS, DEK_CHARS = 14, 100  # a standfirst is longer than a headline
DEK_WEIGHT = 1.0
LABEL_WORDS = 8  # a line this short nearer the body is a label when the page opens with a longer headline,
OPENING_MIN_SHARE = 0.5  # ...about the body (a site's name or slogan opening the page is not; nor "Title | Site"),
OPENING_SHARE_SLACK = 0.25  # ...nearly as much as the label


def content_stems(f: Features) -> list[str]:
    """The stems of the line's content words (longer than three letters, not numbers), in order."""
    return [w[:STEM] for w in f.words if len(w) > 3 and not w.isdigit()]


def _share_in(f: Features, body_stems: frozenset[str]) -> float:
    """Share of the line's content words whose stem the body uses; a line of one or two content words ("Thank
    you!", "Latest News") proves less than a headline's handful, so it earns less."""
    content = content_stems(f)
    if not content:
        return 0.0
    return sum(w in body_stems for w in content) / len(content) * min(1.0, len(content) / ABOUT_MIN_WORDS)


ABOUT_MIN_WORDS = 3


def _dek_like(f: Features) -> bool:
    """Longer than a headline, and written as a sentence: a Title Case line is a headline however long."""
    return (f.n_words >= DEK_WORDS or f.n_chars > DEK_CHARS) and f.cap_ratio < 0.6


def find_publisher(first_body: str | None, appeals: Sequence[str], footers: Sequence[str]) -> str | None:
    """Outlet named by a wire dateline, a donation appeal or a copyright line; else None."""
    if first_body:
        m = DATELINE.match(first_body)
        if m:
            return m.group("pub").strip()
    for text in appeals:
        m = _SUPPORT.match(text.strip())
        if m and not any(w.lower() in _NOT_A_NAME for w in m.group("pub").split()):
            return m.group("pub").strip()
    for text in footers:
        m = _COPYRIGHT.match(text.strip())
        if m and not re.search(r"\d", m.group("pub")):
            return m.group("pub").strip(" .,")
    return None
