"""The date a speech was given: a date line under the title, a date opening the speech, else a year.

Dates are written as ``2023年3月15日``, ``二〇二三年三月十五日`` or ``2023.3.15``, and OCR of a scanned print writes
letters for 0 and 1 (``2O23年l2月8日``), read as those digits (the patterns are compiled in
:mod:`speechkb.stages.infer.rules`); a 农历 day (``二〇二四年腊月二十三``) gives its year only; a year alone is read
from the title, or from the opening where it states the year of the meeting itself (``opening_year_patterns``). A
lead's month and day (``编者按：6月8日，…会议召开。``) are in the year of the printed document that carries it, which
its masthead or 版记 dates, of the WeChat post it came in, or the year the title, the opening or the file's name
states. A redacted year hides the date rather than let a weaker clue give one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from lunar_python import Lunar, LunarMonth

from speechkb.model import Evidence, Origin
from speechkb.stages.infer.headings import Heading
from speechkb.stages.infer.rules import OCR_DIGITS, MetadataRules
from speechkb.stages.infer.text import CLAUSE_ENDS, SENTENCE_ENDS, Found, Text, fold, quote_evidence

_CN_VALUES = {char: index for index, char in enumerate("〇一二三四五六七八九")} | dict.fromkeys("○零Oo0Ｏ", 0)
# What may stand before a date that opens a line: brackets, 在/于, and 今天是 (今天是2023年3月15日，我们在这里召开…).
_BARE_YEAR = re.compile(r"[0-9]{4}")
_DATE_LEAD = re.compile(r"[ （〔［【在于]*(?:今天是|今天|今日)?")
# A 简报's issue number (第5期, 2023年第3期): a masthead set on one line names the issue, then dates it.
_ISSUE_NUMBER = re.compile(r"第\s*[0-9一二三四五六七八九十〇零]{1,4}\s*期")
# A date line with its year in two digits, as a clerk types it in a hurry: （24年5月16日）.
_SHORT_YEAR_DATE = re.compile(r"(?P<y>[0-9]{2})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]")
# A date as file names write it without separators (20230612县长讲话.txt); the separated forms are the text's.
_COMPACT_DATE = re.compile(r"(?<![0-9])(?P<y>[0-9]{4})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])")


def find_date(
    headings: list[Heading],
    fronts: list[Text],
    opening: list[Text],
    rules: MetadataRules,
    page: list[Text],
    published: str | None = None,
) -> Found | None:
    """The first of: a date line under the title (a 农历 one gives its year), a date opening the speech, the title's
    year, a lead's month and day in the year of the document, post or page that carries it (its issue date or post
    time among the ``page`` lines, else the day a saved web page states it was ``published``: a news page's
    `4月8日，县长…主持召开…会议并讲话` is in the year it went up), the opening's year, the day the post went out. A
    year is told to the day by a lead's month and day, else by a post of that year.

    A redacted year hides the date: after a redacted date line only the title may still state the year (the
    title is the speech's own statement, not a guess), and a redacted year in the title ends the search. The
    years an opening mentions in passing are never read once the text has hidden one.
    """
    hidden: Found | None = None
    for line in fronts:
        bare = line.norm.strip(" （）〔〕［］【】")
        if (year := rules.year.fullmatch(bare)) and (found := _year(year, Text(0, bare, bare), Origin.TEXT, rules)):
            # A year alone under the title (（2023年）) dates the speech to the year.
            if found.value is not None:
                return Found(found.value, quote_evidence("date", Origin.TEXT, line))
            hidden = hidden or Found(None, None)
        if _BARE_YEAR.fullmatch(bare) and rules.first_year <= int(bare) <= rules.last_year:
            # (2023) beside the title, as web pages and file names give it: the year, without 年.
            return Found(bare, quote_evidence("date", Origin.TEXT, line))
        if (short := _SHORT_YEAR_DATE.fullmatch(bare)) and (found := _short_year_date(short, line, rules)):
            return found
        lunar = rules.lunar_date.search(line.norm)
        for match in rules.dates.finditer(line.norm):
            if lunar and _lunar_reading(match, lunar):
                continue
            if (found := _full_date(match, line, Origin.TEXT, rules)) is not None:
                if found.value is not None:
                    return found
                hidden = hidden or found
        # 二〇二四年腊月二十三, 甲辰年腊月二十三: a 农历 day of the lunar year written, its year by its number or name.
        if lunar and (found := _lunar_found(lunar, line, rules)):
            if found.value is not None:
                return found
            hidden = hidden or found
    for line in opening if hidden is None else ():
        lead = _DATE_LEAD.match(line.norm)
        opens = rules.dates.match(line.norm, lead.end() if lead else 0)
        # 2024年正月初八，白石镇召开…会议: a lead dating its meeting by the 农历, as a lunar date line does.
        lunar = rules.lunar_date.match(line.norm, lead.end() if lead else 0)
        if lunar and _states_meeting(line, lunar, rules) and (found := _lunar_found(lunar, line, rules)):
            if found.value is not None:
                return found
            hidden = hidden or found
        if opens and _states_meeting(line, opens, rules) and (found := _full_date(opens, line, Origin.TEXT, rules)):
            if found.value is not None:
                return found
            hidden = hidden or found
        # 24年3月5日，县政府召开…: a lead typed in a hurry writes its year in two digits, as a date line may.
        short = _SHORT_YEAR_DATE.match(line.norm, lead.end() if lead else 0)
        if short and _states_meeting(line, short, rules) and (found := _short_year_date(short, line, rules)):
            return found
    leads = [*fronts, *opening]
    posted = _post_date(page, rules)
    for heading in headings:
        for match in rules.dates.finditer(heading.line.norm):
            if (found := _full_date(match, heading.line, Origin.TITLE, rules)) is not None:
                return found
        if (found := _title_year(heading.line, rules)) is not None:
            return _to_the_day(found, leads, posted, rules)
    if hidden is not None:
        return hidden
    published_day = dt.date.fromisoformat(published) if published and len(published) == len("2024-03-05") else None
    for issued in (_issue_date(page, rules), posted and dt.date.fromisoformat(posted.value or ""), published_day):
        if issued and (found := _lead_month_day(leads, rules, _year_up_to(issued))):
            return found
    for line in opening:
        matches = (m for pattern in rules.opening_years for m in pattern.finditer(line.norm))
        for match in sorted(matches, key=lambda m: m.start("year")):
            if (found := _year(match, line, Origin.TEXT, rules)) is not None:
                return _to_the_day(found, leads, posted, rules)
    return posted


def _short_year_date(match: re.Match[str], line: Text, rules: MetadataRules) -> Found | None:
    """The day a date line with a two-digit year states (24年5月16日 is 2024-05-16): the year of speeches whose last
    two digits it writes, this century's before the last's; None where none is, or the day is impossible."""
    short = int(match.group("y"))
    years = [year for year in (2000 + short, 1900 + short) if rules.first_year <= year <= rules.last_year]
    if not years:
        return None
    try:
        day = dt.date(years[0], int(match.group("m")), int(match.group("d")))
    except ValueError:  # 24年2月30日: a typo, not a date
        return None
    return Found(day.isoformat(), quote_evidence("date", Origin.TEXT, line))


def _lunar_found(lunar: re.Match[str], line: Text, rules: MetadataRules) -> Found | None:
    """The Gregorian day of the 农历 date ``lunar`` (a match of :attr:`MetadataRules.lunar_date`) on ``line``, its
    year by its number or its 干支 name; hidden for a redacted year, None for a year out of range."""
    if lunar.group("cycle"):
        day = _lunar_day(lunar, rules.cycle_years[lunar.group("cycle")], rules)
        return Found(day, quote_evidence("date", Origin.TEXT, line, lunar.start(), lunar.end()))
    found = _year(lunar, line, Origin.TEXT, rules)
    if found is None or found.value is None:
        return found
    day = _lunar_day(lunar, int(found.value), rules)
    return Found(day, quote_evidence("date", Origin.TEXT, line, lunar.start("year"), lunar.end()))


def _lunar_reading(match: re.Match[str], lunar: re.Match[str]) -> bool:
    """Whether a Gregorian date's ``match`` is the 农历 day ``lunar`` over it read in the wrong calendar: where the
    match names no day (二〇二三年十二月初八日: 初八 is no Gregorian day, so 十二月 is the lunar month), or where the
    line says 农历 (农历二〇二三年十二月二十三日)."""
    overlaps = match.start() < lunar.end() and lunar.start() < match.end()
    dayless = not any(match.group(group) for group in ("d", "cd", "nd", "hidden"))
    return overlaps and (dayless or bool(lunar.group("lead") or lunar.group("lunar")))


def _lunar_day(match: re.Match[str], year: int, rules: MetadataRules) -> str:
    """The Gregorian day of a 农历 day of the lunar ``year`` (a match of :attr:`MetadataRules.lunar_date`):
    甲辰年腊月二十三 is 2025-01-22, as a 腊月 falls in January or February of the next year. A day its month does
    not have (三十 of a month of 29 days) is dated no closer than the Gregorian year of the month's last day, and a
    month the year does not have (a 闰 month it has none of) no closer than the year written."""
    name = match.group("month")
    number = rules.lunar_months.get(name) or (int(name) if name.isdigit() else _cn_number(name))
    month = LunarMonth.fromYm(year, -number if match.group("leap") else number)
    if month is None:
        return str(year)
    day = _lunar_day_number(match.group("day"))
    count = int(month.getDayCount())
    solar = Lunar.fromYmd(year, month.getMonth(), min(day, count)).getSolar()
    return str(solar.toYmd()) if day <= count else str(solar.getYear())


def _lunar_day_number(text: str) -> int:
    """初八 → 8, 十五 → 15, 廿三 → 23, 二十 → 20: a 农历 day's number."""
    if text.startswith("初"):
        return _cn_number(text[1:])
    if text.startswith("廿"):
        return 20 + (_CN_VALUES.get(text[1:], 0) if text[1:] else 0)
    return _cn_number(text)


def _to_the_day(found: Found, leads: list[Text], posted: Found | None, rules: MetadataRules) -> Found:
    """A year told to the day where the text allows: by a lead's month and day (3月15日，县安委会召开全县2024年…会议
    under a title that names 2024), else by the day a post of that year went out (a WeChat post, like a web page's
    publication date, says the day a speech whose text gives only its year was given: it is posted that day)."""
    if found.value is None or len(found.value) != len("2024"):
        return found
    year = int(found.value)
    if lead := _lead_month_day(leads, rules, lambda month, day: year):
        return lead
    if posted and posted.value and posted.value.startswith(found.value):
        return posted
    return found


def _year_up_to(issued: dt.date) -> Callable[[int, int], int]:
    """The year of a month and day told by a document ``issued`` that day: its own, or the year before for a day
    later in the year than the issue's (a 1月5日 issue reporting a 12月28日 meeting)."""
    return lambda month, day: issued.year - ((month, day) > (issued.month, issued.day))


# The time of day a post went out, to the minute (2024-03-05 09:12, 2024年03月05日 18:00), right after its date.
_POST_TIME = re.compile(r"\s+[0-9]{1,2}：[0-9]{2}(?![0-9])")


def _post_date(page: list[Text], rules: MetadataRules) -> Found | None:
    """The day a WeChat post went out, from the line the post shows it on (原创 清溪应急 2024年03月05日 18:00 江苏,
    2024-03-05 09:12 发表于江苏): a date with no label before it, then the time to the minute. A portal's labelled
    发布时间：… is not one: a portal shows texts years after they were given, an account posts what its office did
    that day."""
    for line in page:
        for match in rules.dates.finditer(line.norm):
            if "：" in line.norm[: match.start()] or not _POST_TIME.match(line.norm, match.end()):
                continue
            found = _full_date(match, line, Origin.PAGE, rules)
            if found and found.value and len(found.value) == len("2024-03-05"):
                return found
    return None


def date_in_file_name(name: str, rules: MetadataRules, leads: Sequence[Text] = ()) -> Found | None:
    """The date a file's name gives, to the month or the day (``2023-06-12 县长讲话.txt``, ``20230612县长讲话.txt``,
    ``（2023.6.12）县长讲话.txt``, ``2023年6月12日讲话.docx``): the first one that is a real date. A bare year is no
    date here, as a name's four digits may number anything, and a redacted one (``20XX年6月``) gives nothing; but
    a year opening the name (``2024-县长讲话.txt``, ``2024年县长讲话.txt``) is the year of a lead's month and day
    among ``leads`` (5月20日，全县防汛工作会议在县政府召开。), which the name's filer knew and the lead left out."""
    stem = name.rsplit(".", 1)[0] if "." in name else name  # 2023.6.12.txt: the suffix is not the date's
    line = Text(0, stem, fold(stem))
    for match in rules.dates.finditer(line.norm):
        if (found := _full_date(match, line, Origin.FILE_NAME, rules)) and found.value:
            return Found(found.value, Evidence("date", Origin.FILE_NAME, None, name))
    for match in _COMPACT_DATE.finditer(line.norm):
        year, month, day = (int(match.group(group)) for group in ("y", "m", "d"))
        if not rules.first_year <= year <= rules.last_year:
            continue
        try:
            value = dt.date(year, month, day).isoformat()
        except ValueError:  # 20230231: no day
            continue
        return Found(value, Evidence("date", Origin.FILE_NAME, None, name))
    opening = _NAME_YEAR.match(line.norm)
    year = int(opening.group("y")) if opening else 0
    if rules.first_year <= year <= rules.last_year and (
        lead := _lead_month_day(list(leads), rules, lambda month, day: year)
    ):
        return Found(lead.value, Evidence("date", Origin.FILE_NAME, None, name))
    return None


# A year opening a file's name, as offices file their speeches by year (2024-县长讲话, 2024年县长讲话, （2024）…).
_NAME_YEAR = re.compile(r"[ （(\[【]*(?P<y>[0-9]{4})(?:年|[-_.）)\]】 ]|(?=[\u4e00-\u9fff]))")


def _issue_date(page: list[Text], rules: MetadataRules) -> dt.date | None:
    """The day a printed document was issued, from its masthead or 版记: an office, and a full date with an issue
    word beside it (清岚县安全生产委员会办公室编　2023年6月12日, 清岚县人民政府办公室　2023年4月3日印发), or the
    date that ends a masthead set on one line after its issue number (安全生产工作简报　第5期　清岚县安委办
    2023年4月12日), which needs no issue word: the number says whose date it is."""
    for line in page:
        match = rules.dates.search(line.norm)
        if not match:
            continue
        before, after = line.norm[: match.start()].strip(), line.norm[match.end() :].strip()
        word = after or next((word for word in rules.issue_words if before.endswith(word)), "")
        office = before if after else before.removesuffix(word).strip()
        if any(char in office for char in CLAUSE_ENDS):
            continue
        if (word in rules.issue_words and office) or (not after and _ISSUE_NUMBER.search(before)):
            found = _full_date(match, line, Origin.TEXT, rules)
            if found and found.value and len(found.value) == len("2023-06-12"):  # a day, not a month
                return dt.date.fromisoformat(found.value)
    return None


def _lead_month_day(lines: list[Text], rules: MetadataRules, year_of: Callable[[int, int], int]) -> Found | None:
    """A month and day opening a sentence that holds the meeting (编者按：6月8日，全县…会议召开。, a news report's
    本网讯（记者 刘某）4月8日，… after its dateline, metadata.yml's ``news_datelines``), in the year
    ``year_of`` gives it: the year of the document that carries it (its editor leaves out the year its readers
    know), or the one the title or the file's name states."""
    for line in lines:
        for match in rules.month_day.finditer(line.norm):
            before = line.norm[: match.start()]
            clause = before[max(before.rfind(char) for char in _SENTENCE_OPENS) + 1 :]  # after a label's colon too
            # A news report's dateline before its day (本网讯（记者 刘某）4月8日，…) is no part of the sentence.
            clause = next((clause[found.end() :] for p in rules.news_datelines if (found := p.match(clause))), clause)
            if not _DATE_LEAD.fullmatch(clause) or not _states_meeting(line, match, rules):
                continue
            if match.group("m"):
                month, day = int(match.group("m")), int(match.group("d"))
            else:
                month, day = _cn_number(match.group("cm")), _cn_number(match.group("cd"))
            year = year_of(month, day)
            try:
                date = dt.date(year, month, day)
            except ValueError:  # 2月30日: a typo, not a date
                continue
            return Found(date.isoformat(), quote_evidence("date", Origin.TEXT, line, match.start(), match.end()))
    return None


_SENTENCE_OPENS = SENTENCE_ENDS + "："  # a sentence starts after these, and so does the text after a label's colon


def _states_meeting(line: Text, match: re.Match[str], rules: MetadataRules) -> bool:
    """A date opening a body line dates the speech when the line is the date alone or holds a meeting in it."""
    rest = line.norm[match.end() :].strip(" ）〕］】")
    if not rest:
        return True
    sentence_end = min((i for char in SENTENCE_ENDS if (i := rest.find(char)) >= 0), default=len(rest))
    return any(word in rest[:sentence_end] for word in rules.date_meeting_words)


def _full_date(match: re.Match[str], line: Text, origin: Origin, rules: MetadataRules) -> Found | None:
    """The date a match of :attr:`MetadataRules.dates` states; hidden for a redacted year; None if impossible."""
    evidence = quote_evidence("date", origin, line, match.start(), match.end())
    if match.group("hidden") is not None:
        return Found(None, evidence)
    if match.group("y"):  # 2O23年l2月: OCR's letters are the digits they stand for
        year, month = match.group("y").translate(OCR_DIGITS), _number(match.group("m"))
        day = match.group("d") and _number(match.group("d"))
    elif match.group("cy"):
        year = "".join(str(_CN_VALUES[char]) for char in match.group("cy"))
        month, day = _number(match.group("cm")), match.group("cd") and _number(match.group("cd"))
    else:
        year, month, day = match.group("ny"), match.group("nm"), match.group("nd")
    if not rules.first_year <= int(year) <= rules.last_year:
        return None
    try:
        dt.date(int(year), int(month), int(day or 1))
    except ValueError:  # 2023年2月30日: a typo, not a date
        return None
    value = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    return Found(value, evidence)


def _number(text: str) -> str:
    """A date's month or day as digits, written in digits (OCR's letters among them) or in words (十二, 二十三)."""
    digits = text.translate(OCR_DIGITS)
    return digits if digits.isascii() and digits.isdigit() else str(_cn_number(text))


def _cn_number(text: str) -> int:
    """十五 → 15, 二十六 → 26, 三 → 3: month and day numbers in Chinese numerals."""
    if "十" not in text:
        return _CN_VALUES.get(text[-1], 0)
    tens, _, ones = text.partition("十")
    return (_CN_VALUES.get(tens, 0) if tens else 1) * 10 + (_CN_VALUES.get(ones, 0) if ones else 0)


def _title_year(line: Text, rules: MetadataRules) -> Found | None:
    """The title's year: the latest one it names for the meeting (总结2023年暨部署2024年 is held in 2024)."""
    best: Found | None = None
    for match in rules.year.finditer(line.norm):
        found = _year(match, line, Origin.TITLE, rules)
        if found is not None and found.value is None:
            return found
        if found is not None and (best is None or (best.value or "") < (found.value or "")):
            best = found
    return best


def _year(match: re.Match[str], line: Text, origin: Origin, rules: MetadataRules) -> Found | None:
    """The year of a year match, hidden when redacted, None when it is about something else or implausible."""
    token = match.group("year")
    start = match.start("year")
    end = line.norm.find("年", match.end("year")) + 1
    before = line.norm[:start].rstrip()
    after = line.norm[end:].lstrip()
    if before.endswith(rules.year_not_before) or after.startswith(rules.year_not_after):
        return None  # 比2020年, 2019年以来, 2035年远景目标
    evidence = quote_evidence("date", origin, line, start, end)
    if any(char in rules.marks for char in token):
        return Found(None, evidence)
    year = int("".join(str(_CN_VALUES[c]) for c in token) if token[0] in _CN_VALUES else token.translate(OCR_DIGITS))
    if not rules.first_year <= year <= rules.last_year:
        return None
    return Found(str(year), evidence)
