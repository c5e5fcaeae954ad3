"""Normalised copies of speech text, for matching only.

Speeches are always shown as written. Tagging and search match on a normalised copy instead, so that a
speech typed in traditional characters (煤礦, 隱患排查) counts for 煤矿 and 隐患排查. The copy keeps the
original's length, character for character, so an offset found in the copy points at the same place in
the original: excerpts, highlights and anchors are cut from the text the reader sees.
"""

import re
from functools import cache

import opencc


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """`text` in simplified characters, the same length as `text`.

    OpenCC converts phrase by phrase (乾隆 stays, 乾燥 becomes 干燥), which is what a reader means; a phrase
    conversion that would change the length falls back to converting that text character by character.
    """
    converted: str = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    per_character = [_converter().convert(character) for character in text]
    return "".join(new if len(new) == 1 else old for old, new in zip(text, per_character, strict=True))


# Pinyin that some sites print after a character (環(huán)保, 隐患(yǐn huàn)排查): a parenthesis right after a
# Chinese character holding Latin letters with at least one tone mark, which no speech writes for itself.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńň"
_RUBY = re.compile(rf"(?<=[\u4e00-\u9fff])[（(][a-zü{_TONED}\s]*[{_TONED}][a-zü{_TONED}\s]*[）)]")


def without_ruby(text: str) -> tuple[str, tuple[int, ...] | None]:
    """``text`` without pinyin annotations, and where each of its characters stands in ``text``.

    None instead of positions when there is nothing to take out (nearly always), so that matching costs
    nothing more on ordinary text. Matching needs the annotations gone (環(huán)保 is 环保); what the reader sees
    keeps them.
    """
    if "(" not in text and "（" not in text:
        return text, None
    kept: list[int] = []
    start = 0
    for annotation in _RUBY.finditer(text):
        kept.extend(range(start, annotation.start()))
        start = annotation.end()
    if not start:
        return text, None
    kept.extend(range(start, len(text)))
    return "".join(text[i] for i in kept), tuple(kept)


# Markdown's marks around a line or its fields, as a copy of a rendered page's source keeps them: a quote's `>`
# before the line, and emphasis wrapping a field (*本文来源：…*, **来源：…**　**发布时间：…**, _责任编辑：…_), its
# marks standing apart from the words around them. A redaction (***同志, **月**日) wraps nothing so.
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_EMPHASIS = re.compile(r"(?<!\S)(?P<mark>[*_]{1,3})(?=[^\s*_])(?P<words>[^*_]*?[^\s*_])(?P=mark)(?!\S)")


def without_markdown_marks(text: str) -> str:
    """``text`` with Markdown's quote and emphasis marks around it or its fields blanked out (the same length), for
    the rules that judge what the line is: what the reader sees keeps them."""
    if ">" not in text and "*" not in text and "_" not in text:
        return text
    text = _QUOTE.sub(lambda quote: " " * len(quote.group()), text)
    return _EMPHASIS.sub(lambda match: " " * len(match["mark"]) + match["words"] + " " * len(match["mark"]), text)
