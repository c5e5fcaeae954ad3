"""What search knows about a page: its title, its linkable passages and the names it answers to.

The index is fed from the parsed speeches, not by scraping the built HTML: the parse tree already has
every paragraph with its anchor and its section, and nothing on the page (navigation, footers) can leak
into the index. Sector and policy-term pages come in the same shape, from the vocabularies, with their
name and aliases as ``names``: a query that is exactly one of them lists that page first. Only what the
vocabulary says of them is indexed (name, aliases, description or definition), not the passages they
quote: those are found on the speech pages they come from, and indexing them twice would list a sector
page for every phrase one of its speeches says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from speechkb.folders import SECTORS_DIR, SPEECHES_DIR, TERMS_DIR
from speechkb.model import Block, Paragraph, Section, Sector, Speech, Table, Term, Vocabulary
from speechkb.outputs.render import cn_date, newest_first
from speechkb.stages.formulas import DefinedFormula


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


def site_documents(
    vocabulary: Vocabulary, speeches: Iterable[Speech], formulas: Iterable[DefinedFormula] = ()
) -> list[SearchDocument]:
    """Every searchable page of the site: sector, term and formula pages, then the speeches, newest first.

    Only parsed speeches are needed, and the formulas they define (:mod:`speechkb.stages.formulas`).
    """
    return [
        *map(sector_document, vocabulary.sectors),
        *map(term_document, vocabulary.terms),
        *map(formula_document, formulas),
        *speech_documents(speeches),
    ]


def sector_document(sector: Sector) -> SearchDocument:
    passages = [Passage(sector.description)]
    if sector.aliases:
        passages.append(Passage("别名与相关说法：" + "、".join(sector.aliases)))
    return SearchDocument(f"{SECTORS_DIR}/{sector.slug}", sector.name, tuple(passages), sector.forms, "行业领域")


def term_document(term: Term) -> SearchDocument:
    passages = [Passage(term.definition)]
    if term.aliases:
        passages.append(Passage("别名与变体：" + "、".join(term.aliases)))
    return SearchDocument(
        f"{TERMS_DIR}/{term.slug}", term.name, tuple(passages), term.forms, f"政策术语 · {term.category}"
    )


def formula_document(formula: DefinedFormula) -> SearchDocument:
    """A formula's page (待审定) answers to its name; what it says of it are the speeches' definitions."""
    passages = tuple(Passage(definition.text) for _, definition in formula.definitions)
    return SearchDocument(f"{TERMS_DIR}/{formula.slug}", formula.name, passages, (formula.name,), "政策术语 · 待审定")


def speech_documents(speeches: Iterable[Speech]) -> list[SearchDocument]:
    """One document per speech, newest first (the order that breaks ties between equal results)."""
    return [speech_document(speech) for speech in newest_first(list(speeches))]


def speech_document(speech: Speech) -> SearchDocument:
    info = " · ".join(part for part in (cn_date(speech.metadata), _level(speech)) if part)
    # The line under the title of the page (speech.md.j2), so that a place or a file name finds it too.
    details = (speech.metadata.place, speech.metadata.meeting, speech.metadata.speaker, f"原文 {speech.source_name}")
    passages = [Passage(" · ".join(part for part in (info, *details) if part))]
    # The notes (原文附注: a site's name, ads, page footers) are not the speech and are never searched.
    passages += [_passage(p) for p in (*speech.front, speech.salutation) if p]
    passages += _blocks(speech.body, None)
    under = speech.closing_part.heading if speech.closing_part else None  # the part the closing is all of
    passages += [_passage(p, under) for p in (speech.closing, *speech.closing_items) if p]
    passages += [_passage(p) for p in (*speech.ending, *speech.footnotes)]
    return SearchDocument(speech_page(speech), speech.title, tuple(passages), info=info)


def speech_page(speech: Speech) -> str:
    """The page of the speech's document."""
    return f"{SPEECHES_DIR}/{speech.slug}"


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
        elif isinstance(block, Table):  # each cell's paragraph is found and linked to like any paragraph
            passages += [_passage(cell, heading) for cell in block.paragraphs()]
        else:
            passages.append(_passage(block, heading))
    return passages
