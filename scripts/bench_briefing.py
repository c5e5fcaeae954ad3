"""Time the printing of every sector's briefing of the seed corpus and count its pages.

    .venv/bin/python scripts/bench_briefing.py

Prints, for each sector, its speeches, passages, pages and seconds (HTML, WeasyPrint layout, PDF and the
glyph check), then the medians over the sectors and the cost of the first briefing of a process, which also
loads the fonts: a `speechkb briefing` command pays that once.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from speechkb.build import load_knowledge
from speechkb.outputs.printing import print_briefing
from speechkb.project import Project

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    project = Project.load(ROOT / "mkdocs.yml")
    knowledge, _ = load_knowledge(ROOT / "seeds", project)
    rows = []
    for sector in knowledge.vocabulary.sectors:
        printed = print_briefing(knowledge, sector, project)
        rows.append((sector.name, printed))
        print(
            f"{sector.name}\t{len(printed.briefing.speeches)} speeches\t{printed.briefing.passage_count} passages\t"
            f"{printed.document.pages} pages\t{printed.seconds:.2f} s"
        )
    warm = [printed.seconds for _, printed in rows[1:]]
    print(
        f"{len(rows)} briefings: median {statistics.median(p.document.pages for _, p in rows)} pages "
        f"(range {min(p.document.pages for _, p in rows)}–{max(p.document.pages for _, p in rows)}), "
        f"median {statistics.median(warm):.2f} s per briefing; the first of the process took {rows[0][1].seconds:.2f} s"
    )


if __name__ == "__main__":
    main()
