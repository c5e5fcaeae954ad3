"""A speech page is rendered again when something it shows changed, and only then (speechkb.machinery.page_text_cache).

An office edits its vocabularies more than its templates: an alias or a definition added to ``terms.yml``
must not re-render thousands of speech pages whose speeches it does not name. Each case generates the seed
project, edits it, regenerates, and reads how many speech pages were rendered, then compares the speech
pages with those of a project generated from nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from speechkb.build import generate
from speechkb.folders import SPEECHES_DIR
from speechkb.project import Project
from tests.conftest import SEEDS, Said, copy_project

DEFINITION = "    definition: 从最坏处着想、守住安全底线的思考方法。\n"
NEW_DEFINITION = "    definition: 凡事从坏处准备，努力争取最好的结果。\n"
TERM = "    slug: di-xian-si-wei\n"
SPEECH_TEMPLATE = (
    "{{ speech.title }}\n{% for term in links.terms %}{{ term.name }}：{{ term.definition }}\n{% endfor %}"
)


def project_with_seeds(root: Path, seeds: Path = SEEDS) -> tuple[Project, Path]:
    project = Project.load(copy_project(root))
    shutil.copytree(seeds, root / "seeds")
    return project, root / "seeds"


def edit_terms(project: Project, before: str, after: str) -> None:
    file = project.vocabularies / "terms.yml"
    text = file.read_text(encoding="utf-8")
    assert before in text
    file.write_text(text.replace(before, after, 1), encoding="utf-8")


def rendered_speech_pages(project: Project, seeds: Path) -> int:
    said = Said()
    speeches = len(generate(seeds, project, said).knowledge.speeches)
    for rendered in range(speeches + 1):
        count = f"rendered {rendered} of {speeches} speech pages ({speeches - rendered} cached)"
        if any(count in line for line in said.lines):
            return rendered
    raise AssertionError(f"no count of rendered speech pages in {said.lines}")


def speech_pages(project: Project) -> dict[str, str]:
    folder = project.docs_dir / SPEECHES_DIR
    return {
        page.name: page.read_text(encoding="utf-8") for page in sorted(folder.glob("*.md")) if page.name != "index.md"
    }


def same_as_from_nothing(project: Project, seeds: Path, tmp_path: Path) -> None:
    clean, clean_seeds = project_with_seeds(tmp_path / "clean", seeds)
    shutil.rmtree(clean.vocabularies)
    shutil.copytree(project.vocabularies, clean.vocabularies)
    if project.templates.is_dir():
        shutil.copytree(project.templates, clean.templates)
    generate(clean_seeds, clean)
    assert speech_pages(project) == speech_pages(clean)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(TERM, TERM + "    aliases: [底线红线双重思维]\n", id="an alias no speech uses"),
        pytest.param(DEFINITION, NEW_DEFINITION, id="a definition"),
    ],
)
def test_a_vocabulary_edit_no_speech_page_shows_renders_no_speech_page(tmp_path: Path, before: str, after: str) -> None:
    project, seeds = project_with_seeds(tmp_path / "project")
    generate(seeds, project)
    edit_terms(project, before, after)
    assert rendered_speech_pages(project, seeds) == 0
    same_as_from_nothing(project, seeds, tmp_path)


def test_an_alias_renders_again_the_pages_of_the_speeches_that_use_it_and_only_those(tmp_path: Path) -> None:
    project, seeds = project_with_seeds(tmp_path / "project")
    speech = sorted(seeds.glob("*.txt"))[1]
    lines = speech.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "各单位要牢固树立底线红线双重思维，做到防患于未然。")
    speech.write_text("\n".join(lines) + "\n", encoding="utf-8")
    generate(seeds, project)
    edit_terms(project, TERM, TERM + "    aliases: [底线红线双重思维]\n")
    assert rendered_speech_pages(project, seeds) == 1
    link = '<a class="kb-term" href="../terms/di-xian-si-wei.md">底线红线双重思维</a>'
    assert [text.count(link) for text in speech_pages(project).values()].count(1) == 1
    same_as_from_nothing(project, seeds, tmp_path)


def test_a_projects_own_speech_template_may_show_more_of_a_term_and_is_rendered_again_when_it_changes(
    tmp_path: Path,
) -> None:
    project, seeds = project_with_seeds(tmp_path / "project")
    project.templates.mkdir()
    (project.templates / "speech.md.j2").write_text(SPEECH_TEMPLATE, encoding="utf-8")
    generate(seeds, project)
    using = [page for page, text in speech_pages(project).items() if "底线思维：" in text]
    assert using, "no seed speech names 底线思维: pick a term they use"
    edit_terms(project, DEFINITION, NEW_DEFINITION)
    assert rendered_speech_pages(project, seeds) == len(using)
    assert all("底线思维：凡事从坏处准备" in speech_pages(project)[page] for page in using)
    same_as_from_nothing(project, seeds, tmp_path)
