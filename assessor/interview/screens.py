"""Screens of the interview as text: headings, help, review rows, scope and the end summary.

Pure functions from the session to styled lines ``(style, text)`` fitted to a width; the
interview prints them and asks. Kept apart from the prompts so what a consultant reads can be
checked without a terminal, and so the prompt module stays about asking.
"""

from __future__ import annotations

from typing import assert_never

from assessor.banks.scope import display_value, scope_text
from assessor.interview.session import Session
from assessor.interview.wording import SEVERITY, pick, say
from assessor.model.catalog import Question, Questionnaire, QuestionType
from assessor.model.record import NA, UNKNOWN, Answer
from assessor.model.result import Result, Score, rating_words
from assessor.text import fit, pad, width, wrap

Line = tuple[str, str]  # (style class, text)
TOP_GAPS = 5


def short(questionnaire: Questionnaire, lang: str) -> str:
    """Return the short name shown in the bar: the instrument code, or Profile."""
    if questionnaire.kind == "profile":
        return say("profile", lang)
    return questionnaire.instrument or questionnaire.id.upper()


def bar(left: str, right: str, cols: int) -> str:
    """Return the line across the top of a screen: a title left, progress right."""
    room = cols - width(right) - (1 if right else 0)
    return pad(left, room) + (" " + right if right else "")


def question_bar(session: Session, question: Question, lang: str, cols: int) -> str:
    """Return a question's bar: instrument and section, its place, and the share answered."""
    questionnaire = session.questionnaire_of(question)
    name = short(questionnaire, lang)
    progress = session.progress(question)
    right = f"{name} {progress.position}/{progress.total} · " + say(
        "done", lang, percent=progress.percent)
    return bar(f"{name} · {session.section_of(question).title.get(lang)}", right, cols)


def question_head(session: Session, question: Question, lang: str, cols: int) -> list[Line]:
    """Return the lines under the bar: the id (and current answer), then the keys."""
    ident: str = question.id
    current = session.answers.get(question.id)
    if current is not None:
        ident += " · " + say("answered", lang, value=answer_text(question, current, lang))
    return [("dim", fit(ident, cols)), *carried_lines(current, lang, cols),
            *[("dim", fit(line, cols)) for line in key_lines(question, lang)], ("", "")]


def carried_lines(answer: Answer | None, lang: str, cols: int) -> list[Line]:
    """Say that an answer's note, finding and flag (shown below it) are the last cycle's.

    Answering again confirms them (``check`` stops warning), so the screen says so first: a
    text no one has read again must not be confirmed unawares by a key press.
    """
    if answer is None or not answer.carried or not (answer.note or answer.finding or answer.flag):
        return []  # as check's warning: an answer carried with no text has nothing to confirm
    return [("warn", fit(say("carried", lang, day=answer.carried), cols))]


def key_lines(question: Question, lang: str) -> list[str]:
    """Return the keys of a question's screen: how to choose, the answer's fields, moving."""
    specials = [f"x {say('k_na', lang)}", f"u {say('k_unknown', lang)}"] + (
        [f"m {say('k_alternate', lang)}"] if question.alternate else [])
    count = len(question.options)
    match question.type:
        case QuestionType.MULTI:
            first = [say("k_tick", lang, first=1, last=count), *specials]
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.SCALE:
            first = [say("k_choose", lang, first=1, last=count), *specials]
        case QuestionType.NUMBER:
            first = [say("k_type", lang), *specials]
        case QuestionType.TEXT:
            first = [say("k_type", lang)]
        case _:
            assert_never(question.type)
    prefix = "Ctrl-" if question.type.free_text else ""  # letters are the answer's own
    first.append(say("k_enter", lang))
    fields = [("n", "k_note"), ("e", "k_evidence"), ("f", "k_flag"), ("i", "k_internal")] + (
        [("o", "k_finding"), ("s", "k_severity")] if question.scored else [])
    keys = [f"{prefix}{key.upper() if prefix else key} {say(word, lang)}"
            for key, word in fields if not prefix or key in "nef"]  # Ctrl-I is Tab
    lines = [" · ".join(first), " · ".join(keys), say("k_moves", lang)]
    if question.type is QuestionType.NUMBER:  # "2.4m" holds letters: chords once typed
        lines.insert(2, say("k_chords", lang))  # a line of its own: 80 columns hold the rest
    return lines


def text_lines(question: Question, lang: str, cols: int) -> list[Line]:
    """Return the question itself, wrapped."""
    return [("title", line) for line in wrap(question.text.get(lang), cols)]


def intro_lines(session: Session, question: Question, lang: str, cols: int) -> list[Line]:
    """Return the questionnaire's introduction when ``question`` is its first, else nothing."""
    questionnaire = session.questionnaire_of(question)
    if not questionnaire.intro or session.progress(question).position != 1:
        return []
    return [("dim", line) for line in wrap(questionnaire.intro.get(lang), cols)]


def help_lines(session: Session, question: Question, lang: str, cols: int) -> list[Line]:
    """Return the help, legal basis (with article titles), scope and evidence of a question."""
    lines = intro_lines(session, question, lang, cols)
    if question.help:
        lines.append(("title", say("help", lang)))
        lines += [("", line) for line in wrap(question.help.get(lang), cols, "  ")]
    if question.references:
        lines.append(("title", say("basis", lang)))
        for ref in question.references:
            instrument = session.catalog.instruments.get(ref.law)
            article = instrument.article(ref.article) if instrument else None
            text = ref.cite(lang) + (f" — {article.title.get(lang)}" if article else "")
            if article is not None and not article.verified:
                text += f" ({say('to_verify', lang)})"
            lines += [("", line) for line in wrap(text, cols, "  ")]
    for scope in scope_text(session.catalog, question):
        lines += [("dim", line) for line in wrap(
            f"{say('applies_to', lang)}: {scope.get(lang)}", cols, "  ")]
    if question.evidence:
        lines += [("dim", line) for line in wrap(
            f"{say('evidence_look', lang)}: {question.evidence.get(lang)}", cols, "  ")]
    if question.scored:
        lines.append(("dim", "  " + say("severity", lang, severity=pick(
            SEVERITY[question.severity], lang), weight=f"{question.weight:g}")))
    return lines


def option_title(label: str, cols: int, indent: int) -> str:
    """Return an option's label wrapped to the screen, continued under its first word."""
    return ("\n" + " " * indent).join(wrap(label, cols - indent - 1))


def review_stats(session: Session, questionnaire: Questionnaire, result: Result,
                 lang: str) -> str:
    """Return the one-line account of a questionnaire: answered, gaps, unknown, score.

    A bank's counts are those of :func:`assessor.scoring.standing` (``result``), as ``score``
    and the reports give them: controls, a fact asked under another law counted in each law.
    """
    if questionnaire.kind == "profile":
        asked = session.questions(questionnaire)
        answered = sum(1 for q in asked if q.id in session.answers)
        return say("review_count", lang, answered=answered, total=len(asked))
    gaps = sum(1 for g in result.gaps  # a fact asked under another law counts here too
               if questionnaire.id in {q.questionnaire for q in g.questions})
    found = result.by_questionnaire.get(questionnaire.id) or Score(None, 0, 0)
    score = say("score", lang, score=f"{found.score:.0f}") if found.score is not None else ""
    return say("review_stats", lang, answered=found.answered, total=found.applicable,
               coverage=f"{found.coverage:.0f}", gaps=gaps, unknown=found.unknown, score=score)


def scope_lines(session: Session, lang: str, cols: int,
                result: Result | None = None) -> list[Line]:
    """Return, after the profile, which instruments apply and how many controls each holds.

    The count is the controls :func:`assessor.scoring.standing` scores (``score``'s and the
    reports'); those whose fact this interview asks under another law are said so.
    """
    result = result or session.result()
    lines: list[Line] = []
    for questionnaire in session.questionnaires:
        if questionnaire.kind == "profile":
            continue
        found = result.by_questionnaire.get(questionnaire.id)
        count = found.applicable if found is not None else 0
        lent = len(session.listed(questionnaire)) - len(session.questions(questionnaire))
        text = f"  {short(questionnaire, lang):<6} {questionnaire.title.get(lang)}"
        state = say("scope_applies", lang, count=count) if count else say("scope_not", lang)
        more = say("scope_lent", lang, count=lent) if count and lent else ""
        if width(text) + width(state + more) + 1 <= cols:  # the title first, then the detail
            state += more
        lines.append(("ok" if count else "dim", pad(text, cols - width(state) - 1) + " " + state))
    return lines + registers_lines(session, lang, cols)


def registers_lines(session: Session, lang: str, cols: int) -> list[Line]:
    """When the profile sends data abroad, say what the filings' registers hold, or how to add them.

    The registers are lists (items, recipients, systems, links), filled in a workbook rather than
    one question at a time; the screen after the profile offers that route.
    """
    abroad = session.answers.get("profile.transfers_abroad")
    if abroad is None or abroad.value != "yes":
        return []
    inventory = session.inventory
    if inventory is None or not inventory.transfers:
        return [*(("", line) for line in wrap(say("registers_none", lang), cols - 2)),
                *(("dim", line) for line in wrap(say("registers_how", lang, file=session.shown),
                                                 cols - 2))]
    return [("ok", fit(say("registers_held", lang, items=len(inventory.data_items),
                           links=len(inventory.transfers)), cols - 2))]


def id_columns(questions: list[Question]) -> int:
    """Return the width of the id column of a review: the longest id, within reason."""
    return min(max((len(q.id) - len(q.questionnaire) - 1 for q in questions), default=0), 24)


def review_row(session: Session, question: Question, result: Result, lang: str, cols: int,
               id_cols: int) -> str:
    """Return one review line: a mark, the question's id, the answer, and any gap.

    A control whose fact is asked under another says where: "answered under CSL Art. 23".
    """
    primary = session.lent(question)
    answer = session.answers.get(primary.id if primary else question.id)
    mark, flag = "✓", ""
    if answer is None:
        mark, value = "·", say("not_answered", lang)
    else:
        value = answer_text(question, answer, lang)
    if primary is not None:
        where = primary.references[0].cite(lang) if primary.references else primary.id
        value = say("under", lang, where=where) + (f": {value}" if answer else "")
    if answer is not None:
        scored = result.question_scores.get(question.id)
        if answer.special == NA:
            mark = "–"
        elif question.scored and scored is not None and scored < 1:
            mark = "?" if answer.special == UNKNOWN else "!"
            flag = say("gap", lang, severity=pick(SEVERITY[question.severity], lang))
    if answer is not None and answer.flag:
        mark = "⚑"  # tentative: to be confirmed with the client
    flag_cols = 13 if question.scored else 0
    value_cols = cols - 2 - id_cols - 1 - (flag_cols + 1 if flag_cols else 0)
    name = question.id.removeprefix(question.questionnaire + ".")
    if flag and primary is None:  # a gap is named by its text too, for a shared screen
        value = fit(value, min(width(value), 18))
        text = fit(question.text.get(lang), max(value_cols - width(value) - 3, 8))
        value = f"{text} · {value}"
    return f"{mark} {pad(name, id_cols)} {pad(value, value_cols)} {fit(flag, flag_cols)}".rstrip()


def answer_text(question: Question, answer: Answer, lang: str) -> str:
    """Return an answer as the consultant reads it; an empty tick list says so in words."""
    if isinstance(answer.value, tuple) and not answer.value:
        return say("none_ticked", lang)
    return display_value(question, answer, lang)


def summary(session: Session, result: Result, lang: str) -> list[str]:
    """Return the end summary: overall score, each instrument with coverage, the top gaps.

    Each number is one another view gives: the answers as ``check`` counts them, the score,
    coverage and controls as ``score`` and the reports (:func:`assessor.scoring.standing`).
    """
    organisation = session.organisation
    still = len(session.open_questions())  # the answers as check counts them; what is left
    overall = result.overall
    score = "—" if overall.score is None else f"{overall.score:.0f}"
    lines = [f"{organisation.name if organisation else ''} · {session.assessment.date or ''}",
             say("summary_saved", lang, path=session.shown, count=session.recorded,
                 noun="answer" if session.recorded == 1 else "answers",
                 open=say("summary_open", lang, count=still) if still else ""), "",
             say("overall", lang, score=score, rating=rating_words(result.rating, lang),
                 coverage=f"{overall.coverage:.0f}", answered=overall.answered,
                 total=overall.applicable), ""]
    for questionnaire in session.questionnaires:
        found = result.by_questionnaire.get(questionnaire.id)
        if found is None:
            continue
        value = "—" if found.score is None else f"{found.score:.0f}"
        lines.append(f"  {pad(questionnaire.title.get(lang), 56)} {value:>4} "
                     f"{found.coverage:5.0f}%")
    lines += ["", say("top_gaps", lang) if result.gaps else say("no_gaps", lang)]
    for gap in result.gaps[:TOP_GAPS]:
        ref = gap.question.references[0].cite(lang) if gap.question.references else ""
        severity = pick(SEVERITY[gap.question.severity], lang)
        lines.append(fit(f"  {gap.rank:>2}. {pad(severity, 8)} {gap.question.id}  {ref}", 78))
        lines.append(fit(f"      {gap.question.text.get(lang)}", 78))
    return lines
