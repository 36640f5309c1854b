"""Use cases: plain functions over a Store that return what changed, and undoable commands."""
