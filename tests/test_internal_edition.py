"""The firm's edition says INTERNAL on every page; a brand's hide_score hides every score.

What a reader checks: the running header of each PDF page, the DOCX's headers (every kind, as a
firm's duplex template prints even pages with the even one), the workbook's page headers, and
the appendix's columns in every format.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from .conftest import Run, pdf_reader, write
from .test_signoff import CLEAN, OPTIONS, SIGN

HIDE = "hide_score: true\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", CLEAN)
    write(tmp_path / "brand.yaml", HIDE)
    return tmp_path


def pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pdf_reader(path).pages]


def headers(path: Path) -> list[str]:
    """Return the text of every header of the DOCX: default, even and first page."""
    section = Document(str(path)).sections[0]
    return ["".join(p.text for p in part.paragraphs)
            for part in (section.header, section.even_page_header, section.first_page_header)]


def body(path: Path) -> str:
    document = Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.pdf
def test_every_page_of_the_internal_pdf_says_internal_and_the_clients_none(
        run: Run, folder: Path) -> None:
    assert run("run", "a.yaml", "-o", "draft.pdf", "--internal", *OPTIONS)[0] == 0
    assert run("run", "a.yaml", "-o", "draft-zh.pdf", "--internal", "--lang", "zh",
               *OPTIONS)[0] == 0
    assert run(*SIGN)[0] == 0
    assert run("run", "a.yaml", "-o", "final.pdf", "--internal", *OPTIONS)[0] == 0
    assert run("run", "a.yaml", "-o", "client.pdf", *OPTIONS)[0] == 0
    draft, draft_zh, final, client = (pages(folder / n) for n in (
        "draft.pdf", "draft-zh.pdf", "final.pdf", "client.pdf"))
    assert len(draft) > 5
    assert "DRAFT — for review, not for distribution · INTERNAL: for the firm only" in draft[0]
    # the cover says it in its banner; every other page in its running header
    assert [i for i, text in enumerate(draft[1:], 2) if "DRAFT · INTERNAL" not in text] == []
    assert [i for i, text in enumerate(draft_zh[1:], 2) if "草稿 · 内部文件" not in text] == []
    assert [i for i, text in enumerate(final, 1) if "INTERNAL" not in text] == []
    assert [i for i, text in enumerate(final, 1) if "DRAFT" in text] == []
    assert [i for i, text in enumerate(client, 1) if "INTERNAL" in text] == []


@pytest.mark.pdf
def test_a_pdf_with_hidden_scores_has_no_score_column_in_the_appendix(
        run: Run, folder: Path) -> None:
    assert run("run", "a.yaml", "-o", "hidden.pdf", "--brand", "brand.yaml", *OPTIONS)[0] == 0
    text = pages(folder / "hidden.pdf")
    appendix = [page for page in text if page.startswith("Appendix: all answers")]
    assert len(appendix) == 1
    assert "Question Answer profile.big" in appendix[0]
    assert "Score" not in appendix[0] and "score column" not in appendix[0]
    assert not any(re.search(r"\b\d+ / 100\b", page) for page in text)


def test_the_docx_headers_and_cover_say_internal_only_in_the_firms_edition(
        run: Run, folder: Path) -> None:
    for lang, word, banner in (("en", "DRAFT · INTERNAL", "INTERNAL: for the firm only"),
                               ("zh", "草稿 · 内部文件", "内部文件：仅供本所使用")):
        assert run("run", "a.yaml", "-o", f"i-{lang}.docx", "--internal", "--lang", lang,
                   *OPTIONS)[0] == 0
        assert all(word in header for header in headers(folder / f"i-{lang}.docx"))
        assert banner in body(folder / f"i-{lang}.docx").split("\n\n")[0] or \
            banner in body(folder / f"i-{lang}.docx")[:400]
    assert Document(str(folder / "i-en.docx")).core_properties.keywords == "DRAFT · INTERNAL"
    assert run("run", "a.yaml", "-o", "client.docx", *OPTIONS)[0] == 0
    assert all("DRAFT" in h and "INTERNAL" not in h for h in headers(folder / "client.docx"))
    assert Document(str(folder / "client.docx")).core_properties.keywords == "DRAFT"
    assert "INTERNAL" not in body(folder / "client.docx")
    assert run(*SIGN)[0] == 0
    assert run("run", "a.yaml", "-o", "final.docx", "--internal", *OPTIONS)[0] == 0
    assert all("INTERNAL" in h and "DRAFT" not in h for h in headers(folder / "final.docx"))


def test_the_html_title_says_internal_in_the_firms_edition(run: Run, folder: Path) -> None:
    assert run("run", "a.yaml", "-o", "i.html", "--internal", *OPTIONS)[0] == 0
    assert run("run", "a.yaml", "-o", "c.html", *OPTIONS)[0] == 0
    assert "<title>DRAFT · INTERNAL · Data Security" in (folder / "i.html").read_text("utf-8")
    assert "<title>DRAFT · Data Security" in (folder / "c.html").read_text("utf-8")


def test_the_workbook_headers_say_internal_only_in_the_firms_edition(
        run: Run, folder: Path) -> None:
    assert run("run", "a.yaml", "-o", "i.xlsx", "--internal", *OPTIONS)[0] == 0
    assert run("run", "a.yaml", "-o", "c.xlsx", *OPTIONS)[0] == 0
    for sheet in load_workbook(folder / "i.xlsx").worksheets:
        assert sheet.oddHeader.center.text == \
            "DRAFT — for review, not for distribution · INTERNAL"
    for sheet in load_workbook(folder / "c.xlsx").worksheets:
        assert sheet.oddHeader.center.text == "DRAFT — for review, not for distribution"


def test_hidden_scores_leave_the_appendix_without_its_score_column_in_every_format(
        run: Run, folder: Path) -> None:
    for brand in ((), ("--brand", "brand.yaml")):
        hidden = bool(brand)
        for fmt in ("html", "docx", "xlsx"):
            assert run("run", "a.yaml", "-o", f"r{len(brand)}.{fmt}", *brand, *OPTIONS)[0] == 0
        page = (folder / f"r{len(brand)}.html").read_text(encoding="utf-8")
        appendix = page[page.index('<section id="appendix"'):page.index('<section id="soa"')]
        assert ('<th class="num">Score</th>' in appendix) is not hidden
        assert ('<td class="num">' in appendix) is not hidden
        assert ("The score column" in appendix) is not hidden
        document = Document(str(folder / f"r{len(brand)}.docx"))
        heads = [[c.text for c in table.rows[0].cells] for table in document.tables]
        assert ("The score column" in body(folder / f"r{len(brand)}.docx")) is not hidden
        answers = [h for h in heads if h[:2] == ["Question", "Answer"]]
        assert answers and all(h == (["Question", "Answer"] if hidden else
                                     ["Question", "Answer", "Score"]) for h in answers)
        book = load_workbook(io.BytesIO((folder / f"r{len(brand)}.xlsx").read_bytes()))
        summary = {row[0] for row in book["Executive summary"].iter_rows(values_only=True)}
        soa = [c.value for c in book["Statement of Applicability"][1]]
        assert ("Score" in soa) is not hidden
        assert ("Overall score" in summary) is not hidden
        assert "Rating" in summary and "Coverage" in summary
