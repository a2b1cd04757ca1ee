"""CISO Assistant libraries: every rule its importer enforces, checked on every exported file.

The rules are those of intuitem/ciso-assistant-community's importer (``library/utils.py``,
``core/models.py``), as found by uploading variants to a real instance (docs/ciso-assistant.md).
The export was also uploaded to a real backend by hand; these tests keep it importable.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest

from assessor.exports import ciso, ciso_mappings
from assessor.model.catalog import Catalog, QuestionId, Questionnaire

from .conftest import read_yaml, yaml_text

URN = ciso.URN_RE
QUESTION_TYPES = {"unique_choice", "multiple_choice", "text", "number", "boolean", "date"}
RESULTS = {"compliant", "non_compliant", "partially_compliant", "not_applicable"}
RELATIONSHIPS = {"equal", "subset", "superset", "intersect", "not_related"}


def libraries(catalog: Catalog) -> list[dict[str, Any]]:
    """Return every library the export writes, read back from YAML as the importer reads it."""
    banks = ciso.banks(catalog)
    found = [ciso.library(catalog, b, "2026-12-06") for b in banks]
    found.append(ciso_mappings.principles_library(catalog, "2026.2", "2026-12-06"))
    found += [ciso_mappings.principle_mappings(b, "2026-12-06") for b in banks]
    found += ciso_mappings.fact_mappings(banks, "2026-12-06")
    return [read_yaml(yaml_text(lib, allow_unicode=True, sort_keys=False))
            for lib in found]


@pytest.fixture(scope="module")
def exported(catalog: Catalog) -> list[dict[str, Any]]:
    """Return the export of the shipped banks."""
    return libraries(catalog)


def frameworks(lib: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a library's frameworks (``framework`` or ``frameworks``)."""
    objects = lib["objects"]
    if "framework" in objects:
        return [objects["framework"]]
    return list(objects.get("frameworks", []))


def test_library_header_meets_the_importer(exported: list[dict[str, Any]]) -> None:
    for lib in exported:
        for key in ("urn", "ref_id", "name", "locale", "version", "objects"):
            assert key in lib, (lib.get("urn"), key)
        assert URN.match(lib["urn"].lower()) and len(lib["urn"]) <= ciso.MAX_URN
        assert isinstance(lib["version"], int) and 0 < lib["version"] < 2**31
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lib["publication_date"])
        assert set(lib["objects"]) & {"framework", "frameworks", "requirement_mapping_sets"}
        assert lib["urn"].startswith("urn:assessor:"), "an own prefix: never a shipped URN"


def test_frameworks_and_nodes_meet_the_importer(exported: list[dict[str, Any]]) -> None:
    node_urns: list[str] = []
    question_urns: list[str] = []
    for lib in exported:
        for frame in frameworks(lib):
            assert frame["urn"] and frame["ref_id"] and frame["requirement_nodes"]
            assert 0 <= frame.get("min_score", 0) < frame.get("max_score", 100)
            groups = {g["ref_id"] for g in frame.get("implementation_groups_definition", [])}
            urns = {n["urn"] for n in frame["requirement_nodes"]}
            for node in frame["requirement_nodes"]:
                assert isinstance(node["assessable"], bool), node["urn"]
                assert node["urn"] == node["urn"].lower() and len(node["urn"]) <= ciso.MAX_URN
                assert len(node.get("name", "")) <= ciso.MAX_NAME
                assert len(node.get("ref_id", "")) <= ciso.MAX_REF_ID
                assert isinstance(node.get("weight", 1), int)
                assert node.get("parent_urn", node["urn"]) in urns, "a parent in the file"
                assert set(node.get("implementation_groups", [])) <= groups
                node_urns.append(node["urn"])
                questions = node.get("questions", {})
                assert isinstance(questions, dict), "a list of questions is silently dropped"
                for q_urn, question in questions.items():
                    question_urns.append(q_urn)
                    assert question["type"] in QUESTION_TYPES
                    choices = question.get("choices", [])
                    assert len({c["urn"] for c in choices}) == len(choices)
                    for choice in choices:
                        assert choice["urn"].startswith(q_urn + ":choice:")
                        assert isinstance(choice.get("add_score", 0), int)
                        assert choice.get("compute_result", "compliant") in RESULTS
                        for group in choice.get("select_implementation_groups", []):
                            assert group in groups
    assert len(node_urns) == len(set(node_urns)), "node URNs are unique on the whole instance"
    assert len(question_urns) == len(set(question_urns))


def test_every_control_is_one_assessable_node_with_its_scores(
        catalog: Catalog, exported: list[dict[str, Any]]) -> None:
    pipl = next(lib for lib in exported if lib["urn"].endswith(":cn-pipl"))
    nodes = {n["ref_id"]: n for n in pipl["objects"]["framework"]["requirement_nodes"]}
    bank = catalog.questionnaire("pipl")
    assert bank is not None
    scored = [q for q in bank.questions if q.scored]
    assert all(nodes[q.id]["assessable"] for q in scored)
    assert all(not nodes[s.id]["assessable"] for s in bank.sections if s.id in nodes)
    inventory = nodes["pipl.basis.inventory"]
    (question,) = inventory["questions"].values()
    by_value = {c["value"]: c for c in question["choices"]}
    assert by_value["Documented, approved and followed"]["add_score"] == 100
    assert by_value["Documented, approved and followed"]["compute_result"] == "compliant"
    assert by_value["Documented but not consistently followed"]["compute_result"] == \
        "partially_compliant"
    assert by_value["Nothing in place"]["compute_result"] == "non_compliant"
    assert by_value["Not applicable"]["compute_result"] == "not_applicable"
    assert by_value["Documented but not consistently followed"]["translations"]["zh"]["value"]
    assert "PIPL Art. 55" in inventory["description"]
    assert inventory["translations"]["zh"]["description"].startswith("贵组织")
    assert inventory["weight"] == 2


def test_mappings_resolve_and_name_their_libraries(exported: list[dict[str, Any]]) -> None:
    libs = {lib["urn"] for lib in exported}
    nodes = {n["urn"] for lib in exported for f in frameworks(lib)
             for n in f["requirement_nodes"]}
    frames = {f["urn"] for lib in exported for f in frameworks(lib)}
    sets = [s for lib in exported for s in lib["objects"].get("requirement_mapping_sets", [])]
    assert sets
    for lib in exported:
        assert set(lib.get("dependencies", [])) <= libs
    for mapping_set in sets:
        assert {"urn", "name", "source_framework_urn", "target_framework_urn"} <= set(mapping_set)
        assert mapping_set["source_framework_urn"] in frames
        assert mapping_set["target_framework_urn"] in frames
        for mapping in mapping_set["requirement_mappings"]:
            assert mapping["relationship"] in RELATIONSHIPS
            assert mapping["source_requirement_urn"] in nodes, "a missing node fails the load"
            assert mapping["target_requirement_urn"] in nodes


def test_same_as_pairs_are_equal_mappings(catalog: Catalog,
                                          exported: list[dict[str, Any]]) -> None:
    pairs = [(q.id, q.same_as) for q in catalog.questions if q.same_as]
    assert pairs
    mapped = {(m["source_requirement_urn"].rsplit(":", 1)[1],
               m["target_requirement_urn"].rsplit(":", 1)[1])
              for lib in exported for s in lib["objects"].get("requirement_mapping_sets", [])
              for m in s["requirement_mappings"] if m["relationship"] == "equal"}
    for a, b in pairs:
        assert (a, b) in mapped or (b, a) in mapped


def test_scope_groups_are_selected_by_the_scope_node(exported: list[dict[str, Any]]) -> None:
    pipl = next(lib for lib in exported if lib["urn"].endswith(":cn-pipl"))
    frame = pipl["objects"]["framework"]
    scope = frame["requirement_nodes"][0]
    assert scope["ref_id"] == ciso.PROFILE_NODE
    selected = {g for q in scope["questions"].values() for c in q["choices"]
                for g in c.get("select_implementation_groups", [])}
    used = {g for n in frame["requirement_nodes"] for g in n.get("implementation_groups", [])}
    assert used - {ciso.BASE_GROUP} == selected, "every group a node uses can be selected"
    texts = [q["text"] for q in scope["questions"].values()]
    assert len(texts) == len(set(texts)), "the data wizard matches answers by question text"
    base = [g for g in frame["implementation_groups_definition"] if g.get("default_selected")]
    assert [g["ref_id"] for g in base] == [ciso.BASE_GROUP]


def test_urn_is_kept_when_a_control_is_renamed(catalog: Catalog) -> None:
    bank = catalog.questionnaire("pipl")
    assert bank is not None
    before = ciso.library(catalog, bank, "2026-12-06")
    old, new = "pipl.basis.inventory", "pipl.basis.processing_record"
    renamed = rename(bank, old, new)
    after = ciso.library(catalog, renamed, "2026-12-06")
    urn_before = node_by_ref(before, old)["urn"]
    node = node_by_ref(after, new)
    assert node["urn"] == urn_before, "a control keeps its URN across versions"
    assert after["version"] > before["version"]


def rename(bank: Questionnaire, old: str, new: str) -> Questionnaire:
    """Return ``bank`` one version later with control ``old`` renamed ``new``."""
    sections = tuple(dataclasses.replace(s, questions=tuple(
        dataclasses.replace(q, id=QuestionId(new)) if q.id == old else q for q in s.questions))
        for s in bank.sections)
    return dataclasses.replace(bank, sections=sections, version="2027.1",
                               renamed=(*bank.renamed, (old, new)))


def node_by_ref(lib: dict[str, Any], ref_id: str) -> dict[str, Any]:
    """Return the node with ``ref_id``."""
    return next(n for n in lib["objects"]["framework"]["requirement_nodes"]
                if n["ref_id"] == ref_id)


@pytest.mark.parametrize(("version", "number"), [("2026.2", 202600200), ("2026.10", 202601000),
                                                 ("2026.2.1", 202600201)])
def test_version_rises_with_the_bank(version: str, number: int) -> None:
    assert ciso.library_version(version) == number


def test_same_bank_same_bytes(catalog: Catalog) -> None:
    bank = catalog.questionnaire("dsl")
    assert bank is not None
    first = yaml_text(ciso.library(catalog, bank, dt.date(2026, 1, 1).isoformat()))
    assert first == yaml_text(ciso.library(catalog, bank, "2026-01-01"))
