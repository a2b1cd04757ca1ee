"""``assessor merge``: several respondents' answers files of one organisation made one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assessor.commands.common import catalog_for
from assessor.errors import AssessorError, display_path
from assessor.terminal import inert

if TYPE_CHECKING:
    from assessor.model.catalog import Catalog
    from assessor.record.merge import Prefer

HELP = "several respondents' answers files of one organisation made one"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``merge``."""
    parser.add_argument("answers", nargs="+", type=Path, metavar="ANSWERS",
                        help="the respondents' answers files (the first one's details lead)")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                        help="the merged answers file (--force replaces one)")
    parser.add_argument("--prefer", metavar="newest|FILE|QID=FILE", action="append", default=[],
                        help="settle differing answers: the newest (by: at, else the file's "
                             "date), this file's, or at one question this file's (repeat; a "
                             "question's choice comes before the rule for all)")
    parser.add_argument("--leave-open", action="store_true",
                        help="write the file although answers differ: the first file's answer "
                             "stands, flagged, the others kept as open conflicts that check "
                             "lists")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def merge_preference(given: Sequence[str], files: Sequence[Path], catalog: Catalog) -> Prefer:
    """Return what ``--prefer`` (repeated) and ``--leave-open`` ask of a merge.

    Raises:
        AssessorError: a file that is not merged, an unknown question, or two rules for all.
    """
    from assessor.record.merge import NEWEST, Prefer, same_file

    def known(name: str, what: str) -> str:
        if name != NEWEST and not any(same_file(str(p), name) for p in files):
            raise AssessorError(f"--prefer {what}: {name} is not one of the files merged "
                                "(or 'newest')")
        return name

    rules: list[str] = []
    questions: dict[str, str] = {}
    for item in given:
        qid, sep, name = item.partition("=")
        if sep and catalog.question(qid.strip()) is None and not Path(item).exists():
            raise AssessorError(f"--prefer {item}: {qid.strip()!r} is not a question id")
        if sep and catalog.question(qid.strip()) is not None:
            questions[qid.strip()] = known(name.strip(), item)
        else:
            rules.append(known(item, item))
    if len(set(rules)) > 1:
        raise AssessorError(f"--prefer: one rule for all answers, not {len(set(rules))} "
                            f"({', '.join(dict.fromkeys(rules))}); choose per question with "
                            "--prefer QID=FILE")
    return Prefer(rules[0] if rules else None, questions)


def run(args: argparse.Namespace) -> int:
    """Merge several answers files of one organisation into one."""
    from dataclasses import replace

    from assessor.record.merge import Request, merge_files

    catalog = catalog_for(args)
    prefer = replace(merge_preference(args.prefer, args.answers, catalog),
                     leave_open=args.leave_open)
    merged = merge_files(Request(tuple(args.answers), args.output, prefer, args.force), catalog)
    count = len(args.answers)
    settled = f", {merged.settled} conflicts settled" if merged.settled else ""
    left = f", {len(merged.left_open)} left open" if merged.left_open else ""
    print(f"wrote {display_path(args.output)} ({len(merged.answers.answers)} answers from "
          f"{count} file{'s' if count != 1 else ''}, {merged.combined} given alike "
          f"in several{settled}{left})",
          file=sys.stderr)
    for qid in merged.carried:
        question = catalog.by_id[qid]
        print(inert(f"assessor: note: {qid}: the same fact as {question.same_as}, which this "
                    "scope asks: the answer is carried there"), file=sys.stderr)
    for qid in merged.left_open:
        print(inert(f"assessor: warning: {display_path(args.output)}: {qid}: answers differ, "
                    "kept open (settle it: `assessor set FILE QID --answer ...`, or answer it "
                    "again in the interview)"), file=sys.stderr)
    return 0
