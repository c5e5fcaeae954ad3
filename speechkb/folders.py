"""Where a build writes: the generated folders and files under ``docs/``, declared once.

Everything here is made anew by each build and never edited by hand: git ignores it, ``make clean``
removes it, and ``mkdocs.yml`` keeps its pages out of the navigation (``not_in_nav``), each of which
``tests/test_folders.py`` checks against these names.
"""

from __future__ import annotations

SPEECHES_DIR = "speeches"  # one page per speech, and the list of speeches
SECTORS_DIR = "sectors"  # one page per sector, the list of sectors and the overview
TERMS_DIR = "terms"  # one page per policy term, the glossary and the candidate terms
BRIEFINGS_DIR = "briefings"  # one printable briefing per sector
GENERATED_DIR = "_generated"  # Markdown that hand-written pages include (the home page's overview)
INDEX_DIR = "search-index"  # the search index's files
KB_JSON = "kb.json.gz"  # the knowledge base as data, gzip-compressed (a tenth of a large archive's site as plain JSON)
# Each term's definition, once for the whole site: a script every page loads before assets/titles.js (mkdocs.yml).
TERM_DEFINITIONS = f"{TERMS_DIR}/definitions.js"

# Folders of generated pages: reached from lists and links, not from the navigation.
PAGE_DIRS = (SPEECHES_DIR, SECTORS_DIR, TERMS_DIR, BRIEFINGS_DIR)
GENERATED_DIRS = (SPEECHES_DIR, GENERATED_DIR, SECTORS_DIR, TERMS_DIR, BRIEFINGS_DIR, INDEX_DIR)
GENERATED_FILES = (KB_JSON,)
# What earlier versions generated under other names: a build removes it, so that a stale copy is never published.
RETIRED_FILES = ("kb.json",)

# Beside mkdocs.yml: what staff edit.
VOCABULARIES_DIR = "vocabularies"  # sectors.yml, terms.yml, chrome.yml, metadata.yml
TEMPLATES_DIR = "templates"  # a project's own copies of speechkb's templates, which take precedence
