"""The live preview's server: MkDocs' own, which rebuilds the site whenever ``docs/`` changes.

``speechkb serve`` regenerates the Markdown into ``docs/`` itself when a speech, a vocabulary or a template
changes (:func:`speechkb.cli._serve`, which says why that is not done through MkDocs' ``on_serve`` event),
and leaves the rest to ``mkdocs.commands.serve.serve``: the initial build, the server, and a rebuild and a
browser reload after every change under ``docs/``. The rebuilds are MkDocs' dirty builds, of the pages whose
Markdown changed only (speechkb-pages builds the hand-written pages every time: they may include generated
text); a page removed stays in the preview until it is restarted.

What of MkDocs it touches: the words of the warning before a dirty build, left out; ``serve``'s signature (``config_file``, ``livereload``, ``build_type``, and configuration keys
such as ``dev_addr`` passed on to ``load_config``), and that it watches the whole of ``docs_dir``,
sub-folders included, so that the pages regenerated into ``docs/speeches/`` and beside it are rebuilt.
"""

from __future__ import annotations

import logging
from pathlib import Path


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
    serve(config_file=str(config_file), livereload=True, dev_addr=dev_addr, build_type="dirty")
