"""What a build tells its user about the archive: where metadata came from, what was tagged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from speechkb.folders import VOCABULARIES_DIR
from speechkb.model import INFERRED_FIELDS, Knowledge, Speech


def metadata_summary(speeches: Sequence[Speech]) -> str:
    """How many speeches got each field from their text, from a sidecar, or not at all.

    ``date 3 from the text (1 title), 1 sidecar, 1 unknown; …``: what a new archive's first build tells
    its owner about the sidecars it may still need.
    """
    parts: list[str] = []
    for name in ("title", *INFERRED_FIELDS):
        counts = Counter(_field_origin(speech, name) for speech in speeches)
        found = [f"{counts[origin]} {origin}" for origin in ("text", "title", "sidecar", "derived") if counts[origin]]
        if counts["unknown"]:
            found.append(f"{counts['unknown']} unknown")
        parts.append(f"{name} " + ", ".join(found))
    return "metadata of the speeches: " + "; ".join(parts)


def _field_origin(speech: Speech, name: str) -> str:
    if name == "title":
        return speech.title_origin
    evidence = speech.evidence_for(name)
    return evidence.origin.value if evidence else "unknown"


def knowledge_summary(knowledge: Knowledge) -> str:
    tagged = sum(len(t.tags.paragraphs) for t in knowledge.speeches)
    definitions = sum(len(t.tags.definitions) for t in knowledge.speeches)
    candidates = knowledge.candidates()
    summary = (
        f"tagged {tagged} paragraphs with {len(knowledge.vocabulary.sectors)} sectors and "
        f"{len(knowledge.vocabulary.terms)} terms; {definitions} inline definitions; "
        f"{len(candidates)} candidate terms"
    )
    if candidates:
        summary += f" not in {VOCABULARIES_DIR}/terms.yml: " + "".join(f"“{c.name}”" for c in candidates)
    return summary
