"""The phrase lexicon is data a user can extend, and the corpus template finder spots site furniture."""
from __future__ import annotations

import pytest

from sitrep.clean import clean_document, template_lines
from sitrep.clean.lexicon import LexiconError, phrases

BODY = ("The alliance moved a battalion to the eastern border on Monday, officials said in a statement.\n"
        "The move had been planned for months and was not linked to recent events, a spokesman added.\n")


def test_an_added_csv_row_labels_a_new_phrase(tmp_path):
    csv = tmp_path / "phrases.csv"
    csv.write_text("kind,match,phrase,max_words\nnavigation,line,more from the front,\n", encoding="utf-8")
    assert phrases(csv).lookup("More from the Front:", 4) == "navigation"


def test_widget_phrases_are_removed_with_their_kind():
    doc = clean_document("Advertisement\n" + BODY + "Back to top\nFollow us on Telegram\n")
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["Advertisement"] == "other"
    assert kinds["Back to top"] == "navigation" and kinds["Follow us on Telegram"] == "navigation"


def test_wallet_and_currency_lines_are_donations():
    doc = clean_document("10 €\n2,500 $\nETH: 0x52908400098527886E0F7030069857D2E4169EE7\n" + BODY)
    assert [b.kind for b in doc.blocks[:3]] == ["donation"] * 3


def test_lines_in_many_documents_are_template_lines():
    pages = [f"Site Menu Line\nUnique headline {k}\n{BODY}" for k in range(6)]
    tpl = template_lines(pages, min_docs=5)
    assert "site menu line" in tpl
    doc = clean_document(pages[0], tpl)
    assert next(b for b in doc.blocks if b.text == "Site Menu Line").kind == "navigation"


def _lexicon(tmp_path, rows: str):
    csv = tmp_path / "phrases.csv"
    csv.write_text("kind,match,phrase,max_words\n" + rows, encoding="utf-8")
    return phrases(csv)


def test_a_line_matching_two_contains_rules_gets_the_kind_of_the_first_row(tmp_path):
    lex = _lexicon(tmp_path, "caption,contains,photo agency,\nother,contains,agency,\n")
    assert lex.lookup("Tanks at the border, photo agency archive", 7) == "caption"


def test_a_rule_does_not_apply_to_lines_longer_than_its_max_words(tmp_path):
    lex = _lexicon(tmp_path, "other,start,sign up,4\n")
    assert lex.lookup("Sign up now", 3) == "other"
    assert lex.lookup("Sign up for the reserve was high this year, officials said", 11) is None


def test_anchored_regex_rules_that_share_a_start_each_match(tmp_path):
    lex = _lexicon(tmp_path, "other,regex,^share (this|it)$,\nnavigation,regex,^share\\b.*\\bnow$,\n")
    assert lex.lookup("Share this", 2) == "other"
    assert lex.lookup("Share the story now", 4) == "navigation"


def test_prefix_rules_match_before_edge_punctuation_is_dropped(tmp_path):
    lex = _lexicon(tmp_path, "navigation,start,read more:,25\n")
    assert lex.lookup("Read more: the next story", 5) == "navigation"
    assert lex.lookup("» Read more: the next story", 5) == "navigation"


def test_looking_a_line_up_twice_gives_the_same_kind():
    lex = phrases()
    assert lex.lookup("Back to top", 3) == lex.lookup("Back to top", 3) == "navigation"
    assert lex.lookup("The brigade moved north.", 4) is None
    assert lex.lookup("The brigade moved north.", 4) is None


def test_interface_strings_are_furniture():
    lex = phrases()
    assert lex.lookup("Log Out", 2) == "navigation"
    assert lex.lookup("Share via Email", 3) == "navigation"
    assert lex.lookup("Media playback is unsupported on your device", 7) == "other"


def test_a_row_with_an_unknown_kind_is_refused_with_its_name(tmp_path):
    with pytest.raises(LexiconError, match="kind 'navigaton'"):
        _lexicon(tmp_path, "navigaton,line,more from the front,\n")


def test_a_regex_with_an_unquoted_comma_is_refused_with_a_hint(tmp_path):
    with pytest.raises(LexiconError, match="quote a phrase that holds a comma"):
        _lexicon(tmp_path, "comments,regex,^a.{0,30}b,12\n")


def test_a_broken_regex_is_refused(tmp_path):
    with pytest.raises(LexiconError, match="bad regex"):
        _lexicon(tmp_path, "comments,regex,^(unclosed,\n")
