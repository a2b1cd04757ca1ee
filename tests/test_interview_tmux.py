"""The interview's traps driven as a person would, in tmux: keys sent, the screen read back.

A real terminal (tmux, 80x24) runs the real command; each key goes in with ``send-keys`` and
the test waits for what the consultant would wait for on ``capture-pane``. It checks the traps
the engagement trial fell into (issue 24), the key line, and counts the keys each answer cost.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from .conftest import MINI, ROOT

TMUX = shutil.which("tmux")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason=(
        "tmux is not installed: this test drives the interview in a real terminal through "
        "tmux (.ci/run installs it on Debian/Ubuntu; elsewhere install tmux to run it). "
        "The same traps are driven in-process by tests/test_interview.py")),
]
WAIT = 20.0  # seconds for a screen to show what is awaited (a loaded CI machine is slow)


class Terminal:
    """One tmux session on a server of its own: keys in, the pane's text out, keys counted."""

    def __init__(self, folder: Path, command: list[str]) -> None:
        # a server of its own, by a short name (a socket path in a deep tmp_path can pass the
        # 108 bytes a Unix socket allows); no other tmux session is touched
        self.server = f"assessor-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.keys = 0    # keys pressed (a digit, Enter, x, Ctrl-N ...)
        self.typed = 0   # characters of text typed (a figure, a note, a reason, an id)
        env = {k: v for k, v in os.environ.items() if k != "TMUX"}
        env.update(PYTHONPATH=str(ROOT), NO_COLOR="1")
        line = " ".join(f"'{part}'" for part in command)
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "t", "-c", str(folder),
                  f"env PYTHONPATH='{ROOT}' NO_COLOR=1 {line}", env=env)
        self.tmux("set-option", "-t", "t", "remain-on-exit", "on")
        self.socket = Path(self.tmux("display-message", "-p", "#{socket_path}").strip())

    def tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run one tmux command on this session's server; return what it printed."""
        assert TMUX is not None
        done = subprocess.run([TMUX, "-L", self.server, *args], capture_output=True, text=True,
                              check=True, env=env, timeout=WAIT)
        return done.stdout

    def press(self, *keys: str) -> None:
        """Press keys by their tmux names (``1``, ``Enter``, ``C-n``), each counted."""
        self.keys += len(keys)
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)

    def type(self, text: str) -> None:
        """Type text as it is (never read as key names), counted as characters."""
        self.typed += len(text)
        self.tmux("send-keys", "-t", "t", "-l", text)

    def screen(self) -> str:
        """Return what the pane shows now."""
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait(self, *texts: str) -> str:
        """Wait until the pane shows every one of ``texts``; return the screen."""
        deadline = time.monotonic() + WAIT
        while True:
            shown = self.screen()
            if all(text in shown for text in texts):
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {WAIT:.0f} s for {texts!r}; the screen:\n{shown}")
            time.sleep(0.1)

    def cost(self) -> tuple[int, int]:
        """Return the keys and characters since the last call, and start counting again."""
        spent = (self.keys, self.typed)
        self.keys = self.typed = 0
        return spent

    def close(self) -> None:
        """End the tmux server of this test (its own: no other session is touched)."""
        subprocess.run([TMUX or "tmux", "-L", self.server, "kill-server"], capture_output=True,
                       check=False, timeout=WAIT)
        self.socket.unlink(missing_ok=True)  # tmux leaves it behind after kill-server


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """Start ``assessor interview`` on the mini banks plus a text question, in tmux."""
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks)
    profile = banks / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + (
        "      - id: profile.mission\n"
        "        type: text\n"
        "        text: {en: \"What is the mission?\", zh: \"使命是什么？\"}\n"), encoding="utf-8")
    shown = Terminal(tmp_path, [sys.executable, "-m", "assessor", "interview",
                                "--questionnaires", "banks", "--no-builtin", "-o", "a.yaml"])
    try:
        yield shown
    finally:
        shown.close()


def test_the_traps_in_a_real_terminal_and_two_keys_an_answer(terminal: Terminal,
                                                               tmp_path: Path) -> None:
    t = terminal
    t.wait("Organisation name")
    t.type("Tmux Co")
    t.press("Enter")
    t.wait("Sector")
    t.press("Enter")
    t.wait("Consultant")
    t.press("Enter")
    t.wait("Assessment date")
    t.press("C-u")
    t.type("2026-11-20")
    t.press("Enter")
    shown = t.wait("Big?")
    # the key line: i (internal) beside n e f, whole within 80 columns
    assert "n note · e evidence · f flag · i internal\n" in shown
    t.cost()
    costs: dict[str, tuple[int, int]] = {}

    t.press("1", "Enter")                                     # a choice: digit + Enter
    costs["profile.big"] = t.cost()
    t.wait("✓ saved profile.big: Yes", "How many people?")

    # a number: after a figure (letters in it), Ctrl-N still opens the note
    t.type("2.4m")
    t.press("C-n")
    t.wait("Number (people): 2.4m", "Note (Enter saves")
    t.type("Loyalty members only")
    t.press("Enter")
    t.wait("note: Loyalty members only")
    t.press("Enter")
    costs["profile.people"] = t.cost()
    shown = t.wait("✓ saved profile.people: 2,400,000 people", "What is the mission?")

    # text: letters are the answer (n, e, f among them), Ctrl-E opens the evidence after it
    assert "Ctrl-N note · Ctrl-E evidence · Ctrl-F flag" in shown
    t.type("Sell nice fine things")
    t.press("C-e")
    t.wait("Answer: Sell nice fine things", "Evidence (Enter saves")
    t.type("brochure.pdf")
    t.press("Enter", "Enter")
    costs["profile.mission"] = t.cost()
    t.wait("✓ saved profile.mission", "Continue: Test bank")
    t.press("Enter")                                          # the profile's review
    shown = t.wait("How many months are logs kept?")
    assert "n note · e evidence · f flag · i internal · o finding · s severity\n" in shown
    assert "after a figure: Ctrl-N/E/F" in shown
    t.cost()

    # x asks the reason at once: n, o, f, e, s typed next are the reason, not keys
    t.press("x")
    t.wait("Why does it not apply?")
    t.type("No logs of our own: the host offers none")
    t.press("Enter")
    costs["bank.ops.logs"] = t.cost()
    t.wait("✓ saved bank.ops.logs: Not applicable", "Is there a plan?")

    # : goes to a question by part of its id, completed as typed
    t.press(":")
    t.wait("Go to question")
    t.type("big.off")
    shown = t.wait("big.off\n")
    assert any(line.strip() == "bank.big.officer" for line in shown.splitlines())  # completion
    t.press("Enter")
    costs["go to bank.big.officer"] = t.cost()
    t.wait("Is there an officer?")

    t.press("i")                                              # the firm's own note
    t.wait("Internal")
    t.type("HR unsure")
    t.press("Enter")
    t.wait("internal: HR unsure")
    t.cost()
    t.press("1", "Enter")
    costs["bank.big.officer"] = t.cost()
    t.wait("✓ saved bank.big.officer: Yes", "Which elements?")
    t.press("1", "Enter")                                     # a multi-choice: tick a
    costs["bank.big.elements"] = t.cost()
    t.wait("✓ saved bank.big.elements: A", "Is there a plan?")  # the one the jump passed
    t.press("2", "Enter")
    costs["bank.ops.plan"] = t.cost()
    t.wait("✓ saved bank.ops.plan: Partly", "Review · Test bank")
    t.press("C-c")
    t.wait("interrupted; answers saved in a.yaml")

    choices = ["profile.big", "bank.big.officer", "bank.big.elements", "bank.ops.plan"]
    assert {q: costs[q] for q in choices} == dict.fromkeys(choices, (2, 0))  # 2 keys each
    assert costs["profile.people"] == (3, 4 + 20)       # figure + Enter, Ctrl-N note Enter
    assert costs["profile.mission"] == (3, 21 + 12)     # text + Enter, Ctrl-E evidence Enter
    assert costs["bank.ops.logs"] == (2, 40)            # x + the reason + Enter
    assert costs["go to bank.big.officer"] == (2, 7)    # : + part of the id + Enter

    data = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    assert data["answers"] == {
        "profile.big": "yes",
        "profile.people": {"answer": 2400000, "note": "Loyalty members only"},
        "profile.mission": {"answer": "Sell nice fine things", "evidence": ["brochure.pdf"]},
        "bank.ops.logs": {"answer": "na", "note": "No logs of our own: the host offers none"},
        "bank.big.officer": {"answer": "yes", "internal": "HR unsure"},
        "bank.big.elements": ["a"],
        "bank.ops.plan": "partial",
    }
