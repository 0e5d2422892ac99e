"""Hostile input never crashes the cleaner, and a note says what happened."""
from __future__ import annotations

from sitrep.clean import clean_document
from sitrep.clean.evaluate import fold

BODY = (
    "The regiment moved three companies to the coastal base on Monday, the ministry said in a statement.\n\n"
    "Officials said the move had been planned for months and was not a response to recent events in the area.\n"
)


def test_empty_string_gives_empty_document_with_a_note():
    doc = clean_document("")
    assert (doc.clean_text, doc.blocks, doc.comments) == ("", [], [])
    assert doc.notes


def test_whitespace_only_gives_no_blocks():
    assert clean_document(" \n\t\r\n\u00a0\u3000\n").blocks == []


def test_crlf_offsets_point_into_the_raw_text():
    raw = BODY.replace("\n", "\r\n")
    doc = clean_document(raw)
    assert all(raw[b.start : b.end] == b.text and "\r" not in b.text for b in doc.blocks)
    assert "regiment moved three companies" in doc.clean_text


def test_tabs_and_non_breaking_spaces_do_not_break_words_apart():
    doc = clean_document(BODY.replace("three companies", "three\u00a0companies").replace("The ", "\tThe "))
    assert "three companies" in fold(doc.clean_text)


def test_zero_width_spaces_are_removed_from_clean_text_only():
    raw = BODY.replace("coastal", "coast\u200bal")
    doc = clean_document(raw)
    assert "coastal base" in doc.clean_text
    assert any("\u200b" in b.text for b in doc.blocks)


def test_mojibake_is_repaired_in_clean_text_and_noted():
    raw = BODY.replace("the ministry said", "the ministryâ€™s spokesman said")
    doc = clean_document(raw)
    assert "ministry’s spokesman" in doc.clean_text
    assert "mojibake repaired" in doc.notes
    assert any("â€™" in b.text for b in doc.blocks)


def test_very_long_line_is_kept_as_one_body_block():
    sentence = "The battalion stayed at the airfield for the winter and trained with local units. "
    doc = clean_document(sentence * 5000)
    assert len(doc.blocks) == 1 and doc.blocks[0].kind == "body"


def test_page_without_body_is_noted_and_keeps_nothing():
    doc = clean_document("Home\nNews\nSport\nWeather\nContact us\n")
    assert doc.clean_text == ""
    assert "no body found" in doc.notes


def test_page_of_only_comments_keeps_nothing_as_body():
    raw = ("12 Comments\nNewest Most Voted\nJane Doe\n"
           "I think the article missed the point about the supply lines in the north of the country.\n"
           "Max P\nAgreed, and the numbers they quote for the brigade are out of date by at least a year.\n")
    doc = clean_document(raw)
    assert doc.clean_text == ""
    assert [c.author for c in doc.comments] == ["Jane Doe", "Max P"]


def test_non_english_page_keeps_its_body():
    raw = ("Startseite\nPolitik\n"
           "Die Bundeswehr verlegt im Herbst zusätzliche Soldaten an den Standort im Norden, wie das Ministerium mitteilte.\n\n"
           "Nach Angaben eines Sprechers ist die Verlegung seit Langem geplant und wird mit den Partnern abgestimmt.\n")
    doc = clean_document(raw)
    assert "zusätzliche Soldaten" in doc.clean_text and "Startseite" not in doc.clean_text
    assert "language: de" in doc.notes


def test_text_in_an_unlisted_script_does_not_crash():
    doc = clean_document("新闻\n这是一段很长的新闻正文，讲述了部队在北方基地的部署情况，以及官员对此次调动的解释和评论。" * 3)
    assert doc.blocks


def test_control_characters_and_lone_surrogate_free_garbage_do_not_crash():
    doc = clean_document("\x00\x01\x1f\x7f\ufffd\n" + BODY + "\x1c\x1d\x1e")
    assert "regiment" in doc.clean_text


def test_explain_misses_names_the_line_and_its_quality():
    from sitrep.clean.evaluate import explain_misses

    raw = "Home\nNews\n" + BODY
    why = explain_misses(raw, {"keep": ["Home"], "drop": ["regiment moved three companies"]})
    assert why[0].startswith("lost keep: 'Home'") and "quality=" in why[1]
    assert any(w.startswith("leaked drop:") for w in why)
