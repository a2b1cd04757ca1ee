"""``assessor calendar``: the statutory dates a record implies, on the terminal or as .ics."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessor.commands.common import LANGS, catalog_for, shown, wrote
from assessor.errors import AssessorError, display_path
from assessor.terminal import inert

HELP = "the statutory dates this record implies (renewals, filings, audits), as .ics"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``calendar``."""
    parser.add_argument("answers", type=Path, metavar="ANSWERS", help="the answers file")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE.ics",
                        help="write the dates as an iCalendar file")
    parser.add_argument("--lang", choices=LANGS, help="language of the events")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(args: argparse.Namespace) -> int:
    """List the dates; with ``-o`` write them as an iCalendar file."""
    from assessor.exports import calendar
    from assessor.record.answers import load

    if args.output is not None:
        check_target(args.output, force=args.force)
    catalog = catalog_for(args)
    answers = load(args.answers, catalog, allow_incomplete=True)  # dates need no complete file
    lang = args.lang or answers.assessment.lang
    found = calendar.build(catalog, answers)
    for event in found.events:
        print(inert(f"{event.date.isoformat()}  {event.title.get(lang)}  "
                    f"({event.citation.get(lang)})"))
    if not found.events:
        print(f"{shown(args.answers)}: " + ("本记录无法推算任何法定日期" if lang == "zh" else
                                            "no statutory date can be computed from this record"))
    for _, why in (*found.undated, *found.unconfirmed):
        print(inert(("未列日期：" if lang == "zh" else "not dated: ") + why.get(lang)))
    if args.output is not None:
        from assessor.targets import atomic_write

        if not found.events:  # an iCalendar file holds at least one event (RFC 5545 3.6)
            raise AssessorError(f"{display_path(args.output)} not written: no statutory date "
                                "can be computed from this record")

        atomic_write(args.output, calendar.ics(catalog, answers, lang))
        wrote(args.output)
    return 0


def check_target(out: Path, *, force: bool) -> None:
    """Refuse a calendar target that is not .ics, not a regular file, or there unforced."""
    from assessor.targets import refuse_existing

    if out.suffix.lower() != ".ics":
        raise AssessorError(f"{display_path(out)}: the calendar is written as an iCalendar "
                            "file; name it .ics")
    refuse_existing(out, force=force)
