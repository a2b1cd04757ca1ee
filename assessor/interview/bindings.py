"""prompt_toolkit's default key bindings, built once per interview rather than once per prompt.

Every prompt_toolkit application (each question screen, each questionary menu and field) calls
``load_key_bindings()`` when it is made, which builds about a thousand Emacs, Vi and mouse
bindings afresh: some 10 ms of every question, the interview's largest repeated cost. The
bindings keep no state of their own (their filters and handlers read the running application),
so one set serves every prompt; ``share_default_bindings`` makes prompt_toolkit reuse it.
"""

from __future__ import annotations

import functools

from prompt_toolkit.application import application
from prompt_toolkit.key_binding import defaults

SHARED = functools.cache(defaults.load_key_bindings)


def share_default_bindings() -> None:
    """Make every later application reuse one set of prompt_toolkit's default bindings."""
    vars(application)["load_key_bindings"] = SHARED
