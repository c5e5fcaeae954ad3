"""The offline configuration and the zip layout, on their own (the bundle in a browser: test_publish.py)."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config

from speechkb.machinery.offline import BUNDLE_NAME, WORKER_SHIM, offline_config, write_bundle, zip_entries
from tests.conftest import ROOT, BuiltSite

EPOCH_2024 = 1704067200  # 2024-01-01 00:00 UTC


def load_derived(folder: Path, parent_text: str) -> dict[str, Any]:
    """The derived configuration as MkDocs itself resolves it, inheritance and plugins included."""
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "mkdocs.yml").write_text(parent_text, encoding="utf-8")
    derived = folder / ".mkdocs.offline.yml"
    derived.write_text(offline_config(parent_text, "mkdocs.yml"), encoding="utf-8")
    config = load_config(str(derived))
    return {
        "plugins": list(config.plugins),
        "use_directory_urls": config.use_directory_urls,
        "polyfills": config.extra.get("polyfills"),
        "site_name": config.site_name,
        "site_url": config.site_url,
    }


def test_offline_config_keeps_the_project_configuration_and_adds_the_offline_plugins(tmp_path: Path) -> None:
    config = load_derived(tmp_path, (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "安全生产讲话知识库"
    assert config["use_directory_urls"] is False
    assert config["polyfills"] == [WORKER_SHIM]
    assert {"material/search", "material/offline", "material/privacy"} <= set(config["plugins"])


@pytest.mark.parametrize(
    "plugins",
    [
        "plugins:\n  - search:\n      lang: zh\n  - tags:\n      enabled: !ENV [SPEECHKB_TEST_TAGS, true]\n",
        "plugins:\n  search:\n    lang: zh\n  tags:\n    enabled: !ENV [SPEECHKB_TEST_TAGS, true]\n",
    ],
    ids=["list", "mapping"],
)
def test_offline_config_keeps_every_plugin_with_its_tags_in_either_form(tmp_path: Path, plugins: str) -> None:
    parent = f"site_name: 讲话\ntheme:\n  name: material\n{plugins}extra:\n  polyfills: [assets/old.js]\n"
    assert "enabled: !ENV [SPEECHKB_TEST_TAGS, true]" in offline_config(parent, "mkdocs.yml")
    config = load_derived(tmp_path, parent)
    assert config["polyfills"] == ["assets/old.js", WORKER_SHIM]
    assert list(config["plugins"]) == ["material/search", "material/tags", "material/offline", "material/privacy"]


def test_offline_config_does_not_add_a_plugin_the_project_already_has() -> None:
    derived = yaml.safe_load(offline_config("plugins:\n  - search\n  - offline\n", "mkdocs.yml"))
    assert derived["plugins"][:2] == ["search", "offline"]
    assert [p for p in derived["plugins"] if p == "offline"] == ["offline"]


def test_without_plugins_the_offline_config_keeps_the_default_search() -> None:
    derived = yaml.safe_load(offline_config("site_name: 讲话\n", "mkdocs.yml"))
    assert derived["plugins"][0] == "search" and derived["INHERIT"] == "mkdocs.yml"


def test_worker_shim_is_in_the_docs_so_the_bundle_makes_no_request_for_it() -> None:
    shim = (ROOT / "docs" / WORKER_SHIM).read_text(encoding="utf-8")
    assert "Copyright (c) 2020-2022 Martin Donath" in shim and 'location.protocol==="file:"' in shim


def test_zip_entries_are_sorted_dated_and_permissioned_alike() -> None:
    paths = [PurePosixPath(p) for p in ("search/b.js", "index.html", "search-index/a.js")]
    entries = zip_entries(paths, EPOCH_2024)
    assert [info.filename for _, info in entries] == [
        f"{BUNDLE_NAME}/index.html",
        f"{BUNDLE_NAME}/search-index/a.js",
        f"{BUNDLE_NAME}/search/b.js",
    ]
    assert {info.date_time for _, info in entries} == {(2024, 1, 1, 0, 0, 0)}
    assert {info.external_attr >> 16 for _, info in entries} == {0o644}


def test_a_date_before_1980_becomes_the_earliest_a_zip_can_hold() -> None:
    [(_, info)] = zip_entries([PurePosixPath("index.html")], 0)
    assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_the_same_files_zip_to_the_same_bytes_whatever_their_timestamps(seed_site: BuiltSite, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(seed_site.site, copy)  # written in another order, at another time
    for number, path in enumerate(sorted(copy.rglob("*"))):
        os.utime(path, (number * 86400, number * 86400))
    write_bundle(seed_site.site, tmp_path / "first.zip", EPOCH_2024)
    write_bundle(copy, tmp_path / "second.zip", EPOCH_2024)
    assert (tmp_path / "first.zip").read_bytes() == (tmp_path / "second.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "first.zip") as archive:
        assert archive.testzip() is None
        assert archive.read(f"{BUNDLE_NAME}/index.html") == (seed_site.site / "index.html").read_bytes()
