"""Batch runs: many answers files in one call, failures listed while the others still render."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from assessor import batch
from assessor.commands import batch_view
from assessor.errors import Problem

from .conftest import DATA, MINI, Run, write

MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")
GOOD = (DATA / "answers" / "mini.yaml").read_text(encoding="utf-8")


def org(name: str) -> str:
    """Return the good mini answers under another organisation name."""
    return GOOD.replace('"Mini Co <script>"', f'"{name}"')


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two good answers files and one with a wrong option, in the working folder."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "alpha.yaml", org("Alpha Ltd"))
    write(tmp_path / "beta.yaml", org("Beta Ltd"))
    write(tmp_path / "broken.yaml", GOOD.replace("bank.big.officer: no",
                                                 "bank.big.officer: maybe"))
    return tmp_path


def test_failing_files_are_listed_and_the_good_ones_rendered(run: Run, folder: Path) -> None:
    out = folder / "reports"
    status, stdout, stderr = run("run", *MINI_ARGS, folder / "alpha.yaml", folder / "broken.yaml",
                                 folder / "missing.yaml", folder / "beta.yaml", "-o", f"{out}/",
                                 "--format", "json")
    assert status == 2
    assert sorted(p.name for p in out.iterdir()) == ["alpha.json", "beta.json"]
    assert json.loads((out / "alpha.json").read_text(encoding="utf-8"))["organisation"] == {
        "name": "Alpha Ltd", "sector": "testing"}
    assert "broken.yaml:12: bank.big.officer: 'maybe' is not an option" in stderr
    assert "missing.yaml: no such file" in stderr
    assert "assessor: error: 2 of 4 answers files failed; the others were written" in stderr
    assert "Traceback" not in stderr
    lines = stdout.splitlines()
    assert lines[0].split() == ["answers", "file", "organisation", "score", "rating", "gaps",
                                "report", "time"]
    alpha = next(line for line in lines if "alpha.yaml" in line)
    assert "Alpha Ltd" in alpha
    assert " 20 " in alpha
    assert "Weak" in alpha
    assert "alpha.json" in alpha
    assert "FAILED: 1 problem" in next(line for line in lines if "broken.yaml" in line)


def test_parallel_processes_render_every_file(run: Run, tmp_path: Path) -> None:
    sources = [write(tmp_path / f"org{i}.yaml", org(f"Org {i}")) for i in range(5)]
    status, stdout, stderr = run("run", *MINI_ARGS, *sources, "-o", tmp_path / "out", "-j", "2",
                                 "--format", "json")
    assert status == 0, stderr
    for i in range(5):
        report = json.loads((tmp_path / "out" / f"org{i}.json").read_text(encoding="utf-8"))
        assert report["organisation"]["name"] == f"Org {i}"
        assert f"Org {i}" in stdout
    assert "[5/5] ok" in stderr
    assert "wrote 5 of 5 reports" in stderr
    assert "(2 processes)" in stderr


def test_failures_in_worker_processes_are_listed(run: Run, folder: Path) -> None:
    status, _, stderr = run("run", *MINI_ARGS, folder / "alpha.yaml", folder / "broken.yaml",
                            folder / "beta.yaml", "-o", folder / "out", "-j", "2",
                            "--format", "html", "--firm", "Harbour Advisory")
    assert status == 2
    assert "broken.yaml:12: bank.big.officer: 'maybe' is not an option" in stderr
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["alpha.html", "beta.html"]
    for name in ("alpha.html", "beta.html"):  # the brand reaches every worker process
        assert "Harbour Advisory" in (folder / "out" / name).read_text(encoding="utf-8")


def test_without_output_reports_go_beside_each_answers_file(run: Run, tmp_path: Path) -> None:
    first = write(tmp_path / "one" / "acme.yaml", org("Acme"))
    second = write(tmp_path / "two" / "zenith.yaml", org("Zenith"))
    status, _, stderr = run("run", *MINI_ARGS, first, second, "--format", "json")
    assert status == 0, stderr
    assert (tmp_path / "one" / "acme.json").is_file()
    assert (tmp_path / "two" / "zenith.json").is_file()


def test_output_folder_is_created_and_a_trailing_slash_means_folder(run: Run,
                                                                   tmp_path: Path) -> None:
    source = write(tmp_path / "acme.yaml", org("Acme"))
    status, _, stderr = run("run", *MINI_ARGS, source, "-o", f"{tmp_path / 'new' / 'deeper'}/",
                            "--format", "json")
    assert status == 0, stderr
    assert (tmp_path / "new" / "deeper" / "acme.json").is_file()


@pytest.mark.parametrize(("output", "message"), [
    ("existing.txt", "is a file; several answers files need a folder"),
    ("reports.pdf", "several answers files need a folder, not a .pdf file"),
])
def test_output_that_cannot_be_a_folder_is_refused(run: Run, folder: Path, output: str,
                                                   message: str) -> None:
    write(folder / "existing.txt", "keep me")
    status, _, stderr = run("run", *MINI_ARGS, folder / "alpha.yaml", folder / "beta.yaml",
                            "-o", folder / output)
    assert status == 2
    assert message in stderr
    assert (folder / "existing.txt").read_text(encoding="utf-8") == "keep me"
    assert not (folder / "reports.pdf").exists()


def test_two_files_writing_the_same_report_are_refused_before_rendering(run: Run,
                                                                       tmp_path: Path) -> None:
    first = write(tmp_path / "2025" / "acme.yaml", org("Acme"))
    second = write(tmp_path / "2026" / "acme.yaml", org("Acme"))
    status, _, stderr = run("run", *MINI_ARGS, first, second, "-o", tmp_path / "out",
                            "--format", "json")
    assert status == 2
    assert "would all be written to" in stderr
    assert "acme.json" in stderr
    assert not (tmp_path / "out").exists()


def test_negative_job_count_is_refused(run: Run, folder: Path) -> None:
    status, _, stderr = run("run", *MINI_ARGS, folder / "alpha.yaml", folder / "beta.yaml",
                            "-o", folder / "out", "-j", "-1", "--format", "json")
    assert status == 2
    assert "-j -1" in stderr


def test_a_bug_in_one_file_exits_1_and_the_others_render(run: Run, folder: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from assessor.render import render_file as real

    def flaky(catalog: object, answers: object, source: Path, *rest: object,
              **named: bool) -> Path:
        if source.name == "beta.yaml":
            raise RuntimeError("boom")
        return real(catalog, answers, source, *rest, **named)  # type: ignore[arg-type]

    monkeypatch.setattr("assessor.batch.render_file", flaky)
    status, _, stderr = run("run", *MINI_ARGS, folder / "alpha.yaml", folder / "beta.yaml",
                            "-o", folder / "out", "--format", "json")
    assert status == 1
    assert "beta.yaml: internal error: this is a bug" in stderr
    assert "Traceback" not in stderr
    assert [p.name for p in (folder / "out").iterdir()] == ["alpha.json"]
    status, _, stderr = run("run", *MINI_ARGS, folder / "beta.yaml", folder / "alpha.yaml",
                            "-o", folder / "out", "--format", "json", "--debug")
    assert status == 1
    assert "RuntimeError: boom" in stderr


class Terminal(io.StringIO):
    """A text stream that says it is a terminal, as rich sees one."""

    def isatty(self) -> bool:
        return True


def test_terminal_gets_a_progress_bar_and_a_table(folder: Path) -> None:
    jobs = [batch.Job(folder / name, folder / f"{name}.json", "json", None, False)
            for name in ("alpha.yaml", "broken.yaml")]
    results = [batch.Outcome(jobs[0], 0.5, "Alpha [Holdings] Ltd", 20.0, "weak", 4),
               batch.Outcome(jobs[1], 0.1, problems=(Problem("broken.yaml", "bad"),))]
    progress = Terminal()
    assert batch_view.track(iter(results), 2, progress) == results
    assert "FAILED" in progress.getvalue()
    assert "broken.yaml" in progress.getvalue()
    table = Terminal()
    batch_view.print_summary(results, table)
    assert "Batch summary" in table.getvalue()
    assert "[Holdings]" in table.getvalue()  # text, not rich markup


@pytest.mark.pdf
def test_pdf_batch_in_two_processes(run: Run, folder: Path) -> None:
    status, _, stderr = run("run", *MINI_ARGS, folder / "alpha.yaml", folder / "beta.yaml",
                            "-o", folder / "pdfs", "-j", "2")
    assert status == 0, stderr
    for name in ("alpha.pdf", "beta.pdf"):
        assert (folder / "pdfs" / name).read_bytes().startswith(b"%PDF-")


def test_ctrl_c_stops_the_worker_processes(run: Run, folder: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           request: pytest.FixtureRequest) -> None:
    import multiprocessing
    import os
    import signal
    import threading
    import time

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the stuck render reaches the workers only when they fork")

    started = folder / "started"  # each worker leaves its pid here as its render begins
    started.mkdir()

    def stuck(*_: object, **__: object) -> Path:  # a render that would take a minute
        (started / str(os.getpid())).touch()
        time.sleep(60)
        raise AssertionError("not interrupted")

    def interrupt() -> None:
        """Press Ctrl-C once both workers are rendering (it waited a fixed second before)."""
        deadline = time.monotonic() + 10
        while len(list(started.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr("assessor.batch.render_file", stuck)  # inherited by the forked workers
    # A shell without job control starts background commands with SIGINT ignored, and Python
    # then keeps it ignored: give this process Python's own Ctrl-C handling, as at a terminal.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, previous))
    timer = threading.Thread(target=interrupt)
    timer.start()
    status, _, stderr = run("run", *MINI_ARGS, folder / "alpha.yaml", folder / "beta.yaml",
                            "-o", folder / "out", "-j", "2", "--format", "json")
    timer.join()
    assert status == 130, stderr
    assert len(list(started.iterdir())) == 2  # both renders were running when it came
    assert "interrupted" in stderr
    for child in multiprocessing.active_children():  # gone, or a zombie the pool's thread reaps
        child.join(timeout=5)
        assert not runs(child.pid), f"{child.name} still runs"
    assert list((folder / "out").iterdir()) == []


def runs(pid: int | None) -> bool:
    """Return whether a process is running (Linux: not gone, and not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_job_count_zero_means_one_per_cpu_and_never_more_than_the_files() -> None:
    import os

    assert batch.job_count(0, 1000) == (os.cpu_count() or 1)
    assert batch.job_count(8, 3) == 3
    assert batch.job_count(1, 3) == 1
