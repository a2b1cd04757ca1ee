"""Sign-off: a reviewer's name and date on an answers file, which makes its reports final.

The sign-off records a digest of the answers (:func:`~assessor.record.answers.answers_digest`).
An answer changed afterwards returns the file to draft: it loads as a draft, is written back as
one, and ``check`` says why (the ``changed_after_sign_off`` quality check).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from assessor.errors import AssessorError, InvalidFile, Problem, display_path
from assessor.model import Answers, Catalog, SignOff, Status
from assessor.record.answers import answers_digest, load, save
from assessor.record.lock import locked, out_of_scope
from assessor.record.quality import CHANGED, warnings

COMMAND = "assessor sign-off"


def refusal(path: Path, warnings: list[Problem]) -> AssessorError:
    """Return the error that refuses a sign-off over warnings not yet accepted, with them."""
    count = len(warnings)
    error = AssessorError(f"{display_path(path)}: not signed off: {count} warning"
                          f"{'s' if count != 1 else ''} to review (listed below); once reviewed, "
                          "sign off with --accept-warnings")
    error.warnings = tuple(warnings)
    return error


def sign_off(path: Path, catalog: Catalog, sign: SignOff, *,
             accept_warnings: bool = False) -> tuple[Answers, list[Problem]]:
    """Record ``sign`` in the answers file at ``path`` and mark it final, under the file's lock.

    Returns:
        The answers as written, and the warnings the reviewer accepted.

    Raises:
        InvalidFile: the file has errors (an incomplete file too): nothing is written.
        AssessorError: the file has warnings and ``accept_warnings`` is false.
    """
    with locked(path, COMMAND):
        try:
            answers = load(path, catalog)
        except InvalidFile as exc:
            refused = Problem(display_path(path), "not signed off: correct the errors first")
            raise InvalidFile([*exc.problems, refused]) from None
        found = warnings(catalog, answers, skip=(CHANGED,))  # signing again settles that one
        if found and not accept_warnings:
            raise refusal(path, found)
        signed = replace(answers, assessment=replace(
            answers.assessment, status=Status.FINAL,
            signed_off=replace(sign, digest=answers_digest(answers))))
        save(path, signed, catalog, out_of_scope(catalog, signed.answers))
        if found:  # located again in the file as now written
            found = warnings(catalog, load(path, catalog), skip=(CHANGED,))
    return signed, found
