"""Photos made ready for a PDF: turned upright, at most 1600 px on their long side, JPEG.

A 3-megapixel phone photo then weighs a few hundred kilobytes in the restitution instead of
several megabytes. A JPEG is decoded at a reduced scale when that still leaves ``MIN_SIDE``
pixels (about 150 dpi across the page: plenty for a photo of a paper drawing), which makes it
several times faster to read than decoding it whole and resampling it. A missing, unreadable
or absurdly large file is reported, never raised: the restitution notes it and goes on.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageOps, UnidentifiedImageError

from capadesk.i18n import _

MAX_SIDE = 1600
MIN_SIDE = 1000  # a JPEG may be decoded at ½, ¼ or ⅛ of its size while it keeps this many
# pixels on its long side (or ``max_side``, when smaller)
JPEG_QUALITY = 80
MAX_PIXELS = 80_000_000  # above this a « photo » is a decompression bomb, not a picture


class PreparedPhoto(NamedTuple):
    """A photo's JPEG bytes and pixel size, or why there are none (``problem``, French)."""

    data: bytes | None
    width: int
    height: int
    problem: str | None = None


def _refused(problem: str) -> PreparedPhoto:
    return PreparedPhoto(None, 0, 0, problem)


def prepare_photo(path: Path | None, max_side: int = MAX_SIDE) -> PreparedPhoto:
    """Read, turn upright, downscale and re-encode the photo at ``path`` (None: refused name)."""
    if path is None:
        return _refused(_("nom de fichier refusé"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return _refused(_("image trop grande"))
                keep = min(1.0, min(MIN_SIDE, max_side) / max(width, height, 1))
                image.draft("RGB", (max(1, round(width * keep)), max(1, round(height * keep))))
                image.thumbnail((max_side, max_side), Image.Resampling.BICUBIC)
                # Turned upright once small: the same result for a fraction of the work.
                rgb = _rgb(ImageOps.exif_transpose(image))
    except FileNotFoundError:
        return _refused(_("fichier introuvable"))
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        ValueError,
        SyntaxError,  # Pillow's parsers raise it for some broken headers
    ):
        return _refused(_("fichier illisible"))
    buffer = io.BytesIO()
    rgb.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return PreparedPhoto(buffer.getvalue(), rgb.width, rgb.height)


def _rgb(image: Image.Image) -> Image.Image:
    """The image in RGB, transparency flattened on white."""
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")
