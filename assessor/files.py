"""Reading files: within a size limit, as UTF-8, parsed as YAML or JSON with each key's line.

Every file the tool reads comes through here and every refusal names the file (and the line
where one is known). The YAML loader itself is :mod:`assessor.loader`; writing is in
:mod:`assessor.targets`.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from assessor.errors import InvalidFile, Problem, display_path
from assessor.loader import FileProblem, Loader, check_tree, prepared
from assessor.screening import must_screen, screen, screened_in_order
from assessor.syntax import explain

MAX_FILE_BYTES = 5 * 1024 * 1024


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
        screened = must_screen(text)
        if screened:
            screen(text)
        try:
            return read_mapping(loader, shown, locate, every_node="*" in text and not screened)
        except Exception:
            if not screened and screened_in_order(text):
                screen(text)  # raises what a screen before composing would have met first
            raise
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


def read_mapping(loader: Loader, shown: str, locate: Callable[[Any, int], str | None] | None,
                 *, every_node: bool) -> Any:
    """Compose, check and build the one mapping a file holds (see :func:`parse_yaml`)."""
    node = loader.get_single_node()
    if node is None or (node.tag == "tag:yaml.org,2002:null" and not node.value):
        raise InvalidFile([Problem(shown, "file holds no data (only comments or '---')", 1)])
    check_tree(node, every_node=every_node)
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


# What no XML file may hold (C0 controls but tab and newlines, lone surrogates, U+FFFE, U+FFFF),
# and what HTML calls a parse error (DEL, C1 controls, the other noncharacters).
NOT_IN_DOCUMENTS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
                              "\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0002fffe"
                              "\U0002ffff\U0003fffe\U0003ffff\U000efffe\U000effff"
                              "\U000ffffe\U000fffff\U0010fffe\U0010ffff]")
REPLACEMENT = "\ufffd"
# The same characters in two patterns that run fast: a class listing single characters beyond
# the Basic Multilingual Plane makes the regex engine test every character slowly (16 ms for a
# 340 KB report, against 2 ms for these two).
IN_THE_BMP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                        "\ufffe\uffff]")
BEYOND_THE_BMP = re.compile("[\U00010000-\U0010ffff]")


def printable(text: str) -> str:
    """Return ``text`` fit for a report or workbook, each character none may hold as U+FFFD.

    The file stays well-formed, and the reader sees that something was there.
    """
    if text.isprintable():  # printable characters are none of them (checked in C)
        return text
    text = IN_THE_BMP.sub(REPLACEMENT, text)
    if BEYOND_THE_BMP.search(text) is None:
        return text
    return NOT_IN_DOCUMENTS.sub(REPLACEMENT, text)  # the noncharacters of planes 1-3 and 14-16


def plain(value: Any) -> Any:
    """Return parsed data as plain dicts, lists and text (dates as ISO), ready to dump or check."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
