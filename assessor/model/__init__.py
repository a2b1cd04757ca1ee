"""The vocabulary, as plain frozen values: no I/O, stdlib only, one module per noun.

:mod:`.catalog` (what the banks hold), :mod:`.record` (what an answers file holds),
:mod:`.result` (what scoring decides) and :mod:`.said` (a consultant's words in either
language). Import each name from its module: this package re-exports nothing.
"""
