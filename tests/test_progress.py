"""What a build shows while it runs: counts inside the long stages, a bar on a terminal, plain lines in a log."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from speechkb.build import build, load_knowledge
from speechkb.machinery.progress import Advance, Progress, Reporter
from speechkb.outputs.render import environment, page_count, render_pages
from speechkb.project import Project
from tests.conftest import ROOT, SEEDS, copy_project


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def run_stage(reporter: Reporter, clock: Clock, seconds_per_item: float, total: int = 10) -> None:
    with reporter.stage("read and parse", total, "speeches") as advance:
        for _ in range(total):
            clock.now += seconds_per_item
            advance(1)


def test_in_a_log_a_long_stage_is_a_plain_line_now_and_then() -> None:
    stream, clock = io.StringIO(), Clock()
    run_stage(Reporter(stream, terminal=False, clock=clock), clock, seconds_per_item=3.0)
    # Shown from the first second on, then every ten seconds; the end is the build's own next line.
    assert stream.getvalue().splitlines() == [
        "speechkb: read and parse: 1/10 speeches",
        "speechkb: read and parse: 5/10 speeches",
        "speechkb: read and parse: 9/10 speeches",
    ]
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()


def test_a_stage_under_a_second_shows_nothing() -> None:
    stream, clock = io.StringIO(), Clock()
    run_stage(Reporter(stream, terminal=False, clock=clock), clock, seconds_per_item=0.09)
    run_stage(Reporter(stream, terminal=True, clock=clock), clock, seconds_per_item=0.09)
    assert stream.getvalue() == ""


def test_on_a_terminal_a_long_stage_is_a_bar_with_its_name_and_counts_erased_at_the_end() -> None:
    stream, clock = io.StringIO(), Clock()
    reporter = Reporter(stream, terminal=True, clock=clock)
    with reporter.stage("render Markdown", 10_077, "pages") as advance:
        clock.now = 1.5
        advance(3_412)
        drawn = stream.getvalue()
        reporter.message("a line while the bar is up")
    assert "speechkb: render Markdown" in drawn and "3412/10077" in drawn and "pages" in drawn
    assert "━" in drawn  # the bar itself
    assert "speechkb: a line while the bar is up\n" in stream.getvalue()
    end = stream.getvalue().rpartition("pages")[2]
    assert "\x1b[?25h" in end and end.endswith("\x1b[2K")  # the cursor shown again, the bar's line erased


def test_quiet_says_only_what_a_script_needs_and_verbose_the_details() -> None:
    stream, clock = io.StringIO(), Clock()
    quiet = Reporter(stream, quiet=True, terminal=True, clock=clock)
    run_stage(quiet, clock, seconds_per_item=3.0)
    quiet.message("read 5 speeches")
    quiet.detail("candidate term “五有”")
    quiet.notice("another build is running (pid 1234), waiting…")
    assert stream.getvalue() == "speechkb: another build is running (pid 1234), waiting…\n"
    verbose = Reporter(stream, verbose=True, terminal=False)
    verbose.detail("candidate term “五有”: 3 uses in 2 speeches")
    assert stream.getvalue().endswith("speechkb: candidate term “五有”: 3 uses in 2 speeches\n")


def test_the_render_stage_counts_every_page_it_writes() -> None:
    knowledge, _ = load_knowledge(SEEDS, Project.load(ROOT / "mkdocs.yml"))
    speeches = [tagged.speech for tagged in knowledge.speeches]
    assert len(list(render_pages(speeches, environment(), knowledge))) == page_count(knowledge)


class Recorded(Progress):
    """Every stage a build ran, with its total and the count it reached."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, int, str, int]] = []

    @contextmanager
    def stage(self, name: str, total: int, unit: str) -> Iterator[Advance]:
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count

        yield advance
        self.stages.append((name, total, unit, done))


@pytest.mark.site
def test_a_build_counts_each_stage_to_its_total(tmp_path: Path) -> None:
    recorded = Recorded()
    result = build(SEEDS, tmp_path / "site", copy_project(tmp_path), progress=recorded)
    names = [name for name, *_ in recorded.stages]
    assert names == ["read and parse", "tag speeches", "render Markdown", "convert pages", "write pages"]
    assert all(done == total for _, total, _, done in recorded.stages), recorded.stages
    counts = {name: (total, unit) for name, total, unit, _ in recorded.stages}
    assert counts["read and parse"] == counts["tag speeches"] == (len(result.speeches), "speeches")
    assert counts["render Markdown"] == (result.pages_written, "pages")
    html_pages = len([page for page in (tmp_path / "site").rglob("*.html") if "assets" not in page.parts])
    assert counts["write pages"] == (html_pages - 1, "pages")  # 404.html is the theme's, not a page
