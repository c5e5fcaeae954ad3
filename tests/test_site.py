"""The real site, built by the real MkDocs from the seeds, as a reader gets it."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from speechkb.build import build
from speechkb.read import read_source
from tests.conftest import SEED_FILES, SEEDS, BuiltSite, copy_project
from tests.test_parse import OUTLINES

NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def article(page: Path) -> lxml.html.HtmlElement:
    root = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    [content] = root.xpath("//article")
    for permalink in content.xpath(".//a[@class='headerlink']"):
        permalink.drop_tree()
    return content


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_every_source_line_is_intact_on_the_page(seed_site: BuiltSite, seed: Path) -> None:
    text = squash(article(seed_site.speech_page(seed)).text_content())
    speech = next(s for s in seed_site.result.speeches if s.source.name == seed.name)
    missing = [
        line
        for line in read_source(seed).lines
        if squash(line.text) not in text and line.text != speech.description  # the teaser is the page description
    ]
    assert missing == []


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_numbered_headings_are_the_parts_and_sections_in_order(seed_site: BuiltSite, seed: Path) -> None:
    content = article(seed_site.speech_page(seed))
    headings = [(int(h.tag[1]), h.text_content().strip()) for h in content.xpath(".//h2|.//h3|.//h4|.//h5|.//h6")]
    assert [h for h in headings if NUMBERED.match(h[1])] == OUTLINES[seed.name]


def test_redaction_marks_stay_literal_and_never_become_emphasis(seed_site: BuiltSite) -> None:
    content = article(seed_site.speech_page(SEEDS / "001_4c94d2ebf477be8b.txt"))
    assert "**月**日，我市**县发生一起**事故" in content.text_content()
    assert not content.xpath(".//em|.//strong")
    marks = content.xpath(".//span[@class='redaction']")
    assert marks and all(set(m.text_content()) <= set("*×X_") for m in marks)


def test_description_is_the_teaser(seed_site: BuiltSite) -> None:
    page = lxml.html.fromstring(seed_site.speech_page(SEEDS / "004_66b770bb223d1e26.txt").read_bytes())
    [description] = page.xpath("//meta[@name='description']/@content")
    assert description.startswith("在县2024年防范重特大安全事故工作会议上的讲话同志们：") and description.endswith(
        "..."
    )


def test_every_paragraph_is_an_anchor(seed_site: BuiltSite) -> None:
    for speech in seed_site.result.speeches:
        content = article(seed_site.site / "speeches" / speech.slug / "index.html")
        ids = set(content.xpath(".//p/@id"))
        assert {p.anchor for p in speech.paragraphs()} <= ids


def test_anchors_are_stable_across_builds(seed_site: BuiltSite, tmp_path: Path) -> None:
    config = copy_project(tmp_path / "again")
    again = build(SEEDS, tmp_path / "again" / "site", config)
    for speech in again.speeches:
        first = article(seed_site.site / "speeches" / speech.slug / "index.html").xpath(".//*[@id]/@id")
        second = article(tmp_path / "again" / "site" / "speeches" / speech.slug / "index.html").xpath(".//*[@id]/@id")
        assert first == second and len(first) > 10


def test_speech_list_is_newest_first_with_date_and_level(seed_site: BuiltSite) -> None:
    content = article(seed_site.site / "speeches" / "index.html")
    rows = [[cell.text_content().strip() for cell in row.xpath("./td")] for row in content.xpath(".//tbody/tr")]
    assert [row[0] for row in rows][:2] == ["2024年春", "2022年秋"]
    assert len(rows) == 5 and all(row[2] for row in rows)


def test_home_page_says_what_the_knowledge_base_holds(seed_site: BuiltSite) -> None:
    text = article(seed_site.site / "index.html").text_content()
    assert "收录 5 篇" in text and "在县2024年防范重特大安全事故工作会议上的讲话" in text
    links = article(seed_site.site / "index.html").xpath(".//a/@href")
    assert any(link.startswith("speeches/zai-xian-2024") for link in links)


def test_site_is_chinese_with_search_and_both_palettes(seed_site: BuiltSite) -> None:
    page = lxml.html.fromstring((seed_site.site / "index.html").read_bytes())
    assert page.get("lang") == "zh"
    assert page.xpath("//input[@data-md-component='search-query']")
    assert len(page.xpath("//form[@data-md-component='palette']//input")) == 2
    assert (seed_site.site / "search-index" / "manifest.js").is_file()


def test_build_reports_the_numbering_gap_and_mkdocs_is_clean(seed_site: BuiltSite) -> None:
    warnings = [str(d) for d in seed_site.result.warnings]
    assert len(warnings) == 1 and "001_4c94d2ebf477be8b.txt:15" in warnings[0]
