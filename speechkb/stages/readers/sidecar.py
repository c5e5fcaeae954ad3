"""A speech's sidecar, ``NAME.yml`` beside ``NAME.txt``: metadata that corrects what is inferred from the text.

Not a speech format: every speech, whatever its format, may have one, and :func:`speechkb.stages.readers.read_source`
reads it. It goes through the same YAML → model → diagnostic path as the vocabularies
(:mod:`speechkb.machinery.yaml_data`), but a sidecar's problems are one error: the speech is then read without it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from speechkb.machinery.yaml_data import read_yaml, validate
from speechkb.model import Diagnostic, Level, Metadata, Season
from speechkb.stages.readers.base import ReadError


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
    publisher: str | None = None

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


def read_sidecar(path: Path) -> Metadata:
    """Validate a sidecar file; a missing sidecar means no metadata.

    Raise :class:`~speechkb.stages.readers.base.ReadError` for a sidecar that is not valid: every problem in one
    message, at the line of the first.
    """
    if not path.exists():
        return Metadata()
    problems: list[Diagnostic] = []
    document = read_yaml(path, problems, what="sidecar")
    if document is None:
        raise ReadError(path, problems[0].message, problems[0].line)
    if document.data is None:
        return Metadata()
    if not isinstance(document.data, dict):
        raise ReadError(
            path,
            "a sidecar must be a mapping of keys (title, date, level, place, meeting, speaker, season, slug, publisher)",
        )
    sidecar = validate(document, _Sidecar, "sidecar", problems)
    if sidecar is None:
        raise ReadError(path, "; ".join(problem.message for problem in problems), problems[0].line)
    return Metadata(**sidecar.model_dump())
