"""PDF text runs: printable ASCII is drawn as one run without a per-character look-up, with the same operators."""

from __future__ import annotations

import random

import pytest

from synthcomp_agents.office._pdf_layout import _ESCAPE_TABLE, FONT_RESOURCES, _table, fmt, fonts_of, pdf_text


def _per_character(segments: list[tuple[str, str]], size: float, current: list[str]) -> str:
    """The operators built character by character (each character's drawing font and code from the glyph table)."""
    out: list[str] = []
    for font, text in segments:
        run_font, codes = "", list[str]()
        for ch in text:
            drawn, code, _ = _table(font).glyph(ch)
            if drawn != run_font:
                if codes:
                    out.append("(" + "".join(codes) + ") Tj")
                    codes = []
                run_font = drawn
                if current[0] != drawn:
                    out.append(f"/{FONT_RESOURCES[drawn]} {fmt(size)} Tf")
                    current[0] = drawn
            codes.append(_ESCAPE_TABLE[code])
        if codes:
            out.append("(" + "".join(codes) + ") Tj")
    return " ".join(out)


_ASCII = "".join(map(chr, range(32, 127)))
_OTHER = "€£©½éœ‘’“”–—•…™αβΩ∑∞✓★日😀\t\n\x00\x7f\xa0"


@pytest.mark.parametrize("seed", range(4))
def test_runs_match_the_per_character_drawing(seed: int) -> None:
    rng = random.Random(seed)
    fonts = list(FONT_RESOURCES)
    for _ in range(2000):
        alphabet = rng.choice([_ASCII, _ASCII + _OTHER, "()\\ab"])
        segments = [
            (rng.choice(fonts), "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 15))))
            for _ in range(rng.randint(1, 4))
        ]
        start = rng.choice([*fonts, ""])
        ours, theirs = [start], [start]
        assert pdf_text(segments, 10.5, ours) == _per_character(segments, 10.5, theirs)
        assert ours == theirs
        assert fonts_of(segments) == {f for f, _ in segments} | {
            _table(f).glyph(ch)[0] for f, text in segments for ch in text
        }


def test_ascii_parentheses_and_backslashes_are_escaped() -> None:
    current = [""]
    assert pdf_text([("Helvetica", r"a (b) c\d")], 12, current) == r"/F1 12 Tf (a \(b\) c\\d) Tj"
    assert current == ["Helvetica"]
    assert pdf_text([("Helvetica", "x"), ("Symbol", "α")], 12, current).startswith("(x) Tj /F5 12 Tf")
