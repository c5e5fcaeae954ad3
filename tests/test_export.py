"""kb.json's URLs follow the site's URL style and stay relative to its root."""

from __future__ import annotations

import pytest

from speechkb.mkdocs.urls import page_url


@pytest.mark.parametrize(
    ("path", "directory_urls", "expected"),
    [
        ("speeches/zai-xian.md", True, "speeches/zai-xian/"),
        ("speeches/zai-xian.md", False, "speeches/zai-xian.html"),
        ("sectors/index.md", True, "sectors/"),
        ("sectors/index.md", False, "sectors/index.html"),
        ("index.md", True, ""),
    ],
)
def test_page_url_matches_the_site_layout(path: str, directory_urls: bool, expected: str) -> None:
    assert page_url(path, directory_urls) == expected
