"""Applicability conditions: small expressions over earlier answers, checked and evaluated safely.

An expression is parsed with :mod:`ast` and walked by a whitelist; nothing is ever passed to
``eval``. Unanswered and ``na`` answers become :data:`MISSING`, which compares false to
everything, so a control never applies on a guess. An ``unknown`` answer becomes
:data:`UNDECIDED`: :func:`decide` then says when the answers cannot settle a condition, and scope
errs on the safe side (the control applies, its scope to be confirmed).
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_LENGTH = 2000


class ConditionError(ValueError):
    """An expression that is not allowed or cannot be parsed."""


class Missing:
    """The value of an unanswered question: every comparison with it is false."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING = Missing()


class Undecided:
    """The value of a fact answered ``unknown``: a condition reading it may not be decidable."""

    def __repr__(self) -> str:
        return "UNDECIDED"


UNDECIDED = Undecided()

COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


def dotted_name(node: ast.expr) -> str | None:
    """Return ``a.b.c`` for a chain of attribute lookups on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def children(node: ast.AST) -> list[ast.AST] | None:
    """Return the sub-expressions of an allowed compound node, or None if it is not one."""
    if isinstance(node, ast.Expression):
        return [node.body]
    if isinstance(node, ast.BoolOp):
        return list(node.values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return [node.operand]
    if isinstance(node, ast.Compare):
        if not all(type(op) in COMPARE for op in node.ops):
            raise ConditionError("only ==, !=, <, <=, >, >=, in and not in compare values")
        return [node.left, *node.comparators]
    return None


def check_node(node: ast.AST) -> None:
    """Raise :class:`ConditionError` unless ``node`` uses only the allowed forms."""
    parts = children(node)
    if parts is not None:
        for part in parts:
            check_node(part)
    elif isinstance(node, ast.List | ast.Tuple):
        for item in node.elts:
            if not isinstance(item, ast.Constant):
                raise ConditionError("lists may hold only literal values")
    elif isinstance(node, ast.Constant):
        if not isinstance(node.value, str | int | float | bool):
            raise ConditionError(f"literal {node.value!r} is not allowed")
    elif isinstance(node, ast.Attribute | ast.Name):
        if dotted_name(node) is None:
            raise ConditionError("names must be question ids such as profile.ciio")
    else:
        raise ConditionError(f"'{ast.unparse(node)}' is not allowed in a condition")


@lru_cache(maxsize=1024)
def parse(expression: str) -> ast.Expression:
    """Parse and check ``expression`` once; later calls reuse the tree.

    Raises:
        ConditionError: the expression is malformed or uses a form that is not allowed.
    """
    if len(expression) > MAX_LENGTH:
        raise ConditionError(f"condition longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise ConditionError(f"cannot parse condition: {exc.msg}") from None
    except (ValueError, RecursionError, MemoryError):
        raise ConditionError("cannot parse condition") from None
    check_node(tree)
    return tree


def names(expression: str) -> tuple[str, ...]:
    """Return the question ids an expression reads, in order of appearance."""
    return compiled(expression).names


def evaluate(expression: str, values: Mapping[str, Any]) -> bool:
    """Evaluate ``expression`` with ``values`` (question id -> answer value).

    Raises:
        ConditionError: the expression is not allowed.
    """
    return bool(compiled(expression).value(values))


def decide(expression: str, values: Mapping[str, Any]) -> bool | None:
    """Evaluate ``expression`` where some facts may be :data:`UNDECIDED`, in three values.

    Returns True or False when the answers settle it whatever the unknown facts turn out to be
    (``a or b`` is true once ``a`` is), and None when they do not. Where no fact the expression
    reads is undecided, this is :func:`evaluate`.

    Raises:
        ConditionError: the expression is not allowed.
    """
    return compiled(expression).truth(values)


Values = Mapping[str, Any]
Reader = Callable[[Values], Any]  # a node's value, as Python would compute it (safely)
Judge = Callable[[Values], "bool | None"]  # a node's truth in three values (None: undecided)


@dataclass(frozen=True, slots=True)
class Condition:
    """A checked expression turned into closures once: the names it reads, its value, its truth.

    Scope evaluates the same few dozen conditions hundreds of times per command; walking the
    tree and re-deriving dotted names on every evaluation cost more than the answers' work.
    """

    names: tuple[str, ...]
    value: Reader
    truth: Judge


@lru_cache(maxsize=1024)
def compiled(expression: str) -> Condition:
    """Parse, check and compile ``expression`` once; later calls reuse it.

    Raises:
        ConditionError: the expression is malformed or uses a form that is not allowed.
    """
    tree = parse(expression)
    return Condition(read_names(tree), value_of(tree.body), truth_of(tree.body))


def read_names(tree: ast.Expression) -> tuple[str, ...]:
    """Return the question ids a checked tree reads, each once, in order of appearance."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute | ast.Name):
            name = dotted_name(node)
            if name and not any(f.startswith(name) or name.startswith(f + ".") for f in found):
                found.append(name)
    return tuple(dict.fromkeys(found))


def value_of(node: ast.expr) -> Reader:
    """Return a function computing one checked node's value from the answers."""
    if isinstance(node, ast.BoolOp):
        parts = tuple(value_of(v) for v in node.values)
        return every(parts) if isinstance(node.op, ast.And) else some(parts)
    if isinstance(node, ast.UnaryOp):
        inner = value_of(node.operand)
        return lambda values: not inner(values)
    if isinstance(node, ast.Compare):
        return compared(node)
    if isinstance(node, ast.List | ast.Tuple):
        items = tuple(i.value for i in node.elts if isinstance(i, ast.Constant))  # all, checked
        return lambda _: items
    if isinstance(node, ast.Constant):
        constant = node.value
        return lambda _: constant
    name = dotted_name(node)
    if name is None:
        return lambda _: MISSING
    return lambda values: values.get(name, MISSING)


def every(parts: tuple[Reader, ...]) -> Reader:
    """Return ``and`` over ``parts``: False at the first false one."""
    return lambda values: all(part(values) for part in parts)


def some(parts: tuple[Reader, ...]) -> Reader:
    """Return ``or`` over ``parts``: True at the first true one."""
    return lambda values: any(part(values) for part in parts)


def compared(node: ast.Compare) -> Reader:
    """Return a (chained) comparison: true when every link holds, as in Python."""
    first = value_of(node.left)
    links = tuple((type(op), value_of(right))
                  for op, right in zip(node.ops, node.comparators, strict=True))
    if len(links) == 1:
        op, second = links[0]
        return lambda values: bool(compare(op, first(values), second(values)))

    def chain(values: Values) -> bool:
        left = first(values)
        for link, right_of in links:
            right = right_of(values)
            if not compare(link, left, right):
                return False
            left = right
        return True
    return chain


def truth_of(node: ast.expr) -> Judge:
    """Return a function giving one checked node's truth in three values."""
    if isinstance(node, ast.BoolOp):
        return settled(tuple(truth_of(v) for v in node.values),
                       deciding=isinstance(node.op, ast.Or))
    if isinstance(node, ast.UnaryOp):
        inner = truth_of(node.operand)
        return lambda values: None if (found := inner(values)) is None else not found
    operands = [node.left, *node.comparators] if isinstance(node, ast.Compare) else [node]
    facts = tuple(dotted_name(o) or "" for o in operands if isinstance(o, ast.Attribute | ast.Name))
    value = value_of(node)

    def leaf(values: Values) -> bool | None:
        for fact in facts:
            if values.get(fact) is UNDECIDED:
                return None
        return bool(value(values))
    return leaf


def settled(parts: tuple[Judge, ...], *, deciding: bool) -> Judge:
    """Return ``or`` (``deciding`` True) or ``and`` (False) in three values.

    One part equal to ``deciding`` settles it (true decides an or, false an and); otherwise an
    undecided part leaves it undecided.
    """
    def judged(values: Values) -> bool | None:
        undecided = False
        for part in parts:
            found = part(values)
            if found is deciding:
                return deciding
            undecided = undecided or found is None
        return None if undecided else not deciding
    return judged


def compare(op: type[ast.cmpop], left: Any, right: Any) -> bool:
    """Compare two values; anything involving a missing answer is false (``!=`` is true)."""
    if left is MISSING or right is MISSING or left is UNDECIDED or right is UNDECIDED:
        return op in (ast.NotEq, ast.NotIn) and right is not MISSING and right is not UNDECIDED
    try:
        return COMPARE[op](left, right)
    except TypeError:
        return op is ast.NotEq
