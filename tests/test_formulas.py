"""Formulas the speeches coin: definitions after a name, pages for defined candidates, forms of one formula."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from speechkb.model import Knowledge, TaggedSpeech, Term, Vocabulary
from speechkb.stages.extract import extract
from speechkb.stages.formulas import defined_formulas, family_key, formula_families
from speechkb.stages.parse import parse
from speechkb.stages.readers import read_source
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, TEXT_RULES

# Invented speeches: a formula defined after its name, in the ways speeches do it.
DEFINED_AFTER = """在全镇安全生产工作会议上的讲话

同志们：

一、压实企业责任

推行“七必谈”：一谈红线，二谈底线，三谈投入，四谈培训，五谈隐患，六谈演练，七谈文化。各企业要逐条对照。

园区要达到“四有”即有机制、有清单、有平台、有制度。年底前全面验收。

落实“双签字”，即班组长和安全员同时签字确认。

强调“三个到场”：这是一条硬杠杠。

会上提出“两张清单”，下一步还要细化三张清单。

谢谢大家！
"""


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(ROOT / "vocabularies")


def _knowledge(tmp_path: Path, vocabulary: Vocabulary, text: str, title: str = "speech") -> Knowledge:
    path = tmp_path / f"{title}.txt"
    path.write_text(text, encoding="utf-8")
    speech = parse(read_source(path), TEXT_RULES)
    return Knowledge(vocabulary, (TaggedSpeech(speech, extract(speech, vocabulary)),))


def test_a_formula_is_defined_by_what_follows_it_after_a_colon_or_a_defining_word(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    knowledge = _knowledge(tmp_path, vocabulary, DEFINED_AFTER)
    defined = {c.name: c.definitions[0][1] for c in knowledge.candidates() if c.definitions}
    assert defined["七必谈"].text == "一谈红线，二谈底线，三谈投入，四谈培训，五谈隐患，六谈演练，七谈文化"
    assert defined["四有"].text == "有机制、有清单、有平台、有制度"
    assert defined["双签字"].text == "班组长和安全员同时签字确认"
    assert {d.form for d in defined.values()} == {"following"}
    # a colon before a remark, not a list of three: a candidate without a definition
    assert "三个到场" in {c.name for c in knowledge.candidates()} and "三个到场" not in defined


def test_defined_candidates_get_pages_the_others_do_not(tmp_path: Path, vocabulary: Vocabulary) -> None:
    knowledge = _knowledge(tmp_path, vocabulary, DEFINED_AFTER)
    formulas = {formula.name: formula for formula in defined_formulas(knowledge)}
    assert set(formulas) == {"七必谈", "四有", "双签字"}
    assert formulas["七必谈"].slug == "qi-bi-tan"
    taken = {term.slug for term in vocabulary.terms}
    assert not taken & {formula.slug for formula in formulas.values()}


def test_a_formula_whose_address_a_term_has_gets_another(tmp_path: Path, vocabulary: Vocabulary) -> None:
    term = vocabulary.terms[0]
    text = DEFINED_AFTER.replace("“双签字”", f"“{term.name}X”").replace("双签字", f"{term.name}X")
    knowledge = _knowledge(tmp_path, vocabulary, text)
    slugs = [formula.slug for formula in defined_formulas(knowledge)]
    assert len(slugs) == len(set(slugs)) and term.slug not in slugs


def test_forms_of_one_number_formula_are_one_family_other_numbers_and_compounds_are_not() -> None:
    assert family_key("三个清单") == family_key("三项清单") == family_key("三清单")
    assert family_key("三个清单") != family_key("四个清单")
    assert family_key("两张清单") == family_key("二张清单") == family_key("二个清单")
    assert family_key("三个覆盖、三个延伸") == "三个覆盖、三个延伸"
    assert family_key("三个覆盖、三个延伸") != family_key("三个覆盖")


def test_the_candidate_families_count_every_form(tmp_path: Path, vocabulary: Vocabulary) -> None:
    text = DEFINED_AFTER.replace("细化三张清单。", "细化“三张清单”和“三个清单”，做到“三个清单”全覆盖。")
    knowledge = _knowledge(tmp_path, vocabulary, text)
    families = {family.name: family for family in formula_families(knowledge.candidates())}
    [three] = [family for family in families.values() if {f.name for f in family.forms} == {"三张清单", "三个清单"}]
    assert three.name == "三个清单" and three.use_count == 3 and three.speech_count == 1
    assert "两张清单" in families and "两张清单" not in {f.name for f in three.forms}


def test_a_term_named_in_the_title_tags_the_speech(tmp_path: Path, vocabulary: Vocabulary) -> None:
    term = next(term for term in vocabulary.terms if term.name == "党政同责")
    text = f"在全县{term.name}工作推进会上的讲话\n\n同志们：\n\n今天召开会议，部署下一阶段工作。\n\n谢谢大家！\n"
    knowledge = _knowledge(tmp_path, vocabulary, text)
    [tagged] = knowledge.speeches
    assert tagged.tags.title_terms == (term.slug,) and tagged.tags.terms[0] == term.slug


def test_a_formula_promoted_to_a_term_or_dismissed_has_no_formula_page(tmp_path: Path, vocabulary: Vocabulary) -> None:
    dismissed = replace(vocabulary, not_terms=vocabulary.not_terms | {"七必谈"})
    assert "七必谈" not in {f.name for f in defined_formulas(_knowledge(tmp_path, dismissed, DEFINED_AFTER))}
    promoted_term = Term("七必谈", "qi-bi-tan", vocabulary.categories[0], "七个必谈的方面。")
    promoted = replace(vocabulary, terms=(*vocabulary.terms, promoted_term))
    knowledge = _knowledge(tmp_path, promoted, DEFINED_AFTER)
    assert "七必谈" not in {f.name for f in defined_formulas(knowledge)}
    [(_, definition)] = knowledge.definitions("qi-bi-tan")  # the speech's definition is now the term's
    assert definition.text.startswith("一谈红线") and definition.form == "following"
