"""The shape of ``vocabularies/metadata.yml``: what pydantic checks before the rules are compiled.

Every key is declared, and an unknown one is an error (``extra="forbid"``), so that a typo in the file is
reported rather than silently ignored. The checks that need more than one key, or a compiled pattern, are
made when the rules are compiled (:mod:`speechkb.stages.infer.rules`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from speechkb.model import Level, Season


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
    not_contain_words: _Words = []
    not_places: _Words = []
    elsewhere: _Words = []
    elsewhere_in_text: _Words = []
    elsewhere_after: _Words = []
    sole_suffixes: _Words = []
    own_follows: _Words = []
    own_units: _Words = []


class _Speaker(_Strict):
    office_suffixes: _Words = Field(min_length=1)
    office_starts: _Words = []
    honorifics: _Words = []
    labels: _Words = []
    host_labels: _Words = []
    not_names: _Words = []
    recall_words: _Words = []
    surnames: _Words = []
    max_name: int = Field(default=4, ge=2, le=8)


class _Publisher(_Strict):
    labels: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)  # an empty label would match any colon
    next_labels: _Words = []
    not_publishers: _Words = []


class _PageDate(_Strict):
    labels: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)  # an empty label would match any colon


class _TitleLabels(_Strict):
    prefixes: _Words = []
    suffixes: _Words = []


class _TitleFormLabels(_Strict):
    # An empty word would make any bracket a mark or a note, and end every title's form with an empty suffix.
    kinds: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    marks: list[Annotated[str, Field(min_length=1)]] = []
    abridged: list[Annotated[str, Field(min_length=1)]] = []
    notes: list[Annotated[str, Field(min_length=1)]] = []
    suffixes: list[Annotated[str, Field(min_length=1)]] = []


class _Ending(_Strict):
    thanks: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)  # an empty one would be any line
    attachments: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)  # '' would label every colon
    adjournments: list[Annotated[str, Field(min_length=1)]] = []  # '' would end every line
    declarations: list[Annotated[str, Field(min_length=1)]] = []  # '' would make every short sentence one
    calls: list[Annotated[str, Field(min_length=1)]] = []  # '' would part every sentence from its item
    author_notes: list[Annotated[str, Field(min_length=1)]] = []  # '' would make every bracketed line a note


class Sexagenary(_Strict):
    # One character each: the ten 天干 and twelve 地支 in their order, whose pairs name the years of a 60-year cycle
    stems: list[Annotated[str, Field(min_length=1, max_length=1)]] = Field(min_length=10, max_length=10)
    branches: list[Annotated[str, Field(min_length=1, max_length=1)]] = Field(min_length=12, max_length=12)
    first_of_cycle: int = Field(ge=1, le=9999)  # a Gregorian year named by the first stem and branch (甲子)


class SeasonSettings(_Strict):
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


class _Enumeration(_Strict):
    is_word: str = Field(min_length=1)
    must_word: str = Field(min_length=1)
    must_not_before: _Words = []
    aspect_word: str = Field(min_length=1)
    other_aspect: str = Field(min_length=1)
    ordinal_prefix: str = Field(min_length=1)
    sequence: _Words = Field(min_length=2)


class StructureWords(_Strict):
    audience: _Words = Field(min_length=1)
    address_openers: _Words = []
    address_adjectives: _Words = []
    plural: str = Field(min_length=1)
    pronouns: _Words = []
    enumeration: _Enumeration
    time_words: _Words = []
    note_labels: _Words = []
    editor_labels: _Words = []
    announcing: _Words = []
    meeting_at: str = Field(min_length=1)
    title_openers: _Words = []
    meeting_title: str = Field(min_length=1)
    generic_titles: str = Field(min_length=1)
    host_lines: _Words = []
    compilation_numbers: _Words = []
    joining_words: _Words = []
    meeting_held: str = Field(min_length=1)
    relayed_verbs: _Words = []
    derived_title: str = Field(min_length=1)
    relayed_title: str = Field(min_length=1)


class MetadataFile(_Strict):
    scan_lines: int = Field(ge=1, le=100)
    opening_lines: int = Field(ge=1, le=20)
    first_year: int = Field(ge=1000, le=9999)
    last_year: int = Field(ge=1000, le=9999)
    sexagenary_years: Sexagenary
    # The 农历 months named by a word, not a number (正月, 冬月, 腊月), each with its number in the lunar year
    lunar_month_names: dict[Annotated[str, Field(min_length=1, max_length=1)], Annotated[int, Field(ge=1, le=12)]] = {}
    redaction_marks: str = Field(min_length=1)
    year_not_before: _Words = []
    year_not_after: _Words = []
    opening_year_patterns: _Words = []
    date_meeting_words: _Words = Field(min_length=1)
    issue_words: _Words = []
    news_datelines: _Words = []
    agenda_labels: list[Annotated[str, Field(min_length=1)]] = []  # '' would label every empty line
    table_captions: list[Annotated[str, Field(min_length=1)]] = []  # '' would make every line a caption
    account_ends: _Words = []
    levels: list[_LevelEntry] = Field(min_length=1)
    not_followed_by: str = ""
    autonomous_region: _AutonomousRegion | None = None
    relay_markers: _Words = []
    relay_ends: _Words = []
    now_words: _Words = []
    host_verbs: _Words = Field(min_length=1)
    title_patterns: _Words = Field(min_length=1)
    title_labels: _TitleLabels = _TitleLabels()
    title_form_labels: _TitleFormLabels
    opening_meeting_patterns: _Words = []
    opening_speaker_patterns: _Words = []
    place: _Place
    speaker: _Speaker
    publisher: _Publisher
    page_owner: _Publisher
    page_date: _PageDate
    ending: _Ending
    structure: StructureWords
    season: SeasonSettings
    season_cues: list[_SeasonCue] = []
