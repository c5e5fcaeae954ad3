"""The bad-input corpus (tests/bad_inputs/) built together with the seeds, as staff would run it.

Every file there is a case from real life: a wrong or damaged encoding, a file
that is not a speech, hostile or awkward text, a broken sidecar, two speeches
that want the same address. The build must report each with its path (and
line), put every other speech on the site complete, and let nothing in the
text execute in a browser.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import Browser

from speechkb.build import load_corpus
from speechkb.folders import VOCABULARIES_DIR
from speechkb.model import Speech
from speechkb.outputs.render import newest_first
from speechkb.stages.extract import extract_corpus
from speechkb.stages.readers import MAX_BYTES, READERS, find_speeches, read_source
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, SEEDS, TEXT_RULES, copy_project, serve
from tests.rendering import SpeechText, leaks

BAD_INPUTS = ROOT / "tests" / "bad_inputs"
OVERSIZE = "oversize.txt"  # generated: five megabytes are not worth committing
STRAY_BYTE_OFFSET = (BAD_INPUTS / "damaged-stray-byte.txt").read_bytes().index(b"\xff")

# What `speechkb build` says about each bad file: (the file it names, line or None, words of the message).
REPORTED: list[tuple[str, int | None, str]] = [
    ("binary-pdf-renamed.txt", None, "error: not text: the file is application/pdf (.pdf)"),
    ("binary-png-renamed.txt", None, "error: not text: the file is image/png (.png)"),
    ("binary-zip-renamed.txt", None, "error: not text: the file is application/zip (.zip)"),
    ("not-a-zip.docx", None, "error: not a Word document: a .docx file is a zip archive and this one is not"),
    ("empty.txt", None, "error: no text: the file is empty (0 bytes)"),
    ("whitespace-only.txt", None, "error: no text: the file is empty or holds only white space"),
    (OVERSIZE, None, f"error: file is {MAX_BYTES + 1:,} bytes, over the 5 MB limit for a speech"),
    ("damaged-stray-byte.txt", 4, f"warning: invalid UTF-8 byte ff at byte offset {STRAY_BYTE_OFFSET}; shown as �"),
    ("control-characters.txt", 3, "warning: control character U+0007 is not text; shown as �"),
    ("control-characters.txt", 4, "warning: control characters U+001F, U+0008 are not text; shown as �"),
    ("sidecar-invalid-yaml.yml", 3, "error: invalid YAML (while parsing a flow sequence that starts on line 2)"),
    ("sidecar-invalid-yaml.yml", 3, "sidecar-invalid-yaml.txt is built without its sidecar"),
    ("sidecar-unknown-key.yml", 2, "error: key 'author': unknown key (allowed: title, date, level,"),
    ("sidecar-wrong-type.yml", 1, "error: key 'title': Input should be a valid string; key 'level'"),
    ("sidecar-impossible-date.yml", 2, "error: key 'date': '2023-02-30' is not a real date"),
    (
        "same-title-a.txt",
        None,
        "notice: 2 speeches have the title “关于同名讲话的测试” (same-title-a.txt, same-title-b.txt): each is at "
        "'guan-yu-tong-ming-jiang-hua-de-ce-shi' with its file's name added",
    ),
    ("same-slug-a.txt", None, "warning: URL slug 'tong-yi-ge-wang-zhi' is also wanted by same-slug-b.txt"),
    ("same-slug-b.txt", None, "warning: URL slug 'tong-yi-ge-wang-zhi' is also wanted by same-slug-a.txt"),
    (
        "same-stem.docx",
        None,
        "notice: 2 speeches have the title “同名文件的两种格式” (same-stem.docx, same-stem.txt): each is at "
        "'tong-ming-wen-jian-de-liang-zhong-ge-shi' with its file's name added",
    ),
    ("slug-index.txt", None, "warning: URL slug 'index' is the address of the list of speeches"),
    ("scanned-notice.jpg", None, "warning: not read: .jpg is no speech format; speechkb reads .txt, .docx"),
]
WITH_ERRORS = {name for name, _, words in REPORTED if "error:" in words}
NOT_SPEECHES = {name for name in WITH_ERRORS if name.endswith((".txt", ".docx"))}

# Distinct, stable addresses for the speeches that wanted the same one.
SLUGS = {
    "same-title-a.txt": "guan-yu-tong-ming-jiang-hua-de-ce-shi-same-title-a",
    "same-title-b.txt": "guan-yu-tong-ming-jiang-hua-de-ce-shi-same-title-b",
    "same-slug-a.txt": "tong-yi-ge-wang-zhi-same-slug-a",
    "same-slug-b.txt": "tong-yi-ge-wang-zhi-same-slug-b",
    "same-stem.txt": "tong-ming-wen-jian-de-liang-zhong-ge-shi-same-stem-txt",
    "same-stem.docx": "tong-ming-wen-jian-de-liang-zhong-ge-shi-same-stem-docx",
    "slug-index.txt": "index-slug-index",
}
HOSTILE = ["hostile-html.txt", "hostile-markdown.txt", "hostile-templates.txt", "hostile-sidecar.txt"]


@dataclass(frozen=True)
class CorpusBuild:
    seeds: Path
    site: Path
    returncode: int
    stderr: str
    speeches: dict[str, Speech]

    def page(self, name: str) -> Path:
        return self.site / "speeches" / self.speeches[name].slug / "index.html"


def make_corpus(folder: Path, names: list[str] | None = None) -> Path:
    """The seeds and the bad inputs (or only ``names`` of them) in one folder, plus an oversize file."""
    shutil.copytree(SEEDS, folder)
    for path in BAD_INPUTS.iterdir():
        if names is None or path.name in names or (path.suffix == ".yml" and path.with_suffix(".txt").name in names):
            shutil.copy(path, folder / path.name)
    if names is None:
        with (folder / OVERSIZE).open("wb") as oversize:
            oversize.write(("安全生产。\n" * (MAX_BYTES // 16 + 1)).encode()[: MAX_BYTES + 1])
    return folder


def run_build(root: Path, seeds: Path, *options: str) -> subprocess.CompletedProcess[str]:
    config = root / "mkdocs.yml" if (root / "mkdocs.yml").exists() else copy_project(root)
    command = [sys.executable, "-m", "speechkb", "build", "--seeds", str(seeds), "--config", str(config)]
    return subprocess.run([*command, "--site-dir", str(root / "site"), *options], capture_output=True, text=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusBuild:
    root = tmp_path_factory.mktemp("bad-inputs")
    seeds = make_corpus(root / "seeds")
    run = run_build(root, seeds)
    speeches, _, _ = load_corpus(seeds, TEXT_RULES)
    return CorpusBuild(seeds, root / "site", run.returncode, run.stderr, {s.source.name: s for s in speeches})


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def article_text(page: Path) -> str:
    [content] = lxml.html.fromstring(page.read_text(encoding="utf-8")).xpath("//article")
    for permalink in content.xpath(".//a[@class='headerlink']"):
        permalink.drop_tree()
    return squash(content.text_content())


@pytest.mark.parametrize(("name", "line", "words"), REPORTED, ids=[f"{n}:{w[:30]}" for n, _, w in REPORTED])
def test_each_bad_file_is_reported_with_its_path_and_line(
    corpus: CorpusBuild, name: str, line: int | None, words: str
) -> None:
    where = f"{corpus.seeds / name}:{line}: " if line else f"{corpus.seeds / name}: "
    assert any(message.startswith(where) and words in message for message in corpus.stderr.splitlines()), words


def test_nothing_else_is_reported(corpus: CorpusBuild) -> None:
    named = {Path(message.split(":")[0]).name for message in corpus.stderr.splitlines() if message.startswith("/")}
    assert named == {name for name, _, _ in REPORTED} | {"001_4c94d2ebf477be8b.txt"}  # a seed's numbering gap


def test_the_site_is_built_and_the_exit_status_says_files_are_missing(corpus: CorpusBuild) -> None:
    assert corpus.returncode == 1
    assert (corpus.site / "index.html").is_file()
    summary = corpus.stderr.splitlines()[-1]
    assert summary.startswith(f"speechkb: {len(corpus.speeches)} speeches") and f" {len(WITH_ERRORS)} errors" in summary


def test_every_file_is_either_on_the_site_or_reported(corpus: CorpusBuild) -> None:
    files = {path.name for path in find_speeches(corpus.seeds)}
    assert set(corpus.speeches) == files - NOT_SPEECHES
    listing = lxml.html.fromstring((corpus.site / "speeches" / "index.html").read_bytes())
    assert len(listing.xpath("//article//tbody/tr")) == len(corpus.speeches)
    assert all(corpus.page(name).is_file() for name in corpus.speeches)


@pytest.mark.parametrize(
    "name", sorted(path.name for path in [*SEEDS.glob("*.txt"), *BAD_INPUTS.iterdir()] if path.suffix in READERS)
)
def test_every_line_of_every_speech_is_on_its_page(corpus: CorpusBuild, name: str) -> None:
    if name in NOT_SPEECHES:
        assert not any(speech.source.name == name for speech in corpus.speeches.values())
        return
    speech = corpus.speeches[name]
    text = article_text(corpus.page(name))
    missing = [
        line.text
        for line in read_source(corpus.seeds / name).lines
        if squash(line.text) not in text and line.text != speech.description  # the teaser is the page description
    ]
    assert missing == []


def test_no_page_shows_markdown_as_text_and_every_speech_as_written(corpus: CorpusBuild) -> None:
    speeches = list(corpus.speeches.values())
    knowledge = extract_corpus(newest_first(speeches), load_vocabulary(ROOT / VOCABULARIES_DIR))
    assert [str(leak) for leak in leaks(corpus.site, SpeechText.of(speeches, knowledge))] == []


def test_speeches_that_want_one_address_get_distinct_stable_ones(corpus: CorpusBuild, tmp_path: Path) -> None:
    assert {name: corpus.speeches[name].slug for name in SLUGS} == SLUGS
    assert "第一篇同名讲话的正文" in article_text(corpus.page("same-title-a.txt"))
    assert "第二篇同名讲话的正文" in article_text(corpus.page("same-title-b.txt"))
    assert "Word格式的正文" in article_text(corpus.page("same-stem.docx"))
    listing = article_text(corpus.site / "speeches" / "index.html")  # still the list, not the 'index' speech
    assert f"共{len(corpus.speeches)}篇讲话" in listing and "网址与讲话列表相同的讲话" in listing
    # The address does not depend on what else is in the corpus.
    alone, _, _ = load_corpus(
        make_corpus(tmp_path / "few", ["same-title-a.txt", "same-title-b.txt", "same-stem.txt"]), TEXT_RULES
    )
    assert {s.source.name: s.slug for s in alone if s.source.name in SLUGS} == {
        "same-title-a.txt": SLUGS["same-title-a.txt"],
        "same-title-b.txt": SLUGS["same-title-b.txt"],
        "same-stem.txt": "tong-ming-wen-jian-de-liang-zhong-ge-shi",  # alone now: its own title's address
    }


def test_speeches_of_one_file_that_want_one_address_get_distinct_stable_ones(tmp_path: Path) -> None:
    """Two speeches pasted into one file whose titles make one address (it is cut at 60 characters), and a file
    of the first's title beside it: each gets an address of its own, named by its file and its number in it."""
    speech = (
        "在清岚县安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n一、压实责任\n要层层压实安全责任。\n谢谢大家！\n"
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "上下午.txt").write_text(speech + speech.replace("上的讲话", "上的总结讲话"), encoding="utf-8")
    (seeds / "单篇.txt").write_text(speech, encoding="utf-8")
    speeches, diagnostics, _ = load_corpus(seeds, TEXT_RULES)
    wanted = "zai-qing-lan-xian-an-quan-sheng-chan-gong-zuo-hui-yi-shang"
    assert sorted((s.source_name, s.slug) for s in speeches) == [
        ("上下午.txt（第1篇）", f"{wanted}-shang-xia-wu-1"),
        ("上下午.txt（第2篇）", f"{wanted}-shang-xia-wu-2"),
        ("单篇.txt", f"{wanted}-dan-pian"),
    ]
    said = [str(d) for d in diagnostics]
    assert any("上下午.txt:7: notice: this file holds 2 speeches" in line for line in said), said
    assert (
        f"{seeds / '上下午.txt'}: notice: 3 speeches have titles that make one URL slug, '{wanted}' (上下午.txt（第1篇）, 上下午.txt（第2篇）, 单篇.txt)"
        in "\n".join(said)
    ), said


def test_a_speech_with_a_bad_sidecar_is_built_without_it(corpus: CorpusBuild) -> None:
    speech = corpus.speeches["sidecar-impossible-date.txt"]
    assert (speech.title, speech.metadata.date) == ("侧车文件日期不存在的讲话", None)


@pytest.mark.parametrize(
    ("name", "encoding", "line"),
    [
        ("encoding-utf8-bom.txt", "utf-8", "UTF-8带BOM文件里的安全生产讲话"),
        ("encoding-utf16le-bom.txt", "utf-16-le", "UTF-16LE文件里的安全生产讲话"),
        ("encoding-utf16be-bom.txt", "utf-16-be", "UTF-16BE文件里的安全生产讲话"),
        ("encoding-gb18030.txt", "gb18030", "各乡镇要落实“党政同责、一岗双责”。生僻字䶮、𠀀、㐀也要保留。"),
        ("encoding-gbk-short.txt", "gb18030", "一、短稿也要识别。"),
        ("encoding-big5.txt", "big5", "煙花爆竹、隱患排查要抓實。各單位要落實責任。"),
    ],
)
def test_every_encoding_reads_as_the_text_that_was_saved(name: str, encoding: str, line: str) -> None:
    source = read_source(BAD_INPUTS / name)
    assert source.encoding == encoding and not source.diagnostics
    assert line in [line.text for line in source.lines]


@pytest.mark.site
def test_only_warnings_exit_zero_unless_strict(tmp_path: Path) -> None:
    seeds = make_corpus(tmp_path / "seeds", ["damaged-stray-byte.txt", "same-title-a.txt", "same-title-b.txt"])
    normal = run_build(tmp_path, seeds)
    assert normal.returncode == 0 and "0 errors, 2 warnings" in normal.stderr  # titles alike: a notice
    strict = run_build(tmp_path, seeds, "--strict")
    assert strict.returncode == 1 and "invalid UTF-8 byte ff" in strict.stderr


# --- in a real browser -------------------------------------------------------------------------

SENTINEL = "window.__pwned"  # every script in the corpus sets it; nothing may


@pytest.fixture(scope="module")
def corpus_url(corpus: CorpusBuild) -> Iterator[str]:
    with serve(corpus.site) as url:
        yield url


# All that the templates make of speech text: headings, paragraphs, redaction spans, permalinks, the list's table.
# Lists come from the template (related speeches), never from the text of a speech; so does the folded block of
# lines set apart as not the speech (原文附注: hostile-markdown.txt's --- rule), whose lines are checked inside it.
SPEECH_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "span", "a", "ul", "li", "details", "summary"}
LIST_TAGS = SPEECH_TAGS | {"div", "table", "thead", "tbody", "tr", "th", "td"}
INJECTED = """() => ({
    scripts: [...document.scripts].filter(s => s.textContent.includes('pwned')).length,
    handlers: [...document.querySelectorAll('*')].flatMap(
        e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => `${e.tagName} ${a.name}`)),
    javascriptUrls: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length,
    // The speech list's facets and its 再显示 buttons are the page's own controls, not text.
    articleTags: [...new Set([...document.querySelectorAll(
        'article *:not(form.kb-facets, form.kb-facets *, .kb-more, .kb-more *)')].map(e => e.tagName.toLowerCase()))].sort(),
    articleLinks: [...document.querySelectorAll('article a')].map(a => a.getAttribute('href'))
        .filter(href => !href.startsWith('#') && !href.endsWith('/')),
    planted: document.querySelectorAll('#injected, .evil').length,
})"""


@pytest.mark.parametrize("name", [*HOSTILE, "speeches/", ""])
def test_nothing_in_the_text_runs_or_becomes_an_element(
    browser: Browser, corpus: CorpusBuild, corpus_url: str, name: str
) -> None:
    path = f"speeches/{corpus.speeches[name].slug}/" if name in HOSTILE else name
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(corpus_url + path)
    page.wait_for_load_state("load")
    assert page.evaluate(SENTINEL) is None and dialogs == []
    found = page.evaluate(INJECTED)
    assert found["scripts"] == 0 and found["handlers"] == [] and found["javascriptUrls"] == 0
    assert found["planted"] == 0 and found["articleLinks"] == []
    if name != "":  # the home page's own text is hand-written Markdown
        assert set(found["articleTags"]) <= (SPEECH_TAGS if name in HOSTILE else LIST_TAGS)
    page.close()


HOSTILE_LINES = {
    "hostile-html.txt": [
        "<script>window.__pwned=3</script>",
        '<img src=x onerror="window.__pwned=4;alert(4)">',
        "<style>body{display:none}</style>",
        "&lt;script&gt; 和 &amp;amp; 和 &#60;b&#62; 和 &nbsp; 都要原样显示。",
    ],
    "hostile-markdown.txt": [
        "# 不是标题",
        "[点我](javascript:window.__pwned=11)",
        "| 列1 | 列2 |",
        "`反引号` 和 ```三个反引号```",
        "$$ E=mc^2 $$ 和 $x$",
        "**月**日，__下划线__，~~删除线~~",
        '{: #injected .evil onclick="window.__pwned=14" }',
    ],
    "hostile-templates.txt": [
        "关于{{ config.site_name }}的讲话",
        '{{ 7*7 }} 和 {% raw %} 和 {% include "x.html" %} 和 {# 注释 #}',
        '--8<-- "overview.md"',
        "!!!???...,,,;;;",
        "＃＃　全角ＡＢＣ１２３，半角ABC123，混排ｗｅｂ和web，全角（括号）半角(括号)",
        "煙花爆竹、隱患排查、應急管理要抓實（繁體字）。",
    ],
    "hostile-sidecar.txt": [
        "<img src=x onerror=window.__pwned=20>元数据标题{{ 7*7 }}",
        "<script>window.__pwned=21</script>某县",
        "**会议**[链接](javascript:window.__pwned=22)",
    ],
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_is_shown_literally(browser: Browser, corpus: CorpusBuild, corpus_url: str, name: str) -> None:
    speech = corpus.speeches[name]
    page = browser.new_page()
    page.goto(f"{corpus_url}speeches/{speech.slug}/")
    shown = squash(page.inner_text("article"))
    assert [line for line in HOSTILE_LINES[name] if squash(line) not in shown] == []
    assert page.title() == f"{speech.title} - 安全生产讲话知识库"
    assert speech.title in page.inner_text("[data-md-component=header-topic]")
    if speech.description:
        assert page.get_attribute("meta[name=description]", "content") == speech.description
    page.close()


def test_search_results_show_hostile_text_literally(browser: Browser, corpus_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(corpus_url)
    page.click("input[data-md-component=search-query]")
    page.keyboard.type("onerror")
    page.wait_for_selector(".md-search-result__item")
    results = page.inner_text(".md-search-result__list")
    assert "<img src=x onerror=window.__pwned=20>元数据标题" in results
    assert page.evaluate(SENTINEL) is None and dialogs == []
    assert page.evaluate(INJECTED)["handlers"] == []
    page.close()
