"""The numbering systems of Chinese official documents: markers, their values and how to write them.

Shared by the layout stage (a marker glued after a sentence starts a new line) and the parse stage (a
marker at the start of a line opens a heading). GB/T 9704 numbers parts ``一、``, sections ``（一）``,
then ``1.`` and ``（1）``; spoken speeches add ``第一，`` and ``①``. ASCII forms (``(一)``, ``第一,``)
come from web pages, Word's one-character numbers (``⒈``, ``⑴``) from its lists, and a dash or an equals sign
for 一 or 二 (``—、``, ``(-)``, ``=、``) from OCR of a scanned print: they are the same markers.
"""

from __future__ import annotations

import re

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN = "[一二三四五六七八九十零〇两兩]{1,3}"
# What OCR of a scanned print reads a part's or section's 一 and 二 as: a dash for the one stroke (—、, -、, (-),
# （—）), an equals sign for the two (=、). Only as the whole number of a marker, where no dash or equals sign
# stands in a text; their numbers are those of the numerals they stand for.
_OCR_NUMERALS = {"—": 1, "―": 1, "─": 1, "－": 1, "-": 1, "ー": 1, "=": 2, "＝": 2}
_CN_OR_OCR = f"(?:{CN}|[{re.escape(''.join(_OCR_NUMERALS))}])"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# 1. and (1) as one character each (⒈ U+2488…⒛, ⑴ U+2474…⒇), as Word's and WPS's numbering copies them: the
# same markers as 1. and （1）.
_DOTTED = "".join(chr(0x2488 + offset) for offset in range(20))
_PARENTHESIZED = "".join(chr(0x2474 + offset) for offset in range(20))
_ENCLOSED = (CIRCLED, _DOTTED, _PARENTHESIZED)
SEQUENCE_WORDS = {"一": 1, "另一": 2, "首先": 1, "其次": 2, "再次": 3, "最后": 4}

# A heading copied from a page that set it in bold (**一、……**) or in brackets (【一、……】, WeChat's way).
DECORATIONS = {"**": "**", "【": "】"}
# A heading copied from a Markdown source (an export, a draft written with an assistant) keeps the marks of its
# level before it, bold or not (## 一、……, ### **（一）……**): they say it is a heading, its number comes after them.
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]*")
# A vertical bar OCR read from a scan's edge or a table's rule before a line (|二、压实责任): the number comes after it.
SCAN_STRAYS = "|｜"
_OPEN = f"(?:[{re.escape(SCAN_STRAYS)}][ \t]*)?" + "(?:#{1,6}[ \t]*)?(?:" + "|".join(map(re.escape, DECORATIONS)) + ")?"

# Line-start numbering styles, each with the group that holds its number (see number_word).
HEADING_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 一 、: a Word or OCR copy may set a space before the 、, which never follows a numeral so in a sentence; OCR
    # may read the 、 as 丶, a radical no sentence writes after a numeral.
    ("cn-dun", re.compile(rf"^{_OPEN}({_CN_OR_OCR})(?:[ 　]?[、丶]|[．.](?!\d))")),
    ("cn-paren", re.compile(rf"^{_OPEN}[（(]({_CN_OR_OCR})[）)]")),
    # 【一】清醒认识形势: a 范文 or WeChat page's part number in brackets with no 、, the brackets its marker, as
    # （一）'s are, not set around its heading (【一、……】).
    ("cn-bracket", re.compile(rf"^(?:#{{1,6}}[ \t]*)?(?:\*\*)?【({CN})】")),
    ("arabic-dot", re.compile(rf"^{_OPEN}(?:([0-9０-９]{{1,2}})(?:[、．]|\.(?![0-9０-９]))|([{_DOTTED}]))")),
    ("arabic-paren", re.compile(rf"^{_OPEN}(?:[（(]([0-9０-９]{{1,2}})[）)]|([{_PARENTHESIZED}]))")),
    # 第一　抓好隐患排查: a space for the comma, as a heading alone on its line has it (see parse._split_heading);
    # 第一次, 第一季度 have none and are words.
    ("ordinal", re.compile(rf"^{_OPEN}第({CN})(?:[，,、：:]|部分|个问题|个方面|\s+(?=\S))")),
    ("circled", re.compile(f"^([{CIRCLED}])")),
    # 首先，要充分认识……: a spoken speech's parts, headings only as lines of their own (see parse._split_heading)
    ("sequence", re.compile(r"^(首先|其次|再次|最后)[，,]")),
    ("cn-yao", re.compile(rf"^({CN})要(?![求])")),  # 一要牢固树立红线意识, likewise only as a line of its own
)


def number_word(match: re.Match[str]) -> str:
    """The number a :func:`heading_style` match found, as written: 一 of 一、, 1 of 1., ⒈ itself (a style that
    writes its number two ways has a group for each, and one of them matched)."""
    return next(group for group in match.groups() if group is not None)


def heading_style(text: str) -> tuple[str, re.Match[str]] | None:
    """The numbering style ``text`` starts with, and its match; None when it starts with no marker."""
    for style, pattern in HEADING_STYLES:
        if match := pattern.match(text):
            return style, match
    return None


def undecorated(marker: str) -> str:
    """A marker without the Markdown marks, bold or bracket that open its heading (【一、, ## **一、 → 一、), and
    without the spaces in it, one that may stand for its comma (第一　 → 第一) or stand before its 、 (一 、 → 一、):
    the number as the text writes it."""
    marker = MARKDOWN_HEADING.sub("", marker.lstrip(SCAN_STRAYS), count=1)
    opener = _opener(marker)
    return re.sub(r"\s", "", marker.removeprefix(opener or ""))


def closing_decoration(marker: str) -> str | None:
    """The mark that closes the bold or bracket ``marker`` opens its heading with (**, 】), None when it opens none."""
    opener = _opener(MARKDOWN_HEADING.sub("", marker.lstrip(SCAN_STRAYS), count=1))
    return DECORATIONS[opener] if opener else None


def _opener(marker: str) -> str | None:
    """The bold or bracket ``marker`` (without its Markdown marks) opens its heading with: 【 of 【一、, but none of 【一】,
    whose brackets close in the marker as its number's."""
    return next((o for o, closer in DECORATIONS.items() if marker.startswith(o) and not marker.endswith(closer)), None)


def cn_number(text: str) -> int:
    """Value of a Chinese numeral up to 999 (一, 十二, 二十三), or of digits and enclosed digits (①, ⒈, ⑴)."""
    if text.isdecimal():  # ASCII or full-width digits (１２), which int() reads alike; not ①, ⒈ (not decimal)
        return int(text)
    for enclosed in _ENCLOSED:
        if text in enclosed:
            return enclosed.index(text) + 1
    if text in SEQUENCE_WORDS:
        return SEQUENCE_WORDS[text]
    if text in _OCR_NUMERALS:
        return _OCR_NUMERALS[text]
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


def renumbered_enclosed(marker: str, number: int) -> str | None:
    """The enclosed digit of ``marker``'s kind for ``number`` (⒊, 2 → ⒉); ``marker`` itself past the last of its
    kind; None when ``marker`` is no enclosed digit."""
    kind = next((enclosed for enclosed in _ENCLOSED if marker in enclosed), None)
    if kind is None:
        return None
    return kind[number - 1] if 1 <= number <= len(kind) else marker


def cn_numeral(number: int) -> str:
    """Chinese numeral for 1–999, the numbers :func:`cn_number` reads: 3 → 三, 10 → 十, 23 → 二十三, 100 → 一百
    (a list of 99 headings is numbered on to its 100th)."""
    digits = "零一二三四五六七八九"
    if number >= 100:
        hundreds, rest = divmod(number, 100)
        if not rest:
            return digits[hundreds] + "百"
        # After 百 a missing ten is said 零 (一百零五) and a ten 一十 (一百一十), not 十.
        ten = "零" if rest < 10 else "一" if rest < 20 else ""
        return digits[hundreds] + "百" + ten + cn_numeral(rest)
    tens, ones = divmod(number, 10)
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
