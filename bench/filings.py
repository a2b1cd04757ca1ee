"""Filing documents: `assessor filing KIND FILE -o x.docx|x.pdf` for the shipped examples.

The CAC self-assessment report of the crossborder example and the PIPIA of the retail example,
as DOCX (the target: 2 s, the whole command as a user runs it, a fresh process each time) and as
the review PDF (WeasyPrint lays out every page, so it is slower; no target).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from common import ASSESSOR, EXAMPLES, Report, time_command
from startup import brackets

TARGET_DOCX = 2.0
DOCUMENTS = (("cac-self-assessment", "crossborder-ecommerce.yaml"),
             ("pipia", "retail-standard-contract.yaml"))


def run(report: Report, work: Path, repeat: int) -> None:
    """Time each document of each example, DOCX in both languages and the Chinese PDF."""
    report.section(f"Filing documents (best of {repeat} runs; median and CPU time in brackets)")
    folder = work / "filings"
    folder.mkdir(parents=True, exist_ok=True)
    for kind, name in DOCUMENTS:
        source = EXAMPLES / name
        if not source.exists():
            continue
        for suffix, lang, target in (("docx", "zh", TARGET_DOCX), ("docx", "en", TARGET_DOCX),
                                     ("pdf", "zh", None)):
            out = folder / f"{kind}-{lang}.{suffix}"
            timed = time_command([*ASSESSOR, "filing", kind, str(source), "-o", str(out),
                                  "--lang", lang, "--force"], repeat if suffix == "docx" else 2)
            report.figure(f"assessor filing {kind} -> {suffix.upper()} ({lang}, {name})",
                          timed.best, target=target, note=f"{brackets(timed)}; {describe(out)}")


def describe(out: Path) -> str:
    """Say how big the document is."""
    size = f"{out.stat().st_size // 1024} KB"
    if out.suffix != ".docx":
        return size
    body = zipfile.ZipFile(out).read("word/document.xml")
    return f"{size}, {body.count(b'<w:tbl>')} tables, {body.count(b'<w:p>')} paragraphs"
