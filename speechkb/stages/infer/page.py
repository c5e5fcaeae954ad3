"""What a saved web page states about itself in words: the day it went up and its source, on its info line.

A page states its date and source in meta tags (read by :mod:`speechkb.stages.readers.html`), or only in words its
info line shows (``发布时间：2023-03-10 09:30　来源：县应急管理局　浏览次数：218``), which may stand outside the
article, above the title or under the text. The reader hands on every line of the page and the texts of its
elements that hold only text (:attr:`~speechkb.model.Source.page_lines`, ``page_fields``); the words they are read
by are ``vocabularies/metadata.yml``'s (``publisher``, ``page_date``), as for every other field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from speechkb.model import Evidence, Origin, Source
from speechkb.stages.infer.publishers import find_publisher
from speechkb.stages.infer.rules import MetadataRules
from speechkb.stages.infer.text import Text, fold


def stated_by_page(source: Source, rules: MetadataRules) -> Source:
    """``source`` with the date and source its page's lines state, where its tags state none; each with the words it
    was read from and the line of the text that shows them, if one does."""
    stated, evidence = source.stated, list(source.stated_evidence)
    if stated.date is None and (dated := _page_date(source.page_lines, rules)) is not None:
        day, words = dated
        stated = replace(stated, date=day)
        evidence.append(Evidence("date", Origin.PAGE, _line_showing(source, words), words))
    if stated.publisher is None:
        texts = [Text(0, text, fold(text)) for text in (*source.page_fields, *source.page_lines)]
        found = find_publisher(texts, rules)
        if found is not None and found.value and found.evidence is not None:
            words = found.evidence.text
            stated = replace(stated, publisher=found.value)
            evidence.append(Evidence("publisher", Origin.PAGE, _line_showing(source, words), words))
    if stated == source.stated:
        return source
    return replace(source, stated=stated, stated_evidence=tuple(evidence))


def page_owners(source: Source, rules: MetadataRules) -> tuple[str, ...]:
    """Who the page says publishes it: its source (来源, or its ContentSource meta tag), then whom its footer's labels
    name (主办：青岚县人民政府办公室, 版权所有：…); never the sites a list of links names (友情链接)."""
    owners = [source.stated.publisher] if source.stated.publisher else []
    for text in source.page_lines:
        owners += [match.group("publisher") for match in rules.page_owner.finditer(fold(text))]
    return tuple(dict.fromkeys(owners))


def _page_date(lines: tuple[str, ...], rules: MetadataRules) -> tuple[str, str] | None:
    """The first day a line of the page labels as the day it went up, and the words that say so."""
    for text in lines:
        for match in rules.page_date.finditer(fold(text)):
            year, month, day = (int(number) for number in re.findall(r"\d+", match.group("date")))
            try:
                return dt.date(year, month, day).isoformat(), text[match.start() : match.end()]
            except ValueError:
                continue
    return None


def _line_showing(source: Source, words: str) -> int | None:
    """The number of the text's first line that shows ``words``; None where only the page around the text does."""
    lines = sorted(
        (*source.lines, *(line for table in source.tables for line in table.lines())), key=lambda x: x.number
    )
    return next((line.number for line in lines if words in line.text), None)
