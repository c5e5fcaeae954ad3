"""The build's memory between runs: ``.speechkb-cache/`` beside ``mkdocs.yml`` (git-ignored).

Each stage that can skip work keeps its own folder of results, one pickle per item, named by a hash of
everything the result depends on, so that a changed input is a different name rather than a stale hit.
A result that cannot be read (missing, cut short, written by another version) is a miss: the caller
computes it again. Writes go through a temporary name and a rename, so a build killed mid-write, or a
process writing beside it, never leaves half an entry; entries no build used are removed, so a folder
holds one entry per item of the current corpus.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Set
from pathlib import Path
from typing import Generic, TypeVar, cast

import jinja2

CACHE_DIR = ".speechkb-cache"
TEMPLATES_DIR = "templates"

Result = TypeVar("Result")


class ResultCache(Generic[Result]):
    """Results of one kind in one folder; ``kinds`` are the types a result may have."""

    def __init__(self, folder: Path, kinds: tuple[type, ...]) -> None:
        self.folder = folder
        self.kinds = kinds

    def get(self, key: str) -> Result | None:
        try:
            with (self.folder / key).open("rb") as stored:
                result = pickle.load(stored)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        # pickle returns Any: the isinstance check is what makes it a Result.
        return cast(Result, result) if isinstance(result, self.kinds) else None

    def has(self, key: str) -> bool:
        return (self.folder / key).is_file()

    def put(self, key: str, result: Result) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.{os.getpid()}"
        partial.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(self.folder / key)

    def keep_only(self, keys: Set[str]) -> None:
        for entry in self.folder.iterdir() if self.folder.is_dir() else ():
            if entry.name not in keys:
                entry.unlink(missing_ok=True)


def template_bytecode(project: Path, environment: str) -> jinja2.BytecodeCache:
    """Compiled Jinja templates: compiling them is a third of a small rebuild.

    Jinja names an entry by template only, not by the environment's options (autoescaping, whitespace), so
    each ``environment`` has its own folder. It checks each template's modification time, so an edited
    template is compiled again.
    """
    folder = project / CACHE_DIR / TEMPLATES_DIR / environment
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))
