"""What a build tells its user while it runs: a line after each step, and counts inside the long stages.

At 10,000 speeches a build runs for over two minutes, most of it in four stages (reading and parsing,
tagging, writing the Markdown, MkDocs' site build). Each stage counts what it has done through
:meth:`Progress.stage`; :class:`Reporter` shows the count when the stage takes more than a second:

- on a terminal, as a bar with the stage's name and counts (rich's, drawn only when a count changes:
  rich's own refresh thread would stop the build from forking its workers, see :mod:`speechkb.machinery.cores`),
  erased when the stage ends;
- elsewhere (a CI log, a file), as a plain line now and then, since a bar redrawn in a log is noise.

``--quiet`` keeps only what a script needs (problems, and why a build waits), ``--verbose`` adds details
such as every candidate term. :class:`Progress` itself says nothing: it is what code and tests that call
the build get by default.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO, TypeVar

if TYPE_CHECKING:
    from rich.progress import Progress as Bar
    from rich.progress import TaskID

Item = TypeVar("Item")
Advance = Callable[[int], None]  # adds to a stage's count

SHOW_AFTER = 1.0  # seconds a stage runs before its count is shown
LINE_EVERY = 10.0  # seconds between two plain lines of one stage
_REDRAW_EVERY = 0.1  # seconds between two redraws of a bar


def uncounted(done: int) -> None:
    """What a stage nobody watches adds its count to."""


class Progress:
    """Says nothing: the build's default. :class:`Reporter` says it on the command line."""

    def message(self, text: str) -> None:
        """What a step did (``read 5 speeches …``); left out by ``--quiet``."""

    def notice(self, text: str) -> None:
        """What a user must know even from a script: why the build waits."""

    def detail(self, text: str) -> None:
        """What only ``--verbose`` shows."""

    @contextmanager
    def stage(self, name: str, total: int, unit: str) -> Iterator[Advance]:
        """Run a stage of ``total`` ``unit`` (speeches, pages); what it yields adds to its count."""
        yield uncounted


SILENT = Progress()


def counted(items: Iterable[Item], advance: Advance) -> Iterator[Item]:
    """``items``, counting each as it is taken."""
    for item in items:
        yield item
        advance(1)


class Reporter(Progress):
    """Progress on ``stream`` (standard error), each line prefixed ``speechkb:``; a bar when it is a terminal."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        quiet: bool = False,
        verbose: bool = False,
        terminal: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.verbose = verbose
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.clock = clock
        self._bar: Bar | None = None

    def message(self, text: str) -> None:
        if not self.quiet:
            self._line(text)

    def notice(self, text: str) -> None:
        self._line(text)

    def detail(self, text: str) -> None:
        if self.verbose:
            self._line(text)

    def _line(self, text: str) -> None:
        line = f"speechkb: {text}"
        if self._bar:  # printed above the bar, which rich then draws again
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)

    @contextmanager
    def stage(self, name: str, total: int, unit: str) -> Iterator[Advance]:
        if self.quiet or total <= 0:
            yield uncounted
            return
        started = self.clock()
        done = 0
        shown = started  # when the count was last drawn or printed
        task: TaskID | None = None

        def advance(count: int) -> None:
            nonlocal done, shown, task
            done += count
            now = self.clock()
            if now - started < SHOW_AFTER:
                return
            if not self.terminal:
                if done < total and (shown == started or now - shown >= LINE_EVERY):
                    self._line(f"{name}: {done:,}/{total:,} {unit}")
                    shown = now
                return
            if task is None:
                task = self._start_bar(name, total, unit)
            if now - shown >= _REDRAW_EVERY or done >= total:
                assert self._bar is not None
                self._bar.update(task, completed=done)
                self._bar.refresh()
                shown = now

        try:
            yield advance
        finally:
            if self._bar:
                self._bar.stop()
                self._bar = None

    def _start_bar(self, name: str, total: int, unit: str) -> TaskID:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        console = Console(file=self.stream, force_terminal=True, highlight=False)
        self._bar = Bar(
            TextColumn("speechkb: {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(unit),
            TimeElapsedColumn(),
            console=console,
            transient=True,  # the bar goes when the stage ends; the build's own line says what it did
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._bar.start()
        return self._bar.add_task(name, total=total)
