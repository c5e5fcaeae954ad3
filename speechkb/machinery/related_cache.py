"""Related speeches not found again for the whole archive: what the last build found, for the next to start from.

Finding each speech's related speeches (:mod:`speechkb.outputs.related`) compares every pair of speeches: 2 s at
10,000, however little changed. A build keeps what it found, with the tags and order it found it from
(:class:`~speechkb.outputs.related.RelatedFound`), as one entry of ``.speechkb-cache/related/`` (see
:mod:`speechkb.machinery.cache`) named by the source of the code that finds them; the next build checks it
against the speeches that changed only. Since the entry holds everything the result was found from, it needs
no other key: a speech whose tags or place differ from the entry's counts as changed. An entry that cannot be
read, or whose parts do not fit together, is discarded and everything found anew.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from speechkb.machinery.cache import CACHE_DIR, ResultCache
from speechkb.machinery.parse_cache import source_of
from speechkb.outputs import related
from speechkb.outputs.related import RelatedFound

RELATED_DIR = "related"
_KEY = hashlib.sha256(source_of(related)).hexdigest()


class RelatedCache(ResultCache[RelatedFound]):
    """The related speeches the last build found, in ``.speechkb-cache/related/``."""

    def __init__(self, project: Path) -> None:
        super().__init__(project / CACHE_DIR / RELATED_DIR, (RelatedFound,))

    def before(self) -> RelatedFound | None:
        """What the last build found, or None."""
        found = self.get(_KEY)
        if found is not None and not found.is_whole():
            self._discard(_KEY)
            return None
        return found

    def keep(self, found: RelatedFound) -> None:
        """Keep ``found`` for the next build, in place of what the last one found."""
        self.put(_KEY, found)
        self.keep_only({_KEY})
        if self._memory is not None:  # a live preview's next build starts from this one's, not the first it read
            self._memory[_KEY] = found
