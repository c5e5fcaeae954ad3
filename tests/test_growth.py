"""The growth measures of tests/growth.py tell work that grows with the square of its input from linear work."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from tests.growth import MEASURABLE, STEP_GROWTH_MAX, TIME_GROWTH_MAX, step_growth, time_growth

# Searched in a run of spaces that ends in a letter, each start tries the whole rest of the run.
_QUADRATIC = re.compile(r"\s+$")


def _searching(pattern: re.Pattern[str]) -> Callable[[int], Callable[[], object]]:
    def search(size: int) -> Callable[[], object]:
        text = " " * size + "x"
        return lambda: pattern.search(text)

    return search


def test_time_growth_finds_a_search_that_grows_with_the_square_of_the_line() -> None:
    assert time_growth(_searching(_QUADRATIC), 2000) > TIME_GROWTH_MAX


def test_time_growth_passes_work_that_grows_with_the_line() -> None:
    def reading(size: int) -> Callable[[], object]:
        text = " " * size
        return lambda: sum(map(ord, text))

    large = reading(8_000_000)
    assert _seconds(large) >= MEASURABLE  # timed, not taken as fast enough
    assert time_growth(reading, 2_000_000) <= TIME_GROWTH_MAX


def _seconds(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def test_step_growth_counts_a_loop_inside_a_loop() -> None:
    def pairs(size: int) -> Callable[[], object]:
        return lambda: sum(1 for i in range(size) for j in range(size) if i < j)

    def once(size: int) -> Callable[[], object]:
        return lambda: sum(1 for i in range(size) if i % 2)

    assert step_growth(pairs, 30) > STEP_GROWTH_MAX
    assert step_growth(once, 300) <= STEP_GROWTH_MAX
