"""Briefing stage: the knowledge graph → one sector's printed briefing (:class:`Briefing`), no I/O.

Staff print a briefing before an inspection or a meeting, so it quotes every passage about the sector in
full, newest speech first, each with a citation that lets a reader find it again without the site: the
speech's title and date, the part and section it stands in, and the paragraph's URL. The same
:class:`Briefing` feeds the HTML that WeasyPrint prints (:mod:`speechkb.outputs.pdf`) and the site's briefing
page, so the PDF and the browser's print-out say the same thing.

A sector is looked up the ways staff name it: its name, an alias (in traditional characters too) or its
pinyin slug. A name that matches nothing is an error that suggests the closest sectors, since a typo in
a command should not need the vocabulary file open beside it.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import jinja2

from speechkb.folders import BRIEFINGS_DIR, SPEECHES_DIR
from speechkb.mkdocs.urls import page_url
from speechkb.model import (
    ChecklistGroup,
    Definition,
    Heading,
    Knowledge,
    Passage,
    Sector,
    Speech,
    SpeechPassages,
    Term,
    Vocabulary,
)
from speechkb.outputs.charts import Chart, trend, trend_chart
from speechkb.outputs.knowledge_pages import NEWEST_QUOTED, sector_sources
from speechkb.outputs.render import cn_date
from speechkb.outputs.slug import pinyin_key
from speechkb.stages.normalize import simplified
from speechkb.stages.requirements import checklist

if TYPE_CHECKING:  # the cache keys pages by the speeches' tags, which its own module imports from the outputs
    from speechkb.machinery.knowledge_page_cache import KnowledgePageCache

_TOP_TERMS = 10
_SUGGESTIONS = 3
UNDATED = "年份不详"


@dataclass(frozen=True)
class PrintFonts:
    """The font families the print stylesheet asks for; any other font in the PDF is a fallback."""

    serif: str = "Noto Serif CJK SC"  # body text, as official documents set it
    sans: str = "Noto Sans CJK SC"  # headings, citations and page furniture

    @property
    def families(self) -> tuple[str, str]:
        return (self.serif, self.sans)


# Debian's fonts-noto-cjk, found by fontconfig: installed by scripts/install-system-deps.sh.
PRINT_FONTS = PrintFonts()


class UnknownSectorError(ValueError):
    """No sector has the name, alias or slug asked for; ``suggestions`` are the closest sectors."""

    def __init__(self, query: str, suggestions: Sequence[Sector]) -> None:
        hint = "; did you mean " + ", ".join(f"{s.name} ({s.slug})" for s in suggestions) + "?" if suggestions else ""
        super().__init__(f"unknown sector '{query}'{hint} (the sectors are listed in vocabularies/sectors.yml)")
        self.query = query
        self.suggestions = tuple(suggestions)


def find_sector(vocabulary: Vocabulary, query: str) -> Sector:
    """The sector named ``query`` by name, alias or slug; :class:`UnknownSectorError` with suggestions if none."""
    wanted = simplified(query.strip()).lower()
    names: dict[str, Sector] = {}
    for sector in vocabulary.sectors:
        for form in (*sector.forms, sector.slug):
            names.setdefault(form.lower(), sector)
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), n=len(names), cutoff=0.5)
    containing = [name for name in names if wanted and (wanted in name or name in wanted)]
    suggestions = list(dict.fromkeys(names[name] for name in [*containing, *close]))
    raise UnknownSectorError(query, suggestions[:_SUGGESTIONS])


@dataclass(frozen=True)
class BriefingPassage:
    """One paragraph quoted in full, with where it stands: the part (一、…) and the section ((三)…) above it."""

    text: str
    anchor: str
    url: str
    speech_title: str
    speech_date: str
    part: Heading | None
    section: Heading | None
    terms: tuple[Term, ...]
    printed_at: str = ""  # where a passage of a PDF stands in the printed document: 原文 NAME.pdf，第3–4页

    @property
    def where(self) -> str:
        """The headings above the paragraph: ``二、扎实做好安全生产工作 › 道路交通方面``."""
        return " › ".join(_clause(heading.text) for heading in (self.part, self.section) if heading)

    @property
    def citation(self) -> str:
        """How the passage is cited: ``《title》，2024年，二、…，（三）…``."""
        parts = [f"《{self.speech_title}》", self.speech_date]
        parts += [_clause(heading.text) for heading in (self.part, self.section) if heading]
        return "，".join([*parts, *([self.printed_at] if self.printed_at else [])])


def _printed_at(speech: Speech, pages: tuple[int, int] | None) -> str:
    """``原文 NAME.pdf，第3–4页`` for a passage of a PDF, so that a reader finds it in the printed document."""
    if pages is None:
        return ""
    first, last = pages
    return (
        f"原文 {speech.source_name}，第{first}页" if first == last else f"原文 {speech.source_name}，第{first}–{last}页"
    )


def _clause(heading: str) -> str:
    # A run-in heading keeps its full stop (道路交通方面。), which a citation puts its own after.
    return heading.rstrip("。；：，.;:,")


@dataclass(frozen=True)
class BriefingSpeech:
    speech: Speech
    date: str  # as written in Chinese: 2024年, 冬季（年份不详）
    url: str
    passages: tuple[BriefingPassage, ...]


@dataclass(frozen=True)
class Tally:
    """Speeches and passages under one label of the summary (a year or a level)."""

    label: str
    speeches: int
    passages: int


@dataclass(frozen=True)
class TermDefinitions:
    """A term the briefing's passages use: the vocabulary's definition and the speeches' own."""

    term: Term
    uses: int
    definitions: tuple[tuple[Speech, Definition], ...]


@dataclass(frozen=True)
class Briefing:
    """Everything a sector briefing shows, in the order it shows it: cover, summary, speeches, definitions."""

    sector: Sector
    until: str  # 资料截至: the date of the newest speech in the archive (2024年3月), "" when none is dated
    printed: date | None  # the day a PDF was printed; the site's page has none (see briefing_pages)
    since: int | None
    level: str | None
    corpus_range: str  # the years of the speeches quoted: 2022—2024年
    speeches: tuple[BriefingSpeech, ...]
    older_speeches: int  # selected, but left out by ``newest``: counted in the summary, not quoted
    by_year: tuple[Tally, ...]
    by_level: tuple[Tally, ...]
    top_terms: tuple[tuple[Term, int], ...]
    definitions: tuple[TermDefinitions, ...]
    trend: Chart  # passages per year of the whole selection, for the summary
    checklist: tuple[ChecklistGroup, ...] = ()  # the quoted speeches' requirements, for the 检查清单 table

    @property
    def checklist_items(self) -> int:
        return sum(len(group.items) for group in self.checklist)

    @property
    def passage_count(self) -> int:
        """Passages quoted."""
        return sum(len(speech.passages) for speech in self.speeches)

    @property
    def selected_speeches(self) -> int:
        """Speeches in the selection, quoted or not."""
        return len(self.speeches) + self.older_speeches

    @property
    def selected_passages(self) -> int:
        """Passages in the selection, quoted or not."""
        return sum(row.passages for row in self.by_year)

    @property
    def printed_text(self) -> str:
        """The day the PDF was printed, as a Chinese date: 2025年3月7日 (empty for the site's page)."""
        return f"{self.printed.year}年{self.printed.month}月{self.printed.day}日" if self.printed else ""

    @property
    def filters(self) -> str:
        """The selection in words for the cover: ``2023年以来 · 县级``, or empty for the whole corpus."""
        parts = [f"{self.since}年以来" if self.since else "", f"{self.level}级" if self.level else ""]
        return " · ".join(part for part in parts if part)


def briefing(
    knowledge: Knowledge,
    sector: Sector,
    *,
    printed: date | None = None,
    since: int | None = None,
    level: str | None = None,
    newest: int | None = None,
    site_url: str = "",
    directory_urls: bool = True,
    until: str | None = None,
) -> Briefing:
    """The briefing on ``sector``: passages from speeches given in or after ``since`` and at ``level``.

    A speech without a year is left out when ``since`` is given: nobody can say it is recent.
    ``newest`` quotes the passages of that many newest speeches only; the summary still counts them all.
    ``site_url`` is where the site is published; without it, links are relative to the site's root.
    ``printed`` is the day a PDF is printed. The briefing itself says what it covers, 资料截至, the date of the
    newest speech in the archive: the same on every build of the same speeches, and the date a reader needs
    (a briefing printed today from speeches up to last spring says nothing of this summer): ``until`` when given
    (:func:`archive_until`, which the site's briefings share), else found.
    """
    grouped = [
        group
        for group in knowledge.passages_by_speech(sector=sector.slug)
        if (since is None or (group.speech.metadata.year or 0) >= since)
        and (level is None or group.speech.metadata.level == level)
    ]
    quoted = [Passage(speech, paragraph) for speech, paragraphs in grouped[:newest] for paragraph in paragraphs]
    root = f"{site_url.rstrip('/')}/" if site_url else ""
    speeches = _speeches(knowledge, quoted, root, directory_urls)
    chosen = {speech.speech.slug for speech in speeches}
    required = [sourced for sourced in knowledge.requirements(sector.slug) if sourced.speech.slug in chosen]
    term_uses = Counter(slug for passage in quoted for slug in passage.paragraph.terms)
    vocabulary = knowledge.vocabulary
    years = sorted({s.speech.metadata.year for s in speeches if s.speech.metadata.year})
    return Briefing(
        sector=sector,
        until=archive_until(knowledge) if until is None else until,
        printed=printed,
        since=since,
        level=level,
        corpus_range=_year_range(years),
        speeches=tuple(speeches),
        older_speeches=len(grouped) - len(speeches),
        by_year=_tally(grouped, "year", lambda year: f"{year}年" if year else UNDATED),
        by_level=_tally(grouped, "level", lambda level: f"{level}级" if level else "级别不详"),
        top_terms=tuple((vocabulary.term(slug), n) for slug, n in term_uses.most_common(_TOP_TERMS)),
        definitions=tuple(
            TermDefinitions(
                term,
                term_uses[term.slug],
                tuple((s, d) for s, d in knowledge.definitions(term.slug) if s.slug in chosen),
            )
            for term in sorted((vocabulary.term(slug) for slug in term_uses), key=lambda t: pinyin_key(t.name))
        ),
        trend=trend_chart(trend(grouped, f"{sector.name}：各年份涉及本领域的段落数")),
        checklist=checklist(required, vocabulary),
    )


def archive_until(knowledge: Knowledge) -> str:
    """The date of the newest speech in the archive, as written in Chinese (``2024年春``); empty when none is dated."""
    dated = [tagged.speech.metadata for tagged in knowledge.speeches if tagged.speech.metadata.date]
    # Dates are ISO prefixes (2024, 2024-03, 2024-03-15): the greatest string is the newest, the most precise first.
    return cn_date(max(dated, key=lambda metadata: metadata.date or "")) if dated else ""


def _year_range(years: Sequence[int]) -> str:
    if not years:
        return ""
    return f"{years[0]}年" if years[0] == years[-1] else f"{years[0]}—{years[-1]}年"


def _speeches(knowledge: Knowledge, passages: list[Passage], root: str, directory_urls: bool) -> list[BriefingSpeech]:
    vocabulary = knowledge.vocabulary
    grouped: dict[str, tuple[Speech, list[BriefingPassage]]] = {}
    for passage in passages:
        speech = passage.speech
        url = root + page_url(f"{SPEECHES_DIR}/{speech.slug}.md", directory_urls)
        headings = passage.paragraph.headings
        grouped.setdefault(speech.slug, (speech, []))[1].append(
            BriefingPassage(
                text=passage.paragraph.paragraph.text,
                anchor=passage.paragraph.paragraph.anchor,
                url=f"{url}#{passage.paragraph.paragraph.anchor}",
                speech_title=speech.title,
                speech_date=cn_date(speech.metadata),
                part=headings[0] if headings else None,
                section=headings[-1] if len(headings) > 1 else None,
                terms=tuple(vocabulary.term(slug) for slug in passage.paragraph.terms),
                printed_at=_printed_at(speech, passage.paragraph.paragraph.pages),
            )
        )
    return [
        BriefingSpeech(
            speech,
            cn_date(speech.metadata),
            root + page_url(f"{SPEECHES_DIR}/{speech.slug}.md", directory_urls),
            tuple(found),
        )
        for speech, found in grouped.values()
    ]


def _tally(grouped: Sequence[SpeechPassages], field: str, label_of: Callable[[Any], str]) -> tuple[Tally, ...]:
    """Speeches and passages by the label of their metadata's ``field``, in the labels' order.

    Counted by the field's value first and labelled once per value: a sector's briefing tallies every speech of
    the sector, most of a large archive.
    """
    speech_counts: Counter[object] = Counter()
    passage_counts: Counter[object] = Counter()
    values = map(attrgetter(f"speech.metadata.{field}"), grouped)
    for value, (_, paragraphs) in zip(values, grouped, strict=True):
        speech_counts[value] += 1
        passage_counts[value] += len(paragraphs)
    by_label: dict[str, tuple[int, int]] = {}
    for value, speeches in speech_counts.items():
        label = label_of(value)
        before = by_label.get(label, (0, 0))
        by_label[label] = (before[0] + speeches, before[1] + passage_counts[value])
    return tuple(Tally(label, *by_label[label]) for label in sorted(by_label))


# --- rendering: the same Briefing as print HTML and as a page of the site ------------------------


def html_environment(overrides: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """Jinja2 for the print HTML: autoescaped, unlike the Markdown environment of :mod:`speechkb.outputs.render`."""
    loaders: list[jinja2.BaseLoader] = [overrides] if overrides else []
    loaders.append(jinja2.PackageLoader("speechkb", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def briefing_html(value: Briefing, env: jinja2.Environment, fonts: PrintFonts = PRINT_FONTS) -> str:
    """The briefing as a standalone HTML document with its print stylesheet, ready for WeasyPrint."""
    return env.get_template("briefing.html.j2").render(briefing=value, fonts=fonts)


def briefing_pages(
    knowledge: Knowledge, env: jinja2.Environment, cache: KnowledgePageCache | None = None
) -> Iterator[tuple[str, str]]:
    """A briefing page per sector for the site, as (path under ``docs/``, Markdown), made as they are consumed
    (``env``: :func:`speechkb.outputs.render.environment`); one that ``cache`` holds for the same speeches is not
    rendered again.

    Like the sector page, it quotes the newest speeches only: a page quoting a province's whole archive
    would be too long to print and would cost more to build than the rest of the site together.
    ``speechkb briefing`` prints the whole selection. The page has no date of its own: a build is the same
    whatever day it runs (README, "Reproducible builds").
    """
    template = env.get_template("briefing.md.j2")
    until = archive_until(knowledge)
    for sector in knowledge.vocabulary.sectors:

        def render(sector: Sector = sector) -> str:
            value = briefing(knowledge, sector, newest=NEWEST_QUOTED, until=until)
            return template.render(briefing=value, pdf=None)

        if cache is None:
            page = render()
        else:
            shown = f"{until}\3" + "\1".join(sector.aliases)  # its date, and what it says the sector is called
            page = cache.page(cache.key(f"briefing {sector.slug}", sector_sources(knowledge, sector), shown), render)
        yield f"{BRIEFINGS_DIR}/{sector.slug}.md", page
