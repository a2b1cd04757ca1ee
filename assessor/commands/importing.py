"""``assessor import``: read a client workbook, or a gap register's tracking, into answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assessor.commands.common import catalog_for, selected, shown
from assessor.errors import AssessorError

HELP = "read a client workbook, or a gap register's tracking, into answers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``import``."""
    parser.add_argument("workbook", type=Path, metavar="WORKBOOK",
                        help="the filled .xlsx workbook")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="FILE", type=Path,
                        help="a new answers file (--force replaces one)")
    target.add_argument("--into", metavar="ANSWERS", type=Path,
                        help="update this answers file, keeping its answers")
    parser.add_argument("--prefer", choices=("workbook", "file"),
                        help="with --into: which side wins where the answers differ")
    parser.add_argument("-q", "--questionnaire", metavar="ID", action="append", default=[],
                        help="the engagement's banks (written as the scope)")
    parser.add_argument("--force", action="store_true", help="replace the -o FILE if it exists")


def run(args: argparse.Namespace) -> int:
    """Read a workbook (the client workbook) into a new or an existing answers file."""
    from assessor.record.importer import Request, import_workbook

    catalog = catalog_for(args)
    if args.prefer and not args.into:
        raise AssessorError("--prefer settles conflicts with an existing file: use it with --into")
    outcome = import_workbook(Request(args.workbook, args.output, args.into, args.prefer,
                                      args.force, tuple(selected(catalog, args.questionnaire))),
                              catalog)
    settled = f", {outcome.settled} conflicts settled" if outcome.settled else ""
    what = "actions" if outcome.kind == "gap-register" else "answers"
    done = "wrote" if outcome.added or outcome.changed or what == "answers" else "unchanged:"
    print(f"{done} {shown(outcome.path)} ({outcome.added} {what} added, "
          f"{outcome.changed} changed, {outcome.kept} kept{settled})", file=sys.stderr)
    return 0
