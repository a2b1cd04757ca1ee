"""Golden JSON reports: every shipped example, in English and Chinese, byte for byte.

The JSON report is the view model every format renders, so a change to scoring, citations,
wording or the model's shape shows up here as a reviewable diff. Dates come from the answers
files (nothing reads the clock); the one thing that varies with the tool is ``tool.version``.

A change made on purpose is recorded by regenerating the files and reviewing their diff:

    ASSESSOR_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import DATA, EXAMPLES, Run

GOLDEN = DATA / "golden"
LANGS = ("en", "zh")
EXAMPLE_NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
UPDATE = os.environ.get("ASSESSOR_UPDATE_GOLDEN") == "1"
HOW = "ASSESSOR_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden.py"


def golden_path(name: str, lang: str) -> Path:
    """Return where the golden report of one example in one language is kept."""
    return GOLDEN / f"{name}.{lang}.json"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_json_equals_its_golden_file(name: str, lang: str, run: Run,
                                             tmp_path: Path) -> None:
    """``assessor run EXAMPLE -o x.json --lang L`` writes exactly the reviewed golden bytes."""
    out = tmp_path / f"{name}.json"
    status, _, err = run("run", EXAMPLES / f"{name}.yaml", "-o", out, "--lang", lang)
    assert status == 0, err
    made = out.read_bytes()
    golden = golden_path(name, lang)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(made)
        return
    assert golden.is_file(), f"no golden report {golden.name}; create it with: {HOW}"
    expected = golden.read_bytes()
    if made != expected:
        first = first_difference(made.decode("utf-8"), expected.decode("utf-8"))
        pytest.fail(f"{golden.name} differs from the report at line {first}. If the change is "
                    f"on purpose, regenerate and review the diff: {HOW}")


def test_every_golden_file_belongs_to_an_example() -> None:
    """A removed or renamed example leaves no stale golden file behind."""
    expected = {golden_path(name, lang).name for name in EXAMPLE_NAMES for lang in LANGS}
    assert len(EXAMPLE_NAMES) == 5
    assert {path.name for path in GOLDEN.glob("*.json")} == expected


def first_difference(made: str, expected: str) -> int:
    """Return the 1-based number of the first line where two texts differ."""
    lines = zip(made.splitlines(), expected.splitlines(), strict=False)
    for number, (one, other) in enumerate(lines, start=1):
        if one != other:
            return number
    return min(len(made.splitlines()), len(expected.splitlines())) + 1
