"""The speeches' own files, published beside their pages when the project says so (``publish_originals``).

An original is published under ``speeches/originals/``, named by its speech's address (``SLUG.pdf``), so that
its URL is as stable as the page's and holds no character a server or a file system might mangle; the page's
link shows the file's own name. Each speech of a file that holds several links a copy of its own, under its own
address: a link stays right whichever of them is renamed or moved to a file of its own. A saved web page is published as text (``SLUG.html.txt``): served as HTML from
the site, its scripts would run in the reader's browser, which nothing of a speech may do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from speechkb.folders import SPEECHES_DIR
from speechkb.model import Speech

ORIGINALS = "originals"  # under the speeches' folder: generated with it, kept out of the navigation with it
_SHOWN_AS_TEXT = (".html", ".htm")


def original_name(speech: Speech) -> str:
    """The published file's name: the speech's address and its file's suffix (a web page's plus ``.txt``)."""
    suffix = speech.source.suffix.lower()
    return f"{speech.slug}{suffix}{'.txt' if suffix in _SHOWN_AS_TEXT else ''}"


def original_link(speech: Speech) -> str:
    """The link from the speech's page (``speeches/SLUG.md``) to its published original."""
    return f"{ORIGINALS}/{original_name(speech)}"


def original_files(speeches: Iterable[Speech]) -> Iterator[tuple[str, Path]]:
    """(path under ``docs/``, the file to publish there) for each speech."""
    for speech in speeches:
        yield f"{SPEECHES_DIR}/{ORIGINALS}/{original_name(speech)}", speech.source
