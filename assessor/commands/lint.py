"""``assessor lint``: validate questionnaire files (the shipped banks and any given)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "validate questionnaire files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``lint``."""
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="questionnaire files or folders (default: the loaded banks)")


def run(args: argparse.Namespace) -> int:
    """Validate questionnaire files (the built-in ones and any given)."""
    from assessor.banks.catalog import lint
    from assessor.errors import InvalidFile

    problems = lint([*args.questionnaires, *args.paths], builtin=not args.no_builtin)
    if problems:
        raise InvalidFile(problems)
    print("questionnaires ok")
    return 0
