"""The statutory calendar: dates as the law counts them, in a file calendar programs open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assessor.exports import calendar
from assessor.model.catalog import Catalog
from assessor.model.record import Answers
from assessor.record import answers as answers_file
from tests.conftest import EXAMPLES, read_yaml, yaml_text


def record(tmp_path: Path, catalog: Catalog, example: str, milestones: dict[str, str],
           **profile: object) -> Answers:
    """Return an example's record with ``milestones`` and profile facts changed."""
    data = read_yaml((EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"))
    data["milestones"] = milestones
    for qid, value in profile.items():
        data["answers"][f"profile.{qid}"] = value
    path = tmp_path / "a.yaml"
    path.write_text(yaml_text(data, allow_unicode=True), encoding="utf-8")
    return answers_file.load(path, catalog, allow_incomplete=True)


def dates(found: calendar.Calendar) -> dict[str, dt.date]:
    """Return each event's English title -> date."""
    return {e.title.en: e.date for e in found.events}


def test_security_assessment_expiry_and_extension_window(catalog: Catalog,
                                                         tmp_path: Path) -> None:
    answers = record(tmp_path, catalog, "crossborder-ecommerce",
                     {"security_assessment": "2025-03-03"})
    found = dates(calendar.build(catalog, answers))
    assert found["Security assessment: the result expires"] == dt.date(2028, 3, 3)
    opens = found["Security assessment: the extension window opens"]
    weekdays = sum(1 for n in range((dt.date(2028, 3, 3) - opens).days)
                   if (opens + dt.timedelta(days=n)).weekday() < 5)
    assert weekdays == 60 and opens.weekday() < 5


def test_a_duty_without_its_start_date_is_named_not_guessed(catalog: Catalog,
                                                             tmp_path: Path) -> None:
    answers = record(tmp_path, catalog, "crossborder-ecommerce", {})
    found = calendar.build(catalog, answers)
    assert not found.events
    assert any("milestones.security_assessment" in why.en for _, why in found.undated)


def test_an_unverified_article_gives_no_date(catalog: Catalog, tmp_path: Path) -> None:
    answers = record(tmp_path, catalog, "crossborder-ecommerce",
                     {"standard_contract": "2026-02-02"},
                     xb_mechanism=["standard_contract"])
    scm = catalog.instruments["SCM"].article("7")
    assert scm is not None
    found = calendar.build(catalog, answers)
    titles = [e.title.en for e in found.events]
    if scm.verified:
        assert "Standard contract: filing deadline" in titles
    else:
        assert "Standard contract: filing deadline" not in titles
        assert any(rule == "standard_contract" for rule, _ in found.unconfirmed)


def test_audit_every_two_years_above_ten_million(catalog: Catalog, tmp_path: Path) -> None:
    answers = record(tmp_path, catalog, "crossborder-ecommerce", {"pi_audit": "2024-02-29"},
                     pi_individuals=12_000_000)
    assert dates(calendar.build(catalog, answers))["PI compliance audit: next audit due"] == \
        dt.date(2026, 2, 28)
    fewer = record(tmp_path, catalog, "crossborder-ecommerce", {"pi_audit": "2024-02-29"},
                   pi_individuals=9_000_000)
    assert "PI compliance audit: next audit due" not in dates(calendar.build(catalog, fewer))


def test_the_file_opens_in_a_calendar_parser(catalog: Catalog, tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    answers = record(tmp_path, catalog, "crossborder-ecommerce",
                     {"security_assessment": "2025-03-03", "pi_audit": "2025-06-30"},
                     pi_individuals=12_000_000)
    data = calendar.ics(catalog, answers, "zh")
    assert data == calendar.ics(catalog, answers, "zh"), "same record, same bytes"
    parsed = icalendar.Calendar.from_ical(data)
    events = parsed.walk("VEVENT")
    assert len(events) == 3
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts[-1] == dt.date(2028, 3, 3)
    texts = " ".join(str(e.get("DESCRIPTION")) for e in events)
    assert "促进和规范数据跨境流动规定" in texts and "3年" in texts
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


@pytest.mark.parametrize(("work", "count", "expected"), [
    (dt.date(2026, 12, 4), 1, dt.date(2026, 12, 7)),    # Friday + 1 -> Monday
    (dt.date(2026, 12, 7), -1, dt.date(2026, 12, 4)),
    (dt.date(2026, 12, 7), 10, dt.date(2026, 12, 21)),
])
def test_working_days_skip_weekends(work: dt.date, count: int, expected: dt.date) -> None:
    assert calendar.working_days(work, count) == expected


def test_the_roadmap_lists_the_dates_client_ready(catalog: Catalog, tmp_path: Path) -> None:
    import io

    from docx import Document

    from assessor.report.context import build_context
    from assessor.report.docx import render_docx
    from assessor.scoring import score

    answers = answers_file.load(EXAMPLES / "crossborder-ecommerce.yaml", catalog)
    context = build_context(catalog, answers, score(catalog, answers.answers), "en")
    dated = [(d["date"], d["duty"], d["cite"]) for d in context["dates"]["dated"]]
    assert ("2028-03-03", "Security assessment: the result expires", "CBDF Art. 9") in dated
    document = Document(io.BytesIO(render_docx(context)))  # rendered and read once
    text = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for table in document.tables for row in table.rows for c in row.cells)
    assert "Statutory dates" in text and "3 March 2028" in cells
    bare = record(tmp_path, catalog, "crossborder-ecommerce", {})
    undated = build_context(catalog, bare, score(catalog, bare.answers), "en")["dates"]
    assert not undated["dated"]
    assert {"duty": "Security assessment of transfers abroad", "cite": "CBDF Art. 9"} in \
        undated["undated"]
    assert "milestones" not in str(undated), "the client is never told to edit the record"


def test_minors_audit_yearly_from_the_last(catalog: Catalog, tmp_path: Path) -> None:
    answers = record(tmp_path, catalog, "crossborder-ecommerce", {"minors_audit": "2026-01-20"},
                     minors_under18="yes")
    found = calendar.build(catalog, answers)
    event = next(e for e in found.events if e.title.en.startswith("Minors' PI audit"))
    assert event.date == dt.date(2027, 1, 20)
    assert "Art. 37" in event.citation.en
