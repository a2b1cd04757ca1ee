"""assessor: China data-law and GDSI gap assessments."""

__version__ = "0.1.0"
