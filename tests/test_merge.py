"""Merge: respondents' files of one organisation made one record; conflicts listed, not guessed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from assessor.model.catalog import Catalog
from assessor.model.record import Answer, Answers
from assessor.record.answers import load, save

from .conftest import EXAMPLES, Run

EXAMPLE = EXAMPLES / "crossborder-ecommerce.yaml"



pytestmark = pytest.mark.usefixtures("in_tmp")


def part(full: Answers, keep: set[str], name: str, catalog: Catalog,
         **changes: Answer) -> Path:
    """Write the answers of ``keep`` (and ``changes``) as a respondent's file."""
    answers = {q: a for q, a in full.answers.items() if q in keep}
    answers.update(changes)
    path = Path(name)
    save(path, dataclasses.replace(full, answers=answers), catalog)
    return path


def split(full: Answers) -> tuple[set[str], set[str]]:
    """Return two overlapping halves of the example's questions (profile in both)."""
    ids = list(full.answers)
    profile = {q for q in ids if q.startswith("profile.")}
    rest = [q for q in ids if q not in profile]
    half = len(rest) // 2
    return profile | set(rest[: half + 5]), profile | set(rest[half:])


def test_merge_without_conflicts_gives_the_whole_record(run: Run, catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    it, legal = split(full)
    shared = "pipl.consent.quality"
    assert shared in it or shared in legal
    original = full.answers[shared]
    a = part(full, it, "it.yaml", catalog, **{shared: dataclasses.replace(
        original, note="IT: the app flow was fixed in May.", evidence=("app-flow.png",),
        by="IT", at="2026-12-01")})
    b = part(full, legal, "legal.yaml", catalog, **{shared: dataclasses.replace(
        original, note="Legal: the web flow still pre-ticks marketing.", evidence=("E-12",),
        by="Legal", at="2026-12-02")})
    status, _, err = run("merge", a, b, "-o", "all.yaml")
    assert status == 0, err
    assert err.startswith(f"wrote all.yaml ({len(full.answers)} answers from 2 files, ")
    merged = load(Path("all.yaml"), catalog)
    assert {q: a.value for q, a in merged.answers.items()} == \
        {q: a.value for q, a in full.answers.items()}
    both = merged.answers[shared]
    assert both.note == ("IT: the app flow was fixed in May.\n\n"
                         "Legal: the web flow still pre-ticks marketing.")
    assert both.evidence == ("app-flow.png", "E-12")
    assert (both.by, both.at) == ("IT; Legal", "2026-12-02")
    assert merged.organisation == full.organisation
    status, _, err = run("merge", a, b, "-o", "all.yaml")
    assert status == 2 and "all.yaml exists; use --force to replace it" in err


def conflicting(full: Answers, catalog: Catalog) -> tuple[Path, Path, Answer]:
    """Return two files that answer pipl.consent.quality differently, and the first's answer."""
    qid = "pipl.consent.quality"
    mine = dataclasses.replace(full.answers[qid], value="implemented", at="2026-12-01")
    theirs = dataclasses.replace(full.answers[qid], value="not_implemented", at="2026-12-03")
    keep = set(full.answers) - {qid}
    return (part(full, keep, "a.yaml", catalog, **{qid: mine}),
            part(full, keep, "b.yaml", catalog, **{qid: theirs}), mine)


def line_of(path: Path, qid: str) -> int:
    """Return the line of ``qid`` in an answers file."""
    return next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith(qid + ":"))


def test_conflict_is_listed_with_both_values_files_and_lines(run: Run,
                                                             catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    a, b, _ = conflicting(full, catalog)
    status, _, err = run("merge", a, b, "-o", "all.yaml")
    assert status == 2
    qid = "pipl.consent.quality"
    assert err == (f"assessor: error: b.yaml:{line_of(b, qid)}: {qid}: 'Not implemented' "
                   f"differs from a.yaml:{line_of(a, qid)}'s 'Implemented and operating' "
                   f"(settle it with --prefer {qid}=FILE, --prefer newest or --prefer FILE, or "
                   "keep both with --leave-open)\n")
    assert not Path("all.yaml").exists()
    assert run("merge", a, b, "-o", "all.yaml", "--prefer", "a.yaml")[0] == 0
    assert load(Path("all.yaml"), catalog).answers[qid].value == "implemented"
    status, _, err = run("merge", a, b, "-o", "all.yaml", "--prefer", "newest", "--force")
    assert status == 0 and "1 conflicts settled" in err
    assert load(Path("all.yaml"), catalog).answers[qid].value == "not_implemented"
    status, _, err = run("merge", a, b, "-o", "x.yaml", "--prefer", "c.yaml")
    assert status == 2 and "--prefer c.yaml: c.yaml is not one of the files merged (or " \
        "'newest')" in err


def test_different_organisations_are_not_merged(run: Run, catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    a = part(full, set(full.answers), "a.yaml", catalog)
    other = dataclasses.replace(full, organisation=dataclasses.replace(full.organisation,
                                                                       name="Other Co"))
    save(Path("b.yaml"), other, catalog)
    status, _, err = run("merge", a, "b.yaml", "-o", "all.yaml")
    assert status == 2
    assert err == ("assessor: error: b.yaml: organisation 'Other Co' differs from a.yaml's "
                   "'Silk Harbour Commerce Co., Ltd.': merge the files of one organisation "
                   "only\n")
    assert not Path("all.yaml").exists()


def test_evidence_registers_are_united_and_differences_listed(run: Run,
                                                              catalog: Catalog) -> None:
    from assessor.model.record import EvidenceItem

    full = load(EXAMPLE, catalog)
    keep = set(full.answers)
    a = dataclasses.replace(full, evidence={"E-1": EvidenceItem("E-1", "Privacy notice v3"),
                                            "E-2": EvidenceItem("E-2", "RoPA")})
    b = dataclasses.replace(full, evidence={"E-1": EvidenceItem("E-1", "Privacy notice v4")})
    save(Path("a.yaml"), a, catalog)
    save(Path("b.yaml"), b, catalog)
    status, _, err = run("merge", "a.yaml", "b.yaml", "-o", "all.yaml")
    assert status == 2
    assert err == (f"assessor: error: b.yaml:{line_of(Path('b.yaml'), 'E-1')}: evidence item "
                   f"'E-1' differs from a.yaml:{line_of(Path('a.yaml'), 'E-1')}'s (settle it "
                   "with --prefer newest or --prefer FILE)\n")
    status, _, err = run("merge", "a.yaml", "b.yaml", "-o", "all.yaml", "--prefer", "b.yaml")
    assert status == 0, err
    merged = load(Path("all.yaml"), catalog)
    assert {k: v.title for k, v in merged.evidence.items()} == {
        "E-1": "Privacy notice v4", "E-2": "RoPA"}
    assert set(merged.answers) == keep
