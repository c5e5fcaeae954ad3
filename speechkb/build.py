"""The build: from a folder of speeches to a site, as one sequence read top to bottom.

:func:`build` is the whole run: read the project (:mod:`speechkb.project`), read and parse every speech
(:mod:`speechkb.machinery.parse_cache`), tag them (:mod:`speechkb.stages.extract`), render the pages
(:mod:`speechkb.outputs.render`, :mod:`speechkb.outputs.briefing`, :mod:`speechkb.outputs.export`) and the search index beside
them, write them into ``docs/`` all at once (:mod:`speechkb.machinery.writer`), then have MkDocs build the site
(:func:`speechkb.mkdocs.build.render_site`). :func:`generate` is the part up to ``docs/``, which a live
preview repeats. Each step is a module of its own; this one only puts them in order and reports what they
did.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

from speechkb.folders import GENERATED_DIRS, INDEX_DIR, KB_JSON, SPEECHES_DIR
from speechkb.machinery import source_date
from speechkb.machinery.cache import CACHE_DIR, SPARE_DIR, STAGING_DIR, TRASH_DIR, template_bytecode
from speechkb.machinery.cores import collector_off, collector_paused, in_background
from speechkb.machinery.definitions_cache import DefinitionsCache
from speechkb.machinery.knowledge_file_cache import KnowledgeFileCache
from speechkb.machinery.knowledge_page_cache import KnowledgePageCache
from speechkb.machinery.lock import build_lock
from speechkb.machinery.offline import BUNDLE_NAME, offline_config_file, write_bundle
from speechkb.machinery.page_text_cache import SpeechPageCache
from speechkb.machinery.parse_cache import ParseCache, ParseCount, read_and_parse_all
from speechkb.machinery.progress import SILENT, Progress, counted
from speechkb.machinery.related_cache import RelatedCache
from speechkb.machinery.requirements_cache import RequirementsCache
from speechkb.machinery.search_keys import page_keys
from speechkb.machinery.site_size import SiteSize, measure
from speechkb.machinery.tags_cache import TagsCache
from speechkb.machinery.timings import Stage, Stopwatch
from speechkb.machinery.writer import WRITTEN_DOCS_DIR, PageWriter, Written
from speechkb.machinery.written_files import WrittenFiles
from speechkb.mkdocs.build import SiteError, render_site
from speechkb.mkdocs.clock import PluginClock
from speechkb.model import Diagnostic, Knowledge, Severity, Speech, SpeechTags, TaggedSpeech, Vocabulary
from speechkb.outputs.briefing import briefing_pages
from speechkb.outputs.export import knowledge_file
from speechkb.outputs.originals import original_files, original_link
from speechkb.outputs.render import environment, newest_first, page_count, render_pages
from speechkb.outputs.report import candidate_lines, knowledge_summary, metadata_summary
from speechkb.outputs.slug import assign_slugs
from speechkb.project import Project, ProjectError
from speechkb.search import Form, index_file_items, site_documents
from speechkb.stages.duplicates import duplicate_warnings
from speechkb.stages.extract import extract_corpus
from speechkb.stages.formulas import DefinedFormula, defined_formulas
from speechkb.stages.readers import survey
from speechkb.stages.requirements import RequirementRules, load_requirement_rules, with_requirements
from speechkb.stages.text_rules import TextRules, load_text_rules
from speechkb.stages.vocabulary import VocabularyError, load_vocabulary


class BuildError(Exception):
    """The site could not be built; the message says why."""


@dataclass(frozen=True)
class BuildResult:
    speeches: tuple[Speech, ...]
    diagnostics: tuple[Diagnostic, ...]
    pages_written: int
    seconds: float
    knowledge: Knowledge
    stages: tuple[Stage, ...] = ()  # wall time and peak memory of each stage, in the order they ran
    parsed: ParseCount | None = None  # how many files were parsed, how many came from the cache
    site_size: SiteSize | None = None  # what the built site weighs

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)


def build(
    seeds: Path,
    site_dir: Path,
    config_file: Path = Path("mkdocs.yml"),
    *,
    strict: bool = False,
    offline: bool = False,
    wait: bool = True,
    progress: Progress = SILENT,
) -> BuildResult:
    """Read every speech in ``seeds``, write the Markdown pages and build the site.

    ``offline`` builds it to be read from ``file://`` (see :mod:`speechkb.machinery.offline`). One build of a project
    runs at a time (:mod:`speechkb.machinery.lock`): this one waits for another to end, or with ``wait`` false raises
    :class:`speechkb.machinery.lock.BuildBusyError`.
    """
    project = load_project(config_file)
    with build_lock(project.root, wait=wait, say=progress.notice):
        return _build(seeds, site_dir.resolve(), project, strict, offline, progress)


def _build(
    seeds: Path, site_dir: Path, project: Project, strict: bool, offline: bool, progress: Progress
) -> BuildResult:
    """:func:`build` itself, under the project's lock."""
    started = time.perf_counter()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    stopwatch = Stopwatch()
    # The offline bundle is read from file://, where only scripts load; a site served over http(s) is packed.
    generated = generate(seeds, project, progress, stopwatch, Form.SCRIPT if offline else Form.PACKED)

    search_clock = PluginClock()
    site_started = time.perf_counter()
    with (
        source_date.dated_by(generated.speeches),
        offline_config_file(project.config_file) if offline else nullcontext(project.config_file) as config,
    ):
        try:
            cache = project.root / CACHE_DIR
            messages = render_site(
                config, site_dir, strict, search_clock, progress, cache / TRASH_DIR, cache / SPARE_DIR / "site"
            )
        except SiteError as error:
            raise BuildError(str(error)) from None
    stopwatch.add("site build", time.perf_counter() - site_started - search_clock.seconds)
    stopwatch.add("search index", search_clock.seconds)
    progress.message(f"built the site into {site_dir}")
    size = measure(site_dir)
    progress.message(str(size))

    mkdocs_said = [Diagnostic(project.config_file, None, f"MkDocs: {message}") for message in messages]
    too_large = [Diagnostic(site_dir, None, warning, Severity.WARNING) for warning in size.warnings()]
    return BuildResult(
        generated.speeches,
        (*generated.diagnostics, *mkdocs_said, *too_large),
        generated.pages,
        time.perf_counter() - started,
        generated.knowledge,
        tuple(stopwatch.stages),
        generated.parsed,
        size,
    )


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
    project: Project,
    progress: Progress = SILENT,
    stopwatch: Stopwatch | None = None,
    index_form: Form = Form.PACKED,
    *,
    live_preview: bool = False,
) -> Generated:
    """Read, parse and render every speech into the generated folders of ``docs/``, the search index's
    files in ``index_form`` (:class:`speechkb.search.Form`).

    ``live_preview``: regenerating for ``speechkb serve``, which shows an edit sooner when each part goes into
    ``docs/`` as soon as it is written (otherwise all at once): the speech pages, then the other pages, then the
    search index, which takes longest; when the files that changed are moved into their folders rather than the
    folders swapped (see :class:`speechkb.machinery.writer.PageWriter`); and which does not set the build's objects
    aside from the garbage collector (see :func:`speechkb.machinery.cores.collector_paused`).

    The caller holds the project's build lock (:mod:`speechkb.machinery.lock`), as :func:`build` does.
    """
    stopwatch = stopwatch or Stopwatch()
    parse_cache = ParseCache(project.root, project.vocabularies)
    vocabulary, parsed_speeches, diagnostics, parsed = load_speeches(seeds, project, stopwatch, progress, parse_cache)
    requirement_rules = load_requirements(project)
    progress.message(f"read {len(parsed_speeches)} speeches from {seeds}; {parsed}")
    tags_cache = TagsCache(project.root, vocabulary, parse_cache.keys)
    requirements_cache = RequirementsCache(project.root, tags_cache, project.vocabularies)
    written_docs = WrittenFiles(project.root, project.docs_dir, WRITTEN_DOCS_DIR)
    with (
        PageWriter(
            project.docs_dir,
            project.root / CACHE_DIR / TRASH_DIR,
            project.root / CACHE_DIR / STAGING_DIR,
            written_docs,
            in_place=GENERATED_DIRS if live_preview else (),
        ) as writer,
        # The index needs the parsed speeches only; tagging and rendering leave a core idle part of the time.
        in_background(
            lambda: _write_search_index(
                writer,
                vocabulary,
                parsed_speeches,
                index_form,
                DefinitionsCache(project.root, tags_cache),
                parse_cache.keys,
            )
        ) as search_index,
    ):
        # The speeches tagged, the requirements, the knowledge graph's indexes and the pages are a few million objects
        # that live until the pages are written, and next to no cyclic garbage: with the collector on, its collections
        # went through them again and again (and one, when extraction turned it back on, delayed a live preview's
        # edited speech by a third of a second at 10,000 speeches).
        with collector_off():
            with (
                stopwatch.stage("extract"),
                collector_paused(set_aside=not live_preview),
                progress.stage("tag speeches", len(parsed_speeches), "speeches") as tagged,
            ):
                knowledge = extract_corpus(counted(newest_first(parsed_speeches), tagged), vocabulary, tags_cache.tags)
                tags_cache.keep_used()
            progress.message(str(tags_cache))
            with stopwatch.stage("requirements"):
                knowledge = with_requirements(knowledge, requirement_rules, requirements_cache.requirements)
                requirements_cache.keep_used()
            progress.message(str(requirements_cache))
            speeches = [tagged.speech for tagged in knowledge.speeches]

            # Every page a build writes: the site's, a briefing per sector, and kb.json.gz.
            total = page_count(knowledge) + len(knowledge.vocabulary.sectors) + 1
            with stopwatch.stage("render Markdown"), progress.stage("render Markdown", total, "pages") as rendered:
                env = environment(project.templates, template_bytecode(project.root, "markdown"))
                if project.publish_originals:  # speech pages link their files, published beside them
                    env.globals["original_link"] = original_link
                    writer.copy(original_files(speeches))
                options = f"publish_originals={project.publish_originals}"
                page_cache = SpeechPageCache(project.root, project.templates, tags_cache, knowledge.vocabulary, options)
                knowledge_cache = KnowledgePageCache(
                    project.root, project.templates, tags_cache, project.vocabularies, knowledge.vocabulary, options
                )

                # A live preview shows the speech pages while the rest is made; a build puts everything in at the end.
                def speech_pages_written() -> None:
                    if live_preview:
                        writer.commit([SPEECHES_DIR])

                related_cache = RelatedCache(project.root)
                site_pages = render_pages(
                    speeches,
                    env,
                    knowledge,
                    page_cache,
                    knowledge_cache,
                    related_cache,
                    speech_pages_written=speech_pages_written,
                )
                pages = writer.write(counted(site_pages, rendered)).written
                page_cache.keep_used()
                pages += writer.write(counted(briefing_pages(knowledge, env, knowledge_cache), rendered)).written
                knowledge_cache.keep_used()
                file_cache = KnowledgeFileCache(
                    project.root, tags_cache, knowledge.vocabulary, project.vocabularies, project.directory_urls
                )
                kb_json = knowledge_file(knowledge, project.directory_urls, file_cache)
                file_cache.keep_used()
                pages += writer.write(counted([(KB_JSON, kb_json)], rendered)).written

        if live_preview:
            writer.commit([folder for folder in GENERATED_DIRS if folder != INDEX_DIR])
        # Said once the pages are written, while the search index is still being made: a live preview shows the
        # edited speech without waiting for them, and a build waits for the index anyway.
        progress.message(metadata_summary(speeches))
        progress.message(knowledge_summary(knowledge, project.directory_urls))
        for line in candidate_lines(knowledge):
            progress.detail(line)
        indexed, seconds, index_notice = search_index()
        writer.record(indexed)
        stopwatch.add("search index", seconds)
        with stopwatch.stage("render Markdown"):
            changed = writer.commit()
    progress.message(
        f"wrote {pages} Markdown pages and {indexed.written} search index files to {project.docs_dir} "
        f"({changed} changed; {page_cache}; {knowledge_cache}; {file_cache})"
    )
    for notice in (
        *(
            cache.discarded_notice()
            for cache in (
                parse_cache,
                tags_cache,
                tags_cache.keys,
                requirements_cache,
                page_cache,
                knowledge_cache,
                written_docs,
                file_cache,
                related_cache,
            )
        ),
        index_notice,
    ):
        if notice:
            progress.notice(notice)
    return Generated(tuple(speeches), tuple(diagnostics), pages, changed, knowledge, parsed)


def load_project(config_file: Path) -> Project:
    try:
        return Project.load(config_file)
    except ProjectError as error:
        raise BuildError(str(error)) from None


def load_speeches(
    seeds: Path,
    project: Project,
    stopwatch: Stopwatch,
    progress: Progress = SILENT,
    cache: ParseCache | None = None,
) -> tuple[Vocabulary, list[Speech], list[Diagnostic], ParseCount]:
    """The project's vocabulary and every speech in ``seeds`` parsed (through the project's ``cache``, by
    default a new one), not yet tagged."""
    if not seeds.is_dir():
        raise BuildError(f"{seeds}: no such folder of speeches")
    try:
        vocabulary = load_vocabulary(project.vocabularies)
        rules = load_text_rules(project.vocabularies)
    except VocabularyError as error:
        raise BuildError(f"the vocabularies have errors; nothing was written:\n{error}") from None
    with stopwatch.stage("read+parse"):
        speeches, diagnostics, parsed = load_corpus(
            seeds, rules, cache or ParseCache(project.root, project.vocabularies), progress
        )
    return vocabulary, speeches, diagnostics, parsed


def load_corpus(
    seeds: Path, rules: TextRules, cache: ParseCache | None = None, progress: Progress = SILENT
) -> tuple[list[Speech], list[Diagnostic], ParseCount]:
    """Read and parse every speech; a file that is not a speech becomes an error, not a crash.

    Also says how many speeches were parsed and how many came from ``cache``.
    """
    speeches: list[Speech] = []
    paths, diagnostics = survey(seeds)
    with progress.stage("read and parse", len(paths), "speeches") as advance:
        outcomes, count = read_and_parse_all(paths, rules, cache, advance)
    for outcome in outcomes:
        if isinstance(outcome, Diagnostic):
            diagnostics.append(outcome)
            continue
        speeches.append(outcome)
        diagnostics.extend(outcome.diagnostics)
    diagnostics.extend(duplicate_warnings(speeches))
    return assign_slugs(speeches, diagnostics), diagnostics, count


def load_knowledge(
    seeds: Path, project: Project, stopwatch: Stopwatch | None = None
) -> tuple[Knowledge, list[Diagnostic]]:
    """The knowledge base of the speeches in ``seeds`` with the project's vocabularies, as a build sees it."""
    stopwatch = stopwatch or Stopwatch()
    vocabulary, speeches, diagnostics, _ = load_speeches(seeds, project, stopwatch)
    rules = load_requirements(project)
    with stopwatch.stage("extract"):
        knowledge = extract_corpus(newest_first(speeches), vocabulary)
    with stopwatch.stage("requirements"):
        return with_requirements(knowledge, rules), diagnostics


def load_requirements(project: Project) -> RequirementRules:
    """The project's ``requirements.yml``: what makes a sentence a requirement (:mod:`speechkb.stages.requirements`)."""
    try:
        return load_requirement_rules(project.vocabularies)
    except VocabularyError as error:
        raise BuildError(f"the vocabularies have errors; nothing was written:\n{error}") from None


def _write_search_index(
    writer: PageWriter,
    vocabulary: Vocabulary,
    speeches: list[Speech],
    form: Form,
    cache: DefinitionsCache,
    parse_keys: Mapping[Path, str],
) -> tuple[Written, float, str | None]:
    """Write the search index's files; what was written, how long it took (it runs beside other stages) and
    what to tell the user about ``cache``'s unreadable entries, if any.

    A speech's passage file is named by its parse key (:mod:`speechkb.machinery.search_keys`), from ``parse_keys``.
    """
    started = time.perf_counter()
    # The collector stays on here: off, this process's garbage piled up beside the renderers' (10,000 speeches
    # from nothing: 1,964 MB for every process together at the peak, 1,823 MB with it on, and no slower).
    documents = site_documents(vocabulary, speeches, _formulas(vocabulary, speeches, cache.definitions))
    cache.keep_used()
    files = index_file_items(documents, form, page_keys(documents, speeches, parse_keys))
    written = writer.write(files, record=False)
    return written, time.perf_counter() - started, cache.discarded_notice()


def _formulas(
    vocabulary: Vocabulary, speeches: list[Speech], tag: Callable[[Speech, Vocabulary], SpeechTags]
) -> tuple[DefinedFormula, ...]:
    """The formulas the speeches define, whose pages search finds too.

    Their definitions come from tagging, which the search index's process does again through ``tag`` (the
    definitions cache, :mod:`speechkb.machinery.definitions_cache`: what an earlier build tagged is read back,
    the rest tagged, 0.9 s of CPU at 1,000 speeches, on the other core) rather than start only once the main
    process has tagged every speech; ``tag`` gives each speech's definitions and candidates only.

    Of the candidates, only those some speech defines can be formulas, and only their uses are gathered: at
    10,000 speeches gathering every candidate's took 0.4 s, for a few dozen formulas.
    """
    tagged = [(speech, tag(speech, vocabulary)) for speech in newest_first(speeches)]
    defined = {definition.name for _, tags in tagged for definition in tags.definitions if not definition.term}
    named = tuple(
        TaggedSpeech(
            speech,
            SpeechTags(
                definitions=tags.definitions,
                candidates=tuple(mention for mention in tags.candidates if mention.name in defined),
            ),
        )
        for speech, tags in tagged
    )
    return defined_formulas(Knowledge(vocabulary, named))


def build_offline(
    seeds: Path,
    bundle: Path,
    config_file: Path = Path("mkdocs.yml"),
    *,
    strict: bool = False,
    wait: bool = True,
    progress: Progress = SILENT,
) -> BuildResult:
    """Build the site for reading from ``file://`` and pack it into the zip file ``bundle``."""
    started = time.perf_counter()
    bundle = bundle.resolve()
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{bundle.name}.", dir=bundle.parent) as work:
        site_dir = Path(work) / BUNDLE_NAME
        result = build(seeds, site_dir, config_file, strict=strict, offline=True, wait=wait, progress=progress)
        packed = Path(work) / bundle.name
        write_bundle(site_dir, packed, source_date.source_date_epoch(result.speeches, os.environ))
        packed.replace(bundle)
    progress.message(f"packed the offline site into {bundle} ({bundle.stat().st_size / 1e6:.1f} MB)")
    return replace(result, seconds=time.perf_counter() - started)
