"""The comparison as the terminal shows it: scores before and after, gaps, answers, actions.

Lines of text built from the comparison dict alone (:mod:`assessor.diff.compare`); the command
layer prints them.
"""

from __future__ import annotations

from typing import Any

from assessor.model.result import rating_words

# Why a gap closed (its state now) or opened (its state before), in the terminal's words.
WHY = {"met": "now met", "na": "now not applicable (na)", "out_of_scope": "no longer applies",
       "unanswered": "now unanswered", "worse": "was met", "new_scope": "newly applies",
       "was_na": "was not applicable (na)", "was_unanswered": "was unanswered"}


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
    lines += [gap_line(e, WHY[e["why"]] + because(e)) for e in ctx["gaps_opened"]]
    lines += [f"Gaps still open: {counts['still_open']} ({counts['better']} better, "
              f"{counts['worse']} worse)"]
    lines += [gap_line(e, e["trend"]) for e in ctx["gaps_still_open"] if e["trend"] != "same"]
    lines += [f"Answers changed: {counts['answers_changed']}"]
    for item in ctx["answers_changed"]:
        if item["kind"] == "details":
            lines.append(f"  {item['id']}: note or evidence changed")
        elif item["kind"] == "kept":
            lines.append(f"  {item['id']}: {item['new']}, other answers kept")
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
    """Say which profile facts took a gap out of scope, or into it (the finding stays on record)."""
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
