"""One questionnaire file (profile or bank) read into a :class:`Questionnaire`, problems kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import assert_never

from assessor.banks import conditions
from assessor.banks.reader import Reader
from assessor.banks.sources import ID_PART, Sources, read_file, read_options
from assessor.bilingual import Text
from assessor.citation import article_zh
from assessor.loader import LineDict
from assessor.model.catalog import (
    Limit,
    Option,
    Question,
    QuestionId,
    Questionnaire,
    QuestionType,
    Reference,
    Section,
    Severity,
    Statement,
)

QUESTION_KEYS = frozenset({
    "id", "type", "text", "help", "options", "scale", "severity", "weight", "references",
    "principles", "applies_if", "scope", "alternate", "verified", "remediation", "evidence",
    "unit", "min", "max", "limit", "same_as", "statement", "workstream",
})
# What a control that asks another's fact (same_as) takes from that control: the answer's form.
FACT_KEYS = frozenset({"type", "options", "scale", "unit", "min", "max", "limit", "alternate"})
SECTION_KEYS = frozenset({"id", "title", "applies_if", "scope", "questions"})
FILE_KEYS = frozenset({"id", "kind", "instrument", "version", "order", "title", "intro",
                       "applies_if", "scope", "scales", "sections", "renamed"})
YES_NO = (("yes", Text("Yes", "是"), 1.0), ("no", Text("No", "否"), 0.0))


def read_questionnaire(path: Path, reader: Reader, sources: Sources) -> Questionnaire | None:
    """Read one questionnaire file; problems go to ``reader``."""
    raw = read_file(path, reader)
    if raw is None:
        return None
    if "answers" in raw and "sections" not in raw:
        reader.add("this is an answers file, not a questionnaire (check it with "
                   "`assessor check`)", raw.line)
        return None
    reader.unknown_keys(raw, FILE_KEYS, "the questionnaire")
    qn_id = reader.string(raw, "id") or path.stem
    if not ID_PART.match(qn_id):
        reader.add(f"questionnaire id '{qn_id}' must be lowercase letters, digits and _",
                   raw.line_of("id"))
    kind = reader.string(raw, "kind") or "bank"
    if kind not in ("bank", "profile"):
        reader.add(f"kind must be 'bank' or 'profile', not '{kind}'", raw.line_of("kind"))
    scales = dict(sources.scales)
    local = reader.mapping(raw["scales"], "'scales'", raw.line_of("scales")) \
        if "scales" in raw else None
    for name, value in (local or {}).items():
        if name in sources.scales:
            reader.add(f"scale '{name}' is already defined in scales.yaml",
                       local.line_of(name) if local else None)
        scales[name] = read_options(value, reader, local.line_of(name) if local else None,
                                    f"scale {name}", scored=True)
    instrument = reader.string(raw, "instrument", required=kind == "bank")
    if instrument and instrument not in sources.instruments:
        reader.add(f"instrument '{instrument}' is not listed in instruments.yaml",
                   raw.line_of("instrument"))
    context = FileContext(qn_id, kind, scales, reader, sources)
    sections = tuple(s for item, line in reader.items(raw, "sections")
                     if (s := read_section(item, line, context)) is not None)
    applies_if = read_condition(raw, reader, None)
    title = reader.text(raw, "title") or Text(qn_id, qn_id)
    return Questionnaire(
        id=qn_id, kind=kind, title=title, sections=sections, instrument=instrument,
        version=reader.string(raw, "version") or "0",
        order=int(reader.number(raw, "order", default=100) or 0),
        intro=reader.text(raw, "intro", required=False),
        applies_if=applies_if, scope=read_scope(raw, reader, applies_if, None), path=reader.path,
        renamed=read_renamed(raw, reader, qn_id, sections),
    )


def read_renamed(raw: LineDict, reader: Reader, qn_id: str,
                 sections: tuple[Section, ...]) -> tuple[tuple[str, str], ...]:
    """Read ``renamed: {old id: current id}``, which lets ``assessor migrate`` carry answers.

    Each old id maps straight to a current question of the same bank, so no chain is followed.
    """
    if "renamed" not in raw:
        return ()
    block = reader.mapping(raw["renamed"], "'renamed'", raw.line_of("renamed"))
    current = {q.id for s in sections for q in s.questions}
    pairs: list[tuple[str, str]] = []
    for old, new in (block or {}).items():
        line = block.line_of(old) if block else None
        if not old.startswith(qn_id + "."):
            reader.add(f"renamed: '{old}' must be an id of this bank ('{qn_id}.<name>')", line)
        elif old in current:
            reader.add(f"renamed: '{old}' is still a question; only old ids are renamed", line)
        elif not isinstance(new, str) or new not in current:
            reader.add(f"renamed: '{old}' must map to a question of this bank, not {new!r}",
                       line)
        else:
            pairs.append((old, new))
    return tuple(pairs)


class FileContext:
    """What every question of one file needs to know about the file."""

    def __init__(self, qn_id: str, kind: str, scales: dict[str, tuple[Option, ...]],
                 reader: Reader, sources: Sources) -> None:
        self.sources = sources
        self.qn_id = qn_id
        self.kind = kind
        self.scales = scales
        self.reader = reader


def read_condition(raw: LineDict, reader: Reader, qid: str | None) -> str | None:
    """Read ``applies_if`` and check its form (names are checked against the catalog later)."""
    expression = reader.string(raw, "applies_if", qid, required=False)
    if expression is None:
        return None
    try:
        conditions.parse(expression)
    except conditions.ConditionError as exc:
        reader.add(f"applies_if: {exc}", raw.line_of("applies_if"), qid)
        return None
    return expression


def read_scope(raw: LineDict, reader: Reader, applies_if: str | None,
               qid: str | None) -> Text | None:
    """Read ``scope``, the words for whom a condition selects; required with ``applies_if``."""
    scope = reader.text(raw, "scope", qid, required=False)
    if applies_if and scope is None:
        reader.add("applies_if needs a 'scope' text saying whom it selects", raw.line_of(
            "applies_if"), qid, strict=True)
    return scope


def read_section(raw: object, line: int | None, ctx: FileContext) -> Section | None:
    """Read one section and its questions."""
    reader = ctx.reader
    item = reader.mapping(raw, "a section", line)
    if item is None:
        return None
    reader.unknown_keys(item, SECTION_KEYS, "a section")
    section_id = reader.string(item, "id") or f"{ctx.qn_id}.?"
    if not section_id.startswith(ctx.qn_id + "."):
        reader.add(f"section id '{section_id}' must start with '{ctx.qn_id}.'",
                   item.line_of("id"))
    applies_if = read_condition(item, reader, section_id)
    questions = tuple(q for entry, entry_line in reader.items(item, "questions", section_id)
                      if (q := read_question(entry, entry_line, ctx, section_id)) is not None)
    return Section(id=section_id, title=reader.text(item, "title", section_id) or
                   Text(section_id, section_id), questions=questions, applies_if=applies_if,
                   scope=read_scope(item, reader, applies_if, section_id))


def read_question(raw: object, line: int | None, ctx: FileContext,
                  section_id: str) -> Question | None:
    """Read one question; a bank question that can be scored must carry its legal apparatus."""
    reader = ctx.reader
    item = reader.mapping(raw, "a question", line)
    if item is None:
        return None
    qid = reader.string(item, "id") or "?"
    reader.unknown_keys(item, QUESTION_KEYS, "a question", qid)
    prefix = section_id if ctx.kind == "bank" else ctx.qn_id
    if not qid.startswith(prefix + ".") or not all(ID_PART.match(p) for p in qid.split(".")):
        reader.add(f"question id must be '{prefix}.<name>' in lowercase letters, digits and _",
                   item.line_of("id"), qid)
    same_as, item = read_same_as(item, reader, qid)
    type_name = reader.string(item, "type", qid, required=same_as is None) or "text"
    try:
        qtype = QuestionType(type_name)
    except ValueError:
        reader.add(f"type must be one of {', '.join(t.value for t in QuestionType)}",
                   item.line_of("type"), qid)
        return None
    bank = ctx.kind == "bank"
    options = read_question_options(item, qtype, ctx, qid, scored=bank)
    limit = read_limit(item, reader, qid) if qtype is QuestionType.NUMBER else None
    scored = bank and (qtype.is_choice or limit is not None or same_as is not None)
    severity = Severity.MEDIUM
    if scored:
        try:
            severity = Severity(reader.string(item, "severity", qid) or "medium")
        except ValueError:
            reader.add("severity must be critical, high, medium or low",
                       item.line_of("severity"), qid)
    weight = reader.number(item, "weight", qid, default=1.0)
    weight = 1.0 if weight is None else weight  # not `or`: a weight of 0 must be refused
    if not 0 < weight <= 10:
        reader.add("weight must be above 0 and at most 10", item.line_of("weight"), qid)
    applies_if = read_condition(item, reader, qid)
    references = read_references(item, ctx, qid, required=scored)
    articles = [ctx.sources.instruments[r.law].article(r.article) for r in references
                if r.law in ctx.sources.instruments]
    basis_verified = not articles or any(a is not None and a.verified for a in articles)
    check_basis(item, references, ctx, qid)
    return Question(
        id=QuestionId(qid), type=qtype, questionnaire=ctx.qn_id, section=section_id,
        text=reader.text(item, "text", qid) or Text(qid, qid),
        help=reader.text(item, "help", qid, required=False), options=options,
        severity=severity, weight=weight,
        references=references,
        principles=read_principles(item, reader, qid, required=scored),
        applies_if=applies_if, scope=read_scope(item, reader, applies_if, qid),
        alternate=reader.flag(item, "alternate", qid),
        verified=reader.flag(item, "verified", qid, default=True) and basis_verified,
        remediation=reader.text(item, "remediation", qid, required=scored),
        evidence=reader.text(item, "evidence", qid, required=False),
        unit=reader.text(item, "unit", qid, required=False),
        minimum=reader.number(item, "min", qid), maximum=reader.number(item, "max", qid),
        limit=limit, scored=scored, line=line, same_as=same_as,
        statement=read_statement(item, reader, qid, scored=scored),
        workstream=read_workstream(item, ctx, qid, scored=scored),
    )


def read_statement(item: LineDict, reader: Reader, qid: str, *,
                   scored: bool) -> Statement | None:
    """Read ``statement: {en, zh, partial: {en, zh}}``, the finding a gap of the control states.

    Every scored control needs one (the report leads with it), and a statement is a finding, so
    one missing or written as a question is a problem for ``lint`` (the file still loads).
    """
    if "statement" not in item or item["statement"] is None:
        if scored:
            reader.add("a scored control needs a 'statement': the finding its gap states, in "
                       "en and zh", item.line, qid, strict=True)
        return None
    line = item.line_of("statement")
    if not scored:
        reader.add("only a scored control states a finding: remove 'statement'", line, qid,
                   strict=True)
    text = reader.text(item, "statement", qid, also=frozenset({"partial"}))
    if text is None:
        return None
    block = item["statement"]
    partial = reader.text(block, "partial", qid, required=False) \
        if isinstance(block, LineDict) else None
    for variant in (v for v in (text, partial) if v is not None):
        if variant.en.endswith("?") or variant.zh.endswith(("？", "?")):
            reader.add("a statement states the finding a gap establishes, not a question", line,
                       qid, strict=True)
    return Statement(text, partial)


def read_workstream(item: LineDict, ctx: FileContext, qid: str, *, scored: bool) -> str | None:
    """Read ``workstream``: the id of a workstream scales.yaml declares."""
    name = ctx.reader.string(item, "workstream", qid, required=False)
    if name is None:
        if scored:
            ctx.reader.add("a scored control needs a 'workstream' (one scales.yaml declares)",
                           item.line, qid, strict=True)
        return None
    line = item.line_of("workstream")
    if not scored:
        ctx.reader.add("only a scored control belongs to a workstream: remove 'workstream'",
                       line, qid, strict=True)
    if name not in ctx.sources.workstreams:
        known = ", ".join(ctx.sources.workstreams) or "none is declared"
        ctx.reader.add(f"workstream '{name}' is not declared in scales.yaml ({known})", line,
                       qid)
        return None
    return name


def read_same_as(item: LineDict, reader: Reader, qid: str) -> tuple[str | None, LineDict]:
    """Read ``same_as``: the control whose fact this one asks; the answer's form comes from it.

    Returns the id (or None) and the question without the keys the other control gives it
    (each one present is a problem: it would say something the bank does not use).
    """
    same_as = reader.string(item, "same_as", qid, required=False)
    if same_as is None:
        return None, item
    for key in sorted(FACT_KEYS & set(item)):
        reader.add(f"'{key}' comes from '{same_as}', whose fact this control asks: remove it",
                   item.line_of(key), qid)
    trimmed = LineDict({k: v for k, v in item.items() if k not in FACT_KEYS})
    trimmed.line, trimmed.key_lines = item.line, getattr(item, "key_lines", {})
    return same_as, trimmed


def read_question_options(item: LineDict, qtype: QuestionType, ctx: FileContext, qid: str, *,
                          scored: bool) -> tuple[Option, ...]:
    """Return the options a question offers: its own, a named scale, or yes and no."""
    reader = ctx.reader
    match qtype:
        case QuestionType.SCALE:
            name = reader.string(item, "scale", qid) or ""
            if name and name not in ctx.scales:
                reader.add(f"scale '{name}' is not defined", item.line_of("scale"), qid)
            return tuple(o if scored else Option(o.id, o.label)
                         for o in ctx.scales.get(name, ()))
        case QuestionType.YESNO if "options" not in item:
            return tuple(Option(i, label, score if scored else None)
                         for i, label, score in YES_NO)
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.MULTI:
            options = read_options(item.get("options"), reader, item.line_of("options"), qid,
                                   scored=scored)
            if qtype is QuestionType.YESNO and sorted(o.id for o in options) != ["no", "yes"]:
                reader.add("a yesno question's options must be exactly 'yes' and 'no'",
                           item.line_of("options"), qid)
            return options
        case QuestionType.NUMBER | QuestionType.TEXT:
            if "options" in item:
                reader.add(f"a {qtype} question takes no options", item.line_of("options"), qid)
            return ()
        case _:
            assert_never(qtype)


def read_limit(item: LineDict, reader: Reader, qid: str) -> Limit | None:
    """Read ``limit: {max: N}`` or ``limit: {min: N}``."""
    if "limit" not in item:
        return None
    raw = reader.mapping(item["limit"], "'limit'", item.line_of("limit"), qid)
    if raw is None or len(raw) != 1 or next(iter(raw)) not in ("max", "min"):
        reader.add("limit must be {max: N} or {min: N}", item.line_of("limit"), qid)
        return None
    kind = next(iter(raw))
    value = reader.number(raw, kind, qid)
    return Limit(kind, value) if value is not None else None


def read_references(item: LineDict, ctx: FileContext, qid: str, *,
                    required: bool) -> tuple[Reference, ...]:
    """Read ``references``, each checked against instruments.yaml and given its 2017 number."""
    reader = ctx.reader
    refs: list[Reference] = []
    for entry, line in reader.items(item, "references", qid, required=required):
        ref = reader.mapping(entry, "a reference", line, qid)
        if ref is None:
            continue
        reader.unknown_keys(ref, frozenset({"law", "article", "penalty"}), "a reference", qid)
        law, article = reader.string(ref, "law", qid), reader.string(ref, "article", qid)
        fined = "penalty" not in ref
        if not fined and ref["penalty"] != "none":
            reader.add("a reference's penalty can only be 'none' (this limb of the article is "
                       "not fined)", line, qid)
        if not (law and article):
            continue
        instrument = ctx.sources.instruments.get(law)
        listed = instrument.article(article) if instrument else None
        if instrument is None:
            reader.add(f"reference to unknown instrument '{law}'", line, qid)
        elif listed is None:
            reader.add(f"{law} article '{article}' is not listed in instruments.yaml", line, qid)
        elif article_zh(article) is None:
            reader.add(f"{law} article '{article}' cannot be cited: write it as 23, 23(3), "
                       "24 ¶1, 24 ¶1(2) or 5-9", line, qid, strict=True)
        cited = instrument.reference(article) if instrument else Reference(law, article.strip())
        refs.append(cited if fined else replace(cited, fined=False))
    if required and not refs and "references" in item:
        reader.add("a control needs at least one reference", item.line_of("references"), qid)
    return tuple(refs)


def check_basis(item: LineDict, references: tuple[Reference, ...], ctx: FileContext,
                qid: str) -> None:
    """Require ``verified: false`` on a control citing an article left unverified.

    The report then flags the control's basis as to be verified, rather than resting a finding on
    an article nobody has read.
    """
    if item.get("verified") is False:
        return
    for ref in references:
        instrument = ctx.sources.instruments.get(ref.law)
        if instrument is not None and not (ref.verified and instrument.verified):
            ctx.reader.add(f"rests on {ref.law} {ref.article}, which instruments.yaml marks "
                           "unverified: add 'verified: false'", item.line_of("references"), qid,
                           strict=True)


def read_principles(item: LineDict, reader: Reader, qid: str, *,
                    required: bool) -> tuple[int, ...]:
    """Read the GDSI principles (1-8) a control serves."""
    found: list[int] = []
    for value, line in reader.items(item, "principles", qid, required=required):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 8:
            reader.add(f"principle {value!r} must be a number from 1 to 8", line, qid)
        elif value not in found:
            found.append(value)
    if required and not found and "principles" in item:
        reader.add("a control must serve at least one GDSI principle",
                   item.line_of("principles"), qid)
    return tuple(found)
