"""Related speeches found from an earlier build's are those found anew (speechkb.outputs.related).

Each case is an archive of speeches with random tags, then random changes: tags changed, speeches added,
removed or moved in the archive's order. What :func:`find_related` finds starting from the first archive's
result must be what it finds from nothing, and that must be the definition: the most tags shared, at least one,
the earlier speech on a tie.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from speechkb.machinery.cache import CACHE_DIR
from speechkb.machinery.related_cache import RELATED_DIR, RelatedCache
from speechkb.outputs.related import RELATED, RelatedFound, find_related

TAGS = [f"t{n}" for n in range(30)]
tag_sets = st.frozensets(st.sampled_from(TAGS), max_size=5)


def defined(slugs: list[str], tags: list[frozenset[str]]) -> tuple[tuple[tuple[int, str], ...], ...]:
    """Each speech's related speeches by their definition, one pair at a time."""
    found = []
    for index, own in enumerate(tags):
        shared = [(len(own & other), at) for at, other in enumerate(tags) if at != index and own & other]
        found.append(tuple((count, slugs[at]) for count, at in sorted(shared, key=lambda c: (-c[0], c[1]))[:RELATED]))
    return tuple(found)


@st.composite
def archives(draw: st.DrawFn) -> tuple[list[str], list[frozenset[str]], list[str], list[frozenset[str]]]:
    """An archive (slugs and tags) and the same archive after a few changes."""
    count = draw(st.integers(0, 200))
    slugs = [f"s{n}" for n in range(count)]
    tags = [draw(tag_sets) for _ in slugs]
    after = dict(zip(slugs, tags, strict=True))
    order = list(slugs)
    for _ in range(draw(st.integers(0, 4))):
        change = draw(st.sampled_from(["tags", "add", "remove", "move"]))
        if change == "add" or not order:
            slug = f"new{len(after)}"
            after[slug] = draw(tag_sets)
            order.insert(draw(st.integers(0, len(order))), slug)
            continue
        slug = draw(st.sampled_from(order))
        if change == "tags":
            after[slug] = draw(tag_sets)
        elif change == "remove":
            order.remove(slug)
        else:
            order.remove(slug)
            order.insert(draw(st.integers(0, len(order))), slug)
    return slugs, tags, order, [after[slug] for slug in order]


@given(archives())
def test_related_speeches_found_from_an_earlier_result_are_those_found_anew(
    archive: tuple[list[str], list[frozenset[str]], list[str], list[frozenset[str]]],
) -> None:
    slugs, tags, slugs_after, tags_after = archive
    before = find_related(slugs, tags, None)
    assert before.found == defined(slugs, tags)
    again = find_related(slugs_after, tags_after, before)
    assert again == find_related(slugs_after, tags_after, None)
    assert again.found == defined(slugs_after, tags_after)


def test_an_unreadable_or_inconsistent_kept_result_is_discarded_and_everything_found_anew(tmp_path: Path) -> None:
    slugs, tags = ["a", "b", "c"], [frozenset({"x"}), frozenset({"x", "y"}), frozenset({"y"})]
    cache = RelatedCache(tmp_path)
    assert cache.before() is None
    cache.keep(find_related(slugs, tags, None))
    assert RelatedCache(tmp_path).before() == find_related(slugs, tags, None)

    entry = next((tmp_path / CACHE_DIR / RELATED_DIR).iterdir())
    for damage in (b"", pickle.dumps(RelatedFound(("a",), (), ()))):  # cut short; parts that do not fit together
        entry.write_bytes(damage)
        cache = RelatedCache(tmp_path)
        assert cache.before() is None
        assert cache.discarded == 1
        assert not entry.exists()
        assert f"discarded 1 unreadable entries of {tmp_path / CACHE_DIR / RELATED_DIR}" in str(
            cache.discarded_notice()
        )
        cache.keep(find_related(slugs, tags, None))
