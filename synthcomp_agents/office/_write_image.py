"""Draw real raster images (PNG or JPEG) with Pillow, deterministically from an :class:`ImageSpec`.

Subjects: ``photo`` (a procedural landscape: sky gradient, sun, ridges, hills, water and film grain), ``chart`` (a
bar chart with axes, gridlines, value labels and a title), ``diagram`` (labelled boxes joined by arrows),
``screenshot`` (an application window with title bar, sidebar and rows of text), ``scan`` (a slightly rotated,
greyish page with a heading, text lines, a signature and scanner noise) and ``logo`` (an emblem and a name).
All randomness comes from ``random.Random(seed)``; no metadata or timestamps are written.
"""

from __future__ import annotations

import io
import itertools
import math
import random
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from ._errors import OfficeError
from ._specs import ImageSpec

__all__ = ["write_image"]

_PALETTE = ["#2F5597", "#C55A11", "#548235", "#7030A0", "#BF9000", "#2E75B6", "#A5A5A5", "#843C0C"]
_fonts: dict[int, Any] = {}


def _font(size: int) -> Any:
    size = max(8, min(200, size))
    font = _fonts.get(size)
    if font is None:
        font = _fonts[size] = ImageFont.load_default(size=size)
    return font


def _text_width(draw: ImageDraw.ImageDraw, text: str, font: Any) -> float:
    return float(draw.textlength(text, font=font))


def _fit(draw: ImageDraw.ImageDraw, text: str, font: Any, width: float) -> str:
    """Shorten text with an ellipsis so it fits in width pixels."""
    if _text_width(draw, text, font) <= width:
        return text
    while text and _text_width(draw, text + "…", font) > width:
        text = text[:-1]
    return text + "…" if text else ""


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Any, width: float, max_lines: int = 2) -> str:
    """Break text into at most max_lines lines that fit width (the last line is shortened if needed)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and _text_width(draw, candidate, font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
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


def _photo(spec: ImageSpec, rng: random.Random) -> Image.Image:
    w, h = spec.width, spec.height
    horizon = int(h * rng.uniform(0.45, 0.6))
    dusk = rng.random() < 0.3
    top, bottom = ("#1F3B73", "#F4A261") if dusk else ("#3A78C2", "#CFE3F5")
    sky = ImageOps.colorize(Image.linear_gradient("L").resize((w, h)), top, bottom)
    img = sky.copy()
    draw = ImageDraw.Draw(img)
    sun_x, sun_y, sun_r = rng.uniform(0.15, 0.85) * w, horizon * rng.uniform(0.25, 0.7), max(6.0, 0.05 * min(w, h))
    draw.ellipse(
        (sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r), fill="#FFE8A3" if not dusk else "#FFB067"
    )
    for _ in range(rng.randint(2, 5)):  # clouds
        cx, cy = rng.uniform(0, w), rng.uniform(0.05, 0.35) * h
        for _ in range(5):
            rx, ry = rng.uniform(0.04, 0.09) * w, rng.uniform(0.015, 0.035) * h
            ox, oy = rng.uniform(-0.06, 0.06) * w, rng.uniform(-0.01, 0.01) * h
            draw.ellipse((cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry), fill=(245, 246, 250))
    ridges = [((92, 108, 140), 0.30), ((70, 96, 92), 0.18), ((58, 110, 60), 0.08)]
    for colour, amplitude in ridges:
        base = horizon - amplitude * h * 0.4
        phase, freq = rng.uniform(0, 6.28), rng.uniform(1.5, 4.0)
        points = [(0.0, float(h))]
        steps = 48
        for i in range(steps + 1):
            x = w * i / steps
            y = base - amplitude * h * 0.5 * (0.6 * math.sin(freq * i / steps * 6.28 + phase) + 0.4 * rng.random())
            points.append((x, y))
        points.append((float(w), float(h)))
        draw.polygon(points, fill=colour)
    if rng.random() < 0.5:  # a lake reflecting the sky
        lake_top = horizon + int(0.12 * h)
        lake = ImageOps.flip(sky.crop((0, 0, w, max(1, h - lake_top)))).point(lambda v: int(v * 0.85))
        img.paste(lake, (0, lake_top))
    else:  # a field
        draw.rectangle((0, horizon + int(0.1 * h), w, h), fill=(96, 140, 62))
        for i in range(0, w, max(4, w // 60)):
            draw.line((i, h, w / 2 + (i - w / 2) * 0.2, horizon + 0.1 * h), fill=(84, 124, 54), width=1)
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    return _add_grain(img, rng, 90)


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


def _screenshot(spec: ImageSpec, rng: random.Random) -> Image.Image:
    w, h = spec.width, spec.height
    img = Image.new("RGB", (w, h), "#D9DEE5")
    draw = ImageDraw.Draw(img)
    m = max(4, w // 60)
    bar = max(18, h // 18)
    draw.rectangle((m, m, w - m, h - m), fill="#FFFFFF", outline="#9AA3AE")
    draw.rectangle((m, m, w - m, m + bar), fill="#EEF1F5")
    for k, colour in enumerate(("#FF5F57", "#FEBC2E", "#28C840")):
        cx = m + bar * (0.6 + 0.7 * k)
        draw.ellipse((cx - bar * 0.22, m + bar * 0.28, cx + bar * 0.22, m + bar * 0.72), fill=colour)
    font = _font(int(bar * 0.5))
    title = spec.title or "Untitled"
    draw.text((w / 2, m + bar / 2), _fit(draw, title, font, w * 0.6), fill="#333333", font=font, anchor="mm")
    side = int(w * 0.22)
    draw.rectangle((m, m + bar, m + side, h - m), fill="#F5F7FA")
    item_font = _font(max(9, int(bar * 0.45)))
    items = list(spec.labels) or ["Inbox", "Documents", "Reports", "Shared", "Archive"]
    y = m + bar + bar * 0.6
    for i, item in enumerate(items[:12]):
        if i == 0:
            draw.rectangle((m + 4, y - bar * 0.35, m + side - 4, y + bar * 0.45), fill="#DCE6F4")
        draw.text((m + bar * 0.5, y), _fit(draw, item, item_font, side - bar), fill="#2B2B2B", font=item_font,
                  anchor="lm")  # fmt: skip
        y += bar * 0.95
    x0 = m + side + bar * 0.6
    content_w = w - m - x0 - bar * 0.6
    draw.rectangle((x0, m + bar * 1.5, x0 + content_w, m + bar * 2.4), fill="#E8EEF7")
    y = m + bar * 3.0
    line_h = bar * 0.8
    while y < h - m - bar:
        y = _text_bars(draw, rng, x0, y, content_w, line_h, rng.randint(2, 4), "#B8BEC7") + line_h * 0.6
        draw.line((x0, y - line_h * 0.4, x0 + content_w, y - line_h * 0.4), fill="#EDEFF2")
    return img


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


def write_image(spec: ImageSpec) -> bytes:
    """Draw the image described by the spec and encode it as PNG or JPEG.

    Args:
        spec: Subject, size, format, optional title/labels/values and the seed.

    Returns:
        The encoded image (identical for identical specs).

    Raises:
        OfficeError: If a chart has a different number of labels and values.

    Example:
        >>> from PIL import Image
        >>> data = write_image(ImageSpec(subject="chart", width=320, height=200, labels=["Q1", "Q2"], values=[4, 7]))
        >>> Image.open(io.BytesIO(data)).size
        (320, 200)
    """
    rng = random.Random(f"{spec.seed}:{spec.subject}:{spec.width}x{spec.height}:{spec.title or ''}")
    img = _DRAW[spec.subject](spec, rng)
    buf = io.BytesIO()
    if spec.format == "jpg":
        img.save(buf, format="JPEG", quality=87, optimize=False, progressive=False, subsampling="4:2:0")
    else:
        # noisy subjects barely compress; a low level keeps encoding fast (~5x) for a few percent more bytes
        img.save(buf, format="PNG", compress_level=1 if spec.subject in ("photo", "scan") else 6)
    return buf.getvalue()
