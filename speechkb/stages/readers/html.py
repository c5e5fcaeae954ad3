"""``.html``/``.htm``: a web page saved from a browser → the article's lines, and what the page states about it.

Staff save speeches from government sites: the article stands among menus, breadcrumbs, a 发布时间/来源 line,
share buttons, 上一篇/下一篇, related links and a footer, in UTF-8 or, on older sites, GBK. The page is decoded
as it says (a byte order mark, then its ``<meta charset>``), else as its bytes say (the detection ``.txt``
files get), and parsed with lxml. A page saved as one file is read here too (:func:`read_page`), once
:mod:`~speechkb.stages.readers.mht` has taken it out of its file; the charset its part states is then tried
before its bytes are.

Where the article is, readability-lxml decides (Mozilla Readability's scoring of blocks by their text, commas and
class names). Its cleaned output is not taken as the text: cleaning drops short lists and small tables of the
article (a list of three tasks is gone without a word). The elements it keeps only mark where the article
is: every piece of text from the first of them to the end of the last, as the page holds it, becomes lines.
Where the page shows the article's title (the one its meta tags or ``<title>`` state) a few short lines above the
first of them, the stretch starts at the title: what stands between, a byline set in a block of its own (副县长
马某某 in a 副标题 ``<div>``), a ——subtitle and the 发布时间 line, is the article's front. Where no such title stands
there, the stretch starts at the first text under the page's navigation a few short lines above (a title shown only
in a ``<div class="title">``, its 日期 line). A WeChat post's title is not drawn in: it is the post's, and the
speech's own stands in its text. The stretch ends at the last text before the page's navigation begins below it (a
link to another page, a list of links, a block readability counts out by its class, a footer): the article's own
text readability left in a block of its own (its closing and signature, a video's caption, the 附件 links to its
files, 责任编辑) is read; more text there than an article's ending has is left out with a warning, never silently.
Menus, breadcrumbs and footers outside that stretch are left out; chrome inside it (a share bar, the
发布时间 line, 上一篇/下一篇) reaches the parser as lines of their own, which sets them apart (原文附注) by
``vocabularies/chrome.yml``. A page in which readability finds no article is read whole. A line break is
where the page's own blocks break (``<p>``, ``<div>``, ``<h1>``…, ``<li>``, a table's row, ``<br>``); cells of a
row are one line. A ``<br>`` inside a block is told apart (:attr:`~speechkb.model.Line.soft_break`): editors put
one in the middle of a sentence too, and the layout stage joins the lines again where the text runs on. Scripts, styles, hidden elements and form controls are never text, so nothing of them runs
or reaches the page (a copy of the article kept hidden for printing is read once), but for the text a script shows
once the page has loaded (a WeChat post saved as its source keeps its text ``visibility: hidden``). A picture of the article (``<img>``) is named where it stands, ``［图片］`` (with its alt text
when that describes it), as a ``.docx``'s is; a tracking pixel or an icon, stated a few pixels in size, is not.

A page Word saved (文件 → 另存为 → 网页: its ``Generator`` or ``ProgId`` meta tag names Word) is a document,
with no site around it: it is read whole, its footnotes and endnotes (Word's ``mso-element:footnote-list``)
as the speech's footnotes. The number Word draws before a list paragraph (``一、`` in a ``mso-list:Ignore``
span, which a page pasted from Word holds too) is written as a ``.docx``'s is: the spaces Word draws for the
tab after it are no text.

The page's title, publication date and source (来源) are read where the page states them by its tags: its meta
tags (the government-site ``ArticleTitle``/``PubDate``/``ContentSource``, Open Graph, schema.org; a WeChat
article's time posted, which it states in no meta tag), else its ``<title>`` (the part of it the page also shows
as a line, which is not the site's name its meta tags give), each with the words it was read from as evidence
(:attr:`~speechkb.model.Origin.PAGE`). What the page states in words (its 发布时间：/来源： line) is a matter of
words, which live in ``vocabularies/metadata.yml``: the reader hands on the page's every line and its elements'
own texts (:attr:`~speechkb.model.Source.page_lines`), and the parse reads them (:mod:`speechkb.stages.infer.page`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import filetype

from speechkb.model import Diagnostic, Evidence, Metadata, Origin, Severity
from speechkb.stages.readers.base import IMAGE, RawCell, RawTable, RawText, Reader, ReadError, unshown_mark
from speechkb.stages.readers.text import decode

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # UTF-8 and UTF-16 (and UTF-32) saved with a byte order mark
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
# A page that says gb2312 or gbk is GBK in every browser, and GB18030 reads GBK.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
_TAG = re.compile(r"<(?:!doctype|html|head|body|p|div|br|table|span|title|meta)\b", re.IGNORECASE)

# Never text: what runs, what styles, what is not shown, what a form asks for.
_DROPPED = (
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "canvas",
    "button",
    "select",
    "textarea",
    "input",
    "audio",
    "video",
    "map",
)
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*display\s*:\s*none", re.IGNORECASE)
# Hidden until a script shows it: the text of a WeChat post saved as its source (js_content, visibility: hidden), as
# well as what a page never shows.
_UNSHOWN_STYLE = re.compile(r"(?:^|;)\s*visibility\s*:\s*hidden", re.IGNORECASE)
_INDENT_STYLE = re.compile(r"text-indent\s*:\s*(?!0(?:\D|$))\d", re.IGNORECASE)
# Elements that begin and end a line of text (a <td> or <th> separates the cells of its row by a space).
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog"),
        *("dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4"),
        *("h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre"),
        *("section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul"),
    }
)
_CELLS = frozenset({"td", "th"})
_COLLAPSED = re.compile(r"[ \t\n\r\f]+")  # white space HTML collapses; U+3000 and &nbsp; it shows as they are
_ID = "data-speechkb"
# Word's own page: the program its meta tags name (Microsoft Word 15, Microsoft Word 15 (filtered), Word.Document).
_WORD_META = {"generator": "microsoft word", "progid": "word.document"}
_WORD_NOTES = re.compile(r"mso-element\s*:\s*(?:footnote|endnote)-list", re.IGNORECASE)
_WORD_LIST_LABEL = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)

# An image of the article is marked where it stands, as a .docx's is (［图片］): a reader sees a picture was there.
# Not every <img> is a picture of the article: a tracking pixel (width="0"/"1"), a share or print icon, a bullet
# or a rule line is drawn a few pixels wide or high. One stated that small is no picture and no mark.
_ICON_PIXELS = 32
_STYLE_SIZE = re.compile(r"(?:^|;)\s*(?:width|height)\s*:\s*(\d+(?:\.\d+)?)\s*px", re.IGNORECASE)
_IMAGE_SOURCES = ("src", "data-src", "data-original")  # lazy-loading pages (WeChat) hold the address in data-src
# An alt text describes the picture only when it is words: not a file name (1.jpg), nor a word for "image".
_FILE_NAME = re.compile(r"\.[A-Za-z]{3,4}$|^[\w\-./:?=&%]*$", re.ASCII)  # ASCII: a Chinese alt is words
_NOT_A_DESCRIPTION = frozenset({"图片", "图像", "照片", "配图", "插图", "image", "img", "picture", "photo"})

# A WeChat article states the time it was posted in no meta tag: the page shows it (<em id="publish_time">), and
# its script holds it as a Unix time (var ct = "1709712000"), which the saved page keeps when the shown time is
# left for the script to fill in. Read as meta tags are, after them.
_WECHAT_SHOWN, _WECHAT_POSTED = "wechat:publish_time", "wechat:ct"
_WECHAT_CT = re.compile(r"""\bvar\s+ct\s*=\s*["'](\d{9,10})["']""")
_WECHAT_ZONE = dt.timezone(dt.timedelta(hours=8))  # the time the account posted in is China's
# Meta tags that state the article's title, publication date and source, by name or property (lower case).
_TITLE_META = ("articletitle", "og:title", "twitter:title", "dc.title", "headline")
_DATE_META = (
    "pubdate",
    "publishdate",
    "publish_date",
    "article:published_time",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "firstpublishedtime",
    "og:release_date",
    _WECHAT_SHOWN,
    _WECHAT_POSTED,
)
_SOURCE_META = ("contentsource", "source", "dc.publisher", "publisher")
_SITE_META = ("sitename", "og:site_name")
_TITLE_SEPARATORS = re.compile(r"(\s*(?:_|\||｜|--+|——|—|(?<!\d)[-–](?!\d)|::)\s*)")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


class HtmlReader(Reader):
    """A saved web page: the article's lines (see the module), and its stated title, date and source."""

    suffixes = (".html", ".htm")

    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        return read_page(path, *decoded_page(path, data, diagnostics), diagnostics)


def read_page(path: Path, text: str, encoding: str, diagnostics: list[Diagnostic]) -> RawText:
    """The lines of a saved page's decoded ``text`` and what it states (see the module); ``encoding`` is what it was
    decoded from. A page's every form (``.html``, a ``.txt`` of its source, the HTML inside a ``.mht``) is read by it;
    text of the page that may be the article's and is left out is said in ``diagnostics``."""
    import lxml.etree
    import lxml.html

    if not _TAG.search(text):
        raise ReadError(path, "not a web page: there is no HTML tag in it (a text file? name it .txt)")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses an encoding declaration in decoded text
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as error:
        raise ReadError(path, f"damaged web page: {error}") from None
    head = _meta_tags(root)
    _drop_never_text(root)
    _word_list_labels(root)
    body = root.find("body")
    if body is None:
        body = root
    for number, element in enumerate(body.iter()):
        if isinstance(element.tag, str):
            element.set(_ID, str(number))
    page = _lines(body, None)
    article = None if _saved_by_word(head) else _article(root, body)
    # A WeChat post's title is the post's (重磅｜…（全文）), over its account's line: the speech's own stands in the text.
    posted = _WECHAT_SHOWN in head or _WECHAT_POSTED in head
    if article is not None and not posted:
        titles = _titles(head)
        title = _title_above(article[0], titles)
        article = (title if title is not None else _start_above(article[0], titles), article[1])
    if article is not None:
        end, left_out = _end_below(*article)
        article = (article[0], end)
        if left_out:
            diagnostics.append(_left_out(path, left_out))
    read = page if article is None else _lines(body, article)
    stated, evidence = _stated(head, read.lines)
    return RawText(
        read.lines,
        encoding,
        tables=read.tables,
        stated=stated,
        stated_evidence=evidence,
        soft_breaks=read.soft_breaks,
        footnotes=read.footnotes,
        page_lines=tuple(page.lines),
        page_fields=tuple(_fields(body)),
    )


def decoded_page(
    path: Path, data: bytes, diagnostics: list[Diagnostic], declared: str | None = None
) -> tuple[str, str]:
    """The page's text and its encoding: by its byte order mark, else its ``<meta charset>`` when the bytes are in
    it, else the charset ``declared`` outside the page (a ``.mht``'s part says one) when they are in that, else
    detected."""
    kind = filetype.guess(data)
    if kind is not None:
        raise ReadError(path, f"not a web page: the file is {kind.mime} (.{kind.extension})")
    if data.startswith(_BOMS):
        return decode(path, data, diagnostics)
    if b"\x00" in data:
        raise ReadError(path, "not a web page: the file contains NUL bytes (binary data)")
    meta = _META_CHARSET.search(data[:4096])
    for charset in (meta.group(1).decode("ascii") if meta else None, declared):
        if charset:
            name = _CHARSET_ALIASES.get(charset.lower(), charset.lower())
            with suppress(LookupError, UnicodeDecodeError):
                return data.decode(name), name
    return decode(path, data, diagnostics)  # no charset, or none its bytes are in: as a .txt is read


def _meta_tags(root: HtmlElement) -> dict[str, tuple[str, str]]:
    """The page's meta tags (name or property, lower case → (value, the tag as written)), its JSON-LD and title."""
    found: dict[str, tuple[str, str]] = {}
    for meta in root.iter("meta"):
        attribute = next((name for name in ("name", "property", "itemprop") if meta.get(name)), None)
        content = " ".join((meta.get("content") or "").split())
        if attribute and content and (key := str(meta.get(attribute))).lower() not in found:
            found[key.lower()] = (content, f'<meta {attribute}="{key}" content="{content}">')
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        with suppress(ValueError):
            for item in _json_items(json.loads(script.text)):
                for key in ("headline", "datePublished"):
                    value = item.get(key)
                    if isinstance(value, str) and value.strip() and key.lower() not in found:
                        found[key.lower()] = (value.strip(), f'"{key}": "{value.strip()}"')
    found.update(_wechat_times(root))
    title = root.find(".//title")
    if title is not None and (text := " ".join(title.text_content().split())):
        found["<title>"] = (text, f"<title>{text}</title>")
    return found


def _wechat_times(root: HtmlElement) -> dict[str, tuple[str, str]]:
    """A WeChat article's posting time, as its page shows it and as its script holds it (see _WECHAT_CT), each with
    the words it was read from; a script's Unix time is given as the day it was in China."""
    found: dict[str, tuple[str, str]] = {}
    for shown in root.xpath('//*[@id="publish_time"]'):
        if text := " ".join(shown.text_content().split()):
            found[_WECHAT_SHOWN] = (text, f'<{shown.tag} id="publish_time">{text}</{shown.tag}>')
            break
    for script in root.iter("script"):
        if match := _WECHAT_CT.search(script.text or ""):
            day = dt.datetime.fromtimestamp(int(match.group(1)), _WECHAT_ZONE).date().isoformat()
            found[_WECHAT_POSTED] = (day, match.group(0))
            break
    return found


def _saved_by_word(head: dict[str, tuple[str, str]]) -> bool:
    return any(head.get(key, ("", ""))[0].lower().startswith(name) for key, name in _WORD_META.items())


def _word_list_labels(root: HtmlElement) -> None:
    """Each list number Word drew (``一、`` then non-breaking spaces for the tab after it) as a ``.docx``'s is
    read: the number, and a space after it only when it ends in a letter or digit (``第一部分 ``)."""
    labels = [e for e in root.iter() if isinstance(e.tag, str) and _WORD_LIST_LABEL.search(e.get("style") or "")]
    for label in labels:
        number = label.text_content().rstrip(" \t\n\r\f\u00a0")
        tail = label.tail
        label.clear()  # its children (the tab's spaces) go, and its tail with them: the tail is put back
        label.text, label.tail = number + (" " if number[-1:].isalnum() else ""), tail


def _json_items(data: object) -> Iterator[dict[str, object]]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _json_items(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_items(value)


def _drop_never_text(root: HtmlElement) -> None:
    """Scripts, styles, hidden elements and form controls taken out of the tree: they are never text.

    But for an element kept invisible (``visibility: hidden``) that holds most of the page's text: that is the
    article its script shows once the page has loaded (a WeChat post's ``js_content``, saved as its source), not
    text the page never shows (a copy kept for printing holds half the text at most, beside the one shown)."""
    doomed = [
        element
        for element in root.iter()
        if not isinstance(element.tag, str)  # comments, processing instructions
        or element.tag in _DROPPED
        or element.get("hidden") is not None
        or _HIDDEN_STYLE.search(element.get("style") or "")
    ]
    _drop(doomed)
    unshown = [element for element in root.iter() if _UNSHOWN_STYLE.search(element.get("style") or "")]
    text = len(_squash(root.text_content()))
    for element in unshown:
        if 2 * len(_squash(element.text_content())) <= text:
            _drop([element])
        else:  # shown as its script shows it, so readability too reads it as the page's
            element.set("style", _UNSHOWN_STYLE.sub("", element.get("style") or ""))


def _drop(elements: list[HtmlElement]) -> None:
    for element in elements:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail: the text after a dropped element is still the page's


def _article(root: HtmlElement, body: HtmlElement) -> tuple[HtmlElement, HtmlElement] | None:
    """The element where the article's text starts and the one where it ends, as readability finds them; None
    when it finds none.

    Readability keeps an article's container and cleans it: its kept text is the article, and what it cleaned
    away between two pieces of kept text (a short list, a table) is restored by taking the whole stretch. What
    it cleaned away around its container's kept text (the menu in a layout table's other cell) stays out.
    """
    import logging

    import lxml.etree
    import lxml.html
    from readability import Document
    from readability.readability import Unparseable

    logging.getLogger("readability").setLevel(logging.CRITICAL)  # it logs a traceback for every page it gives up on
    try:
        summary = lxml.html.fromstring(Document(root).summary(html_partial=True))
        # Readability scores the text of a <p>, and of a <div> that holds no block, as a paragraph; a WeChat editor
        # (秀米, 135编辑器) may set every paragraph in a <section> of its own, which it does not score, and then finds a
        # QR code's <p> the article. Where what it keeps is less than half the page's text, such a <section> is read
        # as the paragraph such a <div> is (the page shows them alike), and readability asked again.
        sections = [element for element in body.iter("section") if not any(e.tag in _BLOCKS for e in element)]
        if sections and 2 * len(_squash(summary.text_content())) < len(_squash(body.text_content())):
            for section in sections:
                section.tag = "div"
            summary = lxml.html.fromstring(Document(root).summary(html_partial=True))
    except (Unparseable, lxml.etree.ParserError):
        return None
    numbered = {element.get(_ID): element for element in body.iter() if isinstance(element.tag, str)}
    owners: set[HtmlElement] = set()  # the page's elements whose own text readability kept
    for kept in summary.iter():
        if (kept.text or "").strip() or any((child.tail or "").strip() for child in kept):
            owner = (
                next((e for e in kept.iterancestors() if e.get(_ID) is not None), None)
                if kept.get(_ID) is None
                else kept
            )
            if owner is not None and owner.get(_ID) in numbered:
                owners.add(numbered[owner.get(_ID)])
    if not owners:
        return None
    first = min(owners, key=_number)
    last = max(owners, key=lambda element: (_last_descendant(element), -_number(element)))
    if first is body:
        return None
    return first, last


# Between a page's title and its article's first paragraph stand a byline in a block of its own (副县长　马某某), a
# ——subtitle, the 发布时间/来源 line: a few short lines, this many characters at most.
_FRONT_CHARACTERS = 200
# A link that leads nowhere else: a script (javascript:doZoom(16), javascript:window.print()), a place on the page.
_IN_PAGE_LINK = re.compile(r"\s*(?:javascript:|#|$)", re.IGNORECASE)
# A link to a file the article attaches (附件：1.工作方案.docx): its path ends in a suffix no web page's does.
_FILE_LINK = re.compile(
    r"\.(?!s?html?$|xhtml$|jsp$|aspx?$|php$|do$|action$|cgi$)[A-Za-z0-9]{2,5}(?:[?#].*)?$", re.IGNORECASE
)
# Blocks a page sets its menus, its links to other sites and its footer in: never an article's.
_NAVIGATION_BLOCKS = frozenset({"nav", "header", "footer", "aside"})
# Text after the article, before the page's navigation, that may be the article's own: its closing and signature, a
# caption, its attachments and editor. More than this many characters is some other part of the page.
_TAIL_CHARACTERS = 2000
_SHOWN_LEFT_OUT = 60  # characters of text left out that a warning quotes


def _titles(head: dict[str, tuple[str, str]]) -> set[str]:
    """The titles the page states for its article: its title meta tags, and the longest part of its ``<title>``
    (the others name its column and its site)."""
    stated = [value for key, (value, _) in head.items() if key in _TITLE_META]
    if "<title>" in head:
        stated.append(max(_TITLE_SEPARATORS.split(head["<title>"][0])[::2], key=len))
    return {_squash(text) for text in stated} - {""}


def _title_above(start: HtmlElement, titles: set[str]) -> HtmlElement | None:
    """The element showing the article's title a few short lines above ``start``, where readability begins the
    article, if one does. Its lines down to the article are the article's front: a byline the page sets in a block
    of its own (a 副标题 ``<div>``), which names the speaker, and the page's 发布时间 line, which the parse sets
    apart. None when no title stands that close, or a link to another page stands between (a menu, a breadcrumb:
    the site's name above them is no title, though the page's ``<title>`` names it; the 打印 and 大 中 小 links of
    the info bar run a script), or the article already opens with its title (another copy above it, a
    政府信息公开 record's 名称, is not the article's)."""
    if any(_squash(start.text_content()).startswith(title) for title in titles):
        return None
    between = 0
    for element in _preceding(start):
        if not isinstance(element.tag, str):
            continue
        if _squash(element.text_content()) in titles:
            return element
        if element.tag == "a" and not _IN_PAGE_LINK.match(element.get("href") or ""):
            return None
        between += len(_squash(element.text or "")) + len(_squash(element.tail or ""))
        if between > _FRONT_CHARACTERS:
            return None
    return None


def _end_below(first: HtmlElement, last: HtmlElement) -> tuple[HtmlElement, str]:
    """Where the article that starts at ``first`` ends: at ``last``, where readability ends it, or further down at the
    last text before the page's navigation begins, inside the block that holds the article's blocks (the page's
    footer below it, in a block of its own, is the page's), and the text left out between them when there is too
    much of it to be the article's.

    Readability keeps the block it scores highest; the article's own text after it is often in a block of its own:
    its closing paragraph and signature in a sibling ``<div>``, a video's caption, the 附件 links to its files (a
    link to a file is the article's), the 责任编辑 line. They are read as the article's lines, where the parse
    tells the speech's ending from the page's lines it sets apart. What begins the page's navigation (a link to
    another page, a list of links, a ``<nav>`` or ``<footer>``, a heading over another part of the page such as
    专题专栏) is the page's, and so is all that follows it."""
    ends: list[tuple[HtmlElement, str]] = [(last, "")]  # each element with text after it, and its text
    holding = set(last.iterancestors())
    common = next((holder for holder in [first, *first.iterancestors()] if holder is last or holder in holding), None)
    bound = common.getparent() if common is not None else None
    for element in _following(last):
        if (
            element.tag in _HEADINGS
            or _navigation(element)
            or (bound is not None and bound not in set(element.iterancestors()))
        ):
            # A link's label opens its line (上一篇：<a …>, <span>分享到：</span><a …>): the line is the navigation's.
            line = _block_of(element)
            while len(ends) > 1 and (
                ends[-1][0] is line or (ends[-1][0].tag not in _BLOCKS and _block_of(ends[-1][0]) is line)
            ):
                ends.pop()
            break
        if own := _squash(element.text or ""):
            ends.append((element, own))
        parent = element.getparent()
        if (tail := _squash(element.tail or "")) and parent is not None and parent not in holding:
            ends.append((parent, tail))  # the text after an element is its parent's, which ends after it
    text = "".join(own for _, own in ends)
    if len(text) > _TAIL_CHARACTERS:
        return last, text
    return ends[-1][0], ""


def _start_above(first: HtmlElement, titles: set[str]) -> HtmlElement:
    """Where the article starts when no title the page states stands above it: at ``first``, where readability
    starts it, when it opens with such a title, else up at the first text below the page's navigation, a few short
    lines above (a title the page shows only in a ``<div class="title">``, its 日期 line), which the parse reads as
    the article's front."""
    if any(_squash(first.text_content()).startswith(title) for title in titles):
        return first
    start, characters = first, 0
    for element in _preceding(first):
        if _navigation(element):
            break
        characters += len(_squash(element.text or "")) + len(_squash(element.tail or ""))
        if characters > _FRONT_CHARACTERS:
            break
        if _squash(element.text or "") or _squash(element.tail or ""):
            start = element
    return start


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A trail of the page's place in its site, its links lost or never made (当前位置：首页 > 政务公开 > 领导讲话).
_TRAIL = re.compile(r"[^>＞»›]{1,12}(?:[>＞»›][^>＞»›]{1,12}){2,}")


def _navigation(element: HtmlElement) -> bool:
    """Whether ``element`` begins a page's navigation: a link to another page (not a script, nor a file to download),
    a list whose every item is a link (相关新闻, 上一篇/下一篇), a block a page's menus and footer are set in, or one
    whose class or id readability counts as no article's (``class="foot"``, ``xxgk-tools``, ``related``)."""
    if element.tag in _NAVIGATION_BLOCKS or _counted_out(element):
        return True
    if element.tag in _BLOCKS and _TRAIL.fullmatch(_squash(element.text_content())):
        return True
    if element.tag == "a":
        href = (element.get("href") or "").strip()
        return bool(href) and not _FILE_LINK.search(href)
    if element.tag in ("ul", "ol"):
        items = element.findall("li")
        return bool(items) and all(item.find(".//a") is not None for item in items)
    return False


def _block_of(element: HtmlElement) -> HtmlElement | None:
    """The block whose line ``element`` stands on: itself when it is one, else the nearest block holding it."""
    return next((block for block in [element, *element.iterancestors()] if block.tag in _BLOCKS), None)


def _counted_out(element: HtmlElement) -> bool:
    """Whether readability's own patterns of class names and ids count ``element`` out of an article: those of a
    page's footer, menus and comments (unless they also name an article's part) and those it scores down."""
    from readability.readability import REGEXES

    names = f"{element.get('class') or ''} {element.get('id') or ''}".strip()
    if not names:
        return False
    unlikely = REGEXES["unlikelyCandidatesRe"].search(names) and not REGEXES["okMaybeItsACandidateRe"].search(names)
    return bool(unlikely or REGEXES["negativeRe"].search(names))


def _following(element: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after ``element`` in the page, in the page's order, each one before its children; not the
    elements inside it, nor those that hold it."""
    for ancestor in [element, *element.iterancestors()]:
        for sibling in ancestor.itersiblings():
            yield from sibling.iter()


def _left_out(path: Path, text: str) -> Diagnostic:
    shown = text if len(text) <= _SHOWN_LEFT_OUT else text[:_SHOWN_LEFT_OUT] + "…"
    return Diagnostic(
        path,
        None,
        f"{path.name}: {len(text)} characters of the page after its article are left out, more than an article's "
        f"ending ({shown}); if they are the speech's, save the page's text (Ctrl+A, Ctrl+C) into a .txt",
        Severity.WARNING,
    )


def _preceding(element: HtmlElement) -> Iterator[HtmlElement]:
    """The elements before ``element`` in the page, nearest first, each one's children before itself; not the
    elements that hold it."""
    for ancestor in [element, *element.iterancestors()]:
        for sibling in ancestor.itersiblings(preceding=True):
            yield from reversed(list(sibling.iter()))


def _number(element: HtmlElement) -> int:
    return int(element.get(_ID, "-1"))


def _last_descendant(element: HtmlElement) -> int:
    """The number of the last element inside ``element`` (its own when it has none)."""
    last = element
    while len(last) and isinstance(last[-1].tag, str):
        last = last[-1]
    return _number(last)


@dataclass(frozen=True)
class _Read:
    lines: list[str]
    tables: list[RawTable]
    soft_breaks: frozenset[int]  # lines a <br> ended whose block goes on in the next line: see Line.soft_break
    footnotes: range = range(0)  # the lines of a Word page's footnotes and endnotes


def _lines(body: HtmlElement, article: tuple[HtmlElement, HtmlElement] | None) -> _Read:
    """The text from the start of the article's first element to the end of its last (the whole body when None),
    as lines broken where the page's blocks break, and the article's tables. The page's tree is walked, not
    recursed: pages nest deep.

    A line that a ``<br>`` ends and the next line of its block follows (``<p>……各级防汛责任人<br>必须在岗在位。</p>``)
    is broken softly: the page broke a paragraph there, which its text may go on from. Two ``<br>`` in a row (a
    blank line) and the end of a block break hard.

    A table of the article (one that starts inside it, holds no table and has a row of two cells or more: a
    table of units, tasks and deadlines) is a table, each cell's lines its paragraphs, as a Word table is. Any
    other table is the page's layout (an old site's article stands in a cell of one): its rows are lines."""
    import lxml.etree

    lines: list[str] = []
    line: list[str] = []
    shown = article is None
    pre = 0
    indent = False
    tables: list[RawTable] = []
    table: _Table | None = None
    soft: set[int] = set()
    notes: HtmlElement | None = None  # a Word page's list of footnotes, while it is read
    footnotes = range(0)
    after_br: int | None = None  # the line a <br> just ended, while nothing else has broken the block since

    def flush() -> bool:
        nonlocal indent
        text = "".join(line).lstrip(" ").rstrip()
        if text:
            lines.append(text)
        line.clear()
        indent = False
        return bool(text)

    def broken(by_br: bool) -> None:
        """The line ends: at a <br> (``by_br``), or where a block or a cell begins or ends."""
        nonlocal after_br
        emitted = flush()
        if emitted and after_br is not None:
            soft.add(after_br)
        after_br = len(lines) - 1 if by_br and emitted else None

    def add(text: str) -> None:
        if not shown:
            return
        if pre:
            first, *rest = text.split("\n")
            line.append(first)
            for piece in rest:
                broken(by_br=False)
                line.append(piece)
            return
        if indent and not "".join(line).strip():
            line.append("\u3000\u3000")  # text-indent: 2em, how a Chinese paragraph is indented
        line.append(_COLLAPSED.sub(" ", text))

    for event, element in lxml.etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if article is not None and element is article[0]:
                shown = True
            if tag in _BLOCKS or tag == "br" or (table and tag in _CELLS):
                broken(by_br=tag == "br")
            if tag == "table" and shown and article is not None and table is None and _is_data_table(element):
                table = _Table(element)
            elif table and tag == "tr":
                table.rows.append([])
                parent = element.getparent()
                table.in_head.append(parent is not None and parent.tag == "thead")
            elif table and tag in _CELLS:
                table.cell_start = len(lines)
                table.start = len(lines) if table.start is None else table.start
            if tag in _BLOCKS and _INDENT_STYLE.search(element.get("style") or ""):
                indent = True
            elif tag in _CELLS and not table and "".join(line).strip():
                add(" ")
            if tag == "pre":
                pre += 1
            if shown and notes is None and _WORD_NOTES.search(element.get("style") or ""):
                broken(by_br=False)
                notes, footnotes = element, range(len(lines), len(lines))
            if tag == "img" and (mark := _image_mark(element)) is not None:
                add(mark)
            if element.text:
                add(element.text)
            continue
        if tag == "pre":
            pre -= 1
        if element is notes:
            broken(by_br=False)
            footnotes = range(footnotes.start, len(lines))
        if tag in _BLOCKS or (table and tag in _CELLS):
            broken(by_br=False)
        if table and tag in _CELLS and table.rows:
            span = (_span(element.get("colspan")), _span(element.get("rowspan")))
            table.rows[-1].append(RawCell(range(table.cell_start, len(lines)), *span))
            if tag == "td":
                table.with_data.add(len(table.rows) - 1)
        if table and element is table.element:
            if (found := table.frozen()) is not None:
                tables.append(found)
            table = None
        if article is not None and element is article[1]:
            shown = False
        if element.tail and element is not body:
            add(element.tail)
    broken(by_br=False)
    return _Read(lines, tables, frozenset(soft), footnotes)


def _image_mark(image: HtmlElement) -> str | None:
    """The mark for an ``<img>`` (see _ICON_PIXELS), with its alt text when that describes it; None for an image
    that shows no picture of the article: no address, or stated an icon's or a pixel's size."""
    if not any((image.get(name) or "").strip() for name in _IMAGE_SOURCES):
        return None
    sizes = [image.get("width") or "", image.get("height") or ""]
    sizes += _STYLE_SIZE.findall(image.get("style") or "")
    for size in sizes:
        digits = re.match(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$", size)  # 50% or auto is no stated size
        if digits and float(digits.group(1)) <= _ICON_PIXELS:
            return None
    alt = " ".join((image.get("alt") or "").split())
    described = alt if alt and alt.lower() not in _NOT_A_DESCRIPTION and not _FILE_NAME.search(alt) else None
    return unshown_mark(IMAGE, described)


class _Table:
    """A table of the article as it is read: its rows of cells, and which rows are its header."""

    def __init__(self, element: HtmlElement) -> None:
        self.element = element
        self.rows: list[list[RawCell]] = []
        self.in_head: list[bool] = []  # each row: whether it is in <thead>
        self.with_data: set[int] = set()  # the rows with a <td>: a row of <th> cells only is a header too
        self.start: int | None = None  # the index of its first cell's first line
        self.cell_start = 0

    def frozen(self) -> RawTable | None:
        """The table, None when no cell has text (nothing to show, nothing lost)."""
        rows = [row for row in self.rows if row]
        if self.start is None or not any(cell.lines for row in rows for cell in row):
            return None
        header = [
            in_head or index not in self.with_data
            for index, (in_head, row) in enumerate(zip(self.in_head, self.rows, strict=True))
            if row
        ]
        header_rows = next((index for index, is_header in enumerate(header) if not is_header), len(header))
        return RawTable(self.start, rows, min(header_rows, len(rows) - 1))


def _is_data_table(table: HtmlElement) -> bool:
    """A table that holds data, not a page's layout: no table inside it, and a row of two cells or more."""
    if table.find(".//table") is not None:
        return False
    return any(len(row.findall("td")) + len(row.findall("th")) >= 2 for row in table.iter("tr"))


def _span(value: str | None) -> int:
    """A cell's colspan or rowspan as browsers read it: a positive whole number, else 1."""
    digits = re.match(r"\s*(\d+)", value or "")
    return min(max(int(digits.group(1)), 1), 1000) if digits else 1


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _fields(body: HtmlElement) -> list[str]:
    """The texts of the page's elements that hold nothing but text (``<span>来源：县应急管理局</span>``), which is
    where an info bar puts each of its fields. A field's value ends where its element ends, though the page's line
    runs on into the next element with no space between them (``来源：县应急管理局打印``, the 打印 link after it)."""
    return [
        " ".join(element.text.split())
        for element in body.iter()
        if isinstance(element.tag, str) and len(element) == 0 and element.text and element.text.strip()
    ]


def _stated(head: dict[str, tuple[str, str]], lines: list[str]) -> tuple[Metadata, tuple[Evidence, ...]]:
    """The title, publication date and source the page states by its tags, with their grounds. What its lines state
    in words (发布时间：…, 来源：…) is read by the parse, which holds the words (:mod:`speechkb.stages.infer.page`).

    ``lines`` are the article's: a part of the ``<title>`` is the article's title only where they show it, the site's
    name where only the page's header or footer does (青岚县人民政府, 首页 - 云溪市应急管理局, with no meta tag that names
    the site). An evidence's line is the line of ``lines`` that states it, if one does.
    """
    values: dict[str, str] = {}
    evidence: list[Evidence] = []

    def found(field: str, value: str, words: str) -> None:
        line = next((number for number, text in enumerate(lines, 1) if words in text), None)
        values[field] = value
        evidence.append(Evidence(field, Origin.PAGE, line, words))

    if key := next((key for key in _TITLE_META if key in head), None):
        found("title", " ".join(head[key][0].split()), head[key][1])
    elif "<title>" in head and (title := _shown_title(head["<title>"][0], lines, _site_names(head))):
        found("title", title, head["<title>"][1])
    if key := next((key for key in _DATE_META if key in head and _iso_date(head[key][0])), None):
        found("date", str(_iso_date(head[key][0])), head[key][1])
    if key := next((key for key in _SOURCE_META if key in head), None):
        found("publisher", head[key][0], head[key][1])
    return Metadata(**values), tuple(evidence)


# The article's part of a page title spans a few of its parts at most (在…会议上的讲话——王某某_安全生产_某某网).
# Every run of more would be tried in time that grows with the cube of their number: a <title> left open by a
# broken page holds the whole page, thousands of parts.
_TITLE_RUN_PARTS = 8


def _site_names(head: dict[str, tuple[str, str]]) -> set[str]:
    """The names the page's meta tags give its site (``SiteName``, ``og:site_name``), squashed."""
    return {_squash(head[key][0]) for key in _SITE_META if key in head}


def _shown_title(title: str, article: list[str], sites: set[str]) -> str | None:
    """The part of a page's ``<title>`` that is the article's: the longest run of its parts (a site's and a
    column's name are parts too, after ``_`` or ``|``) that the ``article``'s lines also show as a line of its own.
    The site's name is none, though its logo shows it (above the article, or in its text where a meta tag names the
    site): a site that gives every page its own name as the ``<title>`` names no article there (the article's title
    then stands in its text)."""
    shown = {_squash(text) for text in article} - sites
    pieces = _TITLE_SEPARATORS.split(title)  # parts at even indexes, the separators between them at odd ones
    runs = (
        "".join(pieces[first : last + 1])
        for first in range(0, len(pieces), 2)
        for last in range(first, min(len(pieces), first + 2 * _TITLE_RUN_PARTS - 1), 2)
    )
    return max((run.strip() for run in runs if _squash(run) in shown), key=len, default=None)


def _iso_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(group) for group in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
