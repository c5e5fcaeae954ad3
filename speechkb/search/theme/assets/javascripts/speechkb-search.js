/*
 * speechkb site search: Material for MkDocs' search box and result list, over speechkb's phrase index.
 *
 * Material's UI talks to a search worker with four messages (SETUP, READY, QUERY, RESULT); this file is
 * that worker, reading the static index in `search-index/` (written by speechkb.search.shards). It is
 * loaded twice:
 *
 * - as a page script, from the theme's `config` block, before Material's bundle runs: it points
 *   Material's configuration at this file as the worker and, when the page was opened from `file://`
 *   (where Chromium refuses both `new Worker` and `fetch`), replaces `Worker` for this URL with an
 *   in-page one that loads index files with `<script>` tags;
 * - as Material's worker, over http(s), where index files are fetched: packed ones (deflated bytes)
 *   inflated with the browser's DecompressionStream, when the manifest says the site has them.
 *
 * A query is normalised as the index was (traditional → simplified, full-width → ASCII, lower case, no
 * white space), split into character bigrams, and the pages that contain every bigram at consecutive
 * positions are the exact matches: all of them, above every partial match. A query that is or contains a
 * name of a sector or term (the manifest's synonym groups, from the vocabularies) also finds the pages
 * that use the entry's other names, after the exact matches and marked 同义; a query in quotation marks
 * searches its string only.
 */
(function () {
  "use strict"

  /* Material's SearchMessageType */
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

  var SHARD_PREFIX = "speechkbSearchShard("
  var WHITESPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
  var SNIPPET_PAGES = 10      /* pages whose text is fetched for snippets: the first screen of results */
  var PASSAGES_SHOWN = 3      /* passages shown per page; the rest fold into Material's "more" */
  var PARTIAL_LIMIT = 50      /* partial matches listed below the exact ones */
  var CONTEXT_BEFORE = 24     /* characters of a snippet before the first match */
  var SNIPPET_LENGTH = 110
  var ALTERNATIVES = 8        /* other names a query is also looked for under, at most */
  var CONCEPT_PREFIX = "=="   /* keys of concept lists: longer than any key of the text (speechkb.search.concepts) */
  var SUMMARY_FILES = 15      /* files of titles fetched per query, at most: the results listed are those they
                                 hold, all of them on a small site; a last line counts the rest */
  var QUOTED = /^\s*["“「『]([^"“”「」『』]+)["”」』]\s*$/  /* "危化品", “危化品”: the string only */

  var DIGITS = new Int8Array(128).fill(-1)
  for (var d = 0; d < ALPHABET.length; d++)
    DIGITS[ALPHABET.charCodeAt(d)] = d

  /* ----- normalisation: the same as speechkb.search.text ----------------------------------------- */

  function fold(text) {
    return text
      .replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0) })
      .replace(/[A-Z]/g, function (c) { return c.toLowerCase() })
  }

  function keyHash(key) {
    var hash = 0x811c9dc5
    for (var char of key)
      hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0
    return hash
  }

  /* A reader of the variable-length numbers of speechkb.search.codec: a list as base-64 text (a script's)
     or as bytes (a packed file's) */
  function reader(list) {
    var i = 0, text = typeof list === "string", more = text ? 32 : 128
    return {
      done: function () { return i >= list.length },
      rest: function () { return list.length - i },
      next: function () {
        var value = 0, scale = 1, digit
        do {
          digit = text ? DIGITS[list.charCodeAt(i++)] : list[i++]
          value += (digit & (more - 1)) * scale
          scale *= more
        } while (digit & more)
        return value
      }
    }
  }

  /* `text` matched against needles, in the original's code points: ranges [start, end) */
  function matchRanges(original, simplified, needles) {
    var chars = Array.from(original)
    var normal = Array.from(fold(simplified || original))
    var stripped = "", map = []
    for (var k = 0; k < normal.length; k++) {
      if (WHITESPACE.test(normal[k]))
        continue
      stripped += normal[k]
      for (var unit = 0; unit < normal[k].length; unit++)
        map.push(k)
    }
    var ranges = []
    needles.forEach(function (needle) {
      if (!needle)
        return
      for (var at = stripped.indexOf(needle); at >= 0; at = stripped.indexOf(needle, at + 1))
        ranges.push([map[at], map[at + needle.length - 1] + 1])
    })
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] })
    var merged = []
    ranges.forEach(function (range) {
      var last = merged[merged.length - 1]
      if (last && range[0] <= last[1])
        last[1] = Math.max(last[1], range[1])
      else
        merged.push(range.slice())
    })
    return { chars: chars, ranges: merged }
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]
    })
  }

  /* HTML for chars[from, to) with the ranges marked the way Material marks its own matches */
  function highlighted(chars, ranges, from, to) {
    var html = "", at = from
    ranges.forEach(function (range) {
      var start = Math.max(range[0], at), end = Math.min(range[1], to)
      if (start >= end)
        return
      html += escapeHTML(chars.slice(at, start).join(""))
      html += "<mark data-md-highlight>" + escapeHTML(chars.slice(start, end).join("")) + "</mark>"
      at = end
    })
    return html + escapeHTML(chars.slice(at, to).join(""))
  }

  function snippet(match) {
    var chars = match.chars, first = match.ranges.length ? match.ranges[0][0] : 0
    var from = Math.max(0, first - CONTEXT_BEFORE)
    var to = Math.min(chars.length, from + SNIPPET_LENGTH)
    from = Math.max(0, Math.min(from, to - SNIPPET_LENGTH))
    return (from > 0 ? "…" : "") + highlighted(chars, match.ranges, from, to) + (to < chars.length ? "…" : "")
  }

  /* ----- the index ------------------------------------------------------------------------------ */

  /* `load(name, packed)`: the data of an index file, in the form the manifest (always a script) says */
  function Index(load, options) {
    var cache = new Map(), self = this
    this.load = function (name) {
      if (!cache.has(name)) {
        var loaded = name === "manifest" ? load(name, false) : self.manifest.then(function (manifest) {
          return load(name, manifest.packed === true)
        })
        cache.set(name, loaded.catch(function (error) {
          cache.delete(name)
          throw error
        }))
      }
      return cache.get(name)
    }
    this.options = options
    this.manifest = this.load("manifest")
    this.manifest.catch(function () { /* reported on the first query */ })
  }

  /* Query text → { phrase, terms } in the index's normal form */
  Index.prototype.normalise = function (manifest, query) {
    var table = this.traditional || (this.traditional = traditionalTable(manifest.traditional))
    var simple = Array.from(query).map(function (c) { return table.get(c) || c }).join("")
    var terms = fold(simple).split(WHITESPACE).filter(Boolean)
    return { phrase: terms.join(""), terms: terms }
  }

  function traditionalTable(pairs) {
    var table = new Map(), chars = Array.from(pairs)
    for (var i = 0; i + 1 < chars.length; i += 2)
      table.set(chars[i], chars[i + 1])
    return table
  }

  /* The keys that prove a phrase, with their offsets: the bigrams at offsets 0, 2, 4, … and the last one
     cover every character, so a page has the phrase where it has them all at those offsets. Half the
     bigrams: half the posting lists to download. */
  function coverOf(text) {
    var chars = Array.from(text)
    if (chars.length === 1)
      return [{ key: chars[0], at: 0 }]
    var cover = []
    for (var i = 0; i + 1 < chars.length; i += 2)
      cover.push({ key: chars[i] + chars[i + 1], at: i })
    if (cover[cover.length - 1].at !== chars.length - 2)
      cover.push({ key: chars[chars.length - 2] + chars[chars.length - 1], at: chars.length - 2 })
    return cover
  }

  function coverKeys(text) {
    return coverOf(text).map(function (part) { return part.key })
  }

  Index.prototype.shard = function (kind, count, key) {
    return kind + "/" + keyHash(key) % count
  }

  /* { counts: key → Map(page → count), titles: key → Set(pages whose title has it), positions: key → its
     position list, still encoded: decoded only for the pages that need verifying; concepts: key → its
     concept list, still encoded }, for every key */
  Index.prototype.postings = async function (manifest, keys) {
    var self = this, counts = new Map(), titles = new Map(), positions = new Map(), concepts = new Map()
    await Promise.all(unique(keys).map(async function (key) {
      var shard = await self.load(self.shard("k", manifest.keyShards, key))
      var entry = shard[key] || ""  /* a script's "occurrences.positions", a packed file's [occurrences, positions] */
      var lists = typeof entry === "string" ? entry.split(".") : entry
      if (key.indexOf(CONCEPT_PREFIX) === 0)
        return concepts.set(key, lists[0])
      var pages = new Map(), titled = new Set(), read = reader(lists[0]), page = 0
      while (!read.done()) {
        page += read.next()
        var value = read.next()  /* 2 × count, plus 1 when the page's title has the key */
        pages.set(page, Math.floor(value / 2))
        if (value % 2)
          titled.add(page)
      }
      counts.set(key, pages)
      titles.set(key, titled)
      positions.set(key, lists[1] || "")
    }))
    return { counts: counts, titles: titles, positions: positions, concepts: concepts }
  }

  /* Map(page → sorted positions) for the pages in `wanted`; `counts`: the key's occurrences, Map(page →
     count) in page order, which say whose positions come next and how many */
  function decodePositions(encoded, counts, wanted) {
    var pages = new Map(), read = reader(encoded)
    counts.forEach(function (count, page) {
      var at = new Array(count), position = 0
      for (var i = 0; i < count; i++)
        at[i] = position = (i ? position : 0) + read.next()
      if (wanted.has(page))
        pages.set(page, at)
    })
    return pages
  }

  /* Map(page → occurrences of `text`) over every page that contains `text` exactly: the pages that have
     all its cover's keys, and for a text of three characters or more, have them at their offsets; and
     there, where the first occurrence starts, in `firsts` when given */
  function verify(text, occurrences, lists, firsts) {
    var cover = coverOf(text)
    var found = intersect(cover.map(function (part) { return occurrences.get(part.key) }))
    if (cover.length === 1 || found.size === 0)
      return found
    var positions = cover.map(function (part) {
      return decodePositions(lists.get(part.key), occurrences.get(part.key), found)
    })
    var exact = new Map()
    found.forEach(function (_, page) {
      var at = positions.map(function (pages) { return pages.get(page) })
      var driver = 0
      at.forEach(function (list, i) { if (list.length < at[driver].length) driver = i })
      var count = 0, first = -1
      at[driver].forEach(function (position) {
        var start = position - cover[driver].at
        if (at.every(function (list, i) { return i === driver || contains(list, start + cover[i].at) })) {
          if (!count)
            first = start
          count++
        }
      })
      if (count) {
        exact.set(page, count)
        if (firsts)
          firsts.set(page, first)
      }
    })
    return exact
  }

  /* The names the site knows in a phrase, leftmost and longest first, without overlaps: [{ at, name }],
     `at` counting characters */
  Index.prototype.namesIn = function (manifest, phrase) {
    var names = this.names || (this.names = new Set(manifest.names))
    var longest = this.longest || (this.longest = manifest.names.reduce(function (length, name) {
      return Math.max(length, Array.from(name).length)
    }, 0))
    var chars = Array.from(phrase), found = []
    for (var i = 0; i < chars.length;) {
      var length = Math.min(longest, chars.length - i), word = ""
      for (; length >= 2; length--) {
        word = chars.slice(i, i + length).join("")
        if (names.has(word))
          break
      }
      if (length >= 2) {
        found.push({ at: i, name: word })
        i += length
      } else {
        i++
      }
    }
    return found
  }

  /* A phrase typed without spaces, cut into the names the site knows (尾矿库疲劳驾驶 → 尾矿库, 疲劳驾驶)
     and the rest between them; [] unless that gives two words or more */
  Index.prototype.segment = function (manifest, phrase) {
    var chars = Array.from(phrase), words = [], at = 0
    var found = this.namesIn(manifest, phrase)
    found.forEach(function (hit) {
      if (hit.at > at)
        words.push(chars.slice(at, hit.at).join(""))
      words.push(hit.name)
      at = hit.at + Array.from(hit.name).length
    })
    if (at < chars.length)
      words.push(chars.slice(at).join(""))
    return found.length && words.length > 1 ? words : []
  }

  /* The phrase with each name in it replaced by another name of its sector or term: [{ phrase, name }].
     A name that contains another name of the same entry is left out: every page with it has the shorter
     one too (管行业必须管安全、管业务必须管安全… holds 管行业必须管安全). */
  Index.prototype.alternatives = function (manifest, phrase) {
    var groups = this.groups || (this.groups = synonymGroups(manifest))
    var chars = Array.from(phrase), found = []
    this.namesIn(manifest, phrase).forEach(function (hit) {
      var group = groups.get(hit.name) || []
      group.forEach(function (name) {
        if (name === hit.name || group.some(function (other) { return other !== name && name.indexOf(other) >= 0 }))
          return
        var before = chars.slice(0, hit.at).join(""), after = chars.slice(hit.at + Array.from(hit.name).length).join("")
        found.push({ phrase: before + name + after, name: name })
      })
    })
    return found.slice(0, ALTERNATIVES)
  }

  /* The concept list of the sector or term that `phrase` names, if it has other names: { key, names } */
  Index.prototype.conceptOf = function (manifest, phrase) {
    var pages = this.conceptPages || (this.conceptPages = new Map())
    if (!pages.size)
      namedPages(manifest).forEach(function (names, page) {
        if (names.length > 1)
          names.forEach(function (name) { pages.set(name, page) })
      })
    var page = pages.get(phrase)
    return page === undefined ? null : { key: CONCEPT_PREFIX + page, names: this.named.get(page) }
  }

  /* page → { count, found: [{ phrase, name }…] } from a concept list (speechkb.search.concepts): how
     often the page uses the entry's names, and which */
  function readConcept(list, names) {
    var found = new Map(), read = reader(list || ""), page = 0
    while (!read.done()) {
      page += read.next()
      var count = read.next(), bits = read.next()
      var used = names.filter(function (_, i) { return Math.floor(bits / Math.pow(2, i)) % 2 })
      used = used.filter(function (name) {  /* a name holding another one used there says nothing more */
        return !used.some(function (other) { return other !== name && name.indexOf(other) >= 0 })
      })
      found.set(page, { count: count, found: used.map(function (name) { return { phrase: name, name: name } }) })
    }
    return found
  }

  /* name → every name of its sector or term, from the pages' names in the manifest */
  function synonymGroups(manifest) {
    var groups = new Map()
    namedPages(manifest).forEach(function (group) {
      group.forEach(function (name) { groups.set(name, group) })
    })
    return groups
  }

  /* page → its names, for the pages that have names (a sector's, a term's) */
  function namedPages(manifest) {
    return new Map(manifest.named.map(function (entry) {
      return [entry[0], entry.slice(1).map(function (i) { return manifest.names[i] })]
    }))
  }

  /* The pages of `exact` whose title has the phrase: the key's title mark for a phrase of one key, the
     place of its first occurrence for a longer one (a page's text starts with its title) */
  Index.prototype.titled = function (manifest, phrase, exact, titles, firsts) {
    var lengths = this.titleLengths || (this.titleLengths = decodeAll(manifest.titles))
    var cover = coverOf(phrase), found = new Set()
    exact.forEach(function (_, page) {
      if (cover.length === 1 ? titles.get(cover[0].key).has(page) : firsts.get(page) < lengths[page])
        found.add(page)
    })
    return found
  }

  function decodeAll(text) {
    var numbers = [], read = reader(text)
    while (!read.done())
      numbers.push(read.next())
    return numbers
  }

  Index.prototype.search = async function (query) {
    var manifest = await this.manifest
    var quoted = QUOTED.exec(query)
    var normal = this.normalise(manifest, quoted ? quoted[1] : query)
    if (!normal.phrase)
      return { items: [] }
    var phraseKeys = coverKeys(normal.phrase)
    var terms = quoted ? [] : normal.terms.length > 1 ? normal.terms : this.segment(manifest, normal.phrase)
    /* A query that is a name of a sector or term: the entry's concept list gives the pages using its other
       names; one that contains a name: the phrase is also looked for with the name replaced */
    var named = this.named || (this.named = namedPages(manifest))
    var concept = quoted ? null : this.conceptOf(manifest, normal.phrase)
    var alternatives = quoted || concept ? [] : this.alternatives(manifest, normal.phrase)
    var others = alternatives.map(function (alternative) { return alternative.phrase })

    /* Which pages have each key, and where */
    var keys = phraseKeys.concat(concept ? [concept.key] : [], terms.concat(others).map(coverKeys).flat())
    var loaded = await this.postings(manifest, keys)
    var occurrences = loaded.counts, lists = loaded.positions

    /* Exact: the whole phrase. Then: the phrase under another name of its sector or term. Then: every
       word, apart. Then: most of the phrase's bigrams. */
    var firsts = new Map()
    var exact = verify(normal.phrase, occurrences, lists, firsts)
    var synonyms = new Map()  /* page → { count, found: [alternative…] } */
    if (concept)
      readConcept(loaded.concepts.get(concept.key), concept.names).forEach(function (hit, page) {
        if (!exact.has(page))
          synonyms.set(page, hit)
      })
    alternatives.forEach(function (alternative) {
      verify(alternative.phrase, occurrences, lists).forEach(function (count, page) {
        if (exact.has(page))
          return
        var hit = synonyms.get(page) || { count: 0, found: [] }
        hit.count += count
        hit.found.push(alternative)
        synonyms.set(page, hit)
      })
    })
    var synonymCounts = new Map(Array.from(synonyms, function (entry) { return [entry[0], entry[1].count] }))
    var all = intersect(terms.map(function (term) { return verify(term, occurrences, lists) }), true)
    exact.forEach(function (_, page) { all.delete(page) })
    synonyms.forEach(function (_, page) { all.delete(page) })
    var partial = partialMatches(phraseKeys, occurrences, [exact, synonymCounts, all])
    var titled = this.titled(manifest, normal.phrase, exact, loaded.titles, firsts)
    var ranked = rankExact(exact, titled, named, normal.phrase).concat(
      byCount(synonymCounts), byCount(all), Array.from(partial.keys()))

    /* What the listed results show, and the text of the first ones to cut snippets from */
    var listed = listable(ranked, manifest.pagesPerBlock)
    var shown = await Promise.all([this.summaries(manifest, listed), this.texts(listed.slice(0, SNIPPET_PAGES))])
    var summaries = shown[0], texts = shown[1]

    var total = ranked.length
    var items = listed.map(function (page, rank) {
        var tier = exact.has(page) ? "exact" : synonyms.has(page) ? "synonym" : all.has(page) ? "all" : "partial"
        var through = tier === "synonym" ? synonyms.get(page).found : []
        var needles = tier === "exact" ? [normal.phrase]
          : tier === "synonym" ? through.map(function (alternative) { return alternative.phrase })
          : tier === "all" ? terms
          : phraseKeys.filter(function (key) { return occurrences.get(key).has(page) })
        var names = unique(through.map(function (alternative) { return alternative.name }))
        return this.item(summaries.get(page), texts.get(page), needles, tier, query, total - rank, names)
      }, this)
    if (total > listed.length)
      items.push(this.rest(total, listed.length))
    return { items: items }
  }

  /* The best of the ranked pages whose summaries fit in SUMMARY_FILES files: all of them when they do */
  function listable(ranked, perBlock) {
    var blocks = new Set(), listed = []
    for (var i = 0; i < ranked.length; i++) {
      var block = Math.floor(ranked[i] / perBlock)
      if (!blocks.has(block)) {
        if (blocks.size === SUMMARY_FILES)
          break
        blocks.add(block)
      }
      listed.push(ranked[i])
    }
    return listed
  }

  /* The line after the listed results of a query that has more: how many, and what to do about them */
  Index.prototype.rest = function (total, listed) {
    return [{
      location: this.url("index"),
      title: "另有 " + (total - listed) + " 个结果未列出",
      text: "共 " + total + " 个结果，按相关程度列出前 " + listed + " 个。输入更具体的词语，或用空格分开几个词语，可缩小范围。",
      score: 0,
      terms: {}
    }]
  }

  Index.prototype.summaries = async function (manifest, pages) {
    var self = this, per = manifest.pagesPerBlock, found = new Map()
    var blocks = unique(pages.map(function (page) { return Math.floor(page / per) }))
    await Promise.all(blocks.map(async function (block) {
      var rows = await self.load("m/" + block)
      rows.forEach(function (row, i) { found.set(block * per + i, row) })
    }))
    return found
  }

  /* page → its passages, { h: [headings], p: [[text, anchor, heading number, simplified text]] } */
  Index.prototype.texts = async function (pages) {
    var self = this, found = new Map()
    if (!pages.length)
      return found
    var characters = this.load("c").then(function (table) { return self.characters || (self.characters = Array.from(table)) })
    await Promise.all(pages.map(async function (page) {
      var loaded = await Promise.all([self.load("d/" + page), characters])
      found.set(page, { h: loaded[0].h, p: loaded[0].p.map(function (row) { return decodedRow(row, loaded[1]) }) })
    }))
    return found
  }

  /* A passage row with its texts (first and fourth), written as character ranks (speechkb.search.characters),
     as text */
  function decodedRow(row, characters) {
    var decoded = row.slice()
    ;[0, 3].forEach(function (i) {
      if (i >= decoded.length)
        return
      var text = "", read = reader(decoded[i])
      while (!read.done())
        text += characters[read.next()]
      decoded[i] = text
    })
    return decoded
  }

  /* Names first (a sector for its own alias), then titles, then how often the page says it; `titled`:
     the pages whose title has the phrase, `named`: page → its names */
  function rankExact(exact, titled, named, phrase) {
    var weight = new Map()
    exact.forEach(function (count, page) {
      var names = named.get(page) || []
      weight.set(page, [
        names.indexOf(phrase) >= 0 ? 1 : 0,
        titled.has(page) ? 1 : 0,
        names.some(function (name) { return name.indexOf(phrase) >= 0 }) ? 1 : 0,
        count
      ])
    })
    return Array.from(exact.keys()).sort(function (a, b) {
      var x = weight.get(a), y = weight.get(b)
      for (var i = 0; i < x.length; i++)
        if (x[i] !== y[i])
          return y[i] - x[i]
      return a - b
    })
  }

  function byCount(pages) {
    return Array.from(pages.keys()).sort(function (a, b) {
      return pages.get(b) - pages.get(a) || a - b
    })
  }

  /* Pages with more than half of the keys that prove the phrase (coverOf), most first, not already found */
  function partialMatches(keys, occurrences, found) {
    var distinct = unique(keys)
    if (distinct.length < 2)
      return new Map()
    var hits = new Map()
    distinct.forEach(function (key) {
      occurrences.get(key).forEach(function (count, page) {
        if (found.some(function (pages) { return pages.has(page) }))
          return
        var hit = hits.get(page) || [0, 0]
        hit[0]++
        hit[1] += count
        hits.set(page, hit)
      })
    })
    var needed = Math.floor(distinct.length / 2) + 1
    var pages = Array.from(hits.keys())
      .filter(function (page) { return hits.get(page)[0] >= needed })
      .sort(function (a, b) {
        return hits.get(b)[0] - hits.get(a)[0] || hits.get(b)[1] - hits.get(a)[1] || a - b
      })
      .slice(0, PARTIAL_LIMIT)
    return new Map(pages.map(function (page) { return [page, hits.get(page)[0]] }))
  }

  /* One result group in Material's shape: the page, then its best passages. `synonyms`: the other names
     of the query's sector or term the page was found through, marked on each passage. */
  Index.prototype.item = function (row, text, needles, tier, query, score, synonyms) {
    var page = row[0], location = this.url(page)
    var title = matchRanges(row[1], row[3], needles)
    var terms = {}
    terms[query.trim()] = tier !== "partial"
    var mark = synonyms.length
      ? "<span class=\"speechkb-synonym\">同义：" + escapeHTML(synonyms.join("、")) + "</span> " : ""
    var article = {
      location: location,
      title: highlighted(title.chars, title.ranges, 0, title.chars.length),
      text: mark + escapeHTML(row[2]),
      score: score,
      terms: terms
    }
    var group = [article]
    if (!text)
      return group
    text.p.forEach(function (passage) {
      var match = matchRanges(passage[0], passage[3], needles)
      if (!match.ranges.length)
        return
      var written = {}
      var first = match.ranges[0]
      written[match.chars.slice(first[0], first[1]).join("")] = tier !== "partial"
      var heading = passage[2] >= 0 ? text.h[passage[2]] : row[1]
      var headingMatch = matchRanges(heading, null, needles)
      group.push({
        location: location + (passage[1] ? "#" + passage[1] : ""),
        title: highlighted(headingMatch.chars, headingMatch.ranges, 0, headingMatch.chars.length),
        text: mark + snippet(match),
        score: group.length <= PASSAGES_SHOWN ? score : score - 0.5,
        terms: tier === "partial" ? terms : written
      })
    })
    if (group.length > 1)
      article.terms = group[1].terms
    return group
  }

  Index.prototype.url = function (page) {
    if (!this.options.directoryUrls)
      return page + ".html"
    if (page === "index")
      return ""
    return /\/index$/.test(page) ? page.slice(0, -"index".length) : page + "/"
  }

  /* ----- helpers ----------------------------------------------------------------------------------- */

  function unique(values) {
    return Array.from(new Set(values))
  }

  function intersect(maps, sum) {
    if (!maps.length || maps.some(function (map) { return !map }))
      return new Map()
    var smallest = maps.reduce(function (a, b) { return a.size <= b.size ? a : b })
    var result = new Map()
    smallest.forEach(function (count, page) {
      if (maps.every(function (map) { return map.has(page) }))
        result.set(page, sum ? maps.reduce(function (total, map) { return total + map.get(page) }, 0) : count)
    })
    return result
  }

  function contains(sorted, value) {
    var low = 0, high = sorted.length - 1
    while (low <= high) {
      var mid = (low + high) >> 1
      if (sorted[mid] === value)
        return true
      if (sorted[mid] < value)
        low = mid + 1
      else
        high = mid - 1
    }
    return false
  }

  /* ----- loading index files ------------------------------------------------------------------- */

  function indexBase(scriptUrl) {
    return new URL("../../search-index/", scriptUrl)
  }

  /* In a worker: fetch the file; a script: read the JSON between its prefix and suffix; a packed file:
     inflate it and read it (unpack) */
  function fetchLoader(base) {
    return function (name, packed) {
      return fetch(new URL(name + (packed ? ".bin" : ".js"), base)).then(function (response) {
        if (!response.ok)
          throw new Error("search index file " + name + ": HTTP " + response.status)
        if (!packed)
          return response.text().then(function (text) {
            return JSON.parse(text.slice(SHARD_PREFIX.length, text.lastIndexOf(")")))[1]
          })
        var inflated = response.body.pipeThrough(new DecompressionStream("deflate"))
        return new Response(inflated).arrayBuffer().then(function (buffer) {
          return unpack(name, new Uint8Array(buffer))
        })
      })
    }
  }

  /* A packed file's data (speechkb.search.shards): a header's length, the header ["NAME", DATA] with each
     list as its length in bytes, then the lists in the header's order. A shard's DATA is [key, lists…]
     rows: as an object, { key: [occurrences, positions] }, which postings reads as it reads a script's. */
  function unpack(name, bytes) {
    var read = reader(bytes), size = read.next(), start = bytes.length - read.rest()
    var header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start, start + size)))
    var at = start + size
    function take(length) {
      if (!(length >= 0 && at + length <= bytes.length))
        throw new Error("search index file " + name + " is damaged")
      return bytes.subarray(at, at += length)
    }
    if (header[0] !== name)
      throw new Error("search index file " + name + " holds " + header[0])
    var data = header[1]
    if (name[0] === "k") {
      var shard = {}
      data.forEach(function (row) { shard[row[0]] = row.slice(1).map(take) })
      data = shard
    } else if (name[0] === "d") {
      data.p.forEach(function (row) {
        ;[0, 3].forEach(function (i) { if (i < row.length) row[i] = take(row[i]) })
      })
    }
    if (at !== bytes.length)
      throw new Error("search index file " + name + " is damaged")
    return data
  }

  /* In a page (file://): run the file as a script; it hands its data to speechkbSearchShard. Packed files
     cannot be read there: fetch is refused. */
  function scriptLoader(base) {
    var waiting = new Map()
    self.speechkbSearchShard = function (shard) {
      var resolve = waiting.get(shard[0])
      if (resolve)
        resolve(shard[1])
    }
    return function (name, packed) {
      if (packed)
        return Promise.reject(new Error("search index file " + name + " is packed: a copy for file:// is built with --offline"))
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script")
        script.src = new URL(name + ".js", base).href
        script.onload = script.onerror = function () {
          script.remove()
          if (waiting.delete(name))
            reject(new Error("search index file " + name + " did not load"))
        }
        waiting.set(name, function (data) {
          waiting.delete(name)
          resolve(data)
        })
        document.head.appendChild(script)
      })
    }
  }

  /* The worker's side of Material's protocol; `post` sends a message to Material */
  function service(scriptUrl, load, post) {
    var settings = new URLSearchParams(scriptUrl.hash.slice(1))
    var index = new Index(load, { directoryUrls: settings.get("urls") !== "file" })
    var latest = 0
    setTimeout(function () { post({ type: READY }) })
    return async function (message) {
      if (message.type !== QUERY)
        return  /* SETUP carries Material's lunr configuration, which this index does not need */
      var ticket = ++latest, data
      try {
        data = await index.search(message.data)
      } catch (error) {
        console.warn("speechkb search: " + error)
        data = { items: [] }
      }
      if (ticket === latest)  /* a newer query is on its way: its result replaces this one */
        post({ type: RESULT, data: data })
    }
  }

  /* ----- start ----------------------------------------------------------------------------------- */

  if (typeof document === "undefined") {
    var handle = service(new URL(self.location.href), fetchLoader(indexBase(self.location.href)), function (message) {
      self.postMessage(message)
    })
    self.addEventListener("message", function (event) { handle(event.data) })
    return
  }

  var script = document.currentScript
  var element = document.getElementById("__config")
  var config = JSON.parse(element.textContent)
  var worker = new URL(script.src)
  /* In the fragment, so that the worker's request is the page's, from the cache */
  worker.hash = "urls=" + script.getAttribute("data-urls")
  config.search = worker.href
  element.textContent = JSON.stringify(config)

  if (location.protocol === "file:") {
    var NativeWorker = self.Worker
    var InPageWorker = function (url) {
      var target = new EventTarget()
      var handle = service(new URL(url), scriptLoader(indexBase(url)), function (message) {
        target.dispatchEvent(new MessageEvent("message", { data: message }))
      })
      target.postMessage = function (message) { setTimeout(function () { handle(message) }) }
      target.terminate = function () {}
      return target
    }
    self.Worker = function (url, options) {
      return String(url) === worker.href ? new InPageWorker(url) : new NativeWorker(url, options)
    }
  }
})()
