"""``.docx``: a Word document → its text as Word shows it, and what Word declares about it.

The document's XML is read through python-docx's package, not python-docx's ``paragraph.text``, which
leaves out text in tracked insertions, content controls and text boxes. What the reader gives:

- a line per paragraph of the body, in reading order, with the number Word's list numbering shows before
  it (``一、``, ``（一）``) written before its text, and its declared heading level (Heading 1/2/3, 标题 1/2/3,
  outline levels: :mod:`speechkb.stages.readers.word`);
- tables, as tables: each cell's paragraphs are lines too (a table inside a cell is read into that cell), the
  header the rows Word marks as one, or else a first row set all in bold above a plain one; a
  table of one column is a frame, not a table of data (a template's 红头 around the title, a box around a
  note): its paragraphs are the document's lines, as a web page's layout table's are;
- the text of text boxes, as paragraphs after the paragraph they are anchored in;
- footnotes and endnotes, after the body: ``［注1］`` (``［尾注1］``) where the reference stands in the text
  and at the start of the note;
- headers, footers and reviewers' comments (批注), last, as lines that are not the speech (原文附注);
- what cannot be shown as text, named in its place as ``［图片］`` (an image, with its description when it
  has one), ``［图表］``, ``［图示］`` (SmartArt), ``［图形］`` (a drawn shape), ``［嵌入对象］`` (an embedded
  object), ``［嵌入文档］``, and reported as a warning with its line: nothing is dropped silently.

Deleted text of tracked changes and field codes are not text Word shows, and are left out.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from speechkb.model import Diagnostic
from speechkb.stages.readers.base import (
    IMAGE,
    RawCell,
    RawTable,
    RawText,
    Reader,
    ReadError,
    at_most,
    unshown_mark,
)
from speechkb.stages.readers.word import Element, W, WordNumbering, WordStyles

_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_V = "{urn:schemas-microsoft-com:vml}"
_O = "{urn:schemas-microsoft-com:office:office}"
_URI_KINDS = {
    "http://schemas.openxmlformats.org/drawingml/2006/picture": IMAGE,
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "图表",
    "http://schemas.microsoft.com/office/drawing/2014/chartex": "图表",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "图示",
}
_KIND_NAMES = {
    IMAGE: "an image",
    "图表": "a chart",
    "图示": "a SmartArt diagram",
    "图形": "a drawn shape",
    "嵌入对象": "an embedded object",
    "嵌入文档": "an embedded document",
}
# Elements that hold what Word does not show as the text: properties, deleted text, field codes.
_SKIPPED = frozenset(
    f"{W}{name}" for name in ("pPr", "rPr", "del", "moveFrom", "instrText", "delInstrText", "footnoteRef", "endnoteRef")
)
# Wrappers around blocks or cells: content controls, custom XML, tracked insertions and moves.
_WRAPPERS = frozenset(f"{W}{name}" for name in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"))
_TRUE = (None, "1", "true", "on")  # an on/off property present without a value is on


class DocxReader(Reader):
    """A Word document's text as Word shows it, with its headings, tables, footnotes and page headers."""

    suffixes = (".docx",)

    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        from docx import Document  # imported here: python-docx is slow to import and most speeches are .txt

        if not zipfile.is_zipfile(BytesIO(data)):
            raise ReadError(path, "not a Word document: a .docx file is a zip archive and this one is not")
        try:
            document = Document(BytesIO(data))
        except Exception as error:  # python-docx raises many unrelated types for damaged packages
            raise ReadError(path, f"damaged Word document: {error}") from None
        return _Story(path, document, diagnostics).read()


@dataclass
class _Cell:
    lines: range
    colspan: int
    rowspan: int = 1


@dataclass
class _Story:
    """The document read in order into lines; what each line is, is recorded by its index as it is added."""

    path: Path
    document: Any
    diagnostics: list[Diagnostic]
    lines: list[str] = field(default_factory=list)
    heading_levels: dict[int, int] = field(default_factory=dict)
    tables: list[RawTable] = field(default_factory=list)
    footnotes: dict[str, int] = field(default_factory=dict)  # id → the number shown, in order of reference
    endnotes: dict[str, int] = field(default_factory=dict)
    unshown: list[Diagnostic] = field(default_factory=list)  # reported at the end, at most ten of them
    styles: WordStyles = field(init=False)
    numbering: WordNumbering = field(init=False)

    def __post_init__(self) -> None:
        self.styles = WordStyles(self.document.styles.element)
        self.numbering = WordNumbering(self._part("numbering"), self.styles, self._warn)

    def read(self) -> RawText:
        self._blocks(self.document.element.body, headings=True, flatten=False)
        first_footnote = len(self.lines)
        for kind, numbers, mark in (("footnotes", self.footnotes, "注"), ("endnotes", self.endnotes, "尾注")):
            notes = self._part(kind)
            by_id = {} if notes is None else {note.get(f"{W}id"): note for note in notes}
            for note_id, number in list(numbers.items()):  # a note's own references are not followed
                start = len(self.lines)
                if note_id in by_id:
                    self._blocks(by_id[note_id], headings=False, flatten=True)
                if start == len(self.lines):
                    self.lines.append("")
                self.lines[start] = f"［{mark}{number}］{self.lines[start].strip()}"
        first_note = len(self.lines)
        for story in self._headers_and_footers():
            self._blocks(story, headings=False, flatten=True)
        comments = self._part("comments")
        for comment in [] if comments is None else comments.iter(f"{W}comment"):
            start = len(self.lines)
            self._blocks(comment, headings=False, flatten=True)
            if start < len(self.lines):
                self.lines[start] = f"［批注］{self.lines[start].strip()}"
        self.diagnostics.extend(at_most(self.unshown, len(self.unshown), "objects that cannot be shown"))
        return RawText(
            self.lines,
            "docx",
            self.heading_levels,
            self.tables,
            range(first_footnote, first_note),
            range(first_note, len(self.lines)),
        )

    # --- the document's parts -----------------------------------------------------------------------

    def _part(self, name: str) -> Element | None:
        """The root element of the document's numbering, footnotes, endnotes or comments part, if it has one.

        A part that cannot be read is reported and read as absent: the rest of the document still is.
        """
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.opc.part import XmlPart
        from docx.oxml.parser import parse_xml

        try:
            part = self.document.part.part_related_by(getattr(RELATIONSHIP_TYPE, name.upper()))
        except KeyError:
            return None
        try:
            return part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
        except Exception as error:  # lxml's syntax errors, and whatever a damaged part raises
            self.diagnostics.append(Diagnostic(self.path, None, f"the document's {name} cannot be read: {error}"))
            return None

    def _headers_and_footers(self) -> Iterator[Element]:
        """Each header and footer of the document once, in the order its sections name them."""
        related = self.document.part.related_parts
        seen: set[str] = set()
        for section in self.document.element.body.iter(f"{W}sectPr"):
            for reference in section:
                if reference.tag in (f"{W}headerReference", f"{W}footerReference"):
                    part = related.get(reference.get(f"{_R}id"))
                    if part is not None and str(part.partname) not in seen:
                        seen.add(str(part.partname))
                        yield part.element

    # --- blocks: paragraphs and tables ------------------------------------------------------------

    def _blocks(self, container: Element, *, headings: bool, flatten: bool) -> None:
        """The paragraphs and tables of ``container``; ``flatten``: a table's cells as lines (in a cell, a note)."""
        for child in container:
            if child.tag == f"{W}p":
                self._paragraph(child, headings=headings, flatten=flatten)
            elif child.tag == f"{W}tbl" and not flatten and _frame(child):
                for cell in child.iter(f"{W}tc"):
                    if _outermost(cell, child):
                        self._blocks(cell, headings=headings, flatten=False)
            elif child.tag == f"{W}tbl":
                self._table(child, flatten=flatten)
            elif child.tag in _WRAPPERS:
                self._blocks(child, headings=headings, flatten=flatten)
            elif child.tag == f"{_MC}AlternateContent" and (chosen := _alternative(child)) is not None:
                self._blocks(chosen, headings=headings, flatten=flatten)
            elif child.tag == f"{W}altChunk":  # a document imported whole (HTML, RTF), which Word converts on opening
                self.lines.append(self._unshown("嵌入文档", len(self.lines), ""))

    def _paragraph(self, paragraph: Element, *, headings: bool, flatten: bool) -> None:
        index = len(self.lines)
        style = self.styles.of(paragraph)
        parts: list[str] = []
        after: list[Element | str] = []  # text boxes and word art anchored here: read after the paragraph
        self._inline(paragraph, parts, after, index)
        text = "".join(parts)
        # A paragraph deleted with tracked changes on (its mark deleted too) is not shown, nor numbered.
        deleted = paragraph.find(f"{W}pPr/{W}rPr/{W}del") is not None and not text.strip()
        text = ("" if deleted else self.numbering.label(paragraph, style)) + text
        self.lines.append(text)
        if headings and text.strip() and (level := self.styles.heading_level(paragraph, style)):
            self.heading_levels[index] = level
        for content in after:
            if isinstance(content, str):
                self.lines.append(content)
            else:
                self._blocks(content, headings=False, flatten=flatten)

    def _table(self, table: Element, *, flatten: bool) -> None:
        """A table: rows of cells, merged cells spanning; in a cell or a note, its cells' paragraphs in order."""
        start = len(self.lines)
        rows: list[list[_Cell]] = []
        above: dict[int, _Cell] = {}  # grid column → the cell a vertically merged cell below it continues
        header_rows = 0
        elements = list(_children(table, f"{W}tr"))
        for row in elements:
            cells: list[_Cell] = []
            column = _number(row.find(f"{W}trPr/{W}gridBefore"), 0)
            for cell in _children(row, f"{W}tc"):
                properties = cell.find(f"{W}tcPr")
                span = _number(None if properties is None else properties.find(f"{W}gridSpan"), 1)
                merge = None if properties is None else properties.find(f"{W}vMerge")
                first = len(self.lines)
                self._blocks(cell, headings=False, flatten=True)
                read = _Cell(range(first, len(self.lines)), span)
                continues = merge is not None and merge.get(f"{W}val") in (None, "continue")
                if continues and column in above and not "".join(self.lines[first:]).strip():
                    above[column].rowspan += 1  # Word shows the merged cell's first part only; this one is empty
                else:
                    cells.append(read)
                    above[column] = read
                column += span
            rows.append(cells)
            header = row.find(f"{W}trPr/{W}tblHeader")
            if header is not None and header.get(f"{W}val") in _TRUE and header_rows == len(rows) - 1:
                header_rows += 1
        if not header_rows and len(elements) > 1 and _bold(elements[0]) and not _bold(elements[1]):
            header_rows = 1  # an office's table seldom marks its header row, but sets it in bold above plain rows
        if not flatten and any(rows):
            frozen = [[RawCell(cell.lines, cell.colspan, cell.rowspan) for cell in row] for row in rows]
            self.tables.append(RawTable(start, frozen, header_rows))

    # --- inline content: runs, breaks, references, drawings ------------------------------------------

    def _inline(self, element: Element, parts: list[str], after: list[Element | str], index: int) -> None:
        """The text of ``element`` as Word shows it into ``parts``; text boxes into ``after``."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue  # XML comments and processing instructions have a function for a tag
            if tag in (f"{W}t", f"{_M}t"):
                parts.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                parts.append("\t")
            elif tag == f"{W}br":
                parts.append("\n" if child.get(f"{W}type") in (None, "textWrapping") else "")
            elif tag == f"{W}cr":
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}sym":
                parts.append(_symbol(child.get(f"{W}char")))
            elif tag == f"{W}footnoteReference":
                parts.append(f"［注{_number_for(self.footnotes, child.get(f'{W}id'))}］")
            elif tag == f"{W}endnoteReference":
                parts.append(f"［尾注{_number_for(self.endnotes, child.get(f'{W}id'))}］")
            elif tag == f"{_MC}AlternateContent":
                if (chosen := _alternative(child)) is not None:
                    self._inline(chosen, parts, after, index)
            elif tag == f"{W}ruby":  # pinyin over characters: written after them in brackets, as web pages do
                guide: list[str] = []
                for part, into in ((f"{W}rubyBase", parts), (f"{W}rt", guide)):
                    if (found := child.find(part)) is not None:
                        self._inline(found, into, after, index)
                parts.append(f"({''.join(guide)})" if "".join(guide).strip() else "".join(guide))
            elif tag == f"{W}drawing":
                self._drawing(child, parts, after, index)
            elif tag == f"{W}pict":
                self._vml(child, parts, after, index)
            elif tag == f"{W}object":
                program = next((ole.get("ProgID") for ole in child.iter(f"{_O}OLEObject")), None)
                parts.append(self._unshown("嵌入对象", index, f" ({program})" if program else ""))
            else:
                self._inline(child, parts, after, index)

    def _drawing(self, drawing: Element, parts: list[str], after: list[Element | str], index: int) -> None:
        """A DrawingML object: the text of its text boxes is read; a picture, chart or shape is named."""
        boxes = _text_boxes(drawing)
        after.extend(boxes)
        uri = next((data.get("uri") for data in drawing.iter(f"{_A}graphicData")), None)
        kind = _URI_KINDS.get(uri or "") or (IMAGE if any(True for _ in drawing.iter(f"{_PIC}pic")) else None)
        if kind is None and boxes:
            return
        described = next((doc.get("descr") or doc.get("title") for doc in drawing.iter(f"{_WP}docPr")), None)
        parts.append(self._unshown(kind or "图形", index, "", described))

    def _vml(self, picture: Element, parts: list[str], after: list[Element | str], index: int) -> None:
        """A legacy (VML) object: text boxes and word art (a watermark's text) are read; anything else named."""
        boxes = _text_boxes(picture)
        after.extend(boxes)
        words = [path.get("string") for path in picture.iter(f"{_V}textpath") if path.get("string")]
        after.extend(words)
        if any(True for _ in picture.iter(f"{_V}imagedata")):
            parts.append(self._unshown(IMAGE, index, ""))
        elif not boxes and not words:
            parts.append(self._unshown("图形", index, ""))

    def _unshown(self, kind: str, index: int, detail: str, described: str | None = None) -> str:
        """The mark naming what cannot be shown in its place (``［图片：说明］``); a warning for the line."""
        mark = unshown_mark(kind, described)
        message = f"{_KIND_NAMES[kind]}{detail} cannot be shown on the page; its place is marked {mark}"
        self.unshown.append(Diagnostic(self.path, index + 1, message))
        return mark

    def _warn(self, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, len(self.lines) + 1, message))


def _alternative(content: Element) -> Element | None:
    """Which of Word's two forms of the same content to read: the modern one (Choice), else the one for old
    readers (Fallback); never both."""
    chosen = content.find(f"{_MC}Choice")
    return chosen if chosen is not None else content.find(f"{_MC}Fallback")


def _frame(table: Element) -> bool:
    """A table of one column: no row of it has two cells (a cell merged across the grid is one)."""
    return all(sum(1 for _ in _children(row, f"{W}tc")) < 2 for row in _children(table, f"{W}tr"))


def _outermost(cell: Element, table: Element) -> bool:
    """Whether ``cell`` is a cell of ``table`` itself, not of a table inside one of its cells."""
    parent = cell.getparent()
    while parent is not None and parent.tag != f"{W}tbl":
        parent = parent.getparent()
    return parent is table


def _bold(row: Element) -> bool:
    """Whether every run of text in ``row`` is bold, as a header row an office typed is set."""
    runs = [run for run in row.iter(f"{W}r") if "".join(text.text or "" for text in run.iter(f"{W}t")).strip()]
    return bool(runs) and all(
        (bold := run.find(f"{W}rPr/{W}b")) is not None and bold.get(f"{W}val") in _TRUE for run in runs
    )


def _children(element: Element, tag: str) -> Iterator[Element]:
    """The ``tag`` children of ``element``, also those wrapped in content controls or tracked insertions."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _text_boxes(element: Element) -> list[Element]:
    """The outermost text box contents in ``element`` (a text box holding a text box is read with it)."""
    found: list[Element] = []
    for box in element.iter(f"{W}txbxContent"):
        parent = box.getparent()
        while parent is not None and parent is not element and parent.tag != f"{W}txbxContent":
            parent = parent.getparent()
        if parent is element:
            found.append(box)
    return found


def _number_for(numbers: dict[str, int], note_id: str | None) -> int:
    """The number a footnote is shown with: Word numbers them in the order they are referenced."""
    return numbers.setdefault(note_id or "", len(numbers) + 1)


def _number(element: Element | None, default: int) -> int:
    try:
        return int(element.get(f"{W}val")) if element is not None else default
    except (TypeError, ValueError):
        return default


def _symbol(code: str | None) -> str:
    """A ``w:sym`` character (Word's Insert → Symbol) as the character its code names."""
    try:
        return chr(int(code or "", 16))
    except ValueError:
        return "\ufffd"
