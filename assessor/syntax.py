"""Syntax errors: libyaml's messages turned into plain words, at the line a person should look at.

libyaml names what its parser expected ("mapping values are not allowed in this context"); a
consultant filling in a template needs what to type. Each known message maps to a function that
words it from the text around the error; an unknown one is shown as libyaml gives it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import yaml


@dataclass(frozen=True, slots=True)
class Where:
    """An error's marks: the line libyaml stopped at, the line its context began, and the text."""

    line: int  # 0-based, as in libyaml's marks
    column: int
    start: int | None  # the line the context (a list, a quote, a key) began on
    text: str
    context: str

    @property
    def source(self) -> str:
        """Return the text of the line libyaml stopped at."""
        lines = self.text.split("\n")
        return lines[min(self.line, len(lines) - 1)]

    @property
    def at_end(self) -> bool:
        """Return whether libyaml stopped at the end of the file."""
        return not "\n".join(self.text.split("\n")[self.line:]).strip()

    def opened(self) -> str:
        """Return "on line N" for where the context began (1-based)."""
        return f"on line {(self.start if self.start is not None else self.line) + 1}"


def colon(where: Where) -> str:
    """A second ': ' on a line, or a line above that is not 'key: value'."""
    if ": " in where.source[: where.column] or where.line == 0:
        return ("a second ': ' on one line: put text that holds ': ' in quotes (note: \"Scope: "
                "all staff\")")
    return (f"line {where.line} is not 'key: value' (a key needs a colon and a space after it), "
            "so YAML reads it and this line as one")


def no_colon(where: Where) -> str:
    """A line that is neither 'key: value' nor the continuation of the text above."""
    return (f"line {where.opened().removeprefix('on line ')} is not 'key: value' (the ':' is "
            "missing), nor indented to continue the text above it")


def no_key(where: Where) -> str:
    """A line that does not fit the mapping around it."""
    stripped = where.source.strip()
    if where.start == where.line and where.column > 0:
        return ("text after a closing quote: put the whole value inside the quotes, or start "
                "a comment with ' #'")
    if stripped.startswith("- "):
        return ("a list item where a key was expected: indent the list under its key, or "
                "give the item a key")
    return (f"this line does not line up with the keys of the mapping that starts "
            f"{where.opened()}: indent it like the keys beside it")


def dash_here(_: Where) -> str:
    """A list begun on its key's line."""
    return ("a list cannot start on the same line as its key: put each '- item' on its own "
            "line below, indented, or write [a, b]")


def unclosed(bracket: str, closing: str, what: str) -> Callable[[Where], str]:
    """Return the wording for an unclosed ``bracket``."""
    def message(where: Where) -> str:
        """An unclosed bracket, or a missing comma."""
        return (f"the {what} opened with '{bracket}' {where.opened()} is not closed with "
                f"'{closing}', or a comma is missing between its items")

    return message


def quote_end(where: Where) -> str:
    """A quote never closed, or the file ending inside something."""
    if "quoted" in where.context:
        return f"a quote opened {where.opened()} is never closed"
    return f"the file ends inside what starts {where.opened()}"


def cannot_start(where: Where) -> str:
    """A value starting with a character YAML reserves."""
    char = where.source[where.column] if where.column < len(where.source) else "?"
    return f"a value cannot start with '{char}' in YAML: put the value in quotes"


def escape(_: Where) -> str:
    """A backslash in double quotes."""
    return ("a backslash in double quotes starts an escape such as \\n: write \\\\ for a "
            "backslash, or use single quotes ('C:\\path')")


def tag(_: Where) -> str:
    """A value starting with '!'."""
    return "'!' starts a YAML tag: put a value that begins with '!' in quotes"


def anchor(where: Where) -> str:
    """A value starting with '&' or '*'."""
    sign = "&" if "anchor" in where.context else "*"
    return f"'{sign}' starts a YAML {'anchor' if sign == '&' else 'alias'}: put a value that " \
        f"begins with '{sign}' in quotes"


def block_scalar(_: Where) -> str:
    """Text on the line of '|' or '>'."""
    return ("after '|' or '>' the text starts on the next line, indented (only a digit 1-9, "
            "'+' or '-' may follow the sign)")


def directive(_: Where) -> str:
    """A line starting with '%'."""
    return ("a line that starts with '%' is a YAML directive: remove it, or put the text in "
            "quotes and indent it under its key")


def version(where: Where) -> str:
    """A %YAML line the parser refuses."""
    if "duplicate" in where.context:
        return "the %YAML line is repeated: keep one"
    return "only YAML 1.x files are read: remove the %YAML line"


def after_end(_: Where) -> str:
    """Text after the end-of-document marker."""
    return "text after '...' (the end of the document): remove the '...' line or the text"


def no_value(where: Where) -> str:
    """An empty item in a '[...]' or '{...}'."""
    if where.at_end:
        return "the file ends inside a '[' or '{': close it"
    return "a value is missing here (an empty item between commas, or nothing after ':')"


def no_dash(where: Where) -> str:
    """A line that breaks a list."""
    return (f"this line does not continue the list that starts {where.opened()}: start it "
            "with '- ', or indent it as part of the item above")


def tab(_: Where) -> str:
    """A tab in the indentation."""
    return TAB


def question_key(where: Where) -> str:
    """A '?' where YAML cannot start a complex key: most often after a closing quote."""
    if any(quote in where.source[: where.column] for quote in "'\""):
        return ("text after a closing quote: put the whole value inside the quotes, or start "
                "a comment with ' #'")
    return "'?' starts a YAML complex key: put text that begins with '?' in quotes"


def flow_colon(_: Where) -> str:
    """A ':' inside brackets without a space after it."""
    return ("a ':' inside [ ] or { } needs a space after it, or the text that holds it in "
            "quotes")


def another(_: Where) -> str:
    """A second document."""
    return "more than one document (a second '---'); one file holds one document"


MESSAGES: dict[str, Callable[[Where], str]] = {
    "mapping values are not allowed in this context": colon,
    "could not find expected ':'": no_colon,
    "did not find expected key": no_key,
    "block sequence entries are not allowed in this context": dash_here,
    "did not find expected ',' or ']'": unclosed("[", "]", "list"),
    "did not find expected ',' or '}'": unclosed("{", "}", "mapping"),
    "found unexpected end of stream": quote_end,
    "found character that cannot start any token": cannot_start,
    "found unknown escape character": escape,
    "found undefined tag handle": tag,
    "did not find URI escaped octet": tag,
    "did not find the expected '>'": tag,
    "did not find expected alphabetic or numeric character": anchor,
    "did not find expected comment or line break": block_scalar,
    "found an indentation indicator equal to 0": block_scalar,
    "found unknown directive name": directive,
    "could not find expected directive name": directive,
    "found incompatible YAML document": version,
    "found duplicate %YAML directive": version,
    "did not find expected <document start>": after_end,
    "did not find expected node content": no_value,
    "did not find expected '-' indicator": no_dash,
    "but found another document": another,
    "found a tab character that violates indentation": tab,
    "found a tab character where an indentation space is expected": tab,
    "mapping keys are not allowed in this context": question_key,
    "found unexpected ':'": flow_colon,
    "did not find expected whitespace or line break": tag,
    "found unexpected non-alphabetical character": directive,
    "did not find expected hexdecimal number": escape,
}
TAB = "a tab character where YAML needs spaces (indent with spaces)"


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """Return a plain message for a YAML syntax error, and the 1-based line to show.

    A tab where YAML needs spaces is named as such whatever libyaml calls it; a message this
    table does not know is passed on as libyaml words it.
    """
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "malformed YAML"
    if mark is None:
        return problem, None
    start = exc.context_mark.line if exc.context_mark is not None else None
    where = Where(mark.line, mark.column, start, text, exc.context or problem)
    if "\t" in where.source[: mark.column + 1]:
        return TAB, mark.line + 1
    if problem.startswith("could not determine a constructor"):
        name = problem.rsplit(" ", 1)[-1].replace("tag:yaml.org,2002:", "!!")
        return f"tag {name} is not allowed (plain YAML only)", mark.line + 1
    wording = MESSAGES.get(problem.split(" (")[0])
    if wording is None:
        context = (exc.context or "").removeprefix("while parsing ").removeprefix(
            "while scanning ")
        if context and start is not None and start != mark.line:
            problem += f" (in the {context.removeprefix('a ')} that starts on line {start + 1})"
        return problem, mark.line + 1
    line = start if wording is no_colon and start is not None else mark.line
    return wording(where), line + 1
