"""Parse stage: :class:`~speechkb.model.Source` → :class:`~speechkb.model.Speech`.

Chinese official speeches number their structure in the GB/T 9704 way
(``一、`` → ``（一）`` → ``1.`` → ``（1）``) and in looser spoken forms
(``第一，``, ``①``). Which marker is a part and which a section is not fixed:
it is decided per speech by the order in which the styles first appear, the
way a reader does it. A marker only opens a new level when it starts a
sequence (its number is 1, or the style is already in use), so a stray
``二、`` inside a sentence-like line does not invent structure.

Below headings, two other structures are recovered:

- run-in topics: short sentences such as ``抓好道路交通领域安全。`` or
  ``非煤矿山方面。`` that open successive passages. They are recognised by
  consistency (at least two in one section sharing an ending), not by a list
  of words, and become unnumbered sub-sections;
- enumerations (``一是…二是…``, ``一要…``, ``一方面…另一方面``, ``首先…其次…``,
  inline ``第一，…第二，…``, ``①…②…``) whose items are split into their own
  paragraphs so that each can be cited and linked.

Nothing is dropped or rewritten: every character of every line ends up in
exactly one heading or paragraph, in order.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from speechkb.model import Block, Diagnostic, Line, Paragraph, Section, Source, Speech

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "[一二三四五六七八九十零〇两]{1,3}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Line-start numbering styles, each with the group that holds its number.
_HEADING_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn-dun", re.compile(rf"^({_CN})(?:、|[．.](?!\d))")),
    ("cn-paren", re.compile(rf"^[（(]({_CN})[）)]")),
    ("arabic-dot", re.compile(r"^(\d{1,2})(?:[、．]|\.(?!\d))")),
    ("arabic-paren", re.compile(r"^[（(](\d{1,2})[）)]")),
    ("ordinal", re.compile(rf"^第({_CN})(?:[，,、：:]|部分)")),
    ("circled", re.compile(f"^([{_CIRCLED}])")),
)

# Inline enumerations: (family, pattern); the pattern's group 1 is the number
# word, and an item may only start at the beginning of a paragraph or right
# after a sentence or clause break.
_BREAK = r"(?:^|(?<=[。；：！？;:!?]))"
_ENUMERATIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("shi", re.compile(rf"{_BREAK}({_CN})是")),
    ("yao", re.compile(rf"{_BREAK}({_CN})要(?![求])")),
    ("fangmian", re.compile(rf"{_BREAK}(一|另一)方面")),
    ("shouxian", re.compile(rf"{_BREAK}(首先|其次|再次|最后)[，,]")),
    ("ordinal", re.compile(rf"{_BREAK}第({_CN})[，,、]")),
    ("circled", re.compile(f"{_BREAK}([{_CIRCLED}])")),
)
_SEQUENCE_WORDS = {"一": 1, "另一": 2, "首先": 1, "其次": 2, "再次": 3, "最后": 4}

HEADING_MAX_CHARS = 40  # a numbered first sentence longer than this is a numbered paragraph, not a heading
_UNPUNCTUATED_HEADING_MAX = 60
_TOPIC_MAX_CHARS = 16
_SENTENCE_END = "。！？!?"
_TEASER_END = re.compile(r"(?:\.{3,}|…+)$")
_SALUTATION = re.compile(r"^[^。，；,;]{1,24}[：:]$")
_VOCATIVE = re.compile(r"^[^。，；：,;:]{0,10}们[，,！!]")
_TITLE_PUNCTUATION = re.compile(r"[。，；！？,;!?：:]")
_MEETING = re.compile(
    r"(?:召开|参加|收听收看|收看|举行)了?([^，。；、]{0,20}(?:、[^，。；、]{1,12})*[^，。；]{0,20}?会议)"
)


def cn_number(text: str) -> int:
    """Value of a Chinese numeral up to 999 (一, 十二, 二十三), or of digits and circled digits."""
    if text.isdigit() and text.isascii():
        return int(text)
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    if text in _SEQUENCE_WORDS:
        return _SEQUENCE_WORDS[text]
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[char]
    return total + current


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
    items: list[_Node | Line] = field(default_factory=list)


@dataclass
class _Context:
    source: Source
    diagnostics: list[Diagnostic] = field(default_factory=list)
    used_anchors: set[str] = field(default_factory=set)

    def warn(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.source.path, line, message))

    def unique(self, anchor: str) -> str:
        candidate, n = anchor, 1
        while candidate in self.used_anchors:
            n += 1
            candidate = f"{anchor}-{n}"
        self.used_anchors.add(candidate)
        return candidate


def parse(source: Source) -> Speech:
    """Recover the structure of one speech."""
    context = _Context(source)
    lines = list(source.lines)

    description = _take_teaser(lines)
    text_title = _take_title(lines)
    salutation_line = _take_salutation(lines)
    closing_line = _take_closing(lines, salutation_line)

    root = _build_tree(lines, context)
    body = _freeze_children(root, "s", context)

    salutation = _paragraph(salutation_line.text, salutation_line.number, context) if salutation_line else None
    closing = _paragraph(closing_line.text, closing_line.number, context) if closing_line else None
    title, origin = _choose_title(source, text_title, body)
    renamed = text_title and text_title.text != title
    written_title = _paragraph(text_title.text, text_title.number, context) if renamed and text_title else None
    return Speech(
        source=source.path,
        slug=source.metadata.slug or "",
        title=title,
        title_origin=origin,
        metadata=source.metadata,
        description=description,
        written_title=written_title,
        salutation=salutation,
        body=body,
        closing=closing,
        diagnostics=source.diagnostics + tuple(context.diagnostics),
    )


# --- framing: teaser, title, salutation, closing -------------------------------------------


def _take_teaser(lines: list[Line]) -> str | None:
    """A scraped summary line (ends in ``...``, repeats the text below) is a description, not body."""
    if len(lines) < 2 or not _TEASER_END.search(lines[0].text):
        return None
    teaser = _squash(_TEASER_END.sub("", lines[0].text))
    rest = _squash("".join(line.text for line in lines[1:]))
    if len(teaser) < 8 or teaser[: len(teaser) // 2] not in rest:
        return None
    return lines.pop(0).text


def _take_title(lines: list[Line]) -> Line | None:
    if len(lines) < 2:
        return None
    first = lines[0].text
    if len(first) > 50 or _TITLE_PUNCTUATION.search(first) or _heading_style(first):
        return None
    return lines.pop(0)


def _take_salutation(lines: list[Line]) -> Line | None:
    """``同志们：`` when it opens the speech; after another line it stays in place, as taking it would reorder the text."""
    if lines and not _heading_style(lines[0].text) and _SALUTATION.match(lines[0].text):
        return lines.pop(0)
    return None


def _take_closing(lines: list[Line], salutation: Line | None) -> Line | None:
    if len(lines) < 2:
        return None
    last = lines[-1].text
    vocative = salutation.text.rstrip("：:") if salutation else None
    if (vocative and last.startswith(vocative) and last[len(vocative) : len(vocative) + 1] in "，,！!") or (
        not vocative and _VOCATIVE.match(last)
    ):
        return lines.pop()
    return None


def _choose_title(source: Source, text_title: Line | None, body: tuple[Block, ...]) -> tuple[str, str]:
    if source.metadata.title:
        return source.metadata.title, "sidecar"
    if text_title:
        return text_title.text, "text"
    return _derive_title(source, body), "derived"


def _derive_title(source: Source, body: tuple[Block, ...]) -> str:
    """A title from the content itself: the meeting it was given at, else its first theme."""
    opening = "".join(line.text for line in source.lines[:3])
    if match := _MEETING.search(opening):
        return f"在{match.group(1)}上的讲话"
    for block in body:
        if isinstance(block, Section) and block.number and (theme := block.heading[len(block.number) :].rstrip("。")):
            return theme
    first = source.lines[0].text
    sentence = re.split(f"[{_SENTENCE_END}]", first, maxsplit=1)[0] or first  # "。。。" is a line, not a sentence
    return sentence if len(sentence) <= 30 else sentence[:30] + "…"


# --- headings ---------------------------------------------------------------------------------


def _heading_style(text: str) -> tuple[str, re.Match[str]] | None:
    for style, pattern in _HEADING_STYLES:
        if match := pattern.match(text):
            return style, match
    return None


def _split_heading(text: str) -> tuple[str, str] | None:
    """Split a numbered line into (heading, rest); None when it reads as a paragraph."""
    end = next((i for i, char in enumerate(text) if char in _SENTENCE_END), None)
    if end is None:
        return (text, "") if len(text) <= _UNPUNCTUATED_HEADING_MAX else None
    if end + 1 > HEADING_MAX_CHARS:
        return None
    return text[: end + 1], text[end + 1 :]


def _build_tree(lines: list[Line], context: _Context) -> _Node:
    root = _Node(level=1, heading="", line=0, number=None, ordinal=None, style=None)
    stack: list[_Node] = [root]
    styles_seen: set[str] = set()
    for line in lines:
        found = _heading_style(line.text)
        split = _split_heading(line.text) if found else None
        if not found or not split:
            stack[-1].items.append(line)
            continue
        style, match = found
        ordinal = cn_number(match.group(1))
        depth = next((i for i, node in enumerate(stack) if node.style == style), None)
        if depth is None and ordinal != 1 and style not in styles_seen:
            stack[-1].items.append(line)  # a lone "二、" that starts no sequence is text
            continue
        if depth is not None:
            siblings = stack[depth - 1]
            del stack[depth:]
        else:
            siblings = stack[-1]
        _lint_numbering(siblings, style, ordinal, match.group(0), line, context)
        heading, rest = split
        node = _Node(min(len(stack) + 1, 6), heading, line.number, match.group(0), ordinal, style)
        siblings.items.append(node)
        stack.append(node)
        styles_seen.add(style)
        if rest:
            node.items.append(Line(line.number, rest))
    return root


def _lint_numbering(parent: _Node, style: str, ordinal: int, marker: str, line: Line, context: _Context) -> None:
    previous = [item for item in parent.items if isinstance(item, _Node) and item.style == style]
    expected = (previous[-1].ordinal or 0) + 1 if previous else 1
    if ordinal == expected:
        return
    missing = _renumber(marker, expected)
    if previous and ordinal == previous[-1].ordinal:
        context.warn(line.number, f"numbering repeated: {marker} twice in a row")
    elif ordinal > expected:
        after = f"after {previous[-1].number}" if previous else "at the start of its level"
        context.warn(line.number, f"numbering gap: {marker} comes {after}; {missing} is missing")
    else:
        context.warn(line.number, f"numbering goes back: {marker} after {previous[-1].number}")


def _renumber(marker: str, number: int) -> str:
    """``marker`` written with ``number`` instead of its own: (（四）, 3) → （三）."""
    if re.search(r"\d", marker):
        return re.sub(r"\d+", str(number), marker, count=1)
    if marker[0] in _CIRCLED:
        return _CIRCLED[number - 1] + marker[1:] if number <= len(_CIRCLED) else marker
    return re.sub(_CN, cn_numeral(number), marker, count=1)


def cn_numeral(number: int) -> str:
    """Chinese numeral for 1–99: 3 → 三, 10 → 十, 23 → 二十三."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


# --- freezing, with topics and enumerations ------------------------------------------------------


def _freeze_children(node: _Node, anchor: str, context: _Context) -> tuple[Block, ...]:
    blocks: list[Block] = []
    run: list[Line] = []

    def flush() -> None:
        if run:
            blocks.extend(_freeze_run(run, node.level, anchor, context))
            run.clear()

    for item in node.items:
        if isinstance(item, Line):
            run.append(item)
            continue
        flush()
        child_anchor = context.unique(f"{anchor}{item.ordinal}" if anchor == "s" else f"{anchor}-{item.ordinal}")
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


def _sentences(text: str) -> list[str]:
    return re.findall(f"[^{_SENTENCE_END}]+[{_SENTENCE_END}]*|[{_SENTENCE_END}]+", text)


def _topic_ending(sentence: str) -> str | None:
    """The two characters before the full stop of a short, comma-free lead sentence."""
    body = sentence.rstrip(_SENTENCE_END)
    if not sentence.endswith("。") or not 4 <= len(body) <= _TOPIC_MAX_CHARS or re.search('[，,；;：:“”"]', body):
        return None
    if any(pattern.match(body) for _, pattern in _ENUMERATIONS):
        return None
    return body[-2:]


def _freeze_run(run: list[Line], level: int, anchor: str, context: _Context) -> list[Block]:
    """Paragraph lines of one section → paragraphs, with run-in topics as sub-sections.

    A topic runs from its lead sentence to the next topic of the same section,
    across line breaks: scraped speeches often break a line in mid-topic.
    """
    pieces = [(line.number, sentence) for line in run for sentence in _sentences(line.text)]
    endings = [_topic_ending(sentence) for _, sentence in pieces]
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
    cuts = _item_starts([text for _, text in paragraphs])
    result: list[Paragraph] = []
    for (line, text), starts in zip(paragraphs, cuts, strict=True):
        bounds = sorted({0, *starts, len(text)})
        for start, end in pairwise(bounds):
            result.append(_paragraph(text[start:end], line, context, "item" if start in starts else "body"))
    return result


def _item_starts(texts: list[str]) -> list[set[int]]:
    """For each paragraph, the offsets where enumerated items start."""
    starts: list[set[int]] = [set() for _ in texts]
    for _, pattern in _ENUMERATIONS:
        for sequence in _sequences(texts, pattern):
            for paragraph, offset in sequence:
                starts[paragraph].add(offset)
    return starts


def _sequences(texts: list[str], pattern: re.Pattern[str]) -> list[list[tuple[int, int]]]:
    """Runs of one enumeration style as (paragraph, offset) lists.

    An item counts only as part of a sequence that starts at one and goes on
    without a break (一是 then 二是, possibly in the next paragraph): a lone
    ``三是`` in a sentence is text, not an item.
    """
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last = 0
    for paragraph, text in enumerate(texts):
        for match in pattern.finditer(text):
            word = match.group(1)
            number = cn_number(word)
            if number == 1:
                runs.append(current)
                current = [(paragraph, match.start())]
            elif current and (number == last + 1 or word == "最后"):
                current.append((paragraph, match.start()))
            else:
                runs.append(current)
                current = []
            last = number
    runs.append(current)
    return [run for run in runs if len(run) >= 2]


def _paragraph(text: str, line: int, context: _Context, kind: str = "body") -> Paragraph:
    return Paragraph(text=text, anchor=context.unique(paragraph_anchor(text)), line=line, kind=kind)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
