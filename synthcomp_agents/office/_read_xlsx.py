"""Excel (.xlsx) reader: sheets and cell ranges as pipe tables; formula cells show formula AND computed value (a
formula filled down from the cell above shows only ``-> value``: the same formula written 20 times is read once)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ._errors import OfficeError
from ._formulas import FormulaEvaluator, load_workbook_safely
from ._limits import checkpoint
from ._parse_cache import PARSE_CACHE
from ._read_common import Rendered, guard, guard_iter, pipe_row
from ._xlsx_fast import ArrayFormulaText, BookData, SheetData, parse_xlsx

__all__ = ["format_value", "outline_xlsx", "parsed_book", "render_xlsx", "sheet_text"]

_REF_RE = re.compile(r"(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\dA-Za-z_(])")
"""An A1 cell reference (not inside a name such as LOG10): column, optional $ on each part, row."""

FILLED_NOTE = "(a cell showing only '-> value' holds the formula of the cell above it, filled down)"

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
        return (
            value.strftime("%Y-%m-%d %H:%M")
            if (value.hour, value.minute, value.second) != (0, 0, 0)
            else (value.strftime("%Y-%m-%d"))
        )
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _sheet_or_error(book: BookData, name: str, filename: str) -> SheetData:
    sheet = book.find(name)
    if sheet is not None:
        return sheet
    raise OfficeError(
        f"sheet {name!r} not found in {filename}. Sheets: {', '.join(repr(s.name) for s in book.sheets)}. "
        "Use part='Sheet' or part='Sheet!A1:F30'."
    )


def _split_part(part: str) -> tuple[str, str | None]:
    if "!" in part:
        sheet, rng = part.rsplit("!", 1)
        return sheet.strip().strip("'"), rng.strip()
    return part.strip().strip("'"), None


def _bounds(rng: str, ws: SheetData, filename: str) -> tuple[int, int, int, int]:
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
    return r1, min(r2, max(_max_row(ws), r1)), col1, min(col2, max(_max_col(ws), col1))


def _max_row(ws: SheetData) -> int:
    return max(ws.max_row, 1)


def _max_col(ws: SheetData) -> int:
    return max(ws.max_col, 1)


def _cell_text(ws: SheetData, row: int, col: int, ev: FormulaEvaluator) -> str:
    from openpyxl.utils import get_column_letter

    key = (row, col)
    v = ws.cells.get(key)
    if v is None:
        return ""
    if isinstance(v, ArrayFormulaText):
        return f"{{{v.text}}} -> (array formula, not evaluated)"
    if isinstance(v, str) and v[:1] == "=" and type(v) is str:
        res = ev.value(ws.name, f"{get_column_letter(col)}{row}")
        if res.error:
            return f"{v} -> (not evaluated: {res.error})"
        return f"{v} -> {format_value(res.value, ws.formats.get(key))}"
    return format_value(v, ws.formats.get(key) if isinstance(v, (int, float)) else None)


def _moved_down(formula: str) -> str:
    """``formula`` as Excel writes it one row lower (relative row references + 1; ``$``-anchored rows stay).

    Example:
        >>> _moved_down("=SUMIF(Data!$B$2:$B$22,A2,Data!D$2:D22)+LOG10(B2)")
        '=SUMIF(Data!$B$2:$B$22,A3,Data!D$2:D23)+LOG10(B3)'
    """
    return _REF_RE.sub(lambda m: m[0] if m[3] else f"{m[1]}{m[2]}{int(m[4]) + 1}", formula)


def _filled_down(ws: SheetData, row: int, col: int) -> bool:
    """True when the cell holds the formula of the cell above it, filled down (same relative formula)."""
    above, here = ws.cells.get((row - 1, col)), ws.cells.get((row, col))
    if type(above) is not str or type(here) is not str or above[:1] != "=" or here[:1] != "=":
        return False
    return _moved_down(above) == here


def _sheet_lines(ws: SheetData, ev: FormulaEvaluator, r1: int, r2: int, c1: int, c2: int) -> Iterator[str]:
    from openpyxl.utils import get_column_letter

    rows_used = sorted({r for r, _c in ws.cells if r1 <= r <= r2})
    used = set(rows_used)
    filled = {(r, c) for r in rows_used if r - 1 in used for c in range(c1, c2 + 1) if _filled_down(ws, r, c)}
    if filled:
        yield FILLED_NOTE
    yield pipe_row(["row", *(get_column_letter(c) for c in range(c1, c2 + 1))])
    yield pipe_row(["---"] * (c2 - c1 + 2))
    for r in rows_used:
        checkpoint()
        texts = [_cell_text(ws, r, c, ev) for c in range(c1, c2 + 1)]
        if not any(texts):
            continue
        for i, c in enumerate(range(c1, c2 + 1)):
            if (r, c) in filled and " -> " in texts[i] and "-> (not evaluated" not in texts[i]:
                texts[i] = "-> " + texts[i].rsplit(" -> ", 1)[1]
        yield pipe_row([str(r), *texts])
    if (r1, c1) == (1, 1) and r2 >= _max_row(ws):
        yield from ws.notes
    if ev.exhausted:
        yield f"(note: {ev.exhausted}; remaining formulas show 'not evaluated'. Read a smaller range to evaluate more.)"


def parsed_book(data: bytes, filename: str) -> BookData:
    """The workbook's cells, parsed once per content (shared by pages, outline and search)."""
    return PARSE_CACHE.get(f"xlsx:{filename}", data, lambda: parse_xlsx(data, filename))


def _open(data: bytes, filename: str) -> tuple[BookData, FormulaEvaluator]:
    book = parsed_book(data, filename)
    return book, FormulaEvaluator(None, book=book, loader=lambda: load_workbook_safely(data, filename))


def _is_empty(ws: SheetData) -> bool:
    return not ws.cells and ws.max_row <= 1 and ws.max_col <= 1


def _dims(ws: SheetData) -> str:
    from openpyxl.utils import get_column_letter

    if _is_empty(ws) or (ws.max_row <= 1 and ws.max_col <= 1 and (1, 1) not in ws.cells):
        return "empty"
    return f"A1:{get_column_letter(_max_col(ws))}{_max_row(ws)} ({_max_row(ws)} rows x {_max_col(ws)} columns)"


def outline_xlsx(data: bytes, filename: str) -> str:
    """Sheets with dimensions, formula counts, charts and their header row (one lxml pass, no openpyxl load)."""
    book = parsed_book(data, filename)

    def build() -> str:
        lines = [f"{filename}: Excel workbook, {len(book.sheets)} sheet(s)."]
        for ws in book.sheets:
            n_formulas = ws.formula_count
            extra = f", {n_formulas} formulas" if n_formulas else ""
            extra += f", {ws.charts} chart(s)" if ws.charts else ""
            lines.append(f"- {ws.name}: {_dims(ws)}{extra}")
            header = [
                " ".join(format_value(ws.cells.get((1, c))).split())[:80] for c in range(1, min(_max_col(ws), 30) + 1)
            ]
            while header and not header[-1]:
                header.pop()
            if header:
                lines.append(f"  header: {' | '.join(header)}")
        return "\n".join(lines)

    return guard(filename, "an Excel workbook", build)


def render_xlsx(data: bytes, filename: str, part: str | None) -> Rendered:
    """Render all sheets, one sheet (part='Sheet') or a range (part='Sheet!A1:F30')."""
    book, ev = _open(data, filename)
    parts = [ws.name for ws in book.sheets]
    targets: list[tuple[SheetData, str | None]]
    if part is None:
        targets = [(ws, None) for ws in book.sheets]
    else:
        sheet, rng = _split_part(part)
        ws = _sheet_or_error(book, sheet, filename)
        if rng:
            _bounds(rng, ws, filename)  # validate eagerly so errors are raised here, not mid-stream
        targets = [(ws, rng)]

    def lines() -> Iterator[str]:
        first = True
        for ws, rng in targets:
            if not first:
                yield ""
            first = False
            if rng:
                r1, r2, c1, c2 = _bounds(rng, ws, filename)
                yield f"## Sheet {ws.name} — range {rng.upper()}"
            else:
                r1, r2, c1, c2 = 1, _max_row(ws), 1, _max_col(ws)
                yield f"## Sheet {ws.name} — {_dims(ws)}"
            if _dims(ws) == "empty":
                yield "(empty sheet)"
                continue
            yield from _sheet_lines(ws, ev, r1, r2, c1, c2)

    hint = "Or read a cell range, e.g. part='Sheet!A100:H200'."
    stream = guard_iter(filename, "an Excel workbook", _stream_limited(lines()))
    return Rendered(lines=stream, parts=parts, part=part, hint=hint)


def sheet_text(data: bytes, filename: str, max_chars: int) -> str:
    """Plain text of every sheet (tab-separated rows; formulas as written) for full-text search."""
    book = parsed_book(data, filename)
    ev = FormulaEvaluator(
        None, book=book, loader=lambda: load_workbook_safely(data, filename), max_cells=5_000, time_budget_s=2.0
    )

    def build() -> str:
        out: list[str] = []
        size = 0
        for ws in book.sheets:
            out.append(ws.name)
            rows: dict[int, dict[int, Any]] = {}
            for (r, c), v in ws.cells.items():
                rows.setdefault(r, {})[c] = v
            for r in sorted(rows):
                checkpoint()
                row = rows[r]
                line = "\t".join(_search_cell(ws, r, c, row.get(c), ev) for c in range(1, max(row) + 1))
                line = line.rstrip("\t")
                if line:
                    out.append(line)
                    size += len(line) + 1
                if size > max_chars:
                    return "\n".join(out)
            out.extend(ws.notes)
        return "\n".join(out)

    return guard(filename, "an Excel workbook", build)


def _search_cell(ws: SheetData, row: int, col: int, value: Any, ev: FormulaEvaluator) -> str:
    """A cell for search: its value; for a formula, the formula and its value (stored in the file, or computed
    within the evaluator's small budget)."""
    from openpyxl.utils import get_column_letter

    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text[:1] == "=" and type(value) is str:
        result = ws.cached.get((row, col))
        if result is None and not ev.exhausted:
            computed = ev.value(ws.name, f"{get_column_letter(col)}{row}")
            result = None if computed.error else computed.value
        if result is not None:
            return f"{text} {format_value(result, ws.formats.get((row, col)))}"
    return text


def _stream_limited(lines: Iterator[str], budget: int = 2_000_000) -> Iterator[str]:
    """Stop rendering after ``budget`` characters (the paginator never needs more than offset + max_chars)."""
    size = 0
    for line in lines:
        size += len(line) + 1
        yield line
        if size > budget:
            yield "(output stopped: the sheet is very large; read a cell range instead, e.g. part='Sheet!A1:F200')"
            return
