"""Stage timings: every build reports each stage once, in pipeline order, for `--timings` and the benchmark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, BuiltSite, copy_project

pytestmark = pytest.mark.site  # every test here builds a real site, or runs the build command

STAGES = ["read+parse", "extract", "requirements", "render Markdown", "search index", "site build"]


def test_a_build_records_every_stage_in_order(seed_site: BuiltSite) -> None:
    assert [stage.name for stage in seed_site.result.stages] == STAGES
    assert all(stage.seconds >= 0 and stage.peak_rss_mb > 0 for stage in seed_site.result.stages)


def test_build_prints_the_stages_when_asked(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    command = [sys.executable, "-m", "speechkb", "build", "--seeds", str(SEEDS), "--config", str(config)]
    run = subprocess.run(
        [*command, "--site-dir", str(tmp_path / "site"), "--timings"], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    printed = [
        line.removeprefix("speechkb: ").split(":")[0] for line in run.stderr.splitlines() if " peak RSS " in line
    ]
    assert printed == STAGES
