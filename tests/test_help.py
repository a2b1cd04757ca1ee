"""Every command and every option says what it does in --help; a new option without help fails."""

from __future__ import annotations

import argparse

import pytest

from assessor.cli import build_parser

from .conftest import Run


def commands() -> dict[str, argparse.ArgumentParser]:
    """Return each command's parser."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def undocumented(parser: argparse.ArgumentParser) -> list[str]:
    """Return the options and arguments of ``parser`` that have no help text."""
    return ["/".join(action.option_strings) or action.dest for action in parser._actions
            if not isinstance(action, argparse._HelpAction | argparse._SubParsersAction)
            and (not action.help or action.help == argparse.SUPPRESS or not action.help.strip())]


def test_every_option_of_every_command_has_help() -> None:
    missing = {name: found for name, parser in commands().items()
               if (found := undocumented(parser))}
    assert missing == {}
    assert undocumented(build_parser()) == []


def test_every_command_has_a_line_in_the_overview() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    described = {action.dest: action.help for action in sub._choices_actions}
    assert set(described) == set(commands())
    assert all(text and text.strip() for text in described.values())


def test_a_help_text_shows_in_the_commands_help(run: Run,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run("score", "--help")
    assert stopped.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--allow-incomplete accept applicable questions without an answer (a draft)" in out
    assert "ANSWERS the answers file to score" in out


def test_a_command_line_builds_the_options_of_its_command_alone() -> None:
    """The parser a command line gets holds the command it names (parsing 22 commands' options
    costs more than a quick command runs) and helps and parses exactly as the whole one."""
    whole = commands()
    for name, full in whole.items():
        parser = build_parser([name, "x"])
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        assert list(sub.choices) == [name]
        assert sub.choices[name].format_help() == full.format_help()
    for argv in ([], ["--help"], ["runn"], ["--", "run"]):
        parser = build_parser(argv)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        assert list(sub.choices) == list(whole), argv
    args = build_parser(["score", "--allow-incomplete", "a.yaml"]).parse_args(
        ["score", "--allow-incomplete", "a.yaml"])
    assert vars(args) == vars(build_parser().parse_args(["score", "--allow-incomplete",
                                                          "a.yaml"]))
