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

from speechkb.search.codec import TEXT, Varint, encode
from speechkb.search.text import WHITESPACE, fold

CONCEPT_PREFIX = "=="  # three characters or more: never a key of the text index (one or two characters)


def concept_key(page: int) -> str:
    """The key of the concept list of the named page ``page``."""
    return f"{CONCEPT_PREFIX}{page}"


def concept_lists(
    simplified: Sequence[Sequence[str]], groups: Sequence[Sequence[str]], varint: Varint = TEXT
) -> dict[str, bytes]:
    """Key → encoded concept list, for each page whose ``groups`` entry (its matchable names) has any.

    ``simplified``: each page's texts in simplified characters, as the index holds them.
    """
    automaton = ahocorasick.Automaton()
    owners: dict[str, list[tuple[int, int]]] = {}
    for page, group in enumerate(groups):
        for bit, name in enumerate(group):
            owners.setdefault(name, []).append((page, bit))
    for name, owned in owners.items():
        automaton.add_word(name, owned)
    if not owners:
        return {}
    automaton.make_automaton()

    found: dict[int, list[int]] = {page: [] for page, group in enumerate(groups) if group}
    for page, texts in enumerate(simplified):
        counts: dict[int, list[int]] = {}
        for segment in texts:
            for _, owned in automaton.iter(WHITESPACE.sub("", fold(segment))):
                for entry, bit in owned:
                    tally = counts.setdefault(entry, [0, 0])
                    tally[0] += 1
                    tally[1] |= 1 << bit
        for entry, (count, names) in counts.items():
            found[entry] += [page, count, names]
    return {concept_key(entry): _encoded(numbers, varint) for entry, numbers in found.items()}


def _encoded(triples: list[int], varint: Varint) -> bytes:
    """``[page, count, names, …]`` with each page written as the gap from the one before."""
    gaps = triples.copy()
    for at in range(len(gaps) - 3, 0, -3):
        gaps[at] -= gaps[at - 3]
    return encode(gaps, varint)
