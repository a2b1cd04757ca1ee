"""The record's optional blocks: assessment state, the evidence register and tracked actions.

Every key here is optional, so files written before these blocks existed still load. Each block
is read with the same :class:`Reader` as the answers, so a mistake is reported with its line and
never stops the rest of the file from being checked; :func:`block_data` writes them back.
"""

from __future__ import annotations

from typing import Any

from assessor.banks.reader import Reader, kind_of
from assessor.bilingual import LANGS
from assessor.loader import LineDict, LineList
from assessor.model.catalog import Severity
from assessor.model.record import (
    ACTION_STATUSES,
    EVIDENCE_STATUSES,
    Action,
    Answers,
    Assessment,
    EvidenceItem,
    Reply,
    Revision,
    SeverityOverride,
    SignOff,
    Status,
)
from assessor.model.said import Said, said
from assessor.record.typed import iso

ASSESSMENT_KEYS = frozenset({"consultant", "firm", "date", "lang", "scope", "status",
                             "signed_off", "summary", "position", "version", "fieldwork",
                             "distribution", "history", "carried"})
FIELDWORK_KEYS = frozenset({"from", "to"})
REVISION_KEYS = frozenset({"version", "date", "by", "change"})
EVIDENCE_KEYS = frozenset({"title", "status", "file", "requested", "received", "note", "reply"})
REPLY_KEYS = frozenset({"provided", "file", "sent", "comment"})
ACTION_KEYS = frozenset({"owner", "due", "status", "comment"})
SIGN_OFF_KEYS = frozenset({"by", "role", "date", "digest", "covers", "signature",
                           "accepted"})
SEVERITY_KEYS = frozenset({"level", "justification"})
# Dates the statutory calendar counts from (``assessor calendar``): what happened, and when.
MILESTONES = {
    "security_assessment": "the CAC's security-assessment result was issued",
    "certification": "the PI protection certificate for transfers abroad was issued",
    "standard_contract": "the standard contract for transfers abroad took effect",
    "pi_audit": "the last PI protection compliance audit was completed",
    "minors_audit": "the last compliance audit of minors' personal information was completed",
    "risk_report": "the last annual risk-assessment report on important data was submitted",
}


def read_said(reader: Reader, block: LineDict, key: str, qid: str | None = None) -> Said | None:
    """Read a consultant's text: one string, or ``{en: ..., zh: ...}`` (either may be left out).

    A single string in Chinese is taken as the Chinese version, so a Chinese report never
    counts it as untranslated.
    """
    raw = block.get(key)
    if raw is None:
        return None
    if not isinstance(raw, LineDict):
        return said(reader.string(block, key, qid, required=False))
    reader.unknown_keys(raw, frozenset(LANGS), f"'{key}' (use en and zh)", qid)
    parts = {lang: (reader.string(raw, lang, qid, required=False) or "").strip()
             for lang in LANGS}
    if not any(parts.values()):
        return None
    return Said(parts["en"] or None, parts["zh"] or None)


def said_data(text: str | None) -> Any:
    """Return a consultant's text as written: ``{en, zh}`` when it has both, else the string."""
    if isinstance(text, Said) and text.en and text.zh:
        return {"en": text.en, "zh": text.zh}
    return str(text) if text is not None else None


def iso_date(reader: Reader, block: LineDict, key: str, qid: str | None = None) -> str | None:
    """Return ``block[key]`` as an ISO date (YYYY-MM-DD), or record a problem."""
    value = reader.string(block, key, qid, required=False)
    if value is None:
        return None
    try:
        return iso(value)
    except ValueError:
        reader.add(f"{key} '{value}' must be a date written YYYY-MM-DD", block.line_of(key), qid)
        return None


def choice(reader: Reader, block: LineDict, key: str, allowed: tuple[str, ...],
           default: str | None, qid: str | None = None) -> str | None:
    """Return ``block[key]`` if it is one of ``allowed``, else record a problem naming them."""
    value = reader.string(block, key, qid, required=False)
    if value is None:
        return default
    if value not in allowed:
        reader.add(f"{key} '{value}' is not one of {', '.join(allowed)}", block.line_of(key), qid)
        return default
    return value


def read_assessment_extras(block: LineDict, reader: Reader, known_banks: frozenset[str],
                           base: Assessment) -> Assessment:
    """Add the engagement keys (scope, status, sign-off, summary, position) to ``base``."""
    scope: list[str] = []
    if "scope" in block:
        raw = block["scope"]
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            reader.add("scope must be a list of questionnaire ids, such as [pipl, gdsi]",
                       block.line_of("scope"))
        else:
            for bank in items:
                if known_banks and bank not in known_banks:
                    reader.add(f"scope names unknown questionnaire '{bank}' (known: "
                               f"{', '.join(sorted(known_banks))})", block.line_of("scope"))
                elif bank not in scope:
                    scope.append(bank)
    status = choice(reader, block, "status", tuple(Status), None)
    signed_off = read_sign_off(block, reader)
    if status == Status.FINAL and "signed_off" not in block:
        reader.add("status 'final' needs a sign-off: record it with `assessor sign-off`",
                   block.line_of("status"))
    return Assessment(base.consultant, base.date, base.lang, base.firm, tuple(scope),
                      Status(status) if status else None, signed_off,
                      read_summary(block, reader), reader.string(block, "position",
                                                                 required=False),
                      reader.string(block, "version", required=False),
                      read_fieldwork(block, reader), read_distribution(block, reader),
                      read_history(block, reader), iso_date(reader, block, "carried"))


def read_fieldwork(block: LineDict, reader: Reader) -> tuple[str, str] | None:
    """Read ``fieldwork: {from, to}``, the period of the fieldwork (document control)."""
    if block.get("fieldwork") is None:
        return None
    raw = reader.mapping(block["fieldwork"], "'fieldwork'", block.line_of("fieldwork"))
    if raw is None:
        return None
    reader.unknown_keys(raw, FIELDWORK_KEYS, "'fieldwork' (use from and to)")
    start, end = iso_date(reader, raw, "from"), iso_date(reader, raw, "to")
    if not start or not end:
        if "from" not in raw or "to" not in raw:
            reader.add("'fieldwork' needs from and to (YYYY-MM-DD)", raw.line)
        return None
    if end < start:
        reader.add(f"fieldwork ends ({end}) before it starts ({start})", raw.line_of("to"))
        return None
    return start, end


def read_distribution(block: LineDict, reader: Reader) -> tuple[str, ...]:
    """Read ``distribution``: who receives the report, one name or a list."""
    raw = block.get("distribution")
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        reader.add("distribution must be a list of names, such as [Client DPO, Client CFO]",
                   block.line_of("distribution"))
        return ()
    return tuple(i.strip() for i in items if i.strip())


def read_history(block: LineDict, reader: Reader) -> tuple[Revision, ...]:
    """Read ``history: [{version, date, by, change}]``, the report's change history."""
    if block.get("history") is None:
        return ()
    if not isinstance(block["history"], list):
        reader.add("history must be a list of {version, date, by, change}",
                   block.line_of("history"))
        return ()
    out = []
    for entry, line in reader.items(block, "history"):
        item = reader.mapping(entry, "a history entry", line)
        if item is None:
            continue
        reader.unknown_keys(item, REVISION_KEYS, "a history entry")
        version = reader.string(item, "version")
        if version:
            out.append(Revision(version, iso_date(reader, item, "date"),
                                reader.string(item, "by", required=False),
                                reader.string(item, "change", required=False)))
    return tuple(out)


def read_sign_off(block: LineDict, reader: Reader) -> SignOff | None:
    """Read ``signed_off: {by, role, date, digest, covers, signature}``.

    The date's key is ``date``, not ``on``: YAML 1.1 reads an unquoted ``on`` as true.
    """
    if "signed_off" not in block:
        return None
    raw = reader.mapping(block["signed_off"], "'signed_off'", block.line_of("signed_off"))
    if raw is None:
        return None
    reader.unknown_keys(raw, SIGN_OFF_KEYS, "'signed_off'")
    by = reader.string(raw, "by")
    on = iso_date(reader, raw, "date")
    if "date" not in raw:
        reader.add("'date' is missing (the date of the sign-off)", raw.line)
    if not by or not on:
        return None
    covers = raw.get("covers") or []
    if not isinstance(covers, list) or not all(isinstance(c, str) for c in covers):
        reader.add("covers must be the list of questionnaire ids signed off",
                   raw.line_of("covers"))
        covers = []
    accepted = raw.get("accepted") or []
    if not isinstance(accepted, list) or not all(isinstance(a, str) for a in accepted):
        reader.add("accepted must be the list of warning kinds and question ids accepted",
                   raw.line_of("accepted"))
        accepted = []
    return SignOff(by, on, reader.string(raw, "role", required=False),
                   reader.string(raw, "digest", required=False), tuple(covers),
                   reader.string(raw, "signature", required=False), tuple(accepted))


def read_summary(block: LineDict, reader: Reader) -> dict[str, str]:
    """Read the consultant's summary: one text, or ``{en: ..., zh: ...}``."""
    if "summary" not in block or block["summary"] is None:
        return {}
    raw = block["summary"]
    if isinstance(raw, str):
        return {"en": raw.strip()} if raw.strip() else {}
    summary = reader.mapping(raw, "'summary'", block.line_of("summary"))
    if summary is None:
        return {}
    reader.unknown_keys(summary, frozenset(LANGS), "'summary' (use en and zh)")
    return {lang: text.strip() for lang in LANGS
            if (text := reader.string(summary, lang, required=False)) and text.strip()}


def read_severity(raw: LineDict, reader: Reader, qid: str) -> SeverityOverride | None:
    """Read an answer's ``severity: {level, justification}`` (the assessor's override)."""
    if "severity" not in raw or raw["severity"] is None:
        return None
    block = reader.mapping(raw["severity"], "'severity'", raw.line_of("severity"), qid)
    if block is None:
        return None
    reader.unknown_keys(block, SEVERITY_KEYS, "'severity'", qid)
    level = choice(reader, block, "level", tuple(Severity), None, qid)
    justification = read_said(reader, block, "justification", qid)
    if "level" not in block:
        reader.add("'level' is missing (critical, high, medium or low)", block.line, qid)
    if not justification:
        reader.add("a severity set by the assessor needs a justification", block.line, qid)
        return None
    return SeverityOverride(Severity(level), justification) if level else None


def read_evidence_register(top: LineDict, reader: Reader) -> dict[str, EvidenceItem]:
    """Read the ``evidence:`` register: ``ID: {title, status, file, requested, received}``."""
    if "evidence" not in top or top["evidence"] is None:
        return {}
    block = reader.mapping(top["evidence"], "'evidence'", top.line_of("evidence"))
    register: dict[str, EvidenceItem] = {}
    for item_id, raw in (block or {}).items():
        line = block.line_of(item_id) if block else None
        if isinstance(raw, str):
            register[str(item_id)] = EvidenceItem(str(item_id), raw, line=line)
            continue
        item = reader.mapping(raw, f"evidence item '{item_id}'", line)
        if item is None:
            continue
        reader.unknown_keys(item, EVIDENCE_KEYS, f"evidence item '{item_id}'")
        title = reader.string(item, "title")
        status = choice(reader, item, "status", EVIDENCE_STATUSES, "requested") or "requested"
        register[str(item_id)] = EvidenceItem(
            str(item_id), title or str(item_id), status,
            reader.string(item, "file", required=False), iso_date(reader, item, "requested"),
            iso_date(reader, item, "received"), reader.string(item, "note", required=False),
            line, read_reply(item, reader, str(item_id)))
    return register


def read_reply(item: LineDict, reader: Reader, item_id: str) -> Reply | None:
    """Read an item's ``reply: {provided, file, sent, comment}`` (the client's, on the list)."""
    if item.get("reply") is None:
        return None
    where = f"the reply to evidence item '{item_id}'"
    raw = reader.mapping(item["reply"], where, item.line_of("reply"))
    if raw is None:
        return None
    reader.unknown_keys(raw, REPLY_KEYS, where)
    provided = raw.get("provided")
    if provided is not None and not isinstance(provided, bool):
        reader.add(f"{where}: provided must be yes or no", raw.line_of("provided"))
        provided = None
    return Reply(provided, reader.string(raw, "file", required=False),
                 iso_date(reader, raw, "sent"), reader.string(raw, "comment", required=False))


def read_actions(top: LineDict, reader: Reader, known: frozenset[str]) -> dict[str, Action]:
    """Read ``actions: {question id: {owner, due, status, comment}}``."""
    if "actions" not in top or top["actions"] is None:
        return {}
    block = reader.mapping(top["actions"], "'actions'", top.line_of("actions"))
    actions: dict[str, Action] = {}
    for qid, raw in (block or {}).items():
        line = block.line_of(qid) if block else None
        if known and qid not in known:
            reader.add("an action for an unknown question", line, str(qid))
            continue
        item = reader.mapping(raw, "an action", line, str(qid))
        if item is None:
            continue
        reader.unknown_keys(item, ACTION_KEYS, "an action", str(qid))
        status = choice(reader, item, "status", ACTION_STATUSES, "open", str(qid)) or "open"
        actions[str(qid)] = Action(str(qid), reader.string(item, "owner", str(qid),
                                                           required=False),
                                   iso_date(reader, item, "due", str(qid)), status,
                                   read_said(reader, item, "comment", str(qid)), line)
    return actions


def read_milestones(top: LineDict, reader: Reader) -> dict[str, str]:
    """Read ``milestones: {kind: YYYY-MM-DD}``, the dates the statutory calendar counts from."""
    if "milestones" not in top or top["milestones"] is None:
        return {}
    block = reader.mapping(top["milestones"], "'milestones'", top.line_of("milestones"))
    if block is None:
        return {}
    reader.unknown_keys(block, frozenset(MILESTONES), "'milestones'")
    found = {}
    for kind in MILESTONES:
        if (date := iso_date(reader, block, kind)) is not None:
            found[kind] = date
    return found


def read_evidence_refs(raw: LineDict, reader: Reader, qid: str) -> tuple[str, ...]:
    """Read an answer's evidence: register ids or document names (one string is accepted)."""
    value = raw.get("evidence")
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, LineList | list) and all(isinstance(v, str | int | float) and
                                                  not isinstance(v, bool) for v in value):
        typed = getattr(value, "item_sources", [None] * len(value))
        return tuple(t if t is not None else str(v)  # 007 stays 007, not 7
                     for v, t in zip(value, typed, strict=True))
    reader.add(f"evidence must be a list of evidence ids or document names, not "
               f"{kind_of(value)}", raw.line_of("evidence"), qid)
    return ()


def assessment_data(assessment: Assessment) -> dict[str, Any]:
    """Return the plain data of the ``assessment`` block, omitting what is not set."""
    data: dict[str, Any] = {k: v for k, v in (
        ("consultant", assessment.consultant), ("firm", said_data(assessment.firm)),
        ("date", assessment.date), ("lang", assessment.lang)) if v}
    if assessment.scope:
        data["scope"] = list(assessment.scope)
    if assessment.status:
        data["status"] = str(assessment.status)
    if assessment.signed_off:
        sign = assessment.signed_off
        data["signed_off"] = {k: v for k, v in (
            ("by", sign.by), ("role", sign.role), ("date", sign.on),
            ("covers", list(sign.covers)), ("accepted", list(sign.accepted)),
            ("digest", sign.digest), ("signature", sign.signature)) if v}
    if assessment.summary:
        data["summary"] = dict(assessment.summary)
    if assessment.position:
        data["position"] = assessment.position
    if assessment.carried:
        data["carried"] = assessment.carried
    return data | control_data(assessment)


def control_data(assessment: Assessment) -> dict[str, Any]:
    """Return the document control keys (version, fieldwork, distribution, history) as written."""
    data: dict[str, Any] = {}
    if assessment.version:
        data["version"] = assessment.version
    if assessment.fieldwork:
        data["fieldwork"] = {"from": assessment.fieldwork[0], "to": assessment.fieldwork[1]}
    if assessment.distribution:
        data["distribution"] = list(assessment.distribution)
    if assessment.history:
        data["history"] = [{k: v for k, v in (("version", r.version), ("date", r.date),
                                               ("by", r.by), ("change", r.change)) if v}
                           for r in assessment.history]
    return data


def reply_data(reply: Reply | None) -> dict[str, Any] | None:
    """Return the client's reply as the file keeps it (None when there is none)."""
    if reply is None:
        return None
    return {k: v for k, v in (("provided", reply.provided), ("file", reply.file),
                              ("sent", reply.sent), ("comment", reply.comment))
            if v is not None} or None


def block_data(answers: Answers) -> dict[str, Any]:
    """Return the ``evidence``, ``actions`` and ``milestones`` blocks (empty ones left out)."""
    data: dict[str, Any] = {}
    if answers.evidence:
        data["evidence"] = {item.id: {k: v for k, v in (
            ("title", item.title), ("status", item.status), ("file", item.file),
            ("requested", item.requested), ("received", item.received), ("note", item.note),
            ("reply", reply_data(item.reply))) if v} for item in answers.evidence.values()}
    if answers.actions:
        data["actions"] = {action.qid: {k: v for k, v in (
            ("owner", action.owner), ("due", action.due), ("status", action.status),
            ("comment", said_data(action.comment))) if v} for action in answers.actions.values()}
    if answers.milestones:
        data["milestones"] = {k: answers.milestones[k] for k in MILESTONES
                              if k in answers.milestones}
    return data
