"""The photos of a use case on the wall: thumbnails read at their shown size, kept in a cache,
and painted as a strip under the use case's heading.

A thumbnail is read with QImageReader at the size it is drawn (a JPEG is then decoded at a
fraction of its size), one per event-loop turn, so opening a wall with many photos never holds
the window; the strip shows a plain box until its picture is ready.

Signals (ThumbnailCache):
    loaded(): one more thumbnail is ready (views paint again).
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QImageIOHandler, QImageReader, QPainter, QPixmap

from capadesk.core.domain.capture import PhotoView
from capadesk.core.errors import KnownError
from capadesk.core.services.photo_files import photo_file

_Key = tuple[str, int, int]
_CACHE_BYTES = 96 * 1024 * 1024  # ≈ 400 laptop thumbnails


def read_scaled(path: Path, box: QSize) -> QImage:
    """The image at ``path`` fitted into ``box`` (EXIF orientation applied); null when the file
    is missing or unreadable."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or box.isEmpty():
        return QImage()
    turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    fitted = size.scaled(
        box.transposed() if turned else box, Qt.AspectRatioMode.KeepAspectRatio
    ).expandedTo(QSize(1, 1))
    if fitted.width() < size.width():  # never enlarged at read time: the painter scales up
        reader.setScaledSize(fitted)
    return reader.read()


class ThumbnailCache(QObject):
    """Thumbnails of the photos folder's files, by file and size (see module docstring)."""

    loaded = Signal()

    def __init__(self, photos_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.photos_dir = photos_dir
        self._pixmaps: OrderedDict[_Key, QPixmap] = OrderedDict()
        self._bytes = 0
        self._waiting: deque[tuple[_Key, PhotoView, QSize]] = deque()
        self._queued: set[_Key] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._load_next)

    def path(self, photo: PhotoView) -> Path | None:
        """The photo's file, None when its recorded name is not a valid one."""
        try:
            return photo_file(self.photos_dir, photo.file_name)
        except KnownError:
            return None

    def pixmap(self, photo: PhotoView, box: QSize) -> QPixmap | None:
        """The thumbnail fitted into ``box``; None while it is being read (asked now), a null
        pixmap when the file is missing or unreadable."""
        key = (photo.file_name, box.width(), box.height())
        found = self._pixmaps.get(key)
        if found is not None:
            self._pixmaps.move_to_end(key)
            return found
        if key not in self._queued:
            self._queued.add(key)
            self._waiting.append((key, photo, QSize(box)))
            self._timer.start()
        return None

    def pending(self) -> int:
        """Thumbnails asked for and not read yet."""
        return len(self._waiting)

    def _load_next(self) -> None:
        if not self._waiting:
            return
        key, photo, box = self._waiting.popleft()
        self._queued.discard(key)
        path = self.path(photo)
        image = read_scaled(path, box) if path is not None else QImage()
        pixmap = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        self._pixmaps[key] = pixmap
        self._bytes += _weight(pixmap)
        while self._bytes > _CACHE_BYTES and len(self._pixmaps) > 1:
            _old_key, old = self._pixmaps.popitem(last=False)
            self._bytes -= _weight(old)
        if self._waiting:
            self._timer.start()
        self.loaded.emit()


def _weight(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4


def paint_strip(
    painter: QPainter,
    cache: ThumbnailCache | None,
    photos: Sequence[PhotoView],
    boxes: Sequence[QRect],
    *,
    dark: bool,
) -> None:
    """Draw ``photos`` into ``boxes`` (as many as there are boxes; when there are more photos,
    the last box says how many more)."""
    placeholder = QColor("#3A3A3A" if dark else "#DADCE0")
    text = QColor("#FFFFFF" if dark else "#202124")
    more = len(photos) - len(boxes) + 1 if len(photos) > len(boxes) else 0
    for number, box in enumerate(boxes):
        if more and number == len(boxes) - 1:
            painter.fillRect(box, placeholder)
            font = QFont(painter.font())
            font.setPixelSize(max(10, box.height() // 4))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"+{more}")
            continue
        pixmap = cache.pixmap(photos[number], box.size()) if cache is not None else None
        if pixmap is None or pixmap.isNull():
            painter.fillRect(box, placeholder)
            if pixmap is not None:  # missing file: say so with a cross rather than nothing
                painter.setPen(text)
                painter.drawLine(box.topLeft(), box.bottomRight())
                painter.drawLine(box.topRight(), box.bottomLeft())
            continue
        target = QRect(
            QPoint(0, 0), pixmap.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
        )
        target.moveCenter(box.center())
        painter.drawPixmap(target, pixmap)
