/* speechkb: each term link in a speech's text shows the term's definition when hovered.

   The definition is written once per page, as the title of the term's link in the 政策术语 tag line
   (a.kb-term-tag); writing it on every link made a tenth of a large archive's site. This script gives each
   link in the text (a.kb-term) the title of the tag linking to the same term. It runs as the page loads,
   before Material mounts its tooltips (when the document is ready), so they show the definition as before. */
(function () {
  "use strict";

  var definitions = {};
  document.querySelectorAll("article a.kb-term-tag[title]").forEach(function (tag) {
    definitions[tag.getAttribute("href")] = tag.getAttribute("title");
  });
  document.querySelectorAll("article a.kb-term:not([title])").forEach(function (link) {
    var definition = definitions[link.getAttribute("href")];
    if (definition) link.setAttribute("title", definition);
  });
})();
