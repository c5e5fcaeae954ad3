"""Level words in a stretch of text (全县, 我县, 县委, 县长), and whether each is the speaker's or relayed.

A level word inside a relay (贯彻落实全省…会议精神) names another meeting, not the one being given, so each
hit records whether it is relayed; the readers of the level and of the byline decide what to make of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from speechkb.model import Level
from speechkb.stages.infer.place_names import place_at, skip_lead
from speechkb.stages.infer.rules import MetadataRules
from speechkb.stages.infer.text import CLAUSE_ENDS


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    level: Level
    kind: str
    relayed: bool


def level_hits(norm: str, start: int, end: int, rules: MetadataRules, *, at_start: bool) -> list[Hit]:
    """Level words in ``norm[start:end]`` in order; ``at_start`` also reads a place or bare 县 opening a title."""
    relayed = _relayed_spans(norm, start, end, rules)
    region_host = rules.region_marker is not None and any(
        not _inside(position, relayed) for position in _occurrences(norm, rules.region_marker, start, end)
    )
    hits: list[Hit] = []
    if at_start:
        lead = skip_lead(norm, start, end, rules)
        place = place_at(norm, lead, end, rules)
        if place:
            _, suffix, place_end = place
            hits.append(Hit(lead, place_end, rules.place_level[suffix], "place", _inside(lead, relayed)))
        elif lead < end and norm[lead] in rules.bare:
            following = norm[lead + 1 : lead + 2]
            if not following or following not in rules.not_followed_by:
                hits.append(Hit(lead, lead + 1, rules.bare[norm[lead]], "bare", _inside(lead, relayed)))
    for match in rules.level_words.finditer(norm, start, end):
        word = rules.level_of[match.group()]
        level = word.level
        if match.group() in rules.region_words and region_host and rules.region_level:
            level = rules.region_level
        if hits and match.start() < hits[0].end and hits[0].kind in ("place", "bare"):
            continue  # inside the place that opens the title
        hits.append(Hit(match.start(), match.end(), level, word.kind, _inside(match.start(), relayed)))
    return sorted(hits, key=lambda hit: hit.start)


def _occurrences(norm: str, word: str, start: int, end: int) -> Iterator[int]:
    position = norm.find(word, start, end)
    while position >= 0:
        yield position
        position = norm.find(word, position + 1, end)


def _relayed_spans(norm: str, start: int, end: int, rules: MetadataRules) -> list[tuple[int, int]]:
    """Stretches that relay another meeting: from a relay marker to the next relay end or the end of the clause."""
    if rules.relay is None:
        return []
    spans: list[tuple[int, int]] = []
    for marker in rules.relay.finditer(norm, start, end):
        clause_end = min((i for char in CLAUSE_ENDS if (i := norm.find(char, marker.end(), end)) >= 0), default=end)
        closing = rules.relay_end.search(norm, marker.end(), clause_end) if rules.relay_end else None
        spans.append((marker.start(), closing.end() if closing else clause_end))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(left <= position < right for left, right in spans)
