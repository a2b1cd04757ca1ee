"""Templates: answers files to fill in by hand, with each question's options and help as comments.

A template is read by the client as much as by the tool, so its comments come in the client's
language (``lang``); option ids, question ids and keys stay as they are, since they are what
the file must hold. ``only`` narrows it to some questions: the ones an answers file still leaves
unanswered, written out to be filled in and merged back.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, assert_never

import yaml

from assessor.model.catalog import Catalog, Question, QuestionType
from assessor.model.record import ANSWERS_FORMAT, Answers
from assessor.record.blocks import assessment_data, said_data
from assessor.text import wrap as columns

# (en, zh) of every fixed word a template shows.
WORDS: dict[str, tuple[str, str]] = {
    "yesno": ("yesno", "是/否"),
    "single": ("single", "单选"),
    "multi": ("multi (a list: [a, b])", "多选（写成列表：[a, b]）"),
    "scale": ("scale", "程度"),
    "number": ("number", "数字"),
    "text": ("text", "文字"),
    "applies": ("applies if", "适用条件"),
    "also": ("also", "也可填"),
    "na": ("na (with note)", "na（不适用，须附 note 说明理由）"),
    "unknown": ("unknown", "unknown（不清楚）"),
    "alternate": ("alternate (with note)", "alternate（替代措施，须附 note 说明）"),
    "help": ("help", "说明"),
    "same_as": ("the same fact as {qid}: answered there, counted here too (answer here only if "
                "that question does not apply)",
                "与 {qid} 为同一事实：在该题作答，此处同样计入（仅当该题不适用时才在此作答）"),
    "todo": ("The {count} applicable questions {source} leaves unanswered. Fill them in, then "
             "merge this file back into {source} (assessor merge). Answering a profile question "
             "can bring more questions into scope: check the merged file again.",
             "{source} 中尚未回答的 {count} 个适用问题。请填写后合并回 {source}（assessor merge）。"
             "回答概况问题可能使更多问题适用：合并后请再检查一次。"),
    "fill": ("Answer each question after its colon with an option id as listed (yes, not Yes; "
             "a list for multi), a number or text. Leave out what you cannot answer yet.",
             "请在每个问题的冒号后填写答案：选项 id 照注释中所列原样填写"
             "（如 yes，而非“是”；多选写成列表），或填写数字、文字。暂时无法回答的问题可留空。"),
    "none_left": ("{source} leaves no applicable question unanswered.",
                  "{source} 中所有适用问题均已回答。"),
}
COLUMNS = 96  # display columns of a comment line (a Chinese character takes two)


def word(key: str, lang: str, **values: object) -> str:
    """Return a fixed word of the template in ``lang``."""
    en, zh = WORDS[key]
    return (zh if lang == "zh" else en).format(**values)


def template(catalog: Catalog, questionnaire_ids: Iterable[str] = (), lang: str = "en", *,
             only: Collection[str] | None = None, source: Answers | None = None) -> str:
    """Return an answers file to fill in: every question, its options and help as comments.

    Args:
        catalog: the banks.
        questionnaire_ids: only these banks (the profile always comes).
        lang: the language of the comments (en or zh); ids stay as they are.
        only: only these question ids (with their banks' headings).
        source: the answers file whose organisation and assessment the template carries (for
            a file of its unanswered questions, to be merged back).
    """
    wanted = set(questionnaire_ids)
    lines = ["# " + line for line in wrap(word("fill", lang), 2)]
    lines += head(source) if source else [
        f"format: {ANSWERS_FORMAT}", "organisation:", "  name: ", "  sector: ", "assessment:",
        "  consultant: ", "  date: ", f"  lang: {lang}"]
    banks = [q.id for q in catalog.questionnaires if q.id in wanted and q.kind != "profile"]
    if banks and not source:  # -q: the engagement's scope, so other banks are not "missing"
        lines.append(f"  scope: [{', '.join(banks)}]")
    lines.append("answers:")
    for questionnaire in catalog.questionnaires:
        if wanted and questionnaire.id not in wanted and questionnaire.kind != "profile":
            continue
        chosen = [q for q in questionnaire.questions if only is None or q.id in only]
        if not chosen:
            continue
        lines.append(f"  # ---- {questionnaire.title.get(lang)}"
                     f"{parens(f'{questionnaire.id} {questionnaire.version}', lang)} ----")
        for question in chosen:
            lines += shared_lines(question, lang) if question.same_as and only is None else \
                question_lines(question, lang)
    return "\n".join(lines) + "\n"


def head(source: Answers) -> list[str]:
    """Return the top of a template made from ``source``: its organisation and assessment."""
    data: dict[str, Any] = {"format": ANSWERS_FORMAT, "organisation": {
        k: said_data(v) for k, v in (("name", source.organisation.name),
                                     ("sector", source.organisation.sector)) if v}}
    assessment = {k: v for k, v in assessment_data(source.assessment).items()
                  if k in ("consultant", "firm", "date", "lang", "scope")}
    if assessment:
        data["assessment"] = assessment
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return text.rstrip("\n").split("\n")


def parens(text: str, lang: str) -> str:
    """Return ``text`` in brackets: full width after Chinese, with a space before in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def colon(lang: str) -> str:
    """Return the colon after a label: full width in Chinese."""
    return "：" if lang == "zh" else ": "


def todo_comment(count: int, source: str, lang: str) -> str:
    """Return the opening comment of a file of unanswered questions."""
    text = word("todo" if count else "none_left", lang, count=count, source=source)
    return "\n".join("# " + line for line in wrap(text, 2)) + "\n"


def question_lines(question: Question, lang: str) -> list[str]:
    """Return one question's comments and its empty key."""
    lines = [f"  # {line}" for line in wrap(question.text.get(lang), 4)]
    match question.type:
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.MULTI | QuestionType.SCALE:
            choices = " | ".join(o.id for o in question.options)
            lines.append(f"  #   {word(str(question.type), lang)}{colon(lang)}{choices}")
            lines += [f"  #     {o.id} = {o.label.get(lang)}" for o in question.options
                      if o.label.get(lang) and o.label.get(lang) != o.id]
        case QuestionType.NUMBER:
            unit = parens(question.unit.get(lang), lang) if question.unit else ""
            lines.append(f"  #   {word('number', lang)}{unit}")
        case QuestionType.TEXT:
            pass  # the question and its help say what to write
        case _:
            assert_never(question.type)
    if question.applies_if:
        lines.append(f"  #   {word('applies', lang)}{colon(lang)}{question.applies_if}")
    extras = [word("na", lang), word("unknown", lang)]
    if question.alternate:
        extras.append(word("alternate", lang))
    joined = ("、" if lang == "zh" else ", ").join(extras)
    lines.append(f"  #   {word('also', lang)}{colon(lang)}{joined}")
    if question.help:
        text = f"{word('help', lang)}{colon(lang)}{question.help.get(lang)}"
        lines += [f"  #   {line}" for line in wrap(text, 6)]
    lines.append(f"  {question.id}: ")
    return lines


def shared_lines(question: Question, lang: str) -> list[str]:
    """Return a control whose fact is asked under another: said where, its key left out.

    The file carries the fact once; the key, commented, is there for a client whose other
    control does not apply (``check`` then asks for it).
    """
    lines = [f"  # {line}" for line in wrap(question.text.get(lang), 4)]
    lines += [f"  #   {line}" for line in wrap(word("same_as", lang, qid=question.same_as), 6)]
    return [*lines, f"  # {question.id}: "]


def wrap(text: str, indent: int) -> list[str]:
    """Wrap comment text to the page by display width (:func:`assessor.text.wrap`).

    Chinese has no spaces to break at: each wide character may end a line, while Latin words
    (ids, article numbers) are kept whole.
    """
    return columns(" ".join(text.split()), COLUMNS - indent) if text.strip() else [""]


__all__ = ["template", "todo_comment"]
