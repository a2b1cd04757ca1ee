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
    found: list[str] = []
    for node in ast.walk(parse(expression)):
        if isinstance(node, ast.Attribute | ast.Name):
            name = dotted_name(node)
            if name and not any(f.startswith(name) or name.startswith(f + ".") for f in found):
                found.append(name)
    return tuple(dict.fromkeys(found))


def evaluate(expression: str, values: Mapping[str, Any]) -> bool:
    """Evaluate ``expression`` with ``values`` (question id -> answer value).

    Raises:
        ConditionError: the expression is not allowed.
    """
    return bool(walk(parse(expression).body, values))


def decide(expression: str, values: Mapping[str, Any]) -> bool | None:
    """Evaluate ``expression`` where some facts may be :data:`UNDECIDED`, in three values.

    Returns True or False when the answers settle it whatever the unknown facts turn out to be
    (``a or b`` is true once ``a`` is), and None when they do not.

    Raises:
        ConditionError: the expression is not allowed.
    """
    if not any(v is UNDECIDED for v in values.values()):
        return evaluate(expression, values)
    return truth(parse(expression).body, values)


def truth(node: ast.expr, values: Mapping[str, Any]) -> bool | None:
    """Return the truth of one checked node in three values (None: not decided)."""
    if isinstance(node, ast.BoolOp):
        results = [truth(v, values) for v in node.values]
        deciding = isinstance(node.op, ast.Or)  # True decides an or, False an and
        if deciding in results:
            return deciding
        return None if None in results else not deciding
    if isinstance(node, ast.UnaryOp):
        inner = truth(node.operand, values)
        return None if inner is None else not inner
    operands = [node.left, *node.comparators] if isinstance(node, ast.Compare) else [node]
    if any(isinstance(o, ast.Attribute | ast.Name) and
           values.get(dotted_name(o) or "") is UNDECIDED for o in operands):
        return None
    return bool(walk(node, values))


def walk(node: ast.expr, values: Mapping[str, Any]) -> Any:
    """Evaluate one checked node."""
    if isinstance(node, ast.BoolOp):
        results = (bool(walk(v, values)) for v in node.values)
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.UnaryOp):
        return not walk(node.operand, values)
    if isinstance(node, ast.Compare):
        left = walk(node.left, values)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = walk(right_node, values)
            if not compare(type(op), left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.List | ast.Tuple):
        return tuple(walk(item, values) for item in node.elts)
    if isinstance(node, ast.Constant):
        return node.value
    name = dotted_name(node)
    return values.get(name, MISSING) if name else MISSING


def compare(op: type[ast.cmpop], left: Any, right: Any) -> bool:
    """Compare two values; anything involving a missing answer is false (``!=`` is true)."""
    if left is MISSING or right is MISSING or left is UNDECIDED or right is UNDECIDED:
        return op in (ast.NotEq, ast.NotIn) and right is not MISSING and right is not UNDECIDED
    try:
        return COMPARE[op](left, right)
    except TypeError:
        return op is ast.NotEq
