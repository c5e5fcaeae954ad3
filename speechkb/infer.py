"""Metadata from a speech's own text: date, level, season, place, meeting and speaker, each with its evidence.

Real archives come without sidecars, yet a speech usually says when and where it was given: a date line under
the title (``（2023年3月15日）``), the meeting in the title (``在全县2024年安全生产工作会议上的讲话``), the
host in its opening (``今天，我们召开全市安全生产工作会议``), a byline (``县委副书记、县长　王某某``), and what
lies ahead of the meeting (春节, 汛期, 清明). This module reads those, and records for each field the line (or
the clause of a long line) it was read from, so that a reader can check it. A sidecar key always wins; the
caller merges.

Three principles:

- A field is set only when the text states it. A redacted year (``20XX年``, ``**年``, ``×年``) or name
  (``***``) gives no value, never a guess; ties give nothing.
- Every word lives in ``vocabularies/metadata.yml`` (level words, season cues, title forms, the contexts
  that make a year "about something else"); the code holds the forms of dates and the order of evidence.
- It is cheap: called once per speech, it reads the title, the front lines and the first
  ``scan_lines`` body lines; only the season cues are counted over the whole text, with one compiled
  alternation of every cue word (and the few cue patterns).

Matching runs on :func:`speechkb.normalize.simplified` text with punctuation folded (:func:`_fold`); both keep
the length of the original, so offsets found in the copy cut the evidence out of the text as written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from speechkb.model import LEVELS, Diagnostic, Evidence, Level, Line, Metadata, Origin, Season, Severity
from speechkb.normalize import simplified
from speechkb.vocabulary import VocabularyError, _Document, _read, _validate

METADATA_FILE = "metadata.yml"

_CJK = "\u3400-\u9fff"
_CN_DIGITS = "〇○零一二三四五六七八九"
_CN_VALUES = {char: index for index, char in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_EVIDENCE_MAX = 60  # a longer line is quoted by the clause (or window) around the match
_SENTENCE_ENDS = "。；！？"
_CLAUSE_ENDS = "，。；：！？"
_DASHES = "—－-–~～ "
# A byline is short; a longer front line is a subtitle or a sentence.
_BYLINE_MAX = 40

# ASCII punctuation as the full-width forms the rules are written with, and full-width digits and letters as
# ASCII: every mapping is one character to one, so offsets stay those of the original.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "－": "-",
        "．": ".",
        "／": "/",
        "＊": "*",
        "＿": "_",
        "(": "（",
        ")": "）",
        ",": "，",
        ":": "：",
        ";": "；",
        "!": "！",
        "?": "？",
        "\u3000": " ",
        "\t": " ",
    }
)


def _fold(text: str) -> str:
    return simplified(text).translate(_FOLD)


# --- the rules file ---------------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)


_Words = list[str]


class _LevelEntry(_Strict):
    name: Level
    words: _Words = []
    own: _Words = []
    institutions: _Words = []
    offices: _Words = []
    bare: _Words = []
    place_suffixes: _Words = []


class _AutonomousRegion(_Strict):
    words: _Words = Field(min_length=1)
    marker: str = Field(min_length=1)
    level: Level


class _Place(_Strict):
    prefixes: _Words = []
    not_start: str = ""
    not_contain: str = ""
    not_places: _Words = []
    elsewhere: _Words = []
    own_follows: _Words = []
    own_units: _Words = []


class _Speaker(_Strict):
    office_suffixes: _Words = Field(min_length=1)
    office_starts: _Words = []
    honorifics: _Words = []
    labels: _Words = []
    not_names: _Words = []
    max_name: int = Field(default=4, ge=2, le=8)


class _SeasonSettings(_Strict):
    window: int = Field(ge=0, le=30)
    ahead_before: _Words = []
    ahead_after: _Words = []
    past_before: _Words = []
    ahead_bonus: int = Field(ge=0)
    min_score: int = Field(ge=1)
    dominance: float = Field(ge=1.0)


class _SeasonCue(_Strict):
    name: str = Field(min_length=1)
    season: Season
    weight: int = Field(ge=1)
    words: _Words = []
    patterns: _Words = []


class _MetadataFile(_Strict):
    scan_lines: int = Field(ge=1, le=100)
    opening_lines: int = Field(ge=1, le=20)
    first_year: int = Field(ge=1000, le=9999)
    last_year: int = Field(ge=1000, le=9999)
    redaction_marks: str = Field(min_length=1)
    year_not_before: _Words = []
    year_not_after: _Words = []
    opening_year_patterns: _Words = []
    date_meeting_words: _Words = Field(min_length=1)
    levels: list[_LevelEntry] = Field(min_length=1)
    not_followed_by: str = ""
    autonomous_region: _AutonomousRegion | None = None
    relay_markers: _Words = []
    relay_ends: _Words = []
    now_words: _Words = []
    host_verbs: _Words = Field(min_length=1)
    title_patterns: _Words = Field(min_length=1)
    opening_meeting_patterns: _Words = []
    opening_speaker_patterns: _Words = []
    place: _Place
    speaker: _Speaker
    season: _SeasonSettings
    season_cues: list[_SeasonCue] = []


@dataclass(frozen=True)
class _LevelWord:
    level: Level
    kind: str  # "word" (全县), "own" (我县), "institution" (县委), "office" (县长)


@dataclass(frozen=True)
class _Cue:
    name: str
    season: Season
    weight: int


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
    level_words: re.Pattern[str]
    level_of: Mapping[str, _LevelWord]
    bare: Mapping[str, Level]
    not_followed_by: str
    place: re.Pattern[str]  # a place name at a position: group 'place'
    place_level: Mapping[str, Level]
    place_suffixes: tuple[str, ...]  # longest first: 自治县 before 县
    place_prefixes: tuple[str, ...]
    place_not_contain: str
    not_places: tuple[str, ...]
    elsewhere: tuple[str, ...]
    own_follows: tuple[str, ...]
    own_units: tuple[str, ...]
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
    not_names: tuple[str, ...]
    max_name: int
    season: _SeasonSettings
    cue_words: re.Pattern[str] | None  # every literal cue in one alternation, longest first
    cue_of: Mapping[str, _Cue]  # a literal cue → its group
    cue_patterns: tuple[tuple[re.Pattern[str], _Cue], ...]


def load_metadata_rules(folder: Path) -> MetadataRules:
    """Read and validate ``folder / METADATA_FILE``; raise :class:`VocabularyError` listing every problem."""
    problems: list[Diagnostic] = []
    document = _read(folder / METADATA_FILE, problems)
    parsed = _validate(document, _MetadataFile, "entry", problems) if document else None
    if document is None or parsed is None:
        raise VocabularyError(problems)
    rules = _compile(document, parsed, problems)
    if problems or rules is None:
        raise VocabularyError(problems)
    return rules


def _compile(document: _Document, parsed: _MetadataFile, problems: list[Diagnostic]) -> MetadataRules | None:
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
    marks = "".join(dict.fromkeys(_fold(parsed.redaction_marks)))
    mark_class = "".join(re.escape(char) for char in marks)
    # A year: four digits, four Chinese numerals (二〇二三), or digits hidden by redaction marks (20XX, **, ×).
    # Nothing numeric may stand just before it, so 12024年 or 第一二三四年 is no year.
    before = rf"(?<![0-9{_CN_DIGITS}{mark_class}])"
    redacted = rf"[0-9]{{0,3}}[{mark_class}]{{1,4}}[0-9]{{0,3}}"
    year_token = rf"{before}(?P<year>[0-9]{{4}}|[{_CN_DIGITS}]{{4}}|{redacted})\s*年"
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
                normal = _fold(word)
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
            bare[_fold(char)] = entry.name
        for suffix in entry.place_suffixes:
            place_level[_fold(suffix)] = entry.name
    after = "".join(re.escape(char) for char in _fold(parsed.not_followed_by))
    level_words = _literals(level_of, f"(?![{after}])" if after else "") or re.compile(r"(?!x)x")

    place_not_start = "".join(re.escape(char) for char in _fold(parsed.place.not_start))
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

    relay = _literals(_folded(parsed.relay_markers))
    relay_end = _literals(_folded(parsed.relay_ends))

    cue_patterns: list[tuple[re.Pattern[str], _Cue]] = []
    cue_of: dict[str, _Cue] = {}
    for index, cue in enumerate(parsed.season_cues):
        group = _Cue(cue.name, cue.season, cue.weight)
        for position, source in enumerate(cue.patterns):
            if compiled := regex(source, "season_cues", index, "patterns", position):
                cue_patterns.append((compiled, group))
        for position, word in enumerate(cue.words):
            normal = _fold(word)
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
        level_words=level_words,
        level_of=level_of,
        bare=bare,
        not_followed_by=_fold(parsed.not_followed_by),
        place=place,
        place_level=place_level,
        place_suffixes=tuple(sorted(place_level, key=len, reverse=True)),
        place_prefixes=_folded(parsed.place.prefixes),
        place_not_contain=_fold(parsed.place.not_contain),
        not_places=_folded(parsed.place.not_places),
        elsewhere=_folded(parsed.place.elsewhere),
        own_follows=_folded(parsed.place.own_follows),
        own_units=_folded(parsed.place.own_units),
        region_words=frozenset(_folded(region.words)) if region else frozenset(),
        region_marker=_fold(region.marker) if region else None,
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
        not_names=_folded(parsed.speaker.not_names),
        max_name=parsed.speaker.max_name,
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


def _folded(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(folded for word in words if (folded := _fold(word)))


def _date_pattern(before: str, redacted: str) -> re.Pattern[str]:
    """Every written form of a date with at least a month: the forms are the code's, not words.

    ``2023年3月15日`` (spaces allowed), ``二〇二三年三月十五日``, ``2023-3-15``/``2023.3.15``/``2023/3/15``, and
    the same with the year redacted (``20XX年3月15日``, ``××××年×月×日``), which is matched so that it can hide
    the date rather than let a later, weaker clue give one.
    """
    cn = "一二三四五六七八九十"
    return re.compile(
        rf"(?<![0-9])(?P<y>[0-9]{{4}})\s*年\s*(?P<m>[0-9]{{1,2}})\s*月(?:\s*(?P<d>[0-9]{{1,2}})\s*[日号])?"
        rf"|(?P<cy>[{_CN_DIGITS}]{{4}})\s*年\s*(?P<cm>[{cn}]{{1,2}})\s*月(?:\s*(?P<cd>[{cn}]{{1,3}})\s*[日号])?"
        r"|(?<![0-9.])(?P<ny>[0-9]{4})(?P<sep>[-./])(?P<nm>[0-9]{1,2})(?:(?P=sep)(?P<nd>[0-9]{1,2}))?(?![0-9.])"
        + rf"|{before}(?P<hidden>{redacted})\s*年\s*[0-9\S]{{1,2}}\s*月"
    )


# --- reading a speech -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    """A line as written and its matching copy (simplified, folded: the same length)."""

    number: int
    text: str
    norm: str

    @classmethod
    def of(cls, line: Line) -> _Text:
        return cls(line.number, line.text, _fold(line.text))


@dataclass(frozen=True)
class _Found:
    """A value and where it was read. ``value`` None means the text hides it (a redacted year): stop looking."""

    value: str | None
    evidence: Evidence | None


@dataclass(frozen=True)
class _Heading:
    """The title, or a subtitle (``——在全县…会议上的讲话``), with what its form says."""

    line: _Text
    start: int  # where the title proper starts (after a subtitle's dashes)
    match: re.Match[str] | None  # a title pattern's match on line.norm[start:]


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    level: Level
    kind: str
    relayed: bool


def infer_metadata(
    title: Line | None, front: Sequence[Line], body: Sequence[Line], rules: MetadataRules
) -> tuple[Metadata, tuple[Evidence, ...]]:
    """What the text says about the speech, and the evidence for each field it sets.

    ``title`` is the speech's own title line, ``front`` the lines between it and the speech proper (a byline,
    a date line, a subtitle; a copy of the title line among them is skipped), ``body`` the speech from its
    salutation on. The title and slug are never set here.
    """
    heading_lines = [_Text.of(title)] if title else []
    fronts = [_Text.of(line) for line in front if not (title and line.number == title.number)]
    headings = _headings(heading_lines, fronts, rules)
    scan = [_Text.of(line) for line in body[: rules.scan_lines]]
    opening = [line for line in scan if not _salutation(line.norm)][: rules.opening_lines]
    bylines = [line for line in fronts if not _subtitle(line.norm)]
    found: dict[str, _Found] = {}

    date = _date(headings, fronts, opening, rules)
    if date:
        found["date"] = date
    people = _byline(bylines, rules)
    level = _level(headings, people, scan, rules)
    for name, result in (
        ("level", level),
        ("place", _place(headings, people, scan, level.value if level else None, rules)),
        ("meeting", _meeting(headings, scan, rules)),
        ("speaker", _speaker(headings, people, scan, rules)),
    ):
        if result:
            found[name] = result
    month_known = bool(date and date.value and len(date.value) > 4)
    if not month_known:  # a month says the season better than any cue
        season = _season(heading_lines, fronts, scan, body[rules.scan_lines :], rules)
        if season:
            found["season"] = season
    values = {name: result.value for name, result in found.items() if result.value is not None}
    evidence = tuple(
        result.evidence for name, result in found.items() if result.value is not None and result.evidence is not None
    )
    return Metadata(**values), evidence


# --- where the evidence is --------------------------------------------------------------------------------


def _salutation(norm: str) -> bool:
    """``同志们：``: a short line ending in a colon opens the speech but states nothing about it."""
    stripped = norm.strip()
    return len(stripped) <= 16 and stripped.endswith("：") and not any(c in stripped[:-1] for c in _CLAUSE_ENDS)


def _subtitle(norm: str) -> bool:
    return norm.lstrip().startswith(("—", "－", "--"))


def _headings(titles: list[_Text], fronts: list[_Text], rules: MetadataRules) -> list[_Heading]:
    """The title, then subtitles, each with the title pattern it has; a heading with a pattern comes first."""
    found: list[_Heading] = []
    for line in [*titles, *(line for line in fronts if _subtitle(line.norm))]:
        start = len(line.norm) - len(line.norm.lstrip(_DASHES))
        text = line.norm[start:].rstrip()
        match = next((m for pattern in rules.titles if (m := pattern.match(text))), None)
        found.append(_Heading(line, start, match))
    return sorted(found, key=lambda heading: heading.match is None)


def _evidence(field: str, origin: Origin, line: _Text, start: int = 0, end: int | None = None) -> Evidence:
    """Evidence quoting ``line``: the whole line when short (a title always), else the clause around the match."""
    if origin is Origin.TITLE or len(line.text) <= _EVIDENCE_MAX:
        return Evidence(field, origin, line.number, line.text)
    end = start if end is None else end
    for ends in (_SENTENCE_ENDS, _CLAUSE_ENDS):
        left, right = _bounds(line.norm, start, end, ends)
        if right - left <= _EVIDENCE_MAX:
            return Evidence(field, origin, line.number, line.text[left:right].strip())
    middle = (start + end) // 2
    left = max(0, min(middle - _EVIDENCE_MAX // 2, len(line.text) - _EVIDENCE_MAX))
    return Evidence(field, origin, line.number, line.text[left : left + _EVIDENCE_MAX].strip())


def _bounds(norm: str, start: int, end: int, ends: str) -> tuple[int, int]:
    """The span of the sentence or clause around ``start:end``, its closing punctuation included."""
    left = max(norm.rfind(char, 0, start) for char in ends) + 1
    right = min((i for char in ends if (i := norm.find(char, end)) >= 0), default=len(norm) - 1)
    return left, right + 1


def _spans(norm: str, ends: str) -> Iterator[tuple[int, int]]:
    """The sentences or clauses of ``norm``, as (start, end)."""
    start = 0
    for index, char in enumerate(norm):
        if char in ends:
            yield start, index + 1
            start = index + 1
    if start < len(norm):
        yield start, len(norm)


# --- date -------------------------------------------------------------------------------------------------


def _date(headings: list[_Heading], fronts: list[_Text], opening: list[_Text], rules: MetadataRules) -> _Found | None:
    """The first of: a date line under the title, a date opening the speech, the title's year, the opening's year.

    A redacted year hides the date: after a redacted date line only the title may still state the year (the
    title is the speech's own statement, not a guess), and a redacted year in the title ends the search. The
    years an opening mentions in passing are never read once the text has hidden one.
    """
    hidden: _Found | None = None
    for line in fronts:
        bare = line.norm.strip(" （）〔〕［］【】")
        if (year := rules.year.fullmatch(bare)) and (found := _year(year, _Text(0, bare, bare), Origin.TEXT, rules)):
            # A year alone under the title (（2023年）) dates the speech to the year.
            if found.value is not None:
                return _Found(found.value, _evidence("date", Origin.TEXT, line))
            hidden = hidden or _Found(None, None)
        for match in rules.dates.finditer(line.norm):
            if (found := _full_date(match, line, Origin.TEXT, rules)) is not None:
                if found.value is not None:
                    return found
                hidden = hidden or found
    for line in opening if hidden is None else ():
        lead = len(line.norm) - len(line.norm.lstrip(" （〔［【在于"))
        opens = rules.dates.match(line.norm, lead)
        if opens and _states_meeting(line, opens, rules) and (found := _full_date(opens, line, Origin.TEXT, rules)):
            if found.value is not None:
                return found
            hidden = hidden or found
    for heading in headings:
        for match in rules.dates.finditer(heading.line.norm):
            if (found := _full_date(match, heading.line, Origin.TITLE, rules)) is not None:
                return found
        if (found := _title_year(heading.line, rules)) is not None:
            return found
    if hidden is not None:
        return hidden
    for line in opening:
        matches = (m for pattern in rules.opening_years for m in pattern.finditer(line.norm))
        for match in sorted(matches, key=lambda m: m.start("year")):
            if (found := _year(match, line, Origin.TEXT, rules)) is not None:
                return found
    return None


def _states_meeting(line: _Text, match: re.Match[str], rules: MetadataRules) -> bool:
    """A date opening a body line dates the speech when the line is the date alone or holds a meeting in it."""
    rest = line.norm[match.end() :].strip(" ）〕］】")
    if not rest:
        return True
    sentence_end = min((i for char in _SENTENCE_ENDS if (i := rest.find(char)) >= 0), default=len(rest))
    return any(word in rest[:sentence_end] for word in rules.date_meeting_words)


def _full_date(match: re.Match[str], line: _Text, origin: Origin, rules: MetadataRules) -> _Found | None:
    """The date a match of :attr:`MetadataRules.dates` states; hidden for a redacted year; None if impossible."""
    evidence = _evidence("date", origin, line, match.start(), match.end())
    if match.group("hidden") is not None:
        return _Found(None, evidence)
    if match.group("y"):
        year, month, day = match.group("y"), match.group("m"), match.group("d")
    elif match.group("cy"):
        year = "".join(str(_CN_VALUES[char]) for char in match.group("cy"))
        month, day = str(_cn_number(match.group("cm"))), match.group("cd") and str(_cn_number(match.group("cd")))
    else:
        year, month, day = match.group("ny"), match.group("nm"), match.group("nd")
    if not rules.first_year <= int(year) <= rules.last_year:
        return None
    try:
        dt.date(int(year), int(month), int(day or 1))
    except ValueError:  # 2023年2月30日: a typo, not a date
        return None
    value = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    return _Found(value, evidence)


def _cn_number(text: str) -> int:
    """十五 → 15, 二十六 → 26, 三 → 3: month and day numbers in Chinese numerals."""
    if "十" not in text:
        return _CN_VALUES.get(text[-1], 0)
    tens, _, ones = text.partition("十")
    return (_CN_VALUES.get(tens, 0) if tens else 1) * 10 + (_CN_VALUES.get(ones, 0) if ones else 0)


def _title_year(line: _Text, rules: MetadataRules) -> _Found | None:
    """The title's year: the latest one it names for the meeting (总结2023年暨部署2024年 is held in 2024)."""
    best: _Found | None = None
    for match in rules.year.finditer(line.norm):
        found = _year(match, line, Origin.TITLE, rules)
        if found is not None and found.value is None:
            return found
        if found is not None and (best is None or (best.value or "") < (found.value or "")):
            best = found
    return best


def _year(match: re.Match[str], line: _Text, origin: Origin, rules: MetadataRules) -> _Found | None:
    """The year of a year match, hidden when redacted, None when it is about something else or implausible."""
    token = match.group("year")
    start = match.start("year")
    end = line.norm.find("年", match.end("year")) + 1
    before = line.norm[:start].rstrip()
    after = line.norm[end:].lstrip()
    if before.endswith(rules.year_not_before) or after.startswith(rules.year_not_after):
        return None  # 比2020年, 2019年以来, 2035年远景目标
    evidence = _evidence("date", origin, line, start, end)
    if any(char in rules.marks for char in token):
        return _Found(None, evidence)
    year = int("".join(str(_CN_VALUES[c]) for c in token) if token[0] in _CN_VALUES else token)
    if not rules.first_year <= year <= rules.last_year:
        return None
    return _Found(str(year), evidence)


# --- level ------------------------------------------------------------------------------------------------


def _level(headings: list[_Heading], people: _Person | None, scan: list[_Text], rules: MetadataRules) -> _Found | None:
    """The meeting's own level: the title's host, the host an opening names, the byline, the opening's words.

    A level word the title relays (贯彻落实全省…会议精神) is not the meeting's; 全区 is a district unless the
    autonomous region hosts. Failing all, a speaker who relays meetings is one level below the lowest of them.
    """
    for heading in headings:
        norm = heading.line.norm
        start, end = heading.match.span("meeting") if heading.match else (heading.start, len(norm))
        if heading.match:
            start, end = start + heading.start, end + heading.start
        hits = _hits(norm, start, end, rules, at_start=True)
        after = bool(heading.match and heading.match.groupdict().get("after"))
        if after and not (rules.relay and rules.relay.search(norm, start, end)):
            # 在全国安全生产电视电话会议后的讲话: the speech followed the meetings it names, so all are relayed.
            hits = [_Hit(h.start, h.end, h.level, h.kind, True) for h in hits]
        if hit := next((h for h in hits if not h.relayed), None):
            return _Found(hit.level, _evidence("level", Origin.TITLE, heading.line))
    for line, start, end in _host_clauses(scan, rules):
        hits = _hits(line.norm, start, end, rules, at_start=False)
        if hit := next((h for h in hits if not h.relayed and h.kind != "office"), None):
            return _Found(hit.level, _evidence("level", Origin.TEXT, line, hit.start, hit.end))
    if people and people.level:
        return _Found(people.level, _evidence("level", Origin.TEXT, people.line))
    return _counted_level(scan, rules) or _relayed_level(scan, rules)


def _hits(norm: str, start: int, end: int, rules: MetadataRules, *, at_start: bool) -> list[_Hit]:
    """Level words in ``norm[start:end]`` in order; ``at_start`` also reads a place or bare 县 opening a title."""
    relayed = _relayed_spans(norm, start, end, rules)
    region_host = rules.region_marker is not None and any(
        not _inside(position, relayed) for position in _occurrences(norm, rules.region_marker, start, end)
    )
    hits: list[_Hit] = []
    if at_start:
        lead = _skip_lead(norm, start, end, rules)
        place = _place_at(norm, lead, end, rules)
        if place:
            _, suffix, place_end = place
            hits.append(_Hit(lead, place_end, rules.place_level[suffix], "place", _inside(lead, relayed)))
        elif lead < end and norm[lead] in rules.bare:
            following = norm[lead + 1 : lead + 2]
            if not following or following not in rules.not_followed_by:
                hits.append(_Hit(lead, lead + 1, rules.bare[norm[lead]], "bare", _inside(lead, relayed)))
    for match in rules.level_words.finditer(norm, start, end):
        word = rules.level_of[match.group()]
        level = word.level
        if match.group() in rules.region_words and region_host and rules.region_level:
            level = rules.region_level
        if hits and match.start() < hits[0].end and hits[0].kind in ("place", "bare"):
            continue  # inside the place that opens the title
        hits.append(_Hit(match.start(), match.end(), level, word.kind, _inside(match.start(), relayed)))
    return sorted(hits, key=lambda hit: hit.start)


def _occurrences(norm: str, word: str, start: int, end: int) -> Iterator[int]:
    position = norm.find(word, start, end)
    while position >= 0:
        yield position
        position = norm.find(word, position + 1, end)


def _skip_lead(norm: str, start: int, end: int, rules: MetadataRules) -> int:
    """Past a year (在2024年全县…) and a prefix (中共) at ``start``: where a title's host is named."""
    position = start
    while position < end:
        if norm[position] == " ":
            position += 1
        elif (year := rules.year.match(norm, position)) and year.end() <= end:
            position = year.end()
        elif prefix := next((p for p in rules.place_prefixes if norm.startswith(p, position)), None):
            position += len(prefix)
        else:
            break
    return position


def _relayed_spans(norm: str, start: int, end: int, rules: MetadataRules) -> list[tuple[int, int]]:
    """Stretches that relay another meeting: from a relay marker to the next relay end or the end of the clause."""
    if rules.relay is None:
        return []
    spans: list[tuple[int, int]] = []
    for marker in rules.relay.finditer(norm, start, end):
        clause_end = min((i for char in _CLAUSE_ENDS if (i := norm.find(char, marker.end(), end)) >= 0), default=end)
        closing = rules.relay_end.search(norm, marker.end(), clause_end) if rules.relay_end else None
        spans.append((marker.start(), closing.end() if closing else clause_end))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(left <= position < right for left, right in spans)


def _host_clauses(scan: list[_Text], rules: MetadataRules) -> Iterator[tuple[_Text, int, int]]:
    """Clauses of the opening that hold the meeting being given: 召开 in a sentence that says it is now
    (今天，我们召开…) or that a date opens (2022年12月26日，县政府召开…)."""
    for line in scan:
        dated = rules.dates.match(line.norm.lstrip(" （")) is not None
        for sentence_start, sentence_end in _spans(line.norm, _SENTENCE_ENDS):
            sentence = line.norm[sentence_start:sentence_end]
            if not any(verb in sentence for verb in rules.host_verbs):
                continue
            if not (dated and sentence_start == 0) and not any(word in sentence for word in rules.now_words):
                continue
            for start, end in _spans(sentence, _CLAUSE_ENDS):
                if any(verb in sentence[start:end] for verb in rules.host_verbs):
                    yield line, sentence_start + start, sentence_start + end


def _counted_level(scan: list[_Text], rules: MetadataRules) -> _Found | None:
    """The level the opening speaks of as its own: 我县 counts two, 全县 one, relayed words nothing; a tie is none."""
    scores: dict[Level, int] = {}
    first: dict[Level, tuple[_Text, _Hit]] = {}
    for line in scan:
        for start, end in _spans(line.norm, _SENTENCE_ENDS):
            for hit in _hits(line.norm, start, end, rules, at_start=False):
                if hit.relayed or hit.kind not in ("word", "own"):
                    continue
                scores[hit.level] = scores.get(hit.level, 0) + (2 if hit.kind == "own" else 1)
                first.setdefault(hit.level, (line, hit))
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    line, hit = first[ranked[0][0]]
    return _Found(ranked[0][0], _evidence("level", Origin.TEXT, line, hit.start, hit.end))


def _relayed_level(scan: list[_Text], rules: MetadataRules) -> _Found | None:
    """One level below the lowest meeting the opening relays: 收听收看了全国、全省、全市…会议 is a county's."""
    chain = [level for level in LEVELS if level != "企业"]
    lowest: tuple[int, _Text, _Hit] | None = None
    for line in scan:
        for start, end in _spans(line.norm, _SENTENCE_ENDS):
            for hit in _hits(line.norm, start, end, rules, at_start=False):
                if hit.relayed and hit.level in chain and hit.kind in ("word", "institution"):
                    rank = chain.index(hit.level)
                    if lowest is None or rank > lowest[0]:
                        lowest = (rank, line, hit)
    if lowest is None or lowest[0] + 1 >= len(chain):
        return None
    rank, line, hit = lowest
    return _Found(chain[rank + 1], _evidence("level", Origin.TEXT, line, hit.start, hit.end))


# --- place ------------------------------------------------------------------------------------------------


def _place_at(norm: str, start: int, end: int, rules: MetadataRules) -> tuple[str, str, int] | None:
    """The innermost place name of a chain starting at ``start`` (四川省青川县 → 青川县): (name, suffix, end).

    The name may be redacted (某某县): it then still tells the level, but is no place (:func:`_named`).
    """
    found: tuple[str, str, int] | None = None
    position = start
    while (match := rules.place.match(norm, position, end)) is not None:
        whole = match.group("place")
        suffix = next(suffix for suffix in rules.place_suffixes if whole.endswith(suffix))
        name = whole[: -len(suffix)]
        # 部分乡镇, 集贸市场, 林区: the suffix, with the character after it, is a common word, not a place.
        compound = whole + norm[match.end() : match.end() + 1]
        if any(char in rules.place_not_contain for char in name) or compound.endswith(rules.not_places):
            break
        if whole.endswith(rules.not_places) or whole in rules.level_of:  # 开发区; 自治区 is a level word
            break
        found = (whole, suffix, match.end())
        position = match.end()
    return found


def _named(place: str, rules: MetadataRules) -> bool:
    return not any(char in rules.marks for char in place)


def _place(
    headings: list[_Heading], people: _Person | None, scan: list[_Text], level: str | None, rules: MetadataRules
) -> _Found | None:
    """The speaker's own jurisdiction: the place that hosts the title's meeting, opens the byline, or that the
    opening names as the subject of a clause at the meeting's level (:func:`_opening_place`)."""
    for heading in headings:
        if heading.match is None:
            continue
        norm = heading.line.norm
        start, end = (position + heading.start for position in heading.match.span("meeting"))
        lead = _skip_lead(norm, start, end, rules)
        found = _place_at(norm, lead, end, rules)
        if found is None and heading.match.groupdict().get("speaker"):
            speaker_start = heading.start + heading.match.start("speaker")
            found = _place_at(norm, _skip_lead(norm, speaker_start, end, rules), end, rules)
        if found and _named(found[0], rules):
            return _Found(
                heading.line.text[found[2] - len(found[0]) : found[2]], _evidence("place", Origin.TITLE, heading.line)
            )
    if people and people.place:
        return _Found(people.place, _evidence("place", Origin.TEXT, people.line))
    return _opening_place(scan, level, rules)


def _opening_place(scan: list[_Text], level: str | None, rules: MetadataRules) -> _Found | None:
    """A place the opening names as the subject of a clause, of the meeting's own level, and the only one.

    At a county meeting ``青川县交通运输局作了交流发言`` (one of its units) or ``白水镇地处交通要道`` (at a
    township's: what it is) name the speaker's own jurisdiction. A place of another level is a neighbour or a
    superior, a clause about an accident (``河东市一企业发生爆炸``) or another place (``外``, ``周边``) is
    elsewhere, two different names are unclear, and a place followed by neither a unit nor a description may
    be a common word (``重点区位``, ``首次设置县``), so it does not count.
    """
    if level is None:
        return None
    found: dict[str, tuple[_Text, int, int]] = {}
    for line in scan:
        for start, end in _spans(line.norm, _CLAUSE_ENDS + "、"):
            lead = start + len(line.norm[start:end]) - len(line.norm[start:end].lstrip())
            place = _place_at(line.norm, lead, end, rules)
            if place is None or rules.place_level[place[1]] != level or not _named(place[0], rules):
                continue
            clause = line.norm[_bounds(line.norm, lead, place[2], _CLAUSE_ENDS)[0] : end]
            if any(word in clause for word in rules.elsewhere) or not _own_subject(line.norm, place[2], end, rules):
                continue
            written = line.text[place[2] - len(place[0]) : place[2]]
            found.setdefault(written, (line, place[2] - len(place[0]), place[2]))
    if len(found) != 1:
        return None
    [(written, (line, start, end))] = found.items()
    return _Found(written, _evidence("place", Origin.TEXT, line, start, end))


def _own_subject(norm: str, start: int, end: int, rules: MetadataRules) -> bool:
    """Whether the words after a place name at ``start`` make it a subject: a description (地处, 是) or a unit
    of it (交通运输局, 燃气集团: the words up to the next 和 or 、 end in a unit)."""
    if norm.startswith(rules.own_follows, start):
        return True
    stop = min((i for char in "和及与、" if (i := norm.find(char, start, end)) >= 0), default=end)
    return stop > start and norm[start:stop].endswith(rules.own_units)


# --- meeting ----------------------------------------------------------------------------------------------


def _meeting(headings: list[_Heading], scan: list[_Text], rules: MetadataRules) -> _Found | None:
    """The meeting the title names (在…会议上的讲话), else the one an opening sentence says is held now."""
    for heading in headings:
        if heading.match:
            start, end = (position + heading.start for position in heading.match.span("meeting"))
            return _Found(heading.line.text[start:end], _evidence("meeting", Origin.TITLE, heading.line))
    for line, start, end in _host_clauses(scan, rules):
        for pattern in rules.opening_meetings:
            if match := pattern.search(line.norm, start, end):
                left, right = match.span("meeting")
                return _Found(line.text[left:right], _evidence("meeting", Origin.TEXT, line, left, right))
    return None


# --- speaker ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    """A byline read: the office and name as written (either may be missing), and the place and level it states."""

    line: _Text
    office: str | None
    name: str | None  # None also when the name is redacted
    place: str | None
    level: Level | None


def _byline(fronts: list[_Text], rules: MetadataRules) -> _Person | None:
    """The first front line that names a person or an office: 县委副书记、县长　王某某, 王某某, 县长."""
    for line in fronts:
        norm = line.norm
        # A date beside the name (王某某（2023年3月15日）) is the date's, not the byline's.
        end = len(norm)
        for match in rules.dates.finditer(norm):
            end = min(end, match.start())
        for match in rules.year.finditer(norm):
            end = min(end, match.start())
        text = norm[:end].rstrip(" （〔［【").strip()
        if text.startswith("（") and text.endswith("）"):  # （县长　王某某）
            text = text[1:-1].strip()
        label = next((label for label in rules.labels if text.startswith(label)), "")
        if label and text[len(label) :].lstrip().startswith("："):  # 讲话人：王某某
            text = text[len(label) :].lstrip()[1:].strip()
        if not text or len(text) > _BYLINE_MAX or text[0] in "（〔［【" or text[-1] in "）〕］】":
            continue
        if any(word in text for word in rules.not_names) or any(p.match(text) for p in rules.titles):
            continue
        person = _person(line, norm.index(text), text, rules)
        if person and (person.office or person.name):
            return person
    return None


def _person(line: _Text, offset: int, text: str, rules: MetadataRules) -> _Person | None:
    """Office, name, place and level of one byline or title prefix ``text`` found at ``offset`` of ``line``."""
    office, name, redacted = _split_person(text, rules)
    if office is None and name is None and not redacted:
        return None
    place_found = _place_at(
        line.norm, _skip_lead(line.norm, offset, offset + len(text), rules), offset + len(text), rules
    )
    place = None
    level: Level | None = None
    if place_found:
        level = rules.place_level[place_found[1]]
        if _named(place_found[0], rules):
            place = line.text[place_found[2] - len(place_found[0]) : place_found[2]]
    if level is None and office:
        # The office nearest the name is the person's own: 市委常委、县委书记 governs a county.
        hits = _hits(line.norm, offset, offset + len(text), rules, at_start=False)
        level = hits[-1].level if hits else None
    original = line.text[offset : offset + len(text)]
    return _Person(line, _as_written(office, text, original), _as_written(name, text, original), place, level)


def _as_written(part: str | None, text: str, original: str) -> str | None:
    """``part`` of the matching copy ``text`` as the original has it (traditional characters kept); spaces that
    were dropped from it (王　某 is the name 王某) are dropped from the original too."""
    if part is None:
        return None
    kept = [index for index, char in enumerate(text) if char != " "]
    compact, wanted = "".join(text[i] for i in kept), part.replace(" ", "")
    at = compact.find(wanted)
    return "".join(original[i] for i in kept[at : at + len(wanted)]) if at >= 0 else part


def _split_person(text: str, rules: MetadataRules) -> tuple[str | None, str | None, bool]:
    """(office, name, whether a name was there but redacted) of ``县委副书记、县长　王某某``, ``县长王某某``,
    ``王某某副县长``, ``王某某同志``, ``县长``; (None, None, False) when the text names no person."""
    tokens = text.split()
    # 王　某, 王 某 某: a name spaced out to the width of another is one name.
    singles = 0
    while singles < len(tokens) and len(tokens[-1 - singles]) == 1 and _name_chars(tokens[-1 - singles], rules):
        singles += 1
    if singles >= 2:
        tokens[-singles:] = ["".join(tokens[-singles:])]
    tokens = [_strip_honorific(token, rules) for token in tokens]
    tokens = [token for token in tokens if token]
    if not tokens:
        return None, None, False
    if len(tokens) >= 2:
        head, last = " ".join(tokens[:-1]), tokens[-1]
        if _name_like(last, rules):
            return (head if _office_like(head, rules) else None), _visible(last, rules), _hidden(last, rules)
        if _name_like(tokens[0], rules) and _office_like(" ".join(tokens[1:]), rules):
            return " ".join(tokens[1:]), _visible(tokens[0], rules), _hidden(tokens[0], rules)
        return None, None, False
    token = tokens[0]
    # Office then name: after the last office ending that leaves a name (县委书记张长江: not after 长 of 长江).
    for position in range(len(token) - 1, 0, -1):
        if token[:position].endswith(rules.office_suffixes) and _name_like(token[position:], rules):
            return token[:position], _visible(token[position:], rules), _hidden(token[position:], rules)
    if _office_like(token, rules):
        # Name then office: 王某某副县长; the name may not itself read as the start of an office (县委副).
        if "、" not in token:
            for size in (3, 2, 4):
                name, office = token[:size], token[size:]
                if (
                    office
                    and office.startswith(rules.office_starts)
                    and not name.startswith(rules.office_starts)
                    and _name_like(name, rules)
                ):
                    return office, _visible(name, rules), _hidden(name, rules)
        return token, None, False
    if _name_like(token, rules):
        return None, _visible(token, rules), _hidden(token, rules)
    return None, None, False


def _strip_honorific(token: str, rules: MetadataRules) -> str:
    for word in rules.honorifics:
        if token.endswith(word):
            return token[: -len(word)]
    return token


def _name_chars(text: str, rules: MetadataRules) -> bool:
    return all(("\u3400" <= char <= "\u9fff") or char in rules.marks or char == "·" for char in text)


def _name_like(text: str, rules: MetadataRules) -> bool:
    """Two to ``max_name`` characters (a · between parts of a minority name aside), no office, no other word."""
    bare = text.replace("·", "")
    return (
        2 <= len(bare) <= rules.max_name + (2 if "·" in text else 0)
        and _name_chars(text, rules)
        and not text.endswith(rules.office_suffixes)
        and not any(word in text for word in rules.not_names)
        and not any(char in rules.place_not_contain for char in text)
    )


def _office_like(text: str, rules: MetadataRules) -> bool:
    return text.endswith(rules.office_suffixes)


def _hidden(name: str, rules: MetadataRules) -> bool:
    return all(char in rules.marks for char in name)


def _visible(name: str, rules: MetadataRules) -> str | None:
    """The name, or None when it is all redaction (***, 某某某): a redacted name is no speaker."""
    return None if _hidden(name, rules) else name


def _speaker(
    headings: list[_Heading], people: _Person | None, scan: list[_Text], rules: MetadataRules
) -> _Found | None:
    """The byline's name (or its office, when that is all it states), else the one an opening line says gave the
    speech (副县长李某某出席会议并讲话), else the name before the title's 在."""
    if people and (people.name or people.office):
        return _Found(people.name or people.office, _evidence("speaker", Origin.TEXT, people.line))
    for line in scan:
        for pattern in rules.opening_speakers:
            if (match := pattern.search(line.norm)) is None:
                continue
            start, end = match.span("speaker")
            person = _person(line, start, line.norm[start:end], rules)
            if person and person.name:  # an office alone (县长出席会议并讲话) is too little to name a speaker
                return _Found(person.name, _evidence("speaker", Origin.TEXT, line, start, end))
    for heading in headings:
        if heading.match and heading.match.groupdict().get("speaker"):
            start, end = (position + heading.start for position in heading.match.span("speaker"))
            person = _person(heading.line, start, heading.line.norm[start:end], rules)
            if person and (person.name or person.office):
                return _Found(person.name or person.office, _evidence("speaker", Origin.TITLE, heading.line))
    return None


# --- season -----------------------------------------------------------------------------------------------


def _season(
    titles: list[_Text], fronts: list[_Text], scan: list[_Text], rest: Sequence[Line], rules: MetadataRules
) -> _Found | None:
    """The season the cues point to, by weight: what is ahead of the meeting counts more, past examples not at all.

    A season needs ``min_score`` and more than ``dominance`` times the runner-up; otherwise it is unclear.
    """
    if rules.cue_words is None and not rules.cue_patterns:
        return None
    settings = rules.season
    scores: dict[Season, int] = {}
    best: dict[Season, tuple[int, _Text, int, int, bool]] = {}
    lines = [(line, True) for line in titles] + [(line, False) for line in (*fronts, *scan)]
    lines += [(_Text.of(line), False) for line in rest]
    for line, in_title in lines:
        norm = line.norm
        for start, end, cue in _cues(norm, rules):
            before = norm[max(0, start - settings.window) : start]
            after = norm[end : end + settings.window]
            if any(word in before for word in settings.past_before):
                continue  # 去年春节期间: an example from the past
            ahead = in_title or any(word in before for word in settings.ahead_before)
            ahead = ahead or after.lstrip("”’\"'").startswith(tuple(settings.ahead_after))
            score = cue.weight + (settings.ahead_bonus if ahead else 0)
            scores[cue.season] = scores.get(cue.season, 0) + score
            if cue.season not in best or score > best[cue.season][0]:
                best[cue.season] = (score, line, start, end, in_title)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < settings.min_score:
        return None
    if len(ranked) > 1 and ranked[0][1] <= ranked[1][1] * settings.dominance:
        return None
    season = ranked[0][0]
    _, line, start, end, in_title = best[season]
    return _Found(season, _evidence("season", Origin.TITLE if in_title else Origin.TEXT, line, start, end))


def _cues(norm: str, rules: MetadataRules) -> list[tuple[int, int, _Cue]]:
    """The season cues of ``norm`` in order; where two overlap, the longer (汛期已经结束 over 汛期, 春节后 over 春节)."""
    found = (
        [(m.start(), m.end(), rules.cue_of[m.group()]) for m in rules.cue_words.finditer(norm)]
        if rules.cue_words
        else []
    )
    found += [
        (m.start(), m.end(), cue)
        for pattern, cue in rules.cue_patterns
        for m in pattern.finditer(norm)
        if m.end() > m.start()
    ]
    kept: list[tuple[int, int, _Cue]] = []
    for start, end, cue in sorted(found, key=lambda item: (item[0], item[0] - item[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, cue))
    return kept
