"""Normalised copies of speech text, for matching only.

Speeches are always shown as written. Tagging and search match on a normalised copy instead, so that a
speech typed in traditional characters (煤礦, 隱患排查) counts for 煤矿 and 隐患排查. The copy keeps the
original's length, character for character, so an offset found in the copy points at the same place in
the original: excerpts, highlights and anchors are cut from the text the reader sees.
"""

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
