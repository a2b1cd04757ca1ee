"""files.printable replaces exactly what NOT_IN_DOCUMENTS names, however it is computed.

Every report, workbook and document passes its text through it; its fast paths (printable text
returned at once, the astral noncharacters sought only in text beyond the BMP) must replace the
same characters as the one pattern that defines them.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessor.files import NOT_IN_DOCUMENTS, REPLACEMENT, printable

from .conftest import sizes

SPECIAL = st.sampled_from(["\x00", "\t", "\n", "\r", "\x0b", "\x7f", "\x85", "\xa0", "\u3000",
                           "\ud800", "\udfff", "\ufdd0", "\ufffe", "\U0001fffe", "\U0010ffff",
                           "\U0001f600", "\U00020000", "控", "a"])


def test_every_character_is_kept_or_replaced_as_the_pattern_says() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    cleaned = printable(every)
    assert cleaned == NOT_IN_DOCUMENTS.sub(REPLACEMENT, every)
    assert cleaned.count(REPLACEMENT) == 2156 + 1  # and U+FFFD itself
    assert printable(every[0x10000:]) == NOT_IN_DOCUMENTS.sub(REPLACEMENT, every[0x10000:])


@pytest.mark.parametrize("examples", sizes(60, 400))
def test_any_text_is_cleaned_as_the_pattern_cleans_it(examples: int) -> None:
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None)
    @given(st.lists(st.one_of(SPECIAL, st.text(max_size=8)), max_size=12).map("".join))
    def same(text: str) -> None:
        assert printable(text) == NOT_IN_DOCUMENTS.sub(REPLACEMENT, text)

    same()
