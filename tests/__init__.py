"""The test suite.

Python's bytecode cache stays on for it even where the environment turns it off
(``PYTHONDONTWRITEBYTECODE``, as on the team's machines): without it every pytest process, each
xdist worker included, compiled every ``assessor`` module and rewrote every test module's
asserts afresh, 2.6 s of CPU before the first test. The cache is Python's and pytest's own
(``__pycache__`` folders, ignored by git), checked against each source file, so an edited file is
compiled again; commands the tests start as programs keep the environment's setting.
"""

import sys

sys.dont_write_bytecode = False
