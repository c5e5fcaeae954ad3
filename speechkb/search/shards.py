"""The index as static files, cut so that a query downloads only the pieces it needs.

- ``manifest.js``: how the rest is cut (shard counts, pages per block), the traditional table and the
  names that pages answer to (the dictionary a query typed without spaces is cut with), by the page of
  the sector or term they name (the alias table a query is expanded with; :func:`name_table`), and the
  length of each page's title (a phrase found before it is in the title);
- ``k/N.js``: per key, its occurrence list (which pages contain it, how often, whether in the title)
  and for a bigram its position list after a ``.``, keys hashed into shards: one request per key; and
  per sector or term page, the pages using any of its names (:mod:`speechkb.search.concepts`);
- ``m/N.js``: per block of a few pages, what a result shows (title, URL path, info): fetched for the
  results listed only, which the index ranks without them;
- ``d/N.js``: one page's passages, fetched only for the top results, to cut snippets from; their text
  written as character ranks (:mod:`speechkb.search.characters`), the ranked characters in ``c.js``.

Every file is ``speechkbSearchShard(["NAME", DATA]);``: a script that an offline copy opened from
``file://`` can load with a ``<script>`` tag (``fetch`` is refused there), and text a worker can fetch
and parse as JSON between the fixed prefix and suffix. Shard counts grow with the corpus so a shard
stays around ``TARGET_SHARD_BYTES``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import numpy.typing as npt

from speechkb.folders import INDEX_DIR
from speechkb.search.characters import CharacterTable
from speechkb.search.codec import encode, key_hash
from speechkb.search.concepts import concept_lists
from speechkb.search.document import SearchDocument
from speechkb.search.index import build_index
from speechkb.search.text import matchable, traditional_table

FORMAT = 2
TARGET_SHARD_BYTES = 12_000
# Small blocks: the results listed are spread over the whole archive, and each needs its block
# (the worker fetches 15 at most: 8 pages each lists every result of a site of 120 pages).
PAGES_PER_BLOCK = 8
_MAX_SHARDS = 1 << 12
_PAGES_COUNTED_AT_ONCE = 500
PREFIX = "speechkbSearchShard("
SUFFIX = ");\n"


def index_files(documents: Sequence[SearchDocument]) -> dict[str, str]:
    """Every file of the search index, keyed by its path under the site (``search-index/…``)."""
    return dict(index_file_items(documents))


def index_file_items(documents: Sequence[SearchDocument]) -> Iterator[tuple[str, str]]:
    """The items of :func:`index_files`, each made when it is consumed: at 10,000 speeches the files
    take more memory than the index they are cut from, and a build writes each away at once."""
    index = build_index(documents)
    groups = name_groups(index.documents)
    occurrences, positions = index.occurrences, index.positions
    occurrences.update(concept_lists(index.simplified, groups))
    key_shards = _shard_count(occurrences, positions)
    pages = list(zip(index.documents, index.simplified, strict=True))
    characters = index.characters
    titles = encode(index.title_lengths).decode("ascii")
    del index
    yield from _hashed(occurrences, positions, key_shards)
    del occurrences, positions  # most of the memory: gone as soon as their shards are written
    for block in range(0, len(pages), PAGES_PER_BLOCK):
        summaries = [_summary(*page) for page in pages[block : block + PAGES_PER_BLOCK]]
        yield _file(f"m/{block // PAGES_PER_BLOCK}", summaries)
    table = CharacterTable(_character_counts(pages))
    yield _file("c", table.characters)
    for number, page in enumerate(pages):
        yield _file(f"d/{number}", _passages(*page, table))
    manifest = {
        "format": FORMAT,
        "pages": len(pages),
        "keyShards": key_shards,
        "pagesPerBlock": PAGES_PER_BLOCK,
        "traditional": traditional_table(characters),
        "titles": titles,
        **name_table(groups),
    }
    yield _file("manifest", manifest)


def name_groups(documents: Iterable[SearchDocument]) -> list[list[str]]:
    """Each page's names of two characters or more (a sector's name and aliases), matchable, in order."""
    return [list(dict.fromkeys(n for n in map(matchable, document.names) if len(n) > 1)) for document in documents]


def name_table(groups: Sequence[Sequence[str]]) -> dict[str, object]:
    """The names pages answer to, and which of them name the same thing: the compact alias table.

    ``names``: every name in ``groups`` (:func:`name_groups`), sorted; the worker cuts a query typed
    without spaces into them. ``named``: for each page with names, its number and their indices in
    ``names``, in the page's order (the bits of its concept list): a query that is one of them lists the
    page first, and also looks for the others. Both come from the vocabularies through the pages'
    ``names``: a few kilobytes, however many speeches the site has.
    """
    names = sorted({name for group in groups for name in group})
    number = {name: index for index, name in enumerate(names)}
    named = [[page, *(number[name] for name in group)] for page, group in enumerate(groups) if group]
    return {"names": names, "named": named}


def _shard_count(occurrences: dict[str, bytes], positions: dict[str, bytes]) -> int:
    """Shards enough for the lists to take about ``TARGET_SHARD_BYTES`` each (a key: 3 bytes per character)."""
    total_bytes = sum(len(key) * 3 + len(value) for key, value in occurrences.items())
    total_bytes += sum(len(value) + 1 for value in positions.values())
    count = 1
    while count * TARGET_SHARD_BYTES < total_bytes and count < _MAX_SHARDS:
        count *= 2
    return count


def _hashed(occurrences: dict[str, bytes], positions: dict[str, bytes], shard_count: int) -> Iterator[tuple[str, str]]:
    """The key shards: each key's occurrence list, then ``.`` and its position list if it has one."""
    keys_of: list[list[str]] = [[] for _ in range(shard_count)]
    for key in sorted(occurrences):
        keys_of[key_hash(key) % shard_count].append(key)
    for number, keys in enumerate(keys_of):
        lists = {key: _postings(occurrences[key], positions.get(key)) for key in keys}
        yield _file(f"k/{number}", lists)


def _postings(occurrences: bytes, positions: bytes | None) -> str:
    return (occurrences + b"." + positions if positions is not None else occurrences).decode("ascii")


def _summary(document: SearchDocument, simplified: Sequence[str]) -> list[object]:
    """``[page, title, info, simplified title]``: the last only when it differs.

    ``simplified``: the page's :func:`~speechkb.search.index.texts` in simplified characters.
    """
    summary: list[object] = [document.page, document.title, document.info]
    if simplified[0] != document.title:
        summary.append(simplified[0])
    return summary


def _passage_texts(document: SearchDocument, simplified: Sequence[str]) -> Iterator[str]:
    """The texts of a page's passage file: each passage's, and its simplified one where it differs."""
    for passage, text in zip(document.passages, simplified[1 + len(document.names) :], strict=True):
        yield passage.text
        if text != passage.text:
            yield text


def _character_counts(pages: Sequence[tuple[SearchDocument, Sequence[str]]]) -> npt.NDArray[np.int64]:
    """How often each character occurs in the passage files, counted a few hundred pages at a time."""
    counts = CharacterTable.counts([])
    for start in range(0, len(pages), _PAGES_COUNTED_AT_ONCE):
        chunk = pages[start : start + _PAGES_COUNTED_AT_ONCE]
        counts += CharacterTable.counts(text for page in chunk for text in _passage_texts(*page))
    return counts


def _passages(document: SearchDocument, simplified: Sequence[str], table: CharacterTable) -> dict[str, object]:
    """``{"h": [headings], "p": [[text, anchor, heading number, simplified text]]}``, trailing blanks dropped;
    the texts written by ``table``."""
    headings: list[str] = []
    passages: list[list[object]] = []
    coded = iter(table.encode(list(_passage_texts(document, simplified))))
    for passage, text in zip(document.passages, simplified[1 + len(document.names) :], strict=True):
        heading = -1
        if passage.heading is not None:
            if passage.heading not in headings:
                headings.append(passage.heading)
            heading = headings.index(passage.heading)
        row: list[object] = [next(coded), passage.anchor or "", heading]
        if text != passage.text:
            row.append(next(coded))
        while len(row) > 1 and row[-1] in ("", -1):
            row.pop()
        passages.append(row)
    return {"h": headings, "p": passages}


def _file(name: str, data: object) -> tuple[str, str]:
    """The file ``name`` (``k/3``) as its path under the site and its text, a script."""
    return f"{INDEX_DIR}/{name}.js", PREFIX + json.dumps(
        [name, data], ensure_ascii=False, separators=(",", ":")
    ) + SUFFIX
