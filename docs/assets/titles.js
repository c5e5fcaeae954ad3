/* speechkb: the hover texts a page shows, written once for the whole site instead of on every element.

   - A term's definition, on each link to the term: in a speech's text (a.kb-term) and in its 政策术语 tag line
     (a.kb-term-tag). The definitions come from terms/definitions.js, which the build writes and every page
     loads before this script (a global, not a fetch: the offline copy is read from the file system).
   - What a redaction mark means (原文此处已隐去), on each mark.
   - The permalink title of each heading's ¶ (mkdocs.yml has the toc extension write none).
   Written on every element, they were a tenth of a speech page. This script runs as the page loads, before
   Material mounts its tooltips (when the document is ready), so they show these titles as before. */
(function () {
  "use strict";

  var definitions = window.speechkbDefinitions || {};
  // A term's page, as a link names it: ../../terms/SLUG/ on the site, ../terms/SLUG.html in the offline copy.
  var TERM_PAGE = /(?:^|\/)terms\/([^\/#?]+?)(?:\.html)?(?:[\/#?]|$)/;

  function entitle(selector, title) {
    document.querySelectorAll(selector).forEach(function (element) {
      var text = title(element);
      if (text && !element.hasAttribute("title")) element.setAttribute("title", text);
    });
  }

  entitle("article a.kb-term, article a.kb-term-tag", function (link) {
    var page = TERM_PAGE.exec(link.getAttribute("href") || "");
    return page && Object.prototype.hasOwnProperty.call(definitions, page[1]) ? definitions[page[1]] : null;
  });
  entitle("article .redaction", function () { return "原文此处已隐去"; });
  entitle("article a.headerlink", function () { return "Permanent link"; });
})();
