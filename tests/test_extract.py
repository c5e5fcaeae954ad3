"""Extraction on the seed speeches, stated per speech from reading its text."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from speechkb.build import load_corpus
from speechkb.model import Knowledge, Paragraph, Speech, SpeechTags, Vocabulary
from speechkb.outputs.render import newest_first
from speechkb.stages.extract import extract, extract_corpus, vocabulary_seen
from speechkb.stages.normalize import simplified
from speechkb.stages.parse import parse
from speechkb.stages.readers import read_source
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, SEED_FILES, SEEDS, TEXT_RULES


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(ROOT / "vocabularies")


@pytest.fixture(scope="module")
def knowledge(vocabulary: Vocabulary) -> Knowledge:
    speeches, _, _ = load_corpus(SEEDS, TEXT_RULES)
    return extract_corpus(newest_first(speeches), vocabulary)


def tags_of(knowledge: Knowledge, seed: str) -> tuple[Speech, SpeechTags]:
    tagged = next(t for t in knowledge.speeches if t.speech.source.name == seed)
    return tagged.speech, tagged.tags


def names(vocabulary: Vocabulary, tags: SpeechTags) -> tuple[set[str], set[str]]:
    return {vocabulary.sector(s).name for s in tags.sectors}, {vocabulary.term(t).name for t in tags.terms}


# Per seed, read from its text: sectors and terms it speaks of, and some it does not (substring traps first).
EXPECTED = {
    "000_d16b0cdea3137a11.txt": {
        "sectors": "道路交通 建筑施工 矿山 非煤矿山 危险化学品 烟花爆竹 消防 特种设备 旅游 工贸 人员密集场所 油气管道 城镇燃气"
        " 电力 民用爆炸物品",
        "not_sectors": "煤矿 水上交通 食品药品 农机 森林防火 渔业船舶 铁路 新能源",
        "terms": "三非 三违 四个一律 五落实 四不放过 党政同责 一岗双责 失职追责 三管三必须 挂牌督办 打非治违 联合执法"
        " 安全生产法 防范遏制重特大事故",
        "not_terms": "五到位 一案双查 安全生产月 两客一危 齐抓共管",
    },
    "001_4c94d2ebf477be8b.txt": {
        "sectors": "道路交通 建筑施工 矿山 非煤矿山 危险化学品 消防 森林防火 工贸 特种设备 旅游"
        " 校园安全 医疗卫生机构 养老机构 水利工程 自建房",
        "not_sectors": "煤矿 烟花爆竹 农机 水上交通 食品药品 渔业船舶",
        "terms": "三管三必须 一岗双责 谁主管谁负责 双重预防体系 隐患清零 五到位 两客一危 三合一场所 一案双查 隐患就是事故 三违"
        " 人民至上、生命至上 以案促改 警示教育",
        "not_terms": "三非 四不放过 一票否决 安全生产月 五落实 安全生产法",
    },
    "002_f90a3ee537080354.txt": {
        "sectors": "煤矿 非煤矿山 烟花爆竹 职业健康 道路交通 油气管道 特种设备 危险化学品 建筑施工 消防 民航",
        "not_sectors": "矿山 水上交通 农机 森林防火 旅游",
        "terms": "党政同责 一岗双责 失职追责 三管三必须 两客一危 打非治违 挂牌督办 双重预防体系 安全生产标准化"
        " 安全生产法 防范遏制重特大事故",
        "not_terms": "五到位 四不放过 三非 谁主管谁负责",
    },
    "003_71f0ffce8f42c15d.txt": {
        "sectors": "道路交通 工贸 建筑施工 消防 人员密集场所 特种设备 危险化学品 烟花爆竹 食品药品 森林防火 农机 旅游 城镇燃气"
        " 校园安全 医疗卫生机构 养老机构",
        "not_sectors": "矿山 煤矿 非煤矿山 水上交通",
        "terms": "党政同责 一岗双责 齐抓共管 三管三必须 谁主管谁负责 四不放过 三合一场所 守土有责 第一责任人",
        "not_terms": "五到位 失职追责 两客一危 安全生产法",
    },
    "004_66b770bb223d1e26.txt": {
        "sectors": "非煤矿山 烟花爆竹 危险化学品 消防 道路交通 建筑施工 特种设备 工贸 水上交通 农机 森林防火 食品药品 校园安全",
        "not_sectors": "煤矿 矿山 油气管道",
        "terms": "党政同责 一岗双责 三管三必须 谁主管谁负责 五到位 一票否决 安全生产月 打非治违 全员安全生产责任制",
        "not_terms": "三非 四不放过 齐抓共管 五落实",
    },
}

# Per seed, the definitions it gives of vocabulary terms: (name, form, text).
DEFINITIONS = {
    "000_d16b0cdea3137a11.txt": {
        ("三非", "parenthesis", "非法建设、非法生产、非法经营"),
        ("三违", "parenthesis", "违章指挥、违规作业、违反劳动纪律"),
        ("四个一律", "list", "停产整顿、从重处罚、关闭取缔、严格问责"),
        ("五落实", "list", "整改措施、责任、资金、时限和预案"),
    },
    "001_4c94d2ebf477be8b.txt": {
        ("五到位", "list", "整改措施、责任、资金、时限和预案"),
        ("三合一场所", "parenthesis", "住宿与生产、仓储、经营场所在同一空间"),
        ("五进", "list", "安全生产宣传教育进企业、进学校、进社区、进农村、进家庭"),
    },
    "002_f90a3ee537080354.txt": set(),
    "003_71f0ffce8f42c15d.txt": {
        (
            "四不放过",
            "parenthesis",
            "事故原因未查清不放过、责任人员未受到处理不放过、事故责任人和周围群众没有受到教育不放过、"
            "事故制定的切实可行的整改措施未落实不放过",
        ),
    },
    "004_66b770bb223d1e26.txt": {("五到位", "list", "安全责任、管理、投入、培训和应急救援")},
}


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.name[:3])
def test_sectors_and_terms_of_each_seed(knowledge: Knowledge, vocabulary: Vocabulary, seed: Path) -> None:
    _, tags = tags_of(knowledge, seed.name)
    sectors, terms = names(vocabulary, tags)
    expected = EXPECTED[seed.name]
    assert set(expected["sectors"].split()) <= sectors
    assert not set(expected["not_sectors"].split()) & sectors
    assert set(expected["terms"].split()) <= terms
    assert not set(expected["not_terms"].split()) & terms


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.name[:3])
def test_inline_definitions_of_each_seed_with_their_source(
    knowledge: Knowledge, vocabulary: Vocabulary, seed: Path
) -> None:
    speech, tags = tags_of(knowledge, seed.name)
    found = {(vocabulary.term(d.term).name, d.form, d.text) for d in tags.definitions if d.term}
    assert found == DEFINITIONS[seed.name]
    by_anchor = {paragraph.anchor: paragraph.text for paragraph in speech.paragraphs()}
    for definition in tags.definitions:
        assert definition.text in by_anchor[definition.anchor]


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.name[:3])
def test_every_mention_points_at_its_words_in_the_paragraph(
    knowledge: Knowledge, vocabulary: Vocabulary, seed: Path
) -> None:
    _, tags = tags_of(knowledge, seed.name)
    assert tags.paragraphs
    for tagged in tags.paragraphs:
        for mention in tagged.sector_mentions:
            assert tagged.paragraph.text[mention.start : mention.end] == mention.text
            assert simplified(mention.text) in {simplified(f) for f in vocabulary.sector(mention.slug).forms}
        for mention in tagged.term_mentions:
            assert tagged.paragraph.text[mention.start : mention.end] == mention.text
            assert simplified(mention.text) in {simplified(f) for f in vocabulary.term(mention.slug).forms}


def test_the_same_name_defined_differently_in_two_speeches_keeps_both(knowledge: Knowledge) -> None:
    definitions = knowledge.definitions("wu-dao-wei")
    assert {(speech.source.name, d.text) for speech, d in definitions} == {
        ("001_4c94d2ebf477be8b.txt", "整改措施、责任、资金、时限和预案"),
        ("004_66b770bb223d1e26.txt", "安全责任、管理、投入、培训和应急救援"),
    }
    assert [speech.metadata.date for speech, _ in definitions] == ["2024", "2022"]  # newest first


def test_substring_traps(knowledge: Knowledge, vocabulary: Vocabulary) -> None:
    for tagged in knowledge.speeches:
        for paragraph in tagged.tags.paragraphs:
            for mention in paragraph.sector_mentions:
                before = paragraph.paragraph.text[max(0, mention.start - 1) : mention.end]
                assert not (mention.slug == "mei-kuang" and before.startswith("非煤")), "非煤矿山 is not 煤矿"
    _, tags = tags_of(knowledge, "003_71f0ffce8f42c15d.txt")
    trade = [p for p in tags.paragraphs if p.headings[-1:] and p.headings[-1].text == "（二）抓好工矿商贸领域安全。"]
    assert trade and all(p.sectors == ("gong-mao",) for p in trade), "工矿商贸 is 工贸, not 矿山"


def test_the_longest_name_wins_and_compounds_count_for_each_term(vocabulary: Vocabulary, tmp_path: Path) -> None:
    tags = _extract_text(
        tmp_path,
        vocabulary,
        "同志们：\n"
        "要加强非煤矿山和煤矿安全，林业部门要严防森林火灾，消防部门要严防火灾。\n"
        "按照“党政同责、一岗双责、失职追责”和“管行业必须管安全、管业务必须管安全、管生产经营必须管安全”的要求。\n",
    )
    first, second = tags.paragraphs
    assert [(m.text, vocabulary.sector(m.slug).name) for m in first.sector_mentions] == [
        ("非煤矿山", "非煤矿山"),
        ("煤矿", "煤矿"),
        ("森林火灾", "森林防火"),
        ("消防", "消防"),
        ("火灾", "消防"),
    ]
    assert [vocabulary.term(m.slug).name for m in second.term_mentions] == [
        "党政同责",
        "一岗双责",
        "失职追责",
        "三管三必须",
    ]
    assert second.term_mentions[-1].text == "管行业必须管安全、管业务必须管安全、管生产经营必须管安全"


def test_a_not_alias_stops_its_own_entrys_names_inside_it_and_nothing_else(
    vocabulary: Vocabulary, tmp_path: Path
) -> None:
    """有色 is 工贸 (有色金属冶炼), but in 有色金属矿山 the mine is a 非煤矿山 and 有声有色 is no industry at all."""
    sectors = tuple(
        replace(sector, not_aliases=("有色金属矿山", "有声有色")) if sector.name == "工贸" else sector
        for sector in vocabulary.sectors
    )
    edited = replace(vocabulary, sectors=sectors)
    text = (
        "同志们：\n"
        "各部门要把冶金、有色企业安全检查搞得有声有色，确保不发生事故。\n"
        "自然资源部门要加强有色金属矿山的安全监管，严厉打击非法开采。\n"
        "工信部门要加强有色企业的安全监管，督促企业落实主体责任。\n"
    )
    first, second, third = _extract_text(tmp_path, edited, text).paragraphs
    assert [(m.text, edited.sector(m.slug).name) for m in first.sector_mentions] == [("冶金", "工贸"), ("有色", "工贸")]
    assert [(m.text, edited.sector(m.slug).name) for m in second.sector_mentions] == [("矿山", "矿山")]
    assert [m.text for m in third.sector_mentions] == ["有色"]
    unedited = _extract_text(
        tmp_path, replace(vocabulary, sectors=tuple(replace(sector, not_aliases=()) for sector in sectors)), text
    )
    assert [m.text for m in unedited.paragraphs[1].sector_mentions] == ["有色", "矿山"]


def test_a_section_whose_heading_names_a_sector_belongs_to_it(knowledge: Knowledge, vocabulary: Vocabulary) -> None:
    speech, tags = tags_of(knowledge, "003_71f0ffce8f42c15d.txt")
    road = next(section for section in speech.sections() if section.heading == "（一）抓好道路交通领域安全。")
    anchors = {p.anchor for p in road.children if isinstance(p, Paragraph)}
    tagged = [p for p in tags.paragraphs if p.paragraph.anchor in anchors]
    assert len(tagged) == len(anchors) > 0
    assert all("dao-lu-jiao-tong" in p.sectors_from_headings for p in tagged)
    assert all(p.headings[-1].text == "（一）抓好道路交通领域安全。" for p in tagged)
    assert tagged[0].headings[0].text == "二、突出重点，排查隐患，扎实开展专项活动"

    speech, tags = tags_of(knowledge, "001_4c94d2ebf477be8b.txt")
    tailings = [p for p in tags.paragraphs if p.headings and p.headings[-1].text == "抓好尾矿坝、矿山领域安全。"]
    assert tailings and all({"fei-mei-kuang-shan", "kuang-shan"} <= set(p.sectors_from_headings) for p in tailings)
    unrelated = [p for p in tags.paragraphs if p.headings and p.headings[-1].text == "（一）要抓隐患治理。"]
    assert unrelated and all(not p.sectors_from_headings for p in unrelated)


def test_a_traditional_character_speech_is_tagged_and_shown_as_written(vocabulary: Vocabulary, tmp_path: Path) -> None:
    tags = _extract_text(
        tmp_path,
        vocabulary,
        "同志們：\n"
        "一、抓好煙花爆竹領域安全\n"
        "要嚴格落實“黨政同責、一崗雙責”，深入開展隱患排查治理，非煤礦山企業要落實“五落實”。\n",
    )
    [paragraph] = tags.paragraphs
    assert [(m.text, vocabulary.sector(m.slug).name) for m in paragraph.sector_mentions] == [("非煤礦山", "非煤矿山")]
    assert set(paragraph.sectors_from_headings) == {"yan-hua-bao-zhu"}
    assert [(m.text, vocabulary.term(m.slug).name) for m in paragraph.term_mentions] == [
        ("黨政同責", "党政同责"),
        ("一崗雙責", "一岗双责"),
        ("隱患排查治理", "隐患排查治理"),
        ("五落實", "五落实"),
    ]


def test_a_closing_that_is_all_the_last_part_says_is_tagged_under_its_heading(
    vocabulary: Vocabulary, tmp_path: Path
) -> None:
    tags = _extract_text(
        tmp_path,
        vocabulary,
        "同志们：\n一、认清形势\n要认清形势。\n二、抓好道路交通安全\n同志们，让我们共同努力，守住道路交通安全底线！\n",
    )
    closing = tags.paragraphs[-1]
    assert closing.paragraph.text.startswith("同志们，")
    assert [heading.text for heading in closing.headings] == ["二、抓好道路交通安全"]
    assert "dao-lu-jiao-tong" in closing.sectors_from_headings


def test_candidate_terms_are_quoted_phrases_and_formulas_the_vocabulary_lacks(knowledge: Knowledge) -> None:
    candidates = {candidate.name: candidate for candidate in knowledge.candidates()}
    assert {"五有", "十必谈", "一矿一策", "三个清单", "三个首次", "事前问责", "一人一本、双线归档"} <= set(candidates)
    assert {"三个责任体系", "四项重点工作"} <= set(candidates)  # unquoted, spelt out by a list before them
    # Known terms, compounds of them, dismissed words, quotations and redactions are not candidates.
    assert not {
        "党政同责",
        "五到位",
        "春节",
        "两会",
        "三月三",
        "有",
        "*·**",
        "企业不消灭事故，事故就可能消灭企业",
    } & set(candidates)
    assert not any("四个方面" in name or "六个方面" in name for name in candidates)
    [(speech, definition)] = candidates["五有"].definitions
    assert speech.source.name == "001_4c94d2ebf477be8b.txt" and definition.text.startswith("有科学完善的工作推进机制")
    [(speech, definition)] = candidates["十必谈"].definitions
    assert definition.text.count("、") == 9 and definition.form == "parenthesis"
    [(speech, anchor)] = candidates["一矿一策"].uses
    assert "“一矿一策”" in next(p.text for p in speech.paragraphs() if p.anchor == anchor)


def test_passages_of_a_sector_come_newest_speech_first(knowledge: Knowledge) -> None:
    passages = knowledge.passages(sector="dao-lu-jiao-tong")
    dates = [passage.speech.metadata.date for passage in passages]
    assert dates == sorted(dates, key=lambda date: date or "", reverse=True) and dates[0] == "2024"
    assert all("dao-lu-jiao-tong" in passage.paragraph.sectors for passage in passages)
    assert len({passage.speech.source for passage in passages}) == 5


@pytest.mark.parametrize("sector", [None, "dao-lu-jiao-tong", "wei-xian-hua-xue-pin"])
def test_passages_by_speech_are_the_passages_a_group_per_speech_and_mentions_are_counted(
    knowledge: Knowledge, vocabulary: Vocabulary, sector: str | None
) -> None:
    """What every sector and term page reads: each speech's passages once, in order, whatever it is asked by."""
    for term in [None, *(term.slug for term in vocabulary.terms)] if sector else [t.slug for t in vocabulary.terms]:
        passages = knowledge.passages(sector=sector, term=term)
        groups = knowledge.passages_by_speech(sector=sector, term=term)
        assert [(speech, p) for speech, paragraphs in groups for p in paragraphs] == [
            (passage.speech, passage.paragraph) for passage in passages
        ]
        assert len({speech.slug for speech, _ in groups}) == len(groups) and all(p for _, p in groups)
        if term and not sector:
            named = [m for p in passages for m in p.paragraph.term_mentions if m.slug == term]
            assert knowledge.mention_count(term) == len(named)
            assert all(term in p.paragraph.terms for p in passages)


def _extract_text(tmp_path: Path, vocabulary: Vocabulary, text: str) -> SpeechTags:
    path = tmp_path / "speech.txt"
    path.write_text(text, encoding="utf-8")
    return extract(parse(read_source(path), TEXT_RULES), vocabulary)


# A speech of another form than the seeds: traditional characters, pinyin annotations, a formula, quoted names.
TRADITIONAL = """在全縣安全生產工作會議上的講話
同志們：
一、壓實非煤礦山和道路交通安全責任
各單位要落實“黨政同責、一崗雙責”，強化底線思維，堅持隱(yǐn)患排查治理“零容忍”。
要做到整改措施、責任、資金、時限和預案“五落實”，開展“專家查隱患、企業抓落實”行動。
謝謝大家！
"""


def _vocabulary_edits(rng: random.Random, vocabulary: Vocabulary, text: str) -> Iterator[Vocabulary]:
    """Random edits of ``vocabulary`` of every kind an office makes, half of them naming words of ``text``."""
    invented = ("甲乙丙丁安全", "某某专项行动", "零零七工作法")

    def word() -> str:
        if rng.random() < 0.5:
            start = rng.randrange(len(text) - 6)
            return text[start : start + rng.randrange(2, 6)]
        return rng.choice(invented)

    for _ in range(60):
        terms, sectors = list(vocabulary.terms), list(vocabulary.sectors)
        t, s = rng.randrange(len(terms)), rng.randrange(len(sectors))
        match rng.randrange(8):
            case 0:
                terms[t] = replace(terms[t], aliases=(*terms[t].aliases, word()))
            case 1:
                sectors[s] = replace(sectors[s], aliases=(*sectors[s].aliases, word()))
            case 2:  # an alias taken out, or moved to another term
                donor = next((i for i in rng.sample(range(len(terms)), len(terms)) if terms[i].aliases), t)
                alias = terms[donor].aliases[:1]
                terms[donor] = replace(terms[donor], aliases=terms[donor].aliases[1:])
                if rng.random() < 0.5:
                    terms[t] = replace(terms[t], aliases=(*terms[t].aliases, *alias))
            case 3:
                yield replace(vocabulary, not_terms=vocabulary.not_terms | {word()})
                continue
            case 4:
                terms[t] = replace(terms[t], definition=terms[t].definition + "（修订）")
            case 6:  # a not-alias, often around one of the entry's names
                name = rng.choice(sectors[s].forms)
                sectors[s] = replace(
                    sectors[s], not_aliases=(*sectors[s].not_aliases, rng.choice(("", "某")) + name + word())
                )
            case 7:
                terms[t] = replace(terms[t], not_aliases=(*terms[t].not_aliases, word()))
            case _:
                sectors[s] = replace(sectors[s], description="", parent=None)
        yield replace(vocabulary, terms=tuple(terms), sectors=tuple(sectors))


@pytest.mark.parametrize("form", ["seeds", "traditional"])
def test_a_vocabulary_edit_that_the_speech_does_not_see_leaves_its_tags_as_they_were(
    vocabulary: Vocabulary, knowledge: Knowledge, tmp_path: Path, form: str
) -> None:
    """The property the tags cache stands on (speechkb.machinery.tags_cache): tags depend on the vocabulary only
    through :func:`vocabulary_seen`."""
    if form == "seeds":
        speeches = [tagged.speech for tagged in knowledge.speeches]
    else:
        path = tmp_path / "traditional.txt"
        path.write_text(TRADITIONAL, encoding="utf-8")
        speeches = [parse(read_source(path), TEXT_RULES)]
    rng = random.Random(7)
    unseen = seen_and_changed = 0
    for speech in speeches:
        text = simplified("".join(paragraph.text for paragraph in speech.paragraphs()))
        tags = extract(speech, vocabulary)
        for edited in _vocabulary_edits(rng, vocabulary, text):
            if vocabulary_seen(speech, edited) == vocabulary_seen(speech, vocabulary):
                unseen += 1
                assert extract(speech, edited) == tags
            elif extract(speech, edited) != tags:
                seen_and_changed += 1
    assert unseen > 10 * len(speeches)
    assert seen_and_changed > 3 * len(speeches)


def test_what_a_speech_sees_of_the_vocabulary_is_the_names_in_its_text_with_their_slugs(
    vocabulary: Vocabulary, tmp_path: Path
) -> None:
    path = tmp_path / "traditional.txt"
    path.write_text(TRADITIONAL, encoding="utf-8")
    speech = parse(read_source(path), TEXT_RULES)
    terms = tuple(
        replace(term, not_aliases=("隐患排查治理“零",)) if term.name == "隐患排查治理" else term
        for term in vocabulary.terms
    )
    edited = replace(vocabulary, not_terms=vocabulary.not_terms | {"专家查隐患"}, terms=terms)
    seen = vocabulary_seen(speech, edited)
    assert "term-not-alias 隐患排查治理“零 yin-huan-pai-cha-zhi-li" in seen
    # in the heading, as simplified; in the text, once its pinyin is out; a not-term among the quoted names
    assert {
        "sector 非煤矿山 fei-mei-kuang-shan",
        "term 隐患排查治理 yin-huan-pai-cha-zhi-li",
        "not-term 专家查隐患",
    } <= set(seen)
    assert "sector 煤矿 mei-kuang" in seen  # seen, though the longest name wins when tagging
    assert not any("危险化学品" in name for name in seen)
