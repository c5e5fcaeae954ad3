"""Trend charts: passages per year, drawn as SVG at build time (``templates/chart.svg.j2``), no I/O.

A sector's or term's page, and a briefing's summary, show how often the speeches came back to it year by
year. The chart is inline SVG written when the site is built: no chart script to download, the same on
screen, offline (``file://``) and on paper, where WeasyPrint draws it like any other part of the page.

Each bar is a year from the first to the last the passages have (a year without any is an empty place, so
that a gap shows), undated passages last in a bar of their own. Where the passages come from speeches of
more than one level, each bar is divided by level (国家 to 企业), which says more than the total alone: a
sector that only county meetings mention reads differently from one the province asks about. Colours are
written on the shapes themselves, so a page printed without its stylesheet keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import jinja2

from speechkb.model import LEVELS, SpeechPassages

UNDATED = "不详"
# Dark to light from the national level down, then the company's own meetings apart: legible in grey print.
LEVEL_COLOURS: dict[str, str] = {
    "国家": "#1d3557",
    "省": "#2f5f8a",
    "市": "#4a86b4",
    "县": "#7fb0d6",
    "乡镇": "#b7d3ea",
    "企业": "#d9a441",
}
UNKNOWN_LEVEL_COLOUR = "#a8a8a8"
# The print fonts first (speechkb.outputs.briefing.PRINT_FONTS: a PDF may draw nothing with a fallback font),
# then what screens have.
FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
SINGLE_COLOUR = "#3f74a3"
_BAR_WIDTH = 26
_BAR_GAP = 12
_PLOT_HEIGHT = 90
_TOP = 16  # room for the count above the tallest bar
_LEFT = 8
_LEGEND_ROW = 16


@dataclass(frozen=True)
class Piece:
    """Part of a bar: the passages of one level, placed in the chart's coordinates."""

    label: str
    count: int
    colour: str
    y: float
    height: float


@dataclass(frozen=True)
class Bar:
    label: str  # 2024, or 不详 for undated passages
    passages: int
    speeches: int
    x: float
    y: float  # the top of the bar
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    x: float


@dataclass(frozen=True)
class Trend:
    """A chart's bars and legend with its size; ``caption`` says what it counts, for readers and screen readers."""

    caption: str
    bars: tuple[Bar, ...]
    legend: tuple[LegendEntry, ...]
    width: int
    height: int
    baseline: int

    @property
    def empty(self) -> bool:
        return not self.bars


def trend(grouped: Iterable[SpeechPassages], caption: str) -> Trend:
    """Passages (a group per speech) per year, and per level where the speeches are of more than one, laid out as
    a chart."""
    # A sector's chart counts most of a large archive's speeches: the loop does no more than it must.
    passage_counts: dict[tuple[int | None, str | None], int] = {}
    speeches: dict[int | None, set[str]] = {}
    for speech, paragraphs in grouped:
        metadata = speech.metadata
        key = (metadata.year, metadata.level)
        passage_counts[key] = passage_counts.get(key, 0) + len(paragraphs)
        if (slugs := speeches.get(key[0])) is None:
            slugs = speeches[key[0]] = set()
        slugs.add(speech.slug)
    if not passage_counts:
        return Trend(caption, (), (), 0, 0, 0)
    dated = sorted(year for year in speeches if year is not None)
    years: list[int | None] = list(range(dated[0], dated[-1] + 1)) if dated else []
    if None in speeches:
        years.append(None)
    levels = sorted({level for _, level in passage_counts}, key=_level_order)
    by_level = len(levels) > 1
    highest = max(sum(n for (year, _), n in passage_counts.items() if year == wanted) for wanted in years)
    baseline = _TOP + _PLOT_HEIGHT
    bars: list[Bar] = []
    for index, year in enumerate(years):
        x = _LEFT + index * (_BAR_WIDTH + _BAR_GAP)
        top = float(baseline)
        pieces: list[Piece] = []
        for level in levels if by_level else [None]:
            count = sum(n for (y, lv), n in passage_counts.items() if y == year and (not by_level or lv == level))
            if not count:
                continue
            height = _PLOT_HEIGHT * count / highest
            top -= height
            colour = _colour(level) if by_level else SINGLE_COLOUR
            pieces.append(Piece(_level_label(level) if by_level else "", count, colour, top, height))
        total = sum(piece.count for piece in pieces)
        label = str(year) if year is not None else UNDATED
        bars.append(Bar(label, total, len(speeches.get(year, ())), x, top, tuple(pieces)))
    width = _LEFT * 2 + len(years) * (_BAR_WIDTH + _BAR_GAP) - _BAR_GAP
    legend: list[LegendEntry] = []
    if by_level:
        left = float(_LEFT)
        for level in levels:
            label = _level_label(level)
            legend.append(LegendEntry(label, _colour(level), left))
            left += 16 + 13 * len(label) + 10
        width = max(width, int(left))
    height = baseline + 20 + (_LEGEND_ROW + 4 if legend else 0)
    return Trend(caption, tuple(bars), tuple(legend), max(width, 120), height, baseline)


def _level_order(level: str | None) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def _level_label(level: str | None) -> str:
    return f"{level}级" if level else "级别不详"


def _colour(level: str | None) -> str:
    return LEVEL_COLOURS.get(level or "", UNKNOWN_LEVEL_COLOUR)


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("speechkb", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("chart.svg.j2")


@dataclass(frozen=True)
class Chart:
    """A chart ready for a page: its SVG and what its caption must explain."""

    svg: str
    by_level: bool
    undated: bool

    def __bool__(self) -> bool:
        return bool(self.svg)


def trend_chart(chart: Trend) -> Chart:
    """The chart as one block of SVG, no blank line in it (a blank line would end a raw HTML block in Markdown)."""
    if chart.empty:
        return Chart("", False, False)
    svg = "".join(line.strip() for line in _template().render(chart=chart, font=FONT_FAMILY).splitlines())
    return Chart(svg, bool(chart.legend), any(bar.label == UNDATED for bar in chart.bars))
