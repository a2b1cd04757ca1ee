"""Answers files: the two doors, load (with whether the sign-off holds) and the checked save.

The data is read in :mod:`assessor.record.reading`, written in :mod:`assessor.record.writing`,
and each value checked in :mod:`assessor.record.values`; here a file is read whole and judged
final or draft, and no text is written that the reader would then refuse.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from assessor.banks.reader import Reader
from assessor.banks.scope import engaged
from assessor.errors import InvalidFile, Problem, display_path
from assessor.files import MAX_FILE_BYTES, decode, parse_yaml, read_bytes
from assessor.model.catalog import Catalog
from assessor.model.record import Answers, Seal, SignOff, Status
from assessor.record import seal
from assessor.record.reading import question_at, read_answers, unanswered
from assessor.record.writing import dump, record_digest, writes_json
from assessor.targets import atomic_write


def load(path: Path, catalog: Catalog, *, allow_incomplete: bool = False,
         scope: Sequence[str] | None = None) -> Answers:
    """Load and validate an answers file, reporting every problem in one go.

    ``scope`` replaces the file's ``assessment.scope`` (``run --scope``; empty: every bank).

    Raises:
        InvalidFile: the file is unreadable or any answer is wrong or missing.
    """
    shown = display_path(path)
    data = read_bytes(path)
    raw = parse_yaml(decode(data, shown), shown, question_at)
    reader = Reader(shown)
    answers = read_answers(raw, reader, catalog, allow_incomplete=allow_incomplete, scope=scope)
    if reader.problems or answers is None:
        raise InvalidFile(reader.problems)
    return settle(replace(answers, path=shown, sha256=hashlib.sha256(data).hexdigest()),
                  catalog, scope)


def settle(answers: Answers, catalog: Catalog, scope: Sequence[str] | None) -> Answers:
    """Apply ``run --scope`` and decide whether the file reads as final.

    A file is final only when its sign-off holds (:func:`seal_of`) for the record as read and
    for the report about to be rendered from it; anything else reads as a draft.
    """
    verdict = seal_of(answers, catalog, scope)
    assessment = answers.assessment
    if scope is not None:
        assessment = replace(assessment, scope=tuple(scope))
    if assessment.status is Status.FINAL and not (verdict and verdict.holds):
        assessment = replace(assessment, status=Status.DRAFT)
    return replace(answers, assessment=assessment, seal=verdict)


def seal_of(answers: Answers, catalog: Catalog, scope: Sequence[str] | None = None
            ) -> Seal | None:
    """Say whether the file's sign-off holds, and if not why; None for a file never signed.

    It holds when the digest matches the record as read (so nothing the report prints changed),
    a key signature, if any, matches it, and the report would be rendered as signed: for the
    banks the sign-off covers (``run --scope`` or a bank added to the catalog give a draft),
    their versions, and every applicable question answered.
    """
    sign = answers.assessment.signed_off
    if sign is None:
        return None
    who = f"{sign.by}{f' ({sign.role})' if sign.role else ''} on {sign.on}"
    if not sign.digest:
        return Seal(False, f"the sign-off by {who} has no digest: it was not recorded by "
                           "`assessor sign-off`, or its digest was removed", "no_digest")
    if seal.LEGACY.fullmatch(sign.digest):
        return Seal(False, f"the sign-off by {who} was recorded by an earlier release, whose "
                           "digest covered the answers alone: sign off again", "legacy")
    if sign.digest != record_digest(answers):
        return Seal(False, f"the record changed after the sign-off by {who}", "changed")
    if sign.signature and shutil.which("ssh-keygen") and \
            not seal.check_signature(sign.digest, sign.signature).good:
        return Seal(False, f"the key signature of the sign-off by {who} does not match "
                           "the record", "signature")
    return rendered_as_signed(answers, catalog, scope, sign)


def rendered_as_signed(answers: Answers, catalog: Catalog, scope: Sequence[str] | None,
                       sign: SignOff) -> Seal:
    """Say whether a report rendered now covers what was signed: banks, versions, completeness."""
    banks = engaged(catalog, answers.assessment.scope if scope is None else scope)
    covered = [q.id for q in banks.questionnaires]
    if sorted(covered) != sorted(sign.covers):
        return Seal(False, f"the report would cover {', '.join(covered) or 'no questionnaire'}; "
                           f"the sign-off covers {', '.join(sign.covers) or 'none'}", "scope")
    for bank in banks.questionnaires:
        if answers.versions.get(bank.id) != bank.version:
            return Seal(False, f"the {bank.id} questionnaire is now version {bank.version}; the "
                               f"sign-off is for {answers.versions.get(bank.id) or 'no version'}"
                               " (migrate the file and sign off again)", "version")
    missing = unanswered(banks, answers.answers)
    if missing:
        many = len(missing) != 1
        return Seal(False, f"{len(missing)} applicable question{'s are' if many else ' is'} "
                           f"unanswered (first: {missing[0].id})", "incomplete")
    role = f" ({sign.role})" if sign.role else ""
    return Seal(True, f"signed off by {sign.by}{role} on {sign.on}, covering "
                      f"{', '.join(covered)}")


def changed_since_sign_off(answers: Answers) -> bool:
    """Return whether a signed-off file's sign-off no longer holds (False without one)."""
    return answers.seal is not None and not answers.seal.holds


def save(path: Path, answers: Answers, catalog: Catalog | None = None,
         out_of_scope: Iterable[str] = ()) -> None:
    """Write an answers file atomically, as JSON if it is one (:func:`writes_json`).

    Raises:
        InvalidFile: the file would be refused when read (:func:`checked_text`): not written.
    """
    atomic_write(path, checked_text(path, answers, catalog, out_of_scope))


def checked_text(path: Path, answers: Answers, catalog: Catalog | None = None,
                 out_of_scope: Iterable[str] = (), kept: Mapping[str, str] | None = None) -> str:
    """Return the text of the answers file to write at ``path``, read back first.

    Every writer (import, merge, sign-off, the interview, set-commands) goes through here, so
    no command writes a file that every command then refuses: the text is read with the
    reader's own limits (file size, text length, nesting) and checks before it is written.

    Raises:
        InvalidFile: what the reader would refuse, each problem with its question.
    """
    text = dump(answers, catalog, out_of_scope, kept, as_json=writes_json(path))
    refuse_unreadable(text, path, catalog)
    return text


def refuse_unreadable(text: str, path: Path, catalog: Catalog | None) -> None:
    """Refuse to write ``text`` to ``path`` if the reader would refuse it (see checked_text).

    Raises:
        InvalidFile: each problem the reader would find, with its question.
    """
    shown = display_path(path)
    size = len(text.encode("utf-8"))
    refused: list[Problem] = []
    if size > MAX_FILE_BYTES:
        refused.append(Problem(shown, f"the file would be {size:,} bytes; the limit is "
                                      f"{MAX_FILE_BYTES:,}"))
    else:
        try:
            raw = parse_yaml(text, shown, question_at)
        except InvalidFile as exc:
            refused += exc.problems
        else:
            reader = Reader(shown)
            if catalog is not None:
                read_answers(raw, reader, catalog, allow_incomplete=True)
            refused += reader.problems
    if refused:
        raise InvalidFile([Problem(shown, f"not written, since every command would then refuse "
                                          f"the file: {p.message}", None, p.qid)
                           for p in refused])


__all__ = ["changed_since_sign_off", "checked_text", "load", "refuse_unreadable", "save",
           "seal_of"]
