"""The catalog: find, load and validate questionnaires, instruments and scales into models."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from assessor.banks import conditions, memo
from assessor.banks.bankfile import read_questionnaire
from assessor.banks.facts import share
from assessor.banks.reader import Reader
from assessor.banks.sources import ID_PART, Sources, read_file, read_options
from assessor.errors import InvalidFile, Problem, display_path
from assessor.loader import LineDict
from assessor.model.catalog import (
    Article,
    Catalog,
    Instrument,
    Principle,
    Question,
    Questionnaire,
    Severity,
    Workstream,
)
from assessor.model.result import FLOORS
from assessor.resources import questionnaires_dir

INSTRUMENTS_FILE = "instruments.yaml"
SCALES_FILE = "scales.yaml"
BANDS = tuple(str(band) for band in FLOORS)  # best first


def load_catalog(extra_dirs: Sequence[Path] = (), *, strict: bool = False,
                 builtin: bool = True) -> Catalog:
    """Load the built-in questionnaires plus those in ``extra_dirs`` (same id replaces).

    Raises:
        InvalidFile: any file is broken (with ``strict``, also untranslated text and wording).
    """
    catalog, problems = build([questionnaires_dir()] * builtin + list(extra_dirs))
    fatal = [p for p, is_strict in problems if strict or not is_strict]
    if fatal:
        raise InvalidFile(fatal)
    return catalog


def lint(paths: Sequence[Path] = (), *, builtin: bool = True) -> list[Problem]:
    """Return every problem in the built-in banks and in ``paths`` (files or folders)."""
    dirs = [p for p in paths if p.is_dir()]
    files = [p for p in paths if not p.is_dir()]
    missing = [Problem(display_path(p), "no such file or folder") for p in files if not p.exists()]
    _, problems = build([questionnaires_dir()] * builtin + dirs, [f for f in files if f.exists()])
    return missing + [p for p, _ in problems]


def build(dirs: Sequence[Path], files: Iterable[Path] = ()) -> tuple[Catalog, list[tuple[Problem,
                                                                                          bool]]]:
    """Return the catalog and (problem, strict) pairs, built once per content of the files.

    The catalog is immutable, so callers share it (see ``memo``).
    """
    files = list(files)
    shipped = not files and list(dirs) == [questionnaires_dir()]
    catalog, problems = memo.remembered(memo.fingerprint(dirs, files),
                                        lambda: build_fresh(dirs, files), shipped=shipped)
    return catalog, list(problems)


def build_fresh(dirs: Sequence[Path], files: Iterable[Path] = ()) -> tuple[
        Catalog, list[tuple[Problem, bool]]]:
    """Load every file of ``dirs`` and ``files``; return the catalog and (problem, strict) pairs."""
    problems: list[tuple[Problem, bool]] = []
    sources = Sources()
    banks: dict[str, Path] = {}
    for folder in dirs:
        for name in (INSTRUMENTS_FILE, SCALES_FILE):
            if (folder / name).is_file():
                read_support(folder / name, sources, problems)
        for path in sorted(folder.glob("*.yaml")):
            if path.name not in (INSTRUMENTS_FILE, SCALES_FILE):
                banks[path.stem] = path
    for path in files:
        if path.name in (INSTRUMENTS_FILE, SCALES_FILE):
            read_support(path, sources, problems)
        else:
            banks[path.stem] = path
    loaded: dict[str, Questionnaire] = {}
    for path in banks.values():
        reader = Reader(display_path(path))
        questionnaire = read_questionnaire(path, reader, sources)
        problems += [(p, False) for p in reader.problems] + [(p, True) for p in reader.strict]
        if questionnaire is not None:
            loaded[questionnaire.id] = questionnaire
    ordered = tuple(sorted(loaded.values(), key=lambda q: (q.kind != "profile", q.order, q.id)))
    ordered, shared = share(ordered)
    problems += [(p, False) for p in shared]
    catalog = Catalog(ordered, sources.instruments, tuple(sorted(sources.principles.values(),
                                                                 key=lambda p: p.id)),
                      sources.caps, workstreams=tuple(sources.workstreams.values()))
    problems += cross_check(catalog)
    return catalog, problems


def read_support(path: Path, sources: Sources, problems: list[tuple[Problem, bool]]) -> None:
    """Read ``instruments.yaml`` or ``scales.yaml`` into ``sources``."""
    reader = Reader(display_path(path))
    raw = read_file(path, reader)
    if raw is not None and path.name == SCALES_FILE:
        scales = reader.mapping(raw.get("scales"), "'scales'", raw.line)
        for name, value in (scales or {}).items():
            sources.scales[name] = read_options(value, reader, scales.line_of(name) if scales
                                                else None, f"scale {name}", scored=True)
        if "rating_caps" in raw:
            sources.caps = read_caps(raw, reader)
        if "workstreams" in raw:
            read_workstreams(raw, reader, sources.workstreams)
    elif raw is not None:
        for item, line in reader.items(raw, "principles"):
            principle = read_principle(item, line, reader)
            if principle:
                sources.principles[principle.id] = principle
        for item, line in reader.items(raw, "instruments"):
            instrument = read_instrument(item, line, reader)
            if instrument:
                sources.instruments[instrument.code] = instrument
        check_penalties(sources, reader)
    problems += [(p, False) for p in reader.problems] + [(p, True) for p in reader.strict]


def read_caps(raw: LineDict, reader: Reader) -> dict[Severity, str]:
    """Read ``rating_caps``: the best rating band an open gap of each severity allows.

    A later scales.yaml (a firm's folder) replaces the caps of an earlier one; ``{}`` lifts them.
    """
    block = reader.mapping(raw["rating_caps"], "'rating_caps'", raw.line_of("rating_caps"))
    caps: dict[Severity, str] = {}
    for key, value in (block or {}).items():
        line = block.line_of(key) if block is not None else None
        if key not in set(Severity):
            reader.add(f"rating_caps: '{key}' is not a severity (critical, high, medium, low)",
                       line)
        elif value not in BANDS[1:]:
            reader.add(f"rating_caps: {key}: '{value}' is not a band an open gap can cap the "
                       f"rating at ({', '.join(BANDS[1:])})", line)
        else:
            caps[Severity(key)] = str(value)
    return caps


def read_workstreams(raw: LineDict, reader: Reader, into: dict[str, Workstream]) -> None:
    """Read ``workstreams``: the programmes of work the roadmap groups controls into.

    A later scales.yaml (a firm's folder) retitles a workstream of the same id or adds one; the
    built-in ids stay, so the built-in banks still name declared workstreams.
    """
    seen: set[str] = set()
    for entry, line in reader.items(raw, "workstreams"):
        item = reader.mapping(entry, "a workstream", line)
        if item is None:
            continue
        reader.unknown_keys(item, frozenset({"id", "title"}), "a workstream")
        ws_id = reader.string(item, "id") or ""
        if not ID_PART.match(ws_id):
            reader.add(f"workstream id '{ws_id}' must be lowercase letters, digits and _",
                       item.line_of("id") or line)
            continue
        if ws_id in seen:
            reader.add(f"workstream '{ws_id}' is declared twice", item.line_of("id") or line)
        seen.add(ws_id)
        title = reader.text(item, "title", ws_id)
        if title is not None:
            into[ws_id] = Workstream(ws_id, title)


def check_penalties(sources: Sources, reader: Reader) -> None:
    """Require every penalty article ("66", or "CSL 66" in another instrument) to be listed."""
    for instrument in sources.instruments.values():
        for article in instrument.articles:
            cited = (article.penalty_article or "").split()
            law, number = (cited[0], " ".join(cited[1:])) if cited and cited[0].isupper() \
                else (instrument.code, " ".join(cited))
            target = sources.instruments.get(law)
            if number and (target is None or target.article(number) is None):
                reader.add(f"{instrument.code} {article.article}: penalty article '{law} {number}' "
                           "is not listed in instruments.yaml", None, instrument.code)


def read_principle(raw: object, line: int | None, reader: Reader) -> Principle | None:
    """Read one GDSI principle."""
    item = reader.mapping(raw, "a principle", line)
    if item is None:
        return None
    number = reader.number(item, "id")
    short, text = reader.text(item, "short"), reader.text(item, "text")
    if number is None or short is None or text is None:
        return None
    return Principle(int(number), short, text)


def read_instrument(raw: object, line: int | None, reader: Reader) -> Instrument | None:
    """Read one instrument and its articles."""
    item = reader.mapping(raw, "an instrument", line)
    if item is None:
        return None
    code = reader.string(item, "code") or "?"
    articles: dict[str, Article] = {}
    for entry, entry_line in reader.items(item, "articles", code):
        article = read_article(entry, entry_line, reader, code)
        if article and article.article in articles:
            reader.add(f"article {article.article} is listed twice", entry_line, code)
        elif article:
            articles[article.article] = article
    name, short = reader.text(item, "name", code), reader.text(item, "short", code)
    issuer = reader.text(item, "issuer", code)
    effective = reader.string(item, "effective", code)
    if not (name and short and issuer and effective):
        return None
    return Instrument(
        code=code, name=name, short=short, issuer=issuer, effective=effective,
        kind=reader.string(item, "kind", code, required=False, default="law") or "law",
        articles=tuple(articles.values()),
        amended=reader.string(item, "amended", code, required=False),
        binding=reader.flag(item, "binding", code, default=True),
        verified=reader.flag(item, "verified", code, default=True),
        note=reader.text(item, "note", code, required=False),
    )


def read_article(raw: object, line: int | None, reader: Reader, code: str) -> Article | None:
    """Read one article entry of an instrument."""
    item = reader.mapping(raw, "an article", line, code)
    if item is None:
        return None
    number = reader.string(item, "article", code)
    title = reader.text(item, "title", f"{code} {number}")
    if number is None or title is None:
        return None
    penalty = reader.mapping(item["penalty"], "'penalty'", item.line_of("penalty"), code) \
        if "penalty" in item else None
    return Article(
        article=number, title=title,
        former=reader.string(item, "article_2017", code, required=False),
        verified=reader.flag(item, "verified", code, default=True),
        penalty_article=reader.string(penalty, "article", code, required=False) if penalty
        else None,
        penalty=reader.text(penalty, "text", code) if penalty else None,
    )


def cross_check(catalog: Catalog) -> list[tuple[Problem, bool]]:
    """Check what spans files: unique ids, and conditions that name only earlier questions."""
    problems: list[tuple[Problem, bool]] = []
    seen: dict[str, Question] = {}
    for questionnaire in catalog.questionnaires:
        for section in questionnaire.sections:
            for question in section.questions:
                if question.id in seen:
                    first = seen[question.id]
                    owner = catalog.questionnaire(first.questionnaire)
                    where = f" (also in {owner.path}:{first.line})" if owner else ""
                    problems.append((Problem(questionnaire.path, f"duplicate id{where}",
                                             question.line, question.id), False))
                for expression in (questionnaire.applies_if, section.applies_if,
                                   question.applies_if):
                    for name in condition_names(expression):
                        if name not in seen and name != question.id:
                            problem = "names unknown question" if name not in catalog.by_id \
                                else "names a question asked later"
                            problems.append((Problem(questionnaire.path, f"applies_if {problem} "
                                                     f"'{name}'", question.line, question.id),
                                             False))
                seen.setdefault(question.id, question)
    return problems


def condition_names(expression: str | None) -> tuple[str, ...]:
    """Return the names a (checked) condition reads, or nothing."""
    if not expression:
        return ()
    try:
        return conditions.names(expression)
    except conditions.ConditionError:
        return ()
