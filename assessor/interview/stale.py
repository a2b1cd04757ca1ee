"""Old banks on resume: a file answered against earlier bank versions is named, never rewritten.

Resuming used to write the current versions into the file at its first save, so the careful path
(``assessor migrate``, which says what each bank change did to the answers) was skipped without a
word. Before the first question the consultant now sees which banks changed and chooses: stop and
migrate, or continue. Continuing keeps the file's old version of each changed bank: the record
still says what its earlier answers were given against, so ``check`` keeps naming the change and
``migrate`` can still carry the file later, while new answers are checked against the current
banks like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from assessor.interview import prompts
from assessor.model.catalog import Catalog

if TYPE_CHECKING:
    from assessor.interview.host import Interview

# (en, zh) of everything this step says.
WORDS: dict[str, tuple[str, str]] = {
    "changed": ("{path} was answered against other versions of the question banks: {changes}.",
                "{path} 的回答依据的题库版本与当前不同：{changes}。"),
    "change": ("{bank} {old} (now {new})", "{bank} {old}（现为 {new}）"),
    "advice": ("`assessor migrate` carries the answers to the current banks and lists what it "
               "changed. Continuing keeps the file's old versions, so `check` and `migrate` "
               "still see the change; new answers are checked against the current banks.",
               "`assessor migrate` 会把回答迁移到当前题库，并列出改动。选择继续则文件保留原版本号，"
               "`check` 和 `migrate` 仍能看出题库已变；新回答按当前题库检查。"),
    "ask": ("Migrate first, or continue?", "先迁移，还是继续？"),
    "migrate": ("Stop here and migrate first (nothing is changed)", "停止，先迁移（不做任何改动）"),
    "continue": ("Continue with the current banks (the file keeps its old versions)",
                 "按当前题库继续（文件保留原版本号）"),
    "run": ("Run:", "请运行："),
    "kept": ("Continuing on the current banks; the file keeps {versions}.",
             "按当前题库继续；文件保留 {versions}。"),
}


def say(key: str, lang: str, **values: object) -> str:
    """Return a sentence of this step in ``lang``."""
    en, zh = WORDS[key]
    return (zh if lang == "zh" else en).format(**values)


def changes(catalog: Catalog, versions: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """Return (bank, version answered against, version now) for each bank that changed since.

    A file without ``versions`` (written by hand, or before they were recorded) names none.
    """
    found = []
    for bank in catalog.questionnaires:
        old = versions.get(bank.id)
        if old is not None and old != bank.version:
            found.append((bank.id, old, bank.version))
    return found


def warning(path: str, found: list[tuple[str, str, str]], lang: str) -> list[str]:
    """Return the lines shown before the first question of a file answered on older banks."""
    listed = ("、" if lang == "zh" else ", ").join(
        say("change", lang, bank=bank, old=old, new=new) for bank, old, new in found)
    return [say("changed", lang, path=path, changes=listed), say("advice", lang)]


def kept(found: list[tuple[str, str, str]]) -> dict[str, str]:
    """Return the versions a continued file keeps: each changed bank's old one."""
    return {bank: old for bank, old, _ in found}


def kept_line(found: list[tuple[str, str, str]], lang: str) -> str:
    """Return the reminder shown on the first question after choosing to continue."""
    versions = ", ".join(f"{bank} {old}" for bank, old, _ in found)
    return say("kept", lang, versions=versions)


def offer(interview: Interview) -> bool:
    """Before the first question, name the banks that changed and ask: migrate, or continue?

    Returns:
        Whether the interview goes on (the file then keeps its old versions of those banks).
    """
    session, lang = interview.session, interview.lang
    found = changes(session.catalog, session.answered_against)
    if not found:
        return True
    print("\n".join(warning(session.shown, found, lang)))
    picked = prompts.select(say("ask", lang), [
        prompts.Choice(say("migrate", lang), value="migrate"),
        prompts.Choice(say("continue", lang), value="continue")],
        instruction=interview.words("select_hint"))
    if picked != "continue":
        print(f"{say('run', lang)} {interview.commands.migrate()}")
        return False
    session.kept_versions = kept(found)
    interview.status.append(("warn", kept_line(found, lang)))
    return True


__all__ = ["changes", "kept", "kept_line", "offer", "say", "warning"]
