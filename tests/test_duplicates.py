"""A speech an archive holds twice is reported on its second copy, naming the first; both stay on the site, and
each copy's page names the other."""

from __future__ import annotations

import html
from pathlib import Path

from speechkb.build import load_corpus
from speechkb.folders import SPEECHES_DIR
from speechkb.model import Severity
from speechkb.outputs.render import environment, newest_first, render_pages
from speechkb.stages.extract import extract_corpus
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, SEEDS, TEXT_RULES

# One invented speech as the county's site shows it: breadcrumb, 发布时间 line, ASCII punctuation, lines wrapped.
PORTAL_COPY = """首页 > 政务公开 > 领导讲话
在全县2024年安全生产工作会议上的讲话
发布时间:2024-03-05  来源:青岚县应急管理局  字号:大 中 小
同志们:
今天召开全县安全生产工作会议,主要任务是总结2023年工作,部署2024年
重点任务.刚才,**同志通报了有关情况,我都同意.
一、提高认识,压实责任
各乡镇、各部门要坚持党政同责、一岗双责,把安全生产摆在更加突出的位置.
二、聚焦重点,排查隐患
要盯紧道路交通、危险化学品、燃气等重点行业领域,一是开展拉网式排查;二是建立问题清单;三是限期整改销号.
同志们,安全生产责任重于泰山,让我们共同努力,推动全县安全生产形势持续稳定向好!
【打印本页】【关闭窗口】
"""

# The same speech as the office's Word file gave it: byline and date, full-width punctuation, ×× for the name.
WORD_COPY = """在全县2024年安全生产工作会议上的讲话
县长　王某某
（2024年3月5日）
同志们：
今天召开全县安全生产工作会议，主要任务是总结2023年工作，部署2024年重点任务。刚才，××同志通报了有关情况，我都同意。
一、提高认识，压实责任
各乡镇、各部门要坚持党政同责、一岗双责，把安全生产摆在更加突出的位置。
二、聚焦重点，排查隐患
要盯紧道路交通、危险化学品、燃气等重点行业领域，一是开展拉网式排查；二是建立问题清单；三是限期整改销号。
同志们，安全生产责任重于泰山，让我们共同努力，推动全县安全生产形势持续稳定向好！
谢谢大家！
"""


def warnings_of(seeds: Path) -> list[str]:
    _, diagnostics, _ = load_corpus(seeds, TEXT_RULES)
    assert all(diagnostic.severity is not Severity.ERROR for diagnostic in diagnostics)
    return [str(diagnostic) for diagnostic in diagnostics if "the same speech as" in diagnostic.message]


def test_a_speech_saved_from_a_site_and_kept_as_a_word_file_is_reported_once_naming_the_other(tmp_path: Path) -> None:
    (tmp_path / "a-县政府网站.txt").write_text(PORTAL_COPY, encoding="utf-8")
    (tmp_path / "b-县长讲话.txt").write_text(WORD_COPY, encoding="utf-8")
    speeches, _, _ = load_corpus(tmp_path, TEXT_RULES)
    assert len(speeches) == 2  # both on the site: staff say which copy to keep
    (warning,) = warnings_of(tmp_path)
    assert warning.startswith(
        f"{tmp_path / 'b-县长讲话.txt'}:5: warning: the same speech as {tmp_path / 'a-县政府网站.txt'}"
    )
    assert "在全县2024年安全生产工作会议上的讲话" in warning and "remove one" in warning


def test_a_speech_pasted_twice_into_its_file_is_reported_on_its_second_copy(tmp_path: Path) -> None:
    (tmp_path / "讲话.txt").write_text(WORD_COPY + "\n" + WORD_COPY, encoding="utf-8")
    (warning,) = warnings_of(tmp_path)
    assert "the same speech as speech 1 of this file" in warning


def test_speeches_that_differ_in_one_sentence_or_only_share_their_framing_are_no_copies(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(WORD_COPY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(WORD_COPY.replace("限期整改销号", "逐项整改销号"), encoding="utf-8")
    (tmp_path / "c.txt").write_text("在全县会议上的讲话\n同志们：\n谢谢大家！\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("在全县会议上的讲话\n同志们：\n谢谢大家！\n", encoding="utf-8")
    assert warnings_of(tmp_path) == []


def test_the_seed_speeches_are_no_copies_of_each_other() -> None:
    assert warnings_of(SEEDS) == []


def test_each_copy_s_page_names_the_other_file_and_links_its_page(tmp_path: Path) -> None:
    (tmp_path / "a-县政府网站.txt").write_text(PORTAL_COPY, encoding="utf-8")
    (tmp_path / "b-县长讲话.txt").write_text(WORD_COPY, encoding="utf-8")
    (tmp_path / "c-另一篇.txt").write_text(WORD_COPY.replace("限期整改销号", "逐项整改销号"), encoding="utf-8")
    speeches, _, _ = load_corpus(tmp_path, TEXT_RULES)
    knowledge = extract_corpus(newest_first(speeches), load_vocabulary(ROOT / "vocabularies"))
    pages = dict(render_pages(speeches, environment(), knowledge))
    slugs = {speech.source.name: speech.slug for speech in speeches}

    def named(name: str) -> str:
        return html.unescape(pages[f"{SPEECHES_DIR}/{slugs[name]}.md"])  # the file's name as the browser shows it

    assert f'同一讲话的另一份原文：<a href="{slugs["b-县长讲话.txt"]}.md">b-县长讲话.txt</a>（文字相同）' in named(
        "a-县政府网站.txt"
    )
    assert f'同一讲话的另一份原文：<a href="{slugs["a-县政府网站.txt"]}.md">a-县政府网站.txt</a>（文字相同）' in named(
        "b-县长讲话.txt"
    )
    assert "同一讲话的另一份原文" not in named("c-另一篇.txt")
