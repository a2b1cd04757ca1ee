"""Run every benchmark and print each figure with its target and ratio (never pass/fail).

    .venv/bin/python bench/run.py                 # everything (about 8 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick         # fewer repeats and files (about 5 minutes)
    .venv/bin/python bench/run.py startup scoring # only some sections
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import batches  # noqa: E402
import engagement  # noqa: E402
import filings  # noqa: E402
import interviews  # noqa: E402
import reading  # noqa: E402
import rendering  # noqa: E402
import scores  # noqa: E402
import startup  # noqa: E402
import word  # noqa: E402
from common import Report, full_file, prepare_environment  # noqa: E402

SECTIONS = ("startup", "reading", "interview", "scoring", "rendering", "docx", "batch",
            "engagement", "filings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sections", nargs="*", metavar="SECTION",
                        help=f"any of {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats and files")
    parser.add_argument("--files", type=int, help="files in the scoring batch (default 1000)")
    parser.add_argument("--batch-files", type=int, help="files in the -j batch (default 100)")
    parser.add_argument("--pdf-files", type=int,
                        help="files in the PDF -j batch (default 10; 100 take about half an hour)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    unknown = sorted(set(args.sections) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section {', '.join(unknown)} (choose from {', '.join(SECTIONS)})")
    wanted = args.sections or list(SECTIONS)
    repeat = 3 if args.quick else 7
    work = Path(tempfile.mkdtemp(prefix="assessor-bench-"))
    prepare_environment(work)
    report = Report()
    began = time.perf_counter()
    try:
        full = full_file(work)
        header(full)
        run_sections(wanted, report, full, work, repeat, args)
        report.summary()
        load = os.getloadavg()
        print(f"\nfinished in {time.perf_counter() - began:.0f} s; load average now "
              f"{load[0]:.2f} (figures from a busy machine are slower, -j ones most of all)")
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def run_sections(wanted: list[str], report: Report, full: Path, work: Path, repeat: int,
                 args: argparse.Namespace) -> None:
    """Run the wanted sections in order."""
    if "startup" in wanted:
        startup.run(report, full, repeat)
    if "reading" in wanted:
        reading.run(report, repeat)
    if "interview" in wanted:
        interviews.run(report, full, work, repeat)
    if "scoring" in wanted:
        scores.run(report, full, work, repeat,
                   args.files or (200 if args.quick else 1000))
    if "rendering" in wanted:
        rendering.run(report, full, work, 2 if args.quick else 3)
    if "docx" in wanted:
        word.run(report, full, work, repeat)
    if "batch" in wanted:
        batches.run(report, work, args.batch_files or 100,
                    args.pdf_files if args.pdf_files is not None else
                    (4 if args.quick else 10))
    if "engagement" in wanted:
        engagement.run(report, work, repeat)
    if "filings" in wanted:
        filings.run(report, work, repeat)


def header(full: Path) -> None:
    """Say what machine and inputs the figures come from."""
    from importlib.metadata import version

    load = os.getloadavg()
    print(f"assessor benchmarks: {platform.platform()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, WeasyPrint {version('weasyprint')}")
    print(f"full file: {full.relative_to(full.parents[1]) if 'examples' in full.parts else full}"
          f"; load average {load[0]:.2f} at start")


if __name__ == "__main__":
    raise SystemExit(main())
