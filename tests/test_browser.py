"""The seed site in a real headless Chromium, as staff see it."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import material
import pytest
from PIL import Image
from playwright.sync_api import Browser

from speechkb.model import Section
from speechkb.stages.formulas import defined_formulas, formula_families
from tests.conftest import BuiltSite

FIRST_SPEECH = "zai-xian-2024-nian-fang-fan-zhong-te-da-an-quan-shi-gu-gong"  # the newest seed speech


def test_speech_page_shows_the_literal_text_and_runs_cleanly(
    browser: Browser, seed_site: BuiltSite, seed_site_url: str
) -> None:
    speech = next(s for s in seed_site.result.speeches if s.source.name.startswith("001_"))
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{seed_site_url}speeches/{speech.slug}/")
    text = page.inner_text("article")
    assert "**月**日，我市**县发生一起**事故" in text
    assert page.locator("article em, article strong").count() == 0
    assert page.locator("h2").first.inner_text().startswith("一、保持清醒忧患")
    assert errors == []
    page.close()


def test_a_paragraph_link_lands_on_the_paragraph(browser: Browser, seed_site: BuiltSite, seed_site_url: str) -> None:
    speech = next(s for s in seed_site.result.speeches if s.source.name.startswith("004_"))
    target = speech.paragraphs()[-2]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{seed_site_url}speeches/{speech.slug}/#{target.anchor}")
    box = page.locator(f"[id='{target.anchor}']").bounding_box()
    assert box is not None and 0 <= box["y"] < 800
    page.close()


def test_hovering_a_term_shows_its_definition(browser: Browser, seed_site: BuiltSite, seed_site_url: str) -> None:
    speech = next(s for s in seed_site.result.speeches if s.source.name.startswith("003_"))
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{seed_site_url}speeches/{speech.slug}/")
    term = page.locator("article p a.kb-term", has_text="四不放过").first
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for()
    assert "整改措施未落实不放过" in tooltip.inner_text()
    term.click()
    page.wait_for_url("**/terms/si-bu-fang-guo/")
    assert page.locator("article h1").inner_text().startswith("四不放过")
    page.close()


# Hover texts the site writes once (docs/assets/titles.js), not on each element: shown as Material's tooltips.
HOVERED = {
    "a term's tag": ("003_", "article p.kb-tags a.kb-term-tag", "四不放过", "整改措施未落实不放过"),
    "a redaction mark": ("001_", "article p .redaction", "**", "原文此处已隐去"),
    "a heading's permalink": ("001_", "article h2 a.headerlink", "", "Permanent link"),
}


@pytest.mark.parametrize("what", HOVERED)
def test_hovering_shows_what_it_means(browser: Browser, seed_site: BuiltSite, seed_site_url: str, what: str) -> None:
    seed, selector, text, meaning = HOVERED[what]
    speech = next(s for s in seed_site.result.speeches if s.source.name.startswith(seed))
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{seed_site_url}speeches/{speech.slug}/")
    element = page.locator(selector, has_text=text).first
    element.scroll_into_view_if_needed()
    element.locator("xpath=..").hover()  # a permalink shows when its heading is hovered
    element.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for()
    assert meaning in tooltip.inner_text()
    page.close()


# Each kind of generated page, as a reader opens it: the page runs without an error in the console and
# shows its main list or table, item by item (a list that lost its line breaks is one item; a table
# shown as text is no table). (path, selector, how many, from the seed site's knowledge base)
PAGE_KINDS: dict[str, tuple[str, str, Callable[[BuiltSite], int]]] = {
    "home": ("", "article li:has(> a[href^='speeches/'])", lambda site: 5),
    "speech list": ("speeches/", "article table tbody tr", lambda site: len(site.result.speeches)),
    "speech": (
        f"speeches/{FIRST_SPEECH}/",
        "article p[data-line]",
        lambda site: len(next(s for s in site.result.speeches if s.slug == FIRST_SPEECH).paragraphs()),
    ),
    "sectors": ("sectors/", "article table tbody tr", lambda site: len(site.result.knowledge.vocabulary.sectors)),
    "sector": (
        "sectors/dao-lu-jiao-tong/",
        "article ul.kb-passages > li",
        lambda site: len(site.result.knowledge.passages(sector="dao-lu-jiao-tong")),
    ),
    "overview": (
        "sectors/overview/",
        "article table tbody tr",
        # A sector no speech mentions has no row: its cells would all be empty.
        lambda site: sum(
            bool(site.result.knowledge.passages(sector=sector.slug))
            for sector in site.result.knowledge.vocabulary.sectors
        ),
    ),
    "overview-year": (
        "sectors/overview-2024/",
        "article table tbody tr",
        lambda site: len(
            {
                slug
                for p in site.result.knowledge.passages()
                if p.speech.metadata.year == 2024
                for slug in p.paragraph.sectors
            }
        ),
    ),
    "term": (
        "terms/wu-dao-wei/",
        "article ul.kb-passages > li",
        lambda site: len(site.result.knowledge.passages(term="wu-dao-wei")),
    ),
    "glossary": (
        "terms/",
        "article li > strong > a",
        lambda site: len(site.result.knowledge.vocabulary.terms) + len(defined_formulas(site.result.knowledge)),
    ),
    "formula": (
        "terms/shi-bi-tan/",
        "article ul.kb-passages > li",
        lambda site: len(
            next(f for f in defined_formulas(site.result.knowledge) if f.slug == "shi-bi-tan").candidate.uses
        ),
    ),
    "candidates": (
        "terms/candidates/",
        "article table tbody tr",
        lambda site: len(formula_families(site.result.knowledge.candidates())),
    ),
    "briefing": (
        "briefings/dao-lu-jiao-tong/",
        "article table, article blockquote",
        # The two tallies, the 检查清单 and a quotation per passage.
        lambda site: 3 + len(site.result.knowledge.passages(sector="dao-lu-jiao-tong")),
    ),
    "performance": (
        "performance/",
        "article table",
        lambda site: _markdown_tables(site.root / "docs" / "performance.md"),
    ),
    "404": ("404.html", "article h1:text('404')", lambda site: 1),
}


def _markdown_tables(page: Path) -> int:
    """The tables a hand-written page has: one delimiter row (``| --- |``) each."""
    return sum(line.startswith("| ---") for line in page.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_each_kind_of_page_renders_its_lists_without_errors(
    kind: str, browser: Browser, seed_site: BuiltSite, seed_site_url: str
) -> None:
    path, selector, expected = PAGE_KINDS[kind]
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(seed_site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.locator(selector).count() == expected(seed_site)
    assert errors == []
    page.close()


def test_copy_a_citation_of_a_paragraph(browser: Browser, seed_site: BuiltSite, seed_site_url: str) -> None:
    speech = next(s for s in seed_site.result.speeches if s.slug == FIRST_SPEECH)
    section = next(s for s in speech.sections() if s.anchor == "s2-1")
    paragraph = next(block for block in section.children if not isinstance(block, Section))
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{seed_site_url}speeches/{speech.slug}/")
    target = page.locator(f"[id='{paragraph.anchor}']")
    target.hover()
    copy = target.locator("a.kb-cite-copy")
    assert copy.is_visible() and copy.inner_text() == "复制引用"
    copy.click()
    page.wait_for_function("() => document.querySelector('a.kb-cite-copy[data-citation]') !== null")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == (
        f"《{speech.title}》（2024年春），二、（一）。链接：{seed_site_url}speeches/{speech.slug}/#{paragraph.anchor}"
    )
    assert copy.inner_text() == "已复制" and errors == []
    # A paragraph before the first part is cited by the speech alone; the notes (not the speech) get nothing.
    opening = page.locator("article p.salutation a.kb-cite-copy")
    opening.click()
    assert page.evaluate("navigator.clipboard.readText()").startswith(f"《{speech.title}》（2024年春）。链接：")
    assert page.locator(".kb-notes a.kb-cite-copy").count() == 0
    context.close()


@pytest.mark.parametrize("name", ["十必谈", "五有"])
def test_a_formula_a_speech_defines_has_a_page_with_the_definition(
    browser: Browser, seed_site: BuiltSite, seed_site_url: str, name: str
) -> None:
    """From the candidate list to the formula's page, marked 待审定, and on to the defining paragraph."""
    # what the speech itself says the formula is: the parenthesis after its name
    [(speech, paragraph)] = [
        (speech, paragraph)
        for speech in seed_site.result.speeches
        for paragraph in speech.paragraphs()
        if f"{name}”（" in paragraph.text or f"{name}”(" in paragraph.text
    ]
    after = paragraph.text.split(f"{name}”", 1)[1]
    definition = after[1 : after.index("）" if after.startswith("（") else ")")]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{seed_site_url}terms/candidates/")
    page.locator("article td a", has_text=name).first.click()
    page.wait_for_selector("article h1")
    assert page.inner_text("article h1").rstrip("¶") == name
    assert "待审定" in page.inner_text(".kb-pending")
    item = page.locator("article h2#definitions + ul li").first
    assert f"“{name}”：{definition}" in item.inner_text()
    item.locator("a").first.click()
    page.wait_for_url(f"**/speeches/{speech.slug}/#{paragraph.anchor}")
    assert definition in page.locator(f"[id='{paragraph.anchor}']").inner_text()
    assert errors == []
    page.close()


# The theme's icons in the page frame are painted by docs/assets/icons.css instead of written inline on every
# page (speechkb.mkdocs.compact_html): each must look as the theme's own inline drawing of it.
@pytest.mark.parametrize("width", [1280, 500])
def test_the_themes_icons_look_as_the_theme_draws_them(
    browser: Browser, seed_site: BuiltSite, seed_site_url: str, width: int
) -> None:
    icons = Path(material.__file__).parent / "templates" / ".icons" / "material"
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{seed_site_url}speeches/{FIRST_SPEECH}/")
    assert page.locator("header svg:not(.kb-icon), .md-top svg:not(.kb-icon)").count() == 0
    shown = page.locator("header svg.kb-icon:visible").element_handles()
    assert len(shown) >= 3  # the logo, the palette's toggle, search; the menu too on a narrow screen
    visible = 0  # icons that show (search's clear button shows only once something is typed)
    for icon in shown:
        name = (icon.get_attribute("class") or "").split("kb-icon-")[1]
        frame = icon.evaluate_handle("svg => svg.parentElement").as_element()
        assert frame is not None
        painted = Image.open(io.BytesIO(frame.screenshot())).convert("L")
        icon.evaluate("(svg, inline) => { svg.outerHTML = inline; }", (icons / f"{name}.svg").read_text())
        inline = Image.open(io.BytesIO(frame.screenshot())).convert("L")
        assert painted.size == inline.size, name
        visible += len(set(inline.tobytes())) > 1
        differing = sum(abs(a - b) > 64 for a, b in zip(painted.tobytes(), inline.tobytes(), strict=True))
        assert differing <= painted.width * painted.height // 100, name
    assert visible >= 3
    page.close()
