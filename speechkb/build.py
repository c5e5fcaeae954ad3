"""Build stage: the whole run, from a folder of speeches to a site folder.

This is the edge of the pipeline: the only module that writes files and the
only one that knows MkDocs. Reading, parsing and rendering are pure stages it
calls in order. Generated Markdown goes into git-ignored sub-folders of
``docs/``; those folders and the site are built beside their targets and
swapped in at the end (see :mod:`speechkb.staging`), so an interrupted build
never leaves a half-written site behind.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from itertools import chain, count
from pathlib import Path, PurePosixPath
from types import TracebackType

import yaml

from speechkb import source_date
from speechkb.briefing import (
    BRIEFINGS_DIR,
    PRINT_FONTS,
    Briefing,
    briefing,
    briefing_html,
    briefing_pages,
    html_environment,
)
from speechkb.cache import template_bytecode
from speechkb.cores import in_background
from speechkb.export import KB_JSON, knowledge_json
from speechkb.extract import extract_corpus
from speechkb.knowledge_pages import SECTORS_DIR, TERMS_DIR
from speechkb.model import INFERRED_FIELDS, Diagnostic, Knowledge, Sector, Severity, Speech, Vocabulary
from speechkb.offline import BUNDLE_NAME, offline_config, zip_entries
from speechkb.parse_cache import ParseCache, ParseCount, read_and_parse_all
from speechkb.pdf import MissingGlyphsError, PrintedDocument, print_pdf
from speechkb.read import find_speeches
from speechkb.render import GENERATED_DIR, SPEECHES_DIR, environment, newest_first, render_pages
from speechkb.search import INDEX_DIR, index_file_items, site_documents
from speechkb.slug import pinyin_slug
from speechkb.staging import staged
from speechkb.text_rules import TextRules, load_text_rules
from speechkb.timings import PluginClock, Stage, Stopwatch
from speechkb.vocabulary import VocabularyError, load_vocabulary

GENERATED_DIRS = (SPEECHES_DIR, GENERATED_DIR, SECTORS_DIR, TERMS_DIR, BRIEFINGS_DIR, INDEX_DIR)
GENERATED_FILES = (KB_JSON,)
VOCABULARIES_DIR = "vocabularies"
RESERVED_SLUGS = frozenset({"index"})  # speeches/index.md is the list of speeches


@dataclass(frozen=True)
class BuildResult:
    speeches: tuple[Speech, ...]
    diagnostics: tuple[Diagnostic, ...]
    pages_written: int
    seconds: float
    knowledge: Knowledge
    stages: tuple[Stage, ...] = ()  # wall time and peak memory of each stage, in the order they ran
    parsed: ParseCount | None = None  # how many speeches were parsed, how many came from the cache

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)


def load_corpus(
    seeds: Path, rules: TextRules, cache: ParseCache | None = None
) -> tuple[list[Speech], list[Diagnostic], ParseCount]:
    """Read and parse every speech; a file that is not a speech becomes an error, not a crash.

    Also says how many speeches were parsed and how many came from ``cache``.
    """
    speeches: list[Speech] = []
    diagnostics: list[Diagnostic] = []
    outcomes, count = read_and_parse_all(find_speeches(seeds), rules, cache)
    for outcome in outcomes:
        if isinstance(outcome, Diagnostic):
            diagnostics.append(outcome)
            continue
        speeches.append(outcome)
        diagnostics.extend(outcome.diagnostics)
    return assign_slugs(speeches, diagnostics), diagnostics, count


def assign_slugs(speeches: Iterable[Speech], diagnostics: list[Diagnostic]) -> list[Speech]:
    """Give every speech a unique URL slug that does not depend on the other speeches' order.

    Two speeches that want the same slug (same title, or the same sidecar
    ``slug``) both keep a page, each with its file name appended: that stays
    the same when other speeches are added or removed. ``index`` is taken by
    the list of speeches.
    """
    proposed = [(speech, speech.slug or pinyin_slug(speech.title)) for speech in speeches]
    wanted_by: dict[str, list[Path]] = {}
    for speech, slug in proposed:
        wanted_by.setdefault(slug, []).append(speech.source)
    taken = set(RESERVED_SLUGS) | {slug for slug, sources in wanted_by.items() if len(sources) == 1}
    result: list[Speech] = []
    for speech, wanted in proposed:
        slug = wanted
        if wanted in RESERVED_SLUGS or len(wanted_by[wanted]) > 1:
            slug = _free_slug(wanted, speech.source, wanted_by[wanted], taken)
            others = [source.name for source in wanted_by[wanted] if source != speech.source]
            reason = f"also wanted by {', '.join(others)}" if others else "the address of the list of speeches"
            diagnostics.append(
                Diagnostic(speech.source, None, f"URL slug '{wanted}' is {reason}; this speech is at '{slug}'")
            )
        taken.add(slug)
        result.append(replace(speech, slug=slug))
    return result


def _free_slug(wanted: str, source: Path, rivals: list[Path], taken: set[str]) -> str:
    """``wanted`` and the file's stem, or its whole name when a rival has the same stem (a.txt and a.docx).

    Numbered only in the unlikely case that even that is taken.
    """
    stem = pinyin_slug(source.stem, 24)
    same_stem = sum(pinyin_slug(rival.stem, 24) == stem for rival in rivals) > 1
    base = f"{wanted}-{pinyin_slug(source.name, 30) if same_stem else stem}"
    candidates = chain([base], (f"{base}-{number}" for number in count(2)))
    return next(candidate for candidate in candidates if candidate not in taken)


@dataclass(frozen=True)
class Tally:
    """Files written into the staging folders, and how many of them differ from the previous build's."""

    written: int = 0
    changed: int = 0


class PageWriter:
    """Writes generated pages into staging copies of the generated folders of ``docs/``; ``commit`` swaps them in.

    Pages are written as they are rendered, so that a build never holds a large archive's pages all at
    once. A file whose text did not change keeps its old timestamp (it is hard-linked into the staging
    folder), so that a live preview rebuilds only when something really changed. Leaving the ``with``
    block without ``commit`` (an error, Ctrl-C) leaves ``docs/`` as it was.
    """

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = docs_dir
        self.changed = 0
        self.written = 0
        self._stack = ExitStack()
        self._staging: dict[str, Path] = {}
        self._files: dict[str, str] = {}  # GENERATED_FILES, replaced after the folders

    def __enter__(self) -> PageWriter:
        self._staging = {folder: self._stack.enter_context(staged(self.docs_dir / folder)) for folder in GENERATED_DIRS}
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> bool | None:
        return self._stack.__exit__(kind, error, traceback)

    def write(self, pages: Iterable[tuple[str, str]], *, record: bool = True) -> Tally:
        """Stage ``pages`` (path under ``docs/``, text); how many were written and how many of them changed.

        A process forked inside the ``with`` block can write too, into the same staging folders, with
        ``record=False``: the builder adds the tally it hands back with :meth:`record`.
        """
        written = changed = 0
        for relative, text in pages:
            written += 1
            folder, _, rest = relative.partition("/")
            if relative in GENERATED_FILES:
                self._files[relative] = text
                continue
            new_file = self._staging[folder] / rest
            old_file = self.docs_dir / relative
            new_file.parent.mkdir(parents=True, exist_ok=True)
            if old_file.is_file() and old_file.read_text(encoding="utf-8") == text:
                _keep(old_file, new_file)
            else:
                new_file.write_text(text, encoding="utf-8")
                changed += 1
        tally = Tally(written, changed)
        if record:
            self.record(tally)
        return tally

    def record(self, tally: Tally) -> None:
        self.written += tally.written
        self.changed += tally.changed

    def commit(self) -> int:
        """Swap every staged folder in, then the single files; how many files changed."""
        self._stack.close()
        for name, text in self._files.items():
            self.changed += _replace_file(self.docs_dir / name, text)
        return self.changed


def _keep(old_file: Path, new_file: Path) -> None:
    """Put an unchanged file into the staging folder as it is: a hard link, a copy where links are not allowed."""
    try:
        os.link(old_file, new_file)
    except OSError:
        shutil.copy2(old_file, new_file)


def _replace_file(target: Path, text: str) -> int:
    """Write ``text`` to ``target`` in one step unless it already holds it; 1 if it changed."""
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return 0
    staging = target.with_name(f".{target.name}.new")
    staging.write_text(text, encoding="utf-8")
    staging.replace(target)
    return 1


def docs_dir_of(config_file: Path) -> Path:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader) or {}
    return (config_file.parent / str(config.get("docs_dir", "docs"))).resolve()


def directory_urls_of(config_file: Path) -> bool:
    """Whether MkDocs gives ``a.md`` the URL ``a/`` (its default) or ``a.html``."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader) or {}
    return bool(config.get("use_directory_urls", True))


class _IgnoreTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a plain key, skipping its Python and !ENV tags."""


_IgnoreTagsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def render_site(config_file: Path, site_dir: Path, strict: bool, search_clock: PluginClock | None = None) -> list[str]:
    """Run MkDocs on the generated Markdown; return its warnings.

    ``search_clock`` adds up the time spent building the search index.

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
    try:
        with staged(site_dir) as staging:
            config = load_config(str(config_file), site_dir=str(staging), strict=strict)
            if search_clock:
                search_clock.attach(config.plugins)
            mkdocs_build(config)
    except Abort as abort:
        raise BuildError(f"MkDocs stopped: {abort}; " + "; ".join(warnings)) from None
    finally:
        logger.removeHandler(handler)
    return warnings


class BuildError(Exception):
    """The site could not be built; the message says why."""


@dataclass(frozen=True)
class Generated:
    speeches: tuple[Speech, ...]
    diagnostics: tuple[Diagnostic, ...]
    pages: int
    changed: int
    knowledge: Knowledge
    parsed: ParseCount


def generate(
    seeds: Path,
    config_file: Path,
    progress: Callable[[str], None] = lambda message: None,
    stopwatch: Stopwatch | None = None,
) -> Generated:
    """Read, parse and render every speech into the generated folders of ``docs/``."""
    stopwatch = stopwatch or Stopwatch()
    vocabulary, parsed_speeches, diagnostics, parsed = load_speeches(seeds, config_file, stopwatch)
    progress(f"read {len(parsed_speeches)} speeches from {seeds}; {parsed}")
    docs_dir = docs_dir_of(config_file)
    with (
        PageWriter(docs_dir) as writer,
        # The index needs the parsed speeches only; tagging and rendering leave a core idle part of the time.
        in_background(lambda: _write_search_index(writer, vocabulary, parsed_speeches)) as search_index,
    ):
        with stopwatch.stage("extract"), _collector_paused():
            knowledge = extract_corpus(newest_first(parsed_speeches), vocabulary)
        speeches = [tagged.speech for tagged in knowledge.speeches]
        progress(metadata_summary(speeches))
        progress(_knowledge_summary(knowledge))
        with stopwatch.stage("render Markdown"):
            env = environment(config_file.parent / "templates", template_bytecode(config_file.parent, "markdown"))
            pages = writer.write(render_pages(speeches, env, knowledge)).written
            # The site is dated like the rest of a build (see speechkb.source_date), so rebuilding it changes nothing.
            build_date = datetime.fromtimestamp(source_date.source_date_epoch(speeches, os.environ), UTC).date()
            pages += writer.write(briefing_pages(knowledge, env, build_date).items()).written
            pages += writer.write([(KB_JSON, knowledge_json(knowledge, directory_urls_of(config_file)))]).written
        indexed, seconds = search_index()
        writer.record(indexed)
        stopwatch.add("search index", seconds)
        with stopwatch.stage("render Markdown"):
            changed = writer.commit()
    progress(f"wrote {pages} Markdown pages and {indexed.written} search index files to {docs_dir} ({changed} changed)")
    return Generated(tuple(speeches), tuple(diagnostics), pages, changed, knowledge, parsed)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Run the block without Python's cyclic garbage collector, then set aside everything that is alive.

    A build's speeches and knowledge graph live until it ends, and each full collection goes through every
    object alive: at 10,000 speeches the 16 of a build took 14–18 s, a tenth of it, and freed a few thousand
    objects. Extraction makes most of that data and next to no garbage, so the collector is off while it
    runs; afterwards what is alive is frozen (``gc.freeze``), out of the collector's reach, which also keeps
    a forked worker's collections from writing to every object it inherited (see :mod:`speechkb.cores`).
    The next build in the same process (a live preview builds again and again) first hands it back and
    collects what has died since.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _write_search_index(writer: PageWriter, vocabulary: Vocabulary, speeches: list[Speech]) -> tuple[Tally, float]:
    """Write the search index's files; what was written and how long it took (it runs beside other stages)."""
    started = time.perf_counter()
    tally = writer.write(index_file_items(site_documents(vocabulary, speeches)), record=False)
    return tally, time.perf_counter() - started


def metadata_summary(speeches: Sequence[Speech]) -> str:
    """How many speeches got each field from their text, from a sidecar, or not at all.

    ``date 3 from the text (1 title), 1 sidecar, 1 unknown; …``: what a new archive's first build tells
    its owner about the sidecars it may still need.
    """
    parts: list[str] = []
    for name in ("title", *INFERRED_FIELDS):
        counts = Counter(_field_origin(speech, name) for speech in speeches)
        found = [f"{counts[origin]} {origin}" for origin in ("text", "title", "sidecar", "derived") if counts[origin]]
        if counts["unknown"]:
            found.append(f"{counts['unknown']} unknown")
        parts.append(f"{name} " + ", ".join(found))
    return "metadata of the speeches: " + "; ".join(parts)


def _field_origin(speech: Speech, name: str) -> str:
    if name == "title":
        return speech.title_origin
    evidence = speech.evidence_for(name)
    return evidence.origin.value if evidence else "unknown"


def _knowledge_summary(knowledge: Knowledge) -> str:
    tagged = sum(len(t.tags.paragraphs) for t in knowledge.speeches)
    definitions = sum(len(t.tags.definitions) for t in knowledge.speeches)
    candidates = knowledge.candidates()
    summary = (
        f"tagged {tagged} paragraphs with {len(knowledge.vocabulary.sectors)} sectors and "
        f"{len(knowledge.vocabulary.terms)} terms; {definitions} inline definitions; "
        f"{len(candidates)} candidate terms"
    )
    if candidates:
        summary += f" not in {VOCABULARIES_DIR}/terms.yml: " + "".join(f"“{c.name}”" for c in candidates)
    return summary


def build(
    seeds: Path,
    site_dir: Path,
    config_file: Path = Path("mkdocs.yml"),
    *,
    strict: bool = False,
    offline: bool = False,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    """Read every speech in ``seeds``, write the Markdown pages and build the site.

    ``offline`` builds it to be read from ``file://`` (see :mod:`speechkb.offline`).
    """
    started = time.perf_counter()
    config_file = config_file.resolve()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    stopwatch = Stopwatch()
    generated = generate(seeds, config_file, progress, stopwatch)
    diagnostics = list(generated.diagnostics)
    search_clock = PluginClock()
    site_started = time.perf_counter()
    with (
        _dated_by(generated.speeches),
        _offline_config(config_file) if offline else nullcontext(config_file) as render_config,
    ):
        messages = render_site(render_config, site_dir, strict, search_clock)
    for message in messages:
        diagnostics.append(Diagnostic(config_file, None, f"MkDocs: {message}"))
    stopwatch.add("site build", time.perf_counter() - site_started - search_clock.seconds)
    stopwatch.add("search index", search_clock.seconds)
    progress(f"built the site into {site_dir}")
    return BuildResult(
        generated.speeches,
        tuple(diagnostics),
        generated.pages,
        time.perf_counter() - started,
        generated.knowledge,
        tuple(stopwatch.stages),
        generated.parsed,
    )


def build_offline(
    seeds: Path,
    bundle: Path,
    config_file: Path = Path("mkdocs.yml"),
    *,
    strict: bool = False,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    """Build the site for reading from ``file://`` and pack it into the zip file ``bundle``."""
    started = time.perf_counter()
    bundle = bundle.resolve()
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{bundle.name}.", dir=bundle.parent) as work:
        site_dir = Path(work) / BUNDLE_NAME
        result = build(seeds, site_dir, config_file, strict=strict, offline=True, progress=progress)
        packed = Path(work) / bundle.name
        write_bundle(site_dir, packed, source_date.source_date_epoch(result.speeches, os.environ))
        packed.replace(bundle)
    progress(f"packed the offline site into {bundle} ({bundle.stat().st_size / 1e6:.1f} MB)")
    return replace(result, seconds=time.perf_counter() - started)


def write_bundle(site_dir: Path, bundle: Path, source_epoch: int) -> None:
    """Zip ``site_dir`` into ``bundle``, byte for byte the same for the same files and date."""
    files = [PurePosixPath(path.relative_to(site_dir).as_posix()) for path in site_dir.rglob("*") if path.is_file()]
    with zipfile.ZipFile(bundle, "w") as archive:
        for path, entry in zip_entries(files, source_epoch):
            archive.writestr(entry, (site_dir / path).read_bytes(), compresslevel=9)


@contextmanager
def _dated_by(speeches: Iterable[Speech]) -> Iterator[None]:
    """Date the build by the speeches: MkDocs reads the date from the environment."""
    previous = os.environ.get(source_date.VARIABLE)
    os.environ[source_date.VARIABLE] = str(source_date.source_date_epoch(speeches, os.environ))
    try:
        yield
    finally:
        if previous is None:
            del os.environ[source_date.VARIABLE]
        else:
            os.environ[source_date.VARIABLE] = previous


@contextmanager
def _offline_config(config_file: Path) -> Iterator[Path]:
    """The offline configuration, written beside ``config_file`` for the build (it inherits it by name)."""
    derived = config_file.with_name(f".{config_file.stem}.offline.yml")
    derived.write_text(offline_config(config_file.read_text(encoding="utf-8"), config_file.name), encoding="utf-8")
    try:
        yield derived
    finally:
        derived.unlink(missing_ok=True)


# --- printed briefings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedBriefing:
    briefing: Briefing
    document: PrintedDocument
    seconds: float


def load_knowledge(
    seeds: Path, config_file: Path, stopwatch: Stopwatch | None = None
) -> tuple[Knowledge, list[Diagnostic]]:
    """The knowledge base of the speeches in ``seeds`` with the project's vocabularies, as a build sees it."""
    stopwatch = stopwatch or Stopwatch()
    vocabulary, speeches, diagnostics, _ = load_speeches(seeds, config_file, stopwatch)
    with stopwatch.stage("extract"):
        return extract_corpus(newest_first(speeches), vocabulary), diagnostics


def load_speeches(
    seeds: Path, config_file: Path, stopwatch: Stopwatch
) -> tuple[Vocabulary, list[Speech], list[Diagnostic], ParseCount]:
    """The project's vocabulary and every speech in ``seeds`` parsed (through the project's cache), not yet tagged."""
    if not seeds.is_dir():
        raise BuildError(f"{seeds}: no such folder of speeches")
    vocabularies = config_file.parent / VOCABULARIES_DIR
    try:
        vocabulary = load_vocabulary(vocabularies)
        rules = load_text_rules(vocabularies)
    except VocabularyError as error:
        raise BuildError(f"the vocabularies have errors; nothing was written:\n{error}") from None
    with stopwatch.stage("read+parse"):
        speeches, diagnostics, parsed = load_corpus(seeds, rules, ParseCache(config_file.parent, vocabularies))
    return vocabulary, speeches, diagnostics, parsed


def site_url_of(config_file: Path) -> str:
    """Where the site is published: ``SPEECHKB_SITE_URL`` (what mkdocs.yml reads) or a plain ``site_url``."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader) or {}
    return os.environ.get("SPEECHKB_SITE_URL") or str(config.get("site_url") or "")


def print_briefing(
    knowledge: Knowledge, sector: Sector, config_file: Path, *, since: int | None = None, level: str | None = None
) -> PrintedBriefing:
    """One sector's briefing as PDF; :class:`BuildError` names any character the fonts cannot draw."""
    started = time.perf_counter()
    value = briefing(
        knowledge,
        sector,
        generated=date.today(),
        since=since,
        level=level,
        site_url=site_url_of(config_file),
        directory_urls=directory_urls_of(config_file),
    )
    try:
        document = print_pdf(briefing_html(value, html_environment()), PRINT_FONTS.families)
    except MissingGlyphsError as error:
        raise BuildError(f"the briefing on {sector.name} cannot be printed: {error}") from None
    return PrintedBriefing(value, document, time.perf_counter() - started)
