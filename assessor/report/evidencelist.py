"""Evidence request list: what the client still owes, as one document for every format.

The list is what a consultant sends the client during fieldwork: titled for the engagement, the
firm's name, the date issued and the date to reply by, DRAFT while the assessment is not final,
then one row per document, grouped by what the client has to do (provide, provide again, the
documents its own answers named, what it sent that is being checked, and what came in). Each row
says why the document is asked for in the client's words: the questions it supports, never the
consultant's notes. XLSX (:mod:`assessor.report.evidencexlsx`), HTML and PDF
(:mod:`assessor.report.evidencehtml`) and DOCX (:mod:`assessor.report.evidenceword`) are all
written from this one :class:`RequestList`.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor.bilingual import Lang
from assessor.model.catalog import Catalog
from assessor.model.record import Answers, EvidenceItem, Reply
from assessor.model.said import in_lang
from assessor.record.evidence import CLAIMED, per_control
from assessor.report.brand import Brand
from assessor.report.standing import review
from assessor.report.words import colon, long_date, strings

# Groups in the order the client works through them; ``received`` only without --outstanding.
GROUPS = ("requested", "rejected", "named", "claimed", "received")
WHY_LIMIT = 4  # questions named under one document; the rest are counted


@dataclass(frozen=True, slots=True)
class Row:
    """One document the list asks for.

    ``key`` is what reading the list back keys on: the register id, or the document's name
    when an answer only names it (``ref`` is then None on the page).
    """

    key: str
    ref: str | None
    title: str
    why: tuple[str, ...]
    status: str
    received: str | None
    reply: Reply | None = None  # the client's earlier reply, pre-filled when sent again


@dataclass(frozen=True, slots=True)
class Group:
    """Rows that ask the same of the client, under one heading."""

    key: str
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class RequestList:
    """The whole list as every format prints it."""

    lang: Lang
    title: str
    organisation: str
    firm: str | None
    confidential: str | None
    issued: str
    due: str | None
    draft: bool
    groups: tuple[Group, ...]
    accent: str  # RRGGBB, checked by the brand
    fonts: str | None = None  # the brand's CSS font stack (families checked by the brand)

    @property
    def rows(self) -> tuple[Row, ...]:
        """Return every row, group by group."""
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def owed(self) -> int:
        """Return how many documents the client still owes (received ones are not)."""
        return sum(len(g.rows) for g in self.groups if g.key != "received")


@dataclass(frozen=True, slots=True)
class Options:
    """What the consultant chose: language, dates, brand, and whether to leave received out."""

    lang: Lang
    issued: str
    due: str | None = None
    brand: Brand | None = None
    outstanding: bool = False


def build(catalog: Catalog, answers: Answers, options: Options) -> RequestList:
    """Return the request list of ``answers``' evidence register and named documents."""
    lang = options.lang
    t = strings(lang)
    brand = (options.brand or Brand()).in_lang(lang)
    cited: dict[str, list[str]] = {}
    for entry in per_control(catalog, answers):
        for piece in entry.pieces:
            if piece.item is not None or piece.status == CLAIMED:  # a bad id is not the client's
                cited.setdefault(piece.ref, []).append(entry.qid)
    rows: dict[str, list[Row]] = {key: [] for key in GROUPS}
    for item in answers.evidence.values():
        group = group_of(item)
        if group == "received" and options.outstanding:
            continue
        rows[group].append(Row(item.id, item.id, item.title,
                               why(catalog, cited.get(item.id, []), lang),
                               status_text(item, t, lang), item.received, item.reply))
    for ref, qids in cited.items():
        if ref not in answers.evidence:
            rows["named"].append(Row(ref, None, ref, why(catalog, qids, lang),
                                     t["ev_status_claimed"], None))
    organisation = in_lang(answers.organisation.name, lang) or ""
    return RequestList(
        lang, f"{t['evl_title']}{'——' if lang == 'zh' else ' — '}{organisation}", organisation,
        brand.firm or in_lang(answers.assessment.firm, lang), brand.confidential,
        options.issued, options.due, review(answers)["draft"],
        tuple(Group(key, t["evl_group_" + key], tuple(found))
              for key, found in rows.items() if found), brand.accent.lstrip("#").upper(),
        brand.font_stack)


def group_of(item: EvidenceItem) -> str:
    """Return the group of a register item: what the client has to do about it."""
    if item.status in ("received", "accepted"):
        return "received"
    if item.status in ("rejected", "claimed"):
        return item.status
    return "requested"


def status_text(item: EvidenceItem, t: dict[str, str], lang: Lang) -> str:
    """Return an item's status as the client reads it; a returned one says why."""
    if item.status == "rejected" and item.note:
        return f"{t['evl_returned']}{colon(lang)}{in_lang(item.note, lang)}"
    if item.status == "claimed":  # the client says it sent it: we have not checked it yet
        return t["evl_status_claimed"]
    return t.get("ev_status_" + item.status, item.status)




def why(catalog: Catalog, qids: list[str], lang: Lang) -> tuple[str, ...]:
    """Return the questions a document supports, in the client's words, with their law."""
    lines = []
    for qid in dict.fromkeys(qids):
        question = catalog.question(qid)
        if question is None:
            continue
        questionnaire = catalog.questionnaire(question.questionnaire)
        law = questionnaire.instrument if questionnaire and questionnaire.instrument else None
        lines.append(f"{question.text.get(lang)}" + (f" ({law})" if law and lang == "en" else
                                                     f"（{law}）" if law else ""))
    if len(lines) > WHY_LIMIT:
        more = len(lines) - WHY_LIMIT + 1
        lines = [*lines[:WHY_LIMIT - 1],
                 f"… and {more} more questions" if lang == "en" else f"……另有{more}个问题"]
    return tuple(lines) or (strings(lang)["evl_general"],)


def dated(value: str | None, lang: Lang) -> str:
    """Return an ISO date as the list prints it (empty when there is none)."""
    return long_date(value, lang) if value else ""

