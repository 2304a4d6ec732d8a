"""Excel (.xlsx) reader: sheets and cell ranges as pipe tables; formula cells show formula AND computed value."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ._errors import OfficeError
from ._formulas import FormulaEvaluator, has_cached_values, load_workbook_safely
from ._read_common import Rendered, guard, guard_iter, pipe_row

__all__ = ["format_value", "outline_xlsx", "render_xlsx"]

_RANGE_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$")


def _fixed(value: float, decimals: int, grouping: bool = True) -> str:
    """Format like Excel: round half away from zero on the decimal representation (1423.125 -> 1423.13)."""
    if not abs(value) < 1e15:  # also NaN/inf: Decimal quantize would overflow its precision
        return f"{value:.6g}"
    q = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{q:,.{decimals}f}" if grouping else f"{q:.{decimals}f}"


def format_value(value: Any, number_format: str | None = None) -> str:
    """Format a cell value for display: thousands separators, 2 decimals for money-like numbers, ISO dates.

    Example:
        >>> format_value(48250.0)
        '48,250'
        >>> format_value(48250, "#,##0.00")
        '48,250.00'
        >>> format_value(0.0425)
        '0.0425'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        fmt = number_format or ""
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return str(value)
        if "%" in fmt:
            decimals = len(fmt.split(".")[1].rstrip("%")) if "." in fmt else 0
            return _fixed(value * 100, decimals, grouping=False) + "%"
        if ".00" in fmt:
            return _fixed(value, 2)
        if float(value).is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        if abs(value) < 1:
            return f"{value:.6g}"
        return _fixed(value, 2) if abs(value) >= 1000 else f"{round(value, 4):g}"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour, value.minute, value.second) != (0, 0, 0) else (
            value.strftime("%Y-%m-%d"))
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _sheet_or_error(wb: Any, name: str, filename: str) -> Any:
    for ws in wb.worksheets:
        if ws.title == name:
            return ws
    for ws in wb.worksheets:
        if ws.title.lower() == name.strip().lower():
            return ws
    raise OfficeError(
        f"sheet {name!r} not found in {filename}. Sheets: {', '.join(repr(s.title) for s in wb.worksheets)}. "
        "Use part='Sheet' or part='Sheet!A1:F30'."
    )


def _split_part(part: str) -> tuple[str, str | None]:
    if "!" in part:
        sheet, rng = part.rsplit("!", 1)
        return sheet.strip().strip("'"), rng.strip()
    return part.strip().strip("'"), None


def _bounds(rng: str, ws: Any, filename: str) -> tuple[int, int, int, int]:
    from openpyxl.utils import column_index_from_string

    m = _RANGE_RE.match(rng.replace(" ", ""))
    if not m:
        raise OfficeError(f"bad cell range {rng!r} for {filename}; use e.g. 'Sheet!A1:F30' or 'Sheet!B7'.")
    c1, r1, c2, r2 = m.group(1), int(m.group(2)), m.group(3) or m.group(1), int(m.group(4) or m.group(2))
    col1, col2 = column_index_from_string(c1.upper()), column_index_from_string(c2.upper())
    if col1 > col2:
        col1, col2 = col2, col1
    if r1 > r2:
        r1, r2 = r2, r1
    if r1 < 1:
        raise OfficeError(f"bad cell range {rng!r}: rows start at 1.")
    # clip to the used area so 'A1:XFD1048576' stays cheap
    return r1, min(r2, max(ws.max_row, r1)), col1, min(col2, max(ws.max_column, col1))


def _cell_text(cell: Any, ev: FormulaEvaluator, sheet: str) -> str:
    v = cell.value
    if isinstance(v, str) and v.startswith("="):
        res = ev.value(sheet, cell.coordinate)
        if res.error:
            return f"{v} -> (not evaluated: {res.error})"
        return f"{v} -> {format_value(res.value, cell.number_format)}"
    if v is not None and type(v).__name__ == "ArrayFormula":
        return f"{{{getattr(v, 'text', '')}}} -> (array formula, not evaluated)"
    return format_value(v, cell.number_format if isinstance(v, (int, float)) else None)


def _sheet_lines(ws: Any, ev: FormulaEvaluator, r1: int, r2: int, c1: int, c2: int) -> Iterator[str]:
    from openpyxl.utils import get_column_letter

    yield pipe_row(["row", *(get_column_letter(c) for c in range(c1, c2 + 1))])
    yield pipe_row(["---"] * (c2 - c1 + 2))
    for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
        texts = [_cell_text(c, ev, ws.title) for c in row]
        if not any(texts):
            continue
        yield pipe_row([str(row[0].row), *texts])
    if ev.exhausted:
        yield f"(note: {ev.exhausted}; remaining formulas show 'not evaluated'. Read a smaller range to evaluate more.)"


def _open(data: bytes, filename: str) -> tuple[Any, FormulaEvaluator]:
    wb = load_workbook_safely(data, filename)
    cached = load_workbook_safely(data, filename, data_only=True) if has_cached_values(data) else None
    return wb, FormulaEvaluator(wb, cached)


def _dims(ws: Any) -> str:
    from openpyxl.utils import get_column_letter

    if ws.max_row <= 1 and ws.max_column <= 1 and ws.cell(1, 1).value is None:
        return "empty"
    return f"A1:{get_column_letter(ws.max_column)}{ws.max_row} ({ws.max_row} rows x {ws.max_column} columns)"


def outline_xlsx(data: bytes, filename: str) -> str:
    """Sheets with dimensions, formula counts and their header row."""
    wb = load_workbook_safely(data, filename)

    def build() -> str:
        lines = [f"{filename}: Excel workbook, {len(wb.worksheets)} sheet(s)."]
        for ws in wb.worksheets:
            n_formulas = sum(
                1 for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")
            )
            charts = len(getattr(ws, "_charts", []))
            extra = f", {n_formulas} formulas" if n_formulas else ""
            extra += f", {charts} chart(s)" if charts else ""
            lines.append(f"- {ws.title}: {_dims(ws)}{extra}")
            if ws.max_row >= 1:
                header = [format_value(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1, max_col=30), ())]
                while header and not header[-1]:
                    header.pop()
                if header:
                    lines.append(f"  header: {' | '.join(header)}")
        return "\n".join(lines)

    return guard(filename, "an Excel workbook", build)


def render_xlsx(data: bytes, filename: str, part: str | None) -> Rendered:
    """Render all sheets, one sheet (part='Sheet') or a range (part='Sheet!A1:F30')."""
    wb, ev = _open(data, filename)
    parts = [ws.title for ws in wb.worksheets]
    targets: list[tuple[Any, str | None]]
    if part is None:
        targets = [(ws, None) for ws in wb.worksheets]
    else:
        sheet, rng = _split_part(part)
        ws = _sheet_or_error(wb, sheet, filename)
        targets = [(ws, rng)]

    def lines() -> Iterator[str]:
        first = True
        for ws, rng in targets:
            if not first:
                yield ""
            first = False
            if rng:
                r1, r2, c1, c2 = _bounds(rng, ws, filename)
                yield f"## Sheet {ws.title} — range {rng.upper()}"
            else:
                r1, r2, c1, c2 = 1, ws.max_row, 1, ws.max_column
                yield f"## Sheet {ws.title} — {_dims(ws)}"
            if ws.max_row <= 1 and ws.max_column <= 1 and ws.cell(1, 1).value is None:
                yield "(empty sheet)"
                continue
            yield from _sheet_lines(ws, ev, r1, r2, c1, c2)

    hint = "Or read a cell range, e.g. part='Sheet!A100:H200'."
    if part is not None:
        sheet, rng = _split_part(part)
        ws = _sheet_or_error(wb, sheet, filename)
        if rng:
            _bounds(rng, ws, filename)  # validate eagerly so errors are raised here, not mid-stream
    stream = guard_iter(filename, "an Excel workbook", _stream_limited(lines()))
    return Rendered(lines=stream, parts=parts, part=part, hint=hint)


def _stream_limited(lines: Iterator[str], budget: int = 2_000_000) -> Iterator[str]:
    """Stop rendering after ``budget`` characters (the paginator never needs more than offset + max_chars)."""
    size = 0
    for line in lines:
        size += len(line) + 1
        yield line
        if size > budget:
            yield "(output stopped: the sheet is very large; read a cell range instead, e.g. part='Sheet!A1:F200')"
            return
