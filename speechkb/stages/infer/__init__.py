"""Metadata from a speech's own text: date, level, season, place, meeting, speaker and publisher, each with its
evidence.

Real archives come without sidecars, yet a speech usually says when and where it was given: a date line under
the title (``（2023年3月15日）``), the meeting in the title (``在全县2024年安全生产工作会议上的讲话``), the
host in its opening (``今天，我们召开全市安全生产工作会议``), a byline (``县委副书记、县长　王某某``), and what
lies ahead of the meeting (春节, 汛期, 清明). This package reads those, and records for each field the line (or
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

Matching runs on :func:`speechkb.stages.normalize.simplified` text with punctuation folded
(:func:`speechkb.stages.infer.text.fold`); both keep the length of the original, so offsets found in the copy cut the
evidence out of the text as written.

One module per field (:mod:`~speechkb.stages.infer.dates`, :mod:`~speechkb.stages.infer.levels`,
:mod:`~speechkb.stages.infer.places`, :mod:`~speechkb.stages.infer.meetings`, :mod:`~speechkb.stages.infer.people` for the
speaker, :mod:`~speechkb.stages.infer.seasons`, :mod:`~speechkb.stages.infer.publishers`), over the rules file's shape and its compiled form
(:mod:`~speechkb.stages.infer.schema`, :mod:`~speechkb.stages.infer.rules`), the line view and its evidence
(:mod:`~speechkb.stages.infer.text`), the title and subtitles (:mod:`~speechkb.stages.infer.headings`), and the matchers
the fields share (:mod:`~speechkb.stages.infer.place_names`, :mod:`~speechkb.stages.infer.level_words`). This module only
puts them in order: each field's reader gets what the fields before it found.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from speechkb.model import Evidence, Line, Metadata
from speechkb.stages.infer.dates import date_in_file_name, find_date
from speechkb.stages.infer.headings import find_headings, is_hosted, is_subtitle
from speechkb.stages.infer.levels import find_level
from speechkb.stages.infer.meetings import find_meeting
from speechkb.stages.infer.people import find_author, find_byline, find_signer, find_speaker
from speechkb.stages.infer.places import find_place, owner_place, signing_office, signing_person
from speechkb.stages.infer.publishers import find_publisher
from speechkb.stages.infer.rules import METADATA_FILE, MetadataRules, load_metadata_rules
from speechkb.stages.infer.seasons import find_season
from speechkb.stages.infer.text import CLAUSE_ENDS, Found, Text

__all__ = ["METADATA_FILE", "MetadataRules", "infer_metadata", "load_metadata_rules"]


def infer_metadata(
    title: Line | None,
    front: Sequence[Line],
    body: Sequence[Line],
    rules: MetadataRules,
    signature: Sequence[Line] = (),
    above: Sequence[Line] = (),
    page: Sequence[Line] = (),
    signers: Sequence[Line] = (),
    file_name: str = "",
    published: str | None = None,
    owners: Sequence[str] = (),
) -> tuple[Metadata, tuple[Evidence, ...]]:
    """What the text says about the speech, and the evidence for each field it sets.

    ``title`` is the speech's own title line, ``front`` the lines between it and the speech proper (a byline,
    a date line, a subtitle; a copy of the title line among them is skipped), ``body`` the speech from its
    salutation on, ``signature`` the lines signed under it (``青川县安全生产委员会办公室``), ``above`` the lines
    above the title (an account's name, an editorial lead), which may date the speech but name no speaker,
    ``page`` the lines set apart as the web page's or the printed document's (its 来源：… line, a 简报's masthead),
    which name its publisher and the day it was issued (the year a lead's 6月8日 is in), and nothing else,
    ``signers`` the signature's lines signed over or beside the speech's date (张某某 over 2023年3月15日), which
    name the speaker when nothing else does, ``file_name`` the name of the file, which dates the speech only
    where nothing in the text does (a redacted year in the text hides the date from it too), and ``published`` the
    day a saved web page states it went up, the year of a lead's month and day where no line of the page gives one,
    and ``owners`` the names of who a saved web page says publishes it (its 来源, its footer's 主办), which name the
    speech's place where nothing of the speech does, as the page's publisher does.
    The title and slug are never set here.
    """
    heading_lines = [Text.of(title)] if title else []
    # A copy of the title among the front lines is skipped: the same line, not another on the same line number
    # (a collapsed page's date line shares its line with the title).
    own = [Text.of(line) for line in front if not (title and line.number == title.number and line.text == title.text)]
    fronts = [*(Text.of(line) for line in above), *own]
    headings = find_headings(heading_lines, fronts, rules)
    scan = [Text.of(line) for line in body[: rules.scan_lines]]
    opening = [line for line in scan if not _salutation(line.norm)][: rules.opening_lines]
    bylines = [line for line in own if not is_subtitle(line.norm)]
    found: dict[str, Found] = {}

    # The speech's own date line comes before a date above its title: a lead's date is the meeting's too, but a
    # cover notice's (关于印发…讲话的通知 … 2023年3月20日) is the day the speech was sent out.
    page_lines = [Text.of(line) for line in page]
    dating = [*own, *fronts[: len(fronts) - len(own)]]
    date = find_date(headings, dating, opening, rules, page_lines, published)
    date = date or date_in_file_name(file_name, rules, [*dating, *opening])
    if date:
        found["date"] = date
    people = find_byline(own, rules, is_hosted(headings))  # a subtitle may be a byline under dashes (——县长　张某某)
    level = find_level(headings, people, scan, rules)
    # An editor's note under the speech (（作者系青岚县人民政府县长）) names its author as a signature over the date does.
    signer = find_signer([Text.of(line) for line in signers], rules) or find_author(
        [Text.of(line) for line in signature], rules
    )
    for name, result in (
        ("level", level),
        ("place", find_place(headings, people, scan, texts(body), level.value if level else None, rules)),
        ("meeting", find_meeting(headings, scan, rules)),
        (
            "speaker",
            find_speaker(headings, people, [*fronts, *_leads(scan)], rules, signer),
        ),
    ):
        if result:
            found[name] = result
    # An office signing the text (青川县安全生产委员会办公室) states where it was given, not who spoke: it
    # gives the place and level only where nothing before it did.
    # So does an office standing as the byline (白沙镇人民政府 under a report's title), and the office of an
    # official signing over the date (清岚县人民政府副县长　李某某).
    # Its place is the speech's only at the speech's level: a 市 office signing a 全县 speech is its superior's.
    signed = signing_office([*bylines, *(Text.of(line) for line in signature)], rules)
    if signed := signed or (signing_person(signer) if signer else None):
        place, level = signed
        if "level" not in found:
            found["level"] = level
        if place and "place" not in found and found["level"].value == level.value:
            found["place"] = place
    publisher = find_publisher(page_lines, rules)
    if publisher:
        found["publisher"] = publisher
    if "place" not in found and "level" in found:
        named = [publisher.value] if publisher and publisher.value else []
        if owned := owner_place([*named, *owners], found["level"].value, rules):
            found["place"] = owned
    month_known = bool(date and date.value and len(date.value) > 4)
    if not month_known:  # a month says the season better than any cue
        season = find_season(heading_lines, fronts, scan, body[rules.scan_lines :], rules)
        if season:
            found["season"] = season
    values = {name: result.value for name, result in found.items() if result.value is not None}
    evidence = tuple(
        result.evidence for name, result in found.items() if result.value is not None and result.evidence is not None
    )
    return Metadata(**values), evidence


def texts(lines: Sequence[Line]) -> Iterator[Text]:
    """The lines read one by one, as the place reader needs the whole text only when nothing before it spoke."""
    return (Text.of(line) for line in lines)


def _leads(scan: list[Text]) -> list[Text]:
    """The body lines that may be an editorial lead (…县长陈某某出席会议并讲话。): those above the salutation, or
    the first line when there is none. Below it the speech talks, and the people it names are others."""
    for index, line in enumerate(scan):
        if _salutation(line.norm):
            return scan[:index]
    return scan[:1]


def _salutation(norm: str) -> bool:
    """``同志们：``: a short line ending in a colon opens the speech but states nothing about it."""
    stripped = norm.strip()
    return len(stripped) <= 16 and stripped.endswith("：") and not any(c in stripped[:-1] for c in CLAUSE_ENDS)
