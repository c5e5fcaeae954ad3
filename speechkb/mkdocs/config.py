"""What ``mkdocs.yml`` says, read by MkDocs' own loader: the few settings speechkb needs before MkDocs runs.

MkDocs' ``load_config`` resolves what a plain YAML reading cannot (``site_url: !ENV [SPEECHKB_SITE_URL,
""]``, ``INHERIT``, defaults such as ``docs_dir: docs`` and ``use_directory_urls: true``, a relative
``docs_dir`` against the configuration's folder), so speechkb sees the configuration exactly as the site
build will. Loading it also loads the theme and the plugins, which is why MkDocs is imported only when a
configuration is read. What it relies on is MkDocs' documented loader and configuration keys, and the
exceptions the loader raises: ``ConfigurationError`` or ``OSError`` for a file it cannot find or parse,
which become a :class:`ConfigError`; for a value that fails validation (a theme that is not installed, a
missing ``docs_dir``) it logs each error and raises ``mkdocs.exceptions.Abort``, a ``SystemExit``, which
is let through: the command ends as ``mkdocs`` would, after MkDocs' own messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteConfig:
    docs_dir: Path  # absolute
    directory_urls: bool  # whether MkDocs gives a.md the URL a/ (its default) or a.html
    site_url: str  # "" when unset
    publish_originals: bool = False  # speechkb-pages' option: the speeches' own files published on the site


class ConfigError(Exception):
    """MkDocs cannot read the configuration; the message says why."""


def read_config(config_file: Path) -> SiteConfig:
    """``config_file`` read as MkDocs reads it."""
    from mkdocs.config import load_config  # imported here: MkDocs loads its theme and plugins
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file))
    except (ConfigurationError, OSError) as error:
        raise ConfigError(str(error)) from None
    pages_plugin = config.plugins.get("speechkb-pages")
    return SiteConfig(
        docs_dir=Path(config.docs_dir).resolve(),
        directory_urls=bool(config.use_directory_urls),
        site_url=str(config.site_url or ""),
        publish_originals=bool(pages_plugin and pages_plugin.config.get("publish_originals")),
    )
