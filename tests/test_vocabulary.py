"""The vocabularies as staff edit them: the shipped ones load, and every mistake is named with file, line and entry."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from speechkb.stages.vocabulary import SECTORS_FILE, TERMS_FILE, VocabularyError, load_vocabulary
from tests.conftest import ROOT

VOCABULARIES = ROOT / "vocabularies"

# The sectors and terms the knowledge-base issue asks for at the least.
REQUIRED_SECTORS = [
    "道路交通",
    "水上交通",
    "建筑施工",
    "煤矿",
    "非煤矿山",
    "危险化学品",
    "烟花爆竹",
    "消防",
    "特种设备",
    "城镇燃气",
    "油气管道",
    "工贸",
    "人员密集场所",
    "旅游",
    "森林防火",
    "食品药品",
    "职业健康",
    "农机",
]
REQUIRED_TERMS = [
    "党政同责",
    "一岗双责",
    "失职追责",
    "齐抓共管",
    "三管三必须",
    "谁主管谁负责",
    "四不放过",
    "五落实",
    "五到位",
    "三非",
    "三违",
    "四个一律",
    "双重预防体系",
    "打非治违",
    "一票否决",
    "两客一危",
    "三合一场所",
    "隐患清零",
    "一案双查",
    "挂牌督办",
    "安全生产月",
]


def test_shipped_vocabularies_cover_the_required_sectors_and_terms() -> None:
    vocabulary = load_vocabulary(VOCABULARIES)
    assert set(REQUIRED_SECTORS) <= {sector.name for sector in vocabulary.sectors}
    assert set(REQUIRED_TERMS) <= {term.name for term in vocabulary.terms}
    sector_aliases = {form for sector in vocabulary.sectors for form in sector.forms}
    assert {"危化品", "交通运输", "两客一危", "露天矿山", "采石场", "尾矿库", "尾矿坝", "采空区"} <= sector_aliases
    assert {"工矿商贸", "冶金", "粉尘", "有限空间", "涉氨制冷", "电梯", "起重机械", "火灾"} <= sector_aliases
    three_musts = next(term for term in vocabulary.terms if term.name == "三管三必须")
    assert {"三个必须", "管行业必须管安全、管业务必须管安全、管生产经营必须管安全"} <= set(three_musts.aliases)
    assert "谁主管、谁负责" in next(term for term in vocabulary.terms if term.name == "谁主管谁负责").aliases


def test_slugs_are_ascii_pinyin_and_unique() -> None:
    vocabulary = load_vocabulary(VOCABULARIES)
    for entries in (vocabulary.sectors, vocabulary.terms):
        slugs = [entry.slug for entry in entries]
        assert len(set(slugs)) == len(slugs)
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in slugs)
    assert next(s for s in vocabulary.sectors if s.name == "非煤矿山").slug == "fei-mei-kuang-shan"
    mines = next(s for s in vocabulary.sectors if s.name == "煤矿")
    assert mines.parent == "kuang-shan"


def test_every_term_has_a_known_category_and_a_definition() -> None:
    vocabulary = load_vocabulary(VOCABULARIES)
    assert all(term.category in vocabulary.categories and term.definition for term in vocabulary.terms)


def _edited(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "vocabularies"
    shutil.copytree(VOCABULARIES, folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text, f"the test's anchor text {old!r} is not in {file}"
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _edited_line(folder: Path, file: str) -> int:
    """The first line where the edited copy differs from the shipped file."""
    edited = (folder / file).read_text(encoding="utf-8").splitlines()
    shipped = (VOCABULARIES / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, (old, new) in enumerate(zip(shipped, edited, strict=False), 1) if old != new)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        pytest.param(
            SECTORS_FILE,
            "aliases: [水上运输,",
            "aliases: [客运, 水上运输,",
            r"sector '水上交通' \(entry 2\): '客运' already names sector '道路交通' \(entry 1\)",
            id="duplicate-alias-across-entries",
        ),
        pytest.param(
            SECTORS_FILE,
            "aliases: [农业机械,",
            "aliases: [農業機械, 农业机械,",
            r"sector '农机' .*: '农业机械' is listed twice",
            id="traditional-and-simplified-alias-are-the-same",
        ),
        pytest.param(
            SECTORS_FILE,
            "  - name: 旅游\n",
            "  - name: ' '\n",
            r"sector without a name \(entry 15\): key 'name': empty",
            id="empty-name",
        ),
        pytest.param(
            SECTORS_FILE,
            "slug: lv-you",
            "slug: 旅游",
            r"sector '旅游' .*key 'slug': '旅游' is not a lowercase ASCII pinyin slug",
            id="bad-slug",
        ),
        pytest.param(
            SECTORS_FILE,
            "slug: lv-you",
            "slug: xiao-fang",
            r"sector '旅游' .*slug 'xiao-fang' is already the slug of sector '消防'",
            id="slug-collision",
        ),
        pytest.param(
            SECTORS_FILE,
            "parent: 矿山",
            "parent: 采矿业",
            r"sector '煤矿' .*parent '采矿业' is not a sector",
            id="unknown-parent",
        ),
        pytest.param(
            SECTORS_FILE,
            "    description: 旅游景区",
            "    descripton: 旅游景区",
            r"sector '旅游' .*key 'descripton': unknown key",
            id="misspelt-key",
        ),
        pytest.param(
            TERMS_FILE,
            "    category: 宣传教育\n    definition: 每年六月",
            "    category: 宣传\n    definition: 每年六月",
            r"term '安全生产月' .*category '宣传' is not one of the categories",
            id="unknown-category",
        ),
        pytest.param(
            TERMS_FILE,
            "aliases: [打非]",
            "aliases: [打非, 一岗双责]",
            r"term '打非治违' .*'一岗双责' already names term '一岗双责'",
            id="alias-is-another-terms-name",
        ),
        pytest.param(
            SECTORS_FILE,
            "aliases: [农业机械,",
            "not_aliases: [农田水利]\n    aliases: [农业机械,",
            r"sector '农机' .*not-alias '农田水利' holds none of its names",
            id="not-alias-holds-none-of-the-entrys-names",
        ),
        pytest.param(
            SECTORS_FILE,
            "aliases: [农业机械,",
            "not_aliases: [拖拉机]\n    aliases: [农业机械,",
            r"sector '农机' .*not-alias '拖拉机' is one of its own names",
            id="not-alias-is-the-entrys-own-name",
        ),
        pytest.param(
            TERMS_FILE,
            "aliases: [打非]",
            "aliases: [打非]\n    not_aliases: [打非常规, 打非常規]",
            r"term '打非治违' .*not-alias '打非常規' is listed twice",
            id="not-alias-listed-twice-in-traditional-and-simplified",
        ),
        pytest.param(
            TERMS_FILE,
            "not_terms: [春节,",
            "not_terms: [五到位, 春节,",
            r"not_terms: '五到位' names the term '五到位'",
            id="dismissed-word-is-a-term",
        ),
    ],
)
def test_a_mistake_is_reported_with_file_line_and_entry(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    folder = _edited(tmp_path, file, old, new)
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary(folder)
    [problem] = [problem for problem in raised.value.diagnostics if re.search(expected, problem.message)]
    assert problem.path == folder / file
    assert problem.line == _edited_line(folder, file)
    assert f"{folder / file}:{problem.line}: error: {problem.message}" in str(raised.value)


def test_every_problem_in_both_files_is_reported_at_once(tmp_path: Path) -> None:
    folder = _edited(tmp_path, SECTORS_FILE, "slug: lv-you", "slug: xiao-fang")
    text = (folder / TERMS_FILE).read_text(encoding="utf-8").replace("aliases: [打非]", "aliases: [打非, 三非]")
    (folder / TERMS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary(folder)
    assert {problem.path.name for problem in raised.value.diagnostics} == {SECTORS_FILE, TERMS_FILE}


def test_invalid_yaml_and_a_missing_file_are_reported(tmp_path: Path) -> None:
    folder = _edited(tmp_path, SECTORS_FILE, "  - name: 旅游\n", "  - name: [旅游\n")
    (folder / TERMS_FILE).unlink()
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary(folder)
    messages = {problem.path.name: (problem.line, problem.message) for problem in raised.value.diagnostics}
    assert "invalid YAML" in messages[SECTORS_FILE][1] and messages[SECTORS_FILE][0]
    assert messages[TERMS_FILE] == (None, "vocabulary file is missing")


def test_a_sector_cycle_is_an_error(tmp_path: Path) -> None:
    folder = _edited(tmp_path, SECTORS_FILE, "    slug: kuang-shan\n", "    slug: kuang-shan\n    parent: 煤矿\n")
    with pytest.raises(VocabularyError, match=r"sector '矿山' .*parents form a cycle"):
        load_vocabulary(folder)
