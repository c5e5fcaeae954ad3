"""Pages not put through the theme again when nothing they show changed: a cache of each page's HTML.

Once its Markdown is converted (or taken from the page cache, :mod:`speechkb.mkdocs.pages_plugin`), each
page still goes through Material's template, about 2 ms a page: at 10,000 speeches, 20 s of every
rebuild, for pages of which one changed. The HTML the template made is kept in
``.speechkb-cache/outputs/`` under a hash of everything a template reads for a page that is not in the
navigation (every speech, sector and term page): the site's configuration (every setting but the output
folder, with each plugin's settings and the theme's), the bytes of every template in the theme's
folders, the versions of MkDocs, Material and Jinja, the whole navigation (every page shows it), and the
page's own path, address, title, front matter, table of contents and converted content. Pages in the
navigation are always rendered: their neighbours and the navigation's active item differ per page.

The stored HTML is the template's as speechkb-pages writes it, made shorter (:mod:`speechkb.mkdocs.compact_html`,
in its ``on_post_page``, the first to run), so that a page whose HTML is stored is not made shorter again
(a quarter of a millisecond a page); so the key also covers the code of :mod:`~speechkb.mkdocs.compact_html`
and the icons the style sheet draws. Other plugins' ``on_post_page`` run on every page as usual. MkDocs
chooses a page's template by its ``template`` front matter before the ``on_page_context`` event; a page whose
HTML is stored is given :data:`STORED_TEMPLATE`, which writes it as it is.

A build into a folder of its own (:func:`speechkb.mkdocs.build.render_site`'s staging folder) does not even
write such a page: when the site it replaces has the page's file as the same key made it, the file is
hard-linked from there (:class:`WrittenPages`), which spares reading the stored HTML and writing 40 KB a
page (at 10,000 speeches, 400 MB a rebuild). The site a build replaces is the one left if the build fails,
and a link shares its file: so nothing is ever written into a linked file (MkDocs writes each page once, and
is handed nothing to write for a linked one), and pages are linked only where no other plugin changes a
page's HTML in ``on_post_page``. Each build records which key made each page's file of the site it
built, with the file's device, inode, size and modification time: a file is taken for the one recorded
only while all four are the same, so a file edited or replaced since (by hand, or by a build that stopped
before its site replaced the previous one) is written anew.

What of MkDocs it touches: ``env.loader``, wrapped so that :data:`STORED_TEMPLATE` is found; that
``_build_page`` reads ``page.meta["template"]``, and writes no file for a page whose HTML after ``on_post_page``
is blank (it logs that at INFO, which speechkb does not show); ``config.plugins.events["post_page"]`` (see
:mod:`speechkb.mkdocs.search_plugin`); ``File.dest_uri`` and ``abs_dest_path``; the configuration as a mapping, ``config.plugins`` (name →
plugin with its ``config``), ``config.theme`` (a mapping, and ``dirs``), ``Navigation.items`` and
``Navigation.pages``, and the page attributes named above.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

import jinja2
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from speechkb.machinery.cache import CACHE_DIR, ResultCache
from speechkb.machinery.written_files import WrittenFiles
from speechkb.mkdocs import compact_html
from speechkb.mkdocs.compact_html import DrawnIcons

OUTPUTS_DIR = "outputs"
WRITTEN_DIR = "written"  # what made each page of a site (WrittenPages)
STORED_TEMPLATE = "speechkb-stored-page.html"
_RENDERERS = ("mkdocs", "mkdocs-material", "jinja2")
_CODE = Path(__file__).read_bytes() + Path(compact_html.__file__).read_bytes()
_NOT_SHOWN = frozenset({"site_dir", "config_file_path"})  # where the site is written, not what it shows


def stored_template_loader(loader: jinja2.BaseLoader | None) -> jinja2.BaseLoader:
    """The theme's templates, and :data:`STORED_TEMPLATE`, which writes a page's stored HTML."""
    # A page whose stored HTML could not be read (None) is rendered with the theme's main.html, which an
    # include renders with the same context.
    stored = jinja2.DictLoader(
        {
            STORED_TEMPLATE: "{% if page.stored_output is not none %}{{ page.stored_output }}"
            '{% else %}{% include "main.html" %}{% endif %}'
        }
    )
    return jinja2.ChoiceLoader([stored, *([loader] if loader else [])])


class OutputCache(ResultCache[str]):
    """The theme's HTML of pages not in the navigation, in ``.speechkb-cache/outputs/``."""

    def __init__(self, project: Path, config: MkDocsConfig, nav: Navigation, icons: DrawnIcons) -> None:
        super().__init__(project / CACHE_DIR / OUTPUTS_DIR, (str,))
        fingerprint = hashlib.sha256(_CODE)
        fingerprint.update(_json(icons.stand_ins).encode() + b"\0")
        settings = {name: value for name, value in config.items() if name not in _NOT_SHOWN}
        plugins = {name: _plugin(plugin) for name, plugin in config.plugins.items()}
        for part in (settings, plugins, dict(config.theme), [str(folder) for folder in config.theme.dirs]):
            fingerprint.update(_json(part).encode() + b"\0")
        for folder in map(Path, config.theme.dirs):
            for template in sorted(folder.rglob("*.html")):
                fingerprint.update(f"{template.relative_to(folder)}\0".encode() + template.read_bytes() + b"\0")
        fingerprint.update("".join(f"{name} {version(name)}\0" for name in _RENDERERS).encode())
        fingerprint.update(_json(_outline(nav.items)).encode())
        self._fingerprint = fingerprint.digest()
        self._in_nav = {id(page) for page in nav.pages}
        self.used: set[str] = set()
        self.hits = 0
        self.linked = 0  # of the hits, pages linked from the previous site rather than written
        self.rendered = 0

    def key(self, page: Page) -> str | None:
        """The page's key, or None for a page in the navigation, which is always rendered."""
        if id(page) in self._in_nav:
            return None
        shown = [page.file.src_uri, page.url, page.title, page.meta, page.canonical_url, page.edit_url]
        digest = hashlib.sha256(self._fingerprint)
        digest.update(_json([*shown, _toc(page.toc)]).encode() + b"\0")
        digest.update((page.content or "").encode())
        key = digest.hexdigest()
        self.used.add(key)
        return key

    def get(self, key: str) -> str | None:
        return self._read(key, _checked_text)

    def put(self, key: str, result: str) -> None:
        # The HTML as text, after its own hash: a cut-short entry would still be text.
        body = result.encode()
        self._write(key, hashlib.sha256(body).hexdigest().encode() + b"\n" + body)

    def __str__(self) -> str:
        return (
            f"{self.hits} pages from the stored HTML ({self.linked} linked from the previous site), "
            f"{self.rendered} put through the theme"
        )


class WrittenPages(WrittenFiles):
    """What made each page of the site in ``site``, in ``.speechkb-cache/written/``."""

    def __init__(self, project: Path, site: Path) -> None:
        super().__init__(project, site, WRITTEN_DIR)

    def linkable(self, page: Page, key: str) -> Path | None:
        """The previous site's file of ``page`` when it holds the HTML ``key`` names, else None."""
        return self.holding(page.file.dest_uri, key)

    def record_pages(self, pages: Iterable[tuple[Page, str]]) -> None:
        """Record the key of each page's file just built (``pages``: page and key)."""
        self.record((page.file.dest_uri, key, Path(page.file.abs_dest_path)) for page, key in pages)


def _checked_text(stored: BinaryIO) -> str | None:
    """The stored HTML, or None when it is not the HTML its hash was made of."""
    digest, _, body = stored.read().partition(b"\n")
    return body.decode() if hashlib.sha256(body).hexdigest().encode() == digest else None


def _plugin(plugin: object) -> object:
    """A plugin's settings, or for a hook (a module, in ``hooks:``) its source."""
    if isinstance(plugin, ModuleType):
        return hashlib.sha256(Path(str(plugin.__file__)).read_bytes()).hexdigest()
    return dict(getattr(plugin, "config", {}))


def _outline(items: Iterable[Any]) -> list[object]:
    """The navigation as every page shows it: each item's kind, title, address and children."""
    outline: list[object] = []
    for item in items:
        if isinstance(item, Section):
            outline.append(["section", item.title, _outline(item.children)])
        elif isinstance(item, Link):
            outline.append(["link", item.title, item.url])
        else:
            outline.append(["page", item.title, item.url, item.file.src_uri])
    return outline


def _toc(items: Iterable[AnchorLink]) -> list[object]:
    return [[item.title, item.id, item.level, _toc(item.children)] for item in items]


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_stable)


def _stable(value: object) -> object:
    """A setting as JSON that is the same in every build: paths as paths, settings as mappings, sets sorted,
    other objects by type."""
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, Config):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    return f"{type(value).__module__}.{type(value).__qualname__}"
