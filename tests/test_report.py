"""Reports: the PDF read back with pypdf, escaping, and the confined fetcher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor.report.pdf import confined_fetcher
from assessor.resources import templates_dir

from .conftest import DATA, MINI, Run, pdf_reader

MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")


def pdf_text(path: Path) -> str:
    """Return the text of every page."""
    return "\n".join(page.extract_text() or "" for page in pdf_reader(path).pages)


@pytest.mark.pdf
def test_pdf_holds_organisation_score_gaps_and_articles(mini_pdf: Path) -> None:
    text = pdf_text(mini_pdf)
    assert "Mini Co <script>" in text
    assert "20" in text
    assert "Weak" in text
    for gap_id, article in [("bank.big.officer", "LAW Art. 3 (formerly Art. 1)"),
                            ("bank.ops.logs", "LAW Art. 3(1)"),
                            # Art. 4 is unverified: its number is not printed
                            ("bank.ops.plan", "LAW (article to be confirmed)"),
                            ("bank.big.elements", "LAW (article to be confirmed)")]:
        assert gap_id in text
        assert article in text.replace("\n", " ")
    assert "basis to be verified" in text


@pytest.mark.pdf
def test_pdf_shows_note_markup_as_text_and_reads_no_local_file(mini_pdf: Path) -> None:
    text = pdf_text(mini_pdf)
    assert '<img src="file:///etc/passwd">' in text.replace("\n", "")
    assert "root:x:0:0" not in text
    assert b"root:x:0:0" not in mini_pdf.read_bytes()


def test_html_escapes_answer_text(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run("run", *MINI_ARGS, DATA / "answers" / "mini.yaml", "-o", out)[0] == 0
    html = out.read_text(encoding="utf-8")
    assert "Mini Co &lt;script&gt;" in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "<script>" not in html


def test_json_format(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert run("run", *MINI_ARGS, DATA / "answers" / "mini.yaml", "-o", out)[0] == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "assessor-report/1"
    assert data["organisation"]["name"] == "Mini Co <script>"
    assert len(data["source"]["sha256"]) == 64


@pytest.mark.pdf  # the PDF path's: it imports WeasyPrint, 0.7 s a process the fast set spares
def test_fetcher_serves_template_files_and_data_only() -> None:
    from weasyprint.urls import FatalURLFetchingError

    fetcher = confined_fetcher(templates_dir())
    css = (templates_dir() / "report.css").as_uri()
    assert fetcher(css).read()
    assert fetcher("data:text/plain,hello").read() == b"hello"
    for url in ("file:///etc/passwd", "http://127.0.0.1/", (templates_dir() / ".." /
                                                            "pyproject.toml").as_uri()):
        with pytest.raises(FatalURLFetchingError):
            fetcher(url)


@pytest.mark.pdf
def test_injected_link_to_local_file_fails_loudly() -> None:
    from assessor.errors import AssessorError
    from assessor.report.pdf import render_pdf

    with pytest.raises(AssessorError, match="refused to fetch file:///etc/passwd"):
        render_pdf('<link rel="attachment" href="file:///etc/passwd"><p>x</p>', "en")


def test_report_strings_exist_in_both_languages() -> None:
    from assessor.report.words import strings

    english, chinese = strings("en"), strings("zh")
    assert english.keys() == chinese.keys()
    assert chinese["summary"] == "执行摘要"
