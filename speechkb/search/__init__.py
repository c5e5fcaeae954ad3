"""Site search: a static index that finds every page containing a phrase, exact matches first.

Material for MkDocs' own search (lunr, fed by jieba segmentation) is a ranking engine over words: it
ranks pages without a phrase above pages with it, and at 1,000 speeches its index is tens of megabytes,
downloaded whole before the first result. Staff search an archive for a phrase and need every speech
that says it, exact matches first. So the index here is built for phrases, not words:

- every page is indexed by its character bigrams (and single characters) over a normalised copy of its
  text (traditional → simplified, full-width → ASCII, lower case, no white space), with positions, so
  that the browser can *prove* that a page contains the whole phrase: completeness and ordering follow
  from the index, not from a relevance heuristic (:mod:`speechkb.search.index`);
- the index is cut into shards by key hash, and the text for snippets into one file per page, so a query
  downloads only what it needs (:mod:`speechkb.search.shards`);
- a site served over http(s) has its files packed (deflated bytes, which a web worker fetches and
  inflates), less than half the bytes; an offline copy opened via ``file://`` has them as scripts
  (``speechkbSearchShard([...])``), which load with ``<script>`` where ``fetch`` is refused;
- Material's own search box, result list, highlighting and keyboard handling stay: a small MkDocs plugin
  points them at a worker (``theme/assets/javascripts/speechkb-search.js``) that speaks Material's worker
  protocol (:mod:`speechkb.mkdocs.search_plugin`).

Pages come in as :class:`SearchDocument` objects, so any page (speech, sector, policy term) can be
searchable, with names that make it the first answer for a query.
"""

from speechkb.search.document import Passage, SearchDocument, site_documents, speech_documents
from speechkb.search.shards import Form, index_file_items, index_files

__all__ = [
    "Form",
    "Passage",
    "SearchDocument",
    "index_file_items",
    "index_files",
    "site_documents",
    "speech_documents",
]
