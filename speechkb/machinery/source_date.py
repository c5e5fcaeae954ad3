"""The date a build is stamped with: the newest speech's, never the clock's.

MkDocs dates every page of ``sitemap.xml`` (``lastmod``) and the gzip header
of ``sitemap.xml.gz`` with the day of the build, so two builds of the same
speeches on different days would differ and every publication would show a
change that is none. MkDocs takes that date from ``SOURCE_DATE_EPOCH`` when
it is set (the reproducible-builds.org convention), so a build sets it to the
date of the newest speech, which changes only when the corpus does. A value
the caller set wins: that is the convention, and lets CI date by commit.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime

from speechkb.model import Speech

VARIABLE = "SOURCE_DATE_EPOCH"

# An undated corpus: the earliest date a zip entry can hold, for the offline bundle.
UNDATED = datetime(1980, 1, 1, tzinfo=UTC)


def source_date_epoch(speeches: Iterable[Speech], environ: Mapping[str, str]) -> int:
    """Seconds since 1970 of the caller's ``SOURCE_DATE_EPOCH``, else of the newest speech's date."""
    if environ.get(VARIABLE, "").strip():
        return int(environ[VARIABLE])
    return int(newest_speech_date(speeches).timestamp())


def newest_speech_date(speeches: Iterable[Speech]) -> datetime:
    """Midnight UTC of the first day of the newest speech's date (``2024`` is 2024-01-01)."""
    return max((_first_day(speech.metadata.date) for speech in speeches if speech.metadata.date), default=UNDATED)


def _first_day(date: str) -> datetime:
    year, month, day = [*date.split("-"), "1", "1"][:3]
    return max(datetime(int(year), int(month), int(day), tzinfo=UTC), UNDATED)


@contextmanager
def dated_by(speeches: Iterable[Speech]) -> Iterator[None]:
    """Date the build by the speeches.

    MkDocs reads the date only from the environment, so the variable is set for the block and put back after.
    """
    previous = os.environ.get(VARIABLE)
    os.environ[VARIABLE] = str(source_date_epoch(speeches, os.environ))
    try:
        yield
    finally:
        if previous is None:
            del os.environ[VARIABLE]
        else:
            os.environ[VARIABLE] = previous
