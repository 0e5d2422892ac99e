"""Every row of every table points at the exact sentence it was read from."""
from sitrep.extract import extract_facts

TABLES = ("troops", "bases", "statements", "amounts")


def test_evidence_equals_the_clean_text_slice_for_every_row_of_every_article(article_facts):
    checked = 0
    for name, text, facts in article_facts:
        for table in TABLES:
            for row in getattr(facts, table):
                assert row["evidence"] == text[row["start_offset"]:row["end_offset"]], (name, table, row)
                checked += 1
    assert checked > 50


def test_mention_numbers_run_from_one_per_table(article_facts):
    for _, _, facts in article_facts:
        for table in TABLES:
            assert [r["mention_no"] for r in getattr(facts, table)] == list(range(1, len(getattr(facts, table)) + 1))


def test_empty_text_gives_no_rows():
    facts = extract_facts("")
    assert facts.troops == facts.bases == facts.statements == facts.amounts == []


def test_multi_sentence_quote_and_attribution_are_one_evidence_span():
    text = 'Intro line here.\n\n"We left at dawn. Everyone is safe," Col. Ana Ruiz said. Later news followed.'
    row = extract_facts(text).statements[0]
    assert row["evidence"] == '"We left at dawn. Everyone is safe," Col. Ana Ruiz said.'
