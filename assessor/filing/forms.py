"""The two forms' own words: title, cover labels, headings in order, table columns.

Copied exactly from the CAC's templates (annex 4 of the security-assessment filing guide and
annex 5 of the standard-contract filing guide, first editions): filers may not add, remove or
change a heading. Each heading has a key the writers fill in under, and an English rendering
for the reading copy (ours, for reference only).
"""

from __future__ import annotations

from dataclasses import dataclass

CAC = "cac-self-assessment"
PIPIA = "pipia"
KINDS = (CAC, PIPIA)


@dataclass(frozen=True, slots=True)
class FormHeading:
    """One heading of a form: where content goes (``key``), its level and its words."""

    key: str
    level: int
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Form:
    """A form's fixed words."""

    kind: str
    title: tuple[tuple[str, str], ...]  # lines of the title, (zh, en)
    name_label: tuple[str, str]
    headings: tuple[FormHeading, ...]
    table_after: str  # the heading key under which the data-item table goes
    edition: tuple[str, str]


COLUMNS = (("序号", "No."), ("数据项名称", "Data item"), ("内容描述", "Description"),
           ("出境必要性", "Necessity of the transfer"), ("示例", "Example"), ("备注", "Remarks"))
SEAL = ("（盖章）", " (seal)")
DATE_BLANK = ("年   月   日", "Date: ____")

H = FormHeading

CAC_FORM = Form(CAC, (("数据出境风险自评估报告", "Outbound data transfer risk self-assessment report"),),
                ("数据处理者名称：", "Data processor: "), (
    H("work", 1, "一、自评估工作情况", "1. The self-assessment"),
    H("overall", 1, "二、出境活动整体情况", "2. The outbound transfers as a whole"),
    H("processor", 2, "（一）数据处理者基本情况", "(1) The data processor"),
    H("processor.basic", 3, "1.基本情况简介，包括股权结构、实际控制人、境内外投资情况等；",
      "1. Basic facts, including shareholding, actual controller and investments in China and "
      "abroad;"),
    H("processor.body", 3, "2.组织架构和数据安全管理机构信息；",
      "2. Organisation and the data security management body;"),
    H("processor.business", 3, "3.整体业务与数据资产情况。",
      "3. The business as a whole and its data assets."),
    H("data", 2, "（二）拟出境数据情况", "(2) The data to be transferred"),
    H("data.business", 3, "1.数据出境涉及业务、数据资产等情况；",
      "1. The business and data assets the transfers concern;"),
    H("data.purpose", 3, "2.数据出境及境外接收方处理数据的目的、范围、方式，及其合法性、正当性、必要性；",
      "2. Purpose, scope and method of the transfers and of the recipients' processing, and "
      "their lawfulness, legitimacy and necessity;"),
    H("data.items", 3, "3.按照申报业务场景梳理对应的出境数据项情况，以列表形式呈现数据项清单并逐一说明"
                       "（如下表所示），同一场景下的数据项需去重；",
      "3. The data items of each business scenario filed, listed in a table and explained one "
      "by one (as below), without repeats within a scenario;"),
    H("data.systems", 3, "4.拟出境数据在境内存储的系统平台、数据中心（包含云服务）等情况，数据出境链路相关情况"
                         "（数据处理者、境外接收方的网络系统域名及网络地址，数据出境方式等），"
                         "计划出境后存储的系统平台、数据中心等；",
      "4. Systems and data centres (cloud included) holding the data in China, the transfer "
      "links (domains and network addresses of the processor's and the recipients' systems, the "
      "method of transfer), and where the data will be stored abroad;"),
    H("data.onward", 3, "5.数据出境后向境外其他接收方提供的情况；",
      "5. Onward provision to other recipients abroad;"),
    H("data.counts", 3, "6.涉及个人信息的，按照自然人（去重）统计当年的出境数量，预估未来3年的出境数量。",
      "6. For personal information: individuals (de-duplicated) this year, and a forecast for "
      "the next 3 years."),
    H("capability", 2, "（三）数据处理者数据安全保障能力情况",
      "(3) The data processor's capability to protect the data"),
    H("capability.management", 3, "1.数据安全管理能力，包括管理组织体系和制度建设情况，全流程管理、分类分级、"
                                  "应急处置、风险评估、个人信息权益保护等制度及落实情况；",
      "1. Data security management: organisation and rules; lifecycle management, "
      "classification, incident response, risk assessment and protection of individuals' "
      "rights, and how they are applied;"),
    H("capability.technical", 3, "2.数据安全技术能力，包括数据收集、存储、使用、加工、传输、提供、公开、删除等"
                                 "全流程所采取的安全技术措施等；",
      "2. Technical measures across collection, storage, use, processing, transmission, "
      "provision, disclosure and deletion;"),
    H("capability.proof", 3, "3.数据安全保障措施有效性证明，例如开展的数据安全风险评估、数据安全认证、"
                             "数据安全检查测评、数据安全合规审计、网络安全等级保护测评等情况；",
      "3. Proof that the measures work: risk assessments, certification, inspections and "
      "tests, compliance audits, MLPS testing;"),
    H("capability.compliance", 3, "4.遵守数据和网络安全相关法律法规的情况。",
      "4. Compliance with data and cybersecurity laws and regulations."),
    H("recipient", 2, "（四）境外接收方情况", "(4) The overseas recipients"),
    H("recipient.basic", 3, "1.境外接收方基本情况；", "1. Basic facts;"),
    H("recipient.use", 3, "2.境外接收方处理数据的用途、方式等；",
      "2. What the recipients use the data for, and how;"),
    H("recipient.measures", 3, "3.境外接收方履行责任义务的管理和技术措施、能力等。",
      "3. The recipients' management and technical measures and capability to meet their "
      "obligations."),
    H("contract", 2, "（五）法律文件约定数据安全保护责任义务的情况",
      "(5) Data security obligations agreed in the legal documents"),
    H("contract.scope", 3, "1.数据出境的目的、方式和数据范围，境外接收方处理数据的用途、方式等；",
      "1. Purpose, method and scope of the transfers; the recipients' use and processing;"),
    H("contract.storage", 3, "2.数据在境外保存地点、期限，以及达到保存期限、完成约定目的或者法律文件终止后出境数据的"
                             "处理措施；",
      "2. Where and how long the data is kept abroad, and what happens to it at the end of the "
      "period, when the purpose is met or when the documents end;"),
    H("contract.onward", 3, "3.对于境外接收方将出境数据再转移给其他组织、个人的约束性要求；",
      "3. Binding limits on onward transfer to other organisations or individuals;"),
    H("contract.change", 3, "4.境外接收方在实际控制权或者经营范围发生实质性变化，或者所在国家、地区数据安全保护政策法规"
                            "和网络安全环境发生变化，以及发生其他不可抗力情形，导致难以保障数据安全时，应当采取的安全"
                            "措施；",
      "4. Measures when a change of control or business, a change in the law or cybersecurity "
      "environment of the recipient's country or region, or force majeure makes the data hard "
      "to protect;"),
    H("contract.remedies", 3, "5.违反法律文件约定的数据安全保护义务的补救措施、违约责任和争议解决方式；",
      "5. Remedies, liability and dispute resolution for breach of the agreed obligations;"),
    H("contract.incidents", 3, "6.出境数据遭到篡改、破坏、泄露、丢失、转移或者被非法获取、非法利用时，妥善开展应急处置的"
                               "要求和保障个人维护其个人信息权益的途径和方式。",
      "6. Incident handling if the data is tampered with, destroyed, leaked, lost, moved or "
      "unlawfully obtained or used, and how individuals can uphold their rights."),
    H("other", 2, "（六）数据处理者认为需要说明的其他情况",
      "(6) Other matters the data processor wishes to explain"),
    H("conclusion", 1, "三、出境活动的风险自评估情况及结论",
      "3. Risk self-assessment of the transfers, and conclusion"),
), "data.items", ("申报指南附件4（第一版）", "annex 4 of the filing guide, first edition"))

PIPIA_FORM = Form(PIPIA, (("个人信息保护影响评估报告", "Personal information protection impact "
                                                   "assessment report"),
                          ("（出境版）", "(outbound transfers)")),
                  ("个人信息处理者名称：", "Personal information processor: "), (
    H("overall", 1, "一、出境活动整体情况", "1. The outbound transfers as a whole"),
    H("processor", 2, "（一）个人信息处理者基本情况", "(1) The personal information processor"),
    H("processor.basic", 3, "1.基本情况简介，包括股权结构、实际控制人、境内外投资情况、组织架构和个人信息保护机构信息等。",
      "1. Basic facts, including shareholding, actual controller, investments in China and "
      "abroad, organisation and the personal information protection body."),
    H("processor.business", 3, "2.整体业务与处理个人信息情况。",
      "2. The business as a whole and its processing of personal information."),
    H("data", 3, "3.拟出境个人信息情况。", "3. The personal information to be transferred."),
    H("data.business", 4, "（1）个人信息出境涉及业务、个人信息收集使用、信息系统等情况；",
      "(1) The business, collection and use of personal information and information systems "
      "the transfers concern;"),
    H("data.purpose", 4, "（2）个人信息处理者和境外接收方处理个人信息的目的、范围、方式，及其合法性、正当性、必要性；",
      "(2) Purpose, scope and method of the processor's and the recipients' processing, and "
      "their lawfulness, legitimacy and necessity;"),
    H("data.items", 4, "（3）出境个人信息的规模、范围、种类、敏感程度，处理敏感个人信息情况；",
      "(3) Volume, scope, kinds and sensitivity of the personal information transferred, and "
      "the processing of sensitive personal information;"),
    H("data.systems", 4, "（4）拟出境个人信息在境内存储的系统平台、数据中心等情况，个人信息出境链路相关情况，"
                         "计划出境后存储的系统平台、数据中心等；",
      "(4) Systems and data centres holding the information in China, the transfer links, and "
      "where it will be stored abroad;"),
    H("data.onward", 4, "（5）个人信息出境后向境外其他接收方提供的情况。",
      "(5) Onward provision to other recipients abroad."),
    H("capability.compliance", 3, "4.遵守个人信息保护相关法律法规的情况。",
      "4. Compliance with personal information protection laws and regulations."),
    H("recipient", 2, "（二）境外接收方情况", "(2) The overseas recipients"),
    H("recipient.basic", 3, "1.境外接收方基本情况；", "1. Basic facts;"),
    H("recipient.use", 3, "2.境外接收方处理个人信息的用途、方式等；",
      "2. What the recipients use the personal information for, and how;"),
    H("recipient.measures", 3, "3.境外接收方履行责任义务的管理和技术措施、能力等。",
      "3. The recipients' management and technical measures and capability to meet their "
      "obligations."),
    H("other", 2, "（三）个人信息处理者认为需要说明的其他情况",
      "(3) Other matters the processor wishes to explain"),
    H("conclusion", 1, "二、拟出境活动的影响评估情况及结论",
      "2. Impact assessment of the transfers, and conclusion"),
), "data.items", ("备案指南附件5（第一版）", "annex 5 of the filing guide, first edition"))

FORMS = {CAC: CAC_FORM, PIPIA: PIPIA_FORM}
