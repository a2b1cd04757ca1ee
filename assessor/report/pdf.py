"""PDF: the only importer of WeasyPrint, with a fetcher confined to the templates folder."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from assessor.errors import AssessorError
from assessor.resources import templates_dir

CJK_FONT_HINT = ("no font with Chinese glyphs was found: install one (Debian/Ubuntu: "
                 "apt-get install fonts-wqy-microhei; macOS and Windows ship one)")


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
    """Count WeasyPrint's warnings about characters no font could draw."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "notdef" in message or "No glyph" in message or "glyph" in message.lower():
            self.missing += 1


def render_pdf(html: str, lang: str) -> bytes:
    """Lay out ``html`` and return the PDF bytes.

    Raises:
        AssessorError: a resource outside the template folder was asked for, or Chinese text
            would print as empty boxes.
    """
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    logger = logging.getLogger("weasyprint")
    watch = GlyphWatch()
    logger.addHandler(watch)
    root = templates_dir()
    try:
        document = weasyprint.HTML(string=html, base_url=str(root) + "/",
                                   url_fetcher=confined_fetcher(root))
        pdf = document.write_pdf(uncompressed_pdf=False)
    except FatalURLFetchingError as exc:
        raise AssessorError(str(exc)) from None
    finally:
        logger.removeHandler(watch)
    if watch.missing and lang == "zh":
        raise AssessorError(CJK_FONT_HINT)
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf returns bytes without target
        raise AssessorError("the PDF could not be produced")
    return pdf
