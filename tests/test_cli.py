"""The `speechkb` command as staff run it: build with a summary, serve with live regeneration."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, copy_project

pytestmark = pytest.mark.site  # every test here builds a real site, or runs the build command


def test_command_line_build_with_progress_and_summary(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    command = [sys.executable, "-m", "speechkb", "build", "--seeds", str(SEEDS), "--config", str(config)]
    run = subprocess.run([*command, "--site-dir", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "read 5 speeches" in run.stderr and "5 speeches" in run.stderr and "1 warnings" in run.stderr
    assert re.search(r"\d+ sectors, \d+ terms, \d+ candidate terms", run.stderr)
    assert "candidate terms not in vocabularies/terms.yml:" in run.stderr and "“十必谈”" in run.stderr
    assert (tmp_path / "out" / "index.html").exists()
    strict = subprocess.run(
        [*command, "--site-dir", str(tmp_path / "out2"), "--strict"], capture_output=True, text=True
    )
    assert strict.returncode == 1 and "numbering gap" in strict.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, limit: float = 60.0) -> bool:
    """Poll until the page shows ``text``; the limit only guards against a hung server."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if text in _page(url):
            return True
        time.sleep(0.2)
    return False


def test_serve_regenerates_when_a_speech_is_added(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "speechkb",
            "serve",
            "--seeds",
            str(seeds),
            "--config",
            str(config),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/speeches/"
        assert _wait_for(url, "共 5 篇讲话")
        (seeds / "new.txt").write_text(
            "在全镇消防安全工作会议上的讲话\n同志们：\n一、提高认识\n正文。\n", encoding="utf-8"
        )
        assert _wait_for(url, "在全镇消防安全工作会议上的讲话")
        assert "共 6 篇讲话" in _page(url)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_vocabulary_mistake_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    sectors = tmp_path / "vocabularies" / "sectors.yml"
    sectors.write_text(sectors.read_text(encoding="utf-8").replace("[水上运输,", "[客运, 水上运输,"), encoding="utf-8")
    line = next(
        n for n, text in enumerate(sectors.read_text(encoding="utf-8").splitlines(), 1) if "[客运, 水上" in text
    )
    command = [sys.executable, "-m", "speechkb", "build", "--seeds", str(SEEDS), "--config", str(config)]
    run = subprocess.run([*command, "--site-dir", str(tmp_path / "site")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert f"{sectors}:{line}: error: sector '水上交通' (entry 2): '客运' already names sector '道路交通'" in run.stderr
    assert not (tmp_path / "site").exists()
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == sorted(
        p.name for p in (ROOT / "docs").iterdir() if p.name in {"assets", "index.md", "performance.md"}
    )
