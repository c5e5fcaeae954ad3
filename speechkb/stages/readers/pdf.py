"""``.pdf``: a PDF's text layer → its lines, page by page, as they stand on each page (through pdfminer.six).

Speeches are published as PDF: a 公文 exported from Word, a page printed to PDF. pdfminer.six groups the text
layer's characters into lines, and the lines of each page are read as a person reads them, top to bottom and
left to right, whatever order the file draws them in (a running header drawn after the text is still read
first). The parts of one line on a page (a header's left and right halves) are one line. A stretch of a page
set in two columns (a 简报's, a newspaper's page) is read column by column, the left one first: lines of text
side by side, each in its half of the page and most of them filling it, are a column's, not one line. A line that starts
right of the page's text edge is indented, as a ``.txt`` file indents a paragraph's first line, so the joining
of hard-wrapped lines (:mod:`speechkb.stages.layout`) ends a paragraph there. Which lines are full (they reach the
text's right edge, no paragraph spacing follows) is measured on the page and declared to that joining, so it
need not guess from the number of characters; spaces pdfminer only guessed next to a Chinese character are
not text. Page breaks are line breaks, so the parser finds running headers (a short
line on every page) and page numbers as it does in text copied from a PDF, and sets them apart (原文附注).

A PDF without text is a scan (an image of each page): an error, as OCR is not supported. A page without text
among pages with it is a warning. A PDF that needs a password to open, one that is not a PDF at all (a zip
named ``.pdf``) and a damaged one are errors naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from itertools import groupby, pairwise
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING

import filetype

from speechkb.model import Diagnostic
from speechkb.stages.readers.base import RawText, Reader, ReadError, at_most

if TYPE_CHECKING:
    from pdfminer.layout import LTPage, LTTextLine

_INDENT = 0.8  # a line starting this many characters' width right of the page's text edge is indented
_INDENT_MARK = "\u3000\u3000"  # how the line says it is indented: two full-width spaces, as Chinese text does
_SAME_ROW = 0.5  # two pieces of text on one line overlap by this much of the smaller one's height
# A line ending less than this many characters' width, or this share of the text's width, left of the text's right
# edge is full: a ragged line ends a word early, a justified Chinese one a character early.
_FULL = 1.5
_FULL_SHARE = 0.1
_PARAGRAPH_SPACING = 1.3  # lines further apart than this many times the line pitch are in two paragraphs
_BODY_START = 3  # a line starting within this many characters of the text's left edge is the text's, not a footer
_RUN_ON_INDENT = 2.5  # a paragraph's lines start at most this many characters right of the text's edge
_SIZE_TOLERANCE = 0.2  # the text's lines are this close to its most common size; a title's are larger
_COLUMN_ROWS = 3  # lines of each half of a page beside the other half's that may make it two columns
_COLUMN_CHARS = 8  # a column's lines are this many characters long (a table's cells are shorter)
_COLUMN_FULL = 0.5  # and this share of them fill its width: text set in a column, not a table's ragged cells


class PdfReader(Reader):
    """A PDF's text layer: its lines, page after page, indented where a paragraph starts."""

    suffixes = (".pdf",)

    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

        if b"%PDF-" not in data[:1024]:
            kind = filetype.guess(data)
            what = f"the file is {kind.mime} (.{kind.extension})" if kind else "it does not begin with %PDF-"
            raise ReadError(path, f"not a PDF: {what}")
        pages: list[list[_Row]] = []
        try:
            for page in extract_pages(BytesIO(data), laparams=LAParams()):
                pages.append(_rows(page))
        except PDFPasswordIncorrect:
            raise ReadError(path, "encrypted PDF: it needs a password to open; save a copy without one") from None
        except PDFEncryptionError as error:
            raise ReadError(path, f"encrypted PDF: {error}; save a copy without a password") from None
        except Exception as error:  # pdfminer raises many unrelated types for a damaged file
            raise ReadError(path, f"damaged PDF: {type(error).__name__}: {error}") from None
        blank = [number for number, rows in enumerate(pages, 1) if not rows]
        if not pages:
            raise ReadError(path, "damaged PDF: it has no pages")
        if len(blank) == len(pages):
            raise ReadError(path, "scanned PDF: no text layer; OCR is not supported")
        found = [
            Diagnostic(path, None, f"page {page} has no text layer (a scanned page?); OCR is not supported")
            for page in blank
        ]
        diagnostics.extend(at_most(found, len(found), "pages without text"))
        lines = _lines(pages)
        runs_on = frozenset(index for index, line in enumerate(lines) if line.runs_on)
        return RawText([line.text for line in lines], "pdf", runs_on=runs_on, pages=[line.page for line in lines])


@dataclass(frozen=True)
class _Row:
    """One line of a page: its text and where it stands (PDF units, y upwards)."""

    text: str
    left: float
    right: float
    bottom: float
    size: float  # the height of its characters
    frame: tuple[float, float] | None = None  # the left and right edges of the column it stands in, if in one


def _rows(page: LTPage) -> list[_Row]:
    """The page's lines, top to bottom, a stretch in two columns column by column; the parts of one line (a
    header's left and right) left to right."""
    pieces = sorted(_text_lines(page), key=lambda piece: (-piece.y1, piece.x0))
    if not pieces:
        return []
    middle = (min(piece.x0 for piece in pieces) + max(piece.x1 for piece in pieces)) / 2
    rows: list[_Row] = []
    flow: list[LTTextLine] = []  # lines read across the page, as they come
    for across, stretch in groupby(pieces, key=lambda piece: piece.x0 < middle < piece.x1):
        lines = list(stretch)
        columns = None if across else _columns(lines, middle)
        if columns is None:
            flow.extend(lines)
            continue
        rows.extend(_grouped(flow))
        flow = []
        for column in columns:
            rows.extend(_grouped(column, _frame(column)))
    return rows + _grouped(flow)


def _columns(lines: list[LTTextLine], middle: float) -> tuple[list[LTTextLine], list[LTTextLine]] | None:
    """The left and the right column of a stretch of lines none of which crosses the page's ``middle``, if the
    stretch is set in two columns."""
    left = [line for line in lines if line.x1 <= middle]
    right = [line for line in lines if line.x0 >= middle]
    if not left or not right or min(_beside(left, right), _beside(right, left)) < _COLUMN_ROWS:
        return None
    for column in (left, right):
        size = median(_char_size([line]) for line in column)
        edge = max(line.x1 for line in column)
        if median(line.x1 - line.x0 for line in column) < _COLUMN_CHARS * size:
            return None
        if sum(1 for line in column if line.x1 >= edge - _FULL * size) < _COLUMN_FULL * len(column):
            return None
    return left, right


def _beside(column: list[LTTextLine], other: list[LTTextLine]) -> int:
    """How many lines of ``column`` stand beside the ``other`` column: between its first line and its last."""
    top, bottom = max(line.y1 for line in other), min(line.y0 for line in other)
    return sum(1 for line in column if line.y0 >= bottom and line.y1 <= top)


def _frame(column: list[LTTextLine]) -> tuple[float, float]:
    """The left and right edges of a column's text: where its lines start, and where its full lines end (its
    short lines, a page number below it, are not the text's edge)."""
    widest = max(line.x1 - line.x0 for line in column)
    text = [line for line in column if line.x1 - line.x0 >= widest / 2]
    return min(line.x0 for line in text), median(line.x1 for line in text)


def _grouped(pieces: list[LTTextLine], frame: tuple[float, float] | None = None) -> list[_Row]:
    """``pieces`` (top to bottom) as lines: the pieces one row of the page holds are one line, left to right."""
    groups: list[list[LTTextLine]] = []
    for piece in pieces:
        group = groups[-1] if groups else None
        if group and _overlap(group, piece) >= _SAME_ROW * min(piece.height, min(p.height for p in group)):
            group.append(piece)
        else:
            groups.append([piece])
    rows = []
    for group in groups:
        text = " ".join(_text(piece) for piece in sorted(group, key=lambda piece: piece.x0))
        if text.strip():
            left, right = min(p.x0 for p in group), max(p.x1 for p in group)
            size = max(min(p.height for p in group), 1.0)
            rows.append(_Row(text, left, right, min(p.y0 for p in group), size, frame))
    return rows


@dataclass(frozen=True)
class _PageLine:
    text: str  # indented with two full-width spaces where the page indents it
    runs_on: bool  # it reaches the right edge of the text, and no paragraph's spacing follows it on its page
    page: int  # counted from 1, as a reader finds it in the printed document


def _lines(pages: list[list[_Row]]) -> list[_PageLine]:
    """Every page's lines, each marked as indented or not, with whether it runs on and its page."""
    rows = [row for page in pages for row in page]
    if not rows:
        return []
    widest = sorted(row.right - row.left for row in rows)[int(0.9 * (len(rows) - 1))]
    wide = [row for row in rows if row.right - row.left >= widest / 2]  # the text's lines: no title, no footer
    text_rows = set(wide)
    left_edge = min(row.left for row in wide)
    right_edge = median(row.right for row in wide)
    steps = [
        above.bottom - below.bottom
        for page in pages
        for above, below in pairwise(page)
        if above in text_rows and below in text_rows and above.bottom > below.bottom
    ]
    pitch = median(steps) if steps else None  # from one line of a paragraph to the next
    body_size = median(row.size for row in wide)
    found: list[_PageLine] = []
    for number, page in enumerate(pages, 1):
        for index, row in enumerate(page):
            following = page[index + 1] if index + 1 < len(page) else None
            left, right = row.frame or (left_edge, right_edge)  # a column's edges are its own
            spaced = (
                pitch is not None
                and following is not None
                and row.bottom - following.bottom > _PARAGRAPH_SPACING * pitch
                and following.left - (following.frame or (left_edge,))[0] < _BODY_START * following.size  # no footer
            )
            slack = max(_FULL * row.size, _FULL_SHARE * (right - left))
            runs_on = (
                row.right >= right - slack
                and row.left - left <= _RUN_ON_INDENT * row.size  # not a centred title, a right-aligned date
                and abs(row.size - body_size) <= _SIZE_TOLERANCE * body_size  # the text's size, not a title's
                and not spaced
            )
            indented = row.left - left >= _INDENT * row.size
            found.append(_PageLine((_INDENT_MARK if indented else "") + row.text, runs_on, number))
    return found


def _text_lines(page: LTPage) -> list[LTTextLine]:
    from pdfminer.layout import LTComponent, LTContainer, LTTextLine

    found: list[LTTextLine] = []
    stack: list[LTComponent] = [page]
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextLine):
            if item.get_text().strip():
                found.append(item)
        elif isinstance(item, LTContainer):
            stack.extend(item)
    return found


def _overlap(row: list[LTTextLine], piece: LTTextLine) -> float:
    top = min(max(p.y1 for p in row), piece.y1)
    bottom = max(min(p.y0 for p in row), piece.y0)
    return top - bottom


def _char_size(row: list[LTTextLine]) -> float:
    return max(min(piece.height for piece in row), 1.0)


def _text(line: LTTextLine) -> str:
    """The line's characters. A space pdfminer inserted where it saw a gap is kept between two Latin words (a
    PDF often draws words apart without a space) and left out next to a Chinese character: a justified line's
    wider gaps, the gap Word leaves between Chinese and digits (``全市 2024 年``) are no characters of the file."""
    from pdfminer.layout import LTAnno

    items = [item for item in line if hasattr(item, "get_text")]
    kept: list[str] = []
    for index, item in enumerate(items):
        text = item.get_text()
        if isinstance(item, LTAnno):
            if text == "\n":
                continue
            before = kept[-1][-1:] if kept else ""
            after = items[index + 1].get_text()[:1] if index + 1 < len(items) else ""
            if _wide(before) or _wide(after):
                continue
        kept.append(text)
    return "".join(kept).strip("\n")


def _wide(char: str) -> bool:
    """A Chinese character or full-width sign, between which no text has spaces."""
    return bool(char) and (char >= "\u2e80" and not ("\uff61" <= char <= "\uffdc"))
