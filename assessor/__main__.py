"""Run the command line: ``python -m assessor``."""

from assessor.cli import main

raise SystemExit(main())
