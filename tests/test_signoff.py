"""Review and sign-off: refused with errors, warnings accepted explicitly, DRAFT until final."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from assessor.errors import InvalidFile
from assessor.model.catalog import Catalog
from assessor.model.record import Status
from assessor.record.answers import load, save

from .conftest import MINI, Run, pdf_reader, write

CLEAN = """\
format: assessor-answers/1
organisation: {name: Mini Co}
assessment: {consultant: A. Consultant, date: 2026-11-20}
evidence:
  E-1: {title: Log policy, status: accepted}
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs: {answer: 12, evidence: [E-1]}
  bank.ops.plan: {answer: partial, note: Only the data centre.}
  bank.big.officer: {answer: no, note: Nobody named yet.}
  bank.big.elements: {answer: [a], note: B is missing.}
"""
OPTIONS = ("--questionnaires", MINI, "--no-builtin")
SIGN = ("sign-off", "a.yaml", "--by", "P. Partner", "--role", "Partner", "--date", "2026-12-10",
        *OPTIONS)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", CLEAN)
    return tmp_path


def saved(folder: Path) -> dict[str, object]:
    data = yaml.safe_load((folder / "a.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_sign_off_records_reviewer_date_and_digest_and_makes_the_file_final(
        run: Run, folder: Path, mini: Catalog) -> None:
    status, out, err = run(*SIGN)
    assert (status, out, err) == (0, "a.yaml: final, signed off by P. Partner (Partner) on "
                                     "2026-12-10\n", "")
    assessment = saved(folder)["assessment"]
    assert isinstance(assessment, dict)
    assert assessment["status"] == "final"
    assert assessment["signed_off"]["by"] == "P. Partner"
    assert assessment["signed_off"]["role"] == "Partner"
    assert assessment["signed_off"]["date"] == "2026-12-10"
    assert assessment["signed_off"]["digest"].startswith("sha256:")
    assert len(assessment["signed_off"]["digest"]) == 71
    assert assessment["signed_off"]["covers"] == ["profile", "bank"]
    answers = load(folder / "a.yaml", mini)
    assert answers.assessment.status is Status.FINAL
    assert run("check", "a.yaml", "--strict", *OPTIONS)[0] == 0


def test_sign_off_is_refused_while_errors_remain(run: Run, folder: Path) -> None:
    text = CLEAN.replace("  bank.big.elements: {answer: [a], note: B is missing.}\n", "") \
        .replace("bank.big.officer: {answer: no,", "bank.big.officer: {answer: maybe,")
    write(folder / "a.yaml", text)
    status, out, err = run(*SIGN)
    assert (status, out) == (2, "")
    assert err.splitlines()[:2] == [
        "assessor: error: a.yaml:11: bank.big.officer: 'maybe' is not an option; choose one of "
        "yes, no",
        "assessor: error: a.yaml: not signed off: correct the errors first"]
    assert "bank.big.elements" in err  # the unanswered question is listed too
    assert (folder / "a.yaml").read_text(encoding="utf-8") == text


def test_warnings_must_be_accepted_explicitly(run: Run, folder: Path) -> None:
    text = CLEAN.replace("{answer: partial, note: Only the data centre.}", "partial")
    write(folder / "a.yaml", text)
    status, out, err = run(*SIGN)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        "assessor: error: a.yaml: not signed off: 1 warning to review (listed below; by kind: "
        "1 no_note); once reviewed, accept them by kind or question (--accept flagged --accept "
        "QID) or all (--accept-warnings)",
        "assessor: warning: a.yaml:10: bank.ops.plan: not met without a note: say what is "
        "missing",
    ]
    assert (folder / "a.yaml").read_text(encoding="utf-8") == text
    status, out, err = run(*SIGN, "--accept-warnings")
    assert status == 0
    assert out == ("a.yaml: final, signed off by P. Partner (Partner) on 2026-12-10; 1 warning "
                   "accepted\n")
    assert err.startswith("assessor: warning: a.yaml:")
    assert err.endswith(": bank.ops.plan: not met without a note: say what is missing\n")


def test_a_bad_date_or_an_empty_name_is_refused(run: Run, folder: Path) -> None:
    assert run("sign-off", "a.yaml", "--by", "P", "--date", "10/12/2026", *OPTIONS)[2] == \
        "assessor: error: --date '10/12/2026' must be a date written YYYY-MM-DD\n"
    assert run("sign-off", "a.yaml", "--by", " ", *OPTIONS)[0] == 2
    assert (folder / "a.yaml").read_text(encoding="utf-8") == CLEAN


def test_an_answer_changed_after_sign_off_returns_the_file_to_draft(run: Run, folder: Path,
                                                                    mini: Catalog) -> None:
    assert run(*SIGN)[0] == 0
    text = (folder / "a.yaml").read_text(encoding="utf-8")
    assert "bank.ops.logs:\n    answer: 12" in text
    write(folder / "a.yaml", text.replace("bank.ops.logs:\n    answer: 12",
                                          "bank.ops.logs:\n    answer: 24"))
    answers = load(folder / "a.yaml", mini)
    assert answers.assessment.status is Status.DRAFT
    status, _, err = run("check", "a.yaml", *OPTIONS)
    assert (status, err) == (0, "assessor: warning: a.yaml: not final: the record changed after "
                                "the sign-off by P. Partner (Partner) on 2026-12-10; the file "
                                "is a draft until it is signed off again (`assessor "
                                "sign-off`)\n")
    assert run("run", "a.yaml", "-o", "r.json", *OPTIONS)[1:] == ("", (
        "wrote r.json\nassessor: note: the report is marked DRAFT: the record changed after the "
        "sign-off by P. Partner (Partner) on 2026-12-10; sign the file off again (`assessor "
        "sign-off`) to make it final\n"))
    review = json.loads((folder / "r.json").read_text(encoding="utf-8"))["review"]
    digest = review["signed_off"].pop("digest")
    assert digest.startswith("sha256:")
    assert review == {"status": "draft", "draft": True, "changed_since_sign_off": True,
                      "signed_off": {"by": "P. Partner", "role": "Partner",
                                     "date": "2026-12-10", "covers": ["profile", "bank"],
                                     "key_signed": False},
                      "seal": {"holds": False, "code": "changed", "reason": (
                          "the record changed after the sign-off by P. Partner (Partner) on "
                          "2026-12-10")}}
    save(folder / "a.yaml", answers, mini)  # any writer writes it back as a draft
    assert saved(folder)["assessment"]["status"] == "draft"  # type: ignore[index]
    assert run(*SIGN)[0] == 0  # signing again needs no --accept-warnings for the change
    assert load(folder / "a.yaml", mini).assessment.status is Status.FINAL


def test_tracking_after_sign_off_makes_the_file_a_draft_until_signed_again(
        run: Run, folder: Path, mini: Catalog) -> None:
    # The report prints the actions (owner, due, status): a FINAL report vouches for them,
    # so tracked remediation is signed off like the rest (issue 21; it used to stay final).
    assert run(*SIGN)[0] == 0
    text = (folder / "a.yaml").read_text(encoding="utf-8")
    write(folder / "a.yaml", text + "actions:\n  bank.ops.plan: {owner: DPO, status: done}\n")
    assert load(folder / "a.yaml", mini).assessment.status is Status.DRAFT
    assert run(*SIGN)[0] == 0
    assert load(folder / "a.yaml", mini).assessment.status is Status.FINAL


def test_final_without_a_sign_off_is_an_error(folder: Path, mini: Catalog) -> None:
    write(folder / "a.yaml", CLEAN.replace("date: 2026-11-20}", "date: 2026-11-20, "
                                                                "status: final}"))
    with pytest.raises(InvalidFile) as info:
        load(folder / "a.yaml", mini)
    assert [str(p) for p in info.value.problems] == [
        "a.yaml:3: status 'final' needs a sign-off: record it with `assessor sign-off`"]


def pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pdf_reader(path).pages]


@pytest.mark.pdf
def test_draft_on_every_page_of_a_draft_pdf_and_on_none_of_a_final_one(run: Run,
                                                                       folder: Path) -> None:
    assert run("run", "a.yaml", "-o", "draft.pdf", *OPTIONS)[0] == 0
    assert run("run", "a.yaml", "-o", "draft-zh.pdf", "--lang", "zh", *OPTIONS)[0] == 0
    assert run(*SIGN)[0] == 0
    assert run("run", "a.yaml", "-o", "final.pdf", *OPTIONS)[0] == 0
    draft, draft_zh, final = (pages(folder / n) for n in ("draft.pdf", "draft-zh.pdf",
                                                           "final.pdf"))
    assert len(draft) > 5
    assert [i for i, text in enumerate(draft, 1) if "DRAFT" not in text] == []
    assert [i for i, text in enumerate(draft_zh, 1) if "草稿" not in text] == []
    assert [i for i, text in enumerate(final, 1) if "DRAFT" in text] == []
    cover = " ".join(draft[0].split())
    assert "Status Draft: 100% of applicable controls answered (4 of 4)" in cover
    assert "Status Final, signed off by P. Partner (Partner) on 10 December 2026" in \
        " ".join(final[0].split())
    record = " ".join(final[-1].split())
    assert "Reviewed and signed off P. Partner (Partner) on 10 December 2026" in record


def test_the_cover_leaves_out_what_is_missing(run: Run, folder: Path) -> None:
    write(folder / "a.yaml", CLEAN.replace("assessment: {consultant: A. Consultant, "
                                           "date: 2026-11-20}\n", ""))
    assert run("run", "a.yaml", "-o", "r.html", *OPTIONS)[0] == 0
    html = (folder / "r.html").read_text(encoding="utf-8")
    cover = html[html.index('<table class="cover-facts">'):html.index("</table>")]
    assert "—" not in cover
    assert "<th>Firm</th>" not in cover
    assert "<th>Prepared by</th>" not in cover
    assert "<th>Assessment date</th>" not in cover


def test_html_and_xlsx_are_marked_draft_until_final(run: Run, folder: Path) -> None:
    assert run("run", "a.yaml", "-o", "draft.html", *OPTIONS)[0] == 0
    assert run("run", "a.yaml", "-o", "draft.xlsx", *OPTIONS)[0] == 0
    html = (folder / "draft.html").read_text(encoding="utf-8")
    assert "<title>DRAFT · " in html
    assert '<div class="cover-draft">DRAFT — for review, not for distribution</div>' in html
    book = load_workbook(folder / "draft.xlsx")
    for sheet in book.worksheets:
        assert sheet.oddHeader.center.text == "DRAFT — for review, not for distribution"
        assert sheet.oddFooter.center.text == "DRAFT — for review, not for distribution"
    assert [c.value for c in book["Executive summary"][2]] == [
        "Status", "Draft: 100% of applicable controls answered (4 of 4)"]
    assert run(*SIGN)[0] == 0
    assert run("run", "a.yaml", "-o", "final.html", *OPTIONS)[0] == 0
    assert run("run", "a.yaml", "-o", "final.xlsx", *OPTIONS)[0] == 0
    assert "DRAFT" not in (folder / "final.html").read_text(encoding="utf-8")
    book = load_workbook(folder / "final.xlsx")
    assert all(not s.oddHeader.center.text for s in book.worksheets)
    assert book["Executive summary"]["B2"].value == ("Final, signed off by P. Partner (Partner) "
                                                     "on 10 December 2026")  # as HTML, PDF, DOCX


def test_a_file_without_a_status_is_a_draft(run: Run, folder: Path) -> None:
    assert run("run", "a.yaml", "-o", "r.json", *OPTIONS)[0] == 0
    review = json.loads((folder / "r.json").read_text(encoding="utf-8"))["review"]
    assert review == {"status": "draft", "draft": True, "signed_off": None,
                      "changed_since_sign_off": False, "seal": None}


def test_a_signed_off_file_with_tracked_actions_fits_the_answers_schema(run: Run,
                                                                        folder: Path) -> None:
    from assessor.files import load_data, plain

    from .test_schemas import messages, validator

    write(folder / "a.yaml", CLEAN + "actions:\n  bank.ops.plan: {owner: IT, status: accepted}\n")
    assert run(*SIGN)[0] == 0
    assert messages(validator("answers"), plain(load_data(folder / "a.yaml"))) == []
