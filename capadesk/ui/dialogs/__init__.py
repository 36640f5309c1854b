"""Dialogs: each asks one thing and returns plain values."""
