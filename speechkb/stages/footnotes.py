"""Footnote marks in a speech's sentences and the notes they pair with, as a copied document leaves them.

A Word or PDF document's notes lose their form when copied as text: a note's mark in a sentence stays as written
(``……下降16%[1]。``, ``“三个必须”②要求``), as a superscript digit (``……下降33.3%¹，``) or, where the superscript's
raising was lost (a web page's copy, ``pdftotext``), as a plain digit glued to the word or quote it follows
(``落实“三管三必须”1要求``, ``……三年行动2。``); the note itself opens with the same mark (``[1] 数据来源：……``,
``¹ 数据来源：……``, ``1 《安全生产法》第三条……``).

A number in a sentence is far more often a figure (``2023年``, ``第1季度``, ``3起事故``) than a mark, and a figure
read as a note's mark would cut the speech's text: so a digit is a mark only where it stands as one (glued after
a word and before a break, or after a closing quote), the marks count from 1 in the order the text gives them, and
a line is a note only when its mark pairs with one that a sentence above gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from speechkb.model import Line
from speechkb.stages.layout import joined_lines
from speechkb.stages.normalize import simplified
from speechkb.stages.numbering import CIRCLED

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_DIGITS = str.maketrans(SUPERSCRIPT, "0123456789")
_CJK = "\u4e00-\u9fff"
_CLOSING = "”’」』》"

# A mark inside a sentence: [1] or ①, as written; a superscript digit not raising a unit's letter (m², km³); a
# digit glued to a word and followed by a break (……三年行动2。), or to a closing quote (“三管三必须”1要求).
_REFERENCE = re.compile(
    rf"(?P<bracketed>\[\d{{1,2}}\])|(?P<circled>[{CIRCLED}])"
    rf"|(?<![A-Za-z{SUPERSCRIPT}])(?P<raised>[{SUPERSCRIPT}]{{1,2}})(?![{SUPERSCRIPT}])"
    rf"|(?<=[{_CJK}])(?P<glued>\d{{1,2}})(?=[，。；！？,;!?]|$)"
    rf"|(?<=[{_CLOSING}])(?P<quoted>\d{{1,2}})(?![\d.．%％:：])"
)
# A note's mark at the start of its line: [1] or ①, a superscript digit, or a digit set apart from the note by a
# space or standing before an opening quote or title mark (1 《安全生产法》……); never 1. or 1、, a list's.
_MARKER = re.compile(
    rf"^(?:[{CIRCLED}]|\[\d{{1,2}}\]|[{SUPERSCRIPT}]{{1,2}}(?![{SUPERSCRIPT}])\s*|\d{{1,2}}(?:[ \t\u3000]+|(?=[《“「])))"
)
# A clause that opens with a circled number (要做到：①建立台账；②……) numbers a list in its sentence, not a note.
_CLAUSE_LIST = re.compile(rf"(?:^|[：:；;，,。、\s])[{CIRCLED}]")
# Cells of a table a line holds (1　青岚镇　52): columns, not a note's text.
_COLUMNS = re.compile(r"\t|[ \u3000]{2,}\S")
_FIRST = (CIRCLED[0], "[1]", "1")
_NOTE_END = "。！？!?；;”）)"  # a note's sentence done: the next line is a note of its own


def note_key(mark: str) -> str:
    """The mark a note's line opens with as the text refers to it: ¹ and 1 are one mark, [1] and ① others."""
    return mark.strip().translate(_DIGITS)


def note_marker(text: str) -> re.Match[str] | None:
    """The mark a note's line starts with, its text after it: ``[1]`` of ``[1] 数据来源：……``, ``1`` of ``1 《安全生产法》
    第三条……``; None for a line that is no note, only a mark, or a table's row."""
    plain = simplified(text).strip()
    marker = _MARKER.match(plain)
    if not marker or not plain[marker.end() :].strip():
        return None
    digit = marker.group()[0].isdigit()
    return None if digit and _COLUMNS.search(plain, marker.end()) else marker


def note_references(lines: Sequence[Line]) -> dict[str, int]:
    """Each note's mark a sentence refers to, by :func:`note_key`, and the index of the first line that does.

    A digit (raised or glued) is a mark only in its turn: the first 1, then the first 2 after it …, so that a
    figure out of turn (a 3 before any 1) is none. A circled number that opens a clause numbers a list."""
    referenced: dict[str, int] = {}
    turn = 1
    for index, line in enumerate(lines):
        listing = _CLAUSE_LIST.search(line.text) is not None
        for reference in _REFERENCE.finditer(line.text, 1):
            mark = reference.group()
            if reference.lastgroup in ("bracketed", "circled"):
                if not (listing and mark in CIRCLED):
                    referenced.setdefault(mark, index)
            elif int(key := note_key(mark)) == turn:
                referenced[key] = index
                turn += 1
    return referenced


def wrapped_notes(notes: Sequence[Line], opens: Callable[[str], bool]) -> bool:
    """Whether each of ``notes`` is a note (``opens`` it) or the rest of the one above, which a page's edge broke
    before its sentence's end (``[1] 数据来源：……不含森林火灾和`` / ``草原火灾。``); the first is a note."""
    return bool(notes) and all(
        opens(line.text) or (at > 0 and notes[at - 1].text.rstrip()[-1:] not in _NOTE_END)
        for at, line in enumerate(notes)
    )


def notes_rejoined(notes: Sequence[Line], opens: Callable[[str], bool]) -> list[Line]:
    """``notes`` with each line a page's edge broke off a note joined back to it (see :func:`wrapped_notes`): a note is
    one paragraph, as its document prints it, not a note and a stray line under it."""
    joined: list[Line] = []
    for line in notes:
        previous = joined[-1] if joined else None
        if previous and not opens(line.text) and previous.text.rstrip()[-1:] not in _NOTE_END:
            joined[-1] = joined_lines(previous, line)
        else:
            joined.append(line)
    return joined


def referenced_notes(notes: Sequence[Line], text: Sequence[Line]) -> bool:
    """Whether each of ``notes`` starts with a note's mark that a line of ``text`` refers to inside it (not at its
    start, where ① numbers an item), or goes on with the note above it (see :func:`wrapped_notes`), the first of
    them ①, [1] or 1, and digits counting on from it: notes, not a list the speech goes on with."""
    if not wrapped_notes(notes, lambda text: note_marker(text) is not None):
        return False
    markers = [note_marker(line.text) for line in notes]
    keys = [note_key(marker.group()) for marker in markers if marker]
    if keys[0] not in _FIRST:
        return False
    if keys[0] == "1" and keys != [str(number) for number in range(1, len(keys) + 1)]:
        return False
    referenced = note_references(text)
    return all(key in referenced for key in keys)
