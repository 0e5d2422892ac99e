"""Pages we wrote in other layouts (newswire, Disqus, cookie banners, forums, other languages)."""
from __future__ import annotations

import pytest

from sitrep.clean import clean_document
from sitrep.clean.evaluate import Score, norm_words

from .conftest import OWN_DOCS, own_gold, read_raw


def test_there_are_at_least_ten_own_documents():
    assert len(OWN_DOCS) >= 10


def test_own_documents_keep_at_least_98_percent_and_leak_at_most_2_percent():
    score = Score()
    for path in OWN_DOCS:
        doc = clean_document(read_raw(path))
        score.add(doc.clean_text, doc.title, own_gold(path))
    assert score.keep >= 0.98
    assert score.leak <= 0.02


@pytest.mark.parametrize("path", OWN_DOCS, ids=lambda p: p.stem)
def test_own_document_title_is_the_headline(path):
    doc = clean_document(read_raw(path))
    assert norm_words(doc.title) == norm_words(own_gold(path)["title"])
