"""The answers file, the one record of an assessment, and everything that changes it."""
