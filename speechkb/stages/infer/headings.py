"""The title and subtitles of a speech, each with the title pattern that reads its meeting (and speaker).

A title (``在全县2024年安全生产工作会议上的讲话``) or a subtitle under a slogan title
(``——在全县…会议上的讲话``) is the speech's own statement of its meeting, host and level, so the date, level,
place, meeting and speaker are each looked for in the headings first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from speechkb.stages.infer.rules import MetadataRules
from speechkb.stages.infer.text import Text

_DASHES = "—－-–~～ "


@dataclass(frozen=True)
class Heading:
    """The title, or a subtitle (``——在全县…会议上的讲话``), with what its form says."""

    line: Text
    start: int  # where the title proper starts (after a subtitle's dashes)
    match: re.Match[str] | None  # a title pattern's match on line.norm[start:]


def is_subtitle(norm: str) -> bool:
    return norm.lstrip().startswith(("—", "－", "--"))


def is_hosted(headings: list[Heading]) -> bool:
    """Whether the text is a host's words: a heading whose title pattern has the group 'host' (…会议主持词)."""
    return any(heading.match and heading.match.groupdict().get("host") for heading in headings)


def dashes_end(norm: str) -> int:
    """Where a subtitle's text starts, after its dashes (and spaces)."""
    return len(norm) - len(norm.lstrip(_DASHES))


def find_headings(titles: list[Text], fronts: list[Text], rules: MetadataRules) -> list[Heading]:
    """The title, then subtitles, each with the title pattern it has; a heading with a pattern comes first."""
    found: list[Heading] = []
    for line in [*titles, *(line for line in fronts if is_subtitle(line.norm))]:
        start = dashes_end(line.norm)
        text = line.norm[start:].rstrip()
        match = next((m for pattern in rules.titles if (m := pattern.match(text))), None)
        found.append(Heading(line, start, match))
    return sorted(found, key=lambda heading: heading.match is None)
