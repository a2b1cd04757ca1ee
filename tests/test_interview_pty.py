"""The real command in a pseudo-terminal: a few answers, Ctrl-C, exit 130 and the file, resume."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from assessor.banks.catalog import load_catalog

from .conftest import MINI, ROOT

ENTER, DOWN = "\r", "\x1b[B"
TIMEOUT = 20


def spawn(tmp_path: Path, *argv: str) -> pexpect.spawn:
    """Start ``assessor interview`` on the mini catalog in an 80x24 pseudo-terminal."""
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm",
           "PYTHONPATH": str(ROOT)}
    return pexpect.spawn(sys.executable, ["-m", "assessor", "interview", "--questionnaires",
                                          str(MINI), "--no-builtin", *argv],
                         cwd=str(tmp_path), env=env, dimensions=(24, 80), encoding="utf-8",
                         timeout=TIMEOUT)


def answer(child: pexpect.spawn, prompt: str, keys: str) -> None:
    """Wait for ``prompt`` on the screen, then type ``keys``."""
    child.expect_exact(prompt)
    child.send(keys)


def finished(child: pexpect.spawn) -> int:
    """Wait for the command to end; return its exit status."""
    child.expect(pexpect.EOF)
    child.close()
    status = child.exitstatus
    assert isinstance(status, int)
    return status


@pytest.mark.pty
def test_ctrl_c_in_a_terminal_saves_exits_130_and_resumes(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-o", "pty.yaml")
    answer(child, "Organisation name", "Pty Co" + ENTER)
    answer(child, "Sector", ENTER)
    answer(child, "Consultant", ENTER)
    answer(child, "Assessment date", ENTER)
    answer(child, "Big?", "1" + ENTER)                  # profile.big: yes
    answer(child, "How many people?", "n")              # a note first, by its key
    answer(child, "Note", "Head count, March" + ENTER)
    answer(child, "note: Head count, March", "20" + ENTER)  # small: bank.big will not apply
    answer(child, "Continue: Test bank", ENTER)         # the profile's review
    answer(child, "How many months are logs kept?", "\x03")
    child.expect_exact("resume with: assessor interview --resume pty.yaml")
    assert finished(child) == 130
    saved = yaml.safe_load((tmp_path / "pty.yaml").read_text(encoding="utf-8"))
    assert saved["organisation"] == {"name": "Pty Co"}
    assert saved["answers"] == {"profile.big": "yes",
                                "profile.people": {"answer": 20, "note": "Head count, March"}}

    child = spawn(tmp_path, "--resume", "pty.yaml")
    answer(child, "How many months are logs kept?", "6" + ENTER)
    answer(child, "Is there a plan?", DOWN + DOWN + ENTER)  # partial
    answer(child, "Continue: finish", ENTER)            # the bank's review
    answer(child, "Finish: show the summary", ENTER)
    child.expect_exact("Overall 83 / 100")              # logs 1 (weight 2), plan 0.5
    answer(child, "Render the report now?", DOWN + DOWN + ENTER)
    assert finished(child) == 0
    saved = yaml.safe_load((tmp_path / "pty.yaml").read_text(encoding="utf-8"))
    assert saved["answers"] == {"profile.big": "yes",
                                "profile.people": {"answer": 20, "note": "Head count, March"},
                                "bank.ops.logs": 6, "bank.ops.plan": "partial"}


@pytest.mark.pty
def test_kill_9_loses_at_most_the_answer_being_typed(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-o", "killed.yaml")
    answer(child, "Organisation name", "Killed Co" + ENTER)
    answer(child, "Sector", ENTER)
    answer(child, "Consultant", ENTER)
    answer(child, "Assessment date", ENTER)
    answer(child, "Big?", "2" + ENTER)                   # profile.big: no, saved at once
    answer(child, "Continue: Test bank", ENTER)
    answer(child, "How many months are logs kept?", "n")
    answer(child, "Note", "half a note")                 # being typed when the power goes
    child.kill(9)
    child.close()
    saved = yaml.safe_load((tmp_path / "killed.yaml").read_text(encoding="utf-8"))
    assert saved["answers"] == {"profile.big": "no"}
    assert [p.name for p in tmp_path.iterdir()] == ["killed.yaml"]  # no temporary file left


@pytest.mark.pty
def test_keys_choose_take_notes_and_flags_and_resume_where_it_stopped(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-o", "keys.yaml")
    answer(child, "Organisation name", "Keys Co" + ENTER + ENTER + ENTER + ENTER)
    answer(child, "Big?", ENTER)                         # never answered: Enter records nothing
    answer(child, "choose an answer: a number, then Enter (or x, u)", "f")
    answer(child, "Flag for follow-up", "Confirm with HR" + ENTER)
    answer(child, "⚑ to be confirmed: Confirm with HR", "1" + ENTER)   # a number key: yes
    answer(child, "How many people?", "12 to 15" + ENTER)   # a range: refused below the input
    answer(child, "is a range: give one estimate", "\x15" + "1.2万" + ENTER)  # said in words
    answer(child, "Continue: Test bank", ENTER)
    answer(child, "How many months are logs kept?", "n")    # a note by its key
    answer(child, "Note", "Rotated weekly" + ENTER)
    answer(child, "note: Rotated weekly", "u" + ENTER)      # u: unknown
    answer(child, "Is there a plan?", "x" + ENTER)          # x: not applicable, asks why
    answer(child, "Why does it not apply?", "No systems to recover" + ENTER)
    answer(child, "Is there an officer?", "<")              # back to the plan, then quit there
    answer(child, "bank.ops.plan · answered", "\x03")
    assert finished(child) == 130
    saved = yaml.safe_load((tmp_path / "keys.yaml").read_text(encoding="utf-8"))
    assert saved["assessment"]["position"] == "bank.ops.plan"
    assert saved["answers"] == {
        "profile.big": {"answer": "yes", "flag": "Confirm with HR"},
        "profile.people": 12000,
        "bank.ops.logs": {"answer": "unknown", "note": "Rotated weekly"},
        "bank.ops.plan": {"answer": "na", "note": "No systems to recover"}}

    child = spawn(tmp_path, "--resume", "keys.yaml")    # where it stopped, not the first open
    answer(child, "bank.ops.plan · answered: Not applicable", "2" + ENTER)  # now: partial
    answer(child, "Is there an officer?", "\x03")
    assert finished(child) == 130
    saved = yaml.safe_load((tmp_path / "keys.yaml").read_text(encoding="utf-8"))
    assert saved["answers"]["bank.ops.plan"] == "partial"  # the reason of na went with it
    assert saved["assessment"]["position"] == "bank.big.officer"


@pytest.mark.pty
def test_sixty_plain_answers_cost_at_most_2_2_keys_each(tmp_path: Path) -> None:
    (tmp_path / "sixty.yaml").write_text("organisation: {name: Sixty Co}\nanswers: {}\n",
                                         encoding="utf-8")
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm",
           "PYTHONPATH": str(ROOT)}
    child = pexpect.spawn(sys.executable, ["-m", "assessor", "interview", "--resume",
                                           "sixty.yaml"], cwd=str(tmp_path), env=env,
                          dimensions=(24, 80), encoding="utf-8", timeout=TIMEOUT)
    keys = answers = 0
    while answers < 60:   # the real banks, from the profile on: "1" and Enter, or a review
        if child.expect(["Ctrl-C save and quit", "» Continue: "]) == 0:
            child.send("1" + ENTER)
            answers += 1
            keys += 2
        else:
            child.send(ENTER)
            keys += 1
    child.expect_exact("Ctrl-C save and quit")
    child.send("\x03")
    assert finished(child) == 130
    saved = yaml.safe_load((tmp_path / "sixty.yaml").read_text(encoding="utf-8"))
    assert len(saved["answers"]) == 60
    sector = load_catalog([], builtin=True).by_id["profile.sector"]   # asked once, in the profile
    assert saved["organisation"] == {"name": "Sixty Co", "sector": sector.options[0].id}
    assert keys / answers <= 2.2, f"{keys} keys for {answers} answers"


@pytest.mark.pty
def test_a_fact_answered_once_counts_in_two_instruments(tmp_path: Path) -> None:
    from .test_facts import two_banks

    banks = two_banks(tmp_path / "banks")
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm",
           "PYTHONPATH": str(ROOT)}
    child = pexpect.spawn(sys.executable, ["-m", "assessor", "interview", "--questionnaires",
                                           str(banks), "--no-builtin", "-o", "two.yaml"],
                          cwd=str(tmp_path), env=env, dimensions=(24, 80), encoding="utf-8",
                          timeout=TIMEOUT)
    answer(child, "Organisation name", "Two Laws Co" + ENTER + ENTER + ENTER + ENTER)
    answer(child, "Big?", "2" + ENTER)
    answer(child, "Continue: Test bank", ENTER)
    answer(child, "How many months are logs kept?", "6" + ENTER)
    answer(child, "Is there a plan?", "2" + ENTER)                  # partial, asked once
    answer(child, "Continue: Other bank", ENTER)
    answer(child, "Is there an officer, as the other law asks?", "1" + ENTER)  # small: its own
    answer(child, "Anything of its own?", "1" + ENTER)              # the plan is not asked again
    child.expect_exact("Review · Other bank")
    child.expect_exact("Continue: finish")
    answer(child, "answered under LAW (article to be", ENTER)  # where its answer comes from
    answer(child, "Finish: show the summary", ENTER)
    child.expect_exact("Other bank")
    answer(child, "Render the report now?", DOWN + DOWN + ENTER)
    assert finished(child) == 0
    saved = yaml.safe_load((tmp_path / "two.yaml").read_text(encoding="utf-8"))
    assert saved["answers"] == {"profile.big": "no", "bank.ops.logs": 6,
                                "bank.ops.plan": "partial", "other.main.officer": "yes",
                                "other.main.own": "yes"}
    scored = subprocess.run([sys.executable, "-m", "assessor", "score", "--questionnaires",
                             str(banks), "--no-builtin", "two.yaml"], cwd=str(tmp_path), env=env,
                            capture_output=True, text=True, check=False)
    assert scored.returncode == 0, scored.stderr
    assert ("bank.ops.plan · other.main.plan  (LAW (article to be confirmed); OTH Art. 7)"
            in scored.stdout)                                 # one gap, citing both laws
