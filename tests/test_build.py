"""The build as a whole, beyond what each stage's tests cover."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from speechkb.build import generate
from speechkb.project import Project
from tests.conftest import SEEDS, copy_project

pytestmark = pytest.mark.site  # every test here builds a real site, or runs the build command


class Cycle:
    """Garbage that only the cyclic collector can free: it refers to itself."""

    def __init__(self) -> None:
        self.itself = self


def test_what_a_build_sets_aside_from_the_garbage_collector_the_next_one_hands_back(tmp_path: Path) -> None:
    """A live preview generates the pages again and again in one process: a build sets the objects alive
    out of the collector's reach (for speed), and the next one must give them back, or garbage piles up."""
    config = copy_project(tmp_path)
    try:
        cycle = Cycle()
        collected = weakref.ref(cycle)
        generate(SEEDS, Project.load(config))
        assert gc.isenabled() and gc.get_freeze_count() > 0
        del cycle
        gc.collect()
        assert collected() is not None, "set aside during the build"
        generate(SEEDS, Project.load(config))
        gc.collect()
        assert collected() is None
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_a_live_preview_leaves_its_objects_to_the_collector(tmp_path: Path) -> None:
    """The preview regenerates in a process that cannot fork and remembers what it read: setting its objects
    aside and handing them back would be a full collection of all of that at every edit."""
    config = copy_project(tmp_path)
    cycle = Cycle()
    collected = weakref.ref(cycle)
    generate(SEEDS, Project.load(config), live_preview=True)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    del cycle
    gc.collect()
    assert collected() is None
