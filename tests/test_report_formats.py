"""The report's other formats and inputs: JSON against its schema, XLSX, HTML, branding, text."""

from __future__ import annotations

import functools
import json
import re
import struct
import zlib
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from assessor.model.catalog import Catalog
from assessor.record.answers import load
from assessor.report.charts import bar_chart, radar_chart
from assessor.report.context import build_context
from assessor.report.view import Report
from assessor.report.words import long_date, strings
from assessor.resources import templates_dir
from assessor.scoring import score

from .conftest import DATA, EXAMPLES, MINI, Run, report_file, write

MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")
MINI_ANSWERS = DATA / "answers" / "mini.yaml"
SCHEMA = Path(__file__).parent.parent / "assessor" / "schemas" / "report.schema.json"


def png() -> bytes:
    """Return a valid 1x1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x0b\x3d\x62")) + chunk(b"IEND", b""))


def mini_context(mini: Catalog, path: Path = MINI_ANSWERS, lang: str = "en") -> Report:
    answers = load(path, mini)
    return build_context(mini, answers, score(mini, answers.answers), lang)


@functools.cache  # the schema checked against its meta-schema once, not per test
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


# ---------------------------------------------------------------- JSON

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_json_of_mini_validates_against_the_published_schema(run: Run, tmp_path: Path,
                                                             lang: str) -> None:
    out = tmp_path / "r.json"
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--lang", lang)[0] == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert not list(validator().iter_errors(data))
    assert data["schema"] == "assessor-report/1"
    assert data["lang"] == lang
    assert data["source"]["answers_file"] == "mini.yaml"
    assert [g["id"] for g in data["gaps"]] == ["bank.big.officer", "bank.ops.logs",
                                               "bank.ops.plan", "bank.big.elements"]


def test_json_of_every_example_validates(run: Run, tmp_path: Path) -> None:
    examples = sorted(EXAMPLES.glob("*.yaml"))
    if not examples:
        pytest.skip("no examples yet")
    check = validator()
    for example in examples:
        out = report_file(run, tmp_path / f"{example.stem}.json", example)
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}"
                  for e in check.iter_errors(json.loads(out.read_text(encoding="utf-8")))]
        assert not errors, (example.name, errors[:5])


def test_schema_command_prints_the_report_schema(run: Run) -> None:
    status, out, _ = run("schema", "report")
    assert status == 0
    assert json.loads(out)["properties"]["schema"]["const"] == "assessor-report/1"


# ---------------------------------------------------------------- context

def test_excluded_control_gives_the_condition_that_failed_with_the_answer(
        mini: Catalog, tmp_path: Path) -> None:
    small = write(tmp_path / "small.yaml", MINI_ANSWERS.read_text(encoding="utf-8").replace(
        "profile.people: 5000", "profile.people: 10"))
    context = mini_context(mini, small)
    assert [c["id"] for c in context["excluded"]] == ["bank.big.officer", "bank.big.elements"]
    assert context["excluded"][0]["reason"] == (
        "Organisations with 1,000 people or more (profile: How many people? 10 people)")
    zh = mini_context(mini, small, "zh")
    assert zh["excluded"][0]["reason"] == "一千人以上的组织（概况：多少人？ 10 人）"


def test_summary_figures_exposure_and_strengths(mini: Catalog) -> None:
    context = mini_context(mini)
    assert context["counts"]["gaps"] == 4
    assert context["counts"]["by_severity"] == {"critical": 1, "high": 1, "medium": 1, "low": 1}
    assert context["counts"]["by_priority"] == {"act_now": 1, "within_90_days": 1,
                                                "within_year": 2}
    assert context["exposure"] == [{
        "law": "LAW", "instrument": "Test Law", "article": "9", "cite": "LAW Art. 9",
        "penalty": "RMB 10,000-50,000", "severity": "critical",
        "breached": ["LAW Art. 3 (formerly Art. 1)", "LAW Art. 3(1) (formerly Art. 1(1))"],
        "gaps": ["bank.big.officer", "bank.ops.logs"], "ranks": [1, 2]}]
    assert context["strengths"] == {"threshold": 85.0, "sections": [], "controls_met": 0}


# ---------------------------------------------------------------- XLSX

def test_xlsx_is_a_filterable_gap_register_with_one_row_per_gap(run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    noted = write(tmp_path / "noted.yaml", MINI_ANSWERS.read_text(encoding="utf-8").replace(
        "note: \"Plan exists", "note: \"=HYPERLINK(\\\"http://x\\\") Plan exists"))
    out = tmp_path / "gaps.xlsx"
    assert run("run", *MINI_ARGS, noted, "-o", out)[0] == 0
    book = load_workbook(out)
    sheet = book.worksheets[0]
    titles = [c.value for c in sheet[1]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 4
    assert [r[titles.index("Control id")] for r in rows] == [
        "bank.big.officer", "bank.ops.logs", "bank.ops.plan", "bank.big.elements"]
    assert sheet.freeze_panes == "E2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(5, len(titles)).coordinate}"
    for column in ("Owner", "Due date", "Status"):
        assert all(r[titles.index(column)] is None for r in rows)
    plan = rows[2]
    note = sheet.cell(4, titles.index("Note") + 1)
    assert note.value.startswith("=HYPERLINK")
    assert note.data_type == "s"
    assert plan[titles.index("Legal basis")] == "LAW (article to be confirmed): Plans"
    assert plan[titles.index("Basis verified")] == "basis to be verified"
    assert "LAW Art. 9: RMB 10,000-50,000" in rows[0][titles.index("Penalty range")]
    assert book.sheetnames == ["Gap register", "Executive summary", "Evidence requests",
                               "Statement of Applicability",
                               "Evidence"]
    again = tmp_path / "again.xlsx"
    assert run("run", *MINI_ARGS, noted, "-o", again)[0] == 0
    assert again.read_bytes() == out.read_bytes()


def test_xlsx_in_chinese(run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "gaps.xlsx"
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--lang", "zh")[0] == 0
    sheet = load_workbook(out).worksheets[0]
    assert sheet.title == "差距清单"
    assert sheet.cell(1, 4).value == "发现"
    assert sheet.cell(2, 4).value == "未任命负责人。"     # the finding leads, in Chinese
    assert sheet.cell(2, 10).value == "有负责人吗？"       # the question asked, as a detail
    assert sheet.cell(2, 2).value == "立即整改"


# ---------------------------------------------------------------- HTML and branding

def test_html_is_one_self_contained_file(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out)[0] == 0
    html = out.read_text(encoding="utf-8")
    assert "<link" not in html
    assert "@import" not in html
    assert re.findall(r"""(?:src|href)=["'](?!#|data:)""", html) == []
    assert "@page" in html
    assert "<svg" in html
    assert "--accent: #0b3d62" in html


def test_branding_from_a_file_and_options(run: Run, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(png())
    brand = write(tmp_path / "brand" / "brand.yaml",
                  'firm: "Harbour & Vale"\nlogo: logo.png\naccent: "#AA3311"\n'
                  'confidential: "Strictly confidential: board only"\n')
    out = tmp_path / "r.html"
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--brand", brand)[0] == 0
    html = out.read_text(encoding="utf-8")
    assert "--accent: #aa3311" in html
    assert 'src="data:image/png;base64,' in html
    assert "Harbour &amp; Vale" in html
    assert "Strictly confidential: board only" in html
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out, "--brand", brand,
               "--firm", "Other Firm", "--accent", "#123456")[0] == 0
    html = out.read_text(encoding="utf-8")
    assert "Other Firm" in html
    assert "Harbour" not in html
    assert "--accent: #123456" in html


@pytest.mark.parametrize("accent", ["red", "#12345", "#1234567", "#12345g",
                                    "#123456;}body{display:none", '#123456"'])
def test_accent_must_be_a_hex_colour(run: Run, tmp_path: Path, accent: str) -> None:
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", tmp_path / "r.html",
                         "--accent", accent)
    assert status == 2
    assert "must be written #RRGGBB" in err
    assert not (tmp_path / "r.html").exists()


def test_brand_file_mistakes_are_reported_with_lines(run: Run, tmp_path: Path) -> None:
    brand = write(tmp_path / "brand.yaml", "firm: X\naccent: #0b3d62\ncolour: blue\n")
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", tmp_path / "r.html",
                         "--brand", brand)
    assert status == 2
    assert "brand.yaml:2: accent is empty: quote the colour" in err
    assert "brand.yaml:3: unknown key 'colour'" in err


def test_logo_outside_the_allowed_folders_is_refused(run: Run, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    outside = tmp_path / "elsewhere" / "logo.png"
    outside.parent.mkdir()
    outside.write_bytes(png())
    monkeypatch.chdir(work)
    for logo in (outside, Path("../elsewhere/logo.png"), Path("/etc/passwd")):
        status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", work / "r.html",
                             "--logo", logo)
        assert status == 2
        assert "refused: a logo must lie in the current folder" in err
    (work / "notes.txt").write_text("root:x:0:0", encoding="utf-8")
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", work / "r.html",
                         "--logo", "notes.txt")
    assert status == 2
    assert "not a PNG, JPEG or SVG image" in err
    assert not (work / "r.html").exists()


# ---------------------------------------------------------------- fixed text, charts, dates

def test_every_fixed_text_of_the_template_comes_from_strings_in_both_languages() -> None:
    source = (templates_dir() / "report.html").read_text(encoding="utf-8")
    text = re.sub(r"<style>.*?</style>", "", source, flags=re.DOTALL)
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<[^>]*>|&\w+;", " ", text, flags=re.DOTALL)
    assert re.findall(r"[A-Za-z]{2,}", text) == []
    used = set(re.findall(r"\bt\.(\w+)", source))
    english, chinese = strings("en"), strings("zh")
    assert used <= english.keys()
    raw = (templates_dir() / "strings.yaml").read_text(encoding="utf-8")
    for key in used:
        assert chinese[key] != english[key] or not english[key], key
        assert re.search(rf"^{key}:", raw, flags=re.MULTILINE), key
    assert "{{" not in (templates_dir() / "report.css").read_text(encoding="utf-8")


def test_charts_print_their_figures_and_escape_labels() -> None:
    bars = str(bar_chart([{"label": "<script>x</script>", "score": 72.4, "binding": True,
                           "detail": "3 of 4 answered"},
                          {"label": "GDSI", "score": None, "binding": False,
                           "detail": "0 of 0 answered"}], "#0b3d62", "#7d97ab", "note"))
    assert "<script>" not in bars
    assert "&lt;script&gt;x&lt;/script&gt;" in bars
    assert ">72<" in bars
    assert ">—<" in bars
    assert 'fill="#7d97ab"' in bars
    radar = str(radar_chart([{"id": str(i), "score": 10.0 * i} for i in range(1, 9)],
                            "#0b3d62", "#7d97ab"))
    assert radar.count("<circle") == 8
    assert "8<tspan" in radar
    assert "> 80</tspan>" in radar


def test_dates_are_written_for_the_language() -> None:
    assert long_date("2026-11-20", "en") == "20 November 2026"
    assert long_date("2026-01-05", "zh") == "2026年1月5日"
    assert long_date(None, "en") == "—"
