"""Writing an answers file's data: the record as plain data, its digest, YAML or JSON text.

The order is the catalog's, an answer is a bare value unless it carries more, and a final file
whose record no longer matches its sign-off is written as a draft. The checked write (the text
read back before it is written) is :func:`assessor.record.answers.save`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from assessor.model.catalog import Catalog
from assessor.model.record import ANSWERS_FORMAT, Answer, Answers, Status
from assessor.record import seal
from assessor.record.blocks import assessment_data, block_data, said_data
from assessor.record.conflicts import conflict_data
from assessor.record.inventory_data import inventory_data, ownership_data
from assessor.record.values import plain_value

# libyaml's emitter writes the same text as PyYAML's, 30 times faster: the interview saves the
# whole file after every answer, so this is most of the time between two questions.
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def record_data(answers: Answers, catalog: Catalog | None = None,
                out_of_scope: Iterable[str] = (), kept: Mapping[str, str] | None = None
                ) -> dict[str, Any]:
    """Return the plain data of an answers file, in catalog order when a catalog is given.

    With a catalog the file records its bank versions: those the answers were given against are
    kept (``answers.versions``, and ``kept`` for a continued interview) and a bank answered for
    the first time gets its current version. Only ``migrate`` moves a file to newer versions.
    """
    order = catalog.order if catalog else {}
    hidden = set(out_of_scope)
    body: dict[str, Any] = {}
    for qid in sorted(answers.answers, key=lambda q: (order.get(q, len(order)), q)):
        if answers.answers[qid].via in answers.answers:  # answered under another: once
            continue
        body[qid] = answer_data(answers.answers[qid], hidden=qid in hidden)
    data: dict[str, Any] = {"format": ANSWERS_FORMAT, "organisation": {
        k: said_data(v) for k, v in (("name", answers.organisation.name),
                                     ("sector", answers.organisation.sector)) if v}}
    if answers.organisation.ownership:
        data["organisation"]["ownership"] = ownership_data(answers.organisation.ownership)
    data["assessment"] = assessment_data(answers.assessment)
    if answers.versions or catalog:
        data["versions"] = written_versions(answers, catalog, kept)
    blocks = block_data(answers)
    if "evidence" in blocks:
        data["evidence"] = blocks["evidence"]
    data["answers"] = body
    if "actions" in blocks:
        data["actions"] = blocks["actions"]
    if answers.inventory:
        data["inventory"] = inventory_data(answers.inventory)
    if "milestones" in blocks:
        data["milestones"] = blocks["milestones"]
    return data


def written_versions(answers: Answers, catalog: Catalog | None,
                     kept: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the bank versions a file records: those it was answered against, else current."""
    versions = {q.id: q.version for q in catalog.questionnaires} if catalog else {}
    versions.update(answers.versions)
    versions.update(kept or {})
    return versions


def to_data(answers: Answers, catalog: Catalog | None = None,
            out_of_scope: Iterable[str] = (), kept: Mapping[str, str] | None = None
            ) -> dict[str, Any]:
    """Return the plain data to write (see :func:`record_data`), final only if still sealed.

    A final file whose record, as about to be written, no longer matches its sign-off's digest
    is written as a draft: every writer keeps the promise that nothing unsigned reads final.
    """
    data = record_data(answers, catalog, out_of_scope, kept)
    sign = answers.assessment.signed_off
    if answers.assessment.status is Status.FINAL and (  # out_of_scope marks are derived
            sign is None or sign.digest != seal.digest_of(record_data(answers, catalog, (),
                                                                      kept))):
        data["assessment"]["status"] = str(Status.DRAFT)
    return data


def record_digest(answers: Answers) -> str:
    """Return the seal's digest of the record as the file holds it (:mod:`assessor.record.seal`)."""
    return seal.digest_of(record_data(answers))


def answer_data(answer: Answer, *, hidden: bool = False) -> Any:
    """Return one answer as written: the bare value, or a mapping when it carries more."""
    entry: dict[str, Any] = {"answer": plain_value(answer.value)}
    for key in ("note", "finding", "flag"):
        if getattr(answer, key):
            entry[key] = said_data(getattr(answer, key))
    if answer.severity:
        entry["severity"] = {"level": str(answer.severity.level),
                             "justification": said_data(answer.severity.justification)}
    if answer.evidence:
        entry["evidence"] = list(answer.evidence)
    for key in ("by", "at", "carried"):
        if getattr(answer, key):
            entry[key] = getattr(answer, key)
    if answer.internal:
        entry["internal"] = said_data(answer.internal)
    if answer.conflict:
        entry["conflict"] = conflict_data(answer.conflict, plain_value)
    if hidden:
        entry["out_of_scope"] = True
    return entry if len(entry) > 1 else entry["answer"]


def dump(answers: Answers, catalog: Catalog | None = None,
         out_of_scope: Iterable[str] = (), kept: Mapping[str, str] | None = None, *,
         as_json: bool = False) -> str:
    """Return the YAML (or JSON) text of an answers file (``kept``: see :func:`to_data`)."""
    data = to_data(answers, catalog, out_of_scope, kept)
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=100)


def writes_json(path: Path) -> bool:
    """Return whether an answers file at ``path`` is written as JSON: named .json, or JSON now.

    An integrator's JSON file stays JSON when the tool rewrites it (sign-off, import --into,
    the interview), so ``json.load`` keeps reading it.
    """
    if path.suffix.lower() == ".json":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    except OSError:
        return False
