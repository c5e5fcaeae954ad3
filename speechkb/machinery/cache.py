"""The build's memory between runs: ``.speechkb-cache/`` beside ``mkdocs.yml`` (git-ignored).

Each stage that can skip work keeps its own folder of results, one pickle per item, named by a hash of
everything the result depends on, so that a changed input is a different name rather than a stale hit.
A result that is not there is a miss: the caller computes it again; one that cannot be read (cut short,
damaged, written by another version) is deleted and counted, and the build says so, then computes it again. Writes go through a temporary name and a rename, so a build killed mid-write, or a
process writing beside it, never leaves half an entry; entries no build used are removed, so a folder
holds one entry per item of the current corpus.

A process that builds again and again (the live preview) also keeps what it read in memory
(:func:`remember_in_process`): a key names everything its result depends on, so a result remembered is as
good as one read, and reading a large archive's entries back is most of a preview's rebuild.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Set
from pathlib import Path
from typing import BinaryIO, ClassVar, Generic, TypeVar, cast

import jinja2

CACHE_DIR = ".speechkb-cache"
TEMPLATES_DIR = "templates"
TRASH_DIR = "trash"  # replaced output folders, deleted in the background (speechkb.machinery.staging)
SPARE_DIR = "spare"  # the site's folders a build replaced, emptied, for the next build (speechkb.machinery.staging)
STAGING_DIR = "staging"  # docs/' generated folders while a build writes them, out of what MkDocs watches

Result = TypeVar("Result")


class ResultCache(Generic[Result]):
    """Results of one kind in one folder; ``kinds`` are the types a result may have.

    An entry that is there but cannot be read as one of ``kinds`` (cut short, damaged, written by another
    version of a class) is deleted and counted in ``discarded``, for the build to say so: it is computed
    again, never trusted.
    """

    # Results read in this process, by folder and key, when it remembers them (see remember_in_process).
    remembered: ClassVar[dict[Path, dict[str, object]] | None] = None

    def __init__(self, folder: Path, kinds: tuple[type, ...]) -> None:
        self.folder = folder
        self.kinds = kinds
        self.discarded = 0
        self._memory = None if self.remembered is None else self.remembered.setdefault(folder, {})

    def get(self, key: str) -> Result | None:
        return self._read(key, pickle.load)

    def _read(self, key: str, load: Callable[[BinaryIO], object], *, discard: bool = True) -> Result | None:
        """The entry ``key`` as ``load`` reads it, or None. An unreadable one is discarded, unless ``discard`` is
        false (a process reading beside the build, which leaves the build to find and count it)."""
        if self._memory is not None and key in self._memory:
            return cast(Result, self._memory[key])
        try:
            with (self.folder / key).open("rb") as stored:
                result = load(stored)
        except FileNotFoundError:
            return None
        except Exception:  # any damage to the bytes can raise about anything while unpickling
            result = None
        if not isinstance(result, self.kinds):
            if discard:
                self._discard(key)
            return None
        if self._memory is not None:
            self._memory[key] = result
        # pickle returns Any: the isinstance check is what makes it a Result.
        return cast(Result, result)

    def _discard(self, key: str) -> None:
        self.discarded += 1
        (self.folder / key).unlink(missing_ok=True)

    def has(self, key: str) -> bool:
        return (self.folder / key).is_file()

    def put(self, key: str, result: Result) -> None:
        self._write(key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        self.remember(key, result)

    def remember(self, key: str, result: Result) -> None:
        """Keep ``result``, the entry ``key`` holds, in memory when this process remembers: what a regeneration wrote
        (from a cold cache: every entry) serves the next one too, and what a forked worker wrote is remembered by
        the process it hands its result to."""
        if self._memory is not None:
            self._memory[key] = result

    def _write(self, key: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.{os.getpid()}"
        partial.write_bytes(data)
        partial.replace(self.folder / key)

    def keep_only(self, keys: Set[str]) -> None:
        for entry in self.folder.iterdir() if self.folder.is_dir() else ():
            if entry.name not in keys:
                entry.unlink(missing_ok=True)
        if self._memory is not None:
            for key in self._memory.keys() - keys:
                del self._memory[key]

    def discarded_notice(self) -> str | None:
        """What to tell the user when entries were unreadable, or None."""
        if not self.discarded:
            return None
        return f"discarded {self.discarded} unreadable entries of {self.folder} (computed again)"


def remember_in_process() -> None:
    """Keep each result this process reads in its memory as well, for the next build it runs."""
    if ResultCache.remembered is None:
        ResultCache.remembered = {}


def template_bytecode(project: Path, environment: str) -> jinja2.BytecodeCache:
    """Compiled Jinja templates: compiling them is a third of a small rebuild.

    Jinja names an entry by template only, not by the environment's options (autoescaping, whitespace), so
    each ``environment`` has its own folder. It checks each template's modification time, so an edited
    template is compiled again.
    """
    folder = project / CACHE_DIR / TEMPLATES_DIR / environment
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))
