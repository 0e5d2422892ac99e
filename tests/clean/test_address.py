"""Lines in which the page speaks to its reader (appeals, editor's notes) leave the article; the article's own
sentences stay, quotations addressed to "you" included. Texts written for these tests."""
from __future__ import annotations

import dataclasses

from sitrep.clean import DEFAULTS, clean_document

HEAD = "Coast guard adds two patrol boats to the eastern fleet"
P1 = ("The coast guard added two patrol boats to its eastern fleet on Wednesday, the interior ministry said, "
      "bringing the number of vessels watching the strait to eleven.")
P2 = ("The boats were built at a domestic yard and carry a crew of twelve each, according to the ministry, which "
      "said both would be based at the eastern port.")
P3 = ("Officials said the new boats would take over night patrols from older vessels, which are due to be "
      "retired by the end of next year.")


def kind_of(doc, fragment: str) -> str:
    return next(b.kind for b in doc.blocks if fragment in b.text)


def test_editors_note_with_a_call_at_the_end_is_removed():
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\n{P3}\n\nThis story is developing. Check back later for more.\n")
    assert kind_of(doc, "Check back") == "other"
    assert P3 in doc.clean_text


def test_question_to_the_reader_with_a_call_inside_the_article_is_removed():
    doc = clean_document(f"{HEAD}\n\n{P1}\n\nDid you see the boats arrive? Tell us at the newsroom desk.\n\n{P2}\n\n{P3}\n")
    assert kind_of(doc, "Did you see") == "other"


def test_quotation_addressed_to_you_stays():
    quote = '"You will see these boats every night from now on," the commander told the crews at the port.'
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{quote}\n")
    assert quote in doc.clean_text


def test_second_person_sentence_inside_the_article_without_a_call_stays():
    line = ("If you stand on the eastern pier at night, the boats pass within a few hundred metres of the shore, "
            "officials said.")
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{line}\n\n{P2}\n\n{P3}\n")
    assert line in doc.clean_text


def test_address_you_words_sets_how_long_a_closing_second_person_note_may_be():
    note = "Your free articles for this month have run out."
    page = f"{HEAD}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{note}\n"
    assert kind_of(clean_document(page), "Your free articles") == "other"
    strict = dataclasses.replace(DEFAULTS, address_you_words=8)
    assert kind_of(clean_document(page, settings=strict), "Your free articles") == "body"


def test_paywall_widget_of_two_short_lines_is_removed():
    doc = clean_document(f"{HEAD}\n\n{P1}\n\nYou have read all your free stories.\n\nSubscribe today for full access.\n\n"
                         f"{P2}\n\n{P3}\n")
    assert kind_of(doc, "You have read") == "other"
    assert kind_of(doc, "Subscribe today") == "other"
    assert P2 in doc.clean_text


def test_short_call_pointing_to_the_original_article_is_removed():
    doc = clean_document(f"{HEAD}\n\n{P1}\n\nRead the original article on the Harbour Gazette.\n\n{P2}\n\n{P3}\n")
    assert kind_of(doc, "Read the original article") == "other"
    assert P2 in doc.clean_text


def test_sentence_opening_with_a_call_word_about_the_story_itself_stays():
    line = ("Support for the new boats has grown in parliament, where the story of the old fleet's breakdowns was "
            "debated for weeks.")
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{line}\n\n{P2}\n\n{P3}\n")
    assert line in doc.clean_text
