"""Lock: one writer at a time for an answers file, and no answer lost to a writer that took none.

Every read-modify-write of an answers file (an interview's saves, import, merge, sign-off,
migrate in place) runs inside :func:`locked`, so two processes cannot both read the old file and
each write back only their own change. A process that finds the file locked waits a moment, then
stops with a message naming the holder: who, which command, since when. The holder's details
sit in the lock file (``.NAME.lock`` beside the answers file), written once the lock is held
and removed with it.

A long-lived writer (the interview) also remembers what it last read or wrote and calls
:func:`reconcile` before each save: when someone changed the file without the lock (an editor,
a sync client), their new answers are merged in, or, when both sides changed the same answer,
the session's answers go to a side file and the save stops with a message. Use::

    with locked(path, "assessor import"):
        ...read, change, atomic_write...

    update(path, catalog, lambda answers: replace(answers, ...), "assessor sign-off")
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import socket
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout

from assessor import clock
from assessor.banks.scope import applicability
from assessor.errors import AssessorError, display_path
from assessor.model.catalog import Catalog
from assessor.model.record import Answer, Answers, Assessment
from assessor.record import answers as answers_file
from assessor.targets import WRITE_ERRORS, atomic_write, remove_note, write_note

WAIT = 5.0  # seconds: a save under the lock takes milliseconds; an interview holds it for long
T = TypeVar("T")


def lock_path(path: Path) -> Path:
    """Return the lock file of ``path``: hidden, beside it, so it shares its file system."""
    return path.with_name(f".{path.name}.lock")


def command_line() -> str:
    """Return the running command as a person would recognise it (``assessor interview``)."""
    words = [Path(sys.argv[0]).name if sys.argv else "python", *sys.argv[1:2]]
    if words[0] in ("__main__.py", "-m", "-c", ""):
        words[0] = "assessor"
    return " ".join(w for w in words if w and not w.startswith("-")) or "assessor"


def holder_text(command: str) -> str:
    """Return what the lock file says about its holder: pid, host, command and time."""
    now = clock.now().strftime("%Y-%m-%d %H:%M")
    return f"pid: {os.getpid()}\nhost: {socket.gethostname()}\ncommand: {command}\nsince: {now}\n"


def describe_holder(lock: Path) -> str:
    """Return ``PID 123 (assessor interview) since 10:02`` from a lock file, as far as known."""
    fields: dict[str, str] = {}
    with contextlib.suppress(OSError, UnicodeDecodeError):
        for line in lock.read_text(encoding="utf-8").splitlines()[:8]:
            key, _, value = line.partition(": ")
            fields[key] = value.strip()[:80]
    if "pid" not in fields:
        return "another program"
    host = fields.get("host", "")
    where = f" on {host}" if host and host != socket.gethostname() else ""
    since = fields.get("since", "")
    day, _, hour = since.partition(" ")
    when = hour if day == clock.today().isoformat() else since
    return (f"PID {fields['pid']}{where} ({fields.get('command', 'assessor')})"
            + (f" since {when}" if when else ""))


@contextlib.contextmanager
def locked(path: Path, command: str | None = None, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of answers file ``path`` for the body of a ``with`` statement.

    Raises:
        AssessorError: another process held the lock for ``wait`` seconds (``WAIT``, read at
            the call, when not given; the message names it), or the lock file cannot be
            created (a missing or read-only folder).
    """
    lock_file = lock_path(path)
    lock = FileLock(lock_file, timeout=WAIT if wait is None else wait)
    shown = display_path(path)
    if not lock_file.parent.is_dir():  # filelock would create it
        raise AssessorError(f"cannot lock {shown} for writing: folder "
                            f"{display_path(lock_file.parent)} does not exist")
    if lock_file.is_symlink():  # never one of ours: opening it fails as "a loop of links"
        raise AssessorError(f"cannot lock {shown} for writing: its lock file "
                            f"{Path(shown).with_name(lock_file.name)} is a symbolic link, which "
                            f"assessor never makes; if no one is changing {shown}, remove the "
                            "link and try again (its target is left untouched)")
    try:
        lock.acquire()
    except Timeout:
        raise AssessorError(f"{shown} is being changed by {describe_holder(lock_file)}; "
                            "try again when it finishes") from None
    except OSError as exc:
        reason = WRITE_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
        raise AssessorError(f"cannot lock {shown} for writing: {reason}") from None
    try:
        write_note(lock_file, holder_text(command or command_line()))
        yield
    finally:
        # Unlink while still holding: a waiter that opened this file then sees it gone and
        # retries on a fresh one, so two holders can never exist.
        remove_note(lock_file)
        lock.release()


def out_of_scope(catalog: Catalog, answers: Mapping[str, Answer]) -> list[str]:
    """Return the answered questions that do not apply (kept, marked so in the file)."""
    applies = applicability(catalog, answers)
    return [qid for qid in answers if not applies.get(qid, True)]


def update(path: Path, catalog: Catalog, change: Callable[[Answers], Answers],
           command: str | None = None) -> Answers:
    """Read answers file ``path``, apply ``change`` and write the result, all under the lock.

    The file is read whole again inside the lock, so a change made by another process a moment
    earlier is the one ``change`` sees, and is kept.

    Returns:
        The answers as written.

    Raises:
        AssessorError: the file is locked, has mistakes, or cannot be written.
    """
    with locked(path, command):
        current = answers_file.load(path, catalog, allow_incomplete=True)
        changed = change(current)
        answers_file.save(path, changed, catalog, out_of_scope(catalog, changed.answers))
        return changed


def fingerprint(path: Path) -> str | None:
    """Return the sha256 of the file at ``path``, or None when there is none."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AssessorError(f"cannot read {display_path(path)}: {exc.strerror or exc}") from None


def same(a: object, b: object) -> bool:
    """Compare two record entries ignoring the line they were read from."""
    if isinstance(a, Answer) and isinstance(b, Answer):
        return dataclasses.replace(a, line=None) == dataclasses.replace(b, line=None)
    if isinstance(a, Assessment) and isinstance(b, Assessment):  # where each session stopped
        return dataclasses.replace(a, position=None) == dataclasses.replace(b, position=None)
    return a == b


def merge_three(base: Mapping[str, T], ours: Mapping[str, T], theirs: Mapping[str, T],
                conflicts: list[str]) -> dict[str, T]:
    """Merge two changed copies of one mapping; keys both changed differently go to ``conflicts``.

    An entry only ``theirs`` changed (added, changed or removed) is taken from them; one only we
    changed stays ours.
    """
    result = dict(ours)
    for key in dict.fromkeys([*base, *ours, *theirs]):
        mine, other, was = ours.get(key), theirs.get(key), base.get(key)
        if same(other, was) or same(mine, other):
            continue
        if same(mine, was):
            if other is None:
                result.pop(key, None)
            else:
                result[key] = other
        else:
            conflicts.append(key)
    return result


def merged(base: Answers, ours: Answers, theirs: Answers) -> tuple[Answers, list[str]]:
    """Merge ``theirs`` (the file as changed by someone else) into ``ours`` since ``base``.

    Returns:
        The merged answers and the keys both sides changed differently (empty when none).
    """
    conflicts: list[str] = []
    parts: dict[str, Any] = {}
    for name in ("answers", "evidence", "actions"):
        parts[name] = merge_three(getattr(base, name), getattr(ours, name),
                                  getattr(theirs, name), conflicts)
    for name in ("organisation", "assessment"):
        mine, other, was = getattr(ours, name), getattr(theirs, name), getattr(base, name)
        parts[name] = mine
        if not same(other, was) and not same(mine, other):
            if same(mine, was):
                parts[name] = other if name == "organisation" else dataclasses.replace(
                    other, position=mine.position)
            else:
                conflicts.append(name)
    return dataclasses.replace(ours, **parts), conflicts


def side_file(path: Path) -> Path:
    """Return a new file name beside ``path`` for answers that could not be merged."""
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.mine-{stamp}{path.suffix}")
    count = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.mine-{stamp}-{count}{path.suffix}")
        count += 1
    return candidate


def reconcile(path: Path, catalog: Catalog, base: Answers, ours: Answers,
              seen: str | None) -> Answers:
    """Return what to save to ``path``: ``ours``, with changes made since ``seen`` merged in.

    Call it under :func:`locked`, just before saving. ``base`` is the file's content when it
    was last read or written, ``seen`` its sha256 then.

    Raises:
        AssessorError: the file was changed meanwhile and cannot be merged (both sides changed
            one answer, or it no longer reads); our answers are then written to a side file,
            which the message names, so nothing is lost.
    """
    if fingerprint(path) == seen:
        return ours
    shown = display_path(path)
    problem = ""
    try:
        theirs = answers_file.load(path, catalog, allow_incomplete=True)
    except AssessorError:
        problem = "it no longer reads as an answers file"
    else:
        result, conflicts = merged(base, ours, theirs)
        if not conflicts:
            return result
        problem = f"both changed {', '.join(conflicts[:5])}" + (
            f" and {len(conflicts) - 5} more" if len(conflicts) > 5 else "")
    aside = side_file(path)
    atomic_write(aside, answers_file.checked_text(aside, ours, catalog,
                                                  out_of_scope(catalog, ours.answers)))
    raise AssessorError(f"{shown} was changed by another program during this session and "
                        f"{problem}: your answers are saved in {display_path(aside)}; compare "
                        f"the two (assessor diff) and keep the right one")


__all__ = ["fingerprint", "locked", "merged", "reconcile", "update"]
