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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic_corpus import write_corpus  # noqa: E402

from speechkb.build import GENERATED_DIRS, GENERATED_FILES  # noqa: E402

STAGES = ("read+parse", "extract", "render Markdown", "search index", "site build")
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
    """One build in a fresh Python process; its stages as name → [seconds, peak RSS MB]."""
    run = subprocess.run(
        [sys.executable, "-c", _RUN_ONCE, str(seeds), str(project / "site"), str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=True,
        cwd=project,
    )
    stages: dict[str, list[float]] = json.loads(run.stdout.splitlines()[-1])["stages"]
    return stages


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
        print(f"- {name}: {seconds:.2f} s, peak RSS {rss:.0f} MB")
    if not args.scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
