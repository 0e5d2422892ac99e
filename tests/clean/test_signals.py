"""Line features are computed by shortcuts (counting over joined tokens, a cache of short lines); they must
equal the plain definitions."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.clean.signals import _GLUED, _URL, _WORD, _shape, features, line_shape

_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
STOP = frozenset({"the", "of", "and", "a", "to", "in"})

PIECES = st.sampled_from([
    "The", "brigade", "moved", "to", "the", "base", "U.S.", "O'Brien", "al-Assad", "2,500", "$", "www.example.com",
    "news@example.org", "NewsWorld", "ÉtéÀ", "straße", "İstanbul", "٣٤", "x_y", "•", "-", ".", ",", ":", "?", "»",
    "\u00a0", "\u200b", "\u2063", "\t", "(", ")", "’", "…",
])
LINES = st.one_of(
    st.lists(PIECES, max_size=25).map(" ".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=80),
)


def reference(line: str) -> dict:
    f = line_shape(line)
    core = f.text  # normalisation and bullet stripping are checked by the other tests
    tokens = _WORD.findall(core)
    n_ns = (len(core) - core.count(" ")) or 1
    url = sum(len(m) for m in _URL.findall(core)) if "." in core else 0
    return {
        "n_words": len(tokens),
        "words": tuple(t.lower() for t in tokens),
        "alpha_ratio": len(_LETTER.findall(core)) / n_ns,
        "digit_ratio": len(_DIGIT.findall(core)) / n_ns,
        "cap_ratio": sum(t[0].isupper() for t in tokens) / len(tokens) if tokens else 0.0,
        "url_chars_without_email": url,
        "glued": len(_GLUED.findall(core)),
    }


@settings(max_examples=400, deadline=None)
@given(LINES)
def test_shape_features_equal_their_plain_definitions(line):
    f = line_shape(line)
    ref = reference(line)
    assert f.n_words == ref["n_words"]
    assert f.words == ref["words"]
    assert abs(f.alpha_ratio - ref["alpha_ratio"]) < 1e-9
    assert abs(f.digit_ratio - ref["digit_ratio"]) < 1e-9
    assert abs(f.cap_ratio - ref["cap_ratio"]) < 1e-9
    if "@" not in f.text:
        assert f.url_chars == ref["url_chars_without_email"]
    if not f.text.endswith("."):
        assert f.glued == ref["glued"]


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_stop_ratio_is_the_share_of_function_words(line):
    f = features(line, STOP)
    expected = sum(w in STOP for w in f.words) / f.n_words if f.n_words else 0.0
    assert abs(f.stop_ratio - expected) < 1e-9


def test_a_cached_line_gives_the_same_features_as_a_fresh_one():
    line = "Share the story of the day"
    first = line_shape(line)
    assert line_shape(line) == first == _shape(line)
    assert features(line, STOP).stop_ratio == 0.5
    assert features(line, frozenset()).stop_ratio == 0.0


def test_invisible_characters_are_dropped_before_features():
    f = line_shape("The brigade moved north.\u2063")
    assert f.terminal and f.text.endswith(".")
