"""The statutory calendar: the dates a record implies, each with the article that sets it.

``assessor calendar FILE -o dates.ics`` writes them as an iCalendar file (RFC 5545) that any
calendar program opens, and the report's roadmap lists them. A date is computed only from the
record: the profile decides which duties apply, and ``milestones`` says when the clock started
(a result issued, a contract in force, the last audit). A duty whose article the instruments
table does not mark verified in the official text is left out and named in ``omitted``, so the
calendar never asserts a deadline we could not confirm.

Working days are counted Monday to Friday; public holidays and make-up working days move a
window earlier, which every such event says.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from assessor.bilingual import Text
from assessor.model.catalog import Catalog
from assessor.model.record import Answer, Answers


@dataclass(frozen=True, slots=True)
class Rule:
    """A duty with a date: when it applies, which milestone starts it, and how it is counted."""

    id: str
    law: str
    article: str
    applies: Callable[[Mapping[str, Answer]], bool]
    milestone: str
    title: Text
    explain: Text
    dates: Callable[[dt.date], list[tuple[str, dt.date, Text]]]  # (key, date, title)


@dataclass(frozen=True, slots=True)
class Event:
    """One date on the calendar."""

    uid: str
    date: dt.date
    title: Text
    description: Text
    citation: Text


def fact(answers: Mapping[str, Answer], qid: str) -> object:
    """Return a profile fact's value, or None."""
    answer = answers.get(qid)
    return answer.value if answer is not None else None


def yes(qid: str) -> Callable[[Mapping[str, Answer]], bool]:
    """Return a test that a yes/no fact is yes."""
    return lambda answers: fact(answers, qid) == "yes"


def route(name: str) -> Callable[[Mapping[str, Answer]], bool]:
    """Return a test that transfers abroad go (at least partly) by ``name``."""
    def test(answers: Mapping[str, Answer]) -> bool:
        chosen = fact(answers, "profile.xb_mechanism")
        return fact(answers, "profile.transfers_abroad") == "yes" and \
            isinstance(chosen, tuple) and name in chosen
    return test


def above(qid: str, limit: float) -> Callable[[Mapping[str, Answer]], bool]:
    """Return a test that a number fact is above ``limit``."""
    def test(answers: Mapping[str, Answer]) -> bool:
        value = fact(answers, qid)
        return isinstance(value, float) and value > limit
    return test


def important_data(answers: Mapping[str, Answer]) -> bool:
    """Return whether the profile says the organisation holds important data."""
    return fact(answers, "profile.important_data") in ("catalogued", "uncatalogued")


def minors(answers: Mapping[str, Answer]) -> bool:
    """Return whether the profile says minors' personal information is processed."""
    return any(qid.startswith("profile.minors") and answer.value == "yes"
               for qid, answer in answers.items())


def add_years(date: dt.date, years: int) -> dt.date:
    """Return ``date`` moved by whole years (29 February becomes 28 February)."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def add_months(date: dt.date, months: int) -> dt.date:
    """Return ``date`` moved by whole months, kept within the month's length."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    for day in range(date.day, 27, -1):
        try:
            return dt.date(year, month + 1, day)
        except ValueError:
            continue
    return dt.date(year, month + 1, min(date.day, 28))


def working_days(date: dt.date, count: int) -> dt.date:
    """Return the date ``count`` working days (Monday to Friday) after (or before) ``date``."""
    step = 1 if count >= 0 else -1
    left = abs(count)
    while left:
        date += dt.timedelta(days=step)
        if date.weekday() < 5:
            left -= 1
    return date


HOLIDAYS = Text(" Working days are counted Monday to Friday: public holidays make the real date "
                "earlier.", "工作日按周一至周五计算；法定节假日会使实际日期提前。")
Dated = list[tuple[str, dt.date, Text]]


def assessment_dates(start: dt.date) -> Dated:
    """Return the extension window and the expiry of a security-assessment result."""
    expiry = add_years(start, 3)
    return [("renewal", working_days(expiry, -60),
             Text("Security assessment: the extension window opens",
                  "数据出境安全评估：可申请延长")),
            ("expiry", expiry,
             Text("Security assessment: the result expires", "数据出境安全评估：结果有效期届满"))]


def certificate_dates(start: dt.date) -> Dated:
    """Return the renewal date and the expiry of a certificate."""
    expiry = add_years(start, 3)
    return [("renewal", add_months(expiry, -6),
             Text("Certification: apply for renewal", "个人信息出境认证：申请续期")),
            ("expiry", expiry,
             Text("Certification: the certificate expires", "个人信息出境认证：证书有效期届满"))]


def filing_dates(start: dt.date) -> Dated:
    """Return the filing deadline of a standard contract."""
    return [("filing", working_days(start, 10),
             Text("Standard contract: filing deadline", "标准合同：备案期限"))]


def every(years: int, title: Text) -> Callable[[dt.date], Dated]:
    """Return a counter of a duty that recurs every ``years`` from the last time."""
    return lambda start: [("due", add_years(start, years), title)]


RULES = (
    Rule("security_assessment", "CBDF", "9", route("security_assessment"), "security_assessment",
         Text("Security assessment of transfers abroad", "数据出境安全评估"),
         Text("A security-assessment result is valid for 3 years; an extension may be requested "
              "within the 60 working days before it expires.",
              "数据出境安全评估结果有效期为3年；可在有效期届满前60个工作日内申请延长。"),
         assessment_dates),
    Rule("certification", "PICM", "8", route("certification"), "certification",
         Text("PI protection certification for transfers abroad", "个人信息出境认证"),
         Text("A certificate is valid for 3 years; renewal is applied for 6 months before expiry.",
              "认证证书有效期为3年；应在届满前6个月申请续期。"),
         certificate_dates),
    Rule("standard_contract", "SCM", "7", route("standard_contract"), "standard_contract",
         Text("Filing of the standard contract", "标准合同备案"),
         Text("The standard contract is filed with the provincial CAC within 10 working days of "
              "taking effect.", "标准合同应自生效之日起10个工作日内向省级网信部门备案。"),
         filing_dates),
    Rule("pi_audit", "PIAM", "4", above("profile.pi_individuals", 10_000_000), "pi_audit",
         Text("PI protection compliance audit", "个人信息保护合规审计"),
         Text("A processor of the personal information of more than 10 million people audits its "
              "compliance at least every 2 years.",
              "处理超过1000万人个人信息的处理者，应当至少每两年开展一次合规审计。"),
         every(2, Text("PI compliance audit: next audit due",
                       "个人信息保护合规审计：下次审计到期"))),
    Rule("minors_audit", "MINOR", "37", minors, "minors_audit",
         Text("Compliance audit of minors' personal information", "未成年人个人信息合规审计"),
         Text("A processor of minors' personal information audits its compliance every year and "
              "reports the audit to the CAC; the law sets no day, so this falls a year after the "
              "last audit.", "处理未成年人个人信息的，应每年开展合规审计并报告网信等部门；"
              "法规未规定具体日期，此处按上次审计满一年计。"),
         every(1, Text("Minors' PI audit: yearly audit due",
                       "未成年人个人信息合规审计：年度审计到期"))),
    Rule("risk_report", "NDSMR", "33", important_data, "risk_report",
         Text("Annual risk assessment of important data", "重要数据年度风险评估"),
         Text("A processor of important data assesses the risk of its processing every year and "
              "reports to the competent authority; the regulation sets no day, so this falls a "
              "year after the last report.",
              "重要数据处理者应每年度开展风险评估并报送风险评估报告；"
              "条例未规定具体日期，此处按上次报送满一年计。"),
         every(1, Text("Important data: annual risk report due",
                       "重要数据：年度风险评估报告到期"))),
)


@dataclass(frozen=True, slots=True)
class Calendar:
    """The events of a record, and the duties that apply but could not be dated, with why.

    ``undated`` duties lack the milestone they count from; ``unconfirmed`` ones rest on an
    article not verified in the official text, so no date is asserted for them at all.
    """

    events: tuple[Event, ...]
    undated: tuple[tuple[str, Text], ...]  # (rule id, why)
    unconfirmed: tuple[tuple[str, Text], ...] = ()
    missing: tuple[tuple[Text, Text], ...] = ()  # (duty, citation) of the undated, for a report


def citation(catalog: Catalog, rule: Rule) -> tuple[Text, bool]:
    """Return the rule's citation in both languages, and whether its article is verified."""
    instrument = catalog.instruments.get(rule.law)
    if instrument is None:
        return Text(f"{rule.law} Art. {rule.article}", f"{rule.law}第{rule.article}条"), False
    ref = instrument.reference(rule.article)
    verified = ref.verified and instrument.verified
    return Text(ref.cite("en"), ref.cite("zh")), verified


def event_uid(answers: Answers, rule: Rule, key: str) -> str:
    """Return a stable UID: the same organisation and duty always give the same one."""
    name = "\x1f".join((answers.organisation.name, rule.id, key))
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, 'assessor:' + name)}@assessor"


def build(catalog: Catalog, answers: Answers) -> Calendar:
    """Return the statutory dates this record implies."""
    events: list[Event] = []
    undated: list[tuple[str, Text]] = []
    unconfirmed: list[tuple[str, Text]] = []
    missing: list[tuple[Text, Text]] = []
    for rule in RULES:
        if not rule.applies(answers.answers):
            continue
        cited, verified = citation(catalog, rule)
        if not verified:
            unconfirmed.append((rule.id, Text(
                f"{rule.title.en}: left out, {cited.en} is not confirmed in the official text",
                f"{rule.title.zh}：未列入，{cited.zh}尚未在官方文本中核实")))
            continue
        start = answers.milestones.get(rule.milestone)
        if start is None:
            missing.append((rule.title, cited))
            undated.append((rule.id, Text(
                f"{rule.title.en}: no date, add milestones.{rule.milestone} to the record",
                f"{rule.title.zh}：无日期，请在记录中填写 milestones.{rule.milestone}")))
            continue
        begun = dt.date.fromisoformat(start)
        for key, date, title in rule.dates(begun):
            note = rule.explain
            if rule.id in ("security_assessment", "standard_contract") and key != "expiry":
                note = Text(note.en + HOLIDAYS.en, note.zh + HOLIDAYS.zh)
            events.append(Event(event_uid(answers, rule, key), date, title, note, cited))
    events.sort(key=lambda e: (e.date, e.uid))
    return Calendar(tuple(events), tuple(undated), tuple(unconfirmed), tuple(missing))


def escape(text: str) -> str:
    """Return text escaped for an iCalendar TEXT value (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Return a content line folded at 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def ics(catalog: Catalog, answers: Answers, lang: str = "en") -> bytes:
    """Return the calendar as iCalendar bytes; the same record gives the same bytes."""
    found = build(catalog, answers)
    stamp = (answers.assessment.date or "2000-01-01")[:10].replace("-", "") + "T000000Z"
    org = answers.organisation.name
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//assessor//statutory calendar//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{escape(org)}"]
    for event in found.events:
        day = event.date.strftime("%Y%m%d")
        after = (event.date + dt.timedelta(days=1)).strftime("%Y%m%d")
        text = f"{event.description.get(lang)}\n{event.citation.get(lang)}"
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day}", f"DTEND;VALUE=DATE:{after}",
                  f"SUMMARY:{escape(org + ': ' + event.title.get(lang))}",
                  f"DESCRIPTION:{escape(text)}", "TRANSP:TRANSPARENT",
                  "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P30D",
                  f"DESCRIPTION:{escape(event.title.get(lang))}", "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
