"""Start-up: ``assessor --help`` and ``assessor check`` against ``python -c pass``.

Also lists the heavy packages each path imports: neither may load WeasyPrint or questionary.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from common import (
    ASSESSOR,
    ROOT,
    Report,
    Timed,
    heavy,
    imported_modules,
    median_time,
    time_command,
)


def run(report: Report, full: Path, repeat: int) -> None:
    """Measure start-up and the check of one full answers file."""
    report.section(f"Start-up (best of {repeat * 2} runs; median and CPU time in brackets)")
    base = time_command([sys.executable, "-c", "pass"], repeat * 2)
    report.figure("python -c pass", base.best, note=brackets(base))
    shown = time_command([*ASSESSOR, "--help"], repeat * 2)
    report.figure("assessor --help", shown.best, target=0.3,
                  note=f"{shown.best / base.best:.1f}x python -c pass {brackets(shown)}")
    check = time_command([*ASSESSOR, "check", str(full)], repeat * 2)
    report.figure(f"assessor check {full.name}", check.best, target=0.5,
                  note=f"{check.best / base.best:.1f}x python -c pass {brackets(check)}")
    parsers(report, repeat)
    for label, argv in (("--help", ["-m", "assessor", "--help"]),
                        ("check", ["-m", "assessor", "check", str(full)])):
        modules = imported_modules(argv)
        report.info(f"{label}: {len(modules)} top-level modules imported; heavy ones: "
                    f"{heavy(modules)}")
    cold = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    cold.pop("PYTHONPYCACHEPREFIX", None)
    report.info(f"without any bytecode cache (PYTHONDONTWRITEBYTECODE=1, every assessor module "
                f"compiled at each start): --help {time_cold([*ASSESSOR, '--help'], cold):.3f} s, "
                f"check {time_cold([*ASSESSOR, 'check', str(full)], cold):.3f} s")


def parsers(report: Report, repeat: int) -> None:
    """Time building the command line's parser in process: every command's, and one's."""
    from assessor.commands import build_parser

    every = median_time(build_parser, repeat * 4)
    one = median_time(lambda: build_parser(["check", "x.yaml"]), repeat * 4)
    report.info(f"parser (in process, median): every command's options {every * 1000:.1f} ms "
                f"(--help, a misspelt command); one command's {one * 1000:.1f} ms (any command "
                "line naming it)")


def time_cold(argv: list[str], env: dict[str, str]) -> float:
    """Time one run with the given environment (best of three)."""
    import time

    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True, cwd=ROOT, env=env)
        best = min(best, time.perf_counter() - began)
    return best


def brackets(timed: Timed) -> str:
    """Return the median wall time and the CPU time of a measurement."""
    return f"(median {timed.wall:.3f} s, CPU {timed.cpu:.3f} s)"
