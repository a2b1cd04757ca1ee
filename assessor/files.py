"""Files: the one place that reads YAML/JSON (safely, with line numbers) and writes atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from assessor.errors import AssessorError, InvalidFile, Problem, display_path
from assessor.kinds import KIND_NAMES, Kind
from assessor.syntax import explain

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_STRING = 100_000
MAX_VALUES = 100_000  # the largest bank holds under 5,000
SCREEN_CHARS = 256 * 1024  # larger texts are screened before composing (about 10 us a value)
SAFE_NESTING = 1_000  # below this bound libyaml's recursive composer is safe on any stack
ALIASES = "anchors and aliases (&name, *name) are not allowed"

try:  # the C parser is about 5x faster; fall back where the wheel lacks it
    from yaml import CSafeLoader as BaseLoader
except ImportError:  # pragma: no cover - libyaml is in the PyPI wheels
    from yaml import SafeLoader as BaseLoader  # type: ignore[assignment]


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of itself and of each of its keys."""

    line: int | None = None
    key_lines: dict[str, int]
    spelled: dict[str, str] = {}  # replaced, never changed: key as read -> as typed ('on')
    sources: dict[str, str] = {}  # replaced, never changed: a plain value read as a number,
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


class Loader(BaseLoader):
    """Safe loader that records lines, refuses aliases and reports duplicate keys."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Refuse a node seen before: that is an alias, the door to "billion laughs" files."""
        if node in self.constructed_objects:
            raise FileProblem(ALIASES, node.start_mark.line + 1)
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
            if isinstance(key, bool):  # YAML 1.1: an unquoted on/yes/no key reads as true/false
                result.spelled = {**result.spelled, str(key).lower(): str(key_node.value)}
            key = str(key).lower() if isinstance(key, bool) else typed_text(key_node) or str(key)
            if key in result:
                raise FileProblem(f"duplicate key '{key}' (first on line {result.key_lines[key]})",
                                  line)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
            if (typed := typed_text(value_node)) is not None:
                result.sources = {**result.sources, key: typed}
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:  # noqa: ARG002
        """Build a :class:`LineList` with the line of each item."""
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        result.item_sources = [typed_text(child) for child in node.value]
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


def check_tree(node: yaml.Node) -> None:
    """Walk a composed node tree (iteratively, never recursing) within the limits.

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
        if not isinstance(current, yaml.CollectionNode):
            continue
        if id(current) in seen:
            raise FileProblem(ALIASES, current.start_mark.line + 1)
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        else:
            stack.extend((child, depth + 1) for child in current.value)


def nesting_bound(text: str) -> int:
    """Return a cheap upper bound of how deeply ``text`` can nest.

    A flow collection opens with ``[`` or ``{``; a block collection one level deeper starts at
    least one column further right (a sequence under a key may share its column), so block nesting
    is at most twice the longest line.
    """
    longest = max(map(len, text.split("\n")))
    return text.count("[") + text.count("{") + 2 * longest + 2


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


LIBYAML_DEPTH = "exceeded maximum nesting depth"


def walk_events(text: str) -> None:
    """Walk the parser's events of ``text``, refusing aliases, deep nesting and value floods.

    Raises:
        FileProblem: an alias, nesting deeper than :data:`MAX_DEPTH`, or more than
            :data:`MAX_VALUES` values.
        yaml.YAMLError: the text is not well-formed.
    """
    parser = BaseLoader(text)
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


def read_bytes(path: Path) -> bytes:
    """Read a file within the size limit.

    Raises:
        InvalidFile: the file is missing, unreadable or too large.
    """
    shown = display_path(path)
    try:
        # Open without blocking and look before reading: a FIFO would wait for a writer
        # forever, and a device may never end.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:  # noqa: PTH123 - a descriptor, which Path cannot open
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise InvalidFile([Problem(shown, f"is {special_kind(info.st_mode)}, not a "
                                                  "regular file")])
            if info.st_size > MAX_FILE_BYTES:
                raise InvalidFile([Problem(shown, f"file is {info.st_size:,} bytes; the limit "
                                                  f"is {MAX_FILE_BYTES:,}")])
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise InvalidFile([Problem(shown, f"more than {MAX_FILE_BYTES:,} bytes; that is "
                                              "the limit")])
        return data
    except FileNotFoundError:
        raise InvalidFile([Problem(shown, "no such file")]) from None
    except IsADirectoryError:
        raise InvalidFile([Problem(shown, "is a folder, not a file")]) from None
    except PermissionError:
        raise InvalidFile([Problem(shown, "permission denied")]) from None
    except OSError as exc:
        reason = PATH_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
        raise InvalidFile([Problem(shown, f"cannot read: {reason}")]) from None


def special_kind(mode: int) -> str:
    """Name what a path that is not a regular file is, for a message."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def decode(data: bytes, shown: str) -> str:
    """Decode UTF-8 (a byte-order mark, as Windows editors write, is accepted).

    Raises:
        InvalidFile: the bytes are not UTF-8.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidFile([Problem(shown, "file is UTF-16 text; save it as UTF-8", 1)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidFile([Problem(shown, "not valid UTF-8 text (save the file as UTF-8)",
                                   line)]) from None


def parse_yaml(text: str, shown: str,
               locate: Callable[[Any, int], str | None] | None = None) -> Any:
    """Parse YAML (or JSON) text into a mapping carrying line numbers.

    Every file the tool reads (answers, questionnaires, branding, report strings) is a mapping,
    so anything else at the top is refused here, where its line is known.

    Raises:
        InvalidFile: the text is not well-formed, is not a mapping, or breaks a limit.
    """
    if not text.strip():
        raise InvalidFile([Problem(shown, "file is empty", 1)])
    text = prepared(text, shown)
    loader = Loader(text)
    try:
        if "*" in text or len(text) > SCREEN_CHARS or nesting_bound(text) > SAFE_NESTING:
            screen(text)
        node = loader.get_single_node()
        if node is None or (node.tag == "tag:yaml.org,2002:null" and not node.value):
            raise InvalidFile([Problem(shown, "file holds no data (only comments or '---')",
                                       1)])
        check_tree(node)
        if not isinstance(node, yaml.MappingNode):
            raise FileProblem(f"the file must be a mapping of 'key: value' lines, not "
                              f"{node_kind(node)}", node.start_mark.line + 1)
        data = loader.construct_document(node)
        soft = getattr(loader, "soft", [])
        if soft:
            raise InvalidFile([Problem(shown, p.message, p.line,
                                       locate(data, p.line) if locate and p.line else None)
                               for p in soft])
        return data
    except FileProblem as exc:
        raise InvalidFile([Problem(shown, exc.message, exc.line)]) from None
    except yaml.MarkedYAMLError as exc:
        raise InvalidFile([yaml_problem(exc, text, shown)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.encode("utf-8")[: exc.position].count(b"\n") + 1
        raise InvalidFile([Problem(shown, f"control character U+{exc.character:04X} is not "
                                          "allowed in a text file (is this a binary file?)",
                                   line)]) from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise InvalidFile([Problem(shown, f"malformed YAML: {exc}")]) from None
    finally:
        loader.dispose()


def node_kind(node: yaml.Node) -> str:
    """Name what a top-level node holds, for a message."""
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == "tag:yaml.org,2002:null":
        return "nothing"
    return "a single value"


def yaml_problem(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    """Turn PyYAML's error into one located line a person can act on (see :mod:`syntax`)."""
    message, line = explain(exc, text)
    return Problem(shown, f"malformed YAML: {message}", line)


def load_data(path: Path) -> Any:
    """Read and parse a YAML or JSON file (JSON is read as YAML, which keeps line numbers)."""
    shown = display_path(path)
    return parse_yaml(decode(read_bytes(path), shown), shown)


PATH_ERRORS = {
    errno.ELOOP: "a loop of symbolic links",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOTDIR: "part of its folder path is a file, not a folder",
}
WRITE_ERRORS = {
    errno.ELOOP: "a loop of symbolic links",
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EFBIG: "file too large for this file system",
    errno.ENOTDIR: "part of its folder path is a file, not a folder",
    errno.ENAMETOOLONG: "the name is too long",
}


def current_umask() -> int:
    """Return the process's umask (read from /proc where it can be, without changing it)."""
    with contextlib.suppress(OSError, ValueError), \
            Path("/proc/self/status").open(encoding="ascii", errors="replace") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: set and restore at once
    os.umask(mask)
    return mask


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
        check_regular(path)
        if path.is_file() and not os.access(path, os.W_OK):
            raise AssessorError(f"cannot write {shown}: the file is read-only")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # a new file gets what open() would give it
            Path(tmp).chmod(path.stat().st_mode & 0o777 if path.exists()
                            else 0o666 & ~current_umask())
        Path(tmp).replace(path)
        tmp = None
        sync_folder(folder)
    except FileNotFoundError:
        raise AssessorError(f"cannot write {shown}: folder {display_path(folder)} does not "
                            "exist") from None
    except PermissionError:
        raise AssessorError(f"cannot write {shown}: permission denied (is the folder "
                            "read-only?)") from None
    except IsADirectoryError:
        raise AssessorError(f"cannot write {shown}: it is a folder") from None
    except OSError as exc:
        reason = WRITE_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
        raise AssessorError(f"cannot write {shown}: {reason}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()


# What no XML file may hold (C0 controls but tab and newlines, lone surrogates, U+FFFE, U+FFFF),
# and what HTML calls a parse error (DEL, C1 controls, the other noncharacters).
NOT_IN_DOCUMENTS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
                              "\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0002fffe"
                              "\U0002ffff\U0003fffe\U0003ffff\U000efffe\U000effff"
                              "\U000ffffe\U000fffff\U0010fffe\U0010ffff]")
REPLACEMENT = "\ufffd"


def printable(text: str) -> str:
    """Return ``text`` fit for a report or workbook, each character none may hold as U+FFFD.

    The file stays well-formed, and the reader sees that something was there.
    """
    return NOT_IN_DOCUMENTS.sub(REPLACEMENT, text)


@contextlib.contextmanager
def scratch_file(text: str) -> Iterator[Path]:
    """Yield a private temporary file holding ``text`` (for a tool that reads only files).

    Not user data: it lives in a fresh folder only this user can read, removed on exit.
    """
    with tempfile.TemporaryDirectory(prefix="assessor-") as folder:
        path = Path(folder) / "scratch"
        with path.open("w", encoding="utf-8") as handle:
            handle.write(text)
        yield path


def write_note(path: Path, text: str) -> None:
    """Write a small file in place, best effort: a lock's note of its holder, not user data."""
    with contextlib.suppress(OSError):
        path.write_text(text, encoding="utf-8")


def remove_note(path: Path) -> None:
    """Remove a file written by :func:`write_note`, if it is there."""
    with contextlib.suppress(OSError):
        path.unlink()


def refuse_existing(path: Path, force: bool, hint: str = "") -> None:
    """Refuse to replace a file that is there unless ``force``; never a device, even forced.

    The one wording of "exists; use --force" (``hint`` adds another way out).

    Raises:
        AssessorError: ``path`` is not a regular file, or exists and ``force`` is not set.
    """
    check_regular(path)
    if not force and path.exists():
        raise AssessorError(f"{display_path(path)} exists; use --force to replace it{hint}")


def check_regular(path: Path) -> None:
    """Refuse to replace what is not a regular file: renaming over a device or a pipe replaces it.

    Raises:
        AssessorError: ``path`` is a device, a FIFO or a socket.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise AssessorError(f"cannot write {display_path(path)}: it is "
                            f"{special_kind(info.st_mode)}, not a regular file")


# What a file holds, told by its first bytes: enough to refuse replacing one kind with another.
ANSWERS_KEY = re.compile(r'^(?:answers|\s*"answers")\s*:', re.MULTILINE)
# JSON may hold the whole file on one line: its keys are found anywhere.
JSON_ANSWERS = re.compile(r'"(?:answers|format)"\s*:\s*(?:\{|"assessor-answers/)')


def file_kind(path: Path) -> Kind:
    """Return what ``path`` holds: pdf, html, json, xlsx, docx, answers, yaml, text or other."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
            if not head.startswith((b"%PDF-", b"PK\x03\x04")) and b"\0" not in head and \
                    ANSWERS_KEY.search(head.decode("utf-8", "replace")) is None:
                head += handle.read(MAX_FILE_BYTES)  # the answers may come after a long start
    except OSError:
        return "other"
    if not head.strip():
        return "empty"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx" if b"xl/" in head else "docx" if b"word/" in head else "zip"
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "other"
    start = text.lstrip()[:200].lower()
    if start.startswith(("<!doctype html", "<html")):
        return "html"
    if (ANSWERS_KEY.search(text) or JSON_ANSWERS.search(text)) and (
            "assessor-answers" in text or "organisation" in text):
        return "answers"
    if start.startswith(("{", "[")):
        return "json"
    return "yaml" if path.suffix.lower() in (".yaml", ".yml") else "text"


def check_target(path: Path, kind: Kind, force: bool = False) -> None:
    """Refuse to replace an answers file, or a file of another kind than ``kind``, unless forced.

    Re-rendering a report over the last one is ordinary; replacing a completed answers file
    with a blank template, or a client's file with PDF bytes, is the mistake this stops.

    Raises:
        AssessorError: ``path`` is not a regular file (never replaced, even when forced), or
            holds an answers file or another kind of file and ``force`` is not set.
    """
    try:
        if not path.exists() or path.is_dir():
            return
    except OSError as exc:
        reason = PATH_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
        raise AssessorError(f"cannot write {display_path(path)}: {reason}") from None
    check_regular(path)
    if force:
        return
    found = file_kind(path)
    if found == "empty" or (found == kind and kind != "answers"):
        return
    what = "is an answers file" if found == "answers" else f"holds {KIND_NAMES[found]}"
    raise AssessorError(f"{display_path(path)} exists and {what}: refusing to replace it with "
                        f"{KIND_NAMES[kind]} (use --force to replace it)")


def sync_folder(folder: Path) -> None:
    """Flush the folder entry of a renamed file, so the rename itself survives a power cut."""
    with contextlib.suppress(OSError, AttributeError):  # Windows cannot open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def plain(value: Any) -> Any:
    """Return parsed data as plain dicts, lists and text (dates as ISO), ready to dump or check."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
