"""Remember built catalogs by the contents of their files, so one process parses a bank once.

Parsing and cross-checking the shipped banks costs most of a second; a batch, a long interview
and the test suite ask for the same catalog again and again. The key is every file's name as
messages show it (relative to the working folder) and its SHA-256, so an edited, added or
removed file, or a change of working folder that would change the messages, builds afresh.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar, cast

from assessor.errors import display_path

T = TypeVar("T")
Key = tuple[tuple[str, str], ...]
KEPT = 8  # catalogs of other folders remembered (a firm's folder, a few test folders)
SHIPPED_KEPT = 4  # the shipped banks, as named from a few working folders
REMEMBERED: OrderedDict[Key, object] = OrderedDict()
SHIPPED: OrderedDict[Key, object] = OrderedDict()


def fingerprint(dirs: Sequence[Path], files: Iterable[Path] = ()) -> Key | None:
    """Return the key of the files ``build`` would read, or None when one is not a plain file.

    Only regular files are read: a named pipe among the banks would block here, and ``build``
    is the one to refuse it (or a folder named ``*.yaml``) with its message.
    """
    paths: list[tuple[str, Path | None]] = []
    for folder in dirs:
        paths.append(("dir " + display_path(folder), None))
        paths += [(display_path(path), path) for path in sorted(folder.glob("*.yaml"))]
    paths += [(display_path(path), path) for path in files]
    try:
        return tuple((shown, digest(path) if path else "") for shown, path in paths)
    except OSError:
        return None


def digest(path: Path) -> str:
    """Return the SHA-256 of a regular file's bytes.

    Raises:
        OSError: ``path`` is not a regular file, or cannot be read.
    """
    if not path.is_file():
        raise OSError(f"{path}: not a regular file")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def remembered(key: Key | None, make: Callable[[], T], *, shipped: bool = False) -> T:
    """Return what ``make`` built for ``key`` before, else build, remember and return it.

    The ``shipped`` banks are remembered apart: nearly every command reads them, so a run of
    other folders (a firm trying its banks, a test suite's temporary ones) must not push them
    out and make the next command parse their megabyte of YAML again.
    """
    if key is None:
        return make()
    kept, limit = (SHIPPED, SHIPPED_KEPT) if shipped else (REMEMBERED, KEPT)
    if key in kept:
        kept.move_to_end(key)
        return cast(T, kept[key])
    value = make()
    kept[key] = value
    if len(kept) > limit:
        kept.popitem(last=False)
    return value
