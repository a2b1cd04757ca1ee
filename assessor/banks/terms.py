"""Statutory terms: Chinese wordings the statutes do not use, and the term they use instead.

A client's counsel reads the Chinese text against the statute, so the banks say 单独同意
where PIPL Art. 29 says it, never a paraphrase such as 专门同意. ``assessor lint`` refuses
the wordings below in any Chinese text of a bank or of instruments.yaml.
"""

from __future__ import annotations

import re

NON_STATUTORY: dict[str, str] = {
    "专门同意": "单独同意 (PIPL Arts. 23, 25, 26, 29, 39)",
    "个人信息保护官": "个人信息保护负责人 (PIPL Art. 52)",
    "数据控制者": "个人信息处理者 (PIPL Art. 73(1))",
    "数据主体": "个人 (PIPL Art. 44)",
    "隐私影响评估": "个人信息保护影响评估 (PIPL Art. 55)",
    "数据保护影响评估": "个人信息保护影响评估 (PIPL Art. 55)",
    "关键基础设施运营者": "关键信息基础设施运营者 (CSL Art. 33)",
    "被遗忘权": "删除 (PIPL Art. 47)",
    "敏感数据": "敏感个人信息 (PIPL Art. 28)",
}


# An item cited without its parentheses: 第二十三条第三项 is written 第二十三条第（三）项, as the
# citations the tool prints are (assessor/citation.py).
BARE_ITEM = re.compile("第([一二三四五六七八九十百]+)项")
# Items run together (第二、三项): each item is cited on its own, 第（二）项、第（三）项.
JOINED_ITEMS = re.compile("第[一二三四五六七八九十百]+(?:、[一二三四五六七八九十百]+)+项")


def misused(text: str) -> list[tuple[str, str]]:
    """Return each non-statutory wording in ``text`` with the statute's term or form."""
    found = [(word, term) for word, term in NON_STATUTORY.items() if word in text]
    found += [(m.group(0), f"第（{m.group(1)}）项 (an item is cited in parentheses)")
              for m in BARE_ITEM.finditer(text)]
    found += [(m.group(0), "第（二）项、第（三）项 (each item cited on its own, in parentheses)")
              for m in JOINED_ITEMS.finditer(text)]
    return found
