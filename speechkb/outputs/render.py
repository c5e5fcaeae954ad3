"""Render stage: parsed speeches → Markdown pages (path → text), no I/O.

The pages are plain Markdown with front matter, written from Jinja2
templates: MkDocs renders them today, and any renderer that reads the same
Markdown (Zensical reads the same ``mkdocs.yml``) can render them tomorrow.
Templates are looked up first in the project's ``templates/`` folder, so a
safety office can restyle a page without touching the code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import jinja2

from speechkb.folders import GENERATED_DIR, SPEECHES_DIR
from speechkb.machinery.cores import imap_forked
from speechkb.machinery.knowledge_page_cache import KnowledgePageCache
from speechkb.machinery.page_text_cache import SpeechPageCache
from speechkb.machinery.related_cache import RelatedCache
from speechkb.machinery.writer import StoredPage
from speechkb.model import Knowledge, Metadata, Section, Speech, Table
from speechkb.outputs.knowledge_pages import SpeechLinks, matrix_years, render_knowledge_pages
from speechkb.outputs.markdown import escape, escape_speech, yaml_string
from speechkb.outputs.speech_list import speech_facets, speech_list
from speechkb.stages.formulas import defined_formulas

PARALLEL_FROM = 300  # speeches; below this, starting a process per core costs more than it saves


def environment(overrides: Path | None = None, bytecode: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The templates that write Markdown: ``overrides`` (a project's ``templates/``) first, then speechkb's."""
    loaders: list[jinja2.BaseLoader] = []
    if overrides and overrides.is_dir():
        loaders.append(jinja2.FileSystemLoader(overrides))
    loaders.append(jinja2.PackageLoader("speechkb", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is Markdown: text goes through the `md` filter instead
        bytecode_cache=bytecode,
    )
    env.filters["md"] = escape
    env.filters["speech_md"] = escape_speech
    # A title is written on every sector and term page that lists its speech: dozens of times in an archive.
    env.filters["title_md"] = functools.cache(escape_speech)
    env.filters["yaml"] = yaml_string
    env.filters["cn_date"] = cn_date
    env.tests["section"] = lambda block: isinstance(block, Section)
    env.tests["table"] = lambda block: isinstance(block, Table)
    return env


def newest_first(speeches: Sequence[Speech]) -> list[Speech]:
    """Dated speeches newest first, then undated ones, each group by title."""
    by_title = sorted(speeches, key=lambda speech: (speech.title, speech.slug))
    return sorted(by_title, key=lambda speech: speech.metadata.date or "", reverse=True)


def render_pages(
    speeches: Sequence[Speech],
    env: jinja2.Environment,
    knowledge: Knowledge,
    cache: SpeechPageCache | None = None,
    knowledge_cache: KnowledgePageCache | None = None,
    related: RelatedCache | None = None,
    *,
    speech_pages_written: Callable[[], object] = lambda: None,
) -> Iterator[tuple[str, str | StoredPage]]:
    """Every generated page of the site as (path under ``docs/``, Markdown), made as they are consumed.

    A large archive's speech pages come from every core, and are best written away as they come; a speech
    page the ``cache`` holds for the same speech, tags, related speeches and templates is not rendered, and
    comes as a :class:`~speechkb.machinery.writer.StoredPage`, read only if ``docs/`` does not hold it already;
    nor is a sector or term page ``knowledge_cache`` holds for the same speeches. The speeches related to each are
    found from what ``related`` kept of the last build's, and kept there for the next.
    The pages of the speeches' folder (the speech pages, then their list) come first; ``speech_pages_written``
    is called once the consumer asked for the page after them, having written them: a live preview puts that
    folder into ``docs/`` then, to show an edited speech while the other pages are made.
    """
    ordered = newest_first(speeches)
    links = SpeechLinks(knowledge, related.before() if related else None)
    if related:
        related.keep(links.found)
    template = env.get_template("speech.md.j2")
    keys = [
        cache.key(links.tagged(speech), links.related(speech), links.copies(speech)) if cache else None
        for speech in ordered
    ]
    stored = [cache is not None and key is not None and cache.has(key) for key in keys]

    def render(index: int) -> str:
        # In the worker that rendered it, like the parse cache: the builder would otherwise pickle it again.
        text = template.render(speech=ordered[index], links=links.of(ordered[index]))
        key = keys[index]
        if cache and key:
            cache.put(key, text)
        return text

    def read(index: int, key: str) -> str:
        assert cache is not None
        if (held := cache.get(key)) is not None:
            return held
        cache.hits -= 1  # the entry was there but unreadable (the cache counted it): rendered here
        cache.rendered += 1
        return render(index)

    missing = [index for index, held in enumerate(stored) if not held]
    if cache:
        cache.rendered += len(missing)
        cache.hits += len(keys) - len(missing)
    fresh = imap_forked(render, missing, parallel_from=PARALLEL_FROM)
    for index, (speech, key) in enumerate(zip(ordered, keys, strict=True)):
        path = f"{SPEECHES_DIR}/{speech.slug}.md"
        if key and stored[index]:
            yield path, StoredPage(key, functools.partial(read, index, key))
        elif key:
            yield path, StoredPage.made(key, next(fresh))
        else:
            yield path, next(fresh)
    formulas = defined_formulas(knowledge)
    facets = speech_facets(knowledge, formulas)  # what the speech list narrows by, and sector and term pages count
    yield (
        f"{SPEECHES_DIR}/index.md",
        env.get_template("speeches.md.j2").render(list=speech_list(ordered, knowledge, formulas, facets)),
    )
    speech_pages_written()
    yield from render_knowledge_pages(knowledge, env, formulas, facets, knowledge_cache)
    yield (
        f"{GENERATED_DIR}/overview.md",
        env.get_template("overview.md.j2").render(
            speeches=ordered,
            paragraph_count=sum(speech.paragraph_count for speech in ordered),
            years=sorted({speech.metadata.year for speech in ordered if speech.metadata.year}),
            knowledge=knowledge,
            candidate_count=len(knowledge.candidates()),
        ),
    )


def page_count(knowledge: Knowledge) -> int:
    """How many files :func:`render_pages` makes: a page per speech, sector, term and defined formula, six lists
    and indexes, a speech matrix per year, and the terms' definitions."""
    vocabulary = knowledge.vocabulary
    pages = sum(map(len, (knowledge.speeches, vocabulary.sectors, vocabulary.terms, defined_formulas(knowledge))))
    return pages + 6 + len(matrix_years(knowledge)) + 1


def cn_date(metadata: Metadata) -> str:
    """How a date is written in Chinese: ``2024年3月``, ``2016年冬``, ``日期不详``."""
    if not metadata.date:
        return f"{metadata.season}季（年份不详）" if metadata.season else "日期不详"
    year, _, rest = metadata.date.partition("-")
    month, _, day = rest.partition("-")
    text = f"{year}年"
    if month:
        text += f"{int(month)}月"
    if day:
        text += f"{int(day)}日"
    elif not month and metadata.season:
        text += metadata.season
    return text
