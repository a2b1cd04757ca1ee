"""``assessor diff``: what changed between two assessments of one organisation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assessor.commands.common import LANGS, catalog_for, wrote
from assessor.report import formats

HELP = "what changed between two assessments"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``diff``."""
    parser.add_argument("old", type=Path, metavar="OLD", help="the earlier answers file")
    parser.add_argument("new", type=Path, metavar="NEW", help="the later answers file")
    parser.add_argument("-o", "--output", metavar="OUT", type=Path,
                        help=f"write a report ({'/'.join(formats.compared())})")
    parser.add_argument("--format", choices=formats.compared(),
                        help="default: from OUT's suffix")
    parser.add_argument("--force", action="store_true",
                        help="replace OUT even if it is an answers file or another kind of file")
    parser.add_argument("--lang", choices=LANGS,
                        help="language of the report (default: en)")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="accept applicable questions without an answer (a draft)")
    parser.add_argument("--brand", metavar="FILE", type=Path,
                        help="branding YAML for the HTML and PDF, as for run: firm, logo, "
                             "accent colour, confidentiality text")


def run(args: argparse.Namespace) -> int:
    """Compare two assessments of one organisation."""
    from assessor.diff.run import Request, run_diff
    from assessor.report.brand import load_brand

    brand = load_brand(args.brand) if args.brand is not None else None
    outcome = run_diff(Request(args.old, args.new, args.output, args.format, args.lang,
                               args.allow_incomplete, args.force, brand), catalog_for(args))
    sys.stdout.write(outcome.shown)
    if outcome.written is not None:
        wrote(outcome.written)
    return 0
