"""Speech files in every format the readers take, made by the tests from text written for them.

A PDF is printed by WeasyPrint with Debian's Noto CJK fonts, as a 公文 is (a running header, page numbers
in the footer, indented paragraphs) or as a plain export (ragged lines, a two-part header, 第 N 页 共 M 页);
a scan is a picture of a page saved as a PDF; a ``.doc``, a ``.wps``, an ``.rtf`` and an ``.odt`` are what
LibreOffice makes of a ``.docx`` written by python-docx. The saved web pages are files in ``tests/web_pages/``
(written for the tests, with the chrome government sites put around an article); a page saved as one file
(``.mht``) is one of them wrapped as a browser wraps it, with an image.
"""

from __future__ import annotations

import base64
import html
import quopri
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

from docx import Document

from tests.conftest import ROOT

WEB_PAGES = ROOT / "tests" / "web_pages"
NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

# An invented speech: (kind, text). Every paragraph is one paragraph of the page it is read into.
PDF_SPEECH = [
    ("title", "在全市2024年安全生产工作会议上的讲话"),
    ("front", "市长　陈某某"),
    ("front", "（2024年2月20日）"),
    ("p", "同志们："),
    (
        "p",
        "这次会议的主要任务是，深入贯彻落实全国、全省安全生产电视电话会议精神，总结2023年全市安全生产工作，"
        "分析当前面临的形势，安排部署2024年重点任务。刚才，市应急管理局通报了有关情况，五个县区和三家企业作了"
        "交流发言，我都同意。下面，我讲三点意见。",
    ),
    ("h", "一、充分肯定成绩，清醒认识当前安全生产形势"),
    (
        "p",
        "2023年，全市各级各部门坚持人民至上、生命至上，统筹发展和安全，扎实开展安全生产专项整治三年行动巩固"
        "提升，全年生产安全事故起数、死亡人数同比分别下降12.5%和9.8%，没有发生较大以上生产安全事故，全市安全"
        "生产形势保持总体稳定。",
    ),
    (
        "p",
        "在肯定成绩的同时，我们也要清醒看到，当前全市安全生产工作还存在不少短板和弱项。一些地方和单位对安全"
        "生产重视不够，重发展、轻安全的思想依然存在；一些企业主体责任落实不到位，安全投入不足，隐患排查治理"
        "流于形式；一些行业领域监管力量薄弱，专业执法能力不足，查不出、不会查的问题比较突出。",
    ),
    ("h", "二、聚焦重点领域，全力防范化解重大安全风险"),
    ("h2", "（一）深化道路交通安全整治。"),
    (
        "p",
        "公安、交通运输部门要持续开展两客一危一货重点车辆整治，严厉打击超速超载、疲劳驾驶、酒驾醉驾等违法"
        "行为，加快推进国省道平交路口和临水临崖路段安全防护设施建设，切实减少交通事故发生。",
    ),
    ("h2", "（二）强化危险化学品安全监管。"),
    (
        "p",
        "一是全面摸清底数，建立涉及危险化学品企业一企一档；二是严格特殊作业管理，动火、受限空间等作业必须"
        "严格审批、专人监护；三是加快推进化工园区安全整治提升，确保园区安全风险等级降至C级或D级。",
    ),
    ("h2", "（三）抓好城镇燃气和建筑施工安全。"),
    (
        "p",
        "住建部门要以餐饮企业、老旧小区为重点，全面排查燃气管道老化、报警装置缺失等隐患，督促用户规范使用"
        "燃气；要紧盯深基坑、高支模、起重机械和有限空间作业，严防坍塌、高处坠落和中毒窒息事故。",
    ),
    ("h", "三、压紧压实责任，确保各项工作落到实处"),
    (
        "p",
        "各级党委政府要严格落实党政同责、一岗双责、齐抓共管、失职追责，主要负责同志要亲自研究、亲自部署、"
        "亲自督办；各行业主管部门要按照三个必须要求，切实履行监管职责；各生产经营单位要落实全员安全生产责任"
        "制，做到安全投入到位、安全培训到位、基础管理到位、应急救援到位。",
    ),
    (
        "p",
        "要加强应急值守和信息报送，严格执行领导干部带班和24小时值班制度，遇有突发情况第一时间报告、第一时间"
        "处置，坚决杜绝迟报、漏报、谎报、瞒报。",
    ),
    (
        "p",
        "同志们，安全生产只有起点，没有终点。让我们以高度的政治责任感和时时放心不下的紧迫感，扎实做好今年各项"
        "安全生产工作，为全市经济社会高质量发展营造安全稳定的环境！",
    ),
]

# How a 公文 is printed: 16pt serif, indented paragraphs, the office's name on every page, - N - below.
OFFICIAL = """
@page { size: A4; margin: 30mm 26mm 28mm 28mm;
  @top-center { content: "某某市人民政府办公室"; font: 10pt 'Noto Sans CJK SC'; }
  @bottom-center { content: "- " counter(page) " -"; font: 11pt 'Noto Serif CJK SC'; } }
body { font: 16pt/1.75 'Noto Serif CJK SC'; }
p { margin: 0; text-indent: 2em; }
.title { font: bold 22pt/1.5 'Noto Sans CJK SC'; text-align: center; text-indent: 0; margin-bottom: 12pt; }
.front { text-align: center; text-indent: 0; }
h2, h3 { font: bold 16pt/1.75 'Noto Sans CJK SC'; margin: 0; text-indent: 2em; }
"""
# A plain export: block paragraphs with space between them, a header in two parts, 第 N 页 共 M 页.
PLAIN = """
@page { size: A4; margin: 25mm 20mm;
  @top-left { content: "云岭县安全生产委员会办公室"; font: 9pt 'Noto Sans CJK SC'; }
  @top-right { content: "安委办〔2024〕3号"; font: 9pt 'Noto Sans CJK SC'; }
  @bottom-right { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font: 9pt 'Noto Sans CJK SC'; } }
body { font: 12pt/1.6 'Noto Sans CJK SC'; }
p { margin: 0 0 8pt 0; }
.title { font-size: 18pt; text-align: center; }
.front { text-align: right; }
h2, h3 { font-size: 13pt; margin: 6pt 0; }
"""

# An office's export: its name left and 第N页 right in the footer, which the reader makes one line.
NUMBERED_FOOTER = OFFICIAL.replace(
    """@top-center { content: "某某市人民政府办公室"; font: 10pt 'Noto Sans CJK SC'; }
  @bottom-center { content: "- " counter(page) " -"; font: 11pt 'Noto Serif CJK SC'; }""",
    """@bottom-left { content: "鹤川市应急管理局"; font: 9pt 'Noto Sans CJK SC'; }
  @bottom-right { content: "第" counter(page) "页"; font: 9pt 'Noto Sans CJK SC'; }""",
)

# A 简报's page: the masthead, title and byline across it, the speech in two columns below them.
TWO_COLUMNS = """
@page { size: A4; margin: 20mm 18mm; @bottom-center { content: counter(page); font: 9pt 'Noto Sans CJK SC'; } }
body { font: 10.5pt/1.6 'Noto Serif CJK SC'; }
.columns { column-count: 2; column-gap: 8mm; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.title { font: bold 18pt 'Noto Sans CJK SC'; text-align: center; text-indent: 0; margin-bottom: 8pt; }
.front { text-align: center; text-indent: 0; }
h2, h3 { font: bold 10.5pt/1.6 'Noto Sans CJK SC'; margin: 4pt 0; }
"""


def speech_html(speech: list[tuple[str, str]], css: str) -> str:
    tags = {"title": ("p", "title"), "front": ("p", "front"), "p": ("p", ""), "h": ("h2", ""), "h2": ("h3", "")}
    blocks = [
        f"<{tags[kind][0]} class='{tags[kind][1]}'>{html.escape(text)}</{tags[kind][0]}>" for kind, text in speech
    ]
    across = sum(1 for kind, _ in speech if kind in ("title", "front"))  # the title and byline span the columns
    body = "".join(blocks[:across]) + f"<div class='columns'>{''.join(blocks[across:])}</div>"
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"


def pdf_bytes(speech: list[tuple[str, str]], css: str = OFFICIAL) -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string=speech_html(speech, css)).write_pdf()
    return data


def speech_pdf(path: Path, speech: list[tuple[str, str]] = PDF_SPEECH, css: str = OFFICIAL) -> Path:
    path.write_bytes(pdf_bytes(speech, css))
    return path


# Word's footnotes as a PDF prints them: the call [1] in the sentence, the note at the foot of its page.
FOOTNOTES = """
.note { float: footnote; font: 10pt/1.4 'Noto Serif CJK SC'; text-indent: 0; }
.note::footnote-call { content: "[" counter(footnote) "]"; font-size: inherit; vertical-align: baseline; }
.note::footnote-marker { content: "[" counter(footnote) "] "; }
"""


# Word's own way: the call a raised digit, the note opening with the digit (1 数据来源：……).
RAISED_FOOTNOTES = """
.note { float: footnote; font: 10pt/1.4 'Noto Serif CJK SC'; text-indent: 0; }
.note::footnote-call { content: counter(footnote); font-size: 60%; vertical-align: super; }
.note::footnote-marker { content: counter(footnote) " "; }
"""


def footnoted_pdf(path: Path, after: str, note: str, style: str = FOOTNOTES) -> Path:
    """The speech printed as a 公文, with a footnote ``note`` called right after the words ``after``, its call and
    marker as ``style`` sets them."""
    from weasyprint import HTML

    page = speech_html(PDF_SPEECH, OFFICIAL + style).replace(after, f"{after}<span class='note'>{note}</span>", 1)
    path.write_bytes(HTML(string=page).write_pdf())
    return path


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A scan: each page a picture of printed lines, and no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(NOTO_SANS, 36)
    images = []
    for page in range(pages):
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        for row in range(12):
            draw.text(
                (150, 200 + 100 * row), f"扫描件第{page + 1}页第{row + 1}行：安全生产责任重于泰山。", font=font, fill=0
            )
        images.append(image)
    images[0].save(path, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return path


def encrypted_pdf(path: Path, password: str = "secret") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf_bytes(PDF_SPEECH))))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    with path.open("wb") as file:
        writer.write(file)
    return path


def text_then_scanned_pdf(path: Path) -> Path:
    """A PDF whose first pages have text and whose last page is a scan."""
    from pypdf import PdfReader, PdfWriter

    with tempfile.TemporaryDirectory() as folder:
        scan = scanned_pdf(Path(folder) / "scan.pdf", pages=1)
        writer = PdfWriter()
        writer.append(PdfReader(BytesIO(pdf_bytes(PDF_SPEECH))))
        writer.append(PdfReader(scan))
        with path.open("wb") as file:
            writer.write(file)
    return path


# An invented speech for Word files: typed numbering, a table of units and tasks.
WORD_SPEECH = [
    "在全镇2023年秋季安全生产工作会议上的讲话",
    "镇长　周某某",
    "同志们：",
    "今天，我们召开全镇秋季安全生产工作会议，主要任务是部署秋收和国庆期间的安全生产工作。",
    "一、认清形势，切实增强责任感",
    "秋收时节农机作业集中，国庆假期人员流动频繁，道路交通和消防安全压力明显加大。",
    "二、突出重点，扎实开展隐患排查",
    "一是抓好农机安全，严禁无证驾驶和违规载人；二是抓好森林防火，严管野外用火。",
    "同志们，安全生产责任重于泰山，大家要以高度负责的态度抓好各项工作。",
]
WORD_TABLE = [
    ["单位", "任务", "时限"],
    ["镇应急办", "农机安全检查", "10月15日前"],
    ["各村委会", "野外用火巡查", "国庆期间"],
]


def word_docx(path: Path, paragraphs: list[str] = WORD_SPEECH, table: list[list[str]] = WORD_TABLE) -> Path:
    document = Document()
    for number, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if number == 6:  # the table of tasks, under part two
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for row, cells in zip(grid.rows, table, strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
    document.save(str(path))
    return path


def office_file(path: Path, paragraphs: list[str] = WORD_SPEECH, table: list[list[str]] = WORD_TABLE) -> Path:
    """What LibreOffice saves of a ``.docx`` in ``path``'s format: Word 97–2003 (``.doc``, and ``.wps``, which is
    the same file), rich text (``.rtf``) or OpenDocument (``.odt``)."""
    program = shutil.which("soffice")
    assert program, "LibreOffice is needed: scripts/install-system-deps.sh installs it"
    target = "doc" if path.suffix == ".wps" else path.suffix.lstrip(".")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        word_docx(work / "speech.docx", paragraphs, table)
        subprocess.run(
            [
                program,
                "--headless",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--convert-to",
                target,
                "--outdir",
                str(work),
                str(work / "speech.docx"),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        shutil.copy(work / f"speech.{target}", path)
    return path


# A page saved as one file (.mht) as Internet Explorer writes it: the page's address, its images'.
PAGE_ADDRESS = "http://www.example.gov.cn/art/2024/3/1/art_1_1.html"
IMAGE_ADDRESS = "http://www.example.gov.cn/pic/1.jpg"
MHT_BOUNDARY = "----=_NextPart_000_0000_01DA6B2C.3F5A1E20"


def png_bytes() -> bytes:
    from PIL import Image

    image = BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(image, "PNG")
    return image.getvalue()


def mht_part(content_type: str, data: bytes, transfer: str, headers: dict[str, str] | None = None) -> str:
    """One part of a saved page: its headers, then ``data`` in its transfer encoding."""
    body = quopri.encodestring(data) if transfer == "quoted-printable" else base64.encodebytes(data)
    lines = [f"Content-Type: {content_type}", f"Content-Transfer-Encoding: {transfer}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return "\n".join(lines) + "\n\n" + body.decode("ascii")


def page_part(page: str, charset: str = "gb2312", transfer: str = "quoted-printable") -> str:
    """The page's HTML as a part in ``charset``: characters the charset has not are character references, as a
    browser writes them; gb2312 is GBK, as it is in every browser."""
    data = page.encode("gbk" if charset == "gb2312" else charset, errors="xmlcharrefreplace")
    return mht_part(f'text/html;\n\tcharset="{charset}"', data, transfer, {"Content-Location": PAGE_ADDRESS})


def mht_file(path: Path, parts: list[str], more: str = "") -> Path:
    """``parts`` in one multipart/related message, as Internet Explorer saves a page (网页，单个文件), CRLF and all;
    ``more`` goes on from its Content-Type: more parameters (``;start=…``), or more headers after a line break."""
    message = (
        "From: <Saved by Windows Internet Explorer 11>\n"
        "Subject: =?gb2312?B?sLLIq8n6svo=?=\n"
        "Date: Fri, 1 Mar 2024 09:00:00 +0800\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: multipart/related;\n\ttype="text/html";\n\tboundary="{MHT_BOUNDARY}"{more}\n'
        "X-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.17609\n\n"
        "This is a multi-part message in MIME format.\n\n"
        + "".join(f"--{MHT_BOUNDARY}\n{part}\n" for part in parts)
        + f"--{MHT_BOUNDARY}--\n"
    )
    path.write_bytes(message.replace("\n", "\r\n").encode("ascii"))
    return path


def saved_as_one_file(path: Path, page: str, charset: str = "gb2312", transfer: str = "quoted-printable") -> Path:
    """``page`` saved as one file with its picture: the page's HTML first, the image after it."""
    image = mht_part("image/png", png_bytes(), "base64", {"Content-Location": IMAGE_ADDRESS})
    return mht_file(path, [page_part(page, charset, transfer), image])
