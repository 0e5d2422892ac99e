"""A picture's caption and credit leave the article, however much they read like prose; the article's own sentences
stay, even when they mention a photo or an agency. Texts written for these tests."""
from __future__ import annotations

import dataclasses
import datetime

import pytest

from sitrep.clean import DEFAULTS, clean_document
from sitrep.clean.captions import CaptionCueError, cues

HEAD = "Engineers finish the new runway at the northern air base"
P1 = ("The engineering battalion completed the runway on Thursday after eight months of work, the ministry said in "
      "a statement released to reporters.")
P2 = ("Officials said the runway would allow heavier transport aircraft to land, shortening the supply line to "
      "the garrison by several days.")
P3 = ("The project had been delayed twice by winter storms and a dispute over the contract, according to two people "
      "familiar with the matter.")


def page(*middle: str) -> str:
    return "\n\n".join([HEAD, P1, *middle, P2, P3]) + "\n"


def kind_of(doc, fragment: str) -> str:
    return next(b.kind for b in doc.blocks if fragment in b.text)


def test_caption_closed_by_a_bracketed_agency_credit_is_removed():
    doc = clean_document(page("Workers pour concrete on the runway extension in the early morning light. (Wire Agency "
                              "Photo/A. Person)"))
    assert kind_of(doc, "pour concrete") == "caption"
    assert "pour concrete" not in doc.clean_text


def test_caption_closed_by_a_name_and_an_agency_after_a_slash_is_removed():
    doc = clean_document(page("A crane lifts a section of the control tower into place at the base. Jane Roe/AFP"))
    assert kind_of(doc, "crane lifts") == "caption"


def test_caption_with_a_reporting_verb_still_goes_when_a_credit_closes_it():
    doc = clean_document(page("The commander, shown here at a briefing last week, said the work was on schedule. "
                              "Photo by John Doe/UPI"))
    assert kind_of(doc, "shown here") == "caption"


def test_credit_alone_on_its_line_and_the_description_above_it_are_removed():
    doc = clean_document(page("A map of the base shows the new runway and the taxiways around it.", "(Army Engineers)"))
    assert kind_of(doc, "(Army Engineers)") == "caption"
    assert kind_of(doc, "A map of the base") == "caption"


def test_description_under_an_image_file_name_is_removed():
    doc = clean_document(page("runway-works-0412.jpg",
                              "Heavy trucks bring gravel to the site on the last day of the works."))
    assert kind_of(doc, "runway-works") == "caption"
    assert kind_of(doc, "Heavy trucks bring gravel") == "caption"


def test_present_tense_scene_is_a_caption():
    doc = clean_document(page("Two engineers smile as they walk along the finished runway at dusk."))
    assert kind_of(doc, "Two engineers smile") == "caption"


def test_scene_verb_after_a_pronoun_or_auxiliary_is_the_articles_prose():
    doc = clean_document(page("They will gather at the base next month to open the runway with a flypast and a parade."))
    assert "They will gather" in doc.clean_text


def test_month_named_like_a_verb_is_not_a_scene():
    doc = clean_document(page("On March 3, the battalion moved its heavy equipment to the new hangars beside the runway."))
    assert "On March 3" in doc.clean_text


def test_caption_printed_twice_once_with_its_credit_goes_both_times():
    caption = "Soldiers unload building material from a truck at the edge of the runway on Monday."
    doc = clean_document(page(caption, f"{caption} (Wire Agency Photo)"))
    assert [b.kind for b in doc.blocks if b.text.startswith("Soldiers unload")] == ["caption", "caption"]


def test_paragraph_printed_twice_without_a_credit_stays():
    doc = clean_document(page(P3))
    assert doc.clean_text.count(P3) == 2


def test_sentence_mentioning_a_photo_or_an_agency_stays():
    line = ("The ministry published a photo of the runway on Friday, and the AFP news agency later confirmed the "
            "opening with base officials.")
    doc = clean_document(page(line))
    assert line in doc.clean_text


def test_headline_with_photos_in_brackets_is_still_the_title():
    doc = clean_document(f"{HEAD} (Photos)\n\n{P1}\n\n{P2}\n\n{P3}\n")
    assert doc.title == f"{HEAD} (Photos)"


def test_source_line_after_the_article_does_not_make_its_last_paragraph_a_caption():
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\n{P3}\n\nNational Radio / Wire Agency\n")
    assert P3 in doc.clean_text


def test_a_scene_longer_than_caption_max_words_is_the_articles_prose():
    line = ("Two engineers smile as they walk along the finished runway at dusk, past the hangars, the fuel depot, the "
            "radar mast and the rows of parked transport aircraft waiting for the first flights.")
    assert kind_of(clean_document(page(line)), "Two engineers") == "caption"
    short = dataclasses.replace(DEFAULTS, caption_max_words=20)
    assert kind_of(clean_document(page(line), settings=short), "Two engineers") == "body"


def test_date_in_a_caption_is_not_the_publication_date():
    doc = clean_document(f"{HEAD}\n\nSoldiers at the old airstrip, June 3, 2017 (photo credit: WIRE AGENCY)\n\n"
                         f"{P1}\n\n{P2}\n\n{P3}\n")
    assert doc.published_on is None


def test_date_field_glued_before_the_headline_is_the_publication_date():
    doc = clean_document(f" date 2024-03-05 {HEAD}\n\n{P1}\n\n{P2}\n\n{P3}\n")
    assert doc.published_on == datetime.date(2024, 3, 5)
    assert doc.title == HEAD


def test_a_caption_cue_row_of_an_unknown_kind_is_named(tmp_path):
    bad = tmp_path / "caption_cues.csv"
    bad.write_text("kind,term,lang\nfavourite,photo,\n", encoding="utf-8")
    with pytest.raises(CaptionCueError, match="favourite"):
        cues(bad)


def test_embedded_social_post_full_of_hashtags_is_removed():
    doc = clean_document(page("Jets over the runway at the opening #airshow #base #aviation #military posted by a "
                              "visitor"))
    assert "#airshow" not in doc.clean_text


def test_headline_closing_with_three_tags_is_still_the_title():
    doc = clean_document(f"Runway opens at the northern base #base #runway #army\n\n{P1}\n\n{P2}\n\n{P3}\n")
    assert doc.title == "Runway opens at the northern base #base #runway #army"


def test_credit_before_a_tables_cell_separator_still_marks_the_caption():
    doc = clean_document(page("The new runway lights were installed at the northern air base. (Picture Army Press) |"))
    assert kind_of(doc, "runway lights were installed") == "caption"
