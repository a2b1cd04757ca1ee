"""The report's words: each sentence and flag the formats print from the view model, once.

HTML (and so the PDF), DOCX and XLSX all call these, so a sentence cannot say one thing in
Word and another in the PDF: one function per sentence, one test per function. The fixed text
of each language is ``report_templates/strings.yaml``; these functions only choose and fill it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from assessor.files import load_data
from assessor.report.rows import ActionView, Control, GapView, ReferenceView
from assessor.report.view import (
    Exposure,
    KeptAnswer,
    Report,
    Signer,
    SourceInstrument,
    StrongSection,
)
from assessor.resources import templates_dir

STRINGS_FILE = "strings.yaml"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DASH = "—"
Row = TypeVar("Row", bound=Mapping[str, Any])
# The lists the summary and the exposure table cut short, and how many of each they show; the
# rest are counted in a sentence, never dropped unsaid. A penalty article may sit behind dozens
# of gaps: its row names the first articles breached and the most severe gaps (ranks ascend).
TOP_GAPS = 5
STRENGTHS_SHOWN = 8
EXPOSURE_CITES = 6
EXPOSURE_RANKS = 5


class Part(NamedTuple):
    """One part of the report: its anchor (the HTML id, the DOCX builder) and its title key."""

    anchor: str
    title: str


# The report's parts, in order: the HTML's contents and sections, the DOCX's builders and
# contents field, and so the PDF's bookmarks all follow this list.
PARTS = (Part("summary", "summary"), Part("glance", "glance"), Part("scope", "scope"),
         Part("register", "gap_register"), Part("roadmap", "roadmap"),
         Part("exposure", "exposure"), Part("evidence", "evidence_requests"),
         Part("alternates", "alternates"), Part("appendix", "appendix"), Part("soa", "soa"),
         Part("method", "method"), Part("record", "record"))


@lru_cache(maxsize=2)
def strings(lang: str) -> dict[str, str]:
    """Return the fixed text of the report in ``lang`` (strings.yaml holds both languages)."""
    raw = load_data(templates_dir() / STRINGS_FILE)
    return {key: str(value.get(lang) or value.get("en")) for key, value in raw.items()}


def fill(template: str, **values: Any) -> str:
    """Fill the ``{name}`` fields of a fixed text; the values are escaped when printed."""
    return template.format(**values)


def percent(value: float | None) -> str:
    """Format a 0-100 score or coverage as a whole number, or a dash when nothing was scored."""
    return DASH if value is None else f"{value:.0f}"


def long_date(value: str | None, lang: str) -> str:
    """Write an ISO date as a reader of ``lang`` expects: 20 November 2026, 2026年11月20日."""
    if not value:
        return DASH
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def colon(lang: str) -> str:
    """Return the colon between a label and its text: full width in Chinese."""
    return "：" if lang == "zh" else ": "


def signer(sign: Signer | None, lang: str) -> str:
    """Say who signed off, in which role, on which date: "P. Partner (Partner) on 10 May 2026"."""
    if not sign:
        return DASH
    role = f" ({sign['role']})" if sign["role"] else ""
    return f"{sign['by']}{role}" + fill(strings(lang)["signed_on"],
                                        date=long_date(sign["date"], lang))


def kept_line(kept: KeptAnswer, lang: str) -> str:
    """Say what an answer not taken was, who gave it, when, from which file, and its note.

    "Not taken: Implemented (IT (Li Wei), 2026-12-14, from it.yaml); note: ..."; an open one
    says "Still open".
    """
    t = strings(lang)
    zh = lang == "zh"
    source = fill(t["kept_from"], file=kept["source"]) if kept["source"] else None
    who = ("，" if zh else ", ").join(p for p in (kept["by"], kept["at"], source) if p)
    line = t["kept_open" if kept["open"] else "kept_not_taken"] + colon(lang) + kept["display"]
    if who:
        line += f"（{who}）" if zh else f" ({who})"
    if kept["note"]:
        line += ("；" if zh else "; ") + t["kept_note"] + colon(lang) + kept["note"]
    return line


def status_line(report: Report) -> str:
    """Say where the report stands: a draft with its coverage, or final and who signed it off."""
    t = strings(report["lang"])
    review, overall = report["review"], report["overall"]
    if review["draft"]:
        return t["status_is_" + review["status"]] + fill(
            t["draft_coverage"], coverage=percent(overall["coverage"]),
            answered=overall["answered"], applicable=overall["applicable"])
    return t["status_is_final"] + fill(t["signed_off_by"],
                                       who=signer(review["signed_off"], report["lang"]))


def marking(report: Report, *, long: bool = False) -> str:
    """Return what every page's header marks: DRAFT, INTERNAL (the firm's edition), or both.

    ``long`` gives the draft's whole warning ("DRAFT — for review, not for distribution") where
    a header has the room (the workbook's); empty for the client's final report.
    """
    t = strings(report["lang"])
    draft = t["draft_marking" if long else "draft_word"] if report["review"]["draft"] else ""
    internal = t["internal_word"] if report["internal"] is not None else ""
    return " · ".join(word for word in (draft, internal) if word)


def summary_lead(report: Report, *, rated_only: bool = False) -> str:
    """Say in one sentence what was assessed, the score and rating, and how many gaps.

    ``rated_only`` (a brand's ``hide_score``) says the rating without the numeric score.
    """
    t, overall = strings(report["lang"]), report["overall"]
    applying = [i for i in report["instruments"] if i["applies"]]
    return fill(t["summary_lead_rating" if rated_only else "summary_lead"],
                org=report["organisation"]["name"], instruments=len(applying),
                nonbinding=t["summary_nonbinding"] if any(not i["binding"] for i in applying)
                else "", applicable=overall["applicable"], score=percent(overall["score"]),
                rating=t["rating_" + overall["rating"]], gaps=report["counts"]["gaps"],
                critical=report["counts"]["by_severity"]["critical"])


def rating_capped(report: Report) -> str | None:
    """Say why the rating is capped (the score's own band, the gaps holding it down), or None."""
    overall, t = report["overall"], strings(report["lang"])
    cap = overall["cap"]
    if cap is None:
        return None
    return fill(t["rating_capped"], band=t["rating_" + overall["band"]],
                rating=t["rating_" + overall["rating"]], count=len(cap["gaps"]),
                severity=t["severity_" + cap["severity"]].lower(),
                ranks=", ".join(str(rank) for rank in cap["ranks"]))


def seal_line(report: Report) -> str | None:
    """Say whether the sign-off holds for this report (and was signed with a key), or None."""
    review = report["review"]
    verdict, sign = review["seal"], review["signed_off"]
    if verdict is None:
        return None
    t = strings(report["lang"])
    key = t["seal_key_signed"] if verdict["holds"] and sign and sign["key_signed"] else ""
    return t["seal_" + verdict["code"]] + key


def severity_moved(gap: GapView, lang: str) -> str | None:
    """Say how and why the assessor moved a gap's severity ("Raised from high: ..."), or None."""
    change, override = gap["severity_change"], gap["answer"]["severity_override"]
    if not change or override is None:
        return None
    t = strings(lang)
    said = fill(t["severity_" + change], bank=t["severity_" + gap["bank_severity"]])
    return said + colon(lang) + override["justification"]


def needs_verifying(control: Control) -> bool:
    """Return whether a control's legal basis is to be verified: it or a citation is unverified."""
    return not control["verified"] or any(not ref["verified"] for ref in control["references"])


def cites(references: Sequence[ReferenceView], lang: str) -> str:
    """Return a control's citations on one line: "PIPL Art. 13; PIPL Art. 17" (；in Chinese)."""
    return semicolon(lang).join(ref["cite"] for ref in references)


def semicolon(lang: str) -> str:
    """Return the semicolon between the items of a list in a sentence: full width in Chinese."""
    return "；" if lang == "zh" else "; "


def grouped(items: Iterable[Row], key: str) -> list[tuple[Any, list[Row]]]:
    """Group rows by ``key`` in order of first appearance (Jinja's groupby sorts instead).

    The register by priority, the SoA and the excluded controls by reason: every format groups
    them this one way.
    """
    groups: dict[Any, list[Row]] = {}
    for item in items:
        groups.setdefault(item[key], []).append(item)
    return list(groups.items())


class Cut(NamedTuple):
    """A list as a page shows it: the first rows, and the sentence counting the rest (or None)."""

    shown: list[Any]
    more: str | None


def top_gaps(report: Report) -> list[GapView]:
    """Return the gaps the summary leads with: the first :data:`TOP_GAPS` by rank."""
    return report["gaps"][:TOP_GAPS]


def strong_sections(report: Report) -> Cut:
    """Return the strong sections the summary names, and a sentence counting the others."""
    sections: list[StrongSection] = report["strengths"]["sections"]
    more = len(sections) - STRENGTHS_SHOWN
    return Cut(sections[:STRENGTHS_SHOWN], fill(strings(report["lang"])["more_strengths"],
                                                 count=more) if more > 0 else None)


def rating_caps(report: Report) -> str:
    """Say which open gaps cap the rating, severity by severity (or that no gap does).

    The GDSI is named only when it is in scope (it has principles in the report then).
    """
    t, lang = strings(report["lang"]), report["lang"]
    if not report["rating_caps"]:
        return t["rating_no_caps"]
    caps = semicolon(lang).join(
        fill(t["rating_cap_item"], severity=t["severity_" + c["severity"]].lower(),
             rating=t["rating_" + c["rating"]]) for c in report["rating_caps"])
    return fill(t["rating_caps_text" + ("" if report["principles"] else "_laws")], caps=caps)


class ExposureRow(NamedTuple):
    """What a legal-exposure row says of the gaps behind its penalty article."""

    breached: str  # the first articles breached, and how many there are in all
    gaps: str  # every gap's rank, or the count and the most severe
    summarised: bool  # some ranks left out: the register holds them


def exposure_row(entry: Exposure, lang: str) -> ExposureRow:
    """Return the articles breached and the gaps behind one penalty article, cut to fit a row."""
    t, cites, ranks = strings(lang), entry["breached"], entry["ranks"]
    breached = semicolon(lang).join(cites[:EXPOSURE_CITES])
    if len(cites) > EXPOSURE_CITES:
        breached += " " + fill(t["breached_more"], more=len(cites) - EXPOSURE_CITES,
                               count=len(cites))
    if len(ranks) > EXPOSURE_RANKS:
        return ExposureRow(breached, fill(t["gap_ranks_summary"], count=len(ranks), ranks=", ".join(
            map(str, ranks[:EXPOSURE_RANKS]))), summarised=True)
    return ExposureRow(breached, fill(t["gap_ranks"], ranks=", ".join(map(str, ranks))),
                       summarised=False)


class Tracked(NamedTuple):
    """The remediation tracked for a gap, as the roadmap prints it under the action."""

    fields: list[tuple[str, str]]  # (label, value): owner and due date when given, status
    overdue: str | None  # the "overdue" marking, when the action is past due and open
    comment: str | None


def tracked(action: ActionView | None, lang: str) -> Tracked | None:
    """Return what the register tracks for a gap's action (None when nothing is tracked)."""
    if not action:
        return None
    t = strings(lang)
    fields = [(t["xlsx_owner"], action["owner"])] if action["owner"] else []
    if action["due"]:
        fields.append((t["xlsx_due"], long_date(action["due"], lang)))
    fields.append((t["status"], t["action_" + action["status"]]))
    return Tracked(fields, t["overdue"] if action["overdue"] else None, action["comment"])


def chart_bars(report: Report) -> list[dict[str, Any]]:
    """Return the scores chart's bars (SVG in HTML, PNG in DOCX): one per instrument that applies.

    Each bar has its score, whether the instrument binds, and how much of it was answered.
    """
    t = strings(report["lang"])
    return [{"label": i["short"], "score": i["score"], "binding": i["binding"],
             "detail": fill(t["answered_of"], answered=i["answered"], applicable=i["applicable"])}
            for i in report["instruments"] if i["applies"]]


def chart_points(report: Report) -> list[dict[str, Any]]:
    """Return the points of the principles' radar: each principle's number and score."""
    return [{"id": str(p["id"]), "score": p["score"]} for p in report["principles"]]


def gaps_by_law(report: Report) -> str | None:
    """Say why the instruments' gaps add up to more than the register's, or None when they agree.

    A fact several laws ask is one gap in the register and one in each law's count.
    """
    by_law = sum(i["gaps"] for i in report["instruments"] if i["applies"])
    count = report["counts"]["gaps"]
    if by_law == count:
        return None
    return fill(strings(report["lang"])["gaps_by_law_note"], count=count, by_law=by_law)


def severity_counts(report: Report) -> list[tuple[str, str]]:
    """Return the gaps by severity as the summary's figure notes them: (severity, "2 critical")."""
    t = strings(report["lang"])
    return [(s, f"{n} {t['severity_' + s].lower()}")
            for s, n in report["counts"]["by_severity"].items() if n]


def source_dates(source: SourceInstrument, lang: str) -> str:
    """Return what the method's list says after an instrument's name: in force, amended, binding.

    " — in force since 1 June 2017; amended on ...; alignment only", or empty.
    """
    t, said = strings(lang), ""
    if source["announced"]:
        said = " — " + fill(t["announced_on"], date=long_date(source["announced"], lang))
    elif source["effective"]:
        said = " — " + fill(t["in_force_since"], date=long_date(source["effective"], lang))
    if source["amended"]:
        said += semicolon(lang) + fill(t["amended_on"], date=long_date(source["amended"], lang))
    if not source["binding"]:
        said += semicolon(lang) + t["alignment_only"]
    return said


def fieldwork(report: Report) -> str | None:
    """Return the fieldwork period ("20 October 2026 to 10 November 2026"), or None."""
    period = report["document"]["fieldwork"]
    if period is None:
        return None
    lang = report["lang"]
    return fill(strings(lang)["doc_period"], start=long_date(period["from"], lang),
                end=long_date(period["to"], lang))
