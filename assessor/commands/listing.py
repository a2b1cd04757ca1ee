"""``assessor list``: the questionnaires available, with their versions and counts."""

from __future__ import annotations

import argparse

from assessor.commands.common import catalog_for
from assessor.terminal import inert, json_text

HELP = "questionnaires available"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``list``."""
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
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
