"""Installed as a user would (a wheel into a fresh virtual environment, not editable), sitrep runs from any
directory: its SQL, suites and gazetteers come with the package, and the warehouse goes where the user is."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

UV = ROOT / ".venv" / "bin" / "uv"
pytestmark = pytest.mark.skipif(not UV.exists(), reason="needs uv in .venv (make setup installs it)")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh environment with `pip install <repository>` (uv's pip, pinned to the lock's versions)."""
    where = tmp_path_factory.mktemp("install")
    pins = where / "pins.txt"
    exported = subprocess.run([str(UV), "export", "--frozen", "--no-hashes", "--no-emit-project", "--no-dev",
                               "--format", "requirements-txt"], cwd=ROOT, check=True, capture_output=True, text=True)
    pins.write_text(exported.stdout)
    venv = where / "venv"
    subprocess.run([str(UV), "venv", "--quiet", "--python", str(ROOT / ".venv" / "bin" / "python"), str(venv)],
                   check=True)
    subprocess.run([str(UV), "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), "-c", str(pins),
                    str(ROOT)], check=True)
    return venv


def _sitrep(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "SITREP_WAREHOUSE"))}
    return subprocess.run([str(venv / "bin" / "sitrep"), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def test_the_installed_package_is_not_the_checkout(installed):
    found = subprocess.run([str(installed / "bin" / "python"), "-c", "import sitrep; print(sitrep.__file__)"],
                           capture_output=True, text=True, check=True, cwd="/")
    assert not found.stdout.strip().startswith(str(ROOT))


def test_sitrep_run_from_an_empty_directory_builds_the_warehouse_there(installed, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    run = _sitrep(installed, work, "run", "--input", str(SEEDS))
    assert run.returncode == 0, run.stderr[-2000:]
    assert (work / "warehouse" / "sitrep.duckdb").exists()
    tables = _sitrep(installed, work, "sql", "SELECT count(*) AS n FROM information_schema.tables "
                                             "WHERE table_name IN ('documents', 'removed_blocks', 'comments', "
                                             "'troops', 'bases', 'statements', 'amounts', 'dq_results', "
                                             "'pipeline_runs', 'rejected_files')")
    assert tables.returncode == 0 and "10" in tables.stdout, tables.stdout + tables.stderr
    docs = _sitrep(installed, work, "sql", "-f", "sql/queries/money.sql")
    assert docs.returncode == 0, docs.stderr
    shutil.rmtree(work / "warehouse")


def test_the_installed_command_reports_its_version(installed, tmp_path):
    out = _sitrep(installed, tmp_path, "--version")
    assert out.returncode == 0 and out.stdout.startswith("sitrep ")
