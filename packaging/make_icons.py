"""Render ``packaging/icons/capadesk.svg`` to the PNG sizes, ``.ico`` and ``.icns`` the bundle
and the installers use, into ``build/icons`` (generated, never committed).

Run by ``make bundle``: ``python packaging/make_icons.py [OUT_DIR]``. Qt's QSvgRenderer draws the
PNGs (QtSvg is in PySide6-Essentials); Pillow packs them into ``.ico`` and ``.icns``.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed to draw

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "icons" / "capadesk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon as a ``size``-pixel square PNG with a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"PNG {size}px: échec de l'encodage")
    return bytes(data.data())


def main(out_dir: Path) -> None:
    from PIL import Image

    app = QGuiApplication.instance() or QGuiApplication([])  # QImage text/paint needs one
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"SVG illisible : {SOURCE}")
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = {size: render(renderer, size) for size in SIZES}
    for size, data in pngs.items():
        (out_dir / f"capadesk-{size}.png").write_bytes(data)
    largest = Image.open(io.BytesIO(pngs[max(SIZES)]))
    ico_frames = [Image.open(io.BytesIO(pngs[size])) for size in ICO_SIZES]
    ico_frames[-1].save(
        out_dir / "capadesk.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=ico_frames
    )
    largest.save(out_dir / "capadesk.icns")
    del app
    print(f"icônes écrites dans {out_dir}")  # noqa: T201


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "build" / "icons")
