#!/usr/bin/env python3
"""Time the live preview: from saving a speech to the served page showing the change.

    .venv/bin/python scripts/bench_serve.py                 # the seed corpus, 7 edits
    .venv/bin/python scripts/bench_serve.py --seeds /tmp/bench/corpus-1000 --edits 5
    .venv/bin/python scripts/bench_serve.py --seeds /tmp/bench/corpus-10000 --edits 3 --settle 40

It copies the project and the speeches into a scratch folder, starts ``speechkb serve`` there, waits for
the first build, then appends a new closing sentence to one speech at a time and polls that speech's page
every 20 ms until the sentence is on it. It prints each delay and their median: the time a member of
staff waits between saving a file and seeing it in the browser (less the browser's reload).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench import copy_project  # noqa: E402

from speechkb.build import load_corpus  # noqa: E402
from speechkb.stages.text_rules import load_text_rules  # noqa: E402

TEXT_RULES = load_text_rules(ROOT / "vocabularies")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at ``url`` contains ``text``."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if text in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


class Log:
    """The preview's output and the benchmark's own events, each line after the seconds since the benchmark began."""

    def __init__(self, path: Path, output: IO[str] | None) -> None:
        self._started = time.perf_counter()
        self._lock = threading.Lock()
        self._file = path.open("w", encoding="utf-8")
        if output is not None:
            threading.Thread(target=self._copy, args=(output,), daemon=True).start()

    def line(self, text: str) -> None:
        with self._lock:
            self._file.write(f"{time.perf_counter() - self._started:8.2f} {text.rstrip()}\n")
            self._file.flush()

    def _copy(self, output: IO[str]) -> None:
        for text in output:
            self.line(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of speeches to serve")
    parser.add_argument("--edits", type=int, default=7, help="edits to time")
    parser.add_argument(
        "--settle",
        type=float,
        default=5.0,
        help="seconds to wait after each edit shows, for the preview to make the rest (the sector pages, the search "
        "index) before the next save, as staff reading the page do",
    )
    parser.add_argument(
        "--first-build",
        type=float,
        default=600.0,
        help="seconds to wait for the preview's first build, from nothing (10,000 speeches on a busy machine: more)",
    )
    parser.add_argument(
        "--log",
        type=Path,
        help="file to write what the preview printed to, each line after the seconds since it started, with each "
        "save and each edit seen among them: where the time between them went",
    )
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="speechkb-serve-"))
    config = copy_project(scratch / "project")
    seeds = scratch / "seeds"
    shutil.copytree(args.seeds, seeds)
    speeches, _, _ = load_corpus(seeds, TEXT_RULES)
    port = free_port()
    command = [sys.executable, "-m", "speechkb", "serve", "--seeds", str(seeds), "--config", str(config)]
    server = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=scratch / "project",
        stdout=subprocess.PIPE if args.log else subprocess.DEVNULL,
        stderr=subprocess.STDOUT if args.log else subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},  # each line as it is said, for the log's times
    )
    log = Log(args.log, server.stdout) if args.log else None
    delays = []
    try:
        base = f"http://127.0.0.1:{port}"
        first = wait_for(f"{base}/", "</html>", timeout=args.first_build)
        print(f"first build served after {first:.1f} s", file=sys.stderr)
        for edit in range(args.edits):
            speech = speeches[edit % len(speeches)]
            marker = f"测量第{edit + 1}次修改，散会。"
            with speech.source.open("a", encoding="utf-8") as text:
                text.write(f"\n{marker}\n")
            if log:
                log.line(f"BENCH saved edit {edit + 1} to {speech.source.name}")
            delays.append(wait_for(f"{base}/speeches/{speech.slug}/", marker, timeout=120))
            if log:
                log.line(f"BENCH edit {edit + 1} shown")
            print(f"  edit {edit + 1}: {delays[-1]:.2f} s", file=sys.stderr)
            time.sleep(args.settle)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{len(speeches)} speeches: save → page shows the edit, median {statistics.median(delays):.2f} s")
    print("delays: " + ", ".join(f"{delay:.2f}" for delay in delays) + " s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
