"""The one place where speech text becomes Markdown source.

Speech text is data, never markup: a ``**月**日`` left by a redaction must not
become bold, a ``<script>`` pasted from a web page must not run, and ``{{ }}``
or ``--8<--`` must not reach a template engine or the snippets extension.
Every ASCII character that means something to Markdown, its extensions or
HTML is therefore written as a numeric character reference: Python-Markdown
passes references through untouched and the browser shows the character.
Full-width punctuation, which Chinese text is made of, means nothing to
Markdown and is left as it is. Numeric references mean the same in HTML, so the
same text is safe inside the raw HTML blocks that templates write for speed (a
speech's paragraphs, a sector's passages), which Python-Markdown leaves as they
are. Front matter is not Markdown but goes into the theme's HTML unescaped, so
:func:`yaml_string` HTML-escapes it.

Redaction marks (``*``, ``×``, ``X``, ``_`` standing for withheld names,
numbers and dates) are kept literally and wrapped in a span so that the site
can show them as redactions. What a mark means (原文此处已隐去, on hover) is
written once for the site, by ``docs/assets/titles.js``: on every mark, it
was a fortieth of a speech page. Word's bold kept as ``**`` around a whole
heading or line (``**一、压实安全生产责任**``, ``**（二）强化隐患排查。**``)
hides nothing: its marks are shown as written, never as redactions.
"""

from __future__ import annotations

import html
import json
import re

# ASCII punctuation with a meaning somewhere in Markdown, its extensions, HTML or Jinja; and the tab,
# which starts a code block.
_SPECIAL = set("\\`*_{}[]<>()#+-.!|~^=:$&\"'\t")
_REFERENCES = {ord(char): f"&#{ord(char)};" for char in _SPECIAL}
# A space at the start (four make a code block) or at the end (two make a line break) of a text.
_EDGE_SPACE = re.compile(r"^ | $")
_REDACTION = re.compile(
    r"\*+"  # 某某 written as asterisks
    r"|_+"  # 20_年: a withheld digit
    r"|(?<![0-9０-９])×+|×+(?![0-9０-９])"  # × not between digits (3×4 is a product)
    r"|(?<![A-Za-z])X+(?![A-Za-z])"  # X standing alone, not inside an ASCII word
)


def escape(text: str) -> str:
    """Markdown source that renders as exactly ``text``."""
    return _EDGE_SPACE.sub("&#32;", _literal(text))


# Bold wrapping the whole of a heading or a line, as a Word or web copy keeps it: words with no mark in them, the
# marks touching them. A redaction stands for some of a text's words (**月**日, ***同志), never around all of them.
_BOLD = re.compile(r"\*\*(?=[^*\s])[^*]*(?<=[^*\s])\*\*")


def escape_speech(text: str) -> str:
    """Like :func:`escape`, for the words of a speech: redaction marks are styled too, bold marks around the whole
    text are not."""
    if _BOLD.fullmatch(text.strip()):
        return escape(text)
    parts: list[str] = []
    position = 0
    for match in _REDACTION.finditer(text):
        parts.append(_literal(text[position : match.start()]))
        parts.append(f'<span class="redaction">{_literal(match.group())}</span>')
        position = match.end()
    parts.append(_literal(text[position:]))
    return _EDGE_SPACE.sub("&#32;", "".join(parts))


def yaml_string(text: str) -> str:
    """A front-matter value: HTML-escaped, then a double-quoted YAML scalar (JSON is YAML).

    MkDocs themes insert ``page.meta`` values into HTML as they are (Material's
    ``<title>``, header and ``<meta name="description">``), so a title read from
    a speech must already be HTML text; readable Chinese is left as it is.
    """
    return json.dumps(html.escape(text), ensure_ascii=False)


def _literal(text: str) -> str:
    return text.replace("\n", " ").translate(_REFERENCES)
