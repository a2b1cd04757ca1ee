"""Wording of the interview's screens, in English and Chinese, and text fitted to a terminal.

Kept apart from the prompts so the two languages can be read side by side, and so the
fitting rules (Chinese characters take two columns) are plain functions a test can call.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORDS: dict[str, tuple[str, str]] = {
    "welcome": ("assessor interview · every answer is saved at once to {path}",
                "assessor 访谈 · 每个回答都会立即保存到 {path}"),
    "welcome_keys": ("Ctrl-C saves and quits at any prompt; --resume continues later.",
                     "任何提示下按 Ctrl-C 即保存并退出；之后可用 --resume 继续。"),
    "resumed": ("Resumed {path}: every answer kept ({count} so far).",
                "已继续 {path}：原有回答全部保留（目前 {count} 个）。"),
    "details": ("Organisation details", "组织信息"),
    "org_name": ("Organisation name", "组织名称"),
    "org_sector": ("Sector", "行业"),
    "consultant": ("Consultant", "顾问"),
    "date": ("Assessment date", "评估日期"),
    "date_hint": ("(YYYY-MM-DD)", "（YYYY-MM-DD）"),
    "date_bad": ("write the date as YYYY-MM-DD", "请按 YYYY-MM-DD 填写日期"),
    "required": ("needed; type it in", "必填"),
    "enter_skips": ("(Enter skips)", "（回车跳过）"),
    "k_choose": ("{first}–{last} choose", "{first}–{last} 选择"),
    "k_tick": ("{first}–{last} tick · a all", "{first}–{last} 勾选 · a 全选"),
    "k_type": ("type the answer", "输入回答"),
    "k_na": ("not applicable", "不适用"),
    "k_unknown": ("unknown", "未知"),
    "k_alternate": ("alternative", "替代措施"),
    "k_enter": ("Enter records", "回车 记录"),
    "k_note": ("note", "备注"),
    "k_evidence": ("evidence", "证据"),
    "k_flag": ("flag", "待确认"),
    "k_finding": ("finding", "评估发现"),
    "k_internal": ("internal", "内部备注"),
    "k_severity": ("severity", "严重程度"),
    "k_moves": ("? help · < back · > skip · : more · Ctrl-C save and quit",
                "? 帮助 · < 上一题 · > 跳过 · : 更多 · Ctrl-C 保存并退出"),
    "choose": ("choose an answer: a number, then Enter (or x, u{alternate})",
               "请选择回答：按数字键后回车（或 x、u{alternate}）"),
    "tick_none": ("nothing ticked: tick with a number or Space, or press Enter again to "
                  "record none ticked",
                  "未勾选任何项：按数字键或空格勾选，或再按回车记录“均未勾选”"),
    "flag": ("Flag for follow-up: what is to be confirmed?", "标记待确认：需要确认什么？"),
    "finding": ("Finding (the assessor's observation)", "评估发现（评估人的观察）"),
    "internal": ("Internal note (for the firm: no client output prints it)",
                 "内部备注（仅供本所使用，交付委托方的文件均不显示）"),
    "severity_pick": ("Severity of this gap: 1 critical · 2 high · 3 medium · 4 low · "
                      "0 the bank's ({severity})",
                      "本项差距的严重程度：1 严重 · 2 高 · 3 中 · 4 低 · "
                      "0 采用题库设定（{severity}）"),
    "severity_why": ("Why {severity}?", "为何定为“{severity}”？"),
    "severity_bad": ("press 1, 2, 3 or 4 (0 keeps the bank's severity, Esc cancels)",
                     "请按 1、2、3 或 4（0 采用题库设定，Esc 取消）"),
    "field_hint": ("(Enter saves · Esc cancels · empty removes)",
                   "（回车保存 · Esc 取消 · 清空即删除）"),
    "x_note": ("note: {text}", "备注：{text}"),
    "x_evidence": ("evidence: {text}", "证据：{text}"),
    "x_flag": ("⚑ to be confirmed: {text}", "⚑ 待确认：{text}"),
    "x_finding": ("finding: {text}", "评估发现：{text}"),
    "x_internal": ("internal: {text}", "内部备注：{text}"),
    "x_severity": ("severity set to {severity}: {text}", "严重程度调整为{severity}：{text}"),
    "x_pending": ("(saved with the answer)", "（随回答一并保存）"),
    "flagged_filter": ("Show the flagged answers only ({count})",
                       "只显示待确认的回答（{count} 个）"),
    "all_filter": ("Show every answer", "显示全部回答"),
    "under": ("answered under {where}", "已在 {where} 作答"),
    "profile": ("Profile", "概况"),
    "intro_hint": ("? shows the introduction to this part", "按 ? 查看本部分简介"),
    "done": ("{percent}% answered", "已答 {percent}%"),
    "answered": ("answered: {value}", "已答：{value}"),
    "your_answer": ("Your answer", "您的回答"),
    "tick": ("Tick all that apply", "勾选所有适用项"),
    "select_hint": ("(↑↓ Enter)", "（↑↓ 回车）"),
    "tick_hint": ("(↑↓ Space ticks, Enter confirms)", "（↑↓ 移动，空格勾选，回车确认）"),
    "number": ("Number", "数字"),
    "text": ("Answer", "回答"),
    "typed_hint": ("(or na, unknown{alternate})", "（也可输入 na、unknown{alternate}）"),
    "range": ("{low} to {high}", "{low} 至 {high}"),
    "na": ("Not applicable (give a reason)", "不适用（需说明理由）"),
    "unknown": ("Unknown (flag for follow-up)", "未知（列为待跟进）"),
    "alternate": ("Alternative measure (give the justification)", "替代措施（需说明依据）"),
    "alone": ("choose {what} on its own", "“{what}”只能单独选择"),
    "empty": ("type an answer, or na / unknown", "请输入回答，或 na / unknown"),
    "reason_na": ("Why does it not apply?", "为何不适用？"),
    "reason_alternate": ("The alternative measure and why it meets the aim",
                         "替代措施及其为何能达到同等效果"),
    "reason_hint": ("(Enter records · Esc chooses another answer)",
                    "（回车记录 · Esc 重新选择回答）"),
    "note": ("Note", "备注"),
    "evidence": ("Evidence", "证据"),
    "evidence_hint": ("(file names or evidence ids, comma-separated; +title requests a new "
                      "item; Enter skips)",
                      "（文件名或证据编号，逗号分隔；+标题 登记一项待提供的证据；回车跳过）"),
    "saved": ("✓ saved {qid}: {value}", "✓ 已保存 {qid}：{value}"),
    "dropped": ("{count} answers no longer apply: kept in the file, marked out of scope.",
                "{count} 个回答已不再适用：仍保留在文件中，标记为不在范围内。"),
    "dropped_one": ("1 answer no longer applies: kept in the file, marked out of scope.",
                    "1 个回答已不再适用：仍保留在文件中，标记为不在范围内。"),
    "added": ("{count} more questions now apply.", "新增 {count} 个适用问题。"),
    "added_one": ("1 more question now applies.", "新增 1 个适用问题。"),
    "help": ("Help", "说明"),
    "help_return": ("Press any key to return to the question", "按任意键返回本题"),
    "basis": ("Legal basis", "法律依据"),
    "applies_to": ("Applies to", "适用对象"),
    "evidence_look": ("Evidence to look at", "应查看的证据"),
    "severity": ("Severity {severity} · weight {weight}", "严重程度 {severity} · 权重 {weight}"),
    "to_verify": ("basis to be verified", "依据待核实"),
    "more": ("What now?", "接下来？"),
    "stay": ("Back to the question", "返回本题"),
    "show_help": ("? Show help and legal basis", "? 显示说明和法律依据"),
    "hide_help": ("? Hide help", "? 隐藏说明"),
    "go_back": ("< Previous question", "< 上一题"),
    "skip": ("> Skip this question for now", "> 暂时跳过本题"),
    "jump": ("Jump to a section…", "跳转到章节…"),
    "review_this": ("Review answers: {title}", "回顾答复：{title}"),
    "edit_details": ("Organisation details", "组织信息"),
    "quit": ("Save and quit (resume later)", "保存并退出（之后继续）"),
    "cancel": ("Cancel", "取消"),
    "jump_to": ("Jump to a section", "跳转到章节"),
    "section": ("Section", "章节"),
    "search_hint": ("(↑↓ Enter, type to filter)", "（↑↓ 回车，输入文字筛选）"),
    "review": ("Review · {title}", "回顾 · {title}"),
    "review_stats": ("{answered} of {total} answered · {gaps} gaps · {unknown} unknown{score}",
                     "{total} 题中已答 {answered} 题 · 差距 {gaps} 项 · 未知 {unknown} 项{score}"),
    "review_count": ("{answered} of {total} answered", "{total} 题中已答 {answered} 题"),
    "score": (" · score {score}", " · 得分 {score}"),
    "scope_applies": ("applies: {count} questions", "适用：{count} 个问题"),
    "scope_not": ("does not apply", "不适用"),
    "open_it": ("Choose an answer to reopen it.", "选择某一答复即可重新作答。"),
    "continue_to": ("Continue: {title}", "继续：{title}"),
    "back_to": ("Back to {qid}", "返回 {qid}"),
    "back_final": ("Back to the end of the interview", "返回访谈结束页"),
    "continue_end": ("Continue: finish", "继续：完成"),
    "answer_open": ("Answer the open questions ({count})", "回答尚未作答的问题（{count} 个）"),
    "none_ticked": ("none ticked", "均未勾选"),
    "not_answered": ("not answered", "未作答"),
    "gap": ("{severity} gap", "差距·{severity}"),
    "all_answered": ("All {total} applicable questions are answered.",
                     "全部 {total} 个适用问题均已作答。"),
    "some_open": ("{answered} of {total} applicable questions answered; {open} still open.",
                  "{total} 个适用问题中已答 {answered} 个，尚有 {open} 个未答。"),
    "finish": ("Finish: show the summary", "完成：显示汇总"),
    "final": ("Interview", "访谈"),
    "summary_saved": ("Answers saved in {path} ({answered} of {total} applicable questions "
                      "answered).",
                      "答复已保存到 {path}（{total} 个适用问题中已答 {answered} 个）。"),
    "overall": ("Overall {score} / 100 ({rating}) · coverage {coverage}% ({answered}/{total} "
                "controls)", "总体得分 {score} / 100（{rating}）· 覆盖率 {coverage}%"
                "（{answered}/{total} 个控制项）"),
    "top_gaps": ("Top gaps", "主要差距"),
    "no_gaps": ("No gaps.", "未发现差距。"),
    "render_cmd": ("Render the report:", "生成报告："),
    "resume_cmd": ("Continue later:", "之后继续："),
    "render_now": ("Render the report now?", "现在生成报告吗？"),
    "render_pdf": ("PDF: {path}", "PDF：{path}"),
    "render_html": ("HTML: {path}", "HTML：{path}"),
    "render_no": ("No, later", "不，稍后"),
    "draft": (" (draft: {count} open)", "（草稿：{count} 题未答）"),
    "wrote": ("wrote {path}", "已写入 {path}"),
    "quit_saved": ("Answers saved in {path} ({count} so far).",
                   "答复已保存到 {path}（目前 {count} 个）。"),
    "interrupted": ("interrupted; answers saved in {path} ({count} so far)",
                    "已中断；答复已保存到 {path}（目前 {count} 个）"),
    "nothing_saved": ("interrupted before the organisation name; nothing was saved",
                      "在填写组织名称前中断；未保存任何内容"),
    "resume_with": ("resume with: {command}", "继续请运行：{command}"),
}

SEVERITY = {"critical": ("critical", "严重"), "high": ("high", "高"),
            "medium": ("medium", "中"), "low": ("low", "低")}
RATING = {"strong": ("Strong", "良好"), "adequate": ("Adequate", "基本达标"),
          "needs_improvement": ("Needs improvement", "有待改进"), "weak": ("Weak", "薄弱"),
          "not_rated": ("Not rated", "未评级")}

WIDE = "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf" \
       "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
TOKEN = re.compile(rf"[{WIDE}]|[^\s{WIDE}]+\s*|\s+")


def say(key: str, lang: str, **values: object) -> str:
    """Return the wording ``key`` in ``lang`` (English where no Chinese is given)."""
    en, zh = WORDS[key]
    text = zh if lang == "zh" and zh else en
    return text.format(**values) if values else text


def pick(pair: tuple[str, str], lang: str) -> str:
    """Return the English or Chinese half of a pair."""
    return pair[1] if lang == "zh" else pair[0]


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Return the columns one character takes: two for wide (Chinese), none for combining."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """Return the columns ``text`` takes on a terminal (Chinese characters take two)."""
    return sum(char_width(c) for c in text)


def fit(text: str, columns: int) -> str:
    """Return ``text`` on one line, cut with an ellipsis to at most ``columns`` columns."""
    text = re.sub(r"\s*\n\s*", " ", text.rstrip())
    if width(text) <= columns:
        return text
    out, used = "", 0
    for char in text:
        if used + char_width(char) > columns - 1:
            break
        out += char
        used += char_width(char)
    return out.rstrip() + "…"


def pad(text: str, columns: int) -> str:
    """Return ``text`` fitted and padded with spaces to exactly ``columns`` columns."""
    text = fit(text, columns)
    return text + " " * (columns - width(text))


def wrap(text: str, columns: int, indent: str = "") -> list[str]:
    """Break ``text`` into lines of at most ``columns`` columns, between words or characters.

    Unlike :mod:`textwrap`, counts a Chinese character as two columns and may break between
    any two of them, as Chinese text is set.
    """
    lines: list[str] = []
    room = max(columns - width(indent), 10)
    for paragraph in text.strip().splitlines() or [""]:
        line = ""
        for token in TOKEN.findall(paragraph.strip()):
            if line.strip() and width(line + token.rstrip()) > room:
                lines.append(indent + line.rstrip())
                line = token.lstrip()
            else:
                line += token
        lines.append(indent + line.rstrip())
    return lines
