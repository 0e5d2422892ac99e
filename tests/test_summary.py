"""The run summary a person reads: what it says about files that were skipped, refused or have gone."""
from __future__ import annotations

from sitrep.summary import format_summary


def _summary(**changes) -> dict:
    base = {"run_id": "r1", "input_dir": "/in", "warehouse": "/wh/sitrep.duckdb", "files_seen": 3,
            "files_unchanged": 1, "documents_new": 2, "documents_known": 0, "files_rejected": 0, "rejected": [],
            "blocks_removed": 0, "rows": {"documents": 2}, "checks_passed": 1, "checks_failed": 0,
            "critical_failures": [], "warnings": [], "seconds": {}, "dq_report": "/wh/dashboard.html"}
    return {**base, **changes}


def test_hidden_files_skipped_are_counted_on_the_files_line():
    files = next(line for line in format_summary(_summary(hidden_skipped=2)).splitlines() if "files " in line)
    assert files.endswith(", 2 hidden skipped")


def test_no_hidden_files_says_nothing_of_them():
    assert "hidden" not in format_summary(_summary())


def test_gone_files_are_listed_with_their_reasons_and_what_became_of_their_documents():
    text = format_summary(_summary(gone=[{"source_file": "a.txt", "reason": "deleted"}]))
    assert "gone       1 files loaded before are deleted or refused now; their documents are kept" in text
    assert "    gone     a.txt: deleted" in text


def test_pruned_documents_are_counted():
    text = format_summary(_summary(gone=[{"source_file": "a.txt", "reason": "deleted"}], documents_pruned=1))
    assert "1 documents no file holds any more deleted" in text


def test_the_summary_names_the_report_page():
    assert "  DQ report  /wh/dashboard.html" in format_summary(_summary())
