"""What goes under each heading of the forms, written from the registers, profile and answers.

Every sentence is built from the record; where the record lacks a fact the form asks for, the
text says so plainly (and the conclusion lists it), rather than filling the gap with words. Each
writer reads one :class:`~assessor.filing.facts.Facts`.
"""

from __future__ import annotations

from collections.abc import Callable

from assessor.filing.conclusion import words
from assessor.filing.document import Block, Para, Table
from assessor.filing.facts import Facts
from assessor.filing.forms import COLUMNS, PIPIA
from assessor.filing.rules import chinese_date, file_by
from assessor.registers import Transfer

CATEGORY = {"personal": ("personal information", "个人信息"),
            "sensitive": ("sensitive personal information", "敏感个人信息"),
            "important": ("important data", "重要数据"), "other": ("other data", "其他数据")}
ROUTE = {"security_assessment": ("CAC security assessment", "数据出境安全评估"),
         "standard_contract": ("standard contract", "个人信息出境标准合同"),
         "certification": ("personal information protection certification", "个人信息保护认证"),
         "exempt": ("exemption", "豁免情形")}
KIND = {"system": ("system", "系统"), "data_centre": ("data centre", "数据中心"),
        "cloud": ("cloud service", "云服务")}


def p(text: str, lead: str = "") -> Para:
    """Return a body paragraph."""
    return Para.of(text, lead)


def work(f: Facts) -> list[Block]:
    """一、自评估工作情况: dates, who, how, the third party."""
    done = f.inventory.self_assessment
    a = f.answers.assessment
    blocks: list[Block] = []
    if done is None:
        return [p(f.missing("the dates and team of the self-assessment",
                            "自评估工作的起止时间和组织情况"))]
    last = file_by(done.end).isoformat()
    blocks.append(p(f.say(f"The self-assessment ran from {done.start} to {done.end}. It serves "
                          f"a filing made by {last}, within 3 months of its end.",
                          f"本次评估工作自{chinese_date(done.start)}开始，至{chinese_date(done.end)}"
                          f"结束，用于在{chinese_date(last)}前（评估结束后3个月内）提交的申报或备案。")))
    if done.team:
        blocks.append(p(f.end(f.t(done.team)), f.say("Organisation: ", "组织情况：")))
    if done.method:
        blocks.append(p(f.end(f.t(done.method)), f.say("Method: ", "实施方式：")))
    scored = [q for q in f.result.applicable if f.result.applicable[q]]
    answered = sum(1 for q in scored if q in f.answers.answers)
    blocks.append(p(f.say(
        f"Process: the transfer registers (data items, recipients, systems, links) were compiled "
        f"and {answered} applicable controls of the data laws were assessed against evidence; "
        f"{len(f.result.gaps)} gaps were found, and those bearing on the transfers are set out "
        "in the conclusion with their remediation.",
        f"实施过程：梳理数据出境登记信息（数据项、境外接收方、系统、出境链路），并对照数据相关法律法规逐项核查"
        f"{answered}项适用的控制要求及佐证材料，共发现{len(f.result.gaps)}项差距，其中与数据出境相关的问题"
        "及整改情况见结论部分。")))
    third = done.third_party
    if third:
        blocks.append(p(f.end(f.join([f.t(third.name), f.t(third.profile), f.t(third.role)])),
                        f.say("Third party: ", "第三方机构参与情况：")))
    else:
        blocks.append(p(f.say("No third party took part.", "本次自评估无第三方机构参与。")))
    if a.consultant or a.firm:
        blocks.append(p(f.end(" ".join(x for x in (a.firm, a.consultant) if x)),
                        f.say("Assessor: ", "评估人员：")))
    return blocks


def processor_basic(f: Facts) -> list[Block]:
    """Shareholding, controller, investments (and for the PIPIA the body too)."""
    org = f.answers.organisation
    own = org.ownership
    blocks: list[Block] = [p(f.end(org.name), f.say("Name: ", "名称："))]
    if own is None:
        blocks.append(p(f.missing("the shareholding and actual controller", "股权结构和实际控制人情况")))
    else:
        holders = [f"{f.t(h.name)}{f.say(' (', '（')}{f.join([h.share or '', h.country or ''])}"
                   f"{f.say(')', '）')}" if h.share or h.country else f.t(h.name)
                   for h in own.shareholders]
        if holders:
            blocks.append(p(f.end(f.join(holders)), f.say("Shareholders: ", "股权结构：")))
        blocks.append(p(f.end(f.t(own.controller, f.missing("the actual controller", "实际控制人"))),
                        f.say("Actual controller: ", "实际控制人：")))
        blocks.append(p(f.end(f.t(own.investments, f.say("None recorded", "未记录"))),
                        f.say("Investments in China and abroad: ", "境内外投资情况：")))
    if f.kind == PIPIA:
        blocks += body(f)
    return blocks


def body(f: Facts) -> list[Block]:
    """The data-security (or PI protection) body."""
    b = f.inventory.security_body
    if b is None:
        return [p(f.missing("the security body", "数据安全管理机构信息"))]
    out: list[Block] = [p(f.end(f.t(b.name)), f.say("Body: ", "管理机构："))]
    for label, value in ((f.say("Led by: ", "负责人："), b.head),
                         (f.say("Members: ", "组成："), b.members),
                         (f.say("Duties: ", "职责："), b.duties)):
        if value:
            out.append(p(f.end(f.t(value)), label))
    sector = f.answers.organisation.sector
    if sector:
        out.append(p(f.end(sector), f.say("Sector: ", "所属行业：")))
    return out


def business(f: Facts) -> list[Block]:
    """The business as a whole and its data assets, with the profile's volumes."""
    out: list[Block] = [p(f.end(f.t(f.inventory.business, f.missing("a description of the business",
                                                      "整体业务与数据资产说明"))))]
    facts = [(f.say("Individuals whose personal information is processed: ", "处理个人信息的自然人数量："),
              f.answer("profile.pi_individuals")),
             (f.say("Sensitive personal information: ", "是否处理敏感个人信息："),
              f.answer("profile.sensitive_pi")),
             (f.say("Important data: ", "重要数据情况："), f.answer("profile.important_data")),
             (f.say("Critical information infrastructure operator: ", "是否为关键信息基础设施运营者："),
              f.answer("profile.ciio"))]
    out += [p(f.end(value), label) for label, value in facts if value]
    return out


def scenarios(f: Facts) -> dict[str, list[Transfer]]:
    """Return the transfer links by scenario, in register order."""
    found: dict[str, list[Transfer]] = {}
    for link in f.inventory.transfers:
        found.setdefault(link.scenario, []).append(link)
    for item in f.inventory.data_items:
        found.setdefault(item.scenario, [])
    return found


def data_business(f: Facts) -> list[Block]:
    """The scenarios filed: what each sends, to whom, on what route."""
    out: list[Block] = []
    for scenario, links in scenarios(f).items():
        items = [i for i in f.inventory.data_items if i.scenario == scenario]
        to = [f.t(r.name) for link in links if (r := f.inventory.recipient(link.recipient))]
        kinds = sorted({CATEGORY[i.category][f.lang == "zh"] for i in items})
        out.append(p(f.say(
            f"{len(items)} data items ({', '.join(kinds)}) go to {'; '.join(dict.fromkeys(to))}"
            f" through {len(links)} link(s).",
            f"涉及{len(items)}项数据（{'、'.join(kinds)}），经{len(links)}条出境链路提供给"
            f"{'；'.join(dict.fromkeys(to))}。"), f.say(f"Scenario '{scenario}': ", f"场景“{scenario}”：")))
    return out or [p(f.missing("any transfer scenario", "出境业务场景"))]


def data_purpose(f: Facts) -> list[Block]:
    """Purpose, scope and method per link, with the route and the basis in law."""
    out: list[Block] = []
    for link in f.inventory.transfers:
        r = f.inventory.recipient(link.recipient)
        route = ROUTE[link.route][f.lang == "zh"]
        if link.exemption:
            route += f.say(f" ({link.exemption})", f"（{link.exemption}）")
        purpose = f.t(r.purpose) if r else ""
        names = [f.t(i.name) for x in link.items if (i := f.inventory.item(x))]
        out.append(p(f.end(f.join([
            f.say(f"purpose: {purpose}", f"目的：{purpose}") if purpose else "",
            f.say(f"scope: {', '.join(names)}", f"范围：{'、'.join(names)}"),
            f.say(f"method: {f.t(link.method)}", f"方式：{f.t(link.method)}") if link.method else "",
            f.say(f"legal route: {route}", f"合规路径：{route}")])), f"{link.id} "))
    consent = f.answer("pipl.xb.notice_consent")
    if consent and f.kind == PIPIA:  # the CAC form asks for it under its capability section
        out.append(p(f.end(consent), f.say("Notice and separate consent (PIPL Art. 39): ",
                                           "告知及单独同意情况（《个人信息保护法》第三十九条）：")))
    necessity = [f"{i.id} {f.t(i.name)}{f.say(': ', '：')}{f.t(i.necessity)}"
                 for i in f.inventory.data_items if i.necessity]
    if necessity:
        out.append(p(f.end(f.join(necessity)), f.say("Necessity: ", "必要性：")))
    return out or [p(f.missing("any transfer link", "出境链路"))]


def item_tables(f: Facts) -> list[Block]:
    """The form's data-item table, one per scenario, numbered from 1 and without repeats."""
    columns = tuple(c[f.lang == "en"] for c in COLUMNS)
    out: list[Block] = []
    for scenario in scenarios(f):
        rows = []
        for number, i in enumerate((i for i in f.inventory.data_items if i.scenario == scenario),
                                   1):
            remark = f.join([CATEGORY[i.category][f.lang == "zh"], f.t(i.remark)])
            rows.append((str(number), f.t(i.name), f.t(i.description), f.t(i.necessity),
                         f.t(i.example), remark))
        out.append(p(f.say(f"Scenario '{scenario}':", f"场景“{scenario}”：")))
        out.append(Table(columns, tuple(rows)))
    return out or [Table(columns, ())]


def pipia_items(f: Facts) -> list[Block]:
    """PIPIA (3): volume, kinds and sensitivity, then the item table."""
    counts = f.inventory.counts
    out: list[Block] = []
    if counts:
        out.append(p(f.say(f"In {counts.year}, {counts.individuals:,} individuals (de-duplicated), "
                           f"of whom {counts.sensitive:,} with sensitive personal information.",
                           f"{counts.year}年出境个人信息涉及{counts.individuals:,}人（按自然人去重），"
                           f"其中涉及敏感个人信息{counts.sensitive:,}人。")))
    sensitive = [f.t(i.name) for i in f.inventory.data_items if i.category == "sensitive"]
    out.append(p(f.say(f"Sensitive personal information: {', '.join(sensitive)}.",
                       f"敏感个人信息：{'、'.join(sensitive)}。") if sensitive else
                 f.say("No sensitive personal information is transferred.", "不涉及敏感个人信息出境。")))
    return out + item_tables(f)


def systems(f: Facts) -> list[Block]:
    """Systems in China, the links with their endpoints, and storage abroad."""
    out: list[Block] = []
    for s in f.inventory.systems:
        where = f.say("in China", "境内") if s.location == "CN" else f.say("abroad", "境外")
        out.append(p(f.end(f.join([KIND[s.kind][f.lang == "zh"] + f.say(f", {where}", f"，{where}"),
                                   f.t(s.provider), f.t(s.place)])),
                     f"{s.id} {f.t(s.name)}{f.say(': ', '：')}"))
    for link in f.inventory.transfers:
        src, dst = f.inventory.system(link.source), f.inventory.recipient(link.recipient)
        kept = f.inventory.system(link.stored_in) if link.stored_in else None
        out.append(p(f.end(f.join([
            f.say(f"from {f.t(src.name) if src else link.source} to "
                  f"{f.t(dst.name) if dst else link.recipient}",
                  f"自{f.t(src.name) if src else link.source}至"
                  f"{f.t(dst.name) if dst else link.recipient}"),
            f.t(link.method), f.say("addresses: ", "域名及网络地址：") + ", ".join(link.endpoints)
            if link.endpoints else "", f.t(link.frequency),
            f.say(f"stored abroad in {f.t(kept.name)}", f"出境后存储于{f.t(kept.name)}")
            if kept else f.say("not stored abroad", "出境后不在境外存储")])),
            f.say(f"Link {link.id}: ", f"出境链路{link.id}：")))
    return out or [p(f.missing("the systems and links", "系统及出境链路情况"))]


def onward(f: Facts) -> list[Block]:
    """Onward provision by each recipient."""
    out: list[Block] = [p(f.end(f.t(r.onward, f.missing("onward provision", "再提供情况"))),
             f"{r.id} {f.t(r.name)}{f.say(': ', '：')}") for r in f.inventory.recipients]
    return out or [p(f.missing("any recipient", "境外接收方"))]


def counts(f: Facts) -> list[Block]:
    """De-duplicated individuals this year and the 3-year forecast."""
    c = f.inventory.counts
    if c is None:
        return [p(f.missing("the count of individuals", "出境个人信息的自然人数量"))]
    out: list[Block] = [p(f.say(f"In {c.year}: {c.individuals:,} individuals (de-duplicated), {c.sensitive:,}"
                   " of them with sensitive personal information.",
                   f"{c.year}年：{c.individuals:,}人（按自然人去重），其中涉及敏感个人信息"
                   f"{c.sensitive:,}人。"))]
    if c.forecast:
        years = [f.say(f"{c.year + n}: {v:,}", f"{c.year + n}年{v:,}人")
                 for n, v in enumerate(c.forecast, 1)]
        out.append(p(f.end(f.join(years)), f.say("Forecast: ", "未来3年预估：")))
    return out


def controls_in(f: Facts, prefixes: tuple[str, ...]) -> tuple[int, int, list[str]]:
    """Return applicable, met and the gaps' names among controls whose ids start so."""
    ids = [q for q, on in f.result.applicable.items() if on and q.startswith(prefixes)
           and q in f.answers.answers]
    gaps = {str(g.question.id): g for g in f.result.gaps}
    named = [gaps[q].question.text.get(f.lang) for q in ids if q in gaps]
    return len(ids), len(ids) - len(named), named


def capability(prefixes: tuple[str, ...], what: tuple[str, str]) -> Callable[[Facts],
                                                                            list[Block]]:
    """Return a writer summarising the controls under ``prefixes``."""

    def write(f: Facts) -> list[Block]:
        total, met, named = controls_in(f, prefixes)
        if not total:
            return [p(f.missing(what[0], what[1]))]
        out: list[Block] = [p(f.say(f"Of {total} applicable controls on {what[0]}, {met} are met.",
                                    f"{what[1]}方面共核查{total}项适用的控制要求，其中{met}项已落实。"))]
        if named:
            out.append(p(f.end(f.join(named[:8]) + (f.say(f"; and {len(named) - 8} more",
                                                          f"；另有{len(named) - 8}项")
                                                    if len(named) > 8 else "")),
                         f.say("Not fully met: ", "尚未完全落实的事项：")))
        return out

    return write


def article_39(f: Facts) -> list[Block]:
    """PIPL Art. 39 (notice and separate consent for transfers abroad), which the form asks here."""
    answer = f.answers.answers.get("pipl.xb.notice_consent")
    if answer is None:
        return [p(f.missing("how notice and separate consent for the transfers are given",
                            "履行出境告知和取得单独同意的情况"),
                  f.say("PIPL Art. 39: ", "《个人信息保护法》第三十九条履行情况："))]
    note = words(answer.note, f.lang)
    return [p(f.end(f.join([f.answer("pipl.xb.notice_consent"), note])),
              f.say("PIPL Art. 39 (notice and separate consent): ",
                    "《个人信息保护法》第三十九条履行情况（告知及单独同意）："))]


def proof(f: Facts) -> list[Block]:
    """Proof of effectiveness: accepted evidence and the assessment answers."""
    accepted = [e.title for e in f.answers.evidence.values() if e.status == "accepted"]
    out: list[Block] = []
    for qid, en, zh in (("pipl.xb.self_assessment", "Earlier outbound self-assessment: ",
                         "以往数据出境风险自评估："),
                        ("pipl.xb.security_assessment", "Security assessment: ", "数据出境安全评估情况："),
                        ("pipl.governance.pipia_done", "PIPIA: ", "个人信息保护影响评估：")):
        if value := f.answer(qid):
            out.append(p(f.end(value), f.say(en, zh)))
    if accepted:
        out.append(p(f.end(f.join(accepted)), f.say("Evidence accepted: ", "已核验的佐证材料：")))
    return out or [p(f.missing("any proof of effectiveness", "保障措施有效性证明"))]


def compliance(f: Facts) -> list[Block]:
    """Penalties and orders to remediate, and what was done."""
    penalties = f.inventory.penalties
    if not penalties:
        return [p(f.say("The record lists no administrative penalty or order to remediate.",
                        "评估记录中未登记行政处罚或监管整改情况。"))]
    out: list[Block] = []
    for x in penalties:
        state = f.say("closed", "已整改完毕") if x.status == "closed" else f.say("open", "尚在整改")
        out.append(p(f.end(f.join([f.t(x.authority), f.t(x.matter),
                                   f.say("remediation: ", "整改措施：") + f.t(x.remediation)
                                   if x.remediation else "", state])), f"{x.date} "))
    return out


def recipient_basic(f: Facts) -> list[Block]:
    """Each recipient: name, country or region, role."""
    return [p(f.end(f.join([f.say(f"country or region: {r.country}", f"所在国家或地区：{r.country}"),
                            f.t(r.role)])), f"{r.id} {f.t(r.name)}{f.say(': ', '：')}")
            for r in f.inventory.recipients] or [p(f.missing("any recipient", "境外接收方"))]


def recipient_use(f: Facts) -> list[Block]:
    """What each recipient does with the data, and how."""
    return [p(f.end(f.join([f.t(r.purpose), f.t(r.method)]) or f.missing("the purpose", "用途")),
              f"{r.id} {f.t(r.name)}{f.say(': ', '：')}") for r in f.inventory.recipients]


def recipient_measures(f: Facts) -> list[Block]:
    """Each recipient's measures, and the control on recipients' safeguards."""
    out: list[Block] = [p(f.end(f.t(r.measures, f.missing("its measures", "其保障措施"))),
                          f"{r.id} {f.t(r.name)}{f.say(': ', '：')}")
                        for r in f.inventory.recipients]
    if value := f.answer("pipl.xb.recipient_safeguards"):
        out.append(p(f.end(value), f.say("Assessed: ", "核查结果：")))
    return out


def contract(key: str) -> Callable[[Facts], list[Block]]:
    """Return the writer of one of the six contract points."""

    def write(f: Facts) -> list[Block]:
        out: list[Block] = []
        for r in f.inventory.recipients:
            links = [t for t in f.inventory.transfers if t.recipient == r.id]
            doc = f.t(r.contract, f.say("no legal document recorded", "未记录法律文件"))
            if key == "scope":
                text = f.join([doc, f.t(r.purpose), f.t(r.method)])
            elif key == "storage":
                text = f.join([doc] + [f"{t.id} {f.t(t.retention, f.say('retention not recorded', '保存期限未记录'))}"
                                       for t in links])
            elif key == "onward":
                text = f.join([doc, f.t(r.onward, f.say("onward provision not recorded", "再提供情况未记录"))])
            else:
                text = f.say(f"{doc}; the record does not show how this point is agreed: check the "
                             "document before filing",
                             f"{doc}；评估记录未体现该文件对本项的约定，申报前应核对该文件")
            out.append(p(f.end(text), f"{r.id} {f.t(r.name)}{f.say(': ', '：')}"))
        return out or [p(f.missing("any recipient", "境外接收方"))]

    return write


def other(f: Facts) -> list[Block]:
    """Other matters: the assessment's scope and any previous filing."""
    out: list[Block] = []
    if value := f.answer("pipl.xb.assessment_scope"):
        out.append(p(f.end(value), f.say("Transfers against the approved scope: ",
                                         "出境活动与已批准范围的一致性：")))
    note = f.answers.answers.get("pipl.xb.security_assessment")
    if note is not None and note.note:
        out.append(p(f.end(words(note.note, f.lang)), f.say("Previous assessment: ", "以往评估情况：")))
    return out or [p(f.say("None.", "无。"))]


WRITERS: dict[str, Callable[[Facts], list[Block]]] = {
    "work": work,
    "processor.basic": processor_basic,
    "processor.body": body,
    "processor.business": business,
    "data.business": data_business,
    "data.purpose": data_purpose,
    "data.items": item_tables,
    "data.systems": systems,
    "data.onward": onward,
    "data.counts": counts,
    "capability.management": lambda f: [*capability(
        ("dsl.", "pipl.governance.", "pipl.basis.", "pipl.rights."),
        ("data security management", "数据安全管理能力"))(f), *article_39(f)],
    "capability.technical": capability(("csl.mlps.", "pipl.security.", "csl.incident."),
                                       ("technical measures", "数据安全技术能力")),
    "capability.proof": proof,
    "capability.compliance": compliance,
    "recipient.basic": recipient_basic,
    "recipient.use": recipient_use,
    "recipient.measures": recipient_measures,
    **{f"contract.{k}": contract(k) for k in ("scope", "storage", "onward", "change", "remedies",
                                              "incidents")},
    "other": other,
}


def write_section(key: str, f: Facts) -> list[Block]:
    """Return the content under heading ``key`` (the PIPIA's item table has its own lead)."""
    if f.kind == PIPIA and key == "data.items":
        return pipia_items(f)
    writer = WRITERS.get(key)
    return writer(f) if writer else []
