"""« Partager avec les participants »: the handoff server's dialog, its QR codes, its projection."""
