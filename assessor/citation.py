"""Citation: an article as a lawyer writes it, in English or in Chinese.

Every output (PDF, HTML, XLSX, JSON, terminal, interview help) cites through :func:`cite`, so a
Chinese report reads 《个人信息保护法》第四十四条第一款 and 《网络安全法》第二十三条第（三）项
（原第二十一条第（三）项）, while English keeps "CSL Art. 23(3) (formerly Art. 21(3))". The
article is written in the banks' compact form: ``23``, ``23(3)``, ``24 ¶1``, ``24 ¶1(2)``,
``5-9`` or ``39(4)-(5)``.
"""

from __future__ import annotations

import re

DIGITS = "零一二三四五六七八九"
UNITS = ((1000, "千"), (100, "百"), (10, "十"))
# number, optional paragraph, optional item, optional end of a range (an article or an item)
ARTICLE = re.compile(r"(\d+)(?:\s*¶(\d+))?(?:\((\d+)\))?(?:-(?:(\d+)|\((\d+)\)))?")
STATE_PREFIX = "中华人民共和国"


def chinese_number(number: int) -> str:
    """Return ``number`` (1-9999) in Chinese numerals as statutes write them: 二十三, 一百零一.

    Raises:
        ValueError: the number is outside 1-9999.
    """
    if not 0 < number < 10000:
        raise ValueError(f"article number {number} is outside 1-9999")
    out = ""
    rest = number
    zero = False
    for value, unit in UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero:
                out += DIGITS[0]
            out += ("" if digit == 1 and value == 10 and not out else DIGITS[digit]) + unit
            zero = False
        elif out:
            zero = True
    if rest:
        out += (DIGITS[0] if zero else "") + DIGITS[rest]
    return out


def article_zh(article: str) -> str | None:
    """Return ``24 ¶1(2)`` as 第二十四条第一款第（二）项, or None if the form is not recognised."""
    match = ARTICLE.fullmatch(article.strip())
    if match is None:
        return None
    number, paragraph, item, last, last_item = match.groups()
    text = f"第{chinese_number(int(number))}条"
    if paragraph:
        text += f"第{chinese_number(int(paragraph))}款"
    if item:
        text += f"第（{chinese_number(int(item))}）项"
    if last:
        text += f"至第{chinese_number(int(last))}条"
    elif last_item:
        text += f"至第（{chinese_number(int(last_item))}）项"
    return text


def title_zh(name: str) -> str:
    """Return an instrument's Chinese name as cited: 《网络安全法》, without 中华人民共和国."""
    return f"《{name.removeprefix(STATE_PREFIX)}》"


def cite(law: str, article: str, *, lang: str = "en", former: str | None = None,
         name_zh: str | None = None, verified: bool = True, point: bool = False) -> str:
    """Return one citation.

    Args:
        law: the instrument's code (CSL), which English citations use.
        article: the article as the banks write it.
        lang: ``en`` or ``zh``.
        former: the 2017 number of a CSL article, shown beside the current one.
        name_zh: the instrument's Chinese name, which Chinese citations use.
        verified: False when the article's number is unconfirmed: the number is then not printed.
        point: the instrument has numbered points, not articles (the GDSI).
    """
    if lang == "zh":
        title = title_zh(name_zh) if name_zh else law
        if not verified:
            return f"{title}（条号待核实）"
        if point:
            number = article.strip()
            return f"{title}第{chinese_number(int(number)) if number.isdigit() else number}点"
        text = f"{title}{article_zh(article) or f'第{article}条'}"
        if former:
            text += f"（原{article_zh(former) or f'第{former}条'}）"
        return text
    if not verified:
        return f"{law} (article to be confirmed)"
    if point:
        return f"{law} point {article}"
    label = "Arts." if "-" in article and "(" not in article.split("-")[0] else "Art."
    text = f"{law} {label} {article}"
    return f"{text} (formerly Art. {former})" if former else text
