"""Exports to the tools our users' clients run: CISO Assistant, OSCAL, calendars."""
