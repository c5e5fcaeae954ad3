"""The page cache: a rebuild converts only the pages whose Markdown changed, and builds the same site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from speechkb.build import build, generate
from speechkb.folders import PAGE_DIRS
from speechkb.project import Project
from tests.conftest import SEEDS, copy_project

pytestmark = pytest.mark.site  # every test here builds a real site, or runs the build command

_SUMMARY = re.compile(r"(\d+) pages from the cache, (\d+) converted here, (\d+) in a pool")


def mkdocs_build(config: Path, site: Path) -> tuple[tuple[int, int, int], str]:
    """Run MkDocs on the generated pages; return (from the cache, converted, converted in a pool) and its log."""
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = _SUMMARY.search(run.stderr)
    assert found, run.stderr
    hits, here, pool = (int(number) for number in found.groups())
    return (hits, here, pool), run.stderr


def site_files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def generated_pages(docs: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(docs)): path.read_bytes()
        for folder in PAGE_DIRS
        for path in sorted((docs / folder).glob("*.md"))
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose generated pages are written and whose page cache is empty."""
    root = tmp_path_factory.mktemp("page-cache")
    config = copy_project(root)
    shutil.copytree(SEEDS, root / "seeds")
    build(root / "seeds", root / "site", config)
    return root


def fresh_copy(project: Path, target: Path, *, parallel_from: int | None = None) -> Path:
    shutil.copytree(project, target, ignore=shutil.ignore_patterns(".speechkb-cache", "site"))
    config = target / "mkdocs.yml"
    if parallel_from is not None:
        text = config.read_text(encoding="utf-8")
        plugin = re.search(r"^  - speechkb-pages.*$", text, re.MULTILINE)
        assert plugin, "mkdocs.yml enables speechkb-pages"
        config.write_text(
            text.replace(plugin.group(), f"  - speechkb-pages:\n      parallel_from: {parallel_from}"), encoding="utf-8"
        )
    return config


def test_a_second_build_converts_nothing_and_builds_the_same_site(project: Path, tmp_path: Path) -> None:
    config = fresh_copy(project, tmp_path / "project")
    pages = len(generated_pages(tmp_path / "project" / "docs"))
    assert mkdocs_build(config, tmp_path / "cold")[0] == (0, pages, 0)
    assert mkdocs_build(config, tmp_path / "warm")[0] == (pages, 0, 0)
    assert site_files(tmp_path / "warm") == site_files(tmp_path / "cold")


def test_after_an_edit_only_the_changed_pages_are_converted(project: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    config = fresh_copy(project, root)
    mkdocs_build(config, root / "site")
    before = generated_pages(root / "docs")

    edited = sorted((root / "seeds").glob("*.txt"))[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "同志们，散会。\n", encoding="utf-8")
    generated = generate(root / "seeds", Project.load(config))  # the Markdown only: MkDocs runs below
    after = generated_pages(root / "docs")
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed and len(changed) < len(after)

    counts, _ = mkdocs_build(config, root / "site")
    assert counts == (len(after) - len(changed), len(changed), 0)
    speech = next(s for s in generated.speeches if s.source.name == edited.name)
    page = root / "site" / "speeches" / speech.slug / "index.html"
    assert "同志们，散会。" in page.read_text(encoding="utf-8")
    assert len(list((root / ".speechkb-cache" / "pages").iterdir())) == len(after)  # the old entries are gone


def test_pages_converted_in_a_pool_make_the_same_site(project: Path, tmp_path: Path) -> None:
    serial = fresh_copy(project, tmp_path / "serial")
    pooled = fresh_copy(project, tmp_path / "pooled", parallel_from=1)
    pages = len(generated_pages(tmp_path / "pooled" / "docs"))
    mkdocs_build(serial, tmp_path / "serial-site")
    assert mkdocs_build(pooled, tmp_path / "pooled-site")[0] == (pages, 0, pages)
    assert site_files(tmp_path / "pooled-site") == site_files(tmp_path / "serial-site")


@pytest.mark.parametrize("parallel_from", [None, 1])
def test_a_broken_link_warns_on_every_build(project: Path, tmp_path: Path, parallel_from: int | None) -> None:
    config = fresh_copy(project, tmp_path / "project", parallel_from=parallel_from)
    (tmp_path / "project" / "docs" / "terms" / "zz-draft.md").write_text(
        "# 草稿\n\n见[不存在的页面](missing.md)。\n", encoding="utf-8"
    )
    for site in ("first", "second"):
        _, log = mkdocs_build(config, tmp_path / site)
        assert re.search(r"WARNING .*zz-draft\.md.*missing\.md", log), log


def test_a_page_is_converted_again_when_a_file_it_links_to_comes_or_goes(project: Path, tmp_path: Path) -> None:
    """A conversion depends on the other files only through its links: a page added elsewhere converts
    nothing else again, and the page linking to it is converted again, its warning gone and back."""
    root = tmp_path / "project"
    config = fresh_copy(project, root)
    draft = root / "docs" / "terms" / "zz-draft.md"
    draft.write_text("# 草稿\n\n见[后来的页面](zz-later.md)。\n", encoding="utf-8")
    (_, pages, _), log = mkdocs_build(config, root / "first")
    assert re.search(r"WARNING .*zz-draft\.md.*zz-later\.md", log), log

    later = root / "docs" / "terms" / "zz-later.md"
    later.write_text("# 后来\n", encoding="utf-8")
    counts, log = mkdocs_build(config, root / "second")
    assert counts == (pages - 1, 2, 0)  # the new page and the draft that links to it
    assert "zz-later" not in log
    assert 'href="../zz-later/"' in (root / "second" / "terms" / "zz-draft" / "index.html").read_text(encoding="utf-8")

    later.unlink()
    counts, log = mkdocs_build(config, root / "third")
    assert counts == (pages - 1, 1, 0)
    assert re.search(r"WARNING .*zz-draft\.md.*zz-later\.md", log), log
