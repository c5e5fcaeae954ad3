"""Every generated page reads as a page: no Markdown, attribute list or template syntax shown as text.

The check itself is in tests/rendering.py; tests/test_bad_inputs.py runs it on the bad-input corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkb.build import build
from speechkb.folders import TEMPLATES_DIR
from speechkb.model import Knowledge, Metadata, Paragraph, Section, Speech, Vocabulary
from tests.conftest import SEEDS, BuiltSite, copy_project
from tests.rendering import Leak, SpeechText, leaks, page_leaks

NO_SPEECHES = SpeechText.of([])


def kinds(found: list[Leak]) -> set[str]:
    return {leak.kind for leak in found}


def test_no_page_of_the_seed_site_shows_markdown_as_text(seed_site: BuiltSite) -> None:
    knowledge = seed_site.result.knowledge
    speech_text = SpeechText.of([tagged.speech for tagged in knowledge.speeches], knowledge)
    assert [str(leak) for leak in leaks(seed_site.site, speech_text)] == []


# The defects of issue 18, put back into a project's own templates (which take precedence over speechkb's):
# a `{% endif %}` that swallows the line break after it. The check must find both.
DEFECTS = {
    "overview.md.j2": ("级{% endif +%}\n{% endfor %}", "级{% endif %}\n{% endfor %}"),
    "briefing.md.j2": ("生成 PDF。{% endif +%}\n\n| 年份", "生成 PDF。{% endif %}\n\n| 年份"),
    # And an attribute list that lost its paragraph: a blank line before it.
    "sector.md.j2": (
        "{{ sector.description | md }}\n{: .kb-description }",
        "{{ sector.description | md }}\n\n{: .kb-description }",
    ),
}


@pytest.mark.site
def test_the_check_finds_the_defects_it_was_made_for(tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    templates = tmp_path / TEMPLATES_DIR
    templates.mkdir()
    package = Path(__file__).resolve().parent.parent / "speechkb" / "templates"
    for name, (fixed, broken) in DEFECTS.items():
        text = (package / name).read_text(encoding="utf-8")
        assert fixed in text, f"{name} changed: update DEFECTS"
        (templates / name).write_text(text.replace(fixed, broken), encoding="utf-8")
    result = build(SEEDS, tmp_path / "site", config)
    knowledge = result.knowledge
    found = leaks(tmp_path / "site", SpeechText.of([tagged.speech for tagged in knowledge.speeches], knowledge))
    by_page = {(leak.page, leak.kind) for leak in found}
    assert ("index.html", "list marker") in by_page
    assert ("briefings/dao-lu-jiao-tong/index.html", "table row") in by_page
    assert ("sectors/dao-lu-jiao-tong/index.html", "attribute list") in by_page
    run_in = next(leak for leak in found if leak.page == "index.html")
    assert "县级- □ · 2022年秋" in run_in.text  # the next speech's title, masked, run into the line


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ("<p>最新讲话：\n- 在全县会议上的讲话</p>", "list marker"),
        ("<ul><li>讲话一 · 县级- 讲话二 · 市级</li></ul>", "list marker"),
        ("<p>共 5 篇。\n| 年份 | 讲话 |\n| --- | ---: |</p>", "table row"),
        ("<p>收录 5 篇\n{: .briefing-facts }</p>", "attribute list"),
        ("<h2>概要 { #summary }</h2>", "attribute list"),
        ("<p>见[领域页面](../sectors/a.md)</p>", "Markdown link"),
        ("<p>## 目录</p>", "heading hashes"),
        ("<p>共 {{ speeches | length }} 篇</p>", "template syntax"),
        ("<p>{% if pdf %}下载{% endif %}</p>", "template syntax"),
        ("<p>**5** 篇讲话</p>", "emphasis markers"),
        ('<p>&lt;p class="kb-tags"&gt;行业领域</p>', "HTML tag"),
        ('<p>--8&lt;-- "overview.md"</p>', "snippet marker"),
    ],
)
def test_each_kind_of_leak_is_found_in_template_text(html: str, kind: str) -> None:
    assert kinds(page_leaks(f"<html><body><article>{html}</article></body></html>", "page", NO_SPEECHES)) == {kind}


def test_a_page_that_reads_well_has_no_leak() -> None:
    html = (
        "<article><h1>道路交通</h1><p>讲话范围：2022—2024年<br>收录：5 篇讲话</p>"
        "<ul><li><a href='a/'>讲话一</a> · 2024年春 · 县级</li><li>讲话二 · 市级</li></ul>"
        "<table><tr><th>年份</th></tr><tr><td>2024年</td></tr></table>"
        "<p>原稿中以 <code>*</code>、<code>**</code> 隐去的数字</p>"
        "<h2 id='_1'>404 - Not found<a class='headerlink' href='#_1'>¶</a></h2></article>"
    )
    assert page_leaks(html, "page", NO_SPEECHES) == []


HOSTILE = "| --- | {{ 7*7 }} [点我](javascript:x) {: .evil } **月**日"


def test_what_a_speech_says_is_shown_as_written_and_not_a_leak() -> None:
    paragraph = Paragraph(text=f"# 不是标题 {HOSTILE}", anchor="p-1", line=3)
    speech = Speech(
        source=Path("a.txt"),
        slug="a",
        title="{{ 标题 }}",
        title_origin="text",
        metadata=Metadata(place="**某县**", meeting="[会议](x)"),
        body=(Section(level=2, heading="## 一、{% 部分 %}", anchor="s1", line=2, children=(paragraph,)),),
    )
    speech_text = SpeechText.of([speech], Knowledge(Vocabulary()))
    heading = "## 一、{% 部分 %}"
    html = (
        f"<article><h1>{{{{ 标题 }}}}</h1><p>2024年 · **某县** · [会议](x)</p>"
        f"<h2 id='s1'>{heading}</h2><p id='p-1' data-line='3'>{paragraph.text}</p>"
        f"<ul class='kb-passages'><li><span class='kb-where'>{heading}</span><br>"
        f"<span class='kb-excerpt'>…{HOSTILE}</span> <a>原文</a></li></ul>"
        f"<blockquote><p>{paragraph.text}</p></blockquote>"
        f"<p>——《{{{{ 标题 }}}}》，2024年，{heading}。<a>原文</a></p></article>"
    )
    assert page_leaks(html, "page", speech_text) == []
    # The same text where a template wrote it is a leak.
    found = kinds(page_leaks(f"<article><p>说明：{HOSTILE}</p></article>", "page", speech_text))
    assert found == {"table row", "template syntax", "Markdown link", "attribute list", "emphasis markers"}
