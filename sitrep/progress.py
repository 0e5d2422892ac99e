"""Progress of a run on the terminal: files done of those to read, documents per second, time left (rich).

The flow reports to whatever display the command line opened (`shown`); a flow run with none open (a scheduled
run, a test, a library call) reports to nothing. Only the flow's own process reports: the tasks on Dask workers
never touch this module.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

_display: tuple[Progress, list[TaskID]] | None = None


@contextlib.contextmanager
def shown(enabled: bool = True, console: Console | None = None) -> Iterator[None]:
    """A progress bar on stderr while the block runs, when stderr is a terminal (or `console` says it is)."""
    global _display
    console = console or Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("files  {task.fields[rate]}"), TimeRemainingColumn(elapsed_when_finished=True))
    with Progress(*columns, console=console, transient=True) as bar:
        _display = (bar, [])
        try:
            yield
        finally:
            _display = None


def start(total: int, description: str = "reading") -> None:
    """A run has `total` files to read; nothing is shown for a run with none."""
    if _display is None or total == 0:
        return
    bar, tasks = _display
    tasks.append(bar.add_task(description, total=total, rate=""))


def advance(files: int) -> None:
    if _display is None or not _display[1]:
        return
    bar, tasks = _display
    bar.advance(tasks[-1], files)
    task = next(t for t in bar.tasks if t.id == tasks[-1])
    speed = task.finished_speed or task.speed
    bar.update(tasks[-1], rate=f"{speed:.1f}/s" if speed else "")
