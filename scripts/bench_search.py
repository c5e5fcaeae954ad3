#!/usr/bin/env python3
"""Benchmark site search on synthetic archives: bytes per query, time to first result, index size.

For each N (default 1,000 and 5,000) this writes a synthetic corpus (scripts/synthetic_corpus.py),
builds the real site with ``speechkb build``, serves it on loopback through a server that counts the
bytes it sends, and drives headless Chromium: for every query, a fresh browser context (cold cache)
opens the home page, waits for the search to be ready, types the query into Material's search box and
waits for the first result. It prints medians and 90th percentiles.

``--baseline`` measures Material's own search (lunr) on the seed speeches instead: how many speech
pages containing the phrase it misses, and how often it ranks a page without the phrase above one
with it.

    .venv/bin/python scripts/bench_search.py                # N = 1,000 and 5,000
    .venv/bin/python scripts/bench_search.py --counts 1000 --work /tmp/bench
    .venv/bin/python scripts/bench_search.py --baseline
"""

from __future__ import annotations

import argparse
import functools
import gzip
import re
import resource
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench import copy_project  # noqa: E402
from synthetic_corpus import write_corpus  # noqa: E402

from speechkb.build import build, load_corpus  # noqa: E402
from speechkb.search import Form, index_files, speech_documents  # noqa: E402
from speechkb.stages.normalize import simplified  # noqa: E402
from speechkb.stages.text_rules import load_text_rules  # noqa: E402

TEXT_RULES = load_text_rules(ROOT / "vocabularies")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
QUERIES = (
    "一岗双责",
    "尾矿库",
    "疲劳驾驶",
    "两客一危",
    "安全生产",
    "隐患排查治理",
    "主体责任",
    "道路交通",
    "危险化学品",
    "烟花爆竹",
    "消防安全",
    "党政同责",
    "打非治违",
    "有限空间",
    "汛期",
    "燃气",
    "建筑施工",
    "安全生产责任制",
    "人员密集场所",
    "非法营运",
)
SEARCH_PATHS = re.compile(
    r"^/(?:search-index/|search/|assets/javascripts/speechkb-search\.js|assets/javascripts/workers/)"
)
_SQUASH = re.compile(r"\s+")


class CountingHandler(SimpleHTTPRequestHandler):
    """Serves files over keep-alive connections and notes each search file it sends."""

    protocol_version = "HTTP/1.1"
    served: list[str]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?")[0]
        if SEARCH_PATHS.match(path):
            self.served.append(self.translate_path(path))
        return super().send_head()


@contextmanager
def counting_server(folder: Path) -> Iterator[tuple[str, list[str]]]:
    served: list[str] = []
    handler = type("Handler", (CountingHandler,), {"served": served})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", served
    finally:
        server.shutdown()
        server.server_close()


@functools.cache
def sizes(path: str) -> tuple[int, int]:
    """Bytes of a file as sent, and gzipped as GitHub Pages sends it."""
    data = Path(path).read_bytes()
    return len(data), len(gzip.compress(data, 6))


@dataclass
class QueryRun:
    query: str
    bytes: int
    gzipped: int
    requests: int
    milliseconds: float
    results: list[str]  # page paths in result order, as far as Material has rendered them
    count: int  # results found, as Material reports them
    kinds: dict[str, int]  # bytes by kind of index file (k, m, d; "code" for the manifest, tables and scripts)


# Timing happens in the page: from the keyup that makes Material send the query to the first result.
_WATCH = """() => {
  window.__speechkbFirst = null
  const list = document.querySelector('.md-search-result__list')
  new MutationObserver(() => {
    if (window.__speechkbFirst === null && list.querySelector('.md-search-result__item'))
      window.__speechkbFirst = performance.now()
  }).observe(list, { childList: true })
  document.querySelector('[data-md-component=search-query]').addEventListener(
    'keyup', () => { window.__speechkbStart = performance.now() }, { capture: true, once: true })
}"""


def result_count(meta: str) -> int:
    """The count in Material's result line, which it rounds to thousands from 1,000 on (``1.2k``)."""
    found = re.search(r"([\d.]+)\s*(k?)", meta.replace(",", ""))
    if not found:
        return 0
    return round(float(found.group(1)) * (1000 if found.group(2) else 1))


def run_queries(site: Path, queries: tuple[str, ...], expect_results: bool = True) -> list[QueryRun]:
    from playwright.sync_api import sync_playwright

    runs: list[QueryRun] = []
    with counting_server(site) as (url, served), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for query in queries:
            context = browser.new_context()  # a fresh context has an empty HTTP cache
            page = context.new_page()
            served.clear()
            page.goto(url)
            page.wait_for_function(
                "document.querySelector('.md-search-result__meta').textContent.trim() === '键入以开始搜索'"
            )
            page.evaluate(_WATCH)
            box = page.locator("[data-md-component=search-query]")
            box.click()
            box.fill(query)
            box.press("End")
            if expect_results:
                page.wait_for_function("window.__speechkbFirst !== null", timeout=60_000)
            else:
                page.wait_for_function(
                    "!document.querySelector('.md-search-result__meta').textContent.includes('键入')"
                )
            page.wait_for_timeout(200)  # let the last fetches finish before counting bytes
            elapsed = page.evaluate("window.__speechkbFirst - window.__speechkbStart") if expect_results else 0.0
            count = result_count(page.inner_text(".md-search-result__meta"))
            results = page.eval_on_selector_all(
                ".md-search-result__item > .md-search-result__link:first-child",
                "links => links.map(a => new URL(a.href).pathname)",
            )
            sent = [sizes(path) for path in served]
            kinds: dict[str, int] = {}
            for path, (size, _) in zip(served, sent, strict=True):
                kinds[_kind(path)] = kinds.get(_kind(path), 0) + size
            runs.append(
                QueryRun(
                    query, sum(s[0] for s in sent), sum(s[1] for s in sent), len(sent), elapsed, results, count, kinds
                )
            )
            context.close()
        browser.close()
    return runs


def _kind(path: str) -> str:
    """The kind of a search file sent: its folder in the index (k, m, d), or "code"."""
    found = re.search(r"/search-index/([a-z])/", path)
    return found.group(1) if found else "code"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def bench(count: int, work: Path, seed: int, queries: tuple[str, ...]) -> None:
    corpus = work / f"corpus-{count}"
    if not corpus.is_dir():
        write_corpus(count, corpus, seed)
    project = work / f"site-{count}"
    shutil.rmtree(project, ignore_errors=True)
    config = copy_project(project)

    speeches, _, _ = load_corpus(corpus, TEXT_RULES)
    cpu = time.process_time()
    wall = time.perf_counter()
    files = index_files(speech_documents(speeches), Form.PACKED)  # as the build writes them
    index_cpu, index_wall = time.process_time() - cpu, time.perf_counter() - wall

    before = resource.getrusage(resource.RUSAGE_SELF)
    wall = time.perf_counter()
    result = build(corpus, project / "site", config)
    build_wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_SELF)
    build_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

    index_dir = project / "site" / "search-index"
    index_size = folder_bytes(index_dir)
    text_size = folder_bytes(index_dir / "d")
    runs = run_queries(project / "site", queries)
    print(f"\n=== N = {len(result.speeches)} speeches ===")
    print(
        f"build: {build_wall:.1f} s wall, {build_cpu:.1f} s CPU (whole site); index alone {index_wall:.1f} s wall, {index_cpu:.1f} s CPU, {len(files)} files"
    )
    print(
        f"index: {index_size / 1e6:.1f} MB total, {index_size / len(result.speeches) / 1e3:.1f} KB per speech "
        f"(of which passage text for snippets {text_size / len(result.speeches) / 1e3:.1f} KB)"
    )
    kinds = ("k", "m", "d", "code")
    print(
        f"{'query':<12} {'results':>7} {'requests':>8} {'KB':>8} {'KB gzip':>8} {'ms':>7}  "
        + " ".join(f"{kind:>6}" for kind in kinds)
    )
    for run in runs:
        print(
            f"{run.query:<12} {run.count:>7} {run.requests:>8} {run.bytes / 1e3:>8.1f} "
            f"{run.gzipped / 1e3:>8.1f} {run.milliseconds:>7.0f}  "
            + " ".join(f"{run.kinds.get(kind, 0) / 1e3:>6.0f}" for kind in kinds)
        )
    kilobytes = [run.bytes / 1e3 for run in runs]
    gzipped = [run.gzipped / 1e3 for run in runs]
    milliseconds = [run.milliseconds for run in runs]
    print(
        f"bytes per query: median {statistics.median(kilobytes):.0f} KB, p90 {percentile(kilobytes, 0.9):.0f} KB, "
        f"max {max(kilobytes):.0f} KB (gzip on the wire: median {statistics.median(gzipped):.0f} KB, "
        f"max {max(gzipped):.0f} KB)"
    )
    print(
        f"time to first result: median {statistics.median(milliseconds):.0f} ms, "
        f"p90 {percentile(milliseconds, 0.9):.0f} ms, max {max(milliseconds):.0f} ms"
    )


def matchable(text: str) -> str:
    return _SQUASH.sub("", simplified(text))


def baseline(work: Path, queries: tuple[str, ...]) -> None:
    """Material's lunr search on the seeds: misses and misorders against a scan of the text."""
    project = work / "baseline"
    shutil.rmtree(project, ignore_errors=True)
    config = copy_project(project)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - speechkb-search\n", ""), encoding="utf-8")
    result = build(ROOT / "seeds", project / "site", config)
    runs = run_queries(project / "site", queries, expect_results=False)
    pages = {
        f"/speeches/{speech.slug}/": [matchable(speech.title)] + [matchable(p.text) for p in speech.paragraphs()]
        for speech in result.speeches
    }
    misses = misordered = 0
    print(f"\n=== Material's built-in search (lunr) on the {len(result.speeches)} seed speeches ===")
    print(f"search_index.json: {(project / 'site' / 'search' / 'search_index.json').stat().st_size / 1e3:.0f} KB")
    for run in runs:
        phrase = matchable(run.query)
        expected = {page for page, texts in pages.items() if any(phrase in t for t in texts)}
        speech_results = [page for page in run.results if page in pages]
        missing = expected - set(speech_results)
        inversions = sum(
            1
            for i, page in enumerate(speech_results)
            if page not in expected
            for later in speech_results[i + 1 :]
            if later in expected
        )
        misses += len(missing)
        misordered += inversions
        print(f"{run.query:<12} expected {len(expected)}, missed {len(missing)}, misordered pairs {inversions}")
    print(f"total: {misses} missed speech pages, {misordered} misordered pairs over {len(runs)} queries")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 5000], help="corpus sizes to measure")
    parser.add_argument("--work", type=Path, default=Path("/tmp/speechkb-bench"), help="folder for corpora and sites")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus")
    parser.add_argument("--baseline", action="store_true", help="measure Material's lunr search on the seeds instead")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.baseline:
        baseline(args.work, QUERIES)
        return 0
    for count in args.counts:
        bench(count, args.work, args.seed, QUERIES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
