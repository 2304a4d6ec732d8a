"""Text drawn from cached glyph masks: the same pixels Pillow's ``text`` and ``multiline_text`` draw, at fractional
positions, every anchor the image writers use, overlapping glyph pairs and characters outside ASCII."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageDraw, ImageFont

from synthcomp_agents.office._glyph_text import draw_line, draw_lines
from synthcomp_agents.office._write_image import _font

_WORDS = [
    "The",
    "boiler",
    "was",
    "inspected",
    "on",
    "4",
    "March",
    "fi",
    "ff",
    "Tj",
    "AV",
    "yj",
    "g,",
    "q;",
    "(Quarterly)",
    "review/2025",
    "–",
    "£1,200.50",
    "ß",
    "é",
    "ü",
    "Ω",
    "Jäger",
    "naïve",
    "WAVE",
    "TYPO",
]


def _pair(size: tuple[int, int], bg: str) -> tuple[Image.Image, Image.Image]:
    a = Image.new("RGB", size, bg)
    return a, a.copy()


@pytest.mark.parametrize("seed", range(4))
def test_draw_line_matches_pillow_text(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        font = _font(rng.choice((9, 12, 13, 20, 31)))
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 10)))
        if rng.random() < 0.15:
            text = f"  {text}  "
        anchor = rng.choice(("la", "lm", "mm", "rm", "ls", "md", "ld", "ma"))
        frac = rng.choice((0.0, 0.25, 31 / 64, 0.5, 33 / 64, 0.75, 0.999, rng.random()))
        xy = (rng.randint(20, 300) + frac, rng.randint(30, 140) + rng.choice((0.0, frac, 1 - frac)))
        pillow, ours = _pair((720, 200), rng.choice(("white", "#EDEBEF", "#203040")))
        ImageDraw.Draw(pillow).text(xy, text, fill="#C55A11", font=font, anchor=anchor)
        draw_line(ImageDraw.Draw(ours), xy, text, "#C55A11", font, anchor)
        assert pillow.getbbox() is not None
        assert ours.tobytes() == pillow.tobytes(), (text, anchor, xy)


def test_draw_lines_matches_pillow_multiline_text() -> None:
    rng = random.Random(7)
    for _ in range(40):
        font = _font(rng.choice((9, 12, 20)))
        text = "\n".join(
            " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 3))
        )
        xy, spacing = (rng.uniform(0, 300), rng.uniform(0, 60)), rng.randint(2, 7)
        pillow, ours = _pair((720, 200), "white")
        ImageDraw.Draw(pillow).multiline_text(xy, text, fill="#1F1F1F", font=font, spacing=spacing)
        draw_lines(ImageDraw.Draw(ours), xy, text, "#1F1F1F", font, spacing)
        assert ours.tobytes() == pillow.tobytes(), (text, xy)


def test_fonts_it_cannot_compose_are_drawn_by_pillow() -> None:
    bitmap_font = ImageFont.load_default_imagefont()  # not FreeType: no glyph runs, Pillow draws it
    for font in (bitmap_font, _font(14)):
        for anchor in ("la", "lt"):  # "lt" (top of the text's own box) is left to Pillow
            pillow, ours = _pair((300, 60), "white")
            if anchor == "lt" and font is bitmap_font:
                continue
            ImageDraw.Draw(pillow).text((10.5, 20.5), "Budget 2025", fill="black", font=font, anchor=anchor)
            draw_line(ImageDraw.Draw(ours), (10.5, 20.5), "Budget 2025", "black", font, anchor)
            assert ours.getbbox() is not None
            assert ours.tobytes() == pillow.tobytes()
    blank, _ = _pair((40, 20), "white")
    draw_line(ImageDraw.Draw(blank), (2, 2), "   ", "black", _font(12))
    assert blank.getextrema() == ((255, 255), (255, 255), (255, 255))


def test_lines_of_kept_glyphs_are_composed_not_rendered_by_pillow(monkeypatch: pytest.MonkeyPatch) -> None:
    font = _font(12)
    expected, _ = _pair((400, 40), "white")
    ImageDraw.Draw(expected).text((5.6, 8.3), "Site visit notes, 4 March", fill="black", font=font)
    draw_line(ImageDraw.Draw(expected.copy()), (0, 0), "Site visit notes, 4 March", "black", font)  # glyphs kept

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Pillow's text() was called")

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", refuse)
    ours, _ = _pair((400, 40), "white")
    draw_line(ImageDraw.Draw(ours), (5.6, 8.3), "Site visit notes, 4 March", "black", font)
    assert ours.tobytes() == expected.tobytes()


def test_wrapped_screenshot_text_fits_and_keeps_the_words_in_order() -> None:
    from synthcomp_agents.office._write_image import _text_width, _wrap

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = _font(12)
    text = "The boiler was inspected on 4 March and the report filed with the council by the site manager on duty."
    wrapped = _wrap(draw, text, font, 160, max_lines=3)
    lines = wrapped.split("\n")
    assert len(lines) == 3
    assert all(_text_width(draw, line, font) <= 160 for line in lines)
    assert lines[-1].endswith("…")  # the rest did not fit: cut
    assert " ".join(lines)[:-1] in text  # the words in order, nothing skipped
    assert _wrap(draw, "Site visit notes", font, 400, max_lines=3) == "Site visit notes"
    two = _wrap(draw, "Site visit notes for the north boiler room", font, 90, max_lines=2).split("\n")
    assert len(two) == 2 and two[0] == "Site visit notes"
