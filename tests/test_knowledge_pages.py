"""Sector and term pages stay the same size as the archive grows: newest speeches quoted, older ones listed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from speechkb.build import BuildResult, build
from speechkb.outputs.knowledge_pages import NEWEST_QUOTED
from tests.conftest import SEED_FILES, copy_project
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


def test_a_sector_page_quotes_its_newest_speeches_and_lists_the_others(archive: tuple[Path, BuildResult]) -> None:
    site, result = archive
    passages = result.knowledge.passages(sector="dao-lu-jiao-tong")
    speeches = list(dict.fromkeys(p.speech.slug for p in passages))
    assert len(speeches) > NEWEST_QUOTED
    page = site / "sectors" / "dao-lu-jiao-tong" / "index.html"
    content = article(page)
    quoted = [h.get("id") for h in content.xpath(".//h2") if h.get("id") not in ("older", "checklist")]
    assert quoted == speeches[:NEWEST_QUOTED]
    [older] = content.xpath(".//h2[@id='older']/following-sibling::div[@class='kb-older']")
    listed = older.xpath(".//li/a/@href")
    assert [_target(page, href)[0].parent.name for href in listed] == speeches[NEWEST_QUOTED:]
    assert all(_target(page, href)[0].is_file() for href in listed)
    # Grouped by year, newest first, the newest year open.
    year_of = {speech.slug: speech.metadata.year for speech in result.speeches}
    years = Counter(year_of[slug] for slug in speeches[NEWEST_QUOTED:])
    groups = older.xpath("./details")
    assert [group.xpath("string(summary)") for group in groups] == [f"{year}年（{n} 篇）" for year, n in years.items()]
    assert [group.get("open") is not None for group in groups] == [True] + [False] * (len(groups) - 1)
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
        assert fragment in article(target).xpath(".//h2/@id | .//details/@id"), href
    # One year at a time, speech by speech.
    year_page = site / "sectors" / f"overview-{newest}" / "index.html"
    columns = article(year_page).xpath(".//thead//th")
    assert len(columns) == 1 + sum(1 for speech in result.speeches if speech.metadata.year == newest)
    for year in [*years, None] if undated else years:
        year_page = site / "sectors" / f"overview-{year or 'undated'}" / "index.html"
        for href in article(year_page).xpath(".//a[contains(@class, 'kb-heat-')]/@href"):
            target, fragment = _target(year_page, href)
            assert fragment in article(target).xpath(".//h2/@id | .//details/@id"), href
