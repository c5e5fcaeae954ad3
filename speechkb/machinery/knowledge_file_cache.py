"""kb.json not made again from every speech: a cache of each speech's share of it and of each sector's checklist.

``kb.json`` (:mod:`speechkb.outputs.export`) is 94 MB of JSON at 10,000 speeches, and making it took 5 s of a
rebuild after one speech changed. Nearly all of it is each speech's own share (:class:`SpeechJson`: its record,
its mentions of each sector and term, its definitions), which ``.speechkb-cache/knowledge-file/`` (see
:mod:`speechkb.machinery.cache`) keeps as JSON text under a hash of what it is made from:

- the speech's tags key (:mod:`speechkb.machinery.tags_cache`: its file and slug, the code that parses and tags
  it, what it sees of the vocabulary);
- the name and slug of every sector and term (its record names its own: a renamed one makes every share again),
  the URL style, and the source of the outputs, the model and the stages.

Each sector's ``requirements`` (its checklist, merged across speeches) is kept there too, under the tags keys of
the speeches that make a requirement about it, in their order, every file of ``vocabularies/`` (the rules of
``requirements.yml``, the terms' names) and the same code. One speech edited makes its own share again and the
checklists of the sectors it requires something of; the build joins the rest as it reads them. A speech with no
tags key (a build without the caches) has its share made and not kept, and so has a checklist drawing on one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from speechkb import model, outputs, stages
from speechkb.machinery.cache import CACHE_DIR, ResultCache
from speechkb.machinery.page_text_cache import hash_files
from speechkb.machinery.parse_cache import source_of
from speechkb.machinery.tags_cache import TagsCache
from speechkb.mkdocs import urls
from speechkb.model import Speech, Vocabulary
from speechkb.outputs.export import SpeechJson

KNOWLEDGE_FILE_DIR = "knowledge-file"
_CODE = hashlib.sha256(b"".join(source_of(module) for module in (outputs, model, stages, urls))).digest()


class KnowledgeFileCache(ResultCache[SpeechJson | bytes]):
    """Each speech's share of kb.json, by its tags key, and each sector's checklist, by the speeches it comes from."""

    def __init__(
        self, project: Path, tags: TagsCache, vocabulary: Vocabulary, vocabularies: Path, directory_urls: bool
    ) -> None:
        super().__init__(project / CACHE_DIR / KNOWLEDGE_FILE_DIR, (SpeechJson, bytes))
        self._tags = tags
        shares = hashlib.sha256(_CODE + f"share directory_urls={directory_urls}\0".encode())
        for kind, entries in (("sector", vocabulary.sectors), ("term", vocabulary.terms)):
            shares.update("".join(f"{kind} {entry.slug}\1{entry.name}\0" for entry in entries).encode())
        self._shares = shares.digest()
        checklists = hashlib.sha256(_CODE + b"checklist\0")
        hash_files(checklists, vocabularies)
        self._checklists = checklists.digest()
        self.used: set[str] = set()
        self.hits = 0
        self.made = 0

    def speech(self, speech: Speech, make: Callable[[], SpeechJson]) -> SpeechJson:
        """The speech's share as kept, else ``make()``, kept unless the speech has no tags key."""
        tags_key = self._tags.key(speech)
        if tags_key is None:
            self.made += 1
            return make()
        key = hashlib.sha256(self._shares + tags_key.encode()).hexdigest()
        stored = self._get(key)
        if isinstance(stored, SpeechJson) and _is_share(stored):
            self.hits += 1
            return stored
        if stored is not None:  # read, but not a share of JSON text: damaged, never trusted
            self._discard(key)
        self.made += 1
        share = make()
        self.put(key, share)
        return share

    def requirements(self, sector: str, speeches: Sequence[Speech], make: Callable[[], bytes]) -> bytes:
        """The checklist of ``sector`` (a slug) drawing on the requirements of ``speeches`` (in their order) as
        kept, else ``make()``, kept unless a speech has no tags key."""
        tags_keys = self._tags.keys_of(speeches)
        if tags_keys is None:
            return make()
        digest = hashlib.sha256(self._checklists)
        digest.update(f"{sector}\0".encode())
        digest.update("\1".join(tags_keys).encode())
        key = digest.hexdigest()
        stored = self._get(key)
        if isinstance(stored, bytes):
            return stored
        if stored is not None:
            self._discard(key)
        text = make()
        self.put(key, text)
        return text

    def _get(self, key: str) -> SpeechJson | bytes | None:
        self.used.add(key)
        return self.get(key)

    def keep_used(self) -> None:
        self.keep_only(self.used)

    def __str__(self) -> str:
        total = self.made + self.hits
        return f"made kb.json's share of {self.made} of {total} speeches ({self.hits} cached)"


def _is_share(share: SpeechJson) -> bool:
    """Whether every part of ``share`` is JSON text (bytes), as :func:`speechkb.outputs.export.speech_json` makes."""
    parts = (share.sectors, share.terms, share.definitions)
    return (
        isinstance(share.record, bytes)
        and all(isinstance(part, dict) for part in parts)
        and all(isinstance(text, bytes) for part in parts for text in part.values())
    )
