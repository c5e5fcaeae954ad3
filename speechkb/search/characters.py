"""Passage text as numbers, for the files snippets are cut from; mirrored in the worker."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from speechkb.search.codec import TEXT, Varint, decode
from speechkb.search.index import encode_runs

_CODE_POINTS = 0x110000


# Where a rank takes one more digit: base-64 text (TEXT) has five bits a digit, bytes (BYTES) seven.
_DIGIT_BOUNDS = (1 << 5, 1 << 7, 1 << 10, 1 << 14)


class CharacterTable:
    """Passage text as numbers: each character by its rank in the archive, the most frequent first.

    Snippets are cut from each page's passage text, a third of the index. In UTF-8 a Chinese character
    takes three bytes; as a rank written like the posting lists' numbers, the 32 most frequent
    characters (的, 安, 全, punctuation) take one byte and the next thousand two (in a packed file, the
    128 most frequent one byte and every other two, before deflate). The table, the
    characters in rank order, is one file the worker loads with the first text it needs.

    Only how many digits a rank takes depends on frequency, so frequency only decides which band of ranks a
    character is in (the 32 most frequent, the next 96, up to 1,024, up to 16,384, the rest); within a band,
    characters are ranked by code point. Ranked by frequency alone, an edit to one speech moved a few rare
    characters past others and renumbered every character between them: two thirds of the passage files of
    10,000 speeches changed. Now a rank changes only when a character crosses a band's bound.
    """

    def __init__(self, counts: npt.NDArray[np.int64]) -> None:
        """``counts``: occurrences of each code point in the texts the table will encode."""
        present = np.flatnonzero(counts)
        by_frequency = present[np.argsort(-counts[present], kind="stable")]
        bounds = [0, *(bound for bound in _DIGIT_BOUNDS if bound < len(by_frequency)), len(by_frequency)]
        self.code_points = np.concatenate([np.sort(by_frequency[low:high]) for low, high in pairwise(bounds)])
        self._rank = np.full(len(counts), -1, dtype=np.int32)
        self._rank[self.code_points] = np.arange(len(self.code_points), dtype=np.int32)

    @staticmethod
    def counts(texts: Iterable[str]) -> npt.NDArray[np.int64]:
        """Occurrences of each code point in ``texts``, to add up over the archive and build a table from."""
        code_points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype="<u4")
        return np.bincount(code_points, minlength=_CODE_POINTS).astype(np.int64)

    @property
    def characters(self) -> str:
        return "".join(map(chr, self.code_points.tolist()))

    def encode(self, texts: Sequence[str], varint: Varint = TEXT) -> list[bytes]:
        """Each of ``texts`` (made of the table's characters) as variable-length ranks."""
        written = [text for text in texts if text]
        if not written:
            return [b"" for _ in texts]
        code_points = np.frombuffer("".join(written).encode("utf-32-le"), dtype="<u4")
        starts = np.cumsum([0, *map(len, written[:-1])], dtype=np.int64)
        encoded = iter(encode_runs(self._rank[code_points], starts, varint))
        return [next(encoded) if text else b"" for text in texts]

    def decode(self, encoded: str | bytes, varint: Varint = TEXT) -> str:
        return "".join(chr(self.code_points[rank]) for rank in decode(encoded, varint))
