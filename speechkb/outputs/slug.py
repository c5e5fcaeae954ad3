"""Page addresses: ASCII slugs from Chinese text, for URLs that survive copy-paste and e-mail, and one
unique address per speech."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import replace
from itertools import chain, count

from pypinyin import lazy_pinyin

from speechkb.model import Diagnostic, Severity, Speech

_MAX_LENGTH = 60
RESERVED_SLUGS = frozenset({"index"})  # speeches/index.md is the list of speeches


# pypinyin takes about half a millisecond a title, for every speech on every build: a live preview, which
# builds again and again in one process, looks each title up once.
@functools.lru_cache(maxsize=1 << 16)
def pinyin_slug(text: str, max_length: int = _MAX_LENGTH) -> str:
    """``在县2024年安委会上的讲话`` → ``zai-xian-2024-nian-an-wei-hui-shang-de-jiang-hua``."""
    words = [re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-") for word in lazy_pinyin(text)]
    slug = "-".join(word for word in words if word)
    slug = re.sub(r"-{2,}", "-", slug)
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0]
    return slug or "untitled"


def pinyin_key(text: str) -> str:
    """Sort key that orders Chinese names the way a glossary does, by their pinyin."""
    return " ".join(lazy_pinyin(text))


def assign_slugs(speeches: Iterable[Speech], diagnostics: list[Diagnostic]) -> list[Speech]:
    """Give every speech a unique URL slug that does not depend on the other speeches' order.

    Two speeches that want the same slug (same title, or the same sidecar
    ``slug``) both keep a page, each with its file name appended (and its
    number in the file, for one of several speeches a file holds): that stays
    the same when other speeches are added or removed. ``index`` is taken by
    the list of speeches.

    Titles alike are an archive's everyday (the 全县安全生产工作会议 speech of every year): one notice says so, on
    the first of the speeches. A slug a sidecar asks for that another speech wants too, or ``index``, is a warning
    on each of them, which a sidecar can fix.
    """
    proposed = [(speech, speech.slug or pinyin_slug(speech.title)) for speech in speeches]
    wanted_by: dict[str, list[Speech]] = {}
    for speech, slug in proposed:
        wanted_by.setdefault(slug, []).append(speech)
    taken = set(RESERVED_SLUGS) | {slug for slug, rivals in wanted_by.items() if len(rivals) == 1}
    result: list[Speech] = []
    for speech, wanted in proposed:
        slug = wanted
        rivals = wanted_by[wanted]
        if wanted in RESERVED_SLUGS or len(rivals) > 1:
            slug = _free_slug(wanted, speech, rivals, taken)
            if wanted in RESERVED_SLUGS or any(rival.metadata.slug for rival in rivals):
                diagnostics.append(_slug_taken(speech, wanted, rivals, slug))
            elif speech is min(rivals, key=_filed):
                diagnostics.append(_titles_alike(wanted, sorted(rivals, key=_filed)))
        taken.add(slug)
        # Most speeches have their slug already (made with their parse): a copy of each would cost a large
        # archive's build a second.
        result.append(speech if slug == speech.slug else replace(speech, slug=slug))
    return result


def _filed(speech: Speech) -> tuple[str, int]:
    return str(speech.source), speech.part or 0


def _slug_taken(speech: Speech, wanted: str, rivals: list[Speech], slug: str) -> Diagnostic:
    others = [other.source_name for other in rivals if other.identity != speech.identity]
    reason = f"also wanted by {_some(others)}" if others else "the address of the list of speeches"
    where = "" if speech.part is None else f" ({speech.source_name})"
    return Diagnostic(speech.source, None, f"URL slug '{wanted}' is {reason}; this speech{where} is at '{slug}'")


def _titles_alike(wanted: str, rivals: list[Speech]) -> Diagnostic:
    titles = {rival.title for rival in rivals}
    alike = f"the title “{next(iter(titles))}”" if len(titles) == 1 else f"titles that make one URL slug, '{wanted}'"
    return Diagnostic(
        rivals[0].source,
        None,
        f"{len(rivals)} speeches have {alike} ({_some([rival.source_name for rival in rivals])}): "
        f"each is at '{wanted}' with its file's name added",
        Severity.NOTICE,
    )


def _some(names: list[str], shown: int = 3) -> str:
    """The first few of ``names``, and how many more: an archive may hold dozens of speeches of one title."""
    rest = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {rest} more" if rest > 1 else f", {names[shown]}" if rest == 1 else "")


def _free_slug(wanted: str, speech: Speech, rivals: list[Speech], taken: set[str]) -> str:
    """``wanted`` and the file's stem, or its whole name when a rival has the same stem (a.txt and a.docx), and
    the speech's number in its file when the file holds several.

    Numbered only in the unlikely case that even that is taken.
    """
    stem = pinyin_slug(speech.source.stem, 24)
    same_stem = len({rival.source for rival in rivals if pinyin_slug(rival.source.stem, 24) == stem}) > 1
    base = f"{wanted}-{pinyin_slug(speech.source.name, 30) if same_stem else stem}"
    base += "" if speech.part is None else f"-{speech.part}"
    candidates = chain([base], (f"{base}-{number}" for number in count(2)))
    return next(candidate for candidate in candidates if candidate not in taken)
