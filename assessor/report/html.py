"""HTML: the report templates rendered with Jinja2, autoescaped, loaded only from report_templates/.

The environment, the fixed text of each language and the stylesheet are read once per process
(``lru_cache``): a batch run renders many reports, and none of that work depends on the report.
The stylesheet is inlined and the charts are inline SVG, so the HTML is one self-contained file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

from assessor.files import load_data, printable
from assessor.report.brand import Brand, labelled
from assessor.report.charts import bar_chart, radar_chart
from assessor.resources import templates_dir

STRINGS_FILE = "strings.yaml"
STYLESHEET = "report.css"
RUN = 40  # characters between the break points of a long run
LONG_RUN = re.compile(rf"[^\s\u200b]{{{RUN + 1},}}")
BREAK = "\u200b"  # marks a break point until the text is escaped, then becomes <wbr>
LONG_TEXT = 1_500  # characters of note, evidence and finding: a row this long may break a page
# A penalty article may sit behind dozens of gaps: its legal-exposure row names this many articles
# breached and this many gap ranks (the most severe), counts the rest and points to the register.
EXPOSURE_CITES = 6
EXPOSURE_RANKS = 5
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


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
    env.filters["pct"] = percent
    env.filters["num"] = number
    env.filters["fill"] = fill
    env.filters["grouped"] = grouped
    env.filters["longdate"] = long_date
    env.filters["wbr"] = breakable
    return env


@lru_cache(maxsize=2)
def strings(lang: str) -> dict[str, str]:
    """Return the fixed text of the templates in ``lang`` (strings.yaml holds both languages)."""
    raw = load_data(templates_dir() / STRINGS_FILE)
    return {key: str(value.get(lang) or value.get("en")) for key, value in raw.items()}


@lru_cache(maxsize=1)
def stylesheet() -> Markup:
    """Return the report's CSS, static and trusted, to inline in a ``<style>`` element."""
    css = (templates_dir() / STYLESHEET).read_text(encoding="utf-8")
    return Markup(css.replace("</", "<\\/"))  # noqa: S704 - our own file, never user data


def percent(value: float | None) -> str:
    """Format a 0-100 score, or a dash when nothing was scored."""
    return "—" if value is None else f"{value:.0f}"


def number(value: float | None) -> str:
    """Format a number with thousands separators."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def long_date(value: str | None, lang: str) -> str:
    """Write an ISO date as a reader of ``lang`` expects: 20 November 2026, 2026年11月20日."""
    if not value:
        return "—"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


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
    if not isinstance(value, str) or isinstance(value, Markup | Whole) or not LONG_RUN.search(
            value):
        return value
    marked = LONG_RUN.sub(lambda m: BREAK.join(m.group()[i:i + RUN]
                                               for i in range(0, len(m.group()), RUN)), value)
    return Markup(str(escape(marked)).replace(BREAK, "<wbr>"))  # noqa: S704 - escaped


def fill(template: str, **values: Any) -> str:
    """Fill the ``{name}`` fields of a fixed text; the values are escaped when printed."""
    return template.format(**values)


def grouped(items: Iterable[dict[str, Any]], key: str) -> list[tuple[Any, list[dict[str, Any]]]]:
    """Group items by ``key`` in order of first appearance (Jinja's groupby sorts instead)."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(item[key], []).append(item)
    return list(groups.items())


def charts(context: dict[str, Any], brand: Brand, text: dict[str, str]) -> dict[str, Markup]:
    """Draw the summary's charts: a bar per applicable instrument, a radar of the principles."""
    rows = [{"label": i["short"], "score": i["score"], "binding": i["binding"],
             "detail": fill(text["answered_of"], answered=i["answered"],
                            applicable=i["applicable"])}
            for i in context["instruments"] if i["applies"]]
    points = [{"id": str(p["id"]), "score": p["score"]} for p in context["principles"]]
    return {
        "bars": bar_chart(rows, brand.accent, brand.accent_mid, text["chart_note"]),
        "radar": radar_chart(points, brand.accent, brand.accent_mid) if points else Markup(),
    }


def render_html(context: dict[str, Any], template: str = "report.html",
                brand: Brand | None = None) -> str:
    """Render the report to one self-contained HTML string."""
    lang = context["lang"]
    chosen = (brand or Brand()).in_lang(lang)
    text = strings(lang)
    return printable(environment().get_template(template).render(
        r=context, t=text, b=chosen, css=stylesheet(), charts=charts(context, chosen, text),
        labelled=bool(chosen.confidential and labelled(chosen.confidential)),
        date=long_date(context["assessment"]["date"], lang),
        firm=chosen.firm or context["assessment"]["firm"], long_text=LONG_TEXT,
        exposure_cites=EXPOSURE_CITES, exposure_ranks=EXPOSURE_RANKS))
