"""The live preview's server: MkDocs' own, which rebuilds the site whenever ``docs/`` changes.

``speechkb serve`` regenerates the Markdown into ``docs/`` itself when a speech, a vocabulary or a template
changes (:func:`speechkb.cli._serve`, which says why that is not done through MkDocs' ``on_serve`` event),
and leaves the rest to ``mkdocs.commands.serve.serve``: the initial build, the server, and a rebuild and a
browser reload after every change under ``docs/``. The rebuilds are MkDocs' dirty builds, of the pages whose
Markdown changed only (speechkb-pages builds the hand-written pages every time: they may include generated
text); a page removed stays in the preview until it is restarted.

MkDocs' server watches ``docs/`` with watchdog's ``PollingObserver``, which lists every file under it twice a
second: at 10,000 speeches, 25,000 files, 0.16–0.34 s a listing, a third to two thirds of the core that
MkDocs' rebuilds run on, and up to half a second before a change is seen. The preview gives it the platform's own
notifications instead (inotify on Linux: :data:`watchdog.observers.Observer`, which falls back to polling
where there are none), as speechkb's own watcher of the speeches does, of the events that change a file only
(:data:`EDITS`): MkDocs' server takes any event but a folder's for a change, a file opened and closed unwritten
included, which the platform reports and polling never did; each of its rebuilds reads the hand-written pages, so
that one file read under ``docs/`` set off rebuilds without end (a core kept busy while the preview stood idle).

What of MkDocs it touches: the words of the warning before a dirty build, left out; ``serve``'s signature
(``config_file``, ``livereload``, ``build_type``, and configuration keys such as ``dev_addr`` passed on to
``load_config``), that it watches the whole of ``docs_dir``, sub-folders included, so that the pages
regenerated into ``docs/speeches/`` and beside it are rebuilt, and that its server makes its observer as
``watchdog.observers.polling.PollingObserver(timeout=…)`` (``mkdocs/livereload/__init__.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

# What a preview rebuilds or regenerates for: what polling sees, a file or folder created, changed, removed or renamed.
EDITS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


class EditsObserver(Observer):  # type: ignore[misc, valid-type]
    """The platform's observer, told to report :data:`EDITS` only where a watch says nothing of what it reports:
    a file read is not asked of the system at all (and cannot overflow its queue)."""

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str | Path,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        watch: ObservedWatch = super().schedule(
            event_handler,
            path,
            recursive=recursive,
            event_filter=EDITS if event_filter is None else event_filter,
            follow_symlink=follow_symlink,
        )
        return watch


class _DirtyBuildNotice(logging.Filter):
    """Leaves out the warning MkDocs gives before each dirty build: about navigation the generated pages are
    not in (they are all ``not_in_nav``), and repeated at every edit it would hide the warnings that matter."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def live_preview(config_file: Path, dev_addr: str) -> None:
    """Serve the site built from ``config_file`` on ``dev_addr``, rebuilt whenever ``docs/`` changes, until stopped."""
    from mkdocs.commands.serve import serve  # imported here: MkDocs loads its theme and plugins

    logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildNotice())

    # Dirty builds: MkDocs builds only the pages whose Markdown is newer than their HTML. The build writes a
    # page only when its text changed (speechkb.machinery.writer), so after an edit to one speech that is the
    # speech's page and the few pages that count or quote it; a full build would read and write every page.
    with notified_of_changes():
        serve(config_file=str(config_file), livereload=True, dev_addr=dev_addr, build_type="dirty")


@contextmanager
def notified_of_changes() -> Iterator[None]:
    """MkDocs' server, made inside the block, told of changes by the platform instead of listing ``docs/`` again
    and again (see the module's docstring)."""
    import watchdog.observers.polling as polling

    polling_observer = polling.PollingObserver
    # Replacing a class of another package for a while, which typing cannot express: both take ``timeout=``.
    polling.PollingObserver = EditsObserver  # type: ignore[misc]
    try:
        yield
    finally:
        polling.PollingObserver = polling_observer  # type: ignore[misc]
