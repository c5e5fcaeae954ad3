"""Work spread over the machine's cores, by forking: the workers see the builder's memory as it is.

Rendering and converting pages need the whole knowledge graph or MkDocs' structures, which are costly
or impossible to pickle. A forked process starts with a copy of them, so only each item's position goes
to a worker and only its result comes back. Forking copies just the thread that forks, which is safe only
in a process with no other thread (a live preview runs file watchers and a web server), and it exists
only on POSIX systems; elsewhere the work runs in this process, with the same results.

The copy is shared until written, and a worker writes to much of what it reads: every object it touches
has its reference count changed, and new objects fill holes left all over the builder's heap. Rendering a
sixteenth of 5,000 speeches made 56 MB of the builder's memory a worker's own; a pool worker that rendered
half of 10,000 had copied most of the builder, 450 MB, and two of them ran beside the builder and the
search index. So a worker takes slices only until it has handled a few hundred items, and a fresh process
takes over, copying only what its own slices touch. The processes are forked from this thread: a
``multiprocessing.Pool`` that renews its workers forks the new ones from a helper thread, unsafe as said.

A process running :func:`in_background` (the search index, beside the pages) has a core of its own: a map
starts a worker for each of the other cores only, and one more as soon as the background process is done.
Two workers beside it took their cores in turns with it, no sooner done, and held 440 MB more at the peak of
a build of 10,000 speeches from nothing.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_SLICES_PER_CORE = 8
# A process takes slices until it has handled about this many items, then a fresh one takes over.
_ITEMS_PER_PROCESS = 500
_mapping = False  # a map's workers are running: they have the cores already
_background: set[BaseProcess] = set()  # the processes of in_background, each on a core until it is done


def can_fork() -> bool:
    return (
        not _mapping
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def map_forked(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    parallel_from: int,
    initializer: Callable[[], None] | None = None,
) -> list[Result]:
    """``function`` over ``items``, in order: on every core from ``parallel_from`` items on, if this process can fork.

    Results travel back pickled. Items are handed out in slices of a few percent of the work, so that a
    slice of long items does not leave a core idle at the end; order them longest first for the best
    balance. ``initializer`` runs first in each worker process.
    """
    return list(imap_forked(function, items, parallel_from=parallel_from, initializer=initializer))


def imap_forked(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    parallel_from: int,
    initializer: Callable[[], None] | None = None,
) -> Iterator[Result]:
    """:func:`map_forked` yielding each result as soon as it and those before it are done.

    The caller can write results away while the workers go on, instead of holding all of them at once.
    """
    if len(items) < parallel_from or not can_fork():
        yield from (function(item) for item in items)
        return
    global _mapping
    cores = os.cpu_count() or 1
    step = max(1, len(items) // (cores * _SLICES_PER_CORE))
    slices_per_process = max(1, _ITEMS_PER_PROCESS // step)
    to_do = deque(enumerate(range(start, min(start + step, len(items))) for start in range(0, len(items), step)))
    running: dict[Connection, _Worker] = {}
    finished: dict[int, list[Result]] = {}
    handed_out = 0
    _mapping = True
    try:
        while to_do or running:
            while to_do and len(running) < _free_cores(cores):
                connection, process = _start(
                    functools.partial(_serve, function, items, initializer, slices_per_process), duplex=True
                )
                running[connection] = _Worker(process, slices_per_process)
                running[connection].give(connection, *to_do.popleft())
            ready = wait(list(running))
            for connection in [connection for connection in running if connection in ready]:
                worker = running[connection]
                finished[worker.slice] = _received(connection, worker.process)
                if to_do and worker.slices_left:
                    worker.give(connection, *to_do.popleft())
                else:
                    del running[connection]
                    if worker.slices_left:
                        connection.send(None)
                    _stop(connection, worker.process)
            while handed_out in finished:
                yield from finished.pop(handed_out)
                handed_out += 1
    finally:
        _mapping = False
        for connection, worker in running.items():
            _stop(connection, worker.process, now=True)


def _free_cores(cores: int) -> int:
    """The cores a map may use: all but those of the background processes still working, and at least one."""
    return max(1, cores - sum(process.is_alive() for process in _background))


@dataclass
class _Worker:
    """A process of :func:`imap_forked`: the slice it works on, and how many more it may take."""

    process: BaseProcess
    slices_left: int
    slice: int = -1

    def give(self, connection: Connection, number: int, bounds: range) -> None:
        connection.send(bounds)
        self.slice = number
        self.slices_left -= 1


def _serve(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    initializer: Callable[[], None] | None,
    slices: int,
    connection: Connection,
) -> None:
    """Work through up to ``slices`` slices of ``items`` that come through ``connection`` (``None``: no more),
    sending back each one's results.

    The end of the pipe is not a sign to stop: workers forked later hold copies of this pipe's other end.
    """
    if initializer:
        initializer()
    for _ in range(slices):
        bounds = connection.recv()
        if bounds is None:
            return
        _send_result(functools.partial(_results, function, items, bounds), connection)


def _results(function: Callable[[Item], Result], items: Sequence[Item], bounds: range) -> list[Result]:
    return [function(items[at]) for at in bounds]


@contextmanager
def in_background(function: Callable[[], Result]) -> Iterator[Callable[[], Result]]:
    """Run ``function`` in a forked process while the block runs; calling what it yields waits for the
    result, and returns it or raises what ``function`` raised.

    For work that needs nothing from the block and that the block cannot spread over the cores itself:
    both go on at once. Leaving the block without asking for the result (an error) stops the process.
    Where this process cannot fork, ``function`` runs here when its result is asked for.

    The process sets what it inherited aside from its garbage collector (``gc.freeze``): the builder's objects
    (at 10,000 speeches, every parsed speech) outlive it, and each of its full collections went through all of
    them, 2 of the search index's 20 s, writing to every object's header and so copying its page.
    """
    if not can_fork():
        yield function
        return
    connection, process = _start(functools.partial(_send_result, functools.partial(_inherited_set_aside, function)))
    _background.add(process)
    try:
        yield lambda: _received(connection, process)
    finally:
        _background.discard(process)
        _stop(connection, process, now=True)


def _inherited_set_aside(function: Callable[[], Result]) -> Result:
    gc.freeze()
    return function()


def _start(target: Callable[[Connection], None], *, duplex: bool = False) -> tuple[Connection, BaseProcess]:
    """A forked process running ``target`` with its end of a pipe, and this process's end."""
    context = multiprocessing.get_context("fork")
    here, there = context.Pipe(duplex=duplex)
    process = context.Process(target=_without_ctrl_c, args=(target, there))
    process.start()
    there.close()  # so that ``here`` sees the end of the pipe if the process dies without an answer
    return here, process


def _without_ctrl_c(target: Callable[[Connection], None], connection: Connection) -> None:
    """Run ``target`` deaf to Ctrl-C, which the terminal sends to every process of the build: the builder
    stops its workers itself (:func:`_stop`), and a worker interrupted on its own would print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    target(connection)


def _received(connection: Connection, process: BaseProcess) -> Any:
    """The next result the process sends (see :func:`_send_result`); what it raised is raised here."""
    try:
        succeeded, value = connection.recv()
    except EOFError:
        process.join()
        raise ChildProcessError(f"a forked process ended without a result (exit code {process.exitcode})") from None
    if not succeeded:
        raise value
    return value


def _stop(connection: Connection, process: BaseProcess, *, now: bool = False) -> None:
    """Close the pipe and wait for the process to end; ``now``: end it first, whatever it is doing."""
    connection.close()
    if now and process.is_alive():
        process.terminate()
    process.join()


def _send_result(function: Callable[[], Any], sending: Connection) -> None:
    """Send what ``function`` returns, or what it raised, through ``sending``."""
    try:
        sending.send((True, function()))
    except BaseException as error:  # handed to the parent, which raises it where it waits
        try:
            sending.send((False, error))
        except Exception:  # an exception that cannot be pickled still reaches the parent, as text
            sending.send((False, RuntimeError("".join(traceback.format_exception(error)))))


@contextmanager
def collector_off() -> Iterator[None]:
    """Run the block without Python's cyclic garbage collector, then leave it as it was.

    For work that makes many objects, living until it ends, and next to no cyclic garbage: after extraction the
    builder makes the requirements, the knowledge graph's indexes and the pages, whose collections went through
    all of them again and again (the index of passages took 5 s instead of 0.5 s at 10,000 speeches).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def collector_paused(*, set_aside: bool = True) -> Iterator[None]:
    """Run the block without Python's cyclic garbage collector, then (``set_aside``) set aside everything alive.

    A build's speeches and knowledge graph live until it ends, and each full collection goes through every
    object alive: at 10,000 speeches the 16 of a build took 14–18 s, a tenth of it, and freed a few thousand
    objects. Extraction makes most of that data and next to no garbage, so the collector is off while it
    runs; afterwards what is alive is frozen (``gc.freeze``), out of the collector's reach, which also keeps
    a forked worker's collections from writing to every object it inherited (see :mod:`speechkb.machinery.cores`).
    The next build in the same process first hands it back and collects what has died since.

    A live preview regenerates again and again in one process (:mod:`speechkb.regeneration`), which remembers
    most of what a build made (:func:`speechkb.machinery.cache.remember_in_process`): handing it back meant a
    full collection of all of it before each regeneration, 4–5 s at 10,000 speeches. It does not set aside,
    and leaves collecting to Python's own thresholds.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if set_aside:
            gc.freeze()
        if was_enabled:
            gc.enable()
