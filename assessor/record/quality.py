"""Quality checks: what a reviewer should look at before an answers file is signed off.

A check never stops a file from loading or a report from rendering: it yields warnings
(:class:`~assessor.errors.Problem` records, located like errors), which ``check`` prints after the
errors and the report's method section counts. To add one, write a function taking a
:class:`Review` (the catalog, the answers and their scores) and yielding problems, and add it to
:data:`CHECKS` under a short name; the report's fixed text ``quality_<name>`` labels its count
(the name itself stands in until that text is written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assessor.banks.scope import display_value
from assessor.errors import Problem
from assessor.model.catalog import Catalog, Question
from assessor.model.record import NA, UNKNOWN, Answer, Answers
from assessor.model.result import Result
from assessor.model.said import Said, untranslated
from assessor.record.conflicts import OPEN_FLAG, describe
from assessor.record.evidence import EVIDENCE_ID
from assessor.scoring import score

Value = str | float | tuple[str, ...]
Check = Callable[["Review"], Iterator[Problem]]



@dataclass(frozen=True)
class Review:
    """What every check reads: the catalog, the answers and their scores (computed once)."""

    catalog: Catalog
    answers: Answers
    result: Result

    def answered(self) -> Iterator[Answer]:
        """Yield every answer given, in catalog order (not the copies of a fact asked once)."""
        order = self.catalog.order
        for qid in sorted(self.answers.answers, key=lambda q: order.get(q, len(order))):
            if self.answers.answers[qid].via is None:
                yield self.answers.answers[qid]

    def applicable(self) -> Iterator[Answer]:
        """Yield the answers to applicable controls, in catalog order."""
        for answer in self.answered():
            question = self.catalog.question(answer.qid)
            if question is not None and question.scored and \
                    self.result.applicable.get(answer.qid):
                yield answer

    def warn(self, answer: Answer, message: str) -> Problem:
        """Return a warning located at ``answer``'s line in the answers file."""
        return Problem(self.answers.path, message, answer.line, answer.qid)


def met_without_evidence(review: Review) -> Iterator[Problem]:
    """An applicable control answered as fully met, with nothing to show for it."""
    for answer in review.applicable():
        if (answer.special is None and not answer.evidence
                and review.result.question_scores.get(answer.qid) == 1.0):
            yield review.warn(answer, "implemented but no evidence: name a document or an "
                                      "evidence id")


def not_met_without_note(review: Review) -> Iterator[Problem]:
    """A gap with no note: the report would state the shortfall without saying what is missing."""
    for answer in review.applicable():
        value = review.result.question_scores.get(answer.qid)
        if (answer.special is None and value is not None and value < 1.0
                and not answer.note and not answer.finding):
            yield review.warn(answer, "not met without a note: say what is missing")


def flagged(review: Review) -> Iterator[Problem]:
    """An answer marked tentative, to be confirmed with the client."""
    for answer in review.answered():
        if answer.flag and not (answer.flag == OPEN_FLAG and answer.open_conflicts):
            yield review.warn(answer, f"flagged for follow-up: {answer.flag}")


def open_conflict(review: Review) -> Iterator[Problem]:
    """Answers given differently by respondents, not settled yet: the record holds one of them."""
    lang = review.answers.assessment.lang
    for answer in review.answered():
        question = review.catalog.question(answer.qid)
        if question is None or not answer.open_conflicts:
            continue

        def shown(value: Value, question: Question = question) -> str:
            return display_value(question, Answer(question.id, value), lang)

        others = "; ".join(describe(c, shown) for c in answer.open_conflicts)
        yield review.warn(answer, f"open conflict: {shown(answer.value)!r} is recorded, "
                                  f"{others} "
                                  f"{'differ' if len(answer.open_conflicts) > 1 else 'differs'}"
                                  ": settle it (`assessor set`, or answer it "
                                  "again in the interview)")


def unknown(review: Review) -> Iterator[Problem]:
    """An applicable control answered ``unknown``: it scores 0 until the client confirms."""
    for answer in review.applicable():
        if answer.special == UNKNOWN:
            yield review.warn(answer, "unknown: scores 0 until the client confirms")


def evidence_rejected(review: Review) -> Iterator[Problem]:
    """Evidence the register marks rejected still supports an answer."""
    for answer in review.answered():
        for ref in answer.evidence:
            item = review.answers.evidence.get(ref)
            if item is not None and item.status == "rejected":
                reason = f": {item.note}" if item.note else ""
                yield review.warn(answer, f"evidence rejected: {ref} ({item.title}){reason}")


def evidence_missing(review: Review) -> Iterator[Problem]:
    """A reference written like an evidence id that the register does not hold (a typo)."""
    for answer in review.answered():
        for ref in answer.evidence:
            if ref not in review.answers.evidence and EVIDENCE_ID.fullmatch(ref):
                yield review.warn(answer, f"evidence {ref} names no item of the evidence "
                                          "register")


def carried_over(review: Review) -> Iterator[Problem]:
    """A note, finding or flag carried from the last cycle, not yet confirmed or changed."""
    for answer in review.answered():
        if not answer.carried or not (answer.note or answer.finding or answer.flag):
            continue
        confirm = f"`assessor set FILE {answer.qid} --confirm`"
        if answer.at and answer.at > answer.carried:
            yield review.warn(answer, f"carried text older than the answer: the answer changed "
                                      f"on {answer.at}, its note, finding or flag are the last "
                                      f"cycle's ({answer.carried}): update them, or confirm "
                                      f"them with {confirm}")
        else:
            yield review.warn(answer, f"carried over from the last cycle ({answer.carried}): "
                                      f"confirm its note, finding and flag ({confirm}) or "
                                      "change them")


def summary_carried(review: Review) -> Iterator[Problem]:
    """The executive summary is the last cycle's (``assessor reassess``), or older than answers."""
    assessment = review.answers.assessment
    if not assessment.carried or not assessment.summary:
        return
    newer = sorted({a.at for a in review.answered() if a.at and a.at > assessment.carried})
    since = f", and answers changed since (the last on {newer[-1]})" if newer else ""
    yield Problem(review.answers.path, f"summary carried from the last cycle "
                  f"({assessment.carried}){since}: rewrite it (`assessor set FILE --summary "
                  "...`) or confirm it (`assessor set FILE --confirm-summary`)")


def changed_after_sign_off(review: Review) -> Iterator[Problem]:
    """A sign-off that does not hold: the file is a draft until it is signed off again.

    The record changed after it, its digest was removed or never made (a hand-written
    ``status: final``), or it no longer covers what a report would show (a bank's version).
    """
    verdict = review.answers.seal
    if verdict is not None and not verdict.holds:
        yield Problem(review.answers.path, f"not final: {verdict.reason}; the file is a draft "
                      "until it is signed off again (`assessor sign-off`)")


CHANGED = "changed_after_sign_off"


def not_applicable(review: Review) -> Iterator[Problem]:
    """An answer to a question that does not apply: kept in the file, but it counts for nothing.

    Often the profile changed after the answer was given, or the answer went to the wrong id.
    An ``na`` answer says the same thing as the scope, so it is not reported.
    """
    for answer in review.answered():
        if answer.special != NA and answer.qid in review.result.applicable and \
                not review.result.applicable[answer.qid]:
            yield review.warn(answer, "answered, but the question does not apply: the answer is "
                                      "kept and not scored")


def second_answer(review: Review) -> Iterator[Problem]:
    """A second answer to a fact now asked once (files written before the bank merged them)."""
    for qid, line in review.answers.superseded.items():
        under = review.answers.answers[qid].via
        yield Problem(review.answers.path, f"the same fact as {under}, whose answer counts for "
                      "both: this answer is not used (remove it)", line, qid)


def bilingual(answers: Answers) -> bool:
    """Return whether the engagement is reported in Chinese too.

    It is when the file's language is Chinese, or the consultant has written any text (the
    summary, a finding, a name) in both languages: then every text a client reads needs both.
    """
    if answers.assessment.lang == "zh" or "zh" in answers.assessment.summary:
        return True
    texts = [answers.organisation.name, answers.organisation.sector, answers.assessment.firm]
    for answer in answers.answers.values():
        texts += [answer.finding, answer.severity.justification if answer.severity else None]
    texts += [action.comment for action in answers.actions.values()]
    return any(isinstance(t, Said) and t.en and t.zh for t in texts)


def missing_chinese(review: Review) -> Iterator[Problem]:
    """A consultant's text a client reads with no Chinese, in an engagement reported in Chinese.

    The Chinese report prints such a text as written (in English): the warning comes first, so
    that never happens unannounced. The client's own notes are quoted as given, and not listed.
    """
    if bilingual(review.answers):
        yield from chinese_missing(review)


def chinese_missing(review: Review) -> Iterator[Problem]:
    """Yield each consultant's text a client reads that has no Chinese (see missing_chinese)."""
    answers = review.answers
    said = ("has no Chinese (write it as {en: ..., zh: ...}): the Chinese report prints it as "
            "written")
    for key, text in (("organisation name", answers.organisation.name),
                      ("organisation sector", sector_words(review)),
                      ("firm", answers.assessment.firm)):
        if untranslated(text):
            yield Problem(answers.path, f"the {key} {said}")
    if answers.assessment.summary and "zh" not in answers.assessment.summary:
        yield Problem(answers.path, f"the summary {said}")
    for answer in review.applicable():
        if untranslated(answer.finding):
            yield review.warn(answer, f"the finding {said}")
        if answer.severity and untranslated(answer.severity.justification):
            yield review.warn(answer, f"the severity's justification {said}")
    for action in answers.actions.values():
        if untranslated(action.comment):
            yield Problem(answers.path, f"the action's comment {said}", action.line, action.qid)


def sector_words(review: Review) -> str | None:
    """Return the sector as the consultant wrote it, or None when it is an option (translated)."""
    sector = review.answers.organisation.sector
    question = review.catalog.question("profile.sector")
    if sector is None or (question is not None and question.option(str(sector))):
        return None
    return sector


CHECKS: dict[str, Check] = {
    "no_evidence": met_without_evidence,
    "no_note": not_met_without_note,
    "open_conflict": open_conflict,
    "flagged": flagged,
    "unknown": unknown,
    "evidence_rejected": evidence_rejected,
    "evidence_missing": evidence_missing,
    CHANGED: changed_after_sign_off,
    "not_applicable": not_applicable,
    "carried": carried_over,
    "summary_carried": summary_carried,
    "second_answer": second_answer,
    "untranslated": missing_chinese,
}


def run_checks(catalog: Catalog, answers: Answers,
               result: Result | None = None) -> dict[str, list[Problem]]:
    """Return every check's warnings by check name (``result`` saves scoring again)."""
    review = Review(catalog, answers, result if result is not None
                    else score(catalog, answers.answers))
    return {name: list(check(review)) for name, check in CHECKS.items()}


def warnings(catalog: Catalog, answers: Answers, result: Result | None = None,
             skip: tuple[str, ...] = ()) -> list[Problem]:
    """Return every warning but those of the ``skip`` checks, in the order of the file's lines."""
    found = [p for name, problems in run_checks(catalog, answers, result).items()
             if name not in skip for p in problems]
    return sorted(found, key=lambda p: p.line if p.line is not None else 0)
