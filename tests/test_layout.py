"""Layout faults a client saw (issue 22): the cover band, the near-empty page, the exposure wall,
slanted Chinese. Read back as a reader sees them: PDF text, pages and drawing, DOCX XML.

The crossborder PDF is rendered once per module and shared by its tests (marked pdf, so slow).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from assessor import cli

from .conftest import DATA, EXAMPLES, MINI, pdf_reader

CROSSBORDER = EXAMPLES / "crossborder-ecommerce.yaml"
MINI_ANSWERS = DATA / "answers" / "mini.yaml"
MINI_ARGS = ["--questionnaires", str(MINI), "--no-builtin", "--allow-incomplete"]
ACCENT = "#7a1f3d"
TRIAL_MARKING = ("Confidential: prepared for the management of Maison Verdier Retail (Shanghai) "
                 "Co., Ltd.")
PX = 0.75  # WeasyPrint draws in CSS pixels, scaled to points by the page's first matrix
BAND = 12 / 25.4 * 72 / PX  # the band is 12 mm wide
ITALIC = re.compile(r'<w:i/>|<w:i w:val="(1|true|on)"/>')


def brand(tmp: Path, **values: str) -> Path:
    """Write a brand file with the accent of the trial and ``values``."""
    lines = [f'accent: "{ACCENT}"'] + [f"{key}: {value!r}" for key, value in values.items()]
    path = tmp / "brand.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def render(tmp: Path, name: str, *argv: str | Path) -> Path:
    """Run ``assessor run`` in-process and return the output path."""
    out = tmp / name
    assert cli.main(["run", *map(str, argv), "-o", str(out)]) == 0
    return out


def accent_fills(path: Path, page: int) -> list[tuple[float, float, float, float]]:
    """Return the bounding box (x0, y0, x1, y1, CSS px) of each shape filled in the accent.

    WeasyPrint draws a border as a clip path (m/l points, then W or W*) filled with its colour,
    and a box's background as a rectangle (re) filled with its colour.
    """
    stream = pdf_reader(path).pages[page - 1].get_contents()
    assert stream is not None
    data = stream.get_data().decode("latin-1")
    red, green, blue = (int(ACCENT[i:i + 2], 16) / 255 for i in (1, 3, 5))
    colour = re.compile(rf"{red:.6f} {green:.6f} {blue:.6f} rg")
    boxes = []
    for match in colour.finditer(data):
        before = data[:match.start()]
        clip = before[before.rfind("q\n"):]
        points = [(float(x), float(y)) for x, y in
                  re.findall(r"([-\d.]+) ([-\d.]+) [ml]\n", clip)] if "W" in clip else []
        if not points:
            rect = re.match(r"\s*([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re", data[match.end():])
            if rect is None:
                continue
            x, y, w, h = map(float, rect.groups())
            points = [(x, y), (x + w, y + h)]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def page_height(path: Path) -> float:
    """Return the first page's height in CSS px."""
    return float(pdf_reader(path).pages[0].mediabox.height) / PX


def has_band(path: Path, page: int = 1) -> bool:
    """Say whether ``page`` has an accent band at its left edge running the page's full height."""
    height = page_height(path)
    return any(x0 <= 0.5 and abs(x1 - BAND) < 1 and y0 <= 0.5 and y1 >= height - 0.5
               for x0, y0, x1, y1 in accent_fills(path, page))


@pytest.fixture(scope="module")
def crossborder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("crossborder")
    return render(tmp, "xb.pdf", CROSSBORDER, "--allow-incomplete", "--brand",
                  brand(tmp, confidential=TRIAL_MARKING, firm="Chen & Partners Compliance"))


def text(path: Path, page: int) -> str:
    """Return a page's text with white space collapsed."""
    return re.sub(r"\s+", " ", pdf_reader(path).pages[page - 1].extract_text() or "")


@pytest.mark.pdf
def test_cover_band_runs_the_full_page_with_a_long_marking(crossborder: Path) -> None:
    assert has_band(crossborder)
    cover = text(crossborder, 1)
    assert "Confidential: prepared for the management of Maison Verdier" in cover
    assert not re.search(r"confidential:?\s*confidential", cover, re.IGNORECASE)


@pytest.mark.pdf
def test_long_cover_band_runs_the_full_page(tmp_path: Path) -> None:
    firm = "Harbour, Vale, Whitcombe, Ashdown & Lindqvist Data Protection Advisory LLP " * 2
    pdf = render(tmp_path, "long.pdf", *MINI_ARGS, MINI_ANSWERS, "--brand",
                 brand(tmp_path, firm=firm.strip()[:190], confidential=TRIAL_MARKING))
    assert has_band(pdf)
    assert "Confidential: prepared for" in text(pdf, 1)


@pytest.mark.pdf
def test_no_nearly_empty_page_after_the_summary(crossborder: Path) -> None:
    reader = pdf_reader(crossborder)
    summary = next(n for n in range(len(reader.pages))
                   if "Executive summary" in text(crossborder, n + 1)
                   and "The five gaps" in text(crossborder, n + 1)) + 1
    following = text(crossborder, summary + 1)
    assert "Scores at a glance" in text(crossborder, summary) + following
    assert len(following) > 800, following  # a page, not a line of overflow


@pytest.mark.pdf
def test_exposure_rows_summarise_many_gaps_and_point_to_the_register(crossborder: Path) -> None:
    reader = pdf_reader(crossborder)
    pages = [n + 1 for n in range(len(reader.pages))
             if "Penalty provision" in text(crossborder, n + 1)]
    exposure = " ".join(text(crossborder, n) for n in pages)
    register = next(n + 1 for n in range(len(reader.pages))
                    if text(crossborder, n + 1).count("Gap register") >= 1
                    and "Gap register" in text(crossborder, n + 1)[:200] and n > 2)
    found = re.search(r"(\d+) gaps, the most severe ranked \d+, \d+, \d+, \d+, \d+: see the gap "
                      r"register "
                      r"\(p\. (\d+)\)", exposure)
    assert found, exposure
    assert int(found.group(1)) > 5
    assert int(found.group(2)) == register
    assert re.search(r"and \d+ more \(\d+ articles\)", exposure)
    # no row lists dozens of ranks
    assert not re.search(r"(\d+, ){8}", exposure)


def test_docx_exposure_rows_summarise(tmp_path: Path) -> None:
    # the ranks depend on the example's gaps (a gap without a penalty may rank first)
    five = r"\d+, \d+, \d+, \d+, \d+"
    for lang, pattern in (("en", rf"\d+ gaps, the most severe ranked {five}"),
                          ("zh", rf"共\d+项差距，最严重的序号为{five}，详见差距清单")):
        docx = render(tmp_path, f"xb-{lang}.docx", CROSSBORDER, "--allow-incomplete",
                      "--lang", lang)
        xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
        words = re.sub(r"<[^>]+>", "", xml)
        assert re.search(pattern, words), lang
        assert not re.search(r"(\d+, ){8}", words)


def test_html_exposure_rows_summarise(tmp_path: Path) -> None:
    html = render(tmp_path, "xb.html", CROSSBORDER, "--allow-incomplete").read_text("utf-8")
    start = html.index('id="exposure"')
    section = html[start:html.index("</section>", start)]
    assert re.search(r"\d+ gaps, the most severe ranked \d+, \d+, \d+, \d+, \d+", section)
    assert 'href="#register"' in section


def test_no_italic_style_in_the_chinese_docx_or_workbook(tmp_path: Path) -> None:
    docx = zipfile.ZipFile(render(tmp_path, "mini-zh.docx", *MINI_ARGS, MINI_ANSWERS,
                                  "--lang", "zh"))
    body = docx.read("word/document.xml").decode("utf-8")
    assert "图 1" in body  # a caption: Word's built-in caption style is italic
    assert not ITALIC.search(body)
    styles = {m.group(1): m.group(0) for m in
              re.finditer(r'<w:style [^>]*w:styleId="([^"]+)".*?</w:style>',
                          docx.read("word/styles.xml").decode("utf-8"), re.DOTALL)}
    used = set(re.findall(r'<w:[pr]Style w:val="([^"]+)"/>', body))
    assert used
    for style in used:
        while style:
            assert not ITALIC.search(styles[style]), style
            based = re.search(r'<w:basedOn w:val="([^"]+)"/>', styles[style])
            style = based.group(1) if based else ""
    from openpyxl import load_workbook
    out = tmp_path / "mini-zh.xlsx"
    assert cli.main(["template", "--format", "xlsx", "--lang", "zh", *MINI_ARGS[:3],
                     "-o", str(out)]) == 0
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert not any(cell.font and cell.font.i for sheet in book for row in sheet.iter_rows()
                   for cell in row)


def workbook_of(*argv: str | Path) -> Any:
    """Run a command writing a workbook and return it as openpyxl reads it."""
    from openpyxl import load_workbook
    out = Path(str(argv[-1]))
    assert cli.main([*map(str, argv)]) == 0
    return load_workbook(out)


def test_workbooks_print_landscape_one_page_wide_with_title_client_and_date(
        tmp_path: Path) -> None:
    # the evidence request list's print setup: tests/test_evidence_list.py
    book = workbook_of("run", CROSSBORDER, "--allow-incomplete", "-o", tmp_path / "register.xlsx")
    title = "Gap register"
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.oddHeader.left.text == title
        assert sheet.oddHeader.right.text == "Silk Harbour Commerce Co., Ltd. · 12 November 2026"
        assert sheet.oddHeader.center.text == "DRAFT — for review, not for distribution"
        assert sheet.oddFooter.left.text == "&P / &N"


@pytest.fixture(scope="module")
def reassessed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The crossborder example, and six months on: five partial or missing controls now met."""
    tmp = tmp_path_factory.mktemp("reassessed")
    old = tmp / "2026.yaml"
    old.write_bytes(CROSSBORDER.read_bytes())
    lines, changed, current = [], 0, ""
    for line in CROSSBORDER.read_text(encoding="utf-8").split("\n"):
        if re.match(r"  date: ", line):
            line = "  date: 2027-06-22"
        key = re.match(r"  (\S+):$", line)
        current = key.group(1) if key else current
        if (changed < 5 and current.startswith(("pipl.", "csl."))
                and re.match(r"    answer: (not_implemented|partial)$", line)):
            line, changed = "    answer: implemented", changed + 1
        lines.append(line)
    assert changed == 5
    new = tmp / "2027.yaml"
    new.write_text("\n".join(lines), encoding="utf-8")
    return old, new, brand(tmp, confidential=TRIAL_MARKING, firm="Chen & Partners Compliance")


def unchanged_ids(old: Path, new: Path) -> list[str]:
    """Return the gaps open on both sides with the same score and answer (the JSON comparison)."""
    out = old.parent / "diff.json"
    assert cli.main(["diff", str(old), str(new), "-o", str(out), "--allow-incomplete",
                     "--force"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    return [g["id"] for g in data["gaps_still_open"]
            if g["trend"] == "same" and g["old"]["answer"] == g["new"]["answer"]]


@pytest.mark.pdf
def test_diff_pdf_is_branded_marked_draft_and_keeps_unchanged_gaps_in_an_appendix(
        reassessed: tuple[Path, Path, Path]) -> None:
    old, new, brand_file = reassessed
    pdf = old.parent / "diff.pdf"
    assert cli.main(["diff", str(old), str(new), "-o", str(pdf), "--brand", str(brand_file),
                     "--allow-incomplete"]) == 0
    pages = [text(pdf, n + 1) for n in range(len(pdf_reader(pdf).pages))]
    assert "Chen & Partners Compliance" in pages[0]
    assert "DRAFT — for review, not for distribution" in pages[0]
    assert all("DRAFT" in page and TRIAL_MARKING in page for page in pages)
    stream = pdf_reader(pdf).pages[0].get_contents()
    assert stream is not None and b"0.478431 0.121569 0.239216 rg" in stream.get_data()
    start = next(n for n, page in enumerate(pages) if "Appendix: gaps unchanged" in page)
    body, appendix = " ".join(pages[:start]), " ".join(pages[start:])
    ids = unchanged_ids(old, new)
    assert len(ids) > 20
    assert f"{len(ids)} more gaps are still open with the same score" in body
    still_open = body[body.index("Gaps still open ("):body.index("Answers changed (")]
    flat_appendix = appendix.replace(" ", "")
    for qid in ids:
        assert qid not in still_open.replace(" ", ""), qid
        assert qid in flat_appendix, qid
    assert len(still_open) < 400  # a heading and a line, not pages of rows
    assert len(pages) - start <= 5


def test_diff_html_moves_unchanged_gaps_to_the_appendix(reassessed: tuple[Path, Path, Path],
                                                       ) -> None:
    old, new, brand_file = reassessed
    html_path = old.parent / "diff.html"
    assert cli.main(["diff", str(old), str(new), "-o", str(html_path), "--brand",
                     str(brand_file), "--allow-incomplete", "--force"]) == 0
    html = html_path.read_text(encoding="utf-8").replace("<wbr>", "")  # long ids break
    body, appendix = html.split('id="unchanged"')
    still_open = body[body.index("Gaps still open ("):body.index("Answers changed (")]
    ids = unchanged_ids(old, new)
    assert ids and all(qid not in still_open and qid in appendix for qid in ids)
    assert "--accent: #7a1f3d" in html and "Chen &amp; Partners Compliance" in html


def base_fonts(path: Path) -> set[str]:
    """Return the names of the fonts a PDF's pages draw with (subset prefix dropped)."""
    names = set()
    for page in pdf_reader(path).pages:
        resources: Any = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.mark.slow  # fc-list runs as a program
def test_brand_font_sets_the_pdf_and_docx_faces_per_script(tmp_path: Path) -> None:
    brand_file = tmp_path / "brand.yaml"
    brand_file.write_text('firm: House\nfont: {en: "DejaVu Serif", zh: "AR PL UMing CN"}\n',
                          encoding="utf-8")
    for lang in ("en", "zh"):
        pdf = render(tmp_path, f"{lang}.pdf", *MINI_ARGS, MINI_ANSWERS, "--lang", lang,
                     "--brand", brand_file)
        fonts = base_fonts(pdf)
        assert "DejaVu-Serif" in fonts, fonts
        assert ("AR-PL-UMing-CN" in " ".join(fonts)) == (lang == "zh"), fonts
        docx = render(tmp_path, f"{lang}.docx", *MINI_ARGS, MINI_ANSWERS, "--lang", lang,
                      "--brand", brand_file)
        styles = zipfile.ZipFile(docx).read("word/styles.xml").decode("utf-8")
        defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
        assert 'w:ascii="DejaVu Serif"' in defaults and 'w:eastAsia="AR PL UMing CN"' in defaults


@pytest.mark.slow  # fc-list runs as a program
def test_a_brand_font_not_installed_or_malformed_is_refused_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brand_file = tmp_path / "brand.yaml"
    brand_file.write_text('firm: House\n'
                          'font: {en: "Source Serif 4 Nowhere", zh: "Bad\\"; } x {"}\n',
                          encoding="utf-8")
    out = tmp_path / "r.pdf"
    assert cli.main(["run", *MINI_ARGS, str(MINI_ANSWERS), "--brand", str(brand_file), "-o",
                     str(out)]) == 2
    err = capsys.readouterr().err
    assert "brand.yaml:2: font 'Source Serif 4 Nowhere' is not installed" in err
    assert "is not a font family name" in err
    assert not out.exists()


def test_a_long_marking_takes_its_own_docx_header_line(tmp_path: Path) -> None:
    from docx import Document

    docx = render(tmp_path, "long.docx", *MINI_ARGS, MINI_ANSWERS, "--lang", "zh", "--brand",
                  brand(tmp_path, confidential=TRIAL_MARKING, firm="Chen & Partners Compliance"))
    header = [p.text for p in Document(str(docx)).sections[0].header.paragraphs]
    assert header == ["Mini Co <script>\t草稿\t",
                      f"{TRIAL_MARKING} · Chen & Partners Compliance"]
    assert not re.search(r"confidential:?\s*confidential",
                         zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8"),
                         re.IGNORECASE)
