"""The report's words: each sentence once (report/words.py), and every format prints that one.

A sentence printed by HTML, DOCX and XLSX alike is tested here once on the view model, then
found verbatim in each format's own text, so a format that re-derives it (and drifts, as the
XLSX sign-off date and the DOCX cover's status line once did) fails.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor.model.catalog import Catalog
from assessor.record.answers import load
from assessor.report import words
from assessor.report.context import build_context
from assessor.report.docx import render_docx
from assessor.report.html import render_html
from assessor.report.rows import GapView
from assessor.report.view import Report, Signer, StrongSection
from assessor.report.xlsx import render_xlsx
from assessor.scoring import score

from .conftest import DATA

MINI_ANSWERS = DATA / "answers" / "mini.yaml"
SIGNER: Signer = {"by": "P. Partner", "role": "Partner", "date": "2026-12-10", "covers": [],
                  "digest": None, "key_signed": False}


def context(mini: Catalog, lang: str = "en", path: Path = MINI_ANSWERS) -> Report:
    """Return the mini answers' view model."""
    answers = load(path, mini)
    return build_context(mini, answers, score(mini, answers.answers), lang)


def final(report: Report) -> Report:
    """Return a copy of ``report`` as a final, signed-off one."""
    done = copy.deepcopy(report)
    review = done["review"]
    review["status"], review["draft"], review["signed_off"] = "final", False, SIGNER
    return done


def docx_text(data: bytes) -> str:
    """Return the text of a DOCX's body, paragraph by paragraph."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    return "\n".join(unescape("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)))
                     for p in paragraphs)


def xlsx_cells(data: bytes) -> list[object]:
    """Return the value of every cell of every sheet of a workbook."""
    book = load_workbook(io.BytesIO(data))
    return [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def html_text(html: str) -> str:
    """Return an HTML page's text as a reader sees it (tags and <wbr> gone, entities kept)."""
    return re.sub(r"<[^>]+>", "", html.replace("<wbr>", ""))


# ------------------------------------------------------------------ one test per sentence

def test_status_line_of_a_draft_gives_its_coverage_and_of_a_final_report_its_signer(
        mini: Catalog) -> None:
    draft = context(mini)
    overall = draft["overall"]
    assert words.status_line(draft) == (
        f"Draft: {overall['coverage']:.0f}% of applicable controls answered "
        f"({overall['answered']} of {overall['applicable']})")
    assert words.status_line(final(draft)) == ("Final, signed off by P. Partner (Partner) on "
                                               "10 December 2026")
    assert words.status_line(final(context(mini, "zh"))).endswith("2026年12月10日")


def test_signer_names_role_and_long_date_and_a_dash_for_nobody() -> None:
    assert words.signer(SIGNER, "en") == "P. Partner (Partner) on 10 December 2026"
    assert words.signer({**SIGNER, "role": None}, "en") == "P. Partner on 10 December 2026"
    assert words.signer(None, "en") == "—"


def test_dates_and_percentages() -> None:
    assert words.long_date("2026-01-05", "en") == "5 January 2026"
    assert words.long_date("2026-01-05", "zh") == "2026年1月5日"
    assert words.long_date(None, "en") == "—"
    assert words.long_date("soon", "en") == "soon"
    assert (words.percent(66.6), words.percent(None), words.percent(100.0)) == ("67", "—", "100")


def test_severity_moved_says_which_way_from_what_and_why_with_the_languages_colon(
        mini: Catalog) -> None:
    gap = raised(context(mini))
    assert words.severity_moved(gap, "en") == ("Raised by the assessor from Medium: "
                                               "It is the main control.")
    assert words.severity_moved(gap, "zh") == "评估人由“中”调高：It is the main control."
    gap["severity_change"] = None
    assert words.severity_moved(gap, "en") is None


def test_needs_verifying_when_the_control_or_one_citation_is_unverified(mini: Catalog) -> None:
    gaps = {g["id"]: g for g in context(mini)["gaps"]}
    assert words.needs_verifying(gaps["bank.ops.plan"])  # its only article is unverified
    assert not words.needs_verifying(gaps["bank.ops.logs"])
    refs = gaps["bank.ops.logs"]["references"]
    assert words.cites(refs, "en") == "LAW Art. 3(1) (formerly Art. 1(1))"
    assert words.cites(refs * 2, "en") == "; ".join([refs[0]["cite"]] * 2)
    assert words.cites(refs * 2, "zh") == "；".join([refs[0]["cite"]] * 2)  # full width


def test_rating_capped_and_seal_line_only_when_there_is_something_to_say(mini: Catalog) -> None:
    report = context(mini)
    assert (report["overall"]["cap"] is None) == (words.rating_capped(report) is None)
    assert words.seal_line(report) is None
    sealed = final(report)
    sealed["review"]["seal"] = {"holds": True, "code": "holds", "reason": ""}
    sealed["review"]["signed_off"] = {**SIGNER, "key_signed": True}
    line = words.seal_line(sealed)
    assert line is not None
    assert line.startswith(words.strings("en")["seal_holds"])
    assert line.endswith(words.strings("en")["seal_key_signed"])


# ------------------------------------------------------------------ every format says the same

@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("state", ["draft", "final"])
def test_every_format_prints_the_one_status_line(mini: Catalog, lang: str, state: str) -> None:
    report = context(mini, lang)
    if state == "final":
        report = final(report)
    said = words.status_line(report)
    docx = docx_text(render_docx(report))
    assert docx.count(said) == 2  # the cover and the document record (mutation R2 is caught)
    assert said in xlsx_cells(render_xlsx(report))
    assert html_text(render_html(report)).count(said) == 2  # the cover and the record


def test_summary_lead_counts_instruments_gaps_and_critical_ones(mini: Catalog) -> None:
    report = context(mini)
    said = words.summary_lead(report)
    assert said.startswith("Mini Co <script>")
    assert f"{report['counts']['gaps']} gaps" in said
    assert said in docx_text(render_docx(report))
    assert said.replace("<", "&lt;").replace(">", "&gt;") in html_text(render_html(report))


def test_every_format_prints_the_one_severity_change(mini: Catalog) -> None:
    report = context(mini)
    gap = raised(report)
    said = words.severity_moved(gap, "en")
    assert said is not None
    assert said in docx_text(render_docx(report))
    assert said in xlsx_cells(render_xlsx(report))
    assert said in html_text(render_html(report)).replace("\n", " ")


def test_html_and_docx_give_the_parts_in_the_one_order(mini: Catalog) -> None:
    report = context(mini)
    html = render_html(report)
    anchors = re.findall(r'(?:<section[^>]*|<h2 class="part[^"]*") id="([a-z]+)"', html)
    assert anchors == ["cover", "contents", *(part.anchor for part in words.PARTS)]
    t = words.strings("en")
    headings = re.findall(r'<w:pStyle w:val="Heading1"/>.*?</w:p>',
                          zipfile.ZipFile(io.BytesIO(render_docx(report)))
                          .read("word/document.xml").decode("utf-8"), re.S)
    titles = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", h)) for h in headings]
    assert titles == [t[part.title] for part in words.PARTS]


def raised(report: Report) -> GapView:
    """Give the first gap of ``report`` a severity raised by the assessor, and return it."""
    gap = report["gaps"][0]
    gap["severity_change"], gap["bank_severity"] = "raised", "medium"
    gap["answer"]["severity_override"] = {"level": "high",
                                          "justification": "It is the main control."}
    return gap


# ------------------------------------------------------------------ lists cut to fit a page

def crowded(report: Report) -> Report:
    """Put ten articles and eight gaps behind the first penalty row, and track the first gap."""
    entry = report["exposure"][0]
    entry["breached"] = [f"LAW Art. {n}" for n in range(1, 11)]
    entry["ranks"] = list(range(1, 9))
    report["gaps"][0]["action"] = {"owner": "Ops lead", "due": "2027-03-31",
                                   "status": "in_progress", "comment": "Budget asked for.",
                                   "overdue": True}
    return report


def test_an_exposure_row_names_six_articles_and_five_gaps_and_counts_the_rest(
        mini: Catalog) -> None:
    entry = crowded(context(mini))["exposure"][0]
    row = words.exposure_row(entry, "en")
    assert row.breached == ("LAW Art. 1; LAW Art. 2; LAW Art. 3; LAW Art. 4; LAW Art. 5; "
                            "LAW Art. 6 and 4 more (10 articles)")
    assert row.summarised and "1, 2, 3, 4, 5" in row.gaps and "6" not in row.gaps
    assert words.exposure_row(entry, "zh").breached.startswith("LAW Art. 1；LAW Art. 2；")
    entry["breached"], entry["ranks"] = entry["breached"][:2], [3, 4]
    whole = words.exposure_row(entry, "en")
    assert whole.breached == "LAW Art. 1; LAW Art. 2"
    assert not whole.summarised and "3, 4" in whole.gaps


def test_tracked_gives_owner_long_due_date_status_and_the_overdue_mark(mini: Catalog) -> None:
    action = crowded(context(mini))["gaps"][0]["action"]
    said = words.tracked(action, "en")
    assert said is not None
    assert said.fields == [("Owner", "Ops lead"), ("Due date", "31 March 2027"),
                           ("Status", words.strings("en")["action_in_progress"])]
    assert (said.overdue, said.comment) == (words.strings("en")["overdue"], "Budget asked for.")
    assert words.tracked(None, "en") is None
    chinese = words.tracked(action, "zh")
    assert chinese is not None
    assert chinese.fields[1] == (words.strings("zh")["xlsx_due"], "2027年3月31日")


def test_rating_caps_list_each_severity_and_the_strengths_count_the_unnamed(
        mini: Catalog) -> None:
    report = context(mini)
    report["rating_caps"] = [{"severity": "critical", "rating": "needs_improvement"},
                             {"severity": "high", "rating": "adequate"}]
    said = words.rating_caps(report)
    assert said.startswith("An open gap in a binding instrument caps the rating")
    assert ("whatever the score: a critical gap, at most Needs improvement; a high gap, at most "
            "Adequate.") in said
    assert "GDSI" not in said and "Initiative" not in said  # no principles: the laws' variant
    zh = context(mini, "zh")
    zh["rating_caps"] = report["rating_caps"]
    assert "最高评为“有待改进”；存在高差距的" in words.rating_caps(zh)
    report["rating_caps"] = []
    assert words.rating_caps(report) == words.strings("en")["rating_no_caps"]
    section: StrongSection = {"instrument": "LAW", "title": "Ops", "score": 90.0,
                              "applicable": 2}
    report["strengths"]["sections"] = [section] * 11
    cut = words.strong_sections(report)
    assert len(cut.shown) == words.STRENGTHS_SHOWN
    assert cut.more == "…and 3 more sections scoring 85 or more."


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_and_docx_print_the_one_exposure_row_tracked_line_and_caps(
        mini: Catalog, lang: str) -> None:
    report = crowded(context(mini, lang))
    row = words.exposure_row(report["exposure"][0], lang)
    caps = words.rating_caps(report)
    said = words.tracked(report["gaps"][0]["action"], lang)
    assert said is not None
    docx = docx_text(render_docx(report))
    html = unescape(html_text(render_html(report)))
    for text in (docx, html):
        assert row.breached in text and row.gaps in text
        assert caps in text
        assert said.overdue is not None and said.overdue in text
        assert "2027" in text and "Budget asked for." in text
        assert all(value in text for _, value in said.fields)


def test_counts_dates_and_period_said_once_and_printed_by_html_and_docx(mini: Catalog) -> None:
    report = context(mini)
    assert words.gaps_by_law(report) is None  # the mini banks ask no fact twice
    report["instruments"][0]["gaps"] += 2
    by_law = words.gaps_by_law(report)
    assert by_law is not None and str(report["counts"]["gaps"] + 2) in by_law
    assert words.severity_counts(report) == [
        (s, f"{n} {words.strings('en')['severity_' + s].lower()}")
        for s, n in report["counts"]["by_severity"].items() if n]
    source = report["sources"][0]
    source.update({"announced": None, "effective": "2017-06-01", "amended": "2026-01-01",
                   "binding": False})
    assert words.source_dates(source, "en") == (" — in force since 1 June 2017; amended with "
                                                "effect from 1 January 2026; alignment only")
    assert words.source_dates(source, "zh").count("；") == 2
    assert words.fieldwork(report) is None
    report["document"]["fieldwork"] = {"from": "2026-10-20", "to": "2026-11-10"}
    period = words.fieldwork(report)
    assert period == "20 October 2026 to 10 November 2026"
    docx = docx_text(render_docx(report))
    html = unescape(html_text(render_html(report)))
    for text in (docx, html):
        assert by_law in text and period in text
        assert words.source_dates(source, "en") in text
        assert " · ".join(said for _, said in words.severity_counts(report)) in \
            text.replace("\n", "")
