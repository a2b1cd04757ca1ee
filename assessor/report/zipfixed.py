"""Office packages (DOCX, XLSX) zipped at one fixed time, so the same report gives the same bytes.

A zip member records when it was written; the DOCX and XLSX writers both give every member the
same time, here, instead of each keeping its own copy of the loop and of the date.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip member can record
OWNER_READ_WRITE = 0o600 << 16  # a member's file mode, as external attributes


def fixed_package(members: Iterable[tuple[str, bytes, int]]) -> bytes:
    """Return a zip of ``(name, data, external attributes)`` members in order, at FIXED_TIME."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data, attributes in members:
            fixed = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = attributes
            target.writestr(fixed, data)
    return out.getvalue()
