"""What several commands share: the catalog options, -q checks, warnings and safe file names.

Only the command layer (this package and :mod:`assessor.cli`) writes to the terminal; the
features below it return values and raise :class:`~assessor.errors.AssessorError`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assessor.errors import AssessorError, display_path
from assessor.terminal import inert

if TYPE_CHECKING:
    from assessor.errors import Problem
    from assessor.model.catalog import Catalog
    from assessor.model.record import Answers

LANGS = ("en", "zh")
WARNINGS_SHOWN = 3  # of one kind in one file; the rest are counted on one line


def shown(path: Path) -> str:
    """Return a path as typed, safe to print (a file name can hold control characters)."""
    return inert(display_path(path))


def common_options() -> argparse.ArgumentParser:
    """Return the options every command takes: extra banks, no shipped banks, --debug."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--questionnaires", metavar="DIR", action="append", type=Path,
                        default=[], help="also load questionnaires from DIR (same id replaces)")
    common.add_argument("--no-builtin", action="store_true",
                        help="load only the --questionnaires folders, not the shipped banks")
    common.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    return common


@dataclass(frozen=True, slots=True)
class Banks:
    """Which question banks a command loads: extra folders, and whether the shipped ones too."""

    folders: tuple[Path, ...] = ()
    builtin: bool = True

    @classmethod
    def of(cls, args: argparse.Namespace) -> Banks:
        """Return the banks the common options name."""
        return cls(tuple(args.questionnaires), not args.no_builtin)


def catalog_for(args: argparse.Namespace) -> Catalog:
    """Load the catalog with any extra questionnaire folders."""
    return load_banks(Banks.of(args))


def load_banks(banks: Banks) -> Catalog:
    """Load the catalog ``banks`` names.

    Raises:
        AssessorError: a folder is not one, or no bank would be loaded at all.
    """
    from assessor.banks.catalog import load_catalog

    for folder in banks.folders:
        if not folder.is_dir():
            raise AssessorError(f"--questionnaires {display_path(folder)}: not a folder")
    if not banks.builtin and not banks.folders:
        raise AssessorError("--no-builtin needs at least one --questionnaires DIR")
    return load_catalog(list(banks.folders), builtin=banks.builtin)


def selected(catalog: Catalog, ids: Sequence[str]) -> list[str]:
    """Check questionnaire ids given with -q."""
    known = [q.id for q in catalog.questionnaires]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise AssessorError(f"unknown questionnaire {', '.join(unknown)} (known: "
                            f"{', '.join(known)})")
    return list(ids)


def load_answers(args: argparse.Namespace, path: Path, catalog: Catalog) -> Answers:
    """Load one answers file as the command's options say."""
    from assessor.record.answers import load

    return load(path, catalog, allow_incomplete=getattr(args, "allow_incomplete", False),
                scope=getattr(args, "scope", None))


def print_warnings(warnings: Sequence[Problem], *, every: bool = True) -> None:
    """Print the quality checks' warnings after any errors.

    With ``every`` false, the first few of each kind in a file are printed and the rest counted
    on one line, so one kind common in a draft (met, no evidence yet) does not bury the others.
    """
    groups: dict[tuple[str, str], list[Problem]] = {}
    for warning in warnings:
        groups.setdefault((warning.path, warning.message.split(":", 1)[0]), []).append(warning)
    for (path, kind), group in groups.items():
        shown_now = group if every else group[:WARNINGS_SHOWN]
        for warning in shown_now:
            print(f"assessor: warning: {inert(str(warning))}", file=sys.stderr)
        if len(group) > len(shown_now):
            print(f"assessor: warning: {inert(path)}: {len(group) - len(shown_now)} more: "
                  f"{inert(kind)} (check --warnings lists every one)", file=sys.stderr)


def wrote(path: Path) -> None:
    """Say on standard error which file was written."""
    print(f"wrote {shown(path)}", file=sys.stderr)
