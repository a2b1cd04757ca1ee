"""The DOCX's opening parts: the executive summary, the scores at a glance and the scope."""

from __future__ import annotations

from collections.abc import Sequence

from assessor.report.brand import tint
from assessor.report.chartpng import bar_png, radar_png
from assessor.report.wordkit import Cell, P, Run
from assessor.report.words import (
    chart_bars,
    chart_points,
    cites,
    fill,
    gaps_by_law,
    grouped,
    percent,
    rating_capped,
    severity_counts,
    strong_sections,
    summary_lead,
    top_gaps,
)
from assessor.report.wordwriter import Writer, ids


class SummaryParts(Writer):
    """The parts a reader starts with: summary, figures, scope."""

    def summary(self) -> None:
        """Executive summary: the assessor's words first, the figures, the cap, top gaps."""
        r, t = self.r, self.t
        self.heading(t["summary"])
        said = r["consultant_summary"]
        if said:
            self.heading(t["consultant_summary"], 2)
            for paragraph in said["paragraphs"]:
                self.text(paragraph, "Assessor Summary")
            if r["assessment"]["consultant"]:
                self.text(f"— {r['assessment']['consultant']}", "Assessor Signature")
        self.kpis()
        self.text(summary_lead(r, rated_only=self.brand.hide_score))
        capped = rating_capped(r)
        if capped:
            self.text(capped, "Rating Cap")
        self.text(t["rating_bands"], "Small Print")
        self.heading(t["top_gaps"], 2)
        if not r["gaps"]:
            self.text(t["no_gaps"])
        else:
            self.body.table([7, 53, 25, 15], [t["rank"], t["finding_head"], t["legal_basis"],
                                              t["severity"]],
                            [[[[str(g["rank"])]], [self.stated(g), [(ids(g), "Control Id")]],
                              [[cites(g["references"], r["lang"])]],
                              [[self.sev(g["severity"])]]]
                             for g in top_gaps(r)])
        self.strengths()

    def kpis(self) -> None:
        """The four figures: score and rating, coverage, gaps by severity, open points."""
        r, t = self.r, self.t
        overall, counts = r["overall"], r["counts"]
        rating: list[Sequence[Run] | P] = [P([(self.rating(overall["rating"]), "Strong")],
                                             "Table Text")]
        if overall["cap"]:
            rating.append([(fill(t["rating_capped_note"], band=self.rating(overall["band"])),
                            "Note Text")])
        severities = " · ".join(said for _, said in severity_counts(r))
        first = [P([self.rating(overall["rating"])], "Figure Value"), *rating[1:]] \
            if self.brand.hide_score else \
            [P([f"{percent(overall['score'])} / 100"], "Figure Value"), *rating]
        self.body.table([25, 25, 25, 25], [t["rating" if self.brand.hide_score else
                                             "overall_score"], t["coverage"], t["gaps"],
                                           t["open_points"]], [[
            first,
            [P([f"{percent(overall['coverage'])}%"], "Figure Value"),
             [(fill(t["answered_of"], answered=overall["answered"],
                    applicable=overall["applicable"]), "Note Text")]],
            [P([str(counts["gaps"])], "Figure Value"), [(severities, "Note Text")]],
            [P([str(counts["unknown"] + counts["unanswered"])], "Figure Value"),
             [(fill(t["open_points_note"], unknown=counts["unknown"],
                    unanswered=counts["unanswered"]), "Note Text")]],
        ]])

    def strengths(self) -> None:
        """What is strong: controls met and the sections in the strong band."""
        r, t = self.r, self.t
        self.heading(t["strengths"], 2)
        self.text(fill(t["controls_met"], met=r["strengths"]["controls_met"],
                       applicable=r["overall"]["applicable"]))
        if not r["strengths"]["sections"]:
            self.text(t["no_strengths"], "Small Print")
        strong = strong_sections(r)
        for s in strong.shown:
            score = [] if self.brand.hide_score else [(percent(s["score"]) + " ", "Strong")]
            self.text([*score, f"{s['instrument']} — {s['title']}"], "List Bullet")
        if strong.more:
            self.text(strong.more, "Small Print")

    def glance(self) -> None:
        """Scores at a glance: the bar chart and its figures, the radar of the principles."""
        r, t = self.r, self.t
        soft = tint(self.brand.accent, 0.55)
        self.heading(t["glance"])
        self.heading(t["by_instrument"], 2)
        applying = [i for i in r["instruments"] if i["applies"]]
        hide = self.brand.hide_score  # the firm's choice: ratings and gaps, no numeric score
        if not hide:
            self.body.picture(bar_png(chart_bars(r), self.brand.accent, soft, t["chart_note"]),
                              165)
            self.caption(t["by_instrument"])
        self.body.table([64, 12, 12, 12] if hide else [52, 12, 12, 12, 12],
                        [t["instrument"], *([] if hide else [t["score"]]), t["coverage"],
                         t["controls"], t["gaps"]],
                        [[[[i["title"]] + ([(f" ({t['alignment_only']})", "Note Text")]
                                           if not i["binding"] else [])],
                          *([] if hide else [[[percent(i["score"])]]]),
                          [[f"{percent(i['coverage'])}%"]],
                          [[str(i["applicable_controls"])]], [[str(i["gaps"])]]]
                         for i in applying])
        by_law = gaps_by_law(r)  # one fact, several laws: the register counts it once
        if by_law:
            self.text(by_law, "Small Print")
        if r["principles"] and not hide:
            self.heading(t["by_principle"], 2)
            self.body.picture(radar_png(chart_points(r), self.brand.accent, soft), 95)
            self.caption(t["by_principle"])
            self.body.table([8, 62, 15, 15], ["", t["principle"], t["score"], t["controls"]],
                            [[[[(str(p["id"]), "Strong")]], [[p["short"]]],
                              [[percent(p["score"])]], [[str(p["applicable"])]]]
                             for p in r["principles"]])
            self.text(t["principles_note"], "Small Print")

    def scope(self) -> None:
        """Scope: each instrument with the reason; controls left out, grouped by the reason."""
        r, t = self.r, self.t
        self.heading(t["scope"])
        self.text(t["scope_lead"])
        engagement = r.get("engagement") or {}
        if engagement.get("outside"):
            sep = "、" if self.zh else ", "
            self.text([(t["engagement_scope"], "Strong"), " " + fill(
                t["engagement_scope_text"], banks=sep.join(engagement["assessed"]),
                outside=sep.join(o["title"] for o in engagement["outside"]))])
        rows: list[Sequence[Cell] | str] = []
        for i in r["instruments"]:
            version = f"{t['version']} {i['version']}" + (
                f" · {t['alignment_only']}" if not i["binding"] else "")
            rows.append([[[(i["title"], "Strong")], [(version, "Note Text")]],
                         [[t["applies_yes"] if i["applies"] else t["applies_no"]]],
                         [[f"{i['applicable_controls']} / {i['controls']}"]],
                         [[i["reason"] or t["applies_to_all"]]]])
        self.body.table([30, 14, 12, 44], [t["instrument"], t["applies"], t["controls"],
                                           t["reason"]], rows)
        self.heading(t["excluded_controls"], 2)
        if not r["excluded"]:
            self.text(t["no_excluded"])
        else:
            self.text(fill(t["excluded_lead"], count=len(r["excluded"])), "Small Print")
            rows = []
            for why, items in grouped(r["excluded"], "reason"):
                rows.append(f"{t['reason']}{self.colon()}{why}")
                rows += [[[[(c["id"], "Control Id")]], [[c["text"]]]] for c in items]
            self.body.table([38, 62], [t["control_id"], t["control"]], rows)
        self.to_confirm()

    def to_confirm(self) -> None:
        """Controls in scope only because a profile fact is unknown, with the fact to settle."""
        t = self.t
        found = self.r.get("scope_to_confirm") or []
        if not found:
            return
        self.heading(t["scope_to_confirm"], 2)
        self.text(fill(t["scope_to_confirm_lead"], count=len(found)), "Small Print")
        sep = "；" if self.zh else "; "
        self.body.table([38, 62], [t["control_id"], t["control"]],
                        [[[[(c["id"], "Control Id")]],
                          [[c["text"]], [self.label("settled_by"), sep.join(
                              f"{f['text']} ({f['id']})" for f in c["settled_by"])]]]
                         for c in found])
