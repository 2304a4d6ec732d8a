"""Draw real raster images (PNG or JPEG) with Pillow, deterministically from an :class:`ImageSpec`.

Subjects: ``photo`` (a procedural scene: landscape, seaside, city street, room interior, table with food, or a
whiteboard; drawn at half size and enlarged so edges are soft, then lens vignette and sensor grain), ``chart`` (a
bar chart with axes, gridlines, value labels and a title), ``diagram`` (labelled boxes joined by arrows),
``screenshot`` (an application window with the title bar of the given OS, a sidebar and real lines of text when
given), ``scan`` (a slightly rotated, greyish page with a heading, text lines, a signature and scanner noise) and
``logo`` (an emblem and a name). All randomness comes from ``random.Random(seed)``. Photos may carry camera EXIF
(:class:`CameraExif`: make, model, software, date taken with its UTC offset, exposure); nothing else writes metadata.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import math
import random
import struct
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any, Literal

from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFilter, ImageFont, ImageOps
from PIL.ExifTags import IFD
from PIL.ExifTags import Base as ExifBase

from ._errors import OfficeError
from ._glyph_text import draw_line, draw_lines
from ._specs import ImageSpec

__all__ = [
    "PHOTO_SCENES",
    "CameraExif",
    "encode_jpeg",
    "render_burst",
    "render_photo",
    "render_screenshot",
    "write_image",
]

WindowOS = Literal["macos", "windows", "linux"]

_PALETTE = ["#2F5597", "#C55A11", "#548235", "#7030A0", "#BF9000", "#2E75B6", "#A5A5A5", "#843C0C"]
_fonts: dict[int, Any] = {}


def _font(size: int) -> Any:
    size = max(8, min(200, size))
    font = _fonts.get(size)
    if font is None:
        font = _fonts[size] = ImageFont.load_default(size=size)
    return font


_advances: dict[tuple[int, str], dict[str, float] | None] = {}


def _text_width(draw: ImageDraw.ImageDraw, text: str, font: Any) -> float:
    """Width of ``text`` in pixels: the sum of its characters' advances, kept per font (Pillow's basic layout places
    glyphs one after another; checked once per font on a string with kerning pairs, else measured whole)."""
    key = (id(font), draw.fontmode)  # fonts are the cached ones of _font(): their ids are stable
    if key not in _advances:
        probe = "AVAWAToTaYo fi"
        table: dict[str, float] = {ch: float(draw.textlength(ch, font=font)) for ch in set(probe)}
        exact = getattr(font, "layout_engine", None) == ImageFont.Layout.BASIC and float(
            draw.textlength(probe, font=font)
        ) == sum(table[ch] for ch in probe)
        _advances[key] = table if exact else None
    table_ = _advances[key]
    if table_ is None:
        return float(draw.textlength(text, font=font))
    total = 0.0
    for ch in text:
        width = table_.get(ch)
        if width is None:
            width = table_[ch] = float(draw.textlength(ch, font=font))
        total += width
    return total


def _fit(draw: ImageDraw.ImageDraw, text: str, font: Any, width: float) -> str:
    """Shorten text with an ellipsis so it fits in width pixels (the longest prefix that fits, found by bisection:
    a longer prefix is never narrower)."""
    if _text_width(draw, text, font) <= width:
        return text
    lo, hi = 0, len(text)  # prefix lo fits (0: nothing), prefix hi + 1 does not
    if _text_width(draw, text + "…", font) <= width:
        return text + "…"
    hi = len(text) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _text_width(draw, text[:mid] + "…", font) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + "…" if lo else ""


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Any, width: float, max_lines: int = 2) -> str:
    """Break text into at most max_lines lines that fit width (the last line holds the rest, shortened if needed).
    Where advances add up, a line's width grows by a space and the next word, so no line is measured twice."""
    words = text.split()
    space = _text_width(draw, " ", font)
    additive = _advances.get((id(font), draw.fontmode)) is not None
    lines: list[str] = []
    current: list[str] = []
    current_w = 0.0
    for i, word in enumerate(words):
        if not current:
            current, current_w = [word], _text_width(draw, word, font)
            continue
        word_w = _text_width(draw, word, font)
        wide = current_w + space + word_w if additive else _text_width(draw, " ".join([*current, word]), font)
        if wide > width:
            lines.append(" ".join(current))
            if len(lines) == max_lines - 1:  # the last line: all the rest, cut by _fit
                current = words[i:]
                break
            current, current_w = [word], word_w
        else:
            current.append(word)
            current_w = wide
    if len(lines) >= max_lines:  # max_lines < 2: everything on one line
        lines, current = [], words
    lines.append(" ".join(current))
    return "\n".join(_fit(draw, line, font, width) for line in lines)


def _grain(rng: random.Random, size: tuple[int, int], strength: int) -> Image.Image:
    """Seeded luminance noise centred on 128 (Pillow's effect_noise is not seedable)."""
    w, h = size
    small = (max(1, w // 2), max(1, h // 2))
    noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1])).resize(size, Image.Resampling.BILINEAR)
    lut = [max(0, min(255, 128 + (v - 128) * strength // 128)) for v in range(256)]
    return noise.point(lut)


def _add_grain(img: Image.Image, rng: random.Random, strength: int) -> Image.Image:
    noise = _grain(rng, img.size, strength).convert("RGB")
    return Image.blend(img, Image.merge("RGB", noise.split()), 0.12)


_ramps: dict[tuple[int, int], Image.Image] = {}
_skies: dict[tuple[int, int, str, str], Image.Image] = {}


def _sky(w: int, h: int, top: str, bottom: str, *, keep: bool = True) -> Image.Image:
    """A vertical two-colour gradient of 256 steps (no visible banding): a fresh image to draw on. ``ImageOps.colorize``
    of a ramp (same pixels) with the table built directly; skies of fixed colours are kept (``keep``), as scenes
    reuse a few."""
    key = (w, h, top, bottom)
    sky = _skies.get(key)
    if sky is None:
        ramp = _ramps.get((w, h))
        if ramp is None:
            if len(_ramps) > 64:
                _ramps.clear()
            ramp = _ramps[(w, h)] = Image.linear_gradient("L").resize((w, h), Image.Resampling.NEAREST).convert("RGB")
        black, white = ImageColor.getrgb(top), ImageColor.getrgb(bottom)
        lut: list[int] = []
        for band in range(3):
            lo, hi = black[band], white[band]
            lut.extend([lo + i * (hi - lo) // 255 for i in range(255)])
            lut.append(hi)
        sky = ramp.point(lut)
        if not keep:
            return sky
        if len(_skies) > 48:
            _skies.clear()
        _skies[key] = sky
    return sky.copy()


def _jitter(rgb: tuple[int, int, int], rng: random.Random, amount: int) -> tuple[int, int, int]:
    """Each channel moved by ``rng.randint(-amount, amount)`` (the same draws, inlined: scenes call this a lot)."""
    n = 2 * amount + 1
    k = n.bit_length()
    bits = rng.getrandbits
    r, g, b = rgb
    v = bits(k)
    while v >= n:
        v = bits(k)
    r += v - amount
    v = bits(k)
    while v >= n:
        v = bits(k)
    g += v - amount
    v = bits(k)
    while v >= n:
        v = bits(k)
    b += v - amount
    return (0 if r < 0 else 255 if r > 255 else r, 0 if g < 0 else 255 if g > 255 else g,
            0 if b < 0 else 255 if b > 255 else b)  # fmt: skip


def _canvas(w: int, h: int, k: float) -> tuple[int, int]:
    """The size of a scene of ``w`` x ``h`` drawn ``k`` times as large (half: ``(w + 1) // 2``)."""
    return max(1, math.ceil(w * k)), max(1, math.ceil(h * k))


_INKS: dict[str, int] = {}
"""Named colours as an RGB canvas's ink (parsed once: scenes name a few colours thousands of times)."""


class _Pen:
    """``ImageDraw.Draw`` on a canvas ``k`` times the scene's size, taking the scene's own (full-size) coordinates:
    scenes place everything (and draw their random numbers) as at full size whatever size they are drawn at.
    Lines, filled ellipses and rectangles go to the drawing core directly (the calls ``ImageDraw`` makes, without
    parsing the colour again on every call)."""

    __slots__ = ("_core", "_draw", "_k")

    def __init__(self, img: Image.Image, k: float) -> None:
        if img.mode != "RGB":  # pragma: no cover - scenes draw on RGB canvases; the inks below are RGB inks
            raise OfficeError(f"scenes draw on RGB canvases, not {img.mode}")
        self._draw = ImageDraw.Draw(img)
        self._core = self._draw.draw
        self._k = k

    def _ink(self, fill: Any) -> int:
        if isinstance(fill, tuple):
            return int(self._core.draw_ink(fill))
        ink = _INKS.get(fill)
        if ink is None:
            ink = _INKS[fill] = int(self._core.draw_ink(ImageColor.getcolor(fill, "RGB")))
        return ink

    def _flat(self, xy: Sequence[float]) -> list[float]:
        k = self._k
        return [v * k for v in xy]

    def _width(self, width: float) -> int:
        return max(1, round(width * self._k))

    def rectangle(self, xy: Sequence[float], fill: Any = None, outline: Any = None, width: float = 1) -> None:
        flat = self._flat(xy)
        fill_ink = None if fill is None else self._ink(fill)
        if fill_ink is not None:
            self._core.draw_rectangle(flat, fill_ink, 1)
        if outline is not None:
            ink = self._ink(outline)
            if ink != fill_ink:
                self._core.draw_rectangle(flat, ink, 0, self._width(width))

    def ellipse(self, xy: Sequence[float], fill: Any = None) -> None:
        if fill is not None:
            self._core.draw_ellipse(self._flat(xy), self._ink(fill), 1)

    def pieslice(self, xy: Sequence[float], start: float, end: float, fill: Any = None) -> None:
        self._draw.pieslice(self._flat(xy), start, end, fill)

    def rounded_rectangle(self, xy: Sequence[float], radius: float, fill: Any = None) -> None:
        self._draw.rounded_rectangle(self._flat(xy), radius=radius * self._k, fill=fill)

    def polygon(self, points: Sequence[tuple[float, float]], fill: Any = None, outline: Any = None) -> None:
        k = self._k
        self._draw.polygon([(x * k, y * k) for x, y in points], fill, outline)

    def line(self, xy: Sequence[float] | Sequence[tuple[float, float]], fill: Any = None, width: float = 1) -> None:
        if fill is None:
            return
        k = self._k
        flat: list[Any] = (
            [(p[0] * k, p[1] * k) for p in xy]  # type: ignore[index]
            if xy and isinstance(xy[0], tuple)
            else [v * k for v in xy]  # type: ignore[operator]
        )
        self._core.draw_lines(flat, self._ink(fill), self._width(width))


_LAKE_LUT = [int(v * 0.85) for v in range(256)] * 3


def _scene_landscape(w: int, h: int, rng: random.Random, k: float = 1.0) -> Image.Image:
    cw, ch = _canvas(w, h, k)
    horizon = int(h * rng.uniform(0.45, 0.6))
    dusk = rng.random() < 0.3
    colours = ("#1F3B73", "#F4A261") if dusk else (rng.choice(("#3A78C2", "#4F86C6", "#6E9FD1")), "#CFE3F5")
    sky = _sky(cw, ch, *colours)
    img = sky.copy()
    draw = _Pen(img, k)
    sun_x, sun_y, sun_r = rng.uniform(0.15, 0.85) * w, horizon * rng.uniform(0.25, 0.7), max(3.0, 0.05 * min(w, h))
    draw.ellipse((sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r), fill="#FFB067" if dusk else "#FFF1C4")
    for _ in range(rng.randint(2, 5)):  # clouds
        cx, cy = rng.uniform(0, w), rng.uniform(0.05, 0.35) * h
        for _ in range(5):
            rx, ry = rng.uniform(0.04, 0.09) * w, rng.uniform(0.015, 0.035) * h
            ox, oy = rng.uniform(-0.06, 0.06) * w, rng.uniform(-0.01, 0.01) * h
            draw.ellipse((cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry), fill=(240, 242, 247))
    for colour, amplitude in (((92, 108, 140), 0.30), ((70, 96, 92), 0.18), ((58, 110, 60), 0.08)):
        base = horizon - amplitude * h * 0.4
        phase, freq = rng.uniform(0, 6.28), rng.uniform(1.5, 4.0)
        swing = amplitude * h * 0.5
        points = [(0.0, float(h))]
        for i in range(41):
            points.append(
                (w * i / 40, base - swing * (0.6 * math.sin(freq * i / 40 * 6.28 + phase) + 0.4 * rng.random()))
            )
        points.append((float(w), float(h)))
        draw.polygon(points, fill=_jitter(colour, rng, 12))
    if rng.random() < 0.5:  # a lake reflecting the sky
        lake_top = int((horizon + int(0.12 * h)) * k)
        lake = ImageOps.flip(sky.crop((0, 0, cw, max(1, ch - lake_top)))).point(_LAKE_LUT)
        img.paste(lake, (0, lake_top))
    else:  # a field
        draw.rectangle((0, horizon + int(0.1 * h), w, h), fill=_jitter((96, 140, 62), rng, 15))
        for i in range(0, w, max(3, w // 60)):
            draw.line((i, h, w / 2 + (i - w / 2) * 0.2, horizon + 0.1 * h), fill=(84, 124, 54), width=1)
    return img


def _scene_seaside(w: int, h: int, rng: random.Random, k: float = 1.0) -> Image.Image:
    cw, ch = _canvas(w, h, k)
    horizon = int(h * rng.uniform(0.38, 0.5))
    img = _sky(cw, ch, rng.choice(("#2F6DB5", "#5C8FCB", "#7FA7D9")), "#E8EEF2")
    draw = _Pen(img, k)
    sea_h = max(1, int(h * 0.3))
    img.paste(_sky(cw, max(1, round(sea_h * k)), "#2B5C7E", "#4C8CA8"), (0, round(horizon * k)))
    shore = horizon + sea_h
    for _ in range(rng.randint(25, 45)):  # wave crests
        y = rng.uniform(horizon + 2, shore)
        x = rng.uniform(0, w)
        length = rng.uniform(0.03, 0.15) * w * (y - horizon) / max(1, shore - horizon)
        draw.line((x, y, x + length, y), fill=(200, 222, 232), width=1)
    draw.rectangle((0, shore, w, h), fill=_jitter((222, 200, 160), rng, 12))
    draw.polygon([(0, shore), (w, shore), (w, shore + h * 0.03), (0, shore + h * 0.05)], fill=(236, 240, 236))
    for _ in range(rng.randint(0, 4)):  # people or umbrellas on the beach
        x, y = rng.uniform(0.05, 0.95) * w, rng.uniform(shore + h * 0.08, h * 0.95)
        r = h * rng.uniform(0.03, 0.06)
        draw.pieslice(
            (x - r * 2, y - r, x + r * 2, y + r), 180, 360, fill=rng.choice(("#C0392B", "#F1C40F", "#2E86C1"))
        )
        draw.line((x, y, x, y + r * 2), fill="#5D4037", width=max(1, int(r / 6)))
    return img


def _scene_city(w: int, h: int, rng: random.Random, k: float = 1.0) -> Image.Image:
    night = rng.random() < 0.35
    img = _sky(*_canvas(w, h, k), *(("#0B1533", "#3B4A7A") if night else ("#7DA7D9", "#DDE7F0")))
    draw = _Pen(img, k)
    core = ImageDraw.Draw(img).draw  # windows: many small rectangles, in canvas pixels, drawn by the core directly
    rect, ink = core.draw_rectangle, core.draw_ink  # (what ImageDraw.rectangle does after parsing the colour)
    street = int(h * rng.uniform(0.72, 0.82))
    x = -rng.uniform(0, 0.05) * w
    random_ = rng.random
    while x < w:
        bw = rng.uniform(0.06, 0.16) * w
        top = rng.uniform(0.12, 0.6) * h
        tone = rng.randint(60, 170) if not night else rng.randint(25, 60)
        face = _jitter((tone, tone - 5, tone - 12), rng, 15)
        draw.rectangle((x, top, x + bw, street), fill=face)
        win = max(2.0, bw / 9)
        lit = _jitter((250, 214, 140), rng, 10) if night else _jitter((150, 180, 205), rng, 25)
        chance = 0.45 if night else 0.9
        lit_ink = ink(lit)
        dx, dy = win * 0.9 * k, win * 1.2 * k
        for wy in range(int(top + win), street - int(win), int(win * 2.2)):
            y0 = wy * k
            for wx in range(int(x + win * 0.8), int(x + bw - win), int(win * 1.8)):
                if random_() < chance:
                    x0 = wx * k
                    rect((x0, y0, x0 + dx, y0 + dy), lit_ink if night else ink(_jitter(lit, rng, 20)), 1)
        x += bw + rng.uniform(0, 0.015) * w
    draw.rectangle((0, street, w, h), fill=(52, 54, 58) if not night else (20, 22, 28))
    for i in range(6):  # lane markings in perspective
        y = street + (h - street) * (i + 0.5) / 6
        draw.line((w * 0.5 - (y - street) * 0.1, y, w * 0.5 + (y - street) * 0.1, y), fill=(210, 210, 200), width=1)
    if night:
        for _ in range(rng.randint(4, 10)):  # car lights
            cx, cy = rng.uniform(0, w), rng.uniform(street + 4, h - 4)
            draw.ellipse((cx - 2, cy - 1, cx + 2, cy + 1), fill=rng.choice(("#FFF3C4", "#FF4A3D")))
    return img


_halos: dict[tuple[int, int], Image.Image] = {}


def _halo(w: int, h: int) -> Image.Image:
    """A lamp's glow as a mask: a radial falloff of ``w`` x ``h`` (kept per size)."""
    halo = _halos.get((w, h))
    if halo is None:
        if len(_halos) > 64:
            _halos.clear()
        halo = _halos[(w, h)] = (
            Image.radial_gradient("L")
            .resize((w, h), Image.Resampling.BILINEAR)
            .point([max(0, 110 - v) for v in range(256)])
        )
    return halo


def _scene_interior(w: int, h: int, rng: random.Random, k: float = 1.0) -> Image.Image:
    wall = rng.choice(((214, 204, 186), (190, 200, 196), (228, 222, 214), (176, 164, 150)))
    img = _sky(
        *_canvas(w, h, k),
        "#{:02X}{:02X}{:02X}".format(*_jitter(wall, rng, 10)),
        "#{:02X}{:02X}{:02X}".format(*(c - 40 for c in wall)),
        keep=False,
    )
    draw = _Pen(img, k)
    floor = int(h * rng.uniform(0.68, 0.78))
    plank = _jitter((150, 106, 70), rng, 18)
    draw.rectangle((0, floor, w, h), fill=plank)
    seam = (plank[0] - 25, plank[1] - 25, plank[2] - 25)
    for i in range(-10, 30):
        x = w / 2 + (i - 10) * w / 14
        draw.line((w / 2 + (x - w / 2) * 0.35, floor, x, h), fill=seam, width=1)
    wx0, wy0 = rng.uniform(0.08, 0.5) * w, h * rng.uniform(0.12, 0.22)
    ww, wh = w * rng.uniform(0.22, 0.35), h * rng.uniform(0.3, 0.42)
    draw.rectangle(
        (wx0, wy0, wx0 + ww, wy0 + wh), fill=(236, 242, 248), outline=(250, 250, 250), width=max(2, w // 120)
    )
    draw.line((wx0 + ww / 2, wy0, wx0 + ww / 2, wy0 + wh), fill=(250, 250, 250), width=max(2, w // 160))
    sofa = _jitter(rng.choice(((92, 110, 140), (120, 84, 70), (90, 120, 96))), rng, 12)
    sx = rng.uniform(0.05, 0.45) * w
    draw.rounded_rectangle((sx, floor - h * 0.2, sx + w * 0.45, floor + h * 0.04), radius=h * 0.03, fill=sofa)
    draw.rounded_rectangle((sx, floor - h * 0.3, sx + w * 0.45, floor - h * 0.16), radius=h * 0.03,
                           fill=tuple(c - 15 for c in sofa))  # fmt: skip
    lx = rng.uniform(0.65, 0.9) * w
    draw.line((lx, floor, lx, floor - h * 0.42), fill=(40, 40, 40), width=max(1, w // 200))
    gw, gh = max(2, int(w * 0.3)), max(2, int(h * 0.4))
    halo = _halo(max(2, round(gw * k)), max(2, round(gh * k)))
    x0, y0 = round((lx - gw / 2) * k), round((floor - h * 0.45 - gh / 2) * k)
    img.paste((255, 226, 170), (x0, y0, x0 + halo.width, y0 + halo.height), halo)  # the lamp's warm glow
    return img


def _scene_food(w: int, h: int, rng: random.Random, k: float = 1.0) -> Image.Image:
    wood = _jitter(rng.choice(((150, 108, 72), (186, 150, 110), (96, 70, 52))), rng, 10)
    img = Image.new("RGB", _canvas(w, h, k), wood)
    draw = _Pen(img, k)
    for y in range(0, h, max(2, h // 90)):
        draw.line((0, y + rng.uniform(-1, 1), w, y + rng.uniform(-2, 2)), fill=_jitter(wood, rng, 14), width=1)
    for _ in range(rng.randint(1, 3)):
        cx, cy, r = rng.uniform(0.25, 0.75) * w, rng.uniform(0.3, 0.7) * h, min(w, h) * rng.uniform(0.18, 0.3)
        draw.ellipse(
            (cx - r + r * 0.06, cy - r + r * 0.08, cx + r + r * 0.06, cy + r + r * 0.08),
            fill=tuple(c - 40 for c in wood),
        )
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(244, 244, 240))
        draw.ellipse((cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8), fill=(234, 234, 230))
        for _ in range(rng.randint(4, 9)):
            fx, fy, fr = cx + rng.uniform(-0.45, 0.45) * r, cy + rng.uniform(-0.45, 0.45) * r, r * rng.uniform(0.1, 0.3)
            colour = rng.choice(((196, 60, 40), (120, 160, 60), (230, 190, 90), (150, 90, 50), (240, 220, 180)))
            draw.ellipse((fx - fr, fy - fr * 0.7, fx + fr, fy + fr * 0.7), fill=_jitter(colour, rng, 20))
    fork_x = rng.uniform(0.05, 0.15) * w
    draw.rounded_rectangle((fork_x, h * 0.25, fork_x + w * 0.02, h * 0.8), radius=w * 0.01, fill=(200, 200, 205))
    return img


def _scene_whiteboard(w: int, h: int, rng: random.Random, k: float = 1.0) -> Image.Image:
    img = _sky(*_canvas(w, h, k), "#D8D4CC", "#A9A59D")
    draw = _Pen(img, k)
    skew = rng.uniform(-0.05, 0.05) * h
    x0, x1, y0, y1 = w * 0.06, w * 0.94, h * 0.1, h * 0.85
    draw.polygon([(x0, y0 + skew), (x1, y0 - skew), (x1, y1 - skew), (x0, y1 + skew)], fill=(246, 247, 245),
                 outline=(160, 160, 165))  # fmt: skip
    ink = rng.choice(((30, 60, 160), (30, 30, 30), (170, 30, 40), (20, 110, 60)))
    for _ in range(rng.randint(3, 6)):  # boxes and scribbled text lines
        bx, by = rng.uniform(0.12, 0.7) * w, rng.uniform(0.18, 0.7) * h
        bw, bh = rng.uniform(0.1, 0.22) * w, rng.uniform(0.06, 0.12) * h
        draw.rectangle((bx, by, bx + bw, by + bh), outline=ink, width=max(1, w // 300))
        for line in range(rng.randint(1, 2)):
            ly = by + bh * (0.35 + 0.3 * line)
            points = [
                (bx + bw * 0.1 + i * bw * 0.04, ly + rng.uniform(-1.5, 1.5)) for i in range(int(rng.uniform(8, 20)))
            ]
            draw.line(points, fill=ink, width=1)
    return img


_Scene = Callable[[int, int, random.Random, float], Image.Image]
_SCENES: dict[str, _Scene] = {
    "landscape": _scene_landscape,
    "seaside": _scene_seaside,
    "city": _scene_city,
    "interior": _scene_interior,
    "food": _scene_food,
    "whiteboard": _scene_whiteboard,
}
PHOTO_SCENES: dict[str, Callable[[int, int, random.Random], Image.Image]] = {
    "landscape": _scene_landscape,
    "seaside": _scene_seaside,
    "city": _scene_city,
    "interior": _scene_interior,
    "food": _scene_food,
    "whiteboard": _scene_whiteboard,
}
"""Procedural photo scenes by name: ``scene(width, height, rng)`` draws one at full size, without light or grain."""

_VIGNETTE_SMALL = Image.radial_gradient("L").resize((16, 12), Image.Resampling.BILINEAR)
"""Distance from the image centre at 16x12 (0 centre, 255 corners), for the lens fall-off."""
_DARK_CORNERS = ImageChops.invert(_VIGNETTE_SMALL.point(lambda v: 255 - max(0, v - 140) * 40 // 115).convert("RGB"))
"""How much darker each of 16x12 cells is (0 in the middle, up to 40 in the corners): the same for every photo."""
_LIGHT = bytes(128 + (v - 128) // 24 for v in range(256))
"""A byte of the random light field to its cell's level (128 +- 6; ``bytes.translate`` table)."""
_GRAIN = {s: [((v - 128) * s // 128) % 256 for v in range(256)] for s in range(9, 15)}
"""Sensor grain by strength: a byte of noise to a signed offset, as a byte modulo 256 (added with ``add_modulo``)."""
_TILE = 400
"""Side of the grain tiles: a photo takes its grain from a window at a random place in the tile of its strength
(a sensor's noise has no structure to tell one window from a fresh draw; drawing 43,200 fresh bytes for every
480x360 photo cost as much as its light and scene together). Larger photos draw their own."""
_grain_tiles: dict[int, Image.Image] = {}


def _grain_tile(strength: int) -> Image.Image:
    """The grain of ``strength`` as grey RGB offsets on a ``_TILE`` square, from a fixed seed (built once)."""
    tile = _grain_tiles.get(strength)
    if tile is None:
        noise = Image.frombytes("L", (_TILE, _TILE), random.Random("photo grain").randbytes(_TILE * _TILE))
        grey = noise.point(_GRAIN[strength])
        tile = _grain_tiles[strength] = Image.merge("RGB", (grey, grey, grey))
    return tile


def render_photo(rng: random.Random, width: int, height: int, scene: str | None = None) -> Image.Image:
    """Draw a photo-like scene with lens vignette, uneven light, the camera's white balance and sensor grain.

    The scene is drawn at half size; the light (a smooth random field per channel, the white balance and the
    vignette) and the grain are added there in one step, and the result is enlarged to full size (grain and edges
    two pixels wide, as a phone's processing leaves them). The random draws are the same at any drawing size.

    Example:
        >>> render_photo(random.Random(1), 320, 240, "city").size
        (320, 240)
    """
    name = scene if scene in _SCENES else rng.choice(sorted(_SCENES))
    half = (max(1, (width + 1) // 2), max(1, (height + 1) // 2))
    canvas = _SCENES[name](width, height, rng, 0.5)
    balance = Image.new("RGB", (16, 12), tuple(rng.randint(-6, 6) % 256 for _ in range(3)))  # white balance
    field = Image.frombytes("RGB", (16, 12), rng.randbytes(16 * 12 * 3).translate(_LIGHT))
    cells = ImageChops.subtract_modulo(ImageChops.add_modulo(field, balance), _DARK_CORNERS)  # 76-139: no wrap
    quarter = ((half[0] + 1) // 2, (half[1] + 1) // 2)  # the light is smooth: interpolated at quarter size
    light = cells.resize(quarter, Image.Resampling.BILINEAR)
    light = light.resize(half, Image.Resampling.NEAREST)
    strength = rng.randint(9, 14)
    if half[0] <= _TILE and half[1] <= _TILE:
        x, y = rng.randint(0, _TILE - half[0]), rng.randint(0, _TILE - half[1])
        grey = _grain_tile(strength).crop((x, y, x + half[0], y + half[1]))
    else:
        grain = Image.frombytes("L", half, rng.randbytes(half[0] * half[1])).point(_GRAIN[strength])
        grey = Image.merge("RGB", (grain, grain, grain))  # the convert("RGB") pixels in a quarter of the time
    offset = ImageChops.add_modulo(light, grey)  # light (about 128 +- 50) + grain (+-14): never wraps
    return ImageChops.add(canvas, offset, scale=1.0, offset=-128).resize((width, height), Image.Resampling.NEAREST)


_vignettes: dict[tuple[int, int, int], Image.Image] = {}


def _vignette(half: tuple[int, int], warmth: int) -> Image.Image:
    """The lens fall-off of a frame drawn at ``half`` size, as RGB offsets around 128 (128 in the middle, up to 40
    darker in the corners), with a white-balance drift of ``warmth`` (red up, blue down): kept per size and drift."""
    key = (*half, warmth)
    vignette = _vignettes.get(key)
    if vignette is None:
        if len(_vignettes) > 64:
            _vignettes.clear()
        quarter = ((half[0] + 1) // 2, (half[1] + 1) // 2)  # smooth: interpolated at quarter size, as the light
        dark = _DARK_CORNERS.resize(quarter, Image.Resampling.BILINEAR).resize(half, Image.Resampling.NEAREST)
        level = Image.new("RGB", half, (128 + warmth, 128, 128 - warmth))
        vignette = _vignettes[key] = ImageChops.subtract_modulo(level, dark)  # 84-132: no wrap
    return vignette


def render_burst(
    rng: random.Random, width: int, height: int, scene: str, exposures: Sequence[float]
) -> Iterator[Image.Image]:
    """Shots of one scene taken seconds apart, as a phone's burst or a user's retakes: one per entry of
    ``exposures`` (each shot's exposure against the scene's metering, in stops; a third of a stop brighter is
    ``1 / 3``).

    The scene and its uneven light and white balance are drawn once, at half size, on a canvas a little larger than
    the frame. Each shot frames it again: moved by up to ~4% either way (the hand between shots), sometimes tilted
    by up to a degree or stepped closer, never framed as the shot before; its exposure scales the light (the meter
    re-reads each framing, so a shot exposed a third of a stop longer comes out ~6% brighter), the white balance
    drifts a little, and the lens vignette and fresh sensor grain are added before the 2x enlargement (see
    :func:`render_photo`). No two shots are alike, and all are recognisably the same view. The shots come one at a
    time (encode each before drawing the next: a burst held whole costs fresh memory for every frame).

    Example:
        >>> shots = list(render_burst(random.Random(1), 320, 240, "seaside", [0, 1 / 3, 0]))
        >>> [s.size for s in shots] == [(320, 240)] * 3 and shots[0].tobytes() != shots[2].tobytes()
        True
    """
    half = (max(1, (width + 1) // 2), max(1, (height + 1) // 2))
    drift = max(2, min(half) // 25)  # how far the frame moves either way between shots, in half-size pixels
    canvas = _SCENES[scene](width + 4 * drift, height + 4 * drift, rng, 0.5)  # (half + 2 drift) at half size
    balance = Image.new("RGB", (16, 12), tuple(rng.randint(-6, 6) % 256 for _ in range(3)))  # white balance
    field = Image.frombytes("RGB", (16, 12), rng.randbytes(16 * 12 * 3).translate(_LIGHT))
    cells = ImageChops.add_modulo(field, balance)  # 122-140: no wrap
    quarter = ((canvas.width + 1) // 2, (canvas.height + 1) // 2)
    light = cells.resize(quarter, Image.Resampling.BILINEAR).resize(canvas.size, Image.Resampling.NEAREST)
    lit = ImageChops.add(canvas, light, scale=1.0, offset=-128)
    del canvas, light  # only the lit view lives on while the shots are taken
    last = (-drift, -drift)
    for stops in exposures:
        tilt = math.radians(rng.uniform(-1.0, 1.0)) if rng.random() < 0.4 else 0.0
        closer = 1 + rng.uniform(0.02, 0.06) if rng.random() < 0.25 else 1.0
        edge = math.ceil(abs(math.sin(tilt)) * (half[0] + half[1]) / 2) + 1 if tilt else 0  # corners stay inside
        if edge > drift:  # a frame too narrow to tilt within the margin: held straight
            tilt, edge = 0.0, 0
        x, y = rng.randint(edge, 2 * drift - edge), rng.randint(edge, 2 * drift - edge)
        while abs(x - last[0]) + abs(y - last[1]) < 3 and drift - edge >= 2:  # never the same framing twice in a row
            x, y = rng.randint(edge, 2 * drift - edge), rng.randint(edge, 2 * drift - edge)
        last = (x, y)
        if tilt or closer != 1.0:
            cos, sin = math.cos(tilt) / closer, math.sin(tilt) / closer
            cx, cy = x + half[0] / 2, y + half[1] / 2  # the frame's centre on the canvas
            hx, hy = half[0] / 2, half[1] / 2
            coefficients = (cos, sin, cx - cos * hx - sin * hy, -sin, cos, cy + sin * hx - cos * hy)
            frame = lit.transform(half, Image.Transform.AFFINE, coefficients, Image.Resampling.NEAREST)
        else:
            frame = lit.crop((x, y, x + half[0], y + half[1]))
        strength = rng.randint(9, 14)
        if half[0] <= _TILE and half[1] <= _TILE:
            gx, gy = rng.randint(0, _TILE - half[0]), rng.randint(0, _TILE - half[1])
            grey = _grain_tile(strength).crop((gx, gy, gx + half[0], gy + half[1]))
        else:
            grain = Image.frombytes("L", half, rng.randbytes(half[0] * half[1])).point(_GRAIN[strength])
            grey = Image.merge("RGB", (grain, grain, grain))
        offset = ImageChops.add_modulo(_vignette(half, rng.randint(-2, 2) * 2), grey)  # 70-146: no wrap
        gain = 2 ** (stops / 4)  # the meter re-reads each framing: a third of a stop longer is ~6% brighter
        shot = ImageChops.add(frame, offset, scale=1 / gain, offset=round(-128 * gain))
        yield shot.resize((width, height), Image.Resampling.NEAREST)


def _photo(spec: ImageSpec, rng: random.Random) -> Image.Image:
    return render_photo(rng, spec.width, spec.height)


def _chart(spec: ImageSpec, rng: random.Random) -> Image.Image:
    w, h = spec.width, spec.height
    labels = list(spec.labels) or [f"Q{i}" for i in range(1, 5)]
    values = list(spec.values) or [round(rng.uniform(20, 100), 1) for _ in labels]
    if len(values) != len(labels):
        raise OfficeError(f"chart image has {len(labels)} labels but {len(values)} values; give one value per label")
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    title_font, label_font = _font(max(12, h // 22)), _font(max(9, h // 40))
    top = int(h * 0.14) if spec.title else int(h * 0.06)
    if spec.title:
        draw.text((w / 2, h * 0.06), _fit(draw, spec.title, title_font, w * 0.9), fill="#222222", font=title_font,
                  anchor="mm")  # fmt: skip
    left, right, bottom = int(w * 0.11), int(w * 0.96), int(h * 0.86)
    vmax = max(max(values), 0.0) or 1.0
    vmin = min(min(values), 0.0)
    magnitude = 10 ** math.floor(math.log10(vmax - vmin)) if vmax > vmin else 1.0
    step = magnitude if (vmax - vmin) / magnitude > 4 else magnitude / 2
    hi = math.ceil(vmax / step) * step
    lo = math.floor(vmin / step) * step
    span = (hi - lo) or 1.0

    def y_of(v: float) -> float:
        return bottom - (v - lo) / span * (bottom - top)

    tick = lo
    while tick <= hi + 1e-9:
        y = y_of(tick)
        draw.line((left, y, right, y), fill="#E3E3E3")
        text = f"{tick:,.0f}" if step >= 1 else f"{tick:,.1f}"
        draw.text((left - 6, y), text, fill="#555555", font=label_font, anchor="rm")
        tick += step
    draw.line((left, top, left, bottom), fill="#444444", width=1)
    draw.line((left, y_of(0), right, y_of(0)), fill="#444444", width=1)
    slot = (right - left) / len(values)
    colour = _PALETTE[rng.randrange(len(_PALETTE))]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x0, x1 = left + slot * (i + 0.18), left + slot * (i + 0.82)
        y0, y1 = sorted((y_of(value), y_of(0)))
        draw.rectangle((x0, y0, x1, y1), fill=colour)
        draw.text(((x0 + x1) / 2, y0 - 4), f"{value:,.0f}" if abs(value) >= 10 else f"{value:,.1f}",
                  fill="#333333", font=label_font, anchor="md")  # fmt: skip
        draw.text(((x0 + x1) / 2, bottom + 6), _fit(draw, label, label_font, slot * 0.95), fill="#333333",
                  font=label_font, anchor="ma")  # fmt: skip
    return img


def _arrow(draw: ImageDraw.ImageDraw, start: tuple[float, float], end: tuple[float, float], size: float) -> None:
    draw.line((*start, *end), fill="#404040", width=max(1, int(size / 5)))
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    left = (end[0] - size * math.cos(angle - 0.4), end[1] - size * math.sin(angle - 0.4))
    right = (end[0] - size * math.cos(angle + 0.4), end[1] - size * math.sin(angle + 0.4))
    draw.polygon([end, left, right], fill="#404040")


def _diagram(spec: ImageSpec, rng: random.Random) -> Image.Image:
    w, h = spec.width, spec.height
    labels = list(spec.labels) or ["Input", "Process", "Review", "Output"]
    img = Image.new("RGB", (w, h), "#FBFBFD")
    draw = ImageDraw.Draw(img)
    top = h * 0.16 if spec.title else h * 0.06
    if spec.title:
        font = _font(max(12, h // 20))
        draw.text((w / 2, h * 0.07), _fit(draw, spec.title, font, w * 0.9), fill="#1F1F1F", font=font, anchor="mm")
    per_row = min(len(labels), 4 if w >= h else 2)
    rows = math.ceil(len(labels) / per_row)
    cell_w, cell_h = w / per_row, (h - top) / rows
    box_w, box_h = cell_w * 0.68, min(cell_h * 0.5, h * 0.2)
    font = _font(max(9, int(box_h / 4.5)))
    colour = _PALETTE[rng.randrange(len(_PALETTE))]
    centres: list[tuple[float, float]] = []
    for i, label in enumerate(labels):
        row, col = divmod(i, per_row)
        if row % 2 == 1:  # snake layout so arrows stay short
            col = per_row - 1 - col
        cx, cy = cell_w * (col + 0.5), top + cell_h * (row + 0.5)
        centres.append((cx, cy))
        box = (cx - box_w / 2, cy - box_h / 2, cx + box_w / 2, cy + box_h / 2)
        draw.rounded_rectangle(box, radius=box_h * 0.15, fill="#FFFFFF", outline=colour, width=max(2, w // 300))
        draw.multiline_text((cx, cy), _wrap(draw, label, font, box_w * 0.9), fill="#1F1F1F", font=font, anchor="mm",
                            align="center")  # fmt: skip
    for (x0, y0), (x1, y1) in itertools.pairwise(centres):
        if abs(y0 - y1) < 1:
            sign = 1 if x1 > x0 else -1
            _arrow(draw, (x0 + sign * box_w / 2, y0), (x1 - sign * box_w / 2, y1), max(6.0, box_h * 0.12))
        else:
            _arrow(draw, (x0, y0 + box_h / 2), (x1, y1 - box_h / 2), max(6.0, box_h * 0.12))
    return img


def _text_bars(draw: ImageDraw.ImageDraw, rng: random.Random, x: float, y: float, width: float, line_h: float,
               lines: int, colour: str) -> float:  # fmt: skip
    """Grey bars that read as lines of text at a distance; returns the y after the last line."""
    for i in range(lines):
        words_x = x
        end = x + width * (rng.uniform(0.55, 0.98) if i % 6 != 5 else rng.uniform(0.2, 0.5))
        while words_x < end:
            word = rng.uniform(0.03, 0.11) * width
            draw.rectangle((words_x, y, min(end, words_x + word), y + line_h * 0.45), fill=colour)
            words_x += word + line_h * 0.35
        y += line_h
    return y


def _title_bar(draw: ImageDraw.ImageDraw, os_name: WindowOS | None, box: tuple[float, float, float, float],
               title: str, accent: str) -> None:  # fmt: skip
    """The window title bar each OS draws: macOS traffic lights and a centred title; Windows icon, left title and
    minimise/maximise/close glyphs on the right; GNOME a centred bold title and a round close button."""
    x0, y0, x1, y1 = box
    bar = y1 - y0
    font = _font(int(bar * 0.45))
    if os_name == "macos":
        draw.rectangle(box, fill="#E8E6E8")
        for k, colour in enumerate(("#FF5F57", "#FEBC2E", "#28C840")):
            cx = x0 + bar * (0.6 + 0.7 * k)
            draw.ellipse((cx - bar * 0.22, y0 + bar * 0.28, cx + bar * 0.22, y0 + bar * 0.72), fill=colour)
        draw_line(draw, ((x0 + x1) / 2, y0 + bar / 2), _fit(draw, title, font, (x1 - x0) * 0.6), "#3C3C3C", font, "mm")
    elif os_name == "windows":
        draw.rectangle(box, fill="#F3F3F3")
        draw.rectangle((x0 + bar * 0.35, y0 + bar * 0.3, x0 + bar * 0.75, y0 + bar * 0.7), fill=accent)
        draw_line(draw, (x0 + bar * 1.05, y0 + bar / 2), _fit(draw, title, font, (x1 - x0) * 0.55), "#1F1F1F", font,
                  "lm")  # fmt: skip
        cell = bar * 1.6
        mid = y0 + bar / 2
        g = bar * 0.17
        cx = x1 - cell * 2.5  # minimise
        draw.line((cx - g, mid, cx + g, mid), fill="#1F1F1F", width=1)
        cx = x1 - cell * 1.5  # maximise
        draw.rectangle((cx - g, mid - g, cx + g, mid + g), outline="#1F1F1F", width=1)
        cx = x1 - cell * 0.5  # close
        draw.line((cx - g, mid - g, cx + g, mid + g), fill="#1F1F1F", width=1)
        draw.line((cx - g, mid + g, cx + g, mid - g), fill="#1F1F1F", width=1)
    elif os_name == "linux":
        draw.rectangle(box, fill="#EBEBEB")
        bold = _font(int(bar * 0.45))
        draw_line(draw, ((x0 + x1) / 2, y0 + bar / 2), _fit(draw, title, bold, (x1 - x0) * 0.6), "#2E3436", bold, "mm")
        cx, cy, r = x1 - bar * 0.7, y0 + bar / 2, bar * 0.3
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill="#DADADA")
        g = r * 0.45
        draw.line((cx - g, cy - g, cx + g, cy + g), fill="#2E3436", width=1)
        draw.line((cx - g, cy + g, cx + g, cy - g), fill="#2E3436", width=1)
    else:  # no OS given: a plain bar with the title, no window buttons
        draw.rectangle(box, fill="#EEF1F5")
        draw_line(draw, ((x0 + x1) / 2, y0 + bar / 2), _fit(draw, title, font, (x1 - x0) * 0.6), "#333333", font, "mm")


def render_screenshot(
    rng: random.Random,
    width: int,
    height: int,
    *,
    title: str,
    os_name: WindowOS | None = None,
    sidebar: Sequence[str] = (),
    lines: Sequence[str] = (),
    accent: str | None = None,
) -> Image.Image:
    """Draw an application window of ``os_name`` showing ``lines`` of real text (grey bars when none are given).

    Args:
        rng: Randomness for the layout and for placeholder bars.
        width: Image width in pixels.
        height: Image height in pixels.
        title: Window title, e.g. ``"Budget 2025.xlsx - Excel"``.
        os_name: ``macos``, ``windows`` or ``linux`` for that OS's title bar; ``None`` for a neutral bar.
        sidebar: Items of a navigation sidebar (folders, sheets, mailboxes); no sidebar when empty.
        lines: The document's own text, one line each (headings first); cut to fit.
        accent: Colour of the selection and app icon.

    Example:
        >>> img = render_screenshot(random.Random(1), 640, 400, title="Notes.docx - Word", os_name="windows",
        ...                         lines=["Site visit notes", "Boiler inspected on 4 March."])
        >>> img.size
        (640, 400)
    """
    w, h = width, height
    accent = accent or _PALETTE[rng.randrange(len(_PALETTE))]
    img = Image.new("RGB", (w, h), "#FFFFFF")
    draw = ImageDraw.Draw(img)
    bar = max(18, h // 18)
    _title_bar(draw, os_name, (0, 0, w - 1, bar), title, accent)
    draw.line((0, bar, w, bar), fill="#D0D0D0")
    side = int(w * 0.22) if sidebar else 0
    if side:
        draw.rectangle((0, bar + 1, side, h), fill="#F5F6F8" if os_name != "macos" else "#EDEBEF")
        item_font = _font(max(9, int(bar * 0.45)))
        y = bar + bar * 0.8
        for i, item in enumerate(list(sidebar)[:14]):
            if i == 0:
                draw.rounded_rectangle((4, y - bar * 0.38, side - 4, y + bar * 0.42), radius=4, fill="#DCE6F4")
            draw_line(draw, (bar * 0.5, y), _fit(draw, item, item_font, side - bar), "#2B2B2B", item_font, "lm")
            y += bar * 0.95
            if y > h - bar:
                break
    x0 = side + bar * 0.8
    content_w = w - x0 - bar * 0.8
    y = bar + bar * 0.9
    if lines:
        for i, text in enumerate(lines):
            size = int(bar * (0.75 if i == 0 else 0.48))
            font = _font(max(9, size))
            wrapped = _wrap(draw, text, font, content_w, max_lines=3)
            colour = "#1F1F1F" if i else accent
            draw_lines(draw, (x0, y), wrapped, colour, font, int(size * 0.35))
            y += (wrapped.count("\n") + 1) * size * 1.35 + (size * 0.6 if i == 0 else size * 0.4)
            if y > h - bar:
                break
    else:
        draw.rectangle((x0, y, x0 + content_w * 0.5, y + bar * 0.6), fill="#E8EEF7")
        y += bar * 1.4
        line_h = bar * 0.8
        while y < h - bar:
            y = _text_bars(draw, rng, x0, y, content_w, line_h, rng.randint(2, 4), "#B8BEC7") + line_h * 0.6
    return img


def _screenshot(spec: ImageSpec, rng: random.Random) -> Image.Image:
    items = list(spec.labels) or ["Inbox", "Documents", "Reports", "Shared", "Archive"]
    return render_screenshot(rng, spec.width, spec.height, title=spec.title or "Untitled", sidebar=items)


def _scan(spec: ImageSpec, rng: random.Random) -> Image.Image:
    w, h = spec.width, spec.height
    page = Image.new("L", (w, h), 236)
    draw = ImageDraw.Draw(page)
    margin = w * 0.1
    y = h * 0.08
    if spec.title:
        font = _font(max(12, w // 26))
        draw.text((margin, y), _fit(draw, spec.title, font, w - 2 * margin), fill=40, font=font)
        y += w // 26 * 2.2
    line_h = max(8.0, h / 48)
    for _ in range(rng.randint(3, 5)):
        y = _text_bars(draw, rng, margin, y, w - 2 * margin, line_h, rng.randint(3, 7), "#505050") + line_h
        if y > h * 0.78:
            break
    sig_y = min(h * 0.86, y + line_h)
    points = [(margin + i * w * 0.006, sig_y + math.sin(i * 0.7 + rng.random()) * line_h * 0.8) for i in range(45)]
    draw.line(points, fill=30, width=2)
    draw.line((margin, sig_y + line_h * 1.4, margin + w * 0.3, sig_y + line_h * 1.4), fill=90)
    page = page.rotate(rng.uniform(-0.9, 0.9), resample=Image.Resampling.BILINEAR, fillcolor=250)
    page = Image.blend(page, _grain(rng, (w, h), 160), 0.1).filter(ImageFilter.GaussianBlur(0.5))
    return page.convert("RGB")


def _logo(spec: ImageSpec, rng: random.Random) -> Image.Image:
    w, h = spec.width, spec.height
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    colour = _PALETTE[rng.randrange(len(_PALETTE))]
    accent = _PALETTE[rng.randrange(len(_PALETTE))]
    r = min(w, h) * 0.3
    cx, cy = (w * 0.2, h / 2) if spec.title else (w / 2, h / 2)
    shape = rng.randrange(3)
    if shape == 0:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
        draw.ellipse((cx - r * 0.45, cy - r * 0.45, cx + r * 0.45, cy + r * 0.45), fill="white")
    elif shape == 1:
        draw.regular_polygon((cx, cy, r), 6, fill=colour)
        draw.regular_polygon((cx, cy, r * 0.5), 3, fill=accent)
    else:
        draw.rounded_rectangle((cx - r, cy - r, cx + r, cy + r), radius=r * 0.3, fill=colour)
        draw.line((cx - r * 0.5, cy + r * 0.4, cx, cy - r * 0.5, cx + r * 0.5, cy + r * 0.4), fill="white",
                  width=max(2, int(r * 0.18)))  # fmt: skip
    if spec.title:
        room = w - (cx + r * 1.4) - w * 0.04
        size = int(h * 0.16)
        while size > 9 and _text_width(draw, spec.title, _font(size)) > room:
            size -= 1
        font = _font(size)
        draw.text((cx + r * 1.4, cy), _fit(draw, spec.title, font, room), fill="#1F1F1F", font=font, anchor="lm")
    return img


_DRAW = {
    "photo": _photo,
    "chart": _chart,
    "diagram": _diagram,
    "screenshot": _screenshot,
    "scan": _scan,
    "logo": _logo,
}


@dataclass(frozen=True)
class CameraExif:
    """Camera metadata a phone or camera writes into a JPEG (EXIF).

    ``taken`` is the local wall-clock time the photo was taken and ``utc_offset`` its offset (``"+01:00"``), as
    cameras record them; make the file's mtime agree with it.

    Example:
        >>> from datetime import datetime
        >>> CameraExif("Apple", "iPhone 14", taken=datetime(2025, 6, 1, 18, 4, 11)).make
        'Apple'
    """

    make: str
    model: str
    taken: datetime
    software: str | None = None
    utc_offset: str | None = None
    lens: str | None = None
    f_number: float = 1.8
    exposure_s: float = 1 / 120
    iso: int = 64
    focal_mm: float = 5.7
    focal_35mm: int = 26


def _rational(value: float, denominator: int = 1000) -> Any:
    from PIL.TiffImagePlugin import IFDRational

    return IFDRational(round(value * denominator), denominator)


_STAMP_PROBE = "1901:02:03 04:05:06"  # same length as every EXIF date; replaced in a cached template
_EXPOSURE_PROBE = 0x0ABCDF  # exposure numerator (over 1,000,000) of the template, coprime to 1,000,000 so
# Pillow writes the rational unreduced: the 8 bytes numerator, denominator are found once and replaced
_ISO_PROBE = 0xBE7A  # ISO of the template (a SHORT stored in its IFD entry)
_SIZE_PROBE = (0xBE7B, 0xBE7C)  # width and height of the template (SHORTs as well)
_OFFSET_PROBE = "-77:77"  # UTC offset of the template: every offset is written as +HH:MM, the same length
_exif_templates: dict[tuple[Any, ...], tuple[bytes, int, int, int, int, str] | None] = {}


def _exif_bytes(exif: CameraExif, size: tuple[int, int]) -> bytes:
    """The EXIF block Pillow writes for ``exif``: built once per camera (software, lens, whether an offset is
    written), then the date stamps and the UTC offset (fixed-length ASCII), the exposure time (a rational in lowest
    terms), the ISO and the image size (fixed-size numbers) are put in place, so the bytes equal a fresh build at a
    fraction of the cost."""
    stamp = exif.taken.strftime("%Y:%m:%d %H:%M:%S")
    exposure = round(exif.exposure_s * 1_000_000)
    offset = exif.utc_offset or ""
    if (
        len(stamp) != len(_STAMP_PROBE)
        or not (0 <= exposure < 2**32 and 0 <= exif.iso < 2**16)
        or not all(0 <= side < 2**16 for side in size)
        or len(offset) not in (0, len(_OFFSET_PROBE))
        or not offset.isascii()
    ):
        return _build_exif(exif, size, stamp)  # a year outside 1000-9999 or values of other widths: directly
    key = (exif.make, exif.model, exif.software, bool(offset), exif.lens, exif.f_number, exif.focal_mm,
           exif.focal_35mm)  # fmt: skip
    if key not in _exif_templates:
        probe = dataclasses.replace(
            exif,
            exposure_s=_EXPOSURE_PROBE / 1_000_000,
            iso=_ISO_PROBE,
            utc_offset=_OFFSET_PROBE if offset else exif.utc_offset,
        )
        template = _build_exif(probe, _SIZE_PROBE, _STAMP_PROBE)
        order = "<" if template[6:8] == b"II" else ">"
        spots = (
            struct.pack(order + "II", _EXPOSURE_PROBE, 1_000_000),
            struct.pack(order + "H", _ISO_PROBE),
            struct.pack(order + "H", _SIZE_PROBE[0]),
            struct.pack(order + "H", _SIZE_PROBE[1]),
        )
        found = [template.find(s) for s in spots]
        if len(_exif_templates) > 4096:
            _exif_templates.clear()
        unique = (
            template.count(_STAMP_PROBE.encode()) == 3
            and template.count(_OFFSET_PROBE.encode()) == (2 if offset else 0)
            and all(template.count(s) == 1 for s in spots)
        )
        at = (found[0], found[1], found[2], found[3])
        _exif_templates[key] = (template, *at, order) if unique else None  # None: probes collide
    entry = _exif_templates[key]
    if entry is None:  # pragma: no cover - a camera string containing a probe
        return _build_exif(exif, size, stamp)
    template, at_exposure, at_iso, at_width, at_height, order = entry
    data = bytearray(template.replace(_STAMP_PROBE.encode(), stamp.encode("ascii")))
    if offset:
        data = data.replace(_OFFSET_PROBE.encode(), offset.encode("ascii"))
    reduced = Fraction(exposure, 1_000_000)  # Pillow writes a rational in lowest terms
    data[at_exposure : at_exposure + 8] = struct.pack(order + "II", reduced.numerator, reduced.denominator)
    data[at_iso : at_iso + 2] = struct.pack(order + "H", exif.iso)
    data[at_width : at_width + 2] = struct.pack(order + "H", size[0])
    data[at_height : at_height + 2] = struct.pack(order + "H", size[1])
    return bytes(data)


def _build_exif(exif: CameraExif, size: tuple[int, int], stamp: str) -> bytes:
    data = Image.Exif()
    data[ExifBase.Make] = exif.make
    data[ExifBase.Model] = exif.model
    data[ExifBase.Orientation] = 1
    data[ExifBase.XResolution] = _rational(72, 1)
    data[ExifBase.YResolution] = _rational(72, 1)
    data[ExifBase.ResolutionUnit] = 2
    if exif.software:
        data[ExifBase.Software] = exif.software
    data[ExifBase.DateTime] = stamp
    sub = data.get_ifd(IFD.Exif)
    sub[ExifBase.DateTimeOriginal] = stamp
    sub[ExifBase.DateTimeDigitized] = stamp
    if exif.utc_offset:
        sub[ExifBase.OffsetTime] = exif.utc_offset
        sub[ExifBase.OffsetTimeOriginal] = exif.utc_offset
    sub[ExifBase.ExposureTime] = _rational(exif.exposure_s, 1_000_000)
    sub[ExifBase.FNumber] = _rational(exif.f_number, 100)
    sub[ExifBase.ISOSpeedRatings] = exif.iso
    sub[ExifBase.FocalLength] = _rational(exif.focal_mm, 100)
    sub[ExifBase.FocalLengthIn35mmFilm] = exif.focal_35mm
    sub[ExifBase.ColorSpace] = 1
    sub[ExifBase.ExifImageWidth] = size[0]
    sub[ExifBase.ExifImageHeight] = size[1]
    if exif.lens:
        sub[ExifBase.LensMake] = exif.make
        sub[ExifBase.LensModel] = exif.lens
    return bytes(data.tobytes())


def encode_jpeg(img: Image.Image, *, quality: int = 87, exif: CameraExif | None = None) -> bytes:
    """Encode as a baseline 4:2:0 JPEG (as phones and cameras write), with camera EXIF when given."""
    buf = io.BytesIO()
    extra: dict[str, Any] = {"exif": _exif_bytes(exif, img.size)} if exif is not None else {}
    img.save(buf, format="JPEG", quality=quality, optimize=False, progressive=False, subsampling="4:2:0", **extra)
    return buf.getvalue()


def write_image(
    spec: ImageSpec,
    *,
    exif: CameraExif | None = None,
    os_name: WindowOS | None = None,
    lines: Sequence[str] = (),
) -> bytes:
    """Draw the image described by the spec and encode it as PNG or JPEG.

    Args:
        spec: Subject, size, format, optional title/labels/values and the seed.
        exif: Camera metadata written into a JPEG (ignored for PNG).
        os_name: For screenshots: the OS whose window title bar is drawn (none: a neutral bar).
        lines: For screenshots: the text shown in the window, one line each.

    Returns:
        The encoded image (identical for identical arguments).

    Raises:
        OfficeError: If a chart has a different number of labels and values.

    Example:
        >>> from PIL import Image
        >>> data = write_image(ImageSpec(subject="chart", width=320, height=200, labels=["Q1", "Q2"], values=[4, 7]))
        >>> Image.open(io.BytesIO(data)).size
        (320, 200)
    """
    rng = random.Random(f"{spec.seed}:{spec.subject}:{spec.width}x{spec.height}:{spec.title or ''}")
    if spec.subject == "screenshot" and (os_name or lines):
        items = list(spec.labels)
        img = render_screenshot(rng, spec.width, spec.height, title=spec.title or "Untitled", os_name=os_name,
                                sidebar=items, lines=lines)  # fmt: skip
    else:
        img = _DRAW[spec.subject](spec, rng)
    if spec.format == "jpg":
        return encode_jpeg(img, exif=exif)
    buf = io.BytesIO()
    # noisy subjects barely compress; a low level keeps encoding fast (~5x) for a few percent more bytes
    img.save(buf, format="PNG", compress_level=1 if spec.subject in ("photo", "scan") else 6)
    return buf.getvalue()
