"""What Word declares about a paragraph besides its text: the heading level of its style, and the number its
automatic list numbering shows before it.

A speech made in Word's usual way types neither: its parts are paragraphs in the Heading 1 style (标题 1),
and their ``一、`` or ``（一）`` is drawn by a numbering definition, not written in the text. Both are read
here from the document's own XML (python-docx models neither fully):

- the heading level: the paragraph's outline level, else its style's (following ``basedOn``), else a
  style named ``heading N`` or ``标题 N``; outline level 10 (body text) declares none;
- the number shown: the paragraph's numbering (``numId``, ``ilvl``), from itself or its style; the level's
  format (``chineseCounting`` 一二三, ``decimal``, ``ideographTraditional`` 甲乙丙 …) written into its text
  (``%1、``, ``（%1）``, ``%1.%2``), one counter per list (``numId``) and level, a level starting again when
  a level above it is used (or as ``lvlRestart`` says), ``startOverride`` and ``isLgl`` honoured.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Element = Any  # an lxml element of python-docx's parts: lxml has no type stubs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_BODY_TEXT_OUTLINE = 9  # outline level 9 (shown as 正文文本 / Body Text): not a heading
_MAX_LEVELS = 9


def _value(element: Element | None, path: str) -> str | None:
    """The ``w:val`` of the element at ``path`` under ``element``, if both are there."""
    if element is None:
        return None
    found = element.find(path)
    return None if found is None else found.get(_VAL)


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None  # as written: 0 is the highest heading level
    num_id: str | None
    ilvl: int | None


class WordStyles:
    """The document's styles (``styles.xml``), enough to tell a paragraph's heading level and numbering."""

    def __init__(self, styles: Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default: str | None = None  # the paragraph style of a paragraph that names none
        for style in [] if styles is None else styles.iter(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if style_id is None:
                continue
            properties = style.find(f"{W}pPr")
            self._styles[style_id] = _Style(
                name=_value(style, f"{W}name") or style_id,
                based_on=_value(style, f"{W}basedOn"),
                outline=_int(_value(properties, f"{W}outlineLvl")),
                num_id=_value(properties, f"{W}numPr/{W}numId"),
                ilvl=_int(_value(properties, f"{W}numPr/{W}ilvl")),
            )
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true", "on"):
                self.default = style_id

    def of(self, paragraph: Element) -> str | None:
        """The style id of ``paragraph``."""
        return _value(paragraph.find(f"{W}pPr"), f"{W}pStyle") or self.default

    def chain(self, style_id: str | None) -> Iterator[tuple[str, _Style]]:
        """``style_id`` and the styles it is based on, nearest first (a cycle ends the chain)."""
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style_id, style
            style_id = style.based_on

    def heading_level(self, paragraph: Element, style_id: str | None) -> int | None:
        """The heading level ``paragraph`` declares (1 highest), or None for a paragraph of text."""
        outline = _int(_value(paragraph.find(f"{W}pPr"), f"{W}outlineLvl"))
        chain = list(self.chain(style_id))
        if outline is None:
            outline = next((style.outline for _, style in chain if style.outline is not None), None)
        if outline is None:
            names = (_HEADING_NAME.match(style.name.strip()) for _, style in chain)
            outline = next((int(match.group(1)) - 1 for match in names if match), None)
        if outline is None or not 0 <= outline < _BODY_TEXT_OUTLINE:
            return None
        return outline + 1


@dataclass(frozen=True)
class _Level:
    start: int
    format: str
    text: str | None  # lvlText: what is shown, with %1 … %9 for the levels' numbers
    restart: int | None  # lvlRestart: the 1-based level whose use starts this one again; 0 never
    legal: bool  # isLgl: every number in the text in Arabic digits
    suffix: str  # what Word puts after the number: a tab, a space or nothing
    style: str | None  # pStyle: the paragraph style this level belongs to


def _level(element: Element, start: int | None = None) -> _Level:
    legal = element.find(f"{W}isLgl")
    return _Level(
        start=start if start is not None else (_int(_value(element, f"{W}start")) or 0),
        format=_value(element, f"{W}numFmt") or "decimal",
        text=_value(element, f"{W}lvlText"),
        restart=_int(_value(element, f"{W}lvlRestart")),
        legal=legal is not None and legal.get(_VAL) not in ("0", "false", "off"),
        suffix=_value(element, f"{W}suff") or "tab",
        style=_value(element, f"{W}pStyle"),
    )


class WordNumbering:
    """Word's automatic list numbers (``numbering.xml``), counted through the document in reading order.

    ``label`` is called once per paragraph, in order: it advances the counters the way Word does.
    ``warn`` is told about what cannot be shown as Word shows it (an unknown number format).
    """

    def __init__(self, numbering: Element | None, styles: WordStyles, warn: Callable[[str], None]) -> None:
        self._styles = styles
        self._warn = warn
        self._abstract: dict[str, Element] = {}
        self._nums: dict[str, Element] = {}
        if numbering is not None:
            for abstract in numbering.iter(f"{W}abstractNum"):
                self._abstract[abstract.get(f"{W}abstractNumId", "")] = abstract
            for num in numbering.iter(f"{W}num"):
                self._nums[num.get(f"{W}numId", "")] = num
        self._levels: dict[str, dict[int, _Level]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._unknown: set[str] = set()

    def label(self, paragraph: Element, style_id: str | None) -> str:
        """The number Word shows before ``paragraph`` (``一、``, ``（三）``, ``第二章 ``), or ``""``."""
        found = self._numbering(paragraph, style_id)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self._levels_of(num_id)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper, other in levels.items():
            # lvlRestart names the (1-based) level whose use starts this one again; by default the one above
            restart = other.restart if other.restart is not None and other.restart <= deeper else deeper
            if ilvl < restart:
                counters.pop(deeper, None)
        if level.format == "bullet" or not level.text:
            return ""  # a bullet is a mark, not a number to cite; often a symbol font's private character

        def number(match: re.Match[str]) -> str:
            shown = levels.get(int(match.group(1)) - 1)
            if shown is None:
                return ""
            value = counters.get(int(match.group(1)) - 1, shown.start)
            return self._format(value, "decimal" if level.legal else shown.format)

        text = re.sub("%([1-9])", number, level.text)
        return text + " " if text and text[-1].isalnum() and level.suffix != "nothing" else text

    def _numbering(self, paragraph: Element, style_id: str | None) -> tuple[str, int] | None:
        """(numId, ilvl) of ``paragraph``: its own, else its style's; None when it is not numbered."""
        properties = paragraph.find(f"{W}pPr")
        num_id = _value(properties, f"{W}numPr/{W}numId")
        ilvl = _int(_value(properties, f"{W}numPr/{W}ilvl"))
        carrier = style_id
        if num_id is None:
            for found_id, style in self._styles.chain(style_id):
                if style.num_id is not None:
                    num_id, carrier = style.num_id, found_id
                    ilvl = ilvl if ilvl is not None else style.ilvl
                    break
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return None
        if ilvl is None:  # a style's numbering names its level by the level naming the style
            levels = self._levels_of(num_id)
            ilvl = next((i for i, level in levels.items() if level.style in (style_id, carrier)), 0)
        return num_id, ilvl

    def _levels_of(self, num_id: str) -> dict[int, _Level]:
        if num_id not in self._levels:
            num = self._nums[num_id]
            levels = self._abstract_levels(_value(num, f"{W}abstractNumId"), depth=0)
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"))
                if ilvl is None:
                    continue
                start = _int(_value(override, f"{W}startOverride"))
                replaced = override.find(f"{W}lvl")
                if replaced is not None:
                    levels[ilvl] = _level(replaced, start)
                elif start is not None and ilvl in levels:
                    levels[ilvl] = _level_with_start(levels[ilvl], start)
            self._levels[num_id] = levels
        return self._levels[num_id]

    def _abstract_levels(self, abstract_id: str | None, depth: int) -> dict[int, _Level]:
        """The levels an abstract numbering defines, or those of the numbering style it links to."""
        abstract = self._abstract.get(abstract_id or "")
        if abstract is None or depth > _MAX_LEVELS:
            return {}
        levels = {
            ilvl: _level(lvl)
            for lvl in abstract.findall(f"{W}lvl")
            if (ilvl := _int(lvl.get(f"{W}ilvl"))) is not None and 0 <= ilvl < _MAX_LEVELS
        }
        linked = _value(abstract, f"{W}numStyleLink")
        if levels or linked is None:
            return levels
        num_id = next((style.num_id for _, style in self._styles.chain(linked) if style.num_id), None)
        num = self._nums.get(num_id or "")
        return {} if num is None else self._abstract_levels(_value(num, f"{W}abstractNumId"), depth + 1)

    def _format(self, value: int, number_format: str) -> str:
        shown = format_number(value, number_format)
        if shown is None:
            if number_format not in self._unknown:
                self._unknown.add(number_format)
                self._warn(f"list numbering format {number_format!r} is not known; its numbers are shown as 1, 2, 3")
            return str(value)
        return shown


def _level_with_start(level: _Level, start: int) -> _Level:
    return _Level(start, level.format, level.text, level.restart, level.legal, level.suffix, level.style)


# --- number formats -------------------------------------------------------------------------------

_CN_LOWER = ("零一二三四五六七八九", "十百千")
_CN_FORMAL_SIMPLIFIED = ("零壹贰叁肆伍陆柒捌玖", "拾佰仟")
_CN_FORMAL_TRADITIONAL = ("零壹貳參肆伍陸柒捌玖", "拾佰仟")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_COUNTING = (
    "chineseCounting",
    "chineseCountingThousand",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
    "japaneseCounting",
)
_DIGITAL = ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand")
_FULL_WIDTH = ("decimalFullWidth", "decimalFullWidth2")
_ENCLOSED = {
    "decimalEnclosedCircle": _CIRCLED,
    "decimalEnclosedCircleChinese": _CIRCLED,
    "decimalEnclosedParen": "".join(chr(0x2474 + i) for i in range(20)),  # ⑴ … ⒇
    "decimalEnclosedFullstop": "".join(chr(0x2488 + i) for i in range(20)),  # ⒈ … ⒛
}


def format_number(value: int, number_format: str) -> str | None:
    """``value`` in Word's ``number_format`` (ST_NumberFormat); None for a format not known here."""
    if number_format in ("decimal", "decimalHalfWidth") or (value < 1 and number_format != "none"):
        return str(value)
    if number_format == "none":
        return ""
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format in _FULL_WIDTH:
        return "".join(chr(ord(digit) - ord("0") + ord("０")) for digit in str(value))
    if number_format in _ENCLOSED:
        symbols = _ENCLOSED[number_format]
        return symbols[value - 1] if value <= len(symbols) else str(value)
    if number_format in _COUNTING:
        return _chinese(value, *_CN_LOWER, informal=True)
    if number_format == "chineseLegalSimplified":
        return _chinese(value, *_CN_FORMAL_SIMPLIFIED, informal=False)
    if number_format == "ideographLegalTraditional":
        return _chinese(value, *_CN_FORMAL_TRADITIONAL, informal=False)
    if number_format in _DIGITAL:
        return "".join("〇一二三四五六七八九"[int(digit)] for digit in str(value))
    if number_format == "ideographTraditional":
        return _STEMS[(value - 1) % len(_STEMS)]
    if number_format == "ideographZodiac":
        return _BRANCHES[(value - 1) % len(_BRANCHES)]
    if number_format == "ideographZodiacTraditional":
        return _STEMS[(value - 1) % len(_STEMS)] + _BRANCHES[(value - 1) % len(_BRANCHES)]
    if number_format in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # Word's Z, AA, BB …
        return letter if number_format == "upperLetter" else letter.lower()
    if number_format in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if number_format == "upperRoman" else roman.lower()
    return None


def _chinese(value: int, digits: str, units: str, *, informal: bool) -> str:
    """``value`` (1–9999) in Chinese numerals: 十一, 一百零五, 二千; formal 壹拾壹. Larger: digit by digit."""
    if value >= 10_000:
        return "".join(digits[int(digit)] for digit in str(value))
    places = [int(digit) for digit in f"{value:04d}"]
    text = ""
    zero = False
    for place, digit in enumerate(places):
        power = 3 - place
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += digits[0]
            zero = False
        one_ten = informal and power == 1 and digit == 1 and not text
        text += ("" if one_ten else digits[digit]) + (units[power - 1] if power else "")
    return text


def _roman(value: int) -> str:
    text = ""
    for number, letters in _ROMAN:
        count, value = divmod(value, number)
        text += letters * count
    return text
