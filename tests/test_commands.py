"""Adding a command is one module plus one line in the registry: a command registered in a test
is parsed, listed in --help, given the common options and run through the one error handler."""

from __future__ import annotations

import argparse
import sys

import pytest

from assessor.commands import COMMANDS
from assessor.errors import AssessorError

from .conftest import Run


class Hello:
    """A toy command: what a module in assessor/commands/ provides."""

    HELP = "greet someone (a toy command)"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name", metavar="NAME", help="who to greet")
        parser.add_argument("--loud", action="store_true", help="shout")

    def run(self, args: argparse.Namespace) -> int:
        if args.name == "nobody":
            raise AssessorError("nobody: there is no one to greet")
        if args.name == "bug":
            raise KeyError("a bug")
        greeting = f"hello {args.name}"
        print(greeting.upper() if args.loud else greeting)  # noqa: T201 - a command prints
        print(f"banks: {args.questionnaires}", file=sys.stderr)  # noqa: T201
        return 0


@pytest.fixture
def hello(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the toy command for one test: the one line a new command adds."""
    monkeypatch.setitem(COMMANDS, "hello", Hello())


@pytest.mark.usefixtures("hello")
def test_a_command_registered_in_a_test_runs_with_its_own_and_the_common_options(
        run: Run) -> None:
    assert run("hello", "world") == (0, "hello world\n", "banks: []\n")
    status, out, _ = run("hello", "world", "--loud", "--questionnaires", "x")
    assert (status, out) == (0, "HELLO WORLD\n")


@pytest.mark.usefixtures("hello")
def test_a_registered_command_is_in_the_overview_and_has_its_help(
        run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run("--help")
    overview = " ".join(capsys.readouterr().out.split())
    assert "hello greet someone (a toy command)" in overview
    with pytest.raises(SystemExit):
        run("hello", "--help")
    own = " ".join(capsys.readouterr().out.split())
    assert "NAME who to greet" in own and "--no-builtin" in own and "--debug" in own


@pytest.mark.usefixtures("hello")
def test_a_registered_command_goes_through_the_one_error_handler(run: Run) -> None:
    assert run("hello", "nobody") == (2, "", "assessor: error: nobody: there is no one to "
                                              "greet\n")
    status, _, err = run("hello", "bug")
    assert status == 1 and err.startswith("assessor: internal error: this is a bug")
