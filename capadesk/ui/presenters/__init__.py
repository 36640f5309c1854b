"""Presenters: they own a view's connections and call operations."""
