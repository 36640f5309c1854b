"""Printable documents (PDF): pure writers from plain data to a binary stream, no Qt, no store."""
