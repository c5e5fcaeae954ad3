#!/usr/bin/env python3
"""Time the everyday rebuilds of a large archive, and weigh its site.

    .venv/bin/python scripts/bench_incremental.py                        # N = 1000, two rounds
    .venv/bin/python scripts/bench_incremental.py --sizes 1000 10000 --rounds 1 --scratch /tmp/bench
    .venv/bin/python scripts/bench_incremental.py --sizes 10000 --rounds 1 --kinds 1  # only a speech changed

For each N it writes the synthetic corpus of scripts/bench.py (scripts/synthetic_corpus.py), copies the
project into a scratch folder and builds it from nothing, in a fresh process as ``speechkb build`` runs
(its time, and the memory of all its processes together, PSS). Then, with the cache that build left in
``.speechkb-cache/``, it times ``speechkb build`` after each everyday edit, alternating each edit with
its undoing, which is the same kind of edit (a speech changed, then changed back; one added, then
removed; an alias added to terms.yml or sectors.yml, then removed), and prints the median of each kind
with what the build reused: speeches parsed and tagged, speech pages rendered, Markdown files that
changed in docs/, pages converted and pages put through the theme. Last, the site's size and its
number of files, with its largest parts, against GitHub Pages' 1 GB and GitLab Pages' 200,000 files.

``make serve`` (the live preview) is timed by scripts/bench_serve.py (``--seeds`` a corpus written here).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench import TreeMemory, copy_project  # noqa: E402
from synthetic_corpus import write_corpus  # noqa: E402

from speechkb.machinery.site_size import measure  # noqa: E402

# One build, as `speechkb build` runs it, with what it said (its messages and the page plugin's log).
_RUN_ONCE = """
import json, logging, sys, time
from pathlib import Path
from speechkb.build import build
from speechkb.machinery.progress import Progress
lines = []
class Said(Progress):
    def message(self, text): lines.append(text)
    def notice(self, text): lines.append(text)
class Logged(logging.Handler):
    def emit(self, record): lines.append(record.getMessage())
plugin = logging.getLogger("mkdocs.plugins.speechkb-pages")
plugin.setLevel(logging.INFO)
plugin.addHandler(Logged())
started = time.perf_counter()
build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), progress=Said())
print(json.dumps({"seconds": time.perf_counter() - started, "lines": lines}))
"""
# What each build says it reused, as printed in its log.
_COUNTS = {
    "parsed": re.compile(r"parsed (\d+) of \d+ files"),
    "tagged": re.compile(r"tagged (\d+) of \d+ speeches"),
    "speech pages rendered": re.compile(r"rendered (\d+) of \d+ speech pages"),
    "sector, term, briefing and year matrix pages rendered": re.compile(
        r"rendered (\d+) of \d+ sector, term, briefing and year matrix pages"
    ),
    "Markdown files changed": re.compile(r"search index files to .* \((\d+) changed"),
    "pages converted": re.compile(r"(\d+) converted here, (\d+) in a pool"),
    "pages through the theme": re.compile(r"(\d+) put through the theme"),
}
_SENTENCE = "同志们，本次会议到此结束，散会。"
_TERM = ("    slug: dang-zheng-tong-ze\n", "    slug: dang-zheng-tong-ze\n    aliases: [党政齐抓共管]\n")
_SECTOR = ("aliases: [工矿商贸, 工贸企业,", "aliases: [工矿商贸, 工贸企业, 工业园区,")


def run(seeds: Path, project: Path) -> tuple[float, float, dict[str, int]]:
    """One build in a fresh process: seconds, peak PSS of all its processes (MB), and what it reused, with
    the processor time of the build and its workers ("cpu", in ms), which other work on the machine does
    not lengthen as it lengthens the wall time."""
    command = [sys.executable, "-c", _RUN_ONCE, str(seeds), str(project / "site"), str(project / "mkdocs.yml")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    build = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=project)
    with build, TreeMemory(build.pid) as memory:
        output, errors = build.communicate()
    if build.returncode:
        raise subprocess.CalledProcessError(build.returncode, command, output, errors)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    said = json.loads(output.splitlines()[-1])
    counts = {"cpu": round(cpu * 1000)}
    for name, pattern in _COUNTS.items():
        found = next((m for m in map(pattern.search, said["lines"]) if m), None)
        if found:
            counts[name] = sum(int(number) for number in found.groups())
    return said["seconds"], memory.peak_mb, counts


def replace_in(file: Path, before: str, after: str) -> Callable[[], None]:
    def change() -> None:
        text = file.read_text(encoding="utf-8")
        assert before in text, f"{file} has no {before!r}"
        file.write_text(text.replace(before, after, 1), encoding="utf-8")

    return change


def write(file: Path, text: str) -> Callable[[], None]:
    return lambda: file.write_text(text, encoding="utf-8")


def edits(corpus: Path, project: Path) -> dict[str, tuple[Callable[[], None], Callable[[], None]]]:
    """Each kind of everyday edit, with its undoing."""
    speeches = sorted(corpus.glob("*.txt"))
    changed = speeches[len(speeches) // 2]
    text = changed.read_text(encoding="utf-8")
    added = corpus / "zz-added.txt"
    added_text = text.replace(text.splitlines()[0], "在全县新增一次安全生产工作会议上的讲话", 1)

    def remove() -> None:
        added.unlink()

    terms, sectors = project / "vocabularies" / "terms.yml", project / "vocabularies" / "sectors.yml"
    return {
        "one speech changed": (write(changed, text + _SENTENCE + "\n"), write(changed, text)),
        "one speech added / removed": (write(added, added_text), remove),
        "one alias added to terms.yml": (replace_in(terms, *_TERM), replace_in(terms, _TERM[1], _TERM[0])),
        "one alias added to sectors.yml": (replace_in(sectors, *_SECTOR), replace_in(sectors, _SECTOR[1], _SECTOR[0])),
    }


def bench_size(count: int, rounds: int, scratch: Path, seed: int, kinds: int) -> None:
    corpus = scratch / f"corpus-{count}"
    if not corpus.is_dir():
        write_corpus(count, corpus, seed)
    project = scratch / f"incremental-{count}"
    shutil.rmtree(project, ignore_errors=True)
    copy_project(project)
    seconds, peak, counts = run(corpus, project)
    print(f"\n## N={count}\n")
    print(
        f"- build from nothing: {seconds:.1f} s ({counts['cpu'] / 1000:.1f} s of processor), all processes {peak:.0f} MB (PSS)"
    )
    seconds, _, counts = run(corpus, project)
    print(f"- nothing changed: {seconds:.1f} s ({_counts(counts)})")
    print()
    print("| edit | median | processor (median) | runs | reused (first run) |")
    print("| --- | --- | --- | --- | --- |")
    for name, (edit, undo) in list(edits(corpus, project).items())[:kinds]:
        times, reused = [], []
        for _ in range(rounds):
            for step in (edit, undo):
                step()
                seconds, _, counts = run(corpus, project)
                times.append(seconds)
                reused.append(counts)
                print(f"  N={count} {name}: {seconds:.1f} s", file=sys.stderr)
        runs = ", ".join(f"{t:.1f}" for t in times)
        cpu = statistics.median(counts["cpu"] for counts in reused) / 1000
        print(f"| {name} | **{statistics.median(times):.1f} s** | {cpu:.1f} s | {runs} | {_counts(reused[0])} |")
    size = measure(project / "site")
    print()
    print(f"- site: {size.bytes / 1e6:,.1f} MB in {size.files:,} files ({size.bytes / count / 1e3:.1f} KB a speech)")
    corpus_bytes = sum(path.stat().st_size for path in corpus.glob("*.txt"))
    print(f"- the speeches' text: {corpus_bytes / 1e6:,.1f} MB; the site is {size.bytes / corpus_bytes:.1f}× that")
    for name, part in size.parts[:6]:
        print(f"  - {name}: {part / 1e6:,.1f} MB ({part / size.bytes:.0%})")
    print(f"- GitHub Pages / GitLab Pages: {size.bytes / 1e9:.0%} of 1 GB, {size.files / 200_000:.0%} of 200,000 files")


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {number}" for name, number in counts.items() if name != "cpu")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000], help="corpus sizes")
    parser.add_argument("--rounds", type=int, default=2, help="times each edit and its undoing are timed")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus")
    parser.add_argument("--kinds", type=int, default=4, help="kinds of edit to time, in the order listed above")
    parser.add_argument("--scratch", type=Path, help="folder for corpora and builds (default: a temporary one)")
    args = parser.parse_args(argv)
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="speechkb-incremental-"))
    print(f"corpora and sites in {scratch}", file=sys.stderr)
    for count in args.sizes:
        bench_size(count, args.rounds, scratch, args.seed, args.kinds)
    if not args.scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
