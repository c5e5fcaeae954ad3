"""MkDocs plugin ``speechkb-pages``: each generated page converted once, on every core.

At a thousand speeches, converting Markdown to HTML is most of a site build: Python-Markdown, one page
after another on one core, and a rebuild after one speech changed converts every page again. MkDocs has
no hook in which a plugin converts a page itself, but it lets a plugin create the pages that are not in
the navigation, which is every page speechkb generates. This plugin creates them as :class:`CachedPage`,
whose ``render`` takes its result from ``.speechkb-cache/pages/`` when one was stored for the same
Markdown, and converts the page as MkDocs does otherwise (resolving the ``.md`` links of its raw HTML too,
see :mod:`speechkb.mkdocs.html_links`), storing the result.

A result is stored under a hash of everything the conversion depends on: the page's source and path,
the Markdown configuration, the URL style and the versions of the packages that convert. It depends on
the other files of the site only through the links it resolves, so it records each file it looked up and
whether it was there, and is used only while each still is or still is not: a speech added or removed
converts again the pages that link to it, not every page. Before MkDocs reads the pages, the missing results of a large build are made in
a pool of forked processes, one per core; the cache is how they hand their work back, so the build reads
exactly what a serial build would have made. A forked process only copies the thread that forks, so
the pool is used only when the builder has no other thread (a live preview, with its file watchers,
converts in-process, where the cache still spares it every unchanged page).

A result holds everything MkDocs keeps from a conversion (HTML, table of contents, title, the page's
anchors and its links to other pages' anchors, which MkDocs checks after all pages are read) and the
messages the conversion logged, which are logged again when the result is used, so that a broken link
warns on every build and ``--strict`` still counts it.

MkDocs also compiles the theme's templates anew for every build; the plugin keeps their bytecode
(:func:`speechkb.machinery.cache.template_bytecode`). And it writes what the theme repeats on every page
shorter (:mod:`speechkb.mkdocs.compact_html`): its indentation, a tenth of an archive's pages, its
configuration's escaped characters and its icons, which ``docs/assets/icons.css`` draws. The theme's HTML
of a page not in the navigation is kept too (:mod:`speechkb.mkdocs.output_cache`), and in a build by
:func:`speechkb.mkdocs.build.render_site` a page whose HTML did not change is hard-linked from the site the
build replaces rather than written again.

What of MkDocs it touches, beyond the plugin events:

- that a page made in ``on_files`` is the one MkDocs renders: ``Page.__init__`` sets ``file.page``, and
  ``get_navigation`` and the build's loop over the pages use a file's page when it has one (MkDocs makes a
  plain ``Page`` only for a file still without), then call its ``render(config, files)`` after
  ``on_page_markdown``;
- the attributes ``Page.render`` fills, which :class:`CachedPage` reads after converting and sets in place
  of converting: ``content``, ``toc`` (a ``TableOfContents``, pickled into the cache), the private
  ``_title_from_render`` (the first heading, which ``Page.title`` falls back on), ``present_anchor_ids``
  and ``links_to_anchors`` (``None`` while MkDocs logs at DEBUG, when it collects no links);
- ``Page.read_source`` and ``config.plugins.on_page_markdown``, with which a forked worker does what
  MkDocs' ``_populate_page`` does before ``render``;
- that everything MkDocs logs goes through the ``mkdocs`` logger, where the messages of a conversion are
  caught to be logged again;
- for the counts a build shows (:mod:`speechkb.machinery.progress`), the order of a build's events: every included
  page's ``on_page_content`` between ``on_nav`` and ``on_env``, then every page's ``on_post_page``.

Its cache key includes the versions of MkDocs, Python-Markdown, pymdown-extensions and Material, so a
raised pin converts every page anew instead of reusing pages another version converted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import cast

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils.templates import TemplateContext

from speechkb.folders import PAGE_DIRS
from speechkb.machinery.cache import CACHE_DIR, ResultCache, template_bytecode
from speechkb.machinery.cores import can_fork, imap_forked
from speechkb.machinery.progress import SILENT, Advance, Progress, counted, uncounted
from speechkb.machinery.staging import take_spare
from speechkb.mkdocs import html_links
from speechkb.mkdocs.compact_html import (
    ICONS,
    drawn_icons,
    with_drawn_icons,
    with_plain_config,
    without_indentation,
)
from speechkb.mkdocs.html_links import resolve_markdown_links
from speechkb.mkdocs.output_cache import (
    STORED_TEMPLATE,
    OutputCache,
    WrittenPages,
    stored_template_loader,
)
from speechkb.mkdocs.search_plugin import plugin_of

PAGES_DIR = "pages"
_CONVERTERS = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")
# What converts a page here, besides the packages in _CONVERTERS: a change to it is a different conversion.
_CODE = Path(__file__).read_bytes() + Path(html_links.__file__).read_bytes()
log = logging.getLogger("mkdocs.plugins.speechkb-pages")


@dataclass(frozen=True)
class LoggedMessage:
    logger: str
    level: int
    message: str


@dataclass(frozen=True)
class Conversion:
    """What MkDocs keeps from converting one page, and what the conversion logged."""

    markdown_hash: str  # of the Markdown after other plugins' on_page_markdown: it must match to be used
    content: str
    toc: TableOfContents
    title: str | None
    present_anchor_ids: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    messages: tuple[LoggedMessage, ...]
    lookups: tuple[tuple[str, bool], ...]  # each file the conversion looked up, and whether it was there


class PageCache(ResultCache[Conversion]):
    """Conversions in ``.speechkb-cache/pages/``; a key covers the page and everything that converts it."""

    def __init__(self, project: Path, config: MkDocsConfig) -> None:
        super().__init__(project / CACHE_DIR / PAGES_DIR, (Conversion,))
        self.used: set[str] = set()
        self.hits = 0
        self.conversions = 0
        self._exists: dict[str, bool] = {}
        fingerprint = hashlib.sha256(_CODE)
        markdown = [config.markdown_extensions, config.mdx_configs, config.use_directory_urls, config.validation]
        for part in (
            json.dumps(markdown, sort_keys=True, default=_stable),
            *(f"{name} {version(name)}" for name in _CONVERTERS),
        ):
            fingerprint.update(part.encode() + b"\0")
        self._fingerprint = fingerprint.digest()

    def key(self, page: Page) -> str:
        source = hashlib.sha256(self._fingerprint)
        source.update(page.file.src_uri.encode() + b"\0")
        source.update(page.file.content_bytes)
        return source.hexdigest()

    def get(self, key: str) -> Conversion | None:
        self.used.add(key)
        return super().get(key)

    def holds(self, conversion: Conversion, files: Files) -> bool:
        """Whether every file ``conversion`` looked up is still there, or still not. Each path is asked of ``files``
        once a build (pages share their links), and checked in one loop: some 40 paths a page, 400,000 at 10,000
        speeches, where a function call per path took half a second."""
        known = self._exists
        for path, found in conversion.lookups:
            there = known.get(path)
            if there is None:
                there = known[path] = _file(files, path) is not None
            if there != found:
                return False
        return True

    def put(self, key: str, result: Conversion) -> None:
        self.used.add(key)
        self.conversions += 1
        super().put(key, result)


def _file(files: Files, path: str) -> File | None:
    # A path as MkDocs keeps it is found without get_file_from_path's normalising, a tenth of a millisecond a
    # path: tens of thousands of them at 10,000 speeches.
    return files.src_uris.get(path) or files.get_file_from_path(path)


def _stable(value: object) -> object:
    """A configuration value as JSON that is the same in every build: paths as paths, objects by type."""
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, Config):
        return dict(value)
    return f"{type(value).__module__}.{type(value).__qualname__}"


class CachedPage(Page):
    """A page whose conversion comes from the :class:`PageCache` when it holds one for this Markdown, and its
    HTML from the :class:`~speechkb.mkdocs.output_cache.OutputCache` when it holds the theme's for it."""

    def __init__(self, file: File, config: MkDocsConfig, cache: PageCache) -> None:
        super().__init__(None, file, config)
        self.cache = cache
        self.output_key: str | None = None  # set when the theme's HTML of this page is to be stored or reused
        self.stored_output: str | None = None  # the stored HTML, read just before the page is written
        self.linked_from: Path | None = None  # the previous site's file of the page, when it is linked from there
        self._key: str | None = None

    def cache_key(self) -> str:
        """The page's key in the :class:`PageCache`, made once a build: it reads and hashes the Markdown, and
        both the check for missing conversions and the conversion ask for it."""
        if self._key is None:
            self._key = self.cache.key(self)
        return self._key

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self._convert(config, files)
        # MkDocs converts every page before it writes the first, and keeps each page's Markdown to the end of the
        # build: 190 MB at 10,000 speeches, which nothing reads once the page is converted. Blank rather than
        # None, which ``Page.title`` takes for a page never read.
        self.markdown = ""

    def _convert(self, config: MkDocsConfig, files: Files) -> None:
        key = self.cache_key()
        markdown_hash = hashlib.sha256((self.markdown or "").encode()).hexdigest()
        stored = self.cache.get(key)
        if stored and stored.markdown_hash == markdown_hash and self.cache.holds(stored, files):
            self.cache.hits += 1
            self._use(stored, files)
            return
        looked_up = _LookedUp(files)
        with _captured() as messages:
            super().render(config, cast(Files, looked_up))
            assert self.content is not None
            self.content = resolve_markdown_links(self.content, self, cast(Files, looked_up), config)
        self.cache.put(key, self._conversion(markdown_hash, messages, looked_up.found))

    def _use(self, stored: Conversion, files: Files) -> None:
        for message in stored.messages:
            logging.getLogger(message.logger).log(message.level, message.message)
        self.content = stored.content
        self.toc = stored.toc
        self._title_from_render = stored.title
        self.present_anchor_ids = set(stored.present_anchor_ids)
        if self.links_to_anchors is None and stored.links_to_anchors is not None:
            linked = ((_file(files, uri), links) for uri, links in stored.links_to_anchors.items())
            self.links_to_anchors = {file: links for file, links in linked if file is not None}

    def _conversion(
        self, markdown_hash: str, messages: Sequence[LoggedMessage], lookups: dict[str, bool]
    ) -> Conversion:
        assert self.content is not None
        links = self.links_to_anchors
        return Conversion(
            markdown_hash=markdown_hash,
            content=self.content,
            toc=self.toc,
            title=self._title_from_render,
            present_anchor_ids=frozenset(self.present_anchor_ids or ()),
            links_to_anchors=None if links is None else {file.src_uri: dict(by) for file, by in links.items()},
            messages=tuple(messages),
            lookups=tuple(sorted(lookups.items())),
        )


class _LookedUp:
    """The site's files as a conversion sees them, noting each path it looks up (MkDocs' link resolution and
    :mod:`speechkb.mkdocs.html_links` ask ``get_file_from_path`` only)."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.found: dict[str, bool] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self._files.get_file_from_path(path)
        self.found[path] = file is not None
        return file


@contextmanager
def _captured() -> Iterator[list[LoggedMessage]]:
    """The messages MkDocs logs while the block runs (they are still logged as usual)."""
    messages: list[LoggedMessage] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(LoggedMessage(record.name, record.levelno, record.getMessage()))

    handler = Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def _answer_modified_once(files: Files) -> None:
    """Fix each page's answer to "changed since it was built?" for this build. A live preview regenerates docs/
    while MkDocs rebuilds: a page whose Markdown changed after MkDocs' loop that reads the pages had passed it was
    then written by the next loop without content, and the theme's template failed. With one answer both loops
    leave it, and the rebuild its change sets off builds it. (Other files are asked once, when they are copied.)"""
    for file in files.documentation_pages():
        file.is_modified = _always(file.is_modified())  # type: ignore[method-assign]


def _always(answer: bool) -> Callable[[], bool]:
    return lambda: answer


class PageCachePluginConfig(Config):  # type: ignore[no-untyped-call]
    parallel_from = config_options.Type(int, default=200)
    """Pages to convert before a pool of processes is worth starting it."""
    publish_originals = config_options.Type(bool, default=False)
    """Publish each speech's own file beside its page and link it there (speechkb.outputs.originals): off by
    default, as an original may hold what its page does not show (unredacted names, a document's metadata)."""


# MkDocs' BasePlugin declares an untyped __init_subclass__, hence the ignore.
class PageCachePlugin(BasePlugin[PageCachePluginConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        super().__init__()
        self.cache: PageCache | None = None
        self.outputs: OutputCache | None = None
        self.nav: Navigation | None = None
        self.pages: list[CachedPage] = []
        self.converted_in_pool = 0
        # Counts for the user, set by speechkb.mkdocs.build.render_site: MkDocs' site build is the longest
        # stage of a large build, and its two loops over the pages (converting, then writing with the theme's
        # template) run from one event to another, so each is a stage held open between events.
        self.progress: Progress = SILENT
        self.icons = drawn_icons("")
        self._stage = ExitStack()
        self._advance: Advance = uncounted
        self._page_count = 0
        self.dirty = False  # a live preview's builds: MkDocs builds only the pages whose Markdown changed
        # The site folder a build into a folder of its own replaces (set by render_site): unchanged pages are
        # linked from there (speechkb.mkdocs.output_cache), and what made each page is recorded for the next.
        self.replaces: Path | None = None
        self.written: WrittenPages | None = None
        # The folders a build of that site kept of the one before (speechkb.machinery.staging.take_spare): taken
        # into the folder MkDocs cleaned, to be written into, rather than made again; and those taken (set here).
        self.spare: Path | None = None
        self.recycled: list[str] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this event also keeps the plugin from one build of a live preview to the next (MkDocs 1.4+).
        self.dirty = dirty

    # Last, so that the files other plugins add are in; MkDocs creates a page for each file still without one.
    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.spare:
            self.recycled = take_spare(self.spare, Path(config.site_dir))
        if self.dirty:
            # A hand-written page may include generated text (the home page includes the overview) that changed
            # while the page did not: its old HTML is removed, so that MkDocs sees it as changed and builds it.
            for file in files.documentation_pages():
                if file.src_uri.split("/", 1)[0] not in PAGE_DIRS and file.abs_dest_path:
                    Path(file.abs_dest_path).unlink(missing_ok=True)
            _answer_modified_once(files)
        self.cache = PageCache(Path(config.config_file_path).parent, config)
        self.pages = [
            CachedPage(file, config, self.cache)
            for file in files.documentation_pages()
            if file.page is None and file.src_uri.split("/", 1)[0] in PAGE_DIRS
        ]
        return files

    def _to_build(self) -> list[CachedPage]:
        """The pages MkDocs will build: all of them, or in a dirty build those whose Markdown changed. A page it
        will not build needs no key (a key means reading and hashing its Markdown: seconds at 10,000 pages)."""
        return [page for page in self.pages if not self.dirty or page.file.is_modified()]

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.cache is not None
        self.nav = nav
        missing = [page for page in self._to_build() if not self.cache.has(page.cache_key())]
        self.converted_in_pool = 0
        if len(missing) >= self.config.parallel_from and can_fork():
            missing.sort(key=lambda page: len(page.file.content_bytes), reverse=True)
            with self.progress.stage("convert pages on every core", len(missing), "pages") as advance:
                converted = imap_forked(
                    lambda page: _convert(page, config, files), missing, parallel_from=0, initializer=_worker
                )
                self.converted_in_pool = sum(counted(converted, advance))
        # The pages MkDocs converts next (reading the pool's results from the cache) and then writes.
        self._page_count = len(files.documentation_pages(inclusion=InclusionLevel.is_included))
        self._begin("convert pages", self._page_count)
        return nav

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self._advance(1)
        return html

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # MkDocs makes a new environment per build, which compiles the theme's templates again.
        env.bytecode_cache = template_bytecode(Path(config.config_file_path).parent, "theme")
        env.loader = stored_template_loader(env.loader)
        assert self.nav is not None
        # The theme's icons are left to the style sheet only on pages that load it.
        sheet = Path(config.docs_dir) / ICONS
        drawn = ICONS in map(str, config.extra_css) and sheet.is_file()
        self.icons = drawn_icons(sheet.read_text(encoding="utf-8") if drawn else "")
        project = Path(config.config_file_path).parent
        self.outputs = outputs = OutputCache(project, config, self.nav, self.icons)
        self.written = self._linking(project, config)
        for page in self._to_build():
            if "template" not in page.meta:  # a page naming its own template is always rendered with it
                page.output_key = outputs.key(page)
            if page.output_key and self.written:
                page.linked_from = self.written.linkable(page, page.output_key)
            if page.output_key and (page.linked_from or outputs.has(page.output_key)):
                page.meta["template"] = STORED_TEMPLATE
        self._begin("write pages", self._page_count)
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if isinstance(page, CachedPage) and page.linked_from:
            page.stored_output = ""  # nothing to write: the page is linked in on_post_page
        elif isinstance(page, CachedPage) and page.output_key and self.outputs:
            # Read now, one page at a time; unreadable, it is None and the template renders the page anew.
            page.stored_output = self.outputs.get(page.output_key) if self.outputs.has(page.output_key) else None
        return context

    def _linking(self, project: Path, config: MkDocsConfig) -> WrittenPages | None:
        """The record of the site this build replaces, when its unchanged pages are to be linked from there: in a
        build into a folder of its own (not a live preview's, which writes over its pages) where no other
        plugin changes a page's HTML after the theme, which would make the stored HTML not the page's."""
        if self.replaces is None or self.dirty:
            return None
        if any(plugin_of(handler) is not self for handler in config.plugins.events["post_page"]):
            return None
        return WrittenPages(project, self.replaces)

    # First, so that the HTML stored is the theme's made shorter, before any other plugin changes it.
    @event_priority(100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self._advance(1)
        if isinstance(page, CachedPage) and page.linked_from and self.outputs:
            self.outputs.hits += 1
            return self._link(page, page.linked_from)
        if not (isinstance(page, CachedPage) and page.output_key and self.outputs):
            return self._shorter(output)
        if page.stored_output is not None:  # stored made shorter already: not again
            page.stored_output = None
            self.outputs.hits += 1
            return output
        output = self._shorter(output)
        self.outputs.put(page.output_key, output)
        self.outputs.rendered += 1
        return output

    def _shorter(self, output: str) -> str:
        return with_plain_config(with_drawn_icons(without_indentation(output), self.icons))

    def _link(self, page: CachedPage, previous: Path) -> str:
        """Link the previous site's file of ``page`` into the site, and return "": MkDocs writes no page whose HTML
        is blank. Where no link can be made (a file system without hard links), the HTML is returned to write."""
        page.stored_output = None
        target = Path(page.file.abs_dest_path)
        try:
            try:
                os.link(previous, target)
            except FileNotFoundError:  # its folder is made only when it is missing: one system call a page
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(previous, target)
        except OSError:
            return previous.read_bytes().decode()
        assert self.outputs is not None
        self.outputs.linked += 1
        return ""

    def _begin(self, name: str, total: int) -> None:
        self.end_progress()
        self._advance = self._stage.enter_context(self.progress.stage(name, total, "pages"))

    def end_progress(self) -> None:
        """End the stage shown, if any: at the end of the build, or when it stopped (see render_site)."""
        self._stage.close()
        self._advance = uncounted

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.end_progress()
        # A dirty build uses the entries of the pages it builds only: the others are not stale.
        if self.cache:
            if not self.dirty:
                self.cache.keep_only(self.cache.used)
            cache, pool = self.cache, self.converted_in_pool
            log.info(f"{cache.hits} pages from the cache, {cache.conversions} converted here, {pool} in a pool")
            if notice := cache.discarded_notice():
                self.progress.notice(notice)
        if self.outputs:
            if not self.dirty:
                self.outputs.keep_only(self.outputs.used)
            log.info(str(self.outputs))
            if notice := self.outputs.discarded_notice():
                self.progress.notice(notice)
        if self.written:
            self.written.record_pages((page, page.output_key) for page in self.pages if page.output_key)
            if notice := self.written.discarded_notice():
                self.progress.notice(notice)


def _worker() -> None:
    # The parent logs each stored conversion's messages when it uses it; the pool must not log them too.
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = False


def _convert(page: CachedPage, config: MkDocsConfig, files: Files) -> bool:
    """Convert the page as MkDocs would and store it; a page that fails is left to the parent to report."""
    try:
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
    except Exception:  # the parent converts it again and reports the error with the page
        return False
    finally:
        # The result is in the cache now; a worker holding every page it converted grew by the whole site.
        page.markdown = page.content = None
        page.toc = TableOfContents([])
    return True
