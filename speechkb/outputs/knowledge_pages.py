"""Render stage for the knowledge graph: :class:`~speechkb.model.Knowledge` → sector, term and index pages.

Like :mod:`speechkb.outputs.render`, this only turns data into Markdown through the Jinja2 templates; the views
below gather what a page shows (groups, counts, excerpts) so that templates hold layout, not logic.
Every passage links to its paragraph's anchor on the speech page, which the parser derives from the
paragraph's text, so links stay valid across rebuilds.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

import jinja2

from speechkb.folders import SECTORS_DIR, TERM_DEFINITIONS, TERMS_DIR
from speechkb.model import (
    Block,
    ChecklistGroup,
    Heading,
    Knowledge,
    Mention,
    Section,
    Sector,
    Speech,
    SpeechPassages,
    Table,
    TaggedParagraph,
    TaggedSpeech,
    Term,
)
from speechkb.outputs.charts import trend, trend_chart
from speechkb.outputs.related import RelatedFound, find_related
from speechkb.outputs.slug import pinyin_key
from speechkb.outputs.speech_list import SpeechFacets, list_address, listed_by_year, year_value
from speechkb.stages.duplicates import copies
from speechkb.stages.formulas import DefinedFormula, formula_families, formula_slugs
from speechkb.stages.normalize import simplified
from speechkb.stages.requirements import checklist

if TYPE_CHECKING:  # the cache keys pages by the speeches' tags, which its own module imports from here
    from speechkb.machinery.knowledge_page_cache import KnowledgePageCache

_EXCERPT_BEFORE = 40
_EXCERPT_AFTER = 80
_RELATED = 8
# Sector and term pages quote the passages of their newest speeches only, and link to the older ones a year
# at a time, in the speech list narrowed to the sector or term (templates/_kb.j2): quoting every passage made a
# page grow with the archive (2,600 passages for 道路交通 at 1,000 speeches) and the whole site quadratic in
# size, and even a line per older speech made the sector and term pages a fifth of a 10,000-speech site. The
# overview matrix shows as many speeches as columns.
NEWEST_QUOTED = 10


@dataclass(frozen=True)
class Excerpt:
    """A window of a paragraph around the words a page is about; ``match`` is empty for a whole-section tag."""

    before: str
    match: str
    after: str
    cut_before: bool
    cut_after: bool


@dataclass(frozen=True)
class PassageView:
    anchor: str
    where: str  # the headings above the paragraph: 二、… › （一）…
    excerpt: Excerpt
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class SpeechGroup:
    """The passages of one speech on a sector or term page."""

    speech: Speech
    passages: tuple[PassageView, ...]
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class OlderYear:
    """A year of the speeches a sector or term page does not quote: a link to the speech list narrowed to the
    page's sector or term and that year, with how many speeches the list shows and how many of them the page
    quotes (the newest year listed may have both)."""

    year: int | None  # None for undated speeches
    listed: int
    quoted: int
    address: str

    @property
    def anchor(self) -> str:
        return older_year_anchor(self.year)


@dataclass(frozen=True)
class OlderSpeeches:
    """The speeches a sector or term page lists by year, in the speech list, instead of quoting them."""

    count: int
    years: tuple[OlderYear, ...]  # newest first, undated last
    address: str  # the speech list narrowed to the page's sector or term, every year


@dataclass(frozen=True)
class Segment:
    """A run of paragraph text, and the term it names (None for plain text)."""

    text: str
    term: Term | None = None


@dataclass(frozen=True)
class RelatedSpeech:
    speech: Speech
    shared: tuple[str, ...]  # names of the shared sectors and terms


@dataclass(frozen=True)
class SpeechPageLinks:
    """What one speech page shows of the knowledge graph: tags, term links in the text and related speeches."""

    sectors: tuple[Sector, ...]
    terms: tuple[Term, ...]
    segments: dict[str, tuple[Segment, ...]]  # by anchor, for paragraphs using a term
    related: tuple[RelatedSpeech, ...]
    copies: tuple[Speech, ...]  # the same speech in other files (speechkb.stages.duplicates)


def render_knowledge_pages(
    knowledge: Knowledge,
    env: jinja2.Environment,
    formulas: Sequence[DefinedFormula],
    facets: dict[str, SpeechFacets],
    cache: KnowledgePageCache | None = None,
) -> Iterator[tuple[str, str]]:
    """Sector and term pages, their indexes, the overview matrix, the candidate terms and the terms' definitions
    (a script), as (path, text), made as they are consumed (so the build can count them as it writes them).
    A sector or term page that ``cache`` holds for the same speeches is not rendered again.

    ``formulas`` are :func:`~speechkb.stages.formulas.defined_formulas` of ``knowledge``, each given a page;
    ``facets`` its speeches' :func:`~speechkb.outputs.speech_list.speech_facets`, by which the pages count the
    speeches of the list they link to.
    """
    vocabulary = knowledge.vocabulary
    listed = listed_by_year(facets, (tagged.speech for tagged in knowledge.speeches))
    rows = _rows_by_facet(listed)

    def kept(name: str, sources: Iterable[Speech], shown: Callable[[], str], render: Callable[[], str]) -> str:
        """``render()``, or the page ``cache`` keeps for ``name`` drawing on ``sources`` and showing ``shown()`` of the
        rest of the archive."""
        if cache is None:
            return render()
        return cache.page(cache.key(name, sources, shown()), render)

    def page(template: jinja2.Template, facet: str, entry: Sector | Term, sources: Iterable[Speech]) -> str:
        def render() -> str:
            if isinstance(entry, Sector):
                return template.render(**_sector_view(knowledge, entry, listed))
            return template.render(**_term_view(knowledge, entry, listed))

        def shown() -> str:
            by_year = "\2".join(f"{year}\1{count}" for year, count in rows.get((facet, entry.slug), ()))
            return by_year + "\3" + "\1".join(entry.aliases)

        return kept(f"{facet} {entry.slug}", sources, shown, render)

    sector_template = env.get_template("sector.md.j2")
    for sector in vocabulary.sectors:
        yield (
            f"{SECTORS_DIR}/{sector.slug}.md",
            page(sector_template, "sector", sector, sector_sources(knowledge, sector)),
        )
    term_template = env.get_template("term.md.j2")
    for term in vocabulary.terms:
        yield f"{TERMS_DIR}/{term.slug}.md", page(term_template, "term", term, term_sources(knowledge, term))
    yield (
        TERM_DEFINITIONS,
        env.get_template("definitions.js.j2").render(
            definitions={term.slug: term.definition for term in vocabulary.terms}
        ),
    )
    formula_template = env.get_template("formula.md.j2")
    for formula in formulas:
        yield f"{TERMS_DIR}/{formula.slug}.md", formula_template.render(**_formula_view(formula, listed))
    yield f"{SECTORS_DIR}/index.md", env.get_template("sectors.md.j2").render(rows=_sector_rows(knowledge))
    yield f"{SECTORS_DIR}/overview.md", env.get_template("sector-years.md.j2").render(**_year_matrix(knowledge))
    matrix_template = env.get_template("sector-matrix.md.j2")
    for matrix in _matrices(knowledge):
        speeches = [tagged.speech for tagged in matrix.speeches]
        text = kept(f"matrix {matrix.year}", speeches, matrix.shown, partial(_render_matrix, matrix_template, matrix))
        yield f"{SECTORS_DIR}/{_year_page(matrix.year)}", text
    yield (
        f"{TERMS_DIR}/index.md",
        env.get_template("glossary.md.j2").render(groups=_glossary(knowledge), formulas=formulas),
    )
    yield (
        f"{TERMS_DIR}/candidates.md",
        env.get_template("candidates.md.j2").render(
            families=formula_families(knowledge.candidates()),
            pages=formula_slugs(formulas),
            vocabulary=vocabulary,
        ),
    )


class SpeechLinks:
    """What each speech page shows of the knowledge graph: tags, term links in the text, related speeches.

    Related speeches are found for the whole corpus at once (see :mod:`speechkb.outputs.related`); the rest is
    made for one speech when its page is rendered, so that a build never holds every page's links.
    """

    def __init__(self, knowledge: Knowledge, before: RelatedFound | None = None) -> None:
        """``before``: the related speeches an earlier build found, which only what changed is checked against."""
        self._knowledge = knowledge
        slugs = [tagged.speech.slug for tagged in knowledge.speeches]
        # One string per slug (each speech's tags were read apart): what the build keeps of them is a third the size.
        tags = [frozenset(map(sys.intern, (*tagged.tags.sectors, *tagged.tags.terms))) for tagged in knowledge.speeches]
        self.found = find_related(slugs, tags, before)
        self._related = _related_speeches(knowledge, self.found)
        self._tagged = {tagged.speech.slug: tagged for tagged in knowledge.speeches}
        self._copies = copies([tagged.speech for tagged in knowledge.speeches])

    def related(self, speech: Speech) -> tuple[RelatedSpeech, ...]:
        return self._related[speech.slug]

    def tagged(self, speech: Speech) -> TaggedSpeech:
        return self._tagged[speech.slug]

    def copies(self, speech: Speech) -> tuple[Speech, ...]:
        return self._copies.get(speech.identity, ())

    def of(self, speech: Speech) -> SpeechPageLinks:
        tagged = self._tagged[speech.slug]
        vocabulary = self._knowledge.vocabulary
        segments = {
            paragraph.paragraph.anchor: _segments(paragraph.paragraph.text, paragraph.term_mentions, self._knowledge)
            for paragraph in tagged.tags.paragraphs
            if paragraph.term_mentions
        }
        return SpeechPageLinks(
            sectors=tuple(vocabulary.sector(slug) for slug in tagged.tags.sectors),
            terms=tuple(vocabulary.term(slug) for slug in tagged.tags.terms),
            segments=segments,
            related=self._related[speech.slug],
            copies=self.copies(speech),
        )


def sector_sources(knowledge: Knowledge, sector: Sector) -> list[Speech]:
    """The speeches a sector's page and briefing draw on, in their order: those with a passage about it, then those
    with a requirement about it (a speech once per requirement)."""
    return [
        *map(_speech_of, knowledge.passages_by_speech(sector=sector.slug)),
        *map(_speech_of, knowledge.requirements(sector.slug)),
    ]


def term_sources(knowledge: Knowledge, term: Term) -> list[Speech]:
    """The speeches a term's page draws on, in its order: those with a passage using it, then those defining it."""
    return [
        *map(_speech_of, knowledge.passages_by_speech(term=term.slug)),
        *map(itemgetter(0), knowledge.definitions(term.slug)),
    ]


# What a passage group or a sourced requirement is of. Pages gather up to a whole archive's: looked up in C.
_speech_of = attrgetter("speech")


def _rows_by_facet(listed: Counter[tuple[str, str, str]]) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """``listed`` (rows of the speech list by facet, slug and year) as each page's years and rows, in order."""
    rows: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for (facet, slug, year), count in sorted(listed.items()):
        rows.setdefault((facet, slug), []).append((year, count))
    return rows


# --- views ---------------------------------------------------------------------------------------


def _sector_view(knowledge: Knowledge, sector: Sector, listed: Counter[tuple[str, str, str]]) -> dict[str, object]:
    vocabulary = knowledge.vocabulary
    grouped = knowledge.passages_by_speech(sector=sector.slug)
    groups = _groups(
        knowledge,
        grouped[:NEWEST_QUOTED],
        lambda paragraph: [m for m in paragraph.sector_mentions if m.slug == sector.slug],
    )
    paragraphs = _passages(grouped)
    related = Counter(chain.from_iterable(map(_sectors_of, paragraphs)))
    del related[sector.slug]
    terms = Counter(chain.from_iterable(map(_terms_of, paragraphs)))
    return {
        "sector": sector,
        "parent": vocabulary.sector(sector.parent) if sector.parent else None,
        "children": [s for s in vocabulary.sectors if s.parent == sector.slug],
        "groups": groups,
        "older": _older(grouped, "sector", sector.slug, listed),
        "speech_count": len(grouped),
        "passage_count": len(paragraphs),
        "related": [(vocabulary.sector(slug), n) for slug, n in related.most_common(_RELATED)],
        "terms": [(vocabulary.term(slug), n) for slug, n in terms.most_common(_RELATED)],
        "trend": trend_chart(trend(grouped, f"{sector.name}：各年份涉及本领域的段落数")),
        "checklist": _sector_checklist(knowledge, sector, {speech.slug for speech, _ in grouped[:NEWEST_QUOTED]}),
    }


_sectors_of = attrgetter("sectors")
_terms_of = attrgetter("terms")


def _passages(grouped: Sequence[SpeechPassages]) -> list[TaggedParagraph]:
    """Every passage of ``grouped``, in order: a sector's or term's page counts what they name, up to a million."""
    return list(chain.from_iterable(map(itemgetter(1), grouped)))


def _sector_checklist(knowledge: Knowledge, sector: Sector, speeches: set[str]) -> list[ChecklistGroup]:
    """The sector's checklist as its page shows it: the requirements ``speeches`` (slugs) make most recently.

    A page shows the requirements of the speeches it quotes, each still counted in every speech that makes it:
    a whole archive's checklist would grow with the archive like the passages did (see :data:`NEWEST_QUOTED`).
    """
    groups = checklist(knowledge.requirements(sector.slug), knowledge.vocabulary)
    return [
        ChecklistGroup(group.label, group.term, items)
        for group in groups
        if (items := tuple(item for item in group.items if item.sources[0][0].slug in speeches))
    ]


def _year_anchors(grouped: Sequence[SpeechPassages]) -> dict[int | None, str]:
    """Where a year's passages start on a sector page: its newest quoted speech, else its year among the older."""
    anchors: dict[int | None, str] = {}
    for index, (speech, _) in enumerate(grouped):
        anchors.setdefault(speech.metadata.year, _speech_anchor(speech, index))
    return anchors


def _speech_anchor(speech: Speech, index: int) -> str:
    """Where the ``index``-th speech of a sector page stands: its own heading if quoted, else its year's list."""
    return speech.slug if index < NEWEST_QUOTED else older_year_anchor(speech.metadata.year)


def older_year_anchor(year: int | None) -> str:
    """The anchor of one year's list of older speeches on a sector or term page (templates/_kb.j2)."""
    return f"year-{year}" if year is not None else "year-unknown"


def _term_view(knowledge: Knowledge, term: Term, listed: Counter[tuple[str, str, str]]) -> dict[str, object]:
    vocabulary = knowledge.vocabulary
    grouped = knowledge.passages_by_speech(term=term.slug)
    groups = _groups(
        knowledge,
        grouped[:NEWEST_QUOTED],
        lambda paragraph: [m for m in paragraph.term_mentions if m.slug == term.slug],
    )
    paragraphs = _passages(grouped)
    sectors = Counter(chain.from_iterable(map(_sectors_of, paragraphs)))
    related = Counter(chain.from_iterable(map(_terms_of, paragraphs)))
    del related[term.slug]
    return {
        "term": term,
        "definitions": knowledge.definitions(term.slug),
        "groups": groups,
        "older": _older(grouped, "term", term.slug, listed),
        "speech_count": len(grouped),
        "mention_count": knowledge.mention_count(term.slug),
        "sectors": [(vocabulary.sector(slug), n) for slug, n in sectors.most_common(_RELATED)],
        "related": [(vocabulary.term(slug), n) for slug, n in related.most_common(_RELATED)],
        "trend": trend_chart(trend(grouped, f"{term.name}：各年份用到本术语的段落数")),
    }


def _formula_view(formula: DefinedFormula, listed: Counter[tuple[str, str, str]]) -> dict[str, object]:
    """A defined formula's page: its definitions, and its uses quoted like a term's passages."""
    grouped: list[tuple[Speech, list[str]]] = []
    for speech, anchor in formula.candidate.uses:
        if grouped and grouped[-1][0] is speech:
            grouped[-1][1].append(anchor)
        else:
            grouped.append((speech, [anchor]))
    groups = [
        SpeechGroup(speech, tuple(_use(speech, anchor, formula.name) for anchor in dict.fromkeys(anchors)), ())
        for speech, anchors in grouped[:NEWEST_QUOTED]
    ]
    return {
        "formula": formula,
        "definitions": formula.definitions,
        "groups": groups,
        "older": _older(grouped, "term", formula.slug, listed),
        "speech_count": formula.candidate.speech_count,
        "use_count": len(formula.candidate.uses),
    }


def _use(speech: Speech, anchor: str, name: str) -> PassageView:
    """The paragraph ``anchor`` of ``speech`` as a passage quoting ``name`` (written in either script)."""
    paragraph = next(p for p in speech.paragraphs() if p.anchor == anchor)
    start = simplified(paragraph.text).find(simplified(name))
    mention = Mention("", start, start + len(name), name) if start >= 0 else None
    return PassageView(anchor, _where(_headings(speech.body, ()).get(anchor, ())), excerpt(paragraph.text, mention), ())


def _headings(blocks: Sequence[Block], above: tuple[Heading, ...]) -> dict[str, tuple[Heading, ...]]:
    """Paragraph anchor → the headings of the sections it stands in."""
    found: dict[str, tuple[Heading, ...]] = {}
    for block in blocks:
        if isinstance(block, Section):
            found.update(_headings(block.children, (*above, Heading(block.level, block.heading, block.anchor))))
        elif isinstance(block, Table):
            found.update((cell.anchor, above) for cell in block.paragraphs())
        else:
            found[block.anchor] = above
    return found


def _older(
    grouped: Sequence[tuple[Speech, Sequence[object]]], facet: str, slug: str, listed: Counter[tuple[str, str, str]]
) -> OlderSpeeches | None:
    """The years of the speeches not quoted (as they come: newest first, undated last), each a link to the speech
    list narrowed to ``facet`` (sector or term) ``slug`` and that year; ``listed`` counts its rows."""
    older = grouped[NEWEST_QUOTED:]
    if not older:
        return None
    quoted = Counter(map(_year_of, map(itemgetter(0), grouped[:NEWEST_QUOTED])))
    years = (
        OlderYear(
            year,
            listed[(facet, slug, year_value(year))],
            quoted[year],
            list_address(**{facet: slug, "year": year_value(year)}),
        )
        for year in dict.fromkeys(map(_year_of, map(itemgetter(0), older)))
    )
    return OlderSpeeches(len(older), tuple(years), list_address(**{facet: slug}))


_year_of = attrgetter("metadata.year")


def _groups(
    knowledge: Knowledge,
    grouped: Sequence[SpeechPassages],
    mentions_of: Callable[[TaggedParagraph], list[Mention]],
) -> list[SpeechGroup]:
    vocabulary = knowledge.vocabulary
    result: list[SpeechGroup] = []
    for speech, paragraphs in grouped:
        views = []
        for paragraph in paragraphs:
            mentions = mentions_of(paragraph)
            views.append(
                PassageView(
                    anchor=paragraph.paragraph.anchor,
                    where=_where(paragraph.headings),
                    excerpt=excerpt(paragraph.paragraph.text, mentions[0] if mentions else None),
                    terms=tuple(vocabulary.term(slug) for slug in paragraph.terms),
                )
            )
        terms = dict.fromkeys(slug for paragraph in paragraphs for slug in paragraph.terms)
        result.append(SpeechGroup(speech, tuple(views), tuple(vocabulary.term(slug) for slug in terms)))
    return result


def _where(headings: tuple[Heading, ...]) -> str:
    return " › ".join(heading.text for heading in headings)


def excerpt(text: str, mention: Mention | None) -> Excerpt:
    """The words around ``mention`` (or the start of the paragraph), short enough for a list of passages."""
    if mention is None:
        end = _EXCERPT_BEFORE + _EXCERPT_AFTER
        return Excerpt("", "", text[:end], False, len(text) > end)
    start = max(0, mention.start - _EXCERPT_BEFORE)
    end = min(len(text), mention.end + _EXCERPT_AFTER)
    return Excerpt(
        text[start : mention.start],
        text[mention.start : mention.end],
        text[mention.end : end],
        start > 0,
        end < len(text),
    )


def _segments(text: str, mentions: Iterable[Mention], knowledge: Knowledge) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    position = 0
    for mention in mentions:
        if mention.start > position:
            segments.append(Segment(text[position : mention.start]))
        segments.append(Segment(text[mention.start : mention.end], knowledge.vocabulary.term(mention.slug)))
        position = mention.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return tuple(segments)


def _related_speeches(knowledge: Knowledge, found: RelatedFound) -> dict[str, tuple[RelatedSpeech, ...]]:
    """Each speech's related speeches (``found`` for ``knowledge``'s speeches), with the names of the sectors and
    terms they share in the vocabulary's order."""
    vocabulary = knowledge.vocabulary
    tags = [*(s.slug for s in vocabulary.sectors), *(t.slug for t in vocabulary.terms)]
    names = {**{s.slug: s.name for s in vocabulary.sectors}, **{t.slug: t.name for t in vocabulary.terms}}
    places: dict[str, list[int]] = {}
    for place, slug in enumerate(tags):
        places.setdefault(slug, []).append(place)

    def shared(common: frozenset[str]) -> tuple[str, ...]:
        return tuple(names[tags[place]] for place in sorted(p for slug in common for p in places.get(slug, ())))

    speeches = {tagged.speech.slug: tagged.speech for tagged in knowledge.speeches}
    at = {slug: index for index, slug in enumerate(found.slugs)}
    return {
        slug: tuple(RelatedSpeech(speeches[other], shared(own & found.tags[at[other]])) for _, other in best)
        for slug, own, best in zip(found.slugs, found.tags, found.found, strict=True)
    }


@dataclass(frozen=True)
class SectorRow:
    sector: Sector
    parent: Sector | None
    speeches: int
    passages: int


def _sector_rows(knowledge: Knowledge) -> list[SectorRow]:
    """Every sector with its counts, the most discussed first; sectors no speech names yet are listed too."""
    vocabulary = knowledge.vocabulary
    rows = []
    for sector in vocabulary.sectors:
        grouped = knowledge.passages_by_speech(sector=sector.slug)
        rows.append(
            SectorRow(
                sector,
                vocabulary.sector(sector.parent) if sector.parent else None,
                len(grouped),
                sum(len(paragraphs) for _, paragraphs in grouped),
            )
        )
    return sorted(rows, key=lambda row: -row.passages)


@dataclass(frozen=True)
class MatrixRow:
    sector: Sector
    cells: tuple[int, ...]  # passages per speech, in the order of the columns
    shades: tuple[int, ...]  # 0–4, for the heat-map colour
    anchors: tuple[str, ...]  # where each column's speech stands on the sector's page


def matrix_years(knowledge: Knowledge) -> list[int | None]:
    """The years of the speeches, newest first, None last for undated ones: one speech matrix page each."""
    years = {tagged.speech.metadata.year for tagged in knowledge.speeches}
    return [*sorted((year for year in years if year is not None), reverse=True), *([None] if None in years else [])]


def _year_page(year: int | None) -> str:
    """The file name (under sectors/) of one year's speech matrix."""
    return f"overview-{year if year is not None else 'undated'}.md"


@dataclass(frozen=True)
class YearMatrix:
    """One year's speech matrix: sectors × the year's speeches, passages per cell.

    What it shows besides its speeches' own tags (the other years' pages, where each speech stands on each sector's
    page) is gathered up front, and keys its page (:meth:`shown`); the passages are counted by :meth:`view` only for
    a page that is rendered: after an edit, the edited speech's year.
    """

    year: int | None
    speeches: tuple[TaggedSpeech, ...]
    sectors: tuple[Sector, ...]
    anchors: dict[str, dict[str, str]]  # by sector: where each of its speeches stands on the sector's page
    years: tuple[tuple[int | None, str], ...]  # each year and its page

    def shown(self) -> str:
        """Everything the page shows that its speeches' tags do not say."""
        places = (
            f"{sector}\1{speech}\1{anchor}"
            for sector, anchors in self.anchors.items()
            for speech, anchor in anchors.items()
        )
        return "\2".join([*(f"{year}\1{page}" for year, page in self.years), *places])

    def view(self) -> dict[str, object]:
        """What the template renders: the speeches, and a row per sector they name, the most passages first."""
        per_speech = [
            Counter(slug for paragraph in tagged.tags.paragraphs for slug in dict.fromkeys(paragraph.sectors))
            for tagged in self.speeches
        ]
        counts = {sector.slug: [passages[sector.slug] for passages in per_speech] for sector in self.sectors}
        highest = max((n for row in counts.values() for n in row), default=0) or 1
        speeches = [tagged.speech for tagged in self.speeches]
        rows = [
            MatrixRow(
                sector,
                tuple(counts[sector.slug]),
                tuple(-(-4 * n // highest) for n in counts[sector.slug]),
                tuple(self.anchors.get(sector.slug, {}).get(speech.slug, "") for speech in speeches),
            )
            for sector in self.sectors
            if any(counts[sector.slug])
        ]
        rows.sort(key=lambda row: -sum(row.cells))
        return {"speeches": speeches, "rows": rows, "highest": highest, "year": self.year, "years": list(self.years)}


def _render_matrix(template: jinja2.Template, matrix: YearMatrix) -> str:
    return template.render(**matrix.view())


def _matrices(knowledge: Knowledge) -> Iterator[YearMatrix]:
    """Sectors × the speeches of each year, one matrix per year, newest first.

    Where each speech stands on each sector's page is found once for all years: an archive spans many years, and
    the matrices share it.
    """
    sectors = knowledge.vocabulary.sectors
    standing = {
        sector.slug: {
            speech.slug: _speech_anchor(speech, index)
            for index, (speech, _) in enumerate(knowledge.passages_by_speech(sector=sector.slug))
        }
        for sector in sectors
    }
    by_year: dict[int | None, list[TaggedSpeech]] = {}
    for tagged in knowledge.speeches:
        by_year.setdefault(tagged.speech.metadata.year, []).append(tagged)
    years = matrix_years(knowledge)
    pages = tuple((year, _year_page(year)) for year in years)
    for year in years:
        speeches = by_year[year]
        slugs = [tagged.speech.slug for tagged in speeches]
        anchors = {
            sector: {slug: placed[slug] for slug in slugs if slug in placed} for sector, placed in standing.items()
        }
        yield YearMatrix(year, tuple(speeches), sectors, {sector: a for sector, a in anchors.items() if a}, pages)


@dataclass(frozen=True)
class YearCell:
    """A sector's passages and speeches in one year, and where on the sector's page they start."""

    passages: int
    speeches: int
    anchor: str
    shade: int  # 0–4, for the heat-map colour


@dataclass(frozen=True)
class YearRow:
    sector: Sector
    cells: tuple[YearCell, ...]  # one per column (year)
    passages: int


def _year_matrix(knowledge: Knowledge) -> dict[str, object]:
    """Sectors × years: the archive-scale overview, passages and speeches per cell."""
    years = matrix_years(knowledge)
    table: list[tuple[Sector, dict[int | None, tuple[int, int]], dict[int | None, str]]] = []
    for sector in knowledge.vocabulary.sectors:
        grouped = knowledge.passages_by_speech(sector=sector.slug)
        if not grouped:
            continue
        tally: dict[int | None, tuple[int, int]] = {}
        for speech, paragraphs in grouped:
            passages, speeches = tally.get(speech.metadata.year, (0, 0))
            tally[speech.metadata.year] = (passages + len(paragraphs), speeches + 1)
        table.append((sector, tally, _year_anchors(grouped)))
    highest = max((n for _, tally, _ in table for n, _ in tally.values()), default=0) or 1
    rows = [
        YearRow(
            sector,
            tuple(
                YearCell(*tally.get(year, (0, 0)), anchors.get(year, ""), -(-4 * tally.get(year, (0, 0))[0] // highest))
                for year in years
            ),
            sum(n for n, _ in tally.values()),
        )
        for sector, tally, anchors in table
    ]
    rows.sort(key=lambda row: -row.passages)
    return {
        "years": [(year, _year_page(year)) for year in years],
        "rows": rows,
        "highest": highest,
        "all_speeches": len(knowledge.speeches),
    }


@dataclass(frozen=True)
class GlossaryEntry:
    term: Term
    mentions: int
    speeches: int
    new: bool = False  # 新提法: first used in the archive's newest year (no older or undated speech uses it)


def _glossary(knowledge: Knowledge) -> list[tuple[str, list[GlossaryEntry]]]:
    """Terms by pinyin, grouped under their initial letter."""
    groups: dict[str, list[GlossaryEntry]] = {}
    newest = max((t.speech.metadata.year for t in knowledge.speeches if t.speech.metadata.year), default=None)
    for term in sorted(knowledge.vocabulary.terms, key=lambda t: pinyin_key(t.name)):
        grouped = knowledge.passages_by_speech(term=term.slug)
        mentions = knowledge.mention_count(term.slug)
        new = bool(grouped) and newest is not None and all(speech.metadata.year == newest for speech, _ in grouped)
        entry = GlossaryEntry(term, mentions, len(grouped), new)
        groups.setdefault(pinyin_key(term.name)[:1].upper(), []).append(entry)
    return list(groups.items())
