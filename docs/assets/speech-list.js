/* speechkb: the speech list (讲话) narrowed by year, level, place, sector and term, and sorted by column.

   The page holds the whole list as a table whose rows carry their year, level, place, sectors and terms
   (data-year, data-level, data-place; data-sector and data-term, masks in hexadecimal with bit N set for
   the option that has data-key N), and a form of facets, hidden: without JavaScript the
   reader has the full list. This script shows the form, and on each choice hides the rows that do not
   match every facet chosen, counts for each option how many rows it would show with the other choices
   kept, and writes the choices into the address (?year=2024&sector=dao-lu-jiao-tong&sort=-date), so a
   narrowed list can be bookmarked and shared; an address with choices opens the list narrowed (sector and
   term pages link to their older speeches that way, a year at a time).

   The matching rows are shown a page at a time (data-page-size on the table, 200), with buttons for more:
   it is the browser's layout of the rows shown that takes the time, not finding them, and laying out
   10,000 rows of a table takes seconds where 200 take a few milliseconds.

   Sorting is tablesort's (docs/assets/vendor/tablesort/), as Material for MkDocs recommends for data
   tables; the one thing added is a sort by the Chinese collation (pinyin) for titles and places, which
   tablesort's default, by code point, does not give. Everything runs on the page's own data: from a web
   server or from file:// alike. */
(function () {
  "use strict";

  var collator = new Intl.Collator("zh");

  function registerChineseSort() {
    if (!window.Tablesort || registerChineseSort.done) return;
    registerChineseSort.done = true;
    // tablesort sorts descending with the function given and reverses for ascending: b before a.
    window.Tablesort.extend("zh", function () { return false; }, function (a, b) {
      return collator.compare(b, a);
    });
  }

  function readAddress() {
    var query = window.location.search || "";
    if (!query && window.location.hash.indexOf("=") > 0) query = window.location.hash.slice(1);
    return new URLSearchParams(query);
  }

  function writeAddress(params) {
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "");
    try {
      window.history.replaceState(null, "", address);
    } catch (refused) {
      // Some browsers refuse to change a file:// address's query: the fragment holds the choices instead.
      window.location.replace("#" + query);
    }
  }

  // Whether bit ``bit`` is set in ``mask``, hexadecimal digits of any length (a vocabulary may have 60 sectors).
  function hasBit(mask, bit) {
    var digit = mask.length - 1 - (bit >> 2);
    return digit >= 0 && (parseInt(mask.charAt(digit), 16) & (1 << (bit & 3))) !== 0;
  }

  function start() {
    var table = document.querySelector("article table#speech-list");
    var form = document.querySelector("article form.kb-facets");
    if (!table || !form || table.dataset.kbFacets) return;
    table.dataset.kbFacets = "ready";
    registerChineseSort();

    var facets = Array.prototype.map.call(form.querySelectorAll("select"), function (select) {
      var byKey = {};
      Array.prototype.forEach.call(select.options, function (option) {
        option.dataset.label = option.textContent;
        if (option.dataset.key) byKey[option.dataset.key] = option.value;
      });
      // A facet whose options have keys is a mask's: a row may have several of its values.
      return { name: select.name, select: select, byKey: byKey, masked: Object.keys(byKey).length > 0 };
    });
    var body = table.tBodies[0];
    var total = body.rows.length;
    Array.prototype.forEach.call(body.rows, function (row) {
      row.kbValues = facets.map(function (facet) {
        var value = row.getAttribute("data-" + facet.name) || "";
        if (!facet.masked) return [value];
        return Object.keys(facet.byKey).filter(function (key) { return hasBit(value, +key); }).map(function (key) {
          return facet.byKey[key];
        });
      });
    });
    var status = form.querySelector(".kb-facets-status");
    var headers = table.tHead.rows[0].cells;
    var sorter = window.Tablesort ? new window.Tablesort(table) : null;
    var pageSize = parseInt(table.dataset.pageSize, 10) || 200;
    var limit = pageSize;
    var more = document.createElement("p");
    more.className = "kb-more";
    more.hidden = true;
    var next = document.createElement("button");
    var all = document.createElement("button");
    next.type = all.type = "button";
    next.className = all.className = "md-button";
    all.textContent = "全部显示";
    more.append(next, " ", all);
    table.after(more);

    function apply() {
      var chosen = facets.map(function (facet) { return facet.select.value; });
      var counts = facets.map(function () { return Object.create(null); });
      var totals = facets.map(function () { return 0; });
      var matched = 0;
      // In the order the table shows them (a sort moves them), so that a page is the first matching rows.
      for (var r = 0; r < body.rows.length; r++) {
        var row = body.rows[r], values = row.kbValues, misses = 0, missed = -1;
        for (var f = 0; f < facets.length; f++) {
          if (chosen[f] && values[f].indexOf(chosen[f]) < 0) { misses++; missed = f; }
        }
        // A row counts for a facet's options when it matches every other facet chosen.
        for (f = 0; f < facets.length; f++) {
          if (misses === 0 || (misses === 1 && missed === f)) {
            totals[f]++;
            for (var v = 0; v < values[f].length; v++) {
              counts[f][values[f][v]] = (counts[f][values[f][v]] || 0) + 1;
            }
          }
        }
        if (misses === 0) matched++;
        var hide = misses > 0 || matched > limit;
        if (row.hidden !== hide) row.hidden = hide;
      }
      facets.forEach(function (facet, f) {
        Array.prototype.forEach.call(facet.select.options, function (option) {
          var count = option.value ? counts[f][option.value] || 0 : totals[f];
          option.textContent = option.dataset.label + "（" + count + "）";
          option.disabled = count === 0 && !option.selected;
        });
      });
      status.value = chosen.some(Boolean) ? "符合 " + matched + " 篇，共 " + total + " 篇" : "";
      var left = matched - Math.min(matched, limit);
      more.hidden = left === 0;
      next.textContent = "再显示 " + Math.min(left, pageSize) + " 篇（还有 " + left + " 篇）";
    }

    function sortChoice() {
      var header = sorter && sorter.current;
      if (!header) return "";
      return (header.getAttribute("aria-sort") === "descending" ? "-" : "") + header.dataset.sortKey;
    }

    function remember() {
      var params = new URLSearchParams();
      facets.forEach(function (facet) {
        if (facet.select.value) params.set(facet.name, facet.select.value);
      });
      if (sortChoice()) params.set("sort", sortChoice());
      writeAddress(params);
    }

    var asked = readAddress();
    facets.forEach(function (facet) {
      var wanted = asked.get(facet.name);
      var known = Array.prototype.some.call(facet.select.options, function (option) { return option.value === wanted; });
      if (wanted && known) facet.select.value = wanted;
    });
    var sort = asked.get("sort") || "";
    Array.prototype.forEach.call(headers, function (header) {
      if (!sorter || header.dataset.sortKey !== sort.replace(/^-/, "")) return;
      sorter.current = header;
      sorter.sortTable(header); // ascending first, as a click would
      if (sort.charAt(0) === "-") sorter.sortTable(header);
    });

    form.addEventListener("change", function () { limit = pageSize; apply(); remember(); });
    form.addEventListener("reset", function () {
      limit = pageSize;
      window.setTimeout(function () { apply(); remember(); }); // after the form has reset its fields
    });
    next.addEventListener("click", function () { limit += pageSize; apply(); });
    all.addEventListener("click", function () { limit = Infinity; apply(); });
    table.addEventListener("afterSort", function () { apply(); remember(); });
    apply();
    form.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
