"""Evidence list workbook: what the client returns on the evidence request list, read back.

``assessor evidence ANSWERS -o request.xlsx`` writes the list
(:mod:`assessor.report.evidencexlsx`); the client answers each row (Provided?, File name, Date
sent, Your comment) and ``assessor import request.xlsx --into ANSWERS`` records the replies on
the evidence register, through the answers file's own check and under its lock. The workbook is
recognised by its hidden marker sheet (kind ``evidence-list``), which also lists the rows sent.
"""

from __future__ import annotations

from functools import lru_cache

from assessor.files import load_data
from assessor.resources import templates_dir

KIND = "evidence-list"
FORMAT = "assessor-evidence-list/1"
# field -> the strings.yaml key of its column title; the client's columns come last
COLUMNS = {"ref": "evl_ref", "document": "evl_document", "why": "evl_why",
           "status": "evl_status", "received": "evl_received", "provided": "evl_provided",
           "file": "evl_file", "sent": "evl_sent", "comment": "evl_comment"}
CLIENT = ("provided", "file", "sent", "comment")


@lru_cache(maxsize=1)
def labels() -> dict[str, tuple[str, ...]]:
    """Return the list's column titles and Yes/No in every language, by text key."""
    raw = load_data(templates_dir() / "strings.yaml")
    keys = {*COLUMNS.values(), "evl_yes", "evl_no"}
    return {key: tuple(str(v) for v in raw[key].values() if v) for key in keys}


def answers_yes_no() -> dict[str, bool]:
    """Return every accepted spelling of Provided? (label in either language, y/n) -> bool."""
    found = {"y": True, "n": False, "yes": True, "no": False, "true": True, "false": False}
    found |= {label.casefold(): True for label in labels()["evl_yes"]}
    found |= {label.casefold(): False for label in labels()["evl_no"]}
    return found
