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
from pathlib import Path
from typing import Literal

import yaml
from charset_normalizer import from_bytes
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import ErrorDetails

from speechkb.model import Diagnostic, Line, Metadata, Severity, Source

SPEECH_SUFFIXES = (".txt", ".docx")
MAX_BYTES = 5 * 1024 * 1024  # the longest real speech is ~60 KB; larger files are exports gone wrong

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# A handful of undecodable bytes in otherwise valid UTF-8 is a damaged file,
# not another encoding: decode it with replacement rather than guess.
_MAX_STRAY_BYTES_RATIO = 0.01


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
    level: Literal["国家", "省", "市", "县", "乡镇"] | None = None
    place: str | None = None
    meeting: str | None = None
    speaker: str | None = None
    season: Literal["春", "夏", "秋", "冬"] | None = None
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
    """Read one speech and its sidecar; raise :class:`ReadError` if it is not a speech."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReadError(path, f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit for a speech")
    data = path.read_bytes()
    diagnostics: list[Diagnostic] = []
    if path.suffix.lower() == ".docx":
        texts, encoding = _docx_paragraphs(path, data), "docx"
    else:
        text, encoding = decode(path, data, diagnostics)
        texts = text.splitlines()
    lines = tuple(Line(number, stripped) for number, raw in enumerate(texts, 1) if (stripped := raw.strip()))
    if not lines:
        raise ReadError(path, "no text: the file is empty or holds only white space")
    metadata = read_sidecar(path.with_suffix(".yml"))
    return Source(path, lines, metadata, encoding, tuple(diagnostics))


def decode(path: Path, data: bytes, diagnostics: list[Diagnostic]) -> tuple[str, str]:
    """Decode bytes of unknown encoding; report stray invalid bytes in ``diagnostics``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").removeprefix("\ufeff"), encoding.removesuffix("-sig")
    if b"\x00" in data:
        raise ReadError(path, "binary file (it contains NUL bytes): not a text speech")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as first:
        stray = _stray_utf8_bytes(data)
        if len(stray) <= max(1, int(len(data) * _MAX_STRAY_BYTES_RATIO)):
            for offset in stray:
                line = data.count(b"\n", 0, offset) + 1
                diagnostics.append(
                    Diagnostic(
                        path, line, f"invalid UTF-8 byte 0x{data[offset]:02x} at byte offset {offset}; shown as �"
                    )
                )
            return data.decode("utf-8", errors="replace"), "utf-8"
        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise ReadError(path, f"cannot detect the text encoding ({first.reason} at byte {first.start})") from None
        return str(best), best.encoding


def _stray_utf8_bytes(data: bytes) -> list[int]:
    """Byte offsets where strict UTF-8 decoding fails, up to a bounded count."""
    offsets: list[int] = []
    start = 0
    limit = max(1, int(len(data) * _MAX_STRAY_BYTES_RATIO)) + 1
    while len(offsets) < limit:
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as error:
            offsets.append(start + error.start)
            start += error.end
    return offsets


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
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ReadError(
            path, f"invalid YAML: {getattr(error, 'problem', error)}", mark.line + 1 if mark else None
        ) from None
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
