"""Prompts and printing for the interview's menus: the only module that imports questionary.

The question screen (:mod:`.question`) is its own prompt_toolkit application; every other
screen (details, menus, review, the end) asks through the few prompts here, which all share one
style and call ``unsafe_ask`` (``ask`` swallows Ctrl-C, which must reach the interview's loop).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.layout import Dimension
from prompt_toolkit.shortcuts import clear
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from assessor.terminal import inert

Line = tuple[str, str]  # (style class, text)
STYLE = questionary.Style([
    ("qmark", "fg:#5f87d7 bold"), ("question", "bold"), ("answer", "fg:#5faf5f bold"),
    ("pointer", "fg:#5f87d7 bold"), ("highlighted", "fg:#5f87d7 bold"),
    ("selected", "fg:#5faf5f"), ("separator", "fg:#808080"), ("instruction", "fg:#808080"),
    ("bar", "reverse bold"), ("dim", "fg:#808080"), ("ok", "fg:#5faf5f"),
    ("warn", "fg:#d7af00"), ("title", "bold"),
])
__all__ = ["Choice", "Separator", "clear_screen", "press_any_key", "select", "show", "size",
           "text"]


def size() -> tuple[int, int]:
    """Return the terminal's rows and columns (at least 40 columns)."""
    found = get_app_session().output.get_size()
    return found.rows, max(found.columns, 40)


def clear_screen() -> None:
    """Clear the terminal before a new screen."""
    clear()


def show(lines: Sequence[Line]) -> None:
    """Print styled lines through prompt_toolkit, which honours NO_COLOR."""
    fragments: list[tuple[str, str]] = []
    for style, line in lines:  # a line may hold a file's text: shown, never obeyed
        fragments += [(f"class:{style}" if style else "", inert(line)), ("", "\n")]
    print_formatted_text(FormattedText(fragments), style=STYLE, end="")


def select(message: str, choices: Sequence[Choice | Separator], *, instruction: str,
           default: Any = None, search: bool = False, rows: int | None = None) -> Any:
    """Ask for one choice; a long list scrolls within ``rows`` rows, the heading stays."""
    for choice in choices:  # a review row or a section may hold a file's text
        if isinstance(choice, Choice) and isinstance(choice.title, str):
            choice.title = inert(choice.title)
    question = questionary.select(message, choices=list(choices), default=default,
                                  instruction=instruction, style=STYLE,
                                  use_search_filter=search, use_jk_keys=not search)
    if rows is not None:
        for window in question.application.layout.find_all_windows():
            if isinstance(window.content, InquirerControl):
                window.height = Dimension(max=max(rows, 4))
    return question.unsafe_ask()


def text(label: str, default: str, *, hint: str | None = None,
         validate: Callable[[str], bool | str] | None = None) -> str:
    """Ask for a line of text; return it stripped."""
    answer = questionary.text(label, default=default, instruction=hint, style=STYLE,
                              validate=validate).unsafe_ask()
    return str(answer).strip()


def complete(message: str, words: Sequence[str], *, hint: str) -> str:
    """Ask for one of ``words`` (question ids), completed as typed; return what was typed."""
    answer = questionary.autocomplete(f"{message} {hint}", choices=list(words),
                                      match_middle=True, style=STYLE).unsafe_ask()
    return str(answer or "").strip()


def press_any_key(message: str) -> None:
    """Wait for a key."""
    questionary.press_any_key_to_continue(message, style=STYLE).unsafe_ask()
