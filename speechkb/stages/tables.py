"""Tables a copy flattened into lines, found again by their form.

A table copied from Word, a PDF or a web page as text loses its grid: each cell comes on a line of its own (``序号``
/ ``单位`` / ``检查次数`` / ``1`` / ``青岚镇`` / ``52`` …), or each row on a line with its cells parted by tabs or runs of
spaces (``县区      事故起数      死亡人数``). Read as text, each cell or row would be a paragraph. A reader sees a
table where short lines without a sentence repeat a column count: a header of names, then rows whose columns hold
the same kind of cell (figures under 检查次数, names under 单位). Such a run becomes a table
(:class:`~speechkb.model.SourceTable`) standing where it stood, as a Word document's tables do, its cells' text as
written: only the white space that parted the cells goes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from speechkb.model import Line, SourceCell, SourceTable
from speechkb.stages.infer.text import fold
from speechkb.stages.layout import joined_lines
from speechkb.stages.normalize import simplified
from speechkb.stages.numbering import heading_style

CELL_MAX_CHARS = 16  # a cell alone on its line; longer lines are sentences or headings
_ROW_CELL_MAX_CHARS = 24  # a cell in a row of cells, where the row's other cells show it is one
_MAX_COLUMNS = 8
_MIN_ROWS = 2  # data rows under the header; one under a caption
_MIN_WORD_COLUMNS = 3  # a table of words only, no figures, needs this many columns
# ... and a cell longer than a person's name: a grid of names (the leaders present, 王某某　　李某某　　张某某 a line)
# is a list set out in rows, whose first row is no header.
_NAME_MAX_CHARS = 4
_SENTENCE = re.compile("[，。；：！？,;:!?]")
_ROW_SEPARATOR = re.compile(r"\t+|[ \u3000]{2,}")
# A figure: a count, a share, a change (52, 96%, -12.5%, +6.3%), as a table's figures are written.
_FIGURE = re.compile(r"[+\-－−]?[0-9０-９][0-9０-９.．,，]*[%％‰]?")


def cell_like(text: str) -> bool:
    """Whether ``text`` could be a cell alone on its line: short, with no sentence, no heading's number."""
    if len(text.strip()) > CELL_MAX_CHARS:
        return False  # most lines: told without converting them
    plain = simplified(text).strip()
    return not _SENTENCE.search(plain) and not heading_style(plain)


def flattened_tables(
    lines: Sequence[Line], caption: re.Pattern[str], goes_on: re.Pattern[str]
) -> tuple[list[Line], list[SourceTable]]:
    """``lines`` without the lines of the tables found in them, and those tables (see the module's doc).

    ``caption`` matches a table's caption (表1：……, folded and stripped): under one, a header and a single row of
    cells parted on their line are a table too. ``goes_on`` finds where a cell one a line stops and no cell ends
    (更新改造和, on a joining word): its column wrapped it, and the line under it is the rest of the same cell.
    """
    cells = [cell_like(line.text) for line in lines]
    steps = [2 if _wrapped_on(lines, cells, index, goes_on) else 1 for index in range(len(lines))]
    kept: list[Line] = []
    tables: list[SourceTable] = []
    index = 0
    while index < len(lines):
        found = _cells_table(lines, cells, steps, index) or _rows_table(lines, index, kept, caption)
        if found is None:
            kept.append(lines[index])
            index += 1
            continue
        table, used = found
        tables.append(table)
        index += used
    return kept, tables


def _rows_table(
    lines: Sequence[Line], start: int, above: Sequence[Line], caption: re.Pattern[str]
) -> tuple[SourceTable, int] | None:
    """The table whose rows start at ``start``, one a line, their cells parted by tabs or runs of spaces, every row
    with as many cells as the header; and how many lines it takes. Its columns hold one kind of cell each, one of
    them figures or three of them at least, not all names: two names a line (县长　　王某某), or a grid of names, are a
    list, not a table."""
    header = _row_cells(lines[start].text)
    if header is None or any(_FIGURE.fullmatch(cell) for cell in header):
        return None
    rows = [header]
    used = [lines[start]]
    wrapped: dict[tuple[int, int], Line] = {}  # (row, column) → the line the column wrapped the cell's text onto
    at = start + 1
    while at < len(lines):
        cells = _row_cells(lines[at].text)
        if cells is not None and len(cells) == len(header):
            rows.append(cells)
            used.append(lines[at])
            at += 1
            continue
        column = _wrapped_cell(rows[-1], lines[at].text, lines[at + 1 : at + 2]) if len(rows) > 1 else None
        if column is None or (len(rows) - 1, column) in wrapped:
            break
        wrapped[len(rows) - 1, column] = lines[at]
        at += 1
    captioned = bool(above) and caption.fullmatch(fold(above[-1].text).strip()) is not None
    if len(rows) - 1 < (1 if captioned else _MIN_ROWS) or not _kinds_agree(rows[1:]):
        return None
    if not any(_FIGURE.fullmatch(cell) for cell in rows[1]) and (
        len(header) < _MIN_WORD_COLUMNS or all(len(cell) <= _NAME_MAX_CHARS for row in rows for cell in row)
    ):
        return None
    grid = tuple(
        tuple(SourceCell((_cell_line(line, cell, wrapped.get((row, column))),)) for column, cell in enumerate(cells))
        for row, (line, cells) in enumerate(zip(used, rows, strict=True))
    )
    return SourceTable(used[0].number, grid, header_rows=1), at - start


def _cell_line(line: Line, cell: str, wrapped: Line | None) -> Line:
    """A cell of the row ``line`` as one line of its own, with the rest of its text the column wrapped onto the
    next line, if any: one cell, one paragraph."""
    own = replace(line, text=cell, indented=False, soft_break=False)
    return joined_lines(own, wrapped) if wrapped else own


def _wrapped_cell(row: Sequence[str], text: str, following: Sequence[Line]) -> int | None:
    """The column of ``row`` whose cell the line ``text`` goes on, where a PDF's column was too narrow for it and
    the other columns are empty (县交通运输局（含公路建设 / 养护中心）); None when ``text`` is no such rest.

    The rest of a cell is a few words alone on the line, no figure, no sentence and no heading's number, and so is
    the cell it ends: the row's one cell of words, or of its cells of words the one that opened a bracket the rest
    closes. More of the table must follow it, or the bracket it closes tell it from a paragraph under the table.
    """
    rest = text.strip()
    if (
        not rest
        or _ROW_SEPARATOR.search(rest)
        or len(rest) > _ROW_CELL_MAX_CHARS
        or _FIGURE.fullmatch(rest)
        or _SENTENCE.search(simplified(rest))
        or heading_style(simplified(rest))
    ):
        return None
    words = [column for column, cell in enumerate(row) if not _FIGURE.fullmatch(cell)]
    closes = _open_brackets(rest) < 0
    candidates = [column for column in words if _open_brackets(row[column]) > 0] if closes else words
    if len(candidates) != 1:
        return None
    table_goes_on = bool(following) and _row_cells(following[0].text) is not None
    return candidates[0] if table_goes_on or closes else None


def _open_brackets(text: str) -> int:
    """How many brackets ``text`` leaves open (县交通运输局（含公路建设: 1), or closes that it did not open (养护中心）:
    -1)."""
    return sum(text.count(bracket) for bracket in "（(【［[") - sum(text.count(bracket) for bracket in "）)】］]")


def _row_cells(text: str) -> list[str] | None:
    """The cells of a line that is a table's row (two or more, each short and no sentence, the first no heading's
    number); None for any other."""
    cells = _ROW_SEPARATOR.split(text.strip())
    if not 2 <= len(cells) <= _MAX_COLUMNS or heading_style(cells[0]):
        return None
    if any(len(cell) > _ROW_CELL_MAX_CHARS or _SENTENCE.search(simplified(cell)) for cell in cells):
        return None
    return cells


def _wrapped_on(lines: Sequence[Line], cells: Sequence[bool], index: int, goes_on: re.Pattern[str]) -> bool:
    """Whether the cell on ``lines[index]`` goes on in the next line: it stops where no cell ends (on a joining word,
    on 、, or with a bracket left open), and the next line is a cell's words, no figure."""
    following = index + 1
    if not cells[index] or following >= len(lines) or not cells[following]:
        return False
    plain = simplified(lines[index].text).strip()
    stops = goes_on.search(plain) is not None or _open_brackets(plain) > 0
    return stops and not _FIGURE.fullmatch(lines[following].text)


def _cells_table(
    lines: Sequence[Line], cells: Sequence[bool], steps: Sequence[int], start: int
) -> tuple[SourceTable, int] | None:
    """The table whose cells start at ``start``, one a line: a header of names, then rows of as many cells whose
    columns hold one kind of cell each, figures or words, as in the first row, one of them figures; and how many
    lines it takes. The fewest columns that make such a table are its columns. A cell takes ``steps`` lines from its
    first: two where its column wrapped it."""
    if not cells[start] or _FIGURE.fullmatch(lines[start].text):
        return None
    firsts = [start]  # the first line of each cell in turn

    def reach(count: int) -> None:
        """Read cells on until ``count`` are read or the cells end."""
        while len(firsts) < count and (at := firsts[-1] + steps[firsts[-1]]) < len(lines) and cells[at]:
            firsts.append(at)

    def cell(at: int) -> Line:
        return joined_lines(lines[at], lines[at + 1]) if steps[at] == 2 else lines[at]

    reach(_MAX_COLUMNS * (1 + _MIN_ROWS))  # enough for a header and two rows, the least a table has
    for columns in range(2, _MAX_COLUMNS + 1):
        if len(firsts) < columns * (1 + _MIN_ROWS):
            break
        header = [cell(at) for at in firsts[:columns]]
        first = _kinds([cell(at) for at in firsts[columns : 2 * columns]])
        if any(_FIGURE.fullmatch(line.text) for line in header) or not any(first):
            continue
        rows = 1
        while True:
            reach((rows + 1) * columns)
            row = firsts[rows * columns : (rows + 1) * columns]
            if len(row) < columns or _kinds([cell(at) for at in row]) != first:
                break
            rows += 1
        if rows - 1 < _MIN_ROWS:
            continue
        used = [cell(at) for at in firsts[: rows * columns]]
        grid = tuple(
            tuple(SourceCell((line,)) for line in used[row : row + columns]) for row in range(0, len(used), columns)
        )
        last = firsts[rows * columns - 1]
        return SourceTable(used[0].number, grid, header_rows=1), last + steps[last] - start
    return None


def _kinds(row: Sequence[Line]) -> tuple[bool, ...]:
    """Which cells of ``row`` are figures."""
    return tuple(_FIGURE.fullmatch(line.text) is not None for line in row)


def _kinds_agree(rows: Sequence[Sequence[str]]) -> bool:
    """Whether each column of ``rows`` holds one kind of cell, figures or words, in every row."""
    kinds = [tuple(_FIGURE.fullmatch(cell) is not None for cell in row) for row in rows]
    return all(kind == kinds[0] for kind in kinds)
