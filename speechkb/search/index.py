"""The inverted index: which pages contain each character and each pair of characters, and where.

Chinese has no spaces, and a word segmenter (jieba) decides for the reader where words end: 一岗双责
may be cut as 一/岗/双责 in one sentence and 一岗/双/责 in another, and a query cut differently from the
text misses it. Character bigrams need no dictionary: a page contains a phrase only if it contains every
bigram of the phrase, at consecutive positions. With positions in the index the browser can verify that
exactly, so recall is complete and every exact match can be ranked above every partial one.

A page is indexed as a stream: its title, its names, then its passages, each normalised by
:func:`~speechkb.search.text.matchable` and separated by a gap of one position, so that no bigram spans
two passages. Single characters are indexed by page only, for one-character queries.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from speechkb.search.codec import encode
from speechkb.search.document import SearchDocument
from speechkb.search.text import matchable


@dataclass(frozen=True)
class Index:
    """Posting lists, already encoded (:mod:`speechkb.search.codec`), by key.

    ``occurrences`` maps every character and bigram to ``(page gap, count)`` pairs; ``positions`` maps
    every bigram to ``(page gap, count, first position, position gaps…)`` runs. Pages are numbered in
    the order of ``documents``.
    """

    documents: tuple[SearchDocument, ...]
    occurrences: dict[str, bytes]
    positions: dict[str, bytes]
    characters: frozenset[str]


def stream(document: SearchDocument) -> list[str]:
    """The normalised segments a page is indexed as: title, names, passages."""
    texts = [document.title, *document.names, *(passage.text for passage in document.passages)]
    return [matchable(text) for text in texts]


def build_index(documents: Sequence[SearchDocument]) -> Index:
    # Numbers are collected per key in compact arrays and encoded once at the end: encoding a few
    # numbers at a time costs more than everything else here together.
    occurrences: dict[str, array[int]] = {}
    positions: dict[str, array[int]] = {}
    last_page: dict[str, int] = {}
    characters: set[str] = set()
    for page, document in enumerate(documents):
        bigrams: dict[str, list[int]] = {}
        singles: Counter[str] = Counter()
        offset = 0
        for segment in stream(document):
            singles.update(segment)
            for position, bigram in enumerate(map(str.__add__, segment, segment[1:]), offset):
                found = bigrams.get(bigram)
                if found is None:
                    bigrams[bigram] = [position]
                else:
                    found.append(position)
            offset += len(segment) + 1
        characters.update(singles)
        for char, count in singles.items():
            _numbers(occurrences, char).extend((page - last_page.get(char, 0), count))
            last_page[char] = page
        for bigram, at in bigrams.items():
            gap = page - last_page.get(bigram, 0)
            last_page[bigram] = page
            _numbers(occurrences, bigram).extend((gap, len(at)))
            numbers = _numbers(positions, bigram)
            numbers.extend((gap, len(at), at[0]))
            numbers.extend(map(int.__sub__, at[1:], at))
    return Index(
        tuple(documents),
        {key: encode(numbers) for key, numbers in occurrences.items()},
        {key: encode(numbers) for key, numbers in positions.items()},
        frozenset(characters),
    )


def _numbers(lists: dict[str, array[int]], key: str) -> array[int]:
    found = lists.get(key)
    if found is None:
        found = lists[key] = array("L")
    return found
