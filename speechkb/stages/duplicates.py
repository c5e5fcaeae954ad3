"""Speeches an archive holds twice: the same words in two files, or twice in one.

An office's archive gathers a speech more than once: saved from the county's site and from the city's, kept as the
``.docx`` it was written in and as the ``.pdf`` it was printed to, pasted twice into one file. Every file is on the
site, as always; each copy after the first is reported, naming the first, because a copy counts twice on every
sector and term page and comes up twice in search, and staff are the ones to say which copy to keep.

Two speeches are copies when the words of the speech proper (its salutation, headings, paragraphs, tables and
closing) are the same, in the same order, with white space, punctuation, symbols and redaction marks left aside
(a web copy's ASCII commas, a PDF's spaces between characters, ``**`` where the other copy has ``××``). What stands
around the speech is not compared: a byline, a date line, a site's chrome, thanks at the end, one copy may have and
the other not.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from speechkb.model import Block, Diagnostic, Section, Speech, Table

# Two short notes alike (a file holding only 同志们：谢谢大家！) are no copies of one speech.
_MIN_CHARACTERS = 50
_NOT_WORDS = re.compile(r"[\W_]+")  # white space, punctuation and symbols: what a copy may write otherwise
_REDACTION_LETTERS = re.compile(r"[Xx]{2,}")  # XX standing for a name withheld, as ** or ×× does


def duplicate_warnings(speeches: Sequence[Speech]) -> list[Diagnostic]:
    """A warning on each speech whose words are those of an earlier one (by file, then by place in its file)."""
    return [_warning(copy, group[0]) for group in _copy_groups(speeches) for copy in group[1:]]


def copies(speeches: Sequence[Speech]) -> dict[tuple[Path, int | None], tuple[Speech, ...]]:
    """The other copies of each speech that has some, by its identity (:attr:`Speech.identity`), in file order:
    its page names them."""
    return {
        speech.identity: tuple(other for other in group if other is not speech)
        for group in _copy_groups(speeches)
        for speech in group
    }


def _copy_groups(speeches: Sequence[Speech]) -> list[list[Speech]]:
    """The speeches that are copies of one another, each group in file order, of two or more."""
    groups: dict[str, list[Speech]] = {}
    for speech in sorted(speeches, key=lambda speech: (str(speech.source), speech.part or 0)):
        # Made with the parse: at 10,000 speeches, going through every word again took seconds of each build.
        if key := speech.words_key or words_key(speech):
            groups.setdefault(key, []).append(speech)
    return [group for group in groups.values() if len(group) > 1]


def words_key(speech: Speech) -> str:
    """A digest of the words of the speech proper, the same in every copy of it; "" for a speech too short to tell."""
    texts = [
        *([speech.salutation.text] if speech.salutation else []),
        *(text for text, _ in _body(speech.body)),
        *([speech.closing.text] if speech.closing else []),
        *(item.text for item in speech.closing_items),
    ]
    words = "".join(_REDACTION_LETTERS.sub("", _NOT_WORDS.sub("", text)) for text in texts)
    return hashlib.sha256(words.encode()).hexdigest() if len(words) >= _MIN_CHARACTERS else ""


def _body(blocks: Iterable[Block]) -> Iterable[tuple[str, int]]:
    """The text and line of the body's headings and paragraphs, and of a table's cells, in reading order."""
    for block in blocks:
        if isinstance(block, Section):
            yield block.heading, block.line
            yield from _body(block.children)
        elif isinstance(block, Table):
            yield from ((cell.text, cell.line) for cell in block.paragraphs())
        else:
            yield block.text, block.line


def _warning(copy: Speech, original: Speech) -> Diagnostic:
    where = f"speech {original.part} of this file" if original.source == copy.source else str(original.source)
    opening = copy.salutation or copy.closing
    line = next((line for _, line in _body(copy.body)), opening.line if opening else None)
    return Diagnostic(
        copy.source,
        line,
        f"the same speech as {where} (“{original.title}”), word for word but for white space, punctuation and "
        "redaction marks: both are on the site, and it counts twice on every sector and term page and in search; "
        "remove one of the two files (or the copy pasted into this one)",
    )
