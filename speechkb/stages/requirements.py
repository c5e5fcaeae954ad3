"""Requirements: a tagged speech's passages + ``vocabularies/requirements.yml`` → what the speech requires.

Staff open a sector before an inspection to see what the leaders required of it. The requirements are in
the passages already, one sentence among several: this finds them by their form, the markers of
``requirements.yml`` (要, 必须, 严禁/禁止/不得, 确保, 务必, 一律, 坚决), never by the five seed speeches' wording.

- A passage is read sentence by sentence (。！？) and clause by clause (；): a clause with a marker is one
  requirement. The words that contain a marker and require nothing (主要, 重要, 要看到) are listed in the
  file as ``not_markers``: the longest word at a place wins, so 重要 is never 要. A question is no requirement.
- The subject is the words before the marker after the clause's last comma, when they name an actor the
  way the file's ``subjects`` say (各乡镇, 县交通运输局, 企业); a later clause of the same sentence with no
  subject of its own keeps the earlier one (公安部门要…；要及时…). The deadline is a time followed by 前
  (6月底前, 春节前, 汛期前); 前后 is a period, not a deadline.
- A requirement concerns the sectors of its section's headings, the sector a paragraph opens with when
  its first sentence names that one alone (道路交通方面，…), and those its own sentence names: a passage
  that lists 道路交通 among the season's accident types does not make its duty roster a traffic requirement.
- :func:`checklist` merges the same requirement made in several speeches: same words once punctuation and
  enumerators (一是) are set aside, or nearly the same (four fifths of their character pairs shared).

:func:`requirements_of` is a pure function of one tagged speech and the rules, so it can be cached per speech.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from speechkb.machinery.yaml_data import Document, read_yaml, validate
from speechkb.model import (
    ChecklistGroup,
    ChecklistItem,
    Diagnostic,
    Knowledge,
    Requirement,
    Severity,
    SourcedRequirement,
    Speech,
    SpeechTags,
    TaggedParagraph,
    TaggedSpeech,
    Vocabulary,
)
from speechkb.stages.normalize import simplified
from speechkb.stages.vocabulary import VocabularyError

REQUIREMENTS_FILE = "requirements.yml"
OTHER = "其他要求"  # the checklist group of requirements with neither a term nor a topic

_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")
_CLAUSE = re.compile(r"[^；;]+[；;]?")
_COMMA = re.compile(r"[，,：:]")
# The numbering grammar of an enumerated item (一是, 其二, （三）, 1.), set aside when requirements are compared.
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]+|[（(]?[一二三四五六七八九十\d]+[）)、.．])"
)
_NOT_COMPARED = re.compile(r"[\s\W_]+")
_DIGITS = r"(?:\d{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3})"
_DATE = rf"{_DIGITS}月(?:{_DIGITS}[日号]|底|末|初|上旬|中旬|下旬)?"
_BEFORE = r"(?:之|以)?前(?!后)"
_NEARLY_SAME = 0.8


class _Form(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    name: str = Field(min_length=1)
    markers: list[str] = Field(min_length=1)


class _Subjects(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    prefixes: list[str] = []
    endings: list[str] = Field(min_length=1)
    then: list[str] = []
    max_length: int = Field(gt=0)


class _Topic(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    name: str = Field(min_length=1)
    words: list[str] = Field(min_length=1)


class _RequirementsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    forms: list[_Form] = Field(min_length=1)
    not_markers: list[str] = []
    subjects: _Subjects
    deadlines: list[str] = []
    topics: list[_Topic] = []


@dataclass(frozen=True)
class RequirementRules:
    """The validated ``requirements.yml``: markers by form, the words that are not markers, subjects, deadlines, topics."""

    markers: tuple[tuple[str, str], ...]  # (marker, form name), in file order
    not_markers: tuple[str, ...] = ()
    subject_prefixes: tuple[str, ...] = ()
    subject_endings: tuple[str, ...] = ()
    subject_then: tuple[str, ...] = ()
    subject_max: int = 30
    deadlines: tuple[str, ...] = ()
    topics: tuple[tuple[str, tuple[str, ...]], ...] = ()
    _compiled: _Compiled = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", _Compiled.of(self))


@dataclass(frozen=True)
class _Compiled:
    words: re.Pattern[str]  # markers and not-markers, the longest first: the leftmost-longest word wins
    forms: dict[str, str]
    deadline: re.Pattern[str]
    topic_words: re.Pattern[str]
    topics: dict[str, int]  # a topic's word → the topic's place in the file (the first listed wins)

    @classmethod
    def of(cls, rules: RequirementRules) -> _Compiled:
        words = sorted({*(marker for marker, _ in rules.markers), *rules.not_markers}, key=len, reverse=True)
        named = "|".join(re.escape(name) for name in sorted(rules.deadlines, key=len, reverse=True))
        times = f'{_DATE}|(?:{named})[”」』"]?(?:节假日|节日|节)?' if named else _DATE
        topics: dict[str, int] = {}
        for index, (_, topic_words) in enumerate(rules.topics):
            for word in topic_words:
                topics.setdefault(word, index)
        return cls(
            words=re.compile("|".join(map(re.escape, words))),
            forms=dict(rules.markers),
            deadline=re.compile(f"(?:{times}){_BEFORE}"),
            topic_words=re.compile("|".join(map(re.escape, sorted(topics, key=len, reverse=True))) or "(?!)"),
            topics=topics,
        )


def load_requirement_rules(folder: Path) -> RequirementRules:
    """Read and validate ``folder / REQUIREMENTS_FILE``; :class:`VocabularyError` lists every problem with its line."""
    problems: list[Diagnostic] = []
    document = read_yaml(folder / REQUIREMENTS_FILE, problems)
    rules: RequirementRules | None = None
    if document:
        parsed = validate(document, _RequirementsFile, {"forms": "form", "topics": "topic"}, problems)
        if parsed:
            rules = _rules(document, parsed, problems)
    if problems or rules is None:
        raise VocabularyError(problems)
    return rules


def _rules(document: Document, parsed: _RequirementsFile, problems: list[Diagnostic]) -> RequirementRules:
    def error(line: int | None, message: str) -> None:
        problems.append(Diagnostic(document.path, line, message, Severity.ERROR))

    owners: dict[str, str] = {}
    for index, form in enumerate(parsed.forms):
        label = f"form '{form.name}' (entry {index + 1})"
        for number, marker in enumerate(form.markers):
            line = document.line("forms", index, "markers", number)
            if not marker:
                error(line, f"{label}: a marker is empty")
            elif marker in owners:
                error(line, f"{label}: marker '{marker}' is already a marker of {owners[marker]}")
            else:
                owners[marker] = label
    for index, word in enumerate(parsed.not_markers):
        line = document.line("not_markers", index)
        if word in owners:
            error(line, f"not_markers: '{word}' is a marker of {owners[word]}; remove it from one of the two lists")
        elif not any(marker in word for marker in owners):
            error(line, f"not_markers: '{word}' contains no marker, so it never keeps one from counting; remove it")
    for key in ("prefixes", "endings", "then"):
        for index, word in enumerate(getattr(parsed.subjects, key)):
            if not word:
                error(document.line("subjects", key, index), f"subjects: key '{key}': an entry is empty")
    for index, word in enumerate(parsed.deadlines):
        if not word:
            error(document.line("deadlines", index), "deadlines: an entry is empty")
    return RequirementRules(
        markers=tuple((simplified(marker), form.name) for form in parsed.forms for marker in form.markers),
        not_markers=tuple(simplified(word) for word in parsed.not_markers),
        subject_prefixes=tuple(simplified(word) for word in parsed.subjects.prefixes),
        subject_endings=tuple(simplified(word) for word in parsed.subjects.endings),
        subject_then=tuple(simplified(word) for word in parsed.subjects.then),
        subject_max=parsed.subjects.max_length,
        deadlines=tuple(simplified(word) for word in parsed.deadlines),
        topics=tuple((topic.name, tuple(simplified(w) for w in topic.words)) for topic in parsed.topics),
    )


# --- finding requirements ---------------------------------------------------------------------------


def requirements_of(tags: SpeechTags, rules: RequirementRules) -> tuple[Requirement, ...]:
    """Every requirement in the passages of one tagged speech, in reading order."""
    found: list[Requirement] = []
    for paragraph in tags.paragraphs:
        found.extend(paragraph_requirements(paragraph, rules))
    return tuple(found)


def with_requirements(
    knowledge: Knowledge,
    rules: RequirementRules,
    find: Callable[[TaggedSpeech, RequirementRules], tuple[Requirement, ...]] | None = None,
) -> Knowledge:
    """``knowledge`` with each speech's requirements found: by :func:`requirements_of`, or by ``find``, the
    build's cache of it (:mod:`speechkb.machinery.requirements_cache`)."""
    find = find or (lambda tagged, rules: requirements_of(tagged.tags, rules))
    speeches = tuple(replace(tagged, requirements=find(tagged, rules)) for tagged in knowledge.speeches)
    return Knowledge(knowledge.vocabulary, speeches)


def paragraph_requirements(paragraph: TaggedParagraph, rules: RequirementRules) -> list[Requirement]:
    """The requirements of one passage: its clauses with a marker, each with the sectors it concerns."""
    original = paragraph.paragraph.text
    text = simplified(original)
    compiled = rules._compiled
    markers = [match for match in compiled.words.finditer(text) if match.group() in compiled.forms]
    if not markers:
        return []  # most of a speech's paragraphs: nothing more to read
    sentences = [(match.start(), match.end()) for match in _SENTENCE.finditer(text)]
    whole = _paragraph_sectors(paragraph, sentences)
    found: list[Requirement] = []
    for start, end in sentences:
        if not any(start <= marker.start() < end for marker in markers):
            continue
        if text[start:end].rstrip().endswith(("？", "?")):
            continue  # a question asks, it does not require
        named = tuple(m.slug for m in paragraph.sector_mentions if start <= m.start < end)
        sectors = tuple(dict.fromkeys((*whole, *named)))
        if not sectors:
            continue
        subject: str | None = None
        for clause in _CLAUSE.finditer(text, start, end):
            marker = next((m for m in markers if clause.start() <= m.start() < clause.end()), None)
            if marker is None:
                continue
            clause_text = (clause.start(), clause.end())
            found.append(_requirement(paragraph, original, text, clause_text, marker, rules, subject, sectors))
            subject = found[-1].subject
    return found


def _paragraph_sectors(paragraph: TaggedParagraph, sentences: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """The sectors every sentence of ``paragraph`` concerns: its headings', and the one its first sentence names alone."""
    opening: set[str] = set()
    if sentences:
        start, end = sentences[0]
        opening = {m.slug for m in paragraph.sector_mentions if start <= m.start < end}
    return (*paragraph.sectors_from_headings, *(opening if len(opening) == 1 else ()))


def _requirement(
    paragraph: TaggedParagraph,
    original: str,
    text: str,
    clause: tuple[int, int],
    marker: re.Match[str],
    rules: RequirementRules,
    earlier_subject: str | None,
    sectors: tuple[str, ...],
) -> Requirement:
    """The requirement of the clause ``text[start:end]``, whose first marker is ``marker``; a clause that names
    no subject keeps the one an earlier clause of its sentence named."""
    compiled = rules._compiled
    start, end = clause
    clause_start = start + len(text[start:end]) - len(text[start:end].lstrip())
    subject = _subject(text, clause_start, marker.start(), rules)
    words = text[start:end]
    deadline = compiled.deadline.search(text, start, end) if "前" in words else None  # every deadline ends in 前
    terms = tuple(dict.fromkeys(m.slug for m in paragraph.term_mentions if start <= m.start < end))
    topic = min((compiled.topics[m.group()] for m in compiled.topic_words.finditer(words)), default=None)
    # With a subject the requirement starts with it: what comes before is the reason (随着…，客流量骤增，).
    begin = subject[0] if subject else clause_start
    return Requirement(
        text=original[begin:end].rstrip(),
        anchor=paragraph.paragraph.anchor,
        form=compiled.forms[marker.group()],
        marker=original[marker.start() : marker.end()],
        key=_key(text[begin:end]),
        subject=original[subject[0] : subject[1]] if subject else earlier_subject,
        deadline=original[deadline.start() : deadline.end()] if deadline else None,
        sectors=sectors,
        terms=terms,
        topic=rules.topics[topic][0] if topic is not None else None,
    )


def _subject(text: str, start: int, marker: int, rules: RequirementRules) -> tuple[int, int] | None:
    """Where the subject stands, between the clause's last comma before the marker and the marker."""
    commas = [match.end() for match in _COMMA.finditer(text, start, marker)]
    begin = commas[-1] if commas else start
    if enumerator := _ENUMERATOR.match(text[begin:marker]):
        begin += enumerator.end()
    candidate = text[begin:marker]
    if not candidate or len(candidate) > rules.subject_max:
        return None
    for cut in range(len(candidate), 0, -1):
        head, rest = candidate[:cut], candidate[cut:]
        if rest and not rest.startswith(rules.subject_then):
            continue
        if head.endswith(rules.subject_endings) or (head.startswith(rules.subject_prefixes) and len(head) <= 4):
            return begin, begin + cut
    return None


def _key(words: str) -> str:
    """A requirement's (simplified) words as compared across speeches: no enumerator, punctuation or spaces."""
    return _NOT_COMPARED.sub("", _ENUMERATOR.sub("", words.strip()))


# --- checklists ------------------------------------------------------------------------------------


def checklist(requirements: Iterable[SourcedRequirement], vocabulary: Vocabulary) -> tuple[ChecklistGroup, ...]:
    """Requirements (newest speech first) merged across speeches and grouped by the term or topic they concern.

    A group holds its items newest first; groups come in the order their newest item comes, 其他要求 last.
    The same requirement made twice in one speech counts that speech once.
    """
    merged: dict[str, list[SourcedRequirement]] = {}
    bigrams: dict[str, frozenset[str]] = {}
    by_group: dict[str, list[str]] = {}
    for sourced in requirements:
        key = sourced.requirement.key
        if key not in merged:
            group = _group(sourced.requirement)
            own = _bigrams(key)
            key = next((other for other in by_group.get(group, []) if _similar(own, bigrams[other])), key)
            if key not in merged:
                merged[key] = []
                bigrams[key] = own
                by_group.setdefault(group, []).append(key)
        merged[key].append(sourced)
    groups = [
        ChecklistGroup(
            label=vocabulary.term(group).name if group in _term_slugs(vocabulary) else group,
            term=group if group in _term_slugs(vocabulary) else None,
            items=tuple(_item(merged[key]) for key in keys),
        )
        for group, keys in by_group.items()
    ]
    return tuple(sorted(groups, key=lambda group: group.label == OTHER))


def _term_slugs(vocabulary: Vocabulary) -> frozenset[str]:
    return frozenset(term.slug for term in vocabulary.terms)


def _group(requirement: Requirement) -> str:
    """A term's slug, else the topic's name, else :data:`OTHER`."""
    return requirement.terms[0] if requirement.terms else requirement.topic or OTHER


def _item(sources: list[SourcedRequirement]) -> ChecklistItem:
    # A requirement of a large archive's checklist is made in thousands of speeches, each once as a rule.
    by_speech: dict[str, tuple[Speech, str]] = {}
    for sourced in sources:
        speech = sourced.speech
        if speech.slug not in by_speech:
            by_speech[speech.slug] = (speech, sourced.requirement.anchor)
    return ChecklistItem(sources[0].requirement, tuple(by_speech.values()))


def _bigrams(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 2] for i in range(len(key) - 1))


def _similar(one: frozenset[str], other: frozenset[str]) -> bool:
    if not one or not other:
        return False
    smaller, larger = sorted((len(one), len(other)))
    if smaller < _NEARLY_SAME * larger:
        return False
    return len(one & other) >= _NEARLY_SAME * len(one | other)
