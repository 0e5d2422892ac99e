"""Every failure is one line on stderr and an exit code of its kind (sitrep.cli.Exit, the README's table)."""
from __future__ import annotations

import re

import pytest

from sitrep import cli, warehouse
from tests.conftest import ROOT


def _one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("sitrep: ")
    return err


def test_the_readme_documents_every_exit_code_and_no_other():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d+) \| `(\w+)` \|", readme, re.M))
    assert table == {str(int(code)): code.name for code in cli.Exit}


def test_an_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as ended:
        cli.main(["run", "--no-such-option"])
    assert ended.value.code == cli.Exit.USAGE


def test_a_batch_size_below_one_is_a_usage_error(input_dir, tmp_path, capsys):
    code = cli.main(["run", "--input", str(input_dir), "--warehouse", str(tmp_path / "w.duckdb"), "--batch-size", "0"])
    assert code == cli.Exit.USAGE and "--batch-size" in _one_line(capsys)


def test_a_missing_input_folder_is_an_input_error(tmp_path, capsys):
    code = cli.main(["run", "--input", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb")])
    assert code == cli.Exit.INPUT and "input folder not found" in _one_line(capsys)


def test_a_missing_sql_file_is_an_input_error(warehouse_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    code = cli.main(["sql", "-f", "no/such.sql", "--warehouse", str(warehouse_path)])
    assert code == cli.Exit.INPUT and "no such SQL file" in _one_line(capsys)


def test_a_missing_warehouse_for_the_dashboard_is_an_input_error(tmp_path, capsys):
    code = cli.main(["dashboard", "--warehouse", str(tmp_path / "none.duckdb")])
    assert code == cli.Exit.INPUT and "sitrep run" in _one_line(capsys)


def test_a_bad_sitrep_toml_is_a_usage_error(tmp_path, capsys, monkeypatch):
    (tmp_path / "sitrep.toml").write_text("warehouse = [unclosed\n")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["sql", "SELECT 1"])
    assert code == cli.Exit.USAGE and "sitrep.toml" in _one_line(capsys)


def test_a_prefect_server_that_does_not_answer_is_a_server_error(input_dir, tmp_path, capsys, monkeypatch):
    from sitrep import server

    monkeypatch.setenv("PREFECT_API_URL", f"http://127.0.0.1:{server.free_port()}/api")
    code = cli.main(["run", "--input", str(input_dir), "--warehouse", str(tmp_path / "w.duckdb")])
    err = _one_line(capsys)
    assert code == cli.Exit.SERVER and "PREFECT_API_URL" in err


def test_an_unforeseen_error_is_one_line_that_points_to_verbose(tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(warehouse, "query_all", broken)
    warehouse.ensure_schema(tmp_path / "w.duckdb")
    code = cli.main(["sql", "SELECT 1", "--warehouse", str(tmp_path / "w.duckdb")])
    err = _one_line(capsys)
    assert code == cli.Exit.INTERNAL and "ZeroDivisionError: a bug" in err and "-v" in err


def test_verbose_adds_the_traceback_of_an_unforeseen_error(tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(warehouse, "query_all", broken)
    warehouse.ensure_schema(tmp_path / "w.duckdb")
    code = cli.main(["sql", "-v", "SELECT 1", "--warehouse", str(tmp_path / "w.duckdb")])
    err = capsys.readouterr().err
    assert code == cli.Exit.INTERNAL and "Traceback (most recent call last)" in err
    assert err.strip().splitlines()[-1].startswith("sitrep: internal error: ZeroDivisionError")
