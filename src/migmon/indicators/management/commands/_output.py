"""Rich output shared by the data commands: a console on the command's stdout, tables, a rows/s progress bar."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text


def console_for(command: Any) -> Console:
    """A Rich console writing where the command writes (a terminal, a pipe, or a test's StringIO)."""
    stream = getattr(command.stdout, "_out", command.stdout)
    interactive = hasattr(stream, "isatty") and stream.isatty()
    # Off a terminal Rich would assume 80 columns and squeeze the tables; logs and tests read them whole.
    return Console(file=stream, highlight=False, width=None if interactive else 160)


class RowsPerSecond(ProgressColumn):
    """Rows handled so far and the rate, e.g. ``120,000 rows · 45,210 rows/s``."""

    def render(self, task: Task) -> Text:
        rate = task.finished_speed or task.speed or 0
        return Text(f"{int(task.completed):,} rows · {rate:,.0f} rows/s")


def import_progress(console: Console) -> Progress:
    """The progress display of ``migmon import``: file, activity, rows and rows/s, elapsed time."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=None),
        RowsPerSecond(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
