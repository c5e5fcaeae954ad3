"""kb.json: its URLs follow the site's URL style and stay relative to its root; joined from each speech's share,
kept between builds, it is the same bytes as the documented layout made in one piece, and as a build from nothing."""

from __future__ import annotations

import gzip
import json
import pickle
import shutil
from pathlib import Path

import pytest

from speechkb.build import generate, load_knowledge
from speechkb.folders import KB_JSON
from speechkb.machinery.cache import CACHE_DIR
from speechkb.machinery.knowledge_file_cache import KNOWLEDGE_FILE_DIR
from speechkb.mkdocs.urls import page_url
from speechkb.model import Knowledge, Speech, SpeechPassages
from speechkb.outputs.export import VERSION, SpeechJson, evidence, knowledge_json
from speechkb.project import Project
from speechkb.stages.requirements import checklist
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, SEEDS, Said, copy_project

SENTENCE = "要加强危险化学品企业的风险分级管控，严格落实“党政同责、一岗双责”。"


@pytest.mark.parametrize(
    ("path", "directory_urls", "expected"),
    [
        ("speeches/zai-xian.md", True, "speeches/zai-xian/"),
        ("speeches/zai-xian.md", False, "speeches/zai-xian.html"),
        ("sectors/index.md", True, "sectors/"),
        ("sectors/index.md", False, "sectors/index.html"),
        ("index.md", True, ""),
    ],
)
def test_page_url_matches_the_site_layout(path: str, directory_urls: bool, expected: str) -> None:
    assert page_url(path, directory_urls) == expected


# --- kb.json made from each speech's share, kept between builds (speechkb.machinery.knowledge_file_cache) -------


def documented_layout(knowledge: Knowledge, directory_urls: bool) -> bytes:
    """kb.json as the README documents it, made in one piece with ``json.dumps``: what the shares must add up to."""
    vocabulary = knowledge.vocabulary

    def place(speech: Speech, anchor: str) -> dict[str, str]:
        return {"speech": speech.slug, "anchor": anchor}

    def mentions(grouped: list[SpeechPassages]) -> list[dict[str, object]]:
        return [{"speech": s.slug, "anchors": [p.paragraph.anchor for p in paragraphs]} for s, paragraphs in grouped]

    data = {
        "version": VERSION,
        "speeches": [
            {
                "id": t.speech.slug,
                "title": t.speech.title,
                **{
                    name: getattr(t.speech.metadata, name)
                    for name in ("date", "season", "level", "place", "meeting", "speaker", "publisher")
                },
                "evidence": evidence(t.speech),
                "abridged": t.speech.abridged,
                "incomplete": t.speech.incomplete,
                "notes": [{"line": note.line, "text": note.text} for note in t.speech.notes],
                "source": t.speech.source.name,
                "part": t.speech.part,
                "url": page_url(f"speeches/{t.speech.slug}.md", directory_urls),
                "headings": [{"level": s.level, "text": s.heading, "anchor": s.anchor} for s in t.speech.sections()],
                "sectors": [vocabulary.sector(slug).name for slug in t.tags.sectors],
                "terms": [vocabulary.term(slug).name for slug in t.tags.terms],
            }
            for t in knowledge.speeches
        ],
        "sectors": [
            {
                "name": sector.name,
                "slug": sector.slug,
                "url": page_url(f"sectors/{sector.slug}.md", directory_urls),
                "aliases": list(sector.aliases),
                "parent": vocabulary.sector(sector.parent).name if sector.parent else None,
                "description": sector.description,
                "mentions": mentions(knowledge.passages_by_speech(sector=sector.slug)),
                "requirements": [
                    {
                        "group": group.label,
                        "text": item.requirement.text,
                        "form": item.requirement.form,
                        "subject": item.requirement.subject,
                        "deadline": item.requirement.deadline,
                        "terms": [vocabulary.term(slug).name for slug in item.requirement.terms],
                        "sources": [place(speech, anchor) for speech, anchor in item.sources],
                    }
                    for group in checklist(knowledge.requirements(sector.slug), vocabulary)
                    for item in group.items
                ],
            }
            for sector in vocabulary.sectors
        ],
        "terms": [
            {
                "name": term.name,
                "slug": term.slug,
                "url": page_url(f"terms/{term.slug}.md", directory_urls),
                "aliases": list(term.aliases),
                "category": term.category,
                "definition": term.definition,
                "definitions": [{**place(s, d.anchor), "text": d.text} for s, d in knowledge.definitions(term.slug)],
                "mentions": mentions(knowledge.passages_by_speech(term=term.slug)),
            }
            for term in vocabulary.terms
        ],
        "candidates": [
            {
                "name": candidate.name,
                "uses": [place(speech, anchor) for speech, anchor in candidate.uses],
                "definitions": [{**place(s, d.anchor), "text": d.text} for s, d in candidate.definitions],
            }
            for candidate in knowledge.candidates()
        ],
    }
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def seed_knowledge() -> Knowledge:
    knowledge, _ = load_knowledge(SEEDS, Project.load(ROOT / "mkdocs.yml"))
    return knowledge


@pytest.mark.parametrize("directory_urls", [True, False])
def test_kb_json_joined_from_the_speeches_shares_is_the_documented_layout_byte_for_byte(
    seed_knowledge: Knowledge, directory_urls: bool
) -> None:
    assert seed_knowledge.candidates() and any(seed_knowledge.requirements(s.slug) for s in VOCABULARY.sectors)
    assert knowledge_json(seed_knowledge, directory_urls) == documented_layout(seed_knowledge, directory_urls)


VOCABULARY = load_vocabulary(ROOT / "vocabularies")


def kb_json(project: Project, seeds: Path) -> tuple[bytes, list[str]]:
    """The kb.json.gz a generation writes into docs/, and what the build said."""
    said = Said()
    generate(seeds, project, said)
    return (project.docs_dir / KB_JSON).read_bytes(), said.lines


def project_with_seeds(root: Path) -> tuple[Project, Path]:
    project = Project.load(copy_project(root))
    shutil.copytree(SEEDS, root / "seeds")
    return project, root / "seeds"


def from_nothing(project: Project, seeds: Path, root: Path) -> bytes:
    """kb.json.gz of a copy of the project and ``seeds`` with no cache."""
    clean, clean_seeds = project_with_seeds(root)
    shutil.rmtree(clean.vocabularies)
    shutil.copytree(project.vocabularies, clean.vocabularies)
    shutil.rmtree(clean_seeds)
    shutil.copytree(seeds, clean_seeds)
    return kb_json(clean, clean_seeds)[0]


def made(lines: list[str]) -> str:
    """What the build said of the shares it made and read."""
    return next(line for line in lines if "kb.json's share" in line).split("; ")[-1].removesuffix(")")


def test_a_rebuild_makes_the_share_of_the_edited_speech_only_and_kb_json_is_the_one_made_from_nothing(
    tmp_path: Path,
) -> None:
    project, seeds = project_with_seeds(tmp_path / "project")
    count = len(list(seeds.glob("*.txt")))
    _, said = kb_json(project, seeds)
    assert made(said) == f"made kb.json's share of {count} of {count} speeches (0 cached)"
    _, said = kb_json(project, seeds)
    assert made(said) == f"made kb.json's share of 0 of {count} speeches ({count} cached)"

    edited = sorted(seeds.glob("*.txt"))[1]
    edited.write_text(edited.read_text(encoding="utf-8") + SENTENCE + "\n", encoding="utf-8")
    rebuilt, said = kb_json(project, seeds)
    assert made(said) == f"made kb.json's share of 1 of {count} speeches ({count - 1} cached)"
    assert SENTENCE[:12].encode() in gzip.decompress(rebuilt)
    assert rebuilt == from_nothing(project, seeds, tmp_path / "clean")


def test_a_renamed_sector_makes_every_share_again(tmp_path: Path) -> None:
    project, seeds = project_with_seeds(tmp_path / "project")
    kb_json(project, seeds)
    sectors = project.vocabularies / "sectors.yml"
    sectors.write_text(sectors.read_text(encoding="utf-8").replace("name: 道路交通", "name: 道路交通运输"), "utf-8")
    rebuilt, said = kb_json(project, seeds)
    count = len(list(seeds.glob("*.txt")))
    assert made(said) == f"made kb.json's share of {count} of {count} speeches (0 cached)"
    assert "道路交通运输".encode() in gzip.decompress(rebuilt)
    assert rebuilt == from_nothing(project, seeds, tmp_path / "clean")


# Cut to nothing; a pickle of something else; a share whose record is not JSON text.
@pytest.mark.parametrize("damage", [b"", pickle.dumps(None), pickle.dumps(SpeechJson("{}", {}, {}, {}))])
def test_a_damaged_share_is_discarded_with_a_notice_and_made_again(tmp_path: Path, damage: bytes) -> None:
    project, seeds = project_with_seeds(tmp_path / "project")
    first, _ = kb_json(project, seeds)
    folder = project.root / CACHE_DIR / KNOWLEDGE_FILE_DIR
    for entry in folder.iterdir():
        entry.write_bytes(damage)
    rebuilt, said = kb_json(project, seeds)
    assert f"discarded {len(list(folder.iterdir()))} unreadable entries of {folder} (computed again)" in said
    assert rebuilt == first
    _, said = kb_json(project, seeds)
    assert not [line for line in said if line.startswith("discarded")]
