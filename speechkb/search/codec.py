"""Compact posting lists, in two spellings, and the key hash that picks a key's shard; mirrored in the worker.

Posting lists are runs of small non-negative integers (gaps between document numbers and between
positions). Each is written as a variable-length number, low digits first, one bit of each digit meaning
"more digits follow" (:class:`Varint`):

- :data:`TEXT`: URL-safe base-64 digits, five bits each: a gap under 32 costs one byte, under 1,024 two.
  The text sits in a JSON string without escaping, for the index's script files;
- :data:`BYTES`: bytes of seven bits each (LEB128): a gap under 128 costs one byte, under 16,384 two. The
  packed files (:mod:`speechkb.search.shards`) hold these, deflated: they compress better than the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_TABLE_SIZE = 1 << 15  # numbers below this come from a table: encoding is the hot loop


@dataclass(frozen=True)
class Varint:
    """How a number's digits are written: ``bits`` of it per digit, the next bit set when more digits
    follow, and each digit value as the byte ``symbols[value]``."""

    bits: int
    symbols: bytes

    @property
    def more(self) -> int:
        return 1 << self.bits


TEXT = Varint(5, ALPHABET)
BYTES = Varint(7, bytes(range(256)))


def _encode_one(number: int, varint: Varint) -> bytes:
    if number < 0:
        raise ValueError(f"cannot encode negative number {number}")
    digits = bytearray()
    while True:
        low, number = number & (varint.more - 1), number >> varint.bits
        if number:
            digits.append(varint.symbols[low | varint.more])
        else:
            digits.append(varint.symbols[low])
            return bytes(digits)


@cache
def _table(varint: Varint) -> list[bytes]:
    return [_encode_one(number, varint) for number in range(_TABLE_SIZE)]


def encode(numbers: Sequence[int], varint: Varint = TEXT) -> bytes:
    """``numbers`` (none negative) as variable-length digits (ASCII for :data:`TEXT`)."""
    if not numbers:
        return b""
    if min(numbers) < 0:
        raise ValueError(f"cannot encode negative number {min(numbers)}")
    table = _table(varint)
    if max(numbers) < _TABLE_SIZE:
        return b"".join([table[n] for n in numbers])
    return b"".join([table[n] if n < _TABLE_SIZE else _encode_one(n, varint) for n in numbers])


def decode(encoded: str | bytes, varint: Varint = TEXT) -> list[int]:
    """The numbers :func:`encode` wrote (text or bytes)."""
    data = encoded.encode("ascii") if isinstance(encoded, str) else encoded
    value_of = {symbol: value for value, symbol in enumerate(varint.symbols)}
    numbers: list[int] = []
    value = shift = 0
    for byte in data:
        digit = value_of[byte]
        value |= (digit & (varint.more - 1)) << shift
        if digit & varint.more:
            shift += varint.bits
        else:
            numbers.append(value)
            value = shift = 0
    if shift:
        raise ValueError("encoded text ends in the middle of a number")
    return numbers


def key_hash(key: str) -> int:
    """32-bit FNV-1a over the key's code points: cheap, and the same in JavaScript (``Math.imul``)."""
    value = 0x811C9DC5
    for char in key:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value
