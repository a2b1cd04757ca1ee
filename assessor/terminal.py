r"""Terminal text: file text made inert, and the summary of scores and top gaps.

Whatever a file holds can reach the terminal: an organisation name, a note, a key, a file
name. A control character there is an instruction to the terminal, not text: ``ESC ] 0 ;``
retitles the window, ``ESC [ 2 J`` clears it, ``ESC ] 52`` writes the clipboard, and a bidi
override (U+202E) shows text in another order than it is stored. :func:`inert` shows each such
character as a visible escape (``\x1b``, ``\u202e``), so the text is seen, never obeyed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assessor.jsontext import dumps
from assessor.model.said import Said

if TYPE_CHECKING:
    from assessor.model.catalog import Catalog
    from assessor.model.record import Answers, EvidenceItem
    from assessor.model.result import Gap, Result

# C0 and C1 controls and DEL, line and paragraph separators, bidi marks, embeddings, overrides
# and isolates, and lone surrogates (a file name's bytes that were not UTF-8).
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                    "\u2066-\u2069\ud800-\udfff]")
# In JSON the C0 controls are escaped already; the rest is escaped the JSON way, same value.
UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                            "\u2066-\u2069\ud800-\udfff]")


def visible(match: re.Match[str]) -> str:
    """Return a control character written out as an escape a person can read."""
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for a byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """Return ``text`` with every character a terminal would act on shown as an escape."""
    return UNSAFE.sub(visible, text)


def json_text(data: Any) -> str:
    """Return ``data`` as indented JSON that is safe to print: the same value, no raw controls."""
    text = dumps(data)
    return UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)



def fmt(value: float | None) -> str:
    """Format a score for a column."""
    return "   —" if value is None else f"{value:4.0f}"


def summary_lines(catalog: Catalog, answers: Answers, result: Result, top: int = 10) -> list[str]:
    """Return the lines of the summary."""
    from assessor.model.result import rating_words

    overall = result.overall
    rated = rating_words(result.rating)
    if result.capped_by is not None:
        rated += (f"; capped by {len(result.capping)} open {result.capped_by} gap"
                  f"{'s' * (len(result.capping) != 1)}, the score alone: "
                  f"{rating_words(result.band)}")
    lines = [f"{answers.organisation.name}",
             f"Overall {fmt(overall.score).strip()} / 100  ({rated}), "
             f"coverage {overall.coverage:.0f}% ({overall.answered}/{overall.applicable})", "",
             f"{'instrument':<44} {'score':>5} {'coverage':>9}"]
    for questionnaire in catalog.questionnaires:
        found = result.by_questionnaire.get(questionnaire.id)
        if found is not None:
            lines.append(f"{questionnaire.title.en[:44]:<44} {fmt(found.score):>5} "
                         f"{found.coverage:8.0f}%")
    if result.by_principle:
        lines += ["", f"{'GDSI principle':<44} {'score':>5} {'coverage':>9}"]
        for principle in catalog.principles:
            found = result.by_principle.get(principle.id)
            if found is not None:
                name = f"{principle.id}. {principle.short.en}"[:44]
                lines.append(f"{name:<44} {fmt(found.score):>5} {found.coverage:8.0f}%")
    lines += ["", f"{len(result.gaps)} gaps; top {min(top, len(result.gaps))}:"]
    for gap in result.gaps[:top]:
        refs = "; ".join(r.cite() for q in gap.questions for r in q.references[:2])
        ids = " · ".join(q.id for q in gap.questions)  # one fact: every law that asks it
        lines.append(f"{gap.rank:>3}. [{gap.severity}] {ids}  ({refs})")
        lines.append(f"     {short_text(lead(gap))}")
    return lines


def lead(gap: Gap) -> str:
    """Return what a gap states: the assessor's finding, the bank's statement, or the question."""
    if gap.answer is not None and gap.answer.finding:
        finding = gap.answer.finding
        return finding.get("en") if isinstance(finding, Said) else finding
    stated = gap.question.statement
    return stated.get("en", partial=0 < gap.score < 1) if stated else gap.question.text.en


def short_text(text: str, columns: int = 74) -> str:
    """Return a question's text on one line, cut at a word to ``columns`` characters.

    A gap named by its text as well as its id reads on a shared screen without the bank open.
    """
    line = " ".join(text.split())
    if len(line) <= columns:
        return line
    return line[:columns - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def evidence_lines(catalog: Catalog, answers: Answers, *, outstanding: bool = False,
                   lang: str = "en") -> list[str]:
    """Return the evidence register per control: each item with its status and dates.

    ``outstanding`` keeps only what the client still owes (requested, rejected or claimed).
    """
    from assessor.record.evidence import OUTSTANDING, per_control, totals, unlinked

    lines: list[str] = []
    entries = per_control(catalog, answers)
    for entry in entries:
        pieces = [p for p in entry.pieces if p.outstanding or not outstanding]
        if not pieces:
            continue
        question = catalog.question(entry.qid)
        lines.append(f"{entry.qid}  ({entry.received} of {entry.requested} received)"
                     + (f"  {question.text.get(lang)}" if question else ""))
        lines += [f"    {piece_line(p.ref, p.item)}" for p in pieces]
    loose = [i for i in unlinked(answers) if i.status in OUTSTANDING or not outstanding]
    if loose:
        lines.append("not linked to a control")
        lines += [f"    {piece_line(i.id, i)}" for i in loose]
    count = totals(answers)
    named = {p.ref: p.status for e in entries for p in e.pieces if p.item is None}
    claimed = sum(1 for s in named.values() if s == "claimed")
    missing = len(named) - claimed
    if named:  # the register's counts below leave these out: say them, never "0 outstanding"
        said = [f"{claimed} named in answers only: claimed by the client, not received"]
        if missing:
            said.append(f"{missing} cited by an id the register does not hold")
        lines.append("documents: " + "; ".join(said))
    lines.append(f"{count['items']} register items: {count['requested']} requested, "
                 f"{count['received']} received, {count['accepted']} accepted, "
                 f"{count['rejected']} rejected"
                 + (f", {count['claimed']} claimed by the client" if count["claimed"] else "")
                 + f"; {count['outstanding']} outstanding")
    return lines


def reply_line(item: EvidenceItem) -> str | None:
    """Return what the client replied on the request list, as one bracket's text."""
    reply = item.reply
    if reply is None:
        return None
    said = {True: "client: provided", False: "client: not provided", None: "client:"}
    parts = [said[reply.provided], reply.file, reply.sent, reply.comment]
    return " ".join(p for p in parts if p)


def piece_line(ref: str, item: EvidenceItem | None) -> str:
    """Return one piece of evidence as a line: id, status, title, file and dates."""
    if item is None:
        from assessor.record.evidence import Piece

        return f"{'-':<8} {Piece(ref, None).status:<10} {ref}"
    dates = ", ".join(f"{k} {v}" for k, v in (("requested", item.requested),
                                              ("received", item.received)) if v)
    extra = "".join(f"  [{x}]" for x in (item.file, dates, item.note, reply_line(item)) if x)
    return f"{item.id:<8} {item.status:<10} {item.title}{extra}"
