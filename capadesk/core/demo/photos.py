"""Photos of the paper tablecloths, drawn on the fly with Pillow (no file in the package)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 900
PAPER = "#f4f1e8"
RED, GREEN, BLUE, GREY = "#c62828", "#2e7d32", "#1565c0", "#455a64"


def tablecloth(title: str, rng: random.Random) -> bytes:
    """A JPEG of a drawn use case: databases as silos, applications as squares, arrows for the
    flows, red triangles (irritants) and green post-its (wishes), in the seed's colour code."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.text((40, 30), title, fill=GREY)
    silos = [(rng.randint(60, 500), rng.randint(120, 700)) for _i in range(3)]
    for x, y in silos:
        draw.rectangle((x, y, x + 90, y + 140), outline=BLUE, width=5)
        draw.ellipse((x, y - 20, x + 90, y + 20), outline=BLUE, width=5)
    squares = [(rng.randint(650, 1050), rng.randint(120, 700)) for _i in range(3)]
    for x, y in squares:
        draw.rectangle((x, y, x + 110, y + 110), outline=GREY, width=5)
    for (x1, y1), (x2, y2) in zip(silos, squares, strict=True):
        draw.line((x1 + 90, y1 + 70, x2, y2 + 55), fill=BLUE, width=4)
    for _i in range(rng.randint(3, 6)):
        x, y = rng.randint(40, 1100), rng.randint(100, 820)
        draw.polygon([(x, y + 60), (x + 35, y), (x + 70, y + 60)], fill=RED)
    for _i in range(rng.randint(3, 6)):
        x, y = rng.randint(40, 1100), rng.randint(100, 820)
        draw.rectangle((x, y, x + 70, y + 70), fill=GREEN)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()
