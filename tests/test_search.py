"""The search index in Python: normalisation, encoding, and that positions prove every phrase.

What the browser does with these files is tested in test_search_browser.py; here the index is checked
against a plain scan of the text: for every phrase cut from the speeches, the pages whose positions
show all of its bigrams in a row are exactly the pages whose text contains it.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from mkdocs.config import load_config

from speechkb.build import load_corpus
from speechkb.folders import INDEX_DIR
from speechkb.mkdocs.clock import PluginClock
from speechkb.mkdocs.search_plugin import LinkedFile, plugin_of
from speechkb.model import Speech
from speechkb.search import (
    Form,
    Passage,
    SearchDocument,
    index_file_items,
    index_files,
    site_documents,
    speech_documents,
)
from speechkb.search.characters import CharacterTable
from speechkb.search.codec import BYTES, TEXT, decode, encode, key_hash
from speechkb.search.concepts import concept_key, concept_lists
from speechkb.search.index import Index, build_index, encode_runs, stream
from speechkb.search.shards import PREFIX, SUFFIX, name_groups, read_file
from speechkb.search.text import (
    WHITESPACE,
    fold,
    matchable,
    matchable_code_points,
    simplified_each,
    traditional_table,
)
from speechkb.stages.extract import extract_corpus
from speechkb.stages.normalize import simplified
from speechkb.stages.vocabulary import load_vocabulary
from tests.conftest import ROOT, SEED_FILES, SEEDS, TEXT_RULES, copy_project


@cache
def seed_speeches() -> tuple[Speech, ...]:
    return tuple(load_corpus(SEEDS, TEXT_RULES)[0])


@cache
def seed_index() -> Index:
    return build_index(speech_documents(seed_speeches()))


@pytest.mark.parametrize("sorted_at_once", [1, 500, 20_000])
def test_the_index_is_the_same_however_few_occurrences_are_sorted_at_once(sorted_at_once: int) -> None:
    # A large archive is sorted a range of first characters at a time; the seeds fit in one.
    index = build_index(speech_documents(seed_speeches()), sorted_at_once=sorted_at_once)
    assert index.occurrences == seed_index().occurrences and index.positions == seed_index().positions


def read_script(text: str) -> tuple[str, object]:
    assert text.startswith(PREFIX) and text.endswith(SUFFIX)
    name, data = json.loads(text[len(PREFIX) : -len(SUFFIX)])
    return name, data


# --- encoding -------------------------------------------------------------------------------


@pytest.mark.parametrize("numbers", [[], [0], [31, 32, 1023, 1024], [5, 0, 40_000, 2**31 + 7], list(range(100))])
def test_numbers_round_trip(numbers: list[int]) -> None:
    encoded = encode(numbers)
    assert encoded.isascii() and decode(encoded.decode()) == numbers


def test_small_numbers_take_one_character_each() -> None:
    assert len(encode(list(range(32)))) == 32 and len(encode([32])) == 2


def test_negative_numbers_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        encode([3, -1])


def test_numbers_encoded_all_at_once_are_the_lists_encoded_one_by_one() -> None:
    rng = random.Random(7)
    lists = [
        [rng.choice((0, 1, 31, 32, 1023, 1024, 40_000, 2**31 - 1)) for _ in range(rng.randrange(1, 9))]
        for _ in range(50)
    ]
    numbers = np.array([n for numbers in lists for n in numbers], dtype=np.int32)
    starts = np.cumsum([0, *map(len, lists[:-1])], dtype=np.int64)
    assert encode_runs(numbers, starts) == [encode(numbers) for numbers in lists]


def test_key_hash_is_32_bit_fnv_1a_over_code_points() -> None:
    # Reference values of FNV-1a: the worker computes the same with Math.imul.
    assert key_hash("") == 0x811C9DC5
    assert key_hash("a") == 0xE40C292C
    assert key_hash("安全") == key_hash("安全") != key_hash("全安")


# --- normalisation --------------------------------------------------------------------------


def test_matchable_text_is_simplified_folded_and_without_white_space() -> None:
    assert matchable("隱患 排查ＡＢｃ\u3000治理\u200b") == "隐患排查abc治理"


@pytest.mark.parametrize(
    "text", ["隱患 排查ＡＢｃ\u3000治理\u200b", "Ｗ\ufeffＨ\u00a0O　標準\t\r\n", "（一）ＰＭ２．５", ""]
)
def test_the_index_folds_code_points_as_matchable_folds_text(text: str) -> None:
    [simple] = simplified_each([text])
    code_points = np.frombuffer(simple.encode("utf-32-le"), dtype="<u4")
    assert "".join(map(chr, matchable_code_points(code_points).tolist())) == matchable(text)


@pytest.mark.parametrize("keep", ["", "\n"])
def test_the_index_folds_every_code_point_as_fold_does(keep: str) -> None:
    code_points = np.arange(0x110000, dtype=np.uint32)
    text = "".join(map(chr, code_points.tolist()))
    parts = fold(text).split(keep) if keep else [fold(text)]  # white space removed, but what is kept
    assert "".join(map(chr, matchable_code_points(code_points, keep).tolist())) == keep.join(
        WHITESPACE.sub("", part) for part in parts
    )


def test_texts_are_simplified_together_as_they_would_be_one_by_one() -> None:
    texts = [p.text for speech in seed_speeches() for p in speech.paragraphs()][:200]
    texts += ["隱患排查", "兩行\n文字", "乾燥的著名"]
    converted = simplified_each(texts)
    assert converted == [simplified(text) for text in texts]
    # Text that is simplified already is kept, not copied: the index holds both forms of every page.
    assert converted[0] is texts[0] and converted[-3] is not texts[-3]


def test_traditional_table_maps_what_a_query_needs_and_nothing_the_text_keeps() -> None:
    table = traditional_table(set("隐患排查著名"))
    pairs = {table[i]: table[i + 1] for i in range(0, len(table), 2)}
    assert pairs["隱"] == "隐" and "著" not in pairs  # 著名 keeps 著: a query's 著 must stay 著
    assert all(simple in "隐患排查著名" for simple in pairs.values())


# --- documents ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_a_speech_document_links_every_paragraph_and_heading(seed: Path) -> None:
    speech = next(s for s in seed_speeches() if s.source == seed)
    [document] = speech_documents([speech])
    anchors = {passage.anchor for passage in document.passages}
    assert {p.anchor for p in speech.paragraphs()} | {s.anchor for s in speech.sections()} <= anchors
    assert document.page == f"speeches/{speech.slug}" and document.title == speech.title
    assert seed.name in document.passages[0].text  # the line under the title: date, level, place, file


def test_every_sector_and_term_page_is_a_document_named_by_its_name_and_aliases() -> None:
    knowledge = extract_corpus(seed_speeches(), load_vocabulary(ROOT / "vocabularies"))
    documents = site_documents(knowledge.vocabulary, [tagged.speech for tagged in knowledge.speeches])
    by_page = {document.page: document for document in documents}
    vocabulary = knowledge.vocabulary
    entries = [*(("sectors", s) for s in vocabulary.sectors), *(("terms", t) for t in vocabulary.terms)]
    index = build_index(documents)
    for folder, entry in entries:
        document = by_page[f"{folder}/{entry.slug}"]
        assert document.title == entry.name and document.names == entry.forms
        page = documents.index(document)
        assert all(page in pages_with(index, matchable(form)) for form in entry.forms), entry.name
    assert len(documents) == len(entries) + len(knowledge.speeches)


def test_documents_are_newest_first() -> None:
    titles = [document.title for document in speech_documents(seed_speeches())]
    assert titles[0] == "在县2024年防范重特大安全事故工作会议上的讲话"


# --- the index ------------------------------------------------------------------------------


def pages_with(index: Index, phrase: str) -> set[int]:
    """Pages whose positions show every bigram of ``phrase`` in a row: what the worker computes."""
    if len(phrase) == 1:
        return set(_occurrences(index, phrase))
    per_key = [_positions(index, phrase[i : i + 2]) for i in range(len(phrase) - 1)]
    found: set[int] = set()
    for page, first in per_key[0].items():
        if any(all(start + i in keys.get(page, ()) for i, keys in enumerate(per_key)) for start in first):
            found.add(page)
    return found


def _occurrences(index: Index, key: str) -> dict[int, int]:
    numbers = decode(index.occurrences.get(key, b"").decode())
    pages: dict[int, int] = {}
    page = 0
    for gap, value in zip(numbers[::2], numbers[1::2], strict=True):
        page += gap
        pages[page] = value // 2  # the last bit says whether the page's title has the key
    return pages


def _positions(index: Index, key: str) -> dict[int, set[int]]:
    """The positions of ``key`` on each page: a run per page of its occurrence list, as long as its count."""
    numbers = iter(decode(index.positions.get(key, b"").decode()))
    pages: dict[int, set[int]] = {}
    for page, count in _occurrences(index, key).items():
        position, at = 0, set()
        for _ in range(count):
            position += next(numbers)
            at.add(position)
        pages[page] = at
    assert next(numbers, None) is None
    return pages


def phrases_from(documents: list[SearchDocument], rng: random.Random, count: int) -> list[str]:
    texts = [segment for document in documents for segment in stream(document) if len(segment) > 8]
    phrases = []
    for _ in range(count):
        text = rng.choice(texts)
        length = rng.randint(1, 8)
        start = rng.randrange(len(text) - length)
        phrases.append(text[start : start + length])
    return phrases


def test_positions_find_exactly_the_pages_that_contain_a_phrase() -> None:
    documents = speech_documents(seed_speeches())
    index = seed_index()
    segments = [stream(document) for document in documents]
    for phrase in [*phrases_from(documents, random.Random(4), 400), "一岗双责", "尾矿库", "两客一危", "安全生产"]:
        expected = {page for page, texts in enumerate(segments) if any(phrase in text for text in texts)}
        assert pages_with(index, phrase) == expected, phrase


def test_occurrence_counts_are_per_page_totals() -> None:
    documents = speech_documents(seed_speeches())
    counts = _occurrences(seed_index(), "安全")
    assert counts == {
        page: sum(segment.count("安全") for segment in stream(document))
        for page, document in enumerate(documents)
        if any("安全" in segment for segment in stream(document))
    }


def test_the_index_is_the_same_however_many_occurrences_are_encoded_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = speech_documents(seed_speeches())
    monkeypatch.setattr("speechkb.search.index._CHUNK", 5)  # smaller than the occurrences of most keys
    chunked = build_index(documents)
    assert chunked.occurrences == seed_index().occurrences and chunked.positions == seed_index().positions


def test_empty_pages_and_passages_take_their_places_and_nothing_else() -> None:
    assert build_index([]).occurrences == {}
    documents = [SearchDocument("a", "", ()), SearchDocument("b", "标题", (Passage(""), Passage("安全"), Passage("")))]
    index = build_index(documents)
    assert pages_with(index, "安全") == {1} and _positions(index, "安全") == {1: {4}}  # 标题 · (empty) · 安全
    assert set(index.occurrences) == {"标", "题", "标题", "安", "全", "安全"}


def test_no_bigram_spans_two_passages() -> None:
    document = SearchDocument("p", "标题", (Passage("安全"), Passage("生产")))
    index = build_index([document])
    assert "全生" not in index.positions and "题安" not in index.positions
    assert pages_with(index, "安全") == pages_with(index, "生产") == {0}


def test_a_text_with_more_distinct_characters_than_two_bytes_number_is_indexed_as_well() -> None:
    # Characters are numbered in two bytes while fewer than 32,768 occur; past that, in four.
    rare = "".join(map(chr, range(0x20000, 0x20000 + 40_000)))  # CJK Extension B and on
    documents = [
        SearchDocument("a", "标题", (Passage(rare),)),
        SearchDocument("b", "安全", (Passage(rare[-3:] + "安全"),)),
    ]
    index = build_index(documents)
    assert len(index.characters) > 1 << 15
    assert pages_with(index, rare[-3:]) == {0, 1} and pages_with(index, rare[:2]) == {0}
    assert pages_with(index, rare[-1] + "安全") == {1} and _positions(index, "安全") == {
        1: {0, 6}
    }  # title, gap, 3 characters


def test_names_and_traditional_text_are_indexed_in_simplified_form() -> None:
    document = SearchDocument("sectors/x", "非煤矿山", (Passage("加強隱患排查"),), names=("尾矿库",))
    index = build_index([document])
    assert pages_with(index, "尾矿库") == pages_with(index, "隐患排查") == {0}


# --- the files ------------------------------------------------------------------------------


def test_every_file_is_a_script_named_by_its_path() -> None:
    files = index_files(speech_documents(seed_speeches()))
    for path, text in files.items():
        name, _ = read_script(text)
        assert path == f"{INDEX_DIR}/{name}.js"


def test_a_key_lives_in_the_shard_its_hash_names() -> None:
    files = index_files(speech_documents(seed_speeches()))
    _, manifest = read_script(files[f"{INDEX_DIR}/manifest.js"])
    assert isinstance(manifest, dict)
    index = seed_index()
    for key in ("安全", "尾矿", "责", "一岗"):
        _, shard = read_script(files[f"{INDEX_DIR}/k/{key_hash(key) % manifest['keyShards']}.js"])
        assert isinstance(shard, dict)
        # the occurrence list, and a bigram's position list after a dot
        lists = shard[key].split(".")
        assert lists[0] == index.occurrences[key].decode()
        assert lists[1:] == ([] if len(key) == 1 else [index.positions[key].decode()])


def test_passage_files_carry_anchors_headings_and_simplified_text_only_when_it_differs() -> None:
    document = SearchDocument(
        "speeches/x",
        "講話",
        (Passage("開頭"), Passage("隱患排查", "p-1", "一、重點"), Passage("安全", "p-2", "一、重點")),
    )
    files = index_files([document])
    _, passages = read_script(files[f"{INDEX_DIR}/d/0.js"])
    _, characters = read_script(files[f"{INDEX_DIR}/c.js"])
    assert isinstance(passages, dict) and isinstance(characters, str)

    def text(ranks: str) -> str:
        return "".join(characters[rank] for rank in decode(ranks))

    rows = [[text(row[0]), *row[1:3], *map(text, row[3:])] for row in passages["p"]]
    assert passages["h"] == ["一、重點"]
    assert rows == [["開頭", "", -1, "开头"], ["隱患排查", "p-1", 0, "隐患排查"], ["安全", "p-2", 0]]
    # the most frequent characters take one byte each
    assert passages["p"][2][0] == encode([characters.index("安"), characters.index("全")]).decode()
    assert len(passages["p"][2][0]) == 2 and characters.index("安") < 32
    _, summaries = read_script(files[f"{INDEX_DIR}/m/0.js"])
    assert summaries == [["speeches/x", "講話", "", "讲话"]]


# --- the plugin -------------------------------------------------------------------------------


def test_material_search_keeps_its_box_and_reads_no_page_even_when_timed(tmp_path: Path) -> None:
    """Material's search plugin stays for the search box; its handler that reads every page is dropped."""
    config = load_config(str(copy_project(tmp_path)))
    PluginClock().attach(config.plugins)
    config = config.plugins.on_config(config)
    material = config.plugins["material/search"]
    assert all(plugin_of(handler) is not material for handler in config.plugins.events["page_context"])
    assert any(plugin_of(handler) is material for handler in config.plugins.events["post_build"])


def test_occurrences_say_whether_the_title_has_the_key_and_the_manifest_how_long_titles_are() -> None:
    documents = [
        SearchDocument("a", "汛期安全", (Passage("做好汛期工作。"),)),
        SearchDocument("b", "讲话", (Passage("汛期，汛期。"),)),
    ]
    index = build_index(documents)
    flagged = decode(index.occurrences["汛期"].decode())
    assert flagged == [0, 2 * 2 + 1, 1, 2 * 2]  # page 0: twice, once in its title; page 1: twice, not in it
    assert index.title_lengths == (4, 2)
    _, manifest = read_script(index_files(documents)[f"{INDEX_DIR}/manifest.js"])
    assert decode(manifest["titles"]) == [4, 2]


def test_the_alias_table_lists_each_named_page_with_its_names() -> None:
    documents = [
        SearchDocument("sectors/w", "危险化学品", (Passage("说明"),), names=("危险化学品", "危化品", "危險化學品")),
        SearchDocument("terms/x", "一岗双责", (Passage("说明"),), names=("一岗双责",)),
        SearchDocument("speeches/y", "讲话", (Passage("危化品"),)),
    ]
    _, manifest = read_script(index_files(documents)[f"{INDEX_DIR}/manifest.js"])
    names = manifest["names"]
    named = {page: {names[i] for i in indices} for page, *indices in manifest["named"]}
    assert named == {0: {"危险化学品", "危化品"}, 1: {"一岗双责"}}  # traditional forms fold into simplified ones


def test_a_concept_list_gives_the_pages_using_any_name_of_an_entry_and_which() -> None:
    documents = [
        SearchDocument("sectors/w", "危险化学品", (Passage("说明"),), names=("危险化学品", "危化品", "化工企业")),
        SearchDocument("speeches/a", "讲话", (Passage("危險化學品和危化品，危化品。"),)),
        SearchDocument("speeches/b", "讲话", (Passage("化工企业"),)),
        SearchDocument("speeches/c", "讲话", (Passage("消防"),)),
    ]
    groups = name_groups(documents)
    index = build_index(documents, names={name for group in groups for name in group})
    [(key, encoded)] = concept_lists(index.named, groups).items()
    assert key == concept_key(0)
    # (page gap, count, names used as bits in the order of the entry's names)
    assert decode(encoded.decode()) == [0, 4, 0b111, 1, 3, 0b011, 1, 1, 0b100]  # the sector: title and names
    files = index_files(documents)
    _, manifest = read_script(files[f"{INDEX_DIR}/manifest.js"])
    assert isinstance(manifest, dict)
    _, shard = read_script(files[f"{INDEX_DIR}/k/{key_hash(key) % manifest['keyShards']}.js"])
    assert isinstance(shard, dict) and shard[key] == encoded.decode()


def test_packed_files_hold_the_scripts_data_in_under_60_percent_of_the_bytes() -> None:
    documents = speech_documents(seed_speeches())
    scripts, packed = index_files(documents, Form.SCRIPT), index_files(documents, Form.PACKED)
    assert packed == index_files(documents, Form.PACKED)  # byte for byte: an incremental build compares files
    for path, script in scripts.items():
        other = path if path.endswith("/manifest.js") else path.removesuffix(".js") + ".bin"
        name, data = read_file(path, script)
        packed_name, packed_data = read_file(other, packed[other])
        if name == "manifest":
            assert isinstance(data, dict) and isinstance(packed_data, dict)
            assert (data.pop("packed"), packed_data.pop("packed")) == (False, True)
        assert (packed_name, packed_data) == (name, data)

    def size(files: dict[str, str | bytes]) -> int:
        return sum(len(content.encode() if isinstance(content, str) else content) for content in files.values())

    assert size(packed) < 0.6 * size(scripts)


@pytest.mark.parametrize(
    "damage", [lambda data: data[: len(data) // 2], lambda data: data[:-1] + b"\0", lambda _: b"garbage"]
)
def test_a_damaged_packed_file_is_refused(damage: Callable[[bytes], bytes]) -> None:
    path = f"{INDEX_DIR}/d/0.bin"
    content = index_files([SearchDocument("x", "讲话", (Passage("安全生产"),))], Form.PACKED)[path]
    assert isinstance(content, bytes)
    with pytest.raises(ValueError):
        read_file(path, damage(content))


def _table_of(texts: list[str]) -> CharacterTable:
    return CharacterTable(CharacterTable.counts(texts))


def test_passage_text_round_trips_through_the_character_table_in_both_forms() -> None:
    texts = ["同志们：要压实安全生产责任。", "", "危险化学品、烟花爆竹、非煤矿山……ABC 123"]
    table = _table_of(texts)
    for varint in (TEXT, BYTES):
        assert [table.decode(encoded, varint) for encoded in table.encode(texts, varint)] == texts


def test_a_characters_rank_takes_as_many_digits_as_its_frequency_earns() -> None:
    """The most frequent characters take the fewest digits: 32 take one base-64 digit, 128 one byte."""
    rng = random.Random(5)
    characters = [chr(0x4E00 + number) for number in range(3000)]
    # Character n occurs about 3000 / (n + 1) times: a long tail, like a language's.
    text = "".join(character * (3000 // (number + 1)) for number, character in enumerate(characters))
    table = _table_of(["".join(rng.sample(text, len(text)))])
    ranked = table.characters
    assert set(ranked[:32]) == set(characters[:32])
    assert set(ranked[32:128]) == set(characters[32:128])
    assert set(ranked[128:1024]) == set(characters[128:1024])


def test_one_more_occurrence_renumbers_no_character_unless_it_crosses_a_bound_of_digits() -> None:
    """Within a band of ranks that take the same digits, characters go by code point: an edit to one speech
    that adds a few occurrences leaves the table, and so every passage file, as it was."""
    characters = [chr(0x4E00 + number) for number in range(2000)]
    text = "".join(character * (20000 // (number + 1)) for number, character in enumerate(characters))
    table = _table_of([text])
    for edited in (characters[5], characters[300], characters[1500], characters[1999]):
        assert _table_of([text, edited * 3]).characters == table.characters, edited


@pytest.mark.parametrize("form", list(Form))
def test_a_passage_file_keyed_by_its_page_has_another_key_when_the_ranks_change_under_it(form: Form) -> None:
    """A page keeps its key while the character table changes under it: the file's key must change with the ranks.

    Within the table's band of most frequent characters they are ranked by code point: 鼎 added to the archive
    moves 齐 up one rank, and with it the second page's passage file.
    """
    pages = [
        SearchDocument(f"speeches/{n}", "讲话", (Passage(text),)) for n, text in enumerate(["安全生产", "齐心协力"])
    ]
    keys: list[str | None] = ["0", "1"]
    before = dict(index_file_items(pages, form, keys))
    assert {path: file.key for path, file in index_file_items(pages, form, keys)} == {
        p: f.key for p, f in before.items()
    }
    added = [*pages, SearchDocument("speeches/2", "讲话", (Passage("鼎力"),))]
    after = dict(index_file_items(added, form, [*keys, "2"]))
    second = f"{INDEX_DIR}/d/1{form.extension}"
    assert before[second].text() != after[second].text()
    assert all(before[path].key != after[path].key for path in before if before[path].text() != after[path].text())


def test_an_index_file_gone_during_a_live_rebuild_is_left_to_the_next(tmp_path: Path) -> None:
    """A live preview's regeneration may swap a new index in while MkDocs rebuilds from its listing of the old one:
    a file of the listing that is gone is the next rebuild's business, not an error that stops this one."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "search-index" / "d").mkdir(parents=True)
    kept, gone = (docs / "search-index" / "d" / name for name in ("1.bin", "2.bin"))
    kept.write_bytes(b"kept")
    gone.write_bytes(b"gone")
    files = [LinkedFile(f"search-index/d/{path.name}", str(docs), str(site), False) for path in (kept, gone)]
    gone.unlink()
    for file in files:
        file.copy_file(dirty=True)
    assert (site / "search-index" / "d" / "1.bin").read_bytes() == b"kept"
    assert not (site / "search-index" / "d" / "2.bin").exists()
    with pytest.raises(FileNotFoundError):  # a build from nothing has no next rebuild: it says so
        files[1].copy_file(dirty=False)
