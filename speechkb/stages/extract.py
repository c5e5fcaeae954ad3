"""Extract stage: parsed speeches + vocabulary → the knowledge graph (:class:`~speechkb.model.SpeechTags`).

Pure functions of a speech's text and the vocabulary, so that a speech's tags can be cached and recomputed
on their own when either changes.

- Matching runs on :func:`speechkb.stages.normalize.simplified` copies of the text, which keep the original's
  length: 非煤礦山 in a traditional speech is found as 非煤矿山 and its offsets still point into the text
  as written.
- The longest name wins, leftmost first: 非煤矿山 is never also 煤矿. All vocabulary names are matched in
  one pass with an Aho–Corasick automaton (pyahocorasick), whose cost does not grow with the number of
  names; its own ``iter_long`` misses matches, so overlaps are resolved here.
- An entry's ``not_aliases`` are words in which its names name nothing: 有色 inside 有声有色 is not 工贸. They
  stop only their own entry's names, so another entry's name inside them is still found.
- A section whose heading names a sector (``（一）抓好道路交通领域安全。``) belongs to it as a whole.
- A speech that defines a formula is recorded with its source paragraph, in the ways speeches do it:
  ``“三非”（非法建设、非法生产、非法经营）``, ``停产整顿、从重处罚、关闭取缔、严格问责的“四个一律”`` and
  ``“五有”即……`` (:func:`speechkb.stages.formulas.following_definition`).
  The second form is only trusted when the list has as many items as the formula's number says.
- Quoted phrases and number formulas the vocabulary does not know are candidate terms, for staff to
  promote or dismiss; they are never added to the vocabulary by themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from speechkb.model import (
    Block,
    CandidateMention,
    Definition,
    DefinitionForm,
    Heading,
    Knowledge,
    Mention,
    Paragraph,
    Section,
    Speech,
    SpeechTags,
    Table,
    TaggedParagraph,
    TaggedSpeech,
    Vocabulary,
)
from speechkb.stages.formulas import following_definition
from speechkb.stages.normalize import simplified, without_ruby
from speechkb.stages.numbering import cn_number

_QUOTE = re.compile(r"[“「『]([^“”「」『』\n]{1,40})[”」』]")
# A quoted phrase with sentence punctuation in it is a quotation, not a name.
_NOT_A_NAME = re.compile(r"[，。；！？：,;!?:*×X_]")
_NAME_PART_MAX = 10
_NUMBER = "[二三四五六七八九十两]"
# An unquoted number formula: 三个责任体系, 四项重点工作 (only kept when a list before it defines it).
_FORMULA = re.compile(
    rf"(?<![一二三四五六七八九十两]){_NUMBER}+[个项大][\u4e00-\u9fff]{{1,4}}(?=[，。；：！？、,;:!?]|$)"
)
_LEADING_NUMBER = re.compile(rf"^({_NUMBER}+)")
# What may stand between a name and the parenthesis that defines it: “三个覆盖、三个延伸”的要求（…）.
_PARENTHESIS = re.compile(r"(?:的[\u4e00-\u9fff]{1,2})?[（(]([^（）()\n]{2,300})[）)]")
# A list that defines a formula runs back to the previous clause break.
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?“”「」『』（）()]")
# Verbs and adverbs that open the clause of a defining list and are not part of its first item
# (做到整改措施、责任…“五落实”): grammar, not vocabulary.
_CLAUSE_OPENER = re.compile(
    r"^(?:要|并|须|必须|切实|真正|扎实|认真|严格|全面|坚决|努力|进一步|狠抓|组织|开展|做到|落实|建立|实现|实行|执行|推动|推进|坚持|按照)+"
)
_LAST_ITEM_JOINER = re.compile(r"[和及与]")


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    slug: str


class _Matcher:
    """Leftmost-longest, non-overlapping matching of many names at once; a name inside a word that its entry
    lists as a not-alias (``not_names``: word and slug) is no match."""

    def __init__(self, names: Iterable[tuple[str, str]], not_names: Iterable[tuple[str, str]] = ()) -> None:
        slugs = dict(names)  # the last entry naming a word, as add_word keeps the last value
        stops: dict[str, set[str]] = {}
        for word, slug in not_names:
            stops.setdefault(word, set()).add(slug)
        self._automaton = ahocorasick.Automaton()
        for word in {*slugs, *stops}:
            self._automaton.add_word(word, (len(word), slugs.get(word), frozenset(stops.get(word, ()))))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[_Match]:
        if self._empty:
            return []
        found: list[tuple[int, int, str]] = []
        stopped: list[tuple[int, int, frozenset[str]]] = []
        for end, (length, slug, stops) in self._automaton.iter(text):
            start = end + 1 - length
            if slug:
                found.append((start, -length, slug))
            if stops:
                stopped.append((start, end + 1, stops))
        if stopped:
            found = [
                (start, negative_length, slug)
                for start, negative_length, slug in found
                if not any(
                    slug in stops and first <= start and start - negative_length <= last
                    for first, last, stops in stopped
                )
            ]
        found.sort()
        matches: list[_Match] = []
        position = 0
        for start, negative_length, slug in found:
            if start >= position:
                position = start - negative_length
                matches.append(_Match(start, position, slug))
        return matches


@dataclass(frozen=True)
class _Matchers:
    sectors: _Matcher
    terms: _Matcher


@lru_cache(maxsize=4)
def _matchers(vocabulary: Vocabulary) -> _Matchers:
    return _Matchers(
        sectors=_Matcher(
            ((simplified(form), sector.slug) for sector in vocabulary.sectors for form in sector.forms),
            ((simplified(word), sector.slug) for sector in vocabulary.sectors for word in sector.not_aliases),
        ),
        terms=_Matcher(
            ((simplified(form), term.slug) for term in vocabulary.terms for form in term.forms),
            ((simplified(word), term.slug) for term in vocabulary.terms for word in term.not_aliases),
        ),
    )


def extract(speech: Speech, vocabulary: Vocabulary) -> SpeechTags:
    """Tag every paragraph of ``speech``; collect its definitions and candidate terms."""
    matchers = _matchers(vocabulary)
    paragraphs: list[TaggedParagraph] = []
    definitions: list[Definition] = []
    candidates: list[CandidateMention] = []

    def visit(paragraph: Paragraph, headings: tuple[Heading, ...], heading_sectors: tuple[str, ...]) -> None:
        text = simplified(paragraph.text)
        tagged = _tag(paragraph, *without_ruby(text), headings, heading_sectors, matchers)
        if tagged:
            paragraphs.append(tagged)
        found_definitions, found_candidates = _names(paragraph, text, vocabulary, matchers)
        definitions.extend(found_definitions)
        candidates.extend(found_candidates)

    # The headings and sectors the closing stands under when it is all the last part says (Speech.closing_part).
    closing_part = speech.closing_part
    closing_under: tuple[tuple[Heading, ...], tuple[str, ...]] = ((), ())

    def walk(blocks: Sequence[Block], headings: tuple[Heading, ...], sectors: tuple[str, ...]) -> None:
        nonlocal closing_under
        for block in blocks:
            if isinstance(block, Section):
                named = [match.slug for match in matchers.sectors.find(simplified(block.heading))]
                heading = Heading(block.level, block.heading, block.anchor)
                under = ((*headings, heading), tuple(dict.fromkeys((*sectors, *named))))
                if block is closing_part:
                    closing_under = under
                walk(block.children, *under)
            elif isinstance(block, Table):  # a table's cells are passages of the section it stands in
                for cell in block.paragraphs():
                    visit(cell, headings, sectors)
            else:
                visit(block, headings, sectors)

    for framing in (*speech.front, speech.salutation):
        if framing:
            visit(framing, (), ())
    walk(speech.body, (), ())
    for closing in (speech.closing, *speech.closing_items):
        if closing:
            visit(closing, *closing_under)
    for ending in (*speech.ending, *speech.footnotes):
        visit(ending, (), ())
    title_sectors = _title_tags(speech, matchers.sectors)
    title_terms = _title_tags(speech, matchers.terms)
    return SpeechTags(tuple(paragraphs), tuple(definitions), tuple(candidates), title_sectors, title_terms)


def vocabulary_seen(speech: Speech, vocabulary: Vocabulary) -> tuple[str, ...]:
    """What of ``vocabulary`` :func:`extract` can see in ``speech``: each sector and term name found in a text it
    matches, with the slug it stands for, each not-alias found there with the slug whose names it stops, and
    each not-term found there.

    Extraction finds names only where they stand in those texts, and asks whether a not-term is one of their
    substrings, so ``extract(speech, v)`` is the same for every vocabulary ``v`` that sees the same here: an
    alias that a speech does not use, a definition or a description leaves its tags as they were
    (:mod:`speechkb.machinery.tags_cache` keys them by this).
    """
    automaton, meanings = _seeing(vocabulary)
    found: set[str] = set()
    if len(automaton):
        for text in _matched_texts(speech):
            found.update(name for _, name in automaton.iter(text))
    return tuple(sorted(meaning for name in found for meaning in meanings[name]))


@lru_cache(maxsize=4)
def _seeing(vocabulary: Vocabulary) -> tuple[ahocorasick.Automaton, dict[str, tuple[str, ...]]]:
    """An automaton finding every name, not-alias and not-term of ``vocabulary``, and what each stands for: the
    slug each sector and term name matches as (the last entry naming it, as in :class:`_Matcher`), the slugs
    whose names a not-alias stops."""
    sectors = {simplified(form): sector.slug for sector in vocabulary.sectors for form in sector.forms}
    terms = {simplified(form): term.slug for term in vocabulary.terms for form in term.forms}
    meanings: dict[str, list[str]] = {}
    for name, slug in sectors.items():
        meanings.setdefault(name, []).append(f"sector {name} {slug}")
    for name, slug in terms.items():
        meanings.setdefault(name, []).append(f"term {name} {slug}")
    for kind, entries in (("sector", vocabulary.sectors), ("term", vocabulary.terms)):
        for entry in entries:
            for word in map(simplified, entry.not_aliases):
                meanings.setdefault(word, []).append(f"{kind}-not-alias {word} {entry.slug}")
    for name in vocabulary.not_terms:
        meanings.setdefault(name, []).append(f"not-term {name}")
    automaton = ahocorasick.Automaton()
    for name in meanings:
        automaton.add_word(name, name)
    if len(automaton):
        automaton.make_automaton()
    return automaton, {name: tuple(found) for name, found in meanings.items()}


def _matched_texts(speech: Speech) -> Iterator[str]:
    """Every text :func:`extract` matches names in, or takes candidate names from."""
    for paragraph in speech.paragraphs():
        text = simplified(paragraph.text)
        yield text
        matched, positions = without_ruby(text)
        if positions is not None:
            yield matched
    for section in speech.sections():
        yield simplified(section.heading)
    for named in (speech.title, speech.metadata.meeting or ""):
        yield without_ruby(simplified(named))[0]


def _title_tags(speech: Speech, matcher: _Matcher) -> tuple[str, ...]:
    """Sectors or terms the title or the meeting names: a 地方煤矿 meeting is about 煤矿 even if its text says
    矿井, a 党政同责 meeting about 党政同责."""
    named = (speech.title, speech.metadata.meeting or "")
    return tuple(dict.fromkeys(m.slug for text in named for m in matcher.find(without_ruby(simplified(text))[0])))


def extract_corpus(
    speeches: Iterable[Speech],
    vocabulary: Vocabulary,
    tag: Callable[[Speech, Vocabulary], SpeechTags] = extract,
) -> Knowledge:
    """The knowledge base of ``speeches``, kept in the order given (the build passes them newest first).

    ``tag`` is :func:`extract`, or the build's cache of it (:mod:`speechkb.machinery.tags_cache`).
    One process: handing a speech's tags back from a worker (pickling them) costs as much as finding them.
    """
    return Knowledge(vocabulary, tuple(TaggedSpeech(speech, tag(speech, vocabulary)) for speech in speeches))


def _tag(
    paragraph: Paragraph,
    text: str,
    positions: tuple[int, ...] | None,
    headings: tuple[Heading, ...],
    heading_sectors: tuple[str, ...],
    matchers: _Matchers,
) -> TaggedParagraph | None:
    """``text``: the paragraph as matched (simplified, pinyin annotations out); ``positions``: where each of
    its characters stands in the paragraph as written, None when they stand where they are."""
    sector_mentions = _mentions(paragraph.text, matchers.sectors.find(text), positions)
    term_mentions = _mentions(paragraph.text, matchers.terms.find(text), positions)
    if not (heading_sectors or sector_mentions or term_mentions):
        return None
    sectors = tuple(dict.fromkeys((*heading_sectors, *(mention.slug for mention in sector_mentions))))
    return TaggedParagraph(paragraph, headings, sectors, heading_sectors, sector_mentions, term_mentions)


def _mentions(original: str, matches: list[_Match], positions: tuple[int, ...] | None) -> tuple[Mention, ...]:
    if positions is None:
        return tuple(Mention(m.slug, m.start, m.end, original[m.start : m.end]) for m in matches)
    spans = [(m.slug, positions[m.start], positions[m.end - 1] + 1) for m in matches]
    return tuple(Mention(slug, start, end, original[start:end]) for slug, start, end in spans)


# --- definitions and candidate terms ------------------------------------------------------------


def _names(
    paragraph: Paragraph, text: str, vocabulary: Vocabulary, matchers: _Matchers
) -> tuple[list[Definition], list[CandidateMention]]:
    """Definitions and candidate terms among the quoted phrases and number formulas of one paragraph."""
    definitions: list[Definition] = []
    candidates: list[CandidateMention] = []
    quoted = [(match.start(1), match.end(1)) for match in _QUOTE.finditer(text)]
    formulas = [
        (match.start(), match.end())
        for match in _FORMULA.finditer(text)
        if not any(start <= match.start() < end for start, end in quoted)
    ]
    for start, end, is_quoted in sorted([*((s, e, True) for s, e in quoted), *((s, e, False) for s, e in formulas)]):
        name = text[start:end]
        definition = _definition(paragraph.text, text, start - 1 if is_quoted else start, end + 1 if is_quoted else end)
        if not is_quoted and definition is None:
            continue  # an unquoted 三个方面 is only a formula when the speech spells it out
        term = _single_term(name, matchers)
        if term:
            if definition:
                definitions.append(Definition(name, definition[0], paragraph.anchor, definition[1], term))
            continue
        for candidate in _candidate_names(name, vocabulary, matchers, defined=definition is not None):
            candidates.append(CandidateMention(candidate, paragraph.anchor))
            if definition and candidate == name:
                definitions.append(Definition(name, definition[0], paragraph.anchor, definition[1]))
    return definitions, candidates


def _single_term(name: str, matchers: _Matchers) -> str | None:
    """The term that ``name`` is, when one vocabulary form covers it from end to end."""
    matches = matchers.terms.find(name)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(name):
        return matches[0].slug
    return None


def _candidate_names(name: str, vocabulary: Vocabulary, matchers: _Matchers, *, defined: bool) -> list[str]:
    """The parts of a quoted phrase that would be new terms.

    A compound of known terms (党政同责、一岗双责、失职追责、事前问责) proposes only its unknown parts; a
    phrase with no known part (专家查隐患、企业抓落实、政府严督查) or one the speech defines is one name.
    """
    if _NOT_A_NAME.search(name):
        return []
    parts = [part for part in name.split("、") if part]

    def known(part: str) -> bool:
        return bool(part in vocabulary.not_terms or matchers.terms.find(part) or matchers.sectors.find(part))

    if defined or not any(known(part) for part in parts):
        dismissed = all(part in vocabulary.not_terms for part in parts)
        name_like = all(2 <= len(part) <= _NAME_PART_MAX for part in parts)
        return [name] if name_like and not dismissed else []
    return [part for part in parts if not known(part) and 2 <= len(part) <= _NAME_PART_MAX]


def _definition(original: str, text: str, before: int, after: int) -> tuple[str, DefinitionForm] | None:
    """The definition next to a name spanning ``text[before:after]`` (its quotes included), and its form."""
    if match := _PARENTHESIS.match(text, after):
        return original[match.start(1) : match.end(1)], "parenthesis"
    name = text[before:after].strip("“”「」『』")
    if following := following_definition(original, text, name, after):
        return following
    number = _LEADING_NUMBER.match(name)
    if not number:
        return None
    count = cn_number(number.group(1))
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, before)), default=0)
    clause = text[clause_start:before]
    opener = _CLAUSE_OPENER.match(clause)
    offset = clause_start + (opener.end() if opener else 0)
    items = text[offset:before].removesuffix("的").split("、")
    if len(items) < 2 or not all(items):
        return None
    joined = len(_LAST_ITEM_JOINER.split(items[-1])) == 2
    if count not in (len(items), len(items) + joined):
        return None
    end = offset + sum(len(item) for item in items) + len(items) - 1
    return original[offset:end], "list"
