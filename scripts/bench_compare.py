#!/usr/bin/env python3
"""Time the build of two checkouts on the same synthetic archive, runs alternating, and print the medians.

    .venv/bin/python scripts/bench_compare.py /work/main            # this checkout against /work/main, N = 1000
    .venv/bin/python scripts/bench_compare.py ../main --count 1000 --repeats 3

What a change costs a build is the difference between two checkouts' builds of the same corpus
(scripts/synthetic_corpus.py). Runs alternate (base, this, base, this …) so that whatever else the machine
does weighs on both alike; each is a fresh process in a fresh copy of its checkout's project (scripts/bench.py,
run_build). It prints the medians for each and their ratio: CPU seconds of all the build's processes first
(the fairest figure on a shared machine), then wall seconds, total and per stage.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench import _RUN_ONCE  # noqa: E402
from synthetic_corpus import write_corpus  # noqa: E402

CPU = "CPU (all processes)"

from speechkb.folders import GENERATED_DIRS, GENERATED_FILES  # noqa: E402


def copy_project(checkout: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy(checkout / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(
        checkout / "docs", target / "docs", ignore=shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES, ".*")
    )
    shutil.copytree(checkout / "vocabularies", target / "vocabularies")
    return target


def run(checkout: Path, corpus: Path, project: Path) -> dict[str, float]:
    """One build by ``checkout``'s code: wall seconds per stage, "total", and "CPU" (user + system seconds of
    the build and every process it started, which other work on the machine disturbs far less than wall time)."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [sys.executable, "-c", _RUN_ONCE, str(corpus), str(project / "site"), str(project / "mkdocs.yml")]
    before = os.times()
    done = subprocess.run(command, capture_output=True, text=True, cwd=project, env=environment, check=True)
    after = os.times()
    stages = json.loads(done.stdout.splitlines()[-1])["stages"]
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {**{name: seconds for name, (seconds, _) in stages.items()}, CPU: cpu}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path, help="the checkout to compare with (e.g. /work/main)")
    parser.add_argument("--count", type=int, default=1000, help="speeches in the synthetic archive")
    parser.add_argument("--repeats", type=int, default=3, help="builds of each checkout")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    checkouts = {"base": args.base.resolve(), "this": ROOT}
    with tempfile.TemporaryDirectory(prefix="speechkb-compare-") as scratch:
        corpus = Path(scratch) / "corpus"
        write_corpus(args.count, corpus, args.seed)
        runs: dict[str, list[dict[str, float]]] = {"base": [], "this": []}
        for repeat in range(args.repeats):
            for name, checkout in checkouts.items():
                project = copy_project(checkout, Path(scratch) / f"{name}-{repeat}")
                runs[name].append(run(checkout, corpus, project))
                done = runs[name][-1]
                print(
                    f"  {name} run {repeat + 1}/{args.repeats}: {done['total']:.1f} s, CPU {done[CPU]:.1f} s",
                    file=sys.stderr,
                )
                shutil.rmtree(project)
    stages = [CPU, "total", *(name for name in runs["this"][0] if name not in ("total", CPU))]
    print(f"N = {args.count}, {args.repeats} alternating runs each; median seconds")
    print(f"{'stage':<20}{'base':>9}{'this':>9}{'ratio':>8}")
    for stage in stages:
        base = statistics.median(r.get(stage, 0.0) for r in runs["base"])
        this = statistics.median(r.get(stage, 0.0) for r in runs["this"])
        ratio = f"{this / base:.3f}" if base else "new"
        print(f"{stage:<20}{base:>9.2f}{this:>9.2f}{ratio:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
