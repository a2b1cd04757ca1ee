"""HTML: the report templates rendered with Jinja2, autoescaped, loaded only from report_templates/.

The environment, the fixed text of each language and the stylesheet are read once per process
(``lru_cache``): a batch run renders many reports, and none of that work depends on the report.
The stylesheet is inlined and the charts are inline SVG, so the HTML is one self-contained file.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

import jinja2
from markupsafe import Markup, escape

from assessor.files import printable
from assessor.report import words
from assessor.report.brand import Brand, labelled
from assessor.report.charts import bar_chart, radar_chart
from assessor.report.view import Report
from assessor.resources import templates_dir

# The report's sentences, as the templates call them (``w.status_line(r)``): see words.py.
WORDS = SimpleNamespace(status_line=words.status_line, signer=words.signer,
                        severity_moved=words.severity_moved,
                        needs_verifying=words.needs_verifying, cites=words.cites,
                        seal_line=words.seal_line, rating_capped=words.rating_capped,
                        summary_lead=words.summary_lead, marking=words.marking,
                        kept_line=words.kept_line,
                        rating_caps=words.rating_caps, exposure_row=words.exposure_row,
                        tracked=words.tracked, top_gaps=words.top_gaps,
                        strong_sections=words.strong_sections,
                        gaps_by_law=words.gaps_by_law, severity_counts=words.severity_counts,
                        source_dates=words.source_dates, fieldwork=words.fieldwork,
                        parts=words.PARTS)
STYLESHEET = "report.css"
RUN = 40  # characters between the break points of a long run
LONG_RUN = re.compile(rf"[^\s\u200b]{{{RUN + 1},}}")
BREAK = "\u200b"  # marks a break point until the text is escaped, then becomes <wbr>
LONG_TEXT = 1_500  # characters of note, evidence and finding: a row this long may break a page


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Return the one Jinja2 environment: autoescape on for every template, strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.finalize = breakable_text
    env.filters["whole"] = whole
    env.filters["running"] = running
    env.filters["pct"] = words.percent
    env.filters["num"] = number
    env.filters["fill"] = words.fill
    env.filters["grouped"] = words.grouped
    env.filters["longdate"] = words.long_date
    env.filters["wbr"] = breakable
    return env


@lru_cache(maxsize=1)
def stylesheet() -> Markup:
    """Return the report's CSS, static and trusted, to inline in a ``<style>`` element."""
    css = (templates_dir() / STYLESHEET).read_text(encoding="utf-8")
    return Markup(css.replace("</", "<\\/"))  # noqa: S704 - our own file, never user data


def number(value: float | None) -> str:
    """Format a number with thousands separators."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def breakable(identifier: str) -> Markup:
    """Escape a control id and let it break after each dot, so long ids wrap cleanly."""
    return Markup(str(escape(identifier)).replace(".", ".<wbr>"))  # noqa: S704 - escaped


class Whole(str):
    """Text printed as it is, without break points: a title, an attribute, a data URL."""

    __slots__ = ()


def whole(value: Any) -> Whole:
    """Mark a value to be printed without break points (the ``whole`` filter)."""
    return Whole("" if value is None else value)


def running(value: Any, limit: int) -> str:
    """Cut text for a running header or footer, which holds only a few lines, marking the cut."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def breakable_text(value: Any) -> Any:
    """Let a long run without spaces (a digest, a pasted token) break every few characters.

    The stylesheet's ``overflow-wrap: anywhere`` would break it too, but WeasyPrint tries each
    character of such a run in turn, which takes minutes for a 100,000-character note; a
    ``<wbr>`` every :data:`RUN` characters gives it the places at once.
    """
    if not isinstance(value, str) or len(value) <= RUN or isinstance(value, Markup | Whole) \
            or not LONG_RUN.search(value):  # most texts are too short to hold such a run
        return value
    marked = LONG_RUN.sub(lambda m: BREAK.join(m.group()[i:i + RUN]
                                               for i in range(0, len(m.group()), RUN)), value)
    return Markup(str(escape(marked)).replace(BREAK, "<wbr>"))  # noqa: S704 - escaped


def charts(context: Report, brand: Brand, text: dict[str, str]) -> dict[str, Markup]:
    """Draw the summary's charts: a bar per applicable instrument, a radar of the principles."""
    points = words.chart_points(context)
    return {
        "bars": bar_chart(words.chart_bars(context), brand.accent, brand.accent_mid,
                          text["chart_note"]),
        "radar": radar_chart(points, brand.accent, brand.accent_mid) if points else Markup(),
    }


def render_html(context: Report, template: str = "report.html",
                brand: Brand | None = None) -> str:
    """Render the report to one self-contained HTML string."""
    lang = context["lang"]
    chosen = (brand or Brand()).in_lang(lang)
    text = words.strings(lang)
    return printable(environment().get_template(template).render(
        r=context, t=text, w=WORDS, b=chosen, css=stylesheet(),
        charts=charts(context, chosen, text),
        labelled=bool(chosen.confidential and labelled(chosen.confidential)),
        date=words.long_date(context["assessment"]["date"], lang),
        firm=chosen.firm or context["assessment"]["firm"], long_text=LONG_TEXT))
