"""Word documents as Word holds them: heading styles, automatic numbering, tables, footnotes, text boxes,
headers and footers, and what cannot be shown (images, charts, embedded objects).

Every document here is made by the test with python-docx, the way a person makes one in Word: headings
set with the Heading 1/2 styles and no ``一、`` typed, numbers drawn by a numbering definition (written
into the numbering part, as python-docx has no API for it), a table of units and tasks. python-docx has no
footnote API either: the footnotes part is written as Word writes it. All the text is invented.

The unit tests read and parse; the ``site`` tests build a real site with MkDocs and check the pages.
"""

from __future__ import annotations

import re
import struct
import tempfile
import zlib
from io import BytesIO
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from speechkb.build import build
from speechkb.folders import SPEECHES_DIR
from speechkb.model import ParagraphKind, Section, Source, Speech, Table
from speechkb.outputs.render import environment, render_pages
from speechkb.search import site_documents
from speechkb.stages.extract import extract_corpus
from speechkb.stages.numbering import cn_numeral
from speechkb.stages.parse import parse
from speechkb.stages.readers import ReadError, read_source
from speechkb.stages.readers.word import format_number
from tests.conftest import TEXT_RULES, BuiltSite, copy_project, squash, text_and_notes
from tests.test_properties import PIECES, RENDERER, VOCABULARY, shown_text

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
DECLARE = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())

TITLE = "在全县安全生产工作会议上的讲话"
SALUTATION = "同志们："
OPENING = "今天召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。"
CLOSING = "同志们，安全生产责任重于泰山。让我们齐心协力，确保全县安全生产形势持续稳定！"


# --- making Word documents --------------------------------------------------------------------


def xml(text: str) -> Any:
    """An element from XML text, with every namespace a Word document uses declared on its root."""
    return parse_xml(re.sub(r"^<([\w:]+)", lambda tag: f"{tag.group(0)} {DECLARE}", text, count=1))


def opening(document: WordDocument, title: str = TITLE) -> None:
    document.add_paragraph(title)
    document.add_paragraph(SALUTATION)
    document.add_paragraph(OPENING)


def numbering(document: WordDocument, num_id: int, levels: str, overrides: str = "") -> None:
    """A numbering definition (an abstractNum with ``levels``) and the list ``num_id`` that uses it."""
    part = document.part.numbering_part.element
    abstract = xml(f'<w:abstractNum w:abstractNumId="{num_id}">{levels}</w:abstractNum>')
    first_num = part.find(qn("w:num"))
    if first_num is None:
        part.append(abstract)
    else:  # Word wants every abstractNum before the first num
        first_num.addprevious(abstract)
    part.append(xml(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/>{overrides}</w:num>'))


def level(ilvl: int, number_format: str, text: str, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def numbered(paragraph: WordParagraph, num_id: int, ilvl: int) -> WordParagraph:
    paragraph._p.get_or_add_pPr().append(xml(f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def footnotes(document: WordDocument, notes: dict[int, str]) -> None:
    """The footnotes part, as Word writes it (python-docx has no footnote API)."""
    body = "".join(
        f'<w:footnote w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t>'
        "</w:r></w:p></w:footnote>"
        for note_id, text in notes.items()
    )
    separator = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    blob = f'<w:footnotes xmlns:w="{NAMESPACES["w"]}">{separator}{body}</w:footnotes>'.encode()
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def footnote_reference(paragraph: WordParagraph, note_id: int) -> None:
    paragraph.add_run()._r.append(xml(f'<w:footnoteReference w:id="{note_id}"/>'))


def png() -> bytes:
    """A one-pixel PNG: an image for Word to hold, made here."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
        + chunk(b"IEND", b"")
    )


def text_box(text: str) -> Any:
    """A run holding a text box the way Word 2010+ saves one: DrawingML, with a VML copy for old readers."""
    content = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return xml(
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="9" name="文本框 9"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def save(document: WordDocument, path: Path) -> Path:
    document.save(str(path))
    return path


def styled_speech(path: Path) -> Path:
    """Parts and sections set with Heading 1 and Heading 2, no numbers typed; two sections named alike."""
    document = Document()
    opening(document)
    document.add_heading("充分认识当前安全生产形势", 1)
    document.add_paragraph("过去一年，全县安全生产形势总体平稳，事故起数和死亡人数实现双下降。")
    document.add_heading("工作要求", 2)
    document.add_paragraph("各乡镇要把道路交通安全摆在突出位置，严查酒后驾驶和疲劳驾驶。")
    document.add_heading("扎实抓好重点领域整治", 1)
    document.add_paragraph("今年要突出抓好重点行业领域的专项整治。")
    document.add_heading("工作要求", 2)
    document.add_paragraph("建筑施工领域要盯紧深基坑和高支模作业，落实施工单位主体责任。")
    document.add_paragraph(CLOSING)
    return save(document, path)


def numbered_speech(path: Path) -> Path:
    """Parts and sections whose 一、 and （一） are drawn by Word's numbering: Heading 1's style carries the
    list, each Heading 2 paragraph its own; a third level in 甲乙丙 and a decimal list in the body."""
    document = Document()
    numbering(
        document,
        90,
        level(0, "chineseCounting", "%1、", '<w:pStyle w:val="Heading1"/>')
        + level(1, "chineseCounting", "（%2）")
        + level(2, "ideographTraditional", "%3."),
    )
    heading1 = document.styles["Heading 1"].element
    heading1.get_or_add_pPr().append(xml('<w:numPr><w:numId w:val="90"/></w:numPr>'))
    opening(document, "在全县安全生产责任落实推进会上的讲话")
    document.add_heading("统一思想认识", 1)
    numbered(document.add_heading("认清形势", 2), 90, 1)
    document.add_paragraph("当前全县道路交通安全形势依然严峻复杂。")
    numbered(document.add_heading("明确责任", 2), 90, 1)
    numbered(document.add_paragraph("党政领导责任要压实。", "List Paragraph"), 90, 2)
    numbered(document.add_paragraph("部门监管责任要到位。", "List Paragraph"), 90, 2)
    document.add_heading("突出工作重点", 1)
    numbered(document.add_heading("危险化学品领域", 2), 90, 1)
    document.add_paragraph("要全面排查危化品企业的重大危险源。")
    document.add_paragraph("开展一次全面检查；", "List Number")
    document.add_paragraph("建立隐患整改台账。", "List Number")
    document.add_paragraph(CLOSING)
    return save(document, path)


TASKS = [
    ("单位", "任务", "时限"),
    ("县交通运输局", "开展道路交通安全隐患排查整治", "3月底前"),
    ("县应急管理局", "组织危化品企业专项执法检查", "4月底前"),
    ("县消防救援大队", "人员密集场所火灾隐患整治", ""),  # an empty cell: Word's tables have them
]
HEADER = "某某县安全生产委员会办公室"
FOOTER = "内部资料　注意保存"
FOOTNOTE = "任务清单由县安委办汇总，每月通报一次进展。"
TEXT_BOX = "本表所列时限为最迟完成时间"
IMAGE_DESCRIPTION = "全县安全生产责任体系示意图"


def tasks_speech(path: Path) -> Path:
    """A table of units and tasks (header row, a merged cell), a footnote, a page header and footer, a
    text box, and an image: everything a Word speech holds besides paragraphs."""
    document = Document()
    opening(document, "在全县安全生产重点任务部署会议上的讲话")
    document.add_heading("明确任务分工", 1)
    document.add_paragraph("各单位要按照下表抓好落实：")
    table = document.add_table(rows=len(TASKS) + 1, cols=3)
    table.style = "Table Grid"
    for row, texts in enumerate(TASKS):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    table.rows[0]._tr.get_or_add_trPr().append(xml("<w:tblHeader/>"))
    merged = table.cell(len(TASKS), 0).merge(table.cell(len(TASKS), 2))
    merged.text = "各乡镇同步开展自查自纠"
    note = document.add_paragraph("以上任务完成情况纳入年度考核。")
    footnote_reference(note, 1)
    note._p.append(text_box(TEXT_BOX))
    picture = document.add_paragraph().add_run().add_picture(BytesIO(png()))
    picture._inline.docPr.set("descr", IMAGE_DESCRIPTION)
    document.add_paragraph(CLOSING)
    footnotes(document, {1: FOOTNOTE})
    document.sections[0].header.paragraphs[0].text = HEADER
    document.sections[0].footer.paragraphs[0].text = FOOTER
    return save(document, path)


def read_and_parse(path: Path) -> tuple[Source, Speech]:
    source = read_source(path)
    return source, parse(source, TEXT_RULES)


def headings(speech: Speech) -> list[tuple[int, str, str]]:
    return [(section.level, section.heading, section.anchor) for section in speech.sections()]


# --- reading and parsing --------------------------------------------------------------------------


def test_heading_styles_become_sections_at_their_level(tmp_path: Path) -> None:
    source, speech = read_and_parse(styled_speech(tmp_path / "styled.docx"))
    declared = {line.text: line.heading_level for line in source.lines if line.heading_level}
    assert declared == {"充分认识当前安全生产形势": 1, "工作要求": 2, "扎实抓好重点领域整治": 1}
    assert headings(speech) == [
        (2, "充分认识当前安全生产形势", "s1"),
        (3, "工作要求", "s1-1"),  # repeated under each part, and a heading both times: not a running header
        (2, "扎实抓好重点领域整治", "s2"),
        (3, "工作要求", "s2-1"),
    ]
    assert speech.title == TITLE and speech.salutation and speech.closing and speech.closing.text == CLOSING
    assert not speech.notes and not speech.diagnostics


def test_a_title_in_heading_1_leaves_the_parts_in_heading_2_as_parts(tmp_path: Path) -> None:
    document = Document()
    document.add_heading("全县安全生产工作要点", 1)
    document.add_paragraph(SALUTATION)
    document.add_paragraph(OPENING)
    for heading in ("总体要求", "重点任务"):
        document.add_heading(heading, 2)
        document.add_paragraph("各乡镇、各部门要认真抓好落实。")
    _, speech = read_and_parse(save(document, tmp_path / "title.docx"))
    assert speech.title == "全县安全生产工作要点"
    assert headings(speech) == [(2, "总体要求", "s1"), (2, "重点任务", "s2")]


def test_outline_levels_and_chinese_style_names_declare_headings(tmp_path: Path) -> None:
    document = Document()
    styles = document.styles.element
    styles.append(xml('<w:style w:type="paragraph" w:styleId="biaoti1"><w:name w:val="标题 1"/></w:style>'))
    opening(document)
    document.add_paragraph("压实安全生产责任", "标题 1")
    outlined = document.add_paragraph("落实企业主体责任")
    outlined._p.get_or_add_pPr().append(xml('<w:outlineLvl w:val="1"/>'))
    document.add_paragraph("企业主要负责人是安全生产第一责任人。")
    body_text = document.add_paragraph("正文大纲级别的段落不是标题")
    body_text._p.get_or_add_pPr().append(xml('<w:outlineLvl w:val="9"/>'))
    _, speech = read_and_parse(save(document, tmp_path / "outline.docx"))
    assert headings(speech) == [(2, "压实安全生产责任", "s1"), (3, "落实企业主体责任", "s1-1")]


def test_word_numbering_is_shown_as_word_shows_it(tmp_path: Path) -> None:
    source, speech = read_and_parse(numbered_speech(tmp_path / "numbered.docx"))
    assert [line.text for line in source.lines[3:]] == [
        "一、统一思想认识",
        "（一）认清形势",
        "当前全县道路交通安全形势依然严峻复杂。",
        "（二）明确责任",
        "甲.党政领导责任要压实。",
        "乙.部门监管责任要到位。",
        "二、突出工作重点",
        "（一）危险化学品领域",  # the second level starts again under a new part
        "要全面排查危化品企业的重大危险源。",
        "1.开展一次全面检查；",  # the template's List Number: decimal, its own list
        "2.建立隐患整改台账。",
        CLOSING,
    ]
    assert headings(speech)[:4] == [
        (2, "一、统一思想认识", "s1"),
        (3, "（一）认清形势", "s1-1"),
        (3, "（二）明确责任", "s1-2"),
        (2, "二、突出工作重点", "s2"),
    ]
    part = next(section for section in speech.sections() if section.anchor == "s2")
    assert [s.number for s in part.children if isinstance(s, Section)] == ["（一）"]
    assert not speech.diagnostics


def test_an_undeclared_line_numbered_like_the_declared_headings_is_text(tmp_path: Path) -> None:
    """The file says which 1. lines are headings: a list in the same numbering style is not."""
    document = Document()
    numbering(document, 91, level(0, "decimal", "%1."))
    opening(document)
    numbered(document.add_heading("加强组织领导", 1), 91, 0)
    document.add_paragraph("1.成立工作专班。")
    document.add_paragraph("2.建立调度机制。")
    numbered(document.add_heading("强化督导检查", 1), 91, 0)
    document.add_paragraph("县安委办要定期督导。")
    _, speech = read_and_parse(save(document, tmp_path / "lists.docx"))
    assert [heading for _, heading, _ in headings(speech)] == ["1.加强组织领导", "2.强化督导检查"]
    first = speech.sections()[0]
    assert [p.text for p in first.children if not isinstance(p, Section | Table)] == [
        "1.成立工作专班。",
        "2.建立调度机制。",
    ]


def test_typed_headings_that_go_on_from_a_declared_one_are_headings(tmp_path: Path) -> None:
    """一、 in Heading 1, then 二、 and 三、 typed in bold with the same marker: a person sees three parts."""
    document = Document()
    opening(document)
    document.add_heading("一、统一思想认识", 1)
    document.add_paragraph("要充分认识当前形势的严峻性。")
    for heading, section in (("二、压实工作责任", "（一）落实企业主体责任"), ("三、抓好重点整治", None)):
        document.add_paragraph().add_run(heading).bold = True
        if section:
            document.add_paragraph(section)
        document.add_paragraph("各乡镇、各部门要认真抓好落实。")
    _, speech = read_and_parse(save(document, tmp_path / "mixed.docx"))
    assert headings(speech) == [
        (2, "一、统一思想认识", "s1"),
        (2, "二、压实工作责任", "s2"),
        (3, "（一）落实企业主体责任", "s2-1"),
        (2, "三、抓好重点整治", "s3"),
    ]
    assert not speech.diagnostics


@pytest.mark.parametrize(
    "typed",
    [
        "三、重点任务",  # not the next number: 二、 is missing, so nothing says it goes on from 一、
        "二.重点任务",  # another marker
    ],
)
def test_a_typed_line_that_does_not_go_on_from_the_declared_heading_is_text(tmp_path: Path, typed: str) -> None:
    document = Document()
    opening(document)
    document.add_heading("一、总体要求", 1)
    document.add_paragraph("今年工作的总体要求是稳中求进。")
    document.add_paragraph(typed)
    _, speech = read_and_parse(save(document, tmp_path / "typed.docx"))
    assert [heading for _, heading, _ in headings(speech)] == ["一、总体要求"]


def test_a_declared_heading_is_a_heading_whatever_its_number(tmp_path: Path) -> None:
    """The file's word counts: a typed 0. or a 三、 starting its level is a heading, reported as a gap."""
    document = Document()
    opening(document)
    document.add_heading("0.总体考虑", 1)
    document.add_paragraph("今年工作的总体考虑是稳中求进。")
    document.add_heading("三、重点任务", 1)
    document.add_paragraph("重点任务有三项。")
    _, speech = read_and_parse(save(document, tmp_path / "declared.docx"))
    assert [heading for _, heading, _ in headings(speech)] == ["0.总体考虑", "三、重点任务"]
    assert [d.message for d in speech.diagnostics] == [
        "numbering gap: 0. comes at the start of its level; 1. is missing",
        "numbering gap: 三、 comes at the start of its level; 一、 is missing",
    ]


def test_start_overrides_restart_rules_and_legal_numbers(tmp_path: Path) -> None:
    document = Document()
    numbering(
        document,
        92,
        level(0, "chineseCounting", "第%1部分")
        + level(1, "decimal", "%1.%2", '<w:isLgl/><w:lvlRestart w:val="0"/>')
        + level(2, "decimalEnclosedCircle", "%3"),
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride>',
    )
    opening(document)
    for text, ilvl in [("甲", 0), ("乙", 1), ("丙", 2), ("丁", 0), ("戊", 1), ("己", 2)]:
        numbered(document.add_paragraph(text), 92, ilvl)
    source, _ = read_and_parse(save(document, tmp_path / "rules.docx"))
    assert [line.text for line in source.lines[3:]] == [
        "第三部分 甲",  # the override's start; a space after a number that ends in a character (Word's tab)
        "3.1 乙",  # isLgl: the part's number in digits
        "① 丙",
        "第四部分 丁",
        "4.2 戊",  # lvlRestart 0: the second level never starts again
        "① 己",  # the third level does, by default, after the second is used
    ]


def test_an_unknown_number_format_is_shown_in_digits_and_reported(tmp_path: Path) -> None:
    document = Document()
    numbering(document, 93, level(0, "hebrew1", "%1、"))
    opening(document)
    numbered(document.add_paragraph("第一项任务。"), 93, 0)
    source, _ = read_and_parse(save(document, tmp_path / "unknown.docx"))
    assert source.lines[3].text == "1、第一项任务。"
    [warning] = source.diagnostics
    assert warning.line == 4 and "'hebrew1' is not known" in warning.message


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百零五"),
        (110, "taiwaneseCounting", "一百一十"),
        (11, "chineseLegalSimplified", "壹拾壹"),
        (3, "ideographLegalTraditional", "參"),
        (3, "ideographTraditional", "丙"),
        (13, "ideographZodiac", "子"),
        (10, "ideographDigital", "一〇"),
        (2, "decimalEnclosedCircle", "②"),
        (2, "decimalEnclosedParen", "⑵"),
        (12, "decimalFullWidth", "１２"),
        (7, "decimalZero", "07"),
        (14, "upperRoman", "XIV"),
        (27, "lowerLetter", "aa"),
        (5, "none", ""),
        (0, "chineseCounting", "0"),
        (3, "hebrew1", None),
    ],
)
def test_number_formats(value: int, number_format: str, shown: str | None) -> None:
    assert format_number(value, number_format) == shown


def test_tables_footnotes_text_boxes_headers_and_images(tmp_path: Path) -> None:
    path = tasks_speech(tmp_path / "tasks.docx")
    source, speech = read_and_parse(path)
    [table] = [block for section in speech.sections() for block in section.children if isinstance(block, Table)]
    cells = [[" ".join(p.text for p in cell.paragraphs) for cell in row] for row in table.rows]
    assert cells == [*[list(row) for row in TASKS], ["各乡镇同步开展自查自纠"]]
    assert [cell.colspan for cell in table.rows[-1]] == [3] and table.header_rows == 1
    assert {p.kind for p in table.paragraphs()} == {ParagraphKind.CELL}
    assert table.anchor == "t1" and all(p.anchor.startswith("p-") for p in table.paragraphs())
    texts = [p.text for p in speech.paragraphs()]
    assert "以上任务完成情况纳入年度考核。［注1］" in texts  # the reference where it stands
    assert TEXT_BOX in texts  # the text box after its paragraph, once (not again from its VML copy)
    assert f"［图片：{IMAGE_DESCRIPTION}］" in texts
    assert [p.text for p in speech.footnotes] == [f"［注1］{FOOTNOTE}"]
    assert [p.text for p in speech.notes] == [HEADER, FOOTER]
    assert speech.closing and speech.closing.text == CLOSING  # footnotes and notes come after the closing
    [warning] = source.diagnostics
    image_line = next(line.number for line in source.lines if line.text.startswith("［图片"))
    assert warning.line == image_line and warning.path == path and "an image cannot be shown" in warning.message


def test_a_closing_and_thanks_right_after_the_last_table_close_the_speech(tmp_path: Path) -> None:
    """A speech whose last part ends in a table: the 同志们，… below it is still its closing, 谢谢大家！ its ending."""
    document = Document()
    opening(document)
    document.add_paragraph("一、压实防汛工作责任")
    document.add_paragraph("各街道要严格落实24小时值班和领导带班制度，责任人如下表。")
    table = document.add_table(rows=2, cols=2)
    for row, cells in enumerate((("水库", "责任人"), ("青石水库", "王某某"))):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_paragraph(CLOSING)
    document.add_paragraph("谢谢大家！")
    _, speech = read_and_parse(save(document, tmp_path / "table-last.docx"))
    assert speech.closing and speech.closing.text == CLOSING
    assert [p.text for p in speech.ending] == ["谢谢大家！"]
    [part] = speech.sections()
    assert isinstance(part.children[-1], Table)


@pytest.mark.parametrize(("bold_rows", "header_rows"), [((0,), 1), ((), 0), ((0, 1, 2), 0)])
def test_a_first_row_set_in_bold_above_plain_rows_is_the_tables_header(
    tmp_path: Path, bold_rows: tuple[int, ...], header_rows: int
) -> None:
    """An office seldom marks a table's header row as Word's 重复标题行; it sets the row in bold. A bold row over plain
    ones heads the table; a table all plain, or all bold, says nothing of its header."""
    rows = [
        ("工作任务", "责任单位", "完成时限"),
        ("危化品运输车辆检查", "县交通运输局", "6月30日前"),
        ("园区封闭化管理", "园区管委会", "9月30日前"),
    ]
    document = Document()
    opening(document)
    table = document.add_table(rows=len(rows), cols=3)
    for row, texts in enumerate(rows):
        for column, text in enumerate(texts):
            table.cell(row, column).paragraphs[0].add_run(text).bold = row in bold_rows
    document.add_paragraph(CLOSING)
    _, speech = read_and_parse(save(document, tmp_path / "bold-header.docx"))
    [table_read] = [block for block in speech.body if isinstance(block, Table)]
    assert table_read.header_rows == header_rows
    assert [[p.text for cell in row for p in cell.paragraphs] for row in table_read.rows] == [list(r) for r in rows]


def test_a_byline_set_beside_its_date_in_a_row_above_the_text_is_the_front(tmp_path: Path) -> None:
    """A template sets the byline and the date side by side in a borderless table of one row under the title: they are
    the speech's front (its speaker, its day), not a table of data; a one-row table in the text stays a table."""
    document = Document()
    document.add_paragraph(TITLE)
    row = document.add_table(rows=1, cols=2)
    row.cell(0, 0).text, row.cell(0, 1).text = "县委常委、副县长　杨某某", "（2024年4月8日）"
    document.add_paragraph(SALUTATION)
    document.add_paragraph(OPENING)
    in_text = document.add_table(rows=1, cols=2)
    in_text.cell(0, 0).text, in_text.cell(0, 1).text = "县应急管理局", "每月5日前"
    document.add_paragraph(CLOSING)
    _, speech = read_and_parse(save(document, tmp_path / "byline-row.docx"))
    assert speech.title == TITLE and speech.salutation and speech.salutation.text == SALUTATION
    assert [p.text for p in speech.front][-2:] == ["县委常委、副县长　杨某某", "（2024年4月8日）"]
    assert speech.metadata.speaker == "杨某某" and speech.metadata.date == "2024-04-08"
    [table] = [block for block in speech.body if isinstance(block, Table)]
    assert [[p.text for cell in row for p in cell.paragraphs] for row in table.rows] == [["县应急管理局", "每月5日前"]]


def test_hard_wrapped_lines_are_not_joined_across_a_table(tmp_path: Path) -> None:
    """A text pasted from a PDF into Word keeps the PDF's line breaks: its lines are joined back into
    paragraphs, but never across a table that stands between them."""
    sentence = "".join(f"各乡镇要抓好第{cn_numeral(number)}项重点工作并按月报送进展情况" for number in range(1, 13))
    chunks = [sentence[start : start + 30] for start in range(0, len(sentence), 30)]
    chunks[-1] += "。"
    document = Document()
    for chunk in chunks[:6]:
        document.add_paragraph(chunk)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "县应急管理局", "每月5日前"
    for chunk in chunks[6:]:
        document.add_paragraph(chunk)
    _, speech = read_and_parse(save(document, tmp_path / "wrapped.docx"))
    texts = [block.text if not isinstance(block, Table) else "表" for block in speech.body]
    # The lines below the table are too few to tell their wrap width alone; the whole text's tells it.
    assert texts == ["".join(chunks[:6]), "表", "".join(chunks[6:])]


def test_rows_set_with_tab_stops_are_a_table(tmp_path: Path) -> None:
    """A table typed with tab stops instead of Word's table (a row a paragraph, its cells parted by tabs) is shown
    as the table it is, its first row the header, under its caption."""
    rows = [["单位", "检查次数", "整改率"], ["青岚镇", "52", "96%"], ["石门乡", "47", "93%"]]
    document = Document()
    opening(document)
    document.add_paragraph("表1：各乡镇检查情况")
    for row in rows:
        document.add_paragraph("\t".join(row))
    document.add_paragraph("从检查情况看，整改率仍有提升空间。")
    _, speech = read_and_parse(save(document, tmp_path / "tabs.docx"))
    [table] = [block for block in speech.body if isinstance(block, Table)]
    assert [[p.text for cell in row for p in cell.paragraphs] for row in table.rows] == rows
    assert table.header_rows == 1
    assert "表1：各乡镇检查情况" in [p.text for p in speech.paragraphs()]


def test_vertically_merged_cells_span_rows(tmp_path: Path) -> None:
    document = Document()
    opening(document)
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "县住建局"
    for row, task in enumerate(["排查在建工地", "整治老旧小区燃气管道", "检查高层建筑消防设施"]):
        table.cell(row, 1).text = task
    _, speech = read_and_parse(save(document, tmp_path / "merged.docx"))
    [table_block] = [block for block in speech.body if isinstance(block, Table)]
    shape = [[(cell.rowspan, [p.text for p in cell.paragraphs]) for cell in row] for row in table_block.rows]
    assert shape == [
        [(3, ["县住建局"]), (1, ["排查在建工地"])],
        [(1, ["整治老旧小区燃气管道"])],
        [(1, ["检查高层建筑消防设施"])],
    ]


def test_what_cannot_be_shown_is_named_in_place_and_reported(tmp_path: Path) -> None:
    document = Document()
    opening(document)
    chart = document.add_paragraph("近三年事故起数变化如下：")
    chart._p.append(
        xml(
            '<w:r><w:drawing><wp:inline><wp:docPr id="7" name="图表 7"/><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId90"/>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
    )
    embedded = document.add_paragraph("隐患台账见附表")
    embedded._p.append(
        xml(
            '<w:r><w:object><v:shape/><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="rId91"/></w:object></w:r>'
        )
    )
    tracked = document.add_paragraph("要坚持")
    tracked._p.append(xml('<w:ins w:id="1" w:author="审核人"><w:r><w:t>人民至上、</w:t></w:r></w:ins>'))
    tracked._p.append(xml('<w:del w:id="2" w:author="审核人"><w:r><w:delText>删去的话</w:delText></w:r></w:del>'))
    tracked.add_run("生命至上。")
    document.add_paragraph(CLOSING)
    comment_run = document.paragraphs[2].runs[0]
    document.add_comment(comment_run, "此处数据请再核实", author="审核人")
    source, speech = read_and_parse(save(document, tmp_path / "objects.docx"))
    texts = [line.text for line in source.lines]
    assert "近三年事故起数变化如下：［图表］" in texts
    assert "隐患台账见附表［嵌入对象］" in texts
    assert "要坚持人民至上、生命至上。" in texts  # tracked insertions are text, deletions are not
    assert [note.text for note in speech.notes] == ["［批注］此处数据请再核实"]
    messages = sorted(d.message for d in source.diagnostics)
    assert messages == [
        "a chart cannot be shown on the page; its place is marked ［图表］",
        "an embedded object (Excel.Sheet.12) cannot be shown on the page; its place is marked ［嵌入对象］",
    ]


def test_text_is_read_as_word_shows_it(tmp_path: Path) -> None:
    document = Document()
    opening(document)
    paragraph = document.add_paragraph("加强")
    paragraph._p.append(
        xml(
            "<w:ruby><w:rubyPr/><w:rt><w:r><w:t>huán</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>環</w:t></w:r></w:rubyBase>"
            "</w:ruby>"
        )
    )
    paragraph._p.append(xml('<w:r><w:t>保督察</w:t><w:sym w:font="Symbol" w:char="2192"/><w:noBreakHyphen/></w:r>'))
    paragraph._p.append(xml('<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'))
    paragraph._p.append(xml('<w:r><w:fldChar w:fldCharType="begin"/><w:instrText> DATE </w:instrText></w:r>'))
    document.add_paragraph(CLOSING)
    source, _ = read_and_parse(save(document, tmp_path / "shown.docx"))
    # Pinyin after its characters, as web pages print it (and speechkb sees through it); field codes are not text.
    assert source.lines[3].text == "加强環(huán)保督察→-2"


def test_a_damaged_footnotes_part_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    document = Document()
    opening(document)
    footnote_reference(document.add_paragraph("各单位要认真落实。"), 1)
    document.add_paragraph(CLOSING)
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, b"<w:footnotes", document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    source, speech = read_and_parse(save(document, tmp_path / "damaged.docx"))
    assert "各单位要认真落实。［注1］" in [line.text for line in source.lines]
    assert [p.text for p in speech.footnotes] == ["［注1］"]  # the note is named though its text is lost
    [warning] = source.diagnostics
    assert warning.line is None and warning.message.startswith("the document's footnotes cannot be read:")


def test_a_title_framed_in_a_one_column_table_is_the_document_s_title(tmp_path: Path) -> None:
    """A template's 红头 sets the office's name and the title in a table of one column: a frame, whose lines
    are the document's, not a table of data standing before the speech."""
    document = Document()
    frame = document.add_table(rows=2, cols=1)
    frame.cell(0, 0).text, frame.cell(1, 0).text = "某某县人民政府", TITLE
    document.add_paragraph("县长　王某某")
    document.add_paragraph(SALUTATION)
    document.add_paragraph(OPENING)
    boxed = document.add_table(rows=1, cols=1).cell(0, 0)  # a box in the text, holding a table of data
    boxed.text = "任务分工："
    tasks = boxed.add_table(rows=1, cols=2)
    tasks.cell(0, 0).text, tasks.cell(0, 1).text = "县应急管理局", "开展安全生产大检查"
    document.add_paragraph(CLOSING)
    source, speech = read_and_parse(save(document, tmp_path / "framed.docx"))
    assert [line.text for line in source.lines] == [
        "某某县人民政府",
        TITLE,
        "县长　王某某",
        SALUTATION,
        OPENING,
        "任务分工：",
        CLOSING,
    ]
    assert [[[line.text for line in cell.lines] for cell in row] for row in source.tables[0].rows] == [
        [["县应急管理局"], ["开展安全生产大检查"]]
    ]
    assert speech.title == TITLE and speech.title_origin == "text"
    assert speech.metadata.speaker == "王某某" and speech.salutation and speech.closing


def test_a_document_with_only_a_table_is_a_speech(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "县应急管理局"
    table.cell(0, 1).text = "开展安全生产大检查"
    _, speech = read_and_parse(save(document, tmp_path / "only-table.docx"))
    assert [p.text for p in speech.paragraphs()] == ["县应急管理局", "开展安全生产大检查"]
    assert speech.title


# --- the built site -------------------------------------------------------------------------------

WORD_FILES = {"styled.docx": styled_speech, "numbered.docx": numbered_speech, "tasks.docx": tasks_speech}


@pytest.fixture(scope="module")
def word_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("word-site")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, make in WORD_FILES.items():
        make(seeds / name)
    return BuiltSite(root, build(seeds, root / "site", copy_project(root)))


def speech_of(site: BuiltSite, name: str) -> Speech:
    return next(speech for speech in site.result.speeches if speech.source.name == name)


def article(site: BuiltSite, name: str) -> Any:
    root = lxml.html.fromstring(site.speech_page(Path(name)).read_text(encoding="utf-8"))
    [found] = root.xpath("//article")
    for permalink in found.xpath(".//a[@class='headerlink']"):
        permalink.drop_tree()
    return found


def kb_entry(site: BuiltSite, name: str) -> dict[str, Any]:
    kb = site.knowledge()
    entry: dict[str, Any] = next(s for s in kb["speeches"] if s["source"] == name)
    return entry


@pytest.mark.site
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "styled.docx",
            [
                ("h2", "s1", "充分认识当前安全生产形势"),
                ("h3", "s1-1", "工作要求"),
                ("h2", "s2", "扎实抓好重点领域整治"),
                ("h3", "s2-1", "工作要求"),
            ],
        ),
        (
            "numbered.docx",
            [
                ("h2", "s1", "一、统一思想认识"),
                ("h3", "s1-1", "（一）认清形势"),
                ("h3", "s1-2", "（二）明确责任"),
                ("h2", "s2", "二、突出工作重点"),
                ("h3", "s2-1", "（一）危险化学品领域"),
            ],
        ),
    ],
)
def test_declared_headings_are_the_pages_headings(word_site: BuiltSite, name: str, expected: list[Any]) -> None:
    page = article(word_site, name)
    shown = [(h.tag, h.get("id"), h.text_content().strip()) for h in page.xpath(".//h2 | .//h3 | .//h4")]
    assert [heading for heading in shown if heading[1] != "related"][: len(expected)] == expected
    toc = lxml.html.fromstring(word_site.speech_page(Path(name)).read_text(encoding="utf-8"))
    links = toc.xpath("//nav[contains(@class, 'md-nav--secondary')]//a/@href")
    assert [f"#{anchor}" for _, anchor, _ in expected] == [link for link in links if link != "#related"][
        : len(expected)
    ]
    kb = [(h["level"], h["anchor"], h["text"]) for h in kb_entry(word_site, name)["headings"]]
    assert kb[: len(expected)] == [(int(tag[1]), anchor, text) for tag, anchor, text in expected]


@pytest.mark.site
def test_a_table_is_a_table_on_the_page_with_every_cell(word_site: BuiltSite) -> None:
    speech = speech_of(word_site, "tasks.docx")
    [table] = article(word_site, "tasks.docx").xpath(".//table[@id='t1']")
    rows = [[cell.text_content().strip() for cell in row.xpath("./th | ./td")] for row in table.xpath(".//tr")]
    assert rows == [*[list(row) for row in TASKS], ["各乡镇同步开展自查自纠"]]
    assert [cell.tag for cell in table.xpath(".//tr[1]/*")] == ["th", "th", "th"]
    assert table.xpath(".//tr[last()]/td/@colspan") == ["3"]
    [block] = [b for s in speech.sections() for b in s.children if isinstance(b, Table)]
    for paragraph in block.paragraphs():  # each cell's paragraph has its anchor on the page
        [shown] = table.xpath(f".//p[@id='{paragraph.anchor}']")
        assert shown.text_content().strip() == paragraph.text


@pytest.mark.site
def test_cells_are_searched_and_tagged_like_paragraphs(word_site: BuiltSite) -> None:
    speech = speech_of(word_site, "tasks.docx")
    [table] = [b for s in speech.sections() for b in s.children if isinstance(b, Table)]
    by_text = {p.text: p.anchor for p in table.paragraphs()}
    document = site_documents(word_site.result.knowledge.vocabulary, [speech])[-1]
    passages = {passage.text: (passage.anchor, passage.heading) for passage in document.passages}
    for text, anchor in by_text.items():
        assert passages[text] == (anchor, "明确任务分工")
    kb = word_site.knowledge()
    mentions = {s["name"]: {a for m in s["mentions"] for a in m["anchors"]} for s in kb["sectors"]}
    assert by_text["组织危化品企业专项执法检查"] in mentions["危险化学品"]
    assert by_text["开展道路交通安全隐患排查整治"] in mentions["道路交通"]
    assert by_text["人员密集场所火灾隐患整治"] in mentions["人员密集场所"]
    assert {"危险化学品", "道路交通", "人员密集场所"} <= set(kb_entry(word_site, "tasks.docx")["sectors"])


@pytest.mark.site
def test_headers_and_footers_are_notes_never_searched(word_site: BuiltSite) -> None:
    speech = speech_of(word_site, "tasks.docx")
    [notes] = article(word_site, "tasks.docx").xpath(".//details[@id='notes']")
    assert [p.text_content().strip() for p in notes.xpath(".//p")] == [HEADER, FOOTER]
    assert [note["text"] for note in kb_entry(word_site, "tasks.docx")["notes"]] == [HEADER, FOOTER]
    document = site_documents(word_site.result.knowledge.vocabulary, [speech])[-1]
    searched = squash("".join(passage.text for passage in document.passages))
    assert squash(HEADER) not in searched and squash(FOOTER) not in searched
    assert FOOTNOTE in searched and TEXT_BOX in searched  # footnotes and text boxes are the speech's


@pytest.mark.site
def test_footnotes_follow_the_text_and_the_image_is_named_and_reported(word_site: BuiltSite) -> None:
    page = article(word_site, "tasks.docx")
    [footnotes] = page.xpath(".//div[@id='footnotes']")
    assert [p.text_content().strip() for p in footnotes.xpath("./p")] == ["脚注", f"［注1］{FOOTNOTE}"]
    assert "以上任务完成情况纳入年度考核。［注1］" in page.text_content()
    assert f"［图片：{IMAGE_DESCRIPTION}］" in page.text_content()
    [warning] = [d for d in word_site.result.warnings if d.path.name == "tasks.docx"]
    assert str(warning).endswith(
        f"warning: an image cannot be shown on the page; its place is marked ［图片：{IMAGE_DESCRIPTION}］"
    )
    assert warning.line is not None and f"tasks.docx:{warning.line}:" in str(warning)


@pytest.mark.site
@pytest.mark.parametrize("name", list(WORD_FILES))
def test_every_word_of_the_document_reaches_the_page_in_order(word_site: BuiltSite, name: str) -> None:
    speech = speech_of(word_site, name)
    source = read_source(word_site.root / "seeds" / name)
    every = [*source.lines, *(line for table in source.tables for line in table.lines()), *source.footnotes]
    expected = squash("".join(line.text for line in sorted([*every, *source.notes], key=lambda line: line.number)))
    page = article(word_site, name)
    title = squash(speech.title) if speech.title_line else ""
    shown = squash(
        "".join(e.text_content() for e in page.xpath(".//p[@data-line] | .//h2[not(@id='related')] | .//h3 | .//h4"))
    )
    assert title + shown == expected
    assert not [d for d in word_site.result.errors if d.path.name == name]


# --- any document: every character reaches the page, in order ---------------------------------------

XML_TEXT = PIECES.map(lambda text: text.replace("\ufffe", "").replace("\uffff", ""))  # what XML can hold
PARAGRAPH = st.tuples(st.lists(XML_TEXT, min_size=1, max_size=12).map("".join), st.sampled_from([None, 1, 2, 3]))
TABLE = st.integers(1, 3).flatmap(
    lambda columns: st.lists(st.lists(XML_TEXT, min_size=columns, max_size=columns), min_size=1, max_size=3)
)
BLOCKS = st.lists(st.one_of(PARAGRAPH, TABLE), min_size=1, max_size=12)


def any_document(blocks: list[Any], path: Path) -> str:
    """A Word document of ``blocks`` (paragraphs, some in heading styles, and tables); its text in order."""
    document = Document()
    for block in blocks:
        if isinstance(block, tuple):
            text, heading = block
            document.add_paragraph(text, f"Heading {heading}" if heading else None)
        else:
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for row, texts in enumerate(block):
                for column, text in enumerate(texts):
                    table.cell(row, column).text = text
    save(document, path)
    return "".join(block[0] if isinstance(block, tuple) else "".join(map("".join, block)) for block in blocks)


@settings(max_examples=max(10, settings.default.max_examples // 3))  # each example writes and reads a document
@given(BLOCKS)
def test_any_document_reaches_the_page_whole_and_in_order(blocks: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        text = any_document(blocks, Path(folder) / "any.docx")
        try:
            source = read_source(Path(folder) / "any.docx")
        except ReadError as error:
            assert not squash(text) and "no text" in error.diagnostic.message
            return
    lines = sorted(
        [*source.lines, *(line for table in source.tables for line in table.lines())], key=lambda line: line.number
    )
    assert squash("".join(line.text for line in lines)) == squash(text)  # the reader reads every character
    speech = parse(source, TEXT_RULES)
    knowledge = extract_corpus([speech], VOCABULARY)
    page = dict(render_pages([speech], environment(), knowledge))[f"{SPEECHES_DIR}/{speech.slug}.md"]
    body, meta = get_data(page)
    html = RENDERER.reset().convert(body)
    description = f'<meta name="description" content="{meta["description"]}">' if speech.description else ""
    page_html = f"<html><head>{description}</head><body><article>{html}</article></body></html>"
    # The notes are taken out of the line they come from: a line repeated as a running header may also be
    # words of another line.
    notes: dict[int, list[str]] = {}
    for note in speech.notes:
        notes.setdefault(note.line, []).append(note.text)
    teaser = next((line for line in lines if speech.description and line.text == speech.description), None)
    # A note the text gives as a line of its own is shown after the text, as a footnote.
    footnotes = {(footnote.line, footnote.text) for footnote in speech.footnotes}
    kept = "".join(
        text_and_notes(line.text, notes.get(line.number, []))[0]
        for line in lines
        if line is not teaser and (line.number, line.text) not in footnotes
    )
    assert shown_text(page_html, speech) == (
        squash(speech.description or "") + kept + squash("".join(footnote.text for footnote in speech.footnotes)),
        squash("".join(note.text for note in speech.notes)),
    )
