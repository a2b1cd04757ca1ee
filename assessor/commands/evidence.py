"""``assessor evidence``: the evidence register per control; ``-o`` writes it as a workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assessor import clock
from assessor.commands.common import LANGS, catalog_for, wrote
from assessor.errors import AssessorError, display_path
from assessor.terminal import inert

if TYPE_CHECKING:
    from assessor.model.catalog import Catalog
    from assessor.model.record import Answers
    from assessor.report.evidencelist import RequestList

HELP = ("the evidence register per control: requested, received, outstanding; "
        "`evidence set ANSWERS REF --status ...` marks an item")


# model.record.EVIDENCE_STATUSES, spelt out: the model is not imported to build the parser
STATUSES = ("requested", "claimed", "received", "accepted", "rejected")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``evidence``."""
    parser.add_argument("answers", nargs="+", metavar="ANSWERS",
                        help="the answers file; or `set ANSWERS REF`: set an item (REF an id "
                             "such as E-3, or a document an answer names, which becomes an "
                             "item)")
    parser.add_argument("--status", choices=STATUSES,
                        help="with set: the item's status (claimed: the client says it sent "
                             "it, not yet received)")
    parser.add_argument("--file", metavar="PATH", help="with set: where the document is kept")
    parser.add_argument("--date", metavar="DATE",
                        help="with set: when it was received (or requested); with -o: the date "
                             "the request list is issued (default today)")
    parser.add_argument("--title", metavar="TEXT", help="with set: the item's title")
    parser.add_argument("--note", metavar="TEXT", help="with set: a note (why it was rejected)")
    parser.add_argument("--outstanding", action="store_true",
                        help="only what the client still owes (requested, claimed or rejected)")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path,
                        help="also write the request list for the client: .xlsx (a workbook "
                             "the client fills in and returns: `import --into`), .pdf, .docx "
                             "or .html")
    parser.add_argument("--due", metavar="DATE", help="with -o: the date to reply by")
    parser.add_argument("--brand", metavar="FILE", type=Path,
                        help="with -o: branding YAML (firm, accent colour, confidentiality text)")
    parser.add_argument("--lang", choices=LANGS, help="language of the list")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def check_evidence_target(out: Path, *, force: bool) -> None:
    """Refuse a request list target: not .xlsx/.pdf/.docx, not a regular file, or there unforced.

    Raises:
        AssessorError: the target cannot or may not be written.
    """
    from assessor.report.evidenceformats import SUFFIXES
    from assessor.targets import refuse_existing

    if out.suffix.lower() not in SUFFIXES:
        raise AssessorError(f"{display_path(out)}: the evidence request list is written as "
                            "a workbook (.xlsx), a PDF (.pdf), a Word document (.docx) or a web "
                            "page (.html); name it so")
    refuse_existing(out, force=force)


SET_OPTIONS = ("status", "file", "date", "title", "note")


def set_item(args: argparse.Namespace, catalog: Catalog) -> int:
    """Set one evidence item (``evidence set ANSWERS REF``) through the checked write."""
    from assessor.record.edit import EvidenceEdit, edit_evidence

    _, path, ref = args.answers
    if all(getattr(args, k) is None for k in SET_OPTIONS):
        raise AssessorError("evidence set: say what to set (--status, --file, --date, --title, "
                            "--note)")
    item = edit_evidence(EvidenceEdit(Path(path), ref, args.status, args.file, args.date,
                                      args.title, args.note), catalog)
    made = f" (from the document named {ref!r})" if ref != item.id else ""
    dated = f", received {item.received}" if item.received else ""
    print(inert(f"{display_path(Path(path))}: {item.id} {item.status}{dated}: {item.title}"
                f"{made}"), file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    """List the evidence register per control; ``-o`` writes it as a workbook too."""
    from assessor.record.answers import load
    from assessor.terminal import evidence_lines

    catalog = catalog_for(args)
    if args.answers[0] == "set" and len(args.answers) == 3:
        return set_item(args, catalog)
    if len(args.answers) != 1:
        raise AssessorError("evidence: give one answers file, or `evidence set ANSWERS REF "
                            "--status ...`")
    if any(getattr(args, k) is not None for k in SET_OPTIONS if k != "date"):
        raise AssessorError("--status, --file, --title and --note set an item: "
                            "`assessor evidence set ANSWERS REF ...`")
    args.answers = Path(args.answers[0])
    answers = load(args.answers, catalog, allow_incomplete=True)  # evidence comes in for weeks
    lang = args.lang or answers.assessment.lang
    if args.output is None and (args.due or args.brand):
        raise AssessorError("--due and --brand are for the request list: give -o FILE")
    request = None
    if args.output is not None:  # refuse a bad target or date before printing anything
        check_evidence_target(args.output, force=args.force)
        request = request_list(args, catalog, answers, lang)
    print("\n".join(map(inert, evidence_lines(catalog, answers, outstanding=args.outstanding,
                                              lang=lang))))
    if args.output is None or request is None:
        return 0
    from assessor.report.evidenceformats import render_list
    from assessor.targets import atomic_write

    atomic_write(args.output, render_list(request, args.output.suffix.lower()))
    wrote(args.output)
    return 0


def request_list(args: argparse.Namespace, catalog: Catalog, answers: Answers,
                 lang: str) -> RequestList:
    """Return the request list ``-o`` writes: dates checked, brand loaded.

    Raises:
        AssessorError: a date that is not one, or a reply date before the issue date.
    """
    from assessor.record.typed import iso
    from assessor.report.brand import load_brand
    from assessor.report.evidencelist import Options, build

    dates = {}
    for option, value in (("--date", args.date), ("--due", args.due)):
        try:
            dates[option] = iso(value) if value else None
        except ValueError as exc:
            raise AssessorError(f"{option}: {exc}") from None
    issued = dates["--date"] or clock.today().isoformat()
    due = dates["--due"]
    if due is not None and due < issued:
        raise AssessorError(f"--due {due} is before the list is issued ({issued})")
    return build(catalog, answers, Options(lang, issued, due, load_brand(args.brand),
                                           args.outstanding))
