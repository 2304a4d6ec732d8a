"""A rich progress display for a batch: jobs done/failed/running, tokens, cost, elapsed time and ETA."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ._scheduler import BatchProgress

__all__ = ["BatchProgressDisplay"]

_COUNTS = (
    "[green]{task.fields[done]} done[/green] [red]{task.fields[failed]} failed[/red] {task.fields[running]} running"
    "{task.fields[paused]}"
)


class BatchProgressDisplay:
    """Context manager whose :meth:`update` is the runner's ``on_progress`` callback.

    Example:
        >>> with BatchProgressDisplay(Console(file=open("/dev/null", "w")), currency="USD") as display:
        ...     display.update(BatchProgress(total=4, done=1))
    """

    def __init__(self, console: Console, *, currency: str = "USD", disable: bool = False) -> None:
        self.currency = currency
        self._progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(_COUNTS),
            TextColumn("{task.fields[tokens]} tokens"),
            TextColumn("{task.fields[cost]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            disable=disable,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> BatchProgressDisplay:
        self._progress.__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.__exit__(exc_type, exc, tb)

    def update(self, p: BatchProgress) -> None:
        """Show the counters of ``p``."""
        cost = f"{self.currency} {p.cost:,.2f}" + (" + unpriced" if p.unpriced else "")
        fields: dict[str, Any] = {
            "done": p.done,
            "failed": p.failed,
            "running": p.running,
            "paused": f" [yellow]{p.paused} paused (endpoint outage)[/yellow]" if p.paused else "",
            "tokens": f"{p.prompt_tokens + p.completion_tokens:,}",
            "cost": cost,
        }
        if self._task is None:
            self._task = self._progress.add_task("batch", total=p.total, completed=p.finished, **fields)
        else:
            self._progress.update(self._task, completed=p.finished, **fields)
