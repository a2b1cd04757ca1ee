"""Shared fixtures: the small test catalog, paths to data, and a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assessor import cli
from assessor.banks.catalog import load_catalog
from assessor.model import Catalog

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="session")
def mini() -> Catalog:
    """Return the small hand-made catalog of tests/data/mini."""
    return load_catalog([MINI], builtin=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """Return the shipped catalog (loaded once for the whole run)."""
    return load_catalog([], builtin=True)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in the test's folder, so messages name files as a user typed them."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``assessor`` in-process; return (status, stdout, stderr)."""

    def runner(*argv: str | Path) -> tuple[int, str, str]:
        status = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return status, out, err

    return runner


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (creating folders) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
