"""Cleaning thresholds are settings: moving one moves the boundary it names (jusText's tests are the model)."""
from __future__ import annotations

import pytest

from sitrep.clean import CleanSettings, clean_document
from sitrep.clean.classify import BAD, GOOD, NEAR, SHORT, quality
from sitrep.clean.signals import line_shape, with_stop_ratio

# 61 characters, 11 words, 4 of them function words, ending a sentence.
SHORT_SENTENCE = "The brigade moved to the base north of the city in the night."
STOP = {"the", "to", "of", "in"}


def _features(text: str):
    f = line_shape(text)
    return with_stop_ratio(f, sum(w in STOP for w in f.words) / f.n_words) if f.n_words else f


def test_the_default_settings_judge_a_line_as_jusText_would():
    assert quality(_features(SHORT_SENTENCE), lang_known=True) == GOOD
    assert quality(_features("Menu"), lang_known=True) == SHORT


def test_a_sentence_shorter_than_short_good_chars_is_not_good():
    strict = CleanSettings(short_good_chars=len(SHORT_SENTENCE) + 1, good_chars=len(SHORT_SENTENCE) + 1)
    assert quality(_features(SHORT_SENTENCE), lang_known=True, s=strict) == SHORT


def test_raising_the_stopword_density_makes_a_good_line_near_good_or_short():
    f = _features(SHORT_SENTENCE + " The convoy crossed the river before the sun came up over the hills.")
    assert quality(f, lang_known=True) == GOOD
    demanding = CleanSettings(good_stop_share=f.stop_ratio + 0.01)
    assert quality(f, lang_known=True, s=demanding) == NEAR


def test_a_symbol_line_longer_than_tiny_chars_is_bad():
    assert quality(_features("...."), lang_known=True) == SHORT
    assert quality(_features("...."), lang_known=True, s=CleanSettings(tiny_chars=3)) == BAD


def test_lines_that_are_mostly_url_are_bad_below_the_url_share():
    line = "see https://example.com/a/very/long/path/to/a/story"
    assert quality(_features(line), lang_known=True) == BAD
    assert quality(_features(line), lang_known=True, s=CleanSettings(bad_url_share=0.95)) != BAD


PAGE = "\n\n".join([
    "Troops Leave the Northern Base",
    "The last soldiers of the battalion left the northern base on Sunday, officials said in a statement.",
    "Share",
    "Tweet",
    "Email",
    "Print",
    "The base will be handed to the local army, which has guarded the perimeter for the past two years.",
])


def test_a_paragraph_beyond_max_gap_of_junk_is_not_part_of_the_article():
    default = clean_document(PAGE)
    assert "handed to the local army" in default.clean_text
    narrow = clean_document(PAGE, settings=CleanSettings(max_gap=1.0, join_share=2.0, join_share_chained=2.0,
                                                         chained_min_chars=10_000))
    assert "handed to the local army" not in narrow.clean_text
    assert "last soldiers of the battalion" in narrow.clean_text


def test_a_date_in_a_byline_longer_than_meta_words_is_not_the_publication_date():
    page = ("Troops Leave the Northern Base\n\nPosted on March 3, 2021 by Jane Roe, staff writer\n\n"
            + PAGE.split("\n\n", 1)[1])
    assert str(clean_document(page).published_on) == "2021-03-03"
    assert clean_document(page, settings=CleanSettings(meta_words=5)).published_on is None


def test_a_negative_threshold_is_refused_with_its_name():
    with pytest.raises(ValueError, match="max_gap"):
        CleanSettings(max_gap=-1)
