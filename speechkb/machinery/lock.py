"""One build at a time per project: ``.speechkb-cache/build.lock``, holding the pid of the build that runs.

Two builds of one project write the same ``docs/`` and ``site/`` and would undo each other's staging
folders (:mod:`speechkb.machinery.staging`): a ``make serve`` left open while ``make site`` runs, or two terminals.
So a build, and each regeneration of a live preview, holds this lock; a second one waits for it, or with
``--no-wait`` stops at once, and says which process it is waiting for.

The lock is the kernel's (``flock``) on a file that also names its holder. The kernel releases it when its
holder ends, however it ends, so a lock left by a killed build is never in the way: the next build takes
it at once, and seeing a pid in the file it was not given tells it the previous build was stopped. No pid
has to be checked for being alive (a dead build's pid may be a live process's by then). The file itself
is never removed: a process waiting on it would then hold a lock on a file no other build sees.

Processes forked during a build (:mod:`speechkb.machinery.cores`) close their copy of the file, so that a worker
outliving a killed build does not keep the next one waiting.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from speechkb.machinery.cache import CACHE_DIR

LOCK_FILE = "build.lock"
_PID_WAIT = 1.0  # seconds a waiting build gives the holder to write its pid after taking the lock

_held: set[int] = set()  # file descriptors of the locks this process holds, closed in forked children


def _close_in_child() -> None:
    for descriptor in _held:
        os.close(descriptor)
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)


class BuildBusyError(Exception):
    """Another build of the project is running and the caller chose not to wait for it."""

    def __init__(self, message: str, pid: int | None) -> None:
        super().__init__(message)
        self.pid = pid


def lock_path(project_root: Path) -> Path:
    return project_root / CACHE_DIR / LOCK_FILE


@contextmanager
def build_lock(
    project_root: Path, *, wait: bool = True, say: Callable[[str], None] = lambda message: None
) -> Iterator[None]:
    """Hold the project's build lock while the block runs.

    When another build holds it: ``say`` that and wait for it, or raise :class:`BuildBusyError` when
    ``wait`` is false. ``say`` also tells when the lock of a build that was stopped is taken over.
    """
    path = lock_path(project_root)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            left_by = _pid_in(descriptor)
            if left_by is not None:
                say(f"a build that was stopped (pid {left_by}) left its lock in {path}; taking it over")
        except BlockingIOError:
            holder = _holder(descriptor)
            running = f"another build is running (pid {holder})" if holder else "another build is running"
            if not wait:
                raise BuildBusyError(f"{running}; not waiting (--no-wait)", holder) from None
            say(f"{running}, waiting…")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        _write_pid(descriptor, os.getpid())
        _held.add(descriptor)
        try:
            yield
        finally:
            _held.discard(descriptor)
            # Emptied before it is released: a pid left in the file means a build did not get this far.
            os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)  # releases the lock


def _holder(descriptor: int) -> int | None:
    """The pid of the build holding the lock, once it has written it (it takes the lock first)."""
    deadline = time.monotonic() + _PID_WAIT
    while (pid := _pid_in(descriptor)) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    return pid


def _pid_in(descriptor: int) -> int | None:
    text = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _write_pid(descriptor: int, pid: int) -> None:
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"{pid}\n".encode("ascii"), 0)
