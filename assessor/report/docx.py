"""DOCX: the gap report as an editable Word document, from the same view model as the PDF.

python-docx rather than docxtpl: docxtpl fills a Word file that holds Jinja2 tags, so every part
(the register's grouped rows, the contents, the SoA) would live as tags inside a .docx nobody can
review in a diff, and a firm's own template would have to carry those tags too. With python-docx
the parts are built here, in code that is tested like the rest, and a firm's template needs only
its styles: whatever it names "heading 1", "Table Text" or "Report Table" is used as it is.

Every part of the PDF is here in the same order, each part a Heading 1 (so the contents field
lists it), figures as PNG pictures with a caption, and tables in the "Report Table" style. The
same input gives the same bytes: the package's dates come from the answers file.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from assessor.errors import AssessorError
from assessor.record.sheets import text_width
from assessor.report import view
from assessor.report.brand import Brand, labelled, tint
from assessor.report.chartpng import bar_png, radar_png
from assessor.report.wordkit import (
    Body,
    Cell,
    P,
    Run,
    Styles,
    clean,
    east_asian_fonts,
    fixed_bytes,
    house_fonts,
    open_document,
    update_fields_on_open,
)
from assessor.report.words import (
    PARTS,
    chart_bars,
    chart_points,
    cites,
    exposure_row,
    fill,
    grouped,
    kept_line,
    long_date,
    marking,
    needs_verifying,
    percent,
    rating_capped,
    rating_caps,
    seal_line,
    severity_moved,
    status_line,
    strings,
    strong_sections,
    summary_lead,
    top_gaps,
    tracked,
)
from assessor.report.wordstyles import define_styles


class Report:
    """One DOCX being written: the body, the fixed text, the brand and the view model."""

    def __init__(self, context: view.Report, brand: Brand, template: bytes | None) -> None:
        self.r = context
        self.t = strings(context["lang"])
        self.zh = context["lang"] == "zh"
        self.brand = brand = brand.in_lang(context["lang"])
        self.firm = brand.firm or context["assessment"]["firm"]
        self.document = open_document(template)
        self.styles = Styles(self.document, brand.accent, own=template is None)
        define_styles(self.styles, brand)
        east_asian_fonts(self.document, context["lang"], own=template is None)
        house_fonts(self.document, brand.font_en, brand.font_zh)
        update_fields_on_open(self.document)
        self.body = Body(self.document, self.styles)
        self.figures = 0

    # ---------------------------------------------------------------- helpers

    def colon(self) -> str:
        """Return the colon of the report's language."""
        return "：" if self.zh else ": "

    def heading(self, text: str, level: int = 1) -> None:
        """Add a part (level 1, on a new page) or a sub-heading."""
        self.body.para(text, f"heading {level}", page_break=level == 1)

    def text(self, runs: Run | Sequence[Run], style: str = "Normal") -> None:
        """Add a paragraph."""
        self.body.para(runs, style)

    def caption(self, text: str) -> None:
        """Number and add a figure's caption (Word's Caption style)."""
        self.figures += 1
        word = "图" if self.zh else "Figure"
        self.body.para(f"{word} {self.figures}{'　' if self.zh else '. '}{text}", "caption")

    def sev(self, severity: str) -> Run:
        """Return a severity as a run in its own character style."""
        return (self.t["severity_" + severity], "Severity " + severity.title())

    def label(self, name: str) -> Run:
        """Return a field label ("Current answer:") in the Label character style."""
        return (self.t[name] + self.colon(), "Label")

    def rating(self, key: str) -> str:
        """Return a rating band's name."""
        return self.t["rating_" + key]

    # ---------------------------------------------------------------- the document

    def build(self) -> bytes:
        """Write every part and return the DOCX bytes."""
        self.page_setup()
        self.cover()
        self.contents()
        for part in PARTS:  # each part's builder is the method named by its anchor
            if part.anchor == "record":
                self.internal()  # the firm's appendix, only in its edition (run --internal)
            getattr(self, part.anchor)()
        stamp = assessment_time(self.r)
        props = self.document.core_properties
        props.title = clean(f"{self.t['report_title']} — {self.r['organisation']['name']}")
        props.subject = clean(self.r["subtitle"])
        props.author = clean(self.r["assessment"]["consultant"] or self.firm or "")
        props.last_modified_by = props.author
        props.comments = f"assessor {self.r['tool']['version']}"
        props.keywords = self.t["draft_word"] if self.r["review"]["draft"] else ""
        props.category = self.t["report_kind"]
        props.revision = 1
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        out = io.BytesIO()
        self.document.save(out)
        return fixed_bytes(out.getvalue(), stamp)

    def page_setup(self) -> None:
        """A4 with 20 mm margins (ours), header and footer with the marking and page numbers."""
        from docx.shared import Mm

        section = self.document.sections[0]
        if self.styles.own:
            section.page_width, section.page_height = Mm(210), Mm(297)
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, side, Mm(20))
            section.header_distance = section.footer_distance = Mm(10)
        section.different_first_page_header_footer = True
        confidential = self.brand.confidential or self.t["confidential"]
        if self.firm:
            confidential += f" · {self.firm}"
        marked = marking(self.r)  # DRAFT, INTERNAL (the firm's edition), both or nothing
        # Every kind of header carries the marking: a firm's duplex template prints even
        # pages with its even header, which must say DRAFT too (review defect 4).
        # A marking longer than the room right of the centre would run into the client's name
        # and the DRAFT word: it takes a line of its own under them instead.
        own_line = text_width(self.r["organisation"]["name"]) + text_width(confidential) > \
            HEADER_LINE
        for header in (section.header, section.even_page_header):
            header.is_linked_to_previous = False
            self.header_lines(free_line(header), [self.r["organisation"]["name"], marked,
                                                  "" if own_line else confidential])
            if own_line:
                line = header.add_paragraph()._p
                self.set_style(line, "header")
                self.body.run(line, confidential)
        first = section.first_page_header
        first.is_linked_to_previous = False
        self.header_lines(free_line(first), ["", marked, ""])
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False
            self.page_numbers(free_line(footer))

    def page_numbers(self, p: Any) -> None:
        """Fill a footer paragraph with "Page N of M"."""
        self.body.run(p, self.t["page_before"] + (" " if not self.zh else ""))
        self.body.field(p, "PAGE", "1")
        self.body.run(p, (" " if not self.zh else "") + self.t["page_middle"]
                      + (" " if not self.zh else ""))
        self.body.field(p, "NUMPAGES", "1")
        self.body.run(p, self.t["page_after"])
        self.set_style(p, "footer")

    def header_lines(self, p: Any, parts: list[str]) -> None:
        """Fill a header paragraph: left, centre (the DRAFT marking) and right, by tab stops."""
        self.set_style(p, "header")
        self.body.run(p, parts[0])
        self.body.run(p, "\t")
        if parts[1]:
            self.body.run(p, (parts[1], "Draft Marking"))
        self.body.run(p, "\t")
        self.body.run(p, parts[2])

    def set_style(self, p: Any, name: str) -> None:
        """Give an existing paragraph element a paragraph style."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
        style = ppr.find(qn("w:pStyle"))
        if style is None:
            style = OxmlElement("w:pStyle")
            ppr.insert(0, style)
        style.set(qn("w:val"), self.styles.id(name))

    def cover(self) -> None:
        """The cover: logo, firm, title, client, facts, status and the confidentiality marking."""
        r, t = self.r, self.t
        if self.r["review"]["draft"]:
            self.text(t["draft_marking"], "Draft Marking")
        if self.r["internal"] is not None:
            self.text(t["internal_marking"], "Draft Marking")
        logo = logo_bytes(self.brand.logo)
        if logo is not None:
            self.body.picture(logo, 45, "Cover Firm")
        if self.firm:
            self.text(self.firm, "Cover Firm")
        self.text(t["report_kind"], "Subtitle")
        self.text(t["report_title"], "Title")
        self.text(r["subtitle"], "Subtitle")
        self.text(t["prepared_for"], "Cover Label")
        self.text(r["organisation"]["name"], "Cover Client")
        if r["organisation"]["sector"]:
            self.text(r["organisation"]["sector"], "Cover Label")
        facts: list[tuple[str, str]] = []
        if r["assessment"]["consultant"]:
            facts.append((t["prepared_by"], r["assessment"]["consultant"]))
        if self.firm:
            facts.append((t["firm"], self.firm))
        if r["assessment"]["date"]:
            facts.append((t["assessment_date"], long_date(r["assessment"]["date"], r["lang"])))
        facts.append((t["report_status"], status_line(r)))
        facts.append((t["rating"], self.rating(r["overall"]["rating"])) if self.brand.hide_score
                     else (t["overall_score"], f"{percent(r['overall']['score'])} / 100 · "
                                          f"{self.rating(r['overall']['rating'])}"))
        self.body.table([30, 70], None, [[[[(k, "Label")]], [[v]]] for k, v in facts],
                        style="Facts Table")
        words = self.brand.confidential or fill(t["confidential_default"],
                                                org=r["organisation"]["name"])
        label = [] if labelled(words) else [(t["confidential_label"] + self.colon(), "Strong")]
        self.text([*label, words], "Marking")

    def contents(self) -> None:
        """The contents: a TOC field Word updates on opening, pre-filled with the parts."""
        t = self.t
        self.body.para(t["contents"], "TOC Heading", page_break=True)
        entries: list[tuple[int, str]] = []
        for part in PARTS:
            if part.anchor == "record" and self.r["internal"]:
                entries.append((1, t["internal_appendix"]))
            entries.append((1, t[part.title]))
            if part.anchor == "appendix":
                entries += [(2, block["title"]) for block in self.r["appendix"]]
        self.body.contents(entries)

    # ---------------------------------------------------------------- executive summary

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
                              [[cites(g["references"])]], [[self.sev(g["severity"])]]]
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
        severities = " · ".join(f"{n} {t['severity_' + s].lower()}"
                                for s, n in counts["by_severity"].items() if n)
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

    # ---------------------------------------------------------------- charts and scope

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
        by_law = sum(i["gaps"] for i in applying)
        if by_law != r["counts"]["gaps"]:  # one fact, several laws: the register counts it once
            self.text(fill(t["gaps_by_law_note"], count=r["counts"]["gaps"], by_law=by_law),
                      "Small Print")
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

    # ---------------------------------------------------------------- gaps

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

    def gap_row(self, g: view.GapView) -> list[Cell]:
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

    def stated(self, g: view.GapView) -> list[Run]:
        """Return the finding a gap states, marked when the answer is not yet confirmed."""
        return ([self.label("unconfirmed")] if g["unconfirmed"] else []) + \
            [(g["statement"], "Strong")]

    def voice(self, answer: view.AnswerView, *, led: bool = False) -> list[Sequence[Run] | P]:
        """Return the assessor's flag and finding (unless it leads the row) as cell paragraphs."""
        out: list[Sequence[Run] | P] = []
        if flag := answer["flag"]:
            out.append(P([self.label("to_be_confirmed"), flag], "Finding"))
        if (finding := answer["finding"]) and not led:
            out.append(P([self.label("finding"), finding], "Finding"))
        return out

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
                           [self.sev(g["severity"]), f" · {cites(g['references'])}"]]]
                         for g in group]
            self.body.table([7, 58, 35], [t["rank"], t["action"], t["closes"]], rows)
        self.text(" ".join(f"{t['priority_' + p]}{self.colon()}{t[f'priority_{p}_note']}"
                           for p in ("act_now", "within_90_days", "within_year")), "Small Print")
        self.statutory_dates()

    def tracked(self, action: view.ActionView | None) -> list[Sequence[Run] | P]:
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

    def evidence(self) -> None:
        """Evidence requests, then the evidence register per control."""
        r, t = self.r, self.t
        self.heading(t["evidence_requests"])
        self.text(t["evidence_lead"])
        if not r["evidence_requests"]:
            self.text(t["no_evidence_requests"])
        else:
            self.body.table([7, 50, 15, 28], [t["rank"], t["control"], t["status"],
                                              t["what_to_provide"]],
                            [[[[str(n)]], [[(e["id"], "Control Id")], [e["text"]],
                                           [(cites(e["references"]), "Note Text")]],
                              [[t["status_" + e["status"]]]],
                              [[e["evidence_hint"] or t["evidence_default"]]]]
                             for n, e in enumerate(r["evidence_requests"], start=1)])
        register = r.get("evidence")
        if register is None:
            return
        self.heading(t["evidence_received"], 2)
        if not register["controls"] and not register["unlinked"]:
            self.text(t["no_evidence_received"], "Small Print")
            return
        totals = register["totals"]
        self.text(fill(t["evidence_received_lead"],
                       received=totals["received"] + totals["accepted"],
                       requested=totals["items"], outstanding=totals["outstanding"]))
        rows: list[Sequence[Cell] | str] = [
            [[[(c["id"], "Control Id")], [c["text"]]],
             [[(f"{i['id']} ", "Strong")] * bool(i["id"]) + [
                 f"{i['title']} · {t['ev_status_' + i['status']]}"] for i in c["items"]],
             [[fill(t["received_of"], received=c["received"], requested=c["requested"])]]]
            for c in register["controls"]]
        if register["unlinked"]:
            rows.append(t["evidence_unlinked"])
            rows += [[[[(i["id"] or "", "Control Id")]],
                      [[f"{i['title']} · {t['ev_status_' + i['status']]}"]], [[""]]]
                     for i in register["unlinked"]]
        self.body.table([45, 40, 15], [t["control"], t["evidence"], t["evidence_received_on"]],
                        rows)

    def alternates(self) -> None:
        """Alternative measures, each with its justification."""
        r, t = self.r, self.t
        self.heading(t["alternates"])
        self.text(t["alternates_lead"])
        if not r["alternates"]:
            self.text(t["no_alternates"], "Small Print")
            return
        self.body.table([50, 50], [t["control"], t["justification"]],
                        [[[[(a["id"], "Control Id")], [a["text"]],
                           [(cites(a["references"]), "Note Text")]],
                          [[a["justification"] or ""]]] for a in r["alternates"]])

    # ---------------------------------------------------------------- appendix and SoA

    def appendix(self) -> None:
        """Every answer, questionnaire by questionnaire, with notes, findings and evidence."""
        r, t = self.r, self.t
        self.heading(t["appendix"])
        self.text(t["appendix_lead_unscored" if self.brand.hide_score else "appendix_lead"])
        for block in r["appendix"]:
            self.heading(block["title"], 2)
            hide = self.brand.hide_score  # the firm's choice: no numeric score anywhere
            self.body.table([48, 52] if hide else [48, 40, 12],
                            [t["question"], t["answer"], *([] if hide else [t["score"]])],
                            [self.answer_row(row) for row in block["rows"]])

    def answer_row(self, row: view.AppendixRow) -> list[Cell]:
        """Return one answer of the appendix."""
        t = self.t
        answer: list[Sequence[Run] | P] = [
            [(row["display"], "Strong")] + ([(f" ({t['not_applicable_here']})", "Note Text")]
                                            if not row["applies"] else [])]
        if row["note"]:
            answer.append([(row["note"], "Note Text")])
        if row["evidence"]:
            answer.append([self.label("evidence"), ("、" if self.zh else ", ").join(
                row["evidence"])])
        answer += self.voice(row)
        if row["severity_override"]:
            override = row["severity_override"]
            answer.append(P([fill(t["severity_set"], level=t["severity_" + override["level"]])
                             + self.colon() + override["justification"]], "Severity Change"))
        question: Cell = [[(row["id"], "Control Id")], [row["text"]]]
        if self.brand.hide_score:
            return [question, answer]
        score = "—" if row["score"] is None else percent(row["score"] * 100)
        return [question, answer, [[score]]]

    def soa(self) -> None:
        """The Statement of Applicability: every control, applies or not and why, status."""
        r, t = self.r, self.t
        self.heading(t["soa"])
        self.text(t["soa_lead"])
        for block in r["soa"]:
            self.heading(block["title"], 2)
            rows: list[Sequence[Cell] | str] = []
            for why, items in grouped(block["rows"], "reason"):
                for applies, controls in grouped(items, "applies"):
                    rows.append(f"{t['applies_yes'] if applies else t['applies_no']}"
                                f"{self.colon()}{why or t['applies_to_all']}")
                    rows += [self.soa_row(c) for c in controls]
            self.body.table([34, 48, 18], [t["control_id"], t["control"], t["status"]], rows)

    def soa_row(self, c: view.SoaRow) -> list[Cell]:
        """Return one control of the Statement of Applicability."""
        text: list[Sequence[Run] | P] = [[c["text"]]]
        if c["status"] == "na" and c["note"]:
            text.append([(c["note"], "Note Text")])
        if c.get("to_confirm"):
            text.append([(self.t["scope_to_confirm"], "Note Text")])
        return [[[(c["id"], "Control Id")]], text,
                [[(self.t["soa_" + c["status"]], "Status " + c["status"])]]]

    # ---------------------------------------------------------------- method and record

    def method(self) -> None:
        """Method and disclaimer: scoring, bands and caps, severity, sources."""
        r, t = self.r, self.t
        self.heading(t["method"])
        self.heading(t["method_scoring"], 2)
        laws = "" if r["principles"] else "_laws"  # the GDSI named only when in scope
        for key in ("method_text" + laws, "method_special", "rating_bands"):
            self.text(t[key])
        self.heading(t["rating_caps_title"], 2)
        self.text(rating_caps(r))
        self.heading(t["method_severity"], 2)
        self.body.table([18, 52, 30], [t["severity"], t["meaning"], t["priority"]],
                        [[[[self.sev(s)]], [[t[f"severity_{s}_meaning"]]],
                          [[t["priority_" + p]]]]
                         for s, p in (("critical", "act_now"), ("high", "within_90_days"),
                                      ("medium", "within_year"), ("low", "within_year"))])
        self.text(t["method_override"])
        self.heading(t["method_sources"], 2)
        for i in r["sources"]:
            runs: list[Run] = [(i["name"], "Strong")]
            if i["announced"]:
                runs.append(" — " + fill(t["announced_on"],
                                         date=long_date(i["announced"], r["lang"])))
            elif i["effective"]:
                runs.append(" — " + fill(t["in_force_since"],
                                         date=long_date(i["effective"], r["lang"])))
            if i["amended"]:
                runs.append(("；" if self.zh else "; ") + fill(
                    t["amended_on"], date=long_date(i["amended"], r["lang"])))
            if not i["binding"]:
                runs.append(("；" if self.zh else "; ") + t["alignment_only"])
            self.text(runs, "List Bullet")
        self.text(t["verify_note"], "Small Print")
        self.heading(t["disclaimer_title"], 2)
        self.text(t["disclaimer" + ("" if self.r["principles"] else "_laws")])

    def internal(self) -> None:
        """The firm's appendix (``run --internal`` only): quality checks and internal notes."""
        internal = self.r.get("internal")
        if not internal:
            return
        t = self.t
        self.heading(t["internal_appendix"])
        self.text([(t["internal_marking"], "Severity Critical")])
        self.quality(internal["quality"])
        self.heading(t["internal_notes"], 2)
        if not internal["notes"]:
            self.text(t["internal_notes_none"], "Small Print")
        else:
            self.body.table([28, 36, 36], [t["control_id"], t["control"], t["internal_note"]],
                            [[[[(n["id"], "Control Id")]],
                              [[n["text"]], [(n["display"], "Note Text")]],
                              [[n["internal"] or ""]]] for n in internal["notes"]])
        self.conflicts(internal["conflicts"])

    def conflicts(self, conflicts: list[view.ConflictRow]) -> None:
        """The answers the record did not take, each with who, when, from where and why."""
        t = self.t
        self.heading(t["conflicts_title"], 2)
        if not conflicts:
            self.text(t["conflicts_none"], "Small Print")
            return
        self.text(t["conflicts_lead"])
        self.body.table([28, 36, 36], [t["control_id"], t["answer_taken"],
                                       t["answers_not_taken"]],
                        [[[[(c["id"], "Control Id")]],
                          [[c["text"]], [(c["display"], "Note Text")]],
                          [[kept_line(k, self.r["lang"])] for k in c["kept"]]]
                         for c in conflicts])

    def quality(self, quality: view.Quality) -> None:
        """The quality checks' counts, check by check."""
        t = self.t
        self.heading(t["method_quality"], 2)
        self.text(t["quality_lead"])
        if not quality["warnings"]:
            self.text(t["quality_none"], "Small Print")
            return
        self.body.table([85, 15], None, [[[[t.get("quality_" + c["id"], c["id"])]],
                                          [[str(c["count"])]]]
                                         for c in quality["checks"] if c["count"]])

    def record(self) -> None:
        """The document record: what the report was produced from, and its digest."""
        r, t = self.r, self.t
        self.heading(t["record"])
        self.text(t["record_lead"])
        doc = r["document"]
        facts: list[tuple[str, str]] = [
            (t["client"], r["organisation"]["name"]),
            *([(t["doc_version"], doc["version"])] if doc["version"] else []),
            (t["assessment_date"], long_date(r["assessment"]["date"], r["lang"])),
            *([(t["doc_fieldwork"], fill(t["doc_period"],
                                         start=long_date(doc["fieldwork"]["from"], r["lang"]),
                                         end=long_date(doc["fieldwork"]["to"], r["lang"])))]
              if doc["fieldwork"] else []),
            *([(t["doc_distribution"], ("、" if r["lang"] == "zh" else ", ").join(
                doc["distribution"]))] if doc["distribution"] else []),
            (t["report_status"], status_line(r)),
            *self.seal_rows(),
            (t["answers_file"], r["source"]["answers_file"] or "—"),
            (t["answers_digest"], r["source"]["sha256"] or "—"),
            (t["versions"], ", ".join(f"{k} {v}" for k, v in
                                      r["source"]["questionnaires"].items())),
            (t["produced_by"], f"{r['tool']['name']} {r['tool']['version']} · "
                               f"{t['report_language']}"),
        ]
        self.body.table([30, 70], None, [[[[(k, "Label")]], [[v]]] for k, v in facts])
        if doc["history"]:
            self.heading(t["doc_history"], 2)
            self.body.table([14, 20, 22, 44], [t["doc_version"], t["doc_date"], t["doc_author"],
                                               t["doc_change"]],
                            [[[[h["version"]]], [[long_date(h["date"], r["lang"])]],
                              [[h["by"] or "—"]], [[h["change"] or "—"]]]
                             for h in doc["history"]])
        self.text(t["record_note"], "Small Print")

    def seal_rows(self) -> list[tuple[str, str]]:
        """Whether the sign-off holds for this report, and its digest (none when unsigned)."""
        r, t = self.r, self.t
        said, sign = seal_line(r), r["review"]["signed_off"]
        if said is None:
            return []
        return [(t["sign_off_seal"], said), (t["seal_digest"], sign and sign["digest"] or "—")]


HEADER_LINE = 80  # columns of client name and marking one 8 pt header line holds beside DRAFT


def ids(gap: view.GapView) -> str:
    """Return a gap's control id, with those of the other laws asking the same fact."""
    return " · ".join([gap["id"], *(a["id"] for a in gap["also"])])


def free_line(part: Any) -> Any:
    """Return an empty paragraph of a header or footer: its first, or a new one after a firm's.

    A firm's template may bring a header of its own (a logo, an address); the report's line
    is added below it rather than written over it.
    """
    first = part.paragraphs[0]
    if not first.runs and not first._p.xpath(".//w:drawing"):
        return first._p
    return part.add_paragraph()._p


def assessment_time(context: view.Report) -> dt.datetime:
    """Return the assessment date as the package's time (midnight UTC), or a fixed one."""
    date = context["assessment"]["date"]
    day = dt.date.fromisoformat(date) if date else dt.date(2000, 1, 1)
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def logo_bytes(uri: str | None) -> bytes | None:
    """Return a PNG or JPEG logo's bytes from its ``data:`` URI; None for none or an SVG.

    Word and python-docx take raster pictures; an SVG logo is left off the DOCX cover (the firm
    name is printed) rather than rasterised with a library we do not ship.
    """
    if not uri or not uri.startswith(("data:image/png;", "data:image/jpeg;")):
        return None
    return base64.b64decode(uri.split(",", 1)[1])


def render_docx(context: view.Report, brand: Brand | None = None,
                template: bytes | None = None) -> bytes:
    """Return the report as DOCX bytes; ``template``: a firm's .docx/.dotx whose styles win."""
    chosen = brand or Brand()
    given = template if template is not None else chosen.docx_template
    if given is None:
        return Report(context, chosen, None).build()
    from lxml import etree  # type: ignore[import-untyped]

    try:  # cleaned when loaded, a firm's template may still break python-docx's expectations
        return Report(context, chosen, given).build()
    except (KeyError, ValueError, IndexError, TypeError, AttributeError,
            etree.XMLSyntaxError) as exc:
        raise AssessorError(f"the docx template cannot be used: it is malformed "
                            f"({type(exc).__name__}: {exc}); save it again from Word") from None

