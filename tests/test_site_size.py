"""What a built site weighs, and the warning before it outgrows GitHub Pages and GitLab Pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material

from speechkb.machinery.site_size import SiteSize, measure
from speechkb.mkdocs.compact_html import ICONS, drawn_icons, with_drawn_icons, with_plain_config, without_indentation
from tests.conftest import ROOT, BuiltSite


def test_the_size_counts_every_file_and_names_the_largest_parts(tmp_path: Path) -> None:
    (tmp_path / "speeches" / "a").mkdir(parents=True)
    (tmp_path / "speeches" / "a" / "index.html").write_bytes(b"x" * 3000)
    (tmp_path / "kb.json").write_bytes(b"{}" * 500)
    (tmp_path / "index.html").write_bytes(b"y" * 10)
    size = measure(tmp_path)
    assert (size.bytes, size.files) == (4010, 3)
    assert size.parts == (("speeches", 3000), ("kb.json", 1000), ("index.html", 10))
    assert str(size).startswith("the site is 0.0 MB in 3 files (speeches 0.0 MB, kb.json 0.0 MB")
    assert size.warnings() == []


def test_a_site_past_800_mb_or_160000_files_is_warned_of_naming_the_limit() -> None:
    [heavy] = SiteSize(850_000_000, 10, ()).warnings()
    assert "850.0 MB" in heavy and "1 GB" in heavy and "GitHub Pages" in heavy
    [many] = SiteSize(1000, 170_000, ()).warnings()
    assert "170,000 files" in many and "200,000" in many and "GitLab Pages" in many


def test_the_theme_indentation_goes_and_the_article_stays_as_written() -> None:
    page = (
        "<html>\n  <body>\n\n    <nav>\n      x\n    </nav>\n"
        '<article class="md-content__inner">\n  \n\n  <p>  一、  讲话\n\n   原文</p>\n\n  <p>后\n</p>\n   \n</article>\n'
        "  </body>\n</html>"
    )
    compact = without_indentation(page)
    # Line breaks beside text stay; between two tags of the frame, and at the article's two ends, they go.
    assert compact == (
        "<html><body><nav>\nx\n</nav>\n"
        '<article class="md-content__inner"><p>  一、  讲话\n\n   原文</p>\n\n  <p>后\n</p></article></body></html>'
    )


def test_a_page_whose_frame_has_preformatted_text_is_left_alone() -> None:
    page = "<body>\n  <pre>\n  a\n    b</pre>\n<article>\n  x</article>\n</body>"
    assert without_indentation(page) == page


def _config(page: str) -> str:
    [config] = re.findall(r'<script id="__config" type="application/json">(.*?)</script>', page, re.DOTALL)
    return config


def test_the_theme_configuration_reads_the_same_with_its_characters_unescaped() -> None:
    value = {"translations": {"search.result.placeholder": "键入以开始搜索", "odd": "</script><!--"}, "tags": None}
    article = (
        '<article><p>"\\u5df2" <script id="__config" type="application/json">{"a": "\\u5df2"}</script></p></article>'
    )
    escaped = json.dumps(value).replace("<", "\\u003c")  # as the theme writes it (Jinja's tojson)
    page = f'<body>{article}<script id="__config" type="application/json">{escaped}</script></body>'
    plain = with_plain_config(page)
    assert plain.startswith(f"<body>{article}")  # what the page says is never touched
    config = _config(plain.removeprefix(f"<body>{article}"))
    assert json.loads(config) == value
    assert "键入以开始搜索" in config and "\\u" not in config.replace("\\u003c", "")
    assert "</script>" not in config and "<!--" not in config  # nothing in it can end the script


def test_every_page_has_the_configuration_material_reads_unescaped(seed_site: BuiltSite) -> None:
    # Every page of the site (the theme's own 404 page is written apart, untouched); that Material reads the
    # translations from it, the search box's placeholder shows (test_search_browser.py).
    pages = list(seed_site.site.rglob("index.html"))
    assert len(pages) > len(seed_site.result.speeches)
    for page in pages:
        config = _config(page.read_text(encoding="utf-8"))
        assert json.loads(config)["translations"]["search.result.placeholder"] == "键入以开始搜索", page
        assert "\\u" not in config, page


THEME_ICONS = Path(material.__file__).parent / "templates" / ".icons" / "material"


def test_the_icon_sheet_draws_the_themes_own_icons() -> None:
    # A drawing that differs from the theme's (a newer Material) is never matched: the icon stays inline, and
    # this test says the sheet is to be brought up to date.
    icons = drawn_icons((ROOT / "docs" / ICONS).read_text(encoding="utf-8"))
    assert {stand_in.split('"')[1] for stand_in in icons.stand_ins.values()} == {
        f"kb-icon kb-icon-{name}"
        for name in ("library", "menu", "weather-night", "weather-sunny", "magnify", "arrow-left", "close", "arrow-up")
    }
    for svg, stand_in in icons.stand_ins.items():
        name = stand_in.split("kb-icon-")[1].split('"')[0]
        assert (THEME_ICONS / f"{name}.svg").read_text(encoding="utf-8") == svg


def test_an_icon_of_the_frame_is_left_to_the_sheet_and_the_article_is_never_touched() -> None:
    icons = drawn_icons((ROOT / "docs" / ICONS).read_text(encoding="utf-8"))
    magnify = (THEME_ICONS / "magnify.svg").read_text(encoding="utf-8")
    other = (THEME_ICONS / "home.svg").read_text(encoding="utf-8")
    article = f"<article><figure>{magnify}</figure></article>"
    page = f'<header><label class="md-icon">{magnify}</label>{other}</header>{article}<button>{magnify}</button>'
    assert with_drawn_icons(page, icons) == (
        f'<header><label class="md-icon"><svg class="kb-icon kb-icon-magnify" viewBox="0 0 24 24"></svg></label>'
        f'{other}</header>{article}<button><svg class="kb-icon kb-icon-magnify" viewBox="0 0 24 24"></svg></button>'
    )
    assert with_drawn_icons(page, drawn_icons("")) == page
