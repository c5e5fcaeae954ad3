"""Replace a whole output folder at once, so that a killed build leaves the previous one intact.

Readers browse ``site/`` and MkDocs reads ``docs/`` while a build runs, and a
build can be killed at any moment (Ctrl-C, a CI timeout, a closed laptop). So
nothing is written into the target folder itself: a build fills a staging
folder beside it (``.site.k2j3x.staging``) and swaps it in at the very end, in
one step where the system can (Linux exchanges the two folders), so that a live
preview's server never finds the folder missing; with two renames elsewhere. A
build killed before the swap leaves the target untouched and a staging folder
behind; one killed between the two renames leaves the previous folder as
``.site.old``, and one killed right after an exchange the previous folder under
the staging folder's name. The next build undoes each before it starts.

One build at a time per project, which :mod:`speechkb.machinery.lock` sees to: a second
build started alongside would remove the first one's staging folder as a leftover.

Where a build is watched, the staging folder is made elsewhere: ``make serve`` runs MkDocs' server, which
rebuilds the site whenever anything under ``docs/`` changes, so a staging folder inside ``docs/`` set off
MkDocs rebuilds of the old pages while the new ones were still being written, each taking the processor the
regeneration needed, and the edit showed only after them. ``work`` (in the project's cache) holds it then,
when it is on the target's file system (a rename cannot cross file systems; beside the target otherwise).

The replaced folder is not deleted while the build waits: at 10,000 speeches the site and the generated
part of ``docs/`` hold some 60,000 files, and deleting them took a fifth of a rebuild. It is renamed into
a trash folder (``trash``, in the project's cache, out of what MkDocs watches; beside the target when none
is given or the rename cannot cross file systems) and deleted there by a process of its own: a thread
would stop the build from forking its workers (:mod:`speechkb.machinery.cores`). What a removal did not
finish (the machine stopped) is removed the same way by a later build.

Folders are what cost most to replace: on a file system that discards the blocks it frees (ext4 mounted with
``discard``, as cloud disks are), removing an empty folder took 2.6 ms, and the site has a folder per page
(``speeches/<slug>/index.html``): at 10,000 speeches the removal of a replaced site kept the disk busy for
20 s, through the next build, and the build made 10,000 folders again. So a build may keep the folder it
replaced as a ``spare``: a process of its own removes its files (a hard link's removal frees nothing) and
leaves its folders, and the next build of the same target moves them into its staging folder
(:func:`take_spare`) to write into, and removes those it left empty (:func:`remove_unused`). The spare
never holds a file when it is taken: only once the process has removed every file does it rename the
spare to the name the next build looks for.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import cast

_STAGING_SUFFIX = ".staging"
_AT_FDCWD = -100  # paths relative to the working folder (Linux's value)
_RENAME_EXCHANGE = 2


def _libc_renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    """glibc's ``renameat2`` (2.28 and later), which Python's ``os`` does not offer; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    renameat2.restype = ctypes.c_int
    return cast(Callable[[int, bytes, int, bytes, int], int], renameat2)


_renameat2 = _libc_renameat2()
_TRASH_SUFFIX = ".trash"
_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
_FOLDERS = ".folders"  # in a spare: its folders, which a build that takes it removes if it left them empty
# Removes a replaced folder's files, keeping its folders, which it lists in the folder; then gives the folder the
# spare's name. Any error (the folder moved away meanwhile) ends it before that rename: a spare is always empty.
_EMPTY = f"""
import os, sys
folder, ready = sys.argv[1:]
def stop(error): raise error
folders = []
for parent, names, files in os.walk(folder, onerror=stop):
    folders.extend(os.path.relpath(os.path.join(parent, name), folder) for name in names)
    for name in files:
        os.unlink(os.path.join(parent, name))
with open(os.path.join(folder, {_FOLDERS!r}), 'w', encoding='utf-8') as listing:
    listing.write('\\0'.join(folders))
os.rename(folder, ready)
"""
_EMPTYING_SUFFIX = ".emptying"
_numbers = itertools.count()
_removing: list[subprocess.Popen[bytes]] = []  # removals started by this process, until seen to end


@contextmanager
def staged(
    target: Path, trash: Path | None = None, work: Path | None = None, spare: Path | None = None
) -> Iterator[Path]:
    """Yield an empty folder that replaces ``target`` when the block succeeds and is removed when it fails.

    The folder is made in ``work`` when it is on the file system of ``target``'s folder, else beside
    ``target``. The folder it replaces goes into ``trash`` (beside ``target`` if None), to be deleted in the
    background; with ``spare``, it is kept there for its folders instead (see :func:`take_spare`).
    """
    with _fresh_staging(target, trash, work) as staging:
        yield staging
    if target.exists() and _exchange(staging, target):
        _set_aside(staging, trash, spare)  # the staging folder's name holds the replaced folder now
        return
    old = _previous(target)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    _set_aside(old, trash, spare)


def take_spare(spare: Path, staging: Path) -> list[str]:
    """Move the folders of the ``spare`` a build of the same target kept (see :func:`staged`) into ``staging``, an
    empty folder on the same file system, and return them (paths in ``staging``); none when no spare is ready."""
    try:
        listed = (spare / _FOLDERS).read_text(encoding="utf-8")
    except OSError:
        return []
    for entry in os.listdir(spare):
        # On another file system an entry stays, to be deleted with the spare, and the build makes its folders.
        if entry != _FOLDERS:
            with suppress(OSError):
                os.rename(spare / entry, staging / entry)
    shutil.rmtree(spare, ignore_errors=True)  # its list, and what could not be moved
    return [folder for folder in listed.split("\0") if folder]


def remove_unused(staging: Path, folders: list[str]) -> None:
    """Remove those of the spare's ``folders`` moved into ``staging`` that the build left empty (pages removed)."""
    for folder in sorted(folders, key=lambda folder: folder.count(os.sep), reverse=True):
        with suppress(OSError):  # not empty: in use
            (staging / folder).rmdir()


@contextmanager
def changes_applied(
    target: Path, kept: set[str], trash: Path | None = None, work: Path | None = None
) -> Iterator[Path]:
    """Yield an empty folder for the files of ``target`` that change; when the block succeeds, move each into
    ``target`` and remove the files of ``target`` that are neither among them nor in ``kept`` (paths in the folder,
    which the block fills). A ``target`` that does not exist yet is the folder renamed.

    A live preview's writing: its server watches ``docs/``, and to the file watcher a folder swapped in is every
    file in it created: after an edit to one speech, 10,000 events for the server to handle, in the process that
    rebuilds the site, before the rebuild that shows the edit; and the swap linked every unchanged file first.
    Unlike :func:`staged`, a preview stopped while the changes are moved in leaves ``target`` part old, part new,
    which its next regeneration, comparing each page with its file, completes.
    """
    with _fresh_staging(target, trash, work) as changes:
        yield changes
    if not target.is_dir():
        changes.rename(target)
        return
    changed = {file.relative_to(changes).as_posix() for file in _files_in(changes)}
    for file in _files_in(target):
        if (relative := file.relative_to(target).as_posix()) not in kept and relative not in changed:
            file.unlink()
    for relative in sorted(changed):
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        os.replace(changes / relative, target / relative)
    shutil.rmtree(changes, ignore_errors=True)


@contextmanager
def _fresh_staging(target: Path, trash: Path | None, work: Path | None) -> Iterator[Path]:
    """A new, empty staging folder for ``target``, once what a killed build left is undone; removed if the block
    fails."""
    recover(target, trash, work)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.", suffix=_STAGING_SUFFIX, dir=_staging_folder(target, work))
    )
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _files_in(folder: Path) -> Iterator[Path]:
    for parent, _, names in os.walk(folder):
        for name in names:
            yield Path(parent, name)


def _exchange(one: Path, other: Path) -> bool:
    """Swap two folders in one step (Linux's ``renameat2`` with ``RENAME_EXCHANGE``); False where the system cannot,
    for the two renames to do it. A live preview's server watches ``docs/`` and serves ``site/`` all along: between
    two renames the folder was missing, for MkDocs to rebuild without it or a reader to be shown a missing page."""
    # An older kernel or a file system that cannot answers -1 (EINVAL, ENOSYS): the renames do it then.
    return (
        _renameat2 is not None
        and _renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other), _RENAME_EXCHANGE) == 0
    )


def recover(target: Path, trash: Path | None = None, work: Path | None = None) -> None:
    """Undo what a killed build left of ``target``: put a set-aside folder back, remove staging folders (beside
    it and in ``work``), and have what is still in the trash removed."""
    old = _previous(target)
    if old.exists() and not target.exists():
        old.rename(target)
    _remove_in_background(old, trash)
    for leftover in leftovers(target, work):
        shutil.rmtree(leftover, ignore_errors=True)
    for folder in {trash or target.parent, target.parent}:
        for rest in folder.glob(f".{target.name}.*{_TRASH_SUFFIX}") if folder.is_dir() else ():
            _removing.append(_removal(rest))


def _set_aside(folder: Path, trash: Path | None, spare: Path | None) -> None:
    """Keep the replaced ``folder`` as the ``spare``, emptied of its files in the background, where it can be
    renamed there; else have it deleted in the background. A spare not taken since, or not yet emptied, is deleted."""
    if spare is None or not folder.exists():
        _remove_in_background(folder, trash)
        return
    for older in (spare, *spare.parent.glob(f"{spare.name}.*{_EMPTYING_SUFFIX}")):
        _remove_in_background(older, trash)
    # Named for this build alone: an earlier build's process, still emptying its folder, renames only that one.
    emptying = spare.with_name(f"{spare.name}.{os.getpid()}-{next(_numbers)}{_EMPTYING_SUFFIX}")
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        folder.rename(emptying)
    except OSError:  # another file system
        _remove_in_background(folder, trash)
        return
    _removing[:] = [process for process in _removing if process.poll() is None]
    _removing.append(_process(_EMPTY, emptying, spare))


def _remove_in_background(folder: Path, trash: Path | None) -> None:
    """Rename ``folder`` into the trash at once and have a process of its own delete it there."""
    if not folder.exists():
        return
    name = f".{folder.name.lstrip('.')}.{os.getpid()}-{next(_numbers)}{_TRASH_SUFFIX}"
    moved = folder.with_name(name)
    if trash:
        try:
            trash.mkdir(parents=True, exist_ok=True)
            folder.rename(trash / name)
            moved = trash / name
        except OSError:  # another file system: beside the folder, then
            folder.rename(moved)
    else:
        folder.rename(moved)
    # Processes that ended are reaped here, so that a live preview building for hours keeps none.
    _removing[:] = [process for process in _removing if process.poll() is None]
    _removing.append(_removal(moved))


def _removal(folder: Path) -> subprocess.Popen[bytes]:
    return _process(_REMOVE, folder)


def _process(code: str, *folders: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, folders)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def leftovers(target: Path, work: Path | None = None) -> list[Path]:
    """Staging folders of builds of ``target`` that did not finish (or are still running), beside it or in ``work``."""
    folders = [target.parent, *([work] if work and work.is_dir() else [])]
    return sorted(found for folder in folders for found in folder.glob(f".{target.name}.*{_STAGING_SUFFIX}"))


def _staging_folder(target: Path, work: Path | None) -> Path:
    """``work`` (made if missing) when a folder in it can be renamed to ``target``, else ``target``'s folder."""
    if work is None:
        return target.parent
    work.mkdir(parents=True, exist_ok=True)
    return work if os.stat(work).st_dev == os.stat(target.parent).st_dev else target.parent


def _previous(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")
