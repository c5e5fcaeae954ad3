"""A table in a saved web page's article is a table on the speech page, as a Word table is: its cells'
paragraphs anchored, tagged and searched like any paragraph."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from speechkb.build import build
from speechkb.model import ParagraphKind, Speech, Table
from speechkb.search import site_documents
from tests.conftest import BuiltSite, copy_project

# (header, then rows): a unit's cell spans its two tasks; one task has two paragraphs in its cell.
HEADER = ["责任单位", "工作任务", "完成时限"]
ROWS = [
    ["县公安局", "开展道路交通安全隐患排查整治", "6月底前"],
    ["县应急管理局", "组织危化品企业专项执法检查", "9月底前"],
    ["县消防救援大队", "人员密集场所火灾隐患整治", "全年"],
]
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>在全县安全生产重点任务推进会上的讲话_某某县人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/ldjh">领导讲话</a></div>
<div class="main"><h1>在全县安全生产重点任务推进会上的讲话</h1>
<div class="info">发布时间：2024-04-12　来源：某某县应急管理局</div>
<div id="zoom">
<p>同志们：</p>
<p>今天召开推进会，主要是把今年的重点任务分解到单位、明确到时限。下面，我讲两点意见。</p>
<p>一、明确任务分工</p>
<table border="1">
<thead><tr>{"".join(f"<th>{text}</th>" for text in HEADER)}</tr></thead>
<tbody>
<tr><td>{ROWS[0][0]}</td><td>{ROWS[0][1]}</td><td>{ROWS[0][2]}</td></tr>
<tr><td>{ROWS[1][0]}</td><td><p>{ROWS[1][1]}</p><p>同步开展打非治违。</p></td><td>{ROWS[1][2]}</td></tr>
<tr><td>{ROWS[2][0]}</td><td>{ROWS[2][1]}</td><td rowspan="2">{ROWS[2][2]}</td></tr>
<tr><td colspan="2">各乡镇同步开展自查自纠</td></tr>
</tbody></table>
<p>二、压实工作责任</p>
<p>各责任单位要对照任务清单，逐项抓好落实，确保按时完成。</p>
<p>同志们，安全生产责任重于泰山，大家要以钉钉子精神抓好各项任务落实。</p>
</div></div>
<div class="foot">主办：某某县人民政府办公室　ICP备00000000号</div>
</body></html>"""
NAME = "tasks.html"


@pytest.fixture(scope="module")
def table_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("html-table-site")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / NAME).write_text(PAGE, encoding="utf-8")
    return BuiltSite(root, build(seeds, root / "site", copy_project(root)))


def _speech(site: BuiltSite) -> Speech:
    [speech] = site.result.speeches
    return speech


def _table(speech: Speech) -> Table:
    [table] = [block for section in speech.sections() for block in section.children if isinstance(block, Table)]
    return table


def test_the_table_stands_in_its_section_with_every_cell(table_site: BuiltSite) -> None:
    speech = _speech(table_site)
    assert [section.heading for section in speech.sections()] == ["一、明确任务分工", "二、压实工作责任"]
    assert _table(speech) in speech.sections()[0].children
    root = lxml.html.fromstring(table_site.speech_page(Path(NAME)).read_bytes())
    [table] = root.xpath("//article//table[@id='t1']")
    rows = [[cell.text_content().strip() for cell in row.xpath("./th | ./td")] for row in table.xpath(".//tr")]
    assert rows == [
        HEADER,
        ROWS[0],
        [ROWS[1][0], ROWS[1][1] + "同步开展打非治违。", ROWS[1][2]],
        ROWS[2],
        ["各乡镇同步开展自查自纠"],
    ]
    assert [cell.tag for cell in table.xpath(".//tr[1]/*")] == ["th", "th", "th"]
    assert table.xpath(".//td/@rowspan") == ["2"] and table.xpath(".//td/@colspan") == ["2"]
    for paragraph in _table(speech).paragraphs():  # each cell's paragraph has its anchor on the page
        assert paragraph.kind is ParagraphKind.CELL
        [shown] = table.xpath(f".//p[@id='{paragraph.anchor}']")
        assert shown.text_content().strip() == paragraph.text


def test_cells_are_searched_and_tagged_like_paragraphs(table_site: BuiltSite) -> None:
    speech = _speech(table_site)
    by_text = {p.text: p.anchor for p in _table(speech).paragraphs()}
    document = site_documents(table_site.result.knowledge.vocabulary, [speech])[-1]
    searched = {passage.text: passage.anchor for passage in document.passages}
    assert all(searched[text] == anchor for text, anchor in by_text.items())
    kb = table_site.knowledge()
    mentions = {s["name"]: {anchor for m in s["mentions"] for anchor in m["anchors"]} for s in kb["sectors"]}
    assert by_text[ROWS[0][1]] in mentions["道路交通"]
    assert by_text[ROWS[1][1]] in mentions["危险化学品"]
    assert by_text[ROWS[2][1]] in mentions["人员密集场所"]


def test_the_page_s_chrome_stays_out_and_its_statements_are_metadata(table_site: BuiltSite) -> None:
    speech = _speech(table_site)
    shown = "".join(p.text for p in speech.paragraphs())
    assert "首页" not in shown and "ICP备" not in shown and "发布时间" not in shown
    assert (speech.metadata.date, speech.metadata.publisher) == ("2024-04-12", "某某县应急管理局")
