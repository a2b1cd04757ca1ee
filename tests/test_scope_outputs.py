"""The engagement's scope decides what the client sees: no instrument outside it, no radar."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from tests.conftest import EXAMPLES, Run, read_yaml, yaml_text

OUTSIDE = re.compile(r"GDSI|Global Data Security|全球数据安全倡议|[Vv]ulnerability [Pp]rovisions|"
                     r"Security Vulnerabilities of Network|漏洞管理规定")


def scoped(tmp_path: Path) -> Path:
    """Write the crossborder example scoped to the PIPL, DSL and CSL."""
    data = read_yaml((EXAMPLES / "crossborder-ecommerce.yaml").read_text(encoding="utf-8"))
    data["assessment"]["scope"] = ["pipl", "dsl", "csl"]
    path = tmp_path / "scoped.yaml"
    path.write_text(yaml_text(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def named_outside(text: str) -> list[str]:
    """Return the places a text names an instrument outside the scope."""
    return [text[max(0, m.start() - 40):m.end() + 20] for m in OUTSIDE.finditer(text)]


def test_the_html_names_only_the_scope_outside_the_scope_and_soa_pages(
        run: Run, tmp_path: Path) -> None:
    path = scoped(tmp_path)
    for lang in ("en", "zh"):
        out = tmp_path / f"r-{lang}.html"
        assert run("run", path, "-o", out, "--lang", lang)[0] == 0
        html = out.read_text(encoding="utf-8")
        method = html[html.index('<section id="method"'):]
        client = (html[:html.index('<section id="scope"')]  # the sources a citation rests on
                  + html[html.index('<section id="register"'):html.index('<section id="soa"')]
                  + method[:method.index('<ul class="sources">')]   # are listed as such
                  + method[method.index('<p class="small">'):])
        assert named_outside(client) == []
        assert "radar-layout" not in client[client.index("<body"):]   # no radar chart
    assert "data laws (CSL, DSL, PIPL)<" in (tmp_path / "r-en.html").read_text("utf-8")


def test_json_docx_and_workbooks_name_only_the_scope(run: Run, tmp_path: Path) -> None:
    path = scoped(tmp_path)
    data = json.loads(run("run", path, "--format", "json", "-o", "-")[1])
    assert data["principles"] == []
    assert data["subtitle"] == "China's data laws (CSL, DSL, PIPL)"
    kept = {k: v for k, v in data.items() if k not in ("engagement", "excluded", "soa",
                                                       "sources")}
    assert named_outside(json.dumps(kept, ensure_ascii=False)) == []
    docx = tmp_path / "r.docx"
    assert run("run", path, "-o", docx)[0] == 0
    document = Document(str(docx))
    text = "\n".join(p.text for p in document.paragraphs)
    assert named_outside(text[:text.index("Scope and applicability\n")]) == []
    assert len(document.inline_shapes) == 1   # the bar chart; no radar
    register = tmp_path / "r.xlsx"
    assert run("run", path, "-o", register)[0] == 0
    book = load_workbook(register)
    for sheet in book.worksheets[:3]:   # register, summary, evidence requests
        cells = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
        assert named_outside(cells) == [], sheet.title
    client = tmp_path / "client.xlsx"
    assert run("template", "--format", "xlsx", "--from", path, "-o", client)[0] == 0
    instructions = load_workbook(client).worksheets[0]
    assert instructions["B2"].value == "China's data laws (CSL, DSL, PIPL)"


def test_the_client_workbook_guidance_speaks_to_the_client(run: Run, tmp_path: Path) -> None:
    assessor = re.compile(r"^(Ask|Look|Check|Pick|Walk)\b|Judgement|this toolkit|not confirmed|"
                          r"请查阅|请核查|本工具")
    for lang in ("en", "zh"):
        book = tmp_path / f"client-{lang}.xlsx"
        assert run("template", "--format", "xlsx", "--lang", lang, "-o", book)[0] == 0
        guidance = []
        for sheet in load_workbook(book).worksheets[1:]:
            header = [c.value for c in sheet[5]] if sheet.max_row > 5 else []
            for row in sheet.iter_rows(values_only=True):
                if "Guidance" in row or "说明" in row:
                    header = list(row)
                    continue
                if header and ("Guidance" in header or "说明" in header):
                    at = header.index("Guidance" if lang == "en" else "说明")
                    if row[at]:
                        guidance.append(str(row[at]))
        assert len(guidance) > 150
        lines = [line for text in guidance for line in text.splitlines()]
        assert [line for line in lines if assessor.search(line)] == []
        ready = "Have ready: " if lang == "en" else "请准备："
        assert sum(1 for text in guidance if ready in text) > 40


def test_a_brand_can_hide_the_numeric_score(run: Run, tmp_path: Path) -> None:
    brand = tmp_path / "brand.yaml"
    brand.write_text("hide_score: true\n", encoding="utf-8")
    path = scoped(tmp_path)
    html, docx = tmp_path / "r.html", tmp_path / "r.docx"
    for out in (html, docx):
        assert run("run", path, "-o", out, "--brand", brand)[0] == 0
    page = html.read_text(encoding="utf-8")
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs) + "\n".join(
        c.text for t in Document(str(docx)).tables for row in t.rows for c in row.cells)
    for shown in (page[:page.index('<section id="scope"')], text):
        assert "/ 100" not in shown and "Overall score" not in shown
        assert "Needs improvement" in shown and "rated Needs improvement" in shown
    assert '<figure class="chart">' not in page
    assert len(Document(str(docx)).inline_shapes) == 0   # no score chart
    assert run("run", path, "-o", tmp_path / "plain.html")[0] == 0
    assert "/ 100" in (tmp_path / "plain.html").read_text(encoding="utf-8")
