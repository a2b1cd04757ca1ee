"""The law as the banks state it: each audited correction (issue 12) pinned to its fact."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from assessor.banks.catalog import load_catalog
from assessor.banks.scope import applicability, scope_of
from assessor.citation import chinese_number
from assessor.model.catalog import Catalog, Question
from assessor.model.record import UNKNOWN, Answer
from assessor.record.answers import load
from assessor.resources import questionnaires_dir
from assessor.scoring import score

from .conftest import EXAMPLES, ROOT, Run, report_file, write


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(strict=True)


def control(catalog: Catalog, qid: str) -> Question:
    question = catalog.question(qid)
    assert question is not None, qid
    return question


def cited(question: Question) -> list[tuple[str, str]]:
    return [(r.law, r.article) for r in question.references]


def applies(catalog: Catalog, qid: str, **profile: str | float) -> bool:
    answers = {f"profile.{k}": Answer(f"profile.{k}", v) for k, v in profile.items()}
    return applicability(catalog, answers)[qid]


def test_1_csl_42_has_no_csl_fine_and_no_article_71_reference(shipped: Catalog) -> None:
    question = control(shipped, "csl.pi.protection_system")
    assert question.help is not None
    assert "(Art. 71)" not in question.help.en and "PIPL applies directly" in question.help.en
    assert "不再直接设定罚则" not in question.help.zh
    assert ("CSL", "71") not in cited(question)
    article = shipped.instruments["CSL"].article("42")
    assert article is not None and article.penalty is None


def test_2_standard_contract_filing_limit_cites_the_scm_without_an_unconfirmed_number(
        shipped: Catalog) -> None:
    question = control(shipped, "pipl.xb.contract_filing_days")
    assert cited(question)[0] == ("SCM", "7")
    assert ("CBDF", "8") not in cited(question)
    assert question.limit is not None and question.limit.value == 10
    assert question.verified is False
    scm = question.references[0]
    assert scm.cite() == "SCM (article to be confirmed)"
    assert scm.cite("zh") == "《个人信息出境标准合同办法》（条号待核实）"


def test_3_client_data_access_rests_on_ndsmr_16_for_state_and_ciio_customers(
        shipped: Catalog) -> None:
    qid = "gdsi.p7_no_backdoors.client_data_access"
    question = control(shipped, qid)
    assert ("NDSMR", "16 ¶2") in cited(question)
    assert not any(law == "CSL" for law, _ in cited(question))
    assert question.applies_if == "profile.serves_state_or_ciio == 'yes'"
    assert not applies(shipped, qid, network_operator="yes", serves_state_or_ciio="no")
    assert applies(shipped, qid, network_operator="no", serves_state_or_ciio="yes")


def test_4_pipl_reaches_processing_in_china_of_anyone_and_offshore_processing(
        shipped: Catalog) -> None:
    processes = control(shipped, "profile.processes_pi")
    assert "of anyone" in processes.text.en and "不论个人的国籍" in processes.text.zh
    # An office in China handling only foreigners' PI answers yes and is in the PIPL bank.
    assert applies(shipped, "pipl.basis.legal_basis", processes_pi="yes")
    # Processing abroad of people in China (Art. 3 ¶2) is asked and scopes the bank too.
    assert applies(shipped, "profile.pi_from_abroad", processes_pi="no")
    assert not applies(shipped, "profile.pi_from_abroad", processes_pi="yes")
    assert applies(shipped, "pipl.basis.legal_basis", processes_pi="no", pi_from_abroad="yes")
    assert applies(shipped, "gdsi.p3_personal_information.purpose_limitation",
                   processes_pi="no", pi_from_abroad="yes")
    assert not applies(shipped, "pipl.basis.legal_basis", processes_pi="no",
                       pi_from_abroad="no")


def test_5_large_platform_needs_all_three_limbs_of_ndsmr_62_8(shipped: Catalog) -> None:
    question = control(shipped, "profile.large_platform")
    assert "complex business types" in question.text.en
    assert "national security" in question.text.en
    assert "业务类型复杂" in question.text.zh and "国计民生" in question.text.zh


def test_6_vulnerability_penalties_print_no_unconfirmed_article(shipped: Catalog) -> None:
    vuln = shipped.instruments["VULN"]
    penalties = vuln.article("15")  # Art. 16 is entry into force: four cross-references, 12-15
    assert penalties is not None and penalties.article == "12-15"
    assert penalties.verified is False
    assert penalties.penalty_article is None
    art4 = vuln.article("4")
    assert art4 is not None and art4.penalty is not None
    assert art4.penalty_article is None  # not "CSL 66 via Art. 14"
    assert "Art 65 (formerly 62)" in art4.penalty.en  # collection, sale, publication
    assert "Art 66 (formerly 63)" in art4.penalty.en  # exploitation
    assert "Art 14" not in art4.penalty.en


def test_7_ndsmr_30_paragraph_1_falls_under_art_58_not_57(shipped: Catalog) -> None:
    ndsmr = shipped.instruments["NDSMR"]
    first = ndsmr.article("30 ¶1")
    rest = ndsmr.article("30 ¶3")
    assert first is not None and first.penalty_article == "58"
    assert first.penalty is not None and "DSL" in first.penalty.en
    assert rest is not None and rest.penalty_article == "57"
    officer = control(shipped, "dsl.imp.officer")
    assert ("NDSMR", "30 ¶1") in cited(officer) and ("NDSMR", "30") not in cited(officer)


def test_8_incident_summary_is_irm_8_counted_from_the_end_of_handling(
        shipped: Catalog) -> None:
    question = control(shipped, "csl.incident.summary_days")
    assert ("IRM", "8") in cited(question)
    assert question.help is not None and "from the end of the incident's handling" in \
        question.help.en
    assert "处置结束之日起30日内" in question.help.zh
    assert question.limit is not None and question.limit.value == 30


def test_9_separate_consent_control_cites_all_five_cases(shipped: Catalog) -> None:
    question = control(shipped, "pipl.consent.separate_mechanism")
    assert {a for law, a in cited(question) if law == "PIPL"} >= {"23", "25", "26", "29", "39"}


def test_10_cbdf_9_is_verified_and_so_is_the_assessment_scope_control(
        shipped: Catalog) -> None:
    article = shipped.instruments["CBDF"].article("9")
    assert article is not None and article.verified
    assert control(shipped, "pipl.xb.assessment_scope").verified


def test_11_ndsmr_28_starts_at_ten_million_inclusive(shipped: Catalog) -> None:
    question = control(shipped, "profile.pi_individuals")
    assert question.help is not None
    assert "10,000,000 or more (exactly 10 million included)" in question.help.en
    assert "(NDSMR Art. 28)" in question.help.en and "(PI Audit Measures Art. 4)" in \
        question.help.en
    assert "1000万人以上（含本数）" in question.help.zh
    assert applies(shipped, "dsl.imp.officer", presence="in_china", processes_pi="yes",
                   pi_individuals=10_000_000.0, important_data="none")
    assert not applies(shipped, "pipl.governance.audit_months", processes_pi="yes",
                       pi_individuals=10_000_000.0)


def test_12_sensitive_consent_uses_the_statutory_term(shipped: Catalog) -> None:
    question = control(shipped, "pipl.special.sensitive_consent")
    assert question.remediation is not None
    assert "单独同意" in question.remediation.zh and "专门同意" not in question.remediation.zh


# ------------------------------------------------------------------ citations as lawyers write them

@pytest.mark.parametrize(("number", "numeral"), [
    (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (44, "四十四"),
    (81, "八十一"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (1005, "一千零五"),
    (1050, "一千零五十"), (2021, "二千零二十一"),
])
def test_article_numbers_become_chinese_numerals(number: int, numeral: str) -> None:
    assert chinese_number(number) == numeral


def test_chinese_numerals_refuse_what_no_statute_numbers() -> None:
    with pytest.raises(ValueError, match="outside"):
        chinese_number(0)


@pytest.mark.parametrize(("law", "article", "en", "zh"), [
    ("PIPL", "44 ¶1", "PIPL Art. 44 ¶1", "《个人信息保护法》第四十四条第一款"),
    ("CSL", "23(3)", "CSL Art. 23(3) (formerly Art. 21(3))",
     "《网络安全法》第二十三条第（三）项（原第二十一条第（三）项）"),
    ("CSL", "24 ¶1", "CSL Art. 24 ¶1 (formerly Art. 22 ¶1)",
     "《网络安全法》第二十四条第一款（原第二十二条第一款）"),
    ("PIPL", "5-9", "PIPL Arts. 5-9", "《个人信息保护法》第五条至第九条"),
    ("CIIR", "39(4)-(5)", "CIIR Art. 39(4)-(5)",
     "《关键信息基础设施安全保护条例》第三十九条第（四）项至第（五）项"),
    ("NDSMR", "62", "NDSMR Art. 62", "《网络数据安全管理条例》第六十二条"),
    ("GDSI", "7", "GDSI point 7", "《全球数据安全倡议》第七点"),
    ("VULN", "6", "VULN (article to be confirmed)", "《网络产品安全漏洞管理规定》（条号待核实）"),
])
def test_citations_read_as_lawyers_write_them(shipped: Catalog, law: str, article: str, en: str,
                                             zh: str) -> None:
    reference = shipped.instruments[law].reference(article)
    assert (reference.cite("en"), reference.cite("zh")) == (en, zh)


def test_every_article_the_banks_cite_reads_in_chinese_numerals(shipped: Catalog) -> None:
    seen = 0
    for question in shipped.questions:
        for reference in question.references:
            zh = reference.cite("zh")
            assert zh.startswith("《") and "》" in zh, (question.id, zh)
            assert not re.search(r"[0-9¶]", zh.split("》", 1)[1]), (question.id, zh)
            seen += 1
    for instrument in shipped.instruments.values():
        for article in instrument.articles:
            zh = instrument.reference(article.article).cite("zh")
            assert not re.search(r"[0-9¶]", zh.split("》", 1)[1]), zh
            seen += 1
    assert seen > 500


# ------------------------------------------------------------------ scope errs on the safe side

def unknown_minors(tmp_path: Path) -> Path:
    text = (EXAMPLES / "crossborder-ecommerce.yaml").read_text(encoding="utf-8")
    start = text.index("  profile.minors_under14:\n")
    end = text.index("\n  profile.", start + 1) + 1
    return write(tmp_path / "shop.yaml", text[:start] + "  profile.minors_under14: unknown\n"
                 + text[end:])


def test_an_unknown_fact_keeps_its_controls_in_scope_to_be_confirmed(
        shipped: Catalog, tmp_path: Path) -> None:
    answers = load(unknown_minors(tmp_path), shipped)
    result = score(shipped, answers.answers)
    for qid in ("pipl.special.minors_consent", "pipl.special.minors_rules"):
        assert result.applicable[qid], qid
        assert result.unsettled[qid] == ("profile.minors_under14",)
    assert "pipl.special.sensitive_consent" not in result.unsettled  # decided by a known fact


def test_a_condition_an_unknown_cannot_change_stays_decided(shipped: Catalog) -> None:
    # processes_pi is yes, so "processes_pi == 'yes' or pi_from_abroad == 'yes'" holds whatever
    # pi_from_abroad is; an unknown CIIO status cannot bring in a control that needs transfers.
    answers = {"profile.processes_pi": Answer("profile.processes_pi", "yes"),
               "profile.ciio": Answer("profile.ciio", UNKNOWN),
               "profile.transfers_abroad": Answer("profile.transfers_abroad", "no")}
    applies, unsettled = scope_of(shipped, answers)
    assert applies["pipl.basis.legal_basis"] and "pipl.basis.legal_basis" not in unsettled
    assert not applies["pipl.xb.localisation"] or "pipl.xb.localisation" in unsettled
    assert applies["csl.cii.three_sync"]
    assert unsettled["csl.cii.three_sync"] == ("profile.ciio",)
    assert not applies["csl.cii.outbound_assessment"]  # transfers_abroad: no settles it


def test_check_accepts_the_file_and_the_report_lists_what_would_settle_scope(
        run: Run, tmp_path: Path) -> None:
    path = unknown_minors(tmp_path)
    status, _, err = run("check", path)
    assert status == 0, err
    assert "pipl.special.minors" not in err  # no "no answer, but the question applies"
    out = tmp_path / "shop.json"
    assert run("run", path, "-o", out)[0] == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    listed = {c["id"]: c["settled_by"] for c in report["scope_to_confirm"]}
    assert listed["pipl.special.minors_consent"] == [
        {"id": "profile.minors_under14",
         "text": "Do you process personal information of children under 14?"}]
    assert not any(g["scope_to_confirm"] for g in report["gaps"]
                   if g["id"] not in listed)
    html = tmp_path / "shop.html"
    assert run("run", path, "-o", html)[0] == 0
    page = html.read_text(encoding="utf-8")
    assert "Scope to be confirmed" in page and "Settled by" in page


def test_report_keeps_an_answer_to_a_question_that_does_not_apply_visibly(
        run: Run, tmp_path: Path) -> None:
    text = (EXAMPLES / "crossborder-ecommerce.yaml").read_text(encoding="utf-8")
    path = write(tmp_path / "shop.yaml", text.replace(
        "answers:\n", "answers:\n  pipl.governance.offshore_representative: none\n", 1))
    status, _, err = run("check", path)
    assert status == 0
    assert "shop.yaml:" in err
    assert ("pipl.governance.offshore_representative: answered, but the question does not "
            "apply: the answer is kept and not scored") in err
    html = tmp_path / "shop.html"
    assert run("run", path, "-o", html)[0] == 0
    assert "not applicable, answer kept" in html.read_text(encoding="utf-8")


# ------------------------------------------------------------------ judgement said out loud

JUDGED = ("pipl.xb.localisation", "csl.mlps.encryption", "csl.cii.assessment_interval",
          "dsl.class.inventory", "dsl.class.important_identify",
          "dsl.class.important_protection", "pipl.governance.incident_plan",
          "pipl.xb.exemption_basis", "profile.xb_pi_nonsensitive_ytd",
          "profile.xb_pi_sensitive_ytd", "gdsi.p4_local_law.localisation",
          "gdsi.p7_no_backdoors.telemetry_consent",
          # legal review 2026-12: J1, J2, J3, J4, J7, J8
          "csl.pi.no_unconsented_provision", "csl.mlps.data_classification",
          "profile.important_data", "pipl.governance.platform_oversight",
          "pipl.governance.platform_rules", "pipl.governance.platform_report",
          "dsl.imp.officer", "dsl.imp.body_duties", "dsl.imp.restructuring",
          "pipl.special.minors_consent", "vuln.research.overseas")


@pytest.mark.parametrize("qid", JUDGED)
def test_a_contested_reading_is_said_out_loud_in_both_languages(shipped: Catalog,
                                                                qid: str) -> None:
    question = control(shipped, qid)
    assert question.help is not None
    en = question.help.en.split("Judgement: ", 1)
    zh = question.help.zh.split("判断说明：", 1)
    assert len(en) == 2 and len(zh) == 2, qid
    assert re.search(r"\b(stricter|looser|narrower|to the letter)\b", en[1]), qid
    assert re.search("较严格|较宽松|较窄|严格", zh[1]), qid


# ------------------------------------------------------------------ the banks for integrators

def test_questions_json_is_the_complete_documented_export(run: Run) -> None:
    status, schema_text, _ = run("schema", "questions")
    assert status == 0
    status, out, err = run("questions", "--json")
    assert status == 0, err
    data = json.loads(out)
    jsonschema.Draft202012Validator(json.loads(schema_text)).validate(data)
    assert data["schema"] == "assessor-questions/1"
    questions = {q["id"]: q for q in data["questions"]}
    consent = questions["pipl.special.sensitive_consent"]
    assert consent["text"]["zh"].startswith("基于同意处理敏感个人信息前")
    assert consent["help"]["en"] and consent["help"]["zh"]
    assert "单独同意" in consent["remediation"]["zh"]
    assert (consent["severity"], consent["weight"]) == ("high", 3.0)
    assert consent["conditions"] == ["profile.processes_pi == 'yes' or "
                                     "profile.pi_from_abroad == 'yes'",
                                     "profile.sensitive_pi == 'yes'"]
    first = consent["references"][0]
    assert first["cite"] == {"en": "PIPL Art. 29", "zh": "《个人信息保护法》第二十九条"}
    assert first["title"]["en"] and first["title"]["zh"]
    assert [o["score"] for o in consent["options"]] == sorted(
        (o["score"] for o in consent["options"]), reverse=True)
    assert {i["code"] for i in data["instruments"]} >= {"CSL", "PIPL", "SCM", "IRM"}
    assert len(data["principles"]) == 8
    assert set(questions) == {q.id for q in load_catalog().questions}
    assert consent["statement"]["zh"].startswith("基于同意处理敏感个人信息时，未取得个人的单独同意")
    assert consent["statement"]["partial"]["en"].startswith("Separate consent is obtained")
    assert consent["workstream"] == "consent_notices"
    assert "consent_notices" in {w["id"] for w in data["workstreams"]}
    assert questions["profile.processes_pi"]["statement"] is None


def test_questions_json_of_one_bank_lists_only_the_instruments_it_cites(run: Run) -> None:
    status, out, _ = run("questions", "-q", "vuln", "--json")
    data = json.loads(out)
    assert status == 0
    assert {q["questionnaire"] for q in data["questions"]} == {"vuln"}
    assert {i["code"] for i in data["instruments"]} == {"VULN", "CSL", "NDSMR"}


# ------------------------------------------------------------------ sources (issue 10)

MACHINE_PATH = re.compile(r"/(?:work|home|Users|tmp)/|[A-Za-z]:\\|\.\./shared|law-reference")


def test_no_bank_names_a_machine_path_or_an_internal_notes_file() -> None:
    banks = sorted(questionnaires_dir().glob("*.yaml"))
    assert len(banks) >= 8
    for path in banks:
        found = MACHINE_PATH.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.name}: {found.group(0) if found else ''}"


def test_docs_sources_cover_every_instrument_and_every_unconfirmed_article(
        shipped: Catalog) -> None:
    text = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (\S+)\n(.*?)(?=^## |\Z)", text, re.M | re.S))
    assert set(sections) == set(shipped.instruments)
    for code, instrument in shipped.instruments.items():
        section = sections[code]
        assert instrument.name.zh.removeprefix("中华人民共和国") in section, code
        assert "Official text" in section, code
        for article in instrument.articles:
            if not article.verified:
                assert re.search(rf"Arts? {re.escape(article.article)}\b", section), \
                    (code, article.article)
        if not instrument.verified:
            assert "`verified: false`" in section, code


@pytest.mark.parametrize("qid", ["csl.incident.report_hours",
                                 "gdsi.p8_fair_dealing.national_security_report_hours",
                                 "pipl.governance.audit_months", "pipl.sharing.records_years",
                                 "pipl.governance.pipia_retention"])
def test_a_missing_deadline_or_period_is_a_gap_not_an_open_question(shipped: Catalog,
                                                                    qid: str) -> None:
    question = control(shipped, qid)
    assert question.help is not None and question.limit is not None
    assert "that is a gap, not an open question: answer " in question.help.en
    assert "本身即构成差距" in question.help.zh and "不清楚" not in question.help.zh
    told = float(question.help.en.split("open question: answer ", 1)[1].split()[0])
    assert not question.limit.met(told)  # the figure the help asks for scores as a gap
    assert question.maximum is None or told <= question.maximum  # and the file accepts it


def test_a_gap_in_scope_only_because_a_fact_is_unknown_says_so_in_the_register(
        run: Run, tmp_path: Path) -> None:
    # the example's large-platform status is unknown
    out = report_file(run, tmp_path / "shop.json", EXAMPLES / "crossborder-ecommerce.yaml")
    gaps = {g["id"]: g["scope_to_confirm"] for g in json.loads(out.read_text())["gaps"]}
    assert gaps["pipl.governance.platform_oversight"] is True
    assert gaps["pipl.xb.localisation"] is False


# ------------------------------------------------------------------ legal review 2026-12 (issue 23)

def penalty_of(catalog: Catalog, law: str, article: str) -> tuple[str | None, str, str]:
    """Return (penalty article, en, zh) a citation prints, or (None, "", "") for none."""
    listed = catalog.instruments[law].article(article)
    if listed is None or listed.penalty is None:
        return None, "", ""
    return listed.penalty_article, listed.penalty.en, listed.penalty.zh


def exposure_of(run: Run, tmp_path: Path, example: str, changes: dict[str, str],
                lang: str = "en") -> list[dict[str, object]]:
    """Render ``example`` with some answers replaced; return the report's exposure table."""
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    extra = "".join(f"  {qid}: {value}\n" for qid, value in changes.items())
    for qid in changes:
        text = re.sub(rf"^  {re.escape(qid)}:.*\n(?:    .*\n)*", "", text, flags=re.M)
    path = write(tmp_path / example, text.replace("answers:\n", "answers:\n" + extra, 1))
    out = tmp_path / "report.json"
    status, _, err = run("run", path, "-o", out, "--lang", lang)
    assert status == 0, err
    exposure: list[dict[str, object]] = json.loads(out.read_text(encoding="utf-8"))["exposure"]
    return exposure


def test_e1_core_data_fine_is_not_printed_against_important_data_gaps(
        shipped: Catalog, run: Run, tmp_path: Path) -> None:
    for article in ("21", "21 ¶3"):
        assert penalty_of(shipped, "DSL", article)[0] is None, article
    core, en, zh = penalty_of(shipped, "DSL", "21 ¶2")
    assert core == "45 ¶2" and "2,000,000-10,000,000" in en and "国家核心数据" in zh
    exposure = exposure_of(run, tmp_path, "power-utility-ciio.yaml",
                           {"dsl.class.important_identify": "not_started",
                            "dsl.class.important_protection": "[backed_up]"})
    assert not any(e["law"] == "DSL" and e["article"] == "45 ¶2" for e in exposure)


def test_e2_network_service_providers_get_the_art_24_controls(shipped: Catalog) -> None:
    for qid in ("csl.products.mandatory_standards", "csl.products.no_malicious_code",
                "csl.products.flaw_response", "csl.products.maintenance",
                "csl.products.user_info_consent"):
        assert applies(shipped, qid, network_operator="yes", product_provider="no",
                       service_provider="yes"), qid
        assert not applies(shipped, qid, network_operator="yes", product_provider="no",
                           service_provider="no"), qid
    # Art. 25 binds sellers of equipment; the Vulnerability Provisions cover products only.
    assert not applies(shipped, "csl.products.certification", network_operator="yes",
                       product_provider="no", service_provider="yes")
    assert not applies(shipped, "vuln.provider.triage", network_operator="no",
                       product_provider="no", service_provider="yes")
    assert "services" in control(shipped, "profile.service_provider").text.en


def test_e3_complaint_channel_carries_no_art_70_fine(shipped: Catalog) -> None:
    assert penalty_of(shipped, "CSL", "51 ¶1")[0] is None
    article, en, zh = penalty_of(shipped, "CSL", "51 ¶2")
    assert article == "70(1)" and "other directly responsible persons" in en
    assert "和其他直接责任人员" in zh
    seventy = shipped.instruments["CSL"].article("70")
    assert seventy is not None and seventy.penalty is not None
    assert "refusing inspections" in seventy.title.en and "complaint" not in seventy.title.en
    assert "under both items" in seventy.penalty.en


@pytest.mark.parametrize("qid", ["pipl.governance.platform_oversight",
                                 "pipl.governance.platform_rules",
                                 "pipl.governance.platform_report",
                                 "gdsi.p8_fair_dealing.platform_no_lockin"])
def test_e4_large_platform_scope_texts_name_ndsmr_62_8(shipped: Catalog, qid: str) -> None:
    question = control(shipped, qid)
    assert question.scope is not None
    assert "NDSMR Art. 62(8)" in question.scope.en and "50 million" not in question.scope.en
    assert question.scope.zh == "大型网络平台（《网络数据安全管理条例》第六十二条第（八）项）"


def test_e5_mlps_tests_are_months_checked_against_12_and_6(shipped: Catalog) -> None:
    assert shipped.question("csl.mlps.grading_tests") is None
    level3, level4 = control(shipped, "csl.mlps.test_months_l3"), \
        control(shipped, "csl.mlps.test_months_l4")
    assert level3.limit is not None and level3.limit.value == 12
    assert level4.limit is not None and level4.limit.value == 6
    assert not level3.limit.met(24) and not level4.limit.met(12) and level4.limit.met(6)
    assert ("MLPSM", "14") in cited(level3) and level3.verified
    assert applies(shipped, "csl.mlps.test_months_l4", network_operator="yes")is False
    answers = {"profile.network_operator": Answer("profile.network_operator", "yes"),
               "profile.mlps_levels": Answer("profile.mlps_levels", ("level_3",))}
    found = applicability(shipped, answers)
    assert found["csl.mlps.test_months_l3"] and not found["csl.mlps.test_months_l4"]
    filing = control(shipped, "csl.mlps.filing_on_time")
    assert ("MLPSM", "15") in cited(filing)
    assert filing.help is not None and "within 30 days" in filing.help.en
    assert "设区的市级以上公安机关" in filing.help.zh
    grading = control(shipped, "csl.mlps.grading")
    assert grading.verified and "当地公安机关" not in grading.text.zh


def test_e6_the_mandatory_standards_limb_is_not_fined_under_art_62(
        shipped: Catalog, run: Run, tmp_path: Path) -> None:
    standards = control(shipped, "csl.products.mandatory_standards")
    assert standards.severity == "medium"
    assert [r.fined for r in standards.references] == [False]
    article, en, _ = penalty_of(shipped, "CSL", "24 ¶1")
    assert article == "62" and "items (1)-(2)" in en
    assert penalty_of(shipped, "CSL", "24 ¶2")[0] == "62"
    assert "item (3)" in penalty_of(shipped, "CSL", "24 ¶2")[1]
    assert "Art 61 ¶3" not in penalty_of(shipped, "CSL", "24 ¶2")[1].replace(
        "The Art 61 ¶3 escalation of Art 62 ¶2 does not reach this item", "")
    exposure = exposure_of(run, tmp_path, "crossborder-ecommerce.yaml",
                           {"csl.products.mandatory_standards": "not_checked"})
    assert not any("csl.products.mandatory_standards" in e["gaps"] for e in exposure)  # type: ignore[operator]


def test_e7_the_gdsi_is_announced_and_every_cited_instrument_is_listed(
        run: Run, tmp_path: Path) -> None:
    out = report_file(run, tmp_path / "r.json", EXAMPLES / "power-utility-ciio.yaml")
    report = json.loads(out.read_text(encoding="utf-8"))
    listed = {s["code"]: s for s in report["sources"]}
    cited_codes = {ref["law"] for g in report["gaps"] for ref in g["references"]}
    assert cited_codes <= set(listed)
    assert {"CIIR", "NDSMR", "IRM", "MLPSM"} <= set(listed)
    gdsi = listed["GDSI"]
    assert gdsi["effective"] is None and gdsi["announced"] == "2020-09-08"
    html = report_file(run, tmp_path / "r.html", EXAMPLES / "power-utility-ciio.yaml",
                       "--lang", "zh")
    page = html.read_text(encoding="utf-8").replace("<wbr>", "")
    assert "2020年9月8日提出（不具有法律约束力）" in page
    assert "2020年9月8日起施行" not in page
    assert "《关键信息基础设施安全保护条例》" in page and "关保条例" not in page


def test_e8_art_66_fines_are_discretionary_and_gains_are_confiscated(shipped: Catalog) -> None:
    for article in ("29", "66"):
        _, en, zh = penalty_of(shipped, "CSL", article)
        assert "可以并处5万元以上50万元以下罚款" in zh and "没收违法所得" in zh
        assert "并处5万元至50万元" not in zh
        assert "may also be imposed" in en and "confiscation of illegal gains" in en


def test_e9_chinese_penalties_keep_every_person_liable_and_statutory_sanctions(
        shipped: Catalog) -> None:
    csl = shipped.instruments["CSL"]
    for article in ("23", "27", "35", "36", "38", "40", "61", "64", "26", "28", "37", "49"):
        _, _, zh = penalty_of(shipped, "CSL", article)
        assert "对直接负责的主管人员和其他直接责任人员" in zh, article
    for article in ("24 ¶1", "62"):  # Art. 62 names the person in charge only
        _, _, zh = penalty_of(shipped, "CSL", article)
        assert "和其他直接责任人员" not in zh, article
    assert "没收违法所得" in penalty_of(shipped, "CSL", "63")[2]
    assert "予以没收" not in penalty_of(shipped, "CSL", "63")[2]
    assert "给予警告、予以通报" in penalty_of(shipped, "CSL", "69")[2]
    assert not any("通报批评" in a.penalty.zh for a in csl.articles if a.penalty)
    texts = [a.penalty.zh for i in shipped.instruments.values() for a in i.articles if a.penalty]
    texts += [i.note.zh for i in shipped.instruments.values() if i.note]
    laws = "网络安全法|数据安全法|个人信息保护法|关键信息基础设施安全保护条例|网络数据安全管理条例"
    for text in texts:
        assert not re.search(rf"(?<![《国])({laws})(?!》)", text), text
        assert not re.search(r"\d万元至\d", text), text
    assert csl.note is not None and "未指明具体条文" in csl.note.zh


def test_e10_items_are_cited_one_by_one_in_parentheses(shipped: Catalog) -> None:
    from assessor.banks.terms import misused
    xb = control(shipped, "pipl.xb.contract_or_certification")
    rules = control(shipped, "pipl.governance.platform_rules")
    assert xb.help is not None and "第三十八条第一款第（二）项、第（三）项" in xb.help.zh
    assert rules.help is not None and "第五十八条第（二）项、第（三）项" in rules.help.zh
    assert misused("第五十八条第二、三项") == [
        ("第二、三项", "第（二）项、第（三）项 (each item cited on its own, in parentheses)")]


def test_j10_irm_8_is_verified(shipped: Catalog) -> None:
    article = shipped.instruments["IRM"].article("8")
    assert article is not None and article.verified
    assert shipped.instruments["IRM"].reference("8").cite("zh") == \
        "《国家网络安全事件报告管理办法》第八条"
    assert control(shipped, "csl.incident.summary_days").verified


def test_a_fact_never_asked_reads_not_applicable_not_asked(run: Run, tmp_path: Path) -> None:
    html = report_file(run, tmp_path / "r.html", EXAMPLES / "power-utility-ciio.yaml",
                       "--lang", "zh")
    page = html.read_text(encoding="utf-8").replace("<wbr>", "")
    asked = "是否在中国大陆境外处理境内自然人的个人信息"
    assert asked in page
    assert re.search(asked + r"[^<]*不适用（未询问）", page)
    assert not re.search(asked + r"[^<]*？ 未作答", page)


def test_the_summary_counts_documents_and_says_the_gdsi_does_not_bind(
        run: Run, tmp_path: Path) -> None:
    html = report_file(run, tmp_path / "r.html", EXAMPLES / "power-utility-ciio.yaml",
                       "--lang", "zh")
    page = html.read_text(encoding="utf-8").replace("<wbr>", "")
    assert re.search(r"本次评估对照\d+部文件（其中《全球数据安全倡议》不具有法律约束力）", page)
    assert "部法律文件，对适用于" not in page
    assert "（《网络安全法》《数据安全法》《个人信息保护法》《网络产品安全漏洞管理规定》）" in page


def test_j1_and_j7_a_documented_pipl_13_ground_may_be_answered_alternate(
        shipped: Catalog) -> None:
    for qid in ("csl.pi.no_unconsented_provision", "pipl.special.minors_consent"):
        question = control(shipped, qid)
        assert question.alternate, qid
        assert question.help is not None and "Art. 13" in question.help.en
        assert "第十三条" in question.help.zh


def test_j2_outbound_relief_is_not_the_domestic_rule(shipped: Catalog) -> None:
    for qid in ("profile.important_data", "csl.mlps.data_classification"):
        question = control(shipped, qid)
        assert question.help is not None
        assert "Data counts as important" not in question.help.en
        assert "outbound" in question.help.en and "仅" in question.help.zh


def test_j6_the_cross_border_notice_asks_separate_consent_only_where_consent_is_the_basis(
        shipped: Catalog) -> None:
    question = control(shipped, "pipl.xb.notice_consent")
    assert question.help is not None
    assert "These duties apply whatever" not in question.help.en
    assert "only where consent is the basis" in " ".join(question.help.en.split())
    assert "单独同意仅在以同意为基础时需要" in question.help.zh


def test_j9_national_vulnerability_platforms_are_for_discoverers(shipped: Catalog) -> None:
    question = control(shipped, "vuln.platform.share_miit")
    assert question.help is not None and "addressed to discoverers" in question.help.en
    assert "国家计算机网络应急技术处理协调中心漏洞平台" in question.help.zh
    assert question.verified is False


def test_j11_the_gdsi_bank_asks_nothing_of_an_organisation_with_no_china_link(
        shipped: Catalog) -> None:
    qid = "gdsi.p2_critical_infrastructure.authorised_testing"
    assert not applies(shipped, qid, presence="none", network_operator="yes")
    assert applies(shipped, qid, presence="in_china", network_operator="yes")
    gdsi = shipped.questionnaire("gdsi")
    assert gdsi is not None and gdsi.scope is not None and "link to mainland China" in \
        gdsi.scope.en


def test_j13_the_pipo_report_goes_to_the_city_level_cac_and_changes_follow(
        shipped: Catalog) -> None:
    question = control(shipped, "pipl.governance.pipo")
    assert question.help is not None
    assert "city-level cyberspace" in question.help.en and "material change" in question.help.en
    assert "所在地设区的市级网信部门" in question.help.zh
    assert "变更之日起30个工作日内" in question.help.zh


def test_questions_json_carries_same_as(run: Run) -> None:
    status, out, err = run("questions", "--json")
    assert status == 0, err
    questions = {q["id"]: q for q in json.loads(out)["questions"]}
    assert questions["dsl.mgmt.mlps"]["same_as"] == "csl.mlps.grading"
    assert questions["csl.mlps.grading"]["same_as"] is None
    declared = {q.id: q.same_as for q in load_catalog().questions if q.same_as}
    assert {qid: q["same_as"] for qid, q in questions.items() if q["same_as"]} == declared


# ------------------------------------------------------------------ duties of 2025-2026 (G1-G7)

AREAS: dict[str, tuple[dict[str, str | float], list[str]]] = {
    # area: (the profile facts that bring it in, the controls it adds)
    "minors": ({"processes_pi": "yes", "minors_under18": "yes", "user_content": "yes",
                "network_operator": "yes"},
               ["pipl.minors.annual_audit", "pipl.minors.audit_report",
                "pipl.minors.necessary_only", "pipl.minors.rights_requests",
                "pipl.minors.incident_notice", "pipl.minors.access_control",
                "pipl.minors.private_information"]),
    "face": ({"processes_pi": "yes", "face_recognition": "yes", "face_count": 150000.0,
              "public_cameras": "yes"},
             ["pipl.face.filing", "pipl.face.separate_consent", "pipl.face.impact_assessment",
              "pipl.face.alternative", "pipl.face.device_storage", "pipl.face.public_places"]),
    "mlps_crypto": ({"network_operator": "yes", "ciio": "yes"},
                    ["csl.mlps.filing_on_time", "csl.mlps.test_months_l3",
                     "csl.mlps.test_months_l4", "csl.mlps.self_inspection",
                     "csl.mlps.rectification", "csl.crypto.mlps_use", "csl.crypto.cii_use",
                     "csl.crypto.cii_assessment", "csl.crypto.cii_certified"]),
    "review": ({"network_operator": "yes", "ciio": "yes", "listing_abroad": "yes",
                "processes_pi": "yes", "pi_individuals": 2_000_000.0},
               ["csl.review.listing_abroad", "csl.review.data_processing",
                "csl.review.crypto_procurement", "csl.review.stop_use", "csl.review.procedure"]),
    "ai": ({"network_operator": "yes", "genai_service": "yes",
            "algorithm_recommendation": "yes", "public_opinion": "yes"},
           ["csl.ai.training_data", "csl.ai.genai_filing", "csl.ai.algorithm_filing",
            "csl.ai.security_assessment", "csl.ai.user_choice", "csl.ai.algorithm_review",
            "csl.ai.content_labels"]),
}


def applicable(catalog: Catalog, facts: dict[str, str | float]) -> dict[str, bool]:
    answers = {f"profile.{k}": Answer(f"profile.{k}", v) for k, v in facts.items()}
    if "profile.mlps_levels" not in answers and facts.get("network_operator") == "yes":
        answers["profile.mlps_levels"] = Answer("profile.mlps_levels",
                                                ("level_2", "level_3", "level_4"))
    return applicability(catalog, answers)


@pytest.mark.parametrize("area", sorted(AREAS))
def test_each_new_area_has_five_controls_complete_in_both_languages(shipped: Catalog,
                                                                    area: str) -> None:
    _, qids = AREAS[area]
    assert len(qids) >= 5
    for qid in qids:
        question = control(shipped, qid)
        assert question.scored and question.severity, qid
        for text in (question.text, question.help, question.remediation,
                     question.statement.text if question.statement else None):
            assert text is not None and text.en and text.zh, qid
            assert re.search("[\u4e00-\u9fff]", text.zh), qid
        assert question.workstream, qid
        assert question.references, qid
        for ref in question.references:
            assert ref.cite("en") and ref.cite("zh").startswith("《"), (qid, ref)


@pytest.mark.parametrize("area", sorted(AREAS))
def test_each_new_area_is_decided_by_profile_facts(shipped: Catalog, area: str) -> None:
    facts, qids = AREAS[area]
    found = applicable(shipped, facts)
    assert all(found[qid] for qid in qids), [q for q in qids if not found[q]]
    without = {k: ("no" if v == "yes" else 0.0) for k, v in facts.items()}
    found = applicable(shipped, without)
    assert not any(found[qid] for qid in qids), [q for q in qids if found[q]]


def test_thresholds_of_the_new_areas_are_the_confirmed_ones(shipped: Catalog) -> None:
    base = {"processes_pi": "yes", "face_recognition": "yes"}
    assert not applicable(shipped, {**base, "face_count": 99_999.0})["pipl.face.filing"]
    assert applicable(shipped, {**base, "face_count": 100_000.0})["pipl.face.filing"]
    listing = {"network_operator": "yes", "listing_abroad": "yes", "processes_pi": "yes"}
    assert not applicable(shipped, {**listing, "pi_individuals": 1_000_000.0})[
        "csl.review.listing_abroad"]  # "more than 1 million"
    assert applicable(shipped, {**listing, "pi_individuals": 1_000_001.0})[
        "csl.review.listing_abroad"]
    filing = control(shipped, "pipl.face.filing")
    assert filing.help is not None and "30 working days" in filing.help.en
    assert "30个工作日" in filing.help.zh and "2025年7月14日" in filing.help.zh
    report = control(shipped, "pipl.minors.audit_report")
    assert report.help is not None and "end of January" in report.help.en
    assert "1月底前" in report.help.zh and "设区的市级网信部门" in report.help.zh
    algorithm = control(shipped, "csl.ai.algorithm_filing")
    assert algorithm.help is not None and "10 working days" in algorithm.help.en


def test_articles_resting_on_one_copy_are_cited_without_a_number(shipped: Catalog) -> None:
    for law, article in (("CRM", "7"), ("IRM", "7"), ("IRM", "10"), ("IRM", "11"),
                         ("AILM", "4"), ("AILM", "6")):
        listed = shipped.instruments[law].article(article)
        assert listed is not None and not listed.verified, (law, article)
    for qid in ("csl.review.listing_abroad", "csl.incident.follow_up_reports",
                "csl.incident.reporting_record", "csl.ai.content_labels"):
        assert control(shipped, qid).verified is False, qid
    for law, article in (("MINOR", "37"), ("FRM", "15"), ("ARP", "24"), ("GAIM", "17"),
                         ("CCR", "38"), ("CRYPTO", "27"), ("MLPSM", "14"), ("NDSMR", "19")):
        listed = shipped.instruments[law].article(article)
        assert listed is not None and listed.verified, (law, article)


def test_every_new_area_is_in_a_shipped_example_and_in_its_statement_of_applicability(
        run: Run, tmp_path: Path) -> None:
    rows: dict[str, dict[str, object]] = {}
    for example in sorted(EXAMPLES.glob("*.yaml")):
        out = report_file(run, tmp_path / f"{example.stem}.json", example)
        for block in json.loads(out.read_text(encoding="utf-8"))["soa"]:
            for row in block["rows"]:
                if row["applies"]:
                    rows.setdefault(row["id"], row)
    for area, (_, qids) in AREAS.items():
        shown = [q for q in qids if q in rows]
        assert len(shown) >= 3, (area, shown)
        assert all(rows[q]["reason"] for q in shown), area
