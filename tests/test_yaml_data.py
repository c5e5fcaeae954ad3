"""The one path from hand-edited YAML to models: lines, dates as text, parser-independent wording, friendly keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from speechkb.machinery import yaml_data
from speechkb.machinery.yaml_data import read_yaml, validate
from speechkb.model import Diagnostic


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Entry(_Strict):
    name: str
    words: list[str] = []


class _Options(_Strict):
    window: int = 3


class _File(_Strict):
    entries: list[_Entry]
    options: _Options | None = None
    when: str | None = None


def _read(tmp_path: Path, text: str, problems: list[Diagnostic]) -> yaml_data.Document | None:
    path = tmp_path / "file.yml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, problems)


def test_a_location_is_the_line_of_the_deepest_node_that_exists(tmp_path: Path) -> None:
    document = _read(tmp_path, "entries:\n  - name: a\n  - name: b\n    words:\n      - x\n      - y\n", [])
    assert document is not None
    assert document.line("entries", 1, "words", 1) == 6
    assert document.line("entries", 1) == 3
    assert document.line("entries", 1, "missing") == 3
    assert document.line("entries", 7) == 2  # the list itself
    assert document.line() == 1


def test_a_date_is_read_as_the_text_written(tmp_path: Path) -> None:
    problems: list[Diagnostic] = []
    document = _read(tmp_path, "when: 2024-02-30\nentries:\n  - name: 2025-04-02\n", problems)
    assert document is not None and not problems
    assert validate(document, _File, "entry", problems) == _File(entries=[_Entry(name="2025-04-02")], when="2024-02-30")


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_invalid_yaml_is_worded_alike_with_or_without_libyaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, libyaml: bool
) -> None:
    if not libyaml:
        monkeypatch.setattr(yaml_data, "_LIBYAML", None)
        monkeypatch.setattr(yaml_data, "_LOADER", yaml_data._WORDING_LOADER)
    problems: list[Diagnostic] = []
    assert _read(tmp_path, "entries:\n  - name: [a\n  - name: b\n", problems) is None
    [problem] = problems
    assert problem.line == 3
    assert problem.message == (
        "invalid YAML (while parsing a flow sequence that starts on line 2): expected ',' or ']', but got ':'"
    )


def test_a_missing_or_undecodable_file_is_named_as_the_caller_says(tmp_path: Path) -> None:
    problems: list[Diagnostic] = []
    assert read_yaml(tmp_path / "absent.yml", problems) is None
    (tmp_path / "gbk.yml").write_bytes("name: 中文\n".encode("gbk"))
    assert read_yaml(tmp_path / "gbk.yml", problems, what="sidecar") is None
    assert [problem.message for problem in problems] == ["vocabulary file is missing", "sidecar is not UTF-8 text"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("entries: []\nentriez: 1\n", 2, "key 'entriez': unknown key (allowed: entries, options, when)"),
        (
            "entries:\n  - name: a\n    colour: red\n",
            3,
            "entry 'a' (entry 1): key 'colour': unknown key (allowed: name, words)",
        ),
        ("entries: []\noptions:\n  windows: 2\n", 3, "key 'options.windows': unknown key (allowed: window)"),
        ("entries:\n  - words: [x]\n", 2, "entry without a name (entry 1): key 'name': missing"),
        (
            "entries:\n  - name: a\n    words: [x, 1]\n",
            3,
            "entry 'a' (entry 1): key 'words.1': Input should be a valid string",
        ),
        ("- a\n", 1, "Input should be a valid dictionary or instance of _File"),
    ],
)
def test_every_problem_is_said_with_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    problems: list[Diagnostic] = []
    document = _read(tmp_path, text, problems)
    assert document is not None
    assert validate(document, _File, "entry", problems) is None
    assert [(problem.line, problem.message) for problem in problems] == [(line, message)]
