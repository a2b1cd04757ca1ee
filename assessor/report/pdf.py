"""PDF: the only importer of WeasyPrint, with a fetcher confined to the templates folder."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from assessor.errors import AssessorError
from assessor.resources import templates_dir
from assessor.system import CJK_FONT, HARFBUZZ_SUBSET, PANGO, hint

LOGGER = logging.getLogger("assessor")
CODE_POINT = re.compile(r"\(U\+([0-9A-Fa-f]{4,6})\)")
CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
              (0x20000, 0x2FA1F), (0xAC00, 0xD7AF))


def confined_fetcher(root: Path) -> Any:
    """Return a URL fetcher that serves ``data:`` URIs and files under ``root``, nothing else."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    base = root.resolve()

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        """Refuse every URL but data: and files below the templates folder."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlparse(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlparse(url).path)).resolve()
                if path.is_relative_to(base) and path.is_file():
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"refused to fetch {url}: the report may only use "
                                        "files of its template folder")

    return ConfinedFetcher(allowed_protocols=("file", "data"), allow_redirects=False,
                           fail_on_errors=True)


class GlyphWatch(logging.Handler):
    """Collect the characters WeasyPrint reports it could draw with no font (".notdef")."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Note the code point of each character drawn as an empty box."""
        message = record.getMessage()
        if "notdef" in message:
            found = CODE_POINT.search(message)
            self.missing.append(chr(int(found.group(1), 16)) if found else "?")

    def cjk(self) -> list[str]:
        """Return the missing characters that are Chinese, Japanese or Korean."""
        return [ch for ch in self.missing if is_cjk(ch)]


def is_cjk(char: str) -> bool:
    """Return whether ``char`` is a CJK ideograph, symbol or full-width form."""
    point = ord(char)
    return any(low <= point <= high for low, high in CJK_RANGES)


def cjk_font_hint() -> str:
    """Say what to install when no font has Chinese glyphs, in this platform's words."""
    return ("no installed font has Chinese glyphs, so Chinese text would print as empty boxes: "
            f"{hint(CJK_FONT)}, then run again")


def import_weasyprint() -> Any:
    """Import WeasyPrint, or say which system library is missing and what still works.

    WeasyPrint prints a banner of its own on standard output when Pango cannot be loaded; it is
    swallowed so the one message the user reads is ours.

    Raises:
        AssessorError: Pango (or another library WeasyPrint loads) is missing.
    """
    banner = io.StringIO()
    try:
        with contextlib.redirect_stdout(banner), contextlib.redirect_stderr(banner):
            import weasyprint
    except (OSError, ImportError) as exc:
        raise AssessorError(
            f"PDF reports need the Pango library, which is not installed ({exc}): "
            f"{hint(PANGO)}; --format html, json and xlsx work without it") from None
    return weasyprint


def reproducible_subsetting() -> contextlib.AbstractContextManager[None]:
    """Keep the PDF's bytes stable when fonts are subset with fontTools.

    Without HarfBuzz's subsetter (libharfbuzz-subset0), WeasyPrint subsets with fontTools, which
    stamps each subset font's ``head.modified`` with the current time unless ``SOURCE_DATE_EPOCH``
    is set. A fixed epoch is set for the render, and one note says why it is slower.
    """
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0):
        return contextlib.nullcontext()
    LOGGER.warning("note: HarfBuzz's font subsetter is missing, so fonts are subset with "
                   "fontTools, which is slower (%s)", hint(HARFBUZZ_SUBSET))
    return fixed_epoch()


@contextlib.contextmanager
def fixed_epoch() -> Iterator[None]:
    """Set ``SOURCE_DATE_EPOCH`` (unless the user set one) for the duration of a render."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def render_pdf(html: str, lang: str) -> bytes:  # noqa: ARG001 - the glyph check is the same in both
    """Lay out ``html`` and return the PDF bytes.

    The bytes depend only on ``html``: WeasyPrint takes the PDF dates from the
    ``dcterms.created``/``modified`` meta elements, writes no file identifier by default and
    names font subsets after a hash of the font, so the same input gives the same file.

    Raises:
        AssessorError: a resource outside the template folder was asked for, or Chinese text
            would print as empty boxes because no installed font has its glyphs (any other
            character no font has is named in a note, and the report is written).
    """
    weasyprint = import_weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    logger = logging.getLogger("weasyprint")
    watch = GlyphWatch()
    logger.addHandler(watch)
    root = templates_dir()
    try:
        document = weasyprint.HTML(string=html, base_url=str(root) + "/",
                                   url_fetcher=confined_fetcher(root))
        with reproducible_subsetting():
            pdf = document.write_pdf(uncompressed_pdf=False)
    except FatalURLFetchingError as exc:
        raise AssessorError(str(exc)) from None
    finally:
        logger.removeHandler(watch)
    if watch.cjk():
        raise AssessorError(cjk_font_hint())
    if watch.missing:  # an emoji, a Tibetan letter in a note: boxes, but the report stands
        shown = sorted(set(watch.missing))
        LOGGER.warning("note: no installed font draws %d character%s of the report (%s%s), "
                       "which print%s as empty boxes", len(shown), "s" if len(shown) > 1 else "",
                       ", ".join(f"U+{ord(ch):04X}" for ch in shown[:5]),
                       ", ..." if len(shown) > 5 else "", "" if len(shown) > 1 else "s")
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf returns bytes without target
        raise AssessorError("the PDF could not be produced")
    return pdf
