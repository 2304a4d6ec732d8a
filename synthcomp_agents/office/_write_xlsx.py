"""Render a :class:`SpreadsheetSpec` to an Excel workbook (.xlsx) with openpyxl.

Each sheet gets a bold, shaded header row, typed cells (numbers, booleans, dates with a date format, text), the
column number formats of the spec, formulas written as formulas, column widths (given, or estimated from the content
and capped), a frozen header, an autofilter over the data and, optionally, a native chart over its columns.

openpyxl stores formulas without cached values (Excel and LibreOffice recompute on open; our readers evaluate them).
Output is deterministic: core-property times come from the spec and zip entry dates are fixed.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import date, datetime, time
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree  # type: ignore[import-untyped]
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.packaging.core import DocumentProperties
from openpyxl.packaging.extended import ExtendedProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.stylesheet import write_stylesheet
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook._writer import WorkbookWriter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.writer.excel import ExcelWriter
from openpyxl.writer.theme import theme_xml
from openpyxl.xml.constants import (
    ARC_APP,
    ARC_CORE,
    ARC_ROOT_RELS,
    ARC_STYLE,
    ARC_THEME,
    ARC_WORKBOOK,
    ARC_WORKBOOK_RELS,
)
from openpyxl.xml.functions import tostring

from ._errors import OfficeError
from ._ooxml import core_values, fix_zip_dates
from ._specs import CellValue, ChartSpec, SheetSpec, SpreadsheetSpec

__all__ = ["write_xlsx"]

_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_ILLEGAL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")
_DATE_FORMAT = "yyyy-mm-dd"
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9E2F3", end_color="FFD9E2F3")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="FF8EA9DB"))
_HEADER_ALIGN = Alignment(vertical="center")
_MIN_WIDTH = 8.0
_MAX_WIDTH = 60.0


def _validate(spec: SpreadsheetSpec) -> None:
    seen: dict[str, str] = {}
    for sheet in spec.sheets:
        name = sheet.name
        if not name.strip():
            raise OfficeError("sheet name is empty; give every sheet a short name such as 'Budget'")
        bad = sorted(set(_INVALID_SHEET_CHARS.findall(name)))
        if bad:
            raise OfficeError(
                f"sheet name {name!r} contains {' '.join(bad)}; sheet names cannot contain [ ] : * ? / \\ "
                f"(use '-' instead)"
            )
        if name.startswith("'") or name.endswith("'"):
            raise OfficeError(f"sheet name {name!r} cannot start or end with an apostrophe")
        key = name.casefold()
        if key in seen:
            raise OfficeError(
                f"duplicate sheet name {name!r} (sheet names are case-insensitive; {seen[key]!r} already exists); "
                "give each sheet a distinct name"
            )
        seen[key] = name
        width = len(sheet.columns)
        for row_no, row in enumerate(sheet.rows, start=2):
            if len(row) > width:
                raise OfficeError(
                    f"sheet {name!r}: row {row_no} has {len(row)} cells but the sheet has {width} columns; "
                    "shorten the row or add a ColumnSpec"
                )
        if sheet.chart is not None:
            _validate_chart(sheet, sheet.chart)


def _validate_chart(sheet: SheetSpec, chart: ChartSpec) -> None:
    width = len(sheet.columns)
    used = [chart.category_column, *chart.value_columns]
    out = [i for i in used if i >= width]
    if out:
        raise OfficeError(
            f"sheet {sheet.name!r}: chart {chart.title!r} refers to column index {out[0]} but the sheet has only "
            f"{width} columns (valid indexes 0-{width - 1}); fix category_column/value_columns"
        )
    if not chart.value_columns:
        raise OfficeError(f"sheet {sheet.name!r}: chart {chart.title!r} needs at least one value column")
    if chart.category_column in chart.value_columns:
        raise OfficeError(
            f"sheet {sheet.name!r}: chart {chart.title!r} uses column {chart.category_column} both as categories "
            "and as values; pick a different category_column"
        )
    if not sheet.rows:
        raise OfficeError(f"sheet {sheet.name!r}: chart {chart.title!r} has no data rows to plot; add rows first")
    if chart.anchor is not None and not _CELL_REF.match(chart.anchor):
        raise OfficeError(f"sheet {sheet.name!r}: chart anchor {chart.anchor!r} is not a cell reference like 'H2'")


def _cell_value(value: CellValue) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is not None else value
    if isinstance(value, str):
        return _ILLEGAL_CHARS.sub("", value)
    return value


def _display_len(value: CellValue, number_format: str | None) -> int:
    """Rough width in characters of a value as Excel would show it."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, (int, float)):
        text = (
            f"{value:,.2f}" if (number_format and "0.0" in number_format) or isinstance(value, float) else f"{value:,}"
        )
        return len(text) + (1 if number_format and ("$" in number_format or "%" in number_format) else 0)
    if value.startswith("="):
        return 12
    return max((len(line) for line in value.split("\n")), default=0)


def _column_widths(sheet: SheetSpec) -> list[float]:
    widths: list[float] = []
    for index, column in enumerate(sheet.columns):
        if column.width is not None:
            widths.append(column.width)
            continue
        longest = len(column.header) + 2  # room for the autofilter button
        for row in sheet.rows[:500]:
            if index < len(row):
                longest = max(longest, _display_len(row[index], column.number_format))
        widths.append(min(_MAX_WIDTH, max(_MIN_WIDTH, longest + 2.0)))
    return widths


class _SheetWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's worksheet writer with a fast path for the data rows (pre-rendered XML) and an in-memory stream.

    openpyxl serializes each cell through several Python calls (~9 us a cell); rendering the rows as one XML string
    and parsing it with lxml is several times faster and produces the same markup (inline strings, serial dates).
    """

    def __init__(self, ws: Any, rows_xml: str, dimension: str) -> None:
        super().__init__(ws, out=io.BytesIO())
        self._rows_xml = rows_xml
        self._dimension = dimension

    def write_dimensions(self) -> None:
        self.xf.send(SheetDimension(self._dimension).to_tree())

    def write_rows(self) -> None:
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            for row_idx, row in self.rows():  # the header row, styled by openpyxl
                self.write_row(xf, row, row_idx)
            if self._rows_xml:
                for element in etree.fromstring(f"<rows>{self._rows_xml}</rows>"):
                    xf.write(element)
        self.xf.send(None)


_parts: dict[Any, bytes] = {}


def _cached_part(key: Any, make: Any) -> bytes:
    """Parts every workbook of ours shares (app properties; the stylesheet per set of styles): built once."""
    part = _parts.get(key)
    if part is None:
        if len(_parts) > 1024:
            _parts.clear()
        part = _parts[key] = make()
    return part


def _stylesheet_key(wb: Any) -> tuple[Any, ...]:
    """What the stylesheet depends on for workbooks built here (fonts, fills, borders and alignments only ever come
    from the fixed header style, so their counts identify them; number formats and cell styles vary)."""
    return (
        "styles",
        tuple(wb._number_formats),
        tuple(bytes(style.tobytes()) for style in wb._cell_styles),
        len(wb._fonts),
        len(wb._fills),
        len(wb._borders),
        len(wb._alignments),
        len(wb._protections),
        len(wb._named_styles),
        len(wb._differential_styles.styles),
        wb._colors is None,
    )


class _BookWriter(ExcelWriter):  # type: ignore[misc]
    def __init__(self, workbook: Any, archive: zipfile.ZipFile, sheets: dict[str, tuple[str, str]]) -> None:
        super().__init__(workbook, archive)
        self._sheets = sheets

    def write_data(self) -> None:
        """openpyxl's ``ExcelWriter.write_data`` for our workbooks (no theme, custom properties or macros of their
        own), with the parts all of them share built once per process: same bytes, a third less time."""
        archive, wb = self._archive, self.workbook
        archive.writestr(ARC_APP, _cached_part("app", lambda: tostring(ExtendedProperties().to_tree())))
        archive.writestr(ARC_CORE, tostring(wb.properties.to_tree()))
        archive.writestr(ARC_THEME, theme_xml)
        self._write_worksheets()
        self._write_chartsheets()
        self._write_images()
        self._write_charts()
        self._write_external_links()
        archive.writestr(ARC_STYLE, _cached_part(_stylesheet_key(wb), lambda: tostring(write_stylesheet(wb))))
        writer = WorkbookWriter(wb)
        archive.writestr(ARC_ROOT_RELS, writer.write_root_rels())
        archive.writestr(ARC_WORKBOOK, writer.write())
        archive.writestr(ARC_WORKBOOK_RELS, writer.write_rels())
        self.manifest._write(archive, wb)

    def write_worksheet(self, ws: Any) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        rows_xml, dimension = self._sheets[ws.title]
        writer = _SheetWriter(ws, rows_xml, dimension)
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.out.getvalue())
        self.manifest.append(ws)


def _rows_xml(wb: Any, ws: Any, sheet: SheetSpec) -> str:
    """Render the data rows (row 2 on) as SpreadsheetML, registering the number-format styles they use."""
    style_ids: dict[str, int] = {}

    def style_for(fmt: str) -> int:
        sid = style_ids.get(fmt)
        if sid is None:
            probe = Cell(ws)
            probe.number_format = fmt
            sid = style_ids[fmt] = probe.style_id
        return sid

    letters = [get_column_letter(c) for c in range(1, len(sheet.columns) + 1)]
    formats = [column.number_format for column in sheet.columns]
    epoch = wb.epoch
    out: list[str] = []
    for r, row in enumerate(sheet.rows, start=2):
        out.append(f'<row r="{r}">')
        for c, raw in enumerate(row):
            if raw is None:
                continue
            ref = f"{letters[c]}{r}"
            fmt = formats[c]
            if isinstance(raw, bool):
                out.append(f'<c r="{ref}" t="b"><v>{int(raw)}</v></c>')
                continue
            if isinstance(raw, (int, float)):
                if isinstance(raw, float) and not math.isfinite(raw):
                    out.append(f'<c r="{ref}" t="inlineStr"><is><t>{raw}</t></is></c>')
                    continue
                number = repr(raw)
            elif isinstance(raw, datetime):
                naive = raw.replace(tzinfo=None)
                number = repr(to_excel(naive, epoch))
                fmt = fmt or (_DATETIME_FORMAT if naive.time() != time(0) else _DATE_FORMAT)
            elif isinstance(raw, date):
                number = repr(to_excel(raw, epoch))
                fmt = fmt or _DATE_FORMAT
            elif raw.startswith("=") and len(raw) > 1:
                style = f' s="{style_for(fmt)}"' if fmt else ""
                out.append(f'<c r="{ref}"{style}><f>{escape(raw[1:])}</f></c>')
                continue
            else:
                text = _ILLEGAL_CHARS.sub("", raw)
                if len(text) > 32767:
                    raise OfficeError(
                        f"sheet {sheet.name!r}: cell {ref} holds {len(text):,} characters; Excel allows 32,767 per "
                        "cell, so split the text or put it in a document"
                    )
                space = ' xml:space="preserve"' if text != text.strip() else ""
                out.append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>')
                continue
            style = f' s="{style_for(fmt)}"' if fmt else ""
            out.append(f'<c r="{ref}"{style} t="n"><v>{number}</v></c>')
        out.append("</row>")
    return "".join(out)


def _write_sheet(wb: Any, ws: Any, sheet: SheetSpec) -> tuple[str, str]:
    """Fill a worksheet; return the pre-rendered data rows and the used range for the writer."""
    ncols = len(sheet.columns)
    for col, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=col, value=_cell_value(column.header))
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = _HEADER_ALIGN
    rows_xml = _rows_xml(wb, ws, sheet)
    for col, width in enumerate(_column_widths(sheet), start=1):
        ws.column_dimensions[get_column_letter(col)].width = round(width, 2)
    last_row = 1 + len(sheet.rows)
    last_col = get_column_letter(ncols)
    if sheet.freeze_header:
        ws.freeze_panes = "A2"
    if sheet.rows:
        ws.auto_filter.ref = f"A1:{last_col}{last_row}"
    if sheet.chart is not None:
        ws.add_chart(_chart(ws, sheet, sheet.chart, last_row), sheet.chart.anchor or f"{get_column_letter(ncols + 2)}2")
    return rows_xml, f"A1:{last_col}{last_row}"


def _chart(ws: Any, sheet: SheetSpec, spec: ChartSpec, last_row: int) -> Any:
    chart: Any
    if spec.kind in ("bar", "column"):
        chart = BarChart()
        chart.type = "bar" if spec.kind == "bar" else "col"
        chart.grouping = "clustered"
    elif spec.kind == "line":
        chart = LineChart()
    else:
        chart = PieChart()
    value_columns = spec.value_columns[:1] if spec.kind == "pie" else spec.value_columns
    for col in value_columns:
        data = Reference(ws, min_col=col + 1, max_col=col + 1, min_row=1, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
    categories = Reference(
        ws, min_col=spec.category_column + 1, max_col=spec.category_column + 1, min_row=2, max_row=last_row
    )
    chart.set_categories(categories)
    chart.title = spec.title
    if spec.kind != "pie":
        chart.y_axis.title = sheet.columns[value_columns[0]].header if len(value_columns) == 1 else None
        chart.x_axis.title = sheet.columns[spec.category_column].header
        # openpyxl >= 3.1 hides axes unless delete is set explicitly; LibreOffice and Excel then show no labels.
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        if len(value_columns) == 1:
            chart.legend = None
    chart.width = 18.0
    chart.height = 9.0
    return chart


def write_xlsx(spec: SpreadsheetSpec) -> bytes:
    """Render a spreadsheet spec as an .xlsx workbook.

    Args:
        spec: Sheets (columns, rows, optional chart) and file properties.

    Returns:
        The .xlsx bytes (identical for identical specs).

    Raises:
        OfficeError: On invalid or duplicate sheet names, rows longer than the columns, or a chart that refers to a
            column that does not exist.

    Example:
        >>> from synthcomp_agents.office import ColumnSpec, SheetSpec, SpreadsheetSpec
        >>> sheet = SheetSpec(name="Budget", columns=[ColumnSpec(header="Item"), ColumnSpec(header="Cost")],
        ...                   rows=[["Monitoring visits", 12400], ["Total", "=SUM(B2:B2)"]])
        >>> write_xlsx(SpreadsheetSpec(sheets=[sheet]))[:2]
        b'PK'
    """
    _validate(spec)
    wb = Workbook()
    first = wb.active
    rendered: dict[str, tuple[str, str]] = {}
    for index, sheet in enumerate(spec.sheets):
        ws = first if index == 0 else wb.create_sheet()
        ws.title = sheet.name
        rendered[sheet.name] = _write_sheet(wb, ws, sheet)
    title = spec.properties.title if spec.properties and spec.properties.title else spec.sheets[0].name
    values = core_values(spec.properties, title)
    wb.properties = DocumentProperties(
        creator=values.author or None,
        lastModifiedBy=values.last_modified_by or None,
        title=values.title or None,
        subject=values.subject or None,
        keywords=values.keywords or None,
        created=values.created,
        modified=values.modified,
    )
    buf = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would overwrite `modified` with the current time.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        _BookWriter(wb, archive, rendered).write_data()
    return fix_zip_dates(buf.getvalue())
