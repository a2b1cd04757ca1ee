"""Screening a text before libyaml composes it: aliases, deep nesting and floods refused early.

libyaml's composer recurses once per level (a crash, not an exception, on tens of thousands of
nested brackets) and composing shares an aliased node, which building then expands ("billion
laughs"). The parser's events are walked first for any text that may hold an alias or nest
past :data:`SAFE_NESTING`, or is long; others go straight to the composer, whose tree
:func:`assessor.loader.check_tree` checks.
"""

from __future__ import annotations

import contextlib

import yaml

from assessor import loader
from assessor.loader import ALIASES, LIBYAML_DEPTH, MAX_DEPTH, MAX_VALUES, FileProblem

SCREEN_CHARS = 256 * 1024  # larger texts are screened before composing (about 10 us a value)
SAFE_NESTING = 1_000  # below this bound libyaml's recursive composer is safe on any stack


def nesting_bound(text: str) -> int:
    """Return a cheap upper bound of how deeply ``text`` can nest (see :func:`run_bound`)."""
    bound = line_bound(text)
    return bound if bound <= SAFE_NESTING else run_bound(text)


def run_bound(text: str) -> int:
    """Return an upper bound of how deeply ``text`` can nest, read from its lines' starts.

    A flow collection opens with ``[`` or ``{``. A block collection one level deeper starts at
    least one column further right (a sequence under a key may share its column), so block
    nesting is at most twice the column where the deepest one starts, plus two. libyaml
    starts one only at a ``-`` or ``?`` indicator or at a key with nothing before it on its
    line but spaces, tabs and the indicators ``-``, ``?`` and ``:``: the longest run of those
    at a line's start bounds that column, where banks' lines of prose are hundreds long.
    """
    runs = max((len(line) - len(line.lstrip(" \t\ufeff-?:")) for line in text.splitlines()),
               default=0)  # splitlines() breaks at least wherever libyaml does
    return text.count("[") + text.count("{") + 2 * runs + 4


def line_bound(text: str) -> int:
    """Return a coarser bound than :func:`nesting_bound`: twice the longest line, plus flows."""
    longest = max(map(len, text.split("\n")))
    return text.count("[") + text.count("{") + 2 * longest + 2


# What can come just before an alias (``*name``), which libyaml reads only at a token's start:
# a space, tab or line break (any whitespace, to be safe), a byte-order mark, the end of an
# indicator or of quoted text. A ``*`` inside a word or quoted text (``"138****5678"``) cannot
# start one.
BEFORE_ALIAS = frozenset("\ufeff[]{},:?\"'")


def may_alias(text: str) -> bool:
    """Return whether a ``*`` in ``text`` stands where libyaml could read it as an alias."""
    star = text.find("*")
    while star != -1:
        if star == 0 or text[star - 1].isspace() or text[star - 1] in BEFORE_ALIAS:
            return True
        star = text.find("*", star + 1)
    return False


def must_screen(text: str) -> bool:
    """Return whether :func:`screen` must walk ``text`` before libyaml composes it.

    The text may hold an alias, nest deeper than libyaml's composer safely recurses, or be
    long enough that screening a flood of values is cheaper than composing it.
    """
    return len(text) > SCREEN_CHARS or may_alias(text) or nesting_bound(text) > SAFE_NESTING


def screened_in_order(text: str) -> bool:
    """Return whether a refusal of ``text`` names the first problem in the file's order.

    Every text with a ``*`` or a long line was screened before composing, and its refusal
    named the problem the screen meets first (the tree's check may meet another first when a
    file has several). Such a text that :func:`must_screen` lets through is screened once it
    is refused, so each refusal keeps its message.
    """
    return "*" in text or line_bound(text) > SAFE_NESTING


def screen(text: str) -> None:
    """Walk the parser's events to refuse aliases, deep nesting and floods of values early.

    libyaml's composer recurses once per level and overflows the C stack on a few tens of
    thousands of nested brackets (a crash, not an exception); expanding aliases is how a 1 KB
    "billion laughs" file becomes gigabytes; and composing costs about eight times as much as
    this pass. The event parser keeps its stack on the heap, so this is safe on any input.

    Raises:
        FileProblem: an alias, nesting deeper than :data:`MAX_DEPTH`, or more than
            :data:`MAX_VALUES` values.
        yaml.YAMLError: the text is not well-formed.
    """
    try:
        walk_events(text)
    except yaml.MarkedYAMLError as exc:
        if LIBYAML_DEPTH not in (exc.problem or "") or exc.problem_mark is None:
            raise
        # PyYAML 6.0.4's libyaml stops at its own depth (about 1,000) while scanning ahead,
        # before our limit is reached: walk the text up to that point, which is shallow enough
        # for libyaml, so the refusal is ours and names the line where level 41 opens.
        mark = exc.problem_mark
        with contextlib.suppress(yaml.YAMLError):
            walk_events(text[: mark.index])
        raise FileProblem(f"nesting deeper than {MAX_DEPTH} levels", mark.line + 1) from None


def walk_events(text: str) -> None:
    """Walk the parser's events of ``text``, refusing aliases, deep nesting and value floods.

    Raises:
        FileProblem: an alias, nesting deeper than :data:`MAX_DEPTH`, or more than
            :data:`MAX_VALUES` values.
        yaml.YAMLError: the text is not well-formed.
    """
    # the loader's parser, read at each call so a test can stand in another libyaml's
    parser = loader.BaseLoader(text)  # type: ignore[attr-defined]
    depth = count = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            line = event.start_mark.line + 1 if event and event.start_mark else None
            if isinstance(event, yaml.AliasEvent):
                raise FileProblem(ALIASES, line)
            if isinstance(event, yaml.NodeEvent):
                count += 1
                if count > MAX_VALUES:
                    raise FileProblem(f"more than {MAX_VALUES:,} values in one file", line)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise FileProblem(f"nesting deeper than {MAX_DEPTH} levels", line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        parser.dispose()
