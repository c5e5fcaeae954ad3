"""Related speeches: for each speech, the speeches sharing the most sectors and terms with it, a reader's next stop.

A speech's related speeches are the :data:`RELATED` others with the most tags (sector and term slugs) in common
with it, at least one, the earlier one in the archive's order on a tie. :func:`find_related` finds them for the
whole archive; it takes what an earlier build found (:class:`RelatedFound`, which a build keeps:
:mod:`speechkb.machinery.related_cache`) and finds again only what may have changed.

Comparing every pair is quadratic: 2 s of a rebuild at 10,000 speeches, however little changed. But a speech
whose tags did not change, and none of whose related speeches changed, keeps its related speeches unless a
changed speech now beats one of them: the others' counts are as they were, and so is their order (a speech
whose place in the archive moved counts as changed). So an earlier result is checked against the changed
speeches only, and a speech whose related speeches changed or went away is compared with every speech again.
When many changed, everything is found anew (:func:`_every_speech`).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

RELATED = 3
# Past this share of the archive changed or to compare again, finding everything anew is quicker.
_ANEW = 0.05

Found = tuple[tuple[int, str], ...]  # (tags shared, slug) of a speech's related speeches, the best first


@dataclass(frozen=True)
class RelatedFound:
    """Each speech's related speeches as one build found them, with what they were found from."""

    slugs: tuple[str, ...]  # the speeches, in the archive's order
    tags: tuple[frozenset[str], ...]  # each one's sectors and terms
    found: tuple[Found, ...]  # each one's related speeches

    def is_whole(self) -> bool:
        """Whether its parts are of the kinds and lengths it is made of (a kept one might not be: never trusted)."""
        lengths = {len(self.slugs), len(self.tags), len(self.found)}
        return (
            len(lengths) == 1
            and all(isinstance(slug, str) for slug in self.slugs)
            and all(isinstance(tags, frozenset) for tags in self.tags)
            and all(isinstance(found, tuple) and len(found) <= RELATED for found in self.found)
            and all(isinstance(count, int) and isinstance(slug, str) for found in self.found for count, slug in found)
        )


def find_related(slugs: Sequence[str], tags: Sequence[frozenset[str]], before: RelatedFound | None) -> RelatedFound:
    """The related speeches of the speeches ``slugs`` (in the archive's order) with ``tags``; ``before`` is what an
    earlier build found, or None."""
    changed = _changed(slugs, tags, before) if before is not None else None
    if before is None or changed is None:
        return _every_speech(slugs, tags)
    position = {slug: index for index, slug in enumerate(slugs)}
    kept = dict(zip(before.slugs, before.found, strict=True))
    gone = {slug for slug in before.slugs if slug not in position} | {slugs[index] for index in changed}
    again = set(changed)
    again.update(
        index
        for index, slug in enumerate(slugs)
        if index not in again and any(other in gone for _, other in kept[slug])
    )
    if len(again) > _ANEW * len(slugs):
        return _every_speech(slugs, tags)
    found: list[Found] = []
    for index, (slug, own) in enumerate(zip(slugs, tags, strict=True)):
        if index in again:
            found.append(_compared_with_all(index, slugs, tags))
            continue
        candidates = [*kept[slug], *((len(own & tags[other]), slugs[other]) for other in changed)]
        best = heapq.nsmallest(RELATED, (c for c in candidates if c[0]), key=lambda c: (-c[0], position[c[1]]))
        found.append(tuple(best))
    return RelatedFound(tuple(slugs), tuple(tags), tuple(found))


def _changed(slugs: Sequence[str], tags: Sequence[frozenset[str]], before: RelatedFound) -> list[int] | None:
    """The positions of the speeches new since ``before``, whose tags changed or whose place among the others
    moved, in order; None when so many did that finding everything anew is quicker."""
    earlier = {slug: index for index, slug in enumerate(before.slugs)}
    changed: list[int] = []
    last = -1
    for index, (slug, own) in enumerate(zip(slugs, tags, strict=True)):
        was = earlier.get(slug)
        if was is None or was < last or before.tags[was] != own:
            changed.append(index)
        else:
            last = was
    return None if len(changed) > _ANEW * len(slugs) else changed


def _compared_with_all(index: int, slugs: Sequence[str], tags: Sequence[frozenset[str]]) -> Found:
    """The related speeches of the speech at ``index``, compared with every other speech."""
    own = tags[index]
    shared = ((len(own & other), position) for position, other in enumerate(tags) if position != index)
    best = heapq.nsmallest(RELATED, ((-count, position) for count, position in shared if count))
    return tuple((-negated, slugs[position]) for negated, position in best)


def _every_speech(slugs: Sequence[str], tags: Sequence[frozenset[str]]) -> RelatedFound:
    """Every speech's related speeches, found anew.

    Comparing every pair of speeches one by one in Python took seconds at 1,000 speeches and minutes at
    10,000. Instead each tag is a big integer holding one byte per speech (1 if the speech has the tag),
    so adding the integers of a speech's tags yields, in one byte per speech, how many tags it shares with
    every other speech: the additions and the search for the highest bytes run in C. A speech has fewer
    than 256 tags, so no byte overflows into its neighbour.
    """
    count = len(tags)
    members: dict[str, bytearray] = {}
    for index, own in enumerate(tags):
        for slug in own:
            if (column := members.get(slug)) is None:
                column = members[slug] = bytearray(count)
            column[index] = 1
    columns = {slug: int.from_bytes(column, "little") for slug, column in members.items()}
    found: list[Found] = []
    for index, own in enumerate(tags):
        shared = bytearray(sum(columns[slug] for slug in own).to_bytes(count, "little"))
        shared[index] = 0
        found.append(tuple((shared[n], slugs[n]) for n in _highest(shared, RELATED, len(own))))
    return RelatedFound(tuple(slugs), tuple(tags), tuple(found))


def _highest(counts: bytearray, limit: int, most: int) -> list[int]:
    """Positions of the ``limit`` highest non-zero counts, highest first, the earlier position on a tie.

    No count is above ``most``: looking for each value from there down is a scan in C each (``bytearray.find``),
    where finding the highest count first would step through every byte in Python's loop.
    """
    found: list[int] = []
    for value in range(most, 0, -1):
        position = counts.find(value)
        while position >= 0 and len(found) < limit:
            found.append(position)
            position = counts.find(value, position + 1)
        if len(found) == limit:
            break
    return found
