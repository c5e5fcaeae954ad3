"""Tag a corpus without re-tagging what did not change: a cache of each speech's :class:`SpeechTags`.

Extraction (:func:`speechkb.stages.extract.extract`) is a pure function of a parsed speech and the vocabulary,
so each speech's tags are kept in ``.speechkb-cache/tags/`` (see :mod:`speechkb.machinery.cache`) under a hash
of everything they depend on: the speech's parse key (its file, sidecar, text rules and the parsing code:
:mod:`speechkb.machinery.parse_cache`), its slug, the source of the stages, the model and this module, the versions of
the libraries that match and convert (pyahocorasick, OpenCC, pypinyin), and of the vocabulary only what
extraction can see in that speech (:func:`speechkb.stages.extract.vocabulary_seen`: the names, not-aliases and
not-terms found in its text). One speech edited re-tags that speech; an alias re-tags the speeches that use it, and a
definition, a description or ``requirements.yml`` re-tags none. The knowledge graph's cross-speech parts
(sector and term pages, related speeches, candidates) are computed again from the tags on every build.

Finding what a speech sees of the vocabulary reads its whole text, a tenth of tagging it. So each build also
keeps, in ``.speechkb-cache/tag-keys/``, the key it gave each speech (by parse key and slug) under a hash of the
whole vocabulary's names, not-aliases and not-terms: the next build with the same names looks the keys up there, and
reads the text only of a speech it does not find (a new or edited one), or of every speech when a name changed.

Each entry also holds a digest of what the sector, term and briefing pages show of the speech (:func:`shown_digest`):
its tags, and of the speech all but the text of its paragraphs. Those pages are kept by the digests of the speeches
they draw on (:mod:`speechkb.machinery.knowledge_page_cache`), so an edit to a paragraph with no tags renders none
of them again (one to a tagged paragraph, all of the speech's); the digest is made with the tags, once per edited
speech.

Tags point at the speech's own paragraphs: an entry names each by its position in
:meth:`~speechkb.model.Speech.paragraphs` instead of holding a copy, which keeps entries small and quick to
read and leaves one copy of each paragraph in memory. A speech whose file has no parse key (a build
without the parse cache) is tagged and not kept.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import pickle
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, replace
from importlib.metadata import version
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO, cast

from speechkb import model, stages
from speechkb.machinery.cache import CACHE_DIR, ResultCache
from speechkb.machinery.parse_cache import source_of
from speechkb.model import Paragraph, Speech, SpeechTags, Vocabulary
from speechkb.outputs import slug
from speechkb.stages.extract import extract, vocabulary_seen

TAGS_DIR = "tags"
TAG_KEYS_DIR = "tag-keys"
_LIBRARIES = ("pyahocorasick", "opencc", "pypinyin")
# This module's own source too: what an entry holds (StoredTags, shown_digest) is its to say.
_CODE = hashlib.sha256(
    b"".join(source_of(module) for module in (stages, model, slug))
    + Path(__file__).read_bytes()
    + "".join(f"{name} {version(name)}\0" for name in _LIBRARIES).encode()
).digest()

# The paragraphs of the speech whose tags are being read: what a stored position stands for.
_reading: ContextVar[list[Paragraph]] = ContextVar("_reading")


_slug_of = attrgetter("slug")


def _paragraph_at(position: int) -> Paragraph:
    return _reading.get()[position]


@dataclass(frozen=True)
class StoredTags:
    """An entry: a speech's tags, and the digest of what the sector, term and briefing pages show of it."""

    tags: SpeechTags
    shown: str


def shown_digest(speech: Speech, tags: SpeechTags) -> str:
    """A digest of what sector, term and briefing pages show of ``speech``, tagged ``tags``: its tags (their
    passages, whole, and definitions, from which its requirements are found) and all of the speech but the text of
    its paragraphs, which only its own page shows (and the digest of its words, made of them)."""
    head = replace(
        speech,
        front=(),
        salutation=None,
        body=(),
        closing=None,
        closing_items=(),
        ending=(),
        notes=(),
        footnotes=(),
        words_key="",
    )
    return hashlib.sha256(repr((head, tags)).encode()).hexdigest()


class TagsCache(ResultCache[StoredTags]):
    """Each speech's tags in ``.speechkb-cache/tags/``; :meth:`tags` is :func:`extract` through the cache."""

    def __init__(self, project: Path, vocabulary: Vocabulary, parse_keys: Mapping[Path, str]) -> None:
        super().__init__(project / CACHE_DIR / TAGS_DIR, (StoredTags,))
        self._vocabulary = vocabulary
        self._parse_keys = parse_keys
        # Parse keys by slug once found: speech pages ask for their related speeches' too (30,000 look-ups at 10,000
        # speeches), and a look-up by path compares paths in Python.
        self._parse_known: dict[str, str | None] = {}
        self.keys = TagKeys(project, vocabulary)
        # Each speech's key once found, by its slug: one speech's in a build (a pair with its file hashed the path
        # on every look-up, a third of the time the pages gathering speeches took to find their keys).
        self._known: dict[str, str] = {}
        self._shown: dict[str, str] = {}  # each tagged speech's shown_digest, by slug, for the pages' keys
        self.used: set[str] = set()
        self.hits = 0
        self.tagged = 0

    def parse_key(self, speech: Speech) -> str | None:
        """The speech's key in the parse cache (its file, sidecar and the parsing code), None without one."""
        try:
            return self._parse_known[speech.slug]
        except KeyError:
            found = self._parse_known[speech.slug] = self._parse_keys.get(speech.source)
            return found

    def key(self, speech: Speech) -> str | None:
        # The pages that gather speeches ask for the keys of all their speeches: hundreds of thousands of times in a
        # large archive, where building the key each time took seconds.
        known = self._known.get(speech.slug)
        if known is not None:
            return known
        parsed = self.parse_key(speech)
        if parsed is None:
            return None
        speech_id = f"{parsed}\0{speech.slug}"
        key = self.keys.found(speech_id)
        if key is None:
            digest = hashlib.sha256(_CODE)
            digest.update(f"{speech_id}\0".encode())
            digest.update("\0".join(vocabulary_seen(speech, self._vocabulary)).encode())
            key = digest.hexdigest()
            self.keys.record(speech_id, key)
        self._known[speech.slug] = key
        return key

    def keys_of(self, speeches: Iterable[Speech]) -> list[str] | None:
        """The keys of ``speeches``, in order, or None when one has no key: :meth:`key` of each, as a list at once
        (a page gathering a large archive's speeches asks for ten thousand, each known by then: looked up in C)."""
        speeches = list(speeches)
        try:
            return list(map(self._known.__getitem__, map(_slug_of, speeches)))
        except KeyError:  # a speech no one asked for yet, or one with no key
            keys = [self.key(speech) for speech in speeches]
            return None if None in keys else cast(list[str], keys)

    def shown_of(self, speeches: Iterable[Speech]) -> list[str] | None:
        """The :func:`shown_digest` of each of ``speeches``, tagged by this build, in order, or None when one has
        none (it has no key, and its tags are not kept)."""
        try:
            return list(map(self._shown.__getitem__, map(_slug_of, speeches)))
        except KeyError:
            return None

    def tags(self, speech: Speech, vocabulary: Vocabulary) -> SpeechTags:
        key = self.key(speech)
        if key is None:
            self.tagged += 1
            return extract(speech, vocabulary)
        self.used.add(key)
        stored = self._stored(key, speech)
        if stored is not None:
            self.hits += 1
        else:
            self.tagged += 1
            tags = extract(speech, vocabulary)
            stored = StoredTags(tags, shown_digest(speech, tags))
            self._write(key, _dumps(stored, speech.paragraphs()))
            self.remember(key, stored)
        self._shown[speech.slug] = stored.shown
        return stored.tags

    def look_up(self, speech: Speech, vocabulary: Vocabulary) -> SpeechTags:
        """The speech's tags as kept, or found anew; nothing written, counted or discarded. For the search index's
        process, beside the build's: what the build tags and discards, and says it did, must not depend on which
        process came first."""
        key = self.key(speech)
        stored = self._stored(key, speech, discard=False) if key else None
        return stored.tags if stored is not None else extract(speech, vocabulary)

    def _stored(self, key: str, speech: Speech, *, discard: bool = True) -> StoredTags | None:
        token = _reading.set(speech.paragraphs())
        try:
            return self._read(key, _load, discard=discard)
        finally:
            _reading.reset(token)

    def keep_used(self) -> None:
        self.keep_only(self.used)
        self.keys.keep()

    def __str__(self) -> str:
        return f"tagged {self.tagged} of {self.tagged + self.hits} speeches ({self.hits} cached)"


class TagKeys(ResultCache[dict[str, str]]):
    """The tags key of each speech (by parse key and slug) a build found, kept for builds with the same names.

    Read by the search index's process too, beside the build's: only the build's writes it, and says when it
    found it unreadable.
    """

    def __init__(self, project: Path, vocabulary: Vocabulary) -> None:
        super().__init__(project / CACHE_DIR / TAG_KEYS_DIR, (dict,))
        names = hashlib.sha256(_CODE)
        for kind, entries in (("sector", vocabulary.sectors), ("term", vocabulary.terms)):
            for entry in entries:
                forms = "\1".join(entry.forms)
                not_aliases = "\1".join(entry.not_aliases)
                names.update(f"{kind} {entry.slug} {forms}\2{not_aliases}\0".encode())
        names.update("\1".join(sorted(vocabulary.not_terms)).encode())
        self._entry = names.hexdigest()
        self._kept: dict[str, str] | None = None
        self._unreadable = False
        self._found: dict[str, str] = {}

    def found(self, speech_id: str) -> str | None:
        """The speech's key as this build or the last one with the same names found it, or None."""
        if self._kept is None:
            kept = self._read(self._entry, pickle.load, discard=False)
            self._unreadable = kept is None and self.has(self._entry)
            self._kept = kept or {}
        key = self._found.get(speech_id) or self._kept.get(speech_id)
        if key is not None:
            self._found[speech_id] = key
        return key

    def record(self, speech_id: str, key: str) -> None:
        self._found[speech_id] = key

    def keep(self) -> None:
        """Keep the keys this build found, and nothing else."""
        if self._unreadable:
            self.discarded += 1
        if self._unreadable or self._found != self._kept:
            self.put(self._entry, self._found)
            if self._memory is not None:  # the one entry whose name stays as its content grows
                self._memory[self._entry] = dict(self._found)
        self.keep_only({self._entry})


def _load(stored: BinaryIO) -> object:
    return pickle.load(stored)


def _dumps(tags: StoredTags, paragraphs: list[Paragraph]) -> bytes:
    """``tags`` pickled with each of the speech's own paragraphs as its position (copied if not one of them)."""
    positions = {id(paragraph): position for position, paragraph in enumerate(paragraphs)}

    def by_position(paragraph: Paragraph) -> tuple[Callable[[Any], object], tuple[object]]:
        position = positions.get(id(paragraph))
        if position is None:  # a paragraph extraction made: kept whole
            return (pickle.loads, (pickle.dumps(paragraph, protocol=pickle.HIGHEST_PROTOCOL),))
        return (_paragraph_at, (position,))

    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, Paragraph: by_position}
    pickler.dump(tags)
    return stream.getvalue()
