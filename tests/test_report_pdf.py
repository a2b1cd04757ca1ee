"""The PDF report read back with pypdf: parts, cover, register, page numbers, Chinese, bytes.

Each render costs seconds, so each PDF is rendered once per module and shared by the tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assessor import cli

from .conftest import DATA, EXAMPLES, MINI, pdf_reader
from .test_docx import PARTS, PARTS_ZH  # the same part titles, in PDF bookmarks as in Word

pytestmark = pytest.mark.pdf

EXAMPLE = EXAMPLES / "foreign-saas.yaml"
MINI_ANSWERS = DATA / "answers" / "mini.yaml"
MINI_ARGS = ["--questionnaires", str(MINI), "--no-builtin"]


class Report:
    """A rendered PDF with its pages' text and bookmarks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = pdf_reader(path)
        self.count = len(self.reader.pages)
        self.extracted: dict[int, str] = {}
        self.parts: list[tuple[str, int]] = [
            (str(item.title), (self.reader.get_destination_page_number(item) or 0) + 1)
            for item in self.reader.outline if not isinstance(item, list)]

    def page(self, number: int) -> str:
        """Return the text of one page (1-based), extracted once: pypdf takes ~0.1 s a page."""
        if number not in self.extracted:
            self.extracted[number] = self.reader.pages[number - 1].extract_text() or ""
        return self.extracted[number]

    def page_of(self, title: str) -> int:
        """Return the 1-based page a part starts on."""
        return dict(self.parts)[title]

    def text(self, first: int, last: int) -> str:
        """Return the text of pages ``first`` to ``last`` (1-based, inclusive)."""
        return "\n".join(self.page(n) for n in range(first, last + 1))


def flat(text: str) -> str:
    """Join lines as a reader does: ids broken after a dot rejoin, other breaks become spaces."""
    return re.sub(r"\s+", " ", re.sub(r"\.\n", ".", text))


def squeeze(text: str) -> str:
    """Drop all white space, for comparing text that may wrap anywhere."""
    return re.sub(r"\s+", "", text)


def render(tmp: Path, name: str, *argv: str) -> Path:
    """Run ``assessor run`` in-process and return the output path."""
    out = tmp / name
    assert cli.main(["run", *argv, "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("example")
    pdf = render(tmp, "report.pdf", str(EXAMPLE), "--lang", "en", "--firm", "Harbour & Vale LLP",
                 "--confidential", "Board copy 3 of 5")
    data = json.loads(render(tmp, "report.json", str(EXAMPLE), "--lang", "en").read_text("utf-8"))
    return Report(pdf), data


@pytest.fixture(scope="module")
def mini_zh(mini_pdf_zh: Path) -> Report:
    return Report(mini_pdf_zh)


def test_parts_come_in_order_and_the_contents_give_their_pages(
        example: tuple[Report, dict[str, Any]]) -> None:
    report, _ = example
    assert [title for title, _ in report.parts] == PARTS
    pages = [page for _, page in report.parts]
    assert pages == sorted(pages)
    assert pages[0] == 3
    contents = flat(report.page(2))
    assert contents.startswith("Contents")
    for title, page in report.parts:
        assert re.search(re.escape(title) + r"[ .]*" + str(page) + r"\b", contents), title


def test_cover_names_client_consultant_firm_date_and_marking(
        example: tuple[Report, dict[str, Any]]) -> None:
    report, data = example
    cover = flat(report.page(1))
    assert data["organisation"]["name"] in cover
    assert data["assessment"]["consultant"] in cover
    assert "Harbour & Vale LLP" in cover
    assert "Board copy 3 of 5" in cover
    year, month, day = data["assessment"]["date"].split("-")
    assert re.search(rf"\b{int(day)} \w+ {year}\b", cover)


def test_pages_after_the_cover_are_numbered_and_headed(
        example: tuple[Report, dict[str, Any]]) -> None:
    report, data = example
    assert "Page" not in report.page(1)
    for number in (2, report.page_of("Gap register") + 1, report.count):
        text = report.page(number)
        assert f"Page {number} of {report.count}" in text
        assert data["organisation"]["name"] in text
        assert "Board copy 3 of 5 · Harbour & Vale LLP" in text


def test_register_holds_every_gap_with_its_articles_and_titles(
        example: tuple[Report, dict[str, Any]]) -> None:
    report, data = example
    register = flat(report.text(report.page_of("Gap register"),
                                report.page_of("Remediation roadmap") - 1))
    assert data["gaps"], "the example should have gaps"
    for gap in data["gaps"]:
        assert gap["id"] in register
        for ref in gap["references"]:
            assert ref["cite"] in register, (gap["id"], ref["cite"])
            if ref["title"]:
                assert squeeze(ref["title"]) in squeeze(register), (gap["id"], ref["title"])


def test_no_gap_row_is_split_across_pages(example: tuple[Report, dict[str, Any]]) -> None:
    report, data = example
    first, last = report.page_of("Gap register"), report.page_of("Remediation roadmap") - 1
    for gap in data["gaps"]:
        pages = [n for n in range(first, last + 1) if gap["id"] in flat(report.page(n))]
        assert len(pages) == 1, gap["id"]
        page = squeeze(report.page(pages[0]))
        assert squeeze(gap["remediation"])[-30:] in page, gap["id"]
        assert squeeze(gap["text"])[:30] in page, gap["id"]


def test_exposure_and_evidence_and_record(example: tuple[Report, dict[str, Any]]) -> None:
    report, data = example
    exposure = flat(report.text(report.page_of("Legal exposure"),
                                report.page_of("Evidence requests") - 1))
    for entry in data["exposure"]:
        assert entry["cite"] in exposure
    evidence = flat(report.text(report.page_of("Evidence requests"),
                                report.page_of("Appendix: all answers") - 1))
    for request in data["evidence_requests"]:
        assert request["id"] in evidence
    for alternate in data["alternates"]:
        assert squeeze(alternate["justification"])[:40] in squeeze(evidence)
    last = flat(report.page(report.count))
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() in squeeze(last)
    for qn_id, version in data["source"]["questionnaires"].items():
        assert f"{qn_id} {version}" in last


def test_zh_renders_every_part_and_the_register_in_chinese(mini_zh: Report) -> None:
    assert [title for title, _ in mini_zh.parts] == PARTS_ZH
    register = flat(mini_zh.text(mini_zh.page_of("差距清单"), mini_zh.page_of("整改路线图") - 1))
    for text in ("有负责人吗？", "任命一名。", "日志保存几个月？", "严重",
                 "《测试法》第三条（原第一条）", "依据待核实", "立即整改"):
        assert text in register
    cover = flat(mini_zh.page(1))
    assert "2026年11月20日" in cover
    assert "委托方" in cover
    assert f"第 2 页，共 {mini_zh.count} 页" in mini_zh.page(2)


def test_zh_pdf_embeds_a_font_that_draws_the_chinese(mini_zh: Report) -> None:
    wanted = {f"{ord(ch):04X}" for ch in "差距清单整改"}
    covered: set[str] = set()
    for page in mini_zh.reader.pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font: Any = reference.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                continue
            cmap = font["/ToUnicode"].get_data().decode("latin-1").upper()
            covered |= {code for code in wanted if f"<{code}>" in cmap}
    assert covered == wanted


def test_missing_chinese_font_is_a_clear_error(tmp_path: Path) -> None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        pytest.skip("fontconfig's fc-match is needed to build a font set without Chinese")
    latin = subprocess.run([fc_match, "-f", "%{file}", "DejaVu Sans"], capture_output=True,
                           text=True, check=True).stdout
    config = tmp_path / "fonts.conf"  # a machine whose only fonts have no Chinese glyphs
    config.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                      f"<fontconfig><dir>{Path(latin).parent}</dir>"
                      f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    out = tmp_path / "zh.pdf"
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    done = subprocess.run([sys.executable, "-m", "assessor", "run", *MINI_ARGS,
                           str(MINI_ANSWERS), "--lang", "zh", "-o", str(out)],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 2, done.stderr
    assert "no installed font has Chinese glyphs" in done.stderr
    assert "fonts-wqy-microhei" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_same_input_gives_the_same_bytes(tmp_path: Path, mini_pdf: Path) -> None:
    first = mini_pdf.read_bytes()
    other = tmp_path / "c.pdf"
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    subprocess.run([sys.executable, "-m", "assessor", "run", *MINI_ARGS, str(MINI_ANSWERS),
                    "-o", str(other)], check=True, env=env, capture_output=True)
    assert other.read_bytes() == first
    metadata = pdf_reader(other).metadata
    assert metadata is not None
    assert str(metadata["/CreationDate"]) == "D:20261120"
    assert str(metadata["/ModDate"]) == "D:20261120"
