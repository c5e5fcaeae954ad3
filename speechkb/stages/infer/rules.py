"""``vocabularies/metadata.yml`` loaded, validated and compiled into :class:`MetadataRules`.

Every word the inference reads by lives in that file; here each list is folded like the text it is matched
against (:func:`speechkb.stages.infer.text.fold`) and built into patterns once, for every speech of a build. The
forms of dates and years are the code's, not words, so their patterns are built here too.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from speechkb.machinery.yaml_data import Document, read_yaml, validate
from speechkb.model import Diagnostic, Level, Season, Severity
from speechkb.stages.infer.schema import MetadataFile, SeasonSettings, Sexagenary, StructureWords
from speechkb.stages.infer.text import fold
from speechkb.stages.numbering import CIRCLED, CN
from speechkb.stages.vocabulary import VocabularyError

METADATA_FILE = "metadata.yml"

_CJK = "\u3400-\u9fff"
_CN_DIGITS = "〇○零一二三四五六七八九"
# What OCR of a scanned print reads a Chinese year's 〇 as (二O二四年): a letter O or a digit 0, in a year of
# Chinese numerals, where no letter or digit is written. The shown text keeps them.
_CN_YEAR_DIGITS = _CN_DIGITS + "Oo0Ｏ"
# What ends a date's day: 日, 号, and 曰, which OCR reads for 日 (2024年3月15曰), a character no date is written with.
_DAY_END = "[日号曰]"
# What OCR of a scanned print reads a date's 0 and 1 as: the letter o and a small l or capital I (2O23年l2月8日,
# 2024年I月5日). They are those digits only inside a date's or a year's digits, where no letter is written; the
# shown text keeps them. A year read so must still be a year of speeches (first_year…last_year): letters alone
# make none, as neither 2 nor 9 has a letter for it.
_OCR_LETTERS = {"O": "0", "o": "0", "l": "1", "I": "1"}
# A PDF's text layer may space a date's digits out (2 0 2 4 年 3 月), as a justified line spaces its characters:
# one space between two digits is no character of the number.
_DIGIT_GAPS = " \u3000"
OCR_DIGITS = str.maketrans({**_OCR_LETTERS, **dict.fromkeys(_DIGIT_GAPS)})
_DIGIT = f"[0-9{''.join(_OCR_LETTERS)}]"  # a digit of a date as the text or its OCR writes it
_GAP = f"[{_DIGIT_GAPS}]?"
_YEAR_DIGITS = f"{_DIGIT}(?:{_GAP}{_DIGIT}){{3}}"  # 2024, 2 0 2 4
_MONTH_DIGITS = f"{_DIGIT}(?:{_GAP}{_DIGIT})?"  # 3, 12, 1 2


@dataclass(frozen=True)
class _LevelWord:
    level: Level
    kind: str  # "word" (全县), "own" (我县), "institution" (县委), "office" (县长)


@dataclass(frozen=True)
class Cue:
    name: str
    season: Season
    weight: int


# Where an enumeration's item may start: the start of a paragraph, or right after a sentence's or a clause's end
# (一是 and 一要 after a comma too: 关于道路交通安全，一要……，二要……), with the bold a page set it in (**一是**…).
_BREAK = r"(?:^|(?<=[。；：！？;:!?]))(?:\*\*)?"
_LIST_BREAK = r"(?:^|(?<=[。；：！？;:!?，,]))(?:\*\*)?"


@dataclass(frozen=True, eq=False)
class Structure:
    """The words of ``metadata.yml``'s ``structure`` built into the patterns the parse reads a speech's structure by."""

    # 同志们：, 各位领导、同志们：, 尊敬的各位来宾，同志们：: a line ending in a colon whose last part names an audience;
    # 各位同事、各位班组长：, 尊敬的王书记：: an address opening with its form of address, whoever it names
    salutation: re.Pattern[str]
    vocative: re.Pattern[str]  # 同志们，…: the audience addressed again; 你们， is no one addressed
    address_adjectives: tuple[str, ...]  # 尊敬的: a closing calls on the audience without them
    # Inline enumerations: (family, pattern); the pattern's group 1 is the number word, and an item may only start
    # at the beginning of a paragraph or right after a sentence or clause break
    enumerations: tuple[tuple[str, re.Pattern[str]], ...]
    # 一是压实企业主体责任。 / 一要牢固树立红线意识。 / 首先，压实企业主体责任。: an item of an enumeration as a short
    # line of one sentence, in the styles its sequence keeps. 第一　抓好隐患排查。, a space for its comma and a full
    # stop, is a part heading as 第一　抓好隐患排查 is, but only so in its sequence: alone, a short sentence whose 第一
    # is a word spaced apart (第一 季度全县共发生事故3起。) is text.
    item_lines: tuple[tuple[str, re.Pattern[str]], ...]
    # 第一，严格许可审批。: an item line too, whose sequence may be a heading's list; where it heads passages its
    # marker makes it a heading already (numbering.HEADING_STYLES).
    listed_item_lines: tuple[tuple[str, re.Pattern[str]], ...]
    # An enumeration run into its heading (…突出问题　一是…；二是…, …三项工作一是…): its first item, spaced apart or not.
    first_item: re.Pattern[str]
    last_in_sequence: str  # 最后: the last of however many
    # The number each word of a sequence stands for, by its place in it (首先 1, 其次 2; 另一 of 另一方面 2)
    sequence_numbers: Mapping[str, int]
    # Where a paragraph run into its heading starts: a year, a date or a figure (成效2022年，在…), or a word of time
    # opening its first clause (形势当前，我县…; 工作今年是…)
    run_in_start: re.Pattern[str]
    note_label: re.Pattern[str]  # 注：①数据截至……: the notes the text gives after the speech
    editors_label: re.Pattern[str]  # 编者按：, 【编者按】, 按语：: an editorial lead's label
    announces: re.Pattern[str]  # …现将讲话全文刊发如下。: a lead announcing the text under it
    meeting_at: str  # 在 of 在……会议上的讲话
    # The second line of a title broken over two: one that cannot start a title itself (——, 在, 关于, 第), as short as
    # the one character a 22-point title printed from Word leaves (…会议上的讲 / 话)
    title_continues: re.Pattern[str]
    meeting_title: re.Pattern[str]  # 在……会议上的讲话, also under the name of who gave it (王某某在…)
    generic_title: re.Pattern[str]  # 讲话稿, 领导讲话: a label that names no meeting and no theme
    host_lines: tuple[re.Pattern[str], ...]  # 下面请县长王某某同志讲话: said at the meeting, no title
    compilation_number: re.Pattern[str]  # 第二篇, 篇3: a 范文 page's number of a speech, its groups the number
    compilation_label: re.Pattern[str]  # 第二篇 alone on its line over the title it numbers
    cell_goes_on: re.Pattern[str]  # 更新改造和, 道路交通、: where a table's cell stops, none ends (search)
    meeting_held: re.Pattern[str]  # 召开了……会议: groups verb and meeting
    relayed_verbs: tuple[str, ...]  # 收听收看: the meeting held is relayed, the speech given at the speaker's own
    derived_title: str  # 在{meeting}上的讲话
    relayed_title: str  # 在{scope}收听收看{meeting}后的讲话


def _structure(words: StructureWords, regex: Callable[..., re.Pattern[str] | None]) -> Structure:
    enumeration = words.enumeration
    is_word, must_word = re.escape(fold(enumeration.is_word)), re.escape(fold(enumeration.must_word))
    must = f"{must_word}(?!{_either(enumeration.must_not_before)})" if enumeration.must_not_before else must_word
    sequence = "|".join(map(re.escape, _folded(enumeration.sequence)))
    ordinal = re.escape(fold(enumeration.ordinal_prefix))
    aspect = f"(一|{re.escape(fold(enumeration.other_aspect))}){re.escape(fold(enumeration.aspect_word))}"
    plural = re.escape(fold(words.plural))
    not_pronoun = "".join(f"(?<!{re.escape(pronoun)})" for pronoun in _folded(words.pronouns))
    audience = _either(words.audience)
    openers = _either([*words.address_adjectives, *words.address_openers])
    return Structure(
        salutation=re.compile(
            rf"^(?:[^。；;：:]{{0,24}}[，,])?[^。，；,;：:]{{0,16}}(?:{audience})[：:]$"
            rf"|^(?:{openers})[^。；;：:！？!?]{{1,30}}[：:]$"
        ),
        vocative=re.compile(rf"^[^。，；：,;:]{{0,10}}{not_pronoun}{plural}[，,！!]"),
        address_adjectives=_folded(words.address_adjectives),
        enumerations=(
            ("shi", re.compile(rf"{_LIST_BREAK}({CN}){is_word}")),
            # 1是, 2是: 一是 as a phone or a hurried typist numbers it, a sequence of its own; only after a
            # sentence's end, as a figure after a comma may be a clause's subject (……的，3是最少的).
            ("digit-shi", re.compile(rf"{_BREAK}([1-9１-９]){is_word}")),
            ("yao", re.compile(rf"{_LIST_BREAK}({CN}){must}")),
            ("fangmian", re.compile(rf"{_BREAK}{aspect}")),
            ("shouxian", re.compile(rf"{_BREAK}({sequence})[，,]")),
            ("ordinal", re.compile(rf"{_BREAK}{ordinal}({CN})[，,、]")),
            ("circled", re.compile(f"{_BREAK}([{CIRCLED}])")),
        ),
        item_lines=(
            ("cn-shi", re.compile(rf"^({CN}){is_word}")),
            ("cn-yao", re.compile(rf"^({CN}){must}")),
            ("sequence", re.compile(rf"^({sequence})[，,]")),
            ("ordinal", re.compile(rf"^{ordinal}({CN})\s+(?=\S)")),
        ),
        listed_item_lines=(("ordinal", re.compile(rf"^{ordinal}({CN})[，,]")),),
        first_item=re.compile(rf"\s*一(?P<verb>{is_word}|{must})"),
        last_in_sequence=fold(enumeration.sequence[-1]),
        sequence_numbers={
            **{word: place for place, word in enumerate(_folded(enumeration.sequence), 1)},
            fold(enumeration.other_aspect): 2,
        },
        run_in_start=re.compile(
            r"\d{4}年|\d{1,2}月\d{1,2}日|\d{4}[-./]\d|\d+(?:\.\d+)?%"
            rf"|(?:{_either(words.time_words)})(?=[，,]|{is_word})"
        ),
        note_label=re.compile(rf"^(?:{_either(words.note_labels)})\s*[:：]"),
        editors_label=re.compile(rf"^[【\[]?(?:{_either(words.editor_labels)})[】\]]?\s*[:：]?"),
        announces=re.compile(rf"(?:{_either(words.announcing)})[。：:]?$"),
        meeting_at=fold(words.meeting_at),
        title_continues=re.compile(rf"^(?!——|{_either(words.title_openers)})[^，。！？；：\s]{{1,30}}$"),
        meeting_title=regex(words.meeting_title, "structure", "meeting_title") or _NEVER,
        generic_title=regex(words.generic_titles, "structure", "generic_titles") or _NEVER,
        host_lines=tuple(
            compiled
            for index, source in enumerate(words.host_lines)
            if (compiled := regex(source, "structure", "host_lines", index))
        ),
        compilation_number=re.compile(_compilation_numbers(words.compilation_numbers, f"({_COMPILATION_N}{{1,3}})")),
        compilation_label=re.compile(
            rf"{_compilation_numbers(words.compilation_numbers, f'{_COMPILATION_N}{{1,3}}')}\s*[：:．.、]?$"
        ),
        cell_goes_on=re.compile(rf"(?:{_either(words.joining_words)}|、)$"),
        meeting_held=regex(words.meeting_held, "structure", "meeting_held", groups=("verb", "meeting")) or _NEVER,
        relayed_verbs=_folded(words.relayed_verbs),
        derived_title=words.derived_title,
        relayed_title=words.relayed_title,
    )


_NEVER = re.compile("(?!)")
_COMPILATION_N = "[一二三四五六七八九十0-9０-９]"  # the number a 范文 page gives a speech


def _compilation_numbers(forms: Sequence[str], number: str) -> str:
    """The forms a 范文 page numbers its speeches with (第{n}篇, 篇{n}), ``number`` in place of each {n}: one
    alternation, matched at the start."""
    alternatives = "|".join(
        number.join(re.escape(fold(part)) for part in form.split("{n}")) for form in forms if "{n}" in form
    )
    return f"^(?:{alternatives or '(?!)'})"


@dataclass(frozen=True, eq=False)
class MetadataRules:
    """``metadata.yml`` compiled: every pattern built once, for every speech of a build."""

    scan_lines: int
    opening_lines: int
    first_year: int
    last_year: int
    marks: str
    year: re.Pattern[str]  # a year (digits, Chinese numerals or redacted) followed by 年; group 'year'
    dates: re.Pattern[str]  # full dates and year-months in every written form (see _date_pattern)
    year_not_before: tuple[str, ...]
    year_not_after: tuple[str, ...]
    opening_years: tuple[re.Pattern[str], ...]
    date_meeting_words: tuple[str, ...]
    month_day: re.Pattern[str]  # a month and day without a year (6月8日, 六月八日); groups m, d or cm, cd
    # a year and a 农历 month and day (二〇二四年腊月二十三; group 'year'), or a 干支 year's (甲辰年腊月二十三; 'cycle')
    lunar_date: re.Pattern[str]
    cycle_years: Mapping[str, int]  # a 干支 year's name (甲辰) and the one year of speeches it names (2024)
    lunar_months: Mapping[str, int]  # a 农历 month's name (腊) and its number (12)
    issue_words: tuple[str, ...]
    # What a news report opens its lead with before the day (本网讯（记者 刘某）4月8日，…): patterns, each anchored
    news_datelines: tuple[re.Pattern[str], ...]
    # How the names of the accounts that post speeches end (清河应急, 青岚县应急管理): one alone over the title is the
    # post's, even where the copy kept none of the post's other lines
    account_ends: tuple[str, ...]
    agenda_label: re.Pattern[str]  # the label of a meeting's agenda alone on its line, folded and stripped: fullmatch
    table_caption: re.Pattern[str]  # a table's caption (表1：…), folded and stripped: fullmatch
    level_words: re.Pattern[str]
    level_of: Mapping[str, _LevelWord]
    bare: Mapping[str, Level]
    not_followed_by: str
    place: re.Pattern[str]  # a place name at a position: group 'place'
    place_level: Mapping[str, Level]
    place_suffixes: tuple[str, ...]  # longest first: 自治县 before 县
    place_prefixes: tuple[str, ...]
    place_not_contain: str
    place_not_contain_words: tuple[str, ...]
    not_places: tuple[str, ...]
    elsewhere: tuple[str, ...]
    elsewhere_in_text: tuple[str, ...]
    elsewhere_after: tuple[str, ...]
    sole_suffixes: tuple[str, ...]
    own_follows: tuple[str, ...]
    own_units: tuple[str, ...]
    signing_units: tuple[str, ...]  # how a unit's name ends (局, 县, 县委, 厂): a signature so ending is no person
    institutions: tuple[str, ...]  # the levels' bodies (县委, 县人民政府): a place's name stands before one
    region_words: frozenset[str]
    region_marker: str | None
    region_level: Level | None
    relay: re.Pattern[str] | None
    relay_end: re.Pattern[str] | None
    now_words: tuple[str, ...]
    host_verbs: tuple[str, ...]
    titles: tuple[re.Pattern[str], ...]
    opening_meetings: tuple[re.Pattern[str], ...]
    opening_speakers: tuple[re.Pattern[str], ...]
    office_suffixes: tuple[str, ...]
    office_starts: tuple[str, ...]
    honorifics: tuple[str, ...]
    labels: tuple[str, ...]
    host_labels: tuple[str, ...]
    not_names: tuple[str, ...]
    recall_words: tuple[str, ...]  # 刚才: a 讲话 after it in its sentence is another's, said before
    surnames: tuple[str, ...]
    max_name: int
    publisher: re.Pattern[str]  # a page's 来源：… label and what it names: groups 'label' and 'publisher'
    not_publishers: tuple[str, ...]
    # A page's footer's 主办：青岚县人民政府办公室 label and who it names: groups 'label' and 'publisher'
    page_owner: re.Pattern[str]
    # A page's 发布时间：2023-03-10 label and the day after it, folded: search; groups 'label' and 'date'
    page_date: re.Pattern[str]
    thanks: re.Pattern[str]  # a line that is only thanks (谢谢大家！谢谢！), folded and stripped: fullmatch
    # A host's words that end the meeting (会议到此结束，散会！), folded and stripped: fullmatch
    adjourned: re.Pattern[str]
    # The speaker declaring the ceremony's business done (现在，我宣布：…活动正式启动！), folded and stripped: fullmatch
    declared: re.Pattern[str]
    # Where the closing's call starts after a sentence (…责任。让我们…), folded: search; the call starts at its end
    call: re.Pattern[str]
    # An editor's bracketed note on who wrote or gave the text (（作者系…县长）), folded and stripped: fullmatch;
    # group 'person' is the office and name it gives, group 'meeting' the meeting after its 在
    author_note: re.Pattern[str]
    attachment: re.Pattern[str]  # a line that labels an attachment (附件：…, 附：…), folded and stripped: fullmatch
    attachment_label: re.Pattern[str]  # the label alone (附件, 附件1), folded and stripped: fullmatch
    structure: Structure  # the words the parse reads a speech's own structure by (its salutation, enumerations)
    # A title with its page's decorations (重磅｜…（全文）), folded and stripped: fullmatch; group 'title' is the rest
    title_labels: re.Pattern[str]
    # A line that is a speech's title by its form (see _title_form_pattern), simplified: match; groups 'prefix',
    # 'title', 'mark' (a bracketed mark such as （摘要）) and 'date'
    title_form: re.Pattern[str]
    abridged_marks: tuple[str, ...]  # the marks that say the text is cut short (摘要, 节选)
    season: SeasonSettings
    cue_words: re.Pattern[str] | None  # every literal cue in one alternation, longest first
    cue_of: Mapping[str, Cue]  # a literal cue → its group
    cue_patterns: tuple[tuple[re.Pattern[str], Cue], ...]


def load_metadata_rules(folder: Path) -> MetadataRules:
    """Read and validate ``folder / METADATA_FILE``; raise :class:`VocabularyError` listing every problem."""
    problems: list[Diagnostic] = []
    document = read_yaml(folder / METADATA_FILE, problems)
    parsed = validate(document, MetadataFile, "entry", problems) if document else None
    if document is None or parsed is None:
        raise VocabularyError(problems)
    rules = _compile(document, parsed, problems)
    if problems or rules is None:
        raise VocabularyError(problems)
    return rules


def _compile(document: Document, parsed: MetadataFile, problems: list[Diagnostic]) -> MetadataRules | None:
    """The rules built from a file that has the right shape; the checks pydantic cannot make are reported here."""

    def error(line: int | None, message: str) -> None:
        problems.append(Diagnostic(document.path, line, message, Severity.ERROR))

    def regex(source: str, *where: str | int, groups: tuple[str, ...] = ()) -> re.Pattern[str] | None:
        label = ".".join(map(str, where))
        try:
            compiled = re.compile(source)
        except re.error as failure:
            error(document.line(*where), f"{label}: '{source}' is not a valid regular expression: {failure}")
            return None
        missing = [name for name in groups if name not in compiled.groupindex]
        if missing:
            error(document.line(*where), f"{label}: '{source}' has no group named '{missing[0]}'")
            return None
        if compiled.search("") is not None:
            error(document.line(*where), f"{label}: '{source}' matches the empty text, so it would match anything")
            return None
        return compiled

    if parsed.first_year > parsed.last_year:
        error(document.line("first_year"), "first_year is after last_year")
    for key, template, fields in (
        ("derived_title", parsed.structure.derived_title, ("meeting",)),
        ("relayed_title", parsed.structure.relayed_title, ("meeting", "scope")),
    ):
        if sorted(name for _, name, _, _ in string.Formatter().parse(template) if name) != sorted(fields):
            names = " and ".join("{" + name + "}" for name in fields)
            error(document.line("structure", key), f"structure.{key}: '{template}' must hold {names} once each")
    marks = "".join(dict.fromkeys(fold(parsed.redaction_marks)))
    mark_class = "".join(re.escape(char) for char in marks)
    # A year: four digits, four Chinese numerals (二〇二三), or digits hidden by redaction marks (20XX, **, ×).
    # Nothing numeric may stand just before it, so 12024年 or 第一二三四年 is no year.
    before = rf"(?<![0-9{_CN_DIGITS}{mark_class}])"
    redacted = rf"[0-9]{{0,3}}[{mark_class}]{{1,4}}[0-9]{{0,3}}"
    year_token = rf"{before}(?P<year>{_YEAR_DIGITS}|[{_CN_YEAR_DIGITS}]{{4}}|{redacted})\s*年"
    cycle_years = _cycle_years(parsed.sexagenary_years, parsed.first_year, parsed.last_year)
    opening_years: list[re.Pattern[str]] = []
    for index, source in enumerate(parsed.opening_year_patterns):
        if source.count("{year}") != 1:
            error(document.line("opening_year_patterns", index), "opening_year_patterns: a pattern needs {year} once")
            continue
        compiled = regex(source.replace("{year}", year_token), "opening_year_patterns", index)
        if compiled:
            opening_years.append(compiled)
    titles = [regex(p, "title_patterns", i, groups=("meeting",)) for i, p in enumerate(parsed.title_patterns)]
    meetings = [
        regex(p, "opening_meeting_patterns", i, groups=("meeting",))
        for i, p in enumerate(parsed.opening_meeting_patterns)
    ]
    datelines = [compiled for i, p in enumerate(parsed.news_datelines) if (compiled := regex(p, "news_datelines", i))]
    speakers = [
        regex(p, "opening_speaker_patterns", i, groups=("speaker",))
        for i, p in enumerate(parsed.opening_speaker_patterns)
    ]

    level_of: dict[str, _LevelWord] = {}
    bare: dict[str, Level] = {}
    place_level: dict[str, Level] = {}
    where_level: dict[str, tuple[str, int]] = {}
    seen_levels: dict[str, int] = {}
    for index, entry in enumerate(parsed.levels):
        if entry.name in seen_levels:
            error(document.line("levels", index, "name"), f"level '{entry.name}' (entry {index + 1}) is listed twice")
        seen_levels[entry.name] = index
        for kind, words, table in (
            ("word", entry.words, "words"),
            ("own", entry.own, "own"),
            ("institution", entry.institutions, "institutions"),
            ("office", entry.offices, "offices"),
        ):
            for position, word in enumerate(words):
                normal = fold(word)
                line = document.line("levels", index, table, position)
                if not normal:
                    error(line, f"level '{entry.name}' (entry {index + 1}): an empty word in '{table}'")
                elif normal in level_of and level_of[normal].level != entry.name:
                    other, other_line = where_level[normal]
                    error(
                        line,
                        f"level '{entry.name}' (entry {index + 1}): '{word}' is already a word of level '{other}' "
                        f"(line {other_line}); a word may tell one level only",
                    )
                else:
                    level_of.setdefault(normal, _LevelWord(entry.name, kind))
                    where_level.setdefault(normal, (entry.name, line or 0))
        for position, char in enumerate(entry.bare):
            if len(char) != 1:
                error(document.line("levels", index, "bare", position), f"bare: '{char}' is not one character")
            bare[fold(char)] = entry.name
        for suffix in entry.place_suffixes:
            place_level[fold(suffix)] = entry.name
    after = "".join(re.escape(char) for char in fold(parsed.not_followed_by))
    level_words = _literals(level_of, f"(?![{after}])" if after else "") or re.compile(r"(?!x)x")

    place_not_start = "".join(re.escape(char) for char in fold(parsed.place.not_start))
    # A place name is two to four characters and a level suffix (青川县, 城关镇), or up to ten before a long suffix
    # (黔东南苗族侗族自治州); shortest first, so 四川省青川县 is 四川省, then 青川县.
    short = "|".join(map(re.escape, sorted((x for x in place_level if len(x) < 3), key=len, reverse=True)))
    long = "|".join(map(re.escape, sorted((x for x in place_level if len(x) >= 3), key=len, reverse=True)))
    name = f"[{_CJK}{mark_class}]"
    alternatives = [f"{name}{{2,10}}?(?:{long})"] if long else []
    alternatives += [f"{name}{{2,4}}?(?:{short})"] if short else []
    place = re.compile(
        (f"(?![{place_not_start}])" if place_not_start else "")
        + (f"(?P<place>{'|'.join(alternatives)})" if alternatives else r"(?P<place>(?!x)x)")
    )

    publisher = _publisher_pattern(parsed.publisher.labels, parsed.publisher.next_labels)

    relay = _literals(_folded(parsed.relay_markers))
    relay_end = _literals(_folded(parsed.relay_ends))

    cue_patterns: list[tuple[re.Pattern[str], Cue]] = []
    cue_of: dict[str, Cue] = {}
    for index, cue in enumerate(parsed.season_cues):
        group = Cue(cue.name, cue.season, cue.weight)
        for position, source in enumerate(cue.patterns):
            if compiled := regex(source, "season_cues", index, "patterns", position):
                cue_patterns.append((compiled, group))
        for position, word in enumerate(cue.words):
            normal = fold(word)
            if normal in cue_of:
                error(
                    document.line("season_cues", index, "words", position),
                    f"season cue '{cue.name}' (entry {index + 1}): '{word}' is already a cue of '{cue_of[normal].name}'",
                )
            elif normal:
                cue_of[normal] = group

    if problems:
        return None
    region = parsed.autonomous_region
    form = parsed.title_form_labels
    institutions = tuple(word for word, found in level_of.items() if found.kind == "institution")
    return MetadataRules(
        scan_lines=parsed.scan_lines,
        opening_lines=parsed.opening_lines,
        first_year=parsed.first_year,
        last_year=parsed.last_year,
        marks=marks,
        year=re.compile(year_token),
        dates=_date_pattern(before, redacted),
        year_not_before=_folded(parsed.year_not_before),
        year_not_after=_folded(parsed.year_not_after),
        opening_years=tuple(opening_years),
        date_meeting_words=_folded(parsed.date_meeting_words),
        month_day=_month_day_pattern(),
        lunar_date=_lunar_date_pattern(year_token, cycle_years, parsed.lunar_month_names),
        lunar_months=parsed.lunar_month_names,
        cycle_years=cycle_years,
        issue_words=_folded(parsed.issue_words),
        news_datelines=tuple(datelines),
        account_ends=_folded(parsed.account_ends),
        agenda_label=_agenda_label_pattern(parsed.agenda_labels),
        table_caption=_table_caption_pattern(parsed.table_captions),
        level_words=level_words,
        level_of=level_of,
        bare=bare,
        not_followed_by=fold(parsed.not_followed_by),
        place=place,
        place_level=place_level,
        place_suffixes=tuple(sorted(place_level, key=len, reverse=True)),
        place_prefixes=_folded(parsed.place.prefixes),
        place_not_contain=fold(parsed.place.not_contain),
        place_not_contain_words=_folded(parsed.place.not_contain_words),
        not_places=_folded(parsed.place.not_places),
        elsewhere=_folded(parsed.place.elsewhere),
        elsewhere_in_text=_folded(parsed.place.elsewhere_in_text),
        elsewhere_after=_folded(parsed.place.elsewhere_after),
        sole_suffixes=_folded(parsed.place.sole_suffixes),
        own_follows=_folded(parsed.place.own_follows),
        own_units=_folded(parsed.place.own_units),
        signing_units=(*_folded(parsed.place.own_units), *place_level, *institutions),
        institutions=institutions,
        region_words=frozenset(_folded(region.words)) if region else frozenset(),
        region_marker=fold(region.marker) if region else None,
        region_level=region.level if region else None,
        relay=relay,
        relay_end=relay_end,
        now_words=_folded(parsed.now_words),
        host_verbs=_folded(parsed.host_verbs),
        titles=tuple(p for p in titles if p),
        opening_meetings=tuple(p for p in meetings if p),
        opening_speakers=tuple(p for p in speakers if p),
        office_suffixes=_folded(parsed.speaker.office_suffixes),
        office_starts=_folded(parsed.speaker.office_starts),
        honorifics=_folded(parsed.speaker.honorifics),
        labels=_folded(parsed.speaker.labels),
        host_labels=_folded(parsed.speaker.host_labels),
        not_names=_folded(parsed.speaker.not_names),
        recall_words=_folded(parsed.speaker.recall_words),
        surnames=_folded(parsed.speaker.surnames),
        max_name=parsed.speaker.max_name,
        publisher=publisher,
        not_publishers=_folded(parsed.publisher.not_publishers),
        page_owner=_publisher_pattern(parsed.page_owner.labels, parsed.page_owner.next_labels),
        page_date=_page_date_pattern(parsed.page_date.labels),
        thanks=_thanks_pattern(parsed.ending.thanks),
        adjourned=_adjourned_pattern(parsed.ending.adjournments),
        declared=_declared_pattern(parsed.ending.declarations),
        call=re.compile(rf"(?<=[。！？!?])\s*(?=(?:{_either(parsed.ending.calls)}))"),
        author_note=_author_note_pattern(parsed.ending.author_notes),
        attachment=_attachment_pattern(parsed.ending.attachments),
        attachment_label=_attachment_label_pattern(parsed.ending.attachments),
        structure=_structure(parsed.structure, regex),
        title_labels=_title_labels_pattern(parsed.title_labels.prefixes, parsed.title_labels.suffixes),
        title_form=_title_form_pattern(form.kinds, form.marks + form.abridged, form.notes, form.suffixes),
        abridged_marks=_folded(form.abridged),
        season=parsed.season.model_copy(
            update={
                "ahead_before": list(_folded(parsed.season.ahead_before)),
                "ahead_after": list(_folded(parsed.season.ahead_after)),
                "past_before": list(_folded(parsed.season.past_before)),
            }
        ),
        cue_words=_literals(cue_of),
        cue_of=cue_of,
        cue_patterns=tuple(cue_patterns),
    )


def _literals(words: Iterable[str], tail: str = "") -> re.Pattern[str] | None:
    """One pattern for many literal words, longest first (县安委会 before 县, 汛期前 before 汛期).

    Python's regex engine tries every alternative at every position; a look-ahead for the words' first
    characters makes it skip at once the many positions where no word can start (a cue scan reads the whole
    speech).
    """
    ordered = sorted(words, key=len, reverse=True)
    if not ordered:
        return None
    firsts = "".join(re.escape(char) for char in dict.fromkeys(word[0] for word in ordered))
    return re.compile(f"(?=[{firsts}])(?:" + "|".join(map(re.escape, ordered)) + ")" + tail)


# What may stand between a page's fields on one line (white space, ｜, 【), and what ends a field besides them.
_FIELD_SEPARATORS = r"\s|｜【\[（"
_FIELD_ENDS = r"\s|｜【】\[\]（）：，；。"


def _publisher_pattern(labels: Sequence[str], next_labels: Sequence[str]) -> re.Pattern[str]:
    """A page's 来源：清岚县应急管理局: a label at the start of the line or of one of its fields, and the name up to
    the end of the field, which is white space, a bracket or the next label (浏览次数：) when nothing separates
    them (来源：清岚县应急管理局发布时间：…)."""
    label = _alternation(labels)
    following = _alternation(next_labels)
    next_field = f"|(?:{following})[^{_FIELD_ENDS}]{{0,3}}：" if following else ""
    return re.compile(
        rf"(?:^|(?<=[{_FIELD_SEPARATORS}0-9]))(?P<label>{label})\s*：\s*"
        rf"(?P<publisher>[^{_FIELD_ENDS}]{{2,40}}?)(?=$|[{_FIELD_ENDS}]{next_field})"
    )


def _page_date_pattern(labels: Sequence[str]) -> re.Pattern[str]:
    """A page's 发布时间：2023-03-10: a label at the start of the line or of one of its fields, and the day after it in
    digits (2023-03-10, 2023/3/10, 2023年3月10日)."""
    return re.compile(
        rf"(?:^|(?<=[\s|｜【\[]))(?P<label>{_alternation(labels)})\s*：\s*"
        r"(?P<date>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?)"
    )


def _thanks_pattern(formulas: Sequence[str]) -> re.Pattern[str]:
    """A line of thanks formulas and nothing else, each closed by its punctuation or none (谢谢大家！谢谢！)."""
    words = _alternation(formulas)
    return re.compile(f"(?:(?:{words})[！。.…～~ ]*)+")


def _adjourned_pattern(words: Sequence[str]) -> re.Pattern[str]:
    """A short line that ends with words ending the meeting (散会！, 启动仪式到此结束，散会！): a formula said to close it,
    as thanks are, not a sentence of the speech."""
    return re.compile(rf"[^。！？]{{0,16}}(?:{_either(words)})[！。.!～~ ]*")


def _declared_pattern(words: Sequence[str]) -> re.Pattern[str]:
    """One sentence declaring the ceremony's business done, after at most a short lead (现在，我宣布：…活动正式启动！,
    我宣布，大会胜利闭幕！): the ceremony's formula, said to end it as an adjournment is. A sentence, not a clause of
    one: nothing ends a sentence before its last mark."""
    return re.compile(rf"[^。！？!?]{{0,8}}(?:{_either(words)})[^。！？!?]{{2,60}}[！。!.～~ ]*")


def _author_note_pattern(words: Sequence[str]) -> re.Pattern[str]:
    """A line that opens with words saying who wrote or gave the text (（作者系青岚县人民政府县长）,
    （作者为清河区应急管理局局长　王某某）, （本文系王某某同志在……上的讲话）), bracketed or, as a journal sets it
    under the text, not (本文作者系青岚县人民政府副县长): group 'person' is the office and name up to the 在 that
    names the meeting, if any; 同志 after a name is an honorific, no part of it."""
    return re.compile(
        rf"(?:(?P<open>[(（])\s*)?(?:{_either(words)})\s*(?P<person>[^()（）在。]{{2,40}}?)\s*(?:同志)?"
        r"(?:在(?P<meeting>[^()（）。]{0,80}))?(?(open)[)）]|。?)"
    )


def _attachment_pattern(labels: Sequence[str]) -> re.Pattern[str]:
    """A line that labels what is attached after the speech: a label, then its number or a colon (附件1,
    附件：, 附：; 附近 is a word), then at most a short name with no sentence in it (附件：1.清岚县……分工表); or the
    label alone, as GB/T 9704 sets it over the attachment's title (附件, 附表)."""
    words = _alternation(labels)
    return re.compile(rf"(?:{words})(?:\s*(?:[0-9一二三四五六七八九十]{{1,2}}\s*：?|：)\s*[^。！？]{{0,40}})?")


def _attachment_label_pattern(labels: Sequence[str]) -> re.Pattern[str]:
    """An attachment's label on a line of its own, as GB/T 9704 sets it over the attachment: 附件, 附件1, 附件2："""
    words = _alternation(labels)
    return re.compile(rf"(?:{words})\s*[0-9]{{0,2}}\s*：?")


def _agenda_label_pattern(labels: Sequence[str]) -> re.Pattern[str]:
    """An agenda's label alone on its line (会议议程, 会议议程：), its characters maybe spaced out to a centred
    line's width (会 议 议 程); none when no label is listed."""
    spaced = (r"\s*".join(map(re.escape, label)) for label in sorted(_folded(labels), key=len, reverse=True))
    return re.compile(rf"(?:{'|'.join(spaced) or '(?!)'})\s*：?")


def _table_caption_pattern(labels: Sequence[str]) -> re.Pattern[str]:
    """A table's caption: its label, then its number (表1, 表2-1) or a colon, then a short name with no sentence in it
    (表1：2024年一季度各乡镇安全检查情况); none when no label is listed. A word the label opens (表态) is none."""
    words = _alternation(labels)
    if not words:
        return re.compile("(?!)")
    return re.compile(
        rf"(?:{words})\s*(?:[0-9一二三四五六七八九十]{{1,3}}(?:[-－.．][0-9]{{1,2}})?|(?=[：:]))[\s：:]*[^。！？；，]{{0,40}}"
    )


def _alternation(words: Sequence[str]) -> str:
    """An alternation of literal ``words`` as matched (folded), longest first, so that the longest word wins."""
    return "|".join(map(re.escape, sorted(_folded(words), key=len, reverse=True)))


def _either(words: Sequence[str]) -> str:
    """:func:`_alternation`, or one that never matches when there are no words."""
    return _alternation(words) or "(?!)"


def _title_labels_pattern(prefixes: Sequence[str], suffixes: Sequence[str]) -> re.Pattern[str]:
    """A title and the labels a page sets around it: 重磅｜, 聚焦丨, 【重磅】 before it, （全文） after it. A label
    stands apart from the title by its separator or brackets (重磅 alone may begin a title's words)."""
    before, after = _either(prefixes), _either(suffixes)
    return re.compile(
        rf"(?:(?:【\s*(?:{before})\s*】|(?:{before})\s*[｜|丨])\s*)?(?P<title>.+?)(?:\s*[（【\[](?:{after})[）】\]])?"
    )


_COUNT = "[一二三四五六七八九十0-9０-９]"  # a 范文 page's numbers (第3篇, 第三篇), as its simplified text writes them


def _title_form_pattern(
    kinds: Sequence[str], marks: Sequence[str], notes: Sequence[str], suffixes: Sequence[str]
) -> re.Pattern[str]:
    """A line that is a speech's title by its form, ending with the kind of text it is (``kinds``): 在……会议上的讲话,
    ……讲话稿, ……讲话（摘要）. Web pages and file names
    decorate it: a 第一篇：/【领导讲话】/领导讲话｜/重磅丨 prefix; a （摘要） mark (``marks``); a date; a site's name
    after _ or -, a file suffix, a 【优秀】 label, a (通用) note (``notes``), a 范文 suffix (``suffixes``). The title is
    what a person gives it: the decorations are taken off. Matched on simplified text, which keeps ASCII brackets."""
    return re.compile(
        rf"^(?P<prefix>(?:第{_COUNT}{{1,3}}篇|篇{_COUNT}{{1,3}}|范文{_COUNT}{{0,3}})\s*[：:．.、]?\s*|——\s*"
        r"|【[^】]{1,12}】\s*|\*\*\s*|\#{1,6}\s*(?:\*\*\s*)?|[^｜|丨：:]{2,10}\s*[｜|丨]\s*)?"
        rf"(?P<title>[^。！？!?；;>＞›»]{{2,78}}?(?:{'|'.join(map(re.escape, _folded(kinds)))}))"
        r"(?P<decorations>(?:\s*(?:"
        rf"(?P<mark>[（(](?:{_either(marks)})[）)])"
        r"|(?P<date>[（(]?\s*(?:\d{4}|[一二三四五六七八九〇零○]{4}|20[Xx×_*]{2}|\*{2,4})\s*(?:年[^（）()]{0,12}|[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?)?[）)]?)"
        r"|[_\-—－|｜]\s*[^。，！？_\-—－|｜]{1,20}"  # a site's name
        r"|\.(?:docx?|pdf|txt|wps|rtf|odt)"
        rf"|【[^】]{{1,6}}】|[（(](?:{_either(notes)})[^）)]{{0,6}}[）)]|(?:{_either(suffixes)})(?:\d{{1,2}}篇)?|\*\*"
        r"))*)$"
    )


def _folded(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(folded for word in words if (folded := fold(word)))


def _month_day_pattern() -> re.Pattern[str]:
    """A month and day with no year before them (``6月8日``, ``六月八日``): a lead's, whose year is its document's."""
    cn = "一二三四五六七八九十"
    return re.compile(
        rf"(?<![0-9年])(?P<m>[0-9]{{1,2}})\s*月\s*(?P<d>[0-9]{{1,2}})\s*[日号]"
        rf"|(?<![{cn}{_CN_DIGITS}年])(?P<cm>[{cn}]{{1,2}})\s*月\s*(?P<cd>[{cn}]{{1,3}})\s*[日号]"
    )


def _cycle_years(cycle: Sexagenary, first_year: int, last_year: int) -> dict[str, int]:
    """Each 干支 year's name and the Gregorian year it names among the years of speeches: the names come back every
    60 years, so a name is left out where two of its years are in the range (none is guessed)."""
    years: dict[str, list[int]] = {}
    for year in range(first_year, last_year + 1):
        step = (year - cycle.first_of_cycle) % 60
        years.setdefault(cycle.stems[step % 10] + cycle.branches[step % 12], []).append(year)
    return {name: found[0] for name, found in years.items() if len(found) == 1}


def _lunar_date_pattern(
    year_token: str, cycle_years: Mapping[str, int], month_names: Mapping[str, int]
) -> re.Pattern[str]:
    """A year and a month and day of the 农历 (``二〇二四年腊月二十三``, ``2024年农历正月初八``, ``2023年冬月十五``,
    ``甲辰年腊月二十三`` with the year's 干支 name, ``2023年12月初八`` with its month in digits): the day is told in
    the traditional calendar's months (正月…冬月, 腊月; groups 'leap' and 'month') and days (初一…初十, 十一, 廿三,
    三十; group 'day'), a form no Gregorian date has. The year written is the lunar year, whose 腊月 falls in January or February of the next Gregorian one."""
    named = "|".join(map(re.escape, month_names)) or "(?!)"
    # A month in digits (2023年12月初八, as offices type the year and month) is lunar only by a day that only the 农历
    # names so, 初X, 廿X or a whole 二十/三十 where a Gregorian day would take its 日: 2023年12月二十三日 is December.
    digits = "(?P<digits>1[0-2]|0?[1-9])"
    month = rf"(?P<leap>闰)?(?P<month>(?P<named>{named})|十一|十二|[一二三四五六七八九十]|{digits})月"
    lunar_only = "(?(digits)(?=初|廿|[二三]十(?![一二三四五六七八九日])))"
    old = "(?P<old>初[一二三四五六七八九十]|廿[一二三四五六七八九]?)"  # days only the 农历 counts so
    day = rf"{lunar_only}(?P<day>{old}|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|三十)"
    # 日 after the day where nothing else could make it a Gregorian date (腊月二十三日, 甲辰年十二月初八日); 二〇二三年
    # 十二月二十三日 is one.
    suffix = "(?(named)日?|(?(cycle)日?|(?(lunar)日?|(?(lead)日?|(?(old)日?)))))"
    cycles = "|".join(sorted(cycle_years)) or "(?!)"  # (?!) matches nothing: a range where every name is ambiguous
    year = rf"(?:{year_token}|(?P<cycle>{cycles})\s*年)"
    # 农历 before the year (农历甲辰年腊月二十三, group 'lead') or after it (2024年农历正月初八, group 'lunar')
    return re.compile(
        rf"(?:(?P<lead>农历)\s*)?{year}\s*(?P<lunar>农历)?\s*{month}\s*{day}{suffix}(?![0-9一二三四五六七八九十日号])"
    )


def _date_pattern(before: str, redacted: str) -> re.Pattern[str]:
    """Every written form of a date with at least a month: the forms are the code's, not words.

    ``2023年3月15日`` (spaces allowed, and OCR's letters for its digits: ``2O23年l2月``), ``二〇二三年三月十五日``,
    ``2023-3-15``/``2023.3.15``/``2023/3/15``, and the same with the year redacted (``20XX年3月15日``, ``××××年×月×日``), which is matched so that it can hide
    the date rather than let a later, weaker clue give one. Offices mix the numerals (``2023年12月二十三日``,
    ``二〇二四年3月5日``): after a year of either kind, the month and the day are each in digits or in words.
    """
    month = rf"{_MONTH_DIGITS}|十[一二]|[一二三四五六七八九十]"
    day = rf"{_MONTH_DIGITS}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九十]"
    return re.compile(
        rf"(?<![0-9])(?P<y>{_YEAR_DIGITS})\s*年\s*(?P<m>{month})\s*月(?:\s*(?P<d>{day})\s*{_DAY_END})?"
        rf"|(?P<cy>[{_CN_YEAR_DIGITS}]{{4}})\s*年\s*(?P<cm>{month})\s*月(?:\s*(?P<cd>{day})\s*{_DAY_END})?"
        r"|(?<![0-9.])(?P<ny>[0-9]{4})(?P<sep>[-./])(?P<nm>[0-9]{1,2})(?:(?P=sep)(?P<nd>[0-9]{1,2}))?(?![0-9.])"
        + rf"|{before}(?P<hidden>{redacted})\s*年\s*[0-9\S]{{1,2}}\s*月"
    )
