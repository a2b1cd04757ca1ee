"""jsontext.dumps writes what json.dumps(data, ensure_ascii=False, indent=2) writes, or fails alike.

The JSON report, the OSCAL documents and ``--json`` output are compared as text (golden files,
same bytes for the same input), so the faster writer must never differ by a character.
"""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.jsontext import dumps

from .conftest import sizes

FIXED = settings(deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow])
TRICKY = st.sampled_from(['"', "\\", "{", "}", "[", "]", ",", ": ", "\n", "\t", "\r", "\x00",
                          "\x7f", "\u2028", "\ud800", "控制", "é", "😀", "\\u0041", " "])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=5)), max_size=4).map("".join)
KEYS = st.one_of(TEXT, st.integers(), st.floats(), st.booleans(), st.none())
LEAVES = st.one_of(TEXT, st.integers(), st.floats(), st.booleans(), st.none())
DATA = st.recursive(LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(TEXT, inner, max_size=4), st.dictionaries(KEYS, inner, max_size=3)),
    max_leaves=30)


class Level(enum.IntEnum):
    HIGH = 3


class Word(enum.StrEnum):
    MET = "met"


def outcome(fn: Any, data: Any) -> tuple[str, str]:
    """Return what writing ``data`` gives: its text, or the error's type and message."""
    try:
        return "text", fn(data)
    except (TypeError, ValueError) as exc:
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize("examples", sizes(60, 400))
def test_any_json_data_is_written_as_the_standard_library_writes_it(examples: int) -> None:
    settings(FIXED, max_examples=examples)(given(DATA)(same_as_json))()


def same_as_json(data: Any) -> None:
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("data", [
    {}, [], "", 0, -1.5, 1e300, True, None, {"a": {}, "b": [], "c": [{}], "d": [[]]},
    {"nan": float("nan"), "inf": [float("inf"), -float("inf")]},  # the standard library's words
    {"level": Level.HIGH, "word": Word.MET, Word.MET: 1},  # subclasses: as the library has them
    {7: "seven", 2.5: "x", None: "n", True: "t"},  # keys that are not text
    {"deep": [[[[[[{"x": (1, 2)}]]]]]]},
])
def test_edge_data_is_written_as_the_standard_library_writes_it(data: Any) -> None:
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_what_json_refuses_is_refused_with_the_same_message() -> None:
    looped: list[Any] = []
    looped.append(looped)
    for data in ({"when": object()}, {(1, 2): "tuple key"}, looped, {"set": {1}}, b"bytes"):
        expected = outcome(lambda d: json.dumps(d, ensure_ascii=False, indent=2), data)
        assert expected[0] != "text"
        assert outcome(dumps, data) == expected
