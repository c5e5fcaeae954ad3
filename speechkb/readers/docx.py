"""``.docx``: a Word document → its paragraphs, one line each (through python-docx)."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from speechkb.model import Diagnostic
from speechkb.readers.base import RawText, Reader, ReadError


class DocxReader(Reader):
    """The paragraphs of the document's body, in order, as Word shows them; the format is the encoding."""

    suffixes = (".docx",)

    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        from docx import Document  # imported here: python-docx is slow to import and most speeches are .txt

        if not zipfile.is_zipfile(BytesIO(data)):
            raise ReadError(path, "not a Word document: a .docx file is a zip archive and this one is not")
        try:
            document = Document(BytesIO(data))
        except Exception as error:  # python-docx raises many unrelated types for damaged packages
            raise ReadError(path, f"damaged Word document: {error}") from None
        return RawText([paragraph.text for paragraph in document.paragraphs], "docx")
