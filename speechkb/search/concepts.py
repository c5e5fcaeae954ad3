"""Concept lists: for each page with names (a sector, a term), the pages that use any of its names.

A query that is a name of a sector or term also finds the pages that use the entry's other names
(危化品 finds 危险化学品). The browser could find them by looking each other name up as a phrase, but a
sector has up to eight names and common ones (道路交通, 交通运输) have position lists of megabytes at
10,000 speeches. So the index holds, per entry, one list of the pages using any of its names: a query
naming the entry downloads that list and no other name's postings.

Each list is written like an occurrence list, as ``(page gap, count, names)`` triples: how often the page
says any of the names, and which of them (bit ``i`` for the entry's ``i``-th name in the manifest's
``named`` table, :func:`speechkb.search.shards.name_table`), so the result can say 同义：危化品. The
names are matched as the worker matches a phrase, in the index's normal form and overlapping, by the
index itself (:func:`speechkb.search.index.build_index`), among the occurrences of each name's first bigram.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from speechkb.search.codec import TEXT, Varint, encode

CONCEPT_PREFIX = "=="  # three characters or more: never a key of the text index (one or two characters)
_NOWHERE = np.zeros(0, dtype=np.int64)


def concept_key(page: int) -> str:
    """The key of the concept list of the named page ``page``."""
    return f"{CONCEPT_PREFIX}{page}"


def concept_lists(
    pages_of: Mapping[str, npt.NDArray[np.int64]], groups: Sequence[Sequence[str]], varint: Varint = TEXT
) -> dict[str, bytes]:
    """Key → encoded concept list, for each page whose ``groups`` entry (its matchable names) has any.

    ``pages_of``: each name's occurrences, as the page of each, in order (:attr:`speechkb.search.index.Index.named`).
    """
    lists: dict[str, bytes] = {}
    for entry, group in enumerate(groups):
        if not group:
            continue
        found = [pages_of.get(name, _NOWHERE) for name in group]
        pages = np.concatenate(found)
        # Bit i for the entry's i-th name; Python's numbers, not numpy's, for an entry of more than 62 names.
        names = np.concatenate(
            [np.full(len(at), 1 << bit, dtype=np.int64 if len(group) < 63 else object) for bit, at in enumerate(found)]
        )
        order = np.argsort(pages, kind="stable")
        pages, names = pages[order], names[order]
        firsts = np.flatnonzero(np.diff(pages, prepend=-1))  # each page's first occurrence
        triples = np.empty((len(firsts), 3), dtype=names.dtype)
        triples[:, 0], triples[:, 1] = pages[firsts], np.diff(firsts, append=len(pages))
        if len(firsts):
            triples[:, 2] = np.bitwise_or.reduceat(names, firsts)
        lists[concept_key(entry)] = _encoded(triples.ravel().tolist(), varint)
    return lists


def _encoded(triples: list[int], varint: Varint) -> bytes:
    """``[page, count, names, …]`` with each page written as the gap from the one before."""
    gaps = triples.copy()
    for at in range(len(gaps) - 3, 0, -3):
        gaps[at] -= gaps[at - 3]
    return encode(gaps, varint)
