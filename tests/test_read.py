"""Reading: every encoding and format staff actually have, and sidecar metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from speechkb.model import Diagnostic
from speechkb.stages import readers
from speechkb.stages.readers import RawText, Reader, ReadError, find_speeches, read_source, survey
from speechkb.stages.readers.sidecar import read_sidecar
from tests.conftest import SEED_FILES

TEXT = "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n（一）落实“党政同责、一岗双责”。各乡镇要履职尽责。\n煙花爆竹、隱患排查要抓实。\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_encoding_and_line_ending_reads_the_same_lines(
    tmp_path: Path, encoding: str, bom: bytes, newline: str
) -> None:
    path = tmp_path / "speech.txt"
    path.write_bytes(bom + TEXT.replace("\n", newline).encode(encoding))
    source = read_source(path)
    assert [line.text for line in source.lines] == TEXT.splitlines()
    assert [line.number for line in source.lines] == [1, 2, 3, 4, 5]
    assert not source.diagnostics


def test_gbk_seed_is_detected_not_guessed(tmp_path: Path) -> None:
    """A whole real speech saved as GBK decodes to exactly the UTF-8 original."""
    original = SEED_FILES[0].read_text(encoding="utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(original.encode("gbk"))
    source = read_source(path)
    assert source.encoding in {"gb18030", "gbk", "gb2312"}
    assert [line.text for line in source.lines] == [t.strip() for t in original.splitlines() if t.strip()]


def test_docx_paragraphs_become_lines(tmp_path: Path) -> None:
    document = Document()
    for text in TEXT.splitlines():
        document.add_paragraph(text)
    document.add_paragraph("")
    path = tmp_path / "speech.docx"
    document.save(str(path))
    source = read_source(path)
    assert source.encoding == "docx"
    assert [line.text for line in source.lines] == TEXT.splitlines()


def test_docx_that_is_not_a_zip_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("这不是Word文件", encoding="utf-8")
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert raised.value.diagnostic.path == path and "not a Word document" in raised.value.diagnostic.message


def test_stray_invalid_byte_is_replaced_and_located(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    data = "第一行。\n第二行有坏字节".encode() + b"\xff" + "。\n".encode()
    path.write_bytes(data)
    source = read_source(path)
    assert source.lines[1].text == "第二行有坏字节�。"
    [warning] = source.diagnostics
    offset = data.index(b"\xff")
    assert warning.line == 2 and f"byte offset {offset}" in warning.message


BIG5_TEXT = """在全縣安全生產工作會議上的講話
同志們：
今天召開全縣安全生產工作會議，主要任務是總結去年工作，部署今年重點任務。
一、正視當前形勢，切實增強做好安全生產工作的責任感
過去一年，全縣上下堅持人民至上、生命至上，全年未發生較大以上生產安全事故。
二、突出重點領域，全力抓好風險隱患排查整治
要持續深化燃氣安全專項整治，對餐飲場所全面安裝燃氣洩漏報警裝置。
同志們，安全生產責任重於泰山。讓我們齊心協力，確保全縣安全生產形勢持續穩定。"""


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
@pytest.mark.parametrize("damage", ["stray byte", "cut inside the last character"])
def test_a_chinese_encoded_file_with_a_damaged_byte_is_read_and_the_byte_located(
    tmp_path: Path, encoding: str, damage: str
) -> None:
    """A GBK or Big5 file with one bad byte (a byte flipped, a copy cut off inside a character) is that encoding
    with a byte shown as �, not a file of unknown encoding."""
    text = SEED_FILES[0].read_text(encoding="utf-8").strip() if encoding == "gb18030" else BIG5_TEXT
    data = text.encode(encoding)
    if damage == "stray byte":
        offset = data.index("\n".encode(encoding), len(data) // 2) + 1  # before the first character of a line
        data = data[:offset] + b"\xff" + data[offset:]
        line = data[:offset].count(b"\n") + 1
        wanted = text.splitlines()[line - 1]
        wanted = "\ufffd" + wanted
    else:
        data = data[:-1]
        offset = len(data) - 1
        line = text.count("\n") + 1
        wanted = text.splitlines()[-1][:-1] + "\ufffd"
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert source.encoding == encoding
    by_number = {source_line.number: source_line.text for source_line in source.lines}
    assert by_number[line] == wanted.strip()
    assert len(source.lines) == len([t for t in text.splitlines() if t.strip()])
    [warning] = source.diagnostics
    assert warning.line == line and f"byte offset {offset}" in warning.message and encoding.upper() in warning.message


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_nul_padding_after_the_text_is_left_out_and_reported(tmp_path: Path, encoding: str) -> None:
    """A save cut short fills a file's end with NULs: the speech before them is read, the padding reported."""
    path = tmp_path / "padded.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode(encoding) + b"\x00" * 512)
    source = read_source(path)
    assert [line.text for line in source.lines] == TEXT.splitlines()
    [warning] = source.diagnostics
    assert warning.line == 5 and warning.message.startswith("512 NUL bytes after the text")


def test_nul_bytes_inside_the_text_are_an_error_that_says_where(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    data = "第一行。\n第二行".encode() + b"\x00" + "。\n".encode()
    path.write_bytes(data)
    with pytest.raises(ReadError) as raised:
        read_source(path)
    assert raised.value.diagnostic.path == path
    assert f"NUL bytes, the first at byte offset {data.index(0)}" in raised.value.diagnostic.message


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n\xe3\x80\x80\n"])
def test_empty_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match="no text"):
        read_source(path)


@pytest.mark.parametrize("suffix", readers.SPEECH_SUFFIXES)
def test_an_empty_file_of_any_format_is_said_to_be_empty(tmp_path: Path, suffix: str) -> None:
    """A save that never happened: not "not a zip" for a .docx, nor "damaged" for a .pdf, but what it is."""
    path = tmp_path / f"讲话{suffix}"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match=r"^no text: the file is empty \(0 bytes\)$"):
        read_source(path)


def test_finds_speeches_in_a_stable_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a.docx", "c.yml", ".hidden.txt", "~$lock.docx", "notes.md"]:
        (tmp_path / name).write_text("x")
    assert [p.name for p in find_speeches(tmp_path)] == ["a.docx", "b.txt"]


def test_finds_speeches_in_sub_folders_as_an_office_files_them(tmp_path: Path) -> None:
    for name in [
        "2023年/县长讲话.txt",
        "2023年/县长讲话.yml",
        "2024年/领导讲话/书记讲话.docx",
        "2024年/领导讲话/签到表.xls",
        "2024年/网页/讲话.htm",
        "2024年/网页/讲话_files/广告.htm",
        "2024年/网页/讲话_files/main.js",
        "2024年/网页/另一篇.HTML",
        "2024年/网页/另一篇.files/frame.html",
        "2024年/网页/汇编_files/不是网页的附属文件夹.txt",
        ".git/objects/x.txt",
        "2024年/.备份/旧稿.txt",
        "根目录.txt",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "2024年" / "回到上级").symlink_to(tmp_path, target_is_directory=True)  # read once, not forever
    assert [p.relative_to(tmp_path).as_posix() for p in find_speeches(tmp_path)] == [
        "2023年/县长讲话.txt",
        "2024年/网页/另一篇.HTML",
        "2024年/网页/汇编_files/不是网页的附属文件夹.txt",
        "2024年/网页/讲话.htm",
        "2024年/领导讲话/书记讲话.docx",
        "根目录.txt",
    ]
    [unread] = survey(tmp_path)[1]
    assert unread.path == tmp_path / "2024年" / "领导讲话" / "签到表.xls" and "not read: .xls" in unread.message


def test_a_sub_folder_that_cannot_be_opened_is_reported_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "锁定").mkdir()
    (tmp_path / "锁定" / "讲话.txt").write_text("x")
    (tmp_path / "讲话.txt").write_text("x")
    scandir = readers.os.scandir

    def refusing(path: str) -> object:
        if Path(path).name == "锁定":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(readers.os, "scandir", refusing)
    assert find_speeches(tmp_path) == [tmp_path / "讲话.txt"]
    [unopened] = survey(tmp_path)[1]
    assert unopened.path == tmp_path / "锁定"
    assert unopened.message == "not read: the folder cannot be opened (Permission denied)"


class _LinesReader(Reader):
    """A format for the registry tests: UTF-8 lines, one per line of the file."""

    suffixes = (".lines",)

    def read(self, path: Path, data: bytes, diagnostics: list[Diagnostic]) -> RawText:
        return RawText(data.decode("utf-8").split("\n"), "lines")


def test_a_registered_reader_is_found_and_gets_every_shared_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "READERS", {**readers.READERS, ".lines": _LinesReader()})
    path = tmp_path / "speech.LINES"
    path.write_text("标题\n\n\u3000同志们\x07：\n", encoding="utf-8")
    path.with_suffix(".yml").write_text("title: 侧车标题\n", encoding="utf-8")
    assert find_speeches(tmp_path) == [path]
    source = read_source(path)
    assert [(line.number, line.text, line.indented) for line in source.lines] == [
        (1, "标题", False),
        (3, "同志们�：", True),
    ]
    assert (source.encoding, source.metadata.title) == ("lines", "侧车标题")
    [warning] = source.diagnostics
    assert warning.line == 3 and "control character U+0007" in warning.message


def test_a_file_no_reader_is_registered_for_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("安全生产。", encoding="utf-8")
    assert find_speeches(tmp_path) == []
    with pytest.raises(ReadError, match=r"not a speech file: its suffix is not one of \.txt, \.docx"):
        read_source(path)


def test_seed_sidecars_are_valid_and_hold_only_what_the_text_cannot_tell() -> None:
    for seed in SEED_FILES:
        metadata = read_sidecar(seed.with_suffix(".yml"))
        assert metadata.meeting  # every seed's meeting is named in full only by its sidecar
        assert not (metadata.level or metadata.season)  # all five texts tell their level and season


def test_sidecar_fields(tmp_path: Path) -> None:
    path = tmp_path / "s.yml"
    path.write_text("title: 标题\ndate: 2024-03-05\nlevel: 县\nplace: 某县\nmeeting: 会议\nspeaker: 县长\nseason: 春\n")
    metadata = read_sidecar(path)
    assert (metadata.title, metadata.date, metadata.level, metadata.year) == ("标题", "2024-03-05", "县", 2024)


@pytest.mark.parametrize(
    ("yaml_text", "key", "line", "words"),
    [
        ("title: 标题\nauthor: 某人\n", "author", 2, "unknown key"),
        ("title: [1, 2]\n", "title", 1, "string"),
        ("date: 2024-02-30\n", "date", 1, "real date"),
        ("date: 2024-13\n", "date", 1, "real date"),
        ("date: 去年\n", "date", 1, "YYYY"),
        ("level: 村\n", "level", 1, "县"),
        ("slug: 中文\n", "slug", 1, "ASCII"),
    ],
)
def test_bad_sidecar_names_the_file_and_key(tmp_path: Path, yaml_text: str, key: str, line: int, words: str) -> None:
    path = tmp_path / "s.yml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ReadError) as raised:
        read_sidecar(path)
    diagnostic = raised.value.diagnostic
    assert diagnostic.path == path and diagnostic.line == line
    assert f"key '{key}'" in diagnostic.message and words in diagnostic.message


def test_invalid_yaml_sidecar_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yml"
    path.write_text("title: 标题\ndate: [2024\n", encoding="utf-8")
    with pytest.raises(ReadError, match="invalid YAML") as raised:
        read_sidecar(path)
    assert raised.value.diagnostic.line is not None


def test_damaged_utf16_after_its_bom_is_replaced_and_located(tmp_path: Path) -> None:
    path = tmp_path / "word.txt"
    before = b"\xff\xfe" + "第一行。\n第二行".encode("utf-16-le")
    path.write_bytes(before + b"\x00\xd8" + "。\n".encode("utf-16-le"))  # a lone surrogate: Word cut mid-character
    source = read_source(path)
    assert [line.text for line in source.lines] == ["第一行。", "第二行�。"]
    [warning] = source.diagnostics
    assert warning.line == 2 and f"invalid UTF-16-LE bytes 00 d8 at byte offset {len(before)};" in warning.message


def test_a_badly_damaged_file_lists_ten_problems_and_counts_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(b"".join("安全生产工作要抓实抓细。".encode() * 10 + b"\xff\n" for _ in range(25)))
    diagnostics = read_source(path).diagnostics
    assert [d.line for d in diagnostics] == [*range(1, 11), None]
    assert diagnostics[-1].message == "25 invalid bytes in all; only the first 10 are listed"


def test_a_speech_with_a_bad_sidecar_is_read_without_it(tmp_path: Path) -> None:
    path = tmp_path / "speech.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.with_suffix(".yml").write_text("title: 标题\ndate: 2023-02-30\n", encoding="utf-8")
    source = read_source(path)
    assert source.metadata.title is None and len(source.lines) == 5
    [error] = source.diagnostics
    assert error.path == path.with_suffix(".yml") and error.line == 2 and "built without its sidecar" in error.message
