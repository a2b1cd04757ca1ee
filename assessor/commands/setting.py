"""``assessor set``: what the interview can set, from the command line (no YAML by hand)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assessor.commands.common import LANGS, catalog_for, shown
from assessor.errors import AssessorError
from assessor.terminal import inert

HELP = "set an answer, its note, finding, internal note, flag or severity; the summary; an action"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``set``."""
    parser.add_argument("answers", type=Path, metavar="ANSWERS", help="the answers file")
    parser.add_argument("qid", nargs="?", metavar="QID",
                        help="the question whose answer changes (none: --summary or --action)")
    parser.add_argument("--answer", metavar="VALUE",
                        help="the answer (an option's id or label in either language, several "
                             "separated by commas, a number, text, na, unknown); settles an "
                             "open conflict")
    for key, what in (("note", "the client's note"), ("finding", "the assessor's finding"),
                      ("internal", "the consultant's internal note (no client output prints "
                                   "it)"),
                      ("flag", "to be confirmed with the client: the reason")):
        parser.add_argument(f"--{key}", metavar="TEXT", help=f"{what} ('' clears it)")
    parser.add_argument("--severity", metavar="LEVEL",
                        help="the assessor's severity: critical, high, medium or low ('' clears)")
    parser.add_argument("--justification", metavar="TEXT", help="why the severity is set")
    parser.add_argument("--confirm", action="store_true",
                        help="the answer carried from the last cycle still holds, texts and all")
    parser.add_argument("--by", metavar="NAME", help="who gave the answer (with --answer)")
    parser.add_argument("--summary", metavar="TEXT",
                        help="the executive summary (in --lang, or Chinese text as zh)")
    parser.add_argument("--confirm-summary", action="store_true",
                        help="the summary carried from the last cycle still holds")
    parser.add_argument("--action", metavar="QID", help="the remediation action of QID: "
                                                         "with --owner, --due, --status, --comment")
    parser.add_argument("--owner", metavar="NAME", help="with --action: who owns it")
    parser.add_argument("--due", metavar="DATE", help="with --action: due date")
    parser.add_argument("--status", metavar="STATUS",
                        help="with --action: open, in_progress, done, deferred, accepted")
    parser.add_argument("--comment", metavar="TEXT", help="with --action: a comment")
    parser.add_argument("--lang", choices=LANGS,
                        help="the language of the text given: sets that version, keeps the other")


ANSWER_OPTIONS = ("answer", "note", "finding", "internal", "flag", "severity", "justification")
RECORD_OPTIONS = ("summary", "action", "owner", "due", "status", "comment")


def run(args: argparse.Namespace) -> int:
    """Apply the edit to the answers file under its lock; say what was written."""
    from assessor.record.edit import AnswerEdit, RecordEdit, edit_answer, edit_record

    catalog = catalog_for(args)
    given_answer = [k for k in ANSWER_OPTIONS if getattr(args, k) is not None] + \
        (["confirm"] if args.confirm else [])
    given_record = [k for k in RECORD_OPTIONS if getattr(args, k) is not None] + \
        (["confirm-summary"] if args.confirm_summary else [])
    if args.qid is None and given_answer:
        raise AssessorError(f"--{given_answer[0]} needs the question: assessor set "
                            f"{shown(args.answers)} QID --{given_answer[0]} ...")
    if args.qid is not None and not given_answer:
        raise AssessorError(f"set {args.qid}: say what to set (--answer, --note, --finding, "
                            "--internal, --flag, --severity, --confirm)")
    if args.qid is None and not given_record:
        raise AssessorError("set: say what to set (a QID and --answer, --note ...; or "
                            "--summary, --confirm-summary, --action QID ...)")
    if any(getattr(args, k) is not None for k in ("owner", "due", "status", "comment")) \
            and args.action is None:
        raise AssessorError("--owner, --due, --status and --comment set an action: name it "
                            "with --action QID")
    if args.qid is not None:
        answer = edit_answer(AnswerEdit(
            args.answers, args.qid, args.answer, args.note, args.finding, args.internal,
            args.flag, args.severity, args.justification, args.lang, args.by, args.confirm),
            catalog)
        print(inert(f"{shown(args.answers)}: {args.qid} set ({', '.join(given_answer)})"
                    + ("; the open conflict is settled, the other answers kept"
                       if args.answer is not None and answer.conflict else "")),
              file=sys.stderr)
    if given_record:
        edit_record(RecordEdit(args.answers, args.summary, args.lang, args.confirm_summary,
                               args.action, args.owner, args.due, args.status, args.comment),
                    catalog)
        print(inert(f"{shown(args.answers)}: {', '.join(given_record)} set"), file=sys.stderr)
    return 0
