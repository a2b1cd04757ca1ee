"""Starting an interview: a new answers file, or one resumed, checked before any question.

What the command line asked for (banks, -o, --resume, --respondent) becomes a
:class:`~assessor.interview.session.Session`; a file that exists, a missing folder or an unknown
questionnaire is refused here, before the first screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from assessor import clock
from assessor.errors import AssessorError, display_path
from assessor.interview.session import Session, check_folder
from assessor.model.catalog import Catalog
from assessor.model.record import Assessment
from assessor.record import answers as answers_file


def open_session(catalog: Catalog, banks: Sequence[str], output: Path | None,
                 resume: Path | None, today: dt.date | None = None,
                 respondent: str | None = None) -> Session:
    """Start a new interview, or continue one saved in ``resume``.

    ``banks`` (-q) become the file's ``assessment.scope``; a resumed file's scope is asked
    when none are given. ``respondent`` is written as the ``by`` of every answer given.

    Raises:
        AssessorError: an unknown questionnaire, a file that exists (use --resume), a missing
            folder, or an answers file with mistakes.
    """
    known = [q.id for q in catalog.questionnaires]
    unknown = [b for b in banks if b not in known]
    if unknown:
        raise AssessorError(f"unknown questionnaire {', '.join(unknown)} (known: "
                            f"{', '.join(known)})")
    profiles = {q.id for q in catalog.questionnaires if q.kind == "profile"}
    chosen = tuple(dict.fromkeys(b for b in banks if b not in profiles)) if banks else None
    if resume is not None:
        loaded = answers_file.load(resume, catalog, allow_incomplete=True)
        path = output or resume
        if output is not None and output.exists() and output.resolve() != resume.resolve():
            raise AssessorError(f"{display_path(output)} already exists: choose another -o FILE "
                                "(or leave -o out to continue in the resumed file)")
        check_folder(path)
        same_file = path.resolve() == resume.resolve()
        assessment = replace(loaded.assessment, scope=chosen) if chosen else loaded.assessment
        return Session(catalog, path, chosen or loaded.assessment.scope or None,
                       loaded.organisation, assessment,
                       {q: a for q, a in loaded.answers.items() if a.via is None}, resumed=True,
                       evidence=dict(loaded.evidence), actions=dict(loaded.actions),
                       inventory=loaded.inventory, milestones=dict(loaded.milestones),
                       base=loaded if same_file else None,
                       seen=loaded.sha256 if same_file else None,
                       answered_against=dict(loaded.versions), respondent=respondent)
    day = (today or clock.today()).isoformat()
    if output is not None:
        if output.exists():
            shown = display_path(output)
            raise AssessorError(f"{shown} already exists: continue it with `assessor interview "
                                f"--resume {shown}`, or choose another -o FILE")
        path = output
    else:
        path = Path(f"answers-{day}.yaml")
        count = 2
        while path.exists():
            path = Path(f"answers-{day}-{count}.yaml")
            count += 1
    check_folder(path)
    return Session(catalog, path, chosen, assessment=Assessment(date=day, scope=chosen or ()),
                   respondent=respondent)


__all__ = ["open_session"]
