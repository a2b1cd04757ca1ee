"""The command line contract: exit statuses, messages, and a light start-up path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA, MINI, ROOT, Run

MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")


@pytest.mark.slow
def test_help_and_version_exit_0(run: Run) -> None:
    with pytest.raises(SystemExit) as info:
        run("--help")
    assert info.value.code == 0
    proc = subprocess.run([sys.executable, "-m", "assessor", "--version"], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.startswith("assessor ")


@pytest.mark.slow
def test_usage_error_exits_2_with_argparse_message() -> None:
    proc = subprocess.run([sys.executable, "-m", "assessor", "frobnicate"], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    assert proc.returncode == 2
    assert "assessor: error:" in proc.stderr


@pytest.mark.slow
def test_help_imports_no_heavy_modules() -> None:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "assessor", "--help"],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines()
              if line.startswith("import time:")}
    assert "assessor" in loaded
    assert not loaded & {"weasyprint", "questionary", "jinja2", "prompt_toolkit", "openpyxl",
                         "rich"}


@pytest.mark.slow
def test_check_path_imports_no_weasyprint() -> None:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "assessor", "check",
                           *map(str, MINI_ARGS), str(DATA / "answers" / "mini.yaml")],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "weasyprint" not in proc.stderr and "questionary" not in proc.stderr


def test_list_json(run: Run) -> None:
    status, out, _ = run("list", *MINI_ARGS, "--json")
    assert status == 0
    rows = json.loads(out)
    assert [(r["id"], r["questions"], r["controls"]) for r in rows] == [
        ("profile", 2, 0), ("bank", 4, 4)]


def test_questions_json_and_unknown_questionnaire(run: Run) -> None:
    status, out, _ = run("questions", *MINI_ARGS, "-q", "bank", "--json")
    assert status == 0
    rows = json.loads(out)["questions"]
    assert rows[0]["id"] == "bank.ops.logs"
    assert [r["cite"]["en"] for r in rows[0]["references"]] == [
        "LAW Art. 3(1) (formerly Art. 1(1))"]
    status, _, err = run("questions", *MINI_ARGS, "-q", "nope")
    assert status == 2 and "unknown questionnaire nope" in err


def test_template_to_file(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "t.yaml"
    status, _, _ = run("template", *MINI_ARGS, "-o", out)
    assert status == 0
    assert "bank.big.elements: " in out.read_text(encoding="utf-8")


def test_score_prints_overall_and_gaps(run: Run) -> None:
    status, out, _ = run("score", *MINI_ARGS, DATA / "answers" / "mini.yaml")
    assert status == 0
    assert "Overall 20 / 100  (Weak)" in out
    assert ("1. [critical] bank.big.officer  (LAW Art. 3 (formerly Art. 1))\n"
            "     No officer is appointed.\n") in out   # the finding its gap states


def test_score_json_is_the_report_context(run: Run) -> None:
    status, out, _ = run("score", *MINI_ARGS, "--json", DATA / "answers" / "mini.yaml")
    data = json.loads(out)
    assert status == 0
    assert data["overall"]["score"] == 20.0
    assert [g["id"] for g in data["gaps"]][:2] == ["bank.big.officer", "bank.ops.logs"]


def test_missing_file_exits_2(run: Run, tmp_path: Path) -> None:
    status, _, err = run("check", *MINI_ARGS, tmp_path / "none.yaml")
    assert status == 2
    assert "none.yaml: no such file" in err


def test_run_refuses_to_overwrite_answers(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_bytes((DATA / "answers" / "mini.yaml").read_bytes())
    status, _, err = run("run", *MINI_ARGS, source, "-o", source, "--format", "json")
    assert status == 2 and "refusing to overwrite" in err


def test_internal_error_is_one_line_and_exit_1(run: Run, monkeypatch: object) -> None:
    from assessor.commands import listing

    def boom(_: object) -> int:
        raise RuntimeError("bug")

    monkeypatch.setattr(listing, "run", boom)  # type: ignore[attr-defined]
    status, _, err = run("list")
    assert status == 1
    assert "internal error" in err and "Traceback" not in err
    status, _, err = run("list", "--debug")
    assert status == 1 and "Traceback" in err
