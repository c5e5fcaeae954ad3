"""Sector, term and briefing pages not rendered again when none of the speeches they draw on changed.

A sector page quotes its newest speeches, counts the passages, related sectors and terms of all of them by
year, lists the older ones by year and shows the requirements of the quoted ones; a term page does the same
with the term's passages and the speeches' own definitions of it. Gathering that and rendering it is most of
what a rebuild after one edited speech does besides reading its caches (a sector such as 道路交通 is in most
speeches of an archive). Each page's Markdown is kept in ``.speechkb-cache/knowledge-pages/`` (see
:mod:`speechkb.machinery.cache`) under a hash of everything it is made from:

- what pages show of each speech the page draws on, in the page's order (the speeches with a passage of it, with a
  requirement about the sector or a definition of the term): the digest of its tags and of all of it but the text
  of its paragraphs, kept with its tags (:func:`speechkb.machinery.tags_cache.shown_digest`);
- how many rows the speech list shows narrowed to the page's sector or term and each year (its links say so);
  for a briefing, the date of the archive's newest speech (资料截至);
- of ``sectors.yml`` and ``terms.yml`` what pages show of every entry (names, parents, descriptions, categories,
  definitions: of the page's entry and of the related ones), and of the page's own entry its aliases (which tag
  speeches otherwise: an alias added re-renders the pages whose speeches it tags anew, through their digests, and
  its entry's page); every other file of the project's ``vocabularies/`` (``requirements.yml``); the
  rendering fingerprint
  (:func:`speechkb.machinery.page_text_cache.rendering_fingerprint`: templates, rendering code, the project's
  settings) and the source of the model and the stages, which gather what a page shows.

A year's speech matrix (sectors × the year's speeches) is kept the same way, by the digests of the year's
speeches, and the other years and where each speech stands on each sector's page as what it shows of the rest.
An edited speech thus re-renders the pages of its own sectors and terms (before and after the edit) and its
year's matrix when its tags or what the pages show of it changed, and no other: an edit to an untagged paragraph
renders none. A page drawing on a speech with no tags key (a build without the caches) is rendered and not kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from speechkb import model, stages
from speechkb.machinery.cache import CACHE_DIR
from speechkb.machinery.page_text_cache import PageTextCache, hash_files, rendering_fingerprint
from speechkb.machinery.parse_cache import source_of
from speechkb.machinery.tags_cache import TagsCache
from speechkb.model import Speech, Vocabulary
from speechkb.stages.vocabulary import SECTORS_FILE, TERMS_FILE

KNOWLEDGE_PAGES_DIR = "knowledge-pages"
_CODE = hashlib.sha256(source_of(model) + source_of(stages)).digest()


class KnowledgePageCache(PageTextCache):
    """Each sector, term, briefing and year matrix page's Markdown, by a key of the speeches it draws on."""

    def __init__(
        self,
        project: Path,
        templates: Path | None,
        tags: TagsCache,
        vocabularies: Path,
        vocabulary: Vocabulary,
        options: str,
    ) -> None:
        super().__init__(project / CACHE_DIR / KNOWLEDGE_PAGES_DIR)
        fingerprint = hashlib.sha256(_CODE + rendering_fingerprint(templates, options))
        hash_files(fingerprint, vocabularies, leaving_out=(SECTORS_FILE, TERMS_FILE))
        fingerprint.update(repr(_shown(vocabulary)).encode())
        self._fingerprint = fingerprint.digest()
        self._tags = tags

    def key(self, page: str, speeches: Iterable[Speech], shown: str) -> str | None:
        """The key of ``page`` drawing on ``speeches`` (in its order) and showing ``shown`` of the rest of the
        archive (the speech list's rows by year, the date of its newest speech), or None when a speech has no tags
        key (its tags are not kept, nor its digest)."""
        drawn = self._tags.shown_of(speeches)
        if drawn is None:
            return None
        digest = hashlib.sha256(self._fingerprint)
        digest.update(f"{page}\0{shown}\0".encode())
        digest.update("\1".join(drawn).encode())
        key = digest.hexdigest()
        self.used.add(key)
        return key

    def page(self, key: str | None, render: Callable[[], str]) -> str:
        """The page of ``key`` as stored, else ``render()``, stored under ``key`` unless it is None."""
        if key is not None and (stored := self.get(key)) is not None:
            self.hits += 1
            return stored
        self.rendered += 1
        text = render()
        if key is not None:
            self.put(key, text)
        return text

    def __str__(self) -> str:
        total = self.rendered + self.hits
        return f"rendered {self.rendered} of {total} sector, term, briefing and year matrix pages ({self.hits} cached)"


def _shown(vocabulary: Vocabulary) -> Vocabulary:
    """What the pages show of every entry of ``vocabulary``: all but the words that tag speeches (a page shows its own
    entry's aliases, which its key holds)."""
    return Vocabulary(
        tuple(replace(sector, aliases=(), not_aliases=()) for sector in vocabulary.sectors),
        tuple(replace(term, aliases=(), not_aliases=()) for term in vocabulary.terms),
        vocabulary.categories,
    )
