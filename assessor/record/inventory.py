"""Read the ``inventory:`` block and ``organisation.ownership``: the filings' registers.

Every part is optional and read like the rest of the record: each mistake is reported with its
line and the register entry's id, and never stops the rest of the file from being checked. Links
that name an unknown item, recipient or system are mistakes of the file, found here; whether the
registers agree with the profile and the law is :mod:`assessor.filing.checks`' job. Writing
them back is :mod:`assessor.record.inventory_data`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from assessor.banks.reader import Reader, kind_of
from assessor.bilingual import LANGS, Text
from assessor.loader import LineDict, LineList
from assessor.record.blocks import choice, iso_date
from assessor.registers import (
    CATEGORIES,
    LOCATIONS,
    PENALTY_STATUSES,
    ROUTES,
    SYSTEM_KINDS,
    Counts,
    DataItem,
    Inventory,
    Ownership,
    Penalty,
    Recipient,
    SecurityBody,
    SelfAssessment,
    Shareholder,
    System,
    ThirdParty,
    Transfer,
)

INVENTORY_KEYS = frozenset({"data_items", "recipients", "systems", "transfers", "counts",
                            "business", "security_body", "penalties", "self_assessment"})
ITEM_KEYS = frozenset({"id", "scenario", "name", "category", "description", "necessity",
                       "example", "remark"})
RECIPIENT_KEYS = frozenset({"id", "name", "country", "role", "purpose", "method", "measures",
                            "onward", "contract"})
SYSTEM_KEYS = frozenset({"id", "name", "location", "kind", "provider", "place"})
TRANSFER_KEYS = frozenset({"id", "scenario", "items", "from", "to", "stored_in", "method",
                           "endpoints", "frequency", "retention", "route", "exemption"})
COUNTS_KEYS = frozenset({"year", "individuals", "sensitive", "forecast"})
BODY_KEYS = frozenset({"name", "head", "members", "duties"})
PENALTY_KEYS = frozenset({"date", "authority", "matter", "remediation", "status"})
SELF_KEYS = frozenset({"from", "to", "team", "method", "third_party", "filing"})
THIRD_KEYS = frozenset({"name", "profile", "role"})
OWNERSHIP_KEYS = frozenset({"shareholders", "controller", "investments"})
SHAREHOLDER_KEYS = frozenset({"name", "share", "country"})
FORECAST_YEARS = 3  # the forms ask for a forecast of the next 3 years

T = TypeVar("T")


def words(reader: Reader, raw: LineDict, key: str, where: str | None = None, *,
          required: bool = False) -> Text | None:
    """Return a register text: one string (both languages), or ``{en, zh}``."""
    if key not in raw or raw[key] is None:
        if required:
            reader.add(f"'{key}' is missing", raw.line, where)
        return None
    value = raw[key]
    if isinstance(value, LineDict):
        reader.unknown_keys(value, frozenset(LANGS), f"'{key}' (use en and zh)", where)
        parts = {lang: reader.string(value, lang, where, required=False) or "" for lang in LANGS}
        if not any(p.strip() for p in parts.values()):
            reader.add(f"'{key}' is empty", raw.line_of(key), where)
            return None
        en, zh = parts["en"].strip(), parts["zh"].strip()
        return Text(en or zh, zh)
    text = reader.string(raw, key, where, required=required)
    if text is None:
        return None
    if not text.strip():
        if required:
            reader.add(f"'{key}' is empty", raw.line_of(key), where)
        return None
    return Text(text.strip(), "")


def entries(reader: Reader, top: LineDict, key: str, allowed: frozenset[str],
            read: Callable[[LineDict, str], T | None]) -> tuple[T, ...]:
    """Read the list ``top[key]`` of register entries, each a mapping with a unique ``id``."""
    found: list[T] = []
    seen: dict[str, int | None] = {}
    for raw, line in reader.items(top, key, required=False):
        entry = reader.mapping(raw, f"an entry of '{key}'", line)
        if entry is None:
            continue
        entry_id = reader.string(entry, "id") if "id" in allowed else None
        where = entry_id or f"{key}[{len(found) + 1}]"
        reader.unknown_keys(entry, allowed, f"an entry of '{key}'", where)
        if entry_id is not None:
            if entry_id in seen:
                reader.add(f"id '{entry_id}' is used twice in '{key}' (first on line "
                           f"{seen[entry_id]})", entry.line_of("id"), entry_id)
                continue
            seen[entry_id] = entry.line_of("id")
        value = read(entry, where)
        if value is not None:
            found.append(value)
    return tuple(found)


def ids(reader: Reader, raw: LineDict, key: str, where: str) -> tuple[str, ...]:
    """Return a list of ids (or one id) given under ``key``."""
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, LineList) and all(isinstance(v, str | int) and not isinstance(v, bool)
                                           for v in value):
        return tuple(str(v) for v in value)
    reader.add(f"'{key}' must be a list of ids, not {kind_of(value)}", raw.line_of(key), where)
    return ()


def whole(reader: Reader, raw: LineDict, key: str, where: str | None,
          *, required: bool = False) -> int | None:
    """Return ``raw[key]`` as a whole number of zero or more."""
    if key not in raw:
        if required:
            reader.add(f"'{key}' is missing", raw.line, where)
        return None
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        reader.add(f"'{key}' must be a whole number of 0 or more, not {kind_of(value)}",
                   raw.line_of(key), where)
        return None
    return value


def read_inventory(top: LineDict, reader: Reader) -> Inventory | None:
    """Read the ``inventory:`` block (None when the file has none)."""
    if "inventory" not in top or top["inventory"] is None:
        return None
    block = reader.mapping(top["inventory"], "'inventory'", top.line_of("inventory"))
    if block is None:
        return None
    reader.unknown_keys(block, INVENTORY_KEYS, "'inventory'")
    data_items = entries(reader, block, "data_items", ITEM_KEYS,
                         lambda raw, where: read_item(reader, raw, where))
    recipients = entries(reader, block, "recipients", RECIPIENT_KEYS,
                         lambda raw, where: read_recipient(reader, raw, where))
    systems = entries(reader, block, "systems", SYSTEM_KEYS,
                      lambda raw, where: read_system(reader, raw, where))
    check_duplicate_items(reader, data_items)

    def transfer(raw: LineDict, where: str) -> Transfer | None:
        return read_transfer(reader, raw, where, data_items, recipients, systems)

    transfers = entries(reader, block, "transfers", TRANSFER_KEYS, transfer)
    return Inventory(data_items, recipients, systems, transfers, read_counts(reader, block),
                     words(reader, block, "business"), read_body(reader, block),
                     read_penalties(reader, block), read_self_assessment(reader, block),
                     block.line)


def read_item(reader: Reader, raw: LineDict, where: str) -> DataItem | None:
    """Read one data item (a row of the form's table)."""
    scenario, name = reader.string(raw, "scenario", where), words(reader, raw, "name", where,
                                                                  required=True)
    category = choice(reader, raw, "category", CATEGORIES, None, where)
    if "category" not in raw:
        reader.add(f"'category' is missing ({', '.join(CATEGORIES)})", raw.line, where)
    if not scenario or not name or not category:
        return None
    return DataItem(where, scenario, name, category, line=raw.line, **{
        k: words(reader, raw, k, where) for k in ("description", "necessity", "example",
                                                  "remark")})


def read_recipient(reader: Reader, raw: LineDict, where: str) -> Recipient | None:
    """Read one overseas recipient."""
    name, country = words(reader, raw, "name", where, required=True), reader.string(
        raw, "country", where)
    if not name or not country:
        return None
    return Recipient(where, name, country, line=raw.line, **{
        k: words(reader, raw, k, where) for k in ("role", "purpose", "method", "measures",
                                                  "onward", "contract")})


def read_system(reader: Reader, raw: LineDict, where: str) -> System | None:
    """Read one system, data centre or cloud service."""
    name = words(reader, raw, "name", where, required=True)
    location = choice(reader, raw, "location", LOCATIONS, None, where)
    if "location" not in raw:
        reader.add("'location' is missing (CN or abroad)", raw.line, where)
    kind = choice(reader, raw, "kind", SYSTEM_KINDS, "system", where) or "system"
    if not name or not location:
        return None
    return System(where, name, location, kind, words(reader, raw, "provider", where),
                  words(reader, raw, "place", where), raw.line)


def check_duplicate_items(reader: Reader, items: tuple[DataItem, ...]) -> None:
    """Refuse the same item name twice in one scenario: the forms want them de-duplicated."""
    seen: dict[tuple[str, str], str] = {}
    for item in items:
        key = (item.scenario, (item.name.zh or item.name.en).strip().lower())
        if key in seen:
            reader.add(f"scenario '{item.scenario}' lists '{item.name.get('zh')}' twice (also "
                       f"{seen[key]}); the form lists each item once per scenario", item.line,
                       item.id)
        else:
            seen[key] = item.id


def read_transfer(reader: Reader, raw: LineDict, where: str, items: tuple[DataItem, ...],
                  recipients: tuple[Recipient, ...], systems: tuple[System, ...],
                  ) -> Transfer | None:
    """Read one transfer link; every id it names must be in its register."""
    scenario = reader.string(raw, "scenario", where)
    item_ids = ids(reader, raw, "items", where)
    if "items" not in raw or not item_ids:
        reader.add("'items' is missing (the ids of the data items this link carries)",
                   raw.line_of("items"), where)
    check_items(reader, raw, where, scenario, item_ids, items)
    source = reader.string(raw, "from", where)
    target = reader.string(raw, "to", where)
    stored_in = reader.string(raw, "stored_in", where, required=False)
    check_ends(reader, raw, where, (source, target, stored_in), recipients, systems)
    route = choice(reader, raw, "route", ROUTES, None, where)
    if "route" not in raw:
        reader.add(f"'route' is missing ({', '.join(ROUTES)})", raw.line, where)
    exemption = reader.string(raw, "exemption", where, required=False)
    if route == "exempt" and not (exemption and exemption.strip()):
        reader.add("route 'exempt' needs 'exemption': the article relied on, such as "
                   "'CBDF Art. 5(1)'", raw.line_of("route"), where)
    endpoints = ids(reader, raw, "endpoints", where)
    if not scenario or not source or not target or not route or not item_ids:
        return None
    return Transfer(where, scenario, item_ids, source, target, route, stored_in,
                    words(reader, raw, "method", where), endpoints,
                    words(reader, raw, "frequency", where), words(reader, raw, "retention", where),
                    exemption.strip() if exemption else None, raw.line,
                    {k: line for k in raw if (line := raw.line_of(k)) is not None})


def check_items(reader: Reader, raw: LineDict, where: str, scenario: str | None,
                item_ids: tuple[str, ...], items: tuple[DataItem, ...]) -> None:
    """Record a link's data items that are unknown or belong to another scenario."""
    known_items = {i.id: i for i in items}
    for item_id in item_ids:
        if item_id not in known_items:
            reader.add(f"names unknown data item '{item_id}'", raw.line_of("items"), where)
        elif scenario and known_items[item_id].scenario != scenario:
            reader.add(f"data item '{item_id}' belongs to scenario "
                       f"'{known_items[item_id].scenario}', not '{scenario}'",
                       raw.line_of("items"), where)


def check_ends(reader: Reader, raw: LineDict, where: str,
               ends: tuple[str | None, str | None, str | None],
               recipients: tuple[Recipient, ...], systems: tuple[System, ...]) -> None:
    """Record a link whose system in China, recipient or system abroad is not registered."""
    source, target, stored_in = ends
    by_id = {s.id: s for s in systems}
    if source and source not in by_id:
        reader.add(f"'from' names unknown system '{source}'", raw.line_of("from"), where)
    elif source and by_id[source].location != "CN":
        reader.add(f"'from' names '{source}', which is not in China (location: CN)",
                   raw.line_of("from"), where)
    if target and target not in {r.id for r in recipients}:
        reader.add(f"'to' names unknown recipient '{target}'", raw.line_of("to"), where)
    if stored_in and stored_in not in by_id:
        reader.add(f"'stored_in' names unknown system '{stored_in}'", raw.line_of("stored_in"),
                   where)


def read_counts(reader: Reader, block: LineDict) -> Counts | None:
    """Read ``counts: {year, individuals, sensitive, forecast: [3 numbers]}``."""
    if "counts" not in block or block["counts"] is None:
        return None
    raw = reader.mapping(block["counts"], "'counts'", block.line_of("counts"))
    if raw is None:
        return None
    reader.unknown_keys(raw, COUNTS_KEYS, "'counts'", "counts")
    year = whole(reader, raw, "year", "counts", required=True)
    individuals = whole(reader, raw, "individuals", "counts", required=True)
    sensitive = whole(reader, raw, "sensitive", "counts") or 0
    forecast: list[int] = []
    if "forecast" in raw:
        value = raw["forecast"]
        if (not isinstance(value, LineList) or len(value) != FORECAST_YEARS or not all(
                isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)):
            reader.add(f"'forecast' must list {FORECAST_YEARS} whole numbers, one for each of "
                       "the next 3 years", raw.line_of("forecast"), "counts")
        else:
            forecast = list(value)
    if year is None or individuals is None:
        return None
    if sensitive > individuals:
        reader.add(f"'sensitive' ({sensitive}) is more than 'individuals' ({individuals}): "
                   "individuals counts everyone, sensitive those among them whose sensitive "
                   "information went abroad", raw.line_of("sensitive"), "counts")
    return Counts(year, individuals, sensitive, tuple(forecast), raw.line)


def read_body(reader: Reader, block: LineDict) -> SecurityBody | None:
    """Read ``security_body: {name, head, members, duties}``."""
    if "security_body" not in block or block["security_body"] is None:
        return None
    raw = reader.mapping(block["security_body"], "'security_body'",
                         block.line_of("security_body"))
    if raw is None:
        return None
    reader.unknown_keys(raw, BODY_KEYS, "'security_body'", "security_body")
    name = words(reader, raw, "name", "security_body", required=True)
    if name is None:
        return None
    return SecurityBody(name, *(words(reader, raw, k, "security_body")
                                for k in ("head", "members", "duties")))


def read_penalties(reader: Reader, block: LineDict) -> tuple[Penalty, ...]:
    """Read ``penalties: [{date, authority, matter, remediation, status}]``."""

    def penalty(raw: LineDict, where: str) -> Penalty | None:
        date = iso_date(reader, raw, "date", where)
        authority = words(reader, raw, "authority", where, required=True)
        matter = words(reader, raw, "matter", where, required=True)
        if "date" not in raw:
            reader.add("'date' is missing (YYYY-MM-DD)", raw.line, where)
        status = choice(reader, raw, "status", PENALTY_STATUSES, "closed", where) or "closed"
        if not date or not authority or not matter:
            return None
        return Penalty(date, authority, matter, words(reader, raw, "remediation", where),
                       status, raw.line)

    return entries(reader, block, "penalties", PENALTY_KEYS, penalty)


def read_self_assessment(reader: Reader, block: LineDict) -> SelfAssessment | None:
    """Read ``self_assessment: {from, to, team, method, third_party, filing}``."""
    if "self_assessment" not in block or block["self_assessment"] is None:
        return None
    raw = reader.mapping(block["self_assessment"], "'self_assessment'",
                         block.line_of("self_assessment"))
    if raw is None:
        return None
    where = "self_assessment"
    reader.unknown_keys(raw, SELF_KEYS, "'self_assessment'", where)
    start, end = iso_date(reader, raw, "from", where), iso_date(reader, raw, "to", where)
    for key in ("from", "to"):
        if key not in raw:
            reader.add(f"'{key}' is missing (the date the self-assessment "
                       f"{'began' if key == 'from' else 'ended'}, YYYY-MM-DD)", raw.line, where)
    filing = iso_date(reader, raw, "filing", where)
    if start and end and dt.date.fromisoformat(end) < dt.date.fromisoformat(start):
        reader.add(f"'to' ({end}) is before 'from' ({start})", raw.line_of("to"), where)
    third = None
    if raw.get("third_party") is not None:
        party = reader.mapping(raw["third_party"], "'third_party'", raw.line_of("third_party"),
                               where)
        if party is not None:
            reader.unknown_keys(party, THIRD_KEYS, "'third_party'", where)
            name = words(reader, party, "name", where, required=True)
            if name:
                third = ThirdParty(name, words(reader, party, "profile", where),
                                   words(reader, party, "role", where))
    if not start or not end:
        return None
    return SelfAssessment(start, end, words(reader, raw, "team", where),
                          words(reader, raw, "method", where), third, filing, raw.line,
                          {k: line for k in raw if (line := raw.line_of(k)) is not None})


def read_ownership(block: LineDict, reader: Reader) -> Ownership | None:
    """Read ``organisation.ownership: {shareholders, controller, investments}``."""
    if "ownership" not in block or block["ownership"] is None:
        return None
    raw = reader.mapping(block["ownership"], "'ownership'", block.line_of("ownership"))
    if raw is None:
        return None
    reader.unknown_keys(raw, OWNERSHIP_KEYS, "'ownership'", "ownership")

    def holder(entry: LineDict, where: str) -> Shareholder | None:
        name = words(reader, entry, "name", where, required=True)
        return Shareholder(name, reader.string(entry, "share", where, required=False),
                           reader.string(entry, "country", where, required=False)) if name else None

    shareholders = entries(reader, raw, "shareholders", SHAREHOLDER_KEYS, holder)
    return Ownership(shareholders, words(reader, raw, "controller", "ownership"),
                     words(reader, raw, "investments", "ownership"))
