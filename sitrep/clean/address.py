"""Find the lines in which a page speaks to its reader: "Check back later for more", "Did you see it happen? Tell
us", "Your free articles for this month have run out", "Read the full story on ...".

A news report speaks of people; a widget, an appeal or an editor's note speaks to the reader, in the second person
or with a call to act. Inside the article such a line is removed only when it does both (alone, or with the short
line beside it: a widget's two lines), or when it is a short call pointing to a link ("Read the full story here");
at the article's end, where notes and appeals gather, a call is enough, and so is a short line in the second
person. Quotations and reported speech are the article's, whoever they address.
The words are data (sitrep/gazetteers/reader_address.csv), per language.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .lexicon import GAZETTEERS, data_rows, is_reported_speech
from .settings import DEFAULTS, CleanSettings
from .signals import Features

ADDRESS_CSV = GAZETTEERS / "reader_address.csv"
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'“‘(]?(\w[\w']*(?:\s+\w[\w']*){0,2})")


@dataclass(frozen=True)
class AddressWords:
    you: frozenset[str]
    call: tuple[str, ...]  # lower case, possibly several words ("let us know")
    me: frozenset[str]
    link: frozenset[str]  # what a call points the reader to: "the original article", "more here"


@functools.cache
def words(lang: str, path: Path = ADDRESS_CSV) -> AddressWords | None:
    rows = [r for r in data_rows(path) if (r.get("lang") or "").strip() == lang]
    if not rows:
        return None
    pick = lambda kind: [r["word"].strip().lower() for r in rows if r["kind"].strip() == kind]  # noqa: E731
    return AddressWords(frozenset(pick("you")), tuple(pick("call")), frozenset(pick("me")), frozenset(pick("link")))


def speaks_to_reader(f: Features, w: AddressWords) -> tuple[bool, bool]:
    """(second person, a call to act), outside quotations and reported speech."""
    if is_reported_speech(f.text, f.words):
        return False, False
    you = any(x in w.you for x in f.words)
    openings = [m.group(1).lower() for m in _SENTENCE_START.finditer(f.text)]
    return you, any(o == c or o.startswith(c + " ") for o in openings for c in w.call)


_TOKEN = re.compile(r"[^\W\d_][\w'’]*")
_QUOTED = re.compile(r"[\"“„«][^\"“”„«»]*[\"”»]?")


def speaks_for_writer(f: Features, w: AddressWords) -> bool:
    """A first-person word outside quotations ("We need more than that"); "US" in capitals is a country."""
    text = _QUOTED.sub(" ", f.text)
    return any(t.lower().replace("’", "'") in w.me for t in _TOKEN.findall(text) if t == "I" or not t.isupper())


def find(feats: Sequence[Features], kinds: Sequence[str], lang: str | None, s: CleanSettings = DEFAULTS) -> set[int]:
    """Body lines that speak to the reader: inside the article both ways at once, at its end either way."""
    w = words(lang) if lang else None
    if w is None:
        return set()
    body = [i for i, k in enumerate(kinds) if k == "body"]
    out: set[int] = set()
    cues = {i: speaks_to_reader(feats[i], w) if feats[i].n_words <= s.address_max_words else (False, False)
            for i in body}
    for i in body:
        if all(cues[i]) or (cues[i][1] and feats[i].n_words <= s.address_you_words
                            and any(x in w.link for x in feats[i].words)):
            out.add(i)  # "Tell us what you think", "Read the full story on ..."
    for i, j in zip(body, body[1:]):  # a widget of two short lines: "You've reached your limit." "Subscribe now."
        if (j == i + 1 and max(feats[i].n_words, feats[j].n_words) <= s.address_you_words
                and any(cues[i]) and any(cues[j]) and (cues[i][0] or cues[j][0]) and (cues[i][1] or cues[j][1])):
            out.update((i, j))
    for i in reversed(body[1:]):  # the closing lines, up to the last one that reports
        you, call = cues[i]
        if not (call or (you and feats[i].n_words <= s.address_you_words)):
            break
        out.add(i)
    return out
