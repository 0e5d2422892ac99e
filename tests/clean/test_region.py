"""Which stretch of the page is the article: lists, code and leads inside it stay; bios and furniture after it go."""
from __future__ import annotations

from flows.clean import clean_document

P1 = "The brigade moved two companies to the northern base on Tuesday, officials said in a statement to the press."
P2 = "The move had been planned for months and was not linked to recent events in the region, a spokesman added."
P3 = "Officials said the companies would stay at the base until the end of the year and then return to their barracks."
P4 = "The ministry did not say how many vehicles were moved, but residents reported long convoys on the main road."


def _long_text(k: int) -> str:
    return "\n\n".join([P1, P2, P3, P4] * k)


def test_code_listing_between_paragraphs_is_kept():
    code = "\n".join([
        "import socket", "client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
        "request = build_request(method='GET', path='/index.html', headers=default_headers, timeout=30)",
        "client.connect((target_host, target_port))", "response = client.recv(4096)",
        "print(len(response))", "# close the connection", "client.close()",
    ])
    raw = f"Headline of the day\n\n{_long_text(2)}\n\nHere is the code that sends the request:\n\n{code}\n\n{P1}\n\n{P2}\n"
    doc = clean_document(raw)
    assert "client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)" in doc.clean_text
    assert "response = client.recv(4096)" in doc.clean_text


def test_short_plain_list_items_do_not_split_the_article():
    items = "\n".join(f"item number {k} of the plain list" for k in range(12))
    tail = "The last part of the article explains how the list was compiled from the ministry's own figures."
    doc = clean_document(f"Headline of the day\n\n{_long_text(3)}\n\n{items}\n\n{tail}\n")
    assert tail in doc.clean_text


def test_text_after_a_furniture_line_is_not_joined_to_the_article():
    teaser = "A different story about a different subject that the site recommends to readers of this page."
    menu = "\n".join(["Related posts", "Share", "Main Menu Label", "Another Menu Label", "Third Menu Label",
                      "Fourth Menu Label", "Fifth Menu Label"])
    doc = clean_document(f"Headline of the day\n\n{_long_text(3)}\n\n{menu}\n\n{teaser}\n")
    assert teaser not in doc.clean_text


def test_author_bio_closing_the_article_is_removed():
    bio = "Jane Doe is a senior correspondent covering defence and security for the paper since 2015."
    doc = clean_document(f"Headline of the day\n\n{_long_text(2)}\n\n{bio}\n\nFacebook\nTwitter\n")
    assert "senior correspondent" not in doc.clean_text
    assert P4 in doc.clean_text


def test_lead_sentence_between_headline_and_body_is_kept():
    lead = "The second deployment this year follows a long review of the northern defences by the general staff"
    doc = clean_document(f"Troops move north\n\nShare\n\n{lead}\n\n{_long_text(2)}\n")
    assert doc.title == "Troops move north"
    assert lead in doc.clean_text


def test_line_ending_in_an_invisible_separator_still_ends_a_sentence():
    raw = f"Headline of the day\n\n{P1}\u2063\n\n{P2}\u2063\n\n{P3}\n"
    assert P1 in clean_document(raw).clean_text


def test_short_links_under_a_related_label_inside_the_article_are_removed():
    links = "Related\nAnother story about the northern base\nA second story about the brigade"
    doc = clean_document(f"Headline of the day\n\n{_long_text(1)}\n\n{links}\n\n{_long_text(1)}\n")
    assert "Another story about the northern base" not in doc.clean_text
    assert P4 in doc.clean_text


def test_read_more_link_inside_the_article_does_not_remove_the_next_subheading():
    raw = f"Headline of the day\n\n{_long_text(1)}\n\nRead more: a story about something else entirely\n\nA subheading\n\n{_long_text(1)}\n"
    assert "A subheading" in clean_document(raw).clean_text


def test_standfirst_under_the_headline_is_kept_despite_a_share_bar_before_the_body():
    dek = "The second deployment this year follows a long review of the northern defences by the general staff."
    share_bar = "\n".join(["Facebook", "Twitter", "LinkedIn", "WhatsApp", "Telegram", "Email", "Print", "Share"] * 2)
    raw = f"Troops move north\n\n{dek}\n\nBy Jane Doe\n\n{share_bar}\n\n{_long_text(4)}\n"
    doc = clean_document(raw)
    assert doc.title == "Troops move north"
    assert dek in doc.clean_text and "Jane Doe" not in doc.clean_text
