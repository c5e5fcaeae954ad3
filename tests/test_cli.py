"""The `speechkb` command as staff run it: build with a summary, serve with live regeneration."""

from __future__ import annotations

import os
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
    assert "read 5 speeches" in run.stderr and "5 speeches" in run.stderr and "0 errors, 1 warning, " in run.stderr
    assert re.search(r"\d+ sectors, \d+ terms, \d+ candidate terms", run.stderr)
    # The candidate terms: how many and where to review them, not the list (hundreds on a real archive).
    assert (
        "27 candidate terms not in vocabularies/terms.yml, to review on the 候选术语 page (terms/candidates/ in the "
        "site; --verbose lists them)" in run.stderr
    )
    assert "“十必谈”" not in run.stderr
    assert "\r" not in run.stderr and "━" not in run.stderr  # not a terminal: no bar
    assert (tmp_path / "out" / "index.html").exists()
    strict = subprocess.run(
        [*command, "--site-dir", str(tmp_path / "out2"), "--strict"], capture_output=True, text=True
    )
    assert strict.returncode == 1 and "numbering gap" in strict.stderr


def test_quiet_prints_only_the_problems_and_verbose_the_candidate_terms(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    command = [sys.executable, "-m", "speechkb", "build", "--seeds", str(SEEDS), "--config", str(config)]
    command += ["--site-dir", str(tmp_path / "site")]
    quiet = subprocess.run([*command, "--quiet"], capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stdout == ""
    assert quiet.stderr == (
        f"{SEEDS / '001_4c94d2ebf477be8b.txt'}:15: warning: numbering gap: （四） comes after （二）; （三） is missing\n"
    )
    verbose = subprocess.run([*command, "--verbose"], capture_output=True, text=True)
    listed = [line for line in verbose.stderr.splitlines() if line.startswith("speechkb: candidate term “")]
    assert len(listed) == 27 and "speechkb: candidate term “十必谈”: 1 uses in 1 speeches" in listed


def test_version() -> None:
    run = subprocess.run([sys.executable, "-m", "speechkb", "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and re.fullmatch(r"speechkb \d+\.\d+\.\d+\n", run.stdout)


def test_a_site_folder_that_cannot_be_written_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    command = [sys.executable, "-m", "speechkb", "build", "--seeds", str(SEEDS), "--config", str(config)]
    run = subprocess.run([*command, "--site-dir", str(blocked / "site"), "--quiet"], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == f"speechkb: error: [Errno 17] File exists: '{blocked}'"
    assert "Traceback" not in run.stderr


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
        # The home page includes the overview, which changed while the page did not: the preview builds it too.
        assert _wait_for(f"http://127.0.0.1:{port}/", "收录 <strong>6</strong> 篇")
        # A hand-written page edited in docs/: MkDocs' server is told of it (see speechkb.mkdocs.serve).
        home = tmp_path / "docs" / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\n本页由安委办维护。\n", encoding="utf-8")
        assert _wait_for(f"http://127.0.0.1:{port}/", "本页由安委办维护")
        # A speech removed leaves the list (the preview moves changed pages in and removes the pages that went).
        (seeds / "new.txt").unlink()
        assert _wait_for(url, "共 5 篇讲话")
        # Then the preview stands idle: no rebuild sets off the next (a rebuild reads docs/, which is no edit).
        time.sleep(3)
        assert _processor_seconds(server.pid, over=5.0) < 1.0
    finally:
        server.terminate()
        server.wait(timeout=30)


def _processor_seconds(pid: int, over: float) -> float:
    """The processor time the process ``pid`` used in the next ``over`` seconds."""

    def used() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime

    before = used()
    time.sleep(over)
    return used() - before


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
