"""Sector and term pages stay the same size as the archive grows: newest speeches quoted, older ones by year."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser

from speechkb.build import BuildResult, build
from speechkb.outputs.knowledge_pages import NEWEST_QUOTED
from tests.conftest import SEED_FILES, copy_project, serve
from tests.test_site import _target, article

COPIES = 3  # 15 speeches: more than NEWEST_QUOTED talk about road traffic


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The seed speeches three times over, each copy with its own title and year."""
    root = tmp_path_factory.mktemp("archive")
    seeds = root / "seeds"
    seeds.mkdir()
    for copy in range(COPIES):
        for number, seed in enumerate(SEED_FILES):
            title, _, body = seed.read_text(encoding="utf-8").partition("\n")
            text = f"{title.removesuffix('讲话')}第{copy + 1}次讲话\n{body}"
            (seeds / f"{copy}-{seed.name}").write_text(text, encoding="utf-8")
            (seeds / f"{copy}-{seed.stem}.yml").write_text(f'date: "{2010 + copy * 5 + number}"\n', encoding="utf-8")
    return root / "site", build(seeds, root / "site", copy_project(root))


@pytest.mark.parametrize(("kind", "slug"), [("sector", "dao-lu-jiao-tong"), ("term", "yi-gang-shuang-ze")])
def test_a_page_quotes_its_newest_speeches_and_links_to_the_others_a_year_at_a_time(
    archive: tuple[Path, BuildResult], kind: str, slug: str
) -> None:
    site, result = archive
    passages = result.knowledge.passages(**{kind: slug})
    speeches = list(dict.fromkeys(p.speech.slug for p in passages))
    assert len(speeches) > NEWEST_QUOTED
    page = site / f"{kind}s" / slug / "index.html"
    content = article(page)
    quoted = [h.get("id") for h in content.xpath(".//h2") if h.get("id") not in ("older", "checklist", "definitions")]
    assert quoted == speeches[:NEWEST_QUOTED]
    older = content.xpath(".//h2[@id='older']/following-sibling::p[1]")[0].text_content()
    assert f"更早的 {len(speeches) - NEWEST_QUOTED} 篇" in older
    # A line a year, newest first, linking to the speech list narrowed to this page's sector or term and the
    # year; the count is the rows that list shows (the speeches tagged so), the quoted ones said apart.
    [years] = content.xpath(".//h2[@id='older']/following-sibling::ul[@class='kb-older']")
    speech_of = {speech.slug: speech for speech in result.speeches}
    tags = {tagged.speech.slug: tagged.tags for tagged in result.knowledge.speeches}
    older_years = list(dict.fromkeys(speech_of[s].metadata.year for s in speeches[NEWEST_QUOTED:]))
    lines = years.xpath("./li")
    assert [line.get("id") for line in lines[:-1]] == [f"year-{year}" for year in older_years]
    for line, year in zip(lines, older_years, strict=False):
        [href] = line.xpath("./a/@href")
        target, _ = _target(page, href)
        assert target == site / "speeches" / "index.html"
        assert parse_qs(urlsplit(href).query) == {kind: [slug], "year": [str(year)]}
        tagged = [s for s in result.speeches if s.metadata.year == year and slug in getattr(tags[s.slug], f"{kind}s")]
        shown_above = sum(speech_of[s].metadata.year == year for s in speeches[:NEWEST_QUOTED])
        expected = f"{year}年（{len(tagged)} 篇" + (f"，其中 {shown_above} 篇已在上文摘录）" if shown_above else "）")
        assert line.text_content() == expected
    assert parse_qs(urlsplit(lines[-1].xpath("./a/@href")[0]).query) == {kind: [slug]}
    assert lines[-1].text_content() == "全部年份"
    if kind == "sector":
        counts = content.xpath(".//p[contains(@class, 'kb-counts')]")[0].text_content()
        assert counts.startswith(f"{len(speeches)} 篇讲话、{len(passages)} 个段落")


def test_the_overview_matrix_shows_sectors_by_year_and_each_year_by_speech(archive: tuple[Path, BuildResult]) -> None:
    site, result = archive
    page = site / "sectors" / "overview" / "index.html"
    content = article(page)
    years = sorted({speech.metadata.year for speech in result.speeches if speech.metadata.year}, reverse=True)
    undated = any(speech.metadata.year is None for speech in result.speeches)
    header = [th.text_content().strip() for th in content.xpath(".//thead//th")]
    assert header == ["领域", *(f"{year}年" for year in years), *(["年份不详"] if undated else [])]
    assert f"共 {len(result.speeches)} 篇讲话" in content.text_content()
    road = result.knowledge.passages(sector="dao-lu-jiao-tong")
    newest = years[0]
    cell = next(
        a
        for a in content.xpath(".//a[contains(@class, 'kb-heat-')]")
        if "dao-lu-jiao-tong" in a.get("href") and a.xpath("count(ancestor::td/preceding-sibling::td)") == 1
    )
    in_year = [p for p in road if p.speech.metadata.year == newest]
    assert cell.text_content() == f"{len(in_year)} 段 / {len({p.speech.slug for p in in_year})} 篇"
    for href in content.xpath(".//a[contains(@class, 'kb-heat-')]/@href"):
        target, fragment = _target(page, href)
        assert fragment in article(target).xpath(".//h2/@id | .//li/@id"), href
    # One year at a time, speech by speech.
    year_page = site / "sectors" / f"overview-{newest}" / "index.html"
    columns = article(year_page).xpath(".//thead//th")
    assert len(columns) == 1 + sum(1 for speech in result.speeches if speech.metadata.year == newest)
    for year in [*years, None] if undated else years:
        year_page = site / "sectors" / f"overview-{year or 'undated'}" / "index.html"
        for href in article(year_page).xpath(".//a[contains(@class, 'kb-heat-')]/@href"):
            target, fragment = _target(year_page, href)
            assert fragment in article(target).xpath(".//h2/@id | .//li/@id"), href


def test_a_year_link_opens_the_speech_list_narrowed_to_the_page_s_speeches_of_that_year(
    archive: tuple[Path, BuildResult], browser: Browser
) -> None:
    site, result = archive
    tags = {tagged.speech.slug: tagged.tags for tagged in result.knowledge.speeches}
    with serve(site) as url:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}terms/yi-gang-shuang-ze/")
        link = page.locator("ul.kb-older li a").first
        year = int(link.inner_text().removesuffix("年"))
        link.click()
        page.wait_for_selector("form.kb-facets:not([hidden])")
        assert page.locator("select[name='term']").input_value() == "yi-gang-shuang-ze"
        assert page.locator("select[name='year']").input_value() == str(year)
        shown = set(page.locator("table#speech-list tbody tr:visible td:nth-child(2)").all_inner_texts())
        assert shown == {
            s.title for s in result.speeches if s.metadata.year == year and "yi-gang-shuang-ze" in tags[s.slug].terms
        }
        assert shown and errors == []
        page.close()
