"""String building blocks shared by the direct docx and pptx writers: escaping, inline runs, core.xml.

The writers emit their per-file XML as strings (python-docx/python-pptx only build the static template parts once),
so these helpers reproduce exactly what lxml would serialize: ``&``, ``<``, ``>`` and ``\\r`` escaped in text.
"""

from __future__ import annotations

from ._inline import parse_inline
from ._ooxml import CoreValues

__all__ = ["core_xml", "esc", "inline_pieces"]

_CORE_HEAD = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
)
_W3CDTF = "%Y-%m-%dT%H:%M:%SZ"


def esc(text: str) -> str:
    """Escape text content the way lxml serializes it.

    Example:
        >>> esc("a < b & c\\r")
        'a &lt; b &amp; c&#13;'
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def inline_pieces(text: str) -> list[tuple[str, bool, bool]]:
    """``(text, bold, italic)`` runs of inline-marked text (:func:`parse_inline`, with a fast path without ``*``).

    Example:
        >>> inline_pieces("a **b**")
        [('a ', False, False), ('b', True, False)]
    """
    if "*" not in text:
        return [(text, False, False)] if text else []
    return [(run.text, run.bold, run.italic) for run in parse_inline(text)]


def core_xml(values: CoreValues) -> bytes:
    """``docProps/core.xml`` as python-docx/python-pptx write it for our writers' properties.

    Example:
        >>> from synthcomp_agents.office._ooxml import core_values
        >>> b"<dc:title>Q3</dc:title>" in core_xml(core_values(None, "Q3"))
        True
    """
    return (
        f"{_CORE_HEAD}<dc:title>{esc(values.title)}</dc:title><dc:subject>{esc(values.subject)}</dc:subject>"
        f"<dc:creator>{esc(values.author)}</dc:creator><cp:keywords>{esc(values.keywords)}</cp:keywords>"
        f"<dc:description></dc:description><cp:lastModifiedBy>{esc(values.last_modified_by)}</cp:lastModifiedBy>"
        f'<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">'
        f"{values.created.strftime(_W3CDTF)}</dcterms:created>"
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{values.modified.strftime(_W3CDTF)}</dcterms:modified>'
        "<cp:category></cp:category></cp:coreProperties>"
    ).encode()
