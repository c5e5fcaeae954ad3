"""The build's cache never serves a stale template: an edited override shows on the next build."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkb.build import generate
from speechkb.machinery.cache import ResultCache
from speechkb.project import Project
from tests.conftest import ROOT, SEEDS, copy_project

pytestmark = pytest.mark.site  # every test here builds a real site, or runs the build command


def test_an_edited_template_override_shows_on_the_next_build(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    (tmp_path / "templates").mkdir()
    override = tmp_path / "templates" / "speeches.md.j2"
    original = (ROOT / "speechkb" / "templates" / "speeches.md.j2").read_text(encoding="utf-8")
    listing = tmp_path / "docs" / "speeches" / "index.md"
    for version in ("第一版", "第二版", "第三版"):
        override.write_text(original + f"\n本站说明：{version}\n", encoding="utf-8")
        generate(SEEDS, Project.load(config))
        assert f"本站说明：{version}" in listing.read_text(encoding="utf-8")
    override.unlink()
    generate(SEEDS, Project.load(config))
    assert "本站说明" not in listing.read_text(encoding="utf-8")


def test_a_process_that_remembers_keeps_what_it_wrote_and_what_a_worker_handed_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The live preview's regeneration remembers its results (remember_in_process): those it read, those it wrote
    (its first regeneration, from a cold cache, writes them all) and those a forked worker wrote and handed back."""
    folder = tmp_path / "results"
    monkeypatch.setattr(ResultCache, "remembered", None)
    ResultCache[str](folder, (str,)).put("forgotten", "on disk only")
    monkeypatch.setattr(ResultCache, "remembered", {})
    cache = ResultCache[str](folder, (str,))
    cache.put("written", "by this process")
    cache.remember("handed", "by a worker")
    for entry in folder.iterdir():
        entry.unlink()
    later = ResultCache[str](folder, (str,))
    assert later.get("written") == "by this process"
    assert later.get("handed") == "by a worker"
    assert later.get("forgotten") is None
