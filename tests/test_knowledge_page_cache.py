"""A sector, term, briefing or year matrix page is rendered again when a speech it draws on changed, and only
then (speechkb.machinery.knowledge_page_cache).

The archive here is the seeds, each given under several dates, so that the sectors and terms have more speeches
than their pages quote (``NEWEST_QUOTED``) and list the older ones by year. Each case regenerates after an edit,
reads how many sector, term, briefing and year matrix pages were rendered, and compares every one of them with
those of the same archive generated from nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from speechkb.build import generate
from speechkb.folders import BRIEFINGS_DIR, SECTORS_DIR, TERMS_DIR
from speechkb.machinery.cache import CACHE_DIR
from speechkb.machinery.knowledge_page_cache import KNOWLEDGE_PAGES_DIR
from speechkb.outputs.knowledge_pages import NEWEST_QUOTED
from speechkb.project import Project
from tests.conftest import SEEDS, Said, copy_project

YEARS = (2019, 2020, 2021, 2022)
SENTENCE = "要加强危险化学品企业的风险分级管控，严格落实“党政同责、一岗双责”。"
UNTAGGED = "会议材料请各位会后带回，散会。"


def archive(root: Path) -> tuple[Project, Path]:
    """The project of ``root`` with each seed speech given in each of :data:`YEARS` (a title and date of its own)."""
    project = Project.load(copy_project(root))
    seeds = root / "seeds"
    seeds.mkdir()
    for year in YEARS:
        for text in sorted(SEEDS.glob("*.txt")):
            name = f"{year}-{text.stem}"
            shutil.copy(text, seeds / f"{name}.txt")
            sidecar = (
                f'title: 在{year}年第{text.stem[:3]}次安全生产会议上的讲话\ndate: "{year}-0{int(text.stem[:3]) + 1}"\n'
            )
            (seeds / f"{name}.yml").write_text(sidecar, encoding="utf-8")
    return project, seeds


def regenerate(project: Project, seeds: Path) -> tuple[int, int]:
    """How many sector, term, briefing and year matrix pages were rendered, and how many there are."""
    said = Said()
    generate(seeds, project, said)
    counts = [line for line in said.lines if "sector, term, briefing and year matrix pages" in line]
    assert len(counts) == 1, said.lines
    rendered, total = (
        counts[0].split("rendered ")[-1].split(" sector, term, briefing and year matrix pages")[0].split(" of ")
    )
    return int(rendered), int(total)


def tags_of(project: Project, seeds: Path, name: str) -> tuple[set[str], set[str]]:
    """The sectors and the terms (slugs) of the speech in the file ``name``."""
    knowledge = generate(seeds, project).knowledge
    tagged = next(t for t in knowledge.speeches if t.speech.source.name == name)
    return set(tagged.tags.sectors), set(tagged.tags.terms)


def speech_slug(project: Project, seeds: Path, name: str) -> str:
    knowledge = generate(seeds, project).knowledge
    return next(t.speech.slug for t in knowledge.speeches if t.speech.source.name == name)


def knowledge_pages(project: Project) -> dict[str, str]:
    folders = (project.docs_dir / SECTORS_DIR, project.docs_dir / TERMS_DIR, project.docs_dir / BRIEFINGS_DIR)
    return {
        f"{page.parent.name}/{page.name}": page.read_text(encoding="utf-8") for f in folders for page in f.glob("*.md")
    }


def assert_same_as_from_nothing(project: Project, seeds: Path, tmp_path: Path) -> None:
    clean = Project.load(copy_project(tmp_path / "clean"))
    shutil.rmtree(clean.vocabularies)
    shutil.copytree(project.vocabularies, clean.vocabularies)
    shutil.copytree(seeds, tmp_path / "clean" / "seeds")
    generate(tmp_path / "clean" / "seeds", clean)
    incremental, from_nothing = knowledge_pages(project), knowledge_pages(clean)
    assert sorted(incremental) == sorted(from_nothing)
    assert [page for page in incremental if incremental[page] != from_nothing[page]] == []


def test_the_archive_has_more_speeches_per_page_than_a_page_quotes(tmp_path: Path) -> None:
    project, seeds = archive(tmp_path / "archive")
    knowledge = generate(seeds, project).knowledge
    assert max(len(knowledge.passages_by_speech(sector=s.slug)) for s in knowledge.vocabulary.sectors) > NEWEST_QUOTED


def test_nothing_changed_renders_no_sector_term_or_briefing_page(tmp_path: Path) -> None:
    project, seeds = archive(tmp_path / "archive")
    rendered, total = regenerate(project, seeds)
    assert rendered == total > 0
    rendered, total = regenerate(project, seeds)
    assert rendered == 0
    assert len(list((project.root / CACHE_DIR / KNOWLEDGE_PAGES_DIR).iterdir())) == total


def test_an_old_speech_edited_renders_the_pages_of_its_sectors_and_terms_and_only_those(tmp_path: Path) -> None:
    project, seeds = archive(tmp_path / "archive")
    regenerate(project, seeds)
    speech = seeds / f"{YEARS[0]}-{sorted(SEEDS.glob('*.txt'))[1].stem}.txt"
    sectors, terms = tags_of(project, seeds, speech.name)
    speech.write_text(speech.read_text(encoding="utf-8") + SENTENCE + "\n", encoding="utf-8")
    rendered, total = regenerate(project, seeds)
    sectors_after, terms_after = tags_of(project, seeds, speech.name)
    # A sector's page and its briefing, a term's page, and the matrix of the speech's year.
    assert 0 < rendered == 2 * len(sectors | sectors_after) + len(terms | terms_after) + 1 < total
    assert_same_as_from_nothing(project, seeds, tmp_path)


def test_an_edit_no_sector_term_or_briefing_page_shows_renders_none_of_them(tmp_path: Path) -> None:
    """A line added that no sector or term tags: the speech's own page changes, no page drawing on it does."""
    project, seeds = archive(tmp_path / "archive")
    regenerate(project, seeds)
    speech = seeds / f"{YEARS[0]}-{sorted(SEEDS.glob('*.txt'))[1].stem}.txt"
    tags_before = tags_of(project, seeds, speech.name)
    speech.write_text(speech.read_text(encoding="utf-8") + UNTAGGED + "\n", encoding="utf-8")
    rendered, total = regenerate(project, seeds)
    assert tags_of(project, seeds, speech.name) == tags_before
    assert UNTAGGED in (project.docs_dir / "speeches").joinpath(
        f"{speech_slug(project, seeds, speech.name)}.md"
    ).read_text(encoding="utf-8")
    assert rendered == 0 < total
    assert_same_as_from_nothing(project, seeds, tmp_path)


def test_a_speech_removed_or_redated_renders_its_pages_and_they_match_a_build_from_nothing(tmp_path: Path) -> None:
    project, seeds = archive(tmp_path / "archive")
    regenerate(project, seeds)
    stems = sorted(text.stem for text in SEEDS.glob("*.txt"))
    (seeds / f"{YEARS[1]}-{stems[0]}.txt").unlink()
    (seeds / f"{YEARS[1]}-{stems[0]}.yml").unlink()
    # The oldest speech becomes the newest: it moves from the lists of older years to the quoted ones.
    redated = seeds / f"{YEARS[0]}-{stems[2]}.yml"
    redated.write_text(redated.read_text(encoding="utf-8").replace(f'"{YEARS[0]}-', '"2025-'), encoding="utf-8")
    rendered, total = regenerate(project, seeds)
    assert 0 < rendered < total
    assert_same_as_from_nothing(project, seeds, tmp_path)


def test_an_alias_renders_its_entry_s_pages_and_those_drawing_on_the_speeches_it_tags_anew(tmp_path: Path) -> None:
    """An everyday vocabulary edit: a page shows of the vocabulary every entry's name, description or definition, and
    its own entry's aliases; the speeches the alias tags anew re-render their sectors' and terms' pages."""
    project, seeds = archive(tmp_path / "archive")
    regenerate(project, seeds)
    sectors = project.vocabularies / "sectors.yml"
    text = sectors.read_text(encoding="utf-8")
    assert "aliases: [工矿商贸, 工贸企业," in text
    sectors.write_text(
        text.replace("aliases: [工矿商贸, 工贸企业,", "aliases: [工矿商贸, 工贸企业, 工业园区,"), encoding="utf-8"
    )
    rendered, total = regenerate(project, seeds)
    assert 2 <= rendered < total  # the sector's page and its briefing at least; was every page (143)
    assert_same_as_from_nothing(project, seeds, tmp_path)


def test_a_definition_edited_renders_every_sector_term_and_briefing_page_again(tmp_path: Path) -> None:
    """Every page may show a term's definition or a sector's description (a related one's), so every page is
    rendered again; this one edit is rare."""
    project, seeds = archive(tmp_path / "archive")
    regenerate(project, seeds)
    terms = project.vocabularies / "terms.yml"
    text = terms.read_text(encoding="utf-8")
    definition = next(line for line in text.splitlines() if line.strip().startswith("definition:"))
    terms.write_text(text.replace(definition, definition.rstrip() + "（修订）", 1), encoding="utf-8")
    rendered, total = regenerate(project, seeds)
    assert rendered == total
    assert_same_as_from_nothing(project, seeds, tmp_path)
