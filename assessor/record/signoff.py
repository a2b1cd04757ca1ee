"""Sign-off: a reviewer's name, date and seal on an answers file, which makes its reports final.

The sign-off records the banks it covers and a digest of the whole record as written
(:mod:`assessor.record.seal`), optionally signed with the reviewer's SSH key. Anything changed
afterwards returns the file to draft: it loads as a draft, is written back as one, and
``check`` and ``verify`` say why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from assessor.banks.scope import engaged
from assessor.errors import AssessorError, InvalidFile, Problem, display_path
from assessor.model.catalog import Catalog
from assessor.model.record import Answers, SignOff, Status
from assessor.record import seal
from assessor.record.answers import load, save
from assessor.record.lock import locked, out_of_scope
from assessor.record.quality import CHANGED, CHECKS, run_checks
from assessor.record.writing import record_data, written_versions

COMMAND = "assessor sign-off"


def refusal(path: Path, warnings: list[Problem], kinds: Counter[str]) -> AssessorError:
    """Return the error that refuses a sign-off over warnings not yet accepted, with them.

    It counts them by kind, in the words ``--accept`` takes: the warnings' own lines do not
    name their kind.
    """
    count = len(warnings)
    by_kind = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
    error = AssessorError(f"{display_path(path)}: not signed off: {count} warning"
                          f"{'s' if count != 1 else ''} to review (listed below; by kind: "
                          f"{by_kind}); once reviewed, accept them by kind or question "
                          "(--accept flagged --accept QID) or all (--accept-warnings)")
    error.warnings = tuple(warnings)
    return error


def sealed(answers: Answers, catalog: Catalog, sign: SignOff, key: Path | None) -> Answers:
    """Return ``answers`` final, with ``sign`` sealing the record exactly as it will be written.

    The versions the file will record and the banks covered are fixed first, since both are
    inside the digest.
    """
    covers = tuple(q.id for q in engaged(catalog, answers.assessment.scope).questionnaires)
    ready = replace(answers, versions=written_versions(answers, catalog), assessment=replace(
        answers.assessment, status=Status.FINAL,
        signed_off=replace(sign, covers=covers, digest=None, signature=None)))
    digest = seal.digest_of(record_data(ready))
    signature = seal.sign(digest, key) if key is not None else None
    return replace(ready, assessment=replace(ready.assessment, signed_off=replace(
        sign, covers=covers, digest=digest, signature=signature)))


def sign_off(path: Path, catalog: Catalog, sign: SignOff, *, accept_warnings: bool = False,
             key: Path | None = None, accept: Sequence[str] = ()) -> tuple[Answers, list[Problem]]:
    """Record ``sign`` in the answers file at ``path`` and mark it final, under the file's lock.

    ``key``: a private SSH key that signs the digest (``ssh-keygen -Y sign``).

    Returns:
        The answers as written, and the warnings the reviewer accepted.

    Raises:
        InvalidFile: the file has errors (an incomplete file too): nothing is written.
        AssessorError: the file has warnings and ``accept_warnings`` is false, or the key
            cannot sign.
    """
    with locked(path, COMMAND):
        try:
            answers = load(path, catalog)
        except InvalidFile as exc:
            refused = Problem(display_path(path), "not signed off: correct the errors first")
            raise InvalidFile([*exc.problems, refused]) from None
        found, left = accepted(catalog, answers, accept, every=accept_warnings)
        if left:
            raise refusal(path, [p for _, p in left], Counter(k for k, _ in left))
        sign = replace(sign, accepted=("all",) if accept_warnings and found
                       else tuple(dict.fromkeys(accept)))
        if answers.assessment.date and sign.on < answers.assessment.date:
            raise AssessorError(f"{display_path(path)}: not signed off: the sign-off date "
                                f"{sign.on} is before the assessment date "
                                f"{answers.assessment.date}")
        stale = [f"{q.id} {answers.versions[q.id]} (now {q.version})"
                 for q in engaged(catalog, answers.assessment.scope).questionnaires
                 if answers.versions.get(q.id, q.version) != q.version]
        if stale:  # a sign-off is for the banks a report prints: their current versions
            raise AssessorError(f"{display_path(path)}: not signed off: answered against "
                                f"{', '.join(stale)}; carry it to the current banks with "
                                "`assessor migrate` first")
        signed = sealed(answers, catalog, sign, key)
        save(path, signed, catalog, out_of_scope(catalog, signed.answers))
        written = load(path, catalog)
        if written.seal is None or not written.seal.holds:  # the digest must survive its file
            raise RuntimeError(f"sign-off does not hold once written: "
                               f"{written.seal.reason if written.seal else 'no sign-off'}")
        if found:  # located again in the file as now written
            found = accepted(catalog, written, accept, every=accept_warnings)[0]
    return signed, found


def accepted(catalog: Catalog, answers: Answers, accept: Sequence[str], *,
             every: bool) -> tuple[list[Problem], list[tuple[str, Problem]]]:
    """Return the warnings ``accept`` (kinds of check, question ids) covers, and the rest.

    The rest come with their kind, which the refusal counts.

    Raises:
        AssessorError: an ``accept`` that names neither a kind of check nor a question.
    """
    unknown = [a for a in accept if a not in CHECKS and catalog.question(a) is None]
    if unknown:
        raise AssessorError(f"--accept {unknown[0]}: neither a kind of warning "
                            f"({', '.join(k for k in CHECKS if k != CHANGED)}) nor a question id")
    found = run_checks(catalog, answers)
    taken: list[Problem] = []
    left: list[tuple[str, Problem]] = []
    for kind, problems in found.items():
        if kind == CHANGED:  # signing again settles that one
            continue
        for problem in problems:
            if every or kind in accept or problem.qid in accept:
                taken.append(problem)
            else:
                left.append((kind, problem))
    return sorted(taken, key=line_of), sorted(left, key=lambda pair: line_of(pair[1]))


def line_of(problem: Problem) -> int:
    """Return a warning's line, for the order of the file (0 for the file as a whole)."""
    return problem.line if problem.line is not None else 0
