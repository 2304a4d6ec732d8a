"""Describe what a spec renders to, without re-reading the written file (the create_* tools' outline).

Example:
    >>> from synthcomp_agents.office import DocumentSpec, Heading, Paragraph
    >>> print(spec_summary(DocumentSpec(title="Plan", blocks=[Heading(text="Goals"), Paragraph(text="Ship.")])))
    Title: Plan
    1 heading, 1 paragraph
    - Goals
"""

from __future__ import annotations

from ._specs import CsvSpec, DocumentSpec, PresentationSpec, SpreadsheetSpec

__all__ = ["spec_summary"]

_MAX_LINES = 60


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cap(lines: list[str]) -> str:
    if len(lines) > _MAX_LINES:
        lines = [*lines[:_MAX_LINES], f"... and {len(lines) - _MAX_LINES} more"]
    return "\n".join(lines)


def _col(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _document(spec: DocumentSpec) -> str:
    counts: dict[str, int] = {}
    for block in spec.blocks:
        counts[block.type] = counts.get(block.type, 0) + 1
    nouns = {
        "heading": "heading",
        "paragraph": "paragraph",
        "bullets": "bulleted list",
        "numbered": "numbered list",
        "table": "table",
        "page_break": "page break",
    }
    lines = [f"Title: {spec.title}"]
    parts = [_plural(counts[k], noun) for k, noun in nouns.items() if counts.get(k)]
    lines.append(", ".join(parts) if parts else "(no body content)")
    for block in spec.blocks:
        if block.type == "heading":
            lines.append(f"{'  ' * (block.level - 1)}- {block.text}")
    return _cap(lines)


def _spreadsheet(spec: SpreadsheetSpec) -> str:
    lines = [_plural(len(spec.sheets), "sheet") + ":"]
    for sheet in spec.sheets:
        n_rows = len(sheet.rows) + 1
        n_cols = max([len(sheet.columns), *(len(r) for r in sheet.rows)])
        formulas = sum(1 for row in sheet.rows for v in row if isinstance(v, str) and v.startswith("="))
        extra = f", {_plural(formulas, 'formula')}" if formulas else ""
        if sheet.chart is not None:
            extra += f", {sheet.chart.kind} chart '{sheet.chart.title}'"
        lines.append(f"- {sheet.name}: A1:{_col(n_cols - 1)}{n_rows} ({n_rows} rows x {n_cols} columns){extra}")
        lines.append(f"  header: {' | '.join(c.header for c in sheet.columns[:30])}")
    return _cap(lines)


def _presentation(spec: PresentationSpec) -> str:
    lines = [_plural(len(spec.slides), "slide") + ":"]
    for n, slide in enumerate(spec.slides, 1):
        notes = " [notes]" if slide.notes else ""
        lines.append(f"- slide {n} ({slide.type}): {slide.title or '(no title)'}{notes}")
    return _cap(lines)


def _csv(spec: CsvSpec) -> str:
    return f"{len(spec.rows) + 1} rows x {len(spec.header)} columns; header: {' | '.join(spec.header[:30])}"


def spec_summary(spec: object) -> str:
    """A short outline of a document, spreadsheet, presentation or CSV spec ('' for other specs).

    Args:
        spec: The spec that was rendered.

    Returns:
        Multi-line text: headings, sheets with dimensions/formulas/charts, or slide titles.
    """
    if isinstance(spec, DocumentSpec):
        return _document(spec)
    if isinstance(spec, SpreadsheetSpec):
        return _spreadsheet(spec)
    if isinstance(spec, PresentationSpec):
        return _presentation(spec)
    if isinstance(spec, CsvSpec):
        return _csv(spec)
    return ""
