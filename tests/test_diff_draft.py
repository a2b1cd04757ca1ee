"""``diff`` reports carry DRAFT when either side is a draft (security review defect 17, D16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Run, pdf_reader, write
from .test_signoff import CLEAN, OPTIONS

pytestmark = pytest.mark.usefixtures("in_tmp")


def pair(tmp_path: Path) -> None:
    write(tmp_path / "old.yaml", CLEAN.replace("bank.ops.logs: {answer: 12,",
                                               "bank.ops.logs: {answer: 3,"))
    write(tmp_path / "new.yaml", CLEAN.replace("date: 2026-11-20}", "date: 2026-12-20}"))


def sign(run: Run, name: str) -> None:
    assert run("sign-off", name, "--by", "P. Partner", "--date", "2026-12-21",
               "--accept-warnings", *OPTIONS)[0] == 0


def test_d16_a_diff_of_drafts_says_draft_in_html_json_and_terminal(run: Run,
                                                                   tmp_path: Path) -> None:
    pair(tmp_path)
    assert run("diff", "old.yaml", "new.yaml", "-o", "d.html", *OPTIONS)[0] == 0
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<title>DRAFT · " in html
    assert '<p class="diff-draft">DRAFT — for review, not for distribution</p>' in html
    assert run("diff", "old.yaml", "new.yaml", "-o", "d.json", *OPTIONS)[0] == 0
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert data["draft"] is True
    assert (data["old"]["status"], data["new"]["status"]) == ("draft", "draft")
    out = run("diff", "old.yaml", "new.yaml", *OPTIONS)[1]
    assert "DRAFT: the earlier file is draft and the later file is draft" in out


def test_one_draft_side_is_enough_and_two_signed_sides_are_final(run: Run,
                                                                 tmp_path: Path) -> None:
    pair(tmp_path)
    sign(run, "new.yaml")
    assert run("diff", "old.yaml", "new.yaml", "-o", "d.json", *OPTIONS)[0] == 0
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["draft"] is True
    sign(run, "old.yaml")
    assert run("diff", "old.yaml", "new.yaml", "-o", "final.html", *OPTIONS)[0] == 0
    assert "DRAFT" not in (tmp_path / "final.html").read_text(encoding="utf-8")


@pytest.mark.pdf
def test_d16_every_page_of_a_draft_diff_pdf_says_draft(run: Run, tmp_path: Path) -> None:
    pair(tmp_path)
    assert run("diff", "old.yaml", "new.yaml", "-o", "d.pdf", *OPTIONS)[0] == 0
    pages = pdf_reader(tmp_path / "d.pdf").pages
    assert all("DRAFT" in page.extract_text() for page in pages)
