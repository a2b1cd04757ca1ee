"""Interview session: what applies, what to ask next, progress, and saving after every answer.

The interview's state without its screens, so the rules (which question comes next, what a
changed profile answer takes out of scope) are plain code a test can read. Every change is
written to the answers file at once, atomically: a killed interview loses at most the answer
being typed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assessor import clock
from assessor.banks.scope import applicability, expressions, reads
from assessor.errors import AssessorError, display_path
from assessor.interview.requested import evidence_refs
from assessor.model.catalog import Catalog, Question, Questionnaire, Section
from assessor.model.record import Action, Answer, Answers, Assessment, EvidenceItem, Organisation
from assessor.model.result import Result
from assessor.record import answers as answers_file
from assessor.record.conflicts import settled
from assessor.record.lock import locked, reconcile, side_file
from assessor.record.shared import answered_under, derive
from assessor.record.values import needs_note, parse_value
from assessor.registers import Inventory
from assessor.scoring import standing
from assessor.targets import atomic_write

SECTOR = "profile.sector"  # also the organisation's sector, which the details do not ask again


@dataclass(frozen=True, slots=True)
class Change:
    """What one answer changed in scope: answers that stopped applying, questions that started."""

    dropped: tuple[str, ...] = ()
    added: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a question sits: its place in its questionnaire, and the share answered overall."""

    position: int
    total: int
    answered: int
    applicable: int

    @property
    def percent(self) -> int:
        """Return the share (0-100, rounded down) of applicable questions answered."""
        return 100 * self.answered // self.applicable if self.applicable else 100


@dataclass
class Session:
    """One interview: the catalog, the questionnaires asked, the answers so far, and the file."""

    catalog: Catalog
    path: Path
    banks: tuple[str, ...] | None = None  # None: every bank; else only these (-q)
    organisation: Organisation | None = None
    assessment: Assessment = field(default_factory=Assessment)
    answers: dict[str, Answer] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    resumed: bool = False
    dirty: bool = False
    moved: bool = False  # the position changed since the last save
    evidence: dict[str, EvidenceItem] = field(default_factory=dict)  # kept as loaded
    actions: dict[str, Action] = field(default_factory=dict)
    inventory: Inventory | None = None  # the filings' registers, kept as loaded
    milestones: dict[str, str] = field(default_factory=dict)  # the calendar's dates, as loaded
    applies: dict[str, bool] = field(init=False, default_factory=dict)
    decisive: frozenset[str] = field(init=False, default=frozenset())  # ids conditions read
    base: Answers | None = None  # the file as last read or written, to merge others' changes
    seen: str | None = None  # its sha256 then (None: no file yet)
    answered_against: dict[str, str] = field(default_factory=dict)  # the file's versions
    kept_versions: dict[str, str] = field(default_factory=dict)  # see interview/stale.py
    respondent: str | None = None  # --respondent: written as each answer's by, with its date
    hold_failures: bool = False  # a failed save is kept in ``failure``, not raised (a screen)
    failure: AssessorError | None = None  # the save that failed, until the consultant chooses

    def __post_init__(self) -> None:
        self.applies = applicability(self.catalog, self.answers)
        self.decisive = frozenset(name for question in self.catalog.questions
                                  for expression in expressions(self.catalog, question)
                                  for name in reads(expression))
        if self.base is None:
            self.base = self.snapshot()

    # --- scope ---------------------------------------------------------------------------

    @property
    def questionnaires(self) -> tuple[Questionnaire, ...]:
        """Return the profile and the banks this interview asks, in catalog order."""
        return tuple(q for q in self.catalog.questionnaires
                     if q.kind == "profile" or self.banks is None or q.id in self.banks)

    def questions(self, questionnaire: Questionnaire | None = None) -> list[Question]:
        """Return the applicable questions asked, of one questionnaire or of all, in order.

        A control whose fact is asked under another control of this interview is not asked
        again: its answer is that one's (see :meth:`lent`).
        """
        return [q for q in self.listed(questionnaire) if self.lent(q) is None]

    def listed(self, questionnaire: Questionnaire | None = None) -> list[Question]:
        """Return the applicable questions, those answered under another control too."""
        chosen = (questionnaire,) if questionnaire is not None else self.questionnaires
        return [q for qn in chosen for q in qn.questions if self.applies[q.id]]

    def lent(self, question: Question) -> Question | None:
        """Return the control this interview asks ``question``'s fact under, if another."""
        primary = answered_under(self.catalog, question, self.applies)
        if primary is None or all(qn.id != primary.questionnaire for qn in self.questionnaires):
            return None
        return primary

    def section_questions(self, section: Section) -> list[Question]:
        """Return the applicable questions of one section asked in this interview."""
        return [q for q in section.questions if self.applies[q.id] and self.lent(q) is None]

    def questionnaire_of(self, question: Question) -> Questionnaire:
        """Return the questionnaire a question belongs to."""
        return next(qn for qn in self.catalog.questionnaires if qn.id == question.questionnaire)

    def section_of(self, question: Question) -> Section:
        """Return the section a question belongs to."""
        return next(s for s in self.questionnaire_of(question).sections
                    if s.id == question.section)

    def open_questions(self, questionnaire: Questionnaire | None = None) -> list[Question]:
        """Return the applicable questions still without an answer."""
        return [q for q in self.questions(questionnaire) if q.id not in self.answers]

    def out_of_scope(self) -> list[str]:
        """Return the answered questions that no longer apply (kept, marked in the file)."""
        return [qid for qid in self.answers if not self.applies.get(qid, True)]

    # --- where to go ---------------------------------------------------------------------

    def pending(self, questions: Sequence[Question]) -> Question | None:
        """Return the first question without an answer that was not skipped."""
        return next((q for q in questions
                     if q.id not in self.answers and q.id not in self.skipped), None)

    def first_open(self) -> Question | None:
        """Return where a resumed interview continues: where it stopped, else the first open one.

        The saved position counts while its question still applies and is asked (a changed
        profile or ``-q`` may have taken it out); otherwise the first applicable open question.
        """
        stopped = self.catalog.by_id.get(self.assessment.position or "")
        if stopped is not None and self.applies.get(stopped.id) \
                and self.questionnaire_of(stopped) in self.questionnaires:
            return stopped
        return next(iter(self.open_questions()), None)

    def stop_at(self, question: Question | None) -> None:
        """Remember the question on screen, written with the next save (resume starts there)."""
        position = question.id if question is not None else None
        if position != self.assessment.position:
            self.assessment = replace(self.assessment, position=position)
            self.moved = True

    def next_after(self, question: Question) -> Question | None:
        """Return the next question to ask in the same questionnaire, or None when it is done.

        The first open question after ``question``; failing that, one left open earlier
        (a jump may have passed it). Skipped questions wait for the review.
        """
        asked = self.questions(self.questionnaire_of(question))
        later = [q for q in asked if self.catalog.order[q.id] > self.catalog.order[question.id]]
        return self.pending(later) or self.pending(asked)

    def next_questionnaire(self, after: Questionnaire) -> Question | None:
        """Return the first open question of the questionnaires after ``after``."""
        chosen = self.questionnaires
        index = next((i for i, qn in enumerate(chosen) if qn.id == after.id), len(chosen))
        for questionnaire in chosen[index + 1:]:
            found = self.pending(self.questions(questionnaire))
            if found is not None:
                return found
        return None

    def previous(self, question: Question) -> Question | None:
        """Return the applicable question asked before ``question``, or None at the start."""
        earlier = [q for q in self.questions()
                   if self.catalog.order[q.id] < self.catalog.order[question.id]]
        return earlier[-1] if earlier else None

    def progress(self, question: Question) -> Progress:
        """Return the place of ``question`` in its questionnaire and the share answered."""
        asked = self.questions(self.questionnaire_of(question))
        every = self.questions()
        position = next((i for i, q in enumerate(asked, 1) if q.id == question.id), 0)
        answered = sum(1 for q in every if q.id in self.answers)
        return Progress(position, len(asked), answered, len(every))

    # --- changes -------------------------------------------------------------------------

    def set_details(self, name: str, sector: str | None, consultant: str | None,
                    date: str | None, lang: str) -> None:
        """Record who is assessed, by whom and when, and save.

        A name or sector kept as it was keeps its other language ({en, zh} in the file).
        """
        before = self.organisation
        if before is not None:
            name = before.name if name == before.name else name
            sector = before.sector if sector and sector == before.sector else sector
        self.organisation = (replace(before, name=name, sector=sector or None)
                             if before else Organisation(name, sector or None))
        self.assessment = replace(self.assessment, consultant=consultant or None, date=date,
                                  lang=lang)
        self.save()

    def sector_question(self) -> Question | None:
        """Return the profile's sector question, which names the organisation's sector too."""
        return self.catalog.by_id.get(SECTOR)

    def name_sector(self, question: Question, value: Any) -> None:
        """Take the organisation's sector from the profile's answer (asked once, not twice).

        The file records the option's id, never its label in the interview's language, so a
        report in either language prints the label in its own. A sector typed by hand (neither
        an option's id nor one of its labels) is kept.
        """
        organisation = self.organisation
        if question.id != SECTOR or organisation is None or not isinstance(value, str):
            return
        known = {o.label.get(lang) for o in question.options for lang in ("en", "zh")}
        known |= {o.id for o in question.options}
        option = question.option(value)
        if option is not None and (organisation.sector is None or organisation.sector in known):
            self.organisation = replace(organisation, sector=option.id)

    def answer(self, question: Question, raw: Any, note: str | None = None,
               evidence: Sequence[str] = (), *, later: bool = False, **extras: Any) -> Change:
        """Record an answer (validated by the same check as a file) and save at once.

        ``extras`` are the answer's other fields (flag, finding, severity) taken before it was
        given; fields not named keep what the answer held before. ``later`` leaves the save to
        the caller (:meth:`flush`), which draws the next question first.

        Returns:
            What the answer changed in scope.

        Raises:
            ValueError: ``raw`` does not fit the question.
        """
        value = parse_value(question, raw)
        if needs_note(value) and not (note and note.strip()):
            raise ValueError(f"'{value}' needs a note")
        before = self.applies
        current = self.answers.get(question.id) or Answer(question.id, value)
        note = (note or "").strip() or None
        self.answers[question.id] = replace(
            current, value=value, note=note, evidence=tuple(evidence), line=None,
            carried=still_carried(current, value, note, extras), **extras)
        if self.respondent:
            self.answers[question.id] = replace(self.answers[question.id], by=self.respondent,
                                                at=clock.today().isoformat())
        if current.open_conflicts:  # answering again settles it; the other answers are kept
            self.answers[question.id] = settled(self.answers[question.id], current)
        self.skipped.discard(question.id)
        self.name_sector(question, value)
        if question.id in self.decisive:  # only an answer a condition reads changes scope
            self.applies = applicability(self.catalog, self.answers)
        self.dirty = True
        if not later:
            self.save()
        if self.applies is before:
            return Change()
        return Change(
            dropped=tuple(q for q in self.answers if before.get(q) and not self.applies[q]),
            added=tuple(q.id for q in self.questions()
                        if not before[q.id] and q.id not in self.answers))

    def flush(self) -> None:
        """Save what is not saved yet (an answer taken with ``later``, a new position)."""
        if self.started and (self.dirty or self.moved):
            self.save()

    def amend(self, question: Question, **fields: Any) -> None:
        """Replace some fields of an answer (note, evidence, flag, finding, severity) and save.

        Saves only when something changed.

        Raises:
            ValueError: the note of a value that needs one (na, alternate) would be removed.
        """
        current = self.answers[question.id]
        if needs_note(current.value) and "note" in fields and not fields["note"]:
            raise ValueError(f"'{current.value}' needs a note")
        if all(getattr(current, key) == value for key, value in fields.items()):
            return
        texts = fields.keys() & {"note", "finding", "flag"}  # reviewed: no longer last cycle's
        self.answers[question.id] = replace(current, **fields,
                                            carried=None if texts else current.carried)
        self.save()

    def evidence_refs(self, parts: Sequence[str]) -> tuple[str, ...]:
        """Turn typed evidence into references, ``+title`` parts added to the register."""
        return evidence_refs(self.evidence, parts, self.assessment.date)

    # --- the file ------------------------------------------------------------------------

    def snapshot(self) -> Answers:
        """Return the answers as the file holds them."""
        organisation = self.organisation or Organisation("?")
        return Answers(organisation, self.assessment, dict(self.answers), evidence=self.evidence,
                       actions=self.actions, inventory=self.inventory,
                       milestones=self.milestones)

    def save(self) -> None:
        """Save, or while a screen is up (``hold_failures``) keep a failure for it to show.

        The question screen saves from prompt_toolkit's handlers, where an exception is a
        traceback and a loop of retries; held instead, the screen ends and the consultant is
        asked what to do (:meth:`assessor.interview.app.Interview.save_failed`). Until then no
        further save is tried, so a conflict writes one side file, not one per key.
        """
        if self.failure is not None and self.hold_failures:
            return
        try:
            self.write()
        except AssessorError as exc:
            if not self.hold_failures:
                raise
            self.failure = exc

    def move_to(self, path: Path) -> None:
        """Save to ``path`` from now on (the consultant chose another file after a failure)."""
        check_folder(path)
        self.path, self.seen = path, None
        self.base = self.snapshot()

    def save_aside(self) -> Path:
        """Write the answers beside the file (a new ``.mine-`` file) and return its path."""
        aside = side_file(self.path)
        atomic_write(aside, answers_file.checked_text(aside, self.snapshot(), self.catalog,
                                                      self.out_of_scope(), self.kept_versions))
        return aside

    def write(self) -> None:
        """Write the answers file atomically; answers that no longer apply are marked.

        Under the file's lock, answers another process saved since this one last read or wrote
        the file are merged in first (see :func:`assessor.record.lock.reconcile`).

        Raises:
            AssessorError: the file is locked for long, or was changed in a way that cannot
                be merged (the session's answers are then saved beside it).
        """
        self.dirty = True
        with locked(self.path, "assessor interview"):
            ours = reconcile(self.path, self.catalog, self.base or self.snapshot(),
                             self.snapshot(), self.seen)
            self.adopt(ours)
            text = answers_file.checked_text(self.path, ours, self.catalog,
                                             self.out_of_scope(), self.kept_versions)
            atomic_write(self.path, text)
        self.base, self.seen = ours, hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.dirty = self.moved = False

    def adopt(self, answers: Answers) -> None:
        """Take in answers merged from the file, so the session goes on from them."""
        given = {q: a for q, a in answers.answers.items() if a.via is None}
        if given != self.answers:
            self.answers = given
            self.applies = applicability(self.catalog, self.answers)
        if answers.organisation.name != "?" or self.organisation is not None:
            self.organisation = answers.organisation
        self.assessment = answers.assessment
        self.evidence, self.actions = dict(answers.evidence), dict(answers.actions)
        self.inventory = answers.inventory
        self.milestones = dict(answers.milestones)

    @property
    def shown(self) -> str:
        """Return the answers file's path as the user would type it."""
        return display_path(self.path)

    @property
    def started(self) -> bool:
        """Return whether anything was saved yet (the organisation comes first)."""
        return self.organisation is not None

    @property
    def recorded(self) -> int:
        """Return how many answers the file holds as ``check`` and ``merge`` count them.

        A fact answered once counts under each law that asks it (``same_as``), so "Resumed
        (N so far)" gives the number ``check`` printed for the same file.
        """
        return len(derive(self.catalog, self.answers, self.applies))

    def result(self) -> Result:
        """Return the scores of the answers so far."""
        return standing(self.catalog, derive(self.catalog, self.answers, self.applies),
                        self.assessment.scope)[1]


def check_folder(path: Path) -> None:
    """Refuse to start an interview whose answers could not be saved.

    Raises:
        AssessorError: the folder is missing, or ``path`` is a folder.
    """
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise AssessorError(f"cannot write {display_path(path)}: folder "
                            f"{display_path(folder)} does not exist")
    if path.is_dir():
        raise AssessorError(f"cannot write {display_path(path)}: it is a folder")


__all__ = ["Change", "Progress", "Session", "check_folder"]


def still_carried(current: Answer, value: Any, note: str | None,
                  extras: dict[str, Any]) -> str | None:
    """Return the carried date an answer keeps when answered again in the interview.

    The same answer confirms the last cycle's texts. A different one leaves them the last
    cycle's while any is kept as it was (the note, a finding or a flag not given anew), so
    ``check`` still says they are older than the answer: last year's note must not print
    beside this year's answer unread.
    """
    if not current.carried or value == current.value:
        return None
    kept = (current.note is not None and note == current.note) \
        or (current.finding is not None and "finding" not in extras) \
        or (current.flag is not None and "flag" not in extras)
    return current.carried if kept else None
