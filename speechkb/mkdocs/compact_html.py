"""What the theme repeats on every built page, written shorter; the page's own content left as it is.

Material's templates indent every line and leave blank lines where their conditions wrote nothing: about
5 KB of a page's 45, the same on every one of an archive's pages. The whitespace at the start of a line goes,
and a line break between two tags (``</li>`` / ``<li>``: 300 bytes a page, 3 MB of 10,000 speeches' site),
where the frame's boxes are laid out by the style sheet, not by the spaces between them; a line break beside
text stays, so the text reads and wraps the same. Of the ``<article>``, which holds what the page says, only
the blank lines the template leaves between its tag and the first and last of its content go (90 bytes a
page); the content is never touched, nor a page whose frame has preformatted text (``<pre>``,
``<textarea>``), where whitespace is content.

Material also writes its configuration into every page as JSON (``<script id="__config">``) with every
Chinese character of its translations escaped as ``\\uXXXX``, six bytes for three: the same JSON with the
characters as they are is a kilobyte lighter, and Material's script reads the same values from it.

And it writes the icons of its frame (logo, menu, search, palette, back to top) inline, as ``<svg>``, on
every page: 2.8 KB of each. A style sheet (``docs/assets/icons.css``) holds their drawings once for the site;
an icon of a page's frame drawn the same there is left as an empty ``<svg>`` of its class, in its place, which
the sheet paints. An icon the sheet does not hold stays as the theme wrote it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_INDENTATION = re.compile(r"\n\s+")
_BETWEEN_TAGS = re.compile(r">\n<")
_ARTICLE_START = re.compile(r"<article\b[^>]*>\s+")
_PREFORMATTED = re.compile(r"<(?:pre|textarea)\b", re.IGNORECASE)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
ICONS = "assets/icons.css"  # under docs/: the style sheet that draws the theme's icons (mkdocs.yml extra_css)
# An icon's rule in that sheet: its name, and its drawing exactly as the theme writes it inline.
_ICON_RULE = re.compile(
    r"svg\.kb-icon-([\w-]+) \{\s*--kb-icon: url\('data:image/svg\+xml;charset=utf-8,(<svg .*?</svg>)'\);"
)
_VIEW_BOX = re.compile(r' viewBox="[^"]*"')


def without_indentation(html: str) -> str:
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return html if _PREFORMATTED.search(html) else _frame(html)
    before, content, after = html[:start], html[start:end], html[end:]
    if _PREFORMATTED.search(before) or _PREFORMATTED.search(after):
        return html
    if opening := _ARTICLE_START.match(content):
        content = content[: opening.end()].rstrip() + content[opening.end() :]
    return _frame(before) + content.rstrip() + _frame(after)


def _frame(html: str) -> str:
    return _BETWEEN_TAGS.sub("><", _INDENTATION.sub("\n", html))


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


@dataclass(frozen=True)
class DrawnIcons:
    """The icons a style sheet draws: each as the theme writes it inline, and the empty ``<svg>`` standing for it."""

    stand_ins: dict[str, str]
    pattern: re.Pattern[str] | None  # any of the inline icons


def drawn_icons(stylesheet: str) -> DrawnIcons:
    """The icons ``stylesheet`` (the text of ``docs/assets/icons.css``) draws."""
    stand_ins: dict[str, str] = {}
    for name, svg in _ICON_RULE.findall(stylesheet):
        # The view box stays: the logo's width is the height times its aspect ratio.
        view_box = view.group() if (view := _VIEW_BOX.search(svg)) else ""
        stand_ins[svg] = f'<svg class="kb-icon kb-icon-{name}"{view_box}></svg>'
    pattern = re.compile("|".join(map(re.escape, stand_ins))) if stand_ins else None
    return DrawnIcons(stand_ins, pattern)


def with_drawn_icons(html: str, icons: DrawnIcons) -> str:
    """The page with each icon of its frame that ``icons`` holds left to the style sheet (the article, which
    holds what the page says, charts included, is never touched)."""
    if icons.pattern is None:
        return html
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        start = end = len(html)
    pattern, stand_ins = icons.pattern, icons.stand_ins
    before, content, after = html[:start], html[start:end], html[end:]
    return "".join(
        (
            pattern.sub(lambda match: stand_ins[match.group()], before),
            content,
            pattern.sub(lambda match: stand_ins[match.group()], after),
        )
    )
