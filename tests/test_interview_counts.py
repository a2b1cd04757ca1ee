"""The interview's review and end screens give `assessor score`'s numbers (issue 24).

The real interview is driven through prompt_toolkit's pipe on a shipped example scoped to
CSL, DSL and PIPL; what it drew is compared with what `score --json` says of the same file.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput

from assessor import cli

from .conftest import Run, example_file
from .test_interview import DOWN, ENTER, Terminal

pytestmark = pytest.mark.usefixtures("in_tmp")


def scoped_example(run: Run) -> Path:
    """Return the cross-border example with ``scope: [pipl, dsl, csl]`` (vuln and GDSI out)."""
    example_file(run, "a.yaml")
    path = Path("a.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  lang: en\n", "  lang: en\n  scope: [pipl, dsl, csl]\n", 1),
                    encoding="utf-8")
    return path


def drive(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
          keys: str, *argv: str) -> tuple[int, str]:
    """Run the interview with ``keys``; return its status and every screen it drew."""
    monkeypatch.setattr(sys, "stdin", Terminal())
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=PlainTextOutput(screen)):
            status = cli.main(["interview", *argv])
    return status, screen.getvalue() + capsys.readouterr().out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_review_and_end_screens_give_the_numbers_score_gives(
        run: Run, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        lang: str) -> None:
    path = scoped_example(run)
    status, out, _ = run("score", path, "--json")
    assert status == 0
    report = json.loads(out)
    overall, instruments = report["overall"], report["instruments"]
    assert [i["id"] for i in instruments] == ["csl", "dsl", "pipl"]
    # the final menu lists Finish, then a review per questionnaire (profile, CSL, DSL, PIPL):
    # open each bank's review and come back (its first choice), then finish, render nothing
    reviews = "".join(DOWN * n + ENTER + ENTER for n in (2, 3, 4))
    status, shown = drive(monkeypatch, capsys, reviews + ENTER + DOWN + DOWN + ENTER,
                          "--resume", str(path), "--lang", lang)
    assert status == 0
    for found in instruments:
        line = (f"{found['answered']} of {found['applicable']} controls answered "
                f"({found['coverage']:.0f}%) · {found['gaps']} gaps · {found['unknown']} "
                f"unknown · score {found['score']:.0f}") if lang == "en" else (
            f"{found['applicable']} 个控制项中已答 {found['answered']} 个"
            f"（{found['coverage']:.0f}%）· 差距 {found['gaps']} 项 · 未知 "
            f"{found['unknown']} 项 · 得分 {found['score']:.0f}")
        assert line in shown, found["id"]
    end = (f"coverage {overall['coverage']:.0f}% ({overall['answered']}/"
           f"{overall['applicable']} controls)") if lang == "en" else (
        f"覆盖率 {overall['coverage']:.0f}%（{overall['answered']}/{overall['applicable']} "
        "个控制项）")
    assert end in shown
    assert f" {overall['score']:.0f} / 100" in shown
    checked = run("check", path)[1]  # the answers as check counts them, on the end screen too
    count = checked.split("ok (")[1].split(" answers")[0]
    assert (f"Answers saved in a.yaml ({count} answers)." if lang == "en"
            else f"答复已保存到 a.yaml（共 {count} 个答复）。") in shown
    assert "Global Data Security Initiative" not in shown and "全球数据安全倡议" not in shown
    assert "Vulnerabilit" not in shown  # out of the engagement's scope


def test_resuming_counts_the_answers_check_counts(
        run: Run, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = scoped_example(run)
    status, out, _ = run("check", path)
    assert status == 0
    count = int(out.split("ok (")[1].split(" answers")[0])  # a fact two laws ask counts twice
    status, shown = drive(monkeypatch, capsys, ENTER + DOWN + DOWN + ENTER, "--resume", str(path))
    assert status == 0
    assert f"Resumed a.yaml: every answer kept ({count} so far)." in shown


def test_the_profile_review_says_how_many_controls_each_law_holds(
        run: Run, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = scoped_example(run)
    report = json.loads(run("score", path, "--json")[1])
    status, shown = drive(monkeypatch, capsys, DOWN + ENTER + ENTER + ENTER + DOWN + DOWN
                          + ENTER, "--resume", str(path))
    assert status == 0
    for found in report["instruments"]:
        assert f"applies: {found['applicable_controls']} controls" in shown, found["id"]
