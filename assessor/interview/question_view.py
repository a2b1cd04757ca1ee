"""What the question screen shows: its state, and the lines drawn from it at every redraw.

Kept apart from :mod:`.question`, which owns the keys and the answering: this module is the
layout (heading, choices or typed input, the field being typed, the message right below it, the
answer's note, evidence, flag, finding and severity, the help) and the state it reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, assert_never

from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.data_structures import Point
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.layout import ConditionalContainer, Dimension, HSplit, Layout, Window
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.layout.processors import BeforeInput

from assessor.interview import screens
from assessor.interview.steps import Step
from assessor.interview.wording import SEVERITY, pick, say
from assessor.model.catalog import Question, Severity
from assessor.model.catalog import QuestionType as Type
from assessor.model.record import NA, Answer, SeverityOverride
from assessor.terminal import inert
from assessor.text import fit, wrap

if TYPE_CHECKING:
    from assessor.interview.host import Interview


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


class QuestionView:
    """The state of the question on screen and its drawing; the keys are :mod:`.question`'s."""

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

    def words(self, key: str, **values: object) -> str:
        """Return the wording ``key`` in the interview's language."""
        return say(key, self.lang, **values)

    @property
    def now(self) -> State:
        """Return the state of the question on screen."""
        assert self.state is not None  # noqa: S101 - run() sets it before any key arrives
        return self.state

    def field_value(self, name: str) -> Any:
        """Return a field's value: taken but not yet saved, else the saved answer's."""
        state = self.now
        if name in state.pending:
            return state.pending[name]
        current = self.session.answers.get(state.question.id)
        return getattr(current, name) if current is not None else None

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
        """Return the answer's note, internal note, evidence, flag, finding and severity, if any."""
        lines: list[screens.Line] = []
        for name in ("flag", "note", "internal", "evidence", "finding", "severity"):
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
        match question.type:
            case Type.NUMBER:
                unit = f" ({question.unit.get(self.lang)})" if question.unit else ""
                return self.words("number") + unit
            case Type.TEXT | Type.YESNO | Type.SINGLE | Type.MULTI | Type.SCALE:
                return self.words("text")  # a choice is typed only when it has no options
            case _:
                assert_never(question.type)

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
        fragments.append((f"class:{style}" if style else "", inert(text)))  # file text
    return fragments


def typed_default(current: Answer | None) -> str:
    """Return the current answer of a number or text question as it would be typed."""
    if current is None or isinstance(current.value, tuple):
        return ""
    value = current.value
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else str(value)
    return value
