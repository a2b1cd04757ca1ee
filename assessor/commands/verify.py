"""``assessor verify``: say whether an answers file's sign-off holds (its reports final)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessor.commands.common import catalog_for
from assessor.terminal import inert

HELP = "say whether an answers file's sign-off holds (its reports final)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``verify``."""
    parser.add_argument("answers", type=Path, metavar="ANSWERS",
                        help="the signed-off answers file")
    parser.add_argument("--allowed-signers", metavar="FILE", type=Path,
                        help="OpenSSH allowed_signers list of the firm's reviewers: the key that "
                             "signed must be one of them")


def run(args: argparse.Namespace) -> int:
    """Say whether a file's sign-off holds; exit 2 when it does not."""
    from assessor.record.verify import verify

    for line in verify(args.answers, catalog_for(args), args.allowed_signers).lines:
        print(inert(line))
    return 0
