"""``assessor sign-off``: record the reviewer's sign-off and mark the answers file final."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessor import clock
from assessor.commands.common import catalog_for, print_warnings
from assessor.errors import AssessorError, display_path
from assessor.terminal import inert

HELP = "record the reviewer's sign-off and mark the answers file final"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``sign-off``."""
    parser.add_argument("answers", type=Path, metavar="ANSWERS",
                        help="the answers file to sign off")
    parser.add_argument("--by", required=True, metavar="NAME", help="the reviewer")
    parser.add_argument("--role", metavar="ROLE", help="the reviewer's role, e.g. Partner")
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="date of the sign-off (default: today)")
    parser.add_argument("--accept", metavar="KIND|QID", action="append", default=[],
                        help="accept the warnings of one kind (flagged, unknown, no_evidence ...) "
                             "or of one question, once reviewed (repeat; recorded in the "
                             "sign-off)")
    parser.add_argument("--accept-warnings", action="store_true",
                        help="sign off although quality checks warn (they are listed)")
    parser.add_argument("--key", metavar="FILE", type=Path,
                        help="also sign with this private SSH key (ssh-keygen -Y sign), so anyone "
                             "with the firm's allowed_signers list can check who signed")


def run(args: argparse.Namespace) -> int:
    """Record the reviewer and date in the answers file and mark it final."""
    import datetime as dt

    from assessor.model.record import SignOff
    from assessor.record.signoff import sign_off

    try:
        on = dt.date.fromisoformat(args.date) if args.date else clock.today()
    except ValueError:
        raise AssessorError(f"--date '{args.date}' must be a date written YYYY-MM-DD") from None
    if not args.by.strip():
        raise AssessorError("--by needs the reviewer's name")
    role = args.role.strip() if args.role and args.role.strip() else None
    signed, accepted = sign_off(args.answers, catalog_for(args),
                                SignOff(args.by.strip(), on.isoformat(), role),
                                accept_warnings=args.accept_warnings, key=args.key,
                                accept=tuple(args.accept))
    print_warnings(accepted)
    sign = signed.assessment.signed_off
    assert sign is not None  # noqa: S101 - sign_off always records one
    note = f"; {len(accepted)} warning{'s' if len(accepted) != 1 else ''} accepted" \
        if accepted else ""
    print(inert(f"{display_path(args.answers)}: final, signed off by {sign.by}"
                f"{f' ({sign.role})' if sign.role else ''} on {sign.on}{note}"))
    return 0
