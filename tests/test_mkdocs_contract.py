"""What speechkb.mkdocs relies on in MkDocs and Material for MkDocs, one internal per test.

MkDocs and Material are pinned exactly (pyproject.toml) because the glue in speechkb/mkdocs/ reaches past
their documented API: private ``Page`` attributes, the plugin collection's event lists, Material's search
handler, MkDocs' URL rules. Each test here pins one such internal on a site of a few pages, so that raising
a pin fails here, naming what changed, instead of building a wrong site. Each module's docstring in
speechkb/mkdocs/ lists what it touches.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.commands.build import _build_page, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, PluginCollection
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import get_build_datetime
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from speechkb.folders import INDEX_DIR
from speechkb.mkdocs.build import SiteError, render_site
from speechkb.mkdocs.clock import PluginClock
from speechkb.mkdocs.config import ConfigError, read_config
from speechkb.mkdocs.html_links import resolve_markdown_links
from speechkb.mkdocs.output_cache import STORED_TEMPLATE, stored_template_loader
from speechkb.mkdocs.search_plugin import SearchPlugin, plugin_of
from speechkb.mkdocs.serve import EditsObserver, live_preview, notified_of_changes
from speechkb.mkdocs.urls import page_url

SPEECH = '# 讲话\n\n## 一、提高认识 { #part }\n\n<p id="p-1">段落</p>\n\n[另一篇](b.md#p-2)\n'


def project(root: Path, config: str, pages: dict[str, str]) -> Path:
    """A project folder with ``mkdocs.yml`` (``config`` after the site name) and ``docs/`` holding ``pages``."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for path, text in pages.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"site_name: 合同\n{config}", encoding="utf-8")
    return root / "mkdocs.yml"


def page_site(directory_urls: bool = True) -> tuple[Files, MkDocsConfig]:
    """Two speech pages and MkDocs' configuration, as a plugin sees them, without files on disk."""
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "t",
            "docs_dir": "docs",
            "use_directory_urls": directory_urls,
            "markdown_extensions": ["toc", "attr_list"],
        }
    )
    errors, _ = config.validate()
    assert not errors
    return Files([File(path, "docs", "site", directory_urls) for path in ("speeches/a.md", "speeches/b.md")]), config


def rendered(files: Files, config: MkDocsConfig, markdown: str = SPEECH, path: str = "speeches/a.md") -> Page:
    file = files.get_file_from_path(path)
    assert file is not None
    page = Page(None, file, config)
    page.markdown = markdown
    page.render(config, files)
    return page


@contextmanager
def mkdocs_logs_at(level: int) -> Iterator[None]:
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(previous)


# --- the page cache (speechkb.mkdocs.pages_plugin) ---------------------------------------------


def test_a_page_made_before_the_navigation_is_the_page_mkdocs_keeps() -> None:
    """CachedPage is made in on_files: Page() must claim its file, and the navigation must keep it, not replace it."""
    files, config = page_site()
    config.nav = ["speeches/a.md"]

    class Made(Page):
        pass

    made = {file.src_uri: Made(None, file, config) for file in files.documentation_pages()}
    assert all(file.page is made[file.src_uri] for file in files)
    nav = get_navigation(files, config)
    assert nav.pages == [made["speeches/a.md"]]  # in the navigation
    assert all(file.page is made[file.src_uri] for file in files)  # and not (speeches/b.md)


def test_render_leaves_its_results_in_the_attributes_the_page_cache_stores() -> None:
    """CachedPage stores and restores exactly these attributes; one more would be missing from a cached page."""
    files, config = page_site()
    file = files.get_file_from_path("speeches/a.md")
    assert file is not None
    page = Page(None, file, config)
    page.markdown = SPEECH
    before = dict(vars(page))
    page.render(config, files)
    changed = {name for name, value in vars(page).items() if name not in before or before[name] is not value}
    assert changed == {"content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors"}
    assert isinstance(page.content, str) and '<p id="p-1">段落</p>' in page.content
    assert isinstance(page.toc, TableOfContents)
    assert [(item.title, [child.id for child in item.children]) for item in page.toc] == [("讲话", ["part"])]
    assert page._title_from_render == "讲话"
    assert page.present_anchor_ids is not None and {"part", "p-1"} <= page.present_anchor_ids
    assert page.links_to_anchors == {files.get_file_from_path("speeches/b.md"): {"p-2": "b.md#p-2"}}


def test_a_page_is_written_with_the_template_its_meta_names_and_itself_in_the_context(tmp_path: Path) -> None:
    """The output cache (speechkb.mkdocs.output_cache) names STORED_TEMPLATE in page.meta["template"] once the
    pages are converted: _build_page must take the template from there and render it with `page` in the
    context, where the stored HTML is; without it, the template's include of main.html is main.html's."""
    _, config = page_site()
    config.plugins = PluginCollection()  # MkDocs' own search plugin would want its index started
    files = Files([File("speeches/a.md", "docs", str(tmp_path), True)])
    page = rendered(files, config)
    env = jinja2.Environment(loader=stored_template_loader(jinja2.DictLoader({"main.html": "<p>{{ page.title }}</p>"})))
    page.meta["template"] = STORED_TEMPLATE
    written = tmp_path / "speeches" / "a" / "index.html"
    for stored, expected in (("<html>已存</html>", "<html>已存</html>"), (None, "<p>讲话</p>")):
        setattr(page, "stored_output", stored)  # noqa: B010 (a plain Page has no such attribute)
        _build_page(page, config, files.documentation_pages(), get_navigation(files, config), env)
        assert written.read_text(encoding="utf-8") == expected


def test_a_page_whose_html_is_blank_is_not_written(tmp_path: Path) -> None:
    """A page linked from the previous site (speechkb.mkdocs.output_cache) is handed to MkDocs as "" from
    on_post_page: _build_page must then write nothing, neither a new file nor into the link already there."""
    _, config = page_site()
    config.plugins = PluginCollection()
    files = Files([File("speeches/a.md", "docs", str(tmp_path), True)])
    page = rendered(files, config)
    env = jinja2.Environment(loader=jinja2.DictLoader({"main.html": ""}))
    _build_page(page, config, files.documentation_pages(), get_navigation(files, config), env)
    assert not (tmp_path / "speeches").exists()
    linked = tmp_path / "speeches" / "a" / "index.html"
    linked.parent.mkdir(parents=True)
    linked.write_text("上一次的页面", encoding="utf-8")
    _build_page(page, config, files.documentation_pages(), get_navigation(files, config), env)
    assert linked.read_text(encoding="utf-8") == "上一次的页面"


def test_the_title_of_a_rendered_page_is_its_private_title_from_render() -> None:
    """A cached page sets _title_from_render instead of rendering: Page.title must read it."""
    files, config = page_site()
    page = rendered(files, config)
    assert page.title == "讲话"
    page._title_from_render = "另一个标题"
    assert page.title == "另一个标题"


def test_links_to_anchors_are_collected_unless_mkdocs_logs_at_debug() -> None:
    """None means "not collecting": CachedPage keeps it None, html_links adds no link to it."""
    files, config = page_site()
    with mkdocs_logs_at(logging.DEBUG):
        assert rendered(files, config).links_to_anchors is None
    with mkdocs_logs_at(logging.INFO):
        assert rendered(files, config).links_to_anchors is not None


def test_the_table_of_contents_survives_the_cache_s_pickle() -> None:
    files, config = page_site()
    toc = rendered(files, config).toc
    restored = pickle.loads(pickle.dumps(toc, protocol=pickle.HIGHEST_PROTOCOL))
    assert str(restored) == str(toc)
    assert [(item.title, item.url, item.level) for item in restored] == [
        (item.title, item.url, item.level) for item in toc
    ]


def test_mkdocs_renders_the_plugin_s_pages_after_on_page_markdown(tmp_path: Path) -> None:
    """MkDocs calls render() of the page speechkb-pages made, with the Markdown other plugins changed."""
    (tmp_path / "hook.py").write_text(
        "def on_page_markdown(markdown, page, config, files):\n    return markdown + '\\n\\n钩子加的。\\n'\n",
        encoding="utf-8",
    )
    config = project(
        tmp_path,
        "hooks: [hook.py]\nplugins: [speechkb-pages]\n",
        {"index.md": "# 首页\n", "speeches/a.md": SPEECH, "speeches/b.md": '# 二\n\n<p id="p-2">段</p>\n'},
    )
    with mkdocs_logs_at(logging.INFO), captured_mkdocs_logs() as messages:
        render_site(config, tmp_path / "site", strict=True)
        render_site(config, tmp_path / "site", strict=True)
    summaries = [message for message in messages if "pages from the cache" in message]
    assert summaries == [
        "0 pages from the cache, 2 converted here, 0 in a pool",
        "2 pages from the cache, 0 converted here, 0 in a pool",
    ]
    page = (tmp_path / "site" / "speeches" / "a" / "index.html").read_text(encoding="utf-8")
    assert "钩子加的。" in page and 'href="../b/#p-2"' in page


@contextmanager
def captured_mkdocs_logs() -> Iterator[list[str]]:
    messages: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Capture()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        yield messages
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


# --- links in raw HTML (speechkb.mkdocs.html_links) ----------------------------------------------


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_link_in_raw_html_gets_the_url_mkdocs_gives_the_same_markdown_link(directory_urls: bool) -> None:
    files, config = page_site(directory_urls)
    page = rendered(files, config, "[b](b.md#p-2)\n")
    markdown_href = page.content.split('href="')[1].split('"')[0] if page.content else ""
    html = resolve_markdown_links('<a href="b.md#p-2">b</a>', page, files, config)
    assert html == f'<a href="{markdown_href}">b</a>'


# --- the URL rules (speechkb.mkdocs.urls) ------------------------------------------------------


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize(
    "path", ["speeches/x.md", "index.md", "a/index.md", "speeches/index.md", "sectors/dao-lu-jiao-tong.md", "a/b/c.md"]
)
def test_page_url_is_the_url_mkdocs_gives_the_file(path: str, directory_urls: bool) -> None:
    mkdocs_url = File(path, "docs", "site", directory_urls).url
    assert page_url(path, directory_urls) == ("" if mkdocs_url == "./" else mkdocs_url)


# --- the plugin collection's events (speechkb.mkdocs.clock, speechkb.mkdocs.search_plugin) ------


class Probe(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.calls += 1


def test_an_event_runs_the_handlers_in_its_list_as_the_list_is_when_it_runs() -> None:
    """The clock replaces handlers in config.plugins.events and the search plugin removes one: both must count."""
    plugins = PluginCollection()
    plugins["probe"] = probe = Probe()
    handlers = plugins.events["post_build"]
    assert isinstance(handlers, list) and [plugin_of(handler) for handler in handlers] == [probe]
    wrapped: list[object] = []
    handlers[0] = lambda **kwargs: wrapped.append(kwargs)
    plugins.on_post_build(config=MkDocsConfig())
    assert len(wrapped) == 1 and probe.calls == 0
    handlers.clear()
    plugins.on_post_build(config=MkDocsConfig())
    assert len(wrapped) == 1 and probe.calls == 0


def test_the_clock_times_a_search_plugin_s_handlers_through_the_events() -> None:
    plugins = PluginCollection()
    plugins["speechkb-search"] = probe = Probe()
    clock = PluginClock()
    clock.attach(plugins)
    handler = plugins.events["post_build"][0]
    assert handler is not probe.on_post_build and plugin_of(handler) is probe
    plugins.on_post_build(config=MkDocsConfig())
    assert probe.calls == 1 and clock.seconds > 0


@pytest.fixture(scope="module")
def material_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project(
        tmp_path_factory.mktemp("material"),
        "theme:\n  name: material\nplugins:\n  - search\n  - speechkb-search\n",
        {"index.md": "# 首页\n\n安全生产。\n", "speeches/a.md": "# 讲话\n\n段落。\n", f"{INDEX_DIR}/m/0.js": "[]\n"},
    )


def test_material_s_search_is_material_search_with_a_page_context_handler(material_config: Path) -> None:
    """speechkb-search takes Material's page_context handler out: it must be there, bound to material/search."""
    config = load_config(str(material_config))
    material = config.plugins["material/search"]
    assert any(plugin_of(handler) is material for handler in config.plugins.events["page_context"])
    config = config.plugins.on_config(config)
    assert all(plugin_of(handler) is not material for handler in config.plugins.events["page_context"])


def test_material_writes_its_search_index_before_speechkb_search_copies_it(material_config: Path) -> None:
    config = load_config(str(material_config))
    order = [plugin_of(handler) for handler in config.plugins.events["post_build"]]
    assert order.index(config.plugins["material/search"]) < order.index(config.plugins["speechkb-search"])


@pytest.fixture(scope="module")
def material_site(material_config: Path) -> Path:
    site = material_config.parent / "site"
    assert render_site(material_config, site, strict=True) == []
    return site


def test_material_s_search_index_holds_no_page(material_site: Path) -> None:
    """Its own index is read only to highlight a result's page: every page is left out of it."""
    index = (material_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"docs":[]' in index.replace(" ", "")
    assert (material_site / "search" / "search_index.js").read_text(encoding="utf-8") == f"var __index = {index}"


def test_the_theme_folder_put_first_in_theme_dirs_gives_the_page_template(material_site: Path) -> None:
    page = (material_site / "speeches" / "a" / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/speechkb-search.js" in page
    assert (material_site / "assets" / "javascripts" / "speechkb-search.js").is_file()


def test_a_file_made_like_mkdocs_files_is_linked_into_the_site(material_config: Path, material_site: Path) -> None:
    source = material_config.parent / "docs" / INDEX_DIR / "m" / "0.js"
    assert os.path.samefile(material_site / INDEX_DIR / "m" / "0.js", source)


def test_the_search_plugin_says_when_material_s_search_is_missing(tmp_path: Path) -> None:
    config = load_config(str(project(tmp_path, "theme:\n  name: material\nplugins: [speechkb-search]\n", {})))
    assert isinstance(config.plugins["speechkb-search"], SearchPlugin)
    with pytest.raises(Exception, match="needs Material's search plugin"):
        config.plugins.on_config(config)


# --- the build (speechkb.mkdocs.build) ---------------------------------------------------------


def test_mkdocs_warnings_reach_the_mkdocs_logger(tmp_path: Path) -> None:
    config = project(tmp_path, "", {"index.md": "# 首页\n\n[不在](missing.md)\n"})
    warnings = render_site(config, tmp_path / "site", strict=False)
    assert len(warnings) == 1 and "missing.md" in warnings[0]
    assert (tmp_path / "site" / "index.html").is_file()


def test_strict_mode_aborts_after_the_warnings_and_leaves_the_site_alone(tmp_path: Path) -> None:
    config = project(tmp_path, "", {"index.md": "# 首页\n\n[不在](missing.md)\n"})
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("旧", encoding="utf-8")
    with pytest.raises(SiteError, match=r"MkDocs stopped: Aborted with 1 warnings in strict mode!; .*missing\.md"):
        render_site(config, tmp_path / "site", strict=True)
    assert [path.name for path in (tmp_path / "site").iterdir()] == ["old.html"]


def test_mkdocs_dates_the_build_by_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """speechkb.machinery.source_date sets the variable; MkDocs must read it (sitemap dates, gzip headers)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")
    assert get_build_datetime() == datetime(2024, 1, 1, tzinfo=UTC)


# --- the configuration (speechkb.mkdocs.config) ------------------------------------------------


def test_mkdocs_reads_env_tags_defaults_and_relative_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = project(tmp_path, 'site_url: !ENV [SPEECHKB_CONTRACT_URL, ""]\n', {"index.md": "# 首页\n"})
    monkeypatch.setenv("SPEECHKB_CONTRACT_URL", "https://example.org/kb/")
    read = read_config(config)
    assert (read.docs_dir, read.directory_urls, read.site_url) == (tmp_path / "docs", True, "https://example.org/kb/")
    monkeypatch.delenv("SPEECHKB_CONTRACT_URL")
    assert read_config(config).site_url == ""


def test_a_configuration_mkdocs_cannot_read_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: [未闭合\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        read_config(tmp_path / "mkdocs.yml")
    with pytest.raises(ConfigError):
        read_config(tmp_path / "absent.yml")


def test_a_configuration_that_fails_validation_aborts_mkdocs_as_it_stands(tmp_path: Path) -> None:
    """MkDocs logs each invalid value and raises Abort, a SystemExit, which speechkb lets through as MkDocs' exit."""
    config = project(tmp_path, "theme: {name: 不存在}\n", {})
    with pytest.raises(Abort, match="configuration error") as stopped:
        read_config(config)
    assert isinstance(stopped.value, SystemExit) and stopped.value.code == 1


# --- the live preview (speechkb.mkdocs.serve, speechkb.cli._serve) -----------------------------


def test_mkdocs_serve_watches_the_whole_docs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages regenerated into docs/speeches/ reach the browser only because MkDocs watches docs/ with its sub-folders."""
    watched: dict[str, bool] = {}

    class Recording(LiveReloadServer):
        def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
            watched[path] = recursive
            super().watch(path, func, recursive=recursive)

        def serve(self, *, open_in_browser: bool = False) -> None:
            observers.append(self.observer)
            raise KeyboardInterrupt  # stop where the server would start serving

    observers: list[BaseObserver] = []
    monkeypatch.setattr(mkdocs_serve, "LiveReloadServer", Recording)
    config = project(tmp_path, "", {"index.md": "# 首页\n"})
    live_preview(config, "127.0.0.1:8000")
    assert watched.get(str(tmp_path / "docs")) is True
    # Told of changes by the platform, not listing 25,000 files twice a second (speechkb.mkdocs.serve); the
    # polling observer is MkDocs' own again once the preview ends.
    assert [type(observer) for observer in observers] == [EditsObserver]
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert isinstance(server.observer, PollingObserver)
    server.server_close()


def test_the_live_preview_rebuilds_when_a_file_under_docs_changes_not_when_one_is_read(tmp_path: Path) -> None:
    """MkDocs' server takes any event but a folder's for a change: told of a file opened and closed unwritten, each
    of its rebuilds, which reads the hand-written pages, set off the next, without end."""
    page = tmp_path / "index.md"
    page.write_text("# 首页\n", encoding="utf-8")
    with notified_of_changes():
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        server.observer.start()
        time.sleep(0.3)
        page.read_bytes()
        time.sleep(1)
        assert not server._want_rebuild
        page.write_text("# 首页\n\n新的一段。\n", encoding="utf-8")
        waited = time.monotonic()
        while not server._want_rebuild and time.monotonic() - waited < 10:
            time.sleep(0.05)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_the_livereload_server_takes_no_function_to_call_for_a_path(tmp_path: Path) -> None:
    """Why speechkb serve runs its own observer (see cli._serve): if this fails, on_serve may do the job now."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    regenerate: Any = lambda: None  # noqa: E731
    try:
        with pytest.raises(TypeError):
            server.watch(str(tmp_path), regenerate)
    finally:
        server.server_close()


def test_a_dirty_build_rebuilds_changed_pages_and_hand_written_ones_only(tmp_path: Path) -> None:
    """The live preview's rebuilds (MkDocs' dirty builds): a generated page whose Markdown did not change is
    left as it is; a hand-written page is built every time, as it may include generated text."""
    config_file = project(
        tmp_path,
        f"site_dir: {tmp_path / 'site'}\nplugins: [speechkb-pages]\n",
        {"index.md": "# 首页\n", "speeches/a.md": SPEECH, "speeches/b.md": "# 二\n\n段。\n"},
    )
    site = tmp_path / "site"
    built = {name: site / name / "index.html" for name in ("speeches/a", "speeches/b")} | {"home": site / "index.html"}

    def dirty_build() -> dict[str, int]:
        config = load_config(str(config_file))  # as mkdocs serve loads it for each build
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        return {name: path.stat().st_mtime_ns for name, path in built.items()}

    first = dirty_build()
    edited = tmp_path / "docs" / "speeches" / "a.md"
    edited.write_text(SPEECH + "\n新加的一段。\n", encoding="utf-8")
    later = first["speeches/a"] + 10**9
    os.utime(edited, ns=(later, later))
    second = dirty_build()
    assert second["speeches/a"] > first["speeches/a"] and "新加的一段。" in built["speeches/a"].read_text("utf-8")
    assert second["speeches/b"] == first["speeches/b"]
    assert second["home"] > first["home"]


_REGENERATES_B = """
import os
from pathlib import Path


def on_env(env, config, files):
    # Between MkDocs' loop that reads and converts the pages and its loop that writes them, as a live preview's
    # regeneration swaps a folder of docs/ in while MkDocs rebuilds.
    flag = Path(config.docs_dir).parent / "regenerate-now"
    if flag.exists():
        flag.unlink()
        page = Path(config.docs_dir) / "speeches" / "b.md"
        page.write_text("# 二\\n\\n改过的段。\\n", encoding="utf-8")
        later = (Path(config.site_dir) / "speeches" / "b" / "index.html").stat().st_mtime_ns + 10**9
        os.utime(page, ns=(later, later))
    return env
"""


def test_a_page_regenerated_during_a_dirty_build_is_left_to_the_rebuild_its_change_sets_off(tmp_path: Path) -> None:
    """A live preview regenerates docs/ while MkDocs rebuilds. A page whose Markdown changed after MkDocs' first loop
    had passed it (not read: unchanged then) was written by the second (changed now) without content: the theme's
    template failed ("argument of type 'NoneType' is not iterable") and the preview stuck until the next save. Both
    loops now take one answer, and the change's own rebuild builds the page."""
    (tmp_path / "regenerates_b.py").write_text(_REGENERATES_B, encoding="utf-8")
    config_file = project(
        tmp_path,
        f"site_dir: {tmp_path / 'site'}\ntheme: {{name: material}}\nplugins: [speechkb-pages]\nhooks: [regenerates_b.py]\n",
        {"index.md": "# 首页\n", "speeches/a.md": SPEECH, "speeches/b.md": "# 二\n\n段。\n"},
    )
    written = tmp_path / "site" / "speeches" / "b" / "index.html"

    def dirty_build() -> str:
        config = load_config(str(config_file))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        return written.read_text("utf-8")

    assert "段。" in dirty_build()
    (tmp_path / "regenerate-now").touch()
    assert "改过的段。" not in dirty_build()  # built as it was: the change came after this build read the pages
    assert "改过的段。" in dirty_build()
