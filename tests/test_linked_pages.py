"""A rebuild links each unchanged page's file from the site it replaces (speechkb.mkdocs.output_cache), and builds
the same bytes as a build from nothing; the site it replaces stays whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from speechkb.mkdocs.build import SiteError, render_site

PAGES = {
    "index.md": "# 首页\n\n[讲话一](speeches/a.md)\n",
    "speeches/a.md": "# 讲话一\n\n第一段。\n",
    "speeches/b.md": "# 讲话二\n\n[讲话一](a.md)\n",
}
CONFIG = "nav:\n  - index.md\nnot_in_nav: |\n  /speeches/*.md\nplugins:\n  - speechkb-pages\n"


@pytest.fixture(autouse=True)
def dated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every build of the same pages the same bytes: MkDocs dates a build by SOURCE_DATE_EPOCH, else by the clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")


def project(root: Path, config: str = CONFIG) -> Path:
    for path, text in PAGES.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"site_name: 链接\n{config}", encoding="utf-8")
    return root / "mkdocs.yml"


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def built_once(root: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A project in ``root`` built once: its configuration, its site and the site's files."""
    config = project(root)
    site = root / "site"
    render_site(config, site, strict=True)
    return config, site, snapshot(site)


def inode(site: Path, page: str) -> int:
    return (site / "speeches" / page / "index.html").stat().st_ino


def test_a_rebuild_links_the_unchanged_pages_and_builds_what_a_build_from_nothing_builds(tmp_path: Path) -> None:
    config = project(tmp_path)
    site = tmp_path / "site"
    render_site(config, site, strict=True)
    before = {page: inode(site, page) for page in ("a", "b")}
    (tmp_path / "docs" / "speeches" / "b.md").write_text("# 讲话二\n\n改过了。\n", encoding="utf-8")

    render_site(config, site, strict=True)
    assert inode(site, "a") == before["a"] and inode(site, "b") != before["b"]
    render_site(config, tmp_path / "fresh", strict=True)
    assert snapshot(site) == snapshot(tmp_path / "fresh")
    assert "改过了" in (site / "speeches" / "b" / "index.html").read_text(encoding="utf-8")


def test_a_page_changed_in_the_site_since_it_was_built_is_written_anew(tmp_path: Path) -> None:
    config, site, built = built_once(tmp_path)
    (site / "speeches" / "a" / "index.html").write_text("手改的", encoding="utf-8")

    render_site(config, site, strict=True)
    assert snapshot(site) == built


def test_the_site_a_failed_build_would_replace_is_left_whole(tmp_path: Path) -> None:
    config, site, built = built_once(tmp_path)
    (tmp_path / "docs" / "speeches" / "c.md").write_text("# 三\n\n[不在](missing.md)\n", encoding="utf-8")

    with pytest.raises(SiteError):
        render_site(config, site, strict=True)
    assert snapshot(site) == built
    (tmp_path / "docs" / "speeches" / "c.md").unlink()
    render_site(config, site, strict=True)
    assert snapshot(site) == built


def test_no_page_is_linked_where_another_plugin_changes_the_html(tmp_path: Path) -> None:
    (tmp_path / "hook.py").write_text(
        "def on_post_page(output, page, config):\n    return output + '<!-- 钩子 -->'\n", encoding="utf-8"
    )
    config = project(tmp_path, f"hooks: [hook.py]\n{CONFIG}")
    site = tmp_path / "site"
    render_site(config, site, strict=True)
    first = inode(site, "a")

    render_site(config, site, strict=True)
    page = (site / "speeches" / "a" / "index.html").read_text(encoding="utf-8")
    assert inode(site, "a") != first and page.count("<!-- 钩子 -->") == 1


def test_pages_are_linked_after_a_live_preview_in_the_same_process(tmp_path: Path) -> None:
    """MkDocs keeps speechkb-pages (it has on_startup) from one load of a configuration to the next, in the dirty
    state a live preview's start left it in: render_site's builds are whole ones all the same."""
    config = project(tmp_path)
    load_config(str(config)).plugins.on_startup(command="serve", dirty=True)
    site = tmp_path / "site"
    render_site(config, site, strict=True)
    first = inode(site, "a")
    render_site(config, site, strict=True)
    assert inode(site, "a") == first
