"""What the theme repeats on every built page, written shorter; the page's own content left as it is.

Material's templates indent every line and leave blank lines where their conditions wrote nothing: about
5 KB of a page's 45, the same on every one of an archive's pages. Only the whitespace at the start of a
line goes (a line break stays, so the text reads and wraps the same); the ``<article>``, which holds what
the page says, is never touched, nor a page whose frame has preformatted text (``<pre>``, ``<textarea>``),
where whitespace is content.

Material also writes its configuration into every page as JSON (``<script id="__config">``) with every
Chinese character of its translations escaped as ``\\uXXXX``, six bytes for three: the same JSON with the
characters as they are is a kilobyte lighter, and Material's script reads the same values from it.
"""

from __future__ import annotations

import json
import re

_INDENTATION = re.compile(r"\n\s+")
_PREFORMATTED = re.compile(r"<(?:pre|textarea)\b", re.IGNORECASE)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def without_indentation(html: str) -> str:
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return html if _PREFORMATTED.search(html) else _INDENTATION.sub("\n", html)
    before, content, after = html[:start], html[start:end], html[end:]
    if _PREFORMATTED.search(before) or _PREFORMATTED.search(after):
        return html
    return _INDENTATION.sub("\n", before) + content + _INDENTATION.sub("\n", after)


def with_plain_config(html: str) -> str:
    """The page with Material's configuration as compact JSON, its characters unescaped (after the article,
    where Material writes it: an article's own text is never read as the configuration)."""
    start = max(html.rfind("</article>"), 0)
    return html[:start] + _CONFIG.sub(_plain_json, html[start:], count=1)


def _plain_json(match: re.Match[str]) -> str:
    value = json.loads(match.group(2))
    # "<" is only ever inside a string, where \u003c means the same, and it could otherwise end the script.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return match.group(1) + text + match.group(3)
