"""Speech pages not rendered again when nothing they show changed: a cache of each speech page's Markdown.

A speech page shows the speech, its tags and the vocabulary's names and definitions, and three related
speeches (their titles, dates and what they share). Its Markdown is kept in ``.speechkb-cache/speech-pages/``
(see :mod:`speechkb.machinery.cache`) under a hash of: the speech's tags key (:mod:`speechkb.machinery.tags_cache`:
its file, its slug, the vocabularies and the code that parses and tags), the tags keys of the related
speeches and the names they share, every template (the project's ``templates/`` and speechkb's) and the
source of the code that renders, with Jinja's version. A speech with no tags key (a build without the
caches) is rendered and not kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from speechkb import outputs
from speechkb.machinery.cache import CACHE_DIR, ResultCache
from speechkb.machinery.parse_cache import source_of
from speechkb.machinery.tags_cache import TagsCache
from speechkb.model import Speech
from speechkb.outputs.knowledge_pages import RelatedSpeech

SPEECH_PAGES_DIR = "speech-pages"
_CODE = hashlib.sha256(source_of(outputs) + f"jinja2 {version('jinja2')}".encode()).digest()
_TEMPLATES = Path(outputs.__file__).parent.parent / "templates"


class SpeechPageCache(ResultCache[str]):
    """Each speech page's Markdown, by a key of everything it shows."""

    def __init__(self, project: Path, templates: Path | None, tags: TagsCache, options: str = "") -> None:
        """``options``: the project's settings that change a speech page (publishing the originals links them)."""
        super().__init__(project / CACHE_DIR / SPEECH_PAGES_DIR, (str,))
        fingerprint = hashlib.sha256(_CODE + options.encode())
        folders = (("project", templates), ("speechkb", _TEMPLATES))
        for origin, folder in ((origin, folder) for origin, folder in folders if folder and folder.is_dir()):
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    fingerprint.update(f"{origin} {file.relative_to(folder)}\0".encode())
                    fingerprint.update(file.read_bytes() + b"\0")
        self._fingerprint = fingerprint.digest()
        self._tags = tags
        self.used: set[str] = set()
        self.hits = 0
        self.rendered = 0

    def key(self, speech: Speech, related: Sequence[RelatedSpeech]) -> str | None:
        parts = [self._tags.key(speech), *(self._tags.key(other.speech) for other in related)]
        if None in parts:
            return None
        digest = hashlib.sha256(self._fingerprint)
        for part in parts:
            digest.update(f"{part}\0".encode())
        for other in related:
            digest.update(("\0".join(other.shared) + "\1").encode())
        key = digest.hexdigest()
        self.used.add(key)
        return key

    def get(self, key: str) -> str | None:
        text = super().get(key)
        self.hits += text is not None
        return text

    def keep_used(self) -> None:
        self.keep_only(self.used)

    def __str__(self) -> str:
        total = self.hits + self.rendered
        return f"rendered {total - self.hits} of {total} speech pages ({self.hits} cached)"
