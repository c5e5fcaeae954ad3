"""Vocabularies: ``vocabularies/sectors.yml`` and ``vocabularies/terms.yml`` → :class:`~speechkb.model.Vocabulary`.

The vocabularies are data that safety-office staff edit by hand, so a mistake in them must be reported the
way a person can fix it: file, line, the entry by name and the key (through :mod:`speechkb.machinery.yaml_data`, like
every YAML file people edit). Every problem in both files is reported at once, and a vocabulary with any problem is refused as a whole: a build that went on with half a
vocabulary would silently drop the pages and tags of the broken entries.

Matching happens on simplified characters (:func:`speechkb.stages.normalize.simplified`), so names and aliases
are compared, and stored, in simplified form: an alias written 煤礦 is the alias 煤矿, and colliding with
another entry's 煤矿 is an error.

An entry's ``not_aliases`` are longer words that hold one of its names without naming it (有声有色 holds 工贸's
有色): each must hold one of the entry's own names and be none of them, so that a typo cannot silently stop
nothing, or stop the entry's own name everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from speechkb.machinery.yaml_data import Document, read_yaml, validate
from speechkb.model import Diagnostic, Sector, Severity, Term, Vocabulary
from speechkb.outputs.slug import pinyin_slug
from speechkb.stages.normalize import simplified

SECTORS_FILE = "sectors.yml"
TERMS_FILE = "terms.yml"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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
    not_aliases: list[str] = []

    @field_validator("slug")
    @classmethod
    def _ascii_slug(cls, value: str | None) -> str | None:
        if value is not None and not _SLUG.fullmatch(value):
            raise ValueError(f"{value!r} is not a lowercase ASCII pinyin slug like 'dao-lu-jiao-tong'")
        return value

    @field_validator("aliases", "not_aliases")
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


def load_vocabulary(folder: Path) -> Vocabulary:
    """Read and validate both vocabularies in ``folder``; raise :class:`VocabularyError` listing every problem."""
    problems: list[Diagnostic] = []
    sectors_document = read_yaml(folder / SECTORS_FILE, problems)
    terms_document = read_yaml(folder / TERMS_FILE, problems)
    sectors: tuple[Sector, ...] = ()
    terms: tuple[Term, ...] = ()
    categories: tuple[str, ...] = ()
    not_terms: frozenset[str] = frozenset()
    if sectors_document:
        sectors_file = validate(sectors_document, _SectorsFile, "sector", problems)
        if sectors_file:
            sectors = _sectors(sectors_document, sectors_file, problems)
    if terms_document:
        terms_file = validate(terms_document, _TermsFile, "term", problems)
        if terms_file:
            terms = _terms(terms_document, terms_file, problems)
            categories = tuple(terms_file.categories)
            not_terms = _not_terms(terms_document, terms_file, terms, problems)
    if problems:
        raise VocabularyError(problems)
    return Vocabulary(sectors=sectors, terms=terms, categories=categories, not_terms=not_terms)


@dataclass
class _Checked:
    """An entry's identity while the cross-entry rules are checked."""

    label: str
    line: int | None
    slug: str
    forms: list[tuple[str, int | None]]  # simplified name and aliases, with their lines
    not_forms: list[str]  # simplified not-aliases


def _check_entries(
    document: Document, kind: str, key: str, entries: Sequence[_Entry], problems: list[Diagnostic]
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
        item = _Checked(label, document.line(key, index), slug, [], [])
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
        _check_not_aliases(document, key, index, entry, item, problems)
        checked.append(item)
    return checked


def _check_not_aliases(
    document: Document, key: str, index: int, entry: _Entry, item: _Checked, problems: list[Diagnostic]
) -> None:
    """The entry's not-aliases, each a longer word holding one of its own names."""
    own = [form for form, _ in item.forms]
    for n, word in enumerate(entry.not_aliases):
        normal = simplified(word)
        line = document.line(key, index, "not_aliases", n)
        if normal in item.not_forms:
            message = f"{item.label}: not-alias '{word}' is listed twice"
        elif normal in own:
            message = f"{item.label}: not-alias '{word}' is one of its own names; remove it from one of the two lists"
        elif not any(form in normal for form in own):
            message = (
                f"{item.label}: not-alias '{word}' holds none of its names; a not-alias is a longer word that holds"
                " one of the entry's names and does not name it"
            )
        else:
            item.not_forms.append(normal)
            continue
        problems.append(Diagnostic(document.path, line, message, Severity.ERROR))


def _sectors(document: Document, parsed: _SectorsFile, problems: list[Diagnostic]) -> tuple[Sector, ...]:
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
            not_aliases=tuple(item.not_forms),
        )
        for entry, item in zip(parsed.sectors, checked, strict=True)
    )


def _terms(document: Document, parsed: _TermsFile, problems: list[Diagnostic]) -> tuple[Term, ...]:
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
            not_aliases=tuple(item.not_forms),
        )
        for entry, item in zip(parsed.terms, checked, strict=True)
    )


def _not_terms(
    document: Document, parsed: _TermsFile, terms: tuple[Term, ...], problems: list[Diagnostic]
) -> frozenset[str]:
    owners = {simplified(form): term for term in terms for form in term.forms}
    for index, word in enumerate(parsed.not_terms):
        if owner := owners.get(simplified(word)):
            line = document.line("not_terms", index)
            message = f"not_terms: '{word}' names the term '{owner.name}'; remove it from one of the two lists"
            problems.append(Diagnostic(document.path, line, message, Severity.ERROR))
    return frozenset(simplified(word) for word in parsed.not_terms)
