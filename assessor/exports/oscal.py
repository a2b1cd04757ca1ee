"""OSCAL 1.1.2: the banks as a catalog, the engagement as an assessment plan, and its results.

For groups whose GRC tooling (ServiceNow, RegScale, trestle pipelines) wants the China results in
NIST's shape. Three JSON documents, emitted together because consumers take them as a bundle:

- catalog: each bank a group, each section a sub-group, each scored control a control whose
  statement is the question, with guidance (help), the remediation, its citations as props and
  its Chinese text in parts of our own namespace;
- assessment plan: the controls of the engagement's scope, and the organisation as the subject
  whose profile facts are props;
- assessment results: one observation per answered control (the answer, note, finding and
  evidence titles: client material only, never internal notes), and one finding per applicable
  control, ``satisfied`` when it scores in full, else ``not-satisfied`` (OSCAL has no third
  state: a partial answer is said in the finding's props and description).

Every UUID is a version-5 UUID derived from what it names, and every time comes from the
assessment date, so the same input gives the same bytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from assessor.banks.scope import display_value, expressions
from assessor.jsontext import dumps
from assessor.model.catalog import Catalog, Question, Questionnaire
from assessor.model.record import NA, Answer, Answers
from assessor.model.result import Result

OSCAL_VERSION = "1.1.2"
NS = "urn:assessor:oscal"
ROOT = uuid.UUID("6c1f3f1e-58f4-5b3a-9d4f-3a1a9f0b2c11")  # assessor's own namespace


def uid(*names: str) -> str:
    """Return the version-5 UUID of a name: the same thing always gets the same UUID."""
    return str(uuid.uuid5(ROOT, "\x1f".join(names)))


def timestamp(date: str | None) -> str:
    """Return the assessment date as an OSCAL date-time (midnight UTC), never the clock."""
    return f"{(date or '2000-01-01')[:10]}T00:00:00+00:00"


def prop(name: str, value: str, *, ours: bool = True) -> dict[str, str]:
    """Return a property; ours carry the assessor namespace."""
    item = {"name": name, "value": " ".join(value.split()) or "-"}
    if ours:
        item["ns"] = NS
    return item


def banks(catalog: Catalog) -> list[Questionnaire]:
    """Return the banks of the catalog (the profile is no control)."""
    return [q for q in catalog.questionnaires if q.kind == "bank"]


def version_line(catalog: Catalog) -> str:
    """Return the banks and their versions, the documents' ``version``."""
    return ", ".join(f"{q.id} {q.version}" for q in banks(catalog))


def metadata(title: str, date: str | None, version: str) -> dict[str, Any]:
    """Return a document's metadata."""
    return {"title": title, "last-modified": timestamp(date), "version": version,
            "oscal-version": OSCAL_VERSION}


def control(catalog: Catalog, question: Question) -> dict[str, Any]:
    """Return one scored control as an OSCAL control."""
    cid = question.id
    props = [prop("label", cid, ours=False), prop("severity", str(question.severity)),
             prop("weight", f"{question.weight:g}")]
    props += [prop("reference", r.cite("en")) for r in question.references]
    props += [prop("gdsi-point", str(p)) for p in question.principles]
    if applies := expressions(catalog, question):
        props.append(prop("applies-if", " and ".join(f"({e})" for e in applies)))
    if question.same_as:
        props.append(prop("same-as", question.same_as))
    parts = [{"id": f"{cid}_smt", "name": "statement", "prose": question.text.en},
             {"id": f"{cid}_smt.zh", "name": "statement-zh", "ns": NS,
              "prose": question.text.zh or question.text.en}]
    if question.help:
        parts.append({"id": f"{cid}_gdn", "name": "guidance", "prose": question.help.en})
        parts.append({"id": f"{cid}_gdn.zh", "name": "guidance-zh", "ns": NS,
                      "prose": question.help.zh or question.help.en})
    if question.remediation:
        parts.append({"id": f"{cid}_rem", "name": "remediation", "ns": NS,
                      "prose": question.remediation.en})
    if question.evidence:
        parts.append({"id": f"{cid}_evd", "name": "evidence", "ns": NS,
                      "prose": question.evidence.en})
    return {"id": cid, "class": "assessor-control", "title": question.text.en, "props": props,
            "parts": parts}


def catalog_document(catalog: Catalog) -> dict[str, Any]:
    """Return the banks as an OSCAL catalog."""
    groups = []
    for bank in banks(catalog):
        sections = [{"id": s.id, "class": "section", "title": s.title.en,
                     "props": [prop("title-zh", s.title.zh or s.title.en)],
                     "controls": [control(catalog, q) for q in s.questions if q.scored]}
                    for s in bank.sections if any(q.scored for q in s.questions)]
        groups.append({"id": bank.id, "class": "bank", "title": bank.title.en,
                       "props": [prop("title-zh", bank.title.zh or bank.title.en),
                                 prop("bank-version", bank.version)],
                       "groups": sections})
    return {"catalog": {
        "uuid": uid("catalog", version_line(catalog)),
        "metadata": metadata("assessor: China data-law and GDSI control catalog", None,
                             version_line(catalog)),
        "groups": groups}}


def subject(catalog: Catalog, answers: Answers) -> dict[str, Any]:
    """Return the organisation as an inventory item whose props are its profile facts."""
    props = [prop("organisation", answers.organisation.name)]
    for qn in catalog.questionnaires:
        if qn.kind != "profile":
            continue
        for question in qn.questions:
            answer = answers.answers.get(question.id)
            if answer is not None:
                props.append(prop(question.id, display_value(question, answer, "en")))
    return {"uuid": uid("subject", answers.organisation.name),
            "description": f"{answers.organisation.name}: the organisation assessed, with the "
                           "facts of its profile that decide which controls apply.",
            "props": props}


def in_scope(catalog: Catalog, result: Result) -> list[Question]:
    """Return the scored controls that apply to this organisation, in bank order."""
    return [q for bank in banks(catalog) for q in bank.questions
            if q.scored and result.applicable.get(q.id, False)]


def selection(controls: list[Question]) -> dict[str, Any]:
    """Return the reviewed controls (every applicable one)."""
    chosen = [{"control-id": q.id} for q in controls]
    return {"control-selections": [{"include-controls": chosen} if chosen
                                   else {"include-all": {}}]}


def plan_document(catalog: Catalog, answers: Answers, result: Result) -> dict[str, Any]:
    """Return the assessment plan: the scope reviewed and the organisation as its subject."""
    org, date = answers.organisation.name, answers.assessment.date
    no_ssp = uid("no-ssp", org)
    item = subject(catalog, answers)
    return {"assessment-plan": {
        "uuid": uid("plan", org, date or ""),
        "metadata": metadata(f"{org}: China data-law assessment plan", date,
                             version_line(catalog)),
        "import-ssp": {"href": f"#{no_ssp}"},
        "local-definitions": {"inventory-items": [item]},
        "reviewed-controls": selection(in_scope(catalog, result)),
        "assessment-subjects": [{"type": "inventory-item",
                                 "include-subjects": [{"subject-uuid": item["uuid"],
                                                       "type": "inventory-item"}]}],
        "back-matter": {"resources": [{"uuid": no_ssp,
                                       "title": "No system security plan: an organisation-wide "
                                                "assessment made with assessor"}]}}}


def observation(question: Question, answer: Answer, answers: Answers,
                subject_uuid: str, when: str) -> dict[str, Any]:
    """Return what was observed for one control, in client words."""
    lines = [f"Answer: {display_value(question, answer, 'en')}"]
    if answer.note:
        lines.append(f"Note: {answer.note}")
    if answer.finding:
        lines.append(f"Finding: {answer.finding}")
    titles = [answers.evidence[e].title if e in answers.evidence else e for e in answer.evidence]
    methods = ["INTERVIEW"] + (["EXAMINE"] if titles else [])
    if titles:
        lines.append("Evidence: " + "; ".join(titles))
    item: dict[str, Any] = {"uuid": uid("observation", answers.organisation.name, question.id),
                            "title": question.id, "description": "\n".join(lines),
                            "methods": methods,
                            "subjects": [{"subject-uuid": subject_uuid,
                                          "type": "inventory-item"}],
                            "collected": when}
    return item


def state_of(score: float | None, answer: Answer | None) -> tuple[str, str]:
    """Return OSCAL's state and our own word for one applicable control."""
    if answer is None:
        return "not-satisfied", "unanswered"
    if answer.value == NA:
        return "satisfied", "not-applicable"
    if score is not None and score >= 1.0:
        return "satisfied", "met"
    if score is not None and score >= 0.5:
        return "not-satisfied", "partly-met"
    return "not-satisfied", "not-met"


def results_document(catalog: Catalog, answers: Answers, result: Result) -> dict[str, Any]:
    """Return the assessment results: observations and one finding per applicable control."""
    org, date = answers.organisation.name, answers.assessment.date
    when = timestamp(date)
    item = subject(catalog, answers)
    controls = in_scope(catalog, result)
    observations, findings = [], []
    for question in controls:
        answer = answers.answers.get(question.id)
        related = []
        if answer is not None:
            seen = observation(question, answer, answers, item["uuid"], when)
            observations.append(seen)
            related = [{"observation-uuid": seen["uuid"]}]
        state, word = state_of(result.question_scores.get(question.id), answer)
        finding: dict[str, Any] = {
            "uuid": uid("finding", org, question.id), "title": question.id,
            "description": finding_text(question, answer),
            "props": [prop("result", word), prop("severity", str(question.severity))],
            "target": {"type": "objective-id", "target-id": question.id,
                       "status": {"state": state}}}
        if related:
            finding["related-observations"] = related
        findings.append(finding)
    no_plan = uid("plan", org, date or "")
    body: dict[str, Any] = {
        "uuid": uid("result", org, date or ""), "title": f"Assessment of {date or 'undated'}",
        "description": f"{org}: assessment against {version_line(catalog)}, by interview and "
                       "documents, scored by assessor.",
        "start": when, "local-definitions": {"inventory-items": [item]},
        "reviewed-controls": selection(controls)}
    if observations:
        body["observations"] = observations
    if findings:
        body["findings"] = findings
    return {"assessment-results": {
        "uuid": uid("results", org, date or ""),
        "metadata": metadata(f"{org}: China data-law assessment results", date,
                             version_line(catalog)),
        "import-ap": {"href": "assessment-plan.json"},
        "results": [body],
        "back-matter": {"resources": [{"uuid": no_plan, "title": "The assessment plan",
                                       "rlinks": [{"href": "assessment-plan.json"}]}]}}}


def finding_text(question: Question, answer: Answer | None) -> str:
    """Return a finding's description: the consultant's finding, else the question answered."""
    if answer is not None and answer.finding:
        return answer.finding
    if answer is None:
        return f"Not answered: {question.text.en}"
    return f"{question.text.en} Answer: {display_value(question, answer, 'en')}."


def documents(catalog: Catalog, answers: Answers, result: Result) -> Mapping[str, bytes]:
    """Return the three documents as JSON files, keyed by file name."""
    found = {"catalog.json": catalog_document(catalog),
             "assessment-plan.json": plan_document(catalog, answers, result),
             "assessment-results.json": results_document(catalog, answers, result)}
    return {name: (dumps(doc) + "\n").encode()
            for name, doc in found.items()}
