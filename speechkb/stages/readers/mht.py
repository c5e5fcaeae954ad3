"""``.mht``/``.mhtml``: a web page saved as one file → the page it holds, read as a saved ``.html`` page is.

Internet Explorer and Edge (网页，单个文件), Chrome (MHTML) and Word (单个文件网页) save a page with its images as
one MIME message, as an e-mail is sent: a ``multipart/related`` whose root part is the page's HTML, often
quoted-printable or base64, in the page's own charset (GB2312/GBK on older government sites), and whose other
parts are its images, which the HTML names by ``cid:`` or by their address (``Content-Location``).

The message is parsed with Python's ``email`` package; the root HTML part is the one the message names (the
``start`` of ``multipart/related``, else the part at the address the message says it was saved from), else the
first HTML part (a page's frames are parts too, after it). Its transfer encoding undone, it is decoded and read as
:class:`~speechkb.stages.readers.html.HtmlReader` reads a page: the part's charset decides where the page states
none its bytes are in. The images are not read: each ``<img>`` is marked ``［图片］`` where it stands, as a page's is.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import filetype

from speechkb.model import Diagnostic
from speechkb.stages.readers.base import RawText, Reader, ReadError
from speechkb.stages.readers.html import decoded_page, read_page

_NOT_AN_MHT = "not a saved web page (.mht)"
# Where a saver names the address of the page it saved, which is its root part's Content-Location: Chrome in a
# header of its own, others in the message's Content-Location; Internet Explorer and Word name none (their page is
# the first part).
_SAVED_FROM = ("snapshot-content-location", "content-location")


class MhtReader(Reader):
    """A web page saved as one file: the HTML part it holds, read as a saved page (see the module)."""

    suffixes = (".mht", ".mhtml")

    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        kind = filetype.guess(data)
        if kind is not None:
            raise ReadError(path, f"{_NOT_AN_MHT}: the file is {kind.mime} (.{kind.extension})")
        # A saver may put a byte order mark or blank lines before the headers, which would make them the body.
        message = email.message_from_bytes(data.removeprefix(b"\xef\xbb\xbf").lstrip(), policy=email.policy.default)
        if not isinstance(message, EmailMessage) or "content-type" not in message:
            raise ReadError(path, f"{_NOT_AN_MHT}: it is no MIME message (it has no Content-Type header)")
        page = _root_page(message)
        if page is None:
            raise ReadError(path, f"{_NOT_AN_MHT}: it has no HTML part")
        payload = page.get_payload(decode=True)
        html = payload if isinstance(payload, bytes) else b""
        text, encoding = decoded_page(path, html, diagnostics, page.get_content_charset())
        return read_page(path, text, encoding, diagnostics)


def _root_page(message: EmailMessage) -> EmailMessage | None:
    """The HTML part that is the saved page (see the module), None when the message holds no HTML."""
    pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    start = message.get_param("start") if message.get_content_type() == "multipart/related" else None
    if isinstance(start, str):
        named = next((part for part in pages if part.get("content-id", "").strip() == start.strip()), None)
        if named is not None:
            return named
    if address := next((str(message[header]) for header in _SAVED_FROM if header in message), None):
        located = next((part for part in pages if part.get("content-location", "").strip() == address.strip()), None)
        if located is not None:
            return located
    return pages[0] if pages else None
