"""What question banks and the catalog both read: support tables, one file, a list of options.

Kept below both :mod:`.bankfile` (one questionnaire) and :mod:`.catalog` (all of them), so
neither imports the other from underneath.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assessor.banks.reader import Reader
from assessor.bilingual import Text
from assessor.errors import InvalidFile
from assessor.files import load_data
from assessor.loader import LineDict
from assessor.model.catalog import Instrument, Option, Principle, Severity, Workstream

ID_PART = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass
class Sources:
    """The raw material of a catalog: instruments, principles and shared scales."""

    instruments: dict[str, Instrument] = field(default_factory=dict)
    principles: dict[int, Principle] = field(default_factory=dict)
    scales: dict[str, tuple[Option, ...]] = field(default_factory=dict)
    caps: dict[Severity, str] = field(default_factory=dict)
    workstreams: dict[str, Workstream] = field(default_factory=dict)


def read_file(path: Path, reader: Reader) -> LineDict | None:
    """Parse one file into a mapping, recording problems instead of raising."""
    try:
        raw = load_data(path)
    except InvalidFile as exc:
        reader.problems.extend(exc.problems)
        return None
    return reader.mapping(raw, "the file")


def read_options(raw: object, reader: Reader, line: int | None, qid: str, *,
                 scored: bool) -> tuple[Option, ...]:
    """Read a list of options; in a bank every option must carry a score in [0, 1]."""
    if not isinstance(raw, list):
        reader.add("options must be a list", line, qid)
        return ()
    options: list[Option] = []
    lines = getattr(raw, "item_lines", [line] * len(raw))
    for value, item_line in zip(raw, lines, strict=True):
        item = reader.mapping(value, "an option", item_line, qid)
        if item is None:
            continue
        option_id = reader.string(item, "id", qid) or ""
        if option_id and not ID_PART.match(option_id):
            reader.add(f"option id '{option_id}' must be lowercase letters, digits and _",
                       item_line, qid)
        if any(o.id == option_id for o in options):
            reader.add(f"option '{option_id}' is listed twice", item_line, qid)
        score = reader.number(item, "score", qid)
        if scored and score is None and "score" not in item:
            reader.add(f"option '{option_id}' has no score", item_line, qid)
        if score is not None and not 0 <= score <= 1:
            reader.add(f"option '{option_id}' score {score:g} is outside 0..1", item_line, qid)
        label = reader.text(item, "label", qid) or Text(option_id, option_id)
        options.append(Option(option_id, label, score if scored else None))
    if not options:
        reader.add("no options given", line, qid)
    return tuple(options)
