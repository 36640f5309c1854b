"""The Windows version resource of ``capadesk.exe`` (Properties → Details), built from the
package's version so it never drifts; ``capadesk.spec`` passes it to ``EXE(version=...)``."""

from __future__ import annotations

from typing import Any


def version_info(app_name: str, version: str) -> Any:
    """A ``VSVersionInfo`` for ``version`` (``X.Y.Z``, padded to four numbers)."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = tuple(([int(part) for part in version.split(".")[:4]] + [0, 0, 0, 0])[:4])
    strings = {
        "CompanyName": "CAPACities",
        "FileDescription": f"{app_name} — le bureau de l'animateur d'ateliers participatifs",
        "FileVersion": version,
        "InternalName": "capadesk",
        "LegalCopyright": "CAPACities",
        "OriginalFilename": "capadesk.exe",
        "ProductName": app_name,
        "ProductVersion": version,
    }
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers, OS=0x40004, fileType=0x1),
        kids=[
            # 040C04B0: French (France), Unicode.
            StringFileInfo(
                [StringTable("040C04B0", [StringStruct(k, v) for k, v in strings.items()])]
            ),
            VarFileInfo([VarStruct("Translation", [0x040C, 1200])]),
        ],
    )
