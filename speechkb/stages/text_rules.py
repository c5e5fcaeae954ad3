"""What the parse stage reads besides the speech: the chrome patterns and the metadata rules.

Both are data beside the vocabularies (``vocabularies/chrome.yml``, ``vocabularies/metadata.yml``), edited
by the people who know the archive; they are loaded and validated once per build and handed to every
parse. Parsed speeches are cached under a hash of these files too (see :mod:`speechkb.machinery.parse_cache`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from speechkb.model import Diagnostic
from speechkb.stages.chrome import CHROME_FILE, ChromeRules, load_chrome
from speechkb.stages.infer import METADATA_FILE, MetadataRules, load_metadata_rules
from speechkb.stages.vocabulary import VocabularyError

RULE_FILES = (CHROME_FILE, METADATA_FILE)


@dataclass(frozen=True)
class TextRules:
    chrome: ChromeRules
    metadata: MetadataRules


def load_text_rules(folder: Path) -> TextRules:
    """Both rule files of ``folder``; :class:`VocabularyError` lists every problem in either of them."""
    problems: list[Diagnostic] = []
    chrome = metadata = None
    try:
        chrome = load_chrome(folder)
    except VocabularyError as error:
        problems += error.diagnostics
    try:
        metadata = load_metadata_rules(folder)
    except VocabularyError as error:
        problems += error.diagnostics
    if problems or chrome is None or metadata is None:
        raise VocabularyError(problems)
    return TextRules(chrome, metadata)
