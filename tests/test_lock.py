"""The answers file's lock: two writers never lose an answer, and a waiter learns who holds it."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from assessor.errors import AssessorError
from assessor.interview.start import open_session
from assessor.model.catalog import Catalog
from assessor.model.record import Answer, Answers
from assessor.record import answers, lock
from assessor.record.lock import locked, update

from .conftest import ROOT, write
from .test_interview_pty import ENTER, answer, finished, spawn

STARTED = textwrap.dedent("""
    organisation: {name: Lock Co}
    assessment: {date: 2026-03-01}
    answers:
      profile.big: "yes"
      profile.people: 20
""")

HOLD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from assessor.record.lock import locked
    with locked(Path(sys.argv[1]), "assessor interview"):
        print("held", flush=True)
        sys.stdin.readline()
""")


def holder(path: Path) -> subprocess.Popen[str]:
    """Start a process that holds the lock of ``path`` until its standard input gets a line."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], cwd=ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout is not None
    assert child.stdout.readline() == "held\n"
    return child


@pytest.mark.slow
def test_a_locked_file_names_its_holder_and_is_left_alone(
        tmp_path: Path, mini: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lock, "WAIT", 0.3)  # the waiter gives up after 0.3 s, not 5 s
    path = write(tmp_path / "answers.yaml", STARTED)
    before = path.read_bytes()
    child = holder(path)
    try:
        with pytest.raises(AssessorError) as caught:
            update(path, mini, lambda a: a, "assessor sign-off")
        message = caught.value.message
        assert message.startswith(f"{path} is being changed by PID {child.pid} "
                                  "(assessor interview) since ")
        assert message.endswith("; try again when it finishes")
        assert path.read_bytes() == before
    finally:
        assert child.stdin is not None
        child.stdin.write("\n")
        child.communicate(timeout=20)
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]  # the lock file is gone


def test_update_rereads_inside_the_lock_and_keeps_every_change(tmp_path: Path,
                                                              mini: Catalog) -> None:
    path = write(tmp_path / "answers.yaml", STARTED)

    def add(qid: str, value: float | str) -> Answers:
        return update(path, mini, lambda a: dataclasses.replace(
            a, answers={**a.answers, qid: Answer(qid, value)}))

    add("bank.ops.logs", 6)
    add("bank.ops.plan", "implemented")  # does not undo the first: each update reads anew
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    assert saved == {"profile.big": "yes", "profile.people": 20, "bank.ops.logs": 6,
                     "bank.ops.plan": "implemented"}


@pytest.mark.slow
def test_the_lock_waits_for_a_short_holder(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    child = holder(path)
    assert child.stdin is not None
    child.stdin.write("\n")
    child.stdin.flush()
    with locked(path, "test", wait=20):  # got once the other process lets go
        assert (tmp_path / ".answers.yaml.lock").read_text(encoding="utf-8").startswith(
            f"pid: {os.getpid()}\n")
    child.communicate(timeout=20)


def test_a_missing_folder_cannot_be_locked(tmp_path: Path) -> None:
    with pytest.raises(AssessorError, match=r"cannot lock .*answers.yaml for writing: folder "
                                            r".*gone does not exist"), \
            locked(tmp_path / "gone" / "answers.yaml"):
        pass


def test_two_sessions_on_one_file_merge_each_others_answers(tmp_path: Path,
                                                           mini: Catalog) -> None:
    path = write(tmp_path / "answers.yaml", STARTED)
    first = open_session(mini, [], None, path)
    second = open_session(mini, [], None, path)
    first.answer(mini.by_id["bank.ops.logs"], "6")
    second.answer(mini.by_id["bank.ops.plan"], "partial", note=None)
    saved = answers.load(path, mini, allow_incomplete=True)
    assert {q: a.value for q, a in saved.answers.items()} == {
        "profile.big": "yes", "profile.people": 20.0, "bank.ops.logs": 6.0,
        "bank.ops.plan": "partial"}
    assert "bank.ops.logs" in second.answers  # the session goes on from the merged answers
    first.amend(mini.by_id["bank.ops.logs"], note="kept 6 months")
    saved = answers.load(path, mini, allow_incomplete=True)
    assert saved.answers["bank.ops.plan"].value == "partial"
    assert saved.answers["bank.ops.logs"].note == "kept 6 months"


def test_both_changing_one_answer_stops_and_keeps_ours_aside(tmp_path: Path,
                                                            mini: Catalog) -> None:
    path = write(tmp_path / "answers.yaml", STARTED)
    session = open_session(mini, [], None, path)
    path.write_text(STARTED.replace("profile.people: 20", "profile.people: 30"),
                    encoding="utf-8")  # an editor, taking no lock
    with pytest.raises(AssessorError) as caught:
        session.answer(mini.by_id["profile.people"], "40")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("answers.mine-")]
    assert len(aside) == 1
    assert caught.value.message == (
        f"{path} was changed by another program during this session and both changed "
        f"profile.people: your answers are saved in {aside[0]}; compare the two "
        "(assessor diff) and keep the right one")
    assert "profile.people: 30" in path.read_text(encoding="utf-8")  # theirs untouched
    kept = answers.load(aside[0], mini, allow_incomplete=True)
    assert kept.answers["profile.people"].value == 40


def test_an_unreadable_change_stops_and_keeps_ours_aside(tmp_path: Path, mini: Catalog) -> None:
    path = write(tmp_path / "answers.yaml", STARTED)
    session = open_session(mini, [], None, path)
    path.write_text("answers: [oops", encoding="utf-8")
    with pytest.raises(AssessorError, match="it no longer reads as an answers file: your "
                                            "answers are saved in"):
        session.answer(mini.by_id["bank.ops.logs"], "6")
    assert path.read_text(encoding="utf-8") == "answers: [oops"


@pytest.mark.pty
def test_two_interviews_resumed_on_one_file_lose_no_answer(tmp_path: Path) -> None:
    write(tmp_path / "both.yaml", STARTED)
    first = spawn(tmp_path, "--resume", "both.yaml")
    second = spawn(tmp_path, "--resume", "both.yaml")
    first.expect_exact("How many months are logs kept?")
    second.expect_exact("How many months are logs kept?")
    first.send("6" + ENTER)
    first.expect_exact("Is there a plan?")
    answer(first, "Alternative measure", "\x03")        # the screen is up: Ctrl-C is a key
    assert finished(first) == 130
    second.send(">")                                    # skip logs: the other one answers it
    answer(second, "Is there a plan?", "2" + ENTER)     # partial
    answer(second, "Continue: finish", "\x03")
    assert finished(second) == 130
    saved = yaml.safe_load((tmp_path / "both.yaml").read_text(encoding="utf-8"))
    assert saved["answers"] == {"profile.big": "yes", "profile.people": 20,
                                "bank.ops.logs": 6, "bank.ops.plan": "partial"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["both.yaml"]

