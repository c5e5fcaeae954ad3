"""Who published the text: the source (来源) a web page names on a line of its own, copied with the speech.

A select-all copy of a portal page keeps the page's 来源：清岚县应急管理局　　发布时间：…　　浏览次数：128 line;
the parse sets it apart as the page's (chrome), and only such lines are read here: a speech that says
``来源：…`` in a sentence of its own names no publisher. The evidence is the page's, like a saved page's
ContentSource, with the line it stands on.
"""

from __future__ import annotations

from collections.abc import Sequence

from speechkb.model import Evidence, Origin
from speechkb.stages.infer.rules import MetadataRules
from speechkb.stages.infer.text import Found, Text
from speechkb.stages.normalize import without_markdown_marks


def find_publisher(page: Sequence[Text], rules: MetadataRules) -> Found | None:
    """The first source the page's lines name that names someone (not 本站, 网络)."""
    for line in page:
        # A line copied from a page's Markdown source (*本文来源：…*) names its source inside the marks.
        for match in rules.publisher.finditer(without_markdown_marks(line.norm)):
            if match.group("publisher") in rules.not_publishers:
                continue
            start, end = match.span("publisher")
            return Found(
                line.text[start:end], Evidence("publisher", Origin.PAGE, line.number, line.text[match.start() : end])
            )
    return None
