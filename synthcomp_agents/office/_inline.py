"""Inline emphasis: split ``**bold**`` / ``*italic*`` / ``***both***`` text into formatted runs.

The specs use a tiny Markdown subset for emphasis. Writers turn it into real formatting (docx runs, pptx runs, pdf
``<b>``/``<i>`` markup); readers and editors can reuse :func:`parse_inline` and :func:`strip_inline`.

Rules: a marker only opens when followed by a non-space character and only closes when preceded by one (so
``2 * 3 * 4`` stays literal), a single-star italic marker must sit at a word boundary (``3*4*5`` stays literal); an
unmatched marker is kept as literal text; a backslash escapes ``*``.

Example:
    >>> [(r.text, r.bold, r.italic) for r in parse_inline("Spend fell **4%** in *Q3*")]
    [('Spend fell ', False, False), ('4%', True, False), (' in ', False, False), ('Q3', False, True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["InlineRun", "cell_text", "parse_inline", "strip_inline", "xml_safe"]


@dataclass(frozen=True)
class InlineRun:
    """A piece of text with uniform formatting.

    Attributes:
        text: The literal text of the run (markers removed).
        bold: Whether the run is bold.
        italic: Whether the run is italic.
    """

    text: str
    bold: bool = False
    italic: bool = False


# Longest marker first: ***both***, **bold**, *italic*. The content must not start or end with whitespace.
_TOKEN = re.compile(
    r"(?<![\\*])\*\*\*(?=\S)(?P<both>.+?)(?<=\S)\*\*\*(?!\*)"
    r"|(?<![\\*])\*\*(?=[^\s*])(?P<bold>.+?)(?<=[^\s\\])\*\*(?!\*)"
    r"|(?<![\\*\w])\*(?=[^\s*])(?P<italic>.+?)(?<=[^\s\\*])\*(?![*\w])",
    re.DOTALL,
)
_ESCAPE = re.compile(r"\\(\*)")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def parse_inline(text: str) -> list[InlineRun]:
    """Split text with ``**bold**`` and ``*italic*`` markup into runs.

    Nested emphasis inside a bold span (``**total *net* cost**``) is supported one level deep: the inner italic
    part becomes a bold-italic run. Adjacent runs with equal formatting are merged; empty text gives no runs.

    Args:
        text: Text with optional inline markup.

    Returns:
        The runs in order; their texts concatenated equal :func:`strip_inline` of the input.

    Example:
        >>> [(r.text, r.bold, r.italic) for r in parse_inline("***Action:*** renew by *30 June*")]
        [('Action:', True, True), (' renew by ', False, False), ('30 June', False, True)]
    """
    runs: list[InlineRun] = []
    _parse_into(text, False, False, runs)
    merged: list[InlineRun] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].bold == run.bold and merged[-1].italic == run.italic:
            merged[-1] = InlineRun(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged


def _parse_into(text: str, bold: bool, italic: bool, out: list[InlineRun]) -> None:
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            out.append(InlineRun(_unescape(text[pos : match.start()]), bold, italic))
        if match.group("both") is not None:
            out.append(InlineRun(_unescape(match.group("both")), True, True))
        elif match.group("bold") is not None:
            if bold:
                out.append(InlineRun(_unescape(match.group("bold")), bold, italic))
            else:
                _parse_into(match.group("bold"), True, italic, out)
        else:
            inner = match.group("italic")
            if italic:
                out.append(InlineRun(_unescape(inner), bold, italic))
            else:
                _parse_into(inner, bold, True, out)
        pos = match.end()
    if pos < len(text):
        out.append(InlineRun(_unescape(text[pos:]), bold, italic))


def strip_inline(text: str) -> str:
    """Remove inline markup, keeping the visible text.

    Args:
        text: Text with optional ``**bold**`` / ``*italic*`` markup.

    Returns:
        The plain text a reader would see.

    Example:
        >>> strip_inline("Approve **$48,250** for *Q3* (2 * 3 = 6)")
        'Approve $48,250 for Q3 (2 * 3 = 6)'
    """
    return "".join(run.text for run in parse_inline(text))


def cell_text(value: str | int | float | None) -> str:
    """Text shown for a table cell value: ``None`` is empty, whole floats lose ``.0``, no scientific notation.

    Args:
        value: A table cell from a spec.

    Returns:
        The display text (inline markup in strings is kept; callers parse it).

    Example:
        >>> [cell_text(v) for v in (None, 12, 48250.0, 0.125, "**Total**", True)]
        ['', '12', '48250', '0.125', '**Total**', 'TRUE']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        text = f"{value:.10f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    return str(value)


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (NUL and other C0 controls except tab/newline/CR, lone surrogates).

    Example:
        >>> xml_safe("Budget\\x00 line\\x07 ok\\tnext")
        'Budget line ok\\tnext'
    """
    return _XML_UNSAFE.sub("", text)
