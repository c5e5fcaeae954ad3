"""Print stage: a briefing's HTML → PDF through WeasyPrint, with every glyph checked.

A printed briefing goes into a binder and is read away from any screen, so a character that cannot be
drawn must stop the print instead of turning into a box nobody notices. Pango does not fail on a missing
glyph: it falls back to any installed font that has it, or draws the font's empty box (.notdef). After
rendering, every character WeasyPrint drew is therefore checked against the character map (cmap) of the
font embedded for it, read with fontTools, and every character drawn with a font other than the ones the
stylesheet asks for is a fallback. Either is a :class:`MissingGlyphsError` naming the characters.

The fonts are Debian's Noto CJK (``fonts-noto-cjk``), found through fontconfig by family name; nothing is
fetched over the network: the URL fetcher refuses every URL, so the HTML must be self-contained.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fontTools.ttLib import TTFont

if TYPE_CHECKING:
    from weasyprint.pdf.fonts import Font

_MAX_LISTED = 40


class MissingGlyphsError(Exception):
    """Characters of the document that no embedded font could draw, or that fell back to another font."""

    def __init__(self, missing: str, fallbacks: dict[str, str]) -> None:
        parts = []
        if missing:
            parts.append(f"no glyph in the embedded fonts for {_listed(missing)}")
        for family, characters in sorted(fallbacks.items()):
            parts.append(f"drawn with the fallback font '{family}': {_listed(characters)}")
        super().__init__("; ".join(parts))
        self.missing = missing
        self.fallbacks = fallbacks


@dataclass(frozen=True)
class PrintedDocument:
    pdf: bytes
    pages: int


def print_pdf(html: str, font_families: Collection[str]) -> PrintedDocument:
    """Render ``html`` to PDF; raise :class:`MissingGlyphsError` unless ``font_families`` drew every character."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # WeasyPrint logs each .notdef glyph; the check below reports them all at once, naming the characters.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=(), fail_on_errors=True)).render()
    pdf = document.write_pdf()
    missing: dict[str, None] = {}
    fallbacks: dict[str, dict[str, None]] = {}
    for font in document.fonts.values():
        cmap = _character_map(font)
        drawn = [char for text in font.to_unicode.values() for char in text if not char.isspace()]
        missing.update(dict.fromkeys(char for char in drawn if ord(char) not in cmap))
        if font.family not in font_families:
            fallbacks.setdefault(font.family, {}).update(dict.fromkeys(drawn))
    if missing or fallbacks:
        raise MissingGlyphsError("".join(missing), {family: "".join(chars) for family, chars in fallbacks.items()})
    return PrintedDocument(pdf, len(document.pages))


def _character_map(font: Font) -> frozenset[int]:
    """The code points ``font`` maps to a glyph, read from the whole font file.

    The embedded copy is a subset whose cmap has lost characters drawn with a substituted glyph (the
    proportional dash a CJK font shapes — into), so the check reads the file Pango loaded. Reading a
    25 MB CJK font takes a third of a second: each face is read once per process.
    """
    key = (font.family, font.style, font.weight, font.index)
    if key not in _CHARACTER_MAPS:
        from weasyprint.text.fonts import get_hb_object_data

        data = get_hb_object_data(font.hb_face)
        cmap = TTFont(io.BytesIO(data), fontNumber=font.index, lazy=True).getBestCmap()
        _CHARACTER_MAPS[key] = frozenset(cmap)
    return _CHARACTER_MAPS[key]


_CHARACTER_MAPS: dict[tuple[str, int, int, int], frozenset[int]] = {}


def _listed(characters: str) -> str:
    shown = " ".join(f"'{char}' (U+{ord(char):04X})" for char in characters[:_MAX_LISTED])
    more = len(characters) - _MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")
