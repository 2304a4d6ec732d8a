"""Draw one line of text from glyph masks rendered once per font: the pixels ``ImageDraw.text`` draws, faster.

Pillow's FreeType ``text`` renders every glyph of every string it is given (about 6 µs a glyph); a screenshot's
window shows a few hundred words. With the basic layout a glyph's bitmap does not depend on where it is drawn: the
pen moves by whole-pixel (hinted) advances and each bitmap is placed at the pen's pixel, and overlapping glyphs are
blended ``a + b * (255 - a) / 255`` (the same either way round). So the masks of glyphs, then of words, are kept and
a line is put together from them at the positions Pillow computes (anchor, sub-pixel start rounding included).
Fonts whose advances are not additive (kerning, a complex layout) are drawn by Pillow.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

__all__ = ["draw_line", "draw_lines"]

# A run of glyphs: its mask (None: nothing visible), the mask's position relative to the pen origin on the baseline
# (x right, y down), and the run's advance in 26.6 fixed point.
_Run = tuple[np.ndarray | None, int, int, int]
_runs: dict[tuple[int, str], _Run] = {}
_fonts: dict[int, tuple[Any, dict[str, int]] | None] = {}
_PROBE = "AVAWAToTaYo fi"
_MAX_RUNS = 4_000  # words and glyphs: at most ~6 MB (~1.5 kB a word at 20 px)


class _Unhinted(ValueError):
    """A glyph whose advance is not a whole number of pixels."""


def _pixel(v: int) -> int:
    """FreeType's 26.6 to pixels, rounded (``PIXEL`` in Pillow's C)."""
    return (v + 32) >> 6


def _font_info(font: Any) -> dict[str, int] | None:
    """The vertical anchors of ``font`` in pixels below the baseline, or None when its runs cannot be composed."""
    entry = _fonts.get(id(font))
    if entry is None or entry[0] is not font:  # the font is kept in the entry, so its id is not reused
        info: dict[str, int] = {}
        basic = isinstance(font, ImageFont.FreeTypeFont) and font.layout_engine == ImageFont.Layout.BASIC
        if basic and round(font.getlength(_PROBE) * 64) == sum(round(font.getlength(c) * 64) for c in _PROBE):
            base = font.getbbox("A", anchor="ls")[1]
            info = {v: int(font.getbbox("A", anchor="l" + v)[1] - base) for v in "asmd"}
        entry = _fonts[id(font)] = (font, info)
    return entry[1] or None


def _glyph(font: Any, ch: str) -> _Run:
    """One character's mask as Pillow renders it (drawn in white on black: the mask itself), trimmed to its ink."""
    advance = round(font.getlength(ch) * 64)
    if advance % 64:
        raise _Unhinted(ch)  # a fractional advance: glyph positions round one by one; drawn by Pillow
    left, top, right, bottom = font.getbbox(ch, anchor="ls")
    if right <= left or bottom <= top:
        return None, 0, 0, advance
    img = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(img).text((-left, -top), ch, fill=255, font=font, anchor="ls")
    box = img.getbbox()
    if box is None:
        return None, 0, 0, advance
    return np.asarray(img.crop(box)), left + box[0], top + box[1], advance


def _compose(pieces: list[tuple[np.ndarray, int, int]]) -> tuple[np.ndarray, int, int]:
    """Masks placed at (x, y) blended into one: copied where nothing is yet, ``a + b * (255 - a) / 255`` where two
    overlap (Pillow's rule)."""
    left = min(x for _a, x, _y in pieces)
    top = min(y for _a, _x, y in pieces)
    right = max(x + a.shape[1] for a, x, _y in pieces)
    bottom = max(y + a.shape[0] for a, _x, y in pieces)
    out = np.zeros((bottom - top, right - left), dtype=np.uint8)
    reach = left  # every column right of this is still empty
    for a, x, y in pieces:
        x0, y0 = x - left, y - top
        x1, y1 = x0 + a.shape[1], y0 + a.shape[0]
        if x0 >= reach:
            out[y0:y1, x0:x1] = a
        else:
            t = out[y0:y1, x0:x1].astype(np.uint32)
            s = a.astype(np.uint32)
            tmp = t * (255 - s) + 128
            blended = s + (((tmp >> 8) + tmp) >> 8)
            out[y0:y1, x0:x1] = np.where(s == 0, t, np.where(t == 0, s, np.minimum(blended, 255))).astype(np.uint8)
        reach = max(reach, x1)
    return out, left, top


def _run(font: Any, text: str) -> _Run:
    """The glyphs of ``text`` (one word, or a single character) as one run, kept per font."""
    key = (id(font), text)
    run = _runs.get(key)
    if run is None:
        run = _glyph(font, text) if len(text) == 1 else _join(font, list(text))
        if len(_runs) > _MAX_RUNS:
            _runs.clear()
        _runs[key] = run
    return run


def _join(font: Any, parts: list[str]) -> _Run:
    pen = 0
    pieces: list[tuple[np.ndarray, int, int]] = []
    for part in parts:
        arr, ox, oy, advance = _run(font, part)
        if arr is not None:
            pieces.append((arr, (pen >> 6) + ox, oy))
        pen += advance
    if not pieces:
        return None, 0, 0, pen
    out, x, y = _compose(pieces)
    return out, x, y, pen


def draw_line(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fill: Any, font: Any,
              anchor: str = "la") -> None:  # fmt: skip
    """Draw one line of ``text`` as ``draw.text(xy, text, fill, font, anchor)`` draws it (same pixels).

    Example:
        >>> img = Image.new("RGB", (120, 30), "white")
        >>> draw_line(ImageDraw.Draw(img), (4.5, 6.2), "Hello", "#1F1F1F", ImageFont.load_default(size=14))
        >>> img.getbbox() is not None
        True
    """
    x, y = xy
    plain = draw.fontmode == "L" and "\n" not in text and len(anchor) == 2 and x >= 0 and y >= 0
    info = _font_info(font) if plain else None
    if info is None or anchor[0] not in "lmr" or anchor[1] not in info:
        draw.text(xy, text, fill=fill, font=font, anchor=anchor)
        return
    parts: list[str] = []
    for i, word in enumerate(text.split(" ")):
        if i:
            parts.append(" ")
        if word:
            parts.append(word)
    try:
        arr, ox, oy, advance = _join(font, parts)
    except _Unhinted:
        draw.text(xy, text, fill=fill, font=font, anchor=anchor)
        return
    if arr is None:
        return
    ix, iy = int(x), int(y)
    # Pillow puts the pen at the fractional start in 26.6, rounded half away from zero, then at the nearest pixel
    sx, sy = math.floor((x - ix) * 64 + 0.5), math.floor((y - iy) * 64 + 0.5)
    x_anchor = {"l": 0, "m": _pixel(advance // 2), "r": _pixel(advance)}[anchor[0]]
    base_x = ix + (1 if sx >= 32 else 0) - x_anchor
    base_y = iy + (1 if sy > 32 else 0) + info[anchor[1]]
    draw.bitmap((base_x + ox, base_y + oy), Image.fromarray(arr, "L"), fill=fill)


def draw_lines(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fill: Any, font: Any,
               spacing: float = 4) -> None:  # fmt: skip
    """Draw left-aligned lines (``text`` split at newlines) as ``draw.multiline_text(xy, text, fill, font,
    spacing=spacing)`` draws them: each a line height (the bottom of "A" plus ``spacing``) below the last.

    Example:
        >>> img = Image.new("RGB", (120, 40), "white")
        >>> draw_lines(ImageDraw.Draw(img), (4, 2), "Hello\\nworld", "black", ImageFont.load_default(size=12))
        >>> img.getbbox() is not None
        True
    """
    lines = text.split("\n")
    if len(lines) == 1:
        draw_line(draw, xy, text, fill, font)
        return
    step = font.getbbox("A", draw.fontmode)[3] + spacing
    x, y = xy
    for line in lines:
        draw_line(draw, (x, y), line, fill, font)
        y += step
