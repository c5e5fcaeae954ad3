"""The one call into MkDocs' build: the generated Markdown in ``docs/`` → the site.

:func:`render_site` loads ``mkdocs.yml`` with the site folder and ``--strict`` as overrides (MkDocs'
``load_config`` takes any configuration key as a keyword), runs ``mkdocs.commands.build.build`` into a
staging folder that replaces the site only when the build succeeded (:mod:`speechkb.machinery.staging`), and hands
back MkDocs' warnings so that speechkb reports them with its own diagnostics. Python's cyclic garbage
collector stays on while MkDocs builds: off, a build from nothing at 10,000 speeches took 115 s in MkDocs
instead of 77 (its converting processes, forked from a builder whose young objects were never collected).

What of MkDocs it touches: MkDocs reports through :mod:`logging`, not a return value, so the warnings are
collected by a handler on the ``mkdocs`` logger, which every MkDocs logger (its plugins' too, and
speechkb's, which log as ``mkdocs.plugins.…``) propagates to; and a build that stops, in ``--strict``
mode after a warning or on a plugin's ``BuildError``, raises ``mkdocs.exceptions.Abort``, which becomes a
:class:`SiteError` with the warnings that led to it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from speechkb.machinery.progress import SILENT, Progress
from speechkb.machinery.staging import remove_unused, staged
from speechkb.mkdocs.clock import PluginClock


class SiteError(Exception):
    """MkDocs stopped; the message says why, with the warnings it logged."""


def render_site(
    config_file: Path,
    site_dir: Path,
    strict: bool,
    search_clock: PluginClock | None = None,
    progress: Progress = SILENT,
    trash: Path | None = None,
    spare: Path | None = None,
) -> list[str]:
    """Run MkDocs on the generated Markdown; return its warnings.

    ``search_clock`` adds up the time spent building the search index; ``progress`` is told how many
    pages are converted and written (by the ``speechkb-pages`` plugin, when the configuration has it); the
    site it replaces goes into ``trash`` to be deleted in the background, or with ``spare`` (where the configuration
    has the ``speechkb-pages`` plugin, which takes them in) is kept there for the next build to write into its
    folders (:mod:`speechkb.machinery.staging`).

    The only call into MkDocs' build: swapping the renderer (for Zensical, which
    reads the same mkdocs.yml) means replacing this function.
    """
    from mkdocs.commands.build import build as mkdocs_build  # imported here: MkDocs loads its theme and plugins
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from speechkb.mkdocs.pages_plugin import PageCachePlugin

    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    pages_plugins: list[PageCachePlugin] = []
    try:
        # Loaded for the site folder, then pointed at the staging folder: whether a plugin takes a spare is known first.
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        pages_plugins = [plugin for plugin in config.plugins.values() if isinstance(plugin, PageCachePlugin)]
        with staged(site_dir, trash, spare=spare if pages_plugins else None) as staging:
            config.site_dir = str(staging)
            if search_clock:
                search_clock.attach(config.plugins)
            for plugin in pages_plugins:
                plugin.progress = progress
                # MkDocs keeps a plugin that has on_startup from one load of a configuration to the next, in
                # the state a live preview in this process may have left: this is a whole build.
                plugin.dirty = False
                plugin.replaces = site_dir  # its unchanged pages are linked into the staging folder from there
            if pages_plugins:
                pages_plugins[0].spare = spare
            mkdocs_build(config)
            for plugin in pages_plugins:
                remove_unused(staging, plugin.recycled)
    except Abort as abort:
        raise SiteError(f"MkDocs stopped: {abort}; " + "; ".join(warnings)) from None
    finally:
        logger.removeHandler(handler)
        for plugin in pages_plugins:  # a build that stopped (Ctrl-C too) leaves no bar on the terminal
            plugin.end_progress()
            plugin.replaces = plugin.spare = None  # a later build of the kept plugin (a live preview's) links nothing
            plugin.recycled = []
    return warnings
