"""The meeting a speech was given at: the title's (在…会议上的讲话), else the one the opening says is held now.

The opening's clauses that hold the meeting (:func:`host_clauses`) also tell its host's level.
"""

from __future__ import annotations

from collections.abc import Iterator

from speechkb.model import Origin
from speechkb.stages.infer.headings import Heading
from speechkb.stages.infer.rules import MetadataRules
from speechkb.stages.infer.text import CLAUSE_ENDS, SENTENCE_ENDS, Found, Text, quote_evidence, split_spans


def find_meeting(headings: list[Heading], scan: list[Text], rules: MetadataRules) -> Found | None:
    """The meeting the title names (在…会议上的讲话), else the one an opening sentence says is held now."""
    for heading in headings:
        # A title of the 王某某在会上的讲话 form matches with no meeting named (an empty group): the opening may name it.
        if heading.match and heading.match.group("meeting"):
            start, end = (position + heading.start for position in heading.match.span("meeting"))
            return Found(heading.line.text[start:end], quote_evidence("meeting", Origin.TITLE, heading.line))
    for line, start, end in host_clauses(scan, rules):
        for pattern in rules.opening_meetings:
            if match := pattern.search(line.norm, start, end):
                left, right = match.span("meeting")
                return Found(line.text[left:right], quote_evidence("meeting", Origin.TEXT, line, left, right))
    return None


def host_clauses(scan: list[Text], rules: MetadataRules) -> Iterator[tuple[Text, int, int]]:
    """Clauses of the opening that hold the meeting being given: 召开 in a sentence that says it is now
    (今天，我们召开…) or that a date opens (2022年12月26日，县政府召开…)."""
    for line in scan:
        dated = rules.dates.match(line.norm.lstrip(" （")) is not None
        for sentence_start, sentence_end in split_spans(line.norm, SENTENCE_ENDS):
            sentence = line.norm[sentence_start:sentence_end]
            if not any(verb in sentence for verb in rules.host_verbs):
                continue
            if not (dated and sentence_start == 0) and not any(word in sentence for word in rules.now_words):
                continue
            for start, end in split_spans(sentence, CLAUSE_ENDS):
                if any(verb in sentence[start:end] for verb in rules.host_verbs):
                    yield line, sentence_start + start, sentence_start + end
