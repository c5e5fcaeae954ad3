"""The index as static files, cut so that a query downloads only the pieces it needs.

- ``manifest.js``: how the rest is cut (shard counts, pages per block), the traditional table and the
  names that pages answer to (the dictionary a query typed without spaces is cut with), grouped by the
  sector or term they name (the alias table a query is expanded with; :func:`name_table`);
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
from collections.abc import Iterable, Iterator, Sequence

from speechkb.folders import INDEX_DIR
from speechkb.search.codec import key_hash
from speechkb.search.document import SearchDocument
from speechkb.search.index import build_index
from speechkb.search.text import fold, matchable, traditional_table

FORMAT = 1
TARGET_SHARD_BYTES = 12_000
PAGES_PER_BLOCK = 256
_MAX_SHARDS = 1 << 12
PREFIX = "speechkbSearchShard("
SUFFIX = ");\n"


def index_files(documents: Sequence[SearchDocument]) -> dict[str, str]:
    """Every file of the search index, keyed by its path under the site (``search-index/…``)."""
    return dict(index_file_items(documents))


def index_file_items(documents: Sequence[SearchDocument]) -> Iterator[tuple[str, str]]:
    """The items of :func:`index_files`, each made when it is consumed: at 10,000 speeches the files
    take more memory than the index they are cut from, and a build writes each away at once."""
    index = build_index(documents)
    term_shards = _shard_count(index.occurrences)
    position_shards = _shard_count(index.positions)
    postings = [("t", index.occurrences, term_shards), ("p", index.positions, position_shards)]
    pages = list(zip(index.documents, index.simplified, strict=True))
    characters = index.characters
    del index  # its posting lists are most of its memory: each can go as soon as its shards are written
    while postings:
        yield from _hashed(*postings.pop(0))
    for block in range(0, len(pages), PAGES_PER_BLOCK):
        summaries = [_summary(*page) for page in pages[block : block + PAGES_PER_BLOCK]]
        yield _file(f"m/{block // PAGES_PER_BLOCK}", summaries)
    for number, page in enumerate(pages):
        yield _file(f"d/{number}", _passages(*page))
    manifest = {
        "format": FORMAT,
        "pages": len(pages),
        "termShards": term_shards,
        "positionShards": position_shards,
        "pagesPerBlock": PAGES_PER_BLOCK,
        "traditional": traditional_table(characters),
        **name_table(document for document, _ in pages),
    }
    yield _file("manifest", manifest)


def name_table(documents: Iterable[SearchDocument]) -> dict[str, object]:
    """The names pages answer to, and which of them name the same thing: the compact alias table.

    ``names``: every name of two characters or more (a sector's name and aliases), matchable and sorted;
    the worker cuts a query typed without spaces into them. ``synonyms``: for each page with several
    names, their indices in ``names``; a query naming one also looks for the others. Both come from the
    vocabularies through the pages' ``names``: a few kilobytes, however many speeches the site has.
    """
    groups = [list(dict.fromkeys(n for n in map(matchable, document.names) if len(n) > 1)) for document in documents]
    names = sorted({name for group in groups for name in group})
    number = {name: index for index, name in enumerate(names)}
    synonyms = sorted([number[name] for name in group] for group in groups if len(group) > 1)
    return {"names": names, "synonyms": synonyms}


def _shard_count(lists: dict[str, bytes]) -> int:
    """Shards enough for ``lists`` to take about ``TARGET_SHARD_BYTES`` each (a key: 3 bytes per character)."""
    total_bytes = sum(len(key) * 3 + len(value) for key, value in lists.items())
    count = 1
    while count * TARGET_SHARD_BYTES < total_bytes and count < _MAX_SHARDS:
        count *= 2
    return count


def _hashed(prefix: str, lists: dict[str, bytes], shard_count: int) -> Iterator[tuple[str, str]]:
    keys_of: list[list[str]] = [[] for _ in range(shard_count)]
    for key in sorted(lists):
        keys_of[key_hash(key) % shard_count].append(key)
    for number, keys in enumerate(keys_of):
        yield _file(f"{prefix}/{number}", {key: lists[key].decode("ascii") for key in keys})


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


def _file(name: str, data: object) -> tuple[str, str]:
    """The file ``name`` (``t/3``) as its path under the site and its text, a script."""
    return f"{INDEX_DIR}/{name}.js", PREFIX + json.dumps(
        [name, data], ensure_ascii=False, separators=(",", ":")
    ) + SUFFIX
