"""The loader's short cuts read every file as PyYAML's general path reads it."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessor import loader
from assessor.errors import InvalidFile
from assessor.files import parse_yaml

FIXED = settings(derandomize=True, database=None, deadline=None, max_examples=200)
PLAIN = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789.eE+-_:xob~nNyYtTfF", max_size=10),
    st.sampled_from(["yes", "No", "on", "OFF", "~", "null", "", "1e5", "1E-3", "-1e+05",
                     "010", "0x1F", "1_000", ".nan", ".inf", "2026-11-20", "2026-11-20 10:00",
                     "<<", "=", "1:20", "x" * (loader.RESOLVED_LONGEST + 1)]),
)


def problems(text: str) -> list[str]:
    """Return the problem lines of parsing ``text``."""
    with pytest.raises(InvalidFile) as info:
        parse_yaml(text, "f.yaml")
    return info.value.lines()


@FIXED
@given(PLAIN)
def test_a_remembered_tag_is_the_tag_pyyaml_resolves(value: str) -> None:
    reader = loader.Loader("")
    try:
        pyyaml = yaml.resolver.BaseResolver.resolve
        expected = pyyaml(reader, yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        for _ in range(2):  # resolved, then remembered
            assert reader.resolve(yaml.ScalarNode, value, (True, False)) == expected
        assert reader.resolve(yaml.ScalarNode, value, (False, True)) == "tag:yaml.org,2002:str"
    finally:
        reader.dispose()


def test_plain_and_quoted_spellings_of_one_text_keep_their_own_types() -> None:
    data = parse_yaml("a: yes\nb: 'yes'\nc: yes\nd: 1e5\ne: '1e5'\nf: 007\n", "f.yaml")
    assert data == {"a": True, "b": "yes", "c": True, "d": 100000.0, "e": "1e5", "f": 7}
    assert dict(data.sources) == {"a": "yes", "c": "yes", "d": "1e5", "f": "007"}


def test_the_remembered_tags_stay_bounded() -> None:
    many = "".join(f"k{n}: v{n}\n" for n in range(loader.RESOLVED_MAX + 10))
    assert len(parse_yaml(many, "f.yaml")) == loader.RESOLVED_MAX + 10
    assert len(loader.RESOLVED) <= loader.RESOLVED_MAX


@pytest.mark.parametrize(("text", "message"), [
    ("? " + "k" * (loader.MAX_STRING + 1) + "\n: 1\n", "f.yaml:1: mapping keys must be plain text"),
    ("? [a]\n: 1\n", "f.yaml:1: mapping keys must be plain text"),
    ("? !!str [a]\n: 1\n", "f.yaml:1: malformed YAML: expected a scalar node, but found sequence"),
    ("a: !!str {b: 1}\n", "f.yaml:1: malformed YAML: expected a scalar node, but found mapping"),
])
def test_keys_and_values_that_are_not_what_their_tag_says_are_refused(
        text: str, message: str) -> None:
    assert problems(text) == [message]


def test_keys_typed_as_numbers_or_yes_no_keep_their_spelling() -> None:
    data = parse_yaml("007: a\non: b\n1.50: c\nplain: d\n", "f.yaml")
    assert list(data) == ["007", "true", "1.50", "plain"]
    assert dict(data.spelled) == {"true": "on"}
    assert data.line_of("plain") == 4
