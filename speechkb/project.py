"""The project a build runs in: ``mkdocs.yml``, read once through MkDocs, and the folders beside it.

MkDocs' own loader resolves what a plain YAML reading cannot (``site_url: !ENV [SPEECHKB_SITE_URL, ""]``,
``INHERIT``, defaults), so speechkb sees the configuration exactly as the site build will
(:mod:`speechkb.mkdocs.config`); it is read once per command and handed down.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from speechkb.folders import TEMPLATES_DIR, VOCABULARIES_DIR
from speechkb.mkdocs.config import ConfigError, read_config


@dataclass(frozen=True)
class Project:
    config_file: Path  # mkdocs.yml, absolute
    docs_dir: Path  # where the pages are, generated ones included
    directory_urls: bool  # whether MkDocs gives a.md the URL a/ (its default) or a.html
    site_url: str  # where the site is published ("" when unknown: every link is relative anyway)
    publish_originals: bool = False  # the speeches' own files on the site (mkdocs.yml: speechkb-pages' option)

    @classmethod
    def load(cls, config_file: Path) -> Project:
        """Read ``config_file`` as MkDocs does; :class:`ProjectError` says why it cannot be read."""
        config_file = config_file.resolve()
        try:
            config = read_config(config_file)
        except ConfigError as error:
            raise ProjectError(f"{config_file}: {error}") from None
        return cls(
            config_file=config_file,
            docs_dir=config.docs_dir,
            directory_urls=config.directory_urls,
            site_url=config.site_url,
            publish_originals=config.publish_originals,
        )

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def vocabularies(self) -> Path:
        return self.root / VOCABULARIES_DIR

    @property
    def templates(self) -> Path:
        return self.root / TEMPLATES_DIR


class ProjectError(Exception):
    """``mkdocs.yml`` cannot be read; the message says why."""
