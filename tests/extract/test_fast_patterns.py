"""The faster forms of the gazetteer patterns find exactly what the plain forms find."""
import re

import pytest

from sitrep.extract.gazetteer import alternation, led, load, lowercase_twin

from .conftest import articles

TEXTS = [text for _, text, _ in articles()]


def spans(pattern, text, lower=False):
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text.lower() if lower else text)]


@pytest.mark.parametrize("text", TEXTS)
def test_lowercase_twin_on_lowered_text_matches_the_case_insensitive_pattern(text):
    pat = load().base_alias_re
    assert spans(lowercase_twin(pat), text, lower=True) == spans(pat, text)


@pytest.mark.parametrize("text", TEXTS)
def test_prescanned_channels_match_the_plain_labelled_pattern(text):
    fast = load().channels[0]
    plain = re.compile(fast.pattern)
    assert spans(fast, text) == spans(plain, text)


@pytest.mark.parametrize("text", TEXTS)
def test_led_pattern_matches_the_plain_pattern(text):
    plain = re.compile(r"\b(?:from|out of|into|to|in|at)\s+")
    assert spans(led(plain), text) == spans(plain, text)


@pytest.mark.parametrize("text", TEXTS)
def test_alternation_with_boundary_after_the_first_character_matches_a_leading_boundary(text):
    names = list(load().actor_code)
    body = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    plain = re.compile(rf"(?<![\w-])(?:{body})(?![\w])")
    assert spans(alternation(names), text) == spans(plain, text)
