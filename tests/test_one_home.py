"""The shared vocabulary has one home each (review 9.8), and a copy elsewhere fails here.

A rule with several homes drifts (the review found six "exists; use --force" checks and seven
display-width helpers), so each phrase or primitive below may appear in its home module only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "assessor"
HOMES = {
    "use --force to replace": "targets.py",  # refuse_existing, check_target
    "east_asian_width": "text.py",  # display width, fit, pad, wrap
}


def copies(package: Path, phrase: str, home: str) -> list[str]:
    """Return the modules under ``package`` other than ``home`` whose text holds ``phrase``."""
    return sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                  if phrase in path.read_text(encoding="utf-8")
                  and path.relative_to(package).as_posix() != home)


@pytest.mark.parametrize(("phrase", "home"), HOMES.items())
def test_each_phrase_lives_in_its_home_alone(phrase: str, home: str) -> None:
    assert (PACKAGE / home).read_text(encoding="utf-8").count(phrase) >= 1
    assert copies(PACKAGE, phrase, home) == []


def test_a_copy_is_found(tmp_path: Path) -> None:
    (tmp_path / "targets.py").write_text('MESSAGE = "x exists; use --force to replace it"\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.py").write_text('raise E("y exists; use --force to replace it")\n')
    assert copies(tmp_path, "use --force to replace", "targets.py") == ["sub/other.py"]
