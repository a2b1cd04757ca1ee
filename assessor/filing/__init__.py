"""The documents a client files with the CAC, written from the record.

The outbound-transfer risk self-assessment report and the personal information protection impact
assessment (outbound edition).
"""
