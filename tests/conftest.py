"""Shared fixtures: the seed corpus and one real site built from it with the real MkDocs."""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

from speechkb.build import BuildResult, build
from speechkb.folders import GENERATED_DIRS, GENERATED_FILES, KB_JSON, VOCABULARIES_DIR
from speechkb.machinery.progress import Progress
from speechkb.model import Block, Section, Speech, Table
from speechkb.stages.text_rules import load_text_rules

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Property tests: `ci` (the default) is small and the same on every run, so `make test` stays quick and
# repeatable; `fuzz` is long and random (HYPOTHESIS_PROFILE=fuzz, see README.md).
settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True)
settings.register_profile("fuzz", max_examples=20_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
TEXT_RULES = load_text_rules(ROOT / VOCABULARIES_DIR)  # what every build's parse reads besides the speech


def copy_project(target: Path) -> Path:
    """A copy of the site configuration and hand-written docs, so tests never touch the checkout."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs",
        target / "docs",
        ignore=shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES, ".*"),
    )
    shutil.copytree(ROOT / "vocabularies", target / "vocabularies")
    return target / "mkdocs.yml"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def tables_in(speech: Speech) -> list[Table]:
    """The speech's tables, in order, at any depth of its sections."""
    found: list[Table] = []

    def walk(blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Table):
                found.append(block)
            elif isinstance(block, Section):
                walk(block.children)

    walk(speech.body)
    return found


def tables_of(speech: Speech) -> list[list[list[str]]]:
    """The speech's tables, each its rows of cells' text."""
    return [
        [["".join(p.text for p in cell.paragraphs) for cell in row] for row in table.rows]
        for table in tables_in(speech)
    ]


def text_and_notes(text: str, notes: Sequence[str]) -> tuple[str, str]:
    """``text`` without white space and with the notes (原文附注) taken out in order, and the notes.

    A speech page shows the speech's text in order and the lines that are not the speech in one folded
    block at its end: this is what the page must show, character for character, for the file ``text``.
    """
    rest, kept = squash(text), []
    # Where each line starts in ``rest``: a note that is a whole line (a bare page number 1) is taken out where
    # that line stands, not where its characters first occur (in 213家).
    starts, length = [], 0
    for line in text.splitlines():
        starts.append((length, squash(line)))
        length += len(squash(line))
    position = 0
    for note in map(squash, notes):
        whole = [start for start, line in starts if line == note and start >= position]
        found = whole[0] if whole else rest.index(note, position)
        kept.append(note)
        rest = rest[:found] + rest[found + len(note) :]
        starts = [
            (start - len(note) if start > found else start, line)
            for start, line in starts
            if start != found or line != note
        ]
        position = found
    return rest, "".join(kept)


# Test tiers (README "Running the tests"): `pytest -m "not site and not browser"` is the unit tier, seconds
# long, for the edit loop; `make test` runs everything. A test is in the `site` tier when it builds a real
# site with MkDocs (through one of these fixtures, or by a `site` mark on its module or itself), in the
# `browser` tier when it drives Chromium.
SITE_FIXTURES = frozenset(
    {"seed_site", "forms_site", "corpus", "archive", "project", "published", "offline_bundle", "offline_site"}
)
BROWSER_FIXTURES = frozenset({"browser"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & (SITE_FIXTURES | BROWSER_FIXTURES):
            item.add_marker(pytest.mark.site)


class Said(Progress):
    """What a build says (its messages and notices), line by line, for a test to read."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def message(self, text: str) -> None:
        self.lines.append(text)

    def notice(self, text: str) -> None:
        self.lines.append(text)


class BuiltSite:
    def __init__(self, root: Path, result: BuildResult) -> None:
        self.root = root
        self.site = root / "site"
        self.result = result

    def knowledge(self) -> Any:
        """The site's kb.json.gz, read as another tool reads it."""
        return knowledge_of(self.site)

    def speech_page(self, seed: Path) -> Path:
        speech = next(s for s in self.result.speeches if s.source.name == seed.name)
        return self.site / "speeches" / speech.slug / "index.html"


def knowledge_of(site: Path) -> Any:
    """The knowledge base a built ``site`` publishes (kb.json.gz), as data."""
    return json.loads(gzip.decompress((site / KB_JSON).read_bytes()))


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("seed-site")
    config = copy_project(root)
    result = build(SEEDS, root / "site", config)
    return BuiltSite(root, result)


# --- a real browser: Debian's Chromium driven by Playwright --------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port; yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # Tests rewrite served files between fetches. Without this, Chromium may keep a file fresh for a tenth of its
        # age (heuristic caching of a Last-Modified response), so on a slow run a rewritten file is never fetched.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


@pytest.fixture(scope="session")
def seed_site_url(seed_site: BuiltSite) -> Iterator[str]:
    with serve(seed_site.site) as url:
        yield url
