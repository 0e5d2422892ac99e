"""`sitrep dashboard`: one offline HTML page, checked as a file and in a real headless browser (Debian's chromium)."""
from __future__ import annotations

import datetime as dt
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitrep import cli, quality, warehouse
from sitrep.report.dashboard import build_dashboard
from tests.conftest import ROOT
from tests.warehouse_builder import Doc, load

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "warehouse" / "test-artifacts"
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at "
                                    "/usr/bin/chromium (apt-get install -y chromium; .ci/run installs it)")


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> dict:
    """Two validated runs, the second a finished flow run; the ambiguous amount is flagged in both."""
    db = tmp_path_factory.mktemp("dash") / "sitrep.duckdb"
    load(db, [Doc("a.txt", dt.date(2020, 4, 1)).amount("$1,7 million", None, ambiguous=True)
              .troops("USA", 5000, "Iraq")])
    quality.validate_warehouse(db, "run-older")
    warehouse.start_run(db, "run-latest", "input")
    quality.validate_warehouse(db, "run-latest")
    warehouse.finish_run(db, "run-latest", "completed", {"files_seen": 1, "documents_new": 1, "files_rejected": 0})
    page = build_dashboard(db, db.parent / "dashboard.html")
    return {"db": db, "page": page}


class _References(HTMLParser):
    """Every URL the page's own tags would fetch (scripts' text is data to the parser, not tags)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href", "srcset", "data") and value]


def test_the_page_references_nothing_on_the_network(small):
    parser = _References()
    parser.feed(small["page"].read_text(encoding="utf-8"))
    assert not [u for u in parser.urls if u.startswith(("http:", "https:", "//"))]


def test_the_page_inlines_the_charting_library(small):
    text = small["page"].read_text(encoding="utf-8")
    assert "window.vegaEmbed" in text and "<script src" not in text


def test_the_page_shows_the_latest_run_and_the_flagged_amount(small):
    text = small["page"].read_text(encoding="utf-8")
    assert "run-latest" in text and "$1,7 million" in text and "decimal comma" in text


def test_sitrep_dashboard_writes_the_page_where_asked(small, tmp_path, capsys):
    target = tmp_path / "out" / "page.html"
    assert cli.main(["dashboard", "--warehouse", str(small["db"]), "--output", str(target)]) == 0
    assert target.is_file() and str(target) in capsys.readouterr().out


def test_sitrep_dashboard_writes_beside_the_warehouse_by_default(small, capsys):
    assert cli.main(["dashboard", "--warehouse", str(small["db"])]) == 0
    assert (small["db"].parent / "dashboard.html").is_file()


def test_sitrep_dashboard_on_a_missing_warehouse_explains_what_to_do(tmp_path, capsys):
    assert cli.main(["dashboard", "--warehouse", str(tmp_path / "none.duckdb")]) == 1
    assert "sitrep run" in capsys.readouterr().err


def _open_offline(page_path: Path, screenshot: Path):
    """Load the page in chromium with every non-file request refused and recorded; return what the browser saw."""
    from playwright.sync_api import sync_playwright

    seen = {"requests": [], "errors": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else (seen["requests"].append(route.request.url), route.abort()))
            page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: seen["errors"].append(str(e)))
            page.goto(page_path.as_uri())
            page.wait_for_selector("#checks_chart[data-rendered=true] svg", timeout=30_000)
            page.wait_for_selector("#rows_chart[data-rendered=true] svg", timeout=30_000)
            seen["amount_visible"] = page.locator("#flags td", has_text="$1,7 million").first.is_visible()
            seen["latest_run"] = page.locator("#latest-run").inner_text()
            seen["latest_visible"] = page.locator("#latest-run").is_visible()
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy2(screenshot, ARTIFACTS / screenshot.name)
    return seen


@pytest.mark.browser
@needs_chromium
def test_in_a_browser_offline_the_charts_draw_and_the_flag_and_latest_run_are_visible(small, tmp_path):
    seen = _open_offline(small["page"], tmp_path / "dashboard-small.png")
    assert seen["requests"] == [] and seen["errors"] == []
    assert seen["amount_visible"] and seen["latest_visible"] and "run-latest" in seen["latest_run"]


@pytest.mark.browser
@needs_chromium
def test_in_a_browser_the_seed_dashboard_shows_the_ambiguous_amount_and_the_latest_run(seed_runs, tmp_path):
    page = build_dashboard(seed_runs["db"], tmp_path / "dashboard.html")
    latest = seed_runs["summaries"][-1]["run_id"]
    seen = _open_offline(page, tmp_path / "dashboard.png")
    assert seen["requests"] == [] and seen["errors"] == []
    assert seen["amount_visible"]
    assert seen["latest_visible"] and latest in seen["latest_run"]
