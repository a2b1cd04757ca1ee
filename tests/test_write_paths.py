"""No command writes an answers file every command then refuses; files keep their kind and mode.

Security review of 2026-12: defect 3 (import, merge, sign-off and the interview wrote files
the reader refused: A06-A10, B04, C10, D17, G04), 11 (the umask was ignored), 18 (JSON
answers rewritten as YAML), 24 (``import w.xlsx -o w.xlsx --force`` replaced the workbook),
and ``run --format json -o answers.json`` writing a report over a JSON answers file.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from assessor.model.catalog import Catalog
from assessor.record.answers import load

from .conftest import Run, example_file, once, template_xlsx, write
from .test_signoff import CLEAN, OPTIONS
from .test_workbook import row_of, type_into

pytestmark = pytest.mark.usefixtures("in_tmp")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_077() -> Iterator[None]:
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("umask_077")
def test_d11_new_files_follow_the_umask(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", CLEAN)
    (tmp_path / "a.yaml").chmod(0o600)
    outputs = {"r.json": ("run", "a.yaml", "-o", "r.json", *OPTIONS),
               "r.html": ("run", "a.yaml", "-o", "r.html", *OPTIONS),
               "t.yaml": ("template", "-o", "t.yaml", *OPTIONS),
               "w.xlsx": ("template", "--format", "xlsx", "-o", "w.xlsx", *OPTIONS),
               "e.xlsx": ("evidence", "a.yaml", "-o", "e.xlsx", *OPTIONS)}
    for name, command in outputs.items():
        status, _, err = run(*command)
        assert status == 0, err
        assert mode(tmp_path / name) == 0o600, name
    write(tmp_path / "b.yaml", CLEAN.replace("bank.ops.logs: {answer: 12,",
                                             "bank.ops.logs: {answer: 12, note: x,"))
    assert run("merge", "a.yaml", "b.yaml", "-o", "m.yaml", "--prefer", "b.yaml",
               *OPTIONS)[0] == 0
    assert mode(tmp_path / "m.yaml") == 0o600
    os.umask(0o002)
    assert run("run", "a.yaml", "-o", "g.json", *OPTIONS)[0] == 0
    assert mode(tmp_path / "g.json") == 0o664
    (tmp_path / "g.json").chmod(0o640)  # a replaced file keeps its own mode
    assert run("run", "a.yaml", "-o", "g.json", *OPTIONS)[0] == 0
    assert mode(tmp_path / "g.json") == 0o640


def json_answers(tmp_path: Path, name: str = "a.json", *, compact: bool = True) -> Path:
    data = yaml.safe_load(CLEAN)
    text = json.dumps(data, default=str) if compact else json.dumps(data, indent=2, default=str)
    return write(tmp_path / name, text)


def test_a_report_never_replaces_a_json_answers_file(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", CLEAN)
    for compact in (True, False):
        victim = json_answers(tmp_path, "answers.json", compact=compact)
        before = victim.read_text(encoding="utf-8")
        status, _, err = run("run", "a.yaml", "--format", "json", "-o", "answers.json", *OPTIONS)
        assert (status, err) == (2, "assessor: error: answers.json exists and is an answers "
                                    "file: refusing to replace it with a JSON file (use --force "
                                    "to replace it)\n")
        assert victim.read_text(encoding="utf-8") == before


def test_d18_a_json_answers_file_stays_json(run: Run, tmp_path: Path, mini: Catalog) -> None:
    json_answers(tmp_path)
    assert run("sign-off", "a.json", "--by", "P. Partner", "--date", "2026-12-10",
               *OPTIONS)[0] == 0
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert data["assessment"]["status"] == "final"
    assert str(load(tmp_path / "a.json", mini).assessment.status) == "final"
    # A JSON file named otherwise stays JSON too.
    json_answers(tmp_path, "b.answers")
    assert run("sign-off", "b.answers", "--by", "P. Partner", "--date", "2026-12-10",
               *OPTIONS)[0] == 0
    assert json.loads((tmp_path / "b.answers").read_text(encoding="utf-8"))["format"] == \
        "assessor-answers/1"


def test_d18_import_into_a_json_file_keeps_it_json(run: Run, tmp_path: Path) -> None:
    example_file(run, "a.yaml")
    data = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    write(tmp_path / "a.json", json.dumps(data, default=str))
    assert run("template", "--format", "xlsx", "--from", "a.json", "-o", "w.xlsx")[0] == 0
    status, _, err = run("import", "w.xlsx", "--into", "a.json")
    assert status == 0, err
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["organisation"]


def test_d24_import_never_replaces_the_workbook_it_reads(run: Run, tmp_path: Path) -> None:
    assert run("template", "--format", "xlsx", "-o", "w.xlsx", *OPTIONS)[0] == 0
    before = (tmp_path / "w.xlsx").read_bytes()
    status, _, err = run("import", "w.xlsx", "-o", "w.xlsx", "--force", *OPTIONS)
    assert (status, err) == (2, "assessor: error: w.xlsx is the workbook being imported: write "
                                "the answers to another file (even --force never replaces the "
                                "workbook read)\n")
    assert (tmp_path / "w.xlsx").read_bytes() == before


def test_d17_sign_off_by_a_name_the_reader_refuses_writes_nothing(run: Run,
                                                                  tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", CLEAN)
    status, _, err = run("sign-off", "a.yaml", "--by", "x" * 120_000, *OPTIONS)
    assert status == 2
    assert err == ("assessor: error: a.yaml: not written, since every command would then "
                   "refuse the file: text longer than 100000 characters\n")
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == CLEAN


def with_note(note: str) -> str:
    return CLEAN.replace("bank.ops.plan: {answer: partial, note: Only the data centre.}",
                         f"bank.ops.plan: {{answer: partial, note: {note}}}")


def test_c10_merged_notes_beyond_the_limit_are_refused(run: Run, tmp_path: Path) -> None:
    for name, letter in (("a.yaml", "a"), ("b.yaml", "b"), ("c.yaml", "c")):
        write(tmp_path / name, with_note(letter * 45_000))
    status, _, err = run("merge", "a.yaml", "b.yaml", "c.yaml", "-o", "m.yaml", *OPTIONS)
    assert status == 2
    assert err == ("assessor: error: m.yaml: bank.ops.plan: not written, since every command "
                   "would then refuse the file: text longer than 100000 characters\n")
    assert not (tmp_path / "m.yaml").exists()


def test_a10_a_merged_file_beyond_the_size_limit_is_refused(run: Run, tmp_path: Path) -> None:
    def register(prefix: str) -> str:
        items = "".join(f"  {prefix}-{i}: {{title: {prefix * 90_000}}}\n" for i in range(30))
        return CLEAN.replace("evidence:\n", "evidence:\n" + items)

    write(tmp_path / "a.yaml", register("A"))
    write(tmp_path / "b.yaml", register("B"))
    status, _, err = run("merge", "a.yaml", "b.yaml", "-o", "m.yaml", *OPTIONS)
    assert status == 2
    assert err.startswith("assessor: error: m.yaml: not written, since every command would "
                          "then refuse the file: the file would be 5,4")
    assert err.endswith(" bytes; the limit is 5,242,880\n")
    assert not (tmp_path / "m.yaml").exists()


def client_workbook(run: Run, tmp_path: Path) -> Path:
    """Return q.xlsx: the PIPL client workbook with its details and one answer filled in."""
    def make(path: Path) -> None:
        template_xlsx(run, path, "-q", "pipl")
        book = load_workbook(path)
        first = book["Instructions"]
        first["C4"], first["C6"], first["C7"] = "Acme Ltd", "Li Lei, IT", "2026-12-03"
        profile = book["Profile"]
        profile.cell(row_of(profile, "profile.processes_pi"), 4).value = "Yes"
        book.save(path)

    return once(tmp_path / "q.xlsx", "client_workbook", make)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("date", "yesterday", "date 'yesterday' must be written YYYY-MM-DD"),
    ("answers_lang", "xx", "lang must be en or zh, not 'xx'"),
    ("scope", "bogus pipl", "scope names unknown questionnaire 'bogus'"),
])
def test_a06_a08_a_forged_marker_sheet_never_gives_an_unreadable_file(
        run: Run, tmp_path: Path, key: str, value: str, message: str) -> None:
    path = client_workbook(run, tmp_path)
    book = load_workbook(path)
    marker = next(s for s in book.worksheets if s.sheet_state != "visible")
    rows = [row for row in marker.iter_rows() if row[0].value == key]
    if rows:
        rows[0][1].value = value
    else:
        marker.append([key, value])
    book.save(path)
    status, _, err = run("import", path, "-o", "a.yaml")
    assert status == 2
    assert message in err
    assert not (tmp_path / "a.yaml").exists()


def test_a09_a_note_cell_beyond_the_reader_s_limit_writes_nothing(run: Run,
                                                                  tmp_path: Path) -> None:
    path = client_workbook(run, tmp_path)
    type_into(path, "partly implemented", "PLACEHOLDER")
    inflate(path, "PLACEHOLDER", "n" * 110_000)  # openpyxl itself cuts at 32,767
    status, _, err = run("import", path, "-o", "a.yaml")
    assert status == 2
    assert "pipl.consent.quality" in err
    assert not (tmp_path / "a.yaml").exists()


def inflate(path: Path, marker: str, text: str) -> None:
    """Replace ``marker`` in every part of the workbook at ``path`` (as a hand-edit would)."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as book:
        for info in book.infolist():
            parts[info.filename] = book.read(info).replace(marker.encode(), text.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)


def test_every_write_goes_through_the_read_back_check() -> None:
    """The class, not the cases: answers files are written only by ``checked_text``."""
    import ast

    from .conftest import ROOT, syntax_tree

    offenders = [f"{path.relative_to(ROOT)}:{node.lineno}"
                 for path in (ROOT / "assessor").rglob("*.py")
                 for node in ast.walk(syntax_tree(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                 and node.func.attr == "dump" and isinstance(node.func.value, ast.Name)
                 and node.func.value.id == "answers_file"]
    assert offenders == []
