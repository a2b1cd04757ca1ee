"""``assessor score``: scores per instrument and principle, and the top gaps, on the terminal."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessor.commands.common import catalog_for, load_answers
from assessor.terminal import inert, json_text

HELP = "scores and top gaps on the terminal"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``score``."""
    parser.add_argument("answers", type=Path, metavar="ANSWERS",
                        help="the answers file to score")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="accept applicable questions without an answer (a draft)")


def run(args: argparse.Namespace) -> int:
    """Print scores per instrument and principle, and the top gaps."""
    from assessor.report.context import build_context
    from assessor.scoring import standing

    catalog = catalog_for(args)
    answers = load_answers(args, args.answers, catalog)
    catalog, result = standing(catalog, answers.answers, answers.assessment.scope)
    if args.json:
        context = build_context(catalog, answers, result, "en")
        print(json_text(context))
        return 0
    from assessor.terminal import summary_lines

    print("\n".join(map(inert, summary_lines(catalog, answers, result))))
    return 0
