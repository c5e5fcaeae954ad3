"""What search knows about a page: its title, its linkable passages and the names it answers to.

The index is fed from the parsed speeches, not by scraping the built HTML: the parse tree already has
every paragraph with its anchor and its section, and nothing on the page (navigation, footers) can leak
into the index. Any other page (a sector, a policy term) comes in the same shape, with ``names`` that
make it the first answer when a query is exactly one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from speechkb.model import Block, Paragraph, Section, Speech
from speechkb.render import SPEECHES_DIR, cn_date, newest_first


@dataclass(frozen=True)
class Passage:
    """A stretch of a page a result can point to: a paragraph or a heading.

    ``anchor`` is the id the result links to (``None``: the page itself); ``heading`` is the section the
    passage is in, shown as the result's title.
    """

    text: str
    anchor: str | None = None
    heading: str | None = None


@dataclass(frozen=True)
class SearchDocument:
    """One searchable page.

    ``page`` is the page's path under ``docs/`` without ``.md`` (``speeches/zai-quan-xian-…``); the
    browser turns it into a URL for directory or file URLs. ``names`` (a sector's name and aliases)
    rank the page first for exactly those queries; ``info`` is a line of context shown with the title.
    """

    page: str
    title: str
    passages: tuple[Passage, ...]
    names: tuple[str, ...] = ()
    info: str = ""


def speech_documents(speeches: Iterable[Speech]) -> list[SearchDocument]:
    """One document per speech, newest first (the order that breaks ties between equal results)."""
    return [speech_document(speech) for speech in newest_first(list(speeches))]


def speech_document(speech: Speech) -> SearchDocument:
    info = " · ".join(part for part in (cn_date(speech.metadata), _level(speech)) if part)
    # The line under the title of the page (speech.md.j2), so that a place or a file name finds it too.
    details = (speech.metadata.place, speech.metadata.meeting, speech.metadata.speaker, f"原文 {speech.source.name}")
    passages = [Passage(" · ".join(part for part in (info, *details) if part))]
    passages += [_passage(p) for p in (speech.written_title, speech.salutation) if p]
    passages += _blocks(speech.body, None)
    if speech.closing:
        passages.append(_passage(speech.closing))
    return SearchDocument(f"{SPEECHES_DIR}/{speech.slug}", speech.title, tuple(passages), info=info)


def _level(speech: Speech) -> str:
    return f"{speech.metadata.level}级" if speech.metadata.level else ""


def _passage(paragraph: Paragraph, heading: str | None = None) -> Passage:
    return Passage(paragraph.text, paragraph.anchor, heading)


def _blocks(blocks: tuple[Block, ...], heading: str | None) -> list[Passage]:
    passages: list[Passage] = []
    for block in blocks:
        if isinstance(block, Section):
            passages.append(Passage(block.heading, block.anchor, heading))
            passages += _blocks(block.children, block.heading)
        else:
            passages.append(_passage(block, heading))
    return passages
