"""The theme's indentation taken out of a built page, the page's own content left as it is.

Material's templates indent every line and leave blank lines where their conditions wrote nothing: about
5 KB of a page's 45, the same on every one of an archive's pages. Only the whitespace at the start of a
line goes (a line break stays, so the text reads and wraps the same); the ``<article>``, which holds what
the page says, is never touched, nor a page whose frame has preformatted text (``<pre>``, ``<textarea>``),
where whitespace is content.
"""

from __future__ import annotations

import re

_INDENTATION = re.compile(r"\n\s+")
_PREFORMATTED = re.compile(r"<(?:pre|textarea)\b", re.IGNORECASE)


def without_indentation(html: str) -> str:
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return html if _PREFORMATTED.search(html) else _INDENTATION.sub("\n", html)
    before, content, after = html[:start], html[start:end], html[end:]
    if _PREFORMATTED.search(before) or _PREFORMATTED.search(after):
        return html
    return _INDENTATION.sub("\n", before) + content + _INDENTATION.sub("\n", after)
