"""Read stage: speech files on disk → :class:`~speechkb.model.Source`, one reader per format.

This is the only package that opens speech files; everything after it works on numbered lines. Each format
is a module with a :class:`~speechkb.stages.readers.base.Reader` (``text.py`` for ``.txt`` in any encoding,
``docx.py`` for Word, ``html.py`` for saved web pages, ``mht.py`` for a page saved as one file, ``pdf.py`` for
PDF's text layer, ``doc.py`` for Word 97–2003, WPS, rich text and OpenDocument text through LibreOffice),
registered below by its suffixes; :func:`read_source` does what every format shares.
A new format is a new module with a ``Reader`` subclass, added to ``READERS`` below. A file is read by its
suffix's reader, but for one form whose bytes say otherwise: a ``.txt`` that is a web page's source (a page saved
as text, or ``page.html`` renamed) is read as the page it is (:func:`_reader_for`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from speechkb.model import Diagnostic, Line, Metadata, Severity, Source, SourceCell, SourceTable
from speechkb.stages.readers.base import RawText, Reader, ReadError, at_most
from speechkb.stages.readers.doc import DocReader, OdtReader, RtfReader
from speechkb.stages.readers.docx import DocxReader
from speechkb.stages.readers.html import HtmlReader
from speechkb.stages.readers.mht import MhtReader
from speechkb.stages.readers.pdf import PdfReader
from speechkb.stages.readers.sidecar import read_sidecar
from speechkb.stages.readers.text import TextReader

__all__ = [
    "MAX_BYTES",
    "READERS",
    "SPEECH_SUFFIXES",
    "RawText",
    "ReadError",
    "Reader",
    "find_speeches",
    "read_source",
    "reading_environment",
    "survey",
]

SIDECAR_SUFFIX = ".yml"  # a speech's metadata beside it: 讲话.txt and 讲话.yml
MAX_BYTES = 5 * 1024 * 1024  # the longest real speech is ~60 KB; larger files are exports gone wrong
# C0 and C1 controls other than tab and line breaks: Word's cell marks (U+0007),
# optional hyphens (U+001F) and the like. Markdown drops some of them silently.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# How a web page's source begins, and no speech does: a doctype or <html>, after what a browser's "save as" puts
# before it (an XML declaration, a <!-- saved from url=… --> comment). Only the file's start is looked at: a
# speech that mentions <html> in a sentence is text.
_PAGE_SOURCE = re.compile(
    r"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL
)
_LINE_END_SOFT_HYPHENS = re.compile(r"[\s\u00ad]*\u00ad[\s\u00ad]*$")
# Chinese characters and full-width signs; two side by side, with no space between, are no letter-spaced line's (a
# full-width space is a space, as a byline's 镇长　孔某某 has it).
_CJK_SIGNS = "\u3001-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK = re.compile(f"[{_CJK_SIGNS}]")
_CJK_PAIR = re.compile(f"[{_CJK_SIGNS}]{{2}}")
_LETTER_SPACE = re.compile(f"(?<=[\u3000{_CJK_SIGNS}]) (?=\\S)|(?<=\\S) (?=[\u3000{_CJK_SIGNS}])")
_SPACED_MIN_CHARS = 4  # characters of a line of Chinese
_SPACED_MIN_LINES = 5
_SPACED_SHARE = 0.8
_PAGE_SOURCE_HEAD = 2048  # bytes enough for a declaration and a saved-from comment before the doctype
# A web page's source saved as UTF-16 (Notepad's "Unicode") has a byte order mark; any other encoding a page is in
# spells the ASCII of its tags as ASCII, which Latin-1 reads byte for byte.
_WIDE_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# A page saved whole ("网页，全部") keeps its images and scripts in a folder named after it: 讲话_files, 讲话.files.
_PAGE_SUFFIXES = (".html", ".htm")
_RESOURCES = re.compile(r"[_.]files$", re.IGNORECASE)


def _by_suffix(*readers: Reader) -> Mapping[str, Reader]:
    found: dict[str, Reader] = {}
    for reader in readers:
        for suffix in reader.suffixes:
            if suffix in found or suffix != suffix.lower() or not suffix.startswith("."):
                raise ValueError(f"{type(reader).__name__}: suffix {suffix!r} is taken or not like '.txt'")
            found[suffix] = reader
    return found


READERS = _by_suffix(
    TextReader(), DocxReader(), HtmlReader(), MhtReader(), PdfReader(), DocReader(), RtfReader(), OdtReader()
)
SPEECH_SUFFIXES = tuple(READERS)


def find_speeches(folder: Path) -> list[Path]:
    """Speech files in ``folder`` and its sub-folders, in a stable order (see :func:`survey`)."""
    return survey(folder)[0]


def survey(folder: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The speech files of ``folder`` and of its sub-folders at any depth, as an office files its archive
    (``2023年/``, ``领导讲话/县长/``), in a stable order; and a warning for each file there that is neither a speech
    nor a sidecar and each sub-folder that cannot be opened: a spreadsheet (.xls) or a scan saved as a picture
    (.jpg) is no speech speechkb reads, and must not be missing from the site unsaid.

    Not read: a hidden file or folder (``.git``, ``.DS_Store``), a lock file Word leaves beside an open document
    (``~$讲话.docx``), nor the folder a browser saves a page's images and scripts in beside it (``讲话.htm`` and
    ``讲话_files/``, ``讲话.files/``). A folder reached again through a link is read once.
    """
    speeches: list[Path] = []
    unread: list[Diagnostic] = []
    seen: set[tuple[int, int]] = set()

    def walk(current: Path) -> None:
        try:
            identity = current.stat()
            if (identity.st_dev, identity.st_ino) in seen:
                return
            seen.add((identity.st_dev, identity.st_ino))
            with os.scandir(current) as scanned:
                entries = [entry for entry in scanned if not entry.name.startswith((".", "~$"))]
        except OSError as error:
            if current == folder:
                raise
            unread.append(Diagnostic(current, None, f"not read: the folder cannot be opened ({error.strerror})"))
            return
        pages = {stem for stem, suffix in map(_stem_and_suffix, entries) if suffix in _PAGE_SUFFIXES}
        for entry in entries:
            if not entry.is_dir():
                suffix = _stem_and_suffix(entry)[1]
                if suffix in READERS and entry.is_file():
                    speeches.append(Path(entry.path))
                elif suffix != SIDECAR_SUFFIX and entry.is_file():
                    unread.append(_not_read(Path(entry.path)))
            elif not ((resources := _RESOURCES.search(entry.name)) and entry.name[: resources.start()] in pages):
                walk(Path(entry.path))

    walk(folder)
    return sorted(speeches), sorted(unread, key=lambda diagnostic: diagnostic.path)


def _stem_and_suffix(entry: os.DirEntry[str]) -> tuple[str, str]:
    stem, dot, suffix = entry.name.rpartition(".")
    return (stem, f".{suffix.lower()}") if dot and stem else (entry.name, "")


def _not_read(path: Path) -> Diagnostic:
    return Diagnostic(
        path,
        None,
        f"not read: {path.suffix or 'a file without a suffix'} is no speech format; "
        f"speechkb reads {', '.join(READERS)}: save it as one of them to have it on the site",
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
    data = path.read_bytes()
    if not data:  # whatever its name: a save that never happened (an empty .docx is no zip, nor an empty .pdf a PDF)
        raise ReadError(path, "no text: the file is empty (0 bytes)")
    raw = _reader_for(path, reader, data, diagnostics).read(path, data, diagnostics)
    texts = _soft_hyphens_left_out(path, _visible_controls(path, raw.lines, diagnostics), diagnostics)
    texts = _letter_spacing_left_out(path, texts, diagnostics)

    def lines_at(indexes: Iterable[int]) -> tuple[Line, ...]:
        """The lines with text among ``indexes``, numbered from 1, stripped, with what the file declares."""
        return tuple(
            Line(
                index + 1,
                stripped,
                texts[index][:1].isspace(),
                raw.heading_levels.get(index),
                index in raw.runs_on,
                (raw.pages[index], raw.pages[index]) if raw.pages else None,
                soft_break=index in raw.soft_breaks,
            )
            for index in indexes
            if (stripped := texts[index].strip())
        )

    tables = tuple(
        SourceTable(
            table.start + 1,
            tuple(
                tuple(SourceCell(lines_at(cell.lines), cell.colspan, cell.rowspan) for cell in row)
                for row in table.rows
            ),
            table.header_rows,
        )
        for table in raw.tables
    )
    apart = {index for table in raw.tables for row in table.rows for cell in row for index in cell.lines}
    apart.update(raw.footnotes, raw.notes)
    lines = lines_at(index for index in range(len(texts)) if index not in apart)
    if not lines and not any(table.lines() for table in tables):
        raise ReadError(path, "no text: the file is empty or holds only white space")
    try:
        metadata = read_sidecar(path.with_suffix(SIDECAR_SUFFIX))
    except ReadError as error:
        message = f"{error.diagnostic.message}; {path.name} is built without its sidecar"
        diagnostics.append(replace(error.diagnostic, message=message))
        metadata = Metadata()
    return Source(
        path,
        lines,
        metadata,
        raw.encoding,
        tuple(diagnostics),
        tables,
        lines_at(raw.footnotes),
        lines_at(raw.notes),
        stated=raw.stated,
        stated_evidence=raw.stated_evidence,
        page_lines=raw.page_lines,
        page_fields=raw.page_fields,
    )


def _reader_for(path: Path, reader: Reader, data: bytes, diagnostics: list[Diagnostic]) -> Reader:
    """The reader of ``data``: its suffix's, or the web page reader for a ``.txt`` that is a page's source, said in a
    notice. Read as text it would show its tags; a person who saved the page wants the speech in it."""
    if not isinstance(reader, TextReader) or not _is_page_source(data):
        return reader
    html = READERS[".html"]
    diagnostics.append(
        _notice(
            path,
            f"{path.name} is a web page's source (it begins with <!DOCTYPE html> or <html>): read as a saved web page, "
            "its article without the page's tags and menus; name it .html to say so",
        )
    )
    return html


def _is_page_source(data: bytes) -> bool:
    head = data[:_PAGE_SOURCE_HEAD].removeprefix(b"\xef\xbb\xbf")
    wide = next((codec for bom, codec in _WIDE_BOMS if head.startswith(bom)), None)
    text = head[2:].decode(wide, errors="ignore") if wide else head.decode("latin-1")
    return _PAGE_SOURCE.match(text) is not None


def reading_environment(path: Path) -> str:
    """What reading ``path`` depends on besides its bytes (LibreOffice for a ``.doc``): see :meth:`Reader.environment`."""
    reader = READERS.get(path.suffix.lower())
    return reader.environment() if reader else ""


def _soft_hyphens_left_out(path: Path, texts: list[str], diagnostics: list[Diagnostic]) -> list[str]:
    """``texts`` without the soft hyphens (U+00AD) that end their lines, said in a notice. A soft hyphen marks where a
    word may break and shows only there: a PDF's text layer that keeps one at the end of every line (``……专项整 \u00ad``)
    gives no text with it, but a line that ends in it ends in no sentence's end, and would run on into a heading."""
    kept: list[str] = []
    count = 0
    for text in texts:
        if "\u00ad" in text and (end := _LINE_END_SOFT_HYPHENS.search(text)) is not None:
            count += 1
            text = text[: end.start()]
        kept.append(text)
    if count:
        diagnostics.append(
            _notice(
                path,
                f"{count:,} lines end in a soft hyphen (U+00AD), a line-break hint that shows nothing: left out",
            )
        )
    return kept


def _letter_spacing_left_out(path: Path, texts: list[str], diagnostics: list[Diagnostic]) -> list[str]:
    """``texts`` without the spaces OCR set between every two characters of a whole text (``同 志 们 ：``), said in a
    notice: they are the scan's letter-spacing, not the speech's, and no word, heading or date is read through them.
    Only where most lines of Chinese are spaced so, and enough of them: a letterhead or a title spaced apart over a
    speech set close keeps its spaces, as written."""
    chinese = [at for at, text in enumerate(texts) if len(_CJK.findall(text)) >= _SPACED_MIN_CHARS]
    spaced = [at for at in chinese if not _CJK_PAIR.search(texts[at])]
    if len(spaced) < _SPACED_MIN_LINES or len(spaced) < _SPACED_SHARE * len(chinese):
        return texts
    kept = list(texts)
    for at in spaced:
        kept[at] = _LETTER_SPACE.sub("", texts[at])
    diagnostics.append(
        _notice(
            path,
            f"{len(spaced):,} lines have a space between every two characters (OCR's letter-spacing): read without it",
        )
    )
    return kept


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


def _notice(path: Path, message: str) -> Diagnostic:
    """What reading ``path`` did to its text that the user should know, with no line to point at."""
    return Diagnostic(path, None, message, Severity.NOTICE)
