"""The URL MkDocs gives a page, known before MkDocs runs: for ``kb.json`` and the briefings.

``kb.json`` and a briefing's citations link to pages by URL, and both are written into ``docs/`` before
MkDocs reads it, so the URL cannot be asked of MkDocs' own ``File``. This module repeats MkDocs' rule
(``mkdocs.structure.files.File.url``, from ``File._get_dest_path``), which is not a documented API:
``a.md`` becomes ``a/`` with ``use_directory_urls`` (MkDocs' default) and ``a.html`` without; an
``index.md`` becomes its folder (``a/``) or ``a/index.html``. The root ``index.md`` is ``""`` here where
MkDocs says ``./``: URLs here are relative to the site root and are joined to it or to an anchor.
MkDocs also treats ``README.md`` as an index, which this does not: speechkb generates no page called
``README`` (slugs are lower case). ``tests/test_mkdocs_contract.py`` checks the rule against ``File``.
"""

from __future__ import annotations


def page_url(markdown_path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives the page ``markdown_path`` (``speeches/x.md`` → ``speeches/x/``), relative to the root."""
    stem = markdown_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"
