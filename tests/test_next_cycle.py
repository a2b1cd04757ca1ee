"""The next cycle (issue 24): reassess, carried texts checked, diff reconciling actions."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from assessor.model.catalog import Catalog
from assessor.record.answers import load

from .conftest import Run, example_file, once

pytestmark = pytest.mark.usefixtures("in_tmp")
QUALITY = "pipl.consent.quality"


def last_cycle(run: Run) -> Path:
    """Return a signed-off last cycle with a finding, a summary and two tracked actions."""
    return once(Path("2026.yaml"), "last cycle", lambda path: make_last_cycle(run, path))


def this_cycle(run: Run, last: Path) -> Path:
    """Return this year's draft: ``reassess`` of ``last``, dated 2027-06-22, to 2027.yaml.

    The command runs once per process for the same last cycle (its own test checks what it
    writes and says); the other tests start from a copy of its file.
    """

    def reassess(path: Path) -> None:
        assert run("reassess", last, "-o", path, "--date", "2027-06-22")[0] == 0

    return once(Path("2027.yaml"), ("this cycle", last.read_bytes()), reassess)


def make_last_cycle(run: Run, path: Path) -> None:
    """Write the last cycle to ``path`` as a consultant would, command by command."""
    assert run("example", "crossborder-ecommerce", "-o", path)[0] == 0
    assert run("set", path, QUALITY, "--answer", "partial", "--finding",
               "Marketing consent is pre-ticked on the web.")[0] == 0
    assert run("set", path, "--summary", "Consent is the most urgent issue.",
               "--action", QUALITY, "--owner", "DPO", "--due", "2027-03-31")[0] == 0
    assert run("set", path, "--action", "pipl.xb.assessment_scope", "--owner", "Legal",
               "--due", "2027-01-30")[0] == 0
    assert run("sign-off", path, "--by", "Wang Lei", "--date", "2026-12-23",
               "--accept-warnings")[0] == 0


def test_reassess_starts_a_draft_with_everything_kept_and_carried(run: Run,
                                                                  catalog: Catalog) -> None:
    last = last_cycle(run)
    before = last.read_bytes()
    status, _, err = run("reassess", last, "-o", "2027.yaml", "--date", "2027/06/22")
    assert status == 0, err
    assert err.startswith("wrote 2027.yaml (") and "dated 2027-06-22, draft" in err
    assert last.read_bytes() == before
    old, new = load(last, catalog), load(Path("2027.yaml"), catalog)
    assert {q: a.value for q, a in new.answers.items()} == \
        {q: a.value for q, a in old.answers.items()}
    assert new.assessment.status == "draft" and new.assessment.signed_off is None
    assert new.assessment.date == "2027-06-22"
    day = old.answers[QUALITY].at  # set after the assessment's date: the later one counts
    assert new.assessment.carried == day
    assert new.answers[QUALITY].carried == day
    def kept(items: dict[str, object]) -> dict[str, object]:
        return {k: dataclasses.replace(v, line=None) for k, v in items.items()}  # type: ignore[type-var]

    assert kept(new.evidence) == kept(old.evidence)  # type: ignore[arg-type]
    assert kept(new.actions) == kept(old.actions)  # type: ignore[arg-type]
    assert "digest" not in Path("2027.yaml").read_text(encoding="utf-8")
    status, _, err = run("check", "2027.yaml", "--warnings")
    assert f"{QUALITY}: carried over from the last cycle ({day}): confirm" in err
    assert "summary carried from the last cycle" in err
    # confirmed or changed, the warning goes
    assert run("set", "2027.yaml", QUALITY, "--confirm")[0] == 0
    assert run("set", "2027.yaml", "--summary", "Consent is fixed; transfers remain.")[0] == 0
    status, _, err = run("check", "2027.yaml", "--warnings")
    assert f"{QUALITY}: carried over" not in err and "summary carried" not in err
    status, _, err = run("reassess", last, "-o", "2027.yaml", "--date", "2027-06-22")
    assert status == 2 and "2027.yaml exists; use --force" in err
    status, _, err = run("reassess", last, "-o", "x.yaml", "--date", "2026-01-01")
    assert status == 2 and "is not after the last assessment's date" in err


def test_a_changed_answer_under_a_carried_note_is_named(run: Run) -> None:
    last = last_cycle(run)
    this_cycle(run, last)
    text = Path("2027.yaml").read_text(encoding="utf-8")
    # the client changes the answer (the workbook path writes a new date), the finding stays
    start = text.index(f"  {QUALITY}:\n")
    block = text[start:text.index("\n  pipl.", start + 5)]
    changed = re.sub(r"\n    at: '?[0-9-]+'?", "", block.replace("answer: partial",
                                                                "answer: implemented"))
    changed += "\n    at: 2027-06-20"
    Path("2027.yaml").write_text(text.replace(block, changed), encoding="utf-8")
    status, _, err = run("check", "2027.yaml", "--warnings")
    assert status == 0, err
    assert (f"{QUALITY}: carried text older than the answer: the answer changed on "
            "2027-06-20") in err


def test_diff_reports_an_action_on_a_closed_gap_never_overdue(run: Run) -> None:
    last = last_cycle(run)
    this_cycle(run, last)
    assert run("set", "2027.yaml", QUALITY, "--answer", "implemented", "--finding", "")[0] == 0
    status, out, err = run("diff", last, "2027.yaml")
    assert status == 0, err
    assert f"  {QUALITY}" in out
    overdue = out[out.index("Actions overdue"):]
    closed = overdue[overdue.index("Actions on gaps now closed (close them): 1"):]
    assert f"{QUALITY}  open, DPO, due 2027-03-31" in closed
    assert QUALITY not in overdue[:overdue.index("Actions on gaps now closed")]
    assert "pipl.xb.assessment_scope  open, Legal, due 2027-01-30" in overdue  # still a gap
    status, _, err = run("diff", last, "2027.yaml", "-o", "diff.json")
    assert status == 0, err
    import json

    data = json.loads(Path("diff.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in data["actions_on_closed_gaps"]] == [QUALITY]
    assert QUALITY not in [a["id"] for a in data["actions_overdue"]]


def test_a_gap_closed_by_a_profile_fact_says_which(run: Run) -> None:
    last = last_cycle(run)
    this_cycle(run, last)
    assert run("set", "2027.yaml", "profile.pi_individuals", "--answer", "150000")[0] == 0
    status, out, err = run("diff", last, "2027.yaml", "--allow-incomplete")
    assert status == 0, err
    assert "no longer applies because profile.pi_individuals changed from 28,000,000" in out


def test_the_diff_a_client_reads_says_which_fact_moved_a_gap_in_or_out_of_scope(
        run: Run) -> None:
    import html

    last = last_cycle(run)
    this_cycle(run, last)
    assert run("set", "2027.yaml", "profile.pi_individuals", "--answer", "150000")[0] == 0
    pages = {}
    for lang in ("en", "zh"):
        status, _, err = run("diff", last, "2027.yaml", "--allow-incomplete", "--lang", lang,
                             "-o", f"diff.{lang}.html")
        assert status == 0, err
        pages[lang] = html.unescape(Path(f"diff.{lang}.html").read_text(encoding="utf-8"))
    closed = pages["en"][pages["en"].index("Gaps closed"):pages["en"].index("Gaps opened")]
    assert ("No longer applies</strong><br>because the answer to “About how many individuals' "
            "personal information do you process?” changed from 28,000,000 individuals to "
            "150,000 individuals") in closed
    assert ("不再适用</strong><br>原因：“贵组织处理的个人信息大约涉及多少自然人？”的答复由"
            "28,000,000 人变为150,000 人") in pages["zh"]
    # a control's citations joined as the report joins them: full-width in Chinese
    assert "《数据安全法》第二十七条第二款；" in pages["zh"] and "第二款; " not in pages["zh"]
    assert "DSL Art. 27 ¶2; NDSMR Art. 30 ¶1" in pages["en"]
    # the other way round, a gap the fact brings into scope says so too
    status, out, err = run("diff", "2027.yaml", last, "--allow-incomplete")
    assert status == 0, err
    opened = out[out.index("Gaps opened"):out.index("Gaps still open")]
    assert "newly applies because profile.pi_individuals changed from 150,000 individuals to " \
           "28,000,000 individuals" in opened


def test_the_interview_says_which_texts_are_carried_before_answering_confirms_them(
        run: Run, catalog: Catalog) -> None:
    from assessor.interview.screens import question_head
    from assessor.interview.start import open_session

    last = last_cycle(run)
    this_cycle(run, last)
    question = catalog.by_id[QUALITY]
    session = open_session(catalog, (), None, Path("2027.yaml"))
    day = session.answers[QUALITY].carried
    for lang, words in (("en", f"texts carried from the last cycle ({day}): the same answer "
                               "confirms them"),
                        ("zh", f"备注等文字沿用上一周期（{day}）：作出相同回答即确认")):
        assert ("warn", words) in question_head(session, question, lang, 80)
    plain = catalog.by_id["pipl.consent.no_bundling"]  # carried, but no text to confirm
    assert session.answers[plain.id].carried and not session.answers[plain.id].note
    assert all(style != "warn" for style, _ in question_head(session, plain, "en", 80))
    assert run("set", "2027.yaml", QUALITY, "--confirm")[0] == 0
    session = open_session(catalog, (), None, Path("2027.yaml"))
    assert all(style != "warn" for style, _ in question_head(session, question, "en", 80))


def test_a_new_answer_under_last_years_finding_is_still_to_confirm(run: Run,
                                                                    catalog: Catalog) -> None:
    from assessor.interview.start import open_session

    last = last_cycle(run)
    this_cycle(run, last)
    warning = f"{QUALITY}: carried"
    # the interview: a different answer keeps last year's finding, which is still to confirm
    session = open_session(catalog, (), None, Path("2027.yaml"), respondent="HR")
    question = catalog.by_id[QUALITY]
    session.answer(question, "implemented")
    assert session.answers[QUALITY].finding == "Marketing consent is pre-ticked on the web."
    assert session.answers[QUALITY].carried is not None
    session.amend(question, evidence=("consent-log.pdf",))  # evidence alone reviews no text
    status, _, err = run("check", "2027.yaml", "--warnings")
    assert status == 0 and warning in err, err
    session.answer(question, "implemented")  # the same answer again confirms it
    assert session.answers[QUALITY].carried is None
    # set: a new value alone leaves the finding to confirm; a text given anew reviews it
    assert run("reassess", last, "-o", "2027.yaml", "--date", "2027-06-22", "--force")[0] == 0
    assert run("set", "2027.yaml", QUALITY, "--answer", "implemented")[0] == 0
    status, _, err = run("check", "2027.yaml", "--warnings")
    assert warning in err, err
    assert run("set", "2027.yaml", QUALITY, "--finding", "Consent is now opt-in.")[0] == 0
    status, _, err = run("check", "2027.yaml", "--warnings")
    assert warning not in err, err


def test_the_interview_end_screen_counts_as_score_does(run: Run, catalog: Catalog) -> None:
    import json

    from assessor.interview.screens import summary
    from assessor.interview.start import open_session

    example_file(run, "a.yaml")
    text = Path("a.yaml").read_text(encoding="utf-8")
    Path("a.yaml").write_text(text.replace("  lang: en\n", "  lang: en\n  scope: [pipl, dsl, "
                                           "csl]\n", 1), encoding="utf-8")
    status, out, _ = run("score", "a.yaml", "--json", "--allow-incomplete")
    assert status == 0
    overall = json.loads(out)["overall"]
    session = open_session(catalog, (), None, Path("a.yaml"))
    result = session.result()
    assert (round(result.overall.score or 0, 1), result.overall.answered,
            result.overall.applicable) == (round(overall["score"], 1), overall["answered"],
                                           overall["applicable"])
    shown = "\n".join(summary(session, result, "en"))
    assert f"({overall['answered']}/{overall['applicable']} controls)" in shown
    assert "Global Data Security Initiative" not in shown  # out of the engagement's scope
