"""The command line's entry point: parse, run one command, and decide every exit status.

The commands themselves live in :mod:`assessor.commands`, one module each.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import traceback
from collections.abc import Sequence

from assessor.commands import COMMANDS, build_parser
from assessor.commands.common import print_warnings
from assessor.errors import AssessorError, display_path
from assessor.terminal import inert

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (0, 2 bad input, 130 interrupted, 1 bug)."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    notes_to_stderr()
    try:
        return int(COMMANDS[args.command].run(args))
    except AssessorError as exc:
        for line in exc.lines():
            print(f"assessor: error: {inert(line)}", file=sys.stderr)
        print_warnings(exc.warnings, every=getattr(args, "warnings", True))
        return exc.exit_code
    except KeyboardInterrupt:
        print("\nassessor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except (OSError, RuntimeError) as exc:
        fault = path_fault(exc)
        if fault is None:
            return bug(args)
        print(f"assessor: error: {inert(fault)}", file=sys.stderr)
        return 2
    except Exception:  # the one place a bug is turned into a message
        return bug(args)


def bug(args: argparse.Namespace) -> int:
    """Report an internal error (the traceback with --debug); exit status 1."""
    if getattr(args, "debug", False):
        traceback.print_exc()
    else:
        print("assessor: internal error: this is a bug; please report it with the output "
              "of the same command run with --debug", file=sys.stderr)
    return 1


def path_fault(exc: OSError | RuntimeError) -> str | None:
    """Return the message for a fault of a path the user gave, or None for anything else.

    A symlink loop, a name too long, a file where a folder was expected: checks of a path
    (``exists``, ``resolve``) raise these before any reader can say which file it was, so they
    are answered here, once, as bad input.
    """
    from assessor.files import PATH_ERRORS

    if isinstance(exc, RuntimeError):  # Path.resolve on Python 3.11 and 3.12
        text = str(exc)
        if not text.startswith("Symlink loop from "):
            return None
        return f"{display_path(text.removeprefix('Symlink loop from ').strip(chr(39)))}: " \
               f"{PATH_ERRORS[errno.ELOOP]}"
    reason = PATH_ERRORS.get(exc.errno or 0)
    if reason is None or exc.filename is None:
        return None
    return f"{display_path(os.fsdecode(exc.filename))}: {reason}"


def notes_to_stderr() -> None:
    """Print the notes core code logs (a slower fallback, say) as ``assessor: note`` lines."""
    import logging

    class Stderr(logging.Handler):
        """Write to whatever ``sys.stderr`` is at the time (tests replace it)."""

        def emit(self, record: logging.LogRecord) -> None:
            print(f"assessor: {inert(record.getMessage())}", file=sys.stderr)

    logger = logging.getLogger("assessor")
    if not logger.handlers:
        logger.addHandler(Stderr())
        logger.setLevel(logging.WARNING)
        logger.propagate = False
