"""The bad-input corpus: every broken file in tests/data/bad gets its exact, located answer."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from .conftest import DATA, MINI, ROOT, Run

BAD = DATA / "bad"
PREFIX = "assessor: error: tests/data/bad/"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (BAD / "EXPECTED.yaml").read_text(encoding="utf-8"))


def test_every_corpus_file_has_an_expectation_and_the_corpus_is_large() -> None:
    files = {p.name for p in BAD.iterdir() if p.name != "EXPECTED.yaml"}
    assert files == set(EXPECTED)
    assert sum(n.startswith("answers.") for n in files) >= 15
    assert sum(n.startswith("questionnaire.") for n in files) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_gets_its_status_and_message(run: Run, monkeypatch: pytest.MonkeyPatch,
                                                 name: str) -> None:
    monkeypatch.chdir(ROOT)  # messages show paths relative to the working folder
    expected = EXPECTED[name]
    command = "check" if name.startswith("answers.") else "lint"
    status, out, err = run(command, "--questionnaires", MINI.relative_to(ROOT), "--no-builtin",
                           (BAD / name).relative_to(ROOT))
    assert status == expected["status"], err
    assert "Traceback" not in err
    errors = [line.removeprefix(PREFIX) for line in err.splitlines()
              if not line.startswith("assessor: warning: ")]  # tests/test_quality.py has those
    assert errors == expected.get("errors", [])
    if "out" in expected:
        assert expected["out"] in out


def test_every_corpus_message_names_its_line() -> None:
    """Every message but the size limit's says `file:line:`, so an editor can jump to it."""
    unlocated = [line for entry in EXPECTED.values() for line in entry.get("errors", [])
                 if not line.split(": ", 1)[0].rsplit(":", 1)[-1].isdigit()]
    assert unlocated == []
