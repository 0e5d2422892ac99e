"""Extraction's time budget: a document that would take too long keeps what was read in time and says so."""
from __future__ import annotations

from sitrep.extract import extract_facts

ARTICLE = " ".join(
    f"About {300 + i} American troops left the base at Camp Alpha on Monday, officials said. "
    f"\u201cWe are moving our people out in stages, number {i},\u201d the spokesman said. "
    f"The move cost $1.{i} million."
    for i in range(12)
)


def test_an_unbounded_extraction_is_not_cut_short():
    facts = extract_facts(ARTICLE, None, "Troops leave", budget_seconds=None)
    assert not facts.cut_short and len(facts.troops) >= 12


def test_a_spent_budget_cuts_the_parse_short_and_says_so():
    whole = extract_facts(ARTICLE, None, "Troops leave", budget_seconds=None)
    cut = extract_facts(ARTICLE, None, "Troops leave", budget_seconds=0)
    assert cut.cut_short
    assert len(cut.troops) < len(whole.troops) and len(cut.statements) < len(whole.statements)


def test_what_needs_no_parse_is_read_whole_even_when_the_budget_is_spent():
    cut = extract_facts(ARTICLE, None, "Troops leave", budget_seconds=0)
    assert len(cut.amounts) == 12
