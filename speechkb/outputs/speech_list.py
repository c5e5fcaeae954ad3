"""The speech list (讲话): every speech as a row, with the facets a reader narrows it by.

The page is static: the full table is there without JavaScript, and each row carries the values it is
narrowed by (its year, level, place, sectors and terms) as data attributes, which ``docs/assets/speech-list.js``
reads to filter and count in the reader's browser, from a web server or from ``file://`` alike. This module
gathers those values and the options of each facet, in the order a reader looks for them, so the template
holds layout only. Other pages link to the list narrowed (:func:`list_address`): a sector's or term's page
lists its older speeches that way, a line a year, rather than a line a speech.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from speechkb.folders import SPEECHES_DIR
from speechkb.model import LEVELS, Knowledge, Speech
from speechkb.outputs.slug import pinyin_key
from speechkb.stages.formulas import DefinedFormula

UNKNOWN = "不详"  # the facet value of a speech whose year, level or place is not known


@dataclass(frozen=True)
class FacetOption:
    value: str  # what the URL says (?year=2024, ?sector=dao-lu-jiao-tong)
    label: str  # what the reader sees (2024年, 道路交通)
    key: str = ""  # how a row names it, when shorter than the value: a sector's bit in the rows' masks


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter and the rows' data attribute: year, level, place, sector, term
    label: str  # 年份
    options: tuple[FacetOption, ...]


@dataclass(frozen=True)
class ListedSpeech:
    speech: Speech
    year: str
    level: str
    place: str
    sectors: str  # its sectors as a mask in hexadecimal: bit N set for the vocabulary's sector N ("" for none)
    terms: str  # its terms, the same way
    date_key: str  # the date as it sorts (2024-03-15; empty when undated)
    level_key: int  # the level's rank, highest first; unknown last


@dataclass(frozen=True)
class SpeechList:
    rows: tuple[ListedSpeech, ...]
    facets: tuple[Facet, ...]


@dataclass(frozen=True)
class SpeechFacets:
    """What the list narrows one speech by beyond its metadata: its sectors and its terms (slugs), as the
    facets match them and as pages that link to the list narrowed count them (:func:`listed_by_year`)."""

    sectors: tuple[str, ...]
    terms: tuple[str, ...]  # the vocabulary's terms it is tagged with, then the pending ones (defined formulas) it uses


def speech_facets(knowledge: Knowledge, formulas: Sequence[DefinedFormula]) -> dict[str, SpeechFacets]:
    """Each tagged speech's sectors and terms, by slug. A defined formula is a term still 待审定: its page is
    among the terms', and the term facet lists it, so that its page can link to the speeches using it."""
    pending: dict[str, list[str]] = {}
    for formula in formulas:
        for slug in dict.fromkeys(speech.slug for speech, _ in formula.candidate.uses):
            pending.setdefault(slug, []).append(formula.slug)
    return {
        tagged.speech.slug: SpeechFacets(
            tagged.tags.sectors, (*tagged.tags.terms, *pending.get(tagged.speech.slug, ()))
        )
        for tagged in knowledge.speeches
    }


def listed_by_year(facets: dict[str, SpeechFacets], speeches: Iterable[Speech]) -> Counter[tuple[str, str, str]]:
    """How many rows the list shows narrowed to a sector or term and a year: ``(facet, slug, year) → rows``,
    with ``year`` as the year facet names it (:func:`year_value`)."""
    counted: Counter[tuple[str, str, str]] = Counter()
    for speech in speeches:
        if (found := facets.get(speech.slug)) is None:
            continue
        year = year_value(speech.metadata.year)
        counted.update(("sector", slug, year) for slug in found.sectors)
        counted.update(("term", slug, year) for slug in found.terms)
    return counted


def speech_list(
    speeches: Sequence[Speech],
    knowledge: Knowledge,
    formulas: Sequence[DefinedFormula],
    facets_of: dict[str, SpeechFacets],
) -> SpeechList:
    """The rows of ``speeches`` (in their order) and the facets they are narrowed by; ``facets_of`` is
    :func:`speech_facets` of ``knowledge`` and ``formulas`` (its defined formulas)."""
    none = SpeechFacets((), ())
    # A row names its sectors and terms by a bit each, their number in the vocabulary (a defined formula's after
    # the terms'): a speech has a dozen sectors and the list 10,000 rows, and the masks make the list a third
    # smaller, compressed, than the numbers.
    sectors = [(sector.slug, sector.name) for sector in knowledge.vocabulary.sectors]
    terms = [(term.slug, term.name) for term in knowledge.vocabulary.terms]
    terms += [(formula.slug, f"{formula.name}（待审定）") for formula in formulas]
    sector_keys = {slug: number for number, (slug, _) in enumerate(sectors)}
    term_keys = {slug: number for number, (slug, _) in enumerate(terms)}
    rows = tuple(
        ListedSpeech(
            speech=speech,
            year=year_value(speech.metadata.year),
            level=speech.metadata.level or UNKNOWN,
            place=speech.metadata.place or UNKNOWN,
            sectors=_mask(sector_keys[slug] for slug in facets_of.get(speech.slug, none).sectors),
            terms=_mask(term_keys[slug] for slug in facets_of.get(speech.slug, none).terms),
            date_key=speech.metadata.date or "",
            level_key=LEVELS.index(speech.metadata.level) if speech.metadata.level in LEVELS else len(LEVELS),
        )
        for speech in speeches
    )
    years = sorted({row.year for row in rows} - {UNKNOWN}, reverse=True)
    named = {row.level for row in rows}
    levels: list[str] = [level for level in LEVELS if level in named]
    levels += sorted(named - {*LEVELS, UNKNOWN})  # a sidecar may name another level
    places = sorted({row.place for row in rows} - {UNKNOWN}, key=pinyin_key)
    listed = [facets_of.get(speech.slug, none) for speech in speeches]
    used_sectors = {slug for found in listed for slug in found.sectors}
    used_terms = {slug for found in listed for slug in found.terms}
    facets = (
        Facet("year", "年份", (*(FacetOption(year, f"{year}年") for year in years), *_unknown(rows, "year"))),
        Facet("level", "级别", (*(FacetOption(level, f"{level}级") for level in levels), *_unknown(rows, "level"))),
        Facet("place", "地点", (*(FacetOption(place, place) for place in places), *_unknown(rows, "place"))),
        Facet("sector", "行业领域", _keyed(sectors, sector_keys, used_sectors)),
        Facet("term", "政策术语", _keyed(terms, term_keys, used_terms)),
    )
    return SpeechList(rows, facets)


def _keyed(options: Sequence[tuple[str, str]], keys: dict[str, int], used: set[str]) -> tuple[FacetOption, ...]:
    """The options (slug, name) some speech has, each with its bit in the rows' masks."""
    return tuple(FacetOption(slug, name, str(keys[slug])) for slug, name in options if slug in used)


def year_value(year: int | None) -> str:
    """A year as the list's year facet names it: ``2024``, or 不详 for an undated speech."""
    return str(year) if year is not None else UNKNOWN


def list_address(**choices: str) -> str:
    """The speech list narrowed by ``choices`` (facet → option value), as a link from a page in another folder
    of generated pages: ``../speeches/index.md?sector=dao-lu-jiao-tong&amp;year=2019`` (escaped for an ``href``).

    speech-list.js opens the list narrowed by the query; the page plugin resolves the ``.md`` path like any
    other raw-HTML link (speechkb.mkdocs.html_links).
    """
    return f"../{SPEECHES_DIR}/index.md?" + urlencode(choices).replace("&", "&amp;")


def _mask(numbers: Iterable[int]) -> str:
    """Bits ``numbers`` set, in hexadecimal (``[0, 5]`` → ``21``); "" for none."""
    bits = sum({1 << number for number in numbers})
    return format(bits, "x") if bits else ""


def _unknown(rows: Sequence[ListedSpeech], name: str) -> tuple[FacetOption, ...]:
    """The option for speeches whose ``name`` is not known, when there are any."""
    return (FacetOption(UNKNOWN, UNKNOWN),) if any(getattr(row, name) == UNKNOWN for row in rows) else ()
