"""What the search index needs of each speech's tags, kept apart: a cache of its definitions and candidates.

The search index's process finds the formulas the speeches define (their pages are searched too:
:func:`speechkb.build._formulas`), which needs only the definitions and candidate mentions of each speech's
tags. Reading a speech's whole tags back from the tags cache (:mod:`speechkb.machinery.tags_cache`) unpickles
every tagged paragraph: 1.3 s of CPU at 10,000 speeches, for a few names each. So they are also kept on their
own in ``.speechkb-cache/definitions/`` (see :mod:`speechkb.machinery.cache`) under the speech's tags key,
which names everything its tags depend on (its parse, its slug, what it sees of the vocabularies, the tagging
code and libraries), and read back in 0.2 s. A speech missing there is looked up in the tags cache (or tagged) and kept.

Only the search index's process uses this folder, and it keeps it itself (entries no build used are removed),
beside the build's process, which never reads it. A speech without a tags key (a build without the parse
cache) is looked up and not kept.
"""

from __future__ import annotations

from pathlib import Path

from speechkb.machinery.cache import CACHE_DIR, ResultCache
from speechkb.machinery.tags_cache import TagsCache
from speechkb.model import Speech, SpeechTags, Vocabulary

DEFINITIONS_DIR = "definitions"


class DefinitionsCache(ResultCache[SpeechTags]):
    """Each speech's tags with only their definitions and candidates, in ``.speechkb-cache/definitions/``."""

    def __init__(self, project: Path, tags: TagsCache) -> None:
        super().__init__(project / CACHE_DIR / DEFINITIONS_DIR, (SpeechTags,))
        self._tags = tags
        self.used: set[str] = set()

    def definitions(self, speech: Speech, vocabulary: Vocabulary) -> SpeechTags:
        """The speech's tags with its definitions and candidates only: kept, or looked up in the tags cache."""
        key = self._tags.key(speech)
        if key is None:
            return _definitions_only(self._tags.look_up(speech, vocabulary))
        self.used.add(key)
        stored = self.get(key)
        if stored is None:
            stored = _definitions_only(self._tags.look_up(speech, vocabulary))
            self.put(key, stored)
        return stored

    def keep_used(self) -> None:
        self.keep_only(self.used)


def _definitions_only(tags: SpeechTags) -> SpeechTags:
    """At 10,000 speeches the tagged paragraphs are hundreds of megabytes: the search index keeps none."""
    return SpeechTags(definitions=tags.definitions, candidates=tags.candidates)
