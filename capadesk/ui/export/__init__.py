"""The end of the day: export the opened workshop, import an archive, print blank matrices.

Modules are imported where used: reportlab and SQLAlchemy must not load with the first frame.
"""
