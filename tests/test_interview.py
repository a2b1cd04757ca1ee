"""The live interview driven in-process through prompt_toolkit's pipe input; the file read back.

Keys go in as a terminal would send them; the pipe is closed after the last key, so an
interview that asks more than a test expects ends (as Ctrl-D would) instead of hanging.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput, Output
from prompt_toolkit.output.plain_text import PlainTextOutput

from assessor import cli, clock
from assessor.banks.catalog import load_catalog
from assessor.interview.session import Change
from assessor.interview.start import open_session
from assessor.model.catalog import Catalog
from assessor.record import answers as answers_file
from assessor.text import fit, pad, width, wrap

from .conftest import DATA, EXAMPLES, MINI

MINI_ARGS = ["--questionnaires", str(MINI), "--no-builtin"]
ENTER, UP, DOWN, SPACE, CTRL_C, CTRL_U = "\r", "\x1b[A", "\x1b[B", " ", "\x03", "\x15"
ESC = "\x1b"
CTRL_N, CTRL_F = "\x0e", "\x06"
YES, NO = "1" + ENTER, "2" + ENTER  # a number key moves to an option, Enter records it
Drive = Callable[..., tuple[int, str, str]]


class Terminal(io.StringIO):
    """Standard input as the interview sees it at a terminal (the keys come from the pipe)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def interview(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
              tmp_path: Path) -> Drive:
    """Run ``assessor interview`` on the mini catalog with keys; return (status, out, err)."""
    monkeypatch.chdir(tmp_path)

    def drive(keys: Sequence[str], *argv: str, output: Output | None = None,
              ) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", Terminal())
        with create_pipe_input() as pipe:
            pipe.send_text("".join(keys))
            pipe.close()
            with create_app_session(input=pipe, output=output or DummyOutput()):
                status = cli.main(["interview", *MINI_ARGS, *argv])
        out, err = capsys.readouterr()
        return status, out, err

    return drive


def details(name: str = "Acme Ltd", date: str = "2026-11-20") -> list[str]:
    """Return the keys that fill in the organisation, sector, consultant and date."""
    return [name + ENTER, "Testing" + ENTER, "A. Consultant" + ENTER, CTRL_U + date + ENTER]


def load(path: Path) -> dict[str, Any]:
    """Return an answers file as plain data."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def check(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, str]:
    """Run ``assessor check`` on a file; return status and everything printed but warnings."""
    status = cli.main(["check", *MINI_ARGS, *extra, str(path)])
    out, err = capsys.readouterr()
    return status, out + "".join(line for line in err.splitlines(keepends=True)
                                 if not line.startswith("assessor: warning: "))


FULL = [*details(),
        YES,                                                   # profile.big: yes
        "5000" + ENTER,                                        # profile.people
        ENTER,                                                 # profile review: continue
        "n", "Kept in the SIEM" + ENTER,                       # bank.ops.logs: a note first,
        "e", "siem.pdf, DOC-7" + ENTER, "12" + ENTER,          # evidence, then the answer
        "2" + ENTER,                                           # bank.ops.plan: partial
        NO,                                                    # bank.big.officer: no
        "1" + ENTER,                                           # bank.big.elements: a
        ENTER,                                                 # bank review: continue
        ENTER,                                                 # final: finish
        DOWN + DOWN + ENTER]                                   # render now? no


def test_a_whole_interview_saves_a_file_that_checks_and_renders(
        interview: Drive, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = interview(FULL, "-o", "acme.yaml")
    assert (status, err) == (0, "")
    assert load(tmp_path / "acme.yaml") == {
        "format": "assessor-answers/1",
        "organisation": {"name": "Acme Ltd", "sector": "Testing"},
        "assessment": {"consultant": "A. Consultant", "date": "2026-11-20", "lang": "en"},
        "versions": {"profile": "1", "bank": "1.0"},
        "answers": {
            "profile.big": "yes", "profile.people": 5000,
            "bank.ops.logs": {"answer": 12, "note": "Kept in the SIEM",
                              "evidence": ["siem.pdf", "DOC-7"]},
            "bank.ops.plan": "partial", "bank.big.officer": "no", "bank.big.elements": ["a"]}}
    assert "Overall 60 / 100 (Needs improvement)" in out
    assert "1. critical bank.big.officer LAW Art. 3 (formerly Art. 1) Is there an officer?" \
        in " ".join(out.split())  # the gap's text beside its id
    assert f"assessor run acme.yaml -o acme.pdf --questionnaires {MINI} --no-builtin" in out
    assert check(capsys, tmp_path / "acme.yaml") == (0, "acme.yaml: ok (6 answers)\n")
    assert cli.main(["run", *MINI_ARGS, "acme.yaml", "-o", "acme.html"]) == 0
    assert "Acme Ltd" in (tmp_path / "acme.html").read_text(encoding="utf-8")



def test_evidence_typed_with_a_plus_is_requested_in_the_register(
        interview: Drive, tmp_path: Path) -> None:
    keys = [key.replace("siem.pdf, DOC-7", "+SIEM retention report, siem.pdf, +SIEM retention "
                        "report") for key in FULL]
    status, _, err = interview(keys, "-o", "acme.yaml")
    assert (status, err) == (0, "")
    saved = load(tmp_path / "acme.yaml")
    assert saved["evidence"] == {"E-1": {"title": "SIEM retention report",
                                         "status": "requested", "requested": "2026-11-20"}}
    assert saved["answers"]["bank.ops.logs"]["evidence"] == ["E-1", "siem.pdf"]

def test_the_default_file_name_carries_the_date_and_is_never_overwritten(
        interview: Drive, tmp_path: Path) -> None:
    today = clock.today().isoformat()
    (tmp_path / f"answers-{today}.yaml").write_text("keep me", encoding="utf-8")
    status, _, err = interview(["Acme" + ENTER, CTRL_C])
    assert status == 130
    assert f"answers saved in answers-{today}-2.yaml (0 so far)" in err
    assert (tmp_path / f"answers-{today}.yaml").read_text(encoding="utf-8") == "keep me"
    assert load(tmp_path / f"answers-{today}-2.yaml")["assessment"]["date"] == today


def test_ctrl_c_before_the_name_saves_nothing(interview: Drive, tmp_path: Path) -> None:
    status, _, err = interview(["Half a na", CTRL_C], "-o", "a.yaml")
    assert status == 130
    assert "interrupted before the organisation name; nothing was saved" in err
    assert not (tmp_path / "a.yaml").exists()


def test_going_back_changes_an_answer_and_what_applies(interview: Drive, tmp_path: Path) -> None:
    keys = [*details(),
            YES,                       # profile.big: yes
            "<",                       # at profile.people: back
            NO,                        # profile.big: no -> people no longer applies
            ENTER,                     # profile review: continue
            "<",                       # at bank.ops.logs: back to profile.big, the previous
            ENTER,                     # keep no (the cursor starts on the saved answer)
            ENTER,                     # profile review: continue
            CTRL_C]                    # at bank.ops.logs
    status, _, err = interview(keys, "-o", "a.yaml")
    assert status == 130
    assert "assessor: interrupted; answers saved in a.yaml (1 so far)" in err
    assert load(tmp_path / "a.yaml")["answers"] == {"profile.big": "no"}


def test_back_from_the_first_question_edits_the_organisation_details(
        interview: Drive, tmp_path: Path) -> None:
    keys = [*details(), "<",                             # at profile.big: back
            CTRL_U + "Beta Ltd" + ENTER, ENTER, ENTER,   # a new name; sector, consultant kept
            CTRL_U + "2026-13-01" + ENTER,               # not a date: refused
            CTRL_U + "2026-11-21" + ENTER,
            CTRL_C]                                      # back at profile.big
    status, _, err = interview(keys, "-o", "a.yaml")
    assert status == 130
    assert "(0 so far)" in err
    saved = load(tmp_path / "a.yaml")
    assert saved["organisation"] == {"name": "Beta Ltd", "sector": "Testing"}
    assert saved["assessment"] == {"consultant": "A. Consultant", "date": "2026-11-21",
                                   "lang": "en", "position": "profile.big"}


def test_not_applicable_needs_a_reason_and_alternate_a_justification(
        interview: Drive, tmp_path: Path) -> None:
    keys = [*details(),
            NO,                                           # profile.big: no
            ENTER,                                        # profile review
            "u" + ENTER,                                  # bank.ops.logs: u types unknown
            "e", "closure-letter.pdf" + ENTER,            # bank.ops.plan: evidence first
            "x" + ENTER, ENTER,                           # na, then an empty reason: refused
            "No plan: the site is closed" + ENTER,
            ENTER,                                        # bank review: continue
            ENTER, DOWN + DOWN + ENTER]                   # finish; no report
    status, out, _ = interview(keys, "-o", "a.yaml")
    assert status == 0
    assert load(tmp_path / "a.yaml")["answers"] == {
        "profile.big": "no", "bank.ops.logs": "unknown",
        "bank.ops.plan": {"answer": "na", "note": "No plan: the site is closed",
                          "evidence": ["closure-letter.pdf"]}}
    assert "Overall 0 / 100" in out

    keys = [DOWN * 2 + ENTER,                              # final: review the test bank
            DOWN * 2 + ENTER,                              # reopen bank.ops.plan
            "m" + ENTER, ESC,                              # alternate, then a change of mind
            "m" + ENTER, "Insurer's plan covers it" + ENTER,
            ENTER,                                         # back in the review: continue
            ENTER, DOWN + DOWN + ENTER]
    status, _, _ = interview(keys, "--resume", "a.yaml")
    assert status == 0
    assert load(tmp_path / "a.yaml")["answers"]["bank.ops.plan"] == {
        "answer": "alternate", "note": "Insurer's plan covers it",
        "evidence": ["closure-letter.pdf"]}


def test_ctrl_c_saves_says_how_to_resume_and_resume_keeps_every_answer(
        interview: Drive, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    keys = [*details(),
            YES, "5000" + ENTER, ENTER,
            "n", "Only three months" + ENTER, "3" + ENTER,
            CTRL_C]                                     # at bank.ops.plan
    status, _, err = interview(keys)
    assert status == 130
    path = next(tmp_path.glob("answers-*.yaml"))
    assert f"assessor: interrupted; answers saved in {path.name} (3 so far)" in err
    assert (f"assessor: resume with: assessor interview --resume {path.name} "
            f"--questionnaires {MINI} --no-builtin") in err
    before = load(path)
    assert before["answers"] == {"profile.big": "yes", "profile.people": 5000,
                                 "bank.ops.logs": {"answer": 3, "note": "Only three months"}}
    assert check(capsys, path, "--allow-incomplete")[0] == 0
    assert check(capsys, path)[0] == 2

    keys = ["1" + ENTER,                                # resumes at bank.ops.plan: implemented
            YES,                                        # bank.big.officer: yes
            "a" + ENTER,                                # elements: a ticks both, never x or u
            ENTER, ENTER, DOWN + DOWN + ENTER]
    status, out, err = interview(keys, "--resume", path.name)
    assert (status, err) == (0, "")
    after = load(path)
    assert after["organisation"] == before["organisation"]
    assert before["assessment"]["position"] == "bank.ops.plan"  # where it stopped
    assert after["assessment"] == {k: v for k, v in before["assessment"].items()
                                   if k != "position"}  # finished: no position left
    assert after["answers"] == {**before["answers"], "bank.ops.plan": "implemented",
                                "bank.big.officer": "yes", "bank.big.elements": ["a", "b"]}
    assert "Overall 60 / 100" in out  # logs 3 < 6 months fails; weight 2 of 5
    assert check(capsys, path)[0] == 0


def test_a_profile_change_keeps_answers_that_no_longer_apply_marked_out_of_scope(
        interview: Drive, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(DATA / "answers" / "mini.yaml", tmp_path / "mini.yaml")
    jump_to_profile = [DOWN * 3 + ENTER,   # final: jump to a section
                       DOWN + ENTER]       # the profile's section
    keys = [*jump_to_profile, NO,                        # profile.big: no
            ENTER,                                       # profile review: continue -> final
            ENTER, DOWN + DOWN + ENTER]
    status, _, _ = interview(keys, "--resume", "mini.yaml")
    assert status == 0
    answers = load(tmp_path / "mini.yaml")["answers"]
    assert answers["profile.big"] == "no"
    assert answers["profile.people"] == {"answer": 5000, "out_of_scope": True}
    assert answers["bank.big.officer"] == {"answer": "no", "out_of_scope": True}
    assert answers["bank.big.elements"] == {"answer": ["a"], "out_of_scope": True}
    assert answers["bank.ops.plan"]["evidence"] == ["plan-v2.pdf"]
    assert check(capsys, tmp_path / "mini.yaml") == (0, "mini.yaml: ok (6 answers)\n")

    keys = [*jump_to_profile, YES,                       # profile.big: yes again
            ENTER, ENTER, DOWN + DOWN + ENTER]           # people is answered: on to the end
    assert interview(keys, "--resume", "mini.yaml")[0] == 0
    assert load(tmp_path / "mini.yaml")["answers"] == {
        "profile.big": "yes", "profile.people": 5000, "bank.ops.logs": 3,
        "bank.ops.plan": {"answer": "partial", "note": answers["bank.ops.plan"]["note"],
                          "evidence": ["plan-v2.pdf"]},
        "bank.big.officer": "no", "bank.big.elements": ["a"]}


def test_skipped_questions_wait_for_the_review(interview: Drive, tmp_path: Path) -> None:
    keys = [*details(), NO, ENTER,                       # profile.big: no; review
            ">",                                         # skip bank.ops.logs
            "1" + ENTER,                                 # bank.ops.plan: implemented
            DOWN + ENTER,                                # review: answer the 1 open question
            "6" + ENTER,
            ENTER, ENTER, DOWN + DOWN + ENTER]
    assert interview(keys, "-o", "a.yaml")[0] == 0
    assert load(tmp_path / "a.yaml")["answers"] == {
        "profile.big": "no", "bank.ops.logs": 6, "bank.ops.plan": "implemented"}


def test_save_and_quit_from_the_menu_exits_0_with_the_resume_command(
        interview: Drive, tmp_path: Path) -> None:
    keys = [*details(), ":", ENTER, DOWN * 7 + ENTER]    # at profile.big: more, save and quit
    status, out, _ = interview(keys, "-o", "a.yaml", "-q", "bank")
    assert status == 0
    assert "Answers saved in a.yaml (0 so far)." in out
    assert (f"assessor interview --resume a.yaml --questionnaires {MINI} --no-builtin -q bank"
            in out)
    assert load(tmp_path / "a.yaml")["organisation"] == {"name": "Acme Ltd", "sector": "Testing"}


def test_text_questions_take_typed_answers_and_keys_only_on_an_empty_line(
        interview: Drive, tmp_path: Path) -> None:
    folder = tmp_path / "banks"
    shutil.copytree(MINI, folder)
    profile = folder / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + (
        "      - id: profile.mission\n"
        "        type: text\n"
        "        text: {en: \"What is the mission?\", zh: \"使命是什么？\"}\n"), encoding="utf-8")
    keys = [*details(), NO,                              # profile.big: no
            ENTER,                                       # empty text: refused, asked again
            "Sell <things> ?" + ENTER,                   # < and ? inside text are text
            ENTER,                                       # profile review: continue
            ":", ENTER, ENTER,                           # at bank.ops.logs: more, stay
            CTRL_C]
    status, _, _ = interview(keys, "--questionnaires", str(folder), "-q", "bank",
                             "-o", "a.yaml")
    assert status == 130
    assert load(tmp_path / "a.yaml")["answers"] == {"profile.big": "no",
                                                    "profile.mission": "Sell <things> ?"}


def test_q_profile_asks_the_profile_only(interview: Drive, tmp_path: Path) -> None:
    keys = [*details(), NO,                               # profile.big: no
            ENTER,                                        # profile review: continue: finish
            ENTER, DOWN + DOWN + ENTER]                   # final: finish; no report
    status, out, _ = interview(keys, "-q", "profile", "-o", "a.yaml")
    assert status == 0
    assert "Answers saved in a.yaml (1 answer)." in out  # as check counts them
    assert load(tmp_path / "a.yaml")["answers"] == {"profile.big": "no"}


def test_the_end_renders_the_report_at_once(interview: Drive, tmp_path: Path) -> None:
    shutil.copy(DATA / "answers" / "mini.yaml", tmp_path / "mini.yaml")
    status, out, _ = interview([ENTER, DOWN + ENTER], "--resume", "mini.yaml")
    assert status == 0
    assert "wrote mini.html" in out
    assert "Mini Co &lt;script&gt;" in (tmp_path / "mini.html").read_text(encoding="utf-8")


def test_screens_show_id_section_progress_and_help_on_request(interview: Drive) -> None:
    screen = io.StringIO()
    keys = [*details(), YES, "5000" + ENTER, ENTER, "?", CTRL_C]
    status, _, _ = interview(keys, "-o", "a.yaml", output=PlainTextOutput(screen))
    assert status == 130
    text = screen.getvalue()  # keys typed ahead draw only the screens that wait for a key
    assert "✓ saved profile.people: 5,000 people" in text   # on the profile's review
    assert "2 more questions now apply." in text  # bank.big, opened by 5,000 people
    assert "LAW · Operations" in text
    assert "LAW 1/4 · 33% answered" in text       # 2 of 6 applicable questions answered
    assert "bank.ops.logs" in text
    assert "LAW Art. 3(1) (formerly Art. 1(1)) — Logs" in text  # the legal basis, after '?'
    assert "Severity high · weight 2" in text


def test_the_interview_speaks_chinese(interview: Drive, tmp_path: Path) -> None:
    screen = io.StringIO()
    keys = [*details(), YES, CTRL_C]
    status, _, err = interview(keys, "-o", "a.yaml", "--lang", "zh",
                               output=PlainTextOutput(screen))
    assert status == 130
    text = screen.getvalue()
    assert "组织名称" in text
    assert "多少人？" in text
    assert "概况 2/2" in text
    assert "已中断；答复已保存到 a.yaml（目前 1 个）" in err
    assert "--lang zh" in err
    assert load(tmp_path / "a.yaml")["assessment"]["lang"] == "zh"


def test_without_a_terminal_the_interview_points_to_assessor_run(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status = cli.main(["interview", *MINI_ARGS, "-o", str(tmp_path / "a.yaml")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("assessor: error: the interview needs a terminal")
    assert "assessor run answers.yaml" in err
    assert not (tmp_path / "a.yaml").exists()


@pytest.mark.parametrize(("argv", "message"), [
    (["-o", "taken.yaml"], "taken.yaml already exists: continue it with `assessor interview "
                           "--resume taken.yaml`"),
    (["-o", "nowhere/a.yaml"], "cannot write nowhere/a.yaml: folder nowhere does not exist"),
    (["-q", "nope"], "unknown questionnaire nope (known: profile, bank)"),
    (["--resume", "missing.yaml"], "missing.yaml: no such file"),
])
def test_bad_starts_exit_2_before_any_question(interview: Drive, tmp_path: Path,
                                                argv: list[str], message: str) -> None:
    (tmp_path / "taken.yaml").write_text("keep", encoding="utf-8")
    status, _, err = interview([], *argv)
    assert status == 2
    assert f"assessor: error: {message}" in err
    assert (tmp_path / "taken.yaml").read_text(encoding="utf-8") == "keep"


def test_resuming_a_shipped_example_on_the_real_banks_keeps_every_answer(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    source = EXAMPLES / "power-utility-ciio.yaml"
    shutil.copy(source, tmp_path / "utility.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", Terminal())
    with create_pipe_input() as pipe:
        pipe.send_text(ENTER + DOWN + DOWN + ENTER)      # complete: finish; no report
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            assert cli.main(["interview", "--resume", "utility.yaml"]) == 0
    assert "答复已保存到 utility.yaml（共 219 个答复）。" in capsys.readouterr().out  # as check
    catalog = load_catalog([], builtin=True)
    before = answers_file.load(source, catalog)
    after = answers_file.load(tmp_path / "utility.yaml", catalog)
    assert {q: (a.value, a.note, a.evidence) for q, a in after.answers.items()} == {
        q: (a.value, a.note, a.evidence) for q, a in before.answers.items()}
    assert (after.organisation, after.assessment) == (before.organisation, before.assessment)


def test_session_rescoping_reports_what_an_answer_changed(mini: Catalog, tmp_path: Path) -> None:
    session = open_session(mini, [], tmp_path / "s.yaml", None, dt.date(2026, 11, 20))
    session.set_details("Acme", None, None, "2026-11-20", "en")
    big, people = mini.by_id["profile.big"], mini.by_id["profile.people"]
    assert session.answer(big, "yes") == Change(added=("profile.people",))
    assert session.answer(people, "5000") == Change(added=("bank.big.officer",
                                                           "bank.big.elements"))
    session.answer(mini.by_id["bank.big.officer"], True)      # YAML's yes, as a file gives it
    assert session.answer(big, "no") == Change(dropped=("profile.people", "bank.big.officer"))
    assert session.out_of_scope() == ["profile.people", "bank.big.officer"]
    assert session.previous(mini.by_id["bank.ops.logs"]) == big
    assert session.progress(mini.by_id["bank.ops.plan"]).percent == 33  # 1 of 3 answered
    with pytest.raises(ValueError, match="needs a note"):
        session.answer(mini.by_id["bank.ops.plan"], "na")


def test_text_is_fitted_by_columns_with_chinese_taking_two() -> None:
    assert width("概况 1/2") == 8
    assert fit("个人信息保护法", 9) == "个人信息…"
    assert pad("ab", 4) == "ab  "
    assert wrap("个人信息处理者应当", 10) == ["个人信息处", "理者应当"]
    assert wrap("Do you keep records?", 12, "  ") == ["  Do you", "  keep", "  records?"]


def test_enter_alone_records_nothing_numbers_and_letters_choose(
        interview: Drive, tmp_path: Path) -> None:
    screen = io.StringIO()
    keys = [*details(), ENTER,                       # profile.big, never answered: nothing
            CTRL_C]
    status, _, _ = interview(keys, "-o", "a.yaml", output=PlainTextOutput(screen))
    assert status == 130
    assert load(tmp_path / "a.yaml")["answers"] == {}
    assert "choose an answer: a number, then Enter (or x, u)" in screen.getvalue()

    keys = [ENTER,                                   # resumed at profile.big: still nothing
            "2" + ENTER,                             # no
            ENTER,                                   # profile review: continue
            "x" + ENTER, "Logs are kept by the host" + ENTER,  # bank.ops.logs: na, its reason
            "m" + ENTER, ENTER,                      # bank.ops.plan: alternate needs a reason
            ESC, "u" + ENTER,                        # changed mind: unknown
            ENTER, ENTER, DOWN + DOWN + ENTER]       # review, finish, no report
    assert interview(keys, "--resume", "a.yaml")[0] == 0
    assert load(tmp_path / "a.yaml")["answers"] == {
        "profile.big": "no",
        "bank.ops.logs": {"answer": "na", "note": "Logs are kept by the host"},
        "bank.ops.plan": "unknown"}


def test_flag_finding_and_severity_are_taken_by_key_and_saved(
        interview: Drive, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    keys = [*details(),
            "f", "Client to confirm the head count" + ENTER, "1" + ENTER,  # flag, then yes
            "5 to 10 million" + ENTER,               # a range: refused, one estimate asked
            CTRL_U + "8 million" + ENTER,
            ENTER,                                   # profile review
            "12" + ENTER,                            # bank.ops.logs
            "o", "No owner is named" + ENTER,        # bank.ops.plan: the assessor's finding,
            "s", "1", "Nobody would run it" + ENTER,  # severity raised to critical, and why
            "3" + ENTER,                             # not implemented; on to bank.big.officer
            "<<", "f", "Ask the SOC" + ENTER,        # back to logs: flag it after answering
            CTRL_C]
    status, _, _ = interview(keys, "-o", "a.yaml")
    assert status == 130
    saved = load(tmp_path / "a.yaml")["answers"]
    assert saved == {
        "profile.big": {"answer": "yes", "flag": "Client to confirm the head count"},
        "profile.people": 8_000_000,
        "bank.ops.logs": {"answer": 12, "flag": "Ask the SOC"},
        "bank.ops.plan": {"answer": "not_implemented", "finding": "No owner is named",
                          "severity": {"level": "critical",
                                       "justification": "Nobody would run it"}}}
    capsys.readouterr()
    assert cli.main(["check", *MINI_ARGS, "--allow-incomplete", "a.yaml"]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "flagged" in line]
    assert warnings == [
        "assessor: warning: a.yaml:14: profile.big: flagged for follow-up: Client to confirm "
        "the head count",
        "assessor: warning: a.yaml:18: bank.ops.logs: flagged for follow-up: Ask the SOC"]
    assert cli.main(["run", *MINI_ARGS, "--allow-incomplete", "a.yaml", "-o", "a.html"]) == 0
    assert "To be confirmed:</span> Ask the SOC" in (tmp_path / "a.html").read_text("utf-8")


def test_prompt_all_keeps_the_old_rhythm(interview: Drive, tmp_path: Path) -> None:
    keys = [*details(), "2" + ENTER, "Small shop" + ENTER, "till-roll.pdf" + ENTER,
            ENTER, "6" + ENTER, ENTER, ENTER, CTRL_C]
    assert interview(keys, "-o", "a.yaml", "--prompt-all")[0] == 130
    assert load(tmp_path / "a.yaml")["answers"] == {
        "profile.big": {"answer": "no", "note": "Small shop", "evidence": ["till-roll.pdf"]},
        "bank.ops.logs": 6}


@pytest.fixture
def newer(tmp_path: Path) -> Path:
    """Return a folder whose bank is version 1.1, and write a.yaml answered against 1.0."""
    folder = tmp_path / "banks"
    shutil.copytree(MINI, folder)
    bank = folder / "bank.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"'),
                    encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "format: assessor-answers/1\norganisation: {name: Acme Ltd}\n"
        "assessment: {consultant: A. Consultant, date: 2026-11-20, lang: en}\n"
        'versions: {profile: "1", bank: "1.0"}\nanswers:\n  profile.big: "no"\n'
        "  bank.ops.logs: 6\n", encoding="utf-8")
    return folder


OLD_BANKS = ("a.yaml was answered against other versions of the question banks: bank 1.0 "
             "(now 1.1).\n"
             "`assessor migrate` carries the answers to the current banks and lists what it "
             "changed. Continuing keeps the file's old versions, so `check` and `migrate` still "
             "see the change; new answers are checked against the current banks.\n")


def test_resuming_on_older_banks_says_so_and_can_stop_for_migrate(
        interview: Drive, tmp_path: Path, newer: Path) -> None:
    before = (tmp_path / "a.yaml").read_bytes()
    status, out, err = interview([ENTER], "--resume", "a.yaml", "--questionnaires", str(newer))
    assert (status, err) == (0, "")
    assert out == OLD_BANKS + (f"Run: assessor migrate a.yaml --questionnaires {MINI} "
                               "--questionnaires banks --no-builtin\n")
    assert (tmp_path / "a.yaml").read_bytes() == before


def test_continuing_on_older_banks_keeps_the_versions_it_was_answered_against(
        interview: Drive, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        newer: Path) -> None:
    keys = [DOWN + ENTER,                     # continue with the current banks
            "1" + ENTER,                      # bank.ops.plan: implemented
            ENTER, ENTER, DOWN + DOWN + ENTER]
    status, out, err = interview(keys, "--resume", "a.yaml", "--questionnaires", str(newer))
    assert (status, err) == (0, "")
    assert out.startswith(OLD_BANKS)
    saved = load(tmp_path / "a.yaml")
    assert saved["versions"] == {"profile": "1", "bank": "1.0"}
    assert saved["answers"] == {"profile.big": "no", "bank.ops.logs": 6,
                                "bank.ops.plan": "implemented"}
    assert cli.main(["migrate", *MINI_ARGS, "--questionnaires", str(newer), "a.yaml"]) == 0
    assert "  bank: 1.0 -> 1.1\n" in capsys.readouterr().out


def test_resuming_on_the_current_banks_asks_nothing_more(
        interview: Drive, tmp_path: Path, newer: Path) -> None:
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8").replace('bank: "1.0"', 'bank: "1.1"')
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    keys = ["1" + ENTER, ENTER, ENTER, DOWN + DOWN + ENTER]
    status, out, _ = interview(keys, "--resume", "a.yaml", "--questionnaires", str(newer))
    assert status == 0
    assert "versions of the question banks" not in out
    assert load(tmp_path / "a.yaml")["answers"]["bank.ops.plan"] == "implemented"


def test_the_old_banks_warning_in_chinese() -> None:
    from assessor.interview import stale

    found = [("pipl", "2025.1", "2026.1"), ("csl", "2025.2", "2026.1")]
    assert stale.warning("a.yaml", found, "zh") == [
        "a.yaml 的回答依据的题库版本与当前不同："
        "pipl 2025.1（现为 2026.1）、csl 2025.2（现为 2026.1）。",
        "`assessor migrate` 会把回答迁移到当前题库，并列出改动。选择继续则文件保留原版本号，"
        "`check` 和 `migrate` 仍能看出题库已变；新回答按当前题库检查。"]
    assert stale.kept(found) == {"pipl": "2025.1", "csl": "2025.2"}
    assert stale.kept_line(found, "en") == ("Continuing on the current banks; the file keeps "
                                            "pipl 2025.1, csl 2025.2.")


def test_the_review_names_each_gap_by_its_text(interview: Drive) -> None:
    screen = io.StringIO()
    keys = [*details(), NO, ENTER, "3" + ENTER, "3" + ENTER]  # logs 3 months, no plan; EOF
    status, _, _ = interview(keys, "-o", "a.yaml", output=PlainTextOutput(screen))
    assert status == 130
    text = screen.getvalue()
    assert "! ops.logs How many months are logs kept? · 3 months" in text
    assert "! ops.plan Is there a plan? · Not implemented" in text


def test_i_takes_an_internal_note_no_report_prints(interview: Drive, tmp_path: Path) -> None:
    screen = io.StringIO()
    keys = [*details(), "1" + ENTER, "8 million" + ENTER, ENTER,   # the profile
            "i", "HR unsure; ask the DPO" + ENTER,   # bank.ops.logs: the firm's own note
            "12" + ENTER, CTRL_C]
    assert interview(keys, "-o", "a.yaml", output=PlainTextOutput(screen))[0] == 130
    assert "f flag · i internal · o finding" in screen.getvalue()  # shown with the other keys
    assert load(tmp_path / "a.yaml")["answers"]["bank.ops.logs"] == {
        "answer": 12, "internal": "HR unsure; ask the DPO"}
    assert cli.main(["run", *MINI_ARGS, "--allow-incomplete", "a.yaml", "-o", "a.html"]) == 0
    assert "HR unsure" not in (tmp_path / "a.html").read_text("utf-8")


def test_x_asks_the_reason_at_once_so_its_letters_fire_no_key(interview: Drive,
                                                               tmp_path: Path) -> None:
    # issue 24: typing the reason straight after x once opened the finding (o) or a note (n)
    keys = [*details(), "1" + ENTER, "5000" + ENTER, ENTER,    # profile, review
            "x", "No logs of our own: the host offers none" + ENTER,   # 2 keys + the reason
            "x", "Not one" + ENTER,                             # bank.ops.plan, a scale
            CTRL_C]
    assert interview(keys, "-o", "a.yaml")[0] == 130
    answers = load(tmp_path / "a.yaml")["answers"]
    assert answers["bank.ops.logs"] == {"answer": "na",
                                        "note": "No logs of our own: the host offers none"}
    assert answers["bank.ops.plan"] == {"answer": "na", "note": "Not one"}


def test_ctrl_n_e_f_open_their_fields_after_a_figure_is_typed(interview: Drive,
                                                              tmp_path: Path) -> None:
    screen = io.StringIO()
    keys = [*details(), "1" + ENTER, "2.4m", CTRL_N, "Loyalty members only" + ENTER,
            CTRL_F, "HR unsure" + ENTER, ENTER,               # the figure, then its fields
            CTRL_C]
    assert interview(keys, "-o", "a.yaml", output=PlainTextOutput(screen))[0] == 130
    answers = load(tmp_path / "a.yaml")["answers"]
    assert answers["profile.people"] == {"answer": 2400000, "note": "Loyalty members only",
                                         "flag": "HR unsure"}
    assert "after a figure: Ctrl-N/E/F" in screen.getvalue()  # the rule, in the hint line


def test_colon_then_part_of_an_id_goes_to_that_question(interview: Drive,
                                                        tmp_path: Path) -> None:
    keys = [*details(), "1" + ENTER, "5000" + ENTER, ENTER,   # profile; at bank.ops.logs
            ":", "ops.plan" + ENTER,                          # 2 keys + part of the id
            "1" + ENTER,                                      # bank.ops.plan answered
            CTRL_C]
    assert interview(keys, "-o", "a.yaml")[0] == 130
    answers = load(tmp_path / "a.yaml")["answers"]
    assert answers.get("bank.ops.plan") == "implemented"
    assert "bank.ops.logs" not in answers
