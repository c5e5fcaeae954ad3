"""Parse stage: :class:`~speechkb.model.Source` → :class:`~speechkb.model.Speech`.

Chinese official speeches number their structure in the GB/T 9704 way
(``一、`` → ``（一）`` → ``1.`` → ``（1）``) and in looser spoken forms
(``第一，``, ``①``). Which marker is a part and which a section is not fixed:
it is decided per speech by the order in which the styles first appear, the
way a reader does it. A marker only opens a new level when it starts a
sequence (its number is 1, or the style is already in use), so a stray
``二、`` inside a sentence-like line does not invent structure. Whether a
numbered line is a heading or a numbered paragraph is read line by line,
then again run by run: the entries of one numbered run (1., 2., 3. in one
section) read alike, headings or paragraphs, by the evidence of all of them.

Below headings, two other structures are recovered:

- run-in topics: short sentences such as ``抓好道路交通领域安全。`` or
  ``非煤矿山方面。`` that open successive passages. They are recognised by
  consistency (at least two in one section sharing an ending), not by a list
  of words, and become unnumbered sub-sections;
- enumerations (``一是…二是…``, ``一要…``, ``一方面…另一方面``, ``首先…其次…``,
  inline ``第一，…第二，…``, ``①…②…``) whose items are split into their own
  paragraphs so that each can be cited and linked. Items alone on short lines,
  each followed by paragraphs of its own, head those paragraphs instead: they
  are numbered sub-sections (``一是压实企业主体责任。``, ``首先，压实企业主体责任。``).

A file may declare its structure (a Word document): a line with a declared
heading level is a heading at that level, numbered or not, and a numbering
style its declared headings use numbers nothing else but the typed headings
that go on from the last of them (二、 typed after a declared 一、); its tables
stand in the tree where they stand among the lines, each cell's lines
paragraphs of their own.

Nothing is dropped or rewritten: every character of every line ends up in
exactly one heading or paragraph, in order.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from speechkb.model import (
    LEVEL_SCOPES,
    METADATA_FIELDS,
    Block,
    Cell,
    Diagnostic,
    Evidence,
    Line,
    Metadata,
    Origin,
    Paragraph,
    ParagraphKind,
    Section,
    Severity,
    Source,
    SourceTable,
    Speech,
    Table,
)
from speechkb.stages.chrome import ChromeRules
from speechkb.stages.footnotes import (
    SUPERSCRIPT,
    note_key,
    note_marker,
    note_references,
    notes_rejoined,
    referenced_notes,
    wrapped_notes,
)
from speechkb.stages.infer import infer_metadata
from speechkb.stages.infer.page import page_owners, stated_by_page
from speechkb.stages.infer.places import signing_office
from speechkb.stages.infer.rules import MetadataRules, Structure
from speechkb.stages.infer.text import Text, fold
from speechkb.stages.layout import join_wrapped, joined_lines, opens_paragraph, restore_lines, stops_mid_sentence
from speechkb.stages.normalize import simplified
from speechkb.stages.numbering import (
    CIRCLED,
    CN,
    DECORATIONS,
    MARKDOWN_HEADING,
    closing_decoration,
    cn_number,
    cn_numeral,
    heading_style,
    number_word,
    renumbered_enclosed,
    undecorated,
)
from speechkb.stages.readers.base import is_picture_mark
from speechkb.stages.tables import cell_like, flattened_tables
from speechkb.stages.text_rules import TextRules

HEADING_MAX_CHARS = 40  # a numbered first sentence longer than this is a numbered paragraph, not a heading
_UNPUNCTUATED_HEADING_MAX = 60
_TOPIC_MAX_CHARS = 16
_SENTENCE_END = "。！？!?"
_TEASER_END = re.compile(r"(?:\.{3,}|…+)$")
_TITLE_PUNCTUATION = re.compile(r"[。，；！？,;!?：:]")


def paragraph_anchor(text: str) -> str:
    """Stable id for a paragraph: the same text gets the same id in every build."""
    return "p-" + hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


@dataclass
class _Node:
    """A section while it is being built (the frozen Section comes at the end)."""

    level: int
    heading: str
    line: int
    number: str | None
    ordinal: int | None
    style: str | None
    items: list[_Node | Line | SourceTable] = field(default_factory=list)


@dataclass
class _Context:
    source: Source
    structure: Structure  # the words the speech's structure is read by (metadata.yml's structure)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    used_anchors: set[str] = field(default_factory=set)
    # The suffix each anchor was last made unique with: the next copy of a paragraph said many times (同志们： on
    # every line of a broken file) goes on from it instead of trying -2, -3 … again, which is quadratic.
    suffixes: dict[str, int] = field(default_factory=dict)
    tables: int = 0  # tables frozen so far: the next one's anchor is t1, t2 …
    # A PDF's pages by line number, once its lines are joined into paragraphs: a paragraph stands on its line's.
    pages: dict[int, tuple[int, int]] = field(default_factory=dict)

    def warn(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.source.path, line, message))

    def unique(self, anchor: str) -> str:
        n = self.suffixes.get(anchor, 1)
        candidate = anchor if n == 1 else f"{anchor}-{n}"
        while candidate in self.used_anchors:
            n += 1
            candidate = f"{anchor}-{n}"
        self.used_anchors.add(candidate)
        self.suffixes[anchor] = n
        return candidate


def parse(source: Source, rules: TextRules) -> Speech:
    """The speech of a file that holds one: the first of :func:`parse_all`'s when it holds several."""
    return parse_all(source, rules)[0]


def parse_all(source: Source, rules: TextRules) -> tuple[Speech, ...]:
    """Recover each speech a file holds, its structure and what its text says about it (date, level, place …).

    A file may hold several speeches pasted one after the other: a 范文 page's 精选3篇 (第一篇：…, 第二篇：…), a
    Word file with a second title, byline and 同志们： after the first speech's 谢谢大家！. Each is a speech of its
    own (:attr:`~speechkb.model.Speech.part` numbers them) with the file's lines from its title to the next
    one's; the lines the file sets apart as the page's (a compilation's own heading, a site's chrome) go with
    the speech they stand in or next to, so that every character of the file is on one of their pages.
    """
    source = _front_beside_in_a_row(stated_by_page(source, rules.metadata))
    description, raw = _take_teaser(list(source.lines), rules.chrome)
    restored, notes, foot, truncation = _set_chrome_apart(restore_lines(raw), rules.chrome, rules.metadata)
    restored, flattened = flattened_tables(
        restored, rules.metadata.table_caption, rules.metadata.structure.cell_goes_on
    )
    if flattened:  # a table copied as text stands among the lines as a Word document's does
        source = replace(source, tables=tuple(sorted([*source.tables, *flattened], key=lambda table: table.line)))
    lines = [line for piece in _between_tables(restored, source.tables) for line in join_wrapped(piece, restored)]
    pages = {line.number: line.pages for line in (*lines, *notes, *foot) if line.pages}
    # A meeting's agenda above the speech is its front, not a speech of its own, however many items it numbers.
    agenda = _after_agenda(lines, rules.metadata) or 0
    starts = [agenda + start for start in _speech_starts(lines[agenda:], rules.metadata)]
    if not starts:
        return (_parse_text(source, rules, _Text(lines, notes, pages, description, truncation, foot)),)
    parts = [lines[start:end] for start, end in pairwise([0, *starts, len(lines)])]
    firsts = [part[0].number for part in parts[1:]]  # the first line of each speech after the first

    def part_of(line: Line | SourceTable) -> int:
        return bisect_right(firsts, line.number if isinstance(line, Line) else line.line)

    speeches = tuple(
        _parse_text(
            _part_source(source, index, len(parts), part_of),
            rules,
            _Text(
                part,
                [note for note in notes if part_of(note) == index],
                pages,
                description if index == 0 else None,
                truncation if index == len(parts) - 1 else None,
                [note for note in foot if part_of(note) == index],
            ),
            index + 1,
        )
        for index, part in enumerate(parts)
    )
    notice = Diagnostic(source.path, firsts[0], _split_notice(source, parts), Severity.NOTICE)
    first = speeches[0]
    return (replace(first, diagnostics=(notice, *first.diagnostics)), *speeches[1:])


def _front_beside_in_a_row(source: Source) -> Source:
    """A Word file's table of one row above the text lays its front out side by side (县委常委、副县长　杨某某 beside
    （2024年4月8日）, in a template's table with no borders): a row with no rows under it holds no data, and above
    every sentence of the text, with the text under it, it holds the byline and the date line. Its cells' lines are
    the document's lines, in their order, read as the front they are."""
    for table in source.tables:
        above = [line for line in source.lines if line.number < table.line]
        front = len(above) <= _FRONT_ROW_MAX_ABOVE and not any(
            mark in line.text for line in above for mark in _SENTENCE_END
        )
        below = any(line.number > table.line for line in source.lines)
        if len(table.rows) == 1 and front and below:
            lines = sorted([*source.lines, *table.lines()], key=lambda line: line.number)
            return replace(source, lines=tuple(lines), tables=tuple(t for t in source.tables if t is not table))
    return source


_FRONT_ROW_MAX_ABOVE = 4  # lines above a byline's row: a 红头, a 文号, a title over two lines


@dataclass(frozen=True)
class _Text:
    """A speech's lines once the page's chrome is set apart and wrapped lines are joined, with what goes with it."""

    lines: list[Line]
    notes: list[Line]  # the page's lines (chrome) that stand among or next to them
    pages: dict[int, tuple[int, int]]  # a PDF's pages by line number
    description: str | None  # a scraped summary line above the text
    truncation: _Truncation | None  # the notice that the page's text is cut off
    footnotes: list[Line]  # the notes at the foot of the pages they stand on (a PDF's footnotes)


def _part_source(source: Source, index: int, count: int, part_of: Callable[[Line | SourceTable], int]) -> Source:
    """The ``index``-th of ``count`` speeches of a file, as if it were the file.

    The sidecar describes the first speech only (a file's sidecar is written for the speech it opens with), and the
    reader's problems, a Word file's notes (its page header) are said once, with it; its footnotes are shown after
    the last, where a document puts them. A web page's own title names the page, not any one of its speeches (a
    compilation's 精选3篇): each has its own title line; its date and source stand for each speech it holds.
    """
    first, last = index == 0, index == count - 1
    return replace(
        source,
        lines=tuple(line for line in source.lines if part_of(line) == index),
        metadata=source.metadata if first else Metadata(),
        diagnostics=source.diagnostics if first else (),
        tables=tuple(table for table in source.tables if part_of(table) == index),
        footnotes=source.footnotes if last else (),
        notes=source.notes if first else (),
        stated=replace(source.stated, title=None),
        stated_evidence=tuple(evidence for evidence in source.stated_evidence if evidence.field != "title"),
    )


def _split_notice(source: Source, parts: list[list[Line]]) -> str:
    """What the build says of a file it split: how many speeches, where each after the first starts, and which
    one the sidecar describes."""
    starts = ", ".join(
        f"speech {number} at line {part[0].number} (“{part[0].text.strip()}”)"
        for number, part in enumerate(parts[1:], 2)
    )
    sidecar = (
        f"; its sidecar {source.path.with_suffix('.yml').name} describes the first only"
        if source.metadata != Metadata()
        else ""
    )
    return f"this file holds {len(parts)} speeches, each built as a page of its own: {starts}{sidecar}"


def _parse_text(source: Source, rules: TextRules, text: _Text, part: int | None = None) -> Speech:
    """One speech from its ``text``: the framing lines, the body's tree, the metadata."""
    context = _Context(source, rules.metadata.structure, pages=text.pages)
    description, notes, truncation = text.description, text.notes, text.truncation
    structure = rules.metadata.structure
    lines, text_footnotes = _take_text_footnotes(list(text.lines), structure)

    # A Word document's tables are shown in the body: the framing lines are only looked for above the first
    # table and below the last one, so that the page keeps the document's order.
    above, below = _beside_tables(lines, source.tables)
    head, lines = lines[:above], lines[above:]
    before_title, title_lines, title = _take_title(head, rules.metadata, source.stated.title)
    stated = _undecorated(source.stated.title, rules.metadata) if source.stated.title else None
    titled = title_lines or source.stated.title or _dated_front(head, rules.metadata)
    after_title = _take_front(head, rules.metadata) if titled else []
    lead_lines = _take_lead(head, rules.metadata) if titled else []
    salutation_line = _take_salutation(head, rules.metadata)
    lines = head + lines
    below = min(below, len(lines))
    tail, lines = lines[len(lines) - below :], lines[: len(lines) - below]
    # Below a table the tail may be all closing and ending: the table is the body they close.
    tail = _signed_after_thanks(tail, rules.metadata.thanks)
    lunar = rules.metadata.lunar_date
    ending_lines = _take_ending(tail, salutation_line, rules.metadata, after_body=bool(source.tables))
    closing_line, after_closing = _take_closing(tail, salutation_line, rules.metadata, after_body=bool(source.tables))
    closing_line, formulas = _closing_call(closing_line, after_closing, rules.metadata)
    ending_lines = formulas + ending_lines
    lines += tail
    body_lines = list(lines)

    root = _build_tree(lines, source.tables, context)
    body = _freeze_children(root, "s", context)

    # The title as one line, for a title broken over two; dates under the closing (a signature's) count
    # like date lines under the title.
    title_line = Line(title_lines[0].number, "".join(line.text for line in title_lines)) if title_lines else None
    if title_line is None and stated:
        title_line = Line(_STATED_LINE, stated.text)  # a web page's title, which no line of its text is
    dated_ending = [dated for line in ending_lines if (dated := _ending_date(line, lunar))]
    # A date the title's decorations give ((2023), （2023.3.15）), read like a date line under the title.
    dated_title = [Line(title_line.number, title.date)] if title and title.date and title_line else []
    opening = lead_lines + ([salutation_line] if salutation_line else []) + body_lines
    fronts = [*dated_title, *after_title, *dated_ending]
    # A signature's own date line is no signature; one dated on its line is, without its date.
    signature = [_undated(line) for line in ending_lines if line not in dated_ending]
    inferred, found = infer_metadata(
        title_line,
        fronts,
        opening,
        rules.metadata,
        signature,
        before_title,
        notes,
        _signers(ending_lines, lunar),
        source.path.name,
        source.stated.date,
        page_owners(source, rules.metadata),
    )
    found = tuple(replace(e, line=None) if e.line == _STATED_LINE else e for e in found)
    metadata, evidence = _merged(source, inferred, found)
    chosen, origin = _choose_title(source, stated, title, opening[:4], body, metadata.level, rules.metadata)

    # The title line is the page's heading only when it is the first line and the title as written;
    # otherwise it stays in the text, in its place.
    heading_only = len(title_lines) == 1 and not before_title and chosen == title_lines[0].text
    front = tuple(
        _paragraph(line.text, line.number, context, kind)
        for group, kind in ((before_title, ParagraphKind.FRONT), (title_lines, ParagraphKind.TITLE))
        for line in group
        if not heading_only or group is not title_lines
    ) + tuple(_paragraph(line.text, line.number, context, ParagraphKind.FRONT) for line in (*after_title, *lead_lines))
    salutation = _paragraph(salutation_line.text, salutation_line.number, context) if salutation_line else None
    if closing_line and closing_line.pages:  # a closing joined from its address and the paragraph after it
        context.pages[closing_line.number] = closing_line.pages
    closing, closing_items = (
        _closing_paragraphs(closing_line, context, rules.metadata.call) if closing_line else (None, ())
    )
    ending = tuple(_paragraph(line.text, line.number, context, ParagraphKind.ENDING) for line in ending_lines)
    last = closing_line or (body_lines[-1] if body_lines else None)
    incomplete = _incompleteness(truncation, None if ending_lines else last)
    if incomplete:
        line, shown_by = incomplete
        context.warn(line, f"the text is incomplete: it ends “{shown_by}”; the page is marked 文本不完整")
    return Speech(
        source=source.path,
        part=part,
        slug=source.metadata.slug or "",
        title=chosen,
        title_origin=origin,
        title_line=title_lines[0].number if heading_only else None,
        metadata=metadata,
        description=description,
        front=front,
        salutation=salutation,
        body=body,
        closing=closing,
        closing_items=closing_items,
        ending=ending,
        # The lines set apart as not the speech, then those the file itself keeps apart (a Word page header).
        notes=tuple(
            _paragraph(line.text, line.number, context, ParagraphKind.NOTE) for line in (*notes, *source.notes)
        ),
        footnotes=tuple(
            _paragraph(line.text, line.number, context, ParagraphKind.FOOTNOTE)
            for line in (
                *notes_rejoined(
                    sorted([*text.footnotes, *text_footnotes], key=lambda note: note.number),
                    lambda text: _opens_note(text, structure),
                ),
                *source.footnotes,
            )
        ),
        evidence=evidence,
        abridged=any(given.abridged for given in (title, stated) if given),  # the page's title may say （摘要） too
        incomplete=incomplete[1] if incomplete else None,
        diagnostics=source.diagnostics + tuple(context.diagnostics),
    )


_STATED_LINE = 0  # the line number of a title the file states outside its text


def _more_precise(date: str | None, than: str) -> bool:
    """Whether ``date`` is ``than`` (2024, 2024-03) told to the day or month (2024-03-15)."""
    return date is not None and len(date) > len(than) and date.startswith(than)


def _merged(source: Source, inferred: Metadata, found: tuple[Evidence, ...]) -> tuple[Metadata, tuple[Evidence, ...]]:
    """The sidecar's fields; where it has none, what the file states about itself (a web page's title, date and
    source), then what the text is read to say: a sidecar only ever corrects. A date the text gives (a date line,
    a dated opening) wins over a page's publication date, as a speech is published after it is given; only
    where the text gives no more than the year or month the page was published in does the page's date say
    more."""
    sidecar, stated = source.metadata, source.stated
    values: dict[str, str | None] = {}
    evidence: list[Evidence] = []
    for name in METADATA_FIELDS:
        if name == "title":
            continue
        given = getattr(sidecar, name)
        if given is not None:
            values[name] = given
            evidence.append(Evidence(name, Origin.SIDECAR, None, source.path.with_suffix(".yml").name))
            continue
        candidates = [(stated, source.stated_evidence), (inferred, found)]
        # The file's name dates the speech below the page (Origin.FILE_NAME); the text's date wins over it.
        named = any(e.field == "date" and e.origin is Origin.FILE_NAME for e in found)
        if name == "date" and inferred.date and not named and not _more_precise(stated.date, inferred.date):
            candidates.reverse()
        for metadata, grounds in candidates:
            if (value := getattr(metadata, name)) is not None:
                values[name] = value
                evidence += [e for e in grounds if e.field == name]
                break
    dated = values.get("date")
    if dated and len(dated) > len("2024") and sidecar.season is None and values.get("season") is not None:
        # A month says the season better than any cue: a page's date in January is no 防汛 speech's summer.
        values["season"] = None
        evidence = [e for e in evidence if e.field != "season"]
    if sidecar.title:
        evidence.insert(0, Evidence("title", Origin.SIDECAR, None, source.path.with_suffix(".yml").name))
    elif stated.title:
        evidence[:0] = [e for e in source.stated_evidence if e.field == "title"]
    return Metadata(title=sidecar.title, slug=sidecar.slug, **values), tuple(evidence)


# --- framing: teaser, chrome, title, front lines, salutation, closing -------------------------


def _take_teaser(lines: list[Line], chrome: ChromeRules) -> tuple[str | None, list[Line]]:
    """A scraped summary line (ends in ``...``, repeats the text below) is a description, not body.

    It is looked for before collapsed lines are split, as it is one line however long; chrome lines above it
    (a site's name) do not hide it.
    """
    first = next((i for i, line in enumerate(lines) if not chrome.line(line.text)), None)
    if first is None or len(lines) - first < 2 or not _TEASER_END.search(lines[first].text):
        return None, lines
    teaser = _squash(_TEASER_END.sub("", lines[first].text))
    rest = _squash("".join(line.text for line in lines[first + 1 :]))
    if len(teaser) < 8 or teaser[: len(teaser) // 2] not in rest:
        return None, lines
    return lines[first].text, lines[:first] + lines[first + 1 :]


@dataclass(frozen=True)
class _Truncation:
    line: int
    notice: str


def _set_chrome_apart(
    lines: list[Line], chrome: ChromeRules, rules: MetadataRules
) -> tuple[list[Line], list[Line], list[Line], _Truncation | None]:
    """(speech lines, chrome lines, the notes at the foot of a page, the first truncation notice): nothing is
    dropped, chrome is kept apart, and so is an attachment after the speech."""
    marked: list[tuple[Line, bool]] = []  # every piece in order, and whether it is chrome
    # The speech lines that stop where a machine cut the text (see _run_on), by their index in ``marked``.
    cut: set[int] = set()
    truncation: _Truncation | None = None
    headers = _running_headers(lines, rules)
    headers |= _lone_headers(lines, headers, chrome, rules)
    foot = _foot_notes(lines, headers, chrome)
    last_speech: int | None = None  # the index in ``marked`` of the last speech line so far
    of_text: set[int] = set()  # the editor's notes on the text (see ChromeRule.of_text), by their index in ``marked``
    posted = False  # a social post's own line is among the chrome (see ChromeRule.of_post)
    for index, line in enumerate(lines):
        rule = None if index in headers or index in foot else chrome.line(line.text)
        if rule and rule.alone and _among_cells(lines, index):
            rule = None  # a figure of a table flattened to a cell a line, not a page's number
        if index in headers or index in foot:  # the page's furniture, where the page broke, maybe mid-sentence
            if last_speech is not None:
                cut.add(last_speech)
            if index in headers:
                marked.append((line, True))
            continue
        if rule is None and (tail := chrome.tail(line.text)):
            last_speech = len(marked)
            marked.append((replace(line, text=line.text[: tail.start].rstrip()), False))
            marked.append((Line(line.number, line.text[tail.start :].strip(), pages=line.pages), True))
            rule = tail.rule
        elif rule is None:
            last_speech = len(marked)
            marked.append((line, False))
            continue
        else:
            if rule.cuts_text and last_speech is not None:
                cut.add(last_speech)
            if rule.of_text:
                of_text.add(len(marked))
            posted = posted or rule.of_post
            marked.append((line, True))
        if rule.truncation and truncation is None:
            truncation = _Truncation(line.number, marked[-1][0].text)
    marked = [(_run_on(line) if index in cut else line, is_chrome) for index, (line, is_chrome) in enumerate(marked)]
    marked = _chrome_tail(_chrome_broken_over_lines(marked), of_text)
    marked = _spaced_letterhead(_named_by_chrome(marked, rules), rules)
    marked = _redacted_name_under_office(marked, rules)
    marked = _contents_entries(_masthead_issue(_letterhead_office(marked, rules), rules))
    marked = _account_over_title(marked, posted, rules)
    marked = _attachment_apart(marked, rules)
    return (
        [line for line, is_chrome in marked if not is_chrome],
        [line for line, is_chrome in marked if is_chrome],
        [lines[index] for index in sorted(foot)],
        truncation,
    )


def _foot_notes(lines: list[Line], headers: set[int], chrome: ChromeRules) -> set[int]:
    """Indexes of the footnotes a PDF prints at the foot of a page (``[1] 数据来源：……``, ``①……``, and the lines a long
    one wraps to), each numbered as a sentence above it refers to it (``……下降16%[1]。``), standing over the page's
    furniture: its number, its footer, the next page's header, or the next page itself. A paragraph that runs on
    over the page break goes on under them, as under the page's number."""
    referenced = note_references(lines)
    if not referenced:
        return set()
    found: set[int] = set()
    for index, line in enumerate(lines):
        furniture = index in headers or bool((rule := chrome.line(line.text)) and rule.cuts_text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        page_ends = bool(line.pages and following and following.pages and following.pages[0] > line.pages[1])
        if not furniture and not page_ends:
            continue
        end = index if furniture else index + 1  # the notes stand above the furniture, or end the page
        first = None  # the first note of the page
        for start in range(end - 1, max(end - 1 - _FOOT_NOTE_LINES, -1), -1):
            if start in headers or chrome.line(lines[start].text):
                break  # the notes of a page stand under its text, not under other furniture
            marker = note_marker(lines[start].text)
            if marker and referenced.get(note_key(marker.group()), start) < start:
                first = start
        found.update(range(first, end) if first is not None else ())
    return found


_FOOT_NOTE_LINES = 4  # a page's footnotes, and the lines a long one wraps to


def _among_cells(lines: list[Line], index: int) -> bool:
    """Whether the line at ``index`` stands among a table's cells, flattened to one a line (行业领域 / 事故起数 /
    道路交通 / 12 / 6): two lines next to it, on one side or one on each, are short and hold no sentence nor heading,
    as its first and last cells have text on one side."""
    cells = [0 <= at < len(lines) and cell_like(lines[at].text) for at in range(index - 2, index + 3)]
    return (cells[0] and cells[1]) or (cells[1] and cells[3]) or (cells[3] and cells[4])


def _lone_headers(lines: list[Line], headers: set[int], chrome: ChromeRules, rules: MetadataRules) -> set[int]:
    """Indexes of an office's name standing once where a page broke (清岚县人民政府办公室): a PDF whose first page has
    no header (Word's different first page) shows it on a second page only, so it is not repeated, yet a reader
    sees the page's header: a short line naming an office, with the speech's text above it, that stands at the
    top of a page (after a page's number, or first on a PDF's page) or inside a sentence (the line above stops in
    the middle of one and the line below goes on with it). A short line that does both, right under a page's
    number inside a sentence or a heading the page broke (the line above ends with no sentence's last mark), is
    the page's header whatever it names (the meeting's material, 全县安全生产工作会议材料, over every other page):
    the text goes on under it."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if index in headers or not _header_like(line.text, rules) or chrome.line(line.text):
            continue
        above = _text_line(lines, range(index - 1, -1, -1), headers, chrome)
        below = _text_line(lines, range(index + 1, len(lines)), headers, chrome)
        if above is None or below is None:
            continue  # a letterhead above the text, a signature under it
        previous = lines[index - 1]
        at_page_top = (rule := chrome.line(previous.text)) is not None and rule.cuts_text
        first_on_page = line.pages is not None and previous.pages is not None and line.pages[0] > previous.pages[1]
        goes_on = not below.indented and not opens_paragraph(below.text)
        in_sentence = stops_mid_sentence(above.text) and goes_on
        office = fold(line.text).strip().endswith(rules.own_units)
        # A page's number marked as one (第 2 页, - 2 -): a bare figure may be a cell of a table flattened a cell a line.
        under_number = at_page_top and rule is not None and not rule.alone
        if (office and (at_page_top or first_on_page or in_sentence)) or (
            under_number and goes_on and _unfinished(above.text) and not heading_style(below.text)
        ):
            found.add(index)
    return found


def _unfinished(text: str) -> bool:
    """Whether ``text`` stops where no sentence ends: in the middle of one (……问题管网、问题环), or of a numbered
    heading (二、……排查整治和消防安全集), whose rest stands on the next page."""
    plain = simplified(text).strip()
    return stops_mid_sentence(plain) or plain[-1:] not in _UNFINISHED_NOT


def _text_line(lines: list[Line], indexes: range, headers: set[int], chrome: ChromeRules) -> Line | None:
    """The first line at ``indexes`` that is neither a running header nor chrome: the speech's text."""
    return next((lines[at] for at in indexes if at not in headers and not chrome.line(lines[at].text)), None)


def _run_on(line: Line) -> Line:
    """``line`` broken softly: a line a machine cut the text at after it (a transcript's ``发言人1 00:01:12``, a
    PDF's page number or running header) comes at a time into the recording or where the page was full, not at a
    paragraph's end, so the layout joins a sentence it left unfinished to the speech line after it, as a ``<br>``
    inside a paragraph is read."""
    return replace(line, soft_break=True)


_TAIL_LINE_MAX_CHARS = 40
_UNFINISHED_NOT = "。！？!?；;…：:”’）)"  # what a sentence's, or a clause's, last character is
_NOTE_MARKER = re.compile(rf"^(?:[{CIRCLED}]|[（(]\d{{1,2}}[)）]|\[\d{{1,2}}\]|[{SUPERSCRIPT}])")
_NOTES_REACH = 8


def _attachment_apart(marked: list[tuple[Line, bool]], rules: MetadataRules) -> list[tuple[Line, bool]]:
    """An attachment after the speech (附件：…, 附：…, to the end of the text) is set apart: it is not what was said.

    Its label is looked for once half the speech's text is said, counted in characters, not lines: an
    attachment's list has many short lines (1.…分工表, 2.…), a speech few long ones. Anywhere after the speech's
    end, its thanks (谢谢大家！) or its closing that addresses the audience again (同志们，……持续稳定。), and a
    signature under it, the label, or the label alone on its line (附件, as GB/T 9704 sets it), starts the
    attachment however long it is: a task table, a second document, longer than the speech. (A 印发通知 above a
    speech names it 附件：…讲话 in its first half, and may set the label alone over the speech's title: the speech
    it sends is read, however the notice's last lines read.)

    So is a news report of the meeting that a file gives after the speech's thanks (and a signature under them):
    its headline, or its lead that opens with the day and tells the meeting held (6月8日下午，县安委会召开全体会议，
    …县长冯某某出席会议并讲话。), to the end of the text. It tells of the speech; it is not the speech. A closing's
    address alone does not end the speech for it, as a speech may go on to tell of a meeting after 同志们，…
    """
    speech = [index for index, (_, is_chrome) in enumerate(marked) if not is_chrome]
    total, said = sum(len(marked[index][0].text) for index in speech), 0
    # A Word document's endnotes, copied as text, come after its attachment: they are the speech's notes still.
    lines = [marked[index][0] for index in speech]
    first_note = next(
        (at for at in range(max(len(lines) - _NOTES_REACH, 1), len(lines)) if referenced_notes(lines[at:], lines[:at])),
        len(lines),
    )
    notes = set(speech[first_note:])
    opened = False  # the speech has addressed its audience (同志们：): a notice sends it no more
    for position, index in enumerate(speech):
        plain = fold(marked[index][0].text).strip()
        labelled, alone = rules.attachment.fullmatch(plain), rules.attachment_label.fullmatch(plain)
        above = [marked[before][0].text for before in speech[max(position - 1 - _ENDING_MAX_LINES, 0) : position]]
        following = [marked[after][0].text for after in speech[position + 1 : position + 2]]
        report = _report_lead(plain, rules) or (
            _short_line(plain) and any(_report_lead(fold(t), rules) for t in following)
        )
        # In the text's first half, before any salutation, a label that names a speech (附件：王某某同志在……上的讲话),
        # or stands alone over a speech's title, is a 印发通知's: the speech it sends follows, and is read.
        named = re.split("[:：]", plain, maxsplit=1)[-1] if labelled and not alone else "".join(following)
        sends = not opened and 2 * said < total and _title_form(named, rules) is not None
        if (
            (labelled and 2 * said >= total)
            or ((labelled or alone) and not sends and _after_the_end(above, rules))
            or (report and _after_the_end(above, rules, addressed=False))
        ):
            return marked[:index] + [(line, at not in notes) for at, (line, _) in enumerate(marked[index:], index)]
        said += len(marked[index][0].text)
        opened = opened or bool(rules.structure.salutation.match(simplified(marked[index][0].text).strip()))
    return marked


def _report_lead(plain: str, rules: MetadataRules) -> bool:
    """Whether ``plain`` (folded) is a news report's lead: its first sentence opens with the day (6月8日下午，,
    2023年6月8日，) and tells of a meeting held (召开, 举行)."""
    day = rules.dates.match(plain) or rules.month_day.match(plain)
    first = re.split("[。！？]", plain[day.end() :], maxsplit=1)[0] if day else ""
    return any(verb in first for verb in rules.host_verbs)


def _after_the_end(texts: list[str], rules: MetadataRules, addressed: bool = True) -> bool:
    """Whether the last of ``texts`` ends the speech: with its thanks (谢谢大家！, alone or after the closing's last
    sentence), or, when ``addressed`` counts, as its closing, a paragraph that addresses the audience again
    (同志们，……); or a signature and its date (short lines with no sentence) stand under a line that does."""
    for text in reversed(texts):
        plain = fold(text).strip()
        vocative = rules.structure.vocative.match(simplified(text).strip())
        if _ends_with_thanks(plain, rules.thanks) or (addressed and vocative):
            return True
        if not _front_like(plain, rules):
            return False
    return False


def _ends_with_thanks(text: str, thanks: re.Pattern[str]) -> bool:
    """Whether ``text`` (folded) is thanks, or its last sentences are (……持续稳定。谢谢大家！)."""
    return any(
        thanks.fullmatch(text[start:]) for start in range(len(text)) if start == 0 or text[start - 1] in "。！？"
    )


def _opens_note(text: str, structure: Structure) -> bool:
    """Whether ``text`` starts a note of its own: a label (注：), or a note's mark as a page's foot or endnotes give it."""
    plain = simplified(text).strip()
    return bool(structure.note_label.match(plain) or _NOTE_MARKER.match(plain)) or note_marker(text) is not None


def _take_text_footnotes(lines: list[Line], structure: Structure) -> tuple[list[Line], list[Line]]:
    """The speech's lines and the notes it gives after its end, which are shown as its footnotes: ``注：①……`` and the
    numbered notes after it, or with no label the notes a Word document's endnotes leave when copied as text
    (``[1] 数据来源：……``, ``②……``), each numbered as a sentence above refers to it (``……下降16%[1]。``). A note
    broken before its sentence's end goes on in the line under it."""
    for start in range(max(len(lines) - _NOTES_REACH, 1), len(lines)):
        plain = simplified(lines[start].text).strip()
        notes = lines[start + 1 :]
        if structure.note_label.match(plain) and (
            not notes or wrapped_notes(notes, lambda text: bool(_NOTE_MARKER.match(simplified(text).strip())))
        ):
            return lines[:start], lines[start:]
        if referenced_notes(lines[start:], lines[:start]):
            return lines[:start], lines[start:]
    return lines, []


_HEAD_LINES = 4


def _named_by_chrome(marked: list[tuple[Line, bool]], rules: MetadataRules) -> list[tuple[Line, bool]]:
    """A short line at the top that the page's chrome names again is the page's too: an account's name over
    a WeChat article (青梧应急 … 原创 青梧应急 2025年02月28日), a site's name its copyright line repeats.

    Only before the speech's first sentence, and never the title (a breadcrumb may end with it).
    """
    chrome = [simplified(line.text) for line, is_chrome in marked if is_chrome]
    result = list(marked)
    for index, (line, is_chrome) in enumerate(marked[:_HEAD_LINES]):
        if is_chrome:
            continue
        plain = simplified(line.text).strip()
        following = next((other for other, apart in marked[index + 1 :] if not apart), None)
        if not _short_line(plain) or _title_form(plain, rules) or rules.structure.salutation.match(plain):
            break
        if following and _broken_title(line, following, rules):
            break  # ……会议上的 / 讲话: the title's end is no chrome, whatever a header names
        if len(plain) >= 2 and any(plain in other for other in chrome if other.strip() != plain):
            result[index] = (line, True)
    return result


# An account's name: a few letters, no space, no punctuation (清河应急, 青岚县应急管理, 青岚融媒).
_ACCOUNT_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{2,16}")


def _account_over_title(marked: list[tuple[Line, bool]], posted: bool, rules: MetadataRules) -> list[tuple[Line, bool]]:
    """The name of the account a post was copied from, alone over its title with no post line that names it again
    (青岚县应急管理 / 在全县……会议上的讲话): the post's line, chrome.

    Only the text's first line, a name with no sentence in it, right over a title by its form (a slogan too, over
    its ——subtitle); and only where the name ends as an account's does (``account_ends``), or names an office
    (清河区融媒体中心) on a page that is a post by its other lines (阅读原文, 在看): a slogan over the title, a short
    title of its own, stays the text.
    """
    speech = [index for index, (_, apart) in enumerate(marked) if not apart]
    if len(speech) < 3 or speech[0] >= _HEAD_LINES:
        return marked
    first, below, after = (marked[index][0] for index in speech[:3])
    name = simplified(first.text).strip()
    if not _ACCOUNT_NAME.fullmatch(name) or _title_form(name, rules):
        return marked
    office = posted and signing_office([Text(first.number, name, fold(name))], rules) is not None
    if not _title_at([below, after], rules) or not (office or name.endswith(rules.account_ends)):
        return marked
    return [(line, apart or index == speech[0]) for index, (line, apart) in enumerate(marked)]


# One letter, a space, repeated: a printed document's 版头 set with its letters spaced apart, as a PDF's text or
# OCR copies it (清 岚 县 安 全 生 产 委 员 会 办 公 室, 安 委 办 文 件).
_SPACED_LETTERS = re.compile(r"^[\u4e00-\u9fff](?:[ \t\u3000]+[\u4e00-\u9fff]){3,}$")


def _spaced_letterhead(marked: list[tuple[Line, bool]], rules: MetadataRules) -> list[tuple[Line, bool]]:
    """Lines of letters spaced apart at the top, above the title, are the document's letterhead: chrome.

    Never the title: a line whose letters joined read as a title (在 全 县 … 讲 话) stays, and a spaced line is
    set apart only when a title follows it among the first lines, before the salutation, so that a speech whose
    only title is spaced apart (a slogan set so) keeps it.
    """
    spaced: list[int] = []
    for index, (line, is_chrome) in enumerate(marked[:_HEAD_LINES]):
        plain = simplified(line.text).strip()
        if is_chrome:
            continue
        letters = "".join(plain.split()) if _SPACED_LETTERS.match(plain) else None
        if letters and not _title_form(letters, rules):
            spaced.append(index)
        elif _title_form(letters or plain, rules):
            return [(piece, apart or at in spaced) for at, (piece, apart) in enumerate(marked)]
        elif rules.structure.salutation.match(plain):
            break
    return marked


def _letterhead_office(marked: list[tuple[Line, bool]], rules: MetadataRules) -> list[tuple[Line, bool]]:
    """An office's name over the document's 版头 lines (its 文号, 签发人：…), above the title, is the 版头's: a red-header
    document sets its issuing office there (青岚县安全生产委员会办公室 / 青安委办〔2024〕12号), not a line of the speech.

    Only a short line naming an office, standing right over the page's lines, and only above the title: under it
    (a byline) or under the speech (a signature) an office's name is the speech's.
    """
    for index, (line, is_chrome) in enumerate(marked[:_HEAD_LINES]):
        plain = fold(line.text).strip()
        if is_chrome:
            continue
        if _title_form(plain, rules) or rules.structure.salutation.match(plain):
            break
        following = marked[index + 1] if index + 1 < len(marked) else None
        if following and following[1] and _short_line(plain) and plain.endswith(rules.own_units):
            return [*marked[:index], (line, True), *marked[index + 1 :]]
    return marked


def _masthead_issue(marked: list[tuple[Line, bool]], rules: MetadataRules) -> list[tuple[Line, bool]]:
    """An office's name and a day on one line right under a 简报's masthead (安全生产工作简报 / 第6期), above the title, is
    the masthead's: the office that put out the issue and the issue's day (青岚县安全生产委员会办公室　2024年6月17日).

    Only above the title, under the masthead's lines: under the speech the same line is its signature, the speech's.
    """
    for index, (line, is_chrome) in enumerate(marked[:_HEAD_LINES]):
        plain = fold(line.text).strip()
        if is_chrome:
            continue
        if _title_form(plain, rules) or _is_salutation(line, rules.structure):
            break
        issued = _SIGNED_DATE.match(plain)
        office = plain[: issued.start("date")].strip() if issued else ""
        if index and marked[index - 1][1] and office.endswith(rules.own_units) and _short_line(office):
            return [*marked[:index], (line, True), *marked[index + 1 :]]
    return marked


def _redacted_name_under_office(marked: list[tuple[Line, bool]], rules: MetadataRules) -> list[tuple[Line, bool]]:
    """A line of redaction marks alone (***) right under a short line that is an office (县委常委、常务副县长), above
    the text, is the byline's redacted name, as a Word document centres the office over the name: not a rule drawn
    across the page, which is what *** alone reads as elsewhere."""
    for index, (line, is_chrome) in enumerate(marked[1:_HEAD_LINES], start=1):
        above, above_chrome = marked[index - 1]
        office = fold(above.text).strip()
        if (
            is_chrome
            and not above_chrome
            and line.text.strip()
            and set(line.text.strip()) <= set(rules.marks)
            and _short_line(office)
            and office.endswith(rules.office_suffixes)
        ):
            return [*marked[:index], (line, False), *marked[index + 1 :]]
    return marked


# A table of contents' entry: its words, then its page number set apart by spaces (前言　　　　1).
_CONTENTS_ENTRY = re.compile(r"^\S.{0,58}?(?:[ \t]{2,}|\u3000{2,})\d{1,3}$")


def _contents_entries(marked: list[tuple[Line, bool]]) -> list[tuple[Line, bool]]:
    """A line that ends with a page number set apart by spaces, between two of the page's lines, is an entry of the
    table of contents they are (目　录 / 前言　　　　1 / 一、……　　　　2): a heading's numbered entries match the
    table-of-contents rule alone, an entry with no number (前言, 结束语) only among them."""
    return [
        (line, True)
        if not is_chrome
        and 0 < index < len(marked) - 1
        and marked[index - 1][1]
        and marked[index + 1][1]
        and _CONTENTS_ENTRY.match(line.text)
        else (line, is_chrome)
        for index, (line, is_chrome) in enumerate(marked)
    ]


def _chrome_broken_over_lines(marked: list[tuple[Line, bool]]) -> list[tuple[Line, bool]]:
    """A line of chrome that the page's edge broke in the middle of its sentence (抄送：县委办公室，……，县纪委 /
    监委办公室，县人民法院。) goes on in the line under it: that line, ending the sentence, standing alone between it
    and more chrome (or the text's end), neither indented nor opening a paragraph, is the chrome's rest, not the
    speech's."""
    found = list(marked)
    for index in range(1, len(marked)):
        (above, above_chrome), (line, is_chrome) = marked[index - 1], marked[index]
        last = index + 1 == len(marked) or marked[index + 1][1]
        if (
            above_chrome
            and not is_chrome
            and last
            and stops_mid_sentence(above.text)
            and above.text.strip()[-1:] not in _UNFINISHED_NOT
            and line.text.strip()[-1:] in _SENTENCE_END
            and not line.indented
            and not opens_paragraph(line.text)
        ):
            found[index] = (line, True)
    return found


def _chrome_tail(marked: list[tuple[Line, bool]], of_text: set[int]) -> list[tuple[Line, bool]]:
    """Short lines after the speech that follow the page's chrome are chrome too: links under 相关推荐, 往期推荐.

    Past the speech's last sentence, once the page's chrome has begun, a line without a sentence is the
    page's list, not the leader's words: a speech does not resume after its web page. Lines between the last
    sentence and the chrome (谢谢大家！, a signature) stay the speech's. An editor's note on the text (indexes
    ``of_text``: （根据录音整理）) is no page's chrome, so the office signing the speech under it stays its own.
    """
    last_sentence = max(
        (i for i, (line, is_chrome) in enumerate(marked) if not is_chrome and not _short_line(line.text)), default=-1
    )
    first_chrome = next((i for i in range(last_sentence + 1, len(marked)) if marked[i][1] and i not in of_text), None)
    if first_chrome is None:
        return marked
    return marked[:first_chrome] + [(line, True) for line, _ in marked[first_chrome:]]


def _short_line(text: str) -> bool:
    """A line that could be a link's title: short, no clause in it (unless a bullet marks it as a list's entry:
    ▶ 清明祭扫，请文明用火), no heading, no date (a signature's)."""
    plain = simplified(text).strip()
    return (
        len(plain) <= _TAIL_LINE_MAX_CHARS
        and (plain[:1] in _LINK_BULLETS or not re.search("[，。；！？,;!?]", plain))
        and not heading_style(plain)
        and not _DATE_LINE.match(plain)
    )


_LINK_BULLETS = "▶►▸•●·■◆▪◇○→>"


_HEADER_MAX_CHARS = 40
_HEADER_MIN_REPEATS = 2


def _running_headers(lines: list[Line], rules: MetadataRules) -> set[int]:
    """Indexes of a PDF's running header or footer: a short line repeated on every page (the title, an office),
    also with the page's number in it (鹤川市应急管理局 第2页, where a footer's two parts make one line).

    When it is the title (of a title's form, or a slogan over its ——subtitle), its first time at the top of the
    text (a slogan's: its time over the subtitle) stays as the title; every other time, and every time an office's
    name or a document's, it is set apart.
    A header that names the speech in short (清岚县安全生产工作会议讲话, 县长讲话) above the title itself on the
    first page is no title: it is the title only when no other line among the first ones is of a title's form
    nor a slogan over its subtitle.

    A line of any form given twice before the speech's text begins, with no sentence between (a web page's title
    in its header and again over the byline, a PDF's cover and its first page), is the title given twice, not a
    header: a page break comes after a page of text. Under the same condition: no other title among the first lines.
    """
    seen: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if line.heading_level is None and _header_like(line.text, rules):  # a declared heading is the speech's
            seen.setdefault(_NUMBER.sub("#", _squash(line.text)), []).append(index)
    repeated: set[int] = set()
    for indexes in seen.values():
        if _pasted_again(lines, indexes, rules):
            continue
        if len(indexes) >= _HEADER_MIN_REPEATS and _same_but_the_page(lines[index].text for index in indexes):
            start = indexes[0]
            first = _title_form(lines[start].text, rules)
            named = first.group("title") if first else lines[start].text
            # A slogan over its subtitle, repeated on every page: the time over the subtitle is the title.
            over_subtitle = [i for i in indexes if i < _TITLE_LOOKAHEAD and _subtitle(lines[i + 1 : i + 2], rules)]
            is_title = start < _TITLE_LOOKAHEAD and (
                bool(over_subtitle)
                or (
                    (first is not None or _no_text_between(lines[start : indexes[-1] + 1], rules.structure))
                    and not _other_title(lines[:_TITLE_LOOKAHEAD], indexes, named, rules)
                )
            )
            kept = (over_subtitle or [start])[0] if is_title else None
            repeated.update(index for index in indexes if index != kept)
    return repeated


def _pasted_again(lines: list[Line], indexes: list[int], rules: MetadataRules) -> bool:
    """Whether the line repeated at ``indexes`` stands in a text pasted twice or more (a speech copied into the file
    again, title, byline and all): the same lines follow it each time, up to the first of the text's own, where a
    page's header is followed by the next page's text, another each time."""
    blocks = []
    for index in indexes:
        ahead = range(index + 1, min(index + 1 + _PASTED_LOOKAHEAD, len(lines)))
        end = next((at for at in ahead if not _header_like(lines[at].text, rules)), None)
        if end is None:  # short lines only, as page furniture is: no text of the speech to tell a copy by
            return False
        blocks.append([line.text for line in lines[index + 1 : end + 1]])
    return len(blocks) > 1 and all(block == blocks[0] for block in blocks[1:])


_PASTED_LOOKAHEAD = 6  # lines after a title to its text: a byline over two lines, a date line, a lead …


def _subtitle(lines: list[Line], rules: MetadataRules) -> bool:
    """Whether the one line of ``lines`` is a title's subtitle: ——在……会议上的讲话."""
    return any(simplified(line.text).startswith("——") and _title_form(line.text, rules) for line in lines)


def _no_text_between(lines: list[Line], structure: Structure) -> bool:
    """Whether no line of ``lines`` but the first and the last is the speech's text: a sentence, its salutation or
    a heading. A byline, a date and a page's publish line may stand between a title and its repeat."""
    return not any(
        re.search(f"[{_SENTENCE_END}]", plain) or heading_style(plain) or structure.salutation.match(plain)
        for plain in (simplified(line.text).strip() for line in lines[1:-1])
    )


def _other_title(head: list[Line], headers: list[int], title: str, rules: MetadataRules) -> bool:
    """Whether ``head`` holds another title than the header at indexes ``headers``, which names ``title``: a line
    of a title's form naming another title, or a slogan over its subtitle (——在……会议上的讲话 goes with the line
    above it, so it makes that line the title unless that line is the header itself)."""
    for index, line in enumerate(head):
        following = head[index + 1] if index + 1 < len(head) and index + 1 not in headers else None
        if _subtitle([line], rules):
            if index > 0 and index - 1 not in headers:
                return True
        elif (match := _title_form(line.text, rules)) and match.group("title") != title:
            return True
        elif index not in headers and following and _broken_title(line, following, rules):
            return True  # a PDF's title broken over two lines, neither of title form alone
    return False


def _broken_title(line: Line, following: Line, rules: MetadataRules) -> bool:
    """Whether ``line`` and the ``following`` one are a title broken over two lines (……会议上的 / 讲话), as
    :func:`_take_title` reads one."""
    return bool(
        _TITLE_BEGINS.match(simplified(line.text))
        and rules.structure.title_continues.match(simplified(following.text))
        and rules.structure.meeting_at not in following.text
        and _title_form(line.text + following.text, rules)
    )


def _header_like(text: str, rules: MetadataRules) -> bool:
    """A line that could be a running header or footer: short, no clause, no numbering marker.

    Shorter than an office's name, it must name a document (县长讲话, 领导讲话): a short line of other words
    repeated may be the speech's own. Its length is its words': the run of spaces that parts a header's two halves
    (``pdftotext -layout`` pads them to the page's edges, more or less on each page) counts as one.
    """
    plain = simplified(text)
    length = len(" ".join(text.split()))
    return (
        length <= _HEADER_MAX_CHARS
        and _HEADER_FORM.match(plain) is not None
        and (length >= _HEADER_MIN_CHARS or (length >= _SHORT_HEADER_MIN_CHARS and bool(rules.title_form.match(plain))))
    )


def _same_but_the_page(texts: Iterable[str]) -> bool:
    """Whether lines alike but for their numbers are one line repeated: the same, or differing in one number only
    that grows from each to the next, as a page's number does (not a table's rows: 1月 3起, 2月 5起)."""
    numbers = [[int(number) for number in _NUMBER.findall(text)] for text in texts]
    changing = {place for place, values in enumerate(zip(*numbers, strict=True)) if len(set(values)) > 1}
    if len(changing) != 1:
        return not changing
    [place] = changing
    return all(earlier[place] < later[place] for earlier, later in pairwise(numbers))


_NUMBER = re.compile(r"\d+")
# A header or footer names a document or an office: no clause in it, no numbering marker.
_HEADER_FORM = re.compile(r"^(?![一二三四五六七八九十]、|[（(])[^，。；：！？,;:!?]+$")
_HEADER_MIN_CHARS = 6
_SHORT_HEADER_MIN_CHARS = 4


@dataclass(frozen=True)
class _Title:
    text: str  # the title as a person gives it: no 第一篇： prefix, no （摘要） mark
    abridged: bool
    date: str | None = None  # a date among its decorations, as written: （2023）, （2023.3.15）


_LEAD_SENTENCES = 2
_TITLE_LOOKAHEAD = 6  # the title line stands among the first lines of a file, after a site's name or a subtitle
_FRONT_MAX_LINES = 4
_FRONT_MAX_CHARS = 40
_DATE_LINE = re.compile(r"^[（(]?\s*(?:\d(?:\s?\d){3}|[一二三四五六七八九〇零○]{4})\s*[年\-./][^。，；]{0,16}[）)]?$")
# A title broken over two lines (a PDF's): a first line of title words alone, and a second line that cannot
# start a title itself, as short as the one character a 22-point title printed from Word leaves (…会议上的讲 / 话).
_TITLE_BEGINS = re.compile(r"^[^，。！？；：\s]{4,30}$")


def _take_title(
    lines: list[Line], rules: MetadataRules, stated: str | None = None
) -> tuple[list[Line], list[Line], _Title | None]:
    """(lines before the title, the title's lines, the title) taken from the top of ``lines``.

    The line that is a title by its form wins wherever it stands in the first lines, after short lines
    that are no sentences (an article's other heading, a subtitle), and so does a title broken over two
    lines; otherwise a short, unpunctuated first line that is no heading nor salutation is the title, unless
    the file ``stated`` another title (a web page's: the first line is then a byline or the like).

    A document that carries the speech as its attachment (a 关于印发……讲话的通知 with its addressees, body, 附件说明,
    落款 and date) is the speech's front: the title is looked for from the attachment's label on; and so is a
    meeting's agenda set above the speech, from under the agenda on.
    """
    if start := _attached_speech(lines, rules) or _after_agenda(lines, rules):
        document, speech = lines[:start], lines[start:]
        before, title_lines, title = _take_title(speech, rules, stated)
        lines[:] = speech
        return document + before, title_lines, title
    sentences = 0  # an editorial lead may stand above the title (2025年2月27日，全市……会议召开。)
    for index, line in enumerate(lines[:_TITLE_LOOKAHEAD]):
        if index and not _front_like(lines[index - 1].text, rules):
            previous = simplified(lines[index - 1].text)
            sentences += 1
            if sentences > _LEAD_SENTENCES or rules.structure.salutation.match(previous) or heading_style(previous):
                break
        title_lines = [line]
        match = _title_form(line.text, rules)
        if match and sentences and not rules.structure.meeting_title.match(match.group("title")):
            break  # after a sentence, only a title that names its meeting is one
        following = lines[index + 1] if index + 1 < len(lines) else None
        # 王某某县长在……的讲话 on the second line is a title of its own, not the end of one.
        if not match and following and _broken_title(line, following, rules):
            match, title_lines = _title_form(line.text + following.text, rules), [line, following]
        if match:
            title = _formed_title("".join(part.text for part in title_lines), match, rules.abridged_marks)
            before = lines[:index]
            del lines[: index + len(title_lines)]
            return before, title_lines, title
    if len(lines) < 2:
        return [], [], None
    first = lines[0].text
    if len(first) > 50 or _TITLE_PUNCTUATION.search(first) or heading_style(first) or _DATE_LINE.match(first):
        return [], [], None
    if rules.structure.generic_title.match(simplified(first).strip()):
        return [lines.pop(0)], [], None  # 讲话稿 above the speech: a label, kept in its place
    if stated and _squash(first) != _squash(stated):
        return [], [], None
    # A declared heading (Word's Heading 1) is the title only when nothing else in the text is declared as high.
    level = lines[0].heading_level
    if level is not None and any(line.heading_level and line.heading_level <= level for line in lines[1:]):
        return [], [], None
    return [], [lines.pop(0)], _undecorated(first, rules)


def _attached_speech(lines: list[Line], rules: MetadataRules) -> int | None:
    """Where the speech a document carries as its attachment starts in ``lines``: the line after an attachment's
    label alone on its line (附件, 附件1: GB/T 9704 sets it over the attachment) that a title's form follows, among a
    notice's lines, before any salutation or heading (after them, an 附件 is what the speech attaches) but those
    that number the notice's list of attachments (附件：1.…, 2.…). None when there is none."""
    listed = False  # in the notice's 附件说明, whose numbered lines are no headings
    for index, line in enumerate(lines[:_NOTICE_MAX_LINES]):
        plain = fold(line.text).strip()
        if rules.attachment_label.fullmatch(plain) and _title_at(lines[index + 1 : index + 3], rules):
            return index + 1
        listed = bool(rules.attachment.fullmatch(plain)) or (listed and _heading_line(line))
        if rules.structure.salutation.match(simplified(line.text).strip()) or (_heading_line(line) and not listed):
            return None
    return None


_NOTICE_MAX_LINES = 16  # a 印发通知: its title, addressees, a paragraph or two, the 附件说明, 落款 and date


def _after_agenda(lines: list[Line], rules: MetadataRules) -> int | None:
    """Where the speech starts under a meeting's agenda set above it: at the first title by its form after the
    agenda's label (会议议程 alone on its line, among the first lines), whose numbered items (一、通报…, 三、县长
    王某某讲话) are the meeting's, not the speech's parts. None when no agenda stands above a title, or a salutation
    comes first: an agenda in the speech is its text."""
    for index, line in enumerate(lines[:_TITLE_LOOKAHEAD]):
        if rules.structure.salutation.match(simplified(line.text).strip()):
            return None
        if rules.agenda_label.fullmatch(fold(line.text).strip()):
            for after in range(index + 1, min(len(lines), index + 1 + _AGENDA_MAX_LINES)):
                if rules.structure.salutation.match(simplified(lines[after].text).strip()):
                    return None
                if _title_at(lines[after : after + 2], rules):
                    return after
            return None
    return None


_AGENDA_MAX_LINES = 16  # an agenda's items, its host, time and place


def _title_at(lines: list[Line], rules: MetadataRules) -> bool:
    """Whether ``lines`` start with a title by its form: on one line, broken over two, or a slogan over its
    ——subtitle."""
    if not lines:
        return False
    if _title_form(lines[0].text, rules) or _subtitle(lines[1:2], rules):
        return True
    first, *rest = (simplified(line.text) for line in lines[:2])
    return bool(
        rest
        and _TITLE_BEGINS.match(first)
        and rules.structure.title_continues.match(rest[0])
        and _title_form(first + rest[0], rules)
    )


def _formed_title(text: str, match: re.Match[str], abridged_marks: tuple[str, ...]) -> _Title:
    """The title a line of a title's form (``match``, of metadata.yml's title form on ``text``) gives: its
    decorations off; abridged when its mark is one of ``abridged_marks`` (（摘要）)."""
    start, end = match.span("title")
    abridged = any(word in (match.group("mark") or "") for word in abridged_marks)
    date_start, date_end = match.span("date")
    return _Title(text[start:end], abridged, text[date_start:date_end] if date_start >= 0 else None)


def _undecorated(text: str, rules: MetadataRules) -> _Title:
    """The title as a person gives it, from a line of the text or a page's stated title alike: one of a title's form
    loses the form's decorations (第一篇：, （摘要）, _清岚县人民政府, 重磅｜, （全文）); any other only the labels a
    page sets around a title (metadata.yml's title_labels), as its words have no form to tell them by."""
    text = text.strip()
    if match := _title_form(text, rules):
        return _formed_title(text, match, rules.abridged_marks)
    labelled = rules.title_labels.fullmatch(fold(text))  # folded text is as long as the text: its spans are the text's
    return _Title(text[slice(*labelled.span("title"))] if labelled else text, False)


def _speech_starts(lines: list[Line], rules: MetadataRules) -> list[int]:
    """Where each speech after the first starts in a file that holds several, as indexes of ``lines``.

    A speech starts at a title followed within a few lines by its salutation (under a byline or a date line), as
    when two speeches are pasted into one file; a 范文 page numbers them (第一篇：…, 第二篇：…), and a title so
    numbered in sequence starts one with or without a salutation. A title's form alone is not enough: a host's
    words say 下面请县长讲话 on a line of their own, a speech quotes a title in a sentence. A start needs a speech
    before it (:func:`_a_speech`), not just a page's heading, a title or an editorial lead; one line split in pieces (a whole page on
    one line) is never split between its pieces, whose line numbers are one; and the text under the title must not
    go on with the outline above it (:class:`_Outline`: a speech read out in another).
    """
    starts: list[int] = []
    numbered = 0  # the 第N篇 seen last
    outline = _Outline(lines)
    for index, line in enumerate(lines):
        outline.reach(index)
        match = _title_form(line.text, rules)
        if not match:
            continue
        number = _compilation_number(match.group("prefix") or "", rules.structure)
        in_sequence = number is not None and number == numbered + 1
        numbered = number if in_sequence and number is not None else numbered
        following = lines[index + 1 : index + 1 + _SECOND_SALUTATION_WITHIN]
        saluted = any(rules.structure.salutation.match(simplified(after.text).strip()) for after in following)
        start = _with_title_head(lines, index, rules)
        since = starts[-1] if starts else 0
        if (
            (saluted or (in_sequence and numbered > 1))
            and start > since
            and lines[start].number > lines[start - 1].number
            and _a_speech(lines[since:start], rules)
            and not outline.goes_on(since, start)
        ):
            starts.append(start)
    return starts


class _Outline:
    """The numbered headings of a file's lines, read once: whether the text under a title goes on with the
    outline above it (二、 under a title, after 一、 above it). A speech read out in another (the provincial leader's
    speech a relay quotes under its title and 同志们：, in its part 一、) is followed by the next part of the speech
    that quotes it; a speech of its own numbers its parts from 一、, or not at all."""

    def __init__(self, lines: list[Line]) -> None:
        self._headings = [_numbered(line) for line in lines]
        self._next: list[int | None] = []  # the index of the first heading at or after each line
        following: int | None = None
        for index in reversed(range(len(lines))):
            following = index if self._headings[index] else following
            self._next.append(following)
        self._next.reverse()
        self._last: dict[str, tuple[int, int]] = {}  # style → (index, number) of its last heading before reach()

    def reach(self, index: int) -> None:
        """Read on to line ``index`` (called with each index in order)."""
        if index and (heading := self._headings[index - 1]):
            self._last[heading[0]] = (index - 1, heading[1])

    def goes_on(self, since: int, start: int) -> bool:
        """Whether the first heading from line ``start`` on is numbered next after one of its style between ``since``
        and ``start``, which ``reach()`` has read on to."""
        after = self._next[start]
        heading = self._headings[after] if after is not None else None
        if heading is None or heading[1] == 1:
            return False
        before = self._last.get(heading[0])
        return before is not None and before[0] >= since and before[1] == heading[1] - 1


def _numbered(line: Line) -> tuple[str, int] | None:
    found = heading_style(simplified(line.text))
    return (found[0], cn_number(number_word(found[1]))) if found else None


_SECOND_SALUTATION_WITHIN = 4  # lines: a byline, a date line, a note under the title


def _compilation_number(prefix: str, structure: Structure) -> int | None:
    """The number a 范文 page gives a title (第二篇： → 2, 篇3 → 3), None when it gives none."""
    match = structure.compilation_number.match(prefix.strip())
    if match is None:
        return None
    written = next(group for group in match.groups() if group)
    return cn_number(written)


def _with_title_head(lines: list[Line], index: int, rules: MetadataRules) -> int:
    """Where a speech whose title is ``lines[index]`` starts: at its title, or at the line above that the title
    goes on from (a title broken over two lines) or that numbers it (第二篇 alone on its line)."""
    if index == 0:
        return index
    above, title = simplified(lines[index - 1].text).strip(), simplified(lines[index].text).strip()
    if rules.structure.compilation_label.match(above):
        return index - 1
    continues = rules.structure.title_continues.match(title)
    broken = _TITLE_BEGINS.match(above) and continues and _title_form(above + title, rules)
    return index - 1 if broken and not _title_form(above, rules) else index


def _a_speech(lines: list[Line], rules: MetadataRules) -> bool:
    """Whether ``lines`` hold a speech's text, not only a page's head: a salutation, or more lines of text than
    an editorial lead above a title has (2025年2月27日，全市……会议召开。会上，县长陈某某作重要讲话。) unless they
    are one, however long, by their label or their last words (编者按：…, …现将讲话全文刊发如下。)."""
    plain = [simplified(line.text).strip() for line in lines]
    if any(rules.structure.salutation.match(text) for text in plain):
        return True
    text = [line for line in plain if not _front_like(line, rules)]
    if len(text) <= _LEAD_SENTENCES:
        return False
    lead = rules.structure.editors_label.match(text[0]) or rules.structure.announces.search(plain[-1])
    # Still a speech under a title of its own below the lead (a 范文 page's 编者按 over its 第一篇：…).
    return not lead or any(_title_form(line, rules) for line in plain[plain.index(text[0]) + 1 :])


def _title_form(text: str, rules: MetadataRules) -> re.Match[str] | None:
    """``text`` matched as a title by its ``form`` (metadata.yml's title form): None for a heading, a host's line
    or a generic label."""
    plain = simplified(text)
    if heading_style(plain) or any(line.search(plain) for line in rules.structure.host_lines):
        return None
    match = rules.title_form.match(plain)
    return None if match is None or rules.structure.generic_title.match(match.group("title")) else match


def _front_like(text: str, rules: MetadataRules) -> bool:
    """Short and no sentence: a line that may stand above or below a title (subtitle, byline, date)."""
    plain = simplified(text)
    return (
        len(plain) <= _FRONT_MAX_CHARS
        and not re.search(f"[{_SENTENCE_END}]", plain)
        and not heading_style(plain)
        and not rules.structure.salutation.match(plain)
    )


def _between_tables(lines: list[Line], tables: tuple[SourceTable, ...]) -> list[list[Line]]:
    """``lines`` cut where tables stand: a paragraph hard-wrapped around a table is not joined across it."""
    cuts = sorted(table.line for table in tables)
    pieces: list[list[Line]] = [[]]
    for line in lines:
        while cuts and cuts[0] < line.number:
            cuts.pop(0)
            pieces.append([])
        pieces[-1].append(line)
    return pieces


def _beside_tables(lines: list[Line], tables: tuple[SourceTable, ...]) -> tuple[int, int]:
    """How many of ``lines`` stand above the first table, and how many below the last (all of them: none)."""
    if not tables:
        return len(lines), len(lines)
    first, last = min(table.line for table in tables), max(table.line for table in tables)
    return sum(line.number < first for line in lines), sum(line.number > last for line in lines)


def _take_front(lines: list[Line], rules: MetadataRules) -> list[Line]:
    """Bylines, date lines and subtitles under the title, up to the salutation or the first sentence."""
    taken: list[Line] = []
    while (
        lines
        and len(taken) < _FRONT_MAX_LINES
        and len(lines) > 1
        and lines[0].heading_level is None
        and _front_like(lines[0].text, rules)
        and not _salutation_starts(lines, rules.structure)
    ):
        taken.append(lines.pop(0))
    return taken


def _take_lead(lines: list[Line], rules: MetadataRules) -> list[Line]:
    """An editor's lead between the title's lines and the salutation (2024年3月8日，区政府召开……会议，区长何某某出席
    会议并讲话。以下为讲话全文。 over 同志们：): it stands above the speech it introduces, so the salutation under it
    still opens the speech, and the lead is shown over it as the title's lines are. A news page's picture of the
    meeting among the lead's lines (its mark, ［图片］) is none of its sentences."""
    count = sentences = 0
    for index, line in enumerate(lines):
        if _is_salutation(line, rules.structure) or _salutation_starts(lines[index:], rules.structure):
            count = index
            break
        sentences += not is_picture_mark(line.text)
        if sentences > _LEAD_SENTENCES:
            break
    if not count or any(_heading_line(line) for line in lines[:count]):
        return []
    lead = lines[:count]
    del lines[:count]
    return lead


def _dated_front(lines: list[Line], rules: MetadataRules) -> bool:
    """Whether ``lines`` open with a date line and the front lines under it up to the salutation, as a copy that
    left its title out has them (（2024年3月5日）/ 王某某 / 同志们：): they are the lines a title stands over."""
    plain = fold(lines[0].text).strip(" （）()〔〕［］") if lines else ""
    if not rules.dates.fullmatch(plain):
        return False
    count = next((index for index, line in enumerate(lines) if not _front_like(line.text, rules)), len(lines))
    salutation = rules.structure.salutation
    return count <= _FRONT_MAX_LINES and count < len(lines) and bool(salutation.match(simplified(lines[count].text)))


def _take_salutation(lines: list[Line], rules: MetadataRules) -> Line | None:
    """``同志们：`` when it opens the speech; after another line it stays in place, as taking it would reorder the text."""
    if _salutation_starts(lines, rules.structure):
        return joined_lines(lines.pop(0), lines.pop(0))
    if lines and not heading_style(lines[0].text) and rules.structure.salutation.match(simplified(lines[0].text)):
        return lines.pop(0)
    return None


def _salutation_starts(lines: list[Line], structure: Structure) -> bool:
    """Whether ``lines`` open with a salutation broken over two lines (``尊敬的各位领导，`` / ``各位来宾，同志们：``): the
    first would be one with a colon for its comma, and the second is one, so the two address one audience."""
    if len(lines) < 2 or _heading_line(lines[0]):
        return False
    first = simplified(lines[0].text).strip()
    addressed = bool(structure.salutation.match(first[:-1] + "："))
    return first[-1:] in ("，", ",", "、") and addressed and _is_salutation(lines[1], structure)


def _take_ending(
    lines: list[Line], salutation: Line | None, rules: MetadataRules, *, after_body: bool = False
) -> list[Line]:
    """Short lines after the speech's last paragraph: 谢谢大家！, a signature, a date line, an editor's note on who
    wrote or gave the text (（作者系青岚县人民政府县长）), which signs it as a signature does, however long.

    Taken only when they follow a closing (``同志们，…``) or hold a date, so that a short last paragraph
    of the speech stays where it is; but a line of ``thanks`` (谢谢大家！, 我的发言完毕，谢谢！) is no paragraph of
    the speech, so it and the short lines under it are taken after any paragraph. ``after_body``: ``lines``
    follow the speech's body (a table), so they need not keep a paragraph of it besides the one the ending
    follows.
    """
    thanks = rules.thanks
    count = 0
    while (
        count < _ENDING_MAX_LINES
        and len(lines) > count + (1 if after_body else 2)
        and lines[-1 - count].heading_level is None
        and (
            _ending_like(lines[-1 - count].text)
            or _said_to_end(fold(lines[-1 - count].text).strip(), rules)
            or rules.author_note.fullmatch(fold(lines[-1 - count].text).strip())
        )
    ):
        count += 1
    ending = lines[len(lines) - count :]
    last = len(lines) - 1 - count  # the paragraph the ending follows: a closing, or the one under its address
    # A paragraph whose last sentence thanks the audience (……祝大家新春愉快！谢谢！) ends the speech as a closing does.
    closes = count and (
        _closes(lines[last], salutation, rules.structure)
        or (last > 0 and _addresses_again(lines, last - 1, salutation, rules))
        or _ends_with_thanks(fold(lines[last].text).strip(), thanks)
    )
    if not (
        closes
        or any(
            _date_line(plain, rules.lunar_date) or _SIGNED_DATE.match(plain)
            for plain in (simplified(line.text) for line in ending)
        )
    ):
        thanked = next((i for i, line in enumerate(ending) if _said_to_end(fold(line.text).strip(), rules)), None)
        if thanked is None:
            return []
        ending = ending[thanked:]
    del lines[len(lines) - len(ending) :]
    return ending


_ENDING_MAX_LINES = 3
# The last sentence's end, wide space (two spaces, or a full-width one) and a signature with no sentence in it.
_SIGNED_AFTER = re.compile(
    r"[。！？!?](?P<space>\u3000+|\s{2,})(?P<signature>[^，。；：！？,;:!?\s][^，。；：！？,;:!?]{1,29})$"
)


def _signed_after_thanks(lines: list[Line], thanks: re.Pattern[str]) -> list[Line]:
    """``lines`` with a signature set apart from the thanks it was copied onto (……祝大家新春愉快！谢谢！　　清溪县人民
    政府): a Word page that lost its line breaks keeps the signature right of the last line, spaced apart; it is the
    ending's line of its own, as it is on paper."""
    last = lines[-1] if lines else None
    signed = _SIGNED_AFTER.search(last.text) if last else None
    if not last or not signed or not _ends_with_thanks(fold(last.text[: signed.start("space")]).strip(), thanks):
        return lines
    said = replace(last, text=last.text[: signed.start("space")])
    return [*lines[:-1], said, Line(last.number, signed.group("signature").strip(), pages=last.pages)]


# A signature and its date on one line: 青川县安全生产委员会办公室　2023年5月8日, and an office and a name spaced
# apart as a two-line signature sets them (县长　张永明　2023年3月15日, 县长　王　某　…), each part without punctuation.
# A scan's seal, read into the line as a bracketed word (青岚县人民政府（印章）2024年5月28日), parts them as a space
# does, before a date with its month.
_SIGNED_DATE = re.compile(
    r"^[^，。；：,;:\s]{2,30}(?:\s+[^，。；：,;:\s]{1,12}){0,3}"
    r"(?:\s+|(?<=[^（(\s]{2}[）)])(?=\S{4}\s*年[^。，；\s]{1,4}月))(?P<date>(?:\d{4}|[一二三四五六七八九〇零○]{4})\s*年[^。，；\s]{0,12}|\d{4}[-./]\d{1,2}[-./]\d{1,2})$"
)
_ENDING_MAX_CHARS = 20


def _date_line(plain: str, lunar: re.Pattern[str]) -> bool:
    """A date line: a Gregorian date or year, or a 农历 day, its year written by its 干支 name too (甲辰年腊月二十三)."""
    return bool(_DATE_LINE.match(plain) or lunar.fullmatch(fold(plain).strip().strip("（）()")))


def _ending_date(line: Line, lunar: re.Pattern[str]) -> Line | None:
    """A date line under the speech, or the date of a signature beside it, as a line of its own."""
    plain = simplified(line.text)
    if _date_line(plain, lunar):
        return line
    signed = _SIGNED_DATE.match(plain)
    return Line(line.number, line.text[signed.start("date") :]) if signed else None


def _undated(line: Line) -> Line:
    """A signature without the date beside it."""
    signed = _SIGNED_DATE.match(simplified(line.text))
    return Line(line.number, line.text[: signed.start("date")].rstrip()) if signed else line


def _signers(ending: list[Line], lunar: re.Pattern[str]) -> list[Line]:
    """The lines of the ending signed right over the speech's date (张某某 over 2023年3月15日), or beside it
    (张某某　2023年3月15日, without the date): the signature that may name who spoke."""
    plain = [simplified(line.text) for line in ending]
    return [
        _undated(line)
        for index, line in enumerate(ending)
        if _SIGNED_DATE.match(plain[index])
        or (index + 1 < len(ending) and not _date_line(plain[index], lunar) and _date_line(plain[index + 1], lunar))
    ]


def _ending_like(text: str) -> bool:
    plain = simplified(text)
    return bool(_DATE_LINE.match(plain) or _SIGNED_DATE.match(plain)) or (
        len(plain) <= _ENDING_MAX_CHARS and not re.search("[，,；;：:]", plain) and not heading_style(plain)
    )


def _take_closing(
    lines: list[Line], salutation: Line | None, rules: MetadataRules, *, after_body: bool = False
) -> tuple[Line | None, list[Line]]:
    """The closing paragraph (``同志们，…``) and the paragraphs after it, which close the speech with it.

    A speech may say a few more sentences after it addresses the audience again (``下个月，我还要带队检查。``,
    ``好，我就讲这些。``), and more lines of them where each is one sentence: the closing is looked for among the
    last lines, over paragraphs only (a heading, a numbered line or an item after it means it is a paragraph of the
    last part). The first line is kept as
    the body unless ``lines`` follow the body (a table): then every one of them may close it.

    The audience may be addressed again on a line of its own (``同志们：``) over the closing paragraph: the two are
    the closing, joined as one paragraph as the salutation's line is the opening's.
    """
    for back in range(1, min(_CLOSING_REACH_SENTENCES, len(lines) - (0 if after_body else 1)) + 1):
        line = lines[-back]
        if back > 1 and _heading_line(line):
            break
        if back > _CLOSING_REACH and any(len(_sentences(after.text)) > 1 for after in lines[1 - back :]):
            break
        start = len(lines) - back
        if _closes(line, salutation, rules.structure):
            after = lines[start + 1 :]
            del lines[start:]
            return line, after
        if _addresses_again(lines, start, salutation, rules):
            closing, after = joined_lines(line, lines[start + 1]), lines[start + 2 :]
            del lines[start:]
            return closing, after
    return None, []


_CLOSING_REACH = 4  # the closing and at most three paragraphs after it
# A text set a sentence a line (a WeChat post) gives its closing's call a line a sentence: seven such lines after it.
_CLOSING_REACH_SENTENCES = 8


def _closing_paragraphs(
    line: Line, context: _Context, call: re.Pattern[str]
) -> tuple[Paragraph, tuple[Paragraph, ...]]:
    """The closing paragraph, the items it runs on and the call it ends with: ``同志们，……。一要…；二要…；三要…。``
    is the audience addressed again, then what is asked of it item by item, each item a paragraph of its own as in
    the body; a sentence after the last item that opens a ``call`` (让我们…，为…作出新的更大贡献！) is said to
    everyone, the closing's own last words, a paragraph after the items."""
    text = line.text
    starts = _item_starts([text], context.structure)[0]
    called = call.search(fold(text), max(starts)) if starts else None
    said = called.end() if called else len(text)
    first, *items = _enumerated([(line.number, text[:said])], context)
    last_words = [_paragraph(text[said:], line.number, context)] if said < len(text) else []
    return first, (*items, *last_words)


def _closing_call(closing: Line | None, after: list[Line], rules: MetadataRules) -> tuple[Line | None, list[Line]]:
    """The closing with the sentences said after it (让我们……, 为……作出新的更大贡献！, 好，我就讲这些。), joined as
    one paragraph, and the formulas that end the meeting under them (谢谢！, 散会！), which are the ending's.

    What the speaker says after addressing the audience again is still the speech: the call that closes it, set a
    sentence a line in a WeChat post. Only thanks and adjournment close it as a formula a signature could follow.
    """
    said = len(after)
    while said and _formula(after[said - 1], rules):
        said -= 1
    if closing is None:
        return None, after
    for line in after[:said]:
        closing = joined_lines(closing, line)
    return closing, after[said:]


def _formula(line: Line, rules: MetadataRules) -> bool:
    """Thanks (我的发言完毕，谢谢大家！, its last clause), a declaration (现在，我宣布：…活动正式启动！), an
    adjournment, or a short line with no sentence in it (a signature past the ending's lines)."""
    plain = fold(line.text).strip()
    if _said_to_end(plain, rules) or rules.adjourned.fullmatch(plain):
        return True
    return _ending_like(line.text) and not re.search("[。！？!?…]", plain)


def _said_to_end(plain: str, rules: MetadataRules) -> bool:
    """Whether the folded, stripped line ``plain`` is a formula the speaker ends with, wherever it stands after the
    speech: thanks (谢谢大家！), or the ceremony's business declared done (现在，我宣布：…活动正式启动！), which is no
    sentence of the speech as 散会！ is none."""
    return _thanks_line(plain, rules.thanks) or bool(rules.declared.fullmatch(plain))


def _thanks_line(plain: str, thanks: re.Pattern[str]) -> bool:
    """Whether the folded, stripped line ``plain`` is thanks, or a short line whose last clause is
    (我的发言完毕，谢谢！): a formula ending the speech, no paragraph of it."""
    return bool(thanks.fullmatch(plain)) or (
        len(plain) <= _ENDING_MAX_CHARS
        and any(thanks.fullmatch(plain[start + 1 :]) for start, char in enumerate(plain) if char in "，,")
    )


def _closes(line: Line, salutation: Line | None, structure: Structure) -> bool:
    """Whether ``line`` addresses the audience again (``同志们，…``): the speech's closing paragraph.

    With a salutation, the closing calls on any of the people it named (各位领导、同志们： → 同志们，…).
    """
    text = simplified(line.text)
    if structure.vocative.match(text):
        return True
    if not salutation:
        return False
    return any(
        part and text.startswith(part) and text[len(part) : len(part) + 1] in "，,！!、"
        for part in _addressed(salutation, structure)
    )


def _addresses_again(lines: list[Line], index: int, salutation: Line | None, rules: MetadataRules) -> bool:
    """Whether ``lines[index]`` is a salutation's line (``同志们：``) that calls on the audience the speech opened
    with once more, over a paragraph of the speech: the start of its closing.

    The first such line of a speech is its opening, not its closing: without the ``salutation`` taken from above
    the text, one must stand before ``lines[index]`` (kept in place after a lead), and it names the audience.
    A speech that opened with no address at all may still close with one: a line under more of the speech than a
    lead has (:func:`_a_speech`) and past half its text, counted in characters, is no opening, which stands above
    the speech it opens, after at most a lead.
    """
    line, following = lines[index], lines[index + 1 : index + 2]
    structure = rules.structure
    if not following or _heading_line(following[0]) or not _is_salutation(line, structure):
        return False
    opening = salutation or next((earlier for earlier in lines[:index] if _is_salutation(earlier, structure)), None)
    if opening is None:
        return _a_speech(lines[:index], rules) and _past_half(lines, index)
    return set(_addressed(line, structure)) <= set(_addressed(opening, structure))


def _past_half(lines: list[Line], index: int) -> bool:
    """Whether more of the text of ``lines``, counted in characters, stands before ``lines[index]`` than after it."""
    before = sum(len(line.text) for line in lines[:index])
    return before > sum(len(line.text) for line in lines[index + 1 :])


def _addressed(salutation: Line, structure: Structure) -> list[str]:
    """The people a salutation calls on, each as a closing may call on them again (各位领导、同志们： → 各位领导,
    同志们; 尊敬的各位来宾： → 各位来宾)."""
    return [
        _without_adjectives(part.strip(), structure.address_adjectives)
        for part in re.split("[、，,]", simplified(salutation.text).rstrip("：:"))
    ]


def _without_adjectives(part: str, adjectives: tuple[str, ...]) -> str:
    for adjective in adjectives:
        part = part.removeprefix(adjective)
    return part


def _is_salutation(line: Line, structure: Structure) -> bool:
    """A line that is only an address (同志们：, 各位领导、同志们：), not a heading ending in a colon."""
    return not _heading_line(line) and bool(structure.salutation.match(simplified(line.text).strip()))


def _heading_line(line: Line) -> bool:
    """A heading by its numbering, or one the file declares (Word's Heading style)."""
    return line.heading_level is not None or bool(heading_style(simplified(line.text)))


def _incompleteness(truncation: _Truncation | None, last: Line | None) -> tuple[int, str] | None:
    """(line, the words that show it) when the text is known to be cut off: a truncation notice, or a
    last sentence left unfinished."""
    if truncation:
        return truncation.line, truncation.notice
    if last and len(last.text) >= _CUT_PARAGRAPH_MIN and _UNFINISHED.search(last.text):
        return last.number, f"…{last.text[-12:]}"
    return None


# A paragraph cut off by a paywall or a preview ends in a Chinese character or mid-clause. A short last line
# without a full stop is a closing formula or a signature (谢谢大家, 县安委办), not a cut.
_CUT_PARAGRAPH_MIN = 20
_UNFINISHED = re.compile(r"[\u4e00-\u9fff，、；：,;:（(“]$")


def _choose_title(
    source: Source,
    stated: _Title | None,
    title: _Title | None,
    opening: list[Line],
    body: tuple[Block, ...],
    level: str | None,
    rules: MetadataRules,
) -> tuple[str, str]:
    """The speech's title and where it comes from: a sidecar's, else the page's stated title, else the text's title
    line, else one derived from the content. A page's title wins over a line the text is only guessed to open
    with, but where the text has a title line the page's title holds (县长王某某在…的讲话 holds 在…的讲话), the page
    states that title, as its account decorates it: the text's line is the title as written. A page's title of no
    title's form yields to a text's title line of one: it names the site (a site that gives every page its name)."""
    if source.metadata.title:
        return source.metadata.title, "sidecar"
    if stated:
        held = title and _title_form(title.text, rules) and _squash(title.text) in _squash(stated.text)
        # A page's title of no title's form over a text that opens with a title of one (青岚县人民政府, the site's
        # name a site gives every page as its <title>, over 在全县…会议上的讲话) names the site, not the speech.
        if title and _title_form(title.text, rules) and not held and not _title_form(stated.text, rules):
            return title.text, "text"
        return (title.text if title and held else stated.text), "page"
    if title:
        return title.text, "text"
    # A Word document may hold nothing but a table: its cells are then what the title is derived from.
    cells = [line for table in source.tables for line in table.lines()]
    return _derive_title(opening or list(source.lines) or cells, body, level, rules.structure), "derived"


def _derive_title(lines: list[Line], body: tuple[Block, ...], level: str | None, structure: Structure) -> str:
    """A title from the content itself: the meeting it was given at, else its first theme.

    After a televised meeting the speaker relays (收听收看了全省……会议), the speech is given at the
    speaker's own meeting: 在全县收听收看……会议后的讲话, with the scope of the speech's level.
    """
    opening = simplified("".join(line.text for line in lines[:3]))
    if match := structure.meeting_held.search(opening):
        meeting = match.group("meeting")
        if match.group("verb") in structure.relayed_verbs:
            return structure.relayed_title.format(scope=LEVEL_SCOPES.get(level or "", ""), meeting=meeting)
        return structure.derived_title.format(meeting=meeting)
    for block in body:
        if isinstance(block, Section) and block.number and (theme := _theme(block.heading, block.number)):
            return theme
    first = lines[0].text
    sentence = re.split(f"[{_SENTENCE_END}]", first, maxsplit=1)[0] or first  # "。。。" is a line, not a sentence
    return sentence if len(sentence) <= 30 else sentence[:30] + "…"


def _theme(heading: str, number: str) -> str:
    """A numbered heading's words: without the bold or brackets around it, its number and its full stop
    (【一、提高政治站位】 → 提高政治站位)."""
    heading = MARKDOWN_HEADING.sub("", heading, count=1)
    for opener, closer in DECORATIONS.items():
        if heading.startswith(opener) and not heading.startswith(number):  # 【一】 is a number, not brackets around
            heading = heading.removeprefix(opener).removesuffix(closer)
            break
    # The marker as written, which may hold spaces its number has not (第一　抓好隐患排查, 一 、认清形势).
    found = heading_style(heading)
    return (heading[found[1].end() :] if found else heading.removeprefix(number)).lstrip().rstrip("。")


# --- headings ---------------------------------------------------------------------------------


def _split_heading(text: str, style: str, marker: str, structure: Structure) -> tuple[str, str] | None:
    """Split a numbered line into (heading, rest); None when it reads as a paragraph.

    A part or section heading run into its paragraph with no punctuation between
    (``一、充分肯定成效2022年，在……``) is cut where the paragraph starts.
    """
    end = _first_sentence_end(text, marker)
    # 一、宣读活动方案； under 共有四项议程：: an entry of the list a sentence above opens, which runs on to its
    # next entry; a heading never ends in a semicolon.
    if end is None and text.rstrip().endswith(_LIST_ENTRY_ENDS):
        return None
    # 首先，…/一要…, and 第一　抓好隐患排查 with a space for its comma: a heading only as a short line of its own with
    # no sentence in it, never a sentence's start (第一 季度全县共发生事故3起。).
    if style in _OWN_LINE_STYLES or marker[-1].isspace():
        return (text, "") if end is None and len(text) <= HEADING_MAX_CHARS else None
    if end is not None and end + 1 <= HEADING_MAX_CHARS:
        stop = _after_sentence(text, end, marker)
        return text[:stop], text[stop:]
    if end is None and len(text) <= _UNPUNCTUATED_HEADING_MAX:
        return text, ""
    if style in _RUN_IN_STYLES and (cut := _run_in_end(text, len(marker), style == "cn-dun", structure)):
        return text[:cut].rstrip(), text[cut:].lstrip()  # the space that parts them (…问题　一是…) parts lines
    return None


def _first_sentence_end(text: str, marker: str) -> int | None:
    """The index of the sign that ends the first sentence of ``text``, a line ``marker`` numbers: 。！？, or an ASCII
    full stop after a Chinese character or a closing quote, where a PDF's text layer gives it for 。
    (（一）严格准入管理.要……); never a number's point (33.3%) nor a marker's (1., 一.)."""
    found = _SENTENCE_STOP.search(text, len(marker))
    return found.start() if found else None


_SENTENCE_STOP = re.compile(rf"[{_SENTENCE_END}]|(?<=[\u4e00-\u9fff”’\"')）])\.(?![\d.])")


def _after_sentence(text: str, end: int, marker: str) -> int:
    """Where a heading whose sentence ends at ``end`` ends: **（一）严格源头管控。**对……: the bold closes with it."""
    closing = closing_decoration(marker)
    return end + 1 + (len(closing) if closing and text.startswith(closing, end + 1) else 0)


def _lead_sentence(text: str, style: str) -> tuple[str, str] | None:
    """A numbered line read as a heading because the other entries of its run are: its first sentence, up to a
    length no paragraph's lead is read at, and the rest run in; None when it has none to head it with."""
    marker = heading_style(text)
    end = _first_sentence_end(text, marker[1].group(0) if marker else "")
    # 首先，…/一要…/第一　… are headings only as lines with no sentence in them (see _split_heading).
    if marker is None or style in _OWN_LINE_STYLES or marker[1].group(0)[-1].isspace():
        return None
    if end is None:  # a heading with no full stop, as its siblings have none; never a list's entry (…；)
        unpunctuated = len(text) <= _LEAD_MAX_CHARS and not text.rstrip().endswith(_LIST_ENTRY_ENDS)
        return (text, "") if unpunctuated else None
    if end + 1 > _LEAD_MAX_CHARS:
        return None
    cut = _after_sentence(text, end, marker[1].group(0))
    return text[:cut], text[cut:]


# A lead sentence a run's other headings vouch for: longer than a heading read alone may be, not a paragraph's.
_LEAD_MAX_CHARS = 2 * HEADING_MAX_CHARS
_LIST_ENTRY_ENDS = ("；", ";")
_RUN_IN_STYLES = ("cn-dun", "cn-paren")
_OWN_LINE_STYLES = ("sequence", "cn-yao")
_RUN_IN_MIN = 4  # characters of a heading after its marker
_RUN_IN_FALLBACK = 20
_CLAUSE_END = re.compile(r"[，,；;：:]")


def _run_in_end(text: str, marker_length: int, guess: bool, structure: Structure) -> int | None:
    """Where a heading with no punctuation of its own ends in ``text``.

    A paragraph whose items run from 一是 (or 一要) to 二是 starts at its first item. When the start of the
    paragraph cannot be told, a part heading (``一、``, which is nearly always a heading) is cut at its first
    clause or at a sensible length, and a section marker reads as a numbered paragraph (None).
    """
    earliest, latest = marker_length + _RUN_IN_MIN, HEADING_MAX_CHARS
    starts = [
        item.start()
        for item in structure.first_item.finditer(text, earliest, latest + 1)
        if f"二{item.group('verb')}" in text[item.end() :]
    ][:1]
    start = structure.run_in_start.search(simplified(text[: latest + 8]), earliest)
    if start and start.start() <= latest:
        starts.append(start.start())
    if starts:
        return min(starts)
    if not guess:
        return None
    if clause := _CLAUSE_END.search(text, earliest, _RUN_IN_FALLBACK + marker_length):
        return clause.end()
    return marker_length + _RUN_IN_FALLBACK


def _build_tree(lines: list[Line], tables: tuple[SourceTable, ...], context: _Context) -> _Node:
    """The sections and their lines; ``tables`` stand among the lines by their line numbers (one before the
    first body line opens the body, one after the last closes it).

    Built twice: each numbered line is first read on its own, then the entries of each numbered run are read
    alike (see _run_readings), and the tree is built again with those readings.
    """
    entries: list[_Entry] = []
    alone = _Context(
        context.source, context.structure
    )  # the first reading's numbering warnings count only if it stands
    root = _grow_tree(lines, tables, alone, {}, entries)
    if readings := _run_readings(lines, entries):
        return _grow_tree(lines, tables, context, readings, [])
    context.diagnostics.extend(alone.diagnostics)
    return root


def _grow_tree(
    lines: list[Line],
    tables: tuple[SourceTable, ...],
    context: _Context,
    readings: dict[int, tuple[str, str] | None],
    entries: list[_Entry],
) -> _Node:
    """The tree of :func:`_build_tree`, with the numbered lines in ``readings`` read as it says (a heading and
    its run-in rest, or None for a paragraph); every numbered line read on its own is added to ``entries``."""
    root = _Node(level=1, heading="", line=0, number=None, ordinal=None, style=None)
    stack: list[_Node] = [root]
    styles_seen: set[str] = set()
    structure = context.structure
    outranked_until = _outranked_until(lines, structure)
    declared = _declared_levels(lines)
    # A numbering style that the file's declared headings use numbers only them: an undeclared 1. is a list item.
    declared_styles = {found[0] for index in declared if (found := heading_style(lines[index].text))}
    # Yet a person often styles only the first part: the heading each declared style reached last, while no
    # undeclared line of the style came after it, may be continued by a typed one (see _continued).
    reached: dict[str, _Node] = {}
    item_lines = _item_lines(lines, structure)
    item_heads = item_lines.headings
    bracketed = _bracketed_headings(lines, structure) | _plain_headings(lines, structure)
    number_runs = _number_runs(lines)
    waiting = sorted(tables, key=lambda table: table.line)
    for index, line in enumerate(lines):
        while waiting and waiting[0].line < line.number:
            stack[-1].items.append(waiting.pop(0))
        found = item_heads.get(index) or heading_style(line.text)
        if index in declared:
            declared_node = _declared_heading(stack, line, declared[index], found, context)
            if found:
                styles_seen.add(found[0])
                reached[found[0]] = declared_node
            continue
        if index in bracketed:
            siblings = _siblings(stack, _BRACKETED_STYLE)
            node = _Node(min(siblings.level + 1, 6), line.text, line.number, None, None, _BRACKETED_STYLE)
            siblings.items.append(node)
            stack.append(node)
            continue
        if index in number_runs or index in item_lines.listed:
            stack[-1].items.append(line)
            continue
        if index in item_heads:
            split: tuple[str, str] | None = (line.text, "")  # a heading by its place in the sequence
        elif index in readings:
            split = readings[index]
        else:
            split = _split_heading(line.text, found[0], found[1].group(0), structure) if found else None
        if found and found[0] in declared_styles:
            last = reached.pop(found[0], None)
            if last and split and (typed := _continued(stack, last, line, found[1], split)):
                reached[found[0]] = typed
            else:
                stack[-1].items.append(line)
            continue
        if not found or index < outranked_until.get(found[0], 0):
            stack[-1].items.append(line)
            continue
        style, match = found
        ordinal = cn_number(number_word(match))
        if number_word(match) == structure.last_in_sequence:  # the last of however many: after its sibling
            previous = [node for node in stack if node.style == style]
            ordinal = (previous[-1].ordinal or 0) + 1 if previous else ordinal
        depth = next((i for i, node in enumerate(stack) if node.style == style), None)
        if not split:  # read as a numbered paragraph, yet an entry of its run all the same
            entries.append(_Entry(index, style, ordinal, _run_parent(stack, style), None, None))
            stack[-1].items.append(line)
            continue
        if depth is None and ordinal != 1 and style not in styles_seen:
            # A lone "二、" that starts no sequence is text, yet goes on from a 一、 read as a paragraph.
            entries.append(_Entry(index, style, ordinal, _run_parent(stack, style), split, None))
            stack[-1].items.append(line)
            continue
        siblings = _siblings(stack, style)
        _lint_numbering(siblings, style, ordinal, undecorated(match.group(0)), line, context)
        heading, rest = split
        node = _Node(min(siblings.level + 1, 6), heading, line.number, undecorated(match.group(0)), ordinal, style)
        siblings.items.append(node)
        stack.append(node)
        styles_seen.add(style)
        if index not in item_heads:
            entries.append(_Entry(index, style, ordinal, _run_parent(stack[:-1], style), split, node))
        if rest:
            node.items.append(Line(line.number, rest, pages=line.pages))
    stack[-1].items.extend(waiting)
    return root


@dataclass(frozen=True)
class _Entry:
    """A numbered line as :func:`_grow_tree` read it on its own: the section its run stands in (see
    :func:`_run_parent`), its reading (None: a paragraph), and the section it opened."""

    index: int
    style: str
    ordinal: int
    parent: int
    split: tuple[str, str] | None
    node: _Node | None


def _run_parent(stack: list[_Node], style: str) -> int:
    """The section a numbered line of ``style`` is an entry of a run in, by identity: the innermost open one
    numbered in a style above it. Not merely the innermost open one, as an entry read alone as a paragraph leaves
    the sections numbered under it (（1）, ① …) open at its level, and the next entry of its run under them."""
    rank = _STYLE_RANKS[style]
    return id(next(node for node in reversed(stack) if node.style is None or _STYLE_RANKS.get(node.style, -1) < rank))


def _run_readings(lines: list[Line], entries: list[_Entry]) -> dict[int, tuple[str, str] | None]:
    """How the entries of each numbered run read, by line index, where they were not all read alike.

    A run is the entries of one style numbered on from one another (1, 2, 3 …) in one section. A reader reads
    them alike, as their numbers say they are one list: a line read on its own as a paragraph (its lead sentence
    longer than a heading, or one long sentence) beside headings is evidence about all of them. They are headings
    where one heads something below it (see _heads_below), or where more of them are a heading run into its text
    (``1.强化源头管控。要……``) than are paragraphs, and then every entry read alone as a paragraph heads with its
    lead sentence. Where neither holds, they are numbered paragraphs, a heading's run-in text staying in its
    entry's paragraph. A short line of one sentence with nothing under it (``（2）加强作业过程管控，……。``) reads
    either way and says nothing.
    """
    runs: list[list[_Entry]] = []
    last: dict[tuple[int, str], list[_Entry]] = {}
    for entry in entries:
        run = last.get((entry.parent, entry.style))
        if run and entry.ordinal == run[-1].ordinal + 1:
            run.append(entry)
        else:
            last[entry.parent, entry.style] = run = [entry]
            runs.append(run)
    readings: dict[int, tuple[str, str] | None] = {}
    read = {entry.index: entry for entry in entries}
    for run in runs:
        if len(run) < 2:
            continue
        if _listed(lines, run, read, readings):
            readings.update((entry.index, None) for entry in run)
            continue
        paragraphs = [entry for entry in run if entry.split is None]
        if not paragraphs:
            continue
        entry_lines = {lines[entry.index].number for entry in paragraphs}
        headed = any(_heads_below(entry, entry_lines, last=entry is run[-1]) for entry in run)
        run_in = sum(1 for entry in run if entry.split and entry.split[1])
        leads = {entry.index: _lead_sentence(lines[entry.index].text, entry.style) for entry in paragraphs}
        if all(leads.values()) and (headed or run_in > len(paragraphs)):
            readings.update(leads)
        elif not headed and run_in <= len(paragraphs):
            readings.update((entry.index, None) for entry in run)
        # else headings that an entry with no lead sentence to head with cannot join: they stay as read, as a
        # section lost is worse than an entry read apart.
    return readings


def _listed(
    lines: list[Line], run: list[_Entry], read: dict[int, _Entry], readings: dict[int, tuple[str, str] | None]
) -> bool:
    """Whether a run is the list of the paragraph over it (经调查，事故原因如下：, a quoted report's （二）间接原因：): its
    entries one a line, each right under the one before, none running on into text of its own or with sections
    numbered under it (but a list it announces in turn: （二）间接原因： over its 1.…), after a paragraph, not a
    heading, that announces them with its colon. Such lines read either way, and the colon says they are what the
    paragraph announces, no sections of the speech; text under the last may sum the list up. The paragraph may be an entry of a run read before as paragraphs (``readings``)."""
    first, last = run[0].index, run[-1]
    if first == 0 or not _announces(lines[first - 1]):
        return False
    above = read.get(first - 1)
    paragraph = readings[first - 1] is None if first - 1 in readings else above is not None and above.split is None
    announced = heading_style(lines[first - 1].text) is None or paragraph
    return (
        announced
        and all(after.index == before.index + 1 for before, after in pairwise(run))
        and not any(entry.split and entry.split[1] for entry in run)
        and not (
            last.node and any(isinstance(item, _Node) for item in last.node.items) and not _announces(lines[last.index])
        )
    )


def _announces(line: Line) -> bool:
    return line.text.rstrip().endswith(("：", ":"))


def _heads_below(entry: _Entry, entry_lines: set[int], last: bool) -> bool:
    """Whether ``entry`` is a heading by what stands under it: sections numbered under it, which no paragraph
    has, or, alone on its line, text before the run's next entry (not only entries of its run read as
    paragraphs, which fell under it as under any heading before them). Text under the last entry may be its
    section's, summing the list up, and tells nothing."""
    if entry.split is None or entry.node is None:
        return False
    if any(isinstance(item, _Node) for item in entry.node.items):
        return True
    alone = not entry.split[1] and not last
    return alone and any(not isinstance(item, Line) or item.number not in entry_lines for item in entry.node.items)


# 一、二月份 / 三、四季度 / 二、三产业: a number, 、 and the number after it (not a year's 二〇二四) open a sentence
# about both, January and February, as a part's 一、 opens its heading.
_NEXT_NUMBER = re.compile("[一二三四五六七八九十]{1,2}(?![一二三四五六七八九十〇零○两])")


def _number_runs(lines: list[Line]) -> set[int]:
    """The lines that open with a run of two numbers (``一、二月份，全县共发生事故2起``) where the numbering shows
    them to be text: a 一、 heading came before (the run would repeat it or go back), or one comes after it.

    Only there: ``二、三季度工作安排`` after ``一、`` and before any other ``二、`` is the part it reads as.
    """
    numbered = [
        (index, found[1].end(), cn_number(number_word(found[1])))
        for index, line in enumerate(lines)
        if line.heading_level is None and (found := heading_style(line.text)) and found[0] == "cn-dun"
    ]
    runs: set[int] = set()
    for position, (index, end, number) in enumerate(numbered):
        following = _NEXT_NUMBER.match(lines[index].text, end)
        if following is None or cn_number(following.group()) != number + 1:
            continue
        before = numbered[position - 1][2] if position else 0
        if before >= number or any(other == number for _, _, other in numbered[position + 1 :]):
            runs.add(index)
    return runs


_ONE_SENTENCE = re.compile(r"^[^。；：！？;:!?]*[。！!]?$")  # commas within, a full stop at the end or none
_ITEM_HEADINGS_MIN = 2


@dataclass(frozen=True)
class _ItemLines:
    """The enumerated items alone on their lines (see :func:`_item_lines`), by index: those that head passages,
    with their style and marker, and those that are a heading's list, each over the paragraph explaining it."""

    headings: dict[int, tuple[str, re.Match[str]]]
    listed: frozenset[int]


def _item_lines(lines: list[Line], structure: Structure) -> _ItemLines:
    """Enumerated items alone on their short lines, each with the paragraphs after it that develop it.

    An item alone on its line (``一是压实企业主体责任。``, ``首先，压实企业主体责任。``), then the paragraphs that
    develop it, then ``二是强化部门监管责任。`` alone and its paragraphs: the items are the passages' headings, as
    （一） sections are, one level below the heading above them. Items that follow one another line after line, or
    run on in their paragraph, stay items: only a sequence from 一 (首先) whose every item has a paragraph after it
    counts. Under a heading, a sequence whose items each have one paragraph after them is that heading's list, each
    item over the paragraph that explains it (一是强化源头管控。 over 各乡镇要……): only an item with more than one
    paragraph of its own heads a passage. The last item's paragraphs say nothing, as the text after them runs on to
    the next heading whoever it belongs to. Where no heading stands above them the items are the speech's only
    outline, its parts, however long each is.
    """
    headings: dict[int, tuple[str, re.Match[str]]] = {}
    listed: set[int] = set()
    run: list[tuple[int, tuple[str, re.Match[str]]]] = []
    headed = False  # a numbered heading stands above the lines read so far
    heading_patterns = {pattern for _, pattern in structure.item_lines}

    def close(end: int) -> None:
        """The sequence in ``run`` ends before line ``end`` (a heading, another sequence, the end of the text)."""
        indexes = [index for index, _ in run] + [end]
        own = [b - a - 1 for a, b in pairwise(indexes)]  # the paragraphs after each item, up to the next
        if len(run) >= _ITEM_HEADINGS_MIN and min(own) >= 1:
            if headed and max(own[:-1]) == 1:
                listed.update(index for index, _ in run)
            elif all(item[1].re in heading_patterns for _, item in run):
                headings.update(run)
        run.clear()

    for index, line in enumerate(lines):
        short = len(line.text) <= HEADING_MAX_CHARS and _ONE_SENTENCE.match(line.text)
        item = _item_line(line.text, structure) if short and line.heading_level is None else None
        if item:
            if run and not _next_item(run[-1][1], item, structure):
                close(index)
            if run or _item_number(item[1].group(1), structure) == 1:
                run.append((index, item))
        elif _heads(line, structure):
            close(index)
            headed = True
    close(len(lines))
    return _ItemLines(headings, frozenset(listed))


def _siblings(stack: list[_Node], style: str) -> _Node:
    """The section a new heading of ``style`` opens in: the one its open sibling stands in (which it closes, with
    everything under it), else the innermost open one, as the first of a new level."""
    depth = next((i for i, node in enumerate(stack) if node.style == style), None)
    if depth is not None:
        del stack[depth:]
    return stack[-1]


_BRACKETED_STYLE = "bracketed"
# 【坚持问题导向】: a heading a page set in brackets with no number (WeChat's way), a line of its own with no
# sentence in it. A label's colon (【字体：大 中 小】, 【编者按：…】) makes it no heading.
_BRACKETED = re.compile(r"^【[^【】。！？；：!?;:]{2,30}】$")


def _bracketed_headings(lines: list[Line], structure: Structure) -> set[int]:
    """Indexes of the speech's unnumbered headings in brackets: only where it has at least two, so that one
    bracketed line (【典型案例】) is text, and only after its salutation where the text has one, as a bracketed
    label above it (【编者按】) belongs to what stands above the speech."""
    plain = [simplified(line.text).strip() for line in lines]
    start = next((index + 1 for index, text in enumerate(plain) if structure.salutation.match(text)), 0)
    found = {
        index
        for index in range(start, len(lines))
        if lines[index].heading_level is None and _BRACKETED.match(plain[index]) and not heading_style(plain[index])
    }
    return found if len(found) >= _BRACKETED_MIN else set()


_BRACKETED_MIN = 2
# A heading Word numbered by its list numbering, the number lost in a copy as text: Chinese words alone on their
# line, no sign in them, over a paragraph.
_PLAIN_HEADING = re.compile(r"^[\u4e00-\u9fff]{4,20}$")
_PARAGRAPH_MIN_CHARS = 30


def _plain_headings(lines: list[Line], structure: Structure) -> set[int]:
    """Indexes of the speech's headings whose numbers a copy lost (Word's automatic numbering): in a speech with no
    numbered line, two or more short lines of words alone, each after a paragraph's last sentence and over a
    paragraph, as its parts' headings stand. A speech that numbers its lines numbers its headings; one such line is
    a paragraph's lead, a caption or a slogan."""
    plain = [simplified(line.text).strip() for line in lines]
    if any(heading_style(text) or _item_line(text, structure) for text in plain):
        return set()
    found = {
        index
        for index in range(1, len(lines) - 1)
        if lines[index].heading_level is None
        and _PLAIN_HEADING.match(plain[index])
        and plain[index - 1][-1:] in _SENTENCE_END
        and len(plain[index + 1]) >= _PARAGRAPH_MIN_CHARS
        and plain[index + 1][-1:] in _SENTENCE_END
    }
    return found if len(found) >= _BRACKETED_MIN else set()


def _heads(line: Line, structure: Structure) -> bool:
    """Whether ``line`` is a heading by its marker or its declared level: one that closes a sequence of items. A
    numbered paragraph (a long 第一，……。第二，…… run on in its paragraph) closes none."""
    found = heading_style(line.text)
    return line.heading_level is not None or (
        found is not None and _split_heading(line.text, found[0], found[1].group(0), structure) is not None
    )


def _item_line(text: str, structure: Structure) -> tuple[str, re.Match[str]] | None:
    """The style and marker of an item ``text`` starts with (一是, 一要, 首先，, 第一，)."""
    lines = (*structure.item_lines, *structure.listed_item_lines)
    return next(((style, match) for style, pattern in lines if (match := pattern.match(text))), None)


def _next_item(last: tuple[str, re.Match[str]], item: tuple[str, re.Match[str]], structure: Structure) -> bool:
    """Whether ``item`` goes on from ``last``: the same style, the next number (最后 comes after any)."""
    word = item[1].group(1)
    number = _item_number(last[1].group(1), structure) + 1
    following = word == structure.last_in_sequence or _item_number(word, structure) == number
    return item[0] == last[0] and following


def _declared_levels(lines: list[Line]) -> dict[int, int]:
    """For each line the file declares a heading (Word's heading styles), its level on the page by index.

    The highest level the text declares is the speech's parts (level 2, under the page's title): a
    document whose title is in Heading 1 has its parts in Heading 2, and they are parts all the same.
    """
    declared = {index: line.heading_level for index, line in enumerate(lines) if line.heading_level is not None}
    top = min(declared.values(), default=1)
    return {index: min(level - top + 2, 6) for index, level in declared.items()}


def _declared_heading(
    stack: list[_Node], line: Line, level: int, found: tuple[str, re.Match[str]] | None, context: _Context
) -> _Node:
    """A heading the file declares: a section at its level, the whole line its heading, numbered or not.

    The file's word is taken over the text's form: the heading's number (typed, or shown by Word's list
    numbering) needs no sequence to start, nor any sentence to end the heading.
    """
    while stack[-1].level >= level:
        stack.pop()
    parent = stack[-1]
    style = number = ordinal = None
    if found:
        style, match = found
        number, ordinal = undecorated(match.group(0)), cn_number(number_word(match))
        _lint_numbering(parent, style, ordinal, number, line, context)
    node = _Node(level, line.text, line.number, number, ordinal, style)
    parent.items.append(node)
    stack.append(node)
    return node


def _continued(
    stack: list[_Node], previous: _Node, line: Line, match: re.Match[str], split: tuple[str, str]
) -> _Node | None:
    """A typed heading that goes on from ``previous``, a declared heading still open, as its next sibling: the
    next number in the same marker (二、 after 一、, not 二. nor 三、), or None.

    A list the author typed in the declared headings' style under one of them starts again at 1 (1.成立专班。
    under 1.加强组织领导): its 1. breaks the run (see _build_tree), so its 2. continues the list, not the parts.
    """
    depth = next((i for i, node in enumerate(stack) if node is previous), None)
    ordinal = cn_number(number_word(match))
    if (
        depth is None
        or previous.ordinal is None
        or ordinal != previous.ordinal + 1
        or _renumber(undecorated(match.group(0)), previous.ordinal) != previous.number
    ):
        return None
    del stack[depth:]
    heading, rest = split
    node = _Node(previous.level, heading, line.number, undecorated(match.group(0)), ordinal, previous.style)
    stack[-1].items.append(node)
    stack.append(node)
    if rest:
        node.items.append(Line(line.number, rest, pages=line.pages))
    return node


# GB/T 9704's order of numbering styles, highest first; 第一， stands with 一、 (spoken parts).
_STYLE_RANKS = {
    "cn-dun": 0,
    "ordinal": 0,
    "cn-paren": 1,
    "cn-bracket": 0,  # 【一】 numbers parts as 一、 does
    "arabic-dot": 2,
    "arabic-paren": 3,
    "circled": 4,
    "sequence": 5,  # 首先，…/一要… lines of their own: a spoken speech's parts where nothing above them numbers
    "cn-yao": 5,
    "cn-shi": 5,  # 一是… lines that head the paragraphs after them (see _item_lines)
}


def _outranked_until(lines: list[Line], structure: Structure) -> dict[str, int]:
    """For each style, the index of the line before which it is a list in the text, not a heading.

    Levels are assigned by the order styles first appear, so a （一）（二） list in the opening would make
    （一） the parts and push the real ``一、`` parts under it. A style cannot head a part before the first
    part of a style above it: until a higher style's sequence starts, its lines are text.
    """
    starts: dict[str, int] = {}
    for index, line in enumerate(lines):
        found = heading_style(line.text)
        if (
            found
            and found[0] not in starts
            and cn_number(number_word(found[1])) == 1
            and _split_heading(line.text, found[0], found[1].group(0), structure)
        ):
            starts[found[0]] = index
    return {
        style: min((start for higher, start in starts.items() if _STYLE_RANKS[higher] < rank), default=0)
        for style, rank in _STYLE_RANKS.items()
    }


def _lint_numbering(parent: _Node, style: str, ordinal: int, marker: str, line: Line, context: _Context) -> None:
    # The last sibling of the style only, looked for from the end: a list of thousands of headings stays linear.
    previous = next((item for item in reversed(parent.items) if isinstance(item, _Node) and item.style == style), None)
    expected = (previous.ordinal or 0) + 1 if previous else 1
    if ordinal == expected:
        return
    if previous and ordinal == previous.ordinal:
        context.warn(line.number, f"numbering repeated: {marker} twice in a row")
    elif previous and ordinal < expected:
        context.warn(line.number, f"numbering goes back: {marker} after {previous.number}")
    else:  # a heading the file declares may start its level at any number, 0 too
        after = f"after {previous.number}" if previous else "at the start of its level"
        context.warn(line.number, f"numbering gap: {marker} comes {after}; {_renumber(marker, expected)} is missing")


def _renumber(marker: str, number: int) -> str:
    """``marker`` written with ``number`` instead of its own: (（四）, 3) → （三）."""
    if re.search(r"\d", marker):
        return re.sub(r"\d+", str(number), marker, count=1)
    if enclosed := renumbered_enclosed(marker[0], number):
        return enclosed + marker[1:]
    return re.sub(CN, cn_numeral(number), marker, count=1)


# --- freezing, with topics and enumerations ------------------------------------------------------


def _freeze_children(node: _Node, anchor: str, context: _Context) -> tuple[Block, ...]:
    blocks: list[Block] = []
    run: list[Line] = []

    def flush() -> None:
        if run:
            blocks.extend(_freeze_run(run, node.level, anchor, context))
            run.clear()

    position = 0
    for item in node.items:
        if isinstance(item, Line):
            run.append(item)
            continue
        flush()
        if isinstance(item, SourceTable):
            blocks.append(_table(item, context))
            continue
        position += 1
        # A numbered section is anchored by its number (s2-3 is 第二部分第（三）条), a heading the file
        # declares without a number by its place among its siblings.
        key = item.ordinal if item.ordinal is not None else position
        child_anchor = context.unique(f"{anchor}{key}" if anchor == "s" else f"{anchor}-{key}")
        blocks.append(
            Section(
                level=item.level,
                heading=item.heading,
                anchor=child_anchor,
                line=item.line,
                number=item.number,
                ordinal=item.ordinal,
                children=_freeze_children(item, child_anchor, context),
            )
        )
    flush()
    return tuple(blocks)


def _table(table: SourceTable, context: _Context) -> Table:
    """A table with its cells' paragraphs, each anchored like any paragraph, and its own anchor (t1, t2 …)."""
    context.tables += 1
    rows = tuple(
        tuple(
            Cell(
                tuple(_paragraph(line.text, line.number, context, ParagraphKind.CELL) for line in cell.lines),
                cell.colspan,
                cell.rowspan,
            )
            for cell in row
        )
        for row in table.rows
    )
    return Table(context.unique(f"t{context.tables}"), table.line, rows, table.header_rows)


def _sentences(text: str) -> list[str]:
    return re.findall(f"[^{_SENTENCE_END}]+[{_SENTENCE_END}]*|[{_SENTENCE_END}]+", text)


def _topic_ending(sentence: str, structure: Structure) -> str | None:
    """The two characters before the full stop of a short, comma-free lead sentence."""
    body = sentence.rstrip(_SENTENCE_END)
    if not sentence.endswith("。") or not 4 <= len(body) <= _TOPIC_MAX_CHARS or re.search('[，,；;：:“”"]', body):
        return None
    if any(pattern.match(body) for _, pattern in structure.enumerations):
        return None
    return body[-2:]


def _freeze_run(run: list[Line], level: int, anchor: str, context: _Context) -> list[Block]:
    """Paragraph lines of one section → paragraphs, with run-in topics as sub-sections.

    A topic runs from its lead sentence to the next topic of the same section,
    across line breaks: scraped speeches often break a line in mid-topic.
    """
    structure = context.structure
    pieces = [(line.number, sentence) for line in run for sentence in _sentences(line.text)]
    # A lead heads the text after it: one followed by another of its ending, or by nothing, heads nothing, and two
    # sentences a line ending alike (……抓好各项工作。/……投入工作。) are no topics.
    endings = [
        ending
        if (ending := _topic_ending(sentence, structure)) and _topic_ending(following, structure) != ending
        else None
        for (_, sentence), (_, following) in zip(pieces, [*pieces[1:], (0, "")], strict=True)
    ]
    counts = Counter(ending for ending in endings if ending)

    groups: list[tuple[tuple[int, str] | None, list[tuple[int, str]]]] = [(None, [])]
    for (number, sentence), ending in zip(pieces, endings, strict=True):
        if ending and counts[ending] >= 2:
            groups.append(((number, sentence), []))
            continue
        paragraphs = groups[-1][1]
        if paragraphs and paragraphs[-1][0] == number:
            paragraphs[-1] = (number, paragraphs[-1][1] + sentence)
        else:
            paragraphs.append((number, sentence))

    blocks: list[Block] = []
    for index, (head, paragraphs) in enumerate(groups):
        if head is None:
            blocks.extend(_enumerated(paragraphs, context))
            continue
        blocks.append(
            Section(
                level=min(level + 1, 6),
                heading=head[1],
                anchor=context.unique(f"{anchor}-t{index}"),
                line=head[0],
                children=tuple(_enumerated(paragraphs, context)),
            )
        )
    return blocks


def _enumerated(paragraphs: list[tuple[int, str]], context: _Context) -> list[Paragraph]:
    """Source paragraphs → paragraphs, each enumerated item split out as its own."""
    cuts = _item_starts([text for _, text in paragraphs], context.structure)
    result: list[Paragraph] = []
    for (line, text), starts in zip(paragraphs, cuts, strict=True):
        bounds = sorted({0, *starts, len(text)})
        for start, end in pairwise(bounds):
            kind = ParagraphKind.ITEM if start in starts else ParagraphKind.BODY
            result.append(_paragraph(text[start:end], line, context, kind))
    return result


def _item_starts(texts: list[str], structure: Structure) -> list[set[int]]:
    """For each paragraph, the offsets where enumerated items start."""
    starts: list[set[int]] = [set() for _ in texts]
    for _, pattern in structure.enumerations:
        for sequence in _sequences(texts, pattern, structure):
            for paragraph, offset in sequence:
                starts[paragraph].add(offset)
    return starts


def _sequences(texts: list[str], pattern: re.Pattern[str], structure: Structure) -> list[list[tuple[int, int]]]:
    """Runs of one enumeration style as (paragraph, offset) lists.

    An item counts only as part of a sequence that starts at one and goes on
    without a break (一是 then 二是, possibly in the next paragraph): a lone
    ``三是`` in a sentence is text, not an item; the sequence's last word (最后) goes on from any number.
    """
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last = 0
    for paragraph, text in enumerate(texts):
        for match in pattern.finditer(text):
            word = match.group(1)
            number = _item_number(word, structure)
            if number == 1:
                runs.append(current)
                current = [(paragraph, match.start())]
            elif current and (number == last + 1 or word == structure.last_in_sequence):
                current.append((paragraph, match.start()))
            else:
                runs.append(current)
                current = []
            last = number
    runs.append(current)
    return [run for run in runs if len(run) >= 2]


def _item_number(word: str, structure: Structure) -> int:
    """The number an item's word stands for: 三 of 三是, 3 of 3是, 其次 by its place in its sequence."""
    return structure.sequence_numbers.get(word) or cn_number(word)


def _paragraph(text: str, line: int, context: _Context, kind: ParagraphKind = ParagraphKind.BODY) -> Paragraph:
    anchor = context.unique(paragraph_anchor(text))
    return Paragraph(text=text, anchor=anchor, line=line, kind=kind, pages=context.pages.get(line))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
