"""Re-assessment diff: what changed between two assessments of one organisation.

Both answers files are scored against the same (current) catalog, so every difference comes from
the answers: score deltas per instrument and GDSI principle, gaps closed, gaps opened, gaps still
open (better or worse), and every answer that changed. The comparison is one plain, JSON-ready
dict (``--format json``) that the terminal summary and the HTML/PDF report render from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessor import __version__
from assessor.banks.scope import display_value, engaged, expressions, reads
from assessor.bilingual import Lang
from assessor.errors import InvalidFile, Problem
from assessor.model.catalog import Catalog, Question
from assessor.model.record import Action, Answer, Answers, Status
from assessor.model.result import Result, Score, rating_words
from assessor.record.answers import load
from assessor.render import output_format, resolve_target, stream_format
from assessor.report import formats
from assessor.report.context import kept_answers as context_kept
from assessor.report.context import question_dict, score_dict
from assessor.report.standing import overdue
from assessor.scoring import score
from assessor.targets import atomic_write
from assessor.terminal import inert, json_text

if TYPE_CHECKING:
    from assessor.report.brand import Brand
    from assessor.report.view import KeptAnswer

SCHEMA = "assessor-diff/1"
# Why a gap closed (its state now) or opened (its state before), in the terminal's words.
WHY = {"met": "now met", "na": "now not applicable (na)", "out_of_scope": "no longer applies",
       "unanswered": "now unanswered", "worse": "was met", "new_scope": "newly applies",
       "was_na": "was not applicable (na)", "was_unanswered": "was unanswered"}


@dataclass(frozen=True, slots=True)
class Request:
    """A comparison as ``assessor diff`` asks for it."""

    old: Path
    new: Path
    output: Path | None = None  # None: the summary only; Path("-"): standard output
    fmt: str | None = None  # None: from the output's suffix
    lang: str | None = None  # None: the later file's
    allow_incomplete: bool = False
    force: bool = False
    brand: Brand | None = None  # the firm's look for HTML and PDF


def delta(old: float | None, new: float | None) -> float | None:
    """Return ``new - old`` rounded to one decimal, or None when either side has no score."""
    return None if old is None or new is None else round(new - old, 1)


def change(old: Score | None, new: Score | None) -> dict[str, Any]:
    """Return a score before and after, with the difference."""
    before, after = score_dict(old), score_dict(new)
    return {"old": before, "new": after, "delta": delta(before["score"], after["score"])}


def state(question: Question, answer: Answer | None, result: Result) -> str:
    """Return where a control stands: gap, met, na, unanswered or out_of_scope."""
    if not result.applicable.get(question.id):
        return "out_of_scope"
    if answer is None:
        return "unanswered"
    value = result.question_scores.get(question.id)
    if value is None:
        return "na"
    return "met" if value >= 1.0 else "gap"


def side(question: Question, answer: Answer | None, result: Result, lang: Lang,
         ranks: dict[str, int]) -> dict[str, Any]:
    """Return one assessment's view of a control: state, score, rank, answer and note."""
    return {"state": state(question, answer, result),
            "score": result.question_scores.get(question.id),
            "rank": ranks.get(question.id),
            "answer": display_value(question, answer, lang) if answer is not None else None,
            "note": answer.note if answer is not None else None}


def gap_changes(catalog: Catalog, old: Answers, new: Answers, results: tuple[Result, Result],
                lang: Lang) -> dict[str, list[dict[str, Any]]]:
    """Sort every control that is a gap on either side into closed, opened and still open."""
    old_result, new_result = results
    old_ranks: dict[str, int] = {g.question.id: g.rank for g in old_result.gaps}
    new_ranks: dict[str, int] = {g.question.id: g.rank for g in new_result.gaps}
    closed, opened, still = [], [], []
    for qid in sorted(old_ranks.keys() | new_ranks.keys(), key=catalog.order.__getitem__):
        question = catalog.by_id[qid]
        before = side(question, old.answers.get(qid), old_result, lang, old_ranks)
        after = side(question, new.answers.get(qid), new_result, lang, new_ranks)
        entry: dict[str, Any] = {**question_dict(catalog, question, lang), "old": before,
                                 "new": after}
        if qid not in new_ranks:
            closed.append({**entry, "why": after["state"],
                           "because": facts_changed(catalog, question, old, new)
                           if after["state"] == "out_of_scope" else []})
        elif qid not in old_ranks:
            opened.append({**entry, "why": {"met": "worse", "out_of_scope": "new_scope",
                                            "na": "was_na"}.get(before["state"],
                                                                "was_unanswered")})
        else:
            moved = (after["score"] or 0.0) - (before["score"] or 0.0)
            still.append({**entry, "trend": "better" if moved > 1e-9 else
                          "worse" if moved < -1e-9 else "same"})
    closed.sort(key=lambda e: e["old"]["rank"])
    opened.sort(key=lambda e: e["new"]["rank"])
    still.sort(key=lambda e: e["new"]["rank"])
    return {"gaps_closed": closed, "gaps_opened": opened, "gaps_still_open": still}


def facts_changed(catalog: Catalog, question: Question, old: Answers,
                  new: Answers) -> list[dict[str, Any]]:
    """Return the profile facts a control's scope reads that changed: why its gap left scope."""
    names = dict.fromkeys(name for expression in expressions(catalog, question)
                          for name in reads(expression))
    out = []
    for name in names:
        before, after = old.answers.get(name), new.answers.get(name)
        fact = catalog.question(name)
        if fact is None or (before and before.value) == (after and after.value):
            continue
        out.append({"id": name, "old": display_value(fact, before, old.assessment.lang),
                    "new": display_value(fact, after, new.assessment.lang)})
    return out


def answer_changes(catalog: Catalog, old: Answers, new: Answers,
                   lang: Lang) -> list[dict[str, Any]]:
    """List every answer added, removed or changed (value, or only its note or evidence)."""
    out = []
    given = (old.answers.keys() | new.answers.keys()) & catalog.by_id.keys()  # the engagement's
    for qid in sorted(given, key=catalog.order.__getitem__):
        question = catalog.by_id[qid]
        before, after = old.answers.get(qid), new.answers.get(qid)
        if before is None:
            kind = "added"
        elif after is None:
            kind = "removed"
        elif before.value != after.value:
            kind = "changed"
        elif before.note != after.note or before.evidence != after.evidence or \
                set(after.conflict) - set(before.conflict):  # another's answer now kept
            kind = "details"
        else:
            continue
        out.append({
            "id": qid, "text": question.text.get(lang), "questionnaire": question.questionnaire,
            "scored": question.scored, "kind": kind,
            "old": display_value(question, before, lang) if before else None,
            "new": display_value(question, after, lang) if after else None,
            "old_note": before.note if before else None,
            "new_note": after.note if after else None,
            "old_evidence": list(before.evidence) if before else [],
            "new_evidence": list(after.evidence) if after else [],
            "kept": kept_answers(question, before, after, lang),
        })
    return out


def kept_answers(question: Question, before: Answer | None, after: Answer | None,
                 lang: Lang) -> list[KeptAnswer]:
    """Return the answers NEW keeps under ``conflict`` that OLD did not: who said what, open."""
    was = set(before.conflict) if before is not None else set()
    return context_kept(question, [c for c in (after.conflict if after is not None else ())
                                   if c not in was], lang)


def assessment_dict(answers: Answers, result: Result) -> dict[str, Any]:
    """Return who assessed, when, from which file, and the overall result."""
    return {"organisation": answers.organisation.name, "date": answers.assessment.date,
            "consultant": answers.assessment.consultant, "firm": answers.assessment.firm,
            "status": str(answers.assessment.status or Status.DRAFT),
            "answers_file": answers.path, "sha256": answers.sha256,
            "versions": dict(answers.versions), "rating": result.rating,
            **score_dict(result.overall)}


def action_view(action: Action | None) -> dict[str, Any] | None:
    """Return one side's tracked action: owner, due date, status, comment."""
    if action is None:
        return None
    return {"owner": action.owner, "due": action.due, "status": action.status,
            "comment": action.comment}


def action_changes(catalog: Catalog, old: Answers, new: Answers, lang: Lang,
                   open_gaps: frozenset[str] = frozenset()) -> dict[str, list[dict[str, Any]]]:
    """Return the remediation actions completed and opened since OLD, and those overdue in NEW.

    Overdue means open or in progress and due before NEW's assessment date (never the clock).
    An action not done whose gap NEW no longer holds is reported as on a closed gap (to be
    closed), never as overdue: the gap it was for is gone.
    """
    def entry(qid: str) -> dict[str, Any]:
        question = catalog.question(qid)
        return {"id": qid, "text": question.text.get(lang) if question else qid,
                "old": action_view(old.actions.get(qid)),
                "new": action_view(new.actions.get(qid))}

    order = catalog.order
    ids = sorted(new.actions, key=lambda q: (order.get(q, len(order)), q))
    was = {qid: a.status for qid, a in old.actions.items()}
    closed = [q for q in ids if q not in open_gaps
              and new.actions[q].status not in ("done", "accepted")]
    return {
        "actions_completed": [entry(q) for q in ids
                              if new.actions[q].status == "done" and was.get(q) != "done"],
        "actions_opened": [entry(q) for q in ids if q not in was and q not in closed
                           and new.actions[q].status != "done"],
        "actions_overdue": [entry(q) for q in ids if q not in closed
                            and overdue(new.actions[q], new.assessment.date)],
        "actions_on_closed_gaps": [entry(q) for q in closed],
    }


def compare(catalog: Catalog, old: Answers, new: Answers, lang: Lang) -> dict[str, Any]:
    """Return the whole comparison as plain data (the JSON export and every view's source)."""
    scopes = (old.assessment.scope, new.assessment.scope)  # either covering all: all
    catalog = engaged(catalog, tuple(dict.fromkeys(b for s in scopes for b in s))
                      if all(scopes) else ())
    old_result, new_result = score(catalog, old.answers), score(catalog, new.answers)
    instruments = [
        {"id": q.id, "code": q.instrument or "", "title": q.title.get(lang),
         "short": catalog.instruments[q.instrument].short.get(lang)
         if q.instrument in catalog.instruments else q.title.get(lang),
         **change(old_result.by_questionnaire.get(q.id), new_result.by_questionnaire.get(q.id))}
        for q in catalog.questionnaires if q.kind == "bank"
        and (q.id in old_result.by_questionnaire or q.id in new_result.by_questionnaire)]
    principles = [{"id": p.id, "short": p.short.get(lang),
                   **change(old_result.by_principle.get(p.id), new_result.by_principle.get(p.id))}
                  for p in catalog.principles
                  if p.id in old_result.by_principle or p.id in new_result.by_principle]
    gaps = gap_changes(catalog, old, new, (old_result, new_result), lang)
    answers = answer_changes(catalog, old, new, lang)
    actions = action_changes(catalog, old, new, lang,
                             frozenset(q.id for g in new_result.gaps for q in g.questions))
    current = {q.id: q.version for q in catalog.questionnaires}
    return {
        "schema": SCHEMA, "tool": {"name": "assessor", "version": __version__}, "lang": lang,
        "organisation": {"name": new.organisation.name, "sector": new.organisation.sector,
                         "renamed_from": old.organisation.name
                         if old.organisation.name != new.organisation.name else None},
        "old": assessment_dict(old, old_result), "new": assessment_dict(new, new_result),
        # A comparison is as final as its least final side: a draft on either side (unsigned,
        # or a sign-off that does not hold) marks the whole report DRAFT (review defect 17).
        "draft": any(a.assessment.status is not Status.FINAL for a in (old, new)),
        "questionnaires": current,
        "versions_differ": sorted({qid for qid, version in current.items()
                                   for a in (old, new) if a.versions.get(qid, version) != version}),
        "overall": {**change(old_result.overall, new_result.overall),
                    "old_rating": old_result.rating, "new_rating": new_result.rating},
        "instruments": instruments, "principles": principles, **gaps,
        "answers_changed": answers, **actions,
        "counts": {"closed": len(gaps["gaps_closed"]), "opened": len(gaps["gaps_opened"]),
                   "still_open": len(gaps["gaps_still_open"]),
                   "better": sum(g["trend"] == "better" for g in gaps["gaps_still_open"]),
                   "worse": sum(g["trend"] == "worse" for g in gaps["gaps_still_open"]),
                   "answers_changed": len(answers),
                   **{name: len(found) for name, found in actions.items()},
                   "old_gaps": len(old_result.gaps), "new_gaps": len(new_result.gaps)},
    }


def signed(value: float | None) -> str:
    """Format a score difference with its sign, or a dash."""
    if value is None:
        return "—"
    return f"{value:+.0f}" if round(value) != 0 else "±0"


def shown(value: float | None) -> str:
    """Format a 0-100 score for a column."""
    return "—" if value is None else f"{value:.0f}"


def score_rows(title: str, rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Return a table of scores before and after, with the change."""
    lines = [f"{title:<46} {'before':>6} {'after':>6} {'change':>7}"]
    lines += [f"{name[:46]:<46} {shown(c['old']['score']):>6} {shown(c['new']['score']):>6} "
              f"{signed(c['delta']):>7}" for name, c in rows]
    return lines


def shown_answer(view: dict[str, Any]) -> str:
    """Return a side's answer, or say the control did not apply there (its answer did not count)."""
    return "out of scope" if view["state"] == "out_of_scope" else view["answer"] or "—"


def gap_line(entry: dict[str, Any], note: str) -> str:
    """Return one control of a gap list, with its answers before and after."""
    return (f"  [{entry['severity']}] {entry['id']}  {note} ({shown_answer(entry['old'])} → "
            f"{shown_answer(entry['new'])})")


def summary_lines(ctx: dict[str, Any]) -> list[str]:
    """Return the terminal summary of a comparison."""
    old, new, overall, counts = ctx["old"], ctx["new"], ctx["overall"], ctx["counts"]
    lines = [f"{ctx['organisation']['name']}: {old['date'] or '?'} ({old['answers_file']}) → "
             f"{new['date'] or '?'} ({new['answers_file']})"]
    if ctx["draft"]:
        lines.append("  DRAFT: " + " and ".join(
            f"the {which} file is {side['status'].replace('_', ' ')}"
            for which, side in (("earlier", old), ("later", new)) if side["status"] != "final"))
    if ctx["organisation"]["renamed_from"]:
        lines.append(f"  (the earlier file names the organisation "
                     f"'{ctx['organisation']['renamed_from']}')")
    lines += ["", f"Overall {shown(overall['old']['score'])} → {shown(overall['new']['score'])}"
              f" ({signed(overall['delta'])}), {rating_words(overall['old_rating'])} → "
              f"{rating_words(overall['new_rating'])}; gaps {counts['old_gaps']} → "
              f"{counts['new_gaps']}", ""]
    lines += score_rows("instrument", [(i["title"], i) for i in ctx["instruments"]])
    if ctx["principles"]:
        lines += ["", *score_rows("GDSI principle", [(f"{p['id']}. {p['short']}", p)
                                                     for p in ctx["principles"]])]
    lines += ["", f"Gaps closed: {counts['closed']}"]
    lines += [gap_line(e, WHY[e["why"]] + because(e)) for e in ctx["gaps_closed"]]
    lines += [f"Gaps opened: {counts['opened']}"]
    lines += [gap_line(e, WHY[e["why"]]) for e in ctx["gaps_opened"]]
    lines += [f"Gaps still open: {counts['still_open']} ({counts['better']} better, "
              f"{counts['worse']} worse)"]
    lines += [gap_line(e, e["trend"]) for e in ctx["gaps_still_open"] if e["trend"] != "same"]
    lines += [f"Answers changed: {counts['answers_changed']}"]
    for item in ctx["answers_changed"]:
        if item["kind"] == "details":
            lines.append(f"  {item['id']}: note or evidence changed")
        else:
            lines.append(f"  {item['id']}: {item['old'] or '(none)'} → {item['new'] or '(none)'}")
        for kept in item["kept"]:
            who = ", ".join(str(p) for p in (kept["by"], kept["at"], kept["source"]) if p)
            state = "still open" if kept["open"] else "not taken"
            lines.append(f"    {state}: {kept['display']}" + (f" ({who})" if who else "")
                         + (f"; note: {kept['note']}" if kept["note"] else ""))
    lines += action_lines(ctx)
    if ctx["versions_differ"]:
        lines += ["", "Note: " + ", ".join(ctx["versions_differ"]) + " changed version since an "
                  "assessment was answered; both are scored with the current questionnaires."]
    return lines


def because(entry: dict[str, Any]) -> str:
    """Say which profile facts took a gap out of scope (the earlier finding stays on record)."""
    facts = entry.get("because") or []
    if not facts:
        return ""
    return " because " + "; ".join(f"{f['id']} changed from {f['old']} to {f['new']}"
                                   for f in facts)


def action_lines(ctx: dict[str, Any]) -> list[str]:
    """Return the remediation actions completed, opened and overdue (nothing when none tracked)."""
    counts = ctx["counts"]
    if not any(counts[k] for k in ("actions_completed", "actions_opened", "actions_overdue",
                                   "actions_on_closed_gaps")):
        return []
    def line(entry: dict[str, Any]) -> str:
        now = entry["new"]
        who = f", {now['owner']}" if now["owner"] else ""
        due = f", due {now['due']}" if now["due"] else ""
        return f"  {entry['id']}  {now['status']}{who}{due}"

    lines = [f"Actions completed: {counts['actions_completed']}"]
    lines += [line(e) for e in ctx["actions_completed"]]
    lines += [f"Actions opened: {counts['actions_opened']}"]
    lines += [line(e) for e in ctx["actions_opened"]]
    lines += [f"Actions overdue on {ctx['new']['date'] or '?'}: {counts['actions_overdue']}"]
    lines += [line(e) for e in ctx["actions_overdue"]]
    if counts["actions_on_closed_gaps"]:
        lines += [f"Actions on gaps now closed (close them): "
                  f"{counts['actions_on_closed_gaps']}"]
        lines += [line(e) for e in ctx["actions_on_closed_gaps"]]
    return lines


def load_both(request: Request, catalog: Catalog) -> tuple[Answers, Answers]:
    """Load OLD and NEW, reporting the problems of both files at once.

    Raises:
        InvalidFile: either file is unreadable or invalid.
    """
    loaded: list[Answers] = []
    problems: list[Problem] = []
    for path in (request.old, request.new):
        try:
            loaded.append(load(path, catalog, allow_incomplete=request.allow_incomplete))
        except InvalidFile as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidFile(problems)
    return loaded[0], loaded[1]


def report_format(request: Request) -> str | None:
    """Decide the report's format: --format, else OUT's suffix, else PDF; None for no report.

    Raises:
        AssessorError: OUT's suffix names a format a comparison is not written in.
    """
    if request.output is None and not request.fmt:
        return None
    if request.output is not None and str(request.output) == "-":
        return request.fmt or "json"
    return output_format(request.output, request.fmt, formats.compared(), "a comparison")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a comparison gives: text for standard output, and the report written, if any."""

    shown: str  # the summary, or the comparison itself (JSON or HTML) for -o - or no -o
    written: Path | None = None


def run_diff(request: Request, catalog: Catalog) -> Outcome:
    """Compare OLD with NEW: the summary to show; the report written when asked.

    Raises:
        InvalidFile: either answers file is invalid.
        AssessorError: the report cannot be written where asked.
    """
    old, new = load_both(request, catalog)
    lang = request.lang or new.assessment.lang
    ctx = compare(catalog, old, new, lang)
    fmt = report_format(request)
    if request.output is not None and str(request.output) == "-":
        fmt = stream_format(fmt)
        if fmt != "json":
            return Outcome(formats.FORMATS[fmt].comparer()(ctx, request.brand).decode("utf-8"))
    if fmt == "json" and (request.output is None or str(request.output) == "-"):
        return Outcome(json_text(ctx) + "\n")
    shown = "\n".join(map(inert, summary_lines(ctx))) + "\n"
    if fmt is None:
        return Outcome(shown)
    default = request.new.with_name(f"{request.new.stem}.diff{formats.FORMATS[fmt].suffix}")
    path = resolve_target(request.output, default, fmt, (request.old, request.new),
                          force=request.force, what="the comparison")
    atomic_write(path, formats.FORMATS[fmt].comparer()(ctx, request.brand))
    return Outcome(shown, path)
