"""Keys of the search index's speech pages, so that a rebuild neither makes nor reads an unchanged speech's file.

Each page of the index has a passage file (``search-index/d/N``, :mod:`speechkb.search.shards`): its passages
with their anchors and headings, for the snippets. At 10,000 speeches they are 10,000 of the index's 15,000
files, and an edit to one speech changes one of them (the characters' ranks are stable by design,
:mod:`speechkb.search.characters`), yet making, packing and comparing all of them took a third of the index's
time. So a speech's page gets a key naming everything its passage file is made from besides its number and
the character table, which the index adds: the speech's parse key (its file, sidecar, text rules and the
parsing code, :mod:`speechkb.machinery.parse_cache`), its slug (the build settles clashes after parsing), the
source of the code that makes its search document and writes the file (:mod:`speechkb.search`, the dates of
:mod:`speechkb.outputs.render`, the simplification of :mod:`speechkb.stages.normalize`) and OpenCC's version.
The writer keeps a file whose key it recorded for it, as it keeps a cached speech page
(:mod:`speechkb.machinery.written_files`). A speech without a parse key (a build without the parse cache)
gets no key: its file is made, and named by its content.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from importlib.metadata import version
from pathlib import Path

from speechkb import search
from speechkb.machinery.parse_cache import source_of
from speechkb.model import Speech
from speechkb.outputs import render
from speechkb.search import SearchDocument
from speechkb.search.document import speech_page
from speechkb.stages import normalize

_CODE = hashlib.sha256(
    b"".join(source_of(module) for module in (search, render, normalize)) + f"opencc {version('opencc')}".encode()
).digest()


def page_keys(
    documents: Sequence[SearchDocument], speeches: Iterable[Speech], parse_keys: Mapping[Path, str]
) -> list[str | None]:
    """The key of each of ``documents`` (None for a page that is none of ``speeches``', or has no parse key)."""
    keys: dict[str, str] = {}
    for speech in speeches:
        parsed = parse_keys.get(speech.source)
        if parsed is not None:
            page = speech_page(speech)
            digest = hashlib.sha256(_CODE)
            digest.update(f"{parsed}\0{page}".encode())
            keys[page] = digest.hexdigest()
    return [keys.get(document.page) for document in documents]
