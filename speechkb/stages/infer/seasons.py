"""The season of a speech, from what lies ahead of the meeting: 春节, 汛期, 清明, 秋冬季.

Unlike the other fields, the cues are counted over the whole text, with one compiled alternation of every
cue word (and the few cue patterns), so that a long speech stays cheap to read.
"""

from __future__ import annotations

from collections.abc import Sequence

from speechkb.model import Line, Origin, Season
from speechkb.stages.infer.rules import Cue, MetadataRules
from speechkb.stages.infer.text import Found, Text, quote_evidence


def find_season(
    titles: list[Text], fronts: list[Text], scan: list[Text], rest: Sequence[Line], rules: MetadataRules
) -> Found | None:
    """The season the cues point to, by weight: what is ahead of the meeting counts more, past examples not at all.

    A season needs ``min_score`` and more than ``dominance`` times the runner-up; otherwise it is unclear.
    """
    if rules.cue_words is None and not rules.cue_patterns:
        return None
    settings = rules.season
    scores: dict[Season, int] = {}
    best: dict[Season, tuple[int, Text, int, int, bool]] = {}
    lines = [(line, True) for line in titles] + [(line, False) for line in (*fronts, *scan)]
    lines += [(Text.of(line), False) for line in rest]
    for line, in_title in lines:
        norm = line.norm
        for start, end, cue in _cues(norm, rules):
            before = norm[max(0, start - settings.window) : start]
            after = norm[end : end + settings.window]
            if any(word in before for word in settings.past_before):
                continue  # 去年春节期间: an example from the past
            ahead = in_title or any(word in before for word in settings.ahead_before)
            ahead = ahead or after.lstrip("”’\"'").startswith(tuple(settings.ahead_after))
            score = cue.weight + (settings.ahead_bonus if ahead else 0)
            scores[cue.season] = scores.get(cue.season, 0) + score
            if cue.season not in best or score > best[cue.season][0]:
                best[cue.season] = (score, line, start, end, in_title)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < settings.min_score:
        return None
    if len(ranked) > 1 and ranked[0][1] <= ranked[1][1] * settings.dominance:
        return None
    season = ranked[0][0]
    _, line, start, end, in_title = best[season]
    return Found(season, quote_evidence("season", Origin.TITLE if in_title else Origin.TEXT, line, start, end))


def _cues(norm: str, rules: MetadataRules) -> list[tuple[int, int, Cue]]:
    """The season cues of ``norm`` in order; where two overlap, the longer (汛期已经结束 over 汛期, 春节后 over 春节)."""
    found = (
        [(m.start(), m.end(), rules.cue_of[m.group()]) for m in rules.cue_words.finditer(norm)]
        if rules.cue_words
        else []
    )
    found += [
        (m.start(), m.end(), cue)
        for pattern, cue in rules.cue_patterns
        for m in pattern.finditer(norm)
        if m.end() > m.start()
    ]
    kept: list[tuple[int, int, Cue]] = []
    for start, end, cue in sorted(found, key=lambda item: (item[0], item[0] - item[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, cue))
    return kept
