"""What every reader is and may raise: :class:`Reader`, :class:`RawText`, :class:`ReadError`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from speechkb.model import Diagnostic, Severity

MAX_REPORTED = 10  # problems listed per file and kind; the rest are counted


class ReadError(Exception):
    """A file that cannot be read as a speech; the message says why."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(path, line, message, Severity.ERROR)


@dataclass(frozen=True)
class RawText:
    """A speech file's text as its reader found it, before the steps every format shares."""

    lines: list[str]  # as the file breaks them (a paragraph of a Word document is a line), not yet stripped
    encoding: str  # how the bytes were decoded ("utf-8", "gb18030", …), or the format ("docx")


class Reader(ABC):
    """One format of speech file: the suffixes it is read for, and how its bytes become lines of text.

    A reader does only what is particular to its format. :func:`speechkb.readers.read_source` does the rest
    for every format, once: the size limit, control characters made visible, line numbers and indentation,
    the empty-file error and the sidecar.
    """

    suffixes: tuple[str, ...]  # lower case, with the dot: (".txt",)

    @abstractmethod
    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        """The lines of ``data``, the bytes of ``path``; damage it can read past goes to ``diagnostics``.

        Raise :class:`ReadError` when the bytes are not a speech in this format.
        """


def at_most(found: list[Diagnostic], total: int, what: str) -> list[Diagnostic]:
    """The first few of ``found``, then one line for the rest: a damaged file must not flood the report."""
    if len(found) <= MAX_REPORTED:
        return found
    shown = found[:MAX_REPORTED]
    rest = Diagnostic(found[0].path, None, f"{total:,} {what} in all; only the first {MAX_REPORTED} are listed")
    return [*shown, rest]
