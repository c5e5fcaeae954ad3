"""A speech page shows where its text comes from: the printed pages of a PDF, and the original file when the
site publishes originals (an option, off by default)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import Browser

from speechkb.build import build
from speechkb.model import Speech
from speechkb.outputs.briefing import briefing
from tests.conftest import SEED_FILES, BuiltSite, copy_project, serve, squash
from tests.format_files import PDF_SPEECH, WEB_PAGES, speech_pdf
from tests.test_readers_formats import LONG_PARAGRAPH, printed_pages

PDF = "report.pdf"
WEB_PAGE = "county-meta-tags.html"


@pytest.fixture(scope="module")
def originals_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A text, a PDF whose paragraph runs over a page break and a saved web page, with originals published."""
    root = tmp_path_factory.mktemp("originals-site")
    seeds = root / "seeds"
    seeds.mkdir()
    shutil.copy(SEED_FILES[0], seeds / SEED_FILES[0].name)
    speech_pdf(seeds / PDF, [*PDF_SPEECH[:5], ("p", LONG_PARAGRAPH * 6), *PDF_SPEECH[5:]])
    shutil.copy(WEB_PAGES / WEB_PAGE, seeds / WEB_PAGE)
    config = copy_project(root)
    text = config.read_text(encoding="utf-8")
    assert "publish_originals: false" in text  # off unless the project turns it on
    config.write_text(text.replace("publish_originals: false", "publish_originals: true"), encoding="utf-8")
    return BuiltSite(root, build(seeds, root / "site", config))


def _speech(site: BuiltSite, name: str) -> Speech:
    return next(speech for speech in site.result.speeches if speech.source.name == name)


def _article(site: BuiltSite, name: str) -> lxml.html.HtmlElement:
    root = lxml.html.fromstring(site.speech_page(Path(name)).read_bytes())
    [article] = root.xpath("//article")
    return article


def test_a_pdf_s_paragraphs_say_where_the_printed_page_changes(originals_site: BuiltSite) -> None:
    article = _article(originals_site, PDF)
    pages = printed_pages(originals_site.root / "seeds" / PDF)
    body = [p for p in article.xpath(".//p[@data-line]") if not p.xpath("ancestor::details")]
    marked = [(p, p.get("data-pages")) for p in body if p.get("data-pages")]
    assert marked[0] == (body[0], "1")  # the first paragraph says its page
    ranges = [[int(page) for page in shown.split("–")] for _, shown in marked]
    assert [r[0] for r in ranges] == sorted(r[0] for r in ranges)
    assert {page for r in ranges for page in range(r[0], r[-1] + 1)} == set(range(1, len(pages) + 1))
    spanning = [(p, shown) for p, shown in marked if "–" in shown]
    assert spanning  # the long paragraph, over the page break: 第2–3页
    for paragraph, shown in marked:
        first, _, last = shown.partition("–")
        text = squash(paragraph.text_content())
        assert text[:4] in pages[int(first) - 1] and text[-4:] in pages[int(last or first) - 1]
    # Shown beside the text, not in it: the speech's words are unchanged.
    assert not any("原文第" in p.text_content() for p in body)


def test_a_file_without_pages_marks_none(originals_site: BuiltSite) -> None:
    for name in (SEED_FILES[0].name, WEB_PAGE):
        assert _article(originals_site, name).xpath(".//p[@data-pages]") == []


def test_a_briefing_cites_a_pdf_passage_with_its_file_and_pages(originals_site: BuiltSite) -> None:
    knowledge = originals_site.result.knowledge
    speech = _speech(originals_site, PDF)
    sector = next(
        s for s in knowledge.vocabulary.sectors if any(p.speech == speech for p in knowledge.passages(sector=s.slug))
    )
    value = briefing(knowledge, sector)
    cited = [p for item in value.speeches if item.speech == speech for p in item.passages]
    assert cited
    for passage in cited:
        paragraph = next(p for p in speech.paragraphs() if p.anchor == passage.anchor)
        assert paragraph.pages is not None
        first, last = paragraph.pages
        shown = f"第{first}页" if first == last else f"第{first}–{last}页"
        assert passage.citation.endswith(f"原文 {PDF}，{shown}")
    others = [p for item in value.speeches if item.speech != speech for p in item.passages]
    assert others and not any("原文" in passage.citation for passage in others)


@pytest.mark.parametrize(("name", "published"), [(SEED_FILES[0].name, ".txt"), (PDF, ".pdf"), (WEB_PAGE, ".html.txt")])
def test_with_originals_published_the_page_links_its_file(originals_site: BuiltSite, name: str, published: str) -> None:
    speech = _speech(originals_site, name)
    page = originals_site.speech_page(Path(name))
    [link] = _article(originals_site, name).xpath(".//p[contains(@class, 'speech-meta')]//a[starts-with(., '原文')]")
    assert link.text_content() == f"原文 {name}"
    assert link.get("href") == f"../originals/{speech.slug}{published}"
    target = (page.parent / link.get("href")).resolve()
    assert target.read_bytes() == (originals_site.root / "seeds" / name).read_bytes()
    # A saved web page is published as text: served as HTML, its scripts would run.
    assert not target.name.endswith((".html", ".htm"))


def test_originals_are_not_published_unless_the_project_says_so(seed_site: BuiltSite) -> None:
    assert not (seed_site.site / "speeches" / "originals").exists()
    for seed in SEED_FILES:
        meta = _article(seed_site, seed.name).xpath(".//p[contains(@class, 'speech-meta')]")[0]
        assert f"原文 {seed.name}" in meta.text_content()
        assert not meta.xpath(".//a[contains(@href, 'originals')]")
    assert not any(re.search(r"originals/", p.read_text(encoding="utf-8")) for p in seed_site.site.rglob("*.html"))


def test_a_citation_of_a_pdf_passage_gives_its_printed_pages(browser: Browser, originals_site: BuiltSite) -> None:
    speech = _speech(originals_site, PDF)
    marked = {p.get("id") for p in _article(originals_site, PDF).xpath(".//p[@data-pages]")}
    body = [p for p in speech.paragraphs() if p.pages]
    spanning = next(p for p in body if p.pages and p.pages[0] < p.pages[1])
    unmarked = next(p for p in body if p.anchor not in marked)  # on the page of a paragraph before it
    page = browser.new_page()
    with serve(originals_site.site) as url:
        page.goto(f"{url}speeches/{speech.slug}/")
        for paragraph in (spanning, unmarked):
            assert paragraph.pages is not None
            first, last = paragraph.pages
            shown = f"第{first}页" if first == last else f"第{first}–{last}页"
            button = page.locator(f"[id='{paragraph.anchor}'] a.kb-cite-copy")
            button.dispatch_event("click")
            cited = button.get_attribute("data-citation") or ""
            assert f"，原文 {PDF}，{shown}。链接：" in cited, cited
        text = next(p for p in _speech(originals_site, SEED_FILES[0].name).paragraphs() if p.kind == "body")
        page.goto(f"{url}speeches/{_speech(originals_site, SEED_FILES[0].name).slug}/")
        button = page.locator(f"[id='{text.anchor}'] a.kb-cite-copy")
        button.dispatch_event("click")
        assert "原文" not in (button.get_attribute("data-citation") or "原文")  # a file without pages
    page.close()
