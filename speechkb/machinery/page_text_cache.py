"""Speech pages not rendered again when nothing they show changed: a cache of each speech page's Markdown.

A speech page shows the speech, its tags and the vocabulary's names, and three related speeches (their
titles, dates and what they share). Its Markdown is kept in ``.speechkb-cache/speech-pages/`` (see
:mod:`speechkb.machinery.cache`) under a hash of what the page is made from: the speech's tags key
(:mod:`speechkb.machinery.tags_cache`: its file, its slug, the code that parses and tags it and what it sees
of the vocabulary, which make its tags); the name and slug of each of its sectors and terms (every field of
them when the project has its own ``speech.md.j2``, which may show more); the parse key and slug of each
related speech (:mod:`speechkb.machinery.parse_cache`) and the names they share; every template (the
project's ``templates/`` and speechkb's) and the source of the code that renders, with Jinja's version.

So the page depends on the vocabularies only through what it shows of them: an alias added to
``terms.yml`` re-renders the pages of the speeches that use it, a definition none (with speechkb's
templates). A speech with no parse key (a build without the caches) is rendered and not kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from importlib.metadata import version
from pathlib import Path

from speechkb import outputs
from speechkb.machinery.cache import CACHE_DIR, ResultCache
from speechkb.machinery.parse_cache import source_of
from speechkb.machinery.tags_cache import TagsCache
from speechkb.model import Sector, Speech, TaggedSpeech, Term, Vocabulary
from speechkb.outputs.knowledge_pages import RelatedSpeech

SPEECH_PAGES_DIR = "speech-pages"
_CODE = hashlib.sha256(source_of(outputs) + f"jinja2 {version('jinja2')}".encode()).digest()
_TEMPLATES = Path(outputs.__file__).parent.parent / "templates"
_SPEECH_TEMPLATE = "speech.md.j2"


def rendering_fingerprint(templates: Path | None, options: str) -> bytes:
    """A hash of what renders any page: the code that renders, Jinja's version, every template (the project's
    ``templates`` and speechkb's) and ``options``, the project's settings that change a page."""
    fingerprint = hashlib.sha256(_CODE + options.encode())
    for origin, folder in (("project", templates), ("speechkb", _TEMPLATES)):
        if folder and folder.is_dir():
            hash_files(fingerprint, folder, origin)
    return fingerprint.digest()


def hash_files(digest: hashlib._Hash, folder: Path, origin: str = "", leaving_out: Collection[str] = ()) -> None:
    """Add every file under ``folder`` but those named in ``leaving_out`` to ``digest``: its path (after ``origin``)
    and its bytes, in sorted order."""
    for file in sorted(folder.rglob("*")):
        if file.is_file() and file.name not in leaving_out:
            digest.update(f"{origin} {file.relative_to(folder)}\0".encode())
            digest.update(file.read_bytes() + b"\0")


class PageTextCache(ResultCache[str]):
    """Pages' Markdown in ``folder``, by keys the subclass makes; it counts the pages taken from it (``hits``) and
    rendered (``rendered``), and keeps only the entries this build used (``used``)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, (str,))
        self.used: set[str] = set()
        self.hits = 0
        self.rendered = 0

    def keep_used(self) -> None:
        self.keep_only(self.used)


class SpeechPageCache(PageTextCache):
    """Each speech page's Markdown, by a key of everything it shows."""

    def __init__(
        self,
        project: Path,
        templates: Path | None,
        tags: TagsCache,
        vocabulary: Vocabulary,
        options: str = "",
    ) -> None:
        """``options``: the project's settings that change a speech page (publishing the originals links them)."""
        super().__init__(project / CACHE_DIR / SPEECH_PAGES_DIR)
        self._fingerprint = rendering_fingerprint(templates, options)
        self._tags = tags
        shows_all = templates is not None and (templates / _SPEECH_TEMPLATE).is_file()
        entries: list[Sector | Term] = [*vocabulary.sectors, *vocabulary.terms]
        self._shown = {entry.slug: repr(entry) if shows_all else f"{entry.slug}\0{entry.name}" for entry in entries}

    def key(self, tagged: TaggedSpeech, related: Sequence[RelatedSpeech], copies: Sequence[Speech]) -> str | None:
        """The key of the page of ``tagged``, which lists ``related`` speeches and names its ``copies``."""
        tags_key = self._tags.key(tagged.speech)
        others = [self._tags.parse_key(other.speech) for other in related]
        copied = [self._tags.parse_key(copy) for copy in copies]
        if tags_key is None or None in others or None in copied:
            return None
        shown = self._shown
        parts = [tags_key, *(f"{key} {other.speech.slug}" for key, other in zip(others, related, strict=True))]
        parts += ("\1".join(other.shared) for other in related)
        parts += (f"{key} {copy.slug}" for key, copy in zip(copied, copies, strict=True))
        parts += (shown[slug] for slug in tagged.tags.sectors)
        parts.append("")
        parts += (shown[slug] for slug in tagged.tags.terms)
        digest = hashlib.sha256(self._fingerprint)
        digest.update("\2".join(parts).encode())
        key = digest.hexdigest()
        self.used.add(key)
        return key

    def __str__(self) -> str:
        total = self.hits + self.rendered
        return f"rendered {total - self.hits} of {total} speech pages ({self.hits} cached)"
