"""The glue to MkDocs and Material for MkDocs: the only place in speechkb that knows MkDocs.

Everything else writes plain Markdown into ``docs/`` and asks this package for the rest: what
``mkdocs.yml`` says (:mod:`~speechkb.mkdocs.config`), the URL a page will have
(:mod:`~speechkb.mkdocs.urls`), the site built from the Markdown (:mod:`~speechkb.mkdocs.build`), a live
preview (:mod:`~speechkb.mkdocs.serve`). The two MkDocs plugins speechkb registers live here too: the
page cache (:mod:`~speechkb.mkdocs.pages_plugin`, with :mod:`~speechkb.mkdocs.html_links`) and the search
plugin (:mod:`~speechkb.mkdocs.search_plugin`; the index itself is :mod:`speechkb.search`), and the clock
that times the search plugins' handlers (:mod:`~speechkb.mkdocs.clock`).

Several modules lean on MkDocs' or Material's internals rather than their documented API (private
``Page`` attributes, the plugin collection's event lists, Material's search handler); each module's
docstring names the internals it touches and why, and ``tests/test_mkdocs_contract.py`` has one test per
internal, so that raising the exact pins of ``mkdocs`` and ``mkdocs-material`` in ``pyproject.toml`` fails
a test rather than building a wrong site. Swapping the renderer (Zensical reads the same ``mkdocs.yml``)
means replacing this package.

No module outside it imports MkDocs or Material. Two know what MkDocs does with what they hand it:
:mod:`speechkb.machinery.offline` writes a configuration that inherits ``mkdocs.yml`` (the configuration file's
format, the renderer's input, which Zensical reads too), and :mod:`speechkb.machinery.source_date` sets
``SOURCE_DATE_EPOCH``, the reproducible-builds variable MkDocs dates a build by (pinned by a contract test
too). Inside this package, ``import mkdocs`` still means MkDocs itself: imports are absolute.
"""
