"""The interview's menus: what now (from a question), jump to a section, the end, and render.

Each takes the running :class:`~assessor.interview.app.Interview` and returns the next step;
they ask through :mod:`.prompts`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessor.errors import display_path
from assessor.interview import prompts, screens
from assessor.interview.prompts import Choice
from assessor.interview.steps import Act, Step
from assessor.text import fit, pad

if TYPE_CHECKING:
    from assessor.interview.host import Interview


def more(interview: Interview, here: Step) -> Step | None:
    """Offer every way to move on from a question; return the step chosen (None: stay)."""
    session, words = interview.session, interview.words
    question = session.catalog.by_id[here.target]
    questionnaire = session.questionnaire_of(question)
    picked = prompts.select(words("more"), [
        Choice(words("stay"), value="stay"),
        Choice(words("hide_help" if interview.show_help else "show_help"), value=Act.HELP),
        Choice(words("go_back"), value=Act.BACK),
        Choice(words("skip"), value=Act.SKIP),
        Choice(words("jump"), value="jump"),
        Choice(words("review_this", title=questionnaire.title.get(interview.lang)),
               value=Step("review", questionnaire.id, origin=here)),
        Choice(words("edit_details"), value=Step("details", origin=here)),
        Choice(words("quit"), value=Step("quit")),
    ], instruction=words("select_hint"))
    if picked == "jump":
        return jump(interview, here)
    if picked is Act.HELP:
        interview.show_help = not interview.show_help
        return None
    if picked is Act.BACK:
        return here.origin or interview.before(question)
    if picked is Act.SKIP:
        session.skipped.add(question.id)
        return here.origin or interview.after(question)
    return None if picked == "stay" else picked


def go_to(interview: Interview, here: Step) -> Step | None:
    """Go to a question by its id (``:`` then the id; Enter alone opens the menu of moves).

    A part of an id that only one applicable question holds is enough: ``consent.quality``.
    """
    session, words = interview.session, interview.words
    ids = [q.id for q in session.questions()]
    typed = prompts.complete(words("goto"), ids, hint=words("goto_hint"))
    if not typed:
        return more(interview, here)
    found = [qid for qid in ids if qid == typed] or [qid for qid in ids if typed in qid]
    if len(found) != 1:
        interview.status.append(("warn", words("goto_none" if not found else "goto_many",
                                               typed=typed, count=len(found))))
        return None
    return Step("ask", found[0], origin=None)


def jump(interview: Interview, here: Step) -> Step | None:
    """Offer every section that applies, with how much of it is answered."""
    session, lang, words = interview.session, interview.lang, interview.words
    rows, cols = prompts.size()
    cols -= 4
    current = session.catalog.by_id.get(here.target)
    top = interview.top(words("jump_to"), status=[])
    prompts.show(top)
    choices = [Choice(fit(words("details"), cols), value=Step("details", origin=here))]
    default = None
    for questionnaire in session.questionnaires:
        for section in questionnaire.sections:
            asked = session.section_questions(section)
            if not asked:
                continue
            done = sum(1 for q in asked if q.id in session.answers)
            target = next((q for q in asked if q.id not in session.answers), asked[0])
            count = f"  {done}/{len(asked)}" + (" ✓" if done == len(asked) else "")
            title = f"{screens.short(questionnaire, lang)} · {section.title.get(lang)}"
            choices.append(Choice(pad(title, cols - len(count)) + count,
                                  value=Step("ask", target.id)))
            if current is not None and current.section == section.id:
                default = choices[-1]
    choices.append(Choice(words("cancel"), value="cancel"))
    picked = prompts.select(words("section"), choices, default=default, search=True,
                            instruction=words("search_hint"), rows=rows - len(top) - 2)
    return picked if isinstance(picked, Step) else None


def final(interview: Interview, step: Step) -> Step:  # noqa: ARG001 - one signature for all
    """Offer to finish, answer what is still open, review an instrument, or jump."""
    session, lang, words = interview.session, interview.lang, interview.words
    session.stop_at(None)
    if session.moved:
        session.save()
    asked, still = session.questions(), session.open_questions()
    state = ("warn", words("some_open", answered=len(asked) - len(still), total=len(asked),
                           open=len(still))) if still else (
        "ok", words("all_answered", total=len(asked)))
    top = interview.top(words("final"))
    prompts.show([*top, ("", ""), state])
    choices = [Choice(words("finish"), value=Step("finish"))]
    if still:
        choices.append(Choice(words("answer_open", count=len(still)), value="open"))
    rows, cols = prompts.size()
    choices += [Choice(fit(words("review_this", title=q.title.get(lang)), cols - 4),
                       value=Step("review", q.id, origin=Step("final")))
                for q in session.questionnaires if session.questions(q)]
    choices.append(Choice(words("jump"), value="jump"))
    picked = prompts.select(words("more"), choices, instruction=words("select_hint"),
                            rows=rows - len(top) - 4)
    if picked == "open":
        session.skipped.clear()
        return Step("ask", still[0].id)
    if picked == "jump":
        return jump(interview, Step("final")) or Step("final")
    return picked  # type: ignore[no-any-return]


def finish(interview: Interview) -> int:
    """Print the summary and the command that renders the report; offer to render now."""
    session, words = interview.session, interview.words
    still = len(session.open_questions())
    prompts.clear_screen()
    print("\n".join(screens.summary(session, session.result(), interview.lang)))
    pdf, html = session.path.with_suffix(".pdf"), session.path.with_suffix(".html")
    commands = interview.commands
    print(f"\n{words('render_cmd')} {commands.render(pdf, incomplete=bool(still))}")
    if still:
        print(f"{words('resume_cmd')} {commands.resume()}")
    draft = words("draft", count=still) if still else ""
    picked = prompts.select(words("render_now"), [
        Choice(words("render_pdf", path=display_path(pdf)) + draft, value=pdf),
        Choice(words("render_html", path=display_path(html)) + draft, value=html),
        Choice(words("render_no"), value="no")], instruction=words("select_hint"))
    if picked != "no":
        from assessor.record.answers import load
        from assessor.render import render_file

        answers = load(session.path, session.catalog, allow_incomplete=bool(still))
        written = render_file(session.catalog, answers, session.path, picked, None, None)
        print(words("wrote", path=display_path(written)))
    return 0
