"""Formulas the speeches coin: candidate terms a speech defines, and the forms of one number formula.

Extraction (:mod:`speechkb.stages.extract`) finds candidate terms, quoted phrases and number formulas the
vocabulary does not know, and the definitions speeches give of them. Two views of them help the staff who
review candidates:

- A candidate that a speech defines (``“十必谈”（一谈……）``, ``“五有”即……``, ``“十必谈”：一谈……；二谈……``, items listed
  before ``“五落实”``) is a
  formula the archive itself explains: it is a :class:`DefinedFormula`, with a page like a vocabulary term's,
  marked 待审定 until staff promote it to ``terms.yml`` (it is then a term, and no longer a candidate) or
  dismiss it in ``not_terms`` (then it is no candidate at all). A candidate no speech defines stays on the
  candidate page only.
- Forms of one number formula (:class:`FormulaFamily`): 三个清单, 三项清单 and 三清单 count the same things with
  another measure word, or none, and are grouped, so that a reviewer promotes or dismisses them in one step;
  三个清单 and 四个清单 count different things and stay apart; a compound such as 三个覆盖、三个延伸 is one
  phrase, never cut into its parts. The grouping is grammar (a numeral, a measure word), not vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, count

from speechkb.model import Candidate, Definition, DefinitionForm, Knowledge, Speech
from speechkb.outputs.slug import RESERVED_SLUGS, pinyin_slug
from speechkb.stages.numbering import cn_number

# A number formula: a numeral, an optional measure word, and what is counted (三个清单, 五有, 十必谈).
_NUMBER_FORMULA = re.compile(r"^([一二三四五六七八九十两百]+)[个项大张条种类]?([\u4e00-\u9fff]+)$")
# What introduces a definition after a name: 即, 是指 … (then anything may follow), or a colon (then only
# items as many as the formula's number says: a colon also introduces remarks).
_FOLLOWING = re.compile(r"[，,]?(?:(即|也就是|就是|是指|指的是)[：:]?|[：:])")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_LEADING_NUMBER = re.compile(r"^[一二三四五六七八九十两百]+")
_ITEM_BREAKS = (re.compile(r"[；;]"), re.compile(r"、"), re.compile(r"[，,]"))
_FOLLOWING_MAX = 400  # characters: a longer "definition" is the rest of a paragraph, not a definition
# Pages of the terms folder that are not terms: a formula's page must not take their addresses.
_TERMS_FOLDER_PAGES = frozenset({"candidates"})


@dataclass(frozen=True)
class DefinedFormula:
    """A candidate term that at least one speech defines; its page lives at ``terms/SLUG.md``."""

    candidate: Candidate
    slug: str

    @property
    def name(self) -> str:
        return self.candidate.name

    @property
    def definitions(self) -> tuple[tuple[Speech, Definition], ...]:
        return self.candidate.definitions


@dataclass(frozen=True)
class FormulaFamily:
    """Candidates that are forms of one formula, the most used first; most families have one form."""

    forms: tuple[Candidate, ...]

    @property
    def name(self) -> str:
        return self.forms[0].name

    @property
    def speech_count(self) -> int:
        return len({speech.identity for form in self.forms for speech, _ in form.uses})

    @property
    def use_count(self) -> int:
        return sum(len(form.uses) for form in self.forms)


def defined_formulas(knowledge: Knowledge) -> tuple[DefinedFormula, ...]:
    """The candidate terms some speech defines, each with a page address no term or other page has."""
    taken = {term.slug for term in knowledge.vocabulary.terms} | RESERVED_SLUGS | _TERMS_FOLDER_PAGES
    formulas: list[DefinedFormula] = []
    for candidate in knowledge.candidates():
        if not candidate.definitions:
            continue
        base = pinyin_slug(candidate.name)
        slug = next(s for s in chain([base], (f"{base}-{n}" for n in count(2))) if s not in taken)
        taken.add(slug)
        formulas.append(DefinedFormula(candidate, slug))
    return tuple(formulas)


def formula_families(candidates: Sequence[Candidate]) -> list[FormulaFamily]:
    """``candidates`` grouped into the forms of one formula, in the order of each family's first form."""
    families: dict[object, list[Candidate]] = {}
    for candidate in candidates:
        families.setdefault(family_key(candidate.name), []).append(candidate)
    return [FormulaFamily(tuple(forms)) for forms in families.values()]


def family_key(name: str) -> object:
    """What makes two names forms of one formula: the number and what is counted, for a number formula
    (三个清单 and 三项清单: ``(3, "清单")``); the name itself otherwise."""
    match = _NUMBER_FORMULA.match(name)
    if match is None:
        return name
    return cn_number(match.group(1).replace("两", "二")), match.group(2)


def formula_slugs(formulas: Iterable[DefinedFormula]) -> dict[str, str]:
    """Candidate name → the address of its page, for the candidates that have one."""
    return {formula.name: formula.slug for formula in formulas}


def following_definition(original: str, text: str, name: str, after: int) -> tuple[str, DefinitionForm] | None:
    """The definition that follows ``name`` where it ends, at ``text[after]``: ``“五有”即……``, ``“十必谈”：一谈……``.

    ``text`` is ``original`` simplified (the same length); the definition runs to the end of the sentence.
    A number formula's definition must list as many items as its number says (一谈……；二谈……), whatever
    separates them; a name that counts nothing is only defined by a word that says so (即, 是指).
    """
    opener = _FOLLOWING.match(text, after)
    if opener is None:
        return None
    start = opener.end()
    sentence_end = _SENTENCE_END.search(text, start)
    end = sentence_end.start() if sentence_end else len(text)
    body = text[start:end]
    if not body or len(body) > _FOLLOWING_MAX:
        return None
    number = _LEADING_NUMBER.match(name)
    if number:
        count = cn_number(number.group().replace("两", "二"))
        if not any(len([item for item in breaks.split(body) if item]) == count for breaks in _ITEM_BREAKS):
            return None
    elif opener.group(1) is None:
        return None
    return original[start:end], "following"
