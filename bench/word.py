"""Word reports: `assessor run FULL -o x.docx`, English and Chinese, and every bank in scope.

The target (2.5 s for the largest example) covers the whole command as a user runs it: start-up,
catalog, answers, scoring, the view model, the two PNG charts (Pillow) and the DOCX package
(python-docx). A fresh process each time. Then the renderers alone, in process (median CPU
time): the view model, and from it the JSON, HTML, DOCX and XLSX reports, in English and Chinese.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from common import ASSESSOR, Report, generated, time_command, write_answers
from reading import median_cpu
from startup import brackets

TARGET = 2.5
IN_PROCESS = {"json": 10.0, "html": 40.0, "docx": 120.0, "xlsx": 100.0}  # ms, full example


def run(report: Report, full: Path, work: Path, repeat: int) -> None:
    """Measure the DOCX run on the full example in both languages, and on a generated file."""
    from assessor.banks.catalog import load_catalog

    report.section(f"Word reports (best of {repeat} runs; median and CPU time in brackets)")
    folder = work / "word"
    folder.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "zh"):
        out = folder / f"report-{lang}.docx"
        timed = time_command([*ASSESSOR, "run", str(full), "-o", str(out), "--lang", lang],
                             repeat)
        report.figure(f"assessor run -> DOCX ({lang}, {full.name})", timed.best, target=TARGET,
                      note=f"{brackets(timed)}; {describe(out)}")
    every = write_answers(folder / "every-bank.yaml", generated(load_catalog(), 1))
    out = folder / "every-bank.docx"
    timed = time_command([*ASSESSOR, "run", str(every), "-o", str(out)], repeat)
    report.figure("assessor run -> DOCX (generated, every bank in scope)", timed.best,
                  note=f"{brackets(timed)}; {describe(out)}")
    renderers(report, full, repeat)


def renderers(report: Report, full: Path, repeat: int) -> None:
    """Time the view model and each in-process renderer on the full example (median CPU)."""
    from assessor.banks.catalog import load_catalog
    from assessor.banks.scope import engaged
    from assessor.record.answers import load
    from assessor.report import formats
    from assessor.report.context import build_context
    from assessor.scoring import score

    report.section(f"Report renderers in process ({full.name}, median CPU time of {repeat * 3})")
    answers = load(full, load_catalog())
    catalog = engaged(load_catalog(), answers.assessment.scope)
    result = score(catalog, answers.answers)
    for lang in ("en", "zh"):
        spent = median_cpu(lambda lang=lang: build_context(catalog, answers, result, lang),
                           repeat * 3)
        report.figure(f"build the report context ({lang})", 1000 * spent, " ms")
        context = build_context(catalog, answers, result, lang)
        for name, target in IN_PROCESS.items():
            spent = median_cpu(lambda name=name, context=context: formats.render(name, context),
                               repeat * 3)
            size = len(formats.render(name, context))
            report.figure(f"render {name.upper()} ({lang})", 1000 * spent, " ms", target=target,
                          note=f"{size // 1024} KB")


def describe(docx: Path) -> str:
    """Say how big a DOCX is: bytes, and the tables and paragraphs of its body."""
    body = zipfile.ZipFile(docx).read("word/document.xml")
    return (f"{docx.stat().st_size // 1024} KB, {body.count(b'<w:tbl>')} tables, "
            f"{body.count(b'<w:p>')} paragraphs")
