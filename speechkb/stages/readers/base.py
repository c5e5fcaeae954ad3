"""What every reader is and may raise: :class:`Reader`, :class:`RawText`, :class:`ReadError`."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

from speechkb.model import Diagnostic, Evidence, Metadata, Severity

MAX_REPORTED = 10  # problems listed per file and kind; the rest are counted

# What a reader names in its place when the file holds what cannot be shown as text (an image): every format
# marks it alike, so a reader of the site sees the same mark whether the speech came as a Word file or a web page.
IMAGE = "图片"
_PICTURE_MARK = re.compile(f"［{IMAGE}(?:：[^［］]*)?］")


def is_picture_mark(text: str) -> bool:
    """Whether ``text`` is nothing but the mark a reader put where a picture stood (``［图片］``, ``［图片：说明］``)."""
    return bool(_PICTURE_MARK.fullmatch(text.strip()))


def unshown_mark(kind: str, described: str | None = None) -> str:
    """The mark standing where something that cannot be shown was (``［图片］``, ``［图片：说明］``)."""
    return f"［{kind}：{described.strip()}］" if described and described.strip() else f"［{kind}］"


class ReadError(Exception):
    """A file that cannot be read as a speech; the message says why."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(path, line, message, Severity.ERROR)


@dataclass(frozen=True)
class RawCell:
    """A cell of a table: the indexes in :attr:`RawText.lines` of its paragraphs, and the grid it covers."""

    lines: range
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class RawTable:
    start: int  # the index in RawText.lines of the table's first line: where it stands among the lines
    rows: list[list[RawCell]]
    header_rows: int = 0  # the first rows, which the file marks as the table's header


@dataclass(frozen=True)
class RawText:
    """A speech file's text as its reader found it, before the steps every format shares.

    Every piece of text is a line of ``lines``, in the file's reading order, so that all of it is numbered
    and checked alike; a format that declares more than lines (Word) says, by index into ``lines``, which
    are headings and of what level, which are a table's cells, footnotes, or not the speech at all (a page
    header). Plain text declares none of it.
    """

    lines: list[str]  # as the file breaks them (a paragraph of a Word document is a line), not yet stripped
    encoding: str  # how the bytes were decoded ("utf-8", "gb18030", …), or the format ("docx")
    heading_levels: dict[int, int] = field(default_factory=dict)  # index of a line → its declared level, 1 highest
    tables: list[RawTable] = field(default_factory=list)
    footnotes: range = range(0)
    notes: range = range(0)
    # What the file states about itself besides its text (a web page's <title>, meta tags, 发布时间/来源 line),
    # and the grounds for each field (Origin.PAGE; ``line`` is 1-based in ``lines`` when one of them states it).
    stated: Metadata = field(default_factory=Metadata)
    stated_evidence: tuple[Evidence, ...] = ()
    runs_on: frozenset[int] = frozenset()  # indexes of lines that reach the page's edge (a PDF's): see Line.runs_on
    pages: list[int] = field(default_factory=list)  # a paginated file's (a PDF's): the page of each line, from 1
    soft_breaks: frozenset[int] = frozenset()  # lines broken inside a paragraph (a web page's <br>): Line.soft_break
    page_lines: tuple[str, ...] = ()  # a web page's every line and its elements' own texts: Source.page_lines
    page_fields: tuple[str, ...] = ()


class Reader(ABC):
    """One format of speech file: the suffixes it is read for, and how its bytes become lines of text.

    A reader does only what is particular to its format. :func:`speechkb.stages.readers.read_source` does the rest
    for every format, once: the size limit, control characters made visible, line numbers and indentation,
    the empty-file error and the sidecar.
    """

    suffixes: tuple[str, ...]  # lower case, with the dot: (".txt",)

    @abstractmethod
    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        """The lines of ``data``, the bytes of ``path``; damage it can read past goes to ``diagnostics``.

        Raise :class:`ReadError` when the bytes are not a speech in this format.
        """

    def environment(self) -> str:
        """What reading depends on besides the file's bytes: the external program that converts it, if any.

        Part of the key parsed speeches are cached under, so that installing the program (LibreOffice for
        ``.doc``) is seen by the next build instead of its cached "not installed" error.
        """
        return ""


def at_most(found: list[Diagnostic], total: int, what: str) -> list[Diagnostic]:
    """The first few of ``found``, then one line for the rest: a damaged file must not flood the report."""
    if len(found) <= MAX_REPORTED:
        return found
    shown = found[:MAX_REPORTED]
    rest = Diagnostic(found[0].path, None, f"{total:,} {what} in all; only the first {MAX_REPORTED} are listed")
    return [*shown, rest]
