"""A table with typed columns and footer rows, rendered to a docx/pdf table, an xlsx sheet (with formulas) or a csv.

Builders compute every number once in Python; the renderers only format them. An xlsx footer carries the formula
that computes the same value, so a workbook recomputed by LibreOffice shows what the document states.

Example:
    >>> g = Grid(header=["Item", "Amount"], rows=[["Strings", 12.5], ["Picks", 3.0]], formats={1: "money"})
    >>> g.add_sum("Total", 1)
    15.5
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

from synthcomp_agents.office import CellValue, ColumnSpec, CsvSpec, SheetSpec, Table

from ._model import LocaleFormat

ColumnFormat = Literal["text", "money", "int", "dec1", "dec2", "pct", "date", "hours", "minutes", "auto", "year"]

_XLSX_FORMATS: dict[str, str] = {
    "money": "#,##0.00",
    "int": "#,##0",
    "dec1": "0.0",
    "dec2": "0.00",
    "pct": "0.0%",
    "date": "yyyy-mm-dd",
    "hours": "0.00",
    "minutes": "0",
    "year": "0",
}


def as_float(value: CellValue) -> float:
    """A cell as a number (0.0 for text, dates and empty cells)."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Footer:
    """A footer row: a label in the first column, values by column, and the xlsx formulas computing them.

    Formula templates may use ``{first}``/``{last}`` (data row numbers), ``{row}`` (this row), ``{fN}`` (row number
    of footer N) and ``{col}`` (this column's letter).
    """

    label: str
    values: dict[int, float]
    formulas: dict[int, str] = field(default_factory=dict)


@dataclass
class Grid:
    """Header, data rows, column formats, per-row xlsx formulas and footer rows."""

    header: list[str]
    rows: list[list[CellValue]]
    formats: dict[int, ColumnFormat] = field(default_factory=dict)
    row_formulas: dict[int, str] = field(default_factory=dict)
    footers: list[Footer] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    opening: float = 0.0
    cell_formats: dict[tuple[int, int], ColumnFormat] = field(default_factory=dict)

    def column_sum(self, col: int) -> float:
        """Sum of the numeric cells of a column."""
        return round(sum(as_float(r[col]) for r in self.rows), 2)

    def add_sum(self, label: str, *cols: int) -> float:
        """Append a footer summing ``cols``; return the first column's total."""
        values = {c: self.column_sum(c) for c in cols}
        self.footers.append(Footer(label, values, {c: "=SUM({col}{first}:{col}{last})" for c in cols}))
        return values[cols[0]]

    # ----------------------------------------------------------------------------------------------------------------

    def _fmt(self, value: CellValue, fmt: ColumnFormat, locale: LocaleFormat) -> str | int | float | None:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return locale.format_date(value.date()) + value.strftime(" %H:%M")
        if isinstance(value, date):
            return locale.format_date(value)
        if isinstance(value, time):
            return value.strftime("%H:%M")
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)
        if fmt == "money":
            return locale.format_money(float(value))
        if fmt == "pct":
            return locale.format_number(float(value) * 100, 1) + "%"
        if fmt in ("dec1", "dec2", "hours"):
            return locale.format_number(float(value), 1 if fmt == "dec1" else 2)
        if fmt == "year":
            return str(int(value))
        if fmt == "auto":
            return locale.format_number(float(value), 0 if isinstance(value, int) else 1)
        if fmt == "minutes":
            return f"{int(value)} min"
        if isinstance(value, float) and fmt != "int":
            return locale.format_number(value, 2)
        return locale.format_number(float(value), 0)

    def to_table(self, locale: LocaleFormat, caption: str | None = None) -> Table:
        """The grid as a document table with locale-formatted numbers (footers as bold rows)."""
        rows: list[list[str | int | float | None]] = []
        for r, row in enumerate(self.rows):
            rows.append(
                [
                    self._fmt(v, self.cell_formats.get((r, i), self.formats.get(i, "text")), locale)
                    for i, v in enumerate(row)
                ]
            )
        for foot in self.footers:
            cells: list[str | int | float | None] = [""] * len(self.header)
            cells[0] = f"**{foot.label}**"
            for col, value in foot.values.items():
                cells[col] = f"**{self._fmt(value, self.formats.get(col, 'text'), locale)}**"
            rows.append(cells)
        return Table(header=list(self.header), rows=rows, caption=caption)

    def to_sheet(self, name: str) -> SheetSpec:
        """The grid as a worksheet: raw values, number formats, row formulas and footer formulas."""
        columns = [
            ColumnSpec(
                header=h,
                number_format=_XLSX_FORMATS.get(self.formats.get(i, "text")),
                width=self.widths.get(i),
            )
            for i, h in enumerate(self.header)
        ]
        first, last = 2, len(self.rows) + 1
        out: list[list[CellValue]] = []
        for r, row in enumerate(self.rows, start=2):
            cells: list[CellValue] = list(row)
            for col, template in self.row_formulas.items():
                if not template:
                    continue
                prev = f"{column_letter(col)}{r - 1}" if r > 2 else repr(self.opening)
                cells[col] = template.format(r=r, prev=prev)
            out.append(cells)
        footer_rows = [last + 1 + i for i in range(len(self.footers))]
        refs = {f"f{i}": n for i, n in enumerate(footer_rows)}
        for foot, row_no in zip(self.footers, footer_rows, strict=True):
            foot_cells: list[CellValue] = [None] * len(self.header)
            foot_cells[0] = foot.label
            for col, value in foot.values.items():
                formula = foot.formulas.get(col)
                foot_cells[col] = (
                    formula.format(first=first, last=last, row=row_no, col=column_letter(col), **refs)
                    if formula
                    else value
                )
            out.append(foot_cells)
        return SheetSpec(name=name[:31], columns=columns, rows=out)

    def to_csv(self, locale: LocaleFormat | None = None) -> CsvSpec:
        """The grid's data rows (no footers) as csv; dates ISO, numbers plain."""
        rows: list[list[str | int | float | None]] = []
        for row in self.rows:
            cells: list[str | int | float | None] = []
            for v in row:
                if isinstance(v, datetime):
                    cells.append(v.isoformat(sep=" ", timespec="minutes"))
                elif isinstance(v, date | time):
                    cells.append(v.isoformat())
                elif isinstance(v, bool):
                    cells.append(str(v))
                else:
                    cells.append(v)
            rows.append(cells)
        return CsvSpec(header=list(self.header), rows=rows)
