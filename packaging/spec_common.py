"""Options shared by ``capadesk.spec`` and ``packaging/bare/bare.spec``, so the size comparison
of the two bundles compares the application and not the options."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# Never imported by CapaDesk; some are reachable through optional imports of its dependencies
# (Pillow's ImageTk, reportlab's and qrcode's optional accelerators, SQLAlchemy's test helpers).
EXCLUDES = [
    "tkinter",
    "_tkinter",
    "PIL.ImageTk",
    "PIL._imagingtk",
    # Photos are JPEG, PNG or WebP (capadesk/core/services/photo_files.py): libavif is 5 MB.
    "PIL.AvifImagePlugin",
    "PIL._avif",
    "numpy",
    "IPython",
    "pytest",
    "hypothesis",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtXml",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
]
# Qt's own translations: French (the default) and English (the other catalogue) only.
_KEPT_TRANSLATION = re.compile(r"_(fr|en)\.qm$")
# No UPX: it slows every start (each library is unpacked) and antivirus tools flag it.
OPTIONS: dict[str, Any] = {"upx": False, "strip": False}


def keep(entry: tuple[str, str, str]) -> bool:
    """Whether a collected file stays: drops Qt translations of other languages."""
    destination = entry[0].replace("\\", "/")
    if "/translations/" in destination and destination.endswith(".qm"):
        return bool(_KEPT_TRANSLATION.search(destination))
    return True


def read_metadata(init_file: Path) -> dict[str, str]:
    """``APP_NAME``, ``APP_ID`` and ``__version__`` read from the package without importing it."""
    found = dict(re.findall(r'^(\w+) = "([^"]*)"$', init_file.read_text("utf-8"), re.MULTILINE))
    return {name: found[name] for name in ("APP_NAME", "APP_ID", "__version__")}
