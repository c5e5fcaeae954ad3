#!/usr/bin/env python3
"""Time the real build, stage by stage, on synthetic archives of growing size.

    .venv/bin/python scripts/bench.py                       # N = 100, 1000, 5000
    .venv/bin/python scripts/bench.py --sizes 100 1000 10000 --repeats 3

For each N it writes a deterministic synthetic corpus (scripts/synthetic_corpus.py, recombined from the
seed speeches' paragraphs, so sectors and terms are spread as in real speeches), copies the project
(mkdocs.yml, docs/, vocabularies/) into a scratch folder and runs ``speechkb.build.build`` there from
nothing, in a fresh process per run so that peak RSS belongs to that run. It prints per stage the median
wall time over the repeats, the throughput and the peak RSS, then the growth between consecutive sizes
as a multiple of linear growth (1.00 = the time grows exactly like N). Then it times a rebuild after one
speech changed, the case of a live preview.

Peak RSS is per process: the builder's, or its largest worker's. The build also runs work beside itself
(worker pools, the search index), so the bench samples the memory of all its processes together, ten
times a second, as PSS (a page shared by forked processes counted once): that is the "all processes"
row, the memory the machine needs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic_corpus import write_corpus  # noqa: E402

from speechkb.folders import GENERATED_DIRS, GENERATED_FILES  # noqa: E402

STAGES = ("read+parse", "extract", "render Markdown", "search index", "site build")
ALL_PROCESSES = "all processes"
_RUN_ONCE = """
import json, sys, time
from pathlib import Path
from speechkb.build import build
started = time.perf_counter()
result = build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
stages = {stage.name: [stage.seconds, stage.peak_rss_mb] for stage in result.stages}
stages["total"] = [time.perf_counter() - started, max(rss for _, rss in stages.values())]
print(json.dumps({"stages": stages}))
"""


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    generated = shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES, ".*")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=generated)
    shutil.copytree(ROOT / "vocabularies", target / "vocabularies")
    return target / "mkdocs.yml"


def run_build(seeds: Path, project: Path) -> dict[str, list[float]]:
    """One build in a fresh Python process; its stages as name → [seconds, peak RSS MB].

    Also "all processes": [0, the highest PSS of the build's processes together, in MB].
    """
    command = [sys.executable, "-c", _RUN_ONCE, str(seeds), str(project / "site"), str(project / "mkdocs.yml")]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=project)
    with run, TreeMemory(run.pid) as memory:
        output, errors = run.communicate()
    if run.returncode:
        raise subprocess.CalledProcessError(run.returncode, command, output, errors)
    stages: dict[str, list[float]] = json.loads(output.splitlines()[-1])["stages"]
    stages[ALL_PROCESSES] = [0.0, memory.peak_mb]
    return stages


class TreeMemory:
    """The highest memory a process and its descendants use together (sum of PSS), sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak_mb = max(self.peak_mb, sum(map(_pss_kb, _tree(self.pid))) / 1024)


def _tree(root: int) -> list[int]:
    """``root`` and every process descended from it (Linux ``/proc``)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting.extend(parents.get(pid, ()))
    return found


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)


def bench_size(count: int, repeats: int, scratch: Path, seed: int) -> dict[str, tuple[float, float]]:
    """Median seconds and highest peak RSS per stage for a full build of ``count`` speeches from nothing."""
    corpus = scratch / f"corpus-{count}"
    if not corpus.is_dir():
        write_corpus(count, corpus, seed)
    runs = []
    for repeat in range(repeats):
        project = scratch / f"project-{count}-{repeat}"
        shutil.rmtree(project, ignore_errors=True)
        copy_project(project)
        runs.append(run_build(corpus, project))
        print(f"  N={count} run {repeat + 1}/{repeats}: {runs[-1]['total'][0]:.1f} s", file=sys.stderr)
    return {
        name: (statistics.median(run[name][0] for run in runs), max(run[name][1] for run in runs)) for name in runs[0]
    }


def bench_rebuild(count: int, scratch: Path) -> dict[str, tuple[float, float]]:
    """A second build of the last project after one speech changed."""
    corpus = scratch / f"corpus-{count}"
    project = next(iter(sorted(scratch.glob(f"project-{count}-*"))))
    run_build(corpus, project)
    edited = sorted(corpus.glob("*.txt"))[0]
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original + "同志们，散会。\n", encoding="utf-8")
    try:
        stages = run_build(corpus, project)
    finally:
        edited.write_text(original, encoding="utf-8")
    return {name: (seconds, rss) for name, (seconds, rss) in stages.items()}


def print_table(results: dict[int, dict[str, tuple[float, float]]]) -> None:
    sizes = sorted(results)
    print("| stage | " + " | ".join(f"N={n}: s · speeches/s · MB" for n in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    for name in (*STAGES, "total"):
        cells = []
        for n in sizes:
            seconds, rss = results[n].get(name, (0.0, 0.0))
            rate = f"{n / seconds:,.0f}" if seconds > 0 else "–"
            cells.append(f"{seconds:.2f} · {rate} · {rss:.0f}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    together = [f"– · – · {results[n].get(ALL_PROCESSES, (0.0, 0.0))[1]:.0f}" for n in sizes]
    print(f"| {ALL_PROCESSES} (PSS) | " + " | ".join(together) + " |")
    if len(sizes) > 1:
        print()
        print("Growth as a multiple of linear (time ratio ÷ size ratio; 1.00 = linear):")
        print()
        print("| stage | " + " | ".join(f"{a}→{b}" for a, b in itertools.pairwise(sizes)) + " |")
        print("| --- |" + " --- |" * (len(sizes) - 1))
        for name in (*STAGES, "total"):
            cells = []
            for a, b in itertools.pairwise(sizes):
                before, after = results[a].get(name, (0.0, 0.0))[0], results[b].get(name, (0.0, 0.0))[0]
                cells.append(f"{after / before / (b / a):.2f}" if before > 0.01 else "–")
            print(f"| {name} | " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000], help="corpus sizes")
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs per size up to 1,000 speeches; larger sizes run once"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus")
    parser.add_argument("--scratch", type=Path, help="folder for corpora and builds (default: a temporary one)")
    args = parser.parse_args(argv)
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="speechkb-bench-"))
    print(f"corpora and sites in {scratch}", file=sys.stderr)
    results = {
        count: bench_size(count, args.repeats if count <= 1000 else 1, scratch, args.seed) for count in args.sizes
    }
    print_table(results)
    smallest = min(args.sizes)
    rebuild = bench_rebuild(smallest, scratch)
    print()
    print(f"Rebuild of N={smallest} after one speech changed:")
    print()
    for name, (seconds, rss) in rebuild.items():
        if name == ALL_PROCESSES:
            print(f"- {name} together: peak {rss:.0f} MB (PSS)")
        else:
            print(f"- {name}: {seconds:.2f} s, peak RSS {rss:.0f} MB")
    if not args.scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
