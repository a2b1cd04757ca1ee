"""``assessor questions``: every question with its details, or the banks' export as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from assessor.commands.common import catalog_for, selected
from assessor.terminal import inert, json_text

HELP = "every question with its details"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``questions``."""
    parser.add_argument("-q", "--questionnaire", metavar="ID", action="append", default=[],
                        help="only the questions of this bank (repeat for more)")
    parser.add_argument("--json", action="store_true",
                        help="print the complete export of the banks as JSON (both languages, "
                             "help, remediation, references; schema: `assessor schema "
                             "questions`)")


def run(args: argparse.Namespace) -> int:
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
