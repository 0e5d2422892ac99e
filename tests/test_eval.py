"""`make eval` (benchmarks/quality.py): one table for every set, a comparison of two runs, missing texts named."""
from __future__ import annotations

from benchmarks import quality


def _result(**rows) -> dict:
    return {"sets": {name: {**{c: None for c in quality.COLUMNS}, **row} for name, row in rows.items()},
            "missing": {}}


def test_the_comparison_names_each_metric_that_moved():
    before = _result(seeds={"keep": 1.0, "leak": 0.0}, independent={"F1": 0.7})
    after = _result(seeds={"keep": 1.0, "leak": 0.1}, independent={"F1": 0.7})
    assert quality.compare(before, after).splitlines() == ["seeds: leak 0.0 -> 0.1", "independent: unchanged"]


def test_the_table_says_which_texts_are_missing_and_where_to_get_them():
    result = _result(**{"real dev": {"keep": 0.9}})
    result["missing"] = {"real dev": ["ra01.txt", "rb02.txt"]}
    table = quality.format_table(result)
    assert "real dev: 2 texts missing (scored without them): ra01.txt rb02.txt" in table
    assert "tests/data/real/README.md" in table


def test_a_metric_the_gold_cannot_measure_is_left_blank(tmp_path):
    (tmp_path / "a.json").write_text('{"doc": "a.txt", "keep": ["x"], "drop": [], "troops": [], "bases": [], '
                                     '"statements": [], "amounts": []}', encoding="utf-8")
    has = quality._gold_has(tmp_path)
    assert "keep" in has and "drop" not in has and "facts" not in has
