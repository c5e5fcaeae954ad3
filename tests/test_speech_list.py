"""The speech list (讲话): narrowed by year, level, place, sector and term, sorted by column, in a real Chromium.

The expected rows are counted from the built speeches' own metadata and tags, never written down.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from playwright.sync_api import Browser, Page

from speechkb.build import build_offline
from speechkb.machinery.offline import BUNDLE_NAME
from speechkb.model import Candidate, Knowledge, Metadata, Sector, Speech, SpeechTags, TaggedSpeech, Term, Vocabulary
from speechkb.outputs.slug import pinyin_key
from speechkb.outputs.speech_list import UNKNOWN, list_address, listed_by_year, speech_facets, speech_list
from speechkb.stages.formulas import DefinedFormula
from tests.conftest import SEEDS, BuiltSite, copy_project

ROWS = "table#speech-list tbody tr"


def _speech(slug: str, **metadata: str) -> Speech:
    return Speech(
        source=Path(f"{slug}.txt"), slug=slug, title=f"讲话{slug}", title_origin="text", metadata=Metadata(**metadata)
    )


def test_facets_list_what_the_speeches_have_in_the_order_readers_look_for_it() -> None:
    sectors = (
        Sector("道路交通", "dao-lu-jiao-tong", ""),
        Sector("消防", "xiao-fang", ""),
        Sector("矿山", "kuang-shan", ""),
    )
    speeches = [
        _speech("a", date="2023-03-15", level="县", place="青川县"),
        _speech("b", date="2024", level="省", place="安宁市"),
        _speech("c", level="县"),
    ]
    terms = (Term("一岗双责", "yi-gang-shuang-ze", "责任", ""), Term("四不放过", "si-bu-fang-guo", "事故", ""))
    tags = {"a": ("xiao-fang",), "b": ("xiao-fang", "dao-lu-jiao-tong"), "c": ()}
    term_tags = {"a": (), "b": ("si-bu-fang-guo",), "c": ()}
    knowledge = Knowledge(
        Vocabulary(sectors=sectors, terms=terms),
        tuple(TaggedSpeech(s, SpeechTags(title_sectors=tags[s.slug], title_terms=term_tags[s.slug])) for s in speeches),
    )
    # A formula a speech defines and the vocabulary lacks is a term still to be decided: listed after the terms.
    formula = DefinedFormula(Candidate("三个清单", ((speeches[0], "p-1"), (speeches[0], "p-2"))), "san-ge-qing-dan")
    listed = speech_list(speeches, knowledge, (formula,), speech_facets(knowledge, (formula,)))
    options = {facet.name: [(o.value, o.label) for o in facet.options] for facet in listed.facets}
    assert options["year"] == [("2024", "2024年"), ("2023", "2023年"), (UNKNOWN, UNKNOWN)]
    assert options["level"] == [("省", "省级"), ("县", "县级")]  # highest first; none unknown
    assert options["place"] == [("安宁市", "安宁市"), ("青川县", "青川县"), (UNKNOWN, UNKNOWN)]  # by pinyin
    assert options["sector"] == [("dao-lu-jiao-tong", "道路交通"), ("xiao-fang", "消防")]  # only those used
    assert [row.sectors for row in listed.rows] == ["2", "3", ""]  # bit N for the vocabulary's sector N
    assert options["term"] == [("si-bu-fang-guo", "四不放过"), ("san-ge-qing-dan", "三个清单（待审定）")]
    assert [row.terms for row in listed.rows] == ["4", "2", ""]
    assert [(row.year, row.date_key, row.level_key) for row in listed.rows] == [
        ("2023", "2023-03-15", 3),
        ("2024", "2024", 1),
        (UNKNOWN, "", 3),
    ]


def test_pages_link_to_the_list_narrowed_and_count_what_it_shows() -> None:
    speeches = [_speech("a", date="2023-03-15"), _speech("b", date="2023"), _speech("c")]
    sectors = (Sector("消防", "xiao-fang", ""),)
    knowledge = Knowledge(
        Vocabulary(sectors=sectors),
        tuple(TaggedSpeech(s, SpeechTags(title_sectors=("xiao-fang",))) for s in speeches),
    )
    counted = listed_by_year(speech_facets(knowledge, ()), speeches)
    assert counted == {("sector", "xiao-fang", "2023"): 2, ("sector", "xiao-fang", UNKNOWN): 1}
    assert list_address(sector="xiao-fang", year=UNKNOWN) == (
        "../speeches/index.md?sector=xiao-fang&amp;year=%E4%B8%8D%E8%AF%A6"
    )


def test_without_javascript_the_page_is_the_full_list(seed_site: BuiltSite) -> None:
    root = lxml.html.fromstring((seed_site.site / "speeches" / "index.html").read_bytes())
    [form] = root.xpath("//article//form[contains(@class, 'kb-facets')]")
    assert form.get("hidden") is not None  # the script shows it
    rows = root.xpath("//article//table[@id='speech-list']/tbody/tr")
    assert len(rows) == len(seed_site.result.speeches)
    assert not any(row.get("hidden") is not None for row in rows)
    links = {row.xpath("./td[2]/a/@href")[0] for row in rows}
    assert links == {f"{speech.slug}/" for speech in seed_site.result.speeches}


def test_without_javascript_in_the_browser_every_speech_is_listed(browser: Browser, seed_site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{seed_site_url}speeches/?year=2024")
    assert page.locator(f"{ROWS}:visible").count() == page.locator(ROWS).count() > 1
    assert not page.locator("form.kb-facets").is_visible()
    context.close()


def _open(browser: Browser, url: str) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    page.wait_for_selector("form.kb-facets:not([hidden])")
    return page, errors


def _shown_titles(page: Page) -> list[str]:
    return page.locator(f"{ROWS}:visible td:nth-child(2)").all_inner_texts()


def _option_counts(page: Page, name: str) -> dict[str, str]:
    """What each option of a facet says, by value: 2024年（1）."""
    options = page.locator(f"form.kb-facets select[name='{name}'] option")
    return dict(zip(options.evaluate_all("os => os.map(o => o.value)"), options.all_inner_texts(), strict=True))


def _titles(seed_site: BuiltSite, keep: Callable[[Speech], bool]) -> set[str]:
    return {speech.title for speech in seed_site.result.speeches if keep(speech)}


def _sectors(seed_site: BuiltSite) -> dict[str, tuple[str, ...]]:
    return {t.speech.slug: t.tags.sectors for t in seed_site.result.knowledge.speeches}


def test_a_facet_narrows_the_list_and_every_option_says_how_many_it_shows(
    browser: Browser, seed_site: BuiltSite, seed_site_url: str
) -> None:
    page, errors = _open(browser, f"{seed_site_url}speeches/")
    speeches = seed_site.result.speeches
    years = {speech.metadata.year for speech in speeches if speech.metadata.year}
    counts = _option_counts(page, "year")
    assert counts[""] == f"全部（{len(speeches)}）"
    for year in years:
        assert counts[str(year)] == f"{year}年（{sum(s.metadata.year == year for s in speeches)}）"
    sectors = _sectors(seed_site)
    for listed in seed_site.result.knowledge.vocabulary.sectors:  # every sector's bit read from the rows' masks
        tagged = sum(listed.slug in sectors[s.slug] for s in speeches)
        assert _option_counts(page, "sector").get(listed.slug) == (f"{listed.name}（{tagged}）" if tagged else None)
    sector = seed_site.result.knowledge.vocabulary.sectors[0]
    page.select_option("select[name='sector']", sector.slug)
    assert set(_shown_titles(page)) == _titles(seed_site, lambda s: sector.slug in sectors[s.slug])
    page.select_option("select[name='sector']", "")
    terms = {t.speech.slug: t.tags.terms for t in seed_site.result.knowledge.speeches}
    for listed_term in seed_site.result.knowledge.vocabulary.terms:  # the terms' mask, read the same way
        tagged = sum(listed_term.slug in terms[s.slug] for s in speeches)
        wanted = f"{listed_term.name}（{tagged}）" if tagged else None
        assert _option_counts(page, "term").get(listed_term.slug) == wanted
    term = next(
        term for term in seed_site.result.knowledge.vocabulary.terms if any(term.slug in t for t in terms.values())
    )
    page.select_option("select[name='term']", term.slug)
    assert set(_shown_titles(page)) == _titles(seed_site, lambda s: term.slug in terms[s.slug])
    page.select_option("select[name='term']", "")
    year = max(years)
    page.select_option("select[name='year']", str(year))
    assert set(_shown_titles(page)) == _titles(seed_site, lambda s: s.metadata.year == year)
    assert (
        page.locator(".kb-facets-status").inner_text() == f"符合 {len(_shown_titles(page))} 篇，共 {len(speeches)} 篇"
    )
    page.select_option("select[name='year']", UNKNOWN)
    assert set(_shown_titles(page)) == _titles(seed_site, lambda s: s.metadata.year is None)
    assert errors == []
    page.close()


def test_facets_combine_and_their_counts_follow_the_other_choices(
    browser: Browser, seed_site: BuiltSite, seed_site_url: str
) -> None:
    page, _ = _open(browser, f"{seed_site_url}speeches/")
    level = "县"
    page.select_option("select[name='level']", level)
    speeches = [s for s in seed_site.result.speeches if s.metadata.level == level]
    counts = _option_counts(page, "year")
    assert counts[""] == f"全部（{len(speeches)}）"
    for year in {s.metadata.year for s in speeches if s.metadata.year}:
        assert counts[str(year)] == f"{year}年（{sum(s.metadata.year == year for s in speeches)}）"
    year = max(s.metadata.year for s in speeches if s.metadata.year)
    page.select_option("select[name='year']", str(year))
    assert set(_shown_titles(page)) == _titles(
        seed_site, lambda s: s.metadata.level == level and s.metadata.year == year
    )
    # An option that would show nothing with the other choices kept cannot be chosen.
    empty = [value for value, text in _option_counts(page, "place").items() if text.endswith("（0）")]
    assert all(page.locator(f"select[name='place'] option[value='{value}']").is_disabled() for value in empty)
    page.click("form.kb-facets button[type='reset']")
    # The reset empties the status <output> at once, and the list follows a moment later (the choices are read
    # once the form has reset them), saying so in the address.
    page.wait_for_function("window.location.search === ''")
    assert page.locator(".kb-facets-status").evaluate("status => status.value") == ""
    assert len(_shown_titles(page)) == len(seed_site.result.speeches)
    page.close()


def test_the_address_holds_the_choices_so_a_narrowed_list_can_be_shared(
    browser: Browser, seed_site: BuiltSite, seed_site_url: str
) -> None:
    page, _ = _open(browser, f"{seed_site_url}speeches/")
    page.select_option("select[name='level']", "县")
    page.select_option("select[name='place']", UNKNOWN)
    page.click("th[data-sort-key='title']")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"level": ["县"], "place": [UNKNOWN], "sort": ["title"]}
    shown = _shown_titles(page)
    shared, _ = _open(browser, page.url)  # the address as bookmarked, in a new tab
    assert _shown_titles(shared) == shown
    assert shared.locator("select[name='level']").input_value() == "县"
    assert shared.locator("th[data-sort-key='title']").get_attribute("aria-sort") == "ascending"
    shared.close()
    page.close()
    stale, errors = _open(browser, f"{seed_site_url}speeches/?year=1899&level=县")  # a year no longer listed
    assert set(_shown_titles(stale)) == _titles(seed_site, lambda s: s.metadata.level == "县")
    assert errors == []
    stale.close()


def test_columns_sort_both_ways_titles_and_places_by_pinyin(
    browser: Browser, seed_site: BuiltSite, seed_site_url: str
) -> None:
    page, _ = _open(browser, f"{seed_site_url}speeches/")
    titles = [speech.title for speech in seed_site.result.speeches]
    page.click("th[data-sort-key='title']")
    assert _shown_titles(page) == sorted(titles, key=pinyin_key)
    page.click("th[data-sort-key='title']")
    assert _shown_titles(page) == sorted(titles, key=pinyin_key, reverse=True)
    page.click("th[data-sort-key='date']")
    dates = page.locator(f"{ROWS} td:nth-child(1)").evaluate_all("cells => cells.map(c => c.dataset.sort)")
    assert dates == sorted(dates) and dates[-1] > dates[0]
    assert parse_qs(urlsplit(page.url).query) == {"sort": ["date"]}
    page.close()


def test_facets_work_from_the_file_system(browser: Browser, seed_site: BuiltSite) -> None:
    listing = (seed_site.site / "speeches" / "index.html").as_uri()
    page, errors = _open(browser, f"{listing}?level=县")
    assert set(_shown_titles(page)) == _titles(seed_site, lambda s: s.metadata.level == "县")
    page.select_option("select[name='level']", "市")
    assert set(_shown_titles(page)) == _titles(seed_site, lambda s: s.metadata.level == "市")
    assert parse_qs(urlsplit(page.url).query or urlsplit(page.url).fragment) == {"level": ["市"]}
    assert errors == []
    page.close()


@pytest.fixture(scope="module")
def offline_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy of the seed site (``make offline``), unpacked as a reader unpacks it."""
    root = tmp_path_factory.mktemp("offline-list")
    bundle = root / "speechkb-offline.zip"
    build_offline(SEEDS, bundle, copy_project(root / "project"))
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root)
    return root / BUNDLE_NAME


def test_the_offline_copy_narrows_and_sorts_its_list_from_the_file_system(
    browser: Browser, offline_bundle: Path
) -> None:
    page, errors = _open(browser, (offline_bundle / "speeches" / "index.html").as_uri() + "?level=县")
    county = sum(row.get("data-level") == "县" for row in _rows_of(offline_bundle))
    assert 0 < len(_shown_titles(page)) == county < len(_rows_of(offline_bundle))
    page.click("th[data-sort-key='title']")
    assert parse_qs(urlsplit(page.url).query) == {"level": ["县"], "sort": ["title"]}
    page.locator(f"{ROWS}:visible a").first.click()  # a row's link opens its page in the copy
    # The address changes when the navigation commits, before the page is read: wait for its heading.
    page.wait_for_url("**/speeches/*.html")
    page.locator("article h1").first.wait_for()
    assert page.locator("article h1").count() == 1
    assert errors == []
    page.close()


def _rows_of(site: Path) -> list[lxml.html.HtmlElement]:
    root = lxml.html.fromstring((site / "speeches" / "index.html").read_bytes())
    rows: list[lxml.html.HtmlElement] = root.xpath("//table[@id='speech-list']/tbody/tr")
    return rows


@pytest.mark.parametrize("name", ["year", "level", "place", "sector"])
def test_every_row_carries_what_it_is_narrowed_by(seed_site: BuiltSite, name: str) -> None:
    root = lxml.html.fromstring((seed_site.site / "speeches" / "index.html").read_bytes())
    rows = root.xpath("//table[@id='speech-list']/tbody/tr")
    options = root.xpath(f"//form//select[@name='{name}']/option[@value!='']")
    values = {option.get("data-key") or option.get("value") for option in options}
    for row in rows:
        value = row.get(f"data-{name}")
        if name == "sector":  # a mask: bit N for the option whose key is N
            bits = int(value or "0", 16)
            assert {str(n) for n in range(bits.bit_length()) if bits >> n & 1} <= values
        else:
            assert value in values


def test_a_long_list_is_shown_a_page_at_a_time(browser: Browser, seed_site: BuiltSite, seed_site_url: str) -> None:
    """The rows shown are the browser's work: a long list shows a page of them, and more on request (the page
    size, 200, made 2 here so that the seed list is long)."""
    page = browser.new_page()
    page.route(
        "**/speeches/",
        lambda route: route.fulfill(
            response=(response := route.fetch()),
            body=response.text().replace('data-page-size="200"', 'data-page-size="2"'),
        ),
    )
    page.goto(f"{seed_site_url}speeches/")
    page.wait_for_selector("form.kb-facets:not([hidden])")
    total = len(seed_site.result.speeches)
    shown = _shown_titles(page)
    assert len(shown) == 2 and shown == _table_titles(page)[:2]  # the first rows of the list
    page.click("th[data-sort-key='title']")  # a sort shows the first rows of the new order
    titles = sorted((speech.title for speech in seed_site.result.speeches), key=pinyin_key)
    assert _shown_titles(page) == titles[:2]
    more = page.locator("p.kb-more button").first
    assert more.inner_text() == f"再显示 2 篇（还有 {total - 2} 篇）"
    more.click()
    assert _shown_titles(page) == titles[:4]
    page.click("p.kb-more button:has-text('全部显示')")
    assert _shown_titles(page) == titles and not page.locator("p.kb-more").is_visible()
    page.close()


def _table_titles(page: Page) -> list[str]:
    return page.locator(f"{ROWS} td:nth-child(2)").evaluate_all("cells => cells.map(c => c.textContent.trim())")
