"""What the shipped vocabularies tag, a paragraph at a time: for entries, an invented sentence that a speech of
recent years could hold and that must be tagged with the entry, and for words that hold a name without meaning
it, a sentence that must not be (the staff browsing a sector or term page would find it there by accident)."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkb.model import Vocabulary
from speechkb.stages.extract import extract
from speechkb.stages.parse import parse
from speechkb.stages.readers import read_source
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, TEXT_RULES
from tests.test_extract import EXPECTED


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(ROOT / "vocabularies")


def tags_of(sentence: str, vocabulary: Vocabulary, tmp_path: Path) -> tuple[set[str], set[str]]:
    """The sectors and terms of the paragraph that ``sentence`` is, in a speech around it."""
    path = tmp_path / "speech.txt"
    path.write_text(f"同志们：\n{sentence}\n谢谢大家！\n", encoding="utf-8")
    speech = parse(read_source(path), TEXT_RULES)
    assert sentence in [paragraph.text for paragraph in speech.paragraphs()], "the sentence is no paragraph"
    tagged = [p for p in extract(speech, vocabulary).paragraphs if p.paragraph.text == sentence]
    sectors = {vocabulary.sector(slug).name for p in tagged for slug in p.sectors}
    terms = {vocabulary.term(slug).name for p in tagged for slug in p.terms}
    return sectors, terms


# (sector, sentence that must be tagged with it)
SECTORS = [
    ("道路交通", "要加强对旅游包车和农村面包车的检查，严查超员超载等违法行为。"),
    ("水上交通", "海事部门要加强水上客运安全监管，严禁渡船超员、冒险航行。"),
    ("特种设备", "要加强对景区客运索道的检验检测，确保节日期间安全运行。"),
    ("消防", "要督促人员密集场所定期维护保养建筑消防设施，确保完好有效。"),
    ("工贸", "要加强对冶金、有色企业高温熔融金属作业的安全检查。"),
    ("食品药品", "市场监管部门要加强食品安全检查，对农村集体聚餐实行报备管理。"),
    ("食品药品", "要加强药品监管，严厉打击制售假劣药品的违法行为。"),
    ("自然灾害", "主汛期即将到来，要加强地质灾害隐患点的巡查监测。"),
    ("城市运行", "住建部门要加强对桥梁隧道、地下管廊和玻璃幕墙的安全排查。"),
    ("公共设施", "要加强公园、广场等公共设施设备的用电安全检查。"),
    ("自然灾害", "要加强对山洪灾害危险区的巡查，遇强降雨及时转移群众。"),
    ("森林防火", "清明节前后上坟烧纸等野外用火增多，要严防森林草原火灾。"),
    ("道路交通", "要推进农村公路安全生命防护工程建设，加强农村道路交通安全劝导。"),
    ("危险化学品", "要深化化工园区安全整治提升，推进园区封闭化管理。"),
    ("城镇燃气", "要加强瓶装液化石油气充装、配送、使用全链条监管。"),
    ("消防", "要对出租屋、小作坊等“九小场所”和群租房开展消防检查。"),
    ("人员密集场所", "国庆期间举办的大型活动要严格落实安全保障方案。"),
    ("旅游", "市文旅局要对全市A级景区开展一次安全检查。"),
    ("职业健康", "要加强粉尘作业场所监测，预防尘肺病等职业病。"),
    ("校园安全", "开学前，教育部门要对中小学、幼儿园的校舍和校车开展全面检查。"),
    ("校园安全", "暑假期间要加强学生防溺水教育，在危险水域设置警示标志。"),
    ("医疗卫生机构", "卫生健康部门要加强对医院、医疗机构的消防安全检查。"),
    ("养老机构", "民政部门要对养老院、敬老院、福利院开展消防安全检查。"),
    ("电动自行车", "要严禁电动自行车进楼入户、飞线充电，加快建设集中充电设施。"),
    ("自建房", "要深入开展农村自建房安全专项整治，对经营性自建房逐栋排查鉴定。"),
    ("渔业船舶", "要加强渔船和渔港安全管理，台风来临前确保渔船全部回港避风。"),
    ("渔业船舶", "要加强渔业船舶检验，严禁不适航的船舶出海作业。"),
    ("电力", "供电企业要加强电网和电力设施巡查，保障迎峰度夏期间安全运行。"),
    ("水利工程", "每座水库都要落实行政、技术、巡查责任人，病险水库一律空库运行。"),
    ("水利工程", "要加强对小水电站、山塘和堤防的安全检查。"),
    ("民用爆炸物品", "要严格民爆物品领取、使用、清退管理，规范爆破作业。"),
    ("铁路", "要加强铁路沿线安全环境整治，排查高铁沿线彩钢瓦、塑料大棚等隐患。"),
    ("民航", "要加强机场和通用航空安全管理，确保民航运输安全。"),
    ("新能源", "要加强储能电站和锂电池生产企业的安全监管。"),
]

# (sector, sentence that must not be tagged with it): a name inside a word that means something else
NOT_SECTORS = [
    ("旅游", "要加强对旅游包车和农村面包车的检查，严查超员超载等违法行为。"),
    ("旅游", "要深入开展包车（旅游）客运安全风险隐患排查治理，严查挂靠经营。"),
    ("道路交通", "要加强对景区客运索道的检验检测，确保节日期间安全运行。"),
    ("道路交通", "海事部门要加强水上客运安全监管，严禁渡船超员、冒险航行。"),
    ("建筑施工", "要督促人员密集场所定期维护保养建筑消防设施，确保完好有效。"),
    ("工贸", "各乡镇要把安全宣传活动开展得有声有色，营造浓厚氛围。"),
    ("食品药品", "镇卫生院准备好药品，派出所安排警力配合转移群众。"),
    ("食品药品", "各乡镇要备足食品、饮用水和救生衣等防汛物资。"),
    ("校园安全", "要深入开展安全宣传进企业、进农村、进社区、进学校、进家庭活动。"),
    ("城市运行", "要深入开展农村自建房安全专项整治，对经营性自建房逐栋排查鉴定。"),
    ("自然灾害", "每座水库都要落实行政、技术、巡查责任人，病险水库一律空库运行。"),
    ("水上交通", "要加强渔业船舶检验，严禁不适航的渔船出海作业。"),
    ("道路交通", "要加强铁路客运站周边安全管理，严防发生拥挤踩踏。"),
]

# (term, sentence that must be tagged with it)
TERMS = [
    ("主体责任", "各类生产经营单位要切实落实安全生产主体责任，做到安全投入到位。"),
    ("监管责任", "行业主管部门要严格履行监管责任，做到管行业、管业务同时管安全。"),
    ("领导责任", "各乡镇党委政府要切实扛起安全生产领导责任，定期研究部署安全工作。"),
    ("属地管理", "各乡镇要按照属地管理原则，对辖区内企业逐一开展排查。"),
    ("安全生产责任制", "要层层签订目标责任书，把安全生产责任制落实到每个岗位。"),
    ("责任追究", "对瞒报谎报事故的，要依法依规严肃责任追究，绝不姑息。"),
    ("科学严谨、依法依规、实事求是、注重实效", "事故调查要坚持科学严谨、依法依规、实事求是、注重实效的原则。"),
    ("风险分级管控", "企业要全面开展风险辨识评估，落实风险分级管控措施。"),
    ("隐患排查治理", "要建立健全隐患排查治理制度，对查出的问题逐项整改销号。"),
    ("安全生产大检查", "今年要在全县范围内开展一次安全生产大检查，做到全覆盖、无死角。"),
    ("领导带班", "节日期间要严格落实领导干部带班制度，确保信息畅通。"),
    ("应急值守", "各单位要严格执行24小时值班值守制度，遇有突发情况及时报告。"),
    ("应急预案", "各企业要结合实际修订完善应急预案，明确处置流程和责任人员。"),
    ("应急演练", "汛期前每个乡镇至少组织一次应急演练，提高群众避险能力。"),
    ("五进", "要深入开展安全宣传“五进”活动，提高群众安全意识。"),
    ("红线意识", "发展决不能以牺牲人的生命为代价，这是一条不可逾越的红线。"),
    ("底线思维", "各级领导干部要增强底线思维，把困难估计得更充分一些。"),
    ("安全发展", "要牢固树立安全发展理念，决不能以牺牲安全为代价换取发展。"),
    ("本质安全", "要推进机械化换人、自动化减人，提升企业本质安全水平。"),
    ("安全就是发展", "要树立安全就是发展的理念，把安全生产纳入经济社会发展全局。"),
    ("安全就是效益", "企业负责人要牢记安全就是效益，舍得在安全上投入。"),
    ("关口前移", "要坚持关口前移，把隐患消除在萌芽状态。"),
    ("隐患排查治理", "各乡镇要立即组织开展安全隐患大排查，不留死角。"),
    ("隐患排查治理", "要深入开展安全风险隐患排查整治，做到全覆盖、无死角。"),
    ("隐患清零", "要对排查出的重大隐患挂账督办，确保隐患动态清零。"),
    ("三管三必须", "各部门要做到管业务必须管安全、管生产经营必须管安全。"),
    ("人民至上、生命至上", "各级各部门要始终坚持人民至上、生命至上，把安全生产摆在突出位置。"),
    ("人民至上、生命至上", "要把“两个至上”落实到安全生产工作的各方面。"),
    ("统筹发展和安全", "要统筹好发展和安全两件大事，决不能以牺牲安全为代价换取发展。"),
    ("安全第一、预防为主、综合治理", "要坚持安全第一、预防为主、综合治理的方针，以防范化解风险为主线。"),
    ("向事前预防转型", "要推动安全生产治理模式向事前预防转型，把问题解决在萌芽之时。"),
    ("第一责任人", "企业主要负责人是本单位安全生产第一责任人，要亲自抓、负总责。"),
    ("全员安全生产责任制", "各类生产经营单位要建立健全全员安全生产责任制，做到责任到岗到人。"),
    ("安全生产十五条措施", "要认真落实国务院安委会安全生产十五条措施，把责任压实到每一个环节。"),
    ("安全生产十五条措施", "各地要对照“十五条硬措施”逐条抓好落实。"),
    ("防范遏制重特大事故", "各地要严密防范各类风险，坚决防范遏制重特大事故发生。"),
    ("防范化解重大风险", "要以更加扎实的工作作风，全力防范化解重大安全风险。"),
    ("安全生产专项整治三年行动", "去年我县深入开展安全生产专项整治三年行动，累计整改隐患四千余条。"),
    ("两个根本", "要深化专项整治，推动从根本上消除事故隐患、从根本上解决问题。"),
    ("重大事故隐患专项排查整治", "要深化重大事故隐患专项排查整治，对排查出的隐患建立台账。"),
    ("安全生产治本攻坚三年行动", "要深入推进安全生产治本攻坚三年行动，聚焦重点行业领域。"),
    ("安全生产治本攻坚三年行动", "治本攻坚是一项系统工程，必须久久为功。"),
    ("一件事全链条", "要把电动自行车安全作为“一件事”全链条推进整治。"),
    ("一件事全链条", "要加强瓶装液化石油气充装、配送、使用全链条监管。"),
    ("除险保安", "各地要在国庆节前集中开展安全生产除险保安专项行动。"),
    ("四不两直", "县安委会要组成督导组，采取“四不两直”方式开展明查暗访。"),
    ("双随机、一公开", "要全面推行“双随机、一公开”监管，提高监督检查覆盖面。"),
    ("安全生产考核巡查", "要健全安全生产考核巡查制度，把考核结果纳入综合绩效考核。"),
    ("警示教育", "要组织企业负责人观看事故警示教育片，用身边事教育身边人。"),
    ("以案促改", "各地各部门要以案为鉴、以案促改，切实消除同类隐患。"),
    ("大安全大应急框架", "要加快建立大安全大应急框架，完善公共安全体系。"),
    ("两个坚持、三个转变", "要深入贯彻“两个坚持、三个转变”防灾减灾救灾理念。"),
    ("安全生产法", "要认真贯彻落实新《安全生产法》，依法落实企业主体责任。"),
    ("安全生产法", "县广播电视台开设专栏，解读新安法内容。"),
    ("重大事故隐患判定标准", "生产经营单位要对照重大事故隐患判定标准开展自查自改。"),
]

# (term, sentence that must not be tagged with it)
NOT_TERMS = [
    ("红线意识", "要严守生态保护红线和耕地红线，严禁违规占用耕地。"),
    ("安全生产法", "要严格落实安全生产法律法规和各项规章制度，严防违章作业。"),
    ("安全生产法", "要着力提高安全生产法治化水平，增强全社会安全生产法制意识。"),
    ("安全生产责任制", "各类生产经营单位要建立健全全员安全生产责任制，做到责任到岗到人。"),
]


@pytest.mark.parametrize(("sector", "sentence"), SECTORS, ids=[f"{s}-{n}" for n, (s, _) in enumerate(SECTORS)])
def test_a_sentence_naming_a_sector_is_tagged_with_it(
    vocabulary: Vocabulary, tmp_path: Path, sector: str, sentence: str
) -> None:
    sectors, _ = tags_of(sentence, vocabulary, tmp_path)
    assert sector in sectors


@pytest.mark.parametrize(
    ("sector", "sentence"), NOT_SECTORS, ids=[f"not-{s}-{n}" for n, (s, _) in enumerate(NOT_SECTORS)]
)
def test_a_word_that_only_holds_a_sectors_name_does_not_tag_it(
    vocabulary: Vocabulary, tmp_path: Path, sector: str, sentence: str
) -> None:
    sectors, _ = tags_of(sentence, vocabulary, tmp_path)
    assert sector not in sectors


@pytest.mark.parametrize(("term", "sentence"), TERMS, ids=[f"{t}-{n}" for n, (t, _) in enumerate(TERMS)])
def test_a_sentence_naming_a_term_is_tagged_with_it(
    vocabulary: Vocabulary, tmp_path: Path, term: str, sentence: str
) -> None:
    _, terms = tags_of(sentence, vocabulary, tmp_path)
    assert term in terms


@pytest.mark.parametrize(("term", "sentence"), NOT_TERMS, ids=[f"not-{t}-{n}" for n, (t, _) in enumerate(NOT_TERMS)])
def test_a_word_that_only_holds_a_terms_name_does_not_tag_it(
    vocabulary: Vocabulary, tmp_path: Path, term: str, sentence: str
) -> None:
    _, terms = tags_of(sentence, vocabulary, tmp_path)
    assert term not in terms


def test_every_sector_and_term_has_a_sentence_that_tags_it(vocabulary: Vocabulary) -> None:
    """An entry comes with its sentence here, unless the seeds' expectations already name it."""
    seeds_sectors = {name for expected in EXPECTED.values() for name in expected["sectors"].split()}
    seeds_terms = {name for expected in EXPECTED.values() for name in expected["terms"].split()}
    assert {sector.name for sector in vocabulary.sectors} <= {sector for sector, _ in SECTORS} | seeds_sectors
    assert {term.name for term in vocabulary.terms} <= {term for term, _ in TERMS} | seeds_terms
