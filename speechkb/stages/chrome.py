"""Site chrome: the lines copied along with a speech that are not the speech (``vocabularies/chrome.yml``).

Speeches are pasted from web pages, PDFs and Word files, and bring the page with them: the site's name and
breadcrumbs, its 发布时间/来源 line, 打印本页 buttons, WeChat ads, 预览结束 paywall notices, PDF page numbers.
Such lines must not be tagged, searched or taken for the speech's own words, yet they are kept (shown folded
as 原文附注), because a pattern that is wrong must never silently delete what a leader said.

What counts as chrome is data that staff edit, like the sectors and terms: a list of regular expressions,
checked at load with the same file/line/entry diagnostics as the vocabularies (both are read through
:mod:`speechkb.machinery.yaml_data`, so both report alike). Matching happens on
:func:`speechkb.stages.normalize.simplified` text, which keeps the length of the original, so offsets found in the
simplified copy cut the original.

:meth:`ChromeRules.line` runs on every line of every speech, so the rules are compiled once and screened
(:class:`_Screen`): an ordinary speech line costs one Aho–Corasick pass over the words chrome cannot do
without, and only a line that one alternative of a rule matches is tried rule by rule, in file order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick
from pydantic import BaseModel, ConfigDict, Field, field_validator

from speechkb.machinery.yaml_data import Document, read_yaml, validate
from speechkb.model import Diagnostic, Severity
from speechkb.stages.normalize import simplified, without_markdown_marks
from speechkb.stages.vocabulary import VocabularyError

CHROME_FILE = "chrome.yml"
_KIND = "chrome pattern"
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Lines a pattern is tried on to find one that matches nothing at all (an empty alternative, ``x*``, ``\b``):
# such a pattern would make every line of every speech chrome.
_EMPTY_PROBES = ("", " ", "同志们：", "要加强联系群众，认真做好下一步工作。", "abc 123", "(1)")
# A pattern that refers to its own groups cannot be joined with others without renumbering them.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@dataclass(frozen=True)
class ChromeRule:
    """One entry of ``chrome.yml``: a kind of line that is not the speech."""

    name: str  # unique id in the YAML, e.g. "page-number"
    pattern: re.Pattern[str]  # compiled from the YAML's `pattern`, searched in the simplified, stripped line
    truncation: bool = False  # True: the text before/around it is incomplete (预览结束, 未完 全文共N字)
    tail: bool = False  # True: may also stand at the end of a longer speech line; its match is then cut off
    # True: the line stands where a machine cut the text (a transcript's speaker and time), not where its writer
    # ended a paragraph, so a sentence left unfinished above it goes on below it
    cuts_text: bool = False
    # True: the line is chrome only standing alone among the text's lines; among short lines on both sides (a table
    # flattened to a cell a line) it is a cell: a bare number is a page's number, or a figure of the table
    alone: bool = False
    # True: a note its editor put on the text itself (（根据录音整理）), not a line of the page around it: the page's
    # chrome has not begun there, so the speech's signing office may still stand under it
    of_text: bool = False
    # True: a social post's own line (原创 … 发表于, 阅读原文, 在看): the page is a post, whose account's name may stand
    # alone over its title
    of_post: bool = False


@dataclass(frozen=True)
class ChromeMatch:
    """Where a rule matched: offsets into the original text (the same as in its simplified copy)."""

    rule: ChromeRule
    start: int
    end: int


@dataclass(frozen=True)
class ChromeRules:
    """The rules of ``chrome.yml``, in file order: the first rule that matches a line names it.

    A line is read once for both questions (is it chrome, does it end in chrome), and the last reading is
    kept, because a caller asks :meth:`tail` about the very line it just asked :meth:`line` about.
    """

    rules: tuple[ChromeRule, ...] = ()
    # Rules asked about a few lines only (a rule's own examples, when the file is loaded) try every rule on them:
    # building the screen, which compiles each alternative again, costs more than it saves there.
    screened: bool = True
    _screen: _Screen | None = field(init=False, repr=False, compare=False)
    _last: list[_Reading] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_screen", _Screen(self.rules) if self.screened else None)
        object.__setattr__(self, "_last", [_Reading("", None, None)])

    def line(self, text: str) -> ChromeRule | None:
        """The rule that makes the whole stripped line ``text`` chrome, or None.

        A line made only of notices glued together (``(未完,全文共1662字…)预览结束，喜欢就下载吧！``) is
        chrome too, named by a truncation rule if one of its notices is one.
        """
        return self._read(text).line

    def tail(self, text: str) -> ChromeMatch | None:
        """A `tail` rule's match that runs to the end of ``text`` (white space aside) and starts after some speech
        text, or None; only when `line(text)` is None.

        Notices glued one after another (``……确保安全。(未完,…)预览结束，喜欢就下载吧！``) are cut off
        together: the match starts at the first of them, and names a truncation rule if one of them is one.
        """
        return self._read(text).tail

    def _read(self, text: str) -> _Reading:
        last = self._last[0]
        if last.text == text:
            return last
        reading = _Reading(text, *self._judge(text))
        self._last[0] = reading  # one assignment: threads sharing the rules see one reading or the other
        return reading

    def _judge(self, text: str) -> tuple[ChromeRule | None, ChromeMatch | None]:
        # A line copied from a page's Markdown source (*本文来源：…*, > 责任编辑：…) is judged without the marks.
        normal = without_markdown_marks(simplified(text))
        end = len(normal.rstrip())
        start = len(normal) - len(normal.lstrip())
        if start >= end:
            return None, None
        body = normal[start:end]
        screen = self._screen
        candidates = self.rules if screen is None or screen.passes(body) else screen.apart
        if whole := _first_line_rule(candidates, body):
            return whole, None
        found: list[tuple[ChromeRule, int]] = []
        cut = end
        while (glued := _last_tail(candidates, normal, start, cut)) is not None:
            found.append(glued)
            cut = glued[1]
            while normal[cut - 1].isspace():  # stops at the line's first character, which is no white space
                cut -= 1
        if not found:
            return None, None
        named = [rule for rule, _ in reversed(found)]  # from the left
        if head := _first_line_rule(candidates, normal[start:cut]):
            return next((rule for rule in [head, *named] if rule.truncation), head), None
        return None, ChromeMatch(next((rule for rule in named if rule.truncation), named[0]), found[-1][1], end)


@dataclass(frozen=True)
class _Reading:
    text: str
    line: ChromeRule | None
    tail: ChromeMatch | None


def _first_line_rule(rules: tuple[ChromeRule, ...], body: str) -> ChromeRule | None:
    """The first rule that makes the simplified, stripped line ``body`` chrome.

    A tail rule is written to be found after speech text, so it cannot be anchored with ``^``: as a line of its
    own, it counts only when its match starts the line; elsewhere in the line it is a tail, or nothing.
    """
    for rule in rules:
        if rule.pattern.match(body) if rule.tail else rule.pattern.search(body):
            return rule
    return None


# A notice glued to a line is short (the longest, 全文共N字…当前仅显示M字…, is some 100 characters): one is looked
# for among the last characters before ``end`` only, so that a line of a thousand notices glued together, cut one
# by one from its end, is read in linear time, not in time that grows with the square of its length.
_NOTICE_MAX_CHARS = 200


def _last_tail(rules: tuple[ChromeRule, ...], normal: str, start: int, end: int) -> tuple[ChromeRule, int] | None:
    """The tail rule's match running to ``end`` that starts earliest (cuts the most) after speech text: after the
    line's first character ``start``, which is no white space."""
    best: tuple[ChromeRule, int] | None = None
    for rule in rules:
        if not rule.tail:
            continue
        position = max(start, end - _NOTICE_MAX_CHARS)
        while (found := rule.pattern.search(normal, position, end)) is not None:
            if found.end() == end and found.start() > start:
                if best is None or found.start() < best[1]:
                    best = (rule, found.start())
                break
            position = found.start() + 1
    return best


class _Screen:
    """A quick test that clears an ordinary speech line before any rule is tried.

    Almost every chrome pattern needs some words of its own (预览结束, 小编, 微信号, 上一篇): each top-level
    alternative of each rule is read for words that any of its matches must contain (:func:`_words`), and
    one Aho–Corasick pass finds which of them a line contains, whatever the number of rules. A line with none
    is cleared at once; a line with some is tried against only the alternatives those words belong to (``时间``
    in a speech line does not make it a 发布时间 line), and only a line one of them matches is tried rule by
    rule, in file order. The screen may be looser than the rules but never stricter: an alternative matches
    wherever its rule does.

    An alternative without such words (``^[-—]\\s*\\d+\\s*[-—]$``) is tried on every line: once at the start
    if it is anchored with ``^``, else searched. A rule whose pattern refers to its own groups, names groups
    (names could clash when joined) or sets a flag for all of itself (``(?i)…``) is tried whole on every line.
    """

    def __init__(self, rules: tuple[ChromeRule, ...]) -> None:
        start: list[str] = []
        loose: list[str] = []
        apart: list[ChromeRule] = []
        owners: dict[str, list[int]] = {}
        self._tests: list[Callable[[str], re.Match[str] | None]] = []
        for rule in rules:
            joinable = not rule.pattern.groupindex and not _GROUP_REFERENCE.search(rule.pattern.pattern)
            branches = _split(rule.pattern.pattern) if joinable and rule.pattern.flags == _NO_FLAGS else None
            if branches is None or not all(_compiles(branch) for branch in branches):
                apart.append(rule)
                continue
            for branch in branches:
                needles = _words(branch)[1]
                if not needles:
                    (start if branch.startswith("^") else loose).append(branch)
                    continue
                compiled = re.compile(branch)
                self._tests.append(compiled.match if branch.startswith("^") else compiled.search)
                for needle in needles:
                    owners.setdefault(needle, []).append(len(self._tests) - 1)
        self.apart = tuple(apart)  # rules tried whole on every line
        self._start = _joined(start)  # anchored alternatives without words: tried once, at the start
        self._loose = _joined(loose)  # other alternatives without words: searched as written
        self._needles: ahocorasick.Automaton | None = None  # word → the alternatives that need it
        if owners:
            self._needles = ahocorasick.Automaton()
            for needle, tests in owners.items():
                self._needles.add_word(needle, tuple(tests))
            self._needles.make_automaton()

    def passes(self, body: str) -> bool:
        """Whether some rule might match the simplified, stripped line ``body``; False means that none does."""
        if self._start is not None and self._start.match(body):
            return True
        if self._loose is not None and self._loose.search(body):
            return True
        if self._needles is None:
            return False
        tried: set[int] = set()
        for _, tests in self._needles.iter(body):
            for test in tests:
                if test not in tried:
                    tried.add(test)
                    if self._tests[test](body):
                        return True
        return False


_NO_FLAGS = re.compile("").flags
_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})[?+]?")
_MAY_BE_ABSENT = re.compile(r"[?*]|\{0*(?:,\d*)?\}")  # ?, *, {0,n}, {,n}: the atom may match nothing
_MOST_WORDS = 256  # spelling out more alternatives than this is not worth it


def _joined(branches: list[str]) -> re.Pattern[str] | None:
    # Flat (a|b|c), not (?:a)|(?:b)|(?:c): the engine then merges common prefixes.
    return re.compile("|".join(branches)) if branches else None


def _compiles(source: str) -> bool:
    try:
        re.compile(source)
    except re.error:
        return False
    return bool(source)


def _skip(source: str, index: int) -> int:
    """The index after the escape or character class at ``index``, else after the one character there."""
    if source.startswith("\\", index):
        return index + 2
    if not source.startswith("[", index):
        return index + 1
    index += 1
    if source.startswith("^", index):
        index += 1
    if source.startswith("]", index):
        index += 1  # a ] first in a class is literal
    while index < len(source) and source[index] != "]":
        index += 2 if source[index] == "\\" else 1
    return index + 1


def _split(source: str) -> list[str] | None:
    """The top-level alternatives of ``source`` (``a|(b|c)`` is ``a`` and ``(b|c)``); None if unbalanced."""
    parts: list[str] = []
    depth = begin = index = 0
    while index < len(source):
        character = source[index]
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            if depth < 0:
                return None
        elif character == "|" and depth == 0:
            parts.append(source[begin:index])
            begin = index + 1
        index = _skip(source, index)
    if index != len(source) or depth:
        return None
    return [*parts, source[begin:]]


def _group_end(source: str, index: int) -> int | None:
    """The index after the ``)`` that closes the ``(`` at ``index``."""
    depth = 0
    while index < len(source):
        if source[index] == "(":
            depth += 1
        elif source[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index = _skip(source, index)
    return None


def _words(source: str) -> tuple[set[str] | None, set[str] | None]:
    r"""What ``source`` (a regex without top-level ``|``) says in plain words: ``(exact, needles)``.

    ``exact`` is every string it can match when that is a small finite set (``(?:预览|试读)结束`` → 预览结束,
    试读结束), else None. ``needles`` are words one of which every match contains, or None: a stretch of
    plain characters, optional ones and groups of alternatives spelled out (``(?:已经?|就)?`` → '', 已, 已经,
    就), must appear as written. Of the stretches, the one with the longest shortest word is kept, as it lets
    the fewest lines through. Anything this small scanner does not follow (``(?i:…)``, look-arounds,
    classes, ``\d``, ``.``) only ends a stretch, which makes the screen looser, never stricter.
    """
    best: set[str] | None = None
    run: set[str] = {""}
    exact = True

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and all(candidate) and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    index = 0
    while index < len(source):
        character = source[index]
        piece: set[str] | None = None  # the strings this atom matches, when spelled out
        inner: set[str] | None = None  # a group's needles
        if character == "(":
            end = _group_end(source, index)
            if end is None:
                return None, None
            opening = index + 3 if source.startswith("(?:", index) else index + 1
            if not source.startswith("?", opening):  # plain and (?:…) groups; not look-arounds or flags
                found = [_words(alternative) for alternative in _split(source[opening : end - 1]) or [""]]
                if all(spelled is not None for spelled, _ in found):
                    piece = set().union(*(spelled for spelled, _ in found if spelled is not None))
                if all(needles for _, needles in found):
                    inner = set().union(*(needles for _, needles in found if needles))
        elif character == "\\":
            end = index + 2
            if end <= len(source) and not source[index + 1].isalnum():  # \. \( are characters; \d \b are not
                piece = {source[index + 1]}
        else:
            end = _skip(source, index)
            if character not in "[.^$|)*+?{}":
                piece = {character}
        quantifier = _QUANTIFIER.match(source, end)
        optional = quantifier is not None and _MAY_BE_ABSENT.match(quantifier.group()) is not None
        if piece is not None and quantifier is not None:
            piece = piece | {""} if quantifier.group() in ("?", "??") else None
        if piece is not None and len(run) * len(piece) <= _MOST_WORDS:
            run = {before + after for before in run for after in piece}
        else:
            consider(run)
            exact = False
            run = piece if piece is not None else {""}
            if piece is None and not optional:
                consider(inner)
        index = quantifier.end() if quantifier else end
    consider(run)
    if best is not None:  # a word that contains another adds nothing: 目录 is in 上一篇目录
        best = {word for word in best if not any(other != word and other in word for other in best)}
    return (run if exact else None), best


class _PatternEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: str
    description: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    truncation: bool = False
    tail: bool = False
    cuts_text: bool = False
    alone: bool = False
    of_text: bool = False
    of_post: bool = False
    examples: list[str] = []

    @field_validator("name")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _NAME.fullmatch(value):
            raise ValueError(f"{value!r} is not an id of lowercase ASCII words joined by '-' like 'page-number'")
        return value

    @field_validator("pattern")
    @classmethod
    def _regular_expression(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as error:
            raise ValueError(f"not a valid regular expression: {error}") from None
        for probe in _EMPTY_PROBES:
            found = compiled.search(probe)
            if found is not None and found.start() == found.end():
                raise ValueError(
                    f"matches the empty string (in {probe!r}), so it would make every line chrome: "
                    "look for an empty alternative (a|) or a part that may match nothing (x*, x?)"
                )
        return value


class _ChromeFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    patterns: list[_PatternEntry] = Field(min_length=1)
    not_chrome: list[str] = []


def load_chrome(folder: Path) -> ChromeRules:
    """Read and validate ``folder / CHROME_FILE``; raise :class:`~speechkb.stages.vocabulary.VocabularyError` listing
    every problem with file, line and entry.

    A missing file is an error like a missing vocabulary: a build without the rules would silently tag and
    index every ad and page number. The examples and ``not_chrome`` lines are checked once every entry is
    valid, so that a pattern that would hide a leader's words stops the build before anything is written.
    """
    problems: list[Diagnostic] = []
    document = read_yaml(folder / CHROME_FILE, problems)
    rules: tuple[ChromeRule, ...] = ()
    if document:
        document = _quoted_not_chrome(document, problems)
        _check_names(document, problems)
        parsed = validate(document, _ChromeFile, _KIND, problems)
        if parsed:
            rules = _rules(document, parsed, problems)
            _check_examples(document, parsed, rules, problems)
    if problems:
        raise VocabularyError(problems)
    return ChromeRules(rules)


def _quoted_not_chrome(document: Document, problems: list[Diagnostic]) -> Document:
    """``not_chrome`` items that YAML did not read as text (``- 2025`` is a number), reported as such.

    The shared validator would label a wrong item of a plain list as a pattern entry; this says what to do.
    """
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("not_chrome"), list):
        return document
    kept: list[object] = []
    for index, item in enumerate(data["not_chrome"]):
        if isinstance(item, str):
            kept.append(item)
        else:
            message = f"not_chrome (item {index + 1}): {item!r} is not text; write the line in quotes ('…')"
            problems.append(Diagnostic(document.path, document.line("not_chrome", index), message, Severity.ERROR))
    return Document(document.path, {**data, "not_chrome": kept}, document.node)


def _check_names(document: Document, problems: list[Diagnostic]) -> None:
    """Names used twice, found in the raw entries so that they are reported with every other problem."""
    entries = document.data.get("patterns") if isinstance(document.data, dict) else None
    first: dict[str, int] = {}
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        if name in first:
            earlier = first[name]
            message = (
                f"{_KIND} '{name}' (entry {index + 1}): name '{name}' is already the name of entry {earlier + 1} "
                f"(line {document.line('patterns', earlier)}); a name may be used once"
            )
            problems.append(
                Diagnostic(document.path, document.line("patterns", index, "name"), message, Severity.ERROR)
            )
        first.setdefault(name, index)


def _rules(document: Document, parsed: _ChromeFile, problems: list[Diagnostic]) -> tuple[ChromeRule, ...]:
    """The compiled rules; a tail pattern anchored with ^ is reported (it could never follow speech text)."""
    rules: list[ChromeRule] = []
    for index, entry in enumerate(parsed.patterns):
        if entry.tail and entry.pattern.startswith("^"):
            line = document.line("patterns", index, "pattern")
            message = (
                f"{_KIND} '{entry.name}' (entry {index + 1}): key 'pattern': a tail pattern cannot start with ^, "
                "or it never matches after speech text"
            )
            problems.append(Diagnostic(document.path, line, message, Severity.ERROR))
        rules.append(
            ChromeRule(
                entry.name,
                re.compile(entry.pattern),
                entry.truncation,
                entry.tail,
                cuts_text=entry.cuts_text,
                alone=entry.alone,
                of_text=entry.of_text,
                of_post=entry.of_post,
            )
        )
    return tuple(rules)


def _check_examples(
    document: Document, parsed: _ChromeFile, rules: tuple[ChromeRule, ...], problems: list[Diagnostic]
) -> None:
    """Every example is matched by its own rule (as a line, or as a tail), and no rule matches a ``not_chrome``
    line in either way."""
    alone = [ChromeRules((rule,), screened=False) for rule in rules]
    for index, (entry, single) in enumerate(zip(parsed.patterns, alone, strict=True)):
        for number, example in enumerate(entry.examples):
            if single.line(example) is None and single.tail(example) is None:
                message = (
                    f"{_KIND} '{entry.name}' (entry {index + 1}): the pattern does not match its example {example!r}"
                )
                line = document.line("patterns", index, "examples", number)
                problems.append(Diagnostic(document.path, line, message, Severity.ERROR))
    for index, speech in enumerate(parsed.not_chrome):
        for single in alone:
            rule = single.rules[0]
            if single.line(speech) is not None:
                harm = "makes it chrome"
            elif (glued := single.tail(speech)) is not None:
                harm = f"cuts off {speech[glued.start : glued.end]!r}"
            else:
                continue
            message = f"not_chrome: {speech!r} is a speech line, but {_KIND} '{rule.name}' {harm}"
            problems.append(Diagnostic(document.path, document.line("not_chrome", index), message, Severity.ERROR))
