"""A citation's view (title, penalty) is kept per instruments table: never another catalog's.

reference_dict keeps the views it made, since a report cites the same articles many times; a
catalog read with a firm's own instruments.yaml must still get its own titles, and a caller
that changes its view must not change the next one.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

from assessor.banks.catalog import load_catalog
from assessor.bilingual import Text
from assessor.report.controls import reference_dict


def retitled(instruments: dict[str, Any], law: str, title: str) -> dict[str, Any]:
    """Return a copy of ``instruments`` whose ``law`` has every article titled ``title``."""
    instrument = instruments[law]
    articles = tuple(dataclasses.replace(a, title=Text(en=title, zh=title))
                     for a in instrument.articles)
    return {**instruments, law: dataclasses.replace(instrument, articles=articles)}


def test_each_instruments_table_gets_its_own_titles_and_each_caller_its_own_view() -> None:
    catalog = load_catalog()
    ref = next(r for q in catalog.questions for r in q.references
               if r.law in catalog.instruments and catalog.instruments[r.law].article(r.article))
    shipped = reference_dict(catalog, ref, "en")
    assert shipped["title"] and shipped["title"] != "Firm's own title"
    firm: Any = SimpleNamespace(instruments=retitled(catalog.instruments, ref.law,
                                                     "Firm's own title"))
    assert reference_dict(firm, ref, "en")["title"] == "Firm's own title"
    assert reference_dict(catalog, ref, "en") == shipped
    assert reference_dict(catalog, ref, "zh")["cite"] != shipped["cite"]
    shipped["title"] = "changed by a caller"
    assert reference_dict(catalog, ref, "en")["title"] != "changed by a caller"
