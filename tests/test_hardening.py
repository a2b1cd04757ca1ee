"""Hardening: hostile input stays bounded, writes are all-or-nothing, bank changes are explained."""

from __future__ import annotations

import ast
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from assessor import cli
from assessor.banks.catalog import load_catalog
from assessor.errors import Problem
from assessor.model.catalog import Catalog
from assessor.record import answers

from .conftest import DATA, EXAMPLES, MINI, ROOT, Run, syntax_tree, write

BAD = DATA / "bad"
MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")
ASSESSOR = [sys.executable, "-m", "assessor"]


def assessor(*argv: str | Path, prefix: list[str] | None = None,
             cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process."""
    return subprocess.run([*(prefix or []), *ASSESSOR, *map(str, argv)], capture_output=True,
                          text=True, check=False, cwd=cwd, timeout=120)


# --- limits: hostile input is refused quickly, with bounded memory ---------------------------

MEASURE = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    from assessor import cli
    status = cli.main(["check", "--questionnaires", sys.argv[1], "--no-builtin", sys.argv[2]])
    # VmHWM is this process's own peak; ru_maxrss can carry the parent's over a (v)fork + exec
    status_file = Path("/proc/self/status")
    peak = [line.split()[1] for line in status_file.read_text().splitlines()
            if line.startswith("VmHWM:")] if status_file.exists() else []
    peak_kb = int(peak[0]) if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(status, peak_kb)
""")


@pytest.mark.slow
def test_alias_bomb_is_refused_within_100_mb() -> None:
    # An expanded bomb needs gigabytes; the memory bound is the check, never a wall-clock time
    # (the suite runs on loaded machines: timings live in bench/, not in pass/fail tests).
    bomb = BAD / "answers.alias-bomb.yaml"
    assert bomb.stat().st_size <= 1024
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(MINI), str(bomb)],
                          capture_output=True, text=True, check=False, cwd=ROOT, timeout=60)
    status, peak_kb = proc.stdout.split()
    assert int(status) == 2
    assert "anchors and aliases (&name, *name) are not allowed" in proc.stderr
    assert int(peak_kb) < 100 * 1024  # kilobytes


@pytest.mark.slow
def test_alias_bomb_in_a_question_bank_is_refused_by_lint() -> None:
    proc = assessor("lint", *MINI_ARGS, BAD / "questionnaire.alias-bomb.yaml")
    assert proc.returncode == 2
    assert proc.stderr.endswith("questionnaire.alias-bomb.yaml:2: anchors and aliases (&name, "
                                "*name) are not allowed\n")


@pytest.mark.slow
@pytest.mark.parametrize("command", ["check", "lint"])
def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path,
                                                            command: str) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * 600_000)
    proc = assessor(command, *MINI_ARGS, big, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == ("assessor: error: big.yaml: file is 6,000,000 bytes; the limit is "
                           "5,242,880\n")


@pytest.mark.slow
@pytest.mark.parametrize("nested", ["[" * 100_000, "{a: " * 100_000, "\n    " + "- " * 100_000])
def test_nesting_a_hundred_thousand_deep_is_refused_not_a_crash(tmp_path: Path,
                                                                nested: str) -> None:
    # libyaml's composer recurses per level: unchecked, this input kills the process (SIGSEGV)
    deep = write(tmp_path / "deep.yaml", "organisation: {name: X}\nanswers:\n  bank.ops.logs: "
                 + nested + "x\n")
    proc = assessor("check", *MINI_ARGS, deep, cwd=tmp_path)
    assert proc.returncode == 2
    line = 3 if nested.startswith(("[", "{")) else 4
    assert proc.stderr == f"assessor: error: deep.yaml:{line}: nesting deeper than 40 levels\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_input_is_never_read(run: Run) -> None:
    status, _, err = run("check", *MINI_ARGS, "/dev/zero")  # reports no size; never ends
    assert status == 2
    assert err == "assessor: error: /dev/zero: is a device, not a regular file\n"


def test_a_flood_of_values_is_refused_before_it_is_built(run: Run, tmp_path: Path) -> None:
    flood = write(tmp_path / "flood.yaml", "organisation: {name: X}\nanswers:\n" + "".join(
        f"  bank.ops.q{number}: [a, b]\n" for number in range(40_000)))
    status, _, err = run("check", *MINI_ARGS, flood)
    assert status == 2
    assert err.endswith("flood.yaml:25001: more than 100,000 values in one file\n")


def test_folder_given_as_a_file_is_a_clear_error(run: Run, tmp_path: Path) -> None:
    status, _, err = run("check", *MINI_ARGS, tmp_path)
    assert status == 2
    assert err.endswith(": is a folder, not a file\n")


# --- crash safety: a killed process leaves the old file or the new, never half ---------------

SLOW_SAVE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from assessor.record import answers
    from assessor.banks.catalog import load_catalog
    from assessor.model.record import Answer

    catalog = load_catalog([Path(sys.argv[1])], builtin=False)
    loaded = answers.load(Path(sys.argv[2]), catalog)
    plan = loaded.answers["bank.ops.plan"]
    loaded.answers["bank.ops.plan"] = Answer(plan.qid, plan.value, "A long note. " * 4000)
    real_fdopen = os.fdopen

    class SlowFile:
        # Writes 256 bytes at a time, so the kill lands in the middle of the file.
        def __init__(self, fd, mode):
            self.handle = real_fdopen(fd, mode)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.handle.close()
        def write(self, data):
            print("writing", flush=True)
            for start in range(0, len(data), 256):
                self.handle.write(data[start:start + 256])
                self.handle.flush()
                time.sleep(0.002)
        def flush(self):
            self.handle.flush()
        def fileno(self):
            return self.handle.fileno()

    os.fdopen = SlowFile
    answers.save(Path(sys.argv[3]), loaded, catalog)
    print("saved", flush=True)
""")


@pytest.mark.slow
def test_killing_the_process_while_answers_are_saved_keeps_the_old_file(
        run: Run, tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    old = (DATA / "answers" / "mini.yaml").read_bytes()
    target.write_bytes(old)
    with subprocess.Popen([sys.executable, "-c", SLOW_SAVE, str(MINI),
                           str(DATA / "answers" / "mini.yaml"), str(target)],
                          stdout=subprocess.PIPE, text=True, cwd=ROOT) as proc:
        assert proc.stdout is not None
        started = proc.stdout.readline().strip()
        time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
    assert started == "writing"
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == old
    partial = [p for p in tmp_path.iterdir() if p.name.startswith(".answers.yaml.")]
    assert len(partial) == 1  # the half-written temporary file, never renamed into place
    assert 0 < partial[0].stat().st_size < 52_000
    status, out, _ = run("check", *MINI_ARGS, target)
    assert (status, out.endswith("ok (6 answers)\n")) == (0, True)


@pytest.mark.pdf
def test_killing_a_render_midway_keeps_the_old_report(tmp_path: Path) -> None:
    source = EXAMPLES / "crossborder-ecommerce.yaml"
    if not source.exists():
        pytest.skip("the shipped example is not there yet")
    old = b"%PDF-1.7\n% last quarter's report, which must survive\n%%EOF\n"
    delays = (0.8, 1.5, 2.2)
    runs = []
    for number, delay in enumerate(delays):
        target = tmp_path / f"report{number}.pdf"
        target.write_bytes(old)
        runs.append((subprocess.Popen([*ASSESSOR, "run", str(source), "-o", str(target)],
                                      cwd=ROOT, stderr=subprocess.DEVNULL), target, delay))
    start = time.monotonic()
    for proc, _, delay in runs:
        time.sleep(max(0.0, start + delay - time.monotonic()))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    for proc, target, _ in runs:
        data = target.read_bytes()
        whole_new = data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        assert data == old or (proc.returncode == 0 and whole_new)
    assert sum(proc.returncode == -signal.SIGKILL for proc, _, _ in runs) >= 2
    control = tmp_path / "control.html"
    control.write_bytes(b"<!DOCTYPE html><p>last quarter's report</p>")
    assert assessor("run", source, "-o", control).returncode == 0
    assert control.read_bytes().startswith(b"<!DOCTYPE html>")


# --- read-only and full output folders -------------------------------------------------------


def unprivileged() -> list[str]:
    """Return a command prefix under which file permissions apply (root ignores them)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    drop = [setpriv or "setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
    if setpriv is None or subprocess.run([*drop, "true"], check=False).returncode != 0:
        pytest.skip("running as root, and cannot drop the capability to ignore permissions")
    return drop


@pytest.mark.slow
def test_read_only_folder_is_a_clear_error_and_keeps_the_old_report(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    report = folder / "report.json"
    report.write_text('{"old": "report"}')
    folder.chmod(0o555)
    try:
        proc = assessor("run", *MINI_ARGS, DATA / "answers" / "mini.yaml", "-o", report,
                        prefix=unprivileged())
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 2
    assert proc.stderr == (f"assessor: error: cannot write {report}: permission denied (is "
                           "the folder read-only?)\n")
    assert report.read_text() == '{"old": "report"}'
    assert [p.name for p in folder.iterdir()] == ["report.json"]


@pytest.mark.slow
def test_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    template = tmp_path / "answers.yaml"
    template.write_text("finished answers\n")
    template.chmod(0o444)
    proc = assessor("template", *MINI_ARGS, "-o", template, "--force", prefix=unprivileged())
    assert proc.returncode == 2
    assert proc.stderr == f"assessor: error: cannot write {template}: the file is read-only\n"
    assert template.read_text() == "finished answers\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_is_a_clear_error_and_leaves_no_debris(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "report.json"
    report.write_text('{"old": "report"}')
    real_fdopen = os.fdopen

    def full_disk(fd: int, mode: str) -> Any:
        os.close(fd)
        return real_fdopen(os.open("/dev/full", os.O_WRONLY), mode)  # every write: ENOSPC

    monkeypatch.setattr(os, "fdopen", full_disk)
    status, _, err = run("run", *MINI_ARGS, DATA / "answers" / "mini.yaml", "-o", report)
    assert status == 2
    assert err == f"assessor: error: cannot write {report}: disk full\n"
    assert report.read_text() == '{"old": "report"}'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.slow
def test_truly_full_file_system_through_the_real_command(tmp_path: Path) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    script = (f"mount -t tmpfs -o size=16k tmpfs {folder} && "
              f"printf '<html>old' > {folder}/report.html "
              f"&& head -c 8000 /dev/zero > {folder}/filler && cd {ROOT} && "
              f"{sys.executable} -m assessor run --questionnaires {MINI} --no-builtin "
              f"{DATA / 'answers' / 'mini.yaml'} -o {folder}/report.html --format html; "
              f"echo status=$?; cat {folder}/report.html; echo; ls -A {folder}")
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-m", "true"], check=False,
                                         capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small file system here (needs unshare and privileges)")
    proc = subprocess.run([unshare, "-m", "sh", "-c", script], capture_output=True, text=True,
                          check=False, timeout=60)
    assert proc.stderr == f"assessor: error: cannot write {folder}/report.html: disk full\n"
    assert proc.stdout.split("\n") == ["status=2", "<html>old", "filler", "report.html", ""]


def test_every_file_the_tool_writes_goes_through_atomic_write() -> None:
    """Only targets.py may open a file for writing, rename or replace one."""
    offenders = [f"{path.relative_to(ROOT)}:{node.lineno}"
                 for path in (ROOT / "assessor").rglob("*.py")
                 if path != ROOT / "assessor/targets.py"
                 for node in ast.walk(syntax_tree(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Call) and writes(node)]
    assert offenders == []


def writes(call: ast.Call) -> bool:
    """Return whether a call writes, renames or removes a file directly."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(
        func.value, ast.Name) else ""
    if name in ("write_text", "write_bytes", "mkstemp", "NamedTemporaryFile"):
        return True
    if owner == "os" and name == "open":  # a write unless its flags say read-only and no more
        flags = {n.attr for a in call.args[1:2] for n in ast.walk(a)
                 if isinstance(n, ast.Attribute)}
        return "O_RDONLY" not in flags or bool(flags & {"O_WRONLY", "O_RDWR", "O_CREAT",
                                                         "O_TRUNC", "O_APPEND"})
    if owner in ("os", "shutil") and name in ("replace", "rename", "copy", "copyfile",
                                              "copy2", "move"):
        return True
    modes = [a.value for a in call.args[1:2] if isinstance(a, ast.Constant)]
    modes += [k.value.value for k in call.keywords
              if k.arg == "mode" and isinstance(k.value, ast.Constant)]
    if name == "open" and isinstance(func, ast.Attribute):
        modes = [a.value for a in call.args[:1] if isinstance(a, ast.Constant)] + modes
    return name == "open" and any(isinstance(m, str) and set(m) & set("wax+") for m in modes)


# --- bugs: one line without --debug, the traceback with it -----------------------------------

BUG = ("import sys; import assessor.cli as cli; import assessor.commands.listing as listing; "
       "listing.run = lambda args: {}['no such key']; "
       "raise SystemExit(cli.main(sys.argv[1:]))")


@pytest.mark.slow
def test_a_bug_prints_one_line_asking_for_a_report_and_exits_1() -> None:
    proc = subprocess.run([sys.executable, "-c", BUG, "list"], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stderr == ("assessor: internal error: this is a bug; please report it with the "
                           "output of the same command run with --debug\n")
    proc = subprocess.run([sys.executable, "-c", BUG, "list", "--debug"], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Traceback (most recent call last):")
    assert proc.stderr.endswith("KeyError: 'no such key'\n")


# --- bank versions: what no longer fits is named, and `migrate` carries the rest -------------

OLD_ANSWERS = """\
format: assessor-answers/1
organisation: {name: Old Co}
assessment: {date: 2025-11-20, lang: en}
versions: {profile: "1", bank: "1.0"}
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.retention:
    answer: 3
    note: Three months on the old SIEM.
  bank.ops.plan:
    answer: planned
    note: Plan exists for the data centre only.
  bank.ops.drills: yes
  bank.big.officer: no
  bank.big.elements: [a]
"""


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    """Return a copy of the mini banks at bank 1.1: a question renamed, one removed, a scale
    swapped for one without `planned`."""
    folder = tmp_path / "banks"
    shutil.copytree(MINI, folder)
    bank = folder / "bank.yaml"
    text = bank.read_text(encoding="utf-8").replace(
        'version: "1.0"', 'version: "1.1"\nrenamed:\n  bank.ops.retention: bank.ops.logs')
    bank.write_text(text, encoding="utf-8")
    scales = folder / "scales.yaml"
    text = scales.read_text(encoding="utf-8").replace("implementation:", "implementation_2:")
    scales.write_text(text + '  implementation:\n'
                      '    - {id: implemented, label: {en: "Done", zh: "完成"}, score: 1}\n'
                      '    - {id: partial, label: {en: "Partly", zh: "部分"}, score: 0.5}\n',
                      encoding="utf-8")
    return folder


def banks(folder: Path) -> tuple[str, ...]:
    return ("--questionnaires", str(folder), "--no-builtin")


STALE = [
    "old.yaml:8: bank.ops.retention: renamed to 'bank.ops.logs' (answered against bank 1.0; "
    "the bank is now 1.1: run `assessor migrate`)",
    "old.yaml:11: bank.ops.plan: 'planned' is not an option; choose one of implemented, "
    "partial (answered against bank 1.0; the bank is now 1.1: run "
    "`assessor migrate`)",
    "old.yaml:14: bank.ops.drills: no longer in bank (answered against bank 1.0; the bank is "
    "now 1.1: run `assessor migrate`)",
]


@pytest.mark.parametrize("command", ["check", "run"])
def test_check_and_run_name_each_answer_a_changed_bank_no_longer_takes(
        run: Run, tmp_path: Path, changed: Path, monkeypatch: pytest.MonkeyPatch,
        command: str) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "old.yaml", OLD_ANSWERS)
    status, _, err = run(command, *banks(changed), "old.yaml")
    assert status == 2
    assert err.splitlines() == [f"assessor: error: {line}" for line in STALE]
    assert not (tmp_path / "old.pdf").exists()


def test_without_versions_a_renamed_question_still_points_to_migrate(
        run: Run, tmp_path: Path, changed: Path) -> None:
    path = write(tmp_path / "a.yaml", OLD_ANSWERS.replace('versions: {profile: "1", bank: '
                                                          '"1.0"}\n', ""))
    status, _, err = run("check", *banks(changed), path)
    assert status == 2
    assert ("bank.ops.retention: renamed to 'bank.ops.logs' (run `assessor migrate` to carry "
            "the answer over)") in err
    assert "bank.ops.drills: unknown question (did you mean 'bank.ops.logs'?)\n" in err


def test_a_new_question_in_a_changed_bank_is_flagged_as_possibly_new(
        run: Run, tmp_path: Path, changed: Path) -> None:
    text = OLD_ANSWERS.replace("  bank.ops.retention:\n    answer: 3\n    note: Three months "
                               "on the old SIEM.\n", "")
    path = write(tmp_path / "a.yaml", text)
    status, _, err = run("check", *banks(changed), path)
    assert status == 2
    assert ("a.yaml:5: LAW (changed since bank 1.0, now 1.1: some may be new): 1 applicable "
            "question unanswered: bank.ops.logs\n") in err
    status, _, err = run("check", "--missing", *banks(changed), path)
    assert ("a.yaml:5: bank.ops.logs: no answer, but the question applies (answer it, or run "
            "with --allow-incomplete; it may be new since bank 1.0, the bank is now 1.1)") in err


def test_migrate_carries_what_fits_and_keeps_the_old_file(
        run: Run, tmp_path: Path, changed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = write(tmp_path / "old.yaml", OLD_ANSWERS)
    status, out, err = run("migrate", *banks(changed), "old.yaml")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "old.yaml -> old.migrated.yaml (the old file is kept)",
        "  bank: 1.0 -> 1.1",
        "  carried 5 answers",
        "  renamed bank.ops.retention -> bank.ops.logs",
        "  dropped bank.ops.plan (line 11): 'planned' is not an option; choose one of "
        "implemented, partial",
        "  dropped bank.ops.drills (line 14): not a question of bank 1.1 (answered against 1.0)",
        "1 applicable question without an answer: `assessor check --missing old.migrated.yaml` "
        "lists them",
    ]
    assert old.read_text(encoding="utf-8") == OLD_ANSWERS
    new = tmp_path / "old.migrated.yaml"
    catalog = load_catalog([changed], builtin=False)
    carried = answers.load(new, catalog, allow_incomplete=True)
    assert carried.versions == {"profile": "1", "bank": "1.1"}
    assert carried.answers["bank.ops.logs"].value == 3
    assert carried.answers["bank.ops.logs"].note == "Three months on the old SIEM."
    assert "bank.ops.plan" not in carried.answers
    text = new.read_text(encoding="utf-8")
    assert "#     answer: planned\n#     note: Plan exists for the data centre only.\n" in text
    status, _, err = run("check", "--missing", *banks(changed), "old.migrated.yaml")
    # an incomplete file's quality warnings come first (issue 24), then what is unanswered
    assert [line for line in err.splitlines() if not line.startswith("assessor: warning:")] == [
        "assessor: error: old.migrated.yaml:10: bank.ops.plan: no answer, but the question "
        "applies (answer it, or run with --allow-incomplete)"]


def test_a_bank_listing_renamed_questions_passes_lint(run: Run, changed: Path) -> None:
    assert run("lint", *banks(changed)) == (0, "questionnaires ok\n", "")


def test_migrate_keeps_the_answer_under_the_new_id_when_both_are_given(
        run: Run, tmp_path: Path, changed: Path) -> None:
    both = OLD_ANSWERS.replace("  bank.ops.drills: yes\n", "  bank.ops.logs: 7\n")
    status, out, _ = run("migrate", *banks(changed), write(tmp_path / "old.yaml", both))
    assert status == 0
    assert ("  dropped bank.ops.retention (line 8): renamed to 'bank.ops.logs', which already "
            "has an answer") in out.splitlines()
    catalog = load_catalog([changed], builtin=False)
    carried = answers.load(tmp_path / "old.migrated.yaml", catalog, allow_incomplete=True)
    assert carried.answers["bank.ops.logs"].value == 7


def test_migrate_never_overwrites(run: Run, tmp_path: Path, changed: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "old.yaml", OLD_ANSWERS)
    assert run("migrate", *banks(changed), "old.yaml", "-o", "old.yaml")[2] == (
        "assessor: error: refusing to overwrite old.yaml: migrate writes a new file (give "
        "another -o FILE)\n")
    assert run("migrate", *banks(changed), "old.yaml")[0] == 0
    edited = (tmp_path / "old.migrated.yaml").read_text(encoding="utf-8") + "# my edits\n"
    (tmp_path / "old.migrated.yaml").write_text(edited, encoding="utf-8")
    status, _, err = run("migrate", *banks(changed), "old.yaml")
    assert status == 2
    assert err == ("assessor: error: old.migrated.yaml already exists; remove it or choose "
                   "another name with -o FILE\n")
    assert (tmp_path / "old.migrated.yaml").read_text(encoding="utf-8") == edited
    assert run("migrate", *banks(changed), "old.migrated.yaml")[1] == (
        "old.migrated.yaml: already fits the current questionnaires; nothing to migrate\n")


def test_migrate_keeps_json_as_json(run: Run, tmp_path: Path, changed: Path) -> None:
    source = write(tmp_path / "old.json", json.dumps({
        "organisation": {"name": "Old Co"}, "versions": {"bank": "1.0"},
        "answers": {"profile.big": "no", "bank.ops.retention": 6,
                    "bank.ops.plan": "implemented"}}))
    status, _, _ = run("migrate", *banks(changed), source)
    assert status == 0
    data = json.loads((tmp_path / "old.migrated.json").read_text(encoding="utf-8"))
    assert data["answers"] == {"profile.big": "no", "bank.ops.logs": 6,
                               "bank.ops.plan": "implemented"}
    assert run("check", *banks(changed), tmp_path / "old.migrated.json")[0] == 0


def test_migrate_refuses_a_file_broken_for_other_reasons(run: Run, tmp_path: Path,
                                                         changed: Path) -> None:
    path = write(tmp_path / "a.yaml", OLD_ANSWERS.replace("lang: en", "lang: fr"))
    status, _, err = run("migrate", *banks(changed), path)
    assert status == 2
    assert "a.yaml:3: lang must be en or zh, not 'fr'" in err
    assert not (tmp_path / "a.migrated.yaml").exists()


def test_migrate_leaves_mistakes_in_a_current_file_to_check(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "organisation: {name: X}\nversions: {profile: \"1\", "
                 "bank: \"1.0\"}\nanswers:\n  profile.big: maybe\n")
    status, _, err = run("migrate", *MINI_ARGS, path)
    assert status == 2
    assert err.endswith("a.yaml was answered against the current questionnaires, so what does "
                        f"not fit is a mistake to fix, not a change to carry: `assessor check "
                        f"{path}` lists it\n")
    assert not (tmp_path / "a.migrated.yaml").exists()


def test_saved_answers_record_the_versions_they_were_given_against(
        mini: Catalog, tmp_path: Path) -> None:
    loaded = answers.load(DATA / "answers" / "mini.yaml", mini)
    answers.save(tmp_path / "a.yaml", loaded, mini)
    assert answers.load(tmp_path / "a.yaml", mini).versions == {"profile": "1", "bank": "1.0"}


# --- terminal: text from files is shown, never obeyed (issue 11, defect 2) -------------------

EVIL = r"Acme\e]0;PWNED\a\e[2J\e]52;c;ZXZpbA==\a\u202eevil\x9b31m"
SHOWN = r"Acme\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\u202eevil\x9b31m"
# Every character a terminal acts on, but the newline that ends a line.
LIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                  "\u2066-\u2069\ud800-\udfff]")


def hostile(folder: Path, name: str = "evil.yaml", evil: str = EVIL) -> Path:
    """Write a valid mini answers file whose organisation name and note carry escapes."""
    text = (DATA / "answers" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace('name: "Mini Co <script>"', f'name: "{evil}"')
    text = text.replace('note: "Plan exists', f'note: "{evil} Plan exists')
    return write(folder / name, text)


def test_score_shows_a_hostile_name_as_text(run: Run, tmp_path: Path) -> None:
    status, out, err = run("score", *MINI_ARGS, hostile(tmp_path))
    assert (status, err) == (0, "")
    assert out.split("\n")[0] == SHOWN
    assert not LIVE.search(out)


def test_score_json_keeps_the_value_and_prints_no_raw_control(run: Run, tmp_path: Path) -> None:
    status, out, _ = run("score", *MINI_ARGS, hostile(tmp_path), "--json")
    assert status == 0
    assert not LIVE.search(out)
    assert json.loads(out)["organisation"]["name"] == (
        "Acme\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\u202eevil\x9b31m")


def test_diff_summary_and_json_are_inert(run: Run, tmp_path: Path) -> None:
    old = hostile(tmp_path, "old.yaml")
    new = write(tmp_path / "new.yaml", old.read_text(encoding="utf-8").replace(
        "bank.ops.logs: 3", "bank.ops.logs: 9"))
    status, out, err = run("diff", *MINI_ARGS, old, new)
    assert (status, err) == (0, "")
    assert SHOWN in out
    assert not LIVE.search(out)
    status, out, _ = run("diff", *MINI_ARGS, old, new, "--format", "json")
    assert status == 0
    assert not LIVE.search(out)
    assert "\u202e" in json.dumps(json.loads(out), ensure_ascii=False)  # the value is kept


@pytest.mark.usefixtures("in_tmp")  # files named as typed: the fold never depends on TMPDIR
def test_batch_summary_plain_and_rich_is_inert(run: Run, tmp_path: Path) -> None:
    from assessor import batch
    from assessor.commands import batch_view

    first, second = hostile(tmp_path, "a\x1b[2J.yaml"), hostile(tmp_path, "b.yaml")
    status, out, err = run("run", *MINI_ARGS, first, second, "-o", tmp_path / "out",
                           "--format", "json")
    assert status == 0, err
    assert SHOWN in out
    assert r"a\x1b[2J.yaml" in out
    assert not LIVE.search(out + err)
    job = batch.Job(first, tmp_path / "out" / "a.json", "json", None, False)
    table = TerminalStream()
    batch_view.print_summary([batch.Outcome(job, 0.5, "Acme\x1b]0;PWNED\x07", 20.0, "weak", 4)],
                        table)
    drawn = table.getvalue()
    assert "Acme" in drawn
    assert r"\x1b]" in drawn  # shown (the column may wrap it), while rich's own styles stay
    assert "\x1b]0;" not in drawn
    assert "\x07" not in drawn
    progress = TerminalStream()
    batch_view.track(iter([batch.Outcome(job, 0.1, problems=(Problem("x", "bad"),))]), 1, progress)
    assert r"a\x1b[2J.yaml" in progress.getvalue()
    assert "\x1b[2J" not in progress.getvalue()


class TerminalStream(io.StringIO):
    """A text stream that says it is a terminal, so rich draws its table."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("text", "shown"), [
    ('  "bank.ops.\\e[2J": yes', r"bank.ops.\x1b[2J"),                     # a key
    ('  bank.ops.logs: "\\e]0;x\\a"', r"\x1b]0;x\x07"),                     # a value quoted back
    ('  "bank.\\u202eops": yes', r"bank.\u202eops"),                        # a bidi override
    ('  "bank.\\x85ops": yes', r"bank.\x85ops"),                            # a C1 control
])
def test_error_messages_show_file_text_inert(run: Run, tmp_path: Path, text: str,
                                             shown: str) -> None:
    source = (DATA / "answers" / "mini.yaml").read_text(encoding="utf-8")
    path = write(tmp_path / "bad.yaml", source.replace("  bank.ops.logs: 3", text))
    status, out, err = run("check", *MINI_ARGS, path)
    assert status == 2
    assert shown in err
    assert not LIVE.search(out + err)


def test_a_file_name_with_escapes_is_shown_inert(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "x\x1b]0;T\x07.yaml"
    shutil.copy(DATA / "answers" / "mini.yaml", path)
    status, out, err = run("check", *MINI_ARGS, path)
    assert status == 0, err
    assert r"x\x1b]0;T\x07.yaml: ok (6 answers)" in out
    assert not LIVE.search(out + err)
    status, _, err = run("check", *MINI_ARGS, tmp_path / "gone\x9b2J.yaml")
    assert (status, err.count("\n")) == (2, 1)
    assert r"gone\x9b2J.yaml: no such file" in err


def test_inert_leaves_plain_text_and_shows_every_control() -> None:
    from assessor.terminal import inert

    assert inert("Acme 中文 café — ok\u200d") == "Acme 中文 café — ok\u200d"
    assert inert("a\nb\tc\rd\x00e\x7ff\x80g\u2028h\u2066i") == (
        r"a\nb\tc\rd\x00e\x7ff\x80g\u2028h\u2066i").replace(r"\n", "\\x0a").replace(
        r"\t", "\\x09").replace(r"\r", "\\x0d")
    assert inert("caf\udce9.yaml") == r"caf\xe9.yaml"


# --- a file name that is not UTF-8 (issue 11, defect 7) ---------------------------------------

@pytest.mark.parametrize("argv", [
    ("run", "--format", "json"), ("run", "--format", "html"), ("run", "--format", "xlsx"),
    ("score",), ("check",), ("diff", "SELF"), ("run", "SELF", "-o", "out/", "--format", "json"),
])
def test_a_latin1_file_name_works_in_every_command(run: Run, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   argv: tuple[str, ...]) -> None:
    if sys.getfilesystemencoding() != "utf-8":
        pytest.skip("needs a UTF-8 file system encoding")
    name = os.fsdecode(b"caf\xe9.yaml")
    shutil.copy(DATA / "answers" / "mini.yaml", tmp_path / name)
    monkeypatch.chdir(tmp_path)
    command, *rest = argv
    status, out, err = run(command, *MINI_ARGS, name, *[name if a == "SELF" else a
                                                        for a in rest])
    assert status == 0, err
    assert "internal error" not in err
    assert not LIVE.search(out + err)
    assert command == "score" or r"caf\xe9" in out + err
    if command == "run" and "json" in argv and "out/" not in argv:
        report = json.loads((tmp_path / os.fsdecode(b"caf\xe9.json")).read_text(encoding="utf-8"))
        assert report["source"]["answers_file"] == r"caf\xe9.yaml"


# --- characters no document may hold (issue 11, defect 1) ------------------------------------

# A note and an organisation name each carrying what breaks XML (C0, U+FFFE, U+FFFF) and what
# HTML calls a parse error (NUL, DEL, C1, a noncharacter).
BROKEN = r"Acme\x01 Ltd\0\x7f\x85\x9b\ufffe\uffff\ufdd0\U0010ffff end"
BROKEN_SHOWN = "Acme\ufffd Ltd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd end"


def broken_answers(folder: Path) -> Path:
    """Write a valid answers file whose name, sector and a note hold those characters."""
    text = (DATA / "answers" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace('name: "Mini Co <script>", sector: testing',
                        f'name: "{BROKEN}", sector: "{BROKEN}"')
    text = text.replace('note: "Plan exists', f'note: "{BROKEN} Plan exists')
    text = text.replace("consultant: A. Consultant", f'consultant: "{BROKEN}"')
    return write(folder / "broken.yaml", text)


def test_xlsx_with_control_characters_is_well_formed_everywhere(run: Run, tmp_path: Path) -> None:
    import zipfile
    from xml.dom import minidom

    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    status, _, err = run("run", *MINI_ARGS, broken_answers(tmp_path), "-o", out)
    assert status == 0, err
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                minidom.parseString(archive.read(name))  # noqa: S318 - our output; raises on a bad character
    book = load_workbook(out)
    assert book.properties.title is not None
    assert book.properties.title.endswith(BROKEN_SHOWN)
    notes = [c.value for row in book.worksheets[0].iter_rows() for c in row
             if isinstance(c.value, str) and "Plan exists" in c.value]
    assert notes == [f"{BROKEN_SHOWN} Plan exists for the data centre only. "
                     '<img src="file:///etc/passwd">']


def test_html_with_control_characters_holds_none(run: Run, tmp_path: Path) -> None:
    from assessor.files import NOT_IN_DOCUMENTS

    for fmt in ("html",):
        out = tmp_path / f"r.{fmt}"
        status, _, err = run("run", *MINI_ARGS, broken_answers(tmp_path), "-o", out)
        assert status == 0, err
        html = out.read_text(encoding="utf-8")
        assert not NOT_IN_DOCUMENTS.search(html)
        assert BROKEN_SHOWN in html
    old = broken_answers(tmp_path)
    status, _, err = run("diff", *MINI_ARGS, old, old, "-o", tmp_path / "d.html")
    assert status == 0, err
    assert not NOT_IN_DOCUMENTS.search((tmp_path / "d.html").read_text(encoding="utf-8"))


def test_client_workbook_with_control_characters_is_well_formed(run: Run,
                                                                tmp_path: Path) -> None:
    import zipfile
    from xml.dom import minidom

    out = tmp_path / "client.xlsx"
    status, _, err = run("template", *MINI_ARGS, "--format", "xlsx", "--from",
                         broken_answers(tmp_path), "-o", out)
    assert status == 0, err
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                minidom.parseString(archive.read(name))  # noqa: S318 - our own output


# --- everything written is on the page (issue 11, defect 3) -----------------------------------

@pytest.mark.pdf
def test_long_unbroken_text_is_all_on_the_pdf_pages(run: Run, tmp_path: Path) -> None:
    from pypdf import PdfReader

    digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" + "0" * 36
    note = "N" * 6_000  # taller than a page in its column: the row must break, not be cut
    org, firm, marking = "O" * 200, "F" * 200, "M" * 200
    text = (DATA / "answers" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace('name: "Mini Co <script>"', f'name: "{org}"')
    text = text.replace('note: "Plan exists', f'note: "{digest} {note} Plan exists')
    text = text.replace("evidence: [plan-v2.pdf]", f'evidence: ["{digest}"]')
    text = text.replace("bank.big.officer: no",
                        f'bank.big.officer: {{answer: no, note: "sha256 {digest}"}}')
    source = write(tmp_path / "long.yaml", text)
    out = tmp_path / "long.pdf"
    status, _, err = run("run", *MINI_ARGS, source, "-o", out, "--firm", firm,
                         "--confidential", marking)
    assert status == 0, err
    pages = [re.sub(r"\s", "", p.extract_text()) for p in PdfReader(out).pages]
    whole = "".join(pages)
    # the gap register and the appendix, each whole (the running header and footer come between
    # its parts on a page break)
    assert sum(len(part) for part in re.findall("N{5,}", whole)) == 2 * len(note)
    assert whole.count(digest) >= 5  # notes and evidence, in the register and the appendix
    assert org in pages[0] and firm in pages[0] and marking in pages[0]
    for page in pages[1:]:  # the running header and footer, whole on every page
        assert org in page
        assert marking in page


# --- output targets: never overwrite the wrong file (issue 11, defects 4, 6, 9) ---------------

MINI_ANSWERS = DATA / "answers" / "mini.yaml"


@pytest.mark.parametrize("argv", [
    ("template", "-o", "TARGET"),                                   # a blank template
    ("run", MINI_ANSWERS, "-o", "TARGET", "--format", "pdf"),       # report bytes
    ("diff", MINI_ANSWERS, MINI_ANSWERS, "-o", "TARGET", "--format", "html"),
    ("migrate", "OLD", "-o", "TARGET"),                             # another answers file
])
@pytest.mark.slow
def test_an_answers_file_is_never_replaced_without_force(run: Run, tmp_path: Path,
                                                         argv: tuple[str | Path, ...]) -> None:
    target = shutil.copy(MINI_ANSWERS, tmp_path / "filled.yaml")
    old = write(tmp_path / "old.yaml", MINI_ANSWERS.read_text(encoding="utf-8").replace(
        "format: assessor-answers/1\n", "format: assessor-answers/1\nversions: {bank: '0.9'}\n"))
    before = Path(target).read_bytes()
    args = [target if a == "TARGET" else old if a == "OLD" else a for a in argv]
    status, _, err = run(args[0], *MINI_ARGS, *args[1:])
    assert status == 2
    kind = {"template": "an answers file", "run": "a PDF", "diff": "an HTML page",
            "migrate": "an answers file"}[str(argv[0])]
    assert err == (f"assessor: error: {target} exists and is an answers file: refusing to "
                   f"replace it with {kind} (use --force to replace it)\n")
    assert Path(target).read_bytes() == before
    if argv[0] != "migrate":  # migrate refuses here for another reason (nothing to carry)
        status, _, err = run(args[0], *MINI_ARGS, *args[1:], "--force")
        assert status == 0, err
        assert Path(target).read_bytes() != before


def test_a_file_of_another_kind_is_not_replaced_by_a_report(run: Run, tmp_path: Path) -> None:
    pdf = tmp_path / "r.html"
    pdf.write_bytes(b"%PDF-1.7\n...")  # a PDF someone named .html
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", pdf)
    assert status == 2
    assert "r.html exists and holds a PDF: refusing to replace it with an HTML page (use " \
           "--force to replace it)" in err
    html = tmp_path / "old.html"
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", html)[0] == 0
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", html)[0] == 0  # a report over its kind
    notes = write(tmp_path / "notes.json", '{"meeting": "notes"}')
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", tmp_path / "out.json")
    assert status == 0, err
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", notes, "--format", "html")
    assert (status, notes.read_text(encoding="utf-8")) == (2, '{"meeting": "notes"}')


def test_a_batch_refuses_before_writing_anything(run: Run, tmp_path: Path) -> None:
    first = shutil.copy(MINI_ANSWERS, tmp_path / "a.yaml")
    second = shutil.copy(MINI_ANSWERS, tmp_path / "b.yaml")
    shutil.copy(MINI_ANSWERS, tmp_path / "b.json")  # an answers file where b's report would go
    status, _, err = run("run", *MINI_ARGS, first, second, "--format", "json")
    assert status == 2
    assert "b.yaml: " in err
    assert "b.json exists and is an answers file: refusing to replace it with a JSON file" in err
    assert not (tmp_path / "a.json").exists()


@pytest.mark.parametrize("name", ["client.yaml", "x.docs", "report.txt", "a.PDF.bak"])
def test_an_unknown_report_suffix_is_an_error(run: Run, tmp_path: Path, name: str) -> None:
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", tmp_path / name)
    assert status == 2
    assert err == (f"assessor: error: -o {tmp_path / name}: a report is written as pdf, html, "
                   "json, xlsx, docx; name the file so, or give --format\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_special_files_are_never_written_or_read(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    for argv in (("run", MINI_ANSWERS, "-o", fifo), ("run", MINI_ANSWERS, "-o", fifo, "--force"),
                 ("diff", MINI_ANSWERS, MINI_ANSWERS, "-o", fifo, "--format", "pdf")):
        status, _, err = run(argv[0], *MINI_ARGS, *argv[1:])
        assert (status, err) == (2, f"assessor: error: cannot write {fifo}: it is a named pipe "
                                    "(FIFO), not a regular file\n")
    answers = tmp_path / "answers.yaml"
    os.mkfifo(answers)
    status, _, err = run("check", *MINI_ARGS, answers)  # would wait for a writer forever
    assert (status, err) == (2, f"assessor: error: {answers}: is a named pipe (FIFO), not a "
                                "regular file\n")
    banks = tmp_path / "banks"
    shutil.copytree(MINI, banks)
    os.mkfifo(banks / "zz.yaml")
    status, _, err = run("check", "--questionnaires", banks, "--no-builtin", MINI_ANSWERS)
    assert status == 2
    assert "zz.yaml: is a named pipe (FIFO), not a regular file" in err


def test_a_device_is_never_replaced(run: Run) -> None:
    null = Path(os.devnull)
    if not null.exists():
        pytest.skip("no null device")
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", null, "--format", "html",
                         "--force")
    assert (status, err) == (2, f"assessor: error: cannot write {null}: it is a device, not a "
                                "regular file\n")
    assert null.exists() and not null.is_file()


@pytest.mark.parametrize(("fmt", "start"), [("json", '{\n  "schema": "assessor-report/1"'),
                                            ("html", "<!DOCTYPE html>")])
def test_dash_writes_a_text_report_to_standard_output(run: Run, tmp_path: Path, fmt: str,
                                                      start: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "-", "--format", "pdf")
    assert (status, err) == (2, "assessor: error: -o - writes json or html to standard output; "
                                "pdf is binary: give a file name\n")
    status, out, _ = run("diff", *MINI_ARGS, MINI_ANSWERS, MINI_ANSWERS, "-o", "-", "--format",
                         fmt)
    assert status == 0
    assert out.startswith("{" if fmt == "json" else start)
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8"))
    status = cli.main(["run", *map(str, MINI_ARGS), str(MINI_ANSWERS), "-o", "-", "--format", fmt])
    assert status == 0
    assert raw.getvalue().decode("utf-8").startswith(start)
    assert list(tmp_path.iterdir()) == []  # no file named '-'


LONG_NAME = "x" * 300


@pytest.mark.parametrize("argv", [
    ("check", "LOOP"), ("run", MINI_ANSWERS, "-o", "LOOP"),
    ("run", MINI_ANSWERS, "-o", "r.html", "--logo", "LOOP"),
    ("run", MINI_ANSWERS, "-o", "r.html", "--brand", "LOOP"),
    ("interview", "--resume", "LOOP"), ("check", "--questionnaires", "LOOP", MINI_ANSWERS),
    ("run", MINI_ANSWERS, "-o", f"{LONG_NAME}.pdf"),
    ("run", MINI_ANSWERS, "-o", "r.html", "--logo", f"{LONG_NAME}.png"),
    ("run", MINI_ANSWERS, "-o", "r.html", "--brand", f"{LONG_NAME}.yaml"),
    ("diff", MINI_ANSWERS, MINI_ANSWERS, "-o", f"{LONG_NAME}.html"),
    ("check", f"{LONG_NAME}.yaml"), ("template", "-o", f"{LONG_NAME}.yaml"),
])
@pytest.mark.slow
def test_path_faults_are_bad_input_not_bugs(run: Run, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            argv: tuple[str | Path, ...]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "LOOP").symlink_to("LOOP")
    command, *rest = argv
    common = [] if "--questionnaires" in rest else list(MINI_ARGS)
    status, out, err = run(command, *common, *rest)
    assert status == 2, err
    assert err.startswith("assessor: error: ")
    assert "internal error" not in err
    assert "a loop of symbolic links" in err or "the name is too long" in err or \
        "no such file" in err or "not a folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LOOP"]


# --- text fields keep what was typed; JSON loads as JSON (issue 11, defects 10, 12) ----------

def test_unquoted_text_is_kept_as_typed_in_every_text_field(tmp_path: Path, mini: Catalog) -> None:
    path = write(tmp_path / "typed.yaml", textwrap.dedent("""\
        format: assessor-answers/1
        organisation: {name: 007, sector: 0x1F}
        assessment: {consultant: 1.10, firm: 12:30:00, date: 2026-03-01}
        evidence:
          008: {title: 1e5, status: received, note: yes}
        answers:
          profile.big: "no"
          bank.ops.logs:
            answer: 6
            note: 12:30:00
            evidence: [008, 0x1F, 1.10]
          bank.ops.plan:
            answer: implemented
            note: 1e999
            finding: 010
            flag: no
        """))
    loaded = answers.load(path, mini)
    assert (loaded.organisation.name, loaded.organisation.sector) == ("007", "0x1F")
    assert (loaded.assessment.consultant, loaded.assessment.firm) == ("1.10", "12:30:00")
    logs, plan = loaded.answers["bank.ops.logs"], loaded.answers["bank.ops.plan"]
    assert (logs.note, logs.evidence) == ("12:30:00", ("008", "0x1F", "1.10"))
    assert (plan.note, plan.finding, plan.flag) == ("1e999", "010", "no")
    assert loaded.evidence["008"].title == "1e5"
    assert loaded.evidence["008"].note == "yes"
    assert logs.value == 6  # a number question still reads a number


def test_json_written_by_json_dump_loads_as_json(run: Run, tmp_path: Path, mini: Catalog) -> None:
    doc = {"format": "assessor-answers/1",
           "organisation": {"name": "Rocket \U0001f680 Ltd", "sector": "\U0001d54a pace"},
           "answers": {"profile.big": "no", "bank.ops.logs": 6e3,
                       "bank.ops.plan": {"answer": "implemented", "note": "a\\/b \u00e9 1e5"}}}
    for options in ({}, {"indent": "\t"}, {"indent": 2, "ensure_ascii": False}):
        path = tmp_path / "a.json"
        path.write_text(json.dumps(doc, **options), encoding="utf-8")
        loaded = answers.load(path, mini)
        assert loaded.organisation.name == "Rocket \U0001f680 Ltd"
        assert loaded.organisation.sector == "\U0001d54a pace"
        assert loaded.answers["bank.ops.logs"].value == 6000.0  # 6e3 is a number in JSON
        assert loaded.answers["bank.ops.plan"].note == "a\\/b \u00e9 1e5"
    status, out, _ = run("check", *MINI_ARGS, path)
    assert (status, out) == (0, f"{path}: ok (3 answers)\n")


# --- a logo is an image, not its signature (issue 11, defect 15) ------------------------------

@pytest.mark.parametrize(("name", "data", "message"), [
    ("fake.png", b"\x89PNG\r\n\x1a\nhello, not a picture",
     "not a readable PNG image ("),  # Pillow's reason depends on the plugins loaded so far
    ("cut.png", None, "not a readable PNG image ("),
    ("fake.jpg", b"\xff\xd8\xff\xe0 not a jpeg at all", "not a readable JPEG image ("),
    ("page.svg", b"<html><body><svg></svg> a page that mentions svg</body></html>",
     "not a readable SVG image (the document is <html>, not <svg>)"),
    ("broken.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
     "not a readable SVG image (malformed XML: mismatched tag"),
    ("entity.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM '
                   b'"file:///etc/passwd">]><svg>&x;</svg>',
     "not a readable SVG image (a document type or entity declaration is not allowed)"),
])
def test_a_fake_logo_is_refused(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                name: str, data: bytes | None, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    if data is None:  # a real PNG, cut in the middle of its pixels
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (64, 64), "red").save(buffer, "PNG")
        data = buffer.getvalue()[:-30]
    (tmp_path / name).write_bytes(data)
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "r.html", "--logo", name)
    assert status == 2
    assert err.startswith(f"assessor: error: logo {name}: {message}")
    assert not (tmp_path / "r.html").exists()
    (tmp_path / "ok.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg' width='4' "
                                      b"height='4'><rect width='2' height='2'/></svg>")
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "r.html", "--logo", "ok.svg")[0] == 0


# --- a character no font has (issue 11, defect 8) ---------------------------------------------

@pytest.mark.pdf
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_glyph_no_font_has_is_a_note_not_a_refusal(run: Run, tmp_path: Path,
                                                    lang: str) -> None:
    text = MINI_ANSWERS.read_text(encoding="utf-8").replace(
        'note: "Plan exists', 'note: "\\U000F0000\\U000F0001 private marks. Plan exists')
    source = write(tmp_path / "marks.yaml", text)
    status, _, err = run("run", *MINI_ARGS, source, "-o", tmp_path / "r.pdf", "--lang", lang)
    if "Chinese glyphs" in err:
        pytest.skip("no font with Chinese glyphs is installed here")
    assert status == 0, err
    assert ("assessor: note: no installed font draws 2 characters of the report (U+F0000, "
            "U+F0001), which print as empty boxes\n") in err
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
