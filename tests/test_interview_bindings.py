"""The interview builds prompt_toolkit's default key bindings once, not once per prompt."""

from __future__ import annotations

from prompt_toolkit.application import Application

from assessor.interview.bindings import share_default_bindings


def test_every_application_after_sharing_reuses_one_set_of_default_bindings() -> None:
    share_default_bindings()
    first: Application[None] = Application()
    second: Application[None] = Application()
    assert first._default_bindings is second._default_bindings
    # the shared set is prompt_toolkit's own: Emacs and Vi bindings are still there
    assert len(first._default_bindings.bindings) > 500
