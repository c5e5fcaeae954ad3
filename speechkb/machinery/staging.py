"""Replace a whole output folder at once, so that a killed build leaves the previous one intact.

Readers browse ``site/`` and MkDocs reads ``docs/`` while a build runs, and a
build can be killed at any moment (Ctrl-C, a CI timeout, a closed laptop). So
nothing is written into the target folder itself: a build fills a staging
folder beside it (``.site.k2j3x.staging``) and swaps it in with two renames at
the very end. A build killed before the swap leaves the target untouched and a
staging folder behind; one killed between the two renames leaves the previous
folder as ``.site.old``. The next build undoes either before it starts.

One build at a time per project, which :mod:`speechkb.machinery.lock` sees to: a second
build started alongside would remove the first one's staging folder as a leftover.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_STAGING_SUFFIX = ".staging"


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """Yield an empty folder that replaces ``target`` when the block succeeds and is removed when it fails."""
    recover(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=_STAGING_SUFFIX, dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = _previous(target)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> None:
    """Undo what a killed build left beside ``target``: put a set-aside folder back, remove staging folders."""
    old = _previous(target)
    if old.exists() and not target.exists():
        old.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    for leftover in leftovers(target):
        shutil.rmtree(leftover, ignore_errors=True)


def leftovers(target: Path) -> list[Path]:
    """Staging folders of builds of ``target`` that did not finish (or are still running)."""
    return sorted(target.parent.glob(f".{target.name}.*{_STAGING_SUFFIX}"))


def _previous(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")
