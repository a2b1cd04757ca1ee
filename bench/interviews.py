"""The interview through a pseudo-terminal: first question after launch, and key to next question.

The interview runs as a consultant runs it (``assessor interview --resume FILE`` in an 80x24
pseudo-terminal, pexpect reading what it draws). FILE holds the full example's organisation
and profile, none of its controls, so every Enter records an answer and draws a new control.
- first question: from the launch until the first question's key lines are drawn;
- key to next question: from the Enter that records an answer until the next question's id and
  key lines are drawn (the number key before it has been drawn and read off first).
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import time
from pathlib import Path

import pexpect
import yaml
from common import ASSESSOR, ROOT, Report

TIMEOUT = 30
QUESTIONS = 40
CONTROL = re.compile(r"\x1b\[[0-9;]*m((?:csl|dsl|pipl|vuln|gdsi)\.[a-z0-9_.]+)")
KEY_LINE = "Ctrl-C save and quit"


def run(report: Report, full: Path, work: Path, repeat: int) -> None:
    """Measure the first question's draw and the key-to-next-question time."""
    report.section(f"Interview in a pseudo-terminal (80x24; first question best of {repeat}, "
                   f"median beside it; key to next question: median of up to {QUESTIONS})")
    started = work / "started.yaml"
    data = yaml.safe_load(full.read_text(encoding="utf-8"))
    data["answers"] = {k: v for k, v in data["answers"].items() if k.startswith("profile.")}
    data.get("assessment", {}).pop("position", None)
    firsts = []
    for _ in range(repeat):
        started.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
        began = time.perf_counter()
        child = spawn(work, started)
        child.expect(CONTROL)
        child.expect_exact(KEY_LINE)
        firsts.append(time.perf_counter() - began)
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    report.figure("interview: first question drawn after launch", min(firsts), target=1.0,
                  note=f"(median {statistics.median(firsts):.3f} s)")
    started.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                       encoding="utf-8")
    times = keys_to_next(spawn(work, started))
    report.figure("interview: key to next question drawn", statistics.median(times) * 1000,
                  unit=" ms", target=60,
                  note=f"(median of {len(times)}; slowest {max(times) * 1000:.1f} ms; the save "
                       "follows the draw)")


def spawn(work: Path, path: Path) -> pexpect.spawn:
    """Start ``assessor interview --resume PATH`` in an 80x24 pseudo-terminal."""
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm",
           "PYTHONPATH": str(ROOT)}
    child = pexpect.spawn(ASSESSOR[0], [*ASSESSOR[1:], "interview", "--resume", str(path)],
                          cwd=str(work), env=env, dimensions=(24, 80), encoding="utf-8",
                          timeout=TIMEOUT)
    child.delaybeforesend = None  # pexpect waits 50 ms before each send otherwise
    return child


def keys_to_next(child: pexpect.spawn) -> list[float]:
    """Answer up to QUESTIONS controls with "1" and Enter; time each Enter to the next draw."""
    child.expect(CONTROL)
    current = child.match.group(1)
    times: list[float] = []
    for _ in range(QUESTIONS):
        drain(child)
        child.send("1")
        drain(child)
        began = time.perf_counter()
        child.send("\r")
        if child.expect([CONTROL, "» Continue: "]) == 1:
            child.send("\r")  # a review between banks: Enter goes on to the next
            child.expect(CONTROL)
            current = child.match.group(1)
            continue
        found = child.match.group(1)
        child.expect_exact(KEY_LINE)
        if found != current:
            times.append(time.perf_counter() - began)
        current = found
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    return times


def drain(child: pexpect.spawn) -> None:
    """Read what the interview drew until it stops drawing."""
    while True:
        try:
            child.read_nonblocking(100_000, timeout=0.05)
        except pexpect.TIMEOUT:
            return


if __name__ == "__main__":
    sys.exit("run through bench/run.py interview")
