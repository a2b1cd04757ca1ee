"""The consultant's voice: {en, zh} texts, internal notes kept from the client, document control."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from assessor.model.catalog import Catalog
from assessor.model.said import Said
from assessor.record import answers as record
from tests.conftest import EXAMPLES, Run, read_yaml, yaml_text

INTERNAL = "HR unsure; no CAC filing made yet (ask the DPO)"
FINDING = {"en": "Loyalty data goes to the EU CRM under a standard contract only.",
           "zh": "会员数据仅凭标准合同传输至欧盟客户关系管理系统。"}


def bilingual_file(tmp_path: Path, catalog: Catalog) -> tuple[Path, str]:
    """Write the crossborder example with consultant texts in both languages, and name a gap."""
    path = tmp_path / "maison.yaml"
    if not BILINGUAL:  # made once: the same file for every test
        BILINGUAL.append(make_bilingual(path, catalog))
    path.write_text(BILINGUAL[0][0], encoding="utf-8")
    return path, BILINGUAL[0][1]


BILINGUAL: list[tuple[str, str]] = []  # the file's text and its gap's id, once made


def make_bilingual(path: Path, catalog: Catalog) -> tuple[str, str]:
    """Write the file to ``path`` as a consultant would; return its text and a gap's id."""
    data = read_yaml((EXAMPLES / "crossborder-ecommerce.yaml").read_text(encoding="utf-8"))
    data["organisation"] = {"name": {"en": "Maison Verdier Retail (Shanghai) Co., Ltd.",
                                     "zh": "梅松维尔迪耶零售（上海）有限公司"},
                            "sector": "ecommerce"}
    data["assessment"]["firm"] = {"en": "Huangpu Data Advisory", "zh": "黄浦数据咨询"}
    data["assessment"].update({
        "version": "1.0", "fieldwork": {"from": "2026-10-20", "to": "2026-11-10"},
        "distribution": ["Client DPO", "Client CFO"],
        "history": [{"version": "0.9", "date": "2026-11-11", "by": "Lin Wei",
                     "change": "first draft"},
                    {"version": "1.0", "date": "2026-11-12", "by": "Lin Wei",
                     "change": "client comments"}]})
    path.write_text(yaml_text(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = record.load(path, catalog)
    from assessor.scoring import score
    gap = score(catalog, loaded.answers).gaps[0].question.id
    raw = data["answers"][gap]
    entry = raw if isinstance(raw, dict) else {"answer": raw}
    entry.update({"finding": FINDING, "internal": INTERNAL,
                  "severity": {"level": "high", "justification": {
                      "en": "Limited to loyalty members.", "zh": "仅限会员数据。"}}})
    data["answers"][gap] = entry
    return yaml_text(data, allow_unicode=True, sort_keys=False), gap


def report(run: Run, path: Path, lang: str, *extra: str) -> dict[str, Any]:
    """Return the JSON report of ``path`` in ``lang`` (a fresh copy of each test's own).

    Several tests read the same file's report: it is rendered once per content and options
    (the report names the file, not its folder).
    """
    key = (path.name, path.read_bytes(), lang, extra)  # the report names its file
    if key not in REPORTS:
        status, out, err = run("run", path, "--format", "json", "-o", "-", "--lang", lang,
                               *extra)
        assert status == 0, err
        REPORTS[key] = out
    result: dict[str, Any] = json.loads(REPORTS[key])
    return result


REPORTS: dict[tuple[str, bytes, str, tuple[str, ...]], str] = {}  # JSON reports, by input


def test_a_consultant_text_in_two_languages_survives_a_save(tmp_path: Path,
                                                            catalog: Catalog) -> None:
    path, gap = bilingual_file(tmp_path, catalog)
    loaded = record.load(path, catalog)
    answer = loaded.answers[gap]
    assert answer.finding == Said(FINDING["en"], FINDING["zh"])
    assert answer.internal == INTERNAL
    assert isinstance(loaded.organisation.name, Said)
    assert loaded.organisation.name.get("zh") == "梅松维尔迪耶零售（上海）有限公司"
    again = tmp_path / "again.yaml"
    record.save(again, loaded, catalog)
    text = again.read_text(encoding="utf-8")
    assert "zh: 会员数据仅凭标准合同" in text and f"internal: {INTERNAL}" in text
    assert "distribution:\n  - Client DPO" in text
    reloaded = record.load(again, catalog)
    assert replace(reloaded.answers[gap], line=None) == replace(loaded.answers[gap], line=None)
    assert reloaded.assessment == loaded.assessment


def test_each_language_reads_its_own_text(run: Run, tmp_path: Path, catalog: Catalog) -> None:
    path, gap = bilingual_file(tmp_path, catalog)
    en, zh = report(run, path, "en"), report(run, path, "zh")
    assert en["organisation"] == {"name": "Maison Verdier Retail (Shanghai) Co., Ltd.",
                                  "sector": "Retail and e-commerce"}
    assert zh["organisation"] == {"name": "梅松维尔迪耶零售（上海）有限公司",
                                  "sector": "零售与电子商务"}
    assert zh["assessment"]["firm"] == "黄浦数据咨询"
    row = next(g for g in zh["gaps"] if g["id"] == gap)
    assert row["answer"]["finding"] == FINDING["zh"]
    assert row["answer"]["severity_override"]["justification"] == "仅限会员数据。"
    assert next(g for g in en["gaps"] if g["id"] == gap)["answer"]["finding"] == FINDING["en"]


def text_of(path: Path) -> str:
    """Return every text a file holds: a zip's (DOCX, XLSX) members, a PDF's pages, or the file."""
    if path.suffix == ".xlsx":
        import openpyxl
        book = openpyxl.load_workbook(path)
        return "\n".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True)
                         for v in row if v is not None)
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            return "".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())
    if path.suffix == ".pdf":
        from pypdf import PdfReader
        return "".join(page.extract_text() for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "html", "docx", "xlsx"])
def test_no_client_output_prints_an_internal_note(run: Run, tmp_path: Path, catalog: Catalog,
                                                  fmt: str) -> None:
    path, _ = bilingual_file(tmp_path, catalog)
    for lang in ("en", "zh"):
        out = tmp_path / f"r-{lang}.{fmt}"
        assert run("run", path, "-o", out, "--lang", lang)[0] == 0
        text = text_of(out)
        assert "HR unsure" not in text
        assert FINDING[lang][:12] in text


def test_the_client_workbook_never_holds_an_internal_note(run: Run, tmp_path: Path,
                                                          catalog: Catalog) -> None:
    path, gap = bilingual_file(tmp_path, catalog)
    book = tmp_path / "client.xlsx"
    assert run("template", "--format", "xlsx", "--from", path, "-o", book)[0] == 0
    assert "HR unsure" not in text_of(book)


def test_the_record_page_holds_the_document_control(run: Run, tmp_path: Path,
                                                    catalog: Catalog) -> None:
    path, _ = bilingual_file(tmp_path, catalog)
    assert report(run, path, "en")["document"] == {
        "version": "1.0", "fieldwork": {"from": "2026-10-20", "to": "2026-11-10"},
        "distribution": ["Client DPO", "Client CFO"],
        "history": [{"version": "0.9", "date": "2026-11-11", "by": "Lin Wei",
                     "change": "first draft"},
                    {"version": "1.0", "date": "2026-11-12", "by": "Lin Wei",
                     "change": "client comments"}]}
    html = tmp_path / "r.html"
    assert run("run", path, "-o", html, "--lang", "zh")[0] == 0
    page = html.read_text(encoding="utf-8").split('id="record"')[1]
    assert "2026年10月20日至2026年11月10日" in page
    assert "Client DPO、Client CFO" in page and "修订记录" in page and "client comments" in page


def test_check_warns_when_a_chinese_text_is_missing(run: Run, tmp_path: Path,
                                                   catalog: Catalog) -> None:
    path, gap = bilingual_file(tmp_path, catalog)
    data = read_yaml(path.read_text(encoding="utf-8"))
    data["answers"][gap]["finding"] = "Only in English."
    path.write_text(yaml_text(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    status, out, err = run("check", path, "--warnings")
    assert f"{gap}: the finding has no Chinese" in out + err
    data["answers"][gap]["finding"] = FINDING
    path.write_text(yaml_text(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    status, out, err = run("check", path, "--warnings")
    assert f"{gap}: the finding has no Chinese" not in out + err


def test_a_brand_speaks_each_language_and_never_labels_twice(run: Run, tmp_path: Path,
                                                             catalog: Catalog) -> None:
    path, _ = bilingual_file(tmp_path, catalog)
    brand = tmp_path / "brand.yaml"
    brand.write_text("confidential:\n  en: 'Confidential: prepared for the management only'\n"
                     "  zh: 机密：仅供管理层使用\nfirm: {en: Huangpu, zh: 黄浦}\n",
                     encoding="utf-8")
    for lang, said, firm in (("en", "Confidential: prepared for", "Huangpu"),
                             ("zh", "机密：仅供管理层使用", "黄浦")):
        out = tmp_path / f"b-{lang}.html"
        assert run("run", path, "-o", out, "--lang", lang, "--brand", brand)[0] == 0
        cover = out.read_text(encoding="utf-8").split('id="contents"')[0]
        marking = cover.split('class="marking"')[1]
        assert said in marking and "<strong>" not in marking.split("</div>")[0]
        assert f'<div class="cover-firm">{firm}</div>' in cover


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
def test_the_internal_edition_adds_the_notes_and_the_quality_checks(
        run: Run, tmp_path: Path, catalog: Catalog, fmt: str) -> None:
    path, _ = bilingual_file(tmp_path, catalog)
    client, internal = tmp_path / f"client.{fmt}", tmp_path / f"internal.{fmt}"
    assert run("run", path, "-o", client)[0] == 0
    assert run("run", path, "-o", internal, "--internal")[0] == 0
    client_text, internal_text = text_of(client), text_of(internal)  # each file read once
    for marker in ("HR unsure", "INTERNAL: for the firm only", "Quality checks",
                   "Not met, with no note saying what is missing"):
        assert marker not in client_text
        assert marker in internal_text


def test_the_internal_json_and_its_notes(run: Run, tmp_path: Path, catalog: Catalog) -> None:
    path, gap = bilingual_file(tmp_path, catalog)
    assert report(run, path, "en")["internal"] is None
    internal = report(run, path, "en", "--internal")["internal"]
    assert internal["notes"] == [{"id": gap, "text": catalog.by_id[gap].text.en,
                                  "internal": INTERNAL, "by": None,
                                  "display": internal["notes"][0]["display"]}]
    assert internal["quality"]["warnings"] > 0


def test_a_chinese_report_says_which_texts_it_prints_in_english(run: Run, tmp_path: Path,
                                                               catalog: Catalog) -> None:
    path, gap = bilingual_file(tmp_path, catalog)
    data = read_yaml(path.read_text(encoding="utf-8"))
    data["answers"][gap]["finding"] = "Only in English."
    path.write_text(yaml_text(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    status, _, err = run("run", path, "-o", tmp_path / "zh.html", "--lang", "zh")
    assert status == 0
    assert f"assessor: note: {path}:" in err and f"{gap}: the finding has no Chinese" in err
    status, _, err = run("run", path, "-o", tmp_path / "en.html", "--lang", "en")
    assert "has no Chinese" not in err
