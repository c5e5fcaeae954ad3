"""Work spread over the machine's cores, by forking: the workers see the builder's memory as it is.

Rendering and converting pages need the whole knowledge graph or MkDocs' structures, which are costly
or impossible to pickle. A forked process starts with a copy of them, so only each item's position goes
to a worker and only its result comes back. Forking copies just the thread that forks, which is safe only
in a process with no other thread (a live preview runs file watchers and a web server), and it exists
only on POSIX systems; elsewhere the work runs in this process, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Set just before forking, so that the workers inherit the task instead of unpickling it.
_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def can_fork() -> bool:
    return (
        (os.cpu_count() or 1) > 1
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

    Results travel back pickled. Items are handed out in slices of a few percent of the work, so that
    a slice of long items does not leave a core idle at the end; order them longest first for the best
    balance. ``initializer`` runs once in each worker.
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
    global _task
    processes = os.cpu_count() or 1
    step = max(1, len(items) // (processes * 8))
    _task = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(processes, initializer=initializer) as pool:
            _task = None  # the workers have their copy; a later map of this process sets its own
            for results in pool.imap(_run_slice, [(start, start + step) for start in range(0, len(items), step)]):
                yield from results
    finally:
        _task = None


def _run_slice(bounds: tuple[int, int]) -> list[Any]:
    assert _task is not None, "map_forked sets the task before forking"
    function, items = _task
    return [function(item) for item in items[bounds[0] : bounds[1]]]


@contextmanager
def in_background(function: Callable[[], Result]) -> Iterator[Callable[[], Result]]:
    """Run ``function`` in a forked process while the block runs; calling what it yields waits for the
    result, and returns it or raises what ``function`` raised.

    For work that needs nothing from the block and that the block cannot spread over the cores itself:
    both go on at once. Leaving the block without asking for the result (an error) stops the process.
    Where this process cannot fork, ``function`` runs here when its result is asked for.
    """
    if not can_fork():
        yield function
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_send_result, args=(function, sending))
    process.start()
    sending.close()  # so that receiving sees the end of the pipe if the process dies without an answer

    def wait() -> Result:
        try:
            succeeded, value = receiving.recv()
        except EOFError:
            process.join()
            message = f"a background process ended without a result (exit code {process.exitcode})"
            raise ChildProcessError(message) from None
        process.join()
        if not succeeded:
            raise value
        return value  # type: ignore[no-any-return]

    try:
        yield wait
    finally:
        receiving.close()
        if process.is_alive():
            process.terminate()
        process.join()


def _send_result(function: Callable[[], Any], sending: Connection) -> None:
    try:
        sending.send((True, function()))
    except BaseException as error:  # handed to the parent, which raises it where it waits
        try:
            sending.send((False, error))
        except Exception:  # an exception that cannot be pickled still reaches the parent, as text
            sending.send((False, RuntimeError("".join(traceback.format_exception(error)))))
