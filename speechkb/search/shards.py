"""The index as static files, cut so that a query downloads only the pieces it needs.

- ``manifest.js``: how the rest is cut (shard counts, pages per block), the traditional table and the
  names that pages answer to (the dictionary a query typed without spaces is cut with);
- ``t/N.js``: occurrence lists (which pages contain a key, how often), keys hashed into shards;
- ``p/N.js``: position lists for bigrams, hashed the same way; fetched only to verify longer phrases;
- ``m/N.js``: per block of pages, what a result shows (title, URL path, info) and ranks on (names);
- ``d/N.js``: one page's passages, fetched only for the top results, to cut snippets from.

Every file is ``speechkbSearchShard(["NAME", DATA]);``: a script that an offline copy opened from
``file://`` can load with a ``<script>`` tag (``fetch`` is refused there), and text a worker can fetch
and parse as JSON between the fixed prefix and suffix. Shard counts grow with the corpus so a shard
stays around ``TARGET_SHARD_BYTES``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from speechkb.search.codec import key_hash
from speechkb.search.document import SearchDocument
from speechkb.search.index import Index, build_index
from speechkb.search.text import fold, matchable, traditional_table

INDEX_DIR = "search-index"
FORMAT = 1
TARGET_SHARD_BYTES = 12_000
PAGES_PER_BLOCK = 256
_MAX_SHARDS = 1 << 12
PREFIX = "speechkbSearchShard("
SUFFIX = ");\n"


def index_files(documents: Sequence[SearchDocument]) -> dict[str, str]:
    """Every file of the search index, keyed by its path under the site (``search-index/…``)."""
    return shard_files(build_index(documents))


def shard_files(index: Index) -> dict[str, str]:
    term_shards = _shard_count(sum(len(key) * 3 + len(value) for key, value in index.occurrences.items()))
    position_shards = _shard_count(sum(len(key) * 3 + len(value) for key, value in index.positions.items()))
    files: dict[str, str] = {}
    files.update(_hashed("t", index.occurrences, term_shards))
    files.update(_hashed("p", index.positions, position_shards))
    documents = index.documents
    pages = list(zip(documents, index.simplified, strict=True))
    for block in range(0, len(pages), PAGES_PER_BLOCK):
        name = f"m/{block // PAGES_PER_BLOCK}"
        files[name] = _script(name, [_summary(*page) for page in pages[block : block + PAGES_PER_BLOCK]])
    for number, page in enumerate(pages):
        files[f"d/{number}"] = _script(f"d/{number}", _passages(*page))
    manifest = {
        "format": FORMAT,
        "pages": len(documents),
        "termShards": term_shards,
        "positionShards": position_shards,
        "pagesPerBlock": PAGES_PER_BLOCK,
        "traditional": traditional_table(index.characters),
        # The names pages answer to (a sector's aliases): the worker cuts a query typed without spaces into them.
        "names": sorted({name for document in documents for name in map(matchable, document.names) if len(name) > 1}),
    }
    files["manifest"] = _script("manifest", manifest)
    return {f"{INDEX_DIR}/{name}.js": text for name, text in files.items()}


def _shard_count(total_bytes: int) -> int:
    count = 1
    while count * TARGET_SHARD_BYTES < total_bytes and count < _MAX_SHARDS:
        count *= 2
    return count


def _hashed(prefix: str, lists: dict[str, bytes], shard_count: int) -> dict[str, str]:
    shards: list[dict[str, str]] = [{} for _ in range(shard_count)]
    for key in sorted(lists):
        shards[key_hash(key) % shard_count][key] = lists[key].decode("ascii")
    return {f"{prefix}/{number}": _script(f"{prefix}/{number}", shard) for number, shard in enumerate(shards)}


def _summary(document: SearchDocument, simplified: Sequence[str]) -> list[object]:
    """``[page, title, names, info, simplified title]``: the last only when it differs.

    ``simplified``: the page's :func:`~speechkb.search.index.texts` in simplified characters.
    """
    title, *names = simplified[: 1 + len(document.names)]
    summary: list[object] = [document.page, document.title, [fold(name) for name in names], document.info]
    if title != document.title:
        summary.append(title)
    return summary


def _passages(document: SearchDocument, simplified: Sequence[str]) -> dict[str, object]:
    """``{"h": [headings], "p": [[text, anchor, heading number, simplified text]]}``, trailing blanks dropped."""
    headings: list[str] = []
    passages: list[list[object]] = []
    for passage, text in zip(document.passages, simplified[1 + len(document.names) :], strict=True):
        heading = -1
        if passage.heading is not None:
            if passage.heading not in headings:
                headings.append(passage.heading)
            heading = headings.index(passage.heading)
        row: list[object] = [passage.text, passage.anchor or "", heading]
        if text != passage.text:
            row.append(text)
        while len(row) > 1 and row[-1] in ("", -1):
            row.pop()
        passages.append(row)
    return {"h": headings, "p": passages}


def _script(name: str, data: object) -> str:
    return PREFIX + json.dumps([name, data], ensure_ascii=False, separators=(",", ":")) + SUFFIX
