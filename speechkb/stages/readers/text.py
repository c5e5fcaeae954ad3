"""``.txt``: bytes of unknown encoding → text.

Speeches reach a safety office as UTF-8 from the web, GBK/GB18030 from old Windows PCs, UTF-16 from Word's
"save as text", and Big5 from Taiwan and Hong Kong. The encoding is detected, not guessed: a byte order mark,
then UTF-8 (a few damaged bytes in it are replaced and reported), then the Chinese encodings through
charset-normalizer (a few damaged bytes in them are replaced and reported too). Bytes that are not text at all (a PDF, image or archive renamed) are refused here, before
any decoding is tried: :func:`decode` is the place for any format whose files are text.
HTML character references left in a text copied from a page's source (&nbsp; &ldquo;) are decoded and reported.
"""

from __future__ import annotations

from contextlib import suppress
from itertools import pairwise
from pathlib import Path

import filetype
from charset_normalizer import from_bytes

from speechkb.model import Diagnostic
from speechkb.stages.readers.base import MAX_REPORTED, RawText, Reader, ReadError, at_most
from speechkb.stages.readers.columns import in_reading_order

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# A handful of undecodable bytes in otherwise valid UTF-8 is a damaged file,
# not another encoding: decode it with replacement rather than guess.
_MAX_STRAY_BYTES_RATIO = 0.01
# Without a BOM or valid UTF-8, a Chinese speech is in the mainland standard
# (GB18030, a superset of GBK and GB2312) or, from Taiwan and Hong Kong, Big5.
_CHINESE_ENCODINGS = ("gb18030", "big5")


class TextReader(Reader):
    """Plain text in any encoding staff have: its lines as the file breaks them (any of ``\\n``, ``\\r\\n``, ``\\r``),
    a page in two columns read column by column (:mod:`~speechkb.stages.readers.columns`)."""

    suffixes = (".txt",)

    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        text, encoding = decode(path, data, diagnostics)
        page_ends = [at for at, line in enumerate(text.splitlines(keepends=True)) if line.endswith("\f")]
        lines = in_reading_order(path, text.splitlines(), page_ends, diagnostics)
        return RawText(lines, encoding, soft_breaks=_double_spaced(lines))


_DOUBLE_SPACED_MIN_LINES = 8


def _double_spaced(lines: list[str]) -> frozenset[int]:
    """The lines of a copy that sets a blank line under every line of text (a page or a Word file copied with its
    spacing doubled, each paragraph maybe broken in two by a narrow column): there the blank lines part every line,
    not the paragraphs, so each line ends as a web page's ``<br>`` does, where a paragraph ends or inside one, as the
    text says (:attr:`~speechkb.model.Line.soft_break`). Too few lines tell nothing."""
    text = [index for index, line in enumerate(lines) if line.strip()]
    if len(text) < _DOUBLE_SPACED_MIN_LINES or any(after - before < 2 for before, after in pairwise(text)):
        return frozenset()
    return frozenset(text)


def decode(path: Path, data: bytes, diagnostics: list[Diagnostic]) -> tuple[str, str]:
    """Decode bytes of unknown encoding; report undecodable bytes in ``diagnostics``.

    Raise :class:`ReadError` when the bytes are not text at all (binary data,
    or no Chinese encoding fits them).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_damaged(path, data, len(bom), encoding, diagnostics), encoding
    # Images, archives and Word files are full of NUL bytes, which no text has. A small PDF may have none, but
    # "%PDF-" never begins a speech. Other signatures ("BM", "MZ") are too short to tell from text.
    kind = filetype.guess(data)
    if kind and (b"\x00" in data or kind.extension == "pdf"):
        raise ReadError(path, f"not text: the file is {kind.mime} (.{kind.extension}), not a .txt speech")
    if b"\x00" in data:
        data = _nul_padding_left_out(path, data, diagnostics)
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise ReadError(
            path,
            f"not text: the file contains NUL bytes, the first at byte offset {offset} "
            "(binary data, or UTF-16 without a BOM)",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first = error
    if _invalid_bytes(data, "utf-8") <= max(1, int(len(data) * _MAX_STRAY_BYTES_RATIO)):
        return _decode_damaged(path, data, 0, "utf-8", diagnostics), "utf-8"
    best = from_bytes(data, cp_isolation=list(_CHINESE_ENCODINGS)).best()
    if best is not None and best.encoding is not None:
        return str(best), best.encoding
    for encoding in _CHINESE_ENCODINGS:  # too short for detection: the first that fits
        with suppress(UnicodeDecodeError):
            return data.decode(encoding), encoding
    if (damaged := _damaged_chinese(data)) is not None:
        return _decode_damaged(path, data, 0, damaged, diagnostics), damaged
    raise ReadError(
        path,
        f"cannot tell the text encoding: not UTF-8 ({first.reason} at byte offset {first.start}), GB18030/GBK or Big5",
    )


def _nul_padding_left_out(path: Path, data: bytes, diagnostics: list[Diagnostic]) -> bytes:
    """``data`` without the NUL bytes after its text, reported: a save cut short, or a copy from a damaged disk,
    fills the end of a file with NULs, which are no part of the speech."""
    text = data.rstrip(b"\x00")
    if not text or b"\x00" in text:
        return data
    line = len(text.splitlines())
    diagnostics.append(
        Diagnostic(path, line, f"{len(data) - len(text):,} NUL bytes after the text (a save cut short?) are left out")
    )
    return text


def _damaged_chinese(data: bytes) -> str | None:
    """The Chinese encoding of text that a few damaged bytes keep from decoding (a GBK file cut off inside its
    last character, a byte flipped on a USB stick), None when no encoding fits all but a few bytes.

    Detection refuses bytes that do not decode, so it is asked about the bytes that do: GB18030 decodes most
    byte pairs, Big5 text included, and an encoding is taken only when its valid bytes read as it.
    """
    limit = max(1, int(len(data) * _MAX_STRAY_BYTES_RATIO))
    invalid = {encoding: _invalid_bytes(data, encoding) for encoding in _CHINESE_ENCODINGS}
    for encoding in sorted(_CHINESE_ENCODINGS, key=invalid.__getitem__):
        if invalid[encoding] > limit:
            break
        valid = data.decode(encoding, errors="ignore").encode(encoding)
        best = from_bytes(valid, cp_isolation=list(_CHINESE_ENCODINGS)).best()
        if best is None or best.encoding == encoding:  # too short to tell: the fewest damaged bytes
            return encoding
    return None


def _invalid_bytes(data: bytes, encoding: str) -> int:
    """How many bytes strict decoding rejects, counted in C so that it is quick at any size."""
    return len(data) - len(data.decode(encoding, errors="ignore").encode(encoding))


def _decode_damaged(path: Path, data: bytes, start: int, encoding: str, diagnostics: list[Diagnostic]) -> str:
    """Decode ``data[start:]`` with replacement, reporting where bytes were replaced (line and byte offset)."""
    body = data[start:]
    try:
        return body.decode(encoding)
    except UnicodeDecodeError:
        pass
    found: list[Diagnostic] = []
    position = 0
    while len(found) <= MAX_REPORTED:
        try:
            body[position:].decode(encoding)
            break
        except UnicodeDecodeError as error:
            offset = position + error.start
            bad = body[offset : position + error.end]
            line = len((body[:offset].decode(encoding, errors="replace") + "x").splitlines())
            found.append(
                Diagnostic(
                    path,
                    line,
                    f"invalid {encoding.upper()} byte{'s' if len(bad) > 1 else ''} {bad.hex(' ')} "
                    f"at byte offset {start + offset}; shown as �",
                )
            )
            position += error.end
    diagnostics.extend(at_most(found, _invalid_bytes(body, encoding), "invalid bytes"))
    return body.decode(encoding, errors="replace")
