"""Comment threads are cut from the body and split into comments; a body's own list is not a thread."""
from __future__ import annotations

from sitrep.clean import clean_document
from sitrep.clean.evaluate import fold

# An article body the thread tests put under a headline, a counter or a menu.
ARTICLE = ("The last soldiers of the contingent returned home on Friday after nine months abroad, the army said.\n" * 3
           + "Officials said the unit would rest for a month before resuming training at its home base.\n")


def test_body_bullet_list_of_seed_003_is_kept(seed_003):
    doc = clean_document(seed_003)
    text = fold(doc.clean_text)
    assert "handed over the Camp Taji to Iraqi forces" in text
    assert "handed over the Taqaddum Airbase to Iraqi forces" in text


def test_comment_after_thread_marker_of_seed_003_is_removed(seed_003):
    doc = clean_document(seed_003)
    assert "contractors don" not in doc.clean_text
    assert [c.author for c in doc.comments] == ["John Wallace"]


def test_bullet_comments_with_indented_replies_are_removed(seed_001):
    doc = clean_document(seed_001)
    assert "Damien C" not in doc.clean_text and "GPS locators" not in doc.clean_text
    assert doc.comments[0].author == "Damien C"
    assert "attacking ISIS" in doc.comments[0].text


def test_comment_blocks_have_kind_comments(seed_001):
    doc = clean_document(seed_001)
    damien = next(b for b in doc.blocks if "Damien C" in b.text)
    assert damien.kind == "comments"


def test_comments_are_numbered_from_one(seed_001):
    doc = clean_document(seed_001)
    assert [c.comment_no for c in doc.comments] == list(range(1, len(doc.comments) + 1))


def test_weak_marker_under_the_headline_does_not_cut_the_article():
    raw = "Troops return home\n4 Comments\n" + ARTICLE
    doc = clean_document(raw)
    assert "resuming training" in doc.clean_text
    assert doc.comments == []


def test_leave_a_reply_form_cuts_the_rest():
    raw = ("The navy commissioned a new patrol ship at the southern port on Tuesday, the admiral said.\n"
           "The ship will patrol the fishing grounds and support rescue missions in the winter months.\n"
           "Leave a Reply\nYour email address will not be published.\nComment *\nName *\n")
    doc = clean_document(raw)
    assert "email address" not in doc.clean_text and "rescue missions" in doc.clean_text


def test_comment_counter_followed_by_share_labels_does_not_cut_the_article():
    raw = "Troops return home\nBy Jane Doe\n12 Comments\nShares\n(Image: archive)\n" + ARTICLE
    doc = clean_document(raw)
    assert "resuming training" in doc.clean_text
    assert doc.comments == []


def test_comment_counter_followed_by_an_author_and_a_sentence_cuts_the_thread():
    raw = ("The navy commissioned a new patrol ship at the southern port on Tuesday, the admiral said.\n"
           "The ship will patrol the fishing grounds and support rescue missions in the winter months.\n"
           "2 Comments\nJane Doe\nI saw the ship leave the port this morning, it looked very impressive.\n")
    doc = clean_document(raw)
    assert "looked very impressive" not in doc.clean_text
    assert [c.author for c in doc.comments] == ["Jane Doe"]


def test_leave_a_comment_link_above_the_headline_does_not_cut_the_article():
    raw = ("Posted in Defence\nLeave a comment\nTroops return home\nDeparture: 25 minutes (+ 15 minutes waiting)\n"
           + ARTICLE)
    doc = clean_document(raw)
    assert "resuming training" in doc.clean_text
    assert doc.comments == []


def test_menu_of_comment_links_does_not_cut_the_article():
    raw = "Quick Navigation\nArticle\nComments\nAdd comment\nSearch\nTroops return home\n" + ARTICLE
    assert "resuming training" in clean_document(raw).clean_text


def test_german_comment_form_cuts_the_rest():
    raw = ("Die Marine hat am Dienstag im südlichen Hafen ein neues Patrouillenboot in Dienst gestellt, sagte der Admiral.\n"
           "Das Schiff soll die Fischgründe überwachen und in den Wintermonaten bei Rettungseinsätzen helfen.\n"
           "Schreibe einen Kommentar\nDeine E-Mail-Adresse wird nicht veröffentlicht.\nKommentar *\nName *\n")
    doc = clean_document(raw)
    assert "E-Mail-Adresse" not in doc.clean_text and "Rettungseinsätzen" in doc.clean_text


def test_comments_with_handle_and_timestamp_headers_are_cut():
    thread = ("Comments (64)\nSergey_V · 16.03.2025 14:31\nAnother planned regrouping, we have heard this one before.\n"
              "Reply | +57 | -12\nAlex.K · 16.03.2025 14:48\nThe guys did their job and deserve a rest now.\n"
              "Reply | +88 | -3\n")
    doc = clean_document("Troops return home\n" + ARTICLE + thread)
    assert "planned regrouping" not in doc.clean_text and "resuming training" in doc.clean_text


REPORT = [
    "The army moved two artillery batteries to the eastern border on Monday, the defence ministry said in a statement.",
    "The batteries will stay in the region until the spring exercises end, according to the ministry's spokesman.",
    "Officials said the deployment had been planned for months and was not linked to recent events in the region.",
]
REPLIES = [
    "We should have done this years ago, and I think two batteries is not nearly enough for that border.",
    "I served out there and our unit never had the trucks to move guns that far in winter.",
    "My guess is we will see a whole brigade out there before the summer is over.",
]


def test_first_person_replies_under_a_reposted_report_are_comments():
    doc = clean_document("Batteries move east\n\n" + "\n\n".join(REPORT + REPLIES) + "\n")
    assert all(r in doc.clean_text for r in REPORT)
    assert not any(r[:30] in doc.clean_text for r in REPLIES)
    assert [c.text for c in doc.comments] and all(any(r in c.text for c in doc.comments) for r in REPLIES)


def test_an_opinion_piece_in_the_first_person_is_not_cut():
    column = [
        "I have covered this border for ten years, and I have never seen the army move guns this fast in winter.",
        "We were told the batteries would stay in their barracks, and my sources in the ministry said so too.",
        "Our readers deserve to know why the plan changed, and I intend to find out what the generals decided.",
    ]
    doc = clean_document("Batteries move east\n\n" + "\n\n".join(column + REPLIES) + "\n")
    assert all(line in doc.clean_text for line in column + REPLIES)


def test_we_inside_a_quotation_is_the_report_not_a_reply():
    quoted = [f'"We will hold the line here for as long as it takes," the commander said of the {x} battery.'
              for x in ("first", "second", "third")]
    doc = clean_document("Batteries move east\n\n" + "\n\n".join(REPORT + quoted) + "\n")
    assert all(q in doc.clean_text for q in quoted)


def test_comment_link_under_the_headline_does_not_cut_the_article():
    raw = ("Batteries move east\n\nLeave a Reply\n\nYour email address will not be published.\n\n"
           + "\n\n".join(REPORT) + "\n")
    doc = clean_document(raw)
    assert all(r in doc.clean_text for r in REPORT)
