"""A speech is tagged again when its text or what it sees of the vocabulary changed, and only then
(speechkb.machinery.tags_cache).

Each case generates the seed project, edits it, and regenerates, reading what the build says it tagged; that
the tags are then those of a build from nothing is the business of tests/test_incremental.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from speechkb.build import generate
from speechkb.machinery import tags_cache
from speechkb.project import Project
from tests.conftest import Said
from tests.test_page_text_cache import DEFINITION, NEW_DEFINITION, TERM, edit_terms, project_with_seeds

ALIAS = TERM + "    aliases: [底线红线双重思维]\n"


def said_when_generated(project: Project, seeds: Path) -> list[str]:
    said = Said()
    generate(seeds, project, said)
    return said.lines


def use_alias(seeds: Path) -> None:
    """One speech names the alias: the sentence goes in after its fourth line."""
    speech = sorted(seeds.glob("*.txt"))[1]
    lines = speech.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "各单位要牢固树立底线红线双重思维，做到防患于未然。")
    speech.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_an_alias_tags_again_only_the_speeches_that_use_it(tmp_path: Path) -> None:
    project, seeds = project_with_seeds(tmp_path / "project")
    use_alias(seeds)
    generate(seeds, project)
    edit_terms(project, TERM, ALIAS)
    said = said_when_generated(project, seeds)
    assert "tagged 1 of 5 speeches (4 cached)" in said
    assert "read 1 of 5 speeches for requirements (4 cached)" in said


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda project: edit_terms(project, TERM, ALIAS), id="an alias no speech uses"),
        pytest.param(lambda project: edit_terms(project, DEFINITION, NEW_DEFINITION), id="a definition"),
    ],
)
def test_a_vocabulary_edit_no_speech_sees_tags_none_again(tmp_path: Path, edit: Callable[[Project], None]) -> None:
    project, seeds = project_with_seeds(tmp_path / "project")
    generate(seeds, project)
    edit(project)
    said = said_when_generated(project, seeds)
    assert "tagged 0 of 5 speeches (5 cached)" in said
    assert "read 0 of 5 speeches for requirements (5 cached)" in said


def test_requirement_rules_edited_find_requirements_again_and_tag_nothing_again(tmp_path: Path) -> None:
    project, seeds = project_with_seeds(tmp_path / "project")
    generate(seeds, project)
    rules = project.vocabularies / "requirements.yml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# 2026年修订\n", encoding="utf-8")
    said = said_when_generated(project, seeds)
    assert "tagged 0 of 5 speeches (5 cached)" in said
    assert "read 5 of 5 speeches for requirements (0 cached)" in said


def test_a_rebuild_with_the_same_names_reads_only_the_edited_speechs_text_for_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a speech sees of the vocabulary takes reading its whole text: done once per speech and names."""
    project, seeds = project_with_seeds(tmp_path / "project")
    generate(seeds, project)
    read: list[str] = []
    seen = tags_cache.vocabulary_seen
    monkeypatch.setattr(
        tags_cache, "vocabulary_seen", lambda speech, v: read.append(speech.source.name) or seen(speech, v)
    )
    generate(seeds, project)
    assert read == []
    use_alias(seeds)
    edit_terms(project, DEFINITION, NEW_DEFINITION)  # the names are the same
    generate(seeds, project)
    assert read == [sorted(seeds.glob("*.txt"))[1].name]
    edit_terms(project, TERM, ALIAS)  # a name changed: every speech is read again
    read.clear()
    generate(seeds, project)
    assert sorted(read) == sorted(path.name for path in seeds.glob("*.txt"))


def test_an_unreadable_record_of_the_keys_is_said_and_made_again(tmp_path: Path) -> None:
    project, seeds = project_with_seeds(tmp_path / "project")
    generate(seeds, project)
    (record,) = (project.root / ".speechkb-cache" / tags_cache.TAG_KEYS_DIR).iterdir()
    record.write_bytes(record.read_bytes()[:10])
    said = said_when_generated(project, seeds)
    assert any(line.startswith("discarded 1 unreadable entries") and "tag-keys" in line for line in said), said
    assert "tagged 0 of 5 speeches (5 cached)" in said
    assert len(record.read_bytes()) > 10
    assert not any(line.startswith("discarded") for line in said_when_generated(project, seeds))
