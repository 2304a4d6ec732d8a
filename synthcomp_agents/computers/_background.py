"""Background files real homes have: downloads, pictures, installers, copies, app folders, dotfiles, empty folders.

Everything here is a real file of its type and cheap to make: images are drawn with Pillow directly (small gradient
photos and flat screenshots), installers are zip archives, and most clutter is made of byte copies of core files
(saved attachments, "Copy of", old versions), which is also how such files arise on real computers.
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass

from PIL import Image, ImageDraw

__all__ = ["BgFile", "cheap_jpeg", "cheap_png", "installer_zip", "text_bytes"]


@dataclass
class BgFile:
    """A planned background file: bytes are produced lazily by ``make`` (or copied from ``copy_of``)."""

    path: str
    kind: str
    purpose: str
    author: str
    data: bytes | None = None
    copy_of: str | None = None


def cheap_jpeg(rng: random.Random, width: int, height: int, quality: int = 85) -> bytes:
    """A photo-like JPEG: sky/ground gradients, a horizon, a few soft shapes and fine noise (a few ms)."""
    top = (rng.randint(90, 200), rng.randint(120, 210), rng.randint(170, 250))
    bottom = (rng.randint(40, 140), rng.randint(70, 150), rng.randint(30, 110))
    grad = Image.linear_gradient("L").resize((width, height))
    img = Image.composite(Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), grad)
    draw = ImageDraw.Draw(img)
    horizon = int(height * rng.uniform(0.45, 0.7))
    draw.rectangle([0, horizon, width, height], fill=bottom)
    for _ in range(rng.randint(3, 7)):
        x, y = rng.randint(0, width), rng.randint(horizon - height // 4, height)
        r = rng.randint(width // 30, width // 8)
        shade = tuple(max(0, min(255, c + rng.randint(-50, 50))) for c in bottom)
        draw.ellipse([x - r, y - r, x + r, y + r // 2], fill=shade)
    tile = Image.frombytes("L", (128, 128), rng.randbytes(128 * 128)).convert("RGB")
    noise = Image.new("RGB", (width, height))
    for x in range(0, width, 128):
        for y in range(0, height, 128):
            noise.paste(tile, (x, y))
    img = Image.blend(img, noise, rng.uniform(0.06, 0.14))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, optimize=False)
    return out.getvalue()


def cheap_png(rng: random.Random, width: int, height: int, lines: int = 12) -> bytes:
    """A screenshot-like PNG: window chrome, a sidebar and text bars (flat colours compress well)."""
    img = Image.new("RGB", (width, height), (250, 250, 250))
    draw = ImageDraw.Draw(img)
    accent = (rng.randint(20, 90), rng.randint(80, 160), rng.randint(150, 230))
    draw.rectangle([0, 0, width, 28], fill=(225, 225, 228))
    for i, color in enumerate(((237, 106, 94), (245, 191, 79), (98, 197, 84))):
        draw.ellipse([10 + 18 * i, 8, 22 + 18 * i, 20], fill=color)
    side = width // 5
    draw.rectangle([0, 28, side, height], fill=(238, 240, 244))
    y = 44
    for _ in range(lines):
        w = rng.randint(width // 5, width - side - 40)
        draw.rectangle([side + 20, y, side + 20 + w, y + 8], fill=(120, 120, 130))
        y += rng.randint(18, 30)
        if y > height - 20:
            break
    draw.rectangle([side + 20, height - 60, side + 140, height - 32], fill=accent)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue()


def installer_zip(rng: random.Random, app: str, version: str, payload_bytes: int) -> bytes:
    """A real zip with an installer layout: a binary payload, a license and a readme (payload stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:

        def add(name: str, data: bytes, method: int) -> None:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = method
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)

        add(
            f"{app}-{version}/README.txt",
            f"{app} {version}\n\nRun the installer and follow the prompts.\nRelease notes: vendor site.\n".encode(),
            zipfile.ZIP_DEFLATED,
        )
        add(
            f"{app}-{version}/LICENSE.txt",
            f"Copyright {app} contributors. All rights reserved.\n".encode(),
            zipfile.ZIP_DEFLATED,
        )
        add(
            f"{app}-{version}/bin/{app.lower().replace(' ', '')}-setup.bin",
            rng.randbytes(payload_bytes),
            zipfile.ZIP_STORED,
        )
    return out.getvalue()


def text_bytes(text: str) -> bytes:
    """UTF-8 bytes of ``text`` with a final newline."""
    return (text.rstrip("\n") + "\n").encode("utf-8")
