"""The whole flow on the seeds, through a real Prefect flow run and a real DuckDB file."""
from __future__ import annotations

import pytest

from sitrep import warehouse

pytestmark = pytest.mark.slow


def test_the_first_run_completes_and_loads_every_seed(seed_runs, seeds_dir):
    first, _ = seed_runs["states"]
    summary, _ = seed_runs["summaries"]
    assert first.is_completed()
    assert summary["documents_new"] == len(list(seeds_dir.glob("*.txt")))


def test_every_contract_table_gets_rows_from_the_seeds(seed_runs):
    rows = {t: len(r) for t, r in seed_runs["snapshots"][0].items()}
    assert all(rows[t] > 0 for t in warehouse.DOCUMENT_TABLES), rows


def test_running_twice_on_the_same_input_leaves_identical_tables(seed_runs):
    first, second = seed_runs["snapshots"]
    assert first == second


def test_the_second_run_finds_nothing_new(seed_runs, seeds_dir):
    _, summary = seed_runs["summaries"]
    assert summary["documents_new"] == 0
    assert summary["files_unchanged"] == len(list(seeds_dir.glob("*.txt")))


def test_each_run_is_recorded_in_pipeline_runs(seed_runs):
    _, rows = warehouse.query(seed_runs["db"], "SELECT status, files_seen, documents_new FROM pipeline_runs "
                                               "ORDER BY started_at")
    assert [r[0] for r in rows] == ["completed", "completed"]
    assert rows[0][2] == 5 and rows[1][2] == 0


def test_the_decimal_comma_check_fails_as_a_warning_on_the_seeds(seed_runs):
    _, rows = warehouse.query(seed_runs["db"], "SELECT severity, success FROM dq_results "
                                               "WHERE table_name = 'amounts' AND column_name = 'is_ambiguous'")
    assert ("warning", False) in rows


def test_the_ambiguous_seed_amount_is_flagged(seed_runs):
    _, rows = warehouse.query(seed_runs["db"], "SELECT value FROM dq_flags WHERE table_name = 'amounts'")
    assert "$1,7 million" in {r[0] for r in rows}


def test_evidence_is_exactly_its_span_for_every_fact_row(seed_runs):
    _, rows = warehouse.query(seed_runs["db"], "SELECT table_name, doc_id, mention_no FROM dq_fact_evidence "
                                               "WHERE NOT evidence_matches OR NOT offsets_inside")
    assert rows == []


def test_every_removed_block_and_kept_span_together_cover_the_raw_text(seed_runs):
    _, rows = warehouse.query(seed_runs["db"], "SELECT doc_id, start_offset, end_offset, text FROM removed_blocks")
    _, docs = warehouse.query(seed_runs["db"], "SELECT doc_id, raw_text FROM documents")
    raw = dict(docs)
    assert all(raw[d][s:e] == text for d, s, e, text in rows)


def test_a_run_that_loads_nothing_lets_the_last_checks_stand_instead_of_revalidating(seed_runs):
    first, second = seed_runs["summaries"]
    assert first["validation"] == "ran" and first["run_id"] in second["validation"]
    _, rows = warehouse.query(seed_runs["db"], "SELECT DISTINCT run_id FROM dq_results")
    assert rows == [(first["run_id"],)]
    stand = warehouse.read_frame(seed_runs["db"], "SELECT results_from FROM pipeline_runs WHERE run_id = ?",
                                 [second["run_id"]])
    assert stand.rows() == [(first["run_id"],)]


def test_a_run_that_loads_nothing_adds_only_its_run_row(seed_runs):
    grew = warehouse.read_frame(seed_runs["db"], "SELECT (SELECT count(*) FROM dq_flag_rows WHERE run_id = $r), "
                                "(SELECT count(*) FROM table_counts WHERE run_id = $r), "
                                "(SELECT count(*) FROM rejected_files WHERE run_id = $r)",
                                {"r": seed_runs["summaries"][1]["run_id"]})
    assert grew.rows() == [(0, 0, 0)]


def test_run_history_gives_a_run_that_loaded_nothing_the_checks_that_stand_for_it(seed_runs):
    first, second = seed_runs["summaries"]
    _, rows = warehouse.query(seed_runs["db"], "SELECT run_id, checks_passed, warnings_failed FROM run_history")
    by_run = {r[0]: r[1:] for r in rows}
    assert by_run[second["run_id"]] == by_run[first["run_id"]] and by_run[first["run_id"]][0] > 0


def test_the_summary_gives_new_rows_and_the_warehouse_totals(seed_runs):
    from sitrep.summary import format_summary

    second = seed_runs["summaries"][1]
    text = format_summary(second)
    assert "new rows   documents 0" in text
    assert f"totals     documents {second['totals']['documents']}" in text and second["totals"]["documents"] == 5
