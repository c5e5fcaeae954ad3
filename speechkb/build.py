"""Build stage: the whole run, from a folder of speeches to a site folder.

This is the edge of the pipeline: the only module that writes files and the
only one that knows MkDocs. Reading, parsing and rendering are pure stages it
calls in order. Generated Markdown goes into git-ignored sub-folders of
``docs/``; the site is built into a temporary folder beside the target and
swapped in at the end, so an interrupted build never leaves a half-written
site behind.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from speechkb.model import Diagnostic, Severity, Speech
from speechkb.parse import parse
from speechkb.read import ReadError, find_speeches, read_source
from speechkb.render import GENERATED_DIR, SPEECHES_DIR, environment, render_pages
from speechkb.search import INDEX_DIR, index_files, speech_documents
from speechkb.slug import pinyin_slug

GENERATED_DIRS = (SPEECHES_DIR, GENERATED_DIR, INDEX_DIR)


@dataclass(frozen=True)
class BuildResult:
    speeches: tuple[Speech, ...]
    diagnostics: tuple[Diagnostic, ...]
    pages_written: int
    seconds: float

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)


def load_corpus(seeds: Path) -> tuple[list[Speech], list[Diagnostic]]:
    """Read and parse every speech; a file that is not a speech becomes an error, not a crash."""
    speeches: list[Speech] = []
    diagnostics: list[Diagnostic] = []
    for path in find_speeches(seeds):
        try:
            speech = parse(read_source(path))
        except ReadError as error:
            diagnostics.append(error.diagnostic)
            continue
        speeches.append(speech)
        diagnostics.extend(speech.diagnostics)
    return assign_slugs(speeches, diagnostics), diagnostics


def assign_slugs(speeches: Iterable[Speech], diagnostics: list[Diagnostic]) -> list[Speech]:
    """Give every speech a unique URL slug that does not depend on the other speeches.

    Two speeches with the same title both keep a page: the slug is made
    distinct with a hash of the file name, which stays the same when other
    speeches are added or removed.
    """
    proposed = [(speech, speech.slug or pinyin_slug(speech.title)) for speech in speeches]
    counts: dict[str, int] = {}
    for _, slug in proposed:
        counts[slug] = counts.get(slug, 0) + 1
    result: list[Speech] = []
    for speech, slug in proposed:
        if counts[slug] > 1:
            diagnostics.append(
                Diagnostic(speech.source, None, f"another speech has the same title or slug '{slug}'; both are kept")
            )
            slug = f"{slug}-{pinyin_slug(speech.source.stem, 24)}"
        result.append(replace(speech, slug=slug))
    return result


def write_pages(docs_dir: Path, pages: dict[str, str]) -> int:
    """Replace the generated folders of ``docs/`` with ``pages``; return how many files changed.

    Each generated folder is written beside its old copy and swapped in, and a
    file whose text did not change keeps its old timestamp, so that a live
    preview rebuilds only when something really changed.
    """
    changed = 0
    for folder in GENERATED_DIRS:
        target = docs_dir / folder
        staging = Path(tempfile.mkdtemp(prefix=f".{folder}.", dir=docs_dir))
        for relative, text in pages.items():
            if not relative.startswith(f"{folder}/"):
                continue
            new_file = staging / relative.removeprefix(f"{folder}/")
            old_file = target / relative.removeprefix(f"{folder}/")
            new_file.parent.mkdir(parents=True, exist_ok=True)
            if old_file.is_file() and old_file.read_text(encoding="utf-8") == text:
                shutil.copy2(old_file, new_file)
            else:
                new_file.write_text(text, encoding="utf-8")
                changed += 1
        _swap(staging, target)
    return changed


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def docs_dir_of(config_file: Path) -> Path:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader) or {}
    return (config_file.parent / str(config.get("docs_dir", "docs"))).resolve()


class _IgnoreTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a plain key, skipping its Python and !ENV tags."""


_IgnoreTagsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def render_site(config_file: Path, site_dir: Path, strict: bool) -> list[str]:
    """Run MkDocs on the generated Markdown; return its warnings.

    The only call into MkDocs: swapping the renderer (for Zensical, which
    reads the same mkdocs.yml) means replacing this function.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        mkdocs_build(config)
    except Abort as abort:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"MkDocs stopped: {abort}; " + "; ".join(warnings)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(handler)
    _swap(staging, site_dir)
    return warnings


class BuildError(Exception):
    """The site could not be built; the message says why."""


@dataclass(frozen=True)
class Generated:
    speeches: tuple[Speech, ...]
    diagnostics: tuple[Diagnostic, ...]
    pages: int
    changed: int


def generate(seeds: Path, config_file: Path, progress: Callable[[str], None] = lambda message: None) -> Generated:
    """Read, parse and render every speech into the generated folders of ``docs/``."""
    if not seeds.is_dir():
        raise BuildError(f"{seeds}: no such folder of speeches")
    speeches, diagnostics = load_corpus(seeds)
    progress(f"read {len(speeches)} speeches from {seeds}")
    pages = render_pages(speeches, environment(config_file.parent / "templates"))
    search_index = index_files(speech_documents(speeches))
    docs_dir = docs_dir_of(config_file)
    changed = write_pages(docs_dir, pages | search_index)
    progress(
        f"wrote {len(pages)} Markdown pages and {len(search_index)} search index files to {docs_dir} ({changed} changed)"
    )
    return Generated(tuple(speeches), tuple(diagnostics), len(pages), changed)


def build(
    seeds: Path,
    site_dir: Path,
    config_file: Path = Path("mkdocs.yml"),
    *,
    strict: bool = False,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    """Read every speech in ``seeds``, write the Markdown pages and build the site."""
    started = time.perf_counter()
    config_file = config_file.resolve()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    generated = generate(seeds, config_file, progress)
    diagnostics = list(generated.diagnostics)
    for message in render_site(config_file, site_dir, strict):
        diagnostics.append(Diagnostic(config_file, None, f"MkDocs: {message}"))
    progress(f"built the site into {site_dir}")
    return BuildResult(generated.speeches, tuple(diagnostics), generated.pages, time.perf_counter() - started)
