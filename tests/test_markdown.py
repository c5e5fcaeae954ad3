"""Speech text is data: it must render as itself, never as markup."""

from __future__ import annotations

import html

import markdown
import pytest

from speechkb.outputs.markdown import escape, escape_speech, yaml_string


def render(source: str) -> str:
    return markdown.markdown(source, extensions=["attr_list", "abbr", "tables", "toc"])


@pytest.mark.parametrize(
    "text",
    [
        "**月**日，我市**县发生一起**事故",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "# 不是标题",
        "* 不是列表",
        "1. 不是列表",
        "[链接](javascript:alert(1))",
        "| 不 | 是 | 表格 |",
        "`代码` 与 $$公式$$",
        '{{ jinja }} {% raw %} --8<-- "x.md"',
        "&amp; &lt; 实体",
        "---",
        "*[HTML]: 缩写定义",
        "\t制表符开头不是代码块",
        "    缩进四格也不是代码块",
        "结尾两个空格不是换行  ",
    ],
)
def test_escaped_text_renders_as_itself(text: str) -> None:
    html = render(escape(text))
    assert "<script" not in html and "<img" not in html and "<em>" not in html and "<strong>" not in html
    assert "<a " not in html and "<h1" not in html and "<li>" not in html and "<table" not in html
    import lxml.html

    assert lxml.html.fromstring(html).text_content() == text


def test_redaction_marks_are_kept_and_styled() -> None:
    html = render(escape_speech("**月**日，我县X月份发生×起，20_年，3×4，GPS"))
    assert html.count('class="redaction"') == 5  # **, **, X, ×, _ — not the product 3×4, not GPS
    import lxml.html

    assert lxml.html.fromstring(html).text_content() == "**月**日，我县X月份发生×起，20_年，3×4，GPS"


@pytest.mark.parametrize(
    ("text", "redactions"),
    [
        ("**一、压实安全生产责任**", 0),  # Word's bold around a heading, kept as written
        ("**（二）强化隐患排查。**", 0),
        ("**月**日", 2),  # marks around some of the words stand for what was withheld
        ("**某某**县发生事故", 2),
        ("**一、学习***同志讲话精神**", 3),  # a redaction inside the bold: every mark is read as one, as before
    ],
)
def test_bold_marks_around_a_whole_heading_are_shown_as_written_not_as_redactions(text: str, redactions: int) -> None:
    import lxml.html

    html = render(escape_speech(text))
    assert html.count('class="redaction"') == redactions
    assert "<strong>" not in html and lxml.html.fromstring(html).text_content() == text


def test_front_matter_is_html_text_because_themes_insert_it_unescaped() -> None:
    import yaml

    title = '<script>alert(1)</script> "引号" & {{ x }}'
    assert yaml.safe_load(f"title: {yaml_string(title)}")["title"] == html.escape(title)
