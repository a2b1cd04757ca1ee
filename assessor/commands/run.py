"""``assessor run``: validate, score and render a report; several files make a batch."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assessor.commands.common import LANGS, catalog_for, load_answers, selected, wrote
from assessor.report import formats
from assessor.terminal import inert

if TYPE_CHECKING:
    from assessor.model.catalog import Catalog
    from assessor.model.record import Answers
    from assessor.report.brand import Brand

HELP = "validate, score and render a report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``run``."""
    parser.add_argument("answers", nargs="+", type=Path, metavar="ANSWERS",
                        help="answers files; several make a batch, one report each")
    parser.add_argument("-o", "--output", metavar="OUT",  # str: a trailing / asks for a folder
                        help="report file, or folder (several files, or OUT/) (default: beside "
                             "the answers file)")
    parser.add_argument("--format", choices=formats.names(),
                        help="default: from OUT's suffix, else pdf")
    parser.add_argument("--force", action="store_true",
                        help="replace OUT even if it is an answers file or another kind of file")
    parser.add_argument("--lang", choices=LANGS, help="default: the answers file's lang")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="accept applicable questions without an answer (a draft)")
    parser.add_argument("--scope", metavar="ID[,ID]", action="append",
                        help="score only these banks, whatever the file's assessment.scope says "
                             "('all': every bank)")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                        help="render N files in parallel (batch runs)")
    parser.add_argument("--brand", metavar="FILE", type=Path,
                        help="branding YAML: firm, logo, accent colour, confidentiality text")
    parser.add_argument("--firm", help="firm name on the cover")
    parser.add_argument("--logo", type=Path, metavar="FILE",
                        help="logo image (PNG, JPEG or SVG)")
    parser.add_argument("--accent", metavar="#RRGGBB", help="accent colour")
    parser.add_argument("--confidential", metavar="TEXT", help="confidentiality marking")
    parser.add_argument("--docx-template", type=Path, metavar="FILE",
                        help="a firm's Word template (.docx or .dotx) whose styles DOCX reports "
                             "use")
    parser.add_argument("--internal", action="store_true",
                        help="the firm's edition: adds the quality checks and internal notes "
                             "(never send it to the client)")


def run(args: argparse.Namespace) -> int:
    """Validate, score and render one or more answers files."""
    from assessor.render import render_file

    catalog = catalog_for(args)
    args.scope = run_scope(args.scope, catalog)
    from assessor.report.brand import load_brand

    brand = load_brand(args.brand, firm=args.firm, logo=args.logo, accent=args.accent,
                       confidential=args.confidential, docx_template=args.docx_template)
    given = args.output
    if len(args.answers) > 1 or (given and (given.endswith(("/", os.sep)) or Path(given).is_dir())):
        from assessor.batch import Request, run_batch
        from assessor.commands import batch_view

        finished = run_batch(Request(tuple(args.answers), Path(given) if given else None,
                                     args.format, args.lang, args.allow_incomplete, args.scope,
                                     args.force, args.jobs), catalog, brand, batch_view.watch)
        batch_view.report(finished, debug=args.debug)
        return 0
    path = args.answers[0]
    if given == "-":
        return run_to_stdout(args, catalog, brand)
    answers = load_answers(args, path, catalog)
    out = render_file(catalog, answers, path, Path(given) if given else None, args.format,
                      args.lang, brand, force=args.force, internal=args.internal)
    wrote(out)
    if (args.lang or answers.assessment.lang) == "zh":
        untranslated_note(catalog, answers)
    verdict = answers.seal
    if verdict is not None and not verdict.holds:
        print(inert(f"assessor: note: the report is marked DRAFT: {verdict.reason}; sign the "
                    "file off again (`assessor sign-off`) to make it final"), file=sys.stderr)
    return 0


def untranslated_note(catalog: Catalog, answers: Answers) -> None:
    """Say when a Chinese report prints consultant's texts as written, having no Chinese."""
    from assessor.banks.scope import engaged
    from assessor.record.quality import Review, chinese_missing
    from assessor.scoring import score

    scoped = engaged(catalog, answers.assessment.scope)
    found = list(chinese_missing(Review(scoped, answers, score(scoped, answers.answers))))
    for problem in found[:3]:
        print(inert(f"assessor: note: {problem}"), file=sys.stderr)
    if len(found) > 3:
        print(f"assessor: note: {len(found) - 3} more of the consultant's texts have no Chinese "
              "and are printed as written", file=sys.stderr)


def run_to_stdout(args: argparse.Namespace, catalog: Catalog, brand: Brand) -> int:
    """Write one report (json or html) to standard output: ``run ANSWERS -o -``."""
    from assessor.render import render_bytes, stream_format

    fmt = stream_format(args.format)
    answers = load_answers(args, args.answers[0], catalog)
    data = render_bytes(catalog, answers, fmt, args.lang or answers.assessment.lang, brand,
                        internal=args.internal)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def run_scope(given: list[str] | None, catalog: Catalog) -> tuple[str, ...] | None:
    """Return the banks ``run --scope`` names (None: the file's own scope; (): every bank)."""
    if not given:
        return None
    banks = [b.strip() for item in given for b in item.split(",") if b.strip()]
    if banks == ["all"]:
        return ()
    return tuple(selected(catalog, banks))
