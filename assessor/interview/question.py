"""The question screen: one prompt_toolkit application, kept alive from question to question.

questionary builds a new application for every prompt (about 145 ms each, three prompts an
answer); this screen is built once per interview and redrawn for each question, so a key reaches
the next question in the time of a save and a redraw. It owns every key of a question: numbers
and letters choose, Enter records, n e f i o s open the note, evidence, flag, internal note,
finding and severity right under the question, ? < > : show help and move. Not applicable asks
its reason and alternate its justification on the same screen.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from prompt_toolkit.application import Application
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys
from prompt_toolkit.shortcuts import clear

from assessor.interview.prompts import STYLE
from assessor.interview.question_view import QuestionView, Row, State, typed_default
from assessor.interview.steps import Act, Step
from assessor.loader import MAX_STRING
from assessor.model.catalog import QuestionType as Type
from assessor.model.catalog import Severity
from assessor.model.record import ALTERNATE, NA, UNKNOWN, SeverityOverride
from assessor.record.values import check_value, needs_note

if TYPE_CHECKING:
    from assessor.interview.host import Interview

SPECIAL_KEYS = {NA: "x", UNKNOWN: "u", ALTERNATE: "m"}
FIELD_KEYS = {"n": "note", "e": "evidence", "f": "flag", "i": "internal", "o": "finding",
              "s": "severity"}
TEXT_FIELD_KEYS = {"c-n": "note", "c-e": "evidence", "c-f": "flag"}  # when letters are typed
LEVELS = {"1": Severity.CRITICAL, "2": Severity.HIGH, "3": Severity.MEDIUM, "4": Severity.LOW}
MOVES = {"?": Act.HELP, "<": Act.BACK, ">": Act.SKIP, ":": Act.MORE}
TWO_DIGITS = 1.0  # seconds within which a second digit makes 1 then 2 mean option 12


class QuestionScreen(QuestionView):
    """The question screen of one interview; :meth:`run` returns the next step elsewhere."""

    def __init__(self, interview: Interview) -> None:
        super().__init__(interview)
        self.app: Application[Step] = self.build()

    # --- running -------------------------------------------------------------------------

    def run(self, step: Step) -> Step:
        """Show the question of ``step`` and the ones after it; return the first other step."""
        self.load(step)
        clear()
        self.session.hold_failures = True
        try:
            after = self.app.run()
            self.session.flush()
        finally:
            self.session.hold_failures = False
        if self.session.failure is not None:
            return Step("save_failed", self.now.question.id if self.state else after.target)
        return after

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
                            and not self.now.question.type.free_text)
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
            # x and m ask their reason at once, so the reason typed next never fires a key
            at_once = partial(self.commit, value) if needs_note(value) else None
            bind(key, when=chosen, action=at_once or partial(self.special, value))
            bind(key, when=typed & empty & numeric, action=at_once or partial(self.typed, value))
        for key, name in FIELD_KEYS.items():
            when = (chosen | (typed & empty & numeric))
            if name in ("finding", "severity"):
                when = when & scored
            bind(key, when=when, action=partial(self.open_field, name))
        for key, name in TEXT_FIELD_KEYS.items():  # on a number too, once a figure is typed
            bind(key, when=typed, action=partial(self.open_field, name))
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
        if len(text) > MAX_STRING:  # the file could not be read back: refused here, kept typed
            state.message = self.words("too_long", count=f"{len(text):,}",
                                       limit=f"{MAX_STRING:,}")
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
            stored = self.session.evidence_refs(split_evidence(text))
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

    # --- saving --------------------------------------------------------------------------

    def saved(self, app: object = None) -> None:  # noqa: ARG002 - an event handler
        """Save an answer just given, once the next question is on screen (the file is whole).

        Saving takes longer than drawing (the whole file is written and synced): done after,
        the consultant reads the next question meanwhile; a kill in those milliseconds loses
        that one answer, as one killed while it was typed.
        """
        if self.session.dirty:
            self.session.save()
        if self.session.failure is not None and not self.app.is_done:
            self.app.exit(result=Step("save_failed", self.now.question.id))

def split_evidence(text: str) -> tuple[str, ...]:
    """Return the document names typed, split at commas or semicolons (Chinese ones too)."""
    return tuple(part.strip() for part in re.split(r"[,;，；、]", text) if part.strip())
