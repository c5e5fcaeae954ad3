"""The inverted index: which pages contain each character and each pair of characters, and where.

Chinese has no spaces, and a word segmenter (jieba) decides for the reader where words end: 一岗双责
may be cut as 一/岗/双责 in one sentence and 一岗/双/责 in another, and a query cut differently from the
text misses it. Character bigrams need no dictionary: a page contains a phrase only if it contains every
bigram of the phrase, at consecutive positions. With positions in the index the browser can verify that
exactly, so recall is complete and every exact match can be ranked above every partial one.

A page is indexed as a stream: its title, its names, then its passages, each normalised by
:func:`~speechkb.search.text.matchable` and separated by a gap of one position, so that no bigram spans
two passages. Single characters are indexed by page only, for one-character queries.

At 1,000 speeches the index holds millions of positions, and handling them one at a time in Python took
ten seconds. So the whole corpus becomes one array of numbers, one per character, and the postings come
out of sorting it: numpy sorts every occurrence by key and then by place in the text (its page and offset there), cuts the sorted
runs into posting lists and encodes their numbers all at once (:func:`encode_runs`), writing the same
digits as :func:`speechkb.search.codec.encode` (text for the script files, bytes for the packed ones). It sorts the occurrences of a range of first characters at a
time, a few million occurrences, so that the memory it needs beyond the corpus's text does not grow with
the corpus (at 10,000 speeches, sorting all of them at once took a gigabyte).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from operator import attrgetter

import numpy as np
import numpy.typing as npt

from speechkb.search.codec import TEXT, Varint
from speechkb.search.document import SearchDocument
from speechkb.search.text import WHITESPACE, fold, matchable_pages, simplified_each

Array = npt.NDArray[np.int64]
Numbers = npt.NDArray[np.int16] | npt.NDArray[np.int32]
_SEPARATOR = ord("\n")  # between the segments of a page, and between pages: white space, so never in a segment
_SEPARATOR_NUMBER = -1
_CHUNK = 1 << 19  # occurrences turned into posting lists at a time
_SORTED_AT_ONCE = 1 << 23  # occurrences sorted at a time (about 128 MB of arrays)
_COUNTED_AT_ONCE = 1 << 22  # characters counted at a time
_PAGES_AT_ONCE = 500  # pages turned into code points at a time
_TEXT = attrgetter("text")


@dataclass(frozen=True)
class Index:
    """Posting lists, already encoded (:mod:`speechkb.search.codec`, in the digits :func:`build_index` was
    asked for), by key.

    ``occurrences`` maps every character and bigram to ``(page gap, 2 × count + in title)`` pairs (in
    title: 1 when the page's title has the key, so that a page whose title says a short query ranks first
    without its title being downloaded); ``positions`` maps every bigram to ``(first position, position
    gaps…)`` runs, one per page of its occurrence list, in that order and as long as its count says. Pages are numbered in the order of ``documents``; ``simplified``
    holds each page's :func:`texts` in simplified characters, converted once here for the files that
    show them; ``title_lengths`` the length of each page's title as indexed (a phrase found at a position
    below it is in the title); ``named`` each of the names :func:`build_index` was asked to find, matched
    as the worker matches a phrase, as the page of each of its occurrences, in order (for the concept
    lists, :mod:`speechkb.search.concepts`).
    """

    documents: tuple[SearchDocument, ...]
    simplified: tuple[tuple[str, ...], ...]
    occurrences: dict[str, bytes]
    positions: dict[str, bytes]
    characters: frozenset[str]
    title_lengths: tuple[int, ...] = ()
    named: dict[str, Array] = field(default_factory=dict)


def texts(document: SearchDocument) -> list[str]:
    """What a page is indexed from, in order: title, names, passages."""
    return [document.title, *document.names, *map(_TEXT, document.passages)]


def stream(document: SearchDocument) -> list[str]:
    """The normalised segments a page is indexed as: title, names, passages."""
    return [WHITESPACE.sub("", fold(text)) for text in simplified_each(texts(document))]


def build_index(
    documents: Sequence[SearchDocument],
    sorted_at_once: int = _SORTED_AT_ONCE,
    varint: Varint = TEXT,
    names: Collection[str] = (),
) -> Index:
    """The index of ``documents``, with where each of ``names`` (matchable, two characters or more) occurs."""
    simplified = tuple(tuple(simplified_each(texts(document))) for document in documents)
    numbers, alphabet = _numbered(simplified)
    segments = np.cumsum([len(page) for page in simplified], dtype=np.int64)
    separators = np.flatnonzero(numbers == _SEPARATOR_NUMBER)
    page_ends = separators[segments - 1]
    starts = np.concatenate(([0], page_ends + 1))[:-1].astype(np.int64)
    # A page's title is its first segment: it ends at the page's first separator.
    title_ends = separators[np.concatenate(([0], segments[:-1]))[: len(segments)].astype(np.int64)]
    size = len(alphabet)
    place = _Place(len(starts).bit_length(), int((page_ends - starts).max(initial=0)).bit_length())
    if (size * size).bit_length() + place.bits > 63:
        raise ValueError(
            f"the search index cannot hold {len(numbers):,} characters of text with {size:,} distinct ones"
        )

    occurrences: dict[str, bytes] = {}
    positions: dict[str, bytes] = {}
    ranges = _ranges(numbers, size, sorted_at_once)
    title_lengths = title_ends - starts
    for first in ranges:
        characters = _by_key(numbers, starts, place, None, first)
        for key, pages, _ in _postings(characters, place, title_lengths, varint, with_positions=False):
            occurrences[alphabet[key]] = pages
    number_of = {character: number for number, character in enumerate(alphabet)}
    # A name with a character the text lacks occurs nowhere.
    wanted = {name: [number_of[c] for c in name] for name in names if len(name) > 1 and set(name) <= number_of.keys()}
    named = {name: np.zeros(0, dtype=np.int64) for name in names}
    for first in ranges:  # a bigram occurs at most as often as its first character: the same ranges do
        bigrams = _by_key(numbers, starts, place, size, first)
        for name, name_numbers in wanted.items():
            if first[0] <= name_numbers[0] < first[1]:
                named[name] = _pages_saying(name_numbers, bigrams, numbers, starts, place, size)
        for key, pages, where in _postings(bigrams, place, title_lengths, varint, with_positions=True):
            bigram = alphabet[key // size] + alphabet[key % size]
            occurrences[bigram] = pages
            positions[bigram] = where
    return Index(
        tuple(documents),
        simplified,
        occurrences,
        positions,
        frozenset(alphabet),
        tuple(title_lengths.tolist()),
        named,
    )


def _pages_saying(name: list[int], bigrams: Array, numbers: Numbers, starts: Array, place: _Place, size: int) -> Array:
    """The page of each occurrence of ``name`` (character numbers) in the text ``numbers``, in order: the
    occurrences of its first bigram (in ``bigrams``, from :func:`_by_key`) that the rest of it follows.

    Matching names this way, rather than each page's text with Aho-Corasick, made the concept lists of
    10,000 speeches cost 0.1 s of CPU instead of 1.8 s: the text was folded into a string again and scanned.
    """
    key = name[0] * size + name[1]
    found = bigrams[np.searchsorted(bigrams, key << place.bits) : np.searchsorted(bigrams, (key + 1) << place.bits)]
    pages = place.page(found)
    at = starts[pages] + place.offset(found)
    last = len(numbers) - 1  # the separator that ends the text: beyond it, a name cannot go on
    for offset, number in enumerate(name[2:], 2):
        going_on = numbers[np.minimum(at + offset, last)] == number
        pages, at = pages[going_on], at[going_on]
    return pages


@dataclass(frozen=True)
class _Place:
    """Where an occurrence is, as the low bits of its sort key (:func:`_by_key`): its page, then its offset in the
    page. Sorting by it sorts by place in the text, and the page and offset come out of the key with a shift
    and a mask, where finding each occurrence's page among the pages' starts took a tenth of the index's time."""

    page_bits: int
    offset_bits: int

    @property
    def bits(self) -> int:
        return self.page_bits + self.offset_bits

    def page(self, keys: Array) -> Array:
        return (keys >> self.offset_bits) & ((1 << self.page_bits) - 1)

    def offset(self, keys: Array) -> Array:
        return keys & ((1 << self.offset_bits) - 1)


def _numbered(simplified: Sequence[Sequence[str]]) -> tuple[Numbers, list[str]]:
    """The matchable text of ``simplified`` (each page's segments) as :func:`stream` numbers its positions,
    with each character numbered densely (the separator after each segment: -1), so that a bigram is one
    number below (characters)²; and the characters, by number.

    The text is turned into code points a few hundred pages at a time, and each piece into numbers as soon
    as the alphabet is known: at 10,000 speeches, joining the pieces first took another copy of the text.
    Numbers take two bytes each when the alphabet allows (a few thousand characters in practice).
    """
    pieces = [matchable_pages(simplified[at : at + _PAGES_AT_ONCE]) for at in range(0, len(simplified), _PAGES_AT_ONCE)]
    present = np.zeros(max((int(piece.max()) for piece in pieces if len(piece)), default=_SEPARATOR) + 1, dtype=bool)
    for piece in pieces:
        present[piece] = True
    present[_SEPARATOR] = False
    alphabet = [chr(code) for code in np.flatnonzero(present).tolist()]
    number_of = (np.cumsum(present) - 1).astype(np.int16 if len(alphabet) < 1 << 15 else np.int32)
    number_of[_SEPARATOR] = _SEPARATOR_NUMBER
    numbers = np.empty(sum(map(len, pieces)), dtype=number_of.dtype)
    at = 0
    pieces.reverse()
    while pieces:
        piece = pieces.pop()
        numbers[at : at + len(piece)] = number_of[piece]
        at += len(piece)
    return numbers, alphabet


def _ranges(numbers: Numbers, size: int, sorted_at_once: int) -> list[tuple[int, int]]:
    """Ranges of character numbers ``[low, high)`` that start about ``sorted_at_once`` occurrences each
    (a single character that occurs more often is a range of its own)."""
    counts = np.zeros(size + 1, dtype=np.int64)  # the separator's count first
    for at in range(0, len(numbers), _COUNTED_AT_ONCE):  # bincount makes each number 8 bytes: a slice at a time
        counts += np.bincount(numbers[at : at + _COUNTED_AT_ONCE] + 1, minlength=size + 1)
    ends = np.cumsum(counts[1:])
    ranges: list[tuple[int, int]] = []
    low = 0
    while low < size:
        before = int(ends[low - 1]) if low else 0
        high = max(int(np.searchsorted(ends, before + sorted_at_once, side="right")), low + 1)
        ranges.append((low, min(high, size)))
        low = high
    return ranges


def _by_key(numbers: Numbers, starts: Array, place: _Place, bigrams_of: int | None, first: tuple[int, int]) -> Array:
    """Every character (or every bigram, numbered ``first × bigrams_of + second``) of the text ``numbers``
    that starts with a character numbered in the range ``first``, as its number with its place in the
    text (``place``; ``starts`` holds where each page begins) in the low bits, sorted.

    One sort of plain numbers orders the occurrences by key and then by place: several times faster
    than numpy's stable argsort, and without an array of indices.
    """
    low, high = first
    leading = numbers[:-1] if bigrams_of is not None else numbers
    chosen = (leading >= low) & (leading < high)  # never the separator, numbered -1
    if bigrams_of is not None:
        chosen &= numbers[1:] >= 0
    places = np.flatnonzero(chosen)
    del chosen
    keys = leading[places].astype(np.int64)
    if bigrams_of is not None:
        keys *= bigrams_of
        keys += numbers[1:][places]
    keys <<= place.bits
    # The places are in order: each page's are a stretch of them, found by where the page starts, and each
    # becomes its page and offset by adding its page's (page << offset bits) - start.
    per_page = np.diff(np.searchsorted(places, starts), append=len(places))
    places += np.repeat((np.arange(len(starts), dtype=np.int64) << place.offset_bits) - starts, per_page)
    keys |= places
    del places
    keys.sort()
    return keys


def _postings(
    occurrences: Array, place: _Place, title_lengths: Array, varint: Varint, with_positions: bool
) -> Iterator[tuple[int, bytes, bytes]]:
    """``(key, occurrence list, position list)`` of every key in ``occurrences`` (from :func:`_by_key`);
    ``title_lengths`` holds the length of each page's title.

    The position list is empty unless ``with_positions``.
    """
    for chunk in _chunks(occurrences, place.bits):
        keys = chunk >> place.bits
        pages = place.page(chunk).astype(np.int32)
        at = place.offset(chunk)
        count = len(chunk)
        starts_key = np.ones(count, dtype=bool)
        np.not_equal(keys[1:], keys[:-1], out=starts_key[1:])
        starts_run = starts_key.copy()  # a run: one key on one page
        starts_run[1:] |= pages[1:] != pages[:-1]
        runs = np.flatnonzero(starts_run)
        run_lengths = np.diff(runs, append=count)
        run_pages = pages[runs]
        page_gaps = run_pages - np.where(starts_key[runs], 0, np.roll(run_pages, 1))
        key_runs = np.flatnonzero(starts_key[runs])
        names = keys[runs[key_runs]].tolist()

        in_title = at[runs] < title_lengths[run_pages]  # a run's first place is its first in the title, if any
        pairs = np.empty(2 * len(runs), dtype=np.int32)
        pairs[0::2], pairs[1::2] = page_gaps, 2 * run_lengths + in_title
        page_lists = encode_runs(pairs, 2 * key_runs, varint)
        if not with_positions:
            yield from zip(names, page_lists, [b""] * len(names), strict=True)
            continue

        # Per run: the first position, then the gap to each next one. Which page and how many positions the
        # run has, the occurrence list says: the worker always has it when it reads positions.
        numbers = np.empty(count, dtype=np.int32)
        numbers[runs] = at[runs]
        inside = np.flatnonzero(~starts_run)
        numbers[inside] = at[inside] - at[inside - 1]
        yield from zip(names, page_lists, encode_runs(numbers, runs[key_runs], varint), strict=True)


def _chunks(occurrences: Array, shift: int) -> Iterator[Array]:
    """``occurrences`` in slices of about ``_CHUNK``, none cutting a key's occurrences in two."""
    begin = 0
    while begin < len(occurrences):
        end = begin + _CHUNK
        if end < len(occurrences):
            key = int(occurrences[end]) >> shift
            end = int(np.searchsorted(occurrences, key << shift))
            if end <= begin:  # one key has more than _CHUNK occurrences: all of them, then
                end = int(np.searchsorted(occurrences, (key + 1) << shift))
        yield occurrences[begin:end]
        begin = end


def encode_runs(numbers: npt.NDArray[np.int32], starts: Array, varint: Varint = TEXT) -> list[bytes]:
    """``numbers`` encoded as :func:`~speechkb.search.codec.encode` does, cut before each of ``starts``."""
    bits_per_digit = varint.bits
    digits = np.ones(len(numbers), dtype=np.int8)
    for bits in range(bits_per_digit, 32, bits_per_digit):
        more = numbers >= (1 << bits)
        if not more.any():
            break
        digits += more
    low = varint.more - 1
    # Bytes (BYTES) are their digits' values: looking each one up in the symbols would copy it.
    symbols = None if varint.symbols == bytes(range(256)) else np.frombuffer(varint.symbols, dtype=np.uint8)
    # Most numbers take one digit: the first digit of every number at once, then the few with more.
    first = numbers.astype(np.uint8)
    first &= low
    longest = int(digits.max(initial=0))
    if longest <= 1:  # one digit each: the digits are the text, in place
        encoded = (first if symbols is None else symbols[first]).tobytes()
        return [encoded[start:end] for start, end in pairwise([*starts.tolist(), len(encoded)])]
    first |= (digits > 1).view(np.uint8) << bits_per_digit
    at = np.cumsum(digits, dtype=np.int64)
    text = np.empty(int(at[-1]), dtype=np.uint8)
    at -= digits
    text[at] = first if symbols is None else symbols[first]
    for place in range(1, longest):
        has = np.flatnonzero(digits > place)
        value = (numbers[has] >> (bits_per_digit * place)) & low
        value |= (digits[has] > place + 1) << bits_per_digit
        text[at[has] + place] = value if symbols is None else symbols[value]
    encoded = text.tobytes()
    return [encoded[start:end] for start, end in pairwise([*at[starts].tolist(), len(encoded)])]
