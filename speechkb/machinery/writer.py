"""The writer: generated pages into docs/, all at once or not at all, unchanged files left untouched.

Pages are written into staging copies of the generated folders (:mod:`speechkb.folders`) and swapped in at
the end (:mod:`speechkb.machinery.staging`), so an interrupted build never leaves a half-written ``docs/`` behind.
A page a cache holds, or one that is costly to make and named by what it is made from (the search index's
files), comes as a :class:`StoredPage`, read or made only when ``docs/`` does not hold it already
(:mod:`speechkb.machinery.written_files`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Collection, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from speechkb.folders import GENERATED_DIRS, GENERATED_FILES, RETIRED_FILES
from speechkb.machinery.staging import changes_applied, staged
from speechkb.machinery.written_files import WrittenFiles

WRITTEN_DOCS_DIR = "written-docs"  # in .speechkb-cache/: what made each cached page of docs/ (WrittenFiles)


@dataclass(frozen=True)
class StoredPage:
    """A page named by ``key``, a hash of everything it holds: ``text`` reads it from a cache (or renders it, when
    the entry cannot be read), or makes it."""

    key: str
    text: Callable[[], str | bytes]

    @classmethod
    def made(cls, key: str, text: str) -> StoredPage:
        """A page just made and stored under ``key``: staged like the others, its key recorded with its file, so
        that the next build keeps the file rather than read the page back (the first rebuild after a build from
        nothing read every speech page: 10,000 speeches, 4 s)."""
        return cls(key, lambda: text)


@dataclass(frozen=True)
class Written:
    """Files written into the staging folders, how many of them differ from the previous build's, and from a write
    that :meth:`PageWriter.record` is to count (``record=False``), the path and key of each :class:`StoredPage`
    among them, recorded once they are committed, and the files it left where they are in a folder written in place."""

    written: int = 0
    changed: int = 0
    stored: tuple[tuple[str, str], ...] = ()
    left: tuple[str, ...] = ()


class PageWriter:
    """Writes generated pages into staging copies of the generated folders of ``docs/``; ``commit`` swaps them in.

    Pages are written as they are rendered, so that a build never holds a large archive's pages all at
    once. A file whose text did not change keeps its old timestamp (it is hard-linked into the staging
    folder), so that a live preview rebuilds only when something really changed. Leaving the ``with``
    block without ``commit`` (an error, Ctrl-C) leaves ``docs/`` as it was.

    With a record of what made each file (``kept``), a :class:`StoredPage` whose file in ``docs/`` holds it
    already is linked without reading either; the record is replaced when everything is committed.

    A live preview writes the folders ``in_place`` differently: only the files that changed are staged, and moved
    into ``docs/`` one by one (:func:`speechkb.machinery.staging.changes_applied`).
    """

    def __init__(
        self,
        docs_dir: Path,
        trash: Path | None = None,
        work: Path | None = None,
        kept: WrittenFiles | None = None,
        in_place: Collection[str] = (),
    ) -> None:
        self.docs_dir = docs_dir
        self.kept = kept
        self._stored: list[tuple[str, str]] = []  # each StoredPage staged: its path and key
        self.trash = trash  # where the replaced folders go to be deleted (see speechkb.machinery.staging)
        self.work = work  # where the staging folders are made, out of what MkDocs' live preview watches
        self.changed = 0
        self.written = 0
        self._stacks: dict[str, ExitStack] = {}  # each generated folder's staging, until it is swapped in
        self._staging: dict[str, Path] = {}
        self._kept_in_place: dict[str, set[str]] = {folder: set() for folder in in_place}  # unchanged files, by folder
        self._files: dict[str, bytes] | None = {}  # GENERATED_FILES, replaced after the first folders (None: done)
        self._folders_made: set[Path] = set()

    def __enter__(self) -> PageWriter:
        for folder in GENERATED_DIRS:
            self._stacks[folder] = stack = ExitStack()
            target = self.docs_dir / folder
            kept = self._kept_in_place.get(folder)
            self._staging[folder] = stack.enter_context(
                staged(target, self.trash, self.work)
                if kept is None
                else changes_applied(target, kept, self.trash, self.work)
            )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> bool | None:
        stacks, self._stacks = list(self._stacks.values()), {}
        for stack in stacks:  # each folder not yet swapped in: its staging removed on an error, else swapped in
            try:
                stack.__exit__(kind, error, traceback)
            except BaseException as raised:
                if raised is not error:  # the error itself goes on once every folder is dealt with
                    raise
        return None

    def write(self, pages: Iterable[tuple[str, str | bytes | StoredPage]], *, record: bool = True) -> Written:
        """Stage ``pages`` (path under ``docs/``, text, bytes or a stored page); how many were written and how many
        of them changed.

        A process forked inside the ``with`` block can write too, into the same staging folders, with
        ``record=False``: the builder adds the tally it hands back with :meth:`record`, and with it what to record
        of its stored pages. Otherwise each page is counted as it is written, so that a folder committed while
        ``pages`` are still being made says what changed in it.
        """
        written = changed = 0
        stored: list[tuple[str, str]] = []
        left: list[str] = []
        for relative, content in pages:
            written += 1
            self.written += record
            folder, _, rest = relative.partition("/")
            if isinstance(content, StoredPage):
                stored.append((relative, content.key))
                if self.kept and (held := self.kept.holding(relative, content.key)):
                    if self._keep(held, folder, rest):
                        left.append(relative)
                    continue
                content = content.text()
            data = content.encode("utf-8") if isinstance(content, str) else content
            if relative in GENERATED_FILES:
                assert self._files is not None, f"{relative} written after it was committed"
                self._files[relative] = data
                continue
            old_file = self.docs_dir / relative
            if old_file.is_file() and old_file.read_bytes() == data:
                if self._keep(old_file, folder, rest):
                    left.append(relative)
            else:
                new_file = self._staging[folder] / rest
                self._make_folder(new_file.parent)
                new_file.write_bytes(data)
                changed += 1
                self.changed += record
        if record:
            self._stored += stored
            return Written(written, changed)
        return Written(written, changed, tuple(stored), tuple(left))

    def copy(self, files: Iterable[tuple[str, Path]]) -> Written:
        """Stage ``files`` (path under ``docs/``, the file to put there) as they are: bytes, not text."""
        written = changed = 0
        for relative, source in files:
            written += 1
            folder, _, rest = relative.partition("/")
            old_file = self.docs_dir / relative
            if old_file.is_file() and old_file.read_bytes() == source.read_bytes():
                self._keep(old_file, folder, rest)
            else:
                new_file = self._staging[folder] / rest
                self._make_folder(new_file.parent)
                shutil.copyfile(source, new_file)
                changed += 1
        tally = Written(written, changed)
        self.record(tally)
        return tally

    def _keep(self, old_file: Path, folder: str, rest: str) -> bool:
        """An unchanged file, ``rest`` in ``folder``: left where it is in a folder written in place (True), else put
        into the staging folder as it is."""
        if (kept := self._kept_in_place.get(folder)) is not None:
            kept.add(rest)
            return True
        new_file = self._staging[folder] / rest
        self._make_folder(new_file.parent)
        _link_or_copy(old_file, new_file)
        return False

    def _make_folder(self, folder: Path) -> None:
        # Once per folder: asking the file system for each of 25,000 pages was a tenth of a small rebuild's writing.
        if folder not in self._folders_made:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders_made.add(folder)

    def record(self, tally: Written) -> None:
        self.written += tally.written
        self.changed += tally.changed
        self._stored += tally.stored
        for relative in tally.left:  # left in place by another process: this one's folder keeps them
            folder, _, rest = relative.partition("/")
            self._kept_in_place[folder].add(rest)

    def commit(self, folders: Iterable[str] | None = None) -> int:
        """Swap the staged ``folders`` in; without ``folders``, every one left, then the single files, and remove the
        retired ones. How many files changed so far.

        A live preview commits the speech pages first, then the other pages, then the search index, which takes
        longest, to show an edit sooner.
        """
        for folder in GENERATED_DIRS if folders is None else folders:
            if stack := self._stacks.pop(folder, None):
                stack.close()
        if folders is None and self._files is not None:
            for name, text in self._files.items():
                self.changed += _replace_file(self.docs_dir / name, text)
            self._files = None
            for name in RETIRED_FILES:
                if (self.docs_dir / name).is_file():
                    (self.docs_dir / name).unlink()
                    self.changed += 1
            if self.kept:
                # Each staged file is now in docs/ under the same identity: its folder was renamed, not copied.
                self.kept.record((relative, key, self.docs_dir / relative) for relative, key in self._stored)
        return self.changed


def _link_or_copy(old_file: Path, new_file: Path) -> None:
    """A hard link, a copy where links are not allowed: the file's timestamp is kept either way."""
    try:
        os.link(old_file, new_file)
    except OSError:
        shutil.copy2(old_file, new_file)


def _replace_file(target: Path, data: bytes) -> int:
    """Write ``data`` to ``target`` in one step unless it already holds it; 1 if it changed."""
    if target.is_file() and target.read_bytes() == data:
        return 0
    staging = target.with_name(f".{target.name}.new")
    staging.write_bytes(data)
    staging.replace(target)
    return 1
