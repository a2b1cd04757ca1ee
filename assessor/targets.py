"""Writing files: atomic writes, and the refusals to replace what must not be replaced.

Every file the tool writes goes through here (a test holds it to that): written whole or not
at all, never over a device, an answers file or a file of another kind without ``--force``.
A file's kind is told by its first bytes (:func:`file_kind`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from assessor.errors import AssessorError, display_path
from assessor.files import MAX_FILE_BYTES, PATH_ERRORS, special_kind
from assessor.kinds import KIND_NAMES, Kind

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


def refuse_existing(path: Path, *, force: bool, hint: str = "") -> None:
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


def check_target(path: Path, kind: Kind, *, force: bool = False) -> None:
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
