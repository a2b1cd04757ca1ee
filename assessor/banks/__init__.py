"""Questionnaires: reading, validating and linting the banks, and deciding what applies."""
