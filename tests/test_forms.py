"""Real archives as they come: speeches in the forms real files take, with no sidecars, read right.

``tests/forms/`` holds short invented speeches, one per form (web chrome, PDF hard-wrapping, collapsed
lines, ASCII punctuation, traditional characters, run-in headings, saved web pages …), each with
``NAME.expected.yml`` saying what a careful reader would: its title, date, level, headings, the lines that are
not the speech (see ``tests/forms/README.md``). A form's file is ``NAME.txt``, a page as a browser saves it
(``NAME.html``, ``NAME.htm``, ``NAME.mht``), or a Word or PDF file as an office keeps it (``NAME.docx``, ``NAME.doc``,
``NAME.wps``, ``NAME.pdf``; a ``.doc`` and a ``.wps`` are read through LibreOffice): whatever its format, it is read as an
archive's file is. They are
built together into a real site, as a new user's archive would be, and every expectation is checked on what the
build made: the speech, its page and kb.json.
"""

from __future__ import annotations

import shutil
from itertools import pairwise
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from speechkb.build import build
from speechkb.model import Block, Paragraph, ParagraphKind, Section, Speech
from speechkb.search import site_documents
from speechkb.stages.readers import SPEECH_SUFFIXES, read_source
from tests.conftest import ROOT, BuiltSite, copy_project, squash, tables_in, tables_of, text_and_notes

FORMS = ROOT / "tests" / "forms"
HEADINGS = ".//h3 | .//h4 | .//h5 | .//h6"
FILES = sorted(path.name.removesuffix(".expected.yml") for path in FORMS.glob("*.expected.yml"))
# The formats a form's file may take: text, those a saved web page comes in, and an office's Word and PDF files.
FORM_SUFFIXES = (".txt", ".html", ".htm", ".mht", ".docx", ".doc", ".wps", ".pdf")
assert set(FORM_SUFFIXES) <= set(SPEECH_SUFFIXES)


def sources_of(name: str) -> list[Path]:
    """The files beside ``NAME.expected.yml`` a form may be read from: one, in any of the forms' formats."""
    return [FORMS / f"{name}{suffix}" for suffix in FORM_SUFFIXES if (FORMS / f"{name}{suffix}").is_file()]


def source_of(name: str) -> Path:
    [source] = sources_of(name)
    return source


def file_expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FORMS / f"{name}.expected.yml").read_text(encoding="utf-8"))
    return data


# One case per speech: a file's name, or NAME/N for the Nth of the speeches a file holds (its expectations list
# them under `speeches`).
CASES = [
    case
    for name in FILES
    for case in (
        [f"{name}/{number}" for number in range(1, len(file_expected(name)["speeches"]) + 1)]
        if "speeches" in file_expected(name)
        else [name]
    )
]


@pytest.fixture(scope="module")
def forms_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("forms-site")
    seeds = root / "seeds"
    seeds.mkdir()
    for name in FILES:
        shutil.copy(source_of(name), seeds / source_of(name).name)
    return BuiltSite(root, build(seeds, root / "site", copy_project(root)))


def file_and_part(case: str) -> tuple[str, int | None]:
    name, _, part = case.partition("/")
    return name, int(part) if part else None


def expected(case: str) -> dict[str, Any]:
    name, part = file_and_part(case)
    data = file_expected(name)
    return data if part is None else {"form": data["form"], **data["speeches"][part - 1]}


def speech_of(site: BuiltSite, case: str) -> Speech:
    name, part = file_and_part(case)
    return next(s for s in site.result.speeches if s.source.name == source_of(name).name and s.part == part)


def page_of(site: BuiltSite, case: str) -> Path:
    return site.site / "speeches" / speech_of(site, case).slug / "index.html"


def kb_entry(site: BuiltSite, case: str) -> dict[str, Any]:
    name, part = file_and_part(case)
    kb = site.knowledge()
    source = source_of(name).name
    entry: dict[str, Any] = next(s for s in kb["speeches"] if s["source"] == source and s["part"] == part)
    return entry


def numbered(blocks: tuple[Paragraph | Section, ...]) -> list[Section]:
    return [block for block in blocks if isinstance(block, Section) and block.number]


def test_every_form_has_its_file_and_expectations() -> None:
    assert len(FILES) >= 70
    assert all(len(sources_of(name)) == 1 for name in FILES)


@pytest.mark.parametrize("name", CASES)
def test_title_is_the_one_a_person_would_give(forms_site: BuiltSite, name: str) -> None:
    speech, want = speech_of(forms_site, name), expected(name)
    accepted = [want["title"], *want.get("title_alternatives", [])]  # where readers would accept another
    assert speech.title in accepted
    assert speech.abridged == want["abridged"]
    assert kb_entry(forms_site, name)["title"] == speech.title


@pytest.mark.parametrize("name", CASES)
def test_date_season_and_level_come_from_the_text(forms_site: BuiltSite, name: str) -> None:
    entry, want = kb_entry(forms_site, name), expected(name)
    assert (entry["date"], entry["season"], entry["level"]) == (want["date"], want["season"], want["level"])
    for field in ("date", "season", "level"):
        if entry[field]:  # every inferred value says where it was read, in kb.json
            origins = [want["date_origin"]] if field == "date" and "date_origin" in want else ["text", "title"]
            assert entry["evidence"][field]["origin"] in origins


@pytest.mark.parametrize("name", [name for name in CASES if {"speaker", "place"} & set(expected(name))])
def test_speaker_and_place_where_the_text_states_them(forms_site: BuiltSite, name: str) -> None:
    entry, want = kb_entry(forms_site, name), expected(name)
    for field in ("speaker", "place"):
        if field in want:
            assert entry[field] == want[field], field


@pytest.mark.parametrize("name", [name for name in CASES if "publisher" in expected(name)])
def test_the_publisher_is_the_source_the_page_names(forms_site: BuiltSite, name: str) -> None:
    entry, want = kb_entry(forms_site, name), expected(name)
    assert entry["publisher"] == want["publisher"]
    page = page_of(forms_site, name).read_text(encoding="utf-8")
    if want["publisher"]:  # on the meta line, with its grounds: the page's 来源 line, not the speech
        assert entry["evidence"]["publisher"]["origin"] == "page"
        assert f"来源：{want['publisher']}" in page and "来源据网页" in page
    else:
        assert "来源据" not in page


@pytest.mark.parametrize("name", [name for name in CASES if expected(name).get("sectors_in_title")])
def test_a_sector_named_in_the_title_tags_the_speech(forms_site: BuiltSite, name: str) -> None:
    assert set(expected(name)["sectors_in_title"]) <= set(kb_entry(forms_site, name)["sectors"])


@pytest.mark.parametrize("name", CASES)
def test_parts_and_sections_are_recovered(forms_site: BuiltSite, name: str) -> None:
    speech, want = speech_of(forms_site, name), expected(name)
    parts = numbered(speech.body)
    assert [part.heading for part in parts] == want["part_headings"]
    if "section_headings" in want:
        sections = [section.heading for part in parts for section in numbered(part.children)]
        assert sections == want["section_headings"]
    if "subsection_headings" in want:
        below = [sub.heading for part in parts for section in part.children for sub in deeper(section)]
        assert below == want["subsection_headings"]


def deeper(block: Block) -> list[Section]:
    """The numbered sections under ``block``, at any depth, in order."""
    children = block.children if isinstance(block, Section) else ()
    return [found for child in numbered(children) for found in (child, *deeper(child))]


@pytest.mark.parametrize("name", [name for name in CASES if "part_numbers" in expected(name)])
def test_a_parts_number_is_its_marker_without_the_marks_around_its_heading(forms_site: BuiltSite, name: str) -> None:
    assert [part.number for part in numbered(speech_of(forms_site, name).body)] == expected(name)["part_numbers"]


@pytest.mark.parametrize(
    "name", [name for name in CASES if any(h.startswith("**") for h in expected(name)["part_headings"])]
)
def test_bold_kept_around_a_heading_is_shown_as_written_and_hides_nothing(forms_site: BuiltSite, name: str) -> None:
    """A Word or web copy's bold (**一、……**) is shown as its characters, never as bold, never as a redaction."""
    root = lxml.html.fromstring(page_of(forms_site, name).read_text(encoding="utf-8"))
    [article] = root.xpath("//article")
    bold = [h for h in article.xpath(f".//h2 | {HEADINGS}") if h.text_content().startswith("**")]
    assert bold and not any(h.xpath(".//span[@class='redaction'] | .//strong") for h in bold)


@pytest.mark.parametrize(
    "name", [name for name in CASES if {"unnumbered_headings", "not_headings"} & set(expected(name))]
)
def test_unnumbered_headings_are_headings_and_labels_are_not(forms_site: BuiltSite, name: str) -> None:
    speech, want = speech_of(forms_site, name), expected(name)
    if "unnumbered_headings" in want:
        top = [block.heading for block in speech.body if isinstance(block, Section) and not block.number]
        assert top == want["unnumbered_headings"]
    headings = {squash(section.heading) for section in speech.sections()}
    assert not headings & {squash(line) for line in want.get("not_headings", [])}


@pytest.mark.parametrize("name", [name for name in CASES if expected(name).get("items")])
def test_enumerated_items_are_paragraphs_of_their_own(forms_site: BuiltSite, name: str) -> None:
    items = [p.text for p in speech_of(forms_site, name).paragraphs() if p.kind is ParagraphKind.ITEM]
    for start in expected(name)["items"]:
        assert any(squash(item).startswith(squash(start)) for item in items), start


@pytest.mark.parametrize("name", [name for name in CASES if "explained_items" in expected(name)])
def test_an_item_on_its_own_line_is_followed_by_its_explanation(forms_site: BuiltSite, name: str) -> None:
    """An item alone on its line over the paragraph that explains it: the item is a paragraph of its own and the
    explanation the paragraph right after it, beside it in the same section (not under it, as under a heading)."""
    after_item = {
        squash(block.text): following
        for siblings in sibling_lists(speech_of(forms_site, name).body)
        for block, following in pairwise(siblings)
        if isinstance(block, Paragraph) and block.kind is ParagraphKind.ITEM
    }
    for pair in expected(name)["explained_items"]:
        following = next(block for text, block in after_item.items() if text.startswith(squash(pair["item"])))
        assert isinstance(following, Paragraph) and following.kind is ParagraphKind.BODY, pair["item"]
        assert squash(following.text).startswith(squash(pair["explanation"])), pair["item"]


def sibling_lists(blocks: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    """``blocks`` and the children of every section in them, at any depth: each a list of blocks side by side."""
    return [
        blocks,
        *(found for block in blocks if isinstance(block, Section) for found in sibling_lists(block.children)),
    ]


@pytest.mark.parametrize("name", [name for name in CASES if expected(name).get("must_contain_once")])
def test_wrapped_lines_are_joined_into_their_paragraph(forms_site: BuiltSite, name: str) -> None:
    paragraphs = [squash(p.text) for p in speech_of(forms_site, name).paragraphs()]
    for sentence in expected(name)["must_contain_once"]:
        assert sum(squash(sentence) in text for text in paragraphs) == 1, sentence


@pytest.mark.parametrize("name", [name for name in CASES if "footnotes" in expected(name)])
def test_footnotes_are_the_notes_each_whole(forms_site: BuiltSite, name: str) -> None:
    assert [squash(note.text) for note in speech_of(forms_site, name).footnotes] == [
        squash(note) for note in expected(name)["footnotes"]
    ]


@pytest.mark.parametrize("name", CASES)
def test_chrome_is_set_apart_never_tagged_nor_searched(forms_site: BuiltSite, name: str) -> None:
    speech, want = speech_of(forms_site, name), expected(name)
    notes = [note.text for note in speech.notes]
    assert [squash(line) for line in want["chrome"]] == [squash(note) for note in notes]
    assert [note["text"] for note in kb_entry(forms_site, name)["notes"]] == notes
    document = site_documents(forms_site.result.knowledge.vocabulary, [speech])[-1]
    searched = squash("".join(passage.text for passage in document.passages))
    tagged = next(t for t in forms_site.result.knowledge.speeches if t.speech == speech).tags
    for note in notes:
        # A bare page number (1) is in dates and figures of the speech too, and one character (an empty field's 无)
        # in its words.
        if squash(note).isdigit() or len(squash(note)) == 1:
            continue
        assert squash(note) not in searched
        assert not any(note in passage.paragraph.text for passage in tagged.paragraphs)


@pytest.mark.parametrize("name", CASES)
def test_an_incomplete_text_is_marked_on_its_page(forms_site: BuiltSite, name: str) -> None:
    speech = speech_of(forms_site, name)
    page = page_of(forms_site, name).read_text(encoding="utf-8")
    assert bool(speech.incomplete) == expected(name)["incomplete"]
    assert ("文本不完整" in page) == expected(name)["incomplete"]
    warned = any("incomplete" in d.message for d in speech.diagnostics)
    assert warned == expected(name)["incomplete"]


@pytest.mark.parametrize("name", FILES)
def test_every_character_reaches_the_page(forms_site: BuiltSite, name: str) -> None:
    """Every character of the file is on a page: its speech's, or for a file holding several, one of theirs."""
    speeches = sorted(
        (speech for speech in forms_site.result.speeches if speech.source.name == source_of(name).name),
        key=lambda speech: speech.part or 0,
    )
    shown, notes, footnotes = "", [], []
    for speech in speeches:
        root = lxml.html.fromstring((forms_site.site / "speeches" / speech.slug / "index.html").read_text("utf-8"))
        [article] = root.xpath("//article")
        for permalink in article.xpath(".//a[@class='headerlink']"):
            permalink.drop_tree()
        paragraphs = article.xpath(f".//p[@data-line] | .//h2[not(@id='related')] | {HEADINGS}")
        title = speech.title if speech.title_line else ""
        page = squash((speech.description or "") + title + "".join(p.text_content() for p in paragraphs))
        own_notes = squash("".join(note.text for note in speech.notes))
        assert page.endswith(own_notes)  # a page shows its speech's text, then the lines set apart from it
        shown += page.removesuffix(own_notes) if own_notes else page
        notes += speech.notes
        footnotes += speech.footnotes
    # The text as speechkb read it (archive-39 is Big5, archive-40 GBK, a saved page's the lines its reader made of
    # the article, a Word file's also its tables' cells, its footnotes and the notes it holds apart, a comment or a
    # footer): every character of that, a table's in its grid's order (a cell's rest a PDF's column wrapped
    # onto the next line is shown in its cell).
    source = read_source(source_of(name))
    in_tables = [line for table in source.tables for line in table.lines()]
    lines = {line.number: line.text for line in (*source.lines, *in_tables, *source.footnotes, *source.notes)}
    set_apart = {paragraph.line for paragraph in [*notes, *footnotes]}
    for table in (table for speech in speeches for table in tables_in(speech)):
        cells = [paragraph for row in table.rows for cell in row for paragraph in cell.paragraphs]
        first, last = min(p.line for p in cells), max(p.line for p in cells)
        lines = {n: text for n, text in lines.items() if not first < n <= last or n in set_apart}
        lines[first] = "".join(paragraph.text for paragraph in cells)
    written = "\n".join(text for _, text in sorted(lines.items()))
    # The file without its notes and its footnotes, each found in it in order; the footnotes, wherever they stand
    # in the file (at the foot of a page of a PDF), are shown after the text, as a document's are.
    apart = sorted([*notes, *footnotes], key=lambda paragraph: paragraph.line)
    text, _ = text_and_notes(written, [paragraph.text for paragraph in apart])
    assert shown == text + squash("".join(footnote.text for footnote in footnotes))
    assert len(speeches) == len(file_expected(name).get("speeches", [None]))


def test_the_evidence_is_shown_on_the_page_in_words(forms_site: BuiltSite) -> None:
    speech = next(s for s in forms_site.result.speeches if s.evidence_for("date"))
    evidence = speech.evidence_for("date")
    assert evidence
    page = (forms_site.site / "speeches" / speech.slug / "index.html").read_text(encoding="utf-8")
    words = "日期据标题" if evidence.origin == "title" else f"日期据正文第{evidence.line}行"
    assert words in page


@pytest.mark.parametrize("name", [name for name in CASES if expected(name).get("paragraph_starts")])
def test_a_paragraph_run_into_its_heading_starts_a_paragraph(forms_site: BuiltSite, name: str) -> None:
    starts = [squash(p.text) for p in speech_of(forms_site, name).paragraphs()]
    for start in expected(name)["paragraph_starts"]:
        assert any(text.startswith(squash(start)) for text in starts), start


@pytest.mark.parametrize("name", [name for name in CASES if "tables" in expected(name)])
def test_a_table_copied_as_text_is_a_table(forms_site: BuiltSite, name: str) -> None:
    """A table flattened to a cell a line, or to rows of cells parted by tabs or spaces, is shown as a table: its
    header row the file's header, no heading, each cell's text as written."""
    speech = speech_of(forms_site, name)
    tables, shown = tables_in(speech), tables_of(speech)
    assert shown == expected(name)["tables"]
    assert all(table.header_rows == 1 for table in tables)
    headings = {squash(section.heading) for section in speech.sections()}
    assert not headings & {squash(cell) for table in shown for row in table for cell in row}
    page = page_of(forms_site, name).read_text(encoding="utf-8")
    assert all(f'<table id="{table.anchor}"' in page for table in tables)


@pytest.mark.parametrize("name", [name for name in CASES if {"sectors_in_body", "terms_in_body"} & set(expected(name))])
def test_words_are_recognised_through_pinyin_annotations(forms_site: BuiltSite, name: str) -> None:
    entry, want = kb_entry(forms_site, name), expected(name)
    assert set(want.get("sectors_in_body", [])) <= set(entry["sectors"])
    assert set(want.get("terms_in_body", [])) <= set(entry["terms"])


@pytest.mark.parametrize(
    "name", [name for name in CASES if {"salutation", "closing_starts", "ending"} & set(expected(name))]
)
def test_the_salutation_and_the_closing_frame_the_speech(forms_site: BuiltSite, name: str) -> None:
    speech, want = speech_of(forms_site, name), expected(name)
    if "salutation" in want:
        assert (speech.salutation.text if speech.salutation else None) == want["salutation"]
    if "closing_starts" in want:
        closing = speech.closing.text if speech.closing else None
        assert closing == want["closing_starts"] or (closing or "").startswith(want["closing_starts"] or "\0")
    if "ending" in want:
        assert [paragraph.text for paragraph in speech.ending] == want["ending"]


@pytest.mark.parametrize("name", CASES)
def test_no_part_is_left_empty_on_the_page(forms_site: BuiltSite, name: str) -> None:
    """Under every part's heading stands its text or its sections, and a closing that is all a part says is shown
    as that part's text, not set off from an empty part as the end of the body."""
    root = lxml.html.fromstring(page_of(forms_site, name).read_text(encoding="utf-8"))
    [article] = root.xpath("//article")
    for heading in article.xpath(f".//h2[not(@id='related')] | {HEADINGS}"):
        after = heading.getnext()
        if heading.tag == "h2":
            assert after is not None and after.tag != "h2", heading.text_content()
        if after is not None and "closing" in after.get("class", "").split():
            assert "in-part" in after.get("class", "").split(), heading.text_content()
