"""Vocabularies: ``vocabularies/sectors.yml`` and ``vocabularies/terms.yml`` → :class:`~speechkb.model.Vocabulary`.

The vocabularies are data that safety-office staff edit by hand, so a mistake in them must be reported the
way a person can fix it: file, line, the entry by name and the key. Every problem in both files is reported
at once, and a vocabulary with any problem is refused as a whole: a build that went on with half a
vocabulary would silently drop the pages and tags of the broken entries.

Matching happens on simplified characters (:func:`speechkb.normalize.simplified`), so names and aliases
are compared, and stored, in simplified form: an alias written 煤礦 is the alias 煤矿, and colliding with
another entry's 煤矿 is an error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from speechkb.model import Diagnostic, Sector, Severity, Term, Vocabulary
from speechkb.normalize import simplified
from speechkb.slug import pinyin_slug

SECTORS_FILE = "sectors.yml"
TERMS_FILE = "terms.yml"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_Model = TypeVar("_Model", bound=BaseModel)


class VocabularyError(Exception):
    """The vocabularies have problems; ``diagnostics`` locates each one."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__("\n".join(map(str, diagnostics)))
        self.diagnostics = tuple(diagnostics)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    name: str = Field(min_length=1)
    slug: str | None = None
    aliases: list[str] = []

    @field_validator("slug")
    @classmethod
    def _ascii_slug(cls, value: str | None) -> str | None:
        if value is not None and not _SLUG.fullmatch(value):
            raise ValueError(f"{value!r} is not a lowercase ASCII pinyin slug like 'dao-lu-jiao-tong'")
        return value

    @field_validator("aliases")
    @classmethod
    def _no_empty_alias(cls, aliases: list[str]) -> list[str]:
        if any(not alias for alias in aliases):
            raise ValueError("an alias is empty")
        return aliases


class _SectorEntry(_Entry):
    parent: str | None = None
    description: str = Field(min_length=1)


class _TermEntry(_Entry):
    category: str = Field(min_length=1)
    definition: str = Field(min_length=1)


class _SectorsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    sectors: list[_SectorEntry]


class _TermsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    categories: list[str] = Field(min_length=1)
    terms: list[_TermEntry]
    not_terms: list[str] = []


@dataclass
class _Document:
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


def load_vocabulary(folder: Path) -> Vocabulary:
    """Read and validate both vocabularies in ``folder``; raise :class:`VocabularyError` listing every problem."""
    problems: list[Diagnostic] = []
    sectors_document = _read(folder / SECTORS_FILE, problems)
    terms_document = _read(folder / TERMS_FILE, problems)
    sectors: tuple[Sector, ...] = ()
    terms: tuple[Term, ...] = ()
    categories: tuple[str, ...] = ()
    not_terms: frozenset[str] = frozenset()
    if sectors_document:
        sectors_file = _validate(sectors_document, _SectorsFile, "sector", problems)
        if sectors_file:
            sectors = _sectors(sectors_document, sectors_file, problems)
    if terms_document:
        terms_file = _validate(terms_document, _TermsFile, "term", problems)
        if terms_file:
            terms = _terms(terms_document, terms_file, problems)
            categories = tuple(terms_file.categories)
            not_terms = _not_terms(terms_document, terms_file, terms, problems)
    if problems:
        raise VocabularyError(problems)
    return Vocabulary(sectors=sectors, terms=terms, categories=categories, not_terms=not_terms)


def _read(path: Path, problems: list[Diagnostic]) -> _Document | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(Diagnostic(path, None, "vocabulary file is missing", Severity.ERROR))
        return None
    except UnicodeDecodeError:
        problems.append(Diagnostic(path, None, "vocabulary file is not UTF-8 text", Severity.ERROR))
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problems.append(Diagnostic(path, line, f"invalid YAML: {getattr(error, 'problem', error)}", Severity.ERROR))
        return None
    finally:
        loader.dispose()
    return _Document(path, data, node)


# libyaml's parser when PyYAML was built with it: the same nodes and marks, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _validate(document: _Document, model: type[_Model], kind: str, problems: list[Diagnostic]) -> _Model | None:
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        for detail in error.errors():
            location = tuple(step for step in detail["loc"] if isinstance(step, str | int))
            where = _entry_label(document, kind, location)
            key = ".".join(str(step) for step in location[2:]) if where else ".".join(map(str, location))
            message = f"{where}: key '{key}': {_friendly(detail)}" if key else f"{where}: {_friendly(detail)}"
            problems.append(Diagnostic(document.path, document.line(*location), message.lstrip(": "), Severity.ERROR))
        return None


def _entry_label(document: _Document, kind: str, location: tuple[str | int, ...]) -> str:
    """``sector '道路交通' (entry 1)`` for a location inside an entry, else empty."""
    if len(location) < 2 or not isinstance(location[1], int) or not isinstance(document.data, dict):
        return ""
    entries = document.data.get(location[0])
    if not isinstance(entries, list) or location[1] >= len(entries):
        return ""
    entry = entries[location[1]]
    name = entry.get("name") if isinstance(entry, dict) else None
    named = f" '{name}'" if isinstance(name, str) and name.strip() else " without a name"
    return f"{kind}{named} (entry {location[1] + 1})"


def _friendly(error: ErrorDetails) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key"
    if error["type"] == "missing":
        return "missing"
    if error["type"] == "string_too_short":
        return "empty"
    return str(error["msg"]).removeprefix("Value error, ")


@dataclass
class _Checked:
    """An entry's identity while the cross-entry rules are checked."""

    label: str
    line: int | None
    slug: str
    forms: list[tuple[str, int | None]]  # simplified name and aliases, with their lines


def _check_entries(
    document: _Document, kind: str, key: str, entries: Sequence[_Entry], problems: list[Diagnostic]
) -> list[_Checked]:
    """Entries with unique slugs and forms; every collision is reported, naming both entries."""

    def error(line: int | None, message: str) -> None:
        problems.append(Diagnostic(document.path, line, message, Severity.ERROR))

    checked: list[_Checked] = []
    slugs: dict[str, _Checked] = {}
    forms: dict[str, _Checked] = {}
    for index, entry in enumerate(entries):
        label = f"{kind} '{entry.name}' (entry {index + 1})"
        slug = entry.slug or pinyin_slug(entry.name)
        slug_line = document.line(key, index, "slug") if entry.slug else document.line(key, index, "name")
        item = _Checked(label, document.line(key, index), slug, [])
        if slug in slugs:
            error(
                slug_line,
                f"{label}: slug '{slug}' is already the slug of {slugs[slug].label} (line {slugs[slug].line})",
            )
        slugs.setdefault(slug, item)
        written = [(entry.name, document.line(key, index, "name"))]
        written += [(alias, document.line(key, index, "aliases", n)) for n, alias in enumerate(entry.aliases)]
        for form, line in written:
            normal = simplified(form)
            owner = forms.get(normal)
            if owner is item:
                error(line, f"{label}: '{form}' is listed twice")
            elif owner:
                error(
                    line,
                    f"{label}: '{form}' already names {owner.label} (line {owner.line}); an alias may belong to one entry only",
                )
            else:
                forms[normal] = item
                item.forms.append((normal, line))
        checked.append(item)
    return checked


def _sectors(document: _Document, parsed: _SectorsFile, problems: list[Diagnostic]) -> tuple[Sector, ...]:
    checked = _check_entries(document, "sector", "sectors", parsed.sectors, problems)
    by_reference = {
        ref: item.slug for entry, item in zip(parsed.sectors, checked, strict=True) for ref in (entry.name, item.slug)
    }
    parents: dict[str, str | None] = {}
    for index, (entry, item) in enumerate(zip(parsed.sectors, checked, strict=True)):
        parent = by_reference.get(entry.parent) if entry.parent else None
        line = document.line("sectors", index, "parent")
        if entry.parent and parent is None:
            problems.append(
                Diagnostic(
                    document.path, line, f"{item.label}: parent '{entry.parent}' is not a sector", Severity.ERROR
                )
            )
        elif parent == item.slug:
            problems.append(
                Diagnostic(document.path, line, f"{item.label}: a sector cannot be its own parent", Severity.ERROR)
            )
        parents[item.slug] = parent
    for index, item in enumerate(checked):
        seen: set[str] = set()
        slug = parents.get(item.slug)
        while slug and slug not in seen and slug != item.slug:
            seen.add(slug)
            slug = parents.get(slug)
        if slug == item.slug and parents[item.slug] != item.slug:
            line = document.line("sectors", index, "parent")
            problems.append(Diagnostic(document.path, line, f"{item.label}: parents form a cycle", Severity.ERROR))
    return tuple(
        Sector(
            name=entry.name,
            slug=item.slug,
            description=entry.description,
            aliases=tuple(form for form, _ in item.forms[1:]),
            parent=parents[item.slug],
        )
        for entry, item in zip(parsed.sectors, checked, strict=True)
    )


def _terms(document: _Document, parsed: _TermsFile, problems: list[Diagnostic]) -> tuple[Term, ...]:
    checked = _check_entries(document, "term", "terms", parsed.terms, problems)
    for index, (entry, item) in enumerate(zip(parsed.terms, checked, strict=True)):
        if entry.category not in parsed.categories:
            line = document.line("terms", index, "category")
            allowed = ", ".join(parsed.categories)
            message = f"{item.label}: category '{entry.category}' is not one of the categories ({allowed})"
            problems.append(Diagnostic(document.path, line, message, Severity.ERROR))
    return tuple(
        Term(
            name=entry.name,
            slug=item.slug,
            category=entry.category,
            definition=entry.definition,
            aliases=tuple(form for form, _ in item.forms[1:]),
        )
        for entry, item in zip(parsed.terms, checked, strict=True)
    )


def _not_terms(
    document: _Document, parsed: _TermsFile, terms: tuple[Term, ...], problems: list[Diagnostic]
) -> frozenset[str]:
    owners = {simplified(form): term for term in terms for form in term.forms}
    for index, word in enumerate(parsed.not_terms):
        if owner := owners.get(simplified(word)):
            line = document.line("not_terms", index)
            message = f"not_terms: '{word}' names the term '{owner.name}'; remove it from one of the two lists"
            problems.append(Diagnostic(document.path, line, message, Severity.ERROR))
    return frozenset(simplified(word) for word in parsed.not_terms)
