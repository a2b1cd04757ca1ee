"""The DOCX's gap parts: the register, the roadmap (with the statutory dates) and the exposure."""

from __future__ import annotations

from collections.abc import Sequence

from assessor.report.rows import ActionView, GapView
from assessor.report.wordkit import Cell, P, Run
from assessor.report.words import (
    cites,
    exposure_row,
    fill,
    grouped,
    long_date,
    needs_verifying,
    severity_moved,
    tracked,
)
from assessor.report.wordwriter import Writer, ids


class GapParts(Writer):
    """The parts about the gaps: register, roadmap, legal exposure."""

    def register(self) -> None:
        """The gap register, grouped by priority, with the assessor's finding and severity."""
        r, t = self.r, self.t
        self.heading(t["gap_register"])
        if not r["gaps"]:
            self.text(t["no_gaps"])
            return
        self.text(fill(t["register_lead"], count=len(r["gaps"])))
        rows: list[Sequence[Cell] | str] = []
        for priority, items in grouped(r["gaps"], "priority"):
            rows.append(f"{t['priority_' + priority]} · "
                        f"{fill(t['n_gaps'], count=len(items))}")
            rows += [self.gap_row(g) for g in items]
        self.body.table([6, 42, 27, 25], [t["rank"], f"{t['finding_head']} · {t['current_answer']}",
                                          f"{t['severity']} · {t['legal_basis']}",
                                          t["remediation"]], rows)

    def gap_row(self, g: GapView) -> list[Cell]:
        """Return one row of the register."""
        t = self.t
        answer = g["answer"]
        detail: list[Run] = [(ids(g), "Control Id")]
        if g["statement_from"] != "question":
            detail += [" ", self.label("asked"), g["text"]]
        control: list[Sequence[Run] | P] = [self.stated(g), detail]
        state: list[Run] = [self.label("current_answer"), (answer["display"], "Strong")]
        if answer["note"]:
            state.append(f" — {answer['note']}")
        control.append(state)
        if answer["evidence"]:
            control.append([self.label("evidence"), ("、" if self.zh else ", ").join(
                answer["evidence"])])
        control += self.voice(answer, led=g["statement_from"] == "finding")
        basis: list[Sequence[Run] | P] = [[self.sev(g["severity"])]]
        moved = severity_moved(g, self.r["lang"])
        if moved:
            basis.append(P([moved], "Severity Change"))
        basis += [[(ref["cite"], "Strong")] + ([f"{self.colon()}{ref['title']}"]
                                               if ref["title"] else [])
                  for ref in g["references"]]
        if needs_verifying(g):
            basis.append([(t["basis_to_verify"], "Severity Critical")])
        return [[[str(g["rank"])]], control, basis, [[g["remediation"] or "—"]]]

    def roadmap(self) -> None:
        """The roadmap: the actions by workstream, then by when they should be done."""
        r, t = self.r, self.t
        self.heading(t["roadmap"])
        self.text(t["roadmap_lead"])
        if not r["gaps"]:
            self.text(t["no_gaps"])
        by_rank = {g["rank"]: g for g in r["gaps"]}
        for stream in r["roadmap"]:
            items = [by_rank[rank] for rank in stream["ranks"]]
            self.heading(f"{stream['title'] or t['workstream_none']} · "
                         f"{fill(t['n_gaps'], count=len(items))}", 3)
            rows: list[Sequence[Cell] | str] = []
            for priority, group in grouped(items, "priority"):
                rows.append(f"{t['priority_' + priority]} · "
                            f"{fill(t['n_gaps'], count=len(group))}")
                rows += [[[[str(g["rank"])]], [[g["remediation"] or g["statement"]],
                                               *self.tracked(g["action"])],
                          [[g["statement"]], [(ids(g), "Control Id")],
                           [self.sev(g["severity"]), f" · {cites(g['references'], r['lang'])}"]]]
                         for g in group]
            self.body.table([7, 58, 35], [t["rank"], t["action"], t["closes"]], rows)
        self.text(" ".join(f"{t['priority_' + p]}{self.colon()}{t[f'priority_{p}_note']}"
                           for p in ("act_now", "within_90_days", "within_year")), "Small Print")
        self.statutory_dates()

    def tracked(self, action: ActionView | None) -> list[Sequence[Run] | P]:
        """Return the remediation tracked for a gap: owner, due date, status, overdue, comment."""
        said = tracked(action, self.r["lang"])
        if said is None:
            return []
        semi = "；" if self.zh else "; "
        runs: list[Run] = []
        for label, value in said.fields:
            runs += [semi] * bool(runs) + [(label + self.colon(), "Label"), value]
        if said.overdue:
            runs += [" ", (said.overdue, "Severity Critical")]
        out: list[Sequence[Run] | P] = [P(runs, "Small Print")]
        if said.comment:
            out.append(P([said.comment], "Small Print"))
        return out

    def statutory_dates(self) -> None:
        """The dates the law sets from this record, each with its article (end of the roadmap)."""
        r, t = self.r, self.t
        dates = r["dates"]
        if not dates["dated"] and not dates["undated"]:
            return
        self.heading(t["statutory_dates"], 3)
        self.text(t["statutory_dates_lead"], "Small Print")
        if dates["dated"]:
            self.body.table([20, 50, 30], [t["statutory_date"], t["statutory_duty"],
                                           t["legal_basis"]],
                            [[[[long_date(d["date"], r["lang"])]],
                              [[d["duty"]], [(d["detail"], "Note Text")]],
                              [[d["cite"]]]] for d in dates["dated"]])
        if dates["undated"]:
            self.text(t["statutory_undated"], "Small Print")
            for duty in dates["undated"]:
                self.text(f"{duty['duty']} ({duty['cite']})", "Small Print")

    def exposure(self) -> None:
        """Legal exposure: the penalty provisions behind the open gaps."""
        r, t = self.r, self.t
        self.heading(t["exposure"])
        self.text(t["exposure_lead"])
        if not r["exposure"]:
            self.text(t["no_exposure"])
            return
        self.body.table([25, 45, 30], [t["penalty_provision"], t["penalty"], t["behind_gaps"]],
                        [[[[(e["cite"], "Strong")], [(e["instrument"], "Note Text")],
                           [self.sev(e["severity"])]],
                          [[e["penalty"]]],
                          [[row.breached], [(row.gaps, "Note Text")]]]
                         for e, row in ((e, exposure_row(e, r["lang"])) for e in r["exposure"])])
