"""The generated folders are declared once (speechkb.folders); every file that names them agrees."""

from __future__ import annotations

import re

import yaml

from speechkb.folders import GENERATED_DIR, GENERATED_DIRS, GENERATED_FILES, PAGE_DIRS
from tests.conftest import ROOT


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml as plain data: its !ENV and Python tags are MkDocs' business."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def test_generated_pages_are_kept_out_of_the_navigation() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    assert set(config["not_in_nav"].split()) == {f"/{folder}/*.md" for folder in PAGE_DIRS}
    assert config["exclude_docs"].split() == [f"/{GENERATED_DIR}/"]


def test_make_clean_removes_everything_generated() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    [clean] = re.findall(r"^clean:\n\trm -rf ([^\n]+)$", makefile, re.M)
    assert {f"docs/{name}" for name in (*GENERATED_DIRS, *GENERATED_FILES)} <= set(clean.split())


def test_git_ignores_everything_generated() -> None:
    ignored = set((ROOT / ".gitignore").read_text(encoding="utf-8").split())
    for folder in GENERATED_DIRS:  # and the staging copy a build makes beside it
        assert {f"/docs/{folder}/", f"/docs/.{folder}.*"} <= ignored, folder
    for name in GENERATED_FILES:
        assert {f"/docs/{name}", f"/docs/.{name}.*"} <= ignored, name
