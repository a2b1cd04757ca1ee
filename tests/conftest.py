"""Shared fixtures: the small test catalog, paths to data, a CLI runner, the slow-test rule."""

from __future__ import annotations

import ast
import functools
import os
import subprocess
import sys
from collections.abc import Callable, Generator, Hashable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from assessor import cli
from assessor.banks.catalog import load_catalog
from assessor.model.catalog import Catalog

if TYPE_CHECKING:
    from pypdf import PdfReader

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"

Run = Callable[..., tuple[int, str, str]]
SLOW_BECAUSE = ("pdf", "pty")  # markers that make a test slow by what they do


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every PDF and pseudo-terminal test ``slow`` too, so the fast set leaves it out."""
    for item in items:
        if any(item.get_closest_marker(name) for name in SLOW_BECAUSE):
            item.add_marker(pytest.mark.slow)


class Guard:
    """Whether the test running now is in the fast set (not marked ``slow``).

    A test of the fast set (or its fixtures) that starts a program or lays out a PDF fails,
    naming the marker it needs: the set a developer runs after every change stays fast.
    """

    fast = False


class GuardedPopen(subprocess.Popen):  # type: ignore[type-arg]
    """``Popen`` for the whole run: a test in the fast set (or its fixtures) may not start one.

    Starting a program (LibreOffice, a second ``assessor``, a lock holder) costs about a second;
    such a test is marked ``slow`` so the set a developer runs after every change stays fast.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if Guard.fast and not from_library_lookup():
            raise AssertionError("this test starts a process (about a second each): mark it "
                                 "@pytest.mark.slow (see tests/conftest.py)")
        super().__init__(*args, **kwargs)


def from_library_lookup() -> bool:
    """Return whether ``ctypes.util.find_library`` asks (``ldconfig -p``: WeasyPrint's import)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_globals.get("__name__") == "ctypes.util":
            return True
        frame = frame.f_back
    return False


def pytest_configure() -> None:
    """Put the guarded ``Popen`` and PDF renderer in place for the run."""
    subprocess.Popen = GuardedPopen  # type: ignore[misc]
    from assessor.report import pdf

    lay_out = pdf.render_pdf

    def guarded(html: str, lang: str) -> bytes:
        """Lay out a PDF, unless the test running is in the fast set (seconds a page)."""
        if Guard.fast:
            pdf.import_weasyprint()  # without Pango the user's refusal comes first, as it would
            raise AssertionError("this test renders a PDF (seconds each): mark it "
                                 "@pytest.mark.pdf (see tests/conftest.py)")
        return lay_out(html, lang)

    pdf.render_pdf = guarded


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    """Guard each test in the fast set, its fixtures' set-up included."""
    Guard.fast = item.get_closest_marker("slow") is None
    try:
        return (yield)
    finally:
        Guard.fast = False


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, called only with -n
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Give each file of the fast set to one worker, unless the command names a ``--dist``.

    xdist's default splits about 13 files between the two workers, and each worker then makes
    their module fixtures and ``once`` files: kept whole, the fast set takes about 2.5 s less
    CPU (of 75; ten interleaved pairs) and the workers still finish within a second of each
    other. Other runs keep the default, which spreads a file's slow tests over the workers.
    """
    args = [*map(str, config.invocation_params.args),
            *os.environ.get("PYTEST_ADDOPTS", "").split()]
    if config.getoption("markexpr") != "not slow" or any(
            arg.startswith("--dist") or arg == "-d" for arg in args):
        return None
    from xdist.scheduler import LoadFileScheduling  # type: ignore[import-untyped]

    return LoadFileScheduling(config, log)


@pytest.fixture(scope="session")
def mini() -> Catalog:
    """Return the small hand-made catalog of tests/data/mini."""
    return load_catalog([MINI], builtin=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """Return the shipped catalog (loaded once for the whole run)."""
    return load_catalog([], builtin=True)


@pytest.fixture(scope="session")
def mini_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the mini answers' English PDF, rendered once for every test that reads it."""
    return render_mini(tmp_path_factory.mktemp("mini-pdf") / "mini.pdf", "en")


@pytest.fixture(scope="session")
def mini_pdf_zh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the mini answers' Chinese PDF, rendered once for every test that reads it."""
    return render_mini(tmp_path_factory.mktemp("mini-pdf-zh") / "mini-zh.pdf", "zh")


def render_mini(out: Path, lang: str) -> Path:
    """Render ``tests/data/answers/mini.yaml`` on the mini banks to ``out`` and return it."""
    status = cli.main(["run", "--questionnaires", str(MINI), "--no-builtin",
                       str(DATA / "answers" / "mini.yaml"), "--lang", lang, "-o", str(out)])
    assert status == 0
    return out


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


MADE: dict[Hashable, tuple[bytes, ...]] = {}  # files made once per process, by what made them


def once(out: Path, key: Hashable, make: Callable[[Path], object], *also: Path) -> Path:
    """Make ``out`` (and ``also``) with ``make`` the first time ``key`` is asked for; copy after.

    Several tests start from the same file (a client workbook costs about 0.3 s to write and as
    much to fill in with openpyxl): the first test makes it for real, the others get its bytes.
    """
    paths = (out, *also)
    if key not in MADE:
        make(out)
        MADE[key] = tuple(path.read_bytes() for path in paths)
    else:
        for path, data in zip(paths, MADE[key], strict=True):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return out


def inputs(args: tuple[str | Path, ...]) -> tuple[object, ...]:
    """Return ``args`` with the bytes of every file (and folder's files) they name, as a key."""
    key: list[object] = []
    for arg in args:
        path = Path(arg)
        if path.is_file():
            key.append((str(arg), path.read_bytes()))
        elif path.is_dir():
            key.append((str(arg), tuple((str(f), f.read_bytes())
                                        for f in sorted(path.rglob("*")) if f.is_file())))
        else:
            key.append(str(arg))
    return tuple(key)


def template_xlsx(run: Run, out: Path | str, *args: str | Path) -> Path:
    """Write the client workbook of ``template --format xlsx ARGS`` to ``out``; return it.

    The command runs once per process for the same arguments and input files (the workbook does
    not depend on where it is written); later tests get a copy of its bytes.
    """
    def make(path: Path) -> None:
        status, _, err = run("template", "--format", "xlsx", *args, "-o", path)
        assert status == 0, err

    return once(Path(out), ("template", *inputs(args)), make)


def example_file(run: Run, out: Path | str, name: str = "crossborder-ecommerce") -> Path:
    """Write the shipped example ``name`` to ``out`` with ``assessor example``; return it.

    The command runs once per process for each example (test_system checks the command
    itself); later tests get a copy of its bytes.
    """
    def make(path: Path) -> None:
        status, _, err = run("example", name, "-o", path)
        assert status == 0, err

    return once(Path(out), ("example", name), make)


def report_file(run: Run, out: Path | str, *args: str | Path) -> Path:
    """Write the report of ``run ARGS -o OUT`` to ``out``; return it.

    The command runs once per process for the same arguments, input files and kind of output
    (a report does not depend on the folder or name it is written to: several test files read
    the JSON report of the same example); later tests get a copy of its bytes.
    """
    path = Path(out)

    def make(target: Path) -> None:
        status, _, err = run("run", *args, "-o", target)
        assert status == 0, err

    return once(path, ("run", path.suffix, *inputs(args)), make)


@functools.cache  # three test files walk every module of the package: each text parsed once
def syntax_tree(text: str) -> ast.Module:
    """Return the syntax tree of a module's text (shared: a check only reads it)."""
    return ast.parse(text)


def pdf_reader(path: str | Path) -> PdfReader:
    """Open a PDF with pypdf, imported here: only the slow set reads PDFs (0.1 s a process)."""
    from pypdf import PdfReader

    return PdfReader(path)


def sizes(fast: int, thorough: int) -> list[Any]:
    """Return a property's example counts to parametrize ``examples`` with.

    The fast set runs ``fast`` examples; the same property with ``thorough`` runs in the slow
    set (``pytest -q``, CI), so nothing is explored less, only later.
    """
    return [pytest.param(fast, id="fast"),
            pytest.param(thorough, id="thorough", marks=pytest.mark.slow)]


def read_yaml(text: str | bytes) -> Any:
    """Parse YAML as ``yaml.safe_load`` does, with libyaml's parser (ten times faster)."""
    return yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - the safe loader, in C


def yaml_text(data: Any, **options: Any) -> str:
    """Return ``data`` as ``yaml.safe_dump`` writes it, with libyaml's emitter (30 times faster)."""
    return str(yaml.dump(data, Dumper=yaml.CSafeDumper, **options))


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (creating folders) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
