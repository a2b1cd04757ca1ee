"""``assessor filing``: a document to file with the CAC, written from the record's registers."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessor.commands.common import catalog_for, wrote

HELP = ("a document to file with the CAC: the outbound self-assessment report or the PIPIA "
        "(outbound)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``filing``."""
    parser.add_argument("kind", choices=("cac-self-assessment", "pipia"), metavar="KIND",
                        help="cac-self-assessment (security-assessment filing) or pipia "
                             "(standard-contract filing)")
    parser.add_argument("answers", type=Path, metavar="ANSWERS",
                        help="the answers file, with its inventory registers")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help="OUT.docx (to seal and sign) or OUT.pdf (to review)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="zh: the filing; en: a reading copy marked as a translation, not "
                             "the filing (default: zh)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="accept applicable questions without an answer (a draft)")


def run(args: argparse.Namespace) -> int:
    """Write a filing document (CAC self-assessment report or PIPIA) from the registers."""
    from assessor.filing.command import FilingRequest, run_filing

    out = run_filing(FilingRequest(args.kind, args.answers, args.output, args.lang, args.force,
                                   args.allow_incomplete), catalog_for(args))
    wrote(out)
    return 0
