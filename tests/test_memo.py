"""The catalog is built once per content of its files, and afresh when a file changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessor.banks import memo
from assessor.banks.catalog import load_catalog
from assessor.errors import InvalidFile

from .conftest import MINI


def copy_of_mini(tmp_path: Path) -> Path:
    """Return a private copy of the mini banks, safe to edit."""
    return Path(shutil.copytree(MINI, tmp_path / "banks"))


def test_the_same_files_give_the_same_catalog_object(tmp_path: Path) -> None:
    banks = copy_of_mini(tmp_path)
    first = load_catalog([banks], builtin=False)
    assert load_catalog([banks], builtin=False) is first
    assert load_catalog([], builtin=True) is load_catalog([], builtin=True)


def test_other_folders_loaded_in_between_never_push_out_the_shipped_banks(
        tmp_path: Path) -> None:
    shipped = load_catalog()
    for n in range(memo.KEPT + 2):
        load_catalog([copy_of_mini(tmp_path / str(n))], builtin=False)
    assert load_catalog() is shipped


def test_an_edited_added_or_removed_file_is_read_again(tmp_path: Path) -> None:
    banks = copy_of_mini(tmp_path)
    first = load_catalog([banks], builtin=False)
    bank = banks / "bank.yaml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("Is there", "Is there really", 1), encoding="utf-8")
    edited = load_catalog([banks], builtin=False)
    assert edited is not first
    assert any("really" in q.text.en for q in edited.questions)
    moved = bank.rename(tmp_path / "bank.yaml")
    assert "bank" not in [q.id for q in load_catalog([banks], builtin=False).questionnaires]
    moved.rename(bank)
    assert load_catalog([banks], builtin=False) is edited


def test_a_broken_file_is_refused_every_time_and_named_as_seen_from_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    banks = copy_of_mini(tmp_path)
    (banks / "bank.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidFile) as first:
        load_catalog([banks], builtin=False)
    assert first.value.lines()[0].startswith("banks/bank.yaml:")
    monkeypatch.chdir(banks)
    with pytest.raises(InvalidFile) as second:
        load_catalog([banks], builtin=False)
    assert second.value.lines()[0].startswith("bank.yaml:")
