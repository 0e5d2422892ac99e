"""Data quality: suites are readable files, results persist, flags name the offending rows."""
from __future__ import annotations

import datetime as dt
import json

from sitrep import quality, warehouse

DOC = "c" * 16
TEXT = "The base hosted $1,7 million of equipment. Troops left."


def _load(db, amount_text="$1,7 million", evidence=None, actor="USA"):
    warehouse.ensure_schema(db)
    sentence = TEXT.split(". ")[0] + "."
    rows = {
        "documents": [{"doc_id": DOC, "source_file": "c.txt", "title": "T", "raw_text": TEXT, "clean_text": TEXT,
                       "ingested_at": dt.datetime(2020, 1, 1), "encoding": "utf-8", "byte_size": len(TEXT)}],
        "amounts": [{"doc_id": DOC, "mention_no": 1, "amount_text": amount_text, "currency": "USD", "value": None,
                     "is_ambiguous": "," in amount_text, "evidence": evidence or sentence, "start_offset": 0,
                     "end_offset": len(sentence)}],
        "troops": [{"doc_id": DOC, "mention_no": 1, "actor": actor, "count_kind": "none", "action": "withdraw",
                    "evidence": "Troops left.", "start_offset": len(sentence) + 1, "end_offset": len(TEXT)}],
    }
    warehouse.load_batch(db, rows, [])


def test_every_suite_file_names_a_table_and_gives_each_check_a_severity_and_a_reason():
    suites = quality.load_suites()
    assert {s.table for s in suites} >= {"documents", "troops", "bases", "statements", "amounts"}
    assert all(e["severity"] in ("critical", "warning") and e["why"] for s in suites for e in s.expectations)


def test_every_result_is_written_to_dq_results(warehouse_path):
    _load(warehouse_path)
    report = quality.validate_warehouse(warehouse_path, "run-1")
    _, rows = warehouse.query(warehouse_path, "SELECT count(*) FROM dq_results WHERE run_id = 'run-1'")
    assert rows == [(len(report.results),)] and len(report.results) > 20


def test_a_decimal_comma_dollar_amount_is_a_warning_not_a_failure(warehouse_path):
    _load(warehouse_path)
    report = quality.validate_warehouse(warehouse_path, "run-1")
    assert report.critical_failures == []
    assert any(r["table_name"] == "amounts" and r["column_name"] == "is_ambiguous" for r in report.warnings)


def test_the_ambiguous_amount_appears_in_dq_flags_with_a_reason_and_its_evidence(warehouse_path):
    _load(warehouse_path)
    quality.validate_warehouse(warehouse_path, "run-1")
    _, rows = warehouse.query(warehouse_path, "SELECT value, reason, evidence FROM dq_flags "
                                              "WHERE table_name = 'amounts' AND column_name = 'amount_text'")
    assert rows and rows[0][0] == "$1,7 million"
    assert "decimal comma" in rows[0][1] and "$1,7 million" in rows[0][2]


def test_evidence_that_is_not_its_span_fails_a_critical_check(warehouse_path):
    _load(warehouse_path, evidence="Something the text never said.")
    report = quality.validate_warehouse(warehouse_path, "run-1")
    failed = {(r["suite"], r["column_name"]) for r in report.critical_failures}
    assert ("fact_evidence", "evidence_matches") in failed


def test_an_unknown_actor_code_fails_a_critical_check(warehouse_path):
    _load(warehouse_path, actor="americans")
    report = quality.validate_warehouse(warehouse_path, "run-1")
    assert any(r["suite"] == "troops" and r["column_name"] == "actor" for r in report.critical_failures)


def test_details_carry_the_offending_sample_values(warehouse_path):
    _load(warehouse_path)
    quality.validate_warehouse(warehouse_path, "run-1")
    _, rows = warehouse.query(warehouse_path, "SELECT details FROM dq_results WHERE success = false "
                                              "AND column_name = 'amount_text'")
    assert json.loads(rows[0][0])["sample"] == ["$1,7 million"]


def test_validation_writes_no_data_docs_that_would_be_blank_offline(warehouse_path):
    _load(warehouse_path)
    quality.validate_warehouse(warehouse_path, "run-1")
    assert not (warehouse_path.parent / "gx").exists()


def _validated_seeds(tmp_path, seeds_dir):
    from tests.conftest import load_folder

    db = tmp_path / "wh.duckdb"
    load_folder(seeds_dir, db)
    warehouse.start_run(db, "r1", str(seeds_dir))
    quality.validate_warehouse(db, "r1")
    return db


def test_an_unchanged_warehouse_carries_the_last_results_over(tmp_path, seeds_dir):
    db = _validated_seeds(tmp_path, seeds_dir)
    warehouse.start_run(db, "r2", str(seeds_dir))
    report = quality.carry_over(db, "r2")
    assert report is not None and report.carried_over_from == "r1"


def test_rows_loaded_since_the_last_validation_force_a_new_one(tmp_path, seeds_dir):
    """What a run killed between loading and validating leaves: the next run loads nothing, yet must validate."""
    from tests.conftest import load_folder, varied_seeds

    db = _validated_seeds(tmp_path, seeds_dir)
    more = tmp_path / "more"
    more.mkdir()
    varied_seeds(more, 2)
    load_folder(more, db)
    warehouse.start_run(db, "r2", str(more))
    assert quality.carry_over(db, "r2") is None


def test_the_same_counts_with_other_documents_force_a_new_validation(tmp_path, seeds_dir):
    db = _validated_seeds(tmp_path, seeds_dir)
    with warehouse.connect(db) as con:
        con.execute("UPDATE documents SET doc_id = 'ffffffffffffffff' WHERE doc_id = (SELECT min(doc_id) FROM documents)")
    warehouse.start_run(db, "r2", str(seeds_dir))
    assert quality.carry_over(db, "r2") is None


def _flagged_amount_texts(db) -> set[str]:
    _, rows = warehouse.query(db, "SELECT value FROM dq_flags WHERE check_name = "
                                  "'expect_column_values_to_not_match_regex' AND table_name = 'amounts'")
    return {r[0] for r in rows}


def test_a_decimal_comma_in_a_euro_amount_is_not_flagged_but_in_a_dollar_amount_it_is(warehouse_path):
    _load(warehouse_path)
    with warehouse.connect(warehouse_path) as con:
        con.execute("INSERT INTO amounts SELECT doc_id, 2, '€1,5 million', 'EUR', 1.5e6, false, evidence, "
                    "start_offset, end_offset FROM amounts WHERE mention_no = 1")
    quality.validate_warehouse(warehouse_path, "run-1")
    assert _flagged_amount_texts(warehouse_path) == {"$1,7 million"}


def test_a_document_whose_extraction_was_cut_short_is_flagged(warehouse_path):
    from tests.warehouse_builder import Doc, load

    load(warehouse_path, [Doc("long.txt", dt.date(2020, 4, 1)).troops("USA", 500, "Iraq")])
    with warehouse.connect(warehouse_path) as con:
        con.execute("UPDATE documents SET extraction_cut_short = true")
    quality.validate_warehouse(warehouse_path, "run-1")
    _, rows = warehouse.query(warehouse_path, "SELECT severity, value FROM dq_flags "
                                              "WHERE column_name = 'extraction_cut_short'")
    assert rows == [("warning", "long.txt")]


def _incremental_setup(db):
    """Run 1 validates document a (an ambiguous amount, a statement nobody said); then b and c arrive, c with an
    ambiguous amount of its own."""
    from tests.warehouse_builder import Doc, load

    load(db, [Doc("a.txt", dt.date(2020, 4, 1)).amount("$1,7 million", None, ambiguous=True)
              .statement("We stay for now", None)])
    quality.validate_warehouse(db, "run-1")
    load(db, [Doc("b.txt", dt.date(2020, 4, 2)).troops("USA", 500, "Iraq"),
              Doc("c.txt", dt.date(2020, 4, 3)).amount("$2,5 million", None, ambiguous=True)])
    return quality.last_validation(db)[1]


def _outcomes(db, run_id) -> dict:
    rows = warehouse.read_frame(db, "SELECT suite, expectation, column_name, success, unexpected_count "
                                    "FROM dq_results WHERE run_id = ?", [run_id]).rows()
    return {(s, e, c): (ok, n) for s, e, c, ok, n in rows}


def test_an_incremental_validation_reads_only_the_new_documents_rows_for_per_document_suites(warehouse_path,
                                                                                               monkeypatch):
    since = _incremental_setup(warehouse_path)
    seen = {}
    real = quality._run_suite

    def spy(context, suite, data):
        seen[suite.name] = len(data)
        return real(context, suite, data)

    monkeypatch.setattr(quality, "_run_suite", spy)
    report = quality.validate_warehouse(warehouse_path, "run-2", since=since)
    assert seen["documents"] == 2 and seen["amounts"] == 1 and report.documents_checked == 2


def test_after_an_incremental_validation_every_check_comes_out_as_a_full_one_would(warehouse_path):
    since = _incremental_setup(warehouse_path)
    quality.validate_warehouse(warehouse_path, "run-2", since=since)
    quality.validate_warehouse(warehouse_path, "run-3")
    assert _outcomes(warehouse_path, "run-2") == _outcomes(warehouse_path, "run-3")


def test_the_flags_of_unchanged_documents_stand_in_dq_flags_after_an_incremental_validation(warehouse_path):
    since = _incremental_setup(warehouse_path)
    quality.validate_warehouse(warehouse_path, "run-2", since=since)
    assert _flagged_amount_texts(warehouse_path) == {"$1,7 million", "$2,5 million"}


def test_the_flags_of_a_document_gone_since_do_not_stand(warehouse_path):
    since = _incremental_setup(warehouse_path)
    with warehouse.connect(warehouse_path) as con:
        doc = con.execute("SELECT doc_id FROM documents WHERE source_file = 'a.txt'").fetchone()[0]
        for table in warehouse.DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc])
    quality.validate_warehouse(warehouse_path, "run-2", since=since)
    assert _flagged_amount_texts(warehouse_path) == {"$2,5 million"}


def test_checking_documents_one_chunk_at_a_time_gives_the_same_results(warehouse_path, monkeypatch):
    _incremental_setup(warehouse_path)
    quality.validate_warehouse(warehouse_path, "whole")
    monkeypatch.setattr(quality, "CHUNK_DOCUMENTS", 1)
    quality.validate_warehouse(warehouse_path, "chunked")
    assert _outcomes(warehouse_path, "chunked") == _outcomes(warehouse_path, "whole")
    flags = warehouse.read_frame(warehouse_path, "SELECT run_id, count(*) FROM dq_flag_rows "
                                                 "WHERE run_id IN ('whole', 'chunked') GROUP BY run_id").rows()
    assert len(flags) == 2 and len({n for _, n in flags}) == 1


def test_an_empty_warehouse_validates(warehouse_path):
    warehouse.ensure_schema(warehouse_path)
    report = quality.validate_warehouse(warehouse_path, "empty")
    assert report.results and not report.critical_failures
