"""``assessor template``: an answers file to fill in, or a client workbook (``--format xlsx``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assessor.commands.common import LANGS, catalog_for, selected, shown, wrote
from assessor.errors import AssessorError, display_path

if TYPE_CHECKING:
    from assessor.model.catalog import Catalog

HELP = "an answers file, or a client workbook (--format xlsx), to fill in"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``template``."""
    parser.add_argument("-q", "--questionnaire", metavar="ID", action="append", default=[],
                        help="only these banks (the profile always); recorded as the scope")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE")
    parser.add_argument("--from", dest="source", metavar="ANSWERS", type=Path,
                        help="start from this answers file (its organisation and assessment); "
                             "a workbook asks only what applies to it, its answers filled in")
    parser.add_argument("--missing", action="store_true",
                        help="only the applicable questions --from ANSWERS leaves unanswered: a "
                             "file to fill in and merge back")
    parser.add_argument("--lang", choices=LANGS,
                        help="language of the comments, option labels and help, or of the "
                             "workbook (default: en, or the --from file's lang); ids stay as "
                             "they are")
    parser.add_argument("--format", choices=("yaml", "xlsx"),
                        help="yaml (default) or xlsx, the client workbook (default: from FILE)")
    parser.add_argument("--registers", action="store_true",
                        help="with --format xlsx: add the filings' register sheets (data items, "
                             "recipients, systems, transfer links), filled in from --from")
    parser.add_argument("--respondent", metavar="NAME",
                        help="workbook: who is asked to answer")
    parser.add_argument("--force", action="store_true",
                        help="replace FILE even if it is an answers file or a workbook")


def run(args: argparse.Namespace) -> int:
    """Write an answers file, or a client workbook, to fill in."""
    from assessor.record.template import template
    from assessor.targets import atomic_write, check_target

    catalog = catalog_for(args)
    xlsx = args.format == "xlsx" or (args.format is None and args.output is not None
                                     and args.output.suffix.lower() == ".xlsx")
    if xlsx:
        return write_client_workbook(args, catalog)
    if args.respondent:
        raise AssessorError("--respondent names who answers a client workbook: add --format xlsx")
    if args.missing or args.source:
        text = todo(args, catalog)
    else:
        text = template(catalog, selected(catalog, args.questionnaire), args.lang or "en")
    if args.output and str(args.output) != "-":
        check_target(args.output, "answers", force=args.force)
        atomic_write(args.output, text)
        wrote(args.output)
    else:
        sys.stdout.write(text)
    return 0


def todo(args: argparse.Namespace, catalog: Catalog) -> str:
    """Return a template of the applicable questions an answers file leaves unanswered."""
    from assessor.banks.scope import engaged
    from assessor.record.answers import load
    from assessor.record.reading import unanswered
    from assessor.record.template import template, todo_comment

    if not (args.missing and args.source):
        raise AssessorError("template: --from ANSWERS and --missing go together (a file of the "
                            "questions ANSWERS leaves unanswered), or --from with --format xlsx")
    source = load(args.source, catalog, allow_incomplete=True)
    banks = selected(catalog, args.questionnaire)
    profiles = {q.id for q in catalog.questionnaires if q.kind == "profile"}
    gaps = [q.id for q in unanswered(engaged(catalog, source.assessment.scope), source.answers)
            if not banks or q.questionnaire in banks or q.questionnaire in profiles]
    lang = args.lang or source.assessment.lang
    return todo_comment(len(gaps), display_path(args.source), lang) + template(
        catalog, banks, lang, only=set(gaps), source=source)


def write_client_workbook(args: argparse.Namespace, catalog: Catalog) -> int:
    """Write the client workbook (``template --format xlsx``); openpyxl is imported only here."""
    from assessor.record.answers import load
    from assessor.record.workbook import plan, write_workbook
    from assessor.targets import atomic_write, refuse_existing

    if args.output is None:
        raise AssessorError("a workbook needs -o FILE.xlsx (it cannot go to the terminal)")
    refuse_existing(args.output, force=args.force)  # never a device or a pipe, even with --force
    if args.missing and not args.source:
        raise AssessorError("template: --missing needs --from ANSWERS (a workbook of the "
                            "questions ANSWERS leaves unanswered)")
    banks = selected(catalog, args.questionnaire)
    base = load(args.source, catalog, allow_incomplete=True) if args.source else None
    lang = args.lang or (base.assessment.lang if base else "en")
    chosen = plan(catalog, lang, banks, base, args.respondent, missing=args.missing,
                  registers=args.registers)
    if args.missing and not chosen.sheets and not args.registers:  # nothing to send a client
        print(f"nothing to send: every applicable question of {shown(args.source)} is answered; "
              "no workbook written", file=sys.stderr)
        return 0
    atomic_write(args.output, write_workbook(catalog, chosen))
    count = sum(len(questions) for _, questions in chosen.sheets)
    print(f"wrote {shown(args.output)} ({len(chosen.sheets)} sheets, {count} questions)",
          file=sys.stderr)
    return 0
