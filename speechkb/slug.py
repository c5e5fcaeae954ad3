"""ASCII slugs from Chinese text, for URLs that survive copy-paste and e-mail."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

_MAX_LENGTH = 60


def pinyin_slug(text: str, max_length: int = _MAX_LENGTH) -> str:
    """``在县2024年安委会上的讲话`` → ``zai-xian-2024-nian-an-wei-hui-shang-de-jiang-hua``."""
    words = [re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-") for word in lazy_pinyin(text)]
    slug = "-".join(word for word in words if word)
    slug = re.sub(r"-{2,}", "-", slug)
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0]
    return slug or "untitled"
