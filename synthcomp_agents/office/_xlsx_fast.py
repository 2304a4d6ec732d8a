"""One-pass xlsx reading with lxml: values, formulas, cached values and number formats of every sheet.

openpyxl builds a full object model (styles, cell objects) and is the slow part of reading a workbook; the reader
only needs values, formulas and number formats, so it parses the sheet XML directly. Measured on a 200-row,
6-column workbook: ~4 ms here against ~25 ms for ``openpyxl.load_workbook`` (``read_only=True`` is slower still on
small sheets). Shared formulas are expanded like openpyxl does; dates become ``datetime`` via the cell's number
format, as in openpyxl.

Example:
    >>> import io, openpyxl
    >>> wb = openpyxl.Workbook(); wb.active["A1"] = 2; wb.active["B1"] = "=A1*3"
    >>> buf = io.BytesIO(); wb.save(buf)
    >>> book = parse_xlsx(buf.getvalue())
    >>> book.sheets[0].cells
    {(1, 1): 2, (1, 2): '=A1*3'}
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import Any

from ._errors import OfficeError, OfficeFileError
from ._limits import checkpoint
from ._safezip import check_ooxml

__all__ = ["ArrayFormulaText", "BookData", "SheetData", "book_from_openpyxl", "parse_xlsx"]

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class ArrayFormulaText(str):
    """The formula text of an array (CSE) formula cell, e.g. ``'=SUM(A1:A3*B1:B3)'``; not evaluated."""

    __slots__ = ()

    @property
    def text(self) -> str:
        """The formula text (as openpyxl's ``ArrayFormula.text``)."""
        return str(self)


class _Literal(str):
    """A text constant that happens to start with '=' (not a formula)."""

    __slots__ = ()


@dataclass
class SheetData:
    """One worksheet's content.

    Attributes:
        name: Sheet name.
        cells: (row, col) -> value; formulas are strings starting with '='; array formulas are
            :class:`ArrayFormulaText`.
        formats: (row, col) -> number format code, for cells whose format is not 'General'.
        cached: (row, col) -> value stored in the file next to a formula (Excel/LibreOffice saves).
        max_row: Last used row (0 when empty).
        max_col: Last used column (0 when empty).
        charts: Number of charts drawn on the sheet.
        notes: What the sheet carries besides cells, one labelled line each: cell comments, text boxes and shapes
            with text, chart titles (read only when cells are read).
    """

    name: str
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    cached: dict[tuple[int, int], Any] = field(default_factory=dict)
    max_row: int = 0
    max_col: int = 0
    charts: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def formula_count(self) -> int:
        """Number of formula cells (array formulas included)."""
        return sum(1 for v in self.cells.values() if type(v) is not _Literal and isinstance(v, str) and v[:1] == "=")


@dataclass
class BookData:
    """A workbook's sheets in order."""

    sheets: list[SheetData]

    def find(self, name: str) -> SheetData | None:
        """The sheet called ``name`` (exact match first, then case-insensitive), or None."""
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        wanted = name.strip().lower()
        for sheet in self.sheets:
            if sheet.name.lower() == wanted:
                return sheet
        return None


def _parser() -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def _xml(zf: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    return etree.fromstring(zf.read(name), parser=_parser())


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationships of ``part``: id -> (type, absolute target path inside the zip)."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in zf.namelist():
        return {}
    out: dict[str, tuple[str, str]] = {}
    for rel in _xml(zf, rels_name).iter(_PKG_REL):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return out


def _shared_strings(zf: zipfile.ZipFile, path: str | None) -> list[str]:
    if not path or path not in zf.namelist():
        return []
    out: list[str] = []
    t_tag, rph_tag = _NS + "t", _NS + "rPh"
    for si in _xml(zf, path).iter(_NS + "si"):
        parts = []
        for node in si.iter(t_tag):
            parent = node.getparent()
            if parent is not None and parent.tag == rph_tag:
                continue
            parts.append(node.text or "")
        out.append("".join(parts))
    return out


def _styles(zf: zipfile.ZipFile, path: str | None) -> list[str]:
    """Number format code per cellXfs index."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    if not path or path not in zf.namelist():
        return []
    root = _xml(zf, path)
    custom = {int(n.get("numFmtId", "0")): n.get("formatCode", "General") for n in root.iter(_NS + "numFmt")}
    xfs = root.find(_NS + "cellXfs")
    if xfs is None:
        return []
    out = []
    for xf in xfs.iter(_NS + "xf"):
        fid = int(xf.get("numFmtId", "0") or 0)
        out.append(custom.get(fid) or BUILTIN_FORMATS.get(fid) or "General")
    return out


def _split_ref(ref: str) -> tuple[int, int]:
    col = 0
    i = 0
    n = len(ref)
    while i < n and ref[i].isalpha():
        col = col * 26 + (ord(ref[i].upper()) - 64)
        i += 1
    return int(ref[i:]), col


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    try:
        return int(text)
    except ValueError:
        return float(text)


def _count_charts(zf: zipfile.ZipFile, sheet_rels: dict[str, tuple[str, str]]) -> int:
    n = 0
    for kind, target in sheet_rels.values():
        if kind.endswith("/drawing") and target in zf.namelist():
            n += sum(1 for k, _t in _rels(zf, target).values() if k.endswith("/chart"))
    return n


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _a_text(el: Any) -> str:
    return " ".join("".join(t.text or "" for t in el.iter(_A + "t", _NS + "t")).split())


def _sheet_notes(zf: zipfile.ZipFile, sheet_rels: dict[str, tuple[str, str]]) -> list[str]:
    """Cell comments, drawing text (text boxes, shapes) and chart titles of one sheet, each a labelled line."""
    names = set(zf.namelist())
    notes: list[str] = []
    for kind, target in sheet_rels.values():
        if target not in names:
            continue
        if kind.endswith("/comments"):
            root = _xml(zf, target)
            authors = [" ".join((a.text or "").split()) for a in root.iter(_NS + "author")]
            for c in root.iter(_NS + "comment"):
                text = _a_text(c)
                idx = int(c.get("authorId", "-1") or -1)
                who = authors[idx] if 0 <= idx < len(authors) and authors[idx] else ""
                if text:
                    notes.append(f"[comment on {c.get('ref', '?')}{' by ' + who if who else ''}: {text}]")
        elif kind.endswith("/drawing"):
            root = _xml(zf, target)
            for sp in root.iter(_XDR + "sp"):
                body = sp.find(_XDR + "txBody")
                text = _a_text(body) if body is not None else ""
                if text:
                    notes.append(f"[text box: {text}]")
            for pic in root.iter(_XDR + "pic"):
                pr = pic.find(f"{_XDR}nvPicPr/{_XDR}cNvPr")
                alt = " ".join((pr.get("descr") or "").split()) if pr is not None else ""
                if alt:
                    notes.append(f"[image: {alt}]")
            for ckind, chart_part in _rels(zf, target).values():
                if not ckind.endswith("/chart") or chart_part not in names:
                    continue
                chart = _xml(zf, chart_part)
                titles = [_a_text(t) for t in chart.iter(_CHART + "title")]
                titles = [t for t in titles if t]
                if titles:
                    notes.append(
                        f"[chart: {titles[0]}" + (f"; axis titles: {'; '.join(titles[1:])}" if titles[1:] else "") + "]"
                    )
    return notes


def _parse_sheet(
    zf: zipfile.ZipFile, path: str, sheet: SheetData, strings: list[str], formats: list[str], epoch: Any
) -> None:
    from lxml import etree
    from openpyxl.formula.translate import Translator
    from openpyxl.styles.numbers import is_date_format
    from openpyxl.utils.datetime import from_excel

    cells, fmts, cached = sheet.cells, sheet.formats, sheet.cached
    is_date: dict[int, bool] = {}
    shared: dict[str, tuple[str, str]] = {}
    c_tag, v_tag, f_tag, is_tag, t_tag, row_tag = _NS + "c", _NS + "v", _NS + "f", _NS + "is", _NS + "t", _NS + "row"
    max_row = max_col = 0
    row_no = 0
    # Stream the rows (a whole-sheet tree of a 40 MB part costs ~15x its size in memory) and clear each one.
    rows = etree.iterparse(
        zf.open(path), events=("end",), tag=row_tag, resolve_entities=False, no_network=True, remove_comments=True
    )
    for _event, row in rows:
        checkpoint()
        r_attr = row.get("r")
        row_no = int(r_attr) if r_attr else row_no + 1
        col_no = 0
        for c in row.iter(c_tag):
            ref = c.get("r")
            if ref:
                r, col_no = _split_ref(ref)
            else:
                r, col_no = row_no, col_no + 1
            if r > max_row:
                max_row = r
            if col_no > max_col:
                max_col = col_no
            key = (r, col_no)
            style = int(c.get("s", "0") or 0)
            fmt = formats[style] if 0 <= style < len(formats) else "General"
            if fmt != "General":
                fmts[key] = fmt
            t = c.get("t", "n")
            v_node = c.find(v_tag)
            raw = v_node.text if v_node is not None else None
            value: Any = None
            if t == "s":
                if raw is not None:
                    idx = int(raw)
                    value = strings[idx] if 0 <= idx < len(strings) else ""
            elif t == "inlineStr":
                node = c.find(is_tag)
                value = "".join(x.text or "" for x in node.iter(t_tag)) if node is not None else None
            elif t == "b":
                value = raw is not None and raw.strip() in ("1", "true")
            elif t in ("str", "e"):
                value = raw
            elif t == "d":
                if raw:
                    import datetime as dt

                    value = dt.datetime.fromisoformat(raw.rstrip("Z"))
            elif raw is not None and raw != "":
                value = _number(raw)
                if style:
                    flag = is_date.get(style)
                    if flag is None:
                        flag = is_date[style] = is_date_format(fmt)
                    if flag:
                        with contextlib.suppress(ValueError, OverflowError):
                            value = from_excel(value, epoch)
            f_node = c.find(f_tag)
            if f_node is not None:
                ftype = f_node.get("t")
                text = f_node.text
                formula: str | None = None
                if ftype == "shared":
                    si = f_node.get("si", "")
                    if text:
                        shared[si] = (text, ref or _coord(r, col_no))
                        formula = "=" + text
                    elif si in shared:
                        master, origin = shared[si]
                        formula = Translator("=" + master, origin=origin).translate_formula(ref or _coord(r, col_no))
                elif ftype == "array":
                    formula = ArrayFormulaText("=" + (text or ""))
                elif ftype == "dataTable":
                    formula = None
                elif text is not None:
                    formula = "=" + text
                if formula is not None:
                    cells[key] = formula
                    if value is not None and value != "":
                        cached[key] = value
                    continue
            if value is not None:
                if isinstance(value, str) and value[:1] == "=":
                    value = _Literal(value)
                cells[key] = value
        row.clear()
        parent = row.getparent()
        if parent is not None:
            while row.getprevious() is not None:
                del parent[0]
    sheet.max_row, sheet.max_col = max_row, max_col


def _coord(row: int, col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def parse_xlsx(data: bytes, filename: str = "workbook.xlsx", *, cells: bool = True) -> BookData:
    """Parse a workbook's sheets (names, cells, formats, cached values, dimensions, chart counts) in one pass.

    Args:
        data: The xlsx bytes.
        filename: Name used in messages.
        cells: When False, only sheet names and chart counts are read (no sheet XML is parsed).

    Returns:
        A :class:`BookData`.

    Raises:
        OfficeFileError: The bytes are not a readable, safe workbook.
    """
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    check_ooxml(data, "xlsx", filename)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            wb_root = _xml(zf, "xl/workbook.xml")
            pr = wb_root.find(_NS + "workbookPr")
            date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
            epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
            rels = _rels(zf, "xl/workbook.xml")
            strings_path = next((p for k, p in rels.values() if k.endswith("/sharedStrings")), None)
            styles_path = next((p for k, p in rels.values() if k.endswith("/styles")), None)
            strings = _shared_strings(zf, strings_path) if cells else []
            formats = _styles(zf, styles_path) if cells else []
            sheets: list[SheetData] = []
            names = set(zf.namelist())
            for node in wb_root.iter(_NS + "sheet"):
                rel = rels.get(node.get(_R_NS + "id", ""))
                if rel is None or not rel[0].endswith("/worksheet") or rel[1] not in names:
                    continue  # chartsheets and dialog sheets hold no cells
                sheet = SheetData(name=node.get("name", ""))
                sheet_rels = _rels(zf, rel[1])
                sheet.charts = _count_charts(zf, sheet_rels)
                if cells:
                    _parse_sheet(zf, rel[1], sheet, strings, formats, epoch)
                    try:
                        sheet.notes = _sheet_notes(zf, sheet_rels)
                    except (OfficeError, RecursionError):
                        raise
                    except Exception as exc:  # the sheet's cells are still good
                        sheet.notes = [f"[comments or drawings of this sheet could not be read: {type(exc).__name__}]"]
                sheets.append(sheet)
            return BookData(sheets=sheets)
    except OfficeError:
        raise
    except RecursionError as exc:
        raise OfficeFileError(f"{filename} could not be opened as a workbook: structure too deeply nested.") from exc
    except Exception as exc:
        raise OfficeFileError(f"{filename} could not be opened as a workbook: {type(exc).__name__}: {exc}") from exc


def book_from_openpyxl(workbook: Any) -> BookData:
    """Build a :class:`BookData` from an openpyxl workbook loaded with formulas (for callers that already have one)."""
    sheets: list[SheetData] = []
    for ws in workbook.worksheets:
        sheet = SheetData(name=ws.title, max_row=ws.max_row, max_col=ws.max_column)
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if v is None:
                    continue
                key = (cell.row, cell.column)
                kind = type(v).__name__
                if kind == "ArrayFormula":
                    v = ArrayFormulaText(getattr(v, "text", "") or "")
                elif kind == "DataTableFormula":
                    continue
                sheet.cells[key] = v
                if cell.number_format != "General":
                    sheet.formats[key] = cell.number_format
        sheet.charts = len(getattr(ws, "_charts", []))
        sheets.append(sheet)
    return BookData(sheets=sheets)
