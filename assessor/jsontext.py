"""JSON indented by two spaces, exactly as ``json.dumps(data, ensure_ascii=False, indent=2)``.

The standard library writes indented JSON with its pure-Python encoder (its C encoder cannot
indent), a chain of generators that passes every piece through each level of nesting: a full
report's JSON took 10 ms. Here plain data (dicts with text keys, lists, tuples, text, whole
numbers, finite floats, booleans, None) is written by one recursive function that encodes
each text with the C escaper; anything else (another key or value type, NaN, a cycle) goes
to the standard library, so the text and the errors are always the standard library's.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

INFINITY = float("inf")


class NotPlain(Exception):
    """The data holds something only the standard library writes (or refuses) as it must."""


def dumps(data: Any) -> str:
    """Return ``data`` as ``json.dumps(data, ensure_ascii=False, indent=2)`` does."""
    out: list[str] = []
    try:
        value(data, out, "")
    except (NotPlain, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)


def scalar(data: Any) -> str:
    """Return a text, number, boolean or None as JSON."""
    kind = type(data)
    if kind is str:
        return encode_basestring(data)
    if data is None:
        return "null"
    if data is True:
        return "true"
    if data is False:
        return "false"
    if kind is int:
        return int.__repr__(data)
    if kind is float and -INFINITY < data < INFINITY:
        return float.__repr__(data)
    raise NotPlain


def value(data: Any, out: list[str], indent: str) -> None:
    """Append ``data`` written at ``indent``."""
    kind = type(data)
    if kind is dict:
        mapping(data, out, indent)
    elif kind is list or kind is tuple:
        sequence(data, out, indent)
    else:
        out.append(scalar(data))


def mapping(data: dict[Any, Any], out: list[str], indent: str) -> None:
    """Append a dict: each key and value on its own line, one level in."""
    if not data:
        out.append("{}")
        return
    inner = indent + "  "
    separator, following = "{\n" + inner, ",\n" + inner
    for key, item in data.items():
        if type(key) is not str:
            raise NotPlain
        kind = type(item)
        if kind is str:  # most values: spared a call
            out.append(f"{separator}{encode_basestring(key)}: {encode_basestring(item)}")
        elif kind is dict or kind is list or kind is tuple:
            out.append(f"{separator}{encode_basestring(key)}: ")
            value(item, out, inner)
        else:
            out.append(f"{separator}{encode_basestring(key)}: {scalar(item)}")
        separator = following
    out.append("\n" + indent + "}")


def sequence(data: list[Any] | tuple[Any, ...], out: list[str], indent: str) -> None:
    """Append a list: each item on its own line, one level in."""
    if not data:
        out.append("[]")
        return
    inner = indent + "  "
    separator, following = "[\n" + inner, ",\n" + inner
    for item in data:
        kind = type(item)
        if kind is dict or kind is list or kind is tuple:
            out.append(separator)
            value(item, out, inner)
        else:
            out.append(separator + scalar(item))
        separator = following
    out.append("\n" + indent + "]")
