"""The interview never shows a traceback, and file text is inert on its screens (security review
defects 8 and 19, cases G01, G08-G10); each fails on the release reviewed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from prompt_toolkit.output.plain_text import PlainTextOutput

from assessor.errors import AssessorError
from assessor.interview import session as session_module

from .conftest import write
from .test_interview import (
    CTRL_C,
    CTRL_U,
    DOWN,
    ENTER,
    YES,
    Drive,
    details,
    interview,
    load,
)

__all__ = ["interview"]  # the fixture, used by name


@pytest.fixture
def failing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the save of the second profile answer fail (a full disk), ``budget[0]`` times."""
    budget = [1]
    real = getattr(session_module, "atomic_write")  # noqa: B009 - not exported, patched

    def write_or_fail(path: Path, data: bytes | str) -> None:
        text = data if isinstance(data, str) else data.decode()
        if "profile.people" in text and budget[0] > 0 and path.name == "a.yaml":
            budget[0] -= 1
            raise AssessorError(f"cannot write {path.name}: disk full")
        real(path, data)

    monkeypatch.setattr(session_module, "atomic_write", write_or_fail)
    return budget


def no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text
        assert "Unhandled exception" not in text


def test_g10_a_failed_save_is_a_message_and_try_again_continues(
        interview: Drive, failing: list[int], tmp_path: Path) -> None:
    screen = io.StringIO()
    keys = [*details(), YES, "5000" + ENTER,
            ENTER,                       # the failure: "Try again" (the disk has room again)
            CTRL_C]
    status, out, err = interview(keys, "-o", "a.yaml", output=PlainTextOutput(screen))
    no_traceback(out, err, screen.getvalue())
    assert "The answers could not be saved: cannot write a.yaml: disk full" in screen.getvalue()
    assert status == 130
    assert load(tmp_path / "a.yaml")["answers"] == {"profile.big": "yes",
                                                    "profile.people": 5000}
    assert failing == [0]


def test_g08_save_elsewhere_keeps_every_answer_there(interview: Drive, failing: list[int],
                                                     tmp_path: Path) -> None:
    failing[0] = 100  # the first file stays unwritable
    write(tmp_path / "taken.yaml", "mine")
    keys = [*details(), YES, "5000" + ENTER,
            DOWN + ENTER,                # "Save to another file…"
            "taken.yaml" + ENTER,        # refused: it exists
            "\x15other.yaml" + ENTER,
            CTRL_C]
    status, out, err = interview(keys, "-o", "a.yaml")
    no_traceback(out, err)
    assert status == 130
    assert (tmp_path / "taken.yaml").read_text(encoding="utf-8") == "mine"
    assert load(tmp_path / "other.yaml")["answers"] == {"profile.big": "yes",
                                                        "profile.people": 5000}


def test_g09_quit_saves_the_answers_beside_the_file_once(interview: Drive, failing: list[int],
                                                         tmp_path: Path) -> None:
    failing[0] = 100
    keys = [*details(), YES, "5000" + ENTER, ENTER, ENTER, ENTER,  # try again, twice: fails
            DOWN + DOWN + ENTER]         # "Quit (the answers are saved beside the file)"
    status, out, err = interview(keys, "-o", "a.yaml")
    no_traceback(out, err)
    assert status == 2
    asides = sorted(tmp_path.glob("a.mine-*.yaml"))
    assert len(asides) == 1
    assert f"assessor: Your answers are in {asides[0].name}." in err
    assert load(asides[0])["answers"] == {"profile.big": "yes", "profile.people": 5000}


BIDI = "Acme\u202eoc.evil\u2066x\u2069"


def test_g01_bidi_and_c1_from_the_file_are_inert_on_every_screen(interview: Drive,
                                                                 tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", f"""format: assessor-answers/1
organisation: {{name: "{BIDI}"}}
assessment: {{consultant: A. Consultant, date: 2026-11-20}}
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs: {{answer: 3, note: "note \\u202e reversed \\x85 next"}}
""")
    screen = io.StringIO()
    keys = [CTRL_C]
    status, _, _ = interview(keys, "--resume", "a.yaml", output=PlainTextOutput(screen))
    assert status == 130
    screen = io.StringIO()
    keys = ["<", "<", "<", "<", ENTER, CTRL_C]  # back to the details: the name is shown
    interview(keys, "--resume", "a.yaml", output=PlainTextOutput(screen))
    text = screen.getvalue()
    for raw in ("\u202e", "\u2066", "\u2069", "\x85"):
        assert raw not in text
    assert "Acme\\u202eoc.evil\\u2066x\\u2069" in text
    assert load(tmp_path / "a.yaml")["organisation"]["name"] == BIDI  # kept as it was


def test_bidi_on_the_question_screen_is_inert() -> None:
    """Every line of the question screen goes through one function, which makes it inert."""
    from assessor.interview.question_view import styled

    fragments = styled([("", "note \u202e reversed \x9b31m"), ("dim", "\u2066x\u2069")])
    text = "".join(fragment[1] for fragment in fragments)
    assert text == "note \\u202e reversed \\x9b31m\n\\u2066x\\u2069"


def test_g04_a_note_beyond_the_limit_is_refused_where_it_is_typed(
        interview: Drive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assessor.interview import question

    monkeypatch.setattr(question, "MAX_STRING", 1_000)  # the reader's 100,000, scaled down
    screen = io.StringIO()
    keys = [*details(), YES, "5000" + ENTER, ENTER,
            "n", "x" * 1_100 + ENTER,    # refused in the field, with the reason
            ENTER]                       # refused again: the field stays open
    status, out, err = interview([*keys, CTRL_C], "-o", "a.yaml", output=PlainTextOutput(screen))
    no_traceback(out, err)
    assert status == 130
    assert "x" * 1_000 not in (tmp_path / "a.yaml").read_text(encoding="utf-8")
    # The same field, still open after the refusal, takes what is typed next. The refusal's
    # words are drawn at the screen's next redraw, which keys queued all at once may skip, so
    # this test asserts what was kept, not the words (they failed it 1 run in 4).
    status, out, err = interview([*keys, CTRL_U, "shorter" + ENTER, YES, CTRL_C], "-o", "b.yaml",
                                 output=PlainTextOutput(screen))
    no_traceback(out, err)
    note = load(tmp_path / "b.yaml")["answers"]["bank.ops.logs"]
    assert isinstance(note, dict) and note.get("note") == "shorter"
