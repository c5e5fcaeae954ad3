"""The knowledge base as data for other tools: ``kb.json.gz`` (JSON, gzip-compressed) at the root of the site.

Every URL in it is relative to the site root (``speeches/SLUG/``), so the file works wherever the site is
published, under a domain's root or a sub-path such as a project's GitHub Pages, and a tool resolves it
against the address it fetched ``kb.json.gz`` from. The layout is documented in the README; ``version``
changes when a field changes meaning or goes away.

It is compact: a paragraph is named by its speech's id and its anchor, and its URL is the speech's ``url``
plus ``#anchor`` (spelling it out on each of a large archive's hundreds of thousands of mentions made a
third of the file), and a sector's or term's mentions are grouped by speech, which is named once.

kb.json is most of what a rebuild after one edited speech does besides the pages (94 MB of JSON at 10,000
speeches: 5 s to build as dicts and encode), and nearly all of it is each speech's own: its record in
``speeches``, its ``{"speech": id, "anchors": […]}`` in the mentions of each of its sectors and terms, its
definitions. :func:`speech_json` makes that share as UTF-8 JSON, which a build keeps per speech
(:mod:`speechkb.machinery.knowledge_file_cache`); :func:`knowledge_json` joins the shares in the speeches'
order, with what crosses speeches (each sector's checklist, the candidate terms) made for the build, into the
same bytes as ``json.dumps`` of the whole would be.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from speechkb.folders import SECTORS_DIR, SPEECHES_DIR, TERMS_DIR
from speechkb.mkdocs.urls import page_url
from speechkb.model import Knowledge, Sector, Speech, TaggedSpeech, Vocabulary
from speechkb.stages.requirements import checklist

if TYPE_CHECKING:  # the cache keys each speech's share by its tags, which its own module imports from the outputs
    from speechkb.machinery.knowledge_file_cache import KnowledgeFileCache

VERSION = 2


def evidence(speech: Speech) -> dict[str, dict[str, object]]:
    """Where each metadata field came from: ``{"date": {"origin": "text", "line": 3, "text": "（2023年3月15日）"}}``.

    ``origin`` is ``sidecar`` (``text`` is the sidecar's file name, no line), ``page`` (stated by a web page:
    ``text`` is the meta tag or the words, ``line`` the text's line when one states it), ``title`` or ``text``.
    """
    return {
        found.field: {"origin": found.origin.value, "line": found.line, "text": found.text} for found in speech.evidence
    }


def knowledge_file(knowledge: Knowledge, directory_urls: bool = True, cache: KnowledgeFileCache | None = None) -> bytes:
    """``kb.json.gz``: :func:`knowledge_json` gzip-compressed, dated 0 so that the same knowledge is the same bytes.

    As plain JSON the file was a tenth of a large archive's site (94 MB at 10,000 speeches), past what GitHub
    Pages publishes comfortably; compressed it is a tenth of that, and every tool reads gzip.
    """
    return gzip.compress(knowledge_json(knowledge, directory_urls, cache), compresslevel=6, mtime=0)


@dataclass(frozen=True)
class SpeechJson:
    """One speech's share of kb.json as UTF-8 JSON text, by what it depends on: the speech, its tags, the names
    of its sectors and terms, and the URL style."""

    record: bytes  # its object in ``speeches``
    sectors: dict[str, bytes]  # sector slug → its ``{"speech": id, "anchors": […]}`` in the sector's mentions
    terms: dict[str, bytes]  # the same for each term
    definitions: dict[str, bytes]  # term slug → its definitions of the term, objects joined by commas


def knowledge_json(knowledge: Knowledge, directory_urls: bool = True, cache: KnowledgeFileCache | None = None) -> bytes:
    """``kb.json`` as UTF-8: speeches, sectors, terms and candidate terms, with links to the exact paragraphs.

    Each speech's share comes from ``cache`` when it holds it (:func:`speech_json` otherwise), and so does a
    sector's checklist when the speeches it comes from are the same.
    """
    vocabulary = knowledge.vocabulary

    def share(tagged: TaggedSpeech) -> SpeechJson:
        make = functools.partial(speech_json, tagged, vocabulary, directory_urls)
        return make() if cache is None else cache.speech(tagged.speech, make)

    def requirements(sector: Sector) -> bytes:
        make = functools.partial(_requirements_json, knowledge, sector)
        if cache is None:
            return make()
        return cache.requirements(
            sector.slug, [sourced.speech for sourced in knowledge.requirements(sector.slug)], make
        )

    records: list[bytes] = []
    # Sector and term slugs may be the same word: their lists are kept apart.
    sector_mentions: dict[str, list[bytes]] = {}
    term_mentions: dict[str, list[bytes]] = {}
    definitions: dict[str, list[bytes]] = {}
    for tagged in knowledge.speeches:
        part = share(tagged)
        records.append(part.record)
        for found, parts in (
            (sector_mentions, part.sectors),
            (term_mentions, part.terms),
            (definitions, part.definitions),
        ):
            for slug, fragment in parts.items():
                found.setdefault(slug, []).append(fragment)
    sectors = [
        _object(
            {
                "name": sector.name,
                "slug": sector.slug,
                "url": page_url(f"{SECTORS_DIR}/{sector.slug}.md", directory_urls),
                "aliases": list(sector.aliases),
                "parent": vocabulary.sector(sector.parent).name if sector.parent else None,
                "description": sector.description,
            },
            mentions=_array(sector_mentions.get(sector.slug, [])),
            requirements=requirements(sector),
        )
        for sector in vocabulary.sectors
    ]
    terms = [
        _object(
            {
                "name": term.name,
                "slug": term.slug,
                "url": page_url(f"{TERMS_DIR}/{term.slug}.md", directory_urls),
                "aliases": list(term.aliases),
                "category": term.category,
                "definition": term.definition,
            },
            definitions=_array(definitions.get(term.slug, [])),
            mentions=_array(term_mentions.get(term.slug, [])),
        )
        for term in vocabulary.terms
    ]
    candidates = [
        {
            "name": candidate.name,
            "uses": [_place(speech, anchor) for speech, anchor in candidate.uses],
            "definitions": [
                {**_place(speech, definition.anchor), "text": definition.text}
                for speech, definition in candidate.definitions
            ],
        }
        for candidate in knowledge.candidates()
    ]
    whole = _object(
        {"version": VERSION},
        speeches=_array(records),
        sectors=_array(sectors),
        terms=_array(terms),
        candidates=_json(candidates),
    )
    return whole + b"\n"


def speech_json(tagged: TaggedSpeech, vocabulary: Vocabulary, directory_urls: bool) -> SpeechJson:
    """The speech's share of kb.json (:class:`SpeechJson`)."""
    speech = tagged.speech
    sectors: dict[str, list[str]] = {}
    terms: dict[str, list[str]] = {}
    for paragraph in tagged.tags.paragraphs:
        for slug in paragraph.sectors:
            sectors.setdefault(slug, []).append(paragraph.paragraph.anchor)
        for slug in paragraph.terms:
            terms.setdefault(slug, []).append(paragraph.paragraph.anchor)
    definitions: dict[str, list[dict[str, str]]] = {}
    for definition in tagged.tags.definitions:
        if definition.term:
            place = {**_place(speech, definition.anchor), "text": definition.text}
            definitions.setdefault(definition.term, []).append(place)
    return SpeechJson(
        record=_json(_record(tagged, vocabulary, directory_urls)),
        sectors={slug: _json({"speech": speech.slug, "anchors": anchors}) for slug, anchors in sectors.items()},
        terms={slug: _json({"speech": speech.slug, "anchors": anchors}) for slug, anchors in terms.items()},
        definitions={slug: b",".join(map(_json, found)) for slug, found in definitions.items()},
    )


def _record(tagged: TaggedSpeech, vocabulary: Vocabulary, directory_urls: bool) -> dict[str, object]:
    speech = tagged.speech
    return {
        "id": speech.slug,
        "title": speech.title,
        "date": speech.metadata.date,
        "season": speech.metadata.season,
        "level": speech.metadata.level,
        "place": speech.metadata.place,
        "meeting": speech.metadata.meeting,
        "speaker": speech.metadata.speaker,
        "publisher": speech.metadata.publisher,
        "evidence": evidence(speech),
        "abridged": speech.abridged,
        "incomplete": speech.incomplete,
        "notes": [{"line": note.line, "text": note.text} for note in speech.notes],
        "source": speech.source.name,
        "part": speech.part,
        "url": page_url(f"{SPEECHES_DIR}/{speech.slug}.md", directory_urls),
        "headings": [
            {"level": section.level, "text": section.heading, "anchor": section.anchor} for section in speech.sections()
        ],
        "sectors": [vocabulary.sector(slug).name for slug in tagged.tags.sectors],
        "terms": [vocabulary.term(slug).name for slug in tagged.tags.terms],
    }


def _requirements_json(knowledge: Knowledge, sector: Sector) -> bytes:
    """The sector's ``requirements``: its checklist, each item with every speech that makes it."""
    vocabulary = knowledge.vocabulary
    return _json(
        [
            {
                "group": group.label,
                "text": item.requirement.text,
                "form": item.requirement.form,
                "subject": item.requirement.subject,
                "deadline": item.requirement.deadline,
                "terms": [vocabulary.term(slug).name for slug in item.requirement.terms],
                "sources": [_place(speech, anchor) for speech, anchor in item.sources],
            }
            for group in checklist(knowledge.requirements(sector.slug), vocabulary)
            for item in group.items
        ]
    )


def _place(speech: Speech, anchor: str) -> dict[str, str]:
    return {"speech": speech.slug, "anchor": anchor}


def _json(value: object) -> bytes:
    """``value`` as kb.json writes it: compact, UTF-8."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _array(items: list[bytes]) -> bytes:
    """JSON values (as text) as one array: what :func:`_json` makes of a list of them."""
    return b"[" + b",".join(items) + b"]"


def _object(fields: dict[str, object], **values: bytes) -> bytes:
    """``fields`` as a JSON object followed by ``values`` (JSON text), as :func:`_json` makes of them in one dict.

    ``fields`` is never empty, so its text ends in ``}`` with a member before it.
    """
    members = b"".join(b',"' + name.encode() + b'":' + value for name, value in values.items())
    return _json(fields)[:-1] + members + b"}"
