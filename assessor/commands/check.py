"""``assessor check``: validate answers files, listing every problem of every file at once."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from assessor.commands.common import (
    WARNINGS_SHOWN,
    catalog_for,
    load_answers,
    print_warnings,
    shown,
)
from assessor.errors import AssessorError

if TYPE_CHECKING:
    from assessor.errors import Problem

HELP = "validate answers files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``check``."""
    parser.add_argument("answers", nargs="+", type=Path, metavar="ANSWERS",
                        help="answers files (YAML or JSON) to validate")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="accept applicable questions without an answer")
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings (quality checks) as errors: exit 2")
    parser.add_argument("--missing", action="store_true",
                        help="list every unanswered applicable question (by default they are "
                             "counted per instrument after the mistakes)")
    parser.add_argument("--warnings", action="store_true",
                        help=f"list every warning (by default the first {WARNINGS_SHOWN} of "
                             "each kind in a file, then a count)")


def run(args: argparse.Namespace) -> int:
    """Validate answers files; every problem of every file is listed, then every warning."""
    from assessor.errors import InvalidFile
    from assessor.filing.checks import cross_check
    from assessor.record.answers import load
    from assessor.record.quality import warnings

    catalog = catalog_for(args)
    problems: list[Problem] = []
    warned: list[Problem] = []
    for path in args.answers:
        try:
            answers = load_answers(args, path, catalog)
        except InvalidFile as exc:
            problems.extend(exc.problems)
            if all(p.unanswered is not None for p in exc.problems):  # intake: still checked
                answers = load(path, catalog, allow_incomplete=True,
                               scope=getattr(args, "scope", None))
                warned.extend(warnings(catalog, answers))
            continue
        crossed = cross_check(answers)  # registers against profile, thresholds and dates
        if crossed:
            problems.extend(crossed)
            continue
        warned.extend(warnings(catalog, answers))
        print(f"{shown(path)}: ok ({len(answers.answers)} answers)")
    if problems and all(p.unanswered is not None for p in problems):
        print_warnings(warned, every=args.warnings)  # the mistakes' warnings, then what is left
        raise InvalidFile(problems, full=args.missing)
    if problems:
        raise InvalidFile(problems, warned, full=args.missing)
    print_warnings(warned, every=args.warnings)
    if warned and args.strict:
        count = len(warned)
        raise AssessorError(f"{count} warning{'s' if count != 1 else ''}, which --strict treats "
                            "as errors")
    return 0
