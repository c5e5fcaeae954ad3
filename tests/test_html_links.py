"""Links to Markdown files in raw HTML become the site's URLs, as MkDocs makes them of Markdown links."""

from __future__ import annotations

import logging

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from speechkb.mkdocs.html_links import resolve_markdown_links

PAGES = ("sectors/xiao-fang.md", "speeches/zai-2024-nian.md", "speeches/index.md")


def site(directory_urls: bool) -> tuple[Files, MkDocsConfig]:
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": "docs", "use_directory_urls": directory_urls})
    config.validate()
    return Files([File(path, "docs", "site", directory_urls) for path in PAGES]), config


def rendered_page(path: str, files: Files, config: MkDocsConfig) -> Page:
    """A page as after MkDocs converted its Markdown: collecting links to anchors, with the anchors it has."""
    file = files.get_file_from_path(path)
    assert file
    page = Page(None, file, config)
    page.links_to_anchors = {}
    page.present_anchor_ids = {"p-1"}
    return page


SPEECH_LINKS = '<a href="../speeches/zai-2024-nian.md">讲话</a> <a href="../speeches/zai-2024-nian.md#p-1">段</a>'
NARROWED_LIST = '<a href="../speeches/index.md?sector=xiao-fang&amp;year=2019">2019年</a>'


@pytest.mark.parametrize(
    ("directory_urls", "html", "expected"),
    [
        (
            True,
            SPEECH_LINKS,
            '<a href="../../speeches/zai-2024-nian/">讲话</a> <a href="../../speeches/zai-2024-nian/#p-1">段</a>',
        ),
        (
            False,
            SPEECH_LINKS,
            '<a href="../speeches/zai-2024-nian.html">讲话</a> <a href="../speeches/zai-2024-nian.html#p-1">段</a>',
        ),
        # The speech list narrowed, as sector and term pages link to their older speeches: the query is kept.
        (True, NARROWED_LIST, '<a href="../../speeches/?sector=xiao-fang&amp;year=2019">2019年</a>'),
        (False, NARROWED_LIST, '<a href="../speeches/index.html?sector=xiao-fang&amp;year=2019">2019年</a>'),
    ],
)
def test_a_link_to_a_page_becomes_its_url_in_the_site_s_style(directory_urls: bool, html: str, expected: str) -> None:
    files, config = site(directory_urls)
    page = rendered_page("sectors/xiao-fang.md", files, config)
    assert resolve_markdown_links(html, page, files, config) == expected


def test_other_links_are_left_as_they_are() -> None:
    files, config = site(True)
    page = rendered_page("sectors/xiao-fang.md", files, config)
    html = '<a href="https://example.org/a.md">x</a><a href="../speeches/">y</a><code>href=&quot;b.md&quot;</code>'
    assert resolve_markdown_links(html, page, files, config) == html


def test_a_link_to_a_missing_page_stays_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    files, config = site(True)
    page = rendered_page("sectors/xiao-fang.md", files, config)
    html = '<a href="../speeches/gone.md">x</a>'
    with caplog.at_level(logging.WARNING):
        assert resolve_markdown_links(html, page, files, config) == html
    assert "sectors/xiao-fang.md" in caplog.text and "../speeches/gone.md" in caplog.text


def test_a_link_to_a_missing_anchor_warns_like_a_markdown_link(caplog: pytest.LogCaptureFixture) -> None:
    files, config = site(True)
    speech = rendered_page("speeches/zai-2024-nian.md", files, config)
    sector = rendered_page("sectors/xiao-fang.md", files, config)
    html = '<a href="../speeches/zai-2024-nian.md#p-1">有</a><a href="../speeches/zai-2024-nian.md#p-9">没有</a>'
    resolve_markdown_links(html, sector, files, config)
    with caplog.at_level(logging.WARNING):
        sector.validate_anchor_links(files=files, log_level=logging.WARNING)
    assert sector.links_to_anchors == {
        speech.file: {"p-1": "../speeches/zai-2024-nian.md#p-1", "p-9": "../speeches/zai-2024-nian.md#p-9"}
    }
    assert "'../speeches/zai-2024-nian.md#p-9'" in caplog.text and "#p-1'" not in caplog.text
