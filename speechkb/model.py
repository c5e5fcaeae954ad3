"""The nouns of the pipeline: what each stage hands to the next.

Every stage is a plain function from one of these frozen dataclasses to the
next, so a stage can be tested, cached or run in another process without
knowing about the others. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in an input, located so that a person can fix it."""

    path: Path
    line: int | None
    message: str
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.severity.value}: {self.message}"


@dataclass(frozen=True)
class Metadata:
    """What a sidecar ``NAME.yml`` says about a speech; every field optional."""

    title: str | None = None
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD": speeches are often dated loosely
    level: str | None = None
    place: str | None = None
    meeting: str | None = None
    speaker: str | None = None
    season: str | None = None
    slug: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@dataclass(frozen=True)
class Line:
    """One non-empty line of the source text, with its 1-based line number."""

    number: int
    text: str


@dataclass(frozen=True)
class Source:
    """A speech as read from disk: decoded lines plus its sidecar metadata."""

    path: Path
    lines: tuple[Line, ...]
    metadata: Metadata
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A unit of text that can be linked to: a paragraph or an enumerated item.

    ``kind`` is ``"body"`` for ordinary paragraphs and ``"item"`` for one item
    of an enumeration (一是…, 一要…, 首先…); items are split out of their
    paragraph so that each can be cited and linked on its own.
    """

    text: str
    anchor: str
    line: int
    kind: str = "body"


@dataclass(frozen=True)
class Section:
    """A heading and everything under it.

    ``number`` is the numbering marker exactly as written (``一、``, ``（三）``,
    ``(二)``) and is part of ``heading`` too, because staff cite sections by
    it (第二部分第（三）条). Run-in topics (``抓好道路交通领域安全。``) are
    sections without a number.
    """

    level: int
    heading: str
    anchor: str
    line: int
    number: str | None = None
    ordinal: int | None = None
    children: tuple[Paragraph | Section, ...] = ()


Block = Paragraph | Section


@dataclass(frozen=True)
class Speech:
    """A parsed speech: its title, framing paragraphs and the body tree."""

    source: Path
    slug: str
    title: str
    title_origin: str  # "sidecar", "text" or "derived": where the title came from
    metadata: Metadata
    description: str | None = None
    written_title: Paragraph | None = None  # the text's own title line, kept when a sidecar renames the speech
    salutation: Paragraph | None = None
    body: tuple[Block, ...] = ()
    closing: Paragraph | None = None
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph in reading order, framing paragraphs included."""
        found: list[Paragraph] = [p for p in (self.written_title, self.salutation) if p]

        def walk(blocks: tuple[Block, ...]) -> None:
            for block in blocks:
                if isinstance(block, Section):
                    walk(block.children)
                else:
                    found.append(block)

        walk(self.body)
        if self.closing:
            found.append(self.closing)
        return found

    def sections(self) -> list[Section]:
        """Every section in reading order, at any depth."""
        found: list[Section] = []

        def walk(blocks: tuple[Block, ...]) -> None:
            for block in blocks:
                if isinstance(block, Section):
                    found.append(block)
                    walk(block.children)

        walk(self.body)
        return found
