"""CISO Assistant framework libraries: each bank as a library its importer accepts.

The shape follows the importer of intuitem/ciso-assistant-community (``backend/library/utils.py``
and ``core/models.py``; the rules are listed in ``docs/ciso-assistant.md``): a library with
``urn``, ``ref_id``, ``name``, ``locale``, an integer ``version`` and ``objects.framework``; every
node carries ``assessable``; each control is an assessable node with one question whose choices
hold our labels, scores (``add_score``) and results (``compute_result``). Sections are
non-assessable nodes. Chinese goes into ``translations.zh``.

URNs are stable across versions: a control's URN is made from the oldest id it had (a bank's
``renamed`` pairs), so a renamed control keeps its history on the client's instance. The library
version is derived from the bank's version, so it rises with it.

Applicability: every distinct set of conditions (bank, section, question ``applies_if``) becomes
one implementation group named by the bank's scope words; a profile node first asks, per group,
whether it applies, and its "Yes" selects that group. CISO Assistant selects groups by OR only,
so one group per whole condition keeps AND and numeric thresholds exact.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, assert_never

from assessor.banks.scope import expressions, scope_text
from assessor.bilingual import Text
from assessor.model.catalog import Catalog, Option, Question, Questionnaire, QuestionType, Section

ORG = "assessor"
URN_RE = re.compile(r"^urn:([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+)"
                    r"(?::([a-zA-Z0-9_-]+))?:([0-9A-Za-z\[\]\(\)\-\._:]+)$")
MAX_URN = 255
MAX_NAME = 200
MAX_REF_ID = 100
BASE_GROUP = "all"
PROFILE_NODE = "scope"


def framework_id(questionnaire: Questionnaire) -> str:
    """Return the framework's short id, e.g. ``cn-pipl``."""
    return f"cn-{questionnaire.id}".lower()


def library_urn(questionnaire: Questionnaire) -> str:
    """Return the library's URN."""
    return f"urn:{ORG}:risk:library:{framework_id(questionnaire)}"


def framework_urn(questionnaire: Questionnaire) -> str:
    """Return the framework's URN."""
    return f"urn:{ORG}:risk:framework:{framework_id(questionnaire)}"


def node_urn(questionnaire: Questionnaire, node: str) -> str:
    """Return a requirement node's URN (lower case, as the importer stores it)."""
    return f"urn:{ORG}:risk:req_node:{framework_id(questionnaire)}:{node}".lower()


def library_version(version: str) -> int:
    """Return the integer version CISO Assistant needs, rising with the bank's "YYYY.N[.P]".

    (YYYY x 1000 + N) x 100 + P: "2026.2" gives 202600200, so 2026.10 > 2026.9 > 2026.2.1 >
    2026.2, and the result stays within a 32-bit integer column.
    """
    parts = [int(p) for p in re.findall(r"\d+", version)] or [0]
    major, minor, patch = (parts + [0, 0])[:3]
    return (major * 1000 + min(minor, 999)) * 100 + min(patch, 99)


def stable_ids(questionnaire: Questionnaire) -> dict[str, str]:
    """Return, for each current control id, the oldest id it had (the URN's stem)."""
    oldest: dict[str, str] = {}
    for old, new in questionnaire.renamed:
        oldest[new] = oldest.get(old, old)
    return oldest


def clip(text: str, limit: int) -> str:
    """Return ``text`` cut at a word before ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut + "…"


def result_of(score: float | None) -> str | None:
    """Return CISO Assistant's result for one of our option scores."""
    if score is None:
        return None
    if score >= 1.0:
        return "compliant"
    if score >= 0.5:
        return "partially_compliant"
    return "non_compliant"


@dataclass(frozen=True, slots=True)
class Group:
    """One implementation group: a whole applicability condition and its words."""

    ref_id: str
    conditions: tuple[str, ...]
    words: tuple[Text, ...]


def group_of(catalog: Catalog, question: Question) -> Group:
    """Return the implementation group of the conditions that decide ``question``."""
    found = expressions(catalog, question)
    if not found:
        return Group(BASE_GROUP, (), ())
    digest = hashlib.sha256("\n".join(found).encode()).hexdigest()[:10]
    words = tuple(scope_text(catalog, question))
    return Group(f"c-{digest}", found, words)


def group_text(group: Group, lang: str, *, whole: bool = True) -> str:
    """Return a group's words: every level's scope sentence (or the narrowest one alone).

    Where a level gives no words, its condition itself is shown.
    """
    if group.ref_id == BASE_GROUP:
        return "Every organisation in scope" if lang == "en" else "评估范围内的所有组织"
    if not group.words:
        return " and ".join(group.conditions)
    words = group.words if whole else group.words[-1:]
    return "; ".join(w.get(lang) for w in words)


def scope_questions(chosen: Sequence[Group]) -> list[tuple[Group, Text]]:
    """Return each group but the base with its question: the narrowest words, unless two share them.

    The bank's own condition holds for every group (the framework applies at all), so repeating it
    in every question would only hide the difference; where two groups share their narrowest
    words, both are asked in full.
    """
    asked = [g for g in chosen if g.ref_id != BASE_GROUP]
    narrow = [group_text(g, "en", whole=False) for g in asked]
    out = []
    for group, words in zip(asked, narrow, strict=True):
        whole = narrow.count(words) > 1
        out.append((group, Text(
            f"Does this describe your organisation? {group_text(group, 'en', whole=whole)}",
            f"以下情形是否适用于贵组织？{group_text(group, 'zh', whole=whole)}")))
    return out


def choice(question_urn: str, key: str, label: Text, score: float | None,
           result: str | None) -> dict[str, Any]:
    """Return one choice: our label, its score out of 100 and its result."""
    item: dict[str, Any] = {"urn": f"{question_urn}:choice:{key}".lower(), "value": label.en}
    if score is not None:
        item["add_score"] = round(score * 100)
    if result is not None:
        item["compute_result"] = result
    item["translations"] = {"zh": {"value": label.zh or label.en}}
    return item


SPECIALS = {
    "na": Text("Not applicable", "不适用"),
    "unknown": Text("Unknown", "未知"),
    "alternate": Text("Alternative measure in place", "已采取替代措施"),
}


def number_choices(question: Question) -> list[tuple[str, Text, float, str]]:
    """Return the two bands of a number checked against its statutory limit."""
    limit = question.limit
    if limit is None:
        return []
    value = f"{limit.value:,.0f}" if float(limit.value).is_integer() else f"{limit.value:,}"
    unit_en = f" {question.unit.en}" if question.unit else ""
    unit_zh = question.unit.zh if question.unit else ""
    inside, outside = ("≤", ">") if limit.kind == "max" else ("≥", "<")
    return [("within", Text(f"{inside} {value}{unit_en}", f"{inside}{value}{unit_zh}"), 1.0,
             "compliant"),
            ("beyond", Text(f"{outside} {value}{unit_en}", f"{outside}{value}{unit_zh}"), 0.0,
             "non_compliant")]


def question_block(question: Question, question_urn: str) -> dict[str, Any]:
    """Return the node's one question, its choices mirroring our options and scores."""
    kind = "unique_choice"
    choices: list[dict[str, Any]] = []
    match question.type:
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.SCALE:
            choices = [choice(question_urn, o.id, o.label, o.score, result_of(o.score))
                       for o in question.options]
        case QuestionType.MULTI:
            kind = "multiple_choice"
            choices = [multi_choice(question_urn, o) for o in question.options]
        case QuestionType.NUMBER:
            if question.limit is not None:
                choices = [choice(question_urn, key, label, score, result)
                           for key, label, score, result in number_choices(question)]
            else:
                kind = "number"
        case QuestionType.TEXT:
            kind = "text"
        case _:
            assert_never(question.type)
    if choices:
        if question.alternate:
            choices.append(choice(question_urn, "alternate", SPECIALS["alternate"], 1.0,
                                  "compliant"))
        choices.append(choice(question_urn, "na", SPECIALS["na"], None, "not_applicable"))
        # Unknown is a gap in our report (it cannot be confirmed), so it is non compliant here
        choices.append(choice(question_urn, "unknown", SPECIALS["unknown"], 0.0, "non_compliant"))
    block: dict[str, Any] = {"type": kind, "text": question.text.en,
                             "translations": {"zh": {"text": question.text.zh or question.text.en}}}
    if choices:
        block["choices"] = choices
    return block


def multi_choice(question_urn: str, option: Option) -> dict[str, Any]:
    """Return a multiple-choice option: scores add up (clipped at 100, as our cap at 1)."""
    score = option.score or 0.0
    return choice(question_urn, option.id, option.label, score,
                  "non_compliant" if score == 0 and option.score is not None else None)


def references_text(question: Question, lang: str) -> str:
    """Return the control's citations in one line."""
    return "; ".join(r.cite(lang) for r in question.references)


def description(question: Question, lang: str) -> str:
    """Return the node's description: the question, then what it cites."""
    refs = references_text(question, lang)
    label = "References: " if lang == "en" else "依据："
    return question.text.get(lang) + (f"\n\n{label}{refs}" if refs else "")


SEVERITY = {"critical": Text("critical", "严重"), "high": Text("high", "高"),
            "medium": Text("medium", "中"), "low": Text("low", "低")}


def annotation(question: Question, lang: str) -> str:
    """Return help and remediation, the auditor's guidance."""
    parts = []
    if question.help:
        parts.append(question.help.get(lang))
    if question.remediation:
        parts.append(("Remediation: " if lang == "en" else "整改建议：")
                     + question.remediation.get(lang))
    parts.append(("Severity: " if lang == "en" else "严重程度：")
                 + SEVERITY[str(question.severity)].get(lang))
    return "\n\n".join(parts)


def control_node(catalog: Catalog, questionnaire: Questionnaire, question: Question,
                 parent: str, stem: str) -> dict[str, Any]:
    """Return one control as an assessable node with its question."""
    urn = node_urn(questionnaire, stem)
    zh: dict[str, Any] = {"name": clip(question.text.zh or question.text.en, MAX_NAME),
                          "description": description(question, "zh")}
    node: dict[str, Any] = {
        "urn": urn, "assessable": True, "depth": 2, "parent_urn": parent,
        "ref_id": question.id[:MAX_REF_ID], "name": clip(question.text.en, MAX_NAME),
        "description": description(question, "en"),
    }
    node["annotation"] = annotation(question, "en")
    zh["annotation"] = annotation(question, "zh")
    if question.evidence:
        node["typical_evidence"] = question.evidence.en
        zh["typical_evidence"] = question.evidence.zh or question.evidence.en
    node["weight"] = max(1, round(question.weight))
    node["implementation_groups"] = [group_of(catalog, question).ref_id]
    node["translations"] = {"zh": zh}
    node["questions"] = {f"{urn}:question:1": question_block(question, f"{urn}:question:1")}
    return node


def section_node(questionnaire: Questionnaire, section: Section) -> dict[str, Any]:
    """Return a section as a non-assessable node."""
    return {"urn": node_urn(questionnaire, section.id), "assessable": False, "depth": 1,
            "ref_id": section.id[:MAX_REF_ID], "name": clip(section.title.en, MAX_NAME),
            "translations": {"zh": {"name": clip(section.title.zh or section.title.en,
                                                 MAX_NAME)}}}


def groups(catalog: Catalog, questionnaire: Questionnaire) -> list[Group]:
    """Return the bank's implementation groups in order of first use, the base group first."""
    found: dict[str, Group] = {BASE_GROUP: Group(BASE_GROUP, (), ())}
    for question in questionnaire.questions:
        if question.scored:
            group = group_of(catalog, question)
            found.setdefault(group.ref_id, group)
    return list(found.values())


def scope_node(questionnaire: Questionnaire, chosen: Sequence[Group]) -> dict[str, Any]:
    """Return the profile node: one yes/no per group; "Yes" selects that group.

    Its questions carry no score or result, so answering them changes no compliance figure.
    """
    urn = node_urn(questionnaire, PROFILE_NODE)
    questions: dict[str, Any] = {}
    for number, (group, text) in enumerate(scope_questions(chosen), start=1):
        q_urn = f"{urn}:question:{number}"
        questions[q_urn] = {
            "type": "unique_choice", "text": text.en, "translations": {"zh": {"text": text.zh}},
            "choices": [
                {"urn": f"{q_urn}:choice:yes", "value": "Yes",
                 "select_implementation_groups": [group.ref_id],
                 "translations": {"zh": {"value": "是"}}},
                {"urn": f"{q_urn}:choice:no", "value": "No",
                 "translations": {"zh": {"value": "否"}}},
            ],
        }
    return {"urn": urn, "assessable": True, "depth": 1, "ref_id": PROFILE_NODE,
            "name": "Scope: which parts of this framework apply",
            "description": ("Answer these first: each Yes selects the implementation group of "
                            "the controls that apply to such an organisation. They carry no "
                            "score."),
            "implementation_groups": [BASE_GROUP],
            "translations": {"zh": {"name": "适用范围：本框架哪些部分适用",
                                    "description": "请先回答本节：每个“是”都会选中适用于此类组织的"
                                                   "控制项所在的实施组。本节不计分。"}},
            "questions": questions}


def group_definitions(chosen: Sequence[Group]) -> list[dict[str, Any]]:
    """Return the framework's implementation groups; the base group is selected by default."""
    out = []
    for group in chosen:
        item: dict[str, Any] = {
            "ref_id": group.ref_id, "name": clip(group_text(group, "en", whole=False), MAX_NAME),
            "description": group_text(group, "en"),
            "translations": {"zh": {"name": clip(group_text(group, "zh", whole=False), MAX_NAME),
                                    "description": group_text(group, "zh")}}}
        if group.ref_id == BASE_GROUP:
            item["default_selected"] = True
        out.append(item)
    return out


def framework(catalog: Catalog, questionnaire: Questionnaire) -> dict[str, Any]:
    """Return one bank as a CISO Assistant framework."""
    stems = stable_ids(questionnaire)
    chosen = groups(catalog, questionnaire)
    nodes: list[dict[str, Any]] = [scope_node(questionnaire, chosen)]
    for section in questionnaire.sections:
        scored = [q for q in section.questions if q.scored]
        if not scored:
            continue
        nodes.append(section_node(questionnaire, section))
        parent = node_urn(questionnaire, section.id)
        nodes.extend(control_node(catalog, questionnaire, q, parent, stems.get(q.id, q.id))
                     for q in scored)
    intro = questionnaire.intro
    return {
        "urn": framework_urn(questionnaire), "ref_id": framework_id(questionnaire),
        "name": questionnaire.title.en,
        "description": intro.en if intro else questionnaire.title.en,
        "min_score": 0, "max_score": 100,
        "implementation_groups_definition": group_definitions(chosen),
        "translations": {"zh": {"name": questionnaire.title.zh or questionnaire.title.en,
                                "description": (intro.zh or intro.en) if intro
                                else questionnaire.title.zh}},
        "requirement_nodes": nodes,
    }


def library(catalog: Catalog, questionnaire: Questionnaire, published: str) -> dict[str, Any]:
    """Return one bank as a whole library file, ``published`` its ISO date."""
    title = questionnaire.title
    return {
        "urn": library_urn(questionnaire), "locale": "en",
        "ref_id": f"{ORG}-{framework_id(questionnaire)}",
        "name": f"{title.en} (assessor {questionnaire.version})",
        "description": (f"The assessor question bank '{questionnaire.id}' version "
                        f"{questionnaire.version}: scored controls with help, evidence and "
                        "references. Original wording; the official Chinese text governs."),
        "copyright": "The assessor authors, MIT licence",
        "version": library_version(questionnaire.version),
        "publication_date": published,
        "provider": "assessor", "packager": "assessor",
        "translations": {"zh": {"name": f"{title.zh or title.en}"
                                        f"（assessor {questionnaire.version}）",
                                "description": f"assessor 题库“{questionnaire.id}”"
                                               f"{questionnaire.version} 版：含说明、证据和依据的"
                                               "计分控制项。措辞为原创，以官方中文文本为准。"}},
        "objects": {"framework": framework(catalog, questionnaire)},
    }


def banks(catalog: Catalog, wanted: Iterable[str] = ()) -> list[Questionnaire]:
    """Return the banks to export: all, or those named."""
    chosen = set(wanted)
    return [q for q in catalog.questionnaires
            if q.kind == "bank" and (not chosen or q.id in chosen)]
