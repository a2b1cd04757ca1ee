"""The live interview: the loop from screen to screen, and the organisation's details.

The question screen (:mod:`.question`) is one application kept alive across questions; the
menus (:mod:`.menus`) and the review (:mod:`.review`) ask through :mod:`.prompts`. :mod:`.session`
decides what comes next and writes every answer at once; :mod:`assessor.record.values` checks
each value with the same function that checks a file; :mod:`.screens` words the screens.
Ctrl-C reaches :func:`run_interview`, which says where the answers are and how to resume, and
exits 130.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assessor import clock
from assessor.errors import AssessorError, display_path
from assessor.interview import menus, prompts, review, screens, stale
from assessor.interview.bindings import share_default_bindings
from assessor.interview.host import Commands, Request
from assessor.interview.question import QuestionScreen
from assessor.interview.session import Change, Session
from assessor.interview.start import open_session
from assessor.interview.steps import Step
from assessor.interview.wording import say
from assessor.model.catalog import Catalog, Question
from assessor.model.record import Answer
from assessor.terminal import UNSAFE, inert
from assessor.text import fit

NO_TERMINAL = ("the interview needs a terminal, and standard input is not one. To assess without "
               "prompts, fill in an answers file (`assessor template -o answers.yaml`) and run "
               "`assessor run answers.yaml`")


def run_interview(request: Request, catalog: Catalog) -> int:
    """Run ``assessor interview``; return 0 when done, 130 after Ctrl-C (answers saved).

    Raises:
        AssessorError: no terminal, an unknown questionnaire, an output file that exists, or
            a resumed file with mistakes.
    """
    session = open_session(catalog, request.banks, request.output, request.resume,
                           respondent=request.respondent)
    require_terminal()
    share_default_bindings()
    lang = request.lang or (session.assessment.lang if session.resumed else "en")
    interview = Interview(session, lang, Commands(request, session.path),
                          prompt_all=request.prompt_all)
    try:
        if not stale.offer(interview):
            return 0
        return interview.run()
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D / a closed terminal
        return interview.interrupted()


def require_terminal() -> None:
    """Refuse to start without a terminal: prompts would read piped text or hang.

    Raises:
        AssessorError: standard input is not a terminal.
    """
    try:
        ok = sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or detached
        ok = False
    if not ok:
        raise AssessorError(NO_TERMINAL)


class Interview:
    """The screens of one interview, driven by a loop over :class:`Step`."""

    def __init__(self, session: Session, lang: str, commands: Commands, *,
                 prompt_all: bool = False) -> None:
        self.session = session
        self.lang = lang
        self.commands = commands
        self.prompt_all = prompt_all  # the old rhythm: note and evidence after every answer
        self.status: list[screens.Line] = []  # shown at the top of the next screen
        self.show_help = False
        self.review_flagged = False  # the review shows only flagged answers
        self.questions: QuestionScreen | None = None  # built at the first question, kept

    def words(self, key: str, **values: object) -> str:
        """Return the wording ``key`` in the interview's language."""
        return say(key, self.lang, **values)

    # --- the loop ------------------------------------------------------------------------

    def run(self) -> int:
        """Go from step to step until the consultant finishes or saves and quits."""
        handlers: dict[str, Callable[[Step], Step]] = {
            "details": self.details, "ask": self.ask, "more": self.more,
            "review": lambda step: review.review(self, step),
            "final": lambda step: menus.final(self, step), "save_failed": self.save_failed}
        step = self.start()
        while step.kind in handlers:
            step = handlers[step.kind](step)
        if step.kind == "stopped":  # quit after a failed save: where the answers are
            print(step.target, file=sys.stderr)
            return 2
        if step.kind == "quit":
            if self.session.moved:
                self.session.save()
            print(self.words("quit_saved", path=self.session.shown,
                             count=self.session.recorded))
            print(f"{self.words('resume_cmd')} {self.commands.resume()}")
            return 0
        return menus.finish(self)

    def start(self) -> Step:
        """Return the first step: the details of a new interview, or where it stopped."""
        if not self.session.started:
            return Step("details")
        self.status.append(("ok", self.words("resumed", path=self.session.shown,
                                             count=self.session.recorded)))
        first = self.session.first_open()
        return Step("ask", first.id) if first else Step("final")

    def save_failed(self, step: Step) -> Step:
        """Say why the answers could not be saved; retry, save elsewhere, or quit with them.

        No traceback and no loop: the question screen has ended, nothing more is saved until
        the consultant chooses, and every answer is still in the session.
        """
        session, words = self.session, self.words
        while session.failure is not None:
            reason = session.failure.message
            prompts.show([*self.top(words("details")), ("warn", words("save_failed",
                                                                       reason=reason))])
            choice = prompts.select(words("more"), [
                prompts.Choice(words("save_retry"), value="retry"),
                prompts.Choice(words("save_elsewhere"), value="elsewhere"),
                prompts.Choice(words("save_quit"), value="quit")],
                instruction=words("select_hint"))
            session.failure = None
            try:
                if choice == "elsewhere":
                    session.move_to(Path(self.text(words("save_where"), "", required=True,
                                                   check=self.new_file)))
                if choice == "quit":
                    aside = session.save_aside()
                    return Step("stopped", "assessor: " + words("save_quit_where",
                                                                path=display_path(aside)))
                session.save()
            except AssessorError as exc:
                session.failure = exc
                if choice == "quit":
                    return Step("stopped", "assessor: " + words("save_lost", reason=exc.message))
        return Step("ask", step.target) if step.target else self.onward()

    def new_file(self, text: str) -> str | None:
        """Refuse a file that exists as the place to save to (it would be overwritten)."""
        return self.words("save_exists") if Path(text).exists() else None

    def onward(self) -> Step:
        """Return the first question not yet answered nor skipped, or the final screen."""
        found = self.session.pending(self.session.questions())
        return Step("ask", found.id) if found else Step("final")

    def interrupted(self) -> int:
        """Say where the answers are and how to resume; return 130."""
        session = self.session
        if session.started and (session.dirty or session.moved):
            session.save()  # Ctrl-C arrived during a save, or away from the saved position
        print(file=sys.stderr)
        if not session.started:
            print(f"assessor: {self.words('nothing_saved')}", file=sys.stderr)
            return 130
        saved = self.words("interrupted", count=session.recorded, path=session.shown)
        print(f"assessor: {saved}", file=sys.stderr)
        print(f"assessor: {self.words('resume_with', command=self.commands.resume())}",
              file=sys.stderr)
        return 130

    # --- drawing -------------------------------------------------------------------------

    def top(self, bar: str, status: list[screens.Line] | None = None) -> list[screens.Line]:
        """Clear the screen; return the bar across its top and the status lines."""
        prompts.clear_screen()
        if status is None:
            status, self.status = self.status, []
        cols = prompts.size()[1]
        return [("bar", fit(bar, cols))] + [(style, fit(text, cols)) for style, text in status]

    # --- questions -----------------------------------------------------------------------

    def ask(self, step: Step) -> Step:
        """Ask questions on the question screen until the interview goes elsewhere."""
        if self.questions is None:
            self.questions = QuestionScreen(self)
        return self.questions.run(step)

    def before(self, question: Question) -> Step:
        """Return the question before ``question``, or the organisation details."""
        found = self.session.previous(question)
        return Step("ask", found.id) if found else Step("details", origin=Step("ask", question.id))

    def after(self, question: Question) -> Step:
        """Return the next open question of the same questionnaire, else its review."""
        found = self.session.next_after(question)
        return Step("ask", found.id) if found else Step("review", question.questionnaire)

    def saved(self, question: Question, answer: Answer, change: Change) -> None:
        """Tell, on the next screen, what was saved and what it changed in scope."""
        self.status.append(("ok", self.words(
            "saved", qid=question.id, value=screens.answer_text(question, answer, self.lang))))
        for key, changed in (("dropped", change.dropped), ("added", change.added)):
            if changed:
                self.status.append(("warn", self.words(
                    key if len(changed) > 1 else f"{key}_one", count=len(changed))))

    def more(self, step: Step) -> Step:
        """Offer every way on from a question; back to it when nothing is chosen."""
        here = Step("ask", step.target, step.origin)
        return menus.go_to(self, here) or here

    # --- the organisation ----------------------------------------------------------------

    def text(self, label: str, default: str, *, hint: str | None = None, required: bool = False,
             check: Callable[[str], str | None] | None = None) -> str:
        """Ask for a line of text; return it stripped.

        A default holding characters a terminal acts on (a bidi override in a name read from a
        file) is not put in the edit line, where it would reach the terminal raw: it is shown
        inert above, and Enter on an empty line keeps it unchanged.
        """
        keeps = bool(default) and UNSAFE.search(default) is not None

        def validate(text: str) -> bool | str:
            if required and not text.strip() and not keeps:
                return self.words("required")
            return (check(text.strip()) if check and text.strip() else None) or True

        if keeps:
            prompts.show([("dim", self.words("current_value", value=inert(default)))])
            return prompts.text(label, "", hint=self.words("enter_keeps"),
                                validate=validate) or default
        return prompts.text(label, default, hint=hint, validate=validate)

    def details(self, step: Step) -> Step:
        """Ask who is assessed, by whom and when; save as soon as there is a name."""
        session = self.session
        prompts.show([*self.top(self.words("details")), ("", ""),
                      ("", self.words("welcome", path=session.shown)),
                      ("dim", self.words("welcome_keys")), ("", "")])
        org, assessment = session.organisation, session.assessment
        name = self.text(self.words("org_name"), org.name if org else "", required=True)
        values: dict[str, Any] = {"name": name, "sector": org.sector if org else None,
                                  "consultant": assessment.consultant,
                                  "date": assessment.date or clock.today().isoformat(),
                                  "lang": assessment.lang if session.resumed else self.lang}
        session.set_details(**values)
        asked = (("consultant", "consultant"),) if session.sector_question() else (
            ("sector", "org_sector"), ("consultant", "consultant"))  # the profile asks it
        for key, label in asked:
            values[key] = self.text(self.words(label), values[key] or "",
                                    hint=self.words("enter_skips")) or None
            session.set_details(**values)
        values["date"] = self.text(self.words("date"), values["date"],
                                   hint=self.words("date_hint"), check=date_problem(self.lang))
        session.set_details(**values)
        return step.origin or self.onward()


def date_problem(lang: str) -> Callable[[str], str | None]:
    """Return a check that a date is written YYYY-MM-DD."""
    def check(text: str) -> str | None:
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return say("date_bad", lang)
        return None

    return check
