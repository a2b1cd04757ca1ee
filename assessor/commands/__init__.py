"""The commands: one module each, with its arguments and its ``run``; the parser is built here.

A command module holds ``HELP`` (its line in ``assessor --help``), ``add_arguments(parser)`` and
``run(args) -> int``. It turns the parsed arguments into a typed request for the feature it
calls, and it is, with :mod:`assessor.cli` and the interview's screens, the only code that
writes to the terminal. Modules import only light things at the top: ``--help`` stays fast and
the heavy libraries load on the path that needs them.

Adding a command is one module here plus one line in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Protocol

from assessor import __version__
from assessor.commands import (
    calendar,
    check,
    diff,
    evidence,
    example,
    export,
    filing,
    importing,
    interview,
    lint,
    listing,
    merge,
    migrate,
    questions,
    reassess,
    run,
    schema,
    score,
    setting,
    sign_off,
    template,
    verify,
)
from assessor.commands.common import common_options


class Command(Protocol):
    """What a command module provides."""

    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Add the command's own arguments to its parser."""

    def run(self, args: argparse.Namespace) -> int:
        """Run the command; return its exit status."""


COMMANDS: dict[str, Command] = {
    "list": listing,
    "questions": questions,
    "template": template,
    "check": check,
    "score": score,
    "run": run,
    "lint": lint,
    "interview": interview,
    "diff": diff,
    "schema": schema,
    "migrate": migrate,
    "evidence": evidence,
    "import": importing,
    "sign-off": sign_off,
    "verify": verify,
    "merge": merge,
    "set": setting,
    "reassess": reassess,
    "filing": filing,
    "export": export,
    "calendar": calendar,
    "example": example,
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Return the parser for every command in :data:`COMMANDS`, or for the one ``argv`` names.

    Building every command's options costs about 10 ms, more than some commands take to run:
    a command line that names a known command gets a parser with that command alone (its
    options, usage, errors and help are the same); any other (``--help``, a misspelt command)
    gets them all, so the overview and "invalid choice" list every command.
    """
    named = command_named(argv)
    parser = argparse.ArgumentParser(
        prog="assessor",
        description="Assess an organisation against China's data laws (CSL, DSL, PIPL, "
                    "vulnerability provisions) and the GDSI principles; render a gap report.",
        epilog="Exit status: 0 success, 2 bad input or usage, 130 interrupted, 1 a bug.")
    parser.add_argument("--version", action="version", version=f"assessor {__version__}")
    common = common_options()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command in COMMANDS.items():
        if named in (None, name):
            command.add_arguments(sub.add_parser(name, parents=[common], help=command.HELP))
    return parser


def command_named(argv: Sequence[str] | None) -> str | None:
    """Return the known command ``argv`` names, or None.

    The top level's options (``--help``, ``--version``) take no value, so the first word that
    is not an option is the command.
    """
    for word in argv or ():
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None
