"""``assessor example``: list the shipped example answers files, or write one out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assessor.commands.common import wrote

HELP = "list the shipped example answers files, or write one out"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``example``."""
    parser.add_argument("name", nargs="?", metavar="NAME", help="the example to write")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path,
                        help="write to FILE (default: standard output)")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(args: argparse.Namespace) -> int:
    """List the shipped examples, or write one to a file or standard output."""
    from assessor.examples import examples, find
    from assessor.targets import atomic_write, refuse_existing

    if not args.name:
        for example in examples():
            print(f"{example.name:<24} {example.summary}")
        return 0
    text = find(args.name).path.read_text(encoding="utf-8")
    if not args.output:
        sys.stdout.write(text)
        return 0
    refuse_existing(args.output, force=args.force)
    atomic_write(args.output, text)
    wrote(args.output)
    return 0
