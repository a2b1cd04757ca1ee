"""The typed view model (report/view.py) and the report's JSON schema name the same keys."""

from __future__ import annotations

import json
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints, is_typeddict

from assessor.report.view import Report

SCHEMA = Path(__file__).parent.parent / "assessor" / "schemas" / "report.schema.json"


def resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Return a schema node with its ``$ref``, ``allOf`` and ``oneOf`` object merged into one."""
    if "$ref" in node:
        node = {**root["$defs"][node["$ref"].split("/")[-1]],
                **{k: v for k, v in node.items() if k != "$ref"}}
    properties = dict(node.get("properties", {}))
    for part in node.get("allOf", []) + node.get("oneOf", []) + node.get("anyOf", []):
        properties.update(resolve(part, root).get("properties", {}))
    return {**node, "properties": properties}


def typed_dict_in(hint: Any) -> Any:
    """Return the TypedDict a hint holds (in a list, a union with None), or None."""
    if is_typeddict(hint):
        return hint
    if get_origin(hint) in (list, Union, types.UnionType):
        for arg in get_args(hint):
            found = typed_dict_in(arg)
            if found is not None:
                return found
    return None


def mismatches(typed: Any, node: dict[str, Any], root: dict[str, Any], where: str) -> list[str]:
    """Compare a TypedDict with its schema node, and the TypedDicts inside it, key by key."""
    node = resolve(node, root)
    if "items" in node:
        node = resolve(node["items"], root)
    hints = get_type_hints(typed)
    schema_keys = set(node["properties"])
    found = [f"{where}: {sorted(set(hints) ^ schema_keys)}"] if set(hints) != schema_keys else []
    for key, hint in hints.items():
        inner = typed_dict_in(hint)
        if inner is not None and key in node["properties"]:
            found += mismatches(inner, node["properties"][key], root, f"{where}.{key}")
    return found


def test_every_typed_part_has_the_keys_the_schema_documents() -> None:
    root = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert mismatches(Report, root, root, "report") == []


def test_the_check_finds_a_key_the_schema_does_not_have() -> None:
    root = json.loads(SCHEMA.read_text(encoding="utf-8"))
    del root["properties"]["overall"]["properties"]["band"]
    assert mismatches(Report, root, root, "report") == ["report.overall: ['band']"]
