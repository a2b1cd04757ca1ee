"""CISO Assistant mapping libraries: the GDSI principles and the facts two banks share.

Three kinds of library, each as CISO Assistant ships them (a mapping library names the
libraries it maps in ``dependencies``, and the instance autoloads it):
- ``assessor-gdsi-principles``: a framework of the eight GDSI points as numbered for the toolkit;
- one mapping set per bank onto those points (``intersect``: a control serves a point, partly);
- one mapping set per pair of banks that ask one fact twice (``same_as``: ``equal``, so a result
  recorded under one is carried to the other, as our record does).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from assessor.exports.ciso import (
    ORG,
    framework_id,
    framework_urn,
    library_urn,
    library_version,
    node_urn,
    stable_ids,
)
from assessor.model.catalog import Catalog, Questionnaire

PRINCIPLES = "gdsi-principles"
Text2 = tuple[str, str]  # (English, Chinese)


def principles_urns() -> tuple[str, str, str]:
    """Return the principles' library, framework and node-prefix URNs."""
    return (f"urn:{ORG}:risk:library:{PRINCIPLES}", f"urn:{ORG}:risk:framework:{PRINCIPLES}",
            f"urn:{ORG}:risk:req_node:{PRINCIPLES}")


def principles_library(catalog: Catalog, version: str, published: str) -> dict[str, Any]:
    """Return the eight GDSI points as a framework library (a mapping target)."""
    lib, frame, prefix = principles_urns()
    nodes = [{"urn": f"{prefix}:p{p.id}", "assessable": True, "depth": 1, "ref_id": f"p{p.id}",
              "name": p.short.en, "description": p.text.en,
              "translations": {"zh": {"name": p.short.zh or p.short.en,
                                      "description": p.text.zh or p.text.en}}}
             for p in catalog.principles]
    return {
        "urn": lib, "locale": "en", "ref_id": f"{ORG}-{PRINCIPLES}",
        "name": "Global Data Security Initiative (2020): the eight points (assessor)",
        "description": ("The eight points of the Global Data Security Initiative announced by "
                        "China on 8 September 2020, numbered 1-8 for the toolkit; a diplomatic "
                        "initiative that binds no organisation. Target of assessor's mappings."),
        "copyright": "The assessor authors, MIT licence",
        "version": library_version(version), "publication_date": published,
        "provider": "assessor", "packager": "assessor",
        "translations": {"zh": {"name": "全球数据安全倡议（2020）八点主张（assessor）",
                                "description": "中方于2020年9月8日提出的《全球数据安全倡议》"
                                               "八点主张，按本工具编号为1至8；外交倡议，"
                                               "不约束任何组织。"}},
        "objects": {"framework": {
            "urn": frame, "ref_id": PRINCIPLES, "name": "GDSI: the eight points",
            "translations": {"zh": {"name": "全球数据安全倡议：八点主张"}},
            "requirement_nodes": nodes}},
    }


def mapping_library(ref: str, name: Text2, description: Text2, version: int, published: str,
                    dependencies: list[str], sets: list[dict[str, Any]]) -> dict[str, Any]:
    """Return a library holding mapping sets only, as CISO Assistant ships them."""
    return {"urn": f"urn:{ORG}:risk:library:{ref}", "locale": "en", "ref_id": f"{ORG}-{ref}",
            "name": name[0], "description": description[0],
            "copyright": "The assessor authors, MIT licence", "version": version,
            "publication_date": published, "provider": "assessor", "packager": "assessor",
            "translations": {"zh": {"name": name[1], "description": description[1]}},
            "dependencies": dependencies, "objects": {"requirement_mapping_sets": sets}}



def principle_mappings(bank: Questionnaire, published: str) -> dict[str, Any]:
    """Return the mapping library of one bank's controls onto the GDSI points they serve."""
    lib, frame, prefix = principles_urns()
    stems = stable_ids(bank)
    mappings = [{"source_requirement_urn": node_urn(bank, stems.get(q.id, q.id)),
                 "target_requirement_urn": f"{prefix}:p{point}",
                 "relationship": "intersect", "rationale": "semantic"}
                for q in bank.questions if q.scored for point in q.principles]
    ref = f"mapping-{framework_id(bank)}-and-{PRINCIPLES}"
    mapping_set = {"urn": f"urn:{ORG}:risk:req_mapping_set:{ref}", "ref_id": ref,
                   "name": f"{framework_id(bank)} -> {PRINCIPLES}",
                   "source_framework_urn": framework_urn(bank), "target_framework_urn": frame,
                   "requirement_mappings": mappings}
    return mapping_library(
        ref, (f"{bank.title.en} -> GDSI points (assessor)",
              f"{bank.title.zh or bank.title.en} -> 全球数据安全倡议八点主张（assessor）"),
        ("Which GDSI point each control serves, in part (intersect).",
         "各控制项部分对应的全球数据安全倡议主张（交叉关系）。"),
        library_version(bank.version), published, [library_urn(bank), lib], [mapping_set])


def fact_mappings(banks: list[Questionnaire], published: str) -> list[dict[str, Any]]:
    """Return one mapping library per pair of exported banks that ask a fact twice (equal)."""
    owner: dict[str, Questionnaire] = {q.id: bank for bank in banks for q in bank.questions}
    order = {bank.id: n for n, bank in enumerate(banks)}
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for bank in banks:
        for question in bank.questions:
            other = owner.get(question.same_as or "")
            if other is None or other.id == bank.id:
                continue
            pair = (question.id, question.same_as or "")
            if order[bank.id] < order[other.id]:  # one library per pair, in the banks' order
                pairs[(bank.id, other.id)].append(pair)
            else:
                pairs[(other.id, bank.id)].append(pair[::-1])
    out = []
    by_id = {b.id: b for b in banks}
    ranked = sorted(pairs.items(), key=lambda item: (order[item[0][0]], order[item[0][1]]))
    for (source_id, target_id), found in ranked:
        source, target = by_id[source_id], by_id[target_id]
        s_stems, t_stems = stable_ids(source), stable_ids(target)
        ref = f"mapping-{framework_id(source)}-and-{framework_id(target)}"
        mapping_set = {
            "urn": f"urn:{ORG}:risk:req_mapping_set:{ref}", "ref_id": ref,
            "name": f"{framework_id(source)} <-> {framework_id(target)}",
            "source_framework_urn": framework_urn(source),
            "target_framework_urn": framework_urn(target),
            "requirement_mappings": [
                {"source_requirement_urn": node_urn(source, s_stems.get(a, a)),
                 "target_requirement_urn": node_urn(target, t_stems.get(b, b)),
                 "relationship": "equal", "rationale": "semantic",
                 "annotation": "The same fact, asked once in assessor (same_as)."}
                for a, b in found]}
        version = library_version(source.version) + library_version(target.version)
        out.append(mapping_library(
            ref, (f"{source.title.en} <-> {target.title.en} (assessor)",
                  f"{source.title.zh} <-> {target.title.zh}（assessor）"),
            ("Controls of the two frameworks that ask the same fact (equal): a result recorded "
             "under one holds for the other.",
             "两个框架中询问同一事实的控制项（等同关系）：一方的结果同样适用于另一方。"),
            version, published, [library_urn(source), library_urn(target)], [mapping_set]))
    return out
