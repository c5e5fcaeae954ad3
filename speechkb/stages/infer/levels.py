"""The level of the meeting (国家, 省, 市, 县, 乡镇, 企业): its host in the title, the opening or the byline."""

from __future__ import annotations

from speechkb.model import LEVELS, Level, Origin
from speechkb.stages.infer.headings import Heading
from speechkb.stages.infer.level_words import Hit, level_hits
from speechkb.stages.infer.meetings import host_clauses
from speechkb.stages.infer.people import Person
from speechkb.stages.infer.rules import MetadataRules
from speechkb.stages.infer.text import SENTENCE_ENDS, Found, Text, quote_evidence, split_spans


def find_level(headings: list[Heading], people: Person | None, scan: list[Text], rules: MetadataRules) -> Found | None:
    """The meeting's own level: the title's host, the host an opening names, the byline, the opening's words.

    A level word the title relays (贯彻落实全省…会议精神) is not the meeting's; 全区 is a district unless the
    autonomous region hosts. Failing all, a speaker who relays meetings is one level below the lowest of them.
    """
    for heading in headings:
        norm = heading.line.norm
        start, end = heading.match.span("meeting") if heading.match else (heading.start, len(norm))
        if heading.match:
            start, end = start + heading.start, end + heading.start
        hits = level_hits(norm, start, end, rules, at_start=True)
        after = bool(heading.match and heading.match.groupdict().get("after"))
        if after and not (rules.relay and rules.relay.search(norm, start, end)):
            # 在全国安全生产电视电话会议后的讲话: the speech followed the meetings it names, so all are relayed.
            hits = [Hit(h.start, h.end, h.level, h.kind, True) for h in hits]
        if hit := next((h for h in hits if not h.relayed), None):
            return Found(hit.level, quote_evidence("level", Origin.TITLE, heading.line))
    for line, start, end in host_clauses(scan, rules):
        hits = level_hits(line.norm, start, end, rules, at_start=False)
        if hit := next((h for h in hits if not h.relayed and h.kind != "office"), None):
            return Found(hit.level, quote_evidence("level", Origin.TEXT, line, hit.start, hit.end))
    if people and people.level:
        return Found(people.level, quote_evidence("level", Origin.TEXT, people.line))
    return _counted_level(scan, rules) or _relayed_level(scan, rules)


def _counted_level(scan: list[Text], rules: MetadataRules) -> Found | None:
    """The level the opening speaks of as its own: 我县 counts two, 全县 one, relayed words nothing; a tie is none."""
    scores: dict[Level, int] = {}
    first: dict[Level, tuple[Text, Hit]] = {}
    for line in scan:
        for start, end in split_spans(line.norm, SENTENCE_ENDS):
            for hit in level_hits(line.norm, start, end, rules, at_start=False):
                if hit.relayed or hit.kind not in ("word", "own"):
                    continue
                scores[hit.level] = scores.get(hit.level, 0) + (2 if hit.kind == "own" else 1)
                first.setdefault(hit.level, (line, hit))
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    line, hit = first[ranked[0][0]]
    return Found(ranked[0][0], quote_evidence("level", Origin.TEXT, line, hit.start, hit.end))


def _relayed_level(scan: list[Text], rules: MetadataRules) -> Found | None:
    """One level below the lowest meeting the opening relays: 收听收看了全国、全省、全市…会议 is a county's."""
    chain = [level for level in LEVELS if level != "企业"]
    lowest: tuple[int, Text, Hit] | None = None
    for line in scan:
        for start, end in split_spans(line.norm, SENTENCE_ENDS):
            for hit in level_hits(line.norm, start, end, rules, at_start=False):
                if hit.relayed and hit.level in chain and hit.kind in ("word", "institution"):
                    rank = chain.index(hit.level)
                    if lowest is None or rank > lowest[0]:
                        lowest = (rank, line, hit)
    if lowest is None or lowest[0] + 1 >= len(chain):
        return None
    rank, line, hit = lowest
    return Found(chain[rank + 1], quote_evidence("level", Origin.TEXT, line, hit.start, hit.end))
