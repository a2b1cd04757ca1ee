"""Rendering one answers file to the requested format and writing it atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assessor.banks.scope import engaged
from assessor.errors import AssessorError, display_path
from assessor.model.catalog import Catalog
from assessor.model.record import Answers
from assessor.model.result import Result
from assessor.report import formats
from assessor.report.brand import Brand
from assessor.report.context import build_context
from assessor.scoring import score
from assessor.targets import atomic_write, check_target


def output_format(out: Path | None, fmt: str | None, among: tuple[str, ...] | None = None,
                  what: str = "a report") -> str:
    """Decide the format: given, else from the output's suffix, else PDF (a name without one).

    ``among`` limits the formats (a comparison is written in fewer); a folder implies none.

    Raises:
        AssessorError: the name's suffix is not one of the formats (``-o client.yaml`` would
            otherwise write PDF bytes into it).
    """
    if fmt:
        return fmt
    allowed = among or formats.names()
    suffix = out.suffix if out is not None else ""
    found = formats.by_suffix(suffix, allowed) if suffix else None
    if found is not None:
        return found.name
    if suffix and out is not None and not out.is_dir():
        raise AssessorError(f"-o {display_path(out)}: {what} is written as "
                            f"{', '.join(allowed)}; name the file so, or give --format")
    return "pdf"


def render_bytes(catalog: Catalog, answers: Answers, fmt: str, lang: str,
                 brand: Brand | None = None, result: Result | None = None, *,
                 internal: bool = False) -> bytes:
    """Score (unless ``result`` is given) and render ``answers`` to the bytes of one report.

    JSON is the view model itself and carries no branding; the other formats show the brand.
    ``internal`` adds the firm's appendix (quality checks, internal notes): never the client's.
    """
    catalog = engaged(catalog, answers.assessment.scope)
    if result is None:
        result = score(catalog, answers.answers)
    return formats.render(fmt, build_context(catalog, answers, result, lang,
                                             internal=internal), brand)


def render_file(catalog: Catalog, answers: Answers, source: Path, out: Path | None,
                fmt: str | None, lang: str | None, brand: Brand | None = None,
                result: Result | None = None, *, force: bool = False,
                internal: bool = False) -> Path:
    """Render ``answers`` (read from ``source``) to ``out`` and return the path written.

    Raises:
        AssessorError: ``out`` is the answers file, an answers file or a file of another kind
            (unless ``force``), not a regular file, or has a suffix no report has.
    """
    chosen = output_format(out, fmt)
    default = source.with_suffix(formats.FORMATS[chosen].suffix)
    target = resolve_target(out, default, chosen, (source,), force=force)
    atomic_write(target, render_bytes(catalog, answers, chosen, lang or answers.assessment.lang,
                                      brand, result, internal=internal))
    return target


def resolve_target(out: Path | None, default: Path, fmt: str, sources: Sequence[Path], *,
                   force: bool = False, what: str = "the report") -> Path:
    """Return where a report goes: OUT, a file named as ``default`` in folder OUT, or ``default``.

    The one place ``run`` and ``diff`` decide it, so both refuse the same things.

    Raises:
        AssessorError: it would overwrite one of the answers files ``sources``, or a file
            ``check_target`` refuses (an answers file, another kind, not a regular file).
    """
    target = out if out is not None else default
    if target.is_dir():
        target = target / default.name
    for source in sources:
        if same_file(target, source):
            raise AssessorError(f"refusing to overwrite the answers file {display_path(source)} "
                                f"with {what}")
    check_target(target, formats.FORMATS[fmt].kind, force=force)
    return target


def same_file(one: Path, other: Path) -> bool:
    """Return whether two paths name one existing file (a symlink or another spelling too)."""
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:
        return False


def stream_format(fmt: str | None) -> str:
    """Return the format ``-o -`` writes to standard output: json unless another is asked.

    Raises:
        AssessorError: a binary format (PDF, XLSX, DOCX) was asked for standard output.
    """
    chosen = fmt or "json"
    if chosen not in formats.streamed():
        offered = sorted(formats.streamed(), key=lambda name: name != "json")  # the default first
        raise AssessorError(f"-o - writes {' or '.join(offered)} to standard output; "
                            f"{chosen} is binary: give a file name")
    return chosen
