"""``.doc`` (Word 97–2003), ``.wps`` (WPS Office), ``.rtf`` (rich text) and ``.odt`` (OpenDocument text):
converted to ``.docx`` by LibreOffice, then read as ``.docx``.

Old office PCs keep speeches as Word 97–2003 binary files, and WPS Office saves the same binary format as
``.wps``; Word and WPS also save rich text (``.rtf``, which begins ``{\\rtf``), and LibreOffice and WPS save
OpenDocument text (``.odt``: a zip archive, as a ``.docx`` is, whose ``mimetype`` entry says
``application/vnd.oasis.opendocument.text``). No Python library reads them all well; LibreOffice does, so each
file is converted to ``.docx`` by ``soffice --headless --convert-to docx`` in a folder of its own (with a
LibreOffice profile of its own, so that conversions on several cores do not share one) and read by
:class:`~speechkb.stages.readers.docx.DocxReader`: headings, numbering and tables as a ``.docx`` gives them. A
converted file is not converted again: the parsed speech is cached under the file's bytes (and LibreOffice's path,
so installing LibreOffice is seen by the next build).

Without LibreOffice such a file is an error naming the file and how to install it; the rest of the archive
builds. The bytes, not the name, say which of these documents a file is, as LibreOffice reads them: a ``.docx``
(a zip holding ``word/document.xml``) under any of these names is read as what it is, an RTF saved as ``.doc``
is converted as RTF. A file that is none of them (a PDF, a picture, an OpenDocument spreadsheet named ``.odt``)
is an error naming what it is.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import filetype

from speechkb.model import Diagnostic
from speechkb.stages.readers.base import RawText, Reader, ReadError
from speechkb.stages.readers.docx import DocxReader

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file every Word 97–2003 and WPS document is
_RTF = b"{\\rtf"  # Word's "rich text", often saved with a .doc name
_ZIP = b"PK\x03\x04"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_DOCX_BODY = "word/document.xml"  # what a zip holds that is a Word document, whatever else it holds
_ODT = "application/vnd.oasis.opendocument.text"
CONVERT_TIMEOUT = 120  # seconds; a speech converts in one or two
INSTALL_HINT = "apt install libreoffice-writer-nogui"


def soffice() -> str | None:
    """LibreOffice's command, if it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


class DocReader(Reader):
    """A Word 97–2003 or WPS document, through LibreOffice and the ``.docx`` reader."""

    suffixes: tuple[str, ...] = (".doc", ".wps")
    document = "a Word document"  # what a file of these suffixes is, as the error of one that is not says
    not_one = "the file is not a Word 97–2003 file"  # what that error says of bytes no known format's

    def environment(self) -> str:
        return soffice() or ""

    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        packaged = _packaged(data)
        if packaged == _DOCX:
            return DocxReader().read(path, data, diagnostics)  # a .docx under another name
        if not (data.startswith((_OLE2, _RTF)) or packaged == _ODT):
            raise ReadError(path, f"not {self.document}: {_what_it_is(data, packaged) or self.not_one}")
        program = soffice()
        if program is None:
            raise ReadError(
                path,
                f"cannot read {path.suffix} without LibreOffice, which is not installed: install it "
                f"({INSTALL_HINT}) and build again, or save the file as .docx in Word or WPS",
            )
        converted = _converted(path, data, program)
        raw = DocxReader().read(path, converted, diagnostics)
        return replace(raw, encoding=f"{path.suffix.lstrip('.').lower()} (converted by LibreOffice)")


class RtfReader(DocReader):
    """Rich text that Word or WPS saved, through LibreOffice, as a ``.doc`` is."""

    suffixes = (".rtf",)
    document = "a rich text document"
    not_one = "it does not begin with {\\rtf"


class OdtReader(DocReader):
    """An OpenDocument text that LibreOffice or WPS saved, through LibreOffice, as a ``.doc`` is."""

    suffixes = (".odt",)
    document = "an OpenDocument text"
    not_one = "the file is not an OpenDocument file"


def _what_it_is(data: bytes, packaged: str | None) -> str | None:
    """What a file that is no document LibreOffice reads is, when its format is known: the mimetype a zip states
    (an OpenDocument spreadsheet, a presentation), else what its bytes say."""
    if packaged:
        return f"the file is {packaged}"
    kind = filetype.guess(data)
    return f"the file is {kind.mime} (.{kind.extension})" if kind else None


def _packaged(data: bytes) -> str | None:
    """What the zip archive ``data`` packages: a Word document (``_DOCX``), else the mimetype its ``mimetype`` entry
    states (an OpenDocument file's); None when it is no zip, or a zip of neither."""
    if not data.startswith(_ZIP):
        return None
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            if _DOCX_BODY in package.namelist():
                return _DOCX
            return package.read("mimetype").decode("ascii", "replace").strip() or None
    except (zipfile.BadZipFile, KeyError, OSError):
        return None


def _converted(path: Path, data: bytes, program: str) -> bytes:
    """The ``.docx`` LibreOffice makes of ``data``; the file's own name is never on LibreOffice's command line."""
    with tempfile.TemporaryDirectory(prefix="speechkb-doc-") as folder:
        work = Path(folder)
        source = work / ("speech" + path.suffix.lower())
        source.write_bytes(data)
        command = [
            program,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "docx",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        # A session of its own, so that a conversion that hangs is ended with every process LibreOffice started.
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            _, error = process.communicate(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ReadError(
                path, f"LibreOffice did not convert it in {CONVERT_TIMEOUT} s: a damaged document?"
            ) from None
        result = work / "out" / "speech.docx"
        if not result.is_file():
            said = error.decode("utf-8", "replace").strip().splitlines()
            reason = next((line for line in reversed(said) if "javaldx" not in line), "no reason given")
            raise ReadError(path, f"LibreOffice could not convert it (a damaged document?): {reason}")
        return result.read_bytes()
