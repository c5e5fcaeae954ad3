"""The live preview's regeneration of ``docs/``, in a process of its own beside MkDocs' server.

``speechkb serve`` runs MkDocs' server, which rebuilds the site whenever ``docs/`` changes, and regenerates
``docs/`` itself when a speech, a vocabulary or a template changes. Run as a thread of the server's process, the
regeneration and MkDocs' rebuilds took turns under one interpreter lock, on one core: at 10,000 speeches a
regeneration is some 20 s of Python, and the rebuild that shows the edited speech waited on it (it once waited
for the rebuild instead, leaving the rest of the regeneration to queue the next edit behind it). In a process of
its own it runs on another core, and, with no thread beside it, forks its own workers as a build does (the search
index beside the pages, see :mod:`speechkb.machinery.cores`); it keeps what it read in memory from one
regeneration to the next (:func:`speechkb.machinery.cache.remember_in_process`).

It runs at a lower priority than the preview's server (:data:`NICENESS`): after it puts the edited speech's page
into ``docs/``, MkDocs rebuilds the site while the regeneration goes on with the other pages and its search index
worker on the other core, and the three took turns on two cores, the rebuild that shows the edit (1.4 s alone at
10,000 speeches) taking 3 s and more. The server goes first now; the rest of the regeneration fills the time it
leaves.

It is started with ``spawn``: the server's process has threads by the time a regeneration may need a new process,
and ``fork`` copies only the thread that forks. Saves that arrive while it regenerates are one regeneration after
it, which reads them all. It ends when the preview's end of the pipe closes (the preview stopped, however it
stopped), and leaves Ctrl-C to the preview, which stops it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from speechkb.build import BuildError, generate, load_project
from speechkb.machinery.cache import remember_in_process
from speechkb.machinery.lock import build_lock
from speechkb.machinery.progress import Reporter


@dataclass(frozen=True)
class _Request:
    answer: bool  # whether the preview waits for the regeneration's outcome


class Regeneration:
    """A process that regenerates ``docs/`` from ``seeds`` for the project of ``config_file`` when asked."""

    def __init__(self, seeds: Path, config_file: Path, *, quiet: bool, verbose: bool) -> None:
        context = multiprocessing.get_context("spawn")
        self._requests, theirs = context.Pipe()
        self._process = context.Process(
            target=_regenerate_when_asked, args=(theirs, seeds, config_file, quiet, verbose)
        )  # not a daemon, which may not start processes of its own
        self._process.start()
        theirs.close()

    def regenerate(self) -> None:
        """Regenerate now, and return once done; a regeneration that failed raises :class:`BuildError`."""
        self._requests.send(_Request(answer=True))
        try:
            error: str | None = self._requests.recv()
        except EOFError:
            raise BuildError("the live preview's regeneration stopped unexpectedly") from None
        if error is not None:
            raise BuildError(error)

    def changed(self) -> None:
        """Regenerate soon, without waiting: after the regeneration under way, if any."""
        self._requests.send(_Request(answer=False))

    def stop(self) -> None:
        """End the process: at once once it is done with the regeneration under way, if any."""
        self._requests.close()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()

    def running(self) -> bool:
        return self._process.is_alive()


NICENESS = 10  # added to the regeneration's niceness, and to its workers', which inherit it


def _regenerate_when_asked(requests: Connection, seeds: Path, config_file: Path, quiet: bool, verbose: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):  # not on Windows, whose previews run as they did
        os.nice(NICENESS)
    remember_in_process()
    reporter = Reporter(quiet=quiet, verbose=verbose)
    while True:
        try:
            request: _Request = requests.recv()
            while requests.poll():  # saves made during the last regeneration: this one reads them all
                later: _Request = requests.recv()
                request = _Request(request.answer or later.answer)
        except EOFError:  # the preview stopped
            return
        error = _regenerate(seeds, config_file, reporter)
        if request.answer:
            requests.send(error)
        elif error is not None:  # the preview goes on after a bad edit, and says what was wrong with it
            print(f"speechkb: error: {error}", file=sys.stderr)


def _regenerate(seeds: Path, config_file: Path, reporter: Reporter) -> str | None:
    """Regenerate ``docs/``, printing the problems found when anything changed; what stopped it, if anything."""
    try:
        project = load_project(config_file)  # again each time: mkdocs.yml may have been edited
        # The same lock as a build's: a `make site` run beside the preview would swap docs/ under it.
        with build_lock(project.root, say=reporter.notice):
            generated = generate(seeds, project, reporter, live_preview=True)
    except (BuildError, OSError) as error:
        return str(error)
    except Exception as error:  # the preview must survive whatever a bad edit sets off
        return f"{type(error).__name__}: {error}"
    if generated.changed:
        for diagnostic in generated.diagnostics:
            print(diagnostic, file=sys.stderr)
    return None
