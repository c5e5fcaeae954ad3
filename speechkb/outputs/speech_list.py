"""The speech list (讲话): every speech as a row, with the facets a reader narrows it by.

The page is static: the full table is there without JavaScript, and each row carries the values it is
narrowed by (its year, level, place and sectors) as data attributes, which ``docs/assets/speech-list.js``
reads to filter and count in the reader's browser, from a web server or from ``file://`` alike. This module
gathers those values and the options of each facet, in the order a reader looks for them, so the template
holds layout only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from speechkb.model import LEVELS, Knowledge, Speech
from speechkb.outputs.knowledge_pages import pinyin_key

UNKNOWN = "不详"  # the facet value of a speech whose year, level or place is not known


@dataclass(frozen=True)
class FacetOption:
    value: str  # what the URL says (?year=2024, ?sector=dao-lu-jiao-tong)
    label: str  # what the reader sees (2024年, 道路交通)
    key: str = ""  # how a row names it, when shorter than the value: a sector's bit in the rows' masks


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter and the rows' data attribute: year, level, place, sector
    label: str  # 年份
    options: tuple[FacetOption, ...]


@dataclass(frozen=True)
class ListedSpeech:
    speech: Speech
    year: str
    level: str
    place: str
    sectors: str  # its sectors as a mask in hexadecimal: bit N set for the vocabulary's sector N ("" for none)
    date_key: str  # the date as it sorts (2024-03-15; empty when undated)
    level_key: int  # the level's rank, highest first; unknown last


@dataclass(frozen=True)
class SpeechList:
    rows: tuple[ListedSpeech, ...]
    facets: tuple[Facet, ...]


def speech_list(speeches: Sequence[Speech], knowledge: Knowledge) -> SpeechList:
    """The rows of ``speeches`` (in their order) and the facets they are narrowed by."""
    sectors_of = {tagged.speech.slug: tagged.tags.sectors for tagged in knowledge.speeches}
    # A row names its sectors by a bit each, the sector's number in the vocabulary: a speech has a dozen sectors
    # and the list 10,000 rows, and the mask is a third of the list's compressed size smaller than their numbers.
    sector_keys = {sector.slug: number for number, sector in enumerate(knowledge.vocabulary.sectors)}
    rows = tuple(
        ListedSpeech(
            speech=speech,
            year=str(speech.metadata.year) if speech.metadata.year else UNKNOWN,
            level=speech.metadata.level or UNKNOWN,
            place=speech.metadata.place or UNKNOWN,
            sectors=_mask(sector_keys[slug] for slug in sectors_of.get(speech.slug, ())),
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
    used = {slug for speech in speeches for slug in sectors_of.get(speech.slug, ())}
    facets = (
        Facet("year", "年份", (*(FacetOption(year, f"{year}年") for year in years), *_unknown(rows, "year"))),
        Facet("level", "级别", (*(FacetOption(level, f"{level}级") for level in levels), *_unknown(rows, "level"))),
        Facet("place", "地点", (*(FacetOption(place, place) for place in places), *_unknown(rows, "place"))),
        Facet(
            "sector",
            "行业领域",
            tuple(
                FacetOption(sector.slug, sector.name, str(sector_keys[sector.slug]))
                for sector in knowledge.vocabulary.sectors
                if sector.slug in used
            ),
        ),
    )
    return SpeechList(rows, facets)


def _mask(numbers: Iterable[int]) -> str:
    """Bits ``numbers`` set, in hexadecimal (``[0, 5]`` → ``21``); "" for none."""
    bits = sum({1 << number for number in numbers})
    return format(bits, "x") if bits else ""


def _unknown(rows: Sequence[ListedSpeech], name: str) -> tuple[FacetOption, ...]:
    """The option for speeches whose ``name`` is not known, when there are any."""
    return (FacetOption(UNKNOWN, UNKNOWN),) if any(getattr(row, name) == UNKNOWN for row in rows) else ()
