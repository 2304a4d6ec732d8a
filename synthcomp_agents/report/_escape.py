"""Text made safe for HTML and SVG (every name, mail and path in a run is untrusted) and number formatting."""

from __future__ import annotations

import html
import re

# C0/C1 control characters (tab and newline kept), lone surrogates and noncharacters: not allowed in HTML text.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute.

    Example:
        >>> esc('<script>alert("x")</script>')
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    return html.escape(_BAD_CHARS.sub("\ufffd", text), quote=True)


def fmt_int(value: float) -> str:
    """Whole number with thousands separators.

    Example:
        >>> fmt_int(20850490)
        '20,850,490'
    """
    return f"{round(value):,}"


def fmt_short(value: float) -> str:
    """Compact number for chart axes.

    Example:
        >>> fmt_short(1_250_000), fmt_short(3500), fmt_short(12)
        ('1.25M', '3.5k', '12')
    """
    size = abs(value)
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}" if size < 10 and value != int(value) else f"{round(value)}"


def fmt_bytes(size: int) -> str:
    """Human-readable file size.

    Example:
        >>> fmt_bytes(11292)
        '11.0 KB'
    """
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return f"{value:.1f} {unit}"


def fmt_pct(value: float) -> str:
    """A fraction in [0, 1] as a percentage.

    Example:
        >>> fmt_pct(0.755)
        '76%'
    """
    return f"{value * 100:.0f}%"
