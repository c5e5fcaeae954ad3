"""Links to Markdown files inside raw HTML, resolved as MkDocs resolves Markdown links.

Templates write the parts of a page with the most links as raw HTML (a speech's paragraphs with their term
links, a sector's or term's passages and older speeches): Python-Markdown and MkDocs spend about a tenth of
a millisecond on each Markdown link, and such a page has dozens to hundreds. MkDocs leaves raw HTML as it
is, so that HTML links to a page by its Markdown path, as a Markdown link would (``../speeches/slug.md``),
and this module turns each into the page's URL in the site's URL style, warning like MkDocs when the target
is not there. A link's anchor is handed to MkDocs' own anchor check, so a paragraph that moved away is
reported as it would be from a Markdown link.

What of MkDocs it touches: ``Files.get_file_from_path`` and ``File.url_relative_to`` (the URL a Markdown
link gets), the level ``validation.links.not_found`` sets for a missing target, and ``Page.links_to_anchors``,
the mapping ``{linked File: {anchor: link as written}}`` that ``Page.render`` fills (and leaves ``None``
when MkDocs logs at DEBUG) and ``Page.validate_anchor_links`` checks against the linked page's
``present_anchor_ids`` once every page is converted: adding a link to it is how a raw-HTML link gets the same
check. It logs as ``mkdocs.plugins.speechkb-pages``, under the ``mkdocs`` logger, so that ``--strict``
counts its warnings. The page cache (:mod:`speechkb.mkdocs.pages_plugin`) calls it on each page it converts.
"""

from __future__ import annotations

import logging
import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# A relative link to a Markdown file, with an optional query (the speech list narrowed: ?sector=…&amp;year=…)
# and anchor; MkDocs has already rewritten every Markdown link it resolved, so what is left comes from raw HTML
# (or did not resolve, and MkDocs said so).
_MARKDOWN_HREF = re.compile(r'href="([^":?#]+\.md)(\?[^"#]*)?(#[^"]*)?"')
log = logging.getLogger("mkdocs.plugins.speechkb-pages")


def resolve_markdown_links(html: str, page: Page, files: Files, config: MkDocsConfig) -> str:
    """``html`` with each ``href="….md"`` that names a documentation file replaced by that page's URL (its
    query and anchor kept).

    Links with an anchor are added to ``page.links_to_anchors`` when MkDocs collects them (it does
    unless ``validation.anchors`` is below INFO), for MkDocs to check once every page is converted.
    """
    folder = posixpath.dirname(page.file.src_uri)

    def url(link: re.Match[str]) -> str:
        path, query, anchor = link.group(1), link.group(2) or "", link.group(3) or ""
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(folder, path)))
        if target is None:
            log.log(
                config.validation.links.not_found,
                f"Doc file '{page.file.src_uri}' contains a link '{path}' in raw HTML, "
                "but the target is not found among documentation files.",
            )
            return link.group(0)
        if len(anchor) > 1 and page.links_to_anchors is not None:
            page.links_to_anchors.setdefault(target, {}).setdefault(anchor[1:], path + anchor)
        return f'href="{target.url_relative_to(page.file)}{query}{anchor}"'

    return _MARKDOWN_HREF.sub(url, html)
