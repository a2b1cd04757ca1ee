"""Assemble a filing document: the form's cover and headings, our content under each.

A CAC self-assessment covers the links that take the security-assessment route; a PIPIA those
under the standard contract. The registers are narrowed to those links before anything is
written, so a document never describes a transfer it is not filed for.
"""

from __future__ import annotations

from dataclasses import replace

from assessor.banks.scope import engaged
from assessor.errors import AssessorError
from assessor.filing import conclusion as c
from assessor.filing.articles import article, items_for
from assessor.filing.document import Block, Cover, Document, Heading, Para
from assessor.filing.facts import Facts
from assessor.filing.forms import CAC, DATE_BLANK, FORMS, SEAL
from assessor.filing.rules import chinese_date, file_by
from assessor.filing.sections import write_section
from assessor.model.catalog import Catalog
from assessor.model.record import Answers
from assessor.registers import Inventory
from assessor.scoring import score

ROUTE_OF = {CAC: "security_assessment", "pipia": "standard_contract"}
BANNER = ("English reading copy: a translation for reference only. It is not the filing; the "
          "filing is the Chinese report, sealed and signed.")


def narrowed(inventory: Inventory, kind: str) -> Inventory:
    """Return the registers of the links the document is filed for, and what they name."""
    links = tuple(t for t in inventory.transfers if t.route == ROUTE_OF[kind])
    scenarios = {t.scenario for t in links}
    recipients = {t.recipient for t in links}
    systems = {t.source for t in links} | {t.stored_in for t in links if t.stored_in}
    return replace(inventory, transfers=links,
                   data_items=tuple(i for i in inventory.data_items if i.scenario in scenarios),
                   recipients=tuple(r for r in inventory.recipients if r.id in recipients),
                   systems=tuple(s for s in inventory.systems if s.id in systems))


def cover(facts: Facts) -> Cover:
    """The form's cover block, with the assessment period and the filing window."""
    form = FORMS[facts.kind]
    zh = facts.lang == "zh"
    done = facts.inventory.self_assessment
    notes: list[str] = []
    what = facts.say("security assessment filing", "数据出境安全评估申报") if facts.kind == CAC else \
        facts.say("standard contract filing", "个人信息出境标准合同备案")
    if done:
        last = file_by(done.end).isoformat()
        notes.append(facts.say(f"Assessment period: {done.start} to {done.end}",
                               f"评估期间：{chinese_date(done.start)}至{chinese_date(done.end)}"))
        notes.append(facts.say(f"This report serves a {what} made by {last} (within 3 months of "
                               "the end of the assessment).",
                               f"本报告用于{chinese_date(last)}前提交的{what}（评估结束后3个月内）。"))
    filing = done.filing if done else None
    date = (chinese_date(filing) if zh else filing) if filing else DATE_BLANK[not zh]
    name = c.words(facts.answers.organisation.name, facts.lang)
    return Cover(tuple(line[not zh] for line in form.title), form.name_label[not zh], name,
                 SEAL[not zh], date, tuple(notes))


def conclusion_blocks(facts: Facts) -> list[Block]:
    """Section three: each Art. 5 item, its problems and remediation, and the conclusions."""
    say = facts.say
    items = items_for(facts.kind)
    walked = c.walk(items, facts.catalog, facts.answers, facts.result, facts.lang)
    law = article(facts.kind)[facts.lang == "en"]
    out: list[Block] = [Para.of(say(
        f"The transfers were assessed item by item against {law}; for each item, the problems "
        "found, their remediation and the conclusion follow.",
        f"对照{law}规定事项，逐项说明评估情况、发现的问题、整改情况及结论如下。"))]
    for result in walked:
        item = result.item
        label = item.label[facts.lang == "en"]
        out.append(Para.of("", f"{label}{item.asks[facts.lang == 'en']}"
                           if label else item.asks[facts.lang == "en"]))
        out.append(Para.of(say(f"{result.assessed} applicable controls were assessed under this "
                               f"item, of which {result.met} are met; {result.checked} register "
                               "entries were checked.",
                               f"本项下核查适用的控制要求{result.assessed}项，已落实{result.met}项；"
                               f"核对登记信息{result.checked}条。"), say("Assessment: ", "评估情况：")))
        for number, finding in enumerate(result.findings, 1):
            out.append(Para.of(finding.text, say(f"Problem {number}: ", f"问题{number}：")))
            out.append(Para.of(finding.remedy, say("Remediation: ", "整改情况：")))
        out.append(Para.of(item_verdict(facts, result), say("Conclusion: ", "结论：")))
    out.append(Para.of(overall_verdict(facts, walked), say("Overall conclusion: ", "综合结论：")))
    return out


def item_verdict(facts: Facts, result: c.ItemResult) -> str:
    """Say an item's verdict with its reason, from the findings."""
    say, n = facts.say, len(result.findings)
    severe = sum(1 for f in result.findings if f.status == "open" and f.severity in c.SEVERE)
    due = shown_date(facts, c.latest_due([result]))
    each = "均" if n > 1 else ""
    return {
        c.LOW: say(f"no problem was found in {result.assessed} controls and {result.checked} "
                   "register entries; the risk under this item is low.",
                   f"核查{result.assessed}项控制要求和{result.checked}条登记信息，未发现问题，本项风险较低。"),
        c.DONE: say(f"the {n} problem(s) found have been remediated; the remaining risk is low.",
                    f"发现的{n}个问题均已整改完毕，本项剩余风险较低。"),
        c.PLANNED: say(f"{n} problem(s) remain, each with remediation planned (last due "
                       f"{due}); the risk is acceptable once they are completed.",
                       f"存在{n}个问题，{each}已明确整改措施和时限（最晚于{due}完成），整改完成后本项风险可控。"),
        c.OPEN: say(f"{n} problem(s) have no remediation agreed yet; the risk stays medium until "
                    "owners and dates are set.",
                    f"存在{n}个问题尚未明确整改措施，在确定责任人和完成时限前，本项风险为中等。"),
        c.INCOMPLETE: say("the registers lack facts the form asks for; no conclusion can be drawn "
                          "until they are completed.",
                          "登记信息尚不完整，补充完成前无法对本项得出结论。"),
        c.HIGH: say(f"{severe} serious problem(s) have no remediation agreed; the risk under this "
                    "item is high until they are remediated.",
                    f"存在{severe}个严重问题尚未明确整改措施，整改完成前本项风险较高。"),
        c.NOT_ASSESSED: say("no control under this item applied and nothing was found; this item "
                            "was not assessed in depth.",
                            "本项下无适用的控制要求，也未发现问题，未作深入评估。"),
    }[result.verdict]


def shown_date(facts: Facts, day: str | None) -> str:
    """Return a date as the document's language writes it."""
    if not day:
        return ""
    return chinese_date(day) if facts.lang == "zh" else day


def overall_verdict(facts: Facts, walked: list[c.ItemResult]) -> str:
    """Say the overall conclusion, naming the items that decide it."""
    say = facts.say
    worst = c.overall(walked)
    deciding = [r.item.label[facts.lang == "en"] or r.item.asks[facts.lang == "en"]
                for r in walked if r.verdict == worst]
    where = say(", ".join(deciding), "、".join(deciding))
    problems = sum(len(r.findings) for r in walked)
    due = shown_date(facts, c.latest_due(walked))
    return {
        c.LOW: say("no problem affecting the security of the transfers was found under any item;"
                   " the risk of the transfers is low.",
                   "各项均未发现影响数据出境安全的问题，拟出境活动风险较低。"),
        c.DONE: say(f"the {problems} problem(s) found have all been remediated; the transfers' "
                    "remaining risk is low.",
                    f"发现的{problems}个问题均已整改完毕，拟出境活动剩余风险较低。"),
        c.PLANNED: say(f"{problems} problem(s) were found; each has remediation planned, the last "
                       f"due {due}. Once it is completed the risk of the transfers is acceptable; "
                       "the items deciding this are " + where + ".",
                       f"共发现{problems}个问题，均已明确整改措施和时限，最晚于{due}完成。整改完成后拟出境活动风险"
                       f"可控；决定该结论的事项为{where}。"),
        c.OPEN: say(f"{problems} problem(s) were found, some with no remediation agreed (items "
                    f"{where}); the risk of the transfers is medium until owners and dates are set "
                    "for them.",
                    f"共发现{problems}个问题，其中{where}项下的问题尚未明确整改措施；在确定责任人和完成时限前，"
                    "拟出境活动风险为中等。"),
        c.INCOMPLETE: say(f"the registers are incomplete under {where}; complete them before the "
                          "report is filed, as no reasoned conclusion can be drawn without them.",
                          f"{where}项下登记信息尚不完整，应在申报前补充完整，否则无法得出有依据的结论。"),
        c.HIGH: say(f"serious problems without agreed remediation remain under {where}; the risk "
                    "of the transfers is high, and they should not go ahead on the current terms "
                    "until these are remediated.",
                    f"{where}项下仍存在尚未明确整改措施的严重问题，拟出境活动风险较高，在完成整改前不宜按现有方案"
                    "开展数据出境。"),
        c.NOT_ASSESSED: say("too little was assessed to reach a conclusion.",
                            "评估信息不足，无法得出结论。"),
    }[worst]


def build(catalog: Catalog, answers: Answers, kind: str, lang: str) -> Document:
    """Return the filing document ``kind`` of ``answers`` in ``lang``.

    Raises:
        AssessorError: the record has no registers, or no link takes this document's route.
    """
    if answers.inventory is None:
        raise AssessorError(f"{answers.path}: the answers file has no 'inventory:' registers; "
                            "the filing documents are written from them (see docs/filings.md)")
    inventory = narrowed(answers.inventory, kind)
    if not inventory.transfers:
        other = "pipia" if kind == CAC else CAC
        raise AssessorError(f"{answers.path}: no transfer link takes the route "
                            f"'{ROUTE_OF[kind]}', which the {kind} document is for (links on "
                            f"'{ROUTE_OF[other]}' are filed with `assessor filing {other}`)")
    scoped = engaged(catalog, answers.assessment.scope)
    facts = Facts(scoped, answers, score(scoped, answers.answers), inventory, lang, kind)
    form = FORMS[kind]
    blocks: list[Block] = []
    for heading in form.headings:
        blocks.append(Heading(heading.level, heading.en if lang == "en" else heading.zh))
        if heading.key == "conclusion":
            blocks += conclusion_blocks(facts)
        else:
            blocks += write_section(heading.key, facts)
    name = c.words(answers.organisation.name, lang)
    title = " ".join(line[lang == "en"] for line in form.title)
    return Document(kind, lang, cover(facts), tuple(blocks), BANNER if lang == "en" else "",
                    f"Reading copy, not the filing: {title}, {name}" if lang == "en" else "",
                    (form.edition[lang == "en"],))
