"""Which stretch of the page is the article: lists, code and leads inside it stay; bios and furniture after it go."""
from __future__ import annotations

from sitrep.clean import clean_document

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


def test_json_example_between_paragraphs_is_kept():
    json_block = "\n".join([
        "{", '"Name": "Example Record",', '"Age": 41,', '"Location": {',
        '"Value": "near the northern gate of the base",', '"Confidence": "92%"', "},", '"Tags": ["a", "b"]', "}",
    ])
    raw = f"Headline of the day\n\n{_long_text(2)}\n\n{json_block}\n\n{_long_text(2)}\n"
    assert '"Value": "near the northern gate of the base",' in clean_document(raw).clean_text


def test_directory_tree_between_paragraphs_is_kept():
    tree = "\n".join(["project/", "|-- bin/", "| |-- <command line tools>", "|-- lib/", "| |-- site-packages/",
                      "|-- include/", "|-- <config files>"])
    raw = f"Headline of the day\n\n{_long_text(2)}\n\n{tree}\n\n{_long_text(2)}\n"
    assert "|-- <config files>" in clean_document(raw).clean_text


def test_output_lines_inside_a_code_listing_do_not_split_the_article():
    session = "\n".join([">>> total = compute(29)", "100", ">>> total * 100", "10000", ">>> print(total)", "..."])
    raw = f"Headline of the day\n\n{_long_text(2)}\n\n{session}\n\n{_long_text(1)}\n"
    doc = clean_document(raw)
    assert ">>> total * 100" in doc.clean_text
    assert doc.clean_text.endswith(P4)


def test_list_announced_by_a_closing_colon_is_kept():
    items = "\n".join(["Two companies stay at the base", "One company returns to barracks",
                       "The vehicles move by road"])
    raw = f"Headline of the day\n\n{_long_text(2)}\n\nThe plan, in short, comes down to these points:\n\n{items}\n\nShare\nFacebook\n"
    doc = clean_document(raw)
    assert "The vehicles move by road" in doc.clean_text
    assert "Facebook" not in doc.clean_text


def test_list_after_a_colon_stops_at_a_title_case_menu():
    menu = "\n".join(["Home Page Link", "World News Desk", "Defence And Security"])
    raw = f"Headline of the day\n\n{_long_text(2)}\n\nThe plan, in short, comes down to these points:\n\nTwo companies stay\n\n{menu}\n"
    doc = clean_document(raw)
    assert "Two companies stay" in doc.clean_text
    assert "World News Desk" not in doc.clean_text


def test_standfirst_under_headline_and_byline_is_kept_when_a_share_bar_parts_it_from_the_body():
    dek = ("The brigade's second move this year follows a long review of the northern defences, and the "
           "ministry says more units will follow before the winter.")
    share_bar = "\n".join(["Facebook", "Twitter", "LinkedIn", "WhatsApp", "Telegram", "Email"] * 2)
    raw = f"Troops move north\n\nBy Jane Doe\n\n{dek}\n\n{share_bar}\n\n{_long_text(5)}\n"
    doc = clean_document(raw)
    assert doc.title == "Troops move north"
    assert dek in doc.clean_text
    assert "Jane Doe" not in doc.clean_text and "Telegram" not in doc.clean_text


def test_copyright_line_closes_the_article():
    footer_blurb = ("This page and everything on it is subject to copyright and may not be reproduced without "
                    "the written permission of the publisher.")
    raw = f"Headline of the day\n\n{_long_text(3)}\n\n© 2020 Example News Network\n\n{footer_blurb}\n"
    doc = clean_document(raw)
    assert doc.clean_text.endswith(P4)
    assert "subject to copyright" not in doc.clean_text


def test_subheading_over_a_near_good_line_inside_the_article_is_kept():
    subheading = "What the ministry said"
    near = "Officials described the deployment as routine and planned well in advance of the exercise season"
    raw = f"Headline of the day\n\n{_long_text(2)}\n\n{subheading}\n\n{near}\n\n{_long_text(2)}\n"
    doc = clean_document(raw)
    assert subheading in doc.clean_text and near in doc.clean_text


def test_page_without_any_good_line_keeps_its_near_good_prose():
    unpunctuated = [p.rstrip(".") for p in (P1, P2, P3, P4)]  # a transcript without final stops: near-good only
    raw = "Headline of the day\n\n" + "\n\n".join(unpunctuated) + "\n\nShare\nFacebook\n"
    doc = clean_document(raw)
    assert "no good line: near-good lines promoted" in doc.notes
    assert all(p in doc.clean_text for p in unpunctuated)
    assert "Facebook" not in doc.clean_text


def test_dek_without_a_final_stop_right_under_the_headline_is_kept():
    # German capitalises its nouns: a dek there has the capitals of a label and no final stop.
    dek = "Zwei Kompanien der Brigade verlegen nach monatelanger Planung an den nördlichen Stützpunkt der Armee"
    paragraphs = [
        "Die Brigade hat am Dienstag zwei Kompanien an den nördlichen Stützpunkt verlegt, wie das Ministerium mitteilte.",
        "Die Verlegung war seit Monaten geplant und hat nach Angaben eines Sprechers nichts mit den Ereignissen zu tun.",
        "Die Kompanien sollen bis zum Ende des Jahres an dem Stützpunkt bleiben und dann in ihre Kasernen zurückkehren.",
        "Wie viele Fahrzeuge verlegt wurden, sagte das Ministerium nicht, doch Anwohner berichteten von langen Kolonnen.",
    ] * 4
    share_bar = "\n".join(["Facebook", "Twitter", "LinkedIn", "WhatsApp", "Telegram", "E-Mail"] * 2)
    raw = f"Truppen verlegen nach Norden\n\n{dek}\n\n{share_bar}\n\n" + "\n\n".join(paragraphs) + "\n"
    doc = clean_document(raw)
    assert doc.title == "Truppen verlegen nach Norden"
    assert dek in doc.clean_text and "Telegram" not in doc.clean_text


def test_row_of_tags_under_the_article_is_navigation():
    tags = "Defence / Northern Command / Logistics / Army"
    doc = clean_document(f"Headline of the day\n\n{_long_text(1)}\n\n{tags}\n\n{_long_text(1)}\n")
    assert tags not in doc.clean_text
    assert next(b for b in doc.blocks if b.text == tags).kind == "navigation"


def test_pitch_under_a_newsletter_call_goes_with_the_call():
    pitch = "The latest news and analysis from our correspondents in the region, in your inbox every morning."
    raw = (f"Headline of the day\n\n{_long_text(2)}\n\nSign up for our Defence Daily newsletter\n\n{pitch}\n\n"
           f"Subscribe\n\n{_long_text(1)}\n")
    doc = clean_document(raw)
    assert pitch not in doc.clean_text
    assert next(b for b in doc.blocks if b.text == pitch).kind == "other"


def test_line_under_a_one_word_newsletter_menu_item_is_not_a_pitch():
    raw = f"Home\nNewsletter\nTroops move north to the border\n\n{_long_text(2)}\n"
    assert clean_document(raw).title == "Troops move north to the border"


def test_list_of_other_stories_after_the_article_is_removed():
    teasers = ("You might also like\nNavy to base two more frigates in the north\n"
               "The move had been expected since the spring review of the fleet.\n"
               "Air force opens a new training range near the coast\nResidents were told of the plans last week.\n")
    doc = clean_document(f"Headline of the day\n\n{_long_text(2)}\n\n{teasers}")
    assert doc.clean_text.endswith(P4)
    assert "frigates" not in doc.clean_text


def test_box_of_links_inside_the_article_does_not_end_it():
    box = "Related\nNavy to base two more frigates in the north\nAir force opens a new training range\n"
    long_para = ("After the announcement, local officials met the commander of the brigade to discuss the roads, "
                 "the housing of the soldiers' families and the noise of the night exercises near the villages.")
    doc = clean_document(f"Headline of the day\n\n{_long_text(2)}\n\n{box}\n{long_para}\n")
    assert long_para in doc.clean_text
    assert "frigates" not in doc.clean_text


def test_end_mark_closes_the_article():
    footer = "This article appears in the spring issue of the magazine under the headline Brigade at the Border."
    doc = clean_document(f"Headline of the day\n\n{_long_text(2)}\n\n■\n\n{footer}\n")
    assert doc.clean_text.endswith(P4)


def test_notes_and_author_box_after_the_article_are_removed():
    notes = "Notes\n1. Ministry of Defence, press release, 3 March 2024.\n2. Interview with an officer, Paris, May 2024."
    box = ("About the author\nJane Doe\nJane Doe studies the deployment of land forces in northern Europe and "
           "has written widely on logistics for several journals.")
    doc = clean_document(f"Headline of the day\n\n{_long_text(2)}\n\n{notes}\n\n{box}\n")
    assert doc.clean_text.endswith(P4)


def test_about_me_box_before_the_post_is_not_the_article():
    box = ("About Me\nHalvard K.\nFormer logistics officer, now a civilian analyst who reads procurement documents "
           "for fun and writes about them here.\nView my complete profile")
    doc = clean_document(f"{box}\n\nTroops move north\n\n{_long_text(2)}\n")
    assert "procurement documents" not in doc.clean_text
    assert doc.title == "Troops move north"


def test_cookie_consent_and_paywall_text_is_removed():
    consent = ("We care about your privacy\nWe and our 184 partners store and/or access information on a device, "
               "such as cookies, and process personal data for personalised ads and content measurement.\n"
               "Accept all\nReject all\nManage options")
    paywall = ("Subscribe to continue reading\nYou've read 3 of 3 free articles this month. Get unlimited access "
               "to the paper and forty other titles.")
    doc = clean_document(f"{consent}\n\nTroops move north\n\n{_long_text(1)}\n\n{paywall}\n\n{_long_text(1)}\n")
    assert "partners" not in doc.clean_text and "free articles" not in doc.clean_text
    assert doc.title == "Troops move north"


def test_long_author_box_and_disclaimer_are_removed():
    disclaimer = "The views expressed in this column are those of the author and not of the paper."
    bio = ("Jane Doe is a retired colonel who served for many years in the army, including two tours abroad, "
           "and later taught strategy at the staff college, where she wrote widely on logistics, readiness, "
           "reserve forces, the housing of soldiers' families and the long history of forward deployments, "
           "before joining an institute for security studies as a senior associate fellow.")
    raw = f"Headline of the day\n\n{disclaimer}\n\n{_long_text(2)}\n\nAbout the author\n{bio}\n"
    doc = clean_document(raw)
    assert disclaimer not in doc.clean_text and "retired colonel" not in doc.clean_text
    assert doc.clean_text.endswith(P4)
