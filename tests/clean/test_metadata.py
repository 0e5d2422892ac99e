"""Headline, publisher and date are read only from shapes that cannot mean anything else."""
from __future__ import annotations

import datetime

from sitrep.clean import clean_document

PARA = "The alliance moved a battalion to the eastern border on Monday, officials said in a statement."
PARA2 = "The move had been planned for months and was not linked to recent events, a spokesman added."


def test_wire_dateline_names_the_publisher():
    doc = clean_document(f"Headline of the day\n\nBAGHDAD (Reuters) - {PARA}\n\n{PARA2}\n")
    assert doc.publisher == "Reuters"


def test_photo_credit_is_a_caption_not_the_publisher():
    doc = clean_document(f"Headline of the day\n\nA soldier at a checkpoint (photo credit: REUTERS)\n\n{PARA}\n\n{PARA2}\n")
    assert doc.publisher is None
    assert next(b for b in doc.blocks if "photo credit" in b.text).kind == "caption"


def test_support_appeal_names_the_publisher():
    doc = clean_document(f"Support Frontline Weekly\n\nHeadline of the day\n\n{PARA}\n\n{PARA2}\n")
    assert doc.publisher == "Frontline Weekly"


def test_generic_support_appeal_names_no_publisher():
    doc = clean_document(f"Support our work\n\nHeadline of the day\n\n{PARA}\n\n{PARA2}\n")
    assert doc.publisher is None


def test_date_line_before_the_body_gives_published_on():
    doc = clean_document(f"Headline of the day\nJanuary 8, 2020\n\n{PARA}\n\n{PARA2}\n")
    assert doc.published_on == datetime.date(2020, 1, 8)


def test_month_and_year_alone_give_no_date():
    doc = clean_document(f"JULY 2020\n\nHeadline of the day\n\n{PARA}\n\n{PARA2}\n")
    assert doc.published_on is None
    assert doc.title == "Headline of the day"


def test_repeated_headline_is_removed_twice():
    doc = clean_document(f"Big news headline here\n\nSupport Outlet\n\nBig news headline here\n\n{PARA}\n\n{PARA2}\n")
    assert [b.kind for b in doc.blocks if b.text == "Big news headline here"] == ["title", "title"]
    assert "Big news headline" not in doc.clean_text


def test_glued_breadcrumb_is_navigation_not_title():
    doc = clean_document(f"NewsWorldMiddle EastDefence\n\nTroops leave the northern base\n\n{PARA}\n\n{PARA2}\n")
    assert doc.title == "Troops leave the northern base"
    assert doc.blocks[0].kind == "navigation"


def test_row_of_separated_links_is_not_the_title():
    doc = clean_document(f"Troops leave the northern base\n\nAbout | Media | Search | Contact\n\n{PARA}\n\n{PARA2}\n")
    assert doc.title == "Troops leave the northern base"


def test_byline_with_a_colon_is_not_the_title():
    doc = clean_document(f"Troops leave the northern base\n\nby: Jane Mary Doe\n\n{PARA}\n\n{PARA2}\n")
    assert doc.title == "Troops leave the northern base"


def test_headline_sharing_the_body_words_beats_a_section_label_closer_to_the_body():
    raw = f"Battalion moves to the eastern border\n\nMore Coverage Of Regional Security\n\n{PARA}\n\n{PARA2}\n"
    assert clean_document(raw).title == "Battalion moves to the eastern border"


def test_long_headline_under_a_site_label_is_not_taken_for_a_standfirst():
    headline = "Alliance moves a battalion to the eastern border months after the plan was first announced"
    raw = f"Advertise With Us\n\n{headline}\n\n{PARA}\n\n{PARA2}\n"
    assert clean_document(raw).title == headline


def test_headline_asked_as_a_question_is_the_title_not_the_first_paragraph():
    question = "Can the alliance hold the eastern border through the winter?"
    doc = clean_document(f"World News Desk\n\n{question}\n\n{PARA}\n\n{PARA2}\n")
    assert doc.title == question
    assert question not in doc.clean_text and PARA in doc.clean_text


def test_author_role_line_is_not_the_title():
    doc = clean_document(f"Battalion moves to the eastern border\n\nJane Doe\nSenior Reporter, Land Forces\n"
                         f"14 May 2025\n\n{PARA}\n\n{PARA2}\n")
    assert doc.title == "Battalion moves to the eastern border"


def test_breadcrumb_and_cut_dateline_are_not_the_title():
    doc = clean_document(f"Defence › NATO\n\nBattalion moves to the eastern border\n\nTAPA, Estonia --\n\n{PARA}\n\n{PARA2}\n")
    assert doc.title == "Battalion moves to the eastern border"


def test_date_line_in_an_unlisted_language_is_not_the_title():
    headline = "Alliance moves a battalion of infantry and two artillery batteries to the eastern border this spring"
    doc = clean_document(f"Luni, 19 februarie 2024\n\n{headline}\n\n{PARA}\n\n{PARA2}\n")
    assert doc.title == headline


def test_long_title_case_headline_under_a_source_line_is_the_title():
    headline = "Fifth Forward-Deployed Destroyer Arrives at Naval Station Rota, Completing Latest Phase of Homeport Shift"
    doc = clean_document(f"March 6, 2024\n\nFrom Navy Region Europe Public Affairs\n\n{headline}\n\nShare:\nEmail\n\n"
                         f"{PARA}\n\n{PARA2}\n")
    assert doc.title == headline


def test_date_in_a_byline_or_meta_line_gives_published_on():
    doc = clean_document(f"Headline of the day\n\nPosted on 14 August 2025 by Jane Doe — 7 Comments\n\n{PARA}\n\n{PARA2}\n")
    assert doc.published_on == datetime.date(2025, 8, 14)
    doc = clean_document(f"Headline of the day\n\nWorld | 16.03.2025, Sunday | 14:07 | Views: 18 406\n\n{PARA}\n\n{PARA2}\n")
    assert doc.published_on == datetime.date(2025, 3, 16)


def test_a_short_thank_you_line_is_not_the_title_for_sharing_one_word_with_the_body():
    body = f"{PARA} Readers thanked the soldiers.\n\n{PARA2}\n"
    doc = clean_document(f"Support our work\nThank you!\nWorld | 16.03.2025 | 14:07\nBattalion moves to the eastern border\n\n{body}")
    assert doc.title == "Battalion moves to the eastern border"


def test_piece_of_a_sentence_ending_in_a_comma_is_not_the_title():
    doc = clean_document(f"Troops leave the northern base\n\nfrom The Morning Paper,\n\n{PARA}\n\n{PARA2}\n")
    assert doc.title == "Troops leave the northern base"


def test_list_of_other_stories_with_their_dates_gives_no_date():
    raw = (f"Shipyard Reports Record Orders for the Year\nAugust 2, 2020\nRegional Airline Adds Three Routes\n"
           f"August 4, 2020\n\nTroops leave the northern base\n\n{PARA}\n\n{PARA2}\n")
    doc = clean_document(raw)
    assert doc.published_on is None
    assert "Shipyard Reports" not in doc.clean_text


def test_date_of_a_source_note_is_the_articles():
    doc = clean_document(f"Troops leave the northern base\n\n(Source: Ministry of Defence; issued March 5, 2021)\n\n"
                         f"{PARA}\n\n{PARA2}\n")
    assert doc.published_on == datetime.date(2021, 3, 5)
    assert "Source:" not in doc.clean_text


def test_place_and_date_opening_the_first_paragraph_give_published_on():
    doc = clean_document(f"Troops leave the northern base\n\nNorthport, 29th January 2024: {PARA}\n\n{PARA2}\n")
    assert doc.published_on == datetime.date(2024, 1, 29)


def test_date_glued_to_the_byline_gives_published_on():
    doc = clean_document(f"Troops leave the northern base\n\nBy Staff Sgt. Jane DoeJune 29, 2022\n\n{PARA}\n\n{PARA2}\n")
    assert doc.published_on == datetime.date(2022, 6, 29)


def test_headline_with_its_standfirst_under_it_beats_a_label_nearer_the_body():
    raw = ("Alliance moved battalion to eastern border\n"
           "The last soldiers of the battalion boarded trucks on Sunday as the army handed the base to the police\n"
           "Officials said trucks moved\n\n"
           f"{PARA}\n\n{PARA2}\n")
    assert clean_document(raw).title == "Alliance moved battalion to eastern border"


def test_headline_repeated_in_lower_case_without_punctuation_is_removed_too():
    raw = (f"Troops Leave, After Ten Years, the Northern Base\n\n{PARA}\n\n"
           f"troops leave after ten years the northern base\n\n{PARA2}\n")
    doc = clean_document(raw)
    assert "troops leave after ten years" not in doc.clean_text


def test_page_opening_headline_beats_a_short_label_nearer_the_body():
    raw = ("Alliance moves a battalion to the eastern border\n"
           "Battalion at the eastern border\n\n"
           f"{PARA}\n\n{PARA2}\n")
    assert clean_document(raw).title == "Alliance moves a battalion to the eastern border"


def test_page_title_with_its_site_name_does_not_beat_the_headline():
    raw = ("Alliance moves a battalion to the eastern border | Defence Weekly\n"
           "Battalion at the eastern border\n\n"
           f"{PARA}\n\n{PARA2}\n")
    assert clean_document(raw).title == "Battalion at the eastern border"
