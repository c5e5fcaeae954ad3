"""Search as staff use it: typing into the site's search box in a real Chromium.

The expected answer of every query is computed independently of the index, by scanning the text of
the built speech pages (each heading and paragraph, simplified, without white space): every page
containing the phrase must be listed (recall), and above every page that does not (ordering). A sector
or term page must be listed for each of its names and aliases, above every page not named so.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import opencc
import pytest
import yaml
from playwright.sync_api import Browser, Locator, Page

import speechkb.search
from speechkb.build import build, load_corpus
from speechkb.folders import SECTORS_DIR, TERMS_DIR, VOCABULARIES_DIR
from speechkb.search import Form, Passage, SearchDocument, index_files
from speechkb.stages.formulas import defined_formulas
from speechkb.stages.normalize import simplified
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, SEEDS, TEXT_RULES, BuiltSite, QuietHandler, copy_project, serve

# Phrases staff search for, chosen from the speeches, and ones that are in none of them.
FREE_PHRASES = (
    "一岗双责",
    "尾矿库",
    "疲劳驾驶",
    "两客一危",
    "隐患排查治理",
    "安全生产",
    "道路交通",
    "非煤矿山",
    "危险化学品",
    "烟花爆竹",
    "人员密集场所",
    "消防",
    "汛期",
    "燃气",
    "有限空间",
    "自然灾害",
    "安全生产月",
    "安全",
    "矿",
)
ABSENT_PHRASES = ("核电站", "尾矿库溃坝演练")
_QUOTED = re.compile(r"[“\"]([\u4e00-\u9fff、]{2,10})[”\"]")
_BLOCKS = ".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//p|.//li|.//td"
_SPACE = re.compile(r"\s+")
_PLACEHOLDER = "键入以开始搜索"
_INITIALISING = "正在初始化搜索引擎"


def matchable(text: str) -> str:
    """What search treats as the same text: simplified, without white space, full-width ASCII as ASCII,
    ASCII letters in lower case (（一） is (一), ＰＭ２．５ is pm2.5)."""
    half_width = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in simplified(text))
    return _SPACE.sub("", re.sub("[A-Z]", lambda letter: letter.group().lower(), half_width))


def quoted_phrases() -> list[str]:
    """Slogans the speeches put in quotation marks (“一岗双责”, “打非治违”): what staff look up."""
    speeches, _, _ = load_corpus(SEEDS, TEXT_RULES)
    found = {phrase for s in speeches for p in s.paragraphs() for phrase in _QUOTED.findall(p.text)}
    return sorted(found)


def page_texts(site: Path) -> dict[str, list[str]]:
    """URL path of every speech page → the headings and paragraphs of its speech, normalised for matching."""
    pages: dict[str, list[str]] = {}
    for html in (site / "speeches").rglob("*.html"):
        relative = html.relative_to(site).as_posix()
        if relative in ("speeches/index.html", "speeches.html"):
            continue
        root = lxml.html.fromstring(html.read_bytes())
        [article] = root.xpath("//article")
        # The speech's own text: not the permalinks, nor the knowledge base's tags and related speeches.
        chrome = ".//a[@class='headerlink'] | .//*[contains(@class, 'kb-tags')] | .//*[contains(@class, 'speech-evidence')] | .//h2[@id='related']"
        for element in article.xpath(chrome + " | .//h2[@id='related']/following-sibling::*"):
            element.drop_tree()
        path = "/" + relative.removesuffix("index.html")
        pages[path] = [matchable(block.text_content()) for block in article.xpath(_BLOCKS)]
    return pages


def named_pages() -> dict[str, set[str]]:
    """Every name and alias of a sector or term → the URL paths of the pages it names."""
    vocabulary = load_vocabulary(ROOT / VOCABULARIES_DIR)
    named: dict[str, set[str]] = {}
    for folder, entries in ((SECTORS_DIR, vocabulary.sectors), (TERMS_DIR, vocabulary.terms)):
        for entry in entries:
            for form in entry.forms:
                named.setdefault(form, set()).add(f"/{folder}/{entry.slug}/")
    return named


def anchors_on(site: Path, href: str) -> set[str]:
    """The element ids of the built page that ``href`` (a result's link) points to."""
    path = unquote(urlsplit(href).path).removeprefix("/")
    html = site / (path + "index.html" if path.endswith("/") or not path else path)
    return set(lxml.html.fromstring(html.read_bytes()).xpath("//@id"))


def expected_pages(pages: dict[str, list[str]], query: str) -> set[str]:
    phrase = matchable(query)
    return {path for path, blocks in pages.items() if any(phrase in block for block in blocks)}


@dataclass(frozen=True)
class Result:
    path: str  # URL path of the page, under the site's root
    passages: list[tuple[str, str]]  # (href, snippet HTML) of each passage shown
    missing: list[str]  # what Material lists as missing ("缺少") from the page


class SearchBox:
    """Material's header search box in one open page, used the way a person does."""

    def __init__(self, page: Page, root: str) -> None:
        self.page = page
        self.root = root  # the site's URL path: "/" or "/REPO/"
        self.box = page.locator("[data-md-component=search-query]")
        self.meta = page.locator(".md-search-result__meta")
        page.wait_for_function(
            f"document.querySelector('.md-search-result__meta').textContent.trim() !== '{_INITIALISING}'"
        )

    def search(self, query: str) -> list[Result]:
        """Type ``query`` (after clearing the box) and read every result, scrolling to render them all."""
        self.type("")
        self.page.wait_for_function(
            f"document.querySelector('.md-search-result__meta').textContent.trim() === '{_PLACEHOLDER}'"
        )
        self.type(query)
        self.page.wait_for_function(
            f"document.querySelector('.md-search-result__meta').textContent.trim() !== '{_PLACEHOLDER}'"
        )
        count = int(re.sub(r"\D", "", self.meta.inner_text()) or 0)
        # Material renders ten results, then four more each time the list is scrolled to its end: it
        # watches the end being reached, so scroll back up between two visits as a reader does.
        self.page.wait_for_function(
            """count => {
              const wrap = document.querySelector('.md-search__scrollwrap')
              const atEnd = wrap.scrollTop + wrap.clientHeight >= wrap.scrollHeight - 20
              wrap.scrollTop = atEnd ? 0 : wrap.scrollHeight
              return document.querySelectorAll('.md-search-result__item').length >= count
            }""",
            arg=count,
        )
        return [self._read(item) for item in self.page.locator(".md-search-result__item").all()]

    def type(self, text: str) -> None:
        # An input method commits Chinese text at once and then a key goes up: Material listens for keyup.
        self.box.fill(text)
        self.box.press("End")

    def _read(self, item: Locator) -> Result:
        links = item.locator("a.md-search-result__link")
        hrefs = links.evaluate_all("links => links.map(a => a.href)")
        snippets = links.evaluate_all(
            """links => links.map(link => {
              const article = link.querySelector('article').cloneNode(true)
              article.querySelectorAll('h1, h2, .md-search-result__icon, .md-search-result__terms').forEach(e => e.remove())
              return article.innerHTML.trim()
            })"""
        )
        missing = item.locator(".md-search-result__terms del").all_inner_texts()
        url = urlsplit(hrefs[0])
        path = unquote(url.path)
        if url.scheme == "file":
            path = path[path.rindex("/speeches/") :] if "/speeches/" in path else "/" + Path(path).name
        return Result(
            path.removeprefix(self.root.rstrip("/")), list(zip(hrefs[1:], snippets[1:], strict=True)), missing
        )


def exact_and_synonym(results: list[Result]) -> list[Result]:
    """The speech pages that have the phrase, as typed or under another name of its sector or term."""
    return [result for result in results if result.path.startswith("/speeches/") and not result.missing]


def found_through_synonym(result: Result) -> bool:
    return any("同义：" in snippet for _, snippet in result.passages)


def assert_complete_and_ordered(query: str, results: list[Result], expected: set[str]) -> None:
    listed = [result.path for result in results if result.path.startswith("/speeches/")]
    missing = expected - set(listed)
    assert not missing, f"{query}: pages containing it are missing: {missing}"
    assert set(listed[: len(expected)]) == expected, f"{query}: a page without it ranks above one with it: {listed}"


_ASK_WORKER = """async queries => {
  const worker = new Worker(new URL('assets/javascripts/speechkb-search.js#urls=directory', location.href))
  const messages = []
  let waiting = null
  worker.onmessage = event => { messages.push(event.data); if (waiting) waiting() }
  const next = async type => {
    for (;;) {
      const index = messages.findIndex(message => message.type === type)
      if (index >= 0) return messages.splice(index, 1)[0]
      await new Promise(resolve => { waiting = resolve })
    }
  }
  await next(1)
  const answers = {}
  for (const query of queries) {
    worker.postMessage({ type: 2, data: query })
    answers[query] = (await next(3)).data.items.map(group => '/' + group[0].location)
  }
  worker.terminate()
  return answers
}"""


def ask_worker(page: Page, queries: list[str]) -> dict[str, list[str]]:
    """Material's QUERY message, straight to a search worker of the page's site: query → result pages."""
    answers: dict[str, list[str]] = page.evaluate(_ASK_WORKER, queries)
    return answers


@pytest.fixture(scope="module")
def search_page(browser: Browser, seed_site_url: str) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(seed_site_url)
    yield page
    page.close()
    assert errors == []


def test_every_page_with_the_phrase_is_found_and_ranked_first(search_page: Page, seed_site: BuiltSite) -> None:
    pages = page_texts(seed_site.site)
    box = SearchBox(search_page, "/")
    queries = [*FREE_PHRASES, *quoted_phrases()]
    assert len(queries) > 60
    for query in queries:
        results = box.search(query)
        expected = expected_pages(pages, query)
        assert expected, f"{query} is in no speech: pick phrases from the speeches"
        assert_complete_and_ordered(query, results, expected)


def test_sector_and_term_pages_come_first_for_their_names_and_aliases(search_page: Page, seed_site: BuiltSite) -> None:
    pages = page_texts(seed_site.site)
    box = SearchBox(search_page, "/")
    named = named_pages()
    assert len(named) > 150
    for name, owners in named.items():
        results = box.search(name)
        listed = [result.path for result in results]
        assert owners <= set(listed), f"{name}: its page is missing: {owners - set(listed)}"
        assert set(listed[: len(owners)]) == owners, f"{name}: a page not named so ranks above its own: {listed}"
        assert_complete_and_ordered(name, results, expected_pages(pages, name))


def test_a_phrase_in_no_speech_lists_only_partial_matches_marked_as_such(search_page: Page) -> None:
    box = SearchBox(search_page, "/")
    for query in ABSENT_PHRASES:
        results = box.search(query)
        assert all(query in result.missing for result in results)
    assert box.search("核电站") == []
    exact = box.search("一岗双责")
    assert exact and all(result.missing == [] for result in exact)


def test_snippets_highlight_the_phrase_and_a_click_lands_on_the_paragraph(
    search_page: Page, seed_site: BuiltSite, seed_site_url: str
) -> None:
    box = SearchBox(search_page, "/")
    # Every passage of an exact match marks the phrase and links to its paragraph (or to its page's top).
    for query in ("一岗双责", "尾矿库", "隐患排查治理"):
        found = box.search(query)
        results = [result for result in exact_and_synonym(found) if not found_through_synonym(result)]
        shown = [passage for result in results for passage in result.passages]
        assert len(shown) >= len(results) > 1
        for href, snippet in shown:
            assert f'<mark data-md-highlight="">{query}</mark>' in snippet, (query, snippet)
            fragment = urlsplit(href).fragment
            assert fragment == "" or fragment in anchors_on(seed_site.site, href), href
    results = [result for result in box.search("疲劳驾驶") if result.path.startswith("/speeches/")]
    href, snippet = results[0].passages[0]
    assert '<mark data-md-highlight="">疲劳驾驶</mark>' in snippet
    search_page.locator(f".md-search-result__link[href='{href}']").click()
    search_page.wait_for_url(href)
    anchor = urlsplit(href).fragment
    assert anchor.startswith("p-")
    paragraph = search_page.locator(f"[id='{anchor}']")
    box_on_screen = paragraph.bounding_box()
    assert box_on_screen is not None and 0 <= box_on_screen["y"] < 900
    assert "疲劳驾驶" in paragraph.inner_text()
    assert paragraph.locator("mark[data-md-highlight]").first.inner_text() == "疲劳驾驶"
    search_page.goto(seed_site_url)


def test_keyboard_enter_opens_the_best_result(search_page: Page, seed_site_url: str) -> None:
    box = SearchBox(search_page, "/")
    [first, *_] = box.search("尾矿库")
    box.box.press("Enter")
    search_page.wait_for_url(re.compile(re.escape(first.path)))
    search_page.goto(seed_site_url)


def test_the_search_index_answers_every_phrase_cut_from_the_speeches(search_page: Page, seed_site: BuiltSite) -> None:
    """Straight to the worker, many queries at once: every 1–8 character phrase from every paragraph."""
    pages = page_texts(seed_site.site)
    blocks = sorted({block for texts in pages.values() for block in texts if len(block) > 10})
    queries = sorted(
        {
            block[start : start + length]
            for block in blocks
            for length in (1, 2, 3, 5, 8)
            for start in range(0, len(block) - length, 37)
        }
    )
    answers = ask_worker(search_page, queries)
    assert len(queries) > 500
    for query in queries:
        expected = expected_pages(pages, query)
        listed = [path for path in answers[query] if path.startswith("/speeches/")]
        assert expected <= set(listed) and set(listed[: len(expected)]) == expected, query


# --- a traditional-character speech, and the site opened from file:// -----------------------------


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus a traditional-character copy of one, built with file URLs as an offline copy is."""
    root = tmp_path_factory.mktemp("offline-search")
    config = copy_project(root)
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    original = SEEDS / "004_66b770bb223d1e26.txt"
    to_traditional = opencc.OpenCC("s2t")
    (seeds / "005_traditional.txt").write_text(
        to_traditional.convert(original.read_text(encoding="utf-8")), encoding="utf-8"
    )
    sidecar = yaml.safe_load(original.with_suffix(".yml").read_text(encoding="utf-8")) or {}
    sidecar.update(title="在縣防範重特大安全事故工作會議上的講話（繁體）", slug="traditional-copy")
    (seeds / "005_traditional.yml").write_text(yaml.safe_dump(sidecar, allow_unicode=True), encoding="utf-8")
    build(seeds, root / "site", config, offline=True)
    return root / "site"


def test_offline_copy_searches_from_file_and_finds_traditional_text(browser: Browser, offline_site: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_site / "index.html").as_uri())
    box = SearchBox(page, "/")
    pages = page_texts(offline_site)
    for query in ("隐患排查", "尾矿库", "一岗双责"):
        expected = expected_pages(pages, query)
        assert "/speeches/traditional-copy.html" in expected
        assert_complete_and_ordered(query, box.search(query), expected)
    [traditional] = [r for r in box.search("尾矿库") if r.path.endswith("traditional-copy.html")]
    href, snippet = traditional.passages[0]
    assert '<mark data-md-highlight="">尾礦庫</mark>' in snippet
    page.locator(f".md-search-result__link[href='{href}']").click()
    page.wait_for_url(href)
    landed = urlsplit(href)
    assert landed.scheme == "file" and landed.path.endswith("/speeches/traditional-copy.html")
    assert landed.fragment.startswith("p-")
    paragraph = page.locator(f"[id='{landed.fragment}']")
    assert "尾礦庫" in paragraph.inner_text()
    assert paragraph.locator("mark[data-md-highlight]").first.inner_text() == "尾礦庫"
    assert [url for url in requests if not url.startswith("file:")] == []
    assert errors == []
    page.close()


def test_a_query_typed_in_traditional_characters_finds_simplified_speeches(
    search_page: Page, seed_site: BuiltSite
) -> None:
    box = SearchBox(search_page, "/")
    assert_complete_and_ordered(
        "隱患排查治理", box.search("隱患排查治理"), expected_pages(page_texts(seed_site.site), "隐患排查治理")
    )


# --- hosted under a sub-path, as on GitHub Pages ---------------------------------------------------


@contextmanager
def serve_under(folder: Path, prefix: str) -> Iterator[tuple[str, list[str]]]:
    """Serve ``folder`` at ``prefix`` only; yield the site's URL and the paths requested outside it."""
    outside: list[str] = []

    class Handler(QuietHandler):
        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                outside.append(path)
                return str(folder / "no-such-file")
            return super().translate_path("/" + path.removeprefix(prefix))

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}", outside
    finally:
        server.shutdown()
        server.server_close()


def test_search_works_under_a_sub_path(browser: Browser, seed_site: BuiltSite) -> None:
    with serve_under(seed_site.site, "/REPO/") as (url, outside):
        page = browser.new_page()
        page.goto(url + "speeches/")
        box = SearchBox(page, "/REPO/")
        results = box.search("一岗双责")
        assert_complete_and_ordered("一岗双责", results, expected_pages(page_texts(seed_site.site), "一岗双责"))
        assert results[0].path == "/terms/yi-gang-shuang-ze/"
        href, _ = next(result for result in results if result.path.startswith("/speeches/")).passages[0]
        assert urlsplit(href).path.startswith("/REPO/speeches/")
        page.locator(f".md-search-result__link[href='{href}']").click()
        page.wait_for_url(href)
        assert "一岗双责" in page.locator(f"[id='{urlsplit(href).fragment}']").inner_text()
        page.close()
    assert outside == []


# --- the worker on hand-made pages: names, words typed without spaces ------------------------------


def speech(page: str, *texts: str) -> SearchDocument:
    return SearchDocument(
        f"speeches/{page}", f"讲话{page}", tuple(Passage(text, f"p-{page}{n}") for n, text in enumerate(texts))
    )


ENGINE_PAGES = [
    speech("apart", "加强尾矿库安全监管。", "严查疲劳驾驶。"),
    speech("often", "尾矿库、尾矿库和尾矿库的汛期安全。"),
    speech("together", "开展尾矿库疲劳驾驶专项整治。"),
    SearchDocument(
        "sectors/fei-mei-kuang-shan", "非煤矿山", (Passage("金属和非金属矿山的安全。"),), names=("非煤矿山", "尾礦庫")
    ),
    SearchDocument("speeches/flood", "汛期安全讲话", (Passage("做好汛期安全工作。"),)),
    speech("rainy", "汛期安全、汛期安全、汛期安全。"),
]


@contextmanager
def worker_over(
    browser: Browser, root: Path, documents: list[SearchDocument], form: Form = Form.PACKED
) -> Iterator[Page]:
    """A page whose search worker reads an index of ``documents`` in ``form``, served from ``root`` without MkDocs."""
    for path, content in index_files(documents, form).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        (root / path).write_bytes(data)
    script = Path(speechkb.search.__file__).parent / "theme" / "assets" / "javascripts" / "speechkb-search.js"
    (root / "assets" / "javascripts").mkdir(parents=True)
    shutil.copy(script, root / "assets" / "javascripts")
    (root / "index.html").write_text("<!doctype html><title>engine</title>", encoding="utf-8")
    with serve(root) as url:
        page = browser.new_page()
        page.goto(url)
        yield page
        page.close()


@pytest.fixture(scope="module", params=list(Form), ids=[form.value for form in Form])
def engine_page(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """The worker over an index of hand-made pages, its files in either form: the answers are the same."""
    with worker_over(browser, tmp_path_factory.mktemp("engine"), ENGINE_PAGES, request.param) as page:
        yield page


def test_a_damaged_packed_file_fails_the_query_as_a_missing_one_does(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A query needing a truncated or garbled file finds nothing, as when the file is missing; others still work."""
    documents = [speech("a", "加强尾矿库安全监管。"), speech("b", "严查疲劳驾驶。")]
    root = tmp_path_factory.mktemp("damaged")
    with worker_over(browser, root, documents) as page:
        passages = root / "search-index" / "d" / "0.bin"  # page a's text, for its snippets
        packed = passages.read_bytes()
        assert ask_worker(page, ["尾矿", "疲劳"]) == {"尾矿": ["/speeches/a/"], "疲劳": ["/speeches/b/"]}
        answers = []
        for damaged in (None, packed[: len(packed) // 2], packed[:-1] + bytes([packed[-1] ^ 1]), b"garbage"):
            if damaged is None:
                passages.unlink()
            else:
                passages.write_bytes(damaged)
            answers.append(ask_worker(page, ["尾矿", "疲劳"]))
        assert answers == [{"尾矿": [], "疲劳": ["/speeches/b/"]}] * 4


def test_a_page_ranks_first_for_its_own_names_and_then_by_how_often(engine_page: Page) -> None:
    answers = ask_worker(engine_page, ["尾矿库", "尾礦庫", "非煤矿山"])
    assert (
        answers["尾矿库"]
        == answers["尾礦庫"]
        == [
            "/sectors/fei-mei-kuang-shan/",
            "/speeches/often/",
            "/speeches/apart/",
            "/speeches/together/",
        ]
    )
    # the sector's other name finds the speeches that use it, after the page named so
    assert answers["非煤矿山"] == [
        "/sectors/fei-mei-kuang-shan/",
        "/speeches/often/",
        "/speeches/apart/",
        "/speeches/together/",
    ]


def test_words_typed_together_or_apart_find_pages_with_both_below_the_exact_phrase(engine_page: Page) -> None:
    answers = ask_worker(engine_page, ["尾矿库疲劳驾驶", "尾矿库 疲劳驾驶", "疲劳驾驶尾矿库"])
    assert answers["尾矿库疲劳驾驶"] == answers["尾矿库 疲劳驾驶"] == ["/speeches/together/", "/speeches/apart/"]
    # no page has this phrase: both pages with both words, the one with them in two paragraphs too
    assert set(answers["疲劳驾驶尾矿库"]) == {"/speeches/together/", "/speeches/apart/"}


# --- search by concept: a sector's or term's other names -------------------------------------------


def pages_naming(pages: dict[str, list[str]], names: tuple[str, ...]) -> set[str]:
    """Speech pages that contain any of ``names``: what a search for one of them must find."""
    return set().union(*(expected_pages(pages, name) for name in names))


def test_a_term_is_found_under_every_name_exact_matches_first(search_page: Page, seed_site: BuiltSite) -> None:
    vocabulary = load_vocabulary(ROOT / VOCABULARIES_DIR)
    [term] = [term for term in vocabulary.terms if term.name == "三管三必须"]
    pages = page_texts(seed_site.site)
    exact = expected_pages(pages, term.name)
    stating = pages_naming(pages, term.forms)
    assert len(stating) > len(exact) >= 1, "the seeds state the rule under several names"
    box = SearchBox(search_page, "/")
    results = box.search(term.name)
    assert results[0].path == f"/{TERMS_DIR}/{term.slug}/"
    listed = [result.path for result in exact_and_synonym(results)]
    assert set(listed) == stating
    assert set(listed[: len(exact)]) == exact
    for result in exact_and_synonym(results):
        if result.path in exact:
            assert all("同义" not in snippet for _, snippet in result.passages)
            continue
        # found through another name: that name is marked in each passage, and highlighted
        for _, snippet in result.passages:
            mark = re.search(r"同义：([^<]+)</span>", snippet)
            assert mark, snippet
            marked = mark.group(1).split("、")
            assert set(marked) <= set(term.forms)
            assert re.search(r'<mark data-md-highlight="">([^<]+)</mark>', snippet), snippet


def test_a_sector_and_its_alias_find_the_same_speeches(search_page: Page, seed_site: BuiltSite) -> None:
    pages = page_texts(seed_site.site)
    box = SearchBox(search_page, "/")
    short, full = box.search("危化品"), box.search("危险化学品")
    assert {r.path for r in exact_and_synonym(short)} == {r.path for r in exact_and_synonym(full)}
    vocabulary = load_vocabulary(ROOT / VOCABULARIES_DIR)
    [sector] = [sector for sector in vocabulary.sectors if sector.name == "危险化学品"]
    assert {r.path for r in exact_and_synonym(short)} == pages_naming(pages, sector.forms)
    assert short[0].path == full[0].path == f"/{SECTORS_DIR}/{sector.slug}/"
    # exact matches of what was typed first
    exact = expected_pages(pages, "危化品")
    assert exact and {r.path for r in exact_and_synonym(short)[: len(exact)]} == exact


def test_a_quoted_query_searches_the_string_only(search_page: Page, seed_site: BuiltSite) -> None:
    pages = page_texts(seed_site.site)
    box = SearchBox(search_page, "/")
    for query in ('"危化品"', "“危化品”"):
        results = box.search(query)
        assert {r.path for r in exact_and_synonym(results)} == expected_pages(pages, "危化品")
        assert all("同义" not in snippet for result in results for _, snippet in result.passages)
    expanded = exact_and_synonym(box.search("危化品"))
    assert len(expanded) > len(expected_pages(pages, "危化品"))


def test_a_query_in_traditional_characters_is_expanded_too(search_page: Page, seed_site: BuiltSite) -> None:
    box = SearchBox(search_page, "/")
    simple = {r.path for r in exact_and_synonym(box.search("危化品"))}
    assert {r.path for r in exact_and_synonym(box.search("危險化學品"))} == simple


def test_a_page_whose_title_has_the_phrase_ranks_above_pages_that_say_it_more_often(engine_page: Page) -> None:
    answers = ask_worker(engine_page, ["汛期", "汛期安全", "期安"])
    assert answers["汛期"] == answers["汛期安全"] == ["/speeches/flood/", "/speeches/rainy/", "/speeches/often/"]
    assert answers["期安"] == ["/speeches/flood/", "/speeches/rainy/", "/speeches/often/"]


def test_a_query_found_on_many_pages_lists_the_best_it_has_titles_for_and_counts_the_rest(
    browser: Browser, tmp_path: Path
) -> None:
    """A query lists the results whose titles come in 15 files (8 pages each): here, not all 200."""
    crowd = [speech(f"p{n:03}", "尾矿库。" * (1 + n % 7)) for n in range(200)]
    with worker_over(browser, tmp_path, crowd) as page:
        [listed] = ask_worker(page, ["尾矿库"]).values()
        rest = page.evaluate(_ASK_WORKER.replace("'/' + group[0].location", "group[0].title"), ["尾矿库"])
    *results, last = listed
    assert (
        last == "/" and rest["尾矿库"][-1] == f"另有 {200 - len(results)} 个结果未列出"
    )  # the last line, linking home
    by_count = sorted(range(200), key=lambda n: (-(1 + n % 7), n))
    assert results == [f"/speeches/p{n:03}/" for n in by_count[: len(results)]]
    assert 15 <= len(results) < 200 and len({n // 8 for n in by_count[: len(results)]}) == 15


def test_a_formula_a_speech_defines_is_found_by_its_name_its_page_first(
    search_page: Page, seed_site: BuiltSite
) -> None:
    formulas = defined_formulas(seed_site.result.knowledge)
    assert {"十必谈", "五有"} <= {formula.name for formula in formulas}
    pages = page_texts(seed_site.site)
    box = SearchBox(search_page, "/")
    for formula in formulas:
        results = box.search(formula.name)
        assert results[0].path == f"/{TERMS_DIR}/{formula.slug}/", formula.name
        assert_complete_and_ordered(formula.name, results, expected_pages(pages, formula.name))
