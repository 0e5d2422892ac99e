"""The `sitrep` command line, as a user types it."""
from __future__ import annotations

import pytest

from sitrep import cli, warehouse
from sitrep.summary import format_summary
from tests.conftest import ROOT

SAVED_QUERIES = sorted((ROOT / "sql" / "queries").glob("*.sql"))


@pytest.mark.parametrize("query", SAVED_QUERIES, ids=lambda p: p.stem)
def test_every_saved_query_runs_on_the_seeds_warehouse(seed_runs, query, capsys):
    assert cli.main(["sql", "-f", str(query), "--warehouse", str(seed_runs["db"])]) == 0
    assert "row" in capsys.readouterr().out


def test_sql_prints_a_table_with_a_row_count(seed_runs, capsys):
    code = cli.main(["sql", "SELECT count(*) AS n FROM documents", "--warehouse", str(seed_runs["db"])])
    out = capsys.readouterr().out
    assert code == 0 and out.splitlines()[0].strip() == "n" and "(1 row)" in out


def test_sql_refuses_to_write(seed_runs, capsys):
    code = cli.main(["sql", "DROP TABLE documents", "--warehouse", str(seed_runs["db"])])
    assert code == cli.Exit.INPUT and capsys.readouterr().err.startswith("sitrep: ")


def test_a_sql_error_is_duckdbs_message_with_where_it_is_not_a_traceback(seed_runs, capsys):
    code = cli.main(["sql", "SELEC nonsense", "--warehouse", str(seed_runs["db"])])
    err = capsys.readouterr().err
    assert code == cli.Exit.INPUT and err.startswith("sitrep: Parser Error") and "LINE 1: SELEC nonsense" in err
    assert "Traceback" not in err


def test_sql_on_a_missing_warehouse_explains_what_to_do(tmp_path, capsys):
    assert cli.main(["sql", "SELECT 1", "--warehouse", str(tmp_path / "x.duckdb")]) == cli.Exit.INPUT
    assert "sitrep run" in capsys.readouterr().err


def test_run_on_a_missing_folder_fails_with_one_line(tmp_path, capsys):
    assert cli.main(["run", "--input", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb")]) == cli.Exit.INPUT
    assert "input folder not found" in capsys.readouterr().err


@pytest.mark.slow
def test_run_prints_a_per_stage_summary_and_exits_zero(input_dir, warehouse_path, capsys):
    (input_dir / "a.txt").write_text("Base handed over\n\nThe coalition said on Monday it had handed over the "
                                     "airfield to the national army, ending a six-year presence there.\n")
    (input_dir / "bad.txt").write_bytes(b"")
    code = cli.main(["run", "--input", str(input_dir), "--warehouse", str(warehouse_path)])
    out = capsys.readouterr().out
    assert code == 0
    for word in ("files", "rows", "checks", "seconds", "DQ report", "rejected bad.txt: empty file"):
        assert word in out


@pytest.mark.slow
def test_run_exits_non_zero_when_a_critical_check_fails_and_keeps_the_data(input_dir, warehouse_path, capsys):
    (input_dir / "a.txt").write_text("Headline\n\nTroops left the base on Monday, officials said in a statement.\n")
    warehouse.ensure_schema(warehouse_path)
    with warehouse.connect(warehouse_path) as con:  # a fact whose document does not exist: a broken warehouse
        con.execute("INSERT INTO amounts VALUES ('ffffffffffffffff', 1, '$5', 'USD', 5, false, 'x', 0, 1)")
    code = cli.main(["run", "--input", str(input_dir), "--warehouse", str(warehouse_path)])
    err = capsys.readouterr().err
    assert code == cli.Exit.CHECKS and "critical" in err and len(err.strip().splitlines()) == 1
    _, rows = warehouse.query(warehouse_path, "SELECT count(*) FROM documents")
    assert rows == [(1,)]
    _, runs = warehouse.query(warehouse_path, "SELECT status FROM pipeline_runs")
    assert runs == [("failed",)]


@pytest.mark.parametrize("statement", [
    "COPY (SELECT 1) TO '{tmp}/out.csv'",
    "SELECT * FROM read_text('/etc/hostname')",
    "ATTACH '{tmp}/other.duckdb' AS other",
    "SET enable_external_access = true",
])
def test_sql_cannot_reach_any_file_but_the_warehouse(statement, warehouse_path, tmp_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    before = warehouse_path.read_bytes()
    code = cli.main(["sql", statement.format(tmp=tmp_path), "--warehouse", str(warehouse_path)])
    assert code != 0
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()
    assert warehouse_path.read_bytes() == before


def test_sql_csv_prints_a_header_and_the_row(warehouse_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    assert cli.main(["sql", "--format", "csv", "select 1 as a, 2 as b", "--warehouse", str(warehouse_path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["a,b", "1,2"]


def test_sql_prints_the_result_of_every_statement(warehouse_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    assert cli.main(["sql", "--format", "csv", "select 1 as a; select 2 as b", "--warehouse",
                     str(warehouse_path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["a", "1", "b", "2"]


def test_sql_json_gives_one_object_per_row(warehouse_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    cli.main(["sql", "--format", "json", "select 1 as a, DATE '2020-01-02' as d", "--warehouse", str(warehouse_path)])
    assert __import__("json").loads(capsys.readouterr().out) == [{"a": 1, "d": "2020-01-02"}]


def test_sql_max_rows_minus_one_shows_every_row(warehouse_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    cli.main(["sql", "select * from range(150)", "--max-rows", "-1", "--warehouse", str(warehouse_path)])
    out = capsys.readouterr().out
    assert "(150 rows)" in out and "\n149" in out


def test_sql_reads_statements_from_stdin(warehouse_path, capsys, monkeypatch):
    warehouse.ensure_schema(warehouse_path)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("select 7 as seven"))
    assert cli.main(["sql", "--format", "csv", "-f", "-", "--warehouse", str(warehouse_path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["seven", "7"]


def test_sql_errors_keep_duckdbs_hint(warehouse_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    assert cli.main(["sql", "select * from document", "--warehouse", str(warehouse_path)]) != 0
    assert "Did you mean" in capsys.readouterr().err


@pytest.mark.parametrize("option", [["--cron", "* * *"], ["--interval", "0"], ["--interval", "-5"]])
def test_a_bad_schedule_is_refused_in_one_line_before_any_server_starts(option, tmp_path, capsys):
    code = cli.main(["serve", "--input", str(tmp_path), "--warehouse", str(tmp_path / "w.duckdb"), *option])
    err = capsys.readouterr().err
    assert code == cli.Exit.USAGE and len(err.strip().splitlines()) == 1 and option[0] in err
    assert not (tmp_path / "prefect").exists()


def test_the_summary_hint_is_a_command_that_works_when_pasted(seed_runs):
    import shlex
    import subprocess

    hint = format_summary(seed_runs["summaries"][-1]).splitlines()[-1].split("flags", 1)[1].strip()
    done = subprocess.run(shlex.split(hint), capture_output=True, text=True, cwd="/")
    assert done.returncode == 0, done.stderr
    assert "rows)" in done.stdout


def test_a_table_is_narrowed_to_fit_the_terminal_width():
    from sitrep.sqlout import render

    text = render(["evidence", "n"], [("word " * 40, 1)], "table", max_width=0, table_width=50)
    assert max(len(line) for line in text.splitlines()[:-1]) <= 50 and "…" in text


def test_max_width_zero_shows_a_whole_evidence_cell(warehouse_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    long = "word " * 40
    assert cli.main(["sql", f"SELECT '{long}' AS evidence", "--max-width", "0",
                     "--warehouse", str(warehouse_path)]) == 0
    assert long.strip() in capsys.readouterr().out


def test_allow_export_lets_copy_write_inside_the_folder(warehouse_path, tmp_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    out = tmp_path / "exports"
    out.mkdir()
    code = cli.main(["sql", f"COPY (SELECT 1 AS a) TO '{out}/a.csv'", "--allow-export", str(out),
                     "--warehouse", str(warehouse_path)])
    assert code == 0 and (out / "a.csv").read_text().splitlines() == ["a", "1"]


@pytest.mark.parametrize("statement", [
    "COPY (SELECT 1) TO '{tmp}/outside.csv'",
    "COPY (SELECT 1) TO '{tmp}/exports/../outside.csv'",
    "SELECT * FROM read_text('/etc/hostname')",
    "SET allowed_directories = ['/']",
])
def test_allow_export_reaches_no_file_outside_the_folder(statement, warehouse_path, tmp_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    (tmp_path / "exports").mkdir()
    code = cli.main(["sql", statement.format(tmp=tmp_path), "--allow-export", str(tmp_path / "exports"),
                     "--warehouse", str(warehouse_path)])
    assert code == cli.Exit.INPUT and not (tmp_path / "outside.csv").exists()


def test_allow_export_refuses_the_folder_that_holds_the_warehouse(warehouse_path, capsys):
    warehouse.ensure_schema(warehouse_path)
    code = cli.main(["sql", "SELECT 1", "--allow-export", str(warehouse_path.parent),
                     "--warehouse", str(warehouse_path)])
    assert code == cli.Exit.USAGE and "holds the warehouse" in capsys.readouterr().err
