"""``assessor migrate``: carry an answers file to the current questionnaire versions."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessor.commands.common import catalog_for

HELP = "carry an answers file to the current questionnaire versions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``migrate``."""
    parser.add_argument("answers", type=Path, metavar="ANSWERS", help="the answers file to carry")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path,
                        help="new file (default: <name>.migrated.yaml; the old file is kept)")
    parser.add_argument("--force", action="store_true",
                        help="replace FILE even if it is another answers file")


def run(args: argparse.Namespace) -> int:
    """Carry an answers file to the current questionnaire versions."""
    from assessor.record.migrate import Request, run_migrate

    lines = run_migrate(Request(args.answers, args.output, args.force), catalog_for(args))
    print("\n".join(lines))
    return 0
