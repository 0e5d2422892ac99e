"""The checks an analyst would otherwise miss: cross-document conflicts, dates, shapes and the contract's types.

Two warehouses are validated once each: one holding only warning-level trouble (the seeds' kind: a decimal-comma
dollar amount, two spellings of one base, disagreeing handover dates and troop strengths), one broken on purpose.
Each test then asserts one behaviour against the flags and results they produced.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest

from sitrep import quality, warehouse
from tests.warehouse_builder import Doc, load

D = dt.date


@pytest.fixture(scope="module")
def warned(tmp_path_factory):
    db = tmp_path_factory.mktemp("warned") / "sitrep.duckdb"
    a = (Doc("a.txt", D(2020, 4, 10))
         .troops("USA", 5000, "Iraq", count_text="around 5,000")
         .troops("USA", 300, "Erbil", event_date=D(2020, 5, 2))
         .handover("Qayyarah Air Base", D(2020, 3, 26))
         .amount("$1,7 million", None, ambiguous=True)
         .statement("We are not withdrawing", None))
    b = (Doc("b.txt", D(2020, 4, 12))
         .troops("USA", 5200, "Iraq")
         .handover("Qayyarah Air Base", D(2020, 4, 1))
         .handover("Qayyara Air Base", None, base_text="Qayyara air base"))
    c = Doc("c.txt", D(2020, 1, 15)).troops("USA", 4900, "Syria").troops("USA", 90000, "Kuwait")
    d = Doc("d.txt", D(2020, 1, 16)).troops("USA", 4950, "Syria")
    e = Doc("e.txt", D(2020, 1, 18)).troops("USA", 6000, "Syria")
    short = Doc("short.txt", D(2020, 1, 17), filler=False).statement("Brief", "Jane Roe")
    load(db, [a, b, c, d, e, short])
    report = quality.validate_warehouse(db, "warned-1")
    return {"db": db, "report": report}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    db = tmp_path_factory.mktemp("broken") / "sitrep.duckdb"
    load(db, [Doc("old.txt", D(2020, 1, 1)).troops("USA", 100, "Iraq", event_date=D(1020, 5, 1))])
    with warehouse.connect(db) as con:
        con.execute("UPDATE removed_blocks SET text = 'not what was removed'")
        con.execute("ALTER TABLE comments ALTER COLUMN author TYPE INTEGER")
    return {"db": db, "report": quality.validate_warehouse(db, "broken-1")}


def flags(db, suite: str) -> list[dict]:
    columns, rows = warehouse.query(db, f"SELECT * FROM dq_flags WHERE suite = '{suite}' ORDER BY row_label")
    return [dict(zip(columns, row)) for row in rows]


def failed(report: quality.QualityReport, severity: str) -> set[str]:
    return {r["suite"] for r in report.results if r["severity"] == severity and not r["success"]}


def test_a_warehouse_with_only_analyst_warnings_has_no_critical_failure(warned):
    assert warned["report"].critical_failures == []


def test_the_same_base_handed_over_on_different_dates_is_flagged_in_both_documents(warned):
    rows = flags(warned["db"], "handover_conflicts")
    assert [r["row_label"] for r in rows] == ["a.txt #1", "b.txt #1"]
    assert "2020-03-26 here, but on 2020-04-01 in b.txt (6 days apart" in rows[0]["value"]
    assert rows[0]["evidence"] == "The coalition handed over Qayyarah Air Base on 2020-03-26."


def test_one_base_under_two_canonical_spellings_is_flagged(warned):
    values = {r["value"] for r in flags(warned["db"], "base_names")}
    assert any('"Qayyara Air Base"' in v and '"Qayyarah Air Base"' in v for v in values)


def test_two_sources_whose_troop_strengths_disagree_beyond_the_tolerance_are_both_flagged(warned):
    rows = [r for r in flags(warned["db"], "troop_conflicts") if "Iraq" in r["value"]]
    assert [r["row_label"] for r in rows] == ["a.txt #1", "b.txt #1"]
    assert rows[0]["value"].startswith('USA troops in Iraq: "around 5,000" here, but "5,200" in b.txt (4% apart)')


def test_only_the_odd_one_out_among_agreeing_troop_strengths_is_flagged(warned):
    rows = [r for r in flags(warned["db"], "troop_conflicts") if "Syria" in r["value"]]
    assert [r["row_label"] for r in rows] == ["e.txt #1"]


def test_a_count_many_times_the_actors_usual_size_is_flagged(warned):
    rows = flags(warned["db"], "troop_outliers")
    assert [r["row_label"] for r in rows] == ["c.txt #2"] and "90,000" in rows[0]["value"]


def test_a_fact_dated_after_its_document_is_a_warning(warned):
    rows = flags(warned["db"], "fact_dates")
    assert [(r["severity"], r["row_label"]) for r in rows] == [("warning", "a.txt #2")]
    assert "22 days after the document's date 2020-04-10" in rows[0]["value"]


def test_a_document_with_almost_no_article_left_is_flagged(warned):
    rows = flags(warned["db"], "document_shape")
    assert [(r["table_name"], r["row_label"]) for r in rows] == [("documents", "short.txt")]


def test_the_ambiguous_dollar_amount_is_flagged_with_the_amount_as_written(warned):
    rows = flags(warned["db"], "amounts")
    assert {r["column_name"]: r["value"] for r in rows} == {"is_ambiguous": "$1,7 million",
                                                            "amount_text": "$1,7 million"}
    assert all("decimal comma" in r["reason"] for r in rows)


def test_a_statement_nobody_is_named_for_shows_its_quote(warned):
    rows = flags(warned["db"], "statements")
    assert [(r["row_label"], r["value"]) for r in rows] == [("a.txt #1", "We are not withdrawing")]


def test_every_cross_document_check_is_a_recorded_result(warned):
    _, rows = warehouse.query(warned["db"], "SELECT DISTINCT suite FROM dq_results WHERE run_id = 'warned-1'")
    suites = {r[0] for r in rows}
    assert {"handover_conflicts", "base_names", "troop_conflicts", "troop_outliers", "fact_dates",
            "document_shape"} <= suites


def test_a_failed_check_records_sample_values_in_its_details(warned):
    _, rows = warehouse.query(warned["db"], "SELECT details FROM dq_results WHERE suite = 'troop_conflicts'")
    assert json.loads(rows[0][0])["sample"] == [1.0, 1.0, 1.0]


def test_row_counts_per_table_are_recorded_for_the_run(warned):
    _, rows = warehouse.query(warned["db"], "SELECT table_name, row_count FROM table_counts "
                                            "WHERE run_id = 'warned-1' ORDER BY table_name")
    counts = dict(rows)
    assert counts["documents"] == 6 and counts["troops"] == 7 and counts["bases"] == 3


def test_a_date_before_1900_fails_a_critical_check(broken):
    assert "fact_dates" in failed(broken["report"], "critical")
    rows = flags(broken["db"], "fact_dates")
    assert any(r["severity"] == "critical" and "1020-05-01 is outside" in r["value"] for r in rows)


def test_a_historical_date_is_a_warning_not_a_failure(tmp_path):
    db = tmp_path / "sitrep.duckdb"
    load(db, [Doc("history.txt", D(2020, 1, 1)).troops("USA", 500000, "Kuwait", event_date=D(1991, 2, 28))])
    report = quality.validate_warehouse(db, "history-1")
    assert "fact_dates" not in failed(report, "critical")
    assert [(r["severity"], r["value"]) for r in flags(db, "fact_dates")] == [
        ("warning", "event_date 1991-02-28 is before 2000")]


def test_a_removed_block_whose_text_is_not_its_span_fails_a_critical_check(broken):
    assert "block_spans" in failed(broken["report"], "critical")


def test_a_contract_column_of_the_wrong_type_fails_a_critical_check(broken):
    rows = flags(broken["db"], "column_types")
    assert [(r["row_label"], r["value"]) for r in rows] == [
        ("comments.author", "comments.author is INTEGER, the contract says VARCHAR")]
    assert rows[0]["severity"] == "critical"


def test_on_the_seeds_dq_flags_shows_the_decimal_comma_amount_and_the_disagreeing_troop_strengths(seed_runs):
    columns, rows = warehouse.query(seed_runs["db"], "SELECT suite, value, reason, evidence FROM dq_flags")
    found = [dict(zip(columns, r)) for r in rows]
    amounts = [f for f in found if f["suite"] == "amounts"]
    assert amounts and all(f["value"] == "$1,7 million" and "$1,7 million" in f["evidence"] for f in amounts)
    assert any(f["suite"] == "troop_conflicts" and "USA troops in Iraq" in f["value"] for f in found)
