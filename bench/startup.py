"""Start-up: ``assessor --help`` and ``assessor check`` against ``python -c pass``.

Also lists the heavy packages each path imports: neither may load WeasyPrint or questionary.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from common import ASSESSOR, ROOT, Report, heavy, imported_modules, time_command


def run(report: Report, full: Path, repeat: int) -> None:
    """Measure start-up and the check of one full answers file."""
    report.section("Start-up")
    base = time_command([sys.executable, "-c", "pass"], repeat * 2).wall
    report.figure("python -c pass", base)
    help_time = time_command([*ASSESSOR, "--help"], repeat * 2).wall
    report.figure("assessor --help", help_time, target=0.3,
                  note=f"{help_time / base:.1f}x python -c pass")
    check = time_command([*ASSESSOR, "check", str(full)], repeat).wall
    report.figure(f"assessor check {full.name}", check, target=0.5,
                  note=f"{check / base:.1f}x python -c pass")
    for label, argv in (("--help", ["-m", "assessor", "--help"]),
                        ("check", ["-m", "assessor", "check", str(full)])):
        modules = imported_modules(argv)
        report.info(f"{label}: {len(modules)} top-level modules imported; heavy ones: "
                    f"{heavy(modules)}")
    cold = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    cold.pop("PYTHONPYCACHEPREFIX", None)
    start = time_cold([*ASSESSOR, "--help"], cold)
    report.info(f"--help without any bytecode cache (every module compiled): {start:.3f} s")


def time_cold(argv: list[str], env: dict[str, str]) -> float:
    """Time one run with the given environment (best of three)."""
    import time

    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True, cwd=ROOT, env=env)
        best = min(best, time.perf_counter() - began)
    return best
