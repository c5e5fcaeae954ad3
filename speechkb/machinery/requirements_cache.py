"""Requirements not looked for again in a speech whose tags did not change: a cache of each speech's requirements.

What a speech requires (:mod:`speechkb.stages.requirements`) is a pure function of its tags and
``requirements.yml``. So each speech's requirements are kept in ``.speechkb-cache/requirements/`` under a
hash of the speech's tags key (:mod:`speechkb.machinery.tags_cache`: its file, its slug, what it sees of the
vocabulary and the source of the stages, which find requirements) and the bytes of ``requirements.yml``,
and a rebuild after one speech changed reads the others' instead of reading every paragraph of the
archive again (a second or more at 1,000 speeches). A speech with no tags key (a build without the
caches) is read and not kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from speechkb.machinery.cache import CACHE_DIR, ResultCache
from speechkb.machinery.tags_cache import TagsCache
from speechkb.model import Requirement, TaggedSpeech
from speechkb.stages.requirements import REQUIREMENTS_FILE, RequirementRules, requirements_of

REQUIREMENTS_DIR = "requirements"


class RequirementsCache(ResultCache[tuple[Requirement, ...]]):
    """Each speech's requirements; :meth:`requirements` is :func:`requirements_of` through the cache."""

    def __init__(self, project: Path, tags: TagsCache, vocabularies: Path) -> None:
        super().__init__(project / CACHE_DIR / REQUIREMENTS_DIR, (tuple,))
        self._tags = tags
        self._rules = hashlib.sha256((vocabularies / REQUIREMENTS_FILE).read_bytes()).digest()
        self.used: set[str] = set()
        self.hits = 0
        self.found = 0

    def requirements(self, tagged: TaggedSpeech, rules: RequirementRules) -> tuple[Requirement, ...]:
        key = self._key(tagged)
        if key is not None:
            self.used.add(key)
            stored = self.get(key)
            if stored is not None and all(isinstance(item, Requirement) for item in stored):
                self.hits += 1
                return stored
            if stored is not None:  # a tuple, but not of requirements: damaged, never trusted
                self._discard(key)
        self.found += 1
        requirements = requirements_of(tagged.tags, rules)
        if key is not None:
            self.put(key, requirements)
        return requirements

    def _key(self, tagged: TaggedSpeech) -> str | None:
        tags = self._tags.key(tagged.speech)
        return None if tags is None else hashlib.sha256(self._rules + tags.encode()).hexdigest()

    def keep_used(self) -> None:
        self.keep_only(self.used)

    def __str__(self) -> str:
        return f"read {self.found} of {self.found + self.hits} speeches for requirements ({self.hits} cached)"
