"""Take the README's screenshots of a built site (run `make site` first).

    .venv/bin/python scripts/screenshots.py [site/]

Uses Debian's Chromium through Playwright; writes docs/assets/screenshots/*.png.
"""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "screenshots"
# (file name, path within the site, CSS selector to wait for, and to show alone when CROPPED names it)
SHOTS = [
    ("speech.png", "speeches/zai-quan-shi-guan-che-luo-shi-quan-sheng-an-quan-sheng-chan/#s2-2", "article h2"),
    ("speeches.png", "speeches/", "article table"),
    ("sector.png", "sectors/dao-lu-jiao-tong/", "article h2"),
    ("overview.png", "sectors/overview/", "article table"),
    ("checklist.png", "sectors/dao-lu-jiao-tong/#checklist", "article table.kb-checklist"),
    ("trend.png", "sectors/dao-lu-jiao-tong/", "article figure.kb-trend"),
]
# Shots of one part of a page: from the page's title down to the element, not the whole window.
CROPPED = {"trend.png"}
_MARGIN = 16


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site").resolve()
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        for name, path, selector in SHOTS:
            page.goto(base + path)
            page.wait_for_selector(selector)
            page.wait_for_timeout(300)
            if name in CROPPED:
                title = page.locator("article h1").bounding_box()
                part = page.locator(selector).bounding_box()
                text = page.locator("article").bounding_box()
                assert title and part and text, f"{path}: nothing to crop to"
                top = title["y"] - _MARGIN
                clip = {
                    "x": title["x"] - _MARGIN,
                    "y": top,
                    "width": text["width"] + 2 * _MARGIN,
                    "height": part["y"] + part["height"] - top + _MARGIN,
                }
                page.screenshot(path=str(OUT / name), clip=clip)
            else:
                page.screenshot(path=str(OUT / name))
            print(OUT / name)
        faceted_list(page, base)
        browser.close()
    server.shutdown()


def faceted_list(page: Page, base: str) -> None:
    """The speech list as an address with choices opens it: narrowed to 县级 and 森林防火, sorted by title."""
    page.goto(base + "speeches/?level=县&sector=sen-lin-fang-huo&sort=title")
    page.wait_for_selector("form.kb-facets:not([hidden])")
    page.wait_for_timeout(300)
    page.screenshot(path=str(OUT / "speeches-faceted.png"), clip={"x": 0, "y": 0, "width": 1280, "height": 560})
    print(OUT / "speeches-faceted.png")


if __name__ == "__main__":
    main()
