"""The place a speech was given in: the speaker's own jurisdiction, as the title, byline or opening name it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from speechkb.model import Evidence, Origin
from speechkb.stages.infer.headings import Heading
from speechkb.stages.infer.meetings import host_clauses
from speechkb.stages.infer.people import Person
from speechkb.stages.infer.place_names import PlaceAt, is_named, place_at, skip_lead
from speechkb.stages.infer.rules import MetadataRules
from speechkb.stages.infer.text import CLAUSE_ENDS, Found, Text, fold, quote_evidence, span_around, split_spans


def find_place(
    headings: list[Heading],
    people: Person | None,
    scan: list[Text],
    text: Iterable[Text],
    level: str | None,
    rules: MetadataRules,
) -> Found | None:
    """The speaker's own jurisdiction: the place that hosts the title's meeting, opens the byline, that the
    opening names as the subject of a clause at the meeting's level (:func:`_opening_place`), or the only place
    of that level the whole ``text`` names so (:func:`_sole_place`)."""
    for heading in headings:
        if heading.match is None:
            continue
        norm = heading.line.norm
        start, end = (position + heading.start for position in heading.match.span("meeting"))
        lead = skip_lead(norm, start, end, rules)
        found = place_at(norm, lead, end, rules)
        if found is None and heading.match.groupdict().get("speaker"):
            speaker_start = heading.start + heading.match.start("speaker")
            found = place_at(norm, skip_lead(norm, speaker_start, end, rules), end, rules)
        if found and is_named(found[0], rules):
            return Found(
                _as_written(heading.line, found)[0],
                quote_evidence("place", Origin.TITLE, heading.line),
            )
    if people and people.place:
        return Found(people.place, quote_evidence("place", Origin.TEXT, people.line))
    return (
        _meeting_place(scan, level, rules)
        or _venue_place(scan, level, rules)
        or _opening_place(scan, level, rules)
        or _text_place(list(text), level, rules)
    )


def _text_place(lines: list[Text], level: str | None, rules: MetadataRules) -> Found | None:
    """The place the whole text names as its own: as a clause's subject (:func:`_sole_place`), else as the
    jurisdiction of the documents it cites (:func:`_document_place`)."""
    return _sole_place(lines, level, rules) or _document_place(lines, level, rules)


def _document_place(lines: list[Text], level: str | None, rules: MetadataRules) -> Found | None:
    """The one named place of the meeting's level that opens the titles of documents the text cites
    (制定出台了《青岚县党政领导干部安全生产责任制实施细则》): a county's meeting cites its own county's rules, a
    superior's (《云溪市……》) are of another level, and two names are unclear."""
    if level is None:
        return None
    found: dict[str, tuple[Text, int, int]] = {}
    for line in lines:
        for opened in re.finditer("《", line.norm):
            end = line.norm.find("》", opened.end())
            place = place_at(line.norm, opened.end(), end, rules) if end >= 0 else None
            if place is None or rules.place_level[place[1]] != level or not is_named(place[0], rules):
                continue
            written, name_start, name_end = _as_written(line, place)
            found.setdefault(written, (line, name_start, name_end))
    if len(found) != 1:
        return None
    [(written, (line, start, end))] = found.items()
    return Found(written, quote_evidence("place", Origin.TEXT, line, start, end))


def _meeting_place(scan: list[Text], level: str | None, rules: MetadataRules) -> Found | None:
    """The place that hosts the meeting the opening says is held now (今天，我们召开东关街道……动员会), of the
    meeting's level."""
    for line, start, end in host_clauses(scan, rules):
        for pattern in rules.opening_meetings:
            if (match := pattern.search(line.norm, start, end)) is None:
                continue
            left, right = match.span("meeting")
            found = place_at(line.norm, skip_lead(line.norm, left, right, rules), right, rules)
            if found and is_named(found[0], rules) and (level is None or rules.place_level[found[1]] == level):
                written, name_start, name_end = _as_written(line, found)
                return Found(written, quote_evidence("place", Origin.TEXT, line, name_start, name_end))
    return None


def _venue_place(scan: list[Text], level: str | None, rules: MetadataRules) -> Found | None:
    """The place the opening holds the meeting in (今天，我们在清岚县城南安置房项目召开全县……现场会), of the meeting's
    level: a county's 现场会 is held at a site of its own. A place of another level is only the venue (a 全市 meeting
    held in one of its counties, a county's held in a town)."""
    if level is None:
        return None
    for line, start, end in host_clauses(scan, rules):
        verb = min((i for v in rules.host_verbs if (i := line.norm.find(v, start, end)) >= 0), default=-1)
        at = line.norm.find("在", start, verb) if verb >= 0 else -1
        if at < 0:
            continue
        found = place_at(line.norm, skip_lead(line.norm, at + 1, verb, rules), verb, rules)
        if found and is_named(found[0], rules) and rules.place_level[found[1]] == level:
            written, name_start, name_end = _as_written(line, found)
            return Found(written, quote_evidence("place", Origin.TEXT, line, name_start, name_end))
    return None


def _opening_place(scan: list[Text], level: str | None, rules: MetadataRules) -> Found | None:
    """A place the opening names as the subject of a clause, of the meeting's own level, and the only one.

    At a county meeting ``青川县交通运输局作了交流发言`` (one of its units) or ``白水镇地处交通要道`` (at a
    township's: what it is) name the speaker's own jurisdiction. A place of another level is a neighbour or a
    superior, a clause about an accident (``河东市一企业发生爆炸``) or another place (``外``, ``周边``) is
    elsewhere, two different names are unclear, and a place followed by neither a unit nor a description may
    be a common word (``重点区位``, ``首次设置县``), so it does not count.
    """

    def counts(line: Text, lead: int, end: int, place: tuple[str, str, int]) -> bool:
        clause = line.norm[span_around(line.norm, lead, place[2], CLAUSE_ENDS)[0] : end]
        return not any(word in clause for word in rules.elsewhere) and _own_subject(line.norm, place[2], end, rules)

    return _only_clause_place(scan, level, rules, counts)


def _only_clause_place(
    lines: Iterable[Text], level: str | None, rules: MetadataRules, counts: Callable[[Text, int, int, PlaceAt], bool]
) -> Found | None:
    """The one named place of the meeting's ``level`` that starts a clause of ``lines`` and that ``counts``
    (given the line, the clause's start and end, and the place); None when there is none, or several names."""
    if level is None:
        return None
    found: dict[str, tuple[Text, int, int]] = {}
    for line in lines:
        for start, end in split_spans(line.norm, CLAUSE_ENDS + "、"):
            lead = start + len(line.norm[start:end]) - len(line.norm[start:end].lstrip())
            place = place_at(line.norm, lead, end, rules)
            if place is None or rules.place_level[place[1]] != level or not is_named(place[0], rules):
                continue
            if not counts(line, lead, end, place):
                continue
            written, name_start, name_end = _as_written(line, place)
            found.setdefault(written, (line, name_start, name_end))
            if len(found) > 1:
                return None
    if not found:
        return None
    [(written, (line, start, end))] = found.items()
    return Found(written, quote_evidence("place", Origin.TEXT, line, start, end))


def _as_written(line: Text, place: PlaceAt) -> tuple[str, int, int]:
    """A place found in the matching copy of ``line``, as the line writes it, with its span."""
    name, _, end = place
    return line.text[end - len(name) : end], end - len(name), end


def _own_subject(norm: str, start: int, end: int, rules: MetadataRules) -> bool:
    """Whether the words after a place name at ``start`` make it a subject: a description (地处, 是) or a unit
    of it (交通运输局, 燃气集团: the words up to the next 和 or 、 end in a unit)."""
    if norm.startswith(rules.own_follows, start):
        return True
    stop = min((i for char in "和及与、" if (i := norm.find(char, start, end)) >= 0), default=end)
    return stop > start and norm[start:stop].endswith(rules.own_units)


_SIGNATURE_MAX = 30


def signing_office(signature: list[Text], rules: MetadataRules) -> tuple[Found | None, Found] | None:
    """The place (None when redacted) and level of an office signing the text under it: a short line that is a
    place's unit and nothing else (``青川县安全生产委员会办公室``, ``某某市应急管理局``)."""
    for line in signature:
        norm = line.norm.strip()
        if (
            len(norm) > _SIGNATURE_MAX
            or any(char in norm for char in CLAUSE_ENDS)
            or not norm.endswith(rules.own_units)
        ):
            continue
        start = len(line.norm) - len(line.norm.lstrip())
        found = place_at(line.norm, skip_lead(line.norm, start, len(line.norm), rules), len(line.norm), rules)
        if found is None:
            continue
        level = Found(rules.place_level[found[1]], quote_evidence("level", Origin.TEXT, line))
        if not is_named(found[0], rules):
            return None, level
        return Found(_as_written(line, found)[0], quote_evidence("place", Origin.TEXT, line)), level
    return None


def signing_person(signer: Person) -> tuple[Found | None, Found] | None:
    """The place (None when the office names none) and level of an official signing over or beside the date
    (``清岚县人民政府副县长　李某某``): their office's jurisdiction, as a byline's."""
    if signer.level is None:
        return None
    place = Found(signer.place, quote_evidence("place", Origin.TEXT, signer.line)) if signer.place else None
    return place, Found(signer.level, quote_evidence("level", Origin.TEXT, signer.line))


_SOLE_NAME_CHARS = (2, 3)


def _sole_place(text: Iterable[Text], level: str | None, rules: MetadataRules) -> Found | None:
    """The one named place of the meeting's level that starts a clause anywhere in the text.

    A speech often names its own county once, as the subject of a clause (``去年，察罕旗没有发生较大事故``,
    ``望江区这几年在建项目越来越多``); a clause that tells of somewhere else (``河东县一企业发生爆炸``, ``邻县``)
    does not count, and two different names are unclear.
    """

    def counts(line: Text, lead: int, end: int, place: PlaceAt) -> bool:
        name_chars = len(place[0]) - len(place[1])  # 首次设置县政府: a name is two or three characters, not a phrase
        return (
            place[1] in rules.sole_suffixes
            and _SOLE_NAME_CHARS[0] <= name_chars <= _SOLE_NAME_CHARS[1]
            and not any(word in line.norm[lead:end] for word in rules.elsewhere_in_text)
            and not line.norm.startswith(rules.elsewhere_after, place[2])
        )

    return _only_clause_place(text, level, rules, counts)


def owner_place(owners: Sequence[str], level: str | None, rules: MetadataRules) -> Found | None:
    """The place of the first of a page's ``owners`` (its publisher 青岚县应急管理局, its footer's 主办
    青岚县人民政府办公室) that is a unit of a named place at the speech's ``level``: a speech that names no place is
    its publisher's, as a county's site carries the county's speeches; a city's bureau carrying a 全县 speech names
    the city, not the county, and no place."""
    for owner in owners:
        line = Text(0, owner, fold(owner))
        signed = signing_office([line], rules)
        if signed and signed[0] and signed[0].value and signed[1].value == level:
            return Found(signed[0].value, Evidence("place", Origin.PAGE, None, owner))
    return None
