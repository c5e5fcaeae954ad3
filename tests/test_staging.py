"""A build killed at any moment leaves the previous site and pages whole; the next build cleans up."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from speechkb.build import build, load_corpus
from speechkb.folders import INDEX_DIR, KB_JSON, SPEECHES_DIR, VOCABULARIES_DIR
from speechkb.machinery import staging as staging_module
from speechkb.machinery.cache import CACHE_DIR, STAGING_DIR, TRASH_DIR
from speechkb.machinery.staging import changes_applied, leftovers, recover, remove_unused, staged, take_spare
from speechkb.machinery.writer import PageWriter
from speechkb.mkdocs.serve import EditsObserver
from speechkb.outputs.render import environment, newest_first, render_pages
from speechkb.stages.extract import extract_corpus
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import SEEDS, TEXT_RULES, copy_project

pytestmark = pytest.mark.site  # every test here builds a real site, or runs the build command

NEW_SPEECH = "在全镇消防安全工作会议上的讲话\n同志们：\n一、提高认识\n冬季防火要抓早抓小。\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def speech_pages(seeds: Path) -> dict[str, bytes]:
    """What a complete build writes into docs/speeches/ for ``seeds``."""
    speeches, _, _ = load_corpus(seeds, TEXT_RULES)
    knowledge = extract_corpus(newest_first(speeches), load_vocabulary(seeds.parent / VOCABULARIES_DIR))
    pages = dict(render_pages(speeches, environment(), knowledge))
    return {
        path.removeprefix(f"{SPEECHES_DIR}/"): text.encode()
        for path, text in pages.items()
        if path.startswith(SPEECHES_DIR)
    }


def test_a_killed_build_leaves_the_previous_site_whole_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    seeds, site, docs = tmp_path / "seeds", tmp_path / "site", tmp_path / "docs" / SPEECHES_DIR
    shutil.copytree(SEEDS, seeds)
    build(seeds, site, config)
    site_before, pages_before = snapshot(site), speech_pages(seeds)
    assert snapshot(docs) == pages_before

    (seeds / "new.txt").write_text(NEW_SPEECH, encoding="utf-8")
    command = [sys.executable, "-m", "speechkb", "build", "--seeds", str(seeds), "--config", str(config)]
    process = subprocess.Popen(
        [*command, "--site-dir", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while not leftovers(site) and process.poll() is None:  # MkDocs has started writing the new site
        pass
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    assert leftovers(site), "killed mid-build: its staging folder is left behind"

    assert snapshot(site) == site_before
    assert snapshot(docs) in (pages_before, speech_pages(seeds))  # one build's pages, all of them

    result = build(seeds, site, config)
    assert not result.errors
    assert leftovers(site) == [] and leftovers(docs, tmp_path / CACHE_DIR / STAGING_DIR) == []
    assert not (tmp_path / ".site.old").exists()
    assert snapshot(docs) == speech_pages(seeds)
    new = next(speech for speech in result.speeches if speech.source.name == "new.txt")
    assert "冬季防火要抓早抓小" in (site / "speeches" / new.slug / "index.html").read_text(encoding="utf-8")


def test_a_build_killed_between_its_two_renames_gets_its_previous_folder_back(tmp_path: Path) -> None:
    target = tmp_path / "site"
    set_aside = tmp_path / ".site.old"
    set_aside.mkdir()
    (set_aside / "index.html").write_text("上一次的网站", encoding="utf-8")
    recover(target)
    assert (target / "index.html").read_text(encoding="utf-8") == "上一次的网站" and not set_aside.exists()


def test_the_new_folder_replaces_the_old_one_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A live preview's server watches docs/ and serves site/ while they are replaced: the folder is never missing."""
    if staging_module._renameat2 is None:
        pytest.skip("the system has no renameat2: the folders are swapped with two renames")
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("旧", encoding="utf-8")
    there_at_each_rename: list[bool] = []
    rename = Path.rename

    def watched(path: Path, to: Path) -> Path:
        there_at_each_rename.append(target.exists())
        moved = rename(path, to)
        there_at_each_rename.append(target.exists())
        return moved

    monkeypatch.setattr(Path, "rename", watched)
    with staged(target, tmp_path / "trash", tmp_path / "work") as staging:
        (staging / "index.html").write_text("新", encoding="utf-8")
    assert snapshot(target) == {"index.html": "新".encode()}
    assert there_at_each_rename and all(there_at_each_rename)
    assert leftovers(target, tmp_path / "work") == []


def test_a_failed_step_leaves_the_target_untouched_and_no_staging_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("旧", encoding="utf-8")
    with pytest.raises(OSError), staged(target) as staging:
        (staging / "index.html").write_text("新", encoding="utf-8")
        raise OSError("disk full")
    assert snapshot(target) == {"index.html": "旧".encode()} and leftovers(target) == []
    with staged(target) as staging:
        (staging / "index.html").write_text("新", encoding="utf-8")
    assert snapshot(target) == {"index.html": "新".encode()} and leftovers(target) == []


def test_a_rebuild_rewrites_only_the_pages_whose_text_changed(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    shutil.copytree(SEEDS, seeds)
    build(seeds, tmp_path / "site", config)
    before = {path: (path.stat(), path.read_bytes()) for path in docs.rglob("*.md")}
    edited = sorted(seeds.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n会后请各单位抓好落实。\n", encoding="utf-8")
    stale = docs / "kb.json"  # what an earlier version wrote: it must not stay and be published
    stale.write_text("{}", encoding="utf-8")

    result = build(seeds, tmp_path / "site", config)

    assert not stale.exists() and not (tmp_path / "site" / "kb.json").exists()
    assert (tmp_path / "site" / KB_JSON).read_bytes() == (docs / KB_JSON).read_bytes()

    page = docs / SPEECHES_DIR / f"{next(s.slug for s in result.speeches if s.source.name == edited.name)}.md"
    assert "会后请各单位抓好落实。" in page.read_text(encoding="utf-8")
    changed = {path for path, (_, text) in before.items() if path.read_bytes() != text}
    rewritten = {path for path, (stat, _) in before.items() if path.stat().st_mtime_ns != stat.st_mtime_ns}
    assert page in changed and len(changed) < len(before) / 10  # the speech and a count on the home page
    assert rewritten == changed, sorted(str(path.relative_to(docs)) for path in rewritten ^ changed)
    assert all(path.stat().st_ino == stat.st_ino for path, (stat, _) in before.items() if path not in changed)


def test_the_replaced_folder_goes_to_the_trash_and_is_deleted_there_in_the_background(tmp_path: Path) -> None:
    target, trash = tmp_path / "site", tmp_path / ".speechkb-cache" / "trash"
    target.mkdir()
    (target / "old.html").write_text("旧", encoding="utf-8")
    with staged(target, trash) as staging:
        (staging / "index.html").write_text("新", encoding="utf-8")
    assert snapshot(target) == {"index.html": "新".encode()}
    assert sorted(path.name for path in tmp_path.iterdir()) == [".speechkb-cache", "site"]  # nothing beside it
    waited = time.monotonic()
    while any(trash.iterdir()) and time.monotonic() - waited < 60:
        time.sleep(0.05)
    assert list(trash.iterdir()) == []


def test_the_replaced_site_keeps_its_folders_emptied_for_the_next_build_to_write_into(tmp_path: Path) -> None:
    """Removing a folder is what costs on a disk that discards freed blocks: a build reuses the ones it replaced."""
    target, trash, spare = tmp_path / "site", tmp_path / "trash", tmp_path / "spare" / "site"
    target.mkdir()
    for page in ("a", "b", "c/d"):
        (target / page).mkdir(parents=True)
        (target / page / "index.html").write_text("旧", encoding="utf-8")
    with staged(target, trash, spare=spare) as staging:
        (staging / "index.html").write_text("新", encoding="utf-8")
    waited = time.monotonic()
    while not (spare / ".folders").exists() and time.monotonic() - waited < 60:
        time.sleep(0.05)
    kept = sorted(str(path.relative_to(spare)) for path in spare.rglob("*"))
    assert kept == [".folders", "a", "b", "c", "c/d"]  # every folder, no file of the old site but its list
    a = (spare / "a").stat().st_ino

    with staged(target, trash, spare=spare) as staging:
        recycled = take_spare(spare, staging)
        assert sorted(recycled) == ["a", "b", "c", "c/d"] and not spare.exists()
        (staging / "a" / "index.html").write_text("新", encoding="utf-8")  # b and c/d are pages removed since
        remove_unused(staging, recycled)
    assert snapshot(target) == {"a/index.html": "新".encode()}
    assert sorted(str(path.relative_to(target)) for path in target.rglob("*")) == ["a", "a/index.html"]
    assert (target / "a").stat().st_ino == a  # the same folder, not made again
    assert take_spare(tmp_path / "no-spare" / "site", tmp_path) == []


def test_a_spare_still_being_emptied_is_not_taken(tmp_path: Path) -> None:
    target, spare = tmp_path / "site", tmp_path / "spare" / "site"
    (target / "a").mkdir(parents=True)
    (target / "a" / "index.html").write_text("旧", encoding="utf-8")
    staging = tmp_path / "staging"
    staging.mkdir()
    shutil.copytree(target, spare.with_name("site.1-0.emptying"))  # a process of an earlier build at work on it
    assert take_spare(spare, staging) == [] and list(staging.iterdir()) == []


def test_pages_being_written_stay_out_of_docs_until_they_are_swapped_in(tmp_path: Path) -> None:
    """MkDocs' live preview rebuilds on any change under docs/: a build's writes must not set it off early."""
    docs, cache = tmp_path / "docs", tmp_path / CACHE_DIR
    (docs / SPEECHES_DIR).mkdir(parents=True)
    (docs / SPEECHES_DIR / "a.md").write_text("旧", encoding="utf-8")
    before = sorted(path.relative_to(docs) for path in docs.rglob("*"))
    with PageWriter(docs, cache / TRASH_DIR, cache / STAGING_DIR) as writer:
        writer.write([(f"{SPEECHES_DIR}/a.md", "新"), (f"{SPEECHES_DIR}/b.md", "新")])
        assert sorted(path.relative_to(docs) for path in docs.rglob("*")) == before  # not a file more, not one less
        assert leftovers(docs / SPEECHES_DIR, cache / STAGING_DIR)  # it is being written in the cache
        writer.commit()
    assert snapshot(docs / SPEECHES_DIR) == {"a.md": "新".encode(), "b.md": "新".encode()}
    assert leftovers(docs / SPEECHES_DIR, cache / STAGING_DIR) == []


class Events(FileSystemEventHandler):
    def __init__(self) -> None:
        self.paths: list[str] = []

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.paths.append(str(event.src_path))


def test_a_live_preview_moves_only_the_changed_pages_into_their_folder(tmp_path: Path) -> None:
    """MkDocs' live preview watches docs/: a folder swapped in is, to its file watcher, every file in it created (after
    an edit to one speech of 10,000, 10,000 events handled before the rebuild that shows it). A live preview's writer
    moves the changed pages in, leaves the others' files as they are, and removes the pages that went."""
    docs, cache = tmp_path / "docs", tmp_path / CACHE_DIR
    folder = docs / SPEECHES_DIR
    folder.mkdir(parents=True)
    for number in range(300):
        (folder / f"{number}.md").write_text(f"第{number}篇", encoding="utf-8")
    before = {path.name: path.stat() for path in folder.iterdir()}
    events = Events()
    observer = EditsObserver()  # as the live preview's server watches docs/
    observer.schedule(events, str(docs), recursive=True)
    observer.start()
    try:
        with PageWriter(docs, cache / TRASH_DIR, cache / STAGING_DIR, in_place=[SPEECHES_DIR]) as writer:
            pages = [(f"{SPEECHES_DIR}/{number}.md", f"第{number}篇") for number in range(1, 300)]
            pages[0] = (f"{SPEECHES_DIR}/1.md", "改过的第1篇")
            writer.write([*pages, (f"{SPEECHES_DIR}/new/300.md", "新的一篇")])
            assert snapshot(folder) == {name: f"第{name[:-3]}篇".encode() for name in before}  # not yet
            writer.commit()
        time.sleep(1)  # the watcher's events arrive
    finally:
        observer.stop()
        observer.join()
    after = snapshot(folder)
    assert after.pop("1.md") == "改过的第1篇".encode() and after.pop("new/300.md") == "新的一篇".encode()
    assert after == {f"{number}.md": f"第{number}篇".encode() for number in range(2, 300)}  # 0.md went
    assert all(
        (folder / name).stat().st_ino == stat.st_ino and (folder / name).stat().st_mtime_ns == stat.st_mtime_ns
        for name, stat in before.items()
        if name not in ("0.md", "1.md")
    )
    assert folder.stat().st_ino == os.stat(folder).st_ino and leftovers(folder, cache / STAGING_DIR) == []
    assert len(set(events.paths)) < 10, sorted(set(events.paths))[:20]


def test_a_live_preview_writing_a_folder_that_is_not_there_yet_puts_the_whole_folder_in(tmp_path: Path) -> None:
    target = tmp_path / "docs" / SPEECHES_DIR
    target.parent.mkdir()
    with changes_applied(target, set(), tmp_path / "trash", tmp_path / "work") as changes:
        (changes / "a.md").write_text("新", encoding="utf-8")
    assert snapshot(target) == {"a.md": "新".encode()} and leftovers(target, tmp_path / "work") == []


def test_a_live_preview_that_fails_while_writing_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "docs" / SPEECHES_DIR
    target.mkdir(parents=True)
    (target / "a.md").write_text("旧", encoding="utf-8")
    with pytest.raises(OSError), changes_applied(target, set(), tmp_path / "trash", tmp_path / "work") as changes:
        (changes / "a.md").write_text("新", encoding="utf-8")
        raise OSError("disk full")
    assert snapshot(target) == {"a.md": "旧".encode()} and leftovers(target, tmp_path / "work") == []


def test_a_live_preview_keeps_the_unchanged_files_another_process_wrote_in_place(tmp_path: Path) -> None:
    """The search index is written by a process of its own (speechkb.build): the files it left in place come back
    with its tally, or the commit would remove them as pages that went."""
    docs, cache = tmp_path / "docs", tmp_path / CACHE_DIR
    (docs / INDEX_DIR).mkdir(parents=True)
    for number in range(3):
        (docs / INDEX_DIR / f"d{number}.js").write_text(f"索引{number}", encoding="utf-8")
    index = [(f"{INDEX_DIR}/d{number}.js", f"索引{number}") for number in range(2)]
    with (
        pytest.raises(KeyboardInterrupt),
        PageWriter(docs, cache / TRASH_DIR, cache / STAGING_DIR, in_place=[INDEX_DIR]) as other_process,
    ):
        tally = other_process.write(index, record=False)
        raise KeyboardInterrupt  # the other process commits nothing: the build's does
    assert len(list((docs / INDEX_DIR).iterdir())) == 3
    assert tally.left == (f"{INDEX_DIR}/d0.js", f"{INDEX_DIR}/d1.js")
    with PageWriter(docs, cache / TRASH_DIR, cache / STAGING_DIR, in_place=[INDEX_DIR]) as writer:
        writer.write([(f"{INDEX_DIR}/d2.js", "新索引")], record=False)  # its own share, as the other's is unknown to it
        writer.record(tally)
        writer.commit()
    assert snapshot(docs / INDEX_DIR) == {
        "d0.js": "索引0".encode(),
        "d1.js": "索引1".encode(),
        "d2.js": "新索引".encode(),
    }
