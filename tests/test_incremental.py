"""A rebuild reuses what did not change, and builds exactly the site a build from nothing builds.

The build keeps each speech's parse, tags and Markdown in ``.speechkb-cache/`` (speechkb.machinery.parse_cache,
tags_cache, requirements_cache, page_text_cache, knowledge_page_cache), and each page's conversion and HTML beside them (speechkb.mkdocs.pages_plugin,
output_cache). Here a project
goes through random rounds of edits (speeches changed, added, renamed and removed, aliases added to both
vocabularies, cache entries damaged) with a rebuild after each, and its site is then compared, file by
file, with that of a copy built from nothing.
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest

from speechkb.build import build, generate
from speechkb.folders import GENERATED_DIRS, GENERATED_FILES, SPEECHES_DIR
from speechkb.machinery.cache import CACHE_DIR, SPARE_DIR, ResultCache
from speechkb.machinery.page_text_cache import SpeechPageCache
from speechkb.project import Project
from tests.conftest import ROOT, SEEDS, Said, copy_project

pytestmark = pytest.mark.site

# Invented sentences that name terms and sectors, some only through the aliases the rounds add.
SENTENCES = (
    "要严格落实“党政同责、一岗双责”，把道路交通隐患排查治理抓细抓实。",
    "各乡镇要党政齐抓，守住安全生产红线，坚决遏制重特大事故。",
    "码头作业和渡口渡船要逐一检查，确保汛期水上交通安全。",
    "要加强危险化学品企业的风险分级管控，督促企业落实主体责任。",
    "对消防通道堵塞等问题，要做到整改措施、责任、资金、时限和预案“五落实”。",
    "建筑施工领域要开展专项整治，严厉打击“三非”行为。",
)
# Each round's alias names something in the invented sentences and in speeches no edit touches (the seeds
# speak of 问题导向 and 工业园区): those speeches' tags and pages change with the vocabulary alone.
TERM_ALIASES = (
    ("    slug: dang-zheng-tong-ze\n", "    slug: dang-zheng-tong-ze\n    aliases: [党政齐抓]\n"),
    ("    slug: di-xian-si-wei\n", "    slug: di-xian-si-wei\n    aliases: [问题导向]\n"),
)
SECTOR_ALIASES = (
    ("渡口, 渡船, 船舶]", "渡口, 渡船, 船舶, 码头作业]"),
    ("aliases: [工矿商贸, 工贸企业,", "aliases: [工矿商贸, 工贸企业, 工业园区,"),
)


def edit(rng: random.Random, seeds: Path) -> None:
    speech = rng.choice(sorted(seeds.glob("*.txt")))
    lines = speech.read_text(encoding="utf-8").splitlines()
    lines.insert(rng.randrange(3, len(lines)), rng.choice(SENTENCES))
    speech.write_text("\n".join(lines) + "\n", encoding="utf-8")


def add(rng: random.Random, seeds: Path, number: int) -> None:
    body = [rng.choice(SENTENCES) for _ in range(rng.randrange(2, 5))]
    text = "\n".join(
        [f"在全县第{number}次安全生产工作会议上的讲话", "同志们：", "一、压实安全责任", *body, "谢谢大家！"]
    )
    (seeds / f"added-{number}.txt").write_text(text + "\n", encoding="utf-8")


def retitle(rng: random.Random, seeds: Path, number: int) -> None:
    """A sidecar names its speech anew: the speech's slug and every page that lists or relates it change."""
    sidecar = rng.choice(sorted(seeds.glob("*.yml")))
    lines = [line for line in sidecar.read_text(encoding="utf-8").splitlines() if not line.startswith("title:")]
    sidecar.write_text("\n".join([*lines, f"title: 在全县第{number}次安委会全体会议上的讲话"]) + "\n", encoding="utf-8")


def remove(rng: random.Random, seeds: Path) -> None:
    rng.choice(sorted(seeds.glob("*.txt"))).unlink()


def add_aliases(vocabularies: Path, name: str, changes: tuple[tuple[str, str], ...]) -> None:
    file = vocabularies / name
    text = file.read_text(encoding="utf-8")
    for before, after in changes:
        assert before in text
        text = text.replace(before, after, 1)
    file.write_text(text, encoding="utf-8")


def damage_one_entry(cache: Path, stage: str) -> None:
    """Cut the first entry of ``stage`` short by half: cut to a fixed length, an entry shorter than that (the pickled
    checklist ``[]`` of a sector nothing is required of, 19 bytes) was left whole, and its cache said nothing."""
    entry = sorted((cache / stage).iterdir())[0]
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2])


def files(root: Path) -> dict[str, bytes]:
    """Every file of the site and of the generated part of docs/, by path."""
    found = {f"site/{p.relative_to(root / 'site')}": p for p in (root / "site").rglob("*")}
    docs = root / "docs"
    for name in (*GENERATED_DIRS, *GENERATED_FILES):
        target = docs / name
        found |= {f"docs/{p.relative_to(docs)}": p for p in [target, *target.rglob("*")] if target.exists()}
    # A folder too, so that a page removed leaves none behind, empty, in the site (speechkb.machinery.staging's spare).
    return {name: path.read_bytes() if path.is_file() else b"<folder>" for name, path in sorted(found.items())}


def await_spare(root: Path) -> None:
    """Wait until the folders of the site the last build replaced are ready for the next to write into."""
    ready, waited = root / CACHE_DIR / SPARE_DIR / "site" / ".folders", time.monotonic()
    while not ready.exists() and time.monotonic() - waited < 60:
        time.sleep(0.05)
    assert ready.exists()


@pytest.mark.parametrize("seed", [19])
def test_an_incremental_build_is_byte_identical_to_a_build_from_nothing(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = tmp_path / "incremental"
    config = copy_project(root)
    seeds, vocabularies, cache = root / "seeds", root / "vocabularies", root / CACHE_DIR
    shutil.copytree(SEEDS, seeds)
    build(seeds, root / "site", config)

    # Round 1: speeches changed and added, aliases added to the terms.
    edit(rng, seeds)
    edit(rng, seeds)
    add(rng, seeds, 1)
    add_aliases(vocabularies, "terms.yml", TERM_ALIASES)
    build(seeds, root / "site", config)

    await_spare(root)
    # Round 2: a speech removed, one changed, one added, aliases added to the sectors.
    remove(rng, seeds)
    edit(rng, seeds)
    add(rng, seeds, 2)
    add_aliases(vocabularies, "sectors.yml", SECTOR_ALIASES)
    build(seeds, root / "site", config)

    await_spare(root)
    # Round 3: one speech changed, one renamed (the same one, maybe): only they are tagged again, and the
    # pages relating the renamed one are rendered again.
    edit(rng, seeds)
    retitle(rng, seeds, 3)
    said = Said()
    count = len(build(seeds, root / "site", config, progress=said).speeches)
    assert {f"tagged {n} of {count} speeches ({count - n} cached)" for n in (1, 2)} & set(said.lines)
    read_again = {f"read {n} of {count} speeches for requirements ({count - n} cached)" for n in (1, 2)}
    assert read_again & set(said.lines), said.lines

    # Round 4: nothing changed, but an entry of each cache is damaged: it is discarded, said, and made again.
    # The records of the site's and docs/' files too: unreadable, they link no file, so each file is read or made
    # again (the search index's passage files among them).
    stages = (
        "parsed",
        "tags",
        "tag-keys",
        "definitions",
        "requirements",
        "speech-pages",
        "knowledge-pages",
        "knowledge-file",
        "related",
        "pages",
        "outputs",
        "written",
        "written-docs",
    )
    for stage in stages:
        damage_one_entry(cache, stage)
    said = Said()
    build(seeds, root / "site", config, progress=said)
    discarded = {line for line in said.lines if line.startswith("discarded 1 unreadable entries")}
    # Which cache did not say so, by name: the whole message is cut short in a failure's report.
    not_said = [stage for stage in stages if not any(f"/{stage} (computed again)" in line for line in discarded)]
    assert not not_said, (not_said, said.lines)
    assert len(discarded) == len(stages), said.lines

    clean = tmp_path / "clean"
    copy_project(clean)
    shutil.rmtree(clean / "vocabularies")
    shutil.copytree(vocabularies, clean / "vocabularies")
    shutil.copytree(seeds, clean / "seeds")
    build(clean / "seeds", clean / "site", clean / "mkdocs.yml")

    incremental, from_nothing = files(root), files(clean)
    assert sorted(incremental) == sorted(from_nothing)
    assert [name for name in incremental if incremental[name] != from_nothing[name]] == []


def test_editing_the_second_speech_of_a_file_rebuilds_the_site_a_build_from_nothing_builds(tmp_path: Path) -> None:
    """A file holding two speeches is one parse but two pages: an edit to the second parses the file again, and the
    rebuilt site is the one a build from nothing makes."""
    root = tmp_path / "incremental"
    config = copy_project(root)
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    two = seeds / "两篇讲话.txt"
    shutil.copy(ROOT / "tests" / "forms" / "word-two-speeches-one-file.txt", two)
    first = build(seeds, root / "site", config)
    assert sorted(s.source_name for s in first.speeches if s.source == two) == [
        "两篇讲话.txt（第1篇）",
        "两篇讲话.txt（第2篇）",
    ]

    text = two.read_text(encoding="utf-8")
    added = "县应急管理局要牵头建立问题清单，实行销号管理。"
    assert text.count("每月通报进展情况。") == 1  # a sentence of the second speech's
    two.write_text(text.replace("每月通报进展情况。", "每月通报进展情况。" + added), encoding="utf-8")
    said = Said()
    rebuilt = build(seeds, root / "site", config, progress=said)
    files_count = len(list(seeds.glob("*.txt")))
    assert f"parsed 1 of {files_count} files ({files_count - 1} cached)" in " ".join(said.lines), said.lines
    second = next(s for s in rebuilt.speeches if s.source == two and s.part == 2)
    assert added in (root / "site" / "speeches" / second.slug / "index.html").read_text(encoding="utf-8")

    clean = tmp_path / "clean"
    copy_project(clean)
    shutil.copytree(seeds, clean / "seeds")
    build(clean / "seeds", clean / "site", clean / "mkdocs.yml")
    incremental, from_nothing = files(root), files(clean)
    assert sorted(incremental) == sorted(from_nothing)
    assert [name for name in incremental if incremental[name] != from_nothing[name]] == []


def test_a_live_preview_remembering_what_it_read_writes_what_a_build_from_nothing_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``speechkb serve`` keeps the cached results it read in memory for its next regeneration (see
    speechkb.machinery.cache.remember_in_process) and puts the pages in before the search index."""
    monkeypatch.setattr(ResultCache, "remembered", {})  # what remember_in_process sets, for this test only
    rng = random.Random(23)
    root = tmp_path / "preview"
    project = Project.load(copy_project(root))
    seeds, vocabularies = root / "seeds", root / "vocabularies"
    shutil.copytree(SEEDS, seeds)
    generate(seeds, project, live_preview=True)
    edit(rng, seeds)
    add_aliases(vocabularies, "terms.yml", TERM_ALIASES)
    generate(seeds, project, live_preview=True)
    retitle(rng, seeds, 1)
    remove(rng, seeds)
    add(rng, seeds, 2)
    add_aliases(vocabularies, "sectors.yml", SECTOR_ALIASES)
    generate(seeds, project, live_preview=True)
    assert ResultCache.remembered  # it did remember

    monkeypatch.setattr(ResultCache, "remembered", None)
    clean = tmp_path / "clean"
    copy_project(clean)
    shutil.rmtree(clean / "vocabularies")
    shutil.copytree(vocabularies, clean / "vocabularies")
    shutil.copytree(seeds, clean / "seeds")
    generate(clean / "seeds", Project.load(clean / "mkdocs.yml"))
    preview, from_nothing = files(root), files(clean)
    assert sorted(preview) == sorted(from_nothing)
    assert [name for name in preview if preview[name] != from_nothing[name]] == []


def test_the_first_rebuild_after_a_build_from_nothing_reads_no_speech_page_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The speech pages a build rendered are recorded with their files, as those it read from the cache are: the
    next build keeps each file as it is, without reading the page back (10,000 speeches: 4 s of that build)."""
    root = tmp_path / "project"
    project = Project.load(copy_project(root))
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    generate(seeds, project)
    pages = sorted((project.docs_dir / SPEECHES_DIR).glob("*.md"))
    before = {page.name: page.stat().st_ino for page in pages}

    read: list[str] = []
    page_read = SpeechPageCache.get

    def counted(cache: SpeechPageCache, key: str) -> str | None:
        read.append(key)
        return page_read(cache, key)

    monkeypatch.setattr(SpeechPageCache, "get", counted)
    generate(seeds, project)
    assert read == []
    assert {page.name: page.stat().st_ino for page in pages} == before  # the same files, not written again
