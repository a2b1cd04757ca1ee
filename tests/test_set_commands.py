"""No YAML by hand (issue 24): `assessor set` and `assessor evidence set` on real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.model.catalog import Catalog
from assessor.record.answers import load

from .conftest import EXAMPLES, Run, example_file

EXAMPLE = EXAMPLES / "crossborder-ecommerce.yaml"
QUALITY = "pipl.consent.quality"

pytestmark = pytest.mark.usefixtures("in_tmp")


def example(run: Run) -> Path:
    """Write the shipped example to a.yaml and return its path."""
    example_file(run, "a.yaml")
    return Path("a.yaml")


def test_set_writes_finding_severity_flag_internal_and_both_languages(
        run: Run, catalog: Catalog) -> None:
    path = example(run)
    status, _, err = run("set", path, QUALITY, "--answer", "partial", "--finding",
                         "Marketing consent is pre-ticked on the web.", "--severity", "high",
                         "--justification", "Affects all 28 million buyers.", "--flag",
                         "DPO to confirm", "--internal", "HR unsure; ask the DPO")
    assert status == 0, err
    assert err == (f"a.yaml: {QUALITY} set (answer, finding, internal, flag, severity, "
                   "justification)\n")
    status, _, err = run("set", path, QUALITY, "--finding", "网站营销同意默认勾选。",
                         "--lang", "zh")
    assert status == 0, err
    answer = load(path, catalog).answers[QUALITY]
    assert answer.value == "partial"
    assert answer.finding is not None
    assert (answer.finding.en, answer.finding.zh) == (  # type: ignore[attr-defined]
        "Marketing consent is pre-ticked on the web.", "网站营销同意默认勾选。")
    assert (answer.severity.level, answer.severity.justification) == (  # type: ignore[union-attr]
        "high", "Affects all 28 million buyers.")
    assert (answer.flag, answer.internal) == ("DPO to confirm", "HR unsure; ask the DPO")
    text = path.read_text(encoding="utf-8")
    assert "zh: 网站营销同意默认勾选。" in text
    # '' clears; the summary and an action need no question
    assert run("set", path, QUALITY, "--flag", "")[0] == 0
    assert load(path, catalog).answers[QUALITY].flag is None
    status, _, err = run("set", path, "--summary", "Transfers continue without a passed "
                         "assessment.", "--action", QUALITY, "--owner", "DPO", "--due",
                         "2027/03/31", "--status", "in_progress")
    assert status == 0, err
    record = load(path, catalog)
    assert record.assessment.summary["en"] == "Transfers continue without a passed assessment."
    action = record.actions[QUALITY]
    assert (action.owner, action.due, action.status) == ("DPO", "2027-03-31", "in_progress")


def test_set_takes_the_labels_a_colleague_reads_in_either_language(
        run: Run, catalog: Catalog) -> None:
    path = example(run)
    for typed, value in (("部分落实", "partial"), ("Not implemented", "not_implemented")):
        status, _, err = run("set", path, QUALITY, "--answer", typed)
        assert status == 0, err
        assert load(path, catalog).answers[QUALITY].value == value
    for typed in ("第一级、第三级", "Level 1, Level 3", "level_1, level_3"):
        status, _, err = run("set", path, "profile.mlps_levels", "--answer", typed)
        assert status == 0, err
        assert load(path, catalog).answers["profile.mlps_levels"].value == ("level_1", "level_3")
    before = path.read_bytes()
    status, _, err = run("set", path, "profile.mlps_levels", "--answer", "Level 1, Level 9")
    assert status == 2 and "'Level 9' is not an option" in err
    assert path.read_bytes() == before


def test_set_refuses_what_the_file_would_refuse_and_writes_nothing(run: Run) -> None:
    path = example(run)
    before = path.read_bytes()
    for argv, message in (
            ((QUALITY, "--answer", "Partially"), f"assessor: error: {QUALITY}: 'Partially' is "
                                                 "not an option (did you mean 'partial'?)"),
            ((QUALITY, "--answer", "na"), "'na' needs a note giving a reason"),
            ((QUALITY, "--severity", "urgent"), "--severity 'urgent' is not one of critical, "
                                                "high, medium, low"),
            (("pipl.nope", "--note", "x"), "pipl.nope: not a question of the loaded banks"),
            ((QUALITY,), f"set {QUALITY}: say what to set"),
            (("--owner", "DPO"), "name it with --action QID"),
            (("--action", QUALITY, "--due", "soon"), "--due: 'soon' is not a date")):
        status, _, err = run("set", path, *argv)
        assert status == 2, argv
        assert message in err, (argv, err)
    assert path.read_bytes() == before


def test_an_open_conflict_is_settled_by_set_and_the_other_answer_kept(run: Run,
                                                                      catalog: Catalog) -> None:
    from .test_many_hands import XB, respondent

    full = load(EXAMPLE, catalog)
    it = respondent(full, "it.yaml", "IT", "2026-12-14", catalog, **{XB: "none"})
    hr = respondent(full, "hr.yaml", "HR", "2026-12-15", catalog, **{XB: "unknown"})
    assert run("merge", it, hr, "-o", "m.yaml", "--leave-open")[0] == 0
    status, _, err = run("set", "m.yaml", XB, "--answer", "unknown", "--by",
                         "Chen Jing (consultant)")
    assert status == 0, err
    assert "the open conflict is settled, the other answers kept" in err
    answer = load(Path("m.yaml"), catalog).answers[XB]
    assert (answer.value, answer.by, answer.flag, answer.open_conflicts) == (
        "unknown", "Chen Jing (consultant)", None, ())
    assert [(c.value, c.by) for c in answer.conflict] == [("none", "IT")]
    status, _, err = run("check", "m.yaml", "--warnings")
    assert "open conflict" not in err


def test_evidence_set_marks_items_and_turns_a_named_document_into_one(
        run: Run, catalog: Catalog) -> None:
    path = example(run)
    record = load(path, catalog)
    qid, named = next((q, a.evidence[0]) for q, a in record.answers.items()
                      if a.evidence and a.via is None)
    status, out, _ = run("evidence", path)
    assert f"    -        claimed    {named}" in out  # named by the client: not received
    status, _, err = run("evidence", "set", path, named, "--status", "received", "--file",
                         f"evidence/{named}", "--date", "2026年12月2日")
    assert status == 0, err
    assert err == f"a.yaml: E-1 received, received 2026-12-02: {named} (from the document " \
                  f"named {named!r})\n"
    after = load(path, catalog)
    item = after.evidence["E-1"]
    assert (item.title, item.status, item.file, item.received) == (
        named, "received", f"evidence/{named}", "2026-12-02")
    assert all(named not in a.evidence for a in after.answers.values())
    assert "E-1" in after.answers[qid].evidence
    status, _, err = run("evidence", "set", path, "E-1", "--status", "rejected", "--note",
                         "unsigned copy")
    assert status == 0, err
    status, _, err = run("check", path, "--warnings")
    assert f"evidence rejected: E-1 ({named}): unsigned copy" in err
    status, _, err = run("evidence", "set", path, "E-9", "--status", "received")
    assert status == 2
    assert "'E-9' is neither an item of the evidence register nor a document an answer names" \
        in err


def test_evidence_set_records_what_the_client_claims_to_have_sent(
        run: Run, catalog: Catalog) -> None:
    from assessor.commands.evidence import STATUSES
    from assessor.model.record import EVIDENCE_STATUSES

    assert STATUSES == EVIDENCE_STATUSES  # every status the register holds can be set
    path = example(run)
    named = next(a.evidence[0] for a in load(path, catalog).answers.values()
                 if a.evidence and a.via is None)
    # made an item, a named document is still only what the client says it has
    status, _, err = run("evidence", "set", path, named, "--title", "Incident plan v3.2")
    assert status == 0, err
    assert err == f"a.yaml: E-1 claimed: Incident plan v3.2 (from the document named {named!r})\n"
    status, out, _ = run("evidence", path)
    assert "    E-1      claimed    Incident plan v3.2" in out
    assert "1 register items: 0 requested, 0 received, 0 accepted, 0 rejected, " \
           "1 claimed by the client; 1 outstanding" in out
    assert run("evidence", "set", path, "E-1", "--status", "received", "--date",
               "2026-12-02")[0] == 0
    # the copy was the wrong one: the client says it sent it, the firm holds none
    status, _, err = run("evidence", "set", path, "E-1", "--status", "claimed")
    assert status == 0, err
    assert err == "a.yaml: E-1 claimed: Incident plan v3.2\n"
    item = load(path, catalog).evidence["E-1"]
    assert (item.status, item.received) == ("claimed", None)
    status, out, _ = run("evidence", path, "--outstanding")
    assert "E-1      claimed    Incident plan v3.2" in out


def test_a_dangling_id_is_never_received(run: Run) -> None:
    path = example(run)
    text = path.read_text(encoding="utf-8").replace(
        f"  {QUALITY}: implemented", f"  {QUALITY}:\n    answer: implemented\n"
                                     "    evidence: [E-9]")
    path.write_text(text, encoding="utf-8")
    status, out, _ = run("evidence", path)
    assert f"{QUALITY}  (0 of 1 received)" in out
    assert "    -        missing    E-9" in out


def test_sign_off_accepts_warnings_by_kind_or_question_and_records_them(
        run: Run, catalog: Catalog) -> None:
    path = example(run)
    assert run("set", path, QUALITY, "--flag", "DPO to confirm")[0] == 0
    status, _, err = run("check", path, "--warnings")
    kinds = {line.split(": ")[4].split(":")[0] for line in err.splitlines()
             if line.startswith("assessor: warning:") and line.count(": ") >= 4}
    assert "flagged for follow-up" in kinds
    status, _, err = run("sign-off", path, "--by", "P. Partner", "--date", "2026-12-10",
                         "--accept", "no_evidence", "--accept", "no_note", "--accept", "unknown",
                         "--accept", "untranslated")
    assert status == 2, err
    assert f"{QUALITY}: flagged for follow-up: DPO to confirm" in err
    assert "--accept flagged --accept QID" in err
    refused = next(line for line in err.splitlines() if "not signed off" in line)
    assert "1 flagged" in refused.split("by kind: ")[1]  # the words --accept takes
    status, _, err = run("sign-off", path, "--by", "P. Partner", "--date", "2026-12-10",
                         "--accept", "nonsense")
    assert status == 2 and "--accept nonsense: neither a kind of warning" in err
    accept = ["--accept", "no_evidence", "--accept", "no_note", "--accept", "unknown",
              "--accept", QUALITY]
    for kind in ("untranslated", "not_applicable", "second_answer", "evidence_missing",
                 "evidence_rejected", "carried"):
        accept += ["--accept", kind]
    status, out, err = run("sign-off", path, "--by", "P. Partner", "--date", "2026-12-10",
                           *accept)
    assert status == 0, err
    signed = load(path, catalog).assessment.signed_off
    assert signed is not None and QUALITY in signed.accepted and "no_evidence" in signed.accepted
    assert run("verify", path)[0] == 0


def test_check_shows_warnings_on_an_incomplete_file_before_what_is_unanswered(run: Run) -> None:
    path = example(run)
    text = path.read_text(encoding="utf-8")
    start = text.index("  pipl.consent.quality:")
    path.write_text(text[:start] + text[text.index("\n", start) + 1:], encoding="utf-8")
    assert run("set", path, "pipl.consent.withdrawal", "--flag", "ask the DPO")[0] == 0
    status, _, err = run("check", path, "--warnings")
    assert status == 2
    lines = err.splitlines()
    flagged = next(i for i, t in enumerate(lines) if "flagged for follow-up: ask the DPO" in t)
    missing = next(i for i, t in enumerate(lines) if "applicable question" in t
                   and "unanswered" in t)
    assert flagged < missing
