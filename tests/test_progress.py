"""The progress bar of a run on a terminal: counts, rate and time left; nothing where there is no terminal."""
from __future__ import annotations

import io

from rich.console import Console

from sitrep import progress


def _terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, color_system=None, width=120), out


def test_the_bar_counts_files_done_of_files_to_read_and_shows_the_time():
    console, out = _terminal()
    with progress.shown(console=console):
        progress.start(10)
        progress.advance(10)
    assert "10/10 files" in out.getvalue()
    assert "0:00:0" in out.getvalue()


def test_the_bar_shows_a_rate_once_files_are_done():
    console, out = _terminal()
    with progress.shown(console=console):
        progress.start(3)
        for _ in range(3):
            progress.advance(1)
    assert "/s" in out.getvalue()


def test_nothing_is_drawn_when_the_output_is_not_a_terminal():
    out = io.StringIO()
    with progress.shown(console=Console(file=out, force_terminal=False)):
        progress.start(5)
        progress.advance(5)
    assert out.getvalue() == ""


def test_quiet_draws_nothing_even_on_a_terminal():
    console, out = _terminal()
    with progress.shown(enabled=False, console=console):
        progress.start(5)
        progress.advance(5)
    assert out.getvalue() == ""


def test_reports_outside_a_display_are_ignored():
    progress.start(5)
    progress.advance(5)  # a scheduled run or a library call: no display open, nothing to fail
