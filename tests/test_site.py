"""The real site, built by the real MkDocs from the seeds, as a reader gets it."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import lxml.html
import pytest

from speechkb.build import build
from speechkb.folders import INDEX_DIR, TERM_DEFINITIONS
from speechkb.outputs.knowledge_pages import SpeechLinks
from speechkb.stages.readers import read_source
from tests.conftest import SEED_FILES, SEEDS, BuiltSite, copy_project, serve
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
    vocabulary = seed_site.result.knowledge.vocabulary
    assert f"按 {len(vocabulary.sectors)} 个行业领域和 {len(vocabulary.terms)} 个政策术语标注" in text
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


# --- the knowledge graph: sector and term pages, tags and term links on speech pages ----------------


def _links(page: Path) -> list[str]:
    return article(page).xpath(".//a/@href")


def _target(page: Path, href: str) -> tuple[Path, str]:
    """The built file a relative link on ``page`` leads to, and its #fragment (a ?query left out)."""
    rest, _, fragment = href.partition("#")
    path = rest.partition("?")[0]
    target = (page.parent / path).resolve() if path else page
    return (target / "index.html" if target.is_dir() else target), fragment


def test_every_link_and_anchor_in_the_site_resolves(seed_site: BuiltSite) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(seed_site.site.rglob("*.html")):
        if "assets" in page.parts or page.name == "404.html":
            continue
        for href in lxml.html.fromstring(page.read_bytes()).xpath("//a/@href"):
            if href.startswith(("http:", "https:", "mailto:", "javascript:")) or href in ("", "#"):
                continue
            target, fragment = _target(page, href)
            if not target.is_file():
                broken.append(f"{page.relative_to(seed_site.site)}: {href}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(lxml.html.fromstring(target.read_bytes()).xpath("//@id"))
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(seed_site.site)}: {href} (no such anchor)")
    assert broken == []
    assert len(ids) > 20  # anchors on speech, sector and matrix pages were checked


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_sector_pages_link_to_the_paragraphs_that_speak_of_the_sector(seed_site: BuiltSite, seed: Path) -> None:
    knowledge = seed_site.result.knowledge
    tagged = next(t for t in knowledge.speeches if t.speech.source.name == seed.name)
    speech_page = seed_site.speech_page(seed)
    paragraph_ids = set(article(speech_page).xpath(".//p/@id"))
    for slug in tagged.tags.sectors:
        sector_page = seed_site.site / "sectors" / slug / "index.html"
        linked = {
            fragment
            for target, fragment in (_target(sector_page, href) for href in _links(sector_page))
            if target == speech_page and fragment
        }
        expected = {p.paragraph.anchor for p in tagged.tags.paragraphs if slug in p.sectors}
        assert linked == expected and linked <= paragraph_ids


def test_a_sector_page_quotes_each_speech_newest_first(seed_site: BuiltSite) -> None:
    content = article(seed_site.site / "sectors" / "dao-lu-jiao-tong" / "index.html")
    assert content.xpath(".//h1")[0].text_content() == "道路交通"
    speeches = [h.text_content() for h in content.xpath(".//h2") if h.get("id") != "checklist"]
    assert speeches[:2] == [
        "在县2024年防范重特大安全事故工作会议上的讲话",
        "在全市贯彻落实全省安全生产电视电话会议精神会议上的讲话",
    ]
    assert len(speeches) == 5
    marked = [mark.text_content() for mark in content.xpath(".//mark")]
    assert "道路交通" in marked and "交通运输" in marked  # aliases are highlighted as the speech wrote them
    text = squash(content.text_content())
    assert "5篇讲话" in text and "相关领域" in text and "常用术语" in text


def test_a_section_headed_by_a_sector_is_quoted_whole_on_its_page(seed_site: BuiltSite) -> None:
    content = article(seed_site.site / "sectors" / "gong-mao" / "index.html")
    where = [span.text_content() for span in content.xpath(".//span[@class='kb-where']")]
    assert "二、突出重点，排查隐患，扎实开展专项活动 › （二）抓好工矿商贸领域安全。" in where
    assert not article(seed_site.site / "sectors" / "kuang-shan" / "index.html").xpath(
        ".//span[contains(., '工矿商贸')]"
    ), "工矿商贸 is not 矿山"


def test_a_term_page_shows_the_definitions_each_speech_gives(seed_site: BuiltSite) -> None:
    content = article(seed_site.site / "terms" / "wu-dao-wei" / "index.html")
    [definitions] = content.xpath(".//h2[@id='definitions']/following-sibling::ul[1]")
    items = [squash(li.text_content()) for li in definitions.xpath("./li")]
    assert items[0].startswith("“五到位”：安全责任、管理、投入、培训和应急救援出自在县2024年")
    assert items[1].startswith("“五到位”：整改措施、责任、资金、时限和预案出自在全市贯彻落实")
    sources = definitions.xpath(".//a/@href")
    assert all("#p-" in href for href in sources)


def test_speech_pages_tag_their_sectors_and_terms(seed_site: BuiltSite) -> None:
    knowledge = seed_site.result.knowledge
    for tagged in knowledge.speeches:
        content = article(seed_site.site / "speeches" / tagged.speech.slug / "index.html")
        sector_tags = [a.text_content() for a in content.xpath(".//a[contains(@class, 'kb-sector-tag')]")]
        term_tags = [a.text_content() for a in content.xpath(".//a[contains(@class, 'kb-term-tag')]")]
        assert sector_tags == [knowledge.vocabulary.sector(slug).name for slug in tagged.tags.sectors]
        assert term_tags == [knowledge.vocabulary.term(slug).name for slug in tagged.tags.terms]
        related = content.xpath(".//h2[@id='related']/following-sibling::ul[1]/li/a/@href")
        assert 1 <= len(related) <= 3


def test_a_related_speech_names_a_few_of_the_sectors_and_terms_it_shares_and_how_many(seed_site: BuiltSite) -> None:
    knowledge = seed_site.result.knowledge
    links = SpeechLinks(knowledge)
    vocabulary = knowledge.vocabulary
    for tagged in knowledge.speeches:
        content = article(seed_site.site / "speeches" / tagged.speech.slug / "index.html")
        own = {vocabulary.sector(slug).name for slug in tagged.tags.sectors} | {
            vocabulary.term(slug).name for slug in tagged.tags.terms
        }
        items = content.xpath(".//h2[@id='related']/following-sibling::ul[1]/li")
        for item, related in zip(items, links.related(tagged.speech), strict=True):
            named, _, count = item.text_content().partition("共同涉及 ")[2].partition(" 等 ")
            names = named.split("、")
            assert names == list(related.shared[:3]) and set(names) <= own  # the speech's own tags list them all
            assert count == (f"{len(related.shared)} 项" if len(related.shared) > 3 else "")


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_term_mentions_link_to_their_page_with_the_definitions_once_per_site(seed_site: BuiltSite, seed: Path) -> None:
    knowledge = seed_site.result.knowledge
    tagged = next(t for t in knowledge.speeches if t.speech.source.name == seed.name)
    content = article(seed_site.speech_page(seed))
    links = content.xpath(".//p[@id]/a[@class='kb-term']")
    expected = [(m.text, knowledge.vocabulary.term(m.slug)) for p in tagged.tags.paragraphs for m in p.term_mentions]
    assert [a.text_content() for a in links] == [text for text, _ in expected]
    assert all(a.get("href") == f"../../terms/{term.slug}/" for a, (_, term) in zip(links, expected, strict=True))
    # No definition on the page: the site's one script holds them all, and titles.js gives each link its own
    # (what a reader sees on hover: test_browser.py).
    assert not content.xpath(".//a[contains(@class, 'kb-term')][@title]")
    assert site_definitions(seed_site) == {term.slug: term.definition for term in knowledge.vocabulary.terms}


def site_definitions(site: BuiltSite) -> dict[str, str]:
    """The definitions the site's script sets, as the browser reads them."""
    script = (site.site / TERM_DEFINITIONS).read_text(encoding="utf-8")
    [value] = re.findall(r"^var speechkbDefinitions = (\{.*\});$", script, re.M)
    definitions: dict[str, str] = json.loads(value)
    return definitions


def test_glossary_is_ordered_by_pinyin(seed_site: BuiltSite) -> None:
    content = article(seed_site.site / "terms" / "index.html")
    letters = [h.text_content() for h in content.xpath(".//h2[not(@id='pending')]")]
    assert letters == sorted(letters) and letters[0] == "A"
    pending = content.xpath(".//h2[@id='pending']/following-sibling::ul//li/strong/a")
    names = [a.text_content() for a in content.xpath(".//li/strong/a") if a not in pending]
    assert names.index("党政同责") < names.index("两客一危") < names.index("三非") < names.index("一岗双责")
    assert len(names) == len(seed_site.result.knowledge.vocabulary.terms)
    # the formulas the speeches define, after the vocabulary's terms
    assert {"十必谈", "五有"} <= {a.text_content() for a in pending}


def test_candidate_terms_page_lists_what_the_vocabulary_lacks(seed_site: BuiltSite) -> None:
    content = article(seed_site.site / "terms" / "candidates" / "index.html")
    rows = {row.xpath("./td")[0].text_content().removesuffix("（待审定）"): row for row in content.xpath(".//tbody/tr")}
    assert {"五有", "十必谈", "一矿一策", "三个清单", "四个清单"} <= set(rows)
    assert not {"党政同责", "春节", "五到位"} & set(rows)
    assert rows["十必谈"].xpath("./td")[3].text_content().startswith("生命安全红线不可逾越")
    assert rows["一矿一策"].xpath("./td")[4].xpath(".//a/@href")[0].startswith("../../speeches/zai-xian-2024")
    # a candidate a speech defines links to its page; one no speech defines has none
    assert rows["十必谈"].xpath("./td")[0].xpath(".//a/@href") == ["../shi-bi-tan/"]
    assert rows["一矿一策"].xpath("./td")[0].xpath(".//a") == []


def test_overview_matrix_counts_passages_per_sector_and_speech(seed_site: BuiltSite) -> None:
    content = article(seed_site.site / "sectors" / "overview" / "index.html")
    header = [th.text_content().strip() for th in content.xpath(".//thead//th")]
    assert header == ["领域", "2024年", "2022年", "年份不详"]
    rows = {row.xpath("./td")[0].text_content(): row.xpath("./td")[1:] for row in content.xpath(".//tbody/tr")}
    coal = [cell.text_content() for cell in rows["煤矿"]]
    assert coal[:2] == ["", ""] and coal[2].endswith("/ 1 篇")  # only the undated 20_ county speech
    undated = article(seed_site.site / "sectors" / "overview-undated" / "index.html")
    header = [th.text_content() for th in undated.xpath(".//thead//th")]
    assert header[0] == "领域" and len(header) == 4  # the three undated speeches
    rows = {row.xpath("./td")[0].text_content(): row.xpath("./td")[1:] for row in undated.xpath(".//tbody/tr")}
    assert [cell.text_content() for cell in rows["煤矿"]].count("") == 2
    shaded = content.xpath(".//a[contains(@class, 'kb-heat-')]")
    assert shaded and all(a.get("href").split("#")[0].startswith("../") for a in shaded)


def test_kb_json_describes_the_knowledge_base_with_links_relative_to_the_site(seed_site: BuiltSite) -> None:
    data = seed_site.knowledge()
    knowledge = seed_site.result.knowledge
    assert data["version"] == 2
    assert [s["id"] for s in data["speeches"]] == [t.speech.slug for t in knowledge.speeches]
    newest = data["speeches"][0]
    assert newest["title"] == "在县2024年防范重特大安全事故工作会议上的讲话" and newest["date"] == "2024"
    assert newest["level"] == "县" and newest["source"] == "004_66b770bb223d1e26.txt"
    assert {"level": 3, "text": "（一）落实安全生产责任。", "anchor": "s2-1"} in newest["headings"]
    assert "道路交通" in newest["sectors"] and "五到位" in newest["terms"]
    road = next(s for s in data["sectors"] if s["name"] == "道路交通")
    assert road["url"] == "sectors/dao-lu-jiao-tong/" and "交通运输" in road["aliases"]
    road_passages = knowledge.passages(sector="dao-lu-jiao-tong")
    assert [(m["speech"], a) for m in road["mentions"] for a in m["anchors"]] == [
        (p.speech.slug, p.paragraph.paragraph.anchor) for p in road_passages
    ]
    assert len({m["speech"] for m in road["mentions"]}) == len(road["mentions"])  # each speech once
    five = next(t for t in data["terms"] if t["name"] == "五到位")
    assert {d["text"] for d in five["definitions"]} == {
        "整改措施、责任、资金、时限和预案",
        "安全责任、管理、投入、培训和应急救援",
    }
    assert any(c["name"] == "五有" and c["definitions"] for c in data["candidates"])
    urls = [s["url"] for s in data["speeches"]] + [e["url"] for e in data["sectors"] + data["terms"]]
    # A paragraph's URL is its speech's URL and its anchor.
    speech_urls = {s["id"]: s["url"] for s in data["speeches"]}
    urls += [
        f"{speech_urls[m['speech']]}#{a}"
        for e in data["sectors"] + data["terms"]
        for m in e["mentions"]
        for a in m["anchors"]
    ]
    assert all(not url.startswith("/") and "://" not in url for url in urls)
    for url in urls:
        target, fragment = _target(seed_site.site / "index.html", url)
        assert target.is_file(), url
        assert not fragment or fragment in lxml.html.fromstring(target.read_bytes()).xpath("//@id"), url


def test_kb_json_links_work_when_the_site_is_published_under_a_sub_path(seed_site: BuiltSite) -> None:
    with serve(seed_site.root) as root_url:  # the site is then at <root>/site/, like a project's GitHub Pages
        kb_url = f"{root_url}site/kb.json.gz"
        with urllib.request.urlopen(kb_url, timeout=10) as response:
            data = json.loads(gzip.decompress(response.read()))
        for entry in data["speeches"] + data["sectors"][:3] + data["terms"][:3]:
            with urllib.request.urlopen(urllib.parse.urljoin(kb_url, entry["url"]), timeout=10) as response:
                assert entry["name" if "name" in entry else "title"] in response.read().decode("utf-8")


@pytest.mark.site
def test_a_traditional_character_speech_is_shown_as_written_and_tagged(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "traditional.txt").write_text(
        "在全縣安全生產工作會議上的講話\n"
        "同志們：\n"
        "一、抓好非煤礦山領域安全\n"
        "要嚴格落實“黨政同責、一崗雙責”，深入開展隱患排查治理，煤礦企業要落實“五落實”。\n"
        "二、抓好煙花爆竹安全\n"
        "加強煙花爆竹生產、運輸、儲存、銷售等環節的監管。\n",
        encoding="utf-8",
    )
    config = copy_project(tmp_path)
    result = build(seeds, tmp_path / "site", config)
    speech = next(s for s in result.speeches if s.source.name == "traditional.txt")
    page = tmp_path / "site" / "speeches" / speech.slug / "index.html"
    content = article(page)
    text = content.text_content()
    assert "要嚴格落實“黨政同責、一崗雙責”，深入開展隱患排查治理，煤礦企業要落實“五落實”。" in text
    assert [a.text_content() for a in content.xpath(".//p/a[@class='kb-term']")] == [
        "黨政同責",
        "一崗雙責",
        "隱患排查治理",
        "五落實",
    ]
    assert [a.text_content() for a in content.xpath(".//a[contains(@class, 'kb-sector-tag')]")] == [
        "非煤矿山",
        "煤矿",
        "烟花爆竹",
    ]
    sector_page = article(tmp_path / "site" / "sectors" / "yan-hua-bao-zhu" / "index.html")
    assert speech.title in [h.text_content() for h in sector_page.xpath(".//h2")]
    assert "煙花爆竹" in [mark.text_content() for mark in sector_page.xpath(".//mark")]


def test_the_search_index_is_in_the_site_as_the_build_wrote_it(seed_site: BuiltSite) -> None:
    written = seed_site.root / "docs" / INDEX_DIR
    site_index = seed_site.site / INDEX_DIR
    published = sorted(path.relative_to(site_index) for path in site_index.rglob("*") if path.is_file())
    assert published == sorted(path.relative_to(written) for path in written.rglob("*") if path.is_file())
    # served over http(s): every file but the manifest packed
    assert {path.suffix for path in published} == {".bin", ".js"}
    assert [path for path in published if path.suffix == ".js"] == [Path("manifest.js")]
    for relative in published:
        # Hard-linked, not copied: thousands of files at 1,000 speeches.
        assert (seed_site.site / INDEX_DIR / relative).samefile(written / relative)
