"""The knowledge base as data for other tools: ``kb.json.gz`` (JSON, gzip-compressed) at the root of the site.

Every URL in it is relative to the site root (``speeches/SLUG/``), so the file works wherever the site is
published, under a domain's root or a sub-path such as a project's GitHub Pages, and a tool resolves it
against the address it fetched ``kb.json.gz`` from. The layout is documented in the README; ``version``
changes when a field changes meaning or goes away.

It is compact: a paragraph is named by its speech's id and its anchor, and its URL is the speech's ``url``
plus ``#anchor`` (spelling it out on each of a large archive's hundreds of thousands of mentions made a
third of the file), and a sector's or term's mentions are grouped by speech, which is named once.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable

from speechkb.folders import SECTORS_DIR, SPEECHES_DIR, TERMS_DIR
from speechkb.mkdocs.urls import page_url
from speechkb.model import Knowledge, Speech, SpeechPassages
from speechkb.stages.requirements import checklist

VERSION = 2


def evidence(speech: Speech) -> dict[str, dict[str, object]]:
    """Where each metadata field came from: ``{"date": {"origin": "text", "line": 3, "text": "（2023年3月15日）"}}``.

    ``origin`` is ``sidecar`` (``text`` is the sidecar's file name, no line), ``page`` (stated by a web page:
    ``text`` is the meta tag or the words, ``line`` the text's line when one states it), ``title`` or ``text``.
    """
    return {
        found.field: {"origin": found.origin.value, "line": found.line, "text": found.text} for found in speech.evidence
    }


def knowledge_file(knowledge: Knowledge, directory_urls: bool = True) -> bytes:
    """``kb.json.gz``: :func:`knowledge_json` gzip-compressed, dated 0 so that the same knowledge is the same bytes.

    As plain JSON the file was a tenth of a large archive's site (94 MB at 10,000 speeches), past what GitHub
    Pages publishes comfortably; compressed it is a tenth of that, and every tool reads gzip.
    """
    return gzip.compress(knowledge_json(knowledge, directory_urls).encode("utf-8"), compresslevel=6, mtime=0)


def knowledge_json(knowledge: Knowledge, directory_urls: bool = True) -> str:
    """``kb.json``: speeches, sectors, terms and candidate terms, with links to the exact paragraphs."""

    def speech_url(speech: Speech) -> str:
        return page_url(f"{SPEECHES_DIR}/{speech.slug}.md", directory_urls)

    def place(speech: Speech, anchor: str) -> dict[str, str]:
        return {"speech": speech.slug, "anchor": anchor}

    vocabulary = knowledge.vocabulary
    data = {
        "version": VERSION,
        "speeches": [
            {
                "id": tagged.speech.slug,
                "title": tagged.speech.title,
                "date": tagged.speech.metadata.date,
                "season": tagged.speech.metadata.season,
                "level": tagged.speech.metadata.level,
                "place": tagged.speech.metadata.place,
                "meeting": tagged.speech.metadata.meeting,
                "speaker": tagged.speech.metadata.speaker,
                "publisher": tagged.speech.metadata.publisher,
                "evidence": evidence(tagged.speech),
                "abridged": tagged.speech.abridged,
                "incomplete": tagged.speech.incomplete,
                "notes": [{"line": note.line, "text": note.text} for note in tagged.speech.notes],
                "source": tagged.speech.source.name,
                "part": tagged.speech.part,
                "url": speech_url(tagged.speech),
                "headings": [
                    {"level": section.level, "text": section.heading, "anchor": section.anchor}
                    for section in tagged.speech.sections()
                ],
                "sectors": [vocabulary.sector(slug).name for slug in tagged.tags.sectors],
                "terms": [vocabulary.term(slug).name for slug in tagged.tags.terms],
            }
            for tagged in knowledge.speeches
        ],
        "sectors": [
            {
                "name": sector.name,
                "slug": sector.slug,
                "url": page_url(f"{SECTORS_DIR}/{sector.slug}.md", directory_urls),
                "aliases": list(sector.aliases),
                "parent": vocabulary.sector(sector.parent).name if sector.parent else None,
                "description": sector.description,
                "mentions": by_speech(knowledge.passages_by_speech(sector=sector.slug)),
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
                "url": page_url(f"{TERMS_DIR}/{term.slug}.md", directory_urls),
                "aliases": list(term.aliases),
                "category": term.category,
                "definition": term.definition,
                "definitions": [
                    {**place(speech, definition.anchor), "text": definition.text}
                    for speech, definition in knowledge.definitions(term.slug)
                ],
                "mentions": by_speech(knowledge.passages_by_speech(term=term.slug)),
            }
            for term in vocabulary.terms
        ],
        "candidates": [
            {
                "name": candidate.name,
                "uses": [place(speech, anchor) for speech, anchor in candidate.uses],
                "definitions": [
                    {**place(speech, definition.anchor), "text": definition.text}
                    for speech, definition in candidate.definitions
                ],
            }
            for candidate in knowledge.candidates()
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def by_speech(grouped: Iterable[SpeechPassages]) -> list[dict[str, object]]:
    """Mentions as ``[{"speech": id, "anchors": [anchor, …]}]``, each speech once, in the passages' order."""
    return [
        {"speech": speech.slug, "anchors": [paragraph.paragraph.anchor for paragraph in paragraphs]}
        for speech, paragraphs in grouped
    ]
