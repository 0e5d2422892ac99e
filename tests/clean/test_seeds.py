"""The five seed articles: every gold keep snippet survives, no drop snippet does, the headline is exact."""
from __future__ import annotations

import pytest

from sitrep.clean import clean_document
from sitrep.clean.evaluate import fold, norm_words

from .conftest import SEEDS, read_raw, seed_gold


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_keeps_every_body_snippet(path):
    doc = clean_document(read_raw(path))
    text = fold(doc.clean_text)
    assert [s for s in seed_gold(path)["keep"] if fold(s) not in text] == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_leaks_no_boilerplate_snippet(path):
    doc = clean_document(read_raw(path))
    text = fold(doc.clean_text)
    assert [s for s in seed_gold(path)["drop"] if fold(s) in text] == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_title_is_the_headline(path):
    doc = clean_document(read_raw(path))
    assert norm_words(doc.title) == norm_words(seed_gold(path)["title"])


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_headline_is_not_in_clean_text(path):
    doc = clean_document(read_raw(path))
    assert fold(doc.title) not in fold(doc.clean_text)
