"""The wheel ships whole: banks, templates and examples travel with the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # builds the wheel with pip

RUN_FROM_WHEEL = ("import sys, runpy; sys.path.insert(0, sys.argv.pop(1)); "
                  "import assessor; assert assessor.__file__.startswith(sys.path[0]), "
                  "assessor.__file__; sys.argv[0] = 'assessor'; "
                  "runpy.run_module('assessor', run_name='__main__')")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel offline (hatchling is in the dev lock) and return its path."""
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "--no-build-isolation", "--no-index", "-q", "-w", str(out),
                           str(ROOT)], capture_output=True, text=True, check=False)
    if proc.returncode != 0 and "hatchling" in proc.stderr:
        pytest.skip("hatchling is not installed (it comes with the dev extra)")
    assert proc.returncode == 0, proc.stderr
    return next(out.glob("assessor-*.whl"))


def test_the_wheel_carries_banks_templates_examples_and_licence(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("assessor/data/questionnaires/pipl.yaml",
                    "assessor/data/report_templates/report.html",
                    "assessor/data/examples/crossborder-ecommerce.yaml"):
        assert shipped in names
    assert any(name.endswith("licenses/LICENSE") for name in names)


def test_the_demo_runs_from_the_unpacked_wheel_in_another_folder(wheel: Path,
                                                                 tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def assessor(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", RUN_FROM_WHEEL, str(unpacked), *argv],
                              cwd=elsewhere, capture_output=True, text=True, check=False)

    made = assessor("example", "crossborder-ecommerce", "-o", "x.yaml")
    assert (made.returncode, made.stderr) == (0, "wrote x.yaml\n")
    rendered = assessor("run", "x.yaml", "-o", "x.html")
    assert (rendered.returncode, rendered.stderr) == (0, "wrote x.html\n")
    assert "Silk Harbour Commerce" in (elsewhere / "x.html").read_text(encoding="utf-8")
