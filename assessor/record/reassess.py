"""The next cycle: a new record started from the last one, its carried texts marked as such.

``assessor reassess LAST -o NEXT --date D`` keeps the answers (as last cycle's), the evidence
register with its dates and the tracked actions; the notes, findings and flags are marked
``carried`` with the last cycle's date, and so is the summary (``assessment.carried``), so that
``check`` warns until each is confirmed or changed; the status is draft and the sign-off (with
its digest) is cleared. The last file is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from assessor.errors import AssessorError, display_path
from assessor.model.catalog import Catalog
from assessor.model.record import Answers, Status
from assessor.record import answers as answers_file
from assessor.record.lock import locked, out_of_scope
from assessor.record.typed import iso
from assessor.targets import refuse_existing


@dataclass(frozen=True, slots=True)
class Request:
    """The last cycle's file, the new one, and the new assessment's date."""

    last: Path
    output: Path
    date: str
    force: bool = False


def next_cycle(last: Answers, date: str) -> Answers:
    """Return the record of the next cycle started from ``last`` (see the module's rule).

    Raises:
        AssessorError: the new date is not after the last assessment's.
    """
    since = last.assessment.date
    if since and date <= since:
        raise AssessorError(f"--date {date} is not after the last assessment's date {since}")
    # Carried as of the later of the last assessment's date and the answer's own date, so an
    # answer changed from then on (a later ``at``) is seen to be newer than its texts.
    carried = since or date
    answers = {qid: replace(answer, carried=max(carried, answer.at or ""), line=None,
                            conflict=answer.open_conflicts)  # settled ones stay in LAST
               for qid, answer in last.answers.items()}
    latest = max([carried, *(a.at for a in last.answers.values() if a.at)])
    assessment = replace(last.assessment, date=date, status=Status.DRAFT, signed_off=None,
                         position=None, version=None, fieldwork=None, history=(),
                         carried=latest if last.assessment.summary else None)
    return replace(last, answers=answers, assessment=assessment, path="", sha256="",
                   seal=None)


def reassess(request: Request, catalog: Catalog) -> Answers:
    """Write the next cycle's record beside the last; return it.

    Raises:
        AssessorError: a bad date, or NEXT exists (without --force) or is LAST itself.
        InvalidFile: LAST cannot be read.
    """
    try:
        date = iso(request.date)
    except ValueError as exc:
        raise AssessorError(f"--date: {exc}") from None
    if request.output.resolve() == request.last.resolve():
        raise AssessorError(f"{display_path(request.output)}: the next cycle is a new file; "
                            "the last one is kept as it is")
    refuse_existing(request.output, force=request.force)
    last = answers_file.load(request.last, catalog, allow_incomplete=True)
    record = next_cycle(last, date)
    with locked(request.output, "assessor reassess"):
        answers_file.save(request.output, record, catalog,
                          out_of_scope(catalog, record.answers))
    return record


__all__ = ["Request", "next_cycle", "reassess"]
