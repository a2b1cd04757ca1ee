"""Safe reading with line numbers, and atomic writing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from assessor import loader
from assessor.errors import AssessorError, InvalidFile
from assessor.files import load_data, parse_yaml
from assessor.targets import atomic_write


def problems(text: str) -> list[str]:
    """Return the problem lines of parsing ``text``."""
    with pytest.raises(InvalidFile) as info:
        parse_yaml(text, "f.yaml")
    return info.value.lines()


def test_lines_are_recorded_for_keys_and_items() -> None:
    data = parse_yaml("a: 1\nb:\n  - x\n  - {c: no}\n", "f.yaml")
    assert data.line_of("b") == 2
    assert data["b"].item_lines == [3, 4]
    assert data["b"][1]["c"] is False


def test_yaml_traps_are_defused() -> None:
    data = parse_yaml("a: 010\nb: 1_000\n", "f.yaml")
    assert data == {"a": 10, "b": 1000}


@pytest.mark.parametrize(("text", "message"), [
    ("a: &x [1, 2]\nb: *x\n", "f.yaml:2: anchors and aliases"),
    ("a: 1\na: 2\n", "f.yaml:2: duplicate key 'a' (first on line 1)"),
    ("a:\n\t- b\n", "f.yaml:2: malformed YAML: a tab character"),
    ("", "f.yaml:1: file is empty"),
    ("a: 1\nb: 2026-13-45\n", "f.yaml:2: '2026-13-45' is not a valid date"),
    ("a: !!binary TmFtZQ==\n", "f.yaml:1: malformed YAML: tag '!!binary' is not allowed"),
    ("[" * 100 + "]" * 100, "nesting deeper than"),
])
def test_hostile_or_broken_yaml_is_refused_with_a_location(text: str, message: str) -> None:
    assert any(message in line for line in problems(text))


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_data(path) == {"a": 1}


def test_non_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InvalidFile) as info:
        load_data(path)
    assert "latin.yaml:2: not valid UTF-8" in info.value.lines()[0]


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")
    atomic_write(path, "new")
    assert path.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_to_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AssessorError, match="does not exist"):
        atomic_write(tmp_path / "nope" / "out.txt", "x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_atomic_write_to_read_only_folder_keeps_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(AssessorError, match="permission denied"):
            atomic_write(path, "new")
    finally:
        tmp_path.chmod(0o700)
    assert path.read_text() == "old"


class DepthLimitedParser(yaml.CSafeLoader):  # the C parser, as loader.BaseLoader
    """A parser that behaves like PyYAML 6.0.4's libyaml: it stops past ``limit`` levels itself."""

    limit = 60

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0

    def get_event(self) -> Any:
        event = super().get_event()
        if isinstance(event, yaml.CollectionStartEvent):
            self.depth += 1
            if self.depth > self.limit:
                start: Any = event.start_mark
                mark = yaml.Mark("<text>", start.index, start.line, start.column, None, 0)
                raise yaml.scanner.ScannerError("while increasing flow level", mark,
                                                loader.LIBYAML_DEPTH, mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            self.depth -= 1
        return event


@pytest.mark.parametrize("behaviour", ["pyyaml-6.0.3", "pyyaml-6.0.4"])
@pytest.mark.parametrize(("nested", "line"), [
    ("[" * 2000, 2),                           # flow, all on one line
    (" [\n" * 2000, 41),    # flow, a level a line: the top mapping is level 1, so 41 opens on 41
    ("".join(f"{' ' * n}- \n" for n in range(0, 4000, 2)), 41),  # block sequences
])
def test_deep_nesting_is_refused_in_our_words_on_every_pyyaml(
        monkeypatch: pytest.MonkeyPatch, behaviour: str, nested: str, line: int) -> None:
    if behaviour == "pyyaml-6.0.4":  # the parser refuses depth itself, before our walk speaks
        monkeypatch.setattr(loader, "BaseLoader", DepthLimitedParser)
    assert problems("a:\n" + nested + "x\n") == [
        f"f.yaml:{line}: nesting deeper than {loader.MAX_DEPTH} levels"]


def test_a_mappings_shared_defaults_cannot_be_changed_through_one_of_them() -> None:
    # every LineDict without spelled-out keys shares one empty default: writing into it through
    # one mapping would give that key to every mapping read afterwards
    first, second = loader.LineDict(), loader.LineDict()
    with pytest.raises(TypeError):
        first.spelled["on"] = "On"  # type: ignore[index]
    with pytest.raises(TypeError):
        first.sources["name"] = "007"  # type: ignore[index]
    assert dict(second.spelled) == dict(second.sources) == {}
    read = parse_yaml("on: 1\nname: 007\n", "x.yaml")
    assert dict(read.spelled) == {"true": "on"} and read.typed("name") == "007"
    assert dict(loader.LineDict().spelled) == {}
