"""YAML that people edit by hand → pydantic models, every problem a :class:`~speechkb.model.Diagnostic` with its line.

The vocabularies (``sectors.yml``, ``terms.yml``, ``chrome.yml``, ``metadata.yml``) and the speeches' sidecars
(``NAME.yml``) are written by safety-office staff, so a mistake in them must be reported the way a person can
fix it: file, line, the entry by name and the key. They all go one way: :func:`read_yaml` parses a file into
a :class:`Document` that keeps its node tree, :meth:`Document.line` turns a location (keys and list indexes)
into a line number, and :func:`validate` checks the data against a model and reports each problem at its line.

YAML's implicit timestamps are off: ``date: 2024-02-30`` reaches validation as the text the person wrote, to be
reported as an impossible date, and ``- 2025-04-02`` is the line ``2025-04-02``, not a date.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard, TypeVar, Union, cast, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from speechkb.model import Diagnostic, Severity

_Model = TypeVar("_Model", bound=BaseModel)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _without_timestamps(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    loader = cast(type[yaml.SafeLoader], type(f"{base.__name__}WithoutTimestamps", (base,), {}))
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return loader


# libyaml's parser when PyYAML was built with it: the same nodes and marks, several times faster.
_LIBYAML: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
_LOADER = _without_timestamps(_LIBYAML or yaml.SafeLoader)
# PyYAML's own parser, which every install has: a file libyaml refuses is read again by it to word the error, so
# that the message is the same whether libyaml is installed or not.
_WORDING_LOADER = _without_timestamps(yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    """One parsed YAML file with its node tree, to turn a location into a line number."""

    path: Path
    data: object
    node: yaml.Node | None

    def line(self, *location: str | int) -> int | None:
        """Line of the deepest node on ``location`` (keys and list indexes) that exists."""
        node = self.node
        line = node.start_mark.line + 1 if node else None
        for step in location:
            if isinstance(node, yaml.MappingNode):
                node = next((value for key, value in node.value if key.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                break
            if node is None:
                break
            line = node.start_mark.line + 1
        return line


def read_yaml(path: Path, problems: list[Diagnostic], *, what: str = "vocabulary file") -> Document | None:
    """Parse ``path``; None, with the reason in ``problems``, if it is missing, not UTF-8 or not YAML.

    ``what`` names the file in those reasons (``vocabulary file is missing``, ``sidecar is not UTF-8 text``).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(Diagnostic(path, None, f"{what} is missing", Severity.ERROR))
        return None
    except UnicodeDecodeError:
        problems.append(Diagnostic(path, None, f"{what} is not UTF-8 text", Severity.ERROR))
        return None
    try:
        data, node = _load(_LOADER, text)
    except yaml.YAMLError as error:
        problems.append(_yaml_problem(path, _worded(text, error)))
        return None
    return Document(path, data, node)


def _load(loader_class: type[yaml.SafeLoader], text: str) -> tuple[object, yaml.Node | None]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node else None), node
    finally:
        loader.dispose()


def _worded(text: str, error: yaml.YAMLError) -> yaml.YAMLError:
    """The error PyYAML's own parser finds in ``text`` that libyaml refused, else libyaml's ``error``."""
    if _LIBYAML:
        try:
            _load(_WORDING_LOADER, text)
        except yaml.YAMLError as worded:
            return worded
    return error


def _yaml_problem(path: Path, error: yaml.YAMLError) -> Diagnostic:
    if not isinstance(error, yaml.MarkedYAMLError):
        return Diagnostic(path, None, f"invalid YAML: {error}", Severity.ERROR)
    # The parser notices a missing "]" lines later; the context says where the broken part starts.
    context = error.context_mark
    where = f" ({error.context} that starts on line {context.line + 1})" if context and error.context else ""
    line = error.problem_mark.line + 1 if error.problem_mark else None
    return Diagnostic(path, line, f"invalid YAML{where}: {error.problem}", Severity.ERROR)


def validate(
    document: Document, model: type[_Model], kind: str | Mapping[str, str], problems: list[Diagnostic]
) -> _Model | None:
    """``document.data`` as a ``model``; None, with every problem in ``problems`` at its line, if it is not one.

    ``kind`` names an entry of a top-level list in the messages: ``sector '道路交通' (entry 1): key 'slug': …``;
    a file with several lists names each list's entries by its key (``{"forms": "form", "topics": "topic"}``).
    """
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        for detail in error.errors():
            location = tuple(step for step in detail["loc"] if isinstance(step, str | int))
            where = _entry_label(document, kind, location)
            key = ".".join(str(step) for step in location[2:]) if where else ".".join(map(str, location))
            said = friendly(detail, model)
            message = f"{where}: key '{key}': {said}" if key else f"{where}: {said}"
            problems.append(Diagnostic(document.path, document.line(*location), message.lstrip(": "), Severity.ERROR))
        return None


def _entry_label(document: Document, kind: str | Mapping[str, str], location: tuple[str | int, ...]) -> str:
    """``sector '道路交通' (entry 1)`` for a location inside an entry, else empty."""
    if len(location) < 2 or not isinstance(location[1], int) or not isinstance(document.data, dict):
        return ""
    entries = document.data.get(location[0])
    if not isinstance(entries, list) or location[1] >= len(entries):
        return ""
    entry = entries[location[1]]
    name = entry.get("name") if isinstance(entry, dict) else None
    named = f" '{name}'" if isinstance(name, str) and name.strip() else " without a name"
    label = kind if isinstance(kind, str) else kind.get(str(location[0]), str(location[0]))
    return f"{label}{named} (entry {location[1] + 1})"


def friendly(error: ErrorDetails, model: type[BaseModel]) -> str:
    """What is wrong, in the words of a person editing the file: ``unknown key (allowed: …)``, ``missing``."""
    if error["type"] == "extra_forbidden":
        keys = _keys_at(model, tuple(error["loc"][:-1]))
        return f"unknown key (allowed: {', '.join(keys)})" if keys else "unknown key"
    if error["type"] == "missing":
        return "missing"
    if error["type"] == "string_too_short":
        return "empty"
    return str(error["msg"]).removeprefix("Value error, ")


def _keys_at(model: type[BaseModel], location: tuple[object, ...]) -> tuple[str, ...]:
    """The keys of the mapping at ``location`` in ``model``'s shape, or none if that is not a model."""
    shape: object = model
    for step in location:
        shape = _present(shape)
        if isinstance(step, int) and get_origin(shape) is list:
            shape = get_args(shape)[0]
        elif isinstance(step, str) and _is_model(shape) and step in shape.model_fields:
            shape = shape.model_fields[step].annotation
        else:
            return ()
    shape = _present(shape)
    return tuple(shape.model_fields) if _is_model(shape) else ()


def _present(shape: object) -> object:
    """``X`` for ``X | None``: an optional key holds an ``X`` when it is written."""
    if get_origin(shape) in (Union, types.UnionType):
        present = [arg for arg in get_args(shape) if arg is not type(None)]
        if len(present) == 1:
            return present[0]
    return shape


def _is_model(shape: object) -> TypeGuard[type[BaseModel]]:
    return isinstance(shape, type) and issubclass(shape, BaseModel)
