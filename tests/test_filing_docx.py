"""The filing documents, read back from the DOCX's XML as the forms demand."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree  # type: ignore[import-untyped]

from assessor.filing.forms import CAC_FORM, COLUMNS
from tests.conftest import EXAMPLES, Run, write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CROSSBORDER = EXAMPLES / "crossborder-ecommerce.yaml"


def xml(path: Path, member: str) -> Any:
    """Return a DOCX member parsed."""
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(member))


def text(element: Any) -> str:
    """Return the text of a paragraph or cell."""
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def style_of(paragraph: Any) -> str | None:
    """Return a paragraph's style id."""
    found = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if found is None else found.get(f"{W}val")


@pytest.fixture(scope="module")
def cac(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CAC self-assessment report of the crossborder example, in Chinese."""
    from assessor import cli

    out = tmp_path_factory.mktemp("cac") / "cac.docx"
    assert cli.main(["filing", "cac-self-assessment", str(CROSSBORDER), "-o", str(out)]) == 0
    return out


def styles(path: Path) -> dict[str, Any]:
    """Return the document's styles by id."""
    return {s.get(f"{W}styleId"): s for s in xml(path, "word/styles.xml").iter(f"{W}style")}


def test_the_headings_are_the_forms_verbatim_and_in_order(cac: Path) -> None:
    body = xml(cac, "word/document.xml").find(f"{W}body")
    found = [(style_of(p), text(p)) for p in body.iter(f"{W}p")
             if (style_of(p) or "").startswith("Heading")]
    assert found == [(f"Heading{h.level}", h.zh) for h in CAC_FORM.headings]
    assert found[0] == ("Heading1", "一、自评估工作情况")
    assert found[-1] == ("Heading1", "三、出境活动的风险自评估情况及结论")


def test_the_data_item_tables_have_the_six_columns_and_one_row_per_item(cac: Path) -> None:
    tables = list(xml(cac, "word/document.xml").iter(f"{W}tbl"))
    assert len(tables) == 3  # one per scenario: fulfilment, customs, support
    for table in tables:
        header = [text(c) for c in table.find(f"{W}tr").iter(f"{W}tc")]
        assert header == [zh for zh, _ in COLUMNS]
        assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
    rows = [[text(c) for c in tr.iter(f"{W}tc")] for tr in tables[1].iter(f"{W}tr")][1:]
    assert rows[0][:3] == ["1", "订购人身份证号码", "跨境电商零售进口申报所需居民身份证号码"]
    assert rows[0][5].startswith("敏感个人信息")
    assert [r[0] for r in rows] == ["1", "2"]


@pytest.mark.parametrize(("style", "east_asian", "bold"), [
    ("Normal", "仿宋", False), ("Heading1", "黑体", False), ("Heading2", "楷体", True),
    ("Heading3", "仿宋", True)])
def test_each_style_has_the_mandated_faces_size_spacing_and_indent(cac: Path, style: str,
                                                                   east_asian: str,
                                                                   bold: bool) -> None:
    element = styles(cac)[style]
    fonts = element.find(f"{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == east_asian
    assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == "Times New Roman"
    assert not any(k.endswith("Theme") for k in fonts.attrib)  # a theme font would win
    assert element.find(f"{W}rPr/{W}sz").get(f"{W}val") == "28"  # 14 pt, 四号
    weight = element.find(f"{W}rPr/{W}b")
    assert (weight is not None and weight.get(f"{W}val") in (None, "1", "true")) is bold
    spacing = element.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("520", "exact")  # 26 pt
    indent = element.find(f"{W}pPr/{W}ind")
    assert (indent.get(f"{W}firstLineChars"), indent.get(f"{W}firstLine")) == ("200", "560")


def test_the_page_is_a4_with_the_forms_margins(cac: Path) -> None:
    section = xml(cac, "word/document.xml").find(f"{W}body/{W}sectPr")
    size = section.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    margins = section.find(f"{W}pgMar")
    assert [margins.get(f"{W}{k}") for k in ("top", "bottom", "left", "right")] == [
        "1440", "1440", "1803", "1803"]  # 2.54 cm and 3.18 cm


def test_the_cover_names_the_processor_the_period_and_the_filing_window(cac: Path) -> None:
    lines = [text(p) for p in xml(cac, "word/document.xml").iter(f"{W}p")][:20]
    assert "数据出境风险自评估报告" in lines
    assert "数据处理者名称：Silk Harbour Commerce Co., Ltd.（盖章）" in lines
    assert "2026年12月15日" in lines
    assert "评估期间：2026年10月8日至2026年11月6日" in lines
    assert "本报告用于2027年2月6日前提交的数据出境安全评估申报（评估结束后3个月内）。" in lines


def conclusion(path: Path) -> list[str]:
    """Return the paragraphs after the last heading."""
    paragraphs = [(style_of(p), text(p)) for p in xml(path, "word/document.xml").iter(f"{W}p")]
    last = max(i for i, (s, _) in enumerate(paragraphs) if (s or "").startswith("Heading"))
    return [t for _, t in paragraphs[last + 1:]]


def test_the_conclusion_walks_each_item_of_sam_article_5(cac: Path) -> None:
    said = conclusion(cac)
    assert said[0].startswith("对照《数据出境安全评估办法》第五条")
    for label in ("（一）", "（二）", "（三）", "（四）", "（五）", "（六）"):
        assert any(line.startswith(label) for line in said), label
    assert sum(line.startswith("结论：") for line in said) == 6
    assert any(line.startswith("问题1：") for line in said)
    assert any(line.startswith("整改情况：") for line in said)
    assert said[-1].startswith("综合结论：")


def test_the_conclusion_follows_from_the_record(run: Run, tmp_path: Path, cac: Path) -> None:
    shipped = CROSSBORDER.read_text(encoding="utf-8")
    start = shipped.index("\nactions:\n")
    end = shipped.index("\n# ------", start)
    unplanned = shipped[:start] + shipped[end:]  # no tracked remediation
    first, second = tmp_path / "first.docx", cac  # the second: the shipped example's
    status, _, err = run("filing", "cac-self-assessment", write(tmp_path / "u.yaml", unplanned),
                         "-o", first)
    assert status == 0, err
    assert "风险较高" in conclusion(first)[-1]
    assert any(line.endswith("尚未明确责任人和完成时限。") for line in conclusion(first))
    assert conclusion(second)[-1].startswith(
        "综合结论：共发现11个问题，均已明确整改措施和时限，最晚于2027年3月31日完成。"  # a fact once
        "整改完成后拟出境活动风险可控")
    assert any(line.endswith("责任人：Legal；完成时限：2026年12月15日；状态：进行中。")
               for line in conclusion(second))


def test_the_english_copy_is_marked_as_a_translation_not_the_filing(run: Run,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "en.docx"
    assert run("filing", "cac-self-assessment", CROSSBORDER, "-o", out, "--lang", "en")[0] == 0
    lines = [text(p) for p in xml(out, "word/document.xml").iter(f"{W}p")]
    assert lines[0] == ("English reading copy: a translation for reference only. It is not the "
                        "filing; the filing is the Chinese report, sealed and signed.")
    assert "1. The self-assessment" in lines
    headers = [text(xml(out, name)) for name in zipfile.ZipFile(out).namelist()
               if name.startswith("word/header")]
    assert any(h.startswith("Reading copy, not the filing: Outbound data transfer risk "
                            "self-assessment report, Silk Harbour") for h in headers), headers


def test_a_filing_is_refused_while_a_cross_check_fails(run: Run, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", CROSSBORDER.read_text(encoding="utf-8").replace(
        "filing: 2026-12-15", "filing: 2027-03-01"))
    out = tmp_path / "x.docx"
    status, _, err = run("filing", "cac-self-assessment", bad, "-o", out)
    assert status == 2 and "more than 3 months before the filing date" in err
    assert not out.exists()


def test_an_existing_document_is_kept_without_force(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    out.write_bytes(b"sealed")
    status, _, err = run("filing", "cac-self-assessment", CROSSBORDER, "-o", out)
    assert status == 2 and "exists; use --force" in err
    assert out.read_bytes() == b"sealed"
    status, _, err = run("filing", "pipia", CROSSBORDER, "-o", tmp_path / "p.docx")
    assert status == 2 and "no transfer link takes the route 'standard_contract'" in err


@pytest.mark.pdf
def test_the_review_pdf_embeds_chinese_faces_and_holds_the_headings(run: Run,
                                                                   tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "c.pdf"
    assert run("filing", "cac-self-assessment", CROSSBORDER, "-o", out)[0] == 0
    reader = PdfReader(out)
    words = "".join(page.extract_text() for page in reader.pages)
    assert "一、自评估工作情况" in words and "三、出境活动的风险自评估情况及结论" in words
    fonts: set[str] = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts.update(str(f.get_object()["/BaseFont"])
                     for f in (resources.get("/Font") or {}).values())
    assert any("UKai" in f or "Kai" in f for f in fonts), fonts  # level-2 headings
    assert any("Liberation-Serif" in f or "Times" in f for f in fonts), fonts


RETAIL = EXAMPLES / "retail-standard-contract.yaml"


def test_the_pipia_of_the_standard_contract_example_follows_its_form(run: Run,
                                                                     tmp_path: Path) -> None:
    from assessor.filing.forms import PIPIA_FORM

    out = tmp_path / "pipia.docx"
    status, _, err = run("filing", "pipia", RETAIL, "-o", out)
    assert status == 0, err
    body = xml(out, "word/document.xml").find(f"{W}body")
    found = [(style_of(p), text(p)) for p in body.iter(f"{W}p")
             if (style_of(p) or "").startswith("Heading")]
    assert found == [(f"Heading{h.level}", h.zh) for h in PIPIA_FORM.headings]
    lines = [text(p) for p in body.iter(f"{W}p")]
    assert "个人信息保护影响评估报告" in lines and "（出境版）" in lines
    assert "个人信息处理者名称：Maison Verdier Retail (Shanghai) Co., Ltd.（盖章）" in lines
    assert "本报告用于2027年2月27日前提交的个人信息出境标准合同备案（评估结束后3个月内）。" in lines
    tables = list(body.iter(f"{W}tbl"))
    assert [[text(c) for c in t.find(f"{W}tr").iter(f"{W}tc")] for t in tables] == [
        [zh for zh, _ in COLUMNS]] * 2  # loyalty and hr
    said = conclusion(out)
    assert said[0].startswith("对照《个人信息出境标准合同办法》第五条")
    assert any(line.startswith("（一）个人信息处理者和境外接收方") for line in said)
    assert any(line.startswith("（二）出境个人信息的规模") for line in said)
    assert not any(line.startswith("（三）") for line in said)  # not retrieved: not cited
    assert sum(line.startswith("结论：") for line in said) == 6
    assert styles(out)["Heading4"].find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "仿宋"


def test_the_retail_example_cannot_file_a_cac_self_assessment(run: Run, tmp_path: Path) -> None:
    status, _, err = run("filing", "cac-self-assessment", RETAIL, "-o", tmp_path / "x.docx")
    assert status == 2
    assert "no transfer link takes the route 'security_assessment'" in err
