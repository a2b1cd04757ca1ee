"""Property tests: any text in any text field renders in every format and prints inert.

Random text, control characters and long unbroken strings go into the organisation's name and
sector, the consultant, a note, a finding, a flag and an evidence name, written the way a JSON
or YAML writer would. Every format is rendered: the workbook's XML and the HTML stay
well-formed and hold the text; the PDF holds the whole string (few examples: a PDF takes
seconds); nothing printed on a terminal carries a control character. A fixed seed keeps CI's
inputs the same on every run.
"""

from __future__ import annotations

import html
import json
import re
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.dom import minidom

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor import cli
from assessor.files import NOT_IN_DOCUMENTS, printable

from .conftest import MINI, sizes

ARGS = ("--questionnaires", str(MINI), "--no-builtin")
FIXED = settings(derandomize=True, database=None, deadline=None, max_examples=12,
                 suppress_health_check=[HealthCheck.too_slow,
                                        HealthCheck.function_scoped_fixture])
# What a terminal acts on, but the newline that ends a line.
LIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                  "\u2066-\u2069\ud800-\udfff]")
CONTROLS = st.sampled_from(["\x00", "\x01", "\x07", "\x1b", "\x1b]0;T\x07", "\x1b[2J", "\x7f",
                            "\x85", "\x9b", "\u202e", "\u2066", "\u2028", "\ufffe", "\uffff",
                            "\t", "\r", "\n", "<", "&", "\"", "'", "=", "{{", "}}"])
TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.text(max_size=8), CONTROLS), max_size=12).map("".join),
    st.tuples(st.sampled_from("x9Z#/"), st.integers(200, 3000)).map(lambda p: p[0] * p[1]),
).filter(lambda t: t.strip() != "")
FIELDS = ("name", "sector", "consultant", "note", "finding", "flag", "evidence")


def answers_file(folder: Path, values: dict[str, str], as_json: bool) -> Path:
    """Write a valid mini answers file carrying ``values`` in its text fields."""
    plan = {"answer": "partial", "note": values["note"], "finding": values["finding"],
            "flag": values["flag"], "evidence": [values["evidence"]]}
    doc = {"format": "assessor-answers/1",
           "organisation": {"name": values["name"], "sector": values["sector"]},
           "assessment": {"consultant": values["consultant"], "date": "2026-11-20",
                          "lang": "en"},
           "answers": {"profile.big": "yes", "profile.people": 5000, "bank.ops.logs": 3,
                       "bank.ops.plan": plan, "bank.big.officer": "no",
                       "bank.big.elements": ["a"]}}
    path = folder / ("a.json" if as_json else "a.yaml")
    path.write_text(json.dumps(doc, ensure_ascii=not as_json), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run the command in-process; return status, stdout and stderr."""
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def shown_text(value: str) -> str:
    """Return what a report shows of ``value``: stripped, each forbidden character as U+FFFD."""
    return printable(value.strip())


class Strict(HTMLParser):
    """An HTML parser that records what it was given as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("examples", sizes(4, 12))
def test_any_text_renders_every_format_and_prints_inert(capsys: pytest.CaptureFixture[str],
                                                        examples: int) -> None:
    @settings(FIXED, max_examples=examples)
    @given(values=st.fixed_dictionaries(dict.fromkeys(FIELDS, TEXT)), as_json=st.booleans())
    def check(values: dict[str, str], as_json: bool) -> None:
        renders_inert(capsys, values, as_json)

    check()


def renders_inert(capsys: pytest.CaptureFixture[str], values: dict[str, str],
                  as_json: bool) -> None:
    """Any text in every field: check, score, diff, HTML, XLSX and JSON take it, inert."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = answers_file(folder, values, as_json)
        status, out, err = run(capsys, "check", *ARGS, source)
        assert status == 0, err
        assert not LIVE.search(out + err)
        for command in (("score",), ("diff", source)):
            status, out, err = run(capsys, command[0], *ARGS, source, *command[1:])
            assert status == 0, err
            assert not LIVE.search(out + err)
        status, out, err = run(capsys, "score", *ARGS, source, "--json")
        assert status == 0
        assert not LIVE.search(out)
        assert json.loads(out)["organisation"]["name"] == values["name"].strip()

        for fmt in ("html", "xlsx", "json"):
            status, _, err = run(capsys, "run", *ARGS, source, "-o", folder / f"r.{fmt}")
            assert status == 0, err
        page = (folder / "r.html").read_bytes().decode("utf-8")  # \r kept as written
        assert not NOT_IN_DOCUMENTS.search(page)
        parser = Strict()
        parser.feed(page)
        parser.close()
        text = html.unescape(page.replace("<wbr>", ""))
        for field in ("name", "note", "finding"):
            assert shown_text(values[field]) in text
        with zipfile.ZipFile(folder / "r.xlsx") as book:
            parts = [book.read(n) for n in book.namelist() if n.endswith((".xml", ".rels"))]
        for part in parts:
            minidom.parseString(part)  # noqa: S318 - our own output; raises if not well-formed
        cells = html.unescape(b"".join(parts).decode("utf-8"))
        assert shown_text(values["note"]) in cells
        report = json.loads((folder / "r.json").read_text(encoding="utf-8"))
        assert report["organisation"]["name"] == values["name"].strip()


PDF_TEXT = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7e), min_size=1,
            max_size=40),
    st.lists(st.one_of(st.text(alphabet="abcXYZ019#<&", min_size=1, max_size=6), CONTROLS),
             min_size=1, max_size=10).map("".join),
    st.tuples(st.sampled_from("x9Z"), st.integers(100, 600)).map(lambda p: p[0] * p[1]),
).filter(lambda t: t.strip() != "")


@pytest.mark.pdf
@settings(FIXED, max_examples=4)
@given(note=PDF_TEXT, name=PDF_TEXT)
def test_the_pdf_holds_the_whole_string(capsys: pytest.CaptureFixture[str], note: str,
                                        name: str) -> None:
    from pypdf import PdfReader

    values = dict.fromkeys(FIELDS, "plain") | {"note": note, "name": name}
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        source = answers_file(folder, values, as_json=True)
        status, _, err = run(capsys, "run", *ARGS, source, "-o", folder / "r.pdf")
        assert status == 0, err
        pages = [p.extract_text() for p in PdfReader(folder / "r.pdf").pages]
    whole = re.sub(r"\s", "", "".join(pages))
    for value in (note, name):
        assert re.sub(r"\s", "", shown_text(value)) in whole
