"""A line as the rules read it, and the evidence quoted from it.

Matching runs on a copy of each line (:class:`Text`): :func:`speechkb.stages.normalize.simplified` with punctuation
folded (:func:`fold`). Both keep the length of the original, so offsets found in the copy cut the evidence out
of the text as written (:func:`quote_evidence`), by the sentence or clause around the match.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from speechkb.model import Evidence, Line, Origin
from speechkb.stages.normalize import simplified

_EVIDENCE_MAX = 60  # a longer line is quoted by the clause (or window) around the match
SENTENCE_ENDS = "。；！？"
CLAUSE_ENDS = "，。；：！？"

# ASCII punctuation as the full-width forms the rules are written with, and full-width digits and letters as
# ASCII: every mapping is one character to one, so offsets stay those of the original.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "－": "-",
        "．": ".",
        "／": "/",
        "＊": "*",
        "＿": "_",
        "(": "（",
        ")": "）",
        ",": "，",
        ":": "：",
        ";": "；",
        "!": "！",
        "?": "？",
        "\u3000": " ",
        "\t": " ",
    }
)


def fold(text: str) -> str:
    return simplified(text).translate(_FOLD)


@dataclass(frozen=True)
class Text:
    """A line as written and its matching copy (simplified, folded: the same length)."""

    number: int
    text: str
    norm: str

    @classmethod
    def of(cls, line: Line) -> Text:
        return cls(line.number, line.text, fold(line.text))


@dataclass(frozen=True)
class Found:
    """A value and where it was read. ``value`` None means the text hides it (a redacted year): stop looking."""

    value: str | None
    evidence: Evidence | None


def quote_evidence(field: str, origin: Origin, line: Text, start: int = 0, end: int | None = None) -> Evidence:
    """Evidence quoting ``line``: the whole line when short (a title always), else the clause around the match."""
    if origin is Origin.TITLE or len(line.text) <= _EVIDENCE_MAX:
        return Evidence(field, origin, line.number, line.text)
    end = start if end is None else end
    for ends in (SENTENCE_ENDS, CLAUSE_ENDS):
        left, right = span_around(line.norm, start, end, ends)
        if right - left <= _EVIDENCE_MAX:
            return Evidence(field, origin, line.number, line.text[left:right].strip())
    middle = (start + end) // 2
    left = max(0, min(middle - _EVIDENCE_MAX // 2, len(line.text) - _EVIDENCE_MAX))
    return Evidence(field, origin, line.number, line.text[left : left + _EVIDENCE_MAX].strip())


def span_around(norm: str, start: int, end: int, ends: str) -> tuple[int, int]:
    """The span of the sentence or clause around ``start:end``, its closing punctuation included."""
    left = max(norm.rfind(char, 0, start) for char in ends) + 1
    right = min((i for char in ends if (i := norm.find(char, end)) >= 0), default=len(norm) - 1)
    return left, right + 1


def split_spans(norm: str, ends: str) -> Iterator[tuple[int, int]]:
    """The sentences or clauses of ``norm``, as (start, end)."""
    start = 0
    for index, char in enumerate(norm):
        if char in ends:
            yield start, index + 1
            start = index + 1
    if start < len(norm):
        yield start, len(norm)
