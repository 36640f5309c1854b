"""Queries and writes per aggregate; the only code that builds SQL for the services."""
