"""``assessor evidence``: the evidence register per control; ``-o`` writes it as a workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessor.commands.common import LANGS, catalog_for, wrote
from assessor.errors import AssessorError, display_path
from assessor.terminal import inert

HELP = "the evidence register per control: requested, received, outstanding"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``evidence``."""
    parser.add_argument("answers", type=Path, metavar="ANSWERS", help="the answers file")
    parser.add_argument("--outstanding", action="store_true",
                        help="only what the client still owes (requested or rejected)")
    parser.add_argument("-o", "--output", metavar="FILE.xlsx", type=Path,
                        help="also write it as a workbook for the client")
    parser.add_argument("--lang", choices=LANGS, help="language of the workbook")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def check_evidence_target(out: Path, force: bool) -> None:
    """Refuse an evidence workbook target: not .xlsx, not a regular file, or there unforced.

    Raises:
        AssessorError: the target cannot or may not be written.
    """
    from assessor.files import refuse_existing

    if out.suffix.lower() != ".xlsx":
        raise AssessorError(f"{display_path(out)}: the evidence list is written as a "
                            "workbook; name it .xlsx")
    refuse_existing(out, force)


def run(args: argparse.Namespace) -> int:
    """List the evidence register per control; ``-o`` writes it as a workbook too."""
    from assessor.record.answers import load
    from assessor.terminal import evidence_lines

    catalog = catalog_for(args)
    answers = load(args.answers, catalog, allow_incomplete=True)  # evidence comes in for weeks
    lang = args.lang or answers.assessment.lang
    if args.output is not None:  # refuse a bad target before printing anything
        check_evidence_target(args.output, args.force)
    print("\n".join(map(inert, evidence_lines(catalog, answers, outstanding=args.outstanding,
                                              lang=lang))))
    if args.output is None:
        return 0
    from assessor.files import atomic_write
    from assessor.report.context import build_context
    from assessor.report.xlsx import render_evidence_xlsx
    from assessor.scoring import score

    context = build_context(catalog, answers, score(catalog, answers.answers), lang)
    atomic_write(args.output, render_evidence_xlsx(context))
    wrote(args.output)
    return 0
