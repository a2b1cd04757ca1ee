"""The items of Art. 5 each conclusion walks through, in our words, and the controls under each.

SAM Art. 5 (the security-assessment measures) lists six items; the text in the law folder is
complete (one copy). SCM Art. 5 (the standard-contract measures) is only partly retrieved: its
lead-in, item (1) and the start of item (2). Only those two are cited by number; the remaining
matters a PIPIA must cover are walked through unnumbered (``verified`` False), never attributed
to an item whose words were not read. Each item gathers the controls whose gaps are its problems.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor.filing.forms import CAC


@dataclass(frozen=True, slots=True)
class Item:
    """One matter of Art. 5: its label, what it asks (our words), and the controls under it."""

    key: str
    label: tuple[str, str]  # (zh, en); empty for a matter not cited by number
    asks: tuple[str, str]
    controls: tuple[str, ...]
    verified: bool = True


LAWFUL = ("pipl.xb.mechanism", "pipl.xb.notice_consent", "pipl.consent.separate_mechanism",
          "pipl.xb.exemption_basis", "pipl.basis.inventory", "pipl.xb.security_assessment",
          "pipl.xb.contract_or_certification", "dsl.flow.xb_assessment",
          "csl.cii.outbound_assessment")
SCALE = ("pipl.xb.flow_register", "pipl.xb.volume_watch", "pipl.special.sensitive_necessity",
         "dsl.class.important_identify", "csl.mlps.data_classification", "pipl.xb.localisation",
         "csl.cii.localisation", "gdsi.p4_local_law.localisation", "dsl.flow.xb_within_approval")
RECIPIENT = ("pipl.xb.recipient_safeguards",)
RISKS = ("pipl.xb.foreign_requests", "dsl.state.group_requests", "dsl.state.foreign_requests",
         "gdsi.p5_data_sovereignty.offshore_access_controls")
CONTRACT = ("pipl.xb.recipient_safeguards", "pipl.xb.contract_filing_days")
OTHER = ("pipl.xb.self_assessment", "pipl.xb.assessment_scope", "pipl.xb.certification_upkeep",
         "pipl.governance.pipia_done", "gdsi.p4_local_law.bilateral_flow_record",
         "gdsi.p4_local_law.host_law_register")

SAM_ITEMS = (
    Item("lawful", ("（一）", "(1)"),
         ("数据出境以及境外接收方处理数据的目的、范围和方式是否合法、正当、必要",
          "whether the purpose, scope and method of the transfers and of the recipients' "
          "processing are lawful, legitimate and necessary"), LAWFUL),
    Item("scale", ("（二）", "(2)"),
         ("出境数据的规模、范围、种类和敏感程度，以及出境可能给国家安全、公共利益和个人、组织合法权益带来的风险",
          "the volume, scope, kinds and sensitivity of the data, and the risks the transfers may "
          "pose to national security, the public interest and the rights of individuals and "
          "organisations"), SCALE),
    Item("recipient", ("（三）", "(3)"),
         ("境外接收方承诺的责任义务，以及其管理措施、技术措施和能力能否保障出境数据安全",
          "whether the recipients' undertakings, and their management and technical measures "
          "and capability, can keep the data secure"), RECIPIENT),
    Item("risks", ("（四）", "(4)"),
         ("数据在出境途中和到达境外后遭到篡改、泄露、丢失或者被滥用等安全风险，以及个人维护自身权益的途径是否畅通",
          "the risk that the data is altered, leaked, lost or misused in transit or once abroad, "
          "and whether individuals have an open way to uphold their rights"), RISKS),
    Item("contract", ("（五）", "(5)"),
         ("与境外接收方拟订立的合同等法律文件是否充分约定了数据安全保护责任义务",
          "whether the contracts and other legal documents with the recipients set out the data "
          "security obligations fully"), CONTRACT),
    Item("other", ("（六）", "(6)"),
         ("其他可能影响数据出境安全的事项", "other matters that may affect the security of the transfers"),
         OTHER),
)

SCM_ITEMS = (
    Item("lawful", ("（一）", "(1)"),
         ("个人信息处理者和境外接收方处理个人信息的目的、范围和方式是否合法、正当、必要",
          "whether the purpose, scope and method of the processor's and the recipients' "
          "processing are lawful, legitimate and necessary"), LAWFUL),
    Item("scale", ("（二）", "(2)"),
         ("出境个人信息的规模、范围、种类和敏感程度", "the volume, scope, kinds and sensitivity of the "
                                                   "personal information transferred"), SCALE),
    Item("recipient", ("", ""),
         ("境外接收方承担的义务及其管理措施、技术措施和能力", "the recipients' obligations and their "
                                                         "management and technical measures and "
                                                         "capability"), RECIPIENT,
         verified=False),
    Item("risks", ("", ""),
         ("个人信息出境中和出境后的安全风险，以及个人维护权益的渠道",
          "security risks during and after the transfer, and how individuals uphold their "
          "rights"), RISKS, verified=False),
    Item("contract", ("", ""),
         ("与境外接收方订立的标准合同", "the standard contract with the recipients"), CONTRACT,
         verified=False),
    Item("other", ("", ""),
         ("其他可能影响个人信息出境安全的事项", "other matters that may affect the security of the "
                                               "transfers"), OTHER, verified=False),
)


def items_for(kind: str) -> tuple[Item, ...]:
    """Return the Art. 5 items the conclusion of ``kind`` walks through."""
    return SAM_ITEMS if kind == CAC else SCM_ITEMS


def article(kind: str) -> tuple[str, str]:
    """Return the measures and article the conclusion answers to, (zh, en)."""
    if kind == CAC:
        return ("《数据出境安全评估办法》第五条", "Art. 5 of the Measures for Security Assessment of "
                                                 "Outbound Data Transfers")
    return ("《个人信息出境标准合同办法》第五条", "Art. 5 of the Measures on the Standard Contract for "
                                                   "Outbound Personal Information")
