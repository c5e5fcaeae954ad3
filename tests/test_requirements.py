"""Requirements: which sentences require something, of whom, by when; the checklist that merges them.

The sentences are our own, short and invented, one or more per form of ``vocabularies/requirements.yml``,
and as many that contain 要 or 不得 and require nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from speechkb.model import Knowledge, Paragraph, Requirement, SourcedRequirement, TaggedParagraph, Vocabulary
from speechkb.outputs.render import newest_first
from speechkb.outputs.slug import assign_slugs
from speechkb.stages.extract import extract, extract_corpus
from speechkb.stages.parse import parse
from speechkb.stages.readers import read_source
from speechkb.stages.requirements import (
    OTHER,
    REQUIREMENTS_FILE,
    RequirementRules,
    checklist,
    load_requirement_rules,
    paragraph_requirements,
    with_requirements,
)
from speechkb.stages.vocabulary import VocabularyError, load_vocabulary
from tests.conftest import ROOT, TEXT_RULES

VOCABULARIES = ROOT / "vocabularies"
ROAD = "dao-lu-jiao-tong"


@pytest.fixture(scope="module")
def rules() -> RequirementRules:
    return load_requirement_rules(VOCABULARIES)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(VOCABULARIES)


def found(sentence: str, rules: RequirementRules, heading_sector: str = ROAD) -> list[Requirement]:
    """The requirements of one paragraph that stands under a 道路交通 heading."""
    paragraph = TaggedParagraph(Paragraph(sentence, "p-test", 1), (), (heading_sector,), (heading_sector,), (), ())
    return paragraph_requirements(paragraph, rules)


@pytest.mark.parametrize(
    ("sentence", "form", "marker"),
    [
        ("各乡镇要在春节前完成农村道路隐患排查。", "要", "要"),
        ("客运企业一定要落实车辆动态监控。", "要", "一定要"),
        ("县交通运输局必须在6月底前完成危险路段整治。", "必须", "必须"),
        ("严禁客车超员载客。", "严禁", "严禁"),
        ("校车驾驶人不得超速行驶。", "严禁", "不得"),
        ("禁止无牌无证车辆上路行驶。", "严禁", "禁止"),
        ("确保节日期间道路交通安全形势平稳。", "确保", "确保"),
        ("各单位务必在汛期前完成山区公路排查。", "务必", "务必"),
        ("对存在重大隐患的车辆一律停运整改。", "一律", "一律"),
        ("坚决遏制较大道路交通事故发生。", "坚决", "坚决"),
    ],
)
def test_a_sentence_in_each_form_is_a_requirement(
    sentence: str, form: str, marker: str, rules: RequirementRules
) -> None:
    [requirement] = found(sentence, rules)
    assert (requirement.form, requirement.marker, requirement.text) == (form, marker, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "我们要看到，道路交通事故仍在多发。",  # 要看到: an observation
        "事故的主要原因是驾驶人疲劳驾驶。",  # 主要
        "道路交通安全十分重要。",  # 重要
        "这需要各方面共同努力。",  # 需要
        "只要路面干燥，通行就很顺畅。",  # 只要
        "会议纪要已经印发各地。",  # 纪要
        "去年我县客运车辆不得不停运三天。",  # 不得不: had to, not a prohibition
        "春节前后客流明显增加。",  # no marker at all
        "为什么要严查超载？",  # a question asks
    ],
)
def test_sentences_with_yao_that_require_nothing_are_left_out(sentence: str, rules: RequirementRules) -> None:
    assert found(sentence, rules) == []


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("各乡镇要加强农村道路劝导站管理。", "各乡镇"),
        ("县交通运输局要加快危险路段改造。", "县交通运输局"),
        ("企业必须落实安全生产主体责任。", "企业"),
        ("同时，公安、交通等部门要开展联合执法。", "公安、交通等部门"),
        ("县交通运输局在春节前要完成客车安全检查。", "县交通运输局"),
        ("要加强路面巡逻管控。", None),
        ("节日期间的值班工作务必严抓落实。", None),  # 值班工作 is a task, not who does it
    ],
)
def test_the_subject_is_who_the_sentence_names(sentence: str, subject: str | None, rules: RequirementRules) -> None:
    [requirement] = found(sentence, rules)
    assert requirement.subject == subject


def test_a_later_clause_keeps_the_subject_of_its_sentence(rules: RequirementRules) -> None:
    first, second = found("交警部门要严查酒后驾驶；要及时发布恶劣天气路况信息。", rules)
    assert first.subject == second.subject == "交警部门"
    assert second.text == "要及时发布恶劣天气路况信息。"


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("县交通运输局要在6月底前完成危险路段整治。", "6月底前"),
        ("各乡镇要在春节前完成隐患排查。", "春节前"),
        ("各单位务必在汛期前完成山区公路排查。", "汛期前"),
        ("各地要于3月15日之前上报整改清单。", "3月15日之前"),
        ("各地要在“五一”节前开展客运安全检查。", "五一”节前"),
        ("要加强春节前后的客运安全管理。", None),  # 前后 is a period, not a deadline
        ("要加强客运安全管理。", None),
    ],
)
def test_a_stated_deadline_is_kept(sentence: str, deadline: str | None, rules: RequirementRules) -> None:
    [requirement] = found(sentence, rules)
    assert requirement.deadline == deadline


def test_a_reason_before_the_subject_is_not_part_of_the_requirement(rules: RequirementRules) -> None:
    [requirement] = found("随着假期到来，客流量骤增，交通部门要全面梳理道路隐患点。", rules)
    assert requirement.text == "交通部门要全面梳理道路隐患点。"


def speech_tags(tmp_path: Path, name: str, text: str, vocabulary: Vocabulary) -> Knowledge:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    speech = parse(read_source(path), TEXT_RULES)
    return extract_corpus([speech], vocabulary)


def test_a_passage_that_names_a_sector_in_passing_gives_it_only_the_sentences_about_it(
    tmp_path: Path, rules: RequirementRules, vocabulary: Vocabulary
) -> None:
    text = (
        "在全县安全生产会议上的讲话\n\n同志们：\n\n"
        "当前正值汛期，道路交通、建筑施工、森林防火等事故易发。各镇要做好节日值班安排。"
        "交通运输部门要加强危险路段巡查。\n"
    )
    knowledge = with_requirements(speech_tags(tmp_path, "a.txt", text, vocabulary), rules)
    road = [sourced.requirement.text for sourced in knowledge.requirements(ROAD)]
    assert road == ["交通运输部门要加强危险路段巡查。"]


def test_a_paragraph_that_opens_with_one_sector_is_about_it_throughout(
    tmp_path: Path, rules: RequirementRules, vocabulary: Vocabulary
) -> None:
    text = "在全县安全生产会议上的讲话\n\n同志们：\n\n道路交通方面，形势依然严峻。各乡镇要加强劝导站管理。\n"
    knowledge = with_requirements(speech_tags(tmp_path, "b.txt", text, vocabulary), rules)
    [sourced] = knowledge.requirements(ROAD)
    assert sourced.requirement.subject == "各乡镇"


def test_requirements_are_a_function_of_the_tagged_speech(
    tmp_path: Path, rules: RequirementRules, vocabulary: Vocabulary
) -> None:
    path = tmp_path / "c.txt"
    path.write_text("在全县会议上的讲话\n\n道路交通方面，各乡镇要加强管理。\n", encoding="utf-8")
    speech = parse(read_source(path), TEXT_RULES)
    once = with_requirements(extract_corpus([speech], vocabulary), rules)
    again = with_requirements(extract_corpus([speech], vocabulary), rules)
    assert once.speeches[0].requirements == again.speeches[0].requirements
    assert extract(speech, vocabulary) == once.speeches[0].tags


def test_the_checklist_merges_a_requirement_made_in_several_speeches(
    tmp_path: Path, rules: RequirementRules, vocabulary: Vocabulary
) -> None:
    speeches = []
    for year, words in [
        ("2022", "一是各乡镇要加强农村道路劝导站管理。"),
        ("2023", "各乡镇要加强农村道路劝导站管理！"),
        ("2024", "二是各乡镇要加强农村道路劝导站的管理。各乡镇务必在春节前完成客车安全检查。"),
    ]:
        path = tmp_path / f"{year}.txt"
        path.write_text(
            f"在{year}年全县道路交通安全会议上的讲话\n\n道路交通方面，形势严峻。{words}\n", encoding="utf-8"
        )
        (tmp_path / f"{year}.yml").write_text(f'date: "{year}"\n', encoding="utf-8")
        speeches.append(parse(read_source(path), TEXT_RULES))
    speeches = assign_slugs(speeches, [])
    knowledge = with_requirements(extract_corpus(newest_first(speeches), vocabulary), rules)
    groups = checklist(knowledge.requirements(ROAD), vocabulary)
    items = [item for group in groups for item in group.items]
    station = next(item for item in items if "劝导站" in item.requirement.text)
    assert station.speech_count == 3
    assert station.years == "2022–2024"
    assert station.requirement.text == "各乡镇要加强农村道路劝导站的管理。"  # the newest speech's words
    assert [speech.metadata.year for speech, _ in station.sources] == [2024, 2023, 2022]
    check = next(item for item in items if "客车" in item.requirement.text)
    assert (check.speech_count, check.requirement.deadline) == (1, "春节前")


def test_checklist_groups_by_term_then_topic_with_the_rest_last(tmp_path: Path, vocabulary: Vocabulary) -> None:
    (tmp_path / "d.txt").write_text("在会议上的讲话\n\n道路交通方面。\n", encoding="utf-8")
    speech = parse(read_source(tmp_path / "d.txt"), TEXT_RULES)
    made = [
        Requirement("要严格落实一岗双责。", "p-1", "要", "要", "要严格落实一岗双责", terms=("yi-gang-shuang-ze",)),
        Requirement("要加大隐患排查力度。", "p-2", "要", "要", "要加大隐患排查力度", topic="隐患排查整治"),
        Requirement("要保持清醒头脑。", "p-3", "要", "要", "要保持清醒头脑"),
    ]
    groups = checklist([SourcedRequirement(speech, r) for r in made], vocabulary)
    assert [(group.label, group.term) for group in groups] == [
        ("一岗双责", "yi-gang-shuang-ze"),
        ("隐患排查整治", None),
        (OTHER, None),
    ]


# --- requirements.yml is data, checked like the vocabularies -----------------------------------------


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "vocabularies"
    shutil.copytree(VOCABULARIES, folder)
    text = (folder / REQUIREMENTS_FILE).read_text(encoding="utf-8")
    assert old in text
    (folder / REQUIREMENTS_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _line_of(folder: Path, words: str) -> int:
    lines = (folder / REQUIREMENTS_FILE).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if words in line)


@pytest.mark.parametrize(
    ("old", "new", "line_words", "expected"),
    [
        (
            "    markers: [必须]",
            "    markers: [必须, 确保]",
            "markers: [确保]",
            r"form '确保' \(entry 4\): marker '确保' is already a marker of form '必须' \(entry 2\)",
        ),
        ("  - 主要\n", "  - 主要\n  - 安全\n", "  - 安全", r"not_markers: '安全' contains no marker"),
        ("  - 主要\n", "  - 主要\n  - 务必\n", "  - 务必", r"not_markers: '务必' is a marker of form '务必'"),
        (
            "  - name: 坚决\n",
            "  - nam: 坚决\n",
            "nam: 坚决",
            r"form without a name \(entry 7\): key 'nam': unknown key",
        ),
        ("  max_length: 30", "  max_length: lang", "max_length: lang", r"subjects.max_length"),
        (
            "    words: [宣传, 教育, 培训, 警示]",
            "    words: []",
            "words: []",
            r"topic '宣传培训' \(entry 5\): key 'words'",
        ),
    ],
    ids=[
        "marker-in-two-forms",
        "not-marker-without-marker",
        "not-marker-is-marker",
        "unknown-key",
        "bad-length",
        "topic-without-words",
    ],
)
def test_a_mistake_in_requirements_yml_names_file_line_and_entry(
    tmp_path: Path, old: str, new: str, line_words: str, expected: str
) -> None:
    folder = _edited(tmp_path, old, new)
    with pytest.raises(VocabularyError) as raised:
        load_requirement_rules(folder)
    problems = raised.value.diagnostics
    assert any(
        problem.path == folder / REQUIREMENTS_FILE
        and problem.line == _line_of(folder, line_words)
        and re.search(expected, problem.message)
        for problem in problems
    ), "\n".join(map(str, problems))


def test_a_missing_requirements_file_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "vocabularies"
    shutil.copytree(VOCABULARIES, folder)
    (folder / REQUIREMENTS_FILE).unlink()
    with pytest.raises(VocabularyError, match="vocabulary file is missing"):
        load_requirement_rules(folder)
