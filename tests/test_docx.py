"""The Word report read back with python-docx (and through LibreOffice where it is installed)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from assessor.banks.catalog import load_catalog

from .conftest import DATA, EXAMPLES, MINI, Run, pdf_reader, report_file, write
from .test_report_formats import png
from .test_scope import pipl_only
from .test_voice import VOICED

if TYPE_CHECKING:
    from pypdf import PdfReader

MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")
MINI_ANSWERS = DATA / "answers" / "mini.yaml"
EXAMPLE = EXAMPLES / "crossborder-ecommerce.yaml"
PARTS = ["Executive summary", "Scores at a glance", "Scope and applicability", "Gap register",
         "Remediation roadmap", "Legal exposure", "Evidence requests", "Alternative measures",
         "Appendix: all answers", "Statement of Applicability", "Method and disclaimer",
         "Document record"]
PARTS_ZH = ["执行摘要", "得分概览", "适用范围", "差距清单", "整改路线图", "法律责任风险",
            "待补充证据清单", "替代措施", "附录：全部答复", "适用性声明", "方法与免责声明",
            "文件记录"]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def paragraphs(document: Any) -> list[tuple[str, str]]:
    """Return (style name, text) of every body paragraph, tables' included, in order."""
    body = document.element.body
    styles = {s.style_id: s.name for s in document.styles}
    out = []
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = styles.get(style.get(qn("w:val")), "") if style is not None else ""
        out.append((name, "".join(t.text or "" for t in p.iter(qn("w:t")))))
    return out


def headings(document: Any, level: int = 1) -> list[str]:
    return [text for style, text in paragraphs(document) if style == f"Heading {level}"]


def all_text(document: Any) -> str:
    return "\n".join(text for _, text in paragraphs(document))


def section_text(document: Any, start: str, end: str) -> str:
    """Return the text from the heading ``start`` to the heading ``end``."""
    found = paragraphs(document)
    first = next(n for n, (s, t) in enumerate(found) if t == start and s.startswith("Heading"))
    last = next((n for n, (s, t) in enumerate(found) if n > first and end and t.startswith(end)),
                len(found))
    return "\n".join(t for _, t in found[first:last])


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from assessor import cli

    tmp = tmp_path_factory.mktemp("docx")
    out = tmp / "report.docx"
    assert cli.main(["run", str(EXAMPLE), "-o", str(out), *brand_args(tmp)]) == 0
    return out, Document(str(out))


def brand_args(folder: Path) -> list[str]:
    """Write a brand file with a logo beside it; return the options that use it."""
    (folder / "logo.png").write_bytes(png())
    brand = write(folder / "brand.yaml", "logo: logo.png\n")
    return ["--brand", str(brand), "--firm", "Harbour & Vale LLP", "--accent", "#7a1f3d",
            "--confidential", "Board copy 3 of 5"]


def test_every_part_in_order_with_a_contents_field(example: tuple[Path, Any]) -> None:
    path, document = example
    assert headings(document) == PARTS
    assert headings(document, 2)[:2] == ["The five gaps that matter most", "What is strong"]
    body = document.element.body
    instructions = "".join(t.text for t in body.iter(qn("w:instrText")))
    assert 'TOC \\o "1-2"' in instructions
    toc = [text for style, text in paragraphs(document) if style in ("toc 1", "toc 2")]
    assert toc[:3] == PARTS[:3] and "Cybersecurity Law" in toc
    settings = zipfile.ZipFile(path).read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true"/>' in settings


def test_summary_says_why_the_rating_is_capped(example: tuple[Path, Any]) -> None:
    _, document = example
    summary = section_text(document, "Executive summary", "Scores at a glance")
    assert "80 / 100" in summary and "Needs improvement" in summary
    assert ("The score alone falls in the Adequate band. The rating is capped at Needs "
            "improvement because critical gaps in binding law remain open (ranks in the "
            "register: 1, 2, 3, 4, 5, 6)") in summary   # one rank per fact
    method = section_text(document, "Method and disclaimer", "Document record")
    assert "a critical gap, at most Needs improvement; a high gap, at most Adequate" in method


def test_charts_are_pictures_with_captions(example: tuple[Path, Any]) -> None:
    _, document = example
    pictures = list(document.inline_shapes)
    assert len(pictures) == 3  # the logo, the bars, the radar
    captions = [text for style, text in paragraphs(document) if style == "Caption"]
    assert captions == ["Figure 1. Score by instrument",
                        "Figure 2. Alignment with the eight GDSI principles"]
    images = [n for n in zipfile.ZipFile(example[0]).namelist() if n.startswith("word/media/")]
    assert len(images) == 3


def test_register_roadmap_soa_and_record_hold_their_rows(example: tuple[Path, Any],
                                                         run: Run, tmp_path: Path) -> None:
    import json

    _, document = example
    data = report_file(run, tmp_path / "r.json", EXAMPLE)
    view = json.loads(data.read_text(encoding="utf-8"))
    register = section_text(document, "Gap register", "Remediation roadmap")
    for gap in view["gaps"]:
        assert gap["id"] in register
    assert "Act now · 6 gaps" in register   # one row per fact
    assert "Asked: Does each outbound PI flow rest on the legal route" in register
    assert "On site we watched a Hong Kong agent open a buyer" in register   # leads its row
    assert "Assessor's finding: On site" not in register                    # and is not repeated
    soa = section_text(document, "Statement of Applicability", "Method and disclaimer")
    ids = [r["id"] for block in view["soa"] for r in block["rows"]]
    assert len(ids) > 200
    assert all(i in soa for i in ids)
    assert "Does not apply: " in soa and "Out of scope" in soa
    record = section_text(document, "Document record", "")
    assert view["source"]["sha256"] in record
    tables = [t.style.name for t in document.tables]
    assert tables.count("Report Table") >= 15 and "Facts Table" in tables
    looks = [t._tbl.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}").get(qn("w:firstRow"))
             for t in document.tables]
    assert looks[:2] == ["0", "1"]  # the cover's facts have no header row; the figures have
    assert looks[-1] == "0"  # the record: no header row, so none styled as one


def test_brand_marking_and_draft_on_every_page(example: tuple[Path, Any]) -> None:
    path, document = example
    cover = all_text(document)[:1500]
    assert "Harbour & Vale LLP" in cover and "Board copy 3 of 5" in cover
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = "".join(p.text for p in section.header.paragraphs)
    assert header == ("Silk Harbour Commerce Co., Ltd.\tDRAFT\tBoard copy 3 of 5 · "
                      "Harbour & Vale LLP")
    assert "DRAFT" in "".join(p.text for p in section.first_page_header.paragraphs)
    texts = [t.text or "" for t in section.header._element.iter(qn("w:t"))]
    assert not any("\t" in t for t in texts)  # tabs are w:tab elements, as Word writes them
    footer = section.footer.paragraphs[0]._p
    assert [t.text.strip() for t in footer.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    styles = zipfile.ZipFile(path).read("word/styles.xml").decode()
    assert 'w:fill="7A1F3D"' in styles  # the Report Table's header row in the accent colour
    assert "DRAFT — for review, not for distribution" in cover


def test_same_input_same_bytes_dated_from_the_answers(example: tuple[Path, Any],
                                                      tmp_path: Path) -> None:
    from assessor import cli

    path, document = example
    assert document.core_properties.created.date().isoformat() == "2026-11-12"
    assert document.core_properties.modified == document.core_properties.created
    again = tmp_path / "again.docx"
    assert cli.main(["run", str(EXAMPLE), "-o", str(again), *brand_args(tmp_path)]) == 0
    assert again.read_bytes() == path.read_bytes()
    times = {i.date_time for i in zipfile.ZipFile(path).infolist()}
    assert times == {(1980, 1, 1, 0, 0, 0)}


def test_chinese_report_names_an_east_asian_font(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "zh.docx"
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--lang", "zh")[0] == 0
    document = Document(str(out))
    assert headings(document) == PARTS_ZH
    assert "有负责人吗？" in section_text(document, "差距清单", "整改路线图")
    styles = zipfile.ZipFile(out).read("word/styles.xml").decode()
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert 'w:eastAsia="Microsoft YaHei"' in defaults and "eastAsiaTheme" not in styles
    assert 'w:val="zh-CN" w:eastAsia="zh-CN"' in defaults


def test_the_consultants_voice_in_the_docx(run: Run, tmp_path: Path) -> None:
    source = write(tmp_path / "voiced.yaml", VOICED)
    out = tmp_path / "voiced.docx"
    assert run("run", *MINI_ARGS, source, "--format", "docx", "-o", out)[0] == 0
    document = Document(str(out))
    said = [text for style, text in paragraphs(document) if style == "Assessor Summary"]
    assert said == ["Voice Co keeps its logs for too short a time and has no officer.",
                    "We recommend appointing the officer first."]
    summary = section_text(document, "Executive summary", "Scores at a glance")
    assert summary.index("We recommend") < summary.index("Overall score")
    register = section_text(document, "Gap register", "Remediation roadmap")
    assert ("Raised by the assessor from Low: Element B is what the regulator inspects first."
            in register)
    assert "Lowered by the assessor from Critical: " in register
    assert "Logs rotate after 90 days on every server we sampled.\n" in register  # it leads the row


def firm_template(path: Path, body: str = "TEMPLATE BODY TEXT") -> Path:
    """Write a firm's template: Heading 1 in Georgia, dark green, and a paragraph of its own."""
    from docx.shared import RGBColor

    document = Document()
    document.sections[0].header.paragraphs[0].text = "FIRM LETTERHEAD"
    heading = document.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.color.rgb = RGBColor(0x00, 0x55, 0x22)
    document.add_paragraph(body)
    document.save(str(path))
    return path


def test_a_firms_template_lends_its_styles(run: Run, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    template = firm_template(tmp_path / "firm.docx")
    out = tmp_path / "r.docx"
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--docx-template", template)[0] == 0
    document = Document(str(out))
    assert headings(document) == PARTS
    heading = document.styles["Heading 1"]
    assert heading.font.name == "Georgia" and str(heading.font.color.rgb) == "005522"
    assert "TEMPLATE BODY TEXT" not in all_text(document)
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header == ["FIRM LETTERHEAD", "Mini Co <script>\tDRAFT\tConfidential"]
    brand = write(tmp_path / "brand.yaml", "firm: Harbour\ndocx_template: firm.docx\n")
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--brand", brand)[0] == 0
    assert Document(str(out)).styles["Heading 1"].font.name == "Georgia"


def test_a_dotx_template_is_accepted(run: Run, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    docx_file = firm_template(tmp_path / "firm.docx")
    dotx = tmp_path / "firm.dotx"
    source = zipfile.ZipFile(docx_file)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(info, data)
    dotx.write_bytes(buffer.getvalue())
    out = tmp_path / "r.docx"
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--docx-template", dotx)[0] == 0
    assert Document(str(out)).styles["Heading 1"].font.name == "Georgia"


def test_bad_templates_are_refused_and_nothing_is_written(run: Run, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "r.docx"
    not_word = write(tmp_path / "notes.docx", "plain text")
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--docx-template",
                         not_word)
    assert status == 2
    assert err == ("assessor: error: docx template notes.docx: not a Word document or template "
                   "(.docx, .dotx) with styles\n")
    outside = firm_template(tmp_path.parent / f"{tmp_path.name}-outside.docx")
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--docx-template", outside)
    assert status == 2 and "refused: a template must lie in the current folder" in err
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--docx-template",
                         tmp_path / "missing.docx")
    assert status == 2 and err.endswith("missing.docx: no such file\n")
    assert not out.exists()


def test_batch_renders_word_reports(run: Run, tmp_path: Path) -> None:
    first = write(tmp_path / "in" / "a.yaml", MINI_ANSWERS.read_text(encoding="utf-8"))
    second = write(tmp_path / "in" / "b.yaml", VOICED)
    status, _, _ = run("run", *MINI_ARGS, first, second, "-o", tmp_path / "out/",
                       "--format", "docx")
    assert status == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "b.docx"]
    assert headings(Document(str(tmp_path / "out" / "b.docx"))) == PARTS


def converted(docx_file: Path, tmp_path: Path) -> PdfReader:
    """Convert a DOCX to PDF with LibreOffice and return the PDF."""
    profile = tmp_path / "lo-profile"
    subprocess.run([str(SOFFICE), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_file)],
                   check=True, capture_output=True, timeout=180)
    return pdf_reader(tmp_path / (docx_file.stem + ".pdf"))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                           "apt-get install libreoffice-writer-nogui")
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_libreoffice_lays_out_every_part(run: Run, tmp_path: Path, lang: str) -> None:
    source = write(tmp_path / "voiced.yaml", VOICED)
    out = tmp_path / f"report-{lang}.docx"
    assert run("run", *MINI_ARGS, source, "-o", out, "--lang", lang)[0] == 0
    pdf = converted(out, tmp_path)
    pages = [re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages]
    assert len(pages) >= 13  # a cover, the contents, then every part on a page of its own
    parts = PARTS_ZH if lang == "zh" else PARTS
    starts = [next(n for n, text in enumerate(pages) if n >= 2 and re.sub(r"\s+", "", part)
                   in text) for part in parts]
    assert starts == sorted(starts) and starts[0] == 2
    assert "DRAFT" in pages[0] or "草稿" in pages[0]
    if lang == "zh":
        assert "有负责人吗？" in "".join(pages)
        fonts = {str(font.get_object()["/BaseFont"]) for page in pdf.pages
                 for font in page["/Resources"]["/Font"].values()}  # type: ignore[index]
        assert any("WenQuanYi" in f or "Noto" in f or "Han" in f for f in fonts), fonts
    assert "VoiceCo" in pages[0]
    contents = pages[1]
    assert all(re.sub(r"\s+", "", part) in contents for part in parts)
    assert "Werecommendappointingtheofficerfirst." in pages[2]  # as written, in English


UNSURE = """format: assessor-answers/1
organisation: {name: Unsure Co}
assessment: {consultant: A. Consultant, date: 2026-11-20, lang: en, scope: [bank]}
answers:
  profile.big: yes
  profile.people: unknown
  bank.ops.logs: 12
  bank.ops.plan: implemented
"""


def test_scope_to_confirm_in_the_docx_and_the_soa(run: Run, tmp_path: Path) -> None:
    import json

    source = write(tmp_path / "unsure.yaml", UNSURE)
    out = tmp_path / "unsure.docx"
    assert run("run", *MINI_ARGS, source, "-o", out, "--allow-incomplete")[0] == 0
    document = Document(str(out))
    scope = section_text(document, "Scope and applicability", "Gap register")
    assert "Scope to be confirmed" in scope
    assert "Settled by: How many people? (profile.people)" in scope
    soa = section_text(document, "Statement of Applicability", "Method and disclaimer")
    assert "Is there an officer?\nScope to be confirmed\nNot answered" in soa
    data = tmp_path / "unsure.json"
    assert run("run", *MINI_ARGS, source, "-o", data, "--allow-incomplete")[0] == 0
    rows = {r["id"]: r for b in json.loads(data.read_text("utf-8"))["soa"] for r in b["rows"]}
    assert rows["bank.big.officer"]["to_confirm"] and not rows["bank.ops.logs"]["to_confirm"]


def test_engagement_scope_is_stated_in_the_docx(run: Run, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = pipl_only(load_catalog([]))
    out = tmp_path / "pipl.docx"
    assert run("run", path, "-o", out, "--allow-incomplete")[0] == 0
    scope = section_text(Document(str(out)), "Scope and applicability", "Gap register")
    assert "Engagement scope. This engagement assesses Personal Information Protection" in scope


def test_text_a_document_may_not_hold_becomes_a_replacement(run: Run, tmp_path: Path) -> None:
    source = write(tmp_path / "odd.yaml", MINI_ANSWERS.read_text(encoding="utf-8").replace(
        'note: "Plan exists', 'note: "Bell\\x07 and form\\x0c feed. Plan exists').replace(
        'name: "Mini Co <script>"', 'name: "Mini\\x1b Co"'))
    out = tmp_path / "odd.docx"
    assert run("run", *MINI_ARGS, source, "-o", out)[0] == 0
    document = Document(str(out))
    assert "Bell\ufffd and form\ufffd feed. Plan exists" in all_text(document)
    assert document.core_properties.title.endswith("Mini\ufffd Co")


# The schema's order of paragraph and run properties (ECMA-376 CT_PPrBase, CT_RPr): Word refuses
# a file whose properties come out of order ("unreadable content"); LibreOffice does not mind.
PPR = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
       "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
       "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
       "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
       "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
       "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]
RPR = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
       "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
       "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
       "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
       "specVanish", "oMath"]
STYLE = ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
         "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
         "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"]


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/settings.xml"])
def test_properties_come_in_the_schemas_order(example: tuple[Path, Any], part: str) -> None:
    from lxml import etree  # type: ignore[import-untyped]

    root = etree.fromstring(zipfile.ZipFile(example[0]).read(part))
    checked = 0
    for tag, order in (("pPr", PPR), ("rPr", RPR), ("style", STYLE)):
        for element in root.iter(qn(f"w:{tag}")):
            names = [etree.QName(c).localname for c in element]
            known = [order.index(n) for n in names if n in order]
            assert known == sorted(known), (tag, names)
            checked += 1
    assert checked > 50 or part.endswith("settings.xml")
    if part.endswith("settings.xml"):
        names = [etree.QName(c).localname for c in root]
        assert names.index("updateFields") < names.index("compat")


def test_a_final_report_has_no_draft_marking_and_names_who_signed(run: Run,
                                                                  tmp_path: Path) -> None:
    source = write(tmp_path / "met.yaml", """format: assessor-answers/1
organisation: {name: Met Co}
assessment:
  consultant: A. Consultant
  date: 2026-11-20
  lang: en
answers:
  profile.big: no
  bank.ops.logs: 12
  bank.ops.plan: implemented
""")
    assert run("sign-off", *MINI_ARGS, source, "--by", "P. Partner", "--role", "Partner",
               "--date", "2026-11-21", "--accept-warnings")[0] == 0
    out = tmp_path / "met.docx"
    assert run("run", *MINI_ARGS, source, "-o", out)[0] == 0
    document = Document(str(out))
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["Met Co\t\tConfidential"]
    assert "DRAFT" not in all_text(document)
    assert ("Final, signed off by P. Partner (Partner) on 21 November 2026"
            in all_text(document))
    register = section_text(document, "Gap register", "Remediation roadmap")
    assert register.endswith("No gaps were found.")
