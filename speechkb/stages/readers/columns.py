"""A page of text set in two columns, as a ``.txt`` holds it: ``pdftotext -layout`` of a 简报's or a journal's page, or a
copy of one. Each physical line holds a line of the left column, a run of spaces, and a line of the right column,
which starts at about the same place on every line. Read line by line, the columns interleave sentence halves; a
person reads the left column down, then the right one, page by page.

Only the file's lines know where their text stands, so this is done as a text file is read, before the lines are
stripped. A run of lines is two columns only by its form: many lines in a row parted at one place, both halves
prose (long, with a sentence's punctuation), one gap a line. A table's rows are parted by runs of spaces too, but
their cells are short, hold no sentence and part a row more than once (:mod:`speechkb.stages.tables`); a byline or a
signature (``县长　　王某某``) is one line or two. Anything not clearly two columns stays as the file has it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from speechkb.model import Diagnostic, Severity
from speechkb.stages.layout import columns as display_columns

_GAP = re.compile(r"[ \u3000]*(?: {3,}|\u3000{2,})[ \u3000]*")  # white space that parts two columns
_MIN_ROWS = 4  # lines holding both columns, side by side in a run
_MIN_KNOWN_ROWS = 2  # where another run of the document has its right column
_MIN_HALF_CHARS = (
    8  # a column's lines are this long on average (a narrow one's some twelve): a sentence's halves, not a list's cells
)
_SENTENCE = re.compile("[，。；：！？,;:!?]")
_SENTENCE_END = "。！？!?；;…”’）)"
_SENTENCE_SHARE = 0.5  # of the halves hold a sentence's punctuation: prose, not a table
_BEFORE = 2  # how far left of the right column's edge its lines may start (a measure's rounding)
_AFTER = 5  # and how far right: a paragraph's first line is indented, in columns (two full-width spaces)

Measure = Callable[[str, int], int]  # where on its line the text at an index stands


def _by_index(_line: str, index: int) -> int:
    """Characters before ``index``: ``pdftotext -layout`` pads a line to where the text stands on the page."""
    return index


def _by_width(line: str, index: int) -> int:
    """Display columns before ``index``: a copy aligned by eye, where a Chinese character takes two."""
    return display_columns(line[:index])


_MEASURES: tuple[Measure, ...] = (_by_index, _by_width)


@dataclass(frozen=True)
class _Row:
    """A line of a two-column run: its left and right halves, as the file has them (white space kept)."""

    left: str
    right: str


@dataclass(frozen=True)
class Block:
    """Lines ``start`` to ``end`` (exclusive) of a page, read as two columns: the left one, then the right one."""

    start: int
    end: int
    edge: int  # where the right column starts, by the measure that found it
    lines: list[str]


def in_reading_order(
    path: Path, lines: list[str], page_ends: Iterable[int], diagnostics: list[Diagnostic]
) -> list[str]:
    """``lines`` with each run of two columns read column by column (see :func:`two_columns`), said in a notice: the
    lines are numbered as read, the left column's then the right one's."""
    blocks = two_columns(lines, page_ends)
    ordered: list[str] = []
    at = 0
    for block in blocks:
        ordered += lines[at : block.start] + block.lines
        at = block.end
        diagnostics.append(
            Diagnostic(
                path,
                block.start + 1,
                f"lines {block.start + 1}–{block.end} are two columns side by side: read as a reader reads them, the "
                "left column, then the right one",
                Severity.NOTICE,
            )
        )
    return ordered + lines[at:]


def two_columns(lines: list[str], page_ends: Iterable[int] = ()) -> list[Block]:
    """The runs of ``lines`` set in two columns, each with its lines in reading order; ``page_ends`` are the indexes
    of the lines a page ends after (a form feed), which no run goes over. Once a run shows where the document's
    right column stands, a shorter one there (a page's last lines, side by side) is two columns too."""
    ends = sorted({*page_ends, len(lines) - 1})
    pages = [range(start, end + 1) for start, end in zip([0, *(end + 1 for end in ends)], ends, strict=False)]
    by_measure: list[list[list[Block]]] = []  # for each measure, each page's runs
    for measure in _MEASURES:
        edges = {block.edge for page in pages for block in _blocks(lines, page, measure, set())}
        by_measure.append([_blocks(lines, page, measure, edges) if edges else [] for page in pages])
    # Each page by the measure that finds more of its lines in runs: pdftotext pads a page to its characters, a
    # page whose lines hold digits and Latin letters may be padded to its width.
    return [
        block
        for found in zip(*by_measure, strict=True)
        for block in max(found, key=lambda blocks: sum(block.end - block.start for block in blocks))
    ]


def _blocks(lines: list[str], page: range, measure: Measure, edges: set[int]) -> list[Block]:
    """The two-column runs on ``page`` (indexes of ``lines``); a run at one of ``edges`` may be short."""
    found: list[Block] = []
    index = page.start
    while index < page.stop:
        split = _split_at(lines[index], measure)
        if split is not None and _page_header(lines, page, index):
            index += 1
            continue
        known = split is not None and any(abs(split[1] - edge) <= _BEFORE for edge in edges)
        floor = found[-1].end if found else page.start
        block, scanned = _block_from(lines[: page.stop], index, split[1], measure, known, floor) if split else (None, 1)
        if block is not None:
            found.append(block)
        index += max(scanned, 1)  # rows that are no run from their first are none from a later one: once each
    return found


def _page_header(lines: list[str], page: range, index: int) -> bool:
    """Whether ``lines[index]`` is its page's running header, whose right half may be padded out to where the right
    column stands (a 简报's name, its issue): the page's first line of text, a blank line under it, no sentence in
    it. It is a line across the page, not the first row of the columns under it."""
    first = next((at for at in page if lines[at].strip()), None)
    under = lines[index + 1] if index + 1 < page.stop else ""
    return first == index and not under.strip() and not _SENTENCE.search(lines[index])


def _split_at(line: str, measure: Measure) -> tuple[int, int] | None:
    """(the index of the gap between two halves of text, where the right half stands), None for a line with no gap,
    or with more than one (a table's row)."""
    body = line.rstrip()
    offset = len(body) - len(body.lstrip())
    gaps = list(_GAP.finditer(body, offset))
    if len(gaps) != 1 or gaps[0].start() == offset:
        return None
    return gaps[0].start(), measure(body, gaps[0].end())


def _block_from(
    page: list[str], start: int, edge: int, measure: Measure, known: bool, floor: int
) -> tuple[Block | None, int]:
    """The run of two columns whose first line of two halves is ``start``, with its right column at ``edge`` (None
    unless it is one), and how many lines it looked at from there.

    Its right column's edge is where the least indented of its lines start; its halves are cut there again, so
    that a right half indented past it keeps the white space that says so. At an edge ``known`` from another run,
    fewer lines side by side make one. The run begins higher, down to ``floor``, where one column opened a line
    or two lower than the other (space above its first paragraph): its first rows hold the other column's lines
    alone, and the right column's are read where that column begins, not before the left one."""
    rows = _rows(page[start:], edge, measure)
    both = [
        (line, row) for line, row in zip(page[start:], rows, strict=False) if row.left.strip() and row.right.strip()
    ]
    if len(both) < (_MIN_KNOWN_ROWS if known else _MIN_ROWS) or not _prose([row for _, row in both]):
        return None, len(rows)
    edge = min(measure(line, len(line.rstrip()) - len(row.right.lstrip(" \u3000"))) for line, row in both)
    top = start
    while top > floor and _one_half(_row(page[top - 1], edge, measure)):
        top -= 1
    again = [_row(line, edge, measure) for line in page[top : start + len(rows)]]
    ordered = [row or first for row, first in zip(again, [_Row("", "")] * (start - top) + rows, strict=True)]
    halves = [row.left for row in ordered] + [row.right for row in ordered]
    return Block(top, start + len(rows), edge, [half for half in halves if half.strip()]), len(rows)


def _one_half(row: _Row | None) -> bool:
    """Whether ``row`` holds one column's line and nothing in the other."""
    return row is not None and bool(row.left.strip()) != bool(row.right.strip())


def _rows(lines: list[str], edge: int, measure: Measure) -> list[_Row]:
    """The rows of columns ``lines`` start with, to the last that holds text of the run: its last line of two halves,
    and the lines right under it that go on with one column (one may end lower than the other), up to a blank line.
    A line that only stands where a column would, under a sentence's end, is no column's (a page's number)."""
    rows: list[_Row] = []
    last = 0  # how many rows to keep
    ended = False  # a blank line after the last line of two halves: the text under it is no column's
    for line in lines:
        row = _row(line, edge, measure)
        if row is None:
            break
        rows.append(row)
        if row.left.strip() and row.right.strip():
            last, ended = len(rows), False
        elif not (row.left.strip() or row.right.strip()):
            ended = True
        elif not ended and last and _goes_on(rows):
            last = len(rows)
        else:
            ended = True
    return rows[:last]


def _goes_on(rows: list[_Row]) -> bool:
    """Whether the last of ``rows``, one column's line alone, goes on with that column: the column's line above it
    stops in the middle of a sentence, or it is indented, a paragraph's first line."""
    left = bool(rows[-1].left.strip())
    halves = [row.left if left else row.right for row in rows]
    above = next((half.rstrip() for half in reversed(halves[:-1]) if half.strip()), "")
    return halves[-1][:1].isspace() or (bool(above) and above[-1] not in _SENTENCE_END)


def _row(line: str, edge: int, measure: Measure) -> _Row | None:
    """``line`` as a row of columns whose right one starts near ``edge``: both halves, the left or the right alone, or
    none (blank); None for a line that is not (a heading across the page, a centred page number)."""
    body = line.rstrip()
    if not body.strip():
        return _Row("", "")
    offset = len(body) - len(body.lstrip())
    if edge - _BEFORE <= measure(body, offset) <= edge + _AFTER and not _GAP.search(body, offset):
        return _Row("", _right_half(body, 0, offset, edge, measure))
    split = _split_at(body, measure)
    if split is None:
        alone = measure(body, offset) < edge // 2 and measure(body, len(body)) <= edge - _BEFORE
        return _Row(body, "") if alone else None
    gap, at = split
    if not edge - _AFTER <= at <= edge + _AFTER:
        return None
    right = body.find(body[gap:].lstrip(" \u3000"), gap)
    return _Row(body[:gap], _right_half(body, gap, right, edge, measure))


def _right_half(body: str, gap: int, text: int, edge: int, measure: Measure) -> str:
    """The right column's line from ``body``, whose text starts at ``text``: with the white space that indents it past
    the column's edge, as a paragraph's first line is, so the reader sees the indent."""
    start = text
    while start > gap and measure(body, start - 1) >= edge:
        start -= 1
    return body[start:]


def _prose(rows: list[_Row]) -> bool:
    """Whether ``rows`` are two columns of sentences: long halves in each column, and most halves with a sentence's
    punctuation (a column's line of some twenty characters may fall between two commas)."""
    lefts, rights = [row.left.strip() for row in rows], [row.right.strip() for row in rows]
    if any(sum(map(len, halves)) < _MIN_HALF_CHARS * len(halves) for halves in (lefts, rights)):
        return False
    return sum(bool(_SENTENCE.search(half)) for half in lefts + rights) >= _SENTENCE_SHARE * 2 * len(rows)
