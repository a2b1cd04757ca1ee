"""The filings' registers as workbook sheets: data items, recipients, systems, transfer links.

Clients keep these lists in Excel, so ``template --format xlsx --registers`` adds one sheet per
register (filled in from ``--from``'s registers) and ``import`` reads them back. A row becomes
an entry of the ``inventory:`` block and is checked by the same reader as the answers file
(:mod:`assessor.record.inventory`); each mistake is named by its sheet, cell and entry id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assessor.banks.reader import Reader
from assessor.bilingual import Lang
from assessor.errors import Problem
from assessor.loader import LineDict, LineList
from assessor.record.inventory import read_inventory
from assessor.record.inventory_data import inventory_data
from assessor.registers import Inventory

KEY_ROW = 2  # hidden: the field keys, so a client may reword or translate the labels
HEADER_ROW = 3
FIRST_ROW = 4
LISTED = ("items", "endpoints")  # fields that hold several values, split at ; or a new line
SPLIT = re.compile(r"\s*[;；\n]\s*")
ROW_SPAN = 100_000  # rows of one sheet are numbered apart from another's in the reader


@dataclass(frozen=True, slots=True)
class Sheet:
    """One register's sheet: its key in ``inventory:``, titles and columns (key, en, zh)."""

    key: str
    title: tuple[str, str]
    columns: tuple[tuple[str, str, str], ...]


SHEETS = (
    Sheet("data_items", ("Data items", "数据项"), (
        ("id", "ID", "编号"), ("scenario", "Scenario", "业务场景"), ("name", "Data item", "数据项名称"),
        ("category", "Category (personal, sensitive, important, other)",
         "类别（personal、sensitive、important、other）"),
        ("description", "Description", "内容描述"), ("necessity", "Necessity of the transfer", "出境必要性"),
        ("example", "Example", "示例"), ("remark", "Remarks", "备注"))),
    Sheet("recipients", ("Recipients", "境外接收方"), (
        ("id", "ID", "编号"), ("name", "Name", "名称"), ("country", "Country or region", "国家或地区"),
        ("role", "Role", "角色"), ("purpose", "Purpose", "处理目的"), ("method", "Method", "处理方式"),
        ("measures", "Security measures", "安全保障措施"), ("onward", "Onward transfers", "再提供情况"),
        ("contract", "Legal document", "法律文件"))),
    Sheet("systems", ("Systems", "系统与数据中心"), (
        ("id", "ID", "编号"), ("name", "Name", "名称"), ("location", "Location (CN or abroad)", "位置（CN 或 abroad）"),
        ("kind", "Kind (system, data_centre, cloud)", "类型（system、data_centre、cloud）"),
        ("provider", "Provider", "服务商"), ("place", "Place", "所在地"))),
    Sheet("transfers", ("Transfer links", "出境链路"), (
        ("id", "ID", "编号"), ("scenario", "Scenario", "业务场景"), ("items", "Data item IDs", "数据项编号"),
        ("from", "From system (ID)", "境内系统编号"), ("to", "To recipient (ID)", "境外接收方编号"),
        ("stored_in", "Stored abroad in (system ID)", "境外存储系统编号"), ("method", "Method", "出境方式"),
        ("endpoints", "Domains and addresses", "域名及网络地址"), ("frequency", "Frequency", "频率"),
        ("retention", "Retention abroad", "境外保存期限"),
        ("route", "Route (security_assessment, standard_contract, certification, exempt)",
         "合规路径（security_assessment、standard_contract、certification、exempt）"),
        ("exemption", "Exemption relied on", "所依据的豁免情形"))),
)


FACTS_TITLE = ("Filing facts", "申报基本信息")
FACTS = (  # the single facts: key path, label (en, zh)
    ("business", "Business and data assets", "整体业务与数据资产"),
    ("counts.year", "Year counted", "统计年度"),
    ("counts.individuals", "Individuals this year (de-duplicated)", "当年出境自然人数量（去重）"),
    ("counts.sensitive", "Of whom with sensitive personal information", "其中涉及敏感个人信息的人数"),
    ("counts.forecast", "Forecast, next 3 years (3 numbers)", "未来3年预估（3个数字）"),
    ("security_body.name", "Security body", "数据安全管理机构"),
    ("security_body.head", "Led by", "负责人"),
    ("security_body.members", "Members", "组成"),
    ("security_body.duties", "Duties", "职责"),
    ("self_assessment.from", "Self-assessment began (YYYY-MM-DD)", "自评估开始日期"),
    ("self_assessment.to", "Self-assessment ended (YYYY-MM-DD)", "自评估结束日期"),
    ("self_assessment.filing", "Planned filing date (YYYY-MM-DD)", "计划申报日期"),
    ("self_assessment.team", "Who took part", "组织情况"),
    ("self_assessment.method", "How it was done", "实施方式"),
    ("self_assessment.third_party.name", "Third party", "第三方机构"),
    ("self_assessment.third_party.profile", "Third party: profile", "第三方机构基本情况"),
    ("self_assessment.third_party.role", "Third party: role", "第三方机构参与情况"),
)
NUMBERS = ("year", "individuals", "sensitive")


def title_of(sheet: Sheet, lang: Lang) -> str:
    """Return the sheet's title in ``lang``."""
    return sheet.title[lang == "zh"]


def write_register_sheets(book: Any, lang: Lang, inventory: Inventory | None) -> list[str]:
    """Add the register sheets to ``book``, with ``inventory``'s rows; return their titles."""
    from openpyxl.styles import Alignment, Font, PatternFill

    data = inventory_data(inventory) if inventory else {}
    titles = []
    for spec in SHEETS:
        sheet = book.create_sheet(title_of(spec, lang))
        titles.append(sheet.title)
        sheet.cell(1, 1, "Fill in one row each; IDs link the sheets." if lang == "en" else
                   "每行填写一项；各表之间以编号关联。").font = Font(name="Arial", bold=True)
        for col, (key, en, zh) in enumerate(spec.columns, 1):
            sheet.cell(KEY_ROW, col, key)
            label = sheet.cell(HEADER_ROW, col, en if lang == "en" else zh)
            label.font = Font(name="Arial", bold=True, color="FFFFFF")
            label.fill = PatternFill("solid", fgColor="1F3864")
            label.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.column_dimensions[label.column_letter].width = 24 if key != "id" else 10
        sheet.row_dimensions[KEY_ROW].hidden = True
        sheet.freeze_panes = sheet.cell(FIRST_ROW, 1)
        for row, entry in enumerate(data.get(spec.key, []), FIRST_ROW):
            for col, (key, _, _) in enumerate(spec.columns, 1):
                sheet.cell(row, col, cell_text(entry.get(key), lang))
    titles.append(write_facts(book, lang, data))
    return titles


def write_facts(book: Any, lang: Lang, data: dict[str, Any]) -> str:
    """Add the key/value sheet of the single facts (counts, body, self-assessment, business)."""
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(FACTS_TITLE[lang == "zh"])
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].width = 44
    sheet.column_dimensions["C"].width = 60
    for row, (path, en, zh) in enumerate(FACTS, FIRST_ROW):
        value: Any = data
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        sheet.cell(row, 1, path)
        sheet.cell(row, 2, en if lang == "en" else zh).font = Font(name="Arial", bold=True)
        shown = cell_text(value, lang)
        sheet.cell(row, 3, shown).alignment = Alignment(wrap_text=True, vertical="top")
    return str(sheet.title)


def read_facts(sheet: Any, index: int, block: LineDict,
               places: dict[int, tuple[str, dict[str, str]]]) -> None:
    """Read the facts sheet into ``block`` (nested mappings, each value at its row's line)."""
    for number, row in enumerate(sheet.iter_rows(min_row=FIRST_ROW, max_col=3, values_only=True),
                                 FIRST_ROW):
        path, value = row[0], row[2] if len(row) > 2 else None
        if not isinstance(path, str) or value in (None, ""):
            continue
        line = (index + 1) * ROW_SPAN + number
        parts = path.split(".")
        target = block
        for part in parts[:-1]:
            if not isinstance(target.get(part), LineDict):
                child = LineDict()
                child.key_lines, child.line = {}, line
                target[part] = child
                target.key_lines[part] = line
            target = target[part]
        target[parts[-1]] = fact_value(parts[-1], value, line)
        target.key_lines[parts[-1]] = line
        places[line] = (sheet.title, {parts[-1]: "C"})


def fact_value(key: str, value: Any, line: int) -> Any:
    """Return a fact cell as the reader expects it: whole numbers, a list, dates as text."""
    import datetime as dt

    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if key in NUMBERS and isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if key == "forecast":
        listed = LineList(int(v) if v.isdigit() else v
                          for v in SPLIT.split(str(value).replace(",", "")) if v)
        listed.item_lines = [line] * len(listed)
        listed.item_sources = [None] * len(listed)
        return listed
    return value


def cell_text(value: Any, lang: Lang) -> str | None:
    """Return a register value as a cell shows it (a list joined, a text in ``lang``)."""
    if value is None:
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or value.get("zh") or "")
    return str(value)


def read_register_sheets(book: Any, shown: str, titles: Sequence[str],
                         ) -> tuple[Inventory | None, list[Problem]]:
    """Read the register sheets named ``titles`` into an inventory, with cell-located problems.

    Returns None when every sheet is empty (a workbook sent without registers filled in).
    """
    block = LineDict()
    block.key_lines = {}
    block.line = None
    places: dict[int, tuple[str, dict[str, str]]] = {}  # line -> sheet title, key -> column
    for index, title in enumerate(titles):
        if title in FACTS_TITLE and title in book.sheetnames:
            read_facts(book[title], index, block, places)
            continue
        spec = next((s for s in SHEETS if title in s.title), None)
        if spec is None or title not in book.sheetnames:
            continue
        rows = read_rows(book[title], index, places)
        if rows:
            block[spec.key] = rows
            block.key_lines[spec.key] = rows.item_lines[0]
    if not any(block.values()):
        return None, []
    top = LineDict({"inventory": block})
    top.key_lines = {"inventory": 0}
    top.line = None
    reader = Reader(shown)
    inventory = read_inventory(top, reader)
    return inventory, [located(p, shown, places) for p in reader.problems]


def read_rows(sheet: Any, index: int, places: dict[int, tuple[str, dict[str, str]]]) -> LineList:
    """Return the sheet's filled rows as entries, each line numbered for :func:`located`."""
    from openpyxl.utils import get_column_letter

    keys = [c.value for c in sheet[KEY_ROW]]
    columns = {str(k): get_column_letter(i) for i, k in enumerate(keys, 1) if k}
    rows = LineList()
    rows.item_lines = []
    rows.item_sources = []
    for number, values in enumerate(sheet.iter_rows(min_row=FIRST_ROW, values_only=True),
                                    FIRST_ROW):
        if not any(v not in (None, "") for v in values):
            continue
        line = (index + 1) * ROW_SPAN + number
        entry = LineDict()
        entry.line = line
        entry.key_lines = {}
        for key, value in zip(keys, values, strict=False):
            if not key or value in (None, ""):
                continue
            text = str(value).strip() if not isinstance(value, int | float) else value
            if key in LISTED and isinstance(text, str):
                listed = LineList(v for v in SPLIT.split(text) if v)
                listed.item_lines = [line] * len(listed)
                listed.item_sources = [None] * len(listed)
                entry[str(key)] = listed
            else:
                entry[str(key)] = text
            entry.key_lines[str(key)] = line
        places[line] = (sheet.title, columns)
        rows.append(entry)
        rows.item_lines.append(line)
        rows.item_sources.append(None)
    return rows


def located(problem: Problem, shown: str, places: dict[int, tuple[str, dict[str, str]]],
            ) -> Problem:
    """Name a register problem by its sheet and cell (the column of the key it quotes)."""
    if problem.line is None or problem.line not in places:
        return Problem(shown, problem.message, None, problem.qid)
    title, columns = places[problem.line]
    row = problem.line % ROW_SPAN
    quoted = re.findall(r"'([a-z_]+)'", problem.message)
    column = next((columns[k] for k in quoted if k in columns), None)
    if column is None and problem.message.startswith("names unknown data item"):
        column = columns.get("items")
    if column is None and problem.message.startswith(("category ", "route ", "location ",
                                                      "kind ")):
        column = columns.get(problem.message.split(" ", 1)[0])
    cell = f"{column}{row}" if column else f"row {row}"
    return Problem(f"{shown}:{title}!{cell}", problem.message, None, problem.qid)


def keep_translations(new: Any, old: Any, lang: Lang) -> Any:
    """Return ``new`` with each text that reads as ``old``'s in ``lang`` given ``old``'s {en, zh}.

    A workbook holds one language; read back ``--into`` a file whose registers are bilingual, an
    unchanged text keeps its other language instead of losing it. Entries match by their id.
    """
    import dataclasses

    from assessor.bilingual import Text

    if isinstance(new, Text) and isinstance(old, Text):
        unchanged = not new.zh and new.en == old.get(lang)
        return old if unchanged else new
    if isinstance(new, tuple) and isinstance(old, tuple):
        by_id = {getattr(o, "id", None): o for o in old}
        return tuple(keep_translations(n, by_id.get(getattr(n, "id", None)), lang)
                     if getattr(n, "id", None) in by_id else n for n in new)
    if dataclasses.is_dataclass(new) and type(new) is type(old):
        changes = {f.name: keep_translations(getattr(new, f.name), getattr(old, f.name), lang)
                   for f in dataclasses.fields(new)}
        return dataclasses.replace(new, **changes)  # type: ignore[type-var]
    return new
