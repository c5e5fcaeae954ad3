"""What the speeches require and how that changed, as a reader sees it: the 检查清单 of a sector page and of
its printed briefing, the trend charts of sector, term and briefing pages, 新提法 on the glossary, kb.json.

The seed speeches' 道路交通 requirements below were listed by reading the passages about the sector: what a
careful reader preparing an inspection would write down, and what they would not (a duty roster and forest
fire watch in a paragraph that names 道路交通 only among the season's accident types).
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from speechkb.outputs.briefing import briefing
from speechkb.outputs.knowledge_pages import render_knowledge_pages
from speechkb.outputs.printing import print_briefing
from speechkb.outputs.render import environment, newest_first
from speechkb.outputs.slug import assign_slugs
from speechkb.outputs.speech_list import speech_facets
from speechkb.project import Project
from speechkb.stages.extract import extract_corpus
from speechkb.stages.formulas import defined_formulas
from speechkb.stages.parse import parse
from speechkb.stages.readers import read_source
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, TEXT_RULES, BuiltSite
from tests.test_briefing import flat, pdf_text

ROAD = "dao-lu-jiao-tong"
# Read from the seeds: the requirements of 道路交通, by their first words.
ROAD_REQUIRED = [
    "交通部门要全面梳理全县道路隐患点",  # 2024, 道路交通方面
    "严厉打击无照营运、非法载客等违法行为",  # 2024, ends 坚决遏制交通事故频发势头
    "各级公安、交通运输等有关部门要深刻汲取",  # 2022, 抓好道路交通领域安全
    "要加强对800公里以上长途客运班线取缔车辆后续监管",  # 2022
    "公安、交警、交通、农机等部门要抓好客运企业安全管理",  # undated, （一）抓好道路交通领域安全
    "要及时落实大雾、雪雨等特殊天气条件下的安全应对措施",  # the same sentence's second clause
]
# In passages about 道路交通 but about something else: never on its checklist.
ROAD_NOT_REQUIRED = ["各镇及林业部门一定要派人加强监测", "值班人员必须坚守岗位", "县政府督查室要做好值班督查"]


def article(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8")).xpath("//article")[0]


def test_the_sector_page_lists_what_the_speeches_require_with_links_to_the_paragraphs(seed_site: BuiltSite) -> None:
    page = seed_site.site / "sectors" / ROAD / "index.html"
    content = article(page)
    assert content.xpath(".//h2[@id='checklist']")
    rows = content.xpath(".//table[contains(@class, 'kb-checklist')]/tbody/tr")
    required = [row.xpath("string(./td[1])") for row in rows]
    for words in ROAD_REQUIRED:
        assert sum(text.startswith(words) for text in required) == 1, words
    for words in ROAD_NOT_REQUIRED:
        assert not any(words in text for text in required), words

    def subject(words: str) -> str:
        return next(row.xpath("string(./td[2])") for row in rows if row.xpath("string(./td[1])").startswith(words))

    assert subject("交通部门要全面") == "交通部门"
    assert subject("要及时落实大雾") == "公安、交警、交通、农机等部门"  # kept from the sentence's first clause
    for href in content.xpath(".//td[contains(@class, 'kb-checklist-sources')]//a/@href"):
        target, _, anchor = href.partition("#")
        speech_page = (page.parent / target).resolve() / "index.html"
        assert article(speech_page).xpath(f".//*[@id='{anchor}']"), href
    # Grouped under the term or topic, each group a heading; a term's heading links to the term.
    groups = [h.text_content().rstrip("¶").strip() for h in content.xpath(".//h3")]
    assert "隐患排查治理" in groups and "执法打击" in groups
    assert content.xpath(".//h3/a[@href='../../terms/yin-huan-pai-cha-zhi-li/']")


def test_sector_and_term_pages_chart_their_passages_per_year(seed_site: BuiltSite) -> None:
    knowledge = seed_site.result.knowledge
    for path, passages in [
        (seed_site.site / "sectors" / ROAD / "index.html", knowledge.passages(sector=ROAD)),
        (seed_site.site / "terms" / "liang-ke-yi-wei" / "index.html", knowledge.passages(term="liang-ke-yi-wei")),
    ]:
        [figure] = article(path).xpath(".//figure[contains(@class, 'kb-trend')]")
        [svg] = figure.xpath("./svg")
        bars = svg.xpath("./g")
        years = sorted({p.speech.metadata.year for p in passages if p.speech.metadata.year})
        labels = [bar.xpath("string(./text[last()])") for bar in bars]
        undated = ["不详"] if any(p.speech.metadata.year is None for p in passages) else []
        assert labels == [str(year) for year in range(years[0], years[-1] + 1)] + undated
        heights = sum(int(bar.xpath("string(./text[1])") or 0) for bar in bars if bar.xpath("./rect"))
        assert heights == len(passages)
        assert "段" in figure.xpath("string(./figcaption)")
    road = article(seed_site.site / "sectors" / ROAD / "index.html").xpath(".//figure//svg")[0]
    # The seeds' 道路交通 speeches are of two levels: the bars are divided by level, with a legend.
    assert {"县级", "市级"} <= set(road.xpath(".//text()"))


def test_the_overview_cells_link_to_the_year_on_the_sector_page(seed_site: BuiltSite) -> None:
    page = seed_site.site / "sectors" / "overview" / "index.html"
    for link in article(page).xpath(".//a[contains(@class, 'kb-heat-')]"):
        target, _, anchor = link.get("href").partition("#")
        assert article((page.parent / target).resolve() / "index.html").xpath(f".//*[@id='{anchor}']"), link.get("href")
        assert re.fullmatch(r"\d+ 段 / \d+ 篇", link.text_content())


def test_kb_json_has_each_sectors_requirements(seed_site: BuiltSite) -> None:
    data = seed_site.knowledge()
    road = next(sector for sector in data["sectors"] if sector["slug"] == ROAD)
    texts = [requirement["text"] for requirement in road["requirements"]]
    assert all(any(text.startswith(words) for text in texts) for words in ROAD_REQUIRED)
    first = next(r for r in road["requirements"] if r["text"].startswith("交通部门要全面"))
    assert first["form"] == "要" and first["subject"] == "交通部门" and first["deadline"] is None
    [source] = first["sources"]  # kb.json version 2: the paragraph's URL is its speech's url + # + anchor
    speech = next(speech for speech in data["speeches"] if speech["id"] == source["speech"])
    assert set(source) == {"speech", "anchor"} and speech["url"] == f"speeches/{source['speech']}/"


def test_the_printed_briefing_has_the_checklist_and_the_chart(seed_site: BuiltSite, tmp_path: Path) -> None:
    knowledge = seed_site.result.knowledge
    sector = knowledge.vocabulary.sector(ROAD)
    printed = print_briefing(knowledge, sector, Project.load(seed_site.root / "mkdocs.yml"))
    pdf = tmp_path / "road.pdf"
    pdf.write_bytes(printed.document.pdf)
    summary = pdf_text(pdf, 2, 2)
    # 2023 has no speech: only the chart's axis names it.
    assert "2023" in summary and "2023年" not in summary and "不详" in summary
    pages = [flat(pdf_text(pdf, n, n, body_only=True)) for n in range(1, printed.document.pages + 1)]
    first = next(n for n, text in enumerate(pages) if text.startswith("检查清单"))
    assert "序号要求责任主体时限出处" in pages[first] and "检查情况" in pages[first]
    speeches = next(
        n for n, text in enumerate(pages) if text.startswith(flat(printed.briefing.speeches[0].speech.title))
    )
    text = "".join(pages[first:speeches])  # the checklist runs on until the first speech's page
    for words in ROAD_REQUIRED:
        assert flat(words[:10]) in text, words  # a table's columns interleave in the text: its first line
    items = printed.briefing.checklist_items
    assert items == sum(len(group.items) for group in printed.briefing.checklist) and f"以下{items}项" in text


def test_the_briefing_page_of_the_site_has_the_checklist_with_a_blank_column(seed_site: BuiltSite) -> None:
    content = article(seed_site.site / "briefings" / ROAD / "index.html")
    [table] = content.xpath(".//table[contains(@class, 'briefing-checklist-table')]")
    assert [th.text_content() for th in table.xpath("./thead//th")][-1] == "检查情况"
    rows = [row for row in table.xpath("./tbody/tr") if row.xpath("./td")]
    assert rows and all(row.xpath("string(./td[last()])") == "" for row in rows)
    assert content.xpath(".//figure[contains(@class, 'kb-trend')]/svg")


def test_a_term_first_used_in_the_newest_year_is_marked_new_on_the_glossary(tmp_path: Path) -> None:
    vocabulary = load_vocabulary(ROOT / "vocabularies")
    speeches = []
    for year, text in [("2023", "各乡镇要落实一岗双责。"), ("2024", "各乡镇要落实一岗双责，坚持党政同责。")]:
        (tmp_path / f"{year}.txt").write_text(f"在{year}年全县安全生产会议上的讲话\n\n{text}\n", encoding="utf-8")
        (tmp_path / f"{year}.yml").write_text(f'date: "{year}"\n', encoding="utf-8")
        speeches.append(parse(read_source(tmp_path / f"{year}.txt"), TEXT_RULES))
    knowledge = extract_corpus(newest_first(assign_slugs(speeches, [])), vocabulary)
    formulas = defined_formulas(knowledge)
    pages = dict(render_knowledge_pages(knowledge, environment(), formulas, speech_facets(knowledge, formulas)))
    glossary = pages["terms/index.md"]
    new = re.compile(r"\*\*\[(\S+?)\]\([a-z-]+\.md\)\*\* <span class=\"kb-new\"[^>]*>新提法</span>")
    assert set(new.findall(glossary)) == {"党政同责"}


@pytest.mark.parametrize("level", [None, "县"])
def test_the_briefing_checklist_covers_the_speeches_it_quotes(seed_site: BuiltSite, level: str | None) -> None:
    knowledge = seed_site.result.knowledge
    value = briefing(knowledge, knowledge.vocabulary.sector(ROAD), level=level)
    quoted = {speech.speech.slug for speech in value.speeches}
    sources = {speech.slug for group in value.checklist for item in group.items for speech, _ in item.sources}
    assert sources and sources <= quoted
