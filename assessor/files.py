"""Files: the one place that reads YAML/JSON (safely, with line numbers) and writes atomically."""

from __future__ import annotations

import contextlib
import errno
import math
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from assessor.errors import AssessorError, InvalidFile, Problem, display_path

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_STRING = 100_000

try:  # the C parser is about 5x faster; fall back where the wheel lacks it
    from yaml import CSafeLoader as BaseLoader
except ImportError:  # pragma: no cover - libyaml is in the PyPI wheels
    from yaml import SafeLoader as BaseLoader  # type: ignore[assignment]


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of itself and of each of its keys."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        """Return the 1-based line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line) if hasattr(self, "key_lines") else self.line


class LineList(list[Any]):
    """A sequence that remembers the line of each item."""

    item_lines: list[int]


class FileProblem(Exception):
    """Raised inside the loader; becomes a located :class:`Problem`."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class Loader(BaseLoader):
    """Safe loader that records lines, refuses aliases and reports duplicate keys."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Refuse a node seen before: that is an alias, the door to "billion laughs" files."""
        if node in self.constructed_objects:
            raise FileProblem(
                "anchors and aliases (&name, *name) are not allowed", node.start_mark.line + 1
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]  # noqa: ARG002
        """Build a :class:`LineDict`, reporting a repeated key instead of keeping the last."""
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | float | bool):
                raise FileProblem("mapping keys must be plain text", line)
            key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in result:
                raise FileProblem(f"duplicate key '{key}' (first on line {result.key_lines[key]})",
                                  line)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:  # noqa: ARG002
        """Build a :class:`LineList` with the line of each item."""
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str:
        """Bound string length, so one field cannot flood a report."""
        value = super().construct_scalar(node)
        if isinstance(value, str) and len(value) > MAX_STRING:
            raise FileProblem(f"text longer than {MAX_STRING} characters", node.start_mark.line + 1)
        return str(value)


    def construct_decimal_int(self, node: yaml.ScalarNode) -> int:
        """Read ``010`` as ten, as a person typing a count means, not as YAML 1.1 octal."""
        text = str(self.construct_scalar(node)).replace("_", "")
        if re.fullmatch(r"[-+]?0[0-9]+", text):
            return int(text, 10)
        return int(super().construct_yaml_int(node))

    def construct_finite_float(self, node: yaml.ScalarNode) -> float:
        """Refuse ``.nan`` and ``.inf``: no answer or score is meant to be either."""
        value = float(super().construct_yaml_float(node))
        if not math.isfinite(value):
            raise FileProblem("numbers must be finite", node.start_mark.line + 1)
        return value


Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_decimal_int)
Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_finite_float)
Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_mapping)
Loader.add_constructor("tag:yaml.org,2002:seq", Loader.construct_sequence)
Loader.add_constructor("tag:yaml.org,2002:str", Loader.construct_yaml_str)


def node_depth(node: yaml.Node) -> int:
    """Return the nesting depth of a composed node tree (iteratively, never recursing deep)."""
    deepest = 0
    stack: list[tuple[yaml.Node, int]] = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            return depth
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
    return deepest


def read_bytes(path: Path) -> bytes:
    """Read a file within the size limit.

    Raises:
        InvalidFile: the file is missing, unreadable or too large.
    """
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidFile([Problem(shown, f"file is {size:,} bytes; the limit is "
                                              f"{MAX_FILE_BYTES:,}")])
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidFile([Problem(shown, "no such file")]) from None
    except IsADirectoryError:
        raise InvalidFile([Problem(shown, "is a folder, not a file")]) from None
    except PermissionError:
        raise InvalidFile([Problem(shown, "permission denied")]) from None
    except OSError as exc:
        raise InvalidFile([Problem(shown, f"cannot read: {exc.strerror or exc}")]) from None


def decode(data: bytes, shown: str) -> str:
    """Decode UTF-8 (a byte-order mark, as Windows editors write, is accepted).

    Raises:
        InvalidFile: the bytes are not UTF-8.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidFile([Problem(shown, "not valid UTF-8 text (save the file as UTF-8)",
                                   line)]) from None


def parse_yaml(text: str, shown: str) -> Any:
    """Parse YAML (or JSON) text into plain objects carrying line numbers.

    Raises:
        InvalidFile: the text is not well-formed or breaks a limit.
    """
    if not text.strip():
        raise InvalidFile([Problem(shown, "file is empty")])
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InvalidFile([Problem(shown, "file holds no data")])
        if node_depth(node) > MAX_DEPTH:
            raise FileProblem(f"nesting deeper than {MAX_DEPTH} levels", None)
        return loader.construct_document(node)
    except FileProblem as exc:
        raise InvalidFile([Problem(shown, exc.message, exc.line)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        if mark is not None and "\t" in text[max(mark.index - 1, 0): mark.index + 1]:
            problem = "a tab character where YAML needs spaces (indent with spaces)"
        raise InvalidFile([Problem(shown, f"malformed YAML: {problem}", line)]) from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise InvalidFile([Problem(shown, f"malformed YAML: {exc}")]) from None
    finally:
        loader.dispose()


def load_data(path: Path) -> Any:
    """Read and parse a YAML or JSON file (JSON is read as YAML, which keeps line numbers)."""
    shown = display_path(path)
    return parse_yaml(decode(read_bytes(path), shown), shown)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never half.

    Raises:
        AssessorError: the folder is missing, read-only or full.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path()
    shown = display_path(path)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            Path(tmp).chmod(path.stat().st_mode & 0o777 if path.exists() else 0o644)
        Path(tmp).replace(path)
        tmp = None
    except FileNotFoundError:
        raise AssessorError(f"cannot write {shown}: folder {display_path(folder)} does not "
                            "exist") from None
    except PermissionError:
        raise AssessorError(f"cannot write {shown}: permission denied") from None
    except IsADirectoryError:
        raise AssessorError(f"cannot write {shown}: it is a folder") from None
    except OSError as exc:
        reason = "disk full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise AssessorError(f"cannot write {shown}: {reason}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
