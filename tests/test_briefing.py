"""Sector briefings: the PDF that `speechkb briefing` prints and the briefing page of the site, read back
with poppler (pdftotext, pdffonts) and printed by a real headless Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import Browser

from speechkb.model import Knowledge, Sector
from speechkb.outputs.briefing import (
    PRINT_FONTS,
    UnknownSectorError,
    briefing,
    briefing_html,
    find_sector,
    html_environment,
)
from speechkb.outputs.pdf import MissingGlyphsError, print_pdf
from speechkb.outputs.printing import PrintedBriefing, print_briefing
from speechkb.outputs.render import environment
from speechkb.project import Project
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, SEEDS, BuiltSite

SECTORS = load_vocabulary(ROOT / "vocabularies").sectors


def flat(text: str) -> str:
    """Text without any whitespace: PDF text extraction breaks lines and justifies wherever the layout did."""
    return re.sub(r"\s+", "", text)


# The text area of an A4 page (595 × 842 pt) inside the 22 mm (62 pt) top and bottom margins: cropping to it
# keeps the running header and the page number from interrupting a passage that runs across a page break.
_BODY = ["-x", "0", "-y", "60", "-W", "595", "-H", "722"]


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None, *, body_only: bool = False) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    crop = _BODY if body_only else []
    run = subprocess.run(["pdftotext", *pages, *crop, str(pdf), "-"], capture_output=True, text=True, check=True)
    return run.stdout


@dataclass(frozen=True)
class PrintedFile:
    printed: PrintedBriefing
    path: Path
    text: str


@pytest.fixture(scope="session")
def printed(seed_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, PrintedFile]:
    """Every sector's briefing of the seed corpus, printed once for the whole session (about a second each)."""
    folder = tmp_path_factory.mktemp("briefings")
    found = {}
    for sector in seed_site.result.knowledge.vocabulary.sectors:
        result = print_briefing(seed_site.result.knowledge, sector, Project.load(seed_site.root / "mkdocs.yml"))
        path = folder / f"{sector.slug}.pdf"
        path.write_bytes(result.document.pdf)
        found[sector.slug] = PrintedFile(result, path, flat(pdf_text(path, body_only=True)))
    return found


@pytest.mark.parametrize("sector", SECTORS, ids=[s.slug for s in SECTORS])
def test_the_pdf_quotes_every_passage_of_the_sector_with_its_citation(
    sector: Sector, seed_site: BuiltSite, printed: dict[str, PrintedFile]
) -> None:
    knowledge = seed_site.result.knowledge
    text = printed[sector.slug].text
    passages = knowledge.passages(sector=sector.slug)
    for passage in passages:
        assert flat(passage.paragraph.paragraph.text) in text, passage.paragraph.paragraph.anchor
    cited = printed[sector.slug].printed.briefing
    assert sum(len(speech.passages) for speech in cited.speeches) == len(passages)
    for speech in cited.speeches:
        for passage in speech.passages:
            assert flat(f"——{passage.citation}。") in text
            assert passage.speech_title == speech.speech.title and passage.speech_date in text
            assert passage.url.endswith(f"speeches/{speech.speech.slug}/#{passage.anchor}")


@pytest.mark.parametrize("sector", SECTORS, ids=[s.slug for s in SECTORS])
def test_the_pdf_embeds_the_cjk_fonts_on_a4_pages(sector: Sector, printed: dict[str, PrintedFile]) -> None:
    path = printed[sector.slug].path
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    embedded = [line for line in fonts.splitlines() if "CJK" in line]
    assert embedded and all(line.split()[-5] == "yes" for line in embedded), fonts
    assert {"Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC"} <= {line.split()[0].split("+")[1] for line in embedded}
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages == printed[sector.slug].printed.document.pages


def test_page_one_is_the_cover_and_each_speech_starts_a_page(printed: dict[str, PrintedFile]) -> None:
    road = printed["dao-lu-jiao-tong"]
    cover = pdf_text(road.path, 1, 1)
    today = date.today()
    assert "安全生产讲话简报" in cover and "道路交通" in cover
    assert "资料截至2024年春" in flat(cover) and "2022—2024年" in cover
    assert f"生成于 {today.year}年{today.month}月{today.day}日" in cover
    assert "5 篇讲话、13 个段落" in cover
    assert "第 1 页" not in cover  # no page furniture on the cover
    pages = range(2, road.printed.document.pages + 1)
    bodies = [flat(pdf_text(road.path, n, n, body_only=True)) for n in pages]
    for speech in road.printed.briefing.speeches:
        assert sum(body.startswith(flat(speech.speech.title)) for body in bodies) == 1, speech.speech.title
    page_texts = [pdf_text(road.path, n, n) for n in pages]
    running = page_texts[-1]
    assert "道路交通 · 安全生产讲话简报" in running and f"共 {road.printed.document.pages} 页" in running


def test_the_summary_counts_speeches_and_passages_by_year_and_level(printed: dict[str, PrintedFile]) -> None:
    road = printed["dao-lu-jiao-tong"].printed.briefing
    assert [(t.label, t.speeches, t.passages) for t in road.by_year] == [
        ("2022年", 1, 2),
        ("2024年", 1, 2),
        ("年份不详", 3, 9),
    ]
    assert [(t.label, t.speeches) for t in road.by_level] == [("县级", 4), ("市级", 1)]
    assert road.top_terms and road.top_terms[0][1] >= road.top_terms[-1][1]
    used = {slug for speech in road.speeches for p in speech.passages for slug in (t.slug for t in p.terms)}
    assert {entry.term.slug for entry in road.definitions} == used
    summary = flat(pdf_text(printed["dao-lu-jiao-tong"].path, 2, 2))
    assert "按年份" in summary and "年份不详39" in summary and road.top_terms[0][0].name in summary


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("道路交通", "道路交通"),
        ("危化品", "危险化学品"),
        ("煤礦", "煤矿"),
        ("dao-lu-jiao-tong", "道路交通"),
        (" Mei-Kuang ", "煤矿"),
    ],
)
def test_a_sector_is_found_by_name_alias_or_slug(query: str, name: str) -> None:
    vocabulary = load_vocabulary(ROOT / "vocabularies")
    assert find_sector(vocabulary, query).name == name


@pytest.mark.parametrize(
    ("query", "suggested"), [("交通", "道路交通"), ("meikuang", "煤矿"), ("烟花", "烟花爆竹"), ("林业防火", "森林防火")]
)
def test_an_unknown_sector_suggests_the_closest(query: str, suggested: str) -> None:
    vocabulary = load_vocabulary(ROOT / "vocabularies")
    with pytest.raises(UnknownSectorError) as error:
        find_sector(vocabulary, query)
    assert suggested in [s.name for s in error.value.suggestions]
    assert f"unknown sector '{query}'" in str(error.value) and suggested in str(error.value)


def test_since_and_level_select_the_speeches(seed_site: BuiltSite) -> None:
    knowledge: Knowledge = seed_site.result.knowledge
    road = find_sector(knowledge.vocabulary, "道路交通")
    recent = briefing(knowledge, road, since=2023)
    assert [s.speech.metadata.year for s in recent.speeches] == [2024]
    city = briefing(knowledge, road, level="市")
    assert {s.speech.metadata.level for s in city.speeches} == {"市"} and city.passage_count == 2
    assert briefing(knowledge, road, since=2023, level="市").speeches == ()
    assert recent.filters == "2023年以来" and city.filters == "市级"


def test_newest_quotes_the_newest_speeches_and_counts_the_rest(seed_site: BuiltSite) -> None:
    knowledge: Knowledge = seed_site.result.knowledge
    road = find_sector(knowledge.vocabulary, "道路交通")
    whole = briefing(knowledge, road)
    newest = briefing(knowledge, road, newest=2)
    assert newest.speeches == whole.speeches[:2] and newest.older_speeches == len(whole.speeches) - 2 > 0
    assert (newest.selected_speeches, newest.selected_passages) == (len(whole.speeches), whole.passage_count)
    assert newest.by_year == whole.by_year and newest.by_level == whole.by_level
    page = environment().get_template("briefing.md.j2").render(briefing=newest, pdf=None)
    assert f"更早的 {newest.older_speeches} 篇" in page and "speechkb briefing dao-lu-jiao-tong" in page


def test_the_command_prints_a_filtered_briefing(tmp_path: Path, seed_site: BuiltSite) -> None:
    output = tmp_path / "road.pdf"
    command = [sys.executable, "-m", "speechkb", "briefing", "道路运输", "-o", str(output), "--since", "2022"]
    run = subprocess.run(
        [*command, "--level", "市", "--seeds", str(SEEDS), "--config", str(seed_site.root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert re.search(r"wrote .*road\.pdf: 道路交通, 1 speeches, 2 passages, \d+ pages", run.stderr)
    text = flat(pdf_text(output))
    assert "在全市贯彻落实全省安全生产电视电话会议精神会议上的讲话" in text
    assert "在县2024年防范重特大安全事故工作会议上的讲话" not in text
    assert "2022年以来·市级" in text


def test_the_command_rejects_an_unknown_sector_with_suggestions(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "speechkb",
            "briefing",
            "交通",
            "--seeds",
            str(SEEDS),
            "--config",
            str(ROOT / "mkdocs.yml"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 2
    assert "unknown sector '交通'; did you mean 道路交通 (dao-lu-jiao-tong)" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_character_without_a_glyph_stops_the_print() -> None:
    html = "<html><body style=\"font-family: 'Noto Serif CJK SC'\"><p>安全\ue000生产</p></body></html>"
    with pytest.raises(MissingGlyphsError) as error:
        print_pdf(html, PRINT_FONTS.families)
    assert error.value.missing == "\ue000" and "U+E000" in str(error.value)


def test_a_character_drawn_with_another_font_is_a_fallback(seed_site: BuiltSite) -> None:
    knowledge = seed_site.result.knowledge
    value = briefing(knowledge, find_sector(knowledge.vocabulary, "农机"))
    with pytest.raises(MissingGlyphsError) as error:
        print_pdf(briefing_html(value, html_environment()), {PRINT_FONTS.serif})
    assert set(error.value.fallbacks) == {PRINT_FONTS.sans} and "农机" in error.value.fallbacks[PRINT_FONTS.sans]


# --- the briefing page of the site ------------------------------------------------------------------


def test_the_page_and_the_pdf_say_what_the_briefing_covers(
    seed_site: BuiltSite, printed: dict[str, PrintedFile]
) -> None:
    """资料截至 is the newest speech's date, the same on the page and in the PDF; the page, built the same any
    day, has no date of its own, and the PDF's day of printing is a footnote of its cover."""
    newest = seed_site.result.knowledge.speeches[0].speech
    assert newest.metadata.date == "2024"  # and in spring: the newest seed speech
    page = lxml.html.fromstring((seed_site.site / "briefings" / "dao-lu-jiao-tong" / "index.html").read_bytes())
    [facts] = page.xpath("//p[@class='briefing-facts']")
    assert facts.text_content().splitlines()[-1] == "资料截至：2024年春"
    assert "生成" not in page.xpath("string(//article)")
    cover = pdf_text(printed["dao-lu-jiao-tong"].path, 1, 1)
    assert re.search(r"资料截至\s+2024年春", cover)
    assert printed["dao-lu-jiao-tong"].printed.briefing.until == "2024年春"


def test_each_sector_page_links_to_its_briefing_page(seed_site: BuiltSite) -> None:
    for sector in SECTORS:
        page = (seed_site.site / "sectors" / sector.slug / "index.html").read_text(encoding="utf-8")
        assert f'href="../../briefings/{sector.slug}/"' in page and "打印简报" in page
        assert (seed_site.site / "briefings" / sector.slug / "index.html").is_file()


@pytest.mark.parametrize("slug", ["dao-lu-jiao-tong", "wei-xian-hua-xue-pin"])
def test_the_printed_briefing_page_has_the_passages_and_no_site_chrome(
    slug: str, browser: Browser, seed_site: BuiltSite, seed_site_url: str, tmp_path: Path
) -> None:
    page = browser.new_page()
    page.goto(f"{seed_site_url}briefings/{slug}/")
    assert page.locator(".md-search").count() == 1  # on screen the site is all there
    pdf = tmp_path / f"{slug}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.close()
    text = flat(pdf_text(pdf, body_only=True))
    for passage in seed_site.result.knowledge.passages(sector=slug):
        assert flat(passage.paragraph.paragraph.text) in text
    whole = flat(pdf_text(pdf))
    assert "安全生产讲话简报" in whole and "第1页/共" in whole  # the print stylesheet's running header and page numbers
    for chrome in (
        "搜索",
        "首页",
        "安全生产讲话知识库",
        "讲话原文版权归原作者所有",
        "返回领域页面",
        "政策术语候选术语",
    ):
        assert chrome not in whole
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
