"""What made each file a build left in a folder, so that the next build can keep a file without reading it.

A page taken from a cache is named by its key, a hash of everything the page shows. A build that writes such
a page records, for the folder it writes (``docs/``, ``site/``), the page's key with the file's device, inode,
size and modification time. The next build that has the same key for the same path keeps the file as it is,
without reading the cached page or the old file: at 10,000 speeches the speech pages alone are 190 MB of
Markdown and 400 MB of HTML a rebuild would otherwise read back. A file is taken for the one recorded only
while all four are the same, so a file edited or replaced since (by hand, or by a build that stopped before
its folder replaced the previous one) is written anew.

A record is one entry per folder of ``.speechkb-cache/``'s ``cache_dir``, named by a hash of the folder's path
and replaced by each build into it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from speechkb.machinery.cache import CACHE_DIR, ResultCache

FileIdentity = tuple[int, int, int, int]  # device, inode, size, modification time (ns)


class WrittenFile(NamedTuple):  # a named tuple: 10,000 of them unpickle in 10 ms, dataclasses in 200
    """A file as a build left it: the key of the page it holds, and the file's identity."""

    key: str
    file: FileIdentity


@dataclass(frozen=True)
class WrittenFolder:
    files: dict[str, WrittenFile]  # by the file's path in the folder


class WrittenFiles(ResultCache[WrittenFolder]):
    """What made each recorded file of ``target``, in ``.speechkb-cache/<cache_dir>/``."""

    def __init__(self, project: Path, target: Path, cache_dir: str) -> None:
        super().__init__(project / CACHE_DIR / cache_dir, (WrittenFolder,))
        self.target = target
        self.key = hashlib.sha256(os.fsencode(target.resolve())).hexdigest()
        previous = self.get(self.key)
        self._previous = previous.files if previous else {}

    def holding(self, relative: str, key: str) -> Path | None:
        """``target``'s file at ``relative`` when it still holds the page ``key`` names, else None."""
        written = self._previous.get(relative)
        if written is None or written.key != key:
            return None
        path = self.target / relative
        return path if file_identity(path) == written.file else None

    def record(self, files: Iterable[tuple[str, str, Path]]) -> None:
        """Record what the build just made: for each file, its path in ``target``, its page's key and where the
        file is now (a staging folder that becomes ``target`` keeps each file's identity)."""
        written: dict[str, WrittenFile] = {}
        for relative, key, path in files:
            if identity := file_identity(path):
                written[relative] = WrittenFile(key, identity)
        folder = WrittenFolder(written)
        self.put(self.key, folder)
        if self._memory is not None:  # a live preview's next build reads it from memory: not the record replaced
            self._memory[self.key] = folder


def file_identity(path: Path) -> FileIdentity | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
