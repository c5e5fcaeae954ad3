"""A cached page that docs/ holds already is kept without being read; anything else is read and written."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkb.folders import SPEECHES_DIR
from speechkb.machinery.cache import CACHE_DIR, STAGING_DIR, TRASH_DIR
from speechkb.machinery.writer import WRITTEN_DOCS_DIR, PageWriter, StoredPage
from speechkb.machinery.written_files import WrittenFiles

PAGE = f"{SPEECHES_DIR}/a.md"


class Reads:
    """A stored page's text that counts how often it is read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return self.text


def write(project: Path, pages: list[tuple[str, str | StoredPage]]) -> int:
    """One build's writing of ``pages`` into ``project/docs``; how many files changed."""
    docs, cache = project / "docs", project / CACHE_DIR
    docs.mkdir(exist_ok=True)
    with PageWriter(
        docs, cache / TRASH_DIR, cache / STAGING_DIR, WrittenFiles(project, docs, WRITTEN_DOCS_DIR)
    ) as writer:
        writer.write(pages)
        return writer.commit()


def test_a_stored_page_docs_holds_is_kept_without_reading_it(tmp_path: Path) -> None:
    first = Reads("# 讲话\n")
    assert write(tmp_path, [(PAGE, StoredPage("k1", first))]) == 1
    assert first.count == 1  # nothing recorded yet: read and written

    again = Reads("# 讲话\n")
    assert write(tmp_path, [(PAGE, StoredPage("k1", again)), (f"{SPEECHES_DIR}/index.md", "列表\n")]) == 1
    assert again.count == 0
    assert (tmp_path / "docs" / PAGE).read_text(encoding="utf-8") == "# 讲话\n"

    # Kept again the build after: the record follows the file into each new docs/.
    assert write(tmp_path, [(PAGE, StoredPage("k1", again)), (f"{SPEECHES_DIR}/index.md", "列表\n")]) == 0
    assert again.count == 0


def test_a_stored_page_of_another_key_is_read(tmp_path: Path) -> None:
    write(tmp_path, [(PAGE, StoredPage("k1", Reads("旧\n")))])
    changed = Reads("新\n")
    assert write(tmp_path, [(PAGE, StoredPage("k2", changed))]) == 1
    assert changed.count == 1
    assert (tmp_path / "docs" / PAGE).read_text(encoding="utf-8") == "新\n"


@pytest.mark.parametrize("how", ["edited", "replaced", "removed"])
def test_a_file_changed_since_it_was_recorded_is_written_anew(tmp_path: Path, how: str) -> None:
    write(tmp_path, [(PAGE, StoredPage("k1", Reads("原文\n")))])
    file = tmp_path / "docs" / PAGE
    if how == "edited":  # in place, same size: only its modification time tells
        with file.open("r+b") as opened:
            opened.write("改文".encode())
    elif how == "replaced":
        file.unlink()
        file.write_text("原文\n", encoding="utf-8")
    else:
        file.unlink()
    again = Reads("原文\n")
    write(tmp_path, [(PAGE, StoredPage("k1", again))])
    assert file.read_text(encoding="utf-8") == "原文\n"
    if how != "replaced":
        assert again.count == 1


def test_a_damaged_record_is_discarded_and_every_page_read(tmp_path: Path) -> None:
    write(tmp_path, [(PAGE, StoredPage("k1", Reads("原文\n")))])
    for entry in (tmp_path / CACHE_DIR / WRITTEN_DOCS_DIR).iterdir():
        entry.write_bytes(entry.read_bytes()[:10])
    again = Reads("原文\n")
    record = WrittenFiles(tmp_path, tmp_path / "docs", WRITTEN_DOCS_DIR)
    assert record.discarded == 1
    write(tmp_path, [(PAGE, StoredPage("k1", again))])
    assert again.count == 1
