"""What an engagement covers, in words: the instruments of its banks, for covers and subtitles.

The cover, the register and the client's workbook name only the instruments in the engagement's
scope: a file scoped to the CSL, DSL and PIPL never mentions the GDSI or the vulnerability
provisions outside the scope and applicability pages.
"""

from __future__ import annotations

from assessor.bilingual import Lang
from assessor.model.catalog import Catalog, Instrument

# How a subtitle names a law: its code in English unless listed here, its short name in Chinese.
NAMES = {"VULN": "vulnerability provisions"}
PRC = "中华人民共和国"  # a Chinese statute's title is cited without the state's name


def instruments_in_scope(catalog: Catalog) -> list[Instrument]:
    """Return the instruments of the engagement's banks, in bank order, once each."""
    found: list[Instrument] = []
    for questionnaire in catalog.questionnaires:
        instrument = catalog.instruments.get(questionnaire.instrument or "")
        if questionnaire.kind == "bank" and instrument is not None and instrument not in found:
            found.append(instrument)
    return found


def initiative_in_scope(catalog: Catalog) -> bool:
    """Return whether a non-binding initiative (the GDSI) is among the engagement's banks."""
    return any(not i.binding for i in instruments_in_scope(catalog))


def scope_subtitle(catalog: Catalog, lang: Lang) -> str:
    """Return e.g. "China's data laws (CSL, DSL, PIPL)", naming the GDSI only when in scope."""
    found = instruments_in_scope(catalog)
    if lang == "zh":
        laws = "".join(f"《{i.name.zh.removeprefix(PRC)}》" for i in found if i.binding)
        rest = "".join(f"《{i.name.zh}》" for i in found if not i.binding)
        head = f"中国数据法律（{laws}）" if laws else ""
        return f"{head}与{rest}" if head and rest else head or rest
    laws = ", ".join(NAMES.get(i.code, i.code) for i in found if i.binding)
    rest = " and ".join(f"the {i.name.en}" for i in found if not i.binding)
    head = f"China's data laws ({laws})" if laws else ""
    return f"{head} and {rest}" if head and rest else head or rest[:1].upper() + rest[1:]
