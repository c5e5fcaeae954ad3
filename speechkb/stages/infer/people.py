"""Who gave the speech: the byline under the title (县委副书记、县长　王某某), the opening, the title.

A byline gives an office, a name, or both, and often the place and level of the office; a redacted name
(``***``, ``某某某``) gives no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from speechkb.model import Level, Origin
from speechkb.stages.infer.headings import Heading, dashes_end, is_hosted, is_subtitle
from speechkb.stages.infer.level_words import level_hits
from speechkb.stages.infer.place_names import is_named, place_at, skip_lead
from speechkb.stages.infer.rules import MetadataRules
from speechkb.stages.infer.text import SENTENCE_ENDS, Found, Text, fold, quote_evidence

# A byline is short; a longer front line is a subtitle or a sentence.
_BYLINE_MAX = 40
# A byline that names the person first and their office after it in brackets (刘某某（集团公司总经理）).
_NAME_THEN_OFFICE = re.compile(r"(?P<name>[^\s（）]{2,6})（(?P<office>[^（）]{2,30})）")


@dataclass(frozen=True)
class Person:
    """A byline read: the office and name as written (either may be missing), and the place and level it states."""

    line: Text
    office: str | None
    name: str | None  # None also when the name is redacted
    place: str | None
    level: Level | None


def find_byline(fronts: list[Text], rules: MetadataRules, hosted: bool = False) -> Person | None:
    """The first front line that names a person or an office: 县委副书记、县长　王某某, 王某某, 县长.

    A line under dashes is a subtitle (——守牢安全底线) unless it states both an office and a name
    (——县长　张某某): a byline set as a subtitle. In a host's words (``hosted``: …会议主持词) the host's label
    (主持人：王某某) labels the byline too; elsewhere it records who chaired, not who spoke."""
    labels = (*rules.labels, *rules.host_labels) if hosted else rules.labels
    for index, line in enumerate(fronts):
        norm = line.norm
        dashed = is_subtitle(norm)
        # A date beside the name (王某某（2023年3月15日）) is the date's, not the byline's.
        end, after = len(norm), 0
        for match in (*rules.dates.finditer(norm), *rules.year.finditer(norm)):
            end, after = min(end, match.start()), max(after, match.end())
        before_date = norm[dashes_end(norm) if dashed else 0 : end].rstrip(" （〔［【").strip()
        # A date line with the byline after it (（2024年3月5日）　县长　王某某, a copy that ran two lines into one):
        # the rest names the speaker when it states both an office and a name.
        dated_first = not before_date and after < len(norm)
        if dated_first:
            before_date = norm[after:].lstrip(" ）〕］】").strip()
        if end < len(norm) and before_date.endswith("："):
            continue  # 时间：2023年6月8日, 印发日期：…: the date's label, no name
        # 市长 王某某： before the text names the speaker as a transcript does; the colon is not the name's.
        text = before_date.removesuffix("：").rstrip()
        if len(text) > 4 and text.startswith("**") and text.endswith("**"):  # **副市长　罗某某**, set in bold
            text = text[2:-2].strip()
        if text.startswith("（") and text.endswith("）"):  # （县长　王某某）
            text = text[1:-1].strip()
        # 讲话人：王某某, and 讲 话 人：王某某 spaced out to the width of a four-character label
        label = next((found.group() for label in labels if (found := _spaced(label).match(text))), "")
        if label:
            text = text[len(label) :].strip()
        # 刘某某（集团公司总经理）: the name, then its office in brackets, reads as 刘某某　集团公司总经理.
        office_after = _NAME_THEN_OFFICE.fullmatch(text)
        if (
            not text
            or len(text) > _BYLINE_MAX
            or text[0] in "（〔［【"
            or (text[-1] in "）〕］】" and not office_after)
        ):
            continue
        offset = norm.index(text)
        if office_after:
            text = f"{office_after.group('name')} {office_after.group('office')} "
        if "：" in text:
            office, _, rest = text.partition("：")
            if not _office_like(office.strip(), rules) or "：" in rest:
                continue  # 参加人员：……负责人, 地点：……: a record of the meeting, not who spoke
            text = text.replace("：", " ")  # 县长：王某某 is the byline 县长 王某某, the office labelling the name
        if any(word in text for word in rules.not_names) or any(p.match(text) for p in rules.titles):
            continue
        person = _person(line, offset, text, rules)
        if person and (person.office and person.name if dashed or dated_first else person.office or person.name):
            return _named_below(person, fronts[index + 1 : index + 2], rules)
    return None


def _named_below(person: Person, below: list[Text], rules: MetadataRules) -> Person:
    """The byline ``person`` with the name the line ``below`` it gives, where it states an office alone and the
    next line is a name alone (县委副书记、县长 / 王某某, as a Word document centres them over two lines). The name
    starts with a surname, as a name signed alone does: a short line under an office may be a subtitle's words."""
    if person.name or not person.office or not below:
        return person
    text = below[0].norm.strip()
    office, name, _ = _split_person(text, rules)
    if office or not name or "".join(text.split()) != name or not name.startswith(rules.surnames):
        return person
    return replace(person, name=_as_written(name, text, below[0].text.strip()))


def _person(line: Text, offset: int, text: str, rules: MetadataRules) -> Person | None:
    """Office, name, place and level of one byline or title prefix ``text`` found at ``offset`` of ``line``."""
    office, name, redacted = _split_person(text, rules)
    if office is None and name is None and not redacted:
        return None
    named_first = bool(name) and text.startswith(str(name))
    if named_first and office and office.startswith(rules.institutions) and not _marked(str(name), rules):
        # 青岚县人民政府县长: what stands before an institution (县人民政府, 县委) names its place, not a person; but a
        # name with a redaction mark in it (张某某县委书记) is a person's, as no place's name is redacted.
        office, name, named_first = text, None, False
    # A name before the office (张伟县长) is no place's: the place, if any, opens the office after it.
    start = offset + len(str(name)) if named_first else offset
    place_found = place_at(line.norm, skip_lead(line.norm, start, offset + len(text), rules), offset + len(text), rules)
    place = None
    level: Level | None = None
    if place_found:
        level = rules.place_level[place_found[1]]
        if is_named(place_found[0], rules):
            place = line.text[place_found[2] - len(place_found[0]) : place_found[2]]
    if level is None and office:
        # The office nearest the name is the person's own: 市委常委、县委书记 governs a county.
        hits = level_hits(line.norm, offset, offset + len(text), rules, at_start=False)
        level = hits[-1].level if hits else None
    original = line.text[offset : offset + len(text)]
    written_office = _as_written(office, text, original, spaced=True)
    return Person(line, written_office, _as_written(name, text, original), place, level)


def _as_written(part: str | None, text: str, original: str, *, spaced: bool = False) -> str | None:
    """``part`` of the matching copy ``text`` as the original has it (traditional characters kept); spaces that
    were dropped from it (王　某 is the name 王某) are dropped from the original too, unless ``spaced``: the spaces
    between offices (县委副书记　县长) part them as 、 does, and are kept as written."""
    if part is None:
        return None
    kept = [index for index, char in enumerate(text) if char != " "]
    compact, wanted = "".join(text[i] for i in kept), part.replace(" ", "")
    at = compact.find(wanted)
    if at < 0 or not wanted:
        return part
    if spaced:
        return original[kept[at] : kept[at + len(wanted) - 1] + 1]
    return "".join(original[i] for i in kept[at : at + len(wanted)])


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
        # Offices spaced apart as 、 parts them (县委副书记 县长), the last one maybe run into the name (县长王某某).
        if all(_office_like(token, rules) for token in tokens[:-1]):
            if _office_like(last, rules):
                return " ".join(tokens), None, False
            if glued := _office_then_name(last, rules):
                return f"{head} {glued[0]}", _visible(glued[1], rules), _hidden(glued[1], rules)
        return None, None, False
    token = tokens[0]
    if glued := _office_then_name(token, rules):
        return glued[0], _visible(glued[1], rules), _hidden(glued[1], rules)
    if _office_like(token, rules):
        # Name then office: 王某某副县长; the name may not itself read as the start of an office (县委副).
        if "、" not in token:
            splits = [
                (name, office)
                for name, office in ((token[:size], token[size:]) for size in (3, 2, 4))
                if office
                and office.startswith(rules.office_starts)
                and not name.startswith(rules.office_starts)
                and _name_like(name, rules)
            ]
            # 张伟副县长: a two-character name before an office that starts with 副 or 常务, not 张伟副 before 县长.
            splits.sort(key=lambda split: any(split[0].endswith(start) for start in rules.office_starts))
            if splits:
                name, office = splits[0]
                return office, _visible(name, rules), _hidden(name, rules)
        return token, None, False
    if _name_like(token, rules):
        return None, _visible(token, rules), _hidden(token, rules)
    return None, None, False


def _office_then_name(token: str, rules: MetadataRules) -> tuple[str, str] | None:
    """(office, name) of one word that runs an office into a name, split after the last office ending that leaves a
    name (县委书记张长江: not after 长 of 长江)."""
    for position in range(len(token) - 1, 0, -1):
        if token[:position].endswith(rules.office_suffixes) and _name_like(token[position:], rules):
            return token[:position], token[position:]
    return None


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


def _marked(name: str, rules: MetadataRules) -> bool:
    return any(char in rules.marks for char in name)


def _hidden(name: str, rules: MetadataRules) -> bool:
    return all(char in rules.marks for char in name)


def _visible(name: str, rules: MetadataRules) -> str | None:
    """The name, or None when it is all redaction (***, 某某某): a redacted name is no speaker."""
    return None if _hidden(name, rules) else name


def find_speaker(
    headings: list[Heading], people: Person | None, leads: list[Text], rules: MetadataRules, signer: Person | None
) -> Found | None:
    """The byline's name, else the one a lead line says gave the speech (副县长李某某出席会议并讲话), else the name
    before the title's 在, else the name signed over the date.

    The speaker is a person's name, wherever it is read: an office whose name is redacted (县政府副县长　***) or left
    out (县长) names no one, as in a lead, a title or a signature. A search by speaker looks for a person, and an
    office there would stand for different people in different places and years, and for the named speeches of
    that office not at all; the office stays in the byline on the page, where search finds it.

    A host's words (a title with group 'host': …会议主持词) name in their opening the people who speak at the
    meeting (县委书记李某某同志出席会议并讲话): none of them is the host, so the opening is not read."""
    if people and people.name:
        return Found(people.name, quote_evidence("speaker", Origin.TEXT, people.line))
    for line in () if is_hosted(headings) else leads:
        if lead := _lead_speaker(line, rules):
            return lead
    for heading in headings:
        if heading.match and heading.match.groupdict().get("speaker"):
            start, end = (position + heading.start for position in heading.match.span("speaker"))
            person = _person(heading.line, start, heading.line.norm[start:end], rules)
            if person and person.name:
                return Found(person.name, quote_evidence("speaker", Origin.TITLE, heading.line))
    if signer and signer.name:
        return Found(signer.name, quote_evidence("speaker", Origin.TEXT, signer.line))
    return None


def _lead_speaker(line: Text, rules: MetadataRules) -> Found | None:
    """The name a lead line says gave the speech: 县委副书记、县长陈某某出席会议并讲话, 会上，县长陈某某作重要讲话.

    An office alone (县长出席会议并讲话) or a redacted name (县长***) is too little to name a speaker. So is a list
    of people (县长陈某某、副县长林某某出席会议并讲话: which one's speech is this?), and a speech recalling who
    spoke before it (刚才，陈某某同志作了重要讲话)."""
    for pattern in rules.opening_speakers:
        for match in pattern.finditer(line.norm):
            start, end = match.span("speaker")
            # 刚才 may stand before the clause (刚才，县长陈某某作了…) or open it (刚才县长陈某某作了…).
            sentence = line.norm[max(line.norm.rfind(char, 0, start) for char in SENTENCE_ENDS) + 1 : end]
            if any(word in sentence for word in rules.recall_words):
                continue
            person = _person(line, start, line.norm[start:end], rules)
            if person and person.name and all(_office_like(part, rules) for part in _offices(person, rules)):
                return Found(person.name, quote_evidence("speaker", Origin.TEXT, line, start, end))
    return None


def _offices(person: Person, rules: MetadataRules) -> list[str]:
    """The offices of a person, as folded: 县委副书记、县长 is two."""
    return re.split(r"[、\s]+", fold(person.office)) if person.office else []


def find_signer(lines: list[Text], rules: MetadataRules) -> Person | None:
    """The person signing over the date: a line that is an office and a name (县长　张某某), or a name and nothing
    else that starts with a surname (张某某; not 完毕, 谢谢大家). A unit signing (青川县应急管理局, 县安委办,
    红星厂) is no person, however short its name."""
    for line in lines:
        text = line.norm.strip()
        if not text or len(text) > _BYLINE_MAX or text.endswith(rules.signing_units) or rules.thanks.fullmatch(text):
            continue
        office, name, _ = _split_person(text, rules)
        # Every word of the line is the office or the name: 王某某　整理 is no signature of 整理.
        alone = name and _strip_honorific("".join(text.split()), rules) == name and name.startswith(rules.surnames)
        if name and (office or alone):
            person = _person(line, line.norm.index(text), text, rules)
            if person and person.name:
                return person
    return None


def find_author(lines: list[Text], rules: MetadataRules) -> Person | None:
    """The person an editor's note under the speech says wrote or gave it (（作者系青岚县人民政府县长）, （本文系王某某
    同志在青岚县……上的讲话）, （作者单位：青岚县应急管理局）): their office, which places the speech as a signer's does,
    or else their unit or the meeting's host, and their name, if it gives one."""
    for line in lines:
        text = line.norm.strip()
        if not (note := rules.author_note.fullmatch(text)):
            continue
        offset = line.norm.index(text)
        start, end = (offset + position for position in note.span("person"))
        person = _person(line, start, line.norm[start:end], rules) or Person(line, None, None, None, None)
        for group in ("person", "meeting"):
            if person.place is None and note.group(group):
                start, end = (offset + position for position in note.span(group))
                host = place_at(line.norm, skip_lead(line.norm, start, end, rules), end, rules)
                if host and is_named(host[0], rules):
                    place = line.text[host[2] - len(host[0]) : host[2]]
                    person = replace(person, place=place, level=rules.place_level[host[1]])
        return person
    return None


@cache
def _spaced(label: str) -> re.Pattern[str]:
    """``label`` and its colon, with white space allowed between its characters (讲 话 人：)."""
    return re.compile(r"\s*".join(map(re.escape, label)) + r"\s*：")
