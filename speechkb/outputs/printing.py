"""Printed briefings: one sector's briefing as an A4 PDF, every glyph checked against the embedded fonts."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from speechkb.build import BuildError
from speechkb.model import Knowledge, Sector
from speechkb.outputs.briefing import PRINT_FONTS, Briefing, briefing, briefing_html, html_environment
from speechkb.outputs.pdf import MissingGlyphsError, PrintedDocument, print_pdf
from speechkb.project import Project


@dataclass(frozen=True)
class PrintedBriefing:
    briefing: Briefing
    document: PrintedDocument
    seconds: float


def print_briefing(
    knowledge: Knowledge, sector: Sector, project: Project, *, since: int | None = None, level: str | None = None
) -> PrintedBriefing:
    """One sector's briefing as PDF; :class:`BuildError` names any character the fonts cannot draw."""
    started = time.perf_counter()
    value = briefing(
        knowledge,
        sector,
        printed=date.today(),
        since=since,
        level=level,
        site_url=project.site_url,
        directory_urls=project.directory_urls,
    )
    try:
        document = print_pdf(briefing_html(value, html_environment()), PRINT_FONTS.families)
    except MissingGlyphsError as error:
        raise BuildError(f"the briefing on {sector.name} cannot be printed: {error}") from None
    return PrintedBriefing(value, document, time.perf_counter() - started)
