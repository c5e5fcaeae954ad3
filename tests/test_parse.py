"""Parsing recovers each speech's structure from its text; nothing is lost on the way."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from speechkb.folders import VOCABULARIES_DIR
from speechkb.model import (
    Line,
    Metadata,
    Origin,
    Paragraph,
    ParagraphKind,
    Section,
    Severity,
    Source,
    Speech,
)
from speechkb.stages.numbering import cn_numeral
from speechkb.stages.parse import cn_number, parse, parse_all
from speechkb.stages.readers import read_source
from speechkb.stages.text_rules import load_text_rules
from tests.conftest import ROOT, SEEDS, TEXT_RULES, tables_of, text_and_notes
from tests.growth import STEP_GROWTH_MAX, step_growth

# The numbered outline of every seed, written down from the text itself:
# (heading level, heading as written). Run-in topics (H4) are not numbered.
OUTLINES: dict[str, list[tuple[int, str]]] = {
    "000_d16b0cdea3137a11.txt": [
        (2, "一、保持清醒头脑，时刻绷紧安全生产这根弦"),
        (3, "（一）我们要深刻汲取事故教训，树牢安全生产红线意识。"),
        (3, "（二）要深入排查治理隐患，有效防范事故发生。"),
        (3, "（三）要严厉整治违法违规行为，强化作业现场管理。"),
        (3, "（四）要严格责任追究，依法依规严肃查处事故。"),
        (2, "二、坚持问题导向，抓好安全生产关键环节"),
        (2, "三、强化担当意识，切实提高安全监管履职能力"),
        (3, "（一）迅速开展拉网式专项检查整治行动。"),
        (3, "（二）要突出抓好重点领域安全生产工作。"),
        (3, "（三）要提高应急准备，有效提升安全生产应急反应能力。"),
    ],
    "001_4c94d2ebf477be8b.txt": [
        (2, "一、保持清醒忧患，提升安全意识"),
        (2, "二、突出预防为主，严格管控措施"),
        (3, "（一）要抓隐患治理。"),
        (3, "（二）要抓重点领域。"),
        (3, "（四）要抓体系建设。"),
        (2, "三、强化责任担当，夯实安全责任"),
        (3, "（一）抓好责任落实。"),
        (3, "（二）深化安全教育。"),
        (3, "（三）强化应急值守。"),
        (3, "（四）严格责任追究。"),
    ],
    "002_f90a3ee537080354.txt": [
        (2, "一、20_年安全生产工作取得新成绩"),
        (3, "(一)创新方式方法，安全监管责任更加落实"),
        (3, "(二)夯实基层基础，安全保障能力明显提升"),
        (3, "(三)狠抓治本攻坚，安全生产基本面持续改善"),
        (3, "(四)营造安全氛围，社会公众安全意识不断增强"),
        (2, "二、准确把握当前安全生产面临的新形势"),
        (3, "(一)工作要求越来越高"),
    ],
    "003_71f0ffce8f42c15d.txt": [
        (2, "一、提高认识，坚决克服侥幸心理和麻痹思想"),
        (2, "二、突出重点，排查隐患，扎实开展专项活动"),
        (3, "（一）抓好道路交通领域安全。"),
        (3, "（二）抓好工矿商贸领域安全。"),
        (3, "（三）抓好建筑施工领域安全。"),
        (3, "（四）抓好消防领域安全。"),
        (3, "（五）抓好人员密集场所领域安全。"),
        (3, "（六）抓好公共设施设备领域安全。"),
        (3, "（七）抓好危险化学品领域安全。"),
        (3, "（八）抓好食品领域安全。"),
        (2, "三、明确责任，分工负责，形成齐抓共管合力"),
        (3, "（一）严格落实企业安全生产主体责任。"),
        (3, "（二）严格落实属地管理责任。"),
        (3, "（三）严格落实政府部门监管责任。"),
        (3, "（四）严格落实责任追究制度。"),
        (2, "四、转变作风，狠抓落实，做到防范于未然"),
    ],
    "004_66b770bb223d1e26.txt": [
        (2, "一、准确把握当前安全生产工作的新形势和要求"),
        (2, "二、扎实做好2024年安全生产工作"),
        (3, "（一）落实安全生产责任。"),
        (3, "（二）严格安全风险管控和隐患排查整治。"),
        (3, "（三）强化安全专项整治。"),
        (3, "（四）不断夯实安全基础。"),
        (3, "（五）持续加强宣传教育。"),
        (2, "三、突出抓好当前几项重点工作"),
    ],
}
SEED_NAMES = sorted(OUTLINES)


def numbered_outline(speech: Speech) -> list[tuple[int, str]]:
    return [(section.level, section.heading) for section in speech.sections() if section.number]


def from_text(text: str, metadata: Metadata | None = None) -> Speech:
    lines = tuple(Line(n, t.strip()) for n, t in enumerate(text.splitlines(), 1) if t.strip())
    return parse(Source(Path("test.txt"), lines, metadata or Metadata(), "utf-8"), TEXT_RULES)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_outline_is_its_parts_and_sections(name: str) -> None:
    assert numbered_outline(parse(read_source(SEEDS / name), TEXT_RULES)) == OUTLINES[name]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_character_of_a_seed_is_in_the_tree_in_order(name: str) -> None:
    source = read_source(SEEDS / name)
    speech = parse(source, TEXT_RULES)
    pieces: list[str] = []
    if speech.description:
        pieces.append(speech.description)
    if speech.title_line:
        pieces.append(speech.title)  # the title line, shown as the page title
    pieces += [line.text for line in speech.front]
    if speech.salutation:
        pieces.append(speech.salutation.text)

    def walk(blocks: tuple[Section | Paragraph, ...]) -> None:
        for block in blocks:
            if isinstance(block, Section):
                pieces.append(block.heading)
                walk(block.children)
            else:
                pieces.append(block.text)

    walk(speech.body)
    if speech.closing:
        pieces.append(speech.closing.text)
    pieces += [item.text for item in (*speech.closing_items, *speech.ending)]
    notes = [note.text for note in speech.notes]
    expected = text_and_notes("".join(line.text for line in source.lines), notes)
    assert (squash("".join(pieces)), squash("".join(notes))) == expected


@pytest.mark.parametrize("name", SEED_NAMES)
def test_paragraph_anchors_are_unique_and_stable(name: str) -> None:
    first, second = parse(read_source(SEEDS / name), TEXT_RULES), parse(read_source(SEEDS / name), TEXT_RULES)
    anchors = [p.anchor for p in first.paragraphs()] + [s.anchor for s in first.sections()]
    assert len(anchors) == len(set(anchors))
    assert [p.anchor for p in first.paragraphs()] == [p.anchor for p in second.paragraphs()]


def test_same_paragraph_text_gets_the_same_anchor_wherever_it_stands() -> None:
    a = from_text("一、甲\n落实安全生产责任制。\n二、乙\n加强隐患排查。")
    b = from_text("一、甲\n新增的一段话。\n落实安全生产责任制。\n二、乙\n加强隐患排查。")
    anchor = {p.text: p.anchor for p in a.paragraphs()}
    assert all(anchor[p.text] == p.anchor for p in b.paragraphs() if p.text in anchor)


def test_salutation_title_and_closing() -> None:
    speech = parse(read_source(SEEDS / "004_66b770bb223d1e26.txt"), TEXT_RULES)
    assert speech.salutation and speech.salutation.text == "同志们："
    assert speech.title == "在县2024年防范重特大安全事故工作会议上的讲话" and speech.written_title is None
    assert speech.closing and speech.closing.text.startswith("同志们，安全生产工作责任重大")


def test_the_audience_addressed_again_on_a_line_of_its_own_begins_the_closing() -> None:
    speech = from_text(
        "在全县安全生产工作会议结束时的总结讲话\n同志们：\n今天的会议开得很好。\n一是思想上要再重视。\n"
        "二是措施上要再加力。\n同志们：\n　　安全生产责任重于泰山。\n县委书记\n刘某某\n县委办公室\n"
    )
    assert speech.salutation and speech.salutation.text == "同志们："
    assert speech.closing and speech.closing.text == "同志们：安全生产责任重于泰山。"
    assert [p.text for p in speech.ending] == ["县委书记", "刘某某", "县委办公室"]
    assert [p.text for p in speech.paragraphs()].count("同志们：") == 1  # the opening's, never the body's


def test_the_opening_address_kept_in_place_is_no_closing_and_a_second_one_is() -> None:
    opening_only = from_text("在全县安全生产工作会议上的讲话\n会议由副县长主持。\n同志们：\n要认清形势，抓好落实。\n")
    assert opening_only.closing is None
    assert [p.text for p in opening_only.paragraphs()][-2:] == ["同志们：", "要认清形势，抓好落实。"]
    twice = from_text(
        "在全县安全生产工作会议上的讲话\n会议由副县长主持。\n同志们：\n今天召开会议。\n同志们：\n要抓好落实。\n"
    )
    assert twice.closing and twice.closing.text == "同志们：要抓好落实。"


def test_a_scan_s_stray_bar_before_a_part_s_number_leaves_it_a_part() -> None:
    """OCR reads a scan's edge as ``|`` before a line (|二、压实责任): the part is still 二, shown as written."""
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、认清形势\n要认清形势。\n|二、压实责任\n要抓好落实。\n"
    )
    parts = [section for section in speech.body if isinstance(section, Section)]
    assert [(part.heading, part.number) for part in parts] == [("一、认清形势", "一、"), ("|二、压实责任", "二、")]


def test_a_line_opening_with_a_pronoun_s_you_is_no_closing() -> None:
    """A line a page's edge broke after 给 (……市长在专题会议上 / 的讲话印发给你们，请认真学习。) opens with 你们， but
    addresses no one: the speech's closing is its 同志们，…, not that line."""
    speech = from_text(
        "在全县燃气安全专题会议上的讲话\n同志们：\n一、认清形势\n要认清形势。\n二、抓好落实\n要抓好落实。\n"
        "会后，县政府办公室要将市长在专题会议上\n的讲话印发给你们，请认真学习。\n"
        "同志们，燃气安全事关千家万户。\n"
    )
    assert speech.closing and speech.closing.text == "同志们，燃气安全事关千家万户。"


def test_the_audience_addressed_again_before_the_last_part_is_no_closing() -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、认清形势\n要认清形势。\n同志们：\n下面我讲第二点。\n"
        "二、抓好落实\n要抓好落实。\n"
    )
    assert speech.closing is None
    assert [section.heading for section in speech.sections()] == ["一、认清形势", "二、抓好落实"]


def test_a_speech_that_opened_with_no_address_may_close_with_one_on_a_line_of_its_own() -> None:
    """With no salutation above it, a lone 同志们： under most of the speech begins its closing; one over the speech
    after a lead is its opening, and one before the last part's heading is neither."""
    body = "今天召开全县安全生产工作会议。\n一、认清形势\n要认清形势，绷紧安全之弦。\n二、抓好落实\n要层层压实责任。\n"
    closing = from_text(f"在全县安全生产工作会议上的讲话\n{body}同志们：\n安全生产责任重于泰山。\n谢谢大家！")
    assert closing.salutation is None
    assert closing.closing and closing.closing.text == "同志们：安全生产责任重于泰山。"
    assert [p.text for p in closing.ending] == ["谢谢大家！"]
    after_lead = from_text(
        "在全县安全生产工作会议上的讲话\n会议由县委副书记、县长王某某主持。\n同志们：\n要抓好落实。\n"
    )
    assert after_lead.closing is None
    assert [p.text for p in after_lead.paragraphs()][-2:] == ["同志们：", "要抓好落实。"]
    between_parts = from_text(
        "在全县安全生产工作会议上的讲话\n今天召开全县安全生产工作会议。\n一、认清形势\n要认清形势，绷紧安全之弦。\n"
        "同志们：\n下面我讲第二点。\n二、抓好落实\n要层层压实责任。\n"
    )
    assert between_parts.closing is None
    assert [section.heading for section in between_parts.sections()] == ["一、认清形势", "二、抓好落实"]


def test_scraped_teaser_becomes_the_description_not_body() -> None:
    speech = parse(read_source(SEEDS / "004_66b770bb223d1e26.txt"), TEXT_RULES)
    assert speech.description and speech.description.endswith("安排部署...")
    assert not any(p.text.endswith("...") for p in speech.paragraphs())


def test_title_from_the_first_line_when_there_is_no_sidecar() -> None:
    source = read_source(SEEDS / "002_f90a3ee537080354.txt")
    speech = parse(Source(source.path, source.lines, Metadata(), source.encoding), TEXT_RULES)
    assert (speech.title, speech.title_origin) == ("安全生产会议上的讲话", "text")


def test_title_derived_from_the_content_never_the_file_name() -> None:
    source = read_source(SEEDS / "003_71f0ffce8f42c15d.txt")
    speech = parse(Source(source.path, source.lines, Metadata(), source.encoding), TEXT_RULES)
    assert (speech.title, speech.title_origin) == ("在全县收听收看全国、全省、全市安全生产电视会议后的讲话", "derived")
    untitled = parse(read_source(SEEDS / "000_d16b0cdea3137a11.txt"), TEXT_RULES)
    assert untitled.title_origin == "sidecar"
    bare = parse(
        Source(untitled.source, read_source(SEEDS / "000_d16b0cdea3137a11.txt").lines, Metadata(), "utf-8"), TEXT_RULES
    )
    assert bare.title_origin == "derived" and "000_" not in bare.title and bare.title


def from_page(text: str, title: str) -> Speech:
    """A web page's text (no sidecar) whose <title> or og:title states ``title``."""
    lines = tuple(Line(n, t.strip()) for n, t in enumerate(text.splitlines(), 1) if t.strip())
    return parse(Source(Path("page.html"), lines, Metadata(), "utf-8", stated=Metadata(title=title)), TEXT_RULES)


_PAGE_BODY = "同志们：\n今天召开全县安全生产工作会议。\n一、压实责任\n要层层压实责任。\n"


@pytest.mark.parametrize(
    ("stated", "title"),
    [
        ("重磅｜县长王某某在全县安全生产工作会议上的讲话（全文）", "县长王某某在全县安全生产工作会议上的讲话"),
        ("【重磅】县长王某某在全县安全生产工作会议上的讲话(全文)", "县长王某某在全县安全生产工作会议上的讲话"),
        ("聚焦丨在全县安全生产工作会议上的讲话_清岚县人民政府", "在全县安全生产工作会议上的讲话"),
        ("第一篇：在全县安全生产工作会议上的讲话（摘要）", "在全县安全生产工作会议上的讲话"),
        # No title's form to go by: only the labels of metadata.yml's title_labels come off.
        ("原创｜王某某：守牢安全生产底线（全文）", "王某某：守牢安全生产底线"),
        ("【重磅】守牢安全生产底线", "守牢安全生产底线"),
        ("重磅消息：守牢安全生产底线", "重磅消息：守牢安全生产底线"),
    ],
)
def test_a_page_s_stated_title_loses_the_decorations_a_title_line_would(stated: str, title: str) -> None:
    speech = from_page(_PAGE_BODY, stated)
    assert (speech.title, speech.title_origin) == (title, "page")
    assert speech.abridged == ("摘要" in stated)


def test_the_text_s_title_line_that_the_page_s_title_holds_is_the_title_as_written() -> None:
    """A WeChat account's og:title names the speaker and decorates the title; the text's own title line is the
    same title, as the speech writes it. A page title that holds no title line of the text wins over it."""
    text = "在全县安全生产工作会议上的讲话\n王某某\n（2024年3月5日）\n" + _PAGE_BODY
    held = from_page(text, "重磅｜县长王某某在全县安全生产工作会议上的讲话（全文）")
    assert (held.title, held.title_origin) == ("在全县安全生产工作会议上的讲话", "page")
    other = from_page(text, "在全县2024年安全生产工作会议上的讲话_清岚县人民政府")
    assert other.title == "在全县2024年安全生产工作会议上的讲话"


def test_a_title_line_of_no_title_s_form_loses_the_page_s_labels_too() -> None:
    assert from_text("原创丨守牢安全生产底线\n" + _PAGE_BODY).title == "守牢安全生产底线"
    assert (
        from_text("聚焦丨在全县安全生产工作会议上的讲话（全文）\n" + _PAGE_BODY).title
        == "在全县安全生产工作会议上的讲话"
    )


_NOTICE = """关于印发王某某同志在全县森林防灭火工作
会议上讲话的通知
各乡镇人民政府，县安委会各成员单位：
现将县长王某某同志在全县森林防灭火工作会议上的讲话印发给你们，请认真学习。
附件：1.在全县森林防灭火工作会议上的讲话
2.全县森林防灭火责任分工
清岚县安全生产委员会办公室
2024年2月28日
"""


def test_a_notice_carrying_the_speech_as_its_attachment_is_text_above_the_speech() -> None:
    """The attachment's label alone on its line (附件1, GB/T 9704) over a title's form starts the speech: the
    notice (its title broken over two lines, as a PDF's, its 附件说明 and date) is kept as text above it."""
    body = _PAGE_BODY + "二、管住火源\n" + "要严格野外用火审批，严禁携带火种进山，护林员要每天巡山。" * 4 + "\n"
    speech = from_text(_NOTICE + "附件1\n在全县森林防灭火工作会议上的讲话\n县长　王某某\n（2024年2月26日）\n" + body)
    assert (speech.title, speech.title_origin) == ("在全县森林防灭火工作会议上的讲话", "text")
    assert (speech.metadata.date, speech.metadata.speaker) == ("2024-02-26", "王某某")
    front = [p.text for p in speech.front if p.kind is ParagraphKind.FRONT]
    assert front[:2] == ["关于印发王某某同志在全县森林防灭火工作", "会议上讲话的通知"] and "附件1" in front
    assert speech.salutation and speech.salutation.text == "同志们："


def test_a_notice_naming_the_speech_as_its_attachment_sends_the_speech_it_stands_over() -> None:
    """附件：王某某同志在……上的讲话 in a notice whose body a page's edge broke (……会议上 / 的讲话印发给你们，…, which reads
    like an address): a label that names a speech in the text's first half is the notice's line, and the speech
    it sends is read, not set apart as an attachment."""
    notice = (
        "关于印发王某某同志在全县森林防灭火工作会议上讲话的通知\n各乡镇人民政府，县安委会各成员单位：\n"
        "现将县长王某某同志在全县森林防灭火工作会议上\n的讲话印发给你们，请认真学习。\n"
        "附件：王某某同志在全县森林防灭火工作会议上的讲话\n清岚县安全生产委员会办公室\n2024年2月28日\n"
    )
    body = _PAGE_BODY + "二、管住火源\n" + "要严格野外用火审批，严禁携带火种进山，护林员要每天巡山。" * 4 + "\n"
    speech = from_text(notice + "附件\n在全县森林防灭火工作会议上的讲话\n县长　王某某\n（2024年2月26日）\n" + body)
    assert (speech.title, speech.metadata.date) == ("在全县森林防灭火工作会议上的讲话", "2024-02-26")
    assert not speech.notes and [s.number for s in speech.body if isinstance(s, Section)] == ["一、", "二、"]


def test_an_attachment_label_after_the_salutation_is_the_speech_s_not_its_start() -> None:
    text = "在全县安全生产工作会议上的讲话\n" + _PAGE_BODY + "附件\n在全县安全生产工作会议上的讲话稿\n"
    assert from_text(text).title == "在全县安全生产工作会议上的讲话"
    # and a label that no title's form follows hands nothing on
    assert from_text(_NOTICE + "附件1\n全县森林防灭火责任分工\n" + _PAGE_BODY).title != "全县森林防灭火责任分工"


_AGENDA = """全县安全生产工作会议
会 议 议 程
一、通报全县安全生产情况
二、县长王某某讲话
主持人：副县长赵某某
时间：2023年4月14日上午9:00
"""


def test_a_meetings_agenda_above_the_title_is_text_above_one_speech() -> None:
    """The agenda's items are the meeting's, not parts of a speech of their own: the title under it is the speech's,
    and the agenda's day is its meeting's."""
    speech, *others = parse_all(
        from_text_source(_AGENDA + "在全县安全生产工作会议上的讲话\n县长　王某某\n" + _PAGE_BODY, Metadata()),
        TEXT_RULES,
    )
    assert not others
    assert (speech.title, speech.metadata.date, speech.metadata.speaker) == (
        "在全县安全生产工作会议上的讲话",
        "2023-04-14",
        "王某某",
    )
    assert "二、县长王某某讲话" in [p.text for p in speech.front]
    assert "二、县长王某某讲话" not in [section.heading for section in speech.sections()]


def test_an_agenda_label_after_the_salutation_is_the_speech_s() -> None:
    text = "在全县安全生产工作会议上的讲话\n同志们：\n会议议程\n一、提高认识\n要认清形势。\n"
    assert [section.heading for section in from_text(text).sections()] == ["一、提高认识"]


def test_sidecar_title_overrides_and_the_written_title_stays_on_the_page() -> None:
    speech = parse(read_source(SEEDS / "002_f90a3ee537080354.txt"), TEXT_RULES)
    assert speech.title == "在全县安全生产工作会议上的讲话" and speech.title_origin == "sidecar"
    assert speech.written_title and speech.written_title.text == "安全生产会议上的讲话"


def test_numbering_gap_is_a_warning_with_file_and_line() -> None:
    speech = parse(read_source(SEEDS / "001_4c94d2ebf477be8b.txt"), TEXT_RULES)
    [warning] = speech.diagnostics
    assert (warning.path.name, warning.line) == ("001_4c94d2ebf477be8b.txt", 15)
    assert "（四）" in warning.message and "（三） is missing" in warning.message
    assert str(warning).startswith(f"{warning.path}:15: warning:")


def test_numbering_repeat_is_a_warning() -> None:
    speech = from_text("一、甲\n正文。\n一、乙\n正文。")
    assert [d.line for d in speech.diagnostics] == [3]
    assert "repeated" in speech.diagnostics[0].message


def test_a_run_of_two_numbers_opening_a_paragraph_is_no_heading() -> None:
    """一、二月份 (January and February) reads as part 一 with the heading 二月份…: the numbering tells it apart."""
    text = (
        "同志们：\n一、清醒认识形势\n去年全县共发生事故14起。\n一、二月份，全县共发生事故2起，教训深刻。\n"
        "二、突出重点领域\n三、四季度是全年安全生产的关键时期，要提前谋划。\n三、压实各方责任\n要严格考核。\n"
    )
    speech = from_text(text)
    assert [section.heading for section in speech.sections()] == [
        "一、清醒认识形势",
        "二、突出重点领域",
        "三、压实各方责任",
    ]
    assert not speech.diagnostics
    paragraphs = [p.text for p in speech.paragraphs()]
    assert "一、二月份，全县共发生事故2起，教训深刻。" in paragraphs
    assert "三、四季度是全年安全生产的关键时期，要提前谋划。" in paragraphs
    # Where its sequence wants it and none of its number follows, it is the part it reads as.
    heading = from_text("同志们：\n一、一季度工作回顾\n正文。\n二、三季度工作安排\n正文。\n")
    assert [section.heading for section in heading.sections()] == ["一、一季度工作回顾", "二、三季度工作安排"]


_TWO_SPEECHES = """在全县安全生产工作会议上的讲话
同志们：
一、压实安全责任
要把责任落实到每个岗位。
二、部署重点任务
要深化专项整治。
谢谢大家！
在全市安全生产工作会议上的总结讲话
副市长　孙某某
（2022年2月10日）
同志们：
刚才，刘市长作了重要讲话，我完全赞同。
一、要抓好学习传达
要把会议精神传达到基层。"""


def test_a_second_speech_pasted_after_the_first_is_a_speech_of_its_own() -> None:
    lines = tuple(Line(n, t) for n, t in enumerate(_TWO_SPEECHES.splitlines(), 1))
    first, second = parse_all(Source(Path("两篇.txt"), lines, Metadata(), "utf-8"), TEXT_RULES)
    assert (first.title, first.part, second.title, second.part) == (
        "在全县安全生产工作会议上的讲话",
        1,
        "在全市安全生产工作会议上的总结讲话",
        2,
    )
    assert [s.heading for s in first.sections()] == ["一、压实安全责任", "二、部署重点任务"]
    assert [p.text for p in first.ending] == ["谢谢大家！"]
    assert [p.text for p in second.front] == ["副市长　孙某某", "（2022年2月10日）"]
    assert (second.metadata.speaker, second.metadata.date, second.metadata.level) == ("孙某某", "2022-02-10", "市")
    assert first.metadata.date is None  # the second's date line does not date the first
    assert second.source_name == "两篇.txt（第2篇）"
    [notice] = [d for d in first.diagnostics if d.severity is Severity.NOTICE]
    assert (
        notice.line == 8 and "2 speeches" in notice.message and "在全市安全生产工作会议上的总结讲话" in notice.message
    )
    assert not second.diagnostics


def test_a_sidecar_describes_the_first_of_the_speeches_a_file_holds() -> None:
    lines = tuple(Line(n, t) for n, t in enumerate(_TWO_SPEECHES.splitlines(), 1))
    sidecar = Metadata(title="全县安全生产工作会议讲话", date="2022-02-10", slug="xian-an-quan")
    first, second = parse_all(Source(Path("两篇.txt"), lines, sidecar, "utf-8"), TEXT_RULES)
    assert (first.title, first.slug, first.metadata.date) == ("全县安全生产工作会议讲话", "xian-an-quan", "2022-02-10")
    assert (second.title, second.slug) == ("在全市安全生产工作会议上的总结讲话", "")
    assert "its sidecar 两篇.yml describes the first only" in first.diagnostics[0].message


def test_a_web_pages_own_title_names_none_of_the_speeches_it_holds_and_its_date_dates_each() -> None:
    lines = tuple(Line(n, t) for n, t in enumerate(_TWO_SPEECHES.splitlines(), 1))
    page = Metadata(title="安全生产工作会议讲话稿（精选2篇）", date="2022-02-12")
    first, second = parse_all(Source(Path("两篇.html"), lines, Metadata(), "utf-8", stated=page), TEXT_RULES)
    assert (first.title, second.title) == ("在全县安全生产工作会议上的讲话", "在全市安全生产工作会议上的总结讲话")
    assert (first.metadata.date, second.metadata.date) == ("2022-02-12", "2022-02-10")  # the second's date line wins


def test_a_file_name_s_date_is_below_the_page_s_and_the_text_s() -> None:
    text = "在全县防汛工作会议上的讲话\n同志们：\n当前，我县已进入主汛期。\n一、压实责任\n要压实责任。"
    lines = tuple(Line(n, t) for n, t in enumerate(text.splitlines(), 1))
    named = Path("2023-06-12 县长讲话.html")
    [alone] = parse_all(Source(named, lines, Metadata(), "utf-8"), TEXT_RULES)
    assert (alone.metadata.date, alone.evidence_for("date").origin) == ("2023-06-12", Origin.FILE_NAME)
    page = Metadata(date="2023-06-20")  # the page was published a week later, and says so
    [published] = parse_all(Source(named, lines, Metadata(), "utf-8", stated=page), TEXT_RULES)
    assert published.metadata.date == "2023-06-20"
    dated = tuple(
        Line(n, t) for n, t in enumerate(["在全县防汛工作会议上的讲话", "（2023年6月8日）", *text.splitlines()[1:]], 1)
    )
    [stated] = parse_all(Source(named, dated, Metadata(), "utf-8"), TEXT_RULES)
    assert stated.metadata.date == "2023-06-08"


def test_a_compilations_numbered_titles_split_it_without_salutations() -> None:
    speeches = parse_all(
        from_text_source(
            "讲话稿范文（精选2篇）\n第一篇：在全县森林防火工作会议上的讲话\n今天召开会议，部署森林防火工作。\n"
            "一、压实责任\n各乡镇要落实属地责任。\n二、管住火源\n要严查野外用火。\n"
            "第二篇：在全镇森林防火工作会议上的讲话\n今天，我讲两点意见。\n一、加强巡查\n要加强巡山护林。",
            Metadata(),
        ),
        TEXT_RULES,
    )
    assert [(s.part, s.title, s.metadata.level) for s in speeches] == [
        (1, "在全县森林防火工作会议上的讲话", "县"),
        (2, "在全镇森林防火工作会议上的讲话", "乡镇"),
    ]


def test_a_title_quoted_or_numbered_out_of_sequence_splits_nothing() -> None:
    speech = parse_all(
        from_text_source(
            "在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n一、学习讲话精神\n"
            "要认真学习《在全市安全生产工作会议上的讲话》。\n第三篇：在全省安全生产工作会议上的讲话\n"
            "要原原本本学习这篇讲话。\n二、抓好落实\n要抓好落实。",
            Metadata(),
        ),
        TEXT_RULES,
    )
    assert len(speech) == 1 and speech[0].part is None and speech[0].source_name == "test.txt"


def test_an_editorial_lead_above_the_title_is_no_speech_of_its_own() -> None:
    speeches = parse_all(
        from_text_source(
            "2023年3月15日，清岚县召开全县安全生产工作会议。\n会上，县长王某某作重要讲话。\n"
            "在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n一、提高认识\n要高度重视。",
            Metadata(),
        ),
        TEXT_RULES,
    )
    assert [s.title for s in speeches] == ["在全县安全生产工作会议上的讲话"]


def test_a_hosts_line_inviting_a_speech_is_no_second_speech() -> None:
    speech = from_text(
        "全县安全生产工作会议主持词\n同志们：\n现在开会。\n下面请县长讲话\n大家欢迎。\n请各单位抓好落实。\n现在散会。"
    )
    assert not [d for d in speech.diagnostics if d.severity is Severity.NOTICE]


def test_heading_inline_with_its_paragraph_is_split() -> None:
    speech = parse(read_source(SEEDS / "003_71f0ffce8f42c15d.txt"), TEXT_RULES)
    section = next(s for s in speech.sections() if s.heading == "（一）抓好道路交通领域安全。")
    first = section.children[0]
    assert isinstance(first, Paragraph) and first.text.startswith("公安、交警、交通、农机等部门")


def test_enumerations_become_separately_anchored_items() -> None:
    speech = parse(read_source(SEEDS / "004_66b770bb223d1e26.txt"), TEXT_RULES)
    section = next(s for s in speech.sections() if s.heading == "（一）落实安全生产责任。")
    items = [p.text[:2] for p in section.children if isinstance(p, Paragraph) and p.kind == "item"]
    assert items == ["一要", "二要", "三要", "四要"]
    speech = parse(read_source(SEEDS / "000_d16b0cdea3137a11.txt"), TEXT_RULES)
    lead, *items_ = [p for p in speech.paragraphs() if p.line == 4]
    assert lead.kind == "body" and lead.text.endswith("薄弱环节：")
    assert [p.text[:2] for p in items_] == ["一是", "二是", "三是"]


def test_enumeration_continues_across_lines() -> None:
    speech = parse(read_source(SEEDS / "002_f90a3ee537080354.txt"), TEXT_RULES)
    starts = [p.text[:2] for p in speech.paragraphs() if p.line in (9, 10, 11)]
    assert starts == ["一是", "二是", "三是"]


def test_run_in_topics_become_unnumbered_subsections() -> None:
    speech = parse(read_source(SEEDS / "001_4c94d2ebf477be8b.txt"), TEXT_RULES)
    section = next(s for s in speech.sections() if s.heading == "（二）要抓重点领域。")
    topics = [child.heading for child in section.children if isinstance(child, Section)]
    assert topics == [
        "抓好建筑施工领域安全。",
        "抓好道路交通领域安全。",
        "抓好尾矿坝、矿山领域安全。",
        "抓好危化品领域安全。",
        "抓好消防领域安全。",
        "抓好企业生产领域安全。",
    ]
    assert all(child.level == 4 and child.number is None for child in section.children if isinstance(child, Section))


def test_sentences_a_line_that_end_alike_but_head_nothing_are_no_topics() -> None:
    speech = from_text(
        "同志们：\n今天召开会议。\n一、提高认识\n要认清形势。\n要以更加扎实的作风抓好各项工作。\n"
        "要以更加饱满的热情投入工作。\n要确保全年安全。"
    )
    [part] = speech.sections()
    assert [child.text for child in part.children if isinstance(child, Paragraph)] == [
        "要认清形势。",
        "要以更加扎实的作风抓好各项工作。",
        "要以更加饱满的热情投入工作。",
        "要确保全年安全。",
    ]


@pytest.mark.parametrize(("calls", "found"), [(4, True), (7, True), (8, False)])
def test_a_closing_set_a_sentence_a_line_reaches_over_its_call(calls: int, found: bool) -> None:
    call = "".join(f"要抓好第{number}项工作。\n" for number in range(1, calls + 1))
    speech = from_text(
        "在全镇安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n一、提高认识\n要认清形势。\n"
        f"同志们，安全生产责任重大。\n{call}谢谢大家！"
    )
    assert (speech.closing is not None) == found
    if speech.closing:
        assert speech.closing.text.endswith(f"要抓好第{calls}项工作。")


def test_a_closing_reaches_over_three_paragraphs_only_when_each_is_a_sentence() -> None:
    speech = from_text(
        "在全镇安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n一、提高认识\n要认清形势。\n"
        "同志们，安全生产责任重大。\n要抓好第一项工作。\n要抓好第二项工作。要抓好第三项工作。\n"
        "要抓好第四项工作。\n要抓好第五项工作。\n谢谢大家！"
    )
    assert speech.closing is None


@pytest.mark.parametrize("between", ["", "　", " "])
def test_a_heading_with_no_stop_ends_where_its_items_begin(between: str) -> None:
    """Items that run from 一是 to 二是 start the paragraph run into a heading with no punctuation of its own."""
    speech = from_text(
        "同志们：\n一、认清形势\n要认清形势。\n"
        f"二、下一步重点抓好三项工作{between}一是紧盯重点行业领域，深化专项整治；二是强化执法检查；三是严格责任追究。"
    )
    part = speech.sections()[-1]
    assert part.heading == "二、下一步重点抓好三项工作"
    assert [p.text[:4] for p in part.children if isinstance(p, Paragraph)] == ["一是紧盯", "二是强化", "三是严格"]


def test_a_one_with_no_sequence_after_it_is_no_item_a_heading_ends_at() -> None:
    """统一是… holds 一是 but no 二是 follows: the heading ends at its first clause, as before."""
    line = "二、思想统一是前提要把思想统一起来，各地各部门要切实抓好各项工作落实，决不能有丝毫松懈和麻痹大意，确保不出问题。"
    speech = from_text(f"同志们：\n一、认清形势\n要认清形势。\n{line}")
    assert speech.sections()[-1].heading == "二、思想统一是前提要把思想统一起来，"


def test_gbt_9704_hierarchy_gives_four_heading_levels() -> None:
    speech = from_text(
        "一、总体要求\n（一）指导思想\n1.坚持安全第一。各单位要落实。\n（1）强化领导。党委要负责。\n（2）压实责任\n"
        "2.坚持预防为主\n（二）工作目标\n二、重点任务\n正文。"
    )
    assert [(s.level, s.heading) for s in speech.sections()] == [
        (2, "一、总体要求"),
        (3, "（一）指导思想"),
        (4, "1.坚持安全第一。"),
        (5, "（1）强化领导。"),
        (5, "（2）压实责任"),
        (4, "2.坚持预防为主"),
        (3, "（二）工作目标"),
        (2, "二、重点任务"),
    ]
    assert not speech.diagnostics


# A lead sentence longer than a heading read on its own may be (HEADING_MAX_CHARS): alone, its line is a paragraph.
LONG_LEAD = "深入推进重点行业领域专项整治，聚焦燃气、自建房、电动自行车等领域开展拉网式排查。"


def test_a_runs_entries_are_headings_when_most_head_run_in_text() -> None:
    speech = from_text(
        "一、重点工作\n1.强化源头管控。各单位要严把准入关。\n"
        f"2.{LONG_LEAD}对发现的问题限期整改。\n3.提升应急能力。要加强演练。\n二、保障措施\n1.加强领导。要亲自抓。"
    )
    assert [(s.level, s.heading) for s in speech.sections()] == [
        (2, "一、重点工作"),
        (3, "1.强化源头管控。"),
        (3, f"2.{LONG_LEAD}"),
        (3, "3.提升应急能力。"),
        (2, "二、保障措施"),
        (3, "1.加强领导。"),
    ]
    assert "对发现的问题限期整改。" in [p.text for p in speech.paragraphs()]
    assert not speech.diagnostics


def test_a_runs_entries_are_paragraphs_when_none_heads_text_and_one_reads_as_a_paragraph() -> None:
    """Short lines with and without a full stop beside a long sentence, nothing between them: a list, whose entries
    are paragraphs alike, not headings with the long one fallen under the one before it."""
    speech = from_text(
        f"一、重点工作\n（一）专项整治\n（1）组织好宣传咨询日活动\n（2）{LONG_LEAD}\n（3）推动安全知识进企业。\n"
        "县安委办要加强调度。\n（二）汛期防范\n（1）强化监测预警\n气象部门要加强会商。\n（2）做好抢险准备\n要储备物资。"
    )
    assert [(s.level, s.heading) for s in speech.sections()] == [
        (2, "一、重点工作"),
        (3, "（一）专项整治"),
        (3, "（二）汛期防范"),
        (4, "（1）强化监测预警"),
        (4, "（2）做好抢险准备"),
    ]
    section = speech.sections()[1]
    assert [p.text for p in section.children if isinstance(p, Paragraph)] == [
        "（1）组织好宣传咨询日活动",
        f"（2）{LONG_LEAD}",
        "（3）推动安全知识进企业。",
        "县安委办要加强调度。",
    ]
    assert not speech.diagnostics


def test_an_entry_heading_text_before_the_next_makes_its_runs_headings() -> None:
    """A numbered line alone over its paragraph is a heading, which no paragraph is: its run's entry read as a
    paragraph on its own is one too, its lead sentence the heading; text under the last entry tells nothing."""
    speech = from_text(
        f"一、重点工作\n1.健全责任体系\n年初签订责任书。\n2.{LONG_LEAD}共排查隐患418项。\n3.强化教育培训\n"
        "全年培训42期。\n二、存在问题\n1.责任落实不到位；\n2.承包商管理薄弱；\n3.安全技能有差距。\n这些问题要认真解决。"
    )
    assert [s.heading for s in speech.sections()] == [
        "一、重点工作",
        "1.健全责任体系",
        f"2.{LONG_LEAD}",
        "3.强化教育培训",
        "二、存在问题",
    ]
    assert [p.text for p in speech.sections()[-1].children if isinstance(p, Paragraph)] == [
        "1.责任落实不到位；",
        "2.承包商管理薄弱；",
        "3.安全技能有差距。",
        "这些问题要认真解决。",
    ]
    assert not speech.diagnostics


def test_an_entry_with_sections_under_it_makes_its_runs_headings_and_keeps_their_levels() -> None:
    """Numbered sections under an entry say it is a heading: its run is headings, and the sections stay under it
    instead of rising to its level with the next entry fallen under the last of them."""
    speech = from_text(
        "一、重点工作\n1.强化风险辨识。要求如下：\n（1）每月评估一次。\n（2）每班告知一次。\n"
        f"2.{LONG_LEAD}要制定方案。\n二、保障措施"
    )
    assert [(s.level, s.heading) for s in speech.sections()] == [
        (2, "一、重点工作"),
        (3, "1.强化风险辨识。"),
        (4, "（1）每月评估一次。"),
        (4, "（2）每班告知一次。"),
        (3, f"2.{LONG_LEAD}"),
        (2, "二、保障措施"),
    ]
    assert not speech.diagnostics


def test_an_entry_read_alone_as_a_paragraph_leaves_no_sections_between_its_run_and_their_level() -> None:
    """1. read alone as a paragraph opened no section, so its （1） took the level of the points and 2. fell under
    （2）, a level too deep: the run reads as headings, and each stands where its number says."""
    speech = from_text(
        "一、工作回顾\n1.责任落实。全面签订责任书。\n2.专项整治。全面排查。\n二、重点工作\n"
        f"1.{LONG_LEAD}要求如下：\n（1）每月评估一次。\n（2）每班告知一次。\n2.加强变更管理。要履行审批手续。\n"
        "3.强化应急准备。要储备物资。"
    )
    assert [(s.level, s.heading) for s in speech.sections()][3:] == [
        (2, "二、重点工作"),
        (3, f"1.{LONG_LEAD}"),
        (4, "（1）每月评估一次。"),
        (4, "（2）每班告知一次。"),
        (3, "2.加强变更管理。"),
        (3, "3.强化应急准备。"),
    ]
    assert not speech.diagnostics


def test_sections_stay_sections_beside_an_entry_with_no_lead_sentence_to_head_with() -> None:
    long_sentence = "要" + "、".join(["加强危险化学品企业安全监管"] * 8) + "。"
    speech = from_text(
        f"一、重点工作\n（一）强化源头管控。要严把准入关。\n（二）{long_sentence}\n（三）提升应急能力。要加强演练。"
    )
    assert [s.heading for s in speech.sections()] == ["一、重点工作", "（一）强化源头管控。", "（三）提升应急能力。"]


def test_ordinal_headings_and_circled_numbers() -> None:
    speech = from_text(
        "同志们：\n第一，要提高认识。各级要重视。\n第二，要突出重点。\n①道路交通\n②危险化学品\n第三，要落实责任。"
    )
    assert [(s.level, s.heading) for s in speech.sections()] == [
        (2, "第一，要提高认识。"),
        (2, "第二，要突出重点。"),
        (3, "①道路交通"),
        (3, "②危险化学品"),
        (2, "第三，要落实责任。"),
    ]


def test_an_ordinal_with_a_space_for_its_comma_heads_a_part_on_a_line_of_its_own() -> None:
    """第一　抓好隐患排查 alone on its line heads a part as 第一，… does, whatever space stands for the comma; a
    sentence that starts with 第一 (第一次…, 第一季度…) is none, nor is a line with a sentence in it after the space."""
    speech = from_text(
        "同志们：\n第一次全体会议以来，各单位做了大量工作。\n第一　抓好隐患排查\n要开展拉网式排查。\n"
        "第一季度结束前，要签订责任书。\n第二  压实责任\n要落实一岗双责。\n第三 强化督查问责\n要严肃问责。"
    )
    assert [(s.level, s.number, s.heading) for s in speech.sections()] == [
        (2, "第一", "第一　抓好隐患排查"),
        (2, "第二", "第二  压实责任"),
        (2, "第三", "第三 强化督查问责"),
    ]
    assert not speech.diagnostics
    spaced_sentence = "第一　要抓好隐患排查。对排查出的隐患，要建立台账，实行闭环管理。"
    assert from_text(f"同志们：\n{spaced_sentence}\n要落实责任。").sections() == []
    assert from_text("同志们：\n第一 季度全县共发生事故3起，同比下降。\n要抓好落实。").sections() == []


def test_an_ordinal_part_heading_ending_in_a_full_stop_heads_its_part_in_a_sequence() -> None:
    """第一　抓好隐患排查。 with its full stop heads a part as it does without one, when 第二　…。 follows with
    paragraphs between; 第一，抓好隐患排查。 with its comma does so alone. A lone spaced 第一 sentence is text, and a
    long 第一，……。第二，…… run on in a paragraph between the headings stays items, breaking no sequence."""
    speech = from_text(
        "同志们：\n第一　抓好隐患排查。\n要开展拉网式排查。\n第二　压实责任。\n具体有两点要求。"
        "第一，各乡镇主要负责同志要亲自研究部署安全生产工作，及时解决本地区安全生产中的突出问题。"
        "第二，各部门要按照职责分工开展全覆盖执法检查，对违法违规行为依法从严处罚。\n"
        "第三　强化督查问责。\n要严肃问责。"
    )
    assert [(s.level, s.number, s.heading) for s in speech.sections()] == [
        (2, "第一", "第一　抓好隐患排查。"),
        (2, "第二", "第二　压实责任。"),
        (2, "第三", "第三　强化督查问责。"),
    ]
    second = speech.sections()[1]
    assert [p.kind for p in second.children if isinstance(p, Paragraph)] == [
        ParagraphKind.BODY,
        ParagraphKind.ITEM,
        ParagraphKind.ITEM,
    ]
    comma = from_text("同志们：\n第一，抓好隐患排查。\n要开展拉网式排查。\n第二，压实责任。\n要落实一岗双责。")
    assert [s.heading for s in comma.sections()] == ["第一，抓好隐患排查。", "第二，压实责任。"]
    assert from_text("同志们：\n第一 季度全县共发生事故3起。\n要抓好落实。\n第二 要压实责任").sections() == []


def test_enclosed_digits_are_the_markers_they_stand_for() -> None:
    """⒈ (U+2488…) is 1. and ⑴ (U+2474…) is （1）, as Word's numbering copies them: the same levels, the same
    checks of their sequence."""
    text = "同志们：\n一、突出重点\n{0}压实责任。要压实责任。\n{1}企业自查。\n{2}部门检查。\n{3}排查隐患。\n二、狠抓落实\n要抓好落实。"
    enclosed, written = from_text(text.format("⒈", "⑴", "⑶", "⒉")), from_text(text.format("1.", "（1）", "（3）", "2."))
    assert [(s.level, s.number) for s in enclosed.sections()] == [
        (2, "一、"),
        (3, "⒈"),
        (4, "⑴"),
        (4, "⑶"),
        (3, "⒉"),
        (2, "二、"),
    ]
    assert [(s.level, s.heading[len(s.number or "") :]) for s in enclosed.sections()] == [
        (s.level, s.heading[len(s.number or "") :]) for s in written.sections()
    ]
    assert [d.message for d in enclosed.diagnostics] == ["numbering gap: ⑶ comes after ⑴; ⑵ is missing"]


def test_ocr_s_dash_and_equals_sign_are_the_numerals_they_stand_for() -> None:
    """OCR of a scanned print reads 一 as a dash (—、, -、, (-), （—）) and 二 as an equals sign (=、): the same
    markers, numbered 1 and 2, their sequence checked; a dash that is no whole marker's number is none."""
    text = "同志们：\n{0}突出重点\n{1}压实责任。要压实责任。\n（二）企业自查。\n{2}狠抓落实\n要抓好落实。\n三、严格问责\n要严格问责。"
    for one, section_one, two in (("—、", "(-)", "=、"), ("-、", "（—）", "＝、"), ("－、", "（－）", "二、")):
        speech = from_text(text.format(one, section_one, two))
        assert [(s.level, s.number) for s in speech.sections()] == [
            (2, one),
            (3, section_one),
            (3, "（二）"),
            (2, two),
            (2, "三、"),
        ]
        assert not speech.diagnostics
    for line in ("-1℃以下要防冻。", "- 2 -", "-.5个百分点", "=号"):
        assert from_text(f"同志们：\n要压实责任。\n{line}\n要抓好落实。").sections() == []


def test_ocr_s_radical_for_the_dun_mark_ends_a_part_s_number() -> None:
    """二丶突出重点: OCR reads the 、 after a part's numeral as the radical 丶; the heading is the part's, as written."""
    speech = from_text("同志们：\n一、认清形势\n要认清形势。\n二丶突出重点\n要突出重点。\n三丶压实责任\n要压实责任。")
    assert [(s.level, s.number) for s in speech.sections()] == [(2, "一、"), (2, "二丶"), (2, "三丶")]


def test_a_space_before_the_dun_mark_leaves_a_part_heading_a_part() -> None:
    """一 、认清形势: a Word or OCR copy may set a space before the 、. The line is the part heading as written, its
    number 一、, the same sequence as 一、 without the space."""
    speech = from_text(
        "同志们：\n一 、认清形势\n要认清形势。\n二　、狠抓落实\n（一）压实责任。要压实责任。\n三、严格问责\n要严格问责。"
    )
    assert [(s.level, s.number, s.heading) for s in speech.sections()] == [
        (2, "一、", "一 、认清形势"),
        (2, "二、", "二　、狠抓落实"),
        (3, "（一）", "（一）压实责任。"),
        (2, "三、", "三、严格问责"),
    ]
    assert not speech.diagnostics


def test_a_numeral_in_brackets_numbers_a_part() -> None:
    """【一】认清形势: the brackets are the number's marker, as （一）'s are, and the number keeps them; a heading set
    in brackets (【一、认清形势】) has the number 一、 as before."""
    speech = from_text(
        "同志们：\n【一】认清形势\n要认清形势。\n【二】狠抓落实\n（一）压实责任。要压实责任。\n要抓好落实。"
    )
    assert [(s.level, s.number, s.heading) for s in speech.sections()] == [
        (2, "【一】", "【一】认清形势"),
        (2, "【二】", "【二】狠抓落实"),
        (3, "（一）", "（一）压实责任。"),
    ]
    assert not speech.diagnostics
    bracketed = from_text("同志们：\n【一、认清形势】\n要认清形势。\n【二、狠抓落实】\n要抓好落实。")
    assert [s.number for s in bracketed.sections()] == ["一、", "二、"]


def test_numbered_entries_of_a_list_ending_in_semicolons_are_no_headings() -> None:
    """一、宣读活动方案； one a line under 共有三项议程：, the last closed by 。: the entries of a list a sentence opens,
    text, not parts; the speech's parts after them are parts."""
    speech = from_text(
        "同志们：\n今天的会议共有三项议程：\n一、宣读活动方案；\n二、员工代表宣读承诺书；\n三、请董事长讲话。\n"
        "一、认清形势\n要认清形势。\n二、狠抓落实\n要抓好落实。"
    )
    assert [s.heading for s in speech.sections()] == ["一、认清形势", "二、狠抓落实"]
    assert "一、宣读活动方案；" in [p.text for p in speech.paragraphs()]


def test_sequence_words_and_inline_circled_items() -> None:
    speech = from_text(
        "我讲几点意见。首先，要提高认识。其次，要落实责任。最后，要加强督查。\n要做到：①查隐患；②抓整改；③严问责。"
    )
    texts = [(p.kind, p.text) for p in speech.paragraphs()]
    assert texts == [
        ("body", "我讲几点意见。"),
        ("item", "首先，要提高认识。"),
        ("item", "其次，要落实责任。"),
        ("item", "最后，要加强督查。"),
        ("body", "要做到："),
        ("item", "①查隐患；"),
        ("item", "②抓整改；"),
        ("item", "③严问责。"),
    ]


def test_a_lone_number_in_a_sentence_is_not_structure() -> None:
    speech = from_text(
        "二、三月份是事故多发期，各地要加强巡查，确保不发生较大事故，这是今年工作的重中之重，必须常抓不懈。\n三是不能放松。"
    )
    assert speech.sections() == []
    assert all(p.kind == "body" for p in speech.paragraphs())


def test_speech_without_numbered_headings_is_all_anchored_paragraphs() -> None:
    speech = from_text("同志们：\n今天召开会议。\n安全生产责任重大。\n同志们，让我们共同努力！")
    assert speech.sections() == []
    assert [p.text for p in speech.paragraphs()] == [
        "同志们：",
        "今天召开会议。",
        "安全生产责任重大。",
        "同志们，让我们共同努力！",
    ]
    assert all(p.anchor.startswith("p-") for p in speech.paragraphs())


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十三", 23), ("12", 12), ("③", 3), ("⒊", 3), ("⒇", 20)],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert cn_number(text) == value


def test_every_number_a_marker_can_hold_is_written_back_as_it_reads() -> None:
    # A marker's numeral of up to three characters reads up to 100 (九十十): a heading missing after the 99th is named.
    assert all(cn_number(cn_numeral(number)) == number for number in range(1, 1000))
    assert [cn_numeral(number) for number in (10, 100, 105, 110, 999)] == [
        "十",
        "一百",
        "一百零五",
        "一百一十",
        "九百九十九",
    ]


def test_a_list_of_ninety_nine_sections_that_starts_again_is_read() -> None:
    sections = "\n".join(f"（{cn_numeral(number)}）加强隐患排查\n要加强。" for number in range(1, 100))
    speech = from_text(f"同志们：\n{sections}\n（一）再次加强隐患排查\n要加强。")
    assert len(speech.sections()) == 100
    assert [d.message for d in speech.diagnostics] == ["numbering goes back: （一） after （九十九）"]


# The seeds with no sidecar, as an archive brings them: what the text itself tells (title, date or season, level).
BARE_SEEDS = {
    "000_d16b0cdea3137a11.txt": ("保持清醒头脑，时刻绷紧安全生产这根弦", None, "夏", "县"),
    "001_4c94d2ebf477be8b.txt": ("在全市收听收看全省安全生产电视电话会议后的讲话", None, "秋", "市"),
    "002_f90a3ee537080354.txt": ("安全生产会议上的讲话", None, "冬", "县"),
    "003_71f0ffce8f42c15d.txt": ("在全县收听收看全国、全省、全市安全生产电视会议后的讲话", None, "冬", "县"),
    "004_66b770bb223d1e26.txt": ("在县2024年防范重特大安全事故工作会议上的讲话", "2024", "春", "县"),
}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_bare_seed_reads_its_title_date_season_and_level_from_its_text(name: str) -> None:
    source = read_source(SEEDS / name)
    speech = parse(Source(source.path, source.lines, Metadata(), source.encoding), TEXT_RULES)
    metadata = speech.metadata
    assert (speech.title, metadata.date, metadata.season, metadata.level) == BARE_SEEDS[name]
    assert all(evidence.origin in ("title", "text") for evidence in speech.evidence)
    assert speech.evidence_for("level") and speech.evidence_for("season")


def test_a_sidecar_key_wins_over_the_text_and_says_so() -> None:
    speech = parse(read_source(SEEDS / "001_4c94d2ebf477be8b.txt"), TEXT_RULES)
    assert speech.metadata.date == "2022"
    date = speech.evidence_for("date")
    assert date and (date.origin, date.text) == ("sidecar", "001_4c94d2ebf477be8b.yml")
    level = speech.evidence_for("level")
    assert speech.metadata.level == "市" and level and level.origin == "text" and level.line
    overridden = parse(
        from_text_source("在全县2023年安全生产工作会议上的讲话\n同志们：\n今天召开会议。", Metadata(level="市")),
        TEXT_RULES,
    )
    assert overridden.metadata.level == "市" and overridden.metadata.date == "2023"


def from_text_source(text: str, metadata: Metadata) -> Source:
    lines = tuple(Line(n, t.strip()) for n, t in enumerate(text.splitlines(), 1) if t.strip())
    return Source(Path("test.txt"), lines, metadata, "utf-8")


# --- forms real archives come in (invented lines, one form each) ------------------------------------------


def test_full_width_digits_number_sections_and_break_nothing() -> None:
    speech = from_text("同志们：\n一、狠抓落实\n１．燃气安全。要加强检查。\n２．消防安全。要清除隐患。")
    assert [s.heading for s in speech.sections()] == ["一、狠抓落实", "１．燃气安全。", "２．消防安全。"]


def test_a_file_the_parser_fails_on_is_reported_and_the_others_are_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from speechkb.machinery import parse_cache

    (tmp_path / "good.txt").write_text("同志们：\n要抓好安全生产。", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("同志们：\n这一篇让解析出错。", encoding="utf-8")
    real = parse_cache.parse.parse_all

    def failing(source: Source, rules: object) -> tuple[Speech, ...]:
        if source.path.name == "bad.txt":
            raise KeyError("１")
        return real(source, TEXT_RULES)

    monkeypatch.setattr(parse_cache.parse, "parse_all", failing)
    outcomes, _ = parse_cache.read_and_parse_all(sorted(tmp_path.glob("*.txt")), TEXT_RULES, None)
    [bad, good] = outcomes
    assert isinstance(good, Speech)
    assert not isinstance(bad, Speech) and bad.severity == "error" and "KeyError" in bad.message


def test_a_salutation_with_a_comma_and_a_closing_to_part_of_it() -> None:
    speech = from_text(
        "尊敬的各位领导，同志们、朋友们：\n今天召开全县安全生产工作会议。\n一、提高认识\n要高度重视。\n"
        "同志们、朋友们，安全生产责任重大，希望大家抓好落实。"
    )
    assert speech.salutation and speech.salutation.text == "尊敬的各位领导，同志们、朋友们："
    assert speech.closing and speech.closing.text.startswith("同志们、朋友们，")


def test_a_salutation_broken_over_two_lines_is_one_but_a_comma_line_over_text_is_not() -> None:
    speech = from_text(
        "在全市安全生产工作会议上的讲话\n尊敬的各位领导，\n各位来宾，同志们，朋友们：\n今天召开会议。\n一、提高认识\n要高度重视。"
    )
    assert speech.salutation and speech.salutation.text == "尊敬的各位领导，各位来宾，同志们，朋友们："
    speech = from_text("在全市安全生产工作会议上的讲话\n同志们，\n今天召开会议，部署工作。\n一、提高认识\n要高度重视。")
    assert speech.salutation is None or "今天" not in speech.salutation.text


def test_thanks_a_signature_and_a_date_after_the_closing_end_the_speech_and_date_it() -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n一、提高认识\n要高度重视安全生产工作，抓好落实。\n"
        "同志们，希望大家切实抓好落实。\n谢谢大家！\n云岭县人民政府\n2023年3月15日"
    )
    assert speech.closing and speech.closing.text == "同志们，希望大家切实抓好落实。"
    assert [p.text for p in speech.ending] == ["谢谢大家！", "云岭县人民政府", "2023年3月15日"]
    date = speech.evidence_for("date")
    assert speech.metadata.date == "2023-03-15" and date and date.line == 9
    assert not speech.incomplete


@pytest.mark.parametrize(
    ("closing", "dated"),
    [
        ("同志们，希望大家切实抓好落实。\n谢谢大家！\n", "甲辰年腊月二十三"),
        ("", "甲辰年腊月二十三"),  # under the last paragraph, with no closing: the date line still says it ends
        ("", "农历甲辰年腊月二十三日"),
        ("同志们，希望大家切实抓好落实。\n", "二〇二四年农历腊月二十三"),
    ],
)
def test_a_lunar_date_line_under_the_signing_office_ends_the_speech_and_dates_it(closing: str, dated: str) -> None:
    speech = from_text(
        "在全县春节前安全防范工作会议上的讲话\n同志们：\n今天召开会议。\n一、抓好烟花爆竹安全\n"
        f"要加强烟花爆竹零售网点检查，严厉打击非法经营行为。\n{closing}青岚县人民政府\n{dated}"
    )
    assert [p.text for p in speech.ending][-2:] == ["青岚县人民政府", dated]
    assert speech.metadata.date == "2025-01-22"  # the lunar year 2024's 腊月 is in January 2025
    assert speech.metadata.place == "青岚县"


PORTAL_COPY = (
    "清岚县人民政府网站\n在全县安全生产工作会议上的讲话\n来源：清岚县应急管理局　　发布时间：2023-06-09　　浏览次数：128\n"
    "同志们：\n今天召开会议。\n一、提高认识\n全县排查隐患1200处（来源：县安委办通报），要抓紧整改。\n"
    "二、压实责任\n要层层压实安全生产责任，确保全县安全生产形势持续稳定。"
)


def test_a_copied_page_s_source_line_names_the_publisher_and_a_sidecar_corrects_it() -> None:
    speech = from_text(PORTAL_COPY)
    assert speech.metadata.publisher == "清岚县应急管理局"  # the page's line, not the speech's own 来源
    publisher = speech.evidence_for("publisher")
    assert publisher and (publisher.origin, publisher.line, publisher.text) == ("page", 3, "来源：清岚县应急管理局")
    assert [note.text for note in speech.notes][1].startswith("来源：清岚县应急管理局")  # still set apart
    corrected = parse(from_text_source(PORTAL_COPY, Metadata(publisher="清岚县人民政府办公室")), TEXT_RULES)
    publisher = corrected.evidence_for("publisher")
    assert corrected.metadata.publisher == "清岚县人民政府办公室" and publisher and publisher.origin == "sidecar"


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("本文来源：澄川市人民政府网", "澄川市人民政府网"),
        ("*本文来源：澄川市人民政府网*　*发布时间：2023-04-20*", "澄川市人民政府网"),
        ("**来源：澄川市应急管理局**", "澄川市应急管理局"),
        ("> 信息来源：澄川市应急管理局", "澄川市应急管理局"),
        ("*来源：本站*", None),
    ],
)
def test_a_source_line_in_markdown_marks_names_the_publisher(line: str, publisher: str | None) -> None:
    speech = from_text(f"在全市安全生产工作会议上的讲话\n{line}\n同志们：\n今天召开会议。\n一、提高认识\n要高度重视。")
    assert speech.metadata.publisher == publisher
    assert [note.text for note in speech.notes] == [line]


@pytest.mark.parametrize("thanks", ["谢谢大家！", "谢谢！", "谢谢各位！", "謝謝大家!", "谢谢大家！谢谢！"])
def test_thanks_alone_after_the_last_paragraph_ends_the_speech_without_a_closing(thanks: str) -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n一、提高认识\n"
        f"要扎实开展隐患排查整治，确保全年安全生产形势持续稳定。\n{thanks}\n县安委办"
    )
    assert speech.closing is None
    assert [p.text for p in speech.ending] == [thanks, "县安委办"]
    last_part = speech.sections()[-1]
    assert [p.text for p in last_part.children if isinstance(p, Paragraph)] == [
        "要扎实开展隐患排查整治，确保全年安全生产形势持续稳定。"
    ]


@pytest.mark.parametrize(
    ("last", "body_ends", "ending"),
    [
        ("请大家抓好落实。\n谢谢大家！", "请大家抓好落实。", ["谢谢大家！"]),  # the short line above stays the speech's
        # A line whose last clause thanks the audience is a formula, no paragraph.
        ("汇报完毕，谢谢！", "要扎实开展隐患排查整治，确保安全。", ["汇报完毕，谢谢！"]),
        ("谢谢大家的辛勤付出", "谢谢大家的辛勤付出", []),
    ],
)
def test_only_a_line_of_thanks_is_taken_a_short_last_paragraph_stays(
    last: str, body_ends: str, ending: list[str]
) -> None:
    speech = from_text(f"同志们：\n今天召开会议。\n一、提高认识\n要扎实开展隐患排查整治，确保安全。\n{last}")
    last_part = speech.sections()[-1]
    assert [p.text for p in last_part.children if isinstance(p, Paragraph)][-1] == body_ends
    assert [p.text for p in speech.ending] == ending


def test_a_title_broken_over_two_lines_is_one_title() -> None:
    speech = from_text("在全县2023年安全生产暨消防安全\n工作会议上的讲话\n同志们：\n今天召开会议，部署工作。")
    assert speech.title == "在全县2023年安全生产暨消防安全工作会议上的讲话"
    assert [p.text for p in speech.front] == ["在全县2023年安全生产暨消防安全", "工作会议上的讲话"]
    assert speech.metadata.date == "2023"
    separate = from_text("云岭县人民政府\n王某某县长在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议。")
    assert separate.title == "王某某县长在全县安全生产工作会议上的讲话"


def test_a_title_the_page_broke_before_its_last_character_is_one_title() -> None:
    """A 22-point title printed from Word: the page's width leaves its last character alone on the next line."""
    speech = from_text(
        "在全县城镇燃气安全专项整治工作会议上的讲\n话\n副县长　黄某某\n同志们：\n今天召开会议，部署工作。"
    )
    assert speech.title == "在全县城镇燃气安全专项整治工作会议上的讲话"
    assert [p.text for p in speech.front][:2] == ["在全县城镇燃气安全专项整治工作会议上的讲", "话"]


@pytest.mark.parametrize("at_the_top", [True, False])
def test_an_office_and_a_day_under_a_bulletins_masthead_are_the_mastheads(at_the_top: bool) -> None:
    """安全生产工作简报 / 第6期 / 青岚县安全生产委员会办公室　2024年6月17日 above the title: the issue's office and day are
    the masthead's, set apart; the same line under the speech is its signature."""
    signed = "青岚县安全生产委员会办公室　　　2024年6月17日"
    masthead = ["安全生产工作简报", "第6期", signed] if at_the_top else []
    speech_lines = [
        "在全县安全生产月活动启动仪式上的讲话",
        "同志们：",
        "今天举行全县安全生产月活动启动仪式，动员全县上下强化安全意识。",
    ]
    speech = from_text("\n".join([*masthead, *speech_lines, *([] if at_the_top else [signed])]))
    assert speech.title == speech_lines[0]
    assert [note.text for note in speech.notes] == masthead
    kept = [p.text for p in (*speech.paragraphs(), *speech.ending)]
    assert any(squash(signed) in squash(text) for text in kept) != at_the_top


@pytest.mark.parametrize(
    "line",
    [
        "【领导讲话】在全县安全生产工作会议上的讲话",
        "领导讲话｜在全县安全生产工作会议上的讲话",
        "在全县安全生产工作会议上的讲话_某某文库",
        "在全县安全生产工作会议上的讲话 - 某某范文网",
        "在全县安全生产工作会议上的讲话【优秀】",
        "在全县安全生产工作会议上的讲话(通用)",
        "在全县安全生产工作会议上的讲话范文",
        "在全县安全生产工作会议上的讲话 2023年3月15日",
        "在全县安全生产工作会议上的讲话（2023.3.15）",
        "在全县安全生产工作会议上的讲话.rtf",  # a 文库 page names the file it offers
        "在全县安全生产工作会议上的讲话.odt",
    ],
)
def test_a_web_pages_decorations_are_taken_off_the_title(line: str) -> None:
    speech = from_text(f"{line}\n同志们：\n今天召开全县安全生产工作会议。")
    assert speech.title == "在全县安全生产工作会议上的讲话"
    assert speech.written_title and speech.written_title.text == line  # the line as written stays on the page


def test_the_decorations_a_title_s_form_loses_are_the_rules_words(tmp_path: Path) -> None:
    """metadata.yml's title_form_labels, not the code, say which notes and marks a title of a title's form loses."""
    shutil.copytree(ROOT / VOCABULARIES_DIR, tmp_path, dirs_exist_ok=True)
    metadata = tmp_path / "metadata.yml"
    text = metadata.read_text(encoding="utf-8")
    words = "  notes: [通用, 优秀, 精选, 最新, 完整版, 全文, 范文, word版, 推荐]\n"
    assert words in text
    metadata.write_text(text.replace(words, words.replace("推荐]", "推荐, 定稿]")), encoding="utf-8")
    rules = load_text_rules(tmp_path)
    lines = ("在全县安全生产工作会议上的讲话（定稿）", "同志们：", "今天召开全县安全生产工作会议。")
    source = Source(Path("test.txt"), tuple(Line(n, t) for n, t in enumerate(lines, 1)), Metadata(), "utf-8")
    assert parse(source, rules).title == "在全县安全生产工作会议上的讲话"
    assert parse(source, TEXT_RULES).title == "在全县安全生产工作会议上的讲话（定稿）"  # no form: the line as written


def test_the_words_a_speechs_structure_is_read_by_are_the_rules_words(tmp_path: Path) -> None:
    """metadata.yml's structure, not the code, says whom a salutation names and which words number a sequence."""
    shutil.copytree(ROOT / VOCABULARIES_DIR, tmp_path, dirs_exist_ok=True)
    metadata = tmp_path / "metadata.yml"
    text = metadata.read_text(encoding="utf-8")
    audience, sequence = "  audience: [们, 同志,", "    sequence: [首先, 其次, 再次, 最后]\n"
    assert audience in text and sequence in text
    text = text.replace(audience, "  audience: [父老, 们, 同志,").replace(
        sequence, "    sequence: [第一步, 第二步, 最后]\n"
    )
    metadata.write_text(text, encoding="utf-8")
    rules = load_text_rules(tmp_path)
    body = "乡亲父老：\n今天召开全镇安全生产工作会议。\n第一步，排查隐患。第二步，整改到位。最后，验收销号。"
    lines = tuple(Line(n, t) for n, t in enumerate(["在全镇安全生产工作会议上的讲话", *body.split("\n")], 1))
    source = Source(Path("test.txt"), lines, Metadata(), "utf-8")
    mine, default = parse(source, rules), parse(source, TEXT_RULES)
    assert mine.salutation and mine.salutation.text == "乡亲父老：" and default.salutation is None
    items = [p.text for p in mine.paragraphs() if p.kind is ParagraphKind.ITEM]
    assert items == ["第一步，排查隐患。", "第二步，整改到位。", "最后，验收销号。"]
    assert not any(p.kind is ParagraphKind.ITEM for p in default.paragraphs())


def test_a_list_before_the_first_part_does_not_take_the_parts_level() -> None:
    speech = from_text(
        "同志们：\n会议有三项议程：\n（一）通报情况；\n（二）签订责任书；\n（三）领导讲话。\n"
        "一、深刻吸取事故教训\n（一）压实责任。\n要落实到人。\n二、全面排查隐患\n要不留死角。"
    )
    parts = [s for s in speech.body if isinstance(s, Section)]
    assert [s.heading for s in parts] == ["一、深刻吸取事故教训", "二、全面排查隐患"]
    assert [s.heading for s in parts[0].children if isinstance(s, Section)] == ["（一）压实责任。"]


def test_a_pdfs_running_header_is_set_apart_and_the_lines_it_broke_are_joined() -> None:
    page = [
        "某某县安全生产委员会办公室",
        "在全县四季度安全生产工作会议上的讲话",
        "同志们：",
        "　　当前已进入四季度，岁末年初各类生产经营活动进入高峰，道路",
        "交通、人员密集场所等领域安全风险明显加大，各级各部门要切实增",
        "某某县安全生产委员会办公室",
        "强忧患意识，严格落实各项防范措施，确保全县安全生产形势稳定。",
        "　　要紧盯道路交通、消防、城镇燃气等重点领域，深入开展隐患排",
        "查整治，严格落实节日期间值班值守制度，确保各项措施落实到位。",
    ]
    speech = from_text("\n".join(page))
    assert [note.text for note in speech.notes] == ["某某县安全生产委员会办公室"] * 2
    assert any("切实增强忧患意识" in p.text for p in speech.paragraphs())


@pytest.mark.parametrize("furniture", [["- 2 -"], ["第2页 共5页"], ["2 / 5"], ["— 2 —", "内部资料　注意保存"]])
def test_a_page_break_inside_a_paragraph_line_is_joined_over_its_furniture(furniture: list[str]) -> None:
    """A PDF copied with each paragraph on one line: the page's number (and its header) between the two halves of a
    sentence are set apart, and the halves are one paragraph again."""
    speech = from_text(
        "\n".join(
            [
                "在全县安全生产工作会议上的讲话",
                "同志们：",
                "今天召开会议，部署工作。我县危化企业点多面广，一些行业领域的监管还存在盲区",
                *furniture,
                "和漏洞，形势依然严峻复杂。",
                "要抓好隐患排查。",
            ]
        )
    )
    assert [note.text for note in speech.notes] == furniture
    assert any("监管还存在盲区和漏洞，形势" in p.text for p in speech.paragraphs())
    assert any(p.text == "要抓好隐患排查。" for p in speech.paragraphs())  # a finished paragraph is not joined


def test_a_page_number_after_a_finished_paragraph_or_a_heading_joins_nothing() -> None:
    speech = from_text(
        "同志们：\n今天召开会议，部署工作。\n- 2 -\n一、提高认识\n- 3 -\n要抓好隐患排查。\n二、压实责任\n要落实到人。"
    )
    parts = [s for s in speech.body if isinstance(s, Section)]
    assert [s.heading for s in parts] == ["一、提高认识", "二、压实责任"]
    assert [p.text for p in speech.paragraphs()][1:4] == [
        "今天召开会议，部署工作。",
        "要抓好隐患排查。",
        "要落实到人。",
    ]


@pytest.mark.parametrize("header", ["清岚县安全生产工作会议讲话", "县长讲话"])
def test_a_running_header_naming_the_speech_in_short_is_no_title(header: str) -> None:
    page = [
        header,
        "在全县四季度安全生产工作会议上的讲话",
        "同志们：",
        "　　当前已进入四季度，岁末年初各类生产经营活动进入高峰，道路",
        "交通、人员密集场所等领域安全风险明显加大，各级各部门要切实增",
        header,
        "强忧患意识，严格落实各项防范措施，确保全县安全生产形势稳定。",
        "　　要紧盯道路交通、消防、城镇燃气等重点领域，深入开展隐患排",
        "查整治，严格落实节日期间值班值守制度，确保各项措施落实到位。",
    ]
    speech = from_text("\n".join(page))
    assert speech.title == "在全县四季度安全生产工作会议上的讲话"
    assert [note.text for note in speech.notes] == [header] * 2
    assert any("切实增强忧患意识" in p.text for p in speech.paragraphs())


@pytest.mark.parametrize("header", ["全县安全生产工作会议讲话", "县长讲话"])
def test_a_running_header_over_a_title_broken_over_two_lines_is_no_title(header: str) -> None:
    page = [
        header,
        "王某某同志在全县安全生产工作会议上的",
        "讲话",
        "同志们：",
        "今天召开会议，部署全年工作。当前各类生产经营活动进入高峰，道路",
        "- 1 -",
        header,
        "交通等领域安全风险明显加大。",
    ]
    speech = from_text("\n".join(page))
    assert speech.title == "王某某同志在全县安全生产工作会议上的讲话"
    assert [note.text for note in speech.notes] == [header, "- 1 -", header]
    assert any("进入高峰，道路交通等领域" in p.text for p in speech.paragraphs())


@pytest.mark.parametrize(
    ("around", "apart"),
    [
        # At the top of a page, after its number, between two paragraphs or inside a sentence.
        (["今天召开会议，部署全年工作。", "- 1 -", "{office}", "要抓好隐患排查。"], ["- 1 -", "{office}"]),
        (["今天召开会议，部署全年工作，一些企业", "{office}", "责任落实不到位。"], ["{office}"]),
    ],
)
def test_an_office_s_name_once_where_a_page_broke_is_its_header(around: list[str], apart: list[str]) -> None:
    office = "清岚县人民政府办公室"
    lines = ["在全县安全生产工作会议上的讲话", "同志们：", *(line.format(office=office) for line in around)]
    speech = from_text("\n".join([*lines, "同志们，让我们共同努力！"]))
    assert [note.text for note in speech.notes] == [line.format(office=office) for line in apart]
    assert speech.metadata.place is None  # a header is no office signing the text


def test_an_office_s_name_over_the_title_or_signing_the_speech_is_no_header() -> None:
    speech = from_text(
        "清岚县安全生产委员会办公室\n在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议，部署全年工作。\n"
        "同志们，让我们共同努力！\n清岚县人民政府办公室\n2024年3月5日"
    )
    assert not speech.notes
    assert [p.text for p in speech.ending] == ["清岚县人民政府办公室", "2024年3月5日"]


SPACED_TITLE = "在 全 县 安 全 生 产 工 作 会 议 上 的 讲 话"


@pytest.mark.parametrize(
    ("top", "title", "apart"),
    [
        (["清 岚 县 安 全 生 产 委 员 会 办 公 室"], "在全县安全生产工作会议上的讲话", 1),
        (["安 委 办 文 件", "清安办〔2024〕5号"], "在全县安全生产工作会议上的讲话", 2),
        (["安　委　办　文　件"], "在全县安全生产工作会议上的讲话", 1),  # full-width spaces, as Word sets them
        # A spaced title is the title, and so is a spaced slogan with no other title under it.
        ([], SPACED_TITLE, 0),
        (["清 岚 县 安 全 生 产 委 员 会 办 公 室"], SPACED_TITLE, 1),
        (["守 牢 安 全 底 线"], None, 0),
    ],
)
def test_a_letterhead_spaced_out_above_the_title_is_set_apart_never_the_title(
    top: list[str], title: str | None, apart: int
) -> None:
    """清 岚 县 安 全 生 产 委 员 会 办 公 室: one letter, a space, repeated, above the title is the document's
    letterhead, as a PDF's or OCR's text copies it, and chrome."""
    lines = [*top, *([title] if title else []), "同志们：", "今天召开全县安全生产工作会议，部署今年任务。"]
    speech = from_text("\n".join(lines))
    assert [note.text for note in speech.notes] == top[:apart]
    if title:
        assert speech.title == title
    else:
        assert speech.title != "同志们："


SLOGAN = "守牢安全底线　护航高质量发展"
SUBTITLE = "——在全县四季度安全生产工作会议上的讲话"
SLOGAN_TITLES = (SLOGAN, "在全县四季度安全生产工作会议上的讲话")  # as the slogan forms accept either


@pytest.mark.parametrize("header", ["县长讲话", "清岚县安全生产工作会议讲话", SLOGAN])
def test_a_running_header_over_a_slogan_title_and_its_subtitle_is_no_title(header: str) -> None:
    """The header is set apart on every page; a slogan repeated as the header is the title on page 1."""
    page = [
        header,
        *([SLOGAN] if header != SLOGAN else []),
        SUBTITLE,
        "同志们：",
        "　　当前已进入四季度，岁末年初各类生产经营活动进入高峰，道路",
        "交通、人员密集场所等领域安全风险明显加大，各级各部门要切实增",
        header,
        "强忧患意识，严格落实各项防范措施，确保全县安全生产形势稳定。",
    ]
    speech = from_text("\n".join(page))
    assert speech.title in SLOGAN_TITLES
    assert [note.text for note in speech.notes] == [header] * (1 if header == SLOGAN else 2)
    assert [p.text for p in speech.front[:2]] == [SLOGAN, SUBTITLE]
    assert any("切实增强忧患意识" in p.text for p in speech.paragraphs())


def test_a_speech_pasted_twice_is_two_whole_copies_not_a_running_header_over_each() -> None:
    """The title and byline repeated with the same lines after them each time are a copy pasted again, where a page's
    header has another page's text under it each time."""
    speech = "在全镇森林防火工作会议上的讲话\n镇长　刘某某\n同志们：\n要严管野外火源，确保不发生森林火灾。\n谢谢大家！"
    copies = parse_all(from_text_source(f"{speech}\n{speech}", Metadata()), TEXT_RULES)
    assert [(copy.title, copy.metadata.speaker, copy.notes) for copy in copies] == [
        ("在全镇森林防火工作会议上的讲话", "刘某某", ())
    ] * 2


def test_a_title_repeated_as_running_header_stays_the_title_under_its_decorated_copy() -> None:
    title = "在全县安全生产工作会议上的讲话"
    speech = from_text(f"{title}_清岚县人民政府\n{title}\n同志们：\n要抓好落实，\n{title}\n确保安全。")
    assert speech.title == title
    assert [note.text for note in speech.notes] == [title]


@pytest.mark.parametrize(
    "between", [["县长　王某某", "（2023年3月15日）"], ["发布时间：2023-03-16 09:30　来源：清岚县应急管理局"]]
)
def test_a_title_given_twice_before_the_text_is_the_title_not_a_running_header(between: list[str]) -> None:
    """A cover page and the first page, or a web page's header and the text, give the title twice with no sentence
    between: the first time is the title, the second is set apart. A header at the page breaks stays chrome."""
    office = "清岚县安全生产委员会办公室"
    page = [
        SLOGAN,
        *between,
        office,
        SLOGAN,
        "同志们：",
        "　　当前已进入四季度，岁末年初各类生产经营活动进入高峰，道路",
        "交通、人员密集场所等领域安全风险明显加大，各级各部门要切实增",
        office,
        "强忧患意识，严格落实各项防范措施，确保全县安全生产形势稳定。",
    ]
    speech = from_text("\n".join(page))
    assert speech.title == SLOGAN
    assert [note.text for note in speech.notes if note.text != between[-1]] == [office, SLOGAN, office]
    assert speech.salutation and speech.salutation.text == "同志们："


def test_a_slogan_given_twice_over_its_subtitle_is_the_title_over_the_subtitle() -> None:
    """A web page's header gives the slogan, the text gives it again over its ——subtitle: that second time is the
    title's, and the page's header copy is set apart."""
    page = [SLOGAN, "发布时间：2023-03-16 09:30", SLOGAN, SUBTITLE, "同志们：", "要抓好落实，确保安全。"]
    speech = from_text("\n".join(page))
    assert speech.title in SLOGAN_TITLES
    assert [p.text for p in speech.front[:2]] == [SLOGAN, SUBTITLE]
    assert speech.notes[0].text == SLOGAN and speech.notes[0].line == 1


def test_the_pages_link_list_after_the_speech_is_set_apart() -> None:
    speech = from_text(
        "同志们：\n要抓好防汛工作，确保安全度汛。\n同志们，希望大家切实抓好落实。\n往期推荐\n"
        "●全市召开防汛抗旱工作会议\n●市安委办开展节前安全检查"
    )
    assert [note.text for note in speech.notes] == [
        "往期推荐",
        "●全市召开防汛抗旱工作会议",
        "●市安委办开展节前安全检查",
    ]
    assert speech.closing and speech.closing.text.startswith("同志们，希望大家")


def test_a_date_stated_as_today_in_the_opening_dates_the_speech() -> None:
    speech = from_text(
        "同志们：\n今天是2023年3月15日，我们在这里召开全县安全生产工作会议，部署当前工作。\n要抓好落实。"
    )
    assert speech.metadata.date == "2023-03-15"


@pytest.mark.parametrize(
    ("line", "date"),
    [("在全县安全生产工作会议上的讲话（2023）", "2023"), ("在全县安全生产工作会议上的讲话（2023.3.15）", "2023-03-15")],
)
def test_a_date_beside_the_title_dates_the_speech(line: str, date: str) -> None:
    speech = from_text(f"{line}\n同志们：\n今天召开会议，部署工作。")
    evidence = speech.evidence_for("date")
    assert speech.metadata.date == date and evidence and evidence.line == 1 and evidence.text in line


def test_a_signature_with_its_date_on_one_line_dates_and_places_the_speech() -> None:
    speech = from_text(
        "在安全生产月活动动员会上的讲话\n同志们：\n今天召开动员会。\n一、提高认识\n要认清形势，抓好落实。\n"
        "同志们，让我们共同努力！\n鹤川县安全生产委员会办公室　2023年5月8日\n"
    )
    assert (speech.metadata.date, speech.metadata.place, speech.metadata.level) == ("2023-05-08", "鹤川县", "县")
    assert [p.text for p in speech.ending] == ["鹤川县安全生产委员会办公室　2023年5月8日"]
    assert speech.closing and speech.closing.text == "同志们，让我们共同努力！"


SIGNED_SPEECH = (
    "在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n一、提高认识\n要抓好落实。\n同志们，让我们共同努力！\n"
)


@pytest.mark.parametrize("byline", ["县政府副县长　***", "县长", "县委常委、常务副县长\n***"])
def test_a_byline_that_names_no_one_leaves_the_speaker_to_a_name(byline: str) -> None:
    """The speaker is a name: an office whose name is redacted or left out names no one, so a name signed under
    the speech still names the speaker; with none, there is no speaker. The byline stays the speech's front, its
    redaction marks under the office too (not a rule drawn across the page)."""
    title, rest = SIGNED_SPEECH.split("\n", 1)
    unsigned = from_text(f"{title}\n{byline}\n{rest}")
    assert [p.text for p in unsigned.front] == byline.split("\n") and not unsigned.notes
    assert unsigned.metadata.speaker is None
    assert from_text(f"{title}\n{byline}\n{rest}县长　张永明\n2023年3月15日").metadata.speaker == "张永明"


def test_a_seal_read_into_the_signature_parts_it_from_its_date() -> None:
    """白石镇人民政府（印章）2024年5月28日: a scan's seal, read into the line as a bracketed word, stands between the
    office and the date as a space would; the line is the speech's ending, not its closing's last words."""
    speech = from_text(SIGNED_SPEECH + "白石镇人民政府（印章）2024年5月28日")
    assert [p.text for p in speech.ending] == ["白石镇人民政府（印章）2024年5月28日"]
    assert speech.metadata.date == "2024-05-28" and not speech.incomplete
    # A section's number is no seal: its line stays the speech's.
    assert not from_text(SIGNED_SPEECH + "（一）2024年5月28日起施行").ending


@pytest.mark.parametrize(
    ("signature", "speaker"),
    [
        ("张永明\n2023年3月15日", "张永明"),
        ("县长　张永明\n2023年3月15日", "张永明"),
        ("縣長　陳永明\n2023年3月15日", "陳永明"),
        ("谢谢大家！\n欧阳明\n2023年3月15日", "欧阳明"),
        ("张永明　2023年3月15日", "张永明"),
        # An office and a name spaced apart beside the date, as a two-line signature sets them over it.
        ("县长　张永明　2023年3月15日", "张永明"),
        ("县长 张永明 2023年3月15日", "张永明"),
        ("谢谢大家！\n清岚县人民政府副县长　张永明　2023年3月15日", "张永明"),
        ("縣長　陳永明　2023年3月15日", "陳永明"),
        ("县长　张　明　2023年3月15日", "张明"),
    ],
)
def test_a_name_signed_over_the_date_names_the_speaker(signature: str, speaker: str) -> None:
    speech = from_text(SIGNED_SPEECH + signature)
    evidence = speech.evidence_for("speaker")
    assert (speech.metadata.date, speech.metadata.speaker) == ("2023-03-15", speaker)
    assert evidence and evidence.text in signature
    # A unit signing, a redacted name, a word or the thanks over the date name no one; a byline comes first.
    for other in (
        "青川县应急管理局",
        "应急局",
        "红星厂",
        "青川县",
        "县安委办",
        "某某某",
        "完毕",
        "谢谢大家",
        "汇报完毕",
    ):
        assert from_text(SIGNED_SPEECH + f"{other}\n2023年3月15日").metadata.speaker is None
    bylined = SIGNED_SPEECH.replace("\n", "\n副县长　李永红\n", 1) + signature
    assert from_text(bylined).metadata.speaker == "李永红"


REPORT_FINDINGS = (
    "在全县事故警示教育会议上的讲话\n同志们：\n今天召开警示教育会议。\n一、深刻汲取事故教训\n{announce}\n"
    "{findings}\n大家要引以为戒。\n二、下一步工作安排\n下面，我就下一步工作讲几点意见：\n"
    "（一）开展专项检查\n县应急管理局要牵头开展专项检查。\n（二）强化全员培训\n各企业要完成一轮全员培训。\n"
    "同志们，希望大家举一反三。\n"
)


@pytest.mark.parametrize(
    ("announce", "findings"),
    [
        ("经调查，事故原因如下：", "（一）作业人员违规动火作业，引发爆炸。\n（二）企业安全生产主体责任不落实。"),
        ("事故调查报告认定：", "1.作业人员违规动火作业。\n2.企业安全生产主体责任不落实。\n3.属地监管流于形式。"),
        (
            "经调查，事故原因如下：\n（一）直接原因：作业人员违规动火作业，引发爆炸。\n（二）间接原因：",
            "1.企业安全生产主体责任不落实。\n2.属地监管流于形式。",
        ),
    ],
)
def test_numbered_lines_a_paragraph_announces_with_its_colon_are_its_list_not_sections(
    announce: str, findings: str
) -> None:
    speech = from_text(REPORT_FINDINGS.format(announce=announce, findings=findings))
    assert numbered_outline(speech) == [
        (2, "一、深刻汲取事故教训"),
        (2, "二、下一步工作安排"),
        (3, "（一）开展专项检查"),
        (3, "（二）强化全员培训"),
    ]
    part = next(block for block in speech.body if isinstance(block, Section))
    texts = [block.text for block in part.children if isinstance(block, Paragraph)]
    assert texts == [*announce.split("\n"), *findings.split("\n"), "大家要引以为戒。"]


def test_numbered_lines_after_a_colon_that_head_text_or_run_on_are_still_sections() -> None:
    # Each heads its paragraphs, or runs into its text: sections, as the speaker's own points are.
    for findings in (
        "（一）查找直接原因\n作业人员违规动火。\n（二）查找间接原因\n企业责任不落实。",
        "（一）查找直接原因。作业人员违规动火。\n（二）查找间接原因。企业责任不落实。",
    ):
        speech = from_text(REPORT_FINDINGS.format(announce="下面，我讲两点：", findings=findings))
        assert [heading for level, heading in numbered_outline(speech) if level == 3][:2] == [
            "（一）查找直接原因" + ("。" if "因。" in findings else ""),
            "（二）查找间接原因" + ("。" if "因。" in findings else ""),
        ]


UNPLACED_SPEECH = (
    "守牢安全底线\n同志们：\n今天召开全县安全生产工作会议。\n一、提高认识\n要抓好落实。\n同志们，让我们共同努力！\n"
)


@pytest.mark.parametrize(
    ("note", "speaker", "place"),
    [
        ("谢谢大家！\n（作者系青岚县人民政府县长）", None, "青岚县"),  # an office and no name: 青岚 is the county's
        ("谢谢大家！\n（作者为清河区应急管理局局长　王某某）", "王某某", "清河区"),
        ("（作者系青岚县县长王某某）", "王某某", "青岚县"),
        ("（本文系王某某同志在青岚县安全生产工作会议上的讲话）", "王某某", "青岚县"),
        ("(本文为县长王某某在全县安全生产工作会议上的讲话)", "王某某", None),
        ("（作者单位：青岚县应急管理局）", None, "青岚县"),  # a unit and no person
        # Unbracketed, as a journal sets it under the text.
        ("谢谢大家！\n本文作者系青岚县人民政府副县长", None, "青岚县"),
        ("本文作者系青岚县县长王某某。", "王某某", "青岚县"),
    ],
)
def test_an_editors_note_on_the_author_ends_the_speech_and_names_its_speaker_and_place(
    note: str, speaker: str | None, place: str | None
) -> None:
    speech = from_text(UNPLACED_SPEECH + note)
    assert [p.text for p in speech.ending] == note.split("\n")
    assert speech.closing and speech.closing.text == "同志们，让我们共同努力！"
    assert (speech.metadata.speaker, speech.metadata.place, speech.metadata.level) == (speaker, place, "县")
    # A byline names the speaker first.
    assert from_text(UNPLACED_SPEECH.replace("\n", "\n副县长　李永红\n", 1) + note).metadata.speaker == "李永红"


def test_the_items_a_closing_runs_on_are_paragraphs_of_their_own_after_it() -> None:
    closing = "同志们，责任重于泰山。一要压实属地责任；二要强化部门协同；三要严肃追责问责。"
    speech = from_text(UNPLACED_SPEECH.replace("同志们，让我们共同努力！", closing) + "谢谢大家！")
    assert speech.closing and speech.closing.text == "同志们，责任重于泰山。"
    assert [(p.text, p.kind) for p in speech.closing_items] == [
        ("一要压实属地责任；", ParagraphKind.ITEM),
        ("二要强化部门协同；", ParagraphKind.ITEM),
        ("三要严肃追责问责。", ParagraphKind.ITEM),
    ]
    assert [p.text for p in speech.ending] == ["谢谢大家！"]
    # A lone 一要 is no enumeration: the closing stays whole.
    lone = from_text(UNPLACED_SPEECH.replace("同志们，让我们共同努力！", "同志们，一要抓好落实。"))
    assert lone.closing and lone.closing.text == "同志们，一要抓好落实。" and lone.closing_items == ()


@pytest.mark.parametrize("between", ["", "\n"])  # the call run on in the closing's paragraph, or on a line of its own
def test_the_call_a_closing_ends_with_after_its_items_is_no_part_of_the_last(between: str) -> None:
    closing = (
        "同志们，责任重于泰山。一要压实属地责任；二要强化部门协同；三要严肃追责问责。"
        f"{between}让我们共同努力，为全县高质量发展作出新的更大贡献！"
    )
    speech = from_text(UNPLACED_SPEECH.replace("同志们，让我们共同努力！", closing))
    assert [(p.text, p.kind) for p in speech.closing_items] == [
        ("一要压实属地责任；", ParagraphKind.ITEM),
        ("二要强化部门协同；", ParagraphKind.ITEM),
        ("三要严肃追责问责。", ParagraphKind.ITEM),
        ("让我们共同努力，为全县高质量发展作出新的更大贡献！", ParagraphKind.BODY),
    ]
    # Inside an item, before its sentence's end, the words are the item's.
    inside = closing.replace(f"。{between}让我们", "，让我们")
    speech = from_text(UNPLACED_SPEECH.replace("同志们，让我们共同努力！", inside))
    assert speech.closing_items[-1].text == "三要严肃追责问责，让我们共同努力，为全县高质量发展作出新的更大贡献！"


def test_a_lead_between_the_title_and_the_salutation_is_shown_above_the_speech_it_introduces() -> None:
    lead = "2024年3月8日，区政府召开全区安全生产形势分析会，区长何某某出席会议并讲话。以下为讲话全文。"
    speech = from_text(
        f"在全区安全生产形势分析会上的讲话\n{lead}\n同志们：\n下面我讲两点。\n一、认清形势\n要抓好落实。\n"
    )
    assert [p.text for p in speech.front] == [lead]
    assert speech.salutation and speech.salutation.text == "同志们："
    assert (speech.metadata.date, speech.metadata.speaker) == ("2024-03-08", "何某某")
    # A salutation broken over two lines is no lead over its second line.
    two = from_text("在全区安全生产形势分析会上的讲话\n尊敬的各位领导，\n同志们：\n下面我讲两点。\n")
    assert two.front == () and two.salutation and two.salutation.text == "尊敬的各位领导，同志们："


@pytest.mark.parametrize(
    ("top", "speaker"),
    [
        ("（2024年3月5日）\n王某某", "王某某"),
        ("2024年3月5日\n县长　王某某", "王某某"),
        ("（2024年3月5日）", None),
    ],
)
def test_a_date_line_opening_a_text_with_no_title_is_its_front(top: str, speaker: str | None) -> None:
    """A copy that left the title out keeps the lines under it: a date line and the name under it are its front,
    not the speech's first paragraphs."""
    speech = from_text(f"{top}\n同志们：\n今天召开全县安全生产工作会议。\n一、提高认识\n要抓好落实。\n")
    assert [p.text for p in speech.front] == top.split("\n")
    assert speech.salutation and speech.salutation.text == "同志们："
    assert (speech.metadata.date, speech.metadata.speaker) == ("2024-03-05", speaker)


def test_a_one_line_signature_ends_a_speech_with_no_closing() -> None:
    last = "要压实责任，抓好落实。\n"
    speech = from_text(SIGNED_SPEECH.replace("同志们，让我们共同努力！\n", last) + "县长　张永明　2023年3月15日")
    assert [p.text for p in speech.ending] == ["县长　张永明　2023年3月15日"]
    assert (speech.metadata.date, speech.metadata.speaker) == ("2023-03-15", "张永明")
    redacted = from_text(SIGNED_SPEECH + "县长　***　2023年3月15日")
    assert (redacted.metadata.date, redacted.metadata.speaker) == ("2023-03-15", None)


def test_a_documents_record_under_its_dated_signature_is_set_apart_and_dates_nothing() -> None:
    record = ["抄送：县委办公室，县人大常委会办公室。", "清岚县人民政府办公室　　2023年3月16日印发"]
    signature = ["清岚县人民政府", "2023年3月15日"]
    # The 公文's note on its publication is the document's, like the 版记: set apart with it.
    published = "（此件公开发布）"
    speech = from_text(SIGNED_SPEECH + "\n".join([*signature, published, *record]))
    assert [p.text for p in speech.ending] == signature
    assert [note.text for note in speech.notes] == [published, *record]
    assert speech.closing and speech.closing.text == "同志们，让我们共同努力！"
    assert (speech.metadata.date, speech.metadata.place) == ("2023-03-15", "清岚县")


def test_a_header_under_a_page_s_number_inside_a_heading_the_page_broke_is_the_page_s() -> None:
    """A page's number, then a short line found once (the meeting's material, over every other page), between two
    halves of a part heading the page broke: the line is the page's header whatever it names, and the heading is
    one heading."""
    wrapped = [
        "今天，县政府召开全县安全生产暨消防工作会议，主要任务是贯彻",
        "落实全市会议精神，部署二季度重点工作。下面，我讲两点意见。",
        "一、一季度全县安全生产形势总体平稳",
        "一季度，全县共发生生产安全事故2起、死亡2人，同比分别下降",
        "33.3%和33.3%，各乡镇、各部门开展了隐患排查整治工作。",
        "二、突出重点，扎实开展重大事故隐患专项排查整治和消防安全集",
        "第 2 页",
        "全县安全生产暨消防工作会议材料",
        "中整治",
        "要对全县餐饮场所燃气使用情况开展全覆盖检查，督促安装燃气泄",
        "漏报警装置，坚决整治违规使用瓶装液化石油气问题。",
    ]
    speech = from_text("在全县安全生产暨消防工作会议上的讲话\n同志们：\n" + "\n".join(wrapped))
    assert [s.heading for s in speech.sections()] == [
        "一、一季度全县安全生产形势总体平稳",
        "二、突出重点，扎实开展重大事故隐患专项排查整治和消防安全集中整治",
    ]
    assert [note.text for note in speech.notes] == ["第 2 页", "全县安全生产暨消防工作会议材料"]


def test_a_documents_record_line_broken_by_the_page_s_edge_is_set_apart_whole() -> None:
    """抄送：……，县纪委 / 监委办公室，县人民法院。: the page's edge broke the 抄送 line; its rest, between it and the
    印发 line, is the record's, not the closing's last words."""
    record = ["抄送：县委办公室，县人大常委会办公室，县政协办公室，县纪委", "监委办公室，县人民法院。"]
    printed = "清岚县人民政府办公室　　2023年3月16日印发"
    speech = from_text(SIGNED_SPEECH + "\n".join([*record, printed]))
    assert [note.text for note in speech.notes] == [*record, printed]
    assert speech.closing and speech.closing.text == "同志们，让我们共同努力！"


def test_the_closing_may_be_followed_by_a_few_paragraphs_that_close_with_it() -> None:
    speech = from_text(
        "在全区建筑施工安全工作会议上的讲话\n同志们：\n今天召开会议。\n一、提高认识\n要认清形势，抓好落实。\n"
        "同志们，建筑施工安全没有小事。希望大家回去抓好落实。\n下个月，我还要带队检查。\n好，我就讲这些。\n"
    )
    # What the speaker says after addressing the audience again is the closing still, not the ending's metadata.
    assert speech.closing and speech.closing.text == (
        "同志们，建筑施工安全没有小事。希望大家回去抓好落实。下个月，我还要带队检查。好，我就讲这些。"
    )
    assert not speech.ending


@pytest.mark.parametrize(
    ("after", "ending"),
    [
        (["谢谢大家！"], ["谢谢大家！"]),
        (["我的发言完毕，谢谢大家！"], ["我的发言完毕，谢谢大家！"]),
        (["启动仪式到此结束，散会！"], ["启动仪式到此结束，散会！"]),
        (["谢谢大家！", "清岚县应急管理局", "县长　王某某", "2023年6月1日"], None),
        # The launch declared is the ceremony's formula, as an adjournment is, however long what it launches.
        (["现在，我宣布：青岚县2024年“安全生产月”活动正式启动！"], None),
        (["现在，我宣布：青岚县2024年“安全生产月”活动正式启动！", "谢谢大家！"], None),
        (["我宣布，全区2024年安全生产宣传咨询日活动开幕！"], None),
    ],
)
def test_a_closing_call_set_a_sentence_a_line_is_the_closing_and_only_formulas_end_it(
    after: list[str], ending: list[str] | None
) -> None:
    speech = from_text(
        "在全区安全生产月启动仪式上的讲话\n同志们：\n今天举行启动仪式。\n一、提高认识\n要认清形势，抓好落实。\n"
        "同志们，安全生产事关人民群众生命财产安全。\n让我们以更加饱满的热情，全力以赴做好安全生产各项工作。\n"
        "为全区经济社会高质量发展作出新的更大贡献！\n" + "\n".join(after)
    )
    assert speech.closing and speech.closing.text == (
        "同志们，安全生产事关人民群众生命财产安全。让我们以更加饱满的热情，全力以赴做好安全生产各项工作。"
        "为全区经济社会高质量发展作出新的更大贡献！"
    )
    assert [p.text for p in speech.ending] == (ending or after)  # a signature past three lines too


@pytest.mark.parametrize(
    ("declared", "ending"),
    [
        ("现在，我宣布：全区2024年“安全生产月”活动正式启动！", True),
        ("现在，我宣布：全区2024年“安全生产月”活动正式启动！\n谢谢大家！", True),
        # Two sentences are the speech's, though one of them declares: no formula is said so.
        ("我宣布一项决定。各单位要在6月底前完成全员培训，考试不合格的一律不得上岗！", False),
    ],
)
def test_a_declaration_after_the_last_paragraph_ends_the_speech_with_no_closing_before_it(
    declared: str, ending: bool
) -> None:
    speech = from_text(
        "在全区安全生产月启动仪式上的讲话\n同志们：\n今天举行启动仪式。\n一、提高认识\n要认清形势，抓好落实。\n"
        "二、狠抓落实\n各单位要层层压实责任，确保活动取得实效。\n" + declared
    )
    assert [p.text for p in speech.ending] == (declared.split("\n") if ending else [])


@pytest.mark.parametrize(
    ("last", "part"),
    [
        ("三、加强组织领导\n", "三、加强组织领导"),  # the closing is all the last part says
        ("三、加强组织领导\n（一）压实责任。\n", "（一）压实责任。"),  # all its last section says
        ("三、加强组织领导\n要压实各方责任。\n", None),
    ],
)
def test_a_closing_that_is_all_the_last_part_says_stays_the_closing_and_is_that_parts_text(
    last: str, part: str | None
) -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n要抓好落实。\n"
        f"{last}同志们，让我们共同努力，确保全县安全生产形势稳定！\n谢谢大家！\n"
    )
    assert speech.closing and speech.closing.text.startswith("同志们，让我们共同努力")
    assert [p.text for p in speech.ending] == ["谢谢大家！"]
    assert (speech.closing_part.heading if speech.closing_part else None) == part


def test_a_closing_address_inside_the_last_part_is_not_the_closing_when_a_heading_follows() -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n同志们，形势严峻。\n二、狠抓落实\n要抓好落实。\n"
    )
    assert speech.closing is None


def test_items_after_a_comma_are_items_when_they_run_from_one() -> None:
    speech = from_text(
        "在全市冬季安全生产工作会议上的讲话\n同志们：\n一、突出重点\n"
        "关于道路交通安全，一要加强冰雪路段管控，及时除雪防滑；二要加强客运车辆检查，严禁超员。\n"
        "我们要做到一是早发现，二是早处置。\n"
    )
    items = [p.text for p in speech.paragraphs() if p.kind.value == "item"]
    assert items == ["一要加强冰雪路段管控，及时除雪防滑；", "二要加强客运车辆检查，严禁超员。"]


def test_items_run_in_the_closing_follow_its_address_as_the_bodys_do() -> None:
    # The closing is the audience addressed again; what it asks of them, item by item, follows it.
    closing = "同志们，任务艰巨。一要强化担当，扛起责任；二要狠抓落实，确保见效；三要加强值守。"
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、突出重点\n要抓好三件事。一是压实责任；二是排查隐患。\n"
        f"{closing}\n谢谢大家！\n"
    )
    assert [p.text for p in speech.paragraphs() if p.kind.value == "item"] == [
        "一是压实责任；",
        "二是排查隐患。",
        "一要强化担当，扛起责任；",
        "二要狠抓落实，确保见效；",
        "三要加强值守。",
    ]
    assert speech.closing and speech.closing.text == "同志们，任务艰巨。"


def test_items_numbered_with_a_digit_before_shi_are_items_after_a_sentences_end() -> None:
    speech = from_text(
        "在全镇森林防火工作会议上的讲话\n同志们：\n一、突出重点\n"
        "1是管住野外火源。各村要设立检查站。2是盯住重点人群。3是抓好清明祭扫。\n"
        "全镇去年发生火情2起，1起已结案，2是最少的年份。\n"
    )
    items = [p.text for p in speech.paragraphs() if p.kind.value == "item"]
    assert items == ["1是管住野外火源。各村要设立检查站。", "2是盯住重点人群。", "3是抓好清明祭扫。"]


@pytest.mark.parametrize(
    ("text", "parts", "sections"),
    [
        (  # copied from a page that set its headings in bold
            "**在全市燃气安全推进会上的讲话**\n同志们：\n**一、正视问题**\n**（一）隐患突出。**餐饮场所问题多。\n"
            "**（二）管网老化。**老旧管网风险大。\n**二、狠抓整改**\n要抓好整改。\n",
            ["**一、正视问题**", "**二、狠抓整改**"],
            ["**（一）隐患突出。**", "**（二）管网老化。**"],
        ),
        (  # WeChat sets them in brackets
            "在全市安全生产形势分析会上的讲话\n同志们：\n【一、深刻汲取教训】\n要深刻反思。\n【二、全面排查隐患】\n要排查到位。\n",
            ["【一、深刻汲取教训】", "【二、全面排查隐患】"],
            [],
        ),
    ],
)
def test_headings_in_bold_or_brackets_are_headings_with_every_mark_kept(
    text: str, parts: list[str], sections: list[str]
) -> None:
    speech = from_text(text)
    found = [block for block in speech.body if isinstance(block, Section)]
    assert [part.heading for part in found] == parts
    assert [s.heading for part in found for s in part.children if isinstance(s, Section)] == sections
    assert speech.title == text.splitlines()[0].strip("*")


def test_markdown_heading_marks_say_the_title_parts_and_sections_and_are_kept() -> None:
    speech = from_text(
        "# 在全市燃气安全推进会上的讲话\n同志们：\n## **一、正视问题**\n### （一）隐患突出。\n餐饮场所问题多。\n"
        "###（二）管网老化\n**一是**管网老旧。**二是**巡检不足。\n## 二、狠抓整改\n要抓好整改。\n"
    )
    assert speech.title == "在全市燃气安全推进会上的讲话"
    parts = [block for block in speech.body if isinstance(block, Section)]
    assert [(part.heading, part.number) for part in parts] == [
        ("## **一、正视问题**", "一、"),
        ("## 二、狠抓整改", "二、"),
    ]
    assert [s.heading for s in parts[0].children if isinstance(s, Section)] == [
        "### （一）隐患突出。",
        "###（二）管网老化",
    ]
    items = [p.text for p in speech.paragraphs() if p.kind is ParagraphKind.ITEM]
    assert items == ["**一是**管网老旧。", "**二是**巡检不足。"]


def test_a_bracketed_parts_number_is_its_marker_as_the_text_numbers_it() -> None:
    speech = from_text("同志们：\n【一、深刻汲取教训】\n要深刻反思。\n【三、全面排查隐患】\n要排查到位。\n")
    assert [section.number for section in speech.sections()] == ["一、", "三、"]
    assert speech.title == "深刻汲取教训"  # derived from the first part's words, without its brackets
    assert [d.message for d in speech.diagnostics] == ["numbering gap: 三、 comes after 一、; 二、 is missing"]


BRACKETED_PARTS = "【坚持问题导向】\n要深入排查隐患。\n【强化责任落实】\n要压实各方责任。\n"


@pytest.mark.parametrize(
    ("text", "headings"),
    [
        (
            f"在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n{BRACKETED_PARTS}",
            ["【坚持问题导向】", "【强化责任落实】"],
        ),
        # one bracketed line is text, so is a quotation in a sentence
        ("在全县安全生产工作会议上的讲话\n同志们：\n【典型案例】\n有的企业把“【安全第一】”挂在嘴上。\n", []),
        # a label's colon makes it no heading
        ("在全县安全生产工作会议上的讲话\n同志们：\n【按语：此为录音整理】\n【注意】\n要抓好落实。\n", []),
        # a bracketed label above the salutation stands above the speech
        (
            f"在全县安全生产工作会议上的讲话\n3月1日，县政府召开全县安全生产工作会议。\n【讲话全文】\n同志们：\n{BRACKETED_PARTS}",
            ["【坚持问题导向】", "【强化责任落实】"],
        ),
    ],
)
def test_unnumbered_bracketed_lines_are_headings_where_the_speech_has_several(text: str, headings: list[str]) -> None:
    speech = from_text(text)
    assert [section.heading for section in speech.sections()] == headings
    assert all(section.level == 2 and section.number is None for section in speech.sections())


def test_an_attachment_after_the_speech_is_set_apart_with_all_its_lines() -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n要抓好落实。\n"
        "同志们，让我们共同努力！\n附件：2024年重点工作任务分工\n一、隐患排查整治\n牵头单位：县安委办；责任单位：各乡镇。\n"
    )
    assert [p.text for p in speech.notes] == [
        "附件：2024年重点工作任务分工",
        "一、隐患排查整治",
        "牵头单位：县安委办；责任单位：各乡镇。",
    ]
    assert [b.heading for b in speech.body if isinstance(b, Section)] == ["一、提高认识", "二、狠抓落实"]


_TASK_TABLE = [
    f"{n}.{task}。牵头单位：县安委办；责任单位：县安委会各成员单位，各乡镇；完成时限：2024年{n + 5}月底前。"
    for n, task in enumerate(
        ["全面开展企业自查自改", "开展部门精准执法检查", "深化道路交通安全整治", "推进燃气管网更新改造"], 1
    )
]


@pytest.mark.parametrize(
    "attachment",
    [
        ["附：领导讲话要点", "1.压实安全生产责任。", "2.深化隐患排查整治。", "3.提升应急处置能力。"],
        ["附件1：重点任务分工表"],
        # the label alone over the attachment's title, as GB/T 9704 sets it
        ["附表", "2024年重点任务分工表", "序号\t重点任务\t牵头单位", "1\t隐患排查整治\t县安委办"],
        # more lines than the speech: its label stands past half the speech's text, not half its lines
        ["附件：1.重点任务分工表", *(f"{n}.第{n}项整治方案" for n in range(2, 10))],
        # more text than the speech: after its thanks, the label starts the attachment wherever it stands
        ["附件：2024年重点任务分工", *_TASK_TABLE],
        ["附件", "2024年重点任务分工", *_TASK_TABLE],  # the label alone, as GB/T 9704 sets it
        ["附：", "在全县安全生产工作会议上的发言", "同志们：", *_TASK_TABLE],  # a second speech: no split
    ],
)
def test_an_attachment_after_the_thanks_is_set_apart_and_the_speech_ends_at_the_thanks(attachment: list[str]) -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n当前全县安全生产形势依然严峻复杂，各乡镇、各部门"
        "要保持清醒头脑，坚决克服麻痹思想和侥幸心理。\n二、狠抓落实\n要压实各方责任，深化隐患排查整治，盯紧道路交通、"
        "建筑施工、城镇燃气等重点领域，抓好各项工作落实。\n同志们，让我们共同努力！\n谢谢大家！\n"
        + "\n".join(attachment)
    )
    assert [p.text for p in speech.notes] == attachment
    assert [p.text for p in speech.ending] == ["谢谢大家！"]
    assert speech.closing and speech.closing.text == "同志们，让我们共同努力！"
    assert [section.heading for section in speech.sections()] == ["一、提高认识", "二、狠抓落实"]


def test_an_attachment_after_the_thanks_and_the_signature_under_them_is_set_apart() -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n要抓好落实。\n"
        "同志们，让我们共同努力！谢谢大家！\n县长　王某某\n2024年3月12日\n附件\n2024年重点任务分工\n"
        + "\n".join(_TASK_TABLE)
    )
    assert [p.text for p in speech.notes] == ["附件", "2024年重点任务分工", *_TASK_TABLE]
    assert [p.text for p in speech.ending] == ["县长　王某某", "2024年3月12日"]


@pytest.mark.parametrize(
    ("end", "attachment"),
    [
        ([], ["附件：2024年重点任务分工", *_TASK_TABLE]),
        ([], ["附件", "2024年重点任务分工", *_TASK_TABLE]),
        (["县长　王某某", "2024年3月12日"], ["附件：2024年重点任务分工", *_TASK_TABLE]),
    ],
)
def test_an_attachment_after_the_closing_with_no_thanks_is_set_apart_however_long(
    end: list[str], attachment: list[str]
) -> None:
    """The closing that addresses the audience again (同志们，……) ends the speech as thanks would: an attachment
    labelled under it, longer than the speech, is no paragraph of its last part."""
    closing = "同志们，安全生产责任重于泰山，希望大家切实抓好各项任务落实，确保全县安全生产形势持续稳定。"
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n要抓好落实。\n"
        + "\n".join([closing, *end, *attachment])
    )
    assert [p.text for p in speech.notes] == attachment
    assert speech.closing and speech.closing.text == closing
    assert [p.text for p in speech.ending] == end
    assert [section.heading for section in speech.sections()] == ["一、提高认识", "二、狠抓落实"]


_REPORT = [
    "6月8日下午，县安委会召开全体会议，研究部署汛期安全防范工作。县长王某某出席会议并讲话。",
    "会议要求，各乡镇、各部门要全力做好汛期安全防范。",
]


@pytest.mark.parametrize(
    "report",
    [
        ["县安委会召开全体会议部署汛期安全工作", *_REPORT],  # its headline over its lead
        _REPORT,  # its lead alone
        ["2023年6月8日，全县防汛工作会议在县政府召开。", "会议要求，要全力做好汛期安全防范。"],
    ],
)
def test_a_news_report_after_the_thanks_is_set_apart_and_the_speech_ends_at_the_thanks(report: list[str]) -> None:
    speech = from_text(
        "在全县安委会全体会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n要抓好落实。\n"
        "同志们，让我们共同努力！\n谢谢大家！\n" + "\n".join(report)
    )
    assert [p.text for p in speech.notes] == report
    assert speech.closing and speech.closing.text == "同志们，让我们共同努力！"
    assert [p.text for p in speech.ending] == ["谢谢大家！"]


def test_a_dated_meeting_after_a_closing_address_with_no_thanks_stays_the_speech() -> None:
    """A speech may tell of a meeting after addressing its audience again: only its thanks end it for a report."""
    speech = from_text(
        "在全县安委会全体会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n"
        "同志们，我们要清醒认识形势。\n6月8日，省政府召开全省防汛工作会议，对汛期工作作出部署。\n要抓好落实。"
    )
    assert speech.notes == ()


@pytest.mark.parametrize(
    ("last", "ending"),
    [
        # The last paragraph thanks the audience with no closing address: the office under it signs the speech.
        (["要抓好落实。在此，祝大家新春愉快！谢谢！", "清溪县人民政府"], ["清溪县人民政府"]),
        # The office copied onto the thanks' line, spaced apart: a line of its own, not an unfinished sentence.
        (["同志们，让我们共同努力。祝大家新春愉快！谢谢！　　清溪县人民政府"], ["清溪县人民政府"]),
        (["同志们，让我们共同努力。谢谢大家！  县安委办"], ["县安委办"]),
    ],
)
def test_an_office_under_or_beside_the_thanks_signs_the_speech(last: list[str], ending: list[str]) -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n" + "\n".join(last)
    )
    assert [p.text for p in speech.ending] == ending
    assert speech.incomplete is None
    assert speech.metadata.place == ("清溪县" if "清溪县人民政府" in ending else None)


@pytest.mark.parametrize(
    "last",
    [
        ["同志们，让我们共同努力。", "（根据讲话录音整理，未经本人审阅）", "清溪县人民政府办公室"],
        ["同志们，让我们共同努力。", "谢谢大家！", "（根据录音整理）", "清溪县人民政府办公室"],
    ],
)
def test_an_office_under_the_editors_recording_note_signs_the_speech(last: list[str]) -> None:
    """The note is the editor's on the text, no page's chrome: the office under it is the speech's, as above it."""
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n" + "\n".join(last)
    )
    assert speech.ending[-1].text == "清溪县人民政府办公室"
    assert [p.text for p in speech.notes] == [line for line in last if line.startswith("（")]
    assert speech.metadata.place == "清溪县"


def test_a_page_s_list_under_the_editors_note_stays_the_page_s() -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n"
        "同志们，让我们共同努力。\n（根据录音整理）\n相关推荐\n全县防汛工作会议召开"
    )
    assert [p.text for p in speech.notes] == ["（根据录音整理）", "相关推荐", "全县防汛工作会议召开"]


def test_a_closing_sentence_spaced_from_more_words_than_a_signature_stays_one_line() -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n"
        "同志们，让我们共同努力。谢谢大家！　　下面，请各乡镇汇报，每个乡镇发言不超过五分钟，请大家抓紧时间"
    )
    assert speech.ending == ()


@pytest.mark.parametrize("line", ["附近企业要加强联动", "附表所列任务要逐项落实", "附件材料会后领取"])
def test_a_line_that_only_starts_with_an_attachment_label_is_the_speech(line: str) -> None:
    speech = from_text(
        f"在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n{line}\n要抓好落实。\n"
    )
    assert not speech.notes


def test_notes_the_text_gives_after_the_speech_are_its_footnotes() -> None:
    speech = from_text(
        "在全市工贸行业安全生产会议上的讲话\n同志们：\n一、认清形势\n今年以来发生事故3起①。\n"
        "同志们，让我们共同努力！\n注：①数据截至9月30日。\n②“五个严禁”详见有关文件。\n"
    )
    assert [p.text for p in speech.footnotes] == ["注：①数据截至9月30日。", "②“五个严禁”详见有关文件。"]
    assert speech.closing and speech.closing.text == "同志们，让我们共同努力！"
    assert speech.metadata.date is None  # the note's date is not the speech's


@pytest.mark.parametrize(
    ("markers", "after"),
    [
        (("[1]", "[2]"), ["谢谢大家！"]),
        (("①", "②"), []),
        (("[1]", "[2]"), ["谢谢大家！", "附件：任务分工", "1.深化整治。"]),
    ],
)
def test_endnotes_copied_as_text_with_no_label_are_the_footnotes(markers: tuple[str, str], after: list[str]) -> None:
    """A Word document's endnotes copied as text: each numbered as a sentence above refers to it, at the very end
    (after an attachment too, as Word puts them), with no 注： over them."""
    first, second = markers
    speech = from_text(
        "\n".join(
            [
                "在全县安全生产工作会议上的讲话",
                "同志们：",
                "一、认清形势",
                f"去年发生事故21起，同比下降16%{first}。要落实“三个必须”{second}要求。",
                "同志们，让我们共同努力！",
                *after,
                f"{first}数据来源：县应急管理局。",
                f"{second}“三个必须”：管行业必须管安全。",
            ]
        )
    )
    assert [p.text for p in speech.footnotes] == [
        f"{first}数据来源：县应急管理局。",
        f"{second}“三个必须”：管行业必须管安全。",
    ]
    assert speech.closing and speech.closing.text == "同志们，让我们共同努力！"
    assert not any(section.heading.startswith(first) for section in speech.sections())


@pytest.mark.parametrize(("first", "second"), [("[1]", "[2]"), ("①", "②")])
def test_notes_at_the_foot_of_a_page_are_footnotes_and_the_paragraph_runs_on_under_them(
    first: str, second: str
) -> None:
    speech = from_text(
        "\n".join(
            [
                "在全县安全生产工作会议上的讲话",
                "同志们：",
                f"去年发生事故21起，同比下降16%{first}。要落实治本攻坚{second}要求，一些地方",
                f"{first}数据来源：县应急管理局。",
                f"{second}指安全生产治本攻坚三年行动，",
                "详见有关文件。",
                "- 2 -",
                "推进不力。",
                "同志们，让我们共同努力！",
            ]
        )
    )
    assert [p.text for p in speech.footnotes] == [
        f"{first}数据来源：县应急管理局。",
        f"{second}指安全生产治本攻坚三年行动，详见有关文件。",
    ]
    assert [note.text for note in speech.notes] == ["- 2 -"]
    assert any(p.text.endswith("一些地方推进不力。") for p in speech.paragraphs())


@pytest.mark.parametrize(
    ("references", "notes"),
    [
        # Word → PDF: the marks raised, the notes too
        (("16%¹", "“三个必须”²要求"), ("¹数据来源：县应急管理局。", "² “三个必须”：管行业必须管安全。")),
        # Word → web page or pdftotext: the raising lost, each mark a digit glued to its word or quote
        (("16%，见专报1", "“三个必须”2要求"), ("1 数据来源：县应急管理局。", "2 “三个必须”：管行业必须管安全。")),
        (("16%¹", "“三个必须”2要求"), ("1《统计快报》第3期。", "2 “三个必须”：管行业必须管安全。")),
    ],
)
def test_superscript_and_glued_digit_marks_pair_with_their_endnotes(
    references: tuple[str, str], notes: tuple[str, str]
) -> None:
    first, second = references
    speech = from_text(
        "\n".join(
            [
                "在全县安全生产工作会议上的讲话",
                "同志们：",
                "一、认清形势",
                f"2023年第1季度发生事故3起，同比下降{first}。要落实{second}。",
                "同志们，让我们共同努力！",
                "谢谢大家！",
                *notes,
            ]
        )
    )
    assert [p.text for p in speech.footnotes] == list(notes)
    assert [p.text for p in speech.ending] == ["谢谢大家！"]


@pytest.mark.parametrize(
    "lines",
    [
        # figures glued to their units, and digits out of turn, are no marks: the numbered lines are the speech's
        ["2023年第1季度发生事故3起，死亡2人。", "1 加强隐患排查。", "2 落实整改责任。"],
        ["今年要抓好第2项工作，这是第3次强调。", "2 加强隐患排查。", "3 落实整改责任。"],
        # a unit's raised letter (m²) refers to no note
        ["新建厂房面积1.2万m²，增长较快。", "² 面积按竣工验收计。"],
        # a table's row of cells opens with its number, as a note would
        ["全县检查情况见下表1。", "1　清河镇　52", "2　石门乡　47"],
    ],
)
def test_numbers_in_sentences_are_no_note_marks(lines: list[str]) -> None:
    speech = from_text("\n".join(["在全县安全生产工作会议上的讲话", "同志们：", *lines]))
    assert not speech.footnotes


@pytest.mark.parametrize("label", [[], ["注释："]])
def test_an_endnote_a_page_s_edge_broke_in_two_is_a_note_still(label: list[str]) -> None:
    speech = from_text(
        "\n".join(
            [
                "在全县消防安全工作会议上的讲话",
                "同志们：",
                "今年以来发生火灾86起，同比下降9.5%[1]。要落实“消防安全责任制”[2]。",
                "同志们，让我们共同努力！",
                *label,
                "[1] 数据来源：县消防救援大队，截至10月31日，不含森林火灾和",
                "草原火灾。",
                "[2] 指《消防安全责任制实施办法》。",
            ]
        )
    )
    assert [p.text for p in speech.footnotes][-2:] == [
        "[1] 数据来源：县消防救援大队，截至10月31日，不含森林火灾和草原火灾。",
        "[2] 指《消防安全责任制实施办法》。",
    ]
    assert speech.closing and speech.closing.text == "同志们，让我们共同努力！"


def test_a_note_a_page_s_edge_broke_at_the_page_s_foot_is_one_footnote() -> None:
    speech = from_text(
        "\n".join(
            [
                "同志们：",
                "要坚持“安全第一”¹的方针，全面落实各项",
                "¹ 《安全生产法》第三条规定：安全生产工作坚持中国共产党的领导，",
                "坚持人民至上、生命至上。",
                "- 2 -",
                "工作措施。",
            ]
        )
    )
    assert [p.text for p in speech.footnotes] == [
        "¹ 《安全生产法》第三条规定：安全生产工作坚持中国共产党的领导，坚持人民至上、生命至上。"
    ]
    assert any(p.text.endswith("全面落实各项工作措施。") for p in speech.paragraphs())


def test_raised_marks_pair_with_notes_at_a_page_s_foot_and_the_paragraph_runs_on() -> None:
    speech = from_text(
        "\n".join(
            [
                "同志们：",
                "去年发生事故21起，同比下降16%¹。要落实治本攻坚²要求，一些地方",
                "¹ 数据来源：县应急管理局。",
                "² 指安全生产治本攻坚三年行动。",
                "- 2 -",
                "推进不力。",
            ]
        )
    )
    assert [p.text for p in speech.footnotes] == ["¹ 数据来源：县应急管理局。", "² 指安全生产治本攻坚三年行动。"]
    assert any(p.text.endswith("一些地方推进不力。") for p in speech.paragraphs())


def test_a_list_in_a_sentence_goes_on_over_a_page_break() -> None:
    speech = from_text(
        "同志们：\n要抓好以下工作：（1）排查水库隐患；（2）核查转移路线；\n- 3 -\n（3）落实排涝措施；（4）落实度汛方案。\n"
        "（二）加强监测预警。\n要及时发布预警信息。"
    )
    assert [note.text for note in speech.notes] == ["- 3 -"]
    texts = [p.text for p in speech.paragraphs()]
    assert "要抓好以下工作：（1）排查水库隐患；（2）核查转移路线；（3）落实排涝措施；（4）落实度汛方案。" in texts


def test_a_list_numbered_in_a_sentence_and_on_lines_at_a_page_s_foot_is_no_footnote() -> None:
    speech = from_text(
        "同志们：\n要做到：①建立台账；②落实整改。具体要求如下：\n①建立隐患台账。\n②落实整改责任。\n- 2 -\n要抓好落实。"
    )
    assert not speech.footnotes
    shown = [*(p.text for p in speech.paragraphs()), *(section.heading for section in speech.sections())]
    assert shown.count("②落实整改责任。") == 1


def test_numbered_lines_no_sentence_refers_to_are_no_notes() -> None:
    speech = from_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n一、认清形势\n要抓好三件事。\n①排查隐患。\n②整改到位。\n"
    )
    assert not speech.footnotes


def test_an_office_over_a_red_header_s_document_number_is_the_header_s() -> None:
    speech = from_text(
        "青岚县安全生产委员会办公室\n青安委办〔2024〕12号\n签发人：赵某某\n在全县安全生产工作会议上的讲话\n"
        "县长　赵某某\n同志们：\n一、认清形势\n要认清形势。\n同志们，让我们共同努力！"
    )
    assert [note.text for note in speech.notes] == [
        "青岚县安全生产委员会办公室",
        "青安委办〔2024〕12号",
        "签发人：赵某某",
    ]


def test_an_office_over_the_title_with_no_document_number_under_it_stays() -> None:
    speech = from_text("青岚县应急管理局\n在全县安全生产工作会议上的讲话\n同志们：\n要认清形势。")
    assert not speech.notes


def test_contents_with_page_numbers_spaced_apart_are_set_apart_and_make_no_speech() -> None:
    speech = from_text(
        "目　录\n前言　　　　1\n一、认清形势　　　　2\n二、狠抓落实　　　　3\n在全县安全生产工作会议上的讲话\n同志们：\n"
        "一、认清形势\n要认清形势。\n二、狠抓落实\n要抓好落实。"
    )
    assert speech.title == "在全县安全生产工作会议上的讲话"
    assert [note.text for note in speech.notes] == [
        "目　录",
        "前言　　　　1",
        "一、认清形势　　　　2",
        "二、狠抓落实　　　　3",
    ]


def test_a_table_copied_one_cell_a_line_is_a_table_with_its_header() -> None:
    speech = from_text(
        "同志们：\n一、检查情况\n各乡镇检查情况如下：\n单位\n检查次数\n整改率\n青岚镇\n52\n96%\n石门乡\n47\n93%\n"
        "从检查情况看，整改率仍有提升空间。"
    )
    assert tables_of(speech) == [[["单位", "检查次数", "整改率"], ["青岚镇", "52", "96%"], ["石门乡", "47", "93%"]]]
    assert [s.heading for s in speech.sections()] == ["一、检查情况"]
    cells = [p for p in speech.paragraphs() if p.kind is ParagraphKind.CELL]
    assert len({p.anchor for p in cells}) == len(cells) == 9


@pytest.mark.parametrize(
    ("wrapped", "cell"),
    [
        (["城镇燃气管网改造和", "用户端安全装置加装"], "城镇燃气管网改造和用户端安全装置加装"),  # on a joining word
        (["道路交通、", "建筑施工"], "道路交通、建筑施工"),
        (["县交通运输局（县公路", "事业发展中心）"], "县交通运输局（县公路事业发展中心）"),  # a bracket left open
    ],
)
def test_a_cell_one_a_line_that_stops_where_no_cell_ends_goes_on_in_the_next_line(
    wrapped: list[str], cell: str
) -> None:
    """A table flattened one cell a line whose column wrapped a cell: the line under a cell that stops on a joining
    word, on 、 or with a bracket open is the rest of that cell, so the cells' count holds and the table stays whole."""
    header, first = ["序号", "重点任务", "牵头单位"], ["1", "燃气安全检查", "县市场监管局"]
    lines = ["同志们：", "分工如下：", *header, *first, "2", *wrapped, "县住建局", "3", "执法检查", "县应急管理局"]
    speech = from_text("\n".join([*lines, "要抓好落实。"]))
    rows = [header, first, ["2", cell, "县住建局"], ["3", "执法检查", "县应急管理局"]]
    assert tables_of(speech) == [rows]


@pytest.mark.parametrize("separator", ["\t", "　　", "    "])
def test_rows_of_cells_parted_on_their_line_are_a_table(separator: str) -> None:
    rows = [["县区", "事故起数", "同比"], ["清河区", "21", "-12.5%"], ["青岚县", "34", "+6.3%"]]
    speech = from_text("\n".join(["同志们：", "分县区看：", *(separator.join(row) for row in rows), "要引起重视。"]))
    assert tables_of(speech) == [rows]


HEADER = "序号    检查单位                 检查项目    发现隐患"


@pytest.mark.parametrize(
    ("rows", "table"),
    [
        # A column too narrow for a unit's name wrapped it, the other columns empty: the rest joins its cell.
        (
            [
                "1       县住建局                   18          112",
                "2       县交通运输局（含公路建设   9           54",
                "        养护中心）",
                "3       县水利局                   7           41",
            ],
            [
                ["1", "县住建局", "18", "112"],
                ["2", "县交通运输局（含公路建设养护中心）", "9", "54"],
                ["3", "县水利局", "7", "41"],
            ],
        ),
        # In the last row, the bracket it closes tells it from a line under the table.
        (
            [
                "1       县住建局                   18          112",
                "2       县交通运输局（含公路建设   9           54",
                "        养护中心）",
            ],
            [["1", "县住建局", "18", "112"], ["2", "县交通运输局（含公路建设养护中心）", "9", "54"]],
        ),
    ],
)
def test_a_cells_text_a_pdfs_column_wrapped_onto_the_next_line_joins_its_cell(
    rows: list[str], table: list[list[str]]
) -> None:
    speech = from_text("\n".join(["同志们：", "检查情况如下：", HEADER, *rows, "要抓好整改。"]))
    assert tables_of(speech) == [[["序号", "检查单位", "检查项目", "发现隐患"], *table]]


def test_a_short_line_under_a_table_is_no_cells_rest_without_a_bracket_to_close() -> None:
    rows = ["1       县住建局                   18          112", "2       县交通运输局               9           54"]
    speech = from_text("\n".join(["同志们：", "检查情况如下：", HEADER, *rows, "整改仍需加力", "要抓好整改。"]))
    assert len(tables_of(speech)[0]) == 3
    assert any(p.text == "整改仍需加力" for p in speech.paragraphs() if p.kind is ParagraphKind.BODY)


def test_under_a_caption_a_header_and_one_row_are_a_table() -> None:
    rows = "序号\t工作任务\t牵头单位\n1\t燃气安全宣传\t各乡镇"
    assert tables_of(from_text(f"同志们：\n任务分工如下：\n表1：重点任务分工\n{rows}\n要抓好落实。")) == [
        [["序号", "工作任务", "牵头单位"], ["1", "燃气安全宣传", "各乡镇"]]
    ]
    assert tables_of(from_text(f"同志们：\n任务分工如下：\n{rows}\n要抓好落实。")) == []


@pytest.mark.parametrize(
    "lines",
    [
        # names and offices a line, parted by spaces: a list of people, no table
        ["出席会议的有：", "县长　　王某某", "副县长　　李某某", "副县长　　赵某某"],
        # the leaders present, three names a line: a list set out in rows, its first row no header
        [
            "出席会议的县领导有：",
            "王某某　　李某某　　张某某",
            "赵某某　　钱某某　　孙某某",
            "周某某　　吴某某　　郑某某",
        ],
        # short lines of words only, one a line: no column count can be told
        ["重点场所包括：", "学校", "医院", "商场", "宾馆", "车站", "码头"],
        # a signature and its date under the closing
        ["同志们，让我们共同努力！", "清河区人民政府", "2024年3月1日"],
        # a two-phrase heading's halves parted by spaces, each heading alone
        ["一、提高认识　　压实责任", "要认清形势。", "二、突出重点　　狠抓落实", "要抓好落实。"],
    ],
)
def test_short_lines_that_are_no_table_stay_as_they_are(lines: list[str]) -> None:
    assert tables_of(from_text("\n".join(["同志们：", *lines]))) == []


def test_a_table_flattened_to_a_cell_a_line_keeps_its_figures_and_a_page_number_is_set_apart() -> None:
    speech = from_text(
        "同志们：\n事故情况如下：\n行业领域\n事故起数\n道路交通\n12\n建筑施工\n5\n合计\n17\n"
        "道路交通仍是重点，必须常抓不懈，\n3\n决不能放松。"
    )
    assert [note.text for note in speech.notes] == ["3"]
    assert [p.text for p in speech.paragraphs()].count("17") == 1
    assert any("常抓不懈，决不能放松。" in p.text for p in speech.paragraphs())


def test_a_bare_label_is_no_title_and_the_title_is_derived() -> None:
    speech = from_text("讲话稿\n同志们：\n今天，我们召开全镇安全生产工作会议。\n一、提高认识\n要认清形势。\n")
    assert speech.title == "在全镇安全生产工作会议上的讲话"
    assert speech.salutation and speech.salutation.text == "同志们："
    assert [p.text for p in speech.front] == ["讲话稿"]


def test_a_title_below_an_editorial_lead_is_the_title_and_the_lead_names_the_speaker() -> None:
    speech = from_text(
        "青梧应急\n原创 青梧应急 2025年02月28日 20:15 发表于湖南\n"
        "2025年2月27日，全市森林防火工作会议召开。副市长吴某某出席会议并讲话。\n"
        "在全市森林防火工作会议上的讲话\n同志们：\n今天召开全市森林防火工作会议。\n一、认清形势\n要认清形势。\n"
        "往期推荐\n▶ 全市召开安全生产工作会议\n▶ 清明祭扫，请文明用火\n"
    )
    assert speech.title == "在全市森林防火工作会议上的讲话"
    assert (speech.metadata.date, speech.metadata.speaker) == ("2025-02-27", "吴某某")
    assert [p.text for p in speech.notes] == [
        "青梧应急",
        "原创 青梧应急 2025年02月28日 20:15 发表于湖南",
        "往期推荐",
        "▶ 全市召开安全生产工作会议",
        "▶ 清明祭扫，请文明用火",
    ]


def test_a_title_under_its_speakers_name_below_an_editorial_lead_is_the_title() -> None:
    speech = from_text(
        "编者按：6月8日，全县防汛工作会议召开。县长王某某出席会议并讲话。现将讲话摘登如下。\n"
        "王某某在全县防汛工作会议上的讲话（摘要）\n同志们：\n一、认清形势\n要认清形势。\n二、抓好落实\n要抓好落实。\n"
    )
    assert (speech.title, speech.abridged) == ("王某某在全县防汛工作会议上的讲话", True)
    assert not any("second speech" in d.message for d in speech.diagnostics)


def test_a_hosts_line_inviting_a_speech_below_a_lead_is_no_title() -> None:
    speech = from_text(
        "全县防汛工作会议召开。\n下面请县长王某某在全县防汛工作会议上讲话\n同志们：\n一、认清形势\n要认清形势。\n"
    )
    assert speech.title_origin == "derived"


def test_a_breadcrumb_ending_in_a_speech_label_is_no_title() -> None:
    speech = from_text(
        "范文大全 > 讲话致辞 > 领导讲话\n在全县非煤矿山安全生产工作会议上的讲话\n同志们：\n要抓好落实。\n"
    )
    assert speech.title == "在全县非煤矿山安全生产工作会议上的讲话"
    assert [p.text for p in speech.notes] == ["范文大全 > 讲话致辞 > 领导讲话"]


def test_spoken_parts_by_their_questions_are_headings() -> None:
    speech = from_text(
        "在全区建筑施工安全工作会议上的讲话\n同志们：\n第一个问题，认识要到位。\n要认清形势。\n"
        "第二个问题，责任要压实。\n要压实责任。\n"
    )
    parts = [block.heading for block in speech.body if isinstance(block, Section)]
    assert parts == ["第一个问题，认识要到位。", "第二个问题，责任要压实。"]


def test_first_then_finally_lines_of_their_own_are_parts_and_in_a_sentence_are_text() -> None:
    speech = from_text(
        "在全县春季农业生产安全工作会议上的讲话\n同志们：\n首先，要充分认识春季安全工作的重要性\n"
        "首先，要看到春耕时节农机大量上路。其次，要看到清明祭扫人员集中。\n"
        "其次，要突出抓好农机安全监管\n要加强农机注册登记。\n最后，要切实加强组织领导\n各乡镇要抓好落实。\n"
    )
    parts = [block for block in speech.body if isinstance(block, Section)]
    assert [part.heading for part in parts] == [
        "首先，要充分认识春季安全工作的重要性",
        "其次，要突出抓好农机安全监管",
        "最后，要切实加强组织领导",
    ]
    assert not any("numbering" in d.message for d in speech.diagnostics)  # 最后 is the third here, no gap
    first = next(p.text for p in parts[0].children if isinstance(p, Paragraph))
    assert first.startswith("首先，要看到春耕时节农机大量上路。")  # a sentence's 首先 is text


def test_yi_yao_lines_of_their_own_are_parts_and_in_a_paragraph_items() -> None:
    speech = from_text(
        "在集团公司安全生产工作会议上的讲话\n各位同事：\n一要牢固树立红线意识\n要把安全放在首位。\n"
        "二要严格管控高风险作业\n一要加强动火作业审批；二要落实监护人员。\n"
    )
    parts = [block for block in speech.body if isinstance(block, Section)]
    assert [part.heading for part in parts] == ["一要牢固树立红线意识", "二要严格管控高风险作业"]
    items = [p.text for p in speech.paragraphs() if p.kind is ParagraphKind.ITEM]
    assert items == ["一要加强动火作业审批；", "二要落实监护人员。"]


@pytest.mark.parametrize(
    ("text", "headings", "under_first"),
    [
        (
            "同志们：\n一、压实安全责任\n一是压实企业主体责任。\n企业是责任主体，要建立全员责任制。\n要加大安全投入。\n"
            "二是强化部门监管责任。\n各部门要切实履行监管职责。\n二、抓好隐患整治\n要深入开展排查。",
            [("一是", "一是压实企业主体责任。"), ("二是", "二是强化部门监管责任。")],
            ["企业是责任主体，要建立全员责任制。", "要加大安全投入。"],
        ),
        (
            "同志们：\n一、压实安全责任\n首先，压实企业主体责任。\n企业是责任主体。\n要加大安全投入。\n"
            "其次，强化部门监管责任。\n各部门要履职。\n最后，落实属地管理责任。\n各乡镇要抓好落实。\n"
            "二、抓好隐患整治\n要深入开展排查。",
            [
                ("首先，", "首先，压实企业主体责任。"),
                ("其次，", "其次，强化部门监管责任。"),
                ("最后，", "最后，落实属地管理责任。"),
            ],
            ["企业是责任主体。", "要加大安全投入。"],
        ),
    ],
    ids=["yi-shi", "shou-xian-zui-hou"],
)
def test_short_item_lines_each_followed_by_paragraphs_head_them(
    text: str, headings: list[tuple[str, str]], under_first: list[str]
) -> None:
    """一是……。 or 首先，……。 alone on short lines, each with its paragraphs after it, head them one level below the
    part; 最后 goes on from any number, so 首先/其次/最后 has no numbering gap."""
    speech = from_text(text)
    [part, _] = [block for block in speech.body if isinstance(block, Section)]
    items = [block for block in part.children if isinstance(block, Section)]
    assert [(s.level, s.number, s.heading) for s in items] == [(3, number, heading) for number, heading in headings]
    assert [p.text for p in items[0].children if isinstance(p, Paragraph)] == under_first
    assert not any("numbering" in d.message for d in speech.diagnostics)


@pytest.mark.parametrize(
    "text",
    [
        "首先，严查食材采购。\n其次，严查健康证。\n最后，严查餐具消毒。\n要落实责任。",  # line after line
        "首先，压实企业主体责任。\n要建立全员责任制。\n其次，强化部门监管责任。",  # the last has no paragraph
        "一是压实企业主体责任。\n要建立全员责任制。\n其次，强化部门监管责任。\n要严格执法。",  # two sequences
    ],
)
def test_first_then_lines_that_head_no_paragraphs_of_their_own_stay_items(text: str) -> None:
    speech = from_text(f"同志们：\n一、压实安全责任\n{text}")
    [part] = [block for block in speech.body if isinstance(block, Section)]
    assert not any(isinstance(block, Section) for block in part.children)


@pytest.mark.parametrize(
    "text",
    [
        "一是严查食材采购；\n二是严查从业人员健康证；\n三是严查餐具清洗消毒。\n要落实责任。",  # line after line
        "一是压实企业主体责任。\n要建立全员责任制。\n二是强化部门监管责任。",  # the last has no paragraph
        "一是压实企业主体责任。企业是责任主体。\n要加大投入。\n二是强化部门监管责任。各部门要履职。\n要严格执法。",
    ],
)
def test_item_lines_that_head_no_paragraphs_of_their_own_stay_items(text: str) -> None:
    speech = from_text(f"同志们：\n一、压实安全责任\n{text}")
    [part] = [block for block in speech.body if isinstance(block, Section)]
    assert not any(isinstance(block, Section) for block in part.children)
    assert [p.text[:2] for p in speech.paragraphs() if p.kind is ParagraphKind.ITEM][:2] == ["一是", "二是"]


@pytest.mark.parametrize(
    "lines",
    [
        ["一是强化源头管控。", "二是压实企业责任。", "三是严格执法检查。"],
        ["一是强化源头管控", "二是压实企业责任", "三是严格执法检查"],  # no mark ends them
        ["一是强化源头管控：", "二是压实企业责任：", "三是严格执法检查："],
        ["首先，强化源头管控。", "其次，压实企业责任。", "最后，严格执法检查。"],
        ["第一，强化源头管控。", "第二，压实企业责任。", "第三，严格执法检查。"],
    ],
)
@pytest.mark.parametrize("above", ["一、抓好重点工作", "一、抓好重点工作\n（一）强化风险管控"])
def test_item_lines_each_over_one_paragraph_under_a_heading_are_its_list(lines: list[str], above: str) -> None:
    """Under a heading, items alone on their lines each over the one paragraph that explains them are the
    heading's list: each item a paragraph, its explanation the next, no heading between (the last item's
    paragraphs may be more: the text after them runs on to the next heading whoever it belongs to)."""
    explanations = ["各乡镇要建立台账。对不符合规划的一律不予审批。", "企业要配齐安全管理人员。", "要加大执法力度。"]
    body = "\n".join(f"{line}\n{text}" for line, text in zip(lines, explanations, strict=True))
    speech = from_text(f"同志们：\n{above}\n{body}\n要举一反三。\n二、加强组织领导\n要落实责任。")
    innermost = next(block for block in speech.body if isinstance(block, Section))
    while innermost.children and isinstance(innermost.children[0], Section):
        innermost = innermost.children[0]
    shown = [(p.kind, p.text) for p in innermost.children if isinstance(p, Paragraph)]
    listed = [
        (kind, text)
        for line, explanation in zip(lines, explanations, strict=True)
        for kind, text in ((ParagraphKind.ITEM, line), (ParagraphKind.BODY, explanation))
    ]
    assert shown == [*listed, (ParagraphKind.BODY, "要举一反三。")]


def test_item_lines_with_no_heading_above_them_are_the_speechs_parts_however_short() -> None:
    speech = from_text("同志们：\n首先，强化源头管控\n各乡镇要建立台账。\n其次，压实企业责任\n企业要配齐人员。")
    assert [block.heading for block in speech.body if isinstance(block, Section)] == [
        "首先，强化源头管控",
        "其次，压实企业责任",
    ]


# Files nobody foresaw: each line repeated or numbered on thousands of times. Parsing one must take steps that grow
# with its lines, not with their square (see tests/growth.py for why steps are counted, not seconds).
_GROWTH_LINES = 400
_REPEATED = {
    "the audience addressed on every line": lambda number: "同志们：",
    "one character a line": lambda number: "安",
    "numbered sections on and on": lambda number: f"（{cn_numeral(number % 99 + 1)}）加强隐患排查治理",
    "a title, its salutation and a sentence again and again": lambda number: (
        "在全县安全生产工作会议上的讲话",
        "同志们：",
        "要加强安全。",
    )[number % 3],
    "bracketed headings": lambda number: ("【加强隐患排查】", "要加强安全生产工作。")[number % 2],
    "item lines": lambda number: f"{cn_numeral(number % 9 + 1)}是压实企业主体责任。",
    "thanks on every line": lambda number: "谢谢大家！",
    "date lines": lambda number: "2023年3月15日",
}


@pytest.mark.parametrize("line", _REPEATED.values(), ids=_REPEATED)
def test_parsing_grows_linearly_with_the_lines_of_a_file(line: Callable[[int], str]) -> None:
    def parsing(count: int) -> Callable[[], object]:
        source = from_text_source("\n".join(line(number) for number in range(count)), Metadata())
        return lambda: parse_all(source, TEXT_RULES)

    assert step_growth(parsing, _GROWTH_LINES) < STEP_GROWTH_MAX


# Texts that read as if they held a second speech and hold one: a title form and 同志们： under it are not enough.
_ONE_SPEECH = {
    "the-page-title-over-a-lead-over-the-speech": (
        "在全县安全生产工作会议上的讲话\n编者按：3月15日，全县安全生产工作会议召开。\n会议总结了去年的工作。\n"
        "县长王某某出席会议并讲话。\n在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n要高度重视安全生产。"
    ),
    "a-news-lead-that-announces-the-speech": (
        "3月15日，全县安全生产工作会议召开。\n会议总结了去年的工作。\n县长王某某出席会议并讲话。\n"
        "现将讲话全文刊发如下：\n在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议。\n要高度重视安全生产。"
    ),
    "editor-note-long": (
        "编者按：2023年3月15日，清岚县召开全县安全生产工作会议。会议总结了去年的工作。\n"
        "会议分析了当前的形势，部署了今年的任务。\n"
        "县长王某某出席会议并讲话。现将讲话全文刊发如下，请各地认真学习。\n"
        "在全县安全生产工作会议上的讲话\n"
        "王某某\n"
        "同志们：\n"
        "今天召开会议，主要任务是部署今年的安全生产工作。\n"
        "一、提高认识\n"
        "要高度重视安全生产。\n"
        "二、压实责任\n"
        "要层层压实责任。\n"
        "同志们，安全生产责任重大，让我们共同努力！"
    ),
    "host-script": (
        "在全县安全生产工作会议上的主持词\n"
        "同志们：\n"
        "今天召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。\n"
        "出席今天会议的有县委书记张某某同志，县长王某某同志。\n"
        "会议共有三项议程。\n"
        "下面进行第一项议程，请县应急管理局局长李某某同志讲话\n"
        "同志们：\n"
        "李局长的讲话实事求是，请大家认真抓好落实。\n"
        "下面进行第二项议程，请县长王某某同志讲话\n"
        "同志们：\n"
        "王县长的讲话讲得很好，我完全同意。\n"
        "下面，请县委书记张某某同志作重要讲话\n"
        "同志们：\n"
        "刚才，张书记作了重要讲话，希望大家认真学习领会。\n"
        "会议到此结束，散会！"
    ),
    "heading-with-speech-spirit": (
        "在全县安全生产工作会议上的讲话\n"
        "同志们：\n"
        "今天召开会议，主要任务是传达上级会议精神。\n"
        "一、在全市安全生产工作会议上的讲话精神\n"
        "同志们，市里的会议要求很明确，我们要坚决贯彻。\n"
        "要把会议精神传达到每一个企业。\n"
        "二、抓好落实\n"
        "要层层压实责任。\n"
        "同志们，让我们共同努力！"
    ),
    "relay-quotes-provincial-title": (
        "在全市传达全省安全生产工作会议精神会议上的讲话\n"
        "同志们：\n"
        "今天召开会议，主要任务是传达全省会议精神，安排部署我市工作。\n"
        "一、传达全省会议精神\n"
        "下面，我传达省长李某某同志在全省安全生产工作会议上的讲话\n"
        "李省长指出，安全生产事关人民群众生命财产安全。\n"
        "李省长强调，要坚决防范遏制重特大事故。\n"
        "二、抓好贯彻落实\n"
        "要把会议精神落到实处。\n"
        "同志们，让我们共同努力！"
    ),
    "relay-quotes-with-salutation": (
        "在全市传达全省安全生产工作会议精神会议上的讲话\n"
        "同志们：\n"
        "今天召开会议，主要任务是传达全省会议精神，安排部署我市工作。\n"
        "一、传达全省会议精神\n"
        "下面，我把省长李某某同志在全省安全生产工作会议上的讲话原文读一下。\n"
        "省长李某某在全省安全生产工作会议上的讲话\n"
        "同志们：\n"
        "这次会议的主要任务是部署全省安全生产工作。\n"
        "全省各地要坚决防范遏制重特大事故。\n"
        "二、抓好贯彻落实\n"
        "要把会议精神落到实处。\n"
        "同志们，让我们共同努力！"
    ),
    "minutes": (
        "全县安全生产工作会议纪要\n"
        "2023年3月15日，县政府召开全县安全生产工作会议。\n"
        "会议听取了县应急管理局的工作汇报。\n"
        "县长王某某在会上的讲话\n"
        "王某某指出，要高度重视安全生产工作。\n"
        "王某某强调，要层层压实责任。\n"
        "副县长李某某在会上的讲话\n"
        "李某某要求，各乡镇要开展隐患排查。\n"
        "李某某强调，要严格责任追究。\n"
        "会议要求，各单位要认真抓好落实。"
    ),
    "closing-recalls-speech": (
        "在全县安全生产工作会议上的讲话\n"
        "同志们：\n"
        "今天召开会议，主要任务是部署今年的安全生产工作。\n"
        "一、提高认识\n"
        "要高度重视安全生产。\n"
        "二、压实责任\n"
        "要层层压实责任。\n"
        "刚才，王县长作了重要讲话\n"
        "同志们：\n"
        "安全生产责任重于泰山，让我们共同努力！\n"
        "谢谢大家！"
    ),
    "learn-the-speech": (
        "在全县安全生产工作会议上的讲话\n"
        "同志们：\n"
        "今天召开会议，主要任务是学习贯彻上级会议精神。\n"
        "一、认真学习\n"
        "要认真学习省委书记在全省安全生产工作会议上的讲话\n"
        "要原原本本学，逐字逐句学。\n"
        "各乡镇要组织专题学习。\n"
        "二、压实责任\n"
        "要层层压实责任。\n"
        "同志们，让我们共同努力！"
    ),
    "attachment-speech": (
        "关于认真学习贯彻全县安全生产工作会议精神的通知\n"
        "各乡镇人民政府，县直各部门：\n"
        "2023年3月15日，县政府召开了全县安全生产工作会议。\n"
        "现将县长王某某同志的讲话印发给你们，请认真学习贯彻。\n"
        "县政府办公室\n"
        "2023年3月16日\n"
        "附件：在全县安全生产工作会议上的讲话\n"
        "同志们：\n"
        "今天召开会议，部署今年的安全生产工作。\n"
        "要高度重视安全生产。"
    ),
    "quoted-title-in-brackets": (
        "在全县安全生产工作会议上的讲话\n"
        "同志们：\n"
        "今天召开会议，主要任务是学习上级会议精神。\n"
        "一、学习会议精神\n"
        "《在全省安全生产工作会议上的讲话》\n"
        "这篇讲话内容丰富，要求明确。\n"
        "同志们：要深入学习，准确把握。\n"
        "二、抓好落实\n"
        "要层层压实责任。\n"
        "同志们，让我们共同努力！"
    ),
    "speech-on-a-speech-host-lines": (
        "在全镇安全生产工作会议上的讲话\n"
        "同志们：\n"
        "今天召开会议，部署今年的安全生产工作。\n"
        "今年以来，全镇安全形势总体平稳。\n"
        "各村要抓好隐患排查。\n"
        "下面请派出所所长讲话\n"
        "各位村干部、同志们：\n"
        "今年以来，全镇交通安全形势总体平稳。\n"
        "要加强路面管控。"
    ),
}


@pytest.mark.parametrize("text", _ONE_SPEECH.values(), ids=_ONE_SPEECH)
def test_a_text_that_quotes_hosts_or_announces_speeches_is_one_speech(text: str) -> None:
    [speech] = parse_all(from_text_source(text, Metadata()), TEXT_RULES)
    assert speech.part is None


def test_a_labelled_lead_over_a_numbered_compilation_leaves_it_split() -> None:
    speeches = parse_all(
        from_text_source(
            "编者按：本期刊发两篇讲话，供大家学习。\n第一篇：在全县森林防火工作会议上的讲话\n今天召开会议。\n"
            "要落实责任。\n要管住火源。\n第二篇：在全镇森林防火工作会议上的讲话\n要加强巡查。",
            Metadata(),
        ),
        TEXT_RULES,
    )
    assert [s.title for s in speeches] == ["在全县森林防火工作会议上的讲话", "在全镇森林防火工作会议上的讲话"]


def test_a_meetings_minutes_with_each_speech_summarised_under_its_title_and_salutation_are_split() -> None:
    # Each summary is its speaker's speech, abridged (（摘要）), with a page of its own; the minutes'
    # heading and lead stay the first page.
    speeches = parse_all(
        from_text_source(
            "全县安全生产工作会议纪要\n"
            "2023年3月15日，县政府召开全县安全生产工作会议。\n"
            "会议听取了县应急管理局的工作汇报。\n"
            "会议传达了上级会议精神。\n"
            "县长王某某在会上的讲话（摘要）\n"
            "同志们：\n"
            "要高度重视安全生产工作，层层压实责任。\n"
            "副县长李某某在会上的讲话（摘要）\n"
            "同志们：\n"
            "各乡镇要开展隐患排查，严格责任追究。\n"
            "会议要求，各单位要认真抓好落实。",
            Metadata(),
        ),
        TEXT_RULES,
    )
    assert [(s.title, s.abridged) for s in speeches] == [
        ("全县安全生产工作会议纪要", False),
        ("县长王某某在会上的讲话", True),
        ("副县长李某某在会上的讲话", True),
    ]


@pytest.mark.parametrize(
    ("first", "rest", "apart"),
    [
        ("青岚县应急管理", "", True),  # named as an account's name ends
        ("清河应急", "", True),
        ("清河区融媒体中心", "\n阅读原文\n在看", True),  # an office's name, on a page its other lines say is a post
        ("清河区融媒体中心", "", False),  # an office's name over the title of no post: kept as written
        ("青岚县应急管理局", "", False),
        ("青岚县应急管理局", "\n阅读原文\n在看", True),
        ("清河新闻眼", "\n阅读原文\n在看", False),  # neither an account's ending nor an office: kept
        ("守牢安全底线", "\n阅读原文\n在看", False),  # a slogan over the title stays
    ],
)
def test_an_accounts_name_alone_over_a_posts_title_is_the_posts(first: str, rest: str, apart: bool) -> None:
    speech = from_text(
        f"{first}\n在全县冬季安全生产工作推进会上的讲话\n同志们：\n今天召开会议。\n一、认清形势\n"
        f"要认清形势，抓好落实。\n同志们，希望大家抓好落实。{rest}"
    )
    assert speech.title == "在全县冬季安全生产工作推进会上的讲话"
    assert (first in [note.text for note in speech.notes]) == apart


def test_an_accounts_name_over_a_line_of_no_title_stays_the_text() -> None:
    speech = from_text("清河应急\n同志们：\n今天召开会议。\n一、认清形势\n要认清形势，抓好落实。\n阅读原文")
    assert "清河应急" not in [note.text for note in speech.notes]


@pytest.mark.parametrize("thanks", ["我的发言完毕，谢谢！", "我就讲这些，谢谢大家！"])
def test_a_short_line_whose_last_clause_thanks_ends_the_speech_after_any_paragraph(thanks: str) -> None:
    speech = from_text(
        "县交通运输局安全生产表态发言\n尊敬的各位领导，同志们：\n根据会议安排，我代表县交通运输局作表态发言。\n"
        f"一是严格源头管控。对重点车辆实行动态监控。\n我们将全力以赴抓好交通运输安全生产工作。\n{thanks}"
    )
    assert [p.text for p in speech.ending] == [thanks]
    assert not speech.incomplete


def test_a_long_last_paragraph_ending_in_thanks_after_a_comma_stays_the_speech() -> None:
    last = "我们将以这次会议为契机，全力以赴抓好交通运输安全生产工作，确保全年不发生较大事故，谢谢！"
    speech = from_text(
        "县交通运输局安全生产表态发言\n尊敬的各位领导，同志们：\n根据会议安排，我代表县交通运输局作表态发言。\n"
        f"一是严格源头管控。对重点车辆实行动态监控。\n{last}"
    )
    assert last in [p.text for p in speech.paragraphs() if p.kind is ParagraphKind.BODY]


def test_an_ascii_full_stop_ends_a_run_in_heading_as_a_pdf_s_text_layer_gives_it() -> None:
    speech = from_text(
        "同志们:\n一、狠抓落实\n(一)严格准入管理.对不符合条件的项目一律不批.\n"
        "(二)强化执法检查.全年检查企业1.2万家次,发现隐患3.5万处.\n"
    )
    assert [s.heading for s in speech.sections()] == ["一、狠抓落实", "(一)严格准入管理.", "(二)强化执法检查."]
    assert any(p.text == "全年检查企业1.2万家次,发现隐患3.5万处." for p in speech.paragraphs())
    dotted = from_text("同志们:\n一.认清形势\n要认清形势.\n二.狠抓落实\n要抓好落实.")  # a marker's dot ends no sentence
    assert [s.heading for s in dotted.sections()] == ["一.认清形势", "二.狠抓落实"]


PLAIN_HEADED = (
    "在全县安全生产工作会议上的讲话\n同志们：\n今天召开会议，主要任务是部署今年安全生产工作。\n"
    "{first}\n去年全县共发生生产安全事故9起，同比下降18.2%，全县安全生产形势保持总体稳定。\n"
    "{second}\n要聚焦道路运输、建筑施工、城镇燃气等重点行业领域，深入开展隐患排查整治工作。\n"
)


def test_headings_whose_automatic_numbers_a_copy_lost_head_their_paragraphs() -> None:
    speech = from_text(PLAIN_HEADED.format(first="清醒认识当前安全生产形势", second="突出抓好重点行业领域整治"))
    top = [block.heading for block in speech.body if isinstance(block, Section)]
    assert top == ["清醒认识当前安全生产形势", "突出抓好重点行业领域整治"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("清醒认识当前安全生产形势", "要抓好落实。"),  # one such line: a paragraph's lead, not the speech's parts
        ("一、清醒认识当前安全生产形势", "安全第一预防为主综合治理"),  # a speech that numbers its parts
    ],
)
def test_a_short_line_of_words_alone_is_no_heading_where_the_speech_has_no_run_of_them(first: str, second: str) -> None:
    speech = from_text(PLAIN_HEADED.format(first=first, second=second))
    assert second not in [section.heading for section in speech.sections()]
