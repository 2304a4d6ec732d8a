"""Render a :class:`SpreadsheetSpec` to an Excel workbook (.xlsx), writing the SpreadsheetML parts directly.

Each sheet gets a bold, shaded header row, typed cells (numbers, booleans, dates with a date format, text), the
column number formats of the spec, formulas written as formulas, column widths (given, or estimated from the content
and capped), a frozen header, an autofilter over the data and, optionally, a native chart over its columns.

The parts are the markup openpyxl 3.1 writes for the same workbook, byte for byte (the zip too), but built from
string templates: the theme, app properties and package relationships are constants, the stylesheet depends only on
the number formats used, and cells are rendered straight to XML text (openpyxl's object model cost ~9 us a cell and
a few ms a part). Formulas carry no cached values (``fullCalcOnLoad``: Excel and LibreOffice recompute on open; our
readers evaluate them). Output is deterministic: core-property times come from the spec, zip entry dates are fixed.
"""

from __future__ import annotations

import math
import re
import struct
import zlib
from collections.abc import Callable, Iterable
from datetime import date, datetime, time

from openpyxl import __version__ as _OPENPYXL_VERSION
from openpyxl.styles.numbers import BUILTIN_FORMATS_REVERSE
from openpyxl.utils.datetime import to_excel
from openpyxl.writer.theme import theme_xml

from ._errors import OfficeError
from ._ooxml import core_values
from ._specs import CellValue, ChartSpec, SheetSpec, SpreadsheetSpec
from ._xml_office import esc

__all__ = ["formulas_written", "write_xlsx"]

_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# Characters XML cannot hold (openpyxl stripped the control characters, lxml refused the rest): removed from all text.
_NON_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")
_DATE_FORMAT = "yyyy-mm-dd"
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_MIN_WIDTH = 8.0
_MAX_WIDTH = 60.0
_MAX_CELL_CHARS = 32767
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
_MIDNIGHT = time(0)


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


# ---------------------------------------------------------------------------------------------------------------------
# Markup helpers (escaping as lxml serializes: worksheets ASCII with character references, other parts UTF-8)
# ---------------------------------------------------------------------------------------------------------------------

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument."


_text = esc
"""Element text: ``& < >`` escaped and carriage returns as references (what lxml writes)."""


def _cell_text(value: str) -> str:
    """Data-cell text or formula: line ends normalized to LF (as XML parsing does), then escaped."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _text(value)


def _attr(value: str) -> str:
    """Attribute value (quotes, tabs and line ends as references)."""
    value = _text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


def _clean(value: str) -> str:
    """Text without the characters XML cannot hold."""
    return _NON_XML_CHARS.sub("", value) if _NON_XML_CHARS.search(value) else value


def _letter(index: int) -> str:
    """Column letters of a 1-based column index (1 -> 'A', 28 -> 'AB')."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    """1-based index of column letters ('AB' -> 28)."""
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index


def _quote_sheet(name: str) -> str:
    """A sheet name as formulas and defined names quote it."""
    return "'" + name.replace("'", "''") + "'"


# ---------------------------------------------------------------------------------------------------------------------
# Styles: the default style, one per number format (in order of first use), then the header style
# ---------------------------------------------------------------------------------------------------------------------

_XF = '<xf numFmtId="{}" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/>'
_HEADER_XF = (
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" applyAlignment="1" pivotButton="0" quotePrefix="0" xfId="0">'
    '<alignment vertical="center"/></xf>'
)
_STYLES_FIXED = (
    '<fonts count="2"><font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/>'
    '<scheme val="minor"/></font><font><b val="1"/></font></fonts><fills count="3"><fill><patternFill/></fill>'
    '<fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid">'
    '<fgColor rgb="FFD9E2F3"/><bgColor rgb="FFD9E2F3"/></patternFill></fill></fills><borders count="2"><border>'
    '<left/><right/><top/><bottom/><diagonal/></border><border><bottom style="thin"><color rgb="FF8EA9DB"/></bottom>'
    '</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
)
_INDEXED_COLORS = (  # the 64 legacy palette colours, 8 hex digits each
    "0000000000FFFFFF00FF00000000FF00000000FF00FFFF0000FF00FF0000FFFF0000000000FFFFFF00FF00000000FF00"
    "000000FF00FFFF0000FF00FF0000FFFF00800000000080000000008000808000008000800000808000C0C0C000808080"
    "009999FF0099336600FFFFCC00CCFFFF0066006600FF8080000066CC00CCCCFF0000008000FF00FF00FFFF000000FFFF"
    "008000800080000000008080000000FF0000CCFF00CCFFFF00CCFFCC00FFFF990099CCFF00FF99CC00CC99FF00FFCC99"
    "003366FF0033CCCC0099CC0000FFCC0000FF990000FF6600006666990096969600003366003399660000330000333300"
    "00993300009933660033339900333333"
)
_STYLES_TAIL = (
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles>'
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/><colors>'
    "<indexedColors>"
    + "".join(f'<rgbColor rgb="{_INDEXED_COLORS[i : i + 8]}"/>' for i in range(0, len(_INDEXED_COLORS), 8))
    + "</indexedColors></colors>"
    "</styleSheet>"
)


class _Styles:
    """The cell styles of one workbook, numbered as openpyxl numbers them (``s`` attributes of the cells)."""

    def __init__(self) -> None:
        self.custom: list[str] = []  # custom number formats, numFmtId 164 on
        self.xfs: list[int] = [0]  # numFmtId of each cell style; 0 is the default style
        self._attrs: dict[str, str] = {}

    def attr(self, number_format: str) -> str:
        """The ``s`` attribute for cells shown with ``number_format`` (registered on first use)."""
        found = self._attrs.get(number_format)
        if found is None:
            num_id = BUILTIN_FORMATS_REVERSE.get(number_format)
            if num_id is None:
                code = _clean(number_format)
                if code not in self.custom:
                    self.custom.append(code)
                num_id = 164 + self.custom.index(code)
            if num_id not in self.xfs:
                self.xfs.append(num_id)
            found = self._attrs[number_format] = f' s="{self.xfs.index(num_id)}"'
        return found

    def stylesheet(self) -> bytes:
        """styles.xml: number formats, the fixed fonts/fills/borders, the cell styles and the header style last."""
        key = (tuple(self.custom), tuple(self.xfs))
        return _cached(("styles", key), lambda: self._render().encode())

    def _render(self) -> str:
        if self.custom:
            formats = "".join(
                f'<numFmt numFmtId="{164 + i}" formatCode="{_attr(code)}"/>' for i, code in enumerate(self.custom)
            )
            num_fmts = f'<numFmts count="{len(self.custom)}">{formats}</numFmts>'
        else:
            num_fmts = '<numFmts count="0"/>'
        xfs = "".join(_XF.format(num_id) for num_id in self.xfs)
        return (
            f'<styleSheet xmlns="{_NS_MAIN}">{num_fmts}{_STYLES_FIXED}<cellXfs count="{len(self.xfs) + 1}">{xfs}'
            f"{_HEADER_XF}</cellXfs>{_STYLES_TAIL}"
        )


_parts: dict[object, bytes] = {}


def _cached(key: object, make: Callable[[], bytes]) -> bytes:
    """Parts many workbooks share (stylesheets per set of number formats): built once."""
    part = _parts.get(key)
    if part is None:
        if len(_parts) > 1024:
            _parts.clear()
        part = _parts[key] = make()
    return part


# ---------------------------------------------------------------------------------------------------------------------
# Worksheets
# ---------------------------------------------------------------------------------------------------------------------

_SHEET_HEAD = (
    f'<worksheet xmlns="{_NS_MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr>'
)
_VIEW_FROZEN = (
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
    'state="frozen"/><selection pane="bottomLeft" activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
)
_VIEW_PLAIN = (
    '<sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
)
_SHEET_FORMAT = '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
_SHEET_MARGINS = '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
# a sheet wider than a portrait page prints landscape, fitted to one page wide (as a person sets up a scheme of work
# or a cash book before printing it), never split into strips of two columns a page
_SHEET_HEAD_FIT = _SHEET_HEAD.replace("<pageSetUpPr/>", '<pageSetUpPr fitToPage="1"/>')
_PAGE_FIT = '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
_PORTRAIT_WIDTH = 80.0  # characters of the default font across an A4/Letter page inside 0.75" margins
_SHEET_DRAWING = f'<drawing xmlns:r="{_NS_R}" r:id="rId1"/>'


def _data_rows(sheet: SheetSpec, letters: list[str], styles: _Styles) -> str:
    """The data rows (row 2 on) as SpreadsheetML, registering the number-format styles they use."""
    formats = [column.number_format for column in sheet.columns]
    out: list[str] = []
    for r, row in enumerate(sheet.rows, start=2):
        cells: list[str] = []
        for c, raw in enumerate(row):
            if raw is None:
                continue
            ref = f"{letters[c]}{r}"
            fmt = formats[c]
            if isinstance(raw, str):
                text = _clean(raw)
                if len(text) > 1 and text[0] == "=":
                    style = styles.attr(fmt) if fmt else ""
                    cells.append(f'<c r="{ref}"{style}><f>{_cell_text(text[1:])}</f></c>')
                    continue
                if len(text) > _MAX_CELL_CHARS:
                    raise OfficeError(
                        f"sheet {sheet.name!r}: cell {ref} holds {len(text):,} characters; Excel allows 32,767 per "
                        "cell, so split the text or put it in a document"
                    )
                if not text:
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t/></is></c>')
                    continue
                space = ' xml:space="preserve"' if text != text.strip() else ""
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{_cell_text(text)}</t></is></c>')
                continue
            if isinstance(raw, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(raw)}</v></c>')
                continue
            if isinstance(raw, (int, float)):
                if isinstance(raw, float) and not math.isfinite(raw):
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{raw}</t></is></c>')
                    continue
                number = repr(raw)
            elif isinstance(raw, datetime):
                naive = raw.replace(tzinfo=None)
                number = repr(to_excel(naive))
                fmt = fmt or (_DATETIME_FORMAT if naive.time() != _MIDNIGHT else _DATE_FORMAT)
            else:  # a date
                number = repr(to_excel(raw))
                fmt = fmt or _DATE_FORMAT
            style = styles.attr(fmt) if fmt else ""
            cells.append(f'<c r="{ref}"{style} t="n"><v>{number}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>' if cells else f'<row r="{r}"/>')
    return "".join(out)


def _header_row(sheet: SheetSpec, letters: list[str], style: int) -> str:
    """Row 1: the column headers in the bold, shaded header style."""
    cells: list[str] = []
    for letter, column in zip(letters, sheet.columns, strict=True):
        head = f'<c r="{letter}1" s="{style}"'
        text = _clean(column.header)[:_MAX_CELL_CHARS]
        if not text:
            cells.append(f'{head} t="inlineStr"></c>')
        elif len(text) > 1 and text[0] == "=":
            cells.append(f"{head}><f>{_text(text[1:])}</f><v></v></c>")
        elif text in _ERROR_CODES:
            cells.append(f'{head} t="e"><v>{text}</v></c>')
        else:
            space = ' xml:space="preserve"' if text != text.strip() else ""
            cells.append(f'{head} t="inlineStr"><is><t{space}>{_text(text)}</t></is></c>')
    return f'<row r="1">{"".join(cells)}</row>'


def _cols(widths: list[float]) -> str:
    cols: list[str] = []
    for index, width in enumerate(widths, start=1):
        width = round(width, 2)
        if width and math.isfinite(width):
            cols.append(f'<col width="{width:.16g}" customWidth="1" min="{index}" max="{index}"/>')
    return f"<cols>{''.join(cols)}</cols>" if cols else ""


def _worksheet(sheet: SheetSpec, letters: list[str], rows_xml: str, header_style: int) -> bytes:
    last = f"{letters[-1]}{1 + len(sheet.rows)}"
    widths = _column_widths(sheet)
    wide = sum(widths) > _PORTRAIT_WIDTH
    parts = [
        _SHEET_HEAD_FIT if wide else _SHEET_HEAD,
        f'<dimension ref="A1:{last}"/>',
        _VIEW_FROZEN if sheet.freeze_header else _VIEW_PLAIN,
        _SHEET_FORMAT,
        _cols(widths),
        "<sheetData>",
        _header_row(sheet, letters, header_style),
        rows_xml,
        "</sheetData>",
        f'<autoFilter ref="A1:{last}"/>' if sheet.rows else "",
        _SHEET_MARGINS,
        _PAGE_FIT if wide else "",
        _SHEET_DRAWING if sheet.chart is not None else "",
        "</worksheet>",
    ]
    return "".join(parts).encode("ascii", "xmlcharrefreplace")


# ---------------------------------------------------------------------------------------------------------------------
# Charts and their drawings
# ---------------------------------------------------------------------------------------------------------------------

_LINE = f'<spPr><a:ln xmlns:a="{_NS_A}"><a:prstDash val="solid"/></a:ln></spPr>'
_MARKER = f'<marker><symbol val="none"/>{_LINE}</marker>'
_AXIS_TICKS = '<majorTickMark val="none"/><minorTickMark val="none"/>'
_SCALING = '<scaling><orientation val="minMax"/></scaling><delete val="0"/><axPos val="l"/>'
_LEGEND = '<legend><legendPos val="r"/></legend>'
_CHART_TAIL = '<plotVisOnly val="1"/><dispBlanksAs val="gap"/></chart></chartSpace>'


def _space(line: str) -> str:
    """``xml:space`` for a chart text run (openpyxl marks text with outer spaces unless it is all spaces)."""
    stripped = line.strip()
    return ' xml:space="preserve"' if stripped and stripped != line else ""


def _title(text: str) -> str:
    paragraphs = "".join(
        f'<a:p xmlns:a="{_NS_A}"><a:pPr><a:defRPr/></a:pPr><a:r><a:t{_space(line)}>{_text(line)}</a:t></a:r></a:p>'
        for line in _clean(text).split("\n")
    )
    return f'<title><tx><rich><a:bodyPr xmlns:a="{_NS_A}"/>{paragraphs}</rich></tx></title>'


def _range(sheet: str, letter: str, last_row: int) -> str:
    """Absolute reference to rows 2..last_row of one column (a single cell when there is one row)."""
    if last_row == 2:
        return f"{sheet}!${letter}$2"
    return f"{sheet}!${letter}$2:${letter}${last_row}"


def _chart(sheet: SheetSpec, spec: ChartSpec, letters: list[str]) -> bytes:
    quoted = _text(_quote_sheet(sheet.name))
    last_row = 1 + len(sheet.rows)
    value_columns = spec.value_columns[:1] if spec.kind == "pie" else spec.value_columns
    categories = _range(quoted, letters[spec.category_column], last_row)
    series: list[str] = []
    for i, col in enumerate(value_columns):
        letter = letters[col]
        series.append(
            f'<ser><idx val="{i}"/><order val="{i}"/><tx><strRef><f>{quoted}!{letter}1</f></strRef></tx>{_LINE}'
            f"{_MARKER if spec.kind == 'line' else ''}<cat><numRef><f>{categories}</f></numRef></cat>"
            f"<val><numRef><f>{_range(quoted, letter, last_row)}</f></numRef></val></ser>"
        )
    body = "".join(series)
    axes = '<axId val="10"/><axId val="100"/>'
    if spec.kind == "pie":
        plot = f'<pieChart><varyColors val="1"/>{body}<firstSliceAng val="0"/></pieChart>'
        legend = _LEGEND
    else:
        if spec.kind == "line":
            plot = f'<lineChart><grouping val="standard"/>{body}{axes}</lineChart>'
        else:
            direction = "bar" if spec.kind == "bar" else "col"
            plot = (
                f'<barChart><barDir val="{direction}"/><grouping val="clustered"/>{body}<gapWidth val="150"/>'
                f"{axes}</barChart>"
            )
        single = len(value_columns) == 1
        x_title = _title(sheet.columns[spec.category_column].header)
        y_title = _title(sheet.columns[value_columns[0]].header) if single else ""
        plot += (
            f'<catAx><axId val="10"/>{_SCALING}{x_title}{_AXIS_TICKS}<crossAx val="100"/><lblOffset val="100"/></catAx>'
            f'<valAx><axId val="100"/>{_SCALING}<majorGridlines/>{y_title}{_AXIS_TICKS}<crossAx val="10"/></valAx>'
        )
        legend = "" if single else _LEGEND
    return (
        f'<chartSpace xmlns="http://schemas.openxmlformats.org/drawingml/2006/chart"><chart>{_title(spec.title)}'
        f"<plotArea>{plot}</plotArea>{legend}{_CHART_TAIL}"
    ).encode()


def _drawing(sheet: SheetSpec, spec: ChartSpec) -> bytes:
    """The drawing that places a sheet's chart (18 x 9 cm, top-left at the anchor cell)."""
    match = _CELL_REF.match(spec.anchor) if spec.anchor else None
    if match is not None:
        col, row = _column_index(match.group(1)) - 1, int(match.group(2)) - 1
    else:
        col, row = len(sheet.columns) + 1, 1
    return (
        '<wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><oneCellAnchor><from>'
        f"<col>{col}</col><colOff>0</colOff><row>{row}</row><rowOff>0</rowOff></from>"
        '<ext cx="6480000" cy="3240000"/><graphicFrame><nvGraphicFramePr><cNvPr id="1" name="Chart 1"/>'
        f'<cNvGraphicFramePr/></nvGraphicFramePr><xfrm/><a:graphic xmlns:a="{_NS_A}">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="{_NS_R}" r:id="rId1"/>'
        "</a:graphicData></a:graphic></graphicFrame><clientData/></oneCellAnchor></wsDr>"
    ).encode()


def _rels(kind: str, target: str) -> bytes:
    return (
        f'<Relationships xmlns="{_NS_PKG_RELS}"><Relationship Type="{_NS_R}/{kind}" Target="{target}" Id="rId1"/>'
        "</Relationships>"
    ).encode()


# ---------------------------------------------------------------------------------------------------------------------
# Package parts
# ---------------------------------------------------------------------------------------------------------------------

_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>Microsoft Excel Compatible / Openpyxl {_OPENPYXL_VERSION}</Application>"
    "<AppVersion>3.1</AppVersion></Properties>"
).encode()
_THEME = theme_xml.encode()
_ROOT_RELS = (
    f'<Relationships xmlns="{_NS_PKG_RELS}"><Relationship Type="{_NS_R}/officeDocument" Target="xl/workbook.xml" '
    f'Id="rId1"/><Relationship Type="{_NS_PKG_RELS}/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/>'
    f'<Relationship Type="{_NS_R}/extended-properties" Target="docProps/app.xml" Id="rId3"/></Relationships>'
).encode()
_WORKBOOK_HEAD = (
    f'<workbook xmlns="{_NS_MAIN}"><workbookPr/><workbookProtection/><bookViews><workbookView visibility="visible" '
    'minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" '
    'activeTab="0" autoFilterDateGrouping="1"/></bookViews>'
)
_TYPES_HEAD = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    f'ContentType="application/xml"/><Override PartName="/xl/styles.xml" ContentType="{_CT}spreadsheetml.styles+xml"/>'
    f'<Override PartName="/xl/theme/theme1.xml" ContentType="{_CT}theme+xml"/><Override '
    'PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{_CT}extended-properties+xml"/>'
)
_DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
_DCTERMS = (
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:type="dcterms:W3CDTF"'
)


def _core(spec: SpreadsheetSpec) -> bytes:
    title = spec.properties.title if spec.properties and spec.properties.title else spec.sheets[0].name
    values = core_values(spec.properties, title)
    parts = ['<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">']
    if values.author:
        parts.append(f"<dc:creator {_DC}>{_text(values.author)}</dc:creator>")
    if values.title:
        parts.append(f"<dc:title {_DC}>{_text(values.title)}</dc:title>")
    if values.subject:
        parts.append(f"<dc:subject {_DC}>{_text(values.subject)}</dc:subject>")
    parts.append(f"<dcterms:created {_DCTERMS}>{values.created:%Y-%m-%dT%H:%M:%SZ}</dcterms:created>")
    parts.append(f"<dcterms:modified {_DCTERMS}>{values.modified:%Y-%m-%dT%H:%M:%SZ}</dcterms:modified>")
    if values.last_modified_by:
        parts.append(f"<cp:lastModifiedBy>{_text(values.last_modified_by)}</cp:lastModifiedBy>")
    if values.keywords:
        parts.append(f"<cp:keywords>{_text(values.keywords)}</cp:keywords>")
    parts.append("</cp:coreProperties>")
    return "".join(parts).encode()


def _workbook(spec: SpreadsheetSpec) -> bytes:
    sheets = "".join(
        f'<sheet xmlns:r="{_NS_R}" name="{_attr(sheet.name)}" sheetId="{i}" state="visible" r:id="rId{i}"/>'
        for i, sheet in enumerate(spec.sheets, start=1)
    )
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{_text(_quote_sheet(sheet.name))}'
        f"!$A$1:${_letter(len(sheet.columns))}${1 + len(sheet.rows)}</definedName>"
        for i, sheet in enumerate(spec.sheets)
        if sheet.rows
    )
    defined = f"<definedNames>{names}</definedNames>" if names else "<definedNames/>"
    return (
        f'{_WORKBOOK_HEAD}<sheets>{sheets}</sheets>{defined}<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    ).encode()


def _workbook_rels(count: int) -> bytes:
    sheets = "".join(
        f'<Relationship Type="{_NS_R}/worksheet" Target="/xl/worksheets/sheet{i}.xml" Id="rId{i}"/>'
        for i in range(1, count + 1)
    )
    return (
        f'<Relationships xmlns="{_NS_PKG_RELS}">{sheets}<Relationship Type="{_NS_R}/styles" Target="styles.xml" '
        f'Id="rId{count + 1}"/><Relationship Type="{_NS_R}/theme" Target="theme/theme1.xml" Id="rId{count + 2}"/>'
        "</Relationships>"
    ).encode()


# ---------------------------------------------------------------------------------------------------------------------
# Zip: the archive zipfile writes (deflated, Unix attributes), with entry dates fixed at 1980-01-01
# ---------------------------------------------------------------------------------------------------------------------

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_DATE = (1 << 5) | 1
_deflated: dict[bytes, tuple[int, bytes]] = {}


_SMALL = 2048
_SMALL_MAX_ENTRIES = 2048
_small: dict[bytes, tuple[int, bytes]] = {}
"""Parts under 2 KB, shared or not (relationships, content types, document properties of books alike: many repeat,
and setting up a compressor costs ~10 us whatever the size), cached apart from the shared ones; at most ~6 MB."""


def _deflate(data: bytes, keep: bool) -> tuple[int, bytes]:
    small = len(data) < _SMALL
    cache = _small if small else _deflated if keep else None
    hit = cache.get(data) if cache is not None else None
    if hit is None:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        hit = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
        if cache is not None:
            if len(cache) > (_SMALL_MAX_ENTRIES if small else 256):
                cache.clear()
            cache[data] = hit
    return hit


def _zip(entries: Iterable[tuple[str, bytes, bool]]) -> bytes:
    """A zip of ``(name, data, shared)`` entries; shared ones (constant parts) are compressed once per process."""
    out = bytearray()
    central = bytearray()
    count = 0
    for name, data, shared in entries:
        raw = name.encode("ascii")
        crc, packed = _deflate(data, shared)
        offset = len(out)
        out += _LOCAL.pack(b"PK\x03\x04", 20, 0, 0, 8, 0, _DOS_DATE, crc, len(packed), len(data), len(raw), 0)
        out += raw
        out += packed
        central += _CENTRAL.pack(
            b"PK\x01\x02", 20, 3, 20, 0, 0, 8, 0, _DOS_DATE, crc, len(packed), len(data), len(raw), 0, 0, 0, 0,
            0o600 << 16, offset,
        )  # fmt: skip
        central += raw
        count += 1
    start = len(out)
    out += central
    out += _END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), start, 0)
    return bytes(out)


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
    styles = _Styles()
    letters = [[_letter(c) for c in range(1, len(sheet.columns) + 1)] for sheet in spec.sheets]
    rows_xml = [_data_rows(sheet, cols, styles) for sheet, cols in zip(spec.sheets, letters, strict=True)]
    header_style = len(styles.xfs)  # the header style comes after every number-format style
    entries: list[tuple[str, bytes, bool]] = [
        ("docProps/app.xml", _APP, True),
        ("docProps/core.xml", _core(spec), False),
        ("xl/theme/theme1.xml", _THEME, True),
    ]
    types = [_TYPES_HEAD]
    charts: list[tuple[str, bytes, bool]] = []
    for index, sheet in enumerate(spec.sheets, start=1):
        entries.append(
            (
                f"xl/worksheets/sheet{index}.xml",
                _worksheet(sheet, letters[index - 1], rows_xml[index - 1], header_style),
                False,
            )
        )
        types.append(
            f'<Override PartName="/xl/worksheets/sheet{index}.xml" ContentType="{_CT}spreadsheetml.worksheet+xml"/>'
        )
        if sheet.chart is not None:
            number = len(charts) + 1
            drawing = f"xl/drawings/drawing{number}.xml"
            entries.append((drawing, _drawing(sheet, sheet.chart), False))
            entries.append(
                (f"xl/drawings/_rels/drawing{number}.xml.rels", _rels("chart", f"/xl/charts/chart{number}.xml"), False)
            )
            entries.append((f"xl/worksheets/_rels/sheet{index}.xml.rels", _rels("drawing", f"/{drawing}"), False))
            types.append(f'<Override PartName="/{drawing}" ContentType="{_CT}drawing+xml"/>')
            charts.append((f"xl/charts/chart{number}.xml", _chart(sheet, sheet.chart, letters[index - 1]), False))
    entries.extend(charts)
    types.extend(
        f'<Override PartName="/xl/charts/chart{n}.xml" ContentType="{_CT}drawingml.chart+xml"/>'
        for n in range(1, len(charts) + 1)
    )
    types.append(f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}spreadsheetml.sheet.main+xml"/></Types>')
    formulas = any(b"<f>" in xml or b"<f " in xml for name, xml, _ in entries if name.startswith("xl/worksheets/"))
    entries += [
        ("xl/styles.xml", styles.stylesheet(), True),
        ("_rels/.rels", _ROOT_RELS, True),
        ("xl/workbook.xml", _workbook(spec), False),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(spec.sheets)), True),
        ("[Content_Types].xml", "".join(types).encode(), False),
    ]
    book = _zip(entries)
    if len(_formula_books) >= _FORMULA_BOOKS_MAX:
        _formula_books.clear()
    _formula_books[book] = formulas
    return book


_FORMULA_BOOKS_MAX = 1024
_formula_books: dict[bytes, bool] = {}
"""Workbooks this process wrote, by content: whether a sheet holds a formula (at most ~1,024 books of ~10 KB)."""


def formulas_written(data: bytes) -> bool | None:
    """Whether workbook ``data``, as :func:`write_xlsx` wrote it in this process, has a formula cell in a worksheet
    (``<f>`` in its sheet XML); None for bytes it did not write (or no longer remembers): read them instead.

    Example:
        >>> from synthcomp_agents.office import ColumnSpec, SheetSpec, SpreadsheetSpec
        >>> sheet = SheetSpec(name="S", columns=[ColumnSpec(header="a")], rows=[[1], ["=A2"]])
        >>> formulas_written(write_xlsx(SpreadsheetSpec(sheets=[sheet]))), formulas_written(b"PK")
        (True, None)
    """
    return _formula_books.get(data)
