"""The DOCX's closing parts: evidence, answers, SoA, method, internal appendix and record.

Evidence requests and register, alternative measures, every answer, the Statement of
Applicability, the method and disclaimer, the firm's appendix (``run --internal`` only) and
the document record, in the order of ``words.PARTS``.
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor.report import view
from assessor.report.wordkit import Cell, P, Run
from assessor.report.words import (
    cites,
    fieldwork,
    fill,
    grouped,
    kept_line,
    long_date,
    percent,
    rating_caps,
    seal_line,
    source_dates,
    status_line,
)
from assessor.report.wordwriter import Writer


class AnnexParts(Writer):
    """The parts a reader consults: evidence, answers, SoA, method, record."""

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
                                           [(cites(e["references"], self.r["lang"]), "Note Text")]],
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
                           [(cites(a["references"], self.r["lang"]), "Note Text")]],
                          [[a["justification"] or ""]]] for a in r["alternates"]])

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
            self.text([(i["name"], "Strong"), source_dates(i, r["lang"])], "List Bullet")
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
            *([(t["doc_fieldwork"], period)] if (period := fieldwork(r)) else []),
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
