"""The README is a specification too: these fail when it drifts from the code."""
from __future__ import annotations

import re

from sitrep.cli import _parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_ci_script_runs_the_readme_test_command():
    assert "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_readme_commands_are_makefile_targets():
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.M))
    assert {"run", "test"} <= targets


def test_every_saved_query_is_listed_in_the_readme():
    for query in (ROOT / "sql" / "queries").glob("*.sql"):
        assert query.name in README, query.name


def test_every_view_named_in_the_readme_is_created_by_sql():
    sql = " ".join(p.read_text() for p in (ROOT / "sql").rglob("*.sql"))
    for view in ("base_handovers", "troops_by_actor", "statements_by_speaker", "document_summary", "dq_flags"):
        assert view in README and f"VIEW {view}" in sql


def test_every_sitrep_subcommand_in_the_readme_exists():
    commands = set(_parser()._subparsers._group_actions[0].choices)
    used = set(re.findall(r"(?:`|bin/)sitrep ([a-z]+)", README))
    assert used and used <= commands, used - commands


ARCHITECTURE = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def test_every_module_has_a_line_in_the_architecture_page():
    modules = [p.relative_to(ROOT).as_posix() for p in [*(ROOT / "sitrep").rglob("*.py"), *(ROOT / "flows").glob("*.py")]]
    missing = [m for m in modules if f"`{m}`" not in ARCHITECTURE]
    assert missing == []


def test_every_view_has_a_line_in_the_architecture_page():
    views = re.findall(r"CREATE OR REPLACE VIEW (\w+)", " ".join(p.read_text() for p in (ROOT / "sql").rglob("*.sql")))
    assert views and [v for v in views if f"`{v}`" not in ARCHITECTURE] == []


def test_every_saved_query_has_a_line_in_the_architecture_page():
    queries = [p.name for p in (ROOT / "sql" / "queries").glob("*.sql")]
    assert queries and [q for q in queries if f"`{q}`" not in ARCHITECTURE] == []


def test_every_top_level_folder_of_the_readme_layout_exists():
    layout = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"^([a-z_.]+)/", layout, re.M)
    assert {"flows", "sql", "expectations", "warehouse", "tests", "seeds", "sitrep"} <= set(named)
    assert [n for n in named if not (ROOT / n).is_dir()] == []


def test_the_fast_loop_is_a_makefile_target():
    assert re.search(r"^check:", (ROOT / "Makefile").read_text(), re.M)
