"""How the cost of a call grows with the size of its input, measured so that no machine is too slow to pass.

A real archive brings files nobody foresaw (a whole page on one line, thousands of 同志们： lines): the build
must read each in time that grows with its size, not with its square. A test of that must not fail because
CI's machine is slow or busy, so no absolute time is ever asserted. Growth is measured on an input and on one
four times its size instead, where linear work grows about 4 times and quadratic work 16 times:

- :func:`steps` counts the lines of Python run (``sys.settrace``'s line events): the same on every machine,
  however loaded, so a loop over the lines inside a loop over the lines shows exactly;
- :func:`time_growth` times what runs in C, where no step can be counted (a regular expression that tries every
  split of a long run of characters): a slow machine slows both sizes alike, the best of a few runs of each
  leaves out a busy moment, and a call too quick to time reliably at the larger size is taken as fast enough.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

# Growth from N to 4N: about 4 when linear, 16 when quadratic. Steps are counted exactly, so their bound is
# tight; times vary a little from run to run.
STEP_GROWTH_MAX = 6
TIME_GROWTH_MAX = 8
MEASURABLE = 0.05  # seconds: a call quicker than this at the larger size is fast enough, whatever its growth
_RUNS = 3
_ATTEMPTS = 5


def steps(call: Callable[[], object]) -> int:
    """The lines of Python that ``call`` runs."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


def step_growth(make: Callable[[int], Callable[[], object]], size: int) -> float:
    """How many times more steps the call ``make`` builds for ``4 * size`` runs than the one for ``size``, once each
    has run uncounted: what is imported or cached on a first call is no part of the growth."""
    large, small = make(4 * size), make(size)
    small()
    large()
    return steps(large) / steps(small)


def _time(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def time_growth(make: Callable[[int], Callable[[], object]], size: int) -> float:
    """How many times longer the call ``make`` builds for ``4 * size`` takes than the one for ``size`` (the best of
    a few runs of each); 1 when it is too quick to time at ``4 * size``. The first run decides that only when it is
    quick: a busy moment may slow it, and the best of the runs then says whether the call is worth timing, as a
    ratio of two times of microseconds is noise, not growth. A growth over the bound is measured again, up to
    :data:`_ATTEMPTS` times, keeping each size's best: on a machine busy with other work a linear call once grew
    22 times, while a quadratic one grows 16 times or more however often it is measured."""
    large, small = make(4 * size), make(size)
    if _time(large) < MEASURABLE:
        return 1.0
    best_large = best_small = float("inf")
    for _ in range(_ATTEMPTS):
        best_large = min(best_large, *(_time(large) for _ in range(_RUNS)))
        if best_large < MEASURABLE:
            return 1.0
        best_small = min(best_small, *(_time(small) for _ in range(_RUNS)))
        if best_large / max(best_small, 1e-9) <= TIME_GROWTH_MAX:
            break
    return best_large / max(best_small, 1e-9)


# Characters that \s, [\u4e00-\u9fff], \d, \w and . accept without a pattern spelling them.
_UNSPELLED = " 安1a，。"
_RUN_LENGTH = 1500


def slow_runs(pattern: re.Pattern[str]) -> list[str]:
    """The characters a long run of which ``pattern`` is slow to search or match: a line may be any length (a whole
    page pasted as one line), and a pattern that tries every split of a run of what it accepts ([\\s>]*\\s*…, or
    [-—]+预览 searched at every dash) takes time that grows with the square of the run. The runs are of every
    character the pattern spells and of what its classes accept unspelled."""

    def runs_of(character: str) -> Callable[[int], Callable[[], object]]:
        def run(length: int) -> Callable[[], object]:
            line = character * length
            return lambda: (pattern.search(line), pattern.match(line))

        return run

    characters = sorted(set(pattern.pattern) | set(_UNSPELLED))
    return [c for c in characters if time_growth(runs_of(c), _RUN_LENGTH) >= TIME_GROWTH_MAX]
