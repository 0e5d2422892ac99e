"""The phrase lexicon is data a user can extend, and the corpus template finder spots site furniture."""
from __future__ import annotations

from flows.clean import clean_document, template_lines
from flows.clean.lexicon import phrases

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
