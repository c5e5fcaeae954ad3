#!/usr/bin/env python3
"""Benchmark the speech list (讲话) on a synthetic archive: time to open it, apply a facet and sort a column.

Writes a synthetic corpus of N speeches (scripts/synthetic_corpus.py; reused when it is already in the work
folder), builds the real site with ``speechkb build`` (or reuses the site with ``--reuse``), serves it on
loopback and opens ``speeches/`` in headless Chromium. Times are taken in the page, from the change to the
next frame painted (the filtering, counting, address update and the table's layout): choosing each year,
level, sector and term in turn, a second facet on top of a first, clearing, and sorting by each column. It prints
medians and maxima.

    .venv/bin/python scripts/bench_speech_list.py                       # N = 10,000
    .venv/bin/python scripts/bench_speech_list.py --count 1000 --work /tmp/bench-list
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench import copy_project  # noqa: E402
from bench_search import CHROMIUM, CHROMIUM_ARGS, counting_server  # noqa: E402
from synthetic_corpus import write_corpus  # noqa: E402

from speechkb.build import build  # noqa: E402

# In the page: change what is chosen, then wait for the frame after the change to be painted.
_TIME_CHANGE = """([name, value]) => new Promise((done) => {
  const select = document.querySelector(`form.kb-facets select[name="${name}"]`);
  const start = performance.now();
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - start)));
})"""
_TIME_SORT = """(key) => new Promise((done) => {
  const start = performance.now();
  document.querySelector(`table#speech-list th[data-sort-key="${key}"]`).click();
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - start)));
})"""
_OPTIONS = """(name) => Array.from(document.querySelectorAll(`form.kb-facets select[name="${name}"] option`))
  .map((option) => option.value).filter(Boolean)"""


def median_and_max(values: list[float]) -> str:
    return f"median {statistics.median(values):.0f} ms, max {max(values):.0f} ms ({len(values)} runs)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="speeches in the synthetic archive")
    parser.add_argument(
        "--work", type=Path, default=Path("/tmp/speechkb-bench-list"), help="folder for corpus and site"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus")
    parser.add_argument("--reuse", action="store_true", help="measure the site already built in the work folder")
    args = parser.parse_args(argv)
    corpus = args.work / f"corpus-{args.count}"
    project = args.work / f"site-{args.count}"
    if not corpus.is_dir():
        write_corpus(args.count, corpus, args.seed)
    if not (args.reuse and (project / "site" / "speeches" / "index.html").is_file()):
        shutil.rmtree(project, ignore_errors=True)
        started = time.perf_counter()
        build(corpus, project / "site", copy_project(project))
        print(f"built the site of {args.count} speeches in {time.perf_counter() - started:.0f} s")
    listing = project / "site" / "speeches" / "index.html"
    print(f"speech list: {listing.stat().st_size / 1e6:.1f} MB of HTML")

    from playwright.sync_api import sync_playwright

    with counting_server(project / "site") as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.perf_counter()
        page.goto(url + "speeches/")
        page.wait_for_selector("form.kb-facets:not([hidden])")
        opened = (time.perf_counter() - started) * 1000
        parsed = page.evaluate("performance.getEntriesByType('navigation')[0].domInteractive")
        rows = page.locator("table#speech-list tbody tr").count()
        print(
            f"opened with {rows} rows and its facets ready in {opened:.0f} ms (the HTML read and parsed in {parsed:.0f} ms)"
        )

        single: list[float] = []
        for name in ("year", "level", "sector", "term"):
            for value in page.evaluate(_OPTIONS, name)[:8]:
                single.append(page.evaluate(_TIME_CHANGE, [name, value]))
                page.evaluate(_TIME_CHANGE, [name, ""])
        print(f"apply one facet: {median_and_max(single)}")
        combined: list[float] = []
        for year in page.evaluate(_OPTIONS, "year")[:4]:
            page.evaluate(_TIME_CHANGE, ["year", year])
            for level in page.evaluate(_OPTIONS, "level")[:4]:
                combined.append(page.evaluate(_TIME_CHANGE, ["level", level]))
            page.evaluate(_TIME_CHANGE, ["level", ""])
        cleared = [page.evaluate(_TIME_CHANGE, ["year", ""])]
        print(f"add a second facet: {median_and_max(combined)}; clear back to all rows: {cleared[0]:.0f} ms")
        sorting = [page.evaluate(_TIME_SORT, key) for key in ("date", "title", "level", "place") for _ in range(2)]
        print(f"sort the full list by a column: {median_and_max(sorting)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
