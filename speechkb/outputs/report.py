"""What a build tells its user about the archive: where metadata came from, what was tagged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from speechkb.folders import TERMS_DIR, VOCABULARIES_DIR
from speechkb.mkdocs.urls import page_url
from speechkb.model import INFERRED_FIELDS, Knowledge, Speech


def metadata_summary(speeches: Sequence[Speech]) -> str:
    """How many speeches got each field from their text, from a sidecar, or not at all.

    ``date 3 from the text (1 title), 1 sidecar, 1 unknown; …``: what a new archive's first build tells
    its owner about the sidecars it may still need.
    """
    parts: list[str] = []
    for name in ("title", *INFERRED_FIELDS, "publisher"):
        counts = Counter(_field_origin(speech, name) for speech in speeches)
        found = [
            f"{counts[origin]} {origin}"
            for origin in ("text", "title", "page", "file_name", "sidecar", "derived")
            if counts[origin]
        ]
        if counts["unknown"]:
            found.append(f"{counts['unknown']} unknown")
        parts.append(f"{name} " + ", ".join(found))
    return "metadata of the speeches: " + "; ".join(parts)


def _field_origin(speech: Speech, name: str) -> str:
    if name == "title":
        return speech.title_origin
    evidence = speech.evidence_for(name)
    return evidence.origin.value if evidence else "unknown"


def knowledge_summary(knowledge: Knowledge, directory_urls: bool = True) -> str:
    """What was tagged, and how many candidate terms wait for review and where: the list itself is a page of
    the site (候选术语), with each one's uses, where hundreds of names on one line would be read by nobody."""
    tagged = sum(len(t.tags.paragraphs) for t in knowledge.speeches)
    definitions = sum(len(t.tags.definitions) for t in knowledge.speeches)
    candidates = knowledge.candidates()
    summary = (
        f"tagged {tagged} paragraphs with {len(knowledge.vocabulary.sectors)} sectors and "
        f"{len(knowledge.vocabulary.terms)} terms; {definitions} inline definitions; "
        f"{len(candidates)} candidate terms"
    )
    if candidates:
        page = page_url(f"{TERMS_DIR}/candidates.md", directory_urls)
        summary += (
            f" not in {VOCABULARIES_DIR}/terms.yml, to review on the 候选术语 page ({page} in the site; "
            "--verbose lists them)"
        )
    return summary


def candidate_lines(knowledge: Knowledge) -> list[str]:
    """One line per candidate term, most used first as on its page: ``candidate term “五有”: 3 uses in 2 speeches``."""
    return [
        f"candidate term “{candidate.name}”: {len(candidate.uses)} uses in {candidate.speech_count} speeches"
        for candidate in knowledge.candidates()
    ]
