"""Read stage: speech files on disk → :class:`~speechkb.model.Source`, one reader per format.

This is the only package that opens speech files; everything after it works on numbered lines. Each format
is a module with a :class:`~speechkb.readers.base.Reader` (``text.py`` for ``.txt`` in any encoding,
``docx.py`` for Word), registered below by its suffixes; :func:`read_source` does what every format shares.
A new format is a new module with a ``Reader`` subclass, added to ``READERS`` below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from speechkb.model import Diagnostic, Line, Metadata, Source
from speechkb.readers.base import RawText, Reader, ReadError, at_most
from speechkb.readers.docx import DocxReader
from speechkb.readers.sidecar import read_sidecar
from speechkb.readers.text import TextReader

__all__ = ["MAX_BYTES", "READERS", "SPEECH_SUFFIXES", "RawText", "ReadError", "Reader", "find_speeches", "read_source"]

MAX_BYTES = 5 * 1024 * 1024  # the longest real speech is ~60 KB; larger files are exports gone wrong
# C0 and C1 controls other than tab and line breaks: Word's cell marks (U+0007),
# optional hyphens (U+001F) and the like. Markdown drops some of them silently.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _by_suffix(*readers: Reader) -> Mapping[str, Reader]:
    found: dict[str, Reader] = {}
    for reader in readers:
        for suffix in reader.suffixes:
            if suffix in found or suffix != suffix.lower() or not suffix.startswith("."):
                raise ValueError(f"{type(reader).__name__}: suffix {suffix!r} is taken or not like '.txt'")
            found[suffix] = reader
    return found


READERS = _by_suffix(TextReader(), DocxReader())
SPEECH_SUFFIXES = tuple(READERS)


def find_speeches(folder: Path) -> list[Path]:
    """Speech files in ``folder`` (not its sub-folders), in a stable order."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in READERS and not path.name.startswith((".", "~$"))
    )


def read_source(path: Path) -> Source:
    """Read one speech and its sidecar; raise :class:`ReadError` if it is not a speech.

    A bad sidecar does not cost the speech its page: the speech is read
    without it and the sidecar's error is reported with the speech.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(path, f"not a speech file: its suffix is not one of {', '.join(READERS)}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReadError(
            path, f"file is {size:,} bytes, over the {MAX_BYTES // 2**20} MB limit for a speech: an export gone wrong?"
        )
    diagnostics: list[Diagnostic] = []
    raw = reader.read(path, path.read_bytes(), diagnostics)
    texts = _visible_controls(path, raw.lines, diagnostics)
    lines = tuple(
        Line(number, stripped, text[:1].isspace()) for number, text in enumerate(texts, 1) if (stripped := text.strip())
    )
    if not lines:
        raise ReadError(path, "no text: the file is empty or holds only white space")
    try:
        metadata = read_sidecar(path.with_suffix(".yml"))
    except ReadError as error:
        message = f"{error.diagnostic.message}; {path.name} is built without its sidecar"
        diagnostics.append(replace(error.diagnostic, message=message))
        metadata = Metadata()
    return Source(path, lines, metadata, raw.encoding, tuple(diagnostics))


def _visible_controls(path: Path, texts: list[str], diagnostics: list[Diagnostic]) -> list[str]:
    """Replace control characters (left by Word and old exports) with �, reporting each line."""
    found: list[Diagnostic] = []
    visible: list[str] = []
    count = 0
    for number, text in enumerate(texts, 1):
        controls = _CONTROL.findall(text)
        if controls:
            count += len(controls)
            codes = list(dict.fromkeys(f"U+{ord(char):04X}" for char in controls))
            what = (
                f"control characters {', '.join(codes)} are" if len(codes) > 1 else f"control character {codes[0]} is"
            )
            found.append(Diagnostic(path, number, f"{what} not text; shown as �"))
            text = _CONTROL.sub("\ufffd", text)
        visible.append(text)
    diagnostics.extend(at_most(found, count, "control characters"))
    return visible
