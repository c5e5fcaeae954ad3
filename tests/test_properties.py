"""Properties that hold for any text, checked with hypothesis.

- Reading and parsing never crash, and every non-whitespace character of a
  speech reaches its page, in order: through the Markdown that MkDocs is
  configured with for many texts, through the real MkDocs build for a few
  batches of them (a site per example would take minutes).
- Decoding never crashes on any bytes: it returns text or a ReadError that
  says why, and a stray byte in UTF-8 is replaced and located exactly.

The `ci` profile (tests/conftest.py) keeps this within seconds; run
`HYPOTHESIS_PROFILE=fuzz .venv/bin/pytest tests/test_properties.py` to fuzz for longer.
"""

from __future__ import annotations

import html
import itertools
import logging
import re
import tempfile
from pathlib import Path

import lxml.html
import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from speechkb.build import build
from speechkb.folders import SPEECHES_DIR, VOCABULARIES_DIR
from speechkb.model import Diagnostic, Speech
from speechkb.outputs.render import environment, render_pages
from speechkb.stages.extract import extract_corpus
from speechkb.stages.parse import parse
from speechkb.stages.readers import ReadError, read_source
from speechkb.stages.readers.text import decode
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, TEXT_RULES, copy_project, text_and_notes

VOCABULARY = load_vocabulary(ROOT / VOCABULARIES_DIR)

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    "# ",
    "* ",
    "- ",
    "> ",
    "[x](javascript:alert(1))",
    "| a | b |",
    "|---|",
    "`",
    "```",
    "$$",
    "{{ page.title }}",
    "{% raw %}",
    "{: #x .y }",
    "&lt;",
    "&amp;amp;",
    "&#60;",
    "--8<-- ",
    "**",
    "__",
    "~~",
    "\\",
    "---",
    "===",
    "!!! note",
    "*[HTML]: x",
    "...",
    "…",
]
MARKERS = [
    "一、",
    "二、",
    "三、",
    "十二、",
    "（一）",
    "（二）",
    "(一)",
    "(三)",
    "1.",
    "2.",
    "3、",
    "（1）",
    "(2)",
    "一是",
    "二是",
    "三是",
    "一要",
    "二要",
    "①",
    "②",
    "第一，",
    "第二，",
    "首先，",
    "其次，",
    "最后，",
    "一方面",
    "另一方面",
    "同志们：",
    "同志们，",
    "抓好道路交通领域安全。",
    "非煤矿山方面。",
]
CHINESE = "安全生产责任落实隐患排查治理会议讲话煙花爆竹隱患應急，。；：！？、“”‘’（）《》【】…—　ＡＢＣａｂｃ１２３＃＊"
WHITESPACE = ["\n", "\r\n", "\n\n", " ", "\t", "\u3000", "\u00a0"]

# Any character but controls (read_source reports and replaces those) and lone surrogates (no file can hold one).
ANY_CHARACTER = st.characters(exclude_categories=["Cc", "Cs"])
PIECES = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(MARKERS),
    st.sampled_from(WHITESPACE),
    st.text(st.sampled_from(CHINESE), min_size=1, max_size=20),
    st.text(ANY_CHARACTER, min_size=1, max_size=8),
)
SPEECH_TEXT = st.lists(PIECES, min_size=1, max_size=60).map("".join).filter(lambda text: bool(squash(text)))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_text(text: str, folder: Path, name: str = "speech.txt") -> Speech:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return parse(read_source(path), TEXT_RULES)


def shown_text(html: str, speech: Speech) -> tuple[str, str]:
    """The speech's own characters as a reader gets them: description, then the article after its meta line;
    and the lines that are not the speech, folded at its end (原文附注).

    The page title is the speech's first line when that line is a title; a
    title derived from the content is not text of the speech.
    """
    root = lxml.html.fromstring(html)
    [article] = root.xpath("//article")
    for permalink in article.xpath(".//a[@class='headerlink']"):
        permalink.drop_tree()
    [heading, meta, *rest] = [element for element in article if element.tag != "a"]
    assert heading.tag == "h1" and "speech-meta" in meta.get("class", "")
    # The knowledge base adds sector and term tags before the text and related speeches after it.
    body = list(itertools.takewhile(lambda element: element.get("id") != "related", rest))
    body = [element for element in body if "kb-tags" not in element.get("class", "")]
    description = root.xpath("//meta[@name='description']/@content") if speech.description else []
    title = heading.text_content() if speech.title_line else ""
    notes = article.xpath(".//details[@id='notes']/p")
    for label in article.xpath(".//p[@class='kb-footnotes-title']"):  # 脚注 over the footnotes is no text of the file
        label.drop_tree()
    text = [element for element in body if element.get("id") != "notes"]
    return (
        squash("".join(description) + title + "".join(element.text_content() for element in text)),
        squash("".join(note.text_content() for note in notes)),
    )


def page_text(text: str, speech: Speech) -> tuple[str, str]:
    """What a page of ``speech`` shows of its file's ``text``, as :func:`shown_text` reads it: the text without its
    notes, in order, with the footnotes after it, wherever they stand in the file (at the foot of a PDF's page);
    and the notes."""
    apart = sorted([*speech.notes, *speech.footnotes], key=lambda paragraph: paragraph.line)
    rest, _ = text_and_notes(text, [paragraph.text for paragraph in apart])
    return (
        rest + squash("".join(footnote.text for footnote in speech.footnotes)),
        squash("".join(note.text for note in speech.notes)),
    )


def markdown_renderer() -> markdown.Markdown:
    """Python-Markdown with exactly the extensions and options MkDocs uses for this site."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


RENDERER = markdown_renderer()


@given(SPEECH_TEXT)
def test_parsing_never_fails_and_the_rendered_page_keeps_every_character(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        speech = read_text(text, Path(folder))
    knowledge = extract_corpus([speech], VOCABULARY)
    page = dict(render_pages([speech], environment(), knowledge))[f"{SPEECHES_DIR}/{speech.slug}.md"]
    body, meta = get_data(page)
    assert meta["title"]
    html = RENDERER.reset().convert(body)
    description = f'<meta name="description" content="{meta["description"]}">' if speech.description else ""
    page_html = f"<html><head>{description}</head><body><article>{html}</article></body></html>"
    assert shown_text(page_html, speech) == page_text(text, speech)


def assert_the_page_shows(speech: Speech, text: str) -> None:
    """Every non-whitespace character of ``text``, the speech's text as read, is on its rendered page in order."""
    knowledge = extract_corpus([speech], VOCABULARY)
    page = dict(render_pages([speech], environment(), knowledge))[f"{SPEECHES_DIR}/{speech.slug}.md"]
    body, meta = get_data(page)
    html = RENDERER.reset().convert(body)
    description = f'<meta name="description" content="{meta["description"]}">' if speech.description else ""
    page_html = f"<html><head>{description}</head><body><article>{html}</article></body></html>"
    assert shown_text(page_html, speech) == page_text(text, speech)


def web_page(text: str) -> str:
    """``text`` as a saved web page's article, one ``<p>`` a line, among a site's menu, share bar and footer."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    return (
        "<html><head><meta charset='utf-8'><title>某某县人民政府</title><script>var x = '<p>脚本</p>';</script>"
        "</head><body><ul class='nav'><li><a href='/'>首页</a></li><li><a href='/a'>政务公开</a></li></ul>"
        f"<div class='article'><h1>文章</h1><div id='zoom' class='TRS_Editor'>{paragraphs}</div>"
        "<div class='share'>分享到：微信 微博</div></div><div class='footer'>主办单位：某某县人民政府办公室</div>"
        "</body></html>"
    )


def read_file(data: bytes, name: str) -> Speech | None:
    """The parsed speech in a file of these bytes, or None when the reader says it is no speech."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            source = read_source(path)
        except ReadError as error:
            assert error.diagnostic.path == path and error.diagnostic.message
            return None
        speech = parse(source, TEXT_RULES)
    assert_the_page_shows(speech, "\n".join(line.text for line in source.lines))
    return speech


@given(SPEECH_TEXT)
def test_every_character_read_from_a_web_page_reaches_the_page(text: str) -> None:
    read_file(web_page(text).encode("utf-8"), "speech.html")


MARKUP = ["<p>", "</p>", "<br>", "<div>", "</div>", "<td>", "<table>", "<!--", "-->", "<script>", "<pre>", "&nbsp;"]


@given(st.lists(st.one_of(PIECES, st.sampled_from(MARKUP))).map("".join))
def test_any_web_page_is_read_or_refused_with_a_reason(markup: str) -> None:
    read_file(f"<html><body>{markup}</body></html>".encode("utf-8", "surrogatepass"), "page.html")


@settings(max_examples=max(10, settings.default.max_examples // 10))  # WeasyPrint prints each one
@given(SPEECH_TEXT)
def test_every_character_read_from_a_pdf_reaches_the_page(text: str) -> None:
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)  # a character without a glyph is drawn as a box
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    style = "<style>body { font-family: 'Noto Sans CJK SC' }</style>"
    read_file(HTML(string=f"<html><head>{style}</head><body>{paragraphs}</body></html>").write_pdf(), "speech.pdf")


@given(st.lists(st.sampled_from(WHITESPACE)).map("".join))
def test_a_file_of_only_white_space_is_reported_not_parsed(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "blank.txt"
        path.write_text(text, encoding="utf-8")
        try:
            read_source(path)
        except ReadError as error:
            assert error.diagnostic.path == path and "no text" in error.diagnostic.message
        else:
            raise AssertionError("a blank file was read as a speech")


SITE_BATCHES = max(2, settings.default.max_examples // 75)  # each one is a real MkDocs build


@pytest.mark.site
@settings(max_examples=SITE_BATCHES)
@given(st.lists(SPEECH_TEXT, min_size=25, max_size=25))
def test_the_built_site_keeps_every_character_of_every_speech(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        seeds = root / "seeds"
        seeds.mkdir()
        for number, text in enumerate(texts):
            (seeds / f"{number:03}.txt").write_bytes(text.encode("utf-8"))
        result = build(seeds, root / "site", copy_project(root))
        assert len(result.speeches) == len(texts) and not result.errors
        for speech in result.speeches:
            html = (root / "site" / "speeches" / speech.slug / "index.html").read_text(encoding="utf-8")
            text = texts[int(speech.source.stem)]
            assert shown_text(html, speech) == page_text(text, speech)


@given(st.binary(max_size=3000))
def test_decoding_any_bytes_gives_text_or_a_reason(data: bytes) -> None:
    path = Path("any.txt")
    diagnostics: list[Diagnostic] = []
    try:
        text, encoding = decode(path, data, diagnostics)
    except ReadError as error:
        assert error.diagnostic.path == path and error.diagnostic.message
        return
    assert isinstance(text, str) and encoding
    assert all(d.path == path and d.line and d.line >= 1 for d in diagnostics[:10])


@given(st.text(ANY_CHARACTER), st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]))
def test_text_with_a_byte_order_mark_decodes_exactly(text: str, bom: bytes) -> None:
    encoding = {b"\xef\xbb\xbf": "utf-8", b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}[bom]
    diagnostics: list[Diagnostic] = []
    assert decode(Path("bom.txt"), bom + text.encode(encoding), diagnostics) == (text, encoding)
    assert diagnostics == []


@given(st.text(ANY_CHARACTER, min_size=1), st.data())
def test_a_stray_byte_in_utf8_is_replaced_and_located(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(text)))
    encoded = text.encode("utf-8")
    offset = len(text[:index].encode("utf-8"))
    damaged = encoded[:offset] + b"\xff" + encoded[offset:]
    diagnostics: list[Diagnostic] = []
    try:
        decoded, encoding = decode(Path("damaged.txt"), damaged, diagnostics)
    except ReadError as error:  # only a file that is not text at all may be refused
        assert text.startswith("%PDF-"), error.diagnostic.message
        return
    assert (decoded, encoding) == (text[:index] + "\ufffd" + text[index:], "utf-8")
    [warning] = diagnostics
    assert warning.line == len((text[:index] + "x").splitlines())
    assert f"byte ff at byte offset {offset};" in warning.message
