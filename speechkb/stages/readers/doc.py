"""``.doc`` (Word 97–2003) and ``.wps`` (WPS Office): converted to ``.docx`` by LibreOffice, then read as ``.docx``.

Old office PCs keep speeches as Word 97–2003 binary files, and WPS Office saves the same binary format as
``.wps``. No Python library reads them well; LibreOffice does, so each file is converted to ``.docx`` by
``soffice --headless --convert-to docx`` in a folder of its own (with a LibreOffice profile of its own, so that
conversions on several cores do not share one) and read by :class:`~speechkb.stages.readers.docx.DocxReader`: headings,
numbering and tables as a ``.docx`` gives them. A converted file is not converted again: the parsed speech is
cached under the file's bytes (and LibreOffice's path, so installing LibreOffice is seen by the next build).

Without LibreOffice a ``.doc`` is an error naming the file and how to install it; the rest of the archive
builds. A ``.docx`` named ``.doc`` is read as what it is. A file that is no Word document at all is an error.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import filetype

from speechkb.model import Diagnostic
from speechkb.stages.readers.base import RawText, Reader, ReadError
from speechkb.stages.readers.docx import DocxReader

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file every Word 97–2003 and WPS document is
_RTF = b"{\\rtf"  # Word's "rich text", often saved with a .doc name
_ZIP = b"PK\x03\x04"
CONVERT_TIMEOUT = 120  # seconds; a speech converts in one or two
INSTALL_HINT = "apt install libreoffice-writer-nogui"


def soffice() -> str | None:
    """LibreOffice's command, if it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


class DocReader(Reader):
    """A Word 97–2003 or WPS document, through LibreOffice and the ``.docx`` reader."""

    suffixes = (".doc", ".wps")

    def environment(self) -> str:
        return soffice() or ""

    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        if data.startswith(_ZIP):
            return DocxReader().read(path, data, diagnostics)  # a .docx under an old name
        if not data.startswith((_OLE2, _RTF)):
            kind = filetype.guess(data)
            what = f"the file is {kind.mime} (.{kind.extension})" if kind else "the file is not a Word 97–2003 file"
            raise ReadError(path, f"not a Word document: {what}")
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
