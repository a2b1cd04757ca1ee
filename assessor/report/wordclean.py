"""A firm's Word template made a document, not a program, before any report is built on it.

A template's styles, page set-up, headers and footers are what a firm wants in its reports; a
template can also carry macros, a remote attached template (remote template injection), DDE or
INCLUDETEXT fields, external links and images, OLE objects, altChunks (imported HTML) and a
zip bomb. Rather than listing what to remove, the cleaner keeps an allow-list: the package parts
a document needs to look right (styles, settings, theme, fonts, numbering, headers, footers,
footnotes, internal images, properties) reached through internal relationships; every other
part and every external relationship is dropped, then every field and active element left in
the kept XML is removed, keeping its text. The report adds its own fields (contents, page
numbers) afterwards, so those are the only fields a report holds.

Every XML part is parsed without a DTD (no entities, so no billion laughs or XXE) and within a
size cap; a template that cannot be made clean is refused with its part named (exit 2).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from assessor.errors import AssessorError

MAX_PARTS = 2_000
MAX_UNPACKED = 40 * 1024 * 1024  # every part, images included
MAX_XML_PART = 4 * 1024 * 1024  # a template's largest XML (its styles) is well under 1 MB
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT_REL = OFFICE_REL + "officeDocument"
# The relationship types kept, as whole URIs: a type matched by its last word alone let a damaged
# one ("\tttp://.../styles") through, which python-docx did not know, so it added a second
# word/styles.xml beside the first (a file Word refuses).
KEEP = frozenset({OFFICE_REL + kind for kind in (
    "officeDocument", "styles", "settings", "webSettings", "fontTable", "theme", "numbering",
    "header", "footer", "image", "footnotes", "endnotes", "extended-properties")} | {
    PKG_REL + "/metadata/core-properties",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"})
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MAIN_TYPES = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
              "ms-word.document.macroEnabled.main+xml",
              "ms-word.template.macroEnabledTemplate.main+xml")
NOT_WORD = "not a Word document or template (.docx, .dotx) with styles"
ACTIVE = ("altChunk", "object", "control", "subDoc")  # w: elements dropped whole
FIELD_RUN = ("fldChar", "instrText", "instrTextDel")  # runs that make up a field's code
SETTINGS_DROPPED = ("attachedTemplate", "mailMerge", "updateFields", "linkStyles", "docVars")


def refuse(shown: str, why: str) -> AssessorError:
    """Return the error that refuses a template."""
    return AssessorError(f"docx template {shown}: {why}")


def parser() -> Any:
    """Return an XML parser that reads no DTD, resolves no entity and fetches nothing."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def parse(data: bytes, part: str, shown: str) -> Any:
    """Parse one XML part of the template.

    Raises:
        AssessorError: a DTD (entities), or malformed XML.
    """
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise refuse(shown, f"{part} declares a DTD or entities, which Word documents never do")
    try:
        return etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise refuse(shown, f"{part} is not well-formed XML ({exc.msg})") from None


def read_parts(template: bytes, shown: str) -> dict[str, bytes]:
    """Return the package's parts by name, within the caps.

    Raises:
        AssessorError: not a zip, too many parts, or unpacked beyond the caps (a zip bomb).
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(template))
        infos = package.infolist()
        if len(infos) > MAX_PARTS:
            raise refuse(shown, f"{len(infos):,} parts; a Word template has a few dozen")
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED:
            raise refuse(shown, f"unpacks to {total:,} bytes; the limit is {MAX_UNPACKED:,}")
        parts: dict[str, bytes] = {}
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART:
                raise refuse(shown, f"{info.filename} unpacks to {info.file_size:,} bytes; the "
                                    f"limit for one XML part is {MAX_XML_PART:,}")
            parts[info.filename] = package.read(info)  # the CRC check refuses a lying size
    except zipfile.BadZipFile as exc:
        if "CRC" in str(exc) or "Bad magic" in str(exc):
            raise refuse(shown, f"a damaged Word file ({exc})") from None
        raise refuse(shown, NOT_WORD) from None
    except (zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        raise refuse(shown, f"a damaged Word file ({exc})") from None
    return parts


def rels_name(part: str) -> str:
    """Return the relationships part of ``part`` ("" for the package)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def target_of(source: str, target: str) -> str:
    """Return the part a relationship of ``source`` points to."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


class Cleaner:
    """Walks the package from its root relationships, keeping what the allow-list names."""

    def __init__(self, parts: dict[str, bytes], shown: str) -> None:
        self.parts = parts
        self.shown = shown
        self.kept: dict[str, bytes] = {}
        self.dropped_ids: dict[str, set[str]] = {}  # part -> relationship ids removed

    def walk(self, part: str) -> None:
        """Keep ``part`` and, through its kept relationships, every part it needs."""
        if part in self.kept or (part and part not in self.parts):
            return
        if part:
            self.kept[part] = self.parts[part]
        name = rels_name(part) if part else "_rels/.rels"
        if name not in self.parts:
            return
        root = parse(self.parts[name], name, self.shown)
        dropped: set[str] = set()
        follow: list[str] = []
        for rel in list(root):
            kind = rel.get("Type") or ""
            external = (rel.get("TargetMode") or "").lower() == "external"
            target = target_of(part, rel.get("Target") or "")
            if kind not in KEEP or external or target not in self.parts:
                dropped.add(rel.get("Id") or "")
                root.remove(rel)
            elif kind == DOCUMENT_REL or target.endswith(".xml"):
                follow.append(target)
            else:
                self.kept[target] = self.parts[target]  # an image: bytes, never parsed here
        self.dropped_ids[part] = dropped
        self.kept[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
        for target in follow:
            self.walk(target)


def clean_template(template: bytes, shown: str) -> bytes:
    """Return ``template`` with nothing active left in it (see the module's docstring).

    Raises:
        AssessorError: the template cannot be read or made clean (named with its part).
    """
    parts = read_parts(template, shown)
    if "[Content_Types].xml" not in parts or "_rels/.rels" not in parts:
        raise refuse(shown, NOT_WORD)
    cleaner = Cleaner(parts, shown)
    cleaner.walk("")
    main = next((p for p in cleaner.kept if p.endswith("document.xml")
                 and p.startswith("word/")), None)
    if main is None or "word/styles.xml" not in cleaner.kept:
        raise refuse(shown, NOT_WORD)
    for part in list(cleaner.kept):
        if part.endswith(".xml") and part.startswith("word/"):
            cleaner.kept[part] = clean_xml(part, cleaner.kept[part], shown,
                                           cleaner.dropped_ids.get(part, set()),
                                           main=part == main)
    cleaner.kept["[Content_Types].xml"] = content_types(parts["[Content_Types].xml"], shown,
                                                        cleaner.kept, main)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ["[Content_Types].xml", *sorted(n for n in cleaner.kept if n and
                                                    n != "[Content_Types].xml")]:
            target.writestr(name, cleaner.kept[name])
    return out.getvalue()


def content_types(data: bytes, shown: str, kept: dict[str, bytes], main: str) -> bytes:
    """Keep the overrides of kept parts; the main part becomes a plain document."""
    root = parse(data, "[Content_Types].xml", shown)
    for item in list(root):
        name = (item.get("PartName") or "").lstrip("/")
        if etree.QName(item).localname == "Override":
            if name not in kept:
                root.remove(item)
            elif name == main and (item.get("ContentType") or "").endswith(MAIN_TYPES):
                item.set("ContentType", DOCUMENT_TYPE)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def w(tag: str) -> str:
    """Return a WordprocessingML tag's qualified name."""
    return f"{{{W}}}{tag}"


def clean_xml(part: str, data: bytes, shown: str, dropped: set[str], *, main: bool) -> bytes:
    """Remove fields, active elements and references to dropped relationships from a part."""
    root = parse(data, part, shown)
    if main:
        empty_body(root)
    if part == "word/settings.xml":
        for name in SETTINGS_DROPPED:
            for element in root.findall(w(name)):
                root.remove(element)
    if part == "word/styles.xml":
        check_styles(root, shown)
    for simple in list(root.iter(w("fldSimple"))):
        unwrap(simple)
    for run in [r for r in root.iter(w("r"))
                if any(r.find(w(tag)) is not None for tag in FIELD_RUN)]:
        remove(run)
    for tag in ACTIVE:
        for element in list(root.iter(w(tag))):
            remove(element)
    dangling(root, dropped)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def empty_body(root: Any) -> None:
    """Remove the template's body but its final section properties (the report writes its own)."""
    body = root.find(w("body"))
    if body is None:
        return
    for child in list(body):
        if child.tag != w("sectPr"):
            body.remove(child)


def check_styles(root: Any, shown: str) -> None:
    """Drop styles without a name or id; refuse a template without a Normal style.

    Raises:
        AssessorError: no paragraph style named Normal (every Word document has one).
    """
    normal = False
    for style in list(root.iter(w("style"))):
        name = style.find(w("name"))
        value = name.get(w("val")) if name is not None else None
        if not value or not style.get(w("styleId")):
            remove(style)
            continue
        normal = normal or (value.lower() == "normal" and style.get(w("type")) == "paragraph")
    if not normal:
        raise refuse(shown, "word/styles.xml has no paragraph style named Normal (every Word "
                            "document has one): save the template again from Word")


def dangling(root: Any, dropped: set[str]) -> None:
    """Remove what points to a dropped relationship: links keep their text, the rest goes.

    A header or footer reference with no relationship id at all (its namespace damaged) goes too:
    python-docx cannot follow it and would stop the report.
    """
    for reference in [e for e in root.iter(w("headerReference"), w("footerReference"))
                      if f"{{{REL}}}id" not in e.attrib]:
        remove(reference)
    if not dropped:
        return
    found = [e for e in root.iter() if any(
        k.startswith(f"{{{REL}}}") and v in dropped for k, v in e.attrib.items())]
    for element in found:
        if not any(a is root for a in element.iterancestors()):
            continue  # already removed with an ancestor
        if element.tag == w("hyperlink"):
            unwrap(element)
        elif element.tag in (w("headerReference"), w("footerReference")):
            remove(element)
        else:
            run = next((a for a in element.iterancestors(w("r"))), None)
            remove(run if run is not None else element)


def unwrap(element: Any) -> None:
    """Replace ``element`` by its children (a field's result or a link's text stays)."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(c for c in list(element) if c.tag != w("rPr")):
        parent.insert(index + offset, child)
    parent.remove(element)


def remove(element: Any) -> None:
    """Remove ``element`` from its parent (nothing if already detached)."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)
