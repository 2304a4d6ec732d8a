"""Markdown document bodies -> :data:`Block` specs (what an LLM writes most reliably for a document).

Supported, one construct per line group:

- ``# Heading`` .. ``#### Heading`` (levels 1-4; deeper levels become 4);
- paragraphs (consecutive lines are joined; ``**bold**`` and ``*italic*`` stay inline markup);
- ``- item`` / ``* item`` / ``+ item`` bulleted lists and ``1. item`` / ``1) item`` numbered lists;
- pipe tables (``| a | b |`` header, ``|---|---|`` separator, rows); a ``Table: caption`` line right before a table
  becomes its caption;
- ``---pagebreak---`` (or ``\\pagebreak``) for a page break. Other horizontal rules are ignored.

Example:
    >>> blocks = markdown_blocks("# Plan\\n\\nShip **now**.\\n\\n- a\\n- b\\n\\n| K | V |\\n|---|---|\\n| x | 1 |")
    >>> [b.type for b in blocks]
    ['heading', 'paragraph', 'bullets', 'table']
    >>> blocks[3].rows
    [['x', '1']]
"""

from __future__ import annotations

import re

from ._specs import Block, BulletList, Heading, NumberedList, PageBreak, Paragraph, Table

__all__ = ["markdown_blocks"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,4}[.)]\s+(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_PAGEBREAK = re.compile(r"^\s*(-{3,}\s*page\s*-?\s*break\s*-{3,}|\\pagebreak|<!--\s*pagebreak\s*-->)\s*$", re.I)
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_CAPTION = re.compile(r"^\s*Table:\s*(.+)$", re.I)


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells = re.split(r"(?<!\\)\|", text)
    return [c.strip().replace("\\|", "|") for c in cells]


def markdown_blocks(text: str) -> list[Block]:
    """Parse a Markdown body into document blocks (see the module docstring for the supported subset).

    Args:
        text: The Markdown text.

    Returns:
        The blocks in order.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[Block] = []
    para: list[str] = []
    caption: str | None = None
    i = 0

    def flush() -> None:
        if para:
            out.append(Paragraph(text=" ".join(p.strip() for p in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        if _PAGEBREAK.match(line):
            flush()
            out.append(PageBreak())
            i += 1
            continue
        m = _HEADING.match(stripped)
        if m:
            flush()
            out.append(Heading(text=m.group(2) or m.group(1), level=min(len(m.group(1)), 4)))
            i += 1
            continue
        if _RULE.match(line):
            flush()
            i += 1
            continue
        cap = _CAPTION.match(line)
        if cap and i + 1 < len(lines) and lines[i + 1].lstrip().startswith("|"):
            flush()
            caption = cap.group(1).strip()
            i += 1
            continue
        if stripped.startswith("|") and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1]):
            flush()
            header = _cells(line)
            rows: list[list[str | int | float | None]] = []
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                row: list[str | int | float | None] = list(_cells(lines[i]))
                row = (row + [""] * len(header))[: len(header)]
                rows.append(row)
                i += 1
            out.append(Table(header=header, rows=rows, caption=caption))
            caption = None
            continue
        for pattern, kind in ((_BULLET, BulletList), (_NUMBERED, NumberedList)):
            if pattern.match(line) and not (kind is BulletList and _RULE.match(line)):
                flush()
                items: list[str] = []
                while i < len(lines):
                    item = pattern.match(lines[i])
                    if item:
                        items.append(item.group(1).strip())
                    elif lines[i].strip() and lines[i].startswith((" ", "\t")) and items:
                        items[-1] += " " + lines[i].strip()  # continuation line of the previous item
                    else:
                        break
                    i += 1
                out.append(kind(items=[it or " " for it in items]))
                break
        else:
            para.append(line)
            i += 1
    flush()
    return out
