"""Branding: the firm's name, logo, accent colour and confidentiality text, from YAML or options.

A firm brands its reports without touching code: a small YAML file (``--brand FILE``) and/or the
options ``--firm``, ``--logo``, ``--accent`` and ``--confidential``, which win over the file. Every
value is checked here, before it reaches a template: the accent must be ``#RRGGBB`` (it is written
into a ``<style>`` block, where autoescaping cannot help), and the logo must be a PNG, JPEG or SVG
file lying in the current folder tree or beside the brand file (a report must not become a way to
read other files). The logo travels as a ``data:`` URI, so the HTML report stays one file and the
PDF renderer needs no file access for it.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from assessor.banks.reader import Reader
from assessor.bilingual import LANGS, Lang
from assessor.errors import AssessorError, InvalidFile, display_path
from assessor.files import load_data
from assessor.loader import LineDict
from assessor.model.said import Said, in_lang

DEFAULT_ACCENT = "#0b3d62"
ACCENT = re.compile(r"#[0-9a-fA-F]{6}")
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_TEXT = 200
BRAND_KEYS = frozenset({"firm", "logo", "accent", "confidential", "docx_template", "font",
                        "hide_score"})
BILINGUAL_KEYS = frozenset({"firm", "confidential", "font"})  # a string, or {en, zh}
# A font family name as fontconfig lists it: letters (any script), digits, spaces and - _ . + &;
# nothing that could end a CSS string or an XML attribute it is written into.
FONT_NAME = re.compile(r"[^\W_][\w .+&-]{0,79}")
# The report's own faces (report.css), kept after a brand's font for the characters it lacks.
DEFAULT_FONTS = ('"DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", '
                 '"PingFang SC", "Microsoft YaHei", sans-serif')
# What the cover prints before the confidentiality text; a text that starts with it is not
# labelled twice ("Confidential: Confidential: prepared for ...").
LABELS = ("confidential", "strictly confidential", "机密", "保密", "秘密")
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
IMAGE_TYPES = (  # (magic bytes, MIME type); SVG is recognised by its root element instead
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


@dataclass(frozen=True, slots=True)
class Brand:
    """What a firm changes on its reports; every field already validated."""

    firm: str | None = None
    logo: str | None = None
    accent: str = DEFAULT_ACCENT
    confidential: str | None = None
    docx_template: bytes | None = None  # a firm's Word template (.docx/.dotx): its styles win
    hide_score: bool = False  # the numeric score left out (ratings, coverage and gaps stay)
    font_en: str | None = None  # the family for Latin text, installed (fc-list)
    font_zh: str | None = None  # the family for Chinese text, installed (fc-list)

    @property
    def font_stack(self) -> str | None:
        """Return the CSS font-family list with the brand's fonts first, or None for ours.

        Latin text takes the en family and Chinese the zh family in both languages' reports, as
        in the DOCX (w:ascii and w:eastAsia): a Latin family has no Chinese glyphs, so those fall
        through to the next family named.
        """
        chosen = list(dict.fromkeys(f for f in (self.font_en, self.font_zh) if f))
        if not chosen:
            return None
        return ", ".join(f'"{family}"' for family in chosen) + ", " + DEFAULT_FONTS

    def in_lang(self, lang: Lang) -> Brand:
        """Return the brand with the firm and confidentiality text in ``lang`` where given."""
        return replace(self, firm=in_lang(self.firm, lang),
                       confidential=in_lang(self.confidential, lang))

    @property
    def accent_soft(self) -> str:
        """Return a pale tint of the accent for table headers and panels (90 % towards white)."""
        return tint(self.accent, 0.9)

    @property
    def accent_mid(self) -> str:
        """Return a medium tint of the accent for secondary chart elements."""
        return tint(self.accent, 0.55)


def tint(colour: str, amount: float) -> str:
    """Mix a ``#RRGGBB`` colour with white; ``amount`` 0 keeps it, 1 gives white."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def check_accent(value: str, where: str) -> str:
    """Return the accent in lower case, or raise when it is not exactly ``#RRGGBB``.

    Raises:
        AssessorError: the value is anything but ``#`` and six hexadecimal digits.
    """
    if not ACCENT.fullmatch(value.strip()):
        raise AssessorError(f"{where}: accent colour '{value}' must be written #RRGGBB "
                            f"(e.g. {DEFAULT_ACCENT})")
    return value.strip().lower()


def check_text(value: str, what: str, where: str) -> str:
    """Return a one-line text of reasonable length (each version of an {en, zh} text), or raise.

    Raises:
        AssessorError: the text is empty, too long or spans several lines.
    """
    versions = [value.en, value.zh] if isinstance(value, Said) else [value]
    for version in (v for v in versions if v is not None):
        text = version.strip()
        if not text or len(text) > MAX_TEXT or "\n" in text:
            raise AssessorError(f"{where}: {what} must be one line of 1 to {MAX_TEXT} "
                                "characters")
    if isinstance(value, Said):
        return Said(value.en.strip() if value.en else None, value.zh.strip() if value.zh else None)
    return value.strip()


def labelled(text: str) -> bool:
    """Return whether a confidentiality text starts with the word the cover labels it with."""
    head = text.strip().lower()
    return any(head.startswith(label) for label in LABELS)


def allowed_folders(brand_file: Path | None) -> list[Path]:
    """Return where a logo may come from: the current folder tree and the brand file's folder."""
    folders = [Path.cwd().resolve()]
    if brand_file is not None:
        folders.append(brand_file.resolve().parent)
    return folders


def logo_uri(path: Path, brand_file: Path | None) -> str:
    """Read a logo and return it as a ``data:`` URI.

    Raises:
        AssessorError: the file lies outside the allowed folders, is missing, too large, or is
            not a PNG, JPEG or SVG image.
    """
    shown = display_path(path)
    real = path.resolve()
    if not any(real.is_relative_to(folder) for folder in allowed_folders(brand_file)):
        places = "the current folder (or below it)"
        if brand_file is not None:
            places += f" or the folder of {display_path(brand_file)}"
        raise AssessorError(f"logo {shown}: refused: a logo must lie in {places}; copy it there")
    if not real.is_file():
        raise AssessorError(f"logo {shown}: no such file")
    if real.stat().st_size > MAX_LOGO_BYTES:
        raise AssessorError(f"logo {shown}: larger than {MAX_LOGO_BYTES // (1024 * 1024)} MB")
    data = real.read_bytes()
    mime = next((m for magic, m in IMAGE_TYPES if data.startswith(magic)), None)
    if mime is None and b"<svg" in data[:4096]:
        mime = "image/svg+xml"
    if mime is None:
        raise AssessorError(f"logo {shown}: not a PNG, JPEG or SVG image")
    problem = svg_problem(data) if mime == "image/svg+xml" else image_problem(data)
    if problem:
        kind = mime.split("/")[1].split("+")[0].upper()
        raise AssessorError(f"logo {shown}: not a readable {kind} image ({problem})")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def image_problem(data: bytes) -> str | None:
    """Decode a PNG or JPEG with Pillow; return why it cannot be shown, or None.

    The signature alone proves nothing: the PNG signature followed by text passes a magic check and
    leaves the report without its logo and without a word.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # the structure and checksums
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # the pixels: verify does not decode them
    except UnidentifiedImageError:
        return "its content does not decode as an image"
    except (OSError, SyntaxError, ValueError) as exc:
        return str(exc).split("\n")[0][:80] or type(exc).__name__
    except Image.DecompressionBombError:
        return "the picture is too large"
    return None


def svg_problem(data: bytes) -> str | None:
    """Parse an SVG logo; return why it is not one, or None.

    An HTML page that mentions ``<svg`` is not a logo. Document types and entities are refused
    before parsing: they are how an XML file reads other files or grows without bound.
    """
    import xml.etree.ElementTree as ElementTree  # noqa: N813

    head = data[:65536].lower()
    if b"<!doctype" in head or b"<!entity" in head:
        return "a document type or entity declaration is not allowed"
    try:
        root = ElementTree.fromstring(data)  # noqa: S314 - no DTD or entity can be in it
    except ElementTree.ParseError as exc:
        return f"malformed XML: {exc}"
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        return f"the document is <{root.tag.rsplit('}', 1)[-1]}>, not <svg>"
    return None


def read_brand_file(path: Path) -> dict[str, Any]:
    """Read a branding YAML file into plain values; every problem is reported at once.

    Raises:
        InvalidFile: the file is not a mapping of the known keys with text values.
    """
    shown = display_path(path)
    if not path.is_file():
        raise AssessorError(f"--brand {shown}: no such file")
    raw = load_data(path)
    reader = Reader(shown)
    top = reader.mapping(raw, "a branding file")
    values: dict[str, Any] = {}
    if isinstance(top, LineDict):
        reader.unknown_keys(top, BRAND_KEYS, "the branding file (known: accent, confidential, "
                                             "docx_template, firm, font, hide_score, logo)")
        for key in sorted(BRAND_KEYS & set(top)):
            if key == "hide_score":
                values[key] = reader.flag(top, key)
                continue
            if key == "accent" and top[key] is None:
                reader.add("accent is empty: quote the colour, e.g. accent: \"#0b3d62\" (YAML "
                           "reads an unquoted # as the start of a comment)", top.line_of(key))
                continue
            if key in BILINGUAL_KEYS and isinstance(top[key], LineDict):
                values[key] = bilingual(top[key], key, reader)
                continue
            value = reader.string(top, key, required=False)
            if value is not None:
                values[key] = value
        if "font" in values:
            check_fonts(values["font"], top.line_of("font"), reader)
    if reader.problems:
        raise InvalidFile(reader.problems)
    return values


def check_fonts(font: str, line: int | None, reader: Reader) -> None:
    """Report a font family that is malformed or not installed (fontconfig's fc-list decides).

    WeasyPrint finds fonts through fontconfig and silently falls back to another face when a
    family is missing: a report in the wrong typeface is worse than a clear refusal.
    """
    names = [f for f in (font.en, font.zh) if f] if isinstance(font, Said) else [font]
    for name in names:
        if not FONT_NAME.fullmatch(name):
            reader.add(f"font '{name}' is not a font family name (letters, digits, spaces and "
                       "- _ . + & only)", line)
            continue
        installed = installed_families()
        if installed is None:
            reader.add("font: fc-list (fontconfig) is not installed, so the font cannot be "
                       "checked: install fontconfig", line)
            return
        if name.casefold() not in installed:
            reader.add(f"font '{name}' is not installed (fc-list lists no such family): install "
                       "it, or name an installed one (fc-list : family)", line)


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Return every font family name fontconfig knows (casefolded), or None without fc-list."""
    import shutil
    import subprocess

    program = shutil.which("fc-list")
    if program is None:
        return None
    listed = subprocess.run([program, "--format", "%{family}\n"],  # noqa: S603 - fc-list, no shell
                            capture_output=True,
                            text=True, check=False, timeout=60).stdout
    return frozenset(name.strip().casefold() for line in listed.splitlines()
                     for name in line.split(",") if name.strip())


def bilingual(raw: LineDict, key: str, reader: Reader) -> Said:
    """Read ``{en, zh}``: the text each language's report prints."""
    reader.unknown_keys(raw, frozenset(LANGS), f"'{key}' (use en and zh)")
    parts = {lang: reader.string(raw, lang, required=False) for lang in LANGS}
    if not any(parts.values()):
        reader.add(f"'{key}' gives neither en nor zh", raw.line)
    return Said(parts["en"], parts["zh"])


def load_brand(brand_file: Path | None = None, *, firm: str | None = None,
               logo: Path | None = None, accent: str | None = None,
               confidential: str | None = None, docx_template: Path | None = None) -> Brand:
    """Merge the branding file and the command-line options (options win) into a checked Brand.

    A logo named in the brand file is found relative to that file; one given as an option,
    relative to the current folder.

    Raises:
        AssessorError: a value is malformed, or the logo is refused (see :func:`logo_uri`).
    """
    from_file = read_brand_file(brand_file) if brand_file is not None else {}
    where_file = f"--brand {display_path(brand_file)}" if brand_file is not None else ""
    logo_path: Path | None = logo
    if logo_path is None and "logo" in from_file and brand_file is not None:
        logo_path = brand_file.parent / from_file["logo"]
    chosen_accent = DEFAULT_ACCENT
    if accent is not None:
        chosen_accent = check_accent(accent, "--accent")
    elif "accent" in from_file:
        chosen_accent = check_accent(from_file["accent"], where_file)
    chosen_firm = firm if firm is not None else from_file.get("firm")
    chosen_conf = confidential if confidential is not None else from_file.get("confidential")
    template_path: Path | None = docx_template
    if template_path is None and "docx_template" in from_file and brand_file is not None:
        template_path = brand_file.parent / from_file["docx_template"]
    return Brand(
        firm=check_text(chosen_firm, "the firm name",
                        "--firm" if firm is not None else where_file) if chosen_firm else None,
        logo=logo_uri(logo_path, brand_file) if logo_path is not None else None,
        accent=chosen_accent,
        confidential=check_text(chosen_conf, "the confidentiality text",
                                "--confidential" if confidential is not None else where_file)
        if chosen_conf else None,
        docx_template=template_bytes(template_path, brand_file) if template_path else None,
        **font_families(from_file.get("font")),
        hide_score=bool(from_file.get("hide_score", False)),
    )


def font_families(font: str | None) -> dict[str, str | None]:
    """Return the Latin and Chinese families of a checked ``font`` (one name sets both)."""
    if font is None:
        return {}
    if isinstance(font, Said):
        return {"font_en": font.en, "font_zh": font.zh}
    return {"font_en": font, "font_zh": font}


def template_bytes(path: Path, brand_file: Path | None) -> bytes:
    """Read a firm's Word template: a .docx or .dotx in the allowed folders, within limits.

    Its styles, headers and other parts go into every DOCX report, so like a logo it must lie
    in the current folder tree or beside the brand file.

    It is cleaned of everything active (:mod:`assessor.report.wordclean`) before any use.

    Raises:
        AssessorError: the file lies elsewhere, is missing, too large, not a Word document, or
            malformed.
    """
    shown = display_path(path)
    real = path.resolve()
    if not any(real.is_relative_to(folder) for folder in allowed_folders(brand_file)):
        raise AssessorError(f"docx template {shown}: refused: a template must lie in the "
                            "current folder (or below it) or beside the brand file; copy it there")
    if not real.is_file():
        raise AssessorError(f"docx template {shown}: no such file")
    if real.stat().st_size > MAX_TEMPLATE_BYTES:
        raise AssessorError(f"docx template {shown}: larger than "
                            f"{MAX_TEMPLATE_BYTES // (1024 * 1024)} MB")
    from assessor.report.wordclean import clean_template

    return clean_template(real.read_bytes(), shown)
