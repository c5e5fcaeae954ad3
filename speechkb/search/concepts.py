"""Concept lists: for each page with names (a sector, a term), the pages that use any of its names.

A query that is a name of a sector or term also finds the pages that use the entry's other names
(危化品 finds 危险化学品). The browser could find them by looking each other name up as a phrase, but a
sector has up to eight names and common ones (道路交通, 交通运输) have position lists of megabytes at
10,000 speeches. So the index holds, per entry, one list of the pages using any of its names: a query
naming the entry downloads that list and no other name's postings.

Each list is written like an occurrence list, as ``(page gap, count, names)`` triples: how often the page
says any of the names, and which of them (bit ``i`` for the entry's ``i``-th name in the manifest's
``named`` table, :func:`speechkb.search.shards.name_table`), so the result can say 同义：危化品. The
names are matched as the worker matches a phrase, in the index's normal form and overlapping.
"""

from __future__ import annotations

from collections.abc import Sequence

import ahocorasick
import numpy as np

from speechkb.search.codec import TEXT, Varint, encode
from speechkb.search.text import matchable_pages

CONCEPT_PREFIX = "=="  # three characters or more: never a key of the text index (one or two characters)
_PAGES_AT_ONCE = 500  # pages made matchable at a time


def concept_key(page: int) -> str:
    """The key of the concept list of the named page ``page``."""
    return f"{CONCEPT_PREFIX}{page}"


def concept_lists(
    simplified: Sequence[Sequence[str]], groups: Sequence[Sequence[str]], varint: Varint = TEXT
) -> dict[str, bytes]:
    """Key → encoded concept list, for each page whose ``groups`` entry (its matchable names) has any.

    ``simplified``: each page's texts in simplified characters, as the index holds them. They are made
    matchable a few hundred pages at a time, in one string with a line feed after each text (no name has
    one, so no match crosses it): folding each of a large archive's 360,000 texts on its own took most
    of the time.
    """
    owners: dict[str, list[tuple[int, int]]] = {}
    for page, group in enumerate(groups):
        for bit, name in enumerate(group):
            owners.setdefault(name, []).append((page, bit))
    if not owners:
        return {}
    automaton = ahocorasick.Automaton()
    for number, name in enumerate(owners):
        automaton.add_word(name, number)
    automaton.make_automaton()
    owned = list(owners.values())

    # (entry, page) → [count, names], page after page: each entry meets its pages in order.
    tallies: dict[tuple[int, int], list[int]] = {}
    for first in range(0, len(simplified), _PAGES_AT_ONCE):
        pages = simplified[first : first + _PAGES_AT_ONCE]
        code_points = matchable_pages(pages)
        # Where each page ends: the line feed after its last text.
        ends = np.flatnonzero(code_points == ord("\n"))[np.cumsum([len(page) for page in pages]) - 1]
        hits = np.array(list(automaton.iter(code_points.tobytes().decode("utf-32-le"))), dtype=np.int64)
        if not len(hits):
            continue
        page_names = (np.searchsorted(ends, hits[:, 0]) + first) * len(owned) + hits[:, 1]
        found, counts = np.unique(page_names, return_counts=True)  # by page, then name
        for page_name, count in zip(found.tolist(), counts.tolist(), strict=True):
            page, name = divmod(page_name, len(owned))
            for entry, bit in owned[name]:
                tally = tallies.setdefault((entry, page), [0, 0])
                tally[0] += count
                tally[1] |= 1 << bit

    lists: dict[int, list[int]] = {page: [] for page, group in enumerate(groups) if group}
    for (entry, page), (count, names) in tallies.items():
        lists[entry] += [page, count, names]
    return {concept_key(entry): _encoded(numbers, varint) for entry, numbers in lists.items()}


def _encoded(triples: list[int], varint: Varint) -> bytes:
    """``[page, count, names, …]`` with each page written as the gap from the one before."""
    gaps = triples.copy()
    for at in range(len(gaps) - 3, 0, -3):
        gaps[at] -= gaps[at - 3]
    return encode(gaps, varint)
