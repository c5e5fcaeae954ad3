"""Layout stage: lines as a file breaks them → lines as the speech's paragraphs are.

Text copied from a PDF or a Word document arrives hard-wrapped: every line is about as wide as the
page, broken mid-sentence, with page footers in between. Text copied from a web page whose line breaks
were lost arrives collapsed: title, salutation, headings and paragraphs in one line, separated by a
space or by nothing at all. Both are recovered here from the form of the text alone, before the parser
looks for structure:

- a collapsed line is split where a new line must have begun: after a sentence or a salutation when a
  space follows, before a numbering marker that continues its sequence, after a title or an unpunctuated
  heading followed by a space;
- hard-wrapped lines are joined back when the document is hard-wrapped (most long lines have the same
  width and break mid-sentence) and a line is full: a line that ends short, a line that the next one's
  indentation or numbering marker shows to be the end of a paragraph, is never joined;
- a heading's number that a PDF's text layer broke off its heading (``二、`` / ``压实责任``, ``（`` / ``一）……``)
  is put back on the heading's line, in any text.

Nothing is lost or reordered: every character of the input is in exactly one output line, in order;
white space at a split or a join is the only thing that goes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from statistics import quantiles

from speechkb.model import Line
from speechkb.stages.numbering import CIRCLED, CN, cn_number, heading_style, number_word

# Collapsed lines: only long lines are split, as a speech's own short lines (a byline with a full-width
# space, 县长　王某某) hold spaces that separate nothing.
COLLAPSED_MIN_CHARS = 120
_SENTENCE_END = "。！？!?；;…"
_LINE_END_AFTER_SPACE = _SENTENCE_END + "：:”』」）)"
_SPACE = re.compile(r"\s+")
# A marker that can open a part or section in running text: 一、 （一） (一) 1. ① and 第一，…
_INLINE_MARKER = re.compile(rf"(?:{CN}、|[（(]{CN}[）)]|第{CN}[，,、]|[{CIRCLED}])")
_SHORT_HEADING_CHARS = 40
# The second phrase of a two-phrase heading: short, unpunctuated, then a break of its own.
_HEADING_PHRASE = re.compile(r"^[^\s，。！？；：,.!?;:]{2,20}(?:\s|$)")
_HEADING_PUNCTUATION = re.compile(r"[。！？!?；;：:]")
# A title's last words (……会议上的讲话 市长 李某某): a byline or the speech follows on a line of its own.
_TITLE_END = re.compile(r"(?:[讲講][话話]|[发發]言|致[辞辭])$")
_DATE_IN_BRACKETS = re.compile(r"^[（(]\s*(?:\d(?:\s?\d){3}|[一二三四五六七八九〇零○]{4})\s*年[^）)]{0,12}[）)]")
_SLOGAN_HALF = re.compile(r"^[^\s，。！？；：,.!?;:]{2,20}\s*——")
_SALUTATION_START = re.compile(r"^[^，。：:\s]{0,12}[们們][：:]")  # 同志们： after a byline on a collapsed page
# The audience addressed again (同志们，…): after a sentence it starts a paragraph, the closing as a rule.
# A pronoun's 们 (……印发给你们，请认真学习) addresses no one: a sentence a page broke goes on after it.
_ADDRESS = r"[^，。；：,;:\s]{0,10}(?<![我你他她咱它])[们們][，,！!]"
_ADDRESS_AFTER_SENTENCE = re.compile(rf"(?<=[。！？!?])(?={_ADDRESS})")
_ADDRESS_START = re.compile(_ADDRESS)
_SENTENCE_PUNCTUATION = re.compile(r"[，。；！？,;!?]")
# 同志们：今天，…; 各位领导、同志们：刚才…: a salutation that a paragraph follows on its line.
_SALUTATION_LEAD = re.compile(
    r"(?:(?:尊敬的)?[^。；;：:，,\s的]{1,12}[，,、])?(?:尊敬的)?[^。，；,;：:\s的]{1,10}(?<![我你他她咱它])[们們][：:]\s*(?=\S)"
)
_MEETING = re.compile(r"在.{2,60}会")  # a title that names its meeting: 在……会议上的讲话
_SALUTATION_AFTER_TITLE = re.compile(r"(?<=[讲講]话|发言|致辞|[講讲]話)(?=[^，。；,;]{1,12}[们們][：:])")

# Hard-wrapped documents: a line is "full" when it is within this many columns of the wrap width (at least).
_FULL_SLACK = 4
_MIN_WRAPPED_LINES = 5
_MAX_WRAP_COLUMNS = 120  # 60 Chinese characters: wider lines are paragraphs, not a page's lines
_MIN_WRAP_COLUMNS = 24


def restore_lines(lines: Sequence[Line]) -> list[Line]:
    """Collapsed lines split into the lines they were; used before the chrome is set apart."""
    glued = _glued_markers(lines)
    return [piece for index, line in enumerate(lines) for piece in split_collapsed(line, glued.get(index, []))]


def split_collapsed(line: Line, markers: Sequence[int] = ()) -> list[Line]:
    """``line`` cut where a collapsed web page lost its line breaks; ``[line]`` when nothing was lost.

    ``markers``: offsets of numbering markers glued to a sentence's end that start a line (see
    :func:`_glued_markers`, which needs the whole text to tell).
    """
    if line.heading_level is not None:
        return [line]  # a heading the file declares is one line, however long
    text = line.text
    cuts_before = [*markers, *_salutation_cuts(text), *_address_cuts(text)]
    cuts = sorted(set(cuts_before) | set(_space_cuts(text, cuts_before)))
    if not cuts:
        return [line]
    pieces: list[Line] = []
    start = 0
    for cut in [*cuts, len(text)]:
        piece = text[start:cut].strip()
        if piece:
            pieces.append(Line(line.number, piece, line.indented if not pieces else False, pages=line.pages))
        start = cut
    pieces[-1] = replace(pieces[-1], soft_break=line.soft_break)  # the file's break is after the last piece
    return pieces


def _glued_markers(lines: Sequence[Line]) -> dict[int, list[int]]:
    """Numbering markers glued to the end of a sentence (``……取得实效。二、强化……``) that start a line: by line
    index, their offsets.

    A glued marker counts when it continues a sequence: the previous marker of its style, at the start of a
    line or a sentence anywhere before it, has the number before its own, or the next one the number after.
    A lone ``（三）`` after a sentence is a reference, not a heading.
    """
    found: list[tuple[int, int, str, int, str]] = []  # line index, offset, style, number, the sign before it
    for index, line in enumerate(lines):
        for match in _MARKER_START.finditer(line.text):
            if marker := heading_style(line.text[match.end() :]):
                sign = line.text[match.end() - 1] if match.end() else ""
                found.append((index, match.end(), marker[0], cn_number(number_word(marker[1])), sign))
    cuts: dict[int, list[int]] = {}
    for at, (index, offset, style, number, sign) in enumerate(found):
        if not sign or sign not in _GLUED_AFTER:
            continue
        before = next((n for _, _, other, n, _ in reversed(found[:at]) if other == style), None)
        following = next((f for f in found[at + 1 :] if f[2] == style), None)
        if following and following[4] and following[4] in _LIST_SEPARATORS:
            continue  # 三项工作：一、建立台账；二、开展检查；: a list in a sentence, not headings
        if before == number - 1 or (following and following[3] == number + 1):
            cuts.setdefault(index, []).append(offset)
    return cuts


_GLUED_AFTER = "。！？!?…：:"  # a marker after these may start a line; after ；or ， it is a list item
_LIST_SEPARATORS = "；;，,、"


# Where a part or section marker may start: the line's start, after a sentence, after white space.
_MARKER_START = re.compile(rf"(?:^|(?<=[{re.escape(_SENTENCE_END)}：:，,、])|(?<=\s))(?=(?:{CN}、|[（(]{CN}[）)]))")


def _space_cuts(text: str, markers: list[int]) -> list[int]:
    """Where a run of white space in a long line stands for a lost line break (``markers``: cuts already made)."""
    if len(text) < COLLAPSED_MIN_CHARS:
        return []
    cuts: list[int] = []
    segment_start = 0
    for space in _SPACE.finditer(text):
        segment_start = max([segment_start, *(cut for cut in markers if cut <= space.start())])
        before, after = text[segment_start : space.start()], text[space.end() :]
        if not before or not after:
            continue
        short_unpunctuated = len(before) <= _SHORT_HEADING_CHARS and not _HEADING_PUNCTUATION.search(before)
        if space.group() == "\u3000" and heading_style(before) and _HEADING_PHRASE.match(after):
            continue  # 一、提高政治站位　切实增强责任感: one heading in two phrases, as official headings are
        if segment_start == 0 and _SLOGAN_HALF.match(after):
            continue  # 筑牢安全防线 护航高质量发展 ——在…讲话: a slogan title in two halves, then its subtitle
        if (
            before[-1] in _LINE_END_AFTER_SPACE
            or _TITLE_END.search(before)
            or _DATE_IN_BRACKETS.match(after)
            or _INLINE_MARKER.match(after)
            or _SALUTATION_START.match(after)
            or (short_unpunctuated and (segment_start == 0 or heading_style(before)))
        ):
            cuts.append(space.start())
            segment_start = space.end()
    return cuts


def _address_cuts(text: str) -> list[int]:
    """``……取得实效。同志们，安全生产……``: in a collapsed page, the audience addressed again after a sentence
    starts a paragraph (the closing, as a rule)."""
    if len(text) < COLLAPSED_MIN_CHARS:
        return []
    return [match.start() for match in _ADDRESS_AFTER_SENTENCE.finditer(text)]


def _salutation_cuts(text: str) -> list[int]:
    """``在……会议上的讲话同志们：今天……``: the salutation glued to the title before it, or to the paragraph after
    it, as pages that lost a line break have them, however short the line."""
    cuts: list[int] = []
    title = _SALUTATION_AFTER_TITLE.search(text, 0, 80)
    if title and not _SENTENCE_PUNCTUATION.search(text, 0, title.start()) and _MEETING.search(text, 0, title.start()):
        cuts.append(title.start())
    start = cuts[0] if cuts else 0
    if (opening := _SALUTATION_LEAD.match(text, start)) and opening.end() < len(text.rstrip()):
        cuts.append(opening.end())
    return cuts


# --- hard-wrapped text ---------------------------------------------------------------------------


def columns(text: str) -> int:
    """How wide ``text`` is on a page, in columns: a Chinese character or full-width sign takes two.

    Counted from the UTF-8 length, in C: every character of three or four bytes is taken as wide (CJK,
    full-width punctuation), which is what a speech is made of; Unicode's width table per character would
    cost a Python call for each of them.
    """
    encoded = len(text.encode("utf-8", "surrogatepass"))
    two_byte = len(_TWO_BYTE.findall(text)) if encoded - len(text) else 0
    return len(text) + (encoded - len(text) - two_byte) // 2


_TWO_BYTE = re.compile("[\u0080-\u07ff]")  # Latin letters with accents, Greek, Cyrillic: one column, two bytes


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The width the document was wrapped at, in columns; None when it is not hard-wrapped.

    A hard-wrapped page has many lines of one width that break mid-sentence; paragraphs kept on one line
    each (a Word or web text) have widths all over the place, and end with a full stop.
    """
    widths = [_width(line) for line in lines]
    long = [width for width in widths if width >= _MIN_WRAP_COLUMNS]
    if len(long) < _MIN_WRAPPED_LINES:
        return None
    width = int(quantiles(long, n=10)[-1]) if len(long) >= 2 else long[0]
    if width > _MAX_WRAP_COLUMNS:
        return None
    full = [line for line, w in zip(lines, widths, strict=True) if w + _slack(width) >= width]
    mid_sentence = [line for line in full if line.text[-1] not in _SENTENCE_END]
    if len(full) * 5 < len(long) * 2 or len(mid_sentence) * 2 < len(full):
        return None
    return width


def join_wrapped(lines: Sequence[Line], text: Sequence[Line] | None = None) -> list[Line]:
    """Hard-wrapped lines joined back into paragraphs; the lines as they are when the text is not wrapped.

    A line joins the next when it is full (within a few columns of the wrap width) and the next line does
    not start a paragraph: it is not indented in a document whose paragraphs are, and starts with no
    numbering marker, unless the full line stops in the middle of a sentence (``……恢复正常水平，第`` /
    ``二、三产业用工需求旺盛``: a heading starts after a paragraph's last sentence, never inside one). The first line keeps its number, so a paragraph is cited by the line it starts on. A file
    that knows where its lines stand on the page (a PDF) says which lines are full (:attr:`Line.runs_on`): its
    lines are not measured.

    A line the file broke inside a paragraph (:attr:`Line.soft_break`, a web page's ``<br>``) is read like a
    wrapped one: it joins the next when it stops in the middle of a sentence (:func:`stops_mid_sentence`) and
    the next line does not start a paragraph of its own (:func:`opens_paragraph`); or when it ends an entry of a
    list run in its sentence and the next line opens the list's next entry (:func:`_list_goes_on`).

    ``text``: the whole text ``lines`` are a piece of (cut where a table stands), whose width is measured: a piece
    of a few lines tells no wrap width.
    """
    lines = _markers_rejoined(lines)
    declared = any(line.runs_on for line in lines)
    width = None if declared else wrap_width(lines if text is None else text)
    if width is None and not declared and not any(line.soft_break for line in lines):
        return list(lines)
    indenting = sum(line.indented for line in lines) * 5 >= len(lines)
    joined: list[Line] = []
    last_full = False  # whether the last line of the file taken was full, not the paragraph it joined
    last_mid_sentence = False  # whether it was broken softly in the middle of a sentence
    last_in_list = False  # whether it was broken, softly or at the page's edge, after a list's entry (……；)
    for line in lines:
        wrapped = (
            joined
            and (last_full or (last_mid_sentence and not line.indented and not opens_paragraph(line.text)))
            and not (indenting and line.indented)
            and not (heading_style(line.text) and not (last_full and stops_mid_sentence(joined[-1].text)))
            and not _readdresses(joined[-1].text, line.text)
        )
        if (
            joined
            and (wrapped or (last_in_list and _list_goes_on(joined[-1].text, line.text)))
            and line.heading_level is None  # a heading the file declares is a paragraph of its own
            and joined[-1].heading_level is None
        ):
            joined[-1] = joined_lines(joined[-1], line)
        else:
            joined.append(line)
        last_full = line.runs_on if width is None else _width(line) + _slack(width) >= width
        # A short line of a hard-wrapped text that stops mid-sentence was broken by hand (a Word line break), not
        # ended: it runs on as a soft break does.
        last_mid_sentence = (line.soft_break or width is not None) and stops_mid_sentence(line.text)
        last_in_list = (line.soft_break or last_full) and line.text[-1] in _ENTRY_END
    return joined


_ENTRY_END = "；;"  # a list's entries in a sentence are parted by semicolons, the last one ends it
_CLAUSE_BREAK = "：:；;"


def _list_goes_on(previous: str, line: str) -> bool:
    """Whether ``line`` opens with the next entry of a list that runs in ``previous``'s sentence (``……工作：（1）……；
    （2）……；`` / ``（3）……``): a page break or a ``<br>`` cut the list, the entry is not a paragraph of its own."""
    found = heading_style(line)
    if found is None:
        return False
    style, number = found[0], cn_number(number_word(found[1]))
    return any(
        (entry := heading_style(previous[at:])) is not None
        and entry[0] == style
        and cn_number(number_word(entry[1])) == number - 1
        for at in range(1, len(previous))
        if previous[at - 1] in _CLAUSE_BREAK
    )


def _markers_rejoined(lines: Sequence[Line]) -> list[Line]:
    """``lines`` with a heading's number put back on its heading's line, where a PDF's text layer or a copy broke it
    off: a line that is only an opening bracket (``（`` / ``一）压实……``) or only a number (``二、`` / ``压实责任``) goes
    on in the next line, and a bracket ending a paragraph's line before the rest of a number (``……落实。（`` /
    ``二）……``) moves to it. No line is only an opening bracket or a number, and a sentence does not end in one."""
    rejoined: list[Line] = []
    for line in lines:
        last = rejoined[-1] if rejoined else None
        if last is None or last.heading_level is not None or line.heading_level is not None:
            rejoined.append(line)
        elif _OPENING_ALONE.fullmatch(last.text) or (_number_alone(last.text) and not heading_style(line.text)):
            rejoined[-1] = joined_lines(last, line)
        elif _BRACKET_AFTER_SENTENCE.search(last.text) and _REST_OF_NUMBER.match(line.text):
            rejoined[-1] = replace(last, text=last.text[:-1].rstrip())
            rejoined.append(replace(line, text=last.text[-1] + line.text, indented=False))
        else:
            rejoined.append(line)
    return rejoined


_OPENING_ALONE = re.compile(r"\s*[（(【［\[]\s*")
_BRACKET_AFTER_SENTENCE = re.compile(r"(?<=[。！？!?；;：:])\s*[（(]$")
_REST_OF_NUMBER = re.compile(rf"{CN}[）)]")
_NUMBER_STYLES = ("cn-dun", "cn-paren", "cn-bracket", "arabic-dot", "arabic-paren", "ordinal", "circled")


def _number_alone(text: str) -> bool:
    """Whether ``text`` is a heading's number and nothing else (二、, （三）, 1.)."""
    style = heading_style(text.strip())
    return style is not None and style[0] in _NUMBER_STYLES and style[1].end() == len(text.strip())


def stops_mid_sentence(text: str) -> bool:
    """Whether ``text`` stops in the middle of a sentence: its last sentence is under way (a sentence before it
    is done, or a clause of it) and unfinished.

    A title, a byline, a date line or a heading alone on its line is no sentence under way: it ends where it ends.
    """
    if text.rstrip(_CLOSING_MARKS)[-1:] in _SOFT_BREAK_END:
        return False
    if text.endswith(_LIST_MARK) and not _number_alone(text):
        return (
            True  # 要聚焦危险化学品、燃气、: the list's next entry is to come, whatever came before (二、 is a number)
        )
    ended = max(text.rfind(mark) for mark in _SENTENCE_END)
    if ended < 0 and heading_style(text):
        return False  # 一、坚持问题导向，抓好关键环节: a heading, however many phrases it has
    return ended >= 0 or _CLAUSE_MARK.search(text) is not None


def opens_paragraph(text: str) -> bool:
    """Whether ``text`` can only start a paragraph: a numbering or an item's marker (一、 （一） 第一， 一是),
    the audience addressed (同志们，同志们：), a date line, a subtitle's dash."""
    return bool(
        heading_style(text)
        or _INLINE_MARKER.match(text)
        or _ITEM_START.match(text)
        or _ADDRESS_START.match(text)
        or _SALUTATION_START.match(text)
        or _DATE_IN_BRACKETS.match(text)
        or text.startswith("——")
    )


_SOFT_BREAK_END = _SENTENCE_END + "：:"  # a sentence, a clause list or a salutation is done at a break after these
_CLOSING_MARKS = "”’」』》）)"  # after a sentence's end (。” …。）) they close it too
_CLAUSE_MARK = re.compile("[，,]")
_LIST_MARK = "、"
_ITEM_START = re.compile(rf"(?:{CN}[是要](?!求)|首先|其次|一方面|另一方面)")


def _readdresses(previous: str, line: str) -> bool:
    """Whether ``line`` starts a paragraph that addresses the audience again after a finished sentence
    (``……绝不姑息。`` / ``同志们，……``): a justified page's last line of a paragraph may end a character or two
    short and pass for full, but a speech turns to its audience only at a paragraph's start. So does a salutation
    alone on its line (``同志们：``) under a line with no sentence under way: a byline set beside its date across the
    page (``副县长　杨某某　　（2024年4月8日）``) reaches the page's edge, yet the speech opens under it."""
    return (previous[-1] in _SENTENCE_END and _ADDRESS_START.match(line) is not None) or (
        _SALUTATION_LINE.match(line) is not None and not stops_mid_sentence(previous)
    )


_SALUTATION_LINE = re.compile(r"^[^，。：:\s]{0,12}[们們][：:]$")


def joined_lines(first: Line, second: Line) -> Line:
    """Two lines read as one paragraph, cited by the first's number and standing on the pages of both."""
    return Line(first.number, _joined(first.text, second.text), first.indented, pages=_spanned(first, second))


def _spanned(first: Line, last: Line) -> tuple[int, int] | None:
    """The pages a paragraph joined from ``first`` to ``last`` stands on: over a page break, two."""
    if first.pages is None or last.pages is None:
        return first.pages or last.pages
    return first.pages[0], last.pages[1]


def _slack(width: int) -> int:
    """How far short of the wrap width a line may end and still be full: a line of justified Chinese ends a
    character or two early when the next word would not fit, or when it holds digits and Latin letters."""
    return max(_FULL_SLACK, width // 10)


def _width(line: Line) -> int:
    """How much of the page's width a line takes: its text, and the indentation that starts a paragraph.

    Lines are stripped when read; a justified page's indented first line is as full as the others.
    """
    return columns(line.text) + (_INDENT_COLUMNS if line.indented else 0)


_INDENT_COLUMNS = 4  # two full-width spaces, the indentation of Chinese paragraphs


def _joined(first: str, second: str) -> str:
    """Two pieces of one paragraph: Chinese runs on without a space, two ASCII words keep one."""
    if first[-1].isascii() and first[-1].isalnum() and second[0].isascii() and second[0].isalnum():
        return f"{first} {second}"
    return first + second
