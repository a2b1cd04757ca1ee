"""The command line: parse, dispatch to one function per command, and decide every exit status."""

from __future__ import annotations

import argparse
import errno
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessor import __version__
from assessor.errors import AssessorError, display_path
from assessor.terminal import inert, json_text

if TYPE_CHECKING:
    from assessor.errors import Problem
    from assessor.model import Answers, Catalog
    from assessor.record.merge import Prefer
    from assessor.report.brand import Brand

FORMATS = ("pdf", "html", "json", "xlsx", "docx")


def shown(path: Path) -> str:
    """Return a path as typed, safe to print (a file name can hold control characters)."""
    return inert(display_path(path))


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every command."""
    parser = argparse.ArgumentParser(
        prog="assessor",
        description="Assess an organisation against China's data laws (CSL, DSL, PIPL, "
                    "vulnerability provisions) and the GDSI principles; render a gap report.",
        epilog="Exit status: 0 success, 2 bad input or usage, 130 interrupted, 1 a bug.")
    parser.add_argument("--version", action="version", version=f"assessor {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--questionnaires", metavar="DIR", action="append", type=Path,
                        default=[], help="also load questionnaires from DIR (same id replaces)")
    common.add_argument("--no-builtin", action="store_true",
                        help="load only the --questionnaires folders, not the shipped banks")
    common.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("list", parents=[common], help="questionnaires available")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("questions", parents=[common], help="every question with its details")
    p.add_argument("-q", "--questionnaire", metavar="ID", action="append", default=[],
                   help="only the questions of this bank (repeat for more)")
    p.add_argument("--json", action="store_true",
                   help="print the complete export of the banks as JSON (both languages, help, "
                        "remediation, references; schema: `assessor schema questions`)")
    p = sub.add_parser("template", parents=[common],
                       help="an answers file, or a client workbook (--format xlsx), to fill in")
    p.add_argument("-q", "--questionnaire", metavar="ID", action="append", default=[],
                   help="only these banks (the profile always); recorded as the scope")
    p.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE")
    p.add_argument("--from", dest="source", metavar="ANSWERS", type=Path,
                   help="start from this answers file (its organisation and assessment); a "
                        "workbook asks only what applies to it, its answers filled in")
    p.add_argument("--missing", action="store_true",
                   help="only the applicable questions --from ANSWERS leaves unanswered: a file "
                        "to fill in and merge back")
    p.add_argument("--lang", choices=("en", "zh"),
                   help="language of the comments, option labels and help, or of the workbook "
                        "(default: en, or the --from file's lang); ids stay as they are")
    p.add_argument("--format", choices=("yaml", "xlsx"),
                   help="yaml (default) or xlsx, the client workbook (default: from FILE)")
    p.add_argument("--respondent", metavar="NAME", help="workbook: who is asked to answer")
    p.add_argument("--force", action="store_true",
                   help="replace FILE even if it is an answers file or a workbook")
    p = sub.add_parser("check", parents=[common], help="validate answers files")
    p.add_argument("answers", nargs="+", type=Path, metavar="ANSWERS",
                   help="answers files (YAML or JSON) to validate")
    p.add_argument("--allow-incomplete", action="store_true",
                   help="accept applicable questions without an answer")
    p.add_argument("--strict", action="store_true",
                   help="treat warnings (quality checks) as errors: exit 2")
    p.add_argument("--missing", action="store_true",
                   help="list every unanswered applicable question (by default they are "
                        "counted per instrument after the mistakes)")
    p.add_argument("--warnings", action="store_true",
                   help=f"list every warning (by default the first {WARNINGS_SHOWN} of each "
                        "kind in a file, then a count)")
    p = sub.add_parser("score", parents=[common], help="scores and top gaps on the terminal")
    p.add_argument("answers", type=Path, metavar="ANSWERS", help="the answers file to score")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--allow-incomplete", action="store_true",
                   help="accept applicable questions without an answer (a draft)")
    p = sub.add_parser("run", parents=[common], help="validate, score and render a report")
    p.add_argument("answers", nargs="+", type=Path, metavar="ANSWERS",
                   help="answers files; several make a batch, one report each")
    p.add_argument("-o", "--output", metavar="OUT",  # str: a trailing / asks for a folder
                   help="report file, or folder (several files, or OUT/) (default: beside the "
                        "answers file)")
    p.add_argument("--format", choices=FORMATS, help="default: from OUT's suffix, else pdf")
    p.add_argument("--force", action="store_true",
                   help="replace OUT even if it is an answers file or another kind of file")
    p.add_argument("--lang", choices=("en", "zh"), help="default: the answers file's lang")
    p.add_argument("--allow-incomplete", action="store_true",
                   help="accept applicable questions without an answer (a draft)")
    p.add_argument("--scope", metavar="ID[,ID]", action="append",
                   help="score only these banks, whatever the file's assessment.scope says "
                        "('all': every bank)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="render N files in parallel (batch runs)")
    p.add_argument("--brand", metavar="FILE", type=Path,
                   help="branding YAML: firm, logo, accent colour, confidentiality text")
    p.add_argument("--firm", help="firm name on the cover")
    p.add_argument("--logo", type=Path, metavar="FILE", help="logo image (PNG, JPEG or SVG)")
    p.add_argument("--accent", metavar="#RRGGBB", help="accent colour")
    p.add_argument("--confidential", metavar="TEXT", help="confidentiality marking")
    p.add_argument("--docx-template", type=Path, metavar="FILE",
                   help="a firm's Word template (.docx or .dotx) whose styles DOCX reports use")
    p = sub.add_parser("lint", parents=[common], help="validate questionnaire files")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="questionnaire files or folders (default: the loaded banks)")
    p = sub.add_parser("interview", parents=[common], help="the live interview at a terminal")
    p.add_argument("-q", "--questionnaire", metavar="ID", action="append", default=[],
                   help="only these banks (the profile is always asked)")
    p.add_argument("-o", "--output", metavar="FILE", type=Path,
                   help="answers file to write (default: answers-<date>.yaml)")
    p.add_argument("--resume", metavar="FILE", type=Path,
                   help="continue an interview saved in FILE")
    p.add_argument("--lang", choices=("en", "zh"), help="language of the questions")
    p.add_argument("--prompt-all", action="store_true",
                   help="ask for a note and evidence after every answer (n, e take them on "
                        "demand otherwise)")
    p.add_argument("--respondent", metavar="NAME",
                   help="who answers: written with the date beside each answer given")
    p = sub.add_parser("diff", parents=[common], help="what changed between two assessments")
    p.add_argument("old", type=Path, metavar="OLD", help="the earlier answers file")
    p.add_argument("new", type=Path, metavar="NEW", help="the later answers file")
    p.add_argument("-o", "--output", metavar="OUT", type=Path,
                   help="write a report (pdf/html/json)")
    p.add_argument("--format", choices=("pdf", "html", "json"),
                   help="default: from OUT's suffix")
    p.add_argument("--force", action="store_true",
                   help="replace OUT even if it is an answers file or another kind of file")
    p.add_argument("--lang", choices=("en", "zh"), help="language of the report (default: en)")
    p.add_argument("--allow-incomplete", action="store_true",
                   help="accept applicable questions without an answer (a draft)")
    p = sub.add_parser("schema", parents=[common], help="print a JSON Schema")
    p.add_argument("kind", choices=("questionnaire", "answers", "report", "questions"),
                   help="which file's schema: questionnaire, answers, report (run --format "
                        "json) or questions (questions --json)")
    p = sub.add_parser("migrate", parents=[common],
                       help="carry an answers file to the current questionnaire versions")
    p.add_argument("answers", type=Path, metavar="ANSWERS", help="the answers file to carry")
    p.add_argument("-o", "--output", metavar="FILE", type=Path,
                   help="new file (default: <name>.migrated.yaml; the old file is kept)")
    p.add_argument("--force", action="store_true",
                   help="replace FILE even if it is another answers file")
    p = sub.add_parser("evidence", parents=[common],
                       help="the evidence register per control: requested, received, outstanding")
    p.add_argument("answers", type=Path, metavar="ANSWERS", help="the answers file")
    p.add_argument("--outstanding", action="store_true",
                   help="only what the client still owes (requested or rejected)")
    p.add_argument("-o", "--output", metavar="FILE.xlsx", type=Path,
                   help="also write it as a workbook for the client")
    p.add_argument("--lang", choices=("en", "zh"), help="language of the workbook")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p = sub.add_parser("import", parents=[common],
                       help="read a client workbook, or a gap register's tracking, into answers")
    p.add_argument("workbook", type=Path, metavar="WORKBOOK", help="the filled .xlsx workbook")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="FILE", type=Path,
                        help="a new answers file (--force replaces one)")
    target.add_argument("--into", metavar="ANSWERS", type=Path,
                        help="update this answers file, keeping its answers")
    p.add_argument("--prefer", choices=("workbook", "file"),
                   help="with --into: which side wins where the answers differ")
    p.add_argument("-q", "--questionnaire", metavar="ID", action="append", default=[],
                   help="the engagement's banks (written as the scope)")
    p.add_argument("--force", action="store_true", help="replace the -o FILE if it exists")
    p = sub.add_parser("sign-off", parents=[common],
                       help="record the reviewer's sign-off and mark the answers file final")
    p.add_argument("answers", type=Path, metavar="ANSWERS", help="the answers file to sign off")
    p.add_argument("--by", required=True, metavar="NAME", help="the reviewer")
    p.add_argument("--role", metavar="ROLE", help="the reviewer's role, e.g. Partner")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date of the sign-off (default: today)")
    p.add_argument("--accept-warnings", action="store_true",
                   help="sign off although quality checks warn (they are listed)")
    p.add_argument("--key", metavar="FILE", type=Path,
                   help="also sign with this private SSH key (ssh-keygen -Y sign), so anyone "
                        "with the firm's allowed_signers list can check who signed")
    p = sub.add_parser("verify", parents=[common],
                       help="say whether an answers file's sign-off holds (its reports final)")
    p.add_argument("answers", type=Path, metavar="ANSWERS", help="the signed-off answers file")
    p.add_argument("--allowed-signers", metavar="FILE", type=Path,
                   help="OpenSSH allowed_signers list of the firm's reviewers: the key that "
                        "signed must be one of them")
    p = sub.add_parser("merge", parents=[common],
                       help="several respondents' answers files of one organisation made one")
    p.add_argument("answers", nargs="+", type=Path, metavar="ANSWERS",
                   help="the respondents' answers files (the first one's details lead)")
    p.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                   help="the merged answers file (--force replaces one)")
    p.add_argument("--prefer", metavar="newest|FILE|QID=FILE", action="append", default=[],
                   help="settle differing answers: the newest (by: at, else the file's date), "
                        "this file's, or at one question this file's (repeat; a question's "
                        "choice comes before the rule for all)")
    p.add_argument("--leave-open", action="store_true",
                   help="write the file although answers differ: the first file's answer stands, "
                        "flagged, the others kept as open conflicts that check lists")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p = sub.add_parser("filing", parents=[common],
                       help="a document to file with the CAC: the outbound self-assessment "
                            "report or the PIPIA (outbound)")
    p.add_argument("kind", choices=("cac-self-assessment", "pipia"), metavar="KIND",
                   help="cac-self-assessment (security-assessment filing) or pipia "
                        "(standard-contract filing)")
    p.add_argument("answers", type=Path, metavar="ANSWERS", help="the answers file, with its "
                                                                 "inventory registers")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                   help="OUT.docx (to seal and sign) or OUT.pdf (to review)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="zh: the filing; en: a reading copy marked as a translation, not the "
                        "filing (default: zh)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument("--allow-incomplete", action="store_true",
                   help="accept applicable questions without an answer (a draft)")
    p = sub.add_parser("example", parents=[common],
                       help="list the shipped example answers files, or write one out")
    p.add_argument("name", nargs="?", metavar="NAME", help="the example to write")
    p.add_argument("-o", "--output", metavar="FILE", type=Path,
                   help="write to FILE (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (0, 2 bad input, 130 interrupted, 1 bug)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    notes_to_stderr()
    try:
        return int(COMMANDS[args.command](args))
    except AssessorError as exc:
        for line in exc.lines():
            print(f"assessor: error: {inert(line)}", file=sys.stderr)
        print_warnings(exc.warnings, every=getattr(args, "warnings", True))
        return exc.exit_code
    except KeyboardInterrupt:
        print("\nassessor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except (OSError, RuntimeError) as exc:
        fault = path_fault(exc)
        if fault is None:
            return bug(args)
        print(f"assessor: error: {inert(fault)}", file=sys.stderr)
        return 2
    except Exception:  # the one place a bug is turned into a message
        return bug(args)


def bug(args: argparse.Namespace) -> int:
    """Report an internal error (the traceback with --debug); exit status 1."""
    if getattr(args, "debug", False):
        traceback.print_exc()
    else:
        print("assessor: internal error: this is a bug; please report it with the output "
              "of the same command run with --debug", file=sys.stderr)
    return 1


def path_fault(exc: OSError | RuntimeError) -> str | None:
    """Return the message for a fault of a path the user gave, or None for anything else.

    A symlink loop, a name too long, a file where a folder was expected: checks of a path
    (``exists``, ``resolve``) raise these before any reader can say which file it was, so they
    are answered here, once, as bad input.
    """
    from assessor.files import PATH_ERRORS

    if isinstance(exc, RuntimeError):  # Path.resolve on Python 3.11 and 3.12
        text = str(exc)
        if not text.startswith("Symlink loop from "):
            return None
        return f"{display_path(text.removeprefix('Symlink loop from ').strip(chr(39)))}: " \
               f"{PATH_ERRORS[errno.ELOOP]}"
    reason = PATH_ERRORS.get(exc.errno or 0)
    if reason is None or exc.filename is None:
        return None
    return f"{display_path(os.fsdecode(exc.filename))}: {reason}"


def notes_to_stderr() -> None:
    """Print the notes core code logs (a slower fallback, say) as ``assessor: note`` lines."""
    import logging

    class Stderr(logging.Handler):
        """Write to whatever ``sys.stderr`` is at the time (tests replace it)."""

        def emit(self, record: logging.LogRecord) -> None:
            print(f"assessor: {inert(record.getMessage())}", file=sys.stderr)

    logger = logging.getLogger("assessor")
    if not logger.handlers:
        logger.addHandler(Stderr())
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def catalog_for(args: argparse.Namespace) -> Catalog:
    """Load the catalog with any extra questionnaire folders."""
    from assessor.banks.catalog import load_catalog

    for folder in args.questionnaires:
        if not folder.is_dir():
            raise AssessorError(f"--questionnaires {display_path(folder)}: not a folder")
    if args.no_builtin and not args.questionnaires:
        raise AssessorError("--no-builtin needs at least one --questionnaires DIR")
    return load_catalog(args.questionnaires, builtin=not args.no_builtin)


def selected(catalog: Catalog, ids: Sequence[str]) -> list[str]:
    """Check questionnaire ids given with -q."""
    known = [q.id for q in catalog.questionnaires]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise AssessorError(f"unknown questionnaire {', '.join(unknown)} (known: "
                            f"{', '.join(known)})")
    return list(ids)


def cmd_list(args: argparse.Namespace) -> int:
    """List questionnaires: id, title, version and counts."""
    catalog = catalog_for(args)
    rows = [{"id": q.id, "kind": q.kind, "instrument": q.instrument, "title": q.title.en,
             "title_zh": q.title.zh, "version": q.version, "sections": len(q.sections),
             "questions": len(q.questions),
             "controls": sum(1 for x in q.questions if x.scored)}
            for q in catalog.questionnaires]
    if args.json:
        print(json_text(rows))
        return 0
    print(f"{'id':<10} {'version':<9} {'questions':>9} {'controls':>8}  title")
    for row in rows:
        print(inert(f"{row['id']:<10} {row['version']:<9} {row['questions']:>9} "
                    f"{row['controls']:>8}  {row['title']}"))
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    """Print every question with id, type, options, condition and references."""
    catalog = catalog_for(args)
    wanted = set(selected(catalog, args.questionnaire))
    if args.json:
        from assessor.banks.export import export

        print(json_text(export(catalog, wanted)))
        return 0
    rows: list[dict[str, Any]] = []
    for question in catalog.questions:
        if wanted and question.questionnaire not in wanted:
            continue
        rows.append({
            "id": question.id, "type": str(question.type), "text": question.text.en,
            "options": [o.id for o in question.options], "applies_if": question.applies_if,
            "severity": str(question.severity) if question.scored else None,
            "weight": question.weight if question.scored else None,
            "references": [r.cite() for r in question.references],
            "principles": list(question.principles), "alternate": question.alternate,
        })
    for row in rows:
        refs = "; ".join(row["references"])
        print(inert(f"{row['id']}  [{row['type']}]  {row['text']}"))
        details = [f"options: {', '.join(row['options'])}" if row["options"] else "",
                   f"applies if: {row['applies_if']}" if row["applies_if"] else "",
                   f"refs: {refs}" if refs else ""]
        for detail in filter(None, details):
            print(f"    {inert(detail)}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    """Write an answers file, or a client workbook, to fill in."""
    from assessor.files import atomic_write, check_target
    from assessor.record.answers import template

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
        check_target(args.output, "answers", args.force)
        atomic_write(args.output, text)
        print(f"wrote {shown(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def todo(args: argparse.Namespace, catalog: Catalog) -> str:
    """Return a template of the applicable questions an answers file leaves unanswered."""
    from assessor.banks.scope import engaged
    from assessor.record.answers import load, unanswered
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
    from assessor.files import atomic_write, check_regular
    from assessor.record.answers import load
    from assessor.record.workbook import plan, write_workbook

    if args.output is None:
        raise AssessorError("a workbook needs -o FILE.xlsx (it cannot go to the terminal)")
    check_regular(args.output)  # never a device or a pipe, even with --force
    if args.output.exists() and not args.force:
        raise AssessorError(f"{display_path(args.output)} exists; use --force to replace it")
    if args.missing and not args.source:
        raise AssessorError("template: --missing needs --from ANSWERS (a workbook of the "
                            "questions ANSWERS leaves unanswered)")
    banks = selected(catalog, args.questionnaire)
    base = load(args.source, catalog, allow_incomplete=True) if args.source else None
    lang = args.lang or (base.assessment.lang if base else "en")
    chosen = plan(catalog, lang, banks, base, args.respondent, missing=args.missing)
    atomic_write(args.output, write_workbook(catalog, chosen))
    count = sum(len(questions) for _, questions in chosen.sheets)
    print(f"wrote {shown(args.output)} ({len(chosen.sheets)} sheets, {count} questions)",
          file=sys.stderr)
    return 0


def load_answers(args: argparse.Namespace, path: Path, catalog: Catalog) -> Answers:
    """Load one answers file as the command's options say."""
    from assessor.record.answers import load

    return load(path, catalog, allow_incomplete=getattr(args, "allow_incomplete", False),
                scope=getattr(args, "scope", None))


WARNINGS_SHOWN = 3  # of one kind in one file; the rest are counted on one line


def print_warnings(warnings: Sequence[Problem], every: bool = True) -> None:
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


def cmd_check(args: argparse.Namespace) -> int:
    """Validate answers files; every problem of every file is listed, then every warning."""
    from assessor.errors import InvalidFile
    from assessor.filing.checks import cross_check
    from assessor.record.quality import warnings

    catalog = catalog_for(args)
    problems: list[Problem] = []
    warned: list[Problem] = []
    for path in args.answers:
        try:
            answers = load_answers(args, path, catalog)
        except InvalidFile as exc:
            problems.extend(exc.problems)
            continue
        crossed = cross_check(answers)  # registers against profile, thresholds and dates
        if crossed:
            problems.extend(crossed)
            continue
        warned.extend(warnings(catalog, answers))
        print(f"{shown(path)}: ok ({len(answers.answers)} answers)")
    if problems:
        raise InvalidFile(problems, warned, full=args.missing)
    print_warnings(warned, every=args.warnings)
    if warned and args.strict:
        count = len(warned)
        raise AssessorError(f"{count} warning{'s' if count != 1 else ''}, which --strict treats "
                            "as errors")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    """Print scores per instrument and principle, and the top gaps."""
    from assessor.banks.scope import engaged
    from assessor.report.context import build_context
    from assessor.scoring import score

    catalog = catalog_for(args)
    answers = load_answers(args, args.answers, catalog)
    catalog = engaged(catalog, answers.assessment.scope)
    result = score(catalog, answers.answers)
    if args.json:
        context = build_context(catalog, answers, result, "en")
        print(json_text(context))
        return 0
    from assessor.terminal import print_summary

    print_summary(catalog, answers, result)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Validate, score and render one or more answers files."""
    from assessor.render import render_file

    catalog = catalog_for(args)
    args.scope = run_scope(args.scope, catalog)
    from assessor.report.brand import load_brand

    brand = load_brand(args.brand, firm=args.firm, logo=args.logo, accent=args.accent,
                       confidential=args.confidential, docx_template=args.docx_template)
    given = args.output
    if len(args.answers) > 1 or (given and (given.endswith(("/", os.sep)) or Path(given).is_dir())):
        from assessor.batch import run_batch

        args.output = Path(given) if given else None
        return run_batch(args, catalog, brand)
    path = args.answers[0]
    if given == "-":
        return run_to_stdout(args, catalog, brand)
    answers = load_answers(args, path, catalog)
    out = render_file(catalog, answers, path, Path(given) if given else None, args.format,
                      args.lang, brand, force=args.force)
    print(f"wrote {shown(out)}", file=sys.stderr)
    verdict = answers.seal
    if verdict is not None and not verdict.holds:
        print(inert(f"assessor: note: the report is marked DRAFT: {verdict.reason}; sign the "
                    "file off again (`assessor sign-off`) to make it final"), file=sys.stderr)
    return 0


def run_to_stdout(args: argparse.Namespace, catalog: Catalog, brand: Brand) -> int:
    """Write one report (json or html) to standard output: ``run ANSWERS -o -``."""
    from assessor.render import render_bytes, stream_format

    fmt = stream_format(args.format)
    answers = load_answers(args, args.answers[0], catalog)
    data = render_bytes(catalog, answers, fmt, args.lang or answers.assessment.lang, brand)
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


def cmd_lint(args: argparse.Namespace) -> int:
    """Validate questionnaire files (the built-in ones and any given)."""
    from assessor.banks.catalog import lint
    from assessor.errors import InvalidFile

    problems = lint([*args.questionnaires, *args.paths], builtin=not args.no_builtin)
    if problems:
        raise InvalidFile(problems)
    print("questionnaires ok")
    return 0


def cmd_interview(args: argparse.Namespace) -> int:
    """Run the live interview (questionary is imported only here)."""
    from assessor.interview.app import run_interview

    return run_interview(args, catalog_for(args))


def cmd_diff(args: argparse.Namespace) -> int:
    """Compare two assessments of one organisation."""
    from assessor.diff import run_diff

    return run_diff(args, catalog_for(args))


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a file kind."""
    from assessor.schemas import schema_text

    sys.stdout.write(schema_text(args.kind))
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Carry an answers file to the current questionnaire versions."""
    from assessor.record.migrate import run_migrate

    return run_migrate(args, catalog_for(args))


def check_evidence_target(out: Path, force: bool) -> None:
    """Refuse an evidence workbook target: not .xlsx, not a regular file, or there unforced.

    Raises:
        AssessorError: the target cannot or may not be written.
    """
    from assessor.files import check_regular

    if out.suffix.lower() != ".xlsx":
        raise AssessorError(f"{display_path(out)}: the evidence list is written as a "
                            "workbook; name it .xlsx")
    if out.exists():
        check_regular(out)  # a device is never replaced, even with --force
        if not force:
            raise AssessorError(f"{display_path(out)} exists; use --force to replace it")


def cmd_evidence(args: argparse.Namespace) -> int:
    """List the evidence register per control; ``-o`` writes it as a workbook too."""
    from assessor.record.answers import load
    from assessor.terminal import evidence_lines

    catalog = catalog_for(args)
    answers = load(args.answers, catalog, allow_incomplete=True)  # evidence comes in for weeks
    lang = args.lang or answers.assessment.lang
    if args.output is not None:  # refuse a bad target before printing anything
        check_evidence_target(args.output, args.force)
    print("\n".join(map(inert, evidence_lines(catalog, answers, outstanding=args.outstanding,
                                              lang=lang))))
    if args.output is None:
        return 0
    from assessor.files import atomic_write
    from assessor.report.context import build_context
    from assessor.report.xlsx import render_evidence_xlsx
    from assessor.scoring import score

    context = build_context(catalog, answers, score(catalog, answers.answers), lang)
    atomic_write(args.output, render_evidence_xlsx(context))
    print(f"wrote {shown(args.output)}", file=sys.stderr)
    return 0


def cmd_sign_off(args: argparse.Namespace) -> int:
    """Record the reviewer and date in the answers file and mark it final."""
    import datetime as dt

    from assessor.model import SignOff
    from assessor.record.signoff import sign_off

    try:
        on = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        raise AssessorError(f"--date '{args.date}' must be a date written YYYY-MM-DD") from None
    if not args.by.strip():
        raise AssessorError("--by needs the reviewer's name")
    role = args.role.strip() if args.role and args.role.strip() else None
    signed, accepted = sign_off(args.answers, catalog_for(args),
                                SignOff(args.by.strip(), on.isoformat(), role),
                                accept_warnings=args.accept_warnings, key=args.key)
    print_warnings(accepted)
    sign = signed.assessment.signed_off
    assert sign is not None  # noqa: S101 - sign_off always records one
    note = f"; {len(accepted)} warning{'s' if len(accepted) != 1 else ''} accepted" \
        if accepted else ""
    print(inert(f"{display_path(args.answers)}: final, signed off by {sign.by}"
                f"{f' ({sign.role})' if sign.role else ''} on {sign.on}{note}"))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Say whether a file's sign-off holds; exit 2 when it does not."""
    from assessor.record.verify import verify

    for line in verify(args.answers, catalog_for(args), args.allowed_signers).lines:
        print(inert(line))
    return 0


def cmd_example(args: argparse.Namespace) -> int:
    """List the shipped examples, or write one to a file or standard output."""
    from assessor.examples import examples, find
    from assessor.files import atomic_write

    if not args.name:
        for example in examples():
            print(f"{example.name:<24} {example.summary}")
        return 0
    text = find(args.name).path.read_text(encoding="utf-8")
    if not args.output:
        sys.stdout.write(text)
        return 0
    if args.output.exists() and not args.force:
        raise AssessorError(f"{display_path(args.output)} exists; use --force to replace it")
    atomic_write(args.output, text)
    print(f"wrote {shown(args.output)}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Read a workbook (the client workbook) into a new or an existing answers file."""
    from assessor.record.importer import Request, import_workbook

    catalog = catalog_for(args)
    if args.prefer and not args.into:
        raise AssessorError("--prefer settles conflicts with an existing file: use it with --into")
    outcome = import_workbook(Request(args.workbook, args.output, args.into, args.prefer,
                                      args.force, tuple(selected(catalog, args.questionnaire))),
                              catalog)
    settled = f", {outcome.settled} conflicts settled" if outcome.settled else ""
    what = "actions" if outcome.kind == "gap-register" else "answers"
    done = "wrote" if outcome.added or outcome.changed or what == "answers" else "unchanged:"
    print(f"{done} {shown(outcome.path)} ({outcome.added} {what} added, "
          f"{outcome.changed} changed, {outcome.kept} kept{settled})", file=sys.stderr)
    return 0


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


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge several answers files of one organisation into one."""
    from dataclasses import replace

    from assessor.errors import InvalidFile, Problem
    from assessor.files import check_regular
    from assessor.record.answers import load
    from assessor.record.importer import save
    from assessor.record.lock import locked
    from assessor.record.merge import merge

    catalog = catalog_for(args)
    check_regular(args.output)
    if args.output.exists() and not args.force:
        raise AssessorError(f"{display_path(args.output)} exists; use --force to replace it")
    prefer = replace(merge_preference(args.prefer, args.answers, catalog),
                     leave_open=args.leave_open)
    with locked(args.output, "assessor merge"):
        files: list[Answers] = []
        problems: list[Problem] = []
        for path in args.answers:
            try:
                files.append(load(path, catalog, allow_incomplete=True))
            except InvalidFile as exc:
                problems += exc.problems
        if problems:
            raise InvalidFile(problems)
        if len({p.resolve() for p in args.answers}) != len(args.answers):
            raise InvalidFile([Problem(display_path(args.answers[0]), "a file is given twice")])
        merged = merge(files, catalog, prefer)
        save(args.output, merged.answers, catalog)
    settled = f", {merged.settled} conflicts settled" if merged.settled else ""
    left = f", {len(merged.left_open)} left open" if merged.left_open else ""
    print(f"wrote {display_path(args.output)} ({len(merged.answers.answers)} answers from "
          f"{len(files)} file{'s' if len(files) != 1 else ''}, {merged.combined} given alike "
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


def cmd_filing(args: argparse.Namespace) -> int:
    """Write a filing document (CAC self-assessment report or PIPIA) from the registers."""
    from assessor.filing.command import FilingRequest, run_filing

    out = run_filing(FilingRequest(args.kind, args.answers, args.output, args.lang, args.force,
                                   args.allow_incomplete), catalog_for(args))
    print(f"wrote {shown(out)}", file=sys.stderr)
    return 0


COMMANDS = {"list": cmd_list, "questions": cmd_questions, "template": cmd_template,
            "check": cmd_check, "score": cmd_score, "run": cmd_run, "lint": cmd_lint,
            "interview": cmd_interview, "diff": cmd_diff, "schema": cmd_schema,
            "migrate": cmd_migrate, "example": cmd_example, "evidence": cmd_evidence,
            "import": cmd_import, "sign-off": cmd_sign_off, "verify": cmd_verify,
            "merge": cmd_merge, "filing": cmd_filing}
