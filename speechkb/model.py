"""The nouns of the pipeline: what each stage hands to the next.

Every stage is a plain function from one of these frozen dataclasses to the
next, so a stage can be tested, cached or run in another process without
knowing about the others. Nothing here does I/O.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal, NamedTuple, get_args


class Severity(StrEnum):
    NOTICE = "notice"  # what the build did that the user should know of, nothing to fix (a file split in speeches)
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in an input, located so that a person can fix it."""

    path: Path
    line: int | None
    message: str
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.severity.value}: {self.message}"


Level = Literal["国家", "省", "市", "县", "乡镇", "企业"]
DefinitionForm = Literal["parenthesis", "list", "following"]  # how a speech defines a formula (see Definition)
LEVELS: tuple[Level, ...] = get_args(Level)  # highest first; 企业 is a company's own meeting
# How a speech names the whole of its level's area (全县): in titles derived from the content.
LEVEL_SCOPES: dict[str, str] = {"国家": "全国", "省": "全省", "市": "全市", "县": "全县", "乡镇": "全镇"}
Season = Literal["春", "夏", "秋", "冬"]
SEASONS: tuple[Season, ...] = get_args(Season)
INFERRED_FIELDS = ("date", "season", "level", "place", "meeting", "speaker")  # what the text may tell itself
METADATA_FIELDS = ("title", *INFERRED_FIELDS, "publisher")


class Origin(StrEnum):
    """Where a metadata field of a speech came from."""

    SIDECAR = "sidecar"  # the speech's NAME.yml: always wins
    TITLE = "title"  # read from the speech's title line
    TEXT = "text"  # read from a line of the text (a date line, a byline, the opening)
    PAGE = "page"  # stated by the file itself: a web page's <title>, meta tags, 发布时间/来源 line; below a sidecar
    # The file's name (2023-06-12 县长讲话.txt): whoever filed the speech wrote it, so it is the weakest evidence, a
    # date read only where the text gives none, below a web page's date.
    FILE_NAME = "file_name"


@dataclass(frozen=True)
class Evidence:
    """The grounds for one metadata field: where it came from and the words it was read from.

    ``line`` is the 1-based line of the file (None for a sidecar); ``text`` is the line, or the part of
    it, that states the value (``（2023年3月15日）``), empty for a sidecar.
    """

    field: str
    origin: Origin
    line: int | None = None
    text: str = ""


@dataclass(frozen=True)
class Metadata:
    """What a sidecar ``NAME.yml`` says about a speech; every field optional."""

    title: str | None = None
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD": speeches are often dated loosely
    level: str | None = None
    place: str | None = None
    meeting: str | None = None
    speaker: str | None = None
    season: str | None = None
    slug: str | None = None
    publisher: str | None = None  # who published the text: a web page's 来源 (云岭县应急管理局)

    # Cached: pages that count passages by year ask it millions of times at 10,000 speeches (1-3 s a build).
    @cached_property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@dataclass(frozen=True)
class Line:
    """One non-empty line of the source text, with its 1-based line number.

    ``text`` is stripped of surrounding white space; ``indented`` says whether the file indented it, which
    is how hard-wrapped documents show where a paragraph begins.
    """

    number: int
    text: str
    indented: bool = False
    # The heading level the file declares for the line (Word's Heading 2 style or outline level 2 → 2), which
    # makes it a heading whatever its text; None for plain text, which declares nothing.
    heading_level: int | None = None
    # The file broke the line only because it reached the edge of the page (a PDF's full line): its paragraph runs
    # on in the next line. Only a file that knows where its lines stand declares it; text is measured instead.
    runs_on: bool = False
    # The first and last page of a paginated file (a PDF) the line stands on: a paragraph joined over a page
    # break spans two. None for a file without pages, which is most of them.
    pages: tuple[int, int] | None = None
    # The file broke the line inside one of its paragraphs (a web page's <br> within a <p>), as an editor does to
    # end a paragraph or by mistake in a sentence: the text says which (see speechkb.stages.layout.join_wrapped).
    soft_break: bool = False


@dataclass(frozen=True)
class SourceCell:
    """One cell of a table as the file holds it: its lines (none when it is empty) and the grid it covers."""

    lines: tuple[Line, ...]
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class SourceTable:
    """A table in a file (Word's), standing among the file's lines where ``line`` says.

    ``line`` is the number of its first cell's first line (which an empty cell has too, unshown): the lines
    before it have smaller numbers, those after it larger. ``header_rows`` are the rows the file marks as
    the table's header.
    """

    line: int
    rows: tuple[tuple[SourceCell, ...], ...]
    header_rows: int = 0

    def lines(self) -> list[Line]:
        return [line for row in self.rows for cell in row for line in cell.lines]


@dataclass(frozen=True)
class Source:
    """A speech as read from disk: decoded lines plus its sidecar metadata.

    A format with more than lines (Word) also gives its tables, which stand among the lines by their line
    numbers, its footnotes, and ``notes``: text the file holds that is not the speech (a page header).
    """

    path: Path
    lines: tuple[Line, ...]
    metadata: Metadata
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()
    tables: tuple[SourceTable, ...] = ()
    footnotes: tuple[Line, ...] = ()
    notes: tuple[Line, ...] = ()
    # What the file states about itself besides its text (a web page's title, publication date and source),
    # with the grounds for each field (Origin.PAGE): a sidecar corrects it, and it stands above what the text
    # is read to say, except a date the text gives (a speech is published after it is given).
    stated: Metadata = field(default_factory=Metadata)
    stated_evidence: tuple[Evidence, ...] = ()
    # A saved web page's every line (its article's and those around it) and the texts of its elements that hold only
    # text (an info bar's <span>来源：县应急管理局</span>): where the page states its 发布时间 and 来源 in words, which the
    # parse reads by vocabularies/metadata.yml where no meta tag states them (see speechkb.stages.infer.page).
    page_lines: tuple[str, ...] = ()
    page_fields: tuple[str, ...] = ()


class ParagraphKind(StrEnum):
    BODY = "body"  # an ordinary paragraph
    ITEM = "item"  # one item of an enumeration (一是…, 一要…, 首先…), split out to be cited on its own
    TITLE = "title"  # the text's own title line, shown in the text when the page's title differs from it
    FRONT = "front"  # a line between the title and the speech: byline, date line, subtitle
    ENDING = "ending"  # a short line after the last paragraph: 谢谢大家！, a signature, a date
    NOTE = "note"  # a line that is not the speech (site chrome, ads, page footers): 原文附注
    CELL = "cell"  # a paragraph in a cell of a table
    FOOTNOTE = "footnote"  # a footnote or endnote of a Word document, shown after the text


@dataclass(frozen=True)
class Paragraph:
    """A unit of text that can be linked to: a paragraph or an enumerated item (see :class:`ParagraphKind`)."""

    text: str
    anchor: str
    line: int
    kind: ParagraphKind = ParagraphKind.BODY
    pages: tuple[int, int] | None = None  # the pages of a PDF it stands on, first and last (see Line.pages)


@dataclass(frozen=True)
class Section:
    """A heading and everything under it.

    ``number`` is the numbering marker exactly as written (``一、``, ``（三）``,
    ``(二)``) and is part of ``heading`` too, because staff cite sections by
    it (第二部分第（三）条). Run-in topics (``抓好道路交通领域安全。``) are
    sections without a number.
    """

    level: int
    heading: str
    anchor: str
    line: int
    number: str | None = None
    ordinal: int | None = None
    children: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its paragraphs, each linkable, tagged and searched like any, and the grid it covers."""

    paragraphs: tuple[Paragraph, ...]
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Table:
    """A table of the speech (a Word table of units, tasks and deadlines), shown as a table where it stands."""

    anchor: str
    line: int
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int = 0  # the first rows, which the file marks as the table's header

    def paragraphs(self) -> list[Paragraph]:
        """The cells' paragraphs, row by row."""
        return [paragraph for row in self.rows for cell in row for paragraph in cell.paragraphs]


Block = Paragraph | Section | Table


@dataclass(frozen=True)
class Speech:
    """A parsed speech: its title, framing paragraphs and the body tree."""

    source: Path
    slug: str
    title: str
    # "sidecar", "page" (stated by the file: a web page's title), "text" (the text's title line, as written: it
    # is the page's heading and nothing else shows it) or "derived" (from the content: the meeting, the first theme)
    title_origin: str
    metadata: Metadata  # the sidecar's fields; where it has none, those the file states, else those of the text
    title_line: int | None = None  # the line the page's title is, as written, when no paragraph repeats it
    # Its number among the speeches of its file when the file holds several (a 范文 page's 精选3篇), else None:
    # with the file, what tells it from every other speech from one build to the next.
    part: int | None = None
    description: str | None = None
    # The lines before the speech proper, in order: the title line when it is not the page's title as
    # written (a sidecar renamed it, a 第一篇： prefix or （摘要） mark was taken off), bylines, date lines.
    front: tuple[Paragraph, ...] = ()
    salutation: Paragraph | None = None
    body: tuple[Block, ...] = ()
    closing: Paragraph | None = None
    # The items the closing runs on (同志们，……。一要…；二要…；三要…), each split out after it as the body's are,
    # and the call it ends with after them (让我们…), a paragraph of its own.
    closing_items: tuple[Paragraph, ...] = ()
    ending: tuple[Paragraph, ...] = ()  # 谢谢大家！, a signature, a date line after the last paragraph
    notes: tuple[Paragraph, ...] = ()  # lines that are not the speech (原文附注), kept out of tags and search
    footnotes: tuple[Paragraph, ...] = ()  # a Word document's footnotes and endnotes, shown after the text
    evidence: tuple[Evidence, ...] = ()  # where each metadata field came from
    abridged: bool = False  # the title says （摘要）: the text is an excerpt
    incomplete: str | None = None  # the words that show the text is cut off: a truncation notice, an unfinished end
    # A digest of the words of the speech proper, the same in every copy of it (speechkb.stages.duplicates), made
    # with the parse and cached with it; "" where the speech was made otherwise, or is too short to tell.
    words_key: str = ""
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    @property
    def identity(self) -> tuple[Path, int | None]:
        """Its file, and its number in it when the file holds several: one speech's, in every build."""
        return self.source, self.part

    @property
    def source_name(self) -> str:
        """The file it was read from, as its page names it: ``a.txt``, or ``a.txt（第2篇）`` for one of several."""
        return self.source.name if self.part is None else f"{self.source.name}（第{self.part}篇）"

    @property
    def written_title(self) -> Paragraph | None:
        """The text's own title line, when the page shows it in the text."""
        return next((p for p in self.front if p.kind is ParagraphKind.TITLE), None)

    def evidence_for(self, name: str) -> Evidence | None:
        return next((e for e in self.evidence if e.field == name), None)

    @property
    def closing_part(self) -> Section | None:
        """The body's last heading when nothing stands under it but the closing: a last part (四、……) whose only
        text is the 同志们，…… that closes the speech. The closing stays the speech's closing, and is shown and
        found as that part's text, so that the part is not left empty."""
        last = self.body[-1] if self.body and self.closing else None
        while isinstance(last, Section) and last.children:
            last = last.children[-1]
        return last if isinstance(last, Section) else None

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the speech in reading order, framing paragraphs, table cells and footnotes
        included, notes not."""
        found: list[Paragraph] = [*self.front, *([self.salutation] if self.salutation else [])]

        def walk(blocks: tuple[Block, ...]) -> None:
            for block in blocks:
                if isinstance(block, Section):
                    walk(block.children)
                elif isinstance(block, Table):
                    found.extend(block.paragraphs())
                else:
                    found.append(block)

        walk(self.body)
        if self.closing:
            found.append(self.closing)
        found.extend(self.closing_items)
        found.extend(self.ending)
        found.extend(self.footnotes)
        return found

    @cached_property
    def paragraph_count(self) -> int:
        """How many :meth:`paragraphs` it has: the site's overview and the build's summary count every speech's."""
        return len(self.paragraphs())

    def sections(self) -> list[Section]:
        """Every section in reading order, at any depth."""
        found: list[Section] = []

        def walk(blocks: tuple[Block, ...]) -> None:
            for block in blocks:
                if isinstance(block, Section):
                    found.append(block)
                    walk(block.children)

        walk(self.body)
        return found


# --- the knowledge graph: vocabularies and what extraction finds in speeches ------------------


@dataclass(frozen=True)
class Sector:
    """An industry or area that safety work is assigned to (道路交通, 非煤矿山), from ``sectors.yml``.

    ``aliases`` are in simplified characters, the form speeches are matched in. ``parent`` is the slug of
    a broader sector (煤矿 → 矿山) or None. ``not_aliases`` are longer words that hold one of its names and do
    not name it (有声有色 holds 工贸's 有色): inside them the name tags nothing.
    """

    name: str
    slug: str
    description: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    not_aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every string that names the sector in a speech: its name and aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Term:
    """A policy slogan, formula or principle (一岗双责, 四不放过), from ``terms.yml``.

    ``not_aliases`` as for :class:`Sector` (安全生产法律法规 holds 安全生产法 and is no name of the law).
    """

    name: str
    slug: str
    category: str
    definition: str
    aliases: tuple[str, ...] = ()
    not_aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Vocabulary:
    """Both validated vocabularies. ``not_terms`` are quoted words never to propose as candidate terms."""

    sectors: tuple[Sector, ...] = ()
    terms: tuple[Term, ...] = ()
    categories: tuple[str, ...] = ()
    not_terms: frozenset[str] = frozenset()

    def sector(self, slug: str) -> Sector:
        return self._sectors_by_slug[slug]

    def term(self, slug: str) -> Term:
        return self._terms_by_slug[slug]

    @cached_property
    def _sectors_by_slug(self) -> dict[str, Sector]:
        return {sector.slug: sector for sector in self.sectors}

    @cached_property
    def _terms_by_slug(self) -> dict[str, Term]:
        return {term.slug: term for term in self.terms}


@dataclass(frozen=True)
class Mention:
    """Where a sector or term is named in a paragraph's text.

    ``start``/``end`` index the paragraph's text as written; ``text`` is what it says there (煤礦 in a
    traditional speech, 谁主管、谁负责 for the term 谁主管谁负责). ``slug`` names the sector or term.
    """

    slug: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Heading:
    """A section heading above a paragraph, enough to cite it (第二部分第（三）条) and link to it."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class TaggedParagraph:
    """A paragraph that concerns at least one sector or uses at least one term: one passage of the knowledge base.

    ``headings`` are the sections it stands in, outermost (the part) first. ``sectors`` are the slugs of
    the sectors it belongs to, in order of first mention: those it names itself and those named by an
    enclosing heading (``（一）抓好道路交通领域安全。`` puts its whole section in 道路交通), which are also
    listed in ``sectors_from_headings``.
    """

    paragraph: Paragraph
    headings: tuple[Heading, ...]
    sectors: tuple[str, ...]
    sectors_from_headings: tuple[str, ...]
    sector_mentions: tuple[Mention, ...]
    term_mentions: tuple[Mention, ...]
    # Slugs of the terms used, in order of first use. Made with the paragraph, not on first use: the pages of a
    # large archive ask for it a million times, and forked workers that stored it on first use would copy the
    # memory they share with the builder.
    terms: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", tuple(dict.fromkeys(mention.slug for mention in self.term_mentions)))


@dataclass(frozen=True)
class Definition:
    """A speech's own definition of a term or formula, with the paragraph it comes from.

    ``form`` is ``"parenthesis"`` for ``“三非”（非法建设、非法生产、非法经营）`` and ``"list"`` for a list
    just before the formula (``整改措施、责任、资金、时限和预案“五落实”``); ``"following"`` for a definition after it
    (``“五有”即……``, ``“十必谈”：一谈……；二谈……``). ``term`` is the slug of the
    vocabulary term defined, or None when the name is a candidate term.
    """

    name: str
    text: str
    anchor: str
    form: DefinitionForm
    term: str | None = None


@dataclass(frozen=True)
class CandidateMention:
    """A quoted phrase or number formula that is not in the vocabulary, where a speech uses it."""

    name: str
    anchor: str


@dataclass(frozen=True)
class SpeechTags:
    """Everything extraction finds in one speech; depends on the speech's text and the vocabulary only."""

    paragraphs: tuple[TaggedParagraph, ...] = ()
    definitions: tuple[Definition, ...] = ()
    candidates: tuple[CandidateMention, ...] = ()
    title_sectors: tuple[str, ...] = ()  # sectors the title or the meeting names: the speech is about them
    title_terms: tuple[str, ...] = ()  # terms the title or the meeting names

    @cached_property
    def sectors(self) -> tuple[str, ...]:
        """Slugs of the speech's sectors: those its title names, then the others in order of first mention."""
        named = (slug for paragraph in self.paragraphs for slug in paragraph.sectors)
        return tuple(dict.fromkeys((*self.title_sectors, *named)))

    @cached_property
    def terms(self) -> tuple[str, ...]:
        """Slugs of the terms the speech is about: those its title names, then the others in order of first use."""
        used = (slug for paragraph in self.paragraphs for slug in paragraph.terms)
        return tuple(dict.fromkeys((*self.title_terms, *used)))


@dataclass(frozen=True)
class TaggedSpeech:
    speech: Speech
    tags: SpeechTags
    requirements: tuple[Requirement, ...] = ()  # what its passages require (stages/requirements.py)


@dataclass(frozen=True)
class Passage:
    """One tagged paragraph together with the speech it belongs to: what a sector page or briefing quotes."""

    speech: Speech
    paragraph: TaggedParagraph


class SpeechPassages(NamedTuple):
    """One speech's passages about a sector or using a term: its tagged paragraphs, in reading order."""

    speech: Speech
    paragraphs: tuple[TaggedParagraph, ...]


@dataclass(frozen=True)
class Candidate:
    """A name the vocabulary lacks, with every paragraph that uses it and any definition a speech gives."""

    name: str
    uses: tuple[tuple[Speech, str], ...]  # (speech, paragraph anchor)
    definitions: tuple[tuple[Speech, Definition], ...] = ()

    @property
    def speech_count(self) -> int:
        return len({speech.identity for speech, _ in self.uses})


@dataclass(frozen=True)
class Knowledge:
    """The knowledge base: the vocabulary and every speech with its tags, newest speech first."""

    vocabulary: Vocabulary
    speeches: tuple[TaggedSpeech, ...] = ()

    def passages(self, *, sector: str | None = None, term: str | None = None) -> list[Passage]:
        """Tagged paragraphs about ``sector`` and/or using ``term`` (slugs), newest speech first, in reading order."""
        if sector is None and term is None:
            return [Passage(t.speech, paragraph) for t in self.speeches for paragraph in t.tags.paragraphs]
        return [
            Passage(speech, paragraph)
            for speech, paragraphs in self.passages_by_speech(sector=sector, term=term)
            for paragraph in paragraphs
        ]

    def passages_by_speech(self, *, sector: str | None = None, term: str | None = None) -> list[SpeechPassages]:
        """:meth:`passages` of ``sector`` and/or ``term`` (at least one of them), a group per speech."""
        if sector is None:
            assert term is not None, "passages by speech of a sector, a term or both"
            return list(self._index.by_term.get(term, []))
        found = self._index.by_sector.get(sector, [])
        if term is None:
            return list(found)
        groups = (
            SpeechPassages(speech, tuple(p for p in paragraphs if term in p.terms)) for speech, paragraphs in found
        )
        return [group for group in groups if group.paragraphs]

    def requirements(self, sector: str) -> list[SourcedRequirement]:
        """The requirements about ``sector`` (a slug), newest speech first, in reading order."""
        return list(self._index.requirements.get(sector, []))

    def definitions(self, term: str) -> list[tuple[Speech, Definition]]:
        """The speeches' own definitions of ``term`` (a slug), newest speech first."""
        return list(self._index.definitions.get(term, []))

    def mention_count(self, term: str) -> int:
        """How many times the speeches' passages name ``term`` (a slug)."""
        return self._mention_counts[term]

    @cached_property
    def _mention_counts(self) -> Counter[str]:
        mentions = (t.tags.paragraphs for t in self.speeches)
        return Counter(m.slug for paragraphs in mentions for paragraph in paragraphs for m in paragraph.term_mentions)

    def candidates(self) -> list[Candidate]:
        """Candidate terms, the most widely used first (by speeches, then uses, then name)."""
        return list(self._candidates)

    @cached_property
    def _candidates(self) -> tuple[Candidate, ...]:
        uses: dict[str, list[tuple[Speech, str]]] = {}
        for tagged in self.speeches:
            for mention in tagged.tags.candidates:
                uses.setdefault(mention.name, []).append((tagged.speech, mention.anchor))
        defined = self._candidate_definitions
        found = [Candidate(name, tuple(where), tuple(defined.get(name, []))) for name, where in uses.items()]
        return tuple(sorted(found, key=lambda c: (-c.speech_count, -len(c.uses), c.name)))

    @cached_property
    def _candidate_definitions(self) -> dict[str, list[tuple[Speech, Definition]]]:
        # Apart from the index: the speech list counts the defined formulas, and a live preview shows the speech
        # pages sooner for not grouping every passage by sector and term first (2 s at 10,000 speeches).
        defined: dict[str, list[tuple[Speech, Definition]]] = {}
        for tagged in self.speeches:
            for definition in tagged.tags.definitions:
                if not definition.term:
                    defined.setdefault(definition.name, []).append((tagged.speech, definition))
        return defined

    @cached_property
    def _index(self) -> _KnowledgeIndex:
        index = _KnowledgeIndex()
        for tagged in self.speeches:
            by_sector: dict[str, list[TaggedParagraph]] = {}
            by_term: dict[str, list[TaggedParagraph]] = {}
            for paragraph in tagged.tags.paragraphs:
                for slug in paragraph.sectors:
                    by_sector.setdefault(slug, []).append(paragraph)
                for slug in paragraph.terms:
                    by_term.setdefault(slug, []).append(paragraph)
            for slug, paragraphs in by_sector.items():
                index.by_sector.setdefault(slug, []).append(SpeechPassages(tagged.speech, tuple(paragraphs)))
            for slug, paragraphs in by_term.items():
                index.by_term.setdefault(slug, []).append(SpeechPassages(tagged.speech, tuple(paragraphs)))
            for requirement in tagged.requirements:
                for slug in requirement.sectors:
                    index.requirements.setdefault(slug, []).append(SourcedRequirement(tagged.speech, requirement))
            for definition in tagged.tags.definitions:
                if definition.term:
                    index.definitions.setdefault(definition.term, []).append((tagged.speech, definition))
        return index


@dataclass
class _KnowledgeIndex:
    """Passages and definitions by slug, built once: pages look up every sector and term.

    Passages are kept a group per speech, as every page and file shows them: a large archive's sectors and terms
    have a million passages between them, and a few hundred thousand groups.
    """

    by_sector: dict[str, list[SpeechPassages]] = field(default_factory=dict)
    by_term: dict[str, list[SpeechPassages]] = field(default_factory=dict)
    definitions: dict[str, list[tuple[Speech, Definition]]] = field(default_factory=dict)
    requirements: dict[str, list[SourcedRequirement]] = field(default_factory=dict)


# --- requirements: what the speeches require of a sector (stages/requirements.py) ----------------


@dataclass(frozen=True)
class Requirement:
    """A sentence (or a clause between ；) of a passage that requires something, found by its form.

    ``form`` names the form in ``requirements.yml`` (要, 必须, 严禁 …) and ``marker`` is the word that made the
    sentence one, as written (一定要). ``subject`` is who it is required of when the sentence names it
    (各乡镇, 县交通运输局), ``deadline`` when it is due when the sentence says (6月底前, 汛期前). ``sectors`` are
    the slugs of the sectors it concerns, ``terms`` those of the policy terms it uses, ``topic`` the topic of
    ``requirements.yml`` its words belong to (None when none does). ``key`` is the sentence as compared with
    others to find the same requirement in another speech: no punctuation, no enumerator (一是).
    """

    text: str
    anchor: str
    form: str
    marker: str
    key: str
    subject: str | None = None
    deadline: str | None = None
    sectors: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    topic: str | None = None


@dataclass(frozen=True)
class SourcedRequirement:
    """A requirement together with the speech that makes it."""

    speech: Speech
    requirement: Requirement


@dataclass(frozen=True)
class ChecklistItem:
    """One requirement of a checklist, as its newest speech words it, with every speech that makes it.

    ``sources`` are newest first: (speech, paragraph anchor), one per speech.
    """

    requirement: Requirement
    sources: tuple[tuple[Speech, str], ...]

    @property
    def speech_count(self) -> int:
        return len(self.sources)

    @property
    def years(self) -> str:
        """The years of the speeches that make it: ``2022–2024``, ``2024``, or empty when none is dated."""
        dated = sorted({speech.metadata.year for speech, _ in self.sources if speech.metadata.year})
        if not dated:
            return ""
        return str(dated[0]) if dated[0] == dated[-1] else f"{dated[0]}–{dated[-1]}"


@dataclass(frozen=True)
class ChecklistGroup:
    """The checklist items about one policy term or topic (``label``), newest first; ``term`` is the term's slug."""

    label: str
    term: str | None
    items: tuple[ChecklistItem, ...]
