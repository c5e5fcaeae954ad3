"""The date a build is stamped with comes from the speeches, or from the caller, never from the clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from speechkb.machinery.source_date import UNDATED, newest_speech_date, source_date_epoch
from speechkb.model import Metadata, Speech


def speech(date: str | None) -> Speech:
    return Speech(Path("a.txt"), "a", "讲话", "text", Metadata(date=date))


@pytest.mark.parametrize(
    ("dates", "newest"),
    [
        (["2022", "2024"], datetime(2024, 1, 1, tzinfo=UTC)),
        (["2024-03", "2024", "2023-12-31"], datetime(2024, 3, 1, tzinfo=UTC)),
        (["2019-05-20", None], datetime(2019, 5, 20, tzinfo=UTC)),
        ([None, None], UNDATED),
        ([], UNDATED),
    ],
)
def test_the_newest_speech_date_is_the_first_day_it_names(dates: list[str | None], newest: datetime) -> None:
    assert newest_speech_date([speech(date) for date in dates]) == newest


def test_the_epoch_follows_the_corpus_not_the_order_of_the_files() -> None:
    speeches = [speech("2021-06"), speech("2024-03-15"), speech(None)]
    assert source_date_epoch(speeches, {}) == source_date_epoch(speeches[::-1], {}) == 1710460800


def test_a_source_date_the_caller_set_wins() -> None:
    assert source_date_epoch([speech("2024")], {"SOURCE_DATE_EPOCH": "1600000000"}) == 1600000000
    assert source_date_epoch([speech("2024")], {"SOURCE_DATE_EPOCH": ""}) == 1704067200


def test_the_epoch_changes_when_a_newer_speech_arrives() -> None:
    old = [speech("2022")]
    assert source_date_epoch([*old, replace(speech("2025-01"), slug="b")], {}) > source_date_epoch(old, {})
