"""Re-assessment diff: what changed between two assessments of one organisation.

:mod:`.compare` builds the comparison (one plain, JSON-ready dict), :mod:`.summary` words it for
the terminal, and :mod:`.run` does what ``assessor diff`` asks: load both files, compare, and
write the report in the format asked (the renderers are :mod:`assessor.report.comparison`'s).
"""
