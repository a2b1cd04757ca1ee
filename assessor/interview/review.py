"""The review of a questionnaire: its answers and gaps, any of them reopened from the list.

A filter shows only the flagged answers (tentative, to be confirmed), the list a consultant
goes through with the client at the end of a session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessor.interview import prompts, screens
from assessor.interview.prompts import Choice, Separator
from assessor.interview.steps import Step
from assessor.text import fit

if TYPE_CHECKING:
    from assessor.interview.host import Interview


def review(interview: Interview, step: Step) -> Step:
    """List a questionnaire's answers and gaps; any answer can be reopened from here."""
    session, lang, words = interview.session, interview.lang, interview.words
    questionnaire = session.catalog.questionnaire(step.target)
    if questionnaire is None:
        return interview.onward()
    rows, cols = prompts.size()
    asked, result = session.questions(questionnaire), session.result()
    flagged = [q for q in asked if (a := session.answers.get(q.id)) is not None and a.flag]
    only_flagged = interview.review_flagged and bool(flagged)
    lines = interview.top(words("review", title=questionnaire.title.get(lang)))
    lines.append(("", screens.review_stats(session, questionnaire, result, lang)))
    if questionnaire.kind == "profile":
        lines += screens.scope_lines(session, lang, cols, result)
    lines.append(("dim", words("open_it")))
    prompts.show(lines)
    choices: list[Choice | Separator] = [leave(interview, step)]
    still = session.open_questions(questionnaire)
    if still:
        choices.append(Choice(words("answer_open", count=len(still)), value="open"))
    if flagged:
        choices.append(Choice(words("all_filter") if only_flagged else words(
            "flagged_filter", count=len(flagged)), value="filter"))
    listed = session.listed(questionnaire)
    section, id_cols = "", screens.id_columns(listed)
    for question in flagged if only_flagged else listed:
        if question.section != section:
            section = question.section
            title = session.section_of(question).title.get(lang)
            choices.append(Separator(fit(f"── {title} ──", cols - 4)))
        primary = session.lent(question)  # its fact is answered there: open that one
        choices.append(Choice(screens.review_row(session, question, result, lang, cols - 4,
                                                 id_cols),
                              value=Step("ask", (primary or question).id, origin=step)))
    picked = prompts.select(words("review", title=screens.short(questionnaire, lang)), choices,
                            search=True, instruction=words("search_hint"),
                            rows=rows - len(lines) - 2)
    if picked == "filter":
        interview.review_flagged = not only_flagged
        return step
    if picked == "open":
        session.skipped.difference_update(q.id for q in still)
        return Step("ask", still[0].id)
    return picked  # type: ignore[no-any-return]


def leave(interview: Interview, step: Step) -> Choice:
    """Return the way out of a review: back where it was opened, or on to what follows."""
    session, lang, words = interview.session, interview.lang, interview.words
    questionnaire = session.catalog.questionnaire(step.target)
    following = session.next_questionnaire(questionnaire) if questionnaire else None
    if step.origin is not None:  # opened from a question or the end: go back there
        back = Choice(words("back_to", qid=step.origin.target) if step.origin.target
                      else words("back_final"), value=step.origin)
    elif following is not None:
        title = session.questionnaire_of(following).title.get(lang)
        back = Choice(words("continue_to", title=title), value=Step("ask", following.id))
    else:
        back = Choice(words("continue_end"), value=Step("final"))
    back.title = fit(str(back.title), prompts.size()[1] - 4)
    return back
