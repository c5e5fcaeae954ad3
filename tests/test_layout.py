"""The layout stage: collapsed lines split, hard-wrapped lines joined, and nothing lost either way."""

from __future__ import annotations

import re

import pytest

from speechkb.model import Line
from speechkb.stages.layout import columns, join_wrapped, restore_lines, split_collapsed, wrap_width


def lines_of(text: str) -> list[Line]:
    return [Line(n, raw.strip(), raw[:1].isspace()) for n, raw in enumerate(text.splitlines(), 1) if raw.strip()]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


COLLAPSED = (
    "在全镇2022年秋季安全生产工作会议上的讲话 同志们： 今天我们召开这次会议，主要是部署秋冬季安全生产工作。"
    "一、认清形势 今年以来，全镇安全生产形势总体平稳，但隐患依然不少。"
    "二、突出重点 （一）道路交通 要加强农村道路隐患排查。（二）消防安全 要抓好人员密集场所检查。"
    "同志们，安全生产责任重大，希望大家抓好落实。"
)


def test_a_collapsed_page_is_split_into_its_lines() -> None:
    pieces = [line.text for line in restore_lines([Line(1, COLLAPSED)])]
    assert pieces == [
        "在全镇2022年秋季安全生产工作会议上的讲话",
        "同志们：",
        "今天我们召开这次会议，主要是部署秋冬季安全生产工作。",
        "一、认清形势",
        "今年以来，全镇安全生产形势总体平稳，但隐患依然不少。",
        "二、突出重点",
        "（一）道路交通",
        "要加强农村道路隐患排查。",
        "（二）消防安全",
        "要抓好人员密集场所检查。",
        "同志们，安全生产责任重大，希望大家抓好落实。",  # the audience addressed again: the closing
    ]
    assert all(line.number == 1 for line in restore_lines([Line(1, COLLAPSED)]))


def test_markers_glued_to_a_sentence_start_a_line_only_when_they_continue_a_sequence() -> None:
    glued = "一、强化责任落实各乡镇要认真排查，确保取得实效。二、强化隐患治理要加强巡查。三、强化应急准备要备足物资。"
    assert [line.text[:2] for line in restore_lines([Line(1, glued)])] == ["一、", "二、", "三、"]
    reference = "按照文件第（三）条的要求，各单位要认真落实。（三）项工作由县应急局牵头。"
    assert restore_lines([Line(1, reference)]) == [Line(1, reference)]
    across_lines = lines_of("下面，我讲两点意见。一、提高认识\n这是第一点。二、狠抓落实\n这是第二点。")
    assert [line.text for line in restore_lines(across_lines)] == [
        "下面，我讲两点意见。",
        "一、提高认识",
        "这是第一点。",
        "二、狠抓落实",
        "这是第二点。",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "县委副书记、县长　王某某",
        "要加强 联系群众，做好宣传。",
        "（2023年3月15日）",
        "发布时间：2023-06-01 10:21　来源：本站",
    ],
)
def test_short_lines_with_spaces_are_left_whole(line: str) -> None:
    assert split_collapsed(Line(1, line)) == [Line(1, line)]


WRAPPED = """在全县安全生产工作会议上的讲话
　　同志们：
　　今天召开全县安全生产工作会议，主要任务是贯彻落实上级
部署，分析当前形势，安排下一步工作。刚才，县应急局通报了
一季度安全生产情况，我都同意。
　　一、坚持人民至上、生命至上，切实增强做好安全生产工
作的责任感紧迫感
　　各乡镇各部门要切实扛起安全生产政治责任，坚决守住不发生
重特大事故的底线。要把安全生产摆在更加突出的位置，做到
第 1 页 共 3 页
警钟长鸣、常抓不懈，决不能有丝毫麻痹大意。
　　二、突出重点，深化专项整治
　　要聚焦道路交通、危险化学品、燃气等重点领域，深入开展隐患
排查整治，确保取得实效。
"""


def test_a_hard_wrapped_page_is_joined_back_into_paragraphs() -> None:
    lines = [line for line in lines_of(WRAPPED) if not line.text.startswith("第 1 页")]  # chrome goes first
    assert wrap_width(lines) is not None
    joined = [line.text for line in join_wrapped(lines)]
    assert joined == [
        "在全县安全生产工作会议上的讲话",
        "同志们：",
        "今天召开全县安全生产工作会议，主要任务是贯彻落实上级部署，分析当前形势，安排下一步工作。"
        "刚才，县应急局通报了一季度安全生产情况，我都同意。",
        "一、坚持人民至上、生命至上，切实增强做好安全生产工作的责任感紧迫感",
        "各乡镇各部门要切实扛起安全生产政治责任，坚决守住不发生重特大事故的底线。"
        "要把安全生产摆在更加突出的位置，做到警钟长鸣、常抓不懈，决不能有丝毫麻痹大意。",
        "二、突出重点，深化专项整治",
        "要聚焦道路交通、危险化学品、燃气等重点领域，深入开展隐患排查整治，确保取得实效。",
    ]
    assert join_wrapped(lines)[2].number == 3  # a paragraph is cited by the line it starts on


def test_paragraphs_of_one_line_each_are_not_wrapped_text() -> None:
    text = "\n".join(
        [
            "同志们：",
            "今天，我们召开全市安全生产工作会议。",
            "一、提高认识",
            "安全生产事关人民群众生命财产安全，各级各部门要高度重视，切实把安全生产摆在突出位置，抓紧抓实抓细。",
            "二、狠抓落实",
            "要深入开展隐患排查治理，对排查出的问题建立台账，逐项整改销号。",
            "要加强执法检查。",
        ]
    )
    lines = lines_of(text)
    assert wrap_width(lines) is None and join_wrapped(lines) == lines


def test_restoring_lines_loses_no_character() -> None:
    for text in (COLLAPSED, WRAPPED):
        restored = join_wrapped(restore_lines(lines_of(text)))
        assert squash("".join(line.text for line in restored)) == squash(text)


def test_columns_count_chinese_as_two() -> None:
    assert columns("安全2023") == 8


def test_a_list_in_a_sentence_is_not_cut_into_headings() -> None:
    listed = "要重点抓好三项工作：一、建立隐患台账；二、开展联合检查；三、严格执法处罚。"
    assert restore_lines([Line(1, listed)]) == [Line(1, listed)]


def test_a_two_phrase_heading_in_a_collapsed_page_stays_one_heading() -> None:
    collapsed = (
        "同志们： 今天召开全县安全生产工作会议，我讲两点意见。 一、提高政治站位\u3000切实增强责任感"
        "\u3000\u3000近年来，全县安全生产形势总体平稳，但风险隐患依然突出，各级各部门要高度重视。"
        " 二、突出工作重点\u3000全力防范化解风险\u3000\u3000要聚焦道路交通和危险化学品等重点领域。"
    )
    texts = [line.text for line in restore_lines([Line(1, collapsed)])]
    assert "一、提高政治站位\u3000切实增强责任感" in texts
    assert "二、突出工作重点\u3000全力防范化解风险" in texts


def test_an_indented_first_line_of_a_justified_page_is_full() -> None:
    page = "\n".join(
        [
            "\u3000\u3000全县各级各部门要牢固树立安全发展理念，坚持人民至上、",  # indented: two characters shorter
            "生命至上，统筹发展和安全，切实把安全生产工作摆在更加突出的",
            "位置，坚决防范遏制重特大事故发生，确保人民群众生命财产安全",
            "和社会大局稳定。",
            "\u3000\u3000要压紧压实安全生产责任，严格落实党政同责、一岗双责、",
            "齐抓共管、失职追责，推动企业落实安全生产主体责任，确保各项",
            "措施落到实处。",
        ]
    )
    assert [line.text[:4] for line in join_wrapped(lines_of(page))] == ["全县各级", "要压紧压"]


def test_a_wrapped_line_that_starts_with_a_number_in_a_sentence_runs_on() -> None:
    page = "\n".join(
        [
            "\u3000\u3000特别是3月份以来，随着企业复工复产全面铺开，各类生产",
            "经营活动已经逐步恢复正常水平，用工需求十分旺盛，加上第",  # full, in the middle of a sentence
            "二、三产业新招录员工大量进入生产岗位，部分企业安全培训跟",
            "不上，“三违”行为明显增多，事故起数较去年同期有所上升。",
            "\u3000\u3000二、清醒认识二季度面临的风险挑战",
            "\u3000\u3000二季度是全年安全生产的关键时期，有清明、五一、端午",
            "三个节假日，人员流动和车流量大幅增加，各类风险交织叠加。",
        ]
    )
    joined = [line.text for line in join_wrapped(lines_of(page))]
    assert [text[:6] for text in joined] == ["特别是3月份", "二、清醒认识", "二季度是全年"]
    assert "加上第二、三产业新招录员工" in joined[0]


def test_a_collapsed_slogan_title_its_subtitle_byline_and_date_line_are_lines_again() -> None:
    collapsed = (
        "守牢安全底线 护航乡村振兴 ——在全县2023年安全生产工作会议上的讲话 县长 王某某 （2023年3月15日） "
        "同志们： 今天，我们召开全县安全生产工作会议，主要任务是总结去年工作，分析当前形势，部署今年任务。"
        "一、提高认识 要认清当前安全生产形势的复杂性和严峻性。"
    )
    pieces = [line.text for line in restore_lines([Line(1, collapsed)])]
    assert pieces[:5] == [
        "守牢安全底线 护航乡村振兴",
        "——在全县2023年安全生产工作会议上的讲话",
        "县长 王某某",
        "（2023年3月15日）",
        "同志们：",
    ]
    assert squash("".join(pieces)) == squash(collapsed)


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("在全区安全生产工作会议上的讲话同志们：", ["在全区安全生产工作会议上的讲话", "同志们："]),
        ("同志们：今天，我们召开全县安全生产工作会议。", ["同志们：", "今天，我们召开全县安全生产工作会议。"]),
        ("各位领导、同志们：刚才，我们收听收看了全省会议。", ["各位领导、同志们：", "刚才，我们收听收看了全省会议。"]),
        ("我们：要抓好落实。", ["我们：要抓好落实。"]),
        ("王书记的讲话同志们：都要认真学习。", ["王书记的讲话同志们：都要认真学习。"]),
    ],
)
def test_a_salutation_glued_to_its_title_or_paragraph_is_a_line_of_its_own(line: str, pieces: list[str]) -> None:
    assert [piece.text for piece in split_collapsed(Line(1, line))] == pieces


def test_the_audience_addressed_again_after_a_sentence_starts_a_paragraph() -> None:
    # 绝不姑息。 ends two characters short of the width, which a justified line may do and still run on; but a
    # speech turns to its audience (同志们，) only at a paragraph's start: the closing is not glued to it.
    page = "\n".join(
        [
            "今年以来，全市危险化学品领域总体保持平稳，未",
            "发生较大以上事故。但是，我们也要清醒看到，全市",
            "涉及危险化学品的企业数量多、分布散，部分企业装",
            "置老化、自动化水平低，安全管理基础薄弱。",
            "各有关部门要加强协调配合，形成工作合力。要加强",
            "执法检查，对违法违规行为依法严惩，绝不姑息。",
            "同志们，危险化学品安全事关人民群众生命财产安全",
            "，我们一定要以对人民高度负责的态度，把各项工作",
            "做实做细，坚决防范遏制重特大事故发生。",
        ]
    )
    joined = [line.text for line in join_wrapped(lines_of(page))]
    assert [text[:4] for text in joined] == ["今年以来", "各有关部", "同志们，"]
    assert joined[1].endswith("绝不姑息。")


@pytest.mark.parametrize(
    ("first", "second", "joins"),
    [
        ("今天召开会议，主要任务是总结去年全县安全", "生产工作。", True),  # a clause of the sentence is done
        ("但也要看到，部分企业", "主体责任落实不到位。", True),
        ("要聚焦危险化学品、燃气、", "自建房等重点领域。", True),  # a list's 、 with its next entry to come
        ("二、", "压实责任", True),  # a heading's number alone goes on in its heading
        ("全县事故起数实现双下降。但也要看到", "部分企业主体责任落实不到位。", True),  # a sentence before it
        ("必须引起高度重视。", "要紧盯重点行业领域。", False),
        ("下面，我讲两点意见：", "要紧盯重点行业领域。", False),
        ("他说，“必须引起高度重视。”", "要紧盯重点行业领域。", False),
        ("要紧盯重点行业领域，", "一是全面排查重大事故隐患。", False),  # an item's marker starts a paragraph
        ("要紧盯重点行业领域，", "（一）全面排查重大事故隐患。", False),
        ("要抓好各项工作，", "同志们，安全生产责任重于泰山。", False),
        # 你们， is a pronoun the page's edge put first, no audience addressed: the sentence goes on.
        ("会后，县政府办公室将把市长在专题会议上", "的讲话印发给你们，请认真学习。", True),
        ("要紧盯重点行业领域，", "　　全面排查重大事故隐患。", False),  # the page indented it: a new paragraph
        ("在全县安全生产工作会议上的讲话", "县长　王某某", False),  # no sentence under way
        ("县长　王某某", "（2024年2月21日）", False),
        ("一、正视问题，清醒认识当前形势", "过去一年，全县事故起数实现双下降。", False),  # a heading
    ],
)
def test_a_line_a_web_page_broke_joins_the_next_only_in_the_middle_of_a_sentence(
    first: str, second: str, joins: bool
) -> None:
    lines = [Line(1, first, soft_break=True), Line(2, second.strip(), second[:1].isspace())]
    joined = [line.text for line in join_wrapped(lines)]
    assert joined == ([first + second.strip()] if joins else [first, second.strip()])


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("（\n一）压实企业主体责任。", ["（一）压实企业主体责任。"]),
        ("二、\n压实部门监管责任", ["二、压实部门监管责任"]),
        ("（三）\n强化应急处置。", ["（三）强化应急处置。"]),
        ("要落实责任。（\n二）压实部门监管责任。", ["要落实责任。", "（二）压实部门监管责任。"]),
        # A number alone over another numbered line, a bracket in a sentence: nothing is moved.
        ("二、\n（一）压实责任。", ["二、", "（一）压实责任。"]),
        ("按照规定（\n试行）执行。", ["按照规定（", "试行）执行。"]),
    ],
)
def test_a_heading_s_number_broken_off_its_line_is_put_back(text: str, joined: list[str]) -> None:
    assert [line.text for line in join_wrapped(lines_of(text))] == joined


def test_a_list_in_a_sentence_goes_on_at_a_full_line_s_end_but_not_after_an_entry_on_its_own_line() -> None:
    page = "\n".join(
        [
            "\u3000\u3000要重点抓好以下几项工作：（1）检查全县水库安全；",  # full, its entry done
            "（2）逐村核查转移路线和避险场所，落实到户到人员；",
            "（3）逐点落实城区易涝点排涝措施和值守人员。",
            "\u3000\u3000各乡镇要充实抢险队伍和物资，做到召之即来、来之",
            "能战，确保关键时刻拉得出、冲得上、打得赢，坚决守住",
            "安全底线。",
        ]
    )
    lines = lines_of(page)
    assert [line.text[:4] for line in join_wrapped(lines, lines * 3)] == ["要重点抓", "各乡镇要"]
    alone = [Line(1, "（1）逐库开展水库安全检查；", soft_break=True), Line(2, "（2）逐村核查转移路线。")]
    assert [line.text for line in join_wrapped(alone)] == [line.text for line in alone]


@pytest.mark.parametrize(
    ("above", "joined"),
    [
        ("县委常委、副县长　黄某某　　　　　（2023年11月8日）", False),  # a byline beside its date, across the page
        ("对这次会议的精神，县委、县政府已作出部署，要求我", True),  # a sentence under way: 们： is its rest
    ],
)
def test_a_salutation_alone_under_a_full_line_with_no_sentence_under_way_opens_the_speech(
    above: str, joined: bool
) -> None:
    """A byline set beside its date in a template's row reaches a PDF's right edge, as a wrapped line does; the
    同志们： under it is the speech's opening all the same, never the rest of the byline."""
    lines = [Line(1, above, runs_on=True), Line(2, "们：" if joined else "同志们："), Line(3, "今天召开全县会议。")]
    texts = [line.text for line in join_wrapped(lines)]
    assert len(texts) == (2 if joined else 3)
