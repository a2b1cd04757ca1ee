"""``assessor import``: read a client workbook, or a gap register's tracking, into answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assessor.commands.common import catalog_for, print_warnings, selected, shown
from assessor.errors import AssessorError, display_path

HELP = ("read a client workbook, a gap register's tracking or the client's replies on the "
        "evidence request list into answers")


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
    parser.add_argument("--keep-valid", action="store_true",
                        help="record every valid cell and leave the bad ones unanswered, listed "
                             "(sheets or details that are wrong still stop the import)")
    parser.add_argument("--rejects", metavar="FILE.xlsx", type=Path,
                        help="with --keep-valid: write the rows left unanswered as a workbook "
                             "for the client to correct (what they typed, and why it was "
                             "refused)")
    parser.add_argument("--force", action="store_true",
                        help="replace the -o FILE (or the --rejects FILE) if it exists")


def check_rejects(path: Path, args: argparse.Namespace) -> None:
    """Refuse a ``--rejects`` target: without --keep-valid, not .xlsx, or there unforced.

    Raises:
        AssessorError: the workbook of rejected rows cannot or may not be written.
    """
    from assessor.targets import refuse_existing

    if not args.keep_valid:
        raise AssessorError("--rejects lists the cells --keep-valid leaves unanswered: use "
                            "them together")
    if path.suffix.lower() != ".xlsx":
        raise AssessorError(f"{display_path(path)}: the rows to correct are written as a "
                            "workbook; name it .xlsx")
    refuse_existing(path, force=args.force)


def run(args: argparse.Namespace) -> int:
    """Read a workbook (the client workbook) into a new or an existing answers file."""
    from assessor.record.importer import Request, import_workbook

    catalog = catalog_for(args)
    if args.prefer and not args.into:
        raise AssessorError("--prefer settles conflicts with an existing file: use it with --into")
    if args.rejects is not None:
        check_rejects(args.rejects, args)
    outcome = import_workbook(Request(args.workbook, args.output, args.into, args.prefer,
                                      args.force, tuple(selected(catalog, args.questionnaire)),
                                      keep_valid=args.keep_valid, rejects=args.rejects),
                              catalog)
    print_warnings(outcome.skipped)
    if outcome.skipped:
        cells = len({p.qid or p.path for p in outcome.skipped})
        sent = (f"; the rows to correct are in {shown(args.rejects)}"
                if args.rejects is not None else "")
        print(f"assessor: {cells} cell{'s' if cells != 1 else ''} left unanswered "
              f"(--keep-valid){sent}", file=sys.stderr)
    settled = f", {outcome.settled} conflicts settled" if outcome.settled else ""
    what = {"gap-register": "actions", "evidence-list": "replies"}.get(outcome.kind, "answers")
    done = "wrote" if outcome.added or outcome.changed or what == "answers" else "unchanged:"
    print(f"{done} {shown(outcome.path)} ({outcome.added} {what} added, "
          f"{outcome.changed} changed, {outcome.kept} kept{settled})", file=sys.stderr)
    return 0
