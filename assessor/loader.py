"""The YAML loader every file goes through: safe, bounded, and keeping each key's line.

Answers files, questionnaires, branding and report strings are untrusted text: the loader
refuses aliases ("billion laughs"), unknown tags, repeated keys, deep nesting and floods of
values (:mod:`assessor.screening` walks the parser's events first where libyaml's own
composer could crash or an alias could hide), and builds :class:`LineDict` and
:class:`LineList`, so every message can name its line.
:func:`assessor.files.parse_yaml` is the one caller that turns its refusals into problems.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import yaml
from yaml import MappingNode, ScalarNode, SequenceNode

MAX_DEPTH = 40
MAX_STRING = 100_000
MAX_VALUES = 100_000  # the largest bank holds under 5,000
ALIASES = "anchors and aliases (&name, *name) are not allowed"

try:  # the C parser is about 5x faster; fall back where the wheel lacks it
    from yaml import CSafeLoader as BaseLoader
except ImportError:  # pragma: no cover - libyaml is in the PyPI wheels
    from yaml import SafeLoader as BaseLoader  # type: ignore[assignment]


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of itself and of each of its keys."""

    line: int | None = None
    key_lines: dict[str, int]
    # Shared empty defaults, read-only: a mapping that has any is given its own (replaced,
    # never changed in place).
    spelled: Mapping[str, str] = MappingProxyType({})  # key as read -> as typed ('on')
    sources: Mapping[str, str] = MappingProxyType({})  # a plain value read as a number,
    # date or yes/no -> as typed (``name: 007``)

    def typed(self, key: str) -> str | None:
        """Return ``key``'s value exactly as typed when YAML read it as a number, date or bool.

        ``name: 007`` is the number 7 to YAML; a text field wants ``007``.
        """
        return self.sources.get(key)

    def line_of(self, key: str) -> int | None:
        """Return the 1-based line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line) if hasattr(self, "key_lines") else self.line


class LineList(list[Any]):
    """A sequence that remembers the line of each item."""

    item_lines: list[int]
    item_sources: list[str | None]  # as :attr:`LineDict.sources`, per item


class FileProblem(Exception):
    """Raised inside the loader; becomes a located :class:`Problem`."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


STR, MAP, SEQ = (f"tag:yaml.org,2002:{name}" for name in ("str", "map", "seq"))
# The tag each short plain scalar resolved to: a file repeats its keys, ids and answers
# thousands of times, and resolving tries up to four patterns each time.
RESOLVED: dict[str, str] = {}
RESOLVED_MAX = 20_000  # entries kept before starting afresh (about 2 MB at most)
RESOLVED_LONGEST = 64  # longer texts (prose) rarely repeat: resolved each time, not kept


class Loader(BaseLoader):
    """Safe loader that records lines, refuses aliases and reports duplicate keys."""

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        """Return a node's tag; a plain scalar's is resolved once per text and remembered.

        A plain scalar's tag depends on its text alone, since the loader has no path
        resolvers; libyaml's composer asks for each of them.
        """
        if kind is ScalarNode and not self.yaml_path_resolvers:
            if not implicit[0]:  # quoted or block text: no pattern applies
                return self.DEFAULT_SCALAR_TAG
            if len(value) <= RESOLVED_LONGEST:  # prose: not hashed for a look-up in vain
                tag = RESOLVED.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
                    if len(RESOLVED) >= RESOLVED_MAX:
                        RESOLVED.clear()
                    RESOLVED[value] = tag
                return tag
        other: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return other

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:  # noqa: FBT001, FBT002 - yaml's signature
        """Build a node: text, mappings and lists directly, any other through PyYAML.

        PyYAML's general path keeps state for recursive and lazily built objects, which
        plain tags never need: this loader's mappings and lists are built whole, and no
        node is reached twice (the screen refuses any alias before composing, and
        :func:`check_tree` any node reached twice). A node seen before is still refused on
        the general path: that is an alias, the door to "billion laughs" files.
        """
        tag = node.tag
        kind = node.__class__
        if kind is ScalarNode and tag == STR:
            value: str = node.value
            if len(value) > MAX_STRING:
                self.refuse(f"text longer than {MAX_STRING} characters", node)
                return None
            return value
        if kind is MappingNode and tag == MAP:
            return self.construct_mapping(node)  # type: ignore[arg-type]
        if kind is SequenceNode and tag == SEQ:
            return self.construct_sequence(node)  # type: ignore[arg-type]
        if node in self.constructed_objects:
            raise FileProblem(ALIASES, node.start_mark.line + 1)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]  # noqa: ARG002, FBT001, FBT002
        """Build a :class:`LineDict`, reporting a repeated key instead of keeping the last."""
        expect(node, MappingNode)  # ``!!map`` on a text or list
        result = LineDict()
        result.line = node.start_mark.line + 1
        key_lines: dict[str, int] = {}
        result.key_lines = key_lines
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.__class__ is ScalarNode and key_node.tag == STR:  # most keys: text
                key = key_node.value
                if len(key) > MAX_STRING:
                    raise FileProblem("mapping keys must be plain text", line)
            else:
                key = self.key_of(key_node, result, line)
            if key in result:
                raise FileProblem(f"duplicate key '{key}' (first on line {key_lines[key]})", line)
            if (value_node.__class__ is ScalarNode and value_node.tag == STR
                    and len(value_node.value) <= MAX_STRING):  # most values: text, kept
                result[key] = value_node.value
            else:
                result[key] = self.construct_object(value_node, deep=True)
                if (typed := typed_text(value_node)) is not None:
                    result.sources = {**result.sources, key: typed}
            key_lines[key] = line
        return result

    def key_of(self, node: yaml.Node, mapping: LineDict, line: int) -> str:
        """Return a key that YAML does not read as text as the text it was typed as.

        ``007`` stays ``007``; an unquoted on/yes/no (YAML 1.1 reads true/false) is keyed
        ``true``/``false`` and its spelling kept in the mapping.
        """
        key = self.construct_object(node, deep=True)
        if not isinstance(key, str | int | float | bool):
            raise FileProblem("mapping keys must be plain text", line)
        if isinstance(key, bool):
            mapping.spelled = {**mapping.spelled, str(key).lower(): str(node.value)}
        return str(key).lower() if isinstance(key, bool) else typed_text(node) or str(key)

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:  # noqa: ARG002, FBT001, FBT002
        """Build a :class:`LineList` with the line of each item."""
        expect(node, SequenceNode)  # ``!!seq`` on a text or mapping
        result = LineList()
        lines: list[int] = []
        sources: list[str | None] = []
        for child in node.value:
            result.append(self.construct_object(child, deep=True))
            lines.append(child.start_mark.line + 1)
            sources.append(typed_text(child))
        result.item_lines = lines
        result.item_sources = sources
        return result

    soft: list[FileProblem]

    def refuse(self, message: str, node: yaml.Node) -> None:
        """Record a value the file cannot hold; reading goes on, so every one is reported.

        The value is read as nothing; :func:`parse_yaml` raises once the file is read, when it
        can also say which question each one belongs to.
        """
        if not hasattr(self, "soft"):
            self.soft = []
        self.soft.append(FileProblem(message, node.start_mark.line + 1))

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str | None:  # type: ignore[override]
        """Bound string length, so one field cannot flood a report."""
        value = super().construct_scalar(node)
        if isinstance(value, str) and len(value) > MAX_STRING:
            self.refuse(f"text longer than {MAX_STRING} characters", node)
            return None
        return str(value)

    def construct_decimal_int(self, node: yaml.ScalarNode) -> int:
        """Read ``010`` as ten, as a person typing a count means, not as YAML 1.1 octal."""
        text = str(self.construct_scalar(node)).replace("_", "")
        try:
            if re.fullmatch(r"[-+]?0[0-9]+", text):
                return int(text, 10)
            return int(super().construct_yaml_int(node))
        except ValueError:  # Python refuses to convert integers of more than 4,300 digits
            self.refuse("number too long", node)
            return None  # type: ignore[return-value]

    def construct_finite_float(self, node: yaml.ScalarNode) -> float:
        """Read a float, even ``.nan`` or ``.inf``.

        They are refused where a number is read, with the question's id, while a text field
        keeps ``1e999`` as typed.
        """
        return float(super().construct_yaml_float(node))

    def construct_checked_timestamp(self, node: yaml.ScalarNode) -> Any:
        """Report an impossible date (``2026-13-45``) at its line instead of a bare ValueError."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            self.refuse(f"'{node.value}' is not a valid date ({exc})", node)
            return None


Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_decimal_int)
Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_finite_float)
Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_mapping)
Loader.add_constructor("tag:yaml.org,2002:seq", Loader.construct_sequence)
Loader.add_constructor("tag:yaml.org,2002:str", Loader.construct_yaml_str)
Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_checked_timestamp)
# Only the plain tags: !!binary would print as b'...', !!omap as a Python repr, !!set in an
# order that changes with PYTHONHASHSEED. An unknown tag is refused at its line.
PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                       ("null", "bool", "int", "float", "str", "timestamp", "map", "seq"))
Loader.yaml_constructors = {tag: constructor for tag, constructor in
                            Loader.yaml_constructors.items()
                            if tag in PLAIN_TAGS or tag is None}  # None: refuse the rest
Loader.yaml_multi_constructors = {}
# JSON writes 1e5 and 1E-3, which YAML 1.1 reads as text: read them as numbers, as JSON does.
Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                             re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?[eE][-+]?[0-9]+$"),
                             list("-+0123456789"))


def expect(node: yaml.Node, kind: type[yaml.Node]) -> None:
    """Refuse a node tagged as a kind it is not, in the words PyYAML uses for text.

    Raises:
        yaml.constructor.ConstructorError: ``node`` is not a ``kind``.
    """
    if not isinstance(node, kind):
        raise yaml.constructor.ConstructorError(
            None, None, f"expected a {KINDS[kind]} node, but found {KINDS[type(node)]}",
            node.start_mark)


KINDS: dict[type[yaml.Node], str] = {ScalarNode: "scalar", SequenceNode: "sequence",
                                     MappingNode: "mapping"}


def typed_text(node: yaml.Node) -> str | None:
    """Return a plain scalar's text when YAML reads it as something else than text."""
    if (isinstance(node, yaml.ScalarNode) and not node.style  # plain: '' from libyaml
            and node.tag != "tag:yaml.org,2002:str" and node.value not in ("", "~", "null")):
        return str(node.value)
    return None


# A JSON writer (Python's json.dump among them) stores a character beyond U+FFFF as two \u
# escapes, a surrogate pair; YAML wants one \U escape. Joined on its line, so lines stay.
SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})"
                            r"\\u([dD][c-fC-F][0-9a-fA-F]{2})")


# Characters JSON allows raw inside a string but a YAML reader refuses in any file (DEL, C1
# controls, U+FFFE, U+FFFF): written as the \u escapes they are equal to, on their line.
# A YAML reader also takes NEL, U+2028 and U+2029 as line breaks and folds them to spaces.
RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def prepared(text: str, shown: str) -> str:
    r"""Return ``text`` ready for the YAML reader.

    Surrogate pairs are joined; in a JSON file, the characters YAML refuses or folds are
    written as the ``\u`` escapes they equal.
    """
    text = join_pairs(text)
    if shown.lower().endswith(".json"):
        text = RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def join_pairs(text: str) -> str:
    r"""Return ``text`` with every escaped surrogate pair written as one ``\U`` escape."""
    def joined(match: re.Match[str]) -> str:
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        return f"{match.group(1)}\\U{code:08X}"

    return SURROGATE_PAIR.sub(joined, text) if "\\u" in text else text


def check_tree(node: yaml.Node, *, every_node: bool = False) -> None:
    """Walk a composed node tree (iteratively, never recursing) within the limits.

    A list or mapping reached twice is refused; with ``every_node``, a text reached twice
    too (the screen refuses such aliases in any text that may hold one).

    Raises:
        FileProblem: nesting deeper than :data:`MAX_DEPTH`, more than :data:`MAX_VALUES`
            values (building each costs Python time), or a node reached twice, which only an
            alias can do.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(node, 1)]
    count = 0
    while stack:
        current, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise FileProblem(f"more than {MAX_VALUES:,} values in one file",
                              current.start_mark.line + 1)
        if depth > MAX_DEPTH:
            raise FileProblem(f"nesting deeper than {MAX_DEPTH} levels",
                              current.start_mark.line + 1)
        collection = isinstance(current, yaml.CollectionNode)
        if collection or every_node:
            if id(current) in seen:
                raise FileProblem(ALIASES, current.start_mark.line + 1)
            seen.add(id(current))
        if not collection:
            continue
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        else:
            stack.extend((child, depth + 1) for child in current.value)


# What PyYAML 6.0.4's libyaml says when it stops at its own depth (see :func:`screening.screen`).
LIBYAML_DEPTH = "exceeded maximum nesting depth"
