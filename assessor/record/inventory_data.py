"""The filings' registers written back: ``inventory:`` and ``organisation.ownership`` as data.

The inverse of :mod:`assessor.record.inventory`'s reader, key for key, so a file written and
read again holds the same registers; an empty field is left out rather than written blank.
"""

from __future__ import annotations

from typing import Any

from assessor.bilingual import Text
from assessor.registers import Inventory, Ownership


def text_data(text: Text | None) -> Any:
    """Return a register text as written: one string, or ``{en, zh}``."""
    if text is None:
        return None
    return text.en if not text.zh else {"en": text.en, "zh": text.zh}


def kept(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Return the pairs whose value is set, as a mapping in their order."""
    return {k: v for k, v in pairs if v not in (None, (), [], "")}


def inventory_data(inventory: Inventory) -> dict[str, Any]:
    """Return the plain data of the ``inventory:`` block, as :func:`read_inventory` reads it."""
    data: dict[str, Any] = {}
    if inventory.business:
        data["business"] = text_data(inventory.business)
    data["data_items"] = [kept([
        ("id", i.id), ("scenario", i.scenario), ("name", text_data(i.name)),
        ("category", i.category), *((k, text_data(getattr(i, k))) for k in (
            "description", "necessity", "example", "remark"))]) for i in inventory.data_items]
    data["recipients"] = [kept([
        ("id", r.id), ("name", text_data(r.name)), ("country", r.country),
        *((k, text_data(getattr(r, k))) for k in (
            "role", "purpose", "method", "measures", "onward", "contract"))])
        for r in inventory.recipients]
    data["systems"] = [kept([
        ("id", s.id), ("name", text_data(s.name)), ("location", s.location), ("kind", s.kind),
        ("provider", text_data(s.provider)), ("place", text_data(s.place))])
        for s in inventory.systems]
    data["transfers"] = [kept([
        ("id", t.id), ("scenario", t.scenario), ("items", list(t.items)), ("from", t.source),
        ("to", t.recipient), ("stored_in", t.stored_in), ("method", text_data(t.method)),
        ("endpoints", list(t.endpoints)), ("frequency", text_data(t.frequency)),
        ("retention", text_data(t.retention)), ("route", t.route), ("exemption", t.exemption)])
        for t in inventory.transfers]
    if inventory.counts:
        c = inventory.counts
        data["counts"] = kept([("year", c.year), ("individuals", c.individuals),
                               ("sensitive", c.sensitive), ("forecast", list(c.forecast))])
    if inventory.security_body:
        b = inventory.security_body
        data["security_body"] = kept([(k, text_data(getattr(b, k))) for k in (
            "name", "head", "members", "duties")])
    data["penalties"] = [kept([
        ("date", p.date), ("authority", text_data(p.authority)), ("matter", text_data(p.matter)),
        ("remediation", text_data(p.remediation)), ("status", p.status)])
        for p in inventory.penalties]
    if inventory.self_assessment:
        s = inventory.self_assessment
        third = s.third_party
        data["self_assessment"] = kept([
            ("from", s.start), ("to", s.end), ("team", text_data(s.team)),
            ("method", text_data(s.method)),
            ("third_party", kept([(k, text_data(getattr(third, k))) for k in (
                "name", "profile", "role")]) if third else None), ("filing", s.filing)])
    return {k: v for k, v in data.items() if v not in ([], None)}


def ownership_data(ownership: Ownership) -> dict[str, Any]:
    """Return the plain data of ``organisation.ownership``."""
    return kept([
        ("shareholders", [kept([("name", text_data(h.name)), ("share", h.share),
                                ("country", h.country)]) for h in ownership.shareholders]),
        ("controller", text_data(ownership.controller)),
        ("investments", text_data(ownership.investments))])
