"""Engagement: the client workbook written and read back, and five respondents' files merged."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from common import (
    ASSESSOR,
    Report,
    examples,
    generated,
    median_time,
    time_command,
    write_answers,
)
from startup import brackets


def run(report: Report, work: Path, repeat: int) -> None:
    """Measure `template --format xlsx`, `import` and `merge` on full files of every bank."""
    from assessor.banks.catalog import load_catalog

    catalog = load_catalog()
    report.section(f"Engagement (best of {repeat} runs; median and CPU time in brackets)")
    folder = work / "engagement"
    folder.mkdir(parents=True, exist_ok=True)
    files = [write_answers(folder / f"respondent-{seed}.yaml", same_organisation(
        generated(catalog, seed))) for seed in range(1, 6)]
    full = files[0]
    count = len(generated(catalog, 1)["answers"])
    report.info(f"full file: every bank in scope, {count} answers (generated, seed 1)")
    blank = folder / "blank.xlsx"
    timed = time_command([*ASSESSOR, "template", "--format", "xlsx", "-o", str(blank),
                          "--force"], repeat)
    report.figure("template --format xlsx (every question, blank)", timed.best, target=1.0,
                  note=brackets(timed))
    book = folder / "full.xlsx"
    timed = time_command([*ASSESSOR, "template", "-o", str(book), "--from", str(full),
                          "--force"], repeat)
    report.figure("template --format xlsx --from FULL (answers filled in)", timed.best,
                  target=1.0, note=brackets(timed))
    back = folder / "imported.yaml"
    timed = time_command([*ASSESSOR, "import", str(book), "-o", str(back), "--force"], repeat)
    report.figure(f"import of the full workbook ({count} answers)", timed.best, target=1.0,
                  note=brackets(timed))
    into = folder / "into.yaml"
    into.write_bytes(full.read_bytes())
    timed = time_command([*ASSESSOR, "import", str(book), "--into", str(into)], repeat)
    report.figure("import --into the same answers (all kept)", timed.best, target=1.0,
                  note=brackets(timed))
    evidence_list(report, folder, full, repeat)
    alike = [write_answers(folder / f"alike-{n}.yaml", same_organisation(
        generated(catalog, 1))) for n in range(5)]
    merged = folder / "merged.yaml"
    timed = time_command([*ASSESSOR, "merge", *map(str, alike), "-o", str(merged), "--force"],
                         repeat)
    report.figure("merge of five full files, answers alike", timed.best, target=0.5,
                  note=brackets(timed))
    timed = time_command([*ASSESSOR, "merge", *map(str, files), "-o", str(merged), "--force",
                          "--prefer", str(files[0])], repeat)
    report.figure("merge of five full files, answers differing (--prefer)", timed.best,
                  target=0.5, note=brackets(timed))
    stages(report, catalog, full, book, files)
    example_workbook(report, catalog, repeat)


def evidence_list(report: Report, folder: Path, full: Path, repeat: int) -> None:
    """Measure the evidence request list written in each format and a filled one read back."""
    from openpyxl import load_workbook

    dates = ["--date", "2026-12-07", "--due", "2026-12-20", "--force"]
    for suffix, target in ((".xlsx", 1.0), (".docx", 1.5), (".pdf", 4.0)):
        out = folder / f"request{suffix}"
        timed = time_command([*ASSESSOR, "evidence", str(full), "-o", str(out), *dates], repeat)
        report.figure(f"evidence -o request{suffix} (every document FULL names)", timed.best,
                      target=target, note=brackets(timed))
    book = load_workbook(folder / "request.xlsx")
    sheet = book.worksheets[0]
    answered = 0
    for row in sheet.iter_rows(min_row=9):
        if row[1].value and row[5].protection.locked is False:
            row[5].value, row[6].value, row[8].value = "Yes", f"file-{answered}.pdf", "sent"
            answered += 1
    book.save(folder / "filled.xlsx")
    into = folder / "replies.yaml"
    into.write_bytes(full.read_bytes())
    timed = time_command([*ASSESSOR, "import", str(folder / "filled.xlsx"), "--into",
                          str(into)], 1)
    report.figure(f"import of the filled list --into ({answered} replies)", timed.best,
                  target=1.0, note=brackets(timed))


def stages(report: Report, catalog: Any, full: Path, book: Path, files: list[Path]) -> None:
    """Time the work itself in this process (medians of 9): what start-up does not explain."""
    from assessor.record.answers import load
    from assessor.record.importer import Request, import_workbook
    from assessor.record.merge import merge
    from assessor.record.workbook import plan, write_workbook

    base = load(full, catalog)
    out = full.with_name("stage.yaml")
    loaded = [load(f, catalog) for f in files]
    parts = [
        ("write the workbook (openpyxl)", lambda: write_workbook(catalog, plan(catalog, "en",
                                                                               (), base))),
        ("read, check and write its answers", lambda: import_workbook(
            Request(book, out, force=True), catalog)),
        ("load five files and merge them", lambda: merge([load(f, catalog) for f in files],
                                                          catalog, str(files[0]))),
        ("merge five loaded files", lambda: merge(loaded, catalog, str(files[0]))),
    ]
    shown = []
    for name, fn in parts:
        shown.append(f"{name} {1000 * median_time(fn, 9):.0f} ms")
    report.info("in process: " + "; ".join(shown))


def example_workbook(report: Report, catalog: Any, repeat: int) -> None:
    """Time writing the largest example's client workbook and reading it back, in process.

    CPU time (medians): reading is openpyxl's load with the reader's shortcuts
    (``assessor.record.bookreader``) against openpyxl's own load of the same bytes.
    """
    import io

    from openpyxl import load_workbook

    from assessor.record.answers import load
    from assessor.record.bookreader import load as read_book
    from assessor.record.workbook import plan, write_workbook

    example = examples()[0]
    base = load(example, catalog)
    chosen = plan(catalog, base.assessment.lang, (), base)
    data = write_workbook(catalog, chosen)
    count = sum(len(questions) for _, questions in chosen.sheets)
    report.info(f"{example.name}: a client workbook of {count} questions, {len(data) // 1024} KB")
    for name, target, fn in (
            ("write the example's client workbook (CPU)", 0.15,
             lambda: write_workbook(catalog, chosen)),
            ("read it back (assessor's reader, CPU)", 0.05, lambda: read_book(data)),
            ("read it back (openpyxl alone, CPU)", None,
             lambda: load_workbook(io.BytesIO(data)))):
        report.figure(name, median_time(fn, repeat, clock=time.process_time), target=target)


def same_organisation(data: dict[str, Any]) -> dict[str, Any]:
    """Return generated data as one organisation's (generated files are each their own)."""
    data["organisation"] = {"name": "Benchmark Organisation", "sector": "e-commerce"}
    return data
