"""Text measuring, line breaking and PDF content operators for the PDF writer (no reportlab object model).

The layout follows reportlab platypus' rules, which the writer used before and which readers' tests were built on:
greedy line filling with the standard-14 font widths (words split only at whitespace, a word wider than a line cut
at the character that overflows), forced breaks at newlines, characters outside WinAnsi drawn from Symbol or
ZapfDingbats. Widths come from reportlab's AFM tables; everything else is plain Python, cached per word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import getFont

__all__ = ["FONT_RESOURCES", "Line", "Segment", "TextStyle", "fmt", "fonts_of", "layout", "pdf_text", "width"]

_WS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u2028\u2029\u202f\u205f\u3000"
)
_WS_SPLIT = re.compile("[" + re.escape(_WS) + "]+").split

FONT_RESOURCES = {
    "Helvetica": "F1",
    "Helvetica-Bold": "F2",
    "Helvetica-Oblique": "F3",
    "Helvetica-BoldOblique": "F4",
    "Symbol": "F5",
    "ZapfDingbats": "F6",
}
"""PDF resource name of each font the writer can use (all standard-14 fonts, never embedded)."""
_ENCODING = {"Symbol": "SymbolEncoding", "ZapfDingbats": "ZapfDingbatsEncoding"}


class _FontTable:
    """Per font: each character's (drawing font, code, width in 1/1000 em), and word widths, cached."""

    def __init__(self, name: str) -> None:
        font = getFont(name)
        self.name = name
        self.widths: list[int] = list(font.widths)
        self.encoding = _ENCODING.get(name, "WinAnsiEncoding")
        self.glyphs: dict[str, tuple[str, int, float]] = {}
        self.words: dict[str, float] = {}
        self.ascii_own: bool | None = None  # does this font draw all of printable ASCII itself (code = ord)?

    def glyph(self, ch: str) -> tuple[str, int, float]:
        found = self.glyphs.get(ch)
        if found is None:
            found = self._lookup(ch)
            self.glyphs[ch] = found
        return found

    def _lookup(self, ch: str) -> tuple[str, int, float]:
        for name in (self.name, "Symbol", "ZapfDingbats"):
            table = self if name == self.name else _table(name)
            try:
                code = ch.encode(table.encoding)
            except UnicodeEncodeError:
                continue
            if len(code) == 1:
                return name, code[0], float(table.widths[code[0]])
        dingbats = _table("ZapfDingbats")
        return "ZapfDingbats", ord("n"), float(dingbats.widths[ord("n")])  # reportlab's "not defined" square

    def plain(self, text: str) -> str | None:
        """``text`` as the escaped codes of one run in this font when it is printable ASCII and this font draws
        all of printable ASCII itself (what :meth:`glyph` finds), else None: most text, without a per-character
        look-up."""
        if not (text.isascii() and text.isprintable()):
            return None
        if self.ascii_own is None:
            self.ascii_own = all(self.glyph(chr(i))[:2] == (self.name, i) for i in range(0x20, 0x7F))
        if not self.ascii_own:
            return None
        return text.translate(_ESCAPE_MAP) if "(" in text or ")" in text or "\\" in text else text

    def word(self, text: str) -> float:
        found = self.words.get(text)
        if found is None:
            glyph = self.glyph
            found = sum(glyph(ch)[2] for ch in text)
            if len(self.words) > 100_000:
                self.words.clear()
            self.words[text] = found
        return found


_TABLES: dict[str, _FontTable] = {}


def _table(name: str) -> _FontTable:
    table = _TABLES.get(name)
    if table is None:
        table = _TABLES[name] = _FontTable(name)
    return table


def width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points (reportlab's ``stringWidth``)."""
    return _table(font).word(text) * size * 0.001


@dataclass
class TextStyle:
    """A paragraph style: font, size, leading, spacing, colour and alignment (0 left, 1 centre, 2 right)."""

    font: str
    size: float
    leading: float
    space_before: float = 0.0
    space_after: float = 0.0
    color: str = "0 0 0"
    align: int = 0


Segment = tuple[str, str]
"""(font name, text) of a run within a word or line."""


@dataclass
class Line:
    """One laid-out line: its runs (spaces included), width in points and number of word gaps."""

    segments: list[Segment] = field(default_factory=list)
    width: float = 0.0
    gaps: int = 0
    hard_end: bool = False  # ended by a newline of the text (not by wrapping)


def _words(runs: list[Segment]) -> list[list[list[Segment]]]:
    """Hard lines (split at newlines), each a list of words, each word a list of runs."""
    hard: list[list[list[Segment]]] = [[]]
    word: list[Segment] = []
    for font, text in runs:
        pieces = text.split("\n")
        for n, piece in enumerate(pieces):
            if n:
                if word:
                    hard[-1].append(word)
                    word = []
                hard.append([])
            parts = _WS_SPLIT(piece)
            if parts[0]:
                word.append((font, parts[0]))
            if len(parts) > 1:
                if word:
                    hard[-1].append(word)
                for middle in parts[1:-1]:
                    if middle:
                        hard[-1].append([(font, middle)])
                word = [(font, parts[-1])] if parts[-1] else []
    if word:
        hard[-1].append(word)
    if not hard[-1]:
        hard.pop()
    if not any(hard):
        return []
    return hard


def _word_width(word: list[Segment], size: float) -> float:
    return sum(_table(font).word(text) for font, text in word) * size * 0.001


def _split_word(word: list[Segment], line_width: float, max_width: float, size: float) -> list[list[Segment]]:
    """Cut a word wider than a line where each piece overflows (reportlab's ``_splitWord``)."""
    pieces: list[list[Segment]] = []
    current: list[Segment] = []
    text = ""
    font_now = ""
    for font, chunk in word:
        if text and font != font_now:
            current.append((font_now, text))
            text = ""
        font_now = font
        table = _table(font)
        for ch in chunk:
            cw = table.glyph(ch)[2] * size * 0.001
            new_width = line_width + cw
            if new_width > max_width and (text or current or cw <= max_width):
                if text:
                    current.append((font, text))
                pieces.append(current)
                current, text = [], ""
                new_width = cw
            text += ch
            line_width = new_width
    if text:
        current.append((font_now, text))
    pieces.append(current)
    return pieces


def layout(runs: list[Segment], size: float, max_width: float) -> list[Line]:
    """Break inline runs into lines no wider than ``max_width`` (as reportlab's ``Paragraph.breakLines``)."""
    space = width(" ", "Helvetica", size)  # the space is 278/1000 em in every Helvetica face
    shrink = 0.05 * space
    lines: list[Line] = []
    for n, words in enumerate(_words(runs)):
        if n:
            lines[-1].hard_end = True
        current: list[list[Segment]] = []
        current_width = -space
        queue = [(w, _word_width(w, size), 0) for w in words]  # kind: 0 word, 1 first piece, 2 later piece
        i = 0
        while i < len(queue):
            word, word_width, kind = queue[i]
            i += 1
            new_width = current_width + space + word_width
            limit = max_width + shrink * len(current)  # spaces may shrink by 5% to fit one more word
            if new_width > limit and kind == 0 and word_width > max_width:
                pieces = _split_word(word, current_width + space, max_width, size)
                queue[i:i] = [(p, _word_width(p, size), 1 if n == 0 else 2) for n, p in enumerate(pieces)]
                continue
            if new_width <= limit or not current or kind == 1:
                current.append(word)
                if kind == 1:
                    lines.append(_line(current, new_width))
                    current, current_width = [], -space
                else:
                    current_width = new_width
            else:
                lines.append(_line(current, current_width))
                current, current_width = [word], word_width
        if current or not words:
            lines.append(_line(current, max(current_width, 0.0)))
    return lines


def _line(words: list[list[Segment]], line_width: float) -> Line:
    segments: list[Segment] = []
    for n, word in enumerate(words):
        for k, (font, text) in enumerate(word):
            if n and not k:
                text = " " + text
            if segments and segments[-1][0] == font:
                segments[-1] = (font, segments[-1][1] + text)
            else:
                segments.append((font, text))
    return Line(segments, line_width, max(len(words) - 1, 0))


_ESCAPE = {i: f"\\{i:03o}" for i in range(256) if i < 32 or i > 126}
_ESCAPE.update({ord("\\"): "\\\\", ord("("): "\\(", ord(")"): "\\)"})
_ESCAPE_TABLE = [_ESCAPE.get(i, chr(i)) for i in range(256)]


_ESCAPE_MAP = {i: text for i, text in enumerate(_ESCAPE_TABLE) if text != chr(i)}


def pdf_text(segments: list[Segment], size: float, current: list[str]) -> str:
    """``Tf``/``Tj`` operators drawing the runs; ``current`` holds the font resource in use (updated)."""
    out: list[str] = []
    size_text = fmt(size)
    for font, text in segments:
        table = _table(font)
        plain = table.plain(text)
        if plain is not None:  # one run in the segment's own font
            if text:
                if current[0] != font:
                    out.append(f"/{FONT_RESOURCES[font]} {size_text} Tf")
                    current[0] = font
                out.append("(" + plain + ") Tj")
            continue
        run_font = ""
        codes: list[str] = []
        for ch in text:
            drawn, code, _ = table.glyph(ch)
            if drawn != run_font:
                if codes:
                    out.append("(" + "".join(codes) + ") Tj")
                    codes = []
                run_font = drawn
                if current[0] != drawn:
                    out.append(f"/{FONT_RESOURCES[drawn]} {size_text} Tf")
                    current[0] = drawn
            codes.append(_ESCAPE_TABLE[code])
        if codes:
            out.append("(" + "".join(codes) + ") Tj")
    return " ".join(out)


def fmt(value: float) -> str:
    """A number as PDF content writes it: at most 4 decimals, no trailing zeros."""
    if value == int(value):
        return str(int(value))
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fonts_of(segments: list[Segment]) -> set[str]:
    """Font names the runs draw with (substitutes included)."""
    out: set[str] = set()
    for font, text in segments:
        table = _table(font)
        out.add(font)
        if table.plain(text) is not None:
            continue
        for ch in set(text):
            out.add(table.glyph(ch)[0])
    return out
