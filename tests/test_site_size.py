"""What a built site weighs, and the warning before it outgrows GitHub Pages and GitLab Pages."""

from __future__ import annotations

from pathlib import Path

from speechkb.machinery.site_size import SiteSize, measure
from speechkb.mkdocs.compact_html import without_indentation


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
        '<article class="md-content__inner">\n  <p>  一、  讲话\n\n   原文</p>\n</article>\n  </body>\n</html>'
    )
    compact = without_indentation(page)
    assert compact == (
        "<html>\n<body>\n<nav>\nx\n</nav>\n"
        '<article class="md-content__inner">\n  <p>  一、  讲话\n\n   原文</p>\n</article>\n</body>\n</html>'
    )


def test_a_page_whose_frame_has_preformatted_text_is_left_alone() -> None:
    page = "<body>\n  <pre>\n  a\n    b</pre>\n<article>\n  x</article>\n</body>"
    assert without_indentation(page) == page
