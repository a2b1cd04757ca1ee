"""The conclusion: each Art. 5 item with its problems, their remediation, and a reasoned verdict.

Nothing here is a fixed sentence: the problems are the gaps of the controls mapped to the item
and what the registers lack; the remediation is the tracked action (owner, due date, status) or,
where none is tracked, the control's own remediation; the verdict follows from them by rules
written out in :func:`verdict`, and the overall conclusion from the items' verdicts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assessor.filing.articles import Item
from assessor.filing.rules import chinese_date
from assessor.model.catalog import Catalog
from assessor.model.record import Answers
from assessor.model.result import Gap, Result
from assessor.registers import Inventory

SEVERE = ("critical", "high")
# Verdicts from best to worst; the overall conclusion is the worst item's.
LOW, DONE, PLANNED, OPEN, INCOMPLETE, HIGH, NOT_ASSESSED = (
    "low", "done", "planned", "open", "incomplete", "high", "not_assessed")
ORDER = (LOW, DONE, PLANNED, NOT_ASSESSED, OPEN, INCOMPLETE, HIGH)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found under an item, and its remediation.

    ``status``: done (remediated), planned (an action with a due date), open (nothing agreed),
    record (the registers lack a fact the form needs: to be completed before filing).
    """

    text: str
    remedy: str
    status: str
    severity: str | None = None
    due: str | None = None


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One item walked through: how many controls were assessed, the findings, the verdict."""

    item: Item
    assessed: int
    met: int
    findings: tuple[Finding, ...]
    verdict: str
    checked: int = 0  # register entries examined for the item


def say(lang: str, en: str, zh: str) -> str:
    """Return the words of ``lang``."""
    return zh if lang == "zh" else en


def words(value: Any, lang: str) -> str:
    """Return a consultant's or client's text: a string, a Text or an ``{en, zh}`` mapping."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or value.get("zh") or "")
    getter = getattr(value, "get", None)
    return str(getter(lang)) if callable(getter) else str(value)


def answer_label(catalog: Catalog, gap: Gap, lang: str) -> str:
    """Return the answer a gap holds, in words."""
    answer = gap.answer
    if answer is None:
        return say(lang, "no answer", "未作答")
    values = answer.value if isinstance(answer.value, tuple) else (answer.value,)
    labels = []
    for value in values:
        option = gap.question.option(str(value)) if isinstance(value, str) else None
        special = {"unknown": say(lang, "unknown", "不明确"), "na": say(lang, "n/a", "不适用")}
        labels.append(option.label.get(lang) if option else special.get(str(value), str(value)))
    del catalog
    return say(lang, "; ", "；").join(labels) or say(lang, "none selected", "均未落实")


def gap_text(catalog: Catalog, gap: Gap, lang: str) -> str:
    """Return what a gap establishes: the control's statement, else its question and answer."""
    question = gap.question
    partial = 0 < gap.score < 1
    if question.statement is not None:
        text = question.statement.get(lang, partial=partial)
    else:
        text = say(lang, f"Checked: {question.text.get(lang)} Found: "
                         f"{answer_label(catalog, gap, lang)}.",
                   f"核查事项：{question.text.get(lang)}核查结果：{answer_label(catalog, gap, lang)}。")
    finding = words(getattr(gap.answer, "finding", None), lang)
    if finding:
        text += say(lang, f" Observed: {finding}", f"（核查发现：{finding}）")
    return text


def remedy_of(gap: Gap, answers: Answers, lang: str) -> tuple[str, str, str | None]:
    """Return the remediation of a gap, its status and due date, from the tracked action."""
    action = answers.actions.get(gap.question.id)
    planned = words(gap.question.remediation, lang) if gap.question.remediation else ""
    if action is None:
        pending = say(lang, "No owner or date agreed yet.", "尚未明确责任人和完成时限。")
        return (f"{planned} {pending}" if planned else pending), "open", None
    parts = [planned] if planned else []
    if action.comment:
        parts.append(action.comment)
    who = action.owner or say(lang, "not named", "未明确")
    status = {"open": say(lang, "not started", "未开始"), "in_progress": say(lang, "under way",
                                                                            "进行中"),
              "done": say(lang, "completed", "已完成"), "deferred": say(lang, "deferred", "已推迟"),
              "accepted": say(lang, "risk accepted", "已接受风险")}[action.status]
    when = (chinese_date(action.due) if lang == "zh" else action.due) if action.due else \
        say(lang, "no date", "未定")
    parts.append(say(lang, f"Owner: {who}; due: {when}; status: {status}.",
                     f"责任人：{who}；完成时限：{when}；状态：{status}。"))
    if action.status == "done":
        kind = "done"
    elif action.due and action.status in ("open", "in_progress"):
        kind = "planned"
    else:
        kind = "open"
    return " ".join(parts), kind, action.due


def register_findings(item: Item, inventory: Inventory | None, lang: str) -> list[Finding]:
    """Return what the registers lack for ``item``: facts the form needs before filing."""
    if inventory is None:
        return [Finding(say(lang, "The answers file holds no registers (inventory).",
                            "评估记录中没有数据出境登记信息（inventory）。"),
                        say(lang, "Record the data items, recipients, systems and transfer links.",
                            "补充登记数据项、境外接收方、系统及出境链路。"), "record")] \
            if item.key == "lawful" else []
    fix = say(lang, "Complete the register before filing.", "申报前补充登记。")
    found: list[tuple[str, str]] = []
    if item.key == "lawful":
        found += [(f"Data item {i.id} ({i.name.get(lang)}) gives no necessity.",
                   f"数据项{i.id}（{i.name.get(lang)}）未说明出境必要性。")
                  for i in inventory.data_items if i.necessity is None]
    elif item.key == "scale":
        if inventory.counts is None:
            found.append(("No count of individuals this year.", "未统计当年出境个人信息的自然人数量。"))
        elif not inventory.counts.forecast:
            found.append(("No forecast for the next 3 years.", "未预估未来3年的出境数量。"))
    elif item.key == "recipient":
        found += [(f"Recipient {r.id} ({r.name.get(lang)}): no measures recorded.",
                   f"境外接收方{r.id}（{r.name.get(lang)}）未记录其安全保障措施。")
                  for r in inventory.recipients if r.measures is None]
    elif item.key == "risks":
        found += [(f"Transfer link {t.id}: no method or network addresses recorded.",
                   f"出境链路{t.id}未记录传输方式或网络地址。")
                  for t in inventory.transfers if t.method is None or not t.endpoints]
    elif item.key == "contract":
        found += [(f"Recipient {r.id} ({r.name.get(lang)}): no legal document recorded.",
                   f"境外接收方{r.id}（{r.name.get(lang)}）未记录与其订立的法律文件。")
                  for r in inventory.recipients if r.contract is None]
        found += [(f"Transfer link {t.id}: no retention period recorded.",
                   f"出境链路{t.id}未记录境外保存期限。")
                  for t in inventory.transfers if t.retention is None]
    elif item.key == "other":
        return [Finding(say(lang, f"An order of {p.date} ({p.matter.get(lang)}) is still open.",
                            f"{p.date}的处罚或整改要求（{p.matter.get(lang)}）尚未整改完毕。"),
                        words(p.remediation, lang) or say(lang, "Complete the remediation.",
                                                          "完成整改。"), "open", "high")
                for p in inventory.penalties if p.status == "open"]
    return [Finding(say(lang, en, zh), fix, "record") for en, zh in found]


def checked(item: Item, inventory: Inventory | None) -> int:
    """Return how many register entries bear on ``item`` (examined as its evidence)."""
    if inventory is None:
        return 0
    return {"lawful": len(inventory.data_items) + len(inventory.transfers),
            "scale": len(inventory.data_items) + (inventory.counts is not None),
            "recipient": len(inventory.recipients), "risks": len(inventory.transfers),
            "contract": len(inventory.recipients) + len(inventory.transfers),
            "other": len(inventory.penalties)}.get(item.key, 0)


def walk(items: Sequence[Item], catalog: Catalog, answers: Answers, result: Result,
         lang: str) -> list[ItemResult]:
    """Walk through each item: its controls' gaps and the registers' gaps, and a verdict."""
    gaps = {str(g.question.id): g for g in result.gaps}
    walked = []
    for item in items:
        applicable = [q for q in item.controls if result.applicable.get(q)
                      and q in answers.answers]
        findings: list[Finding] = []
        for qid in item.controls:
            gap = gaps.get(qid)
            if gap is None or not result.applicable.get(qid):
                continue
            remedy, status, due = remedy_of(gap, answers, lang)
            severity = gap.answer.severity.level if gap.answer and gap.answer.severity else \
                gap.question.severity
            findings.append(Finding(gap_text(catalog, gap, lang), remedy, status,
                                    str(severity) if severity else None, due))
        findings += register_findings(item, answers.inventory, lang)
        met = sum(1 for q in applicable if q not in gaps)
        seen = checked(item, answers.inventory)
        walked.append(ItemResult(item, len(applicable), met, tuple(findings),
                                 verdict(len(applicable) + seen, findings), seen))
    return walked


def verdict(assessed: int, findings: Sequence[Finding]) -> str:
    """Decide an item's verdict from its findings.

    An open problem of critical or high severity makes the risk high; one the registers must
    still record makes the item incomplete; any other problem with no remediation agreed leaves
    it open; problems all planned with a due date make the risk acceptable once remediated; problems all remediated leave it low. With no control assessed
    and nothing found, the item is not assessed, and says so rather than passing.
    """
    if any(f.status == "open" and f.severity in SEVERE for f in findings):
        return HIGH
    if any(f.status == "record" for f in findings):
        return INCOMPLETE
    if any(f.status == "open" for f in findings):
        return OPEN
    if any(f.status == "planned" for f in findings):
        return PLANNED
    if findings:
        return DONE
    return LOW if assessed else NOT_ASSESSED


def overall(results: Sequence[ItemResult]) -> str:
    """Return the worst verdict of the items."""
    return max((r.verdict for r in results), key=ORDER.index, default=NOT_ASSESSED)


def latest_due(results: Sequence[ItemResult]) -> str | None:
    """Return the latest due date of the planned remediation."""
    dates = [f.due for r in results for f in r.findings if f.status == "planned" and f.due]
    return max(dates) if dates else None
