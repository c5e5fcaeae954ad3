"""Read stage: files on disk → :class:`~speechkb.model.Source`.

Speeches reach a safety office as UTF-8 from the web, GBK/GB18030 from old
Windows PCs, UTF-16 from Word's "save as text", and as ``.docx``. This is the
only module that opens speech files; everything after it works on decoded,
numbered lines.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import filetype
import yaml
from charset_normalizer import from_bytes
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import ErrorDetails

from speechkb.model import Diagnostic, Level, Line, Metadata, Season, Severity, Source

SPEECH_SUFFIXES = (".txt", ".docx")
MAX_BYTES = 5 * 1024 * 1024  # the longest real speech is ~60 KB; larger files are exports gone wrong

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
_MAX_REPORTED = 10  # problems listed per file and kind; the rest are counted
# Without a BOM or valid UTF-8, a Chinese speech is in the mainland standard
# (GB18030, a superset of GBK and GB2312) or, from Taiwan and Hong Kong, Big5.
_CHINESE_ENCODINGS = ("gb18030", "big5")
# C0 and C1 controls other than tab and line breaks: Word's cell marks (U+0007),
# optional hyphens (U+001F) and the like. Markdown drops some of them silently.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ReadError(Exception):
    """A file that cannot be read as a speech; the message says why."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(path, line, message, Severity.ERROR)


class _SidecarLoader(yaml.SafeLoader):
    """YAML without implicit dates: ``date: 2024-02-30`` must reach validation as text, to be reported by key."""


_SidecarLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Sidecar(BaseModel):
    """The schema of ``NAME.yml``: unknown keys and wrong types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    title: str | None = None
    date: str | int | None = None
    level: Level | None = None
    place: str | None = None
    meeting: str | None = None
    speaker: str | None = None
    season: Season | None = None
    slug: str | None = None

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str | int | None) -> str | None:
        if value is None:
            return None
        text = str(value)
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if not match:
            raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            dt.date(year or 1, month or 1, day or 1)
        except ValueError as error:
            raise ValueError(f"{text!r} is not a real date ({error})") from None
        return text

    @field_validator("slug")
    @classmethod
    def _ascii_slug(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
            raise ValueError(f"{value!r} is not a lowercase ASCII slug like 'xian-2024-an-wei-hui'")
        return value


def find_speeches(folder: Path) -> list[Path]:
    """Speech files in ``folder`` (not its sub-folders), in a stable order."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in SPEECH_SUFFIXES and not path.name.startswith((".", "~$"))
    )


def read_source(path: Path) -> Source:
    """Read one speech and its sidecar; raise :class:`ReadError` if it is not a speech.

    A bad sidecar does not cost the speech its page: the speech is read
    without it and the sidecar's error is reported with the speech.
    """
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReadError(
            path, f"file is {size:,} bytes, over the {MAX_BYTES // 2**20} MB limit for a speech: an export gone wrong?"
        )
    data = path.read_bytes()
    diagnostics: list[Diagnostic] = []
    if path.suffix.lower() == ".docx":
        texts, encoding = _docx_paragraphs(path, data), "docx"
    else:
        text, encoding = decode(path, data, diagnostics)
        texts = text.splitlines()
    texts = _visible_controls(path, texts, diagnostics)
    lines = tuple(
        Line(number, stripped, raw[:1].isspace()) for number, raw in enumerate(texts, 1) if (stripped := raw.strip())
    )
    if not lines:
        raise ReadError(path, "no text: the file is empty or holds only white space")
    try:
        metadata = read_sidecar(path.with_suffix(".yml"))
    except ReadError as error:
        message = f"{error.diagnostic.message}; {path.name} is built without its sidecar"
        diagnostics.append(replace(error.diagnostic, message=message))
        metadata = Metadata()
    return Source(path, lines, metadata, encoding, tuple(diagnostics))


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
    if b"\x00" in data or (kind and kind.extension == "pdf"):
        if kind:
            raise ReadError(path, f"not text: the file is {kind.mime} (.{kind.extension}), not a .txt speech")
        raise ReadError(path, "not text: the file contains NUL bytes (binary data, or UTF-16 without a BOM)")
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
    raise ReadError(
        path,
        f"cannot tell the text encoding: not UTF-8 ({first.reason} at byte offset {first.start}), GB18030/GBK or Big5",
    )


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
    while len(found) <= _MAX_REPORTED:
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
    diagnostics.extend(_at_most(found, _invalid_bytes(body, encoding), "invalid bytes"))
    return body.decode(encoding, errors="replace")


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
    diagnostics.extend(_at_most(found, count, "control characters"))
    return visible


def _at_most(found: list[Diagnostic], total: int, what: str) -> list[Diagnostic]:
    """The first few of ``found``, then one line for the rest: a damaged file must not flood the report."""
    if len(found) <= _MAX_REPORTED:
        return found
    shown = found[:_MAX_REPORTED]
    rest = Diagnostic(found[0].path, None, f"{total:,} {what} in all; only the first {_MAX_REPORTED} are listed")
    return [*shown, rest]


def _docx_paragraphs(path: Path, data: bytes) -> list[str]:
    from io import BytesIO

    from docx import Document  # imported here: python-docx is slow to import and most speeches are .txt

    if not zipfile.is_zipfile(BytesIO(data)):
        raise ReadError(path, "not a Word document: a .docx file is a zip archive and this one is not")
    try:
        document = Document(BytesIO(data))
    except Exception as error:  # python-docx raises many unrelated types for damaged packages
        raise ReadError(path, f"damaged Word document: {error}") from None
    return [paragraph.text for paragraph in document.paragraphs]


def read_sidecar(path: Path) -> Metadata:
    """Validate a sidecar file; a missing sidecar means no metadata."""
    if not path.exists():
        return Metadata()
    try:
        raw = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_SidecarLoader)
    except yaml.MarkedYAMLError as error:
        # The parser notices a missing "]" lines later; the context says where the broken part starts.
        context = error.context_mark
        where = f" ({error.context} that starts on line {context.line + 1})" if context and error.context else ""
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise ReadError(path, f"invalid YAML{where}: {error.problem}", line) from None
    except yaml.YAMLError as error:
        raise ReadError(path, f"invalid YAML: {error}") from None
    except UnicodeDecodeError:
        raise ReadError(path, "sidecar is not UTF-8 text") from None
    if raw is None:
        return Metadata()
    if not isinstance(raw, dict):
        raise ReadError(
            path, "a sidecar must be a mapping of keys (title, date, level, place, meeting, speaker, season, slug)"
        )
    try:
        sidecar = _Sidecar.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(f"key '{'.'.join(map(str, e['loc'])) or '?'}': {_friendly(e)}" for e in error.errors())
        raise ReadError(path, problems, _key_line(path, error.errors()[0]["loc"])) from None
    return Metadata(**sidecar.model_dump())


def _friendly(error: ErrorDetails) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key (allowed: " + ", ".join(_Sidecar.model_fields) + ")"
    return str(error["msg"]).removeprefix("Value error, ")


def _key_line(path: Path, loc: tuple[object, ...]) -> int | None:
    if not loc:
        return None
    for number, text in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if text.startswith(f"{loc[0]}:"):
            return number
    return None
