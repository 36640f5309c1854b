"""The workshop archive (``.capadesk``): one workshop, its data and its photos, in a zip.

``writer.export_archive`` writes one; ``importer.import_archive`` merges one into a store after
checking it in a staging folder. The format is described in ``docs/archive.md``.
"""
