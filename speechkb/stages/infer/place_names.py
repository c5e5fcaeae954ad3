"""Place names at a position of a line: 青川县, 黔东南苗族侗族自治州, 四川省青川县 (the innermost of a chain).

Shared by the level (a place opening the title tells it), the place and the byline readers.
"""

from __future__ import annotations

from speechkb.stages.infer.rules import MetadataRules

PlaceAt = tuple[str, str, int]  # a place name as matched, its level suffix, and where it ends


def place_at(norm: str, start: int, end: int, rules: MetadataRules) -> PlaceAt | None:
    """The innermost place name of a chain starting at ``start`` (四川省青川县 → 青川县): (name, suffix, end).

    The name may be redacted (某某县): it then still tells the level, but is no place (:func:`is_named`).
    """
    found: PlaceAt | None = None
    position = start
    while (match := rules.place.match(norm, position, end)) is not None:
        whole = match.group("place")
        suffix = next(suffix for suffix in rules.place_suffixes if whole.endswith(suffix))
        name = whole[: -len(suffix)]
        # 部分乡镇, 集贸市场, 林区: the suffix, with the character after it, is a common word, not a place; unless
        # that character starts a word describing the place (清河区位于…: 区 then 位于, where 重点区位 is one word).
        describes = norm.startswith(rules.own_follows, match.end())
        compound = whole + ("" if describes else norm[match.end() : match.end() + 1])
        if (
            any(char in rules.place_not_contain for char in name)
            or any(word in name for word in rules.place_not_contain_words)
            or compound.endswith(rules.not_places)
        ):
            break
        if whole.endswith(rules.not_places) or whole in rules.level_of:  # 开发区; 自治区 is a level word
            break
        found = (whole, suffix, match.end())
        position = match.end()
    return found


def is_named(place: str, rules: MetadataRules) -> bool:
    return not any(char in rules.marks for char in place)


def skip_lead(norm: str, start: int, end: int, rules: MetadataRules) -> int:
    """Past a year (在2024年全县…) and a prefix (中共) at ``start``: where a title's host is named."""
    position = start
    while position < end:
        if norm[position] == " ":
            position += 1
        elif (year := rules.year.match(norm, position)) and year.end() <= end:
            position = year.end()
        elif prefix := next((p for p in rules.place_prefixes if norm.startswith(p, position)), None):
            position += len(prefix)
        else:
            break
    return position
