"""The kinds of file the tool tells apart, and how a refusal names each.

Writing a report over the last one is ordinary; writing it over a file of another kind (an
answers file, a workbook, a client's document) is refused without ``--force``. Every output
format names the kind its files read as (:mod:`assessor.report.formats`), so the refusal has a
name for every format there is. A leaf module: ``--help`` reads it without loading anything.
"""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal["pdf", "html", "json", "xlsx", "docx", "answers", "yaml", "zip", "text", "other",
               "empty"]
KINDS: tuple[Kind, ...] = get_args(Kind)
KIND_NAMES: dict[Kind, str] = {
    "pdf": "a PDF", "html": "an HTML page", "json": "a JSON file", "xlsx": "a workbook",
    "docx": "a Word document", "answers": "an answers file", "yaml": "a YAML file",
    "zip": "a zip archive", "text": "a text file", "other": "a file of another kind",
    "empty": "an empty file"}
