"""Offline bundle: the site as one zip that works opened from the file system, with no network.

Many safety offices read the knowledge base on an intranet without internet,
from a copy on a shared drive. Browsers forbid much from ``file://`` (fetching
files, starting web workers), so the copy is built differently: Material for
MkDocs' ``offline`` plugin writes page links as ``page.html`` instead of
``page/`` and inlines the search index into a script, and its ``privacy``
plugin turns any external asset into a local copy at build time.

The offline build is the project's own configuration plus those plugins, as a
small configuration derived at run time that inherits ``mkdocs.yml``
(MkDocs' ``INHERIT``): the normal site and its configuration stay untouched,
the renderer is still only told what to build, not how, and whatever plugins
``mkdocs.yml`` lists (its search included) are kept, with their YAML tags, in
either the list or the mapping form.

The zip is reproducible: entries in name order, every one dated with the
build's source date and with the same permissions, so two bundles of the same
speeches are byte-identical.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

BUNDLE_NAME = "speechkb-offline"

# The offline plugin loads its worker shim from a CDN unless a polyfill named
# like it is configured: the shim is vendored in docs/ so that the copy makes
# no request, and builds on a machine without internet.
WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"

OFFLINE_PLUGINS: list[object] = [
    "offline",
    # Material's script names Mermaid on a CDN for diagrams, which the speeches
    # never contain: fetching it would put 3 MB in every bundle and make the
    # build depend on the internet.
    {"privacy": {"assets_exclude": ["unpkg.com/mermaid@*"]}},
]

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # a zip entry cannot be dated earlier
_FILE_MODE = 0o644 << 16  # rw-r--r--, whatever the build machine's umask


def offline_config(parent_text: str, parent_name: str) -> str:
    """The YAML of a configuration that inherits ``parent_name`` and builds it for ``file://``.

    ``parent_text`` is that file's text. MkDocs merges an inherited
    configuration key by key but replaces lists whole, so the ``plugins`` and
    ``extra.polyfills`` lists are repeated here from the parent, node for node
    (tags such as ``!ENV`` survive), with the offline additions appended.
    """
    parent = yaml.compose(parent_text, Loader=yaml.SafeLoader)
    if parent is not None and not isinstance(parent, MappingNode):
        raise ValueError(f"{parent_name}: the configuration is not a mapping")
    plugins = _entry(parent, "plugins")
    # MkDocs enables the search plugin when a configuration names no plugins.
    plugin_list = _as_list(plugins) if plugins is not None else [_node("search")]
    named = {_plugin_name(plugin) for plugin in plugin_list}
    plugin_list += [plugin for plugin in _as_list(_node(OFFLINE_PLUGINS)) if _plugin_name(plugin) not in named]
    polyfills = _entry(_entry(parent, "extra"), "polyfills")
    polyfill_list = [*_as_list(polyfills), _node(WORKER_SHIM)] if polyfills is not None else [_node(WORKER_SHIM)]
    derived = MappingNode(
        _MAP,
        [
            (_node("INHERIT"), _node(parent_name)),
            (_node("use_directory_urls"), _node(False)),
            (_node("plugins"), SequenceNode(_SEQ, plugin_list)),
            (_node("extra"), MappingNode(_MAP, [(_node("polyfills"), SequenceNode(_SEQ, polyfill_list))])),
        ],
    )
    return str(yaml.serialize(derived, Dumper=yaml.SafeDumper, allow_unicode=True))


def _entry(mapping: Node | None, key: str) -> Node | None:
    if not isinstance(mapping, MappingNode):
        return None
    return next((value for name, value in mapping.value if name.value == key), None)


def _as_list(node: Node) -> list[Node]:
    """The entries of a list; the mapping form of plugins, ``{name: options}``, gives one entry per plugin."""
    if isinstance(node, MappingNode):
        return [MappingNode(_MAP, [pair]) for pair in node.value]
    return list(node.value) if isinstance(node, SequenceNode) else []


def _plugin_name(plugin: Node) -> object:
    """``offline`` for both ``- offline`` and ``- offline: {options}``."""
    return plugin.value[0][0].value if isinstance(plugin, MappingNode) else plugin.value


def _node(data: object) -> Node:
    node = yaml.compose(yaml.safe_dump(data, allow_unicode=True), Loader=yaml.SafeLoader)
    if node is None:
        raise ValueError(f"{data!r} is no YAML value")
    return node


def zip_entries(paths: Iterable[PurePosixPath], source_epoch: int) -> list[tuple[PurePosixPath, zipfile.ZipInfo]]:
    """Each file of the site with the zip entry it becomes, in a fixed order with fixed metadata.

    Entries sit in one folder named after the bundle, so unpacking the zip
    makes one folder, not a scatter of files.
    """
    stamp = max(datetime.fromtimestamp(source_epoch, UTC), _ZIP_EPOCH)
    entries = []
    for path in sorted(paths, key=str):  # the order of the names, as `unzip -l` lists them
        info = zipfile.ZipInfo(f"{BUNDLE_NAME}/{path}", date_time=stamp.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3  # Unix, so that the permissions below are read
        info.external_attr = _FILE_MODE
        entries.append((path, info))
    return entries


def write_bundle(site_dir: Path, bundle: Path, source_epoch: int) -> None:
    """Zip ``site_dir`` into ``bundle``, byte for byte the same for the same files and date."""
    files = [PurePosixPath(path.relative_to(site_dir).as_posix()) for path in site_dir.rglob("*") if path.is_file()]
    with zipfile.ZipFile(bundle, "w") as archive:
        for path, entry in zip_entries(files, source_epoch):
            archive.writestr(entry, (site_dir / path).read_bytes(), compresslevel=9)


@contextmanager
def offline_config_file(config_file: Path) -> Iterator[Path]:
    """The offline configuration, written beside ``config_file`` for the build (it inherits it by name)."""
    derived = config_file.with_name(f".{config_file.stem}.offline.yml")
    derived.write_text(offline_config(config_file.read_text(encoding="utf-8"), config_file.name), encoding="utf-8")
    try:
        yield derived
    finally:
        derived.unlink(missing_ok=True)
