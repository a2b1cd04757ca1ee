"""Reading files: ``parse_yaml`` of each shipped answers file and of the built-in banks.

Every command reads the banks and most read an answers file; a batch reads one per client, and
the test suite reads several thousand. Timed in process, so start-up is left out, as the median
CPU time of a parse: steadier than wall time on a shared machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from common import Report, examples


def run(report: Report, repeat: int) -> None:
    """Time parsing each example and the built-in banks, and say which were screened."""
    from assessor.files import parse_yaml
    from assessor.loader import prepared
    from assessor.resources import questionnaires_dir
    from assessor.screening import must_screen

    report.section(f"Reading files (parse_yaml in process, median CPU time of {repeat * 3})")
    for path in examples():
        text = path.read_text("utf-8")
        spent = median_cpu(lambda text=text, name=path.name: parse_yaml(text, name), repeat * 3)
        report.figure(f"parse {path.name}", 1000 * spent, " ms", target=10.0,
                      note=f"{len(text):,} characters{screened(must_screen(text))}")
    banks = [(path.name, path.read_text("utf-8"))
             for path in sorted(questionnaires_dir().glob("*.yaml"))]
    spent = median_cpu(lambda: [parse_yaml(text, name) for name, text in banks], repeat * 3)
    count = sum(must_screen(prepared(text, name)) for name, text in banks)
    report.figure("parse the built-in banks", 1000 * spent, " ms", target=120.0,
                  note=f"{len(banks)} files, {sum(len(t) for _, t in banks):,} characters, "
                       f"{count} screened before composing")


def screened(was: bool) -> str:  # noqa: FBT001 - a plain flag to word
    """Word whether a file's events were walked before composing (about a third more time)."""
    return ", screened before composing" if was else ""


def median_cpu(fn: Callable[[], object], repeat: int) -> float:
    """Return the median CPU time (user + system) of ``repeat`` calls, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)
