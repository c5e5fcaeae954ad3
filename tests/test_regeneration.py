"""The live preview's regeneration, in its own process (speechkb.regeneration): asked, it writes docs/; a bad
edit is said and the next good one regenerated; it ends with the preview."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from speechkb.build import BuildError
from speechkb.folders import SPEECHES_DIR
from speechkb.regeneration import NICENESS, Regeneration
from tests.conftest import SEEDS, copy_project


def test_the_regeneration_writes_docs_when_asked_says_what_stopped_it_and_ends_with_the_preview(
    tmp_path: Path,
) -> None:
    config = copy_project(tmp_path)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    speech_pages = tmp_path / "docs" / SPEECHES_DIR
    regeneration = Regeneration(seeds, config, quiet=True, verbose=False)
    try:
        regeneration.regenerate()
        assert len(list(speech_pages.glob("*.md"))) == len(list(SEEDS.glob("*.txt"))) + 1  # and the list
        # Behind the preview's server, which rebuilds the site the edit is shown in while the rest is regenerated.
        regenerating = regeneration._process.pid
        assert regenerating and os.getpriority(os.PRIO_PROCESS, regenerating) == min(os.nice(0) + NICENESS, 19)

        sectors = tmp_path / "vocabularies" / "sectors.yml"
        good = sectors.read_text(encoding="utf-8")
        sectors.write_text(good + "\n  - name: 消防\n", encoding="utf-8")
        with pytest.raises(BuildError, match=r"sectors\.yml"):
            regeneration.regenerate()

        sectors.write_text(good, encoding="utf-8")
        edited = sorted(seeds.glob("*.txt"))[0]
        edited.write_text(edited.read_text(encoding="utf-8") + "\n预览中新加的一句话。\n", encoding="utf-8")
        regeneration.regenerate()
        assert any("预览中新加的一句话" in page.read_text(encoding="utf-8") for page in speech_pages.glob("*.md"))
    finally:
        regeneration.stop()
    assert not regeneration.running()
