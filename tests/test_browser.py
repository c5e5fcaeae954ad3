"""The seed site in a real headless Chromium, as staff see it."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.conftest import BuiltSite


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
