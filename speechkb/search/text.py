"""The normalised form that search matches on, identical in Python (index) and JavaScript (query).

The index is built here and queried in the browser, so both sides must fold text the same way,
character for character, or a phrase in the index could never be found by the query that types it.
Only foldings that JavaScript can repeat exactly are used: full-width ASCII to ASCII, ASCII upper to
lower case, and removal of white space (an explicit character class, the same in both languages).
Traditional → simplified is done on the page text here (OpenCC, by phrase); the browser gets a
per-character table (:func:`traditional_table`) for the rarer case of a query typed in traditional.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np
import numpy.typing as npt

from speechkb.stages.normalize import simplified

# JavaScript's \s plus the zero-width space scraped pages are full of; the worker uses the same class.
_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200C))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
WHITESPACE = re.compile(f"[{_WHITESPACE}]+")
_FULL_WIDTH = (0xFF01, 0xFF5F)
_FULL_WIDTH_OFFSET = 0xFEE0
_FOLD = {code: chr(code - _FULL_WIDTH_OFFSET).lower() for code in range(*_FULL_WIDTH)} | {
    code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)
}
_CODE_POINTS = 0x110000
_DROPPED = 0xFFFFFFFF  # no code point
# CJK Unified Ideographs and Extension A: where traditional characters that OpenCC maps live.
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


def fold(text: str) -> str:
    """Full-width ASCII to ASCII and ASCII to lower case; the same length as ``text``."""
    return text.translate(_FOLD)


def matchable(text: str) -> str:
    """``text`` as the index sees it: simplified, folded, without white space."""
    return WHITESPACE.sub("", fold(simplified(text)))


def matchable_code_points(code_points: npt.NDArray[np.uint32], keep: str = "") -> npt.NDArray[np.uint32]:
    """:func:`matchable` of simplified text given as code points, white space but ``keep`` removed.

    The same folding as :func:`fold`, on a whole corpus at once: each code point looked up in a table of
    them all (:func:`_folding`), six times as fast as folding each range with masks of the whole text.
    """
    folded = _folding(keep)[code_points]
    matched: npt.NDArray[np.uint32] = folded[folded != _DROPPED]
    return matched


@cache
def _folding(keep: str) -> npt.NDArray[np.uint32]:
    """What :func:`matchable_code_points` makes of each code point: its folded one, or ``_DROPPED`` for white
    space other than ``keep``."""
    table = np.arange(_CODE_POINTS, dtype=np.uint32)
    table[_FULL_WIDTH[0] : _FULL_WIDTH[1]] -= _FULL_WIDTH_OFFSET
    table[(table >= ord("A")) & (table <= ord("Z"))] += ord("a") - ord("A")  # full-width ones too, now ASCII
    table[[ord(char) for char in _WHITESPACE if char not in keep]] = _DROPPED
    return table


def matchable_pages(pages: Sequence[Sequence[str]]) -> npt.NDArray[np.uint32]:
    """The matchable code points of ``pages``' segments (simplified already), each segment followed by a
    line feed: :func:`matchable` of each, joined, for many texts at once (a segment's own line feeds are
    white space and go)."""
    # Joined a page at a time: a step of Python per segment cost more than folding it. A segment with its own
    # line feed (there are then more of them than segments) is joined with it made a space.
    text = "\n".join(["\n".join(page) for page in pages]) + "\n"
    if text.count("\n") != sum(map(len, pages)):
        text = "".join(segment.replace("\n", " ") + "\n" for page in pages for segment in page)
    return matchable_code_points(np.frombuffer(text.encode("utf-32-le"), dtype="<u4"), keep="\n")


def simplified_each(texts: Sequence[str]) -> list[str]:
    """:func:`~speechkb.stages.normalize.simplified` of each text, in one call for all of them.

    A call into OpenCC costs more than the text it converts, and a page has hundreds of passages. Line
    feeds separate them: no phrase conversion crosses one. A text that has its own line feed is
    converted on its own. A text that was simplified already (nearly all) is returned itself, not an
    equal copy: the index keeps both forms of every page, and at 10,000 speeches a copy is 90 MB.
    """
    joined = "\n".join(texts)
    if joined.count("\n") == len(texts) - 1:  # no text has a line feed of its own
        converted = simplified(joined).split("\n")
        if converted == list(texts):  # a page simplified already (most): its texts, compared in one step
            return list(texts)
        if len(converted) == len(texts):
            return list(map(_original_if_unchanged, texts, converted))
    return [_original_if_unchanged(text, simplified(text)) for text in texts]


def _original_if_unchanged(text: str, simple: str) -> str:
    return text if simple == text else simple


def traditional_table(present: Iterable[str]) -> str:
    """Pairs ``繁简繁简…`` of traditional characters whose simplified form is in ``present``.

    A query typed in traditional characters is simplified character by character with this table;
    characters the corpus does not contain cannot match anyway, so the table stays a few kilobytes.
    A character that ``present`` itself contains is left out: OpenCC converts by phrase and keeps 著
    in 著名, so mapping 著 → 着 in a query would lose matches that the text has.
    """
    wanted = set(present)
    pairs: list[str] = []
    for start, end in _HAN_RANGES:
        block = "\n".join(chr(code) for code in range(start, end))  # one per line: no phrase conversion
        for traditional, simple in zip(block[::2], simplified(block)[::2], strict=True):
            if simple != traditional and simple in wanted and traditional not in wanted:
                pairs.append(traditional + simple)
    return "".join(pairs)
