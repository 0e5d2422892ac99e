"""Other stories' headlines and teasers printed inside an article leave it; the article's own subheadings stay.
Texts written for these tests."""
from __future__ import annotations

import dataclasses

from sitrep.clean import DEFAULTS, clean_document

HEAD = "Navy opens a new repair dock at the southern harbour"
P1 = ("The navy opened its new repair dock at the southern harbour on Tuesday, allowing frigates to be serviced "
      "without sailing to the northern shipyard, the defence ministry said.")
P2 = ("The harbour dock took three years to build and can lift vessels of up to eight thousand tonnes, according to "
      "the ministry, which said frigates would be serviced there from next month.")
P3 = ("Officials said the harbour would also host visiting allied ships, and that a second dock for submarines "
      "was being planned for the end of the decade.")


def kinds(doc, fragment: str) -> list[str]:
    return [b.kind for b in doc.blocks if fragment in b.text]


def test_headline_of_another_story_between_paragraphs_is_removed():
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\nCelebrity chef unveils winter menu for mountain resorts\n\n{P3}\n")
    assert kinds(doc, "Celebrity chef") == ["navigation"]
    assert P3 in doc.clean_text


def test_teaser_paragraph_under_another_storys_headline_goes_with_it():
    teaser = ("The chef said the winter menu would feature mountain cheeses and slow-cooked stews for skiers "
              "arriving at the resorts.")
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\n{P3}\n\nCelebrity chef unveils winter menu for mountain resorts\n\n"
                         f"{teaser}\n")
    assert kinds(doc, "The chef said") == ["navigation"]
    assert P3 in doc.clean_text


def test_capitalised_link_label_before_another_headline_is_removed():
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\nREAD  Football league announces new season calendar\n\n{P3}\n")
    assert kinds(doc, "Football league") == ["navigation"]


def test_witty_subheading_whose_paragraph_carries_on_the_article_stays():
    subhead = "Tides and timetables"
    body = ("Because the harbour dock depends on the tide, the navy will schedule frigates for repair in two windows "
            "a day, officials said, and the ministry plans to publish the timetable.")
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\n{subhead}\n\n{body}\n\n{P3}\n")
    assert subhead in doc.clean_text
    assert body in doc.clean_text


def test_headline_that_shares_the_articles_words_stays():
    subhead = "A second dock for the harbour submarines"
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\n{subhead}\n\n{P3}\n")
    assert subhead in doc.clean_text


def test_teaser_max_shared_sets_how_much_another_headline_may_share():
    line = "Ministry unveils winter menu for mountain resorts"  # shares "ministry" with the article
    page = f"{HEAD}\n\n{P1}\n\n{P2}\n\n{line}\n\n{P3}\n"
    assert kinds(clean_document(page), "winter menu") == ["body"]
    lenient = dataclasses.replace(DEFAULTS, teaser_max_shared=0.25)
    assert kinds(clean_document(page, settings=lenient), "winter menu") == ["navigation"]


def test_items_of_a_list_the_article_announces_stay_whatever_their_words():
    items = ["Jane Roe, Research Consultant at Harbour Analytics Group", "John Doe, Chief Engineer of Coastal Works"]
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\nThe dock was designed with the help of two outside experts:\n\n"
                         + "\n".join(items) + f"\n\n{P3}\n")
    assert all(item in doc.clean_text for item in items)


def test_run_of_bulleted_headlines_inside_the_article_is_removed():
    box = ("- Minister visits the border garrison on Friday\n- Air force opens a training range in the south\n"
           "- Parliament debates the defence budget for next year")
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\n{box}\n\n{P3}\n")
    assert "Minister visits" not in doc.clean_text and "Parliament debates" not in doc.clean_text
    assert P3 in doc.clean_text


def test_articles_own_bulleted_list_of_sentences_stays():
    items = ("- The dock can lift vessels of up to eight thousand tonnes.\n"
             "- Frigates will be serviced there from next month.")
    doc = clean_document(f"{HEAD}\n\n{P1}\n\n{P2}\n\n{items}\n\n{P3}\n")
    assert "eight thousand tonnes" in doc.clean_text and "from next month" in doc.clean_text
