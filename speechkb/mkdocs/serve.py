"""The live preview's server: MkDocs' own, which rebuilds the site whenever ``docs/`` changes.

``speechkb serve`` regenerates the Markdown into ``docs/`` itself when a speech, a vocabulary or a template
changes (:func:`speechkb.cli._serve`, which says why that is not done through MkDocs' ``on_serve`` event),
and leaves the rest to ``mkdocs.commands.serve.serve``: the initial build, the server, and a rebuild and a
browser reload after every change under ``docs/``.

What of MkDocs it touches: ``serve``'s signature (``config_file``, ``livereload``, and configuration keys
such as ``dev_addr`` passed on to ``load_config``), and that it watches the whole of ``docs_dir``,
sub-folders included, so that the pages regenerated into ``docs/speeches/`` and beside it are rebuilt.
"""

from __future__ import annotations

from pathlib import Path


def live_preview(config_file: Path, dev_addr: str) -> None:
    """Serve the site built from ``config_file`` on ``dev_addr``, rebuilt whenever ``docs/`` changes, until stopped."""
    from mkdocs.commands.serve import serve  # imported here: MkDocs loads its theme and plugins

    serve(config_file=str(config_file), livereload=True, dev_addr=dev_addr)
