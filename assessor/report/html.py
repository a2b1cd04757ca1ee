"""HTML: the report templates rendered with Jinja2, autoescaped, loaded only from report_templates/."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from assessor.files import load_data
from assessor.resources import templates_dir

STRINGS_FILE = "strings.yaml"


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
    env.filters["pct"] = percent
    env.filters["num"] = number
    return env


@lru_cache(maxsize=2)
def strings(lang: str) -> dict[str, str]:
    """Return the fixed text of the templates in ``lang`` (strings.yaml holds both languages)."""
    raw = load_data(templates_dir() / STRINGS_FILE)
    return {key: str(value.get(lang) or value.get("en")) for key, value in raw.items()}


def percent(value: float | None) -> str:
    """Format a 0-100 score, or a dash when nothing was scored."""
    return "—" if value is None else f"{value:.0f}"


def number(value: float | None) -> str:
    """Format a number with thousands separators."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def render_html(context: dict[str, Any], template: str = "report.html") -> str:
    """Render the report to one HTML string."""
    env = environment()
    return env.get_template(template).render(r=context, t=strings(context["lang"]))
