"""Metadata inferred from a speech's text: every rule on invented lines, and the five seeds read as bare text.

Every line here is invented for the rule it tests (no text is copied from a real speech); the seeds are read
from disk. Each rule is checked in simplified and traditional characters and with ASCII punctuation where
the form of the text matters.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path

import pytest

from speechkb.model import Evidence, Line, Metadata, Origin
from speechkb.stages.infer import METADATA_FILE, MetadataRules, infer_metadata, load_metadata_rules
from speechkb.stages.readers import read_source
from speechkb.stages.vocabulary import VocabularyError
from tests.growth import STEP_GROWTH_MAX, slow_runs, step_growth

ROOT = Path(__file__).resolve().parent.parent
VOCABULARIES = ROOT / "vocabularies"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RULES = load_metadata_rules(VOCABULARIES)

HELLO = "同志们："
MEETING_TITLE = "在全县2024年安全生产工作会议上的讲话"


def infer(
    title: str | None = None,
    front: Sequence[str] = (),
    body: Sequence[str] = (HELLO,),
    rules: MetadataRules = RULES,
    signature: Sequence[str] = (),
    signers: Sequence[str] = (),
    file_name: str = "",
) -> tuple[Metadata, dict[str, Evidence]]:
    """Infer from strings numbered as a file would be: the title on line 1, then the front lines, then the body."""
    number = 0

    def lines(texts: Sequence[str]) -> list[Line]:
        nonlocal number
        numbered = []
        for text in texts:
            number += 1
            numbered.append(Line(number, text))
        return numbered

    title_line = lines([title])[0] if title is not None else None
    metadata, evidence = infer_metadata(
        title_line, lines(front), lines(body), rules, lines(signature), signers=lines(signers), file_name=file_name
    )
    by_field = {item.field: item for item in evidence}
    assert len(by_field) == len(evidence), "one evidence per field"
    assert set(by_field) == {name for name, value in vars(metadata).items() if value is not None}
    assert metadata.title is None and metadata.slug is None
    return metadata, by_field


# --- the shipped rules ------------------------------------------------------------------------------------


def test_the_shipped_rules_load() -> None:
    assert RULES.scan_lines >= 3
    assert RULES.cue_words is not None and RULES.cue_patterns


# --- date ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("（2023年3月15日）", "2023-03-15"),
        ("(2023年3月15日)", "2023-03-15"),
        ("2023年3月15日", "2023-03-15"),
        ("（2023年 3月 5日）", "2023-03-05"),
        ("2025-04-02", "2025-04-02"),
        ("2023-3-15", "2023-03-15"),
        ("2025.4.2", "2025-04-02"),
        ("2025/4/2", "2025-04-02"),
        ("（２０２３年３月１５日）", "2023-03-15"),
        ("（２０23年１2月5日）", "2023-12-05"),  # full-width and ASCII digits mixed, as a converted copy has them
        ("（2 0 2 3 年 1 2 月 5 日）", "2023-12-05"),  # a PDF's text layer spacing a justified line's characters
        ("2 0 2 3年3月1 5日", "2023-03-15"),
        ("二〇二三年三月十五日", "2023-03-15"),
        ("二○二二年十二月二十六日", "2022-12-26"),
        ("（2023年3月）", "2023-03"),
        ("（2023年3月15日，根据录音整理）", "2023-03-15"),
        ("（2023年）", "2023"),
        # Numerals mixed as offices type them: the month and the day each in digits or in words.
        ("（2023年12月二十三日）", "2023-12-23"),
        ("（二〇二四年3月5日）", "2024-03-05"),
        ("2024年三月5日", "2024-03-05"),
        ("二〇二四年十二月3日", "2024-12-03"),
        # A two-digit year on a date line of its own: the year of speeches it ends.
        ("（24年5月16日）", "2024-05-16"),
        ("24年5月16日", "2024-05-16"),
    ],
)
def test_a_date_line_under_the_title_dates_the_speech(line: str, date: str) -> None:
    metadata, evidence = infer(MEETING_TITLE, [line])
    assert metadata.date == date
    assert evidence["date"] == Evidence("date", Origin.TEXT, 2, line)


def test_a_date_line_beside_the_byline_and_a_year_in_the_title() -> None:
    metadata, _ = infer("在全县安全生产工作会议上的讲话", ["县长　王某某（2022年1月8日）"])
    assert (metadata.date, metadata.speaker) == ("2022-01-08", "王某某")
    # The date line is more precise than the title's year.
    assert infer(MEETING_TITLE, ["（2024年2月20日）"])[0].date == "2024-02-20"


@pytest.mark.parametrize(
    ("front", "opening", "title", "date"),
    [
        (["2O23年l2月8日"], HELLO, None, "2023-12-08"),
        (["（2023年I月5日）"], HELLO, None, "2023-01-05"),
        (["2o23年3月l5日"], HELLO, None, "2023-03-15"),
        ([], "2024年I月5日，县政府召开全县安全生产委员会全体会议。", None, "2024-01-05"),
        ([], "今天，我们召开全县2O24年安全生产工作会议。", None, "2024"),
        ([], HELLO, "在全县2O24年安全生产工作会议上的讲话", "2024"),
        # Letters alone are no year: neither 2 nor 9 has a letter for it.
        (["lOlO年l月"], HELLO, None, None),
        # A letter beside a date, not in its digits, changes nothing.
        (["（2023年3月15日）I"], HELLO, None, "2023-03-15"),
        # A Chinese year's 〇 read as O or 0, and 日 read as 曰.
        (["（二O二四年五月二十八曰）"], HELLO, None, "2024-05-28"),
        (["二0二三年三月十五日"], HELLO, None, "2023-03-15"),
        (["（2024年5月28曰）"], HELLO, None, "2024-05-28"),
    ],
)
def test_ocr_letters_for_0_and_1_in_a_date_are_its_digits(
    front: list[str], opening: str, title: str | None, date: str | None
) -> None:
    """2O23年l2月8日: OCR of a scanned print reads 0 as the letter O or o and 1 as l or I; inside a date's
    digits they are those digits, and the evidence quotes the line as written."""
    metadata, evidence = infer(title, front, [opening, "今天的会议很重要。"])
    assert metadata.date == date
    if date:
        assert evidence["date"].text in {*front, opening, title}


def test_an_impossible_date_is_no_date() -> None:
    assert infer("在全县安全生产工作会议上的讲话", ["（2023年2月30日）"])[0].date is None
    assert infer("在全县安全生产工作会议上的讲话", ["（24年2月30日）"])[0].date is None
    assert infer("在全县安全生产工作会议上的讲话", ["（79年3月5日）"])[0].date is None  # no year of speeches
    assert infer("在全县安全生产工作会议上的讲话", ["（98年3月5日）"])[0].date == "1998-03-05"
    # Two digits and 年 in a sentence are no date line: 近24年3月以来…
    assert infer("在全县安全生产工作会议上的讲话", ["近24年3月5日以来"])[0].date is None


@pytest.mark.parametrize(
    ("opening", "date"),
    [
        ("2022年12月26日，县政府召开全县安全生产工作会议。会议听取了各部门工作汇报。", "2022-12-26"),
        ("2022年12月26日，县政府召開全縣安全生產工作會議。", "2022-12-26"),
        ("2025-04-02", "2025-04-02"),
        # Its year in two digits, as a lead typed in a hurry writes it.
        ("24年3月5日，县政府召开全县安全生产工作会议，县长王某某出席会议并讲话。", "2024-03-05"),
        # A full date opening a sentence about an accident does not date the speech.
        ("2022年12月26日，某地一处工地发生一起坍塌事故，造成人员伤亡。", None),
        ("22年12月26日，某地一处工地发生一起坍塌事故，造成人员伤亡。", None),
        ("近24年3月5日以来，县政府召开了多次会议。", None),  # two digits in a sentence: no date
    ],
)
def test_a_date_opening_the_speech(opening: str, date: str | None) -> None:
    metadata, evidence = infer(None, [], [opening, HELLO, "今天的会议很重要。"])
    assert metadata.date == date
    if date:
        assert evidence["date"].origin is Origin.TEXT and evidence["date"].line == 1


@pytest.mark.parametrize(
    ("title", "date"),
    [
        ("在县2025年消防安全工作会议上的讲话", "2025"),
        ("在全縣2023年安全生產工作會議上的講話", "2023"),
        ("在二〇二一年全市安全生产工作会议上的讲话", "2021"),
        ("在二○二一年全市安全生产工作会议上的讲话", "2021"),  # ○ typed for 〇
        ("在县2 0 2 5年消防安全工作会议上的讲话", "2025"),
        ("在全县12 2025年安全生产工作会议上的讲话", "2025"),  # a space between two numbers joins no digits
        # 总结2022年、部署2023年: the meeting is held in the later year.
        ("在全县2022年安全生产工作总结暨2023年工作部署会议上的讲话", "2023"),
        ("在全县2019年以来安全生产工作回顾会议上的讲话", None),
        ("在全县1949年安全生产工作会议上的讲话", None),
        ("在全县2099年安全生产工作会议上的讲话", None),
    ],
)
def test_the_year_in_the_title(title: str, date: str | None) -> None:
    metadata, evidence = infer(title)
    assert metadata.date == date
    if date:
        assert evidence["date"] == Evidence("date", Origin.TITLE, 1, title)


@pytest.mark.parametrize(
    ("opening", "date"),
    [
        ("今天，我们召开全市2021年安全生产工作会议，主要任务是总结工作、部署任务。", "2021"),
        ("刚才，某某同志就做好2023年安全生产工作进行了部署，我完全同意。", "2023"),
        ("今天，我们召開全市2021年安全生產工作會議，主要任務是部署工作。", "2021"),
        ("今天,我们召开全市2021年安全生产工作会议,主要任务是部署工作。", "2021"),
        # Years that are about something else.
        ("2019年以来，我市安全生产形势持续稳定向好。", None),
        ("今年事故起数比2020年下降两成，形势总体平稳。", None),
        ("要围绕“十四五”规划和2035年远景目标，抓好安全发展。", None),
        ("与2022年同期相比，今年事故起数有所下降。", None),
        ("2022年，全县共排查隐患三千余处。", None),
    ],
)
def test_the_year_the_opening_states_for_the_meeting(opening: str, date: str | None) -> None:
    metadata, evidence = infer(None, [], [HELLO, opening])
    assert metadata.date == date
    if date:
        assert evidence["date"].origin is Origin.TEXT and evidence["date"].line == 2


REDACTED_YEARS = ["20XX", "202x", "20_", "20**", "**", "×", "X", "xx", "２０ＸＸ", "某"]


@pytest.mark.parametrize("year", REDACTED_YEARS)
def test_a_redacted_year_gives_no_year_never_a_wrong_one(year: str) -> None:
    opening = [HELLO, f"今天，我们召开全县{year}年安全生产工作会议。", "2019年以来，全县安全生产形势稳定。"]
    assert infer(f"在全县{year}年安全生产工作会议上的讲话", [], opening)[0].date is None
    assert infer(None, [], opening)[0].date is None
    assert infer(None, [], [HELLO, f"就做好{year}年安全生产工作进行了部署。"])[0].date is None
    # A month and day with a redacted year give nothing either, and hide the years mentioned further down.
    dated = infer(None, [f"（{year}年3月15日）"], [HELLO, "今天，我们召开全市2021年安全生产工作会议。"])[0]
    assert dated.date is None


@pytest.mark.parametrize("line", ["（20XX年3月15日）", "（20XX年）", "（××××年×月×日）"])
def test_a_redacted_date_line_leaves_the_year_the_title_states(line: str) -> None:
    assert infer(MEETING_TITLE, [line])[0].date == "2024"
    assert (
        infer("在全县安全生产工作会议上的讲话", [line], [HELLO, "今天，我们召开全县2021年安全生产工作会议。"])[0].date
        is None
    )


def test_the_title_year_wins_over_the_opening_year() -> None:
    body = [HELLO, "今天，我们召开全县2023年安全生产工作会议。"]
    assert infer(MEETING_TITLE, [], body)[0].date == "2024"


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("2023-06-12 县长在防汛会上的讲话.txt", "2023-06-12"),
        ("20230612县长讲话.txt", "2023-06-12"),
        ("（2023.6.12）县长讲话.txt", "2023-06-12"),
        ("县长讲话2023.6.12.txt", "2023-06-12"),
        ("2023年6月县长讲话.docx", "2023-06"),
        ("２０２３－０６－１２县长讲话.txt", "2023-06-12"),
        ("2023年县长讲话.txt", None),  # a bare year may number anything in a name
        ("20230231县长讲话.txt", None),  # no such day
        ("120230612号文件.txt", None),  # eight digits of a longer number
        ("20XX年6月县长讲话.txt", None),
    ],
)
def test_a_date_in_the_file_name_dates_a_speech_whose_text_gives_none(name: str, date: str | None) -> None:
    metadata, evidence = infer(
        "在全县防汛工作会议上的讲话", [], [HELLO, "当前，我县已全面进入主汛期。"], file_name=name
    )
    assert metadata.date == date
    if date:
        assert evidence["date"] == Evidence("date", Origin.FILE_NAME, None, name)
        assert metadata.season is None  # the name's month says the season, as a date line's would
    else:
        assert metadata.season == "夏"


@pytest.mark.parametrize(
    ("title", "front", "date"),
    [
        ("在全县防汛工作会议上的讲话", ["（2023年6月8日）"], "2023-06-08"),
        ("在全县2022年防汛工作会议上的讲话", [], "2022"),  # the title's year, though it says less
        ("在全县防汛工作会议上的讲话", ["（20XX年6月8日）"], None),  # the text hides the date
    ],
)
def test_the_text_s_date_wins_over_the_file_name(title: str, front: list[str], date: str | None) -> None:
    assert infer(title, front, file_name="2023-06-12 县长讲话.txt")[0].date == date


def test_a_month_day_without_any_year_is_no_date() -> None:
    assert infer(None, ["（3月15日）"], [HELLO, "3月15日，县政府召开全县安全生产工作会议。"])[0].date is None


@pytest.mark.parametrize(
    ("issue", "lead", "date"),
    [
        ("清岚县安全生产委员会办公室编　　2023年6月12日", "编者按：6月8日，全县防汛工作会议召开。", "2023-06-08"),
        ("清岚县人民政府办公室　　2024年1月5日印发", "12月28日，全县安全生产工作会议召开。", "2023-12-28"),
        (
            "清岚县安全生产委员会办公室编　二〇二三年六月十二日",
            "编者按：六月八日，全县防汛工作会议召开。",
            "2023-06-08",
        ),
        ("清嵐縣安全生產委員會辦公室編 2023年6月12日", "編者按:6月8日,全縣防汛工作會議召開。", "2023-06-08"),
        # A masthead on one line: its issue number, not an issue word, makes its last date the issue's.
        (
            "安全生产工作简报　第5期　清岚县安全生产委员会办公室　2023年4月12日",
            "编者按：4月10日，全县防汛工作会议召开。",
            "2023-04-10",
        ),
        (
            "安全生产简报（2023年第3期）　二〇二三年三月二十日",
            "编者按：三月十八日，全县防汛工作会议召开。",
            "2023-03-18",
        ),
        # A date that an issue number is not before, or that more words follow, dates no issue.
        ("清岚县安全生产委员会办公室　2023年4月12日", "编者按：4月10日，全县防汛工作会议召开。", None),
        ("第5期培训班于2023年4月12日开班", "编者按：4月10日，全县防汛工作会议召开。", None),
        # A web page's publish time is no issue of the text it shows, which may be years old.
        ("发布时间：2023-06-12", "编者按：6月8日，全县防汛工作会议召开。", None),
        # The day of another meeting the lead recalls, and a day that holds no meeting, date nothing.
        ("清岚县安全生产委员会办公室编　　2023年6月12日", "为落实5月20日全市会议精神，全县召开防汛工作会议。", None),
        ("清岚县安全生产委员会办公室编　　2023年6月12日", "编者按：6月8日，县长王某某赴各乡镇检查。", None),
    ],
)
def test_a_leads_month_and_day_are_in_the_year_of_the_document_that_carries_it(
    issue: str, lead: str, date: str | None
) -> None:
    body = [Line(3, HELLO), Line(4, "要抓好落实。")]
    metadata, evidence = infer_metadata(
        Line(2, "在全县防汛工作会议上的讲话"), [], body, RULES, above=[Line(1, lead)], page=[Line(5, issue)]
    )
    assert metadata.date == date
    if date:
        assert next(item.line for item in evidence if item.field == "date") == 1


@pytest.mark.parametrize(
    ("front", "date"),
    [
        # A 农历 day of the lunar year written: its Gregorian day (腊月 falls in January or February of the next year).
        (["二〇二四年腊月二十三"], "2025-01-22"),
        (["（2024年农历正月初八）"], "2024-02-17"),
        (["2023年冬月十五"], "2023-12-27"),
        (["二〇二四年农历冬月初十"], "2024-12-10"),
        (["2023年闰二月初五"], "2023-03-26"),  # the leap month after 二月
        (["二〇二四年腊月廿三日"], "2025-01-22"),  # 日 after a day only the 农历 has
        (["二〇二三年十二月初八日"], "2024-01-18"),  # 初八 makes 十二月 the lunar month, not December
        (["二〇二三年十二月二十三日"], "2023-12-23"),  # nothing lunar in it: the Gregorian day
        (["2024年腊月三十"], "2025"),  # a day the month lacks (29 days): no closer than the year of its end
        (["2024年闰五月初一"], "2024"),  # a leap month the year lacks: the year written
        (["（2024年2月1日　农历腊月廿二）"], "2024-02-01"),  # the Gregorian day beside it says more
        (["二〇二三年三月十五日"], "2023-03-15"),
        # A month in digits with a day only the 农历 names so (初八, 廿三, 二十 with no 日) is the lunar month.
        (["2023年12月初八"], "2024-01-18"),
        (["（2023年12月廿三）"], "2024-02-02"),
        (["2023年12月二十"], "2024-01-30"),
        (["2024年正月初六"], "2024-02-15"),
        (["2023年12月23日"], "2023-12-23"),
        (["2023年12月二十三日"], "2023-12-23"),  # 日 after a whole day in words: the Gregorian day
        (["20XX年腊月二十三"], None),  # redacted
        # The year's 干支 name: the one year of the 60-year cycle among the years of speeches.
        (["甲辰年腊月二十三"], "2025-01-22"),
        (["（癸卯年冬月初八）"], "2023-12-20"),
        (["庚子年农历正月十五"], "2020-02-08"),
        (["农历甲辰年腊月二十三日"], "2025-01-22"),
        (["农历二〇二三年十二月二十三日"], "2024-02-02"),  # 农历 says the month and day are the lunar year's
        (["甲辰年"], None),  # a year's name alone is no date line
    ],
)
def test_a_lunar_date_line_gives_its_gregorian_day(front: list[str], date: str | None) -> None:
    assert infer("在全镇春节前安全生产工作会议上的讲话", front)[0].date == date


@pytest.mark.parametrize(
    ("lead", "date"),
    [
        ("2024年正月初八，白石镇召开节后复工复产安全生产工作会议。", "2024-02-17"),
        ("2023年12月初八，县政府召开全县冬季安全生产工作会议。", "2024-01-18"),
        ("癸卯年冬月初八，镇党委召开森林防火工作会议。", "2023-12-20"),
        ("2024年正月初八，全镇企业陆续复工。", None),  # a day told of, no meeting held on it
    ],
)
def test_a_lead_dating_its_meeting_by_the_lunar_calendar_dates_the_speech(lead: str, date: str | None) -> None:
    assert infer("在全镇安全生产工作会议上的讲话", body=[lead, HELLO])[0].date == date


def test_a_sexagenary_name_with_two_years_in_the_range_names_none(tmp_path: Path) -> None:
    shutil.copy(VOCABULARIES / METADATA_FILE, tmp_path / METADATA_FILE)
    path = tmp_path / METADATA_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("first_year: 1980", "first_year: 1970"), encoding="utf-8")
    rules = load_metadata_rules(tmp_path)
    assert rules.cycle_years["癸卯"] == 2023  # 1963 is out of the range
    assert "辛亥" not in rules.cycle_years  # 1971 and 2031
    assert infer("在全镇春节前安全生产工作会议上的讲话", ["辛亥年腊月二十三"], rules=rules)[0].date is None
    # A range of over 120 years holds every name twice: no name is a year, and a year in digits still is.
    path.write_text(path.read_text(encoding="utf-8").replace("first_year: 1970", "first_year: 1900"), encoding="utf-8")
    rules = load_metadata_rules(tmp_path)
    assert not rules.cycle_years
    assert infer("在全镇春节前安全生产工作会议上的讲话", ["甲辰年腊月二十三"], rules=rules)[0].date is None
    assert infer("在全镇春节前安全生产工作会议上的讲话", ["二〇二四年腊月二十三"], rules=rules)[0].date == "2025-01-22"


@pytest.mark.parametrize(
    ("title", "lead", "date"),
    [
        (MEETING_TITLE, "3月15日，县安委会召开全县安全生产工作会议。", "2024-03-15"),
        (MEETING_TITLE, "3月15日，全县安全生产工作会议在县政府召开。", "2024-03-15"),
        (MEETING_TITLE, "3月15日，县长王某某赴企业检查。", "2024"),  # a day that holds no meeting
        # The year the lead gives its meeting is the year of its day too.
        ("在全县安全生产工作会议上的讲话", "3月15日，县安委会召开全县2024年安全生产工作会议。", "2024-03-15"),
        ("在全县安全生产工作会议上的讲话", "3月15日，县安委会召开全县安全生产工作会议。", None),
    ],
)
def test_a_leads_month_and_day_are_in_the_year_the_title_states(title: str, lead: str, date: str | None) -> None:
    assert infer(title, [], [lead, HELLO, "下面，我讲几点意见。"])[0].date == date


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("2024-县长讲话.txt", "2024-05-20"),
        ("2024年县长讲话.txt", "2024-05-20"),
        ("（2024）县长讲话.txt", "2024-05-20"),
        ("县长讲话2024.txt", None),  # four digits at the end may number anything
        ("12024县长讲话.txt", None),
    ],
)
def test_a_leads_month_and_day_are_in_the_year_the_file_name_opens_with(name: str, date: str | None) -> None:
    lead = "5月20日，全县防汛工作会议在县政府召开。"
    metadata, evidence = infer("在全县防汛工作会议上的讲话", [], [lead, HELLO, "下面，我讲几点意见。"], file_name=name)
    assert metadata.date == date
    if date:
        assert evidence["date"] == Evidence("date", Origin.FILE_NAME, None, name)


@pytest.mark.parametrize(
    ("title", "front", "lead", "post", "date"),
    [
        # The day a post went out dates a speech that gives none of its own.
        (
            "在全县安全生产工作会议上的讲话",
            [],
            "",
            "原创 清溪应急 清溪应急管理 2024年03月05日 18:00 江苏",
            "2024-03-05",
        ),
        ("在全县安全生产工作会议上的讲话", [], "", "2024-03-05 09:12 发表于江苏", "2024-03-05"),
        ("在全县安全生产工作会议上的讲话", [], "", "清溪应急 2024-03-05 18:00", "2024-03-05"),
        # A portal's labelled publish time is no post's: a portal shows old texts too.
        ("在全县安全生产工作会议上的讲话", [], "", "发布时间：2024-03-05 09:12", None),
        ("在全县安全生产工作会议上的讲话", [], "", "2024-03-05", None),
        # A lead's day is in the post's year; the year before for a day later in the year.
        (
            "在全县安全生产工作会议上的讲话",
            [],
            "3月4日，全县安全生产工作会议召开。",
            "2024-03-05 09:12 发表于江苏",
            "2024-03-04",
        ),
        (
            "在全县安全生产工作会议上的讲话",
            [],
            "12月28日，全县安全生产工作会议召开。",
            "2024-01-03 09:12 发表于江苏",
            "2023-12-28",
        ),
        # The text's own date wins; its year alone is told to the day by a post of that year only.
        ("在全县安全生产工作会议上的讲话", ["（2024年3月1日）"], "", "2024-03-05 09:12 发表于江苏", "2024-03-01"),
        (MEETING_TITLE, [], "", "2024-03-05 09:12 发表于江苏", "2024-03-05"),
        (MEETING_TITLE, [], "", "2025-01-05 09:12 发表于江苏", "2024"),
    ],
)
def test_a_wechat_posts_day_dates_a_speech_that_gives_none(
    title: str, front: list[str], lead: str, post: str, date: str | None
) -> None:
    body = [Line(9, text) for text in (lead, HELLO, "要抓好落实。") if text]
    metadata, evidence = infer_metadata(
        Line(1, title), [Line(2 + i, text) for i, text in enumerate(front)], body, RULES, page=[Line(20, post)]
    )
    assert metadata.date == date
    if date and not front and not lead and len(date) == len("2024-03-05"):  # 日期据网页, on the post's line
        grounds = next(item for item in evidence if item.field == "date")
        assert (grounds.origin, grounds.line) == (Origin.PAGE, 20)


# --- level --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("在全国安全生产电视电话会议上的讲话", "国家"),
        ("在全省安全生产工作会议上的讲话", "省"),
        ("在自治区安全生产工作会议上的讲话", "省"),
        ("在全市安全生产工作会议上的讲话", "市"),
        ("在全州安全生产工作会议上的讲话", "市"),
        ("在全盟安全生产工作会议上的讲话", "市"),
        ("在市安委会全体会议上的讲话", "市"),
        ("在全县安全生产工作会议上的讲话", "县"),
        ("在全区安全生产工作会议上的讲话", "县"),
        ("在全旗安全生产工作会议上的讲话", "县"),
        ("在县2025年消防安全工作会议上的讲话", "县"),
        ("在县委常委会扩大会议上的讲话", "县"),
        ("在全镇安全生产工作会议上的讲话", "乡镇"),
        ("在全乡安全生产大会上的讲话", "乡镇"),
        ("在全街道安全生产工作会议上的讲话", "乡镇"),
        ("在公司2024年安全生产工作会议上的讲话", "企业"),
        ("在集团公司安全生产大会上的讲话", "企业"),
        ("在某某化工有限公司安全生产工作会议上的讲话", "企业"),
        ("在全厂安全生产动员大会上的讲话", "企业"),
        ("在全縣安全生產工作會議上的講話", "县"),
        # A development zone or park is governed with a county's powers; a 全市 names a city's meeting of them.
        ("在清岚经济技术开发区2024年安全生产工作会议上的讲话", "县"),
        ("在高新区安全生产暨消防工作会议上的讲话", "县"),
        ("在清岚化工园区安全风险防控工作会议上的讲话", "县"),
        ("在全市化工园区安全整治提升推进会上的讲话", "市"),
        ("在市场监管系统安全生产工作会议上的讲话", None),
    ],
)
def test_the_level_of_the_meeting_in_the_title(title: str, level: str | None) -> None:
    metadata, evidence = infer(title)
    assert metadata.level == level
    if level:
        assert evidence["level"] == Evidence("level", Origin.TITLE, 1, title)


@pytest.mark.parametrize(
    ("title", "level"),
    [
        # The meeting is the city's; 全省 is the meeting it relays.
        ("在全市贯彻落实全省防汛工作电视电话会议精神会议上的讲话", "市"),
        ("在贯彻落实全省安全生产会议精神全市动员大会上的讲话", "市"),
        ("在全县收听收看全国、全省、全市森林防火视频会议后的讲话", "县"),
        # 自治区 relayed: 全区 is a district; 自治区 hosting: 全区 is the region.
        ("在全区贯彻落实自治区安委会全体会议精神会议上的讲话", "县"),
        ("在自治区党委全区安全生产工作会议上的讲话", "省"),
    ],
)
def test_the_titles_own_meeting_wins_over_what_it_relays(title: str, level: str) -> None:
    assert infer(title)[0].level == level


def test_the_title_wins_over_the_opening() -> None:
    body = [HELLO, "今天，我们召开全市安全生产工作会议，我市各级各部门要高度重视。"]
    assert infer("在全县安全生产工作会议上的讲话", [], body)[0].level == "县"


def test_a_title_after_relayed_meetings_leaves_the_level_to_the_opening() -> None:
    body = [HELLO, "刚才，大家一起收看了全国防汛抗旱视频会议，下面我讲几点意见。", "我县安全生产形势总体平稳。"]
    assert infer("在全国安全生产电视电话会议后的讲话", [], body)[0].level == "县"


@pytest.mark.parametrize(
    ("opening", "level"),
    [
        ("今天，我们召开全县安全生产工作会议，主要任务是部署下一阶段工作。", "县"),
        ("今天，市委、市政府召开全市安全生产工作会议，主要任务是部署工作。", "市"),
        ("今天，我們召開全縣安全生產工作會議，主要任務是部署工作。", "县"),
        ("今天，公司召开2024年安全生产工作会议，主要任务是部署全年工作。", "企业"),
        ("今年以来，我公司安全生产形势总体平稳，全公司上下齐心协力。", "企业"),
        ("今年以来，我镇安全生产形势总体平稳。", "乡镇"),
        ("今年以来，全区安全生产形势总体平稳，我区未发生较大事故。", "县"),
        # Another meeting reported, not held: the speaker's own 我县 decides.
        ("近日，国务院安委会召开全国安全生产电视电话会议。今年以来，我县安全生产形势平稳。", "县"),
        # Relayed meetings are not the speaker's; failing all else, the speaker is one level below them.
        ("刚才，大家一起收看了全国、全省防汛抗旱视频会议，下面我讲几点意见。", "市"),
        ("刚才，大家一起收看了全国、全省、全市森林防火视频会议，请大家认真领会。", "县"),
        # A tie is unclear.
        ("今年以来，全县安全生产形势平稳，全市安全生产形势也总体稳定。", None),
        ("今年以来，安全生产形势总体平稳。", None),
    ],
)
def test_the_level_from_the_opening(opening: str, level: str | None) -> None:
    metadata, evidence = infer(None, [], [HELLO, opening])
    assert metadata.level == level
    if level:
        assert evidence["level"].origin is Origin.TEXT and evidence["level"].line == 2
        assert len(evidence["level"].text) <= 60


def test_the_opening_is_all_that_is_read_for_the_level() -> None:
    filler = ["要加强隐患排查，落实各项防范措施。"] * RULES.scan_lines
    assert infer(None, [], [HELLO, *filler, "我市安全生产形势总体平稳。"])[0].level is None


@pytest.mark.parametrize(
    ("byline", "level"),
    [
        ("县委副书记、县长　王某某", "县"),
        ("市委常委、县委书记　王某某", "县"),  # the office nearest the name is the speaker's own
        ("副市长　王某某", "市"),
        ("镇长　王某某", "乡镇"),
        ("开发区党工委书记、管委会主任　王某某", "县"),
        ("总经理　王某某", "企业"),
        ("王某某", None),
    ],
)
def test_the_level_from_a_byline(byline: str, level: str | None) -> None:
    metadata, evidence = infer(None, [byline], [HELLO, "下面，我讲几点意见。"])
    assert metadata.level == level
    if level:
        assert evidence["level"] == Evidence("level", Origin.TEXT, 1, byline)


# --- season -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "season"),
    [
        ("元旦、春节即将到来，各单位要抓好值班值守。", "冬"),
        ("各地要提前谋划，确保“两会”期间安全。", "冬"),
        ("当前已进入主汛期，防汛形势严峻。", "夏"),
        ("要总结上半年工作，安排部署下半年任务。", "夏"),
        ("清明节即将到来，要抓好森林防火。", "春"),
        ("眼下春耕农忙，农机具下田作业明显增多。", "春"),
        ("要做好节后复工复产安全检查。", "春"),
        ("春节刚过，各企业陆续复工复产。", "春"),
        ("在汛期前组织开展一次隐患排查。", "春"),
        ("中秋、国庆长假即将来临，出游人数明显增多。", "秋"),
        ("眼下汛期已经结束，水库巡查仍不可放松。", "秋"),
        ("要抓好秋冬季火灾防控工作。", "秋"),
        ("元旦、春節即將到來，各單位要抓好值班值守。", "冬"),
        # A past example is no cue; nothing at all is no season.
        ("去年春节期间，某地发生一起火灾。", None),
        ("要加强隐患排查，落实各项防范措施。", None),
    ],
)
def test_the_season_from_cues(sentence: str, season: str | None) -> None:
    metadata, evidence = infer(None, [], [HELLO, "下面，我讲几点意见。", sentence])
    assert metadata.season == season
    if season:
        assert evidence["season"].line == 3 and evidence["season"].origin is Origin.TEXT


def test_the_season_is_decided_by_the_weight_of_the_cues() -> None:
    # 春节 once in the opening, ahead of the meeting; spring cues after it: spring.
    body = [
        HELLO,
        "这次会议也要安排好节日安全，保障春节期间群众出行平安。",
        "眼下春耕农忙，农机具下田作业明显增多。",
        "清明祭扫即将开始，林区野外用火风险上升。",
        "“三月三”歌会人员聚集，要做好安保。",
        "清明前后要严防山火。",
    ]
    assert infer(None, [], body)[0].season == "春"
    # With the spring cues gone, 春节 ahead is winter.
    assert infer(None, [], body[:2])[0].season == "冬"


def test_tied_or_close_cues_give_no_season() -> None:
    assert infer(None, [], [HELLO, "春节和清明都要加强值守。"])[0].season is None
    assert infer(None, [], [HELLO, "确保春节期间安全。", "汛期要加强巡查，高温天气要注意防暑。"])[0].season is None


def test_the_longest_cue_wins_where_cues_overlap() -> None:
    # 春节后 is spring, not also 春节 (winter); 秋冬季 is autumn, not also 冬季.
    assert infer(None, [], [HELLO, "春节后，各企业陆续复工。"])[0].season == "春"
    assert infer(None, [], [HELLO, "要做好秋冬季安全防范。"])[0].season == "秋"


def test_a_festival_just_past_places_the_meeting_in_its_season() -> None:
    # 国庆节刚过 is October: with the 四季度 ahead, it outweighs a winter task ahead (抓好冬季“四防”).
    body = [HELLO, "国庆节刚过，要部署第四季度工作。", "（一）抓好冬季“四防”工作。", "第四季度要抓好三项工作。"]
    assert infer(None, [], body)[0].season == "秋"
    # 国庆 not said to be just past counts as a cue only: the seasons are then too close to call.
    assert infer(None, [], [HELLO, "国庆节期间，要部署第四季度工作。", *body[2:]])[0].season is None


def test_a_cue_in_the_title_counts_as_what_lies_ahead() -> None:
    metadata, evidence = infer("在全县春节前安全生产工作会议上的讲话", [], [HELLO, "汛期过后，要加强总结。"])
    assert metadata.season == "冬"
    assert evidence["season"].origin is Origin.TITLE


def test_the_season_is_not_inferred_when_the_month_is_known() -> None:
    metadata, _ = infer(MEETING_TITLE, ["（2024年1月10日）"], [HELLO, "要确保元旦、春节期间安全。"])
    assert (metadata.date, metadata.season) == ("2024-01-10", None)
    # A year alone leaves the season to the cues.
    assert infer(MEETING_TITLE, [], [HELLO, "要确保元旦、春节期间安全。"])[0].season == "冬"


def test_season_cues_are_read_in_the_whole_body() -> None:
    filler = ["要加强隐患排查，落实各项防范措施。"] * (RULES.scan_lines * 3)
    assert infer(None, [], [HELLO, *filler, "要确保元旦、春节期间安全。"])[0].season == "冬"


# --- speaker ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "speaker"),
    [
        ("县委副书记、县长　王某某", "王某某"),
        ("县委副书记、县长 王某某", "王某某"),
        ("王某某", "王某某"),
        ("王某某同志", "王某某"),
        ("县长王某某", "王某某"),
        ("县委书记张长江", "张长江"),
        ("县长　王　某", "王某"),
        ("王 某 某", "王某某"),
        ("縣長　陳某某", "陳某某"),  # as written
        ("縣長　王某某", "王某某"),
        ("（县长　王某某）", "王某某"),
        ("讲话人：王某某", "王某某"),
        ("讲话人:县长 王某某", "王某某"),
        ("讲 话 人：县委副书记、县长　王某某", "王某某"),  # a label spaced out to four characters
        ("主 持 人：县政府办公室主任　钱某某", None),  # who chaired, not who spoke
        ("县长：王某某", "王某某"),
        ("青川县县长：王某某", "王某某"),
        ("县委副书记、县长:王某某", "王某某"),
        # The speaker is a name: an office alone, or over a redacted name, names no one.
        ("县长", None),
        ("县委副书记、县长", None),
        # Offices spaced apart, as 、 parts them: the space is kept as written where the office stands for the name.
        ("县委副书记 县长　王某某", "王某某"),
        ("县委常委　常务副县长　王某某", "王某某"),
        # A date line run into the byline (a copy that joined two lines): the byline after the date names him.
        ("（2024年3月5日）　县长　王某某", "王某某"),
        ("2024年3月5日　县委副书记、县长王某某", "王某某"),
        ("2024年3月5日上午", None),
        # A two-character name before an office starting with 副 or 常务: 张伟, not 张伟副.
        ("张伟副县长", "张伟"),
        ("张伟常务副县长", "张伟"),
        ("欧阳明县长", "欧阳明"),
        ("县委副书记 县长王某某", "王某某"),
        # The name first, its office after it in brackets or glued on: a redacted name is no place's.
        ("刘某某（集团公司总经理）", "刘某某"),
        ("张某某（县委书记）", "张某某"),
        ("张某某县委书记", "张某某"),
        ("青岚县委书记", None),  # a place before 县委: an office and no name
        ("县委副书记　县长", None),
        ("县委副书记 县长　***", None),
        # A redacted name is no name, and its office stands in for no one.
        ("县长　***", None),
        ("市应急管理局局长　××", None),
        ("***", None),
        ("某某某", None),
        ("（根据录音整理）", None),
        ("——在全县安全生产工作会议上的讲话", None),
        # A date's label is no name: a meeting's record under its title (时间：…　地点：…).
        ("时间：2023年6月8日", None),
        ("日期：2023年6月8日", None),
        ("印发日期：2023年6月8日", None),
        ("时间：2023年6月8日上午", None),
        ("时间:2023-06-08", None),
    ],
)
def test_the_speaker_from_a_byline(byline: str, speaker: str | None) -> None:
    metadata, evidence = infer("强化责任担当　守牢安全底线", [byline])
    assert metadata.speaker == speaker
    if speaker:
        assert evidence["speaker"] == Evidence("speaker", Origin.TEXT, 2, byline)


@pytest.mark.parametrize(
    ("title", "speaker"),
    [
        ("徐某某同志在全县安全生产工作会议上的讲话", "徐某某"),
        ("张三在全县安全生产工作会议上的讲话", "张三"),
        ("县长王某某在全县安全生产工作会议上的讲话", "王某某"),
        ("王某某副县长在全县安全生产工作会议上的讲话", "王某某"),
        ("***同志在全县安全生产工作会议上的讲话", None),
        ("在全县安全生产工作会议上的讲话", None),
        ("关于在全县开展安全生产大检查的讲话", None),
        # 在会上 names no meeting, but the name before 在 is still who spoke.
        ("县长王某某在会上的讲话", "王某某"),
        ("王某某同志在会议上的讲话", "王某某"),
        ("王某某在会上的表态发言（摘要）", "王某某"),
        ("在会上的讲话", None),
        # A host's line inviting a speaker is no title: its name is not the speech's speaker.
        ("下面请县长王某某在会上讲话", None),
        ("下面请县长王某某在会上的讲话", None),
    ],
)
def test_the_speaker_from_the_title(title: str, speaker: str | None) -> None:
    metadata, evidence = infer(title)
    assert metadata.speaker == speaker
    if speaker:
        assert evidence["speaker"] == Evidence("speaker", Origin.TITLE, 1, title)


def test_a_title_with_a_bare_会上_names_no_meeting_and_leaves_it_to_the_opening() -> None:
    title = "县长王某某在会上的讲话"
    assert infer(title)[0].meeting is None
    metadata, evidence = infer(title, [], [HELLO, "今天，我们召开全县安全生产工作会议，部署下一阶段工作。"])
    assert (metadata.meeting, metadata.speaker) == ("全县安全生产工作会议", "王某某")
    assert evidence["meeting"].origin is Origin.TEXT


@pytest.mark.parametrize(
    ("lead", "speaker"),
    [
        ("2022年12月26日，县政府召开全县安全生产工作会议，副县长李某某出席会议并讲话。", "李某某"),
        ("2022年12月26日，县政府召开全县安全生产工作会议，李某某同志出席并作重要讲话。", "李某某"),
        ("2022年12月26日，县政府召开全县安全生产工作会议，副县长***出席会议并讲话。", None),
        ("2022年12月26日，县政府召开全县安全生产工作会议，县长出席会议并讲话。", None),
        # Two offices, and the host in the same sentence: the one who 讲话 spoke, not the one who 主持.
        ("3月15日，全县安全生产工作会议召开。县委副书记、县长陈某某出席会议并讲话，副县长林某某主持会议。", "陈某某"),
        ("3月15日，全县安全生产工作会议召开。副县长林某某主持会议，县委副书记、县长陈某某出席会议并讲话。", "陈某某"),
        ("全县安全生产工作会议召开。县领导陈某某、赵某某出席会议。会上，县长陈某某作重要讲话。", "陈某某"),
        ("全县安全生产工作会议召开，县长陈某某发表讲话，副县长林某某传达了全省会议精神。", "陈某某"),
        ("3月15日，我县召开安全生产工作会议，县长陈某某出席会议并发表重要讲话。", "陈某某"),
        ("会上，副县长林某某通报了一季度安全生产情况，县长陈某某在会上讲话。", "陈某某"),
        ("4月2日，区委副书记、区长韩某某在全区安全生产工作会议上发表讲话，对全区工作作出部署。", "韩某某"),
        ("县长陈某某在全县安全生产工作会议上作重要讲话。", "陈某某"),
        ("全縣安全生產工作會議召開。縣委副書記、縣長陳某某出席會議並作重要講話。", "陳某某"),
        ("全县安全生产工作会议召开，县委副书记、县长***出席会议并讲话，副县长林某某主持会议。", None),
        # Who only chaired, attended or relayed, and a list of people who spoke: no speaker.
        ("全县安全生产工作会议召开，副县长林某某主持会议并作重要讲话。", None),
        ("全县安全生产工作会议召开，县领导陈某某、赵某某出席会议。", None),
        ("全县安全生产工作会议召开，副县长林某某传达了省长陈某某讲话精神。", None),
        ("全县安全生产工作会议召开，县长陈某某、副县长林某某出席会议并讲话。", None),
    ],
)
def test_the_speaker_an_opening_line_names(lead: str, speaker: str | None) -> None:
    metadata, evidence = infer("在全县安全生产工作会议上的讲话", [], [lead, HELLO, "下面，我讲几点意见。"])
    assert metadata.speaker == speaker
    if speaker:
        assert evidence["speaker"].line == 2 and evidence["speaker"].origin is Origin.TEXT


@pytest.mark.parametrize(
    "body",
    [
        # Below the salutation the speech talks: whom it names spoke before, or at another meeting.
        [HELLO, "刚才，林某某同志通报了全县安全生产情况，县长陈某某出席会议并讲话。"],
        [HELLO, "今天召开这次会议。近日，省长陈某某出席全省会议并讲话。"],
        # With no salutation the first line may be a lead, but not one recalling who spoke before.
        ["刚才，县长陈某某作了重要讲话，我完全同意。", "下面，我再讲几点意见。"],
        ["刚才县长陈某某作了重要讲话，我完全同意。", "下面，我再讲几点意见。"],
        ["今天召开全县安全生产工作会议。", "县长陈某某出席会议并讲话。"],
    ],
)
def test_the_speech_itself_names_no_speaker(body: list[str]) -> None:
    assert infer("在全县安全生产工作会议上的讲话", [], body)[0].speaker is None


def test_a_lead_above_the_title_names_the_speaker() -> None:
    lead = Line(1, "全县安全生产工作会议召开。会上，县长陈某某作重要讲话。以下为讲话全文。")
    metadata, evidence = infer_metadata(Line(2, MEETING_TITLE), [], [Line(3, HELLO)], RULES, above=[lead])
    assert metadata.speaker == "陈某某"
    assert [item.line for item in evidence if item.field == "speaker"] == [1]


@pytest.mark.parametrize(
    ("front", "speaker"),
    [
        (["县委副书记、县长", "王某某", "（2024年3月5日）"], "王某某"),
        (["縣委副書記、縣長", "王　偉"], "王偉"),  # a name spaced out to the office's width
        (["县委副书记、县长", "***"], None),  # redacted: the office names no one
        (["县长", "安全第一"], None),  # no surname: words under the office, not a name
    ],
)
def test_an_office_over_a_name_on_the_next_line_is_one_byline(front: list[str], speaker: str | None) -> None:
    assert infer(MEETING_TITLE, front)[0].speaker == speaker


def test_a_byline_wins_over_the_title_for_the_speaker() -> None:
    assert infer("徐某某同志在全县安全生产工作会议上的讲话", ["县长　李某某"])[0].speaker == "李某某"


# --- place --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "front", "place", "level"),
    [
        ("在青川县2024年安全生产工作会议上的讲话", [], "青川县", "县"),
        ("在2024年青川县安全生产工作会议上的讲话", [], "青川县", "县"),
        ("在甘孜州安全生产工作会议上的讲话", [], "甘孜州", "市"),
        ("在青川縣安全生產工作會議上的講話", [], "青川縣", "县"),
        ("强化责任担当　守牢安全底线", ["青川县人民政府副县长　李某某"], "青川县", "县"),
        ("强化责任担当　守牢安全底线", ["中共青川县委书记　李某某"], "青川县", "县"),
        ("强化责任担当　守牢安全底线", ["四川省青川县人民政府县长　李某某"], "青川县", "县"),
        ("青川县县长王某某在全县安全生产工作会议上的讲话", [], "青川县", "县"),
        # A redacted place still tells the level, but is no place.
        ("在某某县安全生产工作会议上的讲话", [], None, "县"),
        ("在XX市安全生产工作会议上的讲话", [], None, "市"),
        # No named place: the title is the county's, the byline an office only.
        ("在全县安全生产工作会议上的讲话", ["县长　王某某"], None, "县"),
        ("在园区安全生产工作会议上的讲话", [], None, "县"),  # a park names no place; it is governed as a county
        # A name before the office is no place's (张伟县长 is not 张伟县), nor is 常务副 a place's name.
        ("在全县安全生产工作会议上的讲话", ["张伟县长"], None, "县"),
        ("在全县安全生产工作会议上的讲话", ["欧阳明副县长"], None, "县"),
        ("在全县安全生产工作会议上的讲话", ["常务副县长　王建国"], None, "县"),
        ("在全市安全生产工作会议上的讲话", ["王建国常务副市长"], None, "市"),
        ("在全县安全生产工作会议上的讲话", ["青川县常务副县长　王建国"], "青川县", "县"),
    ],
)
def test_the_place_the_speaker_governs(title: str, front: list[str], place: str | None, level: str | None) -> None:
    metadata, evidence = infer(title, front)
    assert (metadata.place, metadata.level) == (place, level)
    if place:
        assert evidence["place"].line == (2 if front else 1)


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # At a county meeting, a county named as the subject of a clause is the speaker's own.
        ("刚才，县应急管理局通报了情况，青川县交通运输局、城关镇和县化工集中区作了发言。", "青川县"),
        ("白水县地处交通要道，辖区内有加油站多座。", "白水县"),
        ("白水縣地處交通要道，轄區內有加油站多座。", "白水縣"),
        # A place of another level is a neighbour or a superior; a town is inside the county.
        ("城关镇和河阳市应急管理局作了发言。", None),
        # An accident, a lesson or another place is elsewhere.
        ("以上发生在外区县的两起事故，教训十分深刻。", None),
        ("近期某市发生一起较大事故，我县要引以为戒。", None),
        ("河东县一化工企业发生爆炸，造成人员伤亡。", None),
        ("河东县的事故教训十分深刻。", None),
        ("周边县区要加强联动。", None),
        # Two different names are unclear; common words are no names.
        ("青川县、白水县作了发言。", None),
        ("部分乡镇和部门监管力量不足，集贸市场人员密集。", None),
        # A common word is no name; a county named as the subject, the only one named, is the speaker's own.
        ("重点区位和关键部位要加强巡查。", None),
        ("青川县要加强联系，做好协同。", "青川县"),
        ("首次设置县政府综合督查评价分。", None),
        ("对重大隐患，实行市级挂牌督办。", None),
        ("监管盲区要及时补位。", None),
    ],
)
def test_a_place_the_opening_names_at_the_meetings_level(sentence: str, place: str | None) -> None:
    body = [HELLO, "今天，我们召开全县安全生产工作会议。", sentence]
    metadata, evidence = infer(None, [], body)
    assert (metadata.level, metadata.place) == ("县", place)
    if place:
        assert evidence["place"] == Evidence("place", Origin.TEXT, 3, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "清河区地处城乡结合部，流动人口多。",
        "清河区作为全市的工业大区，企业密集。",
        "清河区位于主城东部，辖区内危化品企业较多。",  # 区 then 位于, not the word 区位
    ],
)
def test_a_district_the_opening_describes_is_the_speaker_s_own(sentence: str) -> None:
    """A district's description (地处城乡结合部) names no place of its own: 地处城乡 is no 乡."""
    body = [HELLO, "今天，我们召开全区安全生产工作会议。", sentence]
    assert infer(None, [], body)[0].place == "清河区"


@pytest.mark.parametrize("sentence", ["清河区位优势明显，物流企业集中。", "重点区位要加强巡查。", "交通区位十分重要。"])
def test_the_word_quwei_after_a_name_is_no_district(sentence: str) -> None:
    """区位 (location) is a word: 清河区位优势 names no 清河区, as 重点区位 names no 重点区."""
    body = [HELLO, "今天，我们召开全区安全生产工作会议。", sentence]
    assert infer(None, [], body)[0].place is None


def test_an_opening_place_needs_the_meetings_level() -> None:
    assert infer(None, [], [HELLO, "白水县地处交通要道。"])[0].place is None


# --- meeting ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "meeting"),
    [
        ("在全县2025年道路交通安全工作会议上的讲话", "全县2025年道路交通安全工作会议"),
        ("在全县安全生产大会上的讲话", "全县安全生产大会"),
        ("在全县安全生产工作推进会上的讲话", "全县安全生产工作推进会"),
        ("在公司2024年“安全生产月”启动仪式上的讲话", "公司2024年“安全生产月”启动仪式"),
        ("在全县收看全国、全省防汛视频会议后的讲话", "全县收看全国、全省防汛视频会议"),
        ("在全县安全生产工作会议上的讲话（摘要）", "全县安全生产工作会议"),
        ("全县安全生产工作会议讲话稿", "全县安全生产工作会议"),
        # What a unit says at the meeting is a 表态发言, 交流发言 or 工作报告, the meeting the same.
        ("在全县安全生产暨消防工作会议上的表态发言", "全县安全生产暨消防工作会议"),
        ("在全县安全生产工作会议上的交流发言", "全县安全生产工作会议"),
        ("在全市安全生产工作会议上的典型发言", "全市安全生产工作会议"),
        ("在全县安全生产工作会议上的工作报告", "全县安全生产工作会议"),
        ("全县安全生产工作会议表态发言", "全县安全生产工作会议"),
        ("在全縣2023年安全生產工作會議上的講話", "全縣2023年安全生產工作會議"),
        ("强化责任担当　守牢安全底线", None),
    ],
)
def test_the_meeting_from_the_title(title: str, meeting: str | None) -> None:
    metadata, evidence = infer(title)
    assert metadata.meeting == meeting
    if meeting:
        assert evidence["meeting"] == Evidence("meeting", Origin.TITLE, 1, title)


@pytest.mark.parametrize(
    ("opening", "meeting"),
    [
        ("今天，我们召开全县安全生产工作会议，主要任务是部署下一阶段工作。", "全县安全生产工作会议"),
        ("今天,我们召开全县安全生产工作会议,主要任务是部署工作。", "全县安全生产工作会议"),
        ("今天，我們召開全縣安全生產工作會議，主要任務是部署工作。", "全縣安全生產工作會議"),
        ("2022年12月26日，县政府召开全县冬季安全生产工作会议。", "全县冬季安全生产工作会议"),
        ("今天召开的全县安全生产工作会议，主要任务是部署工作。", "全县安全生产工作会议"),
        ("今天我们召开这次会议，目的是部署工作。", None),
        ("今天我们召开这次全县安全生产工作会议，目的是部署工作。", "全县安全生产工作会议"),
        ("近日，国务院安委会召开全国安全生产电视电话会议。", None),
    ],
)
def test_the_meeting_from_the_opening(opening: str, meeting: str | None) -> None:
    metadata, evidence = infer(None, [], [HELLO, opening])
    assert metadata.meeting == meeting
    if meeting:
        assert evidence["meeting"].origin is Origin.TEXT and evidence["meeting"].line == 2


def test_a_subtitle_names_the_meeting_under_a_main_title() -> None:
    subtitle = "——在全县2024年安全生产工作会议上的讲话"
    metadata, evidence = infer("强化责任担当　守牢安全底线", [subtitle, "县长　王某某"])
    assert (metadata.meeting, metadata.level, metadata.date, metadata.speaker) == (
        "全县2024年安全生产工作会议",
        "县",
        "2024",
        "王某某",
    )
    assert evidence["meeting"].line == 2


# --- evidence -----------------------------------------------------------------------------------------------


def test_evidence_for_a_long_line_is_the_clause_around_the_match() -> None:
    long_line = (
        "今年以来，在县委、县政府的坚强领导下，各乡镇、各部门认真履职尽责，扎实开展隐患排查整治，"
        "安全生产形势总体平稳，但也要看到，我县安全基础依然薄弱，一些企业主体责任落实不到位，"
        "重点行业领域风险隐患依然突出，容不得丝毫松懈。"
    )
    metadata, evidence = infer(None, [], [HELLO, long_line])
    assert metadata.level == "县"
    assert "我县" in evidence["level"].text
    assert len(evidence["level"].text) <= 60
    assert evidence["level"].text in long_line


def test_evidence_keeps_the_text_as_written() -> None:
    line = "今天，我們召開全縣安全生產工作會議，主要任務是部署工作。"
    _, evidence = infer(None, [], [HELLO, line])
    assert evidence["level"].text == line  # a short line is quoted whole, in traditional characters


# --- the seeds, read as bare text -------------------------------------------------------------------------


# What the seeds' hand-written sidecars said before the text was read: (date, season, level, place). 001's
# sidecar dates it 2022 from what a person knows (党的二十大即将召开); the text states no year. The places
# are a person's reading (湟源 appears once, 垫江 only in 垫江府办): inference must never give another one.
SEED_METADATA = {
    "000": (None, "夏", "县", "湟源县"),
    "001": (None, "秋", "市", None),
    "002": (None, "冬", "县", "垫江县"),
    "003": (None, "冬", "县", None),
    "004": ("2024", "春", "县", None),
}


def bare_text(path: Path) -> tuple[Line | None, list[Line]]:
    """A seed as an archive would give it: line 1 is the title only if it ends in 讲话 and is short."""
    lines = list(read_source(path).lines)
    first = lines[0]
    if first.text.rstrip().endswith("讲话") and len(first.text) <= 60:
        return first, lines[1:]
    return None, lines


@pytest.mark.parametrize("path", SEEDS, ids=[path.name[:3] for path in SEEDS])
def test_the_seeds_read_as_bare_text_give_their_sidecars_date_season_and_level(path: Path) -> None:
    date, season, level, place = SEED_METADATA[path.name[:3]]
    title, body = bare_text(path)
    metadata, evidence = infer_metadata(title, [], body, RULES)
    assert (metadata.date, metadata.season, metadata.level) == (date, season, level)
    assert metadata.place in (None, place)  # never a wrong place
    for item in evidence:
        assert item.origin in (Origin.TITLE, Origin.TEXT)
        assert item.text and len(item.text) <= 60


def test_seed_004_with_its_title_found_reads_the_title() -> None:
    lines = list(read_source(next(p for p in SEEDS if p.name.startswith("004"))).lines)
    title = next(line for line in lines[:3] if line.text.endswith("讲话"))
    metadata, evidence = infer_metadata(title, [], [line for line in lines if line.number > title.number], RULES)
    assert (metadata.date, metadata.level, metadata.season) == ("2024", "县", "春")
    assert evidence[0] == Evidence("date", Origin.TITLE, title.number, title.text)


def test_inference_grows_linearly_with_the_text() -> None:
    # Steps, not seconds (tests/growth.py): a slow or busy machine cannot fail it.
    def inferring(count: int) -> Callable[[], object]:
        body = [Line(n, "要加强隐患排查，落实各项防范措施，确保清明期间安全。") for n in range(2, count + 2)]
        return lambda: infer_metadata(Line(1, MEETING_TITLE), [], body, RULES)

    assert step_growth(inferring, 250) < STEP_GROWTH_MAX


def _patterns(value: object) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _patterns(item)


_METADATA_PATTERNS = {
    pattern.pattern: pattern for field in fields(RULES) for pattern in _patterns(getattr(RULES, field.name))
}


@pytest.mark.parametrize("pattern", _METADATA_PATTERNS.values(), ids=range(len(_METADATA_PATTERNS)))
def test_no_pattern_is_slow_on_a_long_run_of_what_it_accepts(pattern: re.Pattern[str]) -> None:
    assert slow_runs(pattern) == []


# --- the rules file -----------------------------------------------------------------------------------------


def broken_rules(tmp_path: Path, old: str, new: str) -> VocabularyError:
    """The error for the shipped rules with ``old`` replaced by ``new``."""
    shutil.copy(VOCABULARIES / METADATA_FILE, tmp_path / METADATA_FILE)
    path = tmp_path / METADATA_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        load_metadata_rules(tmp_path)
    return caught.value


def line_of(tmp_path: Path, needle: str) -> int:
    lines = (tmp_path / METADATA_FILE).read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if needle in text)


def test_an_unknown_key_is_named_with_file_and_line(tmp_path: Path) -> None:
    error = broken_rules(tmp_path, "scan_lines: 10\n", "scan_lines: 10\nscan_line: 12\n")
    [problem] = error.diagnostics
    assert problem.path == tmp_path / METADATA_FILE
    assert problem.line == line_of(tmp_path, "scan_line: 12")
    assert "scan_line" in problem.message and "unknown key" in problem.message
    assert f"{METADATA_FILE}:{problem.line}: error:" in str(error)


def test_an_unknown_key_in_a_level_names_the_entry(tmp_path: Path) -> None:
    error = broken_rules(tmp_path, "  - name: 乡镇\n", "  - name: 乡镇\n    wrods: [全村]\n")
    [problem] = error.diagnostics
    assert problem.line == line_of(tmp_path, "wrods")
    assert "'乡镇'" in problem.message and "unknown key" in problem.message


def test_a_bad_regular_expression_is_named_with_file_and_line(tmp_path: Path) -> None:
    error = broken_rules(tmp_path, "opening_meeting_patterns:\n  - '", "opening_meeting_patterns:\n  - '(unclosed")
    [problem] = error.diagnostics
    assert problem.path == tmp_path / METADATA_FILE
    assert problem.line == line_of(tmp_path, "(unclosed")
    assert "not a valid regular expression" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "needle", "says"),
    [
        (
            "  derived_title: '在{meeting}上的讲话'",
            "  derived_title: '在会议上的讲话'",
            "'在会议上的讲话'",
            "{meeting}",
        ),
        ("  meeting_held: '(?P<verb>", "  meeting_held: '(?P<verbs>", "(?P<verbs>", "no group named 'verb'"),
        ("  host_lines:\n    - '", "  host_lines:\n    - '(", "- '((?:^", "not a valid regular expression"),
    ],
)
def test_a_bad_structure_entry_is_named_with_file_and_line(
    tmp_path: Path, old: str, new: str, needle: str, says: str
) -> None:
    """The words and patterns a speech's structure is read by are checked as every other entry is."""
    error = broken_rules(tmp_path, old, new)
    [problem] = error.diagnostics
    assert problem.line == line_of(tmp_path, needle)
    assert says in problem.message


def test_a_bad_season_cue_pattern_is_named_with_file_and_line(tmp_path: Path) -> None:
    error = broken_rules(tmp_path, "    patterns: ['", "    patterns: ['[")
    [problem] = error.diagnostics
    assert problem.line == line_of(tmp_path, "patterns: ['[")
    assert "not a valid regular expression" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("  - name: 乡镇\n", "  - name: 村\n", ["name", "乡镇"]),  # not a level
        ("    season: 冬\n", "    season: 冬天\n", ["season"]),
        ("    words: [全镇,", "    words: [全县, 全镇,", ["全县", "already a word of level '县'"]),
        ("  - '{year}[", "  - '[", ["{year}"]),
        ("  - '^(?P<meeting>[^在]", "  - '^(?P<m>[^在]", ["no group named 'meeting'"]),
        ("  - '召开[", "  - 'x*|召开[", ["matches the empty text"]),
        ("scan_lines: 10", "scan_lines: ten", ["scan_lines"]),
        ("  labels: [来源,", "  labels: ['', 来源,", ["publisher", "labels"]),  # '' would take any colon's words
        ("  thanks: [谢谢,", "  thanks: ['', 谢谢,", ["ending.thanks"]),  # '' would make any line thanks
        ("  attachments: [附件,", "  attachments: ['', 附件,", ["ending.attachments"]),  # '' would label any colon
        ("agenda_labels: [会议议程,", "agenda_labels: ['', 会议议程,", ["empty"]),  # '' would label an empty line
        ("  notes: [通用,", "  notes: ['', 通用,", ["title_form_labels.notes"]),  # '' would make any bracket a note
    ],
)
def test_other_mistakes_are_named(tmp_path: Path, old: str, new: str, words: list[str]) -> None:
    error = broken_rules(tmp_path, old, new)
    assert error.diagnostics and all(problem.line for problem in error.diagnostics)
    assert all(word in str(error) for word in words)


def test_a_season_cue_listed_twice_is_named(tmp_path: Path) -> None:
    error = broken_rules(tmp_path, "    words: [清明,", "    words: [春节, 清明,")
    [problem] = error.diagnostics
    assert problem.line == line_of(tmp_path, "words: [春节, 清明,")
    assert "'春节' is already a cue of '冬季的节日和会议'" in problem.message


def test_a_missing_rules_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="missing"):
        load_metadata_rules(tmp_path)


def test_invalid_yaml_is_an_error_with_its_line(tmp_path: Path) -> None:
    (tmp_path / METADATA_FILE).write_text("scan_lines: 10\nlevels: [\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="invalid YAML") as caught:
        load_metadata_rules(tmp_path)
    assert caught.value.diagnostics[0].line is not None


# --- a byline in a transcript's form, an office signing the text -----------------------------------------------


@pytest.mark.parametrize("byline", ["市长 王某某：", "市長　王某某:", "王某某："])
def test_a_byline_with_a_colon_before_the_text_names_the_speaker(byline: str) -> None:
    metadata, evidence = infer("在全市安全生产工作会议上的讲话", [byline])
    assert metadata.speaker == "王某某"
    assert evidence["speaker"].text == byline


@pytest.mark.parametrize(
    ("office", "place", "level"),
    [
        ("青川县安全生产委员会办公室", "青川县", "县"),
        ("南屏市應急管理局", "南屏市", "市"),
        ("白水镇人民政府", "白水镇", "乡镇"),
        ("某某县应急管理局", None, "县"),  # redacted: the level, no place
    ],
)
def test_an_office_signing_the_text_gives_its_place_and_level(office: str, place: str | None, level: str) -> None:
    metadata, evidence = infer("在安全生产月活动启动仪式上的讲话", signature=["谢谢大家！", office])
    assert (metadata.place, metadata.level, metadata.speaker) == (place, level, None)
    assert evidence["level"].text == office and evidence["level"].line == 4


def test_the_title_and_opening_outrank_the_signature() -> None:
    metadata, _ = infer(
        "在青川县2024年安全生产工作会议上的讲话",
        body=[HELLO, "今天召开全县安全生产工作会议。"],
        signature=["南屏市应急管理局"],
    )
    assert (metadata.place, metadata.level) == ("青川县", "县")


@pytest.mark.parametrize("signer", ["清岚县人民政府副县长　李某某", "清嵐縣人民政府副縣長 李某某"])
def test_an_official_signing_over_the_date_gives_the_place_of_their_office(signer: str) -> None:
    metadata, evidence = infer("在全县安全生产工作会议上的讲话", signers=[signer])
    assert (metadata.place, metadata.level, metadata.speaker) == (signer[:3], "县", "李某某")
    assert evidence["place"].text == signer


def test_an_official_signing_gives_the_level_when_nothing_else_does() -> None:
    metadata, _ = infer("在安全生产月活动启动仪式上的讲话", signers=["白水镇人民政府镇长　王某某"])
    assert (metadata.place, metadata.level) == ("白水镇", "乡镇")


@pytest.mark.parametrize(
    ("signature", "signers"),
    [
        ([], ["南屏市人民政府副市长　李某某"]),  # a superior's official speaking at a county's meeting
        (["南屏市应急管理局"], []),
        ([], ["县长　李某某"]),  # an office with no place
    ],
)
def test_a_signature_of_another_level_or_no_place_gives_no_place(signature: list[str], signers: list[str]) -> None:
    metadata, _ = infer("在全县安全生产工作会议上的讲话", signature=signature, signers=signers)
    assert (metadata.place, metadata.level) == (None, "县")


def test_the_title_outranks_an_official_signing() -> None:
    metadata, _ = infer("在青川县2024年安全生产工作会议上的讲话", signers=["清岚县人民政府副县长　李某某"])
    assert (metadata.place, metadata.speaker) == ("青川县", "李某某")


@pytest.mark.parametrize(
    "line", ["青川县各乡镇要抓好落实，确保安全。", "让我们共同努力，推动青川县安全生产形势持续稳定"]
)
def test_a_sentence_under_the_speech_is_no_signature(line: str) -> None:
    metadata, _ = infer("在安全生产月活动启动仪式上的讲话", signature=[line])
    assert (metadata.place, metadata.level) == (None, None)


@pytest.mark.parametrize(
    ("body", "place"),
    [
        # Named once, as the subject of a clause, far from the opening: the speaker's own county.
        (
            ["今天召开全县安全生产工作会议。", *["要抓好各项工作。"] * 12, "去年，察罕旗没有发生较大以上事故。"],
            "察罕旗",
        ),
        (
            [
                "今天召开全县安全生产工作会议。",
                *["要抓好各项工作。"] * 12,
                "上半年，云溪县共发生道路交通事故四十余起。",
            ],
            "云溪县",
        ),
        # Another county's accident, two counties, a district (区 names are too often common words): none.
        (["今天召开全县安全生产工作会议。", *["要抓好各项工作。"] * 12, "河东县一化工企业发生爆炸。"], None),
        (["今天召开全县安全生产工作会议。", "云溪县、白水县作了发言。", "云溪县要抓好落实。"], None),
        (["今天召开全区安全生产工作会议。", *["要抓好各项工作。"] * 12, "望江区这几年在建项目越来越多。"], None),
        (["今天召开全市森林防火工作会议。", *["要抓好各项工作。"] * 12, "入春以来，青梧市降水偏少。"], "青梧市"),
        (["今天召开全市消防工作会议。", *["要抓好各项工作。"] * 12, "大型超市要加强消防检查。"], None),
        # A verb or a determiner before the bare 县/市 of a local government is no name (按照县, 一些市).
        (["今天召开全县安全生产工作会议。", "按照县委、县政府的统一部署，要开展安全生产大检查。"], None),
        (["今天召开全市安全生产工作会议。", "根据市委常委会的安排，要开展大检查。", "一些市直部门监管不细。"], None),
        (
            [
                "今天召开全县安全生产工作会议。",
                "对工作不力的，报请县委、县政府约谈。",
                "成绩的取得，离不开县委的领导。",
            ],
            None,
        ),
        (
            ["今天召开全县安全生产工作会议。", "去年，青川县没有发生较大事故。", "各部门要配合县应急局做好检查。"],
            "青川县",
        ),
        # So is a request or an adverb of time opening the clause (下面请县, 要求县, 刚才县): a 主持词's or a
        # speech's 我县 with no name leaves the place unknown.
        (["今天召开全县安全生产工作会议。", "下面请县应急管理局通报情况。"], None),
        (["今天召开全县安全生产工作会议。", "下面由县应急管理局通报情况。"], None),
        (["今天召开全县安全生产工作会议。", "要求县应急局牵头抓总。"], None),
        (["今天召开全县安全生产工作会议。", "希望县直各部门抓好落实。"], None),
        (["今天召开全县安全生产工作会议。", "刚才县长讲得很好。"], None),
        # A meeting record hears and reviews a county unit's report (听取县应急管理局的汇报): no 听取县.
        (["县长主持召开专题会议，听取县应急管理局关于安全生产工作的汇报。"], None),
        (["会议听取了情况汇报，审议县安委办起草的工作方案。"], None),
        (["今天召开全县安全生产工作会议。", "今年县里投入资金两千万元。"], None),
        # A year's review lists what was built or set up: the verb's object is a county-level thing (建成县…平台).
        (["今天召开全县燃气安全工作总结会。", "3. 监管能力持续提升。建成县燃气安全监测平台，接入用户860家。"], None),
        (["今天召开全县安全生产工作会议。", "成立县安委会工作专班，完成县城老旧管网改造。"], None),
        (["今天召开全县安全生产工作会议。", "建成县级应急指挥平台。", "去年，青川县没有发生较大事故。"], "青川县"),
        # A long speech's tasks: a verb asking for a county-level thing, a quarter before a unit, 返乡 (no 做好返乡).
        (["今天召开全县安全生产工作会议。", "要加快县应急指挥中心建设，今年9月底前投入使用。"], None),
        (["今天召开全市安全生产形势分析会。", "培训要加强，二季度市应急管理局要组织两期培训班。"], None),
        (["今天召开全镇节前安全生产工作会议。", "各村要发挥劝导员作用，做好返乡人员出行安全提醒。"], None),
        # A season or spell of time opens the clause: 汛期镇村两级 is 汛期 and 镇村, no town 汛期镇.
        (["今天召开全镇防汛工作会议。", "汛期镇村两级实行24小时值班。"], None),
        (["今天召开全县节前安全生产工作会议。", "节日期间县应急管理局要加强值守。"], None),
        (
            [
                "今天召开全镇节前安全生产工作会议。",
                "各村要发挥劝导员作用，做好返乡人员出行安全提醒。",
                "去年，白水镇没有发生事故。",
            ],
            "白水镇",
        ),
    ],
)
def test_the_only_county_the_text_names_as_a_subject_is_the_speakers_own(body: list[str], place: str | None) -> None:
    metadata, evidence = infer("在安全生产工作会议上的讲话", body=[HELLO, *body])
    assert metadata.place == place
    if place:
        assert place in evidence["place"].text


@pytest.mark.parametrize("line", ["赵某某同志讲话", "赵某某同志的讲话", "赵某某讲话要点"])
def test_a_line_saying_whose_speech_it_is_names_the_speaker(line: str) -> None:
    metadata, evidence = infer("在全镇森林防火工作会议上的讲话", [line])
    assert metadata.speaker == "赵某某"
    assert evidence["speaker"].text == line


@pytest.mark.parametrize("line", ["请赵某某同志讲话", "請趙某某同志講話"])
def test_a_line_inviting_someone_to_speak_names_no_speaker(line: str) -> None:
    assert (
        infer("在全镇森林防火工作会议上的讲话", [], [HELLO, "今天召开全镇森林防火工作会议。", line])[0].speaker is None
    )


HOSTS_OPENINGS = [
    "今天召开全县安全生产工作会议，县委书记李某某同志出席会议并讲话。",
    "今天召开全县安全生产工作会议，县委书记李某某同志参加会议并作重要讲话，让我们表示欢迎。",
]


@pytest.mark.parametrize("title", ["在全县安全生产工作会议上的主持词", "全县安全生产工作会议主持词"])
@pytest.mark.parametrize("opening", HOSTS_OPENINGS)
def test_the_people_a_hosts_words_introduce_are_not_its_speaker(title: str, opening: str) -> None:
    metadata, _ = infer(title, [], [HELLO, opening, "会议有两项议程。"])
    assert (metadata.meeting, metadata.speaker) == ("全县安全生产工作会议", None)
    # The host's own byline names the speaker of the host's words.
    assert infer(title, ["县委常委、副县长　王某某"], [HELLO, opening])[0].speaker == "王某某"


@pytest.mark.parametrize(
    ("byline", "speaker"),
    [("主持人：王某某", "王某某"), ("主持人:县委常委、副县长　王某某", "王某某"), ("會議主持人：陳某某", "陳某某")],
)
def test_the_host_a_hosts_words_name_is_their_speaker(byline: str, speaker: str) -> None:
    metadata, evidence = infer("全县安全生产工作会议主持词", [byline], [HELLO, HOSTS_OPENINGS[0]])
    assert metadata.speaker == speaker
    assert evidence["speaker"] == Evidence("speaker", Origin.TEXT, 2, byline)
    # Under a speech's title the host chaired the meeting another spoke at: no speaker.
    assert infer(MEETING_TITLE, [byline])[0].speaker is None


def test_all_the_counties_and_districts_are_a_citys_meeting() -> None:
    metadata, _ = infer("在安全生产工作会议上的讲话", body=[HELLO, "今天召开全县区安全生产工作会议，部署当前工作。"])
    assert metadata.level == "市"


@pytest.mark.parametrize(
    ("byline", "speaker"),
    [("——县长　张某某", "张某某"), ("——县委书记 李某某", "李某某"), ("－－縣長 陳某某", "陳某某")],
)
def test_a_byline_under_dashes_names_the_speaker(byline: str, speaker: str) -> None:
    metadata, evidence = infer("守牢安全底线　护航高质量发展", [byline])
    assert metadata.speaker == speaker
    assert evidence["speaker"] == Evidence("speaker", Origin.TEXT, 2, byline)
    # A subtitle that is not an office and a name stays a subtitle, even a short one: no speaker.
    for subtitle in ("——强化责任", "——县长", "——县长　***", "——在全县安全生产工作会议上的讲话"):
        assert infer("守牢安全底线　护航高质量发展", [subtitle, byline])[0].speaker == speaker


def test_a_byline_in_bold_names_the_speaker() -> None:
    assert infer(MEETING_TITLE, ["**副市长　罗某某**"])[0].speaker == "罗某某"


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("今天，我们召开东关街道社区安全隐患大排查动员会，部署排查工作。", "东关街道"),
        ("今天，我们召开青川县2024年安全生产工作会议。", "青川县"),
        ("今天，我们召开全县安全生产工作会议。", None),  # 全县 names no place
    ],
)
def test_the_place_hosting_the_meeting_the_opening_holds(opening: str, place: str | None) -> None:
    metadata, _ = infer("在安全生产工作会议上的讲话", body=[HELLO, opening])
    assert metadata.place == place


@pytest.mark.parametrize(
    ("title", "opening", "place"),
    [
        ("在全县建筑施工现场会上的讲话", "今天，我们在清岚县城南安置房项目召开全县建筑施工现场会。", "清岚县"),
        # A venue of another level is where the meeting is held, not its host: a city's meeting in one of its counties.
        ("在全市建筑施工现场会上的讲话", "今天，我们在清岚县城南安置房项目召开全市建筑施工现场会。", None),
        ("在全县防汛工作现场会上的讲话", "今天，我们在青石镇召开全县防汛工作现场会。", None),
    ],
)
def test_the_place_the_opening_holds_the_meeting_in_at_its_level(title: str, opening: str, place: str | None) -> None:
    metadata, evidence = infer(title, body=[HELLO, opening])
    assert metadata.place == place
    if place:
        assert place in evidence["place"].text


# --- publisher: the source the page's own line names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "publisher", "words"),
    [
        (
            "来源：清岚县应急管理局　　发布时间：2023-06-09　　浏览次数：128",
            "清岚县应急管理局",
            "来源：清岚县应急管理局",
        ),
        ("信息来源：临岫市应急管理局", "临岫市应急管理局", "信息来源：临岫市应急管理局"),
        ("稿源：清岚县应急管理局　　发布时间：2023-06-09", "清岚县应急管理局", "稿源：清岚县应急管理局"),
        ("發佈日期：2023-03-20　信息來源：縣應急管理局　【字體：大 中 小】", "縣應急管理局", "信息來源：縣應急管理局"),
        ("时间：2023-06-09 来源: 清岚县应急管理局 浏览次数：12", "清岚县应急管理局", "来源: 清岚县应急管理局"),
        ("来源：清岚县应急管理局发布时间：2023-06-09", "清岚县应急管理局", "来源：清岚县应急管理局"),  # fields glued
        ("（来源：清岚县应急管理局）", "清岚县应急管理局", "来源：清岚县应急管理局"),
        # 作者 names who wrote the page (a reporter, the speaker, an account), not its source.
        ("作者：区应急管理局　时间：2023-06-09　【字体：大 中 小】", None, None),
        ("时间：2023-06-01 作者：佚名 来源：网络", None, None),
        ("发布时间：2023-06-01 10:21　来源：本站　浏览：1024次", None, None),
    ],
)
def test_the_page_s_source_line_names_the_publisher(line: str, publisher: str | None, words: str | None) -> None:
    body = [Line(2, HELLO), Line(3, "今天召开全县安全生产工作会议。")]
    metadata, evidence = infer_metadata(Line(1, MEETING_TITLE), [], body, RULES, page=[Line(4, line)])
    assert metadata.publisher == publisher
    found = next(((item.origin, item.line, item.text) for item in evidence if item.field == "publisher"), None)
    assert found == ((Origin.PAGE, 4, words) if words else None)


@pytest.mark.parametrize(
    ("owners", "place"),
    [
        (["青岚县应急管理局"], "青岚县"),
        (["本站", "青岚县人民政府办公室"], "青岚县"),  # the footer's 主办 where the source names no one
        (["云溪市应急管理局"], None),  # a city's bureau carrying a 全县 speech names the city, not the county's place
        ([], None),
    ],
)
def test_a_page_s_own_publisher_names_the_place_of_a_speech_that_names_none(
    owners: list[str], place: str | None
) -> None:
    """A county's site carries the county's speeches: a 全县 speech that names no place is its publisher's, where
    that is a unit of a place at the speech's level; the page's owners are given, never the sites it links to."""
    body = [Line(3, "同志们："), Line(4, "今天召开全县安全生产工作会议，安排部署下一阶段工作。")]
    metadata, evidence = infer_metadata(Line(1, "在全县安全生产工作会议上的讲话"), [], body, RULES, owners=owners)
    assert metadata.place == place
    if place:
        assert next(e for e in evidence if e.field == "place").origin is Origin.PAGE
