"""One build at a time per project, with real processes: a second build waits and says for whom, or with
``--no-wait`` exits 2; a live preview's regeneration takes the same lock; a killed build's lock is taken over.
No traceback reaches the user in any of it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

from speechkb.machinery.lock import BuildBusyError, build_lock, lock_path
from tests.conftest import SEEDS, copy_project


def speechkb(root: Path, command: str, *options: str) -> list[str]:
    where = ["--seeds", str(SEEDS), "--config", str(root / "mkdocs.yml")]
    if command == "build":
        where += ["--site-dir", str(root / "site")]
    return [sys.executable, "-m", "speechkb", command, *options, *where]


def start(command: list[str]) -> subprocess.Popen[str]:
    # Its own session, so that a test can stop it with its workers, as a terminal or CI would.
    return subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)


def holder_pid(root: Path, limit: float = 60.0) -> int:
    """The pid written in the project's lock, once a build has taken it."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        text = lock_path(root).read_text() if lock_path(root).exists() else ""
        if text.strip():
            return int(text)
        time.sleep(0.02)
    raise AssertionError("no build took the lock")


def read_until(stream: IO[str], words: str, limit: float = 60.0) -> str:
    """Lines of ``stream`` up to the one holding ``words``."""
    seen = ""
    deadline = time.monotonic() + limit
    while words not in seen and time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        seen += line
    return seen


@contextmanager
def stopped(process: subprocess.Popen[str]) -> Iterator[None]:
    """The process frozen (SIGSTOP) while the block runs: a build caught in the middle, holding its lock."""
    os.kill(process.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(process.pid, signal.SIGCONT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project of its own, built for real, as staff run it (a `site` test through this fixture, see conftest)."""
    copy_project(tmp_path)
    return tmp_path


def test_a_second_build_waits_for_the_first_or_exits_2_with_no_wait(project: Path) -> None:
    first = start(speechkb(project, "build"))
    pid = holder_pid(project)
    assert pid == first.pid
    with stopped(first):
        refused = subprocess.run(speechkb(project, "build", "--no-wait"), capture_output=True, text=True)
        assert refused.returncode == 2
        assert refused.stderr == f"speechkb: error: another build is running (pid {pid}); not waiting (--no-wait)\n"
        second = start(speechkb(project, "build"))
        assert second.stderr is not None
        said = read_until(second.stderr, "waiting")
        assert f"speechkb: another build is running (pid {pid}), waiting…" in said
        assert "read 5 speeches" not in said  # it has not started
    first_out = first.communicate(timeout=120)[1]
    second_out = said + second.communicate(timeout=120)[1]
    assert (first.returncode, second.returncode) == (0, 0), first_out + second_out
    assert "Traceback" not in first_out + second_out
    assert "read 5 speeches" in second_out and (project / "site" / "index.html").is_file()
    assert lock_path(project).read_text() == ""  # released, and no pid left to look stale


def test_the_lock_of_a_killed_build_is_taken_over(project: Path) -> None:
    killed = start(speechkb(project, "build"))
    pid = holder_pid(project)
    os.killpg(killed.pid, signal.SIGKILL)  # with its workers: nothing of it is left to hold the lock
    killed.wait(timeout=30)
    run = subprocess.run(speechkb(project, "build", "--no-wait"), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"speechkb: a build that was stopped (pid {pid}) left its lock in {lock_path(project)}; taking it over" in (
        run.stderr
    )
    assert (project / "site" / "index.html").is_file() and "Traceback" not in run.stderr


def test_ctrl_c_while_waiting_ends_with_a_message(project: Path) -> None:
    with build_lock(project):
        waiting = start(speechkb(project, "build"))
        assert waiting.stderr is not None
        read_until(waiting.stderr, "waiting")
        os.kill(waiting.pid, signal.SIGINT)
        rest = waiting.communicate(timeout=30)[1]
    assert waiting.returncode == 130
    assert rest == "speechkb: stopped; site/ and docs/ are as the last finished build left them\n"


def test_the_live_preview_regenerates_under_the_same_lock(project: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with build_lock(project):
        server = start(speechkb(project, "serve", "--dev-addr", f"127.0.0.1:{port}"))
        assert server.stderr is not None
        said = read_until(server.stderr, "waiting")
        assert f"another build is running (pid {os.getpid()}), waiting…" in said
        assert not (project / "docs" / "speeches").exists()  # nothing regenerated while the lock is held
    try:
        assert "read 5 speeches" in read_until(server.stderr, "read 5 speeches")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_in_one_process_a_held_lock_refuses_without_waiting(tmp_path: Path) -> None:
    with build_lock(tmp_path), pytest.raises(BuildBusyError) as busy, build_lock(tmp_path, wait=False):
        pass
    assert busy.value.pid == os.getpid()
    shutil.rmtree(tmp_path / ".speechkb-cache")
    with build_lock(tmp_path):  # the folder is made again when needed
        assert lock_path(tmp_path).read_text() == f"{os.getpid()}\n"
