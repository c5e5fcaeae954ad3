"""Saved web pages (as .html and as one file, .mht), PDF, Word 97–2003, WPS, RTF and OpenDocument, read as staff
get them, and built into a site with .txt and .docx.

The web pages are files in ``tests/web_pages/``, written for these tests: an invented article inside the chrome
government and company sites put around one (menus, breadcrumbs, a 发布时间/来源 line, share buttons,
上一篇/下一篇, related links, comments, footers, scripts and styles), in UTF-8 and in GBK, with and without a
``<meta charset>``, laid out with ``<p>``, ``<br>``, ``<div>`` and a layout table; wrapped as a browser saves
a page as one file, they are the ``.mht`` files. PDFs, scans, encrypted PDFs and Word, RTF and OpenDocument
files are made by the tests (``tests/format_files.py``).

Each format is checked on what a reader gets: the reader's lines first (nothing of the article lost, nothing
of the chrome outside it read, line order and page breaks), then a real site built from all of them side by
side with seed speeches: structure, metadata with its grounds on the page and in kb.json, every character on
the page, chrome set apart (原文附注) and out of search; the files that cannot be read reported by name while
every other one is built.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from speechkb.build import build
from speechkb.machinery.parse_cache import ParseCache
from speechkb.model import Line, Metadata, ParagraphKind, Severity, Source, Speech
from speechkb.search import site_documents
from speechkb.stages.infer.page import stated_by_page
from speechkb.stages.layout import columns
from speechkb.stages.parse import parse
from speechkb.stages.readers import ReadError, read_source
from speechkb.stages.readers.base import IMAGE, unshown_mark
from speechkb.stages.readers.doc import INSTALL_HINT
from tests.conftest import ROOT, SEED_FILES, TEXT_RULES, BuiltSite, copy_project, squash, text_and_notes
from tests.format_files import (
    IMAGE_ADDRESS,
    NUMBERED_FOOTER,
    OFFICIAL,
    PAGE_ADDRESS,
    PDF_SPEECH,
    PLAIN,
    RAISED_FOOTNOTES,
    TWO_COLUMNS,
    WEB_PAGES,
    WORD_SPEECH,
    WORD_TABLE,
    encrypted_pdf,
    footnoted_pdf,
    mht_file,
    mht_part,
    office_file,
    page_part,
    png_bytes,
    saved_as_one_file,
    scanned_pdf,
    speech_pdf,
    text_then_scanned_pdf,
    word_docx,
)
from tests.growth import STEP_GROWTH_MAX, step_growth

SENTENCE = re.compile(r"[。！？；：\n]")
IMAGE_MARK = unshown_mark(IMAGE)  # what the .docx reader writes for a picture: ［图片］


@dataclass(frozen=True)
class Page:
    """What a careful reader takes from a saved page, and what the page holds that is not the article."""

    encoding: str  # how the test reads the file to find the article in it
    article: str  # XPath of the article's elements in the page
    title: str
    title_grounds: str  # words of the evidence for the title
    date: str | None
    date_origin: str | None  # where the date is read from: the text ("text") or the page ("page")
    publisher: str | None
    speaker: str
    level: str | None
    parts: list[str]
    notes: list[str] = field(default_factory=list)  # lines of the article's stretch that are chrome
    outside: list[str] = field(default_factory=list)  # words of the page outside the article: never read


PAGES: dict[str, Page] = {
    "county-meta-tags.html": Page(
        encoding="utf-8",
        article="//div[@id='zoom']",
        title="在全县2023年安全生产工作会议上的讲话",
        title_grounds='<meta name="ArticleTitle" content="在全县2023年安全生产工作会议上的讲话">',
        date="2023-03-15",
        date_origin="text",  # （2023年3月15日） under the title: the speech's own date
        publisher="云岭县应急管理局",
        speaker="王某某",
        level="县",
        parts=[
            "一、正视问题，清醒认识当前安全生产形势",
            "二、突出重点，全力防范化解重大安全风险",
            "三、压实责任，确保各项措施落地见效",
        ],
        notes=[
            "发布时间：2023-03-15 10:21　来源：云岭县应急管理局　浏览次数： 【字体：大 中 小】",
            "分享到：微信 微博 QQ空间",
            "【打印本页】 【关闭窗口】",
        ],
        outside=[
            "无障碍阅读",
            "政务服务",
            "当前位置",
            "相关链接",
            "第一次安委会全体会议",
            "主办单位",
            "网站地图",
            "上一篇",
            "1024",
            "脚本",
            "样式",
        ],
    ),
    "county-gbk-table-layout.html": Page(
        encoding="gbk",
        article="//td[@id='zoom']",
        title="在全县岁末年初安全生产工作会议上的讲话",
        title_grounds="<title>青川县人民政府--在全县岁末年初安全生产工作会议上的讲话</title>",
        date="2022-12-26",  # the date line; the page was published on the 28th
        date_origin="text",
        publisher="青川县安全生产委员会办公室",
        speaker="李某某",
        level="县",
        parts=[
            "一、认清形势，切实增强做好岁末年初安全生产工作的紧迫感",
            "二、聚焦重点，全面开展安全隐患排查整治",
            "三、强化保障，确保各项工作落到实处",
        ],
        notes=[
            "发布日期：2022-12-28 信息来源：青川县安全生产委员会办公室 点击数：356 【字号 大 中 小】",
            "[打印本页] [关闭窗口]",
            "上一条：青川县开展冬季消防安全大检查",
            "下一条：县安委办通报11月份安全生产情况",
        ],
        outside=["网站首页", "通知公告", "事故通报", "您现在的位置", "版权所有", "建议使用", "count.asp"],
    ),
    "city-divs-open-graph.html": Page(
        encoding="utf-8",
        article="//div[@class='content']/*[not(@class='related-read')]",
        title="在全市汛期安全生产暨防汛工作会议上的讲话",
        title_grounds='<meta property="og:title" content="在全市汛期安全生产暨防汛工作会议上的讲话">',
        date="2024-06-03",  # no date in the text: the page's publication date
        date_origin="page",
        publisher="某某市应急管理局",
        speaker="张某某",
        level="市",
        parts=[
            "一、充分认识汛期安全生产工作的复杂性",
            "二、扎实做好汛期各项安全防范工作",
            "三、全面提升应急处置能力",
        ],
        # The article is read from its title on: the page's line under the title is read, and set apart.
        notes=["发布时间：2024年06月03日 16:30来源：某某市应急管理局阅读量：2187"],
        outside=[
            "热门文章",
            "您的位置",
            "相关阅读",
            "防汛工作视频调度会",
            "分享到",
            "上一篇",
            "网友评论",
            "讲得好",
            "扫一扫",
        ],
    ),
    "company-gb18030-no-charset.html": Page(
        encoding="gb18030",
        article="//div[@class='article']/p[not(@class='meta')]",
        title="集团公司2021年安全生产工作会议讲话",
        title_grounds="<title>集团公司2021年安全生产工作会议讲话 | 某某能源集团有限公司</title>",
        date="2021-01-22",  # the title says 2021; the page, the day
        date_origin="page",
        publisher="集团公司安全环保部",
        speaker="赵某某",
        level="企业",
        parts=["第一，要坚持安全发展理念不动摇。", "第二，要狠抓安全责任落实。", "第三，要深化双重预防机制建设。"],
        notes=["时间：2021-01-22　作者：党委办公室　来源：集团公司安全环保部　点击：88", "（根据录音整理）"],
        outside=["走进集团", "当前位置", "标签：", "推荐阅读", "上一篇", "Copyright", "hits"],
    ),
    "district-list-and-table.html": Page(
        encoding="utf-8",
        article="//div[@id='content']",
        title="在全区安全生产专项整治三年行动推进会上的讲话",
        title_grounds="<title>在全区安全生产专项整治三年行动推进会上的讲话-某某区政府</title>",
        date=None,
        date_origin=None,
        publisher=None,
        speaker="孙某某",
        level="县",
        parts=["一、任务清单", "二、重点要求", "三、几点说明"],
        # The attachment's link under the text is the article's: read, and set apart as the page's.
        notes=["附件：任务分解表.doc"],
        outside=["专题专栏", "主办单位", "机构"],
    ),
    "county-br-mid-sentence.html": Page(
        encoding="utf-8",
        article="//div[@id='zoom']",
        title="在全县2024年安全生产工作会议上的讲话",
        title_grounds='<meta name="ArticleTitle" content="在全县2024年安全生产工作会议上的讲话">',
        date="2024-02-21",
        date_origin="text",
        publisher="清岚县应急管理局",
        speaker="赵某某",
        level="县",
        parts=["一、正视问题，清醒认识当前安全生产形势", "二、突出重点，全力防范化解重大安全风险"],
        notes=["发布时间：2024-02-22 09:30　来源：清岚县应急管理局", "分享到：微信 微博"],
        outside=["互动交流", "当前位置", "主办单位", "网站标识码"],
    ),
}


def article_sentences(name: str) -> list[str]:
    """Every sentence of the article, as the page holds it (read by the test, not by speechkb)."""
    page = PAGES[name]
    root = lxml.html.document_fromstring((WEB_PAGES / name).read_bytes().decode(page.encoding))
    text = "\n".join("\n".join(element.itertext()) for element in root.xpath(page.article))
    return [squash(sentence) for sentence in SENTENCE.split(text) if squash(sentence)]


def every_line(source: Source) -> list[Line]:
    """The lines of the file in its order, its tables' cells among them."""
    cells = [line for table in source.tables for line in table.lines()]
    return sorted([*source.lines, *cells], key=lambda line: line.number)


def read_lines(path: Path) -> list[str]:
    return [line.text for line in read_source(path).lines]


# --- web pages: the reader --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_every_sentence_of_the_article_is_read_and_nothing_outside_it(name: str) -> None:
    read = squash("".join(line.text for line in every_line(read_source(WEB_PAGES / name))))
    sentences = article_sentences(name)
    assert len(sentences) >= 10
    assert [sentence for sentence in sentences if sentence not in read] == []
    assert [words for words in PAGES[name].outside if words in read] == []


def test_a_list_and_a_table_the_extractor_would_clean_away_are_kept_in_place() -> None:
    """readability drops a short list from an article; the reader keeps the whole stretch of it."""
    source = read_source(WEB_PAGES / "district-list-and-table.html")
    lines = [line.text for line in source.lines]
    start = lines.index("二、重点要求")
    assert lines[start : start + 4] == ["二、重点要求", "压实属地责任。", "严格执法检查。", "强化宣传培训。"]
    # The table of the article is a table, where it stands: after 一、任务清单, before 二、重点要求.
    [table] = source.tables
    assert [[[line.text for line in cell.lines] for cell in row] for row in table.rows][1] == [
        ["区应急管理局"],
        ["完成危化企业复核"],
        ["6月底前"],
    ]
    before, after = (
        next(line.number for line in source.lines if line.text == text) for text in ("一、任务清单", "二、重点要求")
    )
    assert before < table.line and all(before < line.number < after for line in table.lines())


def test_a_layout_table_around_the_article_is_not_a_table_of_it() -> None:
    """An old site sets its page out in a table: the article stands in a cell, and is read as lines."""
    source = read_source(WEB_PAGES / "county-gbk-table-layout.html")
    assert source.tables == () and len(source.lines) >= 10


@pytest.mark.parametrize(
    ("name", "stated"),
    [
        (
            "county-meta-tags.html",
            {
                "title": ("在全县2023年安全生产工作会议上的讲话", None),
                "date": ("2023-03-15", None),
                "publisher": ("云岭县应急管理局", None),
            },
        ),
        (
            "county-gbk-table-layout.html",
            {
                "title": ("在全县岁末年初安全生产工作会议上的讲话", None),
                "date": ("2022-12-28", 2),
                "publisher": ("青川县安全生产委员会办公室", 2),
            },
        ),
        (
            "city-divs-open-graph.html",
            {
                "title": ("在全市汛期安全生产暨防汛工作会议上的讲话", None),
                "date": ("2024-06-03", None),
                "publisher": ("某某市应急管理局", 2),  # from the page's line under the title
            },
        ),
        ("district-list-and-table.html", {"title": ("在全区安全生产专项整治三年行动推进会上的讲话", None)}),
    ],
)
def test_title_date_and_source_are_read_where_the_page_states_them(
    name: str, stated: dict[str, tuple[str, int | None]]
) -> None:
    source = stated_by_page(read_source(WEB_PAGES / name), TEXT_RULES.metadata)
    found = {e.field: (getattr(source.stated, e.field), e.line) for e in source.stated_evidence}
    assert found == stated
    assert all(e.origin == "page" and e.text for e in source.stated_evidence)


def page_bytes(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>page</title></head><body>{body}</body></html>"


def test_blocks_and_line_breaks_are_where_lines_break(tmp_path: Path) -> None:
    body = (
        "<div><h1>标题</h1><p>第一段<b>加粗</b>接着\n  写。</p><p>第二段<br>换行<br/>再换行</p>"
        "<div>块一<div>块二</div>块三</div><ul><li>项一</li><li>项二</li></ul>"
        "<table><tr><td>甲</td><td>乙</td></tr><tr><th>丙</th><td>丁</td></tr></table>"
        "<p style='text-indent: 2em'>缩进的段落。</p><p>&nbsp;&nbsp;空格缩进。</p><pre>第一行\n第二行</pre></div>"
    )
    path = tmp_path / "page.html"
    path.write_text(page_bytes(body), encoding="utf-8")
    source = read_source(path)
    assert [line.text for line in source.lines] == [
        "标题",
        "第一段加粗接着 写。",
        "第二段",
        "换行",
        "再换行",
        "块一",
        "块二",
        "块三",
        "项一",
        "项二",
        "缩进的段落。",
        "空格缩进。",
        "第一行",
        "第二行",
    ]
    assert [line.text for line in source.lines if line.indented] == ["缩进的段落。", "空格缩进。"]
    assert [line.text for line in source.lines if line.soft_break] == ["第二段", "换行"]  # <br> inside its <p>
    [table] = source.tables  # a table of the page's article: its cells apart, where it stands
    assert [[[line.text for line in cell.lines] for cell in row] for row in table.rows] == [
        [["甲"], ["乙"]],
        [["丙"], ["丁"]],
    ]
    assert table.header_rows == 0  # a row with a <th> and a <td> is data


def test_a_br_in_the_middle_of_a_sentence_is_joined_like_a_wrapped_line_and_others_break() -> None:
    speech = parse(read_source(WEB_PAGES / "county-br-mid-sentence.html"), TEXT_RULES)
    assert [p.text for p in speech.paragraphs()] == [
        "县长　赵某某",  # a byline and a date line: a <br> after them breaks
        "（2024年2月21日）",
        "同志们：",
        "今天召开全县2024年安全生产工作会议，主要任务是总结去年全县安全生产工作，安排部署今年重点任务。"
        "刚才，县应急管理局通报了情况，我完全同意。下面，我讲两点意见。",
        "过去一年，全县生产安全事故起数和死亡人数实现双下降。但也要看到，部分企业主体责任落实不到位，"
        "隐患排查治理流于形式，一些乡镇监管力量薄弱，必须引起高度重视。",
        "要紧盯道路交通、建筑施工、危险化学品等重点行业领域，",  # an item's marker after a <br> starts a paragraph
        "一是全面排查重大事故隐患。",
        "二是严格落实领导干部带班值班制度。",
        "各乡镇、各部门要加强协调配合，形成齐抓共管的工作合力。",  # after <br><br>, a paragraph of its own
        "同志们，安全生产责任重于泰山，希望大家以对人民高度负责的态度，抓紧抓实各项工作。",
    ]
    assert [s.heading for s in speech.sections()] == PAGES["county-br-mid-sentence.html"].parts


def test_a_table_s_header_rows_and_spans_are_read_as_a_browser_shows_them(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{text}</p>" for kind, text in PDF_SPEECH if kind == "p")  # an article to be found
    body = (
        f"<div>{paragraphs}<p>一、任务分工</p><table><tr><th>单位</th><th>任务</th></tr><tr><th colspan='2'>第一批</th></tr>"
        "<tr><td rowspan='2abc'>县住建局</td><td colspan='0'>燃气排查</td></tr><tr><td>工地检查</td></tr>"
        "<tr><td></td><td>  </td></tr></table><p>二、工作要求</p></div>"
    )
    path = tmp_path / "page.html"
    path.write_text(page_bytes(body), encoding="utf-8")
    [table] = read_source(path).tables
    assert table.header_rows == 2  # rows of <th> cells only, from the top
    shape = [[(cell.colspan, cell.rowspan, [line.text for line in cell.lines]) for cell in row] for row in table.rows]
    assert shape == [
        [(1, 1, ["单位"]), (1, 1, ["任务"])],
        [(2, 1, ["第一批"])],
        [(1, 2, ["县住建局"]), (1, 1, ["燃气排查"])],
        [(1, 1, ["工地检查"])],
        [(1, 1, []), (1, 1, [])],  # empty cells stand in the grid, with no paragraph
    ]


def test_scripts_styles_hidden_text_and_forms_never_reach_the_lines(tmp_path: Path) -> None:
    body = (
        "<p>正文开始。</p><script>document.write('脚本一')</script><style>p:before{content:'样式'}</style>"
        "<noscript>请开启脚本</noscript><template><p>模板</p></template><p hidden>隐藏一</p>"
        "<p style='display: none'>隐藏二</p><div style='color:red;visibility:hidden'>隐藏三</div>"
        "<form><input value='输入框'><textarea>文本框</textarea><select><option>选项</option></select>"
        "<button>按钮</button></form><iframe src='x.html'>框架</iframe><svg><text>图形</text></svg>"
        "<!-- 注释 --><p>正文里写着&lt;script&gt;alert(1)&lt;/script&gt;，照原样显示。</p>"
    )
    path = tmp_path / "page.html"
    path.write_text(page_bytes(body, "<script>var 头部 = 1;</script>"), encoding="utf-8")
    assert read_lines(path) == ["正文开始。", "正文里写着<script>alert(1)</script>，照原样显示。"]


def test_an_image_of_the_article_is_marked_where_it_stands_as_in_a_docx(tmp_path: Path) -> None:
    """A picture in the article is named in its place (the ［图片］ a .docx's gets), a line of its own when it is a
    block of its own; a tracking pixel, an icon and the site's logo outside the article are no picture of it."""
    said = "今天召开全县安全生产工作会议，主要任务是总结工作、分析形势、部署任务，确保全县安全生产形势稳定。"
    body = (
        "<div class='head'><img src='logo.png' width='300' height='80'><a href='/'>首页</a> <a href='/x'>政务公开</a></div>"
        f"<div id='content'><p>同志们：</p><p>{said}</p>"
        "<p><img src='/pic/1.jpg'></p>"
        f"<p>{said}<img src='/pic/2.jpg' width='600'>会场照片在上。</p>"
        "<figure><img data-src='https://example.org/3.jpg' alt='会议现场'><figcaption>会议现场。</figcaption></figure>"
        f"<p>{said}<img src='count.asp' width='1' height='1'><img src='print.gif' style='width: 16px'></p>"
        "<p><img src='/pic/4.jpg' alt='4.jpg'><img alt='无地址'></p>"
        f"<p>{said}</p><p>谢谢大家！</p></div>"
        "<div class='foot'><img src='gongan.png'>主办单位：某某县人民政府</div>"
    )
    path = tmp_path / "page.html"
    path.write_text(page_bytes(body), encoding="utf-8")
    assert read_lines(path) == [
        "同志们：",
        said,
        IMAGE_MARK,
        f"{said}{IMAGE_MARK}会场照片在上。",
        "［图片：会议现场］",  # its alt text describes it, as a Word picture's description does
        "会议现场。",
        said,
        IMAGE_MARK,  # alt="4.jpg" is a file name, no description; an <img> with no address shows nothing
        said,
        "谢谢大家！",
    ]


def test_the_images_of_the_fixtures_articles_are_marked_in_their_place() -> None:
    district = read_lines(WEB_PAGES / "district-list-and-table.html")
    assert district[district.index(IMAGE_MARK) - 1 : district.index(IMAGE_MARK) + 2] == [
        "以上任务各单位要对照落实，详见附件。",
        IMAGE_MARK,
        "同志们，时间紧、任务重，大家要拿出干劲，确保三年行动圆满收官。",
    ]
    assert read_lines(WEB_PAGES / "county-gbk-table-layout.html").count(IMAGE_MARK) == 0  # banner, pixel: outside


@pytest.mark.parametrize(
    ("encoding", "declared", "bom"),
    [
        ("utf-8", "utf-8", b""),
        ("utf-8", None, b""),
        ("utf-8", None, b"\xef\xbb\xbf"),
        ("gbk", "gb2312", b""),
        ("gbk", "GBK", b""),
        ("gb18030", None, b""),
        ("big5", "big5", b""),
        ("utf-16-le", None, b"\xff\xfe"),
        ("gbk", "utf-8", b""),  # a page that says UTF-8 and is not: read as its bytes say
    ],
)
def test_a_page_is_decoded_as_its_charset_or_its_bytes_say(
    tmp_path: Path, encoding: str, declared: str | None, bom: bytes
) -> None:
    text = "在全县安全生产工作会议上的讲话。同志们：今天我们召开会议，部署安全生产工作，压实责任。"
    if encoding == "big5":
        text = "在全縣安全生產工作會議上的講話。同志們：今天我們召開會議，部署安全生產工作，壓實責任。"
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    path = tmp_path / "page.html"
    path.write_bytes(bom + page_bytes(f"<p>{text}</p>", head).encode(encoding))
    assert read_lines(path) == [text]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "not a web page: the file is image/png (.png)"),
        (b"PK\x03\x04" + bytes(64), "not a web page: the file is application/zip (.zip)"),
        ("只是一段文字，没有标签。".encode(), "not a web page: there is no HTML tag in it"),
        (b"<html><body>  </body></html>", "no text: the file is empty or holds only white space"),
    ],
)
def test_a_file_that_is_not_a_web_page_is_a_named_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "fake.html"
    path.write_bytes(data)
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert raised.value.diagnostic.path == path and message in raised.value.diagnostic.message


def portal_page(front: str, article: str, head: str = "") -> str:
    """A portal's article page: a menu, a title, ``front`` (what stands between the title and the article) and the
    article, then a footer."""
    said = "各乡镇、各部门要切实担负起安全生产责任，主要负责同志要亲自抓、负总责，确保各项措施落到实处。"
    return page_bytes(
        "<div class='nav'><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a> <a href='/ldjh/'>领导讲话</a></div>"
        "<div class='main'>"
        f"<div class='wz'><div class='bt'>在全县安全生产工作会议上的讲话</div>{front}"
        f"<div class='TRS_Editor' id='zoom'>{article}{''.join(f'<p>{said}</p>' for _ in range(6))}</div>"
        "<div class='share'>分享到：<a href='#'>微信</a> <a href='#'>微博</a></div></div>"
        "<div class='sxp'><a href='/1'>上一篇：在全县防汛工作会议上的讲话</a></div>"
        "<div class='xgwz'><a href='/2'>县应急管理局召开安全生产警示教育大会</a></div></div>"
        "<div class='foot'>主办单位：某某县人民政府　网站标识码：1234567890</div>",
        f'<meta name="ArticleTitle" content="在全县安全生产工作会议上的讲话">{head}',
    )


def test_a_byline_between_the_title_and_the_article_is_the_article_s(tmp_path: Path) -> None:
    """A page may set the speaker's byline in a block of its own under the title (a 副标题 <div>), above the
    发布日期 line and outside the block that holds the text: the article is read from its title on, so the
    byline names the speaker; the menu above the title stays out."""
    path = tmp_path / "page.html"
    front = "<div class='fbt'>副县长　马某某</div><div class='xx'>发布日期：2025-01-17　信息来源：县政府办公室</div>"
    path.write_text(portal_page(front, "<p>（2025年1月16日）</p><p>同志们：</p>"), encoding="utf-8")
    lines = read_lines(path)
    assert lines[:4] == [
        "在全县安全生产工作会议上的讲话",
        "副县长　马某某",
        "发布日期：2025-01-17　信息来源：县政府办公室",
        "（2025年1月16日）",
    ]
    assert "首页 政务公开 领导讲话" not in lines
    speech = parse(read_source(path), TEXT_RULES)
    assert (speech.metadata.speaker, speech.metadata.date) == ("马某某", "2025-01-16")


def test_a_title_far_above_the_article_does_not_draw_the_page_into_it(tmp_path: Path) -> None:
    """Only a title a few short lines above the article opens it: a copy of the title in a menu or a list of
    links further up is no title of the article."""
    path = tmp_path / "page.html"
    links = "".join(
        f"<li><a href='/{n}'>县应急管理局召开第{n}次安全生产工作调度会议并部署下一阶段工作</a></li>" for n in range(8)
    )
    path.write_text(portal_page(f"<ul>{links}</ul>", "<p>同志们：</p>"), encoding="utf-8")
    assert read_lines(path)[0] == "同志们："


def test_a_site_name_over_a_menu_is_no_title_of_the_article(tmp_path: Path) -> None:
    """A small site's page whose ``<title>`` names its column and the site, the site's name shown over a short menu
    and the article under it: the site's name is no title, and a link to another page between ends the search."""
    said = "各乡镇、各部门要切实担负起安全生产责任，主要负责同志要亲自抓、负总责，确保各项措施落到实处。"
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>领导讲话-云溪市人民政府信息公开平台</title></head><body>"
        "<div class='logo'>云溪市人民政府信息公开平台</div><div class='nav'><a href='/'>首页</a> <a href='/a'>领导讲话</a></div>"
        f"<div class='article'><p>同志们：</p>{f'<p>{said}</p>' * 8}</div><div class='foot'>版权所有</div></body></html>",
        encoding="utf-8",
    )
    assert read_lines(path)[0] == "同志们："


@pytest.mark.parametrize("site_meta", ["<meta name='SiteName' content='青岚县人民政府'>", ""])
def test_a_title_that_is_the_site_s_name_is_no_title_of_the_speech(tmp_path: Path, site_meta: str) -> None:
    """A site that gives every page its own name as the ``<title>`` (青岚县人民政府, shown by its logo) names no
    article there: the speech's title is the line its text opens with (a Word paste's centred bold title). Where a
    meta tag names the site, the page states no title; where none does, the text's title of a title's form wins."""
    said = "各乡镇、各部门要切实担负起安全生产责任，主要负责同志要亲自抓、负总责，确保各项措施落到实处。"
    path = tmp_path / "page.html"
    path.write_text(
        f"<!DOCTYPE html><html><head><title>青岚县人民政府</title>{site_meta}"
        "</head><body><div class='logo'>青岚县人民政府</div><div class='nav'><a href='/'>首页</a></div>"
        "<div class='TRS_Editor'><p align='center'><b>在全县安全生产工作会议上的讲话</b></p><p>同志们：</p>"
        f"{f'<p>{said}</p>' * 8}</div><div class='foot'>版权所有：青岚县人民政府</div></body></html>",
        encoding="utf-8",
    )
    source = read_source(path)
    assert source.stated.title == (None if site_meta else "青岚县人民政府")
    assert parse(source, TEXT_RULES).title == "在全县安全生产工作会议上的讲话"


def test_a_page_of_an_article_split_over_pages_is_incomplete(tmp_path: Path) -> None:
    """A portal splits a long article over pages (共2页 上一页 1 2 下一页 under its text): a page saved from it
    holds one of them, so its pager is set apart and the speech is marked incomplete."""
    path = tmp_path / "page.html"
    pager = (
        "<div class='page'>共2页&nbsp;&nbsp;<a href='#'>上一页</a>&nbsp;<span>1</span>&nbsp;<a href='./t_1.html'>2</a>"
    )
    path.write_text(
        portal_page("", "<p>同志们：</p>").replace(
            "</div><div class='share'>", f"{pager}</div></div><div class='share'>"
        ),
        encoding="utf-8",
    )
    speech = parse(read_source(path), TEXT_RULES)
    assert [note.text for note in speech.notes] == ["共2页\u00a0\u00a0上一页\u00a01\u00a02"]
    assert speech.incomplete


def test_a_source_is_read_to_the_end_of_its_field_though_a_link_runs_on_from_it(tmp_path: Path) -> None:
    """An info bar sets each field in an element of its own, with no space between them: 来源：县应急管理局 is
    followed by the 打印 link on the page's line, and the source ends where its element does."""
    path = tmp_path / "page.html"
    front = "<div class='info'><span>2024-06-05 10:00</span><span>来源：县应急管理局</span><a href='#'>打印</a></div>"
    path.write_text(portal_page(front, "<p>同志们：</p>"), encoding="utf-8")
    assert stated_by_page(read_source(path), TEXT_RULES.metadata).stated.publisher == "县应急管理局"


@pytest.mark.parametrize("dateline", ["", "本网讯（记者 刘某 通讯员 陈某某）", "青岚新闻网讯 "])
def test_a_news_lead_s_month_and_day_are_in_the_year_the_page_went_up(tmp_path: Path, dateline: str) -> None:
    """A news page quotes the speech after its lead (4月8日，县长王某某主持召开…会议并讲话。, after the report's
    dateline, 本网讯（记者 刘某）), with the meeting's picture between the lead's sentences: the lead's day, in the
    year of the page's publication date, dates the speech, not the day the page went up; the salutation under the
    lead still opens the speech."""
    path = tmp_path / "page.html"
    article = (
        f"<p>{dateline}4月8日，县长王某某主持召开全县安全生产专题会议并讲话。</p><p><img src='/pic/1.jpg'></p>"
        "<p>现将讲话全文刊发如下：</p><p>同志们：</p>"
    )
    path.write_text(portal_page("", article, '<meta name="PubDate" content="2024-04-09 18:20">'), encoding="utf-8")
    speech = parse(read_source(path), TEXT_RULES)
    assert speech.metadata.date == "2024-04-08"
    assert speech.salutation is not None and speech.salutation.text == "同志们："


def test_a_page_without_an_article_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "short.htm"
    path.write_text(page_bytes("<p>同志们：</p><p>今天开个短会。</p><p>谢谢大家！</p>"), encoding="utf-8")
    assert read_lines(path) == ["同志们：", "今天开个短会。", "谢谢大家！"]


# A page's source saved as .txt (另存为 → 文本, or page.html renamed): a site's header, the speech in an <article>,
# a footer. Invented; long enough for readability to tell the article from the menus.
SAVED_PAGE_SPEECH = [
    "在全县2024年安全生产工作会议上的讲话",
    "同志们：",
    "今天召开全县安全生产工作会议，主要任务是总结去年工作，分析当前形势，部署今年任务。",
    "一、清醒认识当前安全生产形势",
    "去年以来，全县上下认真落实各项安全防范措施，安全生产形势总体平稳，但隐患仍然不少，基础依然薄弱。",
    "二、扎实抓好重点行业领域整治",
    "要紧盯道路交通、建筑施工、危险化学品、消防等重点领域，深入排查整治隐患，坚决遏制较大事故发生。",
    "三、层层压实安全生产责任",
    "各乡镇、各部门要坚持党政同责、一岗双责，把责任落实到岗位、落实到人头，确保全县安全生产形势持续稳定。",
]
SAVED_PAGE = (
    "<!DOCTYPE html>\n<html lang='zh-CN'><head><meta charset='{charset}'><title>清岚县人民政府</title></head><body>"
    "<div class='header'><a href='/'>首页</a> <a href='/zwgk'>政务公开</a> <a href='/hdjl'>互动交流</a></div>"
    "<div class='crumb'>当前位置：首页 &gt; 政务公开 &gt; 领导讲话</div>"
    "<article>{article}</article>"
    "<div class='footer'>主办单位：清岚县人民政府办公室　网站标识码：0000000000</div></body></html>"
)


def saved_page(charset: str) -> str:
    article = "".join(f"<p>{line}</p>" for line in SAVED_PAGE_SPEECH)
    return SAVED_PAGE.format(charset=charset, article=article)


@pytest.mark.parametrize(
    ("before", "encoding", "bom"),
    [
        ("", "utf-8", b""),
        ("\n  ", "utf-8", b"\xef\xbb\xbf"),
        ("<!-- saved from url=(0044)http://www.qinglan.gov.cn/art/2024/3/1.html -->\n", "gbk", b""),
        ("", "utf-16-le", b"\xff\xfe"),
    ],
)
def test_a_txt_that_is_a_web_page_s_source_is_read_as_the_page_and_said_so(
    tmp_path: Path, before: str, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "讲话.txt"
    path.write_bytes(bom + (before + saved_page(encoding)).encode(encoding))
    source = read_source(path)
    assert [line.text for line in source.lines] == SAVED_PAGE_SPEECH  # no tags, no menus, no footer
    [notice] = source.diagnostics
    assert notice.path == path and notice.severity == "notice"
    assert "讲话.txt is a web page's source" in notice.message and "read as a saved web page" in notice.message


def test_a_txt_that_only_mentions_html_tags_is_text(tmp_path: Path) -> None:
    lines = ["同志们：", "网页另存时，<html>标签也会存进文本。", "网页源代码以<!DOCTYPE html>开头，讲话稿不是网页。"]
    path = tmp_path / "讲话.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    source = read_source(path)
    assert [line.text for line in source.lines] == lines and source.diagnostics == ()


def test_a_txt_with_a_blank_line_under_every_line_breaks_its_lines_softly(tmp_path: Path) -> None:
    """Double-spaced, the blank lines part every line and say nothing of the paragraphs: a line that stops in the
    middle of a sentence goes on in the next, as under a web page's <br>, and the others end their paragraphs."""
    lines = [
        "在全县安全生产工作会议上的讲话",
        "同志们：",
        "今天，我们召开全县安全生产工作会议，主要任务是总结",
        "去年工作，部署今年任务。",
        "一、正确看待当前形势",
        "过去一年，全县安全生产形势总体平稳，",
        "事故起数同比下降。",
        "但部分领域风险依然突出。",
        "二、抓好重点工作",
        "要聚焦危险化学品、燃气等重点领域，",
        "建立隐患清单，实行闭环管理。",
    ]
    path = tmp_path / "讲话.txt"
    path.write_text("\n\n".join(lines), encoding="utf-8")
    speech = parse(read_source(path), TEXT_RULES)
    assert [p.text for p in speech.paragraphs()] == [
        "同志们：",
        "今天，我们召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。",
        "过去一年，全县安全生产形势总体平稳，事故起数同比下降。",
        "但部分领域风险依然突出。",
        "要聚焦危险化学品、燃气等重点领域，建立隐患清单，实行闭环管理。",
    ]
    # Single-spaced, or double-spaced only in places, the lines are as the file breaks them.
    path.write_text("\n".join(lines), encoding="utf-8")
    assert not any(line.soft_break for line in read_source(path).lines)
    path.write_text("\n\n".join(lines[:6]) + "\n" + "\n\n".join(lines[6:]), encoding="utf-8")
    assert not any(line.soft_break for line in read_source(path).lines)


WORD_PAGE = "word-save-as-gb2312.htm"  # Word's 另存为网页 of a speech: gb2312, mso- styles, list numbers, a footnote


def test_a_page_word_saved_is_read_whole_with_its_footnotes_and_list_numbers() -> None:
    """Word's page is a document with no site around it: every paragraph is read, the footnote readability
    leaves outside the article too, and the 一、 Word drew with its tab's spaces reads as a .docx's 一、."""
    source = read_source(WEB_PAGES / WORD_PAGE)
    assert source.encoding == "gb18030"
    lines = [line.text for line in source.lines]
    assert lines[:4] == ["在全县冬春火灾防控工作会议上的讲话", "副县长\xa0 王某某", "（2023年11月21日）", "同志们："]
    assert [line for line in lines if line[:2] in ("一、", "二、", "三、")] == [
        "一、认清形势，切实增强火灾防控的紧迫感",
        "二、突出重点，全面排查整治火灾隐患",
        "三、压实责任，形成群防群治的工作格局",
    ]
    assert lines[-1].startswith("同志们，冬春火灾防控时间紧") and "隐藏文字" not in "".join(lines)
    assert [line.text for line in source.footnotes] == ["[1] 冬春火灾防控期为当年11月至次年3月。"]
    speech = parse(source, TEXT_RULES)
    assert (speech.title, speech.metadata.date, speech.metadata.speaker) == (
        "在全县冬春火灾防控工作会议上的讲话",
        "2023-11-21",
        "王某某",
    )
    assert [s.heading for s in speech.sections() if s.level == 2] == [line for line in lines if line[1:2] == "、"]
    assert [p.text for p in speech.footnotes] == ["[1] 冬春火灾防控期为当年11月至次年3月。"]
    assert speech.closing and not speech.notes


def test_a_word_list_number_pasted_into_a_site_s_article_is_read_as_word_shows_it(tmp_path: Path) -> None:
    spaces = "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span>"
    body = "".join(
        f"<p style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>{number}{spaces}</span>{text}</p>"
        for number, text in (("一、", "压实责任"), ("第二部分", "强化督查"), ("3.", "严格考核"))
    )
    path = tmp_path / "page.html"
    path.write_text(page_bytes(f"<div>{body}</div>"), encoding="utf-8")
    assert read_lines(path) == ["一、压实责任", "第二部分 强化督查", "3.严格考核"]


def test_a_wechat_article_s_sections_are_read_and_its_chrome_set_apart() -> None:
    """A WeChat article saved from the browser: the text in <section> soup with images, the account's line
    (author, account, time posted, 发表于) above it, 来源/编辑 lines and the 阅读原文 bar under it."""
    source = read_source(WEB_PAGES / "wechat-sections.html")
    root = lxml.html.document_fromstring((WEB_PAGES / "wechat-sections.html").read_bytes().decode("utf-8"))
    article = [squash(s) for s in SENTENCE.split("\n".join(root.xpath("//div[@id='js_content']")[0].itertext()))]
    read = squash("".join(line.text for line in source.lines))
    assert [sentence for sentence in article if sentence not in read] == []
    assert "微信扫一扫可打开此内容" not in read and "js_name" not in read
    speech = parse(source, TEXT_RULES)
    assert [note.text for note in speech.notes] == [
        "清岚县应急管理局 清岚应急 2024-03-06 16:00 发表于清岚",
        "来源：清岚县人民政府办公室",
        "编辑：李某某　审核：张某某",
        "阅读原文",
        "阅读 2345",
        "在看 12",
        "微信扫一扫",
        "关注该公众号",
        "预览时标签不可点",
    ]
    assert speech.written_title and speech.written_title.text == "在全县安全生产工作会议上的讲话"
    # og:title 重磅｜县长王某某在……的讲话（全文） holds the text's title line: the title is the line, undecorated.
    assert (speech.title, speech.title_origin) == ("在全县安全生产工作会议上的讲话", "page")
    assert (speech.metadata.date, speech.metadata.speaker, speech.metadata.level) == ("2024-03-05", "王某某", "县")
    assert [s.heading for s in speech.sections()] == [
        "一、坚持底线思维，始终绷紧安全生产这根弦",
        "二、聚焦重点领域，扎实推进隐患排查整治",
        "三、夯实工作基础，不断提升本质安全水平",
    ]
    assert [p.text[:2] for p in speech.paragraphs() if p.kind is ParagraphKind.ITEM] == ["一要", "二要", "三要"]
    assert speech.closing and speech.closing.text.startswith("同志们，安全生产只有起点")


@pytest.mark.parametrize(
    ("shown", "script", "date"),
    [
        ("2024-03-06 16:00", 'var ct = "1709712000";', "2024-03-06"),
        ("", 'var ct = "1709740800";', "2024-03-07"),  # 2024-03-06 16:00 UTC: in China the next day
        ("2023-11-02", "", "2023-11-02"),
    ],
)
def test_a_wechat_article_s_posting_time_is_the_page_s_date(tmp_path: Path, shown: str, script: str, date: str) -> None:
    """WeChat states no date in a meta tag: its page shows the time posted, its script holds it; either is the
    page's date, which dates the speech only where its text has no date of its own."""
    speech_lines = "".join(
        f"<p>{text}</p>"
        for text in ("在全县安全生产工作会议上的讲话", "同志们：", "今天召开全县安全生产工作会议。", "一、压实责任")
    )
    body = f'<em id="publish_time">{shown}</em><div id="js_content">{speech_lines}</div>'
    path = tmp_path / "wechat.html"
    path.write_text(page_bytes(body, f"<script>{script}</script>"), encoding="utf-8")
    source = read_source(path)
    assert source.stated.date == date
    assert parse(source, TEXT_RULES).metadata.date == date
    dated = tmp_path / "dated.html"
    dated.write_text(
        page_bytes(body.replace("<p>同志们：", "<p>（2024年3月5日）</p><p>同志们："), f"<script>{script}</script>"),
        encoding="utf-8",
    )
    assert parse(read_source(dated), TEXT_RULES).metadata.date == "2024-03-05"  # the text's date line wins


# --- a web page saved as one file (.mht): the reader -------------------------------------------------------

# How the test reads each saved page to wrap it as a browser does.
PAGE_ENCODINGS = {
    **{name: page.encoding for name, page in PAGES.items()},
    WORD_PAGE: "gbk",
    "wechat-sections.html": "utf-8",
}


def read_alike(source: Source) -> tuple[object, ...]:
    """What a reader gives of a speech, but for the file's name and the encoding its text was in."""
    return (source.lines, source.tables, source.footnotes, source.notes, source.stated, source.stated_evidence)


@pytest.mark.parametrize(
    ("name", "charset", "transfer", "suffix"),
    [
        ("county-gbk-table-layout.html", "gb2312", "quoted-printable", ".mht"),  # its <meta> says gb2312 too
        ("city-divs-open-graph.html", "gb2312", "quoted-printable", ".mht"),  # no <meta charset>: the part's decides
        ("district-list-and-table.html", "gb2312", "quoted-printable", ".mht"),  # says utf-8, is not: the part's
        (WORD_PAGE, "gb2312", "quoted-printable", ".mht"),  # Word's 单个文件网页: read whole, its footnote too
        ("wechat-sections.html", "utf-8", "base64", ".mhtml"),
        ("county-meta-tags.html", "utf-8", "base64", ".mhtml"),
    ],
)
def test_a_page_saved_as_one_file_is_read_as_the_page_it_holds(
    tmp_path: Path, name: str, charset: str, transfer: str, suffix: str
) -> None:
    page = (WEB_PAGES / name).read_bytes().decode(PAGE_ENCODINGS[name])
    saved = read_source(saved_as_one_file(tmp_path / f"page{suffix}", page, charset, transfer))
    source = read_source(WEB_PAGES / name)
    assert read_alike(saved) == read_alike(source) and saved.diagnostics == ()
    assert saved.encoding == ("gb18030" if charset == "gb2312" else charset)


@pytest.mark.parametrize(
    ("encoding", "charset", "declared"),
    [
        ("big5", "big5", None),  # a short page detection could take for another encoding: its part says which
        ("gbk", "gb2312", "utf-8"),  # the page says utf-8 and is not: its part's
        ("gbk", "utf-8", None),  # the part says utf-8 and is not: as its bytes say
        ("utf-8", "gb2312", "utf-8"),  # the page's own <meta charset>, which its bytes are in, wins
    ],
)
def test_a_page_in_a_saved_file_is_decoded_as_it_or_its_part_says(
    tmp_path: Path, encoding: str, charset: str, declared: str | None
) -> None:
    text = "在全縣安全生產工作會議上的講話。同志們：今天我們召開會議，部署安全生產工作。"
    if encoding != "big5":
        text = "在全县安全生产工作会议上的讲话。同志们：今天我们召开会议，部署安全生产工作，压实责任。"
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    part = mht_part(
        f'text/html; charset="{charset}"', page_bytes(f"<p>{text}</p>", head).encode(encoding), "quoted-printable"
    )
    assert read_lines(mht_file(tmp_path / "page.mht", [part])) == [text]


AD_FRAME = page_bytes("<p>广告：某某品牌防爆电器，欢迎选购。</p>")


@pytest.mark.parametrize(
    "more",
    [f"\nSnapshot-Content-Location: {PAGE_ADDRESS}", ';\n\tstart="<page@example>"'],
    ids=["saved-from", "start"],
)
def test_the_page_of_a_saved_file_is_its_root_part_not_a_frame_before_it(tmp_path: Path, more: str) -> None:
    """Chrome names the page it saved by its address, a multipart/related its root part by start=."""
    frame = mht_part(
        "text/html; charset=utf-8", AD_FRAME.encode(), "base64", {"Content-Location": "http://ad.example.com/1.html"}
    )
    text = "同志们：今天我们召开全县安全生产工作会议。"
    page = mht_part(
        "text/html; charset=utf-8",
        page_bytes(f"<p>{text}</p>").encode(),
        "base64",
        {"Content-Location": PAGE_ADDRESS, "Content-ID": "<page@example>"},
    )
    assert read_lines(mht_file(tmp_path / "page.mhtml", [frame, page], more)) == [text]


def test_an_image_of_a_saved_file_is_marked_where_it_stands(tmp_path: Path) -> None:
    said = "同志们：今天我们召开全县安全生产工作会议。"
    image = "<img src='cid:image001.png@01DA6B2C.3F5A1E20' width='600'>"
    page = page_part(page_bytes(f"<p>{said}</p><p>{image}</p><p>谢谢大家！</p>"))
    picture = mht_part("image/png", png_bytes(), "base64", {"Content-ID": "<image001.png@01DA6B2C.3F5A1E20>"})
    assert read_lines(mht_file(tmp_path / "page.mht", [page, picture])) == [said, IMAGE_MARK, "谢谢大家！"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("同志们：今天我们召开会议。".encode(), "it is no MIME message (it has no Content-Type header)"),
        (page_bytes("<p>同志们：</p>").encode(), "it is no MIME message (it has no Content-Type header)"),
        (None, "it has no HTML part"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "the file is image/png (.png)"),
    ],
    ids=["text", "html", "images-only", "png"],
)
def test_a_mht_that_is_no_saved_page_is_a_named_error(tmp_path: Path, data: bytes | None, message: str) -> None:
    path = tmp_path / "page.mht"
    if data is None:
        mht_file(path, [mht_part("image/png", png_bytes(), "base64", {"Content-Location": IMAGE_ADDRESS})])
    else:
        path.write_bytes(data)
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert raised.value.diagnostic.path == path
    assert raised.value.diagnostic.message == f"not a saved web page (.mht): {message}"


# --- PDF: the reader ----------------------------------------------------------------------------------


def test_a_pdf_is_read_page_by_page_in_reading_order(tmp_path: Path) -> None:
    lines = read_lines(speech_pdf(tmp_path / "official.pdf"))
    # The running header first and the page number last on every page, whatever order the file draws them in.
    headers = [index for index, line in enumerate(lines) if line == "某某市人民政府办公室"]
    footers = [index for index, line in enumerate(lines) if re.fullmatch(r"- \d+ -", line)]
    assert len(headers) == len(footers) >= 2
    assert headers[0] == 0 and footers[-1] == len(lines) - 1
    assert all(footer + 1 == header for footer, header in zip(footers, headers[1:], strict=False))
    body = [line for line in lines if line not in {"某某市人民政府办公室"} and not re.fullmatch(r"- \d+ -", line)]
    assert squash("".join(body)) == squash("".join(text for _, text in PDF_SPEECH))


def test_a_pdf_s_two_part_header_is_one_line_and_chinese_has_no_made_up_spaces(tmp_path: Path) -> None:
    lines = read_lines(speech_pdf(tmp_path / "plain.pdf", css=PLAIN))
    assert lines[0] == "云岭县安全生产委员会办公室 安委办〔2024〕3号"
    assert "第 1 页 共 2 页" in lines
    spaced = [line for line in lines if re.search(r"[\u4e00-\u9fff，。] |[ ][\u4e00-\u9fff，。]", line)]
    header = "云岭县安全生产委员会办公室 安委办〔2024〕3号"
    assert spaced == [header, "第 1 页 共 2 页", header, "第 2 页 共 2 页"]  # real spaces, no others


@pytest.mark.parametrize("css", [OFFICIAL, PLAIN], ids=["official-indented", "plain-spaced"])
def test_a_pdf_s_lines_are_joined_back_into_its_paragraphs(tmp_path: Path, css: str) -> None:
    speech = parse(read_source(speech_pdf(tmp_path / "speech.pdf", css=css)), TEXT_RULES)
    assert speech.title == PDF_SPEECH[0][1]
    assert [s.heading for s in speech.sections()] == [text for kind, text in PDF_SPEECH if kind in ("h", "h2")]
    assert_paragraphs(speech, [text for kind, text in PDF_SPEECH if kind == "p"])


def test_a_pdf_s_footer_with_the_page_number_in_it_is_set_apart(tmp_path: Path) -> None:
    """鹤川市应急管理局 第2页 differs from page to page only in its number: it is the page's, not the speech's."""
    pdf = speech_pdf(tmp_path / "speech.pdf", css=NUMBERED_FOOTER)
    assert "鹤川市应急管理局" in NUMBERED_FOOTER
    speech = parse(read_source(pdf), TEXT_RULES)
    pages = len(printed_pages(pdf))
    assert pages >= 2
    assert [p.text for p in speech.notes] == [f"鹤川市应急管理局 第{page}页" for page in range(1, pages + 1)]
    assert not speech.ending and speech.closing is not None
    assert_paragraphs(speech, [text for kind, text in PDF_SPEECH if kind == "p"])


def test_a_running_header_missing_from_the_first_page_is_set_apart_where_it_stands_once(tmp_path: Path) -> None:
    """Word's different first page: the office's name heads the second page only, once, yet it is the page's."""
    css = OFFICIAL + "@page :first { @top-center { content: none; } }"
    short = [*PDF_SPEECH[:9], *PDF_SPEECH[-2:]]  # two pages
    pdf = speech_pdf(tmp_path / "speech.pdf", short, css=css)
    assert len(printed_pages(pdf)) == 2
    speech = parse(read_source(pdf), TEXT_RULES)
    assert [p.text for p in speech.notes] == ["- 1 -", "某某市人民政府办公室", "- 2 -"]
    assert_paragraphs(speech, [text for kind, text in short if kind == "p"])


def test_a_footnote_at_the_foot_of_a_pdf_s_page_is_the_speech_s_footnote(tmp_path: Path) -> None:
    note = "数据来源：市应急管理局2023年度统计。"
    speech = parse(read_source(footnoted_pdf(tmp_path / "speech.pdf", "同比分别下降12.5%", note)), TEXT_RULES)
    assert [p.text for p in speech.footnotes] == [f"[1] {note}"]
    assert not any(note in p.text for p in speech.paragraphs() if p.kind is not ParagraphKind.FOOTNOTE)
    shown = [text.replace("12.5%", "12.5%[1]", 1) for kind, text in PDF_SPEECH if kind == "p"]
    assert_paragraphs(speech, shown)


def test_a_footnote_called_by_a_raised_digit_is_the_speech_s_footnote(tmp_path: Path) -> None:
    """Word prints a note's call as a raised digit and opens the note with it: the PDF's text layer gives the
    digit glued to the word it follows, and the note's line opening with it."""
    note = "《安全生产法》第三条规定了“三管三必须”。"
    pdf = footnoted_pdf(tmp_path / "speech.pdf", "两客一危一货重点车辆整治", note, RAISED_FOOTNOTES)
    speech = parse(read_source(pdf), TEXT_RULES)
    assert [squash(p.text) for p in speech.footnotes] == [squash(f"1 {note}")]
    assert not any(note in p.text for p in speech.paragraphs() if p.kind is not ParagraphKind.FOOTNOTE)
    shown = [text.replace("车辆整治", "车辆整治1", 1) for kind, text in PDF_SPEECH if kind == "p"]
    assert_paragraphs(speech, shown)


def test_a_page_in_two_columns_is_read_column_by_column(tmp_path: Path) -> None:
    """A 简报 sets the speech in two columns under a title across the page: the left column is read before the
    right one, and each column's lines are joined back into its paragraphs at its own edges."""
    pdf = speech_pdf(tmp_path / "bulletin.pdf", css=TWO_COLUMNS)
    lines = read_lines(pdf)
    body = squash("".join(line for line in lines if not re.fullmatch(r"\d", line)))
    assert body == squash("".join(text for _, text in PDF_SPEECH))  # every character, in the speech's order
    speech = parse(read_source(pdf), TEXT_RULES)
    assert speech.title == PDF_SPEECH[0][1] and speech.metadata.speaker == "陈某某"
    assert [s.heading for s in speech.sections()] == [text for kind, text in PDF_SPEECH if kind in ("h", "h2")]
    assert_paragraphs(speech, [text for kind, text in PDF_SPEECH if kind == "p"])


@pytest.mark.parametrize(
    "rows",
    [
        ["1月份全市发生事故3起", "2月份全市发生事故5起"],  # more than one number changes: a table's rows
        ["全市第3季度事故起数明显下降", "全市第2季度事故起数明显下降"],  # the number falls: no page number
    ],
)
def test_short_lines_alike_but_for_their_numbers_are_the_speech_s_own(rows: list[str]) -> None:
    lines = ["在全市安全生产工作会议上的讲话", "同志们：", rows[0], "今年要继续压降事故总量。", rows[1], "谢谢大家。"]
    source = Source(
        Path("rows.txt"), tuple(Line(number, text) for number, text in enumerate(lines, 1)), Metadata(), "utf-8"
    )
    speech = parse(source, TEXT_RULES)
    assert not speech.notes
    assert [p.text for p in speech.paragraphs() if p.text in rows] == rows


def printed_pages(pdf: Path) -> list[str]:
    """Each page's text as poppler reads it, without white space."""
    import subprocess

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [squash(page) for page in text.split("\f") if page.strip()]


# One paragraph longer than a page, so that it runs over a page break, made of the invented speech's own paragraphs.
LONG_PARAGRAPH = "".join(text for kind, text in PDF_SPEECH[4:8] if kind == "p")


@pytest.mark.parametrize("css", [OFFICIAL, PLAIN], ids=["official-indented", "plain-spaced"])
def test_a_pdf_s_paragraphs_know_the_pages_they_stand_on(tmp_path: Path, css: str) -> None:
    pdf = speech_pdf(tmp_path / "speech.pdf", [*PDF_SPEECH[:5], ("p", LONG_PARAGRAPH * 6), *PDF_SPEECH[5:]], css)
    pages = printed_pages(pdf)
    speech = parse(read_source(pdf), TEXT_RULES)
    paragraphs = [*speech.paragraphs(), *speech.notes]
    for paragraph in paragraphs:
        assert paragraph.pages is not None, paragraph.text
        first, last = paragraph.pages
        assert squash(paragraph.text)[:4] in pages[first - 1] and squash(paragraph.text)[-4:] in pages[last - 1]
    assert any(first < last for first, last in (p.pages for p in paragraphs if p.pages))  # over a page break
    assert {page for p in paragraphs if p.pages for page in p.pages} == set(range(1, len(pages) + 1))
    other = parse(read_source(word_docx(tmp_path / "speech.docx", WORD_SPEECH)), TEXT_RULES)
    assert all(paragraph.pages is None for paragraph in other.paragraphs())  # a file without pages


def assert_paragraphs(speech: Speech, paragraphs: list[str]) -> None:
    """Each of ``paragraphs`` is one paragraph of ``speech``, or its enumerated items one after the other."""
    shown = [squash(p.text) for p in [*([speech.salutation] if speech.salutation else []), *speech.paragraphs()]]
    for paragraph in map(squash, paragraphs):
        start = next((i for i, text in enumerate(shown) if paragraph.startswith(text) and text), None)
        assert start is not None, paragraph
        joined = ""
        for text in shown[start:]:
            joined += text
            if len(joined) >= len(paragraph):
                break
        assert joined == paragraph


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (scanned_pdf, "scanned PDF: no text layer; OCR is not supported"),
        (encrypted_pdf, "encrypted PDF: it needs a password to open"),
    ],
    ids=["scanned", "encrypted"],
)
def test_a_scan_and_an_encrypted_pdf_are_named_errors(tmp_path: Path, make: Any, message: str) -> None:
    path = make(tmp_path / "document.pdf")
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert raised.value.diagnostic.path == path and message in raised.value.diagnostic.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04" + bytes(64), "not a PDF: the file is application/zip (.zip)"),
        ("在全县安全生产工作会议上的讲话".encode(), "not a PDF: it does not begin with %PDF-"),
        (None, "damaged PDF"),
    ],
    ids=["zip", "text", "truncated"],
)
def test_a_pdf_that_is_not_one_or_is_damaged_is_a_named_error(tmp_path: Path, data: bytes | None, message: str) -> None:
    path = tmp_path / "document.pdf"
    path.write_bytes(data if data is not None else speech_pdf(tmp_path / "whole.pdf").read_bytes()[:3000])
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert raised.value.diagnostic.path == path and message in raised.value.diagnostic.message


def test_a_scanned_page_among_text_pages_is_a_warning(tmp_path: Path) -> None:
    source = read_source(text_then_scanned_pdf(tmp_path / "mixed.pdf"))
    assert [str(d).split(": ", 1)[1] for d in source.diagnostics] == [
        "warning: page 4 has no text layer (a scanned page?); OCR is not supported"
    ]
    assert squash(PDF_SPEECH[-1][1]) in squash("".join(line.text for line in source.lines))


# --- Word 97–2003, WPS, RTF and OpenDocument: the reader ---------------------------------------------------

ODS = "application/vnd.oasis.opendocument.spreadsheet"


def opendocument(path: Path, mimetype: str) -> Path:
    """A zip archive that names itself an OpenDocument file of ``mimetype``, as its first entry does."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", mimetype)
        package.writestr("content.xml", "<office:document-content/>")
    return path


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".rtf", ".odt"])
def test_a_word_97_wps_rtf_or_odt_file_is_read_through_libreoffice_like_a_docx(tmp_path: Path, suffix: str) -> None:
    source = read_source(office_file(tmp_path / f"speech{suffix}"))
    docx = read_source(word_docx(tmp_path / "speech.docx"))
    assert source.encoding == f"{suffix[1:]} (converted by LibreOffice)"
    assert [line.text for line in source.lines] == [line.text for line in docx.lines] == WORD_SPEECH
    cells = [[[line.text for line in cell.lines] for cell in row] for row in source.tables[0].rows]
    assert cells == [[[text] for text in row] for row in WORD_TABLE]


@pytest.mark.parametrize(("made", "named"), [(".docx", ".doc"), (".docx", ".odt"), (".rtf", ".doc"), (".odt", ".wps")])
def test_a_document_named_as_another_is_read_as_what_it_is(tmp_path: Path, made: str, named: str) -> None:
    document = word_docx(tmp_path / "made.docx") if made == ".docx" else office_file(tmp_path / f"made{made}")
    path = document.rename(tmp_path / f"speech{named}")
    assert read_lines(path) == WORD_SPEECH


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("speech.doc", b"%PDF-1.4\n" + bytes(64), "not a Word document: the file is application/pdf (.pdf)"),
        ("speech.doc", None, "not a Word document: the file is application/zip (.zip)"),
        (
            "speech.rtf",
            "在全县安全生产工作会议上的讲话".encode(),
            "not a rich text document: it does not begin with {\\rtf",
        ),
        ("speech.rtf", b"\x89PNG\r\n\x1a\n" + bytes(64), "not a rich text document: the file is image/png (.png)"),
        ("speech.odt", ODS, f"not an OpenDocument text: the file is {ODS}"),
        ("speech.odt", None, "not an OpenDocument text: the file is application/zip (.zip)"),
    ],
    ids=["pdf-as-doc", "zip-as-doc", "text-as-rtf", "png-as-rtf", "spreadsheet-as-odt", "zip-as-odt"],
)
def test_a_file_named_as_a_document_it_is_not_is_a_named_error(
    tmp_path: Path, name: str, data: bytes | str | None, message: str
) -> None:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        opendocument(path, data)
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("讲话.txt", "同志们：")
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert raised.value.diagnostic.path == path and raised.value.diagnostic.message == message


def without_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A machine without LibreOffice: nothing named soffice or libreoffice on the PATH."""
    empty = tmp_path / "no-libreoffice-bin"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.parametrize("suffix", [".doc", ".rtf", ".odt"])
def test_without_libreoffice_a_doc_is_an_error_that_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    path = office_file(tmp_path / f"speech{suffix}")
    without_libreoffice(monkeypatch, tmp_path)
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert raised.value.diagnostic.path == path
    assert f"cannot read {suffix} without LibreOffice, which is not installed: install it ({INSTALL_HINT})" in str(
        raised.value
    )


def test_installing_libreoffice_is_seen_by_the_parse_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = office_file(tmp_path / "speech.doc")
    text = tmp_path / "speech.txt"
    text.write_text("同志们：", encoding="utf-8")
    cache = ParseCache(tmp_path, ROOT / "vocabularies")
    installed = cache.key(path), cache.key(text)
    without_libreoffice(monkeypatch, tmp_path)
    assert cache.key(path) != installed[0] and cache.key(text) == installed[1]


# --- all formats side by side in one site ---------------------------------------------------------------

PDFS = {"official.pdf": OFFICIAL, "plain.pdf": PLAIN}
CONVERTED = ["old-office.doc", "wps-office.wps", "rich-text.rtf", "open-document.odt"]  # by LibreOffice
UNREADABLE = {
    "scan.pdf": "error: scanned PDF: no text layer; OCR is not supported",
    "locked.pdf": "error: encrypted PDF: it needs a password to open",
    "archive.pdf": "error: not a PDF: the file is application/zip (.zip)",
    "renamed.doc": "error: not a Word document: the file is image/png (.png)",
    "pictures-only.mht": "error: not a saved web page (.mht): it has no HTML part",
    "spreadsheet.odt": f"error: not an OpenDocument text: the file is {ODS}",
}
SAVED_AS_ONE_FILE = "saved-by-word.mht"  # Word's 单个文件网页 of WORD_PAGE


@pytest.fixture(scope="module")
def formats_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """seeds/ as staff fill it: .txt, .docx, .html, .htm, .mht, .pdf, .doc, .wps, .rtf and .odt side by side, and files
    that cannot be read."""
    root = tmp_path_factory.mktemp("formats-site")
    seeds = root / "seeds"
    seeds.mkdir()
    for seed in SEED_FILES[:2]:
        shutil.copy(seed, seeds / seed.name)
    word_docx(seeds / "new-office.docx", [*WORD_SPEECH[:1], "（2023年9月20日）", *WORD_SPEECH[1:]])
    for name in PAGES:
        shutil.copy(WEB_PAGES / name, seeds / (name.replace(".html", ".htm") if name.startswith("city") else name))
    for name, css in PDFS.items():
        speech_pdf(seeds / name, css=css)
    for name in CONVERTED:
        office_file(seeds / name, [WORD_SPEECH[0].replace("秋季", f"秋季{name[:3]}"), *WORD_SPEECH[1:]])
    saved_as_one_file(seeds / SAVED_AS_ONE_FILE, (WEB_PAGES / WORD_PAGE).read_bytes().decode("gbk"))
    opendocument(seeds / "spreadsheet.odt", ODS)
    mht_file(seeds / "pictures-only.mht", [mht_part("image/png", png_bytes(), "base64")])
    scanned_pdf(seeds / "scan.pdf")
    encrypted_pdf(seeds / "locked.pdf")
    (seeds / "archive.pdf").write_bytes(b"PK\x03\x04" + bytes(64))
    (seeds / "renamed.doc").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return BuiltSite(root, build(seeds, root / "site", copy_project(root)))


def seed_name(name: str) -> str:
    return name.replace(".html", ".htm") if name.startswith("city") else name


def speech_of(site: BuiltSite, name: str) -> Speech:
    return next(speech for speech in site.result.speeches if speech.source.name == seed_name(name))


def page_of(site: BuiltSite, name: str) -> Any:
    root = lxml.html.fromstring(site.speech_page(Path(seed_name(name))).read_text(encoding="utf-8"))
    [article] = root.xpath("//article")
    for permalink in article.xpath(".//a[@class='headerlink']"):
        permalink.drop_tree()
    return article


def kb_entry(site: BuiltSite, name: str) -> dict[str, Any]:
    kb = site.knowledge()
    entry: dict[str, Any] = next(s for s in kb["speeches"] if s["source"] == seed_name(name))
    return entry


@pytest.mark.site
def test_every_format_is_built_and_only_the_unreadable_files_are_reported(formats_site: BuiltSite) -> None:
    built = sorted(speech.source.name for speech in formats_site.result.speeches)
    expected = [
        *(seed.name for seed in SEED_FILES[:2]),
        "new-office.docx",
        *map(seed_name, PAGES),
        *PDFS,
        *CONVERTED,
        SAVED_AS_ONE_FILE,
    ]
    assert built == sorted(expected)
    errors = sorted(f"{d.path.name}: {d.severity.value}: {d.message}" for d in formats_site.result.errors)
    assert len(errors) == len(UNREADABLE)
    for error, (name, message) in zip(errors, sorted(UNREADABLE.items()), strict=True):
        assert error.startswith(f"{name}: {message}"), error
    for name in built:
        assert formats_site.speech_page(Path(name)).is_file()


@pytest.mark.site
@pytest.mark.parametrize("name", PAGES)
def test_a_web_page_s_speech_has_its_structure_and_metadata(formats_site: BuiltSite, name: str) -> None:
    speech, want = speech_of(formats_site, name), PAGES[name]
    assert speech.title == want.title and speech.title_origin == "page"
    assert (speech.metadata.date, speech.metadata.publisher) == (want.date, want.publisher)
    assert (speech.metadata.speaker, speech.metadata.level) == (want.speaker, want.level)
    assert [s.heading for s in speech.sections() if s.level == 2] == want.parts
    title = speech.evidence_for("title")
    assert title and title.origin == "page" and title.text == want.title_grounds
    date = speech.evidence_for("date")
    assert (date.origin.value if date else None) == want.date_origin
    entry = kb_entry(formats_site, name)
    assert entry["publisher"] == want.publisher and entry["evidence"]["title"]["origin"] == "page"


@pytest.mark.site
@pytest.mark.parametrize("name", PAGES)
def test_the_page_s_grounds_are_shown_under_its_meta_line(formats_site: BuiltSite, name: str) -> None:
    article, want = page_of(formats_site, name), PAGES[name]
    meta = article.xpath(".//*[contains(@class, 'speech-meta')]")[0]
    grounds = {span.text_content(): span.get("title") for span in meta.xpath(".//span[@class='speech-evidence']/span")}
    assert grounds["标题据网页"] == want.title_grounds
    if want.publisher:
        assert f"来源：{want.publisher}" in meta.text_content()
        assert "来源据网页" in grounds


@pytest.mark.site
@pytest.mark.parametrize("name", PAGES)
def test_every_sentence_of_the_article_is_on_the_page_and_chrome_is_set_apart(
    formats_site: BuiltSite, name: str
) -> None:
    speech, article = speech_of(formats_site, name), page_of(formats_site, name)
    shown = squash("".join(p.text_content() for p in article.xpath(".//p[@data-line] | .//h2 | .//h3 | .//h4")))
    assert [sentence for sentence in article_sentences(name) if sentence not in shown] == []
    assert [squash(note.text) for note in speech.notes] == [squash(note) for note in PAGES[name].notes]
    assert_chrome_out_of_search(formats_site, speech)


def assert_chrome_out_of_search(site: BuiltSite, speech: Speech) -> None:
    document = site_documents(site.result.knowledge.vocabulary, [speech])[-1]
    searched = squash("".join(passage.text for passage in document.passages))
    tagged = next(t for t in site.result.knowledge.speeches if t.speech == speech).tags
    for note in speech.notes:
        assert squash(note.text) not in searched
        assert not any(note.text in passage.paragraph.text for passage in tagged.paragraphs)


@pytest.mark.site
@pytest.mark.parametrize("name", [*PAGES, *PDFS])
def test_every_character_read_from_the_file_reaches_the_page(formats_site: BuiltSite, name: str) -> None:
    speech, article = speech_of(formats_site, name), page_of(formats_site, name)
    shown = squash(
        "".join(p.text_content() for p in article.xpath(".//p[@data-line] | .//h2[not(@id='related')] | .//h3 | .//h4"))
    )
    title = squash(speech.title) if speech.title_line else ""
    written = "\n".join(line.text for line in every_line(read_source(speech.source)))
    text, notes = text_and_notes(written, [note.text for note in speech.notes])
    assert title + shown == text + notes


@pytest.mark.site
@pytest.mark.parametrize("name", PDFS)
def test_a_pdf_s_speech_has_its_parts_paragraphs_and_date_and_no_running_header(
    formats_site: BuiltSite, name: str
) -> None:
    speech = speech_of(formats_site, name)
    assert speech.title == PDF_SPEECH[0][1] and speech.title_origin == "text"
    assert (speech.metadata.date, speech.metadata.speaker, speech.metadata.level) == ("2024-02-20", "陈某某", "市")
    assert [s.heading for s in speech.sections()] == [text for kind, text in PDF_SPEECH if kind in ("h", "h2")]
    assert_paragraphs(speech, [text for kind, text in PDF_SPEECH if kind == "p"])
    header = "某某市人民政府办公室" if name == "official.pdf" else "云岭县安全生产委员会办公室 安委办〔2024〕3号"
    notes = [note.text for note in speech.notes]
    assert len(notes) >= 4 and notes[::2] == [header] * (len(notes) // 2)  # each page's header, then its number
    assert all(re.fullmatch(r"- \d -|第 \d 页 共 \d 页", note) for note in notes[1::2])
    assert not any(header in p.text or re.search(r"第 \d 页|- \d -", p.text) for p in speech.paragraphs())
    assert_chrome_out_of_search(formats_site, speech)


@pytest.mark.site
@pytest.mark.parametrize("name", CONVERTED)
def test_a_word_97_wps_rtf_or_odt_speech_has_its_parts_and_its_table(formats_site: BuiltSite, name: str) -> None:
    speech, article = speech_of(formats_site, name), page_of(formats_site, name)
    assert speech.title.startswith("在全镇2023年秋季") and speech.metadata.speaker == "周某某"
    assert [s.heading for s in speech.sections()] == ["一、认清形势，切实增强责任感", "二、突出重点，扎实开展隐患排查"]
    cells = [p.text for p in speech.paragraphs() if p.kind is ParagraphKind.CELL]
    assert cells == [text for row in WORD_TABLE for text in row]
    assert [td.text_content().strip() for td in article.xpath(".//table//td | .//table//th")][-3:] == WORD_TABLE[-1]
    assert f"原文 {name}" in article.text_content()


@pytest.mark.site
def test_a_page_saved_as_one_file_is_a_speech_with_its_parts_and_footnote(formats_site: BuiltSite) -> None:
    speech, article = speech_of(formats_site, SAVED_AS_ONE_FILE), page_of(formats_site, SAVED_AS_ONE_FILE)
    assert (speech.title, speech.metadata.date, speech.metadata.speaker) == (
        "在全县冬春火灾防控工作会议上的讲话",
        "2023-11-21",
        "王某某",
    )
    assert [s.heading for s in speech.sections() if s.level == 2] == [
        "一、认清形势，切实增强火灾防控的紧迫感",
        "二、突出重点，全面排查整治火灾隐患",
        "三、压实责任，形成群防群治的工作格局",
    ]
    assert [p.text for p in speech.footnotes] == ["[1] 冬春火灾防控期为当年11月至次年3月。"]
    assert f"原文 {SAVED_AS_ONE_FILE}" in article.text_content()


@pytest.mark.site
def test_without_libreoffice_the_doc_is_reported_and_the_rest_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    office_file(seeds / "old-office.doc")
    shutil.copy(SEED_FILES[0], seeds / SEED_FILES[0].name)
    without_libreoffice(monkeypatch, tmp_path)
    result = build(seeds, tmp_path / "site", copy_project(tmp_path))
    [error] = result.errors
    assert error.path == seeds / "old-office.doc" and INSTALL_HINT in error.message
    assert [speech.source.name for speech in result.speeches] == [SEED_FILES[0].name]


def test_a_title_left_open_over_the_whole_page_is_read_in_linear_time(tmp_path: Path) -> None:
    # A broken page's <title> is never closed: it holds the page, thousands of parts between its _ and |, and the
    # page shows no text, as a browser shows none. Steps, not seconds (tests/growth.py): a slow or busy machine
    # cannot fail it.
    def refused(path: Path) -> None:
        with pytest.raises(ReadError, match="no text"):
            read_source(path)

    def reading(parts: int) -> Callable[[], object]:
        path = tmp_path / f"open-title-{parts}.html"
        pieces = "".join(f"<p>第{number}段_要加强安全|确保平安</p>" for number in range(parts))
        path.write_text(f"<html><head><title>讲话_某某网</head><body>{pieces}</body></html>", encoding="utf-8")
        return lambda: refused(path)

    assert step_growth(reading, 100) < STEP_GROWTH_MAX


# --- text: a page in two columns, as pdftotext -layout gives it --------------------------------------------


def layout_text(pdf: Path) -> str:
    """The PDF's text as ``pdftotext -layout`` gives it: each line as it stands across the page, form feeds between
    pages."""
    import subprocess

    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(
    "css",
    # an A4 page's columns, and an A5 page's narrow ones over two pages, their lines with digits padded less
    [TWO_COLUMNS, TWO_COLUMNS + "@page { size: A5; }"],
    ids=["a4-one-page", "a5-two-pages"],
)
def test_a_two_column_page_copied_with_its_layout_is_read_column_by_column(tmp_path: Path, css: str) -> None:
    text = layout_text(speech_pdf(tmp_path / "bulletin.pdf", css=css))
    sided = [line for line in text.splitlines() if re.search(r"\S {3,}\S", line.strip())]
    assert len(sided) >= 10  # the columns stand side by side on the file's lines
    copied = tmp_path / "bulletin.txt"
    copied.write_text(text, encoding="utf-8")
    source = read_source(copied)
    body = squash("".join(line.text for line in source.lines if not re.fullmatch(r"\d", line.text)))
    assert body == squash("".join(text for _, text in PDF_SPEECH))  # every character, in the speech's order
    assert any("two columns" in diagnostic.message for diagnostic in source.diagnostics)
    read = parse(source, TEXT_RULES)
    assert read.title == PDF_SPEECH[0][1] and read.metadata.speaker == "陈某某"
    assert [s.heading for s in read.sections()] == [text for kind, text in PDF_SPEECH if kind in ("h", "h2")]
    assert_paragraphs(read, [text for kind, text in PDF_SPEECH if kind == "p"])


LEFT = [
    "　　同志们：今天召开全县安全生产",
    "工作会议，主要任务是部署今年的安全",
    "生产工作。去年全县安全形势总体平稳，",
    "事故起数同比下降。",
]
RIGHT = [
    "　　但是，一些企业主体责任落实不到",
    "位，隐患排查流于形式，重点行业领域",
    "风险依然突出，我们必须保持清醒头脑，",
    "以更实举措抓好安全生产工作。",
]


@pytest.mark.parametrize(
    "pad",
    [
        lambda left: left + " " * (24 - len(left)),  # pdftotext pads to where the column stands on the page
        lambda left: left + " " * (48 - columns(left)),  # aligned by eye, a Chinese character two columns wide
    ],
    ids=["by-characters", "by-width"],
)
def test_two_columns_of_a_text_file_are_read_left_then_right(tmp_path: Path, pad: Callable[[str], str]) -> None:
    path = tmp_path / "columns.txt"
    lines = ["在全县安全生产工作会议上的讲话", *(pad(left) + right for left, right in zip(LEFT, RIGHT, strict=True))]
    path.write_text("\n".join([*lines, "- 1 -"]), encoding="utf-8")
    assert read_lines(path) == ["在全县安全生产工作会议上的讲话", *(line.strip() for line in LEFT + RIGHT), "- 1 -"]


@pytest.mark.parametrize(
    "rows",
    [
        # a table's rows: short cells, figures
        ["乡镇        检查企业        发现隐患", "青岚镇        52        47", "石门乡        38        41"] * 2,
        # a signature's lines and a list of names: short halves, no sentence
        ["组　长：王某某          副组长：李某某", "成　员：赵某某          成　员：钱某某"] * 3,
        # sentences whose second halves stand at no one place: no columns
        ["要加强隐患排查，   落实整改责任。", "各乡镇要压实属地责任，        严格督查检查。"] * 3,
    ],
)
def test_lines_parted_by_spaces_that_are_no_two_columns_keep_their_order(tmp_path: Path, rows: list[str]) -> None:
    path = tmp_path / "rows.txt"
    path.write_text("\n".join(["在全县安全生产工作会议上的讲话", *rows]), encoding="utf-8")
    assert read_lines(path) == ["在全县安全生产工作会议上的讲话", *(row.strip() for row in rows)]


def test_two_columns_are_read_page_by_page_at_a_form_feed(tmp_path: Path) -> None:
    page = [left + " " * (24 - len(left)) + right for left, right in zip(LEFT, RIGHT, strict=True)]
    path = tmp_path / "pages.txt"
    path.write_text("\n".join(page) + "\n\f" + "\n".join(page[:2]), encoding="utf-8")
    first, second = [line.strip() for line in LEFT + RIGHT], [line.strip() for line in LEFT[:2] + RIGHT[:2]]
    assert read_lines(path) == first + second


def test_a_column_that_opens_lower_than_the_other_is_read_from_where_each_begins(tmp_path: Path) -> None:
    """The left column opens a line lower (space above its first paragraph): the run's first row holds the right
    column's line alone, which is read where the right column begins, after the left one."""
    left, right = ["", *LEFT, *LEFT], [*RIGHT, *RIGHT, ""]
    page = [half + " " * (24 - len(half)) + other for half, other in zip(left, right, strict=True)]
    path = tmp_path / "lower.txt"
    path.write_text("\n".join(["在全县安全生产工作会议上的讲话", "", *page]), encoding="utf-8")
    assert read_lines(path) == ["在全县安全生产工作会议上的讲话", *(line.strip() for line in left + right if line)]


def test_a_page_header_padded_to_the_right_column_stays_a_line_across_the_page(tmp_path: Path) -> None:
    """A 简报's header, its issue padded out to where the right column stands, over a blank line: a line across the
    page, not the first row of the columns under it."""
    header = "安全生产工作简报" + " " * 16 + "2024年第5期"
    page = [left + " " * (24 - len(left)) + right for left, right in zip(LEFT, RIGHT, strict=True)]
    path = tmp_path / "header.txt"
    path.write_text("\n".join([header, "", *page]), encoding="utf-8")
    assert read_lines(path) == [header, *(line.strip() for line in LEFT + RIGHT)]


def test_soft_hyphens_that_end_lines_are_left_out_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "hyphens.txt"
    path.write_text("同志们： \u00ad\n要加强隐患排\u00ad查，落实整 \u00ad\n改责任。\n", encoding="utf-8")
    source = read_source(path)
    assert [line.text for line in source.lines] == ["同志们：", "要加强隐患排\u00ad查，落实整", "改责任。"]
    assert [d.message for d in source.diagnostics] == [
        "2 lines end in a soft hyphen (U+00AD), a line-break hint that shows nothing: left out"
    ]


LETTER_SPACED = [
    "在 全 镇 安 全 生 产 工 作 会 议 上 的 讲 话",
    "镇 长　 孔 某 某",
    "（ 2023 年 2 月 15 日 ）",
    "同 志 们 ：",
]


def test_ocr_s_spaces_between_every_two_characters_of_a_text_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "ocr.txt"
    path.write_text("\n".join([*LETTER_SPACED, "一 、 认 清 形 势", "要 认 清 形 势 。"]), encoding="utf-8")
    source = read_source(path)
    assert [line.text for line in source.lines] == [
        "在全镇安全生产工作会议上的讲话",
        "镇长　孔某某",
        "（2023年2月15日）",
        "同志们：",
        "一、认清形势",
        "要认清形势。",
    ]
    assert any("OCR's letter-spacing" in d.message for d in source.diagnostics)


def test_a_title_spaced_apart_over_a_text_set_close_keeps_its_spaces(tmp_path: Path) -> None:
    path = tmp_path / "title.txt"
    lines = [
        LETTER_SPACED[0],
        "县长　孔某某",
        "同志们：",
        "今天召开全县安全生产工作会议。",
        "要认清形势。",
        "要狠抓落实。",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert read_lines(path) == lines


@pytest.mark.parametrize("css", [OFFICIAL, PLAIN, NUMBERED_FOOTER], ids=["official", "two-part-header", "footer"])
def test_a_pdf_copied_with_its_layout_reads_as_the_pdf_does(tmp_path: Path, css: str) -> None:
    """``pdftotext -layout`` pads a header's two halves and a footer's to the page's edges, with more or fewer
    spaces on each page: the header is the page's all the same, and the paragraphs are joined back."""
    pdf = speech_pdf(tmp_path / "speech.pdf", css=css)
    copied = tmp_path / "speech.txt"
    copied.write_text(layout_text(pdf), encoding="utf-8")
    read, direct = parse(read_source(copied), TEXT_RULES), parse(read_source(pdf), TEXT_RULES)
    assert [squash(note.text) for note in read.notes] == [squash(note.text) for note in direct.notes]
    assert [s.heading for s in read.sections()] == [text for kind, text in PDF_SPEECH if kind in ("h", "h2")]
    assert_paragraphs(read, [text for kind, text in PDF_SPEECH if kind == "p"])


def test_the_speech_s_last_lines_in_a_block_of_their_own_are_read_and_the_links_below_are_not(tmp_path: Path) -> None:
    """Readability keeps the block that holds most of the text; the closing and the signature a page sets in a
    block of their own under it, and the 附件 links to the article's files, are read as the article's lines; the
    share bar's link (its label 分享到： with it) begins the page's navigation, and nothing from it on is read."""
    path = tmp_path / "page.html"
    closing = (
        "</div><div class='end'><p>同志们，让我们扎实做好各项工作！</p><p>青岚县人民政府</p><p>2024年2月21日</p>"
        "</div><div class='fj'><p>附件：<a href='./P1.docx'>1.任务分工.docx</a></p></div><div class='x'>"
    )
    path.write_text(portal_page("", "<p>同志们：</p>").replace("</div><div class='share'>", closing), "utf-8")
    lines = read_lines(path)
    assert lines[-4:] == [
        "同志们，让我们扎实做好各项工作！",
        "青岚县人民政府",
        "2024年2月21日",
        "附件：1.任务分工.docx",
    ]
    assert not any(words in line for line in lines for words in ("分享到", "上一篇", "主办单位"))


def test_much_text_after_the_article_before_any_link_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """More text under the article than an ending has, with no link to tell where the page's own begins, is not
    read as the article's; leaving it out silently would lose what may be the speech's, so a warning names it."""
    path = tmp_path / "page.html"
    remarks = "".join(f"<div class='pl'>网友{number}：支持</div>" for number in range(300))
    path.write_text(
        portal_page("", "<p>同志们：</p>").replace("<div class='share'>", f"{remarks}<div class='share'>"), "utf-8"
    )
    source = read_source(path)
    [warning] = [d for d in source.diagnostics if "left out" in d.message]
    assert warning.severity is Severity.WARNING and "page.html" in warning.message
    assert not any("网友" in line.text for line in source.lines)


@pytest.mark.parametrize("style", ["visibility: hidden;", "visibility:hidden", "display: none"])
def test_the_text_a_script_shows_is_read_and_a_hidden_copy_never(tmp_path: Path, style: str) -> None:
    """A WeChat post saved as its source keeps its text ``visibility: hidden`` until its script shows it: holding
    most of the page's text, it is the article. A copy of the article hidden beside the one shown (for printing)
    holds half of it at most, and is never read."""
    said = "<p>同志们：</p><p>今天召开全镇冬季消防安全工作会议，就是要对今冬明春消防安全工作再动员、再部署。</p>"
    alone = tmp_path / "alone.html"
    alone.write_text(page_bytes(f"<div id='js_content' style='{style}'>{said * 3}</div><p>微信扫一扫</p>"), "utf-8")
    copied = tmp_path / "copied.html"
    copied.write_text(page_bytes(f"<div>{said * 3}</div><div style='{style}'>{said * 3}</div>"), "utf-8")
    shown = "display" not in style
    assert ("同志们：" in read_lines(alone)) is shown
    assert read_lines(copied).count("同志们：") == 3
