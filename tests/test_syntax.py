"""YAML syntax errors in plain words: every libyaml message we can reach, worded and located."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assessor.errors import InvalidFile
from assessor.files import parse_yaml
from assessor.loader import Loader
from assessor.syntax import MESSAGES

from .conftest import Run, write

# text -> (line, message after "malformed YAML: "); one entry or more for every libyaml message.
TABLE: dict[str, tuple[int, str]] = {
    "note: Scope: head office\n": (
        1, "a second ': ' on one line: put text that holds ': ' in quotes (note: \"Scope: all "
           "staff\")"),
    "name:Acme\nsector: retail\n": (
        2, "line 1 is not 'key: value' (a key needs a colon and a space after it), so YAML "
           "reads it and this line as one"),
    "a: 1\nb\nc: 2\n": (
        2, "line 2 is not 'key: value' (the ':' is missing), nor indented to continue the text "
           "above it"),
    "a:\n  b: 1\n c: 2\n": (
        3, "this line does not line up with the keys of the mapping that starts on line 1: "
           "indent it like the keys beside it"),
    "a: 1\n- b\n": (
        2, "a list item where a key was expected: indent the list under its key, or give the "
           "item a key"),
    'a: "x" y\n': (
        1, "text after a closing quote: put the whole value inside the quotes, or start a "
           "comment with ' #'"),
    "a: - b\n": (
        1, "a list cannot start on the same line as its key: put each '- item' on its own line "
           "below, indented, or write [a, b]"),
    "a: [1, 2\nb: 3\n": (
        2, "the list opened with '[' on line 1 is not closed with ']', or a comma is missing "
           "between its items"),
    "a: {x: 1\nb: 3\n": (
        2, "the mapping opened with '{' on line 1 is not closed with '}', or a comma is "
           "missing between its items"),
    'a: "abc\nb: 1\n': (3, "a quote opened on line 1 is never closed"),
    "a: @foo\n": (1, "a value cannot start with '@' in YAML: put the value in quotes"),
    "a: `foo`\n": (1, "a value cannot start with '`' in YAML: put the value in quotes"),
    'a: "C:\\path"\n': (
        1, "a backslash in double quotes starts an escape such as \\n: write \\\\ for a "
           "backslash, or use single quotes ('C:\\path')"),
    "a: !foo!bar x\n": (1, "'!' starts a YAML tag: put a value that begins with '!' in quotes"),
    "a: !<tag:%zz> b\n": (1, "'!' starts a YAML tag: put a value that begins with '!' in quotes"),
    "a: !<x y\n": (1, "'!' starts a YAML tag: put a value that begins with '!' in quotes"),
    "a: & x\n": (1, "'&' starts a YAML anchor: put a value that begins with '&' in quotes"),
    "a: |x\n  b\n": (
        1, "after '|' or '>' the text starts on the next line, indented (only a digit 1-9, '+' "
           "or '-' may follow the sign)"),
    "a: |0\n  b\n": (
        1, "after '|' or '>' the text starts on the next line, indented (only a digit 1-9, '+' "
           "or '-' may follow the sign)"),
    "a: 1\n%foo\n": (
        2, "a line that starts with '%' is a YAML directive: remove it, or put the text in "
           "quotes and indent it under its key"),
    "a: b\n%\n": (
        2, "a line that starts with '%' is a YAML directive: remove it, or put the text in "
           "quotes and indent it under its key"),
    "%YAML 2.0\n---\na: 1\n": (1, "only YAML 1.x files are read: remove the %YAML line"),
    "%YAML 1.1\n%YAML 1.1\n---\na: 1\n": (2, "the %YAML line is repeated: keep one"),
    "a: 1\n...\nb\n": (
        3, "text after '...' (the end of the document): remove the '...' line or the text"),
    "a: [,]\n": (
        1, "a value is missing here (an empty item between commas, or nothing after ':')"),
    "a: [\n": (2, "the file ends inside a '[' or '{': close it"),
    "- a\nb: c\n": (
        2, "this line does not continue the list that starts on line 1: start it with '- ', or "
           "indent it as part of the item above"),
    "a: 1\n--- b\nc: 1\n": (
        2, "more than one document (a second '---'); one file holds one document"),
    "a:\n\tb: 1\n": (2, "a tab character where YAML needs spaces (indent with spaces)"),
    "a: b\n\tc\n": (2, "a tab character where YAML needs spaces (indent with spaces)"),
    "a: |\n  b\n\tc\n": (3, "a tab character where YAML needs spaces (indent with spaces)"),
    'a: "2026-11-12"?\n': (
        1, "text after a closing quote: put the whole value inside the quotes, or start a "
           "comment with ' #'"),
    "a: [x: y:]\n": (
        1, "a ':' inside [ ] or { } needs a space after it, or the text that holds it in quotes"),
    "a: !foo,bar\n": (1, "'!' starts a YAML tag: put a value that begins with '!' in quotes"),
    "%YA^ML 1.1\n---\na: 1\n": (
        1, "a line that starts with '%' is a YAML directive: remove it, or put the text in "
           "quotes and indent it under its key"),
    'a: "\\xZZ"\n': (
        1, "a backslash in double quotes starts an escape such as \\n: write \\\\ for a "
           "backslash, or use single quotes ('C:\\path')"),
    "a: !!python/object/apply:os.system [ls]\n": (
        1, "tag '!!python/object/apply:os.system' is not allowed (plain YAML only)"),
}


@pytest.mark.parametrize(("text", "expected"), TABLE.items(), ids=list(range(len(TABLE))))
def test_each_syntax_error_is_worded_plainly_at_its_line(text: str,
                                                          expected: tuple[int, str]) -> None:
    with pytest.raises(InvalidFile) as caught:
        parse_yaml(text, "f.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (expected[0], f"malformed YAML: {expected[1]}")


def libyaml_problem(text: str) -> str:
    """Return libyaml's own words for the error in ``text``."""
    loader = Loader(text)
    try:
        loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        return (exc.problem or "").split(" (")[0]
    finally:
        loader.dispose()
    return "no error"


def test_the_table_reaches_every_message_we_translate() -> None:
    reached = {libyaml_problem(text) for text in TABLE}
    assert set(MESSAGES) <= reached
    assert "no error" not in reached


def test_a_syntax_error_reaches_the_user_with_file_and_line(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "format: assessor-answers/1\norganisation:\n  name: Acme\n"
                                      "answers:\n  profile.big: no\n  bank.ops.plan:\n"
                                      "    answer: partial\n    note: Scope: HQ only\n")
    status, out, err = run("check", path)
    assert (status, out) == (2, "")
    assert err == (f"assessor: error: {path}:8: malformed YAML: a second ': ' on one line: put "
                   "text that holds ': ' in quotes (note: \"Scope: all staff\")\n")
