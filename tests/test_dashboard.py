"""`sitrep dashboard`: one offline HTML page, checked as a file and in a real headless browser (Debian's chromium)."""
from __future__ import annotations

import datetime as dt
import re
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
    assert cli.main(["dashboard", "--warehouse", str(tmp_path / "none.duckdb")]) == cli.Exit.INPUT
    assert "sitrep run" in capsys.readouterr().err


@pytest.fixture(scope="module")
def grouped(tmp_path_factory) -> dict:
    """Two runs: the first flags one ambiguous amount; the second adds six statements nobody could be named for."""
    db = tmp_path_factory.mktemp("grouped") / "sitrep.duckdb"
    load(db, [Doc("a.txt", dt.date(2020, 4, 1)).amount("$1,7 million", None, ambiguous=True)])
    quality.validate_warehouse(db, "run-1")
    docs = [Doc(f"s{i}.txt", dt.date(2020, 4, 2)).statement(f"We will stay for now, number {i}", None)
            for i in range(6)]
    load(db, docs)
    quality.validate_warehouse(db, "run-2")
    page = build_dashboard(db, db.parent / "dashboard.html")
    return {"db": db, "html": page.read_text(encoding="utf-8")}


def _sections(html: str) -> list[str]:
    return re.findall(r"<section class=\"check.*?</section>", html, re.S)


def test_each_failing_check_is_one_section_with_its_count_and_its_reason_once(grouped):
    sections = _sections(grouped["html"])
    speaker = [s for s in sections if 'data-column="speaker"' in s]
    assert len(speaker) == 1 and "6 rows flagged" in speaker[0]
    reason = re.search(r'<p class="reason">(.*?)</p>', speaker[0]).group(1)
    assert grouped["html"].count(reason) == 1


def test_the_check_with_the_most_flags_comes_first_among_warnings(grouped):
    counts = [int(n) for n in re.findall(r'data-flagged="(\d+)"', grouped["html"])]
    assert counts[0] == max(counts)


def test_the_flagged_value_is_marked_in_its_evidence(grouped):
    assert "The base hosted <mark>$1,7 million</mark> of coalition equipment." in grouped["html"]


def test_the_drill_down_lists_every_flagged_row_of_a_check(grouped):
    speaker = next(s for s in _sections(grouped["html"]) if 'data-column="speaker"' in s)
    drill = speaker.split('<details class="drill">', 1)[1]
    assert all(f"s{i}.txt" in drill for i in range(6))


def test_run_history_shows_the_rows_each_run_added_and_the_checks_it_newly_failed(grouped):
    runs = grouped["html"].split('<table id="runs">', 1)[1].split("</table>", 1)[0]
    latest = runs.split("<tr>")[2]
    assert "run-2" in latest and "statements.speaker" in latest
    assert re.search(r'<td class="num">\+\d+</td>', latest)


def test_a_check_of_a_whole_table_is_listed_though_it_flags_no_row(tmp_path):
    db = tmp_path / "sitrep.duckdb"
    load(db, [Doc("a.txt", dt.date(2020, 4, 1)).troops("USA", 5000, "Iraq")])
    quality.validate_warehouse(db, "run-1")
    with warehouse.connect(db) as con:
        con.execute("UPDATE dq_results SET success = false WHERE suite = 'documents' AND column_name IS NULL "
                    "AND expectation = (SELECT min(expectation) FROM dq_results WHERE suite = 'documents' "
                    "AND column_name IS NULL)")
    html = build_dashboard(db, tmp_path / "page.html").read_text(encoding="utf-8")
    assert any('data-suite="documents" data-column=""' in s and "0 rows flagged" in s for s in _sections(html))


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
            seen["amount_visible"] = page.locator("section.check td", has_text="$1,7 million").first.is_visible()
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


@pytest.fixture(scope="module")
def two_thousand(tmp_path_factory) -> Path:
    """2,000 documents with trouble of several kinds, in different amounts, validated once."""
    db = tmp_path_factory.mktemp("dash2000") / "sitrep.duckdb"
    docs = []
    for i in range(2000):
        doc = Doc(f"doc{i:04d}.txt", dt.date(2020, 1, 1) + dt.timedelta(days=i % 300))
        doc.troops("USA", 2500 + i % 7, "Iraq")
        doc.statement(f"We remain committed, message {i}", None if i % 3 == 0 else "John Smith")
        if i % 9 == 0:
            doc.amount("$1,7 million", None, ambiguous=True)
        docs.append(doc)
    load(db, docs)
    quality.validate_warehouse(db, "run-2000")
    return db


@pytest.mark.browser
@needs_chromium
def test_in_a_browser_the_report_on_2000_documents_shows_every_failing_check_with_its_count(two_thousand, tmp_path):
    from playwright.sync_api import sync_playwright

    _, expected = warehouse.query(two_thousand, warehouse.sql_file("dashboard/failing_checks.sql"))
    assert len(expected) >= 2
    page_path = build_dashboard(two_thousand, tmp_path / "dashboard.html")
    shown = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(page_path.as_uri())
            for suite, _table, check, column, _severity, flagged, *_ in expected:
                section = page.locator(f'section.check[data-suite="{suite}"][data-column="{column or ""}"]',
                                       has_text=check).first
                shown[(suite, column)] = (section.is_visible(), section.locator(".count").inner_text(), flagged)
            page.screenshot(path=str(tmp_path / "dashboard-2000.png"), full_page=False)
        finally:
            browser.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy2(tmp_path / "dashboard-2000.png", ARTIFACTS / "dashboard-2000.png")
    assert all(visible and text == f"{flagged} rows flagged" for visible, text, flagged in shown.values()), shown
