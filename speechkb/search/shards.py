"""The index as static files, cut so that a query downloads only the pieces it needs.

- ``manifest.js``: how the rest is cut (shard counts, pages per block), which form the other files are in
  (``packed``), the traditional table and the names that pages answer to (the dictionary a query typed
  without spaces is cut with), by the page of the sector or term they name (the alias table a query is
  expanded with; :func:`name_table`), and the length of each page's title (a phrase found before it is
  in the title);
- ``k/N``: per key, its occurrence list (which pages contain it, how often, whether in the title) and for
  a bigram its position list, keys hashed into shards: one request per key; and per sector or term page,
  the pages using any of its names (:mod:`speechkb.search.concepts`);
- ``m/N``: per block of a few pages, what a result shows (title, URL path, info): fetched for the results
  listed only, which the index ranks without them;
- ``d/N``: one page's passages, fetched only for the top results, to cut snippets from; their text
  written as character ranks (:mod:`speechkb.search.characters`), the ranked characters in ``c``.

The files other than the manifest come in one of two forms (:class:`Form`), the same data either way:

- scripts, ``NAME.js``: ``speechkbSearchShard(["NAME", DATA]);``, the lists in base-64 text
  (:data:`~speechkb.search.codec.TEXT`; a key's two lists joined by a ``.``). An offline copy opened from
  ``file://`` loads them with ``<script>`` tags (``fetch`` is refused there); a worker can also fetch one
  and parse the JSON between the fixed prefix and suffix;
- packed, ``NAME.bin``: a zlib (RFC 1950) stream, which the worker inflates with the browser's
  ``DecompressionStream("deflate")``, of the same data with its lists as bytes
  (:data:`~speechkb.search.codec.BYTES`): the length of a JSON header as a number of those bytes, the
  header ``["NAME", DATA]`` with each list replaced by its length in bytes, then the lists' bytes in
  the header's order. A shard's DATA is then a list of ``[key, lists…]`` rows rather than an object
  (JavaScript orders an object's integer-like keys first, and the lists must be read in order). Less
  than half the bytes of the scripts: what a site of 10,000 speeches needs to stay within what GitHub
  Pages publishes.

The manifest is always a script, so the worker learns the form before it reads another file; the offline
bundle is built with scripts, and a site built for http(s) packed. Shard counts grow with the corpus so a
shard stays around ``TARGET_SHARD_BYTES`` of script text. :func:`read_file` reads either form back.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from functools import cached_property, partial

import numpy as np
import numpy.typing as npt

from speechkb.folders import INDEX_DIR
from speechkb.machinery.writer import StoredPage
from speechkb.search.characters import CharacterTable
from speechkb.search.codec import BYTES, TEXT, Varint, decode, encode, key_hash
from speechkb.search.concepts import concept_lists
from speechkb.search.document import SearchDocument
from speechkb.search.index import build_index
from speechkb.search.text import matchable, traditional_table

FORMAT = 3
TARGET_SHARD_BYTES = 12_000
# Small blocks: the results listed are spread over the whole archive, and each needs its block
# (the worker fetches 15 at most: 8 pages each lists every result of a site of 120 pages).
PAGES_PER_BLOCK = 8
_MAX_SHARDS = 1 << 12
_PAGES_COUNTED_AT_ONCE = 500
_PAGES_ENCODED_AT_ONCE = 500
PREFIX = "speechkbSearchShard("
SUFFIX = ");\n"
# Level 4, not 9: on 1,000 speeches' index (18.4 MB before packing) level 9 took 7.1 s of processor for
# 12.18 MB, level 4 1.5 s for 12.29 MB (0.9% more); a build packs every file that changed.
_DEFLATE_LEVEL = 4
# What a packed file's bytes depend on besides its content: another zlib could deflate the same bytes otherwise.
_PACKING = f"zlib {zlib.ZLIB_RUNTIME_VERSION} level {_DEFLATE_LEVEL}"


class Form(Enum):
    """How the index files other than the manifest are written (see the module's description)."""

    SCRIPT = "script"  # for file://, and any browser
    PACKED = "packed"  # for http(s): less than half the bytes

    @property
    def varint(self) -> Varint:
        return TEXT if self is Form.SCRIPT else BYTES

    @property
    def extension(self) -> str:
        return ".js" if self is Form.SCRIPT else ".bin"


def index_files(documents: Sequence[SearchDocument], form: Form = Form.SCRIPT) -> dict[str, str | bytes]:
    """Every file of the search index, keyed by its path under the site (``search-index/…``): text for
    a script, bytes for a packed file."""
    return {path: file.text() for path, file in index_file_items(documents, form)}


def index_file_items(
    documents: Sequence[SearchDocument], form: Form, page_keys: Sequence[str | None] = ()
) -> Iterator[tuple[str, StoredPage]]:
    """The files of :func:`index_files`, each as a :class:`~speechkb.machinery.writer.StoredPage` made when it
    is consumed (at 10,000 speeches the files take more memory than the index they are cut from, and a build
    writes each away at once), whose text is packed or made only when the writer asks for it.

    A file's key is a hash of its content before packing (and of what packs it), or, for a page's passage
    file, of the page's key in ``page_keys`` (in the order of ``documents``; None or missing: none) with the
    character table: a key that names the page's document and the code that makes it and its file
    (:mod:`speechkb.machinery.search_keys`). So a file ``docs/`` holds already is neither packed nor read,
    and an unchanged page's passage file not even made: 10,000 of the 15,000 files at 10,000 speeches.
    """
    groups = name_groups(documents)
    index = build_index(documents, varint=form.varint, names={name for group in groups for name in group})
    occurrences, positions = index.occurrences, index.positions
    occurrences.update(concept_lists(index.named, groups, form.varint))
    key_shards = _shard_count(occurrences, positions)
    pages = list(zip(index.documents, index.simplified, strict=True))
    characters = index.characters
    titles = encode(index.title_lengths).decode("ascii")
    del index
    yield from _hashed(occurrences, positions, key_shards, form)
    del occurrences, positions  # most of the memory: gone as soon as their shards are written
    for block in range(0, len(pages), PAGES_PER_BLOCK):
        summaries = [_summary(*page) for page in pages[block : block + PAGES_PER_BLOCK]]
        yield _file(f"m/{block // PAGES_PER_BLOCK}", summaries, form)
    table = CharacterTable(_character_counts(pages))
    yield _file("c", table.characters, form)
    keys = [*page_keys, *[None] * (len(pages) - len(page_keys))]
    # What every keyed passage file depends on besides its page: the ranks the table gives the characters.
    ranks = _key(_PACKING, form.value, table.characters)
    for start in range(0, len(pages), _PAGES_ENCODED_AT_ONCE):
        chunk = _PassageFiles(table, pages[start : start + _PAGES_ENCODED_AT_ONCE], start, form)
        for number in range(start, start + len(chunk.pages)):
            page_key = keys[number]
            if page_key is None:
                yield _file(f"d/{number}", chunk.data(number), form)
            else:
                key = _key(ranks, f"d/{number}", page_key)
                yield _path(f"d/{number}", form), StoredPage(key, partial(chunk.made, number))
    manifest = {
        "format": FORMAT,
        "packed": form is Form.PACKED,
        "pages": len(pages),
        "keyShards": key_shards,
        "pagesPerBlock": PAGES_PER_BLOCK,
        "traditional": traditional_table(characters),
        "titles": titles,
        **name_table(groups),
    }
    yield _file("manifest", manifest, Form.SCRIPT)


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


def _hashed(
    occurrences: dict[str, bytes], positions: dict[str, bytes], shard_count: int, form: Form
) -> Iterator[tuple[str, StoredPage]]:
    """The key shards: each key's occurrence list, then its position list if it has one."""
    keys_of: list[list[str]] = [[] for _ in range(shard_count)]
    for key in sorted(occurrences):
        keys_of[key_hash(key) % shard_count].append(key)
    for number, keys in enumerate(keys_of):
        lists = {key: [occurrences[key], *([positions[key]] if key in positions else [])] for key in keys}
        if form is Form.PACKED:  # rows, not an object: the worker must meet the keys in this order
            yield _file(f"k/{number}", [[key, *both] for key, both in lists.items()], form)
        else:
            yield _file(f"k/{number}", {key: b".".join(both) for key, both in lists.items()}, form)


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


def _passages(document: SearchDocument, simplified: Sequence[str], coded: Iterator[bytes]) -> dict[str, object]:
    """``{"h": [headings], "p": [[text, anchor, heading number, simplified text]]}``, trailing blanks dropped;
    the texts taken from ``coded``, the page's :func:`_passage_texts` written by the character table."""
    headings: list[str] = []
    passages: list[list[object]] = []
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


class _PassageFiles:
    """The passage files of a few hundred pages, numbered from ``first``: their texts are encoded all at once when
    the first of them is made (a call per page cost more than its text), and none when none is."""

    def __init__(
        self, table: CharacterTable, pages: Sequence[tuple[SearchDocument, Sequence[str]]], first: int, form: Form
    ) -> None:
        self.table = table
        self.pages = pages
        self.first = first
        self.form = form

    @cached_property
    def _coded(self) -> list[list[bytes]]:
        """Each page's :func:`_passage_texts`, encoded by the table."""
        texts = [list(_passage_texts(*page)) for page in self.pages]
        coded = iter(self.table.encode([text for page in texts for text in page], self.form.varint))
        return [[next(coded) for _ in page] for page in texts]

    def data(self, number: int) -> dict[str, object]:
        """What the page ``number``'s passage file holds (:func:`_passages`)."""
        return _passages(*self.pages[number - self.first], iter(self._coded[number - self.first]))

    def made(self, number: int) -> str | bytes:
        """The page ``number``'s passage file itself, as it goes into ``docs/``."""
        return _packed(_unpacked(f"d/{number}", self.data(number), self.form))


def _path(name: str, form: Form) -> str:
    return f"{INDEX_DIR}/{name}{form.extension}"


def _file(name: str, data: object, form: Form) -> tuple[str, StoredPage]:
    """The file ``name`` (``k/3``) as its path under the site and a stored page named by its content; ``data``
    holds its lists as ``bytes`` in ``form``'s digits."""
    content = _unpacked(name, data, form)
    return _path(name, form), StoredPage(_key(_PACKING, content), partial(_packed, content))


def _unpacked(name: str, data: object, form: Form) -> str | bytes:
    """The file ``name`` holding ``data``: a script's text, or a packed file's bytes before they are deflated."""
    if form is Form.SCRIPT:
        return PREFIX + _json([name, data], lambda encoded: encoded.decode("ascii")) + SUFFIX
    lists: list[bytes] = []

    def length(encoded: bytes) -> int:
        lists.append(encoded)
        return len(encoded)

    header = _json([name, data], length).encode("utf-8")
    return encode([len(header)], BYTES) + header + b"".join(lists)


def _packed(content: str | bytes) -> str | bytes:
    """A file's content as it is written: a script as it is, a packed file's bytes deflated."""
    return zlib.compress(content, _DEFLATE_LEVEL) if isinstance(content, bytes) else content


def _key(*parts: str | bytes) -> str:
    """A hash of ``parts``, each told apart from the next by its length."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def _json(value: object, list_as: Callable[[bytes], object]) -> str:
    """``value`` as compact JSON, each list (``bytes``) written as ``list_as`` makes it, in document order."""

    def default(item: object) -> object:
        if isinstance(item, bytes):
            return list_as(item)
        raise TypeError(f"{type(item).__name__} in an index file")

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=default)


def read_file(path: str, content: str | bytes) -> tuple[str, object]:
    """``(name, data)`` of an index file in either form, its lists as base-64 text (as a script holds them):
    the same for a packed file as for the script of the same data. Raises ``ValueError`` for a file that
    is neither, as the worker refuses it."""
    if isinstance(content, str):
        if not (path.endswith(".js") and content.startswith(PREFIX) and content.endswith(SUFFIX)):
            raise ValueError(f"{path}: not an index script")
        name, data = json.loads(content[len(PREFIX) : -len(SUFFIX)])
        return name, data
    try:
        payload = zlib.decompress(content)
    except zlib.error as error:
        raise ValueError(f"{path}: not a packed index file ({error})") from None
    size = 0
    while size < len(payload) and payload[size] & BYTES.more:
        size += 1
    [header_length] = decode(payload[: size + 1], BYTES)
    name, data = json.loads(payload[size + 1 : size + 1 + header_length].decode("utf-8"))
    lists = _Lists(payload[size + 1 + header_length :])
    if name.startswith("k/"):
        data = {key: ".".join(lists.take(length) for length in lengths) for key, *lengths in data}
    elif name.startswith("d/"):
        for row in data["p"]:
            for at in [at for at in (0, 3) if at < len(row)]:
                row[at] = lists.take(row[at])
    lists.end(path)
    return name, data


class _Lists:
    """The lists of a packed file, taken in order and given back as base-64 text."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, length: int) -> str:
        if self.at + length > len(self.data):
            raise ValueError("a packed index file ends before its lists do")
        encoded = self.data[self.at : self.at + length]
        self.at += length
        return encode(decode(encoded, BYTES)).decode("ascii")

    def end(self, path: str) -> None:
        if self.at != len(self.data):
            raise ValueError(f"{path}: {len(self.data) - self.at} bytes after the lists")
