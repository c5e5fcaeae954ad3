"""Wall time and peak memory per stage of a build, for ``speechkb build --timings`` and ``scripts/bench.py``.

The benchmark must measure the real build, not a copy of it, so the build records its own stages here.
Peak RSS is the high-water mark of the process (and of its finished workers) when a stage ends: it only
grows, and the stage that raised it is the one to look at. The search index is built in a background
process beside extraction and rendering (its own duration is recorded, so the stages add up to more than
the build), and MkDocs' search plugins' event handlers are timed into it (by
:class:`speechkb.mkdocs.clock.PluginClock`), so that its share can be told apart from rendering the HTML.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    name: str
    seconds: float
    peak_rss_mb: float  # of this process and its finished workers, when the stage ended

    def __str__(self) -> str:
        return f"{self.name}: {self.seconds:.2f} s, peak RSS {self.peak_rss_mb:.0f} MB"


def peak_rss_mb() -> float:
    """The highest resident memory of this process or any of its finished child processes, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports kilobytes


class Stopwatch:
    """Collects :class:`Stage` records in the order the stages ran."""

    def __init__(self) -> None:
        self.stages: list[Stage] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        """Record a stage; a stage that runs in several steps adds up, in the place of its first step."""
        for index, stage in enumerate(self.stages):
            if stage.name == name:
                self.stages[index] = Stage(name, stage.seconds + seconds, peak_rss_mb())
                return
        self.stages.append(Stage(name, seconds, peak_rss_mb()))
