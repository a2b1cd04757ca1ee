"""The loader's short cuts read every file as PyYAML's general path reads it."""

from __future__ import annotations

import contextlib

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessor import loader, screening
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


ALIASED = [  # an alias after each thing libyaml lets one follow
    ("a: &x 1\nb: *x\n", 2), ("a: &x 1\nb:\t*x\n", 2), ("a: &x 1\nb:\n - *x\n", 3),
    ("a: &x 1\nb: [c,*x]\n", 2), ("a: &x 1\nb: {c: 1,*x: 2}\n", 2), ("a: &x 1\nb: [[*x]]\n", 2),
    ("a: &x 1\nb: [{*x: 1}]\n", 2), ("a: &x 1\nb: [?*x]\n", 2), ("a: &x 1\n? *x\n: 2\n", 2),
    ("a: &x 1\nb: [\r*x]\n", 3), ("a: &x 1\nb: [\x85*x]\n", 3), ("a: &x 1\nb: [\u2028*x]\n", 3),
    ("a: &x 1\nb: {c:\u2029*x}\n", 3), ("a: &x [1]\nb: [c,\n*x]\n", 3),
]


@pytest.mark.parametrize(("text", "line"), ALIASED)
def test_every_alias_is_screened_before_libyaml_composes_the_file(text: str, line: int) -> None:
    assert screening.must_screen(text)
    assert problems(text) == [f"f.yaml:{line}: {loader.ALIASES}"]


def events(text: str) -> list[yaml.Event]:
    """Return the events libyaml reads from ``text`` up to its first error."""
    found: list[yaml.Event] = []
    with contextlib.suppress(yaml.YAMLError):
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            found.append(event)  # noqa: PERF402 - keep those read before an error
    return found


STRUCTURE = st.lists(st.sampled_from(
    [" ", "\t", "\n", "\r", "\x85", "\u2028", "\ufeff", "- ", "? ", ": ", "-", "?", ":", "[", "]",
     "{", "}", ",", "*", "*a", "&a ", "!t ", "'", '"', "|", ">", "#", "a", "a: ", "--- "]),
    max_size=30).map("".join)


@FIXED
@given(STRUCTURE)
def test_no_alias_or_depth_escapes_the_bounds_that_skip_the_screen(text: str) -> None:
    read = events(text)
    if any(isinstance(event, yaml.AliasEvent) for event in read):
        assert screening.may_alias(text)
    depth = deepest = 0
    for event in read:
        depth += isinstance(event, yaml.CollectionStartEvent)
        depth -= isinstance(event, yaml.CollectionEndEvent)
        deepest = max(deepest, depth)
    assert deepest <= screening.run_bound(text)


def test_a_star_inside_words_or_quotes_and_long_prose_lines_need_no_screen() -> None:
    text = f"id: '138****5678'\nnote: a*b\nhelp: {'很长的说明。' * 120}\n"
    assert not screening.must_screen(text)
    assert parse_yaml(text, "f.yaml")["note"] == "a*b"
    deep = "a:\n" + "".join(f"{' ' * n}- \n" for n in range(0, 1200, 2)) + "x\n"
    assert screening.must_screen(deep)  # past what libyaml's composer recurses into safely
    assert problems(deep) == [f"f.yaml:41: nesting deeper than {loader.MAX_DEPTH} levels"]


@pytest.mark.parametrize("later", [
    "c: " + "[" * 41 + "]" * 41 + "\n",  # checking the tree meets the last branch first
    "c: [\n",                             # composing stops at the broken bracket first
])
def test_a_refusal_still_names_the_first_problem_in_the_file(later: str) -> None:
    text = "id: '1*2'\nb: " + "[" * 41 + "]" * 41 + "\n" + later
    assert not screening.must_screen(text)
    assert problems(text) == [f"f.yaml:2: nesting deeper than {loader.MAX_DEPTH} levels"]


@pytest.mark.parametrize(("text", "message"), [
    ("a: !!seq x\n", "f.yaml:1: malformed YAML: expected a sequence node, but found scalar"),
    ("a:\n  b: !!seq\n    c: 1\n",
     "f.yaml:2: malformed YAML: expected a sequence node, but found mapping"),
    ("a: !!map x\n", "f.yaml:1: malformed YAML: expected a mapping node, but found scalar"),
    ("a: !!map [1]\n", "f.yaml:1: malformed YAML: expected a mapping node, but found sequence"),
])
def test_a_list_or_mapping_tag_on_another_kind_is_refused_at_its_line(
        text: str, message: str) -> None:
    # both crashed: "!!seq x" iterated the text's characters as nodes
    assert problems(text) == [message]
