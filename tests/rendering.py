"""The site-wide rendering check: Markdown, attribute lists or template syntax that reached the reader as text.

The other tests check that text is on a page; this checks how the page reads. A template that loses a blank
line turns a table into a paragraph of pipes, a list into one run-on line, an attribute list into literal
``{: .class }``: every word is still there, and the page is broken. So every generated HTML page of a
built site is read as a reader sees it (the text of each block: paragraph, list item, cell, heading) and
searched for what Markdown, MkDocs' extensions or Jinja would have turned into something else.

What a speech says is left out: a speech may contain any of these (``# 不是标题``, ``| 列1 |``,
``{{ 7*7 }}`` in tests/bad_inputs/) and must show them as written. Speech text sits in known elements
(the paragraphs of a speech page, ``p[data-line]``, its notes among them; its section headings; the
excerpts on sector and term pages, ``.kb-excerpt``; the quotations of a briefing) or inline in template
text (a title in a list, a place in a table, a heading in a citation), where it is masked by its exact
string before the search.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from speechkb.model import Knowledge, Paragraph, Speech

# Each kind of leaked syntax, as it reads once MkDocs has rendered the page.
LEAKS: dict[str, re.Pattern[str]] = {
    "table row": re.compile(r"\|\s*:?-{3,}:?\s*\||^\s*\|.*\|\s*$", re.MULTILINE),
    # A list item run into the line before (`县级- 在全市…`) or a marker left at the start of a paragraph's line.
    # (After a letter: a marker after a marker or a pipe is a table's or emphasis's, found as such.)
    "list marker": re.compile(r"[^\s\-*+|<][-*+][ \t]+\S|^[ \t]*(?:[-*+]|\d+\.)[ \t]+\S", re.MULTILINE),
    "attribute list": re.compile(r"\{:[^}]*\}|\{\s*[#.][\w-][^}]*\}"),
    "Markdown link": re.compile(r"\[[^\]\n]*\]\([^)\n]*\)"),
    "heading hashes": re.compile(r"^[ \t]*#{1,6}[ \t]", re.MULTILINE),
    "emphasis markers": re.compile(r"\*\*\S|\S\*\*|__\S"),
    "template syntax": re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"),
    "snippet marker": re.compile(r"--8<--"),
    "HTML tag": re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>"),
}

# Elements whose text is read as one block; inline elements inside them belong to their text.
BLOCKS = frozenset(
    [
        "p",
        "li",
        "td",
        "th",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "caption",
        "figcaption",
        "summary",
        "blockquote",
        "div",
        "section",
        "details",
        "ul",
        "ol",
    ]
)
# Speech text by structure: a speech page's paragraphs (notes too), the excerpts on sector and term pages;
# and what is meant literally (code) or is the theme's own (permalinks).
SPEECH_ELEMENTS = "//p[@data-line] | //*[contains(concat(' ', @class, ' '), ' kb-excerpt ')]"
LITERAL_ELEMENTS = "//code | //pre | //kbd | //script | //style | //a[@class='headerlink']"
SECTION_ANCHOR = re.compile(r"^s\d+(?:-t?\d+)*$")  # #s2-3, #s3-2-t4: the headings of a speech's own sections
MASK = "□"


@dataclass(frozen=True)
class Leak:
    page: str
    kind: str
    text: str  # the block's text around the leak, as a reader sees it

    def __str__(self) -> str:
        return f"{self.page}: {self.kind}: {self.text!r}"


@dataclass(frozen=True)
class SpeechText:
    """What the speeches of a build say, as the pages show it: whole blocks, and strings inside template text."""

    blocks: frozenset[str]
    inline: re.Pattern[str] | None

    @classmethod
    def of(cls, speeches: Iterable[Speech], knowledge: Knowledge | None = None) -> SpeechText:
        blocks: set[str] = set()
        inline: set[str] = set()
        for speech in speeches:
            blocks.update(_flat(paragraph.text) for paragraph in _all_paragraphs(speech))
            metadata = speech.metadata
            inline.update(
                value
                for value in (speech.title, speech.description, metadata.place, metadata.meeting, metadata.speaker)
                if value
            )
            for section in speech.sections():
                # A citation or a "where" line puts its own punctuation after a heading (speechkb.outputs.briefing._clause).
                inline.update({section.heading, section.heading.rstrip("。；：，.;:,")})
        if knowledge:
            for candidate in knowledge.candidates():
                inline.add(candidate.name)
                inline.update(definition.text for _, definition in candidate.definitions)
            for tagged in knowledge.speeches:
                inline.update(
                    text for definition in tagged.tags.definitions for text in (definition.name, definition.text)
                )
        strings = sorted({_flat(text) for text in inline if text.strip()}, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, strings))) if strings else None
        return cls(frozenset(blocks), pattern)

    def masked(self, text: str) -> str:
        flat = _flat(text)
        if flat in self.blocks:
            return ""
        return self.inline.sub(MASK, flat) if self.inline else flat


def _all_paragraphs(speech: Speech) -> list[Paragraph]:
    return [*speech.paragraphs(), *speech.notes]


def _flat(text: str) -> str:
    """Text with runs of spaces as one and no space at the ends of its lines, as HTML shows it."""
    return "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.strip().split("\n"))


def leaks(site: Path, speech_text: SpeechText) -> list[Leak]:
    """Every leak on every HTML page of ``site`` (its theme's own assets aside)."""
    found: list[Leak] = []
    for page in sorted(site.rglob("*.html")):
        if "assets" in page.relative_to(site).parts:
            continue
        found.extend(page_leaks(page.read_text(encoding="utf-8"), str(page.relative_to(site)), speech_text))
    return found


def page_leaks(html: str, name: str, speech_text: SpeechText) -> list[Leak]:
    """The leaks in the main content of one page."""
    root = lxml.html.fromstring(html)
    found: list[Leak] = []
    for content in root.xpath("//article") or [root]:
        for element in content.xpath(f"{SPEECH_ELEMENTS} | {LITERAL_ELEMENTS}"):
            element.drop_tree()  # the tail, template text after it, stays
        for heading in content.xpath(".//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6][@id]"):
            if SECTION_ANCHOR.match(heading.get("id")):
                heading.drop_tree()
        for block in content.iter(*BLOCKS):
            text = speech_text.masked(_own_text(block))
            for kind, pattern in LEAKS.items():
                found.extend(Leak(name, kind, _around(text, match)) for match in pattern.finditer(text))
    return found


def _own_text(block: lxml.html.HtmlElement) -> str:
    """The text of ``block`` without that of the blocks inside it (read on their own); ``<br>`` as a line break."""
    return "".join(_pieces(block))


def _pieces(element: lxml.html.HtmlElement) -> Iterator[str]:
    yield element.text or ""
    for child in element:
        if not isinstance(child.tag, str):  # a comment: not shown
            pass
        elif child.tag in BLOCKS or child.tag == "br":
            yield "\n"
        else:
            yield from _pieces(child)
        yield child.tail or ""


def _around(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 20) : match.end() + 20]
