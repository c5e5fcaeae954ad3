"""Compact posting lists as text, and the key hash that picks a key's shard; mirrored in the worker.

Posting lists are runs of small non-negative integers (gaps between document numbers and between
positions). Each is written as a variable-length number in URL-safe base-64 digits, five bits per digit
and the sixth bit meaning "more digits follow": a gap under 32 costs one byte, under 1,024 two. The text
sits in a JSON string without escaping and decodes in a tight loop in the browser.
"""

from __future__ import annotations

from collections.abc import Sequence

ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_MORE = 32
_TABLE_SIZE = 1 << 15  # numbers below this (three digits or fewer) come from a table: encoding is the hot loop


def _encode_one(number: int) -> bytes:
    if number < 0:
        raise ValueError(f"cannot encode negative number {number}")
    digits = bytearray()
    while True:
        low, number = number & (_MORE - 1), number >> 5
        if number:
            digits.append(ALPHABET[low | _MORE])
        else:
            digits.append(ALPHABET[low])
            return bytes(digits)


_TABLE = [_encode_one(number) for number in range(_TABLE_SIZE)]


def encode(numbers: Sequence[int]) -> bytes:
    """``numbers`` (none negative) as base-64 variable-length digits (ASCII)."""
    if not numbers:
        return b""
    if min(numbers) < 0:
        raise ValueError(f"cannot encode negative number {min(numbers)}")
    if max(numbers) < _TABLE_SIZE:
        return b"".join([_TABLE[n] for n in numbers])
    return b"".join([_TABLE[n] if n < _TABLE_SIZE else _encode_one(n) for n in numbers])


def decode(text: str) -> list[int]:
    """The numbers :func:`encode` wrote."""
    numbers: list[int] = []
    value = shift = 0
    for char in text:
        digit = ALPHABET.index(char.encode("ascii"))
        value |= (digit & (_MORE - 1)) << shift
        if digit & _MORE:
            shift += 5
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
