"""The live interview: questionary prompts, one calm screen per question; the session saves.

Only this module talks to the terminal during an interview. It asks; :mod:`.session` decides what
comes next and writes every answer at once; :mod:`assessor.record.answers` checks each value with
the same function that checks a file; :mod:`.screens` words the screens.
Prompts use ``unsafe_ask`` (``ask`` swallows Ctrl-C), so Ctrl-C reaches :func:`run_interview`,
which says where the answers are and how to resume, and exits 130.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.layout import Dimension
from prompt_toolkit.shortcuts import clear
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from assessor.banks.scope import display_value
from assessor.errors import AssessorError, display_path
from assessor.interview import screens
from assessor.interview.session import Change, Session, open_session
from assessor.interview.wording import fit, pad, say
from assessor.model import ALTERNATE, NA, SPECIAL_VALUES, UNKNOWN, Answer, Catalog, Question
from assessor.model import QuestionType as Type
from assessor.record.answers import check_value, needs_note

NO_TERMINAL = ("the interview needs a terminal, and standard input is not one. To assess without "
               "prompts, fill in an answers file (`assessor template -o answers.yaml`) and run "
               "`assessor run answers.yaml`")
STYLE = questionary.Style([
    ("qmark", "fg:#5f87d7 bold"), ("question", "bold"), ("answer", "fg:#5faf5f bold"),
    ("pointer", "fg:#5f87d7 bold"), ("highlighted", "fg:#5f87d7 bold"),
    ("selected", "fg:#5faf5f"), ("separator", "fg:#808080"), ("instruction", "fg:#808080"),
    ("bar", "reverse bold"), ("dim", "fg:#808080"), ("ok", "fg:#5faf5f"),
    ("warn", "fg:#d7af00"), ("title", "bold"),
])
RULE = "─" * 16


class Act(Enum):
    """A navigation request, as opposed to an answer (an Enum, so no option id can equal one)."""

    HELP = "help"
    BACK = "back"
    SKIP = "skip"
    MORE = "more"


KEYS = {"?": Act.HELP, "<": Act.BACK, ">": Act.SKIP, ":": Act.MORE}


@dataclass(frozen=True)
class Step:
    """Where the interview goes next: details, ask, review, final, finish or quit."""

    kind: str
    target: str = ""
    origin: Step | None = None  # where a question reopened from a review returns


def run_interview(args: argparse.Namespace, catalog: Catalog) -> int:
    """Run ``assessor interview``; return 0 when done, 130 after Ctrl-C (answers saved).

    Raises:
        AssessorError: no terminal, an unknown questionnaire, an output file that exists, or
            a resumed file with mistakes.
    """
    session = open_session(catalog, args.questionnaire, args.output, args.resume)
    require_terminal()
    lang = args.lang or (session.assessment.lang if session.resumed else "en")
    interview = Interview(session, lang, Commands(args, session.path))
    try:
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


@dataclass(frozen=True)
class Commands:
    """The commands a consultant types next: resume the interview, render the report."""

    args: argparse.Namespace
    path: Path

    def common(self) -> list[str]:
        """Return the catalog options the interview ran with, for the commands it suggests."""
        parts: list[str] = []
        for folder in self.args.questionnaires:
            parts += ["--questionnaires", display_path(folder)]
        return parts + (["--no-builtin"] if self.args.no_builtin else [])

    def resume(self) -> str:
        """Return the command that continues this interview."""
        parts = ["assessor", "interview", "--resume", display_path(self.path), *self.common()]
        for bank in self.args.questionnaire:
            parts += ["-q", bank]
        return shlex.join(parts + (["--lang", self.args.lang] if self.args.lang else []))

    def render(self, out: Path, incomplete: bool) -> str:
        """Return the command that renders the report."""
        parts = ["assessor", "run", display_path(self.path), "-o", display_path(out),
                 *self.common()]
        return shlex.join(parts + (["--allow-incomplete"] if incomplete else []))


class Interview:
    """The screens of one interview, driven by a loop over :class:`Step`."""

    def __init__(self, session: Session, lang: str, commands: Commands) -> None:
        self.session = session
        self.lang = lang
        self.commands = commands
        self.status: list[screens.Line] = []  # shown at the top of the next screen
        self.show_help = False
        self.used = 0  # rows printed since the screen was cleared

    def words(self, key: str, **values: object) -> str:
        """Return the wording ``key`` in the interview's language."""
        return say(key, self.lang, **values)

    # --- the loop ------------------------------------------------------------------------

    def run(self) -> int:
        """Go from step to step until the consultant finishes or saves and quits."""
        handlers: dict[str, Callable[[Step], Step]] = {
            "details": self.details, "ask": self.ask, "review": self.review,
            "final": self.final}
        step = self.start()
        while step.kind in handlers:
            step = handlers[step.kind](step)
        if step.kind == "quit":
            if self.session.moved:
                self.session.save()
            print(self.words("quit_saved", path=self.session.shown,
                             count=len(self.session.answers)))
            print(f"{self.words('resume_cmd')} {self.commands.resume()}")
            return 0
        return self.finish()

    def start(self) -> Step:
        """Return the first step: the details of a new interview, or the first open question."""
        if not self.session.started:
            return Step("details")
        self.status.append(("ok", self.words("resumed", path=self.session.shown,
                                             count=len(self.session.answers))))
        first = self.session.first_open()
        return Step("ask", first.id) if first else Step("final")

    def onward(self) -> Step:
        """Return the first question not yet answered nor skipped, or the final screen."""
        found = self.session.pending(self.session.questions())
        return Step("ask", found.id) if found else Step("final")

    def interrupted(self) -> int:
        """Say where the answers are and how to resume; return 130."""
        session = self.session
        if session.started and (session.dirty or session.moved):
            session.save()  # Ctrl-C arrived during a save: write the answers again
        print(file=sys.stderr)
        if not session.started:
            print(f"assessor: {self.words('nothing_saved')}", file=sys.stderr)
            return 130
        saved = self.words("interrupted", count=len(session.answers), path=session.shown)
        print(f"assessor: {saved}", file=sys.stderr)
        print(f"assessor: {self.words('resume_with', command=self.commands.resume())}",
              file=sys.stderr)
        return 130

    # --- drawing -------------------------------------------------------------------------

    def size(self) -> tuple[int, int]:
        """Return the terminal's rows and columns (at least 40 columns)."""
        size = get_app_session().output.get_size()
        return size.rows, max(size.columns, 40)

    def top(self, bar: str, status: list[screens.Line] | None = None) -> list[screens.Line]:
        """Clear the screen; return the bar across its top and the status lines."""
        clear()
        self.used = 0
        if status is None:
            status, self.status = self.status, []
        cols = self.size()[1]
        return [("bar", fit(bar, cols))] + [(style, fit(text, cols)) for style, text in status]

    def show(self, lines: Sequence[screens.Line]) -> None:
        """Print styled lines through prompt_toolkit, which honours NO_COLOR."""
        fragments: list[tuple[str, str]] = []
        for style, text in lines:
            fragments += [(f"class:{style}" if style else "", text), ("", "\n")]
        print_formatted_text(FormattedText(fragments), style=STYLE, end="")
        self.used += len(lines)

    def fitted(self, question: questionary.Question) -> questionary.Question:
        """Let a long list scroll in the rows left below the screen's heading, which stays."""
        room = self.size()[0] - self.used - 2
        for window in question.application.layout.find_all_windows():
            if isinstance(window.content, InquirerControl):
                window.height = Dimension(max=max(room, 4))
        return question

    def screen(self, question: Question, status: list[screens.Line]) -> None:
        """Draw a question: bar with progress, id, keys, help or introduction, the text."""
        session, lang = self.session, self.lang
        rows, cols = self.size()
        lines = self.top(screens.question_bar(session, question, lang, cols), status)
        lines += screens.question_head(session, question, lang, cols)
        text = screens.text_lines(question, lang, cols)
        if self.show_help:
            lines += [*screens.help_lines(session, question, lang, cols), ("", "")]
        elif intro := screens.intro_lines(session, question, lang, cols):
            needed = len(lines) + len(intro) + 1 + len(text)
            if needed + screens.prompt_rows(question, lang, cols) > rows:
                intro = [("dim", fit(self.words("intro_hint"), cols))]
            lines += [*intro, ("", "")]
        self.show(lines + text)

    def help_fits(self, question: Question, status: list[screens.Line]) -> bool:
        """Return whether the help fits on the question's screen, choices and all."""
        rows, cols = self.size()
        needed = 1 + len(status) + 4 + len(screens.help_lines(self.session, question, self.lang,
                                                               cols))
        needed += len(screens.text_lines(question, self.lang, cols))
        return needed + screens.prompt_rows(question, self.lang, cols) <= rows

    def help_page(self, question: Question) -> None:
        """Show help too long to sit beside the choices on a page of its own, until a key."""
        session, lang = self.session, self.lang
        cols = self.size()[1]
        lines = self.top(screens.question_bar(session, question, lang, cols), status=[])
        lines += [("dim", fit(question.id, cols)), ("", "")]
        self.show([*lines, *screens.help_lines(session, question, lang, cols), ("", "")])
        questionary.press_any_key_to_continue(self.words("help_return"),
                                              style=STYLE).unsafe_ask()

    # --- one question --------------------------------------------------------------------

    def ask(self, step: Step) -> Step:
        """Ask one question until it is answered, skipped or left; return the next step."""
        question = self.session.catalog.by_id[step.target]
        self.session.stop_at(question)
        self.show_help = False
        status, self.status = self.status, []
        while True:
            self.screen(question, status)
            result = self.prompt(question)
            if result is Act.MORE:
                result = self.more(question, step)
                if isinstance(result, Step):
                    return result
            if result is Act.HELP:
                if self.show_help or self.help_fits(question, status):
                    self.show_help = not self.show_help
                else:
                    self.help_page(question)
            elif result is Act.BACK:
                return step.origin or self.before(question)
            elif result is Act.SKIP:
                self.session.skipped.add(question.id)
                return step.origin or self.after(question)
            elif result is not None and self.record(question, result):
                return step.origin or self.after(question)

    def before(self, question: Question) -> Step:
        """Return the question before ``question``, or the organisation details."""
        found = self.session.previous(question)
        return Step("ask", found.id) if found else Step("details", origin=Step("ask", question.id))

    def after(self, question: Question) -> Step:
        """Return the next open question of the same questionnaire, else its review."""
        found = self.session.next_after(question)
        return Step("ask", found.id) if found else Step("review", question.questionnaire)

    def prompt(self, question: Question) -> Any:
        """Ask for an answer in the form its type takes; return the raw value or an Act."""
        current = self.session.answers.get(question.id)
        specials = [v for v in (NA, UNKNOWN, ALTERNATE) if v != ALTERNATE or question.alternate]
        cols = self.size()[1]
        if question.type is Type.MULTI:
            ticked = set(current.value) if current and isinstance(current.value, tuple) else {
                current.value} if current else set()
            choices = [Choice(screens.option_title(o.label.get(self.lang), cols, 5), value=o.id,
                              checked=o.id in ticked) for o in question.options]
            choices += [Separator(RULE)] + [Choice(self.words(v), value=v, checked=v in ticked)
                                            for v in specials]
            picked = keyed(self.fitted(questionary.checkbox(
                self.words("tick"), choices=choices, instruction=self.words("tick_hint"),
                validate=lambda values: self.ticks_problem(question, values) or True,
                style=STYLE))).unsafe_ask()
            if isinstance(picked, list) and len(picked) == 1 and picked[0] in SPECIAL_VALUES:
                return picked[0]
            return picked
        if question.options:
            choices = [Choice(screens.option_title(o.label.get(self.lang), cols, 3), value=o.id)
                       for o in question.options]
            choices += [Separator(RULE)] + [Choice(self.words(v), value=v) for v in specials]
            values = [c.value for c in choices if isinstance(c, Choice)]
            default = current.value if current and isinstance(current.value, str) \
                and current.value in values else None
            return keyed(self.fitted(questionary.select(
                self.words("your_answer"), choices=choices, default=default,
                instruction=self.words("select_hint"), style=STYLE))).unsafe_ask()
        return keyed(questionary.text(
            self.typed_label(question), default=typed_default(current),
            instruction=self.typed_hint(question), style=STYLE,
            validate=lambda text: typed_problem(question, text, self.lang) or True),
            always=question.type is Type.NUMBER).unsafe_ask()

    def typed_label(self, question: Question) -> str:
        """Return the prompt of a number or text question."""
        if question.type is Type.NUMBER:
            unit = f" ({question.unit.get(self.lang)})" if question.unit else ""
            return self.words("number") + unit
        return self.words("text")

    def typed_hint(self, question: Question) -> str:
        """Return what a typed answer may also be (na, unknown, alternate), and its range."""
        hint = self.words("typed_hint", alternate=", alternate" if question.alternate else "")
        if question.maximum is not None:
            low = question.minimum if question.minimum is not None else 0
            hint = self.words("range", low=f"{low:g}", high=f"{question.maximum:g}") + " " + hint
        return hint

    def ticks_problem(self, question: Question, values: list[str]) -> str | None:
        """Return why a set of ticks is not an answer; na and unknown must stand alone."""
        specials = [v for v in values if v in SPECIAL_VALUES]
        if specials and len(values) > 1:
            alone = Answer(question.id, specials[0])
            return self.words("alone", what=display_value(question, alone, self.lang))
        return check_value(question, specials[0] if specials else values)

    def record(self, question: Question, raw: Any) -> bool:
        """Save an answer at once, then ask for its note and evidence; False to choose again."""
        session = self.session
        current = session.answers.get(question.id)
        evidence = current.evidence if current else ()
        if needs_note(raw):
            reason = self.reason(raw, (current.note or "") if current and current.value == raw
                                 else "")
            if reason is None:
                return False
            change = session.answer(question, raw, reason, evidence)
        else:  # a reason for na kept as the note of "implemented" would mislead the report
            kept = current.note if current and not needs_note(current.value) else None
            change = session.answer(question, raw, kept, evidence)
            note = self.text(self.words("note"), kept or "", hint=self.words("enter_skips"))
            session.annotate(question, note, evidence)
        typed = self.text(self.words("evidence"), ", ".join(evidence),
                          hint=self.words("evidence_hint"))
        session.annotate(question, session.answers[question.id].note, split_evidence(typed))
        self.saved(question, session.answers[question.id], change)
        return True

    def reason(self, value: str, default: str) -> str | None:
        """Ask why a question does not apply, or what the alternative measure is."""
        label = self.words("reason_na" if value == NA else "reason_alternate")
        text = self.text(label, default, hint=self.words("reason_hint"), required=True)
        return None if text == "<" else text

    def saved(self, question: Question, answer: Answer, change: Change) -> None:
        """Tell, on the next screen, what was saved and what it changed in scope."""
        self.status.append(("ok", self.words(
            "saved", qid=question.id, value=screens.answer_text(question, answer, self.lang))))
        for key, changed in (("dropped", change.dropped), ("added", change.added)):
            if changed:
                self.status.append(("warn", self.words(
                    key if len(changed) > 1 else f"{key}_one", count=len(changed))))

    def text(self, label: str, default: str, *, hint: str | None = None, required: bool = False,
             check: Callable[[str], str | None] | None = None) -> str:
        """Ask for a line of text; return it stripped."""
        def validate(text: str) -> bool | str:
            if required and not text.strip():
                return self.words("required")
            return (check(text.strip()) if check else None) or True

        answer = questionary.text(label, default=default, instruction=hint, style=STYLE,
                                  validate=validate).unsafe_ask()
        return str(answer).strip()

    # --- other screens -------------------------------------------------------------------

    def details(self, step: Step) -> Step:
        """Ask who is assessed, by whom and when; save as soon as there is a name."""
        session = self.session
        self.show([*self.top(self.words("details")), ("", ""),
                   ("", self.words("welcome", path=session.shown)),
                   ("dim", self.words("welcome_keys")), ("", "")])
        org, assessment = session.organisation, session.assessment
        name = self.text(self.words("org_name"), org.name if org else "", required=True)
        values: dict[str, Any] = {"name": name, "sector": org.sector if org else None,
                                  "consultant": assessment.consultant,
                                  "date": assessment.date or dt.date.today().isoformat(),
                                  "lang": assessment.lang if session.resumed else self.lang}
        session.set_details(**values)
        for key, label in (("sector", "org_sector"), ("consultant", "consultant")):
            values[key] = self.text(self.words(label), values[key] or "",
                                    hint=self.words("enter_skips")) or None
            session.set_details(**values)
        values["date"] = self.text(self.words("date"), values["date"],
                                   hint=self.words("date_hint"), check=date_problem(self.lang))
        session.set_details(**values)
        return step.origin or self.onward()

    def more(self, question: Question, step: Step) -> Act | Step | None:
        """Offer every way to move on from a question; return the choice (None: stay)."""
        questionnaire = self.session.questionnaire_of(question)
        here = Step("ask", question.id, step.origin)
        picked = questionary.select(self.words("more"), choices=[
            Choice(self.words("stay"), value="stay"),
            Choice(self.words("hide_help" if self.show_help else "show_help"), value=Act.HELP),
            Choice(self.words("go_back"), value=Act.BACK),
            Choice(self.words("skip"), value=Act.SKIP),
            Choice(self.words("jump"), value="jump"),
            Choice(self.words("review_this", title=questionnaire.title.get(self.lang)),
                   value=Step("review", questionnaire.id, origin=here)),
            Choice(self.words("edit_details"), value=Step("details", origin=here)),
            Choice(self.words("quit"), value=Step("quit")),
        ], instruction=self.words("select_hint"), style=STYLE).unsafe_ask()
        if picked == "jump":
            return self.jump(here)
        return None if picked == "stay" else picked

    def jump(self, here: Step) -> Step | None:
        """Offer every section that applies, with how much of it is answered."""
        session, cols = self.session, self.size()[1] - 4
        current = session.catalog.by_id.get(here.target)
        self.show(self.top(self.words("jump_to"), status=[]))
        choices = [Choice(fit(self.words("details"), cols), value=Step("details", origin=here))]
        default = None
        for questionnaire in session.questionnaires:
            for section in questionnaire.sections:
                asked = session.section_questions(section)
                if not asked:
                    continue
                done = sum(1 for q in asked if q.id in session.answers)
                target = next((q for q in asked if q.id not in session.answers), asked[0])
                count = f"  {done}/{len(asked)}" + (" ✓" if done == len(asked) else "")
                title = f"{screens.short(questionnaire, self.lang)} · " \
                        f"{section.title.get(self.lang)}"
                choices.append(Choice(pad(title, cols - len(count)) + count,
                                      value=Step("ask", target.id)))
                if current is not None and current.section == section.id:
                    default = choices[-1]
        choices.append(Choice(self.words("cancel"), value="cancel"))
        picked = self.fitted(questionary.select(
            self.words("section"), choices=choices, default=default, use_search_filter=True,
            use_jk_keys=False, instruction=self.words("search_hint"), style=STYLE)).unsafe_ask()
        return picked if isinstance(picked, Step) else None

    def review(self, step: Step) -> Step:
        """List a questionnaire's answers and gaps; any answer can be reopened from here."""
        session, lang = self.session, self.lang
        questionnaire = session.catalog.questionnaire(step.target)
        if questionnaire is None:
            return self.onward()
        cols = self.size()[1]
        asked, result = session.questions(questionnaire), session.result()
        lines = self.top(self.words("review", title=questionnaire.title.get(lang)))
        lines.append(("", screens.review_stats(session, questionnaire, result, lang)))
        if questionnaire.kind == "profile":
            lines += screens.scope_lines(session, lang, cols)
        self.show([*lines, ("dim", self.words("open_it"))])
        following = session.next_questionnaire(questionnaire)
        if step.origin is not None:  # opened from a question or the end: go back there
            back = Choice(self.words("back_to", qid=step.origin.target) if step.origin.target
                          else self.words("back_final"), value=step.origin)
        elif following is not None:
            title = session.questionnaire_of(following).title.get(lang)
            back = Choice(self.words("continue_to", title=title), value=Step("ask", following.id))
        else:
            back = Choice(self.words("continue_end"), value=Step("final"))
        back.title = fit(str(back.title), cols - 4)
        choices: list[Choice | Separator] = [back]
        still = session.open_questions(questionnaire)
        if still:
            choices.append(Choice(self.words("answer_open", count=len(still)), value="open"))
        section, id_cols = "", screens.id_columns(asked)
        for question in asked:
            if question.section != section:
                section = question.section
                title = session.section_of(question).title.get(lang)
                choices.append(Separator(fit(f"── {title} ──", cols - 4)))
            choices.append(Choice(screens.review_row(session, question, result, lang, cols - 4,
                                                     id_cols),
                                  value=Step("ask", question.id, origin=step)))
        picked = self.fitted(questionary.select(
            self.words("review", title=screens.short(questionnaire, lang)), choices=choices,
            use_search_filter=True, use_jk_keys=False, instruction=self.words("search_hint"),
            style=STYLE)).unsafe_ask()
        if picked == "open":
            session.skipped.difference_update(q.id for q in still)
            return Step("ask", still[0].id)
        return picked  # type: ignore[no-any-return]

    def final(self, step: Step) -> Step:  # noqa: ARG002 - one signature for every screen
        """Offer to finish, answer what is still open, review an instrument, or jump."""
        session, lang = self.session, self.lang
        session.stop_at(None)
        if session.moved:
            session.save()
        asked, still = session.questions(), session.open_questions()
        state = ("warn", self.words("some_open", answered=len(asked) - len(still),
                                    total=len(asked), open=len(still))) if still else (
            "ok", self.words("all_answered", total=len(asked)))
        self.show([*self.top(self.words("final")), ("", ""), state])
        choices = [Choice(self.words("finish"), value=Step("finish"))]
        if still:
            choices.append(Choice(self.words("answer_open", count=len(still)), value="open"))
        cols = self.size()[1] - 4
        choices += [Choice(fit(self.words("review_this", title=q.title.get(lang)), cols),
                           value=Step("review", q.id, origin=Step("final")))
                    for q in session.questionnaires if session.questions(q)]
        choices.append(Choice(self.words("jump"), value="jump"))
        picked = self.fitted(questionary.select(
            self.words("more"), choices=choices, instruction=self.words("select_hint"),
            style=STYLE)).unsafe_ask()
        if picked == "open":
            session.skipped.clear()
            return Step("ask", still[0].id)
        if picked == "jump":
            return self.jump(Step("final")) or Step("final")
        return picked  # type: ignore[no-any-return]

    def finish(self) -> int:
        """Print the summary and the command that renders the report; offer to render now."""
        session = self.session
        still = len(session.open_questions())
        clear()
        print("\n".join(screens.summary(session, session.result(), self.lang)))
        pdf, html = session.path.with_suffix(".pdf"), session.path.with_suffix(".html")
        print(f"\n{self.words('render_cmd')} {self.commands.render(pdf, bool(still))}")
        if still:
            print(f"{self.words('resume_cmd')} {self.commands.resume()}")
        draft = self.words("draft", count=still) if still else ""
        picked = questionary.select(self.words("render_now"), choices=[
            Choice(self.words("render_pdf", path=display_path(pdf)) + draft, value=pdf),
            Choice(self.words("render_html", path=display_path(html)) + draft, value=html),
            Choice(self.words("render_no"), value="no")],
            instruction=self.words("select_hint"), style=STYLE).unsafe_ask()
        if isinstance(picked, Path):
            from assessor.record.answers import load
            from assessor.render import render_file

            answers = load(session.path, session.catalog, allow_incomplete=bool(still))
            written = render_file(session.catalog, answers, session.path, picked, None, None)
            print(self.words("wrote", path=display_path(written)))
        return 0


def keyed(question: questionary.Question, *, always: bool = True) -> questionary.Question:
    """Add the navigation keys (? < > :) to a prompt; in text, only while nothing is typed."""
    app = question.application
    active = Condition(lambda: always or not app.current_buffer.text)
    bindings = KeyBindings()
    for key, act in KEYS.items():
        def leave(event: KeyPressEvent, act: Act = act) -> None:
            event.app.exit(result=act)

        bindings.add(key, filter=active, eager=True)(leave)
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
    return question


def typed_default(current: Answer | None) -> str:
    """Return the current answer of a number or text question as it would be typed."""
    if current is None or isinstance(current.value, tuple):
        return ""
    value = current.value
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else str(value)
    return value


def typed_problem(question: Question, text: str, lang: str) -> str | None:
    """Return why typed text is not an answer (the same check as a file), or None."""
    return say("empty", lang) if not text.strip() else check_value(question, text)


def date_problem(lang: str) -> Callable[[str], str | None]:
    """Return a check that a date is written YYYY-MM-DD."""
    def check(text: str) -> str | None:
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return say("date_bad", lang)
        return None

    return check


def split_evidence(text: str) -> tuple[str, ...]:
    """Return the document names typed, split at commas or semicolons (Chinese ones too)."""
    return tuple(part.strip() for part in re.split(r"[,;，；、]", text) if part.strip())
