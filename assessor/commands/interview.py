"""``assessor interview``: the live interview at a terminal (questionary is imported only here)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessor.commands.common import LANGS, Banks, load_banks

HELP = "the live interview at a terminal"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``interview``."""
    parser.add_argument("-q", "--questionnaire", metavar="ID", action="append", default=[],
                        help="only these banks (the profile is always asked)")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path,
                        help="answers file to write (default: answers-<date>.yaml)")
    parser.add_argument("--resume", metavar="FILE", type=Path,
                        help="continue an interview saved in FILE")
    parser.add_argument("--lang", choices=LANGS, help="language of the questions")
    parser.add_argument("--prompt-all", action="store_true",
                        help="ask for a note and evidence after every answer (n, e take them on "
                             "demand otherwise)")
    parser.add_argument("--respondent", metavar="NAME",
                        help="who answers: written with the date beside each answer given")


def run(args: argparse.Namespace) -> int:
    """Run the live interview."""
    from assessor.interview.app import run_interview
    from assessor.interview.host import Request

    banks = Banks.of(args)
    return run_interview(Request(tuple(args.questionnaire), args.output, args.resume, args.lang,
                                 args.prompt_all, args.respondent, banks.folders, banks.builtin),
                         load_banks(banks))
