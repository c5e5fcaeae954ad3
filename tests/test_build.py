"""The build as a whole, beyond what each stage's tests cover."""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from speechkb.build import build, generate
from speechkb.folders import SPEECHES_DIR
from speechkb.outputs import render
from speechkb.outputs.knowledge_pages import render_knowledge_pages
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


def test_a_live_preview_puts_an_edited_speech_into_docs_before_it_makes_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page staff look at after saving a speech is that speech's: in a large archive the sector, term and
    briefing pages take seconds more, so the speech pages go into ``docs/`` (where MkDocs' server sees them)
    first; a build from the command line still puts everything in at once."""
    config = copy_project(tmp_path)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    project = Project.load(config)
    generate(seeds, project, live_preview=True)
    edited = sorted(seeds.glob("*.txt"))[0]
    added: list[str] = []
    in_docs_when_sector_pages_start: list[bool] = []

    def sector_pages_seeing_docs(*args: object) -> Iterator[tuple[str, str]]:
        speech_pages = (tmp_path / "docs" / SPEECHES_DIR).glob("*.md")
        in_docs_when_sector_pages_start.append(any(added[-1] in page.read_text("utf-8") for page in speech_pages))
        yield from render_knowledge_pages(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render_knowledge_pages", sector_pages_seeing_docs)
    for sentence, live_preview in (("预览中新加的一句话。", True), ("构建时新加的一句话。", False)):
        added.append(sentence)
        edited.write_text(edited.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        generate(seeds, project, live_preview=live_preview)
        assert (tmp_path / "docs" / SPEECHES_DIR / "index.md").is_file()
    assert in_docs_when_sector_pages_start == [True, False]
    assert any(added[-1] in page.read_text("utf-8") for page in (tmp_path / "docs" / SPEECHES_DIR).glob("*.md"))


def test_an_archive_filed_in_sub_folders_is_built_whole(tmp_path: Path) -> None:
    """Offices file speeches by year and by leader: every speech of every sub-folder is on the site, and a file
    there that is no speech is reported with its path, as at the top."""
    config = copy_project(tmp_path)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for number, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        folder = seeds / ("2023年" if number % 2 else "领导讲话/县长" if number > 1 else ".")
        folder.mkdir(parents=True, exist_ok=True)
        for path in (seed, seed.with_suffix(".yml")):
            if path.is_file():
                shutil.copy(path, folder / path.name)
    (seeds / "2023年" / "签到表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    result = build(seeds, tmp_path / "site", config)
    assert sorted(speech.source.name for speech in result.speeches) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for speech in result.speeches:
        assert (tmp_path / "site" / SPEECHES_DIR / speech.slug / "index.html").is_file()
    [unread] = [d for d in result.diagnostics if "not read" in d.message]
    assert unread.path == seeds / "2023年" / "签到表.xls"
