"""date_hint: the month a date line names, for extraction to take the year of dates like "March 26" from."""
from __future__ import annotations

import datetime

from sitrep.clean import CleanDoc, clean_document

PARA = "The alliance moved a battalion to the eastern border on Monday, officials said in a statement."
PARA2 = "The move had been planned for months and was not linked to recent events, a spokesman added."


def _doc(head: str, tail: str = "") -> CleanDoc:
    return clean_document(f"{head}\n\nHeadline of the day\n\n{PARA}\n\n{PARA2}\n\n{tail}\n")


def test_month_and_year_line_gives_the_first_of_the_month_as_hint():
    doc = _doc("JULY 2020")
    assert doc.date_hint == datetime.date(2020, 7, 1)
    assert doc.published_on is None


def test_month_names_of_other_languages_give_a_hint():
    assert _doc("März 2021").date_hint == datetime.date(2021, 3, 1)


def test_published_label_before_a_month_gives_a_hint():
    assert _doc("Published: September 2019").date_hint == datetime.date(2019, 9, 1)


def test_full_date_line_gives_published_on_and_no_hint():
    doc = _doc("January 8, 2020")
    assert doc.published_on == datetime.date(2020, 1, 8)
    assert doc.date_hint is None


def test_date_line_after_the_body_gives_a_hint_of_its_month():
    doc = _doc("", tail="Posted on March 26, 2019")
    assert doc.published_on is None
    assert doc.date_hint == datetime.date(2019, 3, 1)


def test_a_month_inside_a_sentence_gives_no_hint():
    doc = clean_document(f"Headline of the day\n\n{PARA} The unit arrived in July 2020 after a long march.\n\n{PARA2}\n")
    assert doc.date_hint is None


def test_page_without_a_date_has_no_hint():
    assert _doc("").date_hint is None


def test_clean_doc_built_without_a_hint_defaults_to_none():
    assert CleanDoc("t", None, None, "").date_hint is None
