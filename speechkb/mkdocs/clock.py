"""The time MkDocs spends in some plugins' event handlers: the search index's share of a site build.

``speechkb build --timings`` and ``scripts/bench.py`` report the search index apart from rendering the
HTML (:mod:`speechkb.machinery.timings`), and inside a MkDocs build the search plugins' work is only their event
handlers. MkDocs has no hook around a handler, so the clock wraps them where MkDocs keeps them: in
``config.plugins.events``, the plugin collection's undocumented mapping of an event's name (``"files"``,
``"page_context"`` …) to the list of bound methods that handle it, sorted by priority, which
``PluginCollection.run_event`` iterates when the event runs. It relies on that mapping holding a list per
event that is read each time the event runs (so a handler replaced in it is the one called), and on each
handler being a bound method of its plugin (``__self__``). The wrapper keeps ``__wrapped__``, through
which :func:`speechkb.mkdocs.search_plugin.plugin_of` still finds a timed handler's plugin.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

# Plugins whose work is the search index: MkDocs' own and speechkb's.
SEARCH_PLUGINS = ("search", "material/search", "speechkb-search")


class PluginClock:
    """Adds up the time MkDocs spends in the event handlers of some plugins."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def attach(self, plugins: Any, names: tuple[str, ...] = SEARCH_PLUGINS) -> None:
        """Wrap the handlers of the plugins called ``names`` in ``plugins`` (a loaded config's ``plugins``)."""
        timed = [plugin for name, plugin in plugins.items() if name in names]
        for handlers in plugins.events.values():
            for index, handler in enumerate(handlers):
                if getattr(handler, "__self__", None) in timed:
                    handlers[index] = self._timed(handler)

    def _timed(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handler)
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return handler(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return run
