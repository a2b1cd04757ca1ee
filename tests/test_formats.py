"""The output formats are one table: a format added in a test is offered, written, streamed,
batched, compared and protected by the "file of another kind" refusal, with no other edit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from assessor.errors import AssessorError
from assessor.kinds import KIND_NAMES, KINDS
from assessor.report import formats
from assessor.report.formats import FORMATS, Format
from assessor.targets import check_target

from .conftest import DATA, MINI, Run

if TYPE_CHECKING:
    from assessor.report.brand import Brand

MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")
ANSWERS = DATA / "answers" / "mini.yaml"
OTHER_KINDS = {"pdf": b"%PDF-1.7\n", "html": b"<!doctype html><p>x</p>", "json": b'{"a": 1}',
               "text": b"notes\n", "answers": b"organisation:\n  name: X\nanswers: {}\n"}


def render_markdown(context: dict[str, Any], brand: Brand | None = None) -> bytes:
    """A toy report: the organisation's name and its overall score, as Markdown."""
    name = context["organisation"]["name"]
    firm = brand.firm if brand is not None and brand.firm else "-"
    return f"# {name}\n\nscore: {context['overall']['score']}\nfirm: {firm}\n".encode()


def compare_markdown(ctx: dict[str, Any], brand: Brand | None = None) -> bytes:
    """A toy comparison: the overall change (and the firm, as diff --brand gives it)."""
    firm = brand.firm if brand is not None and brand.firm else "-"
    return f"# change\n\n{sorted(ctx)}\nfirm: {firm}\n".encode()


@pytest.fixture
def markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the toy Markdown format for one test."""
    toy = Format("md", (".md", ".markdown"), "text", f"{__name__}:render_markdown",
                 binary=False, streamable=True, compare=f"{__name__}:compare_markdown")
    monkeypatch.setitem(FORMATS, "md", toy)


def copy_answers(tmp_path: Path, name: str = "a.yaml") -> Path:
    target = tmp_path / name
    target.write_bytes(ANSWERS.read_bytes())
    return target


@pytest.mark.usefixtures("markdown")
def test_a_format_registered_in_a_test_is_rendered_by_run(run: Run,
                                                          tmp_path: Path) -> None:
    source = copy_answers(tmp_path)
    status, _, err = run("run", *MINI_ARGS, source, "-o", tmp_path / "r.md", "--firm", "Acme")
    assert (status, err) == (0, f"wrote {tmp_path / 'r.md'}\n")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert text.startswith("# ") and "score: " in text and "firm: Acme" in text
    # the last report is replaced without --force: its files read as the format's own kind
    assert run("run", *MINI_ARGS, source, "-o", tmp_path / "r.md")[0] == 0
    # the second suffix names it too, and --format offers it
    assert run("run", *MINI_ARGS, source, "-o", tmp_path / "r.markdown")[0] == 0
    assert run("run", *MINI_ARGS, source, "--format", "md")[0] == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text.replace("Acme", "-")


@pytest.mark.usefixtures("markdown")
def test_a_registered_format_streams_batches_and_compares(run: Run,
                                                          tmp_path: Path) -> None:
    source = copy_answers(tmp_path)
    status, out, _ = run("run", *MINI_ARGS, source, "-o", "-", "--format", "md")
    assert status == 0 and out.startswith("# ") and "score: " in out
    second = copy_answers(tmp_path, "b.yaml")
    status, _, _ = run("run", *MINI_ARGS, source, second, "-o", tmp_path / "out/",
                       "--format", "md")
    assert status == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.md", "b.md"]
    status, _, err = run("diff", *MINI_ARGS, source, second, "-o", tmp_path / "c.md")
    assert status == 0 and err == f"wrote {tmp_path / 'c.md'}\n"
    assert (tmp_path / "c.md").read_text(encoding="utf-8").startswith("# change")


@pytest.mark.usefixtures("markdown")
def test_a_registered_format_is_refused_over_a_file_of_another_kind(run: Run,
                                                                     tmp_path: Path) -> None:
    source = copy_answers(tmp_path)
    (tmp_path / "r.md").write_bytes(b"%PDF-1.7\n")
    status, _, err = run("run", *MINI_ARGS, source, "-o", tmp_path / "r.md")
    assert status == 2
    assert err == (f"assessor: error: {tmp_path / 'r.md'} exists and holds a PDF: refusing to "
                   "replace it with a text file (use --force to replace it)\n")
    assert (tmp_path / "r.md").read_bytes() == b"%PDF-1.7\n"


@pytest.mark.parametrize("name", list(FORMATS))
@pytest.mark.parametrize("found", list(OTHER_KINDS))
def test_every_format_refuses_another_kind_politely(name: str, found: str,
                                                    tmp_path: Path) -> None:
    """The trap the review found: a format missing from the kind table made this a KeyError."""
    fmt = FORMATS[name]
    path = tmp_path / f"old{fmt.suffix}"
    path.write_bytes(OTHER_KINDS[found])
    if found == fmt.kind and found != "answers":
        check_target(path, fmt.kind)  # the last report of the same kind is replaced
        return
    with pytest.raises(AssessorError, match=f"refusing to replace it with {KIND_NAMES[fmt.kind]}"):
        check_target(path, fmt.kind)


def test_a_format_of_no_known_kind_cannot_be_declared() -> None:
    with pytest.raises(ValueError, match="kind 'md' is not one of"):
        Format("md", (".md",), "md", "x:y")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot be streamed"):
        Format("bin", (".bin",), "other", "x:y", streamable=True)


def test_every_kind_has_a_name_and_every_format_a_known_kind() -> None:
    assert set(KIND_NAMES) == set(KINDS)
    assert all(fmt.kind in KINDS for fmt in FORMATS.values())
    assert all(name == fmt.name for name, fmt in FORMATS.items())


def test_the_shipped_table_names_each_choice_once() -> None:
    assert formats.names() == ("pdf", "html", "json", "xlsx", "docx")
    assert formats.streamed() == ("html", "json")
    assert formats.compared() == ("pdf", "html", "json")
    suffixes = [s for fmt in FORMATS.values() for s in fmt.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert formats.by_suffix(".PDF") is FORMATS["pdf"]
    assert formats.by_suffix(".yaml") is None
