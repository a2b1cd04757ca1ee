"""Evidence list columns: what the request list's workbook holds, shared by writer and reader.

Kept apart from :mod:`assessor.record.evidencebook` (the reader, which needs the file lock and
the answers file's save) so writing the list imports neither.
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
HEADER_SEARCH = 15  # rows searched for the header (the title block sits above it)


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
