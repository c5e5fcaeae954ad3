"""MkDocs plugin ``speechkb-search``: Material's search UI, answered from speechkb's phrase index.

Material shows its search box only while its own ``search`` plugin is enabled, and its bundle then
downloads that plugin's whole ``search_index.json`` on every page load (tens of megabytes at 1,000
speeches) to build a lunr index in the browser. This plugin keeps Material's box, result list,
highlighting and keyboard handling, and replaces what is behind them:

- its theme folder comes before Material's, so ``main.html`` loads ``speechkb-search.js``, which makes
  itself Material's search worker (and an in-page one under ``file://``);
- every page is excluded from lunr's index, which leaves ``search_index.json`` holding only its
  configuration: a few hundred bytes that Material still reads to highlight a result's page; and
  Material's handler that reads every page for that index is taken out of the build (a second at
  1,000 speeches, to index nothing);
- ``search/search_index.js`` is written beside it, as Material's offline plugin does, for copies opened
  from ``file://``, where Material loads that script instead;
- the index's files go into the site as hard links rather than copies (thousands of files, tens of
  megabytes at 1,000 speeches): a build writes them anew and never changes one in place.

The index itself (``search-index/``, :mod:`speechkb.search`) is written by the build from the parsed
speeches, with the worker script and ``main.html`` in ``speechkb/search/theme/``; this plugin only connects
them to the theme.

What of MkDocs and Material it touches, beyond the plugin events:

- ``config.plugins.events``, the plugin collection's undocumented mapping of an event's name to its list
  of handlers (bound methods), which ``run_event`` reads each time the event runs: Material's search
  plugin's handler is taken out of the ``page_context`` list in ``on_config``, also when
  :class:`~speechkb.mkdocs.clock.PluginClock` has wrapped it (:func:`plugin_of`);
- that Material registers its search plugin as ``material/search`` when ``mkdocs.yml`` says ``search``,
  that it writes ``search/search_index.json`` in ``on_post_build`` at the default priority (so a handler
  at -50 finds it written), and, should its page handler run after all, that it leaves out a page whose
  ``meta["search"]["exclude"]`` is true (every page is marked so);
- ``config.theme.dirs``, the theme's template folders in the order templates are looked up, into which
  the theme folder is inserted so that its ``main.html`` is found before Material's;
- ``File(src_path, src_dir, dest_dir, use_directory_urls)``, its ``inclusion`` and ``copy_file``, which
  :class:`LinkedFile` overrides to link instead of copying.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from speechkb import search
from speechkb.folders import INDEX_DIR

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
THEME_DIR = Path(search.__file__).parent / "theme"  # main.html and the worker script


class LinkedFile(File):
    """A file put into the site as a hard link to its source, or copied where a link is not allowed."""

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None
        try:
            if dirty and not self.is_modified():  # a link is as old as its source: only new files are linked
                return
            try:
                _link(self.abs_src_path, self.abs_dest_path)
            except OSError:  # another file system, or one without hard links (a source gone: copying says so too)
                super().copy_file(dirty)
        except FileNotFoundError:
            if not dirty or os.path.exists(self.abs_src_path):
                raise
            # Gone since this rebuild listed docs/: a live preview's regeneration swapped a new index in meanwhile,
            # which is a change of docs/ too, and the rebuild after it links the files that index has.
            log.debug("%s: gone during the rebuild, for the next one", self.src_uri)


def _link(source: str, target: str) -> None:
    """Link ``target`` to ``source``, making its folder or removing a file there only when the link fails for
    want of it: one system call a file rather than three (15,000 files in four folders at 10,000 speeches)."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(source, target)
    except FileExistsError:
        os.unlink(target)
        os.link(source, target)


# MkDocs' Config and BasePlugin declare an untyped __init_subclass__, hence the ignores.
class SearchPluginConfig(Config):  # type: ignore[no-untyped-call]
    """No options: the index is always ``search-index/`` beside the pages."""


class SearchPlugin(BasePlugin[SearchPluginConfig]):  # type: ignore[no-untyped-call]
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.theme.name != "material":
            raise PluginError("speechkb-search works with the Material theme only (theme: name: material)")
        if "material/search" not in config.plugins:
            raise PluginError("speechkb-search needs Material's search plugin for the search box: add '- search'")
        # A project's own custom_dir still comes first.
        position = 1 if config.theme.custom_dir else 0
        config.theme.dirs.insert(position, str(THEME_DIR))
        material = config.plugins["material/search"]
        handlers = config.plugins.events["page_context"]
        handlers[:] = [handler for handler in handlers if plugin_of(handler) is not material]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for file in [file for file in files if file.src_uri.startswith(f"{INDEX_DIR}/")]:
            files.remove(file)
            linked = LinkedFile(file.src_path, file.src_dir, file.dest_dir, file.use_directory_urls)
            linked.inclusion = file.inclusion
            files.append(linked)
        return files

    @event_priority(100)  # before Material's search plugin reads the page in on_page_context
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        search = page.meta.get("search")
        page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
        return markdown

    @event_priority(-50)  # after Material's search plugin has written search_index.json
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        folder = Path(config.site_dir) / "search"
        index = folder / "search_index.json"
        if index.is_file():
            (folder / "search_index.js").write_text(
                "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8"
            )


def plugin_of(handler: object) -> object:
    """The plugin whose method ``handler`` is, also when wrapped (``functools.wraps``) to time it."""
    return getattr(getattr(handler, "__wrapped__", handler), "__self__", None)
