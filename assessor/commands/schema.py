"""``assessor schema``: print the JSON Schema of one file kind."""

from __future__ import annotations

import argparse
import sys

HELP = "print a JSON Schema"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``schema``."""
    parser.add_argument("kind", choices=("questionnaire", "answers", "report", "questions"),
                        help="which file's schema: questionnaire, answers, report (run "
                             "--format json) or questions (questions --json)")


def run(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a file kind."""
    from assessor.schemas import schema_text

    sys.stdout.write(schema_text(args.kind))
    return 0
