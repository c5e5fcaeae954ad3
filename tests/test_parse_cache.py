"""The parse cache: a rebuild parses only the speeches that changed, and gets the same speeches back."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from speechkb.build import build
from speechkb.machinery import parse_cache
from speechkb.machinery.cache import ResultCache
from speechkb.machinery.parse_cache import ParseCache, ParseCount, read_and_parse_all
from speechkb.stages.readers import find_speeches
from tests.conftest import ROOT, SEEDS, TEXT_RULES, Said, copy_project

pytestmark = pytest.mark.site  # every test here builds a real site, or runs the build command

VOCABULARIES = ROOT / "vocabularies"


def test_a_rebuild_parses_only_the_speech_that_changed(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    first = build(seeds, tmp_path / "site", config)
    assert first.parsed == ParseCount(parsed=5, cached=0)

    again = build(seeds, tmp_path / "site", config)
    assert again.parsed == ParseCount(parsed=0, cached=5)
    assert again.speeches == first.speeches

    edited = sorted(seeds.glob("*.txt"))[2]
    edited.write_text(edited.read_text(encoding="utf-8") + "同志们，散会。\n", encoding="utf-8")
    after_edit = build(seeds, tmp_path / "site", config)
    assert after_edit.parsed == ParseCount(parsed=1, cached=4)
    changed = next(s for s in after_edit.speeches if s.source == edited)
    page = (tmp_path / "docs" / "speeches" / f"{changed.slug}.md").read_text(encoding="utf-8")
    assert "同志们，散会。" in page

    sidecar = edited.with_suffix(".yml")
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "place: 某县\n", encoding="utf-8")
    assert build(seeds, tmp_path / "site", config).parsed == ParseCount(parsed=1, cached=4)

    chrome = tmp_path / "vocabularies" / "chrome.yml"  # what counts as chrome changes how every speech parses
    chrome.write_text(chrome.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build(seeds, tmp_path / "site", config).parsed == ParseCount(parsed=5, cached=0)

    edited.unlink()
    assert build(seeds, tmp_path / "site", config).parsed == ParseCount(parsed=0, cached=4)
    assert len(list(ParseCache(tmp_path, VOCABULARIES).folder.iterdir())) == 4  # the removed speech's entry is gone


def test_a_folder_named_another_way_gives_speeches_of_that_path_and_later_caches_still_hit(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    relative = Path("seeds")
    for seeds in (tmp_path / "seeds", relative, tmp_path / "seeds"):
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(tmp_path)
            result = build(seeds, tmp_path / "site", config)
        assert {speech.source.parent for speech in result.speeches} == {seeds}
    said = Said()
    again = build(tmp_path / "seeds", tmp_path / "site", config, progress=said)
    assert again.parsed == ParseCount(parsed=0, cached=5)
    assert "tagged 0 of 5 speeches (5 cached)" in said.lines


def test_an_unreadable_cache_entry_is_parsed_again(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path, VOCABULARIES)
    paths = find_speeches(SEEDS)
    fresh, _ = read_and_parse_all(paths, TEXT_RULES, cache)
    (cache.folder / cache.key(paths[0])).write_bytes(b"not a pickle")
    again, count = read_and_parse_all(paths, TEXT_RULES, cache)
    assert count == ParseCount(parsed=1, cached=4) and again == fresh


def test_a_large_corpus_parsed_by_several_processes_matches_one_process(tmp_path: Path) -> None:
    paths = []
    for copy in range(90):  # 450 speeches: enough for the process pool
        for seed in SEEDS.glob("*.txt"):
            target = tmp_path / f"{copy:03d}-{seed.name}"
            shutil.copy(seed, target)
            paths.append(target)
    paths.sort()
    pooled, count = read_and_parse_all(paths, TEXT_RULES, None)
    assert count == ParseCount(parsed=450, cached=0)
    assert pooled == [read_and_parse_all([path], TEXT_RULES, None)[0][0] for path in paths]


def test_a_live_preview_hashes_again_only_a_file_whose_identity_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process that remembers (the live preview's) keeps each file's key with what it saw of the file: an edit,
    even one that keeps the size and sets the modification time back, changes the change time, and is hashed."""
    monkeypatch.setattr(ResultCache, "remembered", {})
    monkeypatch.setattr(parse_cache, "_KEYS_SEEN", {})
    speech, sidecar = tmp_path / "讲话.txt", tmp_path / "讲话.yml"
    speech.write_text("关于安全生产的讲话\n同志们：\n要抓好安全。\n", encoding="utf-8")
    cache = ParseCache(tmp_path, VOCABULARIES)
    first = cache.key(speech)

    reads: list[Path] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: reads.append(path) or read_bytes(path))
    assert ParseCache(tmp_path, VOCABULARIES).key(speech) == first and speech not in reads  # not read again

    before = speech.stat()
    speech.write_text("关于安全生产的讲话\n同志们：\n要抓好消防。\n", encoding="utf-8")  # same size
    os.utime(speech, ns=(before.st_atime_ns, before.st_mtime_ns))
    edited = ParseCache(tmp_path, VOCABULARIES).key(speech)
    assert edited != first and speech in reads

    sidecar.write_text("place: 某县\n", encoding="utf-8")
    assert ParseCache(tmp_path, VOCABULARIES).key(speech) not in (first, edited)
