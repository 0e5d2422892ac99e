"""Furniture run into a body line (a caption, a wire's end mark) leaves it sentence by sentence; the rest of the line
stays one paragraph, and every removed sentence keeps its exact offsets. Texts written for these tests."""
from __future__ import annotations

import dataclasses

from sitrep.clean import DEFAULTS, clean_document
from sitrep.clean.sentences import spans

HEAD = "Army moves its logistics hub to the river port"
S1 = "The army moved its logistics hub to the river port on Monday, the defence ministry said."
S2 = "The move brings supply depots closer to the units stationed along the eastern border."
CAPTION = "FILE – Trucks queue at the gate of the old depot, May 3, 2017."
S3 = "Officials said the old depot would be handed over to the city by the end of the year."
P2 = ("The ministry said the port had been chosen for its rail links, and that two hundred soldiers would work at "
      "the new hub once it opens.")


def test_caption_run_into_a_paragraph_is_removed_and_the_paragraph_stays():
    raw = f"{HEAD}\n\n{S1} {S2} {CAPTION} {S3}\n\n{P2}\n"
    doc = clean_document(raw)
    assert "Trucks queue" not in doc.clean_text
    assert f"{S1} {S2} {S3}" in doc.clean_text
    caption = next(b for b in doc.blocks if b.text.startswith("FILE"))
    assert caption.kind == "caption"
    assert raw[caption.start:caption.end] == CAPTION


def test_wire_end_mark_run_into_the_last_paragraph_is_removed():
    doc = clean_document(f"{HEAD}\n\n{S1}\n\n{P2} {S3} Enditem\n")
    assert "Enditem" not in doc.clean_text
    assert S3 in doc.clean_text


def test_sentences_glued_without_a_space_are_split():
    assert [("Troops left in 2014.", 0), ("The base closed.", 20)] == [
        (t[a:b], a) for t in ["Troops left in 2014.The base closed."] for a, b in spans(t)]


def test_abbreviations_do_not_split_a_sentence():
    text = "U.S. troops left the base, officials said."
    assert spans(text) == [(0, len(text))]


def test_body_lines_up_to_sentence_split_words_are_judged_whole():
    page = f"{HEAD}\n\n{P2}\n\n{S1} Enditem\n\n{S3} {S2}\n"  # the middle line: 17 words
    assert f"{S1} Enditem" in clean_document(page).clean_text
    eager = dataclasses.replace(DEFAULTS, sentence_split_words=10)
    assert "Enditem" not in clean_document(page, settings=eager).clean_text


def test_caption_printed_twice_once_with_a_bracketed_name_goes_both_times():
    caption = "A map of the river port shows the new depots and the rail sidings beside the quay."
    doc = clean_document(f"{HEAD}\n\n{caption}\n\n{caption} (Army Engineers)\n\n{S1} {S2}\n\n{P2}\n")
    assert "A map of the river port" not in doc.clean_text
