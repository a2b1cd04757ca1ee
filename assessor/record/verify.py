"""``assessor verify``: does a file's sign-off hold, and who signed it with which key.

The loader already decides whether a file reads as final (:func:`assessor.record.answers.seal_of`);
this says so in words a partner or a client's auditor can act on, and, given the firm's list of
partners' keys (an OpenSSH ``allowed_signers`` file), checks that the key that signed is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessor.errors import AssessorError, display_path
from assessor.model.catalog import Catalog
from assessor.record import seal
from assessor.record.answers import load


@dataclass(frozen=True)
class Verified:
    """What ``verify`` found: the lines to print when the sign-off holds."""

    lines: tuple[str, ...]


def verify(path: Path, catalog: Catalog, allowed: Path | None = None) -> Verified:
    """Check the sign-off of the answers file at ``path``.

    Raises:
        AssessorError: the file is not signed off, its sign-off does not hold, or its key
            signature fails (or is missing) when ``allowed`` signers are given.
        InvalidFile: the file does not load.
    """
    shown = display_path(path)
    if allowed is not None and not allowed.is_file():
        raise AssessorError(f"--allowed-signers {display_path(allowed)}: no such file")
    answers = load(path, catalog, allow_incomplete=True)
    sign, verdict = answers.assessment.signed_off, answers.seal
    if sign is None or verdict is None:
        raise AssessorError(f"{shown}: not signed off: every report from it is a draft")
    if not verdict.holds:
        raise AssessorError(f"{shown}: the sign-off does not hold: {verdict.reason}; every "
                            "report from it is a draft until it is signed off again")
    lines = [f"{shown}: the sign-off holds: {verdict.reason}", f"digest {sign.digest}"]
    if sign.signature:
        check = seal.check_signature(sign.digest or "", sign.signature, allowed)
        if not check.good:
            raise AssessorError(f"{shown}: the key signature does not hold: {check.detail}")
        if allowed is None:
            lines.append(f"signed with {check.detail}; that key is not checked against the "
                         "firm's keys: give --allowed-signers FILE to check it")
        else:
            lines.append(f"signed with {check.detail}, listed in {display_path(allowed)}")
    elif allowed is not None:
        raise AssessorError(f"{shown}: the sign-off is not signed with a key, so it cannot be "
                            f"checked against {display_path(allowed)} (sign off with --key)")
    else:
        lines.append("not signed with a key: the digest shows the record is unchanged, not "
                     "who signed it (sign off with --key to make that checkable)")
    return Verified(tuple(lines))
