"""Passive layout classes: they build widgets and expose them; presenters wire them."""
