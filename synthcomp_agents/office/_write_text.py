"""Plain-text renderings: CSV (:class:`CsvSpec`), Markdown and plain text (:class:`DocumentSpec`).

All output is UTF-8 (no byte-order mark), deterministic, and ends with a newline.
"""

from __future__ import annotations

import csv
import io

from ._errors import OfficeError
from ._inline import cell_text, strip_inline
from ._specs import BulletList, CellText, CsvSpec, DocumentSpec, Heading, NumberedList, PageBreak, Paragraph, Table

__all__ = ["write_csv", "write_markdown", "write_text"]


def _check_rows(header: list[str], rows: list[list[CellText]], where: str) -> None:
    for row_no, row in enumerate(rows, start=1):
        if len(row) > len(header):
            raise OfficeError(
                f"{where}: row {row_no} has {len(row)} cells but the header has {len(header)} columns; "
                "shorten the row or add header columns"
            )


def write_csv(spec: CsvSpec) -> bytes:
    """Render a CSV table (RFC 4180 quoting, CRLF line ends, UTF-8).

    Args:
        spec: Header, rows and delimiter.

    Returns:
        The CSV bytes.

    Raises:
        OfficeError: If a row has more cells than the header, or the delimiter is a quote or line break.

    Example:
        >>> write_csv(CsvSpec(header=["Supplier", "Spend"], rows=[["Castellan, Ltd", 48250]]))
        b'Supplier,Spend\\r\\n"Castellan, Ltd",48250\\r\\n'
    """
    if spec.delimiter in ('"', "\r", "\n"):
        raise OfficeError(f"delimiter {spec.delimiter!r} cannot be used; use ',', ';', '\\t' or '|'")
    _check_rows(spec.header, spec.rows, "csv")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=spec.delimiter, lineterminator="\r\n")
    writer.writerow(spec.header)
    for row in spec.rows:
        writer.writerow([cell_text(v) for v in row])
    return buf.getvalue().encode("utf-8")


def _md_cell(value: CellText) -> str:
    return cell_text(value).replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def _md_table(block: Table) -> list[str]:
    width = len(block.header)
    lines: list[str] = []
    if block.caption:
        lines += [f"*{block.caption.strip('*')}*", ""]
    lines.append("| " + " | ".join(_md_cell(h) for h in block.header) + " |")
    aligns = []
    for col in range(width):
        numeric = [
            isinstance(r[col], (int, float)) and not isinstance(r[col], bool) for r in block.rows if col < len(r)
        ]
        aligns.append("---:" if numeric and all(numeric) else "---")
    lines.append("| " + " | ".join(aligns) + " |")
    for row in block.rows:
        cells = [_md_cell(row[c] if c < len(row) else None) for c in range(width)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write_markdown(spec: DocumentSpec) -> bytes:
    """Render a document spec as Markdown (ATX headings, lists, pipe tables; inline emphasis kept as is).

    The title becomes ``#``, headings levels 1-4 become ``##``-``#####``; page breaks become a thematic break.

    Args:
        spec: The document.

    Returns:
        UTF-8 Markdown.

    Raises:
        OfficeError: If a table row has more cells than its header.

    Example:
        >>> from synthcomp_agents.office import Heading
        >>> print(write_markdown(DocumentSpec(title="Audit notes", blocks=[Heading(text="Findings")])).decode())
        # Audit notes
        <BLANKLINE>
        ## Findings
        <BLANKLINE>
    """
    lines: list[str] = [f"# {spec.title}", ""]
    if spec.subtitle:
        lines += [f"*{spec.subtitle.strip('*')}*", ""]
    for index, block in enumerate(spec.blocks):
        if isinstance(block, Heading):
            lines += ["#" * (block.level + 1) + " " + block.text, ""]
        elif isinstance(block, Paragraph):
            lines += [block.text, ""]
        elif isinstance(block, BulletList):
            lines += [f"- {item}" for item in block.items] + [""]
        elif isinstance(block, NumberedList):
            lines += [f"{n}. {item}" for n, item in enumerate(block.items, start=1)] + [""]
        elif isinstance(block, Table):
            _check_rows(block.header, block.rows, f"blocks[{index}] (table)")
            lines += [*_md_table(block), ""]
        elif isinstance(block, PageBreak):
            lines += ["---", ""]
    return "\n".join(lines).encode("utf-8")


def _text_table(block: Table) -> list[str]:
    width = len(block.header)
    grid = [[strip_inline(h) for h in block.header]]
    grid += [[strip_inline(cell_text(r[c] if c < len(r) else None)) for c in range(width)] for r in block.rows]
    widths = [max(len(row[c]) for row in grid) for c in range(width)]
    lines = [strip_inline(block.caption)] if block.caption else []
    for n, row in enumerate(grid):
        lines.append("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def write_text(spec: DocumentSpec) -> bytes:
    """Render a document spec as plain text (emphasis markers removed, tables as aligned columns).

    Args:
        spec: The document.

    Returns:
        UTF-8 text.

    Raises:
        OfficeError: If a table row has more cells than its header.

    Example:
        >>> print(write_text(DocumentSpec(title="Audit notes", blocks=[Paragraph(text="All **12** files.")])).decode())
        Audit notes
        ===========
        <BLANKLINE>
        All 12 files.
        <BLANKLINE>
    """
    title = strip_inline(spec.title)
    lines: list[str] = [title, "=" * len(title), ""]
    if spec.subtitle:
        lines += [strip_inline(spec.subtitle), ""]
    for index, block in enumerate(spec.blocks):
        if isinstance(block, Heading):
            text = strip_inline(block.text)
            lines += [text, "-" * len(text)] if block.level == 1 else [text]
            lines.append("")
        elif isinstance(block, Paragraph):
            lines += [strip_inline(block.text), ""]
        elif isinstance(block, BulletList):
            lines += [f"  * {strip_inline(item)}" for item in block.items] + [""]
        elif isinstance(block, NumberedList):
            lines += [f"  {n}. {strip_inline(item)}" for n, item in enumerate(block.items, start=1)] + [""]
        elif isinstance(block, Table):
            _check_rows(block.header, block.rows, f"blocks[{index}] (table)")
            lines += [*_text_table(block), ""]
        elif isinstance(block, PageBreak):
            lines += ["\f"]
    return "\n".join(lines).encode("utf-8")
