"""``assessor reassess``: start the next cycle's record from the last one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assessor.commands.common import catalog_for, shown

HELP = "start the next cycle's answers file from the last one (texts marked as carried over)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``reassess``."""
    parser.add_argument("last", type=Path, metavar="LAST", help="the last cycle's answers file")
    parser.add_argument("-o", "--output", metavar="NEXT", type=Path, required=True,
                        help="the next cycle's answers file (a new file; --force replaces one)")
    parser.add_argument("--date", required=True, metavar="DATE",
                        help="the new assessment's date (2027-06-22)")
    parser.add_argument("--force", action="store_true", help="replace NEXT if it exists")


def run(args: argparse.Namespace) -> int:
    """Write the next cycle's record; say what was carried and what check will ask."""
    from assessor.record.reassess import Request, reassess

    record = reassess(Request(args.last, args.output, args.date, args.force), catalog_for(args))
    texts = sum(1 for a in record.answers.values()
                if a.via is None and (a.note or a.finding or a.flag))
    print(f"wrote {shown(args.output)} ({len(record.answers)} answers carried from "
          f"{shown(args.last)}, dated {record.assessment.date}, draft; {texts} with notes, "
          f"findings or flags to confirm, {len(record.evidence)} evidence items, "
          f"{len(record.actions)} actions kept; `assessor check` lists what to confirm)",
          file=sys.stderr)
    return 0
