"""How much a built site weighs against what static hosts accept.

GitHub Pages publishes a site of at most 1 GB (its documented limit; past it the deploy action warns and a
deployment may fail); GitLab Pages takes 1 GB and at most 200,000 files. A province's archive of
thousands of speeches comes near, so every build says what its site weighs, and warns, naming the limit,
well before it is reached.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PAGES_LIMIT_BYTES = 1_000_000_000  # GitHub Pages and GitLab Pages: a published site of at most 1 GB
PAGES_LIMIT_FILES = 200_000  # GitLab Pages: at most 200,000 files
WARN_BYTES = 800_000_000
WARN_FILES = 160_000


@dataclass(frozen=True)
class SiteSize:
    bytes: int
    files: int
    parts: tuple[tuple[str, int], ...]  # the site's top-level files and folders with their bytes, largest first

    def __str__(self) -> str:
        largest = ", ".join(f"{name} {_mb(size)}" for name, size in self.parts[:4])
        return f"the site is {_mb(self.bytes)} in {self.files:,} files ({largest})"

    def warnings(self) -> list[str]:
        """What to tell the user when the site comes near what GitHub Pages or GitLab Pages publish."""
        found = []
        if self.bytes > WARN_BYTES:
            found.append(
                f"the site is {_mb(self.bytes)}, past {_mb(WARN_BYTES)}: GitHub Pages and GitLab Pages publish "
                f"at most 1 GB (GitHub's deployment may fail past it); see the README's Publishing section"
            )
        if self.files > WARN_FILES:
            found.append(
                f"the site has {self.files:,} files, past {WARN_FILES:,}: GitLab Pages publishes at most "
                f"{PAGES_LIMIT_FILES:,}"
            )
        return found


def measure(site: Path) -> SiteSize:
    """The bytes and files of ``site`` as a host receives them (a hard-linked file counts each time)."""
    parts: dict[str, int] = {}
    files = 0
    for folder, _, names in os.walk(site):
        top = Path(folder).relative_to(site).parts
        for name in names:
            size = os.stat(os.path.join(folder, name)).st_size
            key = top[0] if top else name
            parts[key] = parts.get(key, 0) + size
            files += 1
    ordered = tuple(sorted(parts.items(), key=lambda part: (-part[1], part[0])))
    return SiteSize(sum(parts.values()), files, ordered)


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"
