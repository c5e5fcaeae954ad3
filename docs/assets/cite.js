/* speechkb: a link and 复制引用 (copy a citation) on each paragraph of a speech page.

   Staff quote a speech in a report as 《title》（date），二、（一）。链接：URL. The page already holds all of
   it: the title (the h1), the date (the first part of the meta line), the part and section above the
   paragraph (the headings whose anchors, #s2 and #s2-1, number the speech's own sections) and the
   paragraph's stable anchor. The link is the published site's (the page's canonical URL, when the site
   was built with SPEECHKB_SITE_URL), else the address the page was opened at: from an offline copy a
   citation still copies, with the copy's own address.

   What is added is a span and two links, no other element and no inline handler, and it is added after
   the page is built: the page's text, its search index and its tests are the speech's alone. */
(function () {
  "use strict";

  // The number a heading starts with: 二、 （一） (一) 1. 第一，
  var NUMBER = /^\s*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十百]+[，,、]?)/;

  function ownText(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink, .kb-cite").forEach(function (extra) { extra.remove(); });
    return copy.textContent.trim();
  }

  function headingNumber(id) {
    var heading = document.getElementById(id);
    if (!heading) return "";
    var text = ownText(heading);
    var number = text.match(NUMBER);
    return number ? number[0].trim() : text.replace(/[。；：，.;:,]+$/, "");
  }

  // The part and section a paragraph stands in, from the nearest section heading before it (#s2-1-t3 is in
  // part #s2, section #s2-1): 二、（一）
  function where(paragraph) {
    var headings = document.querySelectorAll("article [id^='s']");
    var nearest = null;
    for (var i = 0; i < headings.length; i++) {
      if (!/^s\d+(-\d+)*(-t\d+)?$/.test(headings[i].id)) continue;
      if (headings[i].compareDocumentPosition(paragraph) & Node.DOCUMENT_POSITION_FOLLOWING) nearest = headings[i];
    }
    if (!nearest) return "";
    var levels = nearest.id.replace(/-t\d+$/, "").split("-");
    var numbers = [];
    for (var depth = 1; depth <= Math.min(levels.length, 2); depth++) {
      numbers.push(headingNumber(levels.slice(0, depth).join("-")));
    }
    return numbers.join("");
  }

  function pageAddress() {
    var canonical = document.querySelector("link[rel='canonical']");
    var address = canonical ? canonical.href : window.location.href;
    return address.split("#")[0];
  }

  // Where a paragraph of a PDF stands in the printed document: 原文 NAME.pdf，第3–4页. The page marks it where
  // the page changes (data-pages); a paragraph without a mark is on the last page of the one marked before it.
  function printedAt(paragraph, meta) {
    var pages = paragraph.getAttribute("data-pages");
    if (!pages) {
      var marked = document.querySelectorAll("article p[data-pages]");
      for (var i = 0; i < marked.length; i++) {
        if (!(marked[i].compareDocumentPosition(paragraph) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
        pages = marked[i].getAttribute("data-pages").split("–").pop();
      }
    }
    if (!pages || !meta) return "";
    var line = meta.cloneNode(true); // the meta line without the grounds of its fields under it
    line.querySelectorAll(".speech-evidence").forEach(function (grounds) { grounds.remove(); });
    var source = line.textContent.trim().match(/(?:^| · )原文 (.+?)(?= · |$)/);
    return source ? "，原文 " + source[1] + "，第" + pages + "页" : "";
  }

  function citation(paragraph) {
    var title = ownText(document.querySelector("article h1"));
    var meta = document.querySelector("article .speech-meta");
    var date = meta && meta.firstChild ? meta.firstChild.textContent.split(" · ")[0].trim() : "";
    var place = where(paragraph);
    return "《" + title + "》" + (date ? "（" + date + "）" : "") + (place ? "，" + place : "") +
      printedAt(paragraph, meta) + "。链接：" + pageAddress() + "#" + paragraph.id;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return Promise.resolve(copyBySelection(text));
  }

  // Where the clipboard API is not offered (a page opened from some file systems, older browsers).
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand("copy");
    } finally {
      area.remove();
    }
  }

  function addTo(paragraph) {
    var tools = document.createElement("span");
    tools.className = "kb-cite";
    var link = document.createElement("a");
    link.className = "kb-cite-link";
    link.href = "#" + paragraph.id;
    link.title = "段落链接";
    link.textContent = "¶";
    var button = document.createElement("a");
    button.className = "kb-cite-copy";
    button.href = "#" + paragraph.id;
    button.setAttribute("role", "button");
    button.title = "复制本段的引用：标题、日期、部分和条目、链接";
    button.textContent = "复制引用";
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var text = citation(paragraph);
      button.dataset.citation = text;
      copy(text).then(function () {
        button.textContent = "已复制";
        window.setTimeout(function () { button.textContent = "复制引用"; }, 2000);
      });
    });
    tools.append(" ", link, " ", button);
    paragraph.append(tools);
  }

  function start() {
    if (!document.querySelector("article .speech-meta")) return; // a speech page only
    document.querySelectorAll("article p[data-line][id]").forEach(function (paragraph) {
      if (!paragraph.closest(".kb-notes")) addTo(paragraph); // the notes are not the speech
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
