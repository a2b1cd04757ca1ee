"""The question screen: one prompt_toolkit application, kept alive from question to question.

questionary builds a new application for every prompt (about 145 ms each, three prompts an
answer); this screen is built once per interview and redrawn for each question, so a key reaches
the next question in the time of a save and a redraw. It owns every key of a question: numbers
and letters choose, Enter records, n e f o s open the note, evidence, flag, finding and severity
right under the question, ? < > : show help and move. Not applicable asks its reason and
alternate its justification on the same screen.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from prompt_toolkit.application import Application
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.data_structures import Point
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import ConditionalContainer, Dimension, HSplit, Layout, Window
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.layout.processors import BeforeInput
from prompt_toolkit.shortcuts import clear

from assessor.interview import screens
from assessor.interview.prompts import STYLE
from assessor.interview.steps import Act, Step
from assessor.interview.wording import SEVERITY, fit, pick, say, wrap
from assessor.model import (
    ALTERNATE,
    NA,
    UNKNOWN,
    Answer,
    Question,
    Severity,
    SeverityOverride,
)
from assessor.model import QuestionType as Type
from assessor.record.answers import check_value, needs_note

if TYPE_CHECKING:
    from assessor.interview.app import Interview

SPECIAL_KEYS = {NA: "x", UNKNOWN: "u", ALTERNATE: "m"}
FIELD_KEYS = {"n": "note", "e": "evidence", "f": "flag", "o": "finding", "s": "severity"}
TEXT_FIELD_KEYS = {"c-n": "note", "c-e": "evidence", "c-f": "flag"}  # text answers take letters
LEVELS = {"1": Severity.CRITICAL, "2": Severity.HIGH, "3": Severity.MEDIUM, "4": Severity.LOW}
MOVES = {"?": Act.HELP, "<": Act.BACK, ">": Act.SKIP, ":": Act.MORE}
TWO_DIGITS = 1.0  # seconds within which a second digit makes 1 then 2 mean option 12


@dataclass(frozen=True)
class Row:
    """One choice on the screen: an option or a special answer, with its key."""

    value: str
    label: str
    key: str


@dataclass
class State:
    """What one question's screen shows and is doing; replaced when the question changes."""

    question: Question
    step: Step
    rows: list[Row]
    cursor: int | None = None
    ticks: set[str] = field(default_factory=set)
    entry: str | None = None          # being typed: note, evidence, flag, finding, why, reason
    picking: bool = False             # waiting for a severity level key
    level: Severity | None = None     # the level chosen, while its justification is typed
    reason_for: str | None = None     # na or alternate, waiting for its reason
    pending: dict[str, Any] = field(default_factory=dict)  # fields given before the answer
    message: str = ""
    status: list[screens.Line] = field(default_factory=list)
    queue: list[str] = field(default_factory=list)  # fields still to ask (--prompt-all)
    then: Step | None = None          # where to go once the queue is done
    none_ok: bool = False             # Enter again records a multi-choice with nothing ticked
    digit: tuple[str, float] | None = None
    typed: str = ""                   # the saved answer as typed: keys work until it is edited


class QuestionScreen:
    """The question screen of one interview; :meth:`run` returns the next step elsewhere."""

    def __init__(self, interview: Interview) -> None:
        self.interview = interview
        self.session = interview.session
        self.lang = interview.lang
        self.state: State | None = None
        self.answer_buffer = Buffer(multiline=False)
        self.field_buffer = Buffer(multiline=False)
        self.lines: dict[str, StyleAndTextTuples] = {}
        self.heights: dict[str, int] = {}
        self.cursor_line = 0
        self.app: Application[Step] = self.build()

    def words(self, key: str, **values: object) -> str:
        """Return the wording ``key`` in the interview's language."""
        return say(key, self.lang, **values)

    @property
    def now(self) -> State:
        """Return the state of the question on screen."""
        assert self.state is not None  # noqa: S101 - run() sets it before any key arrives
        return self.state

    # --- running -------------------------------------------------------------------------

    def run(self, step: Step) -> Step:
        """Show the question of ``step`` and the ones after it; return the first other step."""
        self.load(step)
        clear()
        try:
            return self.app.run()
        finally:
            self.session.flush()

    def load(self, step: Step) -> None:
        """Put the question of ``step`` on screen, the cursor on its saved answer if any."""
        question = self.session.catalog.by_id[step.target]
        self.session.stop_at(question)
        rows = [Row(o.id, o.label.get(self.lang), str(i))
                for i, o in enumerate(question.options, 1)]
        if question.options:
            rows += [Row(v, self.words(v), SPECIAL_KEYS[v]) for v in SPECIAL_KEYS
                     if v != ALTERNATE or question.alternate]
        state = State(question, step, rows, status=self.interview.status)
        self.interview.status = []
        current = self.session.answers.get(question.id)
        if current is not None:
            chosen = current.value if isinstance(current.value, tuple) else (current.value,)
            if question.type is Type.MULTI and not current.special:
                state.ticks = {str(v) for v in chosen}
            state.cursor = next((i for i, r in enumerate(rows) if r.value in chosen), None)
        self.state = state
        state.typed = typed_default(current)
        self.answer_buffer.set_document(Document(state.typed), bypass_readonly=True)
        self.field_buffer.reset()
        self.focus()
        if self.app.is_running:  # a new question is drawn whole, as a new screen
            self.app.renderer.clear()

    def go(self, step: Step) -> None:
        """Move on: another question stays on this screen; anything else ends the run."""
        if step.kind == "ask" and step.origin is None:
            self.load(step)
        else:
            self.app.exit(result=step)

    def onward(self) -> Step:
        """Return where the interview goes after this question is answered or skipped."""
        state = self.now
        return state.step.origin or self.interview.after(state.question)

    # --- keys ----------------------------------------------------------------------------

    def build(self) -> Application[Step]:
        """Build the application once: its layout reads the state at every redraw."""
        chosen = Condition(lambda: self.state is not None and bool(self.now.question.options)
                           and self.now.entry is None and not self.now.picking)
        typed = Condition(lambda: self.state is not None and not self.now.question.options
                          and self.now.entry is None and not self.now.picking)
        empty = Condition(lambda: self.answer_buffer.text in ("", self.now.typed))
        numeric = Condition(lambda: self.state is not None
                            and self.now.question.type is not Type.TEXT)
        editing = Condition(lambda: self.state is not None and self.now.entry is not None)
        picking = Condition(lambda: self.state is not None and self.now.picking)
        multi = Condition(lambda: self.state is not None
                          and self.now.question.type is Type.MULTI)
        scored = Condition(lambda: self.state is not None and self.now.question.scored)
        keys = KeyBindings()

        def bind(name: str, when: Any, action: Callable[[], None]) -> None:
            def handle(event: KeyPressEvent) -> None:  # noqa: ARG001 - every key does one thing
                action()

            keys.add(name, filter=when, eager=True)(handle)

        @keys.add("c-c", eager=True)
        @keys.add(Keys.SIGINT, eager=True)
        def interrupt(event: KeyPressEvent) -> None:
            event.app.exit(exception=KeyboardInterrupt())

        for key, act in MOVES.items():
            bind(key, when=chosen | (typed & (empty | numeric)), action=partial(self.move, act))
        for digit in "0123456789":
            bind(digit, when=chosen, action=partial(self.number, digit))
            bind(digit, when=picking, action=partial(self.severity, digit))
        for value, key in SPECIAL_KEYS.items():
            bind(key, when=chosen, action=partial(self.special, value))
            bind(key, when=typed & empty & numeric, action=partial(self.typed, value))
        for key, name in FIELD_KEYS.items():
            when = (chosen | (typed & empty & numeric))
            if name in ("finding", "severity"):
                when = when & scored
            bind(key, when=when, action=partial(self.open_field, name))
        for key, name in TEXT_FIELD_KEYS.items():
            bind(key, when=typed & ~numeric, action=partial(self.open_field, name))
        bind("up", when=chosen, action=partial(self.step_cursor, -1))
        bind("down", when=chosen, action=partial(self.step_cursor, 1))
        bind(" ", when=chosen & multi, action=self.tick)
        bind("a", when=chosen & multi, action=self.tick_all)
        bind("enter", when=chosen, action=self.choose)
        bind("enter", when=typed, action=self.type_answer)
        bind("enter", when=editing, action=self.save_field)
        bind("escape", when=editing | picking, action=self.cancel_field)
        bind("<", when=editing & Condition(lambda: not self.field_buffer.text),
             action=self.cancel_field)
        return Application(layout=self.layout(), key_bindings=keys, style=STYLE,
                           before_render=self.prepare, after_render=self.saved,
                           erase_when_done=True, mouse_support=False)

    def move(self, act: Act) -> None:
        """Leave the question: help shows in place; back, skip and more end or move on."""
        state = self.now
        state.message = ""
        if act is Act.HELP:
            self.interview.show_help = not self.interview.show_help
        elif act is Act.BACK:
            self.go(state.step.origin or self.interview.before(state.question))
        elif act is Act.SKIP:
            self.session.skipped.add(state.question.id)
            self.go(self.onward())
        else:
            self.app.exit(result=Step("more", state.question.id, state.step.origin))

    def number(self, digit: str) -> None:
        """Move to an option by its number (two digits typed quickly reach 10 and beyond)."""
        state = self.now
        options = len(state.question.options)
        wanted = int(digit)
        if state.digit is not None and time.monotonic() - state.digit[1] < TWO_DIGITS \
                and int(state.digit[0] + digit) <= options:
            wanted = int(state.digit[0] + digit)
            state.digit = None
        else:
            state.digit = (digit, time.monotonic())
        if not 1 <= wanted <= options:
            state.message = self.words("choose", alternate=self.alternate_key())
            return
        state.message = ""
        state.cursor = wanted - 1
        if state.question.type is Type.MULTI:
            self.tick()

    def special(self, value: str) -> None:
        """Move to Not applicable, Unknown or Alternate; in multi-choice they stand alone."""
        state = self.now
        state.message = ""
        state.cursor = next(i for i, r in enumerate(state.rows) if r.value == value)
        state.ticks.clear()

    def typed(self, value: str) -> None:
        """Put a special answer in the input of a number question, as if typed."""
        self.answer_buffer.text = value
        self.answer_buffer.cursor_position = len(value)

    def step_cursor(self, by: int) -> None:
        """Move the cursor up or down (from nowhere: to the first or the last choice)."""
        state = self.now
        state.message = ""
        if state.cursor is None:
            state.cursor = 0 if by > 0 else len(state.rows) - 1
        else:
            state.cursor = (state.cursor + by) % len(state.rows)

    def tick(self) -> None:
        """Tick or untick the option under the cursor (a special answer is chosen alone)."""
        state = self.now
        state.message = ""
        if state.cursor is None:
            return
        value = state.rows[state.cursor].value
        if state.question.option(value) is None:
            state.ticks.clear()
        elif value in state.ticks:
            state.ticks.discard(value)
        else:
            state.ticks.add(value)

    def tick_all(self) -> None:
        """Tick every option, or none if all are ticked; never the special answers."""
        state = self.now
        every = {o.id for o in state.question.options}
        state.ticks = set() if state.ticks == every else every
        if state.cursor is not None and state.question.option(state.rows[state.cursor].value) \
                is None:
            state.cursor = 0

    # --- answering -----------------------------------------------------------------------

    def choose(self) -> None:
        """Record the choice under the cursor (multi-choice: the ticks); nothing if none."""
        state = self.now
        question = state.question
        under = state.rows[state.cursor].value if state.cursor is not None else None
        if question.type is Type.MULTI and (state.ticks or under in (None, *(
                o.id for o in question.options))):
            if not state.ticks and under is None:
                state.message = self.words("choose", alternate=self.alternate_key())
                return
            if not state.ticks and not state.none_ok:
                state.none_ok, state.message = True, self.words("tick_none")
                return
            self.commit([o.id for o in question.options if o.id in state.ticks])
            return
        if under is None:
            state.message = self.words("choose", alternate=self.alternate_key())
            return
        self.commit(under)

    def type_answer(self) -> None:
        """Record a typed number or text, or say below the input why it is not an answer."""
        state = self.now
        text = self.answer_buffer.text.strip()
        problem = self.words("empty") if not text else check_value(state.question, text)
        if problem:
            state.message = problem
            return
        self.commit(text)

    def commit(self, raw: Any) -> None:
        """Record an answer; na and alternate first ask their reason on the same screen."""
        state = self.now
        state.message, state.none_ok = "", False
        value = raw.strip().lower() if isinstance(raw, str) and raw.strip().lower() in (
            NA, ALTERNATE) else None
        if value is not None and needs_note(value):
            current = self.session.answers.get(state.question.id)
            default = current.note if current is not None and current.value == value else \
                state.pending.get("note")
            state.reason_for = value
            self.edit("reason", default or "")
            return
        self.record(raw, None)

    def record(self, raw: Any, reason: str | None) -> None:
        """Save the answer with the fields taken so far; go on (or ask note and evidence)."""
        state = self.now
        question = state.question
        current = self.session.answers.get(question.id)
        pending = dict(state.pending)
        if reason is not None:
            note: str | None = reason
            pending.pop("note", None)
        else:  # a reason for na kept as the note of "implemented" would mislead the report
            kept = current.note if current is not None and not needs_note(current.value) \
                else None
            note = pending.pop("note", kept)
        evidence = pending.pop("evidence", current.evidence if current is not None else ())
        try:
            change = self.session.answer(question, raw, note, evidence, later=True, **pending)
        except ValueError as exc:
            state.message = str(exc)
            return
        state.pending.clear()
        self.interview.saved(question, self.session.answers[question.id], change)
        if self.interview.prompt_all and reason is None:
            state.queue, state.then = ["note", "evidence"], self.onward()
            self.open_field(state.queue.pop(0))
            return
        self.go(self.onward())

    # --- the answer's fields -------------------------------------------------------------

    def open_field(self, name: str) -> None:
        """Open the note, evidence, flag, finding or severity under the question."""
        state = self.now
        state.message = ""
        if name == "severity":
            state.picking = True
            return
        value = self.field_value(name)
        text = ", ".join(value) if isinstance(value, tuple) else (value or "")
        self.edit(name, text)

    def edit(self, name: str, text: str) -> None:
        """Start typing a field, its current text ready to change."""
        state = self.now
        state.entry = name
        self.field_buffer.reset()
        self.field_buffer.text = text
        self.field_buffer.cursor_position = len(text)
        self.focus()

    def field_value(self, name: str) -> Any:
        """Return a field's value: taken but not yet saved, else the saved answer's."""
        state = self.now
        if name in state.pending:
            return state.pending[name]
        current = self.session.answers.get(state.question.id)
        return getattr(current, name) if current is not None else None

    def severity(self, digit: str) -> None:
        """Take a severity level by its number (0: back to the bank's), then ask why."""
        state = self.now
        if digit == "0":
            state.picking = False
            self.store("severity", None)
            return
        if digit not in LEVELS:
            state.message = self.words("severity_bad")
            return
        state.picking, state.level, state.message = False, LEVELS[digit], ""
        current = self.field_value("severity")
        self.edit("why", current.justification if isinstance(current, SeverityOverride)
                  else "")

    def save_field(self) -> None:
        """Save the field being typed (an empty note, flag or finding removes it)."""
        state = self.now
        name, text = state.entry, self.field_buffer.text.strip()
        if name in ("reason", "why") and not text:
            state.message = self.words("required")
            return
        if name == "reason":
            value = state.reason_for
            state.entry, state.reason_for = None, None
            self.focus()
            self.record(value, text)
            return
        stored: Any = text or None
        if name == "why":
            assert state.level is not None  # noqa: S101 - set by severity() before "why"
            name, stored = "severity", SeverityOverride(state.level, text)
        elif name == "evidence":
            stored = split_evidence(text)
        if not self.store(str(name), stored):
            return
        state.entry = None
        self.focus()
        self.next_in_queue()

    def store(self, name: str, value: Any) -> bool:
        """Keep a field: on the saved answer (saved at once), else until the answer comes."""
        state = self.now
        if state.question.id not in self.session.answers:
            state.pending[name] = value
            return True
        try:
            self.session.amend(state.question, **{name: value})
        except ValueError:
            state.message = self.words("required")
            return False
        return True

    def cancel_field(self) -> None:
        """Leave the field unchanged (a reason: choose another answer)."""
        state = self.now
        state.entry, state.picking, state.reason_for, state.message = None, False, None, ""
        self.focus()
        self.next_in_queue()

    def next_in_queue(self) -> None:
        """After a field: the next one asked of every answer, or on to the next question."""
        state = self.now
        if state.queue:
            self.open_field(state.queue.pop(0))
        elif state.then is not None:
            then, state.then = state.then, None
            self.go(then)

    def focus(self) -> None:
        """Put the terminal's cursor where typing goes: a field, the typed answer, or none."""
        if self.state is None:
            return
        target = self.field_window if self.now.entry is not None else (
            self.answer_window if not self.now.question.options else self.choices_window)
        self.app.layout.focus(target)

    def alternate_key(self) -> str:
        """Return ", m" where the question allows an alternative measure."""
        return ", m" if self.state is not None and self.now.question.alternate else ""

    # --- drawing -------------------------------------------------------------------------

    def layout(self) -> Layout:
        """Return the layout: heading, choices or input, field, message, notes, help."""
        def part(name: str, **options: Any) -> Window:
            return Window(FormattedTextControl(lambda: self.lines.get(name, []), **options),
                          height=lambda: Dimension.exact(self.heights.get(name, 0)),
                          wrap_lines=False)

        self.choices_window = Window(
            FormattedTextControl(lambda: self.lines.get("choices", []), focusable=True,
                                 show_cursor=False,
                                 get_cursor_position=lambda: Point(0, self.cursor_line)),
            height=lambda: Dimension.exact(self.heights.get("choices", 0)))
        self.answer_window = Window(BufferControl(self.answer_buffer, input_processors=[
            BeforeInput(lambda: [("class:question", self.typed_label() + ": ")])]), height=1)
        self.field_window = Window(BufferControl(self.field_buffer, input_processors=[
            BeforeInput("› ")]), height=1)
        has_options = Condition(lambda: self.state is not None and bool(self.now.question.options))
        return Layout(HSplit([
            part("head"),
            ConditionalContainer(self.choices_window, filter=has_options),
            ConditionalContainer(self.answer_window, filter=~has_options),
            part("label"),
            ConditionalContainer(self.field_window, filter=Condition(
                lambda: self.state is not None and self.now.entry is not None)),
            part("message"),
            part("extras"),
            part("help"),
        ]), focused_element=self.choices_window)

    def saved(self, app: object = None) -> None:  # noqa: ARG002 - an event handler
        """Save an answer just given, once the next question is on screen (the file is whole).

        Saving takes longer than drawing (the whole file is written and synced): done after,
        the consultant reads the next question meanwhile; a kill in those milliseconds loses
        that one answer, as one killed while it was typed.
        """
        if self.session.dirty:
            self.session.save()

    def prepare(self, app: object = None) -> None:  # noqa: ARG002 - an event handler
        """Compute every part's lines and height for the redraw about to happen."""
        if self.state is None:
            return
        size = get_app_session().output.get_size()
        rows, cols = size.rows, max(size.columns, 40)
        state = self.now
        head = self.head(cols)
        label = self.label_lines(cols)
        message = [("warn", fit(state.message, cols))] if state.message else []
        extras = self.extras(cols)
        choices = self.choice_lines(cols) if state.question.options else []
        fixed = len(head) + len(label) + len(message) + len(extras) + (
            0 if state.question.options else 1) + (1 if state.entry is not None else 0)
        room = max(rows - fixed - 1, 3)
        helping = self.interview.show_help
        help_lines = [("", "")] + screens.help_lines(
            self.session, state.question, self.lang, cols) if helping else []
        self.heights = {"head": len(head), "choices": min(len(choices), room),
                        "label": len(label), "message": len(message), "extras": len(extras),
                        "help": max(0, min(len(help_lines), room - len(choices)))}
        self.lines = {name: styled(lines) for name, lines in (
            ("head", head), ("choices", choices), ("label", label), ("message", message),
            ("extras", extras), ("help", help_lines))}

    def head(self, cols: int) -> list[screens.Line]:
        """Return the bar, status, id, keys, introduction and the question's text."""
        state, session, lang = self.now, self.session, self.lang
        question = state.question
        bar = screens.question_bar(session, question, lang, cols - 1)  # the last column wraps
        lines = [("bar", fit(bar, cols))]
        lines += [(style, fit(text, cols)) for style, text in state.status]
        lines += screens.question_head(session, question, lang, cols)
        text = screens.text_lines(question, lang, cols)
        intro = [] if self.interview.show_help else screens.intro_lines(session, question, lang,
                                                                        cols)
        if intro:
            rows = get_app_session().output.get_size().rows
            if len(lines) + len(intro) + len(text) + len(state.rows) + 4 > rows:
                intro = [("dim", fit(self.words("intro_hint"), cols))]
            lines += [*intro, ("", "")]
        return [*lines, *text, ("", "")]

    def choice_lines(self, cols: int) -> list[screens.Line]:
        """Return the numbered options, a rule, the lettered special answers."""
        state = self.now
        multi = state.question.type is Type.MULTI
        width = len(str(len(state.question.options)))
        lines: list[screens.Line] = []
        for index, row in enumerate(state.rows):
            if state.question.option(row.value) is None and (
                    index == 0 or state.question.option(state.rows[index - 1].value)):
                lines.append(("separator", "   " + "─" * 16))
            here = index == state.cursor
            if here:
                self.cursor_line = len(lines)
            box = ""
            if multi and state.question.option(row.value) is not None:
                box = "[x] " if row.value in state.ticks else "[ ] "
            lead = f"{'❯' if here else ' '} {row.key:>{width}}  {box}"
            label = screens.option_title(row.label, cols, len(lead) + 1)
            style = "highlighted" if here else ("selected" if row.value in state.ticks else "")
            for number, text in enumerate(label.split("\n")):
                lines.append((style, (" " + lead if number == 0 else "") + text))
        if state.cursor is None:
            self.cursor_line = 0
        return lines

    def label_lines(self, cols: int) -> list[screens.Line]:
        """Return what is being typed or picked: the hint of a typed answer, a field's label."""
        state = self.now
        if state.picking:
            bank = pick(SEVERITY[state.question.severity], self.lang)
            return [("question", fit(self.words("severity_pick", severity=bank), cols))]
        if state.entry is None:
            return [] if state.question.options else [("dim", fit(self.typed_hint(), cols))]
        if state.entry == "reason":
            label = self.words("reason_na" if state.reason_for == NA else "reason_alternate")
            hint = self.words("reason_hint")
        elif state.entry == "why":
            label = self.words("severity_why", severity=pick(SEVERITY[str(state.level)],
                                                             self.lang))
            hint = self.words("reason_hint")
        else:
            label, hint = self.words(state.entry), self.words("field_hint")
        return [("question", fit(f"{label} {hint}", cols))]

    def extras(self, cols: int) -> list[screens.Line]:
        """Return the answer's note, evidence, flag, finding and severity, if any."""
        lines: list[screens.Line] = []
        for name in ("flag", "note", "evidence", "finding", "severity"):
            value = self.field_value(name)
            if not value:
                continue
            if isinstance(value, SeverityOverride):
                text = self.words("x_severity", severity=pick(SEVERITY[str(value.level)],
                                                              self.lang),
                                  text=value.justification)
            else:
                text = self.words(f"x_{name}", text=", ".join(value) if isinstance(
                    value, tuple) else value)
            if name in self.now.pending:
                text += " " + self.words("x_pending")
            lines += [("warn" if name == "flag" else "dim", line)
                      for line in wrap(text, cols, "  ")[:3]]
        return [("", ""), *lines] if lines else []

    def typed_label(self) -> str:
        """Return the prompt of a number or text question."""
        question = self.now.question
        if question.type is Type.NUMBER:
            unit = f" ({question.unit.get(self.lang)})" if question.unit else ""
            return self.words("number") + unit
        return self.words("text")

    def typed_hint(self) -> str:
        """Return what a typed answer may also be (na, unknown, alternate), and its range."""
        question = self.now.question
        hint = self.words("typed_hint", alternate=", alternate" if question.alternate else "")
        if question.maximum is not None:
            low = question.minimum if question.minimum is not None else 0
            hint = self.words("range", low=f"{low:g}", high=f"{question.maximum:g}") + " " + hint
        return hint


def styled(lines: list[screens.Line]) -> StyleAndTextTuples:
    """Return lines as prompt_toolkit fragments, one line each."""
    fragments: StyleAndTextTuples = []
    for index, (style, text) in enumerate(lines):
        if index:
            fragments.append(("", "\n"))
        fragments.append((f"class:{style}" if style else "", text))
    return fragments


def typed_default(current: Answer | None) -> str:
    """Return the current answer of a number or text question as it would be typed."""
    if current is None or isinstance(current.value, tuple):
        return ""
    value = current.value
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else str(value)
    return value


def split_evidence(text: str) -> tuple[str, ...]:
    """Return the document names typed, split at commas or semicolons (Chinese ones too)."""
    return tuple(part.strip() for part in re.split(r"[,;，；、]", text) if part.strip())
