"""A cached page that docs/ holds already is kept without being read; anything else is read and written."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from speechkb.folders import INDEX_DIR, SPEECHES_DIR
from speechkb.machinery.cache import CACHE_DIR, STAGING_DIR, TRASH_DIR
from speechkb.machinery.writer import WRITTEN_DOCS_DIR, PageWriter, StoredPage
from speechkb.machinery.written_files import WrittenFiles
from speechkb.search import Form, Passage, SearchDocument, index_file_items, index_files

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


def test_an_unchanged_search_index_file_is_neither_packed_nor_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A passage file whose page kept its key, and any file whose content did not change, is linked as it is."""

    def documents(second: str) -> list[SearchDocument]:
        texts = ["第一篇：要压实安全生产责任。", second, "第三篇：安全生产责任要压实。"]
        return [SearchDocument(f"{SPEECHES_DIR}/s{n}", f"讲话{n}", (Passage(text),)) for n, text in enumerate(texts)]

    def build(second: str, keys: list[str | None]) -> tuple[int, list[bytes], list[str]]:
        """Write the index of ``documents(second)``: files changed, payloads deflated, index files read."""
        packed: list[bytes] = []
        read: list[str] = []
        compress, read_bytes = zlib.compress, Path.read_bytes

        def counting_compress(data: bytes, level: int = -1) -> bytes:
            packed.append(data)
            return compress(data, level)

        def counting_read(path: Path) -> bytes:
            read.append(path.relative_to(tmp_path / "docs").as_posix())
            return read_bytes(path)

        with monkeypatch.context() as patched:
            patched.setattr(zlib, "compress", counting_compress)
            patched.setattr(Path, "read_bytes", counting_read)
            changed = write(tmp_path, list(index_file_items(documents(second), Form.PACKED, keys)))
        return changed, packed, read

    keys: list[str | None] = ["k0", "k1", "k2"]
    changed, packed, _ = build("第二篇：要压实安全生产责任。", keys)
    assert changed == len(packed) + 1 > 3  # every file is new, and all but the manifest (a script) packed

    # The second page is edited (with characters the others have: no character's rank changes).
    again = {
        path: as_bytes(content) for path, content in index_files(documents("第二篇：要压实责任。"), Form.PACKED).items()
    }
    before = {path: (tmp_path / "docs" / path).read_bytes() for path in again}
    changed, packed, read = build("第二篇：要压实责任。", ["k0", "k1 edited", "k2"])
    differ = sorted(path for path, content in again.items() if content != before[path])
    assert f"{INDEX_DIR}/d/1.bin" in differ and f"{INDEX_DIR}/d/0.bin" not in differ
    assert changed == len(differ) == len(packed)  # only what changed is deflated
    assert sorted(read) == differ  # and compared with the file it replaces: nothing else is read
    assert {path: (tmp_path / "docs" / path).read_bytes() for path in again} == again

    # Without keys, a passage file is named by its content: made again, but not packed or read when unchanged.
    assert build("第二篇：要压实责任。", [None, None, None])[0] == 0  # recorded under its content's key
    changed, packed, read = build("第二篇：要压实责任。", [None, None, None])
    assert changed == 0 and packed == [] and read == []


def as_bytes(content: str | bytes) -> bytes:
    return content.encode() if isinstance(content, str) else content
